/*
 * Helpers of the import targets (fuzz_json, fuzz_ndjson, fuzz_csv): the
 * fixture database their seeds refer to, kept between inputs, and the
 * scratch file the file-based imports read.
 */
#ifndef R57_FUZZ_IMPORT_H
#define R57_FUZZ_IMPORT_H

#include "fuzz.h"

#include <sqlite3.h>
#include <unistd.h>

static char fuzz_scratch[512];

static void fuzz_scratch_remove(void) { remove(fuzz_scratch); }

/* Writes the input to this process's scratch file (for the file-based
 * imports, removed at exit) and returns its path, the same for the whole
 * process. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
    char *path = fuzz_scratch;
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof fuzz_scratch, "%s/r57-fuzz-%ld%s", dir && *dir ? dir : "/tmp",
                 (long)getpid(), ext);
        atexit(fuzz_scratch_remove);
    }
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
    return path;
}

/* A new database at path with the units VN, MOJ, HN (under VN) and the
 * notice 07-TB/CQTTBCD, which the seed inputs refer to. */
static inline r57_db *fuzz_db(const char *path)
{
    r57_db *db;
    r57_date issued;
    FUZZ_CHECK(r57_open(&db, path, NULL) == R57_OK);
    FUZZ_CHECK(r57_unit_create(db, "fuzz", "VN", "Viet Nam", R57_UNIT_NATION, NULL) == R57_OK);
    FUZZ_CHECK(r57_unit_create(db, "fuzz", "MOJ", "Ministry of Justice", R57_UNIT_MINISTRY, "VN") ==
               R57_OK);
    FUZZ_CHECK(r57_unit_create(db, "fuzz", "HN", "Ha Noi", R57_UNIT_PROVINCE, "VN") == R57_OK);
    FUZZ_CHECK(r57_date_from_ymd(&issued, 2025, 10, 15) == R57_OK);
    FUZZ_CHECK(r57_document_create(db, "fuzz", "07-TB/CQTTBCD", R57_DOC_NOTICE, issued,
                                   "Central Steering Committee", "Notice 07") == R57_OK);
    return db;
}

/*
 * The fixture database, kept between inputs (opening one costs more than
 * most imports) in a file beside the scratch file, so that a second,
 * read-only SQLite connection can tell cheaply whether an input committed
 * anything: PRAGMA data_version changes when another connection commits.
 * fuzz_db_reset() drops it after an input that changed it.
 */
static r57_db *fuzz_shared_db;
static sqlite3 *fuzz_watch;
static sqlite3_stmt *fuzz_version_stmt;
static char fuzz_db_path[512];

static void fuzz_db_remove(void)
{
    static const char *const suffixes[] = { "", "-wal", "-shm" };
    char p[600];
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", fuzz_db_path, suffixes[i]);
        remove(p);
    }
}

static inline void fuzz_db_reset(void)
{
    sqlite3_finalize(fuzz_version_stmt);
    sqlite3_close(fuzz_watch);
    r57_close(fuzz_shared_db);
    fuzz_shared_db = NULL;
    fuzz_db_remove();
}

static inline r57_db *fuzz_db_shared(void)
{
    if (!fuzz_shared_db) {
        if (!fuzz_db_path[0]) {
            const char *dir = getenv("TMPDIR");
            snprintf(fuzz_db_path, sizeof fuzz_db_path, "%s/r57-fuzz-%ld.r57",
                     dir && *dir ? dir : "/tmp", (long)getpid());
            atexit(fuzz_db_remove);
        }
        fuzz_db_remove();
        fuzz_shared_db = fuzz_db(fuzz_db_path);
        FUZZ_CHECK(sqlite3_open_v2(fuzz_db_path, &fuzz_watch, SQLITE_OPEN_READONLY, NULL) ==
                   SQLITE_OK);
        FUZZ_CHECK(sqlite3_prepare_v2(fuzz_watch, "PRAGMA data_version", -1, &fuzz_version_stmt,
                                      NULL) == SQLITE_OK);
    }
    return fuzz_shared_db;
}

/* The fixture's data version as the watching connection sees it. */
static inline int64_t fuzz_data_version(void)
{
    FUZZ_CHECK(sqlite3_step(fuzz_version_stmt) == SQLITE_ROW);
    int64_t v = sqlite3_column_int64(fuzz_version_stmt, 0);
    sqlite3_reset(fuzz_version_stmt);
    return v;
}

/* After a failed import: nothing was committed since `version`, and no
 * transaction was left open. */
static inline void fuzz_check_unchanged(r57_db *db, int64_t version)
{
    FUZZ_CHECK(fuzz_data_version() == version);
    FUZZ_CHECK(r57_db_begin(db) == R57_OK);
    FUZZ_CHECK(r57_db_rollback(db) == R57_OK);
}

/* What an import may fail with (r57/interchange.h). */
static const int fuzz_import_errors[] = { R57_EPARSE,   R57_EINVAL, R57_ENOTFOUND, R57_EEXISTS,
                                          R57_EVERSION, R57_ECYCLE, R57_ECONFLICT };
#define FUZZ_IMPORT_ERRORS fuzz_import_errors, sizeof fuzz_import_errors / sizeof(int)

/* Export of a whole database; the caller frees it with r57_free. */
static inline char *fuzz_export(r57_db *db)
{
    char *s = NULL;
    FUZZ_CHECK(r57_export_string(&s, db, NULL) == R57_OK);
    return s;
}

#endif
