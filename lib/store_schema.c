/*
 * The schema: its versions, the migrations that bring an older file to the
 * current one, and the checks that refuse a file that is not ours.  The
 * schema has a version (PRAGMA user_version) and a list of forward
 * migrations; files are marked as ours with PRAGMA application_id.  The
 * few statements a migration runs on an old file are written here, with
 * it: they belong to the schema of their version, not to the statement
 * table.
 */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

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

static int pragma_int(r57_db *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->conn->sq, sql, -1, &st, NULL);
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
    int rc = sqlite3_prepare_v2(db->conn->sq,
                                "UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?", -1, &up,
                                NULL);
    ret = rc == SQLITE_OK ? R57_OK : r57__sql_error(db, rc, "chaining the journal");
    while (ret == R57_OK && (ret = r57__store_journal_cursor_next(c, &row)) == R57_OK) {
        r57__journal_hash(hash, prev, &row);
        sqlite3_bind_text(up, 1, prev, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 2, hash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 3, row.seq);
        rc = sqlite3_step(up);
        sqlite3_reset(up);
        if (rc != SQLITE_DONE)
            ret = r57__sql_error(db, rc, "chaining the journal");
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
    sqlite3 *sq = db->conn->sq;
    sqlite3_stmt *sel = NULL, *ins = NULL, *up = NULL;
    int ret = R57_OK, rc;
    rc = sqlite3_prepare_v2(sq, "SELECT id, name FROM unit", -1, &sel, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(sq,
                                "INSERT OR IGNORE INTO unit_names (unit_id, kind, name,"
                                " key, bare) VALUES (?, 0, ?, ?, ?)",
                                -1, &ins, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(sq, "UPDATE unit SET name_key = ? WHERE id = ?", -1, &up, NULL);
    if (rc != SQLITE_OK)
        ret = r57__sql_error(db, rc, "keying unit names");
    while (ret == R57_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
        char *key = NULL, *bare = NULL;
        const char *name = r57__sql_text(sel, 1);
        ret = r57__text_key(&key, name, 0);
        if (ret == R57_OK)
            ret = r57__text_key(&bare, name, R57__TEXT_BARE);
        if (ret == R57_OK) {
            sqlite3_bind_int64(ins, 1, sqlite3_column_int64(sel, 0));
            r57__sql_bind_text(ins, 2, name);
            r57__sql_bind_text(ins, 3, key);
            r57__sql_bind_text(ins, 4, bare);
            if ((rc = sqlite3_step(ins)) != SQLITE_DONE)
                ret = r57__sql_error(db, rc, "keying unit names");
            sqlite3_reset(ins);
            r57__sql_bind_text(up, 1, key);
            sqlite3_bind_int64(up, 2, sqlite3_column_int64(sel, 0));
            if (ret == R57_OK && (rc = sqlite3_step(up)) != SQLITE_DONE)
                ret = r57__sql_error(db, rc, "keying unit names");
            sqlite3_reset(up);
        }
        r57__free(key);
        r57__free(bare);
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "keying unit names");
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_finalize(up);
    return ret;
}

static int migrate(r57_db *db, int from)
{
    char sql[96];
    int ret = r57__sql_run(db, "BEGIN IMMEDIATE", "starting the schema migration");
    if (ret < 0)
        return ret;
    for (int v = from; v < SCHEMA_VERSION && ret == R57_OK; v++) {
        ret = r57__sql_run(db, migrations[v], "migrating the schema");
        if (ret == R57_OK && v == MIGRATION_JOURNAL_CHAIN)
            ret = chain_journal(db);
        if (ret == R57_OK && v == MIGRATION_UNIT_NAMES)
            ret = fill_unit_names(db);
    }
    if (ret == R57_OK) {
        /* PRAGMA takes no bound parameters; the values are our integers. */
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                 R57__APPLICATION_ID, SCHEMA_VERSION);
        ret = r57__sql_run(db, sql, "recording the schema version");
    }
    if (ret == R57_OK)
        ret = r57__sql_run(db, "COMMIT", "committing the schema migration");
    if (ret < 0) {
        int saved = ret;
        char msg[R57__MSG_MAX];
        snprintf(msg, sizeof msg, "%s", r57_error_message(r57_error_last()));
        int sc = r57_error_sqlite_code(r57_error_last());
        sqlite3_exec(db->conn->sq, "ROLLBACK", NULL, NULL, NULL);
        return r57__error_sqlite(saved, sc, "database '%s': %s", db->path, msg);
    }
    return R57_OK;
}

int r57__store_schema_check(r57_db *db)
{
    int app_id = 0, version = 0, objects = 0, rc;

    /* Reading the header of something that is not SQLite fails here. */
    rc = pragma_int(db, "PRAGMA application_id", &app_id);
    if (rc == SQLITE_OK)
        rc = pragma_int(db, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK)
        rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &objects);
    if ((rc & 0xff) == SQLITE_NOTADB)
        return r57__error_sqlite(R57_ENOTDB, rc, "file '%s' is not a libr57 database: %s", db->path,
                                 sqlite3_errstr(rc));
    if (rc != SQLITE_OK)
        return r57__error_sqlite(rc == SQLITE_NOMEM ? R57_ENOMEM : R57_EIO, rc, "database '%s': %s",
                                 db->path, sqlite3_errstr(rc));

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
    return R57_OK;
}
