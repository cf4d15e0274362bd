/* r57 kpi, scorecard, verify and report. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

/* ---- kpi -------------------------------------------------------------------------- */

int cmd_kpi(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    char period[16];
    const char *unit = a->unit;
    r57_unit_iterator *uit;
    r57_unit *root = NULL;
    if (!unit) {
        /* The first root unit (the nation, usually). */
        if (r57_unit_iterator_new(&uit, db, NULL) < 0)
            return fail("kpi");
        r57_unit *u;
        while (!root && r57_unit_next(&u, uit) == R57_OK) {
            if (!r57_unit_parent(u))
                root = u;
            else
                r57_unit_free(u);
        }
        r57_unit_iterator_free(uit);
        if (!root) {
            fprintf(stderr, "r57: kpi: the database has no units; give --unit\n");
            return EXIT_REFUSED;
        }
        unit = r57_unit_code(root);
    }
    if (!a->period) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        snprintf(period, sizeof period, "%04d", tm.tm_year + 1900);
    }
    const char *p = a->period ? a->period : period;
    /* A unit, or a unit group ("central", "local"). */
    r57_unit *check;
    r57_group *gcheck;
    if (r57_unit_get(&check, db, unit) < 0 && r57_group_get(&gcheck, db, unit) == R57_OK) {
        r57_group_free(gcheck);
    } else if (!check) {
        r57_unit_get(&check, db, unit); /* the unit's message */
        r57_unit_free(root);
        return fail("kpi");
    }
    r57_unit_free(check);
    r57_indicator_iterator *it;
    r57_indicator *ind;
    int rc, ret = 0;
    if (r57_indicator_iterator_new(&it, db) < 0) {
        r57_unit_free(root);
        return fail("kpi");
    }
    json_t *list = json_array();
    if (!a->json)
        printf("indicators of %s in %s\n\n", unit, p);
    while ((rc = r57_indicator_next(&ind, it)) == R57_OK) {
        r57_attainment *at;
        if (r57_attainment_get(&at, db, r57_indicator_code(ind), unit, p) < 0) {
            r57_indicator_free(ind);
            ret = fail("kpi");
            break;
        }
        int st = r57_attainment_status(at);
        /* Without a target binding the scope the value is still shown. */
        double value = r57_attainment_value(at);
        int has = isfinite(value);
        json_t *j = json_pack("{s:s,s:s,s:s,s:o,s:s}", "indicator", r57_indicator_code(ind), "name",
                              r57_indicator_name(ind), "measure", r57_indicator_measure(ind),
                              "value", number_or_null(value, has), "attainment",
                              r57_attainment_status_name(st));
        if (st != R57_ATTAINMENT_NO_TARGET) {
            json_object_set_new(j, "comparison",
                                json_string(r57_comparison_name(r57_attainment_comparison(at))));
            json_object_set_new(j, "target", json_real(r57_attainment_target(at)));
        }
        if (st == R57_ATTAINMENT_NOT_MET || st == R57_ATTAINMENT_MET)
            json_object_set_new(j, "gap", json_real(r57_attainment_gap(at)));
        if (*r57_attainment_reason(at))
            json_object_set_new(j, "reason", json_string(r57_attainment_reason(at)));
        if (!a->json) {
            char v[32] = "-", t[48] = "";
            if (has)
                snprintf(v, sizeof v, "%.4g", value);
            if (st != R57_ATTAINMENT_NO_TARGET)
                snprintf(t, sizeof t, "%s %.4g", r57_comparison_name(r57_attainment_comparison(at)),
                         r57_attainment_target(at));
            printf("%-36s %10s %-10s %-9s", r57_indicator_code(ind), v, t,
                   st == R57_ATTAINMENT_NO_TARGET ? "no target for this scope"
                                                  : r57_attainment_status_name(st));
            if (st == R57_ATTAINMENT_NOT_MET)
                printf(" gap %.4g", r57_attainment_gap(at));
            printf("\n");
        }
        json_array_append_new(list, j);
        r57_attainment_free(at);
        r57_indicator_free(ind);
    }
    r57_indicator_iterator_free(it);
    if (ret == 0 && rc != R57_ITEROVER)
        ret = fail("kpi");
    if (ret == 0 && a->json)
        print_json(json_pack("{s:s,s:s,s:o}", "unit", unit, "period", p, "indicators", list));
    else
        json_decref(list);
    r57_unit_free(root);
    return ret;
}

