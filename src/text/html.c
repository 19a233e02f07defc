/* HTML extraction: keeps the text a reader sees, blanks tags, comments and
 * the contents of <script>, <style>, <head> (but its <title>), <code> and
 * the like in a same-length copy, decodes entities in place, turns block
 * boundaries into line breaks, and reads the publication date from <meta>. */
#include "text/extract.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How the positions stay exact:
 *
 * libxml2's HTML parser does the parsing: its SAX events say which elements
 * open and close (implied ones included), where text, comments and script
 * bodies are, with attribute values decoded. It keeps no byte offsets in
 * its tree, but xmlByteConsumed() during a callback is the exact offset the
 * tokenizer has reached (our input is UTF-8, declared so, with no
 * conversion, so bytes in are bytes seen). Those offsets drive the scan
 * here: the bytes between one event and the next belong to the later event
 * (a start tag ends at the '>' the parser is looking at; an end tag, comment
 * or text run ends where the parser stands). Tags the parser reads and then
 * drops without an event (a stray </div>, a second <body>) lie inside such
 * a stretch; a '<' there followed by a letter, '/', '!' or '?' can only have
 * been read as markup by the tokenizer, so it is blanked up to its '>'. */

/* Elements whose text is not article text. <head> is handled apart (its
 * <title> is kept). */
static const char *const hidden_elements[] = {
    "script", "style", "noscript", "template", "iframe", "object", "svg", "math",
    "textarea", "select", "code", "button", "canvas", "audio", "video",
};

/* Elements that start or end a block: their tags become line breaks, so a
 * claim never runs from one paragraph, cell or list item into the next. */
static const char *const block_elements[] = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
    "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "ul",
};

/* Where a publication date may stand, best first: (attribute, value) of the
 * element, and the attribute holding the date. */
static const struct {
    const char *element; /* NULL: any */
    const char *key, *value, *date_attr;
    const char *origin;
} date_sources[] = {
    {"meta", "property", "article:published_time", "content", "<meta property=\"article:published_time\">"},
    {"meta", "name", "pubdate", "content", "<meta name=\"pubdate\">"},
    {"meta", "name", "publishdate", "content", "<meta name=\"publishdate\">"},
    {"meta", "name", "date", "content", "<meta name=\"date\">"},
    {"meta", "itemprop", "datePublished", "content", "<meta itemprop=\"datePublished\">"},
    {NULL, "itemprop", "datePublished", "datetime", "itemprop=\"datePublished\""},
    {"meta", "name", "DC.date.issued", "content", "<meta name=\"DC.date.issued\">"},
    {"time", NULL, NULL, "datetime", "<time datetime> in the <article>"},
};
#define N_DATE_SOURCES (sizeof date_sources / sizeof date_sources[0])

static bool in_list(const char *const *list, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && strncasecmp(list[i], name, len) == 0)
            return true;
    return false;
}

#define IN_LIST(list, name, len) in_list((list), sizeof(list) / sizeof((list)[0]), (name), (len))

typedef struct hx {
    const char *t;
    const unsigned char *u;
    char *o;
    size_t n;
    htmlParserCtxtPtr ctxt;
    size_t pos;                 /* the bytes before pos are done */
    size_t text_start;          /* a text run waiting to be written: [text_start, pos) */
    bool text_pending;
    int hidden, head, title, pre, article;
    size_t lt_pos, lt_end, lt;  /* find_end_tag's cache: the last '<' in [lt_pos, lt_end) */
    size_t date_rank;           /* index into date_sources of the date found, N_DATE_SOURCES for none */
    char date[11];
    size_t date_offset;
} hx;

/* Where the tokenizer stands, within [pos, n]. */
static size_t here(const hx *h)
{
    long c = xmlByteConsumed(h->ctxt);
    size_t at = c < 0 ? h->pos : (size_t)c;
    if (at < h->pos)
        at = h->pos;
    return at > h->n ? h->n : at;
}

static bool text_hidden(const hx *h)
{
    return h->hidden > 0 || (h->head > 0 && h->title == 0);
}

/* ---- Bytes ------------------------------------------------------------------- */

static size_t name_end(const unsigned char *u, size_t i, size_t n)
{
    while (i < n && (cl_ex_is_alnum(u[i]) || u[i] == '-' || u[i] == ':' || u[i] == '_'))
        i++;
    return i;
}

