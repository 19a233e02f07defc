/* Unit tests for the base layer: growable buffers and vectors, positioned
 * errors and error lists, UTF-8 decoding and encoding, whole-file reads.
 * Expected values are written out by hand; a failing table row prints its
 * input. */
#include "unit.h"

#include "base/base.h"

#include <errno.h>
#include <unistd.h>

/* ---- Strings and buffers ------------------------------------------------- */

static void test_strings(void **state)
{
    (void)state;
    char *s = cl_strfmt("%s:%d:%d: %s", "a.yaml", 3, 14, "bad");
    assert_string_equal(s, "a.yaml:3:14: bad");
    free(s);
    s = cl_strndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
    s = cl_strndup("中文", 3); /* a byte count, not characters */
    assert_string_equal(s, "中");
    free(s);
    s = cl_strdup("");
    assert_string_equal(s, "");
    free(s);
}

static void test_buf_append_and_growth(void **state)
{
    (void)state;
    cl_buf b = {0};
    cl_buf_puts(&b, "ab");
    assert_non_null(b.data);
    assert_int_equal(b.len, 2);
    assert_int_equal(b.cap, 64); /* first allocation */
    assert_string_equal(b.data, "ab");
    cl_buf_putc(&b, 'c');
    cl_buf_append(&b, "defXX", 3); /* only n bytes */
    assert_int_equal(b.len, 6);
    assert_string_equal(b.data, "abcdef");

    /* 63 bytes fit in 64 with the NUL; the 64th byte doubles the capacity. */
    cl_buf c = {0};
    char chunk[200];
    memset(chunk, 'x', sizeof chunk);
    cl_buf_append(&c, chunk, 63);
    assert_int_equal(c.cap, 64);
    cl_buf_putc(&c, 'y');
    assert_int_equal(c.len, 64);
    assert_int_equal(c.cap, 128);
    assert_int_equal(c.data[63], 'y');
    assert_int_equal(c.data[64], '\0');
    cl_buf_append(&c, chunk, 200); /* 264 + 1 needs 512 */
    assert_int_equal(c.len, 264);
    assert_int_equal(c.cap, 512);
    assert_int_equal(c.data[264], '\0');

    /* Appending nothing to an empty buffer still gives a terminated string. */
    cl_buf e = {0};
    cl_buf_append(&e, "", 0);
    assert_non_null(e.data);
    assert_string_equal(e.data, "");

    cl_buf_free(&b);
    cl_buf_free(&c);
    cl_buf_free(&e);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    cl_buf_free(&b); /* twice is harmless */
}

static void test_buf_printf(void **state)
{
    (void)state;
    cl_buf b = {0};
    cl_buf_printf(&b, "%d-%s", 42, "x");
    cl_buf_printf(&b, "|%05.1f|", 3.14159);
    assert_string_equal(b.data, "42-x|003.1|");
    assert_int_equal(b.len, 11);

    /* Longer than the current capacity: the buffer grows to fit. */
    char big[300];
    memset(big, 'z', 299);
    big[299] = '\0';
    cl_buf_printf(&b, "%s!", big);
    assert_int_equal(b.len, 11 + 300);
    assert_int_equal(b.data[11], 'z');
    assert_int_equal(b.data[11 + 299], '!');
    assert_int_equal(b.data[11 + 300], '\0');
    cl_buf_free(&b);

    /* An empty expansion appends nothing (and allocates nothing). */
    cl_buf e = {0};
    cl_buf_printf(&e, "%s", "");
    assert_null(e.data);
    assert_int_equal(e.len, 0);
}

static void test_buf_detach(void **state)
{
    (void)state;
    cl_buf b = {0};
    cl_buf_puts(&b, "claim");
    char *s = cl_buf_detach(&b);
    assert_string_equal(s, "claim");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    /* The buffer is usable again and independent of the detached string. */
    cl_buf_puts(&b, "next");
    assert_string_equal(s, "claim");
    assert_string_equal(b.data, "next");
    free(s);
    cl_buf_free(&b);

    /* Never NULL, even when nothing was appended. */
    cl_buf e = {0};
    char *empty = cl_buf_detach(&e);
    assert_non_null(empty);
    assert_string_equal(empty, "");
    free(empty);
}

