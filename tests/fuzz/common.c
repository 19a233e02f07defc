/* Shared by the fuzz targets (linked into each, libFuzzer or replay build):
 * one Traditional/Simplified fold table for every engine, inputs handed to
 * path-taking loaders through a memory file, and the output checks. */
#define _GNU_SOURCE
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Linked with -Wl,--wrap=cl_fold_new,--wrap=cl_fold_free (see the Makefile):
 * building the table from OpenCC costs ~20 ms, which per input would leave
 * the fuzzer measuring OpenCC. Every engine gets the same immutable table,
 * which is what cl_engine_new would build anyway. */
cl_fold *__real_cl_fold_new(cl_error *err);
void __real_cl_fold_free(cl_fold *fold);
cl_fold *__wrap_cl_fold_new(cl_error *err);
void __wrap_cl_fold_free(cl_fold *fold);

static cl_fold *shared;

cl_fold *__wrap_cl_fold_new(cl_error *err)
{
    if (!shared)
        shared = __real_cl_fold_new(err);
    return shared;
}

void __wrap_cl_fold_free(cl_fold *fold)
{
    if (fold != shared)
        __real_cl_fold_free(fold);
}

const cl_fold *fz_fold(void)
{
    cl_error err = {0};
    const cl_fold *f = __wrap_cl_fold_new(&err);
    cl_error_clear(&err);
    return f;
}

void fz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz invariant failed: %s\n", what);
    if (detail)
        fprintf(stderr, "---\n%s\n---\n", detail);
    abort();
}

const char *fz_memfile(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("claimlint-fuzz.yaml", 0);
        if (fd < 0) {
            perror("memfd_create");
            abort();
        }
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
        perror("memfd write");
        abort();
    }
    return path;
}

const char *fz_root(void)
{
    const char *r = getenv("CLAIMLINT_ROOT");
    return r && *r ? r : ".";
}

/* ---- A small JSON syntax checker (RFC 8259), enough to say the writers'
 * output parses: no semantic checks. Depth is bounded by our own writers. */

typedef struct jp {
    const char *s;
    size_t n, i;
} jp;

static void ws(jp *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static bool lit(jp *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return false;
    p->i += k;
    return true;
}

static bool string(jp *p)
{
    if (p->i >= p->n || p->s[p->i] != '"')
        return false;
    p->i++;
    while (p->i < p->n) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"') {
            p->i++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (++p->i >= p->n)
                return false;
            char e = p->s[p->i];
            if (e == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (p->i + k >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i + k]) || !p->s[p->i + k])
                        return false;
                p->i += 5;
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || !e)
                return false;
            p->i++;
            continue;
        }
        size_t len;
        if (cl_utf8_decode((const unsigned char *)p->s + p->i, p->n - p->i, &len) == CL_UTF8_INVALID)
            return false;
        p->i += len;
    }
    return false;
}

static bool number(jp *p)
{
    size_t start = p->i;
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    size_t digits = p->i;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
        p->i++;
    if (p->i == digits)
        return false;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        size_t f = p->i;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
        if (p->i == f)
            return false;
    }
    return p->i > start;
}

static bool value(jp *p, int depth)
{
    if (depth > 64)
        return false;
    ws(p);
    if (p->i >= p->n)
        return false;
    char c = p->s[p->i];
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        p->i++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
            return true;
        }
        for (;;) {
            if (c == '{') {
                ws(p);
                if (!string(p))
                    return false;
                ws(p);
                if (p->i >= p->n || p->s[p->i] != ':')
                    return false;
                p->i++;
            }
            if (!value(p, depth + 1))
                return false;
            ws(p);
            if (p->i >= p->n)
                return false;
            if (p->s[p->i] == ',') {
                p->i++;
                continue;
            }
            if (p->s[p->i] == close) {
                p->i++;
                return true;
            }
            return false;
        }
    }
    if (c == '"')
        return string(p);
    if (c == '-' || (c >= '0' && c <= '9'))
        return number(p);
    return lit(p, "true") || lit(p, "false") || lit(p, "null");
}

bool fz_json_syntax_valid(const char *s, size_t n)
{
    jp p = {s, n, 0};
    if (!value(&p, 0))
        return false;
    ws(&p);
    return p.i == n;
}

bool fz_json_lines_valid(const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n')
            continue;
        if (!fz_json_syntax_valid(s + start, i - start))
            return false;
        start = i + 1;
    }
    return start == n; /* every object ends its line */
}

/* ---- Reports and writers -------------------------------------------------- */

static bool known_rule(const cl_engine *e, const char *id)
{
    /* The ids of the findings about inline directives (src/check/suppress.c). */
    if (strcmp(id, "unknown-rule-in-directive") == 0 || strcmp(id, "unused-suppression") == 0)
        return true;
    for (size_t i = 0; i < cl_engine_rule_count(e); i++) {
        cl_rule_info info;
        cl_engine_rule_info(e, i, &info);
        if (strcmp(info.id, id) == 0)
            return true;
    }
    return false;
}

