/*
 * Benchmark: create N tasks through the API (one transaction), then insert
 * the same rows into the same schema with one bare prepared statement, on a
 * file with the same settings (WAL, synchronous=NORMAL, foreign keys, the
 * same page cache and temp store).
 * Prints both times and their ratio; it asserts nothing about time.
 *
 *   bench_tasks [N] [DIR]     (default 100000, the current directory)
 */
#include <r57.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_tasks: %s: %s\n", what, r57_error_message(r57_error_last()));
    exit(1);
}

static const char *const units[] = { "MOIT", "MOJ", "MOST", "MPS", "MOF", "GO", "HN", "HCM" };
static const char *const deadlines[] = {
    "by 20 October 2025", "November 2025",         "Q1 2026", "in 2026",
    "2026-06-30",         "fourth quarter of 2025"
};
static const int dues[] = { 20381, 20422, 20543, 20818, 20634, 20453 };
static const int kinds[] = { 1, 2, 3, 4, 1, 3 }; /* day, month, quarter, year, day, quarter */

static r57_db *prepare(const char *path)
{
    r57_db *db;
    remove(path);
    if (r57_open(&db, path, NULL) < 0)
        die("open");
    if (r57_unit_create(db, "bench", "VN", "Viet Nam", R57_UNIT_NATION, NULL) < 0)
        die("unit");
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (r57_unit_create(db, "bench", units[i], units[i], R57_UNIT_MINISTRY, "VN") < 0)
            die("unit");
    if (r57_document_create(db, "bench", "BENCH/1", R57_DOC_PLAN, 20376, "bench", "bench") < 0)
        die("document");
    return db;
}

/* Inserts n task rows (and, with journal, the journal row the API writes
 * for each) with bare prepared statements; returns the seconds taken. */
static double bare_insert(const char *path, long n, int journal)
{
    char ref[32], title[96], json[512], key[48];
    sqlite3 *sq;
    sqlite3_stmt *st, *js;
    r57_close(prepare(path));
    if (sqlite3_open(path, &sq) != SQLITE_OK ||
        sqlite3_exec(sq,
                     "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                     "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;"
                     "PRAGMA temp_store = MEMORY",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(sq,
                           "INSERT INTO task (document_id, ref, title, owner_unit_id, owner,"
                           " product, authority, deadline, deadline_kind, due, status)"
                           " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(sq,
                           "INSERT INTO journal (at, actor, object, object_key, action, old, new)"
                           " VALUES ('2026-11-22T10:00:00.000Z', 'bench', 'task', ?, 'create', "
                           "NULL, ?)",
                           -1, &js, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_tasks: bare setup: %s\n", sqlite3_errmsg(sq));
        exit(1);
    }
    double t0 = now();
    sqlite3_exec(sq, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    for (long i = 0; i < n; i++) {
        snprintf(ref, sizeof ref, "T.%ld", i);
        snprintf(title, sizeof title, "Task %ld: digitise the registry of procedures", i);
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)(i % 8) + 2);
        sqlite3_bind_text(st, 4, units[i % 8], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, "registry in operation", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, "Prime Minister", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, deadlines[i % 6], -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 8, kinds[i % 6]);
        sqlite3_bind_int(st, 9, dues[i % 6]);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fprintf(stderr, "bench_tasks: bare insert: %s\n", sqlite3_errmsg(sq));
            exit(1);
        }
        sqlite3_reset(st);
        if (journal) {
            snprintf(key, sizeof key, "BENCH/1#%s", ref);
            snprintf(json, sizeof json,
                     "{\"document\":\"BENCH/1\",\"ref\":\"%s\",\"title\":\"%s\","
                     "\"owner_unit\":\"%s\",\"owner\":\"%s\",\"product\":\"registry in "
                     "operation\",\"authority\":\"Prime Minister\",\"deadline\":\"%s\","
                     "\"due\":\"2026-01-01\",\"status\":\"assigned\"}",
                     ref, title, units[i % 8], units[i % 8], deadlines[i % 6]);
            sqlite3_bind_text(js, 1, key, -1, SQLITE_STATIC);
            sqlite3_bind_text(js, 2, json, -1, SQLITE_STATIC);
            if (sqlite3_step(js) != SQLITE_DONE) {
                fprintf(stderr, "bench_tasks: bare journal: %s\n", sqlite3_errmsg(sq));
                exit(1);
            }
            sqlite3_reset(js);
        }
    }
    sqlite3_exec(sq, "COMMIT", NULL, NULL, NULL);
    double t = now() - t0;
    sqlite3_finalize(st);
    sqlite3_finalize(js);
    sqlite3_close(sq);
    return t;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    const char *dir = argc > 2 ? argv[2] : ".";
    char api_path[1024], bare_path[1024], ref[32], title[96];
    snprintf(api_path, sizeof api_path, "%s/bench-api.r57", dir);
    snprintf(bare_path, sizeof bare_path, "%s/bench-bare.r57", dir);

    /* Through the API. */
    r57_db *db = prepare(api_path);
    double t0 = now();
    if (r57_db_begin(db) < 0)
        die("begin");
    for (long i = 0; i < n; i++) {
        r57_task_spec s = R57_TASK_SPEC_INIT;
        snprintf(ref, sizeof ref, "T.%ld", i);
        snprintf(title, sizeof title, "Task %ld: digitise the registry of procedures", i);
        s.document = "BENCH/1";
        s.ref = ref;
        s.title = title;
        s.owner_unit = units[i % 8];
        s.owner = units[i % 8];
        s.product = "registry in operation";
        s.authority = "Prime Minister";
        s.deadline = deadlines[i % 6];
        if (r57_task_create(NULL, db, "bench", &s) < 0)
            die("create");
    }
    if (r57_db_commit(db) < 0)
        die("commit");
    double api = now() - t0;
    r57_close(db);

    /* The same task rows with a bare prepared statement; then the same
     * rows the API stores, task and journal, with bare statements. */
    double bare = bare_insert(bare_path, n, 0);
    double bare_j = bare_insert(bare_path, n, 1);

    printf("tasks: %ld\n", n);
    printf("api:  %.3f s (%.0f tasks/s)\n", api, n / api);
    printf("bare: %.3f s (%.0f rows/s)\n", bare, n / bare);
    printf("bare task+journal rows: %.3f s (%.0f tasks/s)\n", bare_j, n / bare_j);
    printf("ratio api/bare (task rows only): %.2f (target <= 1.5)\n", api / bare);
    printf("ratio api/bare (task + journal rows, what the API stores): %.2f\n", api / bare_j);
    remove(api_path);
    remove(bare_path);
    return 0;
}
