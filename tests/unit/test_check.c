/* Unit tests for the checks (src/check): message templates; for each check
 * kind a claim that holds and one that does not, with the exact message,
 * severity (lowered to note for low-confidence facts), position (bytes and
 * characters) and notes; conflicts between claims in one document and across
 * documents; relations with the reference and between claims; and the rule
 * that a claim the reference contradicts is reported once. Every expected
 * diagnostic is written out by hand in GCC form. */
#include "unit.h"

#include "check/check.h"

/* ---- Templates ------------------------------------------------------------------- */

static void test_template_expand(void **state)
{
    (void)state;
    static const char *const vars[] = {"claimed", "逾120项", "date", "2024-10", "a", "1", "b", "{b}", NULL};
    static const struct {
        const char *tmpl, *want;
    } rows[] = {
        {"claimed {claimed} as of {date}", "claimed 逾120项 as of 2024-10"},
        {"{a}{a}{date}", "112024-10"},
        {"截至{date}", "截至2024-10"},
        {"unknown {x} and {claimed}", "unknown {x} and 逾120项"}, /* unknown names stay */
        {"{{a}} is written {a}", "{a} is written 1"},
        {"}} and {{", "} and {"},
        {"{{{a}}}", "{1}"},
        {"{b}", "{b}"}, /* values are not expanded again */
        {"unterminated {a", "unterminated {a"},
        {"{}", "{}"},
        {"lone } brace", "lone } brace"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *got = cl_template_expand(rows[i].tmpl, vars);
        if (strcmp(got, rows[i].want) != 0) {
            fprintf(stderr, "template '%s': '%s', want '%s'\n", rows[i].tmpl, got, rows[i].want);
            free(got);
            fail();
        }
        free(got);
    }
    static const char *const none[] = {NULL};
    char *got = cl_template_expand("{claimed}", none);
    assert_string_equal(got, "{claimed}");
    free(got);
}

/* ---- Diagnostics lists ------------------------------------------------------------- */

static void test_diags_sort(void **state)
{
    (void)state;
    cl_diags d = {0};
    static const struct {
        int line, col;
        const char *rule;
        bool remark;
    } in[] = {{2, 1, "b", false}, {1, 5, "a", false}, {1, 5, "a", true}, {1, 5, NULL, false},
              {1, 2, "z", false}, {2, 1, "a", false}};
    for (size_t i = 0; i < 6; i++) {
        cl_diag *x = cl_diags_push(&d);
        x->line = in[i].line;
        x->column = in[i].col;
        x->rule = in[i].rule ? cl_strdup(in[i].rule) : NULL;
        x->remark = in[i].remark;
        x->message = cl_strfmt("%zu", i);
    }
    cl_diag_add_note(&d.items[0], "f.yaml", 3, 4, "see here");
    cl_diag_add_note(&d.items[0], NULL, 0, 0, "and here");
    cl_diags_sort(&d);
    /* by line, column, findings before remarks, then rule id (none first) */
    static const char *const order[] = {"4", "3", "1", "2", "5", "0"};
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(d.items[i].message, order[i]);
    const cl_diag *x = &d.items[5];
    assert_int_equal(x->n_notes, 2);
    assert_string_equal(x->notes[0].file, "f.yaml");
    assert_int_equal(x->notes[0].line, 3);
    assert_int_equal(x->notes[0].column, 4);
    assert_string_equal(x->notes[0].message, "see here");
    assert_null(x->notes[1].file);
    for (size_t i = 0; i < d.len; i++)
        cl_diag_clear(&d.items[i]);
    assert_null(d.items[0].message);
    assert_int_equal(d.items[5].n_notes, 0);
    free(d.items);
}

/* ---- The fixture ----------------------------------------------------------------- */

static const char REF[] =
    "facts:\n"                                                 /* 1 */
    "  - key: ind.cleared\n"                                   /* 2 */
    "    label: stem-cell INDs cleared\n"                      /* 3 */
    "    unit: count\n"                                        /* 4 */
    "    over_time: cumulative\n"                              /* 5 */
    "    confidence: medium\n"                                 /* 6 */
    "    values:\n"                                            /* 7 */
    "      - value: 106\n"                                     /* 8 */
    "        as_of: 2024-10\n"                                 /* 9 */
    "        source: {title: Yicai Global, date: 2025-01-03}\n" /* 10 */
    "      - value: more than 120\n"                           /* 11 */
    "        as_of: 2025-01\n"                                 /* 12 */
    "        note: said a CDE deputy director\n"               /* 13 */
    "      - value: 160\n"                                     /* 14 */
    "        as_of: 2025-05-31\n"                              /* 15 */
    "    sources:\n"                                           /* 16 */
    "      - title: 前瞻产业研究院\n"                          /* 17 */
    "        date: 2025-01-03\n"                               /* 18 */
    "  - key: ind.accepted\n"                                  /* 19 */
    "    label: stem-cell IND applications accepted\n"         /* 20 */
    "    unit: count\n"                                        /* 21 */
    "    over_time: cumulative\n"                              /* 22 */
    "    confidence: medium\n"                                 /* 23 */
    "    values:\n"                                            /* 24 */
    "      - value: 148\n"                                     /* 25 */
    "        as_of: 2024-10\n"                                 /* 26 */
    "      - value: 200\n"                                     /* 27 */
    "        as_of: 2025-12\n"                                 /* 28 */
    "    sources: [Yicai Global]\n"                            /* 29 */
    "  - key: eu.members\n"                                    /* 30 */
    "    label: EU member states\n"                            /* 31 */
    "    unit: count\n"                                        /* 32 */
    "    over_time: stepwise\n"                                /* 33 */
    "    confidence: low\n"                                    /* 34 */
    "    values:\n"                                            /* 35 */
    "      - value: 28\n"                                      /* 36 */
    "        from: 2013-07-01\n"                               /* 37 */
    "        until: 2020-01-31\n"                              /* 38 */
    "      - value: 27\n"                                      /* 39 */
    "        from: 2020-02-01\n"                               /* 40 */
    "    sources: [Council of the EU]\n"                       /* 41 */
    "  - key: plan.bio\n"                                      /* 42 */
    "    label: 《十四五生物经济发展规划》\n"                  /* 43 */
    "    dates:\n"                                             /* 44 */
    "      issued: 2022-05-10\n"                               /* 45 */
    "    bodies: [国家发展改革委, 国家发改委, NDRC]\n"         /* 46 */
    "    confidence: high\n"                                   /* 47 */
    "    sources: [NDRC release]\n"                            /* 48 */
    "  - key: person.yamanaka\n"                               /* 49 */
    "    label: Shinya Yamanaka\n"                             /* 50 */
    "    accepted: [山中伸弥, 山中伸彌]\n"                     /* 51 */
    "    misspellings: [山中仲弥, 山中仲彌]\n"                 /* 52 */
    "    confidence: high\n"                                   /* 53 */
    "    sources: [Nobel Prize]\n"                             /* 54 */
    "  - key: cn.population\n"                                 /* 55 */
    "    label: population of China\n"                         /* 56 */
    "    unit: count\n"                                        /* 57 */
    "    value: 14.08亿\n"                                     /* 58 */
    "    confidence: high\n"                                   /* 59 */
    "    sources: [NBS]\n"                                     /* 60 */
    "  - key: cn.companies\n"                                  /* 61 */
    "    label: companies\n"                                   /* 62 */
    "    unit: count\n"                                        /* 63 */
    "    over_time: cumulative\n"                              /* 64 */
    "    values: []\n"                                         /* 65 */
    "    confidence: medium\n"                                 /* 66 */
    "    sources: []\n"                                        /* 67 */
    "relations:\n"                                             /* 68 */
    "  - type: at-most\n"                                      /* 69 */
    "    part: ind.cleared\n"                                  /* 70 */
    "    whole: ind.accepted\n";                               /* 71 */

static const char RULES[] =
    "macros:\n"
    "  count: '(?:超过|逾|近|约|不足)?\\d+(?:项|例)?'\n"
    "rules:\n"
    "  - id: ind-cleared\n"
    "    fact: ind.cleared\n"
    "    patterns: '(?:截至(?<date>\\d{4}年\\d{1,2}月)，)?(?<value>${count})已获批'\n"
    "  - id: ind-cleared-money\n"
    "    fact: ind.cleared\n"
    "    patterns: '(?<value>\\d+元)已获批'\n"
    "  - id: ind-accepted\n"
    "    fact: ind.accepted\n"
    "    severity: error\n"
    "    message: 'claimed {claimed} accepted as of {date}; reference: {reference} {{sic}}'\n"
    "    patterns: '(?:截至(?<date>\\d{4}年\\d{1,2}月)，)?(?<value>${count})获受理'\n"
    "  - id: eu-members\n"
    "    fact: eu.members\n"
    "    patterns: '(?:(?<date>\\d{4}年)，)?欧盟有(?<value>\\d+)个成员国'\n"
    "  - id: plan-date\n"
    "    fact: plan.bio\n"
    "    check: date\n"
    "    patterns: '规划》由(?<body>[^，。]+?)于(?<date>\\d{4}年(?:\\d{1,2}月)?(?:\\d{1,2}日)?)印发'\n"
    "  - id: yamanaka\n"
    "    fact: person.yamanaka\n"
    "    check: name\n"
    "    patterns: '(?<name>山中..)教授'\n"
    "  - id: companies\n"
    "    fact: cn.companies\n"
    "    patterns: '(?:截至(?<date>\\d{4}年)，)?共有(?<value>\\d+)家企业'\n"
    "  - id: companies-ratio\n"
    "    fact: cn.companies\n"
    "    check: ratio\n"
    "    patterns: '(?<whole>\\d+)家企业中有(?<part>\\d+)家，占(?<ratio>\\d+%)'\n"
    "  - id: payroll\n"
    "    fact: payroll\n"
    "    check: product\n"
    "    patterns: '每人(?<b>\\d+元)，共(?<a>\\d+)人，合计(?<total>\\d+万元)'\n"
    "  - id: elderly-share\n"
    "    fact: cn.elderly\n"
    "    check: share\n"
    "    of: cn.population\n"
    "    patterns: '65岁以上人口(?<part>[\\d.]+亿)人，占全国人口的(?<ratio>\\d+%)'\n";

typedef struct world {
    cl_ruleset *rs;
    cl_reftable *ref;
    cl_store *store; /* NULL: documents are not compared with each other */
    cl_prefilter *pf;
} world;

/* A world over REF and RULES, or over the given files instead. */
static void world_new_from(world *w, bool cross, const char *ref_path, const char *ref, const char *rules)
{
    w->rs = cl_ruleset_new(unit_fold);
    w->ref = cl_reftable_new(unit_fold);
    unit_load_pack(w->rs, w->ref, ref_path, ref, rules);
    w->store = cross ? cl_store_new(w->ref) : NULL;
    w->pf = cl_prefilter_new(w->rs);
}

static void world_new(world *w, bool cross)
{
    world_new_from(w, cross, "ref.yaml", REF, RULES);
}

static void world_free(world *w)
{
    cl_store_free(w->store);
    cl_prefilter_free(w->pf);
    cl_ruleset_free(w->rs);
    cl_reftable_free(w->ref);
}

/* Checks one document (the next of the session) and returns its diagnostics
 * sorted; doc_date may be NULL. */
static cl_diags check_doc(world *w, const char *file, const char *text, const char *doc_date, cl_column_unit unit,
                          bool verbose)
{
    cl_text t = {0};
    assert_true(cl_text_normalize(&t, text, strlen(text), unit_fold));
    cl_lines lines;
    cl_lines_init(&lines, text, strlen(text));
    cl_date dd;
    if (doc_date)
        assert_true(cl_date_parse(doc_date, strlen(doc_date), NULL, &dd));
    cl_claims claims = {0};
    cl_limit_hit *hits = NULL;
    size_t n_hits = 0;
    cl_matcher *m = cl_matcher_new(cl_ruleset_max_groups(w->rs));
    cl_matcher_run(m, w->rs, w->pf, &t, doc_date ? &dd : NULL, &claims, &hits, &n_hits);
    cl_matcher_free(m);
    assert_int_equal(n_hits, 0);
    free(hits);
    cl_doc doc = {.file = file, .orig = text, .orig_len = strlen(text), .text = &t, .lines = &lines,
                  .unit = unit, .claims = &claims, .has_date = doc_date != NULL};
    cl_diags out = {0};
    cl_kept_list kept = {0};
    cl_check_document(w->rs, w->ref, &doc, verbose, &out, &kept);
    if (w->store)
        cl_store_check_and_add(w->store, file, &kept, &out);
    cl_kept_list_free(&kept);
    cl_diags_sort(&out);
    cl_claims_free(&claims);
    cl_lines_free(&lines);
    cl_text_free(&t);
    return out;
}

static void free_diags(cl_diags *d)
{
    for (size_t i = 0; i < d->len; i++)
        cl_diag_clear(&d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

/* The diagnostics as GCC-style lines: "file:line:col: severity: message [rule]",
 * remarks prefixed "(remark) ", each note on its own line after it. */
static void expect_diags(const cl_diags *d, const char *const *want)
{
    static const char *const sev[] = {"note", "warning", "error"};
    char *got[64];
    size_t n = 0;
    for (size_t i = 0; i < d->len && n < 64; i++) {
        const cl_diag *x = &d->items[i];
        got[n++] = cl_strfmt("%s%s:%d:%d: %s: %s [%s]", x->remark ? "(remark) " : "", x->file, x->line, x->column,
                             sev[x->severity], x->message, x->rule ? x->rule : "");
        for (size_t k = 0; k < x->n_notes && n < 64; k++)
            got[n++] = cl_strfmt("%s:%d:%d: note: %s", x->notes[k].file ? x->notes[k].file : "(null)",
                                 x->notes[k].line, x->notes[k].column, x->notes[k].message);
    }
    size_t nw = 0;
    while (want[nw])
        nw++;
    bool same = n == nw;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(got[i], want[i]) == 0;
    if (!same) {
        fprintf(stderr, "got %zu line(s):\n", n);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  %s%s\n", i < nw && strcmp(got[i], want[i]) == 0 ? "" : "* ", got[i]);
        fprintf(stderr, "want %zu:\n", nw);
        for (size_t i = 0; i < nw; i++)
            fprintf(stderr, "  %s\n", want[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(got[i]);
    assert_true(same);
}

/* ---- Value checks ------------------------------------------------------------------ */

static void test_value_check(void **state)
{
    (void)state;
    world w;
    world_new(&w, true);
    /* "截至2024年10月，" is 21 bytes; "截至2025年3月，" 20 */
    cl_diags d = check_doc(&w, "a.txt",
                           "截至2024年10月，200例已获批。\n"   /* contradicted */
                           "截至2024年10月，106例已获批。\n"   /* holds */
                           "截至2025年3月，近100例已获批。\n"  /* below the range between two points */
                           "截至2025年3月，超过130例已获批。\n" /* within it */
                           "截至2025年6月，100例已获批。\n",   /* below the last point */
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:1:22: warning: claimed 200例 stem-cell INDs cleared as of 2024-10; the reference has "
                         "106 as of 2024-10 [ind-cleared]",
                         "ref.yaml:8:16: note: 106 as of 2024-10 (source: Yicai Global, 2025-01-03)",
                         "a.txt:3:21: warning: claimed nearly 100例 stem-cell INDs cleared as of 2025-03; the reference "
                         "has more than 120 as of 2025-01 and 160 as of 2025-05-31 [ind-cleared]",
                         "ref.yaml:11:16: note: said a CDE deputy director: more than 120 as of 2025-01 (source: "
                         "前瞻产业研究院, 2025-01-03)",
                         "ref.yaml:14:16: note: 160 as of 2025-05-31 (source: 前瞻产业研究院, 2025-01-03)",
                         "a.txt:5:21: warning: claimed 100例 stem-cell INDs cleared as of 2025-06; the reference has "
                         "160 as of 2025-05-31 (an earlier date; the figure never decreases) [ind-cleared]",
                         "ref.yaml:14:16: note: 160 as of 2025-05-31 (source: 前瞻产业研究院, 2025-01-03)",
                         NULL});
    /* the plain-data fields of the first finding */
    const cl_diag *x = &d.items[0];
    assert_string_equal(x->file, "a.txt");
    assert_string_equal(x->fact, "ind.cleared");
    assert_string_equal(x->claimed, "200例");
    assert_string_equal(x->reference, "106 as of 2024-10");
    assert_string_equal(x->text, "200例");
    assert_int_equal(x->offset, 21);
    assert_int_equal(x->end_offset, 27);
    assert_int_equal(x->end_line, 1);
    assert_int_equal(x->end_column, 28);
    assert_false(x->remark);
    free_diags(&d);
    world_free(&w);
}

/* Positions are those of the original text, in the requested unit. */
static void test_value_check_positions(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    const char *doc = "前言\n截至２０２４年１０月，２００例已獲批。\n";
    cl_diags d = check_doc(&w, "a.txt", doc, NULL, CL_COLUMN_BYTE, false);
    /* "截至２０２４年１０月，" is 6 + 12 + 3 + 6 + 3 + 3 = 33 bytes */
    expect_diags(&d, (const char *[]){
                         "a.txt:2:34: warning: claimed ２００例 stem-cell INDs cleared as of 2024-10; the reference has "
                         "106 as of 2024-10 [ind-cleared]",
                         "ref.yaml:8:16: note: 106 as of 2024-10 (source: Yicai Global, 2025-01-03)", NULL});
    assert_string_equal(d.items[0].text, "２００例");
    assert_int_equal(d.items[0].offset, 7 + 33);
    assert_int_equal(d.items[0].end_offset, 7 + 33 + 12);
    assert_int_equal(d.items[0].end_column, 46);
    free_diags(&d);

    /* in characters: 截 至 ２ ０ ２ ４ 年 １ ０ 月 ， are 11 */
    d = check_doc(&w, "a.txt", doc, NULL, CL_COLUMN_CHAR, false);
    assert_int_equal(d.len, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].column, 12);
    assert_int_equal(d.items[0].end_column, 16);
    assert_int_equal(d.items[0].offset, 40); /* offsets stay in bytes */
    free_diags(&d);
    world_free(&w);
}

/* BUG: for a cumulative fact, a claim dated before the first reference point
 * is told "(an later date; ...)": the article is wrong. Reproduction: with
 * the fixture, "截至2024年9月，110例已获批。" gives "...the reference has 106
 * as of 2024-10 (an later date; the figure never decreases)". Correct:
 * "(a later date; the figure never decreases)". */
static void test_value_check_before_first_point(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    cl_diags d = check_doc(&w, "a.txt", "截至2024年9月，110例已获批。", NULL, CL_COLUMN_BYTE, false);
    bool ok = d.len == 1 && strcmp(d.items[0].message, "claimed 110例 stem-cell INDs cleared as of 2024-09; the "
                                                       "reference has 106 as of 2024-10 (a later date; the figure "
                                                       "never decreases)") == 0;
    if (!ok && d.len)
        fprintf(stderr, "got: %s\n", d.items[0].message);
    free_diags(&d);
    world_free(&w);
    assert_true(ok);
}

static void test_value_check_message_and_document_date(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    /* the rule's own message; {{ }} are literal braces; severity error */
    cl_diags d = check_doc(&w, "a.txt", "截至2024年10月，300项获受理。", NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){"a.txt:1:22: error: claimed 300项 accepted as of 2024-10; reference: 148 as "
                                      "of 2024-10 {sic} [ind-accepted]",
                                      "ref.yaml:25:16: note: 148 as of 2024-10 (source: Yicai Global)", NULL});
    free_diags(&d);

    /* A claim without its own date takes the document's; without either,
     * a fact that changes over time is not checked. */
    d = check_doc(&w, "a.txt", "其中100例已获批。", "2024-10-15", CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){"a.txt:1:7: warning: claimed 100例 stem-cell INDs cleared as of 2024-10-15; "
                                      "the reference has 106 as of 2024-10 [ind-cleared]",
                                      "ref.yaml:8:16: note: 106 as of 2024-10 (source: Yicai Global, 2025-01-03)",
                                      NULL});
    free_diags(&d);
    d = check_doc(&w, "a.txt", "其中100例已获批。", NULL, CL_COLUMN_BYTE, false);
    assert_int_equal(d.len, 0);
    free_diags(&d);
    world_free(&w);
}

/* A low-confidence fact: findings are notes, and the note says so. */
static void test_value_check_low_confidence(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    /* "2015年，欧盟有" is 19 bytes */
    cl_diags d = check_doc(&w, "eu.txt",
                           "2015年，欧盟有27个成员国。\n"
                           "2020年，欧盟有27个成员国。\n" /* both values were in effect in 2020 */
                           "2021年，欧盟有28个成员国。\n",
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "eu.txt:1:20: note: claimed 27 EU member states as of 2015; the reference has 28 from "
                         "2013-07-01 until 2020-01-31 [eu-members]",
                         "ref.yaml:36:16: note: 28 from 2013-07-01 until 2020-01-31 (source: Council of the EU) [low "
                         "confidence]",
                         "eu.txt:3:20: note: claimed 28 EU member states as of 2021; the reference has 27 from "
                         "2020-02-01 [eu-members]",
                         "ref.yaml:39:16: note: 27 from 2020-02-01 (source: Council of the EU) [low confidence]", NULL});
    assert_int_equal(d.items[0].severity, CL_SEVERITY_NOTE);
    free_diags(&d);
    world_free(&w);
}

static void test_verbose_remarks(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    const char *doc = "5元已获批。\n"             /* a unit the fact is not in */
                      "100例已获批。\n"           /* no date anywhere */
                      "2012年，欧盟有27个成员国。\n"; /* before the first value */
    cl_diags d = check_doc(&w, "a.txt", doc, NULL, CL_COLUMN_BYTE, true);
    expect_diags(&d, (const char *[]){
                         "(remark) a.txt:1:1: note: not compared: the claim is in 'CNY', the fact 'ind.cleared' in "
                         "'count' [ind-cleared-money]",
                         "(remark) a.txt:2:1: note: not checked against the reference: the claim has no date and the "
                         "document has none (use --date) [ind-cleared]",
                         "(remark) a.txt:3:20: note: not checked: the reference has no value in effect at the claim's "
                         "date [eu-members]",
                         NULL});
    free_diags(&d);
    d = check_doc(&w, "a.txt", doc, NULL, CL_COLUMN_BYTE, false); /* not verbose: nothing */
    assert_int_equal(d.len, 0);
    free_diags(&d);
    world_free(&w);
}

/* ---- Dates, bodies, names ------------------------------------------------------------ */

static void test_date_check(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    /* "《十四五生物经济发展规划》由" is 42 bytes; "...由国家发改委于" 60 */
    cl_diags d = check_doc(&w, "a.txt",
                           "《十四五生物经济发展规划》由国家发改委于2023年印发。\n"
                           "《十四五生物经济发展规划》由科技部于2022年5月印发。\n"
                           "《十四五生物经济发展规划》由发改委于2022年印发。\n"
                           "《十四五生物經濟發展規劃》由國家發展改革委於2022年5月10日印發。\n",
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:1:61: warning: 《十四五生物经济发展规划》 dated 2023; the reference has issued "
                         "2022-05-10 [plan-date]",
                         "ref.yaml:45:15: note: issued 2022-05-10 (source: NDRC release)",
                         "a.txt:2:43: warning: 《十四五生物经济发展规划》 attributed to 科技部; the reference has "
                         "国家发展改革委 / 国家发改委 / NDRC [plan-date]",
                         "ref.yaml:42:10: note: issued by 国家发展改革委 / 国家发改委 / NDRC (source: NDRC release)",
                         NULL});
    assert_string_equal(d.items[0].claimed, "2023");
    assert_string_equal(d.items[0].reference, "issued 2022-05-10");
    assert_string_equal(d.items[0].text, "2023年");
    assert_string_equal(d.items[1].text, "科技部");
    assert_string_equal(d.items[1].claimed, "科技部");
    assert_int_equal(d.items[1].end_column, 52);
    free_diags(&d);
    world_free(&w);
}

