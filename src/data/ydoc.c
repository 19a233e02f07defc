/* YAML documents with positions and schema checks for the rule and reference
 * loaders. libyaml counts columns in characters; diagnostics count bytes, so
 * marks are converted through the line index of the file's text. */
#include "data/ydoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_at(cl_ydoc *d, cl_errors *errs, yaml_mark_t mark, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Byte column (from 1) of a libyaml mark, whose column counts characters. */
static int mark_column(const cl_ydoc *d, yaml_mark_t mark)
{
    size_t line = mark.line;
    if (line >= d->lines.n)
        return (int)mark.column + 1;
    size_t off = d->lines.starts[line];
    if (line == 0)
        off += d->lines.bom;
    size_t end = line + 1 < d->lines.n ? d->lines.starts[line + 1] : d->len;
    for (size_t c = 0; c < mark.column && off < end; c++) {
        size_t n;
        cl_utf8_decode((const unsigned char *)d->text + off, d->len - off, &n);
        off += n;
    }
    size_t start = d->lines.starts[line] + (line == 0 ? d->lines.bom : 0);
    return (int)(off - start) + 1;
}

static void add_at(cl_ydoc *d, cl_errors *errs, yaml_mark_t mark, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cl_errors_add(errs, d->path, (int)mark.line + 1, mark_column(d, mark), "%s", msg);
}

/* The parser's problem at its position. Reader errors (bytes that are not
 * UTF-8, control characters) carry a byte offset instead of a mark. */
static void parser_error(cl_ydoc *d, const yaml_parser_t *parser, cl_errors *errs)
{
    const char *problem = parser->problem ? parser->problem : "malformed YAML";
    if (parser->error == YAML_READER_ERROR) {
        int line, column;
        /* libyaml points at the byte where it noticed (the space after a
         * Latin-1 'é'); the first byte that is not UTF-8 is the one to fix. */
        if (strstr(problem, "UTF-8")) {
            for (size_t off = 0; off < d->len && off <= parser->problem_offset;) {
                size_t n;
                if (cl_utf8_decode((const unsigned char *)d->text + off, d->len - off, &n) == CL_UTF8_INVALID) {
                    cl_lines_locate(&d->lines, off, CL_COLUMN_BYTE, &line, &column);
                    cl_errors_add(errs, d->path, line, column, "invalid UTF-8: byte 0x%02X; the file must be UTF-8",
                                  (unsigned char)d->text[off]);
                    return;
                }
                off += n;
            }
        }
        cl_lines_locate(&d->lines, parser->problem_offset, CL_COLUMN_BYTE, &line, &column);
        if (parser->problem_value < 0)
            cl_errors_add(errs, d->path, line, column, "%s", problem);
        else if (strstr(problem, "octet"))
            cl_errors_add(errs, d->path, line, column, "%s 0x%02X: the file must be UTF-8", problem,
                          (unsigned)parser->problem_value & 0xFFu);
        else
            cl_errors_add(errs, d->path, line, column, "%s (U+%04X)", problem, (unsigned)parser->problem_value);
    } else if (parser->context) {
        add_at(d, errs, parser->problem_mark, "%s %s", problem, parser->context);
    } else {
        add_at(d, errs, parser->problem_mark, "%s", problem);
    }
}

/* libyaml's scanner does work in proportion to the nesting depth for each
 * token, so a file of a million '[' takes hours to parse. No rule or
 * reference file nests beyond a handful of levels (the shipped ones reach
 * six): a first pass over the events stops past MAX_DEPTH, before that cost
 * grows. Syntax errors are left to the load that follows. */
#define MAX_DEPTH 64

static bool check_depth(cl_ydoc *d, cl_errors *errs)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return true; /* the load reports it */
    yaml_parser_set_input_string(&parser, (const unsigned char *)d->text, d->len);
    bool ok = true;
    int depth = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break;
        yaml_event_type_t type = ev.type;
        if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
            if (++depth > MAX_DEPTH) {
                add_at(d, errs, ev.start_mark, "nested more than %d levels deep", MAX_DEPTH);
                ok = false;
            }
        } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
            depth--;
        }
        yaml_event_delete(&ev);
        if (!ok || type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return ok;
}

