/* The public API (claimlint.h) over the layers: loading rule and reference
 * files into an engine, checking documents in a session (normalise, match,
 * check), and running the rules' own examples. */
#include "claimlint.h"

#include "base/base.h"
#include "api/internal.h"
#include "check/check.h"
#include "data/reference.h"
#include "data/rules.h"
#include "data/ydoc.h"
#include "match/match.h"
#include "text/text.h"
#include "value/value.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct cl_engine {
    cl_fold *fold;
    cl_ruleset *rules;
    cl_reftable *ref;
    cl_prefilter *prefilter;
    bool prepared;
};

struct cl_session {
    const cl_engine *e;
    cl_session_options opts;
    cl_date date;
    bool has_date;
    bool verbose;
    cl_matcher *matcher;
    cl_store *store;
};

const char *cl_version(void)
{
    return CL_VERSION;
}

void cl_problems_free(cl_problems *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->len; i++)
        free(p->items[i].file), free(p->items[i].message);
    free(p->items);
    p->items = NULL;
    p->len = 0;
}

cl_engine *cl_engine_new(cl_problems *problems)
{
    cl_error err = {0};
    cl_fold *fold = cl_fold_new(&err);
    if (!fold) {
        cl_errors errs = {0};
        cl_errors_take(&errs, &err);
        cl_problems_take(problems, &errs);
        return NULL;
    }
    cl_engine *e = cl_calloc(1, sizeof *e);
    e->fold = fold;
    e->rules = cl_ruleset_new(fold);
    e->ref = cl_reftable_new(fold);
    return e;
}

void cl_engine_free(cl_engine *e)
{
    if (!e)
        return;
    cl_prefilter_free(e->prefilter);
    cl_ruleset_free(e->rules);
    cl_reftable_free(e->ref);
    cl_fold_free(e->fold);
    free(e);
}

