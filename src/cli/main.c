/* The claimlint command: parses arguments, finds configuration, reads files,
 * runs the library and prints. The only place that reads argv, writes to the
 * terminal or exits. Options live in one table that drives both parsing and
 * --help (and docs/claimlint.1 lists the same; a test compares them). */
#include "claimlint.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum opt_id {
    OPT_RULES, OPT_REFERENCE, OPT_CONFIG, OPT_NO_CONFIG, OPT_DATE, OPT_ENCODING, OPT_INPUT_FORMAT, OPT_FORMAT, OPT_COLUMN_UNIT, OPT_COLOR,
    OPT_EXCERPTS, OPT_FAIL_LEVEL, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_REPORT_UNUSED, OPT_NO_CROSS, OPT_JOBS, OPT_STATS, OPT_CLAIMS,
    OPT_VERBOSE, OPT_QUIET, OPT_LIST_RULES, OPT_LIST_FACTS, OPT_LIST_PATTERNS, OPT_EXPLAIN, OPT_TEST_RULES, OPT_HELP, OPT_VERSION
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
     "load rules and reference files from DIR (repeatable); default: the configuration's, the installed data, or "
     "rules/ of a checkout"},
    {OPT_REFERENCE, 0, "reference", "FILE", "load an extra reference table (repeatable)"},
    {OPT_CONFIG, 0, "config", "FILE", "use this configuration for every file instead of the nearest .claimlint.yaml"},
    {OPT_NO_CONFIG, 0, "no-config", NULL, "do not look for .claimlint.yaml files"},
    {OPT_DATE, 0, "date", "DATE",
     "the default document date (YYYY-MM-DD, YYYY-MM or YYYY) for claims without their own"},
    {OPT_ENCODING, 0, "encoding", "NAME", "read files in encoding NAME (an iconv name, e.g. big5); default below"},
    {OPT_INPUT_FORMAT, 0, "input-format", "FORMAT", "auto (by extension, the default), text, markdown or html"},
    {OPT_FORMAT, 0, "format", "FORMAT", "gcc (default), json, sarif or github"},
    {OPT_COLUMN_UNIT, 0, "column-unit", "UNIT",
     "count columns in byte, char, display or utf16 units (default: byte; sarif: utf16; github: char)"},
    {OPT_COLOR, 0, "color", "WHEN", "colour the gcc format: auto (default: on a terminal, unless NO_COLOR is set), always, never"},
    {OPT_EXCERPTS, 0, "excerpts", "WHEN", "show the source line with a caret under each claim: auto (on a terminal), always, never"},
    {OPT_FAIL_LEVEL, 0, "fail-level", "LEVEL", "exit 1 on findings at or above LEVEL: error, warning (default) or note"},
    {OPT_BASELINE, 0, "baseline", "FILE", "report only findings that are not in the baseline FILE"},
    {OPT_WRITE_BASELINE, 0, "write-baseline", "FILE", "record this run's findings in FILE (written atomically) and exit 0"},
    {OPT_REPORT_UNUSED, 0, "report-unused-suppressions", NULL, "warn about inline directives, and rules named in them, that suppress nothing"},
    {OPT_NO_CROSS, 0, "no-cross", NULL, "do not compare claims across files"},
    {OPT_JOBS, 'j', "jobs", "N", "check N files at once (default: the number of cores); the output does not change"},
    {OPT_STATS, 0, "stats", NULL, "print files, bytes, claims, findings, rules, time and throughput on standard error"},
    {OPT_CLAIMS, 0, "claims", NULL, "print every extracted claim as JSON Lines instead of the findings (not with sarif or github)"},
    {OPT_VERBOSE, 'v', "verbose", NULL,
     "also explain claims left unchecked, and why; say which date and encoding were read, and which files a configuration ignores"},
    {OPT_QUIET, 'q', "quiet", NULL, "no summary line on standard error"},
    {OPT_LIST_RULES, 0, "list-rules", NULL, "list the loaded rules and exit"},
    {OPT_LIST_FACTS, 0, "list-facts", NULL, "list the facts of the reference table and exit"},
    {OPT_LIST_PATTERNS, 0, "list-patterns", NULL, "list every pattern as PCRE2 compiles it (macros expanded) and exit"},
    {OPT_EXPLAIN, 0, "explain", "RULE", "show what RULE checks, its patterns, examples and facts, and exit"},
    {OPT_TEST_RULES, 0, "test-rules", NULL, "run every rule's examples and exit (1 if any fails)"},
    {OPT_HELP, 'h', "help", NULL, "show this help and exit"},
    {OPT_VERSION, 0, "version", NULL, "show the version and exit"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

typedef enum when { WHEN_AUTO, WHEN_ALWAYS, WHEN_NEVER } when;

typedef struct cli {
    const char **rules;
    size_t n_rules;
    const char **refs;
    size_t n_refs;
    const char *config, *date, *baseline, *write_baseline, *explain, *encoding;
    cl_input_format input_format;
    cl_output_format format;
    bool has_columns, has_fail_level;
    cl_column_kind columns;
    cl_severity fail_level;
    when color, excerpts;
    int jobs;
    bool stats;
    bool no_config, report_unused, no_cross, claims, verbose, quiet, list_rules, list_facts, list_patterns, test_rules;
    const char **paths;
    size_t n_paths;
} cli;

static void usage(FILE *f)
{
    fprintf(f, "Usage: claimlint [OPTIONS] PATH...\n"
               "       claimlint extract [OPTIONS] PATH...          (map: each file's claims as JSON Lines)\n"
               "       claimlint reconcile [OPTIONS] SHARD.jsonl... (reduce: what one run would print)\n"
               "Check numeric and regulatory claims in articles against sourced reference facts.\n"
               "A PATH is a file, a directory (its .txt, .md, .markdown, .text, .html and .htm files,\n"
               "recursively, in sorted order, hidden entries skipped, symbolic links followed but not\n"
               "back into a directory being walked; pipes and devices in it skipped), a named pipe, or -\n"
               "for standard input. A device named as a PATH is refused.\n\n"
               "Options:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const option_spec *o = &options[i];
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name, o->arg ? "=" : "",
                     o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? "=" : "", o->arg ? o->arg : "");
        fprintf(f, "  %-34s %s\n", left, o->help);
    }
    fprintf(f, "\nInputs: .md and .markdown files are read as Markdown, .html and .htm as HTML\n"
               "(markup, code, scripts and URLs skipped), others and - as text. A date of the\n"
               "document's own, `date:` in Markdown front matter or an HTML publication <meta>,\n"
               "takes precedence over --date. Files are read as UTF-8, or as GB18030 when they\n"
               "are not UTF-8 but decode cleanly as GB18030; positions in a transcoded file are\n"
               "those of its UTF-8 text (lines and characters as an editor shows them, byte\n"
               "columns in UTF-8 bytes).\n");
    fprintf(f, "\nConfiguration: the nearest .claimlint.yaml above each checked file (docs/configuration.md);\n"
               "options on the command line override it.\n"
               "Inline directives, on a line of their own (bare or in <!-- -->):\n"
               "  claimlint-disable-next-line [RULE...] [-- reason]\n"
               "  claimlint-disable [RULE...]   ...   claimlint-enable [RULE...]\n"
               "Diagnostics go to standard output as FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE],\n"
               "each followed by its note lines; a summary goes to standard error.\n"
               "Exit status: 0 no findings at or above the fail level, 1 findings, 2 usage,\n"
               "configuration or input errors (the other files are still checked).\n"
               "Documentation: README.md and docs/ in the source tree; man claimlint.\n");
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

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("claimlint: out of memory\n", stderr);
        exit(2);
    }
    return q;
}