/* ---- Vectors ----------------------------------------------------------------- */

static void test_vec(void **state)
{
    (void)state;
    static int items[20];
    cl_vec v = {0};
    for (int i = 0; i < 20; i++) {
        cl_vec_push(&v, &items[i]);
        if (i == 7)
            assert_int_equal(v.cap, 8);
        if (i == 8)
            assert_int_equal(v.cap, 16);
    }
    assert_int_equal(v.len, 20);
    assert_int_equal(v.cap, 32);
    for (int i = 0; i < 20; i++)
        assert_ptr_equal(v.items[i], &items[i]);
    cl_vec_push(&v, NULL); /* NULL is an item like any other */
    assert_int_equal(v.len, 21);
    assert_null(v.items[20]);
    cl_vec_free(&v);
    assert_null(v.items);
    assert_int_equal(v.len, 0);
    assert_int_equal(v.cap, 0);
}

/* ---- Errors ------------------------------------------------------------------- */

static void test_error_set_clear(void **state)
{
    (void)state;
    cl_error err = {0};
    assert_false(cl_error_set(&err, "rules/x.yaml", 14, 9, "unknown key '%s'", "patern"));
    assert_string_equal(err.file, "rules/x.yaml");
    assert_int_equal(err.line, 14);
    assert_int_equal(err.column, 9);
    assert_string_equal(err.message, "unknown key 'patern'");

    /* A second set replaces the first (its strings are freed: ASan checks). */
    assert_false(cl_error_set(&err, NULL, 0, 0, "out of %s", "luck"));
    assert_null(err.file);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.message, "out of luck");

    cl_error_clear(&err);
    assert_null(err.file);
    assert_null(err.message);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    cl_error_clear(&err); /* twice is harmless */

    /* A NULL error is allowed: the call only returns false. */
    assert_false(cl_error_set(NULL, "f", 1, 1, "ignored"));
    cl_error_clear(NULL);
}

static void test_errors_add_take(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_errors_add(&errs, "a.yaml", 1, 2, "first %d", 1);
    cl_errors_add(&errs, NULL, 0, 0, "second");
    cl_error e = {0};
    cl_error_set(&e, "b.yaml", 7, 3, "taken");
    char *msg = e.message;
    cl_errors_take(&errs, &e);
    /* The contents moved: the list owns the very same strings, e is zeroed. */
    assert_null(e.file);
    assert_null(e.message);
    assert_int_equal(e.line, 0);
    assert_int_equal(e.column, 0);
    assert_int_equal(errs.len, 3);
    assert_ptr_equal(errs.items[2].message, msg);

    assert_string_equal(errs.items[0].file, "a.yaml");
    assert_int_equal(errs.items[0].line, 1);
    assert_int_equal(errs.items[0].column, 2);
    assert_string_equal(errs.items[0].message, "first 1");
    assert_null(errs.items[1].file);
    assert_string_equal(errs.items[1].message, "second");
    assert_string_equal(errs.items[2].file, "b.yaml");
    assert_int_equal(errs.items[2].line, 7);
    assert_int_equal(errs.items[2].column, 3);
    assert_string_equal(errs.items[2].message, "taken");

    /* Growth past the first 8 slots keeps the earlier entries. */
    for (int i = 0; i < 10; i++)
        cl_errors_add(&errs, "c.yaml", i + 1, 1, "n%d", i);
    assert_int_equal(errs.len, 13);
    assert_string_equal(errs.items[0].message, "first 1");
    assert_string_equal(errs.items[12].message, "n9");
    assert_int_equal(errs.items[12].line, 10);

    cl_errors_free(&errs);
    assert_null(errs.items);
    assert_int_equal(errs.len, 0);
    cl_errors_free(&errs);
}

/* ---- UTF-8 -------------------------------------------------------------------- */

