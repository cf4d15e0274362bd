/*
 * Storage of actors and roles, progress reports, evidence, evidence rules
 * and the journal's hash chain: part of the storage module (store.h).
 */
#include "store.h"

#include <string.h>

enum {
    E_ADMIN_EXISTS, E_ACTOR_ID, E_ACTOR_INSERT, E_ROLE_INSERT, E_ROLE_DELETE, E_ROLE_COUNT,
    E_HAS_ROLE_UNIT, E_HAS_ROLE_SYSTEM, E_HAS_ROLE_ANY, E_UNIT_PARENT, E_UNIT_CODE,
    E_PROGRESS_INSERT, E_PROGRESS_BY_ID, E_EVIDENCE_INSERT, E_EVIDENCE_BY_ID,
    E_EVIDENCE_DECIDE, E_EVIDENCE_PROOF, E_EVIDENCE_PROOF_PERIOD, E_RULE_GET, E_RULE_PUT,
    E_JOURNAL_HEAD, E_JOURNAL_HASH_SEQ, E_TASK_SET_KEY, E_TASK_GET_KEY, E_RATING_GET,
    E_RATING_PUT,
    E__COUNT
};

#define PROGRESS_COLUMNS                                                                    \
    "p.id, d.number, t.ref, p.percent, p.narrative, p.reported_on, p.period, p.actor, p.at," \
    " p.task_id"                                                                            \
    " FROM progress p JOIN task t ON t.id = p.task_id JOIN document d ON d.id = t.document_id"
#define EVIDENCE_COLUMNS                                                                   \
    "e.id, d.number, t.ref, e.progress_id, e.kind, e.title, e.uri, e.doc_number,"          \
    " e.doc_date, e.doc_issuer, e.size, e.media_type, e.sha256, e.product, e.status,"      \
    " e.submitted_by, e.submitted_at, e.decided_by, e.decided_at, e.reason, e.task_id"     \
    " FROM evidence e JOIN task t ON t.id = e.task_id JOIN document d ON d.id = t.document_id"
/* The unit and every unit above it. */
#define UNIT_AND_ABOVE                                                                     \
    "WITH RECURSIVE up(id) AS (SELECT ?3 UNION ALL"                                        \
    " SELECT u.parent_id FROM unit u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)"

