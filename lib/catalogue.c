/*
 * Loading a catalogue of data elements, indicators and targets from JSON
 * (docs/formulas.md, "The catalogue file"), with jansson.  Indicators are
 * created in an order where each comes after those it refers to; a cycle
 * among them is refused with R57_ECYCLE naming it.
 */
#include "internal.h"

#include <jansson.h>
#include <string.h>

/* Where in the file a message points: "indicators[%zu]" with the largest
 * size_t (20 digits) is 33 bytes, so no index is ever cut. */
#define WHERE_SIZE 64

/* A string member, or NULL when absent or null; *bad set if of another type. */
static const char *str(json_t *obj, const char *key, const char *where, int *bad)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        if (!*bad)
            r57__error(R57_EINVAL, "catalogue: %s: \"%s\" is not a string", where, key);
        *bad = 1;
        return NULL;
    }
    return json_string_value(v);
}

static int need(const char *value, const char *key, const char *where)
{
    return value ? R57_OK : r57__error(R57_EINVAL, "catalogue: %s: \"%s\" is missing", where, key);
}

static int load_elements(r57_db *db, const char *actor, json_t *list)
{
    size_t i;
    json_t *el;
    char where[WHERE_SIZE];
    json_array_foreach(list, i, el)
    {
        int bad = 0, ret;
        r57_aggregation_t agg = R57_AGG_SUM;
        snprintf(where, sizeof where, "elements[%zu]", i);
        const char *code = str(el, "code", where, &bad), *name = str(el, "name", where, &bad),
                   *measure = str(el, "measure", where, &bad),
                   *aggregation = str(el, "aggregation", where, &bad);
        if (bad)
            return R57_EINVAL;
        if ((ret = need(code, "code", where)) < 0 || (ret = need(name, "name", where)) < 0)
            return ret;
        if (aggregation && (ret = r57_aggregation_parse(&agg, aggregation)) < 0)
            return ret;
        if ((ret = r57_element_create(db, actor, code, name, measure, agg)) < 0)
            return ret;
    }
    return R57_OK;
}

/* Does formula text refer to indicator `code` (I{code})? */
static int refers_to(const char *text, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = text ? strstr(text, "I{") : NULL; p; p = strstr(p + 2, "I{"))
        if (strncmp(p + 2, code, n) == 0 && p[2 + n] == '}')
            return 1;
    return 0;
}

