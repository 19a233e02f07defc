/* Required literals of a pattern: a set of strings such that every match
 * contains at least one of them (or "none known"). The matcher runs a pattern
 * only on lines holding one of its literals, found for all patterns at once in
 * one pass, so most text is never handed to PCRE2. The analysis reads the
 * PCRE2 syntax the pack uses conservatively: anything it does not understand
 * makes the requirement unknown, which only costs speed, never a match. */
#include "data/rules.h"

#include <stdlib.h>
#include <string.h>

/* A requirement: every clause must hold, and a clause holds when the match
 * contains one of its strings. No clause: nothing known. */
typedef struct clause {
    char **strs;
    size_t n;
} clause;

typedef struct req {
    clause *c;
    size_t n;
} req;

static req req_any(void)
{
    return (req){NULL, 0};
}

static void clause_free(clause *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->strs[i]);
    free(c->strs);
    c->strs = NULL;
    c->n = 0;
}

static void req_free(req *r)
{
    for (size_t i = 0; i < r->n; i++)
        clause_free(&r->c[i]);
    free(r->c);
    r->c = NULL;
    r->n = 0;
}

static void clause_add(clause *c, const char *s, size_t n)
{
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->strs[i]) == n && memcmp(c->strs[i], s, n) == 0)
            return;
    c->strs = cl_realloc(c->strs, (c->n + 1) * sizeof *c->strs);
    c->strs[c->n++] = cl_strndup(s, n);
}

/* How selective a clause is: its shortest string, in bytes. */
static size_t clause_score(const clause *c)
{
    if (c->n == 0 || c->n > 24)
        return 0; /* many alternatives cost more to look for and prove less */
    size_t best = (size_t)-1;
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->strs[i]) < best)
            best = strlen(c->strs[i]);
    return best;
}

/* Whether a clause is worth looking for: strings of two bytes or more, or
 * single ASCII punctuation characters ("(", "%"), rare enough in prose to
 * keep a pattern off most lines. A single letter or digit proves too little. */
static bool clause_usable(const clause *c)
{
    size_t score = clause_score(c);
    if (score >= 2)
        return true;
    if (score == 0)
        return false;
    for (size_t i = 0; i < c->n; i++) {
        unsigned char b = (unsigned char)c->strs[i][0];
        if (c->strs[i][1] == '\0' && !(b > 0x20 && b < 0x7F && !(b >= '0' && b <= '9') &&
                                       !((b | 0x20) >= 'a' && (b | 0x20) <= 'z')))
            return false;
    }
    return true;
}

/* Move clause c into r (unless it proves too little: dropped). */
static void req_push(req *r, clause c)
{
    if (!clause_usable(&c)) {
        clause_free(&c);
        return;
    }
    r->c = cl_realloc(r->c, (r->n + 1) * sizeof *r->c);
    r->c[r->n++] = c;
}

/* Move every clause of src into dst. */
static void req_join(req *dst, req *src)
{
    for (size_t i = 0; i < src->n; i++)
        req_push(dst, src->c[i]);
    free(src->c);
    src->c = NULL;
    src->n = 0;
}

static size_t req_best(const req *r)
{
    size_t best = 0, score = 0;
    for (size_t i = 0; i < r->n; i++) {
        size_t sc = clause_score(&r->c[i]);
        if (sc > score)
            score = sc, best = i;
    }
    return best;
}

typedef struct parser {
    const char *s;
    size_t i, n;
    bool caseless;
    int depth;
    bool failed; /* syntax we do not follow: give up, keep everything */
} parser;

/* Lengths in bytes; UNBOUNDED for repeated groups and anything not followed. */
#define UNBOUNDED ((size_t)-1)
#define REPEAT_CAP 128

static size_t add_len(size_t a, size_t b)
{
    return a == UNBOUNDED || b == UNBOUNDED || a + b > (1u << 20) ? UNBOUNDED : a + b;
}

static size_t mul_len(size_t a, long times)
{
    if (times < 0 || a == UNBOUNDED)
        return a == 0 ? 0 : UNBOUNDED;
    if (a != 0 && (size_t)times > (1u << 20) / a)
        return UNBOUNDED;
    return a * (size_t)times;
}

