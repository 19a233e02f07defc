/* The prefilter: one Aho-Corasick automaton over the required strings of
 * every pattern's clauses (data/literals.c), run once over each line, tells
 * which patterns can possibly match there (every clause of theirs has a hit)
 * and where their strings occur. Patterns without clauses always run. Built
 * once per rule set and read-only afterwards, so threads share it. */
#include "match/match.h"

#include <stdlib.h>
#include <string.h>

typedef struct ending {
    uint32_t clause; /* global clause index */
    uint32_t len;    /* bytes of the string that ends here */
} ending;

struct cl_prefilter {
    size_t n_clauses;
    int32_t *next;                   /* nodes x 256: the automaton as a DFA */
    uint32_t *end_first, *end_count; /* per node: the strings ending there, in ends[] */
    ending *ends;
    size_t n_nodes, n_ends;
};

typedef struct builder {
    int32_t *child; /* nodes x 256, -1 when absent (the trie) */
    int32_t *fail;
    size_t n, cap;
    ending *own; /* the strings of the trie and their nodes */
    int32_t *own_node;
    size_t n_own, cap_own;
} builder;

static int32_t new_node(builder *b)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 256;
        b->child = cl_realloc(b->child, b->cap * 256 * sizeof *b->child);
        b->fail = cl_realloc(b->fail, b->cap * sizeof *b->fail);
    }
    int32_t id = (int32_t)b->n++;
    memset(b->child + (size_t)id * 256, 0xFF, 256 * sizeof *b->child);
    b->fail[id] = 0;
    return id;
}

static void add_string(builder *b, const char *s, uint32_t clause)
{
    int32_t node = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        int32_t nx = b->child[(size_t)node * 256 + *c];
        if (nx < 0) {
            nx = new_node(b);
            b->child[(size_t)node * 256 + *c] = nx;
        }
        node = nx;
    }
    if (b->n_own == b->cap_own) {
        b->cap_own = b->cap_own ? b->cap_own * 2 : 64;
        b->own = cl_realloc(b->own, b->cap_own * sizeof *b->own);
        b->own_node = cl_realloc(b->own_node, b->cap_own * sizeof *b->own_node);
    }
    b->own[b->n_own] = (ending){clause, (uint32_t)strlen(s)};
    b->own_node[b->n_own++] = node;
}

cl_prefilter *cl_prefilter_new(const cl_ruleset *rs)
{
    builder b = {0};
    cl_prefilter *pf = cl_calloc(1, sizeof *pf);
    pf->n_clauses = cl_ruleset_clause_count(rs);
    new_node(&b);
    for (size_t i = 0; i < cl_ruleset_count(rs); i++) {
        const cl_rule *r = cl_ruleset_at(rs, i);
        for (size_t k = 0; k < r->n_patterns; k++) {
            const cl_pattern *p = &r->patterns[k];
            for (size_t c = 0; c < p->n_clauses; c++)
                for (size_t l = 0; l < p->clauses[c].n; l++)
                    add_string(&b, p->clauses[c].strs[l], (uint32_t)(p->first_clause + c));
        }
    }
    /* Breadth-first: failure links and the DFA transitions. */
    pf->n_nodes = b.n;
    pf->next = cl_malloc(b.n * 256 * sizeof *pf->next);
    int32_t *queue = cl_malloc(b.n * sizeof *queue);
    size_t head = 0, tail = 0;
    for (int c = 0; c < 256; c++) {
        int32_t nx = b.child[c];
        pf->next[c] = nx >= 0 ? nx : 0;
        if (nx >= 0)
            queue[tail++] = nx;
    }
    while (head < tail) {
        int32_t u = queue[head++];
        for (int c = 0; c < 256; c++) {
            int32_t v = b.child[(size_t)u * 256 + c];
            if (v >= 0) {
                b.fail[v] = pf->next[(size_t)b.fail[u] * 256 + c];
                queue[tail++] = v;
                pf->next[(size_t)u * 256 + c] = v;
            } else {
                pf->next[(size_t)u * 256 + c] = pf->next[(size_t)b.fail[u] * 256 + c];
            }
        }
    }
    free(queue);
    /* The strings ending at a node are its own and those of its failure chain. */
    pf->end_first = cl_calloc(b.n, sizeof *pf->end_first);
    pf->end_count = cl_calloc(b.n, sizeof *pf->end_count);
    int32_t *own_first = cl_malloc(b.n * sizeof *own_first), *own_next = cl_malloc((b.n_own + 1) * sizeof *own_next);
    for (size_t u = 0; u < b.n; u++)
        own_first[u] = -1;
    for (size_t k = 0; k < b.n_own; k++) {
        own_next[k] = own_first[b.own_node[k]];
        own_first[b.own_node[k]] = (int32_t)k;
    }
    for (size_t u = 0; u < b.n; u++) {
        pf->end_first[u] = (uint32_t)pf->n_ends;
        for (int32_t v = (int32_t)u;; v = b.fail[v]) {
            for (int32_t k = own_first[v]; k >= 0; k = own_next[k]) {
                pf->ends = cl_realloc(pf->ends, (pf->n_ends + 1) * sizeof *pf->ends);
                pf->ends[pf->n_ends++] = b.own[k];
                pf->end_count[u]++;
            }
            if (v == 0)
                break;
        }
    }
    free(own_first);
    free(own_next);
    free(b.own);
    free(b.own_node);
    free(b.child);
    free(b.fail);
    return pf;
}

