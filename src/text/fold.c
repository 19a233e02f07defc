/* The Traditional-to-Simplified fold table: OpenCC's character-level t2s
 * conversion captured once into a flat code-point array, so the normaliser
 * folds Han characters with one array read instead of calling OpenCC per file,
 * and never changes the character count (phrase rules would). */
#include "text/text.h"

#include <opencc.h>
#include <stdlib.h>
#include <string.h>

/* The blocks that hold nearly all of OpenCC's TSCharacters: CJK Extension A
 * plus the unified ideographs, and the compatibility ideographs. The ~350
 * rare pairs in the supplementary planes are left out: they hardly occur in
 * articles and would more than double the build time. */
static const struct fold_range {
    uint32_t first, last;
} fold_ranges[] = {
    {0x3400, 0x9FFF},
    {0xF900, 0xFAFF},
};
#define N_RANGES (sizeof fold_ranges / sizeof fold_ranges[0])
#define TABLE_SIZE ((0x9FFF - 0x3400 + 1) + (0xFAFF - 0xF900 + 1))

struct cl_fold {
    /* Output code point for each input of fold_ranges, in order. uint32
     * because about 800 characters fold to Extension B and later. */
    uint32_t to[TABLE_SIZE];
};

/* OpenCC converts a whole string at a time; one string with every code point
 * on its own line makes ~28k conversions cost a single call, and the newlines
 * keep phrase rules from matching across neighbouring characters. */
static char *all_code_points(size_t *len)
{
    char *s = cl_malloc((size_t)TABLE_SIZE * 4 + 1);
    size_t n = 0;
    for (size_t r = 0; r < N_RANGES; r++) {
        for (uint32_t cp = fold_ranges[r].first; cp <= fold_ranges[r].last; cp++) {
            n += cl_utf8_encode(cp, s + n);
            s[n++] = '\n';
        }
    }
    s[n] = '\0';
    *len = n;
    return s;
}

cl_fold *cl_fold_new(cl_error *err)
{
    opencc_t cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    if (cc == (opencc_t)-1) {
        cl_error_set(err, NULL, 0, 0, "cannot load OpenCC t2s.json: %s", opencc_error());
        return NULL;
    }
    size_t in_len;
    char *in = all_code_points(&in_len);
    char *out = opencc_convert_utf8(cc, in, in_len);
    free(in);
    if (!out) {
        cl_error_set(err, NULL, 0, 0, "cannot load OpenCC t2s.json: %s", opencc_error());
        opencc_close(cc);
        return NULL;
    }

    cl_fold *fold = cl_malloc(sizeof *fold);
    const unsigned char *p = (const unsigned char *)out;
    const unsigned char *end = p + strlen(out);
    size_t i = 0;
    for (size_t r = 0; r < N_RANGES; r++) {
        for (uint32_t cp = fold_ranges[r].first; cp <= fold_ranges[r].last; cp++, i++) {
            const unsigned char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
            if (!nl)
                nl = end;
            fold->to[i] = cp;
            /* Only one-to-one results are kept: a multi-character or empty
             * result would make the fold change lengths. */
            if (nl > p) {
                size_t clen;
                uint32_t to = cl_utf8_decode(p, (size_t)(nl - p), &clen);
                if (to != CL_UTF8_INVALID && p + clen == nl)
                    fold->to[i] = to;
            }
            p = nl < end ? nl + 1 : end;
        }
    }
    opencc_convert_utf8_free(out);
    opencc_close(cc);
    return fold;
}

void cl_fold_free(cl_fold *fold)
{
    free(fold);
}

uint32_t cl_fold_han(const cl_fold *fold, uint32_t cp)
{
    if (!fold)
        return cp;
    if (cp >= 0x3400 && cp <= 0x9FFF)
        return fold->to[cp - 0x3400];
    if (cp >= 0xF900 && cp <= 0xFAFF)
        return fold->to[(0x9FFF - 0x3400 + 1) + (cp - 0xF900)];
    return cp;
}

char *cl_fold_string(const cl_fold *fold, const char *s, size_t n)
{
    /* A Han character can fold into a supplementary-plane one (3 -> 4 bytes),
     * so the worst case is 4/3 of the input; plain n * 2 keeps it simple. */
    char *out = cl_malloc(n * 2 + 1);
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            out[o++] = s[i++];
            continue;
        }
        size_t len;
        uint32_t cp = cl_utf8_decode(u + i, n - i, &len);
        if (cp == CL_UTF8_INVALID) {
            out[o++] = s[i++];
            continue;
        }
        if (cp >= 0xFF10 && cp <= 0xFF19)
            out[o++] = (char)('0' + (cp - 0xFF10));
        else if (cp >= 0xFF21 && cp <= 0xFF3A)
            out[o++] = (char)('A' + (cp - 0xFF21));
        else if (cp >= 0xFF41 && cp <= 0xFF5A)
            out[o++] = (char)('a' + (cp - 0xFF41));
        else
            o += cl_utf8_encode(cl_fold_han(fold, cp), out + o);
        i += len;
    }
    out[o] = '\0';
    return out;
}
