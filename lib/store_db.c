/*
 * The handle's connection: opening a file (checked and migrated by
 * store_schema.c), closing it, and the transactions every writing call
 * runs in.
 *
 * A writing call brackets its work with r57__store_write_begin and
 * r57__store_write_end.  Outside r57_db_begin() that is a transaction of
 * its own (BEGIN IMMEDIATE … COMMIT, or ROLLBACK when the call fails), so
 * a failed call leaves the file as it was.  Inside r57_db_begin() the
 * calls share the caller's transaction: a call checks everything it can
 * before its first write, so a refused call has written nothing and the
 * transaction goes on; a call that fails after writing (out of memory,
 * I/O) cannot be undone on its own without a savepoint per call, which
 * would double the cost of bulk loads, so the whole transaction is rolled
 * back instead, and the error says so.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- open and close -------------------------------------------------- */

/* A random token, not a counter: no global state, and a handle opened
 * where a closed one stood does not take its identity. */
static uint64_t draw_token(const void *salt)
{
    uint64_t token;
    if (getrandom(&token, sizeof token, GRND_NONBLOCK) == (ssize_t)sizeof token)
        return token;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((uint64_t)ts.tv_sec * 1000000007u) ^ (uint64_t)ts.tv_nsec ^ (uint64_t)(uintptr_t)salt;
}

static r57_db *handle_new(const char *path, unsigned flags)
{
    r57_db *db = r57__calloc(1, sizeof *db);
    if (!db)
        return NULL;
    db->conn = r57__calloc(1, sizeof *db->conn);
    db->path = r57__strdup(path);
    if (!db->conn || !db->path) {
        r57__free(db->conn);
        r57__free(db->path);
        r57__free(db);
        return NULL;
    }
    r57__store_forget(db);
    db->token = draw_token(db);
    db->readonly = (flags & R57_OPEN_READONLY) != 0;
    return db;
}

/* The refusals of a file that exists but may not be written. */
static int check_writable(r57_db *db, int exists, const struct stat *sb)
{
    if (db->readonly)
        return R57_OK;
    /* SQLite silently falls back to read-only for a file we may not write;
     * a caller who asked to write must hear about it now, not at the first
     * write.  A file without write permission for anyone is refused even
     * when the process could write it anyway (root): the owner meant it. */
    if (sqlite3_db_readonly(db->conn->sq, "main") == 1 ||
        (exists && ((sb->st_mode & 0222) == 0 || access(db->path, W_OK) != 0)))
        return r57__error(R57_EREADONLY,
                          "database '%s' is read-only (file permissions); open "
                          "it with R57_OPEN_READONLY to read it",
                          db->path);
    return R57_OK;
}

/* Connection settings, the schema, then WAL: in that order. */
static int set_up(r57_db *db, int memory)
{
    int ret;
    /* Settings that change nothing in the file come first. */
    if ((ret = r57__sql_run(db, "PRAGMA foreign_keys = ON", "enabling foreign keys")) < 0 ||
        (ret = r57__store_schema_check(db)) < 0)
        return ret;
    /* A bigger page cache keeps bulk loads from spilling pages in the middle
     * of a transaction, and temporary data stays in memory. */
    if ((ret = r57__sql_run(db, "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY",
                            "setting up the connection")) < 0)
        return ret;
    /* Only now that the file is known to be ours may it be switched to WAL. */
    if (!memory && !db->readonly &&
        (ret = r57__sql_run(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                            "enabling write-ahead logging")) < 0)
        return ret;
    return r57__store_kpi_attach(db);
}

int r57__store_open(r57_db **out, const char *path, const r57_open_options *opts)
{
    r57_open_options defaults = R57_OPEN_OPTIONS_INIT;
    struct stat sb;
    int memory = strcmp(path, ":memory:") == 0;
    int ret;

    if (!opts)
        opts = &defaults;
    unsigned flags = opts->flags;
    int exists = !memory && stat(path, &sb) == 0;
    if (!memory && !exists && (flags & (R57_OPEN_NOCREATE | R57_OPEN_READONLY)))
        return r57__error(R57_ENOTFOUND, "database '%s' does not exist", path);
    if (exists && S_ISDIR(sb.st_mode))
        return r57__error(R57_EIO, "database '%s' is a directory", path);

    r57_db *db = handle_new(path, flags);
    if (!db)
        return r57__error_nomem();
    int oflags = (db->readonly ? SQLITE_OPEN_READONLY
                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                 SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    sqlite3 **sq = &db->conn->sq;
    int rc = sqlite3_open_v2(path, sq, oflags, NULL);
    if (rc != SQLITE_OK) {
        ret = rc == SQLITE_NOMEM
                  ? r57__error_nomem()
                  : r57__error_sqlite(R57_EIO, rc, "cannot open database '%s': %s", path,
                                      *sq ? sqlite3_errmsg(*sq) : sqlite3_errstr(rc));
        r57__store_close(db);
        return ret;
    }
    sqlite3_extended_result_codes(*sq, 1);
    sqlite3_busy_timeout(*sq, opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 0);
    if ((ret = check_writable(db, exists, &sb)) < 0 || (ret = set_up(db, memory)) < 0) {
        r57__store_close(db);
        return ret;
    }
    *out = db;
    return R57_OK;
}

void r57__store_close(r57_db *db)
{
    if (!db)
        return;
    if (db->kpi && db->kpi_free)
        db->kpi_free(db->kpi);
    if (db->resolver && db->resolver_free)
        db->resolver_free(db->resolver);
    for (int i = 0; i < S__COUNT; i++)
        sqlite3_finalize(db->conn->stmts[i]);
    if (db->conn->sq) {
        if (db->in_txn)
            sqlite3_exec(db->conn->sq, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close_v2(db->conn->sq);
    }
    r57__free(db->conn);
    r57__free(db->path);
    r57__free(db);
}

/* ---- transactions ---------------------------------------------------- */

static int run(r57_db *db, r57__stmt_id id, const char *what)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, id, &st);
    return ret < 0 ? ret : r57__sql_exec(db, st, what);
}