static const struct dec_row {
    const char *what;
    const char *bytes;
    size_t n;        /* bytes available */
    uint32_t cp;
    size_t len;
} DECODE[] = {
    {"ASCII", "A", 1, 0x41, 1},
    {"NUL", "\0", 1, 0, 1},
    {"DEL", "\x7f", 1, 0x7F, 1},
    {"2-byte lowest", "\xc2\x80", 2, 0x80, 2},
    {"é", "\xc3\xa9", 2, 0xE9, 2},
    {"2-byte highest", "\xdf\xbf", 2, 0x7FF, 2},
    {"3-byte lowest", "\xe0\xa0\x80", 3, 0x800, 3},
    {"中", "\xe4\xb8\xad", 3, 0x4E2D, 3},
    {"last before surrogates", "\xed\x9f\xbf", 3, 0xD7FF, 3},
    {"first after surrogates", "\xee\x80\x80", 3, 0xE000, 3},
    {"BOM", "\xef\xbb\xbf", 3, 0xFEFF, 3},
    {"U+FFFF", "\xef\xbf\xbf", 3, 0xFFFF, 3},
    {"𠀀 (4 bytes)", "\xf0\xa0\x80\x80", 4, 0x20000, 4},
    {"U+10FFFF", "\xf4\x8f\xbf\xbf", 4, 0x10FFFF, 4},
    {"decodes only the first character", "\xe4\xb8\xad\xe6\x96\x87", 6, 0x4E2D, 3},
    /* Overlong forms */
    {"overlong NUL C0 80", "\xc0\x80", 2, CL_UTF8_INVALID, 1},
    {"overlong C1 BF", "\xc1\xbf", 2, CL_UTF8_INVALID, 1},
    {"overlong 3-byte slash", "\xe0\x80\xaf", 3, CL_UTF8_INVALID, 1},
    {"overlong 3-byte U+7FF", "\xe0\x9f\xbf", 3, CL_UTF8_INVALID, 1},
    {"overlong 4-byte", "\xf0\x80\x80\x80", 4, CL_UTF8_INVALID, 1},
    {"overlong 4-byte U+FFFF", "\xf0\x8f\xbf\xbf", 4, CL_UTF8_INVALID, 1},
    /* Surrogates */
    {"surrogate D800", "\xed\xa0\x80", 3, CL_UTF8_INVALID, 1},
    {"surrogate DBFF", "\xed\xaf\xbf", 3, CL_UTF8_INVALID, 1},
    {"surrogate DC00", "\xed\xb0\x80", 3, CL_UTF8_INVALID, 1},
    {"surrogate DFFF", "\xed\xbf\xbf", 3, CL_UTF8_INVALID, 1},
    /* Out of range and never-valid lead bytes */
    {"above U+10FFFF", "\xf4\x90\x80\x80", 4, CL_UTF8_INVALID, 1},
    {"lead F5", "\xf5\x80\x80\x80", 4, CL_UTF8_INVALID, 1},
    {"lead FF", "\xff", 1, CL_UTF8_INVALID, 1},
    {"lone continuation", "\x80", 1, CL_UTF8_INVALID, 1},
    {"lone continuation BF", "\xbf", 1, CL_UTF8_INVALID, 1},
    /* Truncated: n ends before the sequence does */
    {"truncated 2 of 3", "\xe4\xb8", 2, CL_UTF8_INVALID, 1},
    {"truncated 1 of 2", "\xc3", 1, CL_UTF8_INVALID, 1},
    {"truncated 3 of 4", "\xf0\xa0\x80", 3, CL_UTF8_INVALID, 1},
    {"n cuts a complete sequence", "\xe4\xb8\xad", 2, CL_UTF8_INVALID, 1},
    /* Bad continuation bytes */
    {"ASCII where a continuation should be", "\xe4\x41\x42", 3, CL_UTF8_INVALID, 1},
    {"lead byte where a continuation should be", "\xc3\xc3\xa9", 3, CL_UTF8_INVALID, 1},
    {"bad last byte of 4", "\xf0\xa0\x80\x41", 4, CL_UTF8_INVALID, 1},
};

static void test_utf8_decode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof DECODE / sizeof DECODE[0]; i++) {
        const struct dec_row *r = &DECODE[i];
        size_t len = 99;
        uint32_t cp = cl_utf8_decode((const unsigned char *)r->bytes, r->n, &len);
        if (cp != r->cp || len != r->len)
            fail_msg("decode %s (n=%zu): U+%04X len %zu, want U+%04X len %zu", r->what, r->n, cp, len, r->cp,
                     r->len);
    }
}

