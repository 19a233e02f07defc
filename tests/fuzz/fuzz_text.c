/* Fuzz target for the text layer: normalises arbitrary bytes and checks the
 * invariants the rest of claimlint relies on (a monotonic map inside the
 * original, valid UTF-8 out), then locates every offset in every unit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Built on first use and kept: building it per input would make the fuzzer
 * spend its time inside OpenCC. */
static cl_fold *shared_fold(void)
{
    static cl_fold *fold;
    static int tried;
    if (!tried) {
        tried = 1;
        cl_error err = {0};
        fold = cl_fold_new(&err);
        cl_error_clear(&err);
    }
    return fold;
}

static void check(int ok)
{
    if (!ok)
        abort();
}

static void check_text(const cl_text *t, size_t size)
{
    check(t->norm[t->len] == '\0');
    check(t->map[t->len] == size);
    for (size_t i = 0; i < t->len; i++) {
        check(t->map[i] <= size);
        check(t->map[i] <= t->map[i + 1]);
    }
    for (size_t i = 0; i < t->n_invalid; i++) {
        check(t->invalid[i] < size);
        check(i == 0 || t->invalid[i - 1] < t->invalid[i]);
    }
    /* Valid UTF-8, and each character's original span lies inside the
     * input and after the previous character's start. */
    size_t prev_end = 0;
    for (size_t i = 0; i < t->len;) {
        size_t len;
        uint32_t cp = cl_utf8_decode((const unsigned char *)t->norm + i, t->len - i, &len);
        check(cp != CL_UTF8_INVALID);
        for (size_t k = 1; k < len; k++)
            check(t->map[i + k] == t->map[i]);
        size_t end = cl_text_orig_end(t, i + len);
        check(end > t->map[i] && end <= size);
        check(t->map[i] >= prev_end);
        prev_end = end;
        i += len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *orig = (const char *)data;
    cl_text t;
    for (int pass = 0; pass < 2; pass++) {
        check(cl_text_normalize(&t, orig, size, pass ? shared_fold() : NULL));
        check_text(&t, size);
        cl_text_free(&t);
    }

    cl_lines lines;
    cl_lines_init(&lines, orig, size);
    for (size_t off = 0; off <= size; off++) {
        for (int unit = CL_COLUMN_BYTE; unit <= CL_COLUMN_UTF16; unit++) {
            int line, column;
            cl_lines_locate(&lines, off, (cl_column_unit)unit, &line, &column);
            check(line >= 1 && (size_t)line <= lines.n && column >= 1);
            /* A tab takes up to 8 display columns; any other byte at most one. */
            check((size_t)column <= (unit == CL_COLUMN_DISPLAY ? 8 * size : size) + 1);
        }
    }
    cl_lines_free(&lines);

    char *folded = cl_fold_string(shared_fold(), orig, size);
    free(folded);
    return 0;
}
