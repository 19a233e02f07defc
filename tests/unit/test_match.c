/* Unit tests for matching (src/match): claims extracted from normalised
 * text by small rule sets -- anchors per check kind, deduplication of
 * overlapping matches of one rule, captures that do not parse, the claim's
 * date (captured, the document's, none), qualifier captures, sorting, empty
 * matches and resource limits. Spans are compared as the text they cover,
 * written out by hand. */
#include "unit.h"

#include "match/match.h"

/* ---- Fixture: rules and reference from YAML, a text, the claims ---------------- */

static const char REF[] =
    "facts:\n"
    "  - {key: q, label: Q, unit: count, value: 5, confidence: high, sources: [S]}\n"
    "  - {key: ev, label: E, date: 2023-05-10, confidence: high, sources: [S]}\n"
    "  - {key: nm, label: N, accepted: [山中伸弥], confidence: high, sources: [S]}\n";

typedef struct fixture {
    cl_ruleset *rs;
    cl_reftable *ref;
    cl_text text;
    cl_claims claims;
    cl_limit_hit *hits;
    size_t n_hits;
} fixture;

/* Loads the rules, normalises doc and extracts its claims. doc_date may be NULL. */
static void run(fixture *x, const char *rules, const char *doc, const char *doc_date)
{
    memset(x, 0, sizeof *x);
    x->rs = cl_ruleset_new(unit_fold);
    x->ref = cl_reftable_new(unit_fold);
    unit_load_pack(x->rs, x->ref, "ref.yaml", REF, rules);
    assert_true(cl_text_normalize(&x->text, doc, strlen(doc), unit_fold));
    cl_date dd;
    if (doc_date)
        assert_true(cl_date_parse(doc_date, strlen(doc_date), NULL, &dd));
    cl_matcher *m = cl_matcher_new(cl_ruleset_max_groups(x->rs));
    assert_non_null(m);
    cl_prefilter *pf = cl_prefilter_new(x->rs);
    cl_matcher_run(m, x->rs, pf, &x->text, doc_date ? &dd : NULL, &x->claims, &x->hits, &x->n_hits);
    cl_prefilter_free(pf);
    cl_matcher_free(m);
}

static void done(fixture *x)
{
    cl_claims_free(&x->claims);
    free(x->hits);
    cl_text_free(&x->text);
    cl_ruleset_free(x->rs);
    cl_reftable_free(x->ref);
}

/* The normalised text a span covers, in a static buffer. */
static const char *span(const fixture *x, cl_span s)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%.*s", (int)(s.end - s.start), x->text.norm + s.start);
    return buf[k];
}

static const char *fmt_iv(const cl_interval *iv)
{
    static char buf[96];
    cl_interval_format(iv, buf, sizeof buf);
    return buf;
}

static const char *fmt_date(const cl_date *d)
{
    static char buf[64];
    cl_date_format(d, buf, sizeof buf);
    return buf;
}

/* Compares the claims with "rule-id anchor-text" lines. */
static void expect_claims(const fixture *x, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    bool same = x->claims.len == n;
    for (size_t i = 0; same && i < n; i++) {
        char got[300];
        snprintf(got, sizeof got, "%s %s", x->claims.items[i].rule->id, span(x, x->claims.items[i].anchor));
        same = strcmp(got, want[i]) == 0;
    }
    if (!same) {
        fprintf(stderr, "got %zu claim(s):\n", x->claims.len);
        for (size_t i = 0; i < x->claims.len; i++)
            fprintf(stderr, "  %s %s\n", x->claims.items[i].rule->id, span(x, x->claims.items[i].anchor));
        fprintf(stderr, "want %zu:\n", n);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  %s\n", want[i]);
    }
    assert_true(same);
}

/* ---- Anchors per check kind ------------------------------------------------------------- */

static const char ALL_KINDS[] =
    "rules:\n"
    "  - {id: k-value, fact: q, patterns: '共(?<value>\\d+项)'}\n"
    "  - {id: k-date, fact: ev, check: date, patterns: '(?<body>国务院)于(?<date>\\d{4}年\\d+月\\d+日)发布'}\n"
    "  - {id: k-name, fact: nm, check: name, patterns: '(?<name>山中..)教授'}\n"
    "  - {id: k-ratio, fact: q, check: ratio, patterns: '(?<part>\\d+)/(?<whole>\\d+)即(?<ratio>\\d+%)'}\n"
    "  - {id: k-product, fact: q, check: product, patterns: '(?<a>\\d+)×(?<b>\\d+)=(?<total>\\d+)'}\n"
    "  - {id: k-share, fact: q, check: share, of: q, patterns: '(?<part>\\d+)家，占(?<ratio>\\d+%)'}\n"
    "  - {id: k-fixed, fact: q, value: 0, patterns: '尚无药物获批'}\n";

