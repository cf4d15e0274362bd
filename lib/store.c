/*
 * Storage: the only module with SQL.  Every statement is prepared once per
 * handle (SQLITE_PREPARE_PERSISTENT) and every value is bound, never
 * pasted into SQL text.  Each writing call is its own transaction, so a
 * failed call leaves the database as it was; r57_db_begin/commit group
 * many calls into one transaction for bulk loads.
 *
 * The schema has a version (PRAGMA user_version) and a list of forward
 * migrations; files are marked as ours with PRAGMA application_id.
 */
#include "store.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- schema and migrations ------------------------------------------ */

/* migrations[i] takes a database from schema version i to i + 1. */
static const char *const migrations[] = {
    /* 0 -> 1: units, documents, tasks, the journal. */
    "CREATE TABLE unit ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL,"
    "  kind INTEGER NOT NULL,"
    "  parent_id INTEGER REFERENCES unit(id));"
    "CREATE INDEX unit_parent ON unit(parent_id);"
    "CREATE INDEX unit_name ON unit(name_key);"
    "CREATE TABLE document ("
    "  id INTEGER PRIMARY KEY,"
    "  number TEXT NOT NULL UNIQUE,"
    "  kind INTEGER NOT NULL,"
    "  issued INTEGER,"
    "  issuer TEXT,"
    "  title TEXT);"
    "CREATE TABLE task ("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES document(id),"
    "  ref TEXT NOT NULL,"
    "  parent_id INTEGER REFERENCES task(id),"
    "  title TEXT,"
    "  owner_unit_id INTEGER REFERENCES unit(id),"
    "  owner TEXT,"
    "  owner_person TEXT,"
    "  accountability_unit_id INTEGER REFERENCES unit(id),"
    "  accountability TEXT,"
    "  product TEXT,"
    "  authority_unit_id INTEGER REFERENCES unit(id),"
    "  authority TEXT,"
    "  deadline TEXT,"
    "  deadline_kind INTEGER NOT NULL,"
    "  due INTEGER,"
    "  coordinating TEXT,"
    "  status INTEGER NOT NULL DEFAULT 0,"
    "  done_on INTEGER,"
    "  UNIQUE (document_id, ref));"
    /* The overdue query reads open tasks by due date through this index. */
    "CREATE INDEX task_status_due ON task(status, due);"
    "CREATE INDEX task_owner ON task(owner_unit_id);"
    "CREATE INDEX task_parent ON task(parent_id);"
    "CREATE TABLE task_coordinating ("
    "  task_id INTEGER NOT NULL REFERENCES task(id),"
    "  position INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL REFERENCES unit(id),"
    "  PRIMARY KEY (task_id, position)) WITHOUT ROWID;"
    "CREATE UNIQUE INDEX task_coordinating_unit ON task_coordinating(unit_id, task_id);"
    "CREATE TABLE task_instance ("
    "  task_id INTEGER NOT NULL REFERENCES task(id),"
    "  period_start INTEGER NOT NULL,"
    "  done_on INTEGER NOT NULL,"
    "  PRIMARY KEY (task_id, period_start)) WITHOUT ROWID;"
    /* Append-only record of every change: who, when, what, old and new
     * values as JSON objects.  Later schema versions chain it by hash. */
    "CREATE TABLE journal ("
    "  seq INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  object TEXT NOT NULL,"
    "  object_key TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  old TEXT,"
    "  new TEXT);",
    /* 1 -> 2: indicators — data elements, values, indicators, targets. */
    "CREATE TABLE element ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  measure TEXT,"
    "  aggregation INTEGER NOT NULL);"
    /* One value per element, period and unit; the period is the int64
     * encoding of r57/period.h, which sorts chronologically. */
    "CREATE TABLE value ("
    "  element_id INTEGER NOT NULL REFERENCES element(id),"
    "  period INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL REFERENCES unit(id),"
    "  value REAL NOT NULL,"
    "  source TEXT,"
    "  reported_by TEXT NOT NULL,"
    "  PRIMARY KEY (element_id, period, unit_id)) WITHOUT ROWID;"
    "CREATE INDEX value_unit ON value(unit_id, element_id, period);"
    "CREATE TABLE indicator ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  measure TEXT,"
    "  direction INTEGER NOT NULL,"
    "  formula TEXT,"
    "  numerator TEXT,"
    "  denominator TEXT,"
    "  factor REAL NOT NULL DEFAULT 1,"
    "  rollup INTEGER NOT NULL,"
    "  baseline REAL,"
    "  baseline_period INTEGER,"
    "  description TEXT);"
    "CREATE TABLE target ("
    "  id INTEGER PRIMARY KEY,"
    "  indicator_id INTEGER NOT NULL REFERENCES indicator(id),"
    "  unit_id INTEGER REFERENCES unit(id),"
    "  scope TEXT,"
    "  comparison INTEGER NOT NULL,"
    "  value REAL NOT NULL,"
    "  period INTEGER NOT NULL,"
    "  aggregate INTEGER NOT NULL,"
    "  source TEXT);"
    "CREATE INDEX target_indicator ON target(indicator_id, unit_id);",
    /* 2 -> 3: actors and roles, progress reports, evidence and the rules
     * requiring it, key tasks and rating rules, the journal's hash chain
     * (existing entries are chained by migrate()). */
    "CREATE TABLE actor ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL);"
    /* unit_id NULL: the role is held system-wide. */
    "CREATE TABLE actor_role ("
    "  actor_id INTEGER NOT NULL REFERENCES actor(id),"
    "  role INTEGER NOT NULL,"
    "  unit_id INTEGER REFERENCES unit(id));"
    "CREATE UNIQUE INDEX actor_role_key ON actor_role(actor_id, role, ifnull(unit_id, 0));"
    "CREATE INDEX actor_role_role ON actor_role(role);"
    "CREATE TABLE progress ("
    "  id INTEGER PRIMARY KEY,"
    "  task_id INTEGER NOT NULL REFERENCES task(id),"
    "  percent INTEGER NOT NULL,"
    "  narrative TEXT,"
    "  reported_on INTEGER NOT NULL,"
    "  period INTEGER,"
    "  actor TEXT NOT NULL,"
    "  at TEXT NOT NULL);"
    "CREATE INDEX progress_task ON progress(task_id);"
    "CREATE TABLE evidence ("
    "  id INTEGER PRIMARY KEY,"
    "  task_id INTEGER NOT NULL REFERENCES task(id),"
    "  progress_id INTEGER REFERENCES progress(id),"
    "  kind INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  uri TEXT,"
    "  doc_number TEXT,"
    "  doc_date INTEGER,"
    "  doc_issuer TEXT,"
    "  size INTEGER,"
    "  media_type TEXT,"
    "  sha256 TEXT,"
    "  product INTEGER NOT NULL,"
    "  status INTEGER NOT NULL,"
    "  submitted_by TEXT NOT NULL,"
    "  submitted_at TEXT NOT NULL,"
    "  decided_by TEXT,"
    "  decided_at TEXT,"
    "  reason TEXT);"
    "CREATE INDEX evidence_task ON evidence(task_id, status);"
    "CREATE TABLE evidence_rule ("
    "  document_id INTEGER NOT NULL REFERENCES document(id),"
    "  task_kind INTEGER NOT NULL,"
    "  required INTEGER NOT NULL,"
    "  PRIMARY KEY (document_id, task_kind)) WITHOUT ROWID;"
    "ALTER TABLE task ADD COLUMN key_category INTEGER;"
    "CREATE TABLE rating_rule ("
    "  level INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  min_on_time REAL NOT NULL,"
    "  key_overdue_blocks INTEGER NOT NULL);"
    "INSERT INTO rating_rule VALUES (3, 'excellent', 90, 1), (2, 'well_done', 70, 1),"
    "  (1, 'done', 50, 0), (0, 'not_done', 0, 0);"
    "ALTER TABLE journal ADD COLUMN prev_hash TEXT;"
    "ALTER TABLE journal ADD COLUMN hash TEXT;",
    /* 3 -> 4: the names a unit is known by (its primary name, English name,
     * aliases, and the names of the units merged into it), keyed by the
     * Unicode fold (lib/text.c) with and without diacritics; unit groups;
     * what a task's owner text resolved to; accountability rules.  The
     * names of existing units are filled in by fill_unit_names(). */
    "CREATE TABLE unit_names ("
    "  unit_id INTEGER NOT NULL REFERENCES unit(id),"
    "  kind INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  bare TEXT NOT NULL,"
    "  of TEXT,"
    "  since TEXT,"
    "  PRIMARY KEY (unit_id, kind, name)) WITHOUT ROWID;"
    "CREATE INDEX unit_name_key ON unit_names(key);"
    "CREATE INDEX unit_name_bare ON unit_names(bare);"
    /* Unit groups ("central", "local"): named sets of units, outside the
     * unit tree; their names keyed as units' are; figures reported for a
     * group as a whole (group_value, as value for units); a target binds
     * a unit, a unit and its sub-units, a group, or each member of one
     * (target.binds: r57_target_binds_t). */
    "CREATE TABLE unit_group ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL);"
    "CREATE TABLE unit_group_names ("
    "  group_id INTEGER NOT NULL REFERENCES unit_group(id),"
    "  kind INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  bare TEXT NOT NULL,"
    "  PRIMARY KEY (group_id, kind, name)) WITHOUT ROWID;"
    "CREATE INDEX unit_group_name_key ON unit_group_names(key);"
    "CREATE INDEX unit_group_name_bare ON unit_group_names(bare);"
    "CREATE TABLE unit_group_member ("
    "  group_id INTEGER NOT NULL REFERENCES unit_group(id),"
    "  unit_id INTEGER NOT NULL REFERENCES unit(id),"
    "  PRIMARY KEY (group_id, unit_id)) WITHOUT ROWID;"
    "CREATE TABLE group_value ("
    "  element_id INTEGER NOT NULL REFERENCES element(id),"
    "  period INTEGER NOT NULL,"
    "  group_id INTEGER NOT NULL REFERENCES unit_group(id),"
    "  value REAL NOT NULL,"
    "  source TEXT,"
    "  reported_by TEXT NOT NULL,"
    "  PRIMARY KEY (element_id, period, group_id)) WITHOUT ROWID;"
    "ALTER TABLE target ADD COLUMN group_id INTEGER REFERENCES unit_group(id);"
    "ALTER TABLE target ADD COLUMN binds INTEGER NOT NULL DEFAULT 0;"
    /* The code of the unit or group a target binds (NULL: every unit): a
     * catalogue may bind units registered after it is loaded. */
    "ALTER TABLE target ADD COLUMN bound_code TEXT;"
    "UPDATE target SET bound_code = (SELECT code FROM unit WHERE unit.id = target.unit_id);"
    "ALTER TABLE task ADD COLUMN resolution TEXT;"
    "ALTER TABLE document ADD COLUMN accountability_rule TEXT;"
    "CREATE TABLE setting ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL) WITHOUT ROWID;",
};

