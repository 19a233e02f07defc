/* The claimlint command: parses arguments, reads files, runs the library and
 * prints. The only place that reads argv, writes to the terminal or exits.
 * Options live in one table that drives both parsing and --help. */
#include "claimlint.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum opt_id {
    OPT_RULES, OPT_REFERENCE, OPT_DATE, OPT_ENCODING, OPT_INPUT_FORMAT, OPT_FAIL_LEVEL, OPT_COLUMN_UNIT, OPT_NO_CROSS,
    OPT_CLAIMS, OPT_VERBOSE, OPT_QUIET, OPT_LIST_RULES, OPT_TEST_RULES, OPT_HELP, OPT_VERSION
};

typedef struct option_spec {
    enum opt_id id;
    char short_name;
    const char *long_name;
    const char *arg; /* NULL: a flag */
    const char *help;
} option_spec;

static const option_spec options[] = {
    {OPT_RULES, 0, "rules", "DIR",
     "load rules and reference files from DIR (repeatable); default: the installed data, or rules/ of a checkout"},
    {OPT_REFERENCE, 0, "reference", "FILE", "load an extra reference table (repeatable)"},
    {OPT_DATE, 0, "date", "YYYY-MM-DD",
     "the default document date, for claims without their own (also YYYY-MM, YYYY)"},
    {OPT_ENCODING, 0, "encoding", "NAME", "read files in encoding NAME (an iconv name, e.g. big5); default below"},
    {OPT_INPUT_FORMAT, 0, "input-format", "FORMAT", "auto (by extension, the default), text, markdown or html"},
    {OPT_FAIL_LEVEL, 0, "fail-level", "LEVEL", "exit 1 on findings at or above LEVEL: error, warning (default) or note"},
    {OPT_COLUMN_UNIT, 0, "column-unit", "UNIT", "count columns in byte (default), char, display or utf16 units"},
    {OPT_NO_CROSS, 0, "no-cross", NULL, "do not compare claims across files"},
    {OPT_CLAIMS, 0, "claims", NULL, "print every extracted claim as JSON Lines instead of the findings"},
    {OPT_VERBOSE, 'v', "verbose", NULL,
     "also explain claims left unchecked, and why; say which date and encoding were read"},
    {OPT_QUIET, 'q', "quiet", NULL, "no summary line on standard error"},
    {OPT_LIST_RULES, 0, "list-rules", NULL, "list the loaded rules and exit"},
    {OPT_TEST_RULES, 0, "test-rules", NULL, "run every rule's examples and exit (1 if any fails)"},
    {OPT_HELP, 'h', "help", NULL, "show this help and exit"},
    {OPT_VERSION, 0, "version", NULL, "show the version and exit"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

typedef struct cli {
    const char **rules;
    size_t n_rules;
    const char **refs;
    size_t n_refs;
    const char *date;
    const char *encoding;
    cl_input_format format;
    cl_severity fail_level;
    cl_column_kind columns;
    bool no_cross, claims, verbose, quiet, list_rules, test_rules;
    const char **paths;
    size_t n_paths;
} cli;

static void usage(FILE *f)
{
    fprintf(f, "Usage: claimlint [OPTIONS] PATH...\n"
               "Check numeric and regulatory claims in articles against sourced reference facts.\n"
               "A PATH is a file, a directory (its .txt, .md, .markdown, .text, .html and .htm files,\n"
               "recursively, in sorted order, hidden entries skipped) or - for standard input.\n\n"
               "Options:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const option_spec *o = &options[i];
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name, o->arg ? "=" : "",
                     o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? "=" : "", o->arg ? o->arg : "");
        fprintf(f, "  %-28s %s\n", left, o->help);
    }
    fprintf(f, "\nInputs: .md and .markdown files are read as Markdown, .html and .htm as HTML\n"
               "(markup, code, scripts and URLs skipped), others and - as text. A date of the\n"
               "document's own, `date:` in Markdown front matter or an HTML publication <meta>,\n"
               "takes precedence over --date. Files are read as UTF-8, or as GB18030 when they\n"
               "are not UTF-8 but decode cleanly as GB18030; positions in a transcoded file are\n"
               "those of its UTF-8 text (lines and characters as an editor shows them, byte\n"
               "columns in UTF-8 bytes).\n");
    fprintf(f, "\nDiagnostics go to standard output as FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE],\n"
               "each followed by its note lines; a summary goes to standard error.\n"
               "Exit status: 0 no findings at or above the fail level, 1 findings, 2 usage,\n"
               "configuration or input errors (the other files are still checked).\n"
               "Documentation: README.md and docs/ in the source tree.\n");
}

static void die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("claimlint: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'claimlint --help' for more information.\n", stderr);
    exit(2);
}

