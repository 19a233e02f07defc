/* GitHub Actions workflow commands: one annotation per finding,
 *   ::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE
 * with GitHub's escaping (% CR LF in messages; also : and , in properties).
 * Notes are appended to the message, one per line. */
#include "output/out.h"

#include <stdlib.h>

static char *escape(const char *s, bool property)
{
    cl_buf b = {0};
    cl_buf_puts(&b, "");
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '%': cl_buf_puts(&b, "%25"); break;
        case '\r': cl_buf_puts(&b, "%0D"); break;
        case '\n': cl_buf_puts(&b, "%0A"); break;
        case ':':
            if (property) {
                cl_buf_puts(&b, "%3A");
                break;
            }
            cl_buf_putc(&b, *p);
            break;
        case ',':
            if (property) {
                cl_buf_puts(&b, "%2C");
                break;
            }
            cl_buf_putc(&b, *p);
            break;
        default: cl_buf_putc(&b, *p);
        }
    }
    return cl_buf_detach(&b);
}

char *cl_github_escape_data(const char *s)
{
    return escape(s, false);
}

char *cl_github_escape_property(const char *s)
{
    return escape(s, true);
}

void cl_github_report(cl_writer *w, cl_buf *b, const cl_report *r)
{
    static const char *const commands[] = {"notice", "warning", "error"};
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *d = &r->diags[i];
        if (d->remark && !w->o.verbose)
            continue;
        char *file = cl_github_escape_property(d->file);
        char *title = cl_github_escape_property(d->rule ? d->rule : CL_INPUT_RULE);
        cl_buf_printf(b, "::%s file=%s", commands[d->severity], file);
        if (d->line > 0) {
            cl_buf_printf(b, ",line=%d", d->line);
            if (d->column > 0)
                cl_buf_printf(b, ",col=%d", d->column);
            if (d->end_line > 0)
                cl_buf_printf(b, ",endLine=%d", d->end_line);
            /* GitHub's endColumn is the last column of the region, ours the one after it. */
            if (d->end_column > d->column && d->end_line == d->line)
                cl_buf_printf(b, ",endColumn=%d", d->end_column - 1);
        }
        cl_buf_printf(b, ",title=%s::", title);
        cl_buf msg = {0};
        cl_buf_puts(&msg, d->message);
        for (size_t k = 0; k < d->n_notes; k++) {
            const cl_diag_note *n = &d->notes[k];
            if (n->line > 0)
                cl_buf_printf(&msg, "\n%s:%d:%d: note: %s", n->file ? n->file : "", n->line, n->column, n->message);
            else
                cl_buf_printf(&msg, "\n%s: note: %s", n->file ? n->file : "", n->message);
        }
        char *data = cl_github_escape_data(msg.data);
        cl_buf_printf(b, "%s\n", data);
        free(data), free(file), free(title);
        cl_buf_free(&msg);
        w->items++;
    }
}
