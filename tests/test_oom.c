/*
 * Allocation failure at every point (SQLite's own approach): for each
 * scenario, fail the 1st, 2nd, … n-th allocation (once, then from n on)
 * until the scenario runs through untouched.  Every failing run must
 * return R57_ENOMEM, leak nothing (LeakSanitizer in the sanitizer build)
 * and leave the database file exactly as the calls that succeeded left it;
 * a run that absorbed the failure must end exactly as a clean run.  Each
 * scenario is a test case of its own (a meson test oom-<name>), and prints
 * how many injection points it has.
 */
#include "helpers.h"
#include "failalloc.h"

#define EXCERPT R57_SOURCE_DIR "/docs/examples/notice-07-excerpt.json"
#define SMALL_NDJSON R57_SOURCE_DIR "/docs/examples/small.ndjson"

/* How many writing calls of the running scenario succeeded.  A scenario
 * with several stops (successfully) after its stop_after-th (-1: never),
 * which is how the database after each of its writing calls is recorded. */
static int stage;

/* ---- the scenarios ------------------------------------------------------- */

/* The task the create-tasks scenario creates: every field set. */
static r57_task_spec scenario_spec(void)
{
    static const char *const coord[] = { "MOIT", "HN" };
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "III.8";
    s.title = "Review administrative procedures";
    s.owner_unit = "MOJ";
    s.owner = "Ministry of Justice";
    s.product = "report";
    s.authority = "competent authorities";
    s.deadline = "by 15 November 2025";
    s.coordinating_units = coord;
    s.coordinating_units_count = 2;
    return s;
}

static void fill_units_and_notice(r57_db *db)
{
    add_units(db);
    add_notice(db);
}

/* Open the file, create a task with every field, change its status, read
 * it back and lint it, list the overdue tasks. */
static int run_create_tasks(const char *path, int stop_after)
{
    r57_db *db;
    r57_task *t = NULL;
    r57_verdict *v = NULL;
    r57_overdue_iterator *it = NULL;
    r57_task_spec s = scenario_spec();
    int rc = r57_open(&db, path, NULL);
    if (rc < 0)
        return rc;
    if ((rc = r57_task_create(&t, db, "secretariat", &s)) < 0)
        goto out;
    stage = 1;
    if (stop_after == 1)
        goto out;
    if ((rc = r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, D("2025-10-20"))) < 0)
        goto out;
    stage = 2;
    if ((rc = r57_linter_check(&v, NULL, t)) < 0)
        goto out;
    if ((rc = r57_overdue_iterator_new(&it, db, D("2025-12-01"), 7, "VN", 1)) < 0)
        goto out;
    r57_task *o;
    while ((rc = r57_overdue_next(&o, NULL, NULL, it)) == R57_OK)
        r57_task_free(o);
    if (rc == R57_ITEROVER)
        rc = R57_OK;
out:
    r57_overdue_iterator_free(it);
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
    return rc;
}

static void fill_nothing(r57_db *db) { (void)db; }

/* Open an empty file and import a documented example: units, a document,
 * a task (and, in the JSON one, elements, an indicator, a target and
 * values).  The NDJSON example is one batch: all of it or nothing. */
static int run_import(const char *path, int ndjson)
{
    r57_db *db;
    r57_import_report *rep = NULL;
    int rc = r57_open(&db, path, NULL);
    if (rc < 0)
        return rc;
    rc = ndjson ? r57_import_ndjson_file(&rep, db, "importer", NULL, SMALL_NDJSON)
                : r57_import_json_file(&rep, db, "importer", NULL, EXCERPT);
    if (rc == R57_OK) {
        stage = 1;
        ck_assert_uint_eq(r57_import_report_tasks(rep), 1);
        ck_assert_uint_eq(r57_import_report_units(rep), ndjson ? 2 : 3);
    }
    r57_import_report_free(rep);
    r57_close(db);
    return rc;
}

static int run_import_json(const char *path, int stop_after)
{
    (void)stop_after;
    return run_import(path, 0);
}

static int run_import_ndjson(const char *path, int stop_after)
{
    (void)stop_after;
    return run_import(path, 1);
}

/* The JSON example, an indicator with a formula over periods, and values
 * for two units and two years. */