int r57__store_write_begin(r57_db *db, const char *func)
{
    if (db->readonly)
        return r57__error(R57_EREADONLY, "%s: database '%s' is opened read-only", func, db->path);
    if (db->aborted)
        return r57__error(R57_ESTATE,
                          "%s: the transaction was rolled back after a failed "
                          "call; call r57_db_rollback() first",
                          func);
    db->conn->changes_at_begin = sqlite3_total_changes64(db->conn->sq);
    if (db->in_txn)
        return R57_OK;
    return run(db, S_BEGIN, "starting a write");
}

void r57__store_forget(r57_db *db)
{
    db->setup_cache = -1;
    db->conn->head_valid = 0;
    db->writes++;
    db->units_gen++;
}

/* Rolls back the open transaction without touching the recorded error. */
static void rollback_quietly(r57_db *db)
{
    sqlite3_stmt *st = NULL;
    r57__store_forget(db);
    if (sqlite3_get_autocommit(db->conn->sq))
        return; /* SQLite rolled it back itself (it does for I/O errors) */
    if (r57__sql_stmt(db, S_ROLLBACK, &st) == R57_OK) {
        sqlite3_step(st);
        r57__sql_done(st);
    }
}

int r57__store_write_end(r57_db *db, int rc)
{
    if (!db->in_txn) {
        if (rc < 0) {
            rollback_quietly(db);
            return rc;
        }
        int ret = run(db, S_COMMIT, "committing");
        if (ret < 0)
            rollback_quietly(db);
        return ret;
    }
    /* Inside r57_db_begin(): a refused call wrote nothing and the
     * transaction goes on; one that failed after writing takes the
     * transaction with it (see the top of this file). */
    if (rc < 0 && sqlite3_total_changes64(db->conn->sq) != db->conn->changes_at_begin) {
        const r57_error *e = r57_error_last();
        char msg[R57__MSG_MAX];
        snprintf(msg, sizeof msg, "%s", r57_error_message(e));
        int sc = r57_error_sqlite_code(e);
        rollback_quietly(db);
        db->aborted = 1;
        r57__error_sqlite(rc, sc, "%s; the transaction was rolled back", msg);
    }
    return rc;
}

int r57__store_begin(r57_db *db)
{
    if (db->in_txn)
        return r57__error(R57_ESTATE, "r57_db_begin: a transaction is open already");
    if (db->readonly)
        return r57__error(R57_EREADONLY, "r57_db_begin: database '%s' is opened read-only",
                          db->path);
    int ret = run(db, S_BEGIN, "starting a transaction");
    if (ret == R57_OK)
        db->in_txn = 1;
    r57__store_forget(db);
    return ret;
}

int r57__store_commit(r57_db *db)
{
    if (!db->in_txn)
        return r57__error(R57_ESTATE, "r57_db_commit: no transaction is open");
    if (db->aborted)
        return r57__error(R57_ESTATE, "r57_db_commit: the transaction was rolled back after "
                                      "a failed call; call r57_db_rollback()");
    int ret = run(db, S_COMMIT, "committing the transaction");
    if (ret == R57_OK || sqlite3_get_autocommit(db->conn->sq))
        db->in_txn = 0;
    return ret;
}

int r57__store_rollback(r57_db *db)
{
    if (!db->in_txn)
        return r57__error(R57_ESTATE, "r57_db_rollback: no transaction is open");
    int ret = db->aborted ? R57_OK : run(db, S_ROLLBACK, "rolling back the transaction");
    r57__store_forget(db);
    db->in_txn = 0;
    db->aborted = 0;
    return ret;
}

static int data_version(r57_db *db, uint64_t *out)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_DATA_VERSION, &st);
    if (ret < 0)
        return ret;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = (uint64_t)sqlite3_column_int64(st, 0);
    else
        ret = r57__sql_error(db, rc, "reading the data version");
    r57__sql_done(st);
    return ret;
}

/* Both counters only grow, so counter * 1000003 + data_version only grows
 * too, and changes whenever either does. */
static int generation(r57_db *db, uint64_t counter, uint64_t *out)
{
    uint64_t version = 0;
    int ret = data_version(db, &version);
    if (ret == R57_OK)
        *out = counter * 1000003u + version;
    return ret;
}

int r57__store_data_generation(r57_db *db, uint64_t *out)
{
    return generation(db, db->writes, out);
}

int r57__store_units_generation(r57_db *db, uint64_t *out)
{
    return generation(db, db->units_gen, out);
}
