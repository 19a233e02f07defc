/* The configuration files that docs/ci.md and docs/editors.md hand to users,
 * parsed with libyaml (a YAML 1.1 parser, which reads JSON too) and checked
 * for the keys the tools they are for require. What they run is tried in
 * tests/cli/test_ci_examples.sh and tests/editors/. Run from the repository
 * root, as `make unit` does. */
#include "unit.h"

#include <regex.h>
#include <stdbool.h>
#include <yaml.h>

typedef struct doc {
    yaml_document_t d;
} doc;

static void load(doc *out, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
    assert_non_null(f);
    yaml_parser_t p;
    assert_true(yaml_parser_initialize(&p));
    yaml_parser_set_input_file(&p, f);
    bool ok = yaml_parser_load(&p, &out->d) && yaml_document_get_root_node(&out->d);
    if (!ok)
        fprintf(stderr, "%s:%zu:%zu: %s\n", path, p.problem_mark.line + 1, p.problem_mark.column + 1,
                p.problem ? p.problem : "no document");
    yaml_parser_delete(&p);
    fclose(f);
    assert_true(ok);
}

/* The node at a '/'-separated path: mapping keys by name, sequence items by
 * index; NULL when a step is missing. */
static yaml_node_t *at(doc *d, const char *path)
{
    yaml_node_t *n = yaml_document_get_root_node(&d->d);
    char step[128];
    while (n && *path) {
        size_t k = strcspn(path, "/");
        assert_true(k < sizeof step);
        memcpy(step, path, k);
        step[k] = 0;
        path += k + (path[k] == '/');
        if (n->type == YAML_MAPPING_NODE) {
            yaml_node_t *next = NULL;
            for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
                yaml_node_t *key = yaml_document_get_node(&d->d, pr->key);
                if (key->type == YAML_SCALAR_NODE && strcmp((char *)key->data.scalar.value, step) == 0)
                    next = yaml_document_get_node(&d->d, pr->value);
            }
            n = next;
        } else if (n->type == YAML_SEQUENCE_NODE) {
            char *end;
            long i = strtol(step, &end, 10);
            long count = n->data.sequence.items.top - n->data.sequence.items.start;
            n = (*end || i < 0 || i >= count) ? NULL
                                              : yaml_document_get_node(&d->d, n->data.sequence.items.start[i]);
        } else {
            n = NULL;
        }
    }
    return n;
}

static const char *scalar(doc *d, const char *path)
{
    yaml_node_t *n = at(d, path);
    if (!n || n->type != YAML_SCALAR_NODE) {
        fprintf(stderr, "no scalar at %s\n", path);
        fail();
    }
    return (const char *)n->data.scalar.value;
}

