/* The checks. Each claim is compared with what the reference says at the
 * claim's date, with the arithmetic it states, and with earlier claims of
 * the same fact. Intervals decide: a finding is raised only when the values
 * the claim's words allow cannot overlap the values the reference allows. */
#define _GNU_SOURCE /* memmem */
#include "check/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Diagnostics lists ---------------------------------------------------- */

cl_diag *cl_diags_push(cl_diags *d)
{
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = cl_realloc(d->items, d->cap * sizeof *d->items);
    }
    cl_diag *x = &d->items[d->len++];
    memset(x, 0, sizeof *x);
    return x;
}

void cl_diag_clear(cl_diag *d)
{
    free(d->file), free(d->rule), free(d->message), free(d->fact), free(d->claimed), free(d->reference);
    free(d->text), free(d->norm_text);
    for (size_t i = 0; i < d->n_notes; i++)
        free(d->notes[i].file), free(d->notes[i].message);
    free(d->notes);
    memset(d, 0, sizeof *d);
}

void cl_diag_add_note(cl_diag *d, const char *file, int line, int column, const char *message)
{
    d->notes = cl_realloc(d->notes, (d->n_notes + 1) * sizeof *d->notes);
    cl_diag_note *n = &d->notes[d->n_notes++];
    n->file = file ? cl_strdup(file) : NULL;
    n->line = line;
    n->column = column;
    n->message = cl_strdup(message);
}

static int diag_cmp(const void *a, const void *b)
{
    const cl_diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    if (x->remark != y->remark)
        return x->remark ? 1 : -1;
    return strcmp(x->rule ? x->rule : "", y->rule ? y->rule : "");
}

void cl_diags_sort(cl_diags *d)
{
    /* qsort is not stable; ties are broken by rule id, then message. */
    if (d->len > 1)
        qsort(d->items, d->len, sizeof *d->items, diag_cmp);
}

/* ---- Templates ------------------------------------------------------------ */

char *cl_template_expand(const char *tmpl, const char *const *vars)
{
    cl_buf b = {0};
    for (const char *p = tmpl; *p;) {
        if (p[0] == '{' && p[1] == '{') {
            cl_buf_putc(&b, '{');
            p += 2;
            continue;
        }
        if (p[0] == '}' && p[1] == '}') {
            cl_buf_putc(&b, '}');
            p += 2;
            continue;
        }
        if (*p == '{') {
            const char *end = strchr(p + 1, '}');
            if (end) {
                size_t n = (size_t)(end - p - 1);
                const char *val = NULL;
                for (size_t i = 0; vars[i]; i += 2)
                    if (strlen(vars[i]) == n && memcmp(vars[i], p + 1, n) == 0) {
                        val = vars[i + 1];
                        break;
                    }
                if (val) {
                    cl_buf_puts(&b, val);
                    p = end + 1;
                    continue;
                }
            }
        }
        cl_buf_putc(&b, *p++);
    }
    return cl_buf_detach(&b);
}

/* ---- Positions and text --------------------------------------------------- */

static size_t orig_start(const cl_doc *doc, size_t norm)
{
    return doc->text->map[norm];
}

static size_t orig_end(const cl_doc *doc, size_t norm_end)
{
    return cl_text_orig_end(doc->text, norm_end);
}

static char *orig_text(const cl_doc *doc, cl_span s)
{
    size_t a = orig_start(doc, s.start), b = orig_end(doc, s.end);
    if (b < a)
        b = a;
    return cl_text_visible(doc->orig + a, b - a); /* without the markup extraction blanked */
}

static void locate(const cl_doc *doc, size_t off, int *line, int *col)
{
    cl_lines_locate(doc->lines, off, doc->unit, line, col);
}

/* ---- Formatting ------------------------------------------------------------ */

static void fmt_date(const cl_date *d, char *buf, size_t n)
{
    cl_date_format(d, buf, n);
}

/* The claim's date for messages; claims about fixed facts may have none. */
static void fmt_claim_date(const cl_claim *cl, char *buf, size_t n)
{
    if (cl->date_origin == CL_DATE_NONE)
        snprintf(buf, n, "an unstated date");
    else
        cl_date_format(&cl->date, buf, n);
}

/* The claimed quantity: qualifier in words, then the number as written. */
static char *fmt_claimed(const cl_doc *doc, const cl_claim *cl, cl_cap cap)
{
    const cl_quantity *q = &cl->qty[cap];
    cl_span s = cl->caps[cap];
    char *num;
    if (cl->rule->has_fixed && cap == CL_CAP_VALUE && s.start == cl->match.start && s.end == cl->match.end) {
        char buf[64];
        cl_rat_format(q->value, 6, buf, sizeof buf);
        num = cl_strdup(buf);
    } else {
        cl_span ns = {s.start + q->num_start, s.start + q->num_end};
        if (ns.end <= ns.start || ns.end > s.end)
            ns = s;
        num = orig_text(doc, ns);
    }
    /* "only 1/100" is stated as exact: say just the number. */
    const char *w = cl->qty[cap].qual == CL_QUAL_EXACT ? "" : cl_qual_words(cl->qty[cap].qual);
    char *out = *w ? cl_strfmt("%s %s", w, num) : cl_strdup(num);
    free(num);
    return out;
}

/* A ratio as a percentage, with "about 1/N" for small ones. */
static char *fmt_ratio_value(cl_rat v)
{
    double d = cl_rat_to_double(v);
    if (d > 0 && d < 0.1) {
        long n = (long)(1.0 / d + 0.5);
        return cl_strfmt("about 1/%ld (%.2f%%)", n, d * 100);
    }
    return cl_strfmt("%.1f%%", d * 100);
}

static cl_rat interval_mid(const cl_interval *iv)
{
    if (iv->lo_kind == CL_BOUND_INF)
        return iv->hi;
    if (iv->hi_kind == CL_BOUND_INF)
        return iv->lo;
    cl_rat sum, half;
    if (!cl_rat_add(iv->lo, iv->hi, &sum) || !cl_rat_div(sum, cl_rat_int(2), &half))
        return iv->lo;
    return half;
}

/* An amount in the scale the writer used for the comparison value. */
static char *fmt_amount_like(cl_rat v, const char *sample)
{
    static const struct { const char *word; int64_t scale; const char *suffix; } scales[] = {
        {"万亿", 1000000000000LL, "万亿"}, {"亿", 100000000LL, "亿"}, {"万", 10000LL, "万"},
        {"trillion", 1000000000000LL, " trillion"}, {"billion", 1000000000LL, " billion"},
        {"bn", 1000000000LL, " billion"}, {"million", 1000000LL, " million"}};
    char buf[64];
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        if (sample && strstr(sample, scales[i].word)) {
            cl_rat s;
            if (cl_rat_div(v, cl_rat_int(scales[i].scale), &s)) {
                cl_rat_format(s, 4, buf, sizeof buf);
                return cl_strfmt("%s%s", buf, scales[i].suffix);
            }
        }
    }
    cl_rat_format(v, 6, buf, sizeof buf);
    return cl_strdup(buf);
}

static const char *source_text(const cl_fact *f, const cl_point *p, char *buf, size_t n)
{
    const cl_source *s = p && p->source ? p->source : f->n_sources ? &f->sources[0] : NULL;
    if (!s)
        return "";
    if (s->date)
        snprintf(buf, n, " (source: %s, %s)", s->title, s->date);
    else
        snprintf(buf, n, " (source: %s)", s->title);
    return buf;
}

