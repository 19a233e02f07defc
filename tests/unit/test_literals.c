/* Unit tests for the required literals of patterns (src/data/literals.c),
 * which decide on which lines the matcher runs a pattern at all: every row
 * gives a pattern and its clauses as "a|b & c" (each clause's strings in
 * order, clauses best first), or "" when nothing is known. A clause wrongly
 * claimed would silently lose matches, so the rows that must stay unknown
 * matter as much as the others. */
#include "unit.h"

#include "base/base.h"
#include "data/rules.h"

typedef struct row {
    const char *pattern, *want;
} row;

static const row ROWS[] = {
    {"abc", "abc"},
    {"年(\\d+)月", "年 & 月"},
    {"ab|cd", "ab|cd"},
    {"ab|c?", ""},
    /* A short class of plain characters requires one of them. */
    {"[（(]\\d+[）)]", "（|( & ）|)"},
    {"\\d+[%％]", "%|％"},
    /* Single punctuation characters count; single letters and digits do not. */
    {"x\\(y", "x(y"},
    {"\\d\\(\\d", "("},
    {"[ab]\\d", ""},
    {"[12]\\d", ""},
    /* Negation, ranges, escapes and POSIX classes are not followed. */
    {"[^（(]", ""},
    {"[a-c]x", ""},
    {"[\\d（]", ""},
    {"[[:digit:]（]", ""},
    /* Under (?i), letters in a class are not literals; punctuation still is. */
    {"(?i)[xy]z", ""},
    {"(?i)\\d[(（]", "(|（"},
    /* An optional class requires nothing. */
    {"\\d[（(]?", ""},
    /* More than eight members: too many to be worth it. */
    {"[一二三四五六七八九]", ""},
};

static void format(const cl_clause *c, size_t n, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            snprintf(buf + strlen(buf), size - strlen(buf), " & ");
        for (size_t k = 0; k < c[i].n; k++)
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", k ? "|" : "", c[i].strs[k]);
    }
}

static void test_requirements(void **state)
{
    (void)state;
    int fails = 0;
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        cl_clause *c = NULL;
        size_t n = 0, max_len = 0;
        cl_pattern_requirements(ROWS[i].pattern, &c, &n, &max_len);
        char got[512];
        format(c, n, got, sizeof got);
        if (strcmp(got, ROWS[i].want) != 0) {
            fprintf(stderr, "%s: want \"%s\", got \"%s\"\n", ROWS[i].pattern, ROWS[i].want, got);
            fails++;
        }
        cl_clauses_free(c, n);
    }
    assert_int_equal(fails, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_requirements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