/* Migration index after which existing units get their names' keys. */
#define MIGRATION_UNIT_NAMES 3

/* Migration index after which the journal's existing entries are chained. */
#define MIGRATION_JOURNAL_CHAIN 2

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

int r57_schema_version(void) { return SCHEMA_VERSION; }

/* ---- prepared statements ------------------------------------------- */

#define TASK_COLUMNS                                                                      \
    "t.id, t.document_id, t.parent_id, t.owner_unit_id, t.accountability_unit_id,"        \
    " t.authority_unit_id, d.number, t.ref, p.ref, t.title, ou.code, t.owner,"            \
    " t.owner_person, au.code, t.accountability, t.product, hu.code, t.authority,"        \
    " t.deadline, t.coordinating, t.deadline_kind, t.status, t.due, t.done_on,"            \
    " ifnull(t.key_category, -1), t.resolution,"                                        \
    " coalesce(d.accountability_rule,"                                                    \
    " (SELECT value FROM setting WHERE key = 'accountability_rule'))"
#define TASK_FROM                                                                         \
    " FROM task t JOIN document d ON d.id = t.document_id"                                \
    " LEFT JOIN task p ON p.id = t.parent_id"                                             \
    " LEFT JOIN unit ou ON ou.id = t.owner_unit_id"                                       \
    " LEFT JOIN unit au ON au.id = t.accountability_unit_id"                              \
    " LEFT JOIN unit hu ON hu.id = t.authority_unit_id"
#define UNIT_COLUMNS "u.id, u.code, u.name, u.kind, pu.code"
#define UNIT_FROM " FROM unit u LEFT JOIN unit pu ON pu.id = u.parent_id"
#define DOC_COLUMNS "id, number, kind, issued, issuer, title"

