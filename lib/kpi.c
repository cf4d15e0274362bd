/*
 * The KPI engine: data elements, values, indicators, evaluation with
 * roll-up, targets and attainment.  Storage is in store_kpi.c; the formula
 * language in formula.c.
 *
 * Evaluation reads values through a per-handle cache: for each (element,
 * period) it reads every unit's value once and rolls it up for every unit
 * at once, bottom-up, so evaluating every unit of a tree costs one pass
 * over the values rather than one query per unit and sub-unit.  Any write
 * through the handle drops the cache (store.c, r57__store_write_begin).
 * A table of every unit and period (r57_kpi_table_eval) reads an indicator
 * that is an element, or a ratio of two, straight from that cache, and
 * other indicators through the formula engine.
 */
#include "store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names -------------------------------------------------------------- */

static int parse_name(int *out, const char *name, const char *const *names, int n,
                      const char *what, const char *list)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "%s: NULL argument", what);
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL, "%s '%s' is not one of %s", what, name, list);
}

static const char *const agg_names[] = { "sum", "mean", "inherit" };
static const char *const dir_names[] = { "higher", "lower" };
static const char *const rollup_names[] = { "own", "subunits", "both" };
static const char *const cmp_names[] = { ">=", ">", "=", "<=", "<" };
static const char *const status_names[] = { "met", "not_met", "no_data", "no_target" };

const char *r57_aggregation_name(int a) { return a >= 0 && a < 3 ? agg_names[a] : NULL; }
const char *r57_direction_name(int d) { return d >= 0 && d < 2 ? dir_names[d] : NULL; }
const char *r57_rollup_name(int r) { return r >= 0 && r < 3 ? rollup_names[r] : NULL; }
const char *r57_comparison_name(int c) { return c >= 0 && c < 5 ? cmp_names[c] : NULL; }
const char *r57_attainment_status_name(int s) { return s >= 0 && s < 4 ? status_names[s] : NULL; }

int r57_aggregation_parse(int *out, const char *name)
{
    return parse_name(out, name, agg_names, 3, "aggregation", "sum, mean, inherit");
}

int r57_direction_parse(int *out, const char *name)
{
    return parse_name(out, name, dir_names, 2, "direction", "higher, lower");
}

int r57_rollup_parse(int *out, const char *name)
{
    return parse_name(out, name, rollup_names, 3, "roll-up", "own, subunits, both");
}

int r57_comparison_parse(int *out, const char *text)
{
    static const struct {
        const char *text;
        int cmp;
    } forms[] = { { ">=", R57_CMP_GE }, { "\xe2\x89\xa5", R57_CMP_GE }, { ">", R57_CMP_GT },
                  { "=", R57_CMP_EQ },  { "==", R57_CMP_EQ },           { "<=", R57_CMP_LE },
                  { "\xe2\x89\xa4", R57_CMP_LE }, { "<", R57_CMP_LT } };
    if (!out || !text)
        return r57__error(R57_EINVAL, "r57_comparison_parse: NULL argument");
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(forms[i].text, text) == 0) {
            *out = forms[i].cmp;
            return R57_OK;
        }
    return r57__error(R57_EINVAL, "comparison '%s' is not one of >=, >, =, <=, <", text);
}

