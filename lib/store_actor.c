/*
 * Actors and the roles they hold (actor.c), and the role queries the
 * access checks ask (access.c).
 */
#include "store_internal.h"

/* An EXISTS or count(*) of one integer parameter. */
static int role_number(r57_db *db, r57__stmt_id id, int role, int64_t *n, const char *what)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, id, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, role);
    return r57__sql_int(db, st, n, what);
}

int r57__store_role_exists(r57_db *db, int role, int *out)
{
    int64_t n = 0;
    int ret = role_number(db, S_ROLE_EXISTS, role, &n, "looking up roles");
    *out = n != 0;
    return ret;
}

int r57__store_role_count(r57_db *db, int role, int64_t *n)
{
    return role_number(db, S_ROLE_COUNT, role, n, "counting roles");
}

int r57__store_actor_id(r57_db *db, const char *code, int64_t *id)
{
    int ret = r57__sql_id_of(db, S_ACTOR_ID, code, id);
    return ret == R57_ENOTFOUND ? r57__error(R57_ENOTFOUND, "unknown actor '%s'", code) : ret;
}

int r57__store_actor_insert(r57_db *db, const char *code, const char *name)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_ACTOR_INSERT, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, code);
    r57__sql_bind_text(st, 2, name);
    return r57__sql_exec(db, st, "storing an actor");
}

int r57__store_role_insert(r57_db *db, int64_t actor_id, int role, int64_t unit_id)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_ROLE_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, actor_id);
    sqlite3_bind_int(st, 2, role);
    r57__sql_bind_id(st, 3, unit_id);
    return r57__sql_exec(db, st, "storing a role");
}

int r57__store_role_delete(r57_db *db, int64_t actor_id, int role, int64_t unit_id, int *deleted)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_ROLE_DELETE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, actor_id);
    sqlite3_bind_int(st, 2, role);
    r57__sql_bind_id(st, 3, unit_id);
    ret = r57__sql_exec(db, st, "removing a role");
    *deleted = ret == R57_OK && r57__sql_changes(db) > 0;
    return ret;
}

int r57__store_has_role(r57_db *db, const char *actor, int role, int64_t unit_id, int *out)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    r57__stmt_id id = unit_id > 0    ? S_HAS_ROLE_UNIT
                      : unit_id == 0 ? S_HAS_ROLE_SYSTEM
                                     : S_HAS_ROLE_ANY;
    int ret = r57__sql_stmt(db, id, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, actor);
    sqlite3_bind_int(st, 2, role);
    if (unit_id > 0)
        sqlite3_bind_int64(st, 3, unit_id);
    ret = r57__sql_int(db, st, &n, "looking up roles");
    *out = n != 0;
    return ret;
}

int r57__store_actor_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_ACTOR_ALL);
}

int r57__store_actor_cursor_next(r57__cursor *c, const char **code, const char **name, int *role,
                                 const char **unit)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = c->st;
    *code = r57__sql_text(st, 0);
    *name = r57__sql_text(st, 1);
    *role = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2);
    *unit = r57__sql_text(st, 3);
    return R57_OK;
}
