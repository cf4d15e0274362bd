/*
 * libr57 — indicators (KPIs): data elements and their reported values,
 * indicators defined by formulas (r57/formula.h), targets, attainment and
 * roll-up from communes to provinces to the nation.
 *
 * Periods are written as in r57/period.h ("2026", "2026Q1", "2026-01",
 * "2026..2030").  Units are given by code (r57/unit.h).
 *
 * Roll-up (per indicator, docs/formulas.md):
 *   R57_ROLLUP_OWN       the unit's own reported data only;
 *   R57_ROLLUP_SUBUNITS  computed from the sub-units: each data element is
 *                        summed over the direct sub-units (each of which
 *                        gives its own value, or its own sub-units' sum),
 *                        then the formula is evaluated — so a ratio is the
 *                        sum of numerators over the sum of denominators,
 *                        never an average of percentages;
 *   R57_ROLLUP_BOTH      the unit's own data where it has it, else as
 *                        R57_ROLLUP_SUBUNITS.
 * A data element's aggregation says how it combines over sub-units: summed
 * (counts, money), averaged, or inherited from the nearest unit above that
 * has it (parameters such as the capital share of income).
 */
#ifndef R57_KPI_H
#define R57_KPI_H

#include "common.h"
#include "db.h"
#include "period.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- data elements ---------------------------------------------------- */

/** How a data element's values combine over sub-units. */
typedef enum r57_aggregation_t {
    R57_AGG_SUM = 0,    /**< summed over sub-units */
    R57_AGG_MEAN = 1,   /**< averaged over sub-units */
    R57_AGG_INHERIT = 2 /**< the unit's own value, else the nearest parent's */
} r57_aggregation_t;

/**
 * The name of an aggregation.
 * @param aggregation an aggregation
 * @return "sum", "mean", "inherit"; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_aggregation_name(r57_aggregation_t aggregation);

/**
 * The aggregation named by one of the strings of r57_aggregation_name.
 * @param out receives the aggregation
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_aggregation_parse(r57_aggregation_t *out, const char *name);

/**
 * Defines a data element: a reported quantity with a code
 * ("procedures_total"), a name and a unit of measure ("count", "percent",
 * "VND billion"; may be NULL).
 * @param db the database
 * @param actor who defines it
 * @param code its code (letters, digits and '_')
 * @param name its name
 * @param measure its unit of measure; may be NULL
 * @param aggregation how its values combine over sub-units
 * @return R57_OK, or R57_EINVAL (NULL/empty actor, code or name; a code
 *         with characters other than letters, digits and '_'; unknown
 *         aggregation), R57_EEXISTS (code taken).
 */
R57_EXTERN(int)
r57_element_create(r57_db *db, const char *actor, const char *code, const char *name,
                   const char *measure, r57_aggregation_t aggregation);

/* ---- values -------------------------------------------------------------- */

/**
 * Stores the value of an element for a unit and a period (a year, half-year,
 * quarter or month; not a range), with its source (may be NULL).  A value for the same
 * element, unit and period replaces the old one; the journal records both.
 * @param db the database
 * @param actor who reports it
 * @param element the element's code
 * @param unit the unit's code
 * @param period the period (not a range)
 * @param value the value (finite)
 * @param source its source; may be NULL
 * @return R57_OK, or R57_EINVAL (NULL/empty arguments, a value that is not
 *         finite, a range period), R57_EPARSE (malformed period),
 *         R57_ENOTFOUND (unknown element or unit code).
 */
R57_EXTERN(int)
r57_value_set(r57_db *db, const char *actor, const char *element, const char *unit,
              const char *period, double value, const char *source);

/**
 * The stored value of an element for a unit and period (no roll-up).
 * @param out receives the value
 * @param db the database
 * @param element the element's code
 * @param unit the unit's code
 * @param period the period
 * @return R57_OK, R57_EINVAL, R57_EPARSE, or R57_ENOTFOUND (unknown
 *         element or unit, or no value stored: the message says which).
 */
R57_EXTERN(int)
r57_value_get(double *out, r57_db *db, const char *element, const char *unit, const char *period);

typedef struct r57_value r57_value;
typedef struct r57_value_iterator r57_value_iterator;

