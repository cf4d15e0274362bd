/* Evaluation into a table (r57_kpi_table_eval): every row as r57_kpi_eval
 * gives it — value and reason — in the documented order, with its errors,
 * and without leaks or crashes when any allocation fails. */
#include "helpers.h"
#include "failalloc.h"

#include <math.h>

#ifndef R57_SOURCE_DIR
#error "R57_SOURCE_DIR must name the source tree"
#endif
#define CATALOGUE R57_SOURCE_DIR "/data/catalogue.json"

/* VN > CENTRAL, LOCAL, MOJ; VN > MOIT > MOIT-ECOM; VN > HN > HN-BD, HN-HK;
 * the catalogue; and four indicators the catalogue lacks: one that refers
 * to another indicator, one computed from the sub-units only, and two
 * whose formula is one element reference, with blanks around it (read
 * straight from the values by the table) and in parentheses (through the
 * formula engine). */
static void add_indicator(r57_db *db, const char *code, const char *formula, int rollup)
{
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    s.code = s.name = code;
    s.formula = formula;
    s.rollup = rollup;
    OK(r57_indicator_create(db, "admin", &s));
}

static r57_db *fixture(const char *path)
{
    r57_db *db;
    OK(r57_open(&db, path, NULL));
    add_units(db);
    OK(r57_unit_create(db, "admin", "CENTRAL", "central level", R57_UNIT_OTHER, "VN"));
    OK(r57_unit_create(db, "admin", "LOCAL", "local level", R57_UNIT_OTHER, "VN"));
    OK(r57_unit_create(db, "admin", "HN-HK", "Hoan Kiem ward", R57_UNIT_COMMUNE, "HN"));
    OK(r57_catalogue_load(db, "admin", CATALOGUE));
    add_indicator(db, "online_share_fraction", "I{full_online_procedures_share} / 100",
                  R57_ROLLUP_BOTH);
    add_indicator(db, "output_of_subunits", "#{output}", R57_ROLLUP_SUBUNITS);
    add_indicator(db, "own_output", " \t#{output}\r\n", R57_ROLLUP_OWN);
    add_indicator(db, "output_in_parentheses", "(#{output})", R57_ROLLUP_BOTH);
    return db;
}

static void set(r57_db *db, const char *element, const char *unit, const char *period, double v)
{
    OK(r57_value_set(db, "test", element, unit, period, v, NULL));
}

/* Data for 2025-11 .. 2026-02 with every kind of "no value": a sub-unit
 * without a figure, a zero denominator (ratio and formula; in several
 * rows of one table), a missing previous month, an inherited parameter
 * missing, a ratio that overflows, and a province's own figure taking
 * precedence. */
static void fill(r57_db *db)
{
    static const char *const months[] = { "2025-11", "2025-12", "2026-01", "2026-02" };
    OK(r57_db_begin(db));
    for (int m = 0; m < 4; m++) {
        const char *p = months[m];
        if (m != 2)
            set(db, "capital_share", "VN", p, 0.375 + m / 64.0);
        set(db, "hdi", "VN", p, 0.75);
        set(db, "output", "HN-BD", p, 1000 + 40 * m);
        set(db, "capital", "HN-BD", p, 3000 + 70 * m);
        set(db, "labour", "HN-BD", p, 200 + m);
        set(db, "output", "HN-HK", p, 500 + (m == 3 ? 0 : 25 * m)); /* 2026-02: no growth */
        set(db, "capital", "HN-HK", p, 1500 + 20 * m);
        set(db, "labour", "HN-HK", p, 100 + 2 * m);
        if (m != 1)
            set(db, "output", "MOIT-ECOM", p, 300 + 9 * m);
        set(db, "capital", "MOIT-ECOM", p, 900 + 11 * m);
        set(db, "labour", "MOIT-ECOM", p, 60);
        set(db, "procedures_fully_online", "HN-BD", p, 40 + m);
        set(db, "procedures_total", "HN-BD", p, 100);
        set(db, "procedures_fully_online", "HN-HK", p, m == 2 ? 0 : 10);
        set(db, "procedures_total", "HN-HK", p, m == 2 ? 0 : 80);
        set(db, "procedures_fully_online", "CENTRAL", p, 0);
        set(db, "procedures_total", "CENTRAL", p, 0);
        if (m >= 2)
            set(db, "ecommerce_revenue", "HN-BD", p, 7 * m);
        set(db, "ecommerce_revenue", "HN-HK", p, m == 1 ? 0 : 5 + m);
        set(db, "ecommerce_revenue", "HN", p, 50 + m); /* the province's own */
    }
    set(db, "procedures_fully_online", "MOJ", "2026-02", 1e307);
    set(db, "procedures_total", "MOJ", "2026-02", 1e-300);
    set(db, "procedures_fully_online", "MOJ", "2026-01", 5);
    OK(r57_db_commit(db));
}

