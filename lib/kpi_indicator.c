/*
 * Indicators (r57/kpi.h): creating one (its formulas checked by compiling
 * them through the evaluation cache), reading one back, iterating.
 */
#include "access.h"
#include "kpi_internal.h"

#include <math.h>
#include <string.h>

/* ---- indicators ---------------------------------------------------------- */

struct r57_indicator {
    char *code, *name, *measure, *formula, *numerator, *denominator, *description;
    int direction, rollup;
    double factor;
};

static int id_row(const r57__indicator_row *row, void *payload)
{
    *(int64_t *)payload = row->id;
    return R57_OK;
}

int r57__kpi_indicator_id(r57_db *db, const char *code, int64_t *id)
{
    return r57__store_indicator_by_code(db, code, id_row, id);
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
    int ret = r57__kpi_cache_get(db, &k);
    if (ret < 0)
        return ret;
    ret = r57__kpi_compile(&c, db, k, code, what, text, 0);
    r57__kpi_compiled_free(&c);
    return ret;
}

/* Checks an indicator's spec (after its version) and fills the row from
 * it. */
static int spec_row(r57__indicator_row *row, const char *actor, const r57_indicator_spec *s)
{
    int ret;
    memset(row, 0, sizeof *row);
    if ((ret = r57__require("r57_indicator_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_indicator_create", "code", s->code)) < 0 ||
        (ret = r57__require("r57_indicator_create", "name", s->name)) < 0 ||
        (ret = r57__kpi_check_code("indicator", s->code)) < 0)
        return ret;
    int has_formula = !r57__blank(s->formula);
    int has_ratio = !r57__blank(s->numerator) || !r57__blank(s->denominator);
    if (has_formula == has_ratio)
        return r57__error(R57_EINVAL,
                          "indicator '%s': give either a formula or a numerator "
                          "and a denominator",
                          s->code);
    if (has_ratio && (r57__blank(s->numerator) || r57__blank(s->denominator)))
        return r57__error(R57_EINVAL,
                          "indicator '%s': a numerator needs a denominator and "
                          "the other way round",
                          s->code);
    if (!r57_direction_name(s->direction))
        return r57__error(R57_EINVAL, "indicator '%s': %d is not a direction", s->code,
                          s->direction);
    if (!r57_rollup_name(s->rollup))
        return r57__error(R57_EINVAL, "indicator '%s': %d is not a roll-up rule", s->code,
                          s->rollup);
    if (!isfinite(s->factor) || (s->has_baseline && !isfinite(s->baseline)))
        return r57__error(R57_EINVAL, "indicator '%s': factor or baseline is not finite", s->code);
    if (s->baseline_period && *s->baseline_period &&
        (ret = r57__kpi_period_arg(&row->baseline_period, s->baseline_period, 1)) < 0)
        return ret;
    row->code = s->code;
    row->name = s->name;
    row->measure = s->measure;
    row->direction = s->direction;
    row->formula = has_formula ? s->formula : NULL;
    row->numerator = has_ratio ? s->numerator : NULL;
    row->denominator = has_ratio ? s->denominator : NULL;
    row->factor = s->factor != 0 ? s->factor : 1;
    row->rollup = s->rollup;
    row->has_baseline = s->has_baseline;
    row->baseline = s->baseline;
    row->description = s->description;
    return R57_OK;
}

static int indicator_journal(r57_db *db, const char *actor, const r57__indicator_row *row)
{
    r57__buf j = R57__BUF_INIT;
    r57__buf_puts(&j, "{\"code\":");
    r57__buf_json_string(&j, row->code);
    r57__buf_puts(&j, ",\"formula\":");
    r57__buf_json_string(&j, row->formula);
    r57__buf_puts(&j, ",\"numerator\":");
    r57__buf_json_string(&j, row->numerator);
    r57__buf_puts(&j, ",\"denominator\":");
    r57__buf_json_string(&j, row->denominator);
    r57__buf_puts(&j, ",\"factor\":");
    r57__kpi_json_number(&j, row->factor);
    r57__buf_printf(&j, ",\"direction\":\"%s\",\"rollup\":\"%s\"}",
                    r57_direction_name(row->direction), r57_rollup_name(row->rollup));
    int ret = j.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "indicator", row->code, "create", NULL, j.ptr);
    r57__buf_free(&j);
    return ret;
}

