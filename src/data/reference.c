/* Reference table loader and queries. Values and dates in the YAML are
 * written the way a newsroom writes them ("33,501.36亿元", "about 1.48亿",
 * "2024-10") and parsed by the value layer, so a fact and a claim mean the
 * same thing by the same words. */
#include "data/reference.h"

#include <stdlib.h>
#include <string.h>

struct cl_reftable {
    const struct cl_fold *fold;
    cl_vec facts;      /* cl_fact *, in load order */
    cl_fact **sorted;  /* by key, after finish */
    cl_vec relations;  /* cl_relation * */
    cl_vec pending;    /* struct pending_rel *, resolved by finish */
    cl_vec files;      /* char * file names referenced by positions */
};

struct pending_rel {
    cl_relation_type type;
    char **parts;
    size_t n_parts;
    char *whole;
    cl_ref_pos pos;
};

cl_reftable *cl_reftable_new(const struct cl_fold *fold)
{
    cl_reftable *t = cl_calloc(1, sizeof *t);
    t->fold = fold;
    return t;
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static void free_fact(cl_fact *f)
{
    free(f->key);
    free(f->label);
    for (size_t i = 0; i < f->n_points; i++) {
        free(f->points[i].text);
        free(f->points[i].note);
        if (f->points[i].source && (f->points[i].source < f->sources ||
                                    f->points[i].source >= f->sources + f->n_sources)) {
            cl_source *s = (cl_source *)f->points[i].source;
            free(s->title), free(s->url), free(s->date), free(s->note), free(s);
        }
    }
    free(f->points);
    for (size_t i = 0; i < f->n_events; i++)
        free(f->events[i].name), free(f->events[i].text);
    free(f->events);
    free_strs(f->bodies, f->n_bodies);
    free_strs(f->bodies_folded, f->n_bodies);
    free_strs(f->accepted, f->n_accepted);
    free_strs(f->accepted_folded, f->n_accepted);
    free_strs(f->misspellings, f->n_misspellings);
    free_strs(f->misspellings_folded, f->n_misspellings);
    for (size_t i = 0; i < f->n_sources; i++) {
        cl_source *s = &f->sources[i];
        free(s->title), free(s->url), free(s->date), free(s->note);
    }
    free(f->sources);
    free(f);
}

void cl_reftable_free(cl_reftable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->facts.len; i++)
        free_fact(t->facts.items[i]);
    cl_vec_free(&t->facts);
    free(t->sorted);
    for (size_t i = 0; i < t->relations.len; i++) {
        cl_relation *r = t->relations.items[i];
        free(r->parts);
        free(r);
    }
    cl_vec_free(&t->relations);
    for (size_t i = 0; i < t->pending.len; i++) {
        struct pending_rel *p = t->pending.items[i];
        free_strs(p->parts, p->n_parts);
        free(p->whole);
        free(p);
    }
    cl_vec_free(&t->pending);
    for (size_t i = 0; i < t->files.len; i++)
        free(t->files.items[i]);
    cl_vec_free(&t->files);
    free(t);
}

static const char *intern_file(cl_reftable *t, const char *path)
{
    for (size_t i = 0; i < t->files.len; i++)
        if (strcmp(t->files.items[i], path) == 0)
            return t->files.items[i];
    char *p = cl_strdup(path);
    cl_vec_push(&t->files, p);
    return p;
}

static cl_ref_pos pos_of(cl_reftable *t, cl_ydoc *d, yaml_node_t *n)
{
    cl_ref_pos p;
    p.file = intern_file(t, d->path);
    cl_ydoc_pos(d, n, &p.line, &p.column);
    return p;
}

static char *fold_dup(const cl_reftable *t, const char *s)
{
    return t->fold ? cl_fold_string(t->fold, s, strlen(s)) : cl_strdup(s);
}