/* Which values an iterator visits.  Fill with R57_VALUE_QUERY_INIT. */
typedef struct r57_value_query {
    unsigned int version; /* R57_VALUE_QUERY_VERSION */
    const char *element;  /* only this element */
    const char *unit;     /* only this unit … */
    int include_subunits; /* … and, when non-zero, the units below it */
    const char *period;   /* only periods within this one ("2026" keeps
                              2026, 2026Q1 … 2026-12; a range keeps its span) */
} r57_value_query;

#define R57_VALUE_QUERY_VERSION 1
#define R57_VALUE_QUERY_INIT                                                                       \
    {                                                                                              \
        R57_VALUE_QUERY_VERSION, NULL, NULL, 0, NULL                                               \
    }

/**
 * Fills query with the defaults of the given version (R57_VALUE_QUERY_INIT).
 * @param query the query to fill
 * @param version R57_VALUE_QUERY_VERSION
 * @return R57_OK, or R57_EINVAL (NULL query, unknown version).
 */
R57_EXTERN(int) r57_value_query_init(r57_value_query *query, unsigned int version);

/**
 * Iterates over stored values (query NULL: all), by element code, period,
 * unit code.  The caller owns *out.
 * @param out receives the iterator
 * @param db the database
 * @param query which values; NULL for all
 * @return R57_OK, R57_EINVAL, R57_EPARSE (period) or R57_ENOTFOUND
 *         (element or unit).
 */
R57_EXTERN(int)
r57_value_iterator_new(r57_value_iterator **out, r57_db *db, const r57_value_query *query);
/**
 * The next value (owned by the caller), or R57_ITEROVER.
 * @param out receives the value
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_value_next(r57_value **out, r57_value_iterator *it);
/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_value_iterator_free(r57_value_iterator *it);

/**
 * Accessors; strings borrowed from the value ("" when unset).
 * @param v the value
 * @return the value's element code, unit code, period, number, source and
 *         reporting actor; r57_value_free frees v (NULL is allowed).
 */
R57_EXTERN(const char *) r57_value_element(const r57_value *v);
/** The unit's code (borrowed). @param v the value @return the code */
R57_EXTERN(const char *) r57_value_unit(const r57_value *v);
/** The period (r57/period.h). @param v the value @return the period */
R57_EXTERN(r57_period) r57_value_period(const r57_value *v);
/** The number stored. @param v the value @return the number; NaN if v is NULL */
R57_EXTERN(double) r57_value_number(const r57_value *v);
/** The source (borrowed). @param v the value @return the source */
R57_EXTERN(const char *) r57_value_source(const r57_value *v);
/** Who reported it (borrowed). @param v the value @return the actor */
R57_EXTERN(const char *) r57_value_reported_by(const r57_value *v);
/** Frees a value. @param v the value (may be NULL) */
R57_EXTERN(void) r57_value_free(r57_value *v);

/* ---- indicators ------------------------------------------------------- */

/** Whether higher or lower values of an indicator are better. */
typedef enum r57_direction_t {
    R57_DIRECTION_INVALID = -1, /**< what r57_indicator_direction says of NULL */
    R57_HIGHER_IS_BETTER = 0,
    R57_LOWER_IS_BETTER = 1
} r57_direction_t;

/** How an indicator's value for a unit is computed (the roll-up rule above). */
typedef enum r57_rollup_t {
    R57_ROLLUP_INVALID = -1, /**< what r57_indicator_rollup says of NULL */
    R57_ROLLUP_OWN = 0,
    R57_ROLLUP_SUBUNITS = 1,
    R57_ROLLUP_BOTH = 2
} r57_rollup_t;

/**
 * The names of directions and roll-up rules, and the values they name.
 * @param direction a direction (r57_direction_name)
 * @return r57_direction_name: "higher", "lower"; r57_rollup_name: "own",
 *         "subunits", "both"; NULL for any other value.  Static.  The
 *         _parse functions: R57_OK, or R57_EINVAL (NULL argument, no such
 *         name).
 */
R57_EXTERN(const char *) r57_direction_name(r57_direction_t direction);
/**
 * The direction named by "higher" or "lower".
 * @param out receives the direction
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_direction_parse(r57_direction_t *out, const char *name);
/**
 * @param rollup a roll-up rule
 * @return r57_rollup_name: "own", "subunits", "both"; NULL for any other
 *         value.  Static.
 */
