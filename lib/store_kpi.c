/*
 * Storage of data elements, values, indicators and targets: part of the
 * storage module (see store.h), the only place besides store.c with SQL.
 */
#include "store.h"

#include <math.h>
#include <string.h>

enum {
    K_ELEMENT_INSERT, K_ELEMENT_FIND, K_VALUE_GET, K_VALUE_PUT, K_VALUES_OF,
    K_INDICATOR_INSERT, K_INDICATOR_BY_CODE, K_TARGET_INSERT, K_TARGETS_FOR, K_UNIT_TREE,
    K_GROUP_INSERT, K_GROUP_UPDATE, K_GROUP_BY_CODE, K_GROUP_BY_KEY, K_GROUP_BY_BARE,
    K_GROUP_NAME_INSERT, K_GROUP_NAMES, K_GROUP_MEMBER_INSERT, K_GROUP_MEMBERS, K_GROUP_ALL,
    K_GROUP_MEMBERS_ALL, K_GROUP_VALUE_PUT, K_GROUP_VALUE_GET, K_GROUP_VALUES_OF,
    K__COUNT
};

#define INDICATOR_COLUMNS                                                                  \
    "id, code, name, measure, direction, formula, numerator, denominator, factor, rollup," \
    " baseline, baseline_period, description"

static const char *const sql[K__COUNT] = {
    [K_ELEMENT_INSERT] =
        "INSERT INTO element (code, name, measure, aggregation) VALUES (?, ?, ?, ?)",
    [K_ELEMENT_FIND] = "SELECT id, aggregation FROM element WHERE code = ?",
    [K_VALUE_GET] =
        "SELECT value, source FROM value WHERE element_id = ? AND period = ? AND unit_id = ?",
    [K_VALUE_PUT] =
        "INSERT OR REPLACE INTO value (element_id, period, unit_id, value, source, reported_by)"
        " VALUES (?, ?, ?, ?, ?, ?)",
    [K_VALUES_OF] = "SELECT r57_values_each(unit_id, value) FROM value"
                    " WHERE element_id = ? AND period = ?",
    [K_INDICATOR_INSERT] =
        "INSERT INTO indicator (code, name, measure, direction, formula, numerator,"
        " denominator, factor, rollup, baseline, baseline_period, description)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [K_INDICATOR_BY_CODE] = "SELECT " INDICATOR_COLUMNS " FROM indicator WHERE code = ?",
    [K_TARGET_INSERT] =
        "INSERT INTO target (indicator_id, unit_id, scope, comparison, value, period,"
        " aggregate, source, group_id, binds, bound_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    /* Every target of the indicator: which bind a unit or group is for
     * kpi.c to say (sub-units and members are in its tree). */
    [K_TARGETS_FOR] =
        "SELECT id, indicator_id, unit_id, comparison, aggregate, value, period, scope, source,"
        " group_id, binds, bound_code FROM target WHERE indicator_id = ? ORDER BY id",
    [K_UNIT_TREE] = "SELECT id, parent_id, code FROM unit ORDER BY id",
    [K_GROUP_INSERT] = "INSERT INTO unit_group (code, name) VALUES (?, ?)",
    [K_GROUP_UPDATE] = "UPDATE unit_group SET name = ? WHERE id = ?",
    [K_GROUP_BY_CODE] = "SELECT id, code, name FROM unit_group WHERE code = ?",
    [K_GROUP_BY_KEY] = "SELECT DISTINCT g.id, g.code, g.name FROM unit_group g"
                       " JOIN unit_group_names n ON n.group_id = g.id WHERE n.key = ?"
                       " ORDER BY g.code",
    [K_GROUP_BY_BARE] = "SELECT DISTINCT g.id, g.code, g.name FROM unit_group g"
                        " JOIN unit_group_names n ON n.group_id = g.id WHERE n.bare = ?"
                        " ORDER BY g.code",
    [K_GROUP_NAME_INSERT] = "INSERT OR IGNORE INTO unit_group_names (group_id, kind, name, key,"
                            " bare) VALUES (?, ?, ?, ?, ?)",
    [K_GROUP_NAMES] = "SELECT kind, name FROM unit_group_names WHERE group_id = ?"
                      " ORDER BY kind, key, name",
    [K_GROUP_MEMBER_INSERT] = "INSERT OR IGNORE INTO unit_group_member (group_id, unit_id)"
                              " VALUES (?, ?)",
    [K_GROUP_MEMBERS] = "SELECT u.id, u.code FROM unit_group_member m JOIN unit u"
                        " ON u.id = m.unit_id WHERE m.group_id = ? ORDER BY u.code",
    [K_GROUP_ALL] = "SELECT id, code, name FROM unit_group ORDER BY code",
    [K_GROUP_MEMBERS_ALL] = "SELECT group_id, unit_id FROM unit_group_member"
                            " ORDER BY group_id, unit_id",
    [K_GROUP_VALUE_PUT] =
        "INSERT OR REPLACE INTO group_value (element_id, period, group_id, value, source,"
        " reported_by) VALUES (?, ?, ?, ?, ?, ?)",
    [K_GROUP_VALUE_GET] = "SELECT value, source FROM group_value WHERE element_id = ? AND"
                          " period = ? AND group_id = ?",
    [K_GROUP_VALUES_OF] = "SELECT group_id, value FROM group_value WHERE element_id = ?"
                          " AND period = ?",
};