static void test_name_check(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    cl_diags d = check_doc(&w, "a.txt",
                           "山中仲彌教授获奖。\n" /* Traditional: the suggestion is Traditional too */
                           "据报道，山中仲弥教授获奖。\n"
                           "山中伸弥教授获奖。\n"   /* accepted */
                           "山中伸彌教授获奖。\n"
                           "山中一郎教授获奖。\n", /* not a known misspelling */
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:1:1: warning: '山中仲彌' is a misspelling of 山中伸彌 [yamanaka]",
                         "ref.yaml:49:10: note: Shinya Yamanaka is written 山中伸彌 (source: Nobel Prize)",
                         "a.txt:2:13: warning: '山中仲弥' is a misspelling of 山中伸弥 [yamanaka]",
                         "ref.yaml:49:10: note: Shinya Yamanaka is written 山中伸弥 (source: Nobel Prize)", NULL});
    free_diags(&d);
    world_free(&w);
}

/* ---- Arithmetic ---------------------------------------------------------------------- */

static void test_arithmetic_checks(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    cl_diags d = check_doc(&w, "a.txt",
                           "200家企业中有50家，占30%。\n"
                           "200家企业中有50家，占25%。\n"
                           "每人3000元，共200人，合计50万元。\n"
                           "每人3000元，共200人，合计60万元。\n"
                           "65岁以上人口2.1亿人，占全国人口的20%。\n"
                           "65岁以上人口2.1亿人，占全国人口的15%。\n",
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:1:30: warning: 50 is 25.0% of 200, not 30% [companies-ratio]",
                         "a.txt:3:35: warning: 200 × 3000元 is 60万, not 50万元 [payroll]",
                         "a.txt:5:48: warning: 2.1亿 is 14.9% of population of China (14.08亿), not 20% "
                         "[elderly-share]",
                         "ref.yaml:58:12: note: 14.08亿 (source: NBS)", NULL});
    assert_string_equal(d.items[0].claimed, "30%");
    assert_string_equal(d.items[0].reference, "25.0%");
    assert_string_equal(d.items[1].reference, "60万");
    free_diags(&d);
    world_free(&w);
}

