/* Unit tests of the output formats through the public API only: the golden
 * pack is loaded, a small article is checked in memory, and the JSON and
 * SARIF documents are parsed back with libyaml (YAML 1.1 reads JSON) so that
 * every required field is asserted by its path, not by comparing text. The
 * GitHub workflow commands are matched line by line, and the escaping
 * functions are tried on tricky strings. */
#include "unit.h"

#include <regex.h>
#include <yaml.h>

#include "claimlint.h"

#define PACK "tests/golden/_pack"

/* Line 1: the claim 160项 at byte 28, code point 14, UTF-16 unit 14.
 * Line 2: 山中仲弥 after two characters beyond U+FFFF: code point 4, UTF-16 6. */
static const char ARTICLE[] = "截至2024年10月，其中160项干细胞药物IND已获批。\n"
                              "𠮷𠮷：山中仲弥获奖。\n";

static cl_engine *engine;
static cl_rule_info *rules;
static size_t n_rules;

static int setup_engine(void **state)
{
    cl_problems p = {0};
    engine = cl_engine_new(&p);
    if (!engine || !cl_engine_load_dir(engine, PACK, &p) || !cl_engine_prepare(engine, &p)) {
        for (size_t i = 0; i < p.len; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", p.items[i].file ? p.items[i].file : "", p.items[i].line,
                    p.items[i].column, p.items[i].message);
        cl_problems_free(&p);
        return -1;
    }
    cl_problems_free(&p);
    n_rules = cl_engine_rule_count(engine);
    rules = calloc(n_rules, sizeof *rules);
    for (size_t i = 0; i < n_rules; i++)
        cl_engine_rule_info(engine, i, &rules[i]);
    return 0;
}

static int teardown_engine(void **state)
{
    free(rules);
    cl_engine_free(engine);
    return 0;
}

/* ---- Checking and rendering ---------------------------------------------- */

static cl_report *check_article(cl_column_kind columns)
{
    cl_session_options so = {.date = "2025-01-01", .columns = columns, .cross_document = true};
    cl_session *s = cl_session_new(engine, &so);
    cl_report *r = cl_session_check(s, "article.txt", ARTICLE, strlen(ARTICLE));
    cl_session_free(s);
    assert_non_null(r);
    assert_false(r->failed);
    return r;
}

static cl_summary summarize(const cl_report *r)
{
    cl_summary sum = {0};
    sum.status = cl_summary_add(&sum, r) >= CL_SEVERITY_WARNING;
    return sum;
}

static void append(char **all, size_t *len, char *part)
{
    size_t n = strlen(part);
    *all = realloc(*all, *len + n + 1);
    memcpy(*all + *len, part, n + 1);
    *len += n;
    free(part);
}

/* begin + each report + end, as the CLI prints them. */
static char *render(cl_output_format format, cl_column_kind columns, const cl_report *const *reports, size_t n)
{
    cl_writer_options wo = {.format = format, .columns = columns, .rules = rules, .n_rules = n_rules};
    cl_writer *w = cl_writer_new(&wo);
    char *all = NULL;
    size_t len = 0;
    cl_summary sum = {0};
    append(&all, &len, cl_writer_begin(w));
    for (size_t i = 0; i < n; i++) {
        append(&all, &len, cl_writer_report(w, reports[i], NULL, 0));
        cl_summary s = summarize(reports[i]);
        sum.errors += s.errors, sum.warnings += s.warnings, sum.notes += s.notes;
        sum.files++, sum.files_with_findings += s.files_with_findings;
        sum.status = sum.status > s.status ? sum.status : s.status;
    }
    append(&all, &len, cl_writer_end(w, &sum));
    cl_writer_free(w);
    return all;
}

/* ---- A parsed document and paths into it --------------------------------- */

typedef struct doc {
    yaml_document_t d;
    bool ok;
} doc;

