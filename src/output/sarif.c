/* SARIF 2.1.0, as GitHub code scanning accepts it: tool.driver.rules with
 * help text, results with ruleId, level, message, a physical location with
 * its region, related locations for the notes, partialFingerprints, and the
 * run's columnKind (SARIF counts columns in UTF-16 code units or code points
 * only, so the CLI refuses byte and display columns with this format). */
#include "output/out.h"

#include <stdlib.h>
#include <string.h>

/* A relative URI reference for a path: unreserved characters and '/' kept,
 * everything else percent-encoded (UTF-8 bytes included). */
static void uri(cl_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    cl_buf u = {0};
    cl_buf_puts(&u, "");
    const char *p = path ? path : "";
    if (p[0] == '.' && p[1] == '/')
        p += 2;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~/", c))
            cl_buf_putc(&u, (char)c);
        else
            cl_buf_printf(&u, "%%%c%c", hex[c >> 4], hex[c & 15]);
    }
    cl_json_str(b, u.data);
    cl_buf_free(&u);
}

static const char *level(const char *severity)
{
    return strcmp(severity, "error") == 0 ? "error" : strcmp(severity, "note") == 0 ? "note" : "warning";
}

void cl_sarif_begin(cl_writer *w, cl_buf *b)
{
    cl_buf_puts(b, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                   "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"claimlint\",\"version\":");
    cl_json_str(b, cl_version());
    cl_buf_puts(b, ",\"informationUri\":\"https://github.com/claimlint/claimlint\",\"rules\":[");
    for (size_t i = 0; i < w->o.n_rules; i++) {
        const cl_rule_info *r = &w->o.rules[i];
        cl_buf_puts(b, i ? ",\n{" : "\n{");
        cl_buf_puts(b, "\"id\":");
        cl_json_str(b, r->id);
        cl_buf_puts(b, ",\"name\":");
        cl_json_str(b, r->id);
        cl_buf_puts(b, ",\"shortDescription\":{\"text\":");
        cl_json_str(b, r->description && *r->description ? r->description : r->id);
        cl_buf_puts(b, "},\"fullDescription\":{\"text\":");
        char *full = cl_strfmt("%s (a %s check of the fact '%s'%s%s)", r->description && *r->description ? r->description : r->id,
                               r->check, r->fact, *r->fact_label ? ": " : "", r->fact_label);
        cl_json_str(b, full);
        cl_buf_puts(b, "},\"help\":{\"text\":");
        char *help = cl_strfmt("%s. Claims are matched by the patterns of rule '%s' (%s:%d) and compared with the "
                               "reference table; run `claimlint --explain %s` for its patterns, examples and facts.",
                               full, r->id, r->file, r->line, r->id);
        cl_json_str(b, help);
        cl_buf_puts(b, ",\"markdown\":");
        char *md = cl_strfmt("%s.\n\nDefined in `%s:%d`. Run `claimlint --explain %s` for its patterns, examples and "
                             "the facts it uses.",
                             full, r->file, r->line, r->id);
        cl_json_str(b, md);
        cl_buf_puts(b, "},\"defaultConfiguration\":{\"level\":");
        cl_json_str(b, level(r->severity));
        cl_buf_puts(b, "},\"properties\":{\"fact\":");
        cl_json_str(b, r->fact);
        cl_buf_puts(b, ",\"check\":");
        cl_json_str(b, r->check);
        cl_buf_puts(b, "}}");
        free(full), free(help), free(md);
    }
    cl_buf_printf(b, "%s{\"id\":\"" CL_INPUT_RULE "\",\"name\":\"" CL_INPUT_RULE "\","
                     "\"shortDescription\":{\"text\":\"a problem with the input itself\"},"
                     "\"fullDescription\":{\"text\":\"A file that could not be read or checked completely: invalid "
                     "UTF-8, a resource limit hit by a pattern.\"},"
                     "\"help\":{\"text\":\"Fix the file's encoding, or simplify the rule named in the message.\"},"
                     "\"defaultConfiguration\":{\"level\":\"warning\"}}",
                  w->o.n_rules ? ",\n" : "\n");
    cl_buf_puts(b, "]}},\"columnKind\":");
    cl_json_str(b, w->o.columns == CL_COLUMNS_CHAR ? "unicodeCodePoints" : "utf16CodeUnits");
    cl_buf_puts(b, ",\"results\":[");
}

