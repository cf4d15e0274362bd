/* The database handle: open, refuse what is not ours, transactions. */
#include "helpers.h"
#include "store_internal.h"

#include <sys/stat.h>

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = malloc(1 << 16);
    *n = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

START_TEST(test_db_open__memory)
{
    r57_db *db = open_memory();
    ck_assert_int_eq(r57_db_schema_version(db), r57_schema_version());
    r57_close(db);
}
END_TEST

START_TEST(test_db_open__creates_file_and_reopens)
{
    char path[512];
    r57_db *db;
    temp_path(path, sizeof path, "new.r57");
    OK(r57_open(&db, path, NULL));
    add_units(db);
    r57_close(db);
    OK(r57_open(&db, path, NULL));
    r57_unit *u;
    OK(r57_unit_get(&u, db, "MOIT"));
    ck_assert_str_eq(r57_unit_name(u), "Ministry of Industry and Trade");
    r57_unit_free(u);
    r57_close(db);
    /* The file is in WAL mode and marked as ours. */
    sqlite3 *sq;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(path, &sq), SQLITE_OK);
    sqlite3_prepare_v2(sq, "PRAGMA journal_mode", -1, &st, NULL);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_prepare_v2(sq, "PRAGMA application_id", -1, &st, NULL);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(st, 0), 0x52353721);
    sqlite3_finalize(st);
    sqlite3_close(sq);
    remove(path);
}
END_TEST

START_TEST(test_db_open__text_file_is_refused_untouched)
{
    char path[512], wal[600], msg[1024];
    size_t n1, n2;
    r57_db *db = (r57_db *)1;
    temp_path(path, sizeof path, "notes.txt");
    write_text(path, "These are meeting notes, not a database.\n");
    char *before = read_all(path, &n1);
    ck_assert_int_eq(r57_open(&db, path, NULL), R57_ENOTDB);
    ck_assert_ptr_null(db);
    snprintf(msg, sizeof msg, "file '%s' is not a libr57 database: file is not a database", path);
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    char *after = read_all(path, &n2);
    ck_assert_uint_eq(n1, n2);
    ck_assert_int_eq(memcmp(before, after, n1), 0);
    snprintf(wal, sizeof wal, "%s-wal", path);
    ck_assert(!exists(wal));
    free(before);
    free(after);
    remove(path);
}
END_TEST

