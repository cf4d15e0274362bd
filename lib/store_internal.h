/*
 * The store's own header: SQLite's types, the statement table and the
 * helpers every store*.c file uses.  Only the store's files include it;
 * the modules above the store see lib/store.h, which names no SQLite type.
 */
#ifndef R57_STORE_INTERNAL_H
#define R57_STORE_INTERNAL_H

#include "store.h"

#include <sqlite3.h>

/* libr57 files carry this in SQLite's application_id header field ("R57!"). */
#define R57__APPLICATION_ID 0x52353721

/*
 * Every statement the store runs on a database of the current schema,
 * by id; the SQL of each is r57__stmt_sql[id] (store_sql.c).  Most are
 * prepared once per handle and reused (r57__sql_stmt); the ones a cursor
 * steps through (marked "cursor") are prepared for each cursor, since
 * cursors may be open side by side (r57__cursor_open).  The schema and
 * its migrations are in store_schema.c.
 */
typedef enum r57__stmt_id {
    /* transactions (store_db.c) */
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    S_DATA_VERSION,
    /* the journal (store_journal.c) */
    S_JOURNAL_INSERT,
    S_JOURNAL_HEAD,
    S_JOURNAL_SEQ_OF_HASH,
    S_JOURNAL_ALL,
    S_JOURNAL_OF_KIND,
    S_JOURNAL_OF_OBJECT, /* cursors */
    /* units and their names (store_unit.c) */
    S_UNIT_INSERT,
    S_UNIT_UPDATE,
    S_UNIT_ID_BY_CODE,
    S_UNIT_BY_CODE,
    S_UNIT_BY_NAME,
    S_UNIT_BY_BARE,
    S_UNIT_PARENT,
    S_UNIT_CODE,
    S_UNIT_TREE,
    S_UNIT_NAME_INSERT,
    S_UNIT_NAME_DELETE,
    S_UNIT_NAMES,
    S_UNIT_ALL,
    S_UNIT_SUBTREE,
    S_UNIT_ALL_TREE,
    S_REGISTRY, /* cursors */
    /* documents, settings, accountability rules (store_document.c) */
    S_DOC_INSERT,
    S_DOC_ID_BY_NUMBER,
    S_DOC_BY_NUMBER,
    S_DOC_SET_RULE,
    S_SETTING_GET,
    S_SETTING_PUT,
    S_SETTING_DELETE,
    S_DOC_ALL,
    S_RULE_ALL, /* cursors */
    /* tasks (store_task.c) */
    S_TASK_INSERT,
    S_TASK_ID_BY_REF,
    S_TASK_BY_ID,
    S_TASK_DOC_ISSUED,
    S_TASK_SET_STATUS,
    S_TASK_SET_TITLE,
    S_TASK_SET_OWNER_UNIT,
    S_TASK_SET_OWNER,
    S_TASK_SET_OWNER_PERSON,
    S_TASK_SET_ACCOUNTABILITY_UNIT,
    S_TASK_SET_ACCOUNTABILITY,
    S_TASK_SET_PRODUCT,
    S_TASK_SET_AUTHORITY_UNIT,
    S_TASK_SET_AUTHORITY,
    S_TASK_SET_DEADLINE,
    S_TASK_SET_DEADLINE_KIND,
    S_TASK_SET_DUE,
    S_TASK_SET_COORDINATING,
    S_TASK_SET_RESOLUTION,
    S_TASK_SET_KEY,
    S_TASK_KEY,
    S_TASK_COORD_INSERT,
    S_TASK_COORDS,
    S_TASK_COORDS_CLEAR,
    S_TASK_INSTANCE_INSERT,
    S_TASK_INSTANCES,
    S_TASK_SELECT, /* the start of every task query (store_task.c adds the filters) */
    /* actors and roles (store_actor.c) */
    S_ACTOR_ID,
    S_ACTOR_INSERT,
    S_ROLE_INSERT,
    S_ROLE_DELETE,
    S_ROLE_EXISTS,
    S_ROLE_COUNT,
    S_HAS_ROLE_UNIT,
    S_HAS_ROLE_SYSTEM,
    S_HAS_ROLE_ANY,
    S_ACTOR_ALL, /* cursor */
    /* progress reports, evidence, evidence and rating rules (store_evidence.c) */
    S_PROGRESS_INSERT,
    S_PROGRESS_BY_ID,
    S_EVIDENCE_INSERT,
    S_EVIDENCE_BY_ID,
    S_EVIDENCE_DECIDE,
    S_EVIDENCE_PROOF,
    S_EVIDENCE_PROOF_PERIOD,
    S_EVIDENCE_RULE_GET,
    S_EVIDENCE_RULE_PUT,
    S_RATING_GET,
    S_RATING_PUT,
    S_PROGRESS_ALL,
    S_PROGRESS_OF_TASK,
    S_EVIDENCE_ALL,
    S_EVIDENCE_OF_TASK,
    S_EVIDENCE_RULE_ALL, /* cursors */
    /* data elements, values, indicators, targets (store_kpi.c) */
    S_ELEMENT_INSERT,
    S_ELEMENT_FIND,
    S_VALUE_GET,
    S_VALUE_PUT,
    S_VALUES_OF,
    S_INDICATOR_INSERT,
    S_INDICATOR_BY_CODE,
    S_TARGET_INSERT,
    S_TARGETS_FOR,
    S_ELEMENT_ALL,
    S_VALUE_ALL,
    S_VALUE_OF_SUBTREE,
    S_INDICATOR_ALL,
    S_TARGET_ALL, /* cursors */
    /* unit groups (store_group.c) */
    S_GROUP_INSERT,
    S_GROUP_UPDATE,
    S_GROUP_BY_CODE,
    S_GROUP_BY_KEY,
    S_GROUP_BY_BARE,
    S_GROUP_ALL,
    S_GROUP_NAME_INSERT,
    S_GROUP_NAMES,
    S_GROUP_MEMBER_INSERT,
    S_GROUP_MEMBERS,
    S_GROUP_MEMBERS_ALL,
    S_GROUP_VALUE_PUT,
    S_GROUP_VALUE_GET,
    S_GROUP_VALUES_OF,
    S_GROUP_VALUE_ALL, /* cursor */
    S__COUNT
} r57__stmt_id;

