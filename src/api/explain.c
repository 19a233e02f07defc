/* Introspection for people: --explain RULE (what a rule checks, its
 * patterns, examples and the facts behind it) and --list-facts. */
#include "claimlint.h"

#include "api/internal.h"
#include "data/reference.h"
#include "data/rules.h"

#include <stdlib.h>
#include <string.h>

static void fact_values(cl_buf *b, const cl_fact *f, const char *indent)
{
    char d1[64], d2[64];
    if (f->type == CL_FACT_QUANTITY) {
        if (f->n_points == 0)
            cl_buf_printf(b, "%sno reference value: claims are compared with each other only\n", indent);
        for (size_t i = 0; i < f->n_points; i++) {
            const cl_point *p = &f->points[i];
            cl_buf_printf(b, "%s%s", indent, p->text);
            if (p->has_date) {
                cl_date_format(&p->date, d1, sizeof d1);
                cl_buf_printf(b, f->over_time == CL_TIME_STEPWISE ? " from %s" : " as of %s", d1);
            }
            if (p->has_until) {
                cl_date_format(&p->until, d2, sizeof d2);
                cl_buf_printf(b, " until %s", d2);
            }
            if (p->note)
                cl_buf_printf(b, " (%s)", p->note);
            cl_buf_printf(b, "    [%s:%d:%d]\n", p->pos.file, p->pos.line, p->pos.column);
        }
    } else if (f->type == CL_FACT_EVENT) {
        for (size_t i = 0; i < f->n_events; i++) {
            cl_date_format(&f->events[i].date, d1, sizeof d1);
            cl_buf_printf(b, "%s%s: %s\n", indent, f->events[i].name, d1);
        }
        if (f->n_bodies) {
            cl_buf_printf(b, "%sissued by:", indent);
            for (size_t i = 0; i < f->n_bodies; i++)
                cl_buf_printf(b, "%s %s", i ? " /" : "", f->bodies[i]);
            cl_buf_putc(b, '\n');
        }
    } else {
        cl_buf_printf(b, "%saccepted:", indent);
        for (size_t i = 0; i < f->n_accepted; i++)
            cl_buf_printf(b, "%s %s", i ? " /" : "", f->accepted[i]);
        cl_buf_printf(b, "\n%smisspellings:", indent);
        for (size_t i = 0; i < f->n_misspellings; i++)
            cl_buf_printf(b, "%s %s", i ? " /" : "", f->misspellings[i]);
        cl_buf_putc(b, '\n');
    }
}

static void fact_block(cl_buf *b, const cl_fact *f)
{
    static const char *const over[] = {"fixed", "cumulative", "stepwise"};
    static const char *const types[] = {"quantity", "event", "name"};
    cl_buf_printf(b, "  %s: %s\n", f->key, f->label);
    cl_buf_printf(b, "    %s", types[f->type]);
    if (f->type == CL_FACT_QUANTITY)
        cl_buf_printf(b, ", %s, unit %s", over[f->over_time], f->unit[0] ? f->unit : "none");
    cl_buf_printf(b, ", confidence %s, defined at %s:%d:%d\n", cl_confidence_name(f->confidence), f->pos.file,
                  f->pos.line, f->pos.column);
    fact_values(b, f, "    ");
    for (size_t i = 0; i < f->n_sources; i++)
        cl_buf_printf(b, "    source: %s%s%s%s%s\n", f->sources[i].title, f->sources[i].date ? ", " : "",
                      f->sources[i].date ? f->sources[i].date : "", f->sources[i].url ? ", " : "",
                      f->sources[i].url ? f->sources[i].url : "");
}

char *cl_engine_explain(const cl_engine *e, const char *id)
{
    const cl_rule *r = cl_ruleset_find(cl_engine_rules(e), id);
    if (!r)
        return NULL;
    cl_buf b = {0};
    cl_buf_printf(&b, "%s: %s\n", r->id, r->description ? r->description : "(no description)");
    cl_buf_printf(&b, "  check: %s; severity: %s%s; defined at %s:%d:%d\n", cl_check_names[r->check],
                  cl_severity_name(r->severity), r->disabled ? "; disabled by configuration" : "", r->file, r->line,
                  r->column);
    if (r->message)
        cl_buf_printf(&b, "  message: %s\n", r->message);
    if (r->has_fixed) {
        char v[64];
        cl_rat_format(r->fixed.value, 6, v, sizeof v);
        cl_buf_printf(&b, "  claims state the value %s in words\n", v);
    }
    cl_buf_puts(&b, "\nfact:\n");
    if (r->fact)
        fact_block(&b, r->fact);
    else
        cl_buf_printf(&b, "  %s: not in the reference table; claims are compared with each other only\n", r->fact_key);
    if (r->of) {
        cl_buf_puts(&b, "\nshare of:\n");
        fact_block(&b, r->of);
    }
    cl_buf_puts(&b, "\npatterns (run on normalised text, docs/normalization.md):\n");
    for (size_t i = 0; i < r->n_patterns; i++)
        cl_buf_printf(&b, "  %s:%d:%d: %s\n", r->file, r->patterns[i].line, r->patterns[i].column, r->patterns[i].source);
    cl_buf_puts(&b, "\nexamples:\n");
    for (size_t i = 0; i < r->n_examples; i++) {
        const cl_example *x = &r->examples[i];
        cl_buf_printf(&b, "  %s %s", x->must_match ? "match:   " : "no match:", x->text);
        if (x->value)
            cl_buf_printf(&b, "  [value %s]", x->value);
        if (x->date)
            cl_buf_printf(&b, "  [date %s]", x->date);
        if (x->name)
            cl_buf_printf(&b, "  [name %s]", x->name);
        if (x->finding >= 0)
            cl_buf_printf(&b, "  [%s]", x->finding ? "finding" : "no finding");
        cl_buf_putc(&b, '\n');
    }
    if (r->n_examples == 0)
        cl_buf_puts(&b, "  (none)\n");
    return cl_buf_detach(&b);
}

char *cl_engine_list_facts(const cl_engine *e)
{
    const cl_reftable *t = cl_engine_reftable(e);
    cl_buf b = {0};
    cl_buf_puts(&b, "");
    for (size_t i = 0; i < cl_reftable_count(t); i++) {
        fact_block(&b, cl_reftable_at(t, i));
        cl_buf_putc(&b, '\n');
    }
    return cl_buf_detach(&b);
}

char *cl_engine_list_patterns(const cl_engine *e)
{
    const cl_ruleset *rs = cl_engine_rules(e);
    cl_buf b = {0};
    cl_buf_puts(&b, "");
    for (size_t i = 0; i < cl_ruleset_count(rs); i++) {
        const cl_rule *r = cl_ruleset_at(rs, i);
        for (size_t k = 0; k < r->n_patterns; k++)
            if (r->patterns[k].expanded)
                cl_buf_printf(&b, "%s\t%s\n", r->id, r->patterns[k].expanded);
    }
    return cl_buf_detach(&b);
}
