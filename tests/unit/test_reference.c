/* Unit tests for the reference table (src/data/reference): every fact kind,
 * sources, relations resolved across files, every load error with its exact
 * message and position, and cl_fact_value_at over cumulative, stepwise and
 * fixed facts as tables. Intervals are compared as text written by hand
 * ("[105.5, 106.5)"), formatted by the value layer. */
#include "unit.h"

#include "data/reference.h"

/* ---- Helpers --------------------------------------------------------------------- */

/* Loads the facts: and relations: of one YAML text (named path) into t. */
static bool load_into(cl_reftable *t, const char *path, const char *text, cl_errors *errs)
{
    cl_ydoc d;
    cl_errors yerrs = {0};
    if (!cl_ydoc_load_string(&d, path, text, strlen(text), &yerrs)) {
        unit_same_errors(&yerrs, (const char *[]){NULL}); /* prints them */
        cl_errors_free(&yerrs);
        cl_ydoc_free(&d);
        fail_msg("fixture %s does not parse", path);
    }
    bool ok = true;
    yaml_node_t *root = cl_ydoc_root(&d);
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        const char *k = cl_ydoc_str(cl_ydoc_node(&d, p->key));
        yaml_node_t *v = cl_ydoc_node(&d, p->value);
        if (strcmp(k, "facts") == 0)
            ok &= cl_reftable_load_facts(t, &d, v, errs);
        else if (strcmp(k, "relations") == 0)
            ok &= cl_reftable_load_relations(t, &d, v, errs);
    }
    cl_ydoc_free(&d); /* the table keeps copies: positions and strings outlive the document */
    return ok;
}

static const char *fmt_iv(const cl_interval *iv, char *buf, size_t n)
{
    cl_interval_format(iv, buf, n);
    return buf;
}

static const char *fmt_date(const cl_date *d, char *buf, size_t n)
{
    cl_date_format(d, buf, n);
    return buf;
}

/* ---- Every fact kind ------------------------------------------------------------------ */

static const char FACTS[] =
    "facts:\n"                                               /* 1 */
    "  - key: cn.ind.cleared\n"                              /* 2 */
    "    label: stem-cell INDs cleared\n"                    /* 3 */
    "    unit: count\n"                                      /* 4 */
    "    over_time: cumulative\n"                            /* 5 */
    "    confidence: medium\n"                               /* 6 */
    "    values:\n"                                          /* 7 */
    "      - value: 106\n"                                   /* 8 */
    "        as_of: 2024-10\n"                               /* 9 */
    "        source: {title: Yicai Global, date: 2025-01-03}\n" /* 10 */
    "      - value: more than 120\n"                         /* 11 */
    "        as_of: 2025-01\n"                               /* 12 */
    "        note: said a CDE deputy director\n"             /* 13 */
    "      - value: 160\n"                                   /* 14 */
    "        as_of: 2025-05-31\n"                            /* 15 */
    "        source: industry tally\n"                       /* 16 */
    "    sources:\n"                                         /* 17 */
    "      - title: 前瞻产业研究院\n"                        /* 18 */
    "        url: https://example.org/a\n"                   /* 19 */
    "        date: 2025-01-03\n"                             /* 20 */
    "        note: via Yicai\n"                              /* 21 */
    "      - a plain citation\n"                             /* 22 */
    "  - key: eu.members\n"                                  /* 23 */
    "    label: EU member states\n"                          /* 24 */
    "    unit: count\n"                                      /* 25 */
    "    over_time: stepwise\n"                              /* 26 */
    "    confidence: high\n"                                 /* 27 */
    "    values:\n"                                          /* 28 */
    "      - value: 27\n"                                    /* 29 */
    "        from: 2020-02-01\n"                             /* 30 */
    "      - value: 28\n"                                    /* 31 */
    "        from: 2013-07-01\n"                             /* 32 */
    "        until: 2020-01-31\n"                            /* 33 */
    "    sources: [Council of the EU]\n"                     /* 34 */
    "  - key: c.light\n"                                     /* 35 */
    "    label: speed of light in m/s\n"                     /* 36 */
    "    value: 299,792,458\n"                               /* 37 */
    "    confidence: high\n"                                 /* 38 */
    "    sources: CODATA\n"                                  /* 39 */
    "  - key: plan.bio\n"                                    /* 40 */
    "    label: 《\"十四五\"生物经济发展规划》\n"            /* 41 */
    "    dates:\n"                                           /* 42 */
    "      issued: 2022-05-10\n"                             /* 43 */
    "      published: 2022-05\n"                             /* 44 */
    "    bodies: [国家发展改革委, 國家發改委]\n"             /* 45 */
    "    confidence: high\n"                                 /* 46 */
    "    sources: [NDRC]\n"                                  /* 47 */
    "  - key: drug.first\n"                                  /* 48 */
    "    label: first stem-cell drug approved\n"             /* 49 */
    "    date: 2025-01-02\n"                                 /* 50 */
    "    confidence: low\n"                                  /* 51 */
    "    sources: [NMPA]\n"                                  /* 52 */
    "  - key: person.yamanaka\n"                             /* 53 */
    "    label: Shinya Yamanaka\n"                           /* 54 */
    "    accepted: [山中伸弥, 山中伸彌, Shinya Yamanaka]\n"  /* 55 */
    "    misspellings: 山中仲彌\n"                           /* 56 */
    "    confidence: high\n"                                 /* 57 */
    "    sources: [Nobel Prize]\n"                           /* 58 */
    "  - key: claims.only\n"                                 /* 59 */
    "    label: known only from claims\n"                    /* 60 */
    "    unit: yuan\n"                                       /* 61 */
    "    over_time: cumulative\n"                            /* 62 */
    "    values: []\n"                                       /* 63 */
    "    confidence: low\n"                                  /* 64 */
    "    sources: []\n"                                      /* 65 */
    "  - key: gap.series\n"                                  /* 66 */
    "    label: a stepwise series with a gap\n"              /* 67 */
    "    values:\n"                                          /* 68 */
    "      - {value: 5, from: 2010, until: 2011-12-31}\n"    /* 69 */
    "      - {value: 7, from: 2013}\n"                       /* 70 */
    "    confidence: high\n"                                 /* 71 */
    "    sources: [S]\n";                                    /* 72 */