static void push(const char ***v, size_t *n, const char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = s;
}

static int pick(const char *opt, const char *arg, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(arg, names[i]) == 0)
            return i;
    char list[256] = "";
    for (int i = 0; names[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i == 0 ? "" : names[i + 1] ? ", " : " or ", names[i]);
    die_usage("bad --%s '%s': expected %s", opt, arg, list);
}

static void apply(cli *c, const option_spec *o, const char *arg)
{
    static const char *const levels[] = {"note", "warning", "error", NULL};
    static const char *const units[] = {"byte", "char", "display", "utf16", NULL};
    static const char *const formats[] = {"gcc", "json", "sarif", "github", NULL};
    static const char *const whens[] = {"auto", "always", "never", NULL};
    static const char *const inputs[] = {"auto", "text", "markdown", "html", NULL};
    switch (o->id) {
    case OPT_RULES: push(&c->rules, &c->n_rules, arg); break;
    case OPT_REFERENCE: push(&c->refs, &c->n_refs, arg); break;
    case OPT_CONFIG: c->config = arg; break;
    case OPT_NO_CONFIG: c->no_config = true; break;
    case OPT_DATE:
        if (!cl_date_option_valid(arg))
            die_usage("bad --date '%s': expected YYYY-MM-DD, YYYY-MM or YYYY", arg);
        c->date = arg;
        break;
    case OPT_FORMAT: c->format = (cl_output_format)pick(o->long_name, arg, formats); break;
    case OPT_ENCODING:
        if (!cl_encoding_option_valid(arg))
            die_usage("bad --encoding '%s': iconv does not know this encoding (try 'iconv -l')", arg);
        c->encoding = arg;
        break;
    case OPT_INPUT_FORMAT:
        c->input_format = (cl_input_format)pick(o->long_name, arg, inputs);
        break;
    case OPT_COLUMN_UNIT:
        c->columns = (cl_column_kind)pick(o->long_name, arg, units);
        c->has_columns = true;
        break;
    case OPT_COLOR: c->color = (when)pick(o->long_name, arg, whens); break;
    case OPT_EXCERPTS: c->excerpts = (when)pick(o->long_name, arg, whens); break;
    case OPT_FAIL_LEVEL:
        c->fail_level = (cl_severity)pick(o->long_name, arg, levels);
        c->has_fail_level = true;
        break;
    case OPT_BASELINE: c->baseline = arg; break;
    case OPT_WRITE_BASELINE: c->write_baseline = arg; break;
    case OPT_REPORT_UNUSED: c->report_unused = true; break;
    case OPT_NO_CROSS: c->no_cross = true; break;
    case OPT_JOBS: {
        char *end;
        long n = strtol(arg, &end, 10);
        if (*arg == '\0' || *end != '\0' || n < 1 || n > 1024)
            die_usage("bad --jobs '%s': expected a number from 1 to 1024", arg);
        c->jobs = (int)n;
        break;
    }
    case OPT_STATS: c->stats = true; break;
    case OPT_CLAIMS: c->claims = true; break;
    case OPT_VERBOSE: c->verbose = true; break;
    case OPT_QUIET: c->quiet = true; break;
    case OPT_LIST_RULES: c->list_rules = true; break;
    case OPT_LIST_FACTS: c->list_facts = true; break;
    case OPT_LIST_PATTERNS: c->list_patterns = true; break;
    case OPT_EXPLAIN: c->explain = arg; break;
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
            /* Installed: PREFIX/bin/claimlint beside PREFIX/share/claimlint,
             * wherever PREFIX was when it was installed. */
            snprintf(probe, sizeof probe, "%s/../share/claimlint/rules", exe);
            if (stat(probe, &st) == 0 && S_ISDIR(st.st_mode))
                return realpath(probe, NULL);
        }
    }
    return strdup(CL_DATADIR "/rules");
}