static int get(r57_db *db, int k, sqlite3_stmt **out)
{
    if (!db->kpi_stmts) {
        db->kpi_stmts = r57__calloc(K__COUNT, sizeof *db->kpi_stmts);
        if (!db->kpi_stmts)
            return r57__error_nomem();
    }
    return r57__store_prepare(db, db->kpi_stmts, k, sql[k], out);
}

void r57__store_kpi_close(r57_db *db)
{
    if (!db || !db->kpi_stmts)
        return;
    for (int i = 0; i < K__COUNT; i++)
        sqlite3_finalize(db->kpi_stmts[i]);
    r57__free(db->kpi_stmts);
    db->kpi_stmts = NULL;
}

static void text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Steps a statement that returns no rows and resets it. */
static int run(r57_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    int ret = rc == SQLITE_DONE ? R57_OK : r57__store_sqerr(db, rc, what);
    r57__store_reset(st);
    return ret;
}

int r57__store_element_insert(r57_db *db, const char *code, const char *name,
                              const char *measure, int aggregation)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_ELEMENT_INSERT, &st);
    if (ret < 0)
        return ret;
    text(st, 1, code);
    text(st, 2, name);
    text(st, 3, measure);
    sqlite3_bind_int(st, 4, aggregation);
    return run(db, st, "storing a data element");
}

int r57__store_element_find(r57_db *db, const char *code, int64_t *id, int *aggregation)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_ELEMENT_FIND, &st);
    if (ret < 0)
        return ret;
    text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (aggregation)
            *aggregation = sqlite3_column_int(st, 1);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "unknown data element '%s'", code);
    } else {
        ret = r57__store_sqerr(db, rc, "looking up a data element");
    }
    r57__store_reset(st);
    return ret;
}

/* One stored value (a unit's or a group's: the statement says which). */
static int value_read(r57_db *db, int stmt, const char *what, int64_t element_id, int64_t owner_id,
                      int64_t period, double *value, int *found, char **source)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, stmt, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    sqlite3_bind_int64(st, 3, owner_id);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        *value = sqlite3_column_double(st, 0);
        if (source) {
            *source = col(st, 1) ? r57__strdup(col(st, 1)) : NULL;
            if (col(st, 1) && !*source)
                ret = r57__error_nomem();
        }
    } else if (rc != SQLITE_DONE) {
        ret = r57__store_sqerr(db, rc, what);
    }
    r57__store_reset(st);
    return ret;
}

int r57__store_value_get(r57_db *db, int64_t element_id, int64_t unit_id, int64_t period,
                         double *value, int *found, char **source)
{
    return value_read(db, K_VALUE_GET, "reading a value", element_id, unit_id, period, value,
                      found, source);
}

int r57__store_value_put(r57_db *db, int64_t element_id, int64_t unit_id, int64_t period,
                         double value, const char *source, const char *reported_by)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_VALUE_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    sqlite3_bind_int64(st, 3, unit_id);
    sqlite3_bind_double(st, 4, value);
    text(st, 5, source);
    text(st, 6, reported_by);
    return run(db, st, "storing a value");
}

/*
 * r57__store_values_of reads the values of an element for a period for
 * every unit: the KPI engine's bulk read, millions of rows for a
 * catalogue over a country.  Rather than stepping each row out of the
 * statement and fetching its columns through the API, an aggregate
 * function, r57_values_each(unit_id, value), hands the rows to the
 * caller's function from inside the statement: a sixth less work per row.
 * It is registered on the connection when the statement is first needed,
 * with the sink it writes to as its user data (owned by the connection,
 * freed with it); only libr57's own statements call it (SQLITE_DIRECTONLY
 * keeps it out of triggers and views), and outside r57__store_values_of
 * the sink has no function and the rows are dropped.
 */
