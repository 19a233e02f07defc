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
    PCRE2_SIZE *abs;   /* the ovector moved to document offsets */
    uint32_t cap_pairs;
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
    free(m->abs);
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

/* Build a claim from the current match; false when a capture does not parse
 * or one the check needs is unset (the match went through an alternative
 * without it). */
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
    unsigned need = cl_rule_needs(r, c->have);
    if ((c->have & need) != need)
        return false;
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
        size_t n = c->caps[CL_CAP_DATE].end - c->caps[CL_CAP_DATE].start;
        if (cl_date_parse(s, n, doc_date, &c->date)) {
            c->date_origin = CL_DATE_TEXT;
        } else {
            /* Without a document date, a date that needs one (今年, 上半年,
             * 10月) still makes a claim, an undated one, so that --verbose
             * can say why it is not checked. Any leap year will do as the
             * probe's context (2月29日 must read). */
            int32_t day = cl_days_from_civil(2000, 1, 1);
            cl_date probe_ctx = {day, day, CL_DATE_DAY}, probe;
            if (doc_date || !cl_date_parse(s, n, &probe_ctx, &probe))
                return false;
            memset(&c->date, 0, sizeof c->date);
            c->date_relative = true;
        }
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
static size_t next_char_in(PCRE2_SPTR s, size_t len, size_t off)
{
    if (off >= len)
        return len + 1;
    off++;
    while (off < len && (s[off] & 0xC0) == 0x80)
        off++;
    return off;
}

/* Run one pattern over the line [a, b) of the text, adding its claims.
 * Matches may start anywhere in [lo, hi] (line offsets; hi SIZE_MAX: no
 * limit). *resume is where the previous match of this pattern on the line
 * ended. Returns false when a resource limit stopped it. */
static bool run_pattern_window(cl_matcher *m, const cl_rule *r, const cl_pattern *p, const cl_text *text, size_t a,
                               size_t b, size_t lo, size_t hi, size_t *resume, const cl_date *doc_date,
                               cl_claims *out, size_t first, cl_limit_hit **hits, size_t *n_hits)
{
    size_t len = b - a;
    size_t off = lo > *resume ? lo : *resume;
    PCRE2_SPTR subject = (PCRE2_SPTR)text->norm + a;
    pcre2_set_offset_limit(m->mc, hi == SIZE_MAX ? PCRE2_UNSET : hi);
    while (off <= len && (hi == SIZE_MAX || off <= hi)) {
        /* The normaliser writes valid UTF-8 only (every character decoded and
         * encoded again, invalid bytes as U+FFFD; tests/fuzz/fuzz_text.c
         * checks it), lines end at LF and off is always on a character
         * boundary: PCRE2 need not validate the line again on every call. */
        int rc = pcre2_match(p->code, subject, len, off, PCRE2_NO_UTF_CHECK, m->md, m->mc);
        if (rc == PCRE2_ERROR_NOMATCH)
            return true;
        if (rc < 0) {
            if (is_limit_error(rc)) {
                push_hit(hits, n_hits, r, p, a + off, rc);
                return false;
            }
            return true;
        }
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        uint32_t pairs = pcre2_get_ovector_count(m->md);
        if (pairs > m->cap_pairs) {
            m->abs = cl_realloc(m->abs, 2 * pairs * sizeof *m->abs);
            m->cap_pairs = pairs;
        }
        for (uint32_t i = 0; i < 2 * pairs; i++)
            m->abs[i] = ov[i] == PCRE2_UNSET ? PCRE2_UNSET : ov[i] + a;
        cl_claim c;
        if (make_claim(r, p, m->abs, text, doc_date, &c)) {
            bool dup = false;
            for (size_t i = first; i < out->len && !dup; i++)
                dup = out->items[i].rule == r && spans_overlap(out->items[i].anchor, c.anchor);
            if (!dup)
                push_claim(out, &c);
        }
        off = ov[1] > ov[0] ? ov[1] : next_char_in(subject, len, ov[0]);
        *resume = off;
    }
    return true;
}

static bool run_pattern_line(cl_matcher *m, const cl_rule *r, const cl_pattern *p, const cl_text *text, size_t a,
                             size_t b, const cl_date *doc_date, cl_claims *out, size_t first, cl_limit_hit **hits,
                             size_t *n_hits)
{
    size_t resume = 0;
    return run_pattern_window(m, r, p, text, a, b, 0, SIZE_MAX, &resume, doc_date, out, first, hits, n_hits);
}

/* Run a pattern with a bounded longest match only where its literals occur:
 * a match holding the literal at [s, e) starts in [e - max_len, s]. */
