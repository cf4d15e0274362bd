/*
 * The storage seam, as the modules above it see it.  The store's files
 * (store*.c) are the only ones with SQL; the domain modules (unit.c,
 * document.c, task.c, …) validate input, write the messages users see and
 * call these functions.  Nothing here names a SQLite type: the store's
 * own types, its statement table and its helpers are in store_internal.h,
 * which only the store's files include.
 *
 * Store functions return R57_OK or a negative code; SQLite failures are
 * recorded with SQLite's extended code (r57_error_sqlite_code).  A write
 * that would take a unique key already taken is R57_EEXISTS, one that
 * breaks another constraint (a foreign key) R57_ECONFLICT.  A lookup
 * that finds nothing returns R57_ENOTFOUND and records a generic message
 * that the caller is expected to replace with one naming the input.
 */
#ifndef R57_STORE_H
#define R57_STORE_H

#include "internal.h"

/* A handle.  The store keeps its connection in conn; the fields below it
 * are the handle's state that the modules above the store read and set. */
struct r57_db {
    struct r57__conn *conn; /* SQLite's connection and statements (store_internal.h) */
    char *path;
    int readonly;
    int schema_version; /* of the open file */
    int in_txn;         /* inside r57_db_begin() … commit/rollback */
    int aborted;        /* a call failed mid-write; the transaction is gone */
    /* Drawn at open: objects read through this handle carry it, and calls
     * given an object of another handle refuse it (r57__task_of). */
    uint64_t token;
    /* Bumped by every statement that writes and at every rollback: what a
     * module read and kept before a bump may be stale (the KPI engine's
     * cache, r57__store_data_generation). */
    uint64_t writes;
    /* Bumped whenever a unit or a unit name is written, and at every
     * rollback: the resolver's snapshot of the registry (resolve.c) is
     * rebuilt when it differs from the one it was built at. */
    uint64_t units_gen;
    /* The access checks' state (actor.c): > 0 inside an import or a
     * catalogue load, which lift the per-object checks; and inside
     * r57_db_begin (the write lock is held, so no other connection can
     * change it) whether the database is in setup mode (-1: not known
     * yet), dropped at begin and at every rollback. */
    int access_bypass;
    int setup_cache;
    /* Caches the modules above the store hang here, each with its
     * destructor.  The store never looks inside them and never calls their
     * modules: it frees each with its destructor at close, and the modules
     * tell a stale cache by the generations below. */
    void *kpi; /* the KPI engine's (kpi_cache.c) */
    void (*kpi_free)(void *kpi);
    void *resolver; /* the resolver's snapshot (resolve_snapshot.c) */
    void (*resolver_free)(void *resolver);
};

typedef struct r57__cursor r57__cursor;
/* Frees a cursor of any r57__store_*_cursor (NULL is fine). */
void r57__cursor_free(r57__cursor *c);

/* ---- handle and transactions (store_db.c) ------------------------------- */
int r57__store_open(r57_db **out, const char *path, const r57_open_options *opts);
void r57__store_close(r57_db *db);
/* Every writing call brackets its work with write_begin/write_end.
 * Outside r57_db_begin() that is a transaction of its own, committed on
 * success and rolled back on failure.  Inside one, calls must check all
 * they can before their first write: a call that fails after writing
 * rolls back the caller's whole transaction (see write_end).  write_end
 * returns rc (or a commit error). */
int r57__store_write_begin(r57_db *db, const char *func);
int r57__store_write_end(r57_db *db, int rc);
int r57__store_begin(r57_db *db);
int r57__store_commit(r57_db *db);
int r57__store_rollback(r57_db *db);
/* Drops what the handle remembers for the open transaction. */
void r57__store_forget(r57_db *db);
/* Generations, for caches of what was read: a number that changes
 * whenever what it covers may have changed, through this handle or
 * through another connection (SQLite's data_version, which changes when
 * another connection commits).  The data's covers every write (writes);
 * the registry's only units and their names (units_gen). */