/* ---- Claims against claims ---------------------------------------------------------------- */

static const char COMPANIES_A[] = "截至2024年，共有30家企业。\n"
                                  "截至2024年，共有40家企业。\n" /* same date, another number */
                                  "截至2023年，共有50家企业。\n" /* more, earlier */
                                  "截至2025年，共有35家企业。\n" /* fewer than 40 a year before */
                                  "共有99家企业。\n";            /* no date: not compared */

static void test_conflicts_within_document(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    /* "截至2024年，共有" is 22 bytes */
    cl_diags d = check_doc(&w, "a.txt", COMPANIES_A, NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:2:23: warning: claimed 40 companies as of 2024, but 30 as of 2024 earlier in this file "
                         "claims otherwise [companies]",
                         "a.txt:1:23: note: 30 claimed here as of 2024",
                         "a.txt:3:23: warning: claimed 50 companies as of 2023, but 30 as of 2024 earlier in this file "
                         "claims otherwise (the figure never decreases) [companies]",
                         "a.txt:1:23: note: 30 claimed here as of 2024",
                         "a.txt:4:23: warning: claimed 35 companies as of 2025, but 40 as of 2024 earlier in this file "
                         "claims otherwise (the figure never decreases) [companies]",
                         "a.txt:2:23: note: 40 claimed here as of 2024", NULL});
    assert_string_equal(d.items[0].reference, "30");
    assert_string_equal(d.items[0].claimed, "40");
    free_diags(&d);
    world_free(&w);
}

