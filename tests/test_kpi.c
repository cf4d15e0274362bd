/* The KPI engine: elements, values, indicators, roll-up, targets,
 * attainment and the Resolution 57 catalogue, checked against published
 * figures. */
#include "helpers.h"

#include <math.h>

#ifndef R57_SOURCE_DIR
#error "R57_SOURCE_DIR must name the source tree"
#endif
#define CATALOGUE R57_SOURCE_DIR "/data/catalogue.json"
#ifndef R57_SHARED_DATA
#error "R57_SHARED_DATA must name the folder of the shared data"
#endif
#define REPORTED shared_file("reported_2025.csv")

/* The fixture's database, in memory (path NULL) or in a file. */
static r57_db *fixture_at(const char *path)
{
    r57_db *db = NULL;
    OK(r57_open(&db, path ? path : ":memory:", NULL));
    add_units(db);
    /* The groups of the registry, with the fixture's units as members. */
    OK(r57_group_create(db, "admin", "central", "Cấp trung ương"));
    OK(r57_group_name_add(db, "admin", "central", R57_UNIT_NAME_ENGLISH, "Central level"));
    OK(r57_group_add_member(db, "admin", "central", "MOIT"));
    OK(r57_group_add_member(db, "admin", "central", "MOJ"));
    OK(r57_group_create(db, "admin", "local", "Cấp địa phương"));
    OK(r57_group_add_member(db, "admin", "local", "HN"));
    OK(r57_unit_create(db, "admin", "HN-HK", "Hoan Kiem ward", R57_UNIT_COMMUNE, "HN"));
    OK(r57_catalogue_load(db, "admin", CATALOGUE));
    return db;
}

static r57_db *fixture(void) { return fixture_at(NULL); }

static double eval_value(r57_db *db, const char *ind, const char *unit, const char *period)
{
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, ind, unit, period));
    ck_assert_msg(r57_kpi_result_has_value(r), "%s at %s in %s: %s", ind, unit, period,
                  r57_kpi_result_reason(r));
    double v = r57_kpi_result_value(r);
    r57_kpi_result_free(r);
    return v;
}

/* Reads ../shared/data/reported_2025.csv and stores every figure as the
 * value of the catalogue's matching element. */
static int store_reported(r57_db *db)
{
    static const struct { const char *csv, *element; } map[] = {
        { "online_public_services_share", "online_public_services_share_reported" },
        { "full_online_public_services_share", "full_online_public_services_share_reported" },
        { "technology_enterprises", "technology_enterprises" },
        { "technology_enterprises_operating", "technology_enterprises_operating" },
        { "st_enterprise_certificates", "st_enterprise_certificates" },
        { "global_innovation_index_rank", "global_innovation_index_rank" },
        { "stidt_budget_share", "stidt_budget_share_reported" },
    };
    static const struct { const char *scope, *unit; } scopes[] = {
        { "central level", "central" }, { "local level", "local" }, { "nation", "VN" } };
    FILE *f = fopen(REPORTED, "r");
    ck_assert_msg(f != NULL, "cannot read %s", REPORTED);
    char line[512];
    int stored = 0;
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char *fields[6], *save = NULL;
        int n = 0;
        for (char *tok = strtok_r(line, ",\n", &save); tok && n < 6; tok = strtok_r(NULL, ",\n", &save))
            fields[n++] = tok;
        ck_assert_int_eq(n, 6);
        const char *element = NULL, *unit = NULL;
        for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
            if (strcmp(map[i].csv, fields[0]) == 0)
                element = map[i].element;
        for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
            if (strcmp(scopes[i].scope, fields[1]) == 0)
                unit = scopes[i].unit;
        if (!element)
            continue; /* counts of strategic technologies: no catalogue element */
        ck_assert_ptr_nonnull(unit);
        OK(r57_value_set(db, "statistics", element, unit, fields[2], atof(fields[3]), fields[5]));
        stored++;
    }
    fclose(f);
    return stored;
}

/* The 80 % fully-online target of 318/QD-BCT binds the Ministry of
 * Industry and Trade and its subordinate agencies in 2026: the 2025 figures
 * of the central and local levels are shown with "no target for this
 * scope", never judged "not met". */
