/* Unit tests for the text layer: the OpenCC fold table, the normaliser and its
 * map back to the original, and line/column location. Tables of inputs with
 * the expected results written out by hand. */
#include "unit.h"

#include "text/text.h"

static uint32_t decode1(const char *s)
{
    size_t len;
    uint32_t cp = cl_utf8_decode((const unsigned char *)s, strlen(s), &len);
    assert_int_equal(len, strlen(s));
    return cp;
}

/* Prints both strings as escaped bytes, so a failure on CJK or invalid bytes
 * is readable whatever the terminal. */
static void print_escaped(const char *label, const char *s, size_t n)
{
    fprintf(stderr, "  %s: \"", label);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fprintf(stderr, "\"\n");
}

static void expect_bytes(const char *what, const char *got, size_t got_len, const char *want)
{
    if (got_len == strlen(want) && memcmp(got, want, got_len) == 0)
        return;
    fprintf(stderr, "mismatch for %s\n", what);
    print_escaped("got ", got, got_len);
    print_escaped("want", want, strlen(want));
    fail();
}

/* ---- Fold table ------------------------------------------------------------ */

static const struct {
    const char *from, *to;
} fold_rows[] = {
    {"億", "亿"}, {"萬", "万"}, {"項", "项"}, {"獲", "获"}, {"幹", "干"},
    {"彌", "弥"}, {"兩", "两"}, {"貳", "贰"}, {"歐", "欧"}, {"鰲", "鳌"},
    {"樂", "乐"}, {"臺", "台"}, {"醫", "医"}, {"發", "发"}, {"後", "后"},
    {"乾", "干"}, /* character level: no phrase context to keep 乾隆 */
    {"鷔", "𪉑"}, /* folds out of the BMP (U+9DD4 -> U+2A251) */
    /* Simplified characters stay as they are */
    {"干", "干"}, {"细", "细"}, {"胞", "胞"}, {"伸", "伸"}, {"弥", "弥"},
    {"著", "著"}, /* OpenCC's TSCharacters leaves 著 alone (着 only via phrases) */
    {"藉", "藉"}, {"中", "中"},
};

static void test_fold_han(void **state)
{
    for (size_t i = 0; i < sizeof fold_rows / sizeof fold_rows[0]; i++) {
        uint32_t got = cl_fold_han(unit_fold, decode1(fold_rows[i].from));
        if (got != decode1(fold_rows[i].to)) {
            fprintf(stderr, "fold row %zu (%s): got U+%04X\n", i, fold_rows[i].from, got);
            fail();
        }
    }
    /* Outside the table: unchanged */
    assert_int_equal(cl_fold_han(unit_fold, 'A'), 'A');
    assert_int_equal(cl_fold_han(unit_fold, 0xFF13), 0xFF13);
    assert_int_equal(cl_fold_han(unit_fold, 0x20000), 0x20000);
    assert_int_equal(cl_fold_han(NULL, 0x5104), 0x5104);
}

static const struct {
    const char *in, *out;
} fold_string_rows[] = {
    {"億元", "亿元"},
    {"（\\d+）億", "（\\d+）亿"},
    {"[0-9]+萬(?:元)?", "[0-9]+万(?:元)?"},
    {"１２３ＡＢＣｘｙｚ", "123ABCxyz"},
    {"５０％", "50％"}, /* only digits and letters: ％ is left to the pattern */
    {"\xff億", "\xff亿"},
    {"", ""},
};

static void test_fold_string(void **state)
{
    for (size_t i = 0; i < sizeof fold_string_rows / sizeof fold_string_rows[0]; i++) {
        const char *in = fold_string_rows[i].in;
        char *got = cl_fold_string(unit_fold, in, strlen(in));
        expect_bytes(in, got, strlen(got), fold_string_rows[i].out);
        free(got);
    }
}

static void test_fold_open_error_message(void **state)
{
    /* cl_fold_new only fails without OpenCC data, which the test machine
     * has; check at least that a success leaves err untouched. */
    cl_error err = {0};
    cl_fold *f = cl_fold_new(&err);
    assert_non_null(f);
    assert_null(err.message);
    cl_fold_free(f);
}