/* "106 as of 2024-10" for one reference point. */
static char *fmt_point(const cl_fact *f, const cl_point *p)
{
    char d1[64], d2[64];
    if (!p->has_date)
        return cl_strdup(p->text);
    fmt_date(&p->date, d1, sizeof d1);
    if (f->over_time == CL_TIME_STEPWISE) {
        if (p->has_until) {
            fmt_date(&p->until, d2, sizeof d2);
            return cl_strfmt("%s from %s until %s", p->text, d1, d2);
        }
        return cl_strfmt("%s from %s", p->text, d1);
    }
    return cl_strfmt("%s as of %s", p->text, d1);
}

/* What the reference says at a date, from the points that informed it. */
static char *fmt_reference(const cl_fact *f, const cl_point **pts, size_t n, const cl_date *when)
{
    if (n == 0)
        return cl_strdup("no value");
    char *a = fmt_point(f, pts[0]);
    if (n == 1) {
        if (f->over_time == CL_TIME_CUMULATIVE && pts[0]->has_date && when &&
            !cl_date_overlaps(&pts[0]->date, when)) {
            const char *rel = pts[0]->date.hi < when->lo ? "an earlier" : "a later";
            char *s = cl_strfmt("%s (%s date; the figure never decreases)", a, rel);
            free(a);
            return s;
        }
        return a;
    }
    char *b = fmt_point(f, pts[1]);
    char *s = cl_strfmt("%s and %s", a, b);
    free(a), free(b);
    return s;
}

/* Notes at the reference points, each prefixed with `label: ` when given. */
static void add_ref_notes_labelled(cl_diag *d, const cl_fact *f, const cl_point **pts, size_t n, const char *label)
{
    char src[512];
    for (size_t i = 0; i < n; i++) {
        char *pt = fmt_point(f, pts[i]);
        char *msg = cl_strfmt("%s%s%s%s%s%s%s", label ? label : "", label ? ": " : "",
                              pts[i]->note ? pts[i]->note : "", pts[i]->note ? ": " : "", pt,
                              source_text(f, pts[i], src, sizeof src),
                              f->confidence == CL_CONF_LOW ? " [low confidence]" : "");
        cl_diag_add_note(d, pts[i]->pos.file, pts[i]->pos.line, pts[i]->pos.column, msg);
        free(pt);
        free(msg);
    }
}

static void add_ref_notes(cl_diag *d, const cl_fact *f, const cl_point **pts, size_t n)
{
    add_ref_notes_labelled(d, f, pts, n, NULL);
}

static cl_severity severity_for(const cl_rule *r, const cl_fact *f, const cl_fact *f2)
{
    cl_severity s = (cl_severity)r->severity;
    if ((f && f->confidence == CL_CONF_LOW) || (f2 && f2->confidence == CL_CONF_LOW))
        s = CL_SEVERITY_NOTE;
    return s;
}

/* A diagnostic at span of a claim: position, rule, fact and text filled in. */
static cl_diag *diag_at(const cl_doc *doc, const cl_claim *cl, cl_span span, cl_severity sev, cl_diags *out)
{
    cl_diag *d = cl_diags_push(out);
    d->file = cl_strdup(doc->file);
    d->offset = orig_start(doc, span.start);
    d->end_offset = orig_end(doc, span.end);
    if (d->end_offset < d->offset)
        d->end_offset = d->offset;
    locate(doc, d->offset, &d->line, &d->column);
    locate(doc, d->end_offset, &d->end_line, &d->end_column);
    d->severity = sev;
    d->rule = cl_strdup(cl->rule->id);
    d->fact = cl_strdup(cl->rule->fact_key);
    d->text = orig_text(doc, span);
    d->norm_text = cl_strndup(doc->text->norm + span.start, span.end - span.start);
    d->offset += doc->base_offset;
    d->end_offset += doc->base_offset;
    return d;
}

/* A diagnostic at a claim's anchor with the rule's message (or the default). */
static cl_diag *new_finding(const cl_doc *doc, const cl_claim *cl, cl_diags *out, const char *default_tmpl,
                            const char *const *vars, cl_severity sev)
{
    cl_diag *d = diag_at(doc, cl, cl->anchor, sev, out);
    d->message = cl_template_expand(cl->rule->message ? cl->rule->message : default_tmpl, vars);
    return d;
}

static void remark(const cl_doc *doc, const cl_claim *cl, cl_diags *out, const char *msg)
{
    cl_diag *d = diag_at(doc, cl, cl->anchor, CL_SEVERITY_NOTE, out);
    free(d->fact);
    d->fact = NULL;
    d->message = cl_strdup(msg);
    d->remark = true;
}

/* The unit a claim's quantity is in: as written, else the rule's, else the fact's. */
static const char *claim_unit(const cl_claim *cl, cl_cap cap)
{
    const char *u = cl->qty[cap].unit;
    if (u && u[0])
        return u;
    if (cl->rule->unit)
        return cl->rule->unit;
    if (cl->rule->fact && cl->rule->fact->type == CL_FACT_QUANTITY)
        return cl->rule->fact->unit;
    return "";
}

/* ---- Value checks ---------------------------------------------------------- */

typedef struct summary summary; /* earlier claims, summarised (below) */

typedef struct ctx {
    const cl_ruleset *rs;
    const cl_reftable *ref;
    const cl_doc *doc;
    bool verbose;
    cl_diags *out;
    cl_kept_list *kept; /* this document's value claims so far */
    summary *local;     /* and their summary, for the checks between them */
} ctx;

/* Why an undated claim is not checked: it has no date, or its date (今年,
 * 上半年, 10月) needs the document's, which is unknown. */
static void remark_undated(ctx *x, const cl_claim *cl, const char *what)
{
    if (cl->date_relative) {
        char *date = orig_text(x->doc, cl->caps[CL_CAP_DATE]);
        char *m = cl_strfmt("%s: the claim's date '%s' needs the document's date, and the document has none (use --date)",
                            what, date);
        remark(x->doc, cl, x->out, m);
        free(m), free(date);
    } else {
        char *m = cl_strfmt("%s: the claim has no date and the document has none (use --date)", what);
        remark(x->doc, cl, x->out, m);
        free(m);
    }
}

static bool check_value_reference(ctx *x, const cl_claim *cl)
{
    const cl_rule *r = cl->rule;
    const cl_fact *f = r->fact;
    if (!f || f->n_points == 0)
        return false;
    const cl_quantity *q = &cl->qty[CL_CAP_VALUE];
    const char *unit = claim_unit(cl, CL_CAP_VALUE);
    if (strcmp(unit, f->unit) != 0) {
        if (x->verbose) {
            char *m = cl_strfmt("not compared: the claim is in '%s', the fact '%s' in '%s'", unit[0] ? unit : "none",
                                f->key, f->unit[0] ? f->unit : "none");
            remark(x->doc, cl, x->out, m);
            free(m);
        }
        return true;
    }
    if (cl_fact_varies(f) && cl->date_origin == CL_DATE_NONE) {
        if (x->verbose)
            remark_undated(x, cl, "not checked against the reference");
        return true;
    }
    cl_interval ref;
    const cl_point *pts[2];
    size_t n = cl_fact_value_at(f, cl->date_origin ? &cl->date : NULL, &ref, pts);
    if (n == 0) {
        if (x->verbose)
            remark(x->doc, cl, x->out, "not checked: the reference has no value in effect at the claim's date");
        return false;
    }
    if (cl_interval_overlaps(&q->range, &ref))
        return true;
    char date[64];
    fmt_claim_date(cl, date, sizeof date);
    char *claimed = fmt_claimed(x->doc, cl, CL_CAP_VALUE);
    char *reference = fmt_reference(f, pts, n, &cl->date);
    const char *vars[] = {"claimed", claimed, "date", date, "reference", reference, "label", f->label,
                          "text", "", NULL};
    const char *tmpl = cl->date_origin == CL_DATE_NONE ? "claimed {claimed} {label}; the reference has {reference}"
                                                       : "claimed {claimed} {label} as of {date}; the reference has {reference}";
    cl_diag *d = new_finding(x->doc, cl, x->out, tmpl, vars, severity_for(r, f, NULL));
    d->claimed = claimed;
    d->reference = reference;
    add_ref_notes(d, f, pts, n);
    return true;
}