/* Blanks the tag at [a, b); a block element's tag starts with a line break. */
static void blank_tag(hx *h, size_t a, size_t b, const char *name, size_t len)
{
    cl_ex_blank(h->o, a, b);
    if (a < b && IN_LIST(block_elements, name, len))
        h->o[a] = '\n';
}

/* The end of markup the tokenizer read at u[i] == '<' without telling us:
 * a tag up to its '>' (quoted attribute values skipped), a comment up to
 * "-->", a declaration or processing instruction up to '>'. 0 when u[i]
 * starts no markup (a '<' before a space is text). Never past b. */
static size_t dropped_markup_end(const hx *h, size_t i, size_t b)
{
    const unsigned char *u = h->u;
    if (i + 1 >= b)
        return 0;
    unsigned char c = u[i + 1];
    size_t j;
    if (c == '!' && i + 3 < b && u[i + 2] == '-' && u[i + 3] == '-') {
        for (j = i + 4; j + 2 < b; j++)
            if (u[j] == '-' && u[j + 1] == '-' && u[j + 2] == '>')
                return j + 3;
        return b;
    }
    if (c == '!' || c == '?') {
        const void *gt = memchr(u + i, '>', b - i);
        return gt ? (size_t)((const unsigned char *)gt - u) + 1 : b;
    }
    if (!(cl_ex_is_alpha(c) || (c == '/' && i + 2 < b && cl_ex_is_alpha(u[i + 2]))))
        return 0;
    unsigned char quote = 0;
    for (j = i + 1; j < b; j++) {
        if (quote) {
            if (u[j] == quote)
                quote = 0;
        } else if (u[j] == '>') {
            return j + 1;
        } else if ((u[j] == '"' || u[j] == '\'') && j > i + 1 && (u[j - 1] == '=' || cl_ex_is_space(u[j - 1]))) {
            quote = u[j];
        }
    }
    return b;
}

/* Writes the text at [a, b) in the current context: blanked when hidden;
 * else entities decoded, markup the parser dropped blanked, line breaks read
 * as the spaces a browser shows (except in <pre>), bare URLs blanked. */
static void put_text(hx *h, size_t a, size_t b)
{
    if (a >= b)
        return;
    if (text_hidden(h)) {
        cl_ex_blank(h->o, a, b);
        return;
    }
    const unsigned char *u = h->u;
    for (size_t i = a; i < b;) {
        unsigned char c = u[i];
        size_t e;
        if (c == '<' && (e = dropped_markup_end(h, i, b)) != 0) {
            size_t s = i + 1 + (u[i + 1] == '/');
            blank_tag(h, i, e, h->t + s, name_end(u, s, e) - s);
            i = e;
        } else if (c == '&' && (e = cl_ex_entity(h->o, h->t, i, b)) != 0) {
            i += e;
        } else if ((c == '\n' || c == '\r') && !h->pre) {
            h->o[i] = c == '\r' && i + 1 < b && u[i + 1] == '\n' ? CL_BLANK : ' ';
            i++;
        } else {
            i++;
        }
    }
    for (size_t i = a; i < b; i++) {
        char c = h->o[i] | 0x20;
        if (c != 'h' && c != 'w' && c != 'f')
            continue;
        size_t e = cl_ex_url_end(h->o, a, i, b);
        if (e) {
            cl_ex_blank(h->o, i, e);
            i = e - 1;
        }
    }
}

static void flush_text(hx *h)
{
    if (h->text_pending)
        put_text(h, h->text_start, h->pos);
    h->text_pending = false;
}

/* Whether "<" + what (case-insensitive) starts at i and fits before end
 * (and before the end of the text, which need not be NUL-terminated). */
static bool markup_named(const hx *h, size_t i, size_t end, const char *what, size_t len)
{
    if (end > h->n)
        end = h->n;
    if (i >= end || h->u[i] != '<' || end - i - 1 < len || strncasecmp(h->t + i + 1, what, len) != 0)
        return false;
    /* "<b" is not the start of "<br>" */
    return !cl_ex_is_alnum((unsigned char)what[len - 1]) || i + 1 + len >= h->n ||
           name_end(h->u, i + 1 + len, h->n) == i + 1 + len;
}

