/* Markdown extraction: keeps the text of paragraphs and headings and blanks
 * the rest (front matter, code, HTML, link destinations, URLs, emphasis
 * markers, bullets, quote markers) in a same-length copy, reading the front
 * matter's date on the way. */
#include "text/extract.h"

#include <cmark.h>
#include <yaml.h>

#include <stdlib.h>
#include <string.h>

/* Why positions come from where they do:
 *
 * cmark (CMARK_OPT_SOURCEPOS) gives the block structure. Its block positions
 * are byte columns on lines split as ours are (LF, CRLF, CR), with line 1's
 * columns counted after a BOM. cmark 0.30 gets some ends wrong (a setext
 * heading's or an HTML block's end line), and has no reliable positions for
 * inline nodes at all. So: every byte starts blank; paragraphs are restored
 * from their start and end positions (which are right) line by line, minus
 * the container prefixes on their continuation lines; headings from their
 * start, their end found here; and inside them a small scanner finds what
 * cmark's inline parser would (escapes, code spans, autolinks, raw HTML,
 * entities, links and images, emphasis delimiters), following the CommonMark
 * rules closely enough for prose. */

typedef struct md {
    const char *t;        /* the text */
    const unsigned char *u;
    char *o;              /* the output: x->text */
    size_t n;
    cl_lines lines;
    unsigned char *lit;   /* per byte: to be taken literally (escaped, decoded) */
    cl_extracted *x;
} md;

/* ---- Lines ----------------------------------------------------------------- */

static size_t line_start(const md *m, size_t line) /* line from 1 */
{
    if (line < 1)
        line = 1;
    if (line > m->lines.n)
        return m->n;
    size_t s = m->lines.starts[line - 1];
    return line == 1 && s < m->lines.bom ? m->lines.bom : s;
}

/* The offset of the line terminator ending `line`, or n. */
static size_t line_end(const md *m, size_t line)
{
    if (line < 1 || line > m->lines.n)
        return m->n;
    size_t e = line < m->lines.n ? m->lines.starts[line] : m->n;
    if (e > line_start(m, line) && m->u[e - 1] == '\n')
        e--;
    if (e > line_start(m, line) && m->u[e - 1] == '\r')
        e--;
    return e;
}

/* cmark's (line, column) to an offset, clamped to the line. */
static size_t position(const md *m, int line, int column)
{
    size_t s = line_start(m, (size_t)(line > 0 ? line : 1)), e = line_end(m, (size_t)(line > 0 ? line : 1));
    size_t off = s + (size_t)(column > 1 ? column - 1 : 0);
    return off > e ? e : off;
}

/* Where the content of a continuation line starts: after its indentation and
 * the '>' markers of the block quotes the block is in (a lazy continuation
 * line has fewer). */
static size_t after_prefix(const md *m, size_t line, int quotes)
{
    size_t i = line_start(m, line), e = line_end(m, line);
    while (i < e && (m->u[i] == ' ' || m->u[i] == '\t'))
        i++;
    for (int q = 0; q < quotes && i < e && m->u[i] == '>'; q++) {
        i++;
        while (i < e && (m->u[i] == ' ' || m->u[i] == '\t'))
            i++;
    }
    return i;
}

static void restore(md *m, size_t a, size_t b)
{
    if (a < b)
        memcpy(m->o + a, m->t + a, b - a);
}

/* The line break after `line` inside a paragraph: a soft break reads as a
 * space (as a browser shows it), so "共有\n148项" stays one claim; a hard break
 * (two trailing spaces or a backslash) stays a line break. */
static void soft_break(md *m, size_t line)
{
    size_t e = line_end(m, line), s = line_start(m, line);
    bool hard = (e - s >= 2 && m->u[e - 1] == ' ' && m->u[e - 2] == ' ') || (e > s && m->u[e - 1] == '\\');
    if (hard || e >= m->n)
        return;
    if (m->u[e] == '\r' && e + 1 < m->n && m->u[e + 1] == '\n') {
        m->o[e] = CL_BLANK;
        m->o[e + 1] = ' ';
    } else {
        m->o[e] = ' ';
    }
}

/* ---- Link reference definitions -------------------------------------------- */

/* A link destination at u[i..e): <...> or a run without spaces and with
 * balanced parentheses. Returns its end, or 0. */