int r57__store_data_generation(r57_db *db, uint64_t *out);
int r57__store_units_generation(r57_db *db, uint64_t *out);

/* ---- the journal (store_journal.c) -------------------------------------- */
/* Appends a journal entry; old_json/new_json are JSON objects (may be NULL). */
int r57__store_journal(r57_db *db, const char *actor, const char *object, const char *key,
                       const char *action, const char *old_json, const char *new_json);
/* The hash of the last journal entry ("" when there is none). */
int r57__store_journal_head(r57_db *db, char head[R57_SHA256_HEX_SIZE]);
/* The first entry whose hash is `hash` (R57_ENOTFOUND if none). */
int r57__store_journal_seq_of_hash(r57_db *db, const char *hash, int64_t *seq);
/* The journal in order: all (object NULL), one kind of object, one object. */
int r57__store_journal_cursor(r57__cursor **out, r57_db *db, const char *object, const char *key);
int r57__store_journal_cursor_next(r57__cursor *c, r57__journal_row *row);

/* ---- units and their names (store_unit.c) -------------------------------- */
typedef struct r57__unit_row {
    int64_t id;
    const char *code, *name, *parent_code; /* parent_code NULL at a root */
    int kind;
} r57__unit_row;

int r57__store_unit_insert(r57_db *db, const char *code, const char *name, int kind,
                           int64_t parent_id);
int r57__store_unit_update(r57_db *db, int64_t id, const char *name, int kind, int64_t parent_id);
/* Resolves a code to an id (R57_ENOTFOUND if unknown). */
int r57__store_unit_id(r57_db *db, const char *code, int64_t *id);
/* The parent of a unit (0 at a root); R57_ENOTFOUND for an unknown id. */
int r57__store_unit_parent(r57_db *db, int64_t unit_id, int64_t *parent_id);
/* The code of a unit by id, allocated (R57_ENOTFOUND for an unknown id). */
int r57__store_unit_code(r57_db *db, int64_t unit_id, char **code);
/* Calls fn with the unit's row; strings are valid only during the call. */
typedef int (*r57__unit_row_fn)(const r57__unit_row *row, void *payload);
int r57__store_unit_by_code(r57_db *db, const char *code, r57__unit_row_fn fn, void *payload);
/* Calls fn for each unit of that name (name compared case-folded). */
int r57__store_unit_by_name(r57_db *db, const char *name_key, r57__unit_row_fn fn, void *payload);
/* As by_name, diacritics ignored too (bare key). */
int r57__store_unit_by_bare(r57_db *db, const char *name, r57__unit_row_fn fn, void *payload);
/* Unit iteration: all units, or a subtree in depth-first order. */
int r57__store_unit_cursor(r57__cursor **out, r57_db *db, int64_t root_id /* 0: all */);
/* Every unit, parents before children (depth first, by code). */
int r57__store_unit_cursor_tree(r57__cursor **out, r57_db *db);
int r57__store_unit_cursor_next(r57__cursor *c, r57__unit_row *row);
/* Every unit by id: fn(id, parent_id, code) — for the KPI engine's tree. */
int r57__store_unit_tree(r57_db *db,
                         int (*fn)(int64_t id, int64_t parent_id, const char *code, void *payload),
                         void *payload);

/* A name of a unit (kind: r57_unit_name_kind_t; of/since may be NULL),
 * keyed here.  *added is 1 when stored, 0 when the unit had it already. */
int r57__store_unit_name_add(r57_db *db, int64_t unit_id, int kind, const char *name,
                             const char *of, const char *since, int *added);
int r57__store_unit_name_delete(r57_db *db, int64_t unit_id, int kind, const char *name);
typedef struct r57__unit_name_row {
    int kind;
    const char *name, *of, *since;
} r57__unit_name_row;
int r57__store_unit_names(r57_db *db, int64_t unit_id,
                          int (*fn)(const r57__unit_name_row *row, void *payload), void *payload);
