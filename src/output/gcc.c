/* The GCC/GNU diagnostic format, the default output:
 *   file:line:column: severity: message [rule-id]
 *   file:line:column: note: message
 * Editors (Vim's errorformat, Emacs compilation-mode) read this as it is. */
#include "claimlint.h"
#include "base/base.h"

#include <stdlib.h>

static void position(cl_buf *b, const char *file, int line, int column)
{
    cl_buf_puts(b, file ? file : "<unknown>");
    if (line > 0) {
        cl_buf_printf(b, ":%d", line);
        if (column > 0)
            cl_buf_printf(b, ":%d", column);
    }
    cl_buf_puts(b, ": ");
}

const char *cl_severity_word(cl_severity s)
{
    static const char *const words[] = {"note", "warning", "error"};
    return words[s];
}


static char *format_diag(const cl_diag *d)
{
    cl_buf b = {0};
    position(&b, d->file, d->line, d->column);
    cl_buf_printf(&b, "%s: %s", cl_severity_word(d->severity), d->message);
    if (d->rule)
        cl_buf_printf(&b, " [%s]", d->rule);
    cl_buf_putc(&b, '\n');
    for (size_t i = 0; i < d->n_notes; i++) {
        position(&b, d->notes[i].file, d->notes[i].line, d->notes[i].column);
        cl_buf_printf(&b, "note: %s\n", d->notes[i].message);
    }
    return cl_buf_detach(&b);
}

char *cl_format_gcc(const cl_report *r)
{
    cl_buf b = {0};
    for (size_t i = 0; i < r->n_diags; i++) {
        char *s = format_diag(&r->diags[i]);
        cl_buf_puts(&b, s);
        free(s);
    }
    return cl_buf_detach(&b);
}
