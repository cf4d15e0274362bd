/* Tasks: creation with the 6 clear fields, status, updates, queries,
 * timeliness and the overdue list. */
#include "store.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

struct r57_task {
    int64_t id;
    char *document, *ref, *parent_ref, *title;
    char *owner_unit, *owner, *owner_person;
    char *accountability_unit, *accountability, *product;
    char *authority_unit, *authority;
    char *deadline, *coordinating;
    char *resolution, *accountability_rule; /* JSON; the rule in force */
    uint64_t handle; /* the token of the handle that read it */
    char **coord_units;
    size_t coord_count;
    int deadline_kind, status;
    r57_date due, done_on;
};

struct r57_task_iterator {
    r57__cursor *cursor;
    r57_db *db;
};

struct r57_overdue_iterator {
    r57__cursor *cursor;
    r57_db *db;
    r57_date as_of;
    int soon;
};

/* ---- names ------------------------------------------------------------ */

static const char *const status_names[] = { "assigned", "in_progress", "submitted", "done",
                                            "cancelled" };
#define STATUS_COUNT 5

const char *r57_task_status_name(int status)
{
    return status >= 0 && status < STATUS_COUNT ? status_names[status] : NULL;
}

int r57_task_status_parse(int *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_task_status_parse: NULL argument");
    for (int i = 0; i < STATUS_COUNT; i++)
        if (strcmp(status_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL, "task status '%s' is not one of assigned, in_progress, "
                                  "submitted, done, cancelled", name);
}

static const char *const timeliness_names[] = { "no_deadline", "on_track", "due_soon",
                                                "overdue", "done_on_time", "done_late",
                                                "cancelled" };

const char *r57_timeliness_name(int t)
{
    return t >= 0 && t <= R57_TIMELINESS_CANCELLED ? timeliness_names[t] : NULL;
}

/* The updatable fields: public name, column, and whether a unit code. */
static const struct {
    const char *name, *column;
    int is_unit;
} fields[] = {
    [R57_FIELD_TITLE] = { "title", "title", 0 },
    [R57_FIELD_OWNER_UNIT] = { "owner_unit", "owner_unit_id", 1 },
    [R57_FIELD_OWNER] = { "owner", "owner", 0 },
    [R57_FIELD_OWNER_PERSON] = { "owner_person", "owner_person", 0 },
    [R57_FIELD_ACCOUNTABILITY_UNIT] = { "accountability_unit", "accountability_unit_id", 1 },
    [R57_FIELD_ACCOUNTABILITY] = { "accountability", "accountability", 0 },
    [R57_FIELD_PRODUCT] = { "product", "product", 0 },
    [R57_FIELD_AUTHORITY_UNIT] = { "authority_unit", "authority_unit_id", 1 },
    [R57_FIELD_AUTHORITY] = { "authority", "authority", 0 },
    [R57_FIELD_DEADLINE] = { "deadline", "deadline", 0 },
    [R57_FIELD_COORDINATING] = { "coordinating", "coordinating", 0 },
};
#define FIELD_COUNT ((int)(sizeof fields / sizeof fields[0]))

const char *r57_task_field_name(int field)
{
    return field >= 0 && field < FIELD_COUNT ? fields[field].name : NULL;
}

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
    char **strs[] = { &t->document, &t->ref, &t->parent_ref, &t->title, &t->owner_unit,
                      &t->owner, &t->owner_person, &t->accountability_unit,
                      &t->accountability, &t->product, &t->authority_unit, &t->authority,
                      &t->deadline, &t->coordinating, &t->resolution,
                      &t->accountability_rule };
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
static int push_code(char ***list, size_t *n, const char *code)
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

static int add_coord(const char *code, void *payload)
{
    r57_task *t = payload;
    return push_code(&t->coord_units, &t->coord_count, code);
}

static int task_from_row(r57_task **out, r57_db *db, const r57__task_row *r)
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
              copy(&t->accountability, r->accountability, 1) |
              copy(&t->product, r->product, 1) |
              copy(&t->authority_unit, r->authority_unit, 0) |
              copy(&t->authority, r->authority, 1) | copy(&t->deadline, r->deadline, 1) |
              copy(&t->coordinating, r->coordinating, 1) |
              copy(&t->resolution, r->resolution, 0) |
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
    return task_from_row(&c->task, c->db, row);
}

/* Loads a task with its coordinating units. */
static int task_load(r57_task **out, r57_db *db, int64_t id)
{
    struct load_ctx c = { NULL, db };
    int ret = r57__store_task_by_id(db, id, load_row, &c);
    if (ret == R57_OK)
        ret = r57__store_task_coords(db, id, add_coord, c.task);
    if (ret < 0) {
        r57_task_free(c.task);
        return ret;
    }
    *out = c.task;
    return R57_OK;
}

/* Moves the contents of fresh into *t (keeping the caller's pointer) and
 * frees what *t held.  Cannot fail: the load happened inside the write's
 * transaction, so a call never reports failure after its change stuck. */