/* ---- scorecard ------------------------------------------------------------------- */

int cmd_scorecard(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_date as_of;
    r57_scorecard *s;
    int rc;
    if (!a->unit || !a->period)
        return usage_error("scorecard", "needs --unit CODE and --period P");
    if ((rc = parse_as_of(&as_of, "scorecard", a)))
        return rc;
    if (r57_scorecard_get(&s, db, a->unit, a->include_subunits, a->period, as_of) < 0)
        return fail("scorecard");
    char d[16];
    r57_date_format(d, sizeof d, r57_scorecard_as_of(s));
    double share = r57_scorecard_on_time_share(s);
    int rating = r57_scorecard_rating(s);
    json_t *keys = json_array();
    for (size_t i = 0; i < r57_scorecard_key_unfinished(s); i++) {
        char due[16] = "";
        r57_date_format(due, sizeof due, r57_scorecard_key_due(s, i));
        json_array_append_new(keys,
                              json_pack("{s:s,s:s,s:s,s:s}", "document",
                                        r57_scorecard_key_document(s, i), "ref",
                                        r57_scorecard_key_ref(s, i), "category",
                                        r57_key_category_name(r57_scorecard_key_category(s, i)),
                                        "due", due));
    }
    if (a->json) {
        print_json(json_pack("{s:s,s:s,s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:I,s:I,s:I,s:o,s:s}",
                             "unit", a->unit, "period", a->period, "as_of", d, "include_subunits",
                             a->include_subunits, "due", (json_int_t)r57_scorecard_due(s),
                             "on_time", (json_int_t)r57_scorecard_on_time(s), "late",
                             (json_int_t)r57_scorecard_late(s), "overdue",
                             (json_int_t)r57_scorecard_overdue(s), "pending",
                             (json_int_t)r57_scorecard_pending(s), "on_time_share",
                             number_or_null(share, share == share), "key_unfinished", keys,
                             "targets_met", (json_int_t)r57_scorecard_targets_met(s),
                             "targets_not_met", (json_int_t)r57_scorecard_targets_not_met(s),
                             "targets_no_data", (json_int_t)r57_scorecard_targets_no_data(s),
                             "rating",
                             rating >= 0 ? json_string(r57_rating_name(rating)) : json_null(),
                             "reason", r57_scorecard_reason(s)));
    } else {
        printf("scorecard of %s%s, %s, as of %s\n\n", a->unit,
               a->include_subunits ? " and its sub-units" : "", a->period, d);
        printf("  due in the period %lld: on time %lld, late %lld, overdue %lld, pending %lld\n",
               (long long)r57_scorecard_due(s), (long long)r57_scorecard_on_time(s),
               (long long)r57_scorecard_late(s), (long long)r57_scorecard_overdue(s),
               (long long)r57_scorecard_pending(s));
        if (share == share)
            printf("  on time: %.1f%%\n", share);
        for (size_t i = 0; i < json_array_size(keys); i++) {
            json_t *k = json_array_get(keys, i);
            printf("  key task unfinished: %s %s (%s), due %s\n",
                   json_string_value(json_object_get(k, "document")),
                   json_string_value(json_object_get(k, "ref")),
                   json_string_value(json_object_get(k, "category")),
                   json_string_value(json_object_get(k, "due")));
        }
        printf("  KPI targets: %lld met, %lld not met, %lld without data\n",
               (long long)r57_scorecard_targets_met(s), (long long)r57_scorecard_targets_not_met(s),
               (long long)r57_scorecard_targets_no_data(s));
        printf("  rating: %s — %s\n", rating >= 0 ? r57_rating_name(rating) : "none",
               r57_scorecard_reason(s));
        json_decref(keys);
    }
    r57_scorecard_free(s);
    return 0;
}

/* ---- verify ---------------------------------------------------------------------- */

/* Re-checks every file evidence record of every task: changed files are
 * listed in `changed`, unreadable ones in `unreadable`. */
