/* The reference table: sourced facts loaded from YAML (docs/reference.md).
 * A fact is a number that may change over time (fixed, cumulative or
 * stepwise series), a dated event (a regulation issued, a drug approved) with
 * the bodies it may be attributed to, or a name with its known misspellings.
 * Relations between facts (part <= whole) live here too. */
#ifndef CL_REFERENCE_H
#define CL_REFERENCE_H

#include "base/base.h"
#include "data/ydoc.h"
#include "value/value.h"

typedef enum cl_fact_type { CL_FACT_QUANTITY = 0, CL_FACT_EVENT, CL_FACT_NAME } cl_fact_type;

/* How a quantity fact behaves between its dated values. */
typedef enum cl_over_time {
    CL_TIME_FIXED = 0,  /* one value that always holds */
    CL_TIME_CUMULATIVE, /* never decreases: between two points a value lies between them */
    CL_TIME_STEPWISE    /* each value holds from its date until the next one */
} cl_over_time;

typedef enum cl_confidence { CL_CONF_HIGH = 0, CL_CONF_MEDIUM, CL_CONF_LOW } cl_confidence;

typedef struct cl_source {
    char *title; /* or a citation */
    char *url;
    char *date;
    char *note;
} cl_source;

/* A position in a reference file, for the note that cites it. */
typedef struct cl_ref_pos {
    const char *file; /* owned by the table */
    int line, column;
} cl_ref_pos;

typedef struct cl_point {
    cl_quantity q;
    char *text;        /* the value as written in the file */
    cl_date date;      /* as_of, or the start of a period */
    bool has_date;
    cl_date until;     /* end of a period (stepwise), when given */
    bool has_until;
    char *note;        /* shown in the note line */
    const cl_source *source; /* NULL: the fact's first source */
    cl_ref_pos pos;
} cl_point;

typedef struct cl_event {
    char *name;        /* "issued", "published", "in force", "approved", ... */
    cl_date date;
    char *text;        /* as written */
    cl_ref_pos pos;
} cl_event;

typedef struct cl_fact {
    char *key;
    char *label;
    cl_fact_type type;
    cl_confidence confidence;
    cl_ref_pos pos;
    /* quantity facts */
    const char *unit;  /* canonical unit id */
    cl_over_time over_time;
    cl_point *points;  /* sorted by date */
    size_t n_points;
    /* events */
    cl_event *events;
    size_t n_events;
    char **bodies;     /* accepted issuing bodies, as written */
    char **bodies_folded;
    size_t n_bodies;
    /* names */
    char **accepted, **accepted_folded;
    size_t n_accepted;
    char **misspellings, **misspellings_folded;
    size_t n_misspellings;
    /* sources */
    cl_source *sources;
    size_t n_sources;
} cl_fact;

typedef enum cl_relation_type { CL_REL_AT_MOST = 0, CL_REL_SUM_AT_MOST } cl_relation_type;

typedef struct cl_relation {
    cl_relation_type type;
    const cl_fact **parts;
    size_t n_parts;
    const cl_fact *whole;
    cl_ref_pos pos;
} cl_relation;

typedef struct cl_reftable cl_reftable;

/* An empty table; free with cl_reftable_free (accepts NULL). fold (may be NULL)
 * folds names and bodies for comparison; borrowed, must outlive the table. */
cl_reftable *cl_reftable_new(const struct cl_fold *fold);
void cl_reftable_free(cl_reftable *t);

/* Load the `facts:` and `relations:` of an already parsed YAML document whose
 * root mapping was checked by the caller. Relations are resolved later, by
 * cl_reftable_finish, so they may name facts from other files. Problems go to
 * errs with their positions; returns false if there was any. */
bool cl_reftable_load_facts(cl_reftable *t, cl_ydoc *d, yaml_node_t *facts, cl_errors *errs);
bool cl_reftable_load_relations(cl_reftable *t, cl_ydoc *d, yaml_node_t *relations, cl_errors *errs);
/* Resolve relation keys, sort lookups. Call once after every file is loaded. */
bool cl_reftable_finish(cl_reftable *t, cl_errors *errs);

const cl_fact *cl_reftable_find(const cl_reftable *t, const char *key);
size_t cl_reftable_count(const cl_reftable *t);
const cl_fact *cl_reftable_at(const cl_reftable *t, size_t i);
size_t cl_reftable_relation_count(const cl_reftable *t);
const cl_relation *cl_reftable_relation_at(const cl_reftable *t, size_t i);

/* What the reference says about a quantity fact at date `when`.
 * Sets out to the allowed interval and returns the number of points that
 * informed it (stored in pts, at most 2: for a cumulative fact the point before
 * and the point after; otherwise the matching point). Returns 0 when the fact
 * says nothing at that date (no value in effect yet). For a stepwise fact
 * whose values change inside `when`, every value in effect is allowed and
 * out is their hull. */
size_t cl_fact_value_at(const cl_fact *f, const cl_date *when, cl_interval *out, const cl_point **pts);
/* True when the fact's value depends on the date. */
bool cl_fact_varies(const cl_fact *f);

const char *cl_confidence_name(cl_confidence c);

/* The form names and titles are compared in: double quotation marks and
 * corner brackets dropped (writers quote "十四五" in any of five ways), as is
 * the ideographic space. s is already folded. Caller frees. */
char *cl_name_key(const char *s, size_t n);

#endif