void cl_prefilter_free(cl_prefilter *pf)
{
    if (!pf)
        return;
    free(pf->next);
    free(pf->end_first);
    free(pf->end_count);
    free(pf->ends);
    free(pf);
}

void cl_line_hits_init(cl_line_hits *h, const cl_prefilter *pf)
{
    memset(h, 0, sizeof *h);
    h->count = cl_calloc(pf->n_clauses ? pf->n_clauses : 1, sizeof *h->count);
}

void cl_line_hits_free(cl_line_hits *h)
{
    free(h->items);
    free(h->count);
    free(h->touched);
    memset(h, 0, sizeof *h);
}

void cl_prefilter_scan(const cl_prefilter *pf, const char *s, size_t n, cl_line_hits *h)
{
    for (size_t i = 0; i < h->n_touched; i++)
        h->count[h->touched[i]] = 0;
    h->n_touched = 0;
    h->len = 0;
    const int32_t *next = pf->next;
    int32_t state = 0;
    for (size_t i = 0; i < n; i++) {
        state = next[(size_t)state * 256 + (unsigned char)s[i]];
        uint32_t nend = pf->end_count[state];
        if (!nend)
            continue;
        const ending *e = pf->ends + pf->end_first[state];
        for (uint32_t k = 0; k < nend; k++) {
            if (h->len == h->cap) {
                h->cap = h->cap ? h->cap * 2 : 64;
                h->items = cl_realloc(h->items, h->cap * sizeof *h->items);
            }
            h->items[h->len++] = (cl_hit){e[k].clause, (uint32_t)(i + 1 - e[k].len), (uint32_t)(i + 1)};
            if (h->count[e[k].clause]++ == 0) {
                if (h->n_touched == h->cap_touched) {
                    h->cap_touched = h->cap_touched ? h->cap_touched * 2 : 32;
                    h->touched = cl_realloc(h->touched, h->cap_touched * sizeof *h->touched);
                }
                h->touched[h->n_touched++] = e[k].clause;
            }
        }
    }
}

long cl_prefilter_pick(const cl_pattern *p, const cl_line_hits *h)
{
    if (p->n_clauses == 0)
        return -1;
    long best = -2;
    uint32_t fewest = UINT32_MAX;
    for (size_t c = 0; c < p->n_clauses; c++) {
        uint32_t k = h->count[p->first_clause + c];
        if (k == 0)
            return -2; /* a clause with no hit: the pattern cannot match here */
        if (k < fewest)
            fewest = k, best = (long)(p->first_clause + c);
    }
    return best;
}
