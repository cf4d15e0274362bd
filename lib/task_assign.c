/* Tasks: assigning a task to each of several units. */
#include "task_internal.h"

#include <jansson.h>
#include <string.h>

/* ---- assign to each ------------------------------------------------------ */

/* The units a task goes to "each": the joint leads its owner text names,
 * or the members of the level its collective names ("central": the
 * ministries and ministerial-level agencies; "local": the provinces and
 * centrally run cities). */
static int each_units(r57_db *db, const r57_task *t, const char *group, char ***out, size_t *n)
{
    r57_resolution *r = NULL;
    int ret = r57_task_resolution(&r, t, R57_FIELD_OWNER);
    if (ret < 0 && r57_error_code(r57_error_last()) != R57_ENOTFOUND)
        return ret;
    *out = NULL;
    *n = 0;
    const char *level = group ? group : r57_resolution_group(r);
    r57_group *g = NULL;
    ret = R57_OK;
    if (!group && r57_resolution_kind(r) == R57_RESOLUTION_JOINT) {
        for (size_t i = 0; ret == R57_OK && i < r57_resolution_match_count(r); i++) {
            if (r57_resolution_match_role(r, i) != R57_MATCH_LEAD)
                continue;
            if ((ret = r57__task_code_push(out, n, r57_resolution_match_unit(r, i))) < 0)
                break;
        }
    } else if (level && (ret = r57_group_get(&g, db, level)) == R57_OK) {
        /* The members of the unit group (data/unit_groups.csv). */
        for (size_t i = 0; ret == R57_OK && i < r57_group_member_count(g); i++)
            ret = r57__task_code_push(out, n, r57_group_member_at(g, i));
    } else if (level && r57_error_code(r57_error_last()) != R57_ENOTFOUND) {
        /* ret says why the group could not be read */
    } else if (level && (strcmp(level, "central") == 0 || strcmp(level, "local") == 0)) {
        /* No groups loaded: the kinds they are made of. */
        int kind = strcmp(level, "central") == 0 ? R57_UNIT_MINISTRY : R57_UNIT_PROVINCE;
        ret = R57_OK;
        r57_unit_iterator *it = NULL;
        r57_unit *u;
        ret = r57_unit_iterator_new(&it, db, NULL);
        while (ret == R57_OK && (ret = r57_unit_next(&u, it)) == R57_OK) {
            if (r57_unit_kind(u) == kind)
                ret = r57__task_code_push(out, n, r57_unit_code(u));
            r57_unit_free(u);
        }
        r57_unit_iterator_free(it);
        if (ret == R57_ITEROVER)
            ret = R57_OK;
    } else if (group) {
        ret = r57__error(R57_EINVAL,
                         "task '%s' of '%s': '%s' is not a unit group (central, "
                         "local, …)",
                         t->ref, t->document, group);
    } else {
        ret = r57__error(R57_EINVAL,
                         "task '%s' of '%s': its owner '%s' names neither joint "
                         "units nor a level to assign it to each of (%s)",
                         t->ref, t->document, t->owner,
                         r ? r57_resolution_reason(r) : "not resolved");
    }
    if (ret == R57_OK && *n == 0)
        ret = r57__error(R57_ENOTFOUND,
                         "task '%s' of '%s': the %s level has no units; load the "
                         "registry first (r57_unit_registry_load)",
                         t->ref, t->document, level ? level : "?");
    r57_group_free(g);
    r57_resolution_free(r);
    return ret;
}

/* Records on the original that it went to each of n units. */
static int mark_assigned(r57_db *db, const r57_task *t, size_t n)
{
    json_t *o = t->resolution ? json_loads(t->resolution, 0, NULL) : json_object();
    json_t *owner = json_object_get(o, "owner");
    int ret = R57_OK;
    if (!o)
        return r57__error_nomem();
    if (!owner) {
        owner = json_pack("{s:s,s:s,s:s}", "kind", "collective", "text", t->owner ? t->owner : "",
                          "reason", "assigned to each");
        if (!owner || json_object_set_new(o, "owner", owner) < 0)
            ret = r57__error_nomem();
    }
    if (ret == R57_OK && json_object_set_new(owner, "assigned", json_integer((json_int_t)n)) < 0)
        ret = r57__error_nomem();
    char *text = ret == R57_OK ? r57__json_dump(o) : NULL;
    if (ret == R57_OK && !text)
        ret = r57__error_nomem();
    if (ret == R57_OK)
        ret = r57__store_task_set_column(db, t->id, "resolution", 1, text, 0, 0);
    r57__free(text);
    json_decref(o);
    return ret;
}