static void test_conflicts_across_documents(void **state)
{
    (void)state;
    world w;
    world_new(&w, true);
    cl_diags d = check_doc(&w, "a.txt", "截至2024年，共有30家企业。", NULL, CL_COLUMN_BYTE, false);
    assert_int_equal(d.len, 0);
    free_diags(&d);
    d = check_doc(&w, "b.txt", "前言。\n截至2024年，共有45家企业。", NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){"b.txt:2:23: warning: claimed 45 companies as of 2024, but 30 as of 2024 in "
                                      "a.txt claims otherwise [companies]",
                                      "a.txt:1:23: note: 30 claimed here as of 2024", NULL});
    free_diags(&d);
    /* the later document's claims are kept too */
    d = check_doc(&w, "c.txt", "截至2024年，共有30家企业。", NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){"c.txt:1:23: warning: claimed 30 companies as of 2024, but 45 as of 2024 in "
                                      "b.txt claims otherwise [companies]",
                                      "b.txt:2:23: note: 45 claimed here as of 2024", NULL});
    free_diags(&d);
    world_free(&w);

    /* cross off: each document on its own */
    world_new(&w, false);
    d = check_doc(&w, "a.txt", "截至2024年，共有30家企业。", NULL, CL_COLUMN_BYTE, false);
    free_diags(&d);
    d = check_doc(&w, "b.txt", "截至2024年，共有45家企业。", NULL, CL_COLUMN_BYTE, false);
    assert_int_equal(d.len, 0);
    free_diags(&d);
    world_free(&w);
}

