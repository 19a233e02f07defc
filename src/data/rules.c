/* Rule loader: reads rule files, expands ${macro} references, folds patterns
 * to Simplified, compiles them once (UTF, UCP, JIT) and checks that each rule
 * names the captures, facts, units and events its check needs, reporting
 * every problem at its file:line:column. */
#include "data/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cl_cap_names[CL_CAP_COUNT] = {
    "value", "date", "qual", "name", "body", "part", "whole", "ratio", "a", "b", "total"};
const char *const cl_check_names[CL_CHECK_COUNT] = {
    "value", "date", "name", "ratio", "product", "share"};

/* Captures each check needs (bit per cl_cap). */
static const unsigned required_caps[CL_CHECK_COUNT] = {
    [CL_CHECK_VALUE] = 1u << CL_CAP_VALUE,
    [CL_CHECK_DATE] = 1u << CL_CAP_DATE,
    [CL_CHECK_NAME] = 1u << CL_CAP_NAME,
    [CL_CHECK_RATIO] = (1u << CL_CAP_PART) | (1u << CL_CAP_WHOLE) | (1u << CL_CAP_RATIO),
    [CL_CHECK_PRODUCT] = (1u << CL_CAP_A) | (1u << CL_CAP_B) | (1u << CL_CAP_TOTAL),
    [CL_CHECK_SHARE] = (1u << CL_CAP_PART) | (1u << CL_CAP_RATIO),
};

unsigned cl_rule_needs(const cl_rule *r, unsigned have)
{
    unsigned need = required_caps[r->check];
    if (r->check == CL_CHECK_VALUE && r->has_fixed)
        need &= ~(1u << CL_CAP_VALUE);
    /* A date check may speak of the issuing body alone. */
    if (r->check == CL_CHECK_DATE && (have & (1u << CL_CAP_BODY)))
        need &= ~(1u << CL_CAP_DATE);
    return need;
}

typedef struct macro {
    char *name;
    char *text;
    char *file;
    int line, column;
    int *columns; /* column of each byte of text in the file, or NULL */
    int *lines;   /* line of each byte of text, for a multi-line scalar; else NULL */
} macro;

/* The byte column in the file of the byte at offset off of the text. */
static int col_of(const cl_ydoc *d, int line, size_t off)
{
    return (int)(off - d->lines.starts[line - 1] - (line == 1 ? d->lines.bom : 0)) + 1;
}

/* The file position of every byte of a multi-line scalar's value (a block,
 * or a plain or quoted scalar folded over lines): the value's bytes are
 * matched in order against the file's, skipping what the value does not
 * keep (indentation, line breaks folded into spaces, escapes, the block
 * indicator line). A byte that cannot be found maps to the scalar's start. */
static int *multiline_map(cl_ydoc *d, yaml_node_t *n, const char *value, int line, int col, size_t start,
                          int **lines_out)
{
    size_t end_line = n->end_mark.line + 1 < d->lines.n ? n->end_mark.line + 1 : d->lines.n;
    size_t end = end_line < d->lines.n ? d->lines.starts[end_line] : d->len;
    const char *t = d->text;
    yaml_scalar_style_t style = n->data.scalar.style;
    size_t r = start;
    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        r++;
    else if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE)
        while (r < end && t[r++] != '\n')
            ;
    size_t vlen = strlen(value);
    int *map = cl_malloc((vlen + 1) * sizeof *map), *lines = cl_malloc((vlen + 1) * sizeof *lines);
    int cur = line; /* the line of t[r] */
    for (int i = line; i < (int)d->lines.n && d->lines.starts[i] <= r; i++)
        cur = i + 1;
    bool lost = false;
    for (size_t v = 0; v <= vlen; v++) {
        if (!lost && v < vlen) {
            char want = value[v];
            while (r < end && t[r] != want && !(t[r] == '\n' && (want == ' ' || want == '\n'))) {
                if (t[r] == '\n')
                    cur++;
                r++;
            }
            lost = r >= end;
        }
        if (lost) {
            map[v] = col, lines[v] = line;
            continue;
        }
        map[v] = col_of(d, cur, r), lines[v] = cur;
        if (v < vlen) {
            if (t[r] == '\n')
                cur++;
            r++;
        }
    }
    *lines_out = lines;
    return map;
}

/* The file column of every byte of a scalar's value, so that an error at an
 * offset in the value points at the right place even after '' or \\ escapes.
 * For a multi-line scalar *lines_out gets the line of each byte too (else
 * NULL). */
