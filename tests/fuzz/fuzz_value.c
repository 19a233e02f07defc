/* Fuzz target for the value layer: any bytes go through cl_quantity_parse,
 * cl_qual_parse and cl_date_parse (without and with context dates), and every
 * success must satisfy the invariants the checks rely on. Aborts on a breach. */
#include "value/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "fuzz_value: %s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

#define GUARD 16
#define FILL 0xA5

/* Formats into a buffer of every size up to `room` and checks that nothing is
 * written past the size given and that the reported length is the full one. */
static void check_bounded(size_t (*format)(const void *, char *, size_t), const void *arg)
{
    char full[256 + GUARD];
    memset(full, FILL, sizeof full);
    size_t n = format(arg, full, 256);
    CHECK(n < 256 && strlen(full) == n);
    for (size_t i = 256; i < sizeof full; i++)
        CHECK((unsigned char)full[i] == FILL);
    for (size_t size = 0; size <= n + 1; size++) {
        char buf[256 + GUARD];
        memset(buf, FILL, sizeof buf);
        CHECK(format(arg, buf, size) == n);
        for (size_t i = size; i < sizeof buf; i++)
            CHECK((unsigned char)buf[i] == FILL);
        if (size > 0)
            CHECK(strlen(buf) == (n < size ? n : size - 1) && memcmp(buf, full, strlen(buf)) == 0);
    }
}

static size_t format_interval(const void *a, char *buf, size_t size)
{
    return cl_interval_format(a, buf, size);
}

static size_t format_date(const void *d, char *buf, size_t size)
{
    return cl_date_format(d, buf, size);
}

static int format_sig;
static size_t format_rat(const void *r, char *buf, size_t size)
{
    return cl_rat_format(*(const cl_rat *)r, format_sig, buf, size);
}

static void check_rat(cl_rat r)
{
    CHECK(r.den > 0);
    for (format_sig = 0; format_sig <= 20; format_sig += 5)
        check_bounded(format_rat, &r);
}

/* lo <= v <= hi, allowing for open or missing bounds. */
static bool within(const cl_interval *a, cl_rat v)
{
    return (a->lo_kind == CL_BOUND_INF || cl_rat_cmp(a->lo, v) <= 0) &&
           (a->hi_kind == CL_BOUND_INF || cl_rat_cmp(v, a->hi) <= 0);
}

static void check_quantity(const char *s, size_t n)
{
    cl_quantity q;
    if (!cl_quantity_parse(s, n, &q))
        return;
    CHECK(!cl_interval_is_empty(&q.range));
    CHECK(!cl_interval_is_empty(&q.precision));
    CHECK(q.precision.lo_kind != CL_BOUND_INF && q.precision.hi_kind != CL_BOUND_INF);
    CHECK(q.num_start < q.num_end && q.num_end <= n);
    CHECK((unsigned)q.qual <= CL_QUAL_NEARLY);
    CHECK(q.unit && cl_unit_lookup(q.unit) && strcmp(cl_unit_lookup(q.unit), q.unit) == 0);
    CHECK(q.value.num >= 0 && within(&q.precision, q.value));
    CHECK(q.range.lo_kind == CL_BOUND_INF || q.range.lo.num >= 0);
    CHECK(((q.flags & (CL_QTY_PERCENT | CL_QTY_FRACTION)) != 0) <= (strcmp(q.unit, CL_UNIT_RATIO) == 0));
    /* The span is itself a quantity with the same value and digits; a span
     * that starts with a bare place word (近百项 -> 百项) is one once its
     * implied 一 is written. */
    cl_quantity inner;
    size_t span = q.num_end - q.num_start;
    if (!cl_quantity_parse(s + q.num_start, span, &inner)) {
        char *one = malloc(span + 3);
        CHECK(one != NULL);
        memcpy(one, "\xe4\xb8\x80", 3); /* 一 */
        memcpy(one + 3, s + q.num_start, span);
        CHECK(cl_quantity_parse(one, span + 3, &inner));
        free(one);
    }
    CHECK(cl_rat_cmp(inner.value, q.value) == 0 && strcmp(inner.unit, q.unit) == 0);
    check_rat(q.value);
    check_bounded(format_interval, &q.range);
    check_bounded(format_interval, &q.precision);

    cl_interval product;
    if (cl_interval_mul(&q.range, &q.precision, &product))
        CHECK(!cl_interval_is_empty(&product));
    cl_quantity copy = q;
    cl_quantity_set_qual(&copy, CL_QUAL_NONE);
    CHECK(memcmp(&copy.range, &q.precision, sizeof q.precision) == 0);
    for (int qual = CL_QUAL_NONE; qual <= CL_QUAL_NEARLY; qual++) {
        cl_quantity_set_qual(&copy, (cl_qual)qual);
        CHECK(copy.qual == (cl_qual)qual);
        check_bounded(format_interval, &copy.range);
    }
}

static void check_date(const char *s, size_t n, const cl_date *ctx)
{
    cl_date d, back;
    if (!cl_date_parse(s, n, ctx, &d))
        return;
    CHECK(d.lo <= d.hi && d.prec <= CL_DATE_SPAN);
    CHECK(d.lo >= cl_days_from_civil(1900, 1, 1) && d.hi <= cl_days_from_civil(2100, 12, 31));
    CHECK(cl_date_overlaps(&d, &d));
    check_bounded(format_date, &d);
    char buf[64];
    size_t len = cl_date_format(&d, buf, sizeof buf);
    CHECK(len < sizeof buf);
    CHECK(cl_date_parse(buf, len, NULL, &back));
    CHECK(back.lo == d.lo && back.hi == d.hi && back.prec == d.prec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that reading past n is caught by ASan. */
    char *s = malloc(size ? size : 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    check_quantity(s, size);

    cl_qual qual;
    if (cl_qual_parse(s, size, &qual))
        CHECK((unsigned)qual <= CL_QUAL_NEARLY && cl_qual_words(qual)[0] != '\0');

    static const int CONTEXTS[][3] = {{2024, 10, 15}, {1900, 1, 1}, {2100, 12, 31}, {2024, 2, 29}};
    check_date(s, size, NULL);
    for (size_t i = 0; i < sizeof CONTEXTS / sizeof CONTEXTS[0]; i++) {
        int32_t day = cl_days_from_civil(CONTEXTS[i][0], CONTEXTS[i][1], CONTEXTS[i][2]);
        cl_date ctx = {day, day, CL_DATE_DAY};
        check_date(s, size, &ctx);
    }
    free(s);
    return 0;
}
