/* claimlint: the public interface of the claim-checking library.
 *
 * A cl_engine holds loaded rules and reference facts; a cl_session checks
 * documents one after another, keeping the claims needed for cross-document
 * checks; each check returns a cl_report of diagnostics that the writers turn
 * into text. The library never prints or exits: errors come back as values
 * with positions. Every `_new`/`_load` result is freed by its `_free`, and
 * every `_free` accepts NULL. */
#ifndef CLAIMLINT_H
#define CLAIMLINT_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cl_severity { CL_SEVERITY_NOTE = 0, CL_SEVERITY_WARNING = 1, CL_SEVERITY_ERROR = 2 } cl_severity;

/* How columns are counted: bytes (GCC's default), Unicode code points,
 * terminal cells (a Chinese character takes two) or UTF-16 code units. */
typedef enum cl_column_kind { CL_COLUMNS_BYTE = 0, CL_COLUMNS_CHAR, CL_COLUMNS_DISPLAY, CL_COLUMNS_UTF16 } cl_column_kind;

/* A note attached to a diagnostic: the reference entry, the other claim. */
typedef struct cl_diag_note {
    char *file;
    int line, column; /* 0 when unknown */
    char *message;
} cl_diag_note;

typedef struct cl_diag {
    char *file;
    int line, column, end_line, end_column; /* from 1, in the session's column unit */
    size_t offset, end_offset;              /* bytes in the original file */
    cl_severity severity;
    char *rule;      /* rule id, or NULL for problems with the input itself */
    char *message;   /* lower case, no final full stop */
    char *fact;      /* fact key or NULL */
    char *claimed;   /* the claim as understood ("more than 120", "2023"), or NULL */
    char *reference; /* what the reference says, or NULL */
    char *text;      /* the claimed text as it appears in the file, or NULL */
    char *norm_text; /* the same text normalised (Simplified, ASCII digits), for fingerprints */
    cl_diag_note *notes;
    size_t n_notes;
    bool remark;     /* an explanation shown with --verbose only; never counts towards the exit status */
} cl_diag;

/* A claim as extracted (for --claims), whether or not a check found fault. */
typedef struct cl_claim_info {
    char *rule, *fact, *check;
    int line, column, end_line, end_column; /* of the anchor: the value, date or name */
    size_t offset, end_offset;
    char *text;        /* the anchor as it appears in the file */
    char *qualifier;   /* "more than", "about", ... or "" */
    char *value;       /* exact decimal in base units (yuan, items; a fraction for ratios), or NULL */
    char *interval;    /* the values the words allow, e.g. "[105.5, 106.5)", or NULL */
    char *unit;        /* canonical unit id, "" for none */
    char *date;        /* the claim's date ("2024-10"), or NULL */
    const char *date_origin; /* "text", "document" or "none" (static) */
} cl_claim_info;

/* The diagnostics of one document (or of loading), sorted by position. */
typedef struct cl_report {
    char *file;
    char *encoding;  /* the encoding the file was read in ("GB18030", "big5"), NULL for UTF-8 */
    cl_diag *diags;
    size_t n_diags;
    bool failed;     /* the document could not be read or checked completely */
    size_t n_claims; /* claims extracted */
    size_t bytes;    /* bytes read */
    cl_claim_info *claims; /* filled when the session keeps claims (cl_session_options.claims) */
} cl_report;

void cl_report_free(cl_report *r);

/* ---- Engine: rules and reference facts ---------------------------------- */

typedef struct cl_engine cl_engine;

/* Problems found while loading, each with its position. */
typedef struct cl_problem {
    char *file;
    int line, column;
    char *message;
} cl_problem;

typedef struct cl_problems {
    cl_problem *items;
    size_t len;
} cl_problems;

void cl_problems_free(cl_problems *p);

/* A new engine with nothing loaded. Returns NULL when the Traditional/Simplified
 * fold table cannot be built (OpenCC data missing); *problems says why. */
cl_engine *cl_engine_new(cl_problems *problems);
void cl_engine_free(cl_engine *e);
/* Load every *.yaml / *.yml file under dir (recursively, sorted, hidden
 * entries skipped). A file holds rules, macros, facts or relations (see
 * docs/rules.md and docs/reference.md). Returns false with problems added. */
