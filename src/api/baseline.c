/* Baselines: the findings recorded on a given day, so that a repository can
 * adopt claimlint and fail only on new findings. Entries are fingerprints
 * (rule, fact, normalised claim text, file: they survive lines moving) kept
 * as a multiset; the file is JSON, read back with libyaml, and written
 * atomically. */
#include "claimlint.h"

#include "check/check.h"
#include "data/ydoc.h"
#include "output/out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct entry {
    char *fingerprint;
    char *rule, *file, *text, *message;
    int line;
    bool used;
} entry;

struct cl_baseline {
    entry *items;
    size_t len, cap;
};

cl_baseline *cl_baseline_new(void)
{
    return cl_calloc(1, sizeof(cl_baseline));
}

void cl_baseline_free(cl_baseline *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->len; i++) {
        entry *e = &b->items[i];
        free(e->fingerprint), free(e->rule), free(e->file), free(e->text), free(e->message);
    }
    free(b->items);
    free(b);
}

static entry *push(cl_baseline *b)
{
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->items = cl_realloc(b->items, b->cap * sizeof *b->items);
    }
    entry *e = &b->items[b->len++];
    memset(e, 0, sizeof *e);
    return e;
}

static char *dup_or_null(const char *s)
{
    return s ? cl_strdup(s) : NULL;
}

void cl_baseline_add(cl_baseline *b, const cl_report *r)
{
    for (size_t i = 0; i < r->n_diags; i++) {
        const cl_diag *d = &r->diags[i];
        if (d->remark)
            continue;
        entry *e = push(b);
        e->fingerprint = cl_diag_fingerprint(d);
        e->rule = dup_or_null(d->rule);
        e->file = dup_or_null(d->file);
        e->text = dup_or_null(d->text);
        e->message = dup_or_null(d->message);
        e->line = d->line;
    }
}

size_t cl_baseline_count(const cl_baseline *b)
{
    return b ? b->len : 0;
}

size_t cl_baseline_filter(cl_baseline *b, cl_report *r)
{
    size_t kept = 0, removed = 0;
    for (size_t i = 0; i < r->n_diags; i++) {
        cl_diag *d = &r->diags[i];
        bool known = false;
        if (!d->remark) {
            char *fp = cl_diag_fingerprint(d);
            for (size_t k = 0; k < b->len && !known; k++) {
                if (!b->items[k].used && strcmp(b->items[k].fingerprint, fp) == 0) {
                    b->items[k].used = true;
                    known = true;
                }
            }
            free(fp);
        }
        if (known) {
            cl_diag_clear(d);
            removed++;
        } else {
            r->diags[kept++] = *d;
        }
    }
    r->n_diags = kept;
    return removed;
}

cl_baseline *cl_baseline_load(const char *path, cl_problems *problems)
{
    cl_errors errs = {0};
    cl_ydoc d;
    cl_baseline *b = NULL;
    if (cl_ydoc_load(&d, path, &errs)) {
        static const cl_yfield top[] = {
            {"version", CL_Y_STR, true}, {"tool", CL_Y_ANY, false}, {"findings", CL_Y_SEQ, true}, {NULL, 0, false}};
        static const cl_yfield one[] = {
            {"fingerprint", CL_Y_STR, true}, {"rule", CL_Y_ANY, false}, {"file", CL_Y_ANY, false},
            {"line", CL_Y_ANY, false},       {"text", CL_Y_ANY, false}, {"message", CL_Y_ANY, false},
            {NULL, 0, false}};
        yaml_node_t *v[3];
        if (cl_ydoc_fields(&d, cl_ydoc_root(&d), top, v, "the baseline", &errs)) {
            if (strcmp(cl_ydoc_str(v[0]), "1") != 0) {
                cl_ydoc_error(&d, &errs, v[0], "unsupported baseline version '%s'", cl_ydoc_str(v[0]));
            } else {
                b = cl_baseline_new();
                for (size_t i = 0; i < cl_ydoc_seq_len(v[2]); i++) {
                    yaml_node_t *f[6];
                    if (!cl_ydoc_fields(&d, cl_ydoc_seq_at(&d, v[2], i), one, f, "a baseline finding", &errs))
                        continue;
                    entry *e = push(b);
                    e->fingerprint = cl_strdup(cl_ydoc_str(f[0]));
                }
            }
        }
    }
    cl_ydoc_free(&d);
    bool ok = errs.len == 0;
    cl_problems_take(problems, &errs);
    if (!ok) {
        cl_baseline_free(b);
        return NULL;
    }
    return b;
}

bool cl_baseline_write(const cl_baseline *b, const char *path, cl_problems *problems)
{
    cl_errors errs = {0};
    cl_buf out = {0};
    cl_buf_printf(&out, "{\"version\": 1, \"tool\": {\"name\": \"claimlint\", \"version\": \"%s\"},\n \"findings\": [",
                  cl_version());
    for (size_t i = 0; i < b->len; i++) {
        const entry *e = &b->items[i];
        cl_buf_puts(&out, i ? ",\n  {\"fingerprint\": " : "\n  {\"fingerprint\": ");
        cl_json_str(&out, e->fingerprint);
        cl_buf_puts(&out, ", \"rule\": ");
        cl_json_str(&out, e->rule);
        cl_buf_puts(&out, ", \"file\": ");
        cl_json_str(&out, e->file);
        cl_buf_printf(&out, ", \"line\": %d, \"text\": ", e->line);
        cl_json_str(&out, e->text);
        cl_buf_puts(&out, ", \"message\": ");
        cl_json_str(&out, e->message);
        cl_buf_putc(&out, '}');
    }
    cl_buf_puts(&out, "\n ]}\n");

    /* A temporary file in the same directory, so that rename() is atomic. */
    char *tmp = cl_strfmt("%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    if (!ok) {
        cl_errors_add(&errs, path, 0, 0, "cannot write baseline: %s", strerror(errno));
    } else {
        size_t off = 0;
        while (ok && off < out.len) {
            ssize_t n = write(fd, out.data + off, out.len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                cl_errors_add(&errs, path, 0, 0, "cannot write baseline: %s", strerror(n < 0 ? errno : EIO));
                ok = false;
            } else {
                off += (size_t)n;
            }
        }
        if (ok && fsync(fd) != 0) {
            cl_errors_add(&errs, path, 0, 0, "cannot write baseline: %s", strerror(errno));
            ok = false;
        }
        if (close(fd) != 0 && ok) {
            cl_errors_add(&errs, path, 0, 0, "cannot write baseline: %s", strerror(errno));
            ok = false;
        }
        if (ok && rename(tmp, path) != 0) {
            cl_errors_add(&errs, path, 0, 0, "cannot replace baseline: %s", strerror(errno));
            ok = false;
        }
        if (!ok)
            unlink(tmp);
    }
    free(tmp);
    cl_buf_free(&out);
    cl_problems_take(problems, &errs);
    return ok;
}