static const char *const sql[E__COUNT] = {
    [E_ADMIN_EXISTS] = "SELECT EXISTS (SELECT 1 FROM actor_role WHERE role = ?)",
    [E_ACTOR_ID] = "SELECT id FROM actor WHERE code = ?",
    [E_ACTOR_INSERT] = "INSERT INTO actor (code, name) VALUES (?, ?)",
    [E_ROLE_INSERT] = "INSERT INTO actor_role (actor_id, role, unit_id) VALUES (?, ?, ?)",
    [E_ROLE_DELETE] =
        "DELETE FROM actor_role WHERE actor_id = ? AND role = ? AND unit_id IS ?",
    [E_ROLE_COUNT] = "SELECT count(*) FROM actor_role WHERE role = ?",
    [E_HAS_ROLE_UNIT] =
        UNIT_AND_ABOVE
        " SELECT EXISTS (SELECT 1 FROM actor_role r JOIN actor a ON a.id = r.actor_id"
        " WHERE a.code = ?1 AND r.role = ?2"
        " AND (r.unit_id IS NULL OR r.unit_id IN (SELECT id FROM up)))",
    [E_HAS_ROLE_SYSTEM] =
        "SELECT EXISTS (SELECT 1 FROM actor_role r JOIN actor a ON a.id = r.actor_id"
        " WHERE a.code = ? AND r.role = ? AND r.unit_id IS NULL)",
    [E_HAS_ROLE_ANY] =
        "SELECT EXISTS (SELECT 1 FROM actor_role r JOIN actor a ON a.id = r.actor_id"
        " WHERE a.code = ? AND r.role = ?)",
    [E_UNIT_PARENT] = "SELECT parent_id FROM unit WHERE id = ?",
    [E_UNIT_CODE] = "SELECT code FROM unit WHERE id = ?",
    [E_PROGRESS_INSERT] =
        "INSERT INTO progress (task_id, percent, narrative, reported_on, period, actor, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
    [E_PROGRESS_BY_ID] = "SELECT " PROGRESS_COLUMNS " WHERE p.id = ?",
    [E_EVIDENCE_INSERT] =
        "INSERT INTO evidence (task_id, progress_id, kind, title, uri, doc_number, doc_date,"
        " doc_issuer, size, media_type, sha256, product, status, submitted_by, submitted_at,"
        " decided_by, decided_at, reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [E_EVIDENCE_BY_ID] = "SELECT " EVIDENCE_COLUMNS " WHERE e.id = ?",
    [E_EVIDENCE_DECIDE] =
        "UPDATE evidence SET status = ?, decided_by = ?, decided_at = ?, reason = ?"
        " WHERE id = ? AND status = 0",
    [E_EVIDENCE_PROOF] =
        "SELECT count(*) FROM evidence WHERE task_id = ? AND status = 1 AND product = 1",
    [E_EVIDENCE_PROOF_PERIOD] =
        "SELECT count(*) FROM evidence e JOIN progress p ON p.id = e.progress_id"
        " WHERE e.task_id = ? AND e.status = 1 AND e.product = 1 AND p.period = ?",
    [E_RULE_GET] = "SELECT required FROM evidence_rule WHERE document_id = ? AND task_kind = ?",
    [E_RULE_PUT] =
        "INSERT OR REPLACE INTO evidence_rule (document_id, task_kind, required) VALUES (?, ?, ?)",
    [E_JOURNAL_HEAD] = "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1",
    [E_JOURNAL_HASH_SEQ] = "SELECT seq FROM journal WHERE hash = ? ORDER BY seq LIMIT 1",
    [E_TASK_SET_KEY] = "UPDATE task SET key_category = ? WHERE id = ?",
    [E_TASK_GET_KEY] = "SELECT ifnull(key_category, -1) FROM task WHERE id = ?",
    [E_RATING_GET] = "SELECT min_on_time, key_overdue_blocks FROM rating_rule WHERE level = ?",
    [E_RATING_PUT] =
        "UPDATE rating_rule SET min_on_time = ?, key_overdue_blocks = ? WHERE level = ?",
};

static int get(r57_db *db, int k, sqlite3_stmt **out)
{
    if (!db->ev_stmts) {
        db->ev_stmts = r57__calloc(E__COUNT, sizeof *db->ev_stmts);
        if (!db->ev_stmts)
            return r57__error_nomem();
    }
    return r57__store_prepare(db, db->ev_stmts, k, sql[k], out);
}

void r57__store_evidence_close(r57_db *db)
{
    if (!db || !db->ev_stmts)
        return;
    for (int i = 0; i < E__COUNT; i++)
        sqlite3_finalize(db->ev_stmts[i]);
    r57__free(db->ev_stmts);
    db->ev_stmts = NULL;
}

static void text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void id_or_null(sqlite3_stmt *st, int i, int64_t id)
{
    if (id > 0)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static r57_date col_date(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? R57_DATE_NONE
                                                       : (r57_date)sqlite3_column_int(st, i);
}

/* Steps a statement that returns no rows and resets it. */
static int run(r57_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    int ret = rc == SQLITE_DONE ? R57_OK : r57__store_sqerr(db, rc, what);
    r57__store_reset(st);
    return ret;
}

/* Steps a statement that returns one integer (or none: ENOTFOUND). */
static int one_int(r57_db *db, sqlite3_stmt *st, int64_t *out, const char *what)
{
    int rc = sqlite3_step(st), ret = R57_OK;
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        ret = R57_ENOTFOUND;
    else
        ret = r57__store_sqerr(db, rc, what);
    r57__store_reset(st);
    return ret;
}

/* ---- actors and roles ------------------------------------------------ */

int r57__store_role_exists(r57_db *db, int role, int *out)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    int ret = get(db, E_ADMIN_EXISTS, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, role);
    ret = one_int(db, st, &n, "looking up roles");
    *out = n != 0;
    return ret;
}