bool cl_engine_load_dir(cl_engine *e, const char *dir, cl_problems *problems);
/* Load one file (rules or reference). */
bool cl_engine_load_file(cl_engine *e, const char *path, cl_problems *problems);
/* Compile patterns and resolve names across files. Call once, after loading
 * and before checking; returns false with problems added. */
bool cl_engine_prepare(cl_engine *e, cl_problems *problems);

/* ---- Configuration (.claimlint.yaml, docs/configuration.md) -------------- */

typedef struct cl_config_item {
    char *value;
    int line, column; /* where it is written, for messages */
} cl_config_item;

typedef struct cl_config {
    char *path;                  /* the configuration file */
    char *dir;                   /* its directory: paths inside are relative to it */
    cl_config_item *rules;       /* rule directories (resolved against dir) */
    size_t n_rules;
    cl_config_item *references;  /* extra reference files (resolved) */
    size_t n_references;
    cl_config_item *enable;      /* when any: only these rules run */
    size_t n_enable;
    cl_config_item *disable;     /* these rules do not run */
    size_t n_disable;
    cl_config_item *severity_rules; /* severity overrides: rule ... */
    cl_severity *severities;        /* ... and its new severity */
    size_t n_severities;
    cl_config_item *ignore;      /* globs, matched against paths relative to dir */
    size_t n_ignore;
    char *date;                  /* default document date, or NULL */
    cl_column_kind columns;
    bool has_columns;
    cl_severity fail_level;
    bool has_fail_level;
} cl_config;

/* Load a configuration file. Unknown keys, wrong types and bad values are
 * problems with file:line:column; returns NULL then. */
cl_config *cl_config_load(const char *path, cl_problems *problems);
void cl_config_free(cl_config *c);
/* The nearest .claimlint.yaml in the directory of `path` (or `path` itself
 * when it is a directory) or any parent; NULL when there is none. Caller frees. */
char *cl_config_find(const char *path);
/* True when path matches one of the configuration's ignore globs. */
bool cl_config_ignores(const cl_config *c, const char *path);
/* Apply enable, disable and severity to a prepared engine; rule ids the
 * engine does not know are problems at their position in the file. */
bool cl_engine_configure(cl_engine *e, const cl_config *c, cl_problems *problems);

/* ---- Baselines ------------------------------------------------------------ */

typedef struct cl_baseline cl_baseline;

/* An empty baseline, to collect findings into and write. */
cl_baseline *cl_baseline_new(void);
/* Read a baseline file written by cl_baseline_write; NULL with problems on error. */
cl_baseline *cl_baseline_load(const char *path, cl_problems *problems);
void cl_baseline_free(cl_baseline *b);
/* Record every finding of r (not remarks). */
void cl_baseline_add(cl_baseline *b, const cl_report *r);
/* Remove from r the findings the baseline holds, each baseline entry
 * matching at most one finding. Returns how many were removed. */
size_t cl_baseline_filter(cl_baseline *b, cl_report *r);
size_t cl_baseline_count(const cl_baseline *b);
/* Write atomically: a temporary file beside path, then rename; on failure
 * the old file is left as it was. */
bool cl_baseline_write(const cl_baseline *b, const char *path, cl_problems *problems);

/* ---- Introspection ------------------------------------------------------- */

typedef struct cl_rule_info {
    const char *id, *description, *check, *fact, *severity, *file;
    const char *fact_label; /* "" when the fact is not in the reference table */
    int line, column;
    size_t n_patterns, n_examples;
    bool enabled;
} cl_rule_info;

size_t cl_engine_rule_count(const cl_engine *e);
void cl_engine_rule_info(const cl_engine *e, size_t i, cl_rule_info *out);

/* What a rule checks, its patterns, examples and the facts it uses, as text
 * for --explain; NULL when no rule has that id. Caller frees. */
char *cl_engine_explain(const cl_engine *e, const char *rule_id);
/* Every compiled pattern, one per line: "rule-id<TAB>pattern" with macros
 * expanded and Traditional characters folded, as PCRE2 sees it. Caller frees. */
char *cl_engine_list_patterns(const cl_engine *e);
/* Every fact of the reference table, one per line (key, kind, confidence,
 * label, values). Caller frees. */
char *cl_engine_list_facts(const cl_engine *e);

/* Run every rule's examples. Each failure is a problem at the example's
 * position; *n_run receives the number of examples run. */
