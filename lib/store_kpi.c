/*
 * Data elements, their values, indicators and targets: what the KPI
 * engine (kpi.c) reads and writes, and what export reads (interchange.c).
 */
#include "store_internal.h"

int r57__store_element_insert(r57_db *db, const char *code, const char *name, const char *measure,
                              int aggregation)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_ELEMENT_INSERT, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, code);
    r57__sql_bind_text(st, 2, name);
    r57__sql_bind_text(st, 3, measure);
    sqlite3_bind_int(st, 4, aggregation);
    return r57__sql_exec(db, st, "storing a data element");
}

int r57__store_element_find(r57_db *db, const char *code, int64_t *id, int *aggregation)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_ELEMENT_FIND, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (aggregation)
            *aggregation = sqlite3_column_int(st, 1);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "unknown data element '%s'", code);
    } else {
        ret = r57__sql_error(db, rc, "looking up a data element");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_element_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_ELEMENT_ALL);
}

int r57__store_element_cursor_next(r57__cursor *c, r57__element_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = c->st;
    row->code = r57__sql_text(st, 0);
    row->name = r57__sql_text(st, 1);
    row->measure = r57__sql_text(st, 2);
    row->aggregation = sqlite3_column_int(st, 3);
    return R57_OK;
}

int r57__store_value_read(r57_db *db, r57__stmt_id id, const char *what, int64_t element_id,
                          int64_t owner_id, r57_period period, double *value, int *found,
                          char **source)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, id, &st);
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
            *source = r57__sql_text(st, 1) ? r57__strdup(r57__sql_text(st, 1)) : NULL;
            if (r57__sql_text(st, 1) && !*source)
                ret = r57__error_nomem();
        }
    } else if (rc != SQLITE_DONE) {
        ret = r57__sql_error(db, rc, what);
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_value_get(r57_db *db, int64_t element_id, int64_t unit_id, r57_period period,
                         double *value, int *found, char **source)
{
    return r57__store_value_read(db, S_VALUE_GET, "reading a value", element_id, unit_id, period,
                                 value, found, source);
}

int r57__store_value_put(r57_db *db, int64_t element_id, int64_t unit_id, r57_period period,
                         double value, const char *source, const char *reported_by)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_VALUE_PUT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, period);
    sqlite3_bind_int64(st, 3, unit_id);
    sqlite3_bind_double(st, 4, value);
    r57__sql_bind_text(st, 5, source);
    r57__sql_bind_text(st, 6, reported_by);
    return r57__sql_exec(db, st, "storing a value");
}

/*
 * r57__store_values_of reads the values of an element for a period for
 * every unit: the KPI engine's bulk read, millions of rows for a
 * catalogue over a country.  Rather than stepping each row out of the
 * statement and fetching its columns through the API, an aggregate
 * function, r57_values_each(unit_id, value), hands the rows to the
 * caller's function from inside the statement: a sixth less work per row.
 * It is registered on the connection when the connection is opened
 * (r57__store_kpi_attach), with the sink it writes to as its user data
 * (owned by the connection, freed with it); only libr57's own statements
 * call it (SQLITE_DIRECTONLY keeps it out of triggers and views), and
 * outside r57__store_values_of the sink has no function and the rows are
 * dropped.
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

static void values_each_final(sqlite3_context *cx) { sqlite3_result_null(cx); }

int r57__store_kpi_attach(r57_db *db)
{
    values_sink *s = r57__calloc(1, sizeof *s);
    if (!s)
        return r57__error_nomem();
    /* On failure SQLite frees the sink itself (r57__free). */
    int rc = sqlite3_create_function_v2(db->conn->sq, "r57_values_each", 2,
                                        SQLITE_UTF8 | SQLITE_DIRECTONLY, s, NULL, values_each_step,
                                        values_each_final, r57__free);
    if (rc != SQLITE_OK)
        return r57__sql_error(db, rc, "registering r57_values_each");
    db->conn->values_sink = s;
    return R57_OK;
}

int r57__store_values_of(r57_db *db, int64_t element_id, r57_period period,
                         int (*fn)(int64_t, double, void *), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_VALUES_OF, &st), rc;
    if (ret < 0)
        return ret;
    values_sink *s = db->conn->values_sink;
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
        ret = r57__sql_error(db, rc, "reading values");
    s->fn = NULL;
    s->payload = NULL;
    r57__sql_done(st);
    return ret;
}

int r57__store_value_cursor(r57__cursor **out, r57_db *db, int64_t element_id, int64_t unit_id,
                            int include_subunits)
{
    int ret = r57__cursor_open(out, db,
                               unit_id && include_subunits ? S_VALUE_OF_SUBTREE : S_VALUE_ALL);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = (*out)->st;
    sqlite3_bind_int64(st, 1, element_id);
    sqlite3_bind_int64(st, 2, unit_id);
    return R57_OK;
}

int r57__store_value_cursor_next(r57__cursor *c, r57__value_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = c->st;
    row->element = r57__sql_text(st, 0);
    row->unit = r57__sql_text(st, 1);
    row->period = sqlite3_column_int64(st, 2);
    row->value = sqlite3_column_double(st, 3);
    row->source = r57__sql_text(st, 4);
    row->reported_by = r57__sql_text(st, 5);
    return R57_OK;
}