typedef struct values_sink {
    int (*fn)(int64_t, double, void *);
    void *payload;
    int ret; /* the function's first non-zero return */
} values_sink;

static void values_each_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    values_sink *s = sqlite3_user_data(cx);
    (void)argc;
    if (!s->fn || s->ret != 0)
        return;
    s->ret = s->fn(sqlite3_value_int64(argv[0]), sqlite3_value_double(argv[1]), s->payload);
    if (s->ret != 0)
        sqlite3_result_error(cx, "stopped by the caller", -1); /* ends the statement */
}

static void values_each_final(sqlite3_context *cx)
{
    sqlite3_result_null(cx);
}

int r57__store_values_of(r57_db *db, int64_t element_id, int64_t period,
                         int (*fn)(int64_t, double, void *), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = R57_OK, rc;
    if (!db->kpi_stmts || !db->kpi_stmts[K_VALUES_OF]) {
        values_sink *s = r57__calloc(1, sizeof *s);
        if (!s)
            return r57__error_nomem();
        /* On failure SQLite frees the sink itself (r57__free). */
        rc = sqlite3_create_function_v2(r57__store_sq(db), "r57_values_each", 2,
                                        SQLITE_UTF8 | SQLITE_DIRECTONLY, s, NULL,
                                        values_each_step, values_each_final, r57__free);
        if (rc != SQLITE_OK)
            return r57__store_sqerr(db, rc, "registering r57_values_each");
        db->kpi_sink = s;
    }
    if ((ret = get(db, K_VALUES_OF, &st)) < 0)
        return ret;
    values_sink *s = db->kpi_sink;
    s->fn = fn;
    s->payload = payload;
    s->ret = R57_OK;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (s->ret != 0)
        ret = s->ret;
    else if (rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading values");
    s->fn = NULL;
    s->payload = NULL;
    r57__store_reset(st);
    return ret;
}

int r57__store_value_cursor(r57__cursor **out, r57_db *db, int64_t element_id, int64_t unit_id,
                            int include_subunits)
{
    /* Constant SQL per filter combination; values are bound. */
    static const char *const queries[2] = {
        "SELECT e.code, u.code, v.period, v.value, v.source, v.reported_by"
          " FROM value v JOIN element e ON e.id = v.element_id JOIN unit u ON u.id = v.unit_id"
          " WHERE (?1 = 0 OR v.element_id = ?1) AND (?2 = 0 OR v.unit_id = ?2)"
          " ORDER BY e.code, v.period, u.code",
        "WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL"
          " SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)"
          " SELECT e.code, u.code, v.period, v.value, v.source, v.reported_by"
          " FROM value v JOIN element e ON e.id = v.element_id JOIN unit u ON u.id = v.unit_id"
          " WHERE (?1 = 0 OR v.element_id = ?1) AND v.unit_id IN (SELECT id FROM sub)"
          " ORDER BY e.code, v.period, u.code",
    };
    int ret = r57__cursor_new(out, db, queries[unit_id && include_subunits ? 1 : 0]);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = r57__cursor_stmt(*out);
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, unit_id);
    return R57_OK;
}

int r57__store_value_cursor_next(r57__cursor *c, r57__value_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = r57__cursor_stmt(c);
    row->element = col(st, 0);
    row->unit = col(st, 1);
    row->period = sqlite3_column_int64(st, 2);
    row->value = sqlite3_column_double(st, 3);
    row->source = col(st, 4);
    row->reported_by = col(st, 5);
    return R57_OK;
}

int r57__store_indicator_insert(r57_db *db, const r57__indicator_row *r)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_INDICATOR_INSERT, &st);
    if (ret < 0)
        return ret;
    text(st, 1, r->code);
    text(st, 2, r->name);
    text(st, 3, r->measure);
    sqlite3_bind_int(st, 4, r->direction);
    text(st, 5, r->formula);
    text(st, 6, r->numerator);
    text(st, 7, r->denominator);
    sqlite3_bind_double(st, 8, r->factor);
    sqlite3_bind_int(st, 9, r->rollup);
    if (r->has_baseline)
        sqlite3_bind_double(st, 10, r->baseline);
    else
        sqlite3_bind_null(st, 10);
    if (r->baseline_period)
        sqlite3_bind_int64(st, 11, r->baseline_period);
    else
        sqlite3_bind_null(st, 11);
    text(st, 12, r->description);
    return run(db, st, "storing an indicator");
}