static req parse_alt(parser *p, size_t *max);

/* Length of the UTF-8 character at p->s[i]. */
static size_t char_len(const parser *p)
{
    unsigned char c = (unsigned char)p->s[p->i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return p->i + len <= p->n ? len : 1;
}

/* Skip a quantifier if one follows; return its minimum count (1 if none)
 * and set *max to its maximum (-1: unbounded). */
static long quantifier(parser *p, long *max)
{
    long min = 1;
    *max = 1;
    if (p->i >= p->n)
        return 1;
    char c = p->s[p->i];
    if (c == '?' || c == '*') {
        min = 0;
        *max = c == '?' ? 1 : -1;
        p->i++;
    } else if (c == '+') {
        min = 1;
        *max = -1;
        p->i++;
    } else if (c == '{') {
        size_t j = p->i + 1;
        long lo = 0, hi = -1;
        bool digits = false;
        while (j < p->n && p->s[j] >= '0' && p->s[j] <= '9' && lo < 100000)
            lo = lo * 10 + (p->s[j++] - '0'), digits = true;
        if (!digits)
            return 1; /* a literal brace */
        if (j < p->n && p->s[j] == '}') {
            hi = lo;
        } else if (j < p->n && p->s[j] == ',') {
            j++;
            bool hd = false;
            long h = 0;
            while (j < p->n && p->s[j] >= '0' && p->s[j] <= '9' && h < 100000)
                h = h * 10 + (p->s[j++] - '0'), hd = true;
            hi = hd ? h : -1;
        }
        if (j >= p->n || p->s[j] != '}')
            return 1;
        p->i = j + 1;
        min = lo;
        *max = hi;
    } else {
        return 1;
    }
    if (p->i < p->n && (p->s[p->i] == '?' || p->s[p->i] == '+'))
        p->i++; /* lazy or possessive */
    return min;
}

/* One item of a sequence. Sets lit and lit_len when it is a single literal
 * character, else returns its requirement. */
static req parse_item(parser *p, const char **lit, size_t *lit_len, bool *zero_width, size_t *max)
{
    *lit = NULL;
    *lit_len = 0;
    *zero_width = false;
    *max = 4; /* one character of any width, unless found otherwise */
    char c = p->s[p->i];
    if (c == '(') {
        p->i++;
        bool lookaround = false;
        if (p->i < p->n && p->s[p->i] == '*') {
            p->failed = true; /* (*VERB) */
            *max = UNBOUNDED;
            return req_any();
        }
        if (p->i < p->n && p->s[p->i] == '?') {
            p->i++;
            char k = p->i < p->n ? p->s[p->i] : 0;
            if (k == ':' || k == '>' || k == '|') {
                p->i++;
            } else if (k == '=' || k == '!') {
                p->i++;
                lookaround = true;
            } else if (k == '<' && p->i + 1 < p->n && (p->s[p->i + 1] == '=' || p->s[p->i + 1] == '!')) {
                p->i += 2;
                lookaround = true;
            } else if (k == '<' || k == 'P' || k == '\'') {
                /* a named group: skip the name */
                while (p->i < p->n && p->s[p->i] != '>' && p->s[p->i] != '\'')
                    p->i++;
                p->i++;
            } else if (k == '#') {
                while (p->i < p->n && p->s[p->i] != ')')
                    p->i++;
                p->i++;
                *zero_width = true;
                *max = 0;
                return req_any();
            } else {
                /* inline options: (?i) or (?i:...) */
                size_t j = p->i;
                bool i_on = false;
                while (j < p->n && p->s[j] != ')' && p->s[j] != ':') {
                    if (p->s[j] == 'i')
                        i_on = true;
                    j++;
                }
                if (i_on)
                    p->caseless = true; /* conservative: stays on */
                if (j < p->n && p->s[j] == ')') {
                    p->i = j + 1;
                    *zero_width = true;
                    *max = 0;
                    return req_any();
                }
                p->i = j + 1;
            }
        }
        if (++p->depth > 64) {
            p->failed = true;
            *max = UNBOUNDED;
            return req_any();
        }
        req r = parse_alt(p, max);
        p->depth--;
        if (p->i >= p->n || p->s[p->i] != ')') {
            p->failed = true;
            req_free(&r);
            *max = UNBOUNDED;
            return req_any();
        }
        p->i++;
        if (lookaround) {
            req_free(&r);
            *zero_width = true;
            *max = 0;
            return req_any();
        }
        return r;
    }
    if (c == '[') {
        p->i++;
        size_t first = p->i;
        if (p->i < p->n && p->s[p->i] == '^')
            p->i++;
        if (p->i < p->n && p->s[p->i] == ']')
            p->i++;
        bool ascii = true;
        if (p->s[p->i - 1] == '^')
            ascii = false;
        /* A short class of plain characters, [（(] or [%％], requires one of
         * them: a clause. Negation, ranges, escapes, POSIX classes and
         * letters under (?i) are not followed. */
        bool plain = p->i == first;
        clause members = {NULL, 0};
        for (size_t j = p->i; plain && j < p->n && p->s[j] != ']';) {
            unsigned char m = (unsigned char)p->s[j];
            size_t len = m < 0x80 ? 1 : m < 0xE0 ? 2 : m < 0xF0 ? 3 : 4;
            bool letter = (m | 0x20) >= 'a' && (m | 0x20) <= 'z';
            if (m == '\\' || m == '-' || m == '[' || (p->caseless && letter) || j + len > p->n || members.n == 8)
                plain = false;
            else
                clause_add(&members, p->s + j, len);
            j += len;
        }
        while (p->i < p->n && p->s[p->i] != ']') {
            if ((unsigned char)p->s[p->i] >= 0x80)
                ascii = false;
            if (p->s[p->i] == '\\') {
                p->i++;
                ascii = false; /* \d, \p{..} and the like may be wide */
            }
            else if (p->s[p->i] == '[' && p->i + 1 < p->n && p->s[p->i + 1] == ':') {
                const char *end = strstr(p->s + p->i, ":]");
                if (end)
                    p->i = (size_t)(end - p->s) + 1;
            }
            p->i++;
        }
        p->i++;
        *max = ascii ? 1 : 4;
        req r = req_any();
        if (plain && members.n > 0)
            req_push(&r, members);
        else
            clause_free(&members);
        return r;
    }
    if (c == '\\') {
        p->i++;
        if (p->i >= p->n) {
            p->failed = true;
            return req_any();
        }
        char e = p->s[p->i];
        if (strchr("bBAzZG", e)) {
            p->i++;
            *zero_width = true;
            *max = 0;
            return req_any();
        }
        if (strchr("dDwWsShHvVNRX", e)) {
            p->i++;
            return req_any();
        }
        if (e == 'p' || e == 'P' || e == 'x' || e == 'o' || e == 'g' || e == 'k' || e == 'Q' || e == 'E' ||
            e == 'c' || (e >= '0' && e <= '9')) {
            /* properties, code points, back references, quoting: not followed */
            if (p->i + 1 < p->n && p->s[p->i + 1] == '{') {
                while (p->i < p->n && p->s[p->i] != '}')
                    p->i++;
            }
            p->i++;
            if (e == 'Q' || e == 'E' || e == 'g' || e == 'k' || (e >= '1' && e <= '9'))
                p->failed = true; /* quoting and back references: not followed */
            return req_any();
        }
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
            p->i++; /* \n \t and friends: a character we do not track */
            return req_any();
        }
        *lit = p->s + p->i; /* an escaped punctuation character */
        *lit_len = 1;
        *max = 1;
        p->i++;
        return req_any();
    }
    if (c == '.') {
        p->i++;
        return req_any();
    }
    if (c == '^' || c == '$') {
        p->i++;
        *zero_width = true;
        *max = 0;
        return req_any();
    }
    size_t len = char_len(p);
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    *max = len;
    if (p->caseless && letter) {
        p->i += len;
        return req_any();
    }
    *lit = p->s + p->i;
    *lit_len = len;
    p->i += len;
    return req_any();
}

