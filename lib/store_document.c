/*
 * Documents, the database's settings, and the accountability rules that
 * a document or the database sets (document.c).
 */
#include "store_internal.h"

int r57__store_doc_insert(r57_db *db, const char *number, int kind, r57_date issued,
                          const char *issuer, const char *title)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_DOC_INSERT, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, number);
    sqlite3_bind_int(st, 2, kind);
    r57__sql_bind_date(st, 3, issued);
    r57__sql_bind_text(st, 4, issuer);
    r57__sql_bind_text(st, 5, title);
    return r57__sql_exec(db, st, "storing a document");
}

int r57__store_doc_id(r57_db *db, const char *number, int64_t *id)
{
    return r57__sql_id_of(db, S_DOC_ID_BY_NUMBER, number, id);
}

static void doc_row(sqlite3_stmt *st, r57__doc_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->number = r57__sql_text(st, 1);
    row->kind = sqlite3_column_int(st, 2);
    row->issued = r57__sql_date(st, 3);
    row->issuer = r57__sql_text(st, 4);
    row->title = r57__sql_text(st, 5);
}

int r57__store_doc_by_number(r57_db *db, const char *number, r57__doc_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_DOC_BY_NUMBER, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, number);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__doc_row row;
        doc_row(st, &row);
        ret = fn(&row, payload);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "document '%s' not found", number);
    } else {
        ret = r57__sql_error(db, rc, "reading a document");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_doc_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_DOC_ALL);
}

int r57__store_doc_cursor_next(r57__cursor *c, r57__doc_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        doc_row(c->st, row);
    return ret;
}

/* ---- settings and accountability rules ----------------------------------- */

int r57__store_setting_get(r57_db *db, const char *key, char **out)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_SETTING_GET, &st), rc;
    *out = NULL;
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = r57__strdup(r57__sql_text(st, 0));
        ret = *out ? R57_OK : r57__error_nomem();
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "setting '%s' is not set", key);
    } else {
        ret = r57__sql_error(db, rc, "reading a setting");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_setting_put(r57_db *db, const char *key, const char *value)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, value ? S_SETTING_PUT : S_SETTING_DELETE, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, key);
    if (value)
        r57__sql_bind_text(st, 2, value);
    return r57__sql_exec(db, st, "storing a setting");
}

int r57__store_document_set_rule(r57_db *db, int64_t document_id, const char *rule)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_DOC_SET_RULE, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, rule);
    sqlite3_bind_int64(st, 2, document_id);
    return r57__sql_exec(db, st, "storing a document's accountability rule");
}

int r57__store_rule_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_RULE_ALL);
}

int r57__store_rule_cursor_next(r57__cursor *c, const char **document, const char **rule)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK) {
        *document = r57__sql_text(c->st, 0);
        *rule = r57__sql_text(c->st, 1);
    }
    return ret;
}
