/* Checks: turn a document's claims into diagnostics by comparing them with
 * the reference table at their dates, with the arithmetic they state, and
 * with the claims of the same fact seen earlier in this document or in
 * earlier documents of the session (kept here, compactly, between documents). */
#ifndef CL_CHECK_H
#define CL_CHECK_H

#include "claimlint.h"
#include "data/reference.h"
#include "data/rules.h"
#include "match/match.h"
#include "text/text.h"

/* One document as the checks see it; everything borrowed. */
typedef struct cl_doc {
    const char *file;
    const char *orig;      /* the text as extracted: same offsets as the file, CL_BLANK where markup was */
    size_t orig_len;
    const cl_text *text;
    const cl_lines *lines;
    cl_column_unit unit;
    const cl_claims *claims;
    bool has_date; /* the document has a date */
} cl_doc;

/* A growable list of diagnostics. */
typedef struct cl_diags {
    cl_diag *items;
    size_t len, cap;
} cl_diags;

cl_diag *cl_diags_push(cl_diags *d);
void cl_diag_clear(cl_diag *d);
void cl_diag_add_note(cl_diag *d, const char *file, int line, int column, const char *message);
/* Sort by line, column, then rule id (stable for equal positions). */
void cl_diags_sort(cl_diags *d);

typedef struct cl_checker cl_checker;

/* A checker over rs and ref (borrowed). cross: keep claims between documents. */
cl_checker *cl_checker_new(const cl_ruleset *rs, const cl_reftable *ref, bool cross);
void cl_checker_free(cl_checker *c);
/* Check doc's claims, appending diagnostics to out (positions in doc->unit).
 * verbose: also explain, as remarks, the claims left unchecked and why.
 * The claims are then kept for the documents that follow. */
void cl_checker_check(cl_checker *c, const cl_doc *doc, bool verbose, cl_diags *out);

/* Expand a message template: {name} is replaced by the value of `name` in
 * vars (pairs of name, value, NULL-terminated); unknown names stay as they
 * are, "{{" gives "{". Caller frees. */
char *cl_template_expand(const char *tmpl, const char *const *vars);

#endif
