/* Value layer: exact rationals, intervals, quantities (numbers with
 * qualifiers, scales and units, in Arabic, Chinese and English forms) and
 * dates resolved to day ranges. Depends only on base. The parsers read
 * *normalised* text (see text/normalize.h): ASCII digits, Simplified
 * characters, no spaces between digits and CJK; they also accept the
 * Traditional and full-width forms directly, so they work on raw input too. */
#ifndef CL_VALUE_H
#define CL_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Rationals ----------------------------------------------------------
 * Exact arithmetic: num/den with den > 0 and gcd(num, den) == 1. Operations
 * work in 128 bits and return false when the reduced result does not fit in
 * 64 bits, so callers can skip a comparison rather than compare garbage. */
typedef struct cl_rat {
    int64_t num;
    int64_t den;
} cl_rat;

cl_rat cl_rat_int(int64_t v);
bool cl_rat_make(int64_t num, int64_t den, cl_rat *out); /* false if den == 0 or overflow */
bool cl_rat_add(cl_rat a, cl_rat b, cl_rat *out);
bool cl_rat_sub(cl_rat a, cl_rat b, cl_rat *out);
bool cl_rat_mul(cl_rat a, cl_rat b, cl_rat *out);
bool cl_rat_div(cl_rat a, cl_rat b, cl_rat *out); /* false if b == 0 */
int cl_rat_cmp(cl_rat a, cl_rat b);               /* -1, 0, 1; exact */
double cl_rat_to_double(cl_rat a);
/* Decimal text: exact when the expansion terminates within 12 fractional
 * digits, otherwise rounded to `sig` significant digits (at least 1).
 * Never uses exponent notation. Returns the length written (as snprintf). */
size_t cl_rat_format(cl_rat a, int sig, char *buf, size_t size);

/* ---- Intervals ----------------------------------------------------------
 * A set of values between two bounds, each closed, open or absent (infinite). */
typedef enum cl_bound { CL_BOUND_CLOSED = 0, CL_BOUND_OPEN = 1, CL_BOUND_INF = 2 } cl_bound;

typedef struct cl_interval {
    cl_rat lo, hi;
    unsigned char lo_kind, hi_kind; /* cl_bound */
} cl_interval;

cl_interval cl_interval_point(cl_rat v);
cl_interval cl_interval_all(void);
bool cl_interval_is_empty(const cl_interval *a);
bool cl_interval_overlaps(const cl_interval *a, const cl_interval *b);
/* Intersection; returns false when empty. */
bool cl_interval_intersect(const cl_interval *a, const cl_interval *b, cl_interval *out);
/* Arithmetic on intervals of non-negative values (counts, money, shares).
 * Return false on overflow or when an operand may be negative or (for div) zero. */
bool cl_interval_mul(const cl_interval *a, const cl_interval *b, cl_interval *out);
bool cl_interval_div(const cl_interval *a, const cl_interval *b, cl_interval *out);
/* "[3.05e8, 3.15e8)"-style text with plain decimals, for debugging and --claims. */
size_t cl_interval_format(const cl_interval *a, char *buf, size_t size);

/* ---- Quantities ---------------------------------------------------------*/

/* What a qualifier word does to the stated value x. */
typedef enum cl_qual {
    CL_QUAL_NONE = 0,  /* precision of the digits sets the interval */
    CL_QUAL_EXACT,     /* 仅 只 仅为 only just: as NONE, stated as exact */
    CL_QUAL_APPROX,    /* 约 大约 左右 上下 约合 about around roughly approximately: x ± 10% */
    CL_QUAL_OVER,      /* 超 超过 逾 more than over above exceeding: (x, inf) */
    CL_QUAL_AT_LEAST,  /* 以上 多 余 突破 至少 不少于 at least: [x, inf) */
    CL_QUAL_UNDER,     /* 不足 不到 少于 低于 under less than fewer than below: [0, x) */
    CL_QUAL_AT_MOST,   /* 以下 以内 至多 最多 不超过 at most up to: [0, x] */
    CL_QUAL_NEARLY     /* 近 接近 将近 逼近 nearly almost close to: [x - 10%, x] */
} cl_qual;

/* Tolerances, as fractions of x: documented in docs/values.md. */
#define CL_APPROX_TOLERANCE_PCT 10
#define CL_NEARLY_TOLERANCE_PCT 10

