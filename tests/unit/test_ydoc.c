/* Unit tests for YAML documents with positions (src/data/ydoc): loading,
 * file:line:column positions with BYTE columns (libyaml counts characters),
 * the schema check of mappings (cl_ydoc_fields), syntax errors, empty files,
 * booleans and the node accessors. Expected messages and positions are
 * written out by hand as "file:line:col: message". */
#include "unit.h"

#include "data/ydoc.h"

#include <unistd.h>

/* Compares errs with want (NULL-terminated "file:line:col: message" lines),
 * printing both lists on a mismatch, then frees errs. */
static void expect_errors(cl_errors *errs, const char *const *want)
{
    bool same = unit_same_errors(errs, want);
    cl_errors_free(errs);
    assert_true(same);
}

static bool load(cl_ydoc *d, const char *text, cl_errors *errs)
{
    return cl_ydoc_load_string(d, "t.yaml", text, strlen(text), errs);
}

/* The fields of the schema tests: a small "rule". */
enum { F_ID, F_PATTERNS, F_FACT, F_NOTE, F_N };
static const cl_yfield FIELDS[] = {
    [F_ID] = {"id", CL_Y_STR, true},
    [F_PATTERNS] = {"patterns", CL_Y_STR_OR_SEQ, true},
    [F_FACT] = {"fact", CL_Y_STR, true},
    [F_NOTE] = {"note", CL_Y_STR, false},
    [F_N] = {NULL, 0, false},
};

/* Loads text (which must parse) and runs cl_ydoc_fields on its root. */
static bool fields_of(const char *text, yaml_node_t **found, cl_errors *errs, cl_ydoc *d)
{
    cl_errors none = {0};
    if (!load(d, text, &none)) {
        expect_errors(&none, (const char *[]){NULL});
        return false;
    }
    return cl_ydoc_fields(d, cl_ydoc_root(d), FIELDS, found, "rule", errs);
}

/* ---- Loading and positions ---------------------------------------------------- */

static void test_load_and_positions(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    const char *text = "id: x\n"
                       "label: 干细胞药物\n"
                       "list:\n"
                       "  - 一\n"
                       "  - {名称: 中文, key: v}\n";
    assert_true(load(&d, text, &errs));
    assert_int_equal(errs.len, 0);
    assert_string_equal(d.path, "t.yaml");
    assert_int_equal(d.len, strlen(text));
    yaml_node_t *root = cl_ydoc_root(&d);
    assert_true(cl_ydoc_is_map(root));
    assert_false(cl_ydoc_is_seq(root));
    assert_false(cl_ydoc_is_scalar(root));
    assert_null(cl_ydoc_str(root));

    yaml_node_pair_t *p = root->data.mapping.pairs.start;
    int line, col;
    /* label's value starts after "label: " on line 2 */
    yaml_node_t *label = cl_ydoc_node(&d, p[1].value);
    assert_string_equal(cl_ydoc_str(label), "干细胞药物");
    cl_ydoc_pos(&d, label, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 8);

    yaml_node_t *list = cl_ydoc_node(&d, p[2].value);
    assert_true(cl_ydoc_is_seq(list));
    assert_int_equal(cl_ydoc_seq_len(list), 2);
    assert_int_equal(cl_ydoc_seq_len(label), 0); /* not a list */
    yaml_node_t *one = cl_ydoc_seq_at(&d, list, 0);
    assert_string_equal(cl_ydoc_str(one), "一");
    cl_ydoc_pos(&d, one, &line, &col);
    assert_int_equal(line, 4);
    assert_int_equal(col, 5);

    /* In "  - {名称: 中文, key: v}" the key 'key' is the 14th character but
     * starts at byte 22: "  - {" is 5 bytes, "名称: 中文, " 6+2+6+2 = 16. */
    yaml_node_t *flow = cl_ydoc_seq_at(&d, list, 1);
    assert_true(cl_ydoc_is_map(flow));
    yaml_node_t *key = cl_ydoc_node(&d, flow->data.mapping.pairs.start[1].key);
    assert_string_equal(cl_ydoc_str(key), "key");
    cl_ydoc_pos(&d, key, &line, &col);
    assert_int_equal(line, 5);
    assert_int_equal(col, 22);
    yaml_node_t *val = cl_ydoc_node(&d, flow->data.mapping.pairs.start[1].value);
    cl_ydoc_pos(&d, val, &line, &col);
    assert_int_equal(col, 27);

    /* cl_ydoc_error reports at a node's position */
    cl_ydoc_error(&d, &errs, key, "bad %s %d", "key", 7);
    expect_errors(&errs, (const char *[]){"t.yaml:5:22: bad key 7", NULL});
    cl_ydoc_free(&d);
    assert_null(d.path);
    assert_null(d.text);
    cl_ydoc_free(&d); /* a freed document may be freed again */
}

