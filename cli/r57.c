/*
 * r57 — the command-line face of libr57: a thin layer over the public C
 * API (every decision is the library's; this file parses arguments and
 * prints).  `r57 --help` and `r57 COMMAND --help` describe the commands.
 *
 * Exit codes: 0 success; 1 bad usage (unknown command or option, missing or
 * malformed argument); 2 the library refused the work (the message names
 * the input and what is wrong); 3 a file could not be read or written;
 * 4 `verify` found the journal or an evidence file changed.
 */
#include <r57.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_USAGE 1
#define EXIT_REFUSED 2
#define EXIT_IO 3
#define EXIT_TAMPERED 4

static const char *const usage =
    "usage: r57 COMMAND DB [options]\n"
    "\n"
    "commands:\n"
    "  init DB                         create a libr57 database\n"
    "  load-units DB                   load the registry of Vietnam's units (built in)\n"
    "  import DB FILE                  import a JSON or NDJSON export, a catalogue\n"
    "                                  (format libr57-catalogue) or a CSV task sheet\n"
    "  export DB                       write the database as JSON (or NDJSON)\n"
    "  lint DB                         the 6 clear verdict of every task\n"
    "  overdue DB --as-of DATE         overdue and due-soon tasks, by unit\n"
    "  kpi DB                          indicator values, targets, attainment\n"
    "  scorecard DB --unit CODE --period P   a unit's scorecard and rating\n"
    "  verify DB                       the journal's hash chain and evidence files\n"
    "  report DB --out DIR             the public report: a static site and JSON\n"
    "  resolve DB TEXT                 what an owner or authority text names, and why\n"
    "  resolve-tasks DB                resolve the tasks' texts again (after load-units)\n"
    "  rule DB TEXT                    the accountability rule (\"implied\" accountability)\n"
    "  assign-each DB --document N --ref R   one sub-task per unit of a joint or group owner\n"
    "\n"
    "Run `r57 COMMAND --help` for a command's options.  Exit codes: 0 success,\n"
    "1 bad usage, 2 the library refused the input (the message says why),\n"
    "3 a file could not be read or written, 4 verify found tampering.\n"
    "Writing commands act as --actor NAME (default: $R57_ACTOR, else r57-cli).\n";

typedef struct args {
    int json;
    const char *as_of, *unit, *period, *document, *out, *parent, *actor, *anchor, *title, *file, *ref, *group;
    int soon, create_units, ignore_unknown, ndjson, include_subunits, include_rejected, list, strict;
    long batch, start_line;
} args;

static int fail(const char *what)
{
    const r57_error *e = r57_error_last();
    int code = r57_error_code(e);
    fprintf(stderr, "r57: %s: %s (%s)\n", what, r57_error_message(e), r57_err_name(code));
    return code == R57_EIO ? EXIT_IO : EXIT_REFUSED;
}

static int bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "r57: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see r57 --help)\n");
    return EXIT_USAGE;
}

