/* Helpers shared by the fuzz targets (tests/fuzz/common.c). */
#ifndef CL_FUZZ_COMMON_H
#define CL_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claimlint.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print what broke (and the offending text, if any) and abort, so that
 * libFuzzer saves the input and the replay driver fails. */
void fz_fail(const char *what, const char *detail) __attribute__((noreturn));
#define FZ_CHECK(cond, detail)                                                \
    do {                                                                      \
        if (!(cond))                                                          \
            fz_fail(__FILE__ ": " #cond, (detail));                           \
    } while (0)

/* A path whose contents are data[0..size): one memory file per process,
 * rewritten on each call (for loaders that take a path). */
const char *fz_memfile(const uint8_t *data, size_t size);
/* The fold table every engine of the process shares. */
const cl_fold *fz_fold(void);
/* The source tree: $CLAIMLINT_ROOT, or the working directory. */
const char *fz_root(void);

/* One JSON value and nothing else, in RFC 8259 syntax, with valid UTF-8
 * inside strings (the document may hold any bytes: the writers must not pass
 * them on). */
bool fz_json_syntax_valid(const char *s, size_t n);
/* JSON Lines: every line one JSON value, the last one ended by a newline. */
bool fz_json_lines_valid(const char *s, size_t n);

/* Check a report's invariants (positions where the offsets say, spans inside
 * the data, known rules, sorted) and run every writer over it: the JSON,
 * SARIF and claims output must parse, GitHub commands stay one per line.
 * columns and verbose are the session's. */
void fz_report(const cl_engine *e, const cl_report *r, const char *data, size_t len, cl_column_kind columns,
               bool verbose);

#endif