static cl_reftable *load_facts_fixture(void)
{
    cl_reftable *t = cl_reftable_new(unit_fold);
    cl_errors errs = {0};
    bool ok = load_into(t, "ref.yaml", FACTS, &errs);
    ok &= cl_reftable_finish(t, &errs);
    bool clean = unit_same_errors(&errs, (const char *[]){NULL});
    cl_errors_free(&errs);
    assert_true(clean);
    assert_true(ok);
    return t;
}

static void test_quantity_facts(void **state)
{
    (void)state;
    cl_reftable *t = load_facts_fixture();
    char buf[96];
    assert_int_equal(cl_reftable_count(t), 8);
    assert_string_equal(cl_reftable_at(t, 0)->key, "cn.ind.cleared"); /* load order */
    assert_string_equal(cl_reftable_at(t, 7)->key, "gap.series");

    /* Cumulative, points as written, sources as mapping and string. */
    const cl_fact *f = cl_reftable_find(t, "cn.ind.cleared");
    assert_non_null(f);
    assert_int_equal(f->type, CL_FACT_QUANTITY);
    assert_string_equal(f->label, "stem-cell INDs cleared");
    assert_string_equal(f->unit, "count");
    assert_int_equal(f->over_time, CL_TIME_CUMULATIVE);
    assert_int_equal(f->confidence, CL_CONF_MEDIUM);
    assert_string_equal(cl_confidence_name(f->confidence), "medium");
    assert_true(cl_fact_varies(f));
    assert_string_equal(f->pos.file, "ref.yaml");
    assert_int_equal(f->pos.line, 2);
    assert_int_equal(f->pos.column, 10);
    assert_int_equal(f->n_points, 3);
    const cl_point *p = &f->points[0];
    assert_string_equal(p->text, "106");
    assert_string_equal(fmt_iv(&p->q.range, buf, sizeof buf), "[105.5, 106.5)");
    assert_true(p->has_date);
    assert_false(p->has_until);
    assert_string_equal(fmt_date(&p->date, buf, sizeof buf), "2024-10");
    assert_non_null(p->source);
    assert_string_equal(p->source->title, "Yicai Global");
    assert_string_equal(p->source->date, "2025-01-03");
    assert_null(p->source->url);
    assert_null(p->note);
    assert_int_equal(p->pos.line, 8);
    assert_int_equal(p->pos.column, 16);
    p = &f->points[1];
    assert_string_equal(p->text, "more than 120");
    assert_string_equal(fmt_iv(&p->q.range, buf, sizeof buf), "(120, inf)");
    assert_string_equal(p->note, "said a CDE deputy director");
    assert_null(p->source); /* falls back to the fact's first source */
    assert_int_equal(p->pos.line, 11);
    p = &f->points[2];
    assert_string_equal(fmt_date(&p->date, buf, sizeof buf), "2025-05-31");
    assert_string_equal(p->source->title, "industry tally"); /* a plain-string source */
    assert_null(p->source->date);
    assert_int_equal(f->n_sources, 2);
    assert_string_equal(f->sources[0].title, "前瞻产业研究院");
    assert_string_equal(f->sources[0].url, "https://example.org/a");
    assert_string_equal(f->sources[0].date, "2025-01-03");
    assert_string_equal(f->sources[0].note, "via Yicai");
    assert_string_equal(f->sources[1].title, "a plain citation");
    assert_null(f->sources[1].url);
    assert_null(f->sources[1].date);

    /* Stepwise: points sorted by date whatever the file order. */
    f = cl_reftable_find(t, "eu.members");
    assert_int_equal(f->over_time, CL_TIME_STEPWISE);
    assert_int_equal(f->confidence, CL_CONF_HIGH);
    assert_int_equal(f->n_points, 2);
    assert_string_equal(f->points[0].text, "28");
    assert_string_equal(fmt_date(&f->points[0].date, buf, sizeof buf), "2013-07-01");
    assert_true(f->points[0].has_until);
    assert_string_equal(fmt_date(&f->points[0].until, buf, sizeof buf), "2020-01-31");
    assert_int_equal(f->points[0].pos.line, 31);
    assert_string_equal(f->points[1].text, "27");
    assert_false(f->points[1].has_until);
    assert_int_equal(f->n_sources, 1);
    assert_string_equal(f->sources[0].title, "Council of the EU");

    /* One value without over_time: fixed; no unit; sources as a scalar. */
    f = cl_reftable_find(t, "c.light");
    assert_int_equal(f->over_time, CL_TIME_FIXED);
    assert_false(cl_fact_varies(f));
    assert_string_equal(f->unit, "");
    assert_int_equal(f->n_points, 1);
    assert_false(f->points[0].has_date);
    assert_string_equal(fmt_iv(&f->points[0].q.range, buf, sizeof buf), "[299792457.5, 299792458.5)");
    assert_int_equal(f->points[0].pos.line, 37);
    assert_int_equal(f->points[0].pos.column, 12);
    assert_string_equal(f->sources[0].title, "CODATA");

    /* values: [] declares a fact known only from claims. */
    f = cl_reftable_find(t, "claims.only");
    assert_int_equal(f->type, CL_FACT_QUANTITY);
    assert_int_equal(f->n_points, 0);
    assert_int_equal(f->n_sources, 0);
    assert_string_equal(f->unit, "CNY"); /* 'yuan' looked up */
    assert_int_equal(f->over_time, CL_TIME_CUMULATIVE);
    assert_int_equal(f->confidence, CL_CONF_LOW);
    assert_string_equal(cl_confidence_name(f->confidence), "low");

    cl_reftable_free(t);
}

