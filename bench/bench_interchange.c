/*
 * Benchmark of interchange (prints figures; asserts nothing about time):
 *  1. N tasks (default 100,000) exported to JSON, then imported into an
 *     empty database (parsing included); in the same run the same task rows
 *     inserted with one bare prepared statement (same settings); the ratio.
 *  2. An NDJSON file of M tasks (default 1,000,000) imported in a child
 *     process whose peak resident memory is measured (target < 64 MiB).
 *
 *   bench_interchange [N] [M] [DIR]
 */
#include <r57.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_interchange: %s: %s\n", what, r57_error_message(r57_error_last()));
    exit(1);
}

static const char *const deadlines[] = {
    "by 20 October 2025", "November 2025",         "Q1 2026", "in 2026",
    "2026-06-30",         "fourth quarter of 2025"
};

static r57_db *fresh(const char *path)
{
    r57_db *db;
    remove(path);
    if (r57_open(&db, path, NULL) < 0)
        die("open");
    return db;
}

/* The NDJSON import, run as a fresh process so that its peak memory is
 * its own: bench_interchange --ndjson-child FILE DB TASKS */
static int ndjson_child(const char *nd, const char *ndb, long m)
{
    r57_db *cdb = fresh(ndb);
    r57_import_report *rep;
    double c0 = now();
    if (r57_import_ndjson_file(&rep, cdb, "b", NULL, nd) < 0)
        die("ndjson import");
    double t = now() - c0;
    printf("ndjson: %ld tasks imported in %.1f s (%.0f tasks/s), last line %llu\n", m, t, m / t,
           (unsigned long long)r57_import_report_last_line(rep));
    /* VmHWM is this process image's own peak (ru_maxrss would include the
     * parent's memory from before exec). */
    char line[256];
    FILE *st = fopen("/proc/self/status", "r");
    while (st && fgets(line, sizeof line, st))
        if (strncmp(line, "VmHWM:", 6) == 0)
            printf("ndjson import peak resident memory: %.1f MiB (target < 64 MiB)\n",
                   atol(line + 6) / 1024.0);
    if (st)
        fclose(st);
    r57_import_report_free(rep);
    r57_close(cdb);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--ndjson-child") == 0)
        return ndjson_child(argv[2], argv[3], atol(argv[4]));
    long n = argc > 1 ? atol(argv[1]) : 100000;
    long m = argc > 2 ? atol(argv[2]) : 1000000;
    const char *dir = argc > 3 ? argv[3] : ".";
    char src[1024], dst[1024], bare[1024], json[1024], nd[1024], ndb[1024], ref[32], title[96];
    snprintf(src, sizeof src, "%s/bench-x-src.r57", dir);
    snprintf(dst, sizeof dst, "%s/bench-x-dst.r57", dir);
    snprintf(bare, sizeof bare, "%s/bench-x-bare.r57", dir);
    snprintf(json, sizeof json, "%s/bench-x.json", dir);
    snprintf(nd, sizeof nd, "%s/bench-x.ndjson", dir);
    snprintf(ndb, sizeof ndb, "%s/bench-x-nd.r57", dir);

    /* The source database. */
    r57_db *db = fresh(src);
    if (r57_unit_create(db, "b", "VN", "Viet Nam", R57_UNIT_NATION, NULL) < 0 ||
        r57_unit_create(db, "b", "MOIT", "Ministry of Industry and Trade", R57_UNIT_MINISTRY,
                        "VN") < 0 ||
        r57_document_create(db, "b", "BENCH/1", R57_DOC_PLAN, 20376, "bench", "bench") < 0 ||
        r57_db_begin(db) < 0)
        die("setup");
    for (long i = 0; i < n; i++) {
        r57_task_spec s = R57_TASK_SPEC_INIT;
        snprintf(ref, sizeof ref, "T.%ld", i);
        snprintf(title, sizeof title, "Task %ld: digitise the registry of procedures", i);
        s.document = "BENCH/1";
        s.ref = ref;
        s.title = title;
        s.owner_unit = "MOIT";
        s.product = "registry in operation";
        s.authority = "Prime Minister";
        s.deadline = deadlines[i % 6];
        if (r57_task_create(NULL, db, "b", &s) < 0)
            die("create");
    }
    if (r57_db_commit(db) < 0)
        die("commit");
    double t0 = now();
    if (r57_export_file(db, NULL, json) < 0)
        die("export");
    double t_export = now() - t0;
    r57_close(db);

    /* Import into an empty database. */
    db = fresh(dst);
    t0 = now();
    if (r57_import_json_file(NULL, db, "b", NULL, json) < 0)
        die("import");
    double t_import = now() - t0;
    r57_close(db);

    /* The same task rows with a bare prepared statement. */
    r57_close(fresh(bare));
    sqlite3 *sq;
    sqlite3_stmt *st;
    if (sqlite3_open(bare, &sq) != SQLITE_OK ||
        sqlite3_exec(
            sq,
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
            "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;"
            "PRAGMA temp_store = MEMORY;"
            "INSERT INTO unit (code, name, name_key, kind) VALUES ('VN','Viet Nam','viet nam',0);"
            "INSERT INTO unit (code, name, name_key, kind, parent_id) VALUES ('MOIT','M','m',1,1);"
            "INSERT INTO document (number, kind) VALUES ('BENCH/1', 2);",
            NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(sq,
                           "INSERT INTO task (document_id, ref, title, owner_unit_id, product,"
                           " authority, deadline, deadline_kind, due, status)"
                           " VALUES (1, ?, ?, 2, ?, ?, ?, 1, 20400, 0)",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bare: %s\n", sqlite3_errmsg(sq));
        return 1;
    }
    t0 = now();
    sqlite3_exec(sq, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    for (long i = 0; i < n; i++) {
        snprintf(ref, sizeof ref, "T.%ld", i);
        snprintf(title, sizeof title, "Task %ld: digitise the registry of procedures", i);
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, "registry in operation", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, "Prime Minister", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, deadlines[i % 6], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            return 1;
        sqlite3_reset(st);
    }
    sqlite3_exec(sq, "COMMIT", NULL, NULL, NULL);
    double t_bare = now() - t0;
    sqlite3_finalize(st);
    sqlite3_close(sq);

    printf("tasks: %ld\n", n);
    printf("export JSON: %.3f s\n", t_export);
    printf("import JSON (parsing included): %.3f s\n", t_import);
    printf("bare insert of the same task rows: %.3f s\n", t_bare);
    printf("ratio import/bare: %.2f (target <= 2)\n", t_import / t_bare);

    /* NDJSON of m tasks, imported in a child whose peak memory we read. */
    FILE *f = fopen(nd, "w");
    if (!f)
        die("ndjson file");
    fprintf(f, "{\"format\":\"libr57-ndjson\",\"version\":1}\n");
    fprintf(f, "{\"type\":\"unit\",\"code\":\"VN\",\"name\":\"Viet Nam\",\"kind\":\"nation\"}\n");
    fprintf(f, "{\"type\":\"document\",\"number\":\"BENCH/2\",\"kind\":\"plan\"}\n");
    for (long i = 0; i < m; i++)
        fprintf(
            f,
            "{\"type\":\"task\",\"document\":\"BENCH/2\",\"ref\":\"T.%ld\",\"title\":\"Task %ld: "
            "digitise the registry of procedures\",\"owner_unit\":\"VN\",\"deadline\":\"%s\"}\n",
            i, i, deadlines[i % 6]);
    long size = ftell(f);
    fclose(f);
    printf("ndjson file: %ld tasks, %.0f MiB\n", m, size / 1048576.0);
    fflush(stdout);
    char count[32];
    snprintf(count, sizeof count, "%ld", m);
    pid_t pid = fork();
    if (pid == 0) {
        execl("/proc/self/exe", argv[0], "--ndjson-child", nd, ndb, count, (char *)NULL);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return 1;
    remove(src);
    remove(dst);
    remove(bare);
    remove(json);
    remove(nd);
    remove(ndb);
    return 0;
}