/* Relations with reference values: a part above the whole, a whole below a part. */
static void check_value_relations(ctx *x, const cl_claim *cl)
{
    const cl_rule *r = cl->rule;
    const cl_fact *f = r->fact;
    if (!f)
        return;
    /* Without a date only facts that do not change over time can be related. */
    const cl_date *when = cl->date_origin != CL_DATE_NONE ? &cl->date : NULL;
    const cl_interval *q = &cl->qty[CL_CAP_VALUE].range;
    for (size_t i = 0; i < cl_reftable_relation_count(x->ref); i++) {
        const cl_relation *rel = cl_reftable_relation_at(x->ref, i);
        const cl_fact *other = NULL;
        bool claim_is_part = false;
        if (rel->type == CL_REL_AT_MOST && rel->parts[0] == f)
            other = rel->whole, claim_is_part = true;
        else if (rel->whole == f && rel->n_parts > 0)
            other = rel->type == CL_REL_AT_MOST ? rel->parts[0] : NULL;
        if (!other || other->n_points == 0)
            continue;
        if (when == NULL && cl_fact_varies(f))
            continue;
        cl_interval ref;
        const cl_point *pts[2];
        size_t n = cl_fact_value_at(other, when, &ref, pts);
        if (n == 0)
            continue;
        bool bad;
        if (claim_is_part) /* part.lo must not exceed whole.hi */
            bad = q->lo_kind != CL_BOUND_INF && ref.hi_kind != CL_BOUND_INF && cl_rat_cmp(q->lo, ref.hi) > 0;
        else /* whole.hi must not be below part.lo */
            bad = q->hi_kind != CL_BOUND_INF && ref.lo_kind != CL_BOUND_INF && cl_rat_cmp(q->hi, ref.lo) < 0;
        if (!bad)
            continue;
        char date[64];
        fmt_claim_date(cl, date, sizeof date);
        char *claimed = fmt_claimed(x->doc, cl, CL_CAP_VALUE);
        char *reference = fmt_reference(other, pts, n, &cl->date);
        char *tmpl = cl_strfmt("claimed {claimed} {label}%s, %s {other}: the reference has {reference}",
                               when ? " as of {date}" : "", claim_is_part ? "more than the" : "fewer than the");
        const char *vars[] = {"claimed", claimed, "date", date, "reference", reference, "label", f->label,
                              "other", other->label, NULL};
        /* A relation finding is not the rule's own message. */
        cl_diag *d = diag_at(x->doc, cl, cl->anchor, severity_for(r, f, other), x->out);
        d->message = cl_template_expand(tmpl, vars);
        d->claimed = claimed;
        d->reference = reference;
        char *rn = cl_strfmt("%s must not exceed %s", claim_is_part ? f->label : other->label,
                             claim_is_part ? other->label : f->label);
        cl_diag_add_note(d, rel->pos.file, rel->pos.line, rel->pos.column, rn);
        free(rn);
        add_ref_notes(d, other, pts, n);
        free(tmpl);
    }
}

/* The claim summarised in s about `fact` for the given date (or any date,
 * for a timeless fact) with the highest lower bound (maxlo) or the lowest
 * upper bound, or NULL. */
static const cl_kept *earlier_claim_at(const summary *s, const cl_fact *fact, const cl_date *date,
                                       cl_date_origin origin, const char *unit, bool maxlo);

/* Where a sum-relation finding goes: at a claim of the document being
 * checked (claims from its own summary), or at a kept claim checked against
 * earlier documents (claims from the store's summary, in other files). */
typedef struct sum_site {
    const cl_reftable *ref;
    const summary *claims;
    const char *file;     /* the document's file */
    bool other_files;     /* the claims summarised are of earlier documents */
    cl_diag *(*make)(const struct sum_site *, cl_severity);
    ctx *x;               /* document mode */
    const cl_claim *cl;
    const cl_kept *k;     /* store mode */
    cl_diags *out;
} sum_site;

/* Sum relations: parts that together exceed the whole. A part or whole
 * without a reference value at the claim's date is taken from earlier
 * claims of it for that date. Returns whether anything was reported. */