R57_EXTERN(const char *) r57_rollup_name(r57_rollup_t rollup);
/**
 * The roll-up rule named by "own", "subunits" or "both".
 * @param out receives the rule
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_rollup_parse(r57_rollup_t *out, const char *name);

/*
 * An indicator is either one formula, or a numerator and a denominator
 * (both formulas) and a factor (100 for a percentage): value = factor *
 * numerator / denominator.  Give `formula`, or `numerator` and
 * `denominator`, not both.  Strings are copied.
 */
typedef struct r57_indicator_spec {
    unsigned int version; /* R57_INDICATOR_SPEC_VERSION */
    const char *code;     /* "ecommerce_growth" (letters, digits, '_') */
    const char *name;
    const char *measure; /* "percent", "count", "rank", … */
    r57_direction_t direction;
    const char *formula;
    const char *numerator;
    const char *denominator;
    double factor; /* for numerator/denominator; 0 means 1 */
    r57_rollup_t rollup;
    int has_baseline;
    double baseline;
    const char *baseline_period;
    const char *description;
} r57_indicator_spec;

#define R57_INDICATOR_SPEC_VERSION 1
#define R57_INDICATOR_SPEC_INIT                                                                    \
    {                                                                                              \
        R57_INDICATOR_SPEC_VERSION, NULL, NULL, NULL, R57_HIGHER_IS_BETTER, NULL, NULL, NULL, 0.0, \
            R57_ROLLUP_BOTH, 0, 0.0, NULL, NULL                                                    \
    }

/**
 * Fills spec with the defaults of the given version (R57_INDICATOR_SPEC_INIT).
 * @param spec the spec to fill
 * @param version R57_INDICATOR_SPEC_VERSION
 * @return R57_OK, or R57_EINVAL (NULL spec, unknown version).
 */
R57_EXTERN(int) r57_indicator_spec_init(r57_indicator_spec *spec, unsigned int version);

/**
 * Defines an indicator.  Its formulas are compiled and every reference
 * checked: data elements and indicators must exist, and indicators must
 * not refer to each other in a cycle.  A failed definition stores nothing.
 * @param db the database
 * @param actor who defines it
 * @param spec the indicator (r57_indicator_spec)
 * @return R57_OK, or R57_EINVAL (missing fields, both or neither of formula
 *         and numerator/denominator, unknown direction or rollup), R57_EPARSE
 *         (a formula's syntax, with its offset), R57_ENOTFOUND (unknown
 *         element or indicator), R57_ECYCLE (indicators refer to each
 *         other), R57_EEXISTS.
 */
R57_EXTERN(int) r57_indicator_create(r57_db *db, const char *actor, const r57_indicator_spec *spec);

typedef struct r57_indicator r57_indicator;
typedef struct r57_indicator_iterator r57_indicator_iterator;

/**
 * Looks an indicator up by code; the caller owns *out.
 * @param out receives the indicator
 * @param db the database
 * @param code the indicator's code
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND.
 */
R57_EXTERN(int) r57_indicator_get(r57_indicator **out, r57_db *db, const char *code);

/**
 * Accessors; strings borrowed from the indicator; formula is "" for a
 * ratio indicator, numerator and denominator "" for a formula one.
 * @param ind the indicator
 * @return its code, name, measure, direction, formula, numerator,
 *         denominator, factor, roll-up rule and description;
 *         r57_indicator_free frees ind (NULL is allowed).
 */
R57_EXTERN(const char *) r57_indicator_code(const r57_indicator *ind);
/** The name (borrowed). @param ind the indicator @return the name */
R57_EXTERN(const char *) r57_indicator_name(const r57_indicator *ind);
/** The measure (borrowed). @param ind the indicator @return the measure */
R57_EXTERN(const char *) r57_indicator_measure(const r57_indicator *ind);
/**
 * Whether higher or lower values are better.
 * @param ind the indicator
 * @return the direction; R57_DIRECTION_INVALID for NULL
 */
R57_EXTERN(r57_direction_t) r57_indicator_direction(const r57_indicator *ind);
/** The formula (borrowed). @param ind the indicator @return the formula; "" for a ratio indicator */
R57_EXTERN(const char *) r57_indicator_formula(const r57_indicator *ind);
/**
 * The numerator's formula (borrowed).
 * @param ind the indicator
 * @return the formula; "" for a formula indicator
 */
