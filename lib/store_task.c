/*
 * Tasks: their rows, coordinating units, done instances of regular tasks,
 * key categories, and the task queries (filters, the overdue list).
 */
#include "store_internal.h"

#include <string.h>

int r57__store_task_insert(r57_db *db, r57__task_row *r)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, r->document_id);
    r57__sql_bind_text(st, 2, r->ref);
    r57__sql_bind_id(st, 3, r->parent_id);
    r57__sql_bind_text(st, 4, r->title);
    r57__sql_bind_id(st, 5, r->owner_unit_id);
    r57__sql_bind_text(st, 6, r->owner);
    r57__sql_bind_text(st, 7, r->owner_person);
    r57__sql_bind_id(st, 8, r->accountability_unit_id);
    r57__sql_bind_text(st, 9, r->accountability);
    r57__sql_bind_text(st, 10, r->product);
    r57__sql_bind_id(st, 11, r->authority_unit_id);
    r57__sql_bind_text(st, 12, r->authority);
    r57__sql_bind_text(st, 13, r->deadline);
    sqlite3_bind_int(st, 14, r->deadline_kind);
    r57__sql_bind_date(st, 15, r->due);
    r57__sql_bind_text(st, 16, r->coordinating);
    r57__sql_bind_text(st, 17, r->resolution);
    ret = r57__sql_exec(db, st, "storing a task");
    if (ret == R57_OK)
        r->id = r57__sql_last_id(db);
    return ret;
}

int r57__store_task_coord_insert(r57_db *db, int64_t task_id, int position, int64_t unit_id)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_COORD_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    sqlite3_bind_int(st, 2, position);
    sqlite3_bind_int64(st, 3, unit_id);
    return r57__sql_exec(db, st, "storing a coordinating unit");
}

int r57__store_task_coords_clear(r57_db *db, int64_t task_id)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_COORDS_CLEAR, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    return r57__sql_exec(db, st, "removing coordinating units");
}

int r57__store_task_id(r57_db *db, int64_t document_id, const char *ref, int64_t *id,
                       int64_t *doc_of)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_ID_BY_REF, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, document_id);
    r57__sql_bind_text(st, 2, ref);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (doc_of)
            *doc_of = sqlite3_column_int64(st, 1);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "task '%s' not found", ref);
    } else {
        ret = r57__sql_error(db, rc, "looking up a task");
    }
    r57__sql_done(st);
    return ret;
}

static void task_row(sqlite3_stmt *st, r57__task_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->document_id = sqlite3_column_int64(st, 1);
    r->parent_id = sqlite3_column_int64(st, 2);
    r->owner_unit_id = sqlite3_column_int64(st, 3);
    r->accountability_unit_id = sqlite3_column_int64(st, 4);
    r->authority_unit_id = sqlite3_column_int64(st, 5);
    r->document = r57__sql_text(st, 6);
    r->ref = r57__sql_text(st, 7);
    r->parent_ref = r57__sql_text(st, 8);
    r->title = r57__sql_text(st, 9);
    r->owner_unit = r57__sql_text(st, 10);
    r->owner = r57__sql_text(st, 11);
    r->owner_person = r57__sql_text(st, 12);
    r->accountability_unit = r57__sql_text(st, 13);
    r->accountability = r57__sql_text(st, 14);
    r->product = r57__sql_text(st, 15);
    r->authority_unit = r57__sql_text(st, 16);
    r->authority = r57__sql_text(st, 17);
    r->deadline = r57__sql_text(st, 18);
    r->coordinating = r57__sql_text(st, 19);
    r->deadline_kind = sqlite3_column_int(st, 20);
    r->status = sqlite3_column_int(st, 21);
    r->due = r57__sql_date(st, 22);
    r->done_on = r57__sql_date(st, 23);
    r->key_category = sqlite3_column_int(st, 24);
    r->resolution = r57__sql_text(st, 25);
    r->accountability_rule = r57__sql_text(st, 26);
}