/* ---- Relations ----------------------------------------------------------------------------- */

static void test_relations_with_reference(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    cl_diags d = check_doc(&w, "a.txt",
                           /* cleared may be anything from 105.5 up in 2024-12, but
                            * accepted is at most 200.5 then */
                           "截至2024年12月，超过250例已获批。\n"
                           /* accepted between 147.5 and 200.5 in 2025-06, but cleared
                            * was 160 by 2025-05-31 */
                           "截至2025年6月，150项获受理。\n",
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:1:22: warning: claimed more than 250例 stem-cell INDs cleared as of 2024-12, more than "
                         "the stem-cell IND applications accepted: the reference has 148 as of 2024-10 and 200 as of "
                         "2025-12 [ind-cleared]",
                         "ref.yaml:69:5: note: stem-cell INDs cleared must not exceed stem-cell IND applications "
                         "accepted",
                         "ref.yaml:25:16: note: 148 as of 2024-10 (source: Yicai Global)",
                         "ref.yaml:27:16: note: 200 as of 2025-12 (source: Yicai Global)",
                         "a.txt:2:21: error: claimed 150项 stem-cell IND applications accepted as of 2025-06, fewer "
                         "than the stem-cell INDs cleared: the reference has 160 as of 2025-05-31 (an earlier date; "
                         "the figure never decreases) [ind-accepted]",
                         "ref.yaml:69:5: note: stem-cell INDs cleared must not exceed stem-cell IND applications "
                         "accepted",
                         "ref.yaml:14:16: note: 160 as of 2025-05-31 (source: 前瞻产业研究院, 2025-01-03)", NULL});
    free_diags(&d);
    world_free(&w);
}