static void check_diags(const cl_engine *e, const cl_report *r, const char *data, size_t len, cl_column_kind columns,
                        bool verbose)
{
    cl_lines lines;
    cl_lines_init(&lines, data, len);
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *d = &r->diags[i];
        FZ_CHECK(d->file && strcmp(d->file, r->file) == 0, d->message);
        FZ_CHECK(d->message && d->message[0], d->file);
        FZ_CHECK((unsigned)d->severity <= CL_SEVERITY_ERROR, d->message);
        FZ_CHECK(!d->remark || verbose, d->message);
        FZ_CHECK(!d->rule || known_rule(e, d->rule), d->message);
        FZ_CHECK(d->offset <= d->end_offset && d->end_offset <= len, d->message);
        /* Every finding has a position, and it is where its offset is. */
        FZ_CHECK(d->line >= 1 && d->column >= 1, d->message);
        int line, column;
        cl_lines_locate(&lines, d->offset, (cl_column_unit)columns, &line, &column);
        FZ_CHECK(line == d->line && column == d->column, d->message);
        cl_lines_locate(&lines, d->end_offset, (cl_column_unit)columns, &line, &column);
        FZ_CHECK(line == d->end_line && column == d->end_column, d->message);
        if (i > 0) {
            const cl_diag *p = &r->diags[i - 1];
            FZ_CHECK(p->line < d->line || (p->line == d->line && p->column <= d->column), d->message);
        }
        for (size_t k = 0; k < d->n_notes; k++) {
            FZ_CHECK(d->notes[k].message && d->notes[k].message[0], d->message);
            FZ_CHECK(d->notes[k].line >= 0 && d->notes[k].column >= 0, d->notes[k].message);
        }
    }
    for (size_t i = 0; r->claims && i < r->n_claims; i++) {
        const cl_claim_info *c = &r->claims[i];
        FZ_CHECK(c->offset <= c->end_offset && c->end_offset <= len, c->text);
        FZ_CHECK(c->rule && known_rule(e, c->rule) && strcmp(c->rule, "unused-suppression") != 0, c->text);
        FZ_CHECK(c->line >= 1 && c->column >= 1 && c->end_line >= c->line, c->text);
        FZ_CHECK(c->text && strlen(c->text) <= c->end_offset - c->offset, c->text);
    }
    cl_lines_free(&lines);
}

static char *run_writer(const cl_writer_options *o, const cl_report *r, const char *data, size_t len)
{
    cl_writer *w = cl_writer_new(o);
    cl_buf b = {0};
    char *s = cl_writer_begin(w);
    cl_buf_puts(&b, s);
    free(s);
    s = cl_writer_report(w, r, data, len);
    cl_buf_puts(&b, s);
    free(s);
    cl_summary sum = {0};
    sum.status = cl_summary_add(&sum, r) >= 0 ? 1 : 0;
    s = cl_writer_end(w, &sum);
    cl_buf_puts(&b, s);
    free(s);
    cl_writer_free(w);
    return cl_buf_detach(&b);
}

void fz_report(const cl_engine *e, const cl_report *r, const char *data, size_t len, cl_column_kind columns,
               bool verbose)
{
    check_diags(e, r, data, len, columns, verbose);

    size_t n_rules = cl_engine_rule_count(e);
    cl_rule_info *rules = calloc(n_rules ? n_rules : 1, sizeof *rules);
    for (size_t i = 0; i < n_rules; i++)
        cl_engine_rule_info(e, i, &rules[i]);
    /* SARIF's rule list depends on the engine only, and for the shipped pack
     * writing and parsing it costs more than checking the document: it is
     * written in full the first time an engine is seen, then left out. */
    static const cl_engine *listed[8];
    bool list_rules = false;
    for (size_t i = 0; i < 8 && !list_rules; i++) {
        if (listed[i] == e)
            break;
        if (!listed[i])
            listed[i] = e, list_rules = true;
    }
    static const cl_output_format formats[] = {CL_OUTPUT_GCC, CL_OUTPUT_GCC, CL_OUTPUT_JSON, CL_OUTPUT_SARIF,
                                               CL_OUTPUT_GITHUB, CL_OUTPUT_CLAIMS};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        if (formats[f] == CL_OUTPUT_SARIF && columns != CL_COLUMNS_UTF16 && columns != CL_COLUMNS_CHAR)
            continue; /* the CLI refuses SARIF with byte or display columns */
        bool all_rules = formats[f] != CL_OUTPUT_SARIF || list_rules;
        cl_writer_options o = {formats[f], columns, f == 1, f == 1, verbose, all_rules ? rules : NULL,
                               all_rules ? n_rules : 0};
        char *out = run_writer(&o, r, data, len);
        size_t n = strlen(out);
        switch (formats[f]) {
        case CL_OUTPUT_JSON:
        case CL_OUTPUT_SARIF:
            FZ_CHECK(fz_json_syntax_valid(out, n), out);
            break;
        case CL_OUTPUT_CLAIMS:
            FZ_CHECK(fz_json_lines_valid(out, n), out);
            break;
        case CL_OUTPUT_GITHUB:
            /* One workflow command per line: no raw line break inside one. */
            for (const char *p = out; *p; p = strchr(p, '\n') + 1) {
                FZ_CHECK(strncmp(p, "::", 2) == 0 && strchr(p, '\n'), out);
                FZ_CHECK(!memchr(p, '\r', (size_t)(strchr(p, '\n') - p)), out);
            }
            break;
        default:
            break;
        }
        free(out);
    }
    free(rules);
}