static size_t destination_end(const unsigned char *u, size_t i, size_t e, bool transparent_blanks)
{
    if (i < e && u[i] == '<') {
        for (size_t j = i + 1; j < e; j++) {
            if (u[j] == '\\' && j + 1 < e)
                j++;
            else if (u[j] == '>')
                return j + 1;
            else if (u[j] == '<' || u[j] == '\n' || u[j] == '\r')
                return 0;
        }
        return 0;
    }
    size_t j = i;
    int depth = 0;
    while (j < e) {
        unsigned char c = u[j];
        if (c == CL_BLANK && transparent_blanks) {
            j++;
            continue;
        }
        if (c <= 0x20 || c == 0x7F)
            break;
        if (c == '\\' && j + 1 < e && u[j + 1] > 0x20) {
            j += 2;
            continue;
        }
        if (c == '(' && ++depth > 32)
            return 0;
        if (c == ')' && depth-- == 0)
            break;
        j++;
    }
    return j > i && depth <= 0 ? j : 0;
}

/* A link title "..." '...' (...) at u[i..e). Returns its end, or 0. */
static size_t title_end(const unsigned char *u, size_t i, size_t e)
{
    if (i >= e || (u[i] != '"' && u[i] != '\'' && u[i] != '('))
        return 0;
    unsigned char close = u[i] == '(' ? ')' : u[i];
    for (size_t j = i + 1; j < e; j++) {
        if (u[j] == '\\' && j + 1 < e)
            j++;
        else if (u[j] == close)
            return j + 1;
        else if (u[j] == '(' && close == ')')
            return 0;
    }
    return 0;
}

/* Whether u[i..e) (one line) is a whole link reference definition
 * "[label]: destination 'title'". Definitions spread over several lines
 * are not recognised; their URL is still blanked as a bare URL. */
static bool reference_definition(const unsigned char *u, size_t i, size_t e)
{
    if (i >= e || u[i] != '[')
        return false;
    size_t j = i + 1;
    bool text = false;
    while (j < e && u[j] != ']') {
        if (u[j] == '[' || j - i > 1000)
            return false;
        if (u[j] == '\\' && j + 1 < e)
            j++;
        text |= u[j] != ' ' && u[j] != '\t';
        j++;
    }
    if (j + 1 >= e || !text || u[j + 1] != ':')
        return false;
    j += 2;
    while (j < e && (u[j] == ' ' || u[j] == '\t'))
        j++;
    size_t d = destination_end(u, j, e, false);
    if (!d)
        return false;
    j = d;
    size_t ws = j;
    while (j < e && (u[j] == ' ' || u[j] == '\t'))
        j++;
    if (j == e)
        return true;
    size_t t = j > ws ? title_end(u, j, e) : 0;
    if (!t)
        return false;
    while (t < e && (u[t] == ' ' || u[t] == '\t'))
        t++;
    return t == e;
}

/* ---- Inline scanner ------------------------------------------------------ */

static bool ascii_punct(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !cl_ex_is_alnum(c);
}

/* An autolink <scheme:...> or <user@host> at o[i]: its end, or 0. */
static size_t autolink_end(const unsigned char *u, size_t i, size_t b)
{
    size_t j = i + 1, s = j;
    while (j < b && (cl_ex_is_alnum(u[j]) || u[j] == '+' || u[j] == '.' || u[j] == '-'))
        j++;
    if (j - s >= 2 && j - s <= 32 && cl_ex_is_alpha(u[s]) && j < b && u[j] == ':') {
        for (j++; j < b && u[j] > 0x20 && u[j] != '<'; j++)
            if (u[j] == '>')
                return j + 1;
        return 0;
    }
    j = i + 1;
    while (j < b && (cl_ex_is_alnum(u[j]) || strchr(".!#$%&'*+/=?^_`{|}~-", u[j])))
        j++;
    if (j == i + 1 || j >= b || u[j] != '@')
        return 0;
    size_t h = ++j;
    while (j < b && (cl_ex_is_alnum(u[j]) || u[j] == '.' || u[j] == '-'))
        j++;
    return j > h && j < b && u[j] == '>' ? j + 1 : 0;
}