static void test_event_and_name_facts(void **state)
{
    (void)state;
    cl_reftable *t = load_facts_fixture();
    char buf[64];
    const cl_fact *f = cl_reftable_find(t, "plan.bio");
    assert_int_equal(f->type, CL_FACT_EVENT);
    assert_false(cl_fact_varies(f));
    assert_string_equal(f->label, "《\"十四五\"生物经济发展规划》");
    assert_int_equal(f->n_events, 2);
    assert_string_equal(f->events[0].name, "issued");
    assert_string_equal(f->events[0].text, "2022-05-10");
    assert_string_equal(fmt_date(&f->events[0].date, buf, sizeof buf), "2022-05-10");
    assert_int_equal(f->events[0].pos.line, 43);
    assert_int_equal(f->events[0].pos.column, 15);
    assert_string_equal(f->events[1].name, "published");
    assert_string_equal(fmt_date(&f->events[1].date, buf, sizeof buf), "2022-05");
    assert_int_equal(f->n_bodies, 2);
    assert_string_equal(f->bodies[1], "國家發改委");        /* as written */
    assert_string_equal(f->bodies_folded[1], "国家发改委"); /* for comparison */
    assert_string_equal(f->bodies_folded[0], "国家发展改革委");
    assert_int_equal(f->n_points, 0);

    f = cl_reftable_find(t, "drug.first"); /* `date:` is one event named "date" */
    assert_int_equal(f->type, CL_FACT_EVENT);
    assert_int_equal(f->n_events, 1);
    assert_string_equal(f->events[0].name, "date");
    assert_string_equal(fmt_date(&f->events[0].date, buf, sizeof buf), "2025-01-02");
    assert_int_equal(f->events[0].pos.line, 50);
    assert_int_equal(f->n_bodies, 0);
    assert_int_equal(f->confidence, CL_CONF_LOW);

    f = cl_reftable_find(t, "person.yamanaka");
    assert_int_equal(f->type, CL_FACT_NAME);
    assert_int_equal(f->n_accepted, 3);
    assert_string_equal(f->accepted[1], "山中伸彌");
    assert_string_equal(f->accepted_folded[1], "山中伸弥");
    assert_string_equal(f->accepted_folded[2], "Shinya Yamanaka");
    assert_int_equal(f->n_misspellings, 1); /* a scalar is a list of one */
    assert_string_equal(f->misspellings[0], "山中仲彌");
    assert_string_equal(f->misspellings_folded[0], "山中仲弥");

    assert_null(cl_reftable_find(t, "no.such.fact"));
    assert_null(cl_reftable_find(t, NULL));
    assert_null(cl_reftable_find(NULL, "plan.bio"));
    assert_int_equal(cl_reftable_count(NULL), 0);
    assert_int_equal(cl_reftable_relation_count(t), 0);
    cl_reftable_free(t);
    cl_reftable_free(NULL);
}

/* Facts are found before cl_reftable_finish too (a linear search), and the
 * table's strings outlive the YAML document they came from. */
