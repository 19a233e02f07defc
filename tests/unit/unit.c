/* Helpers shared by the cmocka unit tests: the OpenCC fold table built once
 * per test program, and comparing collected errors with the lines a test
 * writes out by hand. Linked into every tests/unit/test_*.c program. */
#include "unit.h"

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