static const char *const stmt_sql[S__COUNT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
    [S_JOURNAL_INSERT] =
        "INSERT INTO journal (at, actor, object, object_key, action, old, new, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [S_UNIT_INSERT] =
        "INSERT INTO unit (code, name, name_key, kind, parent_id) VALUES (?, ?, ?, ?, ?)",
    [S_UNIT_ID_BY_CODE] = "SELECT id FROM unit WHERE code = ?",
    [S_UNIT_BY_CODE] = "SELECT " UNIT_COLUMNS UNIT_FROM " WHERE u.code = ?",
    [S_UNIT_BY_NAME] = "SELECT DISTINCT " UNIT_COLUMNS UNIT_FROM
                       " JOIN unit_names n ON n.unit_id = u.id WHERE n.key = ? ORDER BY u.code",
    [S_UNIT_BY_BARE] = "SELECT DISTINCT " UNIT_COLUMNS UNIT_FROM
                       " JOIN unit_names n ON n.unit_id = u.id WHERE n.bare = ? ORDER BY u.code",
    [S_UNIT_UPDATE] =
        "UPDATE unit SET name = ?, name_key = ?, kind = ?, parent_id = ? WHERE id = ?",
    [S_UNIT_NAME_INSERT] = "INSERT OR IGNORE INTO unit_names (unit_id, kind, name, key, bare, of,"
                           " since) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [S_UNIT_NAME_DELETE] = "DELETE FROM unit_names WHERE unit_id = ? AND kind = ? AND name = ?",
    [S_UNIT_NAMES] = "SELECT kind, name, of, since FROM unit_names WHERE unit_id = ?"
                     " ORDER BY kind, key",
    [S_SETTING_GET] = "SELECT value FROM setting WHERE key = ?",
    [S_SETTING_PUT] = "INSERT INTO setting (key, value) VALUES (?, ?)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [S_SETTING_DELETE] = "DELETE FROM setting WHERE key = ?",
    [S_DOC_SET_RULE] = "UPDATE document SET accountability_rule = ? WHERE id = ?",
    [S_DATA_VERSION] = "PRAGMA data_version",
    [S_DOC_INSERT] =
        "INSERT INTO document (number, kind, issued, issuer, title) VALUES (?, ?, ?, ?, ?)",
    [S_DOC_ID_BY_NUMBER] = "SELECT id FROM document WHERE number = ?",
    [S_DOC_BY_NUMBER] = "SELECT " DOC_COLUMNS " FROM document WHERE number = ?",
    [S_TASK_INSERT] =
        "INSERT INTO task (document_id, ref, parent_id, title, owner_unit_id, owner,"
        " owner_person, accountability_unit_id, accountability, product,"
        " authority_unit_id, authority, deadline, deadline_kind, due, coordinating, status,"
        " resolution)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
    [S_TASK_ID_BY_REF] = "SELECT id, document_id FROM task WHERE document_id = ? AND ref = ?",
    [S_TASK_BY_ID] = "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.id = ?",
    [S_TASK_COORD_INSERT] =
        "INSERT INTO task_coordinating (task_id, position, unit_id) VALUES (?, ?, ?)",
    [S_TASK_COORDS] =
        "SELECT u.code FROM task_coordinating c JOIN unit u ON u.id = c.unit_id"
        " WHERE c.task_id = ? ORDER BY c.position",
    [S_TASK_SET_STATUS] = "UPDATE task SET status = ?, done_on = ? WHERE id = ?",
    [S_TASK_INSTANCE_INSERT] =
        "INSERT INTO task_instance (task_id, period_start, done_on) VALUES (?, ?, ?)",
    [S_TASK_INSTANCE_DONE] =
        "SELECT period_start, done_on FROM task_instance WHERE task_id = ? ORDER BY period_start",
    [S_TASK_DOC_ISSUED] =
        "SELECT d.issued FROM task t JOIN document d ON d.id = t.document_id WHERE t.id = ?",
};

/* Maps a SQLite result to an r57 code, keeping SQLite's code and message. */
static int sq_error(r57_db *db, int rc, const char *what)
{
    int code;
    switch (rc & 0xff) {
    case SQLITE_NOMEM: return r57__error_nomem();
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = R57_EBUSY; break;
    case SQLITE_READONLY: code = R57_EREADONLY; break;
    case SQLITE_NOTADB: code = R57_ENOTDB; break;
    case SQLITE_CONSTRAINT:
        /* A unique key taken is an object that exists already; other
         * constraints (foreign keys, NOT NULL) are objects that do not fit. */
        code = rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ? R57_EEXISTS
                                                                                    : R57_ECONFLICT;
        break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT: code = R57_EIO; break;
    default: code = R57_ERROR;
    }
    return r57__error_sqlite(code, rc, "%s: %s", what,
                             db && db->sq ? sqlite3_errmsg(db->sq) : sqlite3_errstr(rc));
}

sqlite3 *r57__store_sq(r57_db *db) { return db->sq; }
int r57__store_sqerr(r57_db *db, int rc, const char *what) { return sq_error(db, rc, what); }

int r57__store_prepare(r57_db *db, sqlite3_stmt **slots, int i, const char *sql,
                       sqlite3_stmt **out)
{
    if (!slots[i]) {
        int rc = sqlite3_prepare_v3(db->sq, sql, -1, SQLITE_PREPARE_PERSISTENT, &slots[i], NULL);
        if (rc != SQLITE_OK)
            return sq_error(db, rc, "preparing a statement");
    }
    *out = slots[i];
    return R57_OK;
}

static int stmt(r57_db *db, r57__stmt_id id, sqlite3_stmt **out)
{
    if (!db->stmts[id]) {
        int rc = sqlite3_prepare_v3(db->sq, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &db->stmts[id], NULL);
        if (rc != SQLITE_OK)
            return sq_error(db, rc, "preparing a statement");
    }
    *out = db->stmts[id];
    return R57_OK;
}

/* Resets a cached statement so it holds no locks and no bound strings. */
static void done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

void r57__store_reset(sqlite3_stmt *st) { done(st); }

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

static int bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    return id ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);
}