/* Codes of elements and indicators: letters, digits and '_'. */
static int check_code(const char *what, const char *code)
{
    for (const char *p = code; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return r57__error(R57_EINVAL, "%s code '%s' may hold only letters, digits and '_'",
                              what, code);
    return R57_OK;
}

/* Parses a period argument, naming the argument in the message. */
static int period_arg(int64_t *out, const char *text, int allow_range)
{
    int ret = r57_period_parse(out, text);
    if (ret < 0)
        return ret;
    if (!allow_range && r57_period_kind(*out) == R57_PERIOD_RANGE)
        return r57__error(R57_EINVAL, "period '%s' is a range; give a year, half-year, quarter or "
                          "month", text);
    return R57_OK;
}

static int unit_id(r57_db *db, const char *code, int64_t *id)
{
    int ret = r57__store_unit_id(db, code, id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", code);
    return ret;
}

/* A unit's id into *uid, or else a unit group's into *gid (the other 0):
 * where a unit code is taken, a group code is too (r57/group.h). */
static int scope_id(r57_db *db, const char *code, int64_t *uid, int64_t *gid)
{
    *uid = *gid = 0;
    int ret = r57__store_unit_id(db, code, uid);
    if (ret == R57_ENOTFOUND)
        ret = r57__store_group_id(db, code, gid);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", code);
    return ret;
}

/* ---- data elements and values --------------------------------------------- */

int r57_element_create(r57_db *db, const char *actor, const char *code, const char *name,
                       const char *measure, int aggregation)
{
    int ret;
    if (!db)
        return r57__error(R57_EINVAL, "r57_element_create: db is NULL");
    if ((ret = r57__require("r57_element_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_element_create", "code", code)) < 0 ||
        (ret = r57__require("r57_element_create", "name", name)) < 0 ||
        (ret = check_code("data element", code)) < 0)
        return ret;
    if (!r57_aggregation_name(aggregation))
        return r57__error(R57_EINVAL, "data element '%s': %d is not an aggregation", code,
                          aggregation);
    if ((ret = r57__store_write_begin(db, "r57_element_create")) < 0)
        return ret;
    int64_t id;
    char what[300];
    snprintf(what, sizeof what, "create data element '%s'", code);
    ret = r57__access(db, actor, R57_ROLE_ADMINISTRATOR, 0, what);
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
        r57__buf_printf(&j, ",\"aggregation\":\"%s\"}", agg_names[aggregation]);
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

static void json_number(r57__buf *b, double v)
{
    r57__buf_printf(b, "%.17g", v);
}

int r57_value_set(r57_db *db, const char *actor, const char *element, const char *unit,
                  const char *period, double value, const char *source)
{
    return r57__value_set_as(db, actor, actor, element, unit, period, value, source);
}

int r57__value_set_as(r57_db *db, const char *actor, const char *reported_by,
                      const char *element, const char *unit, const char *period, double value,
                      const char *source)
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
    if ((ret = period_arg(&p, period, 0)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, "r57_value_set")) < 0)
        return ret;
    double old = 0;
    int found = 0;
    char *old_source = NULL;
    int64_t gid = 0;
    if ((ret = element_id(db, element, &eid)) == R57_OK &&
        (ret = scope_id(db, unit, &uid, &gid)) == R57_OK) {
        char what[300];
        snprintf(what, sizeof what, "report '%s' for %s '%s'", element, gid ? "unit group" : "unit",
                 unit);
        /* A group's figure: by a reporter of the whole system. */
        ret = r57__access(db, actor, R57_ROLE_REPORTER, uid, what);
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
        if (found) {
            r57__buf_puts(&o, "{\"value\":");
            json_number(&o, old);
            r57__buf_puts(&o, ",\"source\":");
            r57__buf_json_string(&o, old_source);
            r57__buf_puts(&o, "}");
        }
        r57__buf_puts(&n, "{\"value\":");
        json_number(&n, value);
        r57__buf_puts(&n, ",\"source\":");
        r57__buf_json_string(&n, source);
        r57__buf_puts(&n, "}");
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
        (ret = period_arg(&p, period, 0)) < 0 || (ret = element_id(db, element, &eid)) < 0 ||
        (ret = scope_id(db, unit, &uid, &gid)) < 0 ||
        (ret = gid ? r57__store_group_value_get(db, eid, gid, p, out, &found, NULL)
                   : r57__store_value_get(db, eid, uid, p, out, &found, NULL)) < 0)
        return ret;
    if (!found)
        return r57__error(R57_ENOTFOUND, "no value of '%s' for '%s' in %s", element, unit,
                          period);
    return R57_OK;
}

struct r57_value {
    char *element, *unit, *source, *reported_by;
    int64_t period;
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
    if (q && q->unit && *q->unit && (ret = unit_id(db, q->unit, &uid)) < 0)
        return ret;
    if (q && q->period && *q->period && (ret = period_arg(&span, q->period, 1)) < 0)
        return ret;
    r57_value_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    it->span = span;
    if ((ret = r57__store_value_cursor(&it->cursor, db, eid, uid, q ? q->include_subunits : 0)) < 0) {
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
int64_t r57_value_period(const r57_value *v) { return v ? v->period : 0; }
double r57_value_number(const r57_value *v) { return v ? v->value : NAN; }
const char *r57_value_source(const r57_value *v) { return v ? v->source : NULL; }
const char *r57_value_reported_by(const r57_value *v) { return v ? v->reported_by : NULL; }

/* ---- the evaluation cache ------------------------------------------------ */

/* A unit's value in a block: the number, or for a unit without one the
 * index of the unit down the tree that lacked it (for the reason). */
typedef union cell {
    double value;
    int missing;
} cell;

/* flags[] of a block, per unit. */
enum {
    CELL_OWN = 1,   /* the unit has a value of its own (in its cell) */
    CELL_VALUE = 2, /* the cell holds a value: its own, or from its sub-units */
    CELL_DONE = 4   /* rolled up; without CELL_VALUE, the cell says who lacked it */
};

/* One element's values for one period, for every unit, and their roll-up
 * (summed and averaged elements; inherited ones are looked up the tree
 * when asked), computed for every unit when the block is read: bottom-up,
 * each unit once, as cheap as reading the values and what a table of
 * every unit needs anyway.  A unit's own value, when it has one, is its
 * rolled value too.  Both arrays share the block's allocation. */
typedef struct block {
    int64_t element_id, period;
    int aggregation;
    cell *cells;
    unsigned char *flags;
    struct block *next;
} block;

typedef struct ref_info {
    int kind;           /* R57_REF_ELEMENT or R57_REF_INDICATOR */
    int64_t element_id;
    int aggregation;
    struct entry *indicator;
    /* The blocks this element reference was last resolved to (a formula
     * asks for a period and the one before it, row after row): a look-up
     * in the cache's hash table saved per reference.  Blocks live as long
     * as the cache, and so do the compiled formulas holding these. */
    block *recent[2];
} ref_info;

/* A compiled formula with its references resolved. */
typedef struct compiled {
    r57_formula *f;
    ref_info *refs;
    int nrefs;
    /* 1 when the formula is one reference to a data element and nothing
     * else ("#{procedures_total}"): its value is the element's, which a
     * table reads without the formula engine (table_fast). */
    int bare;
} compiled;

typedef struct entry {
    char *code;
    int64_t id;
    int rollup, is_ratio;
    double factor;
    compiled formula, num, den;
    struct entry *next;
} entry;

#define NBUCKETS 1024
#define MAXDEPTH 16

/*
 * The units are slots 0 .. nunits-1 (by id); unit groups follow them,
 * slots nunits .. nslots-1 (by code).  A group's slot holds the figure
 * reported for the group, else the roll-up over its members
 * (gmembers[gstart[g] .. gstart[g+1]-1], g = slot - nunits); its parent,
 * for inherited elements, is the nearest unit above all of its members.
 * Group slots are no unit's sub-units and appear in no unit subtree.
 */
struct r57__kpi_cache {
    int nunits, nslots;
    int64_t *unit_ids;    /* sorted */
    int64_t *group_ids;   /* of slots nunits .. */
    int *gstart, *gmembers;
    char **unit_codes;    /* and group codes */
    int *parent;          /* index, or -1 */
    int *first_child, *next_sibling;
    int *upward;          /* every unit, each after all of its sub-units */
    block *buckets[NBUCKETS];
    entry *entries;
    r57_formula_result *results[MAXDEPTH];
};

static void compiled_free(compiled *c)
{
    r57_formula_free(c->f);
    r57__free(c->refs);
}

void r57__kpi_cache_free(r57_db *db)
{
    struct r57__kpi_cache *k = db ? db->kpi : NULL;
    if (!k)
        return;
    for (int i = 0; i < NBUCKETS; i++)
        for (block *b = k->buckets[i], *next; b; b = next) {
            next = b->next;
            r57__free(b);
        }
    for (entry *e = k->entries, *next; e; e = next) {
        next = e->next;
        r57__free(e->code);
        compiled_free(&e->formula);
        compiled_free(&e->num);
        compiled_free(&e->den);
        r57__free(e);
    }
    for (int i = 0; i < MAXDEPTH; i++)
        r57_formula_result_free(k->results[i]);
    for (int i = 0; i < k->nslots; i++)
        r57__free(k->unit_codes ? k->unit_codes[i] : NULL);
    r57__free(k->unit_codes);
    r57__free(k->group_ids);
    r57__free(k->gstart);
    r57__free(k->gmembers);
    r57__free(k->unit_ids);
    r57__free(k->parent);
    r57__free(k->first_child);
    r57__free(k->next_sibling);
    r57__free(k->upward);
    r57__free(k);
    db->kpi = NULL;
}

typedef struct tree_load {
    struct r57__kpi_cache *k;
    int cap;
    int64_t *parent_ids;
} tree_load;

static int add_unit(int64_t id, int64_t parent_id, const char *code, void *payload)
{
    tree_load *t = payload;
    struct r57__kpi_cache *k = t->k;
    if (k->nunits == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        int64_t *ids = r57__realloc(k->unit_ids, (size_t)cap * sizeof *ids);
        if (!ids)
            return r57__error_nomem();
        k->unit_ids = ids;
        char **codes = r57__realloc(k->unit_codes, (size_t)cap * sizeof *codes);
        if (!codes)
            return r57__error_nomem();
        k->unit_codes = codes;
        int64_t *pids = r57__realloc(t->parent_ids, (size_t)cap * sizeof *pids);
        if (!pids)
            return r57__error_nomem();
        t->parent_ids = pids;
        t->cap = cap;
    }
    k->unit_codes[k->nunits] = r57__strdup(code);
    if (!k->unit_codes[k->nunits])
        return r57__error_nomem();
    k->unit_ids[k->nunits] = id;
    t->parent_ids[k->nunits] = parent_id;
    k->nunits++;
    return R57_OK;
}

/* The index of a unit id (ids are sorted), or -1. */
static int unit_index(const struct r57__kpi_cache *k, int64_t id)
{
    int lo = 0, hi = k->nunits - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (k->unit_ids[mid] == id)
            return mid;
        if (k->unit_ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* k->upward: the units breadth first from the top-level ones, reversed, so
 * that each comes after all of its sub-units.  The unit tree has no cycles
 * (a parent exists before its sub-units); should a damaged file have one,
 * its units come first and read as having no value from below. */
static void upward_order(struct r57__kpi_cache *k)
{
    int n = k->nunits, done = 0;
    int *q = k->upward;
    for (int i = 0; i < n; i++)
        if (k->parent[i] < 0)
            q[done++] = i;
    for (int head = 0; head < done; head++)
        for (int c = k->first_child[q[head]]; c >= 0; c = k->next_sibling[c])
            q[done++] = c;
    for (int i = 0; i < n && done < n; i++) { /* not reached from the top */
        int a = i, steps = 0;
        while (a >= 0 && steps++ <= n)
            a = k->parent[a];
        if (a >= 0)
            q[done++] = i;
    }
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        int x = q[i];
        q[i] = q[j];
        q[j] = x;
    }
}

typedef struct group_load {
    struct r57__kpi_cache *k;
    int cap;
} group_load;

static int add_group(const r57__group_row *row, void *payload)
{
    group_load *g = payload;
    struct r57__kpi_cache *k = g->k;
    int n = k->nslots - k->nunits;
    if (k->nslots == g->cap) {
        int cap = g->cap * 2 + 8;
        char **codes = r57__realloc(k->unit_codes, (size_t)cap * sizeof *codes);
        if (!codes)
            return r57__error_nomem();
        k->unit_codes = codes;
        int64_t *ids = r57__realloc(k->group_ids, (size_t)(cap - k->nunits) * sizeof *ids);
        if (!ids)
            return r57__error_nomem();
        k->group_ids = ids;
        g->cap = cap;
    }
    if (!(k->unit_codes[k->nslots] = r57__strdup(row->code)))
        return r57__error_nomem();
    k->group_ids[n] = row->id;
    k->nslots++;
    return R57_OK;
}

/* The slot of a group id, or -1. */
static int group_slot(const struct r57__kpi_cache *k, int64_t gid)
{
    for (int i = k->nunits; i < k->nslots; i++)
        if (k->group_ids[i - k->nunits] == gid)
            return i;
    return -1;
}

/* Members are read twice: counted per group, then placed at their
 * group's offset (fill: the next free place of each group). */
typedef struct member_load {
    struct r57__kpi_cache *k;
    int *fill; /* NULL while counting */
} member_load;

static int member_row(int64_t gid, int64_t uid, void *payload)
{
    member_load *m = payload;
    struct r57__kpi_cache *k = m->k;
    int g = group_slot(k, gid), u = unit_index(k, uid);
    if (g < 0 || u < 0)
        return R57_OK;
    if (m->fill)
        k->gmembers[m->fill[g - k->nunits]++] = u;
    else
        k->gstart[g - k->nunits + 1]++;
    return R57_OK;
}

/* The groups after the units, with their members. */
static int load_groups(r57_db *db, struct r57__kpi_cache *k)
{
    group_load g = { k, k->nunits };
    int ret = r57__store_group_all(db, add_group, &g);
    int ng = k->nslots - k->nunits;
    if (ret < 0 || ng == 0)
        return ret;
    if (!(k->gstart = r57__calloc((size_t)ng + 1, sizeof *k->gstart)))
        return r57__error_nomem();
    member_load m = { k, NULL };
    if ((ret = r57__store_group_members_all(db, member_row, &m)) < 0)
        return ret;
    for (int i = 0; i < ng; i++)
        k->gstart[i + 1] += k->gstart[i];
    k->gmembers = r57__malloc((size_t)(k->gstart[ng] ? k->gstart[ng] : 1) * sizeof(int));
    m.fill = r57__malloc((size_t)ng * sizeof *m.fill);
    if (!k->gmembers || !m.fill) {
        r57__free(m.fill);
        return r57__error_nomem();
    }
    memcpy(m.fill, k->gstart, (size_t)ng * sizeof *m.fill);
    ret = r57__store_group_members_all(db, member_row, &m);
    r57__free(m.fill);
    return ret;
}

/* The nearest unit above (or at) every member of each group: the parent a
 * group inherits from. */
static void group_parents(struct r57__kpi_cache *k)
{
    for (int g = k->nunits; g < k->nslots; g++) {
        int gi = g - k->nunits, anc = -1;
        for (int j = k->gstart[gi]; j < k->gstart[gi + 1]; j++) {
            int u = k->gmembers[j];
            if (anc < 0) {
                anc = k->parent[u];
                continue;
            }
            /* climb from anc until it is an ancestor of u */
            for (;;) {
                int a = u;
                while (a >= 0 && a != anc)
                    a = k->parent[a];
                if (a == anc || anc < 0)
                    break;
                anc = k->parent[anc];
            }
        }
        k->parent[g] = anc;
    }
}

static int cache_get(r57_db *db, struct r57__kpi_cache **out)
{
    if (db->kpi) {
        *out = db->kpi;
        return R57_OK;
    }
    struct r57__kpi_cache *k = r57__calloc(1, sizeof *k);
    if (!k)
        return r57__error_nomem();
    db->kpi = k;
    tree_load t = { k, 0, NULL };
    int ret = r57__store_unit_tree(db, add_unit, &t);
    k->nslots = k->nunits;
    if (ret == R57_OK)
        ret = load_groups(db, k);
    if (ret == R57_OK) {
        size_t n = (size_t)(k->nslots ? k->nslots : 1);
        k->parent = r57__malloc(n * sizeof *k->parent);
        k->first_child = r57__malloc(n * sizeof *k->first_child);
        k->next_sibling = r57__malloc(n * sizeof *k->next_sibling);
        k->upward = r57__malloc(n * sizeof *k->upward);
        if (!k->parent || !k->first_child || !k->next_sibling || !k->upward)
            ret = r57__error_nomem();
    }
    if (ret == R57_OK) {
        for (int i = 0; i < k->nslots; i++) {
            k->first_child[i] = k->next_sibling[i] = -1;
            k->parent[i] = -1;
        }
        /* Children are linked in reverse id order; sums do not depend on it. */
        for (int i = 0; i < k->nunits; i++) {
            k->parent[i] = t.parent_ids[i] ? unit_index(k, t.parent_ids[i]) : -1;
            if (k->parent[i] >= 0) {
                k->next_sibling[i] = k->first_child[k->parent[i]];
                k->first_child[k->parent[i]] = i;
            }
        }
        upward_order(k);
        group_parents(k);
    }
    r57__free(t.parent_ids);
    if (ret < 0) {
        r57__kpi_cache_free(db);
        return ret;
    }
    *out = k;
    return R57_OK;
}

typedef struct fill_ctx {
    struct r57__kpi_cache *k;
    block *b;
    int next; /* the unit index after the last one filled */
} fill_ctx;

static int fill_value(int64_t uid, double value, void *payload)
{
    fill_ctx *c = payload;
    /* Values come in order of unit id, as k->unit_ids is sorted: the unit
     * is most often the one after the last, else it is searched for. */
    int i = c->next;
    if (i >= c->k->nunits || c->k->unit_ids[i] != uid)
        i = unit_index(c->k, uid);
    if (i >= 0) {
        c->b->cells[i].value = value;
        c->b->flags[i] = CELL_OWN | CELL_VALUE;
        c->next = i + 1;
    }
    return R57_OK;
}

static int fill_group_value(int64_t gid, double value, void *payload)
{
    fill_ctx *c = payload;
    int g = group_slot(c->k, gid);
    if (g >= 0) {
        c->b->cells[g].value = value;
        c->b->flags[g] = CELL_OWN | CELL_VALUE;
    }
    return R57_OK;
}

/* The unit down the tree that lacked the value of unit u. */
static int lacking(const block *b, int u)
{
    return b->flags[u] & CELL_DONE ? b->cells[u].missing : u;
}

/* The sum (or mean) of a group's members' values; 0 when it has no
 * members or one of them has no value (*missing: who lacked it). */
static int group_sum(const struct r57__kpi_cache *k, const block *b, int g, double *v,
                     int *missing)
{
    int gi = g - k->nunits, n = 0;
    double sum = 0;
    for (int j = k->gstart[gi]; j < k->gstart[gi + 1]; j++) {
        int u = k->gmembers[j];
        if (!(b->flags[u] & CELL_VALUE)) {
            *missing = lacking(b, u);
            return 0;
        }
        sum += b->cells[u].value;
        n++;
    }
    if (!n) {
        *missing = g;
        return 0;
    }
    *v = b->aggregation == R57_AGG_MEAN ? sum / n : sum;
    return 1;
}

/* The roll-up of a block for every unit, sub-units before the units above
 * them: a unit's own value, else the sum (or mean) of its direct
 * sub-units' values in the order they are linked; none when it has no
 * sub-units or one of them has none, and then its cell names the first
 * unit down there without a value. */
static void roll_up(const struct r57__kpi_cache *k, block *b)
{
    for (int i = 0; i < k->nunits; i++) {
        int u = k->upward[i];
        if (b->flags[u] & CELL_OWN)
            continue;
        double sum = 0;
        int n = 0, miss = u;
        for (int c = k->first_child[u]; c >= 0; c = k->next_sibling[c]) {
            if (!(b->flags[c] & CELL_VALUE)) {
                miss = lacking(b, c);
                n = 0;
                break;
            }
            sum += b->cells[c].value;
            n++;
        }
        if (n) {
            b->cells[u].value = b->aggregation == R57_AGG_MEAN ? sum / n : sum;
            b->flags[u] = CELL_DONE | CELL_VALUE;
        } else {
            b->cells[u].missing = miss;
            b->flags[u] = CELL_DONE;
        }
    }
    /* Then each group without a figure of its own, over its members. */
    for (int g = k->nunits; g < k->nslots; g++) {
        if (b->flags[g] & CELL_OWN)
            continue;
        double v;
        int miss = g;
        if (group_sum(k, b, g, &v, &miss)) {
            b->cells[g].value = v;
            b->flags[g] = CELL_DONE | CELL_VALUE;
        } else {
            b->cells[g].missing = miss;
            b->flags[g] = CELL_DONE;
        }
    }
}

static int block_get(r57_db *db, struct r57__kpi_cache *k, int64_t eid, int aggregation,
                     int64_t period, block **out)
{
    uint64_t h = ((uint64_t)eid * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)period * 0xC2B2AE3D27D4EB4Full);
    size_t slot = (size_t)((h >> 20) % NBUCKETS);
    for (block *b = k->buckets[slot]; b; b = b->next)
        if (b->element_id == eid && b->period == period) {
            *out = b;
            return R57_OK;
        }
    size_t n = (size_t)(k->nslots ? k->nslots : 1);
    /* One allocation: the block, its cells, its flags. */
    if (n > (SIZE_MAX - sizeof(block)) / (sizeof(cell) + 1))
        return r57__error_nomem();
    block *b = r57__malloc(sizeof *b + n * (sizeof(cell) + 1));
    if (!b)
        return r57__error_nomem();
    memset(b, 0, sizeof *b);
    b->element_id = eid;
    b->period = period;
    b->aggregation = aggregation;
    b->cells = (cell *)(void *)(b + 1);
    b->flags = (unsigned char *)(b->cells + n);
    memset(b->flags, 0, n);
    fill_ctx c = { k, b, 0 };
    int ret = r57__store_values_of(db, eid, period, fill_value, &c);
    if (ret == R57_OK && k->nslots > k->nunits)
        ret = r57__store_group_values_of(db, eid, period, fill_group_value, &c);
    if (ret < 0) {
        r57__free(b);
        return ret;
    }
    if (aggregation != R57_AGG_INHERIT)
        roll_up(k, b);
    b->next = k->buckets[slot];
    k->buckets[slot] = b;
    *out = b;
    return R57_OK;
}

/* From the sub-units only: sum (or mean) of each direct sub-unit's value
 * (its own, else from its sub-units). */
static int from_subunits(const struct r57__kpi_cache *k, const block *b, int u, double *v,
                         int *missing)
{
    double sum = 0;
    int n = 0;
    if (u >= k->nunits)
        return group_sum(k, b, u, v, missing);
    if (k->first_child[u] < 0) {
        *missing = u;
        return 0;
    }
    for (int c = k->first_child[u]; c >= 0; c = k->next_sibling[c]) {
        if (!(b->flags[c] & CELL_VALUE)) {
            *missing = lacking(b, c);
            return 0;
        }
        sum += b->cells[c].value;
        n++;
    }
    *v = b->aggregation == R57_AGG_MEAN ? sum / n : sum;
    return 1;
}

/* An element's value for unit u under a roll-up rule; 0 when none, with
 * the unit that lacked it in *missing. */
static inline int element_value(const struct r57__kpi_cache *k, const block *b, int u, int rule,
                                double *v, int *missing)
{
    if (b->aggregation == R57_AGG_INHERIT) {
        for (int a = u; a >= 0; a = k->parent[a])
            if (b->flags[a] & CELL_OWN) {
                *v = b->cells[a].value;
                return 1;
            }
        *missing = u;
        return 0;
    }
    switch (rule) {
    case R57_ROLLUP_OWN:
        if (b->flags[u] & CELL_OWN) {
            *v = b->cells[u].value;
            return 1;
        }
        *missing = u;
        return 0;
    case R57_ROLLUP_SUBUNITS: return from_subunits(k, b, u, v, missing);
    default:
        if (b->flags[u] & CELL_VALUE) {
            *v = b->cells[u].value;
            return 1;
        }
        *missing = lacking(b, u);
        return 0;
    }
}

/* ---- indicators ---------------------------------------------------------- */

struct r57_indicator {
    char *code, *name, *measure, *formula, *numerator, *denominator, *description;
    int direction, rollup;
    double factor;
};

static int compile(compiled *c, r57_db *db, struct r57__kpi_cache *k, const char *code,
                   const char *what, const char *text, int depth);

static int entry_get(r57_db *db, struct r57__kpi_cache *k, const char *code, entry **out,
                     int depth);

static int resolve_refs(compiled *c, r57_db *db, struct r57__kpi_cache *k, const char *code,
                        int depth)
{
    int n = r57_formula_ref_count(c->f);
    c->nrefs = n;
    c->refs = r57__calloc((size_t)(n ? n : 1), sizeof *c->refs);
    if (!c->refs)
        return r57__error_nomem();
    for (int i = 0; i < n; i++) {
        const char *name = r57_formula_ref_name(c->f, i);
        c->refs[i].kind = r57_formula_ref_kind(c->f, i);
        int ret;
        if (c->refs[i].kind == R57_REF_ELEMENT) {
            ret = r57__store_element_find(db, name, &c->refs[i].element_id,
                                          &c->refs[i].aggregation);
            if (ret == R57_ENOTFOUND)
                return r57__error(R57_ENOTFOUND, "indicator '%s': unknown data element '%s'",
                                  code, name);
        } else {
            if (strcmp(name, code) == 0)
                return r57__error(R57_ECYCLE, "indicator '%s' refers to itself", code);
            if (depth >= MAXDEPTH)
                return r57__error(R57_ECYCLE,
                                  "indicator '%s': indicators refer to each other more than %d "
                                  "deep (a cycle?)",
                                  code, MAXDEPTH);
            ret = entry_get(db, k, name, &c->refs[i].indicator, depth + 1);
            if (ret == R57_ENOTFOUND)
                return r57__error(R57_ENOTFOUND, "indicator '%s': unknown indicator '%s'", code,
                                  name);
        }
        if (ret < 0)
            return ret;
    }
    return R57_OK;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* 1 when the formula's text is its one element reference and blanks
 * (docs/formulas.md: blanks are space, tab, CR, LF; no offset). */
static int is_bare(const compiled *c)
{
    if (c->nrefs != 1 || c->refs[0].kind != R57_REF_ELEMENT)
        return 0;
    const char *name = r57_formula_ref_name(c->f, 0);
    const char *p = skip_blanks(r57_formula_text(c->f));
    size_t n = strlen(name);
    if (strncmp(p, "#{", 2) != 0 || strncmp(p + 2, name, n) != 0 || p[2 + n] != '}')
        return 0;
    return *skip_blanks(p + 3 + n) == '\0';
}

static int compile(compiled *c, r57_db *db, struct r57__kpi_cache *k, const char *code,
                   const char *what, const char *text, int depth)
{
    memset(c, 0, sizeof *c);
    int ret = r57_formula_compile(&c->f, text);
    if (ret < 0) {
        const r57_error *e = r57_error_last();
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", r57_error_message(e));
        return r57__error_at(ret, r57_error_line(e), r57_error_column(e), r57_error_offset(e),
                             "indicator '%s': %s: %s", code, what, msg);
    }
    ret = resolve_refs(c, db, k, code, depth);
    if (ret == R57_OK)
        c->bare = is_bare(c);
    return ret;
}

/* Copies of an indicator row's fields, taken while the row is current. */
typedef struct entry_load {
    int64_t id;
    int rollup;
    double factor;
    char *code, *formula, *numerator, *denominator;
    int failed;
} entry_load;

static char *dup_or_fail(const char *s, int *failed)
{
    char *d = r57__strdup(s);
    if (s && !d)
        *failed = 1;
    return d;
}

static int copy_row(const r57__indicator_row *row, void *payload)
{
    entry_load *l = payload;
    l->id = row->id;
    l->rollup = row->rollup;
    l->factor = row->factor;
    l->code = dup_or_fail(row->code, &l->failed);
    l->formula = dup_or_fail(row->formula, &l->failed);
    l->numerator = dup_or_fail(row->numerator, &l->failed);
    l->denominator = dup_or_fail(row->denominator, &l->failed);
    return l->failed ? r57__error_nomem() : R57_OK;
}

static void entry_load_free(entry_load *l)
{
    r57__free(l->code);
    r57__free(l->formula);
    r57__free(l->numerator);
    r57__free(l->denominator);
}

static void entry_free(entry *e)
{
    if (!e)
        return;
    r57__free(e->code);
    compiled_free(&e->formula);
    compiled_free(&e->num);
    compiled_free(&e->den);
    r57__free(e);
}

/* The compiled indicator with that code, compiling it (and the indicators
 * it refers to) on first use. */
static int entry_get(r57_db *db, struct r57__kpi_cache *k, const char *code, entry **out,
                     int depth)
{
    for (entry *e = k->entries; e; e = e->next)
        if (strcmp(e->code, code) == 0) {
            *out = e;
            return R57_OK;
        }
    entry_load l;
    memset(&l, 0, sizeof l);
    int ret = r57__store_indicator_by_code(db, code, copy_row, &l);
    entry *e = ret == R57_OK ? r57__calloc(1, sizeof *e) : NULL;
    if (ret == R57_OK && !e)
        ret = r57__error_nomem();
    if (ret == R57_OK) {
        e->code = l.code;
        l.code = NULL;
        e->id = l.id;
        e->rollup = l.rollup;
        e->factor = l.factor;
        e->is_ratio = l.formula == NULL;
        if (l.formula)
            ret = compile(&e->formula, db, k, e->code, "formula", l.formula, depth);
        else
            ret = compile(&e->num, db, k, e->code, "numerator", l.numerator, depth);
        if (ret == R57_OK && !l.formula)
            ret = compile(&e->den, db, k, e->code, "denominator", l.denominator, depth);
    }
    entry_load_free(&l);
    if (ret < 0) {
        entry_free(e);
        return ret;
    }
    e->next = k->entries;
    k->entries = e;
    *out = e;
    return R57_OK;
}

static int exists_row(const r57__indicator_row *row, void *payload)
{
    (void)row;
    (void)payload;
    return R57_OK;
}

int r57_indicator_spec_init(r57_indicator_spec *spec, unsigned int version)
{
    if (!spec)
        return r57__error(R57_EINVAL, "r57_indicator_spec_init: spec is NULL");
    if (version != R57_INDICATOR_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_indicator_spec_init: unknown version %u", version);
    *spec = (r57_indicator_spec)R57_INDICATOR_SPEC_INIT;
    return R57_OK;
}

/* Checks one formula of a new indicator: syntax, references, no cycle. */
static int check_formula(r57_db *db, const char *code, const char *what, const char *text)
{
    struct r57__kpi_cache *k;
    compiled c;
    int ret = cache_get(db, &k);
    if (ret < 0)
        return ret;
    ret = compile(&c, db, k, code, what, text, 0);
    compiled_free(&c);
    return ret;
}

int r57_indicator_create(r57_db *db, const char *actor, const r57_indicator_spec *s)
{
    int ret;
    if (!db || !s)
        return r57__error(R57_EINVAL, "r57_indicator_create: db or spec is NULL");
    if (s->version != R57_INDICATOR_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_indicator_create: unknown spec version %u",
                          s->version);
    if ((ret = r57__require("r57_indicator_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_indicator_create", "code", s->code)) < 0 ||
        (ret = r57__require("r57_indicator_create", "name", s->name)) < 0 ||
        (ret = check_code("indicator", s->code)) < 0)
        return ret;
    int has_formula = !r57__blank(s->formula);
    int has_ratio = !r57__blank(s->numerator) || !r57__blank(s->denominator);
    if (has_formula == has_ratio)
        return r57__error(R57_EINVAL, "indicator '%s': give either a formula or a numerator "
                                      "and a denominator",
                          s->code);
    if (has_ratio && (r57__blank(s->numerator) || r57__blank(s->denominator)))
        return r57__error(R57_EINVAL, "indicator '%s': a numerator needs a denominator and "
                                      "the other way round",
                          s->code);
    if (!r57_direction_name(s->direction))
        return r57__error(R57_EINVAL, "indicator '%s': %d is not a direction", s->code,
                          s->direction);
    if (!r57_rollup_name(s->rollup))
        return r57__error(R57_EINVAL, "indicator '%s': %d is not a roll-up rule", s->code,
                          s->rollup);
    if (!isfinite(s->factor) || (s->has_baseline && !isfinite(s->baseline)))
        return r57__error(R57_EINVAL, "indicator '%s': factor or baseline is not finite",
                          s->code);
    int64_t baseline_period = 0;
    if (s->baseline_period && *s->baseline_period &&
        (ret = period_arg(&baseline_period, s->baseline_period, 1)) < 0)
        return ret;

    if ((ret = r57__store_write_begin(db, "r57_indicator_create")) < 0)
        return ret;
    char what[300];
    snprintf(what, sizeof what, "create indicator '%s'", s->code);
    if ((ret = r57__access(db, actor, R57_ROLE_ADMINISTRATOR, 0, what)) < 0)
        return r57__store_write_end(db, ret);
    r57__indicator_row row;
    memset(&row, 0, sizeof row);
    row.code = s->code;
    row.name = s->name;
    row.measure = s->measure;
    row.direction = s->direction;
    row.formula = has_formula ? s->formula : NULL;
    row.numerator = has_ratio ? s->numerator : NULL;
    row.denominator = has_ratio ? s->denominator : NULL;
    row.factor = s->factor != 0 ? s->factor : 1;
    row.rollup = s->rollup;
    row.has_baseline = s->has_baseline;
    row.baseline = s->baseline;
    row.baseline_period = baseline_period;
    row.description = s->description;

    ret = r57__store_indicator_by_code(db, s->code, exists_row, NULL);
    if (ret == R57_OK)
        ret = r57__error(R57_EEXISTS, "indicator '%s' exists already", s->code);
    else if (ret == R57_ENOTFOUND)
        ret = R57_OK;
    if (ret == R57_OK && has_formula)
        ret = check_formula(db, s->code, "formula", s->formula);
    if (ret == R57_OK && has_ratio)
        ret = check_formula(db, s->code, "numerator", s->numerator);
    if (ret == R57_OK && has_ratio)
        ret = check_formula(db, s->code, "denominator", s->denominator);
    r57__kpi_cache_free(db);
    if (ret == R57_OK)
        ret = r57__store_indicator_insert(db, &row);
    if (ret == R57_OK) {
        r57__buf j = R57__BUF_INIT;
        r57__buf_puts(&j, "{\"code\":");
        r57__buf_json_string(&j, s->code);
        r57__buf_puts(&j, ",\"formula\":");
        r57__buf_json_string(&j, row.formula);
        r57__buf_puts(&j, ",\"numerator\":");
        r57__buf_json_string(&j, row.numerator);
        r57__buf_puts(&j, ",\"denominator\":");
        r57__buf_json_string(&j, row.denominator);
        r57__buf_puts(&j, ",\"factor\":");
        json_number(&j, row.factor);
        r57__buf_printf(&j, ",\"direction\":\"%s\",\"rollup\":\"%s\"}", dir_names[s->direction],
                        rollup_names[s->rollup]);
        ret = j.failed ? r57__error_nomem()
                       : r57__store_journal(db, actor, "indicator", s->code, "create", NULL, j.ptr);
        r57__buf_free(&j);
    }
    return r57__store_write_end(db, ret);
}

/* ---- indicator objects ------------------------------------------------------ */

static int indicator_from_row(r57_indicator **out, const r57__indicator_row *r)
{
    r57_indicator *ind = r57__calloc(1, sizeof *ind);
    if (!ind)
        return r57__error_nomem();
    int failed = 0;
    ind->code = dup_or_fail(r->code, &failed);
    ind->name = dup_or_fail(r->name, &failed);
    ind->measure = dup_or_fail(r->measure ? r->measure : "", &failed);
    ind->formula = dup_or_fail(r->formula ? r->formula : "", &failed);
    ind->numerator = dup_or_fail(r->numerator ? r->numerator : "", &failed);
    ind->denominator = dup_or_fail(r->denominator ? r->denominator : "", &failed);
    ind->description = dup_or_fail(r->description ? r->description : "", &failed);
    ind->direction = r->direction;
    ind->rollup = r->rollup;
    ind->factor = r->factor;
    if (failed) {
        r57_indicator_free(ind);
        return r57__error_nomem();
    }
    *out = ind;
    return R57_OK;
}

static int indicator_row_fn(const r57__indicator_row *row, void *payload)
{
    return indicator_from_row(payload, row);
}

int r57_indicator_get(r57_indicator **out, r57_db *db, const char *code)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_indicator_get: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_indicator_get", "code", code)) < 0)
        return ret;
    return r57__store_indicator_by_code(db, code, indicator_row_fn, out);
}

const char *r57_indicator_code(const r57_indicator *i) { return i ? i->code : NULL; }
const char *r57_indicator_name(const r57_indicator *i) { return i ? i->name : NULL; }
const char *r57_indicator_measure(const r57_indicator *i) { return i ? i->measure : NULL; }
int r57_indicator_direction(const r57_indicator *i) { return i ? i->direction : -1; }
const char *r57_indicator_formula(const r57_indicator *i) { return i ? i->formula : NULL; }
const char *r57_indicator_numerator(const r57_indicator *i) { return i ? i->numerator : NULL; }
const char *r57_indicator_denominator(const r57_indicator *i) { return i ? i->denominator : NULL; }
double r57_indicator_factor(const r57_indicator *i) { return i ? i->factor : NAN; }
int r57_indicator_rollup(const r57_indicator *i) { return i ? i->rollup : -1; }
const char *r57_indicator_description(const r57_indicator *i) { return i ? i->description : NULL; }

void r57_indicator_free(r57_indicator *i)
{
    if (!i)
        return;
    r57__free(i->code);
    r57__free(i->name);
    r57__free(i->measure);
    r57__free(i->formula);
    r57__free(i->numerator);
    r57__free(i->denominator);
    r57__free(i->description);
    r57__free(i);
}

struct r57_indicator_iterator {
    r57__cursor *cursor;
};

int r57_indicator_iterator_new(r57_indicator_iterator **out, r57_db *db)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_indicator_iterator_new: out or db is NULL");
    *out = NULL;
    r57_indicator_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    if ((ret = r57__store_indicator_cursor(&it->cursor, db)) < 0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

int r57_indicator_next(r57_indicator **out, r57_indicator_iterator *it)
{
    r57__indicator_row row;
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_indicator_next: out or it is NULL");
    *out = NULL;
    int ret = r57__store_indicator_cursor_next(it->cursor, &row);
    return ret < 0 ? ret : indicator_from_row(out, &row);
}

void r57_indicator_iterator_free(r57_indicator_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

/* ---- evaluation ---------------------------------------------------------------- */

struct r57_kpi_result {
    int has_value;
    double value, numerator, denominator;
    char *reason;
};

/* What one evaluation needs while the formula asks for references. */
typedef struct eval_ctx {
    r57_db *db;
    struct r57__kpi_cache *k;
    const compiled *c;
    int unit, rule, depth;
    int missing_unit;   /* the unit that lacked the value, for the reason */
    char *nested_reason; /* why a referenced indicator had no value */
} eval_ctx;

static int evaluate(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u, int64_t period,
                    int depth, r57_kpi_result *out);

static int resolve(double *out, int *has_value, int ref, const char *name, int kind,
                   int64_t period, void *payload)
{
    eval_ctx *x = payload;
    ref_info *ri = &x->c->refs[ref];
    (void)name;
    (void)kind;
    if (ri->kind == R57_REF_ELEMENT) {
        block *b = ri->recent[0];
        if (!b || b->period != period) {
            b = ri->recent[1];
            if (!b || b->period != period) {
                int ret = block_get(x->db, x->k, ri->element_id, ri->aggregation, period, &b);
                if (ret < 0)
                    return ret;
            }
            ri->recent[1] = ri->recent[0];
            ri->recent[0] = b;
        }
        int missing = x->unit;
        *has_value = element_value(x->k, b, x->unit, x->rule, out, &missing);
        if (!*has_value && x->missing_unit < 0)
            x->missing_unit = missing;
        return R57_OK;
    }
    r57_kpi_result sub = { 0, NAN, NAN, NAN, NULL };
    int ret = evaluate(x->db, x->k, ri->indicator, x->unit, period, x->depth + 1, &sub);
    if (ret == R57_OK) {
        *has_value = sub.has_value;
        *out = sub.value;
        if (!sub.has_value && !x->nested_reason) {
            x->nested_reason = sub.reason;
            sub.reason = NULL;
        }
    }
    r57__free(sub.reason);
    return ret;
}

/* Evaluates one formula; *has and *v as the formula says, reason built on
 * demand into *why (owned by the caller). */
static int eval_formula(r57_db *db, struct r57__kpi_cache *k, const entry *e, const compiled *c,
                        int u, int64_t period, int depth, int *has, double *v, char **why)
{
    if (depth >= MAXDEPTH)
        return r57__error(R57_ECYCLE, "indicator '%s': nested more than %d deep", e->code,
                          MAXDEPTH);
    if (!k->results[depth] && r57_formula_result_new(&k->results[depth]) < 0)
        return R57_ENOMEM;
    r57_formula_result *res = k->results[depth];
    eval_ctx x = { db, k, c, u, e->rollup, depth, -1, NULL };
    int ret = r57_formula_eval(res, c->f, period, resolve, &x);
    if (ret < 0) {
        r57__free(x.nested_reason);
        return ret;
    }
    *has = r57_formula_result_has_value(res);
    *v = r57_formula_result_value(res);
    if (!*has && why && !*why) {
        r57__buf b = R57__BUF_INIT;
        const char *reason = r57_formula_result_reason(res);
        if (strncmp(reason, "no value: ", 10) == 0)
            reason += 10;
        r57__buf_puts(&b, reason);
        if (r57_formula_result_novalue(res) == R57_NOVALUE_MISSING && x.nested_reason) {
            r57__buf_puts(&b, " (");
            r57__buf_puts(&b, x.nested_reason);
            r57__buf_puts(&b, ")");
        } else if (r57_formula_result_novalue(res) == R57_NOVALUE_MISSING &&
                   x.missing_unit >= 0 && x.missing_unit != u) {
            r57__buf_printf(&b, " at sub-unit '%s'", k->unit_codes[x.missing_unit]);
        }
        *why = r57__buf_detach(&b);
        if (!*why)
            ret = r57__error_nomem();
    }
    r57__free(x.nested_reason);
    return ret;
}

static int evaluate(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u, int64_t period,
                    int depth, r57_kpi_result *out)
{
    char *why = NULL;
    int has, ret;
    double v;
    out->has_value = 0;
    out->value = out->numerator = out->denominator = NAN;
    if (!e->is_ratio) {
        ret = eval_formula(db, k, e, &e->formula, u, period, depth, &has, &v, &why);
        if (ret == R57_OK && has) {
            out->has_value = 1;
            out->value = v;
        }
    } else {
        double n, d;
        int hn, hd;
        ret = eval_formula(db, k, e, &e->num, u, period, depth, &hn, &n, &why);
        if (ret == R57_OK)
            ret = eval_formula(db, k, e, &e->den, u, period, depth, &hd, &d, &why);
        if (ret == R57_OK && hn && hd) {
            if (d == 0) {
                r57__buf b = R57__BUF_INIT;
                r57__buf_printf(&b, "division by zero: the denominator '%s' is 0",
                                r57_formula_text(e->den.f));
                why = r57__buf_detach(&b);
                if (!why)
                    ret = r57__error_nomem();
            } else {
                out->has_value = 1;
                out->numerator = n;
                out->denominator = d;
                out->value = e->factor * n / d;
                if (!isfinite(out->value)) {
                    out->has_value = 0;
                    out->value = NAN;
                    why = r57__strdup("the ratio overflows");
                }
            }
        }
    }
    if (ret == R57_OK && !out->has_value) {
        char pt[R57_PERIOD_TEXT_SIZE];
        r57__buf b = R57__BUF_INIT;
        r57_period_format(pt, sizeof pt, period);
        r57__buf_printf(&b, "no value for '%s' at '%s' in %s: %s", e->code, k->unit_codes[u], pt,
                        why ? why : "no data");
        out->reason = r57__buf_detach(&b);
        if (!out->reason)
            ret = r57__error_nomem();
    }
    r57__free(why);
    return ret;
}

/* Finds the cache, the compiled indicator and the unit's index. */
static int eval_setup(r57_db *db, const char *indicator, const char *unit,
                      struct r57__kpi_cache **k, entry **e, int *u)
{
    int64_t uid, gid;
    int ret = scope_id(db, unit, &uid, &gid);
    if (ret == R57_OK)
        ret = cache_get(db, k);
    if (ret == R57_OK)
        ret = entry_get(db, *k, indicator, e, 0);
    if (ret == R57_OK && (*u = gid ? group_slot(*k, gid) : unit_index(*k, uid)) < 0)
        ret = r57__error(R57_ENOTFOUND, "unknown unit code '%s'", unit);
    return ret;
}

int r57_kpi_eval(r57_kpi_result **out, r57_db *db, const char *indicator, const char *unit,
                 const char *period)
{
    struct r57__kpi_cache *k;
    entry *e;
    int u, ret;
    int64_t p;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_kpi_eval: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_kpi_eval", "indicator", indicator)) < 0 ||
        (ret = r57__require("r57_kpi_eval", "unit", unit)) < 0 ||
        (ret = r57__require("r57_kpi_eval", "period", period)) < 0 ||
        (ret = period_arg(&p, period, 0)) < 0 ||
        (ret = eval_setup(db, indicator, unit, &k, &e, &u)) < 0)
        return ret;
    r57_kpi_result *r = r57__calloc(1, sizeof *r);
    if (!r)
        return r57__error_nomem();
    if ((ret = evaluate(db, k, e, u, p, 0, r)) < 0) {
        r57_kpi_result_free(r);
        return ret;
    }
    *out = r;
    return R57_OK;
}

int r57_kpi_result_has_value(const r57_kpi_result *r) { return r ? r->has_value : 0; }
double r57_kpi_result_value(const r57_kpi_result *r) { return r ? r->value : NAN; }
double r57_kpi_result_numerator(const r57_kpi_result *r) { return r ? r->numerator : NAN; }
double r57_kpi_result_denominator(const r57_kpi_result *r) { return r ? r->denominator : NAN; }
const char *r57_kpi_result_reason(const r57_kpi_result *r)
{
    return r && r->reason ? r->reason : "";
}

void r57_kpi_result_free(r57_kpi_result *r)
{
    if (!r)
        return;
    r57__free(r->reason);
    r57__free(r);
}

/* ---- evaluation into a table ----------------------------------------------- */

/*
 * r57_kpi_table_eval evaluates exactly what evaluate() does for each row,
 * through the same cache (blocks per (element, period), memoised
 * roll-ups), formulas and resolver, but without evaluate()'s per-call
 * work: the unit and period are found once for the whole table, and a
 * row without a value does not allocate its reason.  Instead the cause
 * (the text after "no value for '…' at '…' in …: ") is appended to one
 * buffer of the table, where equal causes are kept once (a missing
 * previous month gives the same cause for every unit); the full reason is
 * put together only when r57_kpi_table_reason asks.  The causes are worded
 * as eval_formula() and evaluate() word them (tests/test_kpi_table.c
 * compares every row with r57_kpi_eval).
 */
struct r57_kpi_table {
    char *indicator;
    size_t nunits, nperiods;
    char *codes;          /* the unit codes, each NUL-terminated */
    size_t *code_at;      /* where unit j's code starts in codes */
    int64_t *periods;
    double *values;       /* NaN without a value */
    uint32_t *cause;      /* offset in causes; 0 when the row has a value */
    r57__buf causes;      /* "" at offset 0, then each distinct cause once */
    r57__buf reason;      /* the reason last asked for */
};

/* While a table is filled: the distinct causes by hash (offsets into
 * t->causes, 0 for an empty slot). */
typedef struct cause_set {
    uint32_t *slots;
    size_t cap, used;
} cause_set;

static uint64_t cause_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

static int cause_set_grow(cause_set *s, const r57__buf *causes)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    uint32_t *slots = r57__calloc(cap, sizeof *slots);
    if (!slots)
        return r57__error_nomem();
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i]) {
            const char *c = causes->ptr + s->slots[i];
            size_t j = (size_t)cause_hash(c, strlen(c)) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = s->slots[i];
        }
    r57__free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return R57_OK;
}

/* The cause just appended to t->causes from offset `start`: keeps it if it
 * is new, else drops it again; *at is where the cause is kept. */
static int cause_keep(r57_kpi_table *t, cause_set *s, size_t start, uint32_t *at)
{
    r57__buf *b = &t->causes;
    if (b->failed)
        return r57__error_nomem();
    if (b->len >= UINT32_MAX)
        return r57__error(R57_ENOMEM, "r57_kpi_table_eval: the reasons of the table exceed 4 GiB");
    if ((s->used + 1) * 2 > s->cap && cause_set_grow(s, b) < 0)
        return R57_ENOMEM;
    const char *c = b->ptr + start;
    size_t n = b->len - start;
    size_t j = (size_t)cause_hash(c, n) & (s->cap - 1);
    for (; s->slots[j]; j = (j + 1) & (s->cap - 1)) {
        const char *old = b->ptr + s->slots[j];
        if (strncmp(old, c, n) == 0 && old[n] == '\0') {
            b->len = start; /* drop the copy; the previous cause's NUL stays */
            b->ptr[start] = '\0';
            *at = s->slots[j];
            return R57_OK;
        }
    }
    s->slots[j] = (uint32_t)start;
    s->used++;
    *at = (uint32_t)start;
    /* Keep the NUL as a separator: the next cause starts after it. */
    return r57__buf_put(b, "", 1) < 0 ? R57_ENOMEM : R57_OK;
}

/* One formula of a row, as eval_formula() evaluates it at depth 0; when it
 * has no value and no cause was written yet, writes the cause into
 * t->causes (worded as eval_formula() words its `why`). */
static int table_formula(r57_db *db, struct r57__kpi_cache *k, const entry *e, const compiled *c,
                         int u, int64_t period, int *has, double *v, r57_kpi_table *t,
                         int *caused)
{
    if (!k->results[0] && r57_formula_result_new(&k->results[0]) < 0)
        return R57_ENOMEM;
    r57_formula_result *res = k->results[0];
    eval_ctx x = { db, k, c, u, e->rollup, 0, -1, NULL };
    int ret = r57_formula_eval(res, c->f, period, resolve, &x);
    if (ret == R57_OK) {
        *has = r57_formula_result_has_value(res);
        *v = r57_formula_result_value(res);
    }
    if (ret == R57_OK && !*has && !*caused) {
        r57__buf *b = &t->causes;
        const char *reason = r57_formula_result_reason(res);
        int missing = r57_formula_result_novalue(res) == R57_NOVALUE_MISSING;
        if (strncmp(reason, "no value: ", 10) == 0)
            reason += 10;
        r57__buf_puts(b, reason);
        if (missing && x.nested_reason) {
            r57__buf_puts(b, " (");
            r57__buf_puts(b, x.nested_reason);
            r57__buf_puts(b, ")");
        } else if (missing && x.missing_unit >= 0 && x.missing_unit != u) {
            r57__buf_printf(b, " at sub-unit '%s'", k->unit_codes[x.missing_unit]);
        }
        *caused = 1;
    }
    r57__free(x.nested_reason);
    return ret;
}

/* One row: as evaluate() at depth 0.  The value, or NaN with the cause
 * kept in the table and its offset in *cause. */
static int table_row(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u, int64_t period,
                     r57_kpi_table *t, cause_set *s, double *value, uint32_t *cause)
{
    size_t start = t->causes.len;
    int has = 0, caused = 0, ret;
    double v = NAN;
    if (!e->is_ratio) {
        ret = table_formula(db, k, e, &e->formula, u, period, &has, &v, t, &caused);
    } else {
        double n = NAN, d = NAN;
        int hn = 0, hd = 0;
        ret = table_formula(db, k, e, &e->num, u, period, &hn, &n, t, &caused);
        if (ret == R57_OK)
            ret = table_formula(db, k, e, &e->den, u, period, &hd, &d, t, &caused);
        if (ret == R57_OK && hn && hd) {
            if (d == 0) {
                r57__buf_printf(&t->causes, "division by zero: the denominator '%s' is 0",
                                r57_formula_text(e->den.f));
                caused = 1;
            } else {
                v = e->factor * n / d;
                has = isfinite(v);
                if (!has) {
                    r57__buf_puts(&t->causes, "the ratio overflows");
                    caused = 1;
                }
            }
        }
    }
    if (ret < 0)
        return ret;
    if (has) {
        *value = v;
        *cause = 0;
        return R57_OK;
    }
    if (!caused)
        r57__buf_puts(&t->causes, "no data");
    *value = NAN;
    return cause_keep(t, s, start, cause);
}

/*
 * The rows of a table for an indicator whose formula, or numerator and
 * denominator, are bare element references: the element's blocks are
 * found once for each period, and the rows, unit by unit (in the order
 * they are stored), read them directly.  A row gets here the number
 * evaluate() would give (the formula's value is the element's; a ratio is
 * factor * n / d), or, when it has none (or a number is not finite), goes
 * through table_row, so that its cause, or the failure, is worded exactly
 * as there.
 */
static int table_fast(r57_db *db, struct r57__kpi_cache *k, const entry *e, const int *order,
                      size_t nunits, r57_kpi_table *t, cause_set *s)
{
    const ref_info *rn = e->is_ratio ? &e->num.refs[0] : &e->formula.refs[0];
    const ref_info *rd = e->is_ratio ? &e->den.refs[0] : NULL;
    size_t np = t->nperiods;
    block **bn = r57__malloc(2 * (np ? np : 1) * sizeof *bn);
    if (!bn)
        return r57__error_nomem();
    block **bd = bn + np;
    int ret = R57_OK;
    for (size_t i = 0; ret == R57_OK && i < np; i++) {
        ret = block_get(db, k, rn->element_id, rn->aggregation, t->periods[i], &bn[i]);
        if (ret == R57_OK && rd)
            ret = block_get(db, k, rd->element_id, rd->aggregation, t->periods[i], &bd[i]);
    }
    /* Where the cause of a zero denominator is kept, once a row has had
     * it: the same words for every such row of the table. */
    uint32_t zero_cause = 0;
    for (size_t j = 0; ret == R57_OK && j < nunits; j++) {
        int u = order[j], miss;
        for (size_t i = 0, row = j * np; ret == R57_OK && i < np; i++, row++) {
            double n, d, v;
            int zero = 0;
            if (element_value(k, bn[i], u, e->rollup, &n, &miss) && isfinite(n)) {
                if (!rd) {
                    t->values[row] = n;
                    t->cause[row] = 0;
                    continue;
                }
                if (element_value(k, bd[i], u, e->rollup, &d, &miss) && isfinite(d)) {
                    if (d != 0 && isfinite(v = e->factor * n / d)) {
                        t->values[row] = v;
                        t->cause[row] = 0;
                        continue;
                    }
                    zero = d == 0;
                    if (zero && zero_cause) {
                        t->values[row] = NAN;
                        t->cause[row] = zero_cause;
                        continue;
                    }
                }
            }
            ret = table_row(db, k, e, u, t->periods[i], t, s, &t->values[row], &t->cause[row]);
            if (ret == R57_OK && zero)
                zero_cause = t->cause[row];
        }
    }
    r57__free(bn);
    return ret;
}

typedef struct unit_ref {
    const char *code;
    int index;
} unit_ref;

static int unit_ref_cmp(const void *a, const void *b)
{
    /* Descending: the stack below pops them in ascending order. */
    return strcmp(((const unit_ref *)b)->code, ((const unit_ref *)a)->code);
}

/* The units of the subtree of unit `root` (-1: every unit) into order[],
 * depth first, sub-units by code; their number into *count. */
static int subtree_order(const struct r57__kpi_cache *k, int root, int *order, size_t *count)
{
    size_t n = (size_t)(k->nunits ? k->nunits : 1);
    unit_ref *stack = r57__malloc(n * sizeof *stack);
    if (!stack)
        return r57__error_nomem();
    size_t top = 0, done = 0;
    if (root >= 0) {
        stack[top++] = (unit_ref){ k->unit_codes[root], root };
    } else {
        for (int i = 0; i < k->nunits; i++)
            if (k->parent[i] < 0)
                stack[top++] = (unit_ref){ k->unit_codes[i], i };
        qsort(stack, top, sizeof *stack, unit_ref_cmp);
    }
    while (top > 0) {
        int u = stack[--top].index;
        order[done++] = u;
        size_t first = top;
        for (int c = k->first_child[u]; c >= 0; c = k->next_sibling[c])
            stack[top++] = (unit_ref){ k->unit_codes[c], c };
        qsort(stack + first, top - first, sizeof *stack, unit_ref_cmp);
    }
    r57__free(stack);
    *count = done;
    return R57_OK;
}

void r57_kpi_table_free(r57_kpi_table *t)
{
    if (!t)
        return;
    r57__free(t->indicator);
    r57__free(t->codes);
    r57__free(t->code_at);
    r57__free(t->periods);
    r57__free(t->values);
    r57__free(t->cause);
    r57__buf_free(&t->causes);
    r57__buf_free(&t->reason);
    r57__free(t);
}

/* The table's rows, units and periods, allocated for the units in order[]
 * and the members of period p. */
static int table_new(r57_kpi_table **out, const struct r57__kpi_cache *k, const char *indicator,
                     const int *order, size_t nunits, int64_t p)
{
    size_t nperiods = (size_t)r57_period_count(p);
    if (nunits && nperiods > SIZE_MAX / sizeof(double) / nunits)
        return r57__error(R57_ENOMEM, "r57_kpi_table_eval: %zu units times %zu periods are "
                                      "too many rows", nunits, nperiods);
    size_t nrows = nunits * nperiods, text = 0;
    for (size_t j = 0; j < nunits; j++)
        text += strlen(k->unit_codes[order[j]]) + 1;
    r57_kpi_table *t = r57__calloc(1, sizeof *t);
    if (!t)
        return r57__error_nomem();
    t->nunits = nunits;
    t->nperiods = nperiods;
    t->indicator = r57__strdup(indicator);
    t->codes = r57__malloc(text ? text : 1);
    t->code_at = r57__malloc((nunits ? nunits : 1) * sizeof *t->code_at);
    t->periods = r57__malloc(nperiods * sizeof *t->periods);
    t->values = r57__malloc((nrows ? nrows : 1) * sizeof *t->values);
    t->cause = r57__malloc((nrows ? nrows : 1) * sizeof *t->cause);
    r57__buf_put(&t->causes, "", 1); /* offset 0: "" */
    if (!t->indicator || !t->codes || !t->code_at || !t->periods || !t->values || !t->cause ||
        t->causes.failed) {
        r57_kpi_table_free(t);
        return r57__error_nomem();
    }
    text = 0;
    for (size_t j = 0; j < nunits; j++) {
        const char *code = k->unit_codes[order[j]];
        size_t n = strlen(code) + 1;
        memcpy(t->codes + text, code, n);
        t->code_at[j] = text;
        text += n;
    }
    for (size_t i = 0; i < nperiods; i++)
        r57_period_member(&t->periods[i], p, (int)i);
    *out = t;
    return R57_OK;
}

int r57_kpi_table_eval(r57_kpi_table **out, r57_db *db, const char *indicator, const char *root,
                       const char *period)
{
    struct r57__kpi_cache *k;
    entry *e;
    int ret, ru = -1;
    int64_t p, rid = 0;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_kpi_table_eval: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_kpi_table_eval", "indicator", indicator)) < 0 ||
        (ret = r57__require("r57_kpi_table_eval", "period", period)) < 0 ||
        (root && (ret = r57__require("r57_kpi_table_eval", "root", root)) < 0) ||
        (ret = period_arg(&p, period, 1)) < 0 ||
        (root && (ret = unit_id(db, root, &rid)) < 0) || (ret = cache_get(db, &k)) < 0 ||
        (ret = entry_get(db, k, indicator, &e, 0)) < 0)
        return ret;
    if (root && (ru = unit_index(k, rid)) < 0)
        return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", root);
    size_t nunits = 0;
    int *order = r57__malloc((size_t)(k->nunits ? k->nunits : 1) * sizeof *order);
    if (!order)
        return r57__error_nomem();
    r57_kpi_table *t = NULL;
    cause_set s = { NULL, 0, 0 };
    if ((ret = subtree_order(k, ru, order, &nunits)) == R57_OK)
        ret = table_new(&t, k, indicator, order, nunits, p);
    int fast = e->is_ratio ? e->num.bare && e->den.bare : e->formula.bare;
    if (ret == R57_OK && fast)
        ret = table_fast(db, k, e, order, nunits, t, &s);
    /* Otherwise through the formula engine, period by period, so that the
     * rows of one period ask for the same blocks one after the other (each
     * reference remembers its last two); rows are stored by unit. */
    for (size_t i = 0; ret == R57_OK && !fast && i < t->nperiods; i++)
        for (size_t j = 0; ret == R57_OK && j < nunits; j++) {
            size_t row = j * t->nperiods + i;
            ret = table_row(db, k, e, order[j], t->periods[i], t, &s, &t->values[row],
                            &t->cause[row]);
        }
    r57__free(order);
    r57__free(s.slots);
    if (ret < 0) {
        r57_kpi_table_free(t);
        return ret;
    }
    *out = t;
    return R57_OK;
}

size_t r57_kpi_table_count(const r57_kpi_table *t) { return t ? t->nunits * t->nperiods : 0; }

static int is_row(const r57_kpi_table *t, size_t i)
{
    return t && i < t->nunits * t->nperiods;
}

const char *r57_kpi_table_unit(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) ? t->codes + t->code_at[i / t->nperiods] : NULL;
}