R57_EXTERN(const char *) r57_indicator_numerator(const r57_indicator *ind);
/**
 * The denominator's formula (borrowed).
 * @param ind the indicator
 * @return the formula; "" for a formula indicator
 */
R57_EXTERN(const char *) r57_indicator_denominator(const r57_indicator *ind);
/** The factor of a ratio indicator. @param ind the indicator @return the factor; NaN for NULL */
R57_EXTERN(double) r57_indicator_factor(const r57_indicator *ind);
/** The roll-up rule. @param ind the indicator @return the rule; R57_ROLLUP_INVALID for NULL */
R57_EXTERN(r57_rollup_t) r57_indicator_rollup(const r57_indicator *ind);
/** The description (borrowed). @param ind the indicator @return the description */
R57_EXTERN(const char *) r57_indicator_description(const r57_indicator *ind);
/** Frees an indicator. @param ind the indicator (may be NULL) */
R57_EXTERN(void) r57_indicator_free(r57_indicator *ind);

/**
 * All indicators by code; the caller owns each; R57_ITEROVER at the end.
 * @param out receives the iterator (r57_indicator_iterator_new) or the next
 *        indicator (r57_indicator_next)
 * @param db the database
 * @return R57_OK, or an error code.
 */
R57_EXTERN(int) r57_indicator_iterator_new(r57_indicator_iterator **out, r57_db *db);
/**
 * The next indicator (owned by the caller).
 * @param out receives the indicator
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_indicator_next(r57_indicator **out, r57_indicator_iterator *it);
/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_indicator_iterator_free(r57_indicator_iterator *it);

/* ---- evaluation --------------------------------------------------------- */

typedef struct r57_kpi_result r57_kpi_result;

/**
 * Evaluates an indicator for a unit and a period (a year, half-year,
 * quarter or month) under the indicator's roll-up rule.  Values are read
 * for that period as stored: nothing sums months or quarters into a
 * half-year or year.  The caller owns *out.  "No
 * value" is not an error: the call succeeds and the result says why
 * (r57_kpi_result_reason).  Repeated evaluations on one handle reuse the
 * values already read, so evaluating every unit and month is fast; a
 * write through the handle invalidates what was read.
 * @param out receives the result
 * @param db the database
 * @param indicator the indicator's code
 * @param unit the unit's code
 * @param period the period
 * @return R57_OK, or R57_EINVAL, R57_EPARSE (period), R57_ENOTFOUND
 *         (unknown indicator or unit).
 */
R57_EXTERN(int)
r57_kpi_eval(r57_kpi_result **out, r57_db *db, const char *indicator, const char *unit,
             const char *period);

/** @param r the result @return true if there is a value. */
R57_EXTERN(bool) r57_kpi_result_has_value(const r57_kpi_result *r);
/** @param r the result @return The value; NaN when there is none (test has_value). */
R57_EXTERN(double) r57_kpi_result_value(const r57_kpi_result *r);
/**
 * For numerator/denominator indicators with a value: the two parts
 * (before the factor); NaN otherwise.
 * @param r the result
 * @return the numerator or the denominator; NaN otherwise.
 */
R57_EXTERN(double) r57_kpi_result_numerator(const r57_kpi_result *r);
/** @param r the result @return the denominator (before the factor); NaN otherwise */
R57_EXTERN(double) r57_kpi_result_denominator(const r57_kpi_result *r);
/**
 * Why there is no value, naming what is missing for which unit and
 * period; "" when there is a value.  Borrowed from the result.
 * @param r the result
 * @return the reason; "" when there is a value.
 */
R57_EXTERN(const char *) r57_kpi_result_reason(const r57_kpi_result *r);
/** Frees a result. @param r the result (may be NULL) */
R57_EXTERN(void) r57_kpi_result_free(r57_kpi_result *r);

typedef struct r57_kpi_table r57_kpi_table;