static int recheck_files(r57_db *db, json_t *changed, json_t *unreadable, long *checked)
{
    r57_task_iterator *it;
    r57_task *t;
    int rc;
    if (r57_task_iterator_new(&it, db, NULL) < 0)
        return -1;
    while ((rc = r57_task_next(&t, it)) == R57_OK) {
        r57_evidence_iterator *eit;
        r57_evidence *e;
        if (r57_evidence_iterator_new(&eit, db, t) == R57_OK) {
            while (r57_evidence_next(&e, eit) == R57_OK) {
                if (r57_evidence_kind(e) == R57_EVIDENCE_FILE && r57_evidence_sha256(e)) {
                    bool matches = false;
                    json_t *j = json_pack("{s:I,s:s,s:s,s:s}", "evidence",
                                          (json_int_t)r57_evidence_id(e), "document",
                                          r57_task_document(t), "ref", r57_task_ref(t), "uri",
                                          r57_evidence_uri(e) ? r57_evidence_uri(e) : "");
                    (*checked)++;
                    if (r57_evidence_recheck(&matches, db, r57_evidence_id(e), NULL) < 0) {
                        json_object_set_new(j, "error",
                                            json_string(r57_error_message(r57_error_last())));
                        json_array_append_new(unreadable, j);
                    } else if (!matches) {
                        json_object_set_new(j, "message",
                                            json_string(r57_error_message(r57_error_last())));
                        json_array_append_new(changed, j);
                    } else {
                        json_decref(j);
                    }
                }
                r57_evidence_free(e);
            }
            r57_evidence_iterator_free(eit);
        }
        r57_task_free(t);
    }
    r57_task_iterator_free(it);
    return rc == R57_ITEROVER ? 0 : -1;
}

int cmd_verify(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_journal_report *r;
    if (r57_journal_verify(&r, db, a->anchor) < 0)
        return fail("verify");
    json_t *changed = json_array(), *unreadable = json_array();
    long checked = 0;
    if (recheck_files(db, changed, unreadable, &checked) < 0) {
        r57_journal_report_free(r);
        json_decref(changed);
        json_decref(unreadable);
        return fail("verify");
    }
    int problem = r57_journal_report_problem(r);
    int bad = problem != R57_JOURNAL_INTACT || json_array_size(changed) > 0;
    if (a->json) {
        print_json(json_pack("{s:{s:s,s:I,s:I,s:s,s:s},s:{s:I,s:o,s:o},s:b}", "journal", "problem",
                             r57_journal_problem_name(problem), "seq",
                             (json_int_t)r57_journal_report_seq(r), "entries",
                             (json_int_t)r57_journal_report_entries(r), "message",
                             r57_journal_report_message(r), "head", r57_journal_report_head(r),
                             "evidence_files", "checked", (json_int_t)checked, "changed", changed,
                             "unreadable", unreadable, "ok", !bad));
    } else {
        printf("journal: %lld entries: %s\n", (long long)r57_journal_report_entries(r),
               r57_journal_report_message(r));
        printf("journal head (publish it; check later with --anchor): %s\n",
               r57_journal_report_head(r));
        printf("evidence files: %ld checked, %zu changed, %zu unreadable\n", checked,
               json_array_size(changed), json_array_size(unreadable));
        for (size_t i = 0; i < json_array_size(changed); i++)
            printf("  changed: %s\n",
                   json_string_value(json_object_get(json_array_get(changed, i), "message")));
        for (size_t i = 0; i < json_array_size(unreadable); i++)
            printf("  unreadable: %s\n",
                   json_string_value(json_object_get(json_array_get(unreadable, i), "error")));
        json_decref(changed);
        json_decref(unreadable);
    }
    r57_journal_report_free(r);
    return bad ? EXIT_TAMPERED : 0;
}

/* ---- report ---------------------------------------------------------------------- */

int cmd_report(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_report_options o = R57_REPORT_OPTIONS_INIT;
    int rc;
    if (!a->out)
        return usage_error("report", "needs --out DIR");
    if ((rc = parse_as_of(&o.as_of, "report", a)))
        return rc;
    o.period = a->period;
    o.title = a->title;
    o.due_soon_days = a->soon;
    o.include_rejected = a->include_rejected;
    if (r57_report_write(db, &o, a->out) < 0)
        return fail("report");
    if (a->json)
        print_json(json_pack("{s:s,s:s,s:s}", "out", a->out, "index", "index.html", "data",
                             "report.json"));
    else
        printf("report written to %s/index.html (data: %s/report.json)\n", a->out, a->out);
    return 0;
}