static void push(const char ***v, size_t *n, const char *s)
{
    *v = realloc(*v, (*n + 1) * sizeof **v);
    if (!*v) {
        fputs("claimlint: out of memory\n", stderr);
        exit(2);
    }
    (*v)[(*n)++] = s;
}

static void apply(cli *c, const option_spec *o, const char *arg)
{
    switch (o->id) {
    case OPT_RULES: push(&c->rules, &c->n_rules, arg); break;
    case OPT_REFERENCE: push(&c->refs, &c->n_refs, arg); break;
    case OPT_DATE:
        if (!cl_date_option_valid(arg))
            die_usage("bad --date '%s': expected YYYY-MM-DD, YYYY-MM or YYYY", arg);
        c->date = arg;
        break;
    case OPT_ENCODING:
        if (!cl_encoding_option_valid(arg))
            die_usage("bad --encoding '%s': iconv does not know this encoding (try 'iconv -l')", arg);
        c->encoding = arg;
        break;
    case OPT_INPUT_FORMAT:
        if (strcmp(arg, "auto") == 0) c->format = CL_INPUT_AUTO;
        else if (strcmp(arg, "text") == 0) c->format = CL_INPUT_TEXT;
        else if (strcmp(arg, "markdown") == 0) c->format = CL_INPUT_MARKDOWN;
        else if (strcmp(arg, "html") == 0) c->format = CL_INPUT_HTML;
        else die_usage("bad --input-format '%s': expected auto, text, markdown or html", arg);
        break;
    case OPT_FAIL_LEVEL:
        if (strcmp(arg, "error") == 0) c->fail_level = CL_SEVERITY_ERROR;
        else if (strcmp(arg, "warning") == 0) c->fail_level = CL_SEVERITY_WARNING;
        else if (strcmp(arg, "note") == 0) c->fail_level = CL_SEVERITY_NOTE;
        else die_usage("bad --fail-level '%s': expected error, warning or note", arg);
        break;
    case OPT_COLUMN_UNIT:
        if (strcmp(arg, "byte") == 0) c->columns = CL_COLUMNS_BYTE;
        else if (strcmp(arg, "char") == 0) c->columns = CL_COLUMNS_CHAR;
        else if (strcmp(arg, "display") == 0) c->columns = CL_COLUMNS_DISPLAY;
        else if (strcmp(arg, "utf16") == 0) c->columns = CL_COLUMNS_UTF16;
        else die_usage("bad --column-unit '%s': expected byte, char, display or utf16", arg);
        break;
    case OPT_NO_CROSS: c->no_cross = true; break;
    case OPT_CLAIMS: c->claims = true; break;
    case OPT_VERBOSE: c->verbose = true; break;
    case OPT_QUIET: c->quiet = true; break;
    case OPT_LIST_RULES: c->list_rules = true; break;
    case OPT_TEST_RULES: c->test_rules = true; break;
    case OPT_HELP: usage(stdout); exit(0);
    case OPT_VERSION: printf("claimlint %s\n", cl_version()); exit(0);
    }
}

static void parse_args(cli *c, int argc, char **argv)
{
    bool only_paths = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
            push(&c->paths, &c->n_paths, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_paths = true;
            continue;
        }
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const option_spec *o = NULL;
            for (size_t k = 0; k < N_OPTIONS; k++)
                if (strlen(options[k].long_name) == n && strncmp(options[k].long_name, name, n) == 0)
                    o = &options[k];
            if (!o)
                die_usage("unknown option '--%.*s'", (int)n, name);
            const char *arg = NULL;
            if (o->arg) {
                if (eq)
                    arg = eq + 1;
                else if (i + 1 < argc)
                    arg = argv[++i];
                else
                    die_usage("option '--%s' needs an argument (%s)", o->long_name, o->arg);
            } else if (eq) {
                die_usage("option '--%s' takes no argument", o->long_name);
            }
            apply(c, o, arg);
            continue;
        }
        for (const char *p = a + 1; *p; p++) {
            const option_spec *o = NULL;
            for (size_t k = 0; k < N_OPTIONS; k++)
                if (options[k].short_name == *p)
                    o = &options[k];
            if (!o)
                die_usage("unknown option '-%c'", *p);
            const char *arg = NULL;
            if (o->arg) {
                if (p[1])
                    arg = p + 1;
                else if (i + 1 < argc)
                    arg = argv[++i];
                else
                    die_usage("option '-%c' needs an argument (%s)", *p, o->arg);
                apply(c, o, arg);
                break;
            }
            apply(c, o, NULL);
        }
    }
}