int r57__store_indicator_insert(r57_db *db, const r57__indicator_row *r)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_INDICATOR_INSERT, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, r->code);
    r57__sql_bind_text(st, 2, r->name);
    r57__sql_bind_text(st, 3, r->measure);
    sqlite3_bind_int(st, 4, r->direction);
    r57__sql_bind_text(st, 5, r->formula);
    r57__sql_bind_text(st, 6, r->numerator);
    r57__sql_bind_text(st, 7, r->denominator);
    sqlite3_bind_double(st, 8, r->factor);
    sqlite3_bind_int(st, 9, r->rollup);
    if (r->has_baseline)
        sqlite3_bind_double(st, 10, r->baseline);
    else
        sqlite3_bind_null(st, 10);
    r57__sql_bind_period(st, 11, r->baseline_period); /* R57_PERIOD_NONE: 0 */
    r57__sql_bind_text(st, 12, r->description);
    return r57__sql_exec(db, st, "storing an indicator");
}

static void indicator_row(sqlite3_stmt *st, r57__indicator_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->code = r57__sql_text(st, 1);
    r->name = r57__sql_text(st, 2);
    r->measure = r57__sql_text(st, 3);
    r->direction = sqlite3_column_int(st, 4);
    r->formula = r57__sql_text(st, 5);
    r->numerator = r57__sql_text(st, 6);
    r->denominator = r57__sql_text(st, 7);
    r->factor = sqlite3_column_double(st, 8);
    r->rollup = sqlite3_column_int(st, 9);
    r->has_baseline = sqlite3_column_type(st, 10) != SQLITE_NULL;
    r->baseline = r->has_baseline ? sqlite3_column_double(st, 10) : 0.0;
    r->baseline_period = sqlite3_column_int64(st, 11);
    r->description = r57__sql_text(st, 12);
}

int r57__store_indicator_by_code(r57_db *db, const char *code, r57__indicator_row_fn fn,
                                 void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_INDICATOR_BY_CODE, &st);
    if (ret < 0)
        return ret;
    r57__sql_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r57__indicator_row row;
        indicator_row(st, &row);
        ret = fn(&row, payload);
    } else if (rc == SQLITE_DONE) {
        ret = r57__error(R57_ENOTFOUND, "unknown indicator '%s'", code);
    } else {
        ret = r57__sql_error(db, rc, "reading an indicator");
    }
    r57__sql_done(st);
    return ret;
}

int r57__store_indicator_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_INDICATOR_ALL);
}

int r57__store_indicator_cursor_next(r57__cursor *c, r57__indicator_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret == R57_OK)
        indicator_row(c->st, row);
    return ret;
}

int r57__store_target_insert(r57_db *db, const r57__target_row *r)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TARGET_INSERT, &st);
    if (ret < 0)
        return ret;
    sqlite3_bind_int64(st, 1, r->indicator_id);
    r57__sql_bind_id(st, 2, r->unit_id);
    r57__sql_bind_text(st, 3, r->scope);
    sqlite3_bind_int(st, 4, r->comparison);
    sqlite3_bind_double(st, 5, r->value);
    sqlite3_bind_int64(st, 6, r->period);
    sqlite3_bind_int(st, 7, r->aggregate);
    r57__sql_bind_text(st, 8, r->source);
    r57__sql_bind_id(st, 9, r->group_id);
    sqlite3_bind_int(st, 10, r->binds);
    r57__sql_bind_text(st, 11, r->code);
    return r57__sql_exec(db, st, "storing a target");
}

int r57__store_targets_for(r57_db *db, int64_t indicator_id,
                           int (*fn)(const r57__target_row *, void *), void *payload)
{
    sqlite3_stmt *st = NULL;
    int ret = r57__sql_stmt(db, S_TARGETS_FOR, &st), rc;
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
        r.scope = r57__sql_text(st, 7);
        r.source = r57__sql_text(st, 8);
        r.group_id = sqlite3_column_int64(st, 9);
        r.binds = sqlite3_column_int(st, 10);
        r.code = r57__sql_text(st, 11);
        if ((ret = fn(&r, payload)) != 0)
            break;
    }
    if (ret == R57_OK && rc != SQLITE_DONE)
        ret = r57__sql_error(db, rc, "reading targets");
    r57__sql_done(st);
    return ret;
}

int r57__store_target_cursor(r57__cursor **out, r57_db *db)
{
    return r57__cursor_open(out, db, S_TARGET_ALL);
}

int r57__store_target_cursor_next(r57__cursor *c, r57__target_export_row *row)
{
    int ret = r57__cursor_step(c);
    if (ret < 0)
        return ret;
    sqlite3_stmt *st = c->st;
    row->indicator = r57__sql_text(st, 0);
    row->unit = r57__sql_text(st, 1);
    row->scope = r57__sql_text(st, 2);
    row->source = r57__sql_text(st, 3);
    row->comparison = sqlite3_column_int(st, 4);
    row->aggregate = sqlite3_column_int(st, 5);
    row->value = sqlite3_column_double(st, 6);
    row->period = sqlite3_column_int64(st, 7);
    row->binds = sqlite3_column_int(st, 8);
    return R57_OK;
}
