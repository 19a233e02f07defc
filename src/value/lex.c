/* Lexing shared by the value parsers: folded code points, word and table
 * matching, Arabic digit runs and Chinese integer numerals. Kept apart so the
 * quantity and date parsers read 萬, 兩 and full-width digits the same way. */
#include "value/lex.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>

/* Traditional forms of the characters the value tables use. The text layer
 * folds with OpenCC, but values depend only on base and must also read raw
 * text, so the few characters that matter are listed here, sorted by code. */
static const uint32_t TRAD_FOLD[][2] = {
    {0x500B, 0x4E2A}, /* 個 个 */ {0x50C5, 0x4EC5}, /* 僅 仅 */ {0x5104, 0x4EBF}, /* 億 亿 */
    {0x5167, 0x5185}, /* 內 内 */ {0x5169, 0x4E24}, /* 兩 两 */ {0x5283, 0x5212}, /* 劃 划 */
    {0x53C3, 0x53C1}, /* 參 叁 */ {0x53C4, 0x53C1}, /* 叄 叁 */ {0x584A, 0x5757}, /* 塊 块 */
    {0x5C07, 0x5C06}, /* 將 将 */ {0x5E63, 0x5E01}, /* 幣 币 */ {0x5F8C, 0x540E}, /* 後 后 */
    {0x6578, 0x6570}, /* 數 数 */ {0x65BC, 0x4E8E}, /* 於 于 */ {0x6642, 0x65F6}, /* 時 时 */
    {0x689D, 0x6761}, /* 條 条 */ {0x6B50, 0x6B27}, /* 歐 欧 */ {0x70BA, 0x4E3A}, /* 為 为 */
    {0x7232, 0x4E3A}, /* 爲 为 */ {0x7A2E, 0x79CD}, /* 種 种 */ {0x7D04, 0x7EA6}, /* 約 约 */
    {0x81FA, 0x53F0}, /* 臺 台 */ {0x842C, 0x4E07}, /* 萬 万 */ {0x865F, 0x53F7}, /* 號 号 */
    {0x898F, 0x89C4}, /* 規 规 */ {0x8CB3, 0x8D30}, /* 貳 贰 */ {0x9031, 0x5468}, /* 週 周 */
    {0x904E, 0x8FC7}, /* 過 过 */ {0x9054, 0x8FBE}, /* 達 达 */ {0x938A, 0x9551}, /* 鎊 镑 */
    {0x9593, 0x95F4}, /* 間 间 */ {0x9678, 0x9646}, /* 陸 陆 */ {0x96BB, 0x53EA}, /* 隻 只 */
    {0x9805, 0x9879}, /* 項 项 */ {0x9918, 0x4F59}, /* 餘 余 */ {0x9EDE, 0x70B9}, /* 點 点 */
};

static int cmp_fold(const void *key, const void *entry)
{
    uint32_t k = *(const uint32_t *)key, e = ((const uint32_t *)entry)[0];
    return k < e ? -1 : k > e;
}

static uint32_t fold(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + ('a' - 'A');
    /* Full-width ASCII, except the full-width comma: the normaliser keeps ，
     * as a clause separator, so it must not become a thousands separator. */
    if (cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF0C) {
        cp -= 0xFEE0;
        return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
    }
    if (cp == 0x3000)
        return ' ';
    if (cp == 0xFFE5) /* ￥ */
        return 0xA5;
    if (cp == 0x25CB) /* ○, often typed for 〇 in 二○二五 */
        return 0x3007;
    if (cp >= 0x4E00) {
        const uint32_t(*hit)[2] = bsearch(&cp, TRAD_FOLD, sizeof TRAD_FOLD / sizeof TRAD_FOLD[0],
                                          sizeof TRAD_FOLD[0], cmp_fold);
        if (hit)
            return (*hit)[1];
    }
    return cp;
}

uint32_t cl_lex_cp(const char *s, size_t n, size_t pos, size_t *len)
{
    if (pos >= n) {
        *len = 0;
        return 0;
    }
    uint32_t cp = cl_utf8_decode((const unsigned char *)s + pos, n - pos, len);
    return cp == CL_UTF8_INVALID ? cp : fold(cp);
}

static bool is_letter(uint32_t cp)
{
    return cp >= 'a' && cp <= 'z';
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t';
}

size_t cl_lex_space(const char *s, size_t n, size_t pos)
{
    size_t len;
    while (pos < n && is_space(cl_lex_cp(s, n, pos, &len)))
        pos += len;
    return pos;
}