static int bind_date(sqlite3_stmt *st, int i, r57_date d)
{
    return d == R57_DATE_NONE ? sqlite3_bind_null(st, i) : sqlite3_bind_int(st, i, d);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static r57_date col_date(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? R57_DATE_NONE
                                                       : (r57_date)sqlite3_column_int(st, i);
}

/* Runs a statement that returns no rows. */
static int exec_stmt(r57_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    int ret = rc == SQLITE_DONE ? R57_OK : sq_error(db, rc, what);
    done(st);
    return ret;
}

static int exec_sql(r57_db *db, const char *sql, const char *what)
{
    /* Only constant SQL (schema, pragmas) goes through here. */
    int rc = sqlite3_exec(db->sq, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? R57_OK : sq_error(db, rc, what);
}

static int pragma_int(r57_db *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- open and close -------------------------------------------------- */

/* Chains the entries of a journal written before it was chained, in order. */
static int chain_journal(r57_db *db)
{
    r57__cursor *c;
    sqlite3_stmt *up = NULL;
    char prev[R57_SHA256_HEX_SIZE] = "", hash[R57_SHA256_HEX_SIZE];
    r57__journal_row row;
    int ret = r57__store_journal_cursor(&c, db, NULL, NULL);
    if (ret < 0)
        return ret;
    int rc = sqlite3_prepare_v2(db->sq, "UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?",
                                -1, &up, NULL);
    ret = rc == SQLITE_OK ? R57_OK : sq_error(db, rc, "chaining the journal");
    while (ret == R57_OK && (ret = r57__store_journal_cursor_next(c, &row)) == R57_OK) {
        r57__journal_hash(hash, prev, &row);
        sqlite3_bind_text(up, 1, prev, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 2, hash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 3, row.seq);
        rc = sqlite3_step(up);
        sqlite3_reset(up);
        if (rc != SQLITE_DONE)
            ret = sq_error(db, rc, "chaining the journal");
        memcpy(prev, hash, sizeof prev);
    }
    sqlite3_finalize(up);
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* Gives each existing unit its primary name in unit_names, keyed by the
 * Unicode fold (the keys cannot be computed in SQL), and re-keys
 * unit.name_key with the same fold. */
static int fill_unit_names(r57_db *db)
{
    sqlite3_stmt *sel = NULL, *ins = NULL, *up = NULL;
    int ret = R57_OK, rc;
    rc = sqlite3_prepare_v2(db->sq, "SELECT id, name FROM unit", -1, &sel, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sq, "INSERT OR IGNORE INTO unit_names (unit_id, kind, name,"
                                " key, bare) VALUES (?, 0, ?, ?, ?)", -1, &ins, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->sq, "UPDATE unit SET name_key = ? WHERE id = ?", -1, &up,
                                NULL);
    if (rc != SQLITE_OK)
        ret = sq_error(db, rc, "keying unit names");
    while (ret == R57_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
        char *key = NULL, *bare = NULL;
        const char *name = col_text(sel, 1);
        ret = r57__text_key(&key, name, 0);
        if (ret == R57_OK)
            ret = r57__text_key(&bare, name, R57__TEXT_BARE);
        if (ret == R57_OK) {
            sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
            bind_text(ins, 2, name);
            bind_text(ins, 3, key);
            bind_text(ins, 4, bare);
            if ((rc = sqlite3_step(ins)) != SQLITE_DONE)
                ret = sq_error(db, rc, "keying unit names");
            sqlite3_reset(ins);
            bind_text(up, 1, key);
            sqlite3_bind_int64(up, 2, sqlite3_column_int64(sel, 0));
            if (ret == R57_OK && (rc = sqlite3_step(up)) != SQLITE_DONE)
                ret = sq_error(db, rc, "keying unit names");
            sqlite3_reset(up);
        }
        r57__free(key);
        r57__free(bare);
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = sq_error(db, rc, "keying unit names");
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_finalize(up);
    return ret;
}

static int migrate(r57_db *db, int from)
{
    char sql[96];
    int ret = exec_sql(db, "BEGIN IMMEDIATE", "starting the schema migration");
    if (ret < 0)
        return ret;
    for (int v = from; v < SCHEMA_VERSION && ret == R57_OK; v++) {
        ret = exec_sql(db, migrations[v], "migrating the schema");
        if (ret == R57_OK && v == MIGRATION_JOURNAL_CHAIN)
            ret = chain_journal(db);
        if (ret == R57_OK && v == MIGRATION_UNIT_NAMES)
            ret = fill_unit_names(db);
    }
    if (ret == R57_OK) {
        /* PRAGMA takes no bound parameters; the values are our integers. */
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                 R57__APPLICATION_ID, SCHEMA_VERSION);
        ret = exec_sql(db, sql, "recording the schema version");
    }
    if (ret == R57_OK)
        ret = exec_sql(db, "COMMIT", "committing the schema migration");
    if (ret < 0) {
        int saved = ret;
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", r57_error_message(r57_error_last()));
        int sc = r57_error_sqlite_code(r57_error_last());
        sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
        return r57__error_sqlite(saved, sc, "database '%s': %s", db->path, msg);
    }
    return R57_OK;
}

static int check_and_prepare(r57_db *db, unsigned flags)
{
    int app_id = 0, version = 0, objects = 0, rc;

    /* Reading the header of something that is not SQLite fails here. */
    rc = pragma_int(db, "PRAGMA application_id", &app_id);
    if (rc == SQLITE_OK)
        rc = pragma_int(db, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK)
        rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &objects);
    if ((rc & 0xff) == SQLITE_NOTADB)
        return r57__error_sqlite(R57_ENOTDB, rc, "file '%s' is not a libr57 database: %s",
                                 db->path, sqlite3_errstr(rc));
    if (rc != SQLITE_OK)
        return r57__error_sqlite(rc == SQLITE_NOMEM ? R57_ENOMEM : R57_EIO, rc,
                                 "database '%s': %s", db->path, sqlite3_errstr(rc));

    int empty = app_id == 0 && version == 0 && objects == 0;
    if (!empty && app_id != R57__APPLICATION_ID)
        return r57__error(R57_ENOTDB,
                          "file '%s' is not a libr57 database: it is a SQLite database of "
                          "another program (application_id 0x%08x)",
                          db->path, (unsigned)app_id);
    if (version > SCHEMA_VERSION)
        return r57__error(R57_EVERSION,
                          "database '%s' has schema version %d, newer than the %d this "
                          "libr57 %s knows; use a newer libr57",
                          db->path, version, SCHEMA_VERSION, R57_VERSION);
    if (version < SCHEMA_VERSION) {
        if (db->readonly)
            return r57__error(R57_EREADONLY,
                              empty ? "database '%s' is empty and opened read-only"
                                    : "database '%s' needs a schema migration but is "
                                      "opened read-only",
                              db->path);
        int ret = migrate(db, version);
        if (ret < 0)
            return ret;
    }
    db->schema_version = SCHEMA_VERSION;
    (void)flags;
    return R57_OK;
}

int r57__store_open(r57_db **out, const char *path, const r57_open_options *opts)
{
    r57_open_options defaults = R57_OPEN_OPTIONS_INIT;
    struct stat sb;
    int memory = strcmp(path, ":memory:") == 0;
    int ret;

    if (!opts)
        opts = &defaults;
    unsigned flags = opts->flags;
    int exists = !memory && stat(path, &sb) == 0;
    if (!memory && !exists && (flags & (R57_OPEN_NOCREATE | R57_OPEN_READONLY)))
        return r57__error(R57_ENOTFOUND, "database '%s' does not exist", path);
    if (exists && S_ISDIR(sb.st_mode))
        return r57__error(R57_EIO, "database '%s' is a directory", path);

    r57_db *db = r57__calloc(1, sizeof *db);
    if (!db)
        return r57__error_nomem();
    r57__store_forget(db);
    /* A random token, not a counter: no global state, and a handle opened
     * where a closed one stood does not take its identity. */
    if (getrandom(&db->token, sizeof db->token, GRND_NONBLOCK) != (ssize_t)sizeof db->token) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        db->token = ((uint64_t)ts.tv_sec * 1000000007u) ^ (uint64_t)ts.tv_nsec ^
                    (uint64_t)(uintptr_t)db;
    }
    db->path = r57__strdup(path);
    if (!db->path) {
        r57__free(db);
        return r57__error_nomem();
    }
    db->readonly = (flags & R57_OPEN_READONLY) != 0;

    int oflags = (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                 SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    int rc = sqlite3_open_v2(path, &db->sq, oflags, NULL);
    if (rc != SQLITE_OK) {
        ret = rc == SQLITE_NOMEM ? r57__error_nomem()
                                 : r57__error_sqlite(R57_EIO, rc, "cannot open database '%s': %s",
                                                     path,
                                                     db->sq ? sqlite3_errmsg(db->sq)
                                                            : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(db->sq, 1);
    sqlite3_busy_timeout(db->sq, opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 0);

    /* SQLite silently falls back to read-only for a file we may not write;
     * a caller who asked to write must hear about it now, not at the first
     * write. */
    if (!db->readonly && sqlite3_db_readonly(db->sq, "main") == 1) {
        ret = r57__error(R57_EREADONLY, "database '%s' is read-only (file permissions); open "
                                        "it with R57_OPEN_READONLY to read it",
                         path);
        goto fail;
    }
    /* A file without write permission for anyone is refused even when the
     * process could write it anyway (root): the owner meant it. */
    if (exists && !db->readonly && ((sb.st_mode & 0222) == 0 || access(path, W_OK) != 0)) {
        ret = r57__error(R57_EREADONLY, "database '%s' is read-only (file permissions); open "
                                        "it with R57_OPEN_READONLY to read it",
                         path);
        goto fail;
    }

    /* Settings that change nothing in the file come first. */
    if ((ret = exec_sql(db, "PRAGMA foreign_keys = ON", "enabling foreign keys")) < 0)
        goto fail;
    if ((ret = check_and_prepare(db, flags)) < 0)
        goto fail;
    /* A bigger page cache keeps bulk loads from spilling pages in the middle
     * of a transaction, and temporary data stays in memory. */
    if ((ret = exec_sql(db, "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY",
                        "setting up the connection")) < 0)
        goto fail;
    /* Only now that the file is known to be ours may it be switched to WAL. */
    if (!memory && !db->readonly &&
        (ret = exec_sql(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                        "enabling write-ahead logging")) < 0)
        goto fail;
    *out = db;
    return R57_OK;

fail:
    r57__store_close(db);
    return ret;
}

void r57__store_close(r57_db *db)
{
    if (!db)
        return;
    if (db->resolver && db->resolver_free)
        db->resolver_free(db->resolver);
    for (int i = 0; i < S__COUNT; i++)
        sqlite3_finalize(db->stmts[i]);
    if (db->sq) {
        if (db->in_txn)
            sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close_v2(db->sq);
    }
    r57__free(db->path);
    r57__free(db);
}

/* ---- transactions ---------------------------------------------------- */

static int run(r57_db *db, r57__stmt_id id, const char *what)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, id, &st);
    return ret < 0 ? ret : exec_stmt(db, st, what);
}

int r57__store_write_begin(r57_db *db, const char *func)
{
    if (db->readonly)
        return r57__error(R57_EREADONLY, "%s: database '%s' is opened read-only", func,
                          db->path);
    if (db->aborted)
        return r57__error(R57_ESTATE, "%s: the transaction was rolled back after a failed "
                                      "call; call r57_db_rollback() first", func);
    db->changes_at_begin = sqlite3_total_changes64(db->sq);
    /* What the KPI engine read may be about to change. */
    r57__kpi_cache_free(db);
    if (db->in_txn)
        return R57_OK;
    /* IMMEDIATE takes the write lock now, so a busy database fails here,
     * before anything is read or decided. */
    return run(db, S_BEGIN, "starting a write");
}

/* Rolls back the open transaction without touching the recorded error. */
void r57__store_forget(r57_db *db)
{
    db->setup_cache = -1;
    db->head_valid = 0;
    db->units_gen++;
}

int r57__store_rule_cursor(r57__cursor **out, r57_db *db)
{
    /* The database's rule first (its document is NULL), then by document. */
    return r57__cursor_new(out, db,
                           "SELECT NULL, value FROM setting WHERE key = 'accountability_rule'"
                           " UNION ALL SELECT number, accountability_rule FROM document"
                           " WHERE accountability_rule IS NOT NULL ORDER BY 1");
}

int r57__store_rule_cursor_next(r57__cursor *c, const char **document, const char **rule)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK) {
        *document = col_text(r57__cursor_stmt(c), 0);
        *rule = col_text(r57__cursor_stmt(c), 1);
    }
    return ret;
}

int r57__store_units_generation(r57_db *db, uint64_t *out)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_DATA_VERSION, &st);
    if (ret < 0)
        return ret;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        ret = sq_error(db, rc, "reading the data version");
        done(st);
        return ret;
    }
    /* data_version is small and only grows; the two cannot collide in
     * practice once mixed like this. */
    *out = db->units_gen * 1000003u + (uint64_t)sqlite3_column_int64(st, 0);
    done(st);
    return R57_OK;
}

