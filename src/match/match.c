/* Matching rules against normalised text. Patterns are compiled once by the
 * rule loader; here each is run across the whole document with one match
 * data block per matcher, and a match becomes a claim only when its captures
 * parse as the quantities and dates the check needs. */
#include "match/match.h"

#include <stdlib.h>
#include <string.h>

struct cl_matcher {
    pcre2_match_data *md;
    pcre2_match_context *mc;
};

cl_matcher *cl_matcher_new(uint32_t max_groups)
{
    cl_matcher *m = cl_calloc(1, sizeof *m);
    m->md = pcre2_match_data_create(max_groups + 1, NULL);
    m->mc = pcre2_match_context_create(NULL);
    if (!m->md || !m->mc) {
        cl_matcher_free(m);
        return NULL;
    }
    pcre2_set_match_limit(m->mc, CL_DEFAULT_MATCH_LIMIT);
    pcre2_set_depth_limit(m->mc, CL_DEFAULT_DEPTH_LIMIT);
    pcre2_set_heap_limit(m->mc, CL_DEFAULT_HEAP_LIMIT_KIB);
    return m;
}

void cl_matcher_free(cl_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    free(m);
}

void cl_claims_free(cl_claims *c)
{
    free(c->items);
    c->items = NULL;
    c->len = c->cap = 0;
}

bool cl_cap_is_quantity(cl_cap c)
{
    switch (c) {
    case CL_CAP_VALUE: case CL_CAP_PART: case CL_CAP_WHOLE: case CL_CAP_RATIO:
    case CL_CAP_A: case CL_CAP_B: case CL_CAP_TOTAL:
        return true;
    default:
        return false;
    }
}

/* The capture a diagnostic points at, per check. */
static const cl_cap anchor_cap[CL_CHECK_COUNT] = {
    [CL_CHECK_VALUE] = CL_CAP_VALUE, [CL_CHECK_DATE] = CL_CAP_DATE,   [CL_CHECK_NAME] = CL_CAP_NAME,
    [CL_CHECK_RATIO] = CL_CAP_RATIO, [CL_CHECK_PRODUCT] = CL_CAP_TOTAL, [CL_CHECK_SHARE] = CL_CAP_RATIO};

/* The quantity a qualifier capture (?<qual>) modifies, per check. */
static const cl_cap qual_target[CL_CHECK_COUNT] = {
    [CL_CHECK_VALUE] = CL_CAP_VALUE, [CL_CHECK_DATE] = CL_CAP_COUNT,  [CL_CHECK_NAME] = CL_CAP_COUNT,
    [CL_CHECK_RATIO] = CL_CAP_RATIO, [CL_CHECK_PRODUCT] = CL_CAP_TOTAL, [CL_CHECK_SHARE] = CL_CAP_RATIO};

static bool spans_overlap(cl_span a, cl_span b)
{
    if (a.start == a.end || b.start == b.end)
        return a.start == b.start;
    return a.start < b.end && b.start < a.end;
}

/* Build a claim from the current match; false when a capture does not parse. */
static bool make_claim(const cl_rule *r, const cl_pattern *p, const PCRE2_SIZE *ov, const cl_text *text,
                       const cl_date *doc_date, cl_claim *c)
{
    memset(c, 0, sizeof *c);
    c->rule = r;
    c->pattern = p;
    c->match.start = ov[0];
    c->match.end = ov[1];
    for (int k = 0; k < CL_CAP_COUNT; k++) {
        for (const int *g = p->groups[k]; *g; g++) {
            PCRE2_SIZE s = ov[2 * *g], e = ov[2 * *g + 1];
            if (s == PCRE2_UNSET)
                continue;
            c->caps[k].start = s;
            c->caps[k].end = e;
            c->have |= 1u << k;
            break;
        }
    }
    for (int k = 0; k < CL_CAP_COUNT; k++) {
        if (!(c->have & (1u << k)) || !cl_cap_is_quantity((cl_cap)k))
            continue;
        const char *s = text->norm + c->caps[k].start;
        if (!cl_quantity_parse(s, c->caps[k].end - c->caps[k].start, &c->qty[k]))
            return false;
    }
    if (r->check == CL_CHECK_VALUE && r->has_fixed && !(c->have & (1u << CL_CAP_VALUE))) {
        c->qty[CL_CAP_VALUE] = r->fixed;
        c->have |= 1u << CL_CAP_VALUE;
        c->caps[CL_CAP_VALUE] = c->match;
    }
    if (c->have & (1u << CL_CAP_QUAL)) {
        cl_qual q;
        cl_cap target = qual_target[r->check];
        const char *s = text->norm + c->caps[CL_CAP_QUAL].start;
        size_t n = c->caps[CL_CAP_QUAL].end - c->caps[CL_CAP_QUAL].start;
        if (n > 0 && target != CL_CAP_COUNT && (c->have & (1u << target))) {
            if (!cl_qual_parse(s, n, &q))
                return false;
            cl_quantity_set_qual(&c->qty[target], q);
        }
    }
    if (c->have & (1u << CL_CAP_DATE)) {
        const char *s = text->norm + c->caps[CL_CAP_DATE].start;
        if (!cl_date_parse(s, c->caps[CL_CAP_DATE].end - c->caps[CL_CAP_DATE].start, doc_date, &c->date))
            return false;
        c->date_origin = CL_DATE_TEXT;
    } else if (doc_date) {
        c->date = *doc_date;
        c->date_origin = CL_DATE_DOCUMENT;
    }
    cl_cap a = anchor_cap[r->check];
    c->anchor = (c->have & (1u << a)) ? c->caps[a] : c->match;
    if (c->anchor.start == c->anchor.end)
        c->anchor = c->match;
    return true;
}