static req parse_seq(parser *p, size_t *max)
{
    *max = 0;
    req all = req_any();
    cl_buf run = {0};
    bool run_open = false;
#define CLOSE_RUN()                                                                                                    \
    do {                                                                                                               \
        if (run_open) {                                                                                                \
            clause c = {NULL, 0};                                                                                      \
            clause_add(&c, run.data, run.len);                                                                         \
            req_push(&all, c);                                                                                         \
        }                                                                                                              \
        run.len = 0;                                                                                                   \
        run_open = false;                                                                                              \
    } while (0)
    while (p->i < p->n && !p->failed && p->s[p->i] != '|' && p->s[p->i] != ')') {
        const char *lit;
        size_t lit_len, item_max;
        bool zero, group = p->s[p->i] == '(';
        req r = parse_item(p, &lit, &lit_len, &zero, &item_max);
        long qmax;
        long min = quantifier(p, &qmax);
        /* An unbounded repetition of one character (\d+, \s*) is taken to span
         * at most REPEAT_CAP characters: claims are phrases, not pages. */
        if (qmax < 0 && !zero && !group && item_max <= 4)
            qmax = REPEAT_CAP;
        *max = add_len(*max, mul_len(item_max, qmax));
        if (zero) {
            req_free(&r);
            continue; /* anchors and lookarounds neither add nor break */
        }
        if (lit && min == 1) {
            cl_buf_append(&run, lit, lit_len);
            run_open = true;
            req_free(&r);
            continue;
        }
        if (lit && min > 1) {
            /* x{3}: the character is required; x once more continues no run */
            cl_buf_append(&run, lit, lit_len);
            run_open = true;
            CLOSE_RUN();
            req_free(&r);
            continue;
        }
        CLOSE_RUN();
        if (min >= 1)
            req_join(&all, &r); /* everything a required item requires */
        req_free(&r);
    }
    CLOSE_RUN();
#undef CLOSE_RUN
    cl_buf_free(&run);
    return all;
}

