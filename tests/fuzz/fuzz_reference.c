/* Fuzz target for reference loading: the input is a reference file (facts,
 * relations), loaded and prepared as the CLI would. When it loads, a rule
 * is written for every fact it defines (value, date or name check, by the
 * fact's kind) and a document with claims about each fact, at its own
 * values and dates and beside them, is checked: so the fuzzer reaches the
 * series over time, events, names and relations, not only the parser. */
#include "common.h"

#include "api/internal.h"
#include "data/reference.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_problems(const cl_problems *p, bool ok)
{
    FZ_CHECK(ok == (p->len == 0), p->len ? p->items[0].message : "no problem reported");
    for (size_t i = 0; i < p->len; i++) {
        const cl_problem *x = &p->items[i];
        FZ_CHECK(x->message && x->message[0] && x->file && x->file[0], x->message);
        FZ_CHECK(x->line >= 0 && x->column >= 0 && (x->line == 0 || x->column >= 1), x->message);
    }
}

/* One rule per fact, and the article that speaks of them. Keys are matched
 * literally with \Q...\E (keys hold only [a-z0-9._-]). */
static void write_rules(const cl_reftable *t, cl_buf *rules, cl_buf *article)
{
    cl_buf_puts(rules, "version: 1\nrules:\n");
    const cl_fact *first_qty = NULL;
    for (size_t i = 0; i < cl_reftable_count(t); i++) {
        const cl_fact *f = cl_reftable_at(t, i);
        char date[64];
        cl_buf_printf(rules, "  - id: fuzz-r%zu\n    fact: %s\n", i, f->key);
        switch (f->type) {
        case CL_FACT_QUANTITY:
            if (!first_qty)
                first_qty = f;
            cl_buf_printf(rules, "    patterns: ['\\Q%s\\E=\\[(?<value>[^\\]\\n]+)\\](?: at (?<date>[0-9-]+))?']\n",
                          f->key);
            for (size_t k = 0; k < f->n_points; k++) {
                const cl_point *p = &f->points[k];
                cl_buf_printf(article, "%s=[%s]\n", f->key, p->text);
                if (p->has_date) {
                    cl_date_format(&p->date, date, sizeof date);
                    cl_buf_printf(article, "%s=[%s] at %s\n%s=[0] at %s\n%s=[more than %s] at %s\n", f->key,
                                  p->text, date, f->key, date, f->key, p->text, date);
                }
                if (p->has_until) {
                    cl_date_format(&p->until, date, sizeof date);
                    cl_buf_printf(article, "%s=[%s] at %s\n", f->key, p->text, date);
                }
            }
            cl_buf_printf(article, "%s=[1] at 1900\n%s=[99999999999999] at 2099-12-31\n%s=[about 3.5亿]\n",
                          f->key, f->key, f->key);
            break;
        case CL_FACT_EVENT:
            cl_buf_puts(rules, "    check: date\n");
            cl_buf_printf(rules, "    patterns: ['\\Q%s\\E (?:by \\[(?<body>[^\\]\\n]+)\\] )?on (?<date>[0-9-]+)']\n", f->key);
            for (size_t k = 0; k < f->n_events; k++) {
                cl_date_format(&f->events[k].date, date, sizeof date);
                cl_buf_printf(article, "%s on %s\n%s on 1999\n", f->key, date, f->key);
                for (size_t b = 0; b < f->n_bodies; b++)
                    if (!strpbrk(f->bodies[b], "]\r\n"))
                        cl_buf_printf(article, "%s by [%s] on %s\n", f->key, f->bodies[b], date);
                cl_buf_printf(article, "%s by [某部门] on %s\n", f->key, date);
            }
            break;
        case CL_FACT_NAME:
            cl_buf_puts(rules, "    check: name\n");
            cl_buf_printf(rules, "    patterns: ['\\Q%s\\E named \\[(?<name>[^\\]\\n]+)\\]']\n", f->key);
            for (size_t k = 0; k < f->n_accepted; k++)
                cl_buf_printf(article, "%s named [%s]\n", f->key, f->accepted[k]);
            for (size_t k = 0; k < f->n_misspellings; k++)
                cl_buf_printf(article, "%s named [%s]\n", f->key, f->misspellings[k]);
            break;
        }
    }
    if (first_qty) {
        /* Arithmetic against the table: a share of the first quantity. */
        cl_buf_printf(rules,
                      "  - id: fuzz-share\n    fact: %s\n    check: share\n    of: %s\n"
                      "    patterns: ['share (?<part>\\d+) is (?<ratio>\\d+%%)(?: at (?<date>[0-9-]+))?']\n",
                      first_qty->key, first_qty->key);
        cl_buf_puts(article, "share 5 is 50%\nshare 5 is 1% at 2024\nshare 0 is 0%\n");
    }
}

