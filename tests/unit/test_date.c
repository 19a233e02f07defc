/* Specification tables for the value layer's dates: day numbers, cl_date_parse
 * (with and without a context date), cl_date_format and cl_date_overlaps.
 * Each row states the expected range by hand; a failing row prints its input. */
#include "unit.h"

#include "value/value.h"

#include <stdbool.h>

#define DAY CL_DATE_DAY
#define MONTH CL_DATE_MONTH
#define QUARTER CL_DATE_QUARTER
#define HALF CL_DATE_HALF
#define YEAR CL_DATE_YEAR
#define SPAN CL_DATE_SPAN

/* ---- Day numbers, checked against known values --------------------------- */

static const struct civil_row {
    int y, m, d;
    int32_t days;
} CIVIL[] = {
    {1970, 1, 1, 0},       {1969, 12, 31, -1},   {2000, 1, 1, 10957},  {2000, 3, 1, 11017},
    {2024, 10, 31, 20027}, {2024, 2, 29, 19782}, {1900, 1, 1, -25567}, {2100, 12, 31, 47846},
    {1953, 1, 1, -6209},
};

static void test_civil(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CIVIL / sizeof CIVIL[0]; i++) {
        const struct civil_row *r = &CIVIL[i];
        int y, m, d;
        if (cl_days_from_civil(r->y, r->m, r->d) != r->days)
            fail_msg("%04d-%02d-%02d: %d, want %d", r->y, r->m, r->d, cl_days_from_civil(r->y, r->m, r->d),
                     r->days);
        cl_civil_from_days(r->days, &y, &m, &d);
        if (y != r->y || m != r->m || d != r->d)
            fail_msg("day %d: %04d-%02d-%02d, want %04d-%02d-%02d", r->days, y, m, d, r->y, r->m, r->d);
    }
}

/* Every day from 1900 to 2100 follows the one before, and the calendar has
 * the months' lengths and leap years it should. */
