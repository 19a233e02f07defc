/* Checking documents. A worker checks one document on its own (normalise,
 * match, the checks that need nothing but the document) and yields a
 * partial; workers share only the engine, so they run in parallel. A
 * session then finishes partials one by one in path order: the checks
 * against earlier documents, the inline directives, the sort. Files too big
 * to hold are read in pieces at line breaks, with memory bounded. */
#include "claimlint.h"

#include "api/internal.h"
#include "api/partial.h"
#include "base/base.h"
#include "check/check.h"
#include "match/match.h"
#include "text/text.h"
#include "value/value.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Plain-text files larger than this are read in pieces of about CL_PIECE bytes. */
#define CL_PIECE_THRESHOLD (64u << 20)
#define CL_PIECE (32u << 20)

struct cl_worker {
    const cl_engine *e;
    cl_session_options opts;
    cl_date date;
    bool has_date;
    cl_matcher *matcher;
};


struct cl_session {
    const cl_engine *e;
    cl_session_options opts;
    cl_worker *own;
    cl_store *store;
};

const char *cl_version(void)
{
    return CL_VERSION;
}

/* ---- Workers ---------------------------------------------------------------- */

cl_worker *cl_worker_new(const cl_engine *e, const cl_session_options *opts)
{
    cl_worker *w = cl_calloc(1, sizeof *w);
    w->e = e;
    if (opts)
        w->opts = *opts;
    else
        w->opts.cross_document = true;
    if (w->opts.date && cl_date_parse(w->opts.date, strlen(w->opts.date), NULL, &w->date))
        w->has_date = true;
    w->matcher = cl_matcher_new(cl_ruleset_max_groups(cl_engine_rules(e)));
    return w;
}

void cl_worker_free(cl_worker *w)
{
    if (!w)
        return;
    cl_matcher_free(w->matcher);
    free(w);
}

static void free_claim_info(cl_claim_info *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].rule), free(c[i].fact), free(c[i].check), free(c[i].text), free(c[i].qualifier);
        free(c[i].value), free(c[i].interval), free(c[i].unit), free(c[i].date);
    }
    free(c);
}

void cl_partial_free(cl_partial *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->diags.len; i++)
        cl_diag_clear(&p->diags.items[i]);
    free(p->diags.items);
    cl_kept_list_free(&p->kept);
    cl_directives_free(&p->dirs);
    free_claim_info(p->claims, p->n_info);
    free(p->file);
    free(p->encoding);
    free(p);
}

static const char *limit_words(int code)
{
    switch (code) {
    case PCRE2_ERROR_MATCHLIMIT: return "match limit";
    case PCRE2_ERROR_DEPTHLIMIT: return "depth limit";
    case PCRE2_ERROR_HEAPLIMIT: return "heap limit";
    case PCRE2_ERROR_JIT_STACKLIMIT: return "JIT stack limit";
    default: return "memory limit";
    }
}

static const cl_cap anchor_caps[CL_CHECK_COUNT] = {
    [CL_CHECK_VALUE] = CL_CAP_VALUE, [CL_CHECK_DATE] = CL_CAP_DATE,   [CL_CHECK_NAME] = CL_CAP_NAME,
    [CL_CHECK_RATIO] = CL_CAP_RATIO, [CL_CHECK_PRODUCT] = CL_CAP_TOTAL, [CL_CHECK_SHARE] = CL_CAP_RATIO};