char *cl_name_key(const char *s, size_t n)
{
    static const char *const drop[] = {"\"", "“", "”", "‘", "’", "「", "」", "『", "』", "　"};
    cl_buf b = {0};
    cl_buf_puts(&b, "");
    for (size_t i = 0; i < n;) {
        size_t k;
        for (k = 0; k < sizeof drop / sizeof drop[0]; k++) {
            size_t len = strlen(drop[k]);
            if (i + len <= n && memcmp(s + i, drop[k], len) == 0) {
                i += len;
                break;
            }
        }
        if (k == sizeof drop / sizeof drop[0])
            cl_buf_putc(&b, s[i++]);
    }
    return cl_buf_detach(&b);
}

static char *name_key_dup(const cl_reftable *t, const char *s)
{
    char *folded = fold_dup(t, s);
    char *key = cl_name_key(folded, strlen(folded));
    free(folded);
    return key;
}

static bool load_source(cl_ydoc *d, yaml_node_t *n, cl_source *s, cl_errors *errs)
{
    memset(s, 0, sizeof *s);
    if (cl_ydoc_is_scalar(n)) {
        s->title = cl_strdup(cl_ydoc_str(n));
        return true;
    }
    static const cl_yfield fields[] = {
        {"title", CL_Y_STR, true}, {"url", CL_Y_STR, false}, {"date", CL_Y_STR, false},
        {"note", CL_Y_STR, false}, {NULL, 0, false}};
    yaml_node_t *f[4];
    if (!cl_ydoc_fields(d, n, fields, f, "source", errs))
        return false;
    s->title = cl_strdup(cl_ydoc_str(f[0]));
    s->url = f[1] ? cl_strdup(cl_ydoc_str(f[1])) : NULL;
    s->date = f[2] ? cl_strdup(cl_ydoc_str(f[2])) : NULL;
    s->note = f[3] ? cl_strdup(cl_ydoc_str(f[3])) : NULL;
    return true;
}

static bool parse_date_node(cl_ydoc *d, yaml_node_t *n, cl_date *out, const char *what, cl_errors *errs)
{
    const char *s = cl_ydoc_str(n);
    if (!s || !cl_date_parse(s, strlen(s), NULL, out)) {
        cl_ydoc_error(d, errs, n, "bad date '%s' in '%s': write YYYY, YYYY-MM or YYYY-MM-DD",
                      s ? s : "", what);
        return false;
    }
    return true;
}

static bool load_point(cl_reftable *t, cl_ydoc *d, cl_fact *f, yaml_node_t *n, cl_point *p, cl_errors *errs)
{
    static const cl_yfield fields[] = {
        {"value", CL_Y_STR, true}, {"as_of", CL_Y_STR, false}, {"from", CL_Y_STR, false},
        {"until", CL_Y_STR, false}, {"source", CL_Y_STR_OR_MAP, false}, {"note", CL_Y_STR, false},
        {NULL, 0, false}};
    yaml_node_t *v[6];
    memset(p, 0, sizeof *p);
    if (!cl_ydoc_fields(d, n, fields, v, "value", errs))
        return false;
    bool ok = true;
    const char *text = cl_ydoc_str(v[0]);
    p->text = cl_strdup(text);
    p->pos = pos_of(t, d, v[0]);
    if (!cl_quantity_parse(text, strlen(text), &p->q)) {
        cl_ydoc_error(d, errs, v[0], "cannot read '%s' as a quantity", text);
        ok = false;
    } else if (p->q.unit[0] && strcmp(p->q.unit, f->unit) != 0) {
        cl_ydoc_error(d, errs, v[0], "the unit of '%s' (%s) does not match the fact's unit (%s)", text,
                      p->q.unit, f->unit[0] ? f->unit : "none");
        ok = false;
    }
    if (v[1] && v[2]) {
        cl_ydoc_error(d, errs, v[2], "give either 'as_of' or 'from', not both");
        ok = false;
    }
    yaml_node_t *dn = v[1] ? v[1] : v[2];
    if (dn) {
        ok &= parse_date_node(d, dn, &p->date, v[1] ? "as_of" : "from", errs);
        p->has_date = true;
    }
    if (v[3]) {
        ok &= parse_date_node(d, v[3], &p->until, "until", errs);
        p->has_until = true;
    }
    if (v[4]) {
        cl_source *s = cl_calloc(1, sizeof *s);
        if (!load_source(d, v[4], s, errs)) {
            free(s);
            ok = false;
        } else {
            p->source = s;
        }
    }
    if (v[5])
        p->note = cl_strdup(cl_ydoc_str(v[5]));
    return ok;
}

