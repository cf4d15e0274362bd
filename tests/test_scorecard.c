/* Key tasks, scorecards and the rating rule on a small realistic tree:
 * Ha Noi with two wards, notice 07's tasks due in the fourth quarter of
 * 2025, a monthly report, and a key digital-transformation task. */
#include "helpers.h"

#include <math.h>

static void task_due(r57_db *db, const char *ref, const char *unit, const char *deadline)
{
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = ref;
    s.owner_unit = unit;
    s.deadline = deadline;
    OK(r57_task_create(NULL, db, "setup", &s));
}

static void finish(r57_db *db, const char *ref, const char *on)
{
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", ref));
    OK(r57_task_set_status(db, "setup", t, R57_STATUS_IN_PROGRESS, D(on)));
    OK(r57_task_set_status(db, "setup", t, R57_STATUS_SUBMITTED, D(on)));
    OK(r57_task_set_status(db, "setup", t, R57_STATUS_DONE, D(on)));
    r57_task_free(t);
}

static r57_db *tree(void)
{
    r57_db *db = open_memory();
    add_units(db); /* VN > HN > HN-BD, … */
    OK(r57_unit_create(db, "setup", "HN-HK", "Hoan Kiem ward", R57_UNIT_COMMUNE, "HN"));
    add_notice(db); /* issued 2025-10-15 */
    /* The rating is about dates here; evidence has its own tests. */
    OK(r57_document_set_evidence_rule(db, "setup", "07-TB/CQTTBCD", R57_TASK_KIND_ONE_OFF, 0));
    OK(r57_document_set_evidence_rule(db, "setup", "07-TB/CQTTBCD", R57_TASK_KIND_REGULAR, 0));
    task_due(db, "A", "HN-BD", "by 20 October 2025");
    task_due(db, "B", "HN-BD", "by 15 November 2025");
    task_due(db, "C", "HN-HK", "November 2025");
    task_due(db, "D", "HN", "by 15 December 2025");
    task_due(db, "E", "HN-HK", "January 2026");
    task_due(db, "F", "HN-BD", "monthly");
    task_due(db, "G", "HN-BD", "by 1 November 2025");
    task_due(db, "H", "HN-BD", "by 20 December 2025");
    finish(db, "A", "2025-10-18");
    finish(db, "B", "2025-11-20");
    finish(db, "C", "2025-11-30");
    finish(db, "H", "2025-12-19");
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "F"));
    OK(r57_task_instance_done(db, "setup", t, D("2025-10-01"), D("2025-10-30")));
    OK(r57_task_instance_done(db, "setup", t, D("2025-11-01"), D("2025-12-03")));
    r57_task_free(t);
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "G"));
    OK(r57_task_set_status(db, "setup", t, R57_STATUS_CANCELLED, R57_DATE_NONE));
    r57_task_free(t);
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "D"));
    OK(r57_task_set_key(db, "setup", t, R57_KEY_DIGITAL_TRANSFORMATION));
    int k = -2;
    OK(r57_task_key(&k, db, t));
    ck_assert_int_eq(k, R57_KEY_DIGITAL_TRANSFORMATION);
    r57_task_free(t);
    return db;
}

static void counts(const r57_scorecard *s, int due, int on_time, int late, int overdue, int pending)
{
    ck_assert_int_eq(r57_scorecard_due(s), due);
    ck_assert_int_eq(r57_scorecard_on_time(s), on_time);
    ck_assert_int_eq(r57_scorecard_late(s), late);
    ck_assert_int_eq(r57_scorecard_overdue(s), overdue);
    ck_assert_int_eq(r57_scorecard_pending(s), pending);
}