/* ---- Engines, one per configuration ---------------------------------------- */

typedef struct group {
    char *config_path;  /* NULL: no configuration file */
    cl_config *config;
    cl_engine *engine;
    cl_session *session;
    cl_session_options options; /* for the workers of every thread */
    cl_severity fail_level;
    bool ok;
} group;

typedef struct groups {
    group *items;
    size_t len;
} groups;

/* Build the engine for a configuration (NULL: none). Returns NULL and prints
 * the problems when the configuration, rules or reference files are broken. */
static cl_engine *make_engine(const cli *c, const cl_config *cfg)
{
    cl_problems problems = {0};
    cl_engine *e = cl_engine_new(&problems);
    if (!e) {
        print_problems(&problems);
        cl_problems_free(&problems);
        return NULL;
    }
    bool ok = true;
    if (c->n_rules > 0) {
        for (size_t i = 0; i < c->n_rules; i++)
            ok &= cl_engine_load_dir(e, c->rules[i], &problems);
    } else if (cfg && cfg->n_rules > 0) {
        for (size_t i = 0; i < cfg->n_rules; i++)
            ok &= cl_engine_load_dir(e, cfg->rules[i].value, &problems);
    } else {
        char *dir = default_rules_dir();
        ok &= cl_engine_load_dir(e, dir, &problems);
        free(dir);
    }
    for (size_t i = 0; cfg && i < cfg->n_references; i++)
        ok &= cl_engine_load_file(e, cfg->references[i].value, &problems);
    for (size_t i = 0; i < c->n_refs; i++)
        ok &= cl_engine_load_file(e, c->refs[i], &problems);
    /* Prepare even after a loading error, so that every problem is reported at once. */
    ok &= cl_engine_prepare(e, &problems);
    if (ok && cfg)
        ok &= cl_engine_configure(e, cfg, &problems);
    if (!ok) {
        print_problems(&problems);
        fprintf(stderr, "claimlint: %zu error%s in %s; nothing checked\n", problems.len,
                problems.len == 1 ? "" : "s", cfg ? "the configuration, rule or reference files"
                                                  : "rule or reference files");
        cl_problems_free(&problems);
        cl_engine_free(e);
        return NULL;
    }
    cl_problems_free(&problems);
    return e;
}

/* The index of the group for a configuration (created on first use);
 * indices, not pointers, since the array grows. */
static size_t group_for(groups *g, const cli *c, const char *config_path)
{
    for (size_t i = 0; i < g->len; i++) {
        const char *p = g->items[i].config_path;
        if ((p == NULL && config_path == NULL) || (p && config_path && strcmp(p, config_path) == 0))
            return i;
    }
    g->items = xrealloc(g->items, (g->len + 1) * sizeof *g->items);
    group *x = &g->items[g->len++];
    memset(x, 0, sizeof *x);
    x->config_path = config_path ? strdup(config_path) : NULL;
    x->fail_level = c->has_fail_level ? c->fail_level : CL_SEVERITY_WARNING;
    if (config_path) {
        cl_problems problems = {0};
        x->config = cl_config_load(config_path, &problems);
        if (!x->config) {
            print_problems(&problems);
            cl_problems_free(&problems);
            return g->len - 1; /* ok stays false */
        }
        if (!c->has_fail_level && x->config->has_fail_level)
            x->fail_level = x->config->fail_level;
    }
    x->engine = make_engine(c, x->config);
    x->ok = x->engine != NULL;
    return g->len - 1;
}