static const char *formula_of(json_t *ind, const char *key)
{
    json_t *v = json_object_get(ind, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int depends(json_t *a, json_t *b)
{
    const char *code = json_string_value(json_object_get(b, "code"));
    return code && (refers_to(formula_of(a, "formula"), code) ||
                    refers_to(formula_of(a, "numerator"), code) ||
                    refers_to(formula_of(a, "denominator"), code));
}

static int create_indicator(r57_db *db, const char *actor, json_t *ind, size_t i)
{
    char where[WHERE_SIZE];
    int bad = 0, ret;
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    snprintf(where, sizeof where, "indicators[%zu]", i);
    s.code = str(ind, "code", where, &bad);
    s.name = str(ind, "name", where, &bad);
    s.measure = str(ind, "measure", where, &bad);
    s.formula = str(ind, "formula", where, &bad);
    s.numerator = str(ind, "numerator", where, &bad);
    s.denominator = str(ind, "denominator", where, &bad);
    s.description = str(ind, "description", where, &bad);
    const char *direction = str(ind, "direction", where, &bad);
    const char *rollup = str(ind, "rollup", where, &bad);
    json_t *factor = json_object_get(ind, "factor");
    if (bad)
        return R57_EINVAL;
    if (factor && !json_is_number(factor))
        return r57__error(R57_EINVAL, "catalogue: %s: \"factor\" is not a number", where);
    s.factor = factor ? json_number_value(factor) : 0;
    if ((ret = need(s.code, "code", where)) < 0 || (ret = need(s.name, "name", where)) < 0)
        return ret;
    if (direction && (ret = r57_direction_parse(&s.direction, direction)) < 0)
        return ret;
    if (rollup && (ret = r57_rollup_parse(&s.rollup, rollup)) < 0)
        return ret;
    return r57_indicator_create(db, actor, &s);
}

/* Creates the indicators, each after the ones it refers to (Kahn's order by
 * repeated passes: catalogues are small). */
static int load_indicators(r57_db *db, const char *actor, json_t *list)
{
    size_t n = json_array_size(list), done_count = 0;
    unsigned char *done = r57__calloc(n ? n : 1, 1);
    int ret = done ? R57_OK : r57__error_nomem();
    while (ret == R57_OK && done_count < n) {
        size_t progress = 0;
        for (size_t i = 0; i < n && ret == R57_OK; i++) {
            if (done[i])
                continue;
            int ready = 1;
            for (size_t j = 0; j < n && ready; j++)
                if (j != i && !done[j] && depends(json_array_get(list, i), json_array_get(list, j)))
                    ready = 0;
            if (!ready)
                continue;
            ret = create_indicator(db, actor, json_array_get(list, i), i);
            done[i] = 1;
            done_count++;
            progress++;
        }
        if (ret == R57_OK && progress == 0) {
            r57__buf b = R57__BUF_INIT;
            for (size_t i = 0; i < n; i++)
                if (!done[i]) {
                    r57__buf_puts(&b, b.len ? ", '" : "'");
                    r57__buf_puts(&b, json_string_value(
                                          json_object_get(json_array_get(list, i), "code")));
                    r57__buf_puts(&b, "'");
                }
            ret = r57__error(R57_ECYCLE, "catalogue: indicators %s refer to each other in a cycle",
                             b.ptr ? b.ptr : "");
            r57__buf_free(&b);
        }
    }
    r57__free(done);
    return ret;
}

static int load_targets(r57_db *db, const char *actor, json_t *list)
{
    size_t i;
    json_t *t;
    char where[WHERE_SIZE];
    json_array_foreach(list, i, t)
    {
        int bad = 0, ret, agg = R57_TARGET_EACH;
        snprintf(where, sizeof where, "targets[%zu]", i);
        const char *ind = str(t, "indicator", where, &bad),
                   *cmp = str(t, "comparison", where, &bad),
                   *period = str(t, "period", where, &bad), *unit = str(t, "unit", where, &bad),
                   *scope = str(t, "scope", where, &bad), *source = str(t, "source", where, &bad),
                   *aggregate = str(t, "aggregate", where, &bad),
                   *group = str(t, "group", where, &bad), *binds = str(t, "binds", where, &bad);
        json_t *value = json_object_get(t, "value");
        if (bad)
            return R57_EINVAL;
        if ((ret = need(ind, "indicator", where)) < 0 || (ret = need(cmp, "comparison", where)) < 0)
            return ret;
        if (!json_is_number(value))
            return r57__error(R57_EINVAL, "catalogue: %s: \"value\" is missing or not a number",
                              where);
        if (aggregate && strcmp(aggregate, "average") == 0)
            agg = R57_TARGET_AVERAGE;
        else if (aggregate && strcmp(aggregate, "each") != 0)
            return r57__error(R57_EINVAL, "catalogue: %s: aggregate '%s' is not each or average",
                              where, aggregate);
        /* What the target binds: "unit" (with "binds": "subunits" for the
         * unit and those below it), or "group" (with "binds": "members"
         * for each member); neither: every unit. */
        r57_target_spec spec = R57_TARGET_SPEC_INIT;
        if (unit && group)
            return r57__error(R57_EINVAL, "catalogue: %s: give \"unit\" or \"group\", not both",
                              where);
        spec.binds = group ? R57_TARGET_BINDS_GROUP : R57_TARGET_BINDS_UNIT;
        if (binds && (ret = r57_target_binds_parse(&spec.binds, binds)) < 0)
            return r57__error(R57_EINVAL, "catalogue: %s: %s", where,
                              r57_error_message(r57_error_last()));
        if ((spec.binds >= R57_TARGET_BINDS_GROUP) != (group != NULL) ||
            (spec.binds == R57_TARGET_BINDS_SUBUNITS && !unit))
            return r57__error(R57_EINVAL, "catalogue: %s: \"binds\": \"%s\" goes with a%s", where,
                              r57_target_binds_name(spec.binds),
                              spec.binds >= R57_TARGET_BINDS_GROUP ? " \"group\"" : " \"unit\"");
        spec.indicator = ind;
        spec.unit = group ? group : unit;
        spec.comparison = cmp;
        spec.value = json_number_value(value);
        spec.period = period;
        spec.aggregate = agg;
        spec.scope = scope;
        spec.source = source;
        /* A unit or group of the registry may be loaded after the
         * catalogue: the target binds it once it exists. */
        if ((ret = r57__target_create(db, actor, &spec, 0)) < 0)
            return ret;
    }
    return R57_OK;
}

static int load(r57_db *db, const char *actor, json_t *root, const char *path)
{
    json_t *fmt = json_object_get(root, "format"), *ver = json_object_get(root, "version");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), "libr57-catalogue") != 0)
        return r57__error(R57_EINVAL, "catalogue '%s': \"format\" is not \"libr57-catalogue\"",
                          path);
    if (!json_is_integer(ver))
        return r57__error(R57_EINVAL, "catalogue '%s': \"version\" is missing", path);
    if (json_integer_value(ver) != 1)
        return r57__error(R57_EVERSION, "catalogue '%s': version %lld is newer than 1", path,
                          (long long)json_integer_value(ver));
    const char *keys[] = { "elements", "indicators", "targets" };
    for (int i = 0; i < 3; i++) {
        json_t *v = json_object_get(root, keys[i]);
        if (v && !json_is_array(v))
            return r57__error(R57_EINVAL, "catalogue '%s': \"%s\" is not an array", path, keys[i]);
    }
    int ret = load_elements(db, actor, json_object_get(root, "elements"));
    if (ret == R57_OK)
        ret = load_indicators(db, actor, json_object_get(root, "indicators"));
    if (ret == R57_OK)
        ret = load_targets(db, actor, json_object_get(root, "targets"));
    return ret;
}

