/* Exact rationals and intervals of the value layer. Claims compare figures
 * such as 3.35万亿 and 33,501.36亿 that doubles would blur, so every operation
 * works in 128 bits and refuses a result that does not fit back into 64. */
#include "value/value.h"

#include <stdio.h>
#include <string.h>

typedef __int128 i128;
typedef unsigned __int128 u128;

static u128 gcd(u128 a, u128 b)
{
    while (b) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Products of two 64-bit values fit in 127 bits and so do sums of two such
 * products, so callers form num and den in i128 and reduce here. */
static bool reduce(i128 num, i128 den, cl_rat *out)
{
    if (den == 0)
        return false;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    u128 g = gcd(num < 0 ? (u128)-num : (u128)num, (u128)den);
    if (g > 1) {
        num /= (i128)g;
        den /= (i128)g;
    }
    if (num < INT64_MIN || num > INT64_MAX || den > INT64_MAX)
        return false;
    out->num = (int64_t)num;
    out->den = (int64_t)den;
    return true;
}

cl_rat cl_rat_int(int64_t v)
{
    cl_rat r = {v, 1};
    return r;
}

bool cl_rat_make(int64_t num, int64_t den, cl_rat *out)
{
    return reduce(num, den, out);
}

bool cl_rat_add(cl_rat a, cl_rat b, cl_rat *out)
{
    return reduce((i128)a.num * b.den + (i128)b.num * a.den, (i128)a.den * b.den, out);
}

bool cl_rat_sub(cl_rat a, cl_rat b, cl_rat *out)
{
    return reduce((i128)a.num * b.den - (i128)b.num * a.den, (i128)a.den * b.den, out);
}

bool cl_rat_mul(cl_rat a, cl_rat b, cl_rat *out)
{
    return reduce((i128)a.num * b.num, (i128)a.den * b.den, out);
}

bool cl_rat_div(cl_rat a, cl_rat b, cl_rat *out)
{
    return reduce((i128)a.num * b.den, (i128)a.den * b.num, out);
}

int cl_rat_cmp(cl_rat a, cl_rat b)
{
    i128 l = (i128)a.num * b.den, r = (i128)b.num * a.den;
    return l < r ? -1 : l > r;
}

double cl_rat_to_double(cl_rat a)
{
    return (double)a.num / (double)a.den;
}

/* Decimal digits of v (at least one) appended at out; returns the count. */
static int put_digits(u128 v, char *out)
{
    char tmp[48];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    for (int i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    return k;
}

#define EXACT_FRACTION_DIGITS 12
#define MAX_SIG 30

size_t cl_rat_format(cl_rat a, int sig, char *buf, size_t size)
{
    if (a.den <= 0)
        return (size_t)snprintf(buf, size, "nan");
    /* digits[] holds the integer digits followed by the fractional ones;
     * the decimal point sits after `int_len` of them. */
    char digits[128];
    bool neg = a.num < 0;
    u128 num = neg ? (u128)(-(i128)a.num) : (u128)a.num, den = (u128)a.den;
    u128 ip = num / den, rem = num % den;
    int int_len = put_digits(ip, digits), len = int_len;

    u128 rest = den;
    int twos = 0, fives = 0;
    while (rest % 2 == 0) {
        rest /= 2;
        twos++;
    }
    while (rest % 5 == 0) {
        rest /= 5;
        fives++;
    }
    int exact_digits = twos > fives ? twos : fives;
    if (rest == 1 && exact_digits <= EXACT_FRACTION_DIGITS) {
        for (int i = 0; i < exact_digits; i++) {
            rem *= 10;
            digits[len++] = (char)('0' + (int)(rem / den));
            rem %= den;
        }
    } else {
        if (sig < 1)
            sig = 1;
        if (sig > MAX_SIG)
            sig = MAX_SIG;
        /* Digits to keep: sig significant ones, counted from the first
         * non-zero digit (fractional leading zeros do not count). */
        int keep;
        if (ip != 0) {
            keep = sig;
            while (len < sig) {
                rem *= 10;
                digits[len++] = (char)('0' + (int)(rem / den));
                rem %= den;
            }
        } else {
            int zeros = 0;
            u128 r = rem;
            while (r * 10 < den) { /* rem > 0 here: den has factors other than 2 and 5 */
                r *= 10;
                zeros++;
            }
            keep = int_len + zeros + sig;
            while (len < keep) {
                rem *= 10;
                digits[len++] = (char)('0' + (int)(rem / den));
                rem %= den;
            }
        }
        /* Round half up on what follows the kept digits. */
        bool up;
        if (keep < len)
            up = digits[keep] >= '5';
        else
            up = rem * 2 >= den;
        if (keep < int_len) {
            for (int i = keep; i < int_len; i++)
                digits[i] = '0';
            len = int_len;
        } else {
            len = keep;
        }
        if (up) {
            int i = (keep < int_len ? keep : len) - 1;
            while (i >= 0 && digits[i] == '9')
                digits[i--] = '0';
            if (i >= 0) {
                digits[i]++;
            } else {
                memmove(digits + 1, digits, (size_t)len);
                digits[0] = '1';
                len++;
                int_len++;
            }
        }
        while (len > int_len && digits[len - 1] == '0')
            len--;
    }
    char text[140];
    size_t t = 0;
    bool all_zero = true;
    for (int i = 0; i < len; i++)
        all_zero &= digits[i] == '0';
    if (neg && !all_zero)
        text[t++] = '-';
    memcpy(text + t, digits, (size_t)int_len);
    t += (size_t)int_len;
    if (len > int_len) {
        text[t++] = '.';
        memcpy(text + t, digits + int_len, (size_t)(len - int_len));
        t += (size_t)(len - int_len);
    }
    text[t] = '\0';
    return (size_t)snprintf(buf, size, "%s", text);
}

/* ---- Intervals ----------------------------------------------------------*/

cl_interval cl_interval_point(cl_rat v)
{
    cl_interval r = {v, v, CL_BOUND_CLOSED, CL_BOUND_CLOSED};
    return r;
}

cl_interval cl_interval_all(void)
{
    cl_interval r = {{0, 1}, {0, 1}, CL_BOUND_INF, CL_BOUND_INF};
    return r;
}

bool cl_interval_is_empty(const cl_interval *a)
{
    if (a->lo_kind == CL_BOUND_INF || a->hi_kind == CL_BOUND_INF)
        return false;
    int c = cl_rat_cmp(a->lo, a->hi);
    return c > 0 || (c == 0 && (a->lo_kind == CL_BOUND_OPEN || a->hi_kind == CL_BOUND_OPEN));
}

bool cl_interval_intersect(const cl_interval *a, const cl_interval *b, cl_interval *out)
{
    cl_interval r;
    if (a->lo_kind == CL_BOUND_INF || b->lo_kind == CL_BOUND_INF) {
        const cl_interval *f = a->lo_kind == CL_BOUND_INF ? b : a;
        r.lo = f->lo;
        r.lo_kind = f->lo_kind;
    } else {
        int c = cl_rat_cmp(a->lo, b->lo);
        r.lo = c >= 0 ? a->lo : b->lo;
        r.lo_kind = c > 0 ? a->lo_kind : c < 0 ? b->lo_kind
                  : (a->lo_kind == CL_BOUND_OPEN || b->lo_kind == CL_BOUND_OPEN) ? CL_BOUND_OPEN
                                                                                 : CL_BOUND_CLOSED;
    }
    if (a->hi_kind == CL_BOUND_INF || b->hi_kind == CL_BOUND_INF) {
        const cl_interval *f = a->hi_kind == CL_BOUND_INF ? b : a;
        r.hi = f->hi;
        r.hi_kind = f->hi_kind;
    } else {
        int c = cl_rat_cmp(a->hi, b->hi);
        r.hi = c <= 0 ? a->hi : b->hi;
        r.hi_kind = c < 0 ? a->hi_kind : c > 0 ? b->hi_kind
                  : (a->hi_kind == CL_BOUND_OPEN || b->hi_kind == CL_BOUND_OPEN) ? CL_BOUND_OPEN
                                                                                 : CL_BOUND_CLOSED;
    }
    *out = r;
    return !cl_interval_is_empty(&r);
}

bool cl_interval_overlaps(const cl_interval *a, const cl_interval *b)
{
    cl_interval r;
    return cl_interval_intersect(a, b, &r);
}

static bool is_zero(cl_rat v)
{
    return v.num == 0;
}

/* A bound of a product or quotient is attained when both operand bounds
 * are, or when one operand attains 0 (then the result is 0 whatever the
 * other is). */
static unsigned char bound_kind(cl_rat x, unsigned char xk, cl_rat y, unsigned char yk)
{
    if ((xk == CL_BOUND_CLOSED && yk == CL_BOUND_CLOSED) || (xk == CL_BOUND_CLOSED && is_zero(x)))
        return CL_BOUND_CLOSED;
    if (yk == CL_BOUND_CLOSED && is_zero(y))
        return CL_BOUND_CLOSED;
    return CL_BOUND_OPEN;
}

static bool non_negative(const cl_interval *a)
{
    return a->lo_kind != CL_BOUND_INF && a->lo.num >= 0 && a->lo.den > 0 && !cl_interval_is_empty(a);
}

bool cl_interval_mul(const cl_interval *a, const cl_interval *b, cl_interval *out)
{
    if (!non_negative(a) || !non_negative(b))
        return false;
    cl_interval r;
    if (!cl_rat_mul(a->lo, b->lo, &r.lo))
        return false;
    r.lo_kind = bound_kind(a->lo, a->lo_kind, b->lo, b->lo_kind);
    bool a_inf = a->hi_kind == CL_BOUND_INF, b_inf = b->hi_kind == CL_BOUND_INF;
    if (a_inf || b_inf) {
        /* [0, 0] times anything is 0; otherwise the product is unbounded. */
        const cl_interval *other = a_inf ? b : a;
        if (!(a_inf && b_inf) && is_zero(other->hi)) {
            r.hi = other->hi;
            r.hi_kind = CL_BOUND_CLOSED;
        } else {
            r.hi = cl_rat_int(0);
            r.hi_kind = CL_BOUND_INF;
        }
    } else {
        if (!cl_rat_mul(a->hi, b->hi, &r.hi))
            return false;
        r.hi_kind = bound_kind(a->hi, a->hi_kind, b->hi, b->hi_kind);
    }
    *out = r;
    return true;
}

bool cl_interval_div(const cl_interval *a, const cl_interval *b, cl_interval *out)
{
    if (!non_negative(a) || !non_negative(b))
        return false;
    if (is_zero(b->lo) && b->lo_kind == CL_BOUND_CLOSED)
        return false;
    cl_interval r;
    if (b->hi_kind == CL_BOUND_INF) {
        r.lo = cl_rat_int(0);
        r.lo_kind = (is_zero(a->lo) && a->lo_kind == CL_BOUND_CLOSED) ? CL_BOUND_CLOSED : CL_BOUND_OPEN;
    } else {
        if (!cl_rat_div(a->lo, b->hi, &r.lo))
            return false;
        r.lo_kind = bound_kind(a->lo, a->lo_kind, b->hi, b->hi_kind);
    }
    if (a->hi_kind == CL_BOUND_INF) {
        r.hi = cl_rat_int(0);
        r.hi_kind = CL_BOUND_INF;
    } else if (is_zero(b->lo)) {
        /* b approaches 0 from above: unbounded unless a is exactly [0, 0]. */
        r.hi = cl_rat_int(0);
        r.hi_kind = is_zero(a->hi) ? CL_BOUND_CLOSED : CL_BOUND_INF;
    } else {
        if (!cl_rat_div(a->hi, b->lo, &r.hi))
            return false;
        /* Division by a bound: only a's zero makes the bound attained alone. */
        r.hi_kind = (a->hi_kind == CL_BOUND_CLOSED && b->lo_kind == CL_BOUND_CLOSED) ||
                            (a->hi_kind == CL_BOUND_CLOSED && is_zero(a->hi))
                        ? CL_BOUND_CLOSED
                        : CL_BOUND_OPEN;
    }
    *out = r;
    return true;
}

#define INTERVAL_SIG 12

size_t cl_interval_format(const cl_interval *a, char *buf, size_t size)
{
    char lo[64], hi[64];
    if (a->lo_kind == CL_BOUND_INF)
        snprintf(lo, sizeof lo, "-inf");
    else
        cl_rat_format(a->lo, INTERVAL_SIG, lo, sizeof lo);
    if (a->hi_kind == CL_BOUND_INF)
        snprintf(hi, sizeof hi, "inf");
    else
        cl_rat_format(a->hi, INTERVAL_SIG, hi, sizeof hi);
    return (size_t)snprintf(buf, size, "%c%s, %s%c", a->lo_kind == CL_BOUND_CLOSED ? '[' : '(', lo, hi,
                            a->hi_kind == CL_BOUND_CLOSED ? ']' : ')');
}
