/* The normaliser: one linear pass from an article's original bytes to the
 * text rules match against (folded script, full-width forms, pinyin,
 * CJK-adjacent spaces and CL_BLANK bytes removed), keeping for every output byte the original
 * offset it came from so findings point at the file as the author wrote it. */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- Static tables --------------------------------------------------------- */

/* Full-width forms U+FF01..U+FF5E are ASCII 0x21..0x7E moved up by 0xFEE0.
 * Indexed by that ASCII character: 1 when the full-width form folds to it.
 * Digits and letters fold so numbers parse; the few symbols that occur inside
 * numbers and units fold too. The Chinese punctuation (，（）！？：；) stays: it
 * separates clauses, and rules rely on it. */
#define FULLWIDTH_OFFSET 0xFEE0
static const unsigned char fullwidth_folds[0x80] = {
    ['#'] = 1, ['$'] = 1, ['%'] = 1, ['+'] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['A'] = 1,
    ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1,
    ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1,
    ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
    ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1,
    ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* Other code points with a fixed fate. Spaces that look like spaces but are
 * not U+0020 would otherwise defeat "2025 年" patterns; zero-width characters
 * arrive from copy-paste and web editors and split words invisibly. */
enum { FATE_SPACE = 1, FATE_DROP = 2 };
static const struct {
    uint32_t cp;
    unsigned char fate;
} special_fates[] = {
    {0x00A0, FATE_SPACE}, /* no-break space */
    {0x200B, FATE_DROP},  /* zero width space */
    {0x200C, FATE_DROP},  /* zero width non-joiner */
    {0x200D, FATE_DROP},  /* zero width joiner */
    {0x2060, FATE_DROP},  /* word joiner */
    {0x3000, FATE_SPACE}, /* ideographic space */
    {0xFEFF, FATE_DROP},  /* BOM inside the text: a zero width no-break space */
};

/* Letters of Hanyu Pinyin with tone marks, plus ü. Seeing one of these is
 * what tells "(yī)" apart from "(de)" or an abbreviation in parentheses. */
static const uint32_t pinyin_marked[] = {
    0x0101, 0x00E1, 0x01CE, 0x00E0, /* ā á ǎ à */
    0x0113, 0x00E9, 0x011B, 0x00E8, /* ē é ě è */
    0x012B, 0x00ED, 0x01D0, 0x00EC, /* ī í ǐ ì */
    0x014D, 0x00F3, 0x01D2, 0x00F2, /* ō ó ǒ ò */
    0x016B, 0x00FA, 0x01D4, 0x00F9, /* ū ú ǔ ù */
    0x01D6, 0x01D8, 0x01DA, 0x01DC, /* ǖ ǘ ǚ ǜ */
    0x00FC,                         /* ü */
};
#define PINYIN_MAX_LETTERS 7 /* "zhuàng" is 6; one spare */

/* ---- Character classes ----------------------------------------------------- */

static int special_fate(uint32_t cp)
{
    for (size_t k = 0; k < sizeof special_fates / sizeof special_fates[0]; k++)
        if (special_fates[k].cp == cp)
            return special_fates[k].fate;
    return 0;
}

/* 0 when cp is not a full-width form that folds, else the ASCII byte. */
static char fullwidth_fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E && fullwidth_folds[cp - FULLWIDTH_OFFSET])
        return (char)(cp - FULLWIDTH_OFFSET);
    return 0;
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3007;
}