static int *column_map(cl_ydoc *d, yaml_node_t *n, const char *value, int **lines_out)
{
    int line, col;
    *lines_out = NULL;
    cl_ydoc_pos(d, n, &line, &col);
    if (line < 1 || (size_t)line > d->lines.n)
        return NULL;
    size_t start = d->lines.starts[line - 1] + (line == 1 ? d->lines.bom : 0) + (size_t)(col - 1);
    if (n->start_mark.line != n->end_mark.line)
        return multiline_map(d, n, value, line, col, start, lines_out);
    const char *raw = d->text + start, *end = d->text + d->len;
    size_t vlen = strlen(value);
    int *map = cl_malloc((vlen + 1) * sizeof *map);
    yaml_scalar_style_t style = n->data.scalar.style;
    size_t r = 0;
    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        r = 1;
    for (size_t v = 0; v <= vlen; v++) {
        map[v] = col + (int)r;
        if (v == vlen || raw + r >= end)
            continue;
        if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE && raw[r] == '\'' && raw + r + 1 < end && raw[r + 1] == '\'')
            r += 2;
        else if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && raw[r] == '\\' && raw + r + 1 < end &&
                 strchr("\\\"/0abtnvfre ", raw[r + 1]))
            r += 2;
        else
            r++;
    }
    return map;
}

/* The file position of byte off of a scalar's text, from its maps. */
static void text_pos(int line0, int col0, const int *columns, const int *lines, const char *text, size_t off,
                     int *line, int *col)
{
    if (columns && off <= strlen(text)) {
        *col = columns[off];
        *line = lines ? lines[off] : line0;
    } else {
        *col = col0 + (int)off;
        *line = line0;
    }
}

/* A pattern waiting for compilation in cl_ruleset_finish (macros may come
 * from files loaded later). */
typedef struct raw_pattern {
    int quoted; /* 1 when the scalar was quoted: the text starts one column later */
} raw_pattern;

struct cl_ruleset {
    const cl_fold *fold;
    cl_vec rules;  /* cl_rule * */
    cl_vec macros; /* macro * */
    uint32_t max_groups;
    size_t n_patterns, n_clauses;
};

cl_ruleset *cl_ruleset_new(const cl_fold *fold)
{
    cl_ruleset *rs = cl_calloc(1, sizeof *rs);
    rs->fold = fold;
    return rs;
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static void free_rule(cl_rule *r)
{
    free(r->id);
    free(r->file);
    free(r->description);
    free(r->message);
    free(r->fact_key);
    free(r->of_key);
    free_strv(r->events, r->n_events);
    for (size_t i = 0; i < r->n_patterns; i++) {
        free(r->patterns[i].source);
        free(r->patterns[i].expanded);
        free(r->patterns[i].columns);
        free(r->patterns[i].lines);
        pcre2_code_free(r->patterns[i].code);
        cl_clauses_free(r->patterns[i].clauses, r->patterns[i].n_clauses);
        free_strv(r->patterns[i].events, r->patterns[i].n_events);
    }
    free(r->patterns);
    for (size_t i = 0; i < r->n_examples; i++) {
        cl_example *e = &r->examples[i];
        free(e->text), free(e->value), free(e->date), free(e->name), free(e->doc_date);
    }
    free(r->examples);
    free(r);
}

void cl_ruleset_free(cl_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->rules.len; i++)
        free_rule(rs->rules.items[i]);
    cl_vec_free(&rs->rules);
    for (size_t i = 0; i < rs->macros.len; i++) {
        macro *m = rs->macros.items[i];
        free(m->name), free(m->text), free(m->file), free(m->columns), free(m->lines), free(m);
    }
    cl_vec_free(&rs->macros);
    free(rs);
}

static bool valid_name(const char *s, bool allow_dot)
{
    if (!*s)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
              (allow_dot && *p == '.')))
            return false;
    return true;
}

static long space_next_to_cjk(const char *s);

