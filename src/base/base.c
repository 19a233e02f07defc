/* Base layer implementation: allocation that aborts on exhaustion, buffers,
 * positioned errors, UTF-8 coding and whole-file reads. */
#include "base/base.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "claimlint: out of memory (%zu bytes)\n", n);
    abort();
}

void *cl_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *cl_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *cl_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *cl_strdup(const char *s)
{
    return cl_strndup(s, strlen(s));
}

char *cl_strndup(const char *s, size_t n)
{
    char *p = cl_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vfmt(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        n = 0;
    char *s = cl_malloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *cl_strfmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vfmt(fmt, ap);
    va_end(ap);
    return s;
}

void cl_buf_reserve(cl_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = cl_realloc(b->data, cap);
    b->cap = cap;
}

void cl_buf_append(cl_buf *b, const void *p, size_t n)
{
    cl_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cl_buf_puts(cl_buf *b, const char *s)
{
    cl_buf_append(b, s, strlen(s));
}

void cl_buf_putc(cl_buf *b, char c)
{
    cl_buf_append(b, &c, 1);
}

void cl_buf_printf(cl_buf *b, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n > 0) {
        cl_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

char *cl_buf_detach(cl_buf *b)
{
    char *s = b->data ? b->data : cl_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void cl_buf_free(cl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void cl_vec_push(cl_vec *v, void *item)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = cl_realloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->len++] = item;
}

void cl_vec_free(cl_vec *v)
{
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

bool cl_error_set(cl_error *err, const char *file, int line, int column, const char *fmt, ...)
{
    if (!err)
        return false;
    cl_error_clear(err);
    va_list ap;
    va_start(ap, fmt);
    err->message = vfmt(fmt, ap);
    va_end(ap);
    err->file = file ? cl_strdup(file) : NULL;
    err->line = line;
    err->column = column;
    return false;
}

void cl_error_clear(cl_error *err)
{
    if (!err)
        return;
    free(err->file);
    free(err->message);
    err->file = err->message = NULL;
    err->line = err->column = 0;
}

static cl_error *errors_slot(cl_errors *errs)
{
    if (errs->len == errs->cap) {
        errs->cap = errs->cap ? errs->cap * 2 : 8;
        errs->items = cl_realloc(errs->items, errs->cap * sizeof *errs->items);
    }
    cl_error *e = &errs->items[errs->len++];
    memset(e, 0, sizeof *e);
    return e;
}

void cl_errors_add(cl_errors *errs, const char *file, int line, int column, const char *fmt, ...)
{
    cl_error *e = errors_slot(errs);
    va_list ap;
    va_start(ap, fmt);
    e->message = vfmt(fmt, ap);
    va_end(ap);
    e->file = file ? cl_strdup(file) : NULL;
    e->line = line;
    e->column = column;
}

void cl_errors_take(cl_errors *errs, cl_error *err)
{
    cl_error *e = errors_slot(errs);
    *e = *err;
    memset(err, 0, sizeof *err);
}

void cl_errors_free(cl_errors *errs)
{
    for (size_t i = 0; i < errs->len; i++)
        cl_error_clear(&errs->items[i]);
    free(errs->items);
    errs->items = NULL;
    errs->len = errs->cap = 0;
}

uint32_t cl_utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned char c = s[0];
    *len = 1;
    if (c < 0x80)
        return c;
    size_t need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, cp = c & 0x07, min = 0x10000;
    } else {
        return CL_UTF8_INVALID;
    }
    if (n < need + 1)
        return CL_UTF8_INVALID;
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return CL_UTF8_INVALID;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return CL_UTF8_INVALID;
    *len = need + 1;
    return cp;
}

size_t cl_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

char *cl_read_file(const char *path, size_t *len, cl_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (!f) {
        cl_error_set(err, shown, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    cl_buf b = {0};
    cl_buf_reserve(&b, 1 << 16);
    for (;;) {
        cl_buf_reserve(&b, 1 << 16);
        size_t got = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
        b.len += got;
        if (got == 0)
            break;
    }
    b.data[b.len] = '\0';
    int failed = ferror(f);
    int saved = errno;
    if (f != stdin)
        fclose(f);
    if (failed) {
        cl_buf_free(&b);
        cl_error_set(err, shown, 0, 0, "cannot read: %s", strerror(saved ? saved : EIO));
        return NULL;
    }
    *len = b.len;
    return b.data;
}