static void fill_kpi(r57_db *db)
{
    OK(r57_import_json_file(NULL, db, "admin", NULL, EXCERPT));
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    s.code = "online_growth";
    s.name = "Growth of the procedures provided fully online";
    s.formula = "100 * (#{procedures_fully_online} - #{procedures_fully_online}[-1]) / "
                "#{procedures_fully_online}[-1]";
    OK(r57_indicator_create(db, "admin", &s));
    OK(r57_value_set(db, "moj", "procedures_total", "MOJ", "2025", 1100, "portal"));
    OK(r57_value_set(db, "moj", "procedures_fully_online", "MOJ", "2025", 770, "portal"));
    OK(r57_value_set(db, "go", "procedures_total", "GO", "2026", 300, "portal"));
    OK(r57_value_set(db, "go", "procedures_fully_online", "GO", "2026", 150, "portal"));
}

/* Evaluate KPIs (read only): one indicator for one unit, the attainment of
 * its target, a table over every unit and two years, and a formula
 * indicator; the numbers must be right whenever the calls succeed. */
static int run_kpi(const char *path, int stop_after)
{
    r57_db *db;
    r57_kpi_result *r = NULL, *g = NULL;
    r57_attainment *a = NULL;
    r57_kpi_table *t = NULL;
    (void)stop_after;
    int rc = r57_open(&db, path, NULL);
    if (rc < 0)
        return rc;
    if ((rc = r57_kpi_eval(&r, db, "full_online_procedures_share", "MOJ", "2026")) < 0)
        goto out;
    ck_assert_double_eq(r57_kpi_result_value(r), 80.0);
    if ((rc = r57_attainment_get(&a, db, "full_online_procedures_share", "VN", "2026")) < 0)
        goto out;
    /* VN rolls up MOJ and GO: (960 + 150) / (1200 + 300). */
    ck_assert_double_eq_tol(r57_attainment_value(a), 74.0, 1e-9);
    if ((rc = r57_kpi_table_eval(&t, db, "full_online_procedures_share", NULL, "2025..2026")) < 0)
        goto out;
    ck_assert_uint_eq(r57_kpi_table_count(t), 6);
    if ((rc = r57_kpi_eval(&g, db, "online_growth", "MOJ", "2026")) < 0)
        goto out;
    ck_assert_double_eq_tol(r57_kpi_result_value(g), 100.0 * (960 - 770) / 770.0, 1e-9);
out:
    r57_kpi_result_free(r);
    r57_kpi_result_free(g);
    r57_attainment_free(a);
    r57_kpi_table_free(t);
    r57_close(db);
    return rc;
}

static void fill_example(r57_db *db)
{
    OK(r57_import_json_file(NULL, db, "admin", NULL, EXCERPT));
}

/* What the first (clean) run of the export scenario gave; every later
 * run that succeeds must give the same bytes. */
static char *clean_json, *clean_ndjson;

/* Export (read only) as one JSON document and as NDJSON. */
static int run_export(const char *path, int stop_after)
{
    r57_db *db;
    char *json = NULL, *ndjson = NULL;
    r57_export_options o = R57_EXPORT_OPTIONS_INIT;
    o.ndjson = 1;
    (void)stop_after;
    int rc = r57_open(&db, path, NULL);
    if (rc < 0)
        return rc;
    if ((rc = r57_export_string(&json, db, NULL)) == R57_OK &&
        (rc = r57_export_string(&ndjson, db, &o)) == R57_OK) {
        if (!clean_json) {
            ck_assert_ptr_nonnull(strstr(json, "\"full_online_procedures_share\""));
            char header[64];
            snprintf(header, sizeof header, "{\"format\":\"libr57-ndjson\",\"version\":%d}\n",
                     R57_FORMAT_VERSION);
            ck_assert_ptr_nonnull(strstr(ndjson, header));
            clean_json = strdup(json);
            clean_ndjson = strdup(ndjson);
        }
        ck_assert_str_eq(json, clean_json);
        ck_assert_str_eq(ndjson, clean_ndjson);
    }
    r57_free(json);
    r57_free(ndjson);
    r57_close(db);
    return rc;
}