static void rollback_quietly(r57_db *db)
{
    sqlite3_stmt *st = NULL;
    r57__store_forget(db);
    if (sqlite3_get_autocommit(db->sq))
        return; /* SQLite rolled it back itself (it does for I/O errors) */
    if (stmt(db, S_ROLLBACK, &st) == R57_OK) {
        sqlite3_step(st);
        done(st);
    }
}

int r57__store_write_end(r57_db *db, int rc)
{
    if (!db->in_txn) {
        if (rc < 0) {
            rollback_quietly(db);
            return rc;
        }
        int ret = run(db, S_COMMIT, "committing");
        if (ret < 0)
            rollback_quietly(db);
        return ret;
    }
    /*
     * Inside r57_db_begin(): a call checks everything it can before its
     * first write, so a refused call has written nothing and the
     * transaction goes on.  A call that failed after writing (out of
     * memory, I/O) cannot be undone on its own without a savepoint per
     * call, which would double the cost of bulk loads; the whole
     * transaction is rolled back instead, and said so.
     */
    if (rc < 0 && sqlite3_total_changes64(db->sq) != db->changes_at_begin) {
        const r57_error *e = r57_error_last();
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", r57_error_message(e));
        int sc = r57_error_sqlite_code(e);
        rollback_quietly(db);
        db->aborted = 1;
        r57__error_sqlite(rc, sc, "%s; the transaction was rolled back", msg);
    }
    return rc;
}

int r57__store_begin(r57_db *db)
{
    if (db->in_txn)
        return r57__error(R57_ESTATE, "r57_db_begin: a transaction is open already");
    if (db->readonly)
        return r57__error(R57_EREADONLY, "r57_db_begin: database '%s' is opened read-only",
                          db->path);
    int ret = run(db, S_BEGIN, "starting a transaction");
    if (ret == R57_OK)
        db->in_txn = 1;
    r57__store_forget(db);
    return ret;
}

int r57__store_commit(r57_db *db)
{
    if (!db->in_txn)
        return r57__error(R57_ESTATE, "r57_db_commit: no transaction is open");
    if (db->aborted)
        return r57__error(R57_ESTATE, "r57_db_commit: the transaction was rolled back after "
                                      "a failed call; call r57_db_rollback()");
    int ret = run(db, S_COMMIT, "committing the transaction");
    if (ret == R57_OK || sqlite3_get_autocommit(db->sq))
        db->in_txn = 0;
    return ret;
}

int r57__store_rollback(r57_db *db)
{
    if (!db->in_txn)
        return r57__error(R57_ESTATE, "r57_db_rollback: no transaction is open");
    int ret = db->aborted ? R57_OK : run(db, S_ROLLBACK, "rolling back the transaction");
    r57__store_forget(db);
    db->in_txn = 0;
    db->aborted = 0;
    return ret;
}

/* ---- journal --------------------------------------------------------- */

int r57__store_journal(r57_db *db, const char *actor, const char *object, const char *key,
                       const char *action, const char *old_json, const char *new_json)
{
    sqlite3_stmt *st = NULL;
    char at[64], prev[R57_SHA256_HEX_SIZE], hash[R57_SHA256_HEX_SIZE];
    int ret = R57_OK;
    if (db->in_txn && db->head_valid)
        memcpy(prev, db->head, sizeof prev);
    else
        ret = r57__store_journal_head(db, prev);
    if (ret < 0 || (ret = stmt(db, S_JOURNAL_INSERT, &st)) < 0)
        return ret;
    r57__timestamp_now(at);
    r57__journal_row row = { 0, at, actor, object, key, action, old_json, new_json, prev, NULL };
    r57__journal_hash(hash, prev, &row);
    sqlite3_bind_text(st, 8, prev, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
    bind_text(st, 2, actor);
    bind_text(st, 3, object);
    bind_text(st, 4, key);
    bind_text(st, 5, action);
    bind_text(st, 6, old_json);
    bind_text(st, 7, new_json);
    ret = exec_stmt(db, st, "writing the journal");
    if (ret == R57_OK && db->in_txn) {
        memcpy(db->head, hash, sizeof db->head);
        db->head_valid = 1;
    }
    return ret;
}

/* ---- units ------------------------------------------------------------ */

struct r57__cursor {
    sqlite3_stmt *st;
    r57_db *db;
    int over; /* stepping again after SQLITE_DONE would start over */
};

sqlite3_stmt *r57__cursor_stmt(r57__cursor *c) { return c->st; }

void r57__cursor_free(r57__cursor *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->st);
    r57__free(c);
}