static void parse(doc *out, const char *text)
{
    yaml_parser_t p;
    assert_true(yaml_parser_initialize(&p));
    yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
    out->ok = yaml_parser_load(&p, &out->d) && yaml_document_get_root_node(&out->d);
    if (!out->ok)
        fprintf(stderr, "libyaml: %s at line %zu column %zu\n%s\n", p.problem ? p.problem : "no document",
                p.problem_mark.line + 1, p.problem_mark.column + 1, text);
    yaml_parser_delete(&p);
    assert_true(out->ok);
}

static void doc_free(doc *d)
{
    yaml_document_delete(&d->d);
}

/* The node at a dotted path from n ("runs.0.tool.driver.name"): mapping keys
 * by name, sequence items by index. NULL when any step is missing. */
static yaml_node_t *node_at(doc *d, yaml_node_t *n, const char *path)
{
    char step[128];
    while (n && *path) {
        size_t k = strcspn(path, ".");
        assert_true(k < sizeof step);
        memcpy(step, path, k);
        step[k] = 0;
        path += k + (path[k] == '.');
        if (n->type == YAML_MAPPING_NODE) {
            yaml_node_t *next = NULL;
            for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
                yaml_node_t *key = yaml_document_get_node(&d->d, pr->key);
                if (key && key->type == YAML_SCALAR_NODE && strcmp((char *)key->data.scalar.value, step) == 0)
                    next = yaml_document_get_node(&d->d, pr->value);
            }
            n = next;
        } else if (n->type == YAML_SEQUENCE_NODE) {
            char *end;
            long i = strtol(step, &end, 10);
            yaml_node_item_t *items = n->data.sequence.items.start;
            long count = n->data.sequence.items.top - items;
            n = (*end || i < 0 || i >= count) ? NULL : yaml_document_get_node(&d->d, items[i]);
        } else {
            n = NULL;
        }
    }
    return n;
}

static yaml_node_t *at(doc *d, const char *fmt, ...)
{
    char path[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    yaml_node_t *n = node_at(d, yaml_document_get_root_node(&d->d), path);
    if (!n)
        fprintf(stderr, "no node at %s\n", path);
    return n;
}

/* A JSON string: a scalar written in double quotes. */
static const char *str_at(doc *d, const char *path)
{
    yaml_node_t *n = at(d, "%s", path);
    assert_non_null(n);
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
        fprintf(stderr, "%s is not a string\n", path);
        fail();
    }
    return (const char *)n->data.scalar.value;
}

/* A JSON number or literal: a plain scalar. */
static const char *plain_at(doc *d, const char *path)
{
    yaml_node_t *n = at(d, "%s", path);
    assert_non_null(n);
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        fprintf(stderr, "%s is not a number or literal\n", path);
        fail();
    }
    return (const char *)n->data.scalar.value;
}

static long num_at(doc *d, const char *path)
{
    const char *s = plain_at(d, path);
    char *end;
    long v = strtol(s, &end, 10);
    if (*end) {
        fprintf(stderr, "%s is %s, not an integer\n", path, s);
        fail();
    }
    return v;
}

static size_t len_at(doc *d, const char *path)
{
    yaml_node_t *n = at(d, "%s", path);
    assert_non_null(n);
    assert_int_equal(n->type, YAML_SEQUENCE_NODE);
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static bool has(doc *d, const char *path)
{
    return node_at(d, yaml_document_get_root_node(&d->d), path) != NULL;
}

/* The string at path, or NULL for JSON null. */
static const char *str_or_null_at(doc *d, const char *path)
{
    yaml_node_t *n = at(d, "%s", path);
    assert_non_null(n);
    assert_int_equal(n->type, YAML_SCALAR_NODE);
    if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        assert_string_equal((char *)n->data.scalar.value, "null");
        return NULL;
    }
    return str_at(d, path);
}

#define P(...) (snprintf(path, sizeof path, __VA_ARGS__), path)

/* ---- JSON ---------------------------------------------------------------- */

/* The findings of the article, parsed back, against the report they came
 * from and against positions worked out by hand. */