static void test_find_before_finish(void **state)
{
    (void)state;
    cl_reftable *t = cl_reftable_new(NULL);
    cl_errors errs = {0};
    assert_true(load_into(t, "ref.yaml", FACTS, &errs));
    assert_string_equal(cl_reftable_find(t, "gap.series")->label, "a stepwise series with a gap");
    assert_null(cl_reftable_find(t, "gap"));
    /* without a fold table, names are compared as written */
    assert_string_equal(cl_reftable_find(t, "person.yamanaka")->accepted_folded[1], "山中伸彌");
    assert_true(cl_reftable_finish(t, &errs));
    assert_string_equal(cl_reftable_find(t, "gap.series")->label, "a stepwise series with a gap");
    assert_string_equal(cl_reftable_find(t, "c.light")->label, "speed of light in m/s");
    assert_int_equal(errs.len, 0);
    cl_reftable_free(t);
}

/* ---- Relations across files ------------------------------------------------------------- */

static const char REL_FILE[] = "relations:\n"                 /* 1 */
                               "  - type: at-most\n"          /* 2 */
                               "    part: ind.cleared\n"      /* 3 */
                               "    whole: ind.accepted\n"    /* 4 */
                               "    note: cleared ones were accepted first\n" /* 5 */
                               "  - type: sum-at-most\n"      /* 6 */
                               "    parts: [ind.cleared, ind.other]\n" /* 7 */
                               "    whole: ind.accepted\n";   /* 8 */

static const char REL_FACTS[] = "facts:\n"
                                "  - {key: ind.accepted, label: accepted, unit: count, value: 148, "
                                "confidence: high, sources: [S]}\n"
                                "  - {key: ind.cleared, label: cleared, unit: count, value: 106, "
                                "confidence: high, sources: [S]}\n"
                                "  - {key: ind.other, label: other, unit: count, value: 5, "
                                "confidence: high, sources: [S]}\n";

static void test_relations_across_files(void **state)
{
    (void)state;
    cl_reftable *t = cl_reftable_new(unit_fold);
    cl_errors errs = {0};
    /* The relations come first: they are resolved only by finish. */
    assert_true(load_into(t, "rel.yaml", REL_FILE, &errs));
    assert_true(load_into(t, "facts.yaml", REL_FACTS, &errs));
    assert_int_equal(cl_reftable_relation_count(t), 0);
    assert_true(cl_reftable_finish(t, &errs));
    assert_int_equal(errs.len, 0);
    assert_int_equal(cl_reftable_relation_count(t), 2);

    const cl_relation *r = cl_reftable_relation_at(t, 0);
    assert_int_equal(r->type, CL_REL_AT_MOST);
    assert_int_equal(r->n_parts, 1);
    assert_ptr_equal(r->parts[0], cl_reftable_find(t, "ind.cleared"));
    assert_ptr_equal(r->whole, cl_reftable_find(t, "ind.accepted"));
    assert_string_equal(r->pos.file, "rel.yaml");
    assert_int_equal(r->pos.line, 2);
    assert_int_equal(r->pos.column, 5);

    r = cl_reftable_relation_at(t, 1);
    assert_int_equal(r->type, CL_REL_SUM_AT_MOST);
    assert_int_equal(r->n_parts, 2);
    assert_ptr_equal(r->parts[0], cl_reftable_find(t, "ind.cleared"));
    assert_ptr_equal(r->parts[1], cl_reftable_find(t, "ind.other"));
    assert_ptr_equal(r->whole, cl_reftable_find(t, "ind.accepted"));
    assert_int_equal(r->pos.line, 6);
    assert_string_equal(cl_reftable_find(t, "ind.other")->pos.file, "facts.yaml");
    cl_reftable_free(t);
}

static void test_relation_errors(void **state)
{
    (void)state;
    static const char text[] = "facts:\n"                                 /* 1 */
                               "  - key: a\n"                             /* 2 */
                               "    label: A\n"                           /* 3 */
                               "    unit: count\n"                        /* 4 */
                               "    confidence: high\n"                   /* 5 */
                               "    sources: [S]\n"                       /* 6 */
                               "    value: 5\n"                           /* 7 */
                               "  - {key: m, label: M, unit: CNY, value: 5元, confidence: high, sources: [S]}\n" /* 8 */
                               "relations:\n"                             /* 9 */
                               "  - type: at-most\n"                      /* 10 */
                               "    part: a\n"                            /* 11 */
                               "    whole: nope\n"                        /* 12 */
                               "  - type: at-most\n"                      /* 13 */
                               "    part: a\n"                            /* 14 */
                               "    whole: m\n"                           /* 15 */
                               "  - type: sum-at-most\n"                  /* 16 */
                               "    parts: [a, gone]\n"                   /* 17 */
                               "    whole: a\n";                          /* 18 */
    cl_reftable *t = cl_reftable_new(NULL);
    cl_errors errs = {0};
    assert_true(load_into(t, "t.yaml", text, &errs)); /* names are not checked while loading */
    assert_int_equal(errs.len, 0);
    assert_false(cl_reftable_finish(t, &errs));
    bool same = unit_same_errors(&errs, (const char *[]){
                                       "t.yaml:10:5: relation names unknown fact 'nope'",
                                       "t.yaml:13:5: relation compares 'a' (count) with 'm' (CNY): units differ",
                                       "t.yaml:16:5: relation names unknown fact 'gone'",
                                       NULL});
    cl_errors_free(&errs);
    assert_true(same);
    assert_int_equal(cl_reftable_relation_count(t), 0); /* none of them is kept */
    cl_reftable_free(t);

    /* Shape errors are reported while loading. */
    static const char shapes[] = "relations:\n"                /* 1 */
                                 "  - type: at-least\n"        /* 2 */
                                 "    part: a\n"               /* 3 */
                                 "    whole: b\n"              /* 4 */
                                 "  - type: at-most\n"         /* 5 */
                                 "    parts: [a]\n"            /* 6 */
                                 "    whole: b\n"              /* 7 */
                                 "  - type: sum-at-most\n"     /* 8 */
                                 "    part: a\n"               /* 9 */
                                 "    whole: b\n"              /* 10 */
                                 "  - {type: at-most, part: a}\n"; /* 11 */
    t = cl_reftable_new(NULL);
    assert_false(load_into(t, "s.yaml", shapes, &errs));
    same = unit_same_errors(
        &errs, (const char *[]){
                   "s.yaml:2:11: unknown relation type 'at-least' (expected one of: at-most, sum-at-most)",
                   "s.yaml:5:5: an at-most relation has one 'part' and a 'whole'",
                   "s.yaml:8:5: a sum-at-most relation has a list of 'parts' and a 'whole'",
                   "s.yaml:11:5: relation is missing 'whole'",
                   NULL});
    cl_errors_free(&errs);
    assert_true(same);
    cl_reftable_free(t);

    static const char not_list[] = "relations: {type: at-most}\n";
    t = cl_reftable_new(NULL);
    assert_false(load_into(t, "n.yaml", not_list, &errs));
    same = unit_same_errors(&errs, (const char *[]){"n.yaml:1:12: 'relations' must be a list", NULL});
    cl_errors_free(&errs);
    assert_true(same);
    cl_reftable_free(t);
}