bool cl_ruleset_load_macros(cl_ruleset *rs, cl_ydoc *d, yaml_node_t *node, cl_errors *errs)
{
    if (!cl_ydoc_is_map(node)) {
        cl_ydoc_error(d, errs, node, "'macros' must be a mapping of names to pattern text");
        return false;
    }
    bool ok = true;
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
        yaml_node_t *k = cl_ydoc_node(d, p->key), *v = cl_ydoc_node(d, p->value);
        const char *name = cl_ydoc_str(k);
        if (!name || !valid_name(name, false)) {
            cl_ydoc_error(d, errs, k, "bad macro name: use lower-case letters, digits, '-' and '_'");
            ok = false;
            continue;
        }
        if (!cl_ydoc_is_scalar(v)) {
            cl_ydoc_error(d, errs, v, "macro '%s' must be a scalar pattern", name);
            ok = false;
            continue;
        }
        bool dup = false;
        for (size_t i = 0; i < rs->macros.len; i++) {
            macro *m = rs->macros.items[i];
            if (strcmp(m->name, name) == 0) {
                cl_ydoc_error(d, errs, k, "duplicate macro '%s' (first defined at %s:%d:%d)", name, m->file,
                              m->line, m->column);
                dup = true;
            }
        }
        if (dup) {
            ok = false;
            continue;
        }
        macro *m = cl_calloc(1, sizeof *m);
        m->name = cl_strdup(name);
        m->text = cl_strdup(cl_ydoc_str(v));
        m->file = cl_strdup(d->path);
        cl_ydoc_pos(d, v, &m->line, &m->column);
        if (v->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
            v->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
            m->column++;
        m->columns = column_map(d, v, m->text, &m->lines);
        long sp = space_next_to_cjk(m->text);
        if (sp >= 0) {
            int line, col;
            text_pos(m->line, m->column, m->columns, m->lines, m->text, (size_t)sp, &line, &col);
            cl_errors_add(errs, m->file, line, col,
                          "a space next to a Chinese character never matches: the normaliser removes such spaces "
                          "(docs/normalization.md)");
            ok = false;
        }
        cl_vec_push(&rs->macros, m);
    }
    return ok;
}

