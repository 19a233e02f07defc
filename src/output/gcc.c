/* The GCC/GNU diagnostic format, the default output:
 *   file:line:column: severity: message [rule-id]
 *   file:line:column: note: message
 * Editors read it as it is. On a terminal it can also show the source line
 * with a caret under the claim, and GCC's colours. */
#include "output/out.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* GCC's default colours (GCC_COLORS): locus bold, error red, warning
 * magenta, note cyan, the caret green. */
#define C_LOCUS "\033[01m"
#define C_ERROR "\033[01;31m"
#define C_WARNING "\033[01;35m"
#define C_NOTE "\033[01;36m"
#define C_CARET "\033[01;32m"
#define C_RESET "\033[m"

const char *cl_severity_word(cl_severity s)
{
    static const char *const words[] = {"note", "warning", "error"};
    return words[s];
}

static const char *severity_color(cl_severity s)
{
    static const char *const colors[] = {C_NOTE, C_WARNING, C_ERROR};
    return colors[s];
}

static void position(cl_buf *b, bool color, const char *file, int line, int column)
{
    if (color)
        cl_buf_puts(b, C_LOCUS);
    cl_buf_puts(b, file ? file : "<unknown>");
    if (line > 0) {
        cl_buf_printf(b, ":%d", line);
        if (column > 0)
            cl_buf_printf(b, ":%d", column);
    }
    cl_buf_putc(b, ':');
    if (color)
        cl_buf_puts(b, C_RESET);
    cl_buf_putc(b, ' ');
}

/* The source line of d with a caret and tildes under the claim, aligned in
 * terminal cells (a Chinese character takes two). */
static void excerpt(cl_buf *b, bool color, const cl_diag *d, const char *data, size_t len, const cl_lines *lines)
{
    if (!data || d->line <= 0 || d->offset > len)
        return;
    size_t start = d->offset, end = d->offset;
    while (start > 0 && data[start - 1] != '\n' && data[start - 1] != '\r')
        start--;
    if (start == 0 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    while (end < len && data[end] != '\n' && data[end] != '\r')
        end++;
    size_t stop = d->end_offset < end ? d->end_offset : end;
    if (stop < d->offset)
        stop = d->offset;
    int line, c0, c1, c2;
    cl_lines_locate(lines, d->offset, CL_COLUMN_DISPLAY, &line, &c0);
    cl_lines_locate(lines, stop, CL_COLUMN_DISPLAY, &line, &c1);
    cl_lines_locate(lines, start, CL_COLUMN_DISPLAY, &line, &c2);
    cl_buf_printf(b, "%5d | ", d->line);
    /* Tabs become spaces to the next tab stop, as display columns count them. */
    for (size_t i = start; i < end; i++) {
        if (data[i] == '\t') {
            int here, x;
            cl_lines_locate(lines, i, CL_COLUMN_DISPLAY, &here, &x);
            int next;
            cl_lines_locate(lines, i + 1, CL_COLUMN_DISPLAY, &here, &next);
            for (int k = x; k < next; k++)
                cl_buf_putc(b, ' ');
        } else {
            cl_buf_putc(b, data[i]);
        }
    }
    cl_buf_puts(b, "\n      | ");
    for (int i = c2; i < c0; i++)
        cl_buf_putc(b, ' ');
    if (color)
        cl_buf_puts(b, C_CARET);
    cl_buf_putc(b, '^');
    for (int i = c0 + 1; i < c1; i++)
        cl_buf_putc(b, '~');
    if (color)
        cl_buf_puts(b, C_RESET);
    cl_buf_putc(b, '\n');
}

void cl_gcc_report(cl_writer *w, cl_buf *b, const cl_report *r, const char *data, size_t len)
{
    bool color = w->o.color;
    cl_lines lines = {0};
    bool have_lines = w->o.excerpts && data;
    if (have_lines)
        cl_lines_init(&lines, data, len);
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *d = &r->diags[i];
        if (d->remark && !w->o.verbose)
            continue;
        position(b, color, d->file, d->line, d->column);
        if (color)
            cl_buf_puts(b, severity_color(d->severity));
        cl_buf_printf(b, "%s:", cl_severity_word(d->severity));
        if (color)
            cl_buf_puts(b, C_RESET);
        cl_buf_printf(b, " %s", d->message);
        if (d->rule)
            cl_buf_printf(b, color ? " [%s%s" C_RESET "]" : " [%s%s]", color ? severity_color(d->severity) : "",
                          d->rule);
        cl_buf_putc(b, '\n');
        if (have_lines)
            excerpt(b, color, d, data, len, &lines);
        for (size_t k = 0; k < d->n_notes; k++) {
            position(b, color, d->notes[k].file, d->notes[k].line, d->notes[k].column);
            cl_buf_printf(b, color ? C_NOTE "note:" C_RESET " %s\n" : "note: %s\n", d->notes[k].message);
        }
        w->items++;
    }
    if (have_lines)
        cl_lines_free(&lines);
}