/* BUG: cl_reftable_finish checks only the whole of a relation for being a
 * quantity. A non-quantity part is accepted silently when its (empty) unit
 * matches a unitless whole, and a non-quantity whole is reported twice, the
 * second time as a unit mismatch. Reproduction (the fixture below): facts
 * q (quantity, no unit), c (count) and ev (an event); relations
 * {at-most, part: ev, whole: q} and {at-most, part: c, whole: ev}. finish gives
 *   t.yaml:7:5: relation names 'ev', which is not a quantity
 *   t.yaml:7:5: relation compares 'c' (count) with 'ev' (none): units differ
 * and keeps the first relation. Correct: one "relation names 'ev', which is
 * not a quantity" for each relation (6:5 and 7:5), and neither is kept. */
static void test_relation_non_quantity(void **state)
{
    (void)state;
    static const char text[] = "facts:\n"                                                        /* 1 */
                               "  - {key: q, label: Q, value: 5, confidence: high, sources: [S]}\n" /* 2 */
                               "  - {key: c, label: C, unit: count, value: 5, confidence: high, sources: [S]}\n" /* 3 */
                               "  - {key: ev, label: E, date: 2024, confidence: high, sources: [S]}\n" /* 4 */
                               "relations:\n"                                                    /* 5 */
                               "  - {type: at-most, part: ev, whole: q}\n"                       /* 6 */
                               "  - {type: at-most, part: c, whole: ev}\n";                      /* 7 */
    cl_reftable *t = cl_reftable_new(NULL);
    cl_errors errs = {0};
    assert_true(load_into(t, "t.yaml", text, &errs));
    bool ok = cl_reftable_finish(t, &errs);
    bool same = unit_same_errors(&errs, (const char *[]){"t.yaml:6:5: relation names 'ev', which is not a quantity",
                                                    "t.yaml:7:5: relation names 'ev', which is not a quantity",
                                                    NULL});
    size_t kept = cl_reftable_relation_count(t);
    cl_errors_free(&errs);
    cl_reftable_free(t);
    assert_false(ok);
    assert_true(same);
    assert_int_equal(kept, 0);
}

/* ---- Load errors ------------------------------------------------------------------------- */

/* Each fixture starts with the same five lines, so positions are easy to
 * count: the fact mapping is at 2:5, its key at 2:10; line 6 is the first
 * line that varies. */
#define HEAD "facts:\n  - key: k\n    label: L\n    confidence: high\n    sources: [S]\n"
#define HEAD_NO_SOURCES "facts:\n  - key: k\n    label: L\n    confidence: high\n"
#define MIX_MSG                                                                                                 \
    "fact 'k' needs exactly one of: 'value' or 'values' (a quantity), 'date' or 'dates' (an event), 'accepted' " \
    "(a name)"

