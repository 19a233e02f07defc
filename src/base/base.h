/* Base layer: allocation, growable buffers, error values with positions and
 * UTF-8 helpers. Depends on nothing but libc; every other module builds on it. */
#ifndef CL_BASE_H
#define CL_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation. These abort the process with a message on exhaustion, as cmark's
 * default allocator does: a linter has nothing sensible to do without memory,
 * and threading an out-of-memory error through every parser costs clarity. */
void *cl_malloc(size_t n);
void *cl_calloc(size_t count, size_t size);
void *cl_realloc(void *p, size_t n);
char *cl_strdup(const char *s);
char *cl_strndup(const char *s, size_t n);
/* printf into a fresh string; caller frees. */
char *cl_strfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable byte buffer, always NUL-terminated once anything was appended.
 * Zero-initialise (`cl_buf b = {0};`) before use; cl_buf_free releases. */
typedef struct cl_buf {
    char *data;
    size_t len;
    size_t cap;
} cl_buf;

void cl_buf_reserve(cl_buf *b, size_t extra);
void cl_buf_append(cl_buf *b, const void *p, size_t n);
void cl_buf_puts(cl_buf *b, const char *s);
void cl_buf_putc(cl_buf *b, char c);
void cl_buf_printf(cl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (never NULL) and resets the buffer. */
char *cl_buf_detach(cl_buf *b);
void cl_buf_free(cl_buf *b);

/* A growable array of pointers. */
typedef struct cl_vec {
    void **items;
    size_t len;
    size_t cap;
} cl_vec;

void cl_vec_push(cl_vec *v, void *item);
void cl_vec_free(cl_vec *v); /* frees the array, not the items */

/* An error (or a diagnostic-like message) with a position. line and column
 * count from 1; 0 means "unknown" (the whole file). The library fills these
 * and returns false/NULL; only the CLI prints them. */
typedef struct cl_error {
    char *file;    /* owned, may be NULL */
    int line;
    int column;
    char *message; /* owned; lower case, no final full stop */
} cl_error;

/* Set err (if not NULL) to a formatted message at file:line:column. Any
 * previous contents are freed. Returns false so callers can `return cl_error_set(...)`. */
bool cl_error_set(cl_error *err, const char *file, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void cl_error_clear(cl_error *err);

/* A list of errors, for loaders that keep going after the first problem. */
typedef struct cl_errors {
    cl_error *items;
    size_t len;
    size_t cap;
} cl_errors;

void cl_errors_add(cl_errors *errs, const char *file, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void cl_errors_take(cl_errors *errs, cl_error *err); /* moves err's contents in */
void cl_errors_free(cl_errors *errs);

/* UTF-8. cl_utf8_decode reads one code point from s[0..n) (n >= 1) and stores
 * its length in *len; invalid or truncated sequences yield CL_UTF8_INVALID with
 * *len = 1 so callers can report the byte and carry on. */
#define CL_UTF8_INVALID 0xFFFFFFFFu
uint32_t cl_utf8_decode(const unsigned char *s, size_t n, size_t *len);
/* Writes cp to out (at least 4 bytes); returns the byte count. */
size_t cl_utf8_encode(uint32_t cp, char *out);

/* Read a whole file (or standard input when path is "-") into memory. The
 * buffer is NUL-terminated; *len excludes the NUL. On failure returns NULL and
 * sets err (file set, line 0) from errno. */
char *cl_read_file(const char *path, size_t *len, cl_error *err);

#endif