bool cl_ydoc_load_string(cl_ydoc *d, const char *path, const char *text, size_t len, cl_errors *errs)
{
    memset(d, 0, sizeof *d);
    d->path = cl_strdup(path);
    d->text = cl_strndup(text, len);
    d->len = len;
    cl_lines_init(&d->lines, d->text, d->len);

    if (!check_depth(d, errs))
        return false;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        cl_errors_add(errs, path, 0, 0, "cannot initialise the YAML parser");
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)d->text, d->len);
    if (!yaml_parser_load(&parser, &d->doc)) {
        parser_error(d, &parser, errs);
        yaml_parser_delete(&parser);
        return false;
    }
    d->loaded = true;
    if (!yaml_document_get_root_node(&d->doc)) {
        yaml_parser_delete(&parser);
        d->empty = true;
        cl_errors_add(errs, path, 1, 1, "empty file: expected a mapping");
        return false;
    }
    /* Only the first document would be read: say so rather than drop the
     * rules or facts after a '---'. */
    bool ok = true;
    yaml_document_t next;
    if (!yaml_parser_load(&parser, &next)) {
        parser_error(d, &parser, errs);
        ok = false;
    } else {
        if (yaml_document_get_root_node(&next)) {
            add_at(d, errs, next.start_mark,
                   "a second YAML document: a rule or reference file holds one, and the rest would be ignored");
            ok = false;
        }
        yaml_document_delete(&next);
    }
    yaml_parser_delete(&parser);
    return ok;
}

bool cl_ydoc_load(cl_ydoc *d, const char *path, cl_errors *errs)
{
    cl_error err = {0};
    size_t len;
    char *text = cl_read_file(path, &len, &err);
    if (!text) {
        memset(d, 0, sizeof *d);
        cl_errors_take(errs, &err);
        return false;
    }
    bool ok = cl_ydoc_load_string(d, path, text, len, errs);
    free(text);
    return ok;
}

void cl_ydoc_free(cl_ydoc *d)
{
    if (!d)
        return;
    if (d->loaded)
        yaml_document_delete(&d->doc);
    cl_lines_free(&d->lines);
    free(d->text);
    free(d->path);
    memset(d, 0, sizeof *d);
}