static bool load_pattern(cl_ydoc *d, yaml_node_t *n, cl_pattern *p, cl_errors *errs)
{
    memset(p, 0, sizeof *p);
    yaml_node_t *text = n;
    if (cl_ydoc_is_map(n)) {
        static const cl_yfield fields[] = {
            {"pattern", CL_Y_STR, true}, {"events", CL_Y_STR_OR_SEQ, false}, {"note", CL_Y_STR, false},
            {NULL, 0, false}};
        yaml_node_t *v[3];
        if (!cl_ydoc_fields(d, n, fields, v, "pattern", errs))
            return false;
        text = v[0];
        if (!cl_ydoc_strings(d, v[1], &p->events, &p->n_events, "events", errs))
            return false;
    } else if (!cl_ydoc_is_scalar(n)) {
        cl_ydoc_error(d, errs, n, "a pattern is a scalar or a mapping with 'pattern'");
        return false;
    }
    p->source = cl_strdup(cl_ydoc_str(text));
    cl_ydoc_pos(d, text, &p->line, &p->column);
    p->columns = column_map(d, text, p->source, &p->lines);
    if (text->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
        text->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        p->column++;
    if (!*p->source) {
        cl_ydoc_error(d, errs, text, "empty pattern");
        return false;
    }
    return true;
}

static bool load_example(cl_ydoc *d, yaml_node_t *n, bool must_match, cl_example *e, cl_errors *errs)
{
    memset(e, 0, sizeof *e);
    e->must_match = must_match;
    e->finding = -1;
    cl_ydoc_pos(d, n, &e->line, &e->column);
    if (cl_ydoc_is_scalar(n)) {
        e->text = cl_strdup(cl_ydoc_str(n));
        return true;
    }
    if (!must_match) {
        cl_ydoc_error(d, errs, n, "a no-match example is a plain sentence");
        return false;
    }
    static const cl_yfield fields[] = {
        {"text", CL_Y_STR, true}, {"value", CL_Y_STR, false}, {"date", CL_Y_STR, false},
        {"name", CL_Y_STR, false}, {"finding", CL_Y_STR, false}, {"doc_date", CL_Y_STR, false},
        {NULL, 0, false}};
    yaml_node_t *v[6];
    if (!cl_ydoc_fields(d, n, fields, v, "example", errs))
        return false;
    e->text = cl_strdup(cl_ydoc_str(v[0]));
    e->value = v[1] ? cl_strdup(cl_ydoc_str(v[1])) : NULL;
    e->date = v[2] ? cl_strdup(cl_ydoc_str(v[2])) : NULL;
    e->name = v[3] ? cl_strdup(cl_ydoc_str(v[3])) : NULL;
    e->doc_date = v[5] ? cl_strdup(cl_ydoc_str(v[5])) : NULL;
    bool ok = true;
    if (e->value) {
        cl_quantity q;
        if (!cl_quantity_parse(e->value, strlen(e->value), &q)) {
            cl_ydoc_error(d, errs, v[1], "cannot read '%s' as a quantity", e->value);
            ok = false;
        }
    }
    cl_date dt;
    if (e->date && !cl_date_parse(e->date, strlen(e->date), NULL, &dt)) {
        cl_ydoc_error(d, errs, v[2], "bad date '%s'", e->date);
        ok = false;
    }
    if (v[4]) {
        bool b;
        if (cl_ydoc_bool(d, v[4], &b, errs))
            e->finding = b;
        else
            ok = false;
    }
    if (e->doc_date && !cl_date_parse(e->doc_date, strlen(e->doc_date), NULL, &dt)) {
        cl_ydoc_error(d, errs, v[5], "bad date '%s'", e->doc_date);
        ok = false;
    }
    return ok;
}

enum {
    R_ID, R_DESCRIPTION, R_SEVERITY, R_CHECK, R_FACT, R_OF, R_UNIT, R_VALUE, R_EVENTS, R_MESSAGE,
    R_PATTERNS, R_EXAMPLES, R_COUNT
};

static const cl_yfield rule_fields[] = {
    [R_ID] = {"id", CL_Y_STR, true},
    [R_DESCRIPTION] = {"description", CL_Y_STR, false},
    [R_SEVERITY] = {"severity", CL_Y_STR, false},
    [R_CHECK] = {"check", CL_Y_STR, false},
    [R_FACT] = {"fact", CL_Y_STR, true},
    [R_OF] = {"of", CL_Y_STR, false},
    [R_UNIT] = {"unit", CL_Y_STR, false},
    [R_VALUE] = {"value", CL_Y_STR, false},
    [R_EVENTS] = {"events", CL_Y_STR_OR_SEQ, false},
    [R_MESSAGE] = {"message", CL_Y_STR, false},
    [R_PATTERNS] = {"patterns", CL_Y_STR_OR_SEQ, true},
    [R_EXAMPLES] = {"examples", CL_Y_MAP, false},
    [R_COUNT] = {NULL, 0, false},
};

static bool load_rule(cl_ruleset *rs, cl_ydoc *d, yaml_node_t *n, cl_errors *errs)
{
    yaml_node_t *v[R_COUNT];
    if (!cl_ydoc_fields(d, n, rule_fields, v, "rule", errs))
        return false;
    const char *id = cl_ydoc_str(v[R_ID]);
    if (!valid_name(id, false)) {
        cl_ydoc_error(d, errs, v[R_ID], "bad rule id '%s': use lower-case letters, digits, '-' and '_'", id);
        return false;
    }
    for (size_t i = 0; i < rs->rules.len; i++) {
        cl_rule *o = rs->rules.items[i];
        if (strcmp(o->id, id) == 0) {
            cl_ydoc_error(d, errs, v[R_ID], "duplicate rule id '%s' (first defined at %s:%d:%d)", id, o->file,
                          o->line, o->column);
            return false;
        }
    }
    bool ok = true;
    cl_rule *r = cl_calloc(1, sizeof *r);
    r->id = cl_strdup(id);
    r->file = cl_strdup(d->path);
    cl_ydoc_pos(d, v[R_ID], &r->line, &r->column);
    r->severity = CL_LEVEL_WARNING;
    r->fact_key = cl_strdup(cl_ydoc_str(v[R_FACT]));
    if (!valid_name(r->fact_key, true)) {
        cl_ydoc_error(d, errs, v[R_FACT], "bad fact key '%s'", r->fact_key);
        ok = false;
    }
    if (v[R_DESCRIPTION])
        r->description = cl_strdup(cl_ydoc_str(v[R_DESCRIPTION]));
    if (v[R_MESSAGE])
        r->message = cl_strdup(cl_ydoc_str(v[R_MESSAGE]));
    if (v[R_SEVERITY]) {
        const char *s = cl_ydoc_str(v[R_SEVERITY]);
        if (strcmp(s, "error") == 0)
            r->severity = CL_LEVEL_ERROR;
        else if (strcmp(s, "warning") == 0)
            r->severity = CL_LEVEL_WARNING;
        else if (strcmp(s, "note") == 0)
            r->severity = CL_LEVEL_NOTE;
        else {
            cl_ydoc_error(d, errs, v[R_SEVERITY], "unknown severity '%s' (expected error, warning or note)", s);
            ok = false;
        }
    }
    if (v[R_CHECK]) {
        const char *s = cl_ydoc_str(v[R_CHECK]);
        int k;
        for (k = 0; k < CL_CHECK_COUNT; k++)
            if (strcmp(s, cl_check_names[k]) == 0)
                break;
        if (k == CL_CHECK_COUNT) {
            cl_ydoc_error(d, errs, v[R_CHECK],
                          "unknown check '%s' (expected value, date, name, ratio, product or share)", s);
            ok = false;
        } else {
            r->check = (cl_check_kind)k;
        }
    }
    if (v[R_OF]) {
        r->of_key = cl_strdup(cl_ydoc_str(v[R_OF]));
        if (r->check != CL_CHECK_SHARE) {
            cl_ydoc_error(d, errs, v[R_OF], "'of' applies to share checks only");
            ok = false;
        }
    } else if (r->check == CL_CHECK_SHARE) {
        cl_ydoc_error(d, errs, n, "a share check needs 'of': the fact that is the whole");
        ok = false;
    }
    if (v[R_UNIT]) {
        r->unit = cl_unit_lookup(cl_ydoc_str(v[R_UNIT]));
        if (!r->unit) {
            cl_ydoc_error(d, errs, v[R_UNIT], "unknown unit '%s'", cl_ydoc_str(v[R_UNIT]));
            ok = false;
        }
    }
    if (v[R_VALUE]) {
        const char *s = cl_ydoc_str(v[R_VALUE]);
        if (r->check != CL_CHECK_VALUE) {
            cl_ydoc_error(d, errs, v[R_VALUE], "'value' applies to value checks only");
            ok = false;
        } else if (!cl_quantity_parse(s, strlen(s), &r->fixed)) {
            cl_ydoc_error(d, errs, v[R_VALUE], "cannot read '%s' as a quantity", s);
            ok = false;
        } else {
            r->has_fixed = true;
        }
    }
    if (v[R_EVENTS]) {
        ok &= cl_ydoc_strings(d, v[R_EVENTS], &r->events, &r->n_events, "events", errs);
        if (r->check != CL_CHECK_DATE) {
            cl_ydoc_error(d, errs, v[R_EVENTS], "'events' applies to date checks only");
            ok = false;
        }
    }
    /* patterns */
    yaml_node_t *pn = v[R_PATTERNS];
    size_t np = cl_ydoc_is_seq(pn) ? cl_ydoc_seq_len(pn) : 1;
    if (np == 0) {
        cl_ydoc_error(d, errs, pn, "rule '%s' has no patterns", id);
        ok = false;
    }
    r->patterns = cl_calloc(np ? np : 1, sizeof *r->patterns);
    for (size_t i = 0; i < np; i++) {
        yaml_node_t *it = cl_ydoc_is_seq(pn) ? cl_ydoc_seq_at(d, pn, i) : pn;
        if (load_pattern(d, it, &r->patterns[r->n_patterns], errs))
            r->n_patterns++;
        else {
            free(r->patterns[r->n_patterns].source);
            free(r->patterns[r->n_patterns].columns);
            free(r->patterns[r->n_patterns].lines);
            free_strv(r->patterns[r->n_patterns].events, r->patterns[r->n_patterns].n_events);
            memset(&r->patterns[r->n_patterns], 0, sizeof r->patterns[0]);
            ok = false;
        }
    }
    /* examples */
    if (v[R_EXAMPLES]) {
        static const cl_yfield fields[] = {
            {"match", CL_Y_SEQ, false}, {"no-match", CL_Y_SEQ, false}, {NULL, 0, false}};
        yaml_node_t *ev[2];
        if (!cl_ydoc_fields(d, v[R_EXAMPLES], fields, ev, "examples", errs)) {
            ok = false;
        } else {
            size_t total = cl_ydoc_seq_len(ev[0]) + cl_ydoc_seq_len(ev[1]);
            r->examples = cl_calloc(total ? total : 1, sizeof *r->examples);
            for (int k = 0; k < 2; k++) {
                for (size_t i = 0; i < cl_ydoc_seq_len(ev[k]); i++) {
                    cl_example *e = &r->examples[r->n_examples];
                    if (load_example(d, cl_ydoc_seq_at(d, ev[k], i), k == 0, e, errs)) {
                        r->n_examples++;
                    } else {
                        free(e->text), free(e->value), free(e->date), free(e->name), free(e->doc_date);
                        memset(e, 0, sizeof *e);
                        ok = false;
                    }
                }
            }
        }
    }
    cl_vec_push(&rs->rules, r);
    return ok;
}

bool cl_ruleset_load_rules(cl_ruleset *rs, cl_ydoc *d, yaml_node_t *rules, cl_errors *errs)
{
    if (!cl_ydoc_is_seq(rules)) {
        cl_ydoc_error(d, errs, rules, "'rules' must be a list");
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < cl_ydoc_seq_len(rules); i++)
        ok &= load_rule(rs, d, cl_ydoc_seq_at(d, rules, i), errs);
    return ok;
}

static const macro *find_macro(const cl_ruleset *rs, const char *name, size_t n)
{
    for (size_t i = 0; i < rs->macros.len; i++) {
        const macro *m = rs->macros.items[i];
        if (strlen(m->name) == n && memcmp(m->name, name, n) == 0)
            return m;
    }
    return NULL;
}

/* Where a byte of the expanded pattern came from, to place compile errors. */
typedef struct origin {
    size_t exp_start;   /* first expanded byte of this piece */
    const macro *from;  /* NULL: the pattern itself */
    size_t src_start;   /* offset in the pattern or macro text */
} origin;

typedef struct expansion {
    cl_buf out;
    origin *origins;
    size_t n_origins, cap_origins;
} expansion;

static void add_origin(expansion *x, const macro *from, size_t src_start)
{
    if (x->n_origins == x->cap_origins) {
        x->cap_origins = x->cap_origins ? x->cap_origins * 2 : 16;
        x->origins = cl_realloc(x->origins, x->cap_origins * sizeof *x->origins);
    }
    x->origins[x->n_origins++] = (origin){x->out.len, from, src_start};
}

/* Longest expanded pattern: far above any real one (the shipped pack's
 * longest is a few kilobytes) and far below what a few levels of macros
 * that each use the next one several times would reach (4^16 copies). */
#define MAX_EXPANDED ((size_t)256 * 1024)

/* Expand ${name} references; returns false and sets *problem on an unknown
 * macro, a cycle or an expansion past MAX_EXPANDED. */
static bool expand(const cl_ruleset *rs, const char *text, const macro *self, int depth, expansion *x,
                   char **problem)
{
    if (depth > 16) {
        *problem = cl_strfmt("macros nested too deeply (a cycle through '%s'?)", self ? self->name : "?");
        return false;
    }
    add_origin(x, self, 0);
    for (size_t i = 0; text[i];) {
        if (x->out.len > MAX_EXPANDED) {
            *problem = cl_strfmt("pattern longer than %zu bytes once its macros are expanded (a macro used "
                                 "many times inside another?)",
                                 MAX_EXPANDED);
            return false;
        }
        if (text[i] == '\\' && text[i + 1]) {
            cl_buf_append(&x->out, text + i, 2);
            i += 2;
            continue;
        }
        if (text[i] == '$' && text[i + 1] == '{') {
            const char *end = strchr(text + i + 2, '}');
            if (end) {
                size_t n = (size_t)(end - (text + i + 2));
                const macro *m = find_macro(rs, text + i + 2, n);
                if (!m) {
                    *problem = cl_strfmt("unknown macro '${%.*s}'", (int)n, text + i + 2);
                    return false;
                }
                cl_buf_puts(&x->out, "(?:");
                if (!expand(rs, m->text, m, depth + 1, x, problem))
                    return false;
                cl_buf_puts(&x->out, ")");
                i = (size_t)(end - text) + 1;
                add_origin(x, self, i);
                continue;
            }
        }
        cl_buf_putc(&x->out, text[i]);
        i++;
    }
    return true;
}

static void locate_offset(const expansion *x, size_t off, const cl_pattern *p, const char *file,
                          const char **efile, int *line, int *col, size_t *src_off)
{
    const origin *o = &x->origins[0];
    for (size_t i = 0; i < x->n_origins; i++)
        if (x->origins[i].exp_start <= off)
            o = &x->origins[i];
    *src_off = o->src_start + (off - o->exp_start);
    if (o->from) {
        *efile = o->from->file;
        text_pos(o->from->line, o->from->column, o->from->columns, o->from->lines, o->from->text, *src_off, line,
                 col);
    } else {
        *efile = file;
        text_pos(p->line, p->column, p->columns, p->lines, p->source, *src_off, line, col);
    }
}

/* CJK characters and punctuation: the normaliser removes spaces next to them. */
static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Offset of a literal space next to a CJK character in a pattern, or -1. The
 * text never has one there, so such a pattern silently fails to match. */
static long space_next_to_cjk(const char *s)
{
    size_t n = strlen(s);
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '\\' && i + 1 < n) {
            prev = 0;
            i += 2;
            continue;
        }
        size_t len;
        uint32_t cp = cl_utf8_decode((const unsigned char *)s + i, n - i, &len);
        if (cp == ' ') {
            size_t nl = 0;
            uint32_t next = i + 1 < n ? cl_utf8_decode((const unsigned char *)s + i + 1, n - i - 1, &nl) : 0;
            if (is_cjk(prev) || is_cjk(next))
                return (long)i;
        }
        prev = cp;
        i += len;
    }
    return -1;
}