/* Pass 1: escapes, code spans, autolinks, raw HTML and entities, left to
 * right, so that whichever starts first wins as in CommonMark. */
static void pass_literals(md *m, size_t a, size_t b)
{
    unsigned char *u = (unsigned char *)m->o;
    bool no_closer[32] = {false}; /* a run of this many backticks has no closer further on */
    cl_ex_memo memo = {false, false, false, false};
    for (size_t i = a; i < b;) {
        unsigned char c = u[i];
        if (c == '\\' && i + 1 < b && (ascii_punct(u[i + 1]) || u[i + 1] == '\n')) {
            u[i] = CL_BLANK;
            m->lit[i + 1] = u[i + 1] != '\n';
            i += 2;
        } else if (c == '`') {
            size_t k = 0;
            while (i + k < b && u[i + k] == '`')
                k++;
            size_t close = 0;
            if (k >= 32 || !no_closer[k]) {
                for (size_t j = i + k; j < b && !close;) {
                    if (u[j] != '`') {
                        j++;
                        continue;
                    }
                    size_t r = 0;
                    while (j + r < b && u[j + r] == '`')
                        r++;
                    if (r == k)
                        close = j + r;
                    j += r;
                }
                if (!close && k < 32)
                    no_closer[k] = true;
            }
            if (close) {
                cl_ex_blank(m->o, i, close);
                i = close;
            } else {
                memset(m->lit + i, 1, k);
                i += k;
            }
        } else if (c == '<') {
            size_t e = autolink_end(u, i, b);
            if (!e)
                e = cl_ex_html_end(m->o, i, b, &memo);
            if (e) {
                cl_ex_blank(m->o, i, e);
                i = e;
            } else {
                i++;
            }
        } else if (c == '&') {
            size_t e = cl_ex_entity(m->o, m->o, i, b);
            if (e) {
                memset(m->lit + i, 1, e);
                i += e;
            } else {
                i++;
            }
        } else {
            i++;
        }
    }
}

static bool inline_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == CL_BLANK;
}

/* The end of the tail of a link or image after its ']' at o[i]: an inline
 * "(destination 'title')" or a reference "[label]"; 0 when neither. */
static size_t link_tail_end(const md *m, size_t i, size_t b)
{
    const unsigned char *u = (const unsigned char *)m->o;
    size_t j = i + 1;
    if (j >= b || m->lit[j])
        return 0;
    if (u[j] == '[') {
        for (size_t k = j + 1; k < b && k - j <= 1000; k++) {
            if (u[k] == '\\' && k + 1 < b)
                k++;
            else if (u[k] == '[')
                return 0;
            else if (u[k] == ']')
                return k + 1;
        }
        return 0;
    }
    if (u[j] != '(')
        return 0;
    j++;
    while (j < b && inline_space(u[j]))
        j++;
    if (j < b && u[j] == ')')
        return j + 1;
    size_t d = destination_end(u, j, b, true);
    if (!d)
        return 0;
    j = d;
    size_t ws = j;
    while (j < b && inline_space(u[j]))
        j++;
    if (j > ws) {
        size_t t = title_end(u, j, b);
        if (t) {
            j = t;
            while (j < b && inline_space(u[j]))
                j++;
        }
    }
    return j < b && u[j] == ')' ? j + 1 : 0;
}

/* Pass 2: links keep their text and lose "[", "](...)" or "][label]";
 * images go whole (alt text is not prose). A bracket stack keeps this linear;
 * a link deactivates the openers before it (links do not nest). Shortcut
 * references "[text]" keep their brackets: without the definitions there is
 * no telling them from a citation "[1]". */
static void pass_links(md *m, size_t a, size_t b)
{
    typedef struct opener {
        size_t pos;
        bool image, active;
    } opener;
    opener *stack = cl_malloc((b - a + 1) * sizeof *stack);
    size_t top = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)m->o[i];
        if (m->lit[i] || c == CL_BLANK)
            continue;
        if (c == '!' && i + 1 < b && m->o[i + 1] == '[' && !m->lit[i + 1]) {
            stack[top++] = (opener){i, true, true};
            i++;
        } else if (c == '[') {
            stack[top++] = (opener){i, false, true};
        } else if (c == ']' && top > 0) {
            opener op = stack[--top];
            if (!op.active)
                continue;
            size_t e = link_tail_end(m, i, b);
            if (!e)
                continue;
            if (op.image) {
                cl_ex_blank(m->o, op.pos, e);
            } else {
                m->o[op.pos] = CL_BLANK;
                cl_ex_blank(m->o, i, e);
                for (size_t k = 0; k < top; k++)
                    if (!stack[k].image)
                        stack[k].active = false;
            }
            i = e - 1;
        }
    }
    free(stack);
}

