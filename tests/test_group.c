/*
 * Unit groups: the registry's groups (data/unit_groups.csv), their names,
 * KPI evaluation and roll-up for a group, and what a target binds.
 */
#include "helpers.h"

#include <math.h>

static r57_db *registry(void)
{
    r57_db *db = open_memory();
    OK(r57_unit_registry_load(NULL, db, "admin", NULL));
    return db;
}

START_TEST(test_group_registry__central_and_local_load_with_the_units)
{
    r57_db *db = registry();
    r57_group *g;
    OK(r57_group_get(&g, db, "central"));
    ck_assert_str_eq(r57_group_name(g), "Cấp trung ương");
    ck_assert_str_eq(r57_group_name_en(g), "Central level");
    /* 14 ministries and 3 ministerial-level agencies. */
    ck_assert_uint_eq(r57_group_member_count(g), 17);
    ck_assert(r57_group_has_member(g, "MOIT"));
    ck_assert(!r57_group_has_member(g, "HA-NOI"));
    r57_group_free(g);
    OK(r57_group_get(&g, db, "local"));
    ck_assert_uint_eq(r57_group_member_count(g), 34);
    ck_assert(r57_group_has_member(g, "HA-NOI"));
    ck_assert_str_eq(r57_group_member_at(g, 0), "AN-GIANG");
    ck_assert_ptr_null(r57_group_member_at(g, 34));
    r57_group_free(g);
    /* A group is not a unit. */
    r57_unit *u;
    FAILS(R57_ENOTFOUND, "unknown unit code 'central'", r57_unit_get(&u, db, "central"));
    r57_close(db);
}
END_TEST

START_TEST(test_group_registry__loading_twice_changes_nothing)
{
    r57_db *db = registry();
    size_t before = journal_length(db);
    r57_import_report *rep;
    OK(r57_unit_registry_load(&rep, db, "admin", NULL));
    ck_assert_uint_eq(r57_import_report_units(rep), 0);
    ck_assert_uint_eq(r57_import_report_other(rep), 0);
    r57_import_report_free(rep);
    ck_assert_uint_eq(journal_length(db), before);
    r57_close(db);
}
END_TEST

START_TEST(test_group_iterator__every_group_by_code)
{
    r57_db *db = registry();
    r57_group_iterator *it;
    r57_group *g;
    const char *want[] = { "central", "government_agencies", "local" };
    size_t n = 0;
    OK(r57_group_iterator_new(&it, db));
    int rc;
    while ((rc = r57_group_next(&g, it)) == R57_OK) {
        ck_assert_uint_lt(n, 3);
        ck_assert_str_eq(r57_group_code(g), want[n++]);
        r57_group_free(g);
    }
    ck_assert_int_eq(rc, R57_ITEROVER);
    ck_assert_uint_eq(n, 3);
    r57_group_iterator_free(it);
    r57_close(db);
}
END_TEST

static const char *group_named(r57_db *db, const char *name)
{
    static char code[64];
    r57_group *g;
    OK(r57_group_find_by_name(&g, db, name));
    snprintf(code, sizeof code, "%s", r57_group_code(g));
    r57_group_free(g);
    return code;
}

START_TEST(test_group_find_by_name__languages_forms_and_diacritics)
{
    r57_db *db = registry();
    ck_assert_str_eq(group_named(db, "central level"), "central");
    ck_assert_str_eq(group_named(db, "Cấp trung ương"), "central");
    ck_assert_str_eq(group_named(db, "CẤP TRUNG ƯƠNG"), "central");
    ck_assert_str_eq(group_named(db, "trung ương"), "central");
    /* NFD: decomposed vowels and tone marks. */
    ck_assert_str_eq(group_named(db, "ca\xcc\x82\xcc\x81p \xc4\x91i\xcc\xa3" "a phu\xcc\x9bo\xcc\x9bng"),
                     "local");
    ck_assert_str_eq(group_named(db, "cap dia phuong"), "local");
    ck_assert_str_eq(group_named(db, "Local level"), "local");
    ck_assert_str_eq(group_named(db, "các địa phương"), "local");
    ck_assert_str_eq(group_named(db, "localities"), "local");
    ck_assert_str_eq(group_named(db, "provinces and centrally run cities"), "local");
    ck_assert_str_eq(group_named(db, "các tỉnh, thành phố trực thuộc Trung ương"), "local");
    r57_group *g;
    FAILS(R57_ENOTFOUND, "no unit group is named 'relevant agencies'",
          r57_group_find_by_name(&g, db, "relevant agencies"));
    r57_close(db);
}
END_TEST