int r57_task_assign_each(r57_db *db, const char *actor, const r57_task *task, const char *group,
                         uint64_t *created)
{
    static const char func[] = "r57_task_assign_each";
    int ret;
    if (created)
        *created = 0;
    if (!db || !task)
        return r57__error(R57_EINVAL, "%s: db or task is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0)
        return ret;
    r57_task *t = NULL;
    if ((ret = r57__task_of(db, task, func)) < 0)
        return ret;
    if ((ret = r57__task_load(&t, db, task->id)) < 0)
        return ret;
    if (t->owner_unit) {
        ret = r57__error(R57_EINVAL,
                         "%s: task '%s' of '%s' has one lead unit (%s); only a task "
                         "whose owner is joint or a group goes to each",
                         func, t->ref, t->document, t->owner_unit);
        r57_task_free(t);
        return ret;
    }
    char **units = NULL;
    size_t n = 0;
    ret = each_units(db, t, group, &units, &n);
    /* "provincial People's Committees" as the authority of a task that goes
     * to each province is, for each, that province's own. */
    int own_authority = 0;
    if (ret == R57_OK && !t->authority_unit) {
        r57_resolution *ro = NULL, *ra = NULL;
        if (r57_task_resolution(&ro, t, R57_FIELD_OWNER) == R57_OK &&
            r57_task_resolution(&ra, t, R57_FIELD_AUTHORITY) == R57_OK)
            own_authority = r57_resolution_kind(ra) == R57_RESOLUTION_COLLECTIVE &&
                            r57_resolution_group(ra) &&
                            strcmp(r57_resolution_group(ra), group ? group
                                                             : r57_resolution_group(ro)
                                                                 ? r57_resolution_group(ro)
                                                                 : "") == 0;
        else if (r57_error_code(r57_error_last()) != R57_ENOTFOUND)
            ret = r57_error_code(r57_error_last());
        r57_resolution_free(ro);
        r57_resolution_free(ra);
    }
    int own = ret == R57_OK && !db->in_txn;
    if (own)
        ret = r57_db_begin(db);
    for (size_t i = 0; ret == R57_OK && i < n; i++) {
        r57__buf ref = R57__BUF_INIT;
        r57__buf_printf(&ref, "%s/%s", t->ref, units[i]);
        r57_task_spec s = R57_TASK_SPEC_INIT;
        s.document = t->document;
        s.ref = ref.ptr;
        s.parent_ref = t->ref;
        s.title = t->title;
        s.owner_unit = units[i];
        s.owner = t->owner;
        s.accountability = t->accountability;
        s.accountability_unit = t->accountability_unit;
        s.product = t->product;
        s.authority = t->authority;
        s.authority_unit = own_authority ? units[i] : t->authority_unit;
        s.deadline = t->deadline;
        s.coordinating = t->coordinating;
        s.coordinating_units = (const char *const *)t->coord_units;
        s.coordinating_units_count = t->coord_count;
        ret = ref.failed ? r57__error_nomem() : r57_task_create(NULL, db, actor, &s);
        if (ret == R57_EEXISTS)
            ret = r57__error(R57_EEXISTS,
                             "%s: task '%s' of '%s' was assigned to each already "
                             "(it has a sub-task '%s')",
                             func, t->ref, t->document, ref.ptr);
        r57__buf_free(&ref);
    }
    if (ret == R57_OK && (ret = r57__store_write_begin(db, func)) == R57_OK)
        ret = r57__store_write_end(db, mark_assigned(db, t, n));
    if (own) {
        if (ret == R57_OK)
            ret = r57_db_commit(db);
        else
            r57__db_rollback_keep_error(db);
    }
    if (ret == R57_OK && created)
        *created = n;
    for (size_t i = 0; i < n; i++)
        r57__free(units[i]);
    r57__free(units);
    r57_task_free(t);
    return ret;
}