static void describe_claims(cl_partial *p, const cl_claims *claims, const cl_text *text, const cl_lines *lines,
                            const char *orig, cl_column_unit unit, size_t base)
{
    static const char *const origins[] = {"none", "text", "document"};
    if (p->n_info + claims->len > p->cap_info) {
        p->cap_info = (p->n_info + claims->len) * 2 + 8;
        p->claims = cl_realloc(p->claims, p->cap_info * sizeof *p->claims);
    }
    for (size_t i = 0; i < claims->len; i++) {
        const cl_claim *c = &claims->items[i];
        cl_claim_info *o = &p->claims[p->n_info++];
        memset(o, 0, sizeof *o);
        o->rule = cl_strdup(c->rule->id);
        o->fact = cl_strdup(c->rule->fact_key);
        o->check = cl_strdup(cl_check_names[c->rule->check]);
        o->offset = text->map[c->anchor.start];
        o->end_offset = cl_text_orig_end(text, c->anchor.end);
        if (o->end_offset < o->offset)
            o->end_offset = o->offset;
        cl_lines_locate(lines, o->offset, unit, &o->line, &o->column);
        cl_lines_locate(lines, o->end_offset, unit, &o->end_line, &o->end_column);
        o->text = cl_text_visible(orig + o->offset, o->end_offset - o->offset);
        o->offset += base;
        o->end_offset += base;
        cl_cap a = anchor_caps[c->rule->check];
        if (cl_cap_is_quantity(a) && (c->have & (1u << a))) {
            char buf[128];
            cl_rat_format(c->qty[a].value, 12, buf, sizeof buf);
            o->value = cl_strdup(buf);
            cl_interval_format(&c->qty[a].range, buf, sizeof buf);
            o->interval = cl_strdup(buf);
            o->unit = cl_strdup(c->qty[a].unit);
            o->qualifier = cl_strdup(cl_qual_words(c->qty[a].qual));
        } else {
            o->unit = cl_strdup("");
            o->qualifier = cl_strdup("");
        }
        if (c->date_origin != CL_DATE_NONE) {
            char buf[64];
            cl_date_format(&c->date, buf, sizeof buf);
            o->date = cl_strdup(buf);
        }
        o->date_origin = origins[c->date_origin];
    }
}

/* The directives of raw[0..len) into p->dirs, but for those in a code block
 * (code: n_code byte ranges of raw): a Markdown article that shows
 * `claimlint-disable` in a code block is quoting it, not silencing itself. */
static void read_directives(cl_partial *p, const char *raw, size_t len, const cl_lines *lines, cl_column_unit unit,
                            size_t base, const size_t *code, size_t n_code)
{
    cl_directives found = {0};
    cl_directives_parse(&found, raw, len, lines, unit, base);
    for (size_t i = 0; i < found.len; i++) {
        cl_directive *d = &found.items[i];
        bool quoted = false;
        for (size_t k = 0; k < n_code && !quoted; k++)
            quoted = d->offset - base >= code[2 * k] && d->offset - base < code[2 * k + 1];
        if (!quoted) {
            cl_directives_push(&p->dirs, *d);
            continue;
        }
        for (size_t r = 0; r < d->n_rules; r++)
            free(d->rules[r]);
        free(d->rules);
    }
    free(found.items);
}

/* One piece of a document (the whole of it, unless it is huge): raw is the
 * text as written (positions refer to it), extracted the same bytes with the
 * markup blanked; both len bytes, starting at line first_line + 1 and byte
 * base of the file; code: the code blocks of raw (n_code ranges). */
