/* Lines and columns in the original file, for diagnostics: a line index built
 * once per file, and columns counted on demand in the unit the consumer of
 * the diagnostics expects (bytes for GCC-style tools, UTF-16 for editors,
 * terminal cells for humans reading a caret line). */
#include "text/text.h"

#include <limits.h>
#include <stdlib.h>

/* Terminal cells. Two cells: East Asian Wide and Fullwidth (Unicode
 * EastAsianWidth W and F) in the blocks Chinese text uses, and the main emoji
 * blocks, which terminals draw double since Unicode 9. Coarse at the edges of
 * the emoji blocks; exact for CJK. Sorted, searched by bisection. */
static const struct width_range {
    uint32_t first, last;
} wide_ranges[] = {
    {0x1100, 0x115F},   /* Hangul Jamo initial consonants */
    {0x231A, 0x231B},   /* watch, hourglass */
    {0x2329, 0x232A},   /* angle brackets */
    {0x2E80, 0x303E},   /* CJK radicals, Kangxi, ideographic description, CJK punctuation */
    {0x3040, 0xA4CF},   /* kana, bopomofo, Hangul compatibility, CJK ext A, unified, Yi */
    {0xA960, 0xA97F},   /* Hangul Jamo extended A */
    {0xAC00, 0xD7A3},   /* Hangul syllables */
    {0xF900, 0xFAFF},   /* CJK compatibility ideographs */
    {0xFE10, 0xFE19},   /* vertical forms */
    {0xFE30, 0xFE6F},   /* CJK compatibility forms, small form variants */
    {0xFF00, 0xFF60},   /* full-width forms */
    {0xFFE0, 0xFFE6},   /* full-width signs */
    {0x1B000, 0x1B2FF}, /* kana supplement and extensions */
    {0x1F004, 0x1F004}, /* mahjong red dragon */
    {0x1F300, 0x1F64F}, /* pictographs, emoticons */
    {0x1F680, 0x1F6FF}, /* transport and map symbols */
    {0x1F900, 0x1F9FF}, /* supplemental symbols and pictographs */
    {0x20000, 0x3FFFD}, /* CJK extensions B and later */
};

/* No cells: combining marks, which a terminal draws over the character
 * before, and invisible format characters. */
static const struct width_range zero_ranges[] = {
    {0x0300, 0x036F},   /* combining diacritical marks (decomposed pinyin tones) */
    {0x1AB0, 0x1AFF},   /* combining diacritical marks extended */
    {0x1DC0, 0x1DFF},   /* combining diacritical marks supplement */
    {0x200B, 0x200F},   /* zero-width space, joiners, direction marks */
    {0x2060, 0x2064},   /* word joiner, invisible operators */
    {0x20D0, 0x20FF},   /* combining marks for symbols */
    {0xFE00, 0xFE0F},   /* variation selectors (emoji presentation) */
    {0xFE20, 0xFE2F},   /* combining half marks */
    {0xFEFF, 0xFEFF},   /* zero-width no-break space */
    {0xE0100, 0xE01EF}, /* variation selectors supplement */
};

static bool in_ranges(const struct width_range *r, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid].first)
            hi = mid;
        else if (cp > r[mid].last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static int display_width(uint32_t cp)
{
    if (cp < 0x300)
        return 1;
    if (in_ranges(wide_ranges, sizeof wide_ranges / sizeof wide_ranges[0], cp))
        return 2;
    if (in_ranges(zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0], cp))
        return 0;
    return 1;
}

void cl_lines_init(cl_lines *lines, const char *orig, size_t len)
{
    lines->first_line = 0;
    const unsigned char *u = (const unsigned char *)orig;
    size_t cap = 64, n = 0;
    size_t *starts = cl_malloc(cap * sizeof *starts);
    starts[n++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (u[i] != '\n' && u[i] != '\r')
            continue;
        if (u[i] == '\r' && i + 1 < len && u[i + 1] == '\n')
            i++; /* CRLF ends one line, at the LF */
        if (n == cap) {
            cap *= 2;
            starts = cl_realloc(starts, cap * sizeof *starts);
        }
        starts[n++] = i + 1;
    }
    lines->orig = orig;
    lines->len = len;
    lines->starts = starts;
    lines->n = n;
    lines->bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
}

void cl_lines_free(cl_lines *lines)
{
    if (!lines)
        return;
    free(lines->starts);
    lines->starts = NULL;
    lines->n = 0;
}

static int clamp_int(size_t v)
{
    return v > INT_MAX ? INT_MAX : (int)v;
}

void cl_lines_locate(const cl_lines *lines, size_t off, cl_column_unit unit, int *line, int *column)
{
    if (off > lines->len)
        off = lines->len;
    size_t lo = 0, hi = lines->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lines->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    size_t start = lines->starts[lo];
    if (lo == 0 && start < lines->bom)
        start = lines->bom;
    if (off < start)
        off = start; /* inside the BOM: the first column */
    *line = clamp_int(lo + 1 + (size_t)lines->first_line);

    if (unit == CL_COLUMN_BYTE) {
        *column = clamp_int(off - start + 1);
        return;
    }
    const unsigned char *u = (const unsigned char *)lines->orig;
    size_t col = 1, p = start;
    while (p < off) {
        size_t len = 1;
        uint32_t cp = u[p] < 0x80 ? u[p] : cl_utf8_decode(u + p, lines->len - p, &len);
        if (p + len > off)
            break; /* off points inside this character: its column */
        if (cp == CL_UTF8_INVALID)
            col += 1;
        else if (unit == CL_COLUMN_UTF16)
            col += cp >= 0x10000 ? 2 : 1;
        else if (unit == CL_COLUMN_DISPLAY && cp == '\t')
            col += 8 - (col - 1) % 8; /* to the next tab stop, as GCC, Vim and Emacs count */
        else if (unit == CL_COLUMN_DISPLAY)
            col += (size_t)display_width(cp);
        else
            col += 1;
        p += len;
    }
    *column = clamp_int(col);
}
