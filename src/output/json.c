/* JSON writers: claims as JSON Lines (--claims). Strings are escaped per
 * RFC 8259; invalid UTF-8 never reaches here (the normaliser replaced it). */
#include "claimlint.h"
#include "base/base.h"

#include <stdlib.h>

static void json_str(cl_buf *b, const char *s)
{
    if (!s) {
        cl_buf_puts(b, "null");
        return;
    }
    cl_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': cl_buf_puts(b, "\\\""); break;
        case '\\': cl_buf_puts(b, "\\\\"); break;
        case '\n': cl_buf_puts(b, "\\n"); break;
        case '\r': cl_buf_puts(b, "\\r"); break;
        case '\t': cl_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20)
                cl_buf_printf(b, "\\u%04x", *p);
            else
                cl_buf_putc(b, (char)*p);
        }
    }
    cl_buf_putc(b, '"');
}

char *cl_format_claims_jsonl(const cl_report *r)
{
    cl_buf b = {0};
    for (size_t i = 0; r->claims && i < r->n_claims; i++) {
        const cl_claim_info *c = &r->claims[i];
        cl_buf_puts(&b, "{\"file\":");
        json_str(&b, r->file);
        cl_buf_printf(&b, ",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d", c->line, c->column,
                      c->end_line, c->end_column);
        cl_buf_puts(&b, ",\"rule\":");
        json_str(&b, c->rule);
        cl_buf_puts(&b, ",\"fact\":");
        json_str(&b, c->fact);
        cl_buf_puts(&b, ",\"check\":");
        json_str(&b, c->check);
        cl_buf_puts(&b, ",\"text\":");
        json_str(&b, c->text);
        cl_buf_puts(&b, ",\"qualifier\":");
        json_str(&b, c->qualifier);
        cl_buf_puts(&b, ",\"value\":");
        json_str(&b, c->value);
        cl_buf_puts(&b, ",\"interval\":");
        json_str(&b, c->interval);
        cl_buf_puts(&b, ",\"unit\":");
        json_str(&b, c->unit);
        cl_buf_puts(&b, ",\"date\":");
        json_str(&b, c->date);
        cl_buf_puts(&b, ",\"date_origin\":");
        json_str(&b, c->date_origin);
        cl_buf_puts(&b, "}\n");
    }
    return cl_buf_detach(&b);
}
