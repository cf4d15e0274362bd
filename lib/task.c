/* Tasks: the task object, its names and accessors, reading it (creation,
 * status and updates are in task_write.c, queries and timeliness in
 * task_query.c, what its texts name in task_resolve.c, assigning it to
 * each of several units in task_assign.c). */
#include "task_internal.h"

#include <string.h>

/* ---- names ------------------------------------------------------------ */

static const char *const status_names[] = { "assigned", "in_progress", "submitted", "done",
                                            "cancelled" };
#define STATUS_COUNT 5

const char *r57_task_status_name(r57_task_status_t status)
{
    return status >= 0 && status < STATUS_COUNT ? status_names[status] : NULL;
}

int r57_task_status_parse(r57_task_status_t *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_task_status_parse: NULL argument");
    for (int i = 0; i < STATUS_COUNT; i++)
        if (strcmp(status_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "task status '%s' is not one of assigned, in_progress, "
                      "submitted, done, cancelled",
                      name);
}

static const char *const timeliness_names[] = { "no_deadline",  "on_track",  "due_soon", "overdue",
                                                "done_on_time", "done_late", "cancelled" };

const char *r57_timeliness_name(r57_timeliness_t t)
{
    return t >= 0 && t <= R57_TIMELINESS_CANCELLED ? timeliness_names[t] : NULL;
}

/* The updatable fields: public name, column, and whether a unit code. */
int r57_task_spec_init(r57_task_spec *spec, unsigned int version)
{
    if (!spec)
        return r57__error(R57_EINVAL, "r57_task_spec_init: spec is NULL");
    if (version != R57_TASK_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_task_spec_init: unknown version %u", version);
    *spec = (r57_task_spec)R57_TASK_SPEC_INIT;
    return R57_OK;
}

int r57_task_query_init(r57_task_query *query, unsigned int version)
{
    if (!query)
        return r57__error(R57_EINVAL, "r57_task_query_init: query is NULL");
    if (version != R57_TASK_QUERY_VERSION)
        return r57__error(R57_EINVAL, "r57_task_query_init: unknown version %u", version);
    *query = (r57_task_query)R57_TASK_QUERY_INIT;
    return R57_OK;
}

/* ---- task objects ----------------------------------------------------- */

void r57_task_free(r57_task *t)
{
    if (!t)
        return;
    char **strs[] = {
        &t->document,       &t->ref,          &t->parent_ref,     &t->title,
        &t->owner_unit,     &t->owner,        &t->owner_person,   &t->accountability_unit,
        &t->accountability, &t->product,      &t->authority_unit, &t->authority,
        &t->deadline,       &t->coordinating, &t->resolution,     &t->accountability_rule
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        r57__free(*strs[i]);
    for (size_t i = 0; i < t->coord_count; i++)
        r57__free(t->coord_units[i]);
    r57__free(t->coord_units);
    r57__free(t);
}

/* Copies s, or "" when s is NULL and or_empty is set. */
static int copy(char **dst, const char *s, int or_empty)
{
    if (!s && !or_empty) {
        *dst = NULL;
        return 0;
    }
    *dst = r57__strdup(s ? s : "");
    return *dst ? 0 : -1;
}

/* Appends a copy of code to a growing list of codes. */
int r57__task_code_push(char ***list, size_t *n, const char *code)
{
    char **v = r57__realloc(*list, (*n + 1) * sizeof *v);
    if (!v)
        return r57__error_nomem();
    *list = v;
    if (!(v[*n] = r57__strdup(code)))
        return r57__error_nomem();
    (*n)++;
    return R57_OK;
}

int r57__task_add_coord(const char *code, void *payload)
{
    r57_task *t = payload;
    return r57__task_code_push(&t->coord_units, &t->coord_count, code);
}

int r57__task_from_row(r57_task **out, r57_db *db, const r57__task_row *r)
{
    r57_task *t = r57__calloc(1, sizeof *t);
    if (!t)
        return r57__error_nomem();
    t->handle = db->token;
    t->id = r->id;
    t->deadline_kind = r->deadline_kind;
    t->status = r->status;
    t->due = r->due;
    t->done_on = r->done_on;
    int bad = copy(&t->document, r->document, 1) | copy(&t->ref, r->ref, 1) |
              copy(&t->parent_ref, r->parent_ref, 0) | copy(&t->title, r->title, 1) |
              copy(&t->owner_unit, r->owner_unit, 0) | copy(&t->owner, r->owner, 1) |
              copy(&t->owner_person, r->owner_person, 1) |
              copy(&t->accountability_unit, r->accountability_unit, 0) |
              copy(&t->accountability, r->accountability, 1) | copy(&t->product, r->product, 1) |
              copy(&t->authority_unit, r->authority_unit, 0) |
              copy(&t->authority, r->authority, 1) | copy(&t->deadline, r->deadline, 1) |
              copy(&t->coordinating, r->coordinating, 1) | copy(&t->resolution, r->resolution, 0) |
              copy(&t->accountability_rule, r->accountability_rule, 0);
    if (bad) {
        r57_task_free(t);
        return r57__error_nomem();
    }
    *out = t;
    return R57_OK;
}

struct load_ctx {
    r57_task *task;
    r57_db *db;
};

static int load_row(const r57__task_row *row, void *payload)
{
    struct load_ctx *c = payload;
    return r57__task_from_row(&c->task, c->db, row);
}

/* Loads a task with its coordinating units. */
int r57__task_load(r57_task **out, r57_db *db, int64_t id)
{
    struct load_ctx c = { NULL, db };
    int ret = r57__store_task_by_id(db, id, load_row, &c);
    if (ret == R57_OK)
        ret = r57__store_task_coords(db, id, r57__task_add_coord, c.task);
    if (ret < 0) {
        r57_task_free(c.task);
        return ret;
    }
    *out = c.task;
    return R57_OK;
}

/* Resolves an optional unit code for a task field. */
int r57__task_unit_id(r57_db *db, const char *ref, const char *what, const char *code, int64_t *id)
{
    *id = 0;
    if (!code || !*code)
        return R57_OK;
    int ret = r57__store_unit_id(db, code, id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "task '%s': unknown unit code '%s' (%s)", ref, code, what);
    return ret;
}

int r57_task_get(r57_task **out, r57_db *db, const char *document, const char *ref)
{
    int ret;
    int64_t doc_id, id;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_task_get: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_task_get", "document", document)) < 0 ||
        (ret = r57__require("r57_task_get", "ref", ref)) < 0)
        return ret;
    ret = r57__store_doc_id(db, document, &doc_id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "unknown document '%s'", document);
    if (ret < 0)
        return ret;
    ret = r57__store_task_id(db, doc_id, ref, &id, NULL);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "document '%s' has no task '%s'", document, ref);
    if (ret < 0)
        return ret;
    return r57__task_load(out, db, id);
}

/* ---- what the access and evidence rules need to know of a task ---------- */

static int facts_row(const r57__task_row *row, void *payload)
{
    r57__task_facts *f = payload;
    f->id = row->id;
    f->document_id = row->document_id;
    f->owner_unit_id = row->owner_unit_id;
    f->authority_unit_id = row->authority_unit_id;
    f->deadline_kind = row->deadline_kind;
    f->status = row->status;
    r57__buf name = R57__BUF_INIT;
    r57__buf_printf(&name, "task '%s' of '%s'", row->ref, row->document);
    r57__free(f->name);
    f->name = r57__buf_detach(&name);
    return f->name ? R57_OK : r57__error_nomem();
}

int r57__task_facts_get(r57_db *db, int64_t task_id, r57__task_facts *f)
{
    memset(f, 0, sizeof *f);
    int ret = r57__store_task_by_id(db, task_id, facts_row, f);
    return ret == R57_ENOTFOUND
               ? r57__error(R57_ENOTFOUND, "task %lld no longer exists", (long long)task_id)
               : ret;
}

void r57__task_facts_free(r57__task_facts *f)
{
    r57__free(f->name);
    f->name = NULL;
}

/* ---- accessors -------------------------------------------------------- */

int r57__task_of(r57_db *db, const r57_task *t, const char *func)
{
    if (t->handle != db->token)
        return r57__error(R57_EINVAL,
                          "%s: task '%s' of '%s' was read through another database "
                          "handle; read it from this one (r57_task_get)",
                          func, t->ref, t->document);
    return R57_OK;
}

int64_t r57_task_id(const r57_task *t) { return t ? t->id : 0; }
const char *r57_task_document(const r57_task *t) { return t ? t->document : NULL; }
const char *r57_task_ref(const r57_task *t) { return t ? t->ref : NULL; }
const char *r57_task_parent_ref(const r57_task *t) { return t ? t->parent_ref : NULL; }
const char *r57_task_title(const r57_task *t) { return t ? t->title : NULL; }
const char *r57_task_owner_unit(const r57_task *t) { return t ? t->owner_unit : NULL; }
const char *r57_task_owner(const r57_task *t) { return t ? t->owner : NULL; }
const char *r57_task_owner_person(const r57_task *t) { return t ? t->owner_person : NULL; }
const char *r57_task_accountability_unit(const r57_task *t)
{
    return t ? t->accountability_unit : NULL;
}
const char *r57_task_accountability(const r57_task *t) { return t ? t->accountability : NULL; }
const char *r57_task_product(const r57_task *t) { return t ? t->product : NULL; }
const char *r57_task_authority_unit(const r57_task *t) { return t ? t->authority_unit : NULL; }
const char *r57_task_authority(const r57_task *t) { return t ? t->authority : NULL; }
const char *r57_task_deadline_text(const r57_task *t) { return t ? t->deadline : NULL; }
r57_deadline_kind_t r57_task_deadline_kind(const r57_task *t)
{
    return t ? t->deadline_kind : R57_DEADLINE_INVALID;
}
r57_date r57_task_due(const r57_task *t) { return t ? t->due : R57_DATE_NONE; }
r57_task_status_t r57_task_status(const r57_task *t) { return t ? t->status : R57_STATUS_INVALID; }
r57_date r57_task_done_on(const r57_task *t) { return t ? t->done_on : R57_DATE_NONE; }
const char *r57_task_coordinating(const r57_task *t) { return t ? t->coordinating : NULL; }
size_t r57_task_coordinating_units_count(const r57_task *t) { return t ? t->coord_count : 0; }

const char *r57_task_coordinating_unit(const r57_task *t, size_t i)
{
    return t && i < t->coord_count ? t->coord_units[i] : NULL;
}

const char *r57_task_accountability_rule(const r57_task *t)
{
    return t ? t->accountability_rule : NULL;
}

/* ---- the journal ------------------------------------------------------ */

static int task_key(r57__buf *key, const r57_task *t)
{
    r57__buf_puts(key, t->document);
    r57__buf_puts(key, "#");
    r57__buf_puts(key, t->ref);
    return key->failed ? r57__error_nomem() : R57_OK;
}

int r57__task_journal_change(r57_db *db, const char *actor, const r57_task *t, const char *action,
                             const char *field, const char *old_value, const char *new_value,
                             const char *extra_field, const char *extra_value)
{
    r57__buf key = R57__BUF_INIT, o = R57__BUF_INIT, n = R57__BUF_INIT;
    int ret = task_key(&key, t);
    r57__buf_puts(&o, "{");
    r57__buf_json_string(&o, field);
    r57__buf_puts(&o, ":");
    r57__buf_json_string(&o, old_value);
    r57__buf_puts(&o, "}");
    r57__buf_puts(&n, "{");
    r57__buf_json_string(&n, field);
    r57__buf_puts(&n, ":");
    r57__buf_json_string(&n, new_value);
    if (extra_field) {
        r57__buf_puts(&n, ",");
        r57__buf_json_string(&n, extra_field);
        r57__buf_puts(&n, ":");
        r57__buf_json_string(&n, extra_value);
    }
    r57__buf_puts(&n, "}");
    if (ret == R57_OK)
        ret = o.failed || n.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "task", key.ptr, action, o.ptr, n.ptr);
    r57__buf_free(&key);
    r57__buf_free(&o);
    r57__buf_free(&n);
    return ret;
}
