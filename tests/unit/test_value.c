/* Specification tables for the value layer's numbers: exact rationals,
 * intervals and cl_quantity_parse. Each row states the full expected result
 * by hand; a failing row prints its input and every field that differs. */
#include "unit.h"

#include "value/value.h"

#include <stdbool.h>

/* ---- Expected values, parsed by the test itself ------------------------- */

static int64_t gcd64(int64_t a, int64_t b)
{
    if (a < 0)
        a = -a;
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* "num/den" or a plain decimal ("-12.5", "3350136000000"), reduced. */
static cl_rat want_rat(const char *s)
{
    int64_t num = 0, den = 1;
    bool neg = *s == '-', frac = false;
    if (neg)
        s++;
    for (; *s && *s != '/'; s++) {
        if (*s == '.') {
            frac = true;
            continue;
        }
        num = num * 10 + (*s - '0');
        if (frac)
            den *= 10;
    }
    if (*s == '/')
        den = strtoll(s + 1, NULL, 10);
    if (neg)
        num = -num;
    int64_t g = gcd64(num, den);
    cl_rat r = {num / g, den / g};
    return r;
}

static bool rat_is(cl_rat got, const char *want)
{
    cl_rat w = want_rat(want);
    return got.num == w.num && got.den == w.den;
}

static const char *show_rat(cl_rat r, char *buf, size_t size)
{
    snprintf(buf, size, "%lld/%lld", (long long)r.num, (long long)r.den);
    return buf;
}

static const char *show_interval(const cl_interval *a, char *buf, size_t size)
{
    char lo[48], hi[48];
    snprintf(buf, size, "%c%s, %s%c",
             a->lo_kind == CL_BOUND_INF ? '-' : a->lo_kind == CL_BOUND_OPEN ? '(' : '[',
             a->lo_kind == CL_BOUND_INF ? "" : show_rat(a->lo, lo, sizeof lo),
             a->hi_kind == CL_BOUND_INF ? "" : show_rat(a->hi, hi, sizeof hi),
             a->hi_kind == CL_BOUND_INF ? '+' : a->hi_kind == CL_BOUND_OPEN ? ')' : ']');
    return buf;
}

/* Bound kinds as written in the tables: '[' ']' closed, '(' ')' open,
 * '-' '+' unbounded (the value is then ignored). */
static unsigned char kind_of(char c)
{
    return c == '[' || c == ']' ? CL_BOUND_CLOSED : c == '(' || c == ')' ? CL_BOUND_OPEN : CL_BOUND_INF;
}

static bool interval_is(const cl_interval *got, const char *lo, char lk, const char *hi, char hk)
{
    if (got->lo_kind != kind_of(lk) || got->hi_kind != kind_of(hk))
        return false;
    if (got->lo_kind != CL_BOUND_INF && !rat_is(got->lo, lo))
        return false;
    if (got->hi_kind != CL_BOUND_INF && !rat_is(got->hi, hi))
        return false;
    return true;
}

static cl_interval make_interval(const char *lo, char lk, const char *hi, char hk)
{
    cl_interval r = {want_rat(lk == '-' ? "0" : lo), want_rat(hk == '+' ? "0" : hi), kind_of(lk), kind_of(hk)};
    return r;
}

/* ---- Quantities ---------------------------------------------------------- */

#define NONE CL_QUAL_NONE
#define EXACT CL_QUAL_EXACT
#define APPROX CL_QUAL_APPROX
#define OVER CL_QUAL_OVER
#define ATLEAST CL_QUAL_AT_LEAST
#define UNDER CL_QUAL_UNDER
#define ATMOST CL_QUAL_AT_MOST
#define NEARLY CL_QUAL_NEARLY
#define PCT CL_QTY_PERCENT
#define FRAC CL_QTY_FRACTION
#define CJK CL_QTY_CJK
#define RANGE CL_QTY_RANGE

struct qrow {
    const char *in;
    bool ok;
    const char *value;
    const char *lo;
    char lo_kind;
    const char *hi;
    char hi_kind;
    const char *unit;
    cl_qual qual;
    unsigned flags;
};

#define NOT(s) {s, false, NULL, NULL, 0, NULL, 0, NULL, NONE, 0}

static const struct qrow QUANTITIES[] = {
    /* Arabic numbers: half a unit of the last stated digit either way. */
    {"106", true, "106", "105.5", '[', "106.5", ')', "", NONE, 0},
    {"148", true, "148", "147.5", '[', "148.5", ')', "", NONE, 0},
    {"33,501.36", true, "33501.36", "33501.355", '[', "33501.365", ')', "", NONE, 0},
    {"1,408.28", true, "1408.28", "1408.275", '[', "1408.285", ')', "", NONE, 0},
    {"0.05", true, "1/20", "0.045", '[', "0.055", ')', "", NONE, 0},
    {"0", true, "0", "0", '[', "0.5", ')', "", NONE, 0},
    {"3.0", true, "3", "2.95", '[', "3.05", ')', "", NONE, 0},
    {"1,000,000", true, "1000000", "999999.5", '[', "1000000.5", ')', "", NONE, 0},
    {"12,345.6", true, "12345.6", "12345.55", '[', "12345.65", ')', "", NONE, 0},
    {"  106  ", true, "106", "105.5", '[', "106.5", ')', "", NONE, 0},
    {"\t106\n", true, "106", "105.5", '[', "106.5", ')', "", NONE, 0},
    {"１０６", true, "106", "105.5", '[', "106.5", ')', "", NONE, 0},
    NOT("１，４０８"),
    /* Chinese numerals: integers, place value of the last digit. */
    {"一百零六", true, "106", "105.5", '[', "106.5", ')', "", NONE, CJK},
    {"一百四十八", true, "148", "147.5", '[', "148.5", ')', "", NONE, CJK},
    {"两千", true, "2000", "1999.5", '[', "2000.5", ')', "", NONE, CJK},
    {"兩千", true, "2000", "1999.5", '[', "2000.5", ')', "", NONE, CJK},
    {"二十二", true, "22", "21.5", '[', "22.5", ')', "", NONE, CJK},
    {"十四", true, "14", "13.5", '[', "14.5", ')', "", NONE, CJK},
    {"十", true, "10", "9.5", '[', "10.5", ')', "", NONE, CJK},
    {"廿", true, "20", "19.5", '[', "20.5", ')', "", NONE, CJK},
    {"廿五", true, "25", "24.5", '[', "25.5", ')', "", NONE, CJK},
    {"卅", true, "30", "29.5", '[', "30.5", ')', "", NONE, CJK},
    {"〇", true, "0", "0", '[', "0.5", ')', "", NONE, CJK},
    {"零", true, "0", "0", '[', "0.5", ')', "", NONE, CJK},
    {"两", true, "2", "1.5", '[', "2.5", ')', "", NONE, CJK},
    {"一千零一", true, "1001", "1000.5", '[', "1001.5", ')', "", NONE, CJK},
    {"壹佰贰拾", true, "120", "119.5", '[', "120.5", ')', "", NONE, CJK},
    {"貳佰", true, "200", "199.5", '[', "200.5", ')', "", NONE, CJK},
    {"參拾", true, "30", "29.5", '[', "30.5", ')', "", NONE, CJK},
    {"叁拾肆", true, "34", "33.5", '[', "34.5", ')', "", NONE, CJK},
    {"陸", true, "6", "5.5", '[', "6.5", ')', "", NONE, CJK},
    {"玖仟", true, "9000", "8999.5", '[', "9000.5", ')', "", NONE, CJK},
    {"二〇二五", true, "2025", "2024.5", '[', "2025.5", ')', "", NONE, CJK},
    {"二○二五", true, "2025", "2024.5", '[', "2025.5", ')', "", NONE, CJK},
    {"三千五百万", true, "35000000", "34995000", '[', "35005000", ')', "", NONE, CJK},
    {"一亿四千万", true, "140000000", "139995000", '[', "140005000", ')', "", NONE, CJK},
    {"十万", true, "100000", "95000", '[', "105000", ')', "", NONE, CJK},
    {"一万五", true, "15000", "14500", '[', "15500", ')', "", NONE, CJK},
    {"三千五", true, "3500", "3450", '[', "3550", ')', "", NONE, CJK},
    {"三万亿", true, "3000000000000", "2500000000000", '[', "3500000000000", ')', "", NONE, CJK},
    {"两万亿五", true, "2500000000000", "2450000000000", '[', "2550000000000", ')', "", NONE, CJK},
    {"一亿五", true, "150000000", "145000000", '[', "155000000", ')', "", NONE, CJK},
    {"一万五千亿", true, "1500000000000", "1499950000000", '[', "1500050000000", ')', "", NONE, CJK},
    {"三点五亿", true, "350000000", "345000000", '[', "355000000", ')', "", NONE, CJK},
    {"二十二点五", true, "22.5", "22.45", '[', "22.55", ')', "", NONE, CJK},
    {"一億", true, "100000000", "50000000", '[', "150000000", ')', "", NONE, CJK},
    NOT("十十"),
    NOT("五五百"),
    NOT("一万万"),
    NOT("百"),
    NOT("百万"),
    NOT("十四五"),
    NOT("一点"),
    /* Scales after Arabic digits. */
    {"1.4亿", true, "140000000", "135000000", '[', "145000000", ')', "", NONE, 0},
    {"3.1億", true, "310000000", "305000000", '[', "315000000", ')', "", NONE, 0},
    {"33,501.36亿元", true, "3350136000000", "3350135500000", '[', "3350136500000", ')', "CNY", NONE, 0},
    {"3.49万亿", true, "3490000000000", "3485000000000", '[', "3495000000000", ')', "", NONE, 0},
    {"3.35万亿", true, "3350000000000", "3345000000000", '[', "3355000000000", ')', "", NONE, 0},
    {"3.1萬億", true, "3100000000000", "3050000000000", '[', "3150000000000", ')', "", NONE, 0},
    {"1.98万元", true, "19800", "19750", '[', "19850", ')', "CNY", NONE, 0},
    {"155万元", true, "1550000", "1545000", '[', "1555000", ')', "CNY", NONE, 0},
    {"150万", true, "1500000", "1495000", '[', "1505000", ')', "", NONE, 0},
    {"4500亿元", true, "450000000000", "449950000000", '[', "450050000000", ')', "CNY", NONE, 0},
    {"5百万", true, "5000000", "4500000", '[', "5500000", ')', "", NONE, 0},
    {"3千万", true, "30000000", "25000000", '[', "35000000", ')', "", NONE, 0},
    {"1.5千万", true, "15000000", "14500000", '[', "15500000", ')', "", NONE, 0},
    {"2十万", true, "200000", "150000", '[', "250000", ')', "", NONE, 0},
    {"3千", true, "3000", "2500", '[', "3500", ')', "", NONE, 0},
    {"30 万元", true, "300000", "295000", '[', "305000", ')', "CNY", NONE, 0},
    {"4.3bn", true, "4300000000", "4250000000", '[', "4350000000", ')', "", NONE, 0},
    {"4.3 bn", true, "4300000000", "4250000000", '[', "4350000000", ')', "", NONE, 0},
    {"2.5mn", true, "2500000", "2450000", '[', "2550000", ')', "", NONE, 0},
    {"78.6 billion", true, "78600000000", "78550000000", '[', "78650000000", ')', "", NONE, 0},
    {"2 million", true, "2000000", "1500000", '[', "2500000", ')', "", NONE, 0},
    {"1.2 trillion", true, "1200000000000", "1150000000000", '[', "1250000000000", ')', "", NONE, 0},
    {"3 thousand", true, "3000", "2500", '[', "3500", ')', "", NONE, 0},
    {"3 Million", true, "3000000", "2500000", '[', "3500000", ')', "", NONE, 0},
    NOT("4.3m"),
    NOT("5k"),
    NOT("3兆"),
    NOT("3亿万"),
    NOT("3billion5"),
    /* English number words. */
    {"one hundred and six", true, "106", "105.5", '[', "106.5", ')', "", NONE, 0},
    {"one hundred six", true, "106", "105.5", '[', "106.5", ')', "", NONE, 0},
    {"two hundred", true, "200", "199.5", '[', "200.5", ')', "", NONE, 0},
    {"twenty-two", true, "22", "21.5", '[', "22.5", ')', "", NONE, 0},
    {"twenty two", true, "22", "21.5", '[', "22.5", ')', "", NONE, 0},
    {"Twenty", true, "20", "19.5", '[', "20.5", ')', "", NONE, 0},
    {"five", true, "5", "4.5", '[', "5.5", ')', "", NONE, 0},
    {"nineteen", true, "19", "18.5", '[', "19.5", ')', "", NONE, 0},
    {"ninety-nine", true, "99", "98.5", '[', "99.5", ')', "", NONE, 0},
    {"zero", true, "0", "0", '[', "0.5", ')', "", NONE, 0},
    {"two million", true, "2000000", "1500000", '[', "2500000", ')', "", NONE, 0},
    NOT("fivefold"),
    NOT("hundred"),
    /* Percentages, stored as fractions. */
    {"22%", true, "11/50", "0.215", '[', "0.225", ')', "ratio", NONE, PCT},
    {"22.0%", true, "11/50", "0.2195", '[', "0.2205", ')', "ratio", NONE, PCT},
    {"22.0％", true, "11/50", "0.2195", '[', "0.2205", ')', "ratio", NONE, PCT},
    {"２２．０％", true, "11/50", "0.2195", '[', "0.2205", ')', "ratio", NONE, PCT},
    {"百分之二十二", true, "11/50", "0.215", '[', "0.225", ')', "ratio", NONE, PCT | CJK},
    {"百分之22.5", true, "9/40", "0.2245", '[', "0.2255", ')', "ratio", NONE, PCT},
    {"百分之二十二点五", true, "9/40", "0.2245", '[', "0.2255", ')', "ratio", NONE, PCT | CJK},
    {"百分之一百", true, "1", "0.995", '[', "1.005", ')', "ratio", NONE, PCT | CJK},
    {"22 per cent", true, "11/50", "0.215", '[', "0.225", ')', "ratio", NONE, PCT},
    {"22 percent", true, "11/50", "0.215", '[', "0.225", ')', "ratio", NONE, PCT},
    {"22 Per Cent", true, "11/50", "0.215", '[', "0.225", ')', "ratio", NONE, PCT},
    {"0.5%", true, "1/200", "0.0045", '[', "0.0055", ')', "ratio", NONE, PCT},
    {"100%", true, "1", "0.995", '[', "1.005", ')', "ratio", NONE, PCT},
    {"千分之五", true, "1/200", "0.0045", '[', "0.0055", ')', "ratio", NONE, FRAC | CJK},
    {"约22%", true, "11/50", "0.198", '[', "0.242", ']', "ratio", APPROX, PCT},
    {"22%左右", true, "11/50", "0.198", '[', "0.242", ']', "ratio", APPROX, PCT},
    {"不足30%", true, "3/10", "0", '[', "0.3", ')', "ratio", UNDER, PCT},
    {"up to 30%", true, "3/10", "0", '[', "0.3", ']', "ratio", ATMOST, PCT},
    {"above 50%", true, "1/2", "0.5", '(', NULL, '+', "ratio", OVER, PCT},
    {"近乎100%", true, "1", "0.9", '[', "1", ']', "ratio", NEARLY, PCT},
    NOT("22%元"),
    NOT("1.4亿%"),
    NOT("百分之"),
    NOT("百分之百"),
    /* Fractions and ratios: p/q with q read to the nearest unit. */
    {"1/70", true, "1/70", "2/141", '[', "2/139", ']', "ratio", NONE, FRAC},
    {"3/4", true, "3/4", "2/3", '[', "6/7", ']', "ratio", NONE, FRAC},
    {"2/3", true, "2/3", "4/7", '[', "4/5", ']', "ratio", NONE, FRAC},
    {"五分之一", true, "1/5", "2/11", '[', "2/9", ']', "ratio", NONE, FRAC | CJK},
    {"三分之一", true, "1/3", "2/7", '[', "2/5", ']', "ratio", NONE, FRAC | CJK},
    {"十分之三", true, "3/10", "2/7", '[', "6/19", ']', "ratio", NONE, FRAC | CJK},
    {"一半", true, "1/2", "2/5", '[', "2/3", ']', "ratio", NONE, FRAC | CJK},
    {"one fifth", true, "1/5", "2/11", '[', "2/9", ']', "ratio", NONE, FRAC},
    {"a fifth", true, "1/5", "2/11", '[', "2/9", ']', "ratio", NONE, FRAC},
    {"one-fifth", true, "1/5", "2/11", '[', "2/9", ']', "ratio", NONE, FRAC},
    {"one in five", true, "1/5", "2/11", '[', "2/9", ']', "ratio", NONE, FRAC},
    {"1 in 5", true, "1/5", "2/11", '[', "2/9", ']', "ratio", NONE, FRAC},
    {"1 out of 10", true, "1/10", "2/21", '[', "2/19", ']', "ratio", NONE, FRAC},
    {"two thirds", true, "2/3", "4/7", '[', "4/5", ']', "ratio", NONE, FRAC},
    {"a quarter", true, "1/4", "2/9", '[', "2/7", ']', "ratio", NONE, FRAC},
    {"three quarters", true, "3/4", "2/3", '[', "6/7", ']', "ratio", NONE, FRAC},
    {"half", true, "1/2", "2/5", '[', "2/3", ']', "ratio", NONE, FRAC},
    {"接近五分之一", true, "1/5", "9/50", '[', "1/5", ']', "ratio", NEARLY, FRAC | CJK},
    {"将近一半", true, "1/2", "9/20", '[', "1/2", ']', "ratio", NEARLY, FRAC | CJK},
    {"將近一半", true, "1/2", "9/20", '[', "1/2", ']', "ratio", NEARLY, FRAC | CJK},
    {"nearly half", true, "1/2", "9/20", '[', "1/2", ']', "ratio", NEARLY, FRAC},
    {"more than a third", true, "1/3", "1/3", '(', NULL, '+', "ratio", OVER, FRAC},
    {"about one in five", true, "1/5", "9/50", '[', "2/9", ']', "ratio", APPROX, FRAC},
    NOT("twenty-fifth"),
    NOT("7/5"),
    NOT("2024/10"),
    NOT("1/0"),
    NOT("零分之一"),
    NOT("1/70元"),
    NOT("a"),
    /* 成: tenths, read to half a tenth like the digits of 40%. */
    {"四成", true, "2/5", "0.35", '[', "0.45", ')', "ratio", NONE, FRAC | CJK},
    {"一成", true, "1/10", "0.05", '[', "0.15", ')', "ratio", NONE, FRAC | CJK},
    {"两成", true, "1/5", "0.15", '[', "0.25", ')', "ratio", NONE, FRAC | CJK},
    {"兩成", true, "1/5", "0.15", '[', "0.25", ')', "ratio", NONE, FRAC | CJK},
    {"十成", true, "1", "0.95", '[', "1.05", ')', "ratio", NONE, FRAC | CJK},
    {"7成", true, "7/10", "0.65", '[', "0.75", ')', "ratio", NONE, FRAC},
    {"三成五", true, "7/20", "0.345", '[', "0.355", ')', "ratio", NONE, FRAC | CJK},
    {"九成九", true, "99/100", "0.985", '[', "0.995", ')', "ratio", NONE, FRAC | CJK},
    {"三成半", true, "7/20", "0.325", '[', "0.375", ')', "ratio", NONE, FRAC | CJK},
    {"近四成", true, "2/5", "0.36", '[', "0.4", ']', "ratio", NEARLY, FRAC | CJK},
    {"接近三成", true, "3/10", "0.27", '[', "0.3", ']', "ratio", NEARLY, FRAC | CJK},
    {"逾三成", true, "3/10", "0.3", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"超过三成", true, "3/10", "0.3", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"超過三成", true, "3/10", "0.3", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"七成以上", true, "7/10", "0.7", '[', NULL, '+', "ratio", ATLEAST, FRAC | CJK},
    {"三成多", true, "3/10", "0.3", '[', NULL, '+', "ratio", ATLEAST, FRAC | CJK},
    {"不足两成", true, "1/5", "0", '[', "0.2", ')', "ratio", UNDER, FRAC | CJK},
    {"约三成", true, "3/10", "0.25", '[', "0.35", ']', "ratio", APPROX, FRAC | CJK},
    {"仅一成", true, "1/10", "0.05", '[', "0.15", ')', "ratio", EXACT, FRAC | CJK},
    NOT("成"),
    NOT("成立"),
    NOT("完成"),
    NOT("成本"),
    NOT("成都"),
    NOT("一成不变"),
    NOT("完成三成"),
    NOT("四成本"),
    NOT("三成员国"),
    NOT("零成"),
    NOT("十一成"),
    NOT("二十成"),
    NOT("3.5成"),
    NOT("十成五"),   /* nothing past ten tenths */
    NOT("三成零五"),
    NOT("三成五五"),
    NOT("3成5"),     /* a hundredths digit only after a Chinese numeral */
    NOT("four成"),
    NOT("三成人"),   /* a share takes no unit */
    NOT("百成"),
    /* 半数, 过半, 近半: one half, read like 一半. */
    {"半数", true, "1/2", "2/5", '[', "2/3", ']', "ratio", NONE, FRAC | CJK},
    {"半數", true, "1/2", "2/5", '[', "2/3", ']', "ratio", NONE, FRAC | CJK},
    {"过半", true, "1/2", "1/2", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"過半", true, "1/2", "1/2", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"过半数", true, "1/2", "1/2", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"超过半数", true, "1/2", "1/2", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"超過半數", true, "1/2", "1/2", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"超半数", true, "1/2", "1/2", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"逾半", true, "1/2", "1/2", '(', NULL, '+', "ratio", OVER, FRAC | CJK},
    {"半数以上", true, "1/2", "1/2", '[', NULL, '+', "ratio", ATLEAST, FRAC | CJK},
    {"近半", true, "1/2", "9/20", '[', "1/2", ']', "ratio", NEARLY, FRAC | CJK},
    {"近半数", true, "1/2", "9/20", '[', "1/2", ']', "ratio", NEARLY, FRAC | CJK},
    {"将近半数", true, "1/2", "9/20", '[', "1/2", ']', "ratio", NEARLY, FRAC | CJK},
    {"约半数", true, "1/2", "2/5", '[', "2/3", ']', "ratio", APPROX, FRAC | CJK},
    {"不足半数", true, "1/2", "0", '[', "1/2", ')', "ratio", UNDER, FRAC | CJK},
    NOT("半"),
    NOT("仅半"),
    NOT("半以上"),  /* a bare 半 needs a qualifier word before it */
    NOT("半年"),
    NOT("近半年"),
    NOT("过半年"),
    NOT("半导体"),
    NOT("近过半"),
    NOT("过半人"),
    NOT("$过半"),
    NOT("多半"),    /* "probably, mostly": not a share */
    NOT("大半"),
    /* 倍 is a multiple, not a share: left unread (docs/values.md). */
    NOT("3倍"),
    NOT("两倍"),
    NOT("1.5倍"),
    /* Ranges: midpoint value, the two ends as the interval. */
    {"77-80 billion", true, "78500000000", "77000000000", '[', "80000000000", ']', "", NONE, RANGE},
    {"77 to 80 billion", true, "78500000000", "77000000000", '[', "80000000000", ']', "", NONE, RANGE},
    {"77–80亿", true, "7850000000", "7700000000", '[', "8000000000", ']', "", NONE, RANGE},
    {"77至80亿", true, "7850000000", "7700000000", '[', "8000000000", ']', "", NONE, RANGE},
    {"77亿至80亿", true, "7850000000", "7700000000", '[', "8000000000", ']', "", NONE, RANGE},
    {"€77–80 billion", true, "78500000000", "77000000000", '[', "80000000000", ']', "EUR", NONE, RANGE},
    {"22-25%", true, "47/200", "0.22", '[', "0.25", ']', "ratio", NONE, RANGE | PCT},
    {"22%-25%", true, "47/200", "0.22", '[', "0.25", ']', "ratio", NONE, RANGE | PCT},
    {"5～10家", true, "7.5", "5", '[', "10", ']', "count", NONE, RANGE},
    {"二十至三十", true, "25", "20", '[', "30", ']', "", NONE, RANGE | CJK},
    {"1900-2000元", true, "1950", "1900", '[', "2000", ']', "CNY", NONE, RANGE},
    {"约77至80亿", true, "7850000000", "6930000000", '[', "8800000000", ']', "", APPROX, RANGE},
    {"more than 77-80 billion", true, "78500000000", "77000000000", '(', NULL, '+', "", OVER, RANGE},
    NOT("80-77亿"),
    NOT("77亿-80"),
    NOT("77亿-80万"),
    NOT("22%-25"),
    NOT("2021-2025"),
    NOT("2021–2025"),
    NOT("77-"),
    /* Qualifiers. */
    {"逾120项", true, "120", "120", '(', NULL, '+', "count", OVER, 0},
    {"逾120項", true, "120", "120", '(', NULL, '+', "count", OVER, 0},
    {"超120项", true, "120", "120", '(', NULL, '+', "count", OVER, 0},
    {"超过120项", true, "120", "120", '(', NULL, '+', "count", OVER, 0},
    {"超過3.1億", true, "310000000", "310000000", '(', NULL, '+', "", OVER, 0},
    {"大于5", true, "5", "5", '(', NULL, '+', "", OVER, 0},
    {"more than 250", true, "250", "250", '(', NULL, '+', "", OVER, 0},
    {"More Than 250", true, "250", "250", '(', NULL, '+', "", OVER, 0},
    {"over 9000", true, "9000", "9000", '(', NULL, '+', "", OVER, 0},
    {"超过120项以上", true, "120", "120", '(', NULL, '+', "count", OVER, 0},
    {"近150项", true, "150", "135", '[', "150", ']', "count", NEARLY, 0},
    {"接近150项", true, "150", "135", '[', "150", ']', "count", NEARLY, 0},
    {"差不多100人", true, "100", "90", '[', "100", ']', "count", NEARLY, 0},
    {"nearly 80 billion euros", true, "80000000000", "72000000000", '[', "80000000000", ']', "EUR", NEARLY, 0},
    {"almost 80", true, "80", "72", '[', "80", ']', "", NEARLY, 0},
    {"close to 80", true, "80", "72", '[', "80", ']', "", NEARLY, 0},
    {"120多项", true, "120", "120", '[', NULL, '+', "count", ATLEAST, 0},
    {"10余家", true, "10", "10", '[', NULL, '+', "count", ATLEAST, 0},
    {"10餘家", true, "10", "10", '[', NULL, '+', "count", ATLEAST, 0},
    {"1.4亿以上", true, "140000000", "140000000", '[', NULL, '+', "", ATLEAST, 0},
    {"1.4亿多", true, "140000000", "140000000", '[', NULL, '+', "", ATLEAST, 0},
    {"1.4亿多元", true, "140000000", "140000000", '[', NULL, '+', "CNY", ATLEAST, 0},
    {"一百多万", true, "1000000", "1000000", '[', NULL, '+', "", ATLEAST, CJK},
    {"高达4500亿元", true, "450000000000", "450000000000", '[', NULL, '+', "CNY", ATLEAST, 0},
    {"突破100万", true, "1000000", "1000000", '[', NULL, '+', "", ATLEAST, 0},
    {"至少5家", true, "5", "5", '[', NULL, '+', "count", ATLEAST, 0},
    /* A bare place word counts an implied 一 when a qualifier makes the
     * number a bound or an estimate: 百余项 is 一百余项. */
    {"百余项", true, "100", "100", '[', NULL, '+', "count", ATLEAST, CJK},
    {"千余家", true, "1000", "1000", '[', NULL, '+', "count", ATLEAST, CJK},
    {"萬餘人", true, "10000", "10000", '[', NULL, '+', "count", ATLEAST, CJK},
    {"百多项", true, "100", "100", '[', NULL, '+', "count", ATLEAST, CJK},
    {"近百项", true, "100", "90", '[', "100", ']', "count", NEARLY, CJK},
    {"近万人", true, "10000", "9000", '[', "10000", ']', "count", NEARLY, CJK},
    {"逾千家", true, "1000", "1000", '(', NULL, '+', "count", OVER, CJK},
    {"超百亿元", true, "10000000000", "10000000000", '(', NULL, '+', "CNY", OVER, CJK},
    {"近千万人", true, "10000000", "9000000", '[', "10000000", ']', "count", NEARLY, CJK},
    {"约百家", true, "100", "90", '[', "110", ']', "count", APPROX, CJK},
    {"百家以上", true, "100", "100", '[', NULL, '+', "count", ATLEAST, CJK},
    {"不足百人", true, "100", "0", '[', "100", ')', "count", UNDER, CJK},
    NOT("仅百家"),   /* only is no bound: a bare 百 stays unread */
    NOT("百家"),
    NOT("百万患者"),
    NOT("亿万"),
    NOT("近百至千家"), /* no bare numbers in ranges */
    NOT("近百点五"),
    {"不少于5家", true, "5", "5", '[', NULL, '+', "count", ATLEAST, 0},
    {"at least 5", true, "5", "5", '[', NULL, '+', "", ATLEAST, 0},
    {"250+", true, "250", "250", '[', NULL, '+', "", ATLEAST, 0},
    {"1000 or more", true, "1000", "1000", '[', NULL, '+', "", ATLEAST, 0},
    {"仅10余家", true, "10", "10", '[', NULL, '+', "count", ATLEAST, 0},
    {"不到100人", true, "100", "0", '[', "100", ')', "count", UNDER, 0},
    {"少于100", true, "100", "0", '[', "100", ')', "", UNDER, 0},
    {"低于5%", true, "1/20", "0", '[', "0.05", ')', "ratio", UNDER, PCT},
    {"fewer than 100", true, "100", "0", '[', "100", ')', "", UNDER, 0},
    {"less than 5", true, "5", "0", '[', "5", ')', "", UNDER, 0},
    {"under 5", true, "5", "0", '[', "5", ')', "", UNDER, 0},
    {"below 5", true, "5", "0", '[', "5", ')', "", UNDER, 0},
    {"不超过10%", true, "1/10", "0", '[', "0.1", ']', "ratio", ATMOST, PCT},
    {"至多3次", true, "3", "0", '[', "3", ']', "count", ATMOST, 0},
    {"最多3次", true, "3", "0", '[', "3", ']', "count", ATMOST, 0},
    {"100人以下", true, "100", "0", '[', "100", ']', "count", ATMOST, 0},
    {"100人以内", true, "100", "0", '[', "100", ']', "count", ATMOST, 0},
    {"at most 5", true, "5", "0", '[', "5", ']', "", ATMOST, 0},
    {"up to 5", true, "5", "0", '[', "5", ']', "", ATMOST, 0},
    {"约30万元", true, "300000", "270000", '[', "330000", ']', "CNY", APPROX, 0},
    {"約30萬元", true, "300000", "270000", '[', "330000", ']', "CNY", APPROX, 0},
    {"30万元左右", true, "300000", "270000", '[', "330000", ']', "CNY", APPROX, 0},
    {"30万元上下", true, "300000", "270000", '[', "330000", ']', "CNY", APPROX, 0},
    {"大约120", true, "120", "108", '[', "132", ']', "", APPROX, 0},
    {"约合4.3亿元", true, "430000000", "387000000", '[', "473000000", ']', "CNY", APPROX, 0},
    {"about €78.6 billion", true, "78600000000", "70740000000", '[', "86460000000", ']', "EUR", APPROX, 0},
    {"around 30", true, "30", "27", '[', "33", ']', "", APPROX, 0},
    {"roughly 30", true, "30", "27", '[', "33", ']', "", APPROX, 0},
    {"approximately 30", true, "30", "27", '[', "33", ']', "", APPROX, 0},
    {"some 250", true, "250", "225", '[', "275", ']', "", APPROX, 0},
    {"约0.5", true, "1/2", "0.45", '[', "0.55", ']', "", APPROX, 0},
    {"仅1.98万元", true, "19800", "19750", '[', "19850", ')', "CNY", EXACT, 0},
    {"僅1.98萬元", true, "19800", "19750", '[', "19850", ')', "CNY", EXACT, 0},
    {"only 5", true, "5", "4.5", '[', "5.5", ')', "", EXACT, 0},
    {"just 5", true, "5", "4.5", '[', "5.5", ')', "", EXACT, 0},
    NOT("约120多项"),
    NOT("more than 250 or so"),
    NOT("不足0"),
    NOT("约"),
    NOT("more than"),
    NOT("已达3.1亿"),
    NOT("达3.1亿"),
    NOT("overall 5"),
    NOT("moreover 5"),
    /* Units. */
    {"120项", true, "120", "119.5", '[', "120.5", ')', "count", NONE, 0},
    {"5款", true, "5", "4.5", '[', "5.5", ')', "count", NONE, 0},
    {"3家", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"12例", true, "12", "11.5", '[', "12.5", ')', "count", NONE, 0},
    {"5个", true, "5", "4.5", '[', "5.5", ')', "count", NONE, 0},
    {"3個", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"3名", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"100人", true, "100", "99.5", '[', "100.5", ')', "count", NONE, 0},
    {"2位", true, "2", "1.5", '[', "2.5", ')', "count", NONE, 0},
    {"3种", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"3種", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"5起", true, "5", "4.5", '[', "5.5", ')', "count", NONE, 0},
    {"3所", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"2座", true, "2", "1.5", '[', "2.5", ')', "count", NONE, 0},
    {"3条", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"3條", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"5篇", true, "5", "4.5", '[', "5.5", ')', "count", NONE, 0},
    {"2次", true, "2", "1.5", '[', "2.5", ')', "count", NONE, 0},
    {"5件", true, "5", "4.5", '[', "5.5", ')', "count", NONE, 0},
    {"2只", true, "2", "1.5", '[', "2.5", ')', "count", NONE, 0},
    {"3株", true, "3", "2.5", '[', "3.5", ')', "count", NONE, 0},
    {"2台", true, "2", "1.5", '[', "2.5", ')', "count", NONE, 0},
    {"100万人次", true, "1000000", "995000", '[', "1005000", ')', "count", NONE, 0},
    {"一百零六项", true, "106", "105.5", '[', "106.5", ')', "count", NONE, CJK},
    {"100元", true, "100", "99.5", '[', "100.5", ')', "CNY", NONE, 0},
    {"100块", true, "100", "99.5", '[', "100.5", ')', "CNY", NONE, 0},
    {"100 yuan", true, "100", "99.5", '[', "100.5", ')', "CNY", NONE, 0},
    {"RMB 100", true, "100", "99.5", '[', "100.5", ')', "CNY", NONE, 0},
    {"CNY100", true, "100", "99.5", '[', "100.5", ')', "CNY", NONE, 0},
    {"¥100", true, "100", "99.5", '[', "100.5", ')', "CNY", NONE, 0},
    {"￥100", true, "100", "99.5", '[', "100.5", ')', "CNY", NONE, 0},
    {"人民币100亿元", true, "10000000000", "9950000000", '[', "10050000000", ')', "CNY", NONE, 0},
    {"4500亿元人民币", true, "450000000000", "449950000000", '[', "450050000000", ')', "CNY", NONE, 0},
    {"US$194,000", true, "194000", "193999.5", '[', "194000.5", ')', "USD", NONE, 0},
    {"$3.4 billion", true, "3400000000", "3350000000", '[', "3450000000", ')', "USD", NONE, 0},
    {"3.4亿美元", true, "340000000", "335000000", '[', "345000000", ')', "USD", NONE, 0},
    {"2350亿美元", true, "235000000000", "234950000000", '[', "235050000000", ')', "USD", NONE, 0},
    {"100美金", true, "100", "99.5", '[', "100.5", ')', "USD", NONE, 0},
    {"100 dollars", true, "100", "99.5", '[', "100.5", ')', "USD", NONE, 0},
    {"USD 100", true, "100", "99.5", '[', "100.5", ')', "USD", NONE, 0},
    {"505.21亿欧元", true, "50521000000", "50520500000", '[', "50521500000", ')', "EUR", NONE, 0},
    {"100歐元", true, "100", "99.5", '[', "100.5", ')', "EUR", NONE, 0},
    {"€78.6 billion", true, "78600000000", "78550000000", '[', "78650000000", ')', "EUR", NONE, 0},
    {"78.6 billion euros", true, "78600000000", "78550000000", '[', "78650000000", ')', "EUR", NONE, 0},
    {"5 EUR", true, "5", "4.5", '[', "5.5", ')', "EUR", NONE, 0},
    {"100日元", true, "100", "99.5", '[', "100.5", ')', "JPY", NONE, 0},
    {"100円", true, "100", "99.5", '[', "100.5", ')', "JPY", NONE, 0},
    {"100 yen", true, "100", "99.5", '[', "100.5", ')', "JPY", NONE, 0},
    {"100英镑", true, "100", "99.5", '[', "100.5", ')', "GBP", NONE, 0},
    {"100英鎊", true, "100", "99.5", '[', "100.5", ')', "GBP", NONE, 0},
    {"£100", true, "100", "99.5", '[', "100.5", ')', "GBP", NONE, 0},
    {"100 pounds", true, "100", "99.5", '[', "100.5", ')', "GBP", NONE, 0},
    {"100港元", true, "100", "99.5", '[', "100.5", ')', "HKD", NONE, 0},
    {"100港币", true, "100", "99.5", '[', "100.5", ')', "HKD", NONE, 0},
    {"100港幣", true, "100", "99.5", '[', "100.5", ')', "HKD", NONE, 0},
    {"HK$100", true, "100", "99.5", '[', "100.5", ')', "HKD", NONE, 0},
    NOT("$100元"),
    NOT("250 trials"),
    NOT("more than 250 trials"),
    NOT("100 companies"),
    /* Not quantities at all. */
    NOT("400-622-0089"),
    NOT("139-6700-7000"),
    NOT("010-12345678"),
    NOT("9:00-18:00"),
    NOT("18:30"),
    NOT("24小时"),
    NOT("v2.1.3"),
    NOT("2.1.3"),
    NOT("3.1.4"),
    NOT("第3期"),
    NOT("第2号"),
    NOT("第3"),
    NOT("3期"),
    NOT("2号馆"),
    NOT("3号楼"),
    NOT("5楼"),
    NOT("2024年"),
    NOT("2024-10"),
    NOT("2024年10月"),
    NOT("10月"),
    NOT("IND"),
    NOT(""),
    NOT("   "),
    NOT("1,40"),
    NOT("1,2345"),
    NOT("1234,567"),
    NOT("0,123"),
    NOT("1,000,0000"),
    NOT("01"),
    NOT("12abc"),
    NOT("abc"),
    NOT("万"),
    NOT("萬"),
    NOT("3."),
    NOT(".5"),
    NOT("-5"),
    NOT("5 5"),
    NOT("12345678901234567890"),
};

static int check_quantity_row(const struct qrow *r)
{
    cl_quantity q;
    char a[160], b[160];
    bool ok = cl_quantity_parse(r->in, strlen(r->in), &q);
    if (ok != r->ok) {
        print_error("quantity \"%s\": parse %s, want %s\n", r->in, ok ? "succeeded" : "failed",
                    r->ok ? "success" : "failure");
        return 1;
    }
    if (!ok)
        return 0;
    int bad = 0;
    if (!rat_is(q.value, r->value)) {
        print_error("quantity \"%s\": value %s, want %s\n", r->in, show_rat(q.value, a, sizeof a), r->value);
        bad++;
    }
    if (!interval_is(&q.range, r->lo, r->lo_kind, r->hi, r->hi_kind)) {
        print_error("quantity \"%s\": range %s, want %c%s, %s%c\n", r->in, show_interval(&q.range, a, sizeof a),
                    r->lo_kind, r->lo ? r->lo : "", r->hi ? r->hi : "", r->hi_kind);
        bad++;
    }
    if (strcmp(q.unit, r->unit) != 0) {
        print_error("quantity \"%s\": unit \"%s\", want \"%s\"\n", r->in, q.unit, r->unit);
        bad++;
    }
    if (q.qual != r->qual) {
        print_error("quantity \"%s\": qual %d, want %d\n", r->in, q.qual, r->qual);
        bad++;
    }
    if (q.flags != r->flags) {
        print_error("quantity \"%s\": flags %u, want %u\n", r->in, q.flags, r->flags);
        bad++;
    }
    if (r->qual == NONE && !interval_is(&q.precision, r->lo, r->lo_kind, r->hi, r->hi_kind)) {
        print_error("quantity \"%s\": precision %s differs from the range\n", r->in,
                    show_interval(&q.precision, b, sizeof b));
        bad++;
    }
    return bad ? 1 : 0;
}

static void test_quantity_table(void **state)
{
    (void)state;
    int failures = 0;
    size_t n = sizeof QUANTITIES / sizeof QUANTITIES[0];
    for (size_t i = 0; i < n; i++)
        failures += check_quantity_row(&QUANTITIES[i]);
    if (failures)
        print_error("%d of %zu quantity rows failed\n", failures, n);
    assert_int_equal(failures, 0);
}

/* The digits' interval (before the qualifier) and the byte span of the
 * number, which excludes qualifier words at either end. */
static const struct span_row {
    const char *in;
    const char *lo;
    char lo_kind;
    const char *hi;
    char hi_kind;
    size_t start, end;
} SPANS[] = {
    {"逾120项", "119.5", '[', "120.5", ')', 3, 9},
    {"120多项", "119.5", '[', "120.5", ')', 0, 9},
    {"1.4亿多", "135000000", '[', "145000000", ')', 0, 6},
    {"1.4亿以上", "135000000", '[', "145000000", ')', 0, 6},
    {"30万元左右", "295000", '[', "305000", ')', 0, 8},
    {"约30万元", "295000", '[', "305000", ')', 3, 11},
    {"about €78.6 billion", "78550000000", '[', "78650000000", ')', 6, 21},
    {"nearly 80 billion euros", "79500000000", '[', "80500000000", ')', 7, 23},
    {"more than 250", "249.5", '[', "250.5", ')', 10, 13},
    {"  106  ", "105.5", '[', "106.5", ')', 2, 5},
    {"接近五分之一", "2/11", '[', "2/9", ']', 6, 18},
    {"超过120项以上", "119.5", '[', "120.5", ')', 6, 12},
    {"仅1.98万元", "19750", '[', "19850", ')', 3, 13},
    {"不足30%", "0.295", '[', "0.305", ')', 6, 9},
    {"US$194,000", "193999.5", '[', "194000.5", ')', 0, 10},
    {"约77至80亿", "7700000000", '[', "8000000000", ']', 3, 13},
    {"250+", "249.5", '[', "250.5", ')', 0, 3},
    {"近四成", "0.35", '[', "0.45", ')', 3, 9},
    {"七成以上", "0.65", '[', "0.75", ')', 0, 6},
    {"三成五", "0.345", '[', "0.355", ')', 0, 9},
    {"过半", "2/5", '[', "2/3", ']', 3, 6},
    {"超过半数", "2/5", '[', "2/3", ']', 6, 12},
    {"过半数", "2/5", '[', "2/3", ']', 3, 9},
    {"近半", "2/5", '[', "2/3", ']', 3, 6},
};

static void test_quantity_spans(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof SPANS / sizeof SPANS[0]; i++) {
        const struct span_row *r = &SPANS[i];
        cl_quantity q;
        char buf[160];
        if (!cl_quantity_parse(r->in, strlen(r->in), &q)) {
            print_error("span \"%s\": parse failed\n", r->in);
            failures++;
            continue;
        }
        if (!interval_is(&q.precision, r->lo, r->lo_kind, r->hi, r->hi_kind)) {
            print_error("span \"%s\": precision %s, want %c%s, %s%c\n", r->in,
                        show_interval(&q.precision, buf, sizeof buf), r->lo_kind, r->lo, r->hi, r->hi_kind);
            failures++;
        }
        if (q.num_start != r->start || q.num_end != r->end) {
            print_error("span \"%s\": [%zu, %zu), want [%zu, %zu)\n", r->in, q.num_start, q.num_end, r->start,
                        r->end);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* Parsing stops at n: the rest of the buffer is not read. */
static void test_quantity_length(void **state)
{
    (void)state;
    cl_quantity q;
    assert_true(cl_quantity_parse("120项以上的", strlen("120项以上"), &q));
    assert_int_equal(q.qual, CL_QUAL_AT_LEAST);
    assert_false(cl_quantity_parse("120项", 4, &q)); /* cut inside 项 */
    assert_true(cl_quantity_parse("1201", 3, &q));
    assert_int_equal(q.value.num, 120);
    assert_false(cl_quantity_parse(NULL, 0, &q));
}

/* set_qual recomputes the range from the digits' interval. */
static const struct setqual_row {
    const char *in;
    cl_qual qual;
    const char *lo;
    char lo_kind;
    const char *hi;
    char hi_kind;
} SET_QUALS[] = {
    {"150项", CL_QUAL_OVER, "150", '(', NULL, '+'},
    {"150项", CL_QUAL_AT_LEAST, "150", '[', NULL, '+'},
    {"150项", CL_QUAL_UNDER, "0", '[', "150", ')'},
    {"150项", CL_QUAL_AT_MOST, "0", '[', "150", ']'},
    {"150项", CL_QUAL_NEARLY, "135", '[', "150", ']'},
    {"150项", CL_QUAL_APPROX, "135", '[', "165", ']'},
    {"150项", CL_QUAL_EXACT, "149.5", '[', "150.5", ')'},
    {"约150项", CL_QUAL_NONE, "149.5", '[', "150.5", ')'},
    /* A wide digits' interval wins over the 10% tolerance. */
    {"1亿", CL_QUAL_APPROX, "50000000", '[', "150000000", ']'},
    {"77-80亿", CL_QUAL_UNDER, "0", '[', "8000000000", ')'},
    {"77-80亿", CL_QUAL_AT_LEAST, "7700000000", '[', NULL, '+'},
    {"77-80亿", CL_QUAL_NEARLY, "6930000000", '[', "8000000000", ']'},
};

static void test_quantity_set_qual(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof SET_QUALS / sizeof SET_QUALS[0]; i++) {
        const struct setqual_row *r = &SET_QUALS[i];
        cl_quantity q;
        char buf[160];
        assert_true(cl_quantity_parse(r->in, strlen(r->in), &q));
        cl_quantity_set_qual(&q, r->qual);
        if (q.qual != r->qual || !interval_is(&q.range, r->lo, r->lo_kind, r->hi, r->hi_kind)) {
            print_error("set_qual \"%s\" to %d: range %s, want %c%s, %s%c\n", r->in, r->qual,
                        show_interval(&q.range, buf, sizeof buf), r->lo_kind, r->lo, r->hi ? r->hi : "",
                        r->hi_kind);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static const struct qual_row {
    const char *in;
    bool ok;
    cl_qual qual;
} QUALS[] = {
    {"约", true, APPROX},         {"大约", true, APPROX},       {"左右", true, APPROX},
    {"上下", true, APPROX},       {"約", true, APPROX},         {"about", true, APPROX},
    {"  around ", true, APPROX},  {"approximately", true, APPROX}, {"超", true, OVER},
    {"超过", true, OVER},         {"超過", true, OVER},         {"逾", true, OVER},
    {"more than", true, OVER},    {"More  Than", true, OVER},   {"over", true, OVER},
    {"exceeding", true, OVER},    {"以上", true, ATLEAST},      {"多", true, ATLEAST},
    {"余", true, ATLEAST},        {"突破", true, ATLEAST},      {"高达", true, ATLEAST},
    {"at least", true, ATLEAST},  {"不足", true, UNDER},        {"不到", true, UNDER},
    {"fewer than", true, UNDER},  {"以下", true, ATMOST},       {"以内", true, ATMOST},
    {"up to", true, ATMOST},      {"不超过", true, ATMOST},     {"近", true, NEARLY},
    {"接近", true, NEARLY},       {"将近", true, NEARLY},       {"almost", true, NEARLY},
    {"仅", true, EXACT},          {"只", true, EXACT},          {"only", true, EXACT},
    {"达", false, NONE},          {"已达", false, NONE},        {"约3", false, NONE},
    {"", false, NONE},            {"over 5", false, NONE},      {"moreover", false, NONE},
    {"more", false, NONE},        {"abc", false, NONE},
};

static void test_qual_parse(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof QUALS / sizeof QUALS[0]; i++) {
        cl_qual q = CL_QUAL_NONE;
        bool ok = cl_qual_parse(QUALS[i].in, strlen(QUALS[i].in), &q);
        if (ok != QUALS[i].ok || (ok && q != QUALS[i].qual)) {
            print_error("qual \"%s\": ok %d qual %d, want ok %d qual %d\n", QUALS[i].in, ok, q, QUALS[i].ok,
                        QUALS[i].qual);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_qual_words(void **state)
{
    (void)state;
    assert_string_equal(cl_qual_words(CL_QUAL_NONE), "");
    assert_string_equal(cl_qual_words(CL_QUAL_EXACT), "only");
    assert_string_equal(cl_qual_words(CL_QUAL_APPROX), "about");
    assert_string_equal(cl_qual_words(CL_QUAL_OVER), "more than");
    assert_string_equal(cl_qual_words(CL_QUAL_AT_LEAST), "at least");
    assert_string_equal(cl_qual_words(CL_QUAL_UNDER), "less than");
    assert_string_equal(cl_qual_words(CL_QUAL_AT_MOST), "at most");
    assert_string_equal(cl_qual_words(CL_QUAL_NEARLY), "nearly");
    assert_string_equal(cl_qual_words((cl_qual)99), "");
}

static const struct unit_row {
    const char *name;
    const char *unit; /* NULL: unknown */
} UNITS[] = {
    {"count", "count"}, {"items", "count"}, {"item", "count"},  {"people", "count"}, {"项", "count"},
    {"個", "count"},    {"CNY", "CNY"},     {"cny", "CNY"},     {"yuan", "CNY"},     {"元", "CNY"},
    {"RMB", "CNY"},     {"人民币", "CNY"},  {"¥", "CNY"},       {"USD", "USD"},      {"$", "USD"},
    {"US$", "USD"},     {"dollars", "USD"}, {"美元", "USD"},    {"EUR", "EUR"},      {"euro", "EUR"},
    {"euros", "EUR"},   {"€", "EUR"},       {"欧元", "EUR"},    {"JPY", "JPY"},      {"yen", "JPY"},
    {"日元", "JPY"},    {"GBP", "GBP"},     {"£", "GBP"},       {"英镑", "GBP"},     {"HKD", "HKD"},
    {"港元", "HKD"},    {"ratio", "ratio"}, {"percent", "ratio"}, {"%", "ratio"},   {"fraction", "ratio"},
    {"", ""},           {"none", ""},       {" count ", "count"}, {"widgets", NULL}, {"kg", NULL},
    {"元元", NULL},     {"countless", NULL},
};

static void test_unit_lookup(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        const char *got = cl_unit_lookup(UNITS[i].name);
        bool same = got && UNITS[i].unit ? strcmp(got, UNITS[i].unit) == 0 : got == UNITS[i].unit;
        if (!same) {
            print_error("unit \"%s\": %s, want %s\n", UNITS[i].name, got ? got : "NULL",
                        UNITS[i].unit ? UNITS[i].unit : "NULL");
            failures++;
        }
    }
    assert_null(cl_unit_lookup(NULL));
    assert_int_equal(failures, 0);
}

/* ---- Rationals ----------------------------------------------------------- */

#define MAX "9223372036854775807"
#define MIN "-9223372036854775808"

static const struct rat_row {
    char op; /* + - * / */
    const char *a, *b;
    bool ok;
    const char *want;
} RAT_OPS[] = {
    {'+', "1/2", "1/3", true, "5/6"},
    {'-', "1/2", "1/3", true, "1/6"},
    {'*', "2/3", "3/4", true, "1/2"},
    {'/', "1/2", "1/4", true, "2"},
    {'-', "1/3", "1/2", true, "-1/6"},
    {'-', "5/7", "5/7", true, "0"},
    {'*', "-2/3", "-3/2", true, "1"},
    {'/', "1/2", "0", false, NULL},
    {'+', MAX, "1", false, NULL},
    {'-', MIN, "1", false, NULL},
    {'*', MAX, "2", false, NULL},
    {'*', MAX, "1/" MAX, true, "1"},
    {'+', "1/" MAX, "1/" MAX, true, "2/" MAX},
    {'+', "1/4611686018427387904", "1/3", false, NULL},
    {'*', "3350136000000", "1/100000000", true, "837534/25"},
    {'/', "3350000000000", "3350136000000", true, "418750/418767"},
    {'+', "4000000000000000000", "4000000000000000000", true, "8000000000000000000"},
    {'+', "5000000000000000000", "5000000000000000000", false, NULL},
};

static void test_rat_ops(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof RAT_OPS / sizeof RAT_OPS[0]; i++) {
        const struct rat_row *r = &RAT_OPS[i];
        cl_rat a, b, out = {0, 1};
        /* MIN is built by hand: its magnitude does not fit want_rat's int64. */
        a = strcmp(r->a, MIN) == 0 ? (cl_rat){INT64_MIN, 1} : want_rat(r->a);
        b = want_rat(r->b);
        bool ok = r->op == '+' ? cl_rat_add(a, b, &out)
                : r->op == '-' ? cl_rat_sub(a, b, &out)
                : r->op == '*' ? cl_rat_mul(a, b, &out)
                               : cl_rat_div(a, b, &out);
        char buf[64];
        if (ok != r->ok || (ok && !rat_is(out, r->want))) {
            print_error("rat %s %c %s: ok %d %s, want ok %d %s\n", r->a, r->op, r->b, ok,
                        show_rat(out, buf, sizeof buf), r->ok, r->want ? r->want : "");
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_rat_make(void **state)
{
    (void)state;
    cl_rat r;
    assert_true(cl_rat_make(6, -4, &r));
    assert_int_equal(r.num, -3);
    assert_int_equal(r.den, 2);
    assert_true(cl_rat_make(0, -7, &r));
    assert_int_equal(r.num, 0);
    assert_int_equal(r.den, 1);
    assert_false(cl_rat_make(1, 0, &r));
    assert_false(cl_rat_make(INT64_MIN, -1, &r)); /* 2^63 does not fit */
    assert_true(cl_rat_make(INT64_MIN, 2, &r));
    assert_int_equal(r.num, INT64_MIN / 2);
    r = cl_rat_int(-42);
    assert_int_equal(r.num, -42);
    assert_int_equal(r.den, 1);
    assert_true(cl_rat_to_double(want_rat("1/4")) == 0.25);
}

static const struct cmp_row {
    const char *a, *b;
    int want;
} RAT_CMPS[] = {
    /* 3.35万亿 against 33,501.36亿: 0.0136亿 apart, exactly. */
    {"3350000000000", "3350136000000", -1},
    {"3350136000000", "3350136000000", 0},
    {"1/3", "333333/1000000", 1},
    {"-1/2", "1/3", -1},
    {"2/4", "1/2", 0},
    /* 1 + 1/(M-1) against 1 + 1/(M-2): equal as doubles, not exactly. */
    {MAX "/9223372036854775806", "9223372036854775806/9223372036854775805", -1},
    {MAX, "9223372036854775806", 1},
};

static void test_rat_cmp(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof RAT_CMPS / sizeof RAT_CMPS[0]; i++) {
        int got = cl_rat_cmp(want_rat(RAT_CMPS[i].a), want_rat(RAT_CMPS[i].b));
        int back = cl_rat_cmp(want_rat(RAT_CMPS[i].b), want_rat(RAT_CMPS[i].a));
        if (got != RAT_CMPS[i].want || back != -RAT_CMPS[i].want) {
            print_error("cmp %s %s: %d (reversed %d), want %d\n", RAT_CMPS[i].a, RAT_CMPS[i].b, got, back,
                        RAT_CMPS[i].want);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static const struct format_row {
    const char *in;
    int sig;
    const char *want;
} RAT_FORMATS[] = {
    {"1/2", 6, "0.5"},
    {"310000000", 6, "310000000"},
    {"-3/4", 6, "-0.75"},
    {"1/8", 1, "0.125"},
    {"1/1024", 3, "0.0009765625"},
    {"1/4096", 3, "0.000244140625"},   /* 12 fractional digits: still exact */
    {"1/8192", 6, "0.00012207"},       /* 13: rounded */
    {"1/3", 6, "0.333333"},
    {"2/3", 3, "0.667"},
    {"2/3", 1, "0.7"},
    {"2/3", 0, "0.7"},                 /* at least one significant digit */
    {"-1/3", 2, "-0.33"},
    {"1/7", 4, "0.1429"},
    {"22/7", 5, "3.1429"},
    {"95/7", 2, "14"},
    {"1000000000000/7", 6, "142857000000"},
    {"999999/1000001", 3, "1"},
    {"1/70", 6, "0.0142857"},
    {"1/" MAX, 3, "0.000000000000000000108"},
    {"0", 6, "0"},
    {"837534/25", 6, "33501.36"},
    {MAX, 3, MAX},
};

static void test_rat_format(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof RAT_FORMATS / sizeof RAT_FORMATS[0]; i++) {
        char buf[64];
        size_t n = cl_rat_format(want_rat(RAT_FORMATS[i].in), RAT_FORMATS[i].sig, buf, sizeof buf);
        if (strcmp(buf, RAT_FORMATS[i].want) != 0 || n != strlen(RAT_FORMATS[i].want)) {
            print_error("format %s sig %d: \"%s\" (%zu), want \"%s\"\n", RAT_FORMATS[i].in, RAT_FORMATS[i].sig,
                        buf, n, RAT_FORMATS[i].want);
            failures++;
        }
    }
    char buf[64];
    assert_int_equal(cl_rat_format((cl_rat){INT64_MIN, 1}, 6, buf, sizeof buf), 20);
    assert_string_equal(buf, MIN);
    /* snprintf semantics: the full length comes back, the text is cut. */
    char small[4] = "xxx";
    assert_int_equal(cl_rat_format(want_rat("1/3"), 6, small, sizeof small), 8);
    assert_string_equal(small, "0.3");
    assert_int_equal(cl_rat_format(want_rat("1/3"), 6, NULL, 0), 8);
    assert_int_equal(failures, 0);
}

/* ---- Intervals ------------------------------------------------------------ */

struct iv {
    const char *lo;
    char lk;
    const char *hi;
    char hk;
};

static cl_interval iv(struct iv v)
{
    return make_interval(v.lo, v.lk, v.hi, v.hk);
}

static const struct empty_row {
    struct iv a;
    bool empty;
} EMPTIES[] = {
    {{"1", '[', "1", ']'}, false}, {{"1", '[', "1", ')'}, true}, {{"1", '(', "1", ']'}, true},
    {{"2", '[', "1", ']'}, true},  {{"1", '[', "2", ')'}, false}, {{NULL, '-', "0", ')'}, false},
    {{"5", '(', NULL, '+'}, false}, {{NULL, '-', NULL, '+'}, false},
};

static void test_interval_empty(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof EMPTIES / sizeof EMPTIES[0]; i++) {
        cl_interval a = iv(EMPTIES[i].a);
        if (cl_interval_is_empty(&a) != EMPTIES[i].empty)
            fail_msg("empty row %zu: want %d", i, EMPTIES[i].empty);
    }
    cl_interval all = cl_interval_all();
    assert_int_equal(all.lo_kind, CL_BOUND_INF);
    assert_int_equal(all.hi_kind, CL_BOUND_INF);
    cl_interval p = cl_interval_point(want_rat("7/2"));
    assert_true(interval_is(&p, "7/2", '[', "7/2", ']'));
}

static const struct binop_row {
    char op; /* & intersect, * mul, / div */
    struct iv a, b;
    bool ok;
    struct iv want;
} INTERVAL_OPS[] = {
    {'&', {"1", '[', "3", ')'}, {"2", '[', "5", ']'}, true, {"2", '[', "3", ')'}},
    {'&', {"1", '[', "2", ')'}, {"2", '[', "3", ']'}, false, {NULL, 0, NULL, 0}},
    {'&', {"1", '[', "2", ']'}, {"2", '[', "3", ']'}, true, {"2", '[', "2", ']'}},
    {'&', {"1", '(', NULL, '+'}, {"0", '[', "5", ')'}, true, {"1", '(', "5", ')'}},
    {'&', {NULL, '-', NULL, '+'}, {"1", '[', "2", ']'}, true, {"1", '[', "2", ']'}},
    {'&', {"1", '[', "3", ']'}, {"1", '(', "3", ')'}, true, {"1", '(', "3", ')'}},
    /* 150万 people times 30万 yuan each, both to the nearest 万. */
    {'*', {"1495000", '[', "1505000", ')'}, {"295000", '[', "305000", ')'}, true,
     {"441025000000", '[', "459025000000", ')'}},
    {'/', {"1495000", '[', "1505000", ')'}, {"295000", '[', "305000", ')'}, true,
     {"299/61", '(', "301/59", ')'}},
    {'/', {"1495000", '[', "1505000", ']'}, {"295000", '[', "305000", ']'}, true,
     {"299/61", '[', "301/59", ']'}},
    {'*', {"2", '[', NULL, '+'}, {"3", '[', "4", ']'}, true, {"6", '[', NULL, '+'}},
    {'*', {"0", '[', "0", ']'}, {"1", '[', NULL, '+'}, true, {"0", '[', "0", ']'}},
    {'*', {"0", '(', "1", ')'}, {"0", '[', "2", ']'}, true, {"0", '[', "2", ')'}},
    {'*', {"0", '(', "1", ')'}, {"0", '(', "2", ']'}, true, {"0", '(', "2", ')'}},
    {'*', {"-1", '[', "1", ']'}, {"1", '[', "2", ']'}, false, {NULL, 0, NULL, 0}},
    {'*', {NULL, '-', "1", ']'}, {"1", '[', "2", ']'}, false, {NULL, 0, NULL, 0}},
    {'*', {MAX, '[', MAX, ']'}, {"2", '[', "2", ']'}, false, {NULL, 0, NULL, 0}},
    {'*', {"2", '[', "1", ']'}, {"1", '[', "1", ']'}, false, {NULL, 0, NULL, 0}},
    {'/', {"1", '[', "2", ']'}, {"0", '[', "1", ']'}, false, {NULL, 0, NULL, 0}},
    {'/', {"1", '[', "2", ']'}, {"0", '(', "1", ']'}, true, {"1", '[', NULL, '+'}},
    {'/', {"0", '[', "0", ']'}, {"0", '(', "1", ']'}, true, {"0", '[', "0", ']'}},
    {'/', {"1", '[', "2", ']'}, {"2", '[', NULL, '+'}, true, {"0", '(', "1", ']'}},
    {'/', {"0", '[', "2", ']'}, {"2", '[', NULL, '+'}, true, {"0", '[', "1", ']'}},
    {'/', {"1", '[', NULL, '+'}, {"2", '[', "4", ']'}, true, {"1/4", '[', NULL, '+'}},
    {'/', {"1", '[', "2", ']'}, {"1/" MAX, '[', "1", ']'}, false, {NULL, 0, NULL, 0}},
};

static void test_interval_ops(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof INTERVAL_OPS / sizeof INTERVAL_OPS[0]; i++) {
        const struct binop_row *r = &INTERVAL_OPS[i];
        cl_interval a = iv(r->a), b = iv(r->b), out;
        bool ok = r->op == '&' ? cl_interval_intersect(&a, &b, &out)
                : r->op == '*' ? cl_interval_mul(&a, &b, &out)
                               : cl_interval_div(&a, &b, &out);
        char buf[160];
        if (ok != r->ok || (ok && !interval_is(&out, r->want.lo, r->want.lk, r->want.hi, r->want.hk))) {
            print_error("interval row %zu (%c): ok %d %s, want ok %d\n", i, r->op, ok,
                        ok ? show_interval(&out, buf, sizeof buf) : "", r->ok);
            failures++;
        }
        if (r->op == '&' && cl_interval_overlaps(&a, &b) != r->ok) {
            print_error("interval row %zu: overlaps disagrees with intersect\n", i);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* The comparisons a check makes, on parsed quantities: 3.35万亿 read to its
 * last digit covers 33,501.36亿, but not the other way round, and 3.49万亿
 * covers neither. */
static void test_interval_claims(void **state)
{
    (void)state;
    cl_quantity a, b, c, d;
    assert_true(cl_quantity_parse("3.35万亿", strlen("3.35万亿"), &a));
    assert_true(cl_quantity_parse("33,501.36亿", strlen("33,501.36亿"), &b));
    assert_true(cl_quantity_parse("约3.35万亿", strlen("约3.35万亿"), &c));
    assert_true(cl_quantity_parse("3.49万亿", strlen("3.49万亿"), &d));
    assert_int_equal(cl_rat_cmp(a.value, b.value), -1);
    cl_interval pa = cl_interval_point(a.value), pb = cl_interval_point(b.value);
    assert_true(cl_interval_overlaps(&a.range, &pb));
    assert_false(cl_interval_overlaps(&b.range, &pa));
    assert_true(cl_interval_overlaps(&a.range, &b.range));
    assert_true(cl_interval_overlaps(&c.range, &pb));
    assert_false(cl_interval_overlaps(&d.range, &pb));
    assert_false(cl_interval_overlaps(&d.range, &b.range));
    assert_true(interval_is(&c.range, "3015000000000", '[', "3685000000000", ']'));

    /* 150万 items at 30万 each, from the parsed quantities. */
    cl_quantity n, price;
    cl_interval total;
    assert_true(cl_quantity_parse("150万", strlen("150万"), &n));
    assert_true(cl_quantity_parse("30万元", strlen("30万元"), &price));
    assert_true(cl_interval_mul(&n.range, &price.range, &total));
    assert_true(interval_is(&total, "441025000000", '[', "459025000000", ')'));
    /* "more than 120" times "about 2" ([1.5, 2.5] from the digits, wider
     * than 10%): unbounded above, from just over 120 * 1.5. */
    cl_quantity over, about;
    assert_true(cl_quantity_parse("逾120项", strlen("逾120项"), &over));
    assert_true(cl_quantity_parse("约2", strlen("约2"), &about));
    assert_true(cl_interval_mul(&over.range, &about.range, &total));
    assert_true(interval_is(&total, "180", '(', NULL, '+'));
}

static const struct ifmt_row {
    struct iv a;
    const char *want;
} INTERVAL_FORMATS[] = {
    {{"305000000", '[', "315000000", ')'}, "[305000000, 315000000)"},
    {{NULL, '-', NULL, '+'}, "(-inf, inf)"},
    {{"1/2", '(', "2", ']'}, "(0.5, 2]"},
    {{"1/3", '[', NULL, '+'}, "[0.333333333333, inf)"},
};

static void test_interval_format(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof INTERVAL_FORMATS / sizeof INTERVAL_FORMATS[0]; i++) {
        cl_interval a = iv(INTERVAL_FORMATS[i].a);
        char buf[96];
        size_t n = cl_interval_format(&a, buf, sizeof buf);
        assert_string_equal(buf, INTERVAL_FORMATS[i].want);
        assert_int_equal(n, strlen(INTERVAL_FORMATS[i].want));
    }
    char small[6];
    cl_interval a = iv(INTERVAL_FORMATS[0].a);
    assert_int_equal(cl_interval_format(&a, small, sizeof small), strlen(INTERVAL_FORMATS[0].want));
    assert_string_equal(small, "[3050");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantity_table), cmocka_unit_test(test_quantity_spans),
        cmocka_unit_test(test_quantity_length), cmocka_unit_test(test_quantity_set_qual),
        cmocka_unit_test(test_qual_parse),     cmocka_unit_test(test_qual_words),
        cmocka_unit_test(test_unit_lookup),    cmocka_unit_test(test_rat_ops),
        cmocka_unit_test(test_rat_make),       cmocka_unit_test(test_rat_cmp),
        cmocka_unit_test(test_rat_format),     cmocka_unit_test(test_interval_empty),
        cmocka_unit_test(test_interval_ops),   cmocka_unit_test(test_interval_claims),
        cmocka_unit_test(test_interval_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
