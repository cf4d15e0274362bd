/* Tasks: what their texts name (resolve.c), stored with them and
 * resolved again when the texts or the registry change. */
#include "access.h"
#include "task_internal.h"

#include <jansson.h>
#include <string.h>

/* ---- what the texts name (resolve.c) ---------------------------------- */

void r57__task_texts_free(texts *x)
{
    r57__free(x->owner_unit);
    r57__free(x->authority_unit);
    r57__free(x->account_unit);
    for (size_t i = 0; i < x->ncodes; i++)
        r57__free(x->codes[i]);
    r57__free(x->codes);
    r57__buf_free(&x->json);
    memset(x, 0, sizeof *x);
}

static int add_code(texts *x, const char *code, const char *owner)
{
    if (owner && strcmp(code, owner) == 0)
        return R57_OK;
    for (size_t i = 0; i < x->ncodes; i++)
        if (strcmp(x->codes[i], code) == 0)
            return R57_OK;
    return r57__task_code_push(&x->codes, &x->ncodes, code);
}

/* Resolves one text (borrowed from the handle's cache, so everything
 * needed is copied out before the next): its JSON goes under key, the
 * unit it names to *unit, and (coord 1: the units its text says
 * coordinate; 2: every unit, a list) coordinating codes to x. */
static int resolve_one(r57_db *db, texts *x, const char *key, const char *text,
                       r57_resolve_mode_t mode, r57_date on, char **unit, int coord,
                       const char *owner)
{
    const r57_resolution *r;
    const char *json;
    int ret = r57__resolve_borrow(&r, &json, db, text, mode, on);
    if (ret < 0)
        return ret;
    r57__buf_printf(&x->json, "%s\"%s\":%s", x->any ? "," : "{", key, json);
    x->any = 1;
    int is_unit = r57_resolution_kind(r) == R57_RESOLUTION_UNIT;
    if (unit && is_unit && !(*unit = r57__strdup(r57_resolution_unit(r))))
        return r57__error_nomem();
    for (size_t i = 0; ret == R57_OK && coord && i < r57_resolution_match_count(r); i++)
        if (coord == 2 || (is_unit && r57_resolution_match_role(r, i) == R57_MATCH_COORDINATING))
            ret = add_code(x, r57_resolution_match_unit(r, i), owner);
    return x->json.failed ? r57__error_nomem() : ret;
}

/*
 * Resolves the texts whose codes the spec does not give, and fills eff
 * (a copy of s) with the codes they name: the owner's lead unit (and the
 * units its text says coordinate), the coordinating list, the authority,
 * and the accountability.  Text that names no one unit stays text.
 */
int r57__task_texts_resolve(r57_db *db, const r57_task_spec *s, r57_task_spec *eff, texts *x)
{
    r57_date on = R57_DATE_NONE;
    r57_document *d = NULL;
    *eff = *s;
    int ret = r57_document_get(&d, db, s->document);
    if (ret == R57_OK)
        on = r57_document_issued(d);
    r57_document_free(d);
    if (ret == R57_ENOTFOUND)
        ret = R57_OK; /* create_resolved says so, with the task's name */
    if (ret < 0)
        return ret;
    int coords = !s->coordinating_units_count;
    const char *owner = s->owner_unit && *s->owner_unit ? s->owner_unit : NULL;
    if (!r57__blank(s->owner) && !owner) {
        /* "X chủ trì, phối hợp với Y": Y coordinates, as the list does. */
        ret = resolve_one(db, x, "owner", s->owner, R57_RESOLVE_LEAD, on, &x->owner_unit,
                          coords ? 1 : 0, NULL);
        owner = eff->owner_unit = x->owner_unit;
    }
    if (ret == R57_OK && !r57__blank(s->coordinating) && coords)
        ret = resolve_one(db, x, "coordinating", s->coordinating, R57_RESOLVE_LIST, on, NULL, 2,
                          owner);
    if (ret == R57_OK && !r57__blank(s->authority) && (!s->authority_unit || !*s->authority_unit)) {
        ret = resolve_one(db, x, "authority", s->authority, R57_RESOLVE_LEAD, on,
                          &x->authority_unit, 0, NULL);
        if (x->authority_unit)
            eff->authority_unit = x->authority_unit;
    }
    if (ret == R57_OK && !r57__blank(s->accountability) &&
        (!s->accountability_unit || !*s->accountability_unit)) {
        ret = resolve_one(db, x, "accountability", s->accountability, R57_RESOLVE_LEAD, on,
                          &x->account_unit, 0, NULL);
        if (x->account_unit)
            eff->accountability_unit = x->account_unit;
    }
    if (ret < 0)
        return r57__error(ret, "task '%s': %s", s->ref, r57_error_message(r57_error_last()));
    /* The owner's own code among the coordinating ones (a list naming the
     * lead too) is dropped. */
    for (size_t i = 0; owner && i < x->ncodes; i++)
        if (strcmp(x->codes[i], owner) == 0) {
            r57__free(x->codes[i]);
            memmove(&x->codes[i], &x->codes[i + 1], (x->ncodes - i - 1) * sizeof *x->codes);
            x->ncodes--;
            i--;
        }
    if (coords) {
        eff->coordinating_units = (const char *const *)x->codes;
        eff->coordinating_units_count = x->ncodes;
    }
    if (x->any)
        r57__buf_puts(&x->json, "}");
    return x->json.failed ? r57__error_nomem() : R57_OK;
}

