/* Extraction of article text: the same-length rewrite that blanks markup and
 * decodes entities in place (so every offset stays an offset in the file),
 * and the pieces the Markdown and HTML extractors share: character
 * references, bare URLs, the raw-HTML lexer and the reading of dates. */
#include "text/extract.h"

#include <libxml/HTMLparser.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

cl_markup cl_markup_for_name(const char *name)
{
    static const struct {
        const char *ext;
        cl_markup markup;
    } exts[] = {
        {".md", CL_MARKUP_MARKDOWN},
        {".markdown", CL_MARKUP_MARKDOWN},
        {".html", CL_MARKUP_HTML},
        {".htm", CL_MARKUP_HTML},
    };
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return CL_MARKUP_TEXT;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot, exts[i].ext) == 0)
            return exts[i].markup;
    return CL_MARKUP_TEXT;
}

char *cl_text_visible(const char *s, size_t n)
{
    char *out = cl_malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != CL_BLANK)
            out[k++] = s[i];
    out[k] = '\0';
    return out;
}

void cl_ex_blank(char *o, size_t a, size_t b)
{
    if (a < b)
        memset(o + a, CL_BLANK, b - a);
}

void cl_ex_note(cl_extracted *x, size_t off, bool problem, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    x->notes = cl_realloc(x->notes, (x->n_notes + 1) * sizeof *x->notes);
    x->notes[x->n_notes++] = (cl_extract_note){off, problem, cl_strdup(buf)};
}

char *cl_ex_sanitized(const char *text, size_t n)
{
    const unsigned char *u = (const unsigned char *)text;
    char *s = cl_malloc(n + 1);
    memcpy(s, text, n);
    s[n] = '\0';
    for (size_t i = 0; i < n;) {
        if (u[i] == 0) {
            s[i++] = '?';
            continue;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t len;
        if (cl_utf8_decode(u + i, n - i, &len) == CL_UTF8_INVALID)
            s[i] = '?';
        i += len;
    }
    return s;
}

/* ---- Character references ----------------------------------------------- */

/* Numeric references to 0x80-0x9F mean Windows-1252 in practice (HTML's
 * "numeric character reference end state"); 0 marks the five holes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static bool is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned hex_value(unsigned char c)
{
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

size_t cl_ex_entity(char *o, const char *s, size_t i, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = i + 1;
    uint32_t cp;
    if (j < n && u[j] == '#') {
        j++;
        bool hex = j < n && (u[j] == 'x' || u[j] == 'X');
        j += hex;
        size_t digits = 0, max = hex ? 6 : 7; /* CommonMark's limits */
        cp = 0;
        while (j < n && digits < max && (hex ? is_hex(u[j]) : (u[j] >= '0' && u[j] <= '9'))) {
            cp = cp * (hex ? 16 : 10) + (hex ? hex_value(u[j]) : (uint32_t)(u[j] - '0'));
            j++, digits++;
        }
        if (digits == 0 || j >= n || u[j] != ';')
            return 0;
        j++;
        if (cp >= 0x80 && cp <= 0x9F)
            cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
        else if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
    } else {
        size_t name = j;
        while (j < n && j - name < 32 && cl_ex_is_alnum(u[j]))
            j++;
        if (j == name || j >= n || u[j] != ';')
            return 0;
        char buf[33];
        memcpy(buf, s + name, j - name);
        buf[j - name] = '\0';
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)buf);
        if (!e)
            return 0;
        cp = e->value;
        j++;
    }
    size_t len = j - i;
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F) {
        cl_ex_blank(o, i, j); /* not text, and 0x01 would collide with CL_BLANK */
        return len;
    }
    char buf[4];
    size_t k = cl_utf8_encode(cp, buf);
    if (k > len)
        return 0; /* cannot happen: the shortest reference is 4 bytes, "&lt;" or "&#9;" */
    memcpy(o + i, buf, k);
    cl_ex_blank(o, i + k, j);
    return len;
}

/* ---- Bare URLs ------------------------------------------------------------- */

static bool starts_ci(const char *s, size_t i, size_t n, const char *word)
{
    size_t k = strlen(word);
    return n - i >= k && strncasecmp(s + i, word, k) == 0;
}