static void task_replace(r57_task *t, r57_task *fresh)
{
    r57_task tmp = *t;
    *t = *fresh;
    *fresh = tmp;
    r57_task_free(fresh);
}

/* Ends a write to a task: on success reloads it inside the transaction
 * (so a failed reload undoes the write) and refreshes the caller's object
 * after the commit. */
static int finish_write(r57_db *db, r57_task *task, int ret)
{
    r57_task *fresh = NULL;
    if (ret == R57_OK)
        ret = task_load(&fresh, db, task->id);
    ret = r57__store_write_end(db, ret);
    if (ret < 0)
        r57_task_free(fresh);
    else
        task_replace(task, fresh);
    return ret;
}

/* ---- creation --------------------------------------------------------- */

/* Resolves an optional unit code for a task field. */
static int resolve_unit(r57_db *db, const char *ref, const char *what, const char *code,
                        int64_t *id)
{
    *id = 0;
    if (!code || !*code)
        return R57_OK;
    int ret = r57__store_unit_id(db, code, id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "task '%s': unknown unit code '%s' (%s)", ref, code,
                          what);
    return ret;
}

/* Parses a deadline and words the error for a task. */
static int task_deadline(const char *ref, const char *text, int *kind, r57_date *due)
{
    int ret = r57_deadline_parse(kind, due, text);
    if (ret < 0) {
        /* Copy first: the message is rewritten in the same buffer. */
        const r57_error *e = r57_error_last();
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", r57_error_message(e));
        return r57__error_at(ret, r57_error_line(e), r57_error_column(e), r57_error_offset(e),
                             "task '%s': %s", ref, msg);
    }
    return R57_OK;
}

static void json_field(r57__buf *j, const char *name, const char *value, int *first)
{
    if (!value)
        return;
    r57__buf_puts(j, *first ? "{" : ",");
    *first = 0;
    r57__buf_json_string(j, name);
    r57__buf_puts(j, ":");
    r57__buf_json_string(j, value);
}

static int journal_task_create(r57_db *db, const char *actor, const r57_task_spec *s,
                               const char *due)
{
    r57__buf j = R57__BUF_INIT, key = R57__BUF_INIT;
    int first = 1;
    json_field(&j, "parent_ref", s->parent_ref, &first);
    json_field(&j, "title", s->title, &first);
    json_field(&j, "owner_unit", s->owner_unit, &first);
    json_field(&j, "owner", s->owner, &first);
    json_field(&j, "owner_person", s->owner_person, &first);
    json_field(&j, "accountability_unit", s->accountability_unit, &first);
    json_field(&j, "accountability", s->accountability, &first);
    json_field(&j, "product", s->product, &first);
    json_field(&j, "authority_unit", s->authority_unit, &first);
    json_field(&j, "authority", s->authority, &first);
    json_field(&j, "deadline", s->deadline, &first);
    json_field(&j, "due", due, &first);
    json_field(&j, "coordinating", s->coordinating, &first);
    if (s->coordinating_units_count) {
        r57__buf_puts(&j, first ? "{\"coordinating_units\":[" : ",\"coordinating_units\":[");
        first = 0;
        for (size_t i = 0; i < s->coordinating_units_count; i++) {
            if (i)
                r57__buf_puts(&j, ",");
            r57__buf_json_string(&j, s->coordinating_units[i]);
        }
        r57__buf_puts(&j, "]");
    }
    /* document and ref are in the journal key already. */
    r57__buf_puts(&j, first ? "{\"status\":\"assigned\"}" : ",\"status\":\"assigned\"}");
    r57__buf_puts(&key, s->document);
    r57__buf_puts(&key, "#");
    r57__buf_puts(&key, s->ref);
    int ret = j.failed || key.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "task", key.ptr, "create", NULL, j.ptr);
    r57__buf_free(&j);
    r57__buf_free(&key);
    return ret;
}

static int create_resolved(r57_db *db, const char *actor, const r57_task_spec *s,
                           r57__task_row *row);

/* ---- what the texts name (resolve.c) ---------------------------------- */

typedef struct texts {
    char *owner_unit, *authority_unit, *account_unit; /* codes the texts name */
    char **codes;       /* coordinating codes found in the texts */
    size_t ncodes;
    r57__buf json;      /* the resolutions, stored with the task */
    int any;
} texts;

static void texts_free(texts *x)
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
    return push_code(&x->codes, &x->ncodes, code);
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
static int resolve_texts(r57_db *db, const r57_task_spec *s, r57_task_spec *eff, texts *x)
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

static int create_in_txn(r57_db *db, const char *actor, const r57_task_spec *spec,
                         r57__task_row *row)
{
    int ret;
    r57_task_spec eff;
    texts x;
    memset(&x, 0, sizeof x);
    if ((ret = resolve_texts(db, spec, &eff, &x)) < 0) {
        texts_free(&x);
        return ret;
    }
    row->resolution = x.any ? x.json.ptr : NULL;
    ret = create_resolved(db, actor, &eff, row);
    row->resolution = NULL;
    texts_free(&x);
    return ret;
}