static void print_problems(const cl_problems *p)
{
    for (size_t i = 0; i < p->len; i++) {
        const cl_problem *x = &p->items[i];
        if (x->line > 0)
            fprintf(stderr, "%s:%d:%d: error: %s\n", x->file ? x->file : "claimlint", x->line, x->column, x->message);
        else
            fprintf(stderr, "%s: error: %s\n", x->file ? x->file : "claimlint", x->message);
    }
}

/* A path relative to the working directory when it lies below it, so that
 * notes read rules/reference/ind.yaml:8:3 when run from a checkout. */
static char *relative_to_cwd(char *abs)
{
    char cwd[PATH_MAX];
    if (!abs || !getcwd(cwd, sizeof cwd))
        return abs;
    size_t n = strlen(cwd);
    if (strncmp(abs, cwd, n) == 0 && abs[n] == '/') {
        char *rel = strdup(abs + n + 1);
        free(abs);
        return rel;
    }
    return abs;
}

/* The shipped rules: rules/ of the source tree when the binary runs from a
 * checkout (build/claimlint), else the installed data directory. */
static char *default_rules_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char probe[PATH_MAX + 64];
            struct stat st;
            snprintf(probe, sizeof probe, "%s/../src/claimlint.h", exe);
            if (stat(probe, &st) == 0) {
                snprintf(probe, sizeof probe, "%s/../rules", exe);
                if (stat(probe, &st) == 0 && S_ISDIR(st.st_mode))
                    return relative_to_cwd(realpath(probe, NULL));
            }
        }
    }
    return strdup(CL_DATADIR "/rules");
}

/* Directory walking ---------------------------------------------------------- */

typedef struct file_list {
    char **items;
    size_t len;
} file_list;

static void add_file(file_list *l, const char *path)
{
    l->items = realloc(l->items, (l->len + 1) * sizeof *l->items);
    if (!l->items) {
        fputs("claimlint: out of memory\n", stderr);
        exit(2);
    }
    l->items[l->len++] = strdup(path);
}

static bool checked_extension(const char *name)
{
    static const char *const exts[] = {".txt", ".md", ".markdown", ".text", ".html", ".htm"};
    const char *dot = strrchr(name, '.');
    if (!dot)
        return false;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return true;
    return false;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool walk(const char *dir, file_list *out, int depth)
{
    if (depth > 64) {
        fprintf(stderr, "claimlint: %s: directories nested too deeply (a symlink loop?)\n", dir);
        return false;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "claimlint: %s: cannot open directory: %s\n", dir, strerror(errno));
        return false;
    }
    file_list names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            add_file(&names, e->d_name);
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof *names.items, name_cmp);
    bool ok = true;
    for (size_t i = 0; i < names.len; i++) {
        size_t n = strlen(dir);
        char *path = malloc(n + strlen(names.items[i]) + 2);
        sprintf(path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", names.items[i]);
        struct stat st;
        if (stat(path, &st) != 0) {
            fprintf(stderr, "claimlint: %s: %s\n", path, strerror(errno));
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            ok &= walk(path, out, depth + 1);
        } else if (S_ISREG(st.st_mode) && checked_extension(names.items[i])) {
            add_file(out, path);
        }
        free(path);
        free(names.items[i]);
    }
    free(names.items);
    return ok;
}