static void test_json_fields(void **state)
{
    cl_report *r = check_article(CL_COLUMNS_CHAR);
    assert_int_equal(r->n_diags, 2);
    const cl_report *reports[] = {r};
    char *out = render(CL_OUTPUT_JSON, CL_COLUMNS_CHAR, reports, 1);
    doc d;
    char path[256];
    parse(&d, out);

    assert_string_equal(plain_at(&d, "version"), "1");
    assert_string_equal(str_at(&d, "tool.name"), "claimlint");
    assert_string_equal(str_at(&d, "tool.version"), cl_version());
    assert_string_equal(str_at(&d, "column_unit"), "char");
    assert_int_equal(len_at(&d, "diagnostics"), 2);

    static const struct {
        int line, column, end_column;
        const char *rule, *fact, *text, *note_file;
        int note_line, note_column;
    } want[] = {
        {1, 14, 18, "t-cleared", "t.ind.cleared", "160项", PACK "/reference.yaml", 23, 16},
        {2, 4, 8, "t-name", "t.person", "山中仲弥", PACK "/reference.yaml", 45, 10},
    };
    for (size_t i = 0; i < 2; i++) {
        const cl_diag *g = &r->diags[i];
        assert_string_equal(str_at(&d, P("diagnostics.%zu.file", i)), "article.txt");
        assert_int_equal(num_at(&d, P("diagnostics.%zu.line", i)), want[i].line);
        assert_int_equal(num_at(&d, P("diagnostics.%zu.column", i)), want[i].column);
        assert_int_equal(num_at(&d, P("diagnostics.%zu.end_line", i)), want[i].line);
        assert_int_equal(num_at(&d, P("diagnostics.%zu.end_column", i)), want[i].end_column);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.severity", i)), "warning");
        assert_string_equal(str_at(&d, P("diagnostics.%zu.rule", i)), want[i].rule);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.message", i)), g->message);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.fact", i)), want[i].fact);
        assert_non_null(g->claimed);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.claimed", i)), g->claimed);
        assert_non_null(g->reference);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.reference", i)), g->reference);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.text", i)), want[i].text);
        char *fp = cl_diag_fingerprint(g);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.fingerprint", i)), fp);
        free(fp);
        assert_false(has(&d, P("diagnostics.%zu.remark", i)));
        assert_int_equal(len_at(&d, P("diagnostics.%zu.notes", i)), g->n_notes);
        assert_true(g->n_notes >= 1);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.notes.0.file", i)), want[i].note_file);
        assert_int_equal(num_at(&d, P("diagnostics.%zu.notes.0.line", i)), want[i].note_line);
        assert_int_equal(num_at(&d, P("diagnostics.%zu.notes.0.column", i)), want[i].note_column);
        assert_string_equal(str_at(&d, P("diagnostics.%zu.notes.0.message", i)), g->notes[0].message);
    }
    assert_int_equal(num_at(&d, "summary.errors"), 0);
    assert_int_equal(num_at(&d, "summary.warnings"), 2);
    assert_int_equal(num_at(&d, "summary.notes"), 0);
    assert_int_equal(num_at(&d, "summary.files"), 1);
    assert_int_equal(num_at(&d, "summary.files_with_findings"), 1);
    assert_int_equal(num_at(&d, "summary.status"), 1);

    doc_free(&d);
    free(out);
    cl_report_free(r);
}

/* Each column unit is named in the document and used for every column. */
static void test_json_column_units(void **state)
{
    static const struct {
        cl_column_kind kind;
        const char *name;
        int col1, col2;
    } units[] = {
        {CL_COLUMNS_BYTE, "byte", 28, 12},
        {CL_COLUMNS_CHAR, "char", 14, 4},
        {CL_COLUMNS_DISPLAY, "display", 21, 7},
        {CL_COLUMNS_UTF16, "utf16", 14, 6},
    };
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        cl_report *r = check_article(units[u].kind);
        const cl_report *reports[] = {r};
        char *out = render(CL_OUTPUT_JSON, units[u].kind, reports, 1);
        doc d;
        parse(&d, out);
        assert_string_equal(str_at(&d, "column_unit"), units[u].name);
        assert_int_equal(num_at(&d, "diagnostics.0.column"), units[u].col1);
        assert_int_equal(num_at(&d, "diagnostics.1.column"), units[u].col2);
        doc_free(&d);
        free(out);
        cl_report_free(r);
    }
}