int r57__store_actor_id(r57_db *db, const char *code, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_ACTOR_ID, &st);
    if (ret < 0)
        return ret;
    text(st, 1, code);
    ret = one_int(db, st, id, "looking up an actor");
    return ret == R57_ENOTFOUND ? r57__error(R57_ENOTFOUND, "unknown actor '%s'", code) : ret;
}

int r57__store_actor_insert(r57_db *db, const char *code, const char *name)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_ACTOR_INSERT, &st);
    if (ret < 0)
        return ret;
    text(st, 1, code);
    text(st, 2, name);
    return run(db, st, "storing an actor");
}

int r57__store_role_insert(r57_db *db, int64_t actor_id, int role, int64_t unit_id)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_ROLE_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, actor_id);
    sqlite3_bind_int(st, 2, role);
    id_or_null(st, 3, unit_id);
    return run(db, st, "storing a role");
}

int r57__store_role_delete(r57_db *db, int64_t actor_id, int role, int64_t unit_id,
                           int *deleted)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_ROLE_DELETE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, actor_id);
    sqlite3_bind_int(st, 2, role);
    id_or_null(st, 3, unit_id);
    ret = run(db, st, "removing a role");
    *deleted = ret == R57_OK && sqlite3_changes(r57__store_sq(db)) > 0;
    return ret;
}

int r57__store_role_count(r57_db *db, int role, int64_t *n)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_ROLE_COUNT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, role);
    return one_int(db, st, n, "counting roles");
}

int r57__store_has_role(r57_db *db, const char *actor, int role, int64_t unit_id, int *out)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    int k = unit_id > 0 ? E_HAS_ROLE_UNIT : unit_id == 0 ? E_HAS_ROLE_SYSTEM : E_HAS_ROLE_ANY;
    int ret = get(db, k, &st);
    if (ret < 0)
        return ret;
    text(st, 1, actor);
    sqlite3_bind_int(st, 2, role);
    if (unit_id > 0)
        sqlite3_bind_int64(st, 3, unit_id);
    ret = one_int(db, st, &n, "looking up roles");
    *out = n != 0;
    return ret;
}

int r57__store_unit_parent(r57_db *db, int64_t unit_id, int64_t *parent_id)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_UNIT_PARENT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    *parent_id = 0;
    return one_int(db, st, parent_id, "looking up a unit");
}

int r57__store_unit_code(r57_db *db, int64_t unit_id, char **code)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_UNIT_CODE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    *code = NULL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        ret = (*code = r57__strdup(col(st, 0))) ? R57_OK : r57__error_nomem();
    else
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND : r57__store_sqerr(db, rc, "looking up a unit");
    r57__store_reset(st);
    return ret;
}

/* ---- progress reports -------------------------------------------------- */

int r57__store_progress_insert(r57_db *db, const r57__progress_row *row, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_PROGRESS_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, row->task_id);
    sqlite3_bind_int(st, 2, row->percent);
    text(st, 3, row->narrative);
    sqlite3_bind_int(st, 4, row->reported_on);
    if (row->period == R57_PERIOD_NONE)
        sqlite3_bind_null(st, 5);
    else
        sqlite3_bind_int64(st, 5, row->period);
    text(st, 6, row->reported_by);
    text(st, 7, row->reported_at);
    ret = run(db, st, "storing a progress report");
    if (ret == R57_OK)
        *id = sqlite3_last_insert_rowid(r57__store_sq(db));
    return ret;
}

