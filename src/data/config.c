/* .claimlint.yaml: where rules and reference files are, which rules run and
 * how loud, which files to skip, and defaults for the document date, the
 * column unit and the fail level (docs/configuration.md). Found by walking
 * up from each checked file; every problem is reported at its position. */
#include "claimlint.h"
#include "data/ydoc.h"
#include "value/value.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Join dir and p, then drop "." and "dir/.." pieces lexically, so that
 * messages name rules/x.yaml rather than site/../rules/x.yaml. */
static char *resolve(const char *dir, const char *p)
{
    char *joined = p[0] == '/' || strcmp(dir, ".") == 0 ? cl_strdup(p) : cl_strfmt("%s/%s", dir, p);
    bool absolute = joined[0] == '/';
    cl_vec parts = {0};
    for (char *tok = strtok(joined, "/"); tok; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0 && parts.len > 0 && strcmp(parts.items[parts.len - 1], "..") != 0) {
            parts.len--;
            continue;
        }
        cl_vec_push(&parts, tok);
    }
    cl_buf b = {0};
    cl_buf_puts(&b, absolute ? "/" : "");
    for (size_t i = 0; i < parts.len; i++)
        cl_buf_printf(&b, "%s%s", i ? "/" : "", (char *)parts.items[i]);
    if (b.len == 0)
        cl_buf_puts(&b, ".");
    cl_vec_free(&parts);
    free(joined);
    return cl_buf_detach(&b);
}

/* What a path of the configuration must name: nothing checked, a directory
 * (rules) or a file (references). */
typedef enum { PATH_ANY, PATH_DIR, PATH_FILE } path_kind;

/* A scalar or list of scalars into items; paths are resolved against dir and,
 * for `kind`, must exist: a missing one is reported where it is written, not
 * later as a bare path that the reader cannot trace back to this file. */
static bool items(cl_ydoc *d, yaml_node_t *n, const char *dir, path_kind kind, cl_config_item **out, size_t *count,
                  const char *what, cl_errors *errs)
{
    *out = NULL;
    *count = 0;
    if (!n)
        return true;
    size_t len = cl_ydoc_is_seq(n) ? cl_ydoc_seq_len(n) : 1;
    *out = cl_calloc(len ? len : 1, sizeof **out);
    bool ok = true;
    for (size_t i = 0; i < len; i++) {
        yaml_node_t *it = cl_ydoc_is_seq(n) ? cl_ydoc_seq_at(d, n, i) : n;
        const char *s = cl_ydoc_str(it);
        if (!s || !*s) {
            cl_ydoc_error(d, errs, it, "each of '%s' must be a non-empty scalar", what);
            ok = false;
            continue;
        }
        cl_config_item *x = &(*out)[(*count)++];
        x->value = dir ? resolve(dir, s) : cl_strdup(s);
        cl_ydoc_pos(d, it, &x->line, &x->column);
        struct stat st;
        if (kind == PATH_ANY)
            continue;
        if (stat(x->value, &st) != 0) {
            cl_ydoc_error(d, errs, it, "cannot open '%s' (in '%s'): %s", x->value, what, strerror(errno));
            ok = false;
        } else if (kind == PATH_DIR && !S_ISDIR(st.st_mode)) {
            cl_ydoc_error(d, errs, it, "'%s' (in '%s') is not a directory", x->value, what);
            ok = false;
        } else if (kind == PATH_FILE && S_ISDIR(st.st_mode)) {
            cl_ydoc_error(d, errs, it, "'%s' (in '%s') is a directory, not a reference file", x->value, what);
            ok = false;
        }
    }
    return ok;
}

static bool severity_of(const char *s, cl_severity *out)
{
    static const char *const names[] = {"note", "warning", "error"};
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0)
            return *out = (cl_severity)i, true;
    return false;
}

static void free_items(cl_config_item *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].value);
    free(v);
}