int r57__store_task_by_id(r57_db *db, int64_t id, r57__task_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_BY_ID, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__task_row row;
        task_row(st, &row);
        ret = fn(&row, payload);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "task #%lld not found", (long long)id);
    } else {
        ret = r57__sql_error(db, rc, "reading a task");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_task_coords(r57_db *db, int64_t task_id, int (*fn)(const char *, void *),
                           void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_COORDS, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(r57__sql_text(st, 0), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading coordinating units");
    r57__sql_done(st);
    return ret;
}

int r57__store_task_set_status(r57_db *db, int64_t id, int status, r57_date done_on)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_SET_STATUS, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, status);
    r57__sql_bind_date(st, 2, done_on);
    sqlite3_bind_int64(st, 3, id);
    return r57__sql_exec(db, st, "changing a task's status");
}

/* The columns r57__store_task_set_column may touch, with their UPDATE
 * statements: the column name is never taken from input. */
static const struct {
    const char *column;
    r57__stmt_id stmt;
} task_columns[] = {
    { "title", S_TASK_SET_TITLE },
    { "owner_unit_id", S_TASK_SET_OWNER_UNIT },
    { "owner", S_TASK_SET_OWNER },
    { "owner_person", S_TASK_SET_OWNER_PERSON },
    { "accountability_unit_id", S_TASK_SET_ACCOUNTABILITY_UNIT },
    { "accountability", S_TASK_SET_ACCOUNTABILITY },
    { "product", S_TASK_SET_PRODUCT },
    { "authority_unit_id", S_TASK_SET_AUTHORITY_UNIT },
    { "authority", S_TASK_SET_AUTHORITY },
    { "deadline", S_TASK_SET_DEADLINE },
    { "deadline_kind", S_TASK_SET_DEADLINE_KIND },
    { "due", S_TASK_SET_DUE },
    { "coordinating", S_TASK_SET_COORDINATING },
    { "resolution", S_TASK_SET_RESOLUTION },
};

int r57__store_task_set_column(r57_db *db, int64_t id, const char *column, int is_text,
                               const char *text, int64_t num, int is_null)
{
    for (size_t i = 0; i < sizeof task_columns / sizeof task_columns[0]; i++) {
        if (strcmp(task_columns[i].column, column) != 0)
            continue;
        sqlite3_stmt *st = NULL;
        int ret = r57__sql_stmt(db, task_columns[i].stmt, &st);
        if (ret < 0)
            return ret;
        if (is_null || (is_text && !text))
            sqlite3_bind_null(st, 1);
        else if (is_text)
            sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, 1, num);
        sqlite3_bind_int64(st, 2, id);
        return r57__sql_exec(db, st, "updating a task");
    }
    return r57__error(R57_EINVAL, "task column '%s' cannot be updated", column);
}

int r57__store_task_set_key(r57_db *db, int64_t task_id, int category)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_SET_KEY, &st);
    if (ret < 0)
        return ret;
    if (category < 0)
        sqlite3_bind_null(st, 1);
    else
        sqlite3_bind_int(st, 1, category);
    sqlite3_bind_int64(st, 2, task_id);
    return r57__sql_exec(db, st, "marking a key task");
}

int r57__store_task_key(r57_db *db, int64_t task_id, int *category)
{
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    int ret = r57__sql_stmt(db, S_TASK_KEY, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    ret = r57__sql_int(db, st, &v, "reading a task");
    *category = (int)v;
    return ret;
}

int r57__store_task_instance_done(r57_db *db, int64_t task_id, r57_date start, r57_date on)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_INSTANCE_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    sqlite3_bind_int(st, 2, start);
    sqlite3_bind_int(st, 3, on);
    return r57__sql_exec(db, st, "recording a task instance");
}

