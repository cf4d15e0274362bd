/*
 * Data elements and their reported values (r57/kpi.h): creating an
 * element, storing and reading a value, iterating over values.
 */
#include "access.h"
#include "kpi_internal.h"

#include <math.h>
#include <string.h>

/* ---- data elements and values --------------------------------------------- */

int r57_element_create(r57_db *db, const char *actor, const char *code, const char *name,
                       const char *measure, r57_aggregation_t aggregation)
{
    int ret;
    if (!db)
        return r57__error(R57_EINVAL, "r57_element_create: db is NULL");
    if ((ret = r57__require("r57_element_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_element_create", "code", code)) < 0 ||
        (ret = r57__require("r57_element_create", "name", name)) < 0 ||
        (ret = r57__kpi_check_code("data element", code)) < 0)
        return ret;
    if (!r57_aggregation_name(aggregation))
        return r57__error(R57_EINVAL, "data element '%s': %d is not an aggregation", code,
                          aggregation);
    if ((ret = r57__store_write_begin(db, "r57_element_create")) < 0)
        return ret;
    int64_t id;
    ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, 0, "create data element '%s'", code);
    if (ret == R57_OK)
        ret = r57__store_element_find(db, code, &id, NULL);
    if (ret == R57_OK)
        ret = r57__error(R57_EEXISTS, "data element '%s' exists already", code);
    else if (ret == R57_ENOTFOUND)
        ret = r57__store_element_insert(db, code, name, measure, aggregation);
    if (ret == R57_OK) {
        r57__buf j = R57__BUF_INIT;
        r57__buf_puts(&j, "{\"code\":");
        r57__buf_json_string(&j, code);
        r57__buf_puts(&j, ",\"name\":");
        r57__buf_json_string(&j, name);
        r57__buf_puts(&j, ",\"measure\":");
        r57__buf_json_string(&j, measure);
        r57__buf_printf(&j, ",\"aggregation\":\"%s\"}", r57_aggregation_name(aggregation));
        ret = j.failed ? r57__error_nomem()
                       : r57__store_journal(db, actor, "element", code, "create", NULL, j.ptr);
        r57__buf_free(&j);
    }
    return r57__store_write_end(db, ret);
}

static int element_id(r57_db *db, const char *code, int64_t *id)
{
    return r57__store_element_find(db, code, id, NULL);
}
/* A value as the journal records it. */
static void value_json(r57__buf *b, double value, const char *source)
{
    r57__buf_puts(b, "{\"value\":");
    r57__kpi_json_number(b, value);
    r57__buf_puts(b, ",\"source\":");
    r57__buf_json_string(b, source);
    r57__buf_puts(b, "}");
}

int r57_value_set(r57_db *db, const char *actor, const char *element, const char *unit,
                  const char *period, double value, const char *source)
{
    return r57__value_set_as(db, actor, actor, element, unit, period, value, source);
}

int r57__value_set_as(r57_db *db, const char *actor, const char *reported_by, const char *element,
                      const char *unit, const char *period, double value, const char *source)
{
    int ret;
    int64_t p, eid, uid;
    if (!db)
        return r57__error(R57_EINVAL, "r57_value_set: db is NULL");
    if ((ret = r57__require("r57_value_set", "actor", actor)) < 0 ||
        (ret = r57__require("r57_value_set", "element", element)) < 0 ||
        (ret = r57__require("r57_value_set", "unit", unit)) < 0 ||
        (ret = r57__require("r57_value_set", "period", period)) < 0)
        return ret;
    if (!isfinite(value))
        return r57__error(R57_EINVAL, "value of '%s' for '%s' in %s is not a finite number",
                          element, unit, period);
    if ((ret = r57__kpi_period_arg(&p, period, 0)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, "r57_value_set")) < 0)
        return ret;
    double old = 0;
    int found = 0;
    char *old_source = NULL;
    int64_t gid = 0;
    if ((ret = element_id(db, element, &eid)) == R57_OK &&
        (ret = r57__kpi_scope_id(db, unit, &uid, &gid)) == R57_OK) {
        /* A group's figure: by a reporter of the whole system. */
        ret = r57__access_fmt(db, actor, R57_ROLE_REPORTER, uid, "report '%s' for %s '%s'", element,
                              gid ? "unit group" : "unit", unit);
    }
    if (ret == R57_OK)
        ret = gid ? r57__store_group_value_get(db, eid, gid, p, &old, &found, &old_source)
                  : r57__store_value_get(db, eid, uid, p, &old, &found, &old_source);
    if (ret == R57_OK)
        ret = gid ? r57__store_group_value_put(db, eid, gid, p, value, source,
                                               reported_by && *reported_by ? reported_by : actor)
                  : r57__store_value_put(db, eid, uid, p, value, source,
                                         reported_by && *reported_by ? reported_by : actor);
    if (ret == R57_OK) {
        char pt[R57_PERIOD_TEXT_SIZE];
        r57_period_format(pt, sizeof pt, p);
        r57__buf key = R57__BUF_INIT, o = R57__BUF_INIT, n = R57__BUF_INIT;
        r57__buf_printf(&key, "%s@%s#%s", element, unit, pt);
        if (found)
            value_json(&o, old, old_source);
        value_json(&n, value, source);
        ret = key.failed || o.failed || n.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "value", key.ptr, found ? "replace" : "create",
                                       found ? o.ptr : NULL, n.ptr);
        r57__buf_free(&key);
        r57__buf_free(&o);
        r57__buf_free(&n);
    }
    r57__free(old_source);
    return r57__store_write_end(db, ret);
}