/* Strings survive the JSON writer whatever they hold: quotes, backslashes,
 * every control character, DEL, CJK and characters beyond U+FFFF; null
 * fields are JSON null. */
static void test_json_string_escaping(void **state)
{
    char controls[40];
    size_t k = 0;
    for (int c = 1; c < 0x20; c++)
        controls[k++] = (char)c;
    controls[k++] = 0x7F;
    controls[k] = 0;
    char *message = NULL;
    size_t len = 0;
    append(&message, &len, strdup("say \"160\" \\ C:\\path\\ / tab\there, crlf\r\n then: "));
    append(&message, &len, strdup(controls));
    append(&message, &len, strdup(" 中文，山中伸彌 𠮷 “quoted” end\\"));

    cl_diag_note note = {.file = "ref \"x\".yaml", .line = 2, .column = 3, .message = "a\\b\n\"c\""};
    cl_diag g = {.file = "dir/新 \"闻\".txt", .line = 1, .column = 1, .end_line = 1, .end_column = 2,
                 .severity = CL_SEVERITY_ERROR, .rule = "r-1", .message = message, .fact = NULL,
                 .claimed = "\x01\x02", .reference = "", .text = "\"", .notes = &note, .n_notes = 1};
    cl_report rep = {.file = g.file, .diags = &g, .n_diags = 1};
    const cl_report *reports[] = {&rep};
    char *out = render(CL_OUTPUT_JSON, CL_COLUMNS_BYTE, reports, 1);

    /* No raw control character reaches the output but the newlines between items. */
    for (const unsigned char *p = (const unsigned char *)out; *p; p++)
        if (*p != '\n')
            assert_true(*p >= 0x20 && *p != 0x7F);
    assert_non_null(strstr(out, "\\u0001"));
    assert_non_null(strstr(out, "\\u007f"));
    assert_non_null(strstr(out, "\\\"160\\\""));

    doc d;
    parse(&d, out);
    assert_string_equal(str_at(&d, "diagnostics.0.message"), message);
    assert_string_equal(str_at(&d, "diagnostics.0.file"), "dir/新 \"闻\".txt");
    assert_null(str_or_null_at(&d, "diagnostics.0.fact"));
    assert_string_equal(str_at(&d, "diagnostics.0.claimed"), "\x01\x02");
    assert_string_equal(str_at(&d, "diagnostics.0.reference"), "");
    assert_string_equal(str_at(&d, "diagnostics.0.text"), "\"");
    assert_string_equal(str_at(&d, "diagnostics.0.severity"), "error");
    assert_string_equal(str_at(&d, "diagnostics.0.notes.0.file"), "ref \"x\".yaml");
    assert_string_equal(str_at(&d, "diagnostics.0.notes.0.message"), "a\\b\n\"c\"");
    assert_int_equal(num_at(&d, "summary.errors"), 1);
    assert_int_equal(num_at(&d, "summary.status"), 1);
    doc_free(&d);
    free(out);

    /* A problem with the input has no rule: null, not "". */
    g.rule = NULL;
    out = render(CL_OUTPUT_JSON, CL_COLUMNS_BYTE, reports, 1);
    parse(&d, out);
    assert_null(str_or_null_at(&d, "diagnostics.0.rule"));
    doc_free(&d);
    free(out);
    free(message);
}

/* JSON is UTF-8 whatever the strings hold: a file name or a message quoting
 * bytes that are not UTF-8 (a stray 0xFF, a lone continuation byte, a
 * truncated sequence, an encoded surrogate) gets U+FFFD for each bad byte. */