static bool run_pattern_hits(cl_matcher *m, const cl_rule *r, const cl_pattern *p, const cl_text *text, size_t a,
                             size_t b, const cl_line_hits *hs, uint32_t clause, const cl_date *doc_date,
                             cl_claims *out, size_t first, cl_limit_hit **hits, size_t *n_hits)
{
    size_t resume = 0, lo = 0, hi = 0;
    bool open = false;
    for (size_t i = 0; i < hs->len; i++) {
        const cl_hit *h = &hs->items[i];
        if (h->clause != clause)
            continue;
        size_t wlo = h->end > p->max_len ? h->end - p->max_len : 0, whi = h->start;
        /* PCRE2 starts only on a character boundary (UTF mode). */
        while (wlo > 0 && ((unsigned char)text->norm[a + wlo] & 0xC0) == 0x80)
            wlo--;
        if (open && wlo <= hi) {
            if (whi > hi)
                hi = whi;
            continue;
        }
        if (open && !run_pattern_window(m, r, p, text, a, b, lo, hi, &resume, doc_date, out, first, hits, n_hits))
            return false;
        lo = wlo, hi = whi, open = true;
    }
    if (open && !run_pattern_window(m, r, p, text, a, b, lo, hi, &resume, doc_date, out, first, hits, n_hits))
        return false;
    return true;
}

static int claim_cmp(const void *a, const void *b)
{
    const cl_claim *x = a, *y = b;
    if (x->anchor.start != y->anchor.start)
        return x->anchor.start < y->anchor.start ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}

/* Lines end at LF; claims never span one (the normaliser turned CR and CRLF
 * into LF, and Markdown's soft breaks into spaces). */
static size_t line_end(const cl_text *t, size_t a)
{
    const char *nl = memchr(t->norm + a, '\n', t->len - a);
    return nl ? (size_t)(nl - t->norm) : t->len;
}

void cl_matcher_run_rule(cl_matcher *m, const cl_rule *rule, const cl_text *text, const cl_date *doc_date,
                         cl_claims *out, cl_limit_hit **hits, size_t *n_hits)
{
    bool *dead = cl_calloc(rule->n_patterns ? rule->n_patterns : 1, sizeof *dead);
    for (size_t a = 0; a <= text->len;) {
        size_t b = line_end(text, a);
        size_t first = out->len;
        for (size_t pi = 0; pi < rule->n_patterns; pi++)
            if (rule->patterns[pi].code && !dead[pi])
                dead[pi] = !run_pattern_line(m, rule, &rule->patterns[pi], text, a, b, doc_date, out, first, hits,
                                             n_hits);
        a = b + 1;
    }
    free(dead);
    if (out->len > 1)
        qsort(out->items, out->len, sizeof *out->items, claim_cmp);
}

void cl_matcher_run(cl_matcher *m, const cl_ruleset *rs, const cl_prefilter *pf, const cl_text *text,
                    const cl_date *doc_date, cl_claims *out, cl_limit_hit **hits, size_t *n_hits)
{
    size_t np = cl_ruleset_pattern_count(rs);
    bool *dead = cl_calloc(np ? np : 1, sizeof *dead); /* patterns stopped by a limit in this document */
    cl_line_hits lh;
    cl_line_hits_init(&lh, pf);
    for (size_t a = 0; a <= text->len;) {
        size_t b = line_end(text, a);
        cl_prefilter_scan(pf, text->norm + a, b - a, &lh);
        size_t first = out->len;
        const cl_rule *prev = NULL;
        for (size_t i = 0; i < cl_ruleset_count(rs); i++) {
            const cl_rule *r = cl_ruleset_at(rs, i);
            if (r->disabled)
                continue;
            for (size_t k = 0; k < r->n_patterns; k++) {
                const cl_pattern *p = &r->patterns[k];
                if (!p->code || dead[p->index])
                    continue;
                long pick = cl_prefilter_pick(p, &lh);
                if (pick == -2)
                    continue;
                if (r != prev) {
                    first = out->len; /* overlaps are only checked within a rule */
                    prev = r;
                }
                bool ok = pick >= 0 && p->max_len != SIZE_MAX
                              ? run_pattern_hits(m, r, p, text, a, b, &lh, (uint32_t)pick, doc_date, out, first,
                                                 hits, n_hits)
                              : run_pattern_line(m, r, p, text, a, b, doc_date, out, first, hits, n_hits);
                dead[p->index] = !ok;
            }
        }
        a = b + 1;
    }
    cl_line_hits_free(&lh);
    free(dead);
    if (out->len > 1)
        qsort(out->items, out->len, sizeof *out->items, claim_cmp);
}
