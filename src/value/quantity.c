/* Quantities: one number as an article states it -- Arabic, Chinese or
 * English numerals with a scale (万 亿 million), a unit, a percentage, a
 * fraction or a range, and qualifier words (约 逾 more than) -- read into an
 * exact value and the interval of values the wording allows. */
#include "value/value.h"

#include "value/lex.h"

#include <string.h>

/* ---- Tables --------------------------------------------------------------*/

/* Unit ids handed out to callers; static so cl_quantity.unit needs no free. */
static const char UNIT_NONE[] = CL_UNIT_NONE, UNIT_COUNT[] = CL_UNIT_COUNT, UNIT_RATIO[] = CL_UNIT_RATIO,
                  UNIT_CNY[] = "CNY", UNIT_USD[] = "USD", UNIT_EUR[] = "EUR", UNIT_JPY[] = "JPY",
                  UNIT_GBP[] = "GBP", UNIT_HKD[] = "HKD";

struct qual_word {
    const char *word;
    cl_qual qual;
};

/* Words before the number. Traditional forms (約 超過 僅) fold onto these. */
static const struct qual_word QUAL_PREFIXES[] = {
    {"约", CL_QUAL_APPROX}, {"大约", CL_QUAL_APPROX}, {"约合", CL_QUAL_APPROX}, {"大概", CL_QUAL_APPROX},
    {"约为", CL_QUAL_APPROX}, {"大约为", CL_QUAL_APPROX}, {"约有", CL_QUAL_APPROX},
    {"about", CL_QUAL_APPROX}, {"around", CL_QUAL_APPROX}, {"roughly", CL_QUAL_APPROX},
    {"approximately", CL_QUAL_APPROX}, {"approx.", CL_QUAL_APPROX}, {"some", CL_QUAL_APPROX},
    {"超", CL_QUAL_OVER}, {"超过", CL_QUAL_OVER}, {"逾", CL_QUAL_OVER}, {"大于", CL_QUAL_OVER},
    {"多于", CL_QUAL_OVER}, {"more than", CL_QUAL_OVER}, {"over", CL_QUAL_OVER}, {"above", CL_QUAL_OVER},
    {"exceeding", CL_QUAL_OVER}, {"in excess of", CL_QUAL_OVER},
    {"高达", CL_QUAL_AT_LEAST}, {"突破", CL_QUAL_AT_LEAST}, {"至少", CL_QUAL_AT_LEAST},
    {"不少于", CL_QUAL_AT_LEAST}, {"不低于", CL_QUAL_AT_LEAST}, {"at least", CL_QUAL_AT_LEAST},
    {"no less than", CL_QUAL_AT_LEAST}, {"no fewer than", CL_QUAL_AT_LEAST},
    {"不足", CL_QUAL_UNDER}, {"不到", CL_QUAL_UNDER}, {"少于", CL_QUAL_UNDER}, {"低于", CL_QUAL_UNDER},
    {"小于", CL_QUAL_UNDER}, {"less than", CL_QUAL_UNDER}, {"fewer than", CL_QUAL_UNDER},
    {"under", CL_QUAL_UNDER}, {"below", CL_QUAL_UNDER},
    {"不超过", CL_QUAL_AT_MOST}, {"至多", CL_QUAL_AT_MOST}, {"最多", CL_QUAL_AT_MOST},
    {"at most", CL_QUAL_AT_MOST}, {"up to", CL_QUAL_AT_MOST}, {"no more than", CL_QUAL_AT_MOST},
    {"近", CL_QUAL_NEARLY}, {"接近", CL_QUAL_NEARLY}, {"将近", CL_QUAL_NEARLY}, {"逼近", CL_QUAL_NEARLY},
    {"近乎", CL_QUAL_NEARLY}, {"差不多", CL_QUAL_NEARLY}, {"nearly", CL_QUAL_NEARLY},
    {"almost", CL_QUAL_NEARLY}, {"close to", CL_QUAL_NEARLY}, {"approaching", CL_QUAL_NEARLY},
    {"仅", CL_QUAL_EXACT}, {"只", CL_QUAL_EXACT}, {"仅为", CL_QUAL_EXACT}, {"仅有", CL_QUAL_EXACT},
    {"只有", CL_QUAL_EXACT}, {"only", CL_QUAL_EXACT}, {"just", CL_QUAL_EXACT}, {"exactly", CL_QUAL_EXACT},
};

/* Words after the number (and its unit). */
static const struct qual_word QUAL_SUFFIXES[] = {
    {"左右", CL_QUAL_APPROX}, {"上下", CL_QUAL_APPROX}, {"or so", CL_QUAL_APPROX},
    {"以上", CL_QUAL_AT_LEAST}, {"多", CL_QUAL_AT_LEAST}, {"余", CL_QUAL_AT_LEAST},
    {"or more", CL_QUAL_AT_LEAST}, {"+", CL_QUAL_AT_LEAST},
    {"以下", CL_QUAL_AT_MOST}, {"以内", CL_QUAL_AT_MOST}, {"or less", CL_QUAL_AT_MOST},
    {"or fewer", CL_QUAL_AT_MOST},
};