static int point_cmp(const void *a, const void *b)
{
    const cl_point *x = a, *y = b;
    return (x->date.lo > y->date.lo) - (x->date.lo < y->date.lo);
}

static bool parse_enum(cl_ydoc *d, yaml_node_t *n, const char *const *names, int *out, const char *what,
                       cl_errors *errs)
{
    const char *s = cl_ydoc_str(n);
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return *out = i, true;
    cl_buf b = {0};
    for (int i = 0; names[i]; i++)
        cl_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
    cl_ydoc_error(d, errs, n, "unknown %s '%s' (expected one of: %s)", what, s, b.data);
    cl_buf_free(&b);
    return false;
}

static bool valid_key(const char *k)
{
    if (!*k)
        return false;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
            return false;
    return true;
}

enum {
    F_KEY, F_LABEL, F_UNIT, F_OVER_TIME, F_VALUE, F_AS_OF, F_VALUES, F_DATE, F_DATES, F_BODIES,
    F_ACCEPTED, F_MISSPELLINGS, F_CONFIDENCE, F_SOURCES, F_NOTE, F_COUNT
};

static const cl_yfield fact_fields[] = {
    [F_KEY] = {"key", CL_Y_STR, true},
    [F_LABEL] = {"label", CL_Y_STR, true},
    [F_UNIT] = {"unit", CL_Y_STR, false},
    [F_OVER_TIME] = {"over_time", CL_Y_STR, false},
    [F_VALUE] = {"value", CL_Y_STR, false},
    [F_AS_OF] = {"as_of", CL_Y_STR, false},
    [F_VALUES] = {"values", CL_Y_SEQ, false},
    [F_DATE] = {"date", CL_Y_STR, false},
    [F_DATES] = {"dates", CL_Y_MAP, false},
    [F_BODIES] = {"bodies", CL_Y_STR_OR_SEQ, false},
    [F_ACCEPTED] = {"accepted", CL_Y_STR_OR_SEQ, false},
    [F_MISSPELLINGS] = {"misspellings", CL_Y_STR_OR_SEQ, false},
    [F_CONFIDENCE] = {"confidence", CL_Y_STR, true},
    [F_SOURCES] = {"sources", CL_Y_STR_OR_SEQ, true},
    [F_NOTE] = {"note", CL_Y_STR, false},
    [F_COUNT] = {NULL, 0, false},
};

