/* Lexing shared by the value parsers (quantity.c, date.c), internal to
 * src/value: code points are read with full-width ASCII, ASCII case and the
 * Traditional characters that numbers, units and dates use folded, so every
 * word table is written once, in Simplified Chinese and lower-case ASCII. */
#ifndef CL_VALUE_LEX_H
#define CL_VALUE_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The folded code point at s[pos..n) and its length in bytes in *len (0 at
 * the end of the text, where it returns 0). Invalid UTF-8 reads as
 * CL_UTF8_INVALID with *len = 1. */
uint32_t cl_lex_cp(const char *s, size_t n, size_t pos, size_t *len);

/* Bytes of s taken by `word` at pos (a folded word: Simplified, lower-case
 * ASCII), or 0. A space in word matches one or more spaces in s. A word that
 * starts or ends with an ASCII letter only matches between word boundaries,
 * so "over" never matches the start of "overall". */
size_t cl_lex_word(const char *s, size_t n, size_t pos, const char *word);

/* The longest match at pos among `count` table entries of `stride` bytes,
 * each starting with a `const char *word`; NULL when none matches. Stores the
 * bytes taken in *len. */
const void *cl_lex_table(const char *s, size_t n, size_t pos, const void *table, size_t count,
                         size_t stride, size_t *len);
#define CL_LEX_TABLE(s, n, pos, table, len) \
    cl_lex_table((s), (n), (pos), (table), sizeof(table) / sizeof((table)[0]), sizeof((table)[0]), (len))

/* pos moved past ASCII spaces and tabs (and the ideographic space). */
size_t cl_lex_space(const char *s, size_t n, size_t pos);

/* The value of an ASCII (or full-width) digit at pos, or -1; *len as cl_lex_cp. */
int cl_lex_digit(const char *s, size_t n, size_t pos, size_t *len);

/* A run of plain Arabic digits at pos: returns its end (pos when there is
 * none) and stores the digit count and, when it fits in 18 digits, the value
 * (otherwise -1). */
size_t cl_lex_digits(const char *s, size_t n, size_t pos, int64_t *value, int *ndigits);

/* A Chinese integer numeral (一百零六, 三千五百万, 两千, 廿, 壹佰, 二〇二五). */
typedef struct cl_lex_cjk {
    int64_t value;
    int64_t place;  /* place value of the last stated digit: 1 for 一百零六 and
                       两千, 10000 for 三千五百万, 1000 for the colloquial 一万五 */
    int ndigits;    /* digits in a positional numeral (二〇二五: 4); 0 otherwise */
    bool big;       /* ends with 万 or 亿 */
} cl_lex_cjk;

/* A run of Chinese digit characters only (〇 零 一 ... 九 壹 ... 玖 两), as in
 * years (二〇二五) and after 点; returns its end (pos when none, or more than
 * 18 digits) and stores the value and the digit count. */
size_t cl_lex_cjk_digits(const char *s, size_t n, size_t pos, int64_t *value, int *ndigits);

/* Reads the longest numeral at pos; returns its end, or pos when there is no
 * numeral there or it is malformed (十十, 五五百, 一万万, a bare 万). */
size_t cl_lex_cjk_int(const char *s, size_t n, size_t pos, cl_lex_cjk *out);

/* The same for a numeral that starts with a place word of 百 or more and no
 * digit before it, read with an implied 一 (百 as 一百, 千亿 as 一千亿, 万 as
 * 一万), as in 百余项, 近千家, 万余人; returns pos for anything else. Callers
 * accept it only where a qualifier makes the number a bound or estimate. */
size_t cl_lex_cjk_int_bare(const char *s, size_t n, size_t pos, cl_lex_cjk *out);

#endif