static const struct load_row {
    const char *what;
    const char *text;
    const char *errors[4];
} LOAD_ERRORS[] = {
    {"bad as_of date", HEAD "    value: 5\n    as_of: 2024-13\n",
     {"t.yaml:7:12: bad date '2024-13' in 'as_of': write YYYY, YYYY-MM or YYYY-MM-DD"}},
    {"bad event date", HEAD "    dates:\n      issued: 2022-02-30\n",
     {"t.yaml:7:15: bad date '2022-02-30' in 'issued': write YYYY, YYYY-MM or YYYY-MM-DD"}},
    {"bad date of 'date'", HEAD "    date: soon\n",
     {"t.yaml:6:11: bad date 'soon' in 'date': write YYYY, YYYY-MM or YYYY-MM-DD"}},
    {"bad until", HEAD "    values:\n      - {value: 5, from: 2020, until: 2020-02-30}\n",
     {"t.yaml:7:39: bad date '2020-02-30' in 'until': write YYYY, YYYY-MM or YYYY-MM-DD"}},
    {"unknown unit", HEAD "    unit: parsecs\n    value: 5\n", {"t.yaml:6:11: unknown unit 'parsecs'"}},
    {"unit mismatch, value", HEAD "    unit: count\n    value: 3亿元\n",
     {"t.yaml:7:12: the unit of '3亿元' (CNY) does not match the fact's unit (count)"}},
    {"unit mismatch, no unit", HEAD "    values:\n      - value: 5项\n        as_of: 2024\n",
     {"t.yaml:7:16: the unit of '5项' (count) does not match the fact's unit (none)"}},
    {"duplicate key", HEAD "    value: 5\n  - key: k\n    label: M\n    confidence: high\n    sources: [S]\n    value: 6\n",
     {"t.yaml:7:10: duplicate fact key 'k' (first defined at t.yaml:2:10)"}},
    {"decreasing cumulative series",
     HEAD "    unit: count\n    over_time: cumulative\n    values:\n"
          "      - value: 160\n        as_of: 2024-10\n      - value: 106\n        as_of: 2025-01\n",
     {"t.yaml:11:16: cumulative fact 'k' decreases from 160 to 106"}},
    /* reported at the later-dated value, wherever it is in the file */
    {"decreasing, written out of order",
     HEAD "    over_time: cumulative\n    values:\n"
          "      - {value: 5, as_of: 2025}\n      - {value: 9, as_of: 2024}\n",
     {"t.yaml:8:17: cumulative fact 'k' decreases from 9 to 5"}},
    {"missing source", HEAD_NO_SOURCES "    sources: []\n    value: 5\n",
     {"t.yaml:5:14: fact 'k' must cite at least one source"}},
    {"no sources key", HEAD_NO_SOURCES "    value: 5\n", {"t.yaml:2:5: fact is missing 'sources'"}},
    {"quantity and event", HEAD "    value: 5\n    date: 2024\n", {"t.yaml:2:5: " MIX_MSG}},
    {"event and name", HEAD "    dates: {a: 2024}\n    accepted: [x]\n", {"t.yaml:2:5: " MIX_MSG}},
    {"no kind at all", HEAD "    note: nothing\n", {"t.yaml:2:5: " MIX_MSG}},
    {"bodies on a quantity", HEAD "    value: 5\n    bodies: [X]\n",
     {"t.yaml:7:13: 'bodies' applies to event facts only"}},
    {"unit on an event", HEAD "    date: 2024\n    unit: count\n", {"t.yaml:7:11: 'unit' applies to quantity facts only"}},
    {"over_time on a name", HEAD "    accepted: [x]\n    over_time: fixed\n",
     {"t.yaml:7:16: 'over_time' applies to quantity facts only"}},
    {"misspellings on an event", HEAD "    date: 2024\n    misspellings: x\n",
     {"t.yaml:7:19: 'misspellings' applies to name facts only"}},
    {"bad key", "facts:\n  - key: Bad Key\n    label: L\n    confidence: high\n    sources: [S]\n    value: 5\n",
     {"t.yaml:2:10: bad fact key 'Bad Key': use lower-case letters, digits, '.', '-' and '_'"}},
    {"unknown confidence", "facts:\n  - key: k\n    label: L\n    confidence: certain\n    sources: [S]\n    value: 5\n",
     {"t.yaml:4:17: unknown confidence 'certain' (expected one of: high, medium, low)"}},
    {"unknown over_time", HEAD "    over_time: sometimes\n    value: 5\n",
     {"t.yaml:6:16: unknown over_time 'sometimes' (expected one of: fixed, cumulative, stepwise)"}},
    {"fixed with several values",
     HEAD "    over_time: fixed\n    values:\n      - {value: 5, as_of: 2024}\n      - {value: 6, as_of: 2025}\n",
     {"t.yaml:6:16: a fixed fact has a single value"}},
    {"value and values", HEAD "    value: 5\n    values: []\n", {"t.yaml:7:13: give either 'value' or 'values', not both"}},
    {"date and dates", HEAD "    date: 2024\n    dates: {a: 2024}\n", {"t.yaml:7:12: give either 'date' or 'dates', not both"}},
    {"as_of beside values", HEAD "    as_of: 2024\n    values:\n      - value: 5\n",
     {"t.yaml:6:12: 'as_of' goes on each of 'values'"}},
    {"several values, one undated", HEAD "    values:\n      - value: 5\n      - value: 6\n        as_of: 2024\n",
     {"t.yaml:7:9: each of several values needs 'as_of' or 'from'"}},
    {"as_of and from", HEAD "    values:\n      - value: 5\n        as_of: 2024\n        from: 2024\n",
     {"t.yaml:9:15: give either 'as_of' or 'from', not both"}},
    {"not a quantity", HEAD "    value: lots\n", {"t.yaml:6:12: cannot read 'lots' as a quantity"}},
    {"point not a quantity", HEAD "    values:\n      - value: 400-622-0089\n",
     {"t.yaml:7:16: cannot read '400-622-0089' as a quantity"}},
    {"unknown key in a value", HEAD "    values:\n      - value: 5\n        asof: 2024\n",
     {"t.yaml:8:9: unknown key 'asof' in value (did you mean 'as_of'?)"}},
    {"source without title", HEAD "    values:\n      - value: 5\n        source: {url: x}\n",
     {"t.yaml:8:17: source is missing 'title'"}},
    {"empty dates", HEAD "    dates: {}\n", {"t.yaml:6:12: 'dates' is empty"}},
    {"dates not scalars", HEAD "    dates: {issued: [2024]}\n", {"t.yaml:6:13: 'dates' maps event names to dates"}},
    {"empty accepted", HEAD "    accepted: []\n", {"t.yaml:6:15: 'accepted' is empty"}},
    {"accepted not scalars", HEAD "    accepted: [x, [y]]\n", {"t.yaml:6:19: each of 'accepted' must be a scalar"}},
    {"unknown key in a fact", HEAD "    value: 5\n    lable: x\n",
     {"t.yaml:7:5: unknown key 'lable' in fact (did you mean 'label'?)"}},
    {"facts not a list", "facts: {key: k}\n", {"t.yaml:1:8: 'facts' must be a list"}},
    {"fact not a mapping", "facts:\n  - just text\n", {"t.yaml:2:5: fact must be a mapping"}},
    /* Two problems of one fact, both reported. */
    {"two problems", HEAD "    unit: parsecs\n    value: 5\n    as_of: 2024-00\n",
     {"t.yaml:6:11: unknown unit 'parsecs'",
      "t.yaml:8:12: bad date '2024-00' in 'as_of': write YYYY, YYYY-MM or YYYY-MM-DD"}},
};