static void test_json_invalid_utf8(void **state)
{
    cl_diag g = {.file = "bad\xff.txt", .line = 1, .column = 1, .end_line = 1, .end_column = 2,
                 .severity = CL_SEVERITY_WARNING, .rule = "r", .message = "rule '\x80x' and \xe4\xb8 end \xed\xa0\x80 中",
                 .text = "ok"};
    cl_report rep = {.file = g.file, .diags = &g, .n_diags = 1};
    const cl_report *reports[] = {&rep};
    char *out = render(CL_OUTPUT_JSON, CL_COLUMNS_BYTE, reports, 1);
    size_t n = strlen(out);
    for (size_t i = 0, len; i < n; i += len)
        assert_true(cl_utf8_decode((const unsigned char *)out + i, n - i, &len) != CL_UTF8_INVALID);
    doc d;
    parse(&d, out);
    assert_string_equal(str_at(&d, "diagnostics.0.file"), "bad\uFFFD.txt");
    assert_string_equal(str_at(&d, "diagnostics.0.message"),
                        "rule '\uFFFDx' and \uFFFD\uFFFD end \uFFFD\uFFFD\uFFFD 中");
    doc_free(&d);
    free(out);
}

/* No findings: an empty list, and the summary still parses. */
static void test_json_empty(void **state)
{
    cl_report rep = {.file = "clean.txt"};
    const cl_report *reports[] = {&rep};
    char *out = render(CL_OUTPUT_JSON, CL_COLUMNS_UTF16, reports, 1);
    doc d;
    parse(&d, out);
    assert_int_equal(len_at(&d, "diagnostics"), 0);
    assert_string_equal(str_at(&d, "column_unit"), "utf16");
    assert_int_equal(num_at(&d, "summary.files"), 1);
    assert_int_equal(num_at(&d, "summary.files_with_findings"), 0);
    assert_int_equal(num_at(&d, "summary.status"), 0);
    doc_free(&d);
    free(out);
}

/* ---- SARIF --------------------------------------------------------------- */

static const char *sarif_level(const char *severity)
{
    return strcmp(severity, "error") == 0 ? "error" : strcmp(severity, "note") == 0 ? "note" : "warning";
}

static void check_sarif(cl_column_kind columns, const char *column_kind)
{
    cl_report *r = check_article(columns);
    const cl_report *reports[] = {r};
    char *out = render(CL_OUTPUT_SARIF, columns, reports, 1);
    doc d;
    char path[256];
    parse(&d, out);

    assert_string_equal(str_at(&d, "version"), "2.1.0");
    assert_non_null(strstr(str_at(&d, "$schema"), "sarif-2.1.0"));
    assert_int_equal(len_at(&d, "runs"), 1);
    assert_string_equal(str_at(&d, "runs.0.tool.driver.name"), "claimlint");
    assert_string_equal(str_at(&d, "runs.0.tool.driver.version"), cl_version());
    assert_string_equal(str_at(&d, "runs.0.columnKind"), column_kind);

    /* Every loaded rule, in order, then the rule of problems with the input. */
    size_t n = len_at(&d, "runs.0.tool.driver.rules");
    assert_int_equal(n, n_rules + 1);
    for (size_t i = 0; i < n; i++) {
        const char *id = str_at(&d, P("runs.0.tool.driver.rules.%zu.id", i));
        assert_string_equal(id, i < n_rules ? rules[i].id : "claimlint-input");
        assert_true(*str_at(&d, P("runs.0.tool.driver.rules.%zu.shortDescription.text", i)));
        assert_true(*str_at(&d, P("runs.0.tool.driver.rules.%zu.help.text", i)));
        const char *level = str_at(&d, P("runs.0.tool.driver.rules.%zu.defaultConfiguration.level", i));
        assert_string_equal(level, i < n_rules ? sarif_level(rules[i].severity) : "warning");
    }

    assert_int_equal(len_at(&d, "runs.0.results"), r->n_diags);
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *g = &r->diags[i];
        const char *rule_id = str_at(&d, P("runs.0.results.%zu.ruleId", i));
        assert_string_equal(rule_id, g->rule);
        long idx = num_at(&d, P("runs.0.results.%zu.ruleIndex", i));
        assert_true(idx >= 0 && (size_t)idx < n);
        assert_string_equal(str_at(&d, P("runs.0.tool.driver.rules.%ld.id", idx)), rule_id);
        assert_string_equal(str_at(&d, P("runs.0.results.%zu.level", i)), "warning");
        assert_string_equal(str_at(&d, P("runs.0.results.%zu.message.text", i)), g->message);
        assert_string_equal(str_at(&d, P("runs.0.results.%zu.locations.0.physicalLocation.artifactLocation.uri", i)),
                            "article.txt");
#define REGION "runs.0.results.%zu.locations.0.physicalLocation.region."
        assert_int_equal(num_at(&d, P(REGION "startLine", i)), g->line);
        assert_int_equal(num_at(&d, P(REGION "startColumn", i)), g->column);
        assert_int_equal(num_at(&d, P(REGION "endLine", i)), g->end_line);
        assert_int_equal(num_at(&d, P(REGION "endColumn", i)), g->end_column);
#undef REGION
        char *fp = cl_diag_fingerprint(g);
        assert_string_equal(str_at(&d, P("runs.0.results.%zu.partialFingerprints.claimlint/v1", i)), fp);
        free(fp);
        assert_int_equal(len_at(&d, P("runs.0.results.%zu.relatedLocations", i)), g->n_notes);
        for (size_t k = 0; k < g->n_notes; k++) {
            assert_int_equal(num_at(&d, P("runs.0.results.%zu.relatedLocations.%zu.id", i, k)), k + 1);
            assert_string_equal(str_at(&d, P("runs.0.results.%zu.relatedLocations.%zu.message.text", i, k)),
                                g->notes[k].message);
            assert_string_equal(
                str_at(&d, P("runs.0.results.%zu.relatedLocations.%zu.physicalLocation.artifactLocation.uri", i, k)),
                PACK "/reference.yaml");
            assert_int_equal(
                num_at(&d, P("runs.0.results.%zu.relatedLocations.%zu.physicalLocation.region.startLine", i, k)),
                g->notes[k].line);
            assert_int_equal(
                num_at(&d, P("runs.0.results.%zu.relatedLocations.%zu.physicalLocation.region.startColumn", i, k)),
                g->notes[k].column);
        }
        assert_string_equal(str_at(&d, P("runs.0.results.%zu.properties.fact", i)), g->fact);
    }
    assert_string_equal(plain_at(&d, "runs.0.invocations.0.executionSuccessful"), "true");
    assert_int_equal(num_at(&d, "runs.0.invocations.0.exitCode"), 1);
    doc_free(&d);
    free(out);
    cl_report_free(r);
}

