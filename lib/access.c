/*
 * The roles, and the access checks (docs/access.md): whether an actor
 * holds the role a call needs over the unit it touches.  Every writing call asks inside its
 * transaction, before its first write.  In setup mode (no administrator
 * yet) and while an import or a catalogue load lifts the per-object checks
 * (db->access_bypass) everything is allowed.
 */
#include "access.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

static const char *const role_names[] = { "reporter", "verifier", "manager", "administrator",
                                          "auditor" };
#define ROLE_COUNT ((int)(sizeof role_names / sizeof role_names[0]))

const char *r57_role_name(r57_role_t role)
{
    return role >= 0 && role < ROLE_COUNT ? role_names[role] : NULL;
}

int r57_role_parse(r57_role_t *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_role_parse: NULL argument");
    for (int i = 0; i < ROLE_COUNT; i++)
        if (strcmp(role_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "role '%s' is not one of reporter, verifier, manager, "
                      "administrator, auditor",
                      name);
}

int r57__access_open(r57_db *db)
{
    int admin = 0;
    if (db->access_bypass > 0)
        return 1;
    if (db->in_txn && db->setup_cache >= 0)
        return db->setup_cache;
    int ret = r57__store_role_exists(db, R57_ROLE_ADMINISTRATOR, &admin);
    if (ret < 0)
        return ret;
    if (db->in_txn)
        db->setup_cache = !admin;
    return !admin;
}

/* Where a role must be held, in words, for a refusal. */
/* Where the role is needed, in words: a new string (NULL when out of memory). */
static char *scope_words(r57_db *db, int64_t unit_id)
{
    char *words = NULL, *code = NULL;
    if (unit_id == 0)
        r57__strfmt(&words, "system-wide");
    else if (unit_id < 0)
        r57__strfmt(&words, "in any unit");
    else if (r57__store_unit_code(db, unit_id, &code) == R57_OK && code)
        r57__strfmt(&words, "in unit '%s' or above", code);
    else
        r57__strfmt(&words, "in unit %lld or above", (long long)unit_id);
    r57__free(code);
    return words;
}

int r57__access2(r57_db *db, const char *actor, int role, int role2, int64_t unit_id,
                 const char *what)
{
    int open = r57__access_open(db);
    if (open != 0)
        return open < 0 ? open : R57_OK;
    /* The role query joins the actor by code: an unknown actor holds no
     * role, so whether it is registered is asked only to word a refusal. */
    int has = 0, ret = r57__store_has_role(db, actor, role, unit_id, &has);
    if (ret < 0)
        return ret;
    if (!has && role2 >= 0 && (ret = r57__store_has_role(db, actor, role2, unit_id, &has)) < 0)
        return ret;
    if (has)
        return R57_OK;
    int64_t actor_id;
    ret = r57__store_actor_id(db, actor, &actor_id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_EPERM, "actor '%s' may not %s: '%s' is not a registered actor", actor,
                          what, actor);
    if (ret < 0)
        return ret;
    char *where = scope_words(db, unit_id);
    if (!where)
        ret = r57__error_nomem();
    else if (role2 >= 0)
        ret = r57__error(R57_EPERM, "actor '%s' may not %s: that needs the %s or %s role %s", actor,
                         what, role_names[role], role_names[role2], where);
    else
        ret = r57__error(R57_EPERM, "actor '%s' may not %s: that needs the %s role %s", actor, what,
                         role_names[role], where);
    r57__free(where);
    return ret;
}

int r57__access(r57_db *db, const char *actor, int role, int64_t unit_id, const char *what)
{
    return r57__access2(db, actor, role, -1, unit_id, what);
}

int r57__access_fmt(r57_db *db, const char *actor, int role, int64_t unit_id, const char *fmt, ...)
{
    r57__buf what = R57__BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    r57__buf_vprintf(&what, fmt, ap);
    va_end(ap);
    int ret = what.failed ? r57__error_nomem() : r57__access(db, actor, role, unit_id, what.ptr);
    r57__buf_free(&what);
    return ret;
}

int r57__access_task(r57_db *db, const char *actor, int role, int role2, const r57__task_facts *f,
                     const char *doing)
{
    r57__buf what = R57__BUF_INIT;
    r57__buf_printf(&what, "%s %s", doing, f->name);
    int ret = what.failed ? r57__error_nomem()
                          : r57__access2(db, actor, role, role2, f->owner_unit_id, what.ptr);
    r57__buf_free(&what);
    return ret;
}

int r57__access_verify(r57_db *db, const char *actor, const r57__task_facts *f, int64_t evidence_id)
{
    int open = r57__access_open(db);
    if (open != 0)
        return open < 0 ? open : R57_OK;
    int64_t owner_parent = 0;
    int has = 0, ret = R57_OK;
    if (f->owner_unit_id > 0)
        ret = r57__store_unit_parent(db, f->owner_unit_id, &owner_parent);
    if (ret == R57_OK && f->authority_unit_id > 0)
        ret = r57__store_has_role(db, actor, R57_ROLE_VERIFIER, f->authority_unit_id, &has);
    if (ret == R57_OK && !has && owner_parent > 0)
        ret = r57__store_has_role(db, actor, R57_ROLE_VERIFIER, owner_parent, &has);
    if (ret == R57_OK && !has && f->authority_unit_id <= 0 && owner_parent <= 0)
        ret = r57__store_has_role(db, actor, R57_ROLE_VERIFIER, 0, &has);
    if (ret < 0 || has)
        return ret;
    char *auth = NULL, *owner = NULL;
    if (f->authority_unit_id > 0 &&
        (ret = r57__store_unit_code(db, f->authority_unit_id, &auth)) < 0)
        return ret;
    if (f->owner_unit_id > 0 && (ret = r57__store_unit_code(db, f->owner_unit_id, &owner)) < 0) {
        r57__free(auth);
        return ret;
    }
    r57__buf need = R57__BUF_INIT;
    if (auth && owner)
        r57__buf_printf(&need,
                        "the verifier role in unit '%s' (its authority) or above, "
                        "or above unit '%s' (its owner)",
                        auth, owner);
    else if (auth)
        r57__buf_printf(&need, "the verifier role in unit '%s' (its authority) or above", auth);
    else if (owner)
        r57__buf_printf(&need, "the verifier role above unit '%s' (its owner)", owner);
    else
        r57__buf_puts(&need, "the verifier role system-wide (it names no units)");
    r57__free(auth);
    r57__free(owner);
    ret = need.failed ? r57__error_nomem()
                      : r57__error(R57_EPERM,
                                   "actor '%s' may not verify evidence %lld of %s: "
                                   "that needs %s",
                                   actor, (long long)evidence_id, f->name, need.ptr);
    r57__buf_free(&need);
    return ret;
}