static bool sum_relations(const sum_site *site, const cl_fact *f, const cl_date *when, const cl_date *claim_date,
                          const char *unit, const cl_interval *q, const char *claimed_txt, const char *sample)
{
    bool reported = false;
    if (!f || (when == NULL && cl_fact_varies(f)))
        return false;
    cl_date_origin origin = when ? CL_DATE_TEXT : CL_DATE_NONE;
    const char *here = site->other_files ? "in other files" : "earlier in this file";
    for (size_t i = 0; i < cl_reftable_relation_count(site->ref); i++) {
        const cl_relation *rel = cl_reftable_relation_at(site->ref, i);
        if (rel->type != CL_REL_SUM_AT_MOST)
            continue;
        bool is_whole = rel->whole == f, is_part = false;
        for (size_t k = 0; k < rel->n_parts; k++)
            is_part |= rel->parts[k] == f;
        if (!is_whole && !is_part)
            continue;
        /* The least the parts (other than the claim's own fact) can add up
         * to, from the reference, else from earlier claims; a part known
         * from neither contributes nothing. */
        cl_rat sum = cl_rat_int(0);
        bool ok = true;
        const cl_kept *used[8];
        const cl_fact *used_fact[8];
        size_t n_used = 0, n_ref = 0;
        const cl_fact *ref_fact[8];
        const cl_point *ref_pts[8][2];
        size_t ref_n[8];
        for (size_t k = 0; k < rel->n_parts && ok; k++) {
            if (rel->parts[k] == f)
                continue;
            cl_interval iv;
            const cl_point *pts[2];
            size_t n_pts = cl_fact_value_at(rel->parts[k], when, &iv, pts);
            if (n_pts > 0) {
                if (iv.lo_kind != CL_BOUND_INF) {
                    ok = cl_rat_add(sum, iv.lo, &sum);
                    if (n_ref < sizeof ref_fact / sizeof *ref_fact) {
                        ref_fact[n_ref] = rel->parts[k];
                        ref_pts[n_ref][0] = pts[0], ref_pts[n_ref][1] = pts[1];
                        ref_n[n_ref++] = n_pts;
                    }
                }
                continue;
            }
            const cl_kept *e = earlier_claim_at(site->claims, rel->parts[k], when, origin, unit, true);
            if (e && e->range.lo_kind != CL_BOUND_INF) {
                ok = cl_rat_add(sum, e->range.lo, &sum);
                if (n_used < sizeof used / sizeof *used)
                    used_fact[n_used] = rel->parts[k], used[n_used++] = e;
            }
        }
        if (!ok)
            continue;
        bool bad = false;
        cl_interval whole;
        const cl_point *wpts[2] = {NULL, NULL};
        size_t wn = 0;
        const cl_kept *wclaim = NULL;
        if (is_whole) {
            bad = q->hi_kind != CL_BOUND_INF && cl_rat_cmp(q->hi, sum) < 0;
        } else {
            wn = cl_fact_value_at(rel->whole, when, &whole, wpts);
            if (wn == 0 && (wclaim = earlier_claim_at(site->claims, rel->whole, when, origin, unit, false)) != NULL)
                whole = wclaim->range;
            cl_rat total;
            if ((wn > 0 || wclaim) && whole.hi_kind != CL_BOUND_INF && q->lo_kind != CL_BOUND_INF &&
                cl_rat_add(q->lo, sum, &total))
                bad = cl_rat_cmp(total, whole.hi) > 0;
        }
        /* Against earlier documents, only what their claims add: the
         * reference alone was the document's own check. */
        if (!bad || (site->other_files && n_used == 0 && !wclaim))
            continue;
        char date[80] = "";
        if (when) {
            char d[64];
            fmt_date(when, d, sizeof d);
            snprintf(date, sizeof date, " as of %s", d);
        }
        char *sumtxt = fmt_amount_like(sum, sample);
        char *claimed = cl_strdup(claimed_txt);
        char *wwhere = wclaim ? (site->other_files ? cl_strfmt("in %s", wclaim->file) : cl_strdup(here)) : NULL;
        char *reference = is_whole ? cl_strfmt("at least %s for its parts together", sumtxt)
                          : wclaim ? cl_strdup(wclaim->text)
                                   : fmt_reference(rel->whole, wpts, wn, claim_date);
        char *msg;
        if (is_whole && n_used && !n_ref)
            msg = cl_strfmt("claimed %s %s%s, less than its parts claimed %s add up to (%s)", claimed, f->label,
                            date, here, sumtxt);
        else if (is_whole && n_used)
            msg = cl_strfmt("claimed %s %s%s, less than its parts add up to in the reference and claims %s (%s)",
                            claimed, f->label, date, here, sumtxt);
        else if (is_whole)
            msg = cl_strfmt("claimed %s %s%s, less than its parts add up to in the reference (%s)", claimed,
                            f->label, date, sumtxt);
        else if (wclaim)
            msg = cl_strfmt("claimed %s %s%s; with the other parts (at least %s) that exceeds %s, claimed as %s %s",
                            claimed, f->label, date, sumtxt, rel->whole->label, wclaim->text, wwhere);
        else
            msg = cl_strfmt("claimed %s %s%s; with the other parts (at least %s) that exceeds %s: "
                            "the reference has %s",
                            claimed, f->label, date, sumtxt, rel->whole->label, reference);
        free(sumtxt);
        free(wwhere);
        cl_diag *d = site->make(site, severity_for(site->cl ? site->cl->rule : site->k->rule, f, rel->whole));
        d->message = msg;
        d->claimed = claimed;
        d->reference = reference;
        char *rn = cl_strfmt("the parts of %s add up to at most the whole", rel->whole->label);
        cl_diag_add_note(d, rel->pos.file, rel->pos.line, rel->pos.column, rn);
        free(rn);
        for (size_t k = 0; k < n_ref; k++)
            add_ref_notes_labelled(d, ref_fact[k], ref_pts[k], ref_n[k], ref_fact[k]->label);
        for (size_t k = 0; k < n_used; k++) {
            char *m = cl_strfmt("%s %s claimed here", used[k]->text, used_fact[k]->label);
            cl_diag_add_note(d, site->other_files ? used[k]->file : site->file, used[k]->line, used[k]->column, m);
            free(m);
        }
        if (wclaim) {
            char *m = cl_strfmt("%s %s claimed here", wclaim->text, rel->whole->label);
            cl_diag_add_note(d, site->other_files ? wclaim->file : site->file, wclaim->line, wclaim->column, m);
            free(m);
        }
        if (wn)
            add_ref_notes(d, rel->whole, wpts, wn);
        reported = true;
    }
    return reported;
}

static cl_diag *sum_diag_doc(const sum_site *site, cl_severity sev)
{
    return diag_at(site->x->doc, site->cl, site->cl->anchor, sev, site->x->out);
}

static bool check_sum_relations(ctx *x, const cl_claim *cl)
{
    sum_site site = {x->ref, x->local, x->doc->file, false, sum_diag_doc, x, cl, NULL, x->out};
    const cl_date *when = cl->date_origin != CL_DATE_NONE ? &cl->date : NULL;
    char *sample = cl_strndup(x->doc->text->norm + cl->caps[CL_CAP_VALUE].start,
                              cl->caps[CL_CAP_VALUE].end - cl->caps[CL_CAP_VALUE].start);
    char *claimed = fmt_claimed(x->doc, cl, CL_CAP_VALUE);
    bool r = sum_relations(&site, cl->rule->fact, when, &cl->date, claim_unit(cl, CL_CAP_VALUE),
                           &cl->qty[CL_CAP_VALUE].range, claimed, sample);
    free(sample);
    free(claimed);
    return r;
}

/* ---- Date (event) checks --------------------------------------------------- */

static bool event_wanted(const cl_claim *cl, const char *name)
{
    const cl_pattern *p = cl->pattern;
    char *const *ev = p->n_events ? p->events : cl->rule->events;
    size_t n = p->n_events ? p->n_events : cl->rule->n_events;
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ev[i], name) == 0)
            return true;
    return false;
}

static void check_date(ctx *x, const cl_claim *cl)
{
    const cl_rule *r = cl->rule;
    const cl_fact *f = r->fact;
    /* Only a date written with the claim is the event's date; without one,
     * only the issuing body is checked. */
    bool dated = cl->date_origin == CL_DATE_TEXT;
    bool any = false, match = !dated;
    if (cl->date_relative && x->verbose)
        remark_undated(x, cl, "date not checked");
    cl_buf refs = {0};
    for (size_t i = 0; i < f->n_events; i++) {
        const cl_event *e = &f->events[i];
        if (!event_wanted(cl, e->name))
            continue;
        char d[64];
        fmt_date(&e->date, d, sizeof d);
        if (strcmp(e->name, "date") == 0)
            cl_buf_printf(&refs, "%s%s", any ? ", " : "", d);
        else
            cl_buf_printf(&refs, "%s%s %s", any ? ", " : "", e->name, d);
        any = true;
        if (cl_date_overlaps(&e->date, &cl->date))
            match = true;
    }
    if (any && !match) {
        char date[64];
        fmt_claim_date(cl, date, sizeof date);
        char *text = orig_text(x->doc, cl->caps[CL_CAP_DATE]);
        const char *vars[] = {"claimed", date, "date", date, "reference", refs.data, "label", f->label,
                              "text", text, NULL};
        cl_diag *d = new_finding(x->doc, cl, x->out, "{label} dated {claimed}; the reference has {reference}", vars,
                                 severity_for(r, f, NULL));
        d->claimed = cl_strdup(date);
        d->reference = cl_strdup(refs.data);
        char src[512];
        bool cited = false;
        for (size_t i = 0; i < f->n_events; i++) {
            const cl_event *e = &f->events[i];
            if (!event_wanted(cl, e->name))
                continue;
            char dd[64];
            fmt_date(&e->date, dd, sizeof dd);
            /* The fact's sources cover all its dates: cite them once. */
            char *m = cl_strfmt("%s %s%s", strcmp(e->name, "date") == 0 ? "dated" : e->name, dd,
                                cited ? "" : source_text(f, NULL, src, sizeof src));
            cited = true;
            cl_diag_add_note(d, e->pos.file, e->pos.line, e->pos.column, m);
            free(m);
        }
        free(text);
    }
    cl_buf_free(&refs);
    /* The issuing body, when the pattern captured one. */
    if ((cl->have & (1u << CL_CAP_BODY)) && f->n_bodies > 0) {
        cl_span bs = cl->caps[CL_CAP_BODY];
        const char *body = x->doc->text->norm + bs.start;
        size_t bn = bs.end - bs.start;
        bool ok = false;
        for (size_t i = 0; i < f->n_bodies && !ok; i++) {
            const char *a = f->bodies_folded[i];
            size_t an = strlen(a);
            ok = (an <= bn && memmem(body, bn, a, an) != NULL) || (bn > 0 && bn <= an && memmem(a, an, body, bn));
        }
        if (!ok && bn > 0) {
            char *text = orig_text(x->doc, bs);
            cl_buf acc = {0};
            for (size_t i = 0; i < f->n_bodies; i++)
                cl_buf_printf(&acc, "%s%s", i ? " / " : "", f->bodies[i]);
            const char *vars[] = {"claimed", text, "reference", acc.data, "label", f->label, "text", text, NULL};
            /* The rule's message speaks of dates; bodies get their own wording. */
            cl_diag *d = diag_at(x->doc, cl, bs, severity_for(r, f, NULL), x->out);
            d->message = cl_template_expand("{label} attributed to {claimed}; the reference has {reference}", vars);
            d->claimed = cl_strdup(text);
            d->reference = cl_strdup(acc.data);
            char src[512];
            char *m = cl_strfmt("issued by %s%s", acc.data, source_text(f, NULL, src, sizeof src));
            cl_diag_add_note(d, f->pos.file, f->pos.line, f->pos.column, m);
            free(m);
            cl_buf_free(&acc);
            free(text);
        }
    }
}