size_t cl_ex_url_end(const char *s, size_t from, size_t i, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i > from && (cl_ex_is_alnum(u[i - 1]) || u[i - 1] == '@' || u[i - 1] == '.' || u[i - 1] == '/'))
        return 0;
    static const char *const starts[] = {"https://", "http://", "ftp://", "www."};
    size_t j = 0;
    for (size_t k = 0; k < sizeof starts / sizeof starts[0] && !j; k++)
        if (starts_ci(s, i, n, starts[k]))
            j = i + strlen(starts[k]);
    if (!j || j >= n || !(cl_ex_is_alnum(u[j]) || u[j] == '['))
        return 0;
    while (j < n && ((u[j] > 0x20 && u[j] < 0x7F && u[j] != '<' && u[j] != '>' && u[j] != '"') || u[j] == CL_BLANK))
        j++;
    /* Trailing punctuation is the sentence's, as GitHub's autolinker has it;
     * a closing parenthesis only when the URL has its opening one. */
    size_t open = 0, close = 0;
    for (size_t k = i; k < j; k++)
        open += u[k] == '(', close += u[k] == ')';
    for (;;) {
        unsigned char c = u[j - 1];
        if (strchr("?!.,:;*_~'", c) || c == CL_BLANK || (c == ')' && close > open)) {
            close -= c == ')';
            j--;
            continue;
        }
        break;
    }
    return j;
}

/* ---- Raw HTML, as CommonMark lexes it ------------------------------------ */

static bool tag_space(unsigned char c)
{
    return cl_ex_is_space(c) || c == CL_BLANK;
}

/* The end of the first occurrence of `what` in s[i..n), or 0. */
static size_t find_end(const char *s, size_t i, size_t n, const char *what)
{
    size_t k = strlen(what);
    for (size_t j = i; j + k <= n; j++)
        if (memcmp(s + j, what, k) == 0)
            return j + k;
    return 0;
}

static size_t open_tag_end(const unsigned char *u, size_t i, size_t n)
{
    size_t j = i + 1;
    if (j >= n || !cl_ex_is_alpha(u[j]))
        return 0;
    while (j < n && (cl_ex_is_alnum(u[j]) || u[j] == '-'))
        j++;
    for (;;) {
        size_t ws = j;
        while (j < n && tag_space(u[j]))
            j++;
        if (j >= n)
            return 0;
        if (u[j] == '>')
            return j + 1;
        if (u[j] == '/')
            return j + 1 < n && u[j + 1] == '>' ? j + 2 : 0;
        if (j == ws || !(cl_ex_is_alpha(u[j]) || u[j] == '_' || u[j] == ':'))
            return 0;
        while (j < n && (cl_ex_is_alnum(u[j]) || u[j] == '_' || u[j] == '.' || u[j] == ':' || u[j] == '-'))
            j++;
        size_t before = j;
        while (j < n && tag_space(u[j]))
            j++;
        if (j < n && u[j] == '=') {
            j++;
            while (j < n && tag_space(u[j]))
                j++;
            if (j >= n)
                return 0;
            if (u[j] == '"' || u[j] == '\'') {
                unsigned char q = u[j++];
                while (j < n && u[j] != q)
                    j++;
                if (j >= n)
                    return 0;
                j++;
            } else {
                size_t v = j;
                while (j < n && !tag_space(u[j]) && !strchr("\"'=<>`", u[j]))
                    j++;
                if (j == v)
                    return 0;
            }
        } else {
            j = before; /* an attribute without a value */
        }
    }
}

/* find_end, or 0 at once when an earlier search from before i failed. */
static size_t find_end_once(const char *s, size_t i, size_t n, const char *what, bool *failed)
{
    if (*failed)
        return 0;
    size_t e = find_end(s, i, n, what);
    *failed = e == 0;
    return e;
}

size_t cl_ex_html_end(const char *s, size_t i, size_t n, cl_ex_memo *memo)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i + 1 >= n)
        return 0;
    unsigned char c = u[i + 1];
    if (cl_ex_is_alpha(c))
        return open_tag_end(u, i, n);
    if (c == '/') {
        size_t j = i + 2;
        if (j >= n || !cl_ex_is_alpha(u[j]))
            return 0;
        while (j < n && (cl_ex_is_alnum(u[j]) || u[j] == '-'))
            j++;
        while (j < n && tag_space(u[j]))
            j++;
        return j < n && u[j] == '>' ? j + 1 : 0;
    }
    if (c == '?')
        return find_end_once(s, i + 2, n, "?>", &memo->no_pi_end);
    if (c != '!')
        return 0;
    if (starts_ci(s, i, n, "<!--")) {
        if (starts_ci(s, i, n, "<!-->"))
            return i + 5;
        if (starts_ci(s, i, n, "<!--->"))
            return i + 6;
        return find_end_once(s, i + 4, n, "-->", &memo->no_comment_end);
    }
    if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0)
        return find_end_once(s, i + 9, n, "]]>", &memo->no_cdata_end);
    if (i + 2 < n && cl_ex_is_alpha(u[i + 2]))
        return find_end_once(s, i + 2, n, ">", &memo->no_decl_end);
    return 0;
}