/* Every name of every unit, for the resolver's snapshot. */
typedef struct r57__registry_row {
    const char *code, *unit_name, *name, *key, *bare, *of, *since, *parent;
    int unit_kind, name_kind;
} r57__registry_row;
int r57__store_registry_cursor(r57__cursor **out, r57_db *db);
int r57__store_registry_next(r57__cursor *c, r57__registry_row *row);

/* ---- documents, settings, accountability rules (store_document.c) -------- */
typedef struct r57__doc_row {
    int64_t id;
    const char *number, *issuer, *title;
    int kind;
    r57_date issued;
} r57__doc_row;

int r57__store_doc_insert(r57_db *db, const char *number, int kind, r57_date issued,
                          const char *issuer, const char *title);
int r57__store_doc_id(r57_db *db, const char *number, int64_t *id);
typedef int (*r57__doc_row_fn)(const r57__doc_row *row, void *payload);
int r57__store_doc_by_number(r57_db *db, const char *number, r57__doc_row_fn fn, void *payload);
int r57__store_doc_cursor(r57__cursor **out, r57_db *db);
int r57__store_doc_cursor_next(r57__cursor *c, r57__doc_row *row);
/* Settings of the database (key -> text); get gives R57_ENOTFOUND when
 * unset and *out is r57__malloc'd; put with value NULL deletes. */
int r57__store_setting_get(r57_db *db, const char *key, char **out);
int r57__store_setting_put(r57_db *db, const char *key, const char *value);
int r57__store_document_set_rule(r57_db *db, int64_t document_id, const char *rule);
/* Accountability rules: the database's (document NULL), then each
 * document's that has one. */
int r57__store_rule_cursor(r57__cursor **out, r57_db *db);
int r57__store_rule_cursor_next(r57__cursor *c, const char **document, const char **rule);

/* ---- tasks (store_task.c) ------------------------------------------------ */
/* A task row as stored: ids resolved, strings NULL when unset. */
typedef struct r57__task_row {
    int64_t id, document_id, parent_id;
    int64_t owner_unit_id, accountability_unit_id, authority_unit_id;
    const char *document, *ref, *parent_ref, *title;
    const char *owner_unit, *owner, *owner_person;
    const char *accountability_unit, *accountability, *product;
    const char *authority_unit, *authority;
    const char *deadline, *coordinating;
    int deadline_kind, status;
    int key_category; /* R57_KEY_NONE (-1) if not a key task */
    r57_date due, done_on;
    const char *resolution;          /* what the owner texts resolved to */
    const char *accountability_rule; /* the document's, else the database's */
} r57__task_row;

/* Inserts a task (ids in row; strings may be NULL) and sets row->id
 * (key_category is not stored by it: r57__store_task_set_key). */
int r57__store_task_insert(r57_db *db, r57__task_row *row);
int r57__store_task_coord_insert(r57_db *db, int64_t task_id, int position, int64_t unit_id);
int r57__store_task_coords_clear(r57_db *db, int64_t task_id);
/* Looks up (document id, ref) → task id, and the document of a task. */
int r57__store_task_id(r57_db *db, int64_t document_id, const char *ref, int64_t *id,
                       int64_t *doc_of);
typedef int (*r57__task_row_fn)(const r57__task_row *row, void *payload);
int r57__store_task_by_id(r57_db *db, int64_t id, r57__task_row_fn fn, void *payload);
/* Calls fn with each coordinating unit code of a task, in order. */
int r57__store_task_coords(r57_db *db, int64_t task_id, int (*fn)(const char *code, void *payload),
                           void *payload);
/* The document date of a task's document (R57_DATE_NONE if unset). */
int r57__store_task_doc_issued(r57_db *db, int64_t task_id, r57_date *out);
int r57__store_task_set_status(r57_db *db, int64_t id, int status, r57_date done_on);
/* Sets one column of a task; `column` must be one of the whitelisted
 * names (checked: R57_EINVAL otherwise).  Exactly one of text/num is used:
 * text when is_text, else num (0 with is_null means NULL). */
