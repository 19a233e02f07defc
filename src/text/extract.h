/* Internal to the text layer: what the Markdown and HTML extractors share
 * (blanking, entities, bare URLs, the raw-HTML lexer, dates, notes). The
 * public side is cl_text_extract in text.h. */
#ifndef CL_TEXT_EXTRACT_H
#define CL_TEXT_EXTRACT_H

#include "text/text.h"

/* The extractors: x->text is a copy of text[0..n) to rewrite in place. */
void cl_ex_markdown(cl_extracted *x, const char *text, size_t n);
void cl_ex_html(cl_extracted *x, const char *text, size_t n);

/* o[a..b) = CL_BLANK. */
void cl_ex_blank(char *o, size_t a, size_t b);

/* The character reference starting at s[i] == '&' (&amp; &#20159; &#x4EBF;,
 * named ones from libxml2's HTML table), inside s[0..n). When it is one,
 * writes its UTF-8 bytes to o[i..] followed by CL_BLANK up to its length
 * (decoding never makes it longer) and returns that length; else returns 0
 * and writes nothing. Control characters decode to blanks only, numeric
 * references to 0x80-0x9F as Windows-1252 (as browsers do). */
size_t cl_ex_entity(char *o, const char *s, size_t i, size_t n);

/* A bare URL ("http://", "https://", "ftp://" or "www." at a word start)
 * at s[i] inside s[from..n): returns its end, without trailing punctuation
 * and unbalanced ')', or 0. It stops at whitespace, '<', '>', '"' and any
 * non-ASCII byte: in Chinese text a URL is followed by a character, not a
 * space. CL_BLANK bytes (entity padding) do not end it. */
size_t cl_ex_url_end(const char *s, size_t from, size_t i, size_t n);

/* What a left-to-right scan over one range has learnt: a terminator that
 * was not found from some offset will not be found from a later one. This
 * keeps "x <!-- x <!-- x <!--..." linear. Zero it per range. */
typedef struct cl_ex_memo {
    bool no_comment_end, no_pi_end, no_cdata_end, no_decl_end;
} cl_ex_memo;

/* The raw HTML at s[i] == '<' as CommonMark defines it (open tag, closing
 * tag, comment, processing instruction, declaration, CDATA section), inside
 * s[0..n): returns its end, or 0 when s[i] starts none. CL_BLANK counts as
 * whitespace inside a tag. memo belongs to the scan that calls this with
 * increasing i. */
size_t cl_ex_html_end(const char *s, size_t i, size_t n, cl_ex_memo *memo);

/* Reads a date as documents write theirs: YYYY, YYYY-MM or YYYY-MM-DD (also
 * with '/' or '.'; also 2025年1月15日), alone or followed by a time ("T08:00",
 * " 08:00:00 +0800"): the date part is taken. Surrounding spaces allowed.
 * Writes "YYYY", "YYYY-MM" or "YYYY-MM-DD" to out; false when s is not one,
 * or the month or day does not exist. */
bool cl_ex_read_date(const char *s, size_t n, char out[11]);

/* Adds a note (a problem, or a remark for --verbose) at offset off. */
void cl_ex_note(cl_extracted *x, size_t off, bool problem, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A copy of text[0..n) for an outside parser, NUL-terminated: NUL and
 * invalid UTF-8 bytes become '?' one for one, so the parser neither stops,
 * nor replaces them with longer U+FFFD, nor changes its mind about the
 * encoding, and its offsets stay ours. Caller frees. */
char *cl_ex_sanitized(const char *text, size_t n);

/* ASCII helpers. */
static inline bool cl_ex_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool cl_ex_is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool cl_ex_is_alnum(unsigned char c)
{
    return cl_ex_is_alpha(c) || (c >= '0' && c <= '9');
}

#endif
