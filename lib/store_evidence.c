/*
 * Progress reports, evidence and the rules that require it (evidence.c),
 * and the rating rules of scorecards (scorecard.c).
 */
#include "store_internal.h"

/* ---- progress reports -------------------------------------------------- */

int r57__store_progress_insert(r57_db *db, const r57__progress_row *row, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_PROGRESS_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, row->task_id);
    sqlite3_bind_int(st, 2, row->percent);
    r57__sql_bind_text(st, 3, row->narrative);
    sqlite3_bind_int(st, 4, row->reported_on);
    r57__sql_bind_period(st, 5, row->period);
    r57__sql_bind_text(st, 6, row->reported_by);
    r57__sql_bind_text(st, 7, row->reported_at);
    ret = r57__sql_exec(db, st, "storing a progress report");
    if (ret == R57_OK)
        *id = r57__sql_last_id(db);
    return ret;
}

static void progress_row(sqlite3_stmt *st, r57__progress_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->document = r57__sql_text(st, 1);
    row->ref = r57__sql_text(st, 2);
    row->percent = sqlite3_column_int(st, 3);
    row->narrative = r57__sql_text(st, 4);
    row->reported_on = r57__sql_date(st, 5);
    row->period = sqlite3_column_type(st, 6) == SQLITE_NULL ? R57_PERIOD_NONE
                                                            : sqlite3_column_int64(st, 6);
    row->reported_by = r57__sql_text(st, 7);
    row->reported_at = r57__sql_text(st, 8);
    row->task_id = sqlite3_column_int64(st, 9);
}

int r57__store_progress_by_id(r57_db *db, int64_t id, r57__progress_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_PROGRESS_BY_ID, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__progress_row row;
        progress_row(st, &row);
        ret = fn(&row, payload);
    } else {
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND
                                : r57__sql_error(db, rc, "reading a progress report");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_progress_cursor(r57__cursor **out, r57_db *db, int64_t task_id)
{
    int ret = r57__cursor_open(out, db, task_id ? S_PROGRESS_OF_TASK : S_PROGRESS_ALL);
    if (ret == R57_OK && task_id)
        sqlite3_bind_int64((*out)->st, 1, task_id);
    return ret;
}

int r57__store_progress_cursor_next(r57__cursor *c, r57__progress_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        progress_row(c->st, row);
    return ret;
}

/* ---- evidence ------------------------------------------------------------ */

int r57__store_evidence_insert(r57_db *db, const r57__evidence_row *row, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_EVIDENCE_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, row->task_id);
    r57__sql_bind_id(st, 2, row->progress_id);
    sqlite3_bind_int(st, 3, row->kind);
    r57__sql_bind_text(st, 4, row->title);
    r57__sql_bind_text(st, 5, row->uri);
    r57__sql_bind_text(st, 6, row->document_number);
    r57__sql_bind_date(st, 7, row->document_date);
    r57__sql_bind_text(st, 8, row->document_issuer);
    if (row->size < 0)
        sqlite3_bind_null(st, 9);
    else
        sqlite3_bind_int64(st, 9, row->size);
    r57__sql_bind_text(st, 10, row->media_type);
    r57__sql_bind_text(st, 11, row->sha256);
    sqlite3_bind_int(st, 12, row->product);
    sqlite3_bind_int(st, 13, row->status);
    r57__sql_bind_text(st, 14, row->submitted_by);
    r57__sql_bind_text(st, 15, row->submitted_at);
    r57__sql_bind_text(st, 16, row->decided_by);
    r57__sql_bind_text(st, 17, row->decided_at);
    r57__sql_bind_text(st, 18, row->reason);
    ret = r57__sql_exec(db, st, "storing evidence");
    if (ret == R57_OK)
        *id = r57__sql_last_id(db);
    return ret;
}

static void evidence_row(sqlite3_stmt *st, r57__evidence_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->document = r57__sql_text(st, 1);
    row->ref = r57__sql_text(st, 2);
    row->progress_id = sqlite3_column_int64(st, 3);
    row->kind = sqlite3_column_int(st, 4);
    row->title = r57__sql_text(st, 5);
    row->uri = r57__sql_text(st, 6);
    row->document_number = r57__sql_text(st, 7);
    row->document_date = r57__sql_date(st, 8);
    row->document_issuer = r57__sql_text(st, 9);
    row->size = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
    row->media_type = r57__sql_text(st, 11);
    row->sha256 = r57__sql_text(st, 12);
    row->product = sqlite3_column_int(st, 13);
    row->status = sqlite3_column_int(st, 14);
    row->submitted_by = r57__sql_text(st, 15);
    row->submitted_at = r57__sql_text(st, 16);
    row->decided_by = r57__sql_text(st, 17);
    row->decided_at = r57__sql_text(st, 18);
    row->reason = r57__sql_text(st, 19);
    row->task_id = sqlite3_column_int64(st, 20);
}

