/*
 * Targets of indicators and their attainment (r57/kpi.h).
 */
#include "access.h"
#include "kpi_internal.h"

#include <math.h>
#include <string.h>

/* ---- targets and attainment ------------------------------------------------- */

static const char *const binds_names[] = { "unit", "subunits", "group", "members" };

const char *r57_target_binds_name(r57_target_binds_t b)
{
    return b >= 0 && b < 4 ? binds_names[b] : NULL;
}

int r57_target_binds_parse(r57_target_binds_t *out, const char *name)
{
    int i = r57__kpi_parse_name(out, name, binds_names, 4, "target binds",
                                "unit, subunits, group, members");
    if (i >= 0)
        *out = (r57_target_binds_t)i;
    return i < 0 ? i : R57_OK;
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

int r57_target_create(r57_db *db, const char *actor, const r57_target_spec *spec)
{
    return r57__target_create(db, actor, spec, 1);
}

/* Checks a target's spec (after its version) and fills the row from it,
 * all but the ids. */
static int target_row(r57__target_row *row, const char *actor, const r57_target_spec *spec)
{
    const char *indicator = spec->indicator, *unit = spec->unit, *period = spec->period;
    int ret, binds = spec->binds;
    memset(row, 0, sizeof *row);
    if ((ret = r57__require("r57_target_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_target_create", "indicator", indicator)) < 0 ||
        (ret = r57__require("r57_target_create", "comparison", spec->comparison)) < 0)
        return ret;
    if (r57_comparison_parse(&row->comparison, spec->comparison) < 0)
        return r57__error(R57_EINVAL,
                          "target for '%s': comparison '%s' is not one of >=, >, =, "
                          "<=, <",
                          indicator, spec->comparison);
    if (!isfinite(spec->value))
        return r57__error(R57_EINVAL, "target for '%s': the value is not a finite number",
                          indicator);
    if (spec->aggregate != R57_TARGET_EACH && spec->aggregate != R57_TARGET_AVERAGE)
        return r57__error(R57_EINVAL, "target for '%s': %d is not a target aggregate", indicator,
                          spec->aggregate);
    if (!r57_target_binds_name(binds))
        return r57__error(R57_EINVAL,
                          "target for '%s': binds %d is not unit, subunits, group or "
                          "members",
                          indicator, binds);
    if (binds != R57_TARGET_BINDS_UNIT && (!unit || !*unit))
        return r57__error(R57_EINVAL, "target for '%s': binds %s needs a %s code", indicator,
                          binds_names[binds], binds >= R57_TARGET_BINDS_GROUP ? "group" : "unit");
    if (period && *period && (ret = r57__kpi_period_arg(&row->period, period, 1)) < 0)
        return ret;
    if (spec->aggregate == R57_TARGET_AVERAGE && r57_period_kind(row->period) != R57_PERIOD_RANGE)
        return r57__error(R57_EINVAL,
                          "target for '%s': an average needs a range of periods, "
                          "not '%s'",
                          indicator, period ? period : "any period");
    row->code = unit && *unit ? unit : NULL;
    row->value = spec->value;
    row->aggregate = spec->aggregate;
    row->binds = binds;
    row->scope = spec->scope;
    row->source = spec->source;
    return R57_OK;
}

/* The unit's or group's id of the row, from its code (must_exist 0: a
 * code not in the database keeps the id 0). */
static int target_scope(r57_db *db, r57__target_row *row, const char *indicator, int must_exist)
{
    int ret = R57_OK;
    if (row->code && row->binds < R57_TARGET_BINDS_GROUP)
        ret = r57__kpi_unit_id(db, row->code, &row->unit_id);
    else if (row->binds >= R57_TARGET_BINDS_GROUP) {
        ret = r57__store_group_id(db, row->code, &row->group_id);
        if (ret == R57_ENOTFOUND && must_exist)
            ret = r57__error(R57_ENOTFOUND, "target for '%s': unknown unit group code '%s'",
                             indicator, row->code);
    }
    return ret == R57_ENOTFOUND && !must_exist ? R57_OK : ret;
}

static int target_journal(r57_db *db, const char *actor, const char *indicator,
                          const r57__target_row *row)
{
    char pt[R57_PERIOD_TEXT_SIZE] = "any";
    if (row->period)
        r57_period_format(pt, sizeof pt, row->period);
    r57__buf j = R57__BUF_INIT, key = R57__BUF_INIT;
    r57__buf_printf(&key, "%s@%s#%s", indicator, row->code ? row->code : "*", pt);
    r57__buf_printf(&j, "{\"comparison\":\"%s\",\"value\":", r57_comparison_name(row->comparison));
    r57__kpi_json_number(&j, row->value);
    r57__buf_printf(&j, ",\"aggregate\":\"%s\",\"binds\":\"%s\",\"scope\":",
                    row->aggregate == R57_TARGET_AVERAGE ? "average" : "each",
                    binds_names[row->binds]);
    r57__buf_json_string(&j, row->scope);
    r57__buf_puts(&j, ",\"source\":");
    r57__buf_json_string(&j, row->source);
    r57__buf_puts(&j, "}");
    int ret = j.failed || key.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "target", key.ptr, "create", NULL, j.ptr);
    r57__buf_free(&j);
    r57__buf_free(&key);
    return ret;
}