static void check_piece(cl_worker *w, cl_partial *p, const char *raw, const char *extracted, size_t len,
                        int first_line, size_t base, const cl_date *doc_date, cl_doc_state *state,
                        const size_t *code, size_t n_code)
{
    cl_column_unit unit = (cl_column_unit)w->opts.columns;
    const cl_ruleset *rs = cl_engine_rules(w->e);
    cl_text text = {0};
    cl_lines lines;
    cl_lines_init(&lines, raw, len);
    lines.first_line = first_line;
    if (!cl_text_normalize(&text, extracted, len, cl_engine_fold(w->e))) {
        cl_diag *d = cl_diags_push(&p->diags);
        d->file = cl_strdup(p->file);
        d->severity = CL_SEVERITY_ERROR;
        d->message = cl_strdup("file too large to check (4 GiB or more in one piece)");
        p->failed = true;
        cl_lines_free(&lines);
        return;
    }
    if (text.n_invalid > 0) {
        if (p->n_invalid == 0) {
            p->invalid_offset = base + text.invalid[0];
            p->invalid_byte = (unsigned char)raw[text.invalid[0]];
            cl_lines_locate(&lines, text.invalid[0], unit, &p->invalid_line, &p->invalid_column);
            cl_lines_locate(&lines, text.invalid[0] + 1, unit, &p->invalid_end_line, &p->invalid_end_column);
        }
        p->n_invalid += text.n_invalid;
    }
    cl_claims claims = {0};
    cl_limit_hit *hits = NULL;
    size_t n_hits = 0;
    cl_matcher_run(w->matcher, rs, cl_engine_prefilter(w->e), &text, doc_date, &claims, &hits, &n_hits);
    p->n_claims += claims.len;
    for (size_t i = 0; i < n_hits; i++) {
        const cl_limit_hit *h = &hits[i];
        cl_diag *d = cl_diags_push(&p->diags);
        d->file = cl_strdup(p->file);
        size_t off = text.map[h->offset];
        cl_lines_locate(&lines, off, unit, &d->line, &d->column);
        d->end_line = d->line, d->end_column = d->column;
        d->offset = d->end_offset = base + off;
        d->severity = CL_SEVERITY_ERROR;
        d->rule = cl_strdup(h->rule->id);
        d->message = cl_strfmt("%s hit by a pattern of rule '%s'; the rule was not checked on the rest of this file",
                               limit_words(h->code), h->rule->id);
        cl_diag_add_note(d, h->rule->file, h->pattern->line, h->pattern->column,
                         "the pattern (simplify it, or make it fail sooner)");
        p->failed = true;
    }
    free(hits);
    if (w->opts.claims)
        describe_claims(p, &claims, &text, &lines, extracted, unit, base);
    cl_doc doc = {p->file, extracted, len, &text, &lines, unit, &claims, doc_date != NULL, base};
    cl_check_document_part(rs, cl_engine_reftable(w->e), &doc, w->opts.verbose, &p->diags, &p->kept, state);
    /* Directives are read from the text as written: an HTML comment is
     * blanked in the extracted copy. */
    read_directives(p, raw, len, &lines, unit, base, code, n_code);
    cl_claims_free(&claims);
    cl_text_free(&text);
    cl_lines_free(&lines);
}

static void finish_invalid(cl_partial *p)
{
    if (p->n_invalid == 0)
        return;
    cl_diag *d = cl_diags_push(&p->diags);
    d->file = cl_strdup(p->file);
    d->offset = p->invalid_offset;
    d->end_offset = p->invalid_offset + 1;
    d->line = p->invalid_line, d->column = p->invalid_column;
    d->end_line = p->invalid_end_line, d->end_column = p->invalid_end_column;
    d->severity = CL_SEVERITY_WARNING;
    d->message = cl_strfmt("invalid UTF-8: byte 0x%02X%s replaced with U+FFFD; the rest of the file is checked",
                           p->invalid_byte, p->n_invalid > 1 ? " and others" : "");
    if (p->n_invalid > 1) {
        char *m = cl_strfmt("%zu invalid bytes in all", p->n_invalid);
        cl_diag_add_note(d, p->file, 0, 0, m);
        free(m);
    }
}

/* A file of another kind than text: a known binary signature, or many
 * control bytes at its start. A stray NUL in a text file does not count. */
static bool looks_binary(const char *data, size_t len)
{
    static const struct { const char *magic; size_t n; } sigs[] = {
        {"\x89PNG", 4}, {"\xFF\xD8\xFF", 3}, {"GIF8", 4}, {"%PDF", 4}, {"PK\x03\x04", 4}, {"\x7F" "ELF", 4},
        {"\x1F\x8B", 2}, {"BZh", 3}, {"\xFD" "7zXZ", 5}};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (len >= sigs[i].n && memcmp(data, sigs[i].magic, sigs[i].n) == 0)
            return true;
    size_t n = len < 8192 ? len : 8192, control = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B)
            control++;
    }
    return n > 0 && control * 10 > n;
}

static void skip_binary(cl_partial *p)
{
    cl_diag *d = cl_diags_push(&p->diags);
    d->file = cl_strdup(p->file);
    d->severity = CL_SEVERITY_NOTE;
    d->message = cl_strdup("binary file skipped");
}

_Static_assert((int)CL_INPUT_AUTO == (int)CL_MARKUP_AUTO && (int)CL_INPUT_TEXT == (int)CL_MARKUP_TEXT &&
                   (int)CL_INPUT_MARKDOWN == (int)CL_MARKUP_MARKDOWN && (int)CL_INPUT_HTML == (int)CL_MARKUP_HTML,
               "cl_input_format and cl_markup must agree");

