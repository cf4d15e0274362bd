/*
 * Evaluating an indicator for one unit (or unit group) and one period
 * (r57_kpi_eval), through the evaluation cache (kpi_cache.c) and the
 * formula engine (formula.c).
 */
#include "kpi_internal.h"

#include <math.h>
#include <string.h>

/* ---- evaluation ---------------------------------------------------------------- */

int r57__kpi_resolve(double *out, bool *has_value, size_t ref, const char *name,
                     r57_formula_ref_kind_t kind, r57_period period, void *payload)
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
                int ret = r57__kpi_block_get(x->db, x->k, ri->element_id, ri->aggregation, period,
                                             &b);
                if (ret < 0)
                    return ret;
            }
            ri->recent[1] = ri->recent[0];
            ri->recent[0] = b;
        }
        int missing = x->unit;
        *has_value = r57__kpi_element_value(x->k, b, x->unit, x->rule, out, &missing);
        if (!*has_value && x->missing_unit < 0)
            x->missing_unit = missing;
        return R57_OK;
    }
    r57_kpi_result sub = { 0, NAN, NAN, NAN, NULL };
    int ret = r57__kpi_evaluate(x->db, x->k, ri->indicator, x->unit, period, x->depth + 1, &sub);
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

/* Evaluates one formula of indicator e; *has and *v as the formula says.
 * Without a value, and when nothing was written yet (*caused 0), writes
 * why into `why` and sets *caused. */
static int eval_formula(r57_db *db, struct r57__kpi_cache *k, const entry *e, const compiled *c,
                        int u, r57_period period, int depth, int *has, double *v, r57__buf *why,
                        int *caused)
{
    if (depth >= MAXDEPTH)
        return r57__error(R57_ECYCLE, "indicator '%s': nested more than %d deep", e->code,
                          MAXDEPTH);
    if (!k->results[depth] && r57_formula_result_new(&k->results[depth]) < 0)
        return R57_ENOMEM;
    r57_formula_result *res = k->results[depth];
    eval_ctx x = { db, k, c, u, e->rollup, depth, -1, NULL };
    int ret = r57_formula_eval(res, c->f, period, r57__kpi_resolve, &x);
    if (ret == R57_OK) {
        *has = r57_formula_result_has_value(res);
        *v = r57_formula_result_value(res);
    }
    if (ret == R57_OK && !*has && !*caused) {
        const char *reason = r57_formula_result_reason(res);
        int missing = r57_formula_result_novalue(res) == R57_NOVALUE_MISSING;
        if (strncmp(reason, "no value: ", 10) == 0)
            reason += 10;
        r57__buf_puts(why, reason);
        if (missing && x.nested_reason) {
            r57__buf_puts(why, " (");
            r57__buf_puts(why, x.nested_reason);
            r57__buf_puts(why, ")");
        } else if (missing && x.missing_unit >= 0 && x.missing_unit != u) {
            r57__buf_printf(why, " at sub-unit '%s'", k->unit_codes[x.missing_unit]);
        }
        *caused = 1;
    }
    r57__free(x.nested_reason);
    return ret;
}

int r57__kpi_compute(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u, r57_period period,
                     int depth, r57_kpi_result *out, r57__buf *why)
{
    int has = 0, caused = 0, ret;
    double v = NAN;
    out->has_value = 0;
    out->value = out->numerator = out->denominator = NAN;
    if (!e->is_ratio) {
        ret = eval_formula(db, k, e, &e->formula, u, period, depth, &has, &v, why, &caused);
        if (ret == R57_OK && has) {
            out->has_value = 1;
            out->value = v;
        }
    } else {
        double n = NAN, d = NAN;
        int hn = 0, hd = 0;
        ret = eval_formula(db, k, e, &e->num, u, period, depth, &hn, &n, why, &caused);
        if (ret == R57_OK)
            ret = eval_formula(db, k, e, &e->den, u, period, depth, &hd, &d, why, &caused);
        if (ret == R57_OK && hn && hd && d == 0) {
            r57__buf_printf(why, "division by zero: the denominator '%s' is 0",
                            r57_formula_text(e->den.f));
            caused = 1;
        } else if (ret == R57_OK && hn && hd) {
            out->numerator = n;
            out->denominator = d;
            out->value = e->factor * n / d;
            out->has_value = isfinite(out->value);
            if (!out->has_value) {
                out->value = NAN;
                r57__buf_puts(why, "the ratio overflows");
                caused = 1;
            }
        }
    }
    if (ret == R57_OK && !out->has_value && !caused)
        r57__buf_puts(why, "no data");
    return ret;
}

int r57__kpi_evaluate(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u,
                      r57_period period, int depth, r57_kpi_result *out)
{
    r57__buf why = R57__BUF_INIT;
    int ret = r57__kpi_compute(db, k, e, u, period, depth, out, &why);
    if (ret == R57_OK && !out->has_value) {
        char pt[R57_PERIOD_TEXT_SIZE];
        r57__buf b = R57__BUF_INIT;
        r57_period_format(pt, sizeof pt, period);
        r57__buf_printf(&b, "no value for '%s' at '%s' in %s: %s", e->code, k->unit_codes[u], pt,
                        why.ptr ? why.ptr : "");
        out->reason = r57__buf_detach(&b);
        if (!out->reason || why.failed)
            ret = r57__error_nomem();
    }
    r57__buf_free(&why);
    return ret;
}

int r57__kpi_eval_setup(eval_at *at, r57_db *db, const char *fn, const char *indicator,
                        const char *unit, const char *period, int allow_range)
{
    int64_t uid, gid;
    int ret;
    if ((ret = r57__require(fn, "indicator", indicator)) < 0 ||
        (ret = r57__require(fn, "unit", unit)) < 0 ||
        (ret = r57__require(fn, "period", period)) < 0 ||
        (ret = r57__kpi_period_arg(&at->period, period, allow_range)) < 0 ||
        (ret = r57__kpi_scope_id(db, unit, &uid, &gid)) < 0 ||
        (ret = r57__kpi_cache_get(db, &at->k)) < 0 ||
        (ret = r57__kpi_entry_get(db, at->k, indicator, &at->e, 0)) < 0)
        return ret;
    at->u = gid ? r57__kpi_group_slot(at->k, gid) : r57__kpi_unit_index(at->k, uid);
    return at->u < 0 ? r57__error(R57_ENOTFOUND, "unknown unit code '%s'", unit) : R57_OK;
}

int r57_kpi_eval(r57_kpi_result **out, r57_db *db, const char *indicator, const char *unit,
                 const char *period)
{
    eval_at at;
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_kpi_eval: out or db is NULL");
    *out = NULL;
    if ((ret = r57__kpi_eval_setup(&at, db, "r57_kpi_eval", indicator, unit, period, 0)) < 0)
        return ret;
    r57_kpi_result *r = r57__calloc(1, sizeof *r);
    if (!r)
        return r57__error_nomem();
    if ((ret = r57__kpi_evaluate(db, at.k, at.e, at.u, at.period, 0, r)) < 0) {
        r57_kpi_result_free(r);
        return ret;
    }
    *out = r;
    return R57_OK;
}

bool r57_kpi_result_has_value(const r57_kpi_result *r) { return r ? r->has_value : 0; }
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