int r57__target_create(r57_db *db, const char *actor, const r57_target_spec *spec, int must_exist)
{
    r57__target_row row;
    int ret;
    if (!db || !spec)
        return r57__error(R57_EINVAL, "r57_target_create: db or spec is NULL");
    if (spec->version != R57_TARGET_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_target_create: unknown spec version %u", spec->version);
    if ((ret = target_row(&row, actor, spec)) < 0 ||
        (ret = r57__store_write_begin(db, "r57_target_create")) < 0)
        return ret;
    ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, 0, "set a target for indicator '%s'",
                          spec->indicator);
    if (ret == R57_OK)
        ret = r57__kpi_indicator_id(db, spec->indicator, &row.indicator_id);
    if (ret == R57_ENOTFOUND)
        ret = r57__error(R57_ENOTFOUND, "target: unknown indicator '%s'", spec->indicator);
    if (ret == R57_OK)
        ret = target_scope(db, &row, spec->indicator, must_exist);
    if (ret == R57_OK)
        ret = r57__store_target_insert(db, &row);
    if (ret == R57_OK)
        ret = target_journal(db, actor, spec->indicator, &row);
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
    r57_period period;
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
    case R57_TARGET_BINDS_UNIT: return u < k->nunits && slot_of_code(k, t->code, 0) == u ? 8 : -1;
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
    case R57_TARGET_BINDS_GROUP: return u >= k->nunits && slot_of_code(k, t->code, 1) == u ? 8 : -1;
    case R57_TARGET_BINDS_MEMBERS:
        at = slot_of_code(k, t->code, 1);
        if (at < 0 || u >= k->nunits)
            return -1;
        for (int j = k->gstart[at - k->nunits]; j < k->gstart[at - k->nunits + 1]; j++)
            if (k->gmembers[j] == u)
                return 4;
        return -1;
    default: return -1;
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
    case R57_CMP_GE:
        met = v >= t;
        *gap = t - v;
        break;
    case R57_CMP_GT:
        met = v > t;
        *gap = t - v;
        break;
    case R57_CMP_EQ:
        met = fabs(v - t) <= 1e-9 * fmax(1.0, fabs(t));
        *gap = fabs(v - t);
        break;
    case R57_CMP_LE:
        met = v <= t;
        *gap = v - t;
        break;
    default:
        met = v < t;
        *gap = v - t;
        break;
    }
    if (met || *gap < 0)
        *gap = met ? 0 : fmax(*gap, 0);
    return met;
}

/* The value of the indicator, with or without a target (a figure for a
 * scope no target binds is shown, not judged), into a->value: a single
 * period, or every member of a range averaged, unless the formula
 * computes the range's value over its members itself.  Without one,
 * *no_data is why (owned by the caller). */
static int attained_value(r57_db *db, const eval_at *at, r57_attainment *a, char **no_data)
{
    const entry *e = at->e;
    int n = r57_period_count(at->period), ret = R57_OK;
    int64_t whole = at->period;
    if (n > 1 && !e->is_ratio && r57__formula_uses_members(e->formula.f))
        n = 1;
    else
        whole = 0;
    double sum = 0;
    for (int i = 0; i < n && ret == R57_OK && !*no_data; i++) {
        int64_t m = whole;
        r57_kpi_result r = { 0, NAN, NAN, NAN, NULL };
        if (!whole)
            r57_period_member(&m, at->period, i);
        ret = r57__kpi_evaluate(db, at->k, e, at->u, m, 0, &r);
        if (ret == R57_OK && !r.has_value) {
            *no_data = r.reason;
            r.reason = NULL;
        }
        sum += r.value;
        r57__free(r.reason);
    }
    if (ret == R57_OK && !*no_data)
        a->value = sum / n;
    return ret;
}

int r57_attainment_get(r57_attainment **out, r57_db *db, const char *indicator, const char *unit,
                       const char *period)
{
    eval_at at;
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_attainment_get: out or db is NULL");
    *out = NULL;
    ret = r57__kpi_eval_setup(&at, db, "r57_attainment_get", indicator, unit, period, 1);
    if (ret < 0)
        return ret;
    r57_attainment *a = r57__calloc(1, sizeof *a);
    if (!a)
        return r57__error_nomem();
    a->value = a->target = a->gap = NAN;
    a->comparison = -1;
    pick pk;
    memset(&pk, 0, sizeof pk);
    pk.k = at.k;
    pk.slot = at.u;
    pk.period = at.period;
    ret = r57__store_targets_for(db, at.e->id, consider, &pk);
    r57__buf why = R57__BUF_INIT;
    char *no_data = NULL;
    if (ret == R57_OK)
        ret = attained_value(db, &at, a, &no_data);
    if (ret == R57_OK && !pk.found) {
        a->status = R57_ATTAINMENT_NO_TARGET;
        r57__buf_printf(&why, "no target for this scope: no target of '%s' binds '%s' in %s",
                        indicator, unit, period);
    } else if (ret == R57_OK) {
        a->target = pk.best.value;
        a->comparison = pk.best.comparison;
        a->target_period = pk.best.period;
        if (no_data) {
            a->status = R57_ATTAINMENT_NO_DATA;
            r57__buf_puts(&why, no_data);
        } else {
            a->status = judge(a->comparison, a->value, a->target, &a->gap) ? R57_ATTAINMENT_MET
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

r57_attainment_status_t r57_attainment_status(const r57_attainment *a)
{
    return a ? a->status : R57_ATTAINMENT_INVALID;
}
double r57_attainment_value(const r57_attainment *a) { return a ? a->value : NAN; }
double r57_attainment_target(const r57_attainment *a) { return a ? a->target : NAN; }
r57_comparison_t r57_attainment_comparison(const r57_attainment *a)
{
    return a ? a->comparison : R57_CMP_NONE;
}
r57_period r57_attainment_target_period(const r57_attainment *a)
{
    return a ? a->target_period : 0;
}
double r57_attainment_gap(const r57_attainment *a) { return a ? a->gap : NAN; }
const char *r57_attainment_reason(const r57_attainment *a) { return a ? a->reason : NULL; }

void r57_attainment_free(r57_attainment *a)
{
    if (!a)
        return;
    r57__free(a->reason);
    r57__free(a);
}