static void indicator_row(sqlite3_stmt *st, r57__indicator_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->code = col(st, 1);
    r->name = col(st, 2);
    r->measure = col(st, 3);
    r->direction = sqlite3_column_int(st, 4);
    r->formula = col(st, 5);
    r->numerator = col(st, 6);
    r->denominator = col(st, 7);
    r->factor = sqlite3_column_double(st, 8);
    r->rollup = sqlite3_column_int(st, 9);
    r->has_baseline = sqlite3_column_type(st, 10) != SQLITE_NULL;
    r->baseline = r->has_baseline ? sqlite3_column_double(st, 10) : 0.0;
    r->baseline_period = sqlite3_column_int64(st, 11);
    r->description = col(st, 12);
}

int r57__store_indicator_by_code(r57_db *db, const char *code, r57__indicator_row_fn fn,
                                 void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_INDICATOR_BY_CODE, &st);
    if (ret < 0)
        return ret;
    text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__indicator_row row;
        indicator_row(st, &row);
        ret = fn(&row, payload);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "unknown indicator '%s'", code);
    } else {
        ret = r57__store_sqerr(db, rc, "reading an indicator");
    }
    r57__store_reset(st);
    return ret;
}

int r57__store_indicator_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db, "SELECT " INDICATOR_COLUMNS " FROM indicator ORDER BY code");
}

int r57__store_indicator_cursor_next(r57__cursor *c, r57__indicator_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        indicator_row(r57__cursor_stmt(c), row);
    return ret;
}

int r57__store_target_insert(r57_db *db, const r57__target_row *r)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_TARGET_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, r->indicator_id);
    if (r->unit_id)
        sqlite3_bind_int64(st, 2, r->unit_id);
    else
        sqlite3_bind_null(st, 2);
    text(st, 3, r->scope);
    sqlite3_bind_int(st, 4, r->comparison);
    sqlite3_bind_double(st, 5, r->value);
    sqlite3_bind_int64(st, 6, r->period);
    sqlite3_bind_int(st, 7, r->aggregate);
    text(st, 8, r->source);
    if (r->group_id)
        sqlite3_bind_int64(st, 9, r->group_id);
    else
        sqlite3_bind_null(st, 9);
    sqlite3_bind_int(st, 10, r->binds);
    text(st, 11, r->code);
    return run(db, st, "storing a target");
}

int r57__store_targets_for(r57_db *db, int64_t indicator_id,
                           int (*fn)(const r57__target_row *, void *), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_TARGETS_FOR, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, indicator_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r57__target_row r;
        r.id = sqlite3_column_int64(st, 0);
        r.indicator_id = sqlite3_column_int64(st, 1);
        r.unit_id = sqlite3_column_int64(st, 2);
        r.comparison = sqlite3_column_int(st, 3);
        r.aggregate = sqlite3_column_int(st, 4);
        r.value = sqlite3_column_double(st, 5);
        r.period = sqlite3_column_int64(st, 6);
        r.scope = col(st, 7);
        r.source = col(st, 8);
        r.group_id = sqlite3_column_int64(st, 9);
        r.binds = sqlite3_column_int(st, 10);
        r.code = col(st, 11);
        if ((ret = fn(&r, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading targets");
    r57__store_reset(st);
    return ret;
}

int r57__store_unit_tree(r57_db *db, int (*fn)(int64_t, int64_t, const char *, void *),
                         void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_UNIT_TREE, &st), rc;
    if (ret < 0)
        return ret;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col(st, 2),
                      payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading the unit tree");
    r57__store_reset(st);
    return ret;
}

/* ---- unit groups ----------------------------------------------------------- */

static int group_rows(r57_db *db, int k, const char *arg, r57__group_row_fn fn, void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, k, &st), rc, n = 0;
    if (ret < 0)
        return ret;
    text(st, 1, arg);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r57__group_row r = { sqlite3_column_int64(st, 0), col(st, 1), col(st, 2) };
        n++;
        if ((ret = fn(&r, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading unit groups");
    else if (ret == R57_OK && n == 0 && k != K_GROUP_ALL)
        ret = r57__error(R57_ENOTFOUND, "no such unit group");
    r57__store_reset(st);
    return ret;
}

int r57__store_group_by_code(r57_db *db, const char *code, r57__group_row_fn fn, void *payload)
{
    return group_rows(db, K_GROUP_BY_CODE, code, fn, payload);
}

int r57__store_group_by_name(r57_db *db, const char *name, int bare, r57__group_row_fn fn,
                             void *payload)
{
    char *key;
    int ret = r57__text_key(&key, name, bare ? R57__TEXT_BARE : 0);
    if (ret < 0)
        return ret;
    ret = group_rows(db, bare ? K_GROUP_BY_BARE : K_GROUP_BY_KEY, key, fn, payload);
    r57__free(key);
    return ret;
}

int r57__store_group_all(r57_db *db, r57__group_row_fn fn, void *payload)
{
    return group_rows(db, K_GROUP_ALL, NULL, fn, payload);
}

static int group_id_row(const r57__group_row *row, void *payload)
{
    *(int64_t *)payload = row->id;
    return R57_OK;
}

int r57__store_group_id(r57_db *db, const char *code, int64_t *id)
{
    *id = 0;
    return r57__store_group_by_code(db, code, group_id_row, id);
}

int r57__store_group_insert(r57_db *db, const char *code, const char *name, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_INSERT, &st);
    if (ret < 0)
        return ret;
    text(st, 1, code);
    text(st, 2, name);
    ret = run(db, st, "storing a unit group");
    if (ret == R57_OK)
        *id = sqlite3_last_insert_rowid(r57__store_sq(db));
    return ret;
}

int r57__store_group_update(r57_db *db, int64_t id, const char *name)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_UPDATE, &st);
    if (ret < 0)
        return ret;
    text(st, 1, name);
    sqlite3_bind_int64(st, 2, id);
    return run(db, st, "renaming a unit group");
}

int r57__store_group_name_add(r57_db *db, int64_t id, int kind, const char *name, int *added)
{
    sqlite3_stmt *st = NULL;
    char *key = NULL, *bare = NULL;
    int ret = get(db, K_GROUP_NAME_INSERT, &st);
    if (ret == R57_OK)
        ret = r57__text_key(&key, name, 0);
    if (ret == R57_OK)
        ret = r57__text_key(&bare, name, R57__TEXT_BARE);
    if (ret == R57_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, kind);
        text(st, 3, name);
        text(st, 4, key);
        text(st, 5, bare);
        ret = run(db, st, "storing a unit group's name");
        *added = ret == R57_OK && sqlite3_changes(r57__store_sq(db)) > 0;
    }
    r57__free(key);
    r57__free(bare);
    return ret;
}

