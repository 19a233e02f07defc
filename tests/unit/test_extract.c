/* Unit tests for extraction (src/text/extract.c, markdown.c, html.c): for
 * each input, the exact same-length buffer the normaliser will read, written
 * out by hand with '~' standing for CL_BLANK; the document date; and for a
 * few claims, the normalised text and the span of the file it points at. */
#include "unit.h"

#include "text/extract.h"
#include "text/text.h"

/* The extracted text with CL_BLANK shown as '~' (no input here has a '~'). */
static char *shown(const cl_extracted *x)
{
    char *s = malloc(x->len + 1);
    for (size_t i = 0; i < x->len; i++)
        s[i] = x->text[i] == CL_BLANK ? '~' : x->text[i];
    s[x->len] = '\0';
    return s;
}

static void print_escaped(const char *label, const char *s)
{
    fprintf(stderr, "  %s: \"", label);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            fputs("\\n", stderr);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(stderr, "\\x%02x", *p);
        else
            fputc(*p, stderr);
    }
    fputs("\"\n", stderr);
}

typedef struct row {
    const char *in, *out, *date; /* date NULL: none */
} row;

#define R(in, out) {in, out, NULL}

static void run_rows(cl_markup markup, const row *rows, size_t n)
{
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        cl_extracted x;
        size_t len = strlen(rows[i].in);
        cl_text_extract(&x, markup, rows[i].in, len);
        assert_int_equal(x.len, len);
        assert_int_equal(x.text[len], '\0');
        char *got = shown(&x);
        if (strcmp(got, rows[i].out) != 0 || strcmp(x.date, rows[i].date ? rows[i].date : "") != 0) {
            fprintf(stderr, "row %zu:\n", i);
            print_escaped("in  ", rows[i].in);
            print_escaped("got ", got);
            print_escaped("want", rows[i].out);
            fprintf(stderr, "  date: got '%s' want '%s'\n", x.date, rows[i].date ? rows[i].date : "");
            failures++;
        }
        free(got);
        cl_extracted_free(&x);
    }
    assert_int_equal(failures, 0);
}

/* ---- Markdown ---------------------------------------------------------------- */

