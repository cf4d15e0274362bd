/*
 * Crash consistency: a child process imports a large file into a database
 * file and is killed (SIGKILL) at a random moment, again and again.  After
 * each kill the file must pass SQLite's integrity and foreign key checks,
 * open with libr57, hold its journal chain intact with one entry per stored
 * object, and be all or nothing (JSON) — or, for NDJSON, hold whole batches
 * and resume from the line after them to exactly what an uninterrupted
 * import gives (the resume rule of docs/json-format.md).
 *
 * The moments are drawn from a seed printed by the test; R57_CRASH_SEED=n
 * repeats a run.  R57_CRASH_KILLS=n changes the number of kills per format
 * (default 50: 100 in all).
 */
#include "helpers.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#define TASKS 5000 /* tasks in the file, after one document */
#define BATCH 500  /* NDJSON lines per transaction */

static char db_path[512], template_path[512], input_path[512];

/* One object per line: the document, then the tasks. */
static void write_input(int ndjson)
{
    FILE *f = fopen(input_path, "w");
    ck_assert_ptr_nonnull(f);
    const char *doc = "{%s\"kind\":\"plan\",\"number\":\"01-KH/CRASH\",\"issued\":\"2025-11-01\"}";
    if (ndjson) {
        fprintf(f, "{\"format\":\"libr57-ndjson\",\"version\":1}\n");
        fprintf(f, doc, "\"type\":\"document\",");
        fputc('\n', f);
    } else {
        fprintf(f, "{\"format\":\"libr57\",\"version\":1,\n\"documents\":[");
        fprintf(f, doc, "");
        fprintf(f, "],\n\"tasks\":[\n");
    }
    for (int i = 1; i <= TASKS; i++)
        fprintf(f,
                "%s{%s\"document\":\"01-KH/CRASH\",\"ref\":\"%d\",\"title\":\"Task number %d of "
                "the crash test\",\"owner_unit\":\"%s\",\"coordinating_units\":[\"VN\"],"
                "\"deadline\":\"by %d %s 2026\",\"product\":\"report\"}\n",
                !ndjson && i > 1 ? "," : "", ndjson ? "\"type\":\"task\"," : "", i, i,
                i % 2 ? "MOJ" : "HN", 1 + i % 28, i % 3 ? "March" : "October");
    if (!ndjson)
        fprintf(f, "]}\n");
    ck_assert_int_eq(fclose(f), 0);
}

/* The database before the import: the units the tasks name. */
static void fresh(void)
{
    char p[600];
    snprintf(p, sizeof p, "%s-wal", db_path);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    remove(p);
    copy_file(template_path, db_path);
}