/* A claim the reference contradicts is reported once: the relation it also
 * breaks (300 cleared > 148 accepted) is not reported again. */
static void test_reported_once(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    cl_diags d = check_doc(&w, "a.txt",
                           "截至2024年10月，148项获受理。\n"
                           "截至2024年10月，300例已获批。\n",
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:2:22: warning: claimed 300例 stem-cell INDs cleared as of 2024-10; the reference has "
                         "106 as of 2024-10 [ind-cleared]",
                         "ref.yaml:8:16: note: 106 as of 2024-10 (source: Yicai Global, 2025-01-03)", NULL});
    free_diags(&d);
    world_free(&w);
}

static void test_relations_between_claims(void **state)
{
    (void)state;
    world w;
    world_new(&w, false);
    /* Before 2024-10 the reference only caps both (148.5 and 106.5), so
     * each claim holds alone; together, cleared exceeds accepted. */
    cl_diags d = check_doc(&w, "a.txt",
                           "截至2024年9月，100项获受理。\n"
                           "截至2024年9月，105例已获批。\n"
                           "截至2024年8月，105例已获批。\n", /* another date: not compared */
                           NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "a.txt:2:21: warning: claimed 105例 stem-cell INDs cleared as of 2024-09, but 100项 stem-cell "
                         "IND applications accepted is claimed earlier in this file: stem-cell INDs cleared cannot "
                         "exceed stem-cell IND applications accepted [ind-cleared]",
                         "a.txt:1:21: note: 100项 stem-cell IND applications accepted claimed here",
                         "ref.yaml:69:5: note: stem-cell INDs cleared must not exceed stem-cell IND applications "
                         "accepted",
                         NULL});
    free_diags(&d);
    world_free(&w);
}

