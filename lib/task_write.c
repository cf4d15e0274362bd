/* Tasks: creation with the 6 clear fields, status and updates. */
#include "access.h"
#include "task_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- the updatable fields ------------------------------------------- */

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

const char *r57_task_field_name(r57_task_field_t field)
{
    return field >= 0 && field < FIELD_COUNT ? fields[field].name : NULL;
}

/* ---- writing a task ------------------------------------------------- */

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
        ret = r57__task_load(&fresh, db, task->id);
    ret = r57__store_write_end(db, ret);
    if (ret < 0)
        r57_task_free(fresh);
    else
        task_replace(task, fresh);
    return ret;
}

/* ---- creation --------------------------------------------------------- */

/* Parses a deadline and words the error for a task. */
static int task_deadline(const char *ref, const char *text, int *kind, r57_date *due)
{
    r57_deadline_kind_t k = R57_DEADLINE_NONE;
    int ret = r57_deadline_parse(&k, due, text);
    *kind = k;
    if (ret < 0) {
        /* Copy first (whole): the message is rewritten in the same buffer. */
        const r57_error *e = r57_error_last();
        char *msg = r57__strdup(r57_error_message(e));
        if (!msg)
            return r57__error_nomem();
        ret = r57__error_at(ret, r57_error_line(e), r57_error_column(e), r57_error_offset(e),
                            "task '%s': %s", ref, msg);
        r57__free(msg);
    }
    return ret;
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

static int create_in_txn(r57_db *db, const char *actor, const r57_task_spec *spec,
                         r57__task_row *row)
{
    int ret;
    r57_task_spec eff;
    texts x;
    memset(&x, 0, sizeof x);
    if ((ret = r57__task_texts_resolve(db, spec, &eff, &x)) < 0) {
        r57__task_texts_free(&x);
        return ret;
    }
    row->resolution = x.any ? x.json.ptr : NULL;
    ret = create_resolved(db, actor, &eff, row);
    row->resolution = NULL;
    r57__task_texts_free(&x);
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
    if ((ret = r57__task_unit_id(db, ref, "owner_unit", s->owner_unit, &row->owner_unit_id)) < 0 ||
        (ret = r57__task_unit_id(db, ref, "accountability_unit", s->accountability_unit,
                                 &row->accountability_unit_id)) < 0 ||
        (ret = r57__task_unit_id(db, ref, "authority_unit", s->authority_unit,
                                 &row->authority_unit_id)) < 0)
        return ret;

    r57__buf what = R57__BUF_INIT;
    r57__buf_printf(&what, "assign task '%s' of '%s'", ref, s->document);
    ret = what.failed ? r57__error_nomem()
                      : r57__access(db, actor, R57_ROLE_MANAGER, row->owner_unit_id, what.ptr);
    r57__buf_free(&what);
    if (ret < 0)
        return ret;

    /* Everything is resolved before the first write (see store.h). */
    size_t n = s->coordinating_units_count;
    int64_t small[8], *coord = n <= 8 ? small : r57__calloc(n, sizeof *coord);
    if (!coord)
        return r57__error_nomem();
    for (size_t i = 0; i < n && ret == R57_OK; i++) {
        ret = r57__task_unit_id(db, ref, "coordinating_units", s->coordinating_units[i], &coord[i]);
        if (ret == R57_OK && !coord[i])
            ret = r57__error(R57_EINVAL, "task '%s': coordinating unit %zu is empty", ref, i);
        for (size_t k = 0; k < i && ret == R57_OK; k++)
            if (coord[k] == coord[i])
                ret = r57__error(R57_EINVAL, "task '%s': coordinating unit '%s' is listed twice",
                                 ref, s->coordinating_units[i]);
    }
    if (ret == R57_OK) {
        ret = r57__store_task_insert(db, row);
        if (ret == R57_EEXISTS) /* the unique (document, ref) */
            ret = r57__error(R57_EEXISTS, "document '%s' has a task '%s' already", s->document,
                             ref);
    }
    for (size_t i = 0; i < n && ret == R57_OK; i++)
        ret = r57__store_task_coord_insert(db, row->id, (int)i, coord[i]);
    if (coord != small)
        r57__free(coord);
    if (ret < 0)
        return ret;
    char due[R57_DATE_TEXT_SIZE] = "";
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
        ret = r57__task_load(&t, db, row.id);
    ret = r57__store_write_end(db, ret);
    if (ret < 0)
        r57_task_free(t);
    else if (out)
        *out = t;
    return ret;
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

static int set_status_of(r57_db *db, const char *actor, r57_task *t, int status, r57_date on,
                         const r57__task_facts *f)
{
    int from = f->status;
    /* Managers cancel; reporters (and managers) move the work along. */
    int ret = status == R57_STATUS_CANCELLED
                  ? r57__access_task(db, actor, R57_ROLE_MANAGER, -1, f, "cancel")
                  : r57__access_task(db, actor, R57_ROLE_REPORTER, R57_ROLE_MANAGER, f,
                                     "change the status of");
    if (ret < 0)
        return ret;
    if (!transition_allowed(from, status))
        return r57__error(R57_ESTATE, "task '%s' of '%s': status cannot change from %s to %s",
                          t->ref, t->document, r57_task_status_name(from),
                          r57_task_status_name(status));
    if (status == R57_STATUS_DONE &&
        (ret = r57__evidence_proof_check(db, f, R57_DATE_NONE, t->product)) < 0)
        return ret;
    r57_date done_on = status == R57_STATUS_DONE ? on : R57_DATE_NONE;
    if ((ret = r57__store_task_set_status(db, t->id, status, done_on)) < 0)
        return ret;
    char date[R57_DATE_TEXT_SIZE] = "";
    if (done_on != R57_DATE_NONE)
        r57_date_format(date, sizeof date, done_on);
    return r57__task_journal_change(db, actor, t, "status", "status", r57_task_status_name(from),
                                    r57_task_status_name(status), *date ? "done_on" : NULL, date);
}

static int set_status_in_txn(r57_db *db, const char *actor, r57_task *t, int status, r57_date on)
{
    r57__task_facts f;
    int ret = r57__task_facts_get(db, t->id, &f);
    if (ret == R57_OK)
        ret = set_status_of(db, actor, t, status, on, &f);
    r57__task_facts_free(&f);
    return ret;
}

int r57_task_set_status(r57_db *db, const char *actor, r57_task *task, r57_task_status_t status,
                        r57_date on)
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

static int update_in_txn(r57_db *db, const char *actor, r57_task *t, int field, const char *value)
{
    r57_task *cur;
    int ret = r57__task_load(&cur, db, t->id);
    if (ret < 0)
        return ret;
    r57__task_facts f;
    ret = r57__task_facts_get(db, t->id, &f);
    if (ret == R57_OK)
        ret = r57__access_task(db, actor, R57_ROLE_MANAGER, -1, &f, "change");
    if (ret == R57_OK && (cur->status == R57_STATUS_DONE || cur->status == R57_STATUS_CANCELLED))
        ret = r57__error(R57_ESTATE, "task '%s' of '%s' is %s; its %s cannot change", t->ref,
                         t->document, r57_task_status_name(cur->status), fields[field].name);
    if (ret < 0) {
        r57__task_facts_free(&f);
        r57_task_free(cur);
        return ret;
    }
    if (fields[field].is_unit) {
        int64_t uid = 0;
        ret = r57__task_unit_id(db, t->ref, fields[field].name, value, &uid);
        /* A task handed to another unit must land in the manager's tree too. */
        if (ret == R57_OK && field == R57_FIELD_OWNER_UNIT) {
            r57__buf what = R57__BUF_INIT;
            r57__buf_printf(&what, "hand %s to unit '%s'", f.name, value ? value : "(none)");
            ret = what.failed ? r57__error_nomem()
                              : r57__access(db, actor, R57_ROLE_MANAGER, uid, what.ptr);
            r57__buf_free(&what);
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
            ret = r57__store_task_set_column(db, t->id, "due", 0, NULL, due, due == R57_DATE_NONE);
    } else {
        ret = r57__store_task_set_column(db, t->id, fields[field].column, 1, value, 0, 0);
    }
    if (ret == R57_OK)
        ret = r57__task_journal_change(db, actor, t, "update", fields[field].name,
                                       field_value(cur, field), value, NULL, NULL);
    /* A new text, or a code given for one: what the texts name follows. */
    if (ret == R57_OK && field != R57_FIELD_TITLE && field != R57_FIELD_PRODUCT &&
        field != R57_FIELD_DEADLINE && field != R57_FIELD_OWNER_PERSON) {
        int changed;
        ret = r57__task_reresolve(db, actor, t->id, &changed);
    }
    r57__task_facts_free(&f);
    r57_task_free(cur);
    return ret;
}

int r57_task_update(r57_db *db, const char *actor, r57_task *task, r57_task_field_t field,
                    const char *value)
{
    int ret;
    if (!db || !task)
        return r57__error(R57_EINVAL, "r57_task_update: db or task is NULL");
    if ((ret = r57__require("r57_task_update", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__task_of(db, task, "r57_task_update")) < 0)
        return ret;
    if (!r57_task_field_name(field))
        return r57__error(R57_EINVAL, "task '%s': %d is not an updatable field", task->ref, field);
    if (value && !*value)
        value = NULL;
    if ((ret = r57__store_write_begin(db, "r57_task_update")) < 0)
        return ret;
    return finish_write(db, task, update_in_txn(db, actor, task, field, value));
}

static int instance_done_of(r57_db *db, const char *actor, const r57_task *t, r57_date start,
                            r57_date on, const r57__task_facts *f)
{
    int ret;
    if ((ret = r57__access_task(db, actor, R57_ROLE_REPORTER, R57_ROLE_MANAGER, f,
                                "mark done an instance of")) < 0)
        return ret;
    if (f->status == R57_STATUS_CANCELLED)
        return r57__error(R57_ESTATE, "task '%s' of '%s' is cancelled", t->ref, t->document);
    if ((ret = r57__evidence_proof_check(db, f, start, t->product)) < 0)
        return ret;
    ret = r57__store_task_instance_done(db, t->id, start, on);
    char s[R57_DATE_TEXT_SIZE], d[R57_DATE_TEXT_SIZE];
    r57_date_format(s, sizeof s, start);
    r57_date_format(d, sizeof d, on);
    if (ret == R57_EEXISTS)
        return r57__error(R57_EEXISTS,
                          "task '%s' of '%s': the instance starting %s is done already", t->ref,
                          t->document, s);
    if (ret < 0)
        return ret;
    return r57__task_journal_change(db, actor, t, "instance_done", "period_start", NULL, s,
                                    "done_on", d);
}

static int instance_done_in_txn(r57_db *db, const char *actor, const r57_task *t, r57_date start,
                                r57_date on)
{
    r57__task_facts f;
    int ret = r57__task_facts_get(db, t->id, &f);
    if (ret == R57_OK)
        ret = instance_done_of(db, actor, t, start, on, &f);
    r57__task_facts_free(&f);
    return ret;
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
