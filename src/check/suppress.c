/* Inline suppressions. A directive stands on a line of its own, bare or in
 * an HTML/Markdown comment:
 *   claimlint-disable-next-line [RULE...] [-- reason]
 *   claimlint-disable [RULE...] [-- reason]   ...   claimlint-enable [RULE...]
 * No rule named means every rule. Directives are read from the original text,
 * so they work whatever the input format. */
#include "check/check.h"

#include <stdlib.h>
#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Parse one line; false when it is not a directive. */
static bool parse_line(const char *s, size_t n, size_t base, int line, cl_directive *d)
{
    size_t a = 0, b = n;
    while (a < b && is_space(s[a]))
        a++;
    while (b > a && is_space(s[b - 1]))
        b--;
    if (b - a >= 7 && memcmp(s + a, "<!--", 4) == 0 && memcmp(s + b - 3, "-->", 3) == 0) {
        a += 4, b -= 3;
        while (a < b && is_space(s[a]))
            a++;
        while (b > a && is_space(s[b - 1]))
            b--;
    }
    static const struct { const char *word; cl_directive_kind k; } words[] = {
        {"claimlint-disable-next-line", CL_DIRECTIVE_NEXT_LINE}, {"claimlint-disable", CL_DIRECTIVE_DISABLE},
        {"claimlint-enable", CL_DIRECTIVE_ENABLE}};
    size_t w;
    for (w = 0; w < 3; w++) {
        size_t len = strlen(words[w].word);
        if (b - a >= len && memcmp(s + a, words[w].word, len) == 0 && (b - a == len || is_space(s[a + len])))
            break;
    }
    if (w == 3)
        return false;
    memset(d, 0, sizeof *d);
    d->kind = words[w].k;
    d->line = line;
    d->offset = base + a;
    d->end = base + b;
    size_t p = a + strlen(words[w].word);
    while (p < b) {
        while (p < b && (is_space(s[p]) || s[p] == ','))
            p++;
        if (p >= b)
            break;
        size_t q = p;
        while (q < b && !is_space(s[q]) && s[q] != ',')
            q++;
        if (q - p == 2 && s[p] == '-' && s[p + 1] == '-')
            break; /* the reason follows */
        d->rules = cl_realloc(d->rules, (d->n_rules + 1) * sizeof *d->rules);
        d->rules[d->n_rules++] = cl_strndup(s + p, q - p);
        p = q;
    }
    return true;
}

static bool names(const cl_directive *d, const char *rule)
{
    if (d->n_rules == 0)
        return true;
    for (size_t i = 0; rule && i < d->n_rules; i++)
        if (strcmp(d->rules[i], rule) == 0)
            return true;
    return false;
}

/* The directive that silences a diagnostic of `rule` on `line`, or NULL. */
static cl_directive *silencer(cl_directive *v, size_t n, const char *rule, int line)
{
    cl_directive *region = NULL;
    for (size_t i = 0; i < n && v[i].line < line; i++) {
        cl_directive *d = &v[i];
        if (!names(d, rule))
            continue;
        if (d->kind == CL_DIRECTIVE_NEXT_LINE && d->line + 1 == line)
            return d;
        if (d->kind == CL_DIRECTIVE_DISABLE)
            region = d;
        else if (d->kind == CL_DIRECTIVE_ENABLE)
            region = NULL;
    }
    return region;
}

void cl_directives_free(cl_directives *v)
{
    for (size_t i = 0; i < v->len; i++) {
        for (size_t k = 0; k < v->items[i].n_rules; k++)
            free(v->items[i].rules[k]);
        free(v->items[i].rules);
    }
    free(v->items);
    memset(v, 0, sizeof *v);
}

void cl_directives_push(cl_directives *v, cl_directive d)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = cl_realloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->len++] = d;
}