/* Options common to the commands; each command says which it takes. */
static int parse_options(args *a, int argc, char **argv, const char *allowed)
{
    memset(a, 0, sizeof *a);
    a->soon = 7;
    a->include_subunits = 1;
    a->actor = getenv("R57_ACTOR") && *getenv("R57_ACTOR") ? getenv("R57_ACTOR") : "r57-cli";
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKES(name) (strcmp(o, name) == 0 && strstr(allowed, name " "))
        if (TAKES("--json")) {
            a->json = 1;
        } else if (TAKES("--ndjson")) {
            a->ndjson = 1;
        } else if (TAKES("--create-units")) {
            a->create_units = 1;
        } else if (TAKES("--strict")) {
            a->strict = 1;
        } else if (TAKES("--list")) {
            a->list = 1;
        } else if (TAKES("--ignore-unknown")) {
            a->ignore_unknown = 1;
        } else if (TAKES("--own-only")) {
            a->include_subunits = 0;
        } else if (TAKES("--include-rejected")) {
            a->include_rejected = 1;
        } else if (TAKES("--as-of") || TAKES("--unit") || TAKES("--period") ||
                   TAKES("--document") || TAKES("--out") || TAKES("--parent") ||
                   TAKES("--soon") || TAKES("--batch") || TAKES("--start-line") ||
                   TAKES("--actor") || TAKES("--anchor") || TAKES("--title") || TAKES("--file") ||
                   TAKES("--ref") || TAKES("--group")) {
            if (!value)
                return bad_usage("option %s needs a value", o);
            if (strcmp(o, "--as-of") == 0) a->as_of = value;
            else if (strcmp(o, "--unit") == 0) a->unit = value;
            else if (strcmp(o, "--period") == 0) a->period = value;
            else if (strcmp(o, "--document") == 0) a->document = value;
            else if (strcmp(o, "--out") == 0) a->out = value;
            else if (strcmp(o, "--parent") == 0) a->parent = value;
            else if (strcmp(o, "--actor") == 0) a->actor = value;
            else if (strcmp(o, "--file") == 0) a->file = value;
            else if (strcmp(o, "--ref") == 0) a->ref = value;
            else if (strcmp(o, "--group") == 0) a->group = value;
            else if (strcmp(o, "--anchor") == 0) a->anchor = value;
            else if (strcmp(o, "--title") == 0) a->title = value;
            else {
                char *end;
                long v = strtol(value, &end, 10);
                if (*end || v < 0)
                    return bad_usage("option %s needs a whole number", o);
                if (strcmp(o, "--soon") == 0) a->soon = (int)v;
                else if (strcmp(o, "--batch") == 0) a->batch = v;
                else a->start_line = v;
            }
            i++;
        } else {
            return bad_usage("unknown option '%s'", o);
        }
#undef TAKES
    }
    return 0;
}

static int open_db(r57_db **db, const char *path, int must_exist)
{
    r57_open_options o = R57_OPEN_OPTIONS_INIT;
    if (must_exist)
        o.flags = R57_OPEN_NOCREATE;
    return r57_open(db, path, &o) < 0 ? fail("opening the database") : 0;
}

static void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(j);
}

/* ---- import / export ----------------------------------------------------------- */

/* A progress bar on a terminal, for long loads. */
static int show_progress(uint64_t items, uint64_t bytes, void *payload)
{
    long total = *(long *)payload;
    if (total > 0)
        fprintf(stderr, "\r  %llu items, %3.0f%%", (unsigned long long)items,
                100.0 * (double)bytes / (double)total);
    else
        fprintf(stderr, "\r  %llu items", (unsigned long long)items);
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int is_catalogue(const char *path)
{
    char head[512] = "";
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, sizeof head - 1, f);
    head[n] = '\0';
    fclose(f);
    return strstr(head, "\"libr57-catalogue\"") != NULL;
}

