/* Fuzz target for reading documents: decodes arbitrary bytes (detected, and
 * as Big5), extracts them as Markdown and as HTML, and checks what the rest
 * of claimlint relies on: the extracted copy has the input's length, keeps
 * every input character whole or blanks it whole (so UTF-8 in gives UTF-8
 * out), keeps invalid bytes where they were, and normalises cleanly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t len;
        if (cl_utf8_decode((const unsigned char *)s + i, n - i, &len) == CL_UTF8_INVALID)
            return 0;
        i += len;
    }
    return 1;
}

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != CL_BLANK)
            return 0;
    return 1;
}

static void check_date(const char *d)
{
    size_t n = strlen(d);
    check(n == 0 || n == 4 || n == 7 || n == 10);
    for (size_t i = 0; i < n; i++)
        check(i == 4 || i == 7 ? d[i] == '-' : d[i] >= '0' && d[i] <= '9');
}

static void check_extracted(const cl_extracted *x, const char *in, size_t n)
{
    check(x->len == n);
    check(x->text[n] == '\0');
    const unsigned char *u = (const unsigned char *)in;
    for (size_t i = 0; i < n;) {
        size_t len;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        if (cl_utf8_decode(u + i, n - i, &len) == CL_UTF8_INVALID) {
            check(x->text[i] == in[i]); /* invalid bytes stay, to be reported */
        } else {
            /* a character of the input is kept or blanked, never cut */
            check(memcmp(x->text + i, in + i, len) == 0 || all_blank(x->text + i, len));
        }
        i += len;
    }
    if (valid_utf8(in, n))
        check(valid_utf8(x->text, n));
    check_date(x->date);
    for (size_t i = 0; i < x->n_notes; i++) {
        check(x->notes[i].offset <= n);
        check(x->notes[i].message != NULL);
    }
    cl_text t;
    check(cl_text_normalize(&t, x->text, n, NULL));
    check(t.map[t.len] == n);
    for (size_t i = 0; i < t.len; i++) {
        check(t.map[i] <= t.map[i + 1]);
        check(t.norm[i] != CL_BLANK);
    }
    cl_text_free(&t);
}

static void check_decoded(const char *in, size_t n, const char *encoding)
{
    cl_decoded d;
    cl_decode_status st = cl_text_decode(&d, in, n, encoding);
    if (st == CL_DECODE_OK) {
        check(d.text != NULL);
        if (d.owned) {
            check(d.encoding[0] != '\0');
            check(valid_utf8(d.text, d.len));
            check(d.text[d.len] == '\0');
        } else {
            check(d.text == in && d.len == n);
        }
    } else {
        check(st == CL_DECODE_BAD && d.bad_offset <= n);
    }
    cl_decoded_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    static const cl_markup markups[] = {CL_MARKUP_MARKDOWN, CL_MARKUP_HTML};
    for (size_t k = 0; k < 2; k++) {
        cl_extracted x;
        cl_text_extract(&x, markups[k], in, size);
        check_extracted(&x, in, size);
        cl_extracted_free(&x);
    }
    check_decoded(in, size, NULL);
    check_decoded(in, size, "big5");

    /* The whole path, as the engine takes it: decoded, then extracted. */
    static const char *const names[] = {"a.md", "a.html"};
    for (size_t k = 0; k < 2; k++) {
        cl_input src;
        cl_input_open(&src, names[k], in, size, CL_MARKUP_AUTO, NULL, CL_COLUMN_UTF16);
        check(!src.failed);
        for (size_t i = 0; i < src.n_notices; i++)
            check(src.notices[i].line >= 0 && src.notices[i].column >= 0);
        cl_input_free(&src);
    }
    return 0;
}