static bool is_curly_quote(uint32_t cp)
{
    return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

/* CJK for the space rule, quotes aside. cp is already folded, so a folded
 * full-width digit counts as the ASCII digit it became. */
static bool is_cjk(uint32_t cp)
{
    return is_han(cp) || (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

static bool is_pinyin_letter(uint32_t cp, bool *marked)
{
    if (cp >= 'a' && cp <= 'z')
        return true;
    for (size_t k = 0; k < sizeof pinyin_marked / sizeof pinyin_marked[0]; k++)
        if (pinyin_marked[k] == cp)
            return *marked = true;
    return false;
}

/* The code point at u[i..n) with the folds applied that matter for
 * classifying a neighbour (full-width to ASCII, odd spaces to a space). */
static uint32_t peek_folded(const unsigned char *u, size_t i, size_t n, size_t *len)
{
    if (u[i] < 0x80) {
        *len = 1;
        return u[i];
    }
    uint32_t cp = cl_utf8_decode(u + i, n - i, len);
    char a = fullwidth_fold(cp);
    if (a)
        return (unsigned char)a;
    if (special_fate(cp) == FATE_SPACE)
        return ' ';
    return cp;
}

/* Length of a pinyin gloss "(yī)" or "（yī）" starting at u[i], or 0. */
static size_t pinyin_length(const unsigned char *u, size_t i, size_t n)
{
    size_t j = i, len;
    uint32_t cp = cl_utf8_decode(u + j, n - j, &len);
    if (cp != '(' && cp != 0xFF08)
        return 0;
    j += len;
    bool marked = false;
    int letters = 0;
    while (j < n) {
        cp = cl_utf8_decode(u + j, n - j, &len);
        if (cp == ')' || cp == 0xFF09)
            return letters > 0 && marked ? j + len - i : 0;
        if (letters == PINYIN_MAX_LETTERS || !is_pinyin_letter(cp, &marked))
            return 0;
        letters++;
        j += len;
    }
    return 0;
}

/* ---- Output ------------------------------------------------------------------ */

/* The output buffers and the invariant that keeps the hot loop free of
 * capacity checks: cap >= len + (bytes of input left) + 4. Most characters
 * emit no more bytes than they consume; the two that emit more (an invalid
 * byte becoming U+FFFD, a Han character folding into a 4-byte one) call
 * out_grow first. */
typedef struct out {
    char *s;
    uint32_t *map;
    size_t len, cap;
} out;

static void out_grow(out *o, size_t left, size_t extra)
{
    size_t need = o->len + left + 4 + extra;
    if (need <= o->cap)
        return;
    size_t cap = o->cap + o->cap / 2;
    if (cap < need)
        cap = need;
    o->s = cl_realloc(o->s, cap + 1);
    o->map = cl_realloc(o->map, (cap + 1) * sizeof *o->map);
    o->cap = cap;
}

static inline void out_byte(out *o, char c, size_t from)
{
    o->s[o->len] = c;
    o->map[o->len++] = (uint32_t)from;
}

static inline void out_cp(out *o, uint32_t cp, size_t from)
{
    if (cp >= 0x800 && cp < 0x10000) {
        unsigned char *d = (unsigned char *)o->s + o->len;
        d[0] = (unsigned char)(0xE0 | (cp >> 12));
        d[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (unsigned char)(0x80 | (cp & 0x3F));
        o->map[o->len] = o->map[o->len + 1] = o->map[o->len + 2] = (uint32_t)from;
        o->len += 3;
        return;
    }
    size_t k = cl_utf8_encode(cp, o->s + o->len);
    for (size_t b = 0; b < k; b++)
        o->map[o->len + b] = (uint32_t)from;
    o->len += k;
}

/* ---- The pass ---------------------------------------------------------------- */

#define NOTHING_YET 0xFFFFFFFFu

typedef struct state {
    const unsigned char *u;
    size_t n;
    out o;
    size_t *invalid;
    size_t n_invalid, cap_invalid;
    /* The last two code points written (NOTHING_YET at the start), for the space rule's
     * left neighbour and for deciding whether a curly quote belongs to CJK. */
    uint32_t prev, prev2;
    /* The input character just before this one was a Han character, so a
     * following "(yī)" is a pinyin gloss. */
    bool after_han;
} state;

static void wrote(state *st, uint32_t cp)
{
    st->prev2 = st->prev;
    st->prev = cp;
}

static bool left_is_cjk(const state *st)
{
    if (is_curly_quote(st->prev))
        return is_cjk(st->prev2);
    return is_cjk(st->prev);
}

/* Curly quotes serve English too ("said “yes”"), so one counts as CJK only
 * when the character on its far side does; otherwise English text would lose
 * the space before every opening quote. */
static bool right_is_cjk(const state *st, uint32_t next, size_t after)
{
    if (!is_curly_quote(next))
        return is_cjk(next);
    while (after < st->n && st->u[after] == CL_BLANK)
        after++;
    if (after >= st->n)
        return false;
    size_t len;
    return is_cjk(peek_folded(st->u, after, st->n, &len));
}

/* A run of spaces, tabs, U+3000 and U+00A0 (zero-width characters and
 * CL_BLANK bytes inside it are dropped either way) starting at i. Returns the
 * index after the run. Blanks belong to the run so that the neighbour it is
 * judged by is the next character of article text: "148 </b>项" loses its
 * space like "148 项". */
static size_t space_run(state *st, size_t i)
{
    const unsigned char *u = st->u;
    size_t n = st->n, j = i, len;
    while (j < n) {
        uint32_t cp = u[j] < 0x80 ? u[j] : cl_utf8_decode(u + j, n - j, &len);
        if (cp == ' ' || cp == '\t' || cp == CL_BLANK) {
            j++;
            continue;
        }
        if (cp < 0x80 || !special_fate(cp))
            break;
        j += len;
    }

    bool left_edge = st->prev == NOTHING_YET || st->prev == '\n';
    bool right_edge = j == n || u[j] == '\n' || u[j] == '\r';
    bool drop = false;
    if (!left_edge && !right_edge) {
        uint32_t next = peek_folded(u, j, n, &len);
        drop = left_is_cjk(st) || right_is_cjk(st, next, j + len);
    }

    st->after_han = false;
    if (drop)
        return j;
    for (size_t k = i; k < j; k += len) {
        uint32_t cp = u[k] < 0x80 ? u[k] : cl_utf8_decode(u + k, n - k, &len);
        if (cp < 0x80)
            len = 1;
        if (cp == '\t') {
            out_byte(&st->o, '\t', k);
            wrote(st, '\t');
        } else if (cp == ' ' || special_fate(cp) == FATE_SPACE) {
            out_byte(&st->o, ' ', k);
            wrote(st, ' ');
        }
    }
    return j;
}

static void add_invalid(state *st, size_t off)
{
    if (st->n_invalid == st->cap_invalid) {
        st->cap_invalid = st->cap_invalid ? st->cap_invalid * 2 : 8;
        st->invalid = cl_realloc(st->invalid, st->cap_invalid * sizeof *st->invalid);
    }
    st->invalid[st->n_invalid++] = off;
}

/* cl_utf8_decode with the three-byte case (all of CJK) done in line: this
 * runs once per Chinese character of every article. */
static inline uint32_t decode3(const unsigned char *s, size_t n, size_t *len)
{
    if (n >= 3 && (s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        uint32_t cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *len = 3;
            return cp;
        }
    }
    return cl_utf8_decode(s, n, len);
}

/* One non-ASCII character at i; returns its length in the input. */
static size_t multibyte(state *st, size_t i, const cl_fold *fold)
{
    size_t len;
    uint32_t cp = decode3(st->u + i, st->n - i, &len);
    if (cp == CL_UTF8_INVALID) {
        add_invalid(st, i);
        out_grow(&st->o, st->n - i, 2);
        out_cp(&st->o, 0xFFFD, i);
        wrote(st, 0xFFFD);
        st->after_han = false;
        return 1;
    }
    if (is_han(cp)) {
        uint32_t to = cl_fold_han(fold, cp);
        if (to >= 0x10000 && len < 4)
            out_grow(&st->o, st->n - i, 1);
        out_cp(&st->o, to, i);
        wrote(st, to);
        st->after_han = true;
        return len;
    }
    char a = fullwidth_fold(cp);
    if (a) {
        out_byte(&st->o, a, i);
        wrote(st, (unsigned char)a);
        st->after_han = false;
        return len;
    }
    if (cp == 0xFF08 && st->after_han) {
        size_t skip = pinyin_length(st->u, i, st->n);
        if (skip) {
            st->after_han = false;
            return skip;
        }
    }
    switch (special_fate(cp)) {
    case FATE_SPACE:
        return space_run(st, i) - i;
    case FATE_DROP:
        return len;
    }
    out_cp(&st->o, cp, i);
    wrote(st, cp);
    st->after_han = false;
    return len;
}

bool cl_text_normalize(cl_text *t, const char *orig, size_t n, const cl_fold *fold)
{
    memset(t, 0, sizeof *t);
    if (n > UINT32_MAX)
        return false;

    state st = {.u = (const unsigned char *)orig, .n = n, .prev = NOTHING_YET, .prev2 = NOTHING_YET};
    st.o.cap = n + 4;
    st.o.s = cl_malloc(st.o.cap + 1);
    st.o.map = cl_malloc((st.o.cap + 1) * sizeof *st.o.map);

    const unsigned char *u = st.u;
    size_t i = 0;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        i = 3;
    while (i < n) {
        unsigned char c = u[i];
        if (c >= 0x80) {
            i += multibyte(&st, i, fold);
            continue;
        }
        switch (c) {
        case CL_BLANK:
            /* Not article text (markup, code, entity padding): no output and
             * no effect on the neighbours of spaces or on pinyin. */
            i++;
            continue;
        case '\r':
            if (i + 1 < n && u[i + 1] == '\n') {
                i++; /* the LF that follows is the line break */
                continue;
            }
            c = '\n';
            break;
        case ' ':
        case '\t':
            i = space_run(&st, i);
            continue;
        case '(':
            if (st.after_han) {
                size_t skip = pinyin_length(u, i, n);
                if (skip) {
                    i += skip;
                    st.after_han = false;
                    continue;
                }
            }
            break;
        }
        out_byte(&st.o, (char)c, i);
        wrote(&st, c);
        st.after_han = false;
        i++;
    }

    st.o.s[st.o.len] = '\0';
    st.o.map[st.o.len] = (uint32_t)n;
    t->orig = orig;
    t->norm = st.o.s;
    t->len = st.o.len;
    t->map = st.o.map;
    t->invalid = st.invalid;
    t->n_invalid = st.n_invalid;
    return true;
}

size_t cl_text_orig_end(const cl_text *t, size_t norm_end)
{
    if (!t->map)
        return 0;
    if (norm_end > t->len)
        norm_end = t->len;
    if (norm_end == 0)
        return t->map[0];
    size_t c = norm_end - 1;
    while (c > 0 && ((unsigned char)t->norm[c] & 0xC0) == 0x80)
        c--;
    /* Every normalised character comes from exactly one original character
     * (decoded the same way), so re-decoding it gives the original length. */
    size_t start = t->map[c], end = t->map[t->len], len;
    cl_utf8_decode((const unsigned char *)t->orig + start, end - start, &len);
    return start + len;
}

void cl_text_free(cl_text *t)
{
    if (!t)
        return;
    free(t->norm);
    free(t->map);
    free(t->invalid);
    memset(t, 0, sizeof *t);
}