START_TEST(test_group_create__codes_names_members_and_errors)
{
    r57_db *db = open_memory();
    add_units(db);
    OK(r57_group_create(db, "admin", "pilot", "Pilot units"));
    OK(r57_group_add_member(db, "admin", "pilot", "HN"));
    OK(r57_group_add_member(db, "admin", "pilot", "HN")); /* twice: nothing */
    OK(r57_group_add_member(db, "admin", "pilot", "MOIT"));
    OK(r57_group_name_add(db, "admin", "pilot", R57_UNIT_NAME_ALIAS, "thí điểm"));
    r57_group *g;
    OK(r57_group_get(&g, db, "pilot"));
    ck_assert_uint_eq(r57_group_member_count(g), 2);
    ck_assert_str_eq(r57_group_member_at(g, 0), "HN");
    ck_assert_str_eq(r57_group_member_at(g, 1), "MOIT");
    ck_assert_uint_eq(r57_group_name_count(g), 2);
    ck_assert_int_eq(r57_group_name_kind_at(g, 0), R57_UNIT_NAME_PRIMARY);
    ck_assert_ptr_null(r57_group_name_en(g));
    r57_group_free(g);
    FAILS(R57_EEXISTS, "unit group code 'pilot' exists already",
          r57_group_create(db, "admin", "pilot", "Again"));
    FAILS(R57_EEXISTS, "unit group code 'HN' is a unit's code",
          r57_group_create(db, "admin", "HN", "Ha Noi group"));
    FAILS(R57_EEXISTS, "unit code 'pilot' is a unit group's code",
          r57_unit_create(db, "admin", "pilot", "Pilot", R57_UNIT_OTHER, NULL));
    FAILS(R57_ENOTFOUND, "r57_group_add_member: group 'pilot': unknown unit code 'XX'",
          r57_group_add_member(db, "admin", "pilot", "XX"));
    FAILS(R57_ENOTFOUND, "r57_group_add_member: unknown unit group code 'nope'",
          r57_group_add_member(db, "admin", "nope", "HN"));
    FAILS(R57_ENOTFOUND, "unknown unit group code 'nope'", r57_group_get(&g, db, "nope"));
    FAILS(R57_EINVAL, "r57_group_create: unit group code 'a b' contains whitespace",
          r57_group_create(db, "admin", "a b", "A B"));
    r57_close(db);
}
END_TEST

/* A small catalogue: a ratio indicator over two elements. */
static r57_db *kpi_fixture(void)
{
    r57_db *db = open_memory();
    add_units(db);
    OK(r57_group_create(db, "admin", "central", "Central level"));
    OK(r57_group_add_member(db, "admin", "central", "MOIT"));
    OK(r57_group_add_member(db, "admin", "central", "MOJ"));
    OK(r57_element_create(db, "admin", "online", "Fully online", "count", R57_AGG_SUM));
    OK(r57_element_create(db, "admin", "total", "Procedures", "count", R57_AGG_SUM));
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    s.code = "share";
    s.name = "Fully online share";
    s.numerator = "#{online}";
    s.denominator = "#{total}";
    s.factor = 100;
    OK(r57_indicator_create(db, "admin", &s));
    return db;
}

static double eval(r57_db *db, const char *unit, const char *period)
{
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, "share", unit, period));
    ck_assert_msg(r57_kpi_result_has_value(r), "%s", r57_kpi_result_reason(r));
    double v = r57_kpi_result_value(r);
    r57_kpi_result_free(r);
    return v;
}

/* MOIT 90 of 100 (90 %), MOJ 10 of 300 (3.33 %): the group's share is
 * 100 / 400 = 25 %, not the mean of the two shares (46.67 %). */
START_TEST(test_group_kpi__rolls_up_numerators_and_denominators)
{
    r57_db *db = kpi_fixture();
    OK(r57_value_set(db, "admin", "online", "MOIT", "2025", 90, NULL));
    OK(r57_value_set(db, "admin", "total", "MOIT", "2025", 100, NULL));
    OK(r57_value_set(db, "admin", "online", "MOJ", "2025", 10, NULL));
    OK(r57_value_set(db, "admin", "total", "MOJ", "2025", 300, NULL));
    ck_assert_double_eq_tol(eval(db, "central", "2025"), 25, 1e-12);
    r57_kpi_result *r;
    OK(r57_kpi_eval(&r, db, "share", "central", "2025"));
    ck_assert_double_eq(r57_kpi_result_numerator(r), 100);
    ck_assert_double_eq(r57_kpi_result_denominator(r), 400);
    r57_kpi_result_free(r);
    /* A member without data: no value, naming it. */
    OK(r57_kpi_eval(&r, db, "share", "central", "2024"));
    ck_assert(!r57_kpi_result_has_value(r));
    ck_assert_str_eq(r57_kpi_result_reason(r),
                     "no value for 'share' at 'central' in 2024: #{online} has no value for "
                     "2024 at sub-unit 'MOIT-ECOM'");
    r57_kpi_result_free(r);
    r57_close(db);
}
END_TEST

/* A figure reported for the group as a whole is its value (rollup both),
 * stored against the group; the unit tree is unchanged. */