static void progress_row(sqlite3_stmt *st, r57__progress_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->document = col(st, 1);
    row->ref = col(st, 2);
    row->percent = sqlite3_column_int(st, 3);
    row->narrative = col(st, 4);
    row->reported_on = col_date(st, 5);
    row->period = sqlite3_column_type(st, 6) == SQLITE_NULL ? R57_PERIOD_NONE
                                                              : sqlite3_column_int64(st, 6);
    row->reported_by = col(st, 7);
    row->reported_at = col(st, 8);
    row->task_id = sqlite3_column_int64(st, 9);
}

int r57__store_progress_by_id(r57_db *db, int64_t id, r57__progress_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_PROGRESS_BY_ID, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__progress_row row;
        progress_row(st, &row);
        ret = fn(&row, payload);
    } else {
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND : r57__store_sqerr(db, rc, "reading a progress report");
    }
    r57__store_reset(st);
    return ret;
}

int r57__store_progress_cursor(r57__cursor **out, r57_db *db, int64_t task_id)
{
    int ret = r57__cursor_new(out, db, task_id ? "SELECT " PROGRESS_COLUMNS
                                                 " WHERE p.task_id = ? ORDER BY p.id"
                                               : "SELECT " PROGRESS_COLUMNS " ORDER BY p.id");
    if (ret == R57_OK && task_id)
        sqlite3_bind_int64(r57__cursor_stmt(*out), 1, task_id);
    return ret;
}

int r57__store_progress_cursor_next(r57__cursor *c, r57__progress_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        progress_row(r57__cursor_stmt(c), row);
    return ret;
}

/* ---- evidence ------------------------------------------------------------ */

int r57__store_evidence_insert(r57_db *db, const r57__evidence_row *row, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_EVIDENCE_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, row->task_id);
    id_or_null(st, 2, row->progress_id);
    sqlite3_bind_int(st, 3, row->kind);
    text(st, 4, row->title);
    text(st, 5, row->uri);
    text(st, 6, row->document_number);
    if (row->document_date == R57_DATE_NONE)
        sqlite3_bind_null(st, 7);
    else
        sqlite3_bind_int(st, 7, row->document_date);
    text(st, 8, row->document_issuer);
    if (row->size < 0)
        sqlite3_bind_null(st, 9);
    else
        sqlite3_bind_int64(st, 9, row->size);
    text(st, 10, row->media_type);
    text(st, 11, row->sha256);
    sqlite3_bind_int(st, 12, row->product);
    sqlite3_bind_int(st, 13, row->status);
    text(st, 14, row->submitted_by);
    text(st, 15, row->submitted_at);
    text(st, 16, row->decided_by);
    text(st, 17, row->decided_at);
    text(st, 18, row->reason);
    ret = run(db, st, "storing evidence");
    if (ret == R57_OK)
        *id = sqlite3_last_insert_rowid(r57__store_sq(db));
    return ret;
}

static void evidence_row(sqlite3_stmt *st, r57__evidence_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->document = col(st, 1);
    row->ref = col(st, 2);
    row->progress_id = sqlite3_column_int64(st, 3);
    row->kind = sqlite3_column_int(st, 4);
    row->title = col(st, 5);
    row->uri = col(st, 6);
    row->document_number = col(st, 7);
    row->document_date = col_date(st, 8);
    row->document_issuer = col(st, 9);
    row->size = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
    row->media_type = col(st, 11);
    row->sha256 = col(st, 12);
    row->product = sqlite3_column_int(st, 13);
    row->status = sqlite3_column_int(st, 14);
    row->submitted_by = col(st, 15);
    row->submitted_at = col(st, 16);
    row->decided_by = col(st, 17);
    row->decided_at = col(st, 18);
    row->reason = col(st, 19);
    row->task_id = sqlite3_column_int64(st, 20);
}

int r57__store_evidence_by_id(r57_db *db, int64_t id, r57__evidence_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_EVIDENCE_BY_ID, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__evidence_row row;
        evidence_row(st, &row);
        ret = fn(&row, payload);
    } else {
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND : r57__store_sqerr(db, rc, "reading evidence");
    }
    r57__store_reset(st);
    return ret;
}