/**
 * Evaluates one indicator, under its roll-up rule, for every unit of a
 * subtree and every member of a period, into a table of rows (unit,
 * period, value or why there is none) — what calling r57_kpi_eval for
 * each pair would give, number for number and reason for reason, in one
 * pass over the values in memory: the units are looked up once, each
 * (element, period) is read from the database once per handle (the cache
 * r57_kpi_eval uses), and no row allocates anything.
 *
 *   indicator  the indicator's code;
 *   root       a unit code: that unit and every unit below it; NULL for
 *              every unit;
 *   period     a year, half-year, quarter or month (one period), or a range
 *              ("2026-01..2030-12": each of its members).
 *
 * Rows come by unit — depth first from the root, sub-units in order of
 * their codes (as r57_unit_iterator_new; with root NULL each top-level
 * unit in order of code, then its subtree) — and, within a unit, by
 * period: row i is unit i / n, period i % n, n the number of periods.
 * The table holds copies of what it shows, so it outlives writes to the
 * handle and the handle itself; the caller owns *out and frees it with
 * r57_kpi_table_free.
 * @param out receives the table
 * @param db the database
 * @param indicator the indicator's code
 * @param root a unit code, or NULL for every unit
 * @param period one period or a range
 * @return R57_OK, or R57_EINVAL (NULL out or db, NULL or empty indicator or
 *         period, empty root), R57_EPARSE (period), R57_ENOTFOUND (unknown
 *         indicator or root unit: the message names it), R57_ENOMEM.
 */
R57_EXTERN(int)
r57_kpi_table_eval(r57_kpi_table **out, r57_db *db, const char *indicator, const char *root,
                   const char *period);

/** @param t the table @return The number of rows (units times periods); 0 for NULL. */
R57_EXTERN(size_t) r57_kpi_table_count(const r57_kpi_table *t);
/**
 * @param t the table @param i the row
 * @return The unit code of row i, borrowed from the table; NULL if i is not a row.
 */
R57_EXTERN(const char *) r57_kpi_table_unit(const r57_kpi_table *t, size_t i);
/**
 * @param t the table @param i the row
 * @return The period of row i (r57/period.h); R57_PERIOD_NONE if i is not a row.
 */
R57_EXTERN(r57_period) r57_kpi_table_period(const r57_kpi_table *t, size_t i);
/**
 * @param t the table @param i the row
 * @return true if row i has a value; false if not, or if i is not a row.
 */
R57_EXTERN(bool) r57_kpi_table_has_value(const r57_kpi_table *t, size_t i);
/**
 * @param t the table @param i the row
 * @return The value of row i; NaN when it has none (test has_value).
 */
R57_EXTERN(double) r57_kpi_table_value(const r57_kpi_table *t, size_t i);
/**
 * Why row i has no value, as r57_kpi_result_reason words it; "" when it
 * has one; NULL if i is not a row.  Built when asked into the table (the
 * table keeps each distinct cause once), so it is borrowed and valid until
 * the next r57_kpi_table_reason call on the table or its free: use one
 * table from one thread at a time.
 * @param t the table
 * @param i the row
 * @return the reason; "" when row i has a value; NULL if i is not a row.
 */
R57_EXTERN(const char *) r57_kpi_table_reason(r57_kpi_table *t, size_t i);
/** Frees a table; NULL is allowed. @param t the table */
R57_EXTERN(void) r57_kpi_table_free(r57_kpi_table *t);

/* ---- targets and attainment ---------------------------------------------- */

/** The comparison of a target, e.g. ">=". */
typedef enum r57_comparison_t {
    R57_CMP_NONE = -1, /**< no comparison: r57_attainment_comparison without a target */
    R57_CMP_GE = 0,    /**< >= */
    R57_CMP_GT = 1,    /**< >  */
    R57_CMP_EQ = 2,    /**< =  */
    R57_CMP_LE = 3,    /**< <= */
    R57_CMP_LT = 4     /**< <  */
} r57_comparison_t;

/**
 * The text of a comparison.
 * @param cmp a comparison
 * @return ">=", ">", "=", "<=", "<"; NULL for any other value (R57_CMP_NONE
 *         too).  Static.
 */
R57_EXTERN(const char *) r57_comparison_name(r57_comparison_t cmp);

/**
 * Parses a comparison.
 * @param out receives the comparison
 * @param text ">=", ">", "=", "<=", "<" (also "≥", "≤", "==")
 * @return R57_OK, or R57_EINVAL with the text quoted.
 */
R57_EXTERN(int) r57_comparison_parse(r57_comparison_t *out, const char *text);

typedef enum r57_target_aggregate_t {
    R57_TARGET_EACH = 0,   /**< every period (each member of a range) */
    R57_TARGET_AVERAGE = 1 /**< the average over the range's members */
} r57_target_aggregate_t;