int r57__store_task_instances(r57_db *db, int64_t task_id, int (*fn)(r57_date, r57_date, void *),
                              void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_INSTANCES, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(r57__sql_date(st, 0), r57__sql_date(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading task instances");
    r57__sql_done(st);
    return ret;
}

int r57__store_task_doc_issued(r57_db *db, int64_t task_id, r57_date *out)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TASK_DOC_ISSUED, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = r57__sql_date(st, 0);
    else if (rc == SQLITE_DONE)
        ret = r57__error(R57_ENOTFOUND, "task #%lld not found", (long long)task_id);
    else
        ret = r57__sql_error(db, rc, "reading a task's document");
    r57__sql_done(st);
    return ret;
}

/* ---- task queries ---------------------------------------------------------- */

/*
 * Task queries start from S_TASK_SELECT and add constant pieces chosen by
 * which filters are set; the filter values are bound by number (?1 … ?4).
 */
#define SUBUNITS_CTE                                                                               \
    "WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL"                                               \
    " SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id) "

static int build_task_query(r57__buf *sql, const r57__task_filter *f)
{
    const char *select = r57__stmt_sql[S_TASK_SELECT];
    const char *unit_term = f->unit_id ? (f->include_subunits
                                              ? " AND t.owner_unit_id IN (SELECT id FROM sub)"
                                              : " AND t.owner_unit_id = ?2")
                                       : "";
    if (f->unit_id && f->include_subunits)
        r57__buf_puts(sql, SUBUNITS_CTE);
    if (f->overdue_mode) {
        /* Two index searches on (status, due): dated open tasks due by ?4,
         * and open tasks without a due date that recur (the kinds of
         * r57_deadline_kind_is_regular: monthly, quarterly, annually,
         * half_yearly). */
        r57__buf_puts(sql, select);
        r57__buf_puts(sql, " WHERE t.status IN (0, 1, 2) AND t.due <= ?4");
        r57__buf_puts(sql, unit_term);
        r57__buf_puts(sql, " UNION ALL ");
        r57__buf_puts(sql, select);
        r57__buf_puts(sql, " WHERE t.status IN (0, 1, 2) AND t.due IS NULL"
                           " AND t.deadline_kind IN (5, 6, 7, 12)");
        r57__buf_puts(sql, unit_term);
        r57__buf_puts(sql, " ORDER BY 23 NULLS LAST, 7, 1");
        return sql->failed ? R57_ENOMEM : R57_OK;
    }
    r57__buf_puts(sql, select);
    r57__buf_puts(sql, " WHERE 1");
    if (f->document_id)
        r57__buf_puts(sql, " AND t.document_id = ?1");
    r57__buf_puts(sql, unit_term);
    if (f->status_mask)
        r57__buf_puts(sql, " AND ((1 << t.status) & ?3) != 0");
    r57__buf_puts(sql, " ORDER BY d.number, t.id");
    return sql->failed ? R57_ENOMEM : R57_OK;
}

int r57__store_task_cursor(r57__cursor **out, r57_db *db, const r57__task_filter *f)
{
    r57__buf sql = R57__BUF_INIT;
    int ret = build_task_query(&sql, f);
    if (ret < 0) {
        r57__buf_free(&sql);
        return ret;
    }
    ret = r57__cursor_new(out, db, sql.ptr);
    r57__buf_free(&sql);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = (*out)->st;
    /* Bind only the parameters the query text uses. */
    int i;
    if ((i = sqlite3_bind_parameter_index(st, "?1")) != 0)
        sqlite3_bind_int64(st, i, f->document_id);
    if ((i = sqlite3_bind_parameter_index(st, "?2")) != 0)
        sqlite3_bind_int64(st, i, f->unit_id);
    if ((i = sqlite3_bind_parameter_index(st, "?3")) != 0)
        sqlite3_bind_int64(st, i, f->status_mask);
    if ((i = sqlite3_bind_parameter_index(st, "?4")) != 0)
        sqlite3_bind_int(st, i, f->due_until);
    return R57_OK;
}

int r57__store_task_cursor_next(r57__cursor *c, r57__task_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        task_row(c->st, row);
    return ret;
}

int r57__store_explain_overdue(r57_db *db, char **plan)
{
    r57__buf sql = R57__BUF_INIT, out = R57__BUF_INIT;
    r57__task_filter f = { 0, 0, 0, 0, 1, 0 };
    sqlite3_stmt *st = NULL;
    r57__buf_puts(&sql, "EXPLAIN QUERY PLAN ");
    if (build_task_query(&sql, &f) < 0) {
        r57__buf_free(&sql);
        return r57__error_nomem();
    }
    int rc = sqlite3_prepare_v2(db->conn->sq, sql.ptr, -1, &st, NULL);
    r57__buf_free(&sql);
    if (rc != SQLITE_OK)
        return r57__sql_error(db, rc, "explaining the overdue query");
    while (sqlite3_step(st) == SQLITE_ROW) {
        r57__buf_puts(&out, r57__sql_text(st, 3));
        r57__buf_puts(&out, "\n");
    }
    sqlite3_finalize(st);
    *plan = r57__buf_detach(&out);
    return *plan ? R57_OK : r57__error_nomem();
}