int r57__store_group_names(r57_db *db, int64_t id,
                           int (*fn)(int kind, const char *name, void *payload), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_NAMES, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int(st, 0), col(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading a unit group's names");
    r57__store_reset(st);
    return ret;
}

int r57__store_group_member_add(r57_db *db, int64_t id, int64_t unit_id, int *added)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_MEMBER_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, unit_id);
    ret = run(db, st, "storing a unit group's member");
    *added = ret == R57_OK && sqlite3_changes(r57__store_sq(db)) > 0;
    return ret;
}

int r57__store_group_members(r57_db *db, int64_t id,
                             int (*fn)(int64_t unit_id, const char *code, void *payload),
                             void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_MEMBERS, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), col(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading a unit group's members");
    r57__store_reset(st);
    return ret;
}

int r57__store_group_members_all(r57_db *db,
                                 int (*fn)(int64_t group_id, int64_t unit_id, void *payload),
                                 void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_MEMBERS_ALL, &st), rc;
    if (ret < 0)
        return ret;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading unit group members");
    r57__store_reset(st);
    return ret;
}

int r57__store_group_value_put(r57_db *db, int64_t element_id, int64_t group_id, int64_t period,
                               double value, const char *source, const char *reported_by)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_VALUE_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    sqlite3_bind_int64(st, 3, group_id);
    sqlite3_bind_double(st, 4, value);
    text(st, 5, source);
    text(st, 6, reported_by);
    return run(db, st, "storing a unit group's value");
}

int r57__store_group_value_get(r57_db *db, int64_t element_id, int64_t group_id, int64_t period,
                               double *value, int *found, char **source)
{
    return value_read(db, K_GROUP_VALUE_GET, "reading a unit group's value", element_id, group_id,
                      period, value, found, source);
}

int r57__store_group_values_of(r57_db *db, int64_t element_id, int64_t period,
                               int (*fn)(int64_t group_id, double value, void *payload),
                               void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = get(db, K_GROUP_VALUES_OF, &st), rc;
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((ret = fn(sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1), payload)) != 0)
            break;
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__store_sqerr(db, rc, "reading unit groups' values");
    r57__store_reset(st);
    return ret;
}

int r57__store_group_value_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_new(out, db,
                           "SELECT e.code, g.code, v.period, v.value, v.source, v.reported_by"
                           " FROM group_value v JOIN element e ON e.id = v.element_id"
                           " JOIN unit_group g ON g.id = v.group_id"
                           " ORDER BY e.code, v.period, g.code");
}