/* ---- Name checks ------------------------------------------------------------ */

static void check_name(ctx *x, const cl_claim *cl)
{
    const cl_rule *r = cl->rule;
    const cl_fact *f = r->fact;
    cl_span s = cl->caps[CL_CAP_NAME];
    char *key = cl_name_key(x->doc->text->norm + s.start, s.end - s.start);
    bool accepted = false, misspelt = false;
    for (size_t i = 0; i < f->n_accepted && !accepted; i++)
        accepted = strcmp(f->accepted_folded[i], key) == 0;
    for (size_t i = 0; i < f->n_misspellings && !misspelt && !accepted; i++)
        misspelt = strcmp(f->misspellings_folded[i], key) == 0;
    const char *name = x->doc->text->norm + s.start;
    size_t n = s.end - s.start;
    free(key);
    if (!misspelt)
        return;
    char *text = orig_text(x->doc, s);
    /* Suggest the spelling in the writer's script: a Traditional original gets
     * the accepted form that differs from its Simplified folding. */
    bool traditional = strlen(text) != n || memcmp(text, name, n) != 0;
    const char *best = f->accepted[0];
    for (size_t i = 0; i < f->n_accepted; i++) {
        char *raw_key = cl_name_key(f->accepted[i], strlen(f->accepted[i]));
        bool alias_trad = strcmp(raw_key, f->accepted_folded[i]) != 0; /* folding changed it */
        free(raw_key);
        if (alias_trad == traditional && strcmp(f->accepted_folded[i], f->accepted_folded[0]) == 0) {
            best = f->accepted[i];
            break;
        }
    }
    const char *vars[] = {"claimed", text, "text", text, "reference", best, "label", f->label, NULL};
    cl_diag *d = new_finding(x->doc, cl, x->out, "'{claimed}' is a misspelling of {reference}", vars,
                             severity_for(r, f, NULL));
    d->claimed = cl_strdup(text);
    d->reference = cl_strdup(best);
    char src[512];
    char *m = cl_strfmt("%s is written %s%s", f->label, best, source_text(f, NULL, src, sizeof src));
    cl_diag_add_note(d, f->pos.file, f->pos.line, f->pos.column, m);
    free(m);
    free(text);
}

/* ---- Arithmetic checks ----------------------------------------------------- */

static void arithmetic_finding(ctx *x, const cl_claim *cl, cl_cap claimed_cap, const char *tmpl,
                               const char *computed, const cl_fact *of, const char *reference,
                               const cl_point **pts, size_t n)
{
    char *claimed = fmt_claimed(x->doc, cl, claimed_cap);
    char *part = (cl->have & (1u << CL_CAP_PART)) ? orig_text(x->doc, cl->caps[CL_CAP_PART]) : cl_strdup("");
    char *whole = (cl->have & (1u << CL_CAP_WHOLE)) ? orig_text(x->doc, cl->caps[CL_CAP_WHOLE]) : cl_strdup("");
    char *a = (cl->have & (1u << CL_CAP_A)) ? orig_text(x->doc, cl->caps[CL_CAP_A]) : cl_strdup("");
    char *b = (cl->have & (1u << CL_CAP_B)) ? orig_text(x->doc, cl->caps[CL_CAP_B]) : cl_strdup("");
    const char *label = of ? of->label : cl->rule->fact ? cl->rule->fact->label : cl->rule->fact_key;
    const char *vars[] = {"claimed", claimed, "computed", computed, "part", part, "whole", whole, "a", a, "b", b,
                          "label", label, "reference", reference ? reference : "", NULL};
    cl_diag *d = new_finding(x->doc, cl, x->out, tmpl, vars, severity_for(cl->rule, cl->rule->fact, of));
    d->claimed = claimed;
    d->reference = cl_strdup(computed);
    if (of)
        add_ref_notes(d, of, pts, n);
    free(part), free(whole), free(a), free(b);
}

static bool units_compatible(const char *a, const char *b)
{
    return !a[0] || !b[0] || strcmp(a, b) == 0;
}

static void check_ratio(ctx *x, const cl_claim *cl)
{
    const cl_quantity *part = &cl->qty[CL_CAP_PART], *whole = &cl->qty[CL_CAP_WHOLE];
    const cl_quantity *ratio = &cl->qty[CL_CAP_RATIO];
    if (!units_compatible(part->unit, whole->unit))
        return;
    cl_interval got;
    if (!cl_interval_div(&part->range, &whole->range, &got))
        return;
    if (cl_interval_overlaps(&got, &ratio->range))
        return;
    cl_rat v;
    if (!cl_rat_div(part->value, whole->value, &v))
        return;
    char *computed = fmt_ratio_value(v);
    arithmetic_finding(x, cl, CL_CAP_RATIO, "{part} is {computed} of {whole}, not {claimed}", computed, NULL, NULL,
                       NULL, 0);
    free(computed);
}

static void check_product(ctx *x, const cl_claim *cl)
{
    const cl_quantity *a = &cl->qty[CL_CAP_A], *b = &cl->qty[CL_CAP_B], *t = &cl->qty[CL_CAP_TOTAL];
    cl_interval got;
    if (!cl_interval_mul(&a->range, &b->range, &got))
        return;
    if (cl_interval_overlaps(&got, &t->range))
        return;
    cl_rat v;
    if (!cl_rat_mul(a->value, b->value, &v))
        return;
    char *sample = orig_text(x->doc, cl->caps[CL_CAP_TOTAL]);
    char *snorm = cl_strndup(x->doc->text->norm + cl->caps[CL_CAP_TOTAL].start,
                             cl->caps[CL_CAP_TOTAL].end - cl->caps[CL_CAP_TOTAL].start);
    char *computed = fmt_amount_like(v, snorm);
    arithmetic_finding(x, cl, CL_CAP_TOTAL, "{a} × {b} is {computed}, not {claimed}", computed, NULL, NULL, NULL,
                       0);
    free(computed), free(sample), free(snorm);
}