static void test_anchor_per_kind(void **state)
{
    (void)state;
    fixture x;
    /* Traditional and spaced input: rules see the normalised text */
    run(&x, ALL_KINDS,
        "共148項。國務院於2023年5月10日发布。山中伸彌教授。3/4即75%。2×3=6。30家，占20%。尚无药物获批。", NULL);
    expect_claims(&x, (const char *[]){"k-value 148项", "k-date 2023年5月10日", "k-name 山中伸弥", "k-ratio 75%",
                                       "k-product 6", "k-share 20%", "k-fixed 尚无药物获批", NULL});
    const cl_claim *c = &x.claims.items[0];
    assert_int_equal(c->anchor.start, 3); /* after 共 */
    assert_int_equal(c->anchor.end, 9); /* 148 and 项: 3 + 3 bytes */
    assert_string_equal(span(&x, c->match), "共148项");
    assert_int_equal(c->have, 1u << CL_CAP_VALUE);
    assert_string_equal(fmt_iv(&c->qty[CL_CAP_VALUE].range), "[147.5, 148.5)");
    assert_string_equal(c->qty[CL_CAP_VALUE].unit, "count");
    assert_ptr_equal(c->pattern, &c->rule->patterns[0]);

    c = &x.claims.items[1]; /* date: the date capture, the body beside it */
    assert_int_equal(c->have, (1u << CL_CAP_DATE) | (1u << CL_CAP_BODY));
    assert_string_equal(span(&x, c->caps[CL_CAP_BODY]), "国务院");
    assert_string_equal(fmt_date(&c->date), "2023-05-10");
    assert_int_equal(c->date_origin, CL_DATE_TEXT);

    c = &x.claims.items[3]; /* ratio: every quantity parsed */
    assert_string_equal(fmt_iv(&c->qty[CL_CAP_PART].range), "[2.5, 3.5)");
    assert_string_equal(fmt_iv(&c->qty[CL_CAP_WHOLE].range), "[3.5, 4.5)");
    assert_string_equal(fmt_iv(&c->qty[CL_CAP_RATIO].range), "[0.745, 0.755)");
    assert_string_equal(c->qty[CL_CAP_RATIO].unit, "ratio");

    c = &x.claims.items[4];
    assert_int_equal(c->have, (1u << CL_CAP_A) | (1u << CL_CAP_B) | (1u << CL_CAP_TOTAL));
    assert_string_equal(span(&x, c->caps[CL_CAP_A]), "2");

    c = &x.claims.items[6]; /* a fixed value: the whole match stands for it */
    assert_true(c->have & (1u << CL_CAP_VALUE));
    assert_string_equal(span(&x, c->caps[CL_CAP_VALUE]), "尚无药物获批");
    assert_string_equal(fmt_iv(&c->qty[CL_CAP_VALUE].range), "[0, 0.5)");
    assert_int_equal(c->date_origin, CL_DATE_NONE);
    done(&x);

    assert_true(cl_cap_is_quantity(CL_CAP_VALUE));
    assert_true(cl_cap_is_quantity(CL_CAP_TOTAL));
    assert_false(cl_cap_is_quantity(CL_CAP_DATE));
    assert_false(cl_cap_is_quantity(CL_CAP_QUAL));
    assert_false(cl_cap_is_quantity(CL_CAP_NAME));
}

/* An anchor capture that is empty falls back to the whole match; a fixed
 * value without its capture is anchored at the match. */
static void test_anchor_fallback(void **state)
{
    (void)state;
    fixture x;
    run(&x,
        "rules:\n"
        "  - {id: n, fact: nm, check: name, patterns: '(?<name>山中..|)教授'}\n"
        "  - {id: s, fact: q, value: 0, patterns: '(?:零|(?<value>\\d+))个'}\n",
        "教授。零个。3个", NULL);
    expect_claims(&x, (const char *[]){"n 教授", "s 零个", "s 3", NULL});
    const cl_claim *c = &x.claims.items[0];
    assert_true(c->have & (1u << CL_CAP_NAME)); /* set, but empty */
    assert_int_equal(c->caps[CL_CAP_NAME].start, c->caps[CL_CAP_NAME].end);
    assert_string_equal(span(&x, x.claims.items[1].caps[CL_CAP_VALUE]), "零个");
    assert_string_equal(fmt_iv(&x.claims.items[2].qty[CL_CAP_VALUE].range), "[2.5, 3.5)");
    done(&x);
}