int r57__store_task_set_column(r57_db *db, int64_t id, const char *column, int is_text,
                               const char *text, int64_t num, int is_null);
/* Marks a task key (category >= 0) or not (-1); reads it back. */
int r57__store_task_set_key(r57_db *db, int64_t task_id, int category);
int r57__store_task_key(r57_db *db, int64_t task_id, int *category);
int r57__store_task_instance_done(r57_db *db, int64_t task_id, r57_date period_start,
                                  r57_date done_on);
/* The instances of a regular task that are done: fn(period_start, done_on). */
int r57__store_task_instances(r57_db *db, int64_t task_id,
                              int (*fn)(r57_date start, r57_date done_on, void *payload),
                              void *payload);

/* Task cursor over a query (ids already resolved; 0 = no filter). */
typedef struct r57__task_filter {
    int64_t document_id;
    int64_t unit_id;
    int include_subunits;
    unsigned int status_mask;
    /* Overdue mode: open tasks (assigned, in progress, submitted) whose due
     * date is on or before due_until, plus open regular tasks; by due date. */
    int overdue_mode;
    r57_date due_until;
} r57__task_filter;

int r57__store_task_cursor(r57__cursor **out, r57_db *db, const r57__task_filter *f);
int r57__store_task_cursor_next(r57__cursor *c, r57__task_row *row);
/* The query plan of the overdue query, for tests that check it uses the
 * index ("SEARCH task USING INDEX …"). The caller frees with r57__free. */
int r57__store_explain_overdue(r57_db *db, char **plan);

/* ---- actors and roles (store_actor.c) ------------------------------------ */
int r57__store_actor_id(r57_db *db, const char *code, int64_t *id);
int r57__store_actor_insert(r57_db *db, const char *code, const char *name);
/* unit_id 0: system-wide. */
int r57__store_role_insert(r57_db *db, int64_t actor_id, int role, int64_t unit_id);
int r57__store_role_delete(r57_db *db, int64_t actor_id, int role, int64_t unit_id, int *deleted);
/* *out = 1 if anybody holds `role`. */
int r57__store_role_exists(r57_db *db, int role, int *out);
int r57__store_role_count(r57_db *db, int role, int64_t *n);
/* unit_id > 0: held in that unit, above it or system-wide; 0: system-wide;
 * -1: anywhere. */
int r57__store_has_role(r57_db *db, const char *actor, int role, int64_t unit_id, int *out);
/* Actors by code with each of their roles (role -1 and unit NULL for an
 * actor without roles; unit NULL for a system-wide role). */
int r57__store_actor_cursor(r57__cursor **out, r57_db *db);
int r57__store_actor_cursor_next(r57__cursor *c, const char **code, const char **name, int *role,
                                 const char **unit);

/* ---- progress, evidence, evidence and rating rules (store_evidence.c) ---- */
typedef struct r57__progress_row {
    int64_t id, task_id, period;
    const char *document, *ref, *narrative, *reported_by, *reported_at;
    int percent;
    r57_date reported_on;
} r57__progress_row;
typedef int (*r57__progress_row_fn)(const r57__progress_row *row, void *payload);
int r57__store_progress_insert(r57_db *db, const r57__progress_row *row, int64_t *id);
int r57__store_progress_by_id(r57_db *db, int64_t id, r57__progress_row_fn fn, void *payload);
/* (task_id 0 in the progress and evidence cursors: every task's, by id.) */
int r57__store_progress_cursor(r57__cursor **out, r57_db *db, int64_t task_id);
int r57__store_progress_cursor_next(r57__cursor *c, r57__progress_row *row);