int r57_indicator_create(r57_db *db, const char *actor, const r57_indicator_spec *s)
{
    r57__indicator_row row;
    int64_t id;
    int ret;
    if (!db || !s)
        return r57__error(R57_EINVAL, "r57_indicator_create: db or spec is NULL");
    if (s->version != R57_INDICATOR_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_indicator_create: unknown spec version %u", s->version);
    if ((ret = spec_row(&row, actor, s)) < 0 ||
        (ret = r57__store_write_begin(db, "r57_indicator_create")) < 0)
        return ret;
    ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, 0, "create indicator '%s'", s->code);
    if (ret == R57_OK) {
        ret = r57__kpi_indicator_id(db, s->code, &id);
        if (ret == R57_OK)
            ret = r57__error(R57_EEXISTS, "indicator '%s' exists already", s->code);
        else if (ret == R57_ENOTFOUND)
            ret = R57_OK;
    }
    if (ret == R57_OK && row.formula)
        ret = check_formula(db, s->code, "formula", row.formula);
    if (ret == R57_OK && row.numerator)
        ret = check_formula(db, s->code, "numerator", row.numerator);
    if (ret == R57_OK && row.numerator)
        ret = check_formula(db, s->code, "denominator", row.denominator);
    r57__kpi_cache_free(db);
    if (ret == R57_OK)
        ret = r57__store_indicator_insert(db, &row);
    if (ret == R57_OK)
        ret = indicator_journal(db, actor, &row);
    return r57__store_write_end(db, ret);
}

/* ---- indicator objects ------------------------------------------------------ */

static int indicator_from_row(r57_indicator **out, const r57__indicator_row *r)
{
    r57_indicator *ind = r57__calloc(1, sizeof *ind);
    if (!ind)
        return r57__error_nomem();
    int failed = 0;
    ind->code = r57__kpi_dup_or_fail(r->code, &failed);
    ind->name = r57__kpi_dup_or_fail(r->name, &failed);
    ind->measure = r57__kpi_dup_or_fail(r->measure ? r->measure : "", &failed);
    ind->formula = r57__kpi_dup_or_fail(r->formula ? r->formula : "", &failed);
    ind->numerator = r57__kpi_dup_or_fail(r->numerator ? r->numerator : "", &failed);
    ind->denominator = r57__kpi_dup_or_fail(r->denominator ? r->denominator : "", &failed);
    ind->description = r57__kpi_dup_or_fail(r->description ? r->description : "", &failed);
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

static int indicator_row(const r57__indicator_row *row, void *payload)
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
    return r57__store_indicator_by_code(db, code, indicator_row, out);
}

const char *r57_indicator_code(const r57_indicator *i) { return i ? i->code : NULL; }
const char *r57_indicator_name(const r57_indicator *i) { return i ? i->name : NULL; }
const char *r57_indicator_measure(const r57_indicator *i) { return i ? i->measure : NULL; }
r57_direction_t r57_indicator_direction(const r57_indicator *i)
{
    return i ? i->direction : R57_DIRECTION_INVALID;
}
const char *r57_indicator_formula(const r57_indicator *i) { return i ? i->formula : NULL; }
const char *r57_indicator_numerator(const r57_indicator *i) { return i ? i->numerator : NULL; }
const char *r57_indicator_denominator(const r57_indicator *i) { return i ? i->denominator : NULL; }
double r57_indicator_factor(const r57_indicator *i) { return i ? i->factor : NAN; }
r57_rollup_t r57_indicator_rollup(const r57_indicator *i)
{
    return i ? i->rollup : R57_ROLLUP_INVALID;
}
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