/* Pass 3: bare URLs in the text (and in link text). */
static void pass_urls(md *m, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        char c = m->o[i] | 0x20;
        if ((c != 'h' && c != 'w' && c != 'f') || m->lit[i])
            continue;
        size_t e = cl_ex_url_end(m->o, a, i, b);
        if (e) {
            cl_ex_blank(m->o, i, e);
            i = e - 1;
        }
    }
}

/* Unicode whitespace and punctuation as the flanking rules need them: ASCII,
 * the general punctuation block, CJK punctuation and full-width forms. */
static bool uni_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F;
}

static bool uni_punct(uint32_t cp)
{
    if (cp < 0x80)
        return ascii_punct((unsigned char)cp);
    return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x3001 && cp <= 0x3003) ||
           (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
           cp == 0x00A1 || cp == 0x00A7 || cp == 0x00AB || cp == 0x00B6 || cp == 0x00B7 || cp == 0x00BB ||
           cp == 0x00BF;
}

/* The character before o[i] and after o[j - 1] in [a, b), blanks skipped;
 * the range's edges count as whitespace. */
static uint32_t char_before(const md *m, size_t a, size_t i)
{
    while (i > a && m->o[i - 1] == CL_BLANK)
        i--;
    if (i == a)
        return ' ';
    size_t s = i - 1;
    while (s > a && ((unsigned char)m->o[s] & 0xC0) == 0x80)
        s--;
    size_t len;
    uint32_t cp = cl_utf8_decode((const unsigned char *)m->o + s, i - s, &len);
    return cp == CL_UTF8_INVALID ? 'x' : cp;
}

static uint32_t char_after(const md *m, size_t j, size_t b)
{
    while (j < b && m->o[j] == CL_BLANK)
        j++;
    if (j >= b)
        return ' ';
    size_t len;
    uint32_t cp = cl_utf8_decode((const unsigned char *)m->o + j, b - j, &len);
    return cp == CL_UTF8_INVALID ? 'x' : cp;
}

typedef struct delim {
    size_t start, end;     /* the run's bytes not yet matched: [start, end) */
    size_t len;            /* the run's length as written */
    char ch;
    bool open, close;
    size_t prev, next;     /* the live list, SIZE_MAX for none */
} delim;

/* Pass 4: emphasis. Delimiter runs of '*' and '_' by the flanking rules,
 * matched as CommonMark's "process emphasis" does (nearest opener, rule of
 * three, strong before plain), and blanked only when matched: "5*3=15" keeps
 * its star, "共有**148**项" loses both pairs. */