START_TEST(test_scorecard__counts_a_unit_with_its_wards)
{
    r57_db *db = tree();
    r57_scorecard *s;
    /* A, B, C, D, H and F's October, November and December instances; E
     * falls due later, G is cancelled. */
    OK(r57_scorecard_get(&s, db, "HN", 1, "2025Q4", R57_DATE_NONE));
    ck_assert_int_eq(r57_scorecard_as_of(s), D("2025-12-31"));
    counts(s, 8, 4, 2, 1, 1);
    ck_assert_double_eq_tol(r57_scorecard_on_time_share(s), 400.0 / 7, 1e-9);
    ck_assert_uint_eq(r57_scorecard_key_unfinished(s), 1);
    ck_assert_str_eq(r57_scorecard_key_ref(s, 0), "D");
    ck_assert_str_eq(r57_key_category_name(r57_scorecard_key_category(s, 0)), "digital_transformation");
    ck_assert_int_eq(r57_scorecard_key_due(s, 0), D("2025-12-15"));
    ck_assert_str_eq(r57_rating_name(r57_scorecard_rating(s)), "done");
    ck_assert_str_eq(r57_scorecard_reason(s),
                     "on time 57.1% (at least 50% for 'done'; 'well_done' needs 70%)");
    r57_scorecard_free(s);

    /* The ward alone; and an earlier as-of date, when more was pending. */
    OK(r57_scorecard_get(&s, db, "HN-BD", 0, "2025Q4", R57_DATE_NONE));
    counts(s, 6, 3, 2, 0, 1);
    ck_assert_uint_eq(r57_scorecard_key_unfinished(s), 0);
    r57_scorecard_free(s);
    OK(r57_scorecard_get(&s, db, "HN", 1, "2025Q4", D("2025-11-25")));
    counts(s, 8, 2, 1, 0, 5);
    r57_scorecard_free(s);
    /* A month with nothing due gets no rating. */
    OK(r57_scorecard_get(&s, db, "HN-HK", 0, "2025-10", R57_DATE_NONE));
    counts(s, 0, 0, 0, 0, 0);
    ck_assert(isnan(r57_scorecard_on_time_share(s)));
    ck_assert_int_eq(r57_scorecard_rating(s), R57_RATING_NONE);
    ck_assert_str_eq(r57_scorecard_reason(s), "nothing is due in the period: no rating");
    r57_scorecard_free(s);
    /* E is due in January 2026: as of 31 December it counts as due in the
     * period and pending, so the reason must not say nothing fell due (it
     * said "no task fell due in the period" while counting one). */
    OK(r57_scorecard_get(&s, db, "HN-HK", 0, "2026-01", D("2025-12-31")));
    counts(s, 1, 0, 0, 0, 1);
    ck_assert_int_eq(r57_scorecard_rating(s), R57_RATING_NONE);
    ck_assert_str_eq(r57_scorecard_reason(s),
                     "1 piece of work due in the period, none due by 2025-12-31: no rating yet");
    r57_scorecard_free(s);

    FAILS(R57_ENOTFOUND, "scorecard: unknown unit code 'XX'",
          r57_scorecard_get(&s, db, "XX", 1, "2025", R57_DATE_NONE));
    ck_assert_int_eq(r57_scorecard_get(&s, db, "HN", 1, "2025Q5", R57_DATE_NONE), R57_EPARSE);
    r57_close(db);
}
END_TEST

START_TEST(test_rating__an_unfinished_key_task_blocks_well_done_and_says_which)
{
    r57_db *db = tree();
    r57_scorecard *s;
    double min;
    bool blocks;
    OK(r57_rating_rule_get(&min, &blocks, db, R57_RATING_WELL_DONE));
    ck_assert_double_eq(min, 70);
    ck_assert_int_eq(blocks, 1);
    /* With 55% enough for "well done", HN would reach it but for task D. */
    OK(r57_rating_rule_set(db, "setup", R57_RATING_WELL_DONE, 55, 1));
    OK(r57_scorecard_get(&s, db, "HN", 1, "2025Q4", R57_DATE_NONE));
    ck_assert_int_eq(r57_scorecard_rating(s), R57_RATING_DONE);
    ck_assert_str_eq(r57_scorecard_reason(s),
                     "key task 'D' of '07-TB/CQTTBCD' (digital_transformation), due 2025-12-15, "
                     "is unfinished: it rules out 'well_done'; on time 57.1% gives 'done'");
    r57_scorecard_free(s);
    /* Finished late, D no longer blocks; the share stays the same. */
    finish(db, "D", "2025-12-20");
    OK(r57_scorecard_get(&s, db, "HN", 1, "2025Q4", R57_DATE_NONE));
    counts(s, 8, 4, 3, 0, 1);
    ck_assert_uint_eq(r57_scorecard_key_unfinished(s), 0);
    ck_assert_int_eq(r57_scorecard_rating(s), R57_RATING_WELL_DONE);
    r57_scorecard_free(s);
    /* As of before D was done, it still blocks. */
    OK(r57_scorecard_get(&s, db, "HN", 1, "2025Q4", D("2025-12-18")));
    ck_assert_uint_eq(r57_scorecard_key_unfinished(s), 1);
    r57_scorecard_free(s);

    FAILS(R57_EINVAL, "rating rule 'well_done': share 95 is above the 90 of 'excellent'",
          r57_rating_rule_set(db, "setup", R57_RATING_WELL_DONE, 95, 1));
    FAILS(R57_EINVAL, "rating rule 'done': share 120 is not between 0 and 100",
          r57_rating_rule_set(db, "setup", R57_RATING_DONE, 120, 0));
    FAILS(R57_EINVAL, "7 is not a rating level", r57_rating_rule_set(db, "setup", 7, 10, 0));
    r57_close(db);
}
END_TEST

