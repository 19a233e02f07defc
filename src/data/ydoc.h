/* YAML documents with positions: a thin layer over libyaml's document API
 * that turns marks into file:line:column (columns in bytes, like the
 * diagnostics) and checks mappings against a table of known keys, so every
 * loader reports `file:line:col: unknown key 'patern'` the same way. */
#ifndef CL_YDOC_H
#define CL_YDOC_H

#include "claimlint.h"
#include "base/base.h"
#include "text/text.h"

#include <yaml.h>

typedef struct cl_ydoc {
    char *path;          /* owned */
    char *text;          /* owned file contents */
    size_t len;
    cl_lines lines;
    yaml_document_t doc;
    bool loaded;
    bool empty;          /* parsed, but holds no document (only comments or nothing) */
} cl_ydoc;

/* Load and parse path. On failure adds an error at the parser's mark to errs
 * and returns false (the document is still safe to free). A file with no
 * document is a failure too ("empty file"), with d->empty set for a caller
 * to whom empty means "nothing set". */
bool cl_ydoc_load(cl_ydoc *d, const char *path, cl_errors *errs);
/* Parse YAML held in memory; path is used in messages. */
bool cl_ydoc_load_string(cl_ydoc *d, const char *path, const char *text, size_t len, cl_errors *errs);
void cl_ydoc_free(cl_ydoc *d);

yaml_node_t *cl_ydoc_root(cl_ydoc *d);
yaml_node_t *cl_ydoc_node(cl_ydoc *d, int id);
/* Line and byte column (both from 1) where node starts. */
void cl_ydoc_pos(const cl_ydoc *d, const yaml_node_t *node, int *line, int *column);
/* Add an error at node's position. */
void cl_ydoc_error(cl_ydoc *d, cl_errors *errs, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Scalar text (NUL-terminated, owned by the document) or NULL when node is
 * not a scalar. */
const char *cl_ydoc_str(const yaml_node_t *node);
bool cl_ydoc_is_scalar(const yaml_node_t *node);
bool cl_ydoc_is_seq(const yaml_node_t *node);
bool cl_ydoc_is_map(const yaml_node_t *node);
/* Number of items of a sequence and the i-th item. */
size_t cl_ydoc_seq_len(const yaml_node_t *node);
yaml_node_t *cl_ydoc_seq_at(cl_ydoc *d, const yaml_node_t *node, size_t i);

typedef enum cl_ytype {
    CL_Y_ANY = 0,
    CL_Y_STR,        /* a scalar */
    CL_Y_SEQ,        /* a sequence */
    CL_Y_MAP,        /* a mapping */
    CL_Y_STR_OR_SEQ, /* a scalar or a sequence (of scalars or mappings) */
    CL_Y_STR_OR_MAP
} cl_ytype;

typedef struct cl_yfield {
    const char *key;
    cl_ytype type;
    bool required;
} cl_yfield;

/* Check that node is a mapping whose keys are all in fields (terminated by a
 * NULL key), none duplicated, each of the right type, required ones present.
 * found[i] receives the value node of fields[i] or NULL. `what` names the
 * mapping in messages ("rule", "fact"). Reports every problem; returns false
 * if there was any. */
bool cl_ydoc_fields(cl_ydoc *d, yaml_node_t *node, const cl_yfield *fields, yaml_node_t **found,
                    const char *what, cl_errors *errs);

/* Move every error of errs into problems (which may be NULL: then they are
 * dropped) and free errs. */
void cl_problems_take(cl_problems *problems, cl_errors *errs);

/* A scalar or a list of scalars (node may be NULL: none), as owned strings
 * in a new array; `what` names the field in messages. Reports each item
 * that is not a scalar and returns false if there was one. */
bool cl_ydoc_strings(cl_ydoc *d, yaml_node_t *n, char ***out, size_t *count, const char *what,
                     cl_errors *errs);

/* Parse a boolean scalar (true/false/yes/no); reports and returns false otherwise. */
bool cl_ydoc_bool(cl_ydoc *d, yaml_node_t *node, bool *out, cl_errors *errs);

#endif