static void push_claim(cl_claims *out, const cl_claim *c)
{
    if (out->len == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 16;
        out->items = cl_realloc(out->items, out->cap * sizeof *out->items);
    }
    out->items[out->len++] = *c;
}

static void push_hit(cl_limit_hit **hits, size_t *n_hits, const cl_rule *r, const cl_pattern *p, size_t off,
                     int code)
{
    *hits = cl_realloc(*hits, (*n_hits + 1) * sizeof **hits);
    (*hits)[(*n_hits)++] = (cl_limit_hit){r, p, off, code};
}

static bool is_limit_error(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
           rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_NOMEMORY;
}

/* Advance one character from off (UTF-8), for empty matches. */
static size_t next_char(const cl_text *t, size_t off)
{
    if (off >= t->len)
        return t->len + 1;
    off++;
    while (off < t->len && ((unsigned char)t->norm[off] & 0xC0) == 0x80)
        off++;
    return off;
}

static void run_rule(cl_matcher *m, const cl_rule *r, const cl_text *text, const cl_date *doc_date,
                     cl_claims *out, cl_limit_hit **hits, size_t *n_hits)
{
    size_t first = out->len;
    for (size_t pi = 0; pi < r->n_patterns; pi++) {
        const cl_pattern *p = &r->patterns[pi];
        if (!p->code)
            continue;
        size_t off = 0;
        while (off <= text->len) {
            int rc = pcre2_match(p->code, (PCRE2_SPTR)text->norm, text->len, off, 0, m->md, m->mc);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0) {
                if (is_limit_error(rc))
                    push_hit(hits, n_hits, r, p, off, rc);
                break;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
            cl_claim c;
            if (make_claim(r, p, ov, text, doc_date, &c)) {
                bool dup = false;
                for (size_t i = first; i < out->len && !dup; i++)
                    dup = spans_overlap(out->items[i].anchor, c.anchor);
                if (!dup)
                    push_claim(out, &c);
            }
            off = ov[1] > ov[0] ? ov[1] : next_char(text, ov[0]);
        }
    }
}

static int claim_cmp(const void *a, const void *b)
{
    const cl_claim *x = a, *y = b;
    if (x->anchor.start != y->anchor.start)
        return x->anchor.start < y->anchor.start ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}

void cl_matcher_run_rule(cl_matcher *m, const cl_rule *rule, const cl_text *text, const cl_date *doc_date,
                         cl_claims *out, cl_limit_hit **hits, size_t *n_hits)
{
    run_rule(m, rule, text, doc_date, out, hits, n_hits);
    qsort(out->items, out->len, sizeof *out->items, claim_cmp);
}

void cl_matcher_run(cl_matcher *m, const cl_ruleset *rs, const cl_text *text, const cl_date *doc_date,
                    cl_claims *out, cl_limit_hit **hits, size_t *n_hits)
{
    for (size_t i = 0; i < cl_ruleset_count(rs); i++) {
        const cl_rule *r = cl_ruleset_at(rs, i);
        if (!r->disabled)
            run_rule(m, r, text, doc_date, out, hits, n_hits);
    }
    if (out->len > 1)
        qsort(out->items, out->len, sizeof *out->items, claim_cmp);
}