bool cl_engine_load_file(cl_engine *e, const char *path, cl_problems *problems)
{
    cl_errors errs = {0};
    cl_ydoc d;
    bool ok = cl_ydoc_load(&d, path, &errs);
    if (ok) {
        static const cl_yfield fields[] = {
            {"version", CL_Y_STR, false}, {"macros", CL_Y_MAP, false}, {"rules", CL_Y_SEQ, false},
            {"facts", CL_Y_SEQ, false},   {"relations", CL_Y_SEQ, false}, {NULL, 0, false}};
        yaml_node_t *v[5];
        yaml_node_t *root = cl_ydoc_root(&d);
        ok = cl_ydoc_fields(&d, root, fields, v, "a rule or reference file", &errs);
        if (ok && v[0] && strcmp(cl_ydoc_str(v[0]), "1") != 0) {
            cl_ydoc_error(&d, &errs, v[0], "unsupported version '%s' (this claimlint reads version 1)",
                          cl_ydoc_str(v[0]));
            ok = false;
        }
        if (ok && !v[1] && !v[2] && !v[3] && !v[4]) {
            cl_ydoc_error(&d, &errs, root, "nothing to load: expected 'rules', 'macros', 'facts' or 'relations'");
            ok = false;
        }
        if (ok) {
            if (v[1])
                ok &= cl_ruleset_load_macros(e->rules, &d, v[1], &errs);
            if (v[2])
                ok &= cl_ruleset_load_rules(e->rules, &d, v[2], &errs);
            if (v[3])
                ok &= cl_reftable_load_facts(e->ref, &d, v[3], &errs);
            if (v[4])
                ok &= cl_reftable_load_relations(e->ref, &d, v[4], &errs);
        }
    }
    cl_ydoc_free(&d);
    cl_problems_take(problems, &errs);
    return ok;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_yaml_ext(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static bool load_dir(cl_engine *e, const char *dir, int depth, cl_problems *problems)
{
    cl_errors errs = {0};
    DIR *d = opendir(dir);
    if (!d) {
        cl_errors_add(&errs, dir, 0, 0, "cannot open rule directory: %s", strerror(errno));
        cl_problems_take(problems, &errs);
        return false;
    }
    if (depth > 16) {
        closedir(d);
        cl_errors_add(&errs, dir, 0, 0, "rule directories nested too deeply");
        cl_problems_take(problems, &errs);
        return false;
    }
    cl_vec names = {0};
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL)
        if (ent->d_name[0] != '.')
            cl_vec_push(&names, cl_strdup(ent->d_name));
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof *names.items, str_cmp);
    bool ok = true;
    for (size_t i = 0; i < names.len; i++) {
        char *path = cl_strfmt("%s/%s", dir, (char *)names.items[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            ok &= load_dir(e, path, depth + 1, problems);
        else if (has_yaml_ext(names.items[i]) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            ok &= cl_engine_load_file(e, path, problems);
        free(path);
        free(names.items[i]);
    }
    cl_vec_free(&names);
    return ok;
}

bool cl_engine_load_dir(cl_engine *e, const char *dir, cl_problems *problems)
{
    return load_dir(e, dir, 0, problems);
}

bool cl_engine_prepare(cl_engine *e, cl_problems *problems)
{
    cl_errors errs = {0};
    bool ok = cl_reftable_finish(e->ref, &errs);
    ok &= cl_ruleset_finish(e->rules, e->ref, &errs);
    cl_problems_take(problems, &errs);
    e->prefilter = cl_prefilter_new(e->rules);
    e->prepared = true;
    return ok;
}

size_t cl_engine_rule_count(const cl_engine *e)
{
    return cl_ruleset_count(e->rules);
}

void cl_engine_rule_info(const cl_engine *e, size_t i, cl_rule_info *out)
{
    const cl_rule *r = cl_ruleset_at(e->rules, i);
    out->id = r->id;
    out->description = r->description ? r->description : "";
    out->check = cl_check_names[r->check];
    out->fact = r->fact_key;
    out->severity = cl_severity_name(r->severity);
    out->file = r->file;
    out->line = r->line;
    out->column = r->column;
    out->n_patterns = r->n_patterns;
    out->n_examples = r->n_examples;
    out->fact_label = r->fact ? r->fact->label : "";
    out->enabled = !r->disabled;
}

bool cl_date_option_valid(const char *s)
{
    cl_date d;
    return s && cl_date_parse(s, strlen(s), NULL, &d);
}

bool cl_encoding_option_valid(const char *name)
{
    return cl_encoding_known(name);
}

/* ---- Sessions ------------------------------------------------------------- */

cl_session *cl_session_new(const cl_engine *e, const cl_session_options *opts)
{
    cl_session *s = cl_calloc(1, sizeof *s);
    s->e = e;
    if (opts)
        s->opts = *opts;
    else
        s->opts.cross_document = true;
    if (s->opts.date && cl_date_parse(s->opts.date, strlen(s->opts.date), NULL, &s->date))
        s->has_date = true;
    s->verbose = s->opts.verbose;
    s->matcher = cl_matcher_new(cl_ruleset_max_groups(e->rules));
    s->store = cl_store_new(e->ref);
    return s;
}

void cl_session_free(cl_session *s)
{
    if (!s)
        return;
    cl_matcher_free(s->matcher);
    cl_store_free(s->store);
    free(s);
}

void cl_report_free(cl_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->claims && i < r->n_claims; i++) {
        cl_claim_info *c = &r->claims[i];
        free(c->rule), free(c->fact), free(c->check), free(c->text), free(c->qualifier), free(c->value);
        free(c->interval), free(c->unit), free(c->date);
    }
    free(r->claims);
    for (size_t i = 0; i < r->n_diags; i++)
        cl_diag_clear(&r->diags[i]);
    free(r->diags);
    free(r->file);
    free(r->encoding);
    free(r);
}

static const char *limit_words(int code)
{
    switch (code) {
    case PCRE2_ERROR_MATCHLIMIT: return "match limit";
    case PCRE2_ERROR_DEPTHLIMIT: return "depth limit";
    case PCRE2_ERROR_HEAPLIMIT: return "heap limit";
    case PCRE2_ERROR_JIT_STACKLIMIT: return "JIT stack limit";
    default: return "memory limit";
    }
}

static const cl_cap anchor_caps[CL_CHECK_COUNT] = {
    [CL_CHECK_VALUE] = CL_CAP_VALUE, [CL_CHECK_DATE] = CL_CAP_DATE,   [CL_CHECK_NAME] = CL_CAP_NAME,
    [CL_CHECK_RATIO] = CL_CAP_RATIO, [CL_CHECK_PRODUCT] = CL_CAP_TOTAL, [CL_CHECK_SHARE] = CL_CAP_RATIO};

static cl_claim_info *describe_claims(const cl_claims *claims, const cl_text *text, const cl_lines *lines,
                                      const char *orig, cl_column_unit unit)
{
    static const char *const origins[] = {"none", "text", "document"};
    cl_claim_info *out = cl_calloc(claims->len ? claims->len : 1, sizeof *out);
    for (size_t i = 0; i < claims->len; i++) {
        const cl_claim *c = &claims->items[i];
        cl_claim_info *o = &out[i];
        o->rule = cl_strdup(c->rule->id);
        o->fact = cl_strdup(c->rule->fact_key);
        o->check = cl_strdup(cl_check_names[c->rule->check]);
        o->offset = text->map[c->anchor.start];
        o->end_offset = cl_text_orig_end(text, c->anchor.end);
        if (o->end_offset < o->offset)
            o->end_offset = o->offset;
        cl_lines_locate(lines, o->offset, unit, &o->line, &o->column);
        cl_lines_locate(lines, o->end_offset, unit, &o->end_line, &o->end_column);
        o->text = cl_text_visible(orig + o->offset, o->end_offset - o->offset);
        cl_cap a = anchor_caps[c->rule->check];
        if (cl_cap_is_quantity(a) && (c->have & (1u << a))) {
            char buf[128];
            cl_rat_format(c->qty[a].value, 12, buf, sizeof buf);
            o->value = cl_strdup(buf);
            cl_interval_format(&c->qty[a].range, buf, sizeof buf);
            o->interval = cl_strdup(buf);
            o->unit = cl_strdup(c->qty[a].unit);
            o->qualifier = cl_strdup(cl_qual_words(c->qty[a].qual));
        } else {
            o->unit = cl_strdup("");
            o->qualifier = cl_strdup("");
        }
        if (c->date_origin != CL_DATE_NONE) {
            char buf[64];
            cl_date_format(&c->date, buf, sizeof buf);
            o->date = cl_strdup(buf);
        }
        o->date_origin = origins[c->date_origin];
    }
    return out;
}

_Static_assert((int)CL_INPUT_AUTO == (int)CL_MARKUP_AUTO && (int)CL_INPUT_TEXT == (int)CL_MARKUP_TEXT &&
                   (int)CL_INPUT_MARKDOWN == (int)CL_MARKUP_MARKDOWN && (int)CL_INPUT_HTML == (int)CL_MARKUP_HTML,
               "cl_input_format and cl_markup must agree");

/* The notices of reading a document (decoding, extraction) as diagnostics;
 * remarks only with --verbose. */
static void report_input_notices(const cl_session *s, const char *name, const cl_input *in, cl_diags *out)
{
    static const cl_severity severities[] = {CL_SEVERITY_ERROR, CL_SEVERITY_WARNING, CL_SEVERITY_NOTE};
    for (size_t i = 0; i < in->n_notices; i++) {
        const cl_notice *n = &in->notices[i];
        if (n->kind == CL_NOTICE_REMARK && !s->verbose)
            continue;
        cl_diag *d = cl_diags_push(out);
        d->file = cl_strdup(name);
        d->offset = d->end_offset = n->offset;
        d->line = d->end_line = n->line;
        d->column = d->end_column = n->column;
        d->severity = severities[n->kind];
        d->message = cl_strdup(n->message);
        d->remark = n->kind == CL_NOTICE_REMARK;
    }
}

cl_report *cl_session_check(cl_session *s, const char *name, const char *data, size_t len)
{
    return cl_session_check_doc(s, name, data, len, NULL);
}

cl_report *cl_session_check_doc(cl_session *s, const char *name, const char *data, size_t len,
                                const cl_doc_options *opts)
{
    cl_report *r = cl_calloc(1, sizeof *r);
    r->file = cl_strdup(name);
    cl_diags out = {0};
    cl_text text = {0};
    cl_lines lines = {0};
    /* Decode and extract (text layer); from here on `data` is the UTF-8 text
     * that positions refer to, and the normaliser reads its extracted copy. */
    cl_input in;
    cl_input_open(&in, name, data, len, opts ? (cl_markup)opts->format : CL_MARKUP_AUTO, opts ? opts->encoding : NULL,
                  (cl_column_unit)s->opts.columns);
    report_input_notices(s, name, &in, &out);
    r->encoding = in.encoding ? cl_strdup(in.encoding) : NULL;
    if (in.failed) {
        r->failed = true;
        goto done;
    }
    data = in.text;
    len = in.len;
    /* The document's own date (front matter, <meta>) before the session's. */
    cl_date own_date;
    const cl_date *doc_date = s->has_date ? &s->date : NULL;
    if (in.date[0] && cl_date_parse(in.date, strlen(in.date), NULL, &own_date))
        doc_date = &own_date;
    cl_lines_init(&lines, data, len);
    if (!cl_text_normalize(&text, in.extracted, len, s->e->fold)) {
        cl_diag *d = cl_diags_push(&out);
        d->file = cl_strdup(name);
        d->severity = CL_SEVERITY_ERROR;
        d->message = cl_strdup("file too large to check (4 GiB or more)");
        r->failed = true;
        goto done;
    }
    if (text.n_invalid > 0) {
        cl_diag *d = cl_diags_push(&out);
        d->file = cl_strdup(name);
        d->offset = text.invalid[0];
        d->end_offset = d->offset + 1;
        cl_lines_locate(&lines, d->offset, (cl_column_unit)s->opts.columns, &d->line, &d->column);
        cl_lines_locate(&lines, d->end_offset, (cl_column_unit)s->opts.columns, &d->end_line, &d->end_column);
        d->severity = CL_SEVERITY_WARNING;
        d->message = cl_strfmt("invalid UTF-8: byte 0x%02X%s replaced with U+FFFD; the rest of the file is checked",
                               (unsigned char)data[text.invalid[0]],
                               text.n_invalid > 1 ? " and others" : "");
        if (text.n_invalid > 1) {
            char *m = cl_strfmt("%zu invalid bytes in all", text.n_invalid);
            cl_diag_add_note(d, NULL, 0, 0, m);
            d->notes[0].file = cl_strdup(name);
            free(m);
        }
    }
    {
        cl_claims claims = {0};
        cl_limit_hit *hits = NULL;
        size_t n_hits = 0;
        cl_matcher_run(s->matcher, s->e->rules, s->e->prefilter, &text, doc_date, &claims, &hits, &n_hits);
        r->n_claims = claims.len;
        for (size_t i = 0; i < n_hits; i++) {
            const cl_limit_hit *h = &hits[i];
            cl_diag *d = cl_diags_push(&out);
            d->file = cl_strdup(name);
            d->offset = text.map[h->offset];
            d->end_offset = d->offset;
            cl_lines_locate(&lines, d->offset, (cl_column_unit)s->opts.columns, &d->line, &d->column);
            d->end_line = d->line, d->end_column = d->column;
            d->severity = CL_SEVERITY_ERROR;
            d->rule = cl_strdup(h->rule->id);
            d->message = cl_strfmt("%s hit by a pattern of rule '%s'; the rule was not checked on the rest of "
                                   "this file",
                                   limit_words(h->code), h->rule->id);
            char *m = cl_strfmt("the pattern (simplify it, or make it fail sooner)");
            cl_diag_add_note(d, h->rule->file, h->pattern->line, h->pattern->column, m);
            free(m);
            r->failed = true;
        }
        free(hits);
        if (s->opts.claims)
            r->claims = describe_claims(&claims, &text, &lines, in.extracted, (cl_column_unit)s->opts.columns);
        cl_doc doc = {name, in.extracted, len, &text, &lines, (cl_column_unit)s->opts.columns, &claims,
                      doc_date != NULL};
        cl_kept_list kept = {0};
        cl_check_document(s->e->rules, s->e->ref, &doc, s->verbose, &out, &kept);
        if (s->opts.cross_document)
            cl_store_check_and_add(s->store, name, &kept, &out);
        cl_kept_list_free(&kept);
        /* Directives are read from the text as written (an HTML comment is
         * blanked in the extracted copy). */
        cl_suppress_apply(&out, &doc, data, s->e->rules, s->opts.report_unused_suppressions);
        cl_claims_free(&claims);
    }
done:
    cl_diags_sort(&out);
    r->diags = out.items;
    r->n_diags = out.len;
    cl_text_free(&text);
    cl_lines_free(&lines);
    cl_input_free(&in);
    return r;
}

/* ---- Rule examples ---------------------------------------------------------- */

static void example_problem(cl_errors *errs, const cl_rule *r, const cl_example *ex, char *msg)
{
    cl_errors_add(errs, r->file, ex->line, ex->column, "example of rule '%s' %s", r->id, msg);
    free(msg);
}

static bool quantity_same(const cl_quantity *a, const cl_quantity *b)
{
    return cl_rat_cmp(a->value, b->value) == 0 && a->qual == b->qual && (!b->unit[0] || strcmp(a->unit, b->unit) == 0);
}

bool cl_engine_test_rules(cl_engine *e, size_t *n_run, cl_problems *problems)
{
    cl_errors errs = {0};
    cl_matcher *m = cl_matcher_new(cl_ruleset_max_groups(e->rules));
    size_t run = 0;
    for (size_t i = 0; i < cl_ruleset_count(e->rules); i++) {
        const cl_rule *r = cl_ruleset_at(e->rules, i);
        if (r->n_examples == 0)
            cl_errors_add(&errs, r->file, r->line, r->column, "rule '%s' has no examples", r->id);
        for (size_t k = 0; k < r->n_examples; k++) {
            const cl_example *ex = &r->examples[k];
            run++;
            cl_text text = {0};
            cl_text_normalize(&text, ex->text, strlen(ex->text), e->fold);
            cl_date doc_date;
            bool has_date = ex->doc_date && cl_date_parse(ex->doc_date, strlen(ex->doc_date), NULL, &doc_date);
            cl_claims claims = {0};
            cl_limit_hit *hits = NULL;
            size_t n_hits = 0;
            cl_matcher_run_rule(m, r, &text, has_date ? &doc_date : NULL, &claims, &hits, &n_hits);
            if (n_hits)
                example_problem(&errs, r, ex, cl_strdup("hits a PCRE2 resource limit"));
            free(hits);
            if (!ex->must_match) {
                if (claims.len > 0) {
                    char *t = cl_strndup(text.norm + claims.items[0].match.start,
                                         claims.items[0].match.end - claims.items[0].match.start);
                    example_problem(&errs, r, ex, cl_strfmt("must not match but matches '%s'", t));
                    free(t);
                }
            } else if (claims.len == 0) {
                example_problem(&errs, r, ex, cl_strdup("does not match"));
            } else {
                const cl_claim *c = &claims.items[0];
                cl_cap ac = anchor_caps[r->check];
                if (ex->value) {
                    cl_quantity want;
                    cl_quantity_parse(ex->value, strlen(ex->value), &want);
                    if (!(c->have & (1u << ac)) || !quantity_same(&c->qty[ac], &want)) {
                        char got[96];
                        cl_rat_format(c->qty[ac].value, 8, got, sizeof got);
                        char *g = cl_strfmt("%s%s%s%s%s", cl_qual_words(c->qty[ac].qual),
                                            c->qty[ac].qual ? " " : "", got, c->qty[ac].unit[0] ? " " : "",
                                            c->qty[ac].unit);
                        example_problem(&errs, r, ex, cl_strfmt("yields %s, expected '%s'", g, ex->value));
                        free(g);
                    }
                }
                if (ex->date) {
                    cl_date want;
                    cl_date_parse(ex->date, strlen(ex->date), NULL, &want);
                    char got[64] = "no date";
                    if (c->date_origin != CL_DATE_NONE)
                        cl_date_format(&c->date, got, sizeof got);
                    if (c->date_origin == CL_DATE_NONE || c->date.lo != want.lo || c->date.hi != want.hi)
                        example_problem(&errs, r, ex, cl_strfmt("yields date %s, expected %s", got, ex->date));
                }
                if (ex->name) {
                    char *want = cl_fold_string(e->fold, ex->name, strlen(ex->name));
                    cl_span s = c->caps[CL_CAP_NAME];
                    char *got = cl_strndup(text.norm + s.start, s.end - s.start);
                    if (strcmp(want, got) != 0)
                        example_problem(&errs, r, ex, cl_strfmt("yields name '%s', expected '%s'", got, ex->name));
                    free(want), free(got);
                }
                if (ex->finding >= 0) {
                    cl_lines lines;
                    cl_lines_init(&lines, ex->text, strlen(ex->text));
                    cl_doc doc = {"example", ex->text, strlen(ex->text), &text, &lines, CL_COLUMN_BYTE, &claims,
                                  has_date};
                    cl_diags out = {0};
                    cl_kept_list kept = {0};
                    cl_check_document(e->rules, e->ref, &doc, false, &out, &kept);
                    cl_kept_list_free(&kept);
                    size_t found = 0;
                    for (size_t j = 0; j < out.len; j++)
                        found += !out.items[j].remark;
                    if ((found > 0) != (ex->finding == 1)) {
                        char *got = found ? cl_strfmt("a finding: %s", out.items[0].message) : cl_strdup("no finding");
                        example_problem(&errs, r, ex,
                                        cl_strfmt("gives %s, expected %s", got, ex->finding ? "a finding" : "none"));
                        free(got);
                    }
                    for (size_t j = 0; j < out.len; j++)
                        cl_diag_clear(&out.items[j]);
                    free(out.items);
                    cl_lines_free(&lines);
                }
            }
            cl_claims_free(&claims);
            cl_text_free(&text);
        }
    }
    cl_matcher_free(m);
    if (n_run)
        *n_run = run;
    bool ok = errs.len == 0;
    cl_problems_take(problems, &errs);
    return ok;
}

/* ---- Configuration ------------------------------------------------------------ */

bool cl_engine_configure(cl_engine *e, const cl_config *c, cl_problems *problems)
{
    cl_errors errs = {0};
    if (c->n_enable > 0) {
        for (size_t i = 0; i < cl_ruleset_count(e->rules); i++)
            ((cl_rule *)cl_ruleset_at(e->rules, i))->disabled = true;
    }
    for (size_t i = 0; i < c->n_enable; i++) {
        cl_rule *r = cl_ruleset_find_mutable(e->rules, c->enable[i].value);
        if (!r)
            cl_errors_add(&errs, c->path, c->enable[i].line, c->enable[i].column, "unknown rule '%s' in 'enable'",
                          c->enable[i].value);
        else
            r->disabled = false;
    }
    for (size_t i = 0; i < c->n_disable; i++) {
        cl_rule *r = cl_ruleset_find_mutable(e->rules, c->disable[i].value);
        if (!r)
            cl_errors_add(&errs, c->path, c->disable[i].line, c->disable[i].column, "unknown rule '%s' in 'disable'",
                          c->disable[i].value);
        else
            r->disabled = true;
    }
    for (size_t i = 0; i < c->n_severities; i++) {
        cl_rule *r = cl_ruleset_find_mutable(e->rules, c->severity_rules[i].value);
        if (!r)
            cl_errors_add(&errs, c->path, c->severity_rules[i].line, c->severity_rules[i].column,
                          "unknown rule '%s' in 'severity'", c->severity_rules[i].value);
        else
            r->severity = (cl_severity_level)c->severities[i];
    }
    bool ok = errs.len == 0;
    cl_problems_take(problems, &errs);
    return ok;
}

const cl_ruleset *cl_engine_rules(const cl_engine *e)
{
    return e->rules;
}

const cl_reftable *cl_engine_reftable(const cl_engine *e)
{
    return e->ref;
}