int64_t r57_kpi_table_period(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) ? t->periods[i % t->nperiods] : R57_PERIOD_NONE;
}

int r57_kpi_table_has_value(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) && t->cause[i] == 0;
}

double r57_kpi_table_value(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) ? t->values[i] : NAN;
}

const char *r57_kpi_table_reason(r57_kpi_table *t, size_t i)
{
    if (!is_row(t, i))
        return NULL;
    if (t->cause[i] == 0)
        return "";
    char pt[R57_PERIOD_TEXT_SIZE];
    r57_period_format(pt, sizeof pt, t->periods[i % t->nperiods]);
    t->reason.len = 0;
    t->reason.failed = 0;
    r57__buf_printf(&t->reason, "no value for '%s' at '%s' in %s: %s", t->indicator,
                    r57_kpi_table_unit(t, i), pt, t->causes.ptr + t->cause[i]);
    if (t->reason.failed || !t->reason.ptr)
        return "no value (the reason could not be built: out of memory)";
    return t->reason.ptr;
}

/* ---- targets and attainment ------------------------------------------------- */

static const char *const binds_names[] = { "unit", "subunits", "group", "members" };

const char *r57_target_binds_name(int b) { return b >= 0 && b < 4 ? binds_names[b] : NULL; }

int r57_target_binds_parse(int *out, const char *name)
{
    return parse_name(out, name, binds_names, 4, "target binds", "unit, subunits, group, members");
}