yaml_node_t *cl_ydoc_root(cl_ydoc *d)
{
    return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

yaml_node_t *cl_ydoc_node(cl_ydoc *d, int id)
{
    return yaml_document_get_node(&d->doc, id);
}

void cl_ydoc_pos(const cl_ydoc *d, const yaml_node_t *node, int *line, int *column)
{
    *line = (int)node->start_mark.line + 1;
    *column = mark_column(d, node->start_mark);
}

void cl_ydoc_error(cl_ydoc *d, cl_errors *errs, const yaml_node_t *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *msg = cl_malloc((size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    int line, col;
    cl_ydoc_pos(d, node, &line, &col);
    cl_errors_add(errs, d->path, line, col, "%s", msg);
    free(msg);
}

const char *cl_ydoc_str(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

bool cl_ydoc_is_scalar(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE;
}

bool cl_ydoc_is_seq(const yaml_node_t *node)
{
    return node && node->type == YAML_SEQUENCE_NODE;
}

bool cl_ydoc_is_map(const yaml_node_t *node)
{
    return node && node->type == YAML_MAPPING_NODE;
}

size_t cl_ydoc_seq_len(const yaml_node_t *node)
{
    if (!cl_ydoc_is_seq(node))
        return 0;
    return (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
}

yaml_node_t *cl_ydoc_seq_at(cl_ydoc *d, const yaml_node_t *node, size_t i)
{
    return cl_ydoc_node(d, node->data.sequence.items.start[i]);
}

static const char *type_name(cl_ytype t)
{
    switch (t) {
    case CL_Y_STR: return "a scalar";
    case CL_Y_SEQ: return "a list";
    case CL_Y_MAP: return "a mapping";
    case CL_Y_STR_OR_SEQ: return "a scalar or a list";
    case CL_Y_STR_OR_MAP: return "a scalar or a mapping";
    default: return "anything";
    }
}

static bool type_ok(cl_ytype t, const yaml_node_t *n)
{
    switch (t) {
    case CL_Y_STR: return cl_ydoc_is_scalar(n);
    case CL_Y_SEQ: return cl_ydoc_is_seq(n);
    case CL_Y_MAP: return cl_ydoc_is_map(n);
    case CL_Y_STR_OR_SEQ: return cl_ydoc_is_scalar(n) || cl_ydoc_is_seq(n);
    case CL_Y_STR_OR_MAP: return cl_ydoc_is_scalar(n) || cl_ydoc_is_map(n);
    default: return true;
    }
}

/* Levenshtein distance, for "did you mean" on misspelt keys. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t prev[41], cur[41];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof prev);
    }
    return prev[lb];
}

bool cl_ydoc_fields(cl_ydoc *d, yaml_node_t *node, const cl_yfield *fields, yaml_node_t **found,
                    const char *what, cl_errors *errs)
{
    size_t nf = 0;
    while (fields[nf].key)
        nf++;
    /* Present with the wrong type: reported once as such, not again as missing. */
    bool present[64] = {false};
    if (nf > sizeof present / sizeof present[0])
        abort(); /* a table of fields in the code, never input */
    for (size_t i = 0; i < nf; i++)
        found[i] = NULL;
    if (!cl_ydoc_is_map(node)) {
        cl_ydoc_error(d, errs, node, "%s must be a mapping", what);
        return false;
    }
    bool ok = true;
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
        yaml_node_t *k = cl_ydoc_node(d, p->key);
        yaml_node_t *v = cl_ydoc_node(d, p->value);
        const char *key = cl_ydoc_str(k);
        if (!key) {
            cl_ydoc_error(d, errs, k, "%s keys must be scalars", what);
            ok = false;
            continue;
        }
        size_t i;
        for (i = 0; i < nf; i++)
            if (strcmp(fields[i].key, key) == 0)
                break;
        if (i == nf) {
            const char *best = NULL;
            size_t best_d = 3;
            for (size_t j = 0; j < nf; j++) {
                size_t dist = edit_distance(key, fields[j].key);
                if (dist < best_d)
                    best_d = dist, best = fields[j].key;
            }
            if (best)
                cl_ydoc_error(d, errs, k, "unknown key '%s' in %s (did you mean '%s'?)", key, what, best);
            else
                cl_ydoc_error(d, errs, k, "unknown key '%s' in %s", key, what);
            ok = false;
            continue;
        }
        if (present[i]) {
            cl_ydoc_error(d, errs, k, "duplicate key '%s' in %s", key, what);
            ok = false;
            continue;
        }
        present[i] = true;
        if (!type_ok(fields[i].type, v)) {
            cl_ydoc_error(d, errs, v, "'%s' must be %s", key, type_name(fields[i].type));
            ok = false;
            continue;
        }
        found[i] = v;
    }
    for (size_t i = 0; i < nf; i++) {
        if (fields[i].required && !present[i]) {
            cl_ydoc_error(d, errs, node, "%s is missing '%s'", what, fields[i].key);
            ok = false;
        }
    }
    return ok;
}

bool cl_ydoc_bool(cl_ydoc *d, yaml_node_t *node, bool *out, cl_errors *errs)
{
    const char *s = cl_ydoc_str(node);
    static const char *const yes[] = {"true", "yes", "on", NULL}, *const no[] = {"false", "no", "off", NULL};
    for (int i = 0; s && yes[i]; i++)
        if (strcmp(s, yes[i]) == 0)
            return *out = true, true;
    for (int i = 0; s && no[i]; i++)
        if (strcmp(s, no[i]) == 0)
            return *out = false, true;
    cl_ydoc_error(d, errs, node, "expected true or false");
    return false;
}

void cl_problems_take(cl_problems *p, cl_errors *errs)
{
    for (size_t i = 0; p && i < errs->len; i++) {
        p->items = cl_realloc(p->items, (p->len + 1) * sizeof *p->items);
        cl_problem *x = &p->items[p->len++];
        x->file = errs->items[i].file;
        x->line = errs->items[i].line;
        x->column = errs->items[i].column;
        x->message = errs->items[i].message;
        errs->items[i].file = errs->items[i].message = NULL;
    }
    cl_errors_free(errs);
}

bool cl_ydoc_strings(cl_ydoc *d, yaml_node_t *n, char ***out, size_t *count, const char *what,
                     cl_errors *errs)
{
    *out = NULL;
    *count = 0;
    if (!n)
        return true;
    if (cl_ydoc_is_scalar(n)) {
        *out = cl_malloc(sizeof **out);
        (*out)[0] = cl_strdup(cl_ydoc_str(n));
        *count = 1;
        return true;
    }
    size_t len = cl_ydoc_seq_len(n);
    *out = cl_calloc(len ? len : 1, sizeof **out);
    bool ok = true;
    for (size_t i = 0; i < len; i++) {
        yaml_node_t *it = cl_ydoc_seq_at(d, n, i);
        if (!cl_ydoc_is_scalar(it)) {
            cl_ydoc_error(d, errs, it, "each of '%s' must be a scalar", what);
            ok = false;
            continue;
        }
        (*out)[(*count)++] = cl_strdup(cl_ydoc_str(it));
    }
    return ok;
}
