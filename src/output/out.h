/* Internal interface of the output layer: one renderer per file (gcc.c,
 * json.c, sarif.c, github.c) behind the streaming writer of writer.c. */
#ifndef CL_OUT_H
#define CL_OUT_H

#include "claimlint.h"
#include "base/base.h"

struct cl_writer {
    cl_writer_options o;
    size_t items;    /* diagnostics or results written so far (for separators) */
};

/* JSON string literal (or null) with RFC 8259 escaping. */
void cl_json_str(cl_buf *b, const char *s);

/* The id given to diagnostics about the input itself (no rule). */
#define CL_INPUT_RULE "claimlint-input"

void cl_gcc_report(cl_writer *w, cl_buf *b, const cl_report *r, const char *data, size_t len);

void cl_json_begin(cl_writer *w, cl_buf *b);
void cl_json_report(cl_writer *w, cl_buf *b, const cl_report *r);
void cl_json_end(cl_writer *w, cl_buf *b, const cl_summary *s);
void cl_claims_report(cl_writer *w, cl_buf *b, const cl_report *r);

void cl_sarif_begin(cl_writer *w, cl_buf *b);
void cl_sarif_report(cl_writer *w, cl_buf *b, const cl_report *r);
void cl_sarif_end(cl_writer *w, cl_buf *b, const cl_summary *s);

void cl_github_report(cl_writer *w, cl_buf *b, const cl_report *r);

const char *cl_column_kind_name(cl_column_kind k);

#endif