extern const char *const r57__stmt_sql[S__COUNT];

/* The part of a handle only the store sees. */
struct r57__conn {
    sqlite3 *sq;
    sqlite3_stmt *stmts[S__COUNT];  /* prepared on first use */
    sqlite3_int64 changes_at_begin; /* sqlite3_total_changes64 at write_begin */
    /* Inside r57_db_begin (the write lock is held, so no other connection
     * can append): the journal's head hash (head_valid: known).  Dropped
     * at begin and at every rollback. */
    int head_valid;
    char head[R57_SHA256_HEX_SIZE];
    /* r57_values_each's sink (store_kpi.c), owned by the connection. */
    void *values_sink;
};

/* ---- helpers (store.c) ------------------------------------------------ */

/* SQLite's result rc turned into an r57 error, keeping SQLite's code and
 * message: "<what>: <SQLite's message>". */
int r57__sql_error(r57_db *db, int rc, const char *what);
/* Statement id of the table, prepared (once per handle) and ready to bind. */
int r57__sql_stmt(r57_db *db, r57__stmt_id id, sqlite3_stmt **out);
/* Resets a statement and clears its bindings, so it holds no locks and
 * no pointers to the caller's strings. */
void r57__sql_done(sqlite3_stmt *st);
/* Steps a statement that returns no rows (a write), then r57__sql_done;
 * bumps db->writes. */
int r57__sql_exec(r57_db *db, sqlite3_stmt *st, const char *what);
/* Steps a statement that returns one integer into *out, then
 * r57__sql_done; R57_ENOTFOUND (no error recorded) when it returns none. */
int r57__sql_int(r57_db *db, sqlite3_stmt *st, int64_t *out, const char *what);
/* The id a statement of one text parameter finds for key (R57_ENOTFOUND
 * naming the key when none). */
int r57__sql_id_of(r57_db *db, r57__stmt_id id, const char *key, int64_t *out);
/* Runs constant SQL (schema, pragmas), never SQL made from input. */
int r57__sql_run(r57_db *db, const char *sql, const char *what);
/* The rowid of the last insert, and the rows the last statement changed. */
int64_t r57__sql_last_id(r57_db *db);
int r57__sql_changes(r57_db *db);

/* Parameters bound by r57__sql_* are not copied: the values must outlive
 * the statement's step (r57__sql_done unbinds them). */
static inline void r57__sql_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}
/* An id, NULL for 0 (or less): a missing parent, unit, group. */
static inline void r57__sql_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id > 0)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}
static inline void r57__sql_bind_date(sqlite3_stmt *st, int i, r57_date d)
{
    if (d == R57_DATE_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int(st, i, d);
}
static inline void r57__sql_bind_period(sqlite3_stmt *st, int i, int64_t p)
{
    if (p == R57_PERIOD_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, p);
}
static inline const char *r57__sql_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}
static inline r57_date r57__sql_date(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? R57_DATE_NONE
                                                     : (r57_date)sqlite3_column_int(st, i);
}

/* ---- cursors (store.c) -------------------------------------------------- */

struct r57__cursor {
    sqlite3_stmt *st;
    r57_db *db;
    int over; /* stepping again after SQLITE_DONE would start over */
};

/* A cursor over a statement of the table, or over SQL the store put
 * together from constant pieces; bind its parameters through c->st. */
int r57__cursor_open(r57__cursor **out, r57_db *db, r57__stmt_id id);
int r57__cursor_new(r57__cursor **out, r57_db *db, const char *sql);
/* R57_OK with a row in c->st, R57_ITEROVER at the end (and after it). */
int r57__cursor_step(r57__cursor *c);

/* ---- within the store ---------------------------------------------------- */

/* Brings the open file to the current schema, or refuses it (store_schema.c). */
int r57__store_schema_check(r57_db *db);
/* Registers r57_values_each on a new connection (store_kpi.c). */
int r57__store_kpi_attach(r57_db *db);
/* One stored value of an element, period and owner: statement id says
 * whose, a unit's (S_VALUE_GET) or a group's (S_GROUP_VALUE_GET); *found 0
 * when none is stored (store_kpi.c). */
int r57__store_value_read(r57_db *db, r57__stmt_id id, const char *what, int64_t element_id,
                          int64_t owner_id, r57_period period, double *value, int *found,
                          char **source);

#endif /* R57_STORE_INTERNAL_H */
