/*
 * Units and the names they are known by: the registry (unit.c), the
 * resolver's snapshot of it (resolve.c), and the tree the KPI engine rolls
 * values up (kpi.c).  A unit or a name written bumps db->units_gen, so the
 * resolver's snapshot is rebuilt.
 */
#include "store_internal.h"

int r57__store_unit_name_add(r57_db *db, int64_t unit_id, int kind, const char *name,
                             const char *of, const char *since, int *added)
{
    db->units_gen++;
    sqlite3_stmt *st = NULL;
    char *key = NULL, *bare = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_NAME_INSERT, &st);
    if (ret == R57_OK)
        ret = r57__text_key(&key, name, 0);
    if (ret == R57_OK)
        ret = r57__text_key(&bare, name, R57__TEXT_BARE);
    if (ret == R57_OK) {
        sqlite3_bind_int64(st, 1, unit_id);
        sqlite3_bind_int(st, 2, kind);
        r57__sql_bind_text(st, 3, name);
        r57__sql_bind_text(st, 4, key);
        r57__sql_bind_text(st, 5, bare);
        r57__sql_bind_text(st, 6, of);
        r57__sql_bind_text(st, 7, since);
        ret = r57__sql_exec(db, st, "storing a unit name");
        if (ret == R57_OK && added)
            *added = r57__sql_changes(db) > 0;
    }
    r57__free(key);
    r57__free(bare);
    return ret;
}

int r57__store_unit_insert(r57_db *db, const char *code, const char *name, int kind,
                           int64_t parent_id)
{
    sqlite3_stmt *st = NULL;
    char *key = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_INSERT, &st);
    if (ret < 0 || (ret = r57__text_key(&key, name, 0)) < 0)
        return ret;
    r57__sql_bind_text(st, 1, code);
    r57__sql_bind_text(st, 2, name);
    r57__sql_bind_text(st, 3, key);
    sqlite3_bind_int(st, 4, kind);
    r57__sql_bind_id(st, 5, parent_id);
    ret = r57__sql_exec(db, st, "storing a unit");
    r57__free(key);
    if (ret == R57_OK)
        ret = r57__store_unit_name_add(db, r57__sql_last_id(db), 0, name, NULL, NULL, NULL);
    return ret;
}

int r57__store_unit_update(r57_db *db, int64_t id, const char *name, int kind, int64_t parent_id)
{
    db->units_gen++;
    sqlite3_stmt *st = NULL;
    char *key = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_UPDATE, &st);
    if (ret < 0 || (ret = r57__text_key(&key, name, 0)) < 0)
        return ret;
    r57__sql_bind_text(st, 1, name);
    r57__sql_bind_text(st, 2, key);
    sqlite3_bind_int(st, 3, kind);
    r57__sql_bind_id(st, 4, parent_id);
    sqlite3_bind_int64(st, 5, id);
    ret = r57__sql_exec(db, st, "updating a unit");
    r57__free(key);
    return ret;
}

int r57__store_unit_name_delete(r57_db *db, int64_t unit_id, int kind, const char *name)
{
    db->units_gen++;
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_NAME_DELETE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    sqlite3_bind_int(st, 2, kind);
    r57__sql_bind_text(st, 3, name);
    return r57__sql_exec(db, st, "removing a unit name");
}

int r57__store_unit_names(r57_db *db, int64_t unit_id,
                          int (*fn)(const r57__unit_name_row *row, void *payload), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_NAMES, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r57__unit_name_row row = { sqlite3_column_int(st, 0), r57__sql_text(st, 1),
                                   r57__sql_text(st, 2), r57__sql_text(st, 3) };
        if ((ret = fn(&row, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading unit names");
    r57__sql_done(st);
    return ret;
}

int r57__store_registry_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_REGISTRY);
}

int r57__store_registry_next(r57__cursor *c, r57__registry_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK) {
        sqlite3_stmt *st = c->st;
        row->code = r57__sql_text(st, 0);
        row->unit_name = r57__sql_text(st, 1);
        row->unit_kind = sqlite3_column_int(st, 2);
        row->name_kind = sqlite3_column_int(st, 3);
        row->name = r57__sql_text(st, 4);
        row->key = r57__sql_text(st, 5);
        row->bare = r57__sql_text(st, 6);
        row->of = r57__sql_text(st, 7);
        row->since = r57__sql_text(st, 8);
        row->parent = r57__sql_text(st, 9);
    }
    return ret;
}