/* 多 and 余 may also sit between the number and its scale or unit: 120多项,
 * 10余家, 一百多万. */
static const struct qual_word QUAL_INFIXES[] = {
    {"多", CL_QUAL_AT_LEAST},
    {"余", CL_QUAL_AT_LEAST},
};

static const char *const QUAL_WORDS[] = {
    [CL_QUAL_NONE] = "",          [CL_QUAL_EXACT] = "only",     [CL_QUAL_APPROX] = "about",
    [CL_QUAL_OVER] = "more than", [CL_QUAL_AT_LEAST] = "at least", [CL_QUAL_UNDER] = "less than",
    [CL_QUAL_AT_MOST] = "at most", [CL_QUAL_NEARLY] = "nearly",
};

struct unit_word {
    const char *word;
    const char *unit;
};

/* Currency signs and codes written before the number. */
static const struct unit_word UNIT_PREFIXES[] = {
    {"¥", UNIT_CNY}, {"rmb", UNIT_CNY}, {"cny", UNIT_CNY}, {"人民币", UNIT_CNY},
    {"$", UNIT_USD}, {"us$", UNIT_USD}, {"usd", UNIT_USD},
    {"€", UNIT_EUR}, {"eur", UNIT_EUR},
    {"jpy", UNIT_JPY},
    {"£", UNIT_GBP}, {"gbp", UNIT_GBP},
    {"hk$", UNIT_HKD}, {"hkd", UNIT_HKD},
};

/* Unit words written after the number. English plural nouns (trials,
 * companies) are deliberately absent: a rule captures just the number. */
static const struct unit_word UNIT_SUFFIXES[] = {
    {"项", UNIT_COUNT}, {"款", UNIT_COUNT}, {"家", UNIT_COUNT}, {"例", UNIT_COUNT}, {"个", UNIT_COUNT},
    {"名", UNIT_COUNT}, {"人", UNIT_COUNT}, {"人次", UNIT_COUNT}, {"位", UNIT_COUNT}, {"种", UNIT_COUNT},
    {"起", UNIT_COUNT}, {"所", UNIT_COUNT}, {"座", UNIT_COUNT}, {"条", UNIT_COUNT}, {"篇", UNIT_COUNT},
    {"次", UNIT_COUNT}, {"件", UNIT_COUNT}, {"只", UNIT_COUNT}, {"株", UNIT_COUNT}, {"台", UNIT_COUNT},
    {"元", UNIT_CNY}, {"块", UNIT_CNY}, {"人民币", UNIT_CNY}, {"元人民币", UNIT_CNY}, {"yuan", UNIT_CNY},
    {"rmb", UNIT_CNY}, {"cny", UNIT_CNY},
    {"美元", UNIT_USD}, {"美金", UNIT_USD}, {"usd", UNIT_USD}, {"dollars", UNIT_USD}, {"dollar", UNIT_USD},
    {"us dollars", UNIT_USD},
    {"欧元", UNIT_EUR}, {"eur", UNIT_EUR}, {"euros", UNIT_EUR}, {"euro", UNIT_EUR},
    {"日元", UNIT_JPY}, {"円", UNIT_JPY}, {"yen", UNIT_JPY}, {"jpy", UNIT_JPY},
    {"英镑", UNIT_GBP}, {"pounds", UNIT_GBP}, {"pound", UNIT_GBP}, {"gbp", UNIT_GBP},
    {"港元", UNIT_HKD}, {"港币", UNIT_HKD}, {"hkd", UNIT_HKD},
};

/* Names a rule or reference file may use for a unit, besides the words above. */
static const struct unit_word UNIT_NAMES[] = {
    {"none", UNIT_NONE}, {"count", UNIT_COUNT}, {"items", UNIT_COUNT}, {"item", UNIT_COUNT},
    {"people", UNIT_COUNT}, {"persons", UNIT_COUNT}, {"cases", UNIT_COUNT},
    {"ratio", UNIT_RATIO}, {"percent", UNIT_RATIO}, {"per cent", UNIT_RATIO}, {"%", UNIT_RATIO},
    {"fraction", UNIT_RATIO}, {"share", UNIT_RATIO},
};

struct scale_word {
    const char *word;
    int64_t mult;
};

/* After a number: an optional 十/百/千, then an optional 万/亿/万亿, so 千万 and
 * 百亿 work but 亿万 does not. 兆 is left out: it means 1e6 or 1e12. */
static const struct scale_word CJK_SMALL_SCALES[] = {
    {"十", 10}, {"拾", 10}, {"百", 100}, {"佰", 100}, {"千", 1000}, {"仟", 1000},
};
static const struct scale_word CJK_BIG_SCALES[] = {
    {"万", 10000}, {"亿", 100000000}, {"万亿", 1000000000000},
};
/* A bare "m" or "k" is left out: too often a unit (metres) or a typo. */
static const struct scale_word EN_SCALES[] = {
    {"thousand", 1000}, {"million", 1000000}, {"billion", 1000000000}, {"trillion", 1000000000000},
    {"bn", 1000000000}, {"mn", 1000000},
};