/* ---- Deduplication, parsing, dates, qualifiers ---------------------------------------------- */

static void test_overlaps_deduplicated(void **state)
{
    (void)state;
    fixture x;
    run(&x,
        "rules:\n"
        "  - id: a\n"
        "    fact: q\n"
        "    patterns: ['共(?<value>\\d+项)', '(?<value>\\d+项)获批', '(?<value>\\d+)项获批']\n"
        "  - {id: b, fact: q, patterns: '(?<value>\\d+项)获批'}\n",
        "共5项获批，另有7项获批", NULL);
    /* one claim per anchor and rule: a's three patterns agree on 5项 (and
     * '5' overlaps it); b has its own claims; sorted by position, then id */
    expect_claims(&x, (const char *[]){"a 5项", "b 5项", "a 7项", "b 7项", NULL});
    done(&x);
}

static void test_unparsable_captures_dropped(void **state)
{
    (void)state;
    fixture x;
    run(&x,
        "rules:\n"
        "  - {id: phone, fact: q, patterns: '(?:电话|共)(?<value>[\\d-]+)'}\n"
        "  - {id: dated, fact: q, patterns: '(?<date>\\d{4}-\\d\\d)有(?<value>\\d+)家'}\n",
        "电话400-622-0089，共120。2024-13有5家，2024-12有6家。", NULL);
    /* a phone number is no quantity; 2024-13 is no date */
    expect_claims(&x, (const char *[]){"phone 120", "dated 6", NULL});
    assert_string_equal(fmt_date(&x.claims.items[1].date), "2024-12");
    done(&x);
}

static const char DATED[] = "rules:\n"
                            "  - {id: r, fact: q, patterns: '(?:截至(?<date>[^，]+)，)?共(?<value>\\d+)家'}\n";

/* A match through an alternative that leaves a capture its check needs unset
 * is no claim: a value rule without its value, a product without b, a date
 * check with neither date nor body. A date check with the body alone is. */
static void test_missing_needed_capture_dropped(void **state)
{
    (void)state;
    fixture x;
    run(&x,
        "rules:\n"
        "  - {id: v, fact: q, patterns: '数字(?<value>\\d+)|没有数字'}\n"
        "  - {id: p, fact: q, check: product, patterns: '(?<a>\\d+)×(?:(?<b>\\d+)|几)=(?<total>\\d+)'}\n"
        "  - {id: d, fact: ev, check: date, patterns: '(?:(?<body>国务院)|(?<date>\\d{4}年)|有人)发布'}\n",
        "没有数字，数字2。2×几=6，2×3=6。有人发布，国务院发布，2023年发布。", NULL);
    expect_claims(&x, (const char *[]){"v 2", "p 6", "d 国务院发布", "d 2023年", NULL});
    done(&x);
}

static void test_claim_dates(void **state)
{
    (void)state;
    fixture x;
    const char *doc = "截至2024年10月，共5家。共6家。截至10月，共7家。";
    run(&x, DATED, doc, "2025-03-28");
    expect_claims(&x, (const char *[]){"r 5", "r 6", "r 7", NULL});
    assert_int_equal(x.claims.items[0].date_origin, CL_DATE_TEXT);
    assert_string_equal(fmt_date(&x.claims.items[0].date), "2024-10");
    assert_int_equal(x.claims.items[1].date_origin, CL_DATE_DOCUMENT);
    assert_string_equal(fmt_date(&x.claims.items[1].date), "2025-03-28");
    /* a date without a year takes the document's */
    assert_int_equal(x.claims.items[2].date_origin, CL_DATE_TEXT);
    assert_string_equal(fmt_date(&x.claims.items[2].date), "2025-10");
    done(&x);

    /* Without a document date: no date, and 10月 cannot be placed, so that
     * claim is undated too, marked as having a relative date (so that
     * --verbose can say why it is not checked), not dropped. */
    run(&x, DATED, doc, NULL);
    expect_claims(&x, (const char *[]){"r 5", "r 6", "r 7", NULL});
    assert_int_equal(x.claims.items[0].date_origin, CL_DATE_TEXT);
    assert_false(x.claims.items[0].date_relative);
    assert_int_equal(x.claims.items[1].date_origin, CL_DATE_NONE);
    assert_false(x.claims.items[1].date_relative);
    assert_int_equal(x.claims.items[2].date_origin, CL_DATE_NONE);
    assert_true(x.claims.items[2].date_relative);
    done(&x);

    /* A date that is no date even with a context (2024年13月) still makes
     * the match no claim. */
    run(&x, DATED, "截至2024年13月，共8家。截至13月，共9家。", NULL);
    expect_claims(&x, (const char *[]){NULL});
    done(&x);
}

