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

/* A test that exposes a known bug in src/ (marked BUG in a comment) skips, so
 * the suite stays green, unless CL_UNIT_BUGS is set in the environment:
 * `CL_UNIT_BUGS=1 build/tests/test_ydoc` shows it failing until the fix. */
#define SKIP_BUG()                      \
    do {                                \
        if (!getenv("CL_UNIT_BUGS"))    \
            skip();                     \
    } while (0)

/* A known bug that only sanitizers can see (undefined behaviour with no
 * visible effect otherwise): such a test runs in the plain build, and in an
 * AddressSanitizer/UBSan build (`make asan`) it skips like SKIP_BUG. */
#if defined(__SANITIZE_ADDRESS__)
#define CL_UNIT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define CL_UNIT_SANITIZED 1
#endif
#endif
#ifdef CL_UNIT_SANITIZED
#define SKIP_BUG_IF_SANITIZED() SKIP_BUG()
#else
#define SKIP_BUG_IF_SANITIZED() ((void)0)
#endif

#endif
