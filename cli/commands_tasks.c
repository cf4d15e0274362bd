/* r57 lint, resolve, resolve-tasks, rule, assign-each and overdue. */
#include "cli.h"

#include <stdio.h>

/* ---- lint ------------------------------------------------------------------------ */

int cmd_lint(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_task_query q = R57_TASK_QUERY_INIT;
    r57_task_iterator *it;
    r57_task *t;
    int rc, total = 0, clear = 0;
    q.document = a->document;
    q.unit = a->unit;
    q.include_subunits = a->include_subunits;
    if (r57_task_iterator_new(&it, db, &q) < 0)
        return fail("lint");
    json_t *tasks = json_array();
    while ((rc = r57_task_next(&t, it)) == R57_OK) {
        r57_verdict *v;
        if (r57_linter_check(&v, NULL, t) < 0) {
            r57_task_free(t);
            r57_task_iterator_free(it);
            json_decref(tasks);
            return fail("lint");
        }
        total++;
        clear += r57_verdict_is_clear(v);
        json_t *fields = json_object();
        for (int f = 0; f < R57_CLEAR_FIELD_COUNT; f++) {
            json_t *fj = json_pack("{s:s}", "verdict", r57_clarity_name(r57_verdict_clarity(v, f)));
            /* A clear who-field says whom it names, as the text output does. */
            if (*r57_verdict_reason(v, f))
                json_object_set_new(fj, "reason", json_string(r57_verdict_reason(v, f)));
            json_object_set_new(fields, r57_clear_field_name(f), fj);
        }
        json_array_append_new(tasks, json_pack("{s:s,s:s,s:b,s:o}", "document",
                                               r57_task_document(t), "ref", r57_task_ref(t),
                                               "clear", r57_verdict_is_clear(v), "fields", fields));
        if (!a->json) {
            printf("%s %s: %s\n", r57_task_document(t), r57_task_ref(t),
                   r57_verdict_is_clear(v) ? "6 clear" : "not 6 clear");
            /* What is not clear, and whom a clear owner or authority text
             * names (an old name, a lead with coordinating units). */
            for (int f = 0; f < R57_CLEAR_FIELD_COUNT; f++)
                if (r57_verdict_clarity(v, f) != R57_CLARITY_CLEAR ||
                    ((f == R57_CLEAR_OWNER || f == R57_CLEAR_AUTHORITY) &&
                     *r57_verdict_reason(v, f)))
                    printf("    %-14s %-7s %s\n", r57_clear_field_name(f),
                           r57_clarity_name(r57_verdict_clarity(v, f)), r57_verdict_reason(v, f));
        }
        r57_verdict_free(v);
        r57_task_free(t);
    }
    r57_task_iterator_free(it);
    if (rc != R57_ITEROVER) {
        json_decref(tasks);
        return fail("lint");
    }
    if (a->json)
        print_json(
            json_pack("{s:i,s:i,s:o}", "tasks_total", total, "tasks_clear", clear, "tasks", tasks));
    else {
        json_decref(tasks);
        printf("\n%d tasks, %d fully 6-clear\n", total, clear);
    }
    return 0;
}

int cmd_resolve_tasks(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    uint64_t changed = 0;
    if (r57_tasks_resolve(db, a->actor, a->document, &changed) < 0)
        return fail("resolve-tasks");
    if (a->json)
        print_json(json_pack("{s:I}", "tasks_changed", (json_int_t)changed));
    else
        printf("%llu task%s changed\n", (unsigned long long)changed, changed == 1 ? "" : "s");
    return 0;
}

int cmd_assign_each(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    if (!a->document || !a->ref)
        return usage_error("assign-each", "needs --document NUMBER and --ref REF");
    r57_task *t;
    uint64_t n = 0;
    if (r57_task_get(&t, db, a->document, a->ref) < 0)
        return fail("assign-each");
    int rc = r57_task_assign_each(db, a->actor, t, a->group, &n);
    r57_task_free(t);
    if (rc < 0)
        return fail("assign-each");
    if (a->json)
        print_json(json_pack("{s:s,s:s,s:I}", "document", a->document, "ref", a->ref, "created",
                             (json_int_t)n));
    else
        printf("task %s of %s assigned to each of %llu units (sub-tasks %s/CODE)\n", a->ref,
               a->document, (unsigned long long)n, a->ref);
    return 0;
}

int cmd_rule(r57_db *db, const char *rule, const args *a)
{
    if (r57_accountability_rule_set(db, a->actor, a->document, *rule ? rule : NULL) < 0)
        return fail("rule");
    if (!a->json)
        printf("accountability rule of %s%s: %s\n", a->document ? "document " : "the database",
               a->document ? a->document : "", *rule ? rule : "(none)");
    return 0;
}

/* ---- what a text names ------------------------------------------------------------ */