START_TEST(test_scorecard__kpi_targets_of_the_unit)
{
    r57_db *db = tree();
    OK(r57_element_create(db, "setup", "procedures_total", "Procedures", NULL, R57_AGG_SUM));
    OK(r57_element_create(db, "setup", "procedures_fully_online", "Online", NULL, R57_AGG_SUM));
    r57_indicator_spec is = R57_INDICATOR_SPEC_INIT;
    is.code = "online_share";
    is.name = "Share fully online";
    is.numerator = "#{procedures_fully_online}";
    is.denominator = "#{procedures_total}";
    is.factor = 100;
    OK(r57_indicator_create(db, "setup", &is));
    is.code = "online_count";
    is.name = "Procedures fully online";
    is.numerator = NULL;
    is.denominator = NULL;
    is.factor = 0;
    is.formula = "#{procedures_fully_online}";
    OK(r57_indicator_create(db, "setup", &is));
    r57_target_spec ts = R57_TARGET_SPEC_INIT;
    ts.indicator = "online_share";
    ts.unit = "HN";
    ts.comparison = ">=";
    ts.value = 80;
    ts.period = "2025Q4";
    OK(r57_target_create(db, "setup", &ts));
    ts.indicator = "online_count";
    ts.value = 500;
    OK(r57_target_create(db, "setup", &ts));
    OK(r57_value_set(db, "setup", "procedures_total", "HN", "2025Q4", 400, NULL));
    OK(r57_value_set(db, "setup", "procedures_fully_online", "HN", "2025Q4", 340, NULL));
    r57_scorecard *s;
    OK(r57_scorecard_get(&s, db, "HN", 1, "2025Q4", R57_DATE_NONE));
    ck_assert_int_eq(r57_scorecard_targets_met(s), 1);     /* 85% >= 80% */
    ck_assert_int_eq(r57_scorecard_targets_not_met(s), 1); /* 340 < 500 */
    ck_assert_int_eq(r57_scorecard_targets_no_data(s), 0);
    r57_scorecard_free(s);
    r57_close(db);
}
END_TEST

START_TEST(test_key_task__rights_and_bad_input)
{
    r57_db *db = tree();
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "A"));
    FAILS(R57_EINVAL, "task 'A' of '07-TB/CQTTBCD': 9 is not a key task category",
          r57_task_set_key(db, "setup", t, 9));
    OK(r57_actor_create(db, "setup", "root", "Root"));
    OK(r57_actor_grant(db, "setup", "root", R57_ROLE_ADMINISTRATOR, NULL));
    FAILS(R57_EPERM, "actor 'root' may not mark as a key task task 'A' of '07-TB/CQTTBCD': that "
                     "needs the manager role in unit 'HN-BD' or above",
          r57_task_set_key(db, "root", t, R57_KEY_PUBLIC_INVESTMENT));
    FAILS(R57_EPERM, "actor 'mgr' may not change the rating rule 'done': 'mgr' is not a registered actor",
          r57_rating_rule_set(db, "mgr", R57_RATING_DONE, 40, 0));
    OK(r57_actor_create(db, "root", "mgr", "Manager"));
    OK(r57_actor_grant(db, "root", "mgr", R57_ROLE_MANAGER, "HN"));
    OK(r57_task_set_key(db, "mgr", t, R57_KEY_PUBLIC_INVESTMENT));
    OK(r57_task_set_key(db, "mgr", t, R57_KEY_NONE));
    int k;
    OK(r57_task_key(&k, db, t));
    ck_assert_int_eq(k, R57_KEY_NONE);
    int cat;
    ck_assert_int_eq(r57_key_category_parse(&cat, "science_technology"), R57_OK);
    ck_assert_int_eq(cat, R57_KEY_SCIENCE_TECHNOLOGY);
    ck_assert_int_eq(r57_key_category_parse(&cat, "sports"), R57_EINVAL);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* n times s after head: a new string. */
static char *repeat(const char *head, const char *s, size_t n)
{
    size_t h = strlen(head), len = strlen(s);
    char *r = malloc(h + len * n + 1);
    ck_assert_ptr_nonnull(r);
    memcpy(r, head, h);
    for (size_t i = 0; i < n; i++)
        memcpy(r + h + i * len, s, len);
    r[h + len * n] = '\0';
    return r;
}