static void test_qualifier_capture(void **state)
{
    (void)state;
    fixture x;
    run(&x,
        "rules:\n"
        "  - {id: r, fact: q, patterns: '(?<qual>不足|大|)(?<value>\\d+)个'}\n"
        "  - {id: d, fact: ev, check: date, patterns: '(?<qual>约)(?<date>\\d{4}年)发布'}\n"
        "  - {id: t, fact: q, check: ratio, patterns: '(?<part>\\d+)/(?<whole>\\d+)(?<qual>近)(?<ratio>\\d+%)'}\n",
        "不足30个，大40个，50个。约2023年发布。1/3近35%", NULL);
    /* 大 is no qualifier: that match is dropped; an empty qual changes nothing */
    expect_claims(&x, (const char *[]){"r 30", "r 50", "d 2023年", "t 35%", NULL});
    const cl_quantity *q = &x.claims.items[0].qty[CL_CAP_VALUE];
    assert_int_equal(q->qual, CL_QUAL_UNDER);
    assert_string_equal(fmt_iv(&q->range), "[0, 30)");
    q = &x.claims.items[1].qty[CL_CAP_VALUE];
    assert_int_equal(q->qual, CL_QUAL_NONE);
    assert_string_equal(fmt_iv(&q->range), "[49.5, 50.5)");
    /* a date check has no quantity to qualify: the claim stands as it is */
    assert_string_equal(fmt_date(&x.claims.items[2].date), "2023");
    /* a ratio check qualifies the ratio: nearly 35% is [31.5%, 35%] */
    q = &x.claims.items[3].qty[CL_CAP_RATIO];
    assert_int_equal(q->qual, CL_QUAL_NEARLY);
    assert_string_equal(fmt_iv(&q->range), "[0.315, 0.35]");
    done(&x);
}

/* ---- Sorting, empty matches, one rule -------------------------------------------------- */

static void test_claims_sorted(void **state)
{
    (void)state;
    fixture x;
    /* rules in the file in the opposite order of their claims */
    run(&x,
        "rules:\n"
        "  - {id: z-late, fact: q, patterns: '(?<value>\\d+)个'}\n"
        "  - {id: m-mid, fact: q, patterns: '(?<value>\\d+)家'}\n"
        "  - {id: a-early, fact: q, patterns: '(?<value>\\d+)项'}\n"
        "  - {id: b-same, fact: q, patterns: '(?<value>\\d+)项'}\n",
        "1项，2家，3个，4项，5家", NULL);
    expect_claims(&x, (const char *[]){"a-early 1", "b-same 1", "m-mid 2", "z-late 3", "a-early 4", "b-same 4",
                                       "m-mid 5", NULL});
    for (size_t i = 1; i < x.claims.len; i++)
        assert_true(x.claims.items[i - 1].anchor.start <= x.claims.items[i].anchor.start);
    done(&x);
}

static void test_empty_matches_terminate(void **state)
{
    (void)state;
    fixture x;
    /* \d* matches empty at every non-digit: the search must step over whole
     * characters (a start inside 中 would be an invalid UTF-8 offset). */
    run(&x, "rules:\n  - {id: r, fact: q, patterns: '(?<value>\\d*)'}\n", "中1文22字", NULL);
    expect_claims(&x, (const char *[]){"r 1", "r 22", NULL});
    done(&x);
    /* a lookahead: empty matches whose anchor is the value; the second
     * digit's claim overlaps the first and is dropped */
    run(&x, "rules:\n  - {id: r, fact: q, patterns: '(?=(?<value>\\d+))'}\n", "ab12c", NULL);
    expect_claims(&x, (const char *[]){"r 12", NULL});
    assert_int_equal(x.claims.items[0].match.start, x.claims.items[0].match.end);
    done(&x);
    /* an empty document */
    run(&x, "rules:\n  - {id: r, fact: q, patterns: '(?<value>\\d*)'}\n", "", NULL);
    assert_int_equal(x.claims.len, 0);
    assert_int_equal(x.n_hits, 0);
    done(&x);
}

