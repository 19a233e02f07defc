/* Partials as JSON Lines: `claimlint extract` writes each document's own
 * findings, the claims kept for comparisons across documents and its inline
 * directives; `claimlint reconcile` reads any number of such shards back and
 * finishes them in path order, which prints what one run over every file
 * would. Exact values travel as "num/den" strings; JSON is read with libyaml
 * (JSON is YAML), one line at a time. */
#include "claimlint.h"

#include "api/internal.h"
#include "api/partial.h"
#include "base/base.h"
#include "check/check.h"
#include "data/ydoc.h"
#include "output/out.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Writing ------------------------------------------------------------------ */

static void kv_str(cl_buf *b, const char *k, const char *v)
{
    cl_buf_printf(b, ",\"%s\":", k);
    cl_json_str(b, v);
}

static void kv_pos(cl_buf *b, int line, int column, int end_line, int end_column, size_t off, size_t end)
{
    cl_buf_printf(b, ",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d,\"offset\":%zu,\"end_offset\":%zu",
                  line, column, end_line, end_column, off, end);
}

static void rat(cl_buf *b, const char *k, cl_rat r, unsigned char kind)
{
    if (kind == CL_BOUND_INF)
        cl_buf_printf(b, ",\"%s\":null", k);
    else
        cl_buf_printf(b, ",\"%s\":\"%" PRId64 "/%" PRId64 "\"", k, r.num, r.den);
}

char *cl_partial_to_jsonl(const cl_partial *p)
{
    cl_buf b = {0};
    cl_buf_puts(&b, "{\"kind\":\"document\"");
    kv_str(&b, "file", p->file);
    cl_buf_printf(&b, ",\"bytes\":%zu,\"claims\":%zu,\"failed\":%s", p->bytes, p->n_claims, p->failed ? "true" : "false");
    kv_str(&b, "encoding", p->encoding);
    cl_buf_puts(&b, "}\n");
    for (size_t i = 0; i < p->diags.len; i++) {
        const cl_diag *d = &p->diags.items[i];
        cl_buf_puts(&b, "{\"kind\":\"finding\"");
        kv_pos(&b, d->line, d->column, d->end_line, d->end_column, d->offset, d->end_offset);
        cl_buf_printf(&b, ",\"severity\":%d,\"remark\":%s", (int)d->severity, d->remark ? "true" : "false");
        kv_str(&b, "rule", d->rule);
        kv_str(&b, "message", d->message);
        kv_str(&b, "fact", d->fact);
        kv_str(&b, "claimed", d->claimed);
        kv_str(&b, "reference", d->reference);
        kv_str(&b, "text", d->text);
        kv_str(&b, "norm_text", d->norm_text);
        cl_buf_puts(&b, ",\"notes\":[");
        for (size_t k = 0; k < d->n_notes; k++) {
            const cl_diag_note *n = &d->notes[k];
            cl_buf_printf(&b, "%s{\"line\":%d,\"column\":%d", k ? "," : "", n->line, n->column);
            kv_str(&b, "file", n->file);
            kv_str(&b, "message", n->message);
            cl_buf_putc(&b, '}');
        }
        cl_buf_puts(&b, "]}\n");
    }
    for (size_t i = 0; i < p->kept.len; i++) {
        const cl_kept *k = &p->kept.items[i];
        cl_buf_puts(&b, "{\"kind\":\"claim\"");
        kv_str(&b, "rule", k->rule->id);
        kv_str(&b, "unit", k->unit);
        rat(&b, "lo", k->range.lo, k->range.lo_kind);
        rat(&b, "hi", k->range.hi, k->range.hi_kind);
        cl_buf_printf(&b, ",\"lo_kind\":%d,\"hi_kind\":%d", k->range.lo_kind, k->range.hi_kind);
        cl_buf_printf(&b, ",\"origin\":%d,\"date_lo\":%" PRId32 ",\"date_hi\":%" PRId32 ",\"date_prec\":%d",
                      (int)k->date_origin, k->date.lo, k->date.hi, k->date.prec);
        kv_pos(&b, k->line, k->column, k->end_line, k->end_column, k->offset, k->end_offset);
        kv_str(&b, "text", k->text);
        kv_str(&b, "norm_text", k->norm_text);
        kv_str(&b, "claimed", k->claimed);
        cl_buf_printf(&b, ",\"flags\":%u}\n", k->flags);
    }
    for (size_t i = 0; i < p->dirs.len; i++) {
        const cl_directive *d = &p->dirs.items[i];
        cl_buf_printf(&b, "{\"kind\":\"directive\",\"type\":%d", (int)d->kind);
        kv_pos(&b, d->line, d->column, d->end_line, d->end_column, d->offset, d->end);
        cl_buf_puts(&b, ",\"rules\":[");
        for (size_t k = 0; k < d->n_rules; k++) {
            if (k)
                cl_buf_putc(&b, ',');
            cl_json_str(&b, d->rules[k]);
        }
        cl_buf_puts(&b, "]}\n");
    }
    cl_buf_puts(&b, "{\"kind\":\"end\"}\n");
    return cl_buf_detach(&b);
}