static const row md_rows[] = {
    /* emphasis markers go, unmatched or spaced stars stay */
    R("共有**148**项", "共有~~148~~项"),
    R("共有*148*项", "共有~148~项"),
    R("**粗*斜*粗**", "~~粗~斜~粗~~"),
    R("3 * 4 = 12，5*3=15", "3 * 4 = 12，5*3=15"),
    R("snake_case_name 与 _强调_", "snake_case_name 与 ~强调~"),
    R("欧盟_27个_成员国", "欧盟_27个_成员国"), /* '_' inside words is no emphasis (CommonMark) */
    R("a\\*b\\_c", "a~*b~_c"),
    /* headings, bullets, quote markers */
    R("# 标题 ##", "~~标题~~~"),
    R("## 共有148项", "~~~共有148项"),
    R("#标签", "#标签"), /* no space: a paragraph */
    R("Setext 标题\n===\n", "Setext 标题\n~~~\n"),
    R("- 列表项\n- 第二\n", "~~列表项\n~~第二\n"),
    R("1. 第一\n2) 第二\n", "~~~第一\n~~~第二\n"),
    R("> 引用\n> 续\n", "~~引用 ~~续\n"),
    R("> - 引用中\n>   续行\n", "~~~~引用中 ~~~~续行\n"),
    R("- 共有\n  148项\n", "~~共有 ~~148项\n"),
    /* soft and hard line breaks */
    R("共有\n148项", "共有 148项"),
    R("第一行  \n第二行", "第一行  \n第二行"),
    R("第一行\\\n第二行", "第一行~\n第二行"),
    R("a\r\nb", "a~ b"),
    /* code */
    R("```\ncode 1\n```\n", "~~~\n~~~~~~\n~~~\n"),
    R("~~~\ncode\n~~~\n正文", "~~~\n~~~~\n~~~\n正文"),
    R("    缩进 444\n", "~~~~~~~~~~~~~~\n"),
    R("见`代码`和", "见~~~~~~~~和"),
    R("见``a`b``和", "见~~~~~~~和"),
    R("`没有闭合", "`没有闭合"),
    R("1. x\n\n   ```\n   y\n   ```\n", "~~~x\n\n~~~~~~\n~~~~\n~~~~~~\n"),
    /* links, images, URLs */
    R("[文本](http://x.com/1)后", "~文本~~~~~~~~~~~~~~~~~后"),
    R("[文本](http://x.com/1 \"标题 9\")后", "~文本~~~~~~~~~~~~~~~~~~~~~~~~~~~~后"),
    R("[文本][ref] 与 [1]", "~文本~~~~~~ 与 [1]"),
    R("![图 777项](a.png)后", "~~~~~~~~~~~~~~~~~~~~后"),
    R("[![图](a.png) 文](b)", "~~~~~~~~~~~~~~ 文~~~~"),
    R("<https://x.com/2>前", "~~~~~~~~~~~~~~~~~前"),
    R("<a@b.cn>", "~~~~~~~~"),
    R("见 https://x.com/a/148。", "见 ~~~~~~~~~~~~~~~~~~~。"),
    R("(见www.x.com/9).", "(见~~~~~~~~~~~)."),
    R("[ref]: http://x.com/333\n正文 [文本][ref]", "~~~~~~~~~~~~~~~~~~~~~~~\n正文 ~文本~~~~~~"),
    R("[ref]: http://x.com/333 \"标题\"\n", "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"),
    /* entities */
    R("R&amp;D &#20159; &#x4EBF; &copy; &bogus; &#1;", "R&~~~~D 亿~~~~~ 亿~~~~~ ©~~~~ &bogus; ~~~~"),
    R("`&amp;`", "~~~~~~~"),
    R("\\&amp;", "~&amp;"),
    /* raw HTML */
    R("段落 <b>粗</b> 文", "段落 ~~~粗~~~~ 文"),
    R("a <span class=\"x\">b</span>", "a ~~~~~~~~~~~~~~~~b~~~~~~~"),
    R("<div>\nhtml 块\n</div>\n", "~~~~~\n~~~~~~~~\n~~~~~~\n"),
    R("<!-- 注释 666 -->\n正文", "~~~~~~~~~~~~~~~~~~~\n正文"),
    R("a < b > c", "a < b > c"),
    /* front matter */
    {"---\ndate: 2025-01-15\n---\n正文", "~~~\n~~~~~~~~~~~~~~~~\n~~~\n正文", "2025-01-15"},
    {"---\ndate: '2025-01'\ntitle: x\n...\n正文", "~~~\n~~~~~~~~~~~~~~~\n~~~~~~~~\n~~~\n正文", "2025-01"},
    {"---\ndate: 2025-01-15T08:00:00+08:00\n---\n", "~~~\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n~~~\n", "2025-01-15"},
    {"---\ndate: 2024年3月\n---\n", "~~~\n~~~~~~~~~~~~~~~~~\n~~~\n", "2024-03"},
    R("---\ntitle: x\n---\n", "~~~\n~~~~~~~~\n~~~\n"),
    R("---\n---\n正文", "~~~\n~~~\n正文"),
    {"\xef\xbb\xbf---\ndate: 2020\n---\n", "~~~~~~\n~~~~~~~~~~\n~~~\n", "2020"},
    {"+++\ndate = 2025-01-15T08:00:00+08:00\n+++\n正文", "~~~\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n~~~\n正文", "2025-01-15"},
    {"+++\ntitle = \"x\"\ndate = \"2024-05\" # comment\n[params]\ndate = 2020\n+++\n",
     "~~~\n~~~~~~~~~~~\n~~~~~~~~~~~~~~~~~~~~~~~~~~\n~~~~~~~~\n~~~~~~~~~~~\n~~~\n", "2024-05"},
    R("+++\n[params]\ndate = 2020\n+++\n", "~~~\n~~~~~~~~\n~~~~~~~~~~~\n~~~\n"), /* not top level */
    R("+++\n正文\n", "+++ 正文\n"),                  /* no closing line: a paragraph */
    R("---\n正文\n", "~~~\n正文\n"),                 /* no closing line: a thematic break */
    R("---\n\n正文\n\n---\n", "~~~\n\n正文\n\n~~~\n"),  /* YAML but no mapping: not front matter */
    R("x\n---\ndate: 2020\n---\n", "x\n~~~\ndate: 2020\n~~~\n"), /* not at the top: two setext headings */
    /* invalid bytes are put back, even in code, so they are reported */
    R("```\n\xff\n```", "~~~\n\xff\n~~~"),
    R("共有\xff**148**项", "共有\xff~~148~~项"),
    R("\xef\xbb\xbf# T", "~~~~~T"),
    R("", ""),
};

static void test_markdown_rows(void **state)
{
    run_rows(CL_MARKUP_MARKDOWN, md_rows, sizeof md_rows / sizeof md_rows[0]);
}

/* ---- HTML ---------------------------------------------------------------------- */