static bool load_fact(cl_reftable *t, cl_ydoc *d, yaml_node_t *n, cl_errors *errs)
{
    yaml_node_t *v[F_COUNT];
    if (!cl_ydoc_fields(d, n, fact_fields, v, "fact", errs))
        return false;
    bool ok = true;
    const char *key = cl_ydoc_str(v[F_KEY]);
    if (!valid_key(key)) {
        cl_ydoc_error(d, errs, v[F_KEY], "bad fact key '%s': use lower-case letters, digits, '.', '-' and '_'", key);
        return false;
    }
    for (size_t i = 0; i < t->facts.len; i++) {
        cl_fact *o = t->facts.items[i];
        if (strcmp(o->key, key) == 0) {
            cl_ydoc_error(d, errs, v[F_KEY], "duplicate fact key '%s' (first defined at %s:%d:%d)", key,
                          o->pos.file, o->pos.line, o->pos.column);
            return false;
        }
    }
    bool is_qty = v[F_VALUE] || v[F_VALUES];
    bool is_event = v[F_DATE] || v[F_DATES];
    bool is_name = v[F_ACCEPTED] != NULL;
    if (is_qty + is_event + is_name != 1) {
        cl_ydoc_error(d, errs, n,
                      "fact '%s' needs exactly one of: 'value' or 'values' (a quantity), 'date' or 'dates' "
                      "(an event), 'accepted' (a name)",
                      key);
        return false;
    }
    cl_fact *f = cl_calloc(1, sizeof *f);
    f->key = cl_strdup(key);
    f->label = cl_strdup(cl_ydoc_str(v[F_LABEL]));
    f->pos = pos_of(t, d, v[F_KEY]);
    f->unit = CL_UNIT_NONE;
    f->type = is_qty ? CL_FACT_QUANTITY : is_event ? CL_FACT_EVENT : CL_FACT_NAME;

    static const char *const conf_names[] = {"high", "medium", "low", NULL};
    int conf = 0;
    ok &= parse_enum(d, v[F_CONFIDENCE], conf_names, &conf, "confidence", errs);
    f->confidence = (cl_confidence)conf;

    /* sources */
    yaml_node_t *sn = v[F_SOURCES];
    size_t ns = cl_ydoc_is_seq(sn) ? cl_ydoc_seq_len(sn) : 1;
    if (ns == 0 && !(v[F_VALUES] && cl_ydoc_seq_len(v[F_VALUES]) == 0)) {
        cl_ydoc_error(d, errs, sn, "fact '%s' must cite at least one source", key);
        ok = false;
    }
    f->sources = cl_calloc(ns ? ns : 1, sizeof *f->sources);
    for (size_t i = 0; i < ns; i++) {
        yaml_node_t *it = cl_ydoc_is_seq(sn) ? cl_ydoc_seq_at(d, sn, i) : sn;
        if (load_source(d, it, &f->sources[f->n_sources], errs))
            f->n_sources++;
        else
            ok = false;
    }

    if (!is_qty) {
        for (int k = F_UNIT; k <= F_AS_OF; k++)
            if (v[k]) {
                cl_ydoc_error(d, errs, v[k], "'%s' applies to quantity facts only", fact_fields[k].key);
                ok = false;
            }
    }
    if (!is_event && v[F_BODIES]) {
        cl_ydoc_error(d, errs, v[F_BODIES], "'bodies' applies to event facts only");
        ok = false;
    }
    if (!is_name && v[F_MISSPELLINGS]) {
        cl_ydoc_error(d, errs, v[F_MISSPELLINGS], "'misspellings' applies to name facts only");
        ok = false;
    }

    if (is_qty) {
        if (v[F_UNIT]) {
            const char *u = cl_unit_lookup(cl_ydoc_str(v[F_UNIT]));
            if (!u) {
                cl_ydoc_error(d, errs, v[F_UNIT], "unknown unit '%s'", cl_ydoc_str(v[F_UNIT]));
                ok = false;
            } else {
                f->unit = u;
            }
        }
        if (v[F_VALUE] && v[F_VALUES]) {
            cl_ydoc_error(d, errs, v[F_VALUES], "give either 'value' or 'values', not both");
            ok = false;
        } else if (v[F_VALUE]) {
            if (v[F_AS_OF] == NULL && v[F_OVER_TIME] == NULL)
                f->over_time = CL_TIME_FIXED;
            f->points = cl_calloc(1, sizeof *f->points);
            cl_point *p = &f->points[0];
            const char *text = cl_ydoc_str(v[F_VALUE]);
            p->text = cl_strdup(text);
            p->pos = pos_of(t, d, v[F_VALUE]);
            if (!cl_quantity_parse(text, strlen(text), &p->q)) {
                cl_ydoc_error(d, errs, v[F_VALUE], "cannot read '%s' as a quantity", text);
                ok = false;
            } else if (p->q.unit[0] && strcmp(p->q.unit, f->unit) != 0) {
                cl_ydoc_error(d, errs, v[F_VALUE], "the unit of '%s' (%s) does not match the fact's unit (%s)",
                              text, p->q.unit, f->unit[0] ? f->unit : "none");
                ok = false;
            }
            if (v[F_AS_OF]) {
                ok &= parse_date_node(d, v[F_AS_OF], &p->date, "as_of", errs);
                p->has_date = true;
            }
            f->n_points = 1;
        } else {
            if (v[F_AS_OF]) {
                cl_ydoc_error(d, errs, v[F_AS_OF], "'as_of' goes on each of 'values'");
                ok = false;
            }
            /* An empty list declares a fact known only from claims: its unit and
             * behaviour over time still drive the checks between claims. */
            size_t np = cl_ydoc_seq_len(v[F_VALUES]);
            f->points = cl_calloc(np ? np : 1, sizeof *f->points);
            f->over_time = CL_TIME_STEPWISE;
            for (size_t i = 0; i < np; i++) {
                yaml_node_t *it = cl_ydoc_seq_at(d, v[F_VALUES], i);
                if (load_point(t, d, f, it, &f->points[f->n_points], errs)) {
                    if (!f->points[f->n_points].has_date && np > 1) {
                        cl_ydoc_error(d, errs, it, "each of several values needs 'as_of' or 'from'");
                        ok = false;
                    }
                    f->n_points++;
                } else {
                    cl_point *p = &f->points[f->n_points];
                    free(p->text), free(p->note);
                    if (p->source) {
                        cl_source *s = (cl_source *)p->source;
                        free(s->title), free(s->url), free(s->date), free(s->note), free(s);
                    }
                    ok = false;
                }
            }
            qsort(f->points, f->n_points, sizeof *f->points, point_cmp);
        }
        if (v[F_OVER_TIME]) {
            static const char *const names[] = {"fixed", "cumulative", "stepwise", NULL};
            int ot = 0;
            if (parse_enum(d, v[F_OVER_TIME], names, &ot, "over_time", errs))
                f->over_time = (cl_over_time)ot;
            else
                ok = false;
            if (f->over_time == CL_TIME_FIXED && f->n_points > 1) {
                cl_ydoc_error(d, errs, v[F_OVER_TIME], "a fixed fact has a single value");
                ok = false;
            }
        }
        /* A cumulative series never decreases: check the table itself. */
        if (f->over_time == CL_TIME_CUMULATIVE) {
            for (size_t i = 1; i < f->n_points; i++) {
                cl_point *a = &f->points[i - 1], *b = &f->points[i];
                if (a->q.range.lo_kind != CL_BOUND_INF && b->q.range.hi_kind != CL_BOUND_INF &&
                    cl_rat_cmp(a->q.range.lo, b->q.range.hi) > 0) {
                    cl_errors_add(errs, b->pos.file, b->pos.line, b->pos.column,
                                  "cumulative fact '%s' decreases from %s to %s", key, a->text, b->text);
                    ok = false;
                }
            }
        }
    } else if (is_event) {
        if (v[F_DATE] && v[F_DATES]) {
            cl_ydoc_error(d, errs, v[F_DATES], "give either 'date' or 'dates', not both");
            ok = false;
        } else if (v[F_DATE]) {
            f->events = cl_calloc(1, sizeof *f->events);
            f->events[0].name = cl_strdup("date");
            f->events[0].text = cl_strdup(cl_ydoc_str(v[F_DATE]));
            f->events[0].pos = pos_of(t, d, v[F_DATE]);
            ok &= parse_date_node(d, v[F_DATE], &f->events[0].date, "date", errs);
            f->n_events = 1;
        } else {
            yaml_node_t *m = v[F_DATES];
            size_t np = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
            f->events = cl_calloc(np ? np : 1, sizeof *f->events);
            for (size_t i = 0; i < np; i++) {
                yaml_node_pair_t *pr = &m->data.mapping.pairs.start[i];
                yaml_node_t *kn = cl_ydoc_node(d, pr->key), *vn = cl_ydoc_node(d, pr->value);
                if (!cl_ydoc_is_scalar(kn) || !cl_ydoc_is_scalar(vn)) {
                    cl_ydoc_error(d, errs, kn, "'dates' maps event names to dates");
                    ok = false;
                    continue;
                }
                cl_event *e = &f->events[f->n_events++];
                e->name = cl_strdup(cl_ydoc_str(kn));
                e->text = cl_strdup(cl_ydoc_str(vn));
                e->pos = pos_of(t, d, vn);
                ok &= parse_date_node(d, vn, &e->date, e->name, errs);
            }
            if (np == 0) {
                cl_ydoc_error(d, errs, m, "'dates' is empty");
                ok = false;
            }
        }
        ok &= cl_ydoc_strings(d, v[F_BODIES], &f->bodies, &f->n_bodies, "bodies", errs);
        f->bodies_folded = cl_calloc(f->n_bodies ? f->n_bodies : 1, sizeof(char *));
        for (size_t i = 0; i < f->n_bodies; i++)
            f->bodies_folded[i] = fold_dup(t, f->bodies[i]);
    } else {
        ok &= cl_ydoc_strings(d, v[F_ACCEPTED], &f->accepted, &f->n_accepted, "accepted", errs);
        ok &= cl_ydoc_strings(d, v[F_MISSPELLINGS], &f->misspellings, &f->n_misspellings, "misspellings", errs);
        f->accepted_folded = cl_calloc(f->n_accepted ? f->n_accepted : 1, sizeof(char *));
        for (size_t i = 0; i < f->n_accepted; i++)
            f->accepted_folded[i] = name_key_dup(t, f->accepted[i]);
        f->misspellings_folded = cl_calloc(f->n_misspellings ? f->n_misspellings : 1, sizeof(char *));
        for (size_t i = 0; i < f->n_misspellings; i++)
            f->misspellings_folded[i] = name_key_dup(t, f->misspellings[i]);
        if (f->n_accepted == 0) {
            cl_ydoc_error(d, errs, v[F_ACCEPTED], "'accepted' is empty");
            ok = false;
        }
    }
    cl_vec_push(&t->facts, f);
    return ok;
}

