/* Shared fixtures for the Check suites. */
#ifndef R57_TEST_HELPERS_H
#define R57_TEST_HELPERS_H

#include <check.h>
#include <r57.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>

/* Asserts a call succeeded, showing the library's message if not. */
#define OK(call)                                                                  \
    do {                                                                          \
        int rc_ = (call);                                                         \
        ck_assert_msg(rc_ == R57_OK, "%s failed: %s: %s", #call, r57_err_name(rc_), \
                      r57_error_message(r57_error_last()));                       \
    } while (0)

/* Asserts a call failed with code and exactly this message. */
#define FAILS(code, msg, call)                                                    \
    do {                                                                          \
        int rc_ = (call);                                                         \
        ck_assert_str_eq(r57_err_name(rc_), r57_err_name(code));                  \
        ck_assert_str_eq(r57_error_message(r57_error_last()), (msg));             \
    } while (0)

#ifdef R57_SHARED_DATA
/* A file of the shared data (../shared/data, -Dshared_data): in the folder
 * $R57_SHARED_DATA_DIR names when set (tests/meson.build points it nowhere
 * to prove that the cases not tagged shared-data do without it), else in
 * the one meson was given.  The path lasts until the fourth call after. */
static inline const char *shared_file(const char *name)
{
    static char paths[4][1024];
    static unsigned next;
    const char *dir = getenv("R57_SHARED_DATA_DIR");
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", dir && *dir ? dir : R57_SHARED_DATA, name);
    return p;
}
#endif

static inline r57_date D(const char *iso)
{
    r57_date d;
    ck_assert_int_eq(r57_date_parse(&d, iso), R57_OK);
    return d;
}

/* The number of entries in a database's journal: every write leaves one. */
static inline size_t journal_length(r57_db *db)
{
    r57_journal_iterator *it;
    r57_journal_entry *e;
    size_t n = 0;
    OK(r57_journal_iterator_new(&it, db, NULL, NULL));
    while (r57_journal_next(&e, it) == R57_OK) {
        n++;
        r57_journal_entry_free(e);
    }
    r57_journal_iterator_free(it);
    return n;
}

static inline r57_db *open_memory(void)
{
    r57_db *db = NULL;
    OK(r57_open(&db, ":memory:", NULL));
    return db;
}

/* A small unit tree: VN > MOIT > MOIT-ECOM; VN > HN > HN-BD (commune). */
static inline void add_units(r57_db *db)
{
    OK(r57_unit_create(db, "admin", "VN", "Viet Nam", R57_UNIT_NATION, NULL));
    OK(r57_unit_create(db, "admin", "MOIT", "Ministry of Industry and Trade", R57_UNIT_MINISTRY, "VN"));
    OK(r57_unit_create(db, "admin", "MOIT-ECOM", "E-commerce and Digital Economy Agency",
                       R57_UNIT_DEPARTMENT, "MOIT"));
    OK(r57_unit_create(db, "admin", "MOJ", "Ministry of Justice", R57_UNIT_MINISTRY, "VN"));
    OK(r57_unit_create(db, "admin", "HN", "Ha Noi", R57_UNIT_PROVINCE, "VN"));
    OK(r57_unit_create(db, "admin", "HN-BD", "Ba Dinh ward", R57_UNIT_COMMUNE, "HN"));
}

static inline void add_notice(r57_db *db)
{
    OK(r57_document_create(db, "admin", "07-TB/CQTTBCD", R57_DOC_NOTICE, D("2025-10-15"),
                           "Central Steering Committee", "Notice 07"));
}

/* Runs one suite; returns the process exit status. */
static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* A throw-away file path under the build directory. */
static inline void temp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/r57-test-%ld-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (long)getpid(), name);
    remove(buf);
}

/* Copies a file (a closed WAL database is a single file). */
static inline void copy_file(const char *from, const char *to)
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

/* Every row of every table of a database file, as text: two dumps are
 * equal exactly when the stored data is (times, and the journal hashes
 * that cover them, left out).  Reads
 * the file with SQLite directly, behind the library's back. */
static inline char *dump_file(const char *path)
{
    sqlite3 *sq;
    sqlite3_stmt *tables, *rows;
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    ck_assert_int_eq(sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(sq, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &tables, NULL), SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", sqlite3_column_text(tables, 0));
        ck_assert_int_eq(sqlite3_prepare_v2(sq, sql, -1, &rows, NULL), SQLITE_OK);
        while (sqlite3_step(rows) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(rows); i++) {
                const char *v = (const char *)sqlite3_column_text(rows, i);
                /* Journal times differ from run to run, and so do the
                 * hashes that cover them (and evidence times); the rest
                 * must not. */
                const char *name = sqlite3_column_name(rows, i);
                if (strcmp(name, "at") == 0 || strcmp(name, "hash") == 0 ||
                    strcmp(name, "prev_hash") == 0 || strcmp(name, "submitted_at") == 0 ||
                    strcmp(name, "decided_at") == 0)
                    continue;
                size_t n = strlen(v ? v : "NULL") + 64 + strlen((const char *)sqlite3_column_text(tables, 0));
                if (len + n >= cap) {
                    cap = (cap + n) * 2;
                    out = realloc(out, cap);
                }
                len += (size_t)sprintf(out + len, "%s|%s;", (const char *)sqlite3_column_text(tables, 0), v ? v : "NULL");
            }
            out[len++] = '\n';
            out[len] = '\0';
        }
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    sqlite3_close(sq);
    return out;
}

#endif