void cl_config_free(cl_config *c)
{
    if (!c)
        return;
    free(c->path), free(c->dir), free(c->date);
    free_items(c->rules, c->n_rules);
    free_items(c->references, c->n_references);
    free_items(c->enable, c->n_enable);
    free_items(c->disable, c->n_disable);
    free_items(c->severity_rules, c->n_severities);
    free(c->severities);
    free_items(c->ignore, c->n_ignore);
    free(c);
}

enum { K_VERSION, K_RULES, K_REFERENCES, K_ENABLE, K_DISABLE, K_SEVERITY, K_IGNORE, K_DATE, K_COLUMN, K_FAIL, K_N };

cl_config *cl_config_load(const char *path, cl_problems *problems)
{
    static const cl_yfield fields[] = {
        [K_VERSION] = {"version", CL_Y_STR, false},     [K_RULES] = {"rules", CL_Y_STR_OR_SEQ, false},
        [K_REFERENCES] = {"references", CL_Y_STR_OR_SEQ, false},
        [K_ENABLE] = {"enable", CL_Y_STR_OR_SEQ, false}, [K_DISABLE] = {"disable", CL_Y_STR_OR_SEQ, false},
        [K_SEVERITY] = {"severity", CL_Y_MAP, false},   [K_IGNORE] = {"ignore", CL_Y_STR_OR_SEQ, false},
        [K_DATE] = {"date", CL_Y_STR, false},           [K_COLUMN] = {"column_unit", CL_Y_STR, false},
        [K_FAIL] = {"fail_level", CL_Y_STR, false},     [K_N] = {NULL, 0, false}};
    cl_errors errs = {0};
    cl_ydoc d;
    bool loaded = cl_ydoc_load(&d, path, &errs);
    if (!loaded && !d.empty) {
        cl_ydoc_free(&d);
        cl_problems_take(problems, &errs);
        return NULL;
    }
    cl_config *c = cl_calloc(1, sizeof *c);
    c->path = cl_strdup(path);
    const char *slash = strrchr(path, '/');
    c->dir = slash ? cl_strndup(path, (size_t)(slash - path) + (slash == path)) : cl_strdup(".");
    if (!loaded) {
        /* An empty file, or only comments: a configuration that sets nothing
         * (it still stops the search for one further up). */
        cl_errors_free(&errs);
        cl_ydoc_free(&d);
        return c;
    }
    yaml_node_t *v[K_N];
    /* Known keys are still checked after an unknown one, so that one run
     * reports every problem. */
    bool ok = cl_ydoc_fields(&d, cl_ydoc_root(&d), fields, v, "the configuration", &errs);
    if (cl_ydoc_is_map(cl_ydoc_root(&d))) {
        if (v[K_VERSION] && strcmp(cl_ydoc_str(v[K_VERSION]), "1") != 0) {
            cl_ydoc_error(&d, &errs, v[K_VERSION], "unsupported version '%s' (this claimlint reads version 1)",
                          cl_ydoc_str(v[K_VERSION]));
            ok = false;
        }
        ok &= items(&d, v[K_RULES], c->dir, PATH_DIR, &c->rules, &c->n_rules, "rules", &errs);
        ok &= items(&d, v[K_REFERENCES], c->dir, PATH_FILE, &c->references, &c->n_references, "references", &errs);
        ok &= items(&d, v[K_ENABLE], NULL, PATH_ANY, &c->enable, &c->n_enable, "enable", &errs);
        ok &= items(&d, v[K_DISABLE], NULL, PATH_ANY, &c->disable, &c->n_disable, "disable", &errs);
        ok &= items(&d, v[K_IGNORE], NULL, PATH_ANY, &c->ignore, &c->n_ignore, "ignore", &errs);
        if (v[K_SEVERITY]) {
            yaml_node_t *m = v[K_SEVERITY];
            size_t n = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
            c->severity_rules = cl_calloc(n ? n : 1, sizeof *c->severity_rules);
            c->severities = cl_calloc(n ? n : 1, sizeof *c->severities);
            for (size_t i = 0; i < n; i++) {
                yaml_node_pair_t *pr = &m->data.mapping.pairs.start[i];
                yaml_node_t *kn = cl_ydoc_node(&d, pr->key), *vn = cl_ydoc_node(&d, pr->value);
                const char *sv = cl_ydoc_str(vn);
                if (!cl_ydoc_str(kn) || !sv || !severity_of(sv, &c->severities[c->n_severities])) {
                    cl_ydoc_error(&d, &errs, vn, "'severity' maps rule ids to error, warning or note");
                    ok = false;
                    continue;
                }
                cl_config_item *x = &c->severity_rules[c->n_severities++];
                x->value = cl_strdup(cl_ydoc_str(kn));
                cl_ydoc_pos(&d, kn, &x->line, &x->column);
            }
        }
        if (v[K_DATE]) {
            const char *s = cl_ydoc_str(v[K_DATE]);
            cl_date dt;
            if (!cl_date_parse(s, strlen(s), NULL, &dt)) {
                cl_ydoc_error(&d, &errs, v[K_DATE], "bad date '%s': write YYYY-MM-DD, YYYY-MM or YYYY", s);
                ok = false;
            } else {
                c->date = cl_strdup(s);
            }
        }
        if (v[K_COLUMN]) {
            static const char *const names[] = {"byte", "char", "display", "utf16"};
            const char *s = cl_ydoc_str(v[K_COLUMN]);
            int k;
            for (k = 0; k < 4 && strcmp(s, names[k]) != 0; k++)
                ;
            if (k == 4) {
                cl_ydoc_error(&d, &errs, v[K_COLUMN], "unknown column_unit '%s' (expected byte, char, display or utf16)",
                              s);
                ok = false;
            } else {
                c->columns = (cl_column_kind)k;
                c->has_columns = true;
            }
        }
        if (v[K_FAIL]) {
            if (!severity_of(cl_ydoc_str(v[K_FAIL]), &c->fail_level)) {
                cl_ydoc_error(&d, &errs, v[K_FAIL], "unknown fail_level '%s' (expected error, warning or note)",
                              cl_ydoc_str(v[K_FAIL]));
                ok = false;
            } else {
                c->has_fail_level = true;
            }
        }
    }
    cl_ydoc_free(&d);
    cl_problems_take(problems, &errs);
    if (!ok) {
        cl_config_free(c);
        return NULL;
    }
    return c;
}