/* Marking a key task journals it under "<document>#<ref>", which was cut at
 * 299 bytes: a reference of 285 bytes filled it; one of 143 two-byte
 * characters (286 bytes) was cut inside its last character, and the entry
 * could not be found under the task's key. */
START_TEST(test_key_task__journal_key_whole_at_and_past_300_bytes)
{
    r57_db *db = tree();
    char *refs[] = { repeat("x", "\xc4\x90", 142), repeat("", "\xc4\x90", 143) };
    for (int i = 0; i < 2; i++) {
        char key[512];
        snprintf(key, sizeof key, "07-TB/CQTTBCD#%s", refs[i]);
        ck_assert_uint_eq(strlen(key), 299 + (size_t)i);
        task_due(db, refs[i], "HN", "by 15 December 2025");
        r57_task *t;
        OK(r57_task_get(&t, db, "07-TB/CQTTBCD", refs[i]));
        OK(r57_task_set_key(db, "setup", t, R57_KEY_PUBLIC_INVESTMENT));
        r57_task_free(t);
        r57_journal_iterator *it;
        r57_journal_entry *e;
        int keyed = 0;
        OK(r57_journal_iterator_new(&it, db, "task", key));
        while (r57_journal_next(&e, it) == R57_OK) {
            if (strcmp(r57_journal_entry_action(e), "key") == 0) {
                ck_assert_str_eq(r57_journal_entry_new(e), "{\"key\":\"public_investment\"}");
                keyed++;
            }
            r57_journal_entry_free(e);
        }
        r57_journal_iterator_free(it);
        ck_assert_int_eq(keyed, 1);
        free(refs[i]);
    }
    r57_close(db);
}
END_TEST

/* The rating's reason quotes the key task that blocks a better rating; it
 * was cut at 399 bytes (the blocking words) and 599 (the whole).  Here the
 * words of the block are 399 bytes, 400, and long enough for the whole to
 * pass 600, with a reference of two-byte characters. */
START_TEST(test_rating__reason_names_a_long_key_task_whole)
{
    static const char *const fmt = "key task '%s' of '07-TB/CQTTBCD' (digital_transformation), due "
                                   "2025-12-15, is unfinished: it rules out 'well_done'";
    size_t fixed = strlen(fmt) - 2;
    size_t lengths[] = { 399, 400, 600 };
    for (int i = 0; i < 3; i++) {
        r57_db *db = tree();
        size_t n = lengths[i] - fixed; /* bytes of the reference */
        char *ref = repeat(n % 2 ? "x" : "", "\xc4\x90", n / 2), want[2048];
        ck_assert_uint_eq(strlen(ref), n);
        /* The long task takes D's place as the one unfinished key task: the
         * share falls to 4 of 8, which 'well_done' at 50% would rate. */
        r57_task *t;
        OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "D"));
        OK(r57_task_set_key(db, "setup", t, R57_KEY_NONE));
        r57_task_free(t);
        task_due(db, ref, "HN", "by 15 December 2025");
        OK(r57_task_get(&t, db, "07-TB/CQTTBCD", ref));
        OK(r57_task_set_key(db, "setup", t, R57_KEY_DIGITAL_TRANSFORMATION));
        r57_task_free(t);
        OK(r57_rating_rule_set(db, "setup", R57_RATING_WELL_DONE, 50, 1));
        r57_scorecard *s;
        OK(r57_scorecard_get(&s, db, "HN", 1, "2025Q4", R57_DATE_NONE));
        int len = snprintf(want, sizeof want, fmt, ref);
        ck_assert_int_eq(len, (int)lengths[i]);
        strcat(want, "; on time 50.0% gives 'done'");
        ck_assert_str_eq(r57_scorecard_reason(s), want);
        r57_scorecard_free(s);
        free(ref);
        r57_close(db);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("scorecard");
    TCase *tc = tcase_create("scorecard");
    tcase_add_test(tc, test_scorecard__counts_a_unit_with_its_wards);
    tcase_add_test(tc, test_rating__an_unfinished_key_task_blocks_well_done_and_says_which);
    tcase_add_test(tc, test_scorecard__kpi_targets_of_the_unit);
    tcase_add_test(tc, test_key_task__rights_and_bad_input);
    tcase_add_test(tc, test_key_task__journal_key_whole_at_and_past_300_bytes);
    tcase_add_test(tc, test_rating__reason_names_a_long_key_task_whole);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