static void check_share(ctx *x, const cl_claim *cl)
{
    const cl_fact *of = cl->rule->of;
    const cl_quantity *part = &cl->qty[CL_CAP_PART], *ratio = &cl->qty[CL_CAP_RATIO];
    if (!of || of->n_points == 0)
        return;
    if (!units_compatible(part->unit, of->unit))
        return;
    if (cl_fact_varies(of) && cl->date_origin == CL_DATE_NONE) {
        if (x->verbose)
            remark_undated(x, cl, "not checked");
        return;
    }
    cl_interval ref;
    const cl_point *pts[2];
    size_t n = cl_fact_value_at(of, cl->date_origin ? &cl->date : NULL, &ref, pts);
    if (n == 0)
        return;
    cl_interval got;
    if (!cl_interval_div(&part->range, &ref, &got))
        return;
    if (cl_interval_overlaps(&got, &ratio->range))
        return;
    cl_rat mid = interval_mid(&ref), v;
    if (!cl_rat_div(part->value, mid, &v))
        return;
    char *computed = fmt_ratio_value(v);
    char *reference = fmt_reference(of, pts, n, &cl->date);
    arithmetic_finding(x, cl, CL_CAP_RATIO, "{part} is {computed} of {label} ({reference}), not {claimed}", computed,
                       of, reference, pts, n);
    free(reference);
    free(computed);
}

/* ---- Claims against claims ------------------------------------------------- */

void cl_kept_list_free(cl_kept_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->items[i].text), free(l->items[i].norm_text), free(l->items[i].claimed);
    free(l->items);
    memset(l, 0, sizeof *l);
}


static void kept_date(const cl_kept *k, char *buf, size_t n)
{
    if (k->date_origin == CL_DATE_NONE)
        snprintf(buf, n, "an unstated date");
    else
        cl_date_format(&k->date, buf, n);
}

/* A diagnostic at a kept claim of the document `file`. */
static cl_diag *diag_kept(const char *file, const cl_kept *k, cl_severity sev, cl_diags *out)
{
    cl_diag *d = cl_diags_push(out);
    d->file = cl_strdup(file);
    d->line = k->line, d->column = k->column, d->end_line = k->end_line, d->end_column = k->end_column;
    d->offset = k->offset, d->end_offset = k->end_offset;
    d->severity = sev;
    d->rule = cl_strdup(k->rule->id);
    d->fact = cl_strdup(k->rule->fact_key);
    d->text = cl_strdup(k->text);
    d->norm_text = cl_strdup(k->norm_text);
    return d;
}

/* Report that k conflicts with the earlier claim e (of file efile, or of
 * k's own file when same_file). */
static void report_conflict(const char *file, const cl_kept *k, const cl_kept *e, bool same_file, const char *why,
                            cl_diags *out)
{
    const cl_rule *r = k->rule;
    const cl_fact *f = r->fact;
    char date[64], edate[80] = "";
    kept_date(k, date, sizeof date);
    if (e->date_origin != CL_DATE_NONE) {
        char dd[64];
        cl_date_format(&e->date, dd, sizeof dd);
        snprintf(edate, sizeof edate, " as of %s", dd);
    }
    const char *efile = same_file ? file : e->file;
    const char *label = f ? f->label : r->fact_key;
    char *other = cl_strfmt("%s%s%s%s", e->text, edate, same_file ? " earlier in this file" : " in ",
                            same_file ? "" : efile);
    const char *vars[] = {"claimed", k->claimed, "date", date, "label", label, "other", other, "why", why, NULL};
    /* Conflicts have their own wording: the rule's message is about the reference. */
    cl_diag *d = diag_kept(file, k, severity_for(r, f, NULL), out);
    d->message = cl_template_expand(k->date_origin == CL_DATE_NONE
                                        ? "claimed {claimed} {label}, but {other} claims otherwise{why}"
                                        : "claimed {claimed} {label} as of {date}, but {other} claims otherwise{why}",
                                    vars);
    d->claimed = cl_strdup(k->claimed);
    d->reference = cl_strdup(e->text);
    char *m = cl_strfmt("%s claimed here%s", e->text, edate);
    cl_diag_add_note(d, efile, e->line, e->column, m);
    free(m);
    free(other);
}

static void report_relation(const char *file, const cl_kept *k, const cl_kept *e, const cl_relation *rel,
                            const cl_fact *other, bool is_part, bool same_file, cl_diags *out)
{
    const cl_fact *f = k->rule->fact;
    char date[64];
    kept_date(k, date, sizeof date);
    const char *efile = same_file ? file : e->file;
    char *msg = cl_strfmt("claimed %s %s as of %s, but %s %s is claimed %s%s: %s cannot exceed %s", k->claimed, f->label,
                          date, e->text, other->label, same_file ? "earlier in this file" : "in ",
                          same_file ? "" : efile, is_part ? f->label : other->label, is_part ? other->label : f->label);
    cl_diag *d = diag_kept(file, k, severity_for(k->rule, f, other), out);
    d->message = msg;
    d->claimed = cl_strdup(k->claimed);
    d->reference = cl_strdup(e->text);
    char *m = cl_strfmt("%s %s claimed here", e->text, other->label);
    cl_diag_add_note(d, efile, e->line, e->column, m);
    free(m);
    /* and the relation in the reference table that the two break */
    m = cl_strfmt("%s must not exceed %s", is_part ? f->label : other->label, is_part ? other->label : f->label);
    cl_diag_add_note(d, rel->pos.file, rel->pos.line, rel->pos.column, m);
    free(m);
}

/* ---- Summaries of earlier claims --------------------------------------------------
 * Claims of one fact are compared with earlier ones through summaries, so a
 * claim costs the same whatever came before it: per (date, unit), the claim
 * with the highest lower bound and the one with the lowest upper bound. A new
 * claim disjoint from any earlier one is disjoint from one of those two. */

typedef struct slot {
    cl_kept *maxlo, *minhi; /* owned copies */
} slot;

typedef struct dgroup {
    int32_t lo, hi;        /* the date, or the whole line of time for undated claims of fixed facts */
    bool dated;
    const char *unit;
    slot s;
} dgroup;

typedef struct fstore {
    const char *key;       /* the rules' fact key */
    const cl_fact *fact;   /* NULL when the reference does not know it */
    dgroup *groups;
    size_t n, cap;
} fstore;

struct summary {
    fstore *facts;
    size_t n, cap;
    size_t kept;           /* claims summarised */
    size_t copies;         /* claims held: at most two per fact, date and unit */
};

static cl_kept *kept_copy(const cl_kept *k, const char *file)
{
    cl_kept *c = cl_malloc(sizeof *c);
    *c = *k;
    c->text = cl_strdup(k->text);
    c->norm_text = cl_strdup(k->norm_text);
    c->claimed = cl_strdup(k->claimed);
    /* Each copy owns its file's name: names of documents whose claims no
     * longer stand for anything are freed with them, so the store does not
     * grow with the number of documents. */
    c->file = file ? cl_strdup(file) : NULL;
    return c;
}

static void kept_drop(cl_kept *c)
{
    if (!c)
        return;
    free(c->text), free(c->norm_text), free(c->claimed), free((char *)c->file), free(c);
}