void cl_directives_parse(cl_directives *v, const char *raw, size_t len, const cl_lines *lines, cl_column_unit unit,
                         size_t base_offset)
{
    for (size_t i = 0; i < lines->n; i++) {
        size_t start = lines->starts[i] + (i == 0 ? lines->bom : 0);
        size_t end = i + 1 < lines->n ? lines->starts[i + 1] : len;
        if (end <= start || !memchr(raw + start, 'c', end - start))
            continue;
        cl_directive d;
        int line, col;
        cl_lines_locate(lines, start, unit, &line, &col);
        if (parse_line(raw + start, end - start, start, line, &d)) {
            cl_lines_locate(lines, d.offset, unit, &d.line, &d.column);
            cl_lines_locate(lines, d.end, unit, &d.end_line, &d.end_column);
            d.offset += base_offset;
            d.end += base_offset;
            cl_directives_push(v, d);
        }
    }
}

static cl_diag *directive_diag(cl_diags *diags, const char *file, const cl_directive *d)
{
    cl_diag *x = cl_diags_push(diags);
    x->file = cl_strdup(file);
    x->offset = d->offset, x->end_offset = d->end;
    x->line = d->line, x->column = d->column, x->end_line = d->end_line, x->end_column = d->end_column;
    x->severity = CL_SEVERITY_WARNING;
    return x;
}

void cl_directives_apply(cl_diags *diags, cl_directives *dirs, const char *file, const cl_ruleset *rs,
                         bool report_unused)
{
    cl_directive *v = dirs->items;
    size_t n = dirs->len;
    if (n == 0)
        return;
    size_t kept = 0;
    size_t original = diags->len;
    /* Which rule of each directive's list silenced something: rule k of
     * directive i is used[first[i] + k]. */
    size_t *first = cl_calloc(n + 1, sizeof *first);
    for (size_t i = 0; i < n; i++)
        first[i + 1] = first[i] + v[i].n_rules;
    bool *used = cl_calloc(first[n] + 1, sizeof *used);
    for (size_t i = 0; i < original; i++) {
        cl_diag *d = &diags->items[i];
        cl_directive *by = d->remark ? NULL : silencer(v, n, d->rule, d->line);
        if (by) {
            by->used = true;
            for (size_t k = 0; d->rule && k < by->n_rules; k++)
                if (strcmp(by->rules[k], d->rule) == 0)
                    used[first[by - v] + k] = true;
            cl_diag_clear(d);
        } else {
            diags->items[kept++] = *d;
        }
    }
    diags->len = kept;
    for (size_t i = 0; i < n; i++) {
        cl_directive *d = &v[i];
        for (size_t k = 0; rs && k < d->n_rules; k++) {
            if (cl_ruleset_find(rs, d->rules[k]))
                continue;
            cl_diag *x = directive_diag(diags, file, d);
            x->rule = cl_strdup("unknown-rule-in-directive");
            x->message = cl_strfmt("directive names unknown rule '%s'", d->rules[k]);
        }
        const char *word = d->kind == CL_DIRECTIVE_NEXT_LINE ? "claimlint-disable-next-line" : "claimlint-disable";
        if (report_unused && !d->used && d->kind != CL_DIRECTIVE_ENABLE) {
            cl_diag *x = directive_diag(diags, file, d);
            x->rule = cl_strdup("unused-suppression");
            x->message = cl_strfmt("%s directive suppresses nothing", word);
        } else if (report_unused && d->kind != CL_DIRECTIVE_ENABLE) {
            /* Used, but not by every rule it names: the stale ones (known
             * rules only; an unknown one is reported above). */
            for (size_t k = 0; k < d->n_rules; k++) {
                if (used[first[i] + k] || (rs && !cl_ruleset_find(rs, d->rules[k])))
                    continue;
                cl_diag *x = directive_diag(diags, file, d);
                x->rule = cl_strdup("unused-suppression");
                x->message = cl_strfmt("%s directive: rule '%s' suppresses nothing", word, d->rules[k]);
            }
        }
    }
    free(first);
    free(used);
}