static double eval_value(r57_db *db, const char *ind, const char *unit, const char *period)
{
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, ind, unit, period));
    double v = r57_kpi_result_has_value(r) ? r57_kpi_result_value(r) : NAN;
    r57_kpi_result_free(r);
    return v;
}

START_TEST(test_kpi_table_eval__every_row_as_kpi_eval)
{
    char path[512];
    temp_path(path, sizeof path, "table.r57");
    r57_db *db = fixture(path);
    fill(db);
    /* r57_kpi_eval on a handle of its own, so neither shares the other's
     * cache of values and roll-ups. */
    r57_db *other;
    OK(r57_open(&other, path, NULL));
    r57_indicator_iterator *it;
    r57_indicator *ind;
    int indicators = 0;
    long rows = 0, with_value = 0, subunit = 0, divzero = 0, overflow = 0, previous = 0,
         nested = 0, inherited = 0, most_divzero = 0;
    OK(r57_indicator_iterator_new(&it, db));
    while (r57_indicator_next(&ind, it) == R57_OK) {
        const char *code = r57_indicator_code(ind);
        r57_kpi_table *t;
        OK(r57_kpi_table_eval(&t, db, code, NULL, "2025-11..2026-02"));
        ck_assert_uint_eq(r57_kpi_table_count(t), 9 * 4);
        long divzero_here = 0;
        for (size_t i = 0; i < r57_kpi_table_count(t); i++) {
            char p[R57_PERIOD_TEXT_SIZE];
            r57_kpi_result *r;
            OK(r57_period_format(p, sizeof p, r57_kpi_table_period(t, i)));
            OK(r57_kpi_eval(&r, other, code, r57_kpi_table_unit(t, i), p));
            ck_assert_int_eq(r57_kpi_table_has_value(t, i), r57_kpi_result_has_value(r));
            ck_assert_str_eq(r57_kpi_table_reason(t, i), r57_kpi_result_reason(r));
            if (r57_kpi_result_has_value(r)) {
                /* The same operations in the same order: equal, not close. */
                ck_assert_msg(r57_kpi_table_value(t, i) == r57_kpi_result_value(r),
                              "%s at %s in %s: %.17g != %.17g", code, r57_kpi_table_unit(t, i), p,
                              r57_kpi_table_value(t, i), r57_kpi_result_value(r));
                with_value++;
            } else {
                const char *why = r57_kpi_table_reason(t, i);
                ck_assert(isnan(r57_kpi_table_value(t, i)));
                subunit += strstr(why, " at sub-unit '") != NULL;
                divzero_here += strstr(why, "division by zero") != NULL;
                overflow += strstr(why, "the ratio overflows") != NULL;
                previous += strstr(why, "has no value for 2025-10") != NULL;
                nested += strstr(why, " (no value for 'full_online_procedures_share'") != NULL;
                inherited += strstr(why, "#{capital_share} has no value for 2026-01") != NULL;
            }
            r57_kpi_result_free(r);
            rows++;
        }
        divzero += divzero_here;
        if (divzero_here > most_divzero)
            most_divzero = divzero_here;
        r57_kpi_table_free(t);
        r57_indicator_free(ind);
        indicators++;
    }
    r57_indicator_iterator_free(it);
    ck_assert_int_eq(indicators, 30); /* the catalogue's 26 and the fixture's 4 */
    ck_assert_int_eq(rows, 30 * 36);
    /* The data reached every path that has a value or none. */
    ck_assert_int_gt(with_value, 40);
    ck_assert_int_gt(subunit, 0);
    ck_assert_int_gt(divzero, 0);
    ck_assert_int_ge(most_divzero, 3); /* the later ones reuse the first's words */
    ck_assert_int_gt(overflow, 0);
    ck_assert_int_gt(previous, 0);
    ck_assert_int_gt(nested, 0);
    ck_assert_int_gt(inherited, 0);
    r57_close(other);
    r57_close(db);
    remove(path);
}
END_TEST