bool cl_reftable_load_facts(cl_reftable *t, cl_ydoc *d, yaml_node_t *facts, cl_errors *errs)
{
    if (!cl_ydoc_is_seq(facts)) {
        cl_ydoc_error(d, errs, facts, "'facts' must be a list");
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < cl_ydoc_seq_len(facts); i++)
        ok &= load_fact(t, d, cl_ydoc_seq_at(d, facts, i), errs);
    return ok;
}

bool cl_reftable_load_relations(cl_reftable *t, cl_ydoc *d, yaml_node_t *rels, cl_errors *errs)
{
    if (!cl_ydoc_is_seq(rels)) {
        cl_ydoc_error(d, errs, rels, "'relations' must be a list");
        return false;
    }
    static const cl_yfield fields[] = {
        {"type", CL_Y_STR, true}, {"part", CL_Y_STR, false}, {"parts", CL_Y_SEQ, false},
        {"whole", CL_Y_STR, true}, {"note", CL_Y_STR, false}, {NULL, 0, false}};
    bool ok = true;
    for (size_t i = 0; i < cl_ydoc_seq_len(rels); i++) {
        yaml_node_t *n = cl_ydoc_seq_at(d, rels, i), *v[5];
        if (!cl_ydoc_fields(d, n, fields, v, "relation", errs)) {
            ok = false;
            continue;
        }
        static const char *const types[] = {"at-most", "sum-at-most", NULL};
        int type = 0;
        if (!parse_enum(d, v[0], types, &type, "relation type", errs)) {
            ok = false;
            continue;
        }
        struct pending_rel *p = cl_calloc(1, sizeof *p);
        p->type = (cl_relation_type)type;
        p->pos = pos_of(t, d, n);
        p->whole = cl_strdup(cl_ydoc_str(v[3]));
        if (type == CL_REL_AT_MOST) {
            if (!v[1] || v[2]) {
                cl_ydoc_error(d, errs, n, "an at-most relation has one 'part' and a 'whole'");
                ok = false;
            } else {
                p->parts = cl_malloc(sizeof *p->parts);
                p->parts[0] = cl_strdup(cl_ydoc_str(v[1]));
                p->n_parts = 1;
            }
        } else {
            if (!v[2] || v[1]) {
                cl_ydoc_error(d, errs, n, "a sum-at-most relation has a list of 'parts' and a 'whole'");
                ok = false;
            } else {
                ok &= cl_ydoc_strings(d, v[2], &p->parts, &p->n_parts, "parts", errs);
            }
        }
        cl_vec_push(&t->pending, p);
    }
    return ok;
}