static const struct enc_row {
    uint32_t cp;
    const char *bytes;
    size_t len;
} ENCODE[] = {
    {0x41, "A", 1},
    {0x7F, "\x7f", 1},
    {0x80, "\xc2\x80", 2},
    {0xE9, "\xc3\xa9", 2},
    {0x7FF, "\xdf\xbf", 2},
    {0x800, "\xe0\xa0\x80", 3},
    {0x4E2D, "\xe4\xb8\xad", 3},
    {0xFF11, "\xef\xbc\x91", 3}, /* full-width 1 */
    {0xFFFD, "\xef\xbf\xbd", 3},
    {0xFFFF, "\xef\xbf\xbf", 3},
    {0x10000, "\xf0\x90\x80\x80", 4},
    {0x2A251, "\xf0\xaa\x89\x91", 4},
    {0x10FFFF, "\xf4\x8f\xbf\xbf", 4},
};

static void test_utf8_encode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ENCODE / sizeof ENCODE[0]; i++) {
        const struct enc_row *r = &ENCODE[i];
        char out[8];
        memset(out, 0x55, sizeof out);
        size_t n = cl_utf8_encode(r->cp, out);
        if (n != r->len || memcmp(out, r->bytes, n) != 0)
            fail_msg("encode U+%04X: %zu bytes, want %zu", r->cp, n, r->len);
        assert_int_equal((unsigned char)out[n], 0x55); /* nothing written past the sequence */
        /* and it decodes back */
        size_t len;
        assert_int_equal(cl_utf8_decode((const unsigned char *)out, n, &len), r->cp);
        assert_int_equal(len, n);
    }
}

/* ---- Files --------------------------------------------------------------------- */

static void test_read_file_missing(void **state)
{
    (void)state;
    cl_error err = {0};
    size_t len = 12345;
    char *s = cl_read_file("/nonexistent-claimlint-dir/x.yaml", &len, &err);
    assert_null(s);
    assert_int_equal(len, 12345); /* untouched on failure */
    assert_string_equal(err.file, "/nonexistent-claimlint-dir/x.yaml");
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    char want[128];
    snprintf(want, sizeof want, "cannot open: %s", strerror(ENOENT));
    assert_string_equal(err.message, want);
    assert_string_equal(err.message, "cannot open: No such file or directory"); /* glibc, C locale */
    cl_error_clear(&err);

    /* A directory opens but cannot be read. */
    s = cl_read_file("/", &len, &err);
    assert_null(s);
    assert_string_equal(err.file, "/");
    snprintf(want, sizeof want, "cannot read: %s", strerror(EISDIR));
    assert_string_equal(err.message, want);
    cl_error_clear(&err);
}

static void test_read_file_contents(void **state)
{
    (void)state;
    char path[] = "/tmp/claimlint-test-base-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    /* Larger than the 64 KiB first read, with NUL bytes inside. */
    size_t n = 200000;
    char *data = malloc(n);
    for (size_t i = 0; i < n; i++)
        data[i] = (char)(i % 251);
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);

    cl_error err = {0};
    size_t len = 0;
    char *s = cl_read_file(path, &len, &err);
    assert_non_null(s);
    assert_null(err.message);
    assert_int_equal(len, n);
    assert_memory_equal(s, data, n);
    assert_int_equal(s[n], '\0');
    free(s);

    /* An empty file: an empty, terminated string. */
    FILE *f = fopen(path, "wb");
    fclose(f);
    s = cl_read_file(path, &len, &err);
    assert_non_null(s);
    assert_int_equal(len, 0);
    assert_string_equal(s, "");
    free(s);

    unlink(path);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),           cmocka_unit_test(test_buf_append_and_growth),
        cmocka_unit_test(test_buf_printf),        cmocka_unit_test(test_buf_detach),
        cmocka_unit_test(test_vec),               cmocka_unit_test(test_error_set_clear),
        cmocka_unit_test(test_errors_add_take),   cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_encode),       cmocka_unit_test(test_read_file_missing),
        cmocka_unit_test(test_read_file_contents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
