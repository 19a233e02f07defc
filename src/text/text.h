/* Text layer: the Traditional-to-Simplified fold table (from OpenCC), the
 * normaliser that rules match against, the map from normalised bytes back to
 * the original file, and line/column computation in the original. Depends
 * only on base. */
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

/* The byte that stands for "not article text" in a document's extracted
 * copy (markup, code, entity padding): same-length blanking keeps every
 * offset an offset in the file, and the normaliser drops these bytes. */
#define CL_BLANK '\x01'

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
} cl_lines;

/* Index the line starts of orig (LF, CRLF and lone CR end a line). A leading
 * BOM is not counted in line 1's columns. */
void cl_lines_init(cl_lines *lines, const char *orig, size_t len);
void cl_lines_free(cl_lines *lines);
/* Line (from 1) and column (from 1, in `unit`) of original byte offset off. */
void cl_lines_locate(const cl_lines *lines, size_t off, cl_column_unit unit, int *line, int *column);

#endif