static void test_load_errors(void **state)
{
    (void)state;
    bool all = true;
    for (size_t i = 0; i < sizeof LOAD_ERRORS / sizeof LOAD_ERRORS[0]; i++) {
        const struct load_row *r = &LOAD_ERRORS[i];
        cl_reftable *t = cl_reftable_new(NULL);
        cl_errors errs = {0};
        bool ok = load_into(t, "t.yaml", r->text, &errs);
        ok &= cl_reftable_finish(t, &errs);
        if (ok) {
            fprintf(stderr, "row '%s' loaded without error\n", r->what);
            all = false;
        }
        if (!unit_same_errors(&errs, r->errors)) {
            fprintf(stderr, "  in row '%s'\n", r->what);
            all = false;
        }
        cl_errors_free(&errs);
        cl_reftable_free(t); /* partial facts are freed cleanly (ASan) */
    }
    assert_true(all);
}

/* Intervals decide: overlapping values of a cumulative series are fine even
 * when the later number is smaller as written. */
static void test_cumulative_overlap_not_decreasing(void **state)
{
    (void)state;
    cl_reftable *t = cl_reftable_new(NULL);
    cl_errors errs = {0};
    assert_true(load_into(t, "t.yaml",
                          HEAD "    over_time: cumulative\n    values:\n"
                               "      - {value: about 100, as_of: 2024}\n      - {value: 95, as_of: 2025}\n",
                          &errs));
    assert_int_equal(errs.len, 0);
    cl_reftable_free(t);
}

/* ---- cl_fact_value_at ------------------------------------------------------------------------ */

struct at_row {
    const char *when; /* parsed with cl_date_parse; NULL for no date */
    size_t n;
    const char *interval; /* when n > 0 */
    const char *pts[2];
};

static void check_at(const cl_reftable *t, const char *key, const struct at_row *rows, size_t n_rows)
{
    const cl_fact *f = cl_reftable_find(t, key);
    assert_non_null(f);
    bool all = true;
    for (size_t i = 0; i < n_rows; i++) {
        const struct at_row *r = &rows[i];
        cl_date when;
        if (r->when && !cl_date_parse(r->when, strlen(r->when), NULL, &when))
            fail_msg("bad test date %s", r->when);
        cl_interval out = cl_interval_all();
        const cl_point *pts[2] = {NULL, NULL};
        size_t n = cl_fact_value_at(f, r->when ? &when : NULL, &out, pts);
        char iv[96] = "";
        if (n)
            cl_interval_format(&out, iv, sizeof iv);
        bool ok = n == r->n && (n == 0 || strcmp(iv, r->interval) == 0);
        for (size_t k = 0; ok && k < n; k++)
            ok = pts[k] && strcmp(pts[k]->text, r->pts[k]) == 0;
        if (!ok) {
            fprintf(stderr, "%s at %s: %zu point(s) %s [%s, %s]; want %zu %s [%s, %s]\n", key,
                    r->when ? r->when : "(none)", n, iv, n > 0 ? pts[0]->text : "", n > 1 ? pts[1]->text : "", r->n,
                    r->interval ? r->interval : "", r->pts[0] ? r->pts[0] : "", r->pts[1] ? r->pts[1] : "");
            all = false;
        }
    }
    assert_true(all);
}