/* Canonical unit ids (dimensions). Scales (万, 亿, million, %) are applied to
 * the value, so a unit is only the dimension; values in different units never
 * compare. */
#define CL_UNIT_NONE  ""      /* a bare number */
#define CL_UNIT_COUNT "count" /* 项 項 款 家 例 个 名 人 位 种 起 所 ... */
#define CL_UNIT_RATIO "ratio" /* percentages and fractions, stored as fractions (22% -> 11/50) */
/* money: "CNY" (元 人民币 yuan RMB ¥), "USD" (美元 US$ $ dollars), "EUR" (欧元 € euros),
 * "JPY" (日元 yen), "GBP" (英镑 £ pounds), "HKD" (港元 港币) */

/* Returns the canonical (static) id for a unit name as written in a rule or
 * reference file ("count", "CNY", "yuan", "元", "percent", "%", "ratio", ...),
 * or NULL when unknown. */
const char *cl_unit_lookup(const char *name);

enum {
    CL_QTY_PERCENT = 1 << 0,  /* written as a percentage (22%, 百分之二十二, per cent) */
    CL_QTY_FRACTION = 1 << 1, /* written as a fraction or ratio (1/70, 五分之一, one in five) */
    CL_QTY_CJK = 1 << 2,      /* written (partly) with Chinese numerals */
    CL_QTY_RANGE = 1 << 3     /* written as a range (77-80 billion, 77–80亿) */
};

typedef struct cl_quantity {
    cl_rat value;       /* the stated number in base units (yuan, items, a fraction for ratios); for a range, its midpoint */
    cl_interval range;  /* the values the words allow, qualifier and precision applied */
    cl_interval precision; /* the interval from the digits alone (before the qualifier) */
    cl_qual qual;
    const char *unit;   /* static canonical id (see above); CL_UNIT_NONE when none stated */
    unsigned flags;     /* CL_QTY_* */
    size_t num_start, num_end; /* byte span of the number (qualifier words excluded) in the parsed text */
} cl_quantity;

/* Parse the whole of s[0..n) (leading/trailing ASCII spaces ignored) as one
 * quantity: [qualifier] number [scale] [unit] [qualifier]. Returns false when
 * the text is not exactly one quantity: phone numbers, times, version numbers,
 * ordinals (第3期), labels (2号馆), durations (24小时), years with 年, and so on. */
bool cl_quantity_parse(const char *s, size_t n, cl_quantity *out);

/* Parse a qualifier word on its own (约, 近, more than, ...). */
bool cl_qual_parse(const char *s, size_t n, cl_qual *out);
/* Recompute q->range from q->precision and a new qualifier. */
void cl_quantity_set_qual(cl_quantity *q, cl_qual qual);
/* English wording of a qualifier ("more than", "about", "nearly", ...); "" for NONE. */
const char *cl_qual_words(cl_qual qual);

/* ---- Dates --------------------------------------------------------------
 * A date is a range of days, inclusive, counted from 1970-01-01 (day 0). */
typedef enum cl_date_prec {
    CL_DATE_DAY = 0,
    CL_DATE_MONTH,
    CL_DATE_QUARTER,
    CL_DATE_HALF,
    CL_DATE_YEAR,
    CL_DATE_SPAN /* several years (十四五 = 2021..2025) or an explicit range */
} cl_date_prec;

typedef struct cl_date {
    int32_t lo, hi; /* inclusive day numbers */
    unsigned char prec; /* cl_date_prec */
} cl_date;

int32_t cl_days_from_civil(int y, int m, int d);
void cl_civil_from_days(int32_t days, int *y, int *m, int *d);

/* Parse the whole of s[0..n) as a date. Accepts as-of prefixes (截至 截止 到 至
 * as of by until at the end of) and returns the date itself. `context` (may be
 * NULL) supplies the year for forms without one (10月, 上半年). Returns false
 * when the text is not a date. */
bool cl_date_parse(const char *s, size_t n, const cl_date *context, cl_date *out);
/* "2024", "2024-10", "2024-10-31", "2024-Q1", "2024-H2", "2021..2025" or
 * "2024-10-01..2024-12-31". Returns the length written (as snprintf). */
size_t cl_date_format(const cl_date *d, char *buf, size_t size);
/* True when the two ranges share at least one day. */
bool cl_date_overlaps(const cl_date *a, const cl_date *b);

#endif
