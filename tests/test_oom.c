/*
 * Allocation failure at every point (SQLite's own approach): for each
 * scenario, fail the 1st, 2nd, … n-th allocation (once, then from n on)
 * until the scenario runs through untouched.  Every failing run must
 * return R57_ENOMEM (or succeed, when the failure was absorbed), leak
 * nothing (LeakSanitizer in the sanitizer build) and leave the database
 * file exactly as it was.
 */
#include "helpers.h"
#include "failalloc.h"

/* How many writing calls of the scenario succeeded. */
static int stage;
static char *stage_dump[3];

/* The task the scenario creates: every field set. */
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

/* The scenario: open the file, create a task with every field, change
 * its status, read it back and lint it, list the overdue tasks. */
static int scenario(const char *path)
{
    stage = 0;
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
    if ((rc = r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, D("2025-10-20"))) < 0)
        goto out;
    stage = 2;
    if ((rc = r57_lint_task(&v, NULL, t)) < 0)
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

static char template_path[512];

static void copy_file(const char *from, const char *to)
{
    char buf[1 << 15];
    size_t n;
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    ck_assert(in && out);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

/* A database with the units and the notice: built once, then copied (a
 * closed WAL database is a single file). */
static void fresh(const char *path)
{
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    remove(wal);
    if (!*template_path) {
        r57_db *db;
        temp_path(template_path, sizeof template_path, "oom-template.r57");
        OK(r57_open(&db, template_path, NULL));
        add_units(db);
        add_notice(db);
        r57_close(db);
    }
    copy_file(template_path, path);
}

/* The file after each stage of a run without failures. */
static void record_stages(const char *path)
{
    r57_db *db;
    fresh(path);
    stage_dump[0] = dump_file(path);
    OK(scenario(path));
    stage_dump[2] = dump_file(path);
    /* Stage 1 is stage 2 with the status change undone. */
    fresh(path);
    OK(r57_open(&db, path, NULL));
    r57_task_spec s = scenario_spec();
    OK(r57_task_create(NULL, db, "secretariat", &s));
    r57_close(db);
    stage_dump[1] = dump_file(path);
}

static void run_injection(int after)
{
    char path[512];
    temp_path(path, sizeof path, after ? "oom-after.r57" : "oom-once.r57");
    record_stages(path);
    fresh(path);

    OK(failalloc_install());
    long n;
    int failures = 0;
    for (n = 1; n < 100000; n++) {
        failalloc_arm(n, after);
        int rc = scenario(path);
        long used = failalloc_count;
        failalloc_arm(0, 0);
        if (rc == R57_OK && used < n)
            break; /* ran through without reaching the injection point */
        char *now = dump_file(path);
        if (rc < 0) {
            failures++;
            ck_assert_msg(rc == R57_ENOMEM, "allocation %ld: got %s: %s", n, r57_err_name(rc),
                          r57_error_message(r57_error_last()));
            /* Exactly the calls that succeeded are stored, nothing of the
             * one that failed. */
            ck_assert_msg(strcmp(stage_dump[stage], now) == 0,
                          "allocation %ld: database differs from stage %d", n, stage);
        }
        free(now);
        fresh(path);
    }
    printf("oom %s: %ld injection points, %d failed cleanly with R57_ENOMEM\n",
           after ? "from-n-on" : "once", n - 1, failures);
    ck_assert_int_gt(n, 50);
    OK(r57_allocator_set(NULL));
    for (int i = 0; i < 3; i++)
        free(stage_dump[i]);
    remove(path);
    remove(template_path);
    template_path[0] = '\0';
}

START_TEST(test_oom_scenario__fail_once)
{
    run_injection(0);
}
END_TEST

START_TEST(test_oom_scenario__fail_from_n_on)
{
    run_injection(1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("oom");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_oom_scenario__fail_once);
    tcase_add_test(tc, test_oom_scenario__fail_from_n_on);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
