/* Fuzz target for rule loading: the input is a rule file (macros, rules,
 * possibly facts), loaded beside the golden pack's reference table as the
 * CLI loads a --rules directory. Then what the CLI does with a rule set:
 * prepare, run every rule's examples, explain each rule, and check a
 * document made of the examples. Every failure must come with a problem at
 * a position; nothing may crash, leak or run away. */
#include "common.h"

#include "api/internal.h"
#include "data/rules.h"
#include "match/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_problems(const cl_problems *p, bool ok)
{
    /* A loader says false exactly when it reported something. */
    FZ_CHECK(ok == (p->len == 0), p->len ? p->items[0].message : "no problem reported");
    for (size_t i = 0; i < p->len; i++) {
        const cl_problem *x = &p->items[i];
        FZ_CHECK(x->message && x->message[0], x->file);
        FZ_CHECK(x->file && x->file[0], x->message);
        FZ_CHECK(x->line >= 0 && x->column >= 0 && (x->line == 0 || x->column >= 1), x->message);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cl_problems problems = {0};
    cl_engine *e = cl_engine_new(&problems);
    FZ_CHECK(e, "cl_engine_new");
    char ref[4096];
    snprintf(ref, sizeof ref, "%s/tests/golden/_pack/reference.yaml", fz_root());
    FZ_CHECK(cl_engine_load_file(e, ref, &problems), "the golden pack's reference table does not load");

    bool ok = cl_engine_load_file(e, fz_memfile(data, size), &problems);
    ok &= cl_engine_prepare(e, &problems); /* the CLI prepares even after a loading error */
    check_problems(&problems, ok);
    cl_problems_free(&problems);
    if (!ok) {
        cl_engine_free(e);
        return 0;
    }

    size_t n_run = 0;
    bool passed = cl_engine_test_rules(e, &n_run, &problems);
    FZ_CHECK(passed == (problems.len == 0), "test_rules");
    for (size_t i = 0; i < problems.len; i++)
        FZ_CHECK(problems.items[i].message && problems.items[i].line >= 1, problems.items[i].message);
    cl_problems_free(&problems);

    /* Introspection, and a document holding every example. */
    const cl_ruleset *rs = cl_engine_rules(e);
    cl_buf doc = {0};
    cl_buf_puts(&doc, "");
    for (size_t i = 0; i < cl_engine_rule_count(e); i++) {
        cl_rule_info info;
        cl_engine_rule_info(e, i, &info);
        char *x = cl_engine_explain(e, info.id);
        FZ_CHECK(x, info.id);
        free(x);
        const cl_rule *r = cl_ruleset_at(rs, i);
        for (size_t k = 0; k < r->n_examples; k++) {
            cl_buf_puts(&doc, r->examples[k].text);
            cl_buf_putc(&doc, '\n');
        }
    }
    char *facts = cl_engine_list_facts(e);
    FZ_CHECK(facts, "list_facts");
    free(facts);

    cl_column_kind columns = (cl_column_kind)(size % 4);
    cl_session_options so = {"2025-03-28", columns, true, true, true, true};
    cl_session *s = cl_session_new(e, &so);
    for (int pass = 0; pass < 2; pass++) { /* the second time, claims meet those of the first */
        cl_report *r = cl_session_check(s, pass ? "b.md" : "a.txt", doc.data, doc.len);
        fz_report(e, r, doc.data, doc.len, columns, true);
        cl_report_free(r);
    }
    cl_session_free(s);
    cl_buf_free(&doc);
    cl_engine_free(e);
    return 0;
}