static void test_civil_walk(void **state)
{
    (void)state;
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int32_t expect = cl_days_from_civil(1900, 1, 1);
    for (int y = 1900; y <= 2100; y++) {
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (int m = 1; m <= 12; m++) {
            int dim = DAYS[m - 1] + (m == 2 && leap);
            for (int d = 1; d <= dim; d++) {
                int yy, mm, dd;
                if (cl_days_from_civil(y, m, d) != expect)
                    fail_msg("%04d-%02d-%02d is not day %d", y, m, d, expect);
                cl_civil_from_days(expect, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    fail_msg("day %d reads back as %04d-%02d-%02d", expect, yy, mm, dd);
                expect++;
            }
        }
    }
    assert_int_equal(expect, 47846 + 1);
}

/* ---- Parsing ------------------------------------------------------------- */

struct drow {
    const char *in;
    const char *ctx; /* a day "YYYY-MM-DD" the article is dated, or NULL */
    bool ok;
    const char *lo, *hi;
    int prec;
};

#define NOT(s, ctx) {s, ctx, false, NULL, NULL, 0}
#define CTX "2024-10-15"

static const struct drow DATES[] = {
    /* Chinese year, month, day; as-of prefixes. */
    {"2024年10月", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"截至2024年10月", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"截止2024年10月", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"截止到2024年10月", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"截止至2024年10月", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"到2025年", NULL, true, "2025-01-01", "2025-12-31", YEAR},
    {"至2025年底", NULL, true, "2025-12-01", "2025-12-31", MONTH},
    {"2023年12月31日", NULL, true, "2023-12-31", "2023-12-31", DAY},
    {"2023年12月31号", NULL, true, "2023-12-31", "2023-12-31", DAY},
    {"2023年12月31號", NULL, true, "2023-12-31", "2023-12-31", DAY},
    {"截止到2025年5月31日", NULL, true, "2025-05-31", "2025-05-31", DAY},
    {"31号", CTX, true, "2024-10-31", "2024-10-31", DAY},
    {"5日", CTX, true, "2024-10-05", "2024-10-05", DAY},
    NOT("31号", NULL),
    NOT("31号", "2024-02-10"),
    {"二〇二五年一月", NULL, true, "2025-01-01", "2025-01-31", MONTH},
    {"二〇二四年十月三十一日", NULL, true, "2024-10-31", "2024-10-31", DAY},
    {"二〇二四年十月", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"二〇二五年十二月", NULL, true, "2025-12-01", "2025-12-31", MONTH},
    {"二零二五年", NULL, true, "2025-01-01", "2025-12-31", YEAR},
    {"２０２４年１０月", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"2025年", NULL, true, "2025-01-01", "2025-12-31", YEAR},
    {"2024年度", NULL, true, "2024-01-01", "2024-12-31", YEAR},
    {"2024年1月", NULL, true, "2024-01-01", "2024-01-31", MONTH},
    {"2024年01月", NULL, true, "2024-01-01", "2024-01-31", MONTH},
    {"2024年10月底", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    /* Ends, starts and middles of years. */
    {"2025年底", NULL, true, "2025-12-01", "2025-12-31", MONTH},
    {"2024年末", NULL, true, "2024-12-01", "2024-12-31", MONTH},
    {"2025年年底", NULL, true, "2025-12-01", "2025-12-31", MONTH},
    {"年底", CTX, true, "2024-12-01", "2024-12-31", MONTH},
    {"年末", CTX, true, "2024-12-01", "2024-12-31", MONTH},
    NOT("年底", NULL),
    {"end of 2024", NULL, true, "2024-12-01", "2024-12-31", MONTH},
    {"the end of 2024", NULL, true, "2024-12-01", "2024-12-31", MONTH},
    {"late 2024", NULL, true, "2024-12-01", "2024-12-31", MONTH},
    {"by the end of 2024", NULL, true, "2024-12-01", "2024-12-31", MONTH},
    {"at the end of October 2024", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"2025年初", NULL, true, "2025-01-01", "2025-02-28", SPAN},
    {"2024年初", NULL, true, "2024-01-01", "2024-02-29", SPAN},
    {"年初", CTX, true, "2024-01-01", "2024-02-29", SPAN},
    {"early 2025", NULL, true, "2025-01-01", "2025-02-28", SPAN},
    {"beginning of 2025", NULL, true, "2025-01-01", "2025-02-28", SPAN},
    {"the beginning of 2025", NULL, true, "2025-01-01", "2025-02-28", SPAN},
    {"年中", CTX, true, "2024-06-01", "2024-07-31", SPAN},
    {"2025年中", NULL, true, "2025-06-01", "2025-07-31", SPAN},
    {"mid-2025", NULL, true, "2025-06-01", "2025-07-31", SPAN},
    {"mid 2025", NULL, true, "2025-06-01", "2025-07-31", SPAN},
    /* Halves and quarters. */
    {"上半年", CTX, true, "2024-01-01", "2024-06-30", HALF},
    {"2025年上半年", NULL, true, "2025-01-01", "2025-06-30", HALF},
    {"first half of 2025", NULL, true, "2025-01-01", "2025-06-30", HALF},
    {"the first half of 2025", NULL, true, "2025-01-01", "2025-06-30", HALF},
    {"H1 2025", NULL, true, "2025-01-01", "2025-06-30", HALF},
    {"2025 H1", NULL, true, "2025-01-01", "2025-06-30", HALF},
    {"下半年", CTX, true, "2024-07-01", "2024-12-31", HALF},
    {"2024年下半年", NULL, true, "2024-07-01", "2024-12-31", HALF},
    {"second half of 2025", NULL, true, "2025-07-01", "2025-12-31", HALF},
    {"H2 2025", NULL, true, "2025-07-01", "2025-12-31", HALF},
    {"2024-H2", NULL, true, "2024-07-01", "2024-12-31", HALF},
    NOT("上半年", NULL),
    {"一季度", CTX, true, "2024-01-01", "2024-03-31", QUARTER},
    {"第一季度", CTX, true, "2024-01-01", "2024-03-31", QUARTER},
    {"2025年二季度", NULL, true, "2025-04-01", "2025-06-30", QUARTER},
    {"第三季度", CTX, true, "2024-07-01", "2024-09-30", QUARTER},
    {"2024年第四季度", NULL, true, "2024-10-01", "2024-12-31", QUARTER},
    {"2024年第4季度", NULL, true, "2024-10-01", "2024-12-31", QUARTER},
    {"2025年Q1", NULL, true, "2025-01-01", "2025-03-31", QUARTER},
    {"Q1 2025", NULL, true, "2025-01-01", "2025-03-31", QUARTER},
    {"Q4 2024", NULL, true, "2024-10-01", "2024-12-31", QUARTER},
    {"2025 Q3", NULL, true, "2025-07-01", "2025-09-30", QUARTER},
    {"2024-Q1", NULL, true, "2024-01-01", "2024-03-31", QUARTER},
    {"first quarter of 2025", NULL, true, "2025-01-01", "2025-03-31", QUARTER},
    {"the third quarter of 2025", NULL, true, "2025-07-01", "2025-09-30", QUARTER},
    NOT("第五季度", CTX),
    NOT("一季度", NULL),
    /* Numeric forms. */
    {"2024-10", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"2024/10", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"2024.10", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"2024-10-31", NULL, true, "2024-10-31", "2024-10-31", DAY},
    {"2024/10/31", NULL, true, "2024-10-31", "2024-10-31", DAY},
    {"2024.10.31", NULL, true, "2024-10-31", "2024-10-31", DAY},
    {"2024", NULL, true, "2024-01-01", "2024-12-31", YEAR},
    {"  2024  ", NULL, true, "2024-01-01", "2024-12-31", YEAR},
    {"1900", NULL, true, "1900-01-01", "1900-12-31", YEAR},
    {"2100", NULL, true, "2100-01-01", "2100-12-31", YEAR},
    NOT("1899", NULL),
    NOT("2101", NULL),
    NOT("2025-13", NULL),
    NOT("2025-02-30", NULL),
    NOT("2024-10/31", NULL),
    /* English month names. */
    {"October 2024", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"Oct 2024", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"Oct. 2024", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"Sept 2024", NULL, true, "2024-09-01", "2024-09-30", MONTH},
    {"as of October 2024", NULL, true, "2024-10-01", "2024-10-31", MONTH},
    {"10 February 2026", NULL, true, "2026-02-10", "2026-02-10", DAY},
    {"10th February 2026", NULL, true, "2026-02-10", "2026-02-10", DAY},
    {"February 10, 2026", NULL, true, "2026-02-10", "2026-02-10", DAY},
    {"Feb 10 2026", NULL, true, "2026-02-10", "2026-02-10", DAY},
    {"as at 2024-10-31", NULL, true, "2024-10-31", "2024-10-31", DAY},
    {"until 2025", NULL, true, "2025-01-01", "2025-12-31", YEAR},
    {"through 2025", NULL, true, "2025-01-01", "2025-12-31", YEAR},
    NOT("February 30, 2026", NULL),
    NOT("Octobre 2024", NULL),
    /* Five-year plans. */
    {"十四五", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"\"十四五\"时期", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"十四五期间", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"“十四五”", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"“十四五”时期", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"“十四五”規劃期間", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"14th Five-Year Plan", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"the 14th Five-Year Plan period", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"十一五", NULL, true, "2006-01-01", "2010-12-31", SPAN},
    {"十三五", NULL, true, "2016-01-01", "2020-12-31", SPAN},
    {"十五五", NULL, true, "2026-01-01", "2030-12-31", SPAN},
    {"十六五", NULL, true, "2031-01-01", "2035-12-31", SPAN},
    {"1st Five-Year Plan", NULL, true, "1953-01-01", "1957-12-31", SPAN},
    {"2nd Five-Year Plan", NULL, true, "1958-01-01", "1962-12-31", SPAN},
    {"3rd Five-Year Plan", NULL, true, "1966-01-01", "1970-12-31", SPAN},
    NOT("十五", NULL),
    NOT("十七五", NULL),
    /* Explicit spans. */
    {"2021–2025", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"2021-2025年", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"2021至2025年", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"2021..2025", NULL, true, "2021-01-01", "2025-12-31", SPAN},
    {"2024-12-01..2025-02-28", NULL, true, "2024-12-01", "2025-02-28", SPAN},
    {"2024年10月至12月", NULL, true, "2024-10-01", "2024-12-31", SPAN},
    /* statistics write the first month without its 月 */
    {"2025年1-11月", NULL, true, "2025-01-01", "2025-11-30", SPAN},
    {"2025年1至11月", NULL, true, "2025-01-01", "2025-11-30", SPAN},
    {"2025年13-14月", NULL, false, NULL, NULL, 0},
    {"2024年1月1日至3月31日", NULL, true, "2024-01-01", "2024-03-31", SPAN},
    NOT("2025-2021", NULL),
    NOT("2024年10月至", NULL),
    /* The context's year. */
    {"10月", CTX, true, "2024-10-01", "2024-10-31", MONTH},
    {"十月", CTX, true, "2024-10-01", "2024-10-31", MONTH},
    {"10月31日", CTX, true, "2024-10-31", "2024-10-31", DAY},
    {"去年底", CTX, true, "2023-12-01", "2023-12-31", MONTH},
    {"今年上半年", CTX, true, "2024-01-01", "2024-06-30", HALF},
    {"明年", CTX, true, "2025-01-01", "2025-12-31", YEAR},
    NOT("10月", NULL),
    NOT("去年", NULL),
    /* Invalid days and months. */
    {"2024年2月29日", NULL, true, "2024-02-29", "2024-02-29", DAY},
    {"2000年2月29日", NULL, true, "2000-02-29", "2000-02-29", DAY},
    NOT("2023年2月29日", NULL),
    NOT("1900年2月29日", NULL),
    NOT("2024年4月31日", NULL),
    NOT("2024年10月32日", NULL),
    NOT("2024年10月0日", NULL),
    NOT("13月", CTX),
    NOT("0月", CTX),
    /* Not dates. */
    NOT("400-622-0089", NULL),
    NOT("400-622-0089", CTX),
    NOT("12345", NULL),
    NOT("2号馆", NULL),
    NOT("2号馆", CTX),
    NOT("", NULL),
    NOT("截至", NULL),
    NOT("24", NULL),
    NOT("2024年10月的", NULL),
    NOT("18:30", NULL),
    NOT("106项", CTX),
};

static cl_date day_of(const char *ymd)
{
    int y, m, d;
    sscanf(ymd, "%d-%d-%d", &y, &m, &d);
    cl_date r = {cl_days_from_civil(y, m, d), cl_days_from_civil(y, m, d), CL_DATE_DAY};
    return r;
}

static void show_day(int32_t days, char *buf, size_t size)
{
    int y, m, d;
    cl_civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

static void test_date_table(void **state)
{
    (void)state;
    int failures = 0;
    size_t n = sizeof DATES / sizeof DATES[0];
    for (size_t i = 0; i < n; i++) {
        const struct drow *r = &DATES[i];
        cl_date ctx, got;
        if (r->ctx)
            ctx = day_of(r->ctx);
        bool ok = cl_date_parse(r->in, strlen(r->in), r->ctx ? &ctx : NULL, &got);
        if (ok != r->ok) {
            print_error("date \"%s\" (context %s): parse %s, want %s\n", r->in, r->ctx ? r->ctx : "none",
                        ok ? "succeeded" : "failed", r->ok ? "success" : "failure");
            failures++;
            continue;
        }
        if (!ok)
            continue;
        char lo[16], hi[16];
        show_day(got.lo, lo, sizeof lo);
        show_day(got.hi, hi, sizeof hi);
        if (strcmp(lo, r->lo) != 0 || strcmp(hi, r->hi) != 0 || got.prec != r->prec) {
            print_error("date \"%s\" (context %s): %s..%s prec %d, want %s..%s prec %d\n", r->in,
                        r->ctx ? r->ctx : "none", lo, hi, got.prec, r->lo, r->hi, r->prec);
            failures++;
        }
    }
    if (failures)
        print_error("%d of %zu date rows failed\n", failures, n);
    assert_int_equal(failures, 0);
}

/* What cl_date_format writes reads back as the same date. */
static void test_date_round_trip(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof DATES / sizeof DATES[0]; i++) {
        const struct drow *r = &DATES[i];
        cl_date ctx, got, back;
        if (!r->ok)
            continue;
        if (r->ctx)
            ctx = day_of(r->ctx);
        assert_true(cl_date_parse(r->in, strlen(r->in), r->ctx ? &ctx : NULL, &got));
        char buf[64];
        cl_date_format(&got, buf, sizeof buf);
        if (!cl_date_parse(buf, strlen(buf), NULL, &back) || back.lo != got.lo || back.hi != got.hi ||
            back.prec != got.prec) {
            print_error("date \"%s\" formats as \"%s\", which does not read back\n", r->in, buf);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* Parsing stops at n. */
static void test_date_length(void **state)
{
    (void)state;
    cl_date d;
    assert_true(cl_date_parse("2024年10月的数据", strlen("2024年10月"), NULL, &d));
    assert_int_equal(d.prec, CL_DATE_MONTH);
    assert_true(cl_date_parse("20245", 4, NULL, &d));
    assert_int_equal(d.prec, CL_DATE_YEAR);
    assert_false(cl_date_parse(NULL, 0, NULL, &d));
}

/* ---- Formatting and overlap ----------------------------------------------- */

static const struct fmt_row {
    const char *lo, *hi;
    int prec;
    const char *want;
} FORMATS[] = {
    {"2024-01-01", "2024-12-31", YEAR, "2024"},
    {"2024-10-01", "2024-10-31", MONTH, "2024-10"},
    {"2024-02-01", "2024-02-29", MONTH, "2024-02"},
    {"2024-10-31", "2024-10-31", DAY, "2024-10-31"},
    {"2024-01-01", "2024-03-31", QUARTER, "2024-Q1"},
    {"2024-10-01", "2024-12-31", QUARTER, "2024-Q4"},
    {"2024-01-01", "2024-06-30", HALF, "2024-H1"},
    {"2024-07-01", "2024-12-31", HALF, "2024-H2"},
    {"2021-01-01", "2025-12-31", SPAN, "2021..2025"},
    {"2024-01-01", "2024-12-31", SPAN, "2024..2024"},
    {"2024-12-01", "2025-02-28", SPAN, "2024-12-01..2025-02-28"},
    /* A precision that does not match the range: written out in full. */
    {"2024-10-01", "2024-11-30", MONTH, "2024-10-01..2024-11-30"},
    {"2024-10-01", "2024-10-02", DAY, "2024-10-01..2024-10-02"},
    {"2024-02-01", "2024-04-30", QUARTER, "2024-02-01..2024-04-30"},
    {"2024-01-01", "2025-12-31", YEAR, "2024-01-01..2025-12-31"},
    {"2024-01-02", "2024-12-31", YEAR, "2024-01-02..2024-12-31"},
};

static void test_date_format(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++) {
        const struct fmt_row *r = &FORMATS[i];
        cl_date d = {day_of(r->lo).lo, day_of(r->hi).lo, (unsigned char)r->prec};
        char buf[64];
        size_t n = cl_date_format(&d, buf, sizeof buf);
        if (strcmp(buf, r->want) != 0 || n != strlen(r->want)) {
            print_error("format %s..%s prec %d: \"%s\", want \"%s\"\n", r->lo, r->hi, r->prec, buf, r->want);
            failures++;
        }
    }
    cl_date d = {day_of("2024-12-01").lo, day_of("2025-02-28").lo, CL_DATE_SPAN};
    char small[8] = "xxxxxxx";
    assert_int_equal(cl_date_format(&d, small, sizeof small), strlen("2024-12-01..2025-02-28"));
    assert_string_equal(small, "2024-12");
    assert_int_equal(cl_date_format(&d, NULL, 0), strlen("2024-12-01..2025-02-28"));
    assert_int_equal(failures, 0);
}

static const struct overlap_row {
    const char *a, *b;
    bool want;
} OVERLAPS[] = {
    {"2024年10月", "2024-10-31", true},
    {"2024年10月", "2024年11月", false},
    {"2024年10月", "2024年", true},
    {"十四五", "2025年", true},
    {"十三五", "十四五", false}, /* 2020-12-31 and 2021-01-01 touch but do not share a day */
    {"2024-10-31", "2024-10-31", true},
    {"2024年底", "2025年初", false},
    {"2024-12-01..2025-02-28", "2025年初", true},
    {"Q1 2025", "2025年3月31日", true},
    {"Q1 2025", "2025年4月1日", false},
};

static void test_date_overlaps(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof OVERLAPS / sizeof OVERLAPS[0]; i++) {
        const struct overlap_row *r = &OVERLAPS[i];
        cl_date a, b;
        assert_true(cl_date_parse(r->a, strlen(r->a), NULL, &a));
        assert_true(cl_date_parse(r->b, strlen(r->b), NULL, &b));
        if (cl_date_overlaps(&a, &b) != r->want || cl_date_overlaps(&b, &a) != r->want) {
            print_error("overlap \"%s\" \"%s\": want %d\n", r->a, r->b, r->want);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil),         cmocka_unit_test(test_civil_walk),
        cmocka_unit_test(test_date_table),    cmocka_unit_test(test_date_round_trip),
        cmocka_unit_test(test_date_length),   cmocka_unit_test(test_date_format),
        cmocka_unit_test(test_date_overlaps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