static void test_sarif_utf16(void **state)
{
    check_sarif(CL_COLUMNS_UTF16, "utf16CodeUnits");
}

static void test_sarif_char(void **state)
{
    check_sarif(CL_COLUMNS_CHAR, "unicodeCodePoints");
}

/* The columns themselves: UTF-16 units differ from code points on line 2. */
static void test_sarif_columns(void **state)
{
    cl_report *r = check_article(CL_COLUMNS_UTF16);
    const cl_report *reports[] = {r};
    char *out = render(CL_OUTPUT_SARIF, CL_COLUMNS_UTF16, reports, 1);
    doc d;
    parse(&d, out);
    assert_int_equal(num_at(&d, "runs.0.results.0.locations.0.physicalLocation.region.startColumn"), 14);
    assert_int_equal(num_at(&d, "runs.0.results.1.locations.0.physicalLocation.region.startLine"), 2);
    assert_int_equal(num_at(&d, "runs.0.results.1.locations.0.physicalLocation.region.startColumn"), 6);
    assert_int_equal(num_at(&d, "runs.0.results.1.locations.0.physicalLocation.region.endColumn"), 10);
    doc_free(&d);
    free(out);
    cl_report_free(r);
}

/* A problem with the input: ruleId claimlint-input, ruleIndex at the rule
 * appended after the loaded ones; a path that needs percent-encoding. */
/* cl_summary_add: findings by severity, remarks left out, the file counted
 * with or without findings, the worst severity returned. */