int r57_value_get(double *out, r57_db *db, const char *element, const char *unit,
                  const char *period)
{
    int ret, found = 0;
    int64_t p, eid, uid, gid;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_value_get: out or db is NULL");
    if ((ret = r57__require("r57_value_get", "element", element)) < 0 ||
        (ret = r57__require("r57_value_get", "unit", unit)) < 0 ||
        (ret = r57__require("r57_value_get", "period", period)) < 0 ||
        (ret = r57__kpi_period_arg(&p, period, 0)) < 0 ||
        (ret = element_id(db, element, &eid)) < 0 ||
        (ret = r57__kpi_scope_id(db, unit, &uid, &gid)) < 0 ||
        (ret = gid ? r57__store_group_value_get(db, eid, gid, p, out, &found, NULL)
                   : r57__store_value_get(db, eid, uid, p, out, &found, NULL)) < 0)
        return ret;
    if (!found)
        return r57__error(R57_ENOTFOUND, "no value of '%s' for '%s' in %s", element, unit, period);
    return R57_OK;
}

struct r57_value {
    char *element, *unit, *source, *reported_by;
    r57_period period;
    double value;
};

struct r57_value_iterator {
    r57__cursor *cursor;
    int64_t span; /* keep periods within this one (0: all) */
};

int r57_value_query_init(r57_value_query *q, unsigned int version)
{
    if (!q)
        return r57__error(R57_EINVAL, "r57_value_query_init: query is NULL");
    if (version != R57_VALUE_QUERY_VERSION)
        return r57__error(R57_EINVAL, "r57_value_query_init: unknown version %u", version);
    *q = (r57_value_query)R57_VALUE_QUERY_INIT;
    return R57_OK;
}

int r57_value_iterator_new(r57_value_iterator **out, r57_db *db, const r57_value_query *q)
{
    int64_t eid = 0, uid = 0, span = 0;
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_value_iterator_new: out or db is NULL");
    *out = NULL;
    if (q && q->version != R57_VALUE_QUERY_VERSION)
        return r57__error(R57_EINVAL, "r57_value_iterator_new: unknown query version %u",
                          q->version);
    if (q && q->element && *q->element && (ret = element_id(db, q->element, &eid)) < 0)
        return ret;
    if (q && q->unit && *q->unit && (ret = r57__kpi_unit_id(db, q->unit, &uid)) < 0)
        return ret;
    if (q && q->period && *q->period && (ret = r57__kpi_period_arg(&span, q->period, 1)) < 0)
        return ret;
    r57_value_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    it->span = span;
    if ((ret = r57__store_value_cursor(&it->cursor, db, eid, uid, q ? q->include_subunits : 0)) <
        0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

void r57_value_free(r57_value *v)
{
    if (!v)
        return;
    r57__free(v->element);
    r57__free(v->unit);
    r57__free(v->source);
    r57__free(v->reported_by);
    r57__free(v);
}

int r57_value_next(r57_value **out, r57_value_iterator *it)
{
    r57__value_row row;
    int ret;
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_value_next: out or it is NULL");
    *out = NULL;
    do {
        if ((ret = r57__store_value_cursor_next(it->cursor, &row)) < 0)
            return ret;
    } while (it->span && !r57_period_contains(it->span, row.period));
    r57_value *v = r57__calloc(1, sizeof *v);
    if (!v)
        return r57__error_nomem();
    v->element = r57__strdup(row.element);
    v->unit = r57__strdup(row.unit);
    v->source = r57__strdup(row.source ? row.source : "");
    v->reported_by = r57__strdup(row.reported_by ? row.reported_by : "");
    v->period = row.period;
    v->value = row.value;
    if (!v->element || !v->unit || !v->source || !v->reported_by) {
        r57_value_free(v);
        return r57__error_nomem();
    }
    *out = v;
    return R57_OK;
}

void r57_value_iterator_free(r57_value_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

const char *r57_value_element(const r57_value *v) { return v ? v->element : NULL; }
const char *r57_value_unit(const r57_value *v) { return v ? v->unit : NULL; }
r57_period r57_value_period(const r57_value *v) { return v ? v->period : 0; }
double r57_value_number(const r57_value *v) { return v ? v->value : NAN; }
const char *r57_value_source(const r57_value *v) { return v ? v->source : NULL; }
const char *r57_value_reported_by(const r57_value *v) { return v ? v->reported_by : NULL; }