/* The child: import the file and exit (0 when the import succeeded). */
static void child_import(int ndjson, uint64_t start_line)
{
    r57_db *db;
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.batch_size = BATCH;
    o.start_line = start_line;
    int rc = r57_open(&db, db_path, NULL);
    if (rc == R57_OK)
        rc = ndjson ? r57_import_ndjson_file(NULL, db, "importer", &o, input_path)
                    : r57_import_json_file(NULL, db, "importer", &o, input_path);
    r57_close(db);
    _exit(rc == R57_OK ? 0 : 1);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs the import in a child; kills it after `delay` seconds unless it is
 * negative.  Returns 1 when the child was killed, 0 when it finished
 * successfully first. */
static int run_child(int ndjson, double delay)
{
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        child_import(ndjson, 1);
    if (delay >= 0) {
        struct timespec ts = { (time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9) };
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) {
        ck_assert_int_eq(WTERMSIG(status), SIGKILL);
        return 1;
    }
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the import failed");
    return 0;
}

/* Reads one integer with SQLite directly. */
static long long query(sqlite3 *sq, const char *sql)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(sq, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

typedef struct counts {
    long long documents, tasks, journal;
} counts;

/* The file passes SQLite's checks (opening it recovers what the killed
 * process left in the WAL) and libr57 opens it with its journal intact;
 * returns what it holds. */
static counts check_file(void)
{
    sqlite3 *sq;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open_v2(db_path, &sq, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(sq, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    ck_assert_int_eq(sqlite3_prepare_v2(sq, "PRAGMA foreign_key_check", -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    counts c = { query(sq, "SELECT count(*) FROM document"), query(sq, "SELECT count(*) FROM task"),
                 query(sq, "SELECT count(*) FROM journal") };
    sqlite3_close(sq);

    r57_db *db;
    r57_journal_report *rep;
    OK(r57_open(&db, db_path, NULL));
    OK(r57_journal_verify(&rep, db, NULL));
    ck_assert_msg(r57_journal_report_problem(rep) == R57_JOURNAL_INTACT, "journal: %s",
                  r57_journal_report_message(rep));
    ck_assert_int_eq(r57_journal_report_entries(rep), c.journal);
    r57_journal_report_free(rep);
    r57_close(db);
    return c;
}

static char *export_file(void)
{
    r57_db *db;
    char *s;
    OK(r57_open(&db, db_path, NULL));
    OK(r57_export_string(&s, db, NULL));
    r57_close(db);
    return s;
}

static void setup_paths(const char *name, int ndjson)
{
    char n[64];
    snprintf(n, sizeof n, "crash-%s.r57", name);
    temp_path(db_path, sizeof db_path, n);
    snprintf(n, sizeof n, "crash-template-%s.r57", name);
    temp_path(template_path, sizeof template_path, n);
    snprintf(n, sizeof n, "crash-input.%s", ndjson ? "ndjson" : "json");
    temp_path(input_path, sizeof input_path, n);
    r57_db *db;
    OK(r57_open(&db, template_path, NULL));
    add_units(db);
    r57_close(db);
    write_input(ndjson);
}

static int env_int(const char *name, int fallback)
{
    const char *v = getenv(name);
    return v && *v ? atoi(v) : fallback;
}

/*
 * The crash loop for one format.  A clean import first gives the time an
 * import takes, the journal entries it writes and its export; then each
 * kill comes at a moment drawn from 0 to 1.2 times that time, so that some
 * land before the first commit and some after the last.
 */
static void crash_loop(int ndjson)
{
    const char *name = ndjson ? "ndjson" : "json";
    setup_paths(name, ndjson);
    fresh();
    counts before = check_file();
    double t0 = now();
    ck_assert_int_eq(run_child(ndjson, -1), 0);
    double full = now() - t0;
    counts all = check_file();
    ck_assert_int_eq(all.documents, 1);
    ck_assert_int_eq(all.tasks, TASKS);
    /* One journal entry per object: a change and its record go together. */
    ck_assert_int_eq(all.journal - before.journal, 1 + TASKS);
    char *reference = export_file();

    unsigned seed = (unsigned)env_int("R57_CRASH_SEED", (int)time(NULL));
    int kills = env_int("R57_CRASH_KILLS", 50), killed = 0, none = 0, whole = 0, partial = 0;
    srand(seed);
    for (int k = 0; k < kills; k++) {
        fresh();
        killed += run_child(ndjson, full * 1.2 * rand() / RAND_MAX);
        counts c = check_file();
        ck_assert_int_eq(c.journal - before.journal, c.documents + c.tasks);
        long long objects = c.documents + c.tasks;
        if (objects == 0) {
            none++;
            continue;
        }
        if (objects == 1 + TASKS) {
            whole++;
            continue;
        }
        /* Only NDJSON may stop in between, and only after whole batches. */
        ck_assert_msg(ndjson, "seed %u, kill %d: JSON import stored %lld of %d objects", seed, k,
                      objects, 1 + TASKS);
        ck_assert_msg(objects % BATCH == 0, "seed %u, kill %d: %lld objects stored, not whole "
                      "batches of %d", seed, k, objects, BATCH);
        partial++;
        /* Resume after the last committed line (the header is line 1). */
        r57_db *db;
        r57_import_options o = R57_IMPORT_OPTIONS_INIT;
        o.batch_size = BATCH;
        o.start_line = (uint64_t)objects + 2;
        OK(r57_open(&db, db_path, NULL));
        OK(r57_import_ndjson_file(NULL, db, "importer", &o, input_path));
        r57_close(db);
        ck_assert_int_eq(check_file().tasks, TASKS);
        char *resumed = export_file();
        ck_assert_str_eq(resumed, reference);
        r57_free(resumed);
    }
    printf("crash %s: %d kills (seed %u; an import takes %.2f s): %d killed while running, "
           "%d left nothing, %d left everything, %d left whole batches and resumed\n",
           name, kills, seed, full, killed, none, whole, partial);
    fflush(stdout);
    r57_free(reference);
    remove(db_path);
    remove(template_path);
    remove(input_path);
}

START_TEST(test_crash_import_json__all_or_nothing)
{
    crash_loop(0);
}
END_TEST

START_TEST(test_crash_import_ndjson__whole_batches_then_resume)
{
    crash_loop(1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("crash");
    TCase *tc = tcase_create("crash");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_crash_import_json__all_or_nothing);
    tcase_add_test(tc, test_crash_import_ndjson__whole_batches_then_resume);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