static void test_summary_add(void **state)
{
    (void)state;
    cl_diag d[4] = {
        {.file = "a.txt", .severity = CL_SEVERITY_ERROR, .remark = true, .message = "a remark"},
        {.file = "a.txt", .severity = CL_SEVERITY_NOTE, .message = "n"},
        {.file = "a.txt", .severity = CL_SEVERITY_WARNING, .message = "w"},
        {.file = "a.txt", .severity = CL_SEVERITY_WARNING, .message = "w2"},
    };
    cl_report with = {.file = "a.txt", .diags = d, .n_diags = 4};
    cl_report remark_only = {.file = "b.txt", .diags = d, .n_diags = 1};
    cl_report none = {.file = "c.txt"};
    cl_summary s = {0};
    assert_int_equal(cl_summary_add(&s, &with), CL_SEVERITY_WARNING);
    assert_int_equal(cl_summary_add(&s, &remark_only), -1);
    assert_int_equal(cl_summary_add(&s, &none), -1);
    assert_int_equal(s.errors, 0);
    assert_int_equal(s.warnings, 2);
    assert_int_equal(s.notes, 1);
    assert_int_equal(s.files, 3);
    assert_int_equal(s.files_with_findings, 1);
}

static void test_sarif_input_problem(void **state)
{
    cl_diag g = {.file = "./新 闻.txt", .severity = CL_SEVERITY_ERROR, .message = "invalid UTF-8"};
    cl_report rep = {.file = g.file, .diags = &g, .n_diags = 1, .failed = true};
    const cl_report *reports[] = {&rep};
    char *out = render(CL_OUTPUT_SARIF, CL_COLUMNS_UTF16, reports, 1);
    doc d;
    char path[256];
    parse(&d, out);
    assert_string_equal(str_at(&d, "runs.0.results.0.ruleId"), "claimlint-input");
    long idx = num_at(&d, "runs.0.results.0.ruleIndex");
    assert_int_equal(idx, n_rules);
    assert_string_equal(str_at(&d, P("runs.0.tool.driver.rules.%ld.id", idx)), "claimlint-input");
    assert_string_equal(str_at(&d, "runs.0.results.0.level"), "error");
    assert_string_equal(str_at(&d, "runs.0.results.0.locations.0.physicalLocation.artifactLocation.uri"),
                        "%E6%96%B0%20%E9%97%BB.txt");
    /* A whole-file problem sits on line 1: GitHub wants a startLine. */
    assert_int_equal(num_at(&d, "runs.0.results.0.locations.0.physicalLocation.region.startLine"), 1);
    assert_false(has(&d, "runs.0.results.0.locations.0.physicalLocation.region.startColumn"));
    assert_false(has(&d, "runs.0.results.0.relatedLocations"));
    doc_free(&d);
    free(out);
}

/* ---- GitHub workflow commands -------------------------------------------- */

