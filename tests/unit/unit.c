/* Helpers shared by the cmocka unit tests: the OpenCC fold table built once
 * per test program, and comparing collected errors with the lines a test
 * writes out by hand. Linked into every tests/unit/test_*.c program. */
#include "unit.h"

#include "data/reference.h"
#include "data/rules.h"
#include "data/ydoc.h"

cl_fold *unit_fold;

int unit_setup_fold(void **state)
{
    (void)state;
    cl_error err = {0};
    unit_fold = cl_fold_new(&err);
    if (!unit_fold) {
        fprintf(stderr, "%s\n", err.message);
        cl_error_clear(&err);
        return -1;
    }
    return 0;
}

int unit_teardown_fold(void **state)
{
    (void)state;
    cl_fold_free(unit_fold);
    unit_fold = NULL;
    return 0;
}

bool unit_same_errors(const cl_errors *errs, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    bool same = errs->len == n;
    char buf[1024];
    for (size_t i = 0; same && i < n; i++) {
        snprintf(buf, sizeof buf, "%s:%d:%d: %s", errs->items[i].file, errs->items[i].line, errs->items[i].column,
                 errs->items[i].message);
        same = strcmp(buf, want[i]) == 0;
    }
    if (!same) {
        fprintf(stderr, "got %zu error(s):\n", errs->len);
        for (size_t i = 0; i < errs->len; i++)
            fprintf(stderr, "  %s:%d:%d: %s\n", errs->items[i].file, errs->items[i].line, errs->items[i].column,
                    errs->items[i].message);
        fprintf(stderr, "want %zu:\n", n);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  %s\n", want[i]);
    }
    return same;
}

void unit_load_yaml(cl_ruleset *rs, cl_reftable *ref, const char *path, const char *yaml)
{
    cl_errors errs = {0};
    cl_ydoc d;
    bool ok = cl_ydoc_load_string(&d, path, yaml, strlen(yaml), &errs);
    yaml_node_t *root = cl_ydoc_root(&d);
    for (yaml_node_pair_t *p = ok ? root->data.mapping.pairs.start : NULL; p && p < root->data.mapping.pairs.top;
         p++) {
        const char *k = cl_ydoc_str(cl_ydoc_node(&d, p->key));
        yaml_node_t *v = cl_ydoc_node(&d, p->value);
        if (strcmp(k, "macros") == 0)
            ok &= cl_ruleset_load_macros(rs, &d, v, &errs);
        else if (strcmp(k, "rules") == 0)
            ok &= cl_ruleset_load_rules(rs, &d, v, &errs);
        else if (strcmp(k, "facts") == 0)
            ok &= cl_reftable_load_facts(ref, &d, v, &errs);
        else if (strcmp(k, "relations") == 0)
            ok &= cl_reftable_load_relations(ref, &d, v, &errs);
    }
    cl_ydoc_free(&d);
    for (size_t i = 0; i < errs.len; i++)
        fprintf(stderr, "%s:%d:%d: %s\n", errs.items[i].file, errs.items[i].line, errs.items[i].column,
                errs.items[i].message);
    cl_errors_free(&errs);
    if (!ok)
        fail_msg("fixture %s does not load", path);
}

void unit_load_pack(cl_ruleset *rs, cl_reftable *ref, const char *ref_path, const char *ref_yaml,
                    const char *rules_yaml)
{
    unit_load_yaml(rs, ref, ref_path, ref_yaml);
    unit_load_yaml(rs, ref, "rules.yaml", rules_yaml);
    cl_errors errs = {0};
    bool ok = cl_reftable_finish(ref, &errs);
    ok &= cl_ruleset_finish(rs, ref, &errs);
    for (size_t i = 0; i < errs.len; i++)
        fprintf(stderr, "%s:%d:%d: %s\n", errs.items[i].file, errs.items[i].line, errs.items[i].column,
                errs.items[i].message);
    cl_errors_free(&errs);
    assert_true(ok);
}
