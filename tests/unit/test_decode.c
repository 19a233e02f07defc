/* Unit tests for decoding (src/text/decode.c) and reading a whole document
 * (src/text/input.c): which bytes are taken for UTF-8, GB18030 or a named
 * encoding, what comes out, and where positions of a transcoded file land.
 * The byte strings are written out by hand (GB18030 and Big5 code tables). */
#include "unit.h"

#include "text/text.h"

/* ---- Detection and transcoding ---------------------------------------------- */

static const struct {
    const char *in;
    size_t n;              /* 0: strlen(in) */
    const char *encoding;  /* asked for, or NULL */
    cl_decode_status status;
    const char *used;      /* "" for UTF-8 */
    const char *out;       /* the UTF-8 text (NULL: the input unchanged) */
    size_t bad;            /* CL_DECODE_BAD: offset of the first bad byte */
} rows[] = {
    /* UTF-8, with or without BOM, is used as it is */
    {"截至2024年，共有148项", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    {"\xef\xbb\xbf中文", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    {"", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    {"plain ASCII", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    /* GB18030: 中文测试 = D6D0 CEC4 B2E2 CAD4; 😀 is the four-byte 9439FC36 */
    {"\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4", 0, NULL, CL_DECODE_OK, "GB18030", "中文测试", 0},
    {"\xd6\xd0\x94\x39\xfc\x36", 0, NULL, CL_DECODE_OK, "GB18030", "中😀", 0},
    {"\xb5\xda\xd2\xbb\xd0\xd0\n\xbd\xd8\xd6\xc1" "2024\xc4\xea\xa3\xac\xc6\xe4\xd6\xd0" "160\xcf\xee", 0, NULL,
     CL_DECODE_OK, "GB18030", "第一行\n截至2024年，其中160项", 0},
    /* not UTF-8 and not GB18030 (0xFF is no GB18030 lead byte): invalid UTF-8 */
    {"\xd6\xd0\xff", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    /* UTF-8 with one stray byte: "中文\xC4a" would decode as GB18030 (E4B8
     * ADE6 9687 C461), but two good sequences against one bad byte say UTF-8 */
    {"中文\xc4" "a", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    {"caf\xe9 中文", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    /* a GB18030 sequence cut off at the end does not decode cleanly */
    {"\xd6\xd0\xce", 0, NULL, CL_DECODE_OK, "", NULL, 0},
    /* Big5, asked for: 中文 = A4A4 A4E5, 幹細胞 = B746 B2D3 AD4D */
    {"\xa4\xa4\xa4\xe5", 0, "big5", CL_DECODE_OK, "big5", "中文", 0},
    {"\xb7\x46\xb2\xd3\xad\x4d", 0, "BIG5", CL_DECODE_OK, "BIG5", "幹細胞", 0},
    {"ab\n\xa4\xa4\xff", 0, "big5", CL_DECODE_BAD, "big5", NULL, 5},
    {"\xa4", 0, "big5", CL_DECODE_BAD, "big5", NULL, 0},
    /* GB18030 asked for, even for text that is valid UTF-8 */
    {"\xd6\xd0", 0, "GB18030", CL_DECODE_OK, "GB18030", "中", 0},
    /* UTF-16 with its BOM (iconv takes the BOM as the byte order, not as text) */
    {"\xff\xfe\x2d\x4e\x87\x65", 6, "UTF-16", CL_DECODE_OK, "UTF-16", "中文", 0},
    /* UTF-8 asked for: no detection, invalid bytes left for the normaliser */
    {"\xd6\xd0\xce\xc4", 0, "UTF-8", CL_DECODE_OK, "", NULL, 0},
    {"\xd6\xd0\xce\xc4", 0, "utf8", CL_DECODE_OK, "", NULL, 0},
    /* unknown names */
    {"abc", 0, "no-such-encoding", CL_DECODE_UNKNOWN, "no-such-encoding", NULL, 0},
};

static void test_decode_rows(void **state)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t n = rows[i].n ? rows[i].n : strlen(rows[i].in);
        cl_decoded d;
        cl_decode_status st = cl_text_decode(&d, rows[i].in, n, rows[i].encoding);
        if (st != rows[i].status || strcmp(d.encoding, rows[i].used) != 0) {
            fprintf(stderr, "row %zu: status %d encoding '%s', want %d '%s'\n", i, st, d.encoding, rows[i].status,
                    rows[i].used);
            fail();
        }
        if (st == CL_DECODE_BAD)
            assert_int_equal(d.bad_offset, rows[i].bad);
        if (st == CL_DECODE_OK && rows[i].out) {
            assert_non_null(d.owned);
            assert_int_equal(d.len, strlen(rows[i].out));
            assert_memory_equal(d.text, rows[i].out, d.len);
            assert_int_equal(d.text[d.len], '\0');
        } else if (st == CL_DECODE_OK) {
            assert_null(d.owned);
            assert_ptr_equal(d.text, rows[i].in);
            assert_int_equal(d.len, n);
        }
        cl_decoded_free(&d);
    }
}

static void test_encoding_known(void **state)
{
    assert_true(cl_encoding_known("big5"));
    assert_true(cl_encoding_known("GB18030"));
    assert_true(cl_encoding_known("gbk"));
    assert_true(cl_encoding_known("UTF-8"));
    assert_true(cl_encoding_known("Shift_JIS"));
    assert_false(cl_encoding_known("no-such-encoding"));
    assert_false(cl_encoding_known(""));
    assert_false(cl_encoding_known(NULL));
}

static void test_decoded_free_zeroed(void **state)
{
    cl_decoded d = {0};
    cl_decoded_free(&d);
    cl_decoded_free(NULL);
    cl_input in = {0};
    cl_input_free(&in);
    cl_input_free(NULL);
}

/* ---- Formats by name ---------------------------------------------------------- */

static void test_markup_for_name(void **state)
{
    static const struct {
        const char *name;
        cl_markup markup;
    } names[] = {
        {"a.md", CL_MARKUP_MARKDOWN},     {"dir/a.markdown", CL_MARKUP_MARKDOWN}, {"A.MD", CL_MARKUP_MARKDOWN},
        {"a.html", CL_MARKUP_HTML},       {"a.htm", CL_MARKUP_HTML},              {"a.HTML", CL_MARKUP_HTML},
        {"a.txt", CL_MARKUP_TEXT},        {"a.text", CL_MARKUP_TEXT},             {"a", CL_MARKUP_TEXT},
        {"<stdin>", CL_MARKUP_TEXT},      {"dir.md/file", CL_MARKUP_TEXT},        {"a.md.txt", CL_MARKUP_TEXT},
        {NULL, CL_MARKUP_TEXT},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_int_equal(cl_markup_for_name(names[i].name), names[i].markup);
}

/* ---- A whole document --------------------------------------------------------- */

static const cl_notice *find_notice(const cl_input *in, cl_notice_kind kind)
{
    for (size_t i = 0; i < in->n_notices; i++)
        if (in->notices[i].kind == kind)
            return &in->notices[i];
    return NULL;
}

/* A GB18030 file: the positions of "160项" are those of the UTF-8 text. */
static void test_input_gb18030_positions(void **state)
{
    const char gb[] = "\xb5\xda\xd2\xbb\xd0\xd0\n\xbd\xd8\xd6\xc1" "2024\xc4\xea\xa3\xac\xc6\xe4\xd6\xd0"
                      "160\xcf\xee";
    cl_input in;
    cl_input_open(&in, "a.txt", gb, sizeof gb - 1, CL_MARKUP_AUTO, NULL, CL_COLUMN_CHAR);
    assert_false(in.failed);
    assert_string_equal(in.encoding, "GB18030");
    assert_ptr_equal(in.extracted, in.text); /* text: nothing extracted */
    const cl_notice *n = find_notice(&in, CL_NOTICE_REMARK);
    assert_non_null(n);
    assert_string_equal(n->message, "read as GB18030");
    assert_int_equal(n->line, 0);

    const char *hit = strstr(in.text, "160");
    assert_non_null(hit);
    cl_lines lines;
    cl_lines_init(&lines, in.text, in.len);
    int line, column;
    cl_lines_locate(&lines, (size_t)(hit - in.text), CL_COLUMN_BYTE, &line, &column);
    assert_int_equal(line, 2);
    assert_int_equal(column, 23); /* 截至2024年，其中: six three-byte characters and 4 digits (GB18030: 16 bytes) */
    cl_lines_locate(&lines, (size_t)(hit - in.text), CL_COLUMN_CHAR, &line, &column);
    assert_int_equal(column, 11); /* ten characters before it */
    cl_lines_free(&lines);
    cl_input_free(&in);
}

static void test_input_decoding_errors(void **state)
{
    cl_input in;
    const char bad[] = "ab\ncd \xff";
    cl_input_open(&in, "a.txt", bad, sizeof bad - 1, CL_MARKUP_AUTO, "big5", CL_COLUMN_CHAR);
    assert_true(in.failed);
    assert_int_equal(in.n_notices, 1);
    assert_int_equal(in.notices[0].kind, CL_NOTICE_ERROR);
    assert_int_equal(in.notices[0].offset, 6);
    assert_int_equal(in.notices[0].line, 2);
    assert_int_equal(in.notices[0].column, 4);
    assert_string_equal(in.notices[0].message, "byte 0xFF does not decode as big5; the file is not checked");
    cl_input_free(&in);

    cl_input_open(&in, "a.txt", "abc", 3, CL_MARKUP_AUTO, "no-such", CL_COLUMN_BYTE);
    assert_true(in.failed);
    assert_int_equal(in.notices[0].line, 0);
    assert_string_equal(in.notices[0].message,
                        "unknown encoding 'no-such' (iconv does not know it); the file is not checked");
    cl_input_free(&in);
}

/* The format follows the name; the document date and its note come along. */
static void test_input_formats(void **state)
{
    const char md[] = "---\ndate: 2025-01-15\n---\n共有**148**项\n";
    cl_input in;
    cl_input_open(&in, "x.md", md, sizeof md - 1, CL_MARKUP_AUTO, NULL, CL_COLUMN_BYTE);
    assert_string_equal(in.date, "2025-01-15");
    assert_null(in.encoding);
    const cl_notice *n = find_notice(&in, CL_NOTICE_REMARK);
    assert_non_null(n);
    assert_int_equal(n->line, 2);
    assert_int_equal(n->column, 7);
    assert_string_equal(n->message, "document date 2025-01-15, from the front matter");
    assert_int_equal(strlen(in.extracted), in.len);
    assert_non_null(strstr(in.extracted, "\x01\x01" "148\x01\x01项"));
    cl_input_free(&in);

    /* the same bytes as text: nothing is read from them */
    cl_input_open(&in, "x.txt", md, sizeof md - 1, CL_MARKUP_AUTO, NULL, CL_COLUMN_BYTE);
    assert_string_equal(in.date, "");
    assert_ptr_equal(in.extracted, md);
    assert_int_equal(in.n_notices, 0);
    cl_input_free(&in);

    /* ... unless the format is given */
    cl_input_open(&in, "<stdin>", md, sizeof md - 1, CL_MARKUP_MARKDOWN, NULL, CL_COLUMN_BYTE);
    assert_string_equal(in.date, "2025-01-15");
    cl_input_free(&in);

    const char html[] = "<meta name=\"date\" content=\"2024-05-06\"><p>共有<b>148</b>项</p>";
    cl_input_open(&in, "x.HTM", html, sizeof html - 1, CL_MARKUP_AUTO, NULL, CL_COLUMN_BYTE);
    assert_string_equal(in.date, "2024-05-06");
    n = find_notice(&in, CL_NOTICE_REMARK);
    assert_non_null(n);
    assert_int_equal(n->column, 1);
    assert_string_equal(n->message, "document date 2024-05-06, from <meta name=\"date\">");
    cl_input_free(&in);

    /* a front matter date that is no date is a warning where it stands */
    const char bad[] = "---\ntitle: x\ndate: soon\n---\n";
    cl_input_open(&in, "x.md", bad, sizeof bad - 1, CL_MARKUP_AUTO, NULL, CL_COLUMN_BYTE);
    assert_string_equal(in.date, "");
    n = find_notice(&in, CL_NOTICE_WARNING);
    assert_non_null(n);
    assert_int_equal(n->line, 3);
    assert_int_equal(n->column, 7);
    assert_string_equal(n->message,
                        "front matter date 'soon' is not a date (YYYY-MM-DD, YYYY-MM or YYYY); it is not used");
    cl_input_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_rows),
        cmocka_unit_test(test_encoding_known),
        cmocka_unit_test(test_decoded_free_zeroed),
        cmocka_unit_test(test_markup_for_name),
        cmocka_unit_test(test_input_gb18030_positions),
        cmocka_unit_test(test_input_decoding_errors),
        cmocka_unit_test(test_input_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