static size_t count(doc *d, const char *path)
{
    yaml_node_t *n = at(d, path);
    if (!n || n->type != YAML_SEQUENCE_NODE) {
        fprintf(stderr, "no sequence at %s\n", path);
        fail();
    }
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

/* The first step of the workflow whose `uses` or `run` contains text; -1 if none. */
static long step_with(doc *d, const char *steps, const char *key, const char *text)
{
    char path[256];
    for (size_t i = 0; i < count(d, steps); i++) {
        snprintf(path, sizeof path, "%s/%zu/%s", steps, i, key);
        yaml_node_t *n = at(d, path);
        if (n && n->type == YAML_SCALAR_NODE && strstr((char *)n->data.scalar.value, text))
            return (long)i;
    }
    return -1;
}

static void test_github_workflow(void **state)
{
    doc d;
    load(&d, "docs/examples/github-workflow.yml");
    char path[256];
    assert_non_null(at(&d, "on/push"));
    assert_non_null(at(&d, "on/pull_request"));
    const char *job = "jobs/claimlint";
    assert_non_null(at(&d, "jobs/claimlint/runs-on"));
    /* upload-sarif needs to write code scanning alerts. */
    assert_string_equal(scalar(&d, "jobs/claimlint/permissions/security-events"), "write");
    assert_string_equal(scalar(&d, "jobs/claimlint/permissions/contents"), "read");
    snprintf(path, sizeof path, "%s/steps", job);
    long checkout = step_with(&d, path, "uses", "actions/checkout@");
    long sarif = step_with(&d, path, "run", "--format=sarif");
    long upload = step_with(&d, path, "uses", "github/codeql-action/upload-sarif@");
    long github = step_with(&d, path, "run", "--format=github");
    assert_true(checkout == 0);
    assert_true(sarif > checkout && upload > sarif && github > upload);
    /* The file the SARIF step writes is the one uploaded. */
    snprintf(path, sizeof path, "%s/steps/%ld/run", job, sarif);
    assert_non_null(strstr(scalar(&d, path), "> claimlint.sarif"));
    snprintf(path, sizeof path, "%s/steps/%ld/with/sarif_file", job, upload);
    assert_string_equal(scalar(&d, path), "claimlint.sarif");
    snprintf(path, sizeof path, "%s/steps/%ld/with/category", job, upload);
    assert_string_equal(scalar(&d, path), "claimlint");
    yaml_document_delete(&d.d);
}

static void test_pre_commit_hooks(void **state)
{
    doc d;
    load(&d, ".pre-commit-hooks.yaml");
    assert_int_equal(count(&d, ""), 1);
    assert_string_equal(scalar(&d, "0/id"), "claimlint");
    assert_string_equal(scalar(&d, "0/name"), "claimlint");
    assert_string_equal(scalar(&d, "0/entry"), "claimlint");
    assert_string_equal(scalar(&d, "0/language"), "system");
    assert_string_equal(scalar(&d, "0/pass_filenames"), "true");
    assert_string_equal(scalar(&d, "0/require_serial"), "true");
    const char *files = scalar(&d, "0/files");
    assert_string_equal(files, "\\.(txt|text|md|markdown|html?)$");
    /* pre-commit matches with Python's re.search; this pattern reads the same as an ERE. */
    regex_t rx;
    assert_int_equal(regcomp(&rx, files, REG_EXTENDED | REG_NOSUB), 0);
    static const char *const yes[] = {"a.txt", "dir/b.md", "c.markdown", "d.html", "e.htm", "文章.md", "f.text"};
    static const char *const no[] = {"a.yaml", "b.mdx", "c.txt.bak", "html", "d.HTML", "txt"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_int_equal(regexec(&rx, yes[i], 0, NULL, 0), 0);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_int_not_equal(regexec(&rx, no[i], 0, NULL, 0), 0);
    regfree(&rx);
    yaml_document_delete(&d.d);
}

static void test_pre_commit_config(void **state)
{
    doc d;
    load(&d, "docs/examples/pre-commit-config.yaml");
    assert_int_equal(count(&d, "repos"), 1);
    assert_non_null(strstr(scalar(&d, "repos/0/repo"), "claimlint"));
    assert_true(*scalar(&d, "repos/0/rev"));
    assert_string_equal(scalar(&d, "repos/0/hooks/0/id"), "claimlint");
    assert_string_equal(scalar(&d, "repos/0/hooks/0/args/0"), "--fail-level=error");
    yaml_document_delete(&d.d);
}

static void test_gitlab_ci(void **state)
{
    doc d;
    load(&d, "docs/examples/gitlab-ci.yml");
    assert_string_equal(scalar(&d, "claimlint/stage"), "test");
    assert_true(count(&d, "claimlint/script") >= 3);
    assert_non_null(strstr(scalar(&d, "claimlint/script/0"), "claimlint --format=json"));
    assert_non_null(strstr(scalar(&d, "claimlint/script/1"), "> gl-code-quality-report.json"));
    /* The report is uploaded even when the job fails on findings. */
    assert_string_equal(scalar(&d, "claimlint/artifacts/when"), "always");
    assert_string_equal(scalar(&d, "claimlint/artifacts/reports/codequality"), "gl-code-quality-report.json");
    yaml_document_delete(&d.d);
}

static void test_vscode_tasks(void **state)
{
    doc d;
    load(&d, "docs/examples/vscode/tasks.json");
    assert_string_equal(scalar(&d, "version"), "2.0.0");
    assert_int_equal(count(&d, "tasks"), 2);
    char path[256];
    for (int t = 0; t < 2; t++) {
        snprintf(path, sizeof path, "tasks/%d/args/0", t);
        assert_string_equal(scalar(&d, path), "--column-unit=utf16");
        snprintf(path, sizeof path, "tasks/%d/problemMatcher/owner", t);
        assert_string_equal(scalar(&d, path), "claimlint");
        snprintf(path, sizeof path, "tasks/%d/problemMatcher/fileLocation/0", t);
        assert_string_equal(scalar(&d, path), "autoDetect");
        snprintf(path, sizeof path, "tasks/%d/problemMatcher/pattern/regexp", t);
        assert_string_equal(scalar(&d, path), "^(.+?):(\\d+):(\\d+): (error|warning|note): (.*?)(?: \\[([^\\]]+)\\])?$");
        static const char *const groups[] = {"file", "line", "column", "severity", "message", "code"};
        for (int g = 0; g < 6; g++) {
            snprintf(path, sizeof path, "tasks/%d/problemMatcher/pattern/%s", t, groups[g]);
            char want[4];
            snprintf(want, sizeof want, "%d", g + 1);
            assert_string_equal(scalar(&d, path), want);
        }
    }
    yaml_document_delete(&d.d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_github_workflow),  cmocka_unit_test(test_pre_commit_hooks),
        cmocka_unit_test(test_pre_commit_config), cmocka_unit_test(test_gitlab_ci),
        cmocka_unit_test(test_vscode_tasks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