static const row html_rows[] = {
    R("<p>共有<b>148</b>项</p>", "\n~~共有~~~148~~~~项\n~~~"),
    R("<P>正文</P>", "\n~~正文\n~~~"),
    R("a<br>b<br/>c", "a\n~~~b\n~~~~c"),
    R("<p>共有\n148项</p>", "\n~~共有 148项\n~~~"),
    R("<p>a\r\nb</p>", "\n~~a~ b\n~~~"),
    R("<pre>a\nb</pre>", "\n~~~~a\nb\n~~~~~"),
    R("<ul><li>一</li><li>二</li></ul>", "\n~~~\n~~~一\n~~~~\n~~~二\n~~~~\n~~~~"),
    R("<table><tr><td>1</td><td>2</td></tr></table>",
     "\n~~~~~~\n~~~\n~~~1\n~~~~\n~~~2\n~~~~\n~~~~\n~~~~~~~"),
    /* entities */
    R("<p>&amp;&#20159;&#x4EBF;&nbsp;&lt;&#150;</p>", "\n~~&~~~~亿~~~~~亿~~~~~\xc2\xa0~~~~<~~~\xe2\x80\x93~~~\n~~~"),
    R("<p>&bogus; &amp</p>", "\n~~&bogus; &amp\n~~~"),
    R("<p>&#49;20&#x9879;</p>", "\n~~1~~~~20项~~~~~\n~~~"),
    /* not article text */
    R("<script>var a='148项';</script>正文", "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~正文"),
    R("<style>p{x:1}</style>正文", "~~~~~~~~~~~~~~~~~~~~~正文"),
    R("a<!-- 148项 -->b", "a~~~~~~~~~~~~~~~b"),
    R("<p>见<code>148项</code>。</p>", "\n~~见~~~~~~~~~~~~~~~~~~~。\n~~~"),
    R("<!DOCTYPE html><p>x</p>", "~~~~~~~~~~~~~~~\n~~x\n~~~"),
    {"<html><head><title>标题</title><meta name=\"date\" content=\"2024-05-06\"></head><body>正文</body></html>",
     "\n~~~~~\n~~~~~\n~~~~~~标题\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n~~~~~~\n~~~~~正文\n~~~~~~\n~~~~~~",
     "2024-05-06"},
    R("<p title=\"a>b\">正文</p>", "\n~~~~~~~~~~~~~~正文\n~~~"),
    R("<div\nclass=\"x\">正文</div>", "\n~~~~~~~~~~~~~~正文\n~~~~~"),
    /* markup the parser drops without an event: a stray end tag, a second <body> */
    R("<p>a</div>b</p>", "\n~~a\n~~~~~b\n~~~"),
    R("<p>a</span>b</p>", "\n~~a~~~~~~~b\n~~~"),
    R("<body>a<body class=\"x\">b</body>", "\n~~~~~a\n~~~~~~~~~~~~~~~b\n~~~~~~"),
    R("<p>a<![CDATA[x]]>b</p>", "\n~~a~~~~~~~~~~~~~b\n~~~"),
    /* text that only looks like markup */
    R("<p>a < b &amp;&amp; c > d</p>", "\n~~a < b &~~~~&~~~~ c > d\n~~~"),
    /* a <meta charset> does not change how the (already UTF-8) text is read */
    R("<meta charset=\"gbk\"><p>中文</p>", "~~~~~~~~~~~~~~~~~~~~\n~~中文\n~~~"),
    /* bare URLs in the text */
    R("<p>见https://x.com/148。</p>", "\n~~见~~~~~~~~~~~~~~~~~。\n~~~"),
    /* invalid bytes stay for the normaliser to report */
    R("<p>a\xff" "b</p>", "\n~~a\xff" "b\n~~~"),
    R("<b\xff>x</b>", "~~\xff~x~~~~"),
    R("", ""),
};

static void test_html_rows(void **state)
{
    run_rows(CL_MARKUP_HTML, html_rows, sizeof html_rows / sizeof html_rows[0]);
}

