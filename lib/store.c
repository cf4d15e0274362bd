/*
 * The store's helpers: SQLite's errors as r57 errors, the statement cache
 * over the statement table (store_sql.c), stepping statements, cursors.
 * Every other store*.c file reads and writes through these.
 */
#include "store_internal.h"

int r57__sql_error(r57_db *db, int rc, const char *what)
{
    int code;
    switch (rc & 0xff) {
    case SQLITE_NOMEM: return r57__error_nomem();
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = R57_EBUSY; break;
    case SQLITE_READONLY: code = R57_EREADONLY; break;
    case SQLITE_NOTADB: code = R57_ENOTDB; break;
    case SQLITE_CONSTRAINT:
        /* A unique key taken is an object that exists already; other
         * constraints (foreign keys, NOT NULL) are objects that do not fit. */
        code = rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ? R57_EEXISTS
                                                                                    : R57_ECONFLICT;
        break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT: code = R57_EIO; break;
    default: code = R57_ERROR;
    }
    sqlite3 *sq = db && db->conn ? db->conn->sq : NULL;
    return r57__error_sqlite(code, rc, "%s: %s", what,
                             sq ? sqlite3_errmsg(sq) : sqlite3_errstr(rc));
}

int r57__sql_stmt(r57_db *db, r57__stmt_id id, sqlite3_stmt **out)
{
    sqlite3_stmt **slot = &db->conn->stmts[id];
    if (!*slot) {
        int rc = sqlite3_prepare_v3(db->conn->sq, r57__stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    slot, NULL);
        if (rc != SQLITE_OK)
            return r57__sql_error(db, rc, "preparing a statement");
    }
    *out = *slot;
    return R57_OK;
}

void r57__sql_done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

int r57__sql_exec(r57_db *db, sqlite3_stmt *st, const char *what)
{
    db->writes++;
    int rc = sqlite3_step(st);
    int ret = rc == SQLITE_DONE ? R57_OK : r57__sql_error(db, rc, what);
    r57__sql_done(st);
    return ret;
}

int r57__sql_int(r57_db *db, sqlite3_stmt *st, int64_t *out, const char *what)
{
    int rc = sqlite3_step(st), ret = R57_OK;
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        ret = R57_ENOTFOUND;
    else
        ret = r57__sql_error(db, rc, what);
    r57__sql_done(st);
    return ret;
}

int r57__sql_id_of(r57_db *db, r57__stmt_id id, const char *key, int64_t *out)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, id, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, key);
    ret = r57__sql_int(db, st, out, "looking up");
    return ret == R57_ENOTFOUND ? r57__error(R57_ENOTFOUND, "'%s' not found", key) : ret;
}

int r57__sql_run(r57_db *db, const char *sql, const char *what)
{
    int rc = sqlite3_exec(db->conn->sq, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? R57_OK : r57__sql_error(db, rc, what);
}

int64_t r57__sql_last_id(r57_db *db) { return sqlite3_last_insert_rowid(db->conn->sq); }
int r57__sql_changes(r57_db *db) { return sqlite3_changes(db->conn->sq); }

/* ---- cursors ------------------------------------------------------------ */

int r57__cursor_new(r57__cursor **out, r57_db *db, const char *sql)
{
    r57__cursor *c = r57__calloc(1, sizeof *c);
    if (!c)
        return r57__error_nomem();
    c->db = db;
    int rc = sqlite3_prepare_v2(db->conn->sq, sql, -1, &c->st, NULL);
    if (rc != SQLITE_OK) {
        int ret = r57__sql_error(db, rc, "preparing a query");
        r57__free(c);
        return ret;
    }
    *out = c;
    return R57_OK;
}

int r57__cursor_open(r57__cursor **out, r57_db *db, r57__stmt_id id)
{
    return r57__cursor_new(out, db, r57__stmt_sql[id]);
}

int r57__cursor_step(r57__cursor *c)
{
    if (c->over)
        return R57_ITEROVER;
    int rc = sqlite3_step(c->st);
    if (rc == SQLITE_ROW)
        return R57_OK;
    c->over = 1;
    if (rc == SQLITE_DONE)
        return R57_ITEROVER;
    return r57__sql_error(c->db, rc, "reading");
}

void r57__cursor_free(r57__cursor *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->st);
    r57__free(c);
}