/* Sum relations, and claims about a fixed fact known only from claims
 * (compared whatever their dates). */
static const char SUM_REF[] =
    "facts:\n"                                                                                       /* 1 */
    "  - {key: s.a, label: part A, unit: count, value: 60, confidence: high, sources: [S]}\n"         /* 2 */
    "  - {key: s.b, label: part B, unit: count, value: 50, confidence: high, sources: [S]}\n"         /* 3 */
    "  - {key: s.c, label: part C, unit: count, over_time: fixed, values: [], confidence: high, sources: []}\n" /* 4 */
    "  - {key: s.total, label: the total, unit: count, value: 150, confidence: high, sources: [S]}\n" /* 5 */
    "  - {key: s.whole, label: the whole, unit: count, over_time: fixed, values: [], confidence: high, sources: []}\n"
    "relations:\n"                                                                                    /* 7 */
    "  - {type: sum-at-most, parts: [s.a, s.b, s.c], whole: s.total}\n"                              /* 8 */
    "  - {type: sum-at-most, parts: [s.a, s.b], whole: s.whole}\n";                                  /* 9 */

static const char SUM_RULES[] = "rules:\n"
                                "  - {id: part-c, fact: s.c, patterns: 'C有(?<value>\\d+)'}\n"
                                "  - {id: whole, fact: s.whole, patterns: '整体(?<value>\\d+)'}\n";