typedef struct r57__evidence_row {
    int64_t id, task_id, progress_id, size;
    const char *document, *ref, *title, *uri, *document_number, *document_issuer;
    const char *media_type, *sha256, *submitted_by, *submitted_at;
    const char *decided_by, *decided_at, *reason;
    r57_date document_date;
    int kind, product, status;
} r57__evidence_row;
typedef int (*r57__evidence_row_fn)(const r57__evidence_row *row, void *payload);
int r57__store_evidence_insert(r57_db *db, const r57__evidence_row *row, int64_t *id);
int r57__store_evidence_by_id(r57_db *db, int64_t id, r57__evidence_row_fn fn, void *payload);
int r57__store_evidence_cursor(r57__cursor **out, r57_db *db, int64_t task_id);
int r57__store_evidence_cursor_next(r57__cursor *c, r57__evidence_row *row);
/* Moves submitted evidence to verified or rejected (R57_ESTATE if it is
 * not submitted any more). */
int r57__store_evidence_decide(r57_db *db, int64_t id, int status, const char *by, const char *at,
                               const char *reason);
/* The number of verified evidence records of a task that show its product
 * (period R57_PERIOD_NONE), or that support a progress report of period. */
int r57__store_evidence_proof(r57_db *db, int64_t task_id, r57_period period, int64_t *count);
/* Whether a document requires evidence for a kind of task (default 1). */
int r57__store_evidence_rule(r57_db *db, int64_t document_id, int task_kind, int *required);
int r57__store_evidence_rule_put(r57_db *db, int64_t document_id, int task_kind, int required);
int r57__store_evidence_rule_cursor(r57__cursor **out, r57_db *db);
int r57__store_evidence_rule_cursor_next(r57__cursor *c, const char **document, int *kind,
                                         int *required);
/* A rating level's rule (R57_ENOTFOUND for an unknown level). */
int r57__store_rating_rule(r57_db *db, int level, double *min_share, int *blocks);
int r57__store_rating_rule_put(r57_db *db, int level, double min_share, int blocks);

/* ---- data elements, values, indicators, targets (store_kpi.c) ------------ */
int r57__store_element_insert(r57_db *db, const char *code, const char *name, const char *measure,
                              int aggregation);
/* id and aggregation of an element (R57_ENOTFOUND if unknown). */
int r57__store_element_find(r57_db *db, const char *code, int64_t *id, int *aggregation);
/* Elements by code: row strings valid until the next step. */
typedef struct r57__element_row {
    const char *code, *name, *measure;
    int aggregation;
} r57__element_row;
int r57__store_element_cursor(r57__cursor **out, r57_db *db);
int r57__store_element_cursor_next(r57__cursor *c, r57__element_row *row);

/* Looks up a value; *found 0 when none is stored. */
int r57__store_value_get(r57_db *db, int64_t element_id, int64_t unit_id, r57_period period,
                         double *value, int *found, char **source);
/* Inserts or replaces a value. */
int r57__store_value_put(r57_db *db, int64_t element_id, int64_t unit_id, r57_period period,
                         double value, const char *source, const char *reported_by);
/* All values of an element for a period: fn(unit_id, value). */
int r57__store_values_of(r57_db *db, int64_t element_id, r57_period period,
                         int (*fn)(int64_t unit_id, double value, void *payload), void *payload);
/* A value row for iteration. */
typedef struct r57__value_row {
    const char *element, *unit, *source, *reported_by;
    r57_period period;
    double value;
} r57__value_row;
/* Values filtered by element id and unit id (0: any; with subunits), by
 * element code, period, unit code. */
int r57__store_value_cursor(r57__cursor **out, r57_db *db, int64_t element_id, int64_t unit_id,
                            int include_subunits);
int r57__store_value_cursor_next(r57__cursor *c, r57__value_row *row);

/* An indicator row as stored. */
typedef struct r57__indicator_row {
    int64_t id;
    const char *code, *name, *measure, *formula, *numerator, *denominator, *description;
    int direction, rollup, has_baseline;
    double factor, baseline;
    int64_t baseline_period;
} r57__indicator_row;

int r57__store_indicator_insert(r57_db *db, const r57__indicator_row *row);
typedef int (*r57__indicator_row_fn)(const r57__indicator_row *row, void *payload);
/* By code (R57_ENOTFOUND if unknown), or every indicator by code. */
int r57__store_indicator_by_code(r57_db *db, const char *code, r57__indicator_row_fn fn,
                                 void *payload);
