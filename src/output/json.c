/* JSON renderers: the findings document of --format=json (schema version 1,
 * docs/output.md) and the claims of --claims as JSON Lines. Strings are
 * escaped per RFC 8259, and always valid UTF-8: a byte that does not start a
 * valid sequence (a file name, or a rule name quoted from a broken article)
 * is written as U+FFFD. */
#include "output/out.h"

#include <stdlib.h>
#include <string.h>

void cl_json_str(cl_buf *b, const char *s)
{
    if (!s) {
        cl_buf_puts(b, "null");
        return;
    }
    cl_buf_putc(b, '"');
    size_t n = strlen(s);
    for (const unsigned char *p = (const unsigned char *)s, *end = p + n; p < end; p++) {
        if (*p >= 0x80) {
            size_t len;
            if (cl_utf8_decode(p, (size_t)(end - p), &len) == CL_UTF8_INVALID) {
                cl_buf_puts(b, "\\ufffd");
            } else {
                cl_buf_append(b, (const char *)p, len);
                p += len - 1;
            }
            continue;
        }
        switch (*p) {
        case '"': cl_buf_puts(b, "\\\""); break;
        case '\\': cl_buf_puts(b, "\\\\"); break;
        case '\n': cl_buf_puts(b, "\\n"); break;
        case '\r': cl_buf_puts(b, "\\r"); break;
        case '\t': cl_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                cl_buf_printf(b, "\\u%04x", *p);
            else
                cl_buf_putc(b, (char)*p);
        }
    }
    cl_buf_putc(b, '"');
}

static void key(cl_buf *b, const char *k, bool first)
{
    if (!first)
        cl_buf_putc(b, ',');
    cl_json_str(b, k);
    cl_buf_putc(b, ':');
}

void cl_json_begin(cl_writer *w, cl_buf *b)
{
    cl_buf_puts(b, "{\"version\":1,\"tool\":{\"name\":\"claimlint\",\"version\":");
    cl_json_str(b, cl_version());
    cl_buf_puts(b, "},\"column_unit\":");
    cl_json_str(b, cl_column_kind_name(w->o.columns));
    cl_buf_puts(b, ",\"diagnostics\":[");
}

void cl_json_report(cl_writer *w, cl_buf *b, const cl_report *r)
{
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *d = &r->diags[i];
        if (d->remark && !w->o.verbose)
            continue;
        if (w->items++)
            cl_buf_putc(b, ',');
        cl_buf_puts(b, "\n{");
        key(b, "file", true);
        cl_json_str(b, d->file);
        cl_buf_printf(b, ",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d", d->line, d->column,
                      d->end_line, d->end_column);
        key(b, "severity", false);
        cl_json_str(b, cl_severity_word(d->severity));
        key(b, "rule", false);
        cl_json_str(b, d->rule);
        key(b, "message", false);
        cl_json_str(b, d->message);
        key(b, "fact", false);
        cl_json_str(b, d->fact);
        key(b, "claimed", false);
        cl_json_str(b, d->claimed);
        key(b, "reference", false);
        cl_json_str(b, d->reference);
        key(b, "text", false);
        cl_json_str(b, d->text);
        char *fp = cl_diag_fingerprint(d);
        key(b, "fingerprint", false);
        cl_json_str(b, fp);
        free(fp);
        if (d->remark)
            cl_buf_puts(b, ",\"remark\":true");
        cl_buf_puts(b, ",\"notes\":[");
        for (size_t k = 0; k < d->n_notes; k++) {
            const cl_diag_note *n = &d->notes[k];
            cl_buf_puts(b, k ? ",{" : "{");
            key(b, "file", true);
            cl_json_str(b, n->file);
            cl_buf_printf(b, ",\"line\":%d,\"column\":%d", n->line, n->column);
            key(b, "message", false);
            cl_json_str(b, n->message);
            cl_buf_putc(b, '}');
        }
        cl_buf_puts(b, "]}");
    }
}

void cl_json_end(cl_writer *w, cl_buf *b, const cl_summary *s)
{
    cl_buf_printf(b,
                  "%s],\"summary\":{\"errors\":%zu,\"warnings\":%zu,\"notes\":%zu,\"files\":%zu,"
                  "\"files_with_findings\":%zu,\"status\":%d}}\n",
                  w->items ? "\n" : "", s->errors, s->warnings, s->notes, s->files, s->files_with_findings,
                  s->status);
}

void cl_claims_report(cl_writer *w, cl_buf *b, const cl_report *r)
{
    for (size_t i = 0; r->claims && i < r->n_claims; i++) {
        const cl_claim_info *c = &r->claims[i];
        cl_buf_putc(b, '{');
        key(b, "file", true);
        cl_json_str(b, r->file);
        cl_buf_printf(b, ",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d", c->line, c->column,
                      c->end_line, c->end_column);
        key(b, "rule", false);
        cl_json_str(b, c->rule);
        key(b, "fact", false);
        cl_json_str(b, c->fact);
        key(b, "check", false);
        cl_json_str(b, c->check);
        key(b, "text", false);
        cl_json_str(b, c->text);
        key(b, "qualifier", false);
        cl_json_str(b, c->qualifier);
        key(b, "value", false);
        cl_json_str(b, c->value);
        key(b, "interval", false);
        cl_json_str(b, c->interval);
        key(b, "unit", false);
        cl_json_str(b, c->unit);
        key(b, "date", false);
        cl_json_str(b, c->date);
        key(b, "date_origin", false);
        cl_json_str(b, c->date_origin);
        cl_buf_puts(b, "}\n");
        w->items++;
    }
}