START_TEST(test_group_kpi__reported_for_the_group)
{
    r57_db *db = kpi_fixture();
    OK(r57_value_set(db, "admin", "online", "central", "2025", 31, "conference"));
    OK(r57_value_set(db, "admin", "total", "central", "2025", 100, "conference"));
    ck_assert_double_eq_tol(eval(db, "central", "2025"), 31, 1e-12);
    double v;
    OK(r57_value_get(&v, db, "online", "central", "2025"));
    ck_assert_double_eq(v, 31);
    r57_unit_iterator *it;
    r57_unit *u;
    size_t n = 0;
    OK(r57_unit_iterator_new(&it, db, NULL));
    while (r57_unit_next(&u, it) == R57_OK) {
        ck_assert_str_ne(r57_unit_code(u), "central");
        r57_unit_free(u);
        n++;
    }
    r57_unit_iterator_free(it);
    ck_assert_uint_eq(n, 6);
    r57_close(db);
}
END_TEST

static int status_of(r57_db *db, const char *unit, const char *period)
{
    r57_attainment *a;
    OK(r57_attainment_get(&a, db, "share", unit, period));
    int s = r57_attainment_status(a);
    r57_attainment_free(a);
    return s;
}

static void set_share(r57_db *db, const char *unit, double online)
{
    OK(r57_value_set(db, "admin", "online", unit, "2026", online, NULL));
    OK(r57_value_set(db, "admin", "total", unit, "2026", 100, NULL));
}

START_TEST(test_group_target__binds_only_the_scope_given)
{
    r57_db *db = kpi_fixture();
    set_share(db, "MOIT-ECOM", 50);
    set_share(db, "MOJ", 50);
    set_share(db, "HN-BD", 50);
    /* MOIT and its subordinate agencies, 2026. */
    r57_target_spec t = R57_TARGET_SPEC_INIT;
    t.indicator = "share";
    t.binds = R57_TARGET_BINDS_SUBUNITS;
    t.unit = "MOIT";
    t.comparison = ">=";
    t.value = 80;
    t.period = "2026";
    t.source = "318/QD-BCT";
    OK(r57_target_create(db, "admin", &t));
    ck_assert_int_eq(status_of(db, "MOIT", "2026"), R57_ATTAINMENT_NOT_MET);
    ck_assert_int_eq(status_of(db, "MOIT-ECOM", "2026"), R57_ATTAINMENT_NOT_MET);
    ck_assert_int_eq(status_of(db, "MOJ", "2026"), R57_ATTAINMENT_NO_TARGET);
    ck_assert_int_eq(status_of(db, "central", "2026"), R57_ATTAINMENT_NO_TARGET);
    ck_assert_int_eq(status_of(db, "VN", "2026"), R57_ATTAINMENT_NO_TARGET);
    ck_assert_int_eq(status_of(db, "MOIT", "2025"), R57_ATTAINMENT_NO_TARGET);
    /* Each member of a group, not the group. */
    t.binds = R57_TARGET_BINDS_MEMBERS;
    t.unit = "central";
    t.value = 40;
    OK(r57_target_create(db, "admin", &t));
    ck_assert_int_eq(status_of(db, "MOJ", "2026"), R57_ATTAINMENT_MET);
    ck_assert_int_eq(status_of(db, "central", "2026"), R57_ATTAINMENT_NO_TARGET);
    /* MOIT: its own subtree target (80) before the members' (40). */
    ck_assert_int_eq(status_of(db, "MOIT", "2026"), R57_ATTAINMENT_NOT_MET);
    /* The group as a whole. */
    t.binds = R57_TARGET_BINDS_GROUP;
    t.value = 60;
    OK(r57_target_create(db, "admin", &t));
    ck_assert_int_eq(status_of(db, "central", "2026"), R57_ATTAINMENT_NOT_MET);
    ck_assert_int_eq(status_of(db, "HN", "2026"), R57_ATTAINMENT_NO_TARGET);
    t.unit = NULL;
    FAILS(R57_EINVAL, "target for 'share': binds group needs a group code",
          r57_target_create(db, "admin", &t));
    t.unit = "HN";
    FAILS(R57_ENOTFOUND, "target for 'share': unknown unit group code 'HN'",
          r57_target_create(db, "admin", &t));
    ck_assert_str_eq(r57_target_binds_name(R57_TARGET_BINDS_MEMBERS), "members");
    r57_target_binds_t b;
    OK(r57_target_binds_parse(&b, "subunits"));
    ck_assert_int_eq(b, R57_TARGET_BINDS_SUBUNITS);
    r57_close(db);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("group");
    TCase *tc = tcase_create("group");
    tcase_add_test(tc, test_group_registry__central_and_local_load_with_the_units);
    tcase_add_test(tc, test_group_registry__loading_twice_changes_nothing);
    tcase_add_test(tc, test_group_iterator__every_group_by_code);
    tcase_add_test(tc, test_group_find_by_name__languages_forms_and_diacritics);
    tcase_add_test(tc, test_group_create__codes_names_members_and_errors);
    tcase_add_test(tc, test_group_kpi__rolls_up_numerators_and_denominators);
    tcase_add_test(tc, test_group_kpi__reported_for_the_group);
    tcase_add_test(tc, test_group_target__binds_only_the_scope_given);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