/* The first "<" followed by `what` (case-insensitive) in [pos, end): the
 * stretch before it is text. SIZE_MAX when there is none. For comments,
 * processing instructions and the doctype, one event each. */
static size_t find_markup(const hx *h, size_t end, const char *what, size_t len)
{
    for (size_t i = h->pos; i < end; i++)
        if (markup_named(h, i, end, what, len))
            return i;
    return SIZE_MAX;
}

/* The start tag "<name" that the '>' at `end` closes: the last one before it
 * (searching back keeps this short; an implied element, which has no tag,
 * searches its stretch once, and there are only a few of those per tag). */
static size_t find_start_tag(const hx *h, size_t end, const char *name, size_t len)
{
    for (size_t i = end + 1; i-- > h->pos;)
        if (markup_named(h, i, end + 1, name, len))
            return i;
    return SIZE_MAX;
}

/* An end tag ends where the parser stands, so it can only be the last '<'
 * before that; an element closed by it or by the end of the file gets an
 * event there too. Those can come by the thousand at one offset (</div>
 * closing deep inline nesting), hence the one-entry cache. */
static size_t find_end_tag(hx *h, size_t end, const char *name, size_t len)
{
    if (h->lt_pos != h->pos || h->lt_end != end) {
        h->lt_pos = h->pos;
        h->lt_end = end;
        h->lt = SIZE_MAX;
        for (size_t i = end; i > h->pos; i--) {
            if (h->u[i - 1] == '<') {
                h->lt = i - 1;
                break;
            }
        }
    }
    size_t i = h->lt;
    if (i == SIZE_MAX || i + 1 >= end || h->u[i + 1] != '/')
        return SIZE_MAX;
    if (end - i - 2 < len || strncasecmp(h->t + i + 2, name, len) != 0 || name_end(h->u, i + 2 + len, end) != i + 2 + len)
        return SIZE_MAX;
    return i;
}

/* Everything in [pos, lt) is text (dropped markup in it is found by
 * put_text); [lt, end) is the markup of this event. */
static void take_markup(hx *h, size_t lt, size_t end, const char *name, size_t len)
{
    flush_text(h);
    put_text(h, h->pos, lt);
    blank_tag(h, lt, end, name, len);
    h->pos = end;
}

/* ---- Dates -------------------------------------------------------------- */

static const char *attr(const xmlChar **atts, const char *name)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (strcasecmp((const char *)atts[i], name) == 0)
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

static void consider_date(hx *h, const char *element, const xmlChar **atts, size_t at)
{
    for (size_t r = 0; r < h->date_rank; r++) {
        if (date_sources[r].element && strcasecmp(date_sources[r].element, element) != 0)
            continue;
        if (date_sources[r].key) {
            const char *v = attr(atts, date_sources[r].key);
            if (!v || strcasecmp(v, date_sources[r].value) != 0)
                continue;
        } else if (!h->article) {
            continue; /* <time datetime> counts inside the article only */
        }
        const char *d = attr(atts, date_sources[r].date_attr);
        char date[11];
        if (d && cl_ex_read_date(d, strlen(d), date)) {
            memcpy(h->date, date, sizeof date);
            h->date_rank = r;
            h->date_offset = at;
            return;
        }
    }
}

/* ---- SAX callbacks --------------------------------------------------------- */

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    hx *h = ((htmlParserCtxtPtr)ctx)->_private;
    const char *name = (const char *)xname;
    size_t len = strlen(name), end = here(h), at = h->pos;
    size_t lt = find_start_tag(h, end, name, len);
    if (lt != SIZE_MAX) {
        /* The parser stands at the '>' (or "/>") that closes the tag. */
        size_t e = end;
        if (e < h->n && h->u[e] == '>')
            e++;
        else if (e + 1 < h->n && h->u[e] == '/' && h->u[e + 1] == '>')
            e += 2;
        take_markup(h, lt, e, name, len);
        at = lt;
    } else {
        flush_text(h); /* an implied element: no bytes of its own */
    }
    if (IN_LIST(hidden_elements, name, len))
        h->hidden++;
    else if (strcasecmp(name, "head") == 0)
        h->head++;
    else if (strcasecmp(name, "title") == 0)
        h->title++;
    else if (strcasecmp(name, "pre") == 0)
        h->pre++;
    else if (strcasecmp(name, "article") == 0)
        h->article++;
    consider_date(h, name, atts, at);
}

