/* Text layer: reading a document (decoding its bytes to UTF-8, extracting
 * the article text of Markdown and HTML), the Traditional-to-Simplified fold
 * table (from OpenCC), the normaliser that rules match against, the map from
 * normalised bytes back to the original file, and line/column computation in
 * the original. Depends on base, OpenCC, iconv, cmark, libxml2 and libyaml. */
#ifndef CL_TEXT_H
#define CL_TEXT_H

#include "base/base.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Fold table ----------------------------------------------------------
 * A code-point-to-code-point table built once from OpenCC's character-level
 * Traditional-to-Simplified conversion (t2s.json applied to single
 * characters, so phrase rules never change lengths). Immutable after
 * creation, so one table can serve many threads. */
typedef struct cl_fold cl_fold;

/* Builds the table (about 20 ms). Returns NULL and sets err when OpenCC or its
 * data cannot be loaded. Free with cl_fold_free. */
cl_fold *cl_fold_new(cl_error *err);
void cl_fold_free(cl_fold *fold);
/* Simplified form of a Han code point; other code points come back unchanged. */
uint32_t cl_fold_han(const cl_fold *fold, uint32_t cp);
/* Folds a rule pattern or a name for comparison: Han characters to
 * Simplified, full-width digits and letters to ASCII. Never touches
 * punctuation, so regular-expression syntax keeps its meaning. Caller frees. */
char *cl_fold_string(const cl_fold *fold, const char *s, size_t n);

/* ---- Reading a document -----------------------------------------------------
 * A document becomes text in two steps that never move a byte, so every
 * offset the later layers compute is an offset in the (UTF-8) file:
 *  1. decoding: UTF-8 as it is; otherwise GB18030 when the bytes decode
 *     cleanly as GB18030, or the encoding asked for (any iconv name), each
 *     transcoded to UTF-8. Positions are then those of the UTF-8 text: the
 *     same lines, exact character columns, byte columns in UTF-8 bytes;
 *  2. extraction: a same-length copy of the UTF-8 text in which every byte
 *     that is not article text (Markdown front matter, code, URLs, HTML tags,
 *     scripts, ...) is CL_BLANK, block boundaries are '\n', and entities are
 *     decoded in place (the decoded bytes, then CL_BLANK up to the entity's
 *     length). The normaliser drops CL_BLANK bytes (docs/normalization.md). */

/* The byte that stands for "not article text" in an extracted copy. */
#define CL_BLANK '\x01'

/* Values as in claimlint.h's cl_input_format. */
typedef enum cl_markup { CL_MARKUP_AUTO = 0, CL_MARKUP_TEXT, CL_MARKUP_MARKDOWN, CL_MARKUP_HTML } cl_markup;

/* The format of a file by its name: .md and .markdown are Markdown, .html and
 * .htm HTML (case-insensitively), anything else (and NULL) text. */
cl_markup cl_markup_for_name(const char *name);

/* Decoding (decode.c). */
typedef enum cl_decode_status {
    CL_DECODE_OK = 0,
    CL_DECODE_UNKNOWN, /* iconv does not know the encoding asked for */
    CL_DECODE_BAD      /* the bytes do not decode in the encoding asked for */
} cl_decode_status;

typedef struct cl_decoded {
    const char *text;   /* the UTF-8 text: the input itself, or `owned` */
    size_t len;
    char *owned;        /* the transcoded text, NUL-terminated, or NULL */
    char encoding[64];  /* "" when read as UTF-8; else "GB18030" or the name asked for */
    size_t bad_offset;  /* CL_DECODE_BAD: offset in the input of the first byte that does not decode */
} cl_decoded;

/* Decode data[0..len). encoding NULL (or "") detects: valid UTF-8 (with or
 * without BOM) is used as it is; otherwise the data is read as GB18030 when
 * it decodes without a single error and has fewer well-formed multi-byte
 * UTF-8 sequences than invalid bytes (a UTF-8 file with a few stray bytes is
 * not GB18030 text, even when the bytes happen to pair up); otherwise it is
 * UTF-8 with invalid bytes, which the normaliser reports and replaces.
 * encoding "UTF-8" (or "UTF8") reads UTF-8 without detection; any other name
 * is given to iconv. On CL_DECODE_OK out->text is valid until
 * cl_decoded_free and until data is freed; on an error nothing needs freeing. */
