/* Dates: the as-of dates and periods articles state (2024年10月, 截至2025年底,
 * Q1 2025, "十四五", the 14th Five-Year Plan), each read into an inclusive
 * range of days so that a claim's date can be set against a reference fact's. */
#include "value/value.h"

#include "value/lex.h"

#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days, in 64 bits so that no
 * int argument overflows on the way. */
int32_t cl_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t mp = ((int64_t)m + 9) % 12; /* March is 0, so the leap day ends the year */
    int64_t doy = (153 * mp + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void cl_civil_from_days(int32_t days, int *y, int *m, int *d)
{
    int64_t z = (int64_t)days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool cl_date_overlaps(const cl_date *a, const cl_date *b)
{
    return a->lo <= b->hi && b->lo <= a->hi;
}

/* ---- Tables --------------------------------------------------------------*/

#define YEAR_MIN 1900
#define YEAR_MAX 2100

struct word {
    const char *word;
};

/* Where a period word may stand. */
enum {
    AFTER_CJK_YEAR = 1, /* 2025年底, 2025年上半年, 2025年Q1 */
    ALONE = 2,          /* 年底, 上半年: the year comes from the context */
    BEFORE_YEAR = 4,    /* end of 2024, H1 2025, mid-2025 */
    AFTER_YEAR = 8,     /* 2025 H1, 2025-Q1 */
    OF_MONTH = 16       /* also before a month: the end of October 2024 */
};

/* Parts of a year, months m1..m2. 底 and "end of" mean the last month;
 * 初 and "early" the first two; 年中 and "mid" June and July. */
static const struct period {
    const char *word;
    unsigned char m1, m2, prec, where;
} PERIODS[] = {
    {"底", 12, 12, CL_DATE_MONTH, AFTER_CJK_YEAR},
    {"末", 12, 12, CL_DATE_MONTH, AFTER_CJK_YEAR},
    {"年底", 12, 12, CL_DATE_MONTH, AFTER_CJK_YEAR | ALONE},
    {"年末", 12, 12, CL_DATE_MONTH, AFTER_CJK_YEAR | ALONE},
    {"初", 1, 2, CL_DATE_SPAN, AFTER_CJK_YEAR},
    {"年初", 1, 2, CL_DATE_SPAN, AFTER_CJK_YEAR | ALONE},
    {"中", 6, 7, CL_DATE_SPAN, AFTER_CJK_YEAR},
    {"年中", 6, 7, CL_DATE_SPAN, AFTER_CJK_YEAR | ALONE},
    {"度", 1, 12, CL_DATE_YEAR, AFTER_CJK_YEAR},
    {"上半年", 1, 6, CL_DATE_HALF, AFTER_CJK_YEAR | ALONE},
    {"下半年", 7, 12, CL_DATE_HALF, AFTER_CJK_YEAR | ALONE},
    {"h1", 1, 6, CL_DATE_HALF, AFTER_CJK_YEAR | BEFORE_YEAR | AFTER_YEAR},
    {"h2", 7, 12, CL_DATE_HALF, AFTER_CJK_YEAR | BEFORE_YEAR | AFTER_YEAR},
    {"q1", 1, 3, CL_DATE_QUARTER, AFTER_CJK_YEAR | BEFORE_YEAR | AFTER_YEAR},
    {"q2", 4, 6, CL_DATE_QUARTER, AFTER_CJK_YEAR | BEFORE_YEAR | AFTER_YEAR},
    {"q3", 7, 9, CL_DATE_QUARTER, AFTER_CJK_YEAR | BEFORE_YEAR | AFTER_YEAR},
    {"q4", 10, 12, CL_DATE_QUARTER, AFTER_CJK_YEAR | BEFORE_YEAR | AFTER_YEAR},
    {"end of", 12, 12, CL_DATE_MONTH, BEFORE_YEAR | OF_MONTH},
    {"the end of", 12, 12, CL_DATE_MONTH, BEFORE_YEAR | OF_MONTH},
    {"end-", 12, 12, CL_DATE_MONTH, BEFORE_YEAR},
    {"year-end", 12, 12, CL_DATE_MONTH, BEFORE_YEAR},
    {"late", 12, 12, CL_DATE_MONTH, BEFORE_YEAR},
    {"early", 1, 2, CL_DATE_SPAN, BEFORE_YEAR},
    {"beginning of", 1, 2, CL_DATE_SPAN, BEFORE_YEAR},
    {"the beginning of", 1, 2, CL_DATE_SPAN, BEFORE_YEAR},
    {"start of", 1, 2, CL_DATE_SPAN, BEFORE_YEAR},
    {"the start of", 1, 2, CL_DATE_SPAN, BEFORE_YEAR},
    {"mid-", 6, 7, CL_DATE_SPAN, BEFORE_YEAR},
    {"mid", 6, 7, CL_DATE_SPAN, BEFORE_YEAR},
    {"middle of", 6, 7, CL_DATE_SPAN, BEFORE_YEAR},
    {"the middle of", 6, 7, CL_DATE_SPAN, BEFORE_YEAR},
    {"first half of", 1, 6, CL_DATE_HALF, BEFORE_YEAR},
    {"the first half of", 1, 6, CL_DATE_HALF, BEFORE_YEAR},
    {"second half of", 7, 12, CL_DATE_HALF, BEFORE_YEAR},
    {"the second half of", 7, 12, CL_DATE_HALF, BEFORE_YEAR},
    {"first quarter of", 1, 3, CL_DATE_QUARTER, BEFORE_YEAR},
    {"the first quarter of", 1, 3, CL_DATE_QUARTER, BEFORE_YEAR},
    {"second quarter of", 4, 6, CL_DATE_QUARTER, BEFORE_YEAR},
    {"the second quarter of", 4, 6, CL_DATE_QUARTER, BEFORE_YEAR},
    {"third quarter of", 7, 9, CL_DATE_QUARTER, BEFORE_YEAR},
    {"the third quarter of", 7, 9, CL_DATE_QUARTER, BEFORE_YEAR},
    {"fourth quarter of", 10, 12, CL_DATE_QUARTER, BEFORE_YEAR},
    {"the fourth quarter of", 10, 12, CL_DATE_QUARTER, BEFORE_YEAR},
};

/* 今年 and the like, read against the context's year. */
static const struct relative_year {
    const char *word;
    int offset;
} RELATIVE_YEARS[] = {{"今年", 0}, {"去年", -1}, {"前年", -2}, {"明年", 1}};

static const struct month_name {
    const char *word;
    int month;
} MONTH_NAMES[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
    {"august", 8}, {"aug", 8}, {"september", 9}, {"sept", 9}, {"sep", 9}, {"october", 10},
    {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
};

/* Five-year plans by number; 十五 alone is fifteen, so only 十一五 on. */
static const struct plan_name {
    const char *word;
    int number;
} PLAN_NAMES[] = {
    {"十一五", 11}, {"十二五", 12}, {"十三五", 13}, {"十四五", 14}, {"十五五", 15}, {"十六五", 16},
};

/* As-of words: the date that follows is what the claim is dated by. */
static const struct word AS_OF[] = {
    {"截至"}, {"截止"}, {"截止到"}, {"截止至"}, {"截至到"}, {"到"}, {"至"}, {"as of"}, {"as at"},
    {"by"}, {"until"}, {"till"}, {"through"}, {"at"},
};

static const struct word DAY_MARKS[] = {{"日"}, {"号"}};
static const struct word MONTH_ENDS[] = {{"底"}, {"末"}, {"初"}};
static const struct word QUARTER_MARKS[] = {{"季度"}, {"季"}};
static const struct word ISO_SEPARATORS[] = {{"-"}, {"/"}, {"."}};
static const struct word EN_ORDINALS[] = {{"st"}, {"nd"}, {"rd"}, {"th"}};
static const struct word OPEN_QUOTES[] = {{"\""}, {"“"}, {"「"}, {"『"}, {"‘"}, {"'"}};
static const struct word CLOSE_QUOTES[] = {{"\""}, {"”"}, {"」"}, {"』"}, {"’"}, {"'"}};
static const struct word PLAN_SUFFIXES[] = {{"时期"}, {"期间"}, {"规划期间"}, {"规划时期"}};
static const struct word FIVE_YEAR_PLAN[] = {{"five-year plan"}, {"five year plan"}};
static const struct word SPAN_SEPARATORS[] = {{"-"}, {"–"}, {"—"}, {"~"}, {"至"}, {"到"}, {"to"}, {".."}};

/* ---- Building ranges -----------------------------------------------------*/

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const unsigned char DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : DAYS[m - 1];
}

static bool make_months(int y, int m1, int m2, int prec, cl_date *out)
{
    if (y < YEAR_MIN || y > YEAR_MAX || m1 < 1 || m2 > 12 || m1 > m2)
        return false;
    out->lo = cl_days_from_civil(y, m1, 1);
    out->hi = cl_days_from_civil(y, m2, days_in_month(y, m2));
    out->prec = (unsigned char)prec;
    return true;
}

static bool make_day(int y, int m, int d, cl_date *out)
{
    if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    out->lo = out->hi = cl_days_from_civil(y, m, d);
    out->prec = CL_DATE_DAY;
    return true;
}

static bool make_years(int y1, int y2, cl_date *out)
{
    if (y1 < YEAR_MIN || y2 > YEAR_MAX || y1 > y2)
        return false;
    out->lo = cl_days_from_civil(y1, 1, 1);
    out->hi = cl_days_from_civil(y2, 12, 31);
    out->prec = CL_DATE_SPAN;
    return true;
}

/* ---- Pieces --------------------------------------------------------------*/

struct dp {
    const char *s;
    size_t n;
    const cl_date *ctx; /* may be NULL */
};

#define MATCH(dp, pos, table, len) CL_LEX_TABLE((dp)->s, (dp)->n, (pos), (table), (len))
#define WORD(dp, pos, word) cl_lex_word((dp)->s, (dp)->n, (pos), (word))

static bool context_month(const struct dp *dp, int *y, int *m)
{
    int d;
    if (!dp->ctx)
        return false;
    cl_civil_from_days(dp->ctx->lo, y, m, &d);
    return true;
}

/* Four plain digits (2024) or four Chinese digits (二〇二五), and no more. */
static size_t parse_year(const struct dp *dp, size_t pos, bool cjk, int *y)
{
    int64_t v;
    int nd;
    size_t e = cl_lex_digits(dp->s, dp->n, pos, &v, &nd);
    if (nd == 0 && cjk) {
        cl_lex_cjk c;
        e = cl_lex_cjk_int(dp->s, dp->n, pos, &c);
        v = c.value;
        nd = e != pos ? c.ndigits : 0;
    }
    if (nd != 4 || v < YEAR_MIN || v > YEAR_MAX)
        return 0;
    *y = (int)v;
    return e;
}

/* A month or day number: one or two digits, or a Chinese numeral (十二, 三十一). */
static size_t parse_small(const struct dp *dp, size_t pos, bool cjk, int *v)
{
    int64_t value;
    int nd;
    size_t e = cl_lex_digits(dp->s, dp->n, pos, &value, &nd);
    if (nd == 0 && cjk) {
        cl_lex_cjk c;
        e = cl_lex_cjk_int(dp->s, dp->n, pos, &c);
        if (e == pos || c.value > 31 || c.ndigits > 2)
            return 0;
        value = c.value;
        nd = 1;
    }
    if (nd < 1 || nd > 2)
        return 0;
    *v = (int)value;
    return e;
}

static const struct period *match_period(const struct dp *dp, size_t pos, unsigned where, size_t *len)
{
    const struct period *p = MATCH(dp, pos, PERIODS, len);
    return p && (p->where & where) ? p : NULL;
}

/* ---- Forms ---------------------------------------------------------------*/

/* 2024年10月31日, 二〇二五年一月, 2025年底, 2025年上半年, 2024年一季度, 2024年度,
 * and with the context's year 10月, 31号, 年底, 上半年, 第一季度, 去年底. */
static size_t form_cjk(const struct dp *dp, size_t pos, cl_date *out)
{
    size_t p = pos, len, q;
    int y = 0, cm = 0, v, d;
    bool have_year = false;
    if ((q = parse_year(dp, p, true, &y)) && (len = WORD(dp, q, "年"))) {
        p = q + len;
        have_year = true;
    } else {
        const struct relative_year *rel = MATCH(dp, p, RELATIVE_YEARS, &len);
        if (rel) {
            if (!context_month(dp, &y, &cm))
                return 0;
            y += rel->offset;
            p += len;
            have_year = true;
        } else if (!context_month(dp, &y, &cm)) {
            return 0;
        }
    }
    size_t ord = WORD(dp, p, "第");
    if ((q = parse_small(dp, p + ord, true, &v))) {
        if (!ord && (len = WORD(dp, q, "月"))) {
            q += len;
            size_t r = parse_small(dp, q, true, &d);
            if (r && MATCH(dp, r, DAY_MARKS, &len))
                return make_day(y, v, d, out) ? r + len : 0;
            if (MATCH(dp, q, MONTH_ENDS, &len))
                q += len;
            return make_months(y, v, v, CL_DATE_MONTH, out) ? q : 0;
        }
        if (MATCH(dp, q, QUARTER_MARKS, &len))
            return v >= 1 && v <= 4 && make_months(y, 3 * v - 2, 3 * v, CL_DATE_QUARTER, out) ? q + len : 0;
        if (!ord && !have_year && MATCH(dp, q, DAY_MARKS, &len))
            return make_day(y, cm, v, out) ? q + len : 0;
    }
    const struct period *per = match_period(dp, p, have_year ? AFTER_CJK_YEAR : ALONE, &len);
    if (per)
        return make_months(y, per->m1, per->m2, per->prec, out) ? p + len : 0;
    if (have_year)
        return make_months(y, 1, 12, CL_DATE_YEAR, out) ? p : 0;
    return 0;
}

/* 2024, 2024-10, 2024/10/31, 2024.10, 2025-Q1, 2025 H1. */
static size_t form_numeric(const struct dp *dp, size_t pos, cl_date *out)
{
    size_t q, len, len2;
    int y, m, d;
    if (!(q = parse_year(dp, pos, false, &y)))
        return 0;
    const struct word *sep = MATCH(dp, q, ISO_SEPARATORS, &len);
    if (sep) {
        size_t r = parse_small(dp, q + len, false, &m);
        if (r) {
            size_t t;
            if (MATCH(dp, r, ISO_SEPARATORS, &len2) && WORD(dp, r, sep->word) &&
                (t = parse_small(dp, r + len2, false, &d)))
                return make_day(y, m, d, out) ? t : 0;
            return make_months(y, m, m, CL_DATE_MONTH, out) ? r : 0;
        }
    }
    size_t r = (len = WORD(dp, q, "-")) ? q + len : cl_lex_space(dp->s, dp->n, q);
    const struct period *per = match_period(dp, r, AFTER_YEAR, &len);
    if (per)
        return make_months(y, per->m1, per->m2, per->prec, out) ? r + len : 0;
    return make_months(y, 1, 12, CL_DATE_YEAR, out) ? q : 0;
}

/* "October 2024", "Oct. 2024", "February 10, 2026", "Feb 10 2026". */
static size_t form_month_name(const struct dp *dp, size_t pos, cl_date *out)
{
    size_t len, q, r;
    int y, d;
    const struct month_name *mn = MATCH(dp, pos, MONTH_NAMES, &len);
    if (!mn)
        return 0;
    q = pos + len;
    if ((len = WORD(dp, q, ".")))
        q += len;
    r = cl_lex_space(dp->s, dp->n, q);
    if (r == q)
        return 0;
    size_t t = parse_small(dp, r, false, &d);
    if (t && !parse_year(dp, r, false, &y)) {
        if (MATCH(dp, t, EN_ORDINALS, &len))
            t += len;
        if ((len = WORD(dp, t, ",")))
            t += len;
        size_t u = cl_lex_space(dp->s, dp->n, t);
        if (u != t && (u = parse_year(dp, u, false, &y)))
            return make_day(y, mn->month, d, out) ? u : 0;
        return 0;
    }
    if ((t = parse_year(dp, r, false, &y)))
        return make_months(y, mn->month, mn->month, CL_DATE_MONTH, out) ? t : 0;
    return 0;
}

/* "10 February 2026", "10th Feb. 2026". */
static size_t form_day_month(const struct dp *dp, size_t pos, cl_date *out)
{
    size_t len, q, r;
    int d, y;
    if (!(q = parse_small(dp, pos, false, &d)))
        return 0;
    if (MATCH(dp, q, EN_ORDINALS, &len))
        q += len;
    r = cl_lex_space(dp->s, dp->n, q);
    const struct month_name *mn = r != q ? MATCH(dp, r, MONTH_NAMES, &len) : NULL;
    if (!mn)
        return 0;
    q = r + len;
    if ((len = WORD(dp, q, ".")))
        q += len;
    if ((len = WORD(dp, q, ",")))
        q += len;
    r = cl_lex_space(dp->s, dp->n, q);
    if (r == q || !(q = parse_year(dp, r, false, &y)))
        return 0;
    return make_day(y, mn->month, d, out) ? q : 0;
}

/* "end of 2024", "the end of October 2024", "mid-2025", "H1 2025", "first quarter of 2025". */
static size_t form_period_of(const struct dp *dp, size_t pos, cl_date *out)
{
    size_t len, q;
    int y;
    const struct period *per = match_period(dp, pos, BEFORE_YEAR, &len);
    if (!per)
        return 0;
    q = cl_lex_space(dp->s, dp->n, pos + len);
    if (per->where & OF_MONTH) {
        size_t e = form_month_name(dp, q, out);
        if (e && out->prec == CL_DATE_MONTH)
            return e;
    }
    if (!(q = parse_year(dp, q, false, &y)))
        return 0;
    return make_months(y, per->m1, per->m2, per->prec, out) ? q : 0;
}

/* The n-th five-year plan: the first ran 1953-1957, the second 1958-1962, and
 * from the third (1966-1970) they follow one another. */
static bool plan_years(int number, cl_date *out)
{
    if (number < 1 || number > 30)
        return false;
    int start = number == 1 ? 1953 : number == 2 ? 1958 : 1966 + 5 * (number - 3);
    return make_years(start, start + 4, out);
}

/* 十四五, “十四五”时期, "十四五"期间, "the 14th Five-Year Plan (period)". */
static size_t form_plan(const struct dp *dp, size_t pos, cl_date *out)
{
    size_t p = pos, len;
    bool quoted = MATCH(dp, p, OPEN_QUOTES, &len) != NULL;
    if (quoted)
        p += len;
    const struct plan_name *plan = MATCH(dp, p, PLAN_NAMES, &len);
    if (plan) {
        p += len;
        if (quoted && MATCH(dp, p, CLOSE_QUOTES, &len))
            p += len;
        if (MATCH(dp, p, PLAN_SUFFIXES, &len))
            p += len;
        return plan_years(plan->number, out) ? p : 0;
    }
    p = pos;
    if ((len = WORD(dp, p, "the")))
        p = cl_lex_space(dp->s, dp->n, p + len);
    int number;
    size_t q = parse_small(dp, p, false, &number);
    if (!q || !MATCH(dp, q, EN_ORDINALS, &len))
        return 0;
    q = cl_lex_space(dp->s, dp->n, q + len);
    if (!MATCH(dp, q, FIVE_YEAR_PLAN, &len))
        return 0;
    q += len;
    size_t r = cl_lex_space(dp->s, dp->n, q);
    if (r != q && (len = WORD(dp, r, "period")))
        q = r + len;
    return plan_years(number, out) ? q : 0;
}

typedef size_t (*date_form)(const struct dp *dp, size_t pos, cl_date *out);

static const date_form FORMS[] = {
    form_cjk, form_numeric, form_month_name, form_day_month, form_period_of, form_plan,
};

/* The longest date any form reads at pos; 0 when none. */
static size_t parse_single(const struct dp *dp, size_t pos, cl_date *out)
{
    size_t best = 0;
    for (size_t i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++) {
        cl_date d;
        size_t e = FORMS[i](dp, pos, &d);
        if (e > best) {
            best = e;
            *out = d;
        }
    }
    return best;
}

static bool is_ascii_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

bool cl_date_parse(const char *s, size_t n, const cl_date *context, cl_date *out)
{
    if (!s)
        return false;
    size_t b = 0, e = n, len;
    while (b < e && is_ascii_space(s[b]))
        b++;
    while (e > b && is_ascii_space(s[e - 1]))
        e--;
    struct dp dp = {s, e, context};
    size_t p = b;
    if (MATCH(&dp, p, AS_OF, &len))
        p = cl_lex_space(s, e, p + len);
    cl_date first, second;
    size_t q = parse_single(&dp, p, &first);
    if (!q)
        return false;
    /* 2025年1-11月 (statistics' usual form): the first month has no 月 of its
     * own; read it as 2025年1月-11月. */
    if (first.prec == CL_DATE_YEAR && q < e && q >= 3 && memcmp(s + q - 3, "年", 3) == 0) {
        size_t m = q;
        while (m < e && s[m] >= '0' && s[m] <= '9' && m - q < 2)
            m++;
        if (m > q && MATCH(&dp, m, SPAN_SEPARATORS, &len) && e - b < 64) {
            char buf[80];
            size_t k = (size_t)snprintf(buf, sizeof buf, "%.*s月%.*s", (int)(m - b), s + b, (int)(e - m), s + m);
            if (k < sizeof buf)
                return cl_date_parse(buf, k, context, out);
        }
    }
    q = cl_lex_space(s, e, q);
    if (q == e) {
        *out = first;
        return true;
    }
    /* A span: 2021-2025年, 2024年10月至12月; the second end borrows the
     * first's year when it has none. */
    if (!MATCH(&dp, q, SPAN_SEPARATORS, &len))
        return false;
    struct dp dp2 = {s, e, &first};
    q = parse_single(&dp2, cl_lex_space(s, e, q + len), &second);
    if (!q || cl_lex_space(s, e, q) != e || second.hi < first.lo)
        return false;
    out->lo = first.lo;
    out->hi = second.hi;
    out->prec = CL_DATE_SPAN;
    return true;
}

/* ---- Formatting ----------------------------------------------------------*/

size_t cl_date_format(const cl_date *d, char *buf, size_t size)
{
    int y1, m1, d1, y2, m2, d2;
    cl_civil_from_days(d->lo, &y1, &m1, &d1);
    cl_civil_from_days(d->hi, &y2, &m2, &d2);
    /* Each precision has its short form only when the range is exactly that
     * period; anything else is written out in full. */
    bool whole_months = d1 == 1 && d2 == days_in_month(y2, m2);
    bool same_year = y1 == y2;
    switch (d->prec) {
    case CL_DATE_DAY:
        if (d->lo == d->hi)
            return (size_t)snprintf(buf, size, "%04d-%02d-%02d", y1, m1, d1);
        break;
    case CL_DATE_MONTH:
        if (whole_months && same_year && m1 == m2)
            return (size_t)snprintf(buf, size, "%04d-%02d", y1, m1);
        break;
    case CL_DATE_QUARTER:
        if (whole_months && same_year && m1 % 3 == 1 && m2 == m1 + 2)
            return (size_t)snprintf(buf, size, "%04d-Q%d", y1, (m1 + 2) / 3);
        break;
    case CL_DATE_HALF:
        if (whole_months && same_year && m1 % 6 == 1 && m2 == m1 + 5)
            return (size_t)snprintf(buf, size, "%04d-H%d", y1, (m1 + 5) / 6);
        break;
    case CL_DATE_YEAR:
        if (whole_months && same_year && m1 == 1 && m2 == 12)
            return (size_t)snprintf(buf, size, "%04d", y1);
        break;
    case CL_DATE_SPAN:
        if (whole_months && m1 == 1 && m2 == 12 && y1 <= y2)
            return (size_t)snprintf(buf, size, "%04d..%04d", y1, y2);
        break;
    }
    return (size_t)snprintf(buf, size, "%04d-%02d-%02d..%04d-%02d-%02d", y1, m1, d1, y2, m2, d2);
}