/* The publication date: the best source wins whatever the order. */
static const struct {
    const char *in, *date, *from;
} date_rows[] = {
    {"<meta name=\"date\" content=\"2020-01-01\"><meta property=\"article:published_time\" "
     "content=\"2021-02-03T04:05:06Z\">",
     "2021-02-03", "<meta property=\"article:published_time\">"},
    {"<meta name=\"PubDate\" content=\"2022/3/4\">", "2022-03-04", "<meta name=\"pubdate\">"},
    {"<meta name=\"publishdate\" content=\"2022-03-04 10:00:00\">", "2022-03-04", "<meta name=\"publishdate\">"},
    {"<meta itemprop=\"datePublished\" content=\"2022-05\">", "2022-05", "<meta itemprop=\"datePublished\">"},
    {"<span itemprop=\"datePublished\" datetime=\"2022-05-06\">x</span>", "2022-05-06", "itemprop=\"datePublished\""},
    {"<meta name=\"dc.date.issued\" content=\"2019\">", "2019", "<meta name=\"DC.date.issued\">"},
    {"<article><time datetime=\"2022-03-04T10:00\">3月4日</time></article>", "2022-03-04",
     "<time datetime> in the <article>"},
    {"<time datetime=\"2022-03-04\">3月4日</time>", "", NULL}, /* outside the article: a sidebar's, perhaps */
    {"<meta name=\"date\" content=\"yesterday\"><meta name=\"DC.date.issued\" content=\"2019-12-31\">", "2019-12-31",
     "<meta name=\"DC.date.issued\">"},
    {"<meta name=\"date\" content=\"2023-02-29\">", "", NULL},
    /* read as UTF-8 (libxml2 left to guess would take it for ISO-8859-1) */
    {"<p>中文</p><meta name=\"date\" content=\"2025年1月15日\">", "2025-01-15", "<meta name=\"date\">"},
    {"<meta name=\"description\" content=\"2020-01-01\">", "", NULL},
};

static void test_html_dates(void **state)
{
    for (size_t i = 0; i < sizeof date_rows / sizeof date_rows[0]; i++) {
        cl_extracted x;
        cl_text_extract(&x, CL_MARKUP_HTML, date_rows[i].in, strlen(date_rows[i].in));
        if (strcmp(x.date, date_rows[i].date) != 0) {
            fprintf(stderr, "date row %zu: got '%s' want '%s'\n", i, x.date, date_rows[i].date);
            fail();
        }
        if (date_rows[i].from) {
            char want[128];
            snprintf(want, sizeof want, "document date %s, from %s", date_rows[i].date, date_rows[i].from);
            assert_int_equal(x.n_notes, 1);
            assert_false(x.notes[0].problem);
            assert_string_equal(x.notes[0].message, want);
        } else {
            assert_int_equal(x.n_notes, 0);
        }
        cl_extracted_free(&x);
    }
}

/* ---- Front matter problems ----------------------------------------------------- */