START_TEST(test_kpi_table_eval__rows_by_unit_depth_first_then_period)
{
    r57_db *db = fixture(":memory:");
    fill(db);
    r57_kpi_table *t;
    OK(r57_kpi_table_eval(&t, db, "full_online_procedures_share", "HN", "2025-12..2026-01"));
    ck_assert_uint_eq(r57_kpi_table_count(t), 6);
    static const char *const units[] = { "HN", "HN", "HN-BD", "HN-BD", "HN-HK", "HN-HK" };
    static const char *const periods[] = { "2025-12", "2026-01" };
    for (size_t i = 0; i < 6; i++) {
        char p[R57_PERIOD_TEXT_SIZE];
        ck_assert_str_eq(r57_kpi_table_unit(t, i), units[i]);
        OK(r57_period_format(p, sizeof p, r57_kpi_table_period(t, i)));
        ck_assert_str_eq(p, periods[i % 2]);
    }
    /* HN in 2025-12: (41 + 10) / (100 + 80); in 2026-01: 42 / 100. */
    ck_assert_double_eq_tol(r57_kpi_table_value(t, 0), 100.0 * 51 / 180, 1e-12);
    ck_assert_double_eq_tol(r57_kpi_table_value(t, 1), 42, 1e-12);
    ck_assert_double_eq_tol(r57_kpi_table_value(t, 3), 42, 1e-12);
    ck_assert(r57_kpi_table_has_value(t, 4));
    ck_assert(!r57_kpi_table_has_value(t, 5));
    ck_assert(isnan(r57_kpi_table_value(t, 5)));
    ck_assert_str_eq(r57_kpi_table_reason(t, 5),
                     "no value for 'full_online_procedures_share' at 'HN-HK' in 2026-01: "
                     "division by zero: the denominator '#{procedures_total}' is 0");
    ck_assert_str_eq(r57_kpi_table_reason(t, 4), "");
    r57_kpi_table_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_table_eval__all_units_from_each_top_unit_by_code)
{
    r57_db *db = fixture(":memory:");
    fill(db);
    OK(r57_unit_create(db, "admin", "AAA", "Another root", R57_UNIT_OTHER, NULL));
    r57_kpi_table *t;
    OK(r57_kpi_table_eval(&t, db, "hdi", NULL, "2026-02"));
    char got[256] = "";
    for (size_t i = 0; i < r57_kpi_table_count(t); i++) {
        strcat(got, r57_kpi_table_unit(t, i));
        strcat(got, r57_kpi_table_has_value(t, i) ? "=" : "- ");
        if (r57_kpi_table_has_value(t, i))
            strcat(got, r57_kpi_table_value(t, i) == 0.75 ? "0.75 " : "? ");
    }
    /* hdi is inherited from VN by every unit below it; AAA has none. */
    ck_assert_str_eq(got, "AAA- VN=0.75 CENTRAL=0.75 HN=0.75 HN-BD=0.75 HN-HK=0.75 LOCAL=0.75 "
                          "MOIT=0.75 MOIT-ECOM=0.75 MOJ=0.75 ");
    ck_assert_str_eq(r57_kpi_table_reason(t, 0),
                     "no value for 'hdi' at 'AAA' in 2026-02: #{hdi} has no value for 2026-02");
    r57_kpi_table_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_table_eval__one_period_and_a_year_range)
{
    r57_db *db = fixture(":memory:");
    fill(db);
    set(db, "ecommerce_revenue", "MOIT", "2025", 100);
    set(db, "ecommerce_revenue", "MOIT", "2026", 125);
    r57_kpi_table *t;
    OK(r57_kpi_table_eval(&t, db, "ecommerce_growth", "MOIT", "2026"));
    ck_assert_uint_eq(r57_kpi_table_count(t), 2);
    ck_assert_str_eq(r57_kpi_table_unit(t, 0), "MOIT");
    ck_assert_double_eq_tol(r57_kpi_table_value(t, 0), 25, 1e-12);
    ck_assert_str_eq(r57_kpi_table_unit(t, 1), "MOIT-ECOM");
    ck_assert_str_eq(r57_kpi_table_reason(t, 1),
                     "no value for 'ecommerce_growth' at 'MOIT-ECOM' in 2026: "
                     "#{ecommerce_revenue} has no value for 2026");
    r57_kpi_table_free(t);
    OK(r57_kpi_table_eval(&t, db, "ecommerce_growth", "MOIT", "2025..2026"));
    ck_assert_uint_eq(r57_kpi_table_count(t), 4);
    ck_assert_int_eq(r57_kpi_table_period(t, 0), r57_kpi_table_period(t, 2));
    ck_assert(!r57_kpi_table_has_value(t, 0));
    ck_assert_double_eq_tol(r57_kpi_table_value(t, 1), 25, 1e-12);
    r57_kpi_table_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_table_eval__outlives_writes_and_the_handle)
{
    r57_db *db = fixture(":memory:");
    fill(db);
    r57_kpi_table *t;
    OK(r57_kpi_table_eval(&t, db, "full_online_procedures_share", "HN-BD", "2026-01"));
    set(db, "procedures_total", "HN-BD", "2026-01", 50); /* drops the cache */
    ck_assert_double_eq_tol(eval_value(db, "full_online_procedures_share", "HN-BD", "2026-01"), 84,
                            1e-12);
    r57_close(db);
    ck_assert_str_eq(r57_kpi_table_unit(t, 0), "HN-BD");
    ck_assert_double_eq_tol(r57_kpi_table_value(t, 0), 42, 1e-12);
    r57_kpi_table_free(t);
}
END_TEST