size_t cl_lex_word(const char *s, size_t n, size_t pos, const char *word)
{
    size_t wn = strlen(word), wi = 0, p = pos, len, wlen;
    uint32_t first = 0, last = 0;
    while (wi < wn) {
        uint32_t w = cl_utf8_decode((const unsigned char *)word + wi, wn - wi, &wlen);
        wi += wlen;
        if (!first)
            first = w;
        last = w;
        if (w == ' ') {
            size_t q = cl_lex_space(s, n, p);
            if (q == p)
                return 0;
            p = q;
            continue;
        }
        if (cl_lex_cp(s, n, p, &len) != w || len == 0)
            return 0;
        p += len;
    }
    if (is_letter(last) && is_letter(cl_lex_cp(s, n, p, &len)))
        return 0;
    if (is_letter(first) && pos > 0 && is_letter(fold((unsigned char)s[pos - 1])))
        return 0;
    return p - pos;
}

const void *cl_lex_table(const char *s, size_t n, size_t pos, const void *table, size_t count,
                         size_t stride, size_t *len)
{
    const void *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < count; i++) {
        const void *entry = (const char *)table + i * stride;
        const char *word = *(const char *const *)entry;
        size_t l = cl_lex_word(s, n, pos, word);
        if (l > best_len) {
            best = entry;
            best_len = l;
        }
    }
    *len = best_len;
    return best;
}

int cl_lex_digit(const char *s, size_t n, size_t pos, size_t *len)
{
    uint32_t cp = cl_lex_cp(s, n, pos, len);
    return (cp >= '0' && cp <= '9') ? (int)(cp - '0') : -1;
}

size_t cl_lex_digits(const char *s, size_t n, size_t pos, int64_t *value, int *ndigits)
{
    int64_t v = 0;
    int nd = 0, d;
    size_t len;
    while ((d = cl_lex_digit(s, n, pos, &len)) >= 0) {
        if (nd < 18)
            v = v * 10 + d;
        nd++;
        pos += len;
    }
    *value = nd <= 18 ? v : -1;
    *ndigits = nd;
    return pos;
}

/* ---- Chinese numerals ----------------------------------------------------*/

enum cjk_kind { CJK_DIGIT, CJK_SMALL, CJK_TENS, CJK_BIG };

static const struct cjk_symbol {
    uint32_t cp;
    unsigned char kind;
    int64_t value;
} CJK_SYMBOLS[] = {
    {0x3007, CJK_DIGIT, 0}, /* 〇 */ {0x96F6, CJK_DIGIT, 0}, /* 零 */
    {0x4E00, CJK_DIGIT, 1}, /* 一 */ {0x58F9, CJK_DIGIT, 1}, /* 壹 */
    {0x4E8C, CJK_DIGIT, 2}, /* 二 */ {0x8D30, CJK_DIGIT, 2}, /* 贰 */ {0x4E24, CJK_DIGIT, 2}, /* 两 */
    {0x4E09, CJK_DIGIT, 3}, /* 三 */ {0x53C1, CJK_DIGIT, 3}, /* 叁 */
    {0x56DB, CJK_DIGIT, 4}, /* 四 */ {0x8086, CJK_DIGIT, 4}, /* 肆 */
    {0x4E94, CJK_DIGIT, 5}, /* 五 */ {0x4F0D, CJK_DIGIT, 5}, /* 伍 */
    {0x516D, CJK_DIGIT, 6}, /* 六 */ {0x9646, CJK_DIGIT, 6}, /* 陆 */
    {0x4E03, CJK_DIGIT, 7}, /* 七 */ {0x67D2, CJK_DIGIT, 7}, /* 柒 */
    {0x516B, CJK_DIGIT, 8}, /* 八 */ {0x634C, CJK_DIGIT, 8}, /* 捌 */
    {0x4E5D, CJK_DIGIT, 9}, /* 九 */ {0x7396, CJK_DIGIT, 9}, /* 玖 */
    {0x5341, CJK_SMALL, 10}, /* 十 */ {0x62FE, CJK_SMALL, 10}, /* 拾 */
    {0x767E, CJK_SMALL, 100}, /* 百 */ {0x4F70, CJK_SMALL, 100}, /* 佰 */
    {0x5343, CJK_SMALL, 1000}, /* 千 */ {0x4EDF, CJK_SMALL, 1000}, /* 仟 */
    {0x5EFF, CJK_TENS, 20}, /* 廿 */ {0x5345, CJK_TENS, 30}, /* 卅 */ {0x534C, CJK_TENS, 40}, /* 卌 */
    {0x4E07, CJK_BIG, 10000}, /* 万 */ {0x4EBF, CJK_BIG, 100000000}, /* 亿 */
};

static const struct cjk_symbol *cjk_symbol(uint32_t cp)
{
    for (size_t i = 0; i < sizeof CJK_SYMBOLS / sizeof CJK_SYMBOLS[0]; i++)
        if (CJK_SYMBOLS[i].cp == cp)
            return &CJK_SYMBOLS[i];
    return NULL;
}