static void free_groups(groups *g)
{
    for (size_t i = 0; i < g->len; i++) {
        cl_session_free(g->items[i].session);
        cl_engine_free(g->items[i].engine);
        cl_config_free(g->items[i].config);
        free(g->items[i].config_path);
    }
    free(g->items);
}

/* ---- Files ------------------------------------------------------------------ */

typedef struct file_list {
    char **items;
    size_t len;
} file_list;

static void add_file(file_list *l, const char *path)
{
    l->items = xrealloc(l->items, (l->len + 1) * sizeof *l->items);
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

static void walk_file(const char *path, void *arg)
{
    add_file(arg, path);
}

static void walk_error(const char *path, const char *what, int errnum, void *arg)
{
    (void)arg;
    fprintf(stderr, "claimlint: %s: %s%s%s\n", path, what ? what : "", what ? ": " : "", strerror(errnum));
}

/* The checked files below dir, in walk order, appended to out. */
static bool walk(const char *dir, file_list *out)
{
    static const cl_walk_ops ops = {checked_extension, walk_file, walk_error};
    return cl_walk(dir, &ops, out);
}

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

static bool decide(when w, bool tty)
{
    return w == WHEN_ALWAYS || (w == WHEN_AUTO && tty);
}

/* ---- Parallel checking --------------------------------------------------------
 * Threads take files in path order, check each with their own worker (one per
 * configuration group) and leave the partial in its slot; the main thread
 * finishes slots in order. A thread runs at most `window` files ahead of the
 * output, which bounds the memory held by waiting results. The main thread
 * is quicker than the workers, so it would sleep and be woken once per file:
 * instead it sleeps until a batch of files is done (half the window), which
 * saves two context switches per file. */

typedef struct slot {
    cl_partial *partial;
    bool done;
} slot;

typedef struct pool {
    const cli *c;
    groups *gs;
    file_list *files;
    const size_t *of;
    slot *slots;
    size_t next, written, window, total_bytes;
    size_t wait_first, wait_last; /* the main thread sleeps until both are done */
    int jobs;
    pthread_t *threads;
    pthread_mutex_t mu;
    pthread_cond_t done, space;
    cl_worker **main_workers; /* -j1: the main thread's own */
} pool;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static cl_partial *check_one(pool *pl, cl_worker **workers, size_t i)
{
    size_t g = pl->of[i];
    if (g == SIZE_MAX)
        return NULL;
    if (!workers[g])
        workers[g] = cl_worker_new(pl->gs->items[g].engine, &pl->gs->items[g].options);
    const char *path = pl->files->items[i];
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    cl_doc_options dopts = {pl->c->input_format, pl->c->encoding};
    return cl_worker_check_file(workers[g], path, name, &dopts);
}

static void *pool_thread(void *arg)
{
    pool *pl = arg;
    cl_worker **workers = calloc(pl->gs->len, sizeof *workers);
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        while (pl->next < pl->files->len && pl->next >= pl->written + pl->window)
            pthread_cond_wait(&pl->space, &pl->mu);
        if (pl->next >= pl->files->len) {
            pthread_mutex_unlock(&pl->mu);
            break;
        }
        size_t i = pl->next++;
        pthread_mutex_unlock(&pl->mu);
        cl_partial *p = check_one(pl, workers, i);
        pthread_mutex_lock(&pl->mu);
        pl->slots[i].partial = p;
        pl->slots[i].done = true;
        if (i == pl->wait_first || i == pl->wait_last)
            pthread_cond_signal(&pl->done);
        pthread_mutex_unlock(&pl->mu);
    }
    for (size_t g = 0; g < pl->gs->len; g++)
        cl_worker_free(workers[g]);
    free(workers);
    return NULL;
}

/* sizes: sum the files' sizes (for the progress line's time left). */
static void pool_start(pool *pl, const cli *c, groups *gs, file_list *files, const size_t *of, int jobs, bool sizes)
{
    memset(pl, 0, sizeof *pl);
    pl->c = c, pl->gs = gs, pl->files = files, pl->of = of;
    pl->slots = calloc(files->len ? files->len : 1, sizeof *pl->slots);
    pl->jobs = jobs;
    pl->window = (size_t)jobs * 16;
    pl->wait_first = pl->wait_last = SIZE_MAX;
    for (size_t i = 0; sizes && i < files->len; i++) {
        struct stat st;
        if (strcmp(files->items[i], "-") != 0 && stat(files->items[i], &st) == 0)
            pl->total_bytes += (size_t)st.st_size;
    }
    if (jobs <= 1) {
        pl->main_workers = calloc(gs->len, sizeof *pl->main_workers);
        return;
    }
    pthread_mutex_init(&pl->mu, NULL);
    pthread_cond_init(&pl->done, NULL);
    pthread_cond_init(&pl->space, NULL);
    pl->threads = calloc((size_t)jobs, sizeof *pl->threads);
    for (int t = 0; t < jobs; t++)
        if (pthread_create(&pl->threads[t], NULL, pool_thread, pl) != 0) {
            fprintf(stderr, "claimlint: cannot start a thread: %s\n", strerror(errno));
            exit(2);
        }
}