/* ---- Reading ------------------------------------------------------------------ */

typedef struct reader {
    cl_ydoc d;
    yaml_node_t *map;
    const char *shard;
    int line;
    cl_errors *errs;
    bool bad;
} reader;

static yaml_node_t *field(reader *r, const char *key)
{
    for (yaml_node_pair_t *p = r->map->data.mapping.pairs.start; p < r->map->data.mapping.pairs.top; p++) {
        const char *k = cl_ydoc_str(cl_ydoc_node(&r->d, p->key));
        if (k && strcmp(k, key) == 0)
            return cl_ydoc_node(&r->d, p->value);
    }
    return NULL;
}

/* A string field: NULL for null or absent. */
static char *get_str(reader *r, const char *key)
{
    yaml_node_t *n = field(r, key);
    if (!n || !cl_ydoc_is_scalar(n))
        return NULL;
    if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && strcmp(cl_ydoc_str(n), "null") == 0)
        return NULL;
    return cl_strdup(cl_ydoc_str(n));
}

static long long get_int(reader *r, const char *key)
{
    yaml_node_t *n = field(r, key);
    const char *s = cl_ydoc_str(n);
    char *end;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || *end) {
        cl_errors_add(r->errs, r->shard, r->line, 1, "'%s' missing or not a number", key);
        r->bad = true;
        return 0;
    }
    return v;
}

static bool get_bool(reader *r, const char *key)
{
    const char *s = cl_ydoc_str(field(r, key));
    return s && strcmp(s, "true") == 0;
}

static cl_rat get_rat(reader *r, const char *key, unsigned char kind)
{
    cl_rat v = cl_rat_int(0);
    if (kind == CL_BOUND_INF)
        return v;
    const char *s = cl_ydoc_str(field(r, key));
    long long num, den;
    if (!s || sscanf(s, "%lld/%lld", &num, &den) != 2 || !cl_rat_make(num, den, &v)) {
        cl_errors_add(r->errs, r->shard, r->line, 1, "'%s' is not an exact value (num/den)", key);
        r->bad = true;
    }
    return v;
}

static void read_finding(reader *r, cl_partial *p)
{
    cl_diag *d = cl_diags_push(&p->diags);
    d->file = cl_strdup(p->file);
    d->line = (int)get_int(r, "line"), d->column = (int)get_int(r, "column");
    d->end_line = (int)get_int(r, "end_line"), d->end_column = (int)get_int(r, "end_column");
    d->offset = (size_t)get_int(r, "offset"), d->end_offset = (size_t)get_int(r, "end_offset");
    long long sev = get_int(r, "severity");
    d->severity = sev >= 0 && sev <= 2 ? (cl_severity)sev : CL_SEVERITY_ERROR;
    d->remark = get_bool(r, "remark");
    d->rule = get_str(r, "rule");
    d->message = get_str(r, "message");
    if (!d->message)
        d->message = cl_strdup("");
    d->fact = get_str(r, "fact");
    d->claimed = get_str(r, "claimed");
    d->reference = get_str(r, "reference");
    d->text = get_str(r, "text");
    d->norm_text = get_str(r, "norm_text");
    yaml_node_t *notes = field(r, "notes");
    for (size_t i = 0; i < cl_ydoc_seq_len(notes); i++) {
        yaml_node_t *saved = r->map;
        r->map = cl_ydoc_seq_at(&r->d, notes, i);
        if (cl_ydoc_is_map(r->map)) {
            char *file = get_str(r, "file"), *msg = get_str(r, "message");
            cl_diag_add_note(d, file, (int)get_int(r, "line"), (int)get_int(r, "column"), msg ? msg : "");
            free(file), free(msg);
        }
        r->map = saved;
    }
}

static void read_claim(reader *r, const cl_engine *e, cl_partial *p)
{
    char *id = get_str(r, "rule");
    const cl_rule *rule = id ? cl_ruleset_find(cl_engine_rules(e), id) : NULL;
    if (!rule) {
        cl_errors_add(r->errs, r->shard, r->line, 1,
                      "claim of rule '%s', which is not loaded: reconcile with the rules extract used",
                      id ? id : "?");
        r->bad = true;
        free(id);
        return;
    }
    free(id);
    cl_kept k;
    memset(&k, 0, sizeof k);
    k.rule = rule;
    char *unit = get_str(r, "unit");
    k.unit = cl_unit_lookup(unit ? unit : "");
    free(unit);
    if (!k.unit)
        k.unit = CL_UNIT_NONE;
    k.range.lo_kind = (unsigned char)get_int(r, "lo_kind");
    k.range.hi_kind = (unsigned char)get_int(r, "hi_kind");
    k.range.lo = get_rat(r, "lo", k.range.lo_kind);
    k.range.hi = get_rat(r, "hi", k.range.hi_kind);
    k.date_origin = (cl_date_origin)get_int(r, "origin");
    k.date.lo = (int32_t)get_int(r, "date_lo");
    k.date.hi = (int32_t)get_int(r, "date_hi");
    k.date.prec = (unsigned char)get_int(r, "date_prec");
    k.line = (int)get_int(r, "line"), k.column = (int)get_int(r, "column");
    k.end_line = (int)get_int(r, "end_line"), k.end_column = (int)get_int(r, "end_column");
    k.offset = (size_t)get_int(r, "offset"), k.end_offset = (size_t)get_int(r, "end_offset");
    k.text = get_str(r, "text");
    k.norm_text = get_str(r, "norm_text");
    k.claimed = get_str(r, "claimed");
    if (!k.text)
        k.text = cl_strdup("");
    if (!k.norm_text)
        k.norm_text = cl_strdup("");
    if (!k.claimed)
        k.claimed = cl_strdup("");
    k.flags = (unsigned)get_int(r, "flags");
    cl_kept_list_push(&p->kept, k);
}