/* A CSV sheet of reported figures has a "value" column; a task sheet not. */
static int is_values_sheet(const char *path)
{
    char head[1024] = "";
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    if (!fgets(head, sizeof head, f))
        head[0] = '\0';
    fclose(f);
    head[strcspn(head, "\r\n")] = '\0';
    for (char *save = NULL, *tok = strtok_r(head, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        if (strcmp(tok, "value") == 0)
            return 1;
    return 0;
}

static int cmd_import(r57_db *db, const char *file, const args *a)
{
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    r57_import_report *rep = NULL;
    long total = 0;
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "r57: import: cannot read '%s'\n", file);
        return EXIT_IO;
    }
    fseek(f, 0, SEEK_END);
    total = ftell(f);
    fclose(f);
    o.unknown_fields = a->ignore_unknown ? R57_UNKNOWN_IGNORE : R57_UNKNOWN_REFUSE;
    if (a->create_units && a->strict) {
        fprintf(stderr, "r57: import: --create-units and --strict exclude each other\n");
        return EXIT_USAGE;
    }
    o.create_units = a->create_units;
    o.strict_units = a->strict;
    o.parent_unit = a->parent;
    o.batch_size = (uint64_t)a->batch;
    o.start_line = (uint64_t)(a->start_line ? a->start_line : 1);
    if (isatty(STDERR_FILENO)) {
        o.progress = show_progress;
        o.progress_payload = &total;
    }
    int rc;
    if (ends_with(file, ".csv") && is_values_sheet(file))
        rc = r57_import_csv_values(&rep, db, a->actor, &o, file);
    else if (ends_with(file, ".csv"))
        rc = r57_import_csv_tasks(&rep, db, a->actor, &o, file);
    else if (ends_with(file, ".ndjson"))
        rc = r57_import_ndjson_file(&rep, db, a->actor, &o, file);
    else if (is_catalogue(file))
        rc = r57_catalogue_load(db, a->actor, file);
    else
        rc = r57_import_json_file(&rep, db, a->actor, &o, file);
    if (o.progress)
        fputc('\n', stderr);
    if (rc < 0) {
        if (rep && ends_with(file, ".ndjson"))
            fprintf(stderr, "r57: lines up to %llu are committed; fix the line and resume with "
                            "--start-line %llu\n",
                    (unsigned long long)r57_import_report_last_line(rep),
                    (unsigned long long)r57_import_report_last_line(rep) + 1);
        r57_import_report_free(rep);
        return fail("import");
    }
    if (a->json) {
        json_t *j = json_pack("{s:s}", "file", file);
        if (rep) {
            json_object_set_new(j, "units", json_integer((json_int_t)r57_import_report_units(rep)));
            json_object_set_new(j, "documents", json_integer((json_int_t)r57_import_report_documents(rep)));
            json_object_set_new(j, "tasks", json_integer((json_int_t)r57_import_report_tasks(rep)));
            json_object_set_new(j, "values", json_integer((json_int_t)r57_import_report_values(rep)));
            json_object_set_new(j, "other", json_integer((json_int_t)r57_import_report_other(rep)));
            json_t *created = json_array();
            for (size_t i = 0; i < r57_import_report_created_unit_count(rep); i++)
                json_array_append_new(created, json_string(r57_import_report_created_unit(rep, i)));
            json_object_set_new(j, "units_created", created);
        } else {
            json_object_set_new(j, "catalogue", json_true());
        }
        print_json(j);
    } else if (rep) {
        printf("imported %s: %llu units, %llu documents, %llu tasks, %llu values, %llu other\n",
               file, (unsigned long long)r57_import_report_units(rep),
               (unsigned long long)r57_import_report_documents(rep),
               (unsigned long long)r57_import_report_tasks(rep),
               (unsigned long long)r57_import_report_values(rep),
               (unsigned long long)r57_import_report_other(rep));
        for (size_t i = 0; i < r57_import_report_created_unit_count(rep); i++)
            printf("  unit created: %s\n", r57_import_report_created_unit(rep, i));
    } else {
        printf("loaded catalogue %s\n", file);
    }
    r57_import_report_free(rep);
    return 0;
}

/* ---- the registry of units ------------------------------------------------------ */

static int cmd_load_units(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_import_report *rep = NULL;
    if (r57_unit_registry_load(&rep, db, a->actor, a->file) < 0)
        return fail("load-units");
    const char *from = a->file ? a->file : "the built-in registry (data/units_vn.csv)";
    unsigned long long created = r57_import_report_units(rep),
                       changed = r57_import_report_other(rep);
    if (a->json) {
        json_t *list = json_array();
        for (size_t i = 0; i < r57_import_report_created_unit_count(rep); i++)
            json_array_append_new(list, json_string(r57_import_report_created_unit(rep, i)));
        print_json(json_pack("{s:s,s:I,s:I,s:o}", "from", from, "units_created",
                             (json_int_t)created, "changes", (json_int_t)changed,
                             "created", list));
    } else if (created == 0 && changed == 0) {
        printf("loaded %s: every unit and name was there already\n", from);
    } else {
        printf("loaded %s: %llu units created, %llu names or units changed\n", from, created,
               changed);
    }
    r57_import_report_free(rep);
    return 0;
}

static int write_stdout(const char *data, size_t len, void *payload)
{
    (void)payload;
    return fwrite(data, 1, len, stdout) == len ? 0 : R57_EIO;
}

static int cmd_export(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_export_options o = R57_EXPORT_OPTIONS_INIT;
    o.unit = a->unit;
    o.document = a->document;
    o.period = a->period;
    o.ndjson = a->ndjson;
    int rc = a->out ? r57_export_file(db, &o, a->out) : r57_export(db, &o, write_stdout, NULL);
    return rc < 0 ? fail("export") : 0;
}

/* ---- lint ------------------------------------------------------------------------ */

