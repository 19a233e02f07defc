/* Unit tests for the writers (src/output): GCC-style text with notes,
 * findings without a rule or a position, and JSON Lines of claims with
 * escaping of quotes, backslashes and control characters (CJK passes
 * through). Reports are built by hand; the expected text is written out. */
#include "unit.h"

#include "claimlint.h"

static void test_severity_words(void **state)
{
    (void)state;
    assert_string_equal(cl_severity_word(CL_SEVERITY_NOTE), "note");
    assert_string_equal(cl_severity_word(CL_SEVERITY_WARNING), "warning");
    assert_string_equal(cl_severity_word(CL_SEVERITY_ERROR), "error");
}

static void test_gcc(void **state)
{
    (void)state;
    cl_diag_note notes[] = {
        {"rules/reference/policy.yaml", 29, 15, "issued 2022-05-10 (source: NDRC release, 2022-05-11)"},
        {"a.txt", 3, 0, "a note without a column"},
        {"a.txt", 0, 7, "a note without a line"},
        {NULL, 0, 0, "a note without a file"},
    };
    cl_diag diags[] = {
        {.file = "article.txt", .line = 23, .column = 1, .severity = CL_SEVERITY_WARNING, .rule = "bioeconomy-plan-date",
         .message = "《\"十四五\"生物经济发展规划》 dated 2023; the reference has issued 2022-05-10",
         .notes = notes, .n_notes = 4},
        {.file = "article.txt", .line = 30, .column = 12, .severity = CL_SEVERITY_NOTE, .rule = "eu-members",
         .message = "claimed 27 EU member states as of 2015"},
        {.file = "big.txt", .severity = CL_SEVERITY_ERROR, .message = "file too large to check (4 GiB or more)"},
        {.file = "x.txt", .line = 2, .column = 5, .severity = CL_SEVERITY_WARNING,
         .message = "invalid UTF-8: byte 0xFF replaced with U+FFFD; the rest of the file is checked"},
        {.file = NULL, .line = 1, .column = 1, .severity = CL_SEVERITY_ERROR, .rule = "r", .message = "m"},
    };
    cl_report r = {.file = "article.txt", .diags = diags, .n_diags = 5};
    char *s = cl_format_gcc(&r);
    assert_string_equal(s, "article.txt:23:1: warning: 《\"十四五\"生物经济发展规划》 dated 2023; the reference has "
                           "issued 2022-05-10 [bioeconomy-plan-date]\n"
                           "rules/reference/policy.yaml:29:15: note: issued 2022-05-10 (source: NDRC release, "
                           "2022-05-11)\n"
                           "a.txt:3: note: a note without a column\n"
                           "a.txt: note: a note without a line\n"
                           "<unknown>: note: a note without a file\n"
                           "article.txt:30:12: note: claimed 27 EU member states as of 2015 [eu-members]\n"
                           "big.txt: error: file too large to check (4 GiB or more)\n"
                           "x.txt:2:5: warning: invalid UTF-8: byte 0xFF replaced with U+FFFD; the rest of the file "
                           "is checked\n"
                           "<unknown>:1:1: error: m [r]\n");
    free(s);

    /* Nothing to say: an empty string, not NULL. */
    cl_report empty = {.file = "a.txt"};
    s = cl_format_gcc(&empty);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

static void test_claims_jsonl(void **state)
{
    (void)state;
    cl_claim_info claims[] = {
        {.rule = "ind-cleared", .fact = "cn.stem-cell.ind.cleared", .check = "value", .line = 1, .column = 22,
         .end_line = 1, .end_column = 28, .text = "逾120項", .qualifier = "more than", .value = "120",
         .interval = "(120, inf)", .unit = "count", .date = "2024-10", .date_origin = "text"},
        {.rule = "r", .fact = "f", .check = "name", .line = 2, .column = 3, .end_line = 3, .end_column = 1,
         .text = "say \"hi\"\\ \n\t\r\x01\x1f\x7f end", .qualifier = "", .value = NULL, .interval = NULL,
         .unit = "", .date = NULL, .date_origin = "none"},
    };
    cl_report r = {.file = "dir/a \"b\".txt", .claims = claims, .n_claims = 2};
    char *s = cl_format_claims_jsonl(&r);
    assert_string_equal(s, "{\"file\":\"dir/a \\\"b\\\".txt\",\"line\":1,\"column\":22,\"end_line\":1,\"end_column\":28,"
                           "\"rule\":\"ind-cleared\",\"fact\":\"cn.stem-cell.ind.cleared\",\"check\":\"value\","
                           "\"text\":\"逾120項\",\"qualifier\":\"more than\",\"value\":\"120\","
                           "\"interval\":\"(120, inf)\",\"unit\":\"count\",\"date\":\"2024-10\","
                           "\"date_origin\":\"text\"}\n"
                           "{\"file\":\"dir/a \\\"b\\\".txt\",\"line\":2,\"column\":3,\"end_line\":3,\"end_column\":1,"
                           "\"rule\":\"r\",\"fact\":\"f\",\"check\":\"name\","
                           "\"text\":\"say \\\"hi\\\"\\\\ \\n\\t\\r\\u0001\\u001f\\u007f end\",\"qualifier\":\"\","
                           "\"value\":null,\"interval\":null,\"unit\":\"\",\"date\":null,\"date_origin\":\"none\"}\n");
    free(s);

    /* a report whose claims were not kept (n_claims counted, claims NULL) */
    cl_report counted = {.file = "a.txt", .n_claims = 3, .claims = NULL};
    s = cl_format_claims_jsonl(&counted);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_severity_words),
        cmocka_unit_test(test_gcc),
        cmocka_unit_test(test_claims_jsonl),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