int r57__store_evidence_cursor(r57__cursor **out, r57_db *db, int64_t task_id)
{
    int ret = r57__cursor_new(out, db, task_id ? "SELECT " EVIDENCE_COLUMNS
                                                 " WHERE e.task_id = ? ORDER BY e.id"
                                               : "SELECT " EVIDENCE_COLUMNS " ORDER BY e.id");
    if (ret == R57_OK && task_id)
        sqlite3_bind_int64(r57__cursor_stmt(*out), 1, task_id);
    return ret;
}

int r57__store_actor_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db,
                           "SELECT a.code, a.name, r.role, u.code FROM actor a"
                           " LEFT JOIN actor_role r ON r.actor_id = a.id"
                           " LEFT JOIN unit u ON u.id = r.unit_id"
                           " ORDER BY a.code, r.role, u.code IS NOT NULL, u.code");
}

int r57__store_actor_cursor_next(r57__cursor *c, const char **code, const char **name,
                                 int *role, const char **unit)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = r57__cursor_stmt(c);
    *code = col(st, 0);
    *name = col(st, 1);
    *role = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2);
    *unit = col(st, 3);
    return R57_OK;
}

int r57__store_evidence_rule_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db,
                           "SELECT d.number, r.task_kind, r.required FROM evidence_rule r"
                           " JOIN document d ON d.id = r.document_id ORDER BY d.number, r.task_kind");
}

int r57__store_evidence_rule_cursor_next(r57__cursor *c, const char **document, int *kind,
                                         int *required)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = r57__cursor_stmt(c);
    *document = col(st, 0);
    *kind = sqlite3_column_int(st, 1);
    *required = sqlite3_column_int(st, 2);
    return R57_OK;
}

int r57__store_evidence_cursor_next(r57__cursor *c, r57__evidence_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        evidence_row(r57__cursor_stmt(c), row);
    return ret;
}

int r57__store_evidence_decide(r57_db *db, int64_t id, int status, const char *by,
                               const char *at, const char *reason)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_EVIDENCE_DECIDE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, status);
    text(st, 2, by);
    text(st, 3, at);
    text(st, 4, reason);
    sqlite3_bind_int64(st, 5, id);
    ret = run(db, st, "recording a decision on evidence");
    if (ret == R57_OK && sqlite3_changes(r57__store_sq(db)) != 1)
        ret = R57_ESTATE; /* decided meanwhile; the caller checked before */
    return ret;
}

int r57__store_evidence_proof(r57_db *db, int64_t task_id, int64_t period, int64_t *count)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, period == R57_PERIOD_NONE ? E_EVIDENCE_PROOF : E_EVIDENCE_PROOF_PERIOD, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    if (period != R57_PERIOD_NONE)
        sqlite3_bind_int64(st, 2, period);
    return one_int(db, st, count, "counting verified evidence");
}

int r57__store_evidence_rule(r57_db *db, int64_t document_id, int task_kind, int *required)
{
    sqlite3_stmt *st = NULL;
    int64_t v = 1;
    int ret = get(db, E_RULE_GET, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, document_id);
    sqlite3_bind_int(st, 2, task_kind);
    ret = one_int(db, st, &v, "reading an evidence rule");
    *required = v != 0; /* no row: the default, required */
    return ret == R57_ENOTFOUND ? R57_OK : ret;
}

int r57__store_evidence_rule_put(r57_db *db, int64_t document_id, int task_kind, int required)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_RULE_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, document_id);
    sqlite3_bind_int(st, 2, task_kind);
    sqlite3_bind_int(st, 3, required);
    return run(db, st, "storing an evidence rule");
}

