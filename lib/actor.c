/* Actors and the roles they are granted (docs/access.md); what a role is
 * and the checks made with it are access.c's. */
#include "access.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

/* ---- actors --------------------------------------------------------------- */

int r57_actor_create(r57_db *db, const char *actor, const char *code, const char *name)
{
    int ret;
    if (!db)
        return r57__error(R57_EINVAL, "r57_actor_create: db is NULL");
    if ((ret = r57__require("r57_actor_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_actor_create", "code", code)) < 0 ||
        (ret = r57__require("r57_actor_create", "name", name)) < 0)
        return ret;
    if (strpbrk(code, " \t\r\n\v\f"))
        return r57__error(R57_EINVAL, "actor code '%s' contains whitespace", code);
    if ((ret = r57__store_write_begin(db, "r57_actor_create")) < 0)
        return ret;
    ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, -1, "register actor '%s'", code);
    int64_t id;
    if (ret == R57_OK) {
        ret = r57__store_actor_id(db, code, &id);
        if (ret == R57_OK)
            ret = r57__error(R57_EEXISTS, "actor '%s' exists already", code);
        else if (ret == R57_ENOTFOUND)
            ret = R57_OK;
    }
    if (ret == R57_OK)
        ret = r57__store_actor_insert(db, code, name);
    if (ret == R57_OK) {
        r57__buf j = R57__BUF_INIT;
        r57__buf_puts(&j, "{\"code\":");
        r57__buf_json_string(&j, code);
        r57__buf_puts(&j, ",\"name\":");
        r57__buf_json_string(&j, name);
        r57__buf_puts(&j, "}");
        ret = j.failed ? r57__error_nomem()
                       : r57__store_journal(db, actor, "actor", code, "create", NULL, j.ptr);
        r57__buf_free(&j);
    }
    return r57__store_write_end(db, ret);
}

/* Resolves the actor and unit of a grant or revoke; unit NULL: 0. */
static int role_target(r57_db *db, const char *func, const char *code, int role, const char *unit,
                       int64_t *actor_id, int64_t *unit_id)
{
    int ret;
    if ((ret = r57__require(func, "code", code)) < 0)
        return ret;
    if (!r57_role_name(role))
        return r57__error(R57_EINVAL, "actor '%s': %d is not a role", code, role);
    if (unit && !*unit)
        return r57__error(R57_EINVAL, "%s: unit is empty (NULL means system-wide)", func);
    *unit_id = 0;
    ret = r57__store_actor_id(db, code, actor_id);
    if (ret == R57_OK && unit) {
        ret = r57__store_unit_id(db, unit, unit_id);
        if (ret == R57_ENOTFOUND)
            ret = r57__error(R57_ENOTFOUND, "actor '%s': unknown unit code '%s'", code, unit);
    }
    return ret;
}

static int journal_role(r57_db *db, const char *actor, const char *code, const char *action,
                        int role, const char *unit)
{
    r57__buf j = R57__BUF_INIT;
    r57__buf_printf(&j, "{\"role\":\"%s\",\"unit\":", r57_role_name(role));
    r57__buf_json_string(&j, unit);
    r57__buf_puts(&j, "}");
    int ret = j.failed ? r57__error_nomem()
                       : r57__store_journal(db, actor, "actor", code, action,
                                            strcmp(action, "revoke") == 0 ? j.ptr : NULL,
                                            strcmp(action, "revoke") == 0 ? NULL : j.ptr);
    r57__buf_free(&j);
    return ret;
}

int r57_actor_grant(r57_db *db, const char *actor, const char *code, r57_role_t role,
                    const char *unit)
{
    int ret;
    int64_t actor_id, unit_id;
    if (!db)
        return r57__error(R57_EINVAL, "r57_actor_grant: db is NULL");
    if ((ret = r57__require("r57_actor_grant", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, "r57_actor_grant")) < 0)
        return ret;
    ret = role_target(db, "r57_actor_grant", code, role, unit, &actor_id, &unit_id);
    if (ret == R57_OK)
        ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, unit_id,
                              "give actor '%s' the %s role", code, r57_role_name(role));
    if (ret == R57_OK) {
        ret = r57__store_role_insert(db, actor_id, role, unit_id);
        if (ret == R57_EEXISTS) /* the unique (actor, role, unit) */
            ret = r57__error(R57_EEXISTS, "actor '%s' holds the %s role %s%s%s already", code,
                             r57_role_name(role), unit ? "in unit '" : "system-wide",
                             unit ? unit : "", unit ? "'" : "");
    }
    if (ret == R57_OK)
        ret = journal_role(db, actor, code, "grant", role, unit);
    if (role == R57_ROLE_ADMINISTRATOR)
        db->setup_cache = -1;
    return r57__store_write_end(db, ret);
}

int r57_actor_revoke(r57_db *db, const char *actor, const char *code, r57_role_t role,
                     const char *unit)
{
    int ret;
    int64_t actor_id, unit_id;
    if (!db)
        return r57__error(R57_EINVAL, "r57_actor_revoke: db is NULL");
    if ((ret = r57__require("r57_actor_revoke", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, "r57_actor_revoke")) < 0)
        return ret;
    ret = role_target(db, "r57_actor_revoke", code, role, unit, &actor_id, &unit_id);
    if (ret == R57_OK)
        ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, unit_id,
                              "take the %s role from actor '%s'", r57_role_name(role), code);
    int64_t admins = 0;
    if (ret == R57_OK && role == R57_ROLE_ADMINISTRATOR &&
        (ret = r57__store_role_count(db, role, &admins)) == R57_OK && admins <= 1)
        ret = r57__error(R57_ESTATE,
                         "actor '%s' holds the last administrator role; grant "
                         "another before taking it back",
                         code);
    int deleted = 0;
    if (ret == R57_OK &&
        (ret = r57__store_role_delete(db, actor_id, role, unit_id, &deleted)) == R57_OK && !deleted)
        ret = r57__error(R57_ENOTFOUND, "actor '%s' does not hold the %s role %s%s%s", code,
                         r57_role_name(role), unit ? "in unit '" : "system-wide", unit ? unit : "",
                         unit ? "'" : "");
    if (ret == R57_OK)
        ret = journal_role(db, actor, code, "revoke", role, unit);
    if (role == R57_ROLE_ADMINISTRATOR)
        db->setup_cache = -1;
    return r57__store_write_end(db, ret);
}

int r57_actor_has_role(bool *out, r57_db *db, const char *code, r57_role_t role, const char *unit)
{
    int ret;
    int64_t actor_id, unit_id;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_actor_has_role: %s is NULL", out ? "db" : "out");
    if ((ret = role_target(db, "r57_actor_has_role", code, role, unit, &actor_id, &unit_id)) < 0)
        return ret;
    int has = 0;
    if ((ret = r57__store_has_role(db, code, role, unit_id, &has)) == R57_OK)
        *out = has;
    return ret;
}

int r57_db_setup_mode(bool *out, r57_db *db)
{
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_db_setup_mode: %s is NULL", out ? "db" : "out");
    int admin = 0;
    int ret = r57__store_role_exists(db, R57_ROLE_ADMINISTRATOR, &admin);
    if (ret == R57_OK)
        *out = !admin;
    return ret;
}
