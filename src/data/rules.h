/* Rules: what a claim looks like (PCRE2 patterns with named captures), which
 * fact it is about, which check applies and how the finding reads. Loaded
 * from YAML (docs/rules.md), patterns folded to Simplified and compiled once
 * with UTF, UCP and JIT. */
#ifndef CL_RULES_H
#define CL_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/base.h"
#include "data/reference.h"
#include "data/ydoc.h"
#include "text/text.h"
#include "value/value.h"

/* The check a rule's claims go through. */
typedef enum cl_check_kind {
    CL_CHECK_VALUE = 0, /* a quantity compared with the fact at the claim's date */
    CL_CHECK_DATE,      /* an event's date (and issuing body) compared with the fact */
    CL_CHECK_NAME,      /* a name or title against accepted spellings */
    CL_CHECK_RATIO,     /* part / whole against a stated ratio */
    CL_CHECK_PRODUCT,   /* a × b against a stated total */
    CL_CHECK_SHARE,     /* part / (a reference fact) against a stated ratio */
    CL_CHECK_COUNT
} cl_check_kind;

/* Named captures a pattern may use. */
typedef enum cl_cap {
    CL_CAP_VALUE = 0, CL_CAP_DATE, CL_CAP_QUAL, CL_CAP_NAME, CL_CAP_BODY,
    CL_CAP_PART, CL_CAP_WHOLE, CL_CAP_RATIO, CL_CAP_A, CL_CAP_B, CL_CAP_TOTAL,
    CL_CAP_COUNT
} cl_cap;

extern const char *const cl_cap_names[CL_CAP_COUNT];
extern const char *const cl_check_names[CL_CHECK_COUNT];

typedef enum cl_severity_level { CL_LEVEL_NOTE = 0, CL_LEVEL_WARNING = 1, CL_LEVEL_ERROR = 2 } cl_severity_level;

#define CL_MAX_DUP 8

/* A string one of which every match contains (see cl_pattern_requirements). */
typedef struct cl_clause {
    char **strs;
    size_t n;
} cl_clause;

typedef struct cl_pattern {
    char *source;        /* as written */
    char *expanded;      /* macros expanded and folded: what PCRE2 compiled */
    pcre2_code *code;
    /* Group numbers per capture, 0-terminated: a name may label several
     * groups (PCRE2_DUPNAMES), one per alternative; the first that is set wins. */
    int groups[CL_CAP_COUNT][CL_MAX_DUP + 1];
    char **events;       /* event names this pattern speaks of (date checks); NULL: the rule's */
    size_t n_events;
    int line, column;    /* of the pattern scalar */
    int *columns;        /* column of each byte of source in the file (escapes unfolded), or NULL */
    int *lines;          /* line of each byte of source, for a multi-line scalar; else NULL */
    cl_clause *clauses;  /* every match satisfies each clause; none: nothing known */
    size_t n_clauses;
    size_t first_clause; /* global index of clauses[0] among all patterns' clauses */
    size_t max_len;      /* longest possible match in bytes; SIZE_MAX: unbounded */
    size_t index;        /* position among all patterns of the rule set */
} cl_pattern;

typedef struct cl_example {
    char *text;
    bool must_match;
    char *value;   /* expected quantity, parsed and compared as an interval */
    char *date;    /* expected as-of date */
    char *name;    /* expected name capture */
    int finding;   /* -1: not stated; 0: no finding expected; 1: a finding expected */
    char *doc_date; /* document date to check the example with */
    int line, column;
} cl_example;

typedef struct cl_rule {
    char *id;
    char *file;
    int line, column;
    char *description;
    char *message;           /* template, NULL for the check's default */
    cl_check_kind check;
    cl_severity_level severity;
    char *fact_key;          /* may name a fact absent from the table */
    const cl_fact *fact;     /* resolved by cl_ruleset_finish, or NULL */
    char *of_key;            /* share: the denominator fact */
    const cl_fact *of;
    const char *unit;        /* expected unit of the claimed value; NULL: the fact's */
    bool has_fixed;          /* claims state this value in words (尚无 -> 0) */
    bool disabled;           /* switched off by configuration: not matched */
    cl_quantity fixed;
    char **events;           /* date checks: which of the fact's events the rule speaks of */
    size_t n_events;
    cl_pattern *patterns;
    size_t n_patterns;
    cl_example *examples;
    size_t n_examples;
} cl_rule;

typedef struct cl_ruleset cl_ruleset;

/* An empty rule set. fold (may be NULL) folds patterns; borrowed. */
cl_ruleset *cl_ruleset_new(const cl_fold *fold);
void cl_ruleset_free(cl_ruleset *rs);
/* Macros and rules of a parsed document (root already checked by the caller).
 * Macros are file-wide: ${name} in a pattern expands to the macro's text as a
 * non-capturing group; macros from earlier files stay visible. */
bool cl_ruleset_load_macros(cl_ruleset *rs, cl_ydoc *d, yaml_node_t *macros, cl_errors *errs);
bool cl_ruleset_load_rules(cl_ruleset *rs, cl_ydoc *d, yaml_node_t *rules, cl_errors *errs);
/* Resolve facts against the table and check units and events; call once. */
bool cl_ruleset_finish(cl_ruleset *rs, const cl_reftable *ref, cl_errors *errs);

size_t cl_ruleset_count(const cl_ruleset *rs);
const cl_rule *cl_ruleset_at(const cl_ruleset *rs, size_t i);
const cl_rule *cl_ruleset_find(const cl_ruleset *rs, const char *id);
/* The same, for changing a rule's configuration (enabled, severity) before
 * checking starts. */
cl_rule *cl_ruleset_find_mutable(cl_ruleset *rs, const char *id);
/* The captures (bit per cl_cap) a match of rule r must have set to be a
 * claim its check can judge, given the captures it has: a pattern must name
 * all of them, and a match through an alternative that leaves one unset is
 * no claim. A value rule with a fixed value needs no value capture; a date
 * check that captured the issuing body needs no date. */
unsigned cl_rule_needs(const cl_rule *r, unsigned have);
/* Largest capture count of any pattern, for sizing match data. */
uint32_t cl_ruleset_max_groups(const cl_ruleset *rs);

const char *cl_severity_name(cl_severity_level s);
/* Number of patterns, and of their clauses, in the rule set (for per-pattern tables). */
size_t cl_ruleset_pattern_count(const cl_ruleset *rs);
size_t cl_ruleset_clause_count(const cl_ruleset *rs);

/* What every match of the (expanded, folded) pattern contains: each clause
 * holds one of its strings. False when nothing is known (then the pattern
 * must run on everything). The clauses are the caller's (cl_clauses_free).
 * *max_len is the longest match in bytes, or SIZE_MAX when unbounded or unknown. */
bool cl_pattern_requirements(const char *pattern, cl_clause **out, size_t *n, size_t *max_len);
void cl_clauses_free(cl_clause *c, size_t n);

#endif