static int fact_cmp(const void *a, const void *b)
{
    return strcmp((*(cl_fact *const *)a)->key, (*(cl_fact *const *)b)->key);
}

bool cl_reftable_finish(cl_reftable *t, cl_errors *errs)
{
    free(t->sorted);
    t->sorted = cl_malloc((t->facts.len ? t->facts.len : 1) * sizeof *t->sorted);
    for (size_t i = 0; i < t->facts.len; i++)
        t->sorted[i] = t->facts.items[i];
    qsort(t->sorted, t->facts.len, sizeof *t->sorted, fact_cmp);
    bool ok = true;
    for (size_t i = 0; i < t->pending.len; i++) {
        struct pending_rel *p = t->pending.items[i];
        const cl_fact *whole = cl_reftable_find(t, p->whole);
        bool good = true;
        if (!whole) {
            cl_errors_add(errs, p->pos.file, p->pos.line, p->pos.column,
                          "relation names unknown fact '%s'", p->whole);
            good = false;
        } else if (whole->type != CL_FACT_QUANTITY) {
            cl_errors_add(errs, p->pos.file, p->pos.line, p->pos.column,
                          "relation names '%s', which is not a quantity", p->whole);
            good = false;
        }
        const cl_fact **parts = cl_calloc(p->n_parts ? p->n_parts : 1, sizeof *parts);
        for (size_t k = 0; k < p->n_parts; k++) {
            parts[k] = cl_reftable_find(t, p->parts[k]);
            if (!parts[k]) {
                cl_errors_add(errs, p->pos.file, p->pos.line, p->pos.column,
                              "relation names unknown fact '%s'", p->parts[k]);
                good = false;
            } else if (parts[k]->type != CL_FACT_QUANTITY) {
                cl_errors_add(errs, p->pos.file, p->pos.line, p->pos.column,
                              "relation names '%s', which is not a quantity", p->parts[k]);
                good = false;
            } else if (whole && whole->type == CL_FACT_QUANTITY && strcmp(parts[k]->unit, whole->unit) != 0) {
                cl_errors_add(errs, p->pos.file, p->pos.line, p->pos.column,
                              "relation compares '%s' (%s) with '%s' (%s): units differ", p->parts[k],
                              parts[k]->unit[0] ? parts[k]->unit : "none", p->whole,
                              whole->unit[0] ? whole->unit : "none");
                good = false;
            }
        }
        if (!good) {
            free(parts);
            ok = false;
            continue;
        }
        cl_relation *r = cl_calloc(1, sizeof *r);
        r->type = p->type;
        r->parts = parts;
        r->n_parts = p->n_parts;
        r->whole = whole;
        r->pos = p->pos;
        cl_vec_push(&t->relations, r);
    }
    for (size_t i = 0; i < t->pending.len; i++) {
        struct pending_rel *p = t->pending.items[i];
        free_strs(p->parts, p->n_parts);
        free(p->whole);
        free(p);
    }
    t->pending.len = 0;
    return ok;
}