/* The units, the notice and task III.8 led by MOJ, submitted. */
static void fill_task(r57_db *db)
{
    r57_task *t;
    r57_task_spec s = scenario_spec();
    fill_units_and_notice(db);
    OK(r57_task_create(&t, db, "secretariat", &s));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, D("2025-10-20")));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_SUBMITTED, D("2025-11-10")));
    r57_task_free(t);
}

/* Report progress on III.8, submit evidence of its product, have another
 * actor verify it, and close the task (done needs verified evidence);
 * then read the evidence back. */
static int run_evidence(const char *path, int stop_after)
{
    r57_db *db;
    r57_task *t = NULL;
    r57_evidence *e = NULL;
    int64_t progress = 0, id = 0;
    r57_evidence_spec spec = R57_EVIDENCE_SPEC_INIT;
    spec.title = "Report on the review of administrative procedures";
    spec.document_number = "123/BC-BTP";
    spec.document_date = D("2025-11-10");
    spec.document_issuer = "Ministry of Justice";
    int rc = r57_open(&db, path, NULL);
    if (rc < 0)
        return rc;
    if ((rc = r57_task_get(&t, db, "07-TB/CQTTBCD", "III.8")) < 0 ||
        (rc = r57_progress_report(&progress, db, "moj", t, 100, "all procedures reviewed",
                                  D("2025-11-10"), NULL)) < 0)
        goto out;
    stage = 1;
    spec.progress = progress;
    if (stop_after == 1 || (rc = r57_evidence_submit(&id, db, "moj", t, &spec)) < 0)
        goto out;
    stage = 2;
    if (stop_after == 2 || (rc = r57_evidence_verify(db, "secretariat", id)) < 0)
        goto out;
    stage = 3;
    if (stop_after == 3 ||
        (rc = r57_task_set_status(db, "moj", t, R57_STATUS_DONE, D("2025-11-12"))) < 0)
        goto out;
    stage = 4;
    if ((rc = r57_evidence_get(&e, db, id)) < 0)
        goto out;
    ck_assert_int_eq(r57_evidence_status(e), R57_EVIDENCE_VERIFIED);
out:
    r57_evidence_free(e);
    r57_task_free(t);
    r57_close(db);
    return rc;
}

/* Two tasks, status changes and units: a journal of chained entries. */
static void fill_journal(r57_db *db)
{
    r57_task_spec s = scenario_spec();
    fill_task(db);
    s.ref = "III.9";
    s.deadline = "quarterly";
    OK(r57_task_create(NULL, db, "secretariat", &s));
    OK(r57_unit_create(db, "admin", "HN-HK", "Hoan Kiem ward", R57_UNIT_COMMUNE, "HN"));
}

/* Verify the journal chain (read only) and read the entries of a task. */
static int run_journal(const char *path, int stop_after)
{
    r57_db *db;
    r57_journal_report *rep = NULL;
    r57_journal_iterator *it = NULL;
    r57_journal_entry *e;
    int n = 0;
    (void)stop_after;
    int rc = r57_open(&db, path, NULL);
    if (rc < 0)
        return rc;
    if ((rc = r57_journal_verify(&rep, db, NULL)) < 0)
        goto out;
    ck_assert_int_eq(r57_journal_report_problem(rep), R57_JOURNAL_INTACT);
    if ((rc = r57_journal_iterator_new(&it, db, "task", "07-TB/CQTTBCD#III.8")) < 0)
        goto out;
    while ((rc = r57_journal_next(&e, it)) == R57_OK) {
        ck_assert_ptr_nonnull(r57_journal_entry_hash(e));
        r57_journal_entry_free(e);
        n++;
    }
    if (rc == R57_ITEROVER) {
        rc = R57_OK;
        ck_assert_int_eq(n, 3); /* created, in progress, submitted */
    }
out:
    r57_journal_iterator_free(it);
    r57_journal_report_free(rep);
    r57_close(db);
    return rc;
}

typedef struct scenario {
    const char *name;                  /* its test case, and meson test oom-<name> */
    void (*fill)(r57_db *db);          /* the database it starts from */
    int (*run)(const char *path, int stop_after);
    int writes;                        /* its writing calls (the stages it passes) */
    long min_points;                   /* injection points it has at least */
} scenario;