/** What a target binds: the scope its source gives, and nothing more. */
typedef enum r57_target_binds_t {
    R57_TARGET_BINDS_UNIT = 0,     /**< the unit (no unit: every unit and group) */
    R57_TARGET_BINDS_SUBUNITS = 1, /**< the unit and every unit below it ("the
                                      Ministry and its subordinate agencies") */
    R57_TARGET_BINDS_GROUP = 2,    /**< a unit group as a whole (r57/group.h) */
    R57_TARGET_BINDS_MEMBERS = 3   /**< each member of a unit group ("provinces") */
} r57_target_binds_t;

/**
 * The name of what a target binds.
 * @param binds a value
 * @return "unit", "subunits", "group", "members"; NULL for any other
 *         value.  Static.
 */
R57_EXTERN(const char *) r57_target_binds_name(r57_target_binds_t binds);

/**
 * The value named by one of the strings of r57_target_binds_name.
 * @param out receives the value
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_target_binds_parse(r57_target_binds_t *out, const char *name);

/*
 * A target, for r57_target_create.  Fill with R57_TARGET_SPEC_INIT (or
 * r57_target_spec_init); strings are copied.
 *   indicator   the indicator's code;
 *   binds       r57_target_binds_t;
 *   unit        R57_TARGET_BINDS_UNIT, _SUBUNITS: a unit code (NULL with
 *               _UNIT: every unit and group); _GROUP, _MEMBERS: a group code;
 *   comparison  ">=", ">", "=", "<=", "<";
 *   value       the target value;
 *   period      "2026", "2026..2030", or NULL for any period;
 *   aggregate   r57_target_aggregate_t (how a range is judged);
 *   scope       the words of the document ("Ministry of Industry and Trade
 *               and subordinate agencies"; may be NULL);
 *   source      the document ("318/QD-BCT"; may be NULL).
 */
typedef struct r57_target_spec {
    unsigned int version; /* R57_TARGET_SPEC_VERSION */
    const char *indicator;
    r57_target_binds_t binds;
    const char *unit;
    const char *comparison;
    double value;
    const char *period;
    r57_target_aggregate_t aggregate;
    const char *scope;
    const char *source;
} r57_target_spec;

#define R57_TARGET_SPEC_VERSION 1
#define R57_TARGET_SPEC_INIT                                                                       \
    {                                                                                              \
        R57_TARGET_SPEC_VERSION, NULL, R57_TARGET_BINDS_UNIT, NULL, NULL, 0.0, NULL,               \
            R57_TARGET_EACH, NULL, NULL                                                            \
    }

/**
 * Fills spec with the defaults of the given version (R57_TARGET_SPEC_INIT).
 * @param spec the spec to fill
 * @param version R57_TARGET_SPEC_VERSION
 * @return R57_OK, or R57_EINVAL (NULL spec, unknown version).
 */
R57_EXTERN(int) r57_target_spec_init(r57_target_spec *spec, unsigned int version);

/**
 * Sets a target (spec, above): an indicator, a comparison and a value for
 * a period, binding only the scope its source gives: a unit, a unit and
 * its sub-units, a unit group, or each member of a group (spec->binds).  A
 * unit or group the target does not bind gets R57_ATTAINMENT_NO_TARGET
 * ("no target for this scope") from r57_attainment_get, never "not met".
 * Needs: an administrator role system-wide, except in setup mode.
 * @param db the database
 * @param actor who sets it
 * @param spec the target (r57_target_spec)
 * @return R57_OK, or R57_EINVAL (NULL db or spec, unknown spec version,
 *         NULL/empty actor, indicator or comparison; unknown comparison (the
 *         message quotes it) or binds, no unit or group where binds needs
 *         one, a value that is not finite, average over a single period; the
 *         message names the field), R57_EPARSE (period), R57_ENOTFOUND
 *         (indicator, unit or group), R57_EPERM.
 */
R57_EXTERN(int) r57_target_create(r57_db *db, const char *actor, const r57_target_spec *spec);

/** Whether a target is met. */
typedef enum r57_attainment_status_t {
    R57_ATTAINMENT_INVALID = -1, /**< what r57_attainment_status says of NULL */
    R57_ATTAINMENT_MET = 0,
    R57_ATTAINMENT_NOT_MET = 1,
    R57_ATTAINMENT_NO_DATA = 2,
    R57_ATTAINMENT_NO_TARGET = 3
} r57_attainment_status_t;