cl_partial *cl_partial_new(const char *name)
{
    cl_partial *p = cl_calloc(1, sizeof *p);
    p->file = cl_strdup(name);
    return p;
}

cl_partial *cl_worker_check(cl_worker *w, const char *name, const char *data, size_t len,
                            const cl_doc_options *opts)
{
    cl_partial *p = cl_partial_new(name);
    p->bytes = len;
    if (looks_binary(data, len)) {
        skip_binary(p);
        return p;
    }
    /* Decode and extract (text layer): positions refer to in.text, the
     * normaliser reads in.extracted. */
    cl_input in;
    cl_input_open(&in, name, data, len, opts ? (cl_markup)opts->format : CL_MARKUP_AUTO, opts ? opts->encoding : NULL,
                  (cl_column_unit)w->opts.columns);
    static const cl_severity severities[] = {CL_SEVERITY_ERROR, CL_SEVERITY_WARNING, CL_SEVERITY_NOTE};
    for (size_t i = 0; i < in.n_notices; i++) {
        const cl_notice *n = &in.notices[i];
        if (n->kind == CL_NOTICE_REMARK && !w->opts.verbose)
            continue;
        cl_diag *d = cl_diags_push(&p->diags);
        d->file = cl_strdup(name);
        d->offset = d->end_offset = n->offset;
        d->line = d->end_line = n->line;
        d->column = d->end_column = n->column;
        d->severity = severities[n->kind];
        d->message = cl_strdup(n->message);
        d->remark = n->kind == CL_NOTICE_REMARK;
    }
    p->encoding = in.encoding ? cl_strdup(in.encoding) : NULL;
    if (in.failed) {
        p->failed = true;
        cl_input_free(&in);
        return p;
    }
    /* The document's own date (front matter, <meta>) before the session's. */
    cl_date own;
    const cl_date *doc_date = w->has_date ? &w->date : NULL;
    if (in.date[0] && cl_date_parse(in.date, strlen(in.date), NULL, &own))
        doc_date = &own;
    cl_doc_state *state = cl_doc_state_new();
    check_piece(w, p, in.text, in.extracted, in.len, 0, 0, doc_date, state, in.code, in.n_code);
    cl_doc_state_free(state);
    finish_invalid(p);
    cl_input_free(&in);
    return p;
}

/* A huge plain-text file, in pieces that end at a line break: memory stays
 * bounded whatever the file's size. */
static cl_partial *check_in_pieces(cl_worker *w, int fd, const char *name)
{
    cl_partial *p = cl_partial_new(name);
    cl_doc_state *state = cl_doc_state_new();
    char *buf = cl_malloc(CL_PIECE + 1);
    size_t have = 0, base = 0;
    int first_line = 0;
    bool eof = false, first = true;
    while (!eof || have > 0) {
        while (!eof && have < CL_PIECE) {
            ssize_t n = read(fd, buf + have, CL_PIECE - have);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                cl_diag *d = cl_diags_push(&p->diags);
                d->file = cl_strdup(name);
                d->severity = CL_SEVERITY_ERROR;
                d->message = cl_strfmt("cannot read: %s", strerror(errno));
                p->failed = true;
                eof = true;
                have = 0;
                break;
            }
            if (n == 0)
                eof = true;
            have += (size_t)n;
        }
        if (have == 0)
            break;
        if (first && looks_binary(buf, have)) {
            skip_binary(p);
            break;
        }
        first = false;
        /* Up to the last line break (or everything at the end of the file). */
        size_t cut = have;
        if (!eof) {
            char *nl = NULL;
            for (size_t i = have; i > 0; i--)
                if (buf[i - 1] == '\n') {
                    nl = buf + i;
                    break;
                }
            cut = nl ? (size_t)(nl - buf) : have; /* a line longer than a piece is cut where it is */
        }
        const cl_date *doc_date = w->has_date ? &w->date : NULL;
        check_piece(w, p, buf, buf, cut, first_line, base, doc_date, state, NULL, 0);
        for (size_t i = 0; i < cut; i++)
            first_line += buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= cut || buf[i + 1] != '\n'));
        base += cut;
        memmove(buf, buf + cut, have - cut);
        have -= cut;
    }
    p->bytes = base;
    free(buf);
    cl_doc_state_free(state);
    finish_invalid(p);
    return p;
}