/* The partial of file i, once its thread is done (NULL: the file is ignored). */
static cl_partial *pool_take(pool *pl, size_t i)
{
    if (pl->jobs <= 1)
        return check_one(pl, pl->main_workers, i);
    pthread_mutex_lock(&pl->mu);
    if (!pl->slots[i].done) {
        /* Workers never run more than a window ahead of i, so the last
         * file of the batch is one they will reach. */
        size_t last = i + pl->window / 2 - 1;
        if (last >= pl->files->len)
            last = pl->files->len - 1;
        pl->wait_first = i, pl->wait_last = last;
        while (!pl->slots[i].done || !pl->slots[last].done)
            pthread_cond_wait(&pl->done, &pl->mu);
        pl->wait_first = pl->wait_last = SIZE_MAX;
    }
    cl_partial *p = pl->slots[i].partial;
    pl->slots[i].partial = NULL;
    pl->written = i + 1;
    pthread_cond_broadcast(&pl->space);
    pthread_mutex_unlock(&pl->mu);
    return p;
}

/* The bytes of file i as written, for excerpts (NULL when unreadable). */
static char *pool_data(pool *pl, size_t i, size_t *len)
{
    const char *path = pl->files->items[i];
    if (strcmp(path, "-") == 0)
        return NULL;
    return read_all(path, len);
}

static void pool_stop(pool *pl)
{
    if (pl->jobs > 1) {
        for (int t = 0; t < pl->jobs; t++)
            pthread_join(pl->threads[t], NULL);
        pthread_mutex_destroy(&pl->mu);
        pthread_cond_destroy(&pl->done);
        pthread_cond_destroy(&pl->space);
        free(pl->threads);
    } else {
        for (size_t g = 0; g < pl->gs->len; g++)
            cl_worker_free(pl->main_workers[g]);
        free(pl->main_workers);
    }
    for (size_t i = 0; i < pl->files->len; i++)
        cl_partial_free(pl->slots[i].partial);
    free(pl->slots);
}

/* ---- Progress on a terminal ---------------------------------------------------- */

typedef struct progress {
    bool on;
    size_t total_bytes, total_files;
    double start, last;
} progress;

static void progress_start(progress *pr, bool on, size_t total_bytes, size_t total_files)
{
    pr->on = on;
    pr->total_bytes = total_bytes;
    pr->total_files = total_files;
    pr->start = pr->last = now();
}

static void progress_update(progress *pr, size_t done, size_t bytes)
{
    if (!pr->on)
        return;
    double t = now();
    if (t - pr->last < 0.2 && done < pr->total_files)
        return;
    pr->last = t;
    double rate = bytes / (t - pr->start + 1e-9);
    double left = rate > 0 && pr->total_bytes > bytes ? (pr->total_bytes - bytes) / rate : 0;
    fprintf(stderr, "\r\033[K%zu of %zu files, %.1f MB/s, %.0f s left", done, pr->total_files, rate / 1048576, left);
    fflush(stderr);
}

static void progress_end(progress *pr)
{
    if (pr->on)
        fputs("\r\033[K", stderr);
}

/* Paths in the order a walk of their directories gives: '/' sorts first. */
static int path_cmp(const void *a, const void *b)
{
    const unsigned char *x = *(const unsigned char *const *)a, *y = *(const unsigned char *const *)b;
    for (;; x++, y++) {
        unsigned cx = *x == '/' ? 1 : *x, cy = *y == '/' ? 1 : *y;
        if (cx != cy || !cx)
            return (int)cx - (int)cy;
    }
}

/* Where configuration for `path` comes from: --config, none, or the nearest file.
 * The search (realpath, a stat per parent directory) is the same for every
 * file of a directory unless the file is a symbolic link, which may lead to
 * another directory: the answer of the last directory is kept, since files
 * come in path order. */
static char *config_for(const cli *c, const char *path)
{
    static char *last_dir, *last_found;
    if (c->config)
        return strdup(c->config);
    if (c->no_config)
        return NULL;
    struct stat st;
    const char *slash = strrchr(path, '/');
    if (strcmp(path, "-") == 0 || lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return relative_to_cwd(cl_config_find(strcmp(path, "-") == 0 ? "." : path));
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!last_dir || strcmp(dir, last_dir) != 0) {
        free(last_dir);
        free(last_found);
        last_dir = dir;
        last_found = relative_to_cwd(cl_config_find(dir));
    } else {
        free(dir);
    }
    return last_found ? strdup(last_found) : NULL;
}

typedef enum mode { MODE_CHECK, MODE_EXTRACT, MODE_RECONCILE } mode;