static void summary_free(summary *s)
{
    for (size_t i = 0; i < s->n; i++) {
        for (size_t g = 0; g < s->facts[i].n; g++) {
            kept_drop(s->facts[i].groups[g].s.maxlo);
            kept_drop(s->facts[i].groups[g].s.minhi);
        }
        free(s->facts[i].groups);
    }
    free(s->facts);
    memset(s, 0, sizeof *s);
}

static fstore *summary_fact(summary *s, const cl_rule *r, bool create)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->facts[i].key, r->fact_key) == 0)
            return &s->facts[i];
    if (!create)
        return NULL;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->facts = cl_realloc(s->facts, s->cap * sizeof *s->facts);
    }
    fstore *f = &s->facts[s->n++];
    memset(f, 0, sizeof *f);
    f->key = r->fact_key;
    f->fact = r->fact;
    return f;
}

/* A fact with no reference values and no change over time: every claim of
 * it speaks of the same value, whatever its date. */
static bool timeless(const cl_fact *f)
{
    return f && f->over_time == CL_TIME_FIXED && f->n_points == 0;
}

static dgroup *summary_group(fstore *f, const cl_kept *k, bool create)
{
    bool dated = !timeless(f->fact);
    if (dated && k->date_origin == CL_DATE_NONE)
        return NULL; /* undated claims of time-varying facts are not compared */
    int32_t lo = dated ? k->date.lo : 0, hi = dated ? k->date.hi : 0;
    for (size_t g = 0; g < f->n; g++) {
        dgroup *x = &f->groups[g];
        if (x->lo == lo && x->hi == hi && x->dated == dated && strcmp(x->unit, k->unit) == 0)
            return x;
    }
    if (!create)
        return NULL;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->groups = cl_realloc(f->groups, f->cap * sizeof *f->groups);
    }
    dgroup *x = &f->groups[f->n++];
    memset(x, 0, sizeof *x);
    x->lo = lo, x->hi = hi, x->dated = dated, x->unit = k->unit;
    return x;
}

static bool lo_above(const cl_interval *a, const cl_interval *b)
{
    return a->lo_kind != CL_BOUND_INF && (b->lo_kind == CL_BOUND_INF || cl_rat_cmp(a->lo, b->lo) > 0);
}

static bool hi_below(const cl_interval *a, const cl_interval *b)
{
    return a->hi_kind != CL_BOUND_INF && (b->hi_kind == CL_BOUND_INF || cl_rat_cmp(a->hi, b->hi) < 0);
}

static void summary_add(summary *s, const cl_kept *k, const char *file)
{
    fstore *f = summary_fact(s, k->rule, true);
    dgroup *g = summary_group(f, k, true);
    if (!g)
        return;
    if (!g->s.maxlo || lo_above(&k->range, &g->s.maxlo->range)) {
        s->copies += !g->s.maxlo;
        kept_drop(g->s.maxlo);
        g->s.maxlo = kept_copy(k, file);
    }
    if (!g->s.minhi || hi_below(&k->range, &g->s.minhi->range)) {
        s->copies += !g->s.minhi;
        kept_drop(g->s.minhi);
        g->s.minhi = kept_copy(k, file);
    }
    s->kept++;
}

static const cl_kept *earlier_claim_at(const summary *s, const cl_fact *fact, const cl_date *date,
                                       cl_date_origin origin, const char *unit, bool maxlo)
{
    cl_kept probe;
    memset(&probe, 0, sizeof probe);
    probe.unit = unit;
    if (date)
        probe.date = *date;
    probe.date_origin = origin;
    for (size_t j = 0; j < s->n; j++) {
        if (s->facts[j].fact != fact)
            continue;
        const dgroup *g = summary_group(&s->facts[j], &probe, false);
        if (g)
            return maxlo ? g->s.maxlo : g->s.minhi;
    }
    return NULL;
}

/* An earlier claim that k cannot agree with, or NULL; *why explains. */
static const cl_kept *summary_conflict(const summary *s, const cl_kept *k, const char **why)
{
    *why = "";
    fstore *f = summary_fact((summary *)s, k->rule, false);
    if (!f)
        return NULL;
    dgroup *g = summary_group(f, k, false);
    if (g) {
        if (g->s.maxlo && !cl_interval_overlaps(&g->s.maxlo->range, &k->range))
            return g->s.maxlo;
        if (g->s.minhi && !cl_interval_overlaps(&g->s.minhi->range, &k->range))
            return g->s.minhi;
    }
    if (!f->fact || f->fact->over_time != CL_TIME_CUMULATIVE || k->date_origin == CL_DATE_NONE)
        return NULL;
    /* A figure that never decreases cannot be larger earlier than later. */
    for (size_t i = 0; i < f->n; i++) {
        const dgroup *x = &f->groups[i];
        if (!x->dated || strcmp(x->unit, k->unit) != 0)
            continue;
        if (x->hi < k->date.lo && x->s.maxlo && x->s.maxlo->range.lo_kind != CL_BOUND_INF &&
            k->range.hi_kind != CL_BOUND_INF && cl_rat_cmp(x->s.maxlo->range.lo, k->range.hi) > 0) {
            *why = " (the figure never decreases)";
            return x->s.maxlo;
        }
        if (x->lo > k->date.hi && x->s.minhi && x->s.minhi->range.hi_kind != CL_BOUND_INF &&
            k->range.lo_kind != CL_BOUND_INF && cl_rat_cmp(k->range.lo, x->s.minhi->range.hi) > 0) {
            *why = " (the figure never decreases)";
            return x->s.minhi;
        }
    }
    return NULL;
}

/* An earlier claim of a related fact, for the same date, that k's value
 * cannot stand with (a part above its whole), or NULL. */
static const cl_kept *summary_relation(const summary *s, const cl_reftable *ref, const cl_kept *k,
                                       const cl_relation **rel_out, const cl_fact **other_out, bool *is_part_out)
{
    const cl_fact *f = k->rule->fact;
    if (!f || k->date_origin == CL_DATE_NONE)
        return NULL;
    for (size_t i = 0; i < cl_reftable_relation_count(ref); i++) {
        const cl_relation *rel = cl_reftable_relation_at(ref, i);
        if (rel->type != CL_REL_AT_MOST)
            continue;
        bool is_part = rel->parts[0] == f, is_whole = rel->whole == f;
        if (!is_part && !is_whole)
            continue;
        const cl_fact *other = is_part ? rel->whole : rel->parts[0];
        const fstore *of = NULL;
        for (size_t j = 0; j < s->n; j++)
            if (s->facts[j].fact == other)
                of = &s->facts[j];
        if (!of)
            continue;
        for (size_t g = 0; g < of->n; g++) {
            const dgroup *x = &of->groups[g];
            if (!x->dated || x->lo != k->date.lo || x->hi != k->date.hi || strcmp(x->unit, k->unit) != 0)
                continue;
            const cl_kept *e = is_part ? x->s.minhi : x->s.maxlo;
            if (!e)
                continue;
            const cl_interval *part = is_part ? &k->range : &e->range, *whole = is_part ? &e->range : &k->range;
            if (part->lo_kind == CL_BOUND_INF || whole->hi_kind == CL_BOUND_INF ||
                cl_rat_cmp(part->lo, whole->hi) <= 0)
                continue;
            *rel_out = rel;
            *other_out = other;
            *is_part_out = is_part;
            return e;
        }
    }
    return NULL;
}