static req parse_alt(parser *p, size_t *max)
{
    req first = req_any();
    clause merged = {NULL, 0};
    bool any = false;
    size_t branches = 0;
    *max = 0;
    for (;;) {
        size_t m;
        req r = parse_seq(p, &m);
        if (m == UNBOUNDED || *max == UNBOUNDED)
            *max = UNBOUNDED;
        else if (m > *max)
            *max = m;
        if (r.n == 0) {
            any = true;
        } else {
            /* Each branch offers its most selective clause. */
            clause *c = &r.c[req_best(&r)];
            for (size_t i = 0; i < c->n; i++)
                clause_add(&merged, c->strs[i], strlen(c->strs[i]));
        }
        if (branches++ == 0) {
            first = r;
        } else {
            req_free(&r);
        }
        if (p->i < p->n && p->s[p->i] == '|') {
            p->i++;
            continue;
        }
        break;
    }
    if (branches == 1) {
        clause_free(&merged);
        return first; /* one branch keeps all its clauses */
    }
    req_free(&first);
    req out = req_any();
    if (any)
        clause_free(&merged);
    else
        req_push(&out, merged);
    return out;
}

static int by_score(const void *a, const void *b)
{
    size_t x = clause_score(a), y = clause_score(b);
    return (x < y) - (x > y);
}

bool cl_pattern_requirements(const char *pattern, cl_clause **out, size_t *n, size_t *max_len)
{
    parser p = {pattern, 0, strlen(pattern), false, 0, false};
    size_t max;
    req r = parse_alt(&p, &max);
    *out = NULL;
    *n = 0;
    *max_len = p.failed || p.i != p.n ? UNBOUNDED : max;
    if (p.failed || p.i != p.n || r.n == 0) {
        req_free(&r);
        return false;
    }
    /* The most selective clauses first; a few are plenty. */
    qsort(r.c, r.n, sizeof *r.c, by_score);
    size_t keep = r.n < 4 ? r.n : 4;
    for (size_t i = keep; i < r.n; i++)
        clause_free(&r.c[i]);
    *out = cl_malloc(keep * sizeof **out);
    for (size_t i = 0; i < keep; i++)
        (*out)[i] = (cl_clause){r.c[i].strs, r.c[i].n};
    *n = keep;
    free(r.c);
    return true;
}
