/* Unit tests for the public API (src/api/engine.c through src/claimlint.h
 * only): engines loading directories and files with their problems,
 * prepare, sessions checking in-memory documents end to end (findings,
 * claims, invalid UTF-8, resource limits), the rules' self-tests, and the
 * frees that accept NULL. Fixture files go to a temporary directory. */
#include "unit.h"

#include "claimlint.h"

#include <sys/stat.h>
#include <unistd.h>

/* ---- Temporary files ------------------------------------------------------------------ */

static char tmpdir[64];
static char *created[64]; /* removed in reverse order: files before their directories */
static size_t n_created;

/* "<tmpdir>/<rel>" in a static buffer (one of four). */
static const char *in_dir(const char *rel)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, rel);
    return buf[k];
}

static void write_file(const char *rel, const char *text)
{
    /* create the parent directories first */
    char path[256];
    snprintf(path, sizeof path, "%s", in_dir(rel));
    for (char *p = path + strlen(tmpdir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        if (mkdir(path, 0700) == 0 && n_created < 64)
            created[n_created++] = strdup(path);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    for (size_t i = 0; i < n_created; i++)
        if (strcmp(created[i], path) == 0)
            return; /* rewritten: already recorded */
    assert_true(n_created < 64);
    created[n_created++] = strdup(path);
}

static int setup_dir(void **state)
{
    strcpy(tmpdir, "/tmp/claimlint-api-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    while (n_created > 0) {
        n_created--;
        remove(created[n_created]);
        free(created[n_created]);
    }
    return rmdir(tmpdir);
}

/* Replaces each "$D" in s with the temporary directory. */
static char *with_dir(const char *s)
{
    size_t cap = strlen(s) * 4 + 256, n = 0;
    char *out = malloc(cap);
    for (; *s; s++) {
        if (s[0] == '$' && s[1] == 'D') {
            n += (size_t)sprintf(out + n, "%s", tmpdir);
            s++;
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return out;
}

/* Compares problems with "file:line:col: message" lines; "$D" in a wanted
 * line stands for the temporary directory. */
static bool same_problems(const cl_problems *p, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    bool same = p->len == n;
    char got[1024], exp[1024];
    for (size_t i = 0; same && i < n; i++) {
        snprintf(got, sizeof got, "%s:%d:%d: %s", p->items[i].file, p->items[i].line, p->items[i].column,
                 p->items[i].message);
        char *w = with_dir(want[i]);
        snprintf(exp, sizeof exp, "%s", w);
        free(w);
        same = strcmp(got, exp) == 0;
    }
    if (!same) {
        fprintf(stderr, "got %zu problem(s):\n", p->len);
        for (size_t i = 0; i < p->len; i++)
            fprintf(stderr, "  %s:%d:%d: %s\n", p->items[i].file, p->items[i].line, p->items[i].column,
                    p->items[i].message);
        fprintf(stderr, "want %zu ($D = %s):\n", n, tmpdir);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  %s\n", want[i]);
    }
    return same;
}

static void expect_text(const char *got, const char *want_with_dir)
{
    char *want = with_dir(want_with_dir);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "got:\n%s\nwant:\n%s\n", got, want);
    bool same = strcmp(got, want) == 0;
    free(want);
    assert_true(same);
}

/* ---- The rule pack of these tests -------------------------------------------------------- */

static const char MACROS[] = "version: 1\n"
                             "macros:\n"
                             "  count: '\\d+(?:项|例)?'\n";

static const char RULES[] =
    "rules:\n"                                                                          /* 1 */
    "  - id: ind-cleared\n"                                                             /* 2 */
    "    fact: ind.cleared\n"                                                           /* 3 */
    "    description: INDs cleared\n"                                                   /* 4 */
    "    message: 'claimed {claimed} as of {date}; the reference has {reference}'\n"    /* 5 */
    "    patterns: '(?:截至(?<date>\\d{4}年\\d{1,2}月)，)?其中(?<value>${count})已获批'\n" /* 6 */
    "    examples:\n"                                                                   /* 7 */
    "      match:\n"                                                                    /* 8 */
    "        - text: 截至2024年10月，其中106例已获批\n"                                 /* 9 */
    "          value: 106\n"                                                            /* 10 */
    "          date: 2024-10\n"                                                         /* 11 */
    "          finding: false\n"                                                        /* 12 */
    "        - text: 截至2024年10月，其中160例已获批\n"                                 /* 13 */
    "          finding: true\n"                                                         /* 14 */
    "      no-match:\n"                                                                 /* 15 */
    "        - 其中一百例已获批\n";                                                     /* 16 */

static const char REF[] = "facts:\n"                      /* 1 */
                          "  - key: ind.cleared\n"        /* 2 */
                          "    label: stem-cell INDs cleared\n" /* 3 */
                          "    unit: count\n"             /* 4 */
                          "    over_time: cumulative\n"   /* 5 */
                          "    confidence: medium\n"      /* 6 */
                          "    values:\n"                 /* 7 */
                          "      - value: 106\n"          /* 8 */
                          "        as_of: 2024-10\n"      /* 9 */
                          "    sources: [Yicai Global]\n"; /* 10 */

/* An engine over the pack, written to <tmpdir>/pack. */
static cl_engine *pack_engine(void)
{
    write_file("pack/a-macros.yaml", MACROS);
    write_file("pack/b/rules.yml", RULES);
    write_file("pack/c-ref.yaml", REF);
    write_file("pack/.hidden.yaml", "this: is: not: yaml\n"); /* hidden: skipped */
    write_file("pack/readme.txt", "not: [yaml\n");            /* not *.yaml: skipped */
    cl_problems p = {0};
    cl_engine *e = cl_engine_new(&p);
    assert_non_null(e);
    assert_true(cl_engine_load_dir(e, in_dir("pack"), &p));
    assert_true(cl_engine_prepare(e, &p));
    bool clean = same_problems(&p, (const char *[]){NULL});
    cl_problems_free(&p);
    assert_true(clean);
    return e;
}

/* ---- Engines ------------------------------------------------------------------------------ */

static void test_engine_load_dir(void **state)
{
    (void)state;
    cl_engine *e = pack_engine();
    /* the macro of a-macros.yaml served the rules of b/rules.yml */
    assert_int_equal(cl_engine_rule_count(e), 1);
    cl_rule_info info;
    cl_engine_rule_info(e, 0, &info);
    assert_string_equal(info.id, "ind-cleared");
    assert_string_equal(info.description, "INDs cleared");
    assert_string_equal(info.check, "value");
    assert_string_equal(info.fact, "ind.cleared");
    assert_string_equal(info.severity, "warning");
    assert_string_equal(info.file, in_dir("pack/b/rules.yml"));
    assert_int_equal(info.line, 2);
    assert_int_equal(info.column, 9);
    assert_int_equal(info.n_patterns, 1);
    assert_int_equal(info.n_examples, 3);
    cl_engine_free(e);
    cl_engine_free(NULL);
}

static void test_engine_load_problems(void **state)
{
    (void)state;
    cl_problems p = {0};
    cl_engine *e = cl_engine_new(NULL); /* problems may be NULL */
    assert_non_null(e);

    assert_false(cl_engine_load_dir(e, "/nonexistent-claimlint-rules", &p));
    assert_true(same_problems(
        &p, (const char *[]){"/nonexistent-claimlint-rules:0:0: cannot open rule directory: No such file or directory",
                             NULL}));
    cl_problems_free(&p);
    assert_null(p.items);
    assert_int_equal(p.len, 0);

    write_file("bad/version.yaml", "version: 2\nrules: []\n");
    write_file("bad/nothing.yaml", "version: 1\n");
    write_file("bad/typo.yaml", "rule:\n  - id: x\n");
    write_file("bad/empty.yaml", "");
    write_file("bad/syntax.yaml", "rules: [\n");
    write_file("bad/wrong-type.yaml", "rules: {id: x}\n");
    write_file("bad/zz-good.yaml", "facts:\n  - {key: k, label: K, value: 1, confidence: high, sources: [S]}\n");
    /* every file is tried, in sorted order, and every problem kept */
    assert_false(cl_engine_load_dir(e, in_dir("bad"), &p));
    assert_true(same_problems(
        &p, (const char *[]){
                "$D/bad/empty.yaml:1:1: empty file: expected a mapping",
                "$D/bad/nothing.yaml:1:1: nothing to load: expected 'rules', 'macros', 'facts' or 'relations'",
                "$D/bad/syntax.yaml:2:1: did not find expected node content while parsing a flow node",
                "$D/bad/typo.yaml:1:1: unknown key 'rule' in a rule or reference file (did you mean 'rules'?)",
                "$D/bad/version.yaml:1:10: unsupported version '2' (this claimlint reads version 1)",
                "$D/bad/wrong-type.yaml:1:8: 'rules' must be a list",
                NULL}));
    cl_problems_free(&p);

    /* one file; problems are appended to what the list holds */
    assert_false(cl_engine_load_file(e, in_dir("bad/version.yaml"), &p));
    assert_false(cl_engine_load_file(e, in_dir("missing.yaml"), &p));
    assert_true(same_problems(&p, (const char *[]){
                                      "$D/bad/version.yaml:1:10: unsupported version '2' (this claimlint reads version 1)",
                                      "$D/missing.yaml:0:0: cannot open: No such file or directory",
                                      NULL}));
    cl_problems_free(&p);
    /* the directory load took zz-good.yaml already: loading it again repeats its fact */
    assert_false(cl_engine_load_file(e, in_dir("bad/zz-good.yaml"), &p));
    assert_true(same_problems(
        &p, (const char *[]){"$D/bad/zz-good.yaml:2:11: duplicate fact key 'k' (first defined at $D/bad/zz-good.yaml:2:11)",
                             NULL}));
    cl_problems_free(&p);
    cl_engine_free(e);
    e = cl_engine_new(&p);
    assert_true(cl_engine_load_file(e, in_dir("bad/zz-good.yaml"), &p));
    assert_int_equal(p.len, 0);
    cl_engine_free(e);
}

static void test_engine_prepare_problems(void **state)
{
    (void)state;
    write_file("prep/r.yaml", "rules:\n"
                              "  - id: d\n"
                              "    fact: nope\n"
                              "    check: date\n"
                              "    patterns: '(?<date>\\d{4})(?<value'\n"
                              "relations:\n"
                              "  - {type: at-most, part: a, whole: b}\n");
    cl_problems p = {0};
    cl_engine *e = cl_engine_new(&p);
    assert_true(cl_engine_load_dir(e, in_dir("prep"), &p)); /* names are resolved by prepare */
    assert_false(cl_engine_prepare(e, &p));
    assert_true(same_problems(&p, (const char *[]){
                                      "$D/prep/r.yaml:7:5: relation names unknown fact 'b'",
                                      "$D/prep/r.yaml:7:5: relation names unknown fact 'a'",
                                      "$D/prep/r.yaml:5:38: bad pattern at offset 22: syntax error in subpattern name "
                                      "(missing terminator?)",
                                      "$D/prep/r.yaml:2:9: rule 'd' names unknown fact 'nope'",
                                      NULL}));
    cl_problems_free(&p);
    cl_engine_free(e);
}

/* ---- Sessions ------------------------------------------------------------------------------- */

static const char DOC[] = "前言。\n截至2024年10月，其中200例已获批。截至2024年10月，其中106例已获批。\n";

static void test_session_check(void **state)
{
    (void)state;
    cl_engine *e = pack_engine();
    cl_session_options o = {.date = NULL, .columns = CL_COLUMNS_BYTE, .cross_document = true, .claims = true};
    cl_session *s = cl_session_new(e, &o);
    cl_report *r = cl_session_check(s, "doc.txt", DOC, strlen(DOC));
    assert_string_equal(r->file, "doc.txt");
    assert_false(r->failed);
    assert_int_equal(r->n_diags, 1);
    /* "截至2024年10月，其中" is 27 bytes, after the 10 of line 1 */
    char *gcc = cl_format_gcc(r);
    expect_text(gcc, "doc.txt:2:28: warning: claimed 200例 as of 2024-10; the reference has 106 as of 2024-10 "
                     "[ind-cleared]\n"
                     "$D/pack/c-ref.yaml:8:16: note: 106 as of 2024-10 (source: Yicai Global)\n");
    free(gcc);
    const cl_diag *d = &r->diags[0];
    assert_int_equal(d->offset, 10 + 27);
    assert_int_equal(d->end_offset, 10 + 27 + 6);
    assert_int_equal(d->end_line, 2);
    assert_int_equal(d->end_column, 34);
    assert_string_equal(d->fact, "ind.cleared");
    assert_string_equal(d->text, "200例");

    /* the claims, as --claims prints them */
    assert_int_equal(r->n_claims, 2);
    const cl_claim_info *c = &r->claims[0];
    assert_string_equal(c->rule, "ind-cleared");
    assert_string_equal(c->check, "value");
    assert_string_equal(c->text, "200例");
    assert_string_equal(c->value, "200");
    assert_string_equal(c->interval, "[199.5, 200.5)");
    assert_string_equal(c->unit, "count");
    assert_string_equal(c->qualifier, "");
    assert_string_equal(c->date, "2024-10");
    assert_string_equal(c->date_origin, "text");
    char *json = cl_format_claims_jsonl(r);
    assert_string_equal(json,
                        "{\"file\":\"doc.txt\",\"line\":2,\"column\":28,\"end_line\":2,\"end_column\":34,"
                        "\"rule\":\"ind-cleared\",\"fact\":\"ind.cleared\",\"check\":\"value\",\"text\":\"200例\","
                        "\"qualifier\":\"\",\"value\":\"200\",\"interval\":\"[199.5, 200.5)\",\"unit\":\"count\","
                        "\"date\":\"2024-10\",\"date_origin\":\"text\"}\n"
                        "{\"file\":\"doc.txt\",\"line\":2,\"column\":73,\"end_line\":2,\"end_column\":79,"
                        "\"rule\":\"ind-cleared\",\"fact\":\"ind.cleared\",\"check\":\"value\",\"text\":\"106例\","
                        "\"qualifier\":\"\",\"value\":\"106\",\"interval\":\"[105.5, 106.5)\",\"unit\":\"count\","
                        "\"date\":\"2024-10\",\"date_origin\":\"text\"}\n");
    free(json);
    cl_report_free(r);

    /* Without claims kept, only their number; character columns. */
    cl_session_free(s);
    o.claims = false;
    o.columns = CL_COLUMNS_CHAR;
    s = cl_session_new(e, &o);
    r = cl_session_check(s, "doc.txt", DOC, strlen(DOC));
    assert_int_equal(r->n_claims, 2);
    assert_null(r->claims);
    assert_int_equal(r->diags[0].line, 2);
    assert_int_equal(r->diags[0].column, 14); /* 截 至 2 0 2 4 年 1 0 月 ， 其 中: 13 characters */
    assert_int_equal(r->diags[0].offset, 37);
    cl_report_free(r);
    cl_session_free(s);
    cl_session_free(NULL);
    cl_engine_free(e);
}

static void test_session_document_date_and_cross(void **state)
{
    (void)state;
    cl_engine *e = pack_engine();
    /* NULL options: cross-document on, no date */
    cl_session *s = cl_session_new(e, NULL);
    const char *undated = "其中100例已获批。";
    cl_report *r = cl_session_check(s, "a.txt", undated, strlen(undated));
    assert_int_equal(r->n_diags, 0); /* no date: not checked */
    assert_int_equal(r->n_claims, 1);
    cl_report_free(r);
    cl_session_free(s);

    cl_session_options o = {.date = "2024-10-31", .verbose = true};
    s = cl_session_new(e, &o);
    r = cl_session_check(s, "a.txt", undated, strlen(undated));
    char *gcc = cl_format_gcc(r);
    expect_text(gcc, "a.txt:1:7: warning: claimed 100例 as of 2024-10-31; the reference has 106 as of 2024-10 "
                     "[ind-cleared]\n"
                     "$D/pack/c-ref.yaml:8:16: note: 106 as of 2024-10 (source: Yicai Global)\n");
    free(gcc);
    cl_report_free(r);
    cl_session_free(s);
    cl_engine_free(e);
}

static void test_session_invalid_utf8(void **state)
{
    (void)state;
    cl_engine *e = pack_engine();
    cl_session *s = cl_session_new(e, NULL);
    const char doc[] = "ok\nab\xff\xfe 截至2024年10月，其中200例已获批";
    cl_report *r = cl_session_check(s, "x.txt", doc, sizeof doc - 1);
    char *gcc = cl_format_gcc(r);
    /* the file is still checked after the bad bytes */
    expect_text(gcc, "x.txt:2:3: warning: invalid UTF-8: byte 0xFF and others replaced with U+FFFD; the rest of the "
                     "file is checked\n"
                     "x.txt: note: 2 invalid bytes in all\n"
                     "x.txt:2:33: warning: claimed 200例 as of 2024-10; the reference has 106 as of 2024-10 "
                     "[ind-cleared]\n"
                     "$D/pack/c-ref.yaml:8:16: note: 106 as of 2024-10 (source: Yicai Global)\n");
    free(gcc);
    assert_null(r->diags[0].rule);
    assert_int_equal(r->diags[0].offset, 5);
    assert_false(r->failed);
    cl_report_free(r);

    const char one[] = "\xc3";
    r = cl_session_check(s, "y.txt", one, 1);
    assert_int_equal(r->n_diags, 1);
    assert_string_equal(r->diags[0].message,
                        "invalid UTF-8: byte 0xC3 replaced with U+FFFD; the rest of the file is checked");
    assert_int_equal(r->diags[0].n_notes, 0);
    cl_report_free(r);

    r = cl_session_check(s, "empty.txt", "", 0);
    assert_int_equal(r->n_diags, 0);
    assert_int_equal(r->n_claims, 0);
    cl_report_free(r);
    cl_session_free(s);
    cl_engine_free(e);
}

static void test_session_limit_hit(void **state)
{
    (void)state;
    write_file("slow/r.yaml", "rules:\n"
                              "  - {id: slow, fact: f, patterns: '(?<value>(a+)+$)'}\n"
                              "  - {id: ok, fact: f, patterns: '(?<value>\\d+)个'}\n");
    cl_problems p = {0};
    cl_engine *e = cl_engine_new(&p);
    assert_true(cl_engine_load_dir(e, in_dir("slow"), &p));
    assert_true(cl_engine_prepare(e, &p));
    cl_session *s = cl_session_new(e, NULL);
    const char doc[] = "3个\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
    cl_report *r = cl_session_check(s, "a.txt", doc, sizeof doc - 1);
    assert_true(r->failed);
    assert_int_equal(r->n_claims, 1); /* the other rule still ran */
    char *gcc = cl_format_gcc(r);
    /* the search that hit the limit started at the top of the file */
    expect_text(gcc, "a.txt:2:1: error: match limit hit by a pattern of rule 'slow'; the rule was not checked on the "
                     "rest of this file [slow]\n"
                     "$D/slow/r.yaml:2:36: note: the pattern (simplify it, or make it fail sooner)\n");
    free(gcc);
    cl_report_free(r);
    cl_session_free(s);
    cl_engine_free(e);
    cl_problems_free(&p);
}

/* ---- Rule self-tests ------------------------------------------------------------------------- */

/* BUG (src/match/match.c, see test_match.c: test_run_one_rule_no_claims):
 * every example that yields no claim -- here the pack's no-match example --
 * makes cl_engine_test_rules call qsort(NULL, 0, ...), which UBSan aborts
 * on. These tests run in the plain build and skip in the sanitizer build;
 * test_rules_failures covers the rest with examples that all match. */
static void test_rules_pass(void **state)
{
    (void)state;
    cl_engine *e = pack_engine();
    cl_problems p = {0};
    size_t n = 99;
    assert_true(cl_engine_test_rules(e, &n, &p));
    assert_int_equal(n, 3);
    assert_int_equal(p.len, 0);
    assert_true(cl_engine_test_rules(e, NULL, NULL)); /* both optional */
    cl_engine_free(e);
}

static const char BAD_EXAMPLES[] =
    "facts:\n"                                                                                      /* 1 */
    "  - {key: f, label: F, unit: count, value: 5, confidence: high, sources: [S]}\n"              /* 2 */
    "  - {key: person, label: P, accepted: [山中伸弥], confidence: high, sources: [S]}\n"          /* 3 */
    "rules:\n"                                                                                      /* 4 */
    "  - id: count\n"                                                                               /* 5 */
    "    fact: f\n"                                                                                 /* 6 */
    "    patterns: '共(?<value>\\d+)(?:个|项)(?:于(?<date>\\d{4}年\\d{1,2}月))?'\n"                /* 7 */
    "    examples:\n"                                                                               /* 8 */
    "      match:\n"                                                                                /* 9 */
    "        - text: 共5个\n"                                                                       /* 10 */
    "          value: 6\n"                                                                          /* 11 */
    "        - text: 共5个于2024年10月\n"                                                           /* 12 */
    "          date: 2024-11\n"                                                                     /* 13 */
    "        - 共9个\n"                                                                             /* 14 */
    "        - text: 共5个\n"                                                                       /* 15 */
    "          finding: true\n"                                                                     /* 16 */
    "        - text: 共7个\n"                                                                       /* 17 */
    "          finding: false\n"                                                                    /* 18 */
    "        - text: 共5个于2024年10月\n"                                                           /* 19 */
    "          value: 5\n"                                                                          /* 20 */
    "          date: 2024-10\n"                                                                     /* 21 */
    "          finding: false\n"                                                                    /* 22 */
    "      no-match:\n"                                                                             /* 23 */
    "        - 共8项\n"                                                                             /* 24 */
    "  - id: name\n"                                                                                /* 25 */
    "    fact: person\n"                                                                            /* 26 */
    "    check: name\n"                                                                             /* 27 */
    "    patterns: '(?<name>山中..)教授'\n"                                                         /* 28 */
    "    examples:\n"                                                                               /* 29 */
    "      match:\n"                                                                                /* 30 */
    "        - {text: 山中伸彌教授, name: 山中伸彌}\n"                                               /* 31 */
    "        - {text: 山中伸彌教授, name: 山中仲弥}\n"                                               /* 32 */
    "  - {id: bare, fact: f, patterns: '(?<value>\\d+)元'}\n";                                      /* 33 */

static void test_rules_failures(void **state)
{
    (void)state;
    write_file("examples/r.yaml", BAD_EXAMPLES);
    cl_problems p = {0};
    cl_engine *e = cl_engine_new(&p);
    assert_true(cl_engine_load_file(e, in_dir("examples/r.yaml"), &p));
    assert_true(cl_engine_prepare(e, &p));
    assert_int_equal(p.len, 0);
    size_t n = 0;
    assert_false(cl_engine_test_rules(e, &n, &p));
    assert_int_equal(n, 9); /* 7 + 2 + 0 */
    assert_true(same_problems(
        &p, (const char *[]){
                "$D/examples/r.yaml:10:11: example of rule 'count' yields 5, expected '6'",
                "$D/examples/r.yaml:12:11: example of rule 'count' yields date 2024-10, expected 2024-11",
                "$D/examples/r.yaml:15:11: example of rule 'count' gives no finding, expected a finding",
                "$D/examples/r.yaml:17:11: example of rule 'count' gives a finding: claimed 7 F; the reference has 5, "
                "expected none",
                "$D/examples/r.yaml:24:11: example of rule 'count' must not match but matches '共8项'",
                "$D/examples/r.yaml:32:11: example of rule 'name' yields name '山中伸弥', expected '山中仲弥'",
                "$D/examples/r.yaml:33:10: rule 'bare' has no examples",
                NULL}));
    cl_problems_free(&p);
    cl_engine_free(e);
}

static void test_rules_does_not_match(void **state)
{
    (void)state;
    write_file("nomatch/r.yaml", "rules:\n"
                                 "  - id: count\n"
                                 "    fact: f\n"
                                 "    patterns: '共(?<value>\\d+)个'\n"
                                 "    examples:\n"
                                 "      match: [共五个]\n"
                                 "      no-match: [共五个]\n");
    cl_problems p = {0};
    cl_engine *e = cl_engine_new(&p);
    assert_true(cl_engine_load_dir(e, in_dir("nomatch"), &p));
    assert_true(cl_engine_prepare(e, &p));
    size_t n = 0;
    assert_false(cl_engine_test_rules(e, &n, &p));
    assert_int_equal(n, 2);
    assert_true(same_problems(&p, (const char *[]){"$D/nomatch/r.yaml:6:15: example of rule 'count' does not match",
                                                   NULL}));
    cl_problems_free(&p);
    cl_engine_free(e);
}

/* ---- Small things ------------------------------------------------------------------------------ */

static void test_frees_and_helpers(void **state)
{
    (void)state;
    cl_report_free(NULL);
    cl_problems_free(NULL);
    cl_problems empty = {0};
    cl_problems_free(&empty);
    cl_report *r = calloc(1, sizeof *r); /* an empty report, as a caller might build one */
    cl_report_free(r);

    assert_true(cl_date_option_valid("2024-10-31"));
    assert_true(cl_date_option_valid("2024-10"));
    assert_true(cl_date_option_valid("2024"));
    assert_false(cl_date_option_valid("2024-13"));
    assert_false(cl_date_option_valid("yesterday"));
    assert_false(cl_date_option_valid(""));
    assert_false(cl_date_option_valid(NULL));
    assert_string_equal(cl_version(), CL_VERSION); /* the build's VERSION file */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_load_dir),
        cmocka_unit_test(test_engine_load_problems),
        cmocka_unit_test(test_engine_prepare_problems),
        cmocka_unit_test(test_session_check),
        cmocka_unit_test(test_session_document_date_and_cross),
        cmocka_unit_test(test_session_invalid_utf8),
        cmocka_unit_test(test_session_limit_hit),
        cmocka_unit_test(test_rules_pass),
        cmocka_unit_test(test_rules_failures),
        cmocka_unit_test(test_rules_does_not_match),
        cmocka_unit_test(test_frees_and_helpers),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