static void test_front_matter_problems(void **state)
{
    static const struct {
        const char *in;
        size_t offset;
        const char *message;
    } rows[] = {
        {"---\ntitle: [unclosed\n---\n正文", 21,
         "front matter is not valid YAML (did not find expected ',' or ']'); its date is not read"},
        {"---\ndate: soon\n---\n", 10,
         "front matter date 'soon' is not a date (YYYY-MM-DD, YYYY-MM or YYYY); it is not used"},
        {"---\n标题: 中文\ndate: 2025-02-30\n---\n", 25,
         "front matter date '2025-02-30' is not a date (YYYY-MM-DD, YYYY-MM or YYYY); it is not used"},
        {"---\ndate: {y: 2025}\n---\n", 10,
         "front matter date '...' is not a date (YYYY-MM-DD, YYYY-MM or YYYY); it is not used"},
        {"+++\ndate = 'later'\n+++\n", 11,
         "front matter date 'later' is not a date (YYYY-MM-DD, YYYY-MM or YYYY); it is not used"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cl_extracted x;
        cl_text_extract(&x, CL_MARKUP_MARKDOWN, rows[i].in, strlen(rows[i].in));
        assert_string_equal(x.date, "");
        assert_int_equal(x.n_notes, 1);
        assert_true(x.notes[0].problem);
        assert_string_equal(x.notes[0].message, rows[i].message);
        assert_int_equal(x.notes[0].offset, rows[i].offset);
        cl_extracted_free(&x);
    }
}

/* ---- Dates as documents write them --------------------------------------------- */

static void test_read_date(void **state)
{
    static const struct {
        const char *in, *out; /* out NULL: not a date */
    } rows[] = {
        {"2025-01-15", "2025-01-15"},
        {"2025-1-5", "2025-01-05"},
        {"2025/01/15", "2025-01-15"},
        {"2025.01.15", "2025-01-15"},
        {"2025-01", "2025-01"},
        {"2025", "2025"},
        {"2025-01-15T08:00:00+08:00", "2025-01-15"},
        {"2025-01-15t08:00", "2025-01-15"},
        {"2025-01-15 08:00:00 +0800", "2025-01-15"},
        {"  2025-01-15  ", "2025-01-15"},
        {"2025年1月15日", "2025-01-15"},
        {"2025年1月", "2025-01"},
        {"2025年", "2025"},
        {"2024-02-29", "2024-02-29"},
        {"2000-02-29", "2000-02-29"},
        {"2023-02-29", NULL},
        {"1900-02-29", NULL},
        {"2025-13-01", NULL},
        {"2025-00-10", NULL},
        {"2025-04-31", NULL},
        {"2025-01-15x", NULL},
        {"2025-01-15T", NULL},
        {"20250115", NULL},
        {"25-01-15", NULL},
        {"2025-01/15", NULL},
        {"0999", NULL},
        {"tomorrow", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char out[11] = "";
        bool ok = cl_ex_read_date(rows[i].in, strlen(rows[i].in), out);
        if (ok != (rows[i].out != NULL) || (ok && strcmp(out, rows[i].out) != 0)) {
            fprintf(stderr, "date '%s': got %s '%s'\n", rows[i].in, ok ? "true" : "false", out);
            fail();
        }
    }
}

/* ---- Claims: normalised text and the span of the file ------------------------- */

static const struct {
    cl_markup markup;
    const char *in, *claim, *orig; /* the claim in the normalised text, and the file's bytes it points at */
    size_t offset;
} claim_rows[] = {
    {CL_MARKUP_MARKDOWN, "共有**148**项", "148项", "148**项", 8},
    {CL_MARKUP_MARKDOWN, "- 列表\n- 截至2024年，其中 *106* 项", "106项", "106* 项", 35},
    {CL_MARKUP_MARKDOWN, "> 共有\n> 148项", "共有148项", "共有\n> 148项", 2},
    {CL_MARKUP_MARKDOWN, "# 共有`x`148项", "共有148项", "共有`x`148项", 2},
    {CL_MARKUP_HTML, "<p>共有<b>148</b>项</p>", "148项", "148</b>项", 12},
    /* a span ending in an entity ends as many bytes into it as the decoded
     * character is long: the one imprecision of same-length decoding */
    {CL_MARKUP_HTML, "<p>其中&#49;20&#x9879;</p>", "120项", "&#49;20&#x", 9},
    {CL_MARKUP_HTML, "<p>R&amp;D 投入 3&nbsp;亿</p>", "R&D投入3亿", "R&amp;D 投入 3&nbsp;亿", 3},
};

static void test_claim_spans(void **state)
{
    for (size_t i = 0; i < sizeof claim_rows / sizeof claim_rows[0]; i++) {
        const char *in = claim_rows[i].in;
        cl_extracted x;
        cl_text_extract(&x, claim_rows[i].markup, in, strlen(in));
        cl_text t;
        assert_true(cl_text_normalize(&t, x.text, x.len, NULL));
        const char *hit = strstr(t.norm, claim_rows[i].claim);
        if (!hit) {
            fprintf(stderr, "claim row %zu: '%s' not in '%s'\n", i, claim_rows[i].claim, t.norm);
            fail();
        }
        size_t a = (size_t)(hit - t.norm), b = a + strlen(claim_rows[i].claim);
        size_t oa = t.map[a], ob = cl_text_orig_end(&t, b);
        assert_int_equal(oa, claim_rows[i].offset);
        if (ob - oa != strlen(claim_rows[i].orig) || memcmp(in + oa, claim_rows[i].orig, ob - oa) != 0) {
            fprintf(stderr, "claim row %zu: span '%.*s' want '%s'\n", i, (int)(ob - oa), in + oa, claim_rows[i].orig);
            fail();
        }
        /* as findings show it: the extracted span without the blanks */
        char *visible = cl_text_visible(x.text + oa, ob - oa);
        assert_non_null(visible);
        free(visible);
        cl_text_free(&t);
        cl_extracted_free(&x);
    }
}

static void test_visible_and_free(void **state)
{
    char *v = cl_text_visible("148\x01\x01\x01\x01项", 10);
    assert_string_equal(v, "148项");
    free(v);
    cl_extracted x = {0};
    cl_extracted_free(&x);
    cl_extracted_free(NULL);
    /* plain text is copied as it is */
    const char *plain = "共有**148**项 <b>";
    cl_text_extract(&x, CL_MARKUP_TEXT, plain, strlen(plain));
    assert_string_equal(x.text, "共有**148**项 <b>");
    cl_extracted_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_rows),
        cmocka_unit_test(test_html_rows),
        cmocka_unit_test(test_html_dates),
        cmocka_unit_test(test_front_matter_problems),
        cmocka_unit_test(test_read_date),
        cmocka_unit_test(test_claim_spans),
        cmocka_unit_test(test_visible_and_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
