/*
 * The KPI engine: data elements, values, indicators, evaluation with
 * roll-up, targets and attainment.  Storage is in store_kpi.c; the formula
 * language in formula.c.  The engine is split by concept:
 *
 *   kpi.c            names of the enumerations, arguments every part checks
 *   kpi_value.c      data elements and their values
 *   kpi_cache.c      the per-handle evaluation cache: unit tree, value
 *                    blocks with their roll-up, compiled indicators
 *   kpi_indicator.c  indicators: creation, objects, iterator
 *   kpi_eval.c       evaluation of an indicator for a unit and a period
 *   kpi_table.c      evaluation for every unit and period at once
 *   kpi_target.c     targets and attainment
 *
 * with what they share in kpi_internal.h.
 */
#include "access.h"
#include "kpi_internal.h"

#include <stdarg.h>
#include <string.h>

/* ---- names -------------------------------------------------------------- */

int r57__kpi_parse_name(bool has_out, const char *name, const char *const *names, int n,
                        const char *what, const char *list)
{
    if (!has_out || !name)
        return r57__error(R57_EINVAL, "%s: NULL argument", what);
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return i;
    return r57__error(R57_EINVAL, "%s '%s' is not one of %s", what, name, list);
}

static const char *const agg_names[] = { "sum", "mean", "inherit" };
static const char *const dir_names[] = { "higher", "lower" };
static const char *const rollup_names[] = { "own", "subunits", "both" };
static const char *const cmp_names[] = { ">=", ">", "=", "<=", "<" };
static const char *const status_names[] = { "met", "not_met", "no_data", "no_target" };

const char *r57_aggregation_name(r57_aggregation_t a)
{
    return a >= 0 && a < 3 ? agg_names[a] : NULL;
}
const char *r57_direction_name(r57_direction_t d) { return d >= 0 && d < 2 ? dir_names[d] : NULL; }
const char *r57_rollup_name(r57_rollup_t r) { return r >= 0 && r < 3 ? rollup_names[r] : NULL; }
const char *r57_comparison_name(r57_comparison_t c)
{
    return c >= 0 && c < 5 ? cmp_names[c] : NULL;
}
const char *r57_attainment_status_name(r57_attainment_status_t s)
{
    return s >= 0 && s < 4 ? status_names[s] : NULL;
}

int r57_aggregation_parse(r57_aggregation_t *out, const char *name)
{
    int i = r57__kpi_parse_name(out, name, agg_names, 3, "aggregation", "sum, mean, inherit");
    if (i >= 0)
        *out = (r57_aggregation_t)i;
    return i < 0 ? i : R57_OK;
}

int r57_direction_parse(r57_direction_t *out, const char *name)
{
    int i = r57__kpi_parse_name(out, name, dir_names, 2, "direction", "higher, lower");
    if (i >= 0)
        *out = (r57_direction_t)i;
    return i < 0 ? i : R57_OK;
}

int r57_rollup_parse(r57_rollup_t *out, const char *name)
{
    int i = r57__kpi_parse_name(out, name, rollup_names, 3, "roll-up", "own, subunits, both");
    if (i >= 0)
        *out = (r57_rollup_t)i;
    return i < 0 ? i : R57_OK;
}

int r57_comparison_parse(r57_comparison_t *out, const char *text)
{
    static const struct {
        const char *text;
        r57_comparison_t cmp;
    } forms[] = { { ">=", R57_CMP_GE },
                  { "\xe2\x89\xa5", R57_CMP_GE },
                  { ">", R57_CMP_GT },
                  { "=", R57_CMP_EQ },
                  { "==", R57_CMP_EQ },
                  { "<=", R57_CMP_LE },
                  { "\xe2\x89\xa4", R57_CMP_LE },
                  { "<", R57_CMP_LT } };
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
int r57__kpi_check_code(const char *what, const char *code)
{
    for (const char *p = code; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return r57__error(R57_EINVAL, "%s code '%s' may hold only letters, digits and '_'",
                              what, code);
    return R57_OK;
}

/* Parses a period argument, naming the argument in the message. */
int r57__kpi_period_arg(int64_t *out, const char *text, int allow_range)
{
    int ret = r57_period_parse(out, text);
    if (ret < 0)
        return ret;
    if (!allow_range && r57_period_kind(*out) == R57_PERIOD_RANGE)
        return r57__error(R57_EINVAL,
                          "period '%s' is a range; give a year, half-year, quarter or "
                          "month",
                          text);
    return R57_OK;
}

int r57__kpi_unit_id(r57_db *db, const char *code, int64_t *id)
{
    int ret = r57__store_unit_id(db, code, id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", code);
    return ret;
}

/* A unit's id into *uid, or else a unit group's into *gid (the other 0):
 * where a unit code is taken, a group code is too (r57/group.h). */
int r57__kpi_scope_id(r57_db *db, const char *code, int64_t *uid, int64_t *gid)
{
    *uid = *gid = 0;
    int ret = r57__store_unit_id(db, code, uid);
    if (ret == R57_ENOTFOUND)
        ret = r57__store_group_id(db, code, gid);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", code);
    return ret;
}

void r57__kpi_json_number(r57__buf *b, double v) { r57__buf_printf(b, "%.17g", v); }