/* ---- resolutions ------------------------------------------------------- */

int r57_task_resolution(r57_resolution **out, const r57_task *t, r57_task_field_t field)
{
    static const char func[] = "r57_task_resolution";
    if (!out || !t)
        return r57__error(R57_EINVAL, "%s: out or task is NULL", func);
    *out = NULL;
    const char *key = field == R57_FIELD_OWNER            ? "owner"
                      : field == R57_FIELD_COORDINATING   ? "coordinating"
                      : field == R57_FIELD_AUTHORITY      ? "authority"
                      : field == R57_FIELD_ACCOUNTABILITY ? "accountability"
                                                          : NULL;
    if (!key)
        return r57__error(R57_EINVAL,
                          "%s: field %d is not owner, coordinating, authority or "
                          "accountability",
                          func, (int)field);
    json_t *o = t->resolution ? json_loads(t->resolution, 0, NULL) : NULL;
    if (t->resolution && !o)
        return r57__error_nomem(); /* it was written by json_dumpb: only memory can fail */
    json_t *r = json_object_get(o, key);
    int ret = r ? r57__resolution_from_json(out, r)
                : r57__error(R57_ENOTFOUND, "task '%s' of '%s': its %s text was not resolved%s",
                             t->ref, t->document, key,
                             t->resolution ? " (it is empty or was given as a code)"
                                           : " (made before libr57 resolved texts: run "
                                             "r57_tasks_resolve)");
    json_decref(o);
    return ret;
}

/* Whether the stored code of a field came from its text (and may change
 * with it) rather than from the caller. */
static int from_text(const json_t *res, const char *key, const char *code)
{
    const char *u = json_string_value(json_object_get(json_object_get(res, key), "unit"));
    return !code || (u && strcmp(u, code) == 0);
}