bool cl_engine_test_rules(cl_engine *e, size_t *n_run, cl_problems *problems);

/* ---- Sessions: checking documents ---------------------------------------- */


typedef struct cl_session_options {
    const char *date;       /* default document date (YYYY-MM-DD, YYYY-MM or YYYY) or NULL; a document's own date wins */
    cl_column_kind columns; /* how columns are counted */
    bool cross_document;    /* compare claims across the documents of the session */
    bool verbose;           /* add remarks: claims left unchecked and why */
    bool claims;            /* fill cl_report.claims */
    bool report_unused_suppressions; /* a warning for each inline directive that suppressed nothing */
} cl_session_options;

typedef struct cl_session cl_session;

/* A session over e (borrowed; must outlive the session). opts may be NULL. */
cl_session *cl_session_new(const cl_engine *e, const cl_session_options *opts);
void cl_session_free(cl_session *s);
/* How to read a document. */
typedef enum cl_input_format {
    CL_INPUT_AUTO = 0,  /* by the name's extension: .md/.markdown Markdown, .html/.htm HTML, else text */
    CL_INPUT_TEXT,
    CL_INPUT_MARKDOWN,  /* front matter, code, URLs and markup skipped; front matter `date:` read */
    CL_INPUT_HTML       /* tags, comments, scripts, styles and <head> (but <title>) skipped;
                           entities decoded; publication date read from <meta> */
} cl_input_format;

typedef struct cl_doc_options {
    cl_input_format format;
    const char *encoding; /* any iconv name ("big5"), or NULL: UTF-8, else GB18030 when the
                             bytes are not UTF-8 but decode cleanly as GB18030 */
} cl_doc_options;

/* Check one document held in memory. `name` is how diagnostics name the file
 * (and, with CL_INPUT_AUTO, picks the format). opts may be NULL (AUTO, detect
 * the encoding). Positions are in the file as decoded to UTF-8: lines and
 * character columns as an editor shows them, byte columns in UTF-8 bytes. A
 * date of the document's own (Markdown front matter, HTML <meta>) takes
 * precedence over the session's default date. Documents are compared with
 * those checked before them in the session, so cross-document findings land
 * on the later document. Never returns NULL. */
cl_report *cl_session_check_doc(cl_session *s, const char *name, const char *data, size_t len,
                                const cl_doc_options *opts);

/* ---- Checking in parallel -------------------------------------------------
 * A worker checks a document on its own (everything but the comparisons
 * with other documents) and returns a partial. Workers of one engine may run
 * in different threads at once. A session then finishes partials one at a
 * time, in path order, which makes the output independent of the number of
 * threads. cl_session_check_doc is a worker step and a finish in one. */

typedef struct cl_worker cl_worker;
typedef struct cl_partial cl_partial;

cl_worker *cl_worker_new(const cl_engine *e, const cl_session_options *opts);
void cl_worker_free(cl_worker *w);
/* Check data[0..len) named `name`. Never returns NULL; the caller frees
 * the result with cl_partial_free or hands it to cl_session_finish. */
cl_partial *cl_worker_check(cl_worker *w, const char *name, const char *data, size_t len,
                            const cl_doc_options *opts);
/* Read and check the file at path ("-": standard input). A plain-text file
 * of more than 64 MiB is read in pieces at line breaks, so memory stays
 * bounded; a binary file is skipped with a note. */
cl_partial *cl_worker_check_file(cl_worker *w, const char *path, const char *name, const cl_doc_options *opts);
void cl_partial_free(cl_partial *p);
/* Compare p with the documents finished before it, apply its inline
 * directives and return its report. Consumes p. */
cl_report *cl_session_finish(cl_session *s, cl_partial *p);
/* Claims kept for the comparisons with later documents (by fact and date). */
size_t cl_session_claims_kept(const cl_session *s);

/* ---- Map and reduce ---------------------------------------------------------
 * A partial written as JSON Lines (`claimlint extract`), and read back from
 * any number of such shards (`claimlint reconcile`): finishing them in path
 * order gives what one run over every file gives. */

/* The JSON Lines of p (docs/scaling.md). Caller frees. */
char *cl_partial_to_jsonl(const cl_partial *p);
/* Append to *out (*n_out of them) the partials of a shard held in memory;
 * `shard` names it in problems. Claims of rules e does not know are problems:
 * reconcile with the rules extract used. Returns false if there was any. */