static void test_github_escape(void **state)
{
    static const struct {
        const char *in, *data, *property;
    } cases[] = {
        {"", "", ""},
        {"plain", "plain", "plain"},
        {"100%", "100%25", "100%25"},
        {"%0A is not a newline", "%250A is not a newline", "%250A is not a newline"},
        {"a\nb", "a%0Ab", "a%0Ab"},
        {"a\r\nb\r", "a%0D%0Ab%0D", "a%0D%0Ab%0D"},
        {"key: value, more", "key: value, more", "key%3A value%2C more"},
        {"::error file=x::y", "::error file=x::y", "%3A%3Aerror file=x%3A%3Ay"},
        {"C:\\dir\\a,b.txt", "C:\\dir\\a,b.txt", "C%3A\\dir\\a%2Cb.txt"},
        {"中文：，%𠮷", "中文：，%25𠮷", "中文：，%25𠮷"}, /* full-width ： and ， are not ':' ',' */
        {"%%::,,\n\n", "%25%25::,,%0A%0A", "%25%25%3A%3A%2C%2C%0A%0A"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *data = cl_github_escape_data(cases[i].in);
        char *prop = cl_github_escape_property(cases[i].in);
        assert_string_equal(data, cases[i].data);
        assert_string_equal(prop, cases[i].property);
        free(data), free(prop);
    }
    char *data = cl_github_escape_data(NULL);
    char *prop = cl_github_escape_property(NULL);
    assert_string_equal(data, "");
    assert_string_equal(prop, "");
    free(data), free(prop);
}

static void assert_matches(const char *re, const char *s)
{
    regex_t rx;
    assert_int_equal(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
    int rc = regexec(&rx, s, 0, NULL, 0);
    if (rc != 0)
        fprintf(stderr, "/%s/ does not match:\n%s\n", re, s);
    regfree(&rx);
    assert_int_equal(rc, 0);
}

#define GITHUB_LINE "^::(error|warning|notice) file=[^,:]+,line=[0-9]+,col=[0-9]+(,endLine=[0-9]+,endColumn=[0-9]+)?,title=[^,:]+::"

static void test_github_lines(void **state)
{
    cl_report *r = check_article(CL_COLUMNS_CHAR);
    const cl_report *reports[] = {r};
    char *out = render(CL_OUTPUT_GITHUB, CL_COLUMNS_CHAR, reports, 1);
    /* One line per finding, the notes inside it. */
    size_t lines = 0;
    for (char *line = out, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = 0;
        assert_matches(GITHUB_LINE "[^\r]*$", line);
        lines++;
    }
    assert_int_equal(lines, 2);
    free(out);
    out = render(CL_OUTPUT_GITHUB, CL_COLUMNS_CHAR, reports, 1);
    /* endColumn is inclusive: the last character of 160项 (14..17). */
    assert_non_null(strstr(out, "::warning file=article.txt,line=1,col=14,endLine=1,endColumn=17,title=t-cleared::"));
    assert_non_null(strstr(out, "::warning file=article.txt,line=2,col=4,endLine=2,endColumn=7,title=t-name::"));
    assert_non_null(strstr(out, "%0A" PACK "/reference.yaml:23:16: note: "));
    free(out);
    cl_report_free(r);
}

/* Hostile names and messages stay on one line and inside their fields. */
static void test_github_escaping_in_output(void **state)
{
    cl_diag_note notes[] = {{.file = "ref.yaml", .line = 3, .column = 5, .message = "source: 100%"},
                            {.file = "other.yaml", .message = "no position"}};
    cl_diag g = {.file = "dir/a,b:c.txt", .line = 7, .column = 2, .end_line = 7, .end_column = 5,
                 .severity = CL_SEVERITY_NOTE, .rule = "r:1,x", .message = "50% of a\r\nb, c: d",
                 .notes = notes, .n_notes = 2};
    cl_report rep = {.file = g.file, .diags = &g, .n_diags = 1};
    const cl_report *reports[] = {&rep};
    char *out = render(CL_OUTPUT_GITHUB, CL_COLUMNS_CHAR, reports, 1);
    assert_string_equal(out, "::notice file=dir/a%2Cb%3Ac.txt,line=7,col=2,endLine=7,endColumn=4,title=r%3A1%2Cx::"
                             "50%25 of a%0D%0Ab, c: d%0Aref.yaml:3:5: note: source: 100%25%0Aother.yaml: note: "
                             "no position\n");
    assert_matches(GITHUB_LINE, out);
    free(out);

    /* No position: no line, col or end. */
    cl_diag h = {.file = "x.txt", .severity = CL_SEVERITY_ERROR, .message = "cannot read"};
    cl_report rep2 = {.file = h.file, .diags = &h, .n_diags = 1};
    reports[0] = &rep2;
    out = render(CL_OUTPUT_GITHUB, CL_COLUMNS_CHAR, reports, 1);
    assert_string_equal(out, "::error file=x.txt,title=claimlint-input::cannot read\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_fields),
        cmocka_unit_test(test_json_column_units),
        cmocka_unit_test(test_json_string_escaping),
        cmocka_unit_test(test_json_invalid_utf8),
        cmocka_unit_test(test_json_empty),
        cmocka_unit_test(test_sarif_utf16),
        cmocka_unit_test(test_sarif_char),
        cmocka_unit_test(test_sarif_columns),
        cmocka_unit_test(test_sarif_input_problem),
        cmocka_unit_test(test_summary_add),
        cmocka_unit_test(test_github_escape),
        cmocka_unit_test(test_github_lines),
        cmocka_unit_test(test_github_escaping_in_output),
    };
    return cmocka_run_group_tests(tests, setup_engine, teardown_engine);
}