/* Resolves one task's texts again and stores what changed. */
int r57__task_reresolve(r57_db *db, const char *actor, int64_t id, int *changed)
{
    r57_task *t = NULL;
    int ret = r57__task_load(&t, db, id);
    *changed = 0;
    if (ret < 0)
        return ret;
    json_t *old = t->resolution ? json_loads(t->resolution, 0, NULL) : NULL;
    if (t->resolution && !old) {
        r57_task_free(t);
        return r57__error_nomem(); /* written by json_dumpb: only memory can fail */
    }
    int coord_from_text = !t->coord_count || (old && (json_object_get(old, "coordinating") ||
                                                      json_object_get(old, "owner")));
    r57_task_spec s = R57_TASK_SPEC_INIT, eff;
    s.document = t->document;
    s.ref = t->ref;
    s.owner = t->owner;
    s.coordinating = t->coordinating;
    s.authority = t->authority;
    s.accountability = t->accountability;
    s.owner_unit = from_text(old, "owner", t->owner_unit) ? NULL : t->owner_unit;
    s.authority_unit = from_text(old, "authority", t->authority_unit) ? NULL : t->authority_unit;
    s.accountability_unit = from_text(old, "accountability", t->accountability_unit)
                                ? NULL
                                : t->accountability_unit;
    if (!coord_from_text) {
        s.coordinating_units = (const char *const *)t->coord_units;
        s.coordinating_units_count = t->coord_count;
    }
    json_decref(old);
    texts x;
    memset(&x, 0, sizeof x);
    ret = r57__task_texts_resolve(db, &s, &eff, &x);
    struct {
        const char *column, *now, *want;
    } units[] = { { "owner_unit_id", t->owner_unit, eff.owner_unit },
                  { "authority_unit_id", t->authority_unit, eff.authority_unit },
                  { "accountability_unit_id", t->accountability_unit, eff.accountability_unit } };
    for (size_t i = 0; ret == R57_OK && i < sizeof units / sizeof units[0]; i++) {
        const char *a = units[i].now ? units[i].now : "", *b = units[i].want ? units[i].want : "";
        if (strcmp(a, b) == 0)
            continue;
        int64_t uid = 0;
        ret = r57__task_unit_id(db, t->ref, units[i].column, units[i].want, &uid);
        if (ret == R57_OK)
            ret = r57__store_task_set_column(db, id, units[i].column, 0, NULL, uid, uid == 0);
        if (ret == R57_OK)
            ret = r57__task_journal_change(db, actor, t, "resolve", units[i].column, units[i].now,
                                           units[i].want, NULL, NULL);
        *changed = 1;
    }
    if (ret == R57_OK && coord_from_text) {
        int same = eff.coordinating_units_count == t->coord_count;
        for (size_t i = 0; same && i < t->coord_count; i++)
            same = strcmp(eff.coordinating_units[i], t->coord_units[i]) == 0;
        if (!same) {
            ret = r57__store_task_coords_clear(db, id);
            for (size_t i = 0; ret == R57_OK && i < eff.coordinating_units_count; i++) {
                int64_t uid = 0;
                ret = r57__task_unit_id(db, t->ref, "coordinating_units", eff.coordinating_units[i],
                                        &uid);
                if (ret == R57_OK)
                    ret = r57__store_task_coord_insert(db, id, (int)i, uid);
            }
            r57__buf o = R57__BUF_INIT, n = R57__BUF_INIT;
            for (size_t i = 0; i < t->coord_count; i++)
                r57__buf_printf(&o, "%s%s", i ? ";" : "", t->coord_units[i]);
            for (size_t i = 0; i < eff.coordinating_units_count; i++)
                r57__buf_printf(&n, "%s%s", i ? ";" : "", eff.coordinating_units[i]);
            if (ret == R57_OK)
                ret = o.failed || n.failed
                          ? r57__error_nomem()
                          : r57__task_journal_change(db, actor, t, "resolve", "coordinating_units",
                                                     o.ptr ? o.ptr : "", n.ptr ? n.ptr : "", NULL,
                                                     NULL);
            r57__buf_free(&o);
            r57__buf_free(&n);
            *changed = 1;
        }
    }
    const char *a = t->resolution ? t->resolution : "", *b = x.any ? x.json.ptr : "";
    if (ret == R57_OK && strcmp(a, b) != 0) {
        ret = r57__store_task_set_column(db, id, "resolution", 1, x.any ? x.json.ptr : NULL, 0, 0);
        *changed = 1;
    }
    r57__task_texts_free(&x);
    r57_task_free(t);
    return ret;
}

int r57_tasks_resolve(r57_db *db, const char *actor, const char *document, uint64_t *changed)
{
    static const char func[] = "r57_tasks_resolve";
    int ret;
    if (changed)
        *changed = 0;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0)
        return ret;
    r57_task_query q = R57_TASK_QUERY_INIT;
    q.document = document;
    if ((ret = r57__store_write_begin(db, func)) < 0)
        return ret;
    ret = r57__access(db, actor, R57_ROLE_MANAGER, -1, "resolve the texts of tasks");
    /* The ids first: the rows change under the cursor otherwise. */
    int64_t *ids = NULL;
    size_t n = 0;
    r57_task_iterator *it = NULL;
    if (ret == R57_OK)
        ret = r57_task_iterator_new(&it, db, &q);
    r57_task *t;
    while (ret == R57_OK && (ret = r57_task_next(&t, it)) == R57_OK) {
        int64_t *v = r57__realloc(ids, (n + 1) * sizeof *v);
        if (!v)
            ret = r57__error_nomem();
        else {
            ids = v;
            ids[n++] = t->id;
        }
        r57_task_free(t);
    }
    r57_task_iterator_free(it);
    if (ret == R57_ITEROVER)
        ret = R57_OK;
    for (size_t i = 0; ret == R57_OK && i < n; i++) {
        int c = 0;
        ret = r57__task_reresolve(db, actor, ids[i], &c);
        if (changed)
            *changed += (uint64_t)c;
    }
    r57__free(ids);
    ret = r57__store_write_end(db, ret);
    if (ret < 0 && changed)
        *changed = 0;
    return ret;
}
