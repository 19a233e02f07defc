/* Matching: runs every rule's patterns over a normalised document and turns
 * each match into a claim, its captures parsed into quantities and dates.
 * One cl_matcher per thread: it owns the PCRE2 match data and the match
 * context that carries the resource limits. */
#ifndef CL_MATCH_H
#define CL_MATCH_H

#include "data/rules.h"
#include "text/text.h"
#include "value/value.h"

typedef enum cl_date_origin {
    CL_DATE_NONE = 0, /* the claim has no date and the document has none */
    CL_DATE_TEXT,     /* captured with the claim */
    CL_DATE_DOCUMENT  /* the document's date */
} cl_date_origin;

typedef struct cl_span {
    size_t start, end; /* normalised byte offsets; start == end when absent */
} cl_span;

typedef struct cl_claim {
    const cl_rule *rule;
    const cl_pattern *pattern;
    cl_span match;                 /* the whole match */
    cl_span anchor;                /* what a diagnostic points at */
    cl_span caps[CL_CAP_COUNT];
    unsigned have;                 /* bit per cl_cap present in the match */
    cl_quantity qty[CL_CAP_COUNT]; /* parsed quantities (value, part, whole, ratio, a, b, total) */
    cl_date date;
    cl_date_origin date_origin;
    /* The captured date is relative to the document's (今年, 上半年, 10月) and
     * the document has none: date_origin is CL_DATE_NONE, and the checks say
     * why they skip the claim instead of it vanishing. */
    bool date_relative;
} cl_claim;

typedef struct cl_claims {
    cl_claim *items;
    size_t len, cap;
} cl_claims;

void cl_claims_free(cl_claims *c);

/* A pattern that hit a PCRE2 resource limit on this document. */
typedef struct cl_limit_hit {
    const cl_rule *rule;
    const cl_pattern *pattern;
    size_t offset; /* normalised offset where the failing search started */
    int code;      /* PCRE2 error code */
} cl_limit_hit;

typedef struct cl_matcher cl_matcher;

#define CL_DEFAULT_MATCH_LIMIT 1000000u
#define CL_DEFAULT_DEPTH_LIMIT 10000u
#define CL_DEFAULT_HEAP_LIMIT_KIB 65536u

/* The prefilter: which patterns can match on a line, from the strings their
 * clauses require, in one pass. Built once per prepared rule set; shareable. */
typedef struct cl_prefilter cl_prefilter;

cl_prefilter *cl_prefilter_new(const cl_ruleset *rs);
void cl_prefilter_free(cl_prefilter *pf);

/* Where a clause's string occurs in a line: [start, end) bytes. */
typedef struct cl_hit {
    uint32_t clause, start, end;
} cl_hit;

/* What the prefilter found on one line; reused line after line. */
typedef struct cl_line_hits {
    cl_hit *items;      /* in order of their end */
    size_t len, cap;
    uint32_t *count;    /* hits per clause */
    uint32_t *touched;  /* clauses with a count, to reset them */
    size_t n_touched, cap_touched;
} cl_line_hits;

void cl_line_hits_init(cl_line_hits *h, const cl_prefilter *pf);
void cl_line_hits_free(cl_line_hits *h);
/* Find every occurrence of every clause string in s[0..n). */
void cl_prefilter_scan(const cl_prefilter *pf, const char *s, size_t n, cl_line_hits *h);
/* For pattern p on the scanned line: -2 when it cannot match (a clause has no
 * hit), -1 when it has no clauses (run it everywhere), else the global index
 * of its clause with the fewest hits (run it around those). */
long cl_prefilter_pick(const cl_pattern *p, const cl_line_hits *h);

/* A matcher for rule sets whose patterns have at most max_groups groups. */
cl_matcher *cl_matcher_new(uint32_t max_groups);
void cl_matcher_free(cl_matcher *m);

/* Extract the claims of every enabled rule in rs from text, line by line,
 * running on each line only the patterns the prefilter lets through. doc_date (may be NULL)
 * is the document's date: the date of claims without their own, and the
 * context year of partial dates. A pattern that hits a resource limit stops
 * for this document and is recorded in *hits (caller frees hits->items);
 * the other patterns still run. Claims come out sorted by anchor position. */
void cl_matcher_run(cl_matcher *m, const cl_ruleset *rs, const cl_prefilter *pf, const cl_text *text,
                    const cl_date *doc_date, cl_claims *out, cl_limit_hit **hits, size_t *n_hits);

/* Extract the claims of one rule only (for rule examples). */
void cl_matcher_run_rule(cl_matcher *m, const cl_rule *rule, const cl_text *text, const cl_date *doc_date,
                         cl_claims *out, cl_limit_hit **hits, size_t *n_hits);

/* True for captures that hold quantities. */
bool cl_cap_is_quantity(cl_cap c);

#endif