int cmd_resolve(r57_db *db, const char *text, const args *a)
{
    r57_resolution *r;
    if (r57_resolve(&r, db, text, a->list ? R57_RESOLVE_LIST : R57_RESOLVE_LEAD, R57_DATE_NONE) < 0)
        return fail("resolve");
    if (a->json) {
        json_t *ms = json_array();
        for (size_t i = 0; i < r57_resolution_match_count(r); i++)
            json_array_append_new(ms, json_pack("{s:s,s:s,s:s,s:s,s:s}", "unit",
                                                r57_resolution_match_unit(r, i), "text",
                                                r57_resolution_match_text(r, i), "role",
                                                r57_resolution_match_role(r, i) == R57_MATCH_LEAD
                                                    ? "lead"
                                                    : "coordinating",
                                                "how",
                                                r57_match_how_name(r57_resolution_match_how(r, i)),
                                                "note", r57_resolution_match_note(r, i)));
        json_t *o = json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:b,s:s,s:o}", "text",
                              r57_resolution_text(r), "kind",
                              r57_resolution_kind_name(r57_resolution_kind(r)), "unit",
                              r57_resolution_unit(r), "person", r57_resolution_person(r), "group",
                              r57_resolution_group(r), "each", r57_resolution_each(r), "reason",
                              r57_resolution_reason(r), "matches", ms);
        print_json(o);
    } else {
        printf("%s: %s\n", r57_resolution_kind_name(r57_resolution_kind(r)),
               r57_resolution_reason(r));
        for (size_t i = 0; i < r57_resolution_match_count(r); i++)
            printf("  %-12s %-12s '%s' (%s)%s%s\n", r57_resolution_match_unit(r, i),
                   r57_resolution_match_role(r, i) == R57_MATCH_LEAD ? "lead" : "coordinating",
                   r57_resolution_match_text(r, i),
                   r57_match_how_name(r57_resolution_match_how(r, i)),
                   *r57_resolution_match_note(r, i) ? ": " : "", r57_resolution_match_note(r, i));
    }
    r57_resolution_free(r);
    return 0;
}

/* ---- overdue --------------------------------------------------------------------- */

int cmd_overdue(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_date as_of;
    r57_overdue_iterator *it;
    r57_task *t;
    r57_timeliness_t state;
    int rc, count = 0;
    r57_date due;
    if (!a->as_of)
        return usage_error("overdue", "needs --as-of DATE");
    if ((rc = parse_as_of(&as_of, "overdue", a)))
        return rc;
    if (r57_overdue_iterator_new(&it, db, as_of, a->soon, a->unit, a->include_subunits) < 0)
        return fail("overdue");
    json_t *units = json_object();
    while ((rc = r57_overdue_next(&t, &state, &due, it)) == R57_OK) {
        char d[16] = "";
        r57_date_format(d, sizeof d, due);
        const char *unit = r57_task_owner_unit(t) ? r57_task_owner_unit(t) : "";
        json_t *list = json_object_get(units, unit);
        /* set_new frees list when it fails: never use it after that. */
        if (!list && json_object_set_new(units, unit, list = json_array()) < 0)
            list = NULL;
        json_t *row = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "document", r57_task_document(t),
                                "ref", r57_task_ref(t), "state", r57_timeliness_name(state), "due",
                                d, "deadline", r57_task_deadline_text(t), "owner",
                                r57_task_owner(t));
        r57_task_free(t);
        if (!list || !row || json_array_append_new(list, row) < 0) {
            r57_overdue_iterator_free(it);
            json_decref(units);
            fprintf(stderr, "r57: overdue: out of memory building the list\n");
            return EXIT_REFUSED;
        }
        count++;
    }
    r57_overdue_iterator_free(it);
    if (rc != R57_ITEROVER) {
        json_decref(units);
        return fail("overdue");
    }
    if (a->json) {
        print_json(json_pack("{s:s,s:i,s:i,s:o}", "as_of", a->as_of, "due_soon_days", a->soon,
                             "count", count, "units", units));
        return 0;
    }
    printf("as of %s (due soon: within %d days): %d tasks\n", a->as_of, a->soon, count);
    const char *unit;
    json_t *list;
    json_object_foreach(units, unit, list)
    {
        printf("\n%s\n", *unit ? unit : "(no registered lead unit)");
        size_t i;
        json_t *x;
        json_array_foreach(list, i, x)
            printf("  %-9s %-10s %s %s  (%s; %s)\n", json_string_value(json_object_get(x, "state")),
                   json_string_value(json_object_get(x, "due")),
                   json_string_value(json_object_get(x, "document")),
                   json_string_value(json_object_get(x, "ref")),
                   json_string_value(json_object_get(x, "deadline")),
                   json_string_value(json_object_get(x, "owner")));
    }
    json_decref(units);
    return 0;
}