int r57__store_evidence_by_id(r57_db *db, int64_t id, r57__evidence_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_EVIDENCE_BY_ID, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__evidence_row row;
        evidence_row(st, &row);
        ret = fn(&row, payload);
    } else {
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND : r57__sql_error(db, rc, "reading evidence");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_evidence_cursor(r57__cursor **out, r57_db *db, int64_t task_id)
{
    int ret = r57__cursor_open(out, db, task_id ? S_EVIDENCE_OF_TASK : S_EVIDENCE_ALL);
    if (ret == R57_OK && task_id)
        sqlite3_bind_int64((*out)->st, 1, task_id);
    return ret;
}

int r57__store_evidence_cursor_next(r57__cursor *c, r57__evidence_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        evidence_row(c->st, row);
    return ret;
}

int r57__store_evidence_decide(r57_db *db, int64_t id, int status, const char *by, const char *at,
                               const char *reason)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_EVIDENCE_DECIDE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, status);
    r57__sql_bind_text(st, 2, by);
    r57__sql_bind_text(st, 3, at);
    r57__sql_bind_text(st, 4, reason);
    sqlite3_bind_int64(st, 5, id);
    ret = r57__sql_exec(db, st, "recording a decision on evidence");
    if (ret == R57_OK && r57__sql_changes(db) != 1)
        ret = R57_ESTATE; /* decided meanwhile; the caller checked before */
    return ret;
}

int r57__store_evidence_proof(r57_db *db, int64_t task_id, r57_period period, int64_t *count)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db,
                            period == R57_PERIOD_NONE ? S_EVIDENCE_PROOF : S_EVIDENCE_PROOF_PERIOD,
                            &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    if (period != R57_PERIOD_NONE)
        sqlite3_bind_int64(st, 2, period);
    return r57__sql_int(db, st, count, "counting verified evidence");
}

/* ---- evidence rules -------------------------------------------------------- */

int r57__store_evidence_rule(r57_db *db, int64_t document_id, int task_kind, int *required)
{
    sqlite3_stmt *st = NULL;
    int64_t v = 1;
    int ret = r57__sql_stmt(db, S_EVIDENCE_RULE_GET, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, document_id);
    sqlite3_bind_int(st, 2, task_kind);
    ret = r57__sql_int(db, st, &v, "reading an evidence rule");
    *required = v != 0; /* no row: the default, required */
    return ret == R57_ENOTFOUND ? R57_OK : ret;
}

int r57__store_evidence_rule_put(r57_db *db, int64_t document_id, int task_kind, int required)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_EVIDENCE_RULE_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, document_id);
    sqlite3_bind_int(st, 2, task_kind);
    sqlite3_bind_int(st, 3, required);
    return r57__sql_exec(db, st, "storing an evidence rule");
}

int r57__store_evidence_rule_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_EVIDENCE_RULE_ALL);
}

int r57__store_evidence_rule_cursor_next(r57__cursor *c, const char **document, int *kind,
                                         int *required)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = c->st;
    *document = r57__sql_text(st, 0);
    *kind = sqlite3_column_int(st, 1);
    *required = sqlite3_column_int(st, 2);
    return R57_OK;
}

/* ---- rating rules ---------------------------------------------------------- */

int r57__store_rating_rule(r57_db *db, int level, double *min_share, int *blocks)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_RATING_GET, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, level);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *min_share = sqlite3_column_double(st, 0);
        *blocks = sqlite3_column_int(st, 1);
    } else {
        ret = rc == SQLITE_DONE ? R57_ENOTFOUND : r57__sql_error(db, rc, "reading a rating rule");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_rating_rule_put(r57_db *db, int level, double min_share, int blocks)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_RATING_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_double(st, 1, min_share);
    sqlite3_bind_int(st, 2, blocks);
    sqlite3_bind_int(st, 3, level);
    return r57__sql_exec(db, st, "storing a rating rule");
}