int r57_target_spec_init(r57_target_spec *spec, unsigned int version)
{
    if (!spec)
        return r57__error(R57_EINVAL, "r57_target_spec_init: spec is NULL");
    if (version != R57_TARGET_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_target_spec_init: unknown version %u", version);
    r57_target_spec init = R57_TARGET_SPEC_INIT;
    *spec = init;
    return R57_OK;
}

int r57_target_create(r57_db *db, const char *actor, const char *indicator, const char *unit,
                      const char *comparison, double value, const char *period, int aggregate,
                      const char *scope, const char *source)
{
    r57_target_spec s = R57_TARGET_SPEC_INIT;
    s.indicator = indicator;
    s.unit = unit;
    s.comparison = comparison;
    s.value = value;
    s.period = period;
    s.aggregate = aggregate;
    s.scope = scope;
    s.source = source;
    return r57_target_create_v2(db, actor, &s);
}

int r57_target_create_v2(r57_db *db, const char *actor, const r57_target_spec *spec)
{
    return r57__target_create(db, actor, spec, 1);
}

int r57__target_create(r57_db *db, const char *actor, const r57_target_spec *spec,
                       int must_exist)
{
    int ret, cmp;
    r57__target_row row;
    memset(&row, 0, sizeof row);
    if (!db || !spec)
        return r57__error(R57_EINVAL, "r57_target_create: db or spec is NULL");
    if (spec->version != R57_TARGET_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_target_create: unknown spec version %u", spec->version);
    const char *indicator = spec->indicator, *unit = spec->unit, *comparison = spec->comparison,
               *period = spec->period;
    double value = spec->value;
    int aggregate = spec->aggregate, binds = spec->binds;
    if ((ret = r57__require("r57_target_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_target_create", "indicator", indicator)) < 0 ||
        (ret = r57__require("r57_target_create", "comparison", comparison)) < 0)
        return ret;
    if (r57_comparison_parse(&cmp, comparison) < 0)
        return r57__error(R57_EINVAL, "target for '%s': comparison '%s' is not one of >=, >, =, "
                                      "<=, <",
                          indicator, comparison);
    if (!isfinite(value))
        return r57__error(R57_EINVAL, "target for '%s': the value is not a finite number",
                          indicator);
    if (aggregate != R57_TARGET_EACH && aggregate != R57_TARGET_AVERAGE)
        return r57__error(R57_EINVAL, "target for '%s': %d is not a target aggregate", indicator,
                          aggregate);
    if (!r57_target_binds_name(binds))
        return r57__error(R57_EINVAL, "target for '%s': binds %d is not unit, subunits, group or "
                                      "members", indicator, binds);
    if (binds != R57_TARGET_BINDS_UNIT && (!unit || !*unit))
        return r57__error(R57_EINVAL, "target for '%s': binds %s needs a %s code", indicator,
                          binds_names[binds], binds >= R57_TARGET_BINDS_GROUP ? "group" : "unit");
    if (period && *period && (ret = period_arg(&row.period, period, 1)) < 0)
        return ret;
    if (aggregate == R57_TARGET_AVERAGE && r57_period_kind(row.period) != R57_PERIOD_RANGE)
        return r57__error(R57_EINVAL, "target for '%s': an average needs a range of periods, "
                                      "not '%s'",
                          indicator, period ? period : "any period");
    if ((ret = r57__store_write_begin(db, "r57_target_create")) < 0)
        return ret;
    struct r57_indicator *ind = NULL;
    char what[300];
    snprintf(what, sizeof what, "set a target for indicator '%s'", indicator);
    ret = r57__access(db, actor, R57_ROLE_ADMINISTRATOR, 0, what);
    if (ret == R57_OK)
        ret = r57__store_indicator_by_code(db, indicator, indicator_row_fn, &ind);
    if (ret == R57_ENOTFOUND)
        ret = r57__error(R57_ENOTFOUND, "target: unknown indicator '%s'", indicator);
    if (ret == R57_OK && unit && *unit && binds < R57_TARGET_BINDS_GROUP) {
        ret = unit_id(db, unit, &row.unit_id);
        if (ret == R57_ENOTFOUND && !must_exist)
            ret = R57_OK;
    }
    if (ret == R57_OK && binds >= R57_TARGET_BINDS_GROUP) {
        ret = r57__store_group_id(db, unit, &row.group_id);
        if (ret == R57_ENOTFOUND && !must_exist)
            ret = R57_OK;
        else if (ret == R57_ENOTFOUND)
            ret = r57__error(R57_ENOTFOUND, "target for '%s': unknown unit group code '%s'",
                             indicator, unit);
    }
    row.code = unit && *unit ? unit : NULL;
    if (ret == R57_OK) {
        entry_load l;
        memset(&l, 0, sizeof l);
        ret = r57__store_indicator_by_code(db, indicator, copy_row, &l);
        row.indicator_id = l.id;
        entry_load_free(&l);
    }
    row.comparison = cmp;
    row.value = value;
    row.aggregate = aggregate;
    row.binds = binds;
    row.scope = spec->scope;
    row.source = spec->source;
    if (ret == R57_OK)
        ret = r57__store_target_insert(db, &row);
    if (ret == R57_OK) {
        char pt[R57_PERIOD_TEXT_SIZE] = "any";
        if (row.period)
            r57_period_format(pt, sizeof pt, row.period);
        r57__buf j = R57__BUF_INIT, key = R57__BUF_INIT;
        r57__buf_printf(&key, "%s@%s#%s", indicator, unit && *unit ? unit : "*", pt);
        r57__buf_printf(&j, "{\"comparison\":\"%s\",\"value\":", cmp_names[cmp]);
        json_number(&j, value);
        r57__buf_printf(&j, ",\"aggregate\":\"%s\",\"binds\":\"%s\",\"scope\":",
                        aggregate == R57_TARGET_AVERAGE ? "average" : "each", binds_names[binds]);
        r57__buf_json_string(&j, spec->scope);
        r57__buf_puts(&j, ",\"source\":");
        r57__buf_json_string(&j, spec->source);
        r57__buf_puts(&j, "}");
        ret = j.failed || key.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "target", key.ptr, "create", NULL, j.ptr);
        r57__buf_free(&j);
        r57__buf_free(&key);
    }
    r57_indicator_free(ind);
    return r57__store_write_end(db, ret);
}

struct r57_attainment {
    int status, comparison;
    double value, target, gap;
    int64_t target_period;
    char *reason;
};

typedef struct pick {
    const struct r57__kpi_cache *k;
    int slot;
    int64_t period;
    int found, score;
    r57__target_row best;
} pick;

/* How closely target t binds slot u: 8 exactly the unit or group, 6 the
 * unit of a target for it and its sub-units, 4 a unit below it or a
 * member of the group, 0 every unit; -1 when it does not bind u. */
/* The slot of a unit (groups: 0) or group (groups: 1) code; -1 if none. */
static int slot_of_code(const struct r57__kpi_cache *k, const char *code, int groups)
{
    for (int i = groups ? k->nunits : 0; i < (groups ? k->nslots : k->nunits); i++)
        if (strcmp(k->unit_codes[i], code) == 0)
            return i;
    return -1;
}

static int binding(const struct r57__kpi_cache *k, const r57__target_row *t, int u)
{
    int at;
    if (!t->code)
        return t->binds == R57_TARGET_BINDS_UNIT ? 0 : -1;
    switch (t->binds) {
    case R57_TARGET_BINDS_UNIT:
        return u < k->nunits && slot_of_code(k, t->code, 0) == u ? 8 : -1;
    case R57_TARGET_BINDS_SUBUNITS:
        at = slot_of_code(k, t->code, 0);
        if (at < 0 || u >= k->nunits)
            return -1;
        if (at == u)
            return 6;
        for (int a = k->parent[u], steps = 0; a >= 0 && steps <= k->nunits;
             a = k->parent[a], steps++)
            if (a == at)
                return 4;
        return -1;
    case R57_TARGET_BINDS_GROUP:
        return u >= k->nunits && slot_of_code(k, t->code, 1) == u ? 8 : -1;
    case R57_TARGET_BINDS_MEMBERS:
        at = slot_of_code(k, t->code, 1);
        if (at < 0 || u >= k->nunits)
            return -1;
        for (int j = k->gstart[at - k->nunits]; j < k->gstart[at - k->nunits + 1]; j++)
            if (k->gmembers[j] == u)
                return 4;
        return -1;
    default:
        return -1;
    }
}

/* Chooses the target that binds the unit or group (binding() points)
 * and the period: exactly the period (1 point) before a range or "any
 * period" containing it.  An average target applies only to its range. */
static int consider(const r57__target_row *t, void *payload)
{
    pick *p = payload;
    int exact = t->period == p->period;
    int contains = t->period == 0 || r57_period_contains(t->period, p->period);
    if (t->aggregate == R57_TARGET_AVERAGE ? !exact : !(exact || contains))
        return R57_OK;
    int bind = binding(p->k, t, p->slot);
    if (bind < 0)
        return R57_OK;
    int score = bind + exact;
    if (!p->found || score > p->score) {
        p->found = 1;
        p->score = score;
        p->best = *t;
        p->best.scope = p->best.source = NULL; /* borrowed strings not kept */
    }
    return R57_OK;
}

static int judge(int cmp, double v, double t, double *gap)
{
    int met;
    switch (cmp) {
    case R57_CMP_GE: met = v >= t; *gap = t - v; break;
    case R57_CMP_GT: met = v > t; *gap = t - v; break;
    case R57_CMP_EQ: met = fabs(v - t) <= 1e-9 * fmax(1.0, fabs(t)); *gap = fabs(v - t); break;
    case R57_CMP_LE: met = v <= t; *gap = v - t; break;
    default: met = v < t; *gap = v - t; break;
    }
    if (met || *gap < 0)
        *gap = met ? 0 : fmax(*gap, 0);
    return met;
}

int r57_attainment_get(r57_attainment **out, r57_db *db, const char *indicator,
                       const char *unit, const char *period)
{
    struct r57__kpi_cache *k;
    entry *e;
    int u, ret;
    int64_t p;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_attainment_get: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_attainment_get", "indicator", indicator)) < 0 ||
        (ret = r57__require("r57_attainment_get", "unit", unit)) < 0 ||
        (ret = r57__require("r57_attainment_get", "period", period)) < 0 ||
        (ret = period_arg(&p, period, 1)) < 0 ||
        (ret = eval_setup(db, indicator, unit, &k, &e, &u)) < 0)
        return ret;
    r57_attainment *a = r57__calloc(1, sizeof *a);
    if (!a)
        return r57__error_nomem();
    a->value = a->target = a->gap = NAN;
    a->comparison = -1;
    pick pk;
    memset(&pk, 0, sizeof pk);
    pk.k = k;
    pk.slot = u;
    pk.period = p;
    ret = r57__store_targets_for(db, e->id, consider, &pk);
    r57__buf why = R57__BUF_INIT;
    /* The value, with or without a target (a figure for a scope no target
     * binds is shown, not judged): a single period, or every member of a
     * range averaged — unless the formula computes the range's value over
     * its members itself. */
    int n = r57_period_count(p), has = 1;
    int64_t whole = p;
    if (n > 1 && !e->is_ratio && r57__formula_uses_members(e->formula.f))
        n = 1;
    else
        whole = 0;
    double sum = 0;
    char *no_data = NULL;
    for (int i = 0; i < n && ret == R57_OK && has; i++) {
        int64_t m = whole;
        r57_kpi_result r = { 0, NAN, NAN, NAN, NULL };
        if (!whole)
            r57_period_member(&m, p, i);
        ret = evaluate(db, k, e, u, m, 0, &r);
        if (ret == R57_OK && !r.has_value) {
            has = 0;
            no_data = r.reason;
            r.reason = NULL;
        }
        sum += r.value;
        r57__free(r.reason);
    }
    if (ret == R57_OK && has)
        a->value = sum / n;
    if (ret == R57_OK && !pk.found) {
        a->status = R57_ATTAINMENT_NO_TARGET;
        r57__buf_printf(&why, "no target for this scope: no target of '%s' binds '%s' in %s",
                        indicator, unit, period);
    } else if (ret == R57_OK) {
        a->target = pk.best.value;
        a->comparison = pk.best.comparison;
        a->target_period = pk.best.period;
        if (!has) {
            a->status = R57_ATTAINMENT_NO_DATA;
            r57__buf_puts(&why, no_data);
        } else {
            a->status = judge(a->comparison, a->value, a->target, &a->gap)
                            ? R57_ATTAINMENT_MET
                            : R57_ATTAINMENT_NOT_MET;
        }
    }
    r57__free(no_data);
    a->reason = r57__buf_detach(&why);
    if (ret == R57_OK && !a->reason)
        ret = r57__error_nomem();
    if (ret < 0) {
        r57_attainment_free(a);
        return ret;
    }
    *out = a;
    return R57_OK;
}

int r57_attainment_status(const r57_attainment *a) { return a ? a->status : -1; }
double r57_attainment_value(const r57_attainment *a) { return a ? a->value : NAN; }
double r57_attainment_target(const r57_attainment *a) { return a ? a->target : NAN; }
int r57_attainment_comparison(const r57_attainment *a) { return a ? a->comparison : -1; }
int64_t r57_attainment_target_period(const r57_attainment *a) { return a ? a->target_period : 0; }
double r57_attainment_gap(const r57_attainment *a) { return a ? a->gap : NAN; }
const char *r57_attainment_reason(const r57_attainment *a) { return a ? a->reason : NULL; }

void r57_attainment_free(r57_attainment *a)
{
    if (!a)
        return;
    r57__free(a->reason);
    r57__free(a);
}