static void check_engine(cl_engine *e, const char *doc, size_t len, cl_column_kind columns)
{
    cl_session_options so = {"2025-03-28", columns, true, true, true, true};
    cl_session *s = cl_session_new(e, &so);
    for (int pass = 0; pass < 2; pass++) {
        cl_report *r = cl_session_check(s, pass ? "b.txt" : "a.txt", doc, len);
        fz_report(e, r, doc, len, columns, true);
        cl_report_free(r);
    }
    cl_session_free(s);
    /* Undated: the series must say nothing rather than guess. */
    cl_session_options undated = {NULL, columns, false, true, false, false};
    s = cl_session_new(e, &undated);
    cl_report *r = cl_session_check(s, "c.txt", doc, len);
    fz_report(e, r, doc, len, columns, true);
    cl_report_free(r);
    cl_session_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cl_problems problems = {0};
    cl_engine *e = cl_engine_new(&problems);
    FZ_CHECK(e, "cl_engine_new");
    const char *path = fz_memfile(data, size);
    bool ok = cl_engine_load_file(e, path, &problems);
    ok &= cl_engine_prepare(e, &problems);
    check_problems(&problems, ok);
    cl_problems_free(&problems);
    if (!ok || cl_reftable_count(cl_engine_reftable(e)) == 0) {
        cl_engine_free(e);
        return 0;
    }
    char *facts = cl_engine_list_facts(e);
    FZ_CHECK(facts, "list_facts");
    free(facts);

    cl_buf rules = {0}, article = {0};
    write_rules(cl_engine_reftable(e), &rules, &article);
    cl_engine_free(e);
    if (getenv("FZ_DEBUG")) /* to see what a seed reaches */
        fprintf(stderr, "%s\n---\n%s\n", rules.data, article.data ? article.data : "");

    /* The same table again, with its rules beside it. The rules are written
     * to fit the facts, so they must load. */
    e = cl_engine_new(&problems);
    ok = cl_engine_load_file(e, fz_memfile(data, size), &problems);
    FZ_CHECK(ok, "the reference loaded once and not twice");
    ok = cl_engine_load_file(e, fz_memfile((const uint8_t *)rules.data, rules.len), &problems);
    ok &= cl_engine_prepare(e, &problems);
    check_problems(&problems, ok);
    if (!ok) {
        cl_buf msg = {0};
        for (size_t i = 0; i < problems.len; i++)
            cl_buf_printf(&msg, "%d:%d: %s\n", problems.items[i].line, problems.items[i].column,
                          problems.items[i].message);
        cl_buf_puts(&msg, rules.data);
        fz_fail("rules written for the table do not load", msg.data);
    }
    cl_problems_free(&problems);
    size_t n_run;
    cl_engine_test_rules(e, &n_run, &problems);
    cl_problems_free(&problems);
    check_engine(e, article.data ? article.data : "", article.len, (cl_column_kind)(size % 4));
    cl_engine_free(e);
    cl_buf_free(&rules);
    cl_buf_free(&article);
    return 0;
}