static void on_end(void *ctx, const xmlChar *xname)
{
    hx *h = ((htmlParserCtxtPtr)ctx)->_private;
    const char *name = (const char *)xname;
    size_t len = strlen(name), end = here(h);
    size_t lt = find_end_tag(h, end, name, len);
    if (lt != SIZE_MAX)
        take_markup(h, lt, end, name, len);
    else
        flush_text(h); /* implied: closed by another tag or by the end */
    int *depth = IN_LIST(hidden_elements, name, len)   ? &h->hidden
                 : strcasecmp(name, "head") == 0       ? &h->head
                 : strcasecmp(name, "title") == 0      ? &h->title
                 : strcasecmp(name, "pre") == 0        ? &h->pre
                 : strcasecmp(name, "article") == 0    ? &h->article
                                                       : NULL;
    if (depth && *depth > 0)
        (*depth)--;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    hx *h = ((htmlParserCtxtPtr)ctx)->_private;
    size_t end = here(h);
    if (!h->text_pending) {
        h->text_pending = true;
        h->text_start = h->pos;
    }
    h->pos = end;
}

/* Script and style bodies. */
static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
    hx *h = ((htmlParserCtxtPtr)ctx)->_private;
    flush_text(h);
    size_t end = here(h);
    cl_ex_blank(h->o, h->pos, end);
    h->pos = end;
}

static void blank_through(hx *h, const char *what)
{
    size_t end = here(h);
    size_t lt = find_markup(h, end, what, strlen(what));
    take_markup(h, lt == SIZE_MAX ? h->pos : lt, end, "", 0);
}

static void on_comment(void *ctx, const xmlChar *value)
{
    blank_through(((htmlParserCtxtPtr)ctx)->_private, "!--");
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    blank_through(((htmlParserCtxtPtr)ctx)->_private, "?");
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external, const xmlChar *system)
{
    blank_through(((htmlParserCtxtPtr)ctx)->_private, "!");
}

/* ---- The extractor --------------------------------------------------------- */

void cl_ex_html(cl_extracted *x, const char *text, size_t n)
{
    hx h = {.t = text, .u = (const unsigned char *)text, .o = x->text, .n = n, .lt_pos = SIZE_MAX,
            .date_rank = N_DATE_SOURCES};
    if (n > INT_MAX) {
        cl_ex_blank(h.o, 0, n); /* beyond what libxml2 reads in one buffer */
        return;
    }
    xmlInitParser();
    char *clean = cl_ex_sanitized(text, n);
    h.ctxt = htmlCreateMemoryParserCtxt(clean, (int)n);
    if (h.ctxt) {
        /* IGNORE_ENC: the text is UTF-8 already, whatever its <meta charset>
         * says; HUGE: no depth limit, so deep nesting does not end parsing. */
        htmlCtxtUseOptions(h.ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                       HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
        /* Say UTF-8 outright: left to guess, the parser falls back to
         * ISO-8859-1 at the first non-ASCII byte, and with a converter in
         * place xmlByteConsumed() re-encodes the rest of the input on every
         * call (quadratic, 0.5 MB/s). */
        xmlSwitchEncoding(h.ctxt, XML_CHAR_ENCODING_UTF8);
        xmlSAXHandler *sax = h.ctxt->sax;
        memset(sax, 0, sizeof *sax);
        sax->startElement = on_start;
        sax->endElement = on_end;
        sax->characters = on_text;
        sax->ignorableWhitespace = on_text;
        sax->cdataBlock = on_cdata;
        sax->comment = on_comment;
        sax->processingInstruction = on_pi;
        sax->internalSubset = on_doctype;
        h.ctxt->_private = &h;
        h.ctxt->userData = h.ctxt;
        htmlParseDocument(h.ctxt);
        htmlFreeParserCtxt(h.ctxt);
        h.ctxt = NULL;
    }
    free(clean);
    flush_text(&h);
    /* Whatever the parser did not reach (it stops on a fatal error). */
    put_text(&h, h.pos, n);
    if (h.date_rank < N_DATE_SOURCES) {
        memcpy(x->date, h.date, sizeof h.date);
        cl_ex_note(x, h.date_offset, false, "document date %s, from %s", h.date, date_sources[h.date_rank].origin);
    }
}
