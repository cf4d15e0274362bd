/*
 * Unit groups ("central", "local"): their names, members and the figures
 * reported for a group as a whole (group.c, kpi.c).
 */
#include "store_internal.h"

static int group_rows(r57_db *db, r57__stmt_id k, const char *arg, r57__group_row_fn fn,
                      void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, k, &st), rc, n = 0;
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, arg);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r57__group_row r = { sqlite3_column_int64(st, 0), r57__sql_text(st, 1),
                             r57__sql_text(st, 2) };
        n++;
        if ((ret = fn(&r, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading unit groups");
    else if (ret == R57_OK && n == 0 && k != S_GROUP_ALL)
        ret = r57__error(R57_ENOTFOUND, "no such unit group");
    r57__sql_done(st);
    return ret;
}

int r57__store_group_by_code(r57_db *db, const char *code, r57__group_row_fn fn, void *payload)
{
    return group_rows(db, S_GROUP_BY_CODE, code, fn, payload);
}

int r57__store_group_by_name(r57_db *db, const char *name, int bare, r57__group_row_fn fn,
                             void *payload)
{
    char *key;
    int ret = r57__text_key(&key, name, bare ? R57__TEXT_BARE : 0);
    if (ret < 0)
        return ret;
    ret = group_rows(db, bare ? S_GROUP_BY_BARE : S_GROUP_BY_KEY, key, fn, payload);
    r57__free(key);
    return ret;
}

int r57__store_group_all(r57_db *db, r57__group_row_fn fn, void *payload)
{
    return group_rows(db, S_GROUP_ALL, NULL, fn, payload);
}

static int group_id_row(const r57__group_row *row, void *payload)
{
    *(int64_t *)payload = row->id;
    return R57_OK;
}

int r57__store_group_id(r57_db *db, const char *code, int64_t *id)
{
    *id = 0;
    return r57__store_group_by_code(db, code, group_id_row, id);
}

int r57__store_group_insert(r57_db *db, const char *code, const char *name, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_INSERT, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, code);
    r57__sql_bind_text(st, 2, name);
    ret = r57__sql_exec(db, st, "storing a unit group");
    if (ret == R57_OK)
        *id = r57__sql_last_id(db);
    return ret;
}

int r57__store_group_update(r57_db *db, int64_t id, const char *name)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_UPDATE, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, id);
    return r57__sql_exec(db, st, "renaming a unit group");
}

int r57__store_group_name_add(r57_db *db, int64_t id, int kind, const char *name, int *added)
{
    sqlite3_stmt *st = NULL;
    char *key = NULL, *bare = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_NAME_INSERT, &st);
    if (ret == R57_OK)
        ret = r57__text_key(&key, name, 0);
    if (ret == R57_OK)
        ret = r57__text_key(&bare, name, R57__TEXT_BARE);
    if (ret == R57_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, kind);
        r57__sql_bind_text(st, 3, name);
        r57__sql_bind_text(st, 4, key);
        r57__sql_bind_text(st, 5, bare);
        ret = r57__sql_exec(db, st, "storing a unit group's name");
        *added = ret == R57_OK && r57__sql_changes(db) > 0;
    }
    r57__free(key);
    r57__free(bare);
    return ret;
}

int r57__store_group_names(r57_db *db, int64_t id,
                           int (*fn)(int kind, const char *name, void *payload), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_NAMES, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int(st, 0), r57__sql_text(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading a unit group's names");
    r57__sql_done(st);
    return ret;
}

int r57__store_group_member_add(r57_db *db, int64_t id, int64_t unit_id, int *added)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_MEMBER_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, unit_id);
    ret = r57__sql_exec(db, st, "storing a unit group's member");
    *added = ret == R57_OK && r57__sql_changes(db) > 0;
    return ret;
}

int r57__store_group_members(r57_db *db, int64_t id,
                             int (*fn)(int64_t unit_id, const char *code, void *payload),
                             void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_MEMBERS, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), r57__sql_text(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading a unit group's members");
    r57__sql_done(st);
    return ret;
}

int r57__store_group_members_all(r57_db *db,
                                 int (*fn)(int64_t group_id, int64_t unit_id, void *payload),
                                 void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_MEMBERS_ALL, &st), rc;
    if (ret < 0)
        return ret;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading unit group members");
    r57__sql_done(st);
    return ret;
}

int r57__store_group_value_put(r57_db *db, int64_t element_id, int64_t group_id, r57_period period,
                               double value, const char *source, const char *reported_by)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_VALUE_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    sqlite3_bind_int64(st, 3, group_id);
    sqlite3_bind_double(st, 4, value);
    r57__sql_bind_text(st, 5, source);
    r57__sql_bind_text(st, 6, reported_by);
    return r57__sql_exec(db, st, "storing a unit group's value");
}

int r57__store_group_value_get(r57_db *db, int64_t element_id, int64_t group_id, r57_period period,
                               double *value, int *found, char **source)
{
    return r57__store_value_read(db, S_GROUP_VALUE_GET, "reading a unit group's value", element_id,
                                 group_id, period, value, found, source);
}

int r57__store_group_values_of(r57_db *db, int64_t element_id, r57_period period,
                               int (*fn)(int64_t group_id, double value, void *payload),
                               void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_GROUP_VALUES_OF, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading unit groups' values");
    r57__sql_done(st);
    return ret;
}

int r57__store_group_value_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_GROUP_VALUE_ALL);
}