int r57__store_unit_id(r57_db *db, const char *code, int64_t *id)
{
    return r57__sql_id_of(db, S_UNIT_ID_BY_CODE, code, id);
}

static void unit_row(sqlite3_stmt *st, r57__unit_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->code = r57__sql_text(st, 1);
    row->name = r57__sql_text(st, 2);
    row->kind = sqlite3_column_int(st, 3);
    row->parent_code = r57__sql_text(st, 4);
}

static int unit_rows(r57_db *db, r57__stmt_id id, const char *key, r57__unit_row_fn fn,
                     void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, id, &st), rc, found = 0;
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, key);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r57__unit_row row;
        unit_row(st, &row);
        found = 1;
        if ((ret = fn(&row, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        ret = r57__sql_error(db, rc, "reading units");
    else if (ret == R57_OK && !found)
        ret = r57__error(R57_ENOTFOUND, "unit '%s' not found", key);
    r57__sql_done(st);
    return ret;
}

int r57__store_unit_by_code(r57_db *db, const char *code, r57__unit_row_fn fn, void *payload)
{
    return unit_rows(db, S_UNIT_BY_CODE, code, fn, payload);
}

/* The units one of whose names has name's key (bare: without diacritics). */
static int unit_rows_by_key(r57_db *db, const char *name, int flags, r57__unit_row_fn fn,
                            void *payload)
{
    char *key;
    int ret = r57__text_key(&key, name, flags);
    if (ret < 0)
        return ret;
    ret = unit_rows(db, flags & R57__TEXT_BARE ? S_UNIT_BY_BARE : S_UNIT_BY_NAME, key, fn, payload);
    r57__free(key);
    return ret;
}

int r57__store_unit_by_name(r57_db *db, const char *name, r57__unit_row_fn fn, void *payload)
{
    return unit_rows_by_key(db, name, 0, fn, payload);
}

int r57__store_unit_by_bare(r57_db *db, const char *name, r57__unit_row_fn fn, void *payload)
{
    return unit_rows_by_key(db, name, R57__TEXT_BARE, fn, payload);
}

int r57__store_unit_cursor(r57__cursor **out, r57_db *db, int64_t root_id)
{
    if (!root_id)
        return r57__cursor_open(out, db, S_UNIT_ALL);
    int ret = r57__cursor_open(out, db, S_UNIT_SUBTREE);
    if (ret == R57_OK)
        sqlite3_bind_int64((*out)->st, 1, root_id);
    return ret;
}

int r57__store_unit_cursor_tree(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_UNIT_ALL_TREE);
}

int r57__store_unit_cursor_next(r57__cursor *c, r57__unit_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        unit_row(c->st, row);
    return ret;
}

int r57__store_unit_parent(r57_db *db, int64_t unit_id, int64_t *parent_id)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_PARENT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    *parent_id = 0;
    return r57__sql_int(db, st, parent_id, "looking up a unit");
}

int r57__store_unit_code(r57_db *db, int64_t unit_id, char **code)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_CODE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    *code = NULL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        ret = (*code = r57__strdup(r57__sql_text(st, 0))) ? R57_OK : r57__error_nomem();
    else
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND : r57__sql_error(db, rc, "looking up a unit");
    r57__sql_done(st);
    return ret;
}

int r57__store_unit_tree(r57_db *db, int (*fn)(int64_t, int64_t, const char *, void *),
                         void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_UNIT_TREE, &st), rc;
    if (ret < 0)
        return ret;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                      r57__sql_text(st, 2), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading the unit tree");
    r57__sql_done(st);
    return ret;
}