/* A key after CJK text on the same line gets its byte column. */
static void test_fields_byte_column_after_cjk(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    yaml_node_t *v[F_N];
    /* "{id: 干细胞, " is 1+4+9+2 = 16 bytes (10 characters): 'patern' is byte 17. */
    assert_false(fields_of("{id: 干细胞, patern: x, patterns: y, fact: z}\n", v, &errs, &d));
    expect_errors(&errs, (const char *[]){"t.yaml:1:17: unknown key 'patern' in rule (did you mean 'patterns'?)",
                                          NULL});
    cl_ydoc_free(&d);

    /* A tab after CJK: "id: 中文\t" is 4+6+1 = 11 bytes. */
    assert_false(fields_of("{id: 中文\t, patern: x, patterns: y, fact: z}\n", v, &errs, &d));
    expect_errors(&errs, (const char *[]){"t.yaml:1:15: unknown key 'patern' in rule (did you mean 'patterns'?)",
                                          NULL});
    cl_ydoc_free(&d);

    /* A BOM does not count in line 1's columns, and CRLF ends a line. */
    assert_false(fields_of("\xef\xbb\xbf{patern: 1, id: a, patterns: b, fact: c}\r\n", v, &errs, &d));
    expect_errors(&errs, (const char *[]){"t.yaml:1:2: unknown key 'patern' in rule (did you mean 'patterns'?)",
                                          NULL});
    cl_ydoc_free(&d);
    assert_false(fields_of("id: a\r\npatterns: b\r\nfact: c\r\n名: 1\r\n", v, &errs, &d));
    expect_errors(&errs, (const char *[]){"t.yaml:4:1: unknown key '名' in rule", NULL});
    cl_ydoc_free(&d);
}

/* ---- Schema checks ---------------------------------------------------------------- */

static void test_fields_ok(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    yaml_node_t *v[F_N];
    assert_true(fields_of("fact: f\nid: a\npatterns: [x, y]\n", v, &errs, &d));
    assert_int_equal(errs.len, 0);
    assert_string_equal(cl_ydoc_str(v[F_ID]), "a");
    assert_string_equal(cl_ydoc_str(v[F_FACT]), "f");
    assert_true(cl_ydoc_is_seq(v[F_PATTERNS]));
    assert_null(v[F_NOTE]); /* optional and absent */
    cl_ydoc_free(&d);
}

/* Every problem of one mapping comes out of one call, in file order, the
 * missing keys last (at the mapping). */
static void test_fields_all_problems(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    yaml_node_t *v[F_N];
    const char *text = "id: a\n"
                       "patern: x\n"
                       "id: b\n"
                       "note: [1]\n"
                       "zzz: 1\n"
                       "fcat: q\n";
    assert_false(fields_of(text, v, &errs, &d));
    expect_errors(&errs, (const char *[]){
                             "t.yaml:2:1: unknown key 'patern' in rule (did you mean 'patterns'?)",
                             "t.yaml:3:1: duplicate key 'id' in rule",
                             "t.yaml:4:7: 'note' must be a scalar",
                             "t.yaml:5:1: unknown key 'zzz' in rule", /* nothing close enough to suggest */
                             "t.yaml:6:1: unknown key 'fcat' in rule (did you mean 'fact'?)",
                             "t.yaml:1:1: rule is missing 'patterns'",
                             "t.yaml:1:1: rule is missing 'fact'",
                             NULL});
    /* The first 'id' was kept; the wrongly typed note was not. */
    assert_string_equal(cl_ydoc_str(v[F_ID]), "a");
    assert_null(v[F_NOTE]);
    cl_ydoc_free(&d);

    /* A nested mapping: the missing key is reported at the mapping itself. */
    const char *nested = "rules:\n  - id: a\n    fact: b\n";
    assert_true(cl_ydoc_load_string(&d, "n.yaml", nested, strlen(nested), &errs));
    yaml_node_t *rules = cl_ydoc_node(&d, cl_ydoc_root(&d)->data.mapping.pairs.start[0].value);
    assert_false(cl_ydoc_fields(&d, cl_ydoc_seq_at(&d, rules, 0), FIELDS, v, "rule", &errs));
    expect_errors(&errs, (const char *[]){"n.yaml:2:5: rule is missing 'patterns'", NULL});
    cl_ydoc_free(&d);
}