int r57__cursor_new(r57__cursor **out, r57_db *db, const char *sql)
{
    r57__cursor *c = r57__calloc(1, sizeof *c);
    if (!c)
        return r57__error_nomem();
    c->db = db;
    int rc = sqlite3_prepare_v2(db->sq, sql, -1, &c->st, NULL);
    if (rc != SQLITE_OK) {
        int ret = sq_error(db, rc, "preparing a query");
        r57__free(c);
        return ret;
    }
    *out = c;
    return R57_OK;
}

/* Steps a cursor: R57_OK with a row, R57_ITEROVER at the end. */
int r57__cursor_step(r57__cursor *c)
{
    if (c->over)
        return R57_ITEROVER;
    int rc = sqlite3_step(c->st);
    if (rc == SQLITE_ROW)
        return R57_OK;
    c->over = 1;
    if (rc == SQLITE_DONE)
        return R57_ITEROVER;
    return sq_error(c->db, rc, "reading");
}

int r57__store_unit_insert(r57_db *db, const char *code, const char *name, int kind,
                           int64_t parent_id)
{
    sqlite3_stmt *st = NULL;
    char *key = NULL;
    int ret = stmt(db, S_UNIT_INSERT, &st);
    if (ret < 0 || (ret = r57__text_key(&key, name, 0)) < 0)
        return ret;
    bind_text(st, 1, code);
    bind_text(st, 2, name);
    bind_text(st, 3, key);
    sqlite3_bind_int(st, 4, kind);
    bind_id(st, 5, parent_id);
    ret = exec_stmt(db, st, "storing a unit");
    r57__free(key);
    if (ret == R57_OK)
        ret = r57__store_unit_name_add(db, sqlite3_last_insert_rowid(db->sq), 0, name, NULL,
                                       NULL, NULL);
    return ret;
}

int r57__store_unit_update(r57_db *db, int64_t id, const char *name, int kind,
                           int64_t parent_id)
{
    db->units_gen++;
    sqlite3_stmt *st = NULL;
    char *key = NULL;
    int ret = stmt(db, S_UNIT_UPDATE, &st);
    if (ret < 0 || (ret = r57__text_key(&key, name, 0)) < 0)
        return ret;
    bind_text(st, 1, name);
    bind_text(st, 2, key);
    sqlite3_bind_int(st, 3, kind);
    bind_id(st, 4, parent_id);
    sqlite3_bind_int64(st, 5, id);
    ret = exec_stmt(db, st, "updating a unit");
    r57__free(key);
    return ret;
}

int r57__store_unit_name_add(r57_db *db, int64_t unit_id, int kind, const char *name,
                             const char *of, const char *since, int *added)
{
    db->units_gen++;
    sqlite3_stmt *st = NULL;
    char *key = NULL, *bare = NULL;
    int ret = stmt(db, S_UNIT_NAME_INSERT, &st);
    if (ret == R57_OK)
        ret = r57__text_key(&key, name, 0);
    if (ret == R57_OK)
        ret = r57__text_key(&bare, name, R57__TEXT_BARE);
    if (ret == R57_OK) {
        sqlite3_bind_int64(st, 1, unit_id);
        sqlite3_bind_int(st, 2, kind);
        bind_text(st, 3, name);
        bind_text(st, 4, key);
        bind_text(st, 5, bare);
        bind_text(st, 6, of);
        bind_text(st, 7, since);
        ret = exec_stmt(db, st, "storing a unit name");
        if (ret == R57_OK && added)
            *added = sqlite3_changes(db->sq) > 0;
    }
    r57__free(key);
    r57__free(bare);
    return ret;
}

int r57__store_unit_name_delete(r57_db *db, int64_t unit_id, int kind, const char *name)
{
    db->units_gen++;
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_UNIT_NAME_DELETE, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    sqlite3_bind_int(st, 2, kind);
    bind_text(st, 3, name);
    return exec_stmt(db, st, "removing a unit name");
}

int r57__store_unit_names(r57_db *db, int64_t unit_id,
                          int (*fn)(const r57__unit_name_row *row, void *payload), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_UNIT_NAMES, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, unit_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r57__unit_name_row row = { sqlite3_column_int(st, 0), col_text(st, 1), col_text(st, 2),
                                   col_text(st, 3) };
        if ((ret = fn(&row, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = sq_error(db, rc, "reading unit names");
    done(st);
    return ret;
}

int r57__store_registry_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db,
                           "SELECT u.code, u.name, u.kind, n.kind, n.name, n.key, n.bare, n.of,"
                           " n.since, p.code FROM unit_names n JOIN unit u ON u.id = n.unit_id"
                           " LEFT JOIN unit p ON p.id = u.parent_id"
                           " ORDER BY u.code, n.kind, n.key");
}

int r57__store_registry_next(r57__cursor *c, r57__registry_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK) {
        row->code = col_text(c->st, 0);
        row->unit_name = col_text(c->st, 1);
        row->unit_kind = sqlite3_column_int(c->st, 2);
        row->name_kind = sqlite3_column_int(c->st, 3);
        row->name = col_text(c->st, 4);
        row->key = col_text(c->st, 5);
        row->bare = col_text(c->st, 6);
        row->of = col_text(c->st, 7);
        row->since = col_text(c->st, 8);
        row->parent = col_text(c->st, 9);
    }
    return ret;
}

int r57__store_setting_get(r57_db *db, const char *key, char **out)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_SETTING_GET, &st), rc;
    *out = NULL;
    if (ret < 0)
        return ret;
    bind_text(st, 1, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = r57__strdup(col_text(st, 0));
        ret = *out ? R57_OK : r57__error_nomem();
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "setting '%s' is not set", key);
    } else {
        ret = sq_error(db, rc, "reading a setting");
    }
    done(st);
    return ret;
}

int r57__store_setting_put(r57_db *db, const char *key, const char *value)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, value ? S_SETTING_PUT : S_SETTING_DELETE, &st);
    if (ret < 0)
        return ret;
    bind_text(st, 1, key);
    if (value)
        bind_text(st, 2, value);
    return exec_stmt(db, st, "storing a setting");
}

int r57__store_document_set_rule(r57_db *db, int64_t document_id, const char *rule)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_DOC_SET_RULE, &st);
    if (ret < 0)
        return ret;
    bind_text(st, 1, rule);
    sqlite3_bind_int64(st, 2, document_id);
    return exec_stmt(db, st, "storing a document's accountability rule");
}