char *cl_config_find(const char *path)
{
    char buf[PATH_MAX];
    if (!realpath(path, buf))
        return NULL;
    struct stat st;
    if (stat(buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(buf, '/');
        if (slash)
            *(slash == buf ? slash + 1 : slash) = '\0';
    }
    for (;;) {
        char *cand = cl_strfmt("%s%s.claimlint.yaml", buf, strcmp(buf, "/") == 0 ? "" : "/");
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
            return cand;
        free(cand);
        if (strcmp(buf, "/") == 0)
            return NULL;
        char *slash = strrchr(buf, '/');
        if (!slash)
            return NULL;
        *(slash == buf ? slash + 1 : slash) = '\0';
    }
}

bool cl_config_ignores(const cl_config *c, const char *path)
{
    if (!c || c->n_ignore == 0)
        return false;
    char dir[PATH_MAX], file[PATH_MAX];
    if (!realpath(c->dir, dir) || !realpath(path, file))
        return false;
    size_t n = strlen(dir);
    const char *rel = file;
    if (strncmp(file, dir, n) == 0 && (file[n] == '/' || n == 1))
        rel = file + n + (n > 1);
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    for (size_t i = 0; i < c->n_ignore; i++) {
        const char *g = c->ignore[i].value;
        /* No FNM_PATHNAME: a star also crosses slashes, so a directory glob covers nested files. */
        if (fnmatch(g, rel, 0) == 0 || fnmatch(g, base, 0) == 0)
            return true;
        size_t gl = strlen(g);
        if (gl > 1 && g[gl - 1] == '/' && strncmp(rel, g, gl) == 0)
            return true;
    }
    return false;
}