/* Reading ------------------------------------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf)
            break;
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                int saved = errno;
                free(buf);
                buf = NULL;
                errno = saved ? saved : EIO;
            }
            break;
        }
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
            errno = ENOMEM;
            break;
        }
        buf = nb;
    }
    if (f != stdin) {
        int saved = errno;
        fclose(f);
        errno = saved;
    }
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static void plural(FILE *f, size_t n, const char *word, bool *first)
{
    if (!n)
        return;
    fprintf(f, "%s%zu %s%s", *first ? "" : ", ", n, word, n == 1 ? "" : "s");
    *first = false;
}

int main(int argc, char **argv)
{
    cli c = {0};
    c.fail_level = CL_SEVERITY_WARNING;
    parse_args(&c, argc, argv);

    cl_problems problems = {0};
    cl_engine *e = cl_engine_new(&problems);
    if (!e) {
        print_problems(&problems);
        return 2;
    }
    bool ok = true;
    char *default_dir = NULL;
    if (c.n_rules == 0) {
        default_dir = default_rules_dir();
        push(&c.rules, &c.n_rules, default_dir);
    }
    for (size_t i = 0; i < c.n_rules; i++)
        ok &= cl_engine_load_dir(e, c.rules[i], &problems);
    for (size_t i = 0; i < c.n_refs; i++)
        ok &= cl_engine_load_file(e, c.refs[i], &problems);
    /* Prepare even after a loading error, so that every problem is reported at once. */
    ok &= cl_engine_prepare(e, &problems);
    if (!ok) {
        print_problems(&problems);
        fprintf(stderr, "claimlint: %zu error%s in rule or reference files; nothing checked\n", problems.len,
                problems.len == 1 ? "" : "s");
        return 2;
    }

    if (c.list_rules) {
        for (size_t i = 0; i < cl_engine_rule_count(e); i++) {
            cl_rule_info info;
            cl_engine_rule_info(e, i, &info);
            printf("%-32s %-8s %-7s %-40s %s\n", info.id, info.check, info.severity, info.fact, info.description);
        }
        return 0;
    }
    if (c.test_rules) {
        size_t run = 0;
        bool passed = cl_engine_test_rules(e, &run, &problems);
        print_problems(&problems);
        fprintf(stderr, "%zu example%s of %zu rule%s: %s\n", run, run == 1 ? "" : "s", cl_engine_rule_count(e),
                cl_engine_rule_count(e) == 1 ? "" : "s",
                passed ? "all passed" : "FAILED");
        return passed ? 0 : 1;
    }
    if (c.n_paths == 0)
        die_usage("no input files");

    int status = 0;
    file_list files = {0};
    for (size_t i = 0; i < c.n_paths; i++) {
        struct stat st;
        if (strcmp(c.paths[i], "-") == 0) {
            add_file(&files, "-");
        } else if (stat(c.paths[i], &st) != 0) {
            fprintf(stderr, "claimlint: %s: %s\n", c.paths[i], strerror(errno));
            status = 2;
        } else if (S_ISDIR(st.st_mode)) {
            if (!walk(c.paths[i], &files, 0))
                status = 2;
        } else {
            add_file(&files, c.paths[i]);
        }
    }

    cl_session_options so = {c.date, c.columns, !c.no_cross, c.verbose, c.claims};
    cl_session *s = cl_session_new(e, &so);
    size_t counts[3] = {0}, files_with = 0, checked = 0;
    for (size_t i = 0; i < files.len; i++) {
        size_t len = 0;
        const char *name = strcmp(files.items[i], "-") == 0 ? "<stdin>" : files.items[i];
        char *data = read_all(files.items[i], &len);
        if (!data) {
            fprintf(stderr, "claimlint: %s: cannot read: %s\n", name, strerror(errno));
            status = 2;
            continue;
        }
        checked++;
        cl_doc_options doc = {c.format, c.encoding};
        cl_report *r = cl_session_check_doc(s, name, data, len, &doc);
        char *out = c.claims ? cl_format_claims_jsonl(r) : cl_format_gcc(r);
        fputs(out, stdout);
        free(out);
        bool any = false;
        for (size_t k = 0; k < r->n_diags; k++) {
            if (r->diags[k].remark)
                continue;
            counts[r->diags[k].severity]++;
            any = true;
            if (r->diags[k].severity >= c.fail_level && status == 0)
                status = 1;
        }
        if (r->failed)
            status = 2;
        files_with += any;
        cl_report_free(r);
        free(data);
    }
    fflush(stdout);
    if (!c.quiet) {
        bool first = true;
        if (counts[0] + counts[1] + counts[2] == 0) {
            fprintf(stderr, "no findings in %zu file%s\n", checked, checked == 1 ? "" : "s");
        } else {
            plural(stderr, counts[2], "error", &first);
            plural(stderr, counts[1], "warning", &first);
            plural(stderr, counts[0], "note", &first);
            fprintf(stderr, " in %zu of %zu file%s\n", files_with, checked, checked == 1 ? "" : "s");
        }
    }
    for (size_t i = 0; i < files.len; i++)
        free(files.items[i]);
    free(files.items);
    cl_session_free(s);
    cl_engine_free(e);
    cl_problems_free(&problems);
    free(default_dir);
    free(c.rules), free(c.refs), free(c.paths);
    return status;
}