static void pass_emphasis(md *m, size_t a, size_t b)
{
    size_t cap = 16, nd = 0;
    delim *d = cl_malloc(cap * sizeof *d);
    for (size_t i = a; i < b;) {
        char c = m->o[i];
        if ((c != '*' && c != '_') || m->lit[i]) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < b && m->o[j] == c && !m->lit[j])
            j++;
        uint32_t before = char_before(m, a, i), after = char_after(m, j, b);
        bool ws_b = uni_space(before), ws_a = uni_space(after);
        bool p_b = uni_punct(before), p_a = uni_punct(after);
        bool left = !ws_a && (!p_a || ws_b || p_b);
        bool right = !ws_b && (!p_b || ws_a || p_a);
        bool open = c == '*' ? left : left && (!right || p_b);
        bool close = c == '*' ? right : right && (!left || p_a);
        if (open || close) {
            if (nd == cap)
                d = cl_realloc(d, (cap *= 2) * sizeof *d);
            d[nd] = (delim){i, j, j - i, c, open, close, nd ? nd - 1 : SIZE_MAX, SIZE_MAX};
            if (nd)
                d[nd - 1].next = nd;
            nd++;
        }
        i = j;
    }
    /* openers_bottom: where the search for an opener of this kind of closer
     * (char, can it open, length mod 3) last failed, so it is not repeated. */
    size_t bottom[2][2][3];
    for (size_t k = 0; k < 12; k++)
        ((size_t *)bottom)[k] = SIZE_MAX;
    for (size_t c = 0; c < nd; c = d[c].next) {
        delim *cl = &d[c];
        if (!cl->close)
            continue;
        size_t *bot = &bottom[cl->ch == '_'][cl->open][cl->len % 3];
        while (cl->start < cl->end) {
            size_t o = cl->prev, found = SIZE_MAX;
            for (; o != SIZE_MAX && o != *bot; o = d[o].prev) {
                delim *op = &d[o];
                if (op->ch != cl->ch || !op->open || op->start == op->end)
                    continue;
                if ((op->close || cl->open) && (op->len + cl->len) % 3 == 0 && (op->len % 3 || cl->len % 3))
                    continue;
                found = o;
                break;
            }
            if (found == SIZE_MAX) {
                *bot = cl->prev;
                break;
            }
            delim *op = &d[found];
            size_t use = op->end - op->start >= 2 && cl->end - cl->start >= 2 ? 2 : 1;
            cl_ex_blank(m->o, op->end - use, op->end);
            op->end -= use;
            cl_ex_blank(m->o, cl->start, cl->start + use);
            cl->start += use;
            /* Delimiters between the pair can no longer match; a spent
             * opener leaves the list too, so later searches do not wade
             * through matched pairs. */
            cl->prev = found;
            op->next = c;
            if (op->start == op->end) {
                cl->prev = op->prev;
                if (op->prev != SIZE_MAX)
                    d[op->prev].next = c;
            }
        }
        if (cl->start == cl->end || !cl->open) {
            /* Spent, or a closer that found nothing and cannot open: out of the list. */
            if (cl->prev != SIZE_MAX)
                d[cl->prev].next = cl->next;
            if (cl->next != SIZE_MAX)
                d[cl->next].prev = cl->prev;
        }
    }
    free(d);
}

static void scan_inlines(md *m, size_t a, size_t b)
{
    if (a >= b)
        return;
    memset(m->lit + a, 0, b - a);
    pass_literals(m, a, b);
    pass_links(m, a, b);
    pass_urls(m, a, b);
    pass_emphasis(m, a, b);
}

/* ---- Blocks -------------------------------------------------------------- */

/* Restores lines first..last of a paragraph-like block (from `start` on the
 * first line, to `end` on the last), joined by soft breaks, and scans them. */
static void restore_lines(md *m, size_t first, size_t last, size_t start, size_t end, int quotes)
{
    if (first > last)
        return;
    for (size_t line = first; line <= last; line++) {
        size_t a = line == first ? start : after_prefix(m, line, quotes);
        size_t e = line_end(m, line);
        size_t b = line == last && end < e ? end : e;
        restore(m, a, b);
        if (line < last)
            soft_break(m, line);
    }
    scan_inlines(m, start, end);
}

static void paragraph(md *m, cmark_node *node, int quotes)
{
    size_t first = (size_t)cmark_node_get_start_line(node), last = (size_t)cmark_node_get_end_line(node);
    if (first < 1 || last < first)
        return;
    size_t start = position(m, (int)first, cmark_node_get_start_column(node));
    size_t end = position(m, (int)last, cmark_node_get_end_column(node) + 1);
    /* cmark 0.30 leaves reference definitions that open a paragraph inside
     * its source range. */
    while (first <= last && reference_definition(m->u, start, line_end(m, first))) {
        first++;
        start = first <= last ? after_prefix(m, first, quotes) : end;
    }
    if (first <= last)
        restore_lines(m, first, last, start, end, quotes);
}

static bool underline(const md *m, size_t line, int quotes)
{
    size_t i = after_prefix(m, line, quotes), e = line_end(m, line);
    if (i >= e || (m->u[i] != '=' && m->u[i] != '-'))
        return false;
    unsigned char c = m->u[i];
    while (i < e && m->u[i] == c)
        i++;
    while (i < e && (m->u[i] == ' ' || m->u[i] == '\t'))
        i++;
    return i == e;
}