START_TEST(test_db_open__other_sqlite_file_is_refused_untouched)
{
    char path[512], msg[1024];
    sqlite3 *sq;
    r57_db *db;
    temp_path(path, sizeof path, "other.sqlite");
    ck_assert_int_eq(sqlite3_open(path, &sq), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(sq, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('a')", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(sq);
    char *before = dump_file(path);
    ck_assert_int_eq(r57_open(&db, path, NULL), R57_ENOTDB);
    snprintf(msg, sizeof msg,
             "file '%s' is not a libr57 database: it is a SQLite database of another program (application_id 0x00000000)",
             path);
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    char *after = dump_file(path);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    remove(path);
}
END_TEST

START_TEST(test_db_open__newer_schema_is_refused)
{
    char path[512], msg[1024], sql[128];
    sqlite3 *sq;
    r57_db *db;
    temp_path(path, sizeof path, "future.r57");
    OK(r57_open(&db, path, NULL));
    r57_close(db);
    ck_assert_int_eq(sqlite3_open(path, &sq), SQLITE_OK);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", r57_schema_version() + 1);
    ck_assert_int_eq(sqlite3_exec(sq, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(sq);
    ck_assert_int_eq(r57_open(&db, path, NULL), R57_EVERSION);
    snprintf(msg, sizeof msg,
             "database '%s' has schema version %d, newer than the %d this libr57 %s knows; use a newer libr57",
             path, r57_schema_version() + 1, r57_schema_version(), r57_version());
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    remove(path);
}
END_TEST

START_TEST(test_db_open__read_only_file)
{
    char path[512], msg[1024];
    r57_db *db;
    temp_path(path, sizeof path, "ro.r57");
    OK(r57_open(&db, path, NULL));
    add_units(db);
    r57_close(db);
    ck_assert_int_eq(chmod(path, 0444), 0);
    ck_assert_int_eq(r57_open(&db, path, NULL), R57_EREADONLY);
    snprintf(msg, sizeof msg,
             "database '%s' is read-only (file permissions); open it with R57_OPEN_READONLY to read it", path);
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);

    r57_open_options opts = R57_OPEN_OPTIONS_INIT;
    opts.flags = R57_OPEN_READONLY;
    OK(r57_open(&db, path, &opts));
    r57_unit *u;
    OK(r57_unit_get(&u, db, "HN"));
    r57_unit_free(u);
    snprintf(msg, sizeof msg, "r57_unit_create: database '%s' is opened read-only", path);
    FAILS(R57_EREADONLY, msg, r57_unit_create(db, "admin", "X", "X", R57_UNIT_OTHER, NULL));
    r57_close(db);
    chmod(path, 0644);
    remove(path);
}
END_TEST

START_TEST(test_db_open__nocreate_missing_file)
{
    char path[512], msg[1024];
    r57_db *db;
    r57_open_options opts;
    temp_path(path, sizeof path, "missing.r57");
    OK(r57_open_options_init(&opts, R57_OPEN_OPTIONS_VERSION));
    opts.flags = R57_OPEN_NOCREATE;
    snprintf(msg, sizeof msg, "database '%s' does not exist", path);
    FAILS(R57_ENOTFOUND, msg, r57_open(&db, path, &opts));
    ck_assert(!exists(path));
}
END_TEST

START_TEST(test_db_open__bad_arguments)
{
    r57_db *db;
    FAILS(R57_EINVAL, "r57_open: path is NULL", r57_open(&db, NULL, NULL));
    FAILS(R57_EINVAL, "r57_open: path is empty", r57_open(&db, "", NULL));
    FAILS(R57_EINVAL, "r57_open: out is NULL", r57_open(NULL, ":memory:", NULL));
    r57_open_options opts = R57_OPEN_OPTIONS_INIT;
    opts.version = 99;
    FAILS(R57_EINVAL, "r57_open: unknown options version 99", r57_open(&db, ":memory:", &opts));
    opts.version = R57_OPEN_OPTIONS_VERSION;
    opts.flags = 0x100;
    FAILS(R57_EINVAL, "r57_open: unknown flags 0x100", r57_open(&db, ":memory:", &opts));
    FAILS(R57_EINVAL, "r57_open_options_init: unknown version 7", r57_open_options_init(&opts, 7));
}
END_TEST

START_TEST(test_db_transaction__rollback_discards)
{
    r57_db *db = open_memory();
    r57_unit *u;
    OK(r57_db_begin(db));
    FAILS(R57_ESTATE, "r57_db_begin: a transaction is open already", r57_db_begin(db));
    add_units(db);
    OK(r57_db_rollback(db));
    FAILS(R57_ENOTFOUND, "unknown unit code 'VN'", r57_unit_get(&u, db, "VN"));
    FAILS(R57_ESTATE, "r57_db_commit: no transaction is open", r57_db_commit(db));
    FAILS(R57_ESTATE, "r57_db_rollback: no transaction is open", r57_db_rollback(db));
    r57_close(db);
}
END_TEST

START_TEST(test_db_transaction__commit_keeps_and_failed_call_inside_is_undone)
{
    r57_db *db = open_memory();
    r57_unit *u;
    OK(r57_db_begin(db));
    OK(r57_unit_create(db, "admin", "VN", "Viet Nam", R57_UNIT_NATION, NULL));
    /* A failing call inside the transaction undoes only itself. */
    FAILS(R57_ENOTFOUND, "unit 'HN': unknown parent unit code 'NOPE'",
          r57_unit_create(db, "admin", "HN", "Ha Noi", R57_UNIT_PROVINCE, "NOPE"));
    OK(r57_unit_create(db, "admin", "HN", "Ha Noi", R57_UNIT_PROVINCE, "VN"));
    OK(r57_db_commit(db));
    OK(r57_unit_get(&u, db, "HN"));
    ck_assert_str_eq(r57_unit_parent(u), "VN");
    r57_unit_free(u);
    r57_close(db);
}
END_TEST

/* The statement table (lib/store_sql.c): every slot has SQL, and all of it
 * is valid against the schema a new file gets. */
START_TEST(test_db_store__every_statement_prepares)
{
    r57_db *db = open_memory();
    for (int i = 0; i < S__COUNT; i++) {
        sqlite3_stmt *st = NULL;
        ck_assert_msg(r57__stmt_sql[i] != NULL, "statement %d has no SQL", i);
        ck_assert_msg(r57__sql_stmt(db, (r57__stmt_id)i, &st) == R57_OK, "statement %d: %s", i,
                      r57_error_message(r57_error_last()));
    }
    r57_close(db);
}
END_TEST

/* Through the store's own functions: the public calls check first. */
START_TEST(test_db_store__taken_key_is_eexists_other_constraints_econflict)
{
    r57_db *db = open_memory();
    OK(r57__store_doc_insert(db, "01/NQ", R57_DOC_RESOLUTION, R57_DATE_NONE, NULL, NULL));
    /* A unique key taken: the object exists already, SQLite's code kept. */
    ck_assert_int_eq(r57__store_doc_insert(db, "01/NQ", R57_DOC_RESOLUTION, R57_DATE_NONE, NULL,
                                           NULL),
                     R57_EEXISTS);
    ck_assert_int_eq(r57_error_sqlite_code(r57_error_last()), SQLITE_CONSTRAINT_UNIQUE);
    /* A foreign key that leads nowhere: objects that do not fit. */
    ck_assert_int_eq(r57__store_task_coord_insert(db, 999, 0, 999), R57_ECONFLICT);
    ck_assert_int_eq(r57_error_sqlite_code(r57_error_last()), SQLITE_CONSTRAINT_FOREIGNKEY);
    r57_close(db);
}
END_TEST

START_TEST(test_db_close__null_is_allowed)
{
    r57_close(NULL);
    ck_assert_int_eq(r57_db_schema_version(NULL), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("db");
    TCase *tc = tcase_create("db");
    tcase_add_test(tc, test_db_open__memory);
    tcase_add_test(tc, test_db_open__creates_file_and_reopens);
    tcase_add_test(tc, test_db_open__text_file_is_refused_untouched);
    tcase_add_test(tc, test_db_open__other_sqlite_file_is_refused_untouched);
    tcase_add_test(tc, test_db_open__newer_schema_is_refused);
    tcase_add_test(tc, test_db_open__read_only_file);
    tcase_add_test(tc, test_db_open__nocreate_missing_file);
    tcase_add_test(tc, test_db_open__bad_arguments);
    tcase_add_test(tc, test_db_transaction__rollback_discards);
    tcase_add_test(tc, test_db_transaction__commit_keeps_and_failed_call_inside_is_undone);
    tcase_add_test(tc, test_db_store__every_statement_prepares);
    tcase_add_test(tc, test_db_store__taken_key_is_eexists_other_constraints_econflict);
    tcase_add_test(tc, test_db_close__null_is_allowed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
