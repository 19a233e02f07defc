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
    size_t base_offset; /* where orig starts in the file, when it is read in pieces */
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

/* A value claim kept after its document's own checks, for the checks
 * against later documents (and for map/reduce runs, serialised). */
enum {
    CL_KEPT_SPOKE = 1,        /* the reference decides at its date (not a cumulative fact between or after its points) */
    CL_KEPT_CONTRADICTED = 2, /* already reported against the reference */
    CL_KEPT_CONFLICTED = 4,   /* already reported against a claim of its document */
    CL_KEPT_RELATED = 8,      /* already reported for a relation */
    CL_KEPT_SUMMED = 16       /* already reported for a sum relation */
};

typedef struct cl_kept {
    const cl_rule *rule;
    const char *unit;            /* static unit id */
    cl_interval range;
    cl_date date;
    cl_date_origin date_origin;
    int line, column, end_line, end_column;
    size_t offset, end_offset;
    char *text, *norm_text;      /* as written; normalised */
    char *claimed;               /* "more than 120项": qualifier in words, number as written */
    unsigned flags;              /* CL_KEPT_* */
    int doc;                     /* set by the store */
    const char *file;            /* set by the store (owned by it) */
} cl_kept;

typedef struct cl_kept_list {
    cl_kept *items;
    size_t len, cap;
} cl_kept_list;

void cl_kept_list_free(cl_kept_list *l);
void cl_kept_list_push(cl_kept_list *l, cl_kept k); /* takes k's strings */

/* Check doc's claims on their own (reference, arithmetic, names, dates) and
 * against each other; append diagnostics to out (positions in doc->unit) and
 * the document's value claims to kept. Reads only immutable data, so
 * documents can be checked in parallel. verbose: also explain, as remarks,
 * the claims left unchecked and why. */
void cl_check_document(const cl_ruleset *rs, const cl_reftable *ref, const cl_doc *doc, bool verbose, cl_diags *out,
                       cl_kept_list *kept);

/* The same for a document read in pieces: state carries what the checks
 * between its claims need from one piece to the next. */
typedef struct cl_doc_state cl_doc_state;
cl_doc_state *cl_doc_state_new(void);
void cl_doc_state_free(cl_doc_state *state);
void cl_check_document_part(const cl_ruleset *rs, const cl_reftable *ref, const cl_doc *doc, bool verbose,
                            cl_diags *out, cl_kept_list *kept, cl_doc_state *state);

/* The claims of the documents checked so far, by fact. Documents must be
 * added in order: findings land on the later document. */
typedef struct cl_store cl_store;

cl_store *cl_store_new(const cl_reftable *ref);
void cl_store_free(cl_store *s);
/* Compare a document's kept claims with the store's (earlier documents),
 * append findings to out, then move the claims into the store (kept is
 * emptied). file names the document in findings and in later notes. */
void cl_store_check_and_add(cl_store *s, const char *file, cl_kept_list *kept, cl_diags *out);
/* Claims held for later comparisons: at most two per fact, date and unit. */
size_t cl_store_claims(const cl_store *s);

/* Inline directives (claimlint-disable-next-line, claimlint-disable,
 * claimlint-enable), read from a document's text as written (an HTML comment
 * is blanked in the extracted copy) while it is checked, and applied once the
 * findings of every step are in. */
typedef enum cl_directive_kind { CL_DIRECTIVE_NEXT_LINE, CL_DIRECTIVE_DISABLE, CL_DIRECTIVE_ENABLE } cl_directive_kind;

typedef struct cl_directive {
    cl_directive_kind kind;
    int line, column, end_line, end_column;
    size_t offset, end;  /* of the directive's text in the file */
    char **rules;        /* none: every rule */
    size_t n_rules;
    bool used;
} cl_directive;

typedef struct cl_directives {
    cl_directive *items;
    size_t len, cap;
} cl_directives;

/* Add the directives of raw[0..len) (whose lines are indexed by lines;
 * offsets shifted by base_offset) to v. */
void cl_directives_parse(cl_directives *v, const char *raw, size_t len, const cl_lines *lines, cl_column_unit unit,
                         size_t base_offset);
/* Remove the findings the directives silence; rs (may be NULL) names the
 * known rules: a directive naming another is a warning. report_unused: a
 * warning for every directive that silenced nothing. */
void cl_directives_apply(cl_diags *diags, cl_directives *dirs, const char *file, const cl_ruleset *rs,
                         bool report_unused);
void cl_directives_free(cl_directives *v);
void cl_directives_push(cl_directives *v, cl_directive d); /* takes d's rules */

/* Expand a message template: {name} is replaced by the value of `name` in
 * vars (pairs of name, value, NULL-terminated); unknown names stay as they
 * are, "{{" gives "{". Caller frees. */
char *cl_template_expand(const char *tmpl, const char *const *vars);

#endif