static void test_limit_hit(void **state)
{
    (void)state;
    fixture x;
    /* 40 a's and '!': (a+)+$ backtracks through 2^40 ways to split them */
    run(&x,
        "rules:\n"
        "  - {id: a-slow, fact: q, patterns: ['(?<value>\\d+)个', '(?<value>(a+)+$)']}\n"
        "  - {id: b-next, fact: q, patterns: '(?<value>\\d+)项'}\n",
        "5个，6项，aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", NULL);
    assert_int_equal(x.n_hits, 1);
    const cl_rule *slow = cl_ruleset_find(x.rs, "a-slow");
    assert_ptr_equal(x.hits[0].rule, slow);
    assert_ptr_equal(x.hits[0].pattern, &slow->patterns[1]);
    assert_int_equal(x.hits[0].code, PCRE2_ERROR_MATCHLIMIT);
    assert_int_equal(x.hits[0].offset, 0); /* the search that failed started at 0 */
    /* the slow rule's other pattern and the next rule still ran */
    expect_claims(&x, (const char *[]){"a-slow 5", "b-next 6", NULL});
    done(&x);
}

static void test_run_one_rule(void **state)
{
    (void)state;
    fixture x;
    run(&x,
        "rules:\n"
        "  - {id: r, fact: q, patterns: '(?<value>\\d+)个'}\n"
        "  - {id: s, fact: q, patterns: '(?<value>\\d+)[个项]'}\n",
        "3项，2个", NULL);
    expect_claims(&x, (const char *[]){"s 3", "r 2", "s 2", NULL});
    cl_claims one = {0};
    cl_limit_hit *hits = NULL;
    size_t n_hits = 0;
    cl_matcher *m = cl_matcher_new(cl_ruleset_max_groups(x.rs));
    cl_matcher_run_rule(m, cl_ruleset_find(x.rs, "s"), &x.text, NULL, &one, &hits, &n_hits);
    cl_matcher_free(m);
    assert_int_equal(one.len, 2);
    assert_string_equal(span(&x, one.items[0].anchor), "3");
    assert_string_equal(span(&x, one.items[1].anchor), "2");
    assert_string_equal(one.items[1].rule->id, "s");
    assert_int_equal(n_hits, 0);
    assert_null(hits);
    cl_claims_free(&one);
    assert_null(one.items);
    cl_matcher_free(NULL);
    done(&x);
}

/* BUG: cl_matcher_run_rule sorts with qsort(out->items, 0, ...) when the
 * rule yields no claim, and out->items is then NULL: undefined behaviour
 * (glibc declares qsort's first argument nonnull; UBSan aborts with "null
 * pointer passed as argument 1"). cl_matcher_run guards with len > 1; this
 * path, used by cl_engine_test_rules for every example, does not, so
 * `claimlint --test-rules` and `make asan` abort under UBSan on the first
 * example that does not match. Reproduction: this test in build-asan.
 * Correct: no sort (or a guarded one) when there is nothing to sort. */
static void test_run_one_rule_no_claims(void **state)
{
    (void)state;
    fixture x;
    run(&x, "rules:\n  - {id: r, fact: q, patterns: '(?<value>\\d+)个'}\n", "没有数字", NULL);
    cl_claims none = {0};
    cl_limit_hit *hits = NULL;
    size_t n_hits = 0;
    cl_matcher *m = cl_matcher_new(cl_ruleset_max_groups(x.rs));
    cl_matcher_run_rule(m, cl_ruleset_find(x.rs, "r"), &x.text, NULL, &none, &hits, &n_hits);
    cl_matcher_free(m);
    assert_int_equal(none.len, 0);
    assert_int_equal(n_hits, 0);
    cl_claims_free(&none);
    done(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anchor_per_kind),       cmocka_unit_test(test_anchor_fallback),
        cmocka_unit_test(test_overlaps_deduplicated), cmocka_unit_test(test_unparsable_captures_dropped),
        cmocka_unit_test(test_claim_dates),           cmocka_unit_test(test_qualifier_capture),
        cmocka_unit_test(test_claims_sorted),         cmocka_unit_test(test_empty_matches_terminate),
        cmocka_unit_test(test_limit_hit),             cmocka_unit_test(test_run_one_rule),
        cmocka_unit_test(test_run_one_rule_no_claims),
        cmocka_unit_test(test_missing_needed_capture_dropped),
    };
    return cmocka_run_group_tests(tests, unit_setup_fold, unit_teardown_fold);
}