cl_decode_status cl_text_decode(cl_decoded *out, const char *data, size_t len, const char *encoding);
void cl_decoded_free(cl_decoded *d); /* accepts a zeroed or NULL value */
/* Whether iconv can convert from `name` to UTF-8. */
bool cl_encoding_known(const char *name);

/* Extraction (extract.c, markdown.c, html.c). */
typedef struct cl_extract_note {
    size_t offset;   /* in the text */
    bool problem;    /* a warning (true) or an explanation for --verbose (false) */
    char *message;   /* owned */
} cl_extract_note;

typedef struct cl_extracted {
    char *text;      /* same length as the input, NUL-terminated, owned */
    size_t len;
    char date[11];   /* the document's own date ("YYYY-MM-DD", "YYYY-MM" or "YYYY"), or "" */
    cl_extract_note *notes; /* owned: where the date came from, front matter problems */
    size_t n_notes;
    size_t *code;    /* owned: Markdown code blocks, as byte ranges [code[2i], code[2i+1]) of whole lines */
    size_t n_code;   /* the number of ranges */
} cl_extracted;

/* Extract the article text of text[0..len) (UTF-8, invalid bytes allowed:
 * they are kept where they are so the normaliser reports them). markup
 * TEXT copies the text as it is; AUTO is taken as TEXT. */
void cl_text_extract(cl_extracted *out, cl_markup markup, const char *text, size_t len);
void cl_extracted_free(cl_extracted *x); /* accepts a zeroed or NULL value */

/* A copy of s[0..n) without its CL_BLANK bytes, NUL-terminated, for showing
 * an extracted span ("148</b>项" shows as "148项"). Caller frees. */
char *cl_text_visible(const char *s, size_t n);

/* ---- Normalised text -----------------------------------------------------
 * What rules match against. Produced from the original bytes by, in one
 * linear pass:
 *  - dropping a leading UTF-8 BOM and every CL_BLANK byte (transparent to
 *    the rules below: "148\x01\x01项" is "148项"); CRLF and lone CR become LF;
 *  - invalid UTF-8 bytes become U+FFFD (each recorded in `invalid`);
 *  - full-width digits, letters and ％ ． ／ ＋ － ＄ ＜ ＝ ＞ ＃ to ASCII; U+3000
 *    and U+00A0 to a space; zero-width characters (U+200B-200D, U+2060, U+FEFF)
 *    dropped (the full-width comma ， and the ideographic comma 、 stay: they
 *    are punctuation, not separators);
 *  - Han characters folded to Simplified with cl_fold;
 *  - pinyin that scrapers leave after a character, "區(qū)" -> "区", dropped;
 *  - spaces and tabs removed where one neighbour is CJK and the other is not a
 *    line break ("2025 年 1 月" -> "2025年1月"). A curly quote “ ” ‘ ’ counts
 *    as CJK only when the character on its far side is CJK, because English
 *    uses the same quotes ("said “yes”" keeps its space).
 * map[i] is the byte offset in the original of the normalised byte i (for a
 * byte inside a multi-byte character, the original character's start), and
 * map[len] is the original length. Dropped input produces no bytes, so the
 * byte after it maps to its own origin: a span [a, b) starts at map[a] in the
 * original. Its end is cl_text_orig_end(t, b), not map[b]: map[b] would also
 * take in whatever was dropped after the span (pinyin, spaces, a CR). */
typedef struct cl_text {
    char *norm;        /* NUL-terminated normalised UTF-8, owned */
    size_t len;
    uint32_t *map;     /* len + 1 entries, owned */
    size_t *invalid;   /* original offsets of invalid UTF-8 bytes, ascending, owned */
    size_t n_invalid;
    const char *orig;  /* the original, borrowed: cl_text_orig_end reads it */
} cl_text;