/* 106 as of 2024-10, more than 120 as of 2025-01, 160 as of 2025-05-31. */
static const struct at_row CUMULATIVE[] = {
    /* before the first point: only the upper bound */
    {"2024-09", 1, "[0, 106.5)", {"106"}},
    {"2023", 1, "[0, 106.5)", {"106"}},
    /* a point dated within the claim's date decides alone */
    {"2024-10", 1, "[105.5, 106.5)", {"106"}},
    {"2024-10-15", 1, "[105.5, 106.5)", {"106"}},
    {"2024", 1, "[105.5, 106.5)", {"106"}},
    {"2025-01", 1, "(120, inf)", {"more than 120"}},
    {"2025-05", 1, "[159.5, 160.5)", {"160"}},
    {"2025-05-31", 1, "[159.5, 160.5)", {"160"}},
    /* between points: from the last before to the first after */
    {"2024-12", 2, "[105.5, inf)", {"106", "more than 120"}},
    {"2025-03", 2, "(120, 160.5)", {"more than 120", "160"}},
    {"2025-05-30", 2, "(120, 160.5)", {"more than 120", "160"}},
    /* after the last: only the lower bound */
    {"2025-06", 1, "[159.5, inf)", {"160"}},
    {"2030", 1, "[159.5, inf)", {"160"}},
    /* spanning several points: their hull (at most two are returned) */
    {"2025", 2, "(120, inf)", {"more than 120", "160"}},
    {"2024-10..2025-05-31", 2, "[105.5, inf)", {"106", "more than 120"}},
    {"2024-11..2025-02", 1, "(120, inf)", {"more than 120"}},
    /* no date: a value that varies says nothing */
    {NULL, 0, NULL, {NULL}},
};

/* 28 from 2013-07-01 until 2020-01-31, 27 from 2020-02-01. */
static const struct at_row STEPWISE[] = {
    {"2012", 0, NULL, {NULL}},
    {"2013-06-30", 0, NULL, {NULL}},
    {"2013-07-01", 1, "[27.5, 28.5)", {"28"}},
    {"2016-06", 1, "[27.5, 28.5)", {"28"}},
    {"2020-01-31", 1, "[27.5, 28.5)", {"28"}},
    {"2020-02-01", 1, "[26.5, 27.5)", {"27"}},
    {"2024-10", 1, "[26.5, 27.5)", {"27"}},
    /* a value that starts within the claim's date counts */
    {"2013", 1, "[27.5, 28.5)", {"28"}},
    /* straddling the change: both values */
    {"2020", 2, "[26.5, 28.5)", {"28", "27"}},
    {"2020-01-15..2020-02-15", 2, "[26.5, 28.5)", {"28", "27"}},
    {"2020-01", 1, "[27.5, 28.5)", {"28"}},
    {NULL, 0, NULL, {NULL}},
};

/* 5 from 2010 until 2011-12-31, 7 from 2013: nothing in 2012. */
static const struct at_row GAP[] = {
    {"2011-06", 1, "[4.5, 5.5)", {"5"}},
    {"2012-06", 0, NULL, {NULL}},
    {"2012", 0, NULL, {NULL}},
    {"2013-02", 1, "[6.5, 7.5)", {"7"}},
};

static const struct at_row FIXED[] = {
    {NULL, 1, "[299792457.5, 299792458.5)", {"299,792,458"}},
    {"1900", 1, "[299792457.5, 299792458.5)", {"299,792,458"}},
    {"2024-10-31", 1, "[299792457.5, 299792458.5)", {"299,792,458"}},
};

static const struct at_row NOTHING[] = {
    {NULL, 0, NULL, {NULL}},
    {"2024", 0, NULL, {NULL}},
};

static void test_value_at(void **state)
{
    (void)state;
    cl_reftable *t = load_facts_fixture();
    check_at(t, "cn.ind.cleared", CUMULATIVE, sizeof CUMULATIVE / sizeof CUMULATIVE[0]);
    check_at(t, "eu.members", STEPWISE, sizeof STEPWISE / sizeof STEPWISE[0]);
    check_at(t, "gap.series", GAP, sizeof GAP / sizeof GAP[0]);
    check_at(t, "c.light", FIXED, sizeof FIXED / sizeof FIXED[0]);
    check_at(t, "claims.only", NOTHING, 2); /* values: [] */
    check_at(t, "plan.bio", NOTHING, 2);    /* not a quantity */
    check_at(t, "person.yamanaka", NOTHING, 2);
    cl_reftable_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantity_facts),
        cmocka_unit_test(test_event_and_name_facts),
        cmocka_unit_test(test_find_before_finish),
        cmocka_unit_test(test_relations_across_files),
        cmocka_unit_test(test_relation_errors),
        cmocka_unit_test(test_relation_non_quantity),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_cumulative_overlap_not_decreasing),
        cmocka_unit_test(test_value_at),
    };
    return cmocka_run_group_tests(tests, unit_setup_fold, unit_teardown_fold);
}