static bool compile_pattern(cl_ruleset *rs, cl_rule *r, cl_pattern *p, cl_errors *errs)
{
    long sp = space_next_to_cjk(p->source);
    if (sp >= 0) {
        int line, col;
        text_pos(p->line, p->column, p->columns, p->lines, p->source, (size_t)sp, &line, &col);
        cl_errors_add(errs, r->file, line, col,
                      "a space next to a Chinese character never matches: the normaliser removes such spaces "
                      "(docs/normalization.md)");
        return false;
    }
    expansion x = {0};
    char *problem = NULL;
    if (!expand(rs, p->source, NULL, 0, &x, &problem)) {
        cl_errors_add(errs, r->file, p->line, p->column, "%s", problem);
        free(problem);
        cl_buf_free(&x.out);
        free(x.origins);
        return false;
    }
    if (!x.out.data)
        cl_buf_puts(&x.out, "");
    /* Folding keeps byte lengths of Han characters (3 bytes either way), so
     * error offsets stay meaningful except after full-width digits. */
    char *folded = rs->fold ? cl_fold_string(rs->fold, x.out.data, x.out.len) : cl_strdup(x.out.data);
    int ec;
    PCRE2_SIZE eoff;
    p->code = pcre2_compile((PCRE2_SPTR)folded, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES | PCRE2_USE_OFFSET_LIMIT,
                            &ec, &eoff, NULL);
    bool ok = true;
    if (!p->code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        const char *efile;
        int line, col;
        size_t src_off;
        locate_offset(&x, eoff, p, r->file, &efile, &line, &col, &src_off);
        cl_errors_add(errs, efile, line, col, "bad pattern at offset %zu: %s", src_off, (const char *)msg);
        ok = false;
    } else {
        pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter when unavailable */
        cl_pattern_requirements(folded, &p->clauses, &p->n_clauses, &p->max_len);
        uint32_t count = 0, entry_size = 0;
        PCRE2_SPTR table;
        pcre2_pattern_info(p->code, PCRE2_INFO_NAMECOUNT, &count);
        pcre2_pattern_info(p->code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
        pcre2_pattern_info(p->code, PCRE2_INFO_NAMETABLE, &table);
        uint32_t caps = 0;
        pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &caps);
        if (caps + 1 > rs->max_groups)
            rs->max_groups = caps + 1;
        for (uint32_t i = 0; i < count; i++) {
            PCRE2_SPTR e = table + i * entry_size;
            int group = (e[0] << 8) | e[1];
            const char *name = (const char *)(e + 2);
            int k;
            for (k = 0; k < CL_CAP_COUNT; k++)
                if (strcmp(name, cl_cap_names[k]) == 0)
                    break;
            if (k == CL_CAP_COUNT) {
                if (name[0] != '_') {
                    cl_errors_add(errs, r->file, p->line, p->column,
                                  "unknown capture '%s' in rule '%s' (known: value, date, qual, name, body, "
                                  "part, whole, ratio, a, b, total; helper groups start with '_')",
                                  name, r->id);
                    ok = false;
                }
                continue;
            }
            int *g = p->groups[k], n = 0;
            while (g[n])
                n++;
            if (n == CL_MAX_DUP) {
                cl_errors_add(errs, r->file, p->line, p->column,
                              "capture '%s' appears more than %d times in one pattern", name, CL_MAX_DUP);
                ok = false;
            } else {
                g[n] = group;
            }
        }
        unsigned have = 0;
        for (int k = 0; k < CL_CAP_COUNT; k++)
            if (p->groups[k][0])
                have |= 1u << k;
        unsigned need = cl_rule_needs(r, have);
        for (int k = 0; k < CL_CAP_COUNT; k++) {
            if ((need & (1u << k)) && !p->groups[k][0]) {
                cl_errors_add(errs, r->file, p->line, p->column,
                              "pattern of rule '%s' lacks the capture (?<%s>...) that a %s check needs", r->id,
                              cl_cap_names[k], cl_check_names[r->check]);
                ok = false;
            }
        }
    }
    p->expanded = folded;
    cl_buf_free(&x.out);
    free(x.origins);
    return ok;
}