/* ---- Dates ------------------------------------------------------------------- */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Reads min to max digits at u[*i], not followed by another digit; -1 if none. */
static int digits(const unsigned char *u, size_t n, size_t *i, int min, int max)
{
    int v = 0, k = 0;
    while (*i < n && k < max && u[*i] >= '0' && u[*i] <= '9')
        v = v * 10 + (u[(*i)++] - '0'), k++;
    if (k < min || (*i < n && u[*i] >= '0' && u[*i] <= '9'))
        return -1;
    return v;
}

/* Nothing, or a time: "T08:00", " 08:00:00 +0800". */
static bool time_or_end(const unsigned char *u, size_t n, size_t i)
{
    if (i == n)
        return true;
    if (u[i] == 'T' || u[i] == 't')
        return i + 1 < n && u[i + 1] >= '0' && u[i + 1] <= '9';
    return u[i] == ' ' || u[i] == '\t';
}

bool cl_ex_read_date(const char *s, size_t n, char out[11])
{
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && cl_ex_is_space(u[i]))
        i++;
    while (n > i && cl_ex_is_space(u[n - 1]))
        n--;
    int y = digits(u, n, &i, 4, 4), m = 0, d = 0;
    if (y < 1000)
        return false;
    bool cjk = starts_ci(s, i, n, "年");
    if (cjk || (i < n && (u[i] == '-' || u[i] == '/' || u[i] == '.'))) {
        unsigned char sep = cjk ? 0 : u[i];
        i += cjk ? strlen("年") : 1;
        if (!(cjk && i == n)) {
            m = digits(u, n, &i, 1, 2);
            if (m < 1 || m > 12)
                return false;
            if (cjk) {
                if (!starts_ci(s, i, n, "月"))
                    return false;
                i += strlen("月");
            }
            if (cjk ? i < n : i < n && u[i] == sep) {
                i += !cjk;
                d = digits(u, n, &i, 1, 2);
                if (d < 1 || d > month_days[m - 1] + (m == 2 && leap(y)))
                    return false;
                if (cjk) {
                    if (!starts_ci(s, i, n, "日"))
                        return false;
                    i += strlen("日");
                }
            }
        }
    }
    if (!time_or_end(u, n, i))
        return false;
    /* The remainders only tell the compiler the widths that hold anyway. */
    unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 100u, dd = (unsigned)d % 100u;
    if (d)
        snprintf(out, 11, "%04u-%02u-%02u", yy, mm, dd);
    else if (m)
        snprintf(out, 11, "%04u-%02u", yy, mm);
    else
        snprintf(out, 11, "%04u", yy);
    return true;
}

/* ---- The entry point ----------------------------------------------------- */

/* The extractors blank and decode ASCII markup only, so a multi-byte
 * character of the input is either kept or blanked whole; invalid bytes are
 * put back where they were so that the normaliser reports every one of them
 * (inside markup too), with its position, as for a plain-text file. */
static void put_back_invalid(char *o, const char *text, size_t n)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t len;
        if (cl_utf8_decode(u + i, n - i, &len) == CL_UTF8_INVALID) {
            o[i] = text[i];
            i++;
            continue;
        }
        if (memcmp(o + i, text + i, len) != 0)
            cl_ex_blank(o, i, i + len); /* never half a character */
        i += len;
    }
}

void cl_text_extract(cl_extracted *out, cl_markup markup, const char *text, size_t n)
{
    memset(out, 0, sizeof *out);
    out->text = cl_malloc(n + 1);
    memcpy(out->text, text, n);
    out->text[n] = '\0';
    out->len = n;
    if (markup == CL_MARKUP_MARKDOWN)
        cl_ex_markdown(out, text, n);
    else if (markup == CL_MARKUP_HTML)
        cl_ex_html(out, text, n);
    else
        return;
    put_back_invalid(out->text, text, n);
}

void cl_extracted_free(cl_extracted *x)
{
    if (!x)
        return;
    free(x->text);
    for (size_t i = 0; i < x->n_notes; i++)
        free(x->notes[i].message);
    free(x->notes);
    free(x->code);
    memset(x, 0, sizeof *x);
}