static long rule_index(const cl_writer *w, const char *id)
{
    for (size_t i = 0; i < w->o.n_rules; i++)
        if (strcmp(w->o.rules[i].id, id) == 0)
            return (long)i;
    return -1;
}

static void region(cl_buf *b, int line, int column, int end_line, int end_column)
{
    if (line <= 0)
        return;
    cl_buf_printf(b, ",\"region\":{\"startLine\":%d", line);
    if (column > 0)
        cl_buf_printf(b, ",\"startColumn\":%d", column);
    if (end_line > 0)
        cl_buf_printf(b, ",\"endLine\":%d", end_line);
    if (end_column > 0)
        cl_buf_printf(b, ",\"endColumn\":%d", end_column);
    cl_buf_putc(b, '}');
}

void cl_sarif_report(cl_writer *w, cl_buf *b, const cl_report *r)
{
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *d = &r->diags[i];
        if (d->remark)
            continue;
        const char *id = d->rule ? d->rule : CL_INPUT_RULE;
        long idx = d->rule ? rule_index(w, d->rule) : (long)w->o.n_rules;
        cl_buf_puts(b, w->items++ ? ",\n{" : "\n{");
        cl_buf_puts(b, "\"ruleId\":");
        cl_json_str(b, id);
        if (idx >= 0)
            cl_buf_printf(b, ",\"ruleIndex\":%ld", idx);
        cl_buf_puts(b, ",\"level\":");
        cl_json_str(b, cl_severity_word(d->severity));
        cl_buf_puts(b, ",\"message\":{\"text\":");
        cl_json_str(b, d->message);
        cl_buf_puts(b, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
        uri(b, d->file);
        cl_buf_putc(b, '}');
        /* GitHub code scanning needs a startLine on every result (its SARIF
         * rule GH1003); a problem with a whole file (binary, unreadable) is
         * put on its first line. */
        if (d->line > 0)
            region(b, d->line, d->column, d->end_line, d->end_column);
        else
            region(b, 1, 0, 0, 0);
        cl_buf_puts(b, "}}]");
        if (d->n_notes) {
            cl_buf_puts(b, ",\"relatedLocations\":[");
            for (size_t k = 0; k < d->n_notes; k++) {
                const cl_diag_note *n = &d->notes[k];
                cl_buf_printf(b, "%s{\"id\":%zu,\"physicalLocation\":{\"artifactLocation\":{\"uri\":", k ? "," : "",
                              k + 1);
                uri(b, n->file);
                cl_buf_putc(b, '}');
                region(b, n->line, n->column, 0, 0);
                cl_buf_puts(b, "},\"message\":{\"text\":");
                cl_json_str(b, n->message);
                cl_buf_puts(b, "}}");
            }
            cl_buf_putc(b, ']');
        }
        char *fp = cl_diag_fingerprint(d);
        cl_buf_puts(b, ",\"partialFingerprints\":{\"claimlint/v1\":");
        cl_json_str(b, fp);
        cl_buf_puts(b, "}");
        if (d->fact || d->claimed || d->reference) {
            cl_buf_puts(b, ",\"properties\":{\"fact\":");
            cl_json_str(b, d->fact);
            cl_buf_puts(b, ",\"claimed\":");
            cl_json_str(b, d->claimed);
            cl_buf_puts(b, ",\"reference\":");
            cl_json_str(b, d->reference);
            cl_buf_putc(b, '}');
        }
        cl_buf_putc(b, '}');
        free(fp);
    }
}

void cl_sarif_end(cl_writer *w, cl_buf *b, const cl_summary *s)
{
    cl_buf_printf(b, "%s],\"invocations\":[{\"executionSuccessful\":%s,\"exitCode\":%d}]}]}\n", w->items ? "\n" : "",
                  s->status == 2 ? "false" : "true", s->status);
}