static int cmd_lint(r57_db *db, const char *arg, const args *a)
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
        if (r57_lint_task(&v, NULL, t) < 0) {
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
        json_array_append_new(tasks, json_pack("{s:s,s:s,s:b,s:o}", "document", r57_task_document(t),
                                               "ref", r57_task_ref(t), "clear",
                                               r57_verdict_is_clear(v), "fields", fields));
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
        print_json(json_pack("{s:i,s:i,s:o}", "tasks_total", total, "tasks_clear", clear, "tasks",
                             tasks));
    else {
        json_decref(tasks);
        printf("\n%d tasks, %d fully 6-clear\n", total, clear);
    }
    return 0;
}

static int cmd_init(r57_db *db, const char *arg, const args *a)
{
    (void)a;
    printf("database %s (schema %d)\n", arg, r57_db_schema_version(db));
    return 0;
}

static int cmd_resolve_tasks(r57_db *db, const char *arg, const args *a)
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

static int cmd_assign_each(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    if (!a->document || !a->ref) {
        fprintf(stderr, "r57: assign-each needs --document NUMBER and --ref REF\n");
        return EXIT_USAGE;
    }
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

static int cmd_rule(r57_db *db, const char *rule, const args *a)
{
    if (r57_accountability_rule_set(db, a->actor, a->document, *rule ? rule : NULL) < 0)
        return fail("rule");
    if (!a->json)
        printf("accountability rule of %s%s: %s\n", a->document ? "document " : "the database",
               a->document ? a->document : "", *rule ? rule : "(none)");
    return 0;
}

/* ---- what a text names ------------------------------------------------------------ */

static int cmd_resolve(r57_db *db, const char *text, const args *a)
{
    r57_resolution *r;
    if (r57_resolve(&r, db, text, a->list ? R57_RESOLVE_LIST : R57_RESOLVE_LEAD, R57_DATE_NONE) < 0)
        return fail("resolve");
    if (a->json) {
        json_t *ms = json_array();
        for (size_t i = 0; i < r57_resolution_match_count(r); i++)
            json_array_append_new(
                ms, json_pack("{s:s,s:s,s:s,s:s,s:s}", "unit", r57_resolution_match_unit(r, i),
                              "text", r57_resolution_match_text(r, i), "role",
                              r57_resolution_match_role(r, i) == R57_MATCH_LEAD ? "lead"
                                                                                : "coordinating",
                              "how", r57_match_how_name(r57_resolution_match_how(r, i)), "note",
                              r57_resolution_match_note(r, i)));
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

static int cmd_overdue(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_date as_of;
    r57_overdue_iterator *it;
    r57_task *t;
    int state, rc, count = 0;
    r57_date due;
    if (!a->as_of)
        return bad_usage("overdue needs --as-of DATE%s", "");
    if (r57_date_parse(&as_of, a->as_of) < 0) {
        fprintf(stderr, "r57: --as-of: %s\n", r57_error_message(r57_error_last()));
        return EXIT_USAGE;
    }
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
                                "ref", r57_task_ref(t), "state", r57_timeliness_name(state),
                                "due", d, "deadline", r57_task_deadline_text(t), "owner",
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
    json_object_foreach(units, unit, list) {
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

/* ---- kpi -------------------------------------------------------------------------- */

static json_t *number_or_null(double v, int has)
{
    return has ? json_real(v) : json_null();
}

static int cmd_kpi(r57_db *db, const char *arg, const args *a)
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
            json_object_set_new(j, "comparison", json_string(r57_comparison_name(r57_attainment_comparison(at))));
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

static int parse_as_of(const args *a, r57_date *out)
{
    *out = R57_DATE_NONE;
    if (a->as_of && r57_date_parse(out, a->as_of) < 0) {
        fprintf(stderr, "r57: --as-of: %s\n(see r57 --help)\n", r57_error_message(r57_error_last()));
        return EXIT_USAGE;
    }
    return 0;
}

static int cmd_scorecard(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_date as_of;
    r57_scorecard *s;
    int rc;
    if (!a->unit || !a->period)
        return bad_usage("scorecard needs --unit CODE and --period P%s", "");
    if ((rc = parse_as_of(a, &as_of)))
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
        json_array_append_new(keys, json_pack("{s:s,s:s,s:s,s:s}", "document",
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
                             "rating", rating >= 0 ? json_string(r57_rating_name(rating)) : json_null(),
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
                    int matches = 0;
                    json_t *j = json_pack("{s:I,s:s,s:s,s:s}", "evidence",
                                          (json_int_t)r57_evidence_id(e), "document",
                                          r57_task_document(t), "ref", r57_task_ref(t), "uri",
                                          r57_evidence_uri(e) ? r57_evidence_uri(e) : "");
                    (*checked)++;
                    if (r57_evidence_recheck(&matches, db, r57_evidence_id(e), NULL) < 0) {
                        json_object_set_new(j, "error", json_string(r57_error_message(r57_error_last())));
                        json_array_append_new(unreadable, j);
                    } else if (!matches) {
                        json_object_set_new(j, "message", json_string(r57_error_message(r57_error_last())));
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

static int cmd_verify(r57_db *db, const char *arg, const args *a)
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
        print_json(json_pack("{s:{s:s,s:I,s:I,s:s,s:s},s:{s:I,s:o,s:o},s:b}", "journal",
                             "problem", r57_journal_problem_name(problem), "seq",
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
            printf("  changed: %s\n", json_string_value(json_object_get(json_array_get(changed, i), "message")));
        for (size_t i = 0; i < json_array_size(unreadable); i++)
            printf("  unreadable: %s\n", json_string_value(json_object_get(json_array_get(unreadable, i), "error")));
        json_decref(changed);
        json_decref(unreadable);
    }
    r57_journal_report_free(r);
    return bad ? EXIT_TAMPERED : 0;
}

/* ---- report ---------------------------------------------------------------------- */

static int cmd_report(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_report_options o = R57_REPORT_OPTIONS_INIT;
    int rc;
    if (!a->out)
        return bad_usage("report needs --out DIR%s", "");
    if ((rc = parse_as_of(a, &o.as_of)))
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

/* ---- main ------------------------------------------------------------------------ */

/* The commands: name, the options each takes, its help, whether it takes
 * an argument after DB (a file, a text), whether it may create the
 * database, and what runs it. */
static const struct {
    const char *name, *options, *help;
    int needs_file, creates;
    int (*run)(r57_db *db, const char *arg, const args *a);
} commands[] = {
    { "init", "", "r57 init DB\n  Creates a libr57 database (an existing one is left as it is).\n", 0, 1, cmd_init },
    { "load-units", "--file --actor --json ",
      "r57 load-units DB [--file FILE] [--actor NAME] [--json]\n"
      "  Loads the registry of Vietnam's units built into the library (ministries\n"
      "  from 1 March 2025, the 34 provinces and cities from 1 July 2025, their\n"
      "  names, aliases and predecessors), or a sheet with the same columns (a\n"
      "  province's communes).  Loading again changes nothing.\n", 0, 1, cmd_load_units },
    { "import", "--create-units --strict --parent --ignore-unknown --batch --start-line --actor --json ",
      "r57 import DB FILE [--create-units | --strict] [--parent CODE] [--ignore-unknown]\n"
      "                   [--batch N] [--start-line N] [--actor NAME] [--json]\n"
      "  FILE.csv: a task sheet; its lead, coordinating and authority texts are\n"
      "  resolved against the registry (r57 load-units).  A text that names a body\n"
      "  not in the registry is kept as written for the lint; --strict refuses the\n"
      "  sheet instead, --create-units registers a lead, or a ';'-separated\n"
      "  coordinating body, that names one body (under --parent; never a joint or\n"
      "  collective text).  FILE.ndjson: NDJSON (batches of --batch lines; resume\n"
      "  with --start-line); FILE.json: an export, or a catalogue.  A CSV with a\n"
      "  value column is a sheet of reported figures (indicator or element, scope\n"
      "  or unit_code, period, value, source).\n", 1, 1, cmd_import },
    { "export", "--unit --document --period --ndjson --out ",
      "r57 export DB [--unit CODE] [--document NUMBER] [--period P] [--ndjson] [--out FILE]\n", 0, 0, cmd_export },
    { "lint", "--document --unit --own-only --json ",
      "r57 lint DB [--document NUMBER] [--unit CODE [--own-only]] [--json]\n", 0, 0, cmd_lint },
    { "overdue", "--as-of --soon --unit --own-only --json ",
      "r57 overdue DB --as-of DATE [--soon DAYS] [--unit CODE [--own-only]] [--json]\n", 0, 0, cmd_overdue },
    { "kpi", "--unit --period --json ",
      "r57 kpi DB [--unit CODE] [--period P] [--json]\n"
      "  Every indicator's value, target and attainment for a unit (default: the\n"
      "  first root unit) and a period (default: this year).\n", 0, 0, cmd_kpi },
    { "scorecard", "--unit --period --as-of --own-only --json ",
      "r57 scorecard DB --unit CODE --period P [--as-of DATE] [--own-only] [--json]\n"
      "  Tasks due in the period (on time, late, overdue, pending), key tasks\n"
      "  unfinished, KPI targets met, and the rating with its reason.\n", 0, 0, cmd_scorecard },
    { "verify", "--anchor --json ",
      "r57 verify DB [--anchor HASH] [--json]\n"
      "  Walks the journal's hash chain (and checks that the anchor, a head hash\n"
      "  published earlier, is still in it) and re-hashes every evidence file.\n"
      "  Exit 4 if anything was changed.\n", 0, 0, cmd_verify },
    { "report", "--out --as-of --period --title --soon --include-rejected --json ",
      "r57 report DB --out DIR [--as-of DATE] [--period P] [--title TEXT]\n"
      "                        [--soon DAYS] [--include-rejected] [--json]\n"
      "  The public report: DIR/index.html, a page per unit, DIR/report.json.\n", 0, 0, cmd_report },
    { "resolve", "--list --json ",
      "r57 resolve DB TEXT [--list] [--json]\n"
      "  What an owner, authority or (--list) coordinating text names: one unit\n"
      "  (by name, abbreviation or old name), a person, joint leads, a class of\n"
      "  bodies, a body not in the registry; and why.\n", 1, 0, cmd_resolve },
    { "resolve-tasks", "--document --actor --json ",
      "r57 resolve-tasks DB [--document NUMBER] [--actor NAME] [--json]\n"
      "  Resolves the texts of the tasks again (after load-units, or new words):\n"
      "  owner, authority and coordinating units follow what the texts name.\n", 0, 0,
      cmd_resolve_tasks },
    { "assign-each", "--document --ref --group --actor --json ",
      "r57 assign-each DB --document NUMBER --ref REF [--group central|local] [--actor NAME]\n"
      "  Splits a task whose owner is joint (\"A và B\") or a level (\"các tỉnh, thành\n"
      "  phố\") into one sub-task per unit (REF/CODE), each in its unit's scorecard.\n", 0, 0,
      cmd_assign_each },
    { "rule", "--document --actor --json ",
      "r57 rule DB TEXT [--document NUMBER] [--actor NAME]\n"
      "  Sets the accountability rule of the database (or of a document), e.g.\n"
      "  \"the head of the lead unit answers\": an accountability that is not\n"
      "  written is then \"implied\" instead of \"missing\".  TEXT \"\" removes it.\n", 1, 0,
      cmd_rule },
};

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("r57 %s\n", r57_version());
        return 0;
    }
    size_t c = 0;
    while (c < sizeof commands / sizeof commands[0] && strcmp(commands[c].name, argv[1]) != 0)
        c++;
    if (c == sizeof commands / sizeof commands[0])
        return bad_usage("unknown command '%s'", argv[1]);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0) {
            fputs(commands[c].help, stdout);
            return 0;
        }
    int fixed = 1 + commands[c].needs_file;
    if (argc < 2 + fixed)
        return bad_usage("%s", commands[c].help);
    const char *path = argv[2];
    args a;
    int rc = parse_options(&a, argc - 2 - fixed, argv + 2 + fixed, commands[c].options);
    if (rc)
        return rc;
    r57_db *db;
    if ((rc = open_db(&db, path, !commands[c].creates)))
        return rc;
    rc = commands[c].run(db, c == 0 ? path : commands[c].needs_file ? argv[3] : NULL, &a);
    r57_close(db);
    return rc;
}
