/* Tasks: queries, timeliness and the overdue list. */
#include "task_internal.h"

#include <string.h>

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

/* ---- queries ---------------------------------------------------------- */

static int resolve_filter(r57_db *db, const char *document, const char *unit, r57__task_filter *f)
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
    if ((ret = r57__task_from_row(out, it->db, &row)) < 0)
        return ret;
    /* Coordinating units are loaded per task: one indexed lookup. */
    if ((ret = r57__store_task_coords(it->db, row.id, r57__task_add_coord, *out)) < 0) {
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

static int regular_timeliness(r57_timeliness_t *out, r57_date *due_out, r57_db *db,
                              const r57_task *t, r57_date as_of, int soon)
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

int r57_task_timeliness(r57_timeliness_t *out, r57_date *due_out, r57_db *db, const r57_task *t,
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

int r57_overdue_next(r57_task **out, r57_timeliness_t *timeliness, r57_date *due,
                     r57_overdue_iterator *it)
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
        r57_timeliness_t state;
        r57_date d;
        if ((ret = r57__task_from_row(&t, it->db, &row)) < 0)
            return ret;
        if ((ret = r57__store_task_coords(it->db, row.id, r57__task_add_coord, t)) < 0) {
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