/* Creates a task whose unit codes are resolved (eff). */
static int create_resolved(r57_db *db, const char *actor, const r57_task_spec *s,
                           r57__task_row *row)
{
    int ret;
    const char *ref = s->ref;

    ret = r57__store_doc_id(db, s->document, &row->document_id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "task '%s': unknown document '%s'", ref, s->document);
    if (ret < 0)
        return ret;
    if (s->parent_ref && *s->parent_ref) {
        if (s->parent_document && *s->parent_document &&
            strcmp(s->parent_document, s->document) != 0)
            return r57__error(R57_EINVAL,
                              "task '%s' of document '%s': parent task '%s' belongs to "
                              "document '%s'; a parent must be in the same document",
                              ref, s->document, s->parent_ref, s->parent_document);
        ret = r57__store_task_id(db, row->document_id, s->parent_ref, &row->parent_id, NULL);
        if (ret == R57_ENOTFOUND)
            return r57__error(R57_ENOTFOUND, "task '%s': unknown parent task '%s' in document '%s'",
                              ref, s->parent_ref, s->document);
        if (ret < 0)
            return ret;
    }
    if ((ret = resolve_unit(db, ref, "owner_unit", s->owner_unit, &row->owner_unit_id)) < 0 ||
        (ret = resolve_unit(db, ref, "accountability_unit", s->accountability_unit,
                            &row->accountability_unit_id)) < 0 ||
        (ret = resolve_unit(db, ref, "authority_unit", s->authority_unit,
                            &row->authority_unit_id)) < 0)
        return ret;

    char what[300];
    snprintf(what, sizeof what, "assign task '%s' of '%s'", ref, s->document);
    if ((ret = r57__access(db, actor, R57_ROLE_MANAGER, row->owner_unit_id, what)) < 0)
        return ret;

    /* Everything is resolved before the first write (see store.h). */
    size_t n = s->coordinating_units_count;
    int64_t small[8], *coord = n <= 8 ? small : r57__calloc(n, sizeof *coord);
    if (!coord)
        return r57__error_nomem();
    for (size_t i = 0; i < n && ret == R57_OK; i++) {
        ret = resolve_unit(db, ref, "coordinating_units", s->coordinating_units[i], &coord[i]);
        if (ret == R57_OK && !coord[i])
            ret = r57__error(R57_EINVAL, "task '%s': coordinating unit %zu is empty", ref, i);
        for (size_t k = 0; k < i && ret == R57_OK; k++)
            if (coord[k] == coord[i])
                ret = r57__error(R57_EINVAL, "task '%s': coordinating unit '%s' is listed twice",
                                 ref, s->coordinating_units[i]);
    }
    if (ret == R57_OK) {
        ret = r57__store_task_insert(db, row);
        if (ret == R57_ECONFLICT &&
            r57_error_sqlite_code(r57_error_last()) == SQLITE_CONSTRAINT_UNIQUE)
            ret = r57__error(R57_EEXISTS, "document '%s' has a task '%s' already", s->document,
                             ref);
    }
    for (size_t i = 0; i < n && ret == R57_OK; i++)
        ret = r57__store_task_coord_insert(db, row->id, (int)i, coord[i]);
    if (coord != small)
        r57__free(coord);
    if (ret < 0)
        return ret;
    char due[16] = "";
    if (row->due != R57_DATE_NONE)
        r57_date_format(due, sizeof due, row->due);
    return journal_task_create(db, actor, s, *due ? due : NULL);
}

int r57_task_create(r57_task **out, r57_db *db, const char *actor, const r57_task_spec *s)
{
    return r57__task_restore(out, db, actor, s, NULL);
}

static int create_restored(r57_db *db, const char *actor, const r57_task_spec *s,
                           r57__task_row *row, const char *resolution)
{
    if (!resolution)
        return create_in_txn(db, actor, s, row);
    row->resolution = resolution;
    int ret = create_resolved(db, actor, s, row);
    row->resolution = NULL;
    return ret;
}