/* Read every shard (files of `claimlint extract` output) into partials. */
static cl_partial **read_shards(const cl_engine *e, const cli *c, size_t *n, int *status)
{
    cl_partial **parts = NULL;
    *n = 0;
    for (size_t i = 0; i < c->n_paths; i++) {
        size_t len = 0;
        const char *name = strcmp(c->paths[i], "-") == 0 ? "<stdin>" : c->paths[i];
        char *text = read_all(c->paths[i], &len);
        if (!text) {
            fprintf(stderr, "claimlint: %s: cannot read: %s\n", name, strerror(errno));
            *status = 2;
            continue;
        }
        cl_problems problems = {0};
        if (!cl_partials_read(e, name, text, len, &parts, n, &problems)) {
            print_problems(&problems);
            *status = 2;
        }
        cl_problems_free(&problems);
        free(text);
    }
    return parts;
}

static int partial_cmp(const void *a, const void *b)
{
    const char *x = cl_partial_file(*(cl_partial *const *)a), *y = cl_partial_file(*(cl_partial *const *)b);
    return path_cmp(&x, &y);
}

int main(int argc, char **argv)
{
    cli c = {0};
    mode md = MODE_CHECK;
    if (argc > 1 && (strcmp(argv[1], "extract") == 0 || strcmp(argv[1], "reconcile") == 0)) {
        md = argv[1][0] == 'e' ? MODE_EXTRACT : MODE_RECONCILE;
        argv[1] = argv[0];
        argv++, argc--;
    }
    parse_args(&c, argc, argv);
    if (md == MODE_EXTRACT && (c.format != CL_OUTPUT_GCC || c.claims || c.baseline || c.write_baseline))
        die_usage("extract writes its own JSON Lines: --format, --claims and baselines belong to reconcile");
    if (c.claims && (c.format == CL_OUTPUT_SARIF || c.format == CL_OUTPUT_GITHUB))
        die_usage("--claims prints JSON Lines: use it alone or with --format=json");
    if (c.claims)
        c.format = CL_OUTPUT_CLAIMS;
    if (c.format == CL_OUTPUT_SARIF && c.has_columns &&
        (c.columns == CL_COLUMNS_BYTE || c.columns == CL_COLUMNS_DISPLAY))
        die_usage("SARIF counts columns in UTF-16 code units or code points only: use --column-unit=utf16 or char");

    groups gs = {0};
    /* The configuration of the working directory (or --config) answers the
     * questions that are not about one file, and sets the column unit. */
    char *here = config_for(&c, ".");
    size_t home_index = group_for(&gs, &c, here);
    free(here);
    group *home = &gs.items[home_index];

    if (c.list_rules || c.list_facts || c.list_patterns || c.explain || c.test_rules) {
        int status = 0;
        if (!home->ok) {
            status = 2;
        } else if (c.explain) {
            char *s = cl_engine_explain(home->engine, c.explain);
            if (!s) {
                fprintf(stderr, "claimlint: no rule '%s' (see --list-rules)\n", c.explain);
                status = 2;
            } else {
                fputs(s, stdout);
                free(s);
            }
        } else if (c.list_rules) {
            for (size_t i = 0; i < cl_engine_rule_count(home->engine); i++) {
                cl_rule_info info;
                cl_engine_rule_info(home->engine, i, &info);
                printf("%-36s %-8s %-8s %s%s%s%s\n", info.id, info.check, info.severity, info.fact,
                       *info.description ? "  " : "", info.description, info.enabled ? "" : " (disabled)");
            }
        } else if (c.list_facts || c.list_patterns) {
            char *s = c.list_facts ? cl_engine_list_facts(home->engine) : cl_engine_list_patterns(home->engine);
            fputs(s, stdout);
            free(s);
        } else {
            cl_problems problems = {0};
            size_t run = 0;
            bool passed = cl_engine_test_rules(home->engine, &run, &problems);
            print_problems(&problems);
            cl_problems_free(&problems);
            size_t nr = cl_engine_rule_count(home->engine);
            fprintf(stderr, "%zu example%s of %zu rule%s: %s\n", run, run == 1 ? "" : "s", nr, nr == 1 ? "" : "s",
                    passed ? "all passed" : "FAILED");
            status = passed ? 0 : 1;
        }
        free_groups(&gs);
        free(c.rules), free(c.refs), free(c.paths);
        return status;
    }
    if (c.n_paths == 0)
        die_usage(md == MODE_RECONCILE ? "no shards (files written by claimlint extract)" : "no input files");

    int status = 0;
    file_list files = {0};
    cl_partial **parts = NULL; /* reconcile: the shards' documents, in path order */
    if (md == MODE_RECONCILE) {
        if (!home->ok)
            return 2;
        size_t n = 0;
        parts = read_shards(home->engine, &c, &n, &status);
        if (n > 1)
            qsort(parts, n, sizeof *parts, partial_cmp);
        for (size_t i = 0; i < n; i++)
            add_file(&files, cl_partial_file(parts[i]));
    }
    for (size_t i = 0; md != MODE_RECONCILE && i < c.n_paths; i++) {
        struct stat st;
        if (strcmp(c.paths[i], "-") == 0) {
            add_file(&files, "-");
        } else if (stat(c.paths[i], &st) != 0) {
            fprintf(stderr, "claimlint: %s: %s\n", c.paths[i], strerror(errno));
            status = 2;
        } else if (S_ISDIR(st.st_mode)) {
            if (!walk(c.paths[i], &files))
                status = 2;
        } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)) {
            /* A device may never end (/dev/zero) or block; a named pipe is
             * read, since that is what `claimlint <(command)` gives. */
            fprintf(stderr, "claimlint: %s: not a regular file, a directory or a pipe; not read\n", c.paths[i]);
            status = 2;
        } else {
            add_file(&files, c.paths[i]);
        }
    }

    /* One order whatever the order of the arguments: the order a walk of the
     * directories gives, each file once. */
    if (files.len > 1 && md != MODE_RECONCILE) {
        qsort(files.items, files.len, sizeof *files.items, path_cmp);
        size_t k = 1;
        for (size_t i = 1; i < files.len; i++) {
            if (strcmp(files.items[i], files.items[k - 1]) == 0)
                free(files.items[i]);
            else
                files.items[k++] = files.items[i];
        }
        files.len = k;
    }
    int jobs = c.jobs ? c.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > files.len)
        jobs = files.len ? (int)files.len : 1;

    /* Every configuration is loaded before output starts, so that SARIF can
     * list every rule up front. */
    size_t *of = xrealloc(NULL, (files.len ? files.len : 1) * sizeof *of);
    for (size_t i = 0; i < files.len; i++) {
        if (md == MODE_RECONCILE) {
            of[i] = home_index; /* the shards were checked with one configuration */
            continue;
        }
        char *cp = config_for(&c, files.items[i]);
        of[i] = group_for(&gs, &c, cp);
        free(cp);
        const cl_config *cfg = gs.items[of[i]].config;
        if (cfg && strcmp(files.items[i], "-") != 0 && cl_config_ignores(cfg, files.items[i])) {
            of[i] = SIZE_MAX;
            if (c.verbose)
                fprintf(stderr, "claimlint: %s: not checked: ignored by %s\n", files.items[i], cfg->path);
        }
    }
    home = &gs.items[home_index];
    /* A broken configuration, rule or reference file is fatal, as a bad
     * compiler flag is: nothing is checked with half a rule set. */
    cl_writer *w = NULL;
    cl_baseline *old = NULL;
    cl_rule_info *infos = NULL;
    for (size_t i = 0; i < gs.len; i++) {
        if (!gs.items[i].ok) {
            status = 2;
            goto out;
        }
    }
    if (c.baseline) {
        cl_problems problems = {0};
        old = cl_baseline_load(c.baseline, &problems);
        if (!old) {
            print_problems(&problems);
            cl_problems_free(&problems);
            fprintf(stderr, "claimlint: cannot use baseline %s\n", c.baseline);
            status = 2;
            goto out;
        }
    }

    cl_column_kind columns = c.has_columns ? c.columns
                             : home->config && home->config->has_columns ? home->config->columns
                             : c.format == CL_OUTPUT_SARIF                ? CL_COLUMNS_UTF16
                             : c.format == CL_OUTPUT_GITHUB               ? CL_COLUMNS_CHAR
                                                                          : CL_COLUMNS_BYTE;
    if (c.format == CL_OUTPUT_SARIF && (columns == CL_COLUMNS_BYTE || columns == CL_COLUMNS_DISPLAY))
        columns = CL_COLUMNS_UTF16;

    /* The rules of every engine, once each, for SARIF. */
    size_t n_infos = 0;
    for (size_t g = 0; g < gs.len; g++) {
        for (size_t i = 0; gs.items[g].engine && i < cl_engine_rule_count(gs.items[g].engine); i++) {
            cl_rule_info info;
            cl_engine_rule_info(gs.items[g].engine, i, &info);
            bool seen = false;
            for (size_t k = 0; k < n_infos && !seen; k++)
                seen = strcmp(infos[k].id, info.id) == 0;
            if (!seen) {
                infos = xrealloc(infos, (n_infos + 1) * sizeof *infos);
                infos[n_infos++] = info;
            }
        }
    }
    /* A terminal for people: Emacs' M-x compile and editors' task runners give
     * claimlint a pseudo-terminal but parse its output as text. */
    const char *emacs = getenv("INSIDE_EMACS");
    const char *term0 = getenv("TERM");
    bool tty = isatty(STDOUT_FILENO) && !(emacs && *emacs) && !(term0 && strcmp(term0, "dumb") == 0);
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    bool color_ok = !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
    cl_writer_options wo = {c.format, columns, c.color == WHEN_ALWAYS || (c.color == WHEN_AUTO && tty && color_ok),
                            decide(c.excerpts, tty), c.verbose, infos, n_infos};
    w = cl_writer_new(&wo);

    cl_baseline *record = c.write_baseline ? cl_baseline_new() : NULL;

    char *s = cl_writer_begin(w);
    fputs(s, stdout);
    free(s);
    cl_summary sum = {0};
    size_t known = 0;
    for (size_t g = 0; g < gs.len; g++) {
        const char *date = c.date ? c.date : gs.items[g].config ? gs.items[g].config->date : NULL;
        cl_session_options so = {date, columns, !c.no_cross, c.verbose, c.format == CL_OUTPUT_CLAIMS, c.report_unused};
        gs.items[g].session = cl_session_new(gs.items[g].engine, &so);
        gs.items[g].options = so;
    }

    /* Documents are checked by `jobs` threads and finished here, in order. */
    pool pl;
    bool show_progress = !c.quiet && isatty(STDERR_FILENO) && files.len >= 20;
    pool_start(&pl, &c, &gs, &files, of, md == MODE_RECONCILE ? 1 : jobs, show_progress);
    progress pr;
    progress_start(&pr, show_progress, pl.total_bytes, files.len);
    double started = now();
    size_t bytes = 0, claims = 0;
    for (size_t i = 0; i < files.len; i++) {
        cl_partial *part = md == MODE_RECONCILE ? parts[i] : pool_take(&pl, i);
        if (!part)
            continue; /* ignored by its configuration */
        if (md == MODE_EXTRACT) {
            /* The map step: each document on its own, for reconcile to finish. */
            s = cl_partial_to_jsonl(part);
            fputs(s, stdout);
            free(s);
            cl_partial_free(part);
            sum.files++;
            continue;
        }
        group *g = &gs.items[of[i]];
        cl_report *r = cl_session_finish(g->session, part);
        bytes += r->bytes;
        claims += r->n_claims;
        if (record)
            cl_baseline_add(record, r);
        if (old)
            known += cl_baseline_filter(old, r);
        /* The gcc format shows excerpts of the file as written: read it again. */
        size_t len = 0;
        char *data = wo.excerpts && c.format == CL_OUTPUT_GCC ? pool_data(&pl, i, &len) : NULL;
        s = cl_writer_report(w, r, data, len);
        fputs(s, stdout);
        free(s);
        free(data);
        int worst = cl_summary_add(&sum, r);
        if (worst >= (int)g->fail_level && status == 0 && !record)
            status = 1;
        if (r->failed)
            status = 2;
        cl_report_free(r);
        progress_update(&pr, i + 1, bytes);
    }
    progress_end(&pr);
    pool_stop(&pl);
    free(parts);
    double elapsed = now() - started;
    if (record) {
        cl_problems problems = {0};
        if (!cl_baseline_write(record, c.write_baseline, &problems)) {
            print_problems(&problems);
            status = 2;
        } else if (!c.quiet) {
            fprintf(stderr, "wrote %zu finding%s to %s\n", cl_baseline_count(record),
                    cl_baseline_count(record) == 1 ? "" : "s", c.write_baseline);
        }
        cl_problems_free(&problems);
    }
    sum.status = status;
    s = cl_writer_end(w, &sum);
    fputs(s, stdout);
    free(s);
    fflush(stdout);
    if (md == MODE_EXTRACT && !c.quiet)
        fprintf(stderr, "extracted %zu file%s\n", sum.files, sum.files == 1 ? "" : "s");
    else if (!c.quiet && c.format != CL_OUTPUT_CLAIMS) {
        bool first = true;
        size_t total = sum.errors + sum.warnings + sum.notes;
        if (total == 0) {
            fprintf(stderr, "no findings in %zu file%s", sum.files, sum.files == 1 ? "" : "s");
        } else {
            plural(stderr, sum.errors, "error", &first);
            plural(stderr, sum.warnings, "warning", &first);
            plural(stderr, sum.notes, "note", &first);
            fprintf(stderr, " in %zu of %zu file%s", sum.files_with_findings, sum.files, sum.files == 1 ? "" : "s");
        }
        if (old)
            fprintf(stderr, " (%zu known from the baseline)", known);
        fputc('\n', stderr);
    }
    if (c.stats) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        size_t kept = 0, rules = 0;
        for (size_t g = 0; g < gs.len; g++) {
            kept += cl_session_claims_kept(gs.items[g].session);
            rules += cl_engine_rule_count(gs.items[g].engine);
        }
        fprintf(stderr,
                "stats: %zu files, %zu bytes, %zu claims (%zu kept for comparisons across files), %zu findings, "
                "%zu rules, %d jobs, %.3f s, %.2f MB/s, %.1f files/s, peak RSS %.1f MB\n",
                sum.files, bytes, claims, kept, sum.errors + sum.warnings + sum.notes, rules, jobs, elapsed,
                bytes / (elapsed + 1e-9) / 1048576, sum.files / (elapsed + 1e-9), ru.ru_maxrss / 1024.0);
    }
    cl_baseline_free(record);
out:
    cl_writer_free(w);
    cl_baseline_free(old);
    free(infos);
    free(of);
    for (size_t i = 0; i < files.len; i++)
        free(files.items[i]);
    free(files.items);
    free_groups(&gs);
    free(c.rules), free(c.refs), free(c.paths);
    return status;
}
