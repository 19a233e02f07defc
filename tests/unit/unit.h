/* Common includes for the cmocka unit tests (tests/unit/test_<module>.c). */
#ifndef CL_UNIT_H
#define CL_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/base.h"
#include "text/text.h"

/* tests/unit/unit.c, linked into every unit test program. */

/* The OpenCC fold table, built by unit_setup_fold (~20 ms) for a group of
 * tests and freed by unit_teardown_fold: cmocka_run_group_tests(tests,
 * unit_setup_fold, unit_teardown_fold). */
extern cl_fold *unit_fold;
int unit_setup_fold(void **state);
int unit_teardown_fold(void **state);

/* True when errs holds exactly the lines of want (NULL-terminated, each
 * "file:line:col: message"); prints both lists when they differ. */
bool unit_same_errors(const cl_errors *errs, const char *const *want);

/* Load one YAML fixture held in a string: its macros and rules into rs, its
 * facts and relations into ref. Prints each problem and fails the test if
 * there is any. */
typedef struct cl_ruleset cl_ruleset;
typedef struct cl_reftable cl_reftable;
void unit_load_yaml(cl_ruleset *rs, cl_reftable *ref, const char *path, const char *yaml);
/* Load a reference fixture (named ref_path) and a rule fixture
 * ("rules.yaml"), then finish both; fails the test on any problem. */
void unit_load_pack(cl_ruleset *rs, cl_reftable *ref, const char *ref_path, const char *ref_yaml,
                    const char *rules_yaml);

#endif
