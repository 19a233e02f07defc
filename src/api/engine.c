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

static bool has_yaml_ext(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

typedef struct load_walk {
    const char *dir;
    cl_engine *e;
    cl_problems *problems;
    bool ok;
} load_walk;

static void load_walk_file(const char *path, void *arg)
{
    load_walk *w = arg;
    w->ok &= cl_engine_load_file(w->e, path, w->problems);
}

static void load_walk_error(const char *path, const char *what, int errnum, void *arg)
{
    load_walk *w = arg;
    cl_errors errs = {0};
    if (strcmp(path, w->dir) == 0)
        cl_errors_add(&errs, path, 0, 0, "cannot open rule directory: %s", strerror(errnum));
    else
        cl_errors_add(&errs, path, 0, 0, "%s: %s", what ? what : "cannot read", strerror(errnum));
    cl_problems_take(w->problems, &errs);
}

bool cl_engine_load_dir(cl_engine *e, const char *dir, cl_problems *problems)
{
    static const cl_walk_ops ops = {has_yaml_ext, load_walk_file, load_walk_error};
    load_walk w = {dir, e, problems, true};
    bool walked = cl_walk(dir, &ops, &w);
    return walked && w.ok;
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

/* ---- Rule examples ---------------------------------------------------------- */

static const cl_cap anchor_caps[CL_CHECK_COUNT] = {
    [CL_CHECK_VALUE] = CL_CAP_VALUE, [CL_CHECK_DATE] = CL_CAP_DATE,   [CL_CHECK_NAME] = CL_CAP_NAME,
    [CL_CHECK_RATIO] = CL_CAP_RATIO, [CL_CHECK_PRODUCT] = CL_CAP_TOTAL, [CL_CHECK_SHARE] = CL_CAP_RATIO};

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
                    if (!(c->have & (1u << ac))) {
                        example_problem(&errs, r, ex, cl_strfmt("yields no value, expected '%s'", ex->value));
                    } else if (!quantity_same(&c->qty[ac], &want)) {
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
                                  has_date, 0};
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

cl_fold *cl_engine_fold(const cl_engine *e)
{
    return e->fold;
}

const cl_prefilter *cl_engine_prefilter(const cl_engine *e)
{
    return e->prefilter;
}