int r57__store_indicator_cursor(r57__cursor **out, r57_db *db);
int r57__store_indicator_cursor_next(r57__cursor *c, r57__indicator_row *row);

typedef struct r57__target_row {
    int64_t id, indicator_id, unit_id; /* unit_id 0 (and group_id 0): every unit */
    int64_t group_id;                  /* binds R57_TARGET_BINDS_GROUP / _MEMBERS */
    int binds;                         /* r57_target_binds_t */
    const char *code;                  /* the unit or group bound; NULL: every unit */
    int comparison, aggregate;
    double value;
    r57_period period; /* 0: any period */
    const char *scope, *source;
} r57__target_row;

int r57__store_target_insert(r57_db *db, const r57__target_row *row);
/* Every target of an indicator, by id: fn(row). */
int r57__store_targets_for(r57_db *db, int64_t indicator_id,
                           int (*fn)(const r57__target_row *row, void *payload), void *payload);
/* Targets by indicator code, unit code, period, id, with the codes. */
typedef struct r57__target_export_row {
    const char *indicator, *unit, *scope, *source; /* unit NULL: every unit */
    int comparison, aggregate;
    int binds; /* r57_target_binds_t; unit is a group's code for group, members */
    double value;
    r57_period period;
} r57__target_export_row;
int r57__store_target_cursor(r57__cursor **out, r57_db *db);
int r57__store_target_cursor_next(r57__cursor *c, r57__target_export_row *row);

/* ---- unit groups (store_group.c) ----------------------------------------- */
typedef struct r57__group_row {
    int64_t id;
    const char *code, *name;
} r57__group_row;
typedef int (*r57__group_row_fn)(const r57__group_row *row, void *payload);
/* By code, by a name's key (bare: without diacritics), or all by code;
 * R57_ENOTFOUND (generic message) when none. */
int r57__store_group_by_code(r57_db *db, const char *code, r57__group_row_fn fn, void *payload);
int r57__store_group_by_name(r57_db *db, const char *name, int bare, r57__group_row_fn fn,
                             void *payload);
int r57__store_group_all(r57_db *db, r57__group_row_fn fn, void *payload);
int r57__store_group_id(r57_db *db, const char *code, int64_t *id);
int r57__store_group_insert(r57_db *db, const char *code, const char *name, int64_t *id);
int r57__store_group_update(r57_db *db, int64_t id, const char *name);
/* kind: r57_unit_name_kind_t; *added 0 when the group had the name. */
int r57__store_group_name_add(r57_db *db, int64_t id, int kind, const char *name, int *added);
int r57__store_group_names(r57_db *db, int64_t id,
                           int (*fn)(int kind, const char *name, void *payload), void *payload);
int r57__store_group_member_add(r57_db *db, int64_t id, int64_t unit_id, int *added);
/* Members by unit code. */
int r57__store_group_members(r57_db *db, int64_t id,
                             int (*fn)(int64_t unit_id, const char *code, void *payload),
                             void *payload);
int r57__store_group_members_all(r57_db *db,
                                 int (*fn)(int64_t group_id, int64_t unit_id, void *payload),
                                 void *payload);
int r57__store_group_value_put(r57_db *db, int64_t element_id, int64_t group_id, r57_period period,
                               double value, const char *source, const char *reported_by);
int r57__store_group_value_get(r57_db *db, int64_t element_id, int64_t group_id, r57_period period,
                               double *value, int *found, char **source);
int r57__store_group_values_of(r57_db *db, int64_t element_id, r57_period period,
                               int (*fn)(int64_t group_id, double value, void *payload),
                               void *payload);
/* Values reported for groups, as r57__store_value_cursor's rows (unit: the
 * group's code), by element, period, group. */
int r57__store_group_value_cursor(r57__cursor **out, r57_db *db);

#endif /* R57_STORE_H */