int r57__task_restore(r57_task **out, r57_db *db, const char *actor, const r57_task_spec *s,
                      const char *resolution)
{
    int ret;
    r57__task_row row;
    if (out)
        *out = NULL;
    if (!db || !s)
        return r57__error(R57_EINVAL, "r57_task_create: db or spec is NULL");
    if (s->version != R57_TASK_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_task_create: unknown spec version %u", s->version);
    if ((ret = r57__require("r57_task_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_task_create", "document", s->document)) < 0 ||
        (ret = r57__require("r57_task_create", "ref", s->ref)) < 0)
        return ret;
    if (s->coordinating_units_count && !s->coordinating_units)
        return r57__error(R57_EINVAL, "task '%s': coordinating_units is NULL but its count is %zu",
                          s->ref, s->coordinating_units_count);

    memset(&row, 0, sizeof row);
    row.ref = s->ref;
    row.title = s->title;
    row.owner = s->owner;
    row.owner_person = s->owner_person;
    row.accountability = s->accountability;
    row.product = s->product;
    row.authority = s->authority;
    row.deadline = s->deadline;
    row.coordinating = s->coordinating;
    if ((ret = task_deadline(s->ref, s->deadline, &row.deadline_kind, &row.due)) < 0)
        return ret;

    if ((ret = r57__store_write_begin(db, "r57_task_create")) < 0)
        return ret;
    r57_task *t = NULL;
    ret = create_restored(db, actor, s, &row, resolution);
    if (ret == R57_OK && out)
        ret = task_load(&t, db, row.id);
    ret = r57__store_write_end(db, ret);
    if (ret < 0)
        r57_task_free(t);
    else if (out)
        *out = t;
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
    return task_load(out, db, id);
}

/* ---- accessors -------------------------------------------------------- */

int r57__task_of(r57_db *db, const r57_task *t, const char *func)
{
    if (t->handle != db->token)
        return r57__error(R57_EINVAL, "%s: task '%s' of '%s' was read through another database "
                          "handle; read it from this one (r57_task_get)", func, t->ref,
                          t->document);
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
const char *r57_task_accountability_unit(const r57_task *t) { return t ? t->accountability_unit : NULL; }
const char *r57_task_accountability(const r57_task *t) { return t ? t->accountability : NULL; }
const char *r57_task_product(const r57_task *t) { return t ? t->product : NULL; }
const char *r57_task_authority_unit(const r57_task *t) { return t ? t->authority_unit : NULL; }
const char *r57_task_authority(const r57_task *t) { return t ? t->authority : NULL; }
const char *r57_task_deadline_text(const r57_task *t) { return t ? t->deadline : NULL; }
int r57_task_deadline_kind(const r57_task *t) { return t ? t->deadline_kind : -1; }
r57_date r57_task_due(const r57_task *t) { return t ? t->due : R57_DATE_NONE; }
int r57_task_status(const r57_task *t) { return t ? t->status : -1; }
r57_date r57_task_done_on(const r57_task *t) { return t ? t->done_on : R57_DATE_NONE; }
const char *r57_task_coordinating(const r57_task *t) { return t ? t->coordinating : NULL; }
size_t r57_task_coordinating_units_count(const r57_task *t) { return t ? t->coord_count : 0; }

const char *r57_task_coordinating_unit(const r57_task *t, size_t i)
{
    return t && i < t->coord_count ? t->coord_units[i] : NULL;
}

/* ---- status and updates ---------------------------------------------- */

static int transition_allowed(int from, int to)
{
    switch (from) {
    case R57_STATUS_ASSIGNED: return to == R57_STATUS_IN_PROGRESS || to == R57_STATUS_CANCELLED;
    case R57_STATUS_IN_PROGRESS: return to == R57_STATUS_SUBMITTED || to == R57_STATUS_CANCELLED;
    case R57_STATUS_SUBMITTED:
        return to == R57_STATUS_DONE || to == R57_STATUS_IN_PROGRESS || to == R57_STATUS_CANCELLED;
    default: return 0;
    }
}

static int task_key(r57__buf *key, const r57_task *t)
{
    r57__buf_puts(key, t->document);
    r57__buf_puts(key, "#");
    r57__buf_puts(key, t->ref);
    return key->failed ? r57__error_nomem() : R57_OK;
}

static int journal_change(r57_db *db, const char *actor, const r57_task *t, const char *action,
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
        ret = o.failed || n.failed ? r57__error_nomem()
                                   : r57__store_journal(db, actor, "task", key.ptr, action,
                                                        o.ptr, n.ptr);
    r57__buf_free(&key);
    r57__buf_free(&o);
    r57__buf_free(&n);
    return ret;
}

static int set_status_in_txn(r57_db *db, const char *actor, r57_task *t, int status,
                             r57_date on)
{
    r57__task_facts f;
    int ret = r57__task_facts_get(db, t->id, &f);
    if (ret < 0)
        return ret;
    int from = f.status;
    /* Managers cancel; reporters (and managers) move the work along. */
    ret = status == R57_STATUS_CANCELLED
              ? r57__access_task(db, actor, R57_ROLE_MANAGER, -1, &f, "cancel")
              : r57__access_task(db, actor, R57_ROLE_REPORTER, R57_ROLE_MANAGER, &f,
                                 "change the status of");
    if (ret < 0)
        return ret;
    if (!transition_allowed(from, status))
        return r57__error(R57_ESTATE, "task '%s' of '%s': status cannot change from %s to %s",
                          t->ref, t->document, status_names[from], status_names[status]);
    if (status == R57_STATUS_DONE &&
        (ret = r57__evidence_proof_check(db, &f, R57_DATE_NONE, t->product)) < 0)
        return ret;
    r57_date done_on = status == R57_STATUS_DONE ? on : R57_DATE_NONE;
    if ((ret = r57__store_task_set_status(db, t->id, status, done_on)) < 0)
        return ret;
    char date[16] = "";
    if (done_on != R57_DATE_NONE)
        r57_date_format(date, sizeof date, done_on);
    return journal_change(db, actor, t, "status", "status", status_names[from],
                          status_names[status], *date ? "done_on" : NULL, date);
}

int r57_task_set_status(r57_db *db, const char *actor, r57_task *task, int status, r57_date on)
{
    int ret;
    if (!db || !task)
        return r57__error(R57_EINVAL, "r57_task_set_status: db or task is NULL");
    if ((ret = r57__require("r57_task_set_status", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__task_of(db, task, "r57_task_set_status")) < 0)
        return ret;
    if (!r57_task_status_name(status))
        return r57__error(R57_EINVAL, "task '%s': %d is not a task status", task->ref, status);
    if (on == R57_DATE_NONE)
        on = r57__date_today();
    if ((ret = r57__store_write_begin(db, "r57_task_set_status")) < 0)
        return ret;
    return finish_write(db, task, set_status_in_txn(db, actor, task, status, on));
}

static const char *field_value(const r57_task *t, int field)
{
    switch (field) {
    case R57_FIELD_TITLE: return t->title;
    case R57_FIELD_OWNER_UNIT: return t->owner_unit;
    case R57_FIELD_OWNER: return t->owner;
    case R57_FIELD_OWNER_PERSON: return t->owner_person;
    case R57_FIELD_ACCOUNTABILITY_UNIT: return t->accountability_unit;
    case R57_FIELD_ACCOUNTABILITY: return t->accountability;
    case R57_FIELD_PRODUCT: return t->product;
    case R57_FIELD_AUTHORITY_UNIT: return t->authority_unit;
    case R57_FIELD_AUTHORITY: return t->authority;
    case R57_FIELD_DEADLINE: return t->deadline;
    case R57_FIELD_COORDINATING: return t->coordinating;
    default: return NULL;
    }
}

static int reresolve(r57_db *db, const char *actor, int64_t id, int *changed);

static int update_in_txn(r57_db *db, const char *actor, r57_task *t, int field,
                         const char *value)
{
    r57_task *cur;
    int ret = task_load(&cur, db, t->id);
    if (ret < 0)
        return ret;
    r57__task_facts f;
    ret = r57__task_facts_get(db, t->id, &f);
    if (ret == R57_OK)
        ret = r57__access_task(db, actor, R57_ROLE_MANAGER, -1, &f, "change");
    if (ret == R57_OK &&
        (cur->status == R57_STATUS_DONE || cur->status == R57_STATUS_CANCELLED))
        ret = r57__error(R57_ESTATE, "task '%s' of '%s' is %s; its %s cannot change", t->ref,
                         t->document, status_names[cur->status], fields[field].name);
    if (ret < 0) {
        r57_task_free(cur);
        return ret;
    }
    if (fields[field].is_unit) {
        int64_t uid = 0;
        ret = resolve_unit(db, t->ref, fields[field].name, value, &uid);
        /* A task handed to another unit must land in the manager's tree too. */
        if (ret == R57_OK && field == R57_FIELD_OWNER_UNIT) {
            char what[400];
            snprintf(what, sizeof what, "hand %s to unit '%s'", f.name, value ? value : "(none)");
            ret = r57__access(db, actor, R57_ROLE_MANAGER, uid, what);
        }
        if (ret == R57_OK)
            ret = r57__store_task_set_column(db, t->id, fields[field].column, 0, NULL, uid,
                                             uid == 0);
    } else if (field == R57_FIELD_DEADLINE) {
        int kind;
        r57_date due;
        ret = task_deadline(t->ref, value, &kind, &due);
        if (ret == R57_OK)
            ret = r57__store_task_set_column(db, t->id, "deadline", 1, value, 0, 0);
        if (ret == R57_OK)
            ret = r57__store_task_set_column(db, t->id, "deadline_kind", 0, NULL, kind, 0);
        if (ret == R57_OK)
            ret = r57__store_task_set_column(db, t->id, "due", 0, NULL, due,
                                             due == R57_DATE_NONE);
    } else {
        ret = r57__store_task_set_column(db, t->id, fields[field].column, 1, value, 0, 0);
    }
    if (ret == R57_OK)
        ret = journal_change(db, actor, t, "update", fields[field].name,
                             field_value(cur, field), value, NULL, NULL);
    /* A new text, or a code given for one: what the texts name follows. */
    if (ret == R57_OK && field != R57_FIELD_TITLE && field != R57_FIELD_PRODUCT &&
        field != R57_FIELD_DEADLINE && field != R57_FIELD_OWNER_PERSON) {
        int changed;
        ret = reresolve(db, actor, t->id, &changed);
    }
    r57_task_free(cur);
    return ret;
}

int r57_task_update(r57_db *db, const char *actor, r57_task *task, int field, const char *value)
{
    int ret;
    if (!db || !task)
        return r57__error(R57_EINVAL, "r57_task_update: db or task is NULL");
    if ((ret = r57__require("r57_task_update", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__task_of(db, task, "r57_task_update")) < 0)
        return ret;
    if (!r57_task_field_name(field))
        return r57__error(R57_EINVAL, "task '%s': %d is not an updatable field", task->ref,
                          field);
    if (value && !*value)
        value = NULL;
    if ((ret = r57__store_write_begin(db, "r57_task_update")) < 0)
        return ret;
    return finish_write(db, task, update_in_txn(db, actor, task, field, value));
}

static int instance_done_in_txn(r57_db *db, const char *actor, const r57_task *t,
                                r57_date start, r57_date on)
{
    r57__task_facts f;
    int ret;
    if ((ret = r57__task_facts_get(db, t->id, &f)) < 0 ||
        (ret = r57__access_task(db, actor, R57_ROLE_REPORTER, R57_ROLE_MANAGER, &f,
                                "mark done an instance of")) < 0)
        return ret;
    if (f.status == R57_STATUS_CANCELLED)
        return r57__error(R57_ESTATE, "task '%s' of '%s' is cancelled", t->ref, t->document);
    if ((ret = r57__evidence_proof_check(db, &f, start, t->product)) < 0)
        return ret;
    ret = r57__store_task_instance_done(db, t->id, start, on);
    char s[16], d[16];
    r57_date_format(s, sizeof s, start);
    r57_date_format(d, sizeof d, on);
    if (ret == R57_ECONFLICT)
        return r57__error(R57_EEXISTS, "task '%s' of '%s': the instance starting %s is done already",
                          t->ref, t->document, s);
    if (ret < 0)
        return ret;
    return journal_change(db, actor, t, "instance_done", "period_start", NULL, s, "done_on", d);
}

int r57_task_instance_done(r57_db *db, const char *actor, const r57_task *task, r57_date period,
                           r57_date on)
{
    int ret;
    r57_date start;
    if (!db || !task)
        return r57__error(R57_EINVAL, "r57_task_instance_done: db or task is NULL");
    if ((ret = r57__require("r57_task_instance_done", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__task_of(db, task, "r57_task_instance_done")) < 0)
        return ret;
    if (!r57_deadline_kind_is_regular(task->deadline_kind))
        return r57__error(R57_EINVAL, "task '%s' of '%s' is not a regular task (deadline '%s')",
                          task->ref, task->document, task->deadline);
    if (period == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "task '%s': no period date given", task->ref);
    if (on == R57_DATE_NONE)
        on = r57__date_today();
    if ((ret = r57_deadline_instance(&start, NULL, task->deadline_kind, period)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, "r57_task_instance_done")) < 0)
        return ret;
    return r57__store_write_end(db, instance_done_in_txn(db, actor, task, start, on));
}

/* ---- queries ---------------------------------------------------------- */

static int resolve_filter(r57_db *db, const char *document, const char *unit,
                          r57__task_filter *f)
{
    int ret;
    if (document && *document) {
        ret = r57__store_doc_id(db, document, &f->document_id);
        if (ret == R57_ENOTFOUND)
            return r57__error(R57_ENOTFOUND, "unknown document '%s'", document);
        if (ret < 0)
            return ret;
    }
    if (unit && *unit) {
        ret = r57__store_unit_id(db, unit, &f->unit_id);
        if (ret == R57_ENOTFOUND)
            return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", unit);
        if (ret < 0)
            return ret;
    }
    return R57_OK;
}

int r57_task_iterator_new(r57_task_iterator **out, r57_db *db, const r57_task_query *q)
{
    r57__task_filter f;
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_task_iterator_new: out or db is NULL");
    *out = NULL;
    if (q && q->version != R57_TASK_QUERY_VERSION)
        return r57__error(R57_EINVAL, "r57_task_iterator_new: unknown query version %u",
                          q->version);
    memset(&f, 0, sizeof f);
    if (q) {
        if ((ret = resolve_filter(db, q->document, q->unit, &f)) < 0)
            return ret;
        f.include_subunits = q->include_subunits;
        f.status_mask = q->status_mask;
    }
    r57_task_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    it->db = db;
    if ((ret = r57__store_task_cursor(&it->cursor, db, &f)) < 0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

int r57_task_next(r57_task **out, r57_task_iterator *it)
{
    r57__task_row row;
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_task_next: out or it is NULL");
    *out = NULL;
    int ret = r57__store_task_cursor_next(it->cursor, &row);
    if (ret < 0)
        return ret;
    if ((ret = task_from_row(out, it->db, &row)) < 0)
        return ret;
    /* Coordinating units are loaded per task: one indexed lookup. */
    if ((ret = r57__store_task_coords(it->db, row.id, add_coord, *out)) < 0) {
        r57_task_free(*out);
        *out = NULL;
    }
    return ret;
}

void r57_task_iterator_free(r57_task_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

/* ---- timeliness ------------------------------------------------------- */

static int collect_instance(r57_date start, r57_date done_on, void *payload)
{
    r57__instances *in = payload;
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 16;
        r57_date *s = r57__realloc(in->start, cap * sizeof *s);
        if (!s)
            return r57__error_nomem();
        in->start = s;
        r57_date *d = r57__realloc(in->done, cap * sizeof *d);
        if (!d)
            return r57__error_nomem();
        in->done = d;
        in->cap = cap;
    }
    in->start[in->n] = start;
    in->done[in->n] = done_on;
    in->n++;
    return R57_OK;
}

int r57__instances_load(r57_db *db, int64_t task_id, r57__instances *in)
{
    memset(in, 0, sizeof *in);
    in->first = R57_DATE_NONE;
    int ret = r57__store_task_doc_issued(db, task_id, &in->first);
    if (ret == R57_OK)
        ret = r57__store_task_instances(db, task_id, collect_instance, in);
    return ret;
}

r57_date r57__instances_done(const r57__instances *in, size_t *k, r57_date start)
{
    while (*k < in->n && in->start[*k] < start)
        ++*k;
    return *k < in->n && in->start[*k] == start ? in->done[*k] : R57_DATE_NONE;
}

void r57__instances_free(r57__instances *in)
{
    r57__free(in->start);
    r57__free(in->done);
}

static int judge(r57_date due, r57_date as_of, int soon)
{
    if (due < as_of)
        return R57_TIMELINESS_OVERDUE;
    return (int64_t)due - as_of <= soon ? R57_TIMELINESS_DUE_SOON : R57_TIMELINESS_ON_TRACK;
}

static int regular_timeliness(int *out, r57_date *due_out, r57_db *db, const r57_task *t,
                              r57_date as_of, int soon)
{
    r57__instances in;
    r57_date start, due;
    int ret = r57__instances_load(db, t->id, &in);
    if (ret < 0)
        goto out;
    r57_date first = in.first == R57_DATE_NONE || in.first > as_of ? as_of : in.first;
    /* Walk the instances from the first one to the one containing as_of;
     * `in` is sorted by start, so one pass with a moving index suffices. */
    size_t k = 0;
    ret = r57_deadline_instance(&start, &due, t->deadline_kind, first);
    while (ret == R57_OK) {
        r57_date done_on = r57__instances_done(&in, &k, start);
        if (done_on == R57_DATE_NONE) {
            *out = judge(due, as_of, soon);
            *due_out = due;
            break;
        }
        if (start <= as_of && as_of <= due) {
            *out = done_on <= due ? R57_TIMELINESS_DONE_ON_TIME : R57_TIMELINESS_DONE_LATE;
            *due_out = due;
            break;
        }
        ret = r57_deadline_instance(&start, &due, t->deadline_kind, due + 1);
    }
out:
    r57__instances_free(&in);
    return ret;
}

int r57_task_timeliness(int *out, r57_date *due_out, r57_db *db, const r57_task *t,
                        r57_date as_of, int soon)
{
    r57_date due_dummy;
    if (!out || !db || !t)
        return r57__error(R57_EINVAL, "r57_task_timeliness: out, db or task is NULL");
    int bad = r57__task_of(db, t, "r57_task_timeliness");
    if (bad < 0)
        return bad;
    if (as_of == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_task_timeliness: no as-of date");
    if (soon < 0)
        return r57__error(R57_EINVAL, "r57_task_timeliness: due_soon_days %d is negative", soon);
    if (!due_out)
        due_out = &due_dummy;
    *due_out = t->due;
    if (t->status == R57_STATUS_CANCELLED) {
        *out = R57_TIMELINESS_CANCELLED;
        return R57_OK;
    }
    if (t->status == R57_STATUS_DONE) {
        *out = t->due == R57_DATE_NONE || t->done_on == R57_DATE_NONE || t->done_on <= t->due
                   ? R57_TIMELINESS_DONE_ON_TIME
                   : R57_TIMELINESS_DONE_LATE;
        return R57_OK;
    }
    if (r57_deadline_kind_is_regular(t->deadline_kind))
        return regular_timeliness(out, due_out, db, t, as_of, soon);
    *out = t->due == R57_DATE_NONE ? R57_TIMELINESS_NO_DEADLINE : judge(t->due, as_of, soon);
    return R57_OK;
}

int r57_overdue_iterator_new(r57_overdue_iterator **out, r57_db *db, r57_date as_of, int soon,
                             const char *unit, int include_subunits)
{
    r57__task_filter f;
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_overdue_iterator_new: out or db is NULL");
    *out = NULL;
    if (as_of == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_overdue_iterator_new: no as-of date");
    if (soon < 0 || soon > 36600)
        return r57__error(R57_EINVAL, "r57_overdue_iterator_new: due_soon_days %d is out of range",
                          soon);
    memset(&f, 0, sizeof f);
    if ((ret = resolve_filter(db, NULL, unit, &f)) < 0)
        return ret;
    f.include_subunits = include_subunits;
    f.overdue_mode = 1;
    f.due_until = as_of + soon;
    r57_overdue_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    it->db = db;
    it->as_of = as_of;
    it->soon = soon;
    if ((ret = r57__store_task_cursor(&it->cursor, db, &f)) < 0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

int r57_overdue_next(r57_task **out, int *timeliness, r57_date *due, r57_overdue_iterator *it)
{
    r57__task_row row;
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_overdue_next: out or it is NULL");
    *out = NULL;
    for (;;) {
        int ret = r57__store_task_cursor_next(it->cursor, &row);
        if (ret < 0)
            return ret;
        r57_task *t;
        int state;
        r57_date d;
        if ((ret = task_from_row(&t, it->db, &row)) < 0)
            return ret;
        if ((ret = r57__store_task_coords(it->db, row.id, add_coord, t)) < 0) {
            r57_task_free(t);
            return ret;
        }
        ret = r57_task_timeliness(&state, &d, it->db, t, it->as_of, it->soon);
        if (ret < 0) {
            r57_task_free(t);
            return ret;
        }
        /* Regular tasks come from the query unjudged; keep only those whose
         * pending instance is overdue or due soon. */
        if (state != R57_TIMELINESS_OVERDUE && state != R57_TIMELINESS_DUE_SOON) {
            r57_task_free(t);
            continue;
        }
        if (timeliness)
            *timeliness = state;
        if (due)
            *due = d;
        *out = t;
        return R57_OK;
    }
}

void r57_overdue_iterator_free(r57_overdue_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

/* ---- resolutions ------------------------------------------------------- */

const char *r57_task_accountability_rule(const r57_task *t)
{
    return t ? t->accountability_rule : NULL;
}

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
        return r57__error(R57_EINVAL, "%s: field %d is not owner, coordinating, authority or "
                                      "accountability", func, (int)field);
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
static int reresolve(r57_db *db, const char *actor, int64_t id, int *changed)
{
    r57_task *t = NULL;
    int ret = task_load(&t, db, id);
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
    s.accountability_unit =
        from_text(old, "accountability", t->accountability_unit) ? NULL : t->accountability_unit;
    if (!coord_from_text) {
        s.coordinating_units = (const char *const *)t->coord_units;
        s.coordinating_units_count = t->coord_count;
    }
    json_decref(old);
    texts x;
    memset(&x, 0, sizeof x);
    ret = resolve_texts(db, &s, &eff, &x);
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
        ret = resolve_unit(db, t->ref, units[i].column, units[i].want, &uid);
        if (ret == R57_OK)
            ret = r57__store_task_set_column(db, id, units[i].column, 0, NULL, uid, uid == 0);
        if (ret == R57_OK)
            ret = journal_change(db, actor, t, "resolve", units[i].column, units[i].now,
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
                ret = resolve_unit(db, t->ref, "coordinating_units", eff.coordinating_units[i],
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
                          : journal_change(db, actor, t, "resolve", "coordinating_units",
                                           o.ptr ? o.ptr : "", n.ptr ? n.ptr : "", NULL, NULL);
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
    texts_free(&x);
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
    char what[64];
    snprintf(what, sizeof what, "resolve the texts of tasks");
    ret = r57__access(db, actor, R57_ROLE_MANAGER, -1, what);
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
        ret = reresolve(db, actor, ids[i], &c);
        if (changed)
            *changed += (uint64_t)c;
    }
    r57__free(ids);
    ret = r57__store_write_end(db, ret);
    if (ret < 0 && changed)
        *changed = 0;
    return ret;
}

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
            if ((ret = push_code(out, n, r57_resolution_match_unit(r, i))) < 0)
                break;
        }
    } else if (level && (ret = r57_group_get(&g, db, level)) == R57_OK) {
        /* The members of the unit group (data/unit_groups.csv). */
        for (size_t i = 0; ret == R57_OK && i < r57_group_member_count(g); i++)
            ret = push_code(out, n, r57_group_member_at(g, i));
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
                ret = push_code(out, n, r57_unit_code(u));
            r57_unit_free(u);
        }
        r57_unit_iterator_free(it);
        if (ret == R57_ITEROVER)
            ret = R57_OK;
    } else if (group) {
        ret = r57__error(R57_EINVAL, "task '%s' of '%s': '%s' is not a unit group (central, "
                         "local, …)", t->ref, t->document, group);
    } else {
        ret = r57__error(R57_EINVAL, "task '%s' of '%s': its owner '%s' names neither joint "
                         "units nor a level to assign it to each of (%s)", t->ref, t->document,
                         t->owner, r ? r57_resolution_reason(r) : "not resolved");
    }
    if (ret == R57_OK && *n == 0)
        ret = r57__error(R57_ENOTFOUND, "task '%s' of '%s': the %s level has no units; load the "
                         "registry first (r57_unit_registry_load)", t->ref, t->document,
                         level ? level : "?");
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
    if ((ret = task_load(&t, db, task->id)) < 0)
        return ret;
    if (t->owner_unit) {
        ret = r57__error(R57_EINVAL, "%s: task '%s' of '%s' has one lead unit (%s); only a task "
                         "whose owner is joint or a group goes to each", func, t->ref,
                         t->document, t->owner_unit);
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
                            strcmp(r57_resolution_group(ra),
                                   group ? group : r57_resolution_group(ro) ? r57_resolution_group(ro) : "") == 0;
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
            ret = r57__error(R57_EEXISTS, "%s: task '%s' of '%s' was assigned to each already "
                             "(it has a sub-task '%s')", func, t->ref, t->document, ref.ptr);
        r57__buf_free(&ref);
    }
    if (ret == R57_OK && (ret = r57__store_write_begin(db, func)) == R57_OK)
        ret = r57__store_write_end(db, mark_assigned(db, t, n));
    if (own)
        {
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