/* Normalise orig[0..n). fold may be NULL (no script folding). Returns false
 * only when n does not fit the 32-bit map (files over 4 GiB). The text keeps
 * a pointer to orig, which must outlive it for cl_text_orig_end. */
bool cl_text_normalize(cl_text *out, const char *orig, size_t n, const cl_fold *fold);
void cl_text_free(cl_text *t); /* accepts a zeroed or NULL text */
/* The original offset just past the character that ends at normalised offset
 * norm_end (the character holding byte norm_end - 1), so the original of span
 * [a, b) is [map[a], cl_text_orig_end(t, b)). Every normalised character comes
 * from exactly one original character, whose length is found by decoding the
 * original at its start: "３" is 3 original bytes for 1 normalised byte, an
 * invalid byte is 1 for the 3 of U+FFFD. norm_end 0 gives map[0]. */
size_t cl_text_orig_end(const cl_text *t, size_t norm_end);

/* ---- Lines and columns in the original -------------------------------- */
typedef enum cl_column_unit {
    CL_COLUMN_BYTE = 0, /* GCC's default: bytes from the line start */
    CL_COLUMN_CHAR,     /* Unicode code points */
    CL_COLUMN_DISPLAY,  /* terminal cells: East Asian wide characters count 2 */
    CL_COLUMN_UTF16     /* UTF-16 code units (VS Code, LSP) */
} cl_column_unit;

typedef struct cl_lines {
    const char *orig;  /* borrowed */
    size_t len;
    size_t *starts;    /* offset of each line's first byte, owned */
    size_t n;          /* number of lines (at least 1) */
    size_t bom;        /* 3 when the file starts with a BOM, else 0 */
    int first_line;    /* lines before orig, when a file is read in pieces (else 0) */
} cl_lines;

/* Index the line starts of orig (LF, CRLF and lone CR end a line). A leading
 * BOM is not counted in line 1's columns. */
void cl_lines_init(cl_lines *lines, const char *orig, size_t len);
void cl_lines_free(cl_lines *lines);
/* Line (from 1) and column (from 1, in `unit`) of original byte offset off. */
void cl_lines_locate(const cl_lines *lines, size_t off, cl_column_unit unit, int *line, int *column);

/* ---- A document read for checking ------------------------------------------ */

/* A whole document made ready for matching: decoded, extracted, with its
 * problems and remarks located in the file. */
typedef enum cl_notice_kind { CL_NOTICE_ERROR, CL_NOTICE_WARNING, CL_NOTICE_REMARK } cl_notice_kind;

typedef struct cl_notice {
    cl_notice_kind kind;
    size_t offset;        /* in the file's text (in the undecoded bytes for decoding errors) */
    int line, column;     /* from 1, or 0 for the whole file */
    char *message;        /* owned */
} cl_notice;

typedef struct cl_input {
    const char *text;      /* the UTF-8 text positions refer to (borrowed from the input, or owned) */
    size_t len;
    const char *extracted; /* what the normaliser reads: same length as text (may be text itself) */
    char date[11];         /* the document's own date, or "" */
    const size_t *code;    /* code blocks (Markdown), [code[2i], code[2i+1]) in text: no directives there */
    size_t n_code;
    const char *encoding;  /* NULL for UTF-8, else the encoding read (points into this value: do not copy it) */
    cl_notice *notices;    /* owned, in file order */
    size_t n_notices;
    bool failed;           /* the bytes could not be decoded: there is nothing to check */
    cl_decoded dec;        /* private */
    cl_extracted ex;       /* private */
} cl_input;

/* Read data[0..len) named `name` (its extension picks the markup when markup
 * is AUTO) in `encoding` (NULL: detect, see cl_text_decode). data must
 * outlive the input. Notices are located in `unit`. Never fails: a decoding
 * error becomes an error notice and sets `failed`. */
void cl_input_open(cl_input *src, const char *name, const char *data, size_t len, cl_markup markup,
                    const char *encoding, cl_column_unit unit);
void cl_input_free(cl_input *src); /* accepts a zeroed or NULL input */

#endif
