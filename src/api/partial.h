/* The partial: one document checked on its own, waiting to be finished in
 * path order (session.c), or shipped between machines (partial.c). */
#ifndef CL_API_PARTIAL_H
#define CL_API_PARTIAL_H

#include "claimlint.h"
#include "check/check.h"

struct cl_partial {
    char *file;
    cl_diags diags;
    cl_kept_list kept;
    cl_directives dirs;
    cl_claim_info *claims; /* with --claims */
    size_t n_info, cap_info;
    size_t n_claims;
    size_t bytes;
    bool failed;
    char *encoding;
    /* invalid UTF-8, reported once for the whole file */
    size_t n_invalid, invalid_offset;
    int invalid_line, invalid_column, invalid_end_line, invalid_end_column;
    unsigned char invalid_byte;
};

/* An empty partial for the document `name`. */
cl_partial *cl_partial_new(const char *name);

#endif