/**
 * The name of an attainment status.
 * @param status a status
 * @return "met", "not_met", "no_data", "no_target" (no target binds this
 *         scope and period — not a failure); NULL for any other value.
 */
R57_EXTERN(const char *) r57_attainment_status_name(r57_attainment_status_t status);

typedef struct r57_attainment r57_attainment;

/**
 * Attainment of an indicator for a unit (or a unit group: its code) and a
 * period: the target that binds it (one for exactly the unit or group
 * before one for the unit and its sub-units, before one for each member of
 * a group, before one for every unit; a target for exactly that period
 * before one whose range contains it), the value, and the verdict.  Over
 * a range with an average target the value is the average of the
 * members' values — unless the indicator's formula aggregates over the
 * window `members` (docs/formulas.md): then it is the formula evaluated
 * for the range itself (a TFP contribution over 2026..2030 from the
 * period's average growth rates).  No target binding the unit or group
 * and period is R57_ATTAINMENT_NO_TARGET, with the reason "no target for
 * this scope: …".  The caller owns *out.
 * @param out receives the attainment
 * @param db the database
 * @param indicator the indicator's code
 * @param unit a unit code or a unit group's code
 * @param period the period
 * @return R57_OK, or R57_EINVAL, R57_EPARSE, R57_ENOTFOUND.
 */
R57_EXTERN(int)
r57_attainment_get(r57_attainment **out, r57_db *db, const char *indicator, const char *unit,
                   const char *period);

/**
 * The verdict.
 * @param a the attainment
 * @return its status; R57_ATTAINMENT_INVALID for NULL.
 */
R57_EXTERN(r57_attainment_status_t) r57_attainment_status(const r57_attainment *a);
/**
 * The value compared, or shown when no target binds the scope (NaN without
 * data).
 * @param a the attainment
 * @return the value; NaN without data.
 */
R57_EXTERN(double) r57_attainment_value(const r57_attainment *a);
/**
 * The target's value and comparison (NaN and R57_CMP_NONE without a
 * target).
 * @param a the attainment
 * @return the target's value or comparison.
 */
R57_EXTERN(double) r57_attainment_target(const r57_attainment *a);
/**
 * @param a the attainment
 * @return the target's comparison; R57_CMP_NONE without a target
 */
R57_EXTERN(r57_comparison_t) r57_attainment_comparison(const r57_attainment *a);
/**
 * @param a the attainment
 * @return The target's period (R57_PERIOD_NONE for "any period").
 */
R57_EXTERN(r57_period) r57_attainment_target_period(const r57_attainment *a);
/**
 * How far from the target, in the indicator's unit: 0 when met, else the
 * distance to go (80 - 45 = 35 for ">= 80" at 45); NaN without data.
 * @param a the attainment
 * @return the gap; NaN without data.
 */
R57_EXTERN(double) r57_attainment_gap(const r57_attainment *a);
/**
 * @param a the attainment
 * @return Why there is no data or no target; "" otherwise.  Borrowed.
 */
R57_EXTERN(const char *) r57_attainment_reason(const r57_attainment *a);
/** Frees an attainment. @param a the attainment (may be NULL) */
R57_EXTERN(void) r57_attainment_free(r57_attainment *a);

/* ---- the Resolution 57 catalogue ----------------------------------------- */

/**
 * Loads a catalogue of data elements, indicators and targets from a JSON
 * file (the Resolution 57 catalogue ships as data/catalogue.json and is
 * installed under share/libr57/; docs/formulas.md describes the format),
 * in one transaction of its own (so not inside r57_db_begin(): R57_ESTATE):
 * all of it or nothing.  Objects whose code exists
 * already are refused (R57_EEXISTS), so load a catalogue into a database
 * once.
 * @param db the database
 * @param actor who loads it
 * @param path the JSON file
 * @return R57_OK, or R57_EIO (cannot read), R57_EPARSE (JSON with line and
 *         column), R57_EINVAL (a field missing or of the wrong type: the
 *         message names it), and the codes of r57_element_create,
 *         r57_indicator_create and r57_target_create.
 */
R57_EXTERN(int) r57_catalogue_load(r57_db *db, const char *actor, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* R57_KPI_H */