/* The kept form of a value claim: positions, texts and interval. */
static cl_kept make_kept(ctx *x, const cl_claim *cl, unsigned flags)
{
    cl_kept k;
    memset(&k, 0, sizeof k);
    k.rule = cl->rule;
    k.unit = claim_unit(cl, CL_CAP_VALUE);
    k.range = cl->qty[CL_CAP_VALUE].range;
    k.date = cl->date;
    k.date_origin = cl->date_origin;
    k.offset = orig_start(x->doc, cl->anchor.start);
    k.end_offset = orig_end(x->doc, cl->anchor.end);
    if (k.end_offset < k.offset)
        k.end_offset = k.offset;
    locate(x->doc, k.offset, &k.line, &k.column);
    locate(x->doc, k.end_offset, &k.end_line, &k.end_column);
    k.text = orig_text(x->doc, cl->anchor);
    k.norm_text = cl_strndup(x->doc->text->norm + cl->anchor.start, cl->anchor.end - cl->anchor.start);
    k.offset += x->doc->base_offset;
    k.end_offset += x->doc->base_offset;
    k.claimed = fmt_claimed(x->doc, cl, CL_CAP_VALUE);
    k.flags = flags;
    return k;
}

void cl_kept_list_push(cl_kept_list *l, cl_kept k)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = cl_realloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->len++] = k;
}

/* ---- Driver: one document ------------------------------------------------------ */

static void check_value(ctx *x, const cl_claim *cl)
{
    const cl_fact *f = cl->rule->fact;
    bool spoke = false;
    if (f && f->n_points > 0) {
        cl_interval ref;
        const cl_point *pts[2];
        bool dated = cl->date_origin != CL_DATE_NONE || !cl_fact_varies(f);
        spoke = dated && strcmp(claim_unit(cl, CL_CAP_VALUE), f->unit) == 0 &&
                cl_fact_value_at(f, cl->date_origin ? &cl->date : NULL, &ref, pts) > 0;
        /* A cumulative fact with no point within the claim's date only
         * bounds it (between the points around it, or from below after the
         * last): two claims for that date may each lie within the bounds and
         * still disagree, so they are compared with each other. */
        if (spoke && f->over_time == CL_TIME_CUMULATIVE && !cl_date_overlaps(&pts[0]->date, &cl->date))
            spoke = false;
    }
    /* A claim the reference already contradicts is reported once: the
     * relations it breaks follow from the same wrong number. */
    size_t before = x->out->len;
    check_value_reference(x, cl);
    bool contradicted = false;
    for (size_t k = before; k < x->out->len; k++)
        contradicted |= !x->out->items[k].remark;
    unsigned flags = (spoke ? CL_KEPT_SPOKE : 0) | (contradicted ? CL_KEPT_CONTRADICTED : 0);
    cl_kept k = make_kept(x, cl, flags);
    bool summed = false;
    if (!contradicted) {
        check_value_relations(x, cl);
        summed = check_sum_relations(x, cl);
        /* Earlier claims of the same document. The reference decides when it
         * has a value: comparing claims would blame the right one too. */
        const char *why;
        const cl_kept *e = spoke ? NULL : summary_conflict(x->local, &k, &why);
        if (e) {
            report_conflict(x->doc->file, &k, e, true, why, x->out);
            k.flags |= CL_KEPT_CONFLICTED;
        }
        const cl_relation *rel;
        const cl_fact *other;
        bool is_part;
        e = summary_relation(x->local, x->ref, &k, &rel, &other, &is_part);
        if (e) {
            report_relation(x->doc->file, &k, e, rel, other, is_part, true, x->out);
            k.flags |= CL_KEPT_RELATED;
        }
    }
    if (summed)
        k.flags |= CL_KEPT_SUMMED;
    /* A claim the reference contradicts stands for nothing: a later claim
     * that disagrees with it is not blamed for it. */
    if (!contradicted)
        summary_add(x->local, &k, NULL);
    cl_kept_list_push(x->kept, k);
}

struct cl_doc_state {
    summary local;
};

cl_doc_state *cl_doc_state_new(void)
{
    return cl_calloc(1, sizeof(cl_doc_state));
}

void cl_doc_state_free(cl_doc_state *state)
{
    if (!state)
        return;
    summary_free(&state->local);
    free(state);
}

void cl_check_document(const cl_ruleset *rs, const cl_reftable *ref, const cl_doc *doc, bool verbose, cl_diags *out,
                       cl_kept_list *kept)
{
    cl_doc_state state = {{0}};
    cl_check_document_part(rs, ref, doc, verbose, out, kept, &state);
    summary_free(&state.local);
}

void cl_check_document_part(const cl_ruleset *rs, const cl_reftable *ref, const cl_doc *doc, bool verbose,
                            cl_diags *out, cl_kept_list *kept, cl_doc_state *state)
{
    ctx x = {rs, ref, doc, verbose, out, kept, &state->local};
    for (size_t i = 0; i < doc->claims->len; i++) {
        const cl_claim *cl = &doc->claims->items[i];
        switch (cl->rule->check) {
        case CL_CHECK_VALUE: check_value(&x, cl); break;
        case CL_CHECK_DATE: check_date(&x, cl); break;
        case CL_CHECK_NAME: check_name(&x, cl); break;
        case CL_CHECK_RATIO: check_ratio(&x, cl); break;
        case CL_CHECK_PRODUCT: check_product(&x, cl); break;
        case CL_CHECK_SHARE: check_share(&x, cl); break;
        default: break;
        }
    }
}

/* ---- The store: claims of earlier documents ------------------------------------ */

struct cl_store {
    const cl_reftable *ref;
    summary sum;
    size_t claims;
};

cl_store *cl_store_new(const cl_reftable *ref)
{
    cl_store *s = cl_calloc(1, sizeof *s);
    s->ref = ref;
    return s;
}

void cl_store_free(cl_store *s)
{
    if (!s)
        return;
    summary_free(&s->sum);
    free(s);
}

size_t cl_store_claims(const cl_store *s)
{
    return s->sum.copies;
}

static cl_diag *sum_diag_kept(const sum_site *site, cl_severity sev)
{
    return diag_kept(site->file, site->k, sev, site->out);
}

void cl_store_check_and_add(cl_store *s, const char *file, cl_kept_list *kept, cl_diags *out)
{
    for (size_t i = 0; i < kept->len; i++) {
        cl_kept *k = &kept->items[i];
        if (k->flags & CL_KEPT_CONTRADICTED)
            continue;
        const char *why;
        const cl_kept *e;
        if (!(k->flags & (CL_KEPT_SPOKE | CL_KEPT_CONFLICTED)) && (e = summary_conflict(&s->sum, k, &why)))
            report_conflict(file, k, e, false, why, out);
        const cl_relation *rel;
        const cl_fact *other;
        bool is_part;
        if (!(k->flags & CL_KEPT_RELATED) && (e = summary_relation(&s->sum, s->ref, k, &rel, &other, &is_part)))
            report_relation(file, k, e, rel, other, is_part, false, out);
        if (!(k->flags & CL_KEPT_SUMMED)) {
            sum_site site = {s->ref, &s->sum, file, true, sum_diag_kept, NULL, NULL, k, out};
            sum_relations(&site, k->rule->fact, k->date_origin != CL_DATE_NONE ? &k->date : NULL, &k->date, k->unit,
                          &k->range, k->claimed, k->norm_text);
        }
    }
    for (size_t i = 0; i < kept->len; i++)
        if (!(kept->items[i].flags & CL_KEPT_CONTRADICTED))
            summary_add(&s->sum, &kept->items[i], file);
    s->claims += kept->len;
    cl_kept_list_free(kept);
}