static bool has_event(const cl_fact *f, const char *name)
{
    for (size_t i = 0; i < f->n_events; i++)
        if (strcmp(f->events[i].name, name) == 0)
            return true;
    return false;
}

bool cl_ruleset_finish(cl_ruleset *rs, const cl_reftable *ref, cl_errors *errs)
{
    bool ok = true;
    for (size_t i = 0; i < rs->rules.len; i++) {
        cl_rule *r = rs->rules.items[i];
        for (size_t k = 0; k < r->n_patterns; k++) {
            ok &= compile_pattern(rs, r, &r->patterns[k], errs);
            r->patterns[k].index = rs->n_patterns++;
            r->patterns[k].first_clause = rs->n_clauses;
            rs->n_clauses += r->patterns[k].n_clauses;
        }
        r->fact = cl_reftable_find(ref, r->fact_key);
        static const cl_fact_type want[CL_CHECK_COUNT] = {
            [CL_CHECK_VALUE] = CL_FACT_QUANTITY, [CL_CHECK_DATE] = CL_FACT_EVENT,
            [CL_CHECK_NAME] = CL_FACT_NAME,      [CL_CHECK_RATIO] = CL_FACT_QUANTITY,
            [CL_CHECK_PRODUCT] = CL_FACT_QUANTITY, [CL_CHECK_SHARE] = CL_FACT_QUANTITY};
        static const char *const type_words[] = {"a quantity", "an event", "a name"};
        if (!r->fact && (r->check == CL_CHECK_DATE || r->check == CL_CHECK_NAME)) {
            cl_errors_add(errs, r->file, r->line, r->column, "rule '%s' names unknown fact '%s'", r->id,
                          r->fact_key);
            ok = false;
        } else if (r->fact && r->fact->type != want[r->check]) {
            cl_errors_add(errs, r->file, r->line, r->column, "rule '%s': fact '%s' is %s, a %s check needs %s",
                          r->id, r->fact_key, type_words[r->fact->type], cl_check_names[r->check],
                          type_words[want[r->check]]);
            ok = false;
        }
        if (r->fact && r->fact->type == CL_FACT_QUANTITY && r->unit && strcmp(r->unit, r->fact->unit) != 0 &&
            r->check == CL_CHECK_VALUE) {
            cl_errors_add(errs, r->file, r->line, r->column,
                          "rule '%s' expects unit '%s' but fact '%s' is in '%s'", r->id,
                          r->unit[0] ? r->unit : "none", r->fact_key, r->fact->unit[0] ? r->fact->unit : "none");
            ok = false;
        }
        if (r->of_key) {
            r->of = cl_reftable_find(ref, r->of_key);
            if (!r->of || r->of->type != CL_FACT_QUANTITY) {
                cl_errors_add(errs, r->file, r->line, r->column,
                              "rule '%s': 'of' names %s fact '%s'", r->id, r->of ? "a non-quantity" : "unknown",
                              r->of_key);
                ok = false;
            }
        }
        if (r->fact && r->check == CL_CHECK_DATE) {
            for (size_t k = 0; k < r->n_events; k++)
                if (!has_event(r->fact, r->events[k])) {
                    cl_errors_add(errs, r->file, r->line, r->column, "rule '%s': fact '%s' has no event '%s'",
                                  r->id, r->fact_key, r->events[k]);
                    ok = false;
                }
            for (size_t p = 0; p < r->n_patterns; p++)
                for (size_t k = 0; k < r->patterns[p].n_events; k++)
                    if (!has_event(r->fact, r->patterns[p].events[k])) {
                        cl_errors_add(errs, r->file, r->patterns[p].line, r->patterns[p].column,
                                      "rule '%s': fact '%s' has no event '%s'", r->id, r->fact_key,
                                      r->patterns[p].events[k]);
                        ok = false;
                    }
        }
    }
    return ok;
}

