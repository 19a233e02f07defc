/* The streaming writer: dispatches begin/report/end to the renderer of the
 * chosen format, and computes finding fingerprints (for SARIF and for
 * baselines) from what survives edits: rule, fact, normalised text, file. */
#include "output/out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cl_writer *cl_writer_new(const cl_writer_options *o)
{
    cl_writer *w = cl_calloc(1, sizeof *w);
    w->o = *o;
    return w;
}

void cl_writer_free(cl_writer *w)
{
    free(w);
}

char *cl_writer_begin(cl_writer *w)
{
    cl_buf b = {0};
    if (w->o.format == CL_OUTPUT_JSON)
        cl_json_begin(w, &b);
    else if (w->o.format == CL_OUTPUT_SARIF)
        cl_sarif_begin(w, &b);
    return cl_buf_detach(&b);
}

char *cl_writer_report(cl_writer *w, const cl_report *r, const char *data, size_t len)
{
    cl_buf b = {0};
    switch (w->o.format) {
    case CL_OUTPUT_GCC: cl_gcc_report(w, &b, r, data, len); break;
    case CL_OUTPUT_JSON: cl_json_report(w, &b, r); break;
    case CL_OUTPUT_SARIF: cl_sarif_report(w, &b, r); break;
    case CL_OUTPUT_GITHUB: cl_github_report(w, &b, r); break;
    case CL_OUTPUT_CLAIMS: cl_claims_report(w, &b, r); break;
    }
    return cl_buf_detach(&b);
}

int cl_summary_add(cl_summary *s, const cl_report *r)
{
    int worst = -1;
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *d = &r->diags[i];
        if (d->remark)
            continue;
        if (d->severity == CL_SEVERITY_ERROR)
            s->errors++;
        else if (d->severity == CL_SEVERITY_WARNING)
            s->warnings++;
        else
            s->notes++;
        if ((int)d->severity > worst)
            worst = (int)d->severity;
    }
    s->files++;
    s->files_with_findings += worst >= 0;
    return worst;
}

char *cl_writer_end(cl_writer *w, const cl_summary *s)
{
    cl_buf b = {0};
    if (w->o.format == CL_OUTPUT_JSON)
        cl_json_end(w, &b, s);
    else if (w->o.format == CL_OUTPUT_SARIF)
        cl_sarif_end(w, &b, s);
    return cl_buf_detach(&b);
}

const char *cl_column_kind_name(cl_column_kind k)
{
    static const char *const names[] = {"byte", "char", "display", "utf16"};
    return names[k];
}

/* FNV-1a, 64 bits: stable across platforms and runs. */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    h ^= 0xFF; /* field separator */
    h *= 1099511628211ULL;
    return h;
}

char *cl_diag_fingerprint(const cl_diag *d)
{
    uint64_t h = 14695981039346656037ULL;
    h = fnv(h, d->rule);
    h = fnv(h, d->fact);
    h = fnv(h, d->norm_text ? d->norm_text : d->text ? d->text : d->message);
    h = fnv(h, d->file);
    return cl_strfmt("%016llx", (unsigned long long)h);
}

static char *format_one(cl_output_format format, const cl_report *r)
{
    cl_writer_options o = {0};
    o.format = format;
    cl_writer *w = cl_writer_new(&o);
    char *s = cl_writer_report(w, r, NULL, 0);
    cl_writer_free(w);
    return s;
}

char *cl_format_gcc(const cl_report *r)
{
    return format_one(CL_OUTPUT_GCC, r);
}

char *cl_format_claims_jsonl(const cl_report *r)
{
    return format_one(CL_OUTPUT_CLAIMS, r);
}
