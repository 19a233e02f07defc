/* Internal accessors shared by the files of the api layer. */
#ifndef CL_API_INTERNAL_H
#define CL_API_INTERNAL_H

#include "claimlint.h"
#include "data/reference.h"
#include "data/rules.h"

#include "match/match.h"
#include "text/text.h"

const cl_ruleset *cl_engine_rules(const cl_engine *e);
const cl_reftable *cl_engine_reftable(const cl_engine *e);
cl_fold *cl_engine_fold(const cl_engine *e);
const cl_prefilter *cl_engine_prefilter(const cl_engine *e);

#endif