/* The place value of symbol i, with 亿 right after 万 read as 万亿. */
static int64_t place_of(const struct cjk_symbol *const *sym, size_t i)
{
    if (sym[i]->kind == CJK_BIG && sym[i]->value == 100000000 && i > 0 && sym[i - 1]->kind == CJK_BIG)
        return 1000000000000;
    return sym[i]->value;
}

#define CJK_MAX_SYMBOLS 40
#define CJK_MAX_DIGITS 18

size_t cl_lex_cjk_digits(const char *s, size_t n, size_t pos, int64_t *value, int *ndigits)
{
    size_t p = pos, len;
    const struct cjk_symbol *c;
    int64_t v = 0;
    int nd = 0;
    while (p < n && (c = cjk_symbol(cl_lex_cp(s, n, p, &len))) && c->kind == CJK_DIGIT) {
        if (++nd > CJK_MAX_DIGITS)
            return pos;
        v = v * 10 + c->value;
        p += len;
    }
    *value = v;
    *ndigits = nd;
    return p;
}

static size_t cjk_int(const char *s, size_t n, size_t pos, bool bare, cl_lex_cjk *out);

size_t cl_lex_cjk_int(const char *s, size_t n, size_t pos, cl_lex_cjk *out)
{
    return cjk_int(s, n, pos, false, out);
}

size_t cl_lex_cjk_int_bare(const char *s, size_t n, size_t pos, cl_lex_cjk *out)
{
    size_t len;
    const struct cjk_symbol *c = cjk_symbol(cl_lex_cp(s, n, pos, &len));
    if (!c || !((c->kind == CJK_SMALL && c->value >= 100) || c->kind == CJK_BIG))
        return pos;
    return cjk_int(s, n, pos, true, out);
}

/* bare: the first symbol is a place word counting an implied 一. */
static size_t cjk_int(const char *s, size_t n, size_t pos, bool bare, cl_lex_cjk *out)
{
    const struct cjk_symbol *sym[CJK_MAX_SYMBOLS];
    size_t count = 0, p = pos, len;
    bool all_digits = true;
    while (p < n) {
        const struct cjk_symbol *c = cjk_symbol(cl_lex_cp(s, n, p, &len));
        if (!c)
            break;
        if (count == CJK_MAX_SYMBOLS)
            return pos;
        sym[count++] = c;
        all_digits &= c->kind == CJK_DIGIT;
        p += len;
    }
    if (count == 0)
        return pos;
    memset(out, 0, sizeof *out);
    out->place = 1;
    if (all_digits) /* 二〇二五: one symbol per digit, as years are written */
        return cl_lex_cjk_digits(s, n, pos, &out->value, &out->ndigits);
    /* Place-value numerals: sections of up to 千 below 万 and 亿. */
    int64_t total = 0, wan = 0, sec = 0, cur = bare ? 1 : -1, last_small = 10000;
    bool zero = false, wan_open = false, yi_seen = false;
    for (size_t i = 0; i < count; i++) {
        const struct cjk_symbol *c = sym[i];
        switch (c->kind) {
        case CJK_DIGIT:
            if (cur >= 0)
                return pos; /* two digits in a row: 十四五, 五五百 */
            if (c->value == 0)
                zero = true;
            else
                cur = c->value;
            break;
        case CJK_SMALL:
            if (c->value >= last_small)
                return pos;
            if (cur < 0 && c->value != 10)
                return pos; /* only 十 stands alone for 一十 */
            sec += (cur < 0 ? 1 : cur) * c->value;
            cur = -1;
            zero = false;
            last_small = c->value;
            break;
        case CJK_TENS:
            if (cur >= 0 || last_small <= 10)
                return pos;
            sec += c->value;
            last_small = 10;
            zero = false;
            break;
        case CJK_BIG:
            if (c->value == 10000) {
                int64_t part = sec + (cur < 0 ? 0 : cur);
                if (wan_open || part == 0)
                    return pos;
                wan = part * 10000;
                wan_open = true;
            } else {
                int64_t part = wan + sec + (cur < 0 ? 0 : cur);
                if (yi_seen || part == 0)
                    return pos;
                total = part * 100000000;
                wan = 0;
                wan_open = false;
                yi_seen = true;
            }
            sec = 0;
            cur = -1;
            zero = false;
            last_small = 10000;
            break;
        }
    }
    const struct cjk_symbol *last = sym[count - 1], *prev = count > 1 ? sym[count - 2] : NULL;
    if (last->kind == CJK_BIG) {
        out->big = true;
        out->place = place_of(sym, count - 1);
    } else if (cur >= 0 && !zero && prev && prev->value >= 100 &&
               (prev->kind == CJK_SMALL || prev->kind == CJK_BIG)) {
        /* 一万五 is 15000 and 三千五 is 3500: a digit after a place word with
         * no 零 between stands for the next place down. */
        out->place = place_of(sym, count - 2) / 10;
        cur *= out->place;
    }
    out->value = total + wan + sec + (cur < 0 ? 0 : cur);
    return p;
}