size_t cl_ruleset_count(const cl_ruleset *rs)
{
    return rs ? rs->rules.len : 0;
}

const cl_rule *cl_ruleset_at(const cl_ruleset *rs, size_t i)
{
    return rs->rules.items[i];
}

const cl_rule *cl_ruleset_find(const cl_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->rules.len; i++)
        if (strcmp(((cl_rule *)rs->rules.items[i])->id, id) == 0)
            return rs->rules.items[i];
    return NULL;
}

cl_rule *cl_ruleset_find_mutable(cl_ruleset *rs, const char *id)
{
    return (cl_rule *)cl_ruleset_find(rs, id);
}

size_t cl_ruleset_pattern_count(const cl_ruleset *rs)
{
    return rs->n_patterns;
}

size_t cl_ruleset_clause_count(const cl_ruleset *rs)
{
    return rs->n_clauses;
}

void cl_clauses_free(cl_clause *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        for (size_t k = 0; k < c[i].n; k++)
            free(c[i].strs[k]);
        free(c[i].strs);
    }
    free(c);
}

uint32_t cl_ruleset_max_groups(const cl_ruleset *rs)
{
    return rs->max_groups ? rs->max_groups : 1;
}

const char *cl_severity_name(cl_severity_level s)
{
    static const char *const names[] = {"note", "warning", "error"};
    return names[s];
}