START_TEST(test_kpi_table_eval__bad_input)
{
    r57_db *db = fixture(":memory:");
    r57_kpi_table *t = (r57_kpi_table *)&t;
    FAILS(R57_ENOTFOUND, "unknown indicator 'nope'",
          r57_kpi_table_eval(&t, db, "nope", NULL, "2026"));
    ck_assert_ptr_null(t);
    FAILS(R57_ENOTFOUND, "unknown unit code 'ATLANTIS'",
          r57_kpi_table_eval(&t, db, "hdi", "ATLANTIS", "2026"));
    FAILS(R57_EPARSE, "period '2026-13': month 13 is not 1-12",
          r57_kpi_table_eval(&t, db, "hdi", NULL, "2026-13"));
    FAILS(R57_EPARSE, "period '2030..2026': the range ends before it starts",
          r57_kpi_table_eval(&t, db, "hdi", NULL, "2030..2026"));
    FAILS(R57_EINVAL, "r57_kpi_table_eval: root is empty",
          r57_kpi_table_eval(&t, db, "hdi", "", "2026"));
    FAILS(R57_EINVAL, "r57_kpi_table_eval: period is NULL",
          r57_kpi_table_eval(&t, db, "hdi", NULL, NULL));
    FAILS(R57_EINVAL, "r57_kpi_table_eval: out or db is NULL",
          r57_kpi_table_eval(NULL, db, "hdi", NULL, "2026"));
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_table_rows__outside_the_table)
{
    r57_db *db = fixture(":memory:");
    fill(db);
    r57_kpi_table *t;
    OK(r57_kpi_table_eval(&t, db, "hdi", "MOJ", "2026-01..2026-02"));
    ck_assert_uint_eq(r57_kpi_table_count(t), 2);
    ck_assert_ptr_null(r57_kpi_table_unit(t, 2));
    ck_assert_int_eq(r57_kpi_table_period(t, 2), R57_PERIOD_NONE);
    ck_assert_int_eq(r57_kpi_table_has_value(t, 2), 0);
    ck_assert(isnan(r57_kpi_table_value(t, 2)));
    ck_assert_ptr_null(r57_kpi_table_reason(t, 2));
    ck_assert_uint_eq(r57_kpi_table_count(NULL), 0);
    ck_assert_ptr_null(r57_kpi_table_unit(NULL, 0));
    r57_kpi_table_free(t);
    r57_kpi_table_free(NULL);
    r57_close(db);
}
END_TEST