static void heading(md *m, cmark_node *node, int quotes)
{
    size_t first = (size_t)cmark_node_get_start_line(node);
    if (first < 1)
        return;
    size_t start = position(m, (int)first, cmark_node_get_start_column(node)), e = line_end(m, first);
    const unsigned char *u = m->u;
    size_t i = start;
    while (i < e && u[i] == '#')
        i++;
    if (i > start && i - start <= 6 && (i == e || u[i] == ' ' || u[i] == '\t')) {
        /* ATX: text between the opening #s and an optional closing sequence. */
        while (i < e && (u[i] == ' ' || u[i] == '\t'))
            i++;
        size_t j = e;
        while (j > i && (u[j - 1] == ' ' || u[j - 1] == '\t'))
            j--;
        size_t k = j;
        while (k > i && u[k - 1] == '#')
            k--;
        if (k < j && (k == i || u[k - 1] == ' ' || u[k - 1] == '\t'))
            j = k;
        while (j > i && (u[j - 1] == ' ' || u[j - 1] == '\t'))
            j--;
        restore_lines(m, first, first, i, j, quotes);
        return;
    }
    /* Setext: the lines up to the underline, which cmark's end position does
     * not always point at. */
    size_t last = first, limit = (size_t)cmark_node_get_end_line(node);
    if (limit < first + 1)
        limit = first + 1;
    if (limit > m->lines.n)
        limit = m->lines.n;
    while (last + 1 <= limit && !underline(m, last + 1, quotes))
        last++;
    if (last + 1 > limit)
        last = first; /* no underline found where expected: the first line alone */
    restore_lines(m, first, last, start, line_end(m, last), quotes);
}

/* ---- Front matter -------------------------------------------------------- */

/* The byte offset of libyaml's mark (line from 0, column in characters)
 * in the YAML text that starts at `base`. */
static size_t mark_offset(const md *m, size_t base_line, const yaml_mark_t *mark)
{
    size_t line = base_line + mark->line;
    size_t i = line_start(m, line), e = line_end(m, line);
    for (size_t c = 0; c < mark->column && i < e; c++) {
        size_t len;
        cl_utf8_decode(m->u + i, e - i, &len);
        i += len;
    }
    return i;
}

static bool fence_line(const md *m, size_t line, const char *fence)
{
    size_t i = line_start(m, line), e = line_end(m, line);
    while (e > i && (m->u[e - 1] == ' ' || m->u[e - 1] == '\t'))
        e--;
    return e - i == 3 && memcmp(m->t + i, fence, 3) == 0;
}

static void front_matter_date(md *m, size_t at, const char *value, size_t len)
{
    if (cl_ex_read_date(value, len, m->x->date))
        cl_ex_note(m->x, at, false, "document date %s, from the front matter", m->x->date);
    else
        cl_ex_note(m->x, at, true,
                   "front matter date '%.*s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY); it is not used",
                   (int)(len > 40 ? 40 : len), value);
}

/* TOML front matter ("+++" lines), as Hugo writes it: only a top-level
 * `date = 2025-01-15` (a TOML date or date-time, or a string) is read, by a
 * strict line reader; the rest is blanked unread. Returns its lines. */
static size_t toml_front_matter(md *m)
{
    size_t close = 2;
    while (close <= m->lines.n && !fence_line(m, close, "+++"))
        close++;
    if (close > m->lines.n)
        return 0;
    for (size_t line = 2; line < close; line++) {
        size_t i = line_start(m, line), e = line_end(m, line);
        while (i < e && (m->u[i] == ' ' || m->u[i] == '\t'))
            i++;
        if (i < e && m->u[i] == '[')
            break; /* a table: no longer the top level */
        if (e - i < 4 || memcmp(m->t + i, "date", 4) != 0)
            continue;
        i += 4;
        while (i < e && (m->u[i] == ' ' || m->u[i] == '\t'))
            i++;
        if (i >= e || m->u[i] != '=')
            continue;
        i++;
        while (i < e && (m->u[i] == ' ' || m->u[i] == '\t'))
            i++;
        size_t v = i, ve = e;
        if (v < e && (m->u[v] == '"' || m->u[v] == '\'')) {
            const void *q = memchr(m->t + v + 1, m->u[v], e - v - 1);
            ve = q ? (size_t)((const char *)q - m->t) : e;
            v++;
        } else {
            const void *hash = memchr(m->t + v, '#', e - v);
            if (hash)
                ve = (size_t)((const char *)hash - m->t);
        }
        front_matter_date(m, i, m->t + v, ve - v);
        break;
    }
    return close;
}