static int lookup_id(r57_db *db, r57__stmt_id id, const char *key, int64_t *out)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, id, &st);
    if (ret < 0)
        return ret;
    bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        ret = R57_OK;
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "'%s' not found", key);
    } else {
        ret = sq_error(db, rc, "looking up");
    }
    done(st);
    return ret;
}

int r57__store_unit_id(r57_db *db, const char *code, int64_t *id)
{
    return lookup_id(db, S_UNIT_ID_BY_CODE, code, id);
}

static void unit_row(sqlite3_stmt *st, r57__unit_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->code = col_text(st, 1);
    row->name = col_text(st, 2);
    row->kind = sqlite3_column_int(st, 3);
    row->parent_code = col_text(st, 4);
}

static int unit_rows(r57_db *db, r57__stmt_id id, const char *key, r57__unit_row_fn fn,
                     void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, id, &st), rc, found = 0;
    if (ret < 0)
        return ret;
    bind_text(st, 1, key);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r57__unit_row row;
        unit_row(st, &row);
        found = 1;
        if ((ret = fn(&row, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        ret = sq_error(db, rc, "reading units");
    else if (ret == R57_OK && !found)
        ret = r57__error(R57_ENOTFOUND, "unit '%s' not found", key);
    done(st);
    return ret;
}

int r57__store_unit_by_code(r57_db *db, const char *code, r57__unit_row_fn fn, void *payload)
{
    return unit_rows(db, S_UNIT_BY_CODE, code, fn, payload);
}

int r57__store_unit_by_name(r57_db *db, const char *name, r57__unit_row_fn fn, void *payload)
{
    char *key;
    int ret = r57__text_key(&key, name, 0);
    if (ret < 0)
        return ret;
    ret = unit_rows(db, S_UNIT_BY_NAME, key, fn, payload);
    r57__free(key);
    return ret;
}

int r57__store_unit_by_bare(r57_db *db, const char *name, r57__unit_row_fn fn, void *payload)
{
    char *key;
    int ret = r57__text_key(&key, name, R57__TEXT_BARE);
    if (ret < 0)
        return ret;
    ret = unit_rows(db, S_UNIT_BY_BARE, key, fn, payload);
    r57__free(key);
    return ret;
}

int r57__store_unit_cursor(r57__cursor **out, r57_db *db, int64_t root_id)
{
    int ret;
    if (!root_id)
        return r57__cursor_new(out, db, "SELECT " UNIT_COLUMNS UNIT_FROM " ORDER BY u.code");
    /* Depth-first: the path of codes sorts a parent before its children. */
    ret = r57__cursor_new(out, db,
                     "WITH RECURSIVE sub(id, path) AS ("
                     "  SELECT id, code FROM unit WHERE id = ?"
                     "  UNION ALL"
                     "  SELECT u.id, sub.path || char(1) || u.code"
                     "  FROM unit u JOIN sub ON u.parent_id = sub.id)"
                     " SELECT " UNIT_COLUMNS UNIT_FROM " JOIN sub ON sub.id = u.id"
                     " ORDER BY sub.path");
    if (ret == R57_OK)
        sqlite3_bind_int64((*out)->st, 1, root_id);
    return ret;
}

int r57__store_unit_cursor_next(r57__cursor *c, r57__unit_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        unit_row(c->st, row);
    return ret;
}

/* ---- documents ------------------------------------------------------- */

int r57__store_doc_insert(r57_db *db, const char *number, int kind, r57_date issued,
                          const char *issuer, const char *title)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_DOC_INSERT, &st);
    if (ret < 0)
        return ret;
    bind_text(st, 1, number);
    sqlite3_bind_int(st, 2, kind);
    bind_date(st, 3, issued);
    bind_text(st, 4, issuer);
    bind_text(st, 5, title);
    return exec_stmt(db, st, "storing a document");
}

int r57__store_doc_id(r57_db *db, const char *number, int64_t *id)
{
    return lookup_id(db, S_DOC_ID_BY_NUMBER, number, id);
}

static void doc_row(sqlite3_stmt *st, r57__doc_row *row)
{
    row->id = sqlite3_column_int64(st, 0);
    row->number = col_text(st, 1);
    row->kind = sqlite3_column_int(st, 2);
    row->issued = col_date(st, 3);
    row->issuer = col_text(st, 4);
    row->title = col_text(st, 5);
}

int r57__store_doc_by_number(r57_db *db, const char *number, r57__doc_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_DOC_BY_NUMBER, &st);
    if (ret < 0)
        return ret;
    bind_text(st, 1, number);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__doc_row row;
        doc_row(st, &row);
        ret = fn(&row, payload);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "document '%s' not found", number);
    } else {
        ret = sq_error(db, rc, "reading a document");
    }
    done(st);
    return ret;
}

int r57__store_doc_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db, "SELECT " DOC_COLUMNS " FROM document ORDER BY number");
}

int r57__store_doc_cursor_next(r57__cursor *c, r57__doc_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        doc_row(c->st, row);
    return ret;
}

/* ---- tasks ------------------------------------------------------------ */

int r57__store_task_insert(r57_db *db, r57__task_row *r)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, r->document_id);
    bind_text(st, 2, r->ref);
    bind_id(st, 3, r->parent_id);
    bind_text(st, 4, r->title);
    bind_id(st, 5, r->owner_unit_id);
    bind_text(st, 6, r->owner);
    bind_text(st, 7, r->owner_person);
    bind_id(st, 8, r->accountability_unit_id);
    bind_text(st, 9, r->accountability);
    bind_text(st, 10, r->product);
    bind_id(st, 11, r->authority_unit_id);
    bind_text(st, 12, r->authority);
    bind_text(st, 13, r->deadline);
    sqlite3_bind_int(st, 14, r->deadline_kind);
    bind_date(st, 15, r->due);
    bind_text(st, 16, r->coordinating);
    bind_text(st, 17, r->resolution);
    ret = exec_stmt(db, st, "storing a task");
    if (ret == R57_OK)
        r->id = sqlite3_last_insert_rowid(db->sq);
    return ret;
}

int r57__store_task_coord_insert(r57_db *db, int64_t task_id, int position, int64_t unit_id)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_COORD_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    sqlite3_bind_int(st, 2, position);
    sqlite3_bind_int64(st, 3, unit_id);
    return exec_stmt(db, st, "storing a coordinating unit");
}

int r57__store_task_coords_clear(r57_db *db, int64_t task_id)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sq, "DELETE FROM task_coordinating WHERE task_id = ?", -1,
                                &st, NULL);
    if (rc != SQLITE_OK)
        return sq_error(db, rc, "preparing a delete");
    sqlite3_bind_int64(st, 1, task_id);
    rc = sqlite3_step(st);
    int ret = rc == SQLITE_DONE ? R57_OK : sq_error(db, rc, "removing coordinating units");
    sqlite3_finalize(st);
    return ret;
}