int r57_catalogue_load(r57_db *db, const char *actor, const char *path)
{
    json_error_t jerr;
    int ret;
    if (!db)
        return r57__error(R57_EINVAL, "r57_catalogue_load: db is NULL");
    if ((ret = r57__require("r57_catalogue_load", "actor", actor)) < 0 ||
        (ret = r57__require("r57_catalogue_load", "path", path)) < 0)
        return ret;
    json_t *root;
    if ((ret = r57__json_parse(&root, NULL, 0, path, &jerr)) < 0) {
        if (ret == R57_ENOMEM)
            return ret;
        if (json_error_code(&jerr) == json_error_cannot_open_file)
            return r57__error(R57_EIO, "catalogue '%s': %s", path, jerr.text);
        return r57__error_at(R57_EPARSE, jerr.line, jerr.column, (long)jerr.position,
                             "catalogue '%s': line %d, column %d: %s", path, jerr.line, jerr.column,
                             jerr.text);
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return r57__error(R57_EINVAL, "catalogue '%s': the top level is not an object", path);
    }
    /* All or nothing: in a transaction of its own. */
    if ((ret = r57_db_begin(db)) < 0) {
        json_decref(root);
        if (ret == R57_ESTATE)
            return r57__error(R57_ESTATE, "r57_catalogue_load: a transaction is open; the "
                                          "catalogue loads in one of its own");
        return ret;
    }
    ret = load(db, actor, root, path);
    json_decref(root);
    {
        if (ret == R57_OK)
            ret = r57_db_commit(db);
        if (ret < 0)
            r57__db_rollback_keep_error(db);
    }
    return ret;
}