static void test_fields_not_a_mapping(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    yaml_node_t *v[F_N];
    v[F_ID] = (yaml_node_t *)&d; /* found[] is cleared even on failure */
    assert_false(fields_of("- 1\n- 2\n", v, &errs, &d));
    assert_null(v[F_ID]);
    expect_errors(&errs, (const char *[]){"t.yaml:1:1: rule must be a mapping", NULL});
    cl_ydoc_free(&d);

    assert_false(fields_of("id: a\npatterns: b\nfact: c\n[x]: 1\n", v, &errs, &d));
    expect_errors(&errs, (const char *[]){"t.yaml:4:1: rule keys must be scalars", NULL});
    cl_ydoc_free(&d);
}

/* BUG: cl_ydoc_fields reports a required key that is present with the wrong
 * type twice: "'id' must be a scalar" and then "rule is missing 'id'", which
 * is false (the key is there). Reproduction:
 *   cl_ydoc_fields on "id: [1]\npatterns: p\nfact: f\n" with FIELDS
 * gives  t.yaml:1:5: 'id' must be a scalar
 *        t.yaml:1:1: rule is missing 'id'
 * Correct: only the type error. */
static void test_fields_wrong_type_not_missing(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    yaml_node_t *v[F_N];
    assert_false(fields_of("id: [1]\npatterns: p\nfact: f\n", v, &errs, &d));
    expect_errors(&errs, (const char *[]){"t.yaml:1:5: 'id' must be a scalar", NULL});
    cl_ydoc_free(&d);
}

/* BUG: a key whose first occurrence had the wrong type is not reported as
 * duplicated when it appears again: the second value is silently taken.
 * Reproduction: "id: a\npatterns: p\nfact: f\nnote: [1]\nnote: y\n" gives
 * only "t.yaml:4:7: 'note' must be a scalar" and found[note] = "y".
 * Correct: also "t.yaml:5:1: duplicate key 'note' in rule". */
static void test_fields_duplicate_after_wrong_type(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    yaml_node_t *v[F_N];
    assert_false(fields_of("id: a\npatterns: p\nfact: f\nnote: [1]\nnote: y\n", v, &errs, &d));
    expect_errors(&errs, (const char *[]){"t.yaml:4:7: 'note' must be a scalar",
                                          "t.yaml:5:1: duplicate key 'note' in rule", NULL});
    cl_ydoc_free(&d);
}

static void test_fields_types(void **state)
{
    (void)state;
    static const cl_yfield fields[] = {
        {"s", CL_Y_STR, false},        {"q", CL_Y_SEQ, false},        {"m", CL_Y_MAP, false},
        {"sq", CL_Y_STR_OR_SEQ, false}, {"sm", CL_Y_STR_OR_MAP, false}, {"any", CL_Y_ANY, false},
        {NULL, 0, false}};
    cl_errors errs = {0};
    cl_ydoc d;
    yaml_node_t *v[6];
    const char *good = "{s: x, q: [1], m: {a: 1}, sq: [1], sm: {a: 1}, any: [1]}\n";
    assert_true(load(&d, good, &errs));
    assert_true(cl_ydoc_fields(&d, cl_ydoc_root(&d), fields, v, "thing", &errs));
    assert_int_equal(errs.len, 0);
    cl_ydoc_free(&d);
    const char *bad = "s: [1]\n"
                      "q: x\n"
                      "m: [1]\n"
                      "sq: {a: 1}\n"
                      "sm: [1]\n"
                      "any: {a: 1}\n";
    assert_true(load(&d, bad, &errs));
    assert_false(cl_ydoc_fields(&d, cl_ydoc_root(&d), fields, v, "thing", &errs));
    expect_errors(&errs, (const char *[]){"t.yaml:1:4: 's' must be a scalar", "t.yaml:2:4: 'q' must be a list",
                                          "t.yaml:3:4: 'm' must be a mapping",
                                          "t.yaml:4:5: 'sq' must be a scalar or a list",
                                          "t.yaml:5:5: 'sm' must be a scalar or a mapping", NULL});
    assert_non_null(v[5]); /* 'any' takes anything */
    cl_ydoc_free(&d);
}

/* ---- Syntax errors and empty files --------------------------------------------------- */