START_TEST(test_kpi_reported_2025__groups_have_no_target_for_this_scope)
{
    r57_db *db = fixture();
    ck_assert_int_eq(store_reported(db), 9);
    r57_attainment *a;
    OK(r57_attainment_get(&a, db, "full_online_public_services_share", "local", "2025"));
    ck_assert_str_eq(r57_attainment_status_name(r57_attainment_status(a)), "no_target");
    ck_assert_double_eq_tol(r57_attainment_value(a), 45, 1e-9);
    ck_assert(isnan(r57_attainment_target(a)));
    ck_assert_str_eq(r57_attainment_reason(a),
                     "no target for this scope: no target of 'full_online_public_services_share' "
                     "binds 'local' in 2025");
    r57_attainment_free(a);
    OK(r57_attainment_get(&a, db, "full_online_public_services_share", "central", "2025"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_NO_TARGET);
    ck_assert_double_eq_tol(r57_attainment_value(a), 31.36, 1e-9);
    r57_attainment_free(a);
    /* The same figure for the ministry in 2026 is judged. */
    OK(r57_value_set(db, "statistics", "full_online_public_services_share_reported", "MOIT",
                     "2026", 45, NULL));
    OK(r57_attainment_get(&a, db, "full_online_public_services_share", "MOIT", "2026"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_NOT_MET);
    ck_assert_double_eq_tol(r57_attainment_gap(a), 35, 1e-9);
    r57_attainment_free(a);
    /* The reported figures are stored as given. */
    double v;
    OK(r57_value_get(&v, db, "technology_enterprises", "VN", "2025"));
    ck_assert_double_eq(v, 79000);
    ck_assert_double_eq(eval_value(db, "global_innovation_index_rank", "VN", "2025"), 44);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_tfp__published_2019_contribution)
{
    /* GSO: GDP growth 7.02% in 2019, TFP contributing 46.11%.  With
     * alpha = 0.4 and labour growth 1.5%, capital must grow by
     * (7.02 - 0.4611 * 7.02 - 0.6 * 1.5) / 0.4 = 7.207695% for the
     * residual to be 0.4611 * 7.02 points. */
    r57_db *db = fixture();
    OK(r57_value_set(db, "gso", "capital_share", "VN", "2019", 0.4, "assumed"));
    OK(r57_value_set(db, "gso", "output", "VN", "2018", 1000.0, NULL));
    OK(r57_value_set(db, "gso", "output", "VN", "2019", 1070.2, NULL));
    OK(r57_value_set(db, "gso", "capital", "VN", "2018", 2000.0, NULL));
    OK(r57_value_set(db, "gso", "capital", "VN", "2019", 2000.0 * 1.07207695, NULL));
    OK(r57_value_set(db, "gso", "labour", "VN", "2018", 50.0, NULL));
    OK(r57_value_set(db, "gso", "labour", "VN", "2019", 50.75, NULL));
    double share = eval_value(db, "tfp_contribution_share", "VN", "2019");
    ck_assert_double_eq_tol(round(share * 100) / 100, 46.11, 1e-9);
    /* Log growth gives a slightly different share from the same data. */
    double log_share = eval_value(db, "tfp_contribution_share_log", "VN", "2019");
    ck_assert(fabs(log_share - share) > 0.01 && fabs(log_share - share) < 1.0);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_ecommerce_growth__hand_computation)
{
    r57_db *db = fixture();
    OK(r57_value_set(db, "moit", "ecommerce_revenue", "MOIT", "2024", 25000, NULL));
    OK(r57_value_set(db, "moit", "ecommerce_revenue", "MOIT", "2025", 31000, NULL));
    ck_assert_double_eq_tol(eval_value(db, "ecommerce_growth", "MOIT", "2025"),
                            (31000.0 - 25000.0) / 25000.0 * 100, 1e-12);
    r57_attainment *a;
    OK(r57_value_set(db, "moit", "ecommerce_revenue", "MOIT", "2026", 38750, NULL));
    OK(r57_attainment_get(&a, db, "ecommerce_growth", "MOIT", "2026"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_MET);
    ck_assert_double_eq_tol(r57_attainment_value(a), 25, 1e-9);
    ck_assert_double_eq(r57_attainment_gap(a), 0);
    r57_attainment_free(a);
    r57_close(db);
}
END_TEST

/* The engine's cache on a handle is dropped when another connection
 * changes the file (SQLite's data_version), not only by its own writes. */
START_TEST(test_kpi_cache__another_connections_write_is_seen)
{
    char path[512];
    temp_path(path, sizeof path, "kpi-two-handles.r57");
    r57_db *a = fixture_at(path), *b = NULL;
    OK(r57_value_set(a, "moit", "ecommerce_revenue", "MOIT", "2024", 25000, NULL));
    OK(r57_value_set(a, "moit", "ecommerce_revenue", "MOIT", "2025", 31000, NULL));
    ck_assert_double_eq_tol(eval_value(a, "ecommerce_growth", "MOIT", "2025"), 24, 1e-9);
    OK(r57_open(&b, path, NULL));
    OK(r57_value_set(b, "moit", "ecommerce_revenue", "MOIT", "2025", 30000, NULL));
    ck_assert_double_eq_tol(eval_value(a, "ecommerce_growth", "MOIT", "2025"), 20, 1e-9);
    r57_close(b);
    r57_close(a);
    remove(path);
}
END_TEST

START_TEST(test_kpi_rollup__sums_numerators_and_denominators)
{
    r57_db *db = fixture();
    /* Two communes of Ha Noi: 90 of 100 and 10 of 100 procedures online:
     * the province is 100 / 200 = 50%, whatever the average of 90% and
     * 10% would be; with 300 procedures in the second, 100 / 400 = 25%. */
    OK(r57_value_set(db, "hn", "procedures_fully_online", "HN-BD", "2026", 90, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026", 100, NULL));
    OK(r57_value_set(db, "hn", "procedures_fully_online", "HN-HK", "2026", 10, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-HK", "2026", 300, NULL));
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, "full_online_procedures_share", "HN", "2026"));
    ck_assert(r57_kpi_result_has_value(r));
    ck_assert_double_eq_tol(r57_kpi_result_value(r), 25, 1e-12);
    ck_assert_double_eq(r57_kpi_result_numerator(r), 100);
    ck_assert_double_eq(r57_kpi_result_denominator(r), 400);
    r57_kpi_result_free(r);
    /* The province's own report takes precedence ("both"). */
    OK(r57_value_set(db, "hn", "procedures_fully_online", "HN", "2026", 300, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN", "2026", 400, NULL));
    ck_assert_double_eq_tol(eval_value(db, "full_online_procedures_share", "HN", "2026"), 75, 1e-12);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_half_year__values_stored_and_rolled_up_over_subunits)
{
    r57_db *db = fixture();
    /* Half-years are reported like years: the value stored for 2026H1,
     * combined over the communes as for any period. */
    OK(r57_value_set(db, "hn", "procedures_fully_online", "HN-BD", "2026H1", 90, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026H1", 100, NULL));
    OK(r57_value_set(db, "hn", "procedures_fully_online", "HN-HK", "2026H1", 10, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-HK", "2026H1", 300, NULL));
    double v;
    OK(r57_value_get(&v, db, "procedures_total", "HN-HK", "2026h1"));
    ck_assert_double_eq(v, 300);
    ck_assert_double_eq_tol(eval_value(db, "full_online_procedures_share", "HN", "2026H1"), 25,
                            1e-12);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_half_year__no_roll_up_from_quarters)
{
    r57_db *db = fixture();
    /* A half-year's value is the one reported for it: quarters are not
     * summed into it (nor are they into a year). */
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026Q1", 40, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026Q2", 60, NULL));
    OK(r57_value_set(db, "hn", "procedures_fully_online", "HN-BD", "2026H1", 50, NULL));
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, "full_online_procedures_share", "HN-BD", "2026H1"));
    ck_assert(!r57_kpi_result_has_value(r));
    ck_assert_str_eq(r57_kpi_result_reason(r),
                     "no value for 'full_online_procedures_share' at 'HN-BD' in 2026H1: "
                     "#{procedures_total} has no value for 2026H1");
    r57_kpi_result_free(r);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_rollup__missing_subunit_is_named)
{
    r57_db *db = fixture();
    OK(r57_value_set(db, "hn", "procedures_fully_online", "HN-BD", "2026", 90, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026", 100, NULL));
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, "full_online_procedures_share", "HN", "2026"));
    ck_assert(!r57_kpi_result_has_value(r));
    ck_assert(isnan(r57_kpi_result_value(r)));
    ck_assert_str_eq(r57_kpi_result_reason(r),
                     "no value for 'full_online_procedures_share' at 'HN' in 2026: "
                     "#{procedures_fully_online} has no value for 2026 at sub-unit 'HN-HK'");
    r57_kpi_result_free(r);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_eval__division_by_zero_and_missing_previous_period)
{
    r57_db *db = fixture();
    OK(r57_value_set(db, "moj", "procedures_fully_online", "MOJ", "2026", 0, NULL));
    OK(r57_value_set(db, "moj", "procedures_total", "MOJ", "2026", 0, NULL));
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, "full_online_procedures_share", "MOJ", "2026"));
    ck_assert(!r57_kpi_result_has_value(r));
    ck_assert_str_eq(r57_kpi_result_reason(r),
                     "no value for 'full_online_procedures_share' at 'MOJ' in 2026: "
                     "division by zero: the denominator '#{procedures_total}' is 0");
    r57_kpi_result_free(r);
    /* MOIT has no 2025 figure of its own, nor has its sub-unit. */
    OK(r57_value_set(db, "moit", "ecommerce_revenue", "MOIT", "2026", 100, NULL));
    OK(r57_kpi_eval(&r, db, "ecommerce_growth", "MOIT", "2026"));
    ck_assert(!r57_kpi_result_has_value(r));
    ck_assert_str_eq(r57_kpi_result_reason(r),
                     "no value for 'ecommerce_growth' at 'MOIT' in 2026: "
                     "#{ecommerce_revenue} has no value for 2025 at sub-unit 'MOIT-ECOM'");
    r57_kpi_result_free(r);
    OK(r57_kpi_eval(&r, db, "ecommerce_growth", "MOJ", "2026"));
    ck_assert_str_eq(r57_kpi_result_reason(r),
                     "no value for 'ecommerce_growth' at 'MOJ' in 2026: "
                     "#{ecommerce_revenue} has no value for 2026");
    r57_kpi_result_free(r);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_target__average_over_2026_2030)
{
    r57_db *db = open_memory();
    add_units(db);
    OK(r57_element_create(db, "admin", "share", "A share", "percent", R57_AGG_SUM));
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    s.code = "tfp";
    s.name = "TFP share";
    s.formula = "#{share}";
    OK(r57_indicator_create(db, "admin", &s));
    r57_target_spec ts = R57_TARGET_SPEC_INIT;
    ts.indicator = "tfp";
    ts.comparison = ">";
    ts.value = 58;
    ts.period = "2026..2030";
    ts.aggregate = R57_TARGET_AVERAGE;
    ts.scope = "Ministry of Industry and Trade sector";
    ts.source = "318/QD-BCT";
    OK(r57_target_create(db, "admin", &ts));
    const char *years[] = { "2026", "2027", "2028", "2029", "2030" };
    const double shares[] = { 52, 55, 58, 61, 65 }; /* average 58.2 */
    for (int i = 0; i < 5; i++)
        OK(r57_value_set(db, "moit", "share", "MOIT", years[i], shares[i], NULL));
    r57_attainment *a;
    OK(r57_attainment_get(&a, db, "tfp", "MOIT", "2026..2030"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_MET);
    ck_assert_double_eq_tol(r57_attainment_value(a), 58.2, 1e-9);
    r57_attainment_free(a);
    /* Not for a single year: the average target is for the range only. */
    OK(r57_attainment_get(&a, db, "tfp", "MOIT", "2027"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_NO_TARGET);
    ck_assert_str_eq(r57_attainment_reason(a),
                     "no target for this scope: no target of 'tfp' binds 'MOIT' in 2027");
    r57_attainment_free(a);
    OK(r57_value_set(db, "moit", "share", "MOIT", "2030", 50, NULL)); /* average 55.2 */
    OK(r57_attainment_get(&a, db, "tfp", "MOIT", "2026..2030"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_NOT_MET);
    ck_assert_double_eq_tol(r57_attainment_gap(a), 2.8, 1e-9);
    r57_attainment_free(a);
    r57_close(db);
}
END_TEST

/*
 * The TFP contribution over a period comes from the period's average
 * growth rates, (gY - a gK - (1 - a) gL) / gY, as the statistics office
 * publishes period contributions — not from the mean of the yearly
 * shares, which one year of small output growth dominates.  By hand, with
 * a = 0.4: output 100, 110, 110.55 (growth 10 %, 0.5 %), capital 100,
 * 106, 112.36 (6 %, 6 %), labour 100, 101, 102.01 (1 %, 1 %):
 *   2026: (0.10 - 0.024 - 0.006) / 0.10 = 70 %
 *   2027: (0.005 - 0.024 - 0.006) / 0.005 = -500 %   (mean of the two: -215 %)
 *   2026..2027: mean growth 5.25 %, 6 %, 1 %:
 *         (0.0525 - 0.024 - 0.006) / 0.0525 = 42.857142… %
 */
START_TEST(test_kpi_tfp__period_contribution_from_average_growth_rates)
{
    r57_db *db = fixture();
    static const struct { const char *element, *year; double v; } data[] = {
        { "output", "2025", 100 }, { "output", "2026", 110 }, { "output", "2027", 110.55 },
        { "capital", "2025", 100 }, { "capital", "2026", 106 }, { "capital", "2027", 112.36 },
        { "labour", "2025", 100 }, { "labour", "2026", 101 }, { "labour", "2027", 102.01 },
    };
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
        OK(r57_value_set(db, "statistics", data[i].element, "MOIT", data[i].year, data[i].v,
                         NULL));
    for (int y = 2026; y <= 2027; y++) {
        char year[8];
        snprintf(year, sizeof year, "%d", y);
        OK(r57_value_set(db, "statistics", "capital_share", "VN", year, 0.4, NULL));
    }
    double y2026 = eval_value(db, "tfp_contribution_share", "MOIT", "2026");
    double y2027 = eval_value(db, "tfp_contribution_share", "MOIT", "2027");
    ck_assert_double_eq_tol(y2026, 70, 1e-9);
    ck_assert_double_eq_tol(y2027, -500, 1e-9);
    ck_assert_double_eq_tol((y2026 + y2027) / 2, -215, 1e-9);
    /* Over the period: no target binds 2026..2027, the value is shown. */
    r57_attainment *a;
    OK(r57_attainment_get(&a, db, "tfp_contribution_share", "MOIT", "2026..2027"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_NO_TARGET);
    ck_assert_double_eq_tol(r57_attainment_value(a), 100 * 0.0225 / 0.0525, 1e-9);
    ck_assert_double_eq_tol(r57_attainment_value(a), 42.857142857142854, 1e-9);
    r57_attainment_free(a);
    /* "> 40 on average over 2026..2027" is met by the period contribution
     * (the mean of yearly shares, -215, would fail it). */
    r57_target_spec t = R57_TARGET_SPEC_INIT;
    t.indicator = "tfp_contribution_share";
    t.binds = R57_TARGET_BINDS_SUBUNITS;
    t.unit = "MOIT";
    t.comparison = ">";
    t.value = 40;
    t.period = "2026..2027";
    t.aggregate = R57_TARGET_AVERAGE;
    OK(r57_target_create(db, "admin", &t));
    OK(r57_attainment_get(&a, db, "tfp_contribution_share", "MOIT", "2026..2027"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_MET);
    r57_attainment_free(a);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_attainment__no_data_names_what_is_missing)
{
    r57_db *db = fixture();
    r57_attainment *a;
    OK(r57_attainment_get(&a, db, "full_online_procedures_share", "MOIT-ECOM", "2026"));
    ck_assert_str_eq(r57_attainment_status_name(r57_attainment_status(a)), "no_data");
    ck_assert(isnan(r57_attainment_value(a)));
    ck_assert_double_eq(r57_attainment_target(a), 80);
    ck_assert_str_eq(r57_attainment_reason(a),
                     "no value for 'full_online_procedures_share' at 'MOIT-ECOM' in 2026: "
                     "#{procedures_fully_online} has no value for 2026");
    r57_attainment_free(a);
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_bad_input__specific_errors)
{
    r57_db *db = fixture();
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    s.code = "broken";
    s.name = "Broken";
    s.formula = "#{output} + * 2";
    ck_assert_int_eq(r57_indicator_create(db, "admin", &s), R57_EPARSE);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "indicator 'broken': formula: formula '#{output} + * 2': at offset 12: expected a value");
    ck_assert_int_eq(r57_error_offset(r57_error_last()), 12);
    s.formula = "#{no_such_element} * 2";
    FAILS(R57_ENOTFOUND, "indicator 'broken': unknown data element 'no_such_element'",
          r57_indicator_create(db, "admin", &s));
    s.formula = "I{no_such_indicator} * 2";
    FAILS(R57_ENOTFOUND, "indicator 'broken': unknown indicator 'no_such_indicator'",
          r57_indicator_create(db, "admin", &s));
    s.formula = "I{broken}[-1] + 1";
    FAILS(R57_ECYCLE, "indicator 'broken' refers to itself", r57_indicator_create(db, "admin", &s));
    r57_indicator *ind;
    FAILS(R57_ENOTFOUND, "unknown indicator 'broken'", r57_indicator_get(&ind, db, "broken"));

    FAILS(R57_EPARSE, "period '2026Q5': quarter 5 is not 1-4",
          r57_value_set(db, "x", "output", "VN", "2026Q5", 1, NULL));
    FAILS(R57_EPARSE, "period '2026-13': month 13 is not 1-12",
          r57_value_set(db, "x", "output", "VN", "2026-13", 1, NULL));
    FAILS(R57_ENOTFOUND, "unknown unit code 'ATLANTIS'",
          r57_value_set(db, "x", "output", "ATLANTIS", "2026", 1, NULL));
    FAILS(R57_ENOTFOUND, "unknown data element 'outptu'",
          r57_value_set(db, "x", "outptu", "VN", "2026", 1, NULL));
    FAILS(R57_EINVAL, "value of 'output' for 'VN' in 2026 is not a finite number",
          r57_value_set(db, "x", "output", "VN", "2026", NAN, NULL));
    FAILS(R57_EINVAL, "period '2026..2030' is a range; give a year, half-year, quarter or month",
          r57_value_set(db, "x", "output", "VN", "2026..2030", 1, NULL));
    r57_target_spec t = R57_TARGET_SPEC_INIT;
    t.indicator = "ecommerce_growth";
    t.comparison = "=>";
    t.value = 25;
    t.period = "2026";
    FAILS(R57_EINVAL, "target for 'ecommerce_growth': comparison '=>' is not one of >=, >, =, <=, <",
          r57_target_create(db, "x", &t));
    t.indicator = "nope";
    t.comparison = ">=";
    FAILS(R57_ENOTFOUND, "target: unknown indicator 'nope'", r57_target_create(db, "x", &t));
    t.indicator = "ecommerce_growth";
    t.aggregate = R57_TARGET_AVERAGE;
    FAILS(R57_EINVAL, "target for 'ecommerce_growth': an average needs a range of periods, not '2026'",
          r57_target_create(db, "x", &t));
    FAILS(R57_EINVAL, "r57_target_create: db or spec is NULL", r57_target_create(db, "x", NULL));
    t.version = 2;
    FAILS(R57_EINVAL, "r57_target_create: unknown spec version 2", r57_target_create(db, "x", &t));
    FAILS(R57_EEXISTS, "data element 'output' exists already",
          r57_element_create(db, "x", "output", "Output", NULL, R57_AGG_SUM));
    FAILS(R57_EINVAL, "data element code 'out put' may hold only letters, digits and '_'",
          r57_element_create(db, "x", "out put", "Output", NULL, R57_AGG_SUM));
    r57_close(db);
}
END_TEST

START_TEST(test_kpi_catalogue__cycle_and_bad_files_store_nothing)
{
    char path[512];
    r57_db *db = open_memory();
    temp_path(path, sizeof path, "cycle.json");
    FILE *f = fopen(path, "w");
    fputs("{\"format\":\"libr57-catalogue\",\"version\":1,"
          "\"elements\":[{\"code\":\"x\",\"name\":\"X\"}],"
          "\"indicators\":[{\"code\":\"a\",\"name\":\"A\",\"formula\":\"I{b} + #{x}\"},"
          "{\"code\":\"b\",\"name\":\"B\",\"formula\":\"I{a} * 2\"}]}", f);
    fclose(f);
    FAILS(R57_ECYCLE, "catalogue: indicators 'a', 'b' refer to each other in a cycle",
          r57_catalogue_load(db, "admin", path));
    /* Nothing of it stayed: the element can be defined again. */
    OK(r57_element_create(db, "admin", "x", "X", NULL, R57_AGG_SUM));

    f = fopen(path, "w");
    fputs("{\"format\":\"libr57-catalogue\",\n \"version\": 1,\n \"elements\": [ {\"code\": 5} ]\n", f);
    fclose(f);
    ck_assert_int_eq(r57_catalogue_load(db, "admin", path), R57_EPARSE);
    ck_assert_int_eq(r57_error_line(r57_error_last()), 4);
    r57_close(db);
    remove(path);
}
END_TEST

START_TEST(test_kpi_values__replace_iterate_and_journal)
{
    r57_db *db = fixture();
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026-01", 100, "portal"));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026-01", 120, "corrected"));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-HK", "2026-02", 80, NULL));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-HK", "2027-01", 90, NULL));
    double v;
    OK(r57_value_get(&v, db, "procedures_total", "HN-BD", "2026-01"));
    ck_assert_double_eq(v, 120);
    FAILS(R57_ENOTFOUND, "no value of 'procedures_total' for 'HN-BD' in 2026-02",
          r57_value_get(&v, db, "procedures_total", "HN-BD", "2026-02"));
    r57_value_query q = R57_VALUE_QUERY_INIT;
    q.unit = "HN";
    q.include_subunits = 1;
    q.period = "2026";
    r57_value_iterator *it;
    r57_value *val;
    char got[256] = "";
    OK(r57_value_iterator_new(&it, db, &q));
    while (r57_value_next(&val, it) == R57_OK) {
        char p[R57_PERIOD_TEXT_SIZE], line[96];
        r57_period_format(p, sizeof p, r57_value_period(val));
        snprintf(line, sizeof line, "%s/%s/%s=%g(%s) ", r57_value_element(val), r57_value_unit(val),
                 p, r57_value_number(val), r57_value_source(val));
        strcat(got, line);
        r57_value_free(val);
    }
    r57_value_iterator_free(it);
    ck_assert_str_eq(got, "procedures_total/HN-BD/2026-01=120(corrected) procedures_total/HN-HK/2026-02=80() ");
    r57_close(db);
}
END_TEST

/* ---- no silent limits ------------------------------------------------------
 *
 * The words of an action an actor may not take ("create data element
 * 'x'") were cut at 299 bytes, so a long code lost its end, or half a
 * character, in the refusal.  They are built whole now; each test checks
 * a code that filled the old buffer exactly and one a byte (or a
 * character) past it.
 */

/* The fixture with access control on: 'root' administers, 'ana' reports
 * for MOJ only. */
static r57_db *guarded(void)
{
    r57_db *db = fixture();
    OK(r57_actor_create(db, "setup", "root", "Root"));
    OK(r57_actor_grant(db, "setup", "root", R57_ROLE_ADMINISTRATOR, NULL));
    OK(r57_actor_create(db, "root", "ana", "Ana"));
    OK(r57_actor_grant(db, "root", "ana", R57_ROLE_REPORTER, "MOJ"));
    return db;
}

/* n times s, then tail: a new string. */
static char *repeat(const char *s, size_t n, const char *tail)
{
    size_t len = strlen(s);
    char *r = malloc(len * n + strlen(tail) + 1);
    ck_assert_ptr_nonnull(r);
    for (size_t i = 0; i < n; i++)
        memcpy(r + i * len, s, len);
    strcpy(r + len * n, tail);
    return r;
}

/* Calls `call` as 'ana' with a code that makes the words of the action
 * (action_fmt with the code) 299 bytes long, then 300: each is refused
 * naming the action whole, "actor 'ana' may not <action>: that needs the
 * administrator role system-wide". */
static void refused_whole(int (*call)(r57_db *, const char *), const char *action_fmt)
{
    r57_db *db = guarded();
    size_t fixed = strlen(action_fmt) - 2;
    for (size_t len = 299; len <= 300; len++) {
        char *code = repeat("c", len - fixed, ""), action[512], want[1024];
        ck_assert_int_eq(call(db, code), R57_EPERM);
        snprintf(action, sizeof action, action_fmt, code);
        ck_assert_uint_eq(strlen(action), len);
        snprintf(want, sizeof want, "actor 'ana' may not %s: that needs the administrator role "
                 "system-wide", action);
        ck_assert_str_eq(r57_error_message(r57_error_last()), want);
        free(code);
    }
    r57_close(db);
}

static int create_element(r57_db *db, const char *code)
{
    return r57_element_create(db, "ana", code, "Long", NULL, R57_AGG_SUM);
}

static int create_indicator(r57_db *db, const char *code)
{
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    s.code = code;
    s.name = "Long";
    s.formula = "#{output}";
    return r57_indicator_create(db, "ana", &s);
}

/* The access check comes before the look-up of the indicator. */
static int create_target(r57_db *db, const char *indicator)
{
    r57_target_spec t = R57_TARGET_SPEC_INIT;
    t.indicator = indicator;
    t.comparison = ">=";
    t.value = 1;
    return r57_target_create(db, "ana", &t);
}

START_TEST(test_kpi_limits__refused_element_named_whole_at_and_past_300_bytes)
{
    refused_whole(create_element, "create data element '%s'");
}
END_TEST

START_TEST(test_kpi_limits__refused_indicator_named_whole_at_and_past_300_bytes)
{
    refused_whole(create_indicator, "create indicator '%s'");
}
END_TEST

START_TEST(test_kpi_limits__refused_target_named_whole_at_and_past_300_bytes)
{
    refused_whole(create_target, "set a target for indicator '%s'");
}
END_TEST

START_TEST(test_kpi_limits__refused_value_names_a_long_utf8_unit_whole)
{
    r57_db *db = guarded();
    /* "report 'output' for unit '" + code + "'" with a code of two-byte
     * characters: 136 of them make 299 bytes; 137 make 301, and the old
     * cut at 299 fell inside the last one. */
    for (size_t n = 136; n <= 137; n++) {
        char *code = repeat("\xc4\x90", n, ""), want[1024];
        OK(r57_unit_create(db, "root", code, "Long ward", R57_UNIT_COMMUNE, "HN"));
        ck_assert_int_eq(r57_value_set(db, "ana", "output", code, "2026", 1, NULL), R57_EPERM);
        /* The scope names the unit whole too (it was cut at 159 bytes). */
        snprintf(want, sizeof want, "actor 'ana' may not report 'output' for unit '%s': "
                 "that needs the reporter role in unit '%s' or above", code, code);
        ck_assert_str_eq(r57_error_message(r57_error_last()), want);
        free(code);
    }
    r57_close(db);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("kpi");
    TCase *tc = tcase_create("kpi");
    /* The cases that read the shared data (-Dshared_data, ../shared/data by
     * default) carry a tag, so that a tree without it runs the others
     * (CK_EXCLUDE_TAGS, tests/meson.build). */
    TCase *shared = tcase_create("shared_data");
    tcase_set_tags(shared, "shared-data");
    tcase_add_test(shared, test_kpi_reported_2025__groups_have_no_target_for_this_scope);
    tcase_add_test(tc, test_kpi_tfp__published_2019_contribution);
    tcase_add_test(tc, test_kpi_ecommerce_growth__hand_computation);
    tcase_add_test(tc, test_kpi_rollup__sums_numerators_and_denominators);
    tcase_add_test(tc, test_kpi_rollup__missing_subunit_is_named);
    tcase_add_test(tc, test_kpi_eval__division_by_zero_and_missing_previous_period);
    tcase_add_test(tc, test_kpi_target__average_over_2026_2030);
    tcase_add_test(tc, test_kpi_half_year__values_stored_and_rolled_up_over_subunits);
    tcase_add_test(tc, test_kpi_half_year__no_roll_up_from_quarters);
    tcase_add_test(tc, test_kpi_attainment__no_data_names_what_is_missing);
    tcase_add_test(tc, test_kpi_tfp__period_contribution_from_average_growth_rates);
    tcase_add_test(tc, test_kpi_bad_input__specific_errors);
    tcase_add_test(tc, test_kpi_catalogue__cycle_and_bad_files_store_nothing);
    tcase_add_test(tc, test_kpi_values__replace_iterate_and_journal);
    tcase_add_test(tc, test_kpi_limits__refused_element_named_whole_at_and_past_300_bytes);
    tcase_add_test(tc, test_kpi_limits__refused_indicator_named_whole_at_and_past_300_bytes);
    tcase_add_test(tc, test_kpi_limits__refused_target_named_whole_at_and_past_300_bytes);
    tcase_add_test(tc, test_kpi_limits__refused_value_names_a_long_utf8_unit_whole);
    tcase_add_test(tc, test_kpi_cache__another_connections_write_is_seen);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, shared);
    return s;
}

int main(void) { return run_suite(suite()); }
