/* Fuzz target for the whole pipeline on articles: two engines built once
 * (the golden tests' small pack, and the shipped rules/ with its reference
 * table), then for each input normalise, match, check and suppress in a
 * session, and run every writer over the report. A form feed splits the
 * input into two documents, so the second is compared with the first.
 * Session options (column unit, document date) vary with the input size. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cl_engine *engines[2];

static cl_engine *load(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", fz_root(), dir);
    cl_problems problems = {0};
    cl_engine *e = cl_engine_new(&problems);
    bool ok = e && cl_engine_load_dir(e, path, &problems) && cl_engine_prepare(e, &problems);
    if (!ok) {
        for (size_t i = 0; i < problems.len; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", problems.items[i].file, problems.items[i].line,
                    problems.items[i].column, problems.items[i].message);
        fz_fail("cannot load the rules (run from the source tree, or set CLAIMLINT_ROOT)", path);
    }
    cl_problems_free(&problems);
    return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engines[0]) {
        engines[0] = load("tests/golden/_pack");
        engines[1] = load("rules");
    }
    /* Exact-size copies, so that reading past a document is caught even in
     * the replay build, whose buffers are larger. */
    const uint8_t *ff = memchr(data, '\f', size);
    size_t len[2] = {ff ? (size_t)(ff - data) : size, ff ? size - (size_t)(ff - data) - 1 : 0};
    char *doc[2];
    doc[0] = malloc(len[0] ? len[0] : 1);
    memcpy(doc[0], data, len[0]);
    doc[1] = malloc(len[1] ? len[1] : 1);
    if (ff)
        memcpy(doc[1], ff + 1, len[1]);

    static const char *const dates[] = {"2025-03-28", NULL, "2024"};
    cl_column_kind columns = (cl_column_kind)(size % 4);
    for (int k = 0; k < 2; k++) {
        cl_session_options so = {dates[(size / 4) % 3], columns, true, true, true, true};
        cl_session *s = cl_session_new(engines[k], &so);
        for (int d = 0; d < (ff ? 2 : 1); d++) {
            cl_report *r = cl_session_check(s, d ? "second.md" : "first.txt", doc[d], len[d]);
            fz_report(engines[k], r, doc[d], len[d], columns, true);
            cl_report_free(r);
        }
        cl_session_free(s);
    }
    free(doc[0]);
    free(doc[1]);
    return 0;
}