bool cl_partials_read(const cl_engine *e, const char *shard, const char *text, size_t len, cl_partial ***out,
                      size_t *n_out, cl_problems *problems);
/* The document a partial is about. */
const char *cl_partial_file(const cl_partial *p);
/* cl_session_check_doc with default options. */
cl_report *cl_session_check(cl_session *s, const char *name, const char *data, size_t len);

/* ---- Writers -------------------------------------------------------------
 * A writer turns reports into text in one format, one file at a time, so
 * that output streams: begin, then each report, then end. Every call returns
 * a string the caller prints and frees. */

typedef enum cl_output_format {
    CL_OUTPUT_GCC = 0, /* file:line:col: severity: message [rule], note lines */
    CL_OUTPUT_JSON,    /* one JSON document, docs/output.md */
    CL_OUTPUT_SARIF,   /* SARIF 2.1.0 */
    CL_OUTPUT_GITHUB,  /* GitHub Actions workflow commands */
    CL_OUTPUT_CLAIMS   /* every extracted claim, JSON Lines */
} cl_output_format;

typedef struct cl_writer_options {
    cl_output_format format;
    cl_column_kind columns;      /* the unit the reports' columns are in */
    bool color;                  /* gcc: ANSI colours */
    bool excerpts;               /* gcc: the source line with a caret under the claim */
    bool verbose;                /* include remarks */
    const cl_rule_info *rules;   /* sarif: tool.driver.rules (borrowed) */
    size_t n_rules;
} cl_writer_options;

typedef struct cl_summary {
    size_t errors, warnings, notes;
    size_t files, files_with_findings;
    int status; /* the exit status the run ends with */
} cl_summary;

/* Count the file of r into s (files, and files_with_findings when it has a
 * finding) and its findings by severity; remarks do not count. Returns the
 * severity of its most severe finding, or -1 when it has none. */
int cl_summary_add(cl_summary *s, const cl_report *r);

typedef struct cl_writer cl_writer;

cl_writer *cl_writer_new(const cl_writer_options *o); /* o is copied; rules stay borrowed */
void cl_writer_free(cl_writer *w);
char *cl_writer_begin(cl_writer *w);
/* data (may be NULL) is the file as read, for excerpts. */
char *cl_writer_report(cl_writer *w, const cl_report *r, const char *data, size_t len);
char *cl_writer_end(cl_writer *w, const cl_summary *s);

/* Shortcuts for one report: the GCC format without colour or excerpts, and
 * the report's claims as JSON Lines. Caller frees. */
char *cl_format_gcc(const cl_report *r);
char *cl_format_claims_jsonl(const cl_report *r);

/* A stable identity for a finding that survives lines moving: a hex digest
 * of its rule, fact, normalised claim text and file. Caller frees. */
char *cl_diag_fingerprint(const cl_diag *d);

/* The SARIF and GitHub escaping, exposed for tests. Caller frees. */
char *cl_github_escape_data(const char *s);
char *cl_github_escape_property(const char *s);

const char *cl_severity_word(cl_severity s);
/* Parse a date option ("2024-10-31", "2024-10", "2024"); false when malformed. */
bool cl_date_option_valid(const char *s);
/* Whether documents can be read in encoding `name` (iconv knows it). */
bool cl_encoding_option_valid(const char *name);
const char *cl_version(void);

/* Directories, as claimlint walks them for articles and for rule files:
 * entries in byte order of their names, hidden ones (a leading '.') skipped,
 * subdirectories entered where they stand in that order. Symbolic links are followed, except one that leads back into a
 * directory the walk is inside (a loop: its files are being read already).
 * ops->file gets each regular file whose name ops->want accepts (want NULL:
 * all); ops->error gets each path that cannot be read with what failed
 * ("cannot open directory", or NULL when stat did) and its errno, and the
 * walk goes on. Returns false when an error was reported. */
typedef struct cl_walk_ops {
    bool (*want)(const char *name);
    void (*file)(const char *path, void *arg);
    void (*error)(const char *path, const char *what, int errnum, void *arg);
} cl_walk_ops;
bool cl_walk(const char *dir, const cl_walk_ops *ops, void *arg);

#ifdef __cplusplus
}
#endif

#endif