/* Every allocation of a table evaluation fails in turn (once, then from
 * there on) with the cache cold: each run returns R57_ENOMEM or succeeds
 * with the right rows, and leaks nothing (LeakSanitizer in the sanitizer
 * build) — for a formula (through the formula engine) and for a ratio of
 * two elements (read straight from the values). */
static const char *const oom_indicators[] = { "tfp_contribution_share",
                                              "full_online_procedures_share" };

START_TEST(test_kpi_table_eval__every_allocation_may_fail)
{
    const char *indicator = oom_indicators[_i];
    r57_db *db = fixture(":memory:");
    fill(db);
    r57_kpi_table *t;
    OK(r57_kpi_table_eval(&t, db, indicator, NULL, "2025-11..2026-02"));
    size_t n = r57_kpi_table_count(t);
    double expect[64];
    char reasons[64][160];
    ck_assert_uint_le(n, 64);
    for (size_t i = 0; i < n; i++) {
        expect[i] = r57_kpi_table_value(t, i);
        snprintf(reasons[i], sizeof reasons[i], "%s", r57_kpi_table_reason(t, i));
    }
    r57_kpi_table_free(t);
    for (int after = 0; after <= 1; after++) {
        int failed = 1;
        for (long at = 1; failed; at++) {
            set(db, "hdi", "VN", "2020", 0.5); /* a write: the cache is dropped */
            failalloc_arm(at, after);
            int rc = r57_kpi_table_eval(&t, db, indicator, NULL, "2025-11..2026-02");
            failed = failalloc_count >= at;
            failalloc_arm(0, 0);
            if (rc == R57_ENOMEM) {
                ck_assert_ptr_null(t);
                continue;
            }
            ck_assert_msg(rc == R57_OK, "allocation %ld: %s", at, r57_err_name(rc));
            ck_assert_uint_eq(r57_kpi_table_count(t), n);
            for (size_t i = 0; i < n; i++) {
                ck_assert_int_eq(isnan(r57_kpi_table_value(t, i)), isnan(expect[i]));
                if (!isnan(expect[i]))
                    ck_assert(r57_kpi_table_value(t, i) == expect[i]);
                /* A reason whose text could not be built says so instead. */
                if (!failed)
                    ck_assert_str_eq(r57_kpi_table_reason(t, i), reasons[i]);
            }
            r57_kpi_table_free(t);
        }
    }
    r57_close(db);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("kpi_table");
    TCase *tc = tcase_create("kpi_table");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_kpi_table_eval__every_row_as_kpi_eval);
    tcase_add_test(tc, test_kpi_table_eval__rows_by_unit_depth_first_then_period);
    tcase_add_test(tc, test_kpi_table_eval__all_units_from_each_top_unit_by_code);
    tcase_add_test(tc, test_kpi_table_eval__one_period_and_a_year_range);
    tcase_add_test(tc, test_kpi_table_eval__outlives_writes_and_the_handle);
    tcase_add_test(tc, test_kpi_table_eval__bad_input);
    tcase_add_test(tc, test_kpi_table_rows__outside_the_table);
    tcase_add_loop_test(tc, test_kpi_table_eval__every_allocation_may_fail, 0,
                        (int)(sizeof oom_indicators / sizeof oom_indicators[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    /* Before any other libr57 or SQLite call (r57/alloc.h). */
    if (failalloc_install() != R57_OK)
        return EXIT_FAILURE;
    return run_suite(suite());
}
