/*
 * The journal's SQL: appending an entry chained to the one before it
 * (journal_hash.c), and reading the journal back (journal.c verifies and
 * iterates it).
 */
#include "store_internal.h"

#include <string.h>

int r57__store_journal_head(r57_db *db, char head[R57_SHA256_HEX_SIZE])
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_JOURNAL_HEAD, &st);
    if (ret < 0)
        return ret;
    head[0] = '\0';
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *h = r57__sql_text(st, 0);
        if (h && strlen(h) == R57_SHA256_HEX_SIZE - 1)
            memcpy(head, h, R57_SHA256_HEX_SIZE);
    } else if (rc != SQLITE_DONE) {
        ret = r57__sql_error(db, rc, "reading the journal");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_journal(r57_db *db, const char *actor, const char *object, const char *key,
                       const char *action, const char *old_json, const char *new_json)
{
    struct r57__conn *cn = db->conn;
    sqlite3_stmt *st = NULL;
    char at[64], prev[R57_SHA256_HEX_SIZE], hash[R57_SHA256_HEX_SIZE];
    int ret = R57_OK;
    /* Inside r57_db_begin the write lock is held: nobody else appends, and
     * the head need not be read again for every entry of a bulk load. */
    if (db->in_txn && cn->head_valid)
        memcpy(prev, cn->head, sizeof prev);
    else
        ret = r57__store_journal_head(db, prev);
    if (ret < 0 || (ret = r57__sql_stmt(db, S_JOURNAL_INSERT, &st)) < 0)
        return ret;
    r57__timestamp_now(at);
    r57__journal_row row = { 0, at, actor, object, key, action, old_json, new_json, prev, NULL };
    r57__journal_hash(hash, prev, &row);
    r57__sql_bind_text(st, 1, at);
    r57__sql_bind_text(st, 2, actor);
    r57__sql_bind_text(st, 3, object);
    r57__sql_bind_text(st, 4, key);
    r57__sql_bind_text(st, 5, action);
    r57__sql_bind_text(st, 6, old_json);
    r57__sql_bind_text(st, 7, new_json);
    r57__sql_bind_text(st, 8, prev);
    r57__sql_bind_text(st, 9, hash);
    ret = r57__sql_exec(db, st, "writing the journal");
    if (ret == R57_OK && db->in_txn) {
        memcpy(cn->head, hash, sizeof cn->head);
        cn->head_valid = 1;
    }
    return ret;
}

int r57__store_journal_seq_of_hash(r57_db *db, const char *hash, int64_t *seq)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_JOURNAL_SEQ_OF_HASH, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, hash);
    *seq = 0;
    return r57__sql_int(db, st, seq, "searching the journal");
}

int r57__store_journal_cursor(r57__cursor **out, r57_db *db, const char *object, const char *key)
{
    int ret = r57__cursor_open(out, db,
                               !object ? S_JOURNAL_ALL
                               : key   ? S_JOURNAL_OF_OBJECT
                                       : S_JOURNAL_OF_KIND);
    if (ret == R57_OK && object) {
        /* The cursor outlives the caller's strings: SQLite keeps copies, and
         * a copy that could not be made would leave the parameter NULL (an
         * empty iteration), so it is out of memory. */
        sqlite3_stmt *st = (*out)->st;
        int rc = sqlite3_bind_text(st, 1, object, -1, SQLITE_TRANSIENT);
        if (rc == SQLITE_OK && key)
            rc = sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
        if (rc != SQLITE_OK) {
            r57__cursor_free(*out);
            *out = NULL;
            return r57__error_nomem();
        }
    }
    return ret;
}

int r57__store_journal_cursor_next(r57__cursor *c, r57__journal_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = c->st;
    row->seq = sqlite3_column_int64(st, 0);
    row->at = r57__sql_text(st, 1);
    row->actor = r57__sql_text(st, 2);
    row->object = r57__sql_text(st, 3);
    row->key = r57__sql_text(st, 4);
    row->action = r57__sql_text(st, 5);
    row->old_json = r57__sql_text(st, 6);
    row->new_json = r57__sql_text(st, 7);
    row->prev_hash = r57__sql_text(st, 8);
    row->hash = r57__sql_text(st, 9);
    return R57_OK;
}