/* ---- Normaliser: input -> output ------------------------------------------- */

static const struct {
    const char *in, *out;
} norm_rows[] = {
    /* Han folding */
    {"億萬項獲", "亿万项获"},
    {"幹細胞", "干细胞"},
    {"干细胞伸弥著", "干细胞伸弥著"},
    {"截至2024年10月,中國共有１４８項", "截至2024年10月,中国共有148项"},
    {"鷔", "𪉑"},
    /* Full-width forms */
    {"ＡＢＣｘｙｚ０９", "ABCxyz09"},
    {"５０％", "50%"},
    {"３．１４", "3.14"},
    {"１／２", "1/2"},
    {"＋５－３", "+5-3"},
    {"＄１００", "$100"},
    {"＜＝＞＃", "<=>#"},
    {"，、。：；（）！？《》“”「」", "，、。：；（）！？《》“”「」"},
    {"ＦＤＡ批准", "FDA批准"},
    /* Odd spaces and zero-width characters */
    {"a\xe3\x80\x80" "b", "a b"},
    {"a\xc2\xa0" "b", "a b"},
    {"100\xc2\xa0万", "100万"},
    {"a\xe2\x80\x8b" "b\xe2\x80\x8c" "c\xe2\x80\x8d" "d\xe2\x81\xa0" "e\xef\xbb\xbf" "f", "abcdef"},
    {"干\xe2\x80\x8b细胞", "干细胞"},
    /* BOM, line breaks */
    {"\xef\xbb\xbf開始", "开始"},
    {"\xef\xbb\xbf\xef\xbb\xbfx", "x"}, /* the second one is a zero-width no-break space */
    {"a\r\nb", "a\nb"},
    {"a\rb", "a\nb"},
    {"a\r\r\nb", "a\n\nb"},
    {"a\n\rb", "a\n\nb"},
    {"a\r", "a\n"},
    /* Invalid UTF-8 */
    {"a\xff" "b", "a\xef\xbf\xbd" "b"},
    {"\xe4\xb8", "\xef\xbf\xbd\xef\xbf\xbd"},          /* truncated 中 */
    {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},          /* overlong '/' */
    {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* a surrogate */
    {"\xef\xbf\xbd", "\xef\xbf\xbd"},                  /* a real U+FFFD stays */
    /* Pinyin glosses after a Han character: dropped */
    {"醫(yī)", "医"},
    {"發(fā)展", "发展"},
    {"現(xiàn)在", "现在"},
    {"區(qū)", "区"},
    {"聯(lián)系", "联系"},
    {"產業(yè)", "产业"},
    {"創(chuàng)新", "创新"},
    {"數(shù)據", "数据"},
    {"數（shù）據", "数据"},
    {"數(shù）", "数"},
    {"綠(lǜ)色", "绿色"},
    {"女(nü)", "女"}, /* ü alone marks it */
    {"3.1億(yì)元", "3.1亿元"},
    /* ... and what only looks like one: kept */
    {"美國(FDA)", "美国(FDA)"},
    {"新浪(sinafinance)", "新浪(sinafinance)"},
    {"移植物抗宿主病(aGvHD)", "移植物抗宿主病(aGvHD)"},
    {"第(1)項", "第(1)项"},
    {"間充質幹細胞（MSCs）", "间充质干细胞（MSCs）"},
    {"的(de)", "的(de)"},
    {"abc(yī)", "abc(yī)"},
    {"醫(YĪ)", "医(YĪ)"},
    {"醫()", "医()"},
    {"醫(yī", "医(yī"},
    {"字(zhuàngzhu)", "字(zhuàngzhu)"}, /* more than 7 letters */
    {"醫 (yī)", "医(yī)"},           /* not immediately after: the space goes, the gloss stays */
    /* Spaces next to CJK */
    {"2025 年 1 月", "2025年1月"},
    {"仅 1.98 万元", "仅1.98万元"},
    {"（155 万元）", "（155万元）"},
    {"IND 申请", "IND申请"},
    {"干 細胞", "干细胞"},
    {"年\t\t1", "年1"},
    {"年 \xe3\x80\x80 1", "年1"},
    {"第 ３ 季度", "第3季度"},
    {"100 ，", "100，"},
    {"October 2024", "October 2024"},
    {"a  b", "a  b"},
    {"ａ\xe3\x80\x80ｂ", "a b"}, /* folded full-width letters are not CJK */
    {"  缩进", "  缩进"},
    {"第一行\n\xe3\x80\x80\xe3\x80\x80第二行", "第一行\n  第二行"},
    {"第一行\r\n  第二行", "第一行\n  第二行"},
    {"中文 \n下一行", "中文 \n下一行"},
    {"中文 \r\n下一行", "中文 \n下一行"},
    {"中文 ", "中文 "},
    {"said “yes” today", "said “yes” today"},
    {"the companies’ 30 products", "the companies’ 30 products"},
    {"说“ 2025年", "说“2025年"},
    {"中国” 2025年", "中国”2025年"},
    {"“ 2025 ”", "“ 2025 ”"},
    /* CL_BLANK (0x01) bytes, what extraction leaves for markup: dropped, and
     * transparent to the space rule ("<b>148</b>项", "foo <i>bar</i>") */
    {"\x01\x01\x01" "148\x01\x01\x01\x01项", "148项"},
    {"foo \x01\x01\x01" "bar\x01\x01\x01\x01", "foo bar"},
    {"148\x01\x01\x01\x01 项", "148项"},
    {"148 \x01\x01\x01\x01项", "148项"},
    {"共有 \x01\x01\x01" "148", "共有148"},
    {"共有\x01 \x01 \x01" "148", "共有148"},
    {"October \x01\x01 2024", "October  2024"},
    {"R&\x01\x01\x01\x01" "D", "R&D"},
    {"a\x01\x01" "b", "ab"},
    {"\x01\x01\x01", ""},
    {"中文 \x01\n下一行", "中文 \n下一行"},
    {"\n\x01 \x01缩进", "\n 缩进"},
    {"said \x01“yes”", "said “yes”"},
    {"中国” \x01 2025年", "中国”2025年"},
    {"说 “\x01\x01中”", "说“中”"},
    {"醫\x01\x01(yī)", "医"},
    {"１\x01２", "12"},
    {"", ""},
};

static void test_normalize_rows(void **state)
{
    for (size_t i = 0; i < sizeof norm_rows / sizeof norm_rows[0]; i++) {
        cl_text t;
        const char *in = norm_rows[i].in;
        assert_true(cl_text_normalize(&t, in, strlen(in), unit_fold));
        expect_bytes(in, t.norm, t.len, norm_rows[i].out);
        assert_int_equal(t.norm[t.len], '\0');
        assert_int_equal(t.map[t.len], strlen(in));
        cl_text_free(&t);
    }
}

static void test_normalize_without_fold(void **state)
{
    cl_text t;
    const char *in = "億 萬 １";
    assert_true(cl_text_normalize(&t, in, strlen(in), NULL));
    expect_bytes(in, t.norm, t.len, "億萬1");
    cl_text_free(&t);
}

/* ---- Normaliser: the map back ---------------------------------------------- */

/* The original span of the normalised substring `norm` must be `orig`. */
static const struct {
    const char *in, *norm, *orig;
} span_rows[] = {
    {"截至2024年10月,中國共有１４８項", "148项", "１４８項"},
    {"截至2024年10月,中國共有１４８項", "中国", "中國"},
    {"3.1億(yì)元", "3.1亿", "3.1億"},
    {"3.1億(yì)元", "亿元", "億(yì)元"},
    {"產業(yè)規模", "产业", "產業"},
    {"2025 年 1 月", "2025年", "2025 年"},
    {"2025 年 1 月", "1月", "1 月"},
    {"2025 年 1 月", "2025", "2025"},
    {"仅 1.98 万元", "1.98", "1.98"},
    {"a\xff" "b", "a\xef\xbf\xbd", "a\xff"},
    {"a\xff" "b", "\xef\xbf\xbd" "b", "\xff" "b"},
    {"\xef\xbb\xbf億元", "亿元", "億元"},
    {"x\r\ny", "x\ny", "x\r\ny"},
    {"x\r\ny", "x", "x"},
    {"增長５０％以上", "50%", "５０％"},
    {"a\xe2\x80\x8b" "b", "a", "a"},
    {"100\xc2\xa0万", "100万", "100\xc2\xa0万"},
    {"𠀀億", "亿", "億"},
    {"鷔鳥", "𪉑", "鷔"},
    {"\x01\x01\x01" "148\x01\x01\x01\x01项", "148项", "148\x01\x01\x01\x01项"},
    {"\x01\x01\x01" "148\x01\x01\x01\x01项", "148", "148"},
    {"a\x01\x01" "b", "b", "b"},
};

static void test_normalize_spans(void **state)
{
    for (size_t i = 0; i < sizeof span_rows / sizeof span_rows[0]; i++) {
        cl_text t;
        const char *in = span_rows[i].in;
        assert_true(cl_text_normalize(&t, in, strlen(in), unit_fold));
        const char *hit = strstr(t.norm, span_rows[i].norm);
        if (!hit) {
            fprintf(stderr, "span row %zu: \"%s\" not in \"%s\"\n", i, span_rows[i].norm, t.norm);
            fail();
        }
        size_t a = (size_t)(hit - t.norm), b = a + strlen(span_rows[i].norm);
        size_t oa = t.map[a], ob = cl_text_orig_end(&t, b);
        assert_true(oa <= ob);
        expect_bytes(in, in + oa, ob - oa, span_rows[i].orig);
        cl_text_free(&t);
    }
}

static const struct {
    const char *in;
    size_t n;
    uint32_t map[12];
    size_t map_len;
} map_rows[] = {
    {"a\r\nb", 4, {0, 2, 3, 4}, 4},
    {"a\rb", 3, {0, 1, 2, 3}, 4},
    {"\xef\xbb\xbf億", 6, {3, 3, 3, 6}, 4},
    {"１a", 4, {0, 3, 4}, 3},
    {"\xff", 1, {0, 0, 0, 1}, 4},
    {"年 1", 5, {0, 0, 0, 4, 5}, 5},
    {"醫(yī)x", 9, {0, 0, 0, 8, 9}, 5},
    {"a\xc2\xa0" "b", 4, {0, 1, 3, 4}, 4},
    {"\x01\x01" "a\x01" "b", 5, {2, 4, 5}, 3},
};

static void test_normalize_map_exact(void **state)
{
    for (size_t i = 0; i < sizeof map_rows / sizeof map_rows[0]; i++) {
        cl_text t;
        assert_int_equal(strlen(map_rows[i].in), map_rows[i].n);
        assert_true(cl_text_normalize(&t, map_rows[i].in, map_rows[i].n, unit_fold));
        assert_int_equal(t.len + 1, map_rows[i].map_len);
        for (size_t k = 0; k < map_rows[i].map_len; k++) {
            if (t.map[k] != map_rows[i].map[k]) {
                fprintf(stderr, "map row %zu entry %zu: got %u want %u\n", i, k, t.map[k],
                        map_rows[i].map[k]);
                fail();
            }
        }
        cl_text_free(&t);
    }
}

static void test_normalize_orig_end(void **state)
{
    cl_text t;
    const char *in = "１２年 \r\n";
    /* norm "12年 \n": 1 2 年(3) space LF */
    assert_true(cl_text_normalize(&t, in, strlen(in), unit_fold));
    expect_bytes(in, t.norm, t.len, "12年 \n");
    assert_int_equal(cl_text_orig_end(&t, 0), 0);
    assert_int_equal(cl_text_orig_end(&t, 1), 3);
    assert_int_equal(cl_text_orig_end(&t, 2), 6);
    assert_int_equal(cl_text_orig_end(&t, 5), 9);  /* after 年 */
    assert_int_equal(cl_text_orig_end(&t, 4), 9);  /* inside 年: its end */
    assert_int_equal(cl_text_orig_end(&t, 6), 10); /* the space, not the CR */
    assert_int_equal(cl_text_orig_end(&t, 7), 12); /* the LF */
    assert_int_equal(cl_text_orig_end(&t, 99), 12);
    cl_text_free(&t);
}

static void test_normalize_invalid_offsets(void **state)
{
    cl_text t;
    const char *in = "a\xff" "b\xfe中\xe4\xb8";
    assert_true(cl_text_normalize(&t, in, strlen(in), unit_fold));
    assert_int_equal(t.n_invalid, 4);
    assert_int_equal(t.invalid[0], 1);
    assert_int_equal(t.invalid[1], 3);
    assert_int_equal(t.invalid[2], 7);
    assert_int_equal(t.invalid[3], 8);
    cl_text_free(&t);

    assert_true(cl_text_normalize(&t, "ok", 2, unit_fold));
    assert_int_equal(t.n_invalid, 0);
    assert_null(t.invalid);
    cl_text_free(&t);
}

static void test_normalize_embedded_nul(void **state)
{
    cl_text t;
    assert_true(cl_text_normalize(&t, "年\0 1", 6, unit_fold));
    /* A NUL is an ordinary character here: it is not CJK, so the space stays */
    assert_int_equal(t.len, 6);
    assert_memory_equal(t.norm, "年\0 1", 6);
    cl_text_free(&t);
}

static void test_text_free_zeroed(void **state)
{
    cl_text t = {0};
    cl_text_free(&t);
    cl_text_free(NULL);
    cl_lines l = {0};
    cl_lines_free(&l);
    cl_lines_free(NULL);
}

/* ---- Lines and columns ----------------------------------------------------- */

#define T_ASCII "abc\ndef"
#define T_CJK "中文ab\n第二行"          /* 中0 文3 a6 b7 LF8 第9 二12 行15, 18 bytes */
#define T_EMOJI "a😀b"                  /* a0 😀1 b5 */
#define T_ASTRAL_HAN "𠀀x"              /* 𠀀0 x4 */
#define T_CRLF "ab\r\ncd\r\nef"         /* a0 b1 CR2 LF3 c4 d5 CR6 LF7 e8 f9 */
#define T_CR "ab\rcd\r"                 /* a0 b1 CR2 c3 d4 CR5, 6 bytes */
#define T_BOM "\xef\xbb\xbf中a\nb"      /* BOM0 中3 a6 LF7 b8 */
#define T_INVALID "a\xff\xfe中b"        /* a0 ff1 fe2 中3 b6 */
#define T_FULLWIDTH "ＡＢ1"             /* Ａ0 Ｂ3 1@6 */
#define T_COMBINING "e\xcc\x81x"        /* e0 U+0301@1 x3 */
#define T_HANGUL "한a"                  /* 한0 a3 */
#define T_303F "\xe3\x80\xbf" "a"       /* U+303F (half-width space) 0, a3 */

static const struct {
    const char *text;
    size_t off;
    cl_column_unit unit;
    int line, column;
} line_rows[] = {
    {T_ASCII, 0, CL_COLUMN_BYTE, 1, 1},
    {T_ASCII, 2, CL_COLUMN_BYTE, 1, 3},
    {T_ASCII, 3, CL_COLUMN_BYTE, 1, 4},
    {T_ASCII, 4, CL_COLUMN_BYTE, 2, 1},
    {T_ASCII, 7, CL_COLUMN_BYTE, 2, 4},
    {T_ASCII, 7, CL_COLUMN_CHAR, 2, 4},
    {T_ASCII, 100, CL_COLUMN_BYTE, 2, 4},
    {T_CJK, 6, CL_COLUMN_BYTE, 1, 7},
    {T_CJK, 6, CL_COLUMN_CHAR, 1, 3},
    {T_CJK, 6, CL_COLUMN_DISPLAY, 1, 5},
    {T_CJK, 6, CL_COLUMN_UTF16, 1, 3},
    {T_CJK, 3, CL_COLUMN_CHAR, 1, 2},
    {T_CJK, 3, CL_COLUMN_DISPLAY, 1, 3},
    {T_CJK, 4, CL_COLUMN_BYTE, 1, 5},
    {T_CJK, 4, CL_COLUMN_CHAR, 1, 2},
    {T_CJK, 4, CL_COLUMN_DISPLAY, 1, 3},
    {T_CJK, 15, CL_COLUMN_BYTE, 2, 7},
    {T_CJK, 15, CL_COLUMN_CHAR, 2, 3},
    {T_CJK, 15, CL_COLUMN_DISPLAY, 2, 5},
    {T_CJK, 15, CL_COLUMN_UTF16, 2, 3},
    {T_CJK, 18, CL_COLUMN_CHAR, 2, 4},
    {T_CJK, 18, CL_COLUMN_DISPLAY, 2, 7},
    {T_EMOJI, 5, CL_COLUMN_BYTE, 1, 6},
    {T_EMOJI, 5, CL_COLUMN_CHAR, 1, 3},
    {T_EMOJI, 5, CL_COLUMN_UTF16, 1, 4},
    {T_EMOJI, 5, CL_COLUMN_DISPLAY, 1, 4},
    {T_EMOJI, 1, CL_COLUMN_UTF16, 1, 2},
    {T_ASTRAL_HAN, 4, CL_COLUMN_CHAR, 1, 2},
    {T_ASTRAL_HAN, 4, CL_COLUMN_UTF16, 1, 3},
    {T_ASTRAL_HAN, 4, CL_COLUMN_DISPLAY, 1, 3},
    {T_CRLF, 2, CL_COLUMN_BYTE, 1, 3},
    {T_CRLF, 3, CL_COLUMN_BYTE, 1, 4},
    {T_CRLF, 4, CL_COLUMN_BYTE, 2, 1},
    {T_CRLF, 5, CL_COLUMN_CHAR, 2, 2},
    {T_CRLF, 8, CL_COLUMN_UTF16, 3, 1},
    {T_CRLF, 10, CL_COLUMN_BYTE, 3, 3},
    {T_CR, 3, CL_COLUMN_BYTE, 2, 1},
    {T_CR, 4, CL_COLUMN_CHAR, 2, 2},
    {T_CR, 5, CL_COLUMN_BYTE, 2, 3},
    {T_CR, 6, CL_COLUMN_BYTE, 3, 1},
    {T_BOM, 0, CL_COLUMN_BYTE, 1, 1},
    {T_BOM, 3, CL_COLUMN_BYTE, 1, 1},
    {T_BOM, 3, CL_COLUMN_CHAR, 1, 1},
    {T_BOM, 6, CL_COLUMN_BYTE, 1, 4},
    {T_BOM, 6, CL_COLUMN_CHAR, 1, 2},
    {T_BOM, 6, CL_COLUMN_DISPLAY, 1, 3},
    {T_BOM, 6, CL_COLUMN_UTF16, 1, 2},
    {T_BOM, 8, CL_COLUMN_BYTE, 2, 1},
    {T_INVALID, 6, CL_COLUMN_BYTE, 1, 7},
    {T_INVALID, 6, CL_COLUMN_CHAR, 1, 5},
    {T_INVALID, 6, CL_COLUMN_DISPLAY, 1, 6},
    {T_INVALID, 6, CL_COLUMN_UTF16, 1, 5},
    {T_INVALID, 3, CL_COLUMN_CHAR, 1, 4},
    {T_FULLWIDTH, 6, CL_COLUMN_DISPLAY, 1, 5},
    {T_FULLWIDTH, 6, CL_COLUMN_CHAR, 1, 3},
    {T_COMBINING, 3, CL_COLUMN_DISPLAY, 1, 2},
    {T_COMBINING, 3, CL_COLUMN_CHAR, 1, 3},
    {T_HANGUL, 3, CL_COLUMN_DISPLAY, 1, 3},
    {T_303F, 3, CL_COLUMN_DISPLAY, 1, 2},
    {"", 0, CL_COLUMN_BYTE, 1, 1},
    {"", 0, CL_COLUMN_DISPLAY, 1, 1},
    {"\n\n", 2, CL_COLUMN_CHAR, 3, 1},
};

static const char *unit_name(cl_column_unit u)
{
    static const char *names[] = {"byte", "char", "display", "utf16"};
    return names[u];
}

static void test_lines_rows(void **state)
{
    for (size_t i = 0; i < sizeof line_rows / sizeof line_rows[0]; i++) {
        cl_lines lines;
        const char *text = line_rows[i].text;
        cl_lines_init(&lines, text, strlen(text));
        int line = -1, column = -1;
        cl_lines_locate(&lines, line_rows[i].off, line_rows[i].unit, &line, &column);
        if (line != line_rows[i].line || column != line_rows[i].column) {
            fprintf(stderr, "line row %zu: offset %zu %s: got %d:%d want %d:%d\n", i,
                    line_rows[i].off, unit_name(line_rows[i].unit), line, column,
                    line_rows[i].line, line_rows[i].column);
            print_escaped("text", text, strlen(text));
            fail();
        }
        cl_lines_free(&lines);
    }
}

static void test_lines_index(void **state)
{
    cl_lines lines;
    cl_lines_init(&lines, T_CRLF, strlen(T_CRLF));
    assert_int_equal(lines.n, 3);
    assert_int_equal(lines.starts[0], 0);
    assert_int_equal(lines.starts[1], 4);
    assert_int_equal(lines.starts[2], 8);
    assert_int_equal(lines.bom, 0);
    cl_lines_free(&lines);

    cl_lines_init(&lines, T_BOM, strlen(T_BOM));
    assert_int_equal(lines.n, 2);
    assert_int_equal(lines.bom, 3);
    cl_lines_free(&lines);

    cl_lines_init(&lines, NULL, 0);
    assert_int_equal(lines.n, 1);
    cl_lines_free(&lines);
}

/* A claim found in normalised text, reported at its line and column in a file
 * with a BOM, CRLF line ends and full-width digits. */
static void test_claim_position(void **state)
{
    const char *in = "\xef\xbb\xbf標題\r\n截至2024年，共有１４８項臨床試驗\r\n";
    cl_text t;
    assert_true(cl_text_normalize(&t, in, strlen(in), unit_fold));
    expect_bytes("claim text", t.norm, t.len, "标题\n截至2024年，共有148项临床试验\n");

    const char *hit = strstr(t.norm, "148项");
    assert_non_null(hit);
    size_t a = (size_t)(hit - t.norm), b = a + strlen("148项");
    size_t oa = t.map[a], ob = cl_text_orig_end(&t, b);
    expect_bytes("claim span", in + oa, ob - oa, "１４８項");

    cl_lines lines;
    cl_lines_init(&lines, in, strlen(in));
    static const struct {
        cl_column_unit unit;
        int column;
    } want[] = {
        {CL_COLUMN_BYTE, 23}, {CL_COLUMN_CHAR, 11}, {CL_COLUMN_DISPLAY, 17}, {CL_COLUMN_UTF16, 11},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int line, column;
        cl_lines_locate(&lines, oa, want[k].unit, &line, &column);
        assert_int_equal(line, 2);
        assert_int_equal(column, want[k].column);
    }
    /* The title, right after the BOM */
    int line, column;
    cl_lines_locate(&lines, t.map[0], CL_COLUMN_CHAR, &line, &column);
    assert_int_equal(line, 1);
    assert_int_equal(column, 1);
    cl_lines_free(&lines);
    cl_text_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_han),
        cmocka_unit_test(test_fold_string),
        cmocka_unit_test(test_fold_open_error_message),
        cmocka_unit_test(test_normalize_rows),
        cmocka_unit_test(test_normalize_without_fold),
        cmocka_unit_test(test_normalize_spans),
        cmocka_unit_test(test_normalize_map_exact),
        cmocka_unit_test(test_normalize_orig_end),
        cmocka_unit_test(test_normalize_invalid_offsets),
        cmocka_unit_test(test_normalize_embedded_nul),
        cmocka_unit_test(test_text_free_zeroed),
        cmocka_unit_test(test_lines_rows),
        cmocka_unit_test(test_lines_index),
        cmocka_unit_test(test_claim_position),
    };
    return cmocka_run_group_tests(tests, unit_setup_fold, unit_teardown_fold);
}