static void test_sum_relations_and_fixed_conflicts(void **state)
{
    (void)state;
    world w;
    world_new_from(&w, false, "sum.yaml", SUM_REF, SUM_RULES);
    /* A and B are at least 59.5 + 49.5 = 109: C 50 makes at least 158.5 of
     * a total below 150.5; a whole of 100 is less than 109. */
    cl_diags d = check_doc(&w, "s.txt", "C有50。C有30。整体100。整体120。", NULL, CL_COLUMN_BYTE, false);
    expect_diags(&d, (const char *[]){
                         "s.txt:1:5: warning: claimed 50 part C; with the other parts (at least 109) that exceeds the "
                         "total: the reference has 150 [part-c]",
                         "sum.yaml:8:5: note: the parts of the total add up to at most the whole",
                         "sum.yaml:2:51: note: part A: 60 (source: S)",
                         "sum.yaml:3:51: note: part B: 50 (source: S)",
                         "sum.yaml:5:58: note: 150 (source: S)",
                         "s.txt:1:14: warning: claimed 30 part C, but 50 earlier in this file claims otherwise [part-c]",
                         "s.txt:1:5: note: 50 claimed here",
                         "s.txt:1:25: warning: claimed 100 the whole, less than its parts add up to in the reference "
                         "(109) [whole]",
                         "sum.yaml:9:5: note: the parts of the whole add up to at most the whole",
                         "sum.yaml:2:51: note: part A: 60 (source: S)",
                         "sum.yaml:3:51: note: part B: 50 (source: S)",
                         "s.txt:1:37: warning: claimed 120 the whole, but 100 earlier in this file claims otherwise "
                         "[whole]",
                         "s.txt:1:25: note: 100 claimed here", NULL});
    free_diags(&d);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_expand),
        cmocka_unit_test(test_diags_sort),
        cmocka_unit_test(test_value_check),
        cmocka_unit_test(test_value_check_positions),
        cmocka_unit_test(test_value_check_before_first_point),
        cmocka_unit_test(test_value_check_message_and_document_date),
        cmocka_unit_test(test_value_check_low_confidence),
        cmocka_unit_test(test_verbose_remarks),
        cmocka_unit_test(test_date_check),
        cmocka_unit_test(test_name_check),
        cmocka_unit_test(test_arithmetic_checks),
        cmocka_unit_test(test_conflicts_within_document),
        cmocka_unit_test(test_conflicts_across_documents),
        cmocka_unit_test(test_relations_with_reference),
        cmocka_unit_test(test_reported_once),
        cmocka_unit_test(test_relations_between_claims),
        cmocka_unit_test(test_sum_relations_and_fixed_conflicts),
    };
    return cmocka_run_group_tests(tests, unit_setup_fold, unit_teardown_fold);
}