static const scenario scenarios[] = {
    { "create_tasks", fill_units_and_notice, run_create_tasks, 2, 1000 },
    { "import_json", fill_nothing, run_import_json, 1, 1000 },
    { "import_ndjson", fill_nothing, run_import_ndjson, 1, 500 },
    { "kpi", fill_kpi, run_kpi, 0, 500 },
    { "export", fill_example, run_export, 0, 200 },
    { "evidence", fill_task, run_evidence, 4, 500 },
    { "journal", fill_journal, run_journal, 0, 200 },
};

/* ---- the harness --------------------------------------------------------- */

/* Lays the scenario's starting database at path: built once into a
 * template, then copied (a closed WAL database is a single file). */
static void fresh(const scenario *sc, char *template_path, size_t size, const char *path)
{
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    remove(wal);
    if (!*template_path) {
        r57_db *db;
        temp_path(template_path, size, "oom-template.r57");
        OK(r57_open(&db, template_path, NULL));
        sc->fill(db);
        r57_close(db);
    }
    copy_file(template_path, path);
}

static void run_injection(const scenario *sc, int after)
{
    char path[512], template_path[512] = "";
    char *stage_dump[8];
    ck_assert_int_lt(sc->writes, 8);
    temp_path(path, sizeof path, after ? "oom-after.r57" : "oom-once.r57");

    /* The file after each writing call of a run without failures (the
     * last one a whole run, which read-only scenarios also do once). */
    for (int k = 0; k <= sc->writes; k++) {
        fresh(sc, template_path, sizeof template_path, path);
        stage = 0;
        if (k == sc->writes)
            OK(sc->run(path, -1));
        else if (k > 0)
            OK(sc->run(path, k));
        stage_dump[k] = dump_file(path);
    }
    fresh(sc, template_path, sizeof template_path, path);

    long n;
    int failures = 0, absorbed = 0;
    for (n = 1; n < 1000000; n++) {
        failalloc_arm(n, after);
        stage = 0;
        int rc = sc->run(path, -1);
        long used = failalloc_count;
        failalloc_arm(0, 0);
        if (rc == R57_OK && used < n)
            break; /* ran through without reaching the injection point */
        char *now = dump_file(path);
        if (rc < 0) {
            failures++;
            ck_assert_msg(rc == R57_ENOMEM, "%s, allocation %ld: got %s: %s", sc->name, n,
                          r57_err_name(rc), r57_error_message(r57_error_last()));
            /* Exactly the calls that succeeded are stored, nothing of the
             * one that failed. */
            ck_assert_msg(strcmp(stage_dump[stage], now) == 0,
                          "%s, allocation %ld: database differs from stage %d", sc->name, n, stage);
        } else {
            absorbed++;
            ck_assert_msg(strcmp(stage_dump[sc->writes], now) == 0,
                          "%s, allocation %ld: absorbed, but the database differs from a clean run",
                          sc->name, n);
        }
        free(now);
        fresh(sc, template_path, sizeof template_path, path);
    }
    printf("oom %s %s: %ld injection points, %d failed cleanly with R57_ENOMEM, %d absorbed\n",
           sc->name, after ? "from-n-on" : "once", n - 1, failures, absorbed);
    fflush(stdout);
    ck_assert_int_ge(n - 1, sc->min_points);
    for (int k = 0; k <= sc->writes; k++)
        free(stage_dump[k]);
    free(clean_json);
    free(clean_ndjson);
    clean_json = clean_ndjson = NULL;
    remove(path);
    remove(template_path);
}

/* Loop index: scenario * 2 + mode (0: fail once, 1: fail from n on). */
START_TEST(test_oom_scenario__fail_once_then_from_n_on)
{
    run_injection(&scenarios[_i / 2], _i % 2);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("oom");
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        /* One test case per scenario, so CK_RUN_CASE runs one of them. */
        TCase *tc = tcase_create(scenarios[i].name);
        tcase_set_timeout(tc, 600);
        tcase_add_loop_test(tc, test_oom_scenario__fail_once_then_from_n_on, (int)i * 2,
                            (int)i * 2 + 2);
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void)
{
    /* Before anything else: the allocator routes SQLite's and jansson's. */
    if (failalloc_install() != R57_OK)
        return EXIT_FAILURE;
    return run_suite(suite());
}