const cl_fact *cl_reftable_find(const cl_reftable *t, const char *key)
{
    if (!t || !key)
        return NULL;
    if (!t->sorted) {
        for (size_t i = 0; i < t->facts.len; i++)
            if (strcmp(((cl_fact *)t->facts.items[i])->key, key) == 0)
                return t->facts.items[i];
        return NULL;
    }
    size_t lo = 0, hi = t->facts.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(t->sorted[mid]->key, key);
        if (c == 0)
            return t->sorted[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t cl_reftable_count(const cl_reftable *t)
{
    return t ? t->facts.len : 0;
}

const cl_fact *cl_reftable_at(const cl_reftable *t, size_t i)
{
    return t->facts.items[i];
}

size_t cl_reftable_relation_count(const cl_reftable *t)
{
    return t ? t->relations.len : 0;
}

const cl_relation *cl_reftable_relation_at(const cl_reftable *t, size_t i)
{
    return t->relations.items[i];
}

bool cl_fact_varies(const cl_fact *f)
{
    return f->type == CL_FACT_QUANTITY && f->over_time != CL_TIME_FIXED;
}

static void hull(cl_interval *acc, bool *have, const cl_interval *x)
{
    if (!*have) {
        *acc = *x;
        *have = true;
        return;
    }
    if (x->lo_kind == CL_BOUND_INF ||
        (acc->lo_kind != CL_BOUND_INF && cl_rat_cmp(x->lo, acc->lo) < 0)) {
        acc->lo = x->lo;
        acc->lo_kind = x->lo_kind;
    }
    if (x->hi_kind == CL_BOUND_INF ||
        (acc->hi_kind != CL_BOUND_INF && cl_rat_cmp(x->hi, acc->hi) > 0)) {
        acc->hi = x->hi;
        acc->hi_kind = x->hi_kind;
    }
}

size_t cl_fact_value_at(const cl_fact *f, const cl_date *when, cl_interval *out, const cl_point **pts)
{
    if (f->type != CL_FACT_QUANTITY || f->n_points == 0)
        return 0;
    if (f->over_time == CL_TIME_FIXED || !when) {
        if (f->over_time != CL_TIME_FIXED)
            return 0;
        *out = f->points[0].q.range;
        pts[0] = &f->points[0];
        return 1;
    }
    bool have = false;
    if (f->over_time == CL_TIME_CUMULATIVE) {
        /* Points dated within the claim's date decide alone: "截至2024年"
         * is read against a point of 2024, as writers mean the year's end. */
        size_t n = 0;
        for (size_t i = 0; i < f->n_points; i++) {
            const cl_point *p = &f->points[i];
            if (cl_date_overlaps(&p->date, when)) {
                hull(out, &have, &p->q.range);
                if (n < 2)
                    pts[n++] = p;
            }
        }
        if (have)
            return n;
        /* Otherwise the last point before bounds from below, the first after from above. */
        const cl_point *before = NULL, *after = NULL;
        for (size_t i = 0; i < f->n_points; i++) {
            const cl_point *p = &f->points[i];
            if (p->date.hi < when->lo)
                before = p;
            else if (p->date.lo > when->hi && !after)
                after = p;
        }
        cl_interval iv = cl_interval_all();
        iv.lo = cl_rat_int(0);
        iv.lo_kind = CL_BOUND_CLOSED;
        n = 0;
        if (before) {
            iv.lo = before->q.range.lo;
            iv.lo_kind = before->q.range.lo_kind;
            pts[n++] = before;
        }
        if (after) {
            iv.hi = after->q.range.hi;
            iv.hi_kind = after->q.range.hi_kind;
            pts[n++] = after;
        }
        *out = iv;
        return n;
    }
    /* Stepwise: the value in effect at the start of `when`, and any that start inside it. */
    size_t n = 0;
    const cl_point *current = NULL;
    for (size_t i = 0; i < f->n_points; i++) {
        const cl_point *p = &f->points[i];
        if (!p->has_date || p->date.lo <= when->lo)
            current = p;
    }
    if (current && current->has_until && current->until.hi < when->lo)
        current = NULL;
    if (current) {
        hull(out, &have, &current->q.range);
        pts[n++] = current;
    }
    for (size_t i = 0; i < f->n_points; i++) {
        const cl_point *p = &f->points[i];
        if (p->has_date && p->date.lo > when->lo && p->date.lo <= when->hi) {
            hull(out, &have, &p->q.range);
            if (n < 2)
                pts[n++] = p;
        }
    }
    return have ? n : 0;
}

const char *cl_confidence_name(cl_confidence c)
{
    static const char *const names[] = {"high", "medium", "low"};
    return names[c];
}