static char *read_fd(int fd, size_t *len, int *err)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = cl_malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = cl_realloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = errno;
            free(buf);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

cl_partial *cl_worker_check_file(cl_worker *w, const char *path, const char *name, const cl_doc_options *opts)
{
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY);
    if (fd < 0) {
        cl_partial *p = cl_partial_new(name);
        cl_diag *d = cl_diags_push(&p->diags);
        d->file = cl_strdup(name);
        d->severity = CL_SEVERITY_ERROR;
        d->message = cl_strfmt("cannot open: %s", strerror(errno));
        p->failed = true;
        return p;
    }
    struct stat st;
    cl_input_format f = opts ? opts->format : CL_INPUT_AUTO;
    bool plain = f == CL_INPUT_TEXT || (f == CL_INPUT_AUTO && cl_markup_for_name(name) == CL_MARKUP_TEXT);
    if (!is_stdin && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > CL_PIECE_THRESHOLD &&
        plain && !(opts && opts->encoding)) {
        cl_partial *p = check_in_pieces(w, fd, name);
        close(fd);
        return p;
    }
    size_t len = 0;
    int err = 0;
    char *data = read_fd(fd, &len, &err);
    if (!is_stdin)
        close(fd);
    if (!data) {
        cl_partial *p = cl_partial_new(name);
        cl_diag *d = cl_diags_push(&p->diags);
        d->file = cl_strdup(name);
        d->severity = CL_SEVERITY_ERROR;
        d->message = cl_strfmt("cannot read: %s", strerror(err));
        p->failed = true;
        return p;
    }
    cl_partial *p = cl_worker_check(w, name, data, len, opts);
    free(data);
    return p;
}

/* ---- Sessions ------------------------------------------------------------------ */

cl_session *cl_session_new(const cl_engine *e, const cl_session_options *opts)
{
    cl_session *s = cl_calloc(1, sizeof *s);
    s->e = e;
    if (opts)
        s->opts = *opts;
    else
        s->opts.cross_document = true;
    s->own = cl_worker_new(e, &s->opts);
    s->store = cl_store_new(cl_engine_reftable(e));
    return s;
}

void cl_session_free(cl_session *s)
{
    if (!s)
        return;
    cl_worker_free(s->own);
    cl_store_free(s->store);
    free(s);
}

cl_report *cl_session_finish(cl_session *s, cl_partial *p)
{
    cl_diags out = p->diags;
    memset(&p->diags, 0, sizeof p->diags);
    if (s->opts.cross_document)
        cl_store_check_and_add(s->store, p->file, &p->kept, &out);
    cl_directives_apply(&out, &p->dirs, p->file, cl_engine_rules(s->e), s->opts.report_unused_suppressions);
    cl_diags_sort(&out);
    cl_report *r = cl_calloc(1, sizeof *r);
    r->file = p->file;
    p->file = NULL;
    r->diags = out.items;
    r->n_diags = out.len;
    r->failed = p->failed;
    r->n_claims = p->n_claims;
    r->bytes = p->bytes;
    r->encoding = p->encoding;
    p->encoding = NULL;
    if (s->opts.claims) {
        r->claims = p->claims;
        p->claims = NULL;
        r->n_claims = p->n_info;
    }
    cl_partial_free(p);
    return r;
}

size_t cl_session_claims_kept(const cl_session *s)
{
    return cl_store_claims(s->store);
}

cl_report *cl_session_check_doc(cl_session *s, const char *name, const char *data, size_t len,
                                const cl_doc_options *opts)
{
    return cl_session_finish(s, cl_worker_check(s->own, name, data, len, opts));
}

cl_report *cl_session_check(cl_session *s, const char *name, const char *data, size_t len)
{
    return cl_session_check_doc(s, name, data, len, NULL);
}

void cl_report_free(cl_report *r)
{
    if (!r)
        return;
    free_claim_info(r->claims, r->claims ? r->n_claims : 0);
    for (size_t i = 0; i < r->n_diags; i++)
        cl_diag_clear(&r->diags[i]);
    free(r->diags);
    free(r->file);
    free(r->encoding);
    free(r);
}