/* Reads the front matter at the top of the file ("---" line, YAML, "---" or
 * "..." line; or TOML between "+++" lines): its date becomes the document's
 * date. Returns the number of lines it takes, 0 when there is none. YAML
 * that parses to something other than a mapping (a thematic break and a
 * setext heading can look like a front matter) is not front matter. */
static size_t front_matter(md *m, const char *clean)
{
    if (m->lines.n >= 2 && fence_line(m, 1, "+++"))
        return toml_front_matter(m);
    if (m->lines.n < 2 || !fence_line(m, 1, "---"))
        return 0;
    size_t close = 2;
    while (close <= m->lines.n && !fence_line(m, close, "---") && !fence_line(m, close, "..."))
        close++;
    if (close > m->lines.n)
        return 0;
    size_t ys = line_start(m, 2), ye = line_start(m, close);
    yaml_parser_t p;
    yaml_document_t doc;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)clean + ys, ye - ys);
    if (!yaml_parser_load(&p, &doc)) {
        cl_ex_note(m->x, mark_offset(m, 2, &p.problem_mark), true,
                   "front matter is not valid YAML (%s); its date is not read", p.problem ? p.problem : "error");
        yaml_parser_delete(&p);
        return close;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    size_t lines = close;
    if (root && root->type != YAML_MAPPING_NODE) {
        lines = 0;
    } else if (root) {
        for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
            yaml_node_t *k = yaml_document_get_node(&doc, pr->key), *v = yaml_document_get_node(&doc, pr->value);
            if (!k || !v || k->type != YAML_SCALAR_NODE || strcmp((const char *)k->data.scalar.value, "date") != 0)
                continue;
            size_t at = mark_offset(m, 2, &v->start_mark);
            if (v->type == YAML_SCALAR_NODE)
                front_matter_date(m, at, (const char *)v->data.scalar.value, v->data.scalar.length);
            else
                front_matter_date(m, at, "...", 3);
            break;
        }
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&p);
    return lines;
}

/* ---- The extractor --------------------------------------------------------- */

/* A fenced or indented code block, fences included, for the session: a
 * directive quoted in a code block is an example, not a directive. */
static void code_block(md *m, cmark_node *node)
{
    int first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node);
    if (first < 1 || last < first)
        return;
    cl_extracted *x = m->x;
    x->code = cl_realloc(x->code, (x->n_code + 1) * 2 * sizeof *x->code);
    x->code[2 * x->n_code] = line_start(m, (size_t)first);
    x->code[2 * x->n_code + 1] = line_end(m, (size_t)last);
    x->n_code++;
}

void cl_ex_markdown(cl_extracted *x, const char *text, size_t n)
{
    md m = {.t = text, .u = (const unsigned char *)text, .o = x->text, .n = n, .x = x};
    cl_lines_init(&m.lines, text, n);
    m.lit = cl_calloc(n + 1, 1);
    for (size_t i = 0; i < n; i++)
        if (text[i] != '\n' && text[i] != '\r')
            m.o[i] = CL_BLANK;

    char *clean = cl_ex_sanitized(text, n);
    size_t fm = front_matter(&m, clean);
    /* cmark sees the front matter as blank lines, so its line numbers stay ours. */
    for (size_t i = 0, e = fm ? line_end(&m, fm) : 0; i < e; i++)
        if (clean[i] != '\n' && clean[i] != '\r')
            clean[i] = ' ';

    cmark_node *doc = cmark_parse_document(clean, n, CMARK_OPT_SOURCEPOS);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    int quotes = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_BLOCK_QUOTE)
            quotes += ev == CMARK_EVENT_ENTER ? 1 : -1;
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (type == CMARK_NODE_PARAGRAPH)
            paragraph(&m, node, quotes);
        else if (type == CMARK_NODE_HEADING)
            heading(&m, node, quotes);
        else if (type == CMARK_NODE_CODE_BLOCK)
            code_block(&m, node);
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    free(clean);
    free(m.lit);
    cl_lines_free(&m.lines);
}