int r57__store_task_id(r57_db *db, int64_t document_id, const char *ref, int64_t *id,
                       int64_t *doc_of)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_ID_BY_REF, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, document_id);
    bind_text(st, 2, ref);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (doc_of)
            *doc_of = sqlite3_column_int64(st, 1);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "task '%s' not found", ref);
    } else {
        ret = sq_error(db, rc, "looking up a task");
    }
    done(st);
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
    r->document = col_text(st, 6);
    r->ref = col_text(st, 7);
    r->parent_ref = col_text(st, 8);
    r->title = col_text(st, 9);
    r->owner_unit = col_text(st, 10);
    r->owner = col_text(st, 11);
    r->owner_person = col_text(st, 12);
    r->accountability_unit = col_text(st, 13);
    r->accountability = col_text(st, 14);
    r->product = col_text(st, 15);
    r->authority_unit = col_text(st, 16);
    r->authority = col_text(st, 17);
    r->deadline = col_text(st, 18);
    r->coordinating = col_text(st, 19);
    r->deadline_kind = sqlite3_column_int(st, 20);
    r->status = sqlite3_column_int(st, 21);
    r->due = col_date(st, 22);
    r->done_on = col_date(st, 23);
    r->key_category = sqlite3_column_int(st, 24);
    r->resolution = col_text(st, 25);
    r->accountability_rule = col_text(st, 26);
}

int r57__store_task_by_id(r57_db *db, int64_t id, r57__task_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_BY_ID, &st);
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
        ret = sq_error(db, rc, "reading a task");
    }
    done(st);
    return ret;
}

int r57__store_task_coords(r57_db *db, int64_t task_id, int (*fn)(const char *, void *),
                           void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_COORDS, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(col_text(st, 0), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = sq_error(db, rc, "reading coordinating units");
    done(st);
    return ret;
}

int r57__store_task_set_status(r57_db *db, int64_t id, int status, r57_date done_on)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_SET_STATUS, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int(st, 1, status);
    bind_date(st, 2, done_on);
    sqlite3_bind_int64(st, 3, id);
    return exec_stmt(db, st, "changing a task's status");
}

/* The columns r57__store_task_set_column may touch, with their UPDATE
 * statements: the column name is never taken from input. */
static const struct {
    const char *column;
    const char *sql;
} task_columns[] = {
    { "title", "UPDATE task SET title = ? WHERE id = ?" },
    { "owner_unit_id", "UPDATE task SET owner_unit_id = ? WHERE id = ?" },
    { "owner", "UPDATE task SET owner = ? WHERE id = ?" },
    { "owner_person", "UPDATE task SET owner_person = ? WHERE id = ?" },
    { "accountability_unit_id", "UPDATE task SET accountability_unit_id = ? WHERE id = ?" },
    { "accountability", "UPDATE task SET accountability = ? WHERE id = ?" },
    { "product", "UPDATE task SET product = ? WHERE id = ?" },
    { "authority_unit_id", "UPDATE task SET authority_unit_id = ? WHERE id = ?" },
    { "authority", "UPDATE task SET authority = ? WHERE id = ?" },
    { "deadline", "UPDATE task SET deadline = ? WHERE id = ?" },
    { "deadline_kind", "UPDATE task SET deadline_kind = ? WHERE id = ?" },
    { "due", "UPDATE task SET due = ? WHERE id = ?" },
    { "coordinating", "UPDATE task SET coordinating = ? WHERE id = ?" },
    { "resolution", "UPDATE task SET resolution = ? WHERE id = ?" },
};

int r57__store_task_set_column(r57_db *db, int64_t id, const char *column, int is_text,
                               const char *text, int64_t num, int is_null)
{
    for (size_t i = 0; i < sizeof task_columns / sizeof task_columns[0]; i++) {
        if (strcmp(task_columns[i].column, column) != 0)
            continue;
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(db->sq, task_columns[i].sql, -1, &st, NULL);
        if (rc != SQLITE_OK)
            return sq_error(db, rc, "preparing an update");
        if (is_null || (is_text && !text))
            sqlite3_bind_null(st, 1);
        else if (is_text)
            sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, 1, num);
        sqlite3_bind_int64(st, 2, id);
        rc = sqlite3_step(st);
        int ret = rc == SQLITE_DONE ? R57_OK : sq_error(db, rc, "updating a task");
        sqlite3_finalize(st);
        return ret;
    }
    return r57__error(R57_EINVAL, "task column '%s' cannot be updated", column);
}

int r57__store_task_instance_done(r57_db *db, int64_t task_id, r57_date start, r57_date on)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_INSTANCE_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    sqlite3_bind_int(st, 2, start);
    sqlite3_bind_int(st, 3, on);
    return exec_stmt(db, st, "recording a task instance");
}

int r57__store_task_instances(r57_db *db, int64_t task_id,
                              int (*fn)(r57_date, r57_date, void *), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_INSTANCE_DONE, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(col_date(st, 0), col_date(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = sq_error(db, rc, "reading task instances");
    done(st);
    return ret;
}

int r57__store_task_doc_issued(r57_db *db, int64_t task_id, r57_date *out)
{
    sqlite3_stmt *st = NULL;
    int ret = stmt(db, S_TASK_DOC_ISSUED, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, task_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = col_date(st, 0);
    else if (rc == SQLITE_DONE)
        ret = r57__error(R57_ENOTFOUND, "task #%lld not found", (long long)task_id);
    else
        ret = sq_error(db, rc, "reading a task's document");
    done(st);
    return ret;
}

/*
 * Task queries are assembled from constant fragments chosen by which
 * filters are set; the filter values are bound by number (?1 … ?5).
 */
#define SUBUNITS_CTE                                                                     \
    "WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL"                                     \
    " SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id) "

static int build_task_query(r57__buf *sql, const r57__task_filter *f)
{
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
        r57__buf_puts(sql, "SELECT " TASK_COLUMNS TASK_FROM
                           " WHERE t.status IN (0, 1, 2) AND t.due <= ?4");
        r57__buf_puts(sql, unit_term);
        r57__buf_puts(sql, " UNION ALL SELECT " TASK_COLUMNS TASK_FROM
                           " WHERE t.status IN (0, 1, 2) AND t.due IS NULL"
                           " AND t.deadline_kind IN (5, 6, 7, 12)");
        r57__buf_puts(sql, unit_term);
        r57__buf_puts(sql, " ORDER BY 23 NULLS LAST, 7, 1");
        return sql->failed ? R57_ENOMEM : R57_OK;
    }
    r57__buf_puts(sql, "SELECT " TASK_COLUMNS TASK_FROM " WHERE 1");
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
    if (sqlite3_bind_parameter_index(st, "?1"))
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, "?1"), f->document_id);
    if (sqlite3_bind_parameter_index(st, "?2"))
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, "?2"), f->unit_id);
    if (sqlite3_bind_parameter_index(st, "?3"))
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, "?3"), f->status_mask);
    if (sqlite3_bind_parameter_index(st, "?4"))
        sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, "?4"), f->due_until);
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
    int rc = sqlite3_prepare_v2(db->sq, sql.ptr, -1, &st, NULL);
    r57__buf_free(&sql);
    if (rc != SQLITE_OK)
        return sq_error(db, rc, "explaining the overdue query");
    while (sqlite3_step(st) == SQLITE_ROW) {
        r57__buf_puts(&out, col_text(st, 3));
        r57__buf_puts(&out, "\n");
    }
    sqlite3_finalize(st);
    *plan = r57__buf_detach(&out);
    return *plan ? R57_OK : r57__error_nomem();
}