/* English number words and fraction denominators. */
static const struct scale_word EN_NUMBERS[] = {
    {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
    {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
    {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
};
static const struct scale_word EN_FRACTIONS[] = {
    {"half", 2}, {"halves", 2}, {"third", 3}, {"thirds", 3}, {"quarter", 4}, {"quarters", 4},
    {"fourth", 4}, {"fourths", 4}, {"fifth", 5}, {"fifths", 5}, {"sixth", 6}, {"sixths", 6},
    {"seventh", 7}, {"sevenths", 7}, {"eighth", 8}, {"eighths", 8}, {"ninth", 9}, {"ninths", 9},
    {"tenth", 10}, {"tenths", 10},
};
/* The numerator of "a fifth", "an eighth". */
static const struct scale_word EN_ARTICLES[] = {{"a", 1}, {"an", 1}};
/* "one in five", "1 out of 5". */
static const struct scale_word EN_IN[] = {{"in", 0}, {"out of", 0}};

/* 百分之二十二, 千分之五. */
static const struct per_word {
    const char *word;
    int64_t den;
    unsigned flag;
} PER_WORDS[] = {
    {"百分之", 100, CL_QTY_PERCENT},
    {"千分之", 1000, CL_QTY_FRACTION},
    {"万分之", 10000, CL_QTY_FRACTION},
};

/* Half as a share: 半数, and 过半 (more than half), where 过 is read as a
 * qualifier only here. A bare 半 needs a qualifier word before it (近半,
 * 逾半): alone it is half of anything (半年, 半导体). */
static const struct share_word {
    const char *word;
    size_t lead; /* bytes of 过 at the start */
    bool bare;
} SHARE_WORDS[] = {
    {"半数", 0, false}, {"半", 0, true}, {"过半", 3, false}, {"过半数", 3, false},
};

struct plain_word {
    const char *word;
};
static const struct plain_word PERCENT_WORDS[] = {{"%"}, {"per cent"}, {"percent"}, {"pct"}};
static const struct plain_word RANGE_SEPARATORS[] = {{"-"}, {"–"}, {"—"}, {"~"}, {"至"}, {"到"}, {"to"}};

/* ---- Numbers -------------------------------------------------------------*/

/* One number as written, before its scale. */
struct number {
    cl_rat v;
    cl_rat place; /* place value of the last stated digit: 1/100 for 33,501.36 */
    bool whole;   /* an integer written without separators or decimals */
    bool cjk;
    bool year;    /* four plain digits from 1900 to 2100 */
    bool bare;    /* a Chinese numeral without its leading 一 (百余, 近千): needs a qualifier */
};

static const int64_t POW10[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
    100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
    10000000000000000, 100000000000000000, 1000000000000000000,
};

#define MAX_DIGITS 18

/* 106, 33,501.36, 0.05: groups of exactly three digits after a comma, and no
 * leading zero, so 1,40 and 010-12345678 are not numbers. Returns the end or 0. */
static size_t parse_arabic(const char *s, size_t n, size_t pos, struct number *out)
{
    out->bare = false;
    size_t p = pos, len;
    int64_t mant = 0;
    int nd = 0, run = 0, fd = 0, d;
    int first = cl_lex_digit(s, n, p, &len);
    if (first < 0)
        return 0;
    bool lead_zero = first == 0;
    while ((d = cl_lex_digit(s, n, p, &len)) >= 0) {
        if (++nd > MAX_DIGITS)
            return 0;
        mant = mant * 10 + d;
        run++;
        p += len;
    }
    if (lead_zero && run > 1)
        return 0;
    bool grouped = false;
    while (cl_lex_cp(s, n, p, &len) == ',') {
        size_t q = p + len;
        int group = 0;
        if (cl_lex_digit(s, n, q, &len) < 0)
            break; /* a comma after the number, not inside it */
        if ((!grouped && run > 3) || lead_zero)
            return 0;
        while ((d = cl_lex_digit(s, n, q, &len)) >= 0) {
            if (++group > 3 || ++nd > MAX_DIGITS)
                return 0;
            mant = mant * 10 + d;
            q += len;
        }
        if (group != 3)
            return 0;
        grouped = true;
        p = q;
    }
    if (cl_lex_cp(s, n, p, &len) == '.') {
        size_t q = p + len, dl;
        if (cl_lex_digit(s, n, q, &dl) >= 0) {
            while ((d = cl_lex_digit(s, n, q, &dl)) >= 0) {
                if (++nd > MAX_DIGITS)
                    return 0;
                mant = mant * 10 + d;
                fd++;
                q += dl;
            }
            p = q;
        }
    }
    cl_rat_make(mant, POW10[fd], &out->v);
    cl_rat_make(1, POW10[fd], &out->place);
    out->whole = !grouped && fd == 0;
    out->cjk = false;
    out->year = out->whole && run == 4 && mant >= 1900 && mant <= 2100;
    return p;
}

/* 一百零六, 三千五百万, 二〇二五, and 三点五 with 点 for the decimal point. */
static size_t parse_cjk(const char *s, size_t n, size_t pos, struct number *out)
{
    cl_lex_cjk c;
    size_t p = cl_lex_cjk_int(s, n, pos, &c), len;
    bool bare = false;
    if (p == pos && (p = cl_lex_cjk_int_bare(s, n, pos, &c)) != pos)
        bare = true;
    if (p == pos)
        return 0;
    out->v = cl_rat_int(c.value);
    out->place = cl_rat_int(c.place);
    out->whole = true;
    out->cjk = true;
    out->year = false;
    out->bare = bare;
    if (!c.big && !bare && (len = cl_lex_word(s, n, p, "点"))) {
        int64_t digits;
        int nd;
        size_t q = cl_lex_cjk_digits(s, n, p + len, &digits, &nd);
        if (q != p + len) {
            cl_rat frac;
            if (!cl_rat_make(digits, POW10[nd], &frac) || !cl_rat_add(out->v, frac, &out->v))
                return 0;
            cl_rat_make(1, POW10[nd], &out->place);
            out->whole = false;
            p = q;
        }
    }
    return p;
}

/* English words below a hundred: "six", "nineteen", "twenty-two", "forty five". */
static size_t parse_en_below_100(const char *s, size_t n, size_t pos, int64_t *value)
{
    size_t len, len2;
    const struct scale_word *w = CL_LEX_TABLE(s, n, pos, EN_NUMBERS, &len);
    if (!w)
        return 0;
    size_t p = pos + len;
    *value = w->mult;
    if (w->mult >= 20) {
        size_t q = cl_lex_cp(s, n, p, &len2) == '-' ? p + len2 : cl_lex_space(s, n, p);
        const struct scale_word *u = CL_LEX_TABLE(s, n, q, EN_NUMBERS, &len2);
        if (q != p && u && u->mult >= 1 && u->mult <= 9) {
            *value += u->mult;
            p = q + len2;
        }
    }
    return p;
}

/* "one hundred and six", "twenty-two", "five". */
static size_t parse_english(const char *s, size_t n, size_t pos, struct number *out)
{
    out->bare = false;
    int64_t v, rest;
    size_t p = parse_en_below_100(s, n, pos, &v), len;
    if (!p)
        return 0;
    size_t q = cl_lex_space(s, n, p);
    if (v >= 1 && v <= 9 && q != p && (len = cl_lex_word(s, n, q, "hundred"))) {
        v *= 100;
        p = q + len;
        q = cl_lex_space(s, n, p);
        size_t r = q;
        if (q != p && (len = cl_lex_word(s, n, q, "and")))
            r = cl_lex_space(s, n, q + len);
        size_t e = r != p ? parse_en_below_100(s, n, r, &rest) : 0;
        if (e && rest >= 1) {
            v += rest;
            p = e;
        }
    }
    out->v = cl_rat_int(v);
    out->place = cl_rat_int(1);
    out->whole = true;
    out->cjk = false;
    out->year = false;
    return p;
}

static size_t parse_number(const char *s, size_t n, size_t pos, struct number *out)
{
    size_t e;
    if ((e = parse_arabic(s, n, pos, out)) || (e = parse_cjk(s, n, pos, out)) ||
        (e = parse_english(s, n, pos, out)))
        return e;
    return 0;
}

/* An integer for a fraction's terms: plain digits, a Chinese or an English numeral. */
static size_t parse_whole(const char *s, size_t n, size_t pos, int64_t *value, bool *cjk)
{
    struct number num;
    size_t e = parse_number(s, n, pos, &num);
    if (!e || !num.whole || num.v.den != 1 || num.bare)
        return 0;
    *value = num.v.num;
    *cjk = num.cjk;
    return e;
}

/* The multiplier of 万, 千万, 万亿, " billion", "bn" at pos (1 when none). */
static size_t parse_scale(const char *s, size_t n, size_t pos, int64_t *mult)
{
    size_t p = cl_lex_space(s, n, pos), len;
    const struct scale_word *w;
    *mult = 1;
    if ((w = CL_LEX_TABLE(s, n, p, CJK_SMALL_SCALES, &len))) {
        *mult *= w->mult;
        p += len;
    }
    if ((w = CL_LEX_TABLE(s, n, p, CJK_BIG_SCALES, &len))) {
        *mult *= w->mult;
        p += len;
    }
    if (*mult > 1)
        return p;
    if ((w = CL_LEX_TABLE(s, n, p, EN_SCALES, &len))) {
        *mult = w->mult;
        return p + len;
    }
    return pos;
}

static size_t parse_percent(const char *s, size_t n, size_t pos)
{
    size_t q = cl_lex_space(s, n, pos), len;
    return CL_LEX_TABLE(s, n, q, PERCENT_WORDS, &len) ? q + len : pos;
}

/* ---- Intervals of a stated number -----------------------------------------*/

/* [v - place/2, v + place/2), each scaled by mult/div: half a unit of the last
 * stated digit either way. Values are never negative, so lo stops at 0. */
static bool digits_interval(const struct number *num, int64_t mult, int64_t div, cl_rat *value,
                            cl_interval *out)
{
    cl_rat factor, half, lo;
    if (!cl_rat_make(mult, div, &factor) || !cl_rat_mul(num->v, factor, value) ||
        !cl_rat_mul(num->place, factor, &half) || !cl_rat_mul(half, (cl_rat){1, 2}, &half) ||
        !cl_rat_sub(*value, half, &lo) || !cl_rat_add(*value, half, &out->hi))
        return false;
    out->lo = lo.num < 0 ? cl_rat_int(0) : lo;
    out->lo_kind = CL_BOUND_CLOSED;
    out->hi_kind = CL_BOUND_OPEN;
    return true;
}

/* p/q with q read to the nearest unit: [p/(q+0.5), p/(q-0.5)], so 1/70 covers
 * what rounds to 70. */
static bool fraction_interval(int64_t p, int64_t q, cl_rat *value, cl_interval *out)
{
    if (q < 1 || p < 0 || p > INT64_MAX / 2 || q > INT64_MAX / 2)
        return false;
    if (!cl_rat_make(p, q, value) || !cl_rat_make(2 * p, 2 * q + 1, &out->lo) ||
        !cl_rat_make(2 * p, 2 * q - 1, &out->hi))
        return false;
    out->lo_kind = out->hi_kind = CL_BOUND_CLOSED;
    return true;
}

/* ---- The number part -----------------------------------------------------*/

struct core {
    cl_rat value;
    cl_interval precision;
    unsigned flags;
    const char *unit;  /* UNIT_RATIO for percentages and fractions, else NULL */
    size_t end;
    cl_qual infix;     /* a 多 or 余 inside, at [infix_at, infix_end) */
    size_t infix_at, infix_end;
    bool year_pair;    /* 2021-2025: a span of years unless a unit follows */
    bool bare;         /* the number is a bare place word (百余, 近千): needs a qualifier */
    bool bare_half;    /* a bare 半 (近半, 逾半): needs a qualifier word before it */
    cl_qual lead;      /* a qualifier the core starts with (过 in 过半), ending at lead_end */
    size_t lead_end;
};

/* 四成, 两成, 7成, 十成: tenths, one to ten of them, in Chinese or Arabic
 * digits, read to half a tenth either way like the digits of 40%. After 成 a
 * Chinese digit is the hundredths (三成五: 35%, ±0.5%) and 半 half a tenth
 * (三成半: 35%, ±2.5%, the nearest half tenth). Nothing else is read: 成 in
 * 成立, 完成, 成本 has no number before it, and in 一成不变 words are left over. */
static bool parse_tenths(const char *s, size_t n, size_t pos, struct core *c)
{
    struct number num;
    size_t e, len;
    if (!(e = parse_arabic(s, n, pos, &num)) && !(e = parse_cjk(s, n, pos, &num)))
        return false;
    if (!num.whole || num.bare || num.v.den != 1 || num.v.num < 1 || num.v.num > 10 ||
        !(len = cl_lex_word(s, n, e, "成")))
        return false;
    e += len;
    int64_t tenths = num.v.num, extra = 0;
    cl_rat place = {1, 10};
    int64_t digit;
    int nd;
    size_t q;
    if (tenths < 10 && (len = cl_lex_word(s, n, e, "半"))) {
        extra = 50; /* in thousandths */
        place = (cl_rat){1, 20};
        e += len;
    } else if (tenths < 10 && num.cjk && (q = cl_lex_cjk_digits(s, n, e, &digit, &nd)) != e && nd == 1 &&
               digit >= 1) {
        extra = digit * 10;
        place = (cl_rat){1, 100};
        e = q;
    }
    num.place = place;
    if (!cl_rat_make(tenths * 100 + extra, 1000, &num.v) || !digits_interval(&num, 1, 1, &c->value, &c->precision))
        return false;
    c->flags = CL_QTY_FRACTION | (num.cjk ? CL_QTY_CJK : 0);
    c->end = e;
    return true;
}

/* 半数, 过半, 过半数 and a bare 半: one half, read like 一半. */
static bool parse_share(const char *s, size_t n, size_t pos, struct core *c)
{
    size_t len;
    const struct share_word *w = CL_LEX_TABLE(s, n, pos, SHARE_WORDS, &len);
    if (!w)
        return false;
    c->flags = CL_QTY_FRACTION | CL_QTY_CJK;
    c->bare_half = w->bare;
    if (w->lead) {
        c->lead = CL_QUAL_OVER;
        c->lead_end = pos + w->lead;
    }
    c->end = pos + len;
    return fraction_interval(1, 2, &c->value, &c->precision);
}

/* 百分之二十二, 五分之一, 一半, "a fifth", "two thirds", "one in five", 1/70. */
static bool parse_fraction(const char *s, size_t n, size_t pos, struct core *c)
{
    size_t len, len2, e, p;
    int64_t num, den;
    bool cjk = false, cjk2 = false;
    struct number number;
    memset(c, 0, sizeof *c);
    c->unit = UNIT_RATIO;

    const struct per_word *per = CL_LEX_TABLE(s, n, pos, PER_WORDS, &len);
    if (per) {
        p = pos + len;
        if (!(e = parse_arabic(s, n, p, &number)) && !(e = parse_cjk(s, n, p, &number)))
            return false;
        if (number.bare)
            return false; /* 百分之百: write 百分之一百 */
        if (!digits_interval(&number, 1, per->den, &c->value, &c->precision))
            return false;
        c->flags = per->flag | (number.cjk ? CL_QTY_CJK : 0);
        c->end = e;
        return true;
    }
    if (parse_tenths(s, n, pos, c) || parse_share(s, n, pos, c))
        return true;
    memset(c, 0, sizeof *c);
    c->unit = UNIT_RATIO;
    if ((len = cl_lex_word(s, n, pos, "一半"))) {
        c->flags = CL_QTY_FRACTION | CL_QTY_CJK;
        c->end = pos + len;
        return fraction_interval(1, 2, &c->value, &c->precision);
    }
    c->flags = CL_QTY_FRACTION;
    /* 五分之一: the denominator comes first. */
    if ((e = parse_whole(s, n, pos, &den, &cjk)) && (len = cl_lex_word(s, n, e, "分之")) &&
        (p = parse_whole(s, n, e + len, &num, &cjk2))) {
        c->flags |= (cjk || cjk2) ? CL_QTY_CJK : 0;
        c->end = p;
        return fraction_interval(num, den, &c->value, &c->precision);
    }
    /* "half", "a fifth", "one-fifth", "two thirds". */
    const struct scale_word *w = CL_LEX_TABLE(s, n, pos, EN_FRACTIONS, &len);
    if (w && w->mult == 2) {
        c->end = pos + len;
        return fraction_interval(1, 2, &c->value, &c->precision);
    }
    const struct scale_word *a = CL_LEX_TABLE(s, n, pos, EN_ARTICLES, &len);
    if (a) {
        e = pos + len;
        num = 1;
    } else if ((e = parse_en_below_100(s, n, pos, &num)) == 0 || num < 1 || num >= 20) {
        e = 0; /* "twenty-fifth" is an ordinal, not 20/5 */
    }
    if (e) {
        p = cl_lex_cp(s, n, e, &len2) == '-' ? e + len2 : cl_lex_space(s, n, e);
        if (p != e && (w = CL_LEX_TABLE(s, n, p, EN_FRACTIONS, &len))) {
            c->end = p + len;
            return fraction_interval(num, w->mult, &c->value, &c->precision);
        }
    }
    /* "one in five", "1 in 5". */
    if ((e = parse_whole(s, n, pos, &num, &cjk)) && !cjk) {
        p = cl_lex_space(s, n, e);
        if (p != e && CL_LEX_TABLE(s, n, p, EN_IN, &len)) {
            size_t q = cl_lex_space(s, n, p + len);
            if (q != p + len && (q = parse_whole(s, n, q, &den, &cjk2)) && !cjk2) {
                c->end = q;
                return fraction_interval(num, den, &c->value, &c->precision);
            }
        }
    }
    /* 1/70: a share, so never more than one (which also keeps 2024/10 out). */
    if ((e = parse_arabic(s, n, pos, &number)) && number.whole) {
        num = number.v.num;
        if (cl_lex_cp(s, n, e, &len) == '/' && (p = parse_arabic(s, n, e + len, &number)) &&
            number.whole && num <= number.v.num) {
            c->end = p;
            return fraction_interval(num, number.v.num, &c->value, &c->precision);
        }
    }
    return false;
}

static size_t read_infix(const char *s, size_t n, size_t pos, struct core *c)
{
    size_t len;
    const struct qual_word *w;
    if (c->infix != CL_QUAL_NONE || !(w = CL_LEX_TABLE(s, n, pos, QUAL_INFIXES, &len)))
        return pos;
    c->infix = w->qual;
    c->infix_at = pos;
    c->infix_end = pos + len;
    return pos + len;
}

/* number [多] [scale] [多] [%], or a range: number [scale] [%] - number [scale] [%]. */
static bool parse_amount(const char *s, size_t n, size_t pos, struct core *c)
{
    struct number a, b;
    size_t len, q;
    memset(c, 0, sizeof *c);
    size_t p = parse_number(s, n, pos, &a);
    if (!p)
        return false;
    p = read_infix(s, n, p, c);
    int64_t mult_a, mult_b;
    p = parse_scale(s, n, p, &mult_a);
    p = read_infix(s, n, p, c);
    bool pct = mult_a == 1 && (q = parse_percent(s, n, p)) != p;
    if (pct)
        p = q;

    size_t sep = cl_lex_space(s, n, p);
    size_t r = 0;
    if (c->infix == CL_QUAL_NONE && CL_LEX_TABLE(s, n, sep, RANGE_SEPARATORS, &len))
        r = parse_number(s, n, cl_lex_space(s, n, sep + len), &b);
    if (r) {
        if (a.bare || b.bare)
            return false;
        r = parse_scale(s, n, r, &mult_b);
        bool pct_b = mult_b == 1 && (q = parse_percent(s, n, r)) != r;
        if (pct_b)
            r = q;
        if ((mult_a != 1 && mult_a != mult_b) || (pct && !pct_b))
            return false;
        int64_t div = pct_b ? 100 : 1;
        cl_rat f, lo, hi, sum;
        if (!cl_rat_make(mult_b, div, &f) || !cl_rat_mul(a.v, f, &lo) || !cl_rat_mul(b.v, f, &hi) ||
            cl_rat_cmp(lo, hi) >= 0 || !cl_rat_add(lo, hi, &sum) ||
            !cl_rat_mul(sum, (cl_rat){1, 2}, &c->value))
            return false;
        c->precision = (cl_interval){lo, hi, CL_BOUND_CLOSED, CL_BOUND_CLOSED};
        c->flags = CL_QTY_RANGE | (pct_b ? CL_QTY_PERCENT : 0) | ((a.cjk || b.cjk) ? CL_QTY_CJK : 0);
        c->unit = pct_b ? UNIT_RATIO : NULL;
        c->year_pair = a.year && b.year && mult_b == 1 && !pct_b;
        c->end = r;
        return true;
    }
    if (!digits_interval(&a, mult_a, pct ? 100 : 1, &c->value, &c->precision))
        return false;
    c->flags = (pct ? CL_QTY_PERCENT : 0) | (a.cjk ? CL_QTY_CJK : 0);
    c->unit = pct ? UNIT_RATIO : NULL;
    c->bare = a.bare;
    c->end = p;
    return true;
}

/* ---- Qualifiers ----------------------------------------------------------*/

/* Two qualifiers on one number (超过120多项, 仅10余家) must agree. */
static bool combine_qual(cl_qual a, cl_qual b, cl_qual *out)
{
    if (a == CL_QUAL_NONE || a == CL_QUAL_EXACT || a == b)
        *out = b == CL_QUAL_NONE ? a : b;
    else if (b == CL_QUAL_NONE || b == CL_QUAL_EXACT)
        *out = a;
    else if ((a == CL_QUAL_OVER && b == CL_QUAL_AT_LEAST) || (a == CL_QUAL_AT_LEAST && b == CL_QUAL_OVER))
        *out = CL_QUAL_OVER;
    else if ((a == CL_QUAL_UNDER && b == CL_QUAL_AT_MOST) || (a == CL_QUAL_AT_MOST && b == CL_QUAL_UNDER))
        *out = CL_QUAL_UNDER;
    else
        return false;
    return true;
}

static bool scale_pct(cl_rat x, int64_t pct, cl_rat *out)
{
    cl_rat f;
    return cl_rat_make(pct, 100, &f) && cl_rat_mul(x, f, out);
}

/* The interval a qualifier allows. For a range (77-80亿) the lower end
 * stands for x in OVER, AT_LEAST and NEARLY's lower bound, the upper end in
 * UNDER, AT_MOST and the upper bounds. */
static bool qual_range(const cl_quantity *q, cl_qual qual, cl_interval *r)
{
    const cl_interval *p = &q->precision;
    cl_rat xlo = q->value, xhi = q->value, zero = {0, 1}, t;
    if ((q->flags & CL_QTY_RANGE) && p->lo_kind != CL_BOUND_INF && p->hi_kind != CL_BOUND_INF) {
        xlo = p->lo;
        xhi = p->hi;
    }
    switch (qual) {
    case CL_QUAL_NONE:
    case CL_QUAL_EXACT:
        *r = *p;
        return true;
    case CL_QUAL_APPROX:
        *r = *p;
        if (!scale_pct(xlo, 100 - CL_APPROX_TOLERANCE_PCT, &t))
            return false;
        if (p->lo_kind != CL_BOUND_INF) {
            r->lo = cl_rat_cmp(t, p->lo) < 0 ? t : p->lo;
            r->lo_kind = CL_BOUND_CLOSED;
        }
        if (!scale_pct(xhi, 100 + CL_APPROX_TOLERANCE_PCT, &t))
            return false;
        if (p->hi_kind != CL_BOUND_INF) {
            r->hi = cl_rat_cmp(t, p->hi) > 0 ? t : p->hi;
            r->hi_kind = CL_BOUND_CLOSED;
        }
        return true;
    case CL_QUAL_OVER:
        *r = (cl_interval){xlo, zero, CL_BOUND_OPEN, CL_BOUND_INF};
        return true;
    case CL_QUAL_AT_LEAST:
        *r = (cl_interval){xlo, zero, CL_BOUND_CLOSED, CL_BOUND_INF};
        return true;
    case CL_QUAL_UNDER:
        *r = (cl_interval){zero, xhi, CL_BOUND_CLOSED, CL_BOUND_OPEN};
        return true;
    case CL_QUAL_AT_MOST:
        *r = (cl_interval){zero, xhi, CL_BOUND_CLOSED, CL_BOUND_CLOSED};
        return true;
    case CL_QUAL_NEARLY:
        if (!scale_pct(xlo, 100 - CL_NEARLY_TOLERANCE_PCT, &t))
            return false;
        *r = (cl_interval){t, xhi, CL_BOUND_CLOSED, CL_BOUND_CLOSED};
        return true;
    }
    return false;
}

void cl_quantity_set_qual(cl_quantity *q, cl_qual qual)
{
    q->qual = qual;
    /* Only a hand-made quantity near the 64-bit limit can fail here. */
    if (!qual_range(q, qual, &q->range))
        q->range = cl_interval_all();
}

const char *cl_qual_words(cl_qual qual)
{
    return (unsigned)qual < sizeof QUAL_WORDS / sizeof QUAL_WORDS[0] ? QUAL_WORDS[qual] : "";
}

static bool is_ascii_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static void trim(const char *s, size_t *b, size_t *e)
{
    while (*b < *e && is_ascii_space(s[*b]))
        (*b)++;
    while (*e > *b && is_ascii_space(s[*e - 1]))
        (*e)--;
}

bool cl_qual_parse(const char *s, size_t n, cl_qual *out)
{
    size_t b = 0, e = n, len1, len2;
    if (!s)
        return false;
    trim(s, &b, &e);
    const struct qual_word *pre = CL_LEX_TABLE(s, e, b, QUAL_PREFIXES, &len1);
    const struct qual_word *suf = CL_LEX_TABLE(s, e, b, QUAL_SUFFIXES, &len2);
    if (pre && b + len1 == e) {
        *out = pre->qual;
        return true;
    }
    if (suf && b + len2 == e) {
        *out = suf->qual;
        return true;
    }
    return false;
}

/* ---- Quantities ----------------------------------------------------------*/

bool cl_quantity_parse(const char *s, size_t n, cl_quantity *out)
{
    size_t b = 0, e = n, len;
    if (!s)
        return false;
    trim(s, &b, &e);
    if (b == e)
        return false;

    size_t p = b;
    cl_qual qual = CL_QUAL_NONE;
    const struct qual_word *qw = CL_LEX_TABLE(s, e, p, QUAL_PREFIXES, &len);
    if (qw) {
        qual = qw->qual;
        p = cl_lex_space(s, e, p + len);
    }
    cl_qual pre = qual;
    size_t start = p;
    const char *unit = NULL;
    const struct unit_word *uw = CL_LEX_TABLE(s, e, p, UNIT_PREFIXES, &len);
    if (uw) {
        unit = uw->unit;
        p = cl_lex_space(s, e, p + len);
    }
    struct core c;
    if (!parse_fraction(s, e, p, &c) && !parse_amount(s, e, p, &c))
        return false;
    if (c.lead != CL_QUAL_NONE) {
        if (uw || !combine_qual(qual, c.lead, &qual))
            return false;
        start = c.lead_end; /* 过半: the number is 半 */
    }
    p = c.end;
    size_t num_end = p, q = cl_lex_space(s, e, p);
    uw = CL_LEX_TABLE(s, e, q, UNIT_SUFFIXES, &len);
    if (uw) {
        if (c.unit || (unit && unit != uw->unit))
            return false;
        unit = uw->unit;
        p = num_end = q + len;
    } else if (c.infix != CL_QUAL_NONE && c.infix_end == c.end) {
        num_end = c.infix_at; /* a trailing 多 qualifies, like 以上 */
    }
    if (c.unit) {
        if (unit)
            return false;
        unit = c.unit;
    }
    if (c.year_pair && !unit)
        return false; /* 2021-2025 is a span of years, not a quantity */
    if (!combine_qual(qual, c.infix, &qual))
        return false;
    q = cl_lex_space(s, e, p);
    if ((qw = CL_LEX_TABLE(s, e, q, QUAL_SUFFIXES, &len))) {
        if (!combine_qual(qual, qw->qual, &qual))
            return false;
        p = q + len;
    }
    /* 百余项, 近百项, 逾千家, 约百家 are read as 一百, 一千; a bare 百 or 万
     * with no qualifier (百万患者, 万人空巷) is an idiom, not a count. */
    if (c.bare && (qual == CL_QUAL_NONE || qual == CL_QUAL_EXACT))
        return false;
    /* 近半, 逾半, 约半; but 半 alone, 仅半 or 半以上 is not read. */
    if (c.bare_half && (pre == CL_QUAL_NONE || pre == CL_QUAL_EXACT))
        return false;
    if (cl_lex_space(s, e, p) != e)
        return false;

    cl_quantity r;
    r.value = c.value;
    r.precision = c.precision;
    r.flags = c.flags;
    r.unit = unit ? unit : UNIT_NONE;
    r.num_start = start;
    r.num_end = num_end;
    r.qual = qual;
    if (!qual_range(&r, qual, &r.range) || cl_interval_is_empty(&r.range))
        return false;
    *out = r;
    return true;
}

const char *cl_unit_lookup(const char *name)
{
    if (!name)
        return NULL;
    size_t b = 0, e = strlen(name);
    trim(name, &b, &e);
    if (b == e)
        return UNIT_NONE;
    static const struct {
        const struct unit_word *table;
        size_t count;
    } tables[] = {
        {UNIT_NAMES, sizeof UNIT_NAMES / sizeof UNIT_NAMES[0]},
        {UNIT_PREFIXES, sizeof UNIT_PREFIXES / sizeof UNIT_PREFIXES[0]},
        {UNIT_SUFFIXES, sizeof UNIT_SUFFIXES / sizeof UNIT_SUFFIXES[0]},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        size_t len;
        const struct unit_word *w =
            cl_lex_table(name, e, b, tables[i].table, tables[i].count, sizeof tables[i].table[0], &len);
        if (w && b + len == e)
            return w->unit;
    }
    return NULL;
}