int r57__store_task_set_key(r57_db *db, int64_t task_id, int category)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_TASK_SET_KEY, &st);
    if (ret < 0)
        return ret;
    if (category < 0)
        sqlite3_bind_null(st, 1);
    else
        sqlite3_bind_int(st, 1, category);
    sqlite3_bind_int64(st, 2, task_id);
    return run(db, st, "marking a key task");
}

int r57__store_task_key(r57_db *db, int64_t task_id, int *category)
{
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    int ret = get(db, E_TASK_GET_KEY, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    ret = one_int(db, st, &v, "reading a task");
    *category = (int)v;
    return ret;
}

int r57__store_rating_rule(r57_db *db, int level, double *min_share, int *blocks)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_RATING_GET, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, level);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *min_share = sqlite3_column_double(st, 0);
        *blocks = sqlite3_column_int(st, 1);
    } else {
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND : r57__store_sqerr(db, rc, "reading a rating rule");
    }
    r57__store_reset(st);
    return ret;
}

int r57__store_rating_rule_put(r57_db *db, int level, double min_share, int blocks)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_RATING_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_double(st, 1, min_share);
    sqlite3_bind_int(st, 2, blocks);
    sqlite3_bind_int(st, 3, level);
    return run(db, st, "storing a rating rule");
}

/* ---- the journal's chain ------------------------------------------------- */

int r57__store_journal_head(r57_db *db, char head[R57_SHA256_HEX_SIZE])
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_JOURNAL_HEAD, &st);
    if (ret < 0)
        return ret;
    head[0] = '\0';
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *h = col(st, 0);
        if (h && strlen(h) == R57_SHA256_HEX_SIZE - 1)
            memcpy(head, h, R57_SHA256_HEX_SIZE);
    } else if (rc != SQLITE_DONE) {
        ret = r57__store_sqerr(db, rc, "reading the journal");
    }
    r57__store_reset(st);
    return ret;
}

int r57__store_journal_seq_of_hash(r57_db *db, const char *hash, int64_t *seq)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, E_JOURNAL_HASH_SEQ, &st);
    if (ret < 0)
        return ret;
    text(st, 1, hash);
    *seq = 0;
    return one_int(db, st, seq, "searching the journal");
}

#define JOURNAL_COLUMNS "seq, at, actor, object, object_key, action, old, new, prev_hash, hash"

int r57__store_journal_cursor(r57__cursor **out, r57_db *db, const char *object,
                              const char *key)
{
    int ret = r57__cursor_new(out, db,
                              object ? (key ? "SELECT " JOURNAL_COLUMNS " FROM journal"
                                              " WHERE object = ?1 AND object_key = ?2 ORDER BY seq"
                                            : "SELECT " JOURNAL_COLUMNS " FROM journal"
                                              " WHERE object = ?1 ORDER BY seq")
                                     : "SELECT " JOURNAL_COLUMNS " FROM journal ORDER BY seq");
    if (ret == R57_OK && object) {
        /* The cursor outlives the caller's strings: SQLite keeps copies, and
         * a copy that could not be made would leave the parameter NULL (an
         * empty iteration), so it is out of memory. */
        sqlite3_stmt *st = r57__cursor_stmt(*out);
        int rc = sqlite3_bind_text(st, 1, object, -1, SQLITE_TRANSIENT);
        if (rc == SQLITE_OK && key)
            rc = sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
        if (rc != SQLITE_OK) {
            r57__cursor_free(*out);
            *out = NULL;
            return r57__error_nomem();
        }
    }
    return ret;
}

int r57__store_journal_cursor_next(r57__cursor *c, r57__journal_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = r57__cursor_stmt(c);
    row->seq = sqlite3_column_int64(st, 0);
    row->at = col(st, 1);
    row->actor = col(st, 2);
    row->object = col(st, 3);
    row->key = col(st, 4);
    row->action = col(st, 5);
    row->old_json = col(st, 6);
    row->new_json = col(st, 7);
    row->prev_hash = col(st, 8);
    row->hash = col(st, 9);
    return R57_OK;
}