static const struct syntax_row {
    const char *text;
    const char *want;
} SYNTAX[] = {
    {"a: [1, 2\nb: 3\n", "t.yaml:2:2: did not find expected ',' or ']' while parsing a flow sequence"},
    {"a: 'unterminated\n", "t.yaml:2:1: found unexpected end of stream while scanning a quoted scalar"},
    {"a: b: c\n", "t.yaml:1:5: mapping values are not allowed in this context"},
    /* the second ':' after 干细胞 is byte 13 (character 8) */
    {"干细胞: a: b\n", "t.yaml:1:13: mapping values are not allowed in this context"},
    {"key: x\n  bad: y\n", "t.yaml:2:6: mapping values are not allowed in this context"},
    {"\t- x\n", "t.yaml:1:1: found character that cannot start any token while scanning for the next token"},
    /* no document at all */
    {"", "t.yaml:1:1: empty file: expected a mapping"},
    {"# only a comment\n\n", "t.yaml:1:1: empty file: expected a mapping"},
};

static void test_syntax_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SYNTAX / sizeof SYNTAX[0]; i++) {
        cl_errors errs = {0};
        cl_ydoc d;
        if (load(&d, SYNTAX[i].text, &errs))
            fail_msg("row %zu parsed: %s", i, SYNTAX[i].text);
        if (errs.len != 1)
            fprintf(stderr, "row %zu: %s\n", i, SYNTAX[i].text);
        expect_errors(&errs, (const char *[]){SYNTAX[i].want, NULL});
        assert_null(cl_ydoc_root(&d)); /* no document, or one without a root */
        cl_ydoc_free(&d); /* safe after a failed load */
    }
}

/* ---- Files ---------------------------------------------------------------------- */

static void test_load_file(void **state)
{
    (void)state;
    cl_errors errs = {0};
    cl_ydoc d;
    assert_false(cl_ydoc_load(&d, "/nonexistent-claimlint/x.yaml", &errs));
    expect_errors(&errs,
                  (const char *[]){"/nonexistent-claimlint/x.yaml:0:0: cannot open: No such file or directory", NULL});
    cl_ydoc_free(&d);

    char path[] = "/tmp/claimlint-test-ydoc-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "a: 1\nb: [\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_false(cl_ydoc_load(&d, path, &errs));
    assert_int_equal(errs.len, 1);
    assert_string_equal(errs.items[0].file, path); /* the path names the file in messages */
    assert_int_equal(errs.items[0].line, 3);
    assert_int_equal(errs.items[0].column, 1);
    cl_errors_free(&errs);
    cl_ydoc_free(&d);

    FILE *f = fopen(path, "wb");
    fputs("k: 值\n", f);
    fclose(f);
    assert_true(cl_ydoc_load(&d, path, &errs));
    assert_int_equal(errs.len, 0);
    assert_string_equal(d.path, path);
    assert_string_equal(d.text, "k: 值\n");
    cl_ydoc_free(&d);
    unlink(path);
}

/* ---- Booleans ------------------------------------------------------------------------ */

static void test_bool(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok, value;
    } rows[] = {{"true", true, true},   {"yes", true, true},    {"on", true, true},   {"false", true, false},
                {"no", true, false},    {"off", true, false},   {"True", false, false}, {"1", false, false},
                {"maybe", false, false}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cl_errors errs = {0};
        cl_ydoc d;
        char text[64];
        snprintf(text, sizeof text, "finding: %s\n", rows[i].text);
        assert_true(load(&d, text, &errs));
        yaml_node_t *n = cl_ydoc_node(&d, cl_ydoc_root(&d)->data.mapping.pairs.start[0].value);
        bool out = !rows[i].value;
        bool ok = cl_ydoc_bool(&d, n, &out, &errs);
        if (ok != rows[i].ok || (ok && out != rows[i].value))
            fail_msg("bool '%s': ok %d value %d", rows[i].text, ok, out);
        if (!ok)
            expect_errors(&errs, (const char *[]){"t.yaml:1:10: expected true or false", NULL});
        cl_errors_free(&errs);
        cl_ydoc_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_and_positions),
        cmocka_unit_test(test_fields_byte_column_after_cjk),
        cmocka_unit_test(test_fields_ok),
        cmocka_unit_test(test_fields_all_problems),
        cmocka_unit_test(test_fields_not_a_mapping),
        cmocka_unit_test(test_fields_wrong_type_not_missing),
        cmocka_unit_test(test_fields_duplicate_after_wrong_type),
        cmocka_unit_test(test_fields_types),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_bool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