static void read_directive(reader *r, cl_partial *p)
{
    cl_directive d;
    memset(&d, 0, sizeof d);
    long long type = get_int(r, "type");
    d.kind = type >= 0 && type <= 2 ? (cl_directive_kind)type : CL_DIRECTIVE_ENABLE;
    d.line = (int)get_int(r, "line"), d.column = (int)get_int(r, "column");
    d.end_line = (int)get_int(r, "end_line"), d.end_column = (int)get_int(r, "end_column");
    d.offset = (size_t)get_int(r, "offset"), d.end = (size_t)get_int(r, "end_offset");
    yaml_node_t *rules = field(r, "rules");
    for (size_t i = 0; i < cl_ydoc_seq_len(rules); i++) {
        const char *s = cl_ydoc_str(cl_ydoc_seq_at(&r->d, rules, i));
        if (!s)
            continue;
        d.rules = cl_realloc(d.rules, (d.n_rules + 1) * sizeof *d.rules);
        d.rules[d.n_rules++] = cl_strdup(s);
    }
    cl_directives_push(&p->dirs, d);
}

bool cl_partials_read(const cl_engine *e, const char *shard, const char *text, size_t len, cl_partial ***out,
                      size_t *n_out, cl_problems *problems)
{
    cl_errors errs = {0};
    cl_partial *cur = NULL;
    int lineno = 0;
    for (size_t a = 0; a < len;) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - text) : len;
        lineno++;
        if (b > a) {
            reader r = {.shard = shard, .line = lineno, .errs = &errs};
            cl_errors perrs = {0};
            if (!cl_ydoc_load_string(&r.d, shard, text + a, b - a, &perrs) || !cl_ydoc_is_map(cl_ydoc_root(&r.d))) {
                cl_errors_add(&errs, shard, lineno, 1, "not a JSON object (is this the output of claimlint extract?)");
                cl_errors_free(&perrs);
                cl_ydoc_free(&r.d);
                break;
            }
            cl_errors_free(&perrs);
            r.map = cl_ydoc_root(&r.d);
            const char *kind = cl_ydoc_str(field(&r, "kind"));
            if (kind && strcmp(kind, "document") == 0) {
                if (cur) {
                    cl_errors_add(&errs, shard, lineno, 1, "a document starts before the previous one ended");
                    cl_partial_free(cur);
                }
                char *file = get_str(&r, "file");
                cur = cl_partial_new(file ? file : "<unknown>");
                free(file);
                cur->bytes = (size_t)get_int(&r, "bytes");
                cur->n_claims = (size_t)get_int(&r, "claims");
                cur->failed = get_bool(&r, "failed");
                cur->encoding = get_str(&r, "encoding");
            } else if (!cur) {
                cl_errors_add(&errs, shard, lineno, 1, "a '%s' record outside a document", kind ? kind : "?");
            } else if (kind && strcmp(kind, "finding") == 0) {
                read_finding(&r, cur);
            } else if (kind && strcmp(kind, "claim") == 0) {
                read_claim(&r, e, cur);
            } else if (kind && strcmp(kind, "directive") == 0) {
                read_directive(&r, cur);
            } else if (kind && strcmp(kind, "end") == 0) {
                *out = cl_realloc(*out, (*n_out + 1) * sizeof **out);
                (*out)[(*n_out)++] = cur;
                cur = NULL;
            } else {
                cl_errors_add(&errs, shard, lineno, 1, "unknown record kind '%s'", kind ? kind : "?");
            }
            cl_ydoc_free(&r.d);
        }
        a = b + 1;
    }
    if (cur) {
        cl_errors_add(&errs, shard, lineno, 1, "the last document has no end record (a truncated shard?)");
        cl_partial_free(cur);
    }
    bool ok = errs.len == 0;
    cl_problems_take(problems, &errs);
    return ok;
}

const char *cl_partial_file(const cl_partial *p)
{
    return p->file;
}
