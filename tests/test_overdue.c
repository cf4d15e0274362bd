/* Timeliness as of a date, regular tasks, and the overdue list. */
#include "helpers.h"

int r57__store_explain_overdue(r57_db *db, char **plan);

static void add_task(r57_db *db, const char *ref, const char *owner, const char *deadline)
{
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = ref;
    s.owner_unit = owner;
    s.deadline = deadline;
    OK(r57_task_create(NULL, db, "secretariat", &s));
}

static int timeliness(r57_db *db, const char *ref, const char *as_of, int soon, r57_date *due)
{
    r57_task *t;
    r57_timeliness_t state;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", ref));
    OK(r57_task_timeliness(&state, due, db, t, D(as_of), soon));
    r57_task_free(t);
    return state;
}

static void finish(r57_db *db, const char *ref, const char *on)
{
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", ref));
    OK(r57_task_set_status(db, "x", t, R57_STATUS_IN_PROGRESS, D(on)));
    OK(r57_task_set_status(db, "x", t, R57_STATUS_SUBMITTED, D(on)));
    OK(r57_task_set_status(db, "x", t, R57_STATUS_DONE, D(on)));
    r57_task_free(t);
}

static r57_db *fixture(void)
{
    r57_db *db = open_memory();
    add_units(db);
    add_notice(db);
    /* These tests are about dates, not evidence (test_evidence.c): the
     * notice lets its tasks be done without it. */
    OK(r57_document_set_evidence_rule(db, "x", "07-TB/CQTTBCD", R57_TASK_KIND_ONE_OFF, 0));
    OK(r57_document_set_evidence_rule(db, "x", "07-TB/CQTTBCD", R57_TASK_KIND_REGULAR, 0));
    add_task(db, "A", "MOJ", "by 20 October 2025");
    add_task(db, "B", "MOIT", "November 2025");
    add_task(db, "C", "MOIT-ECOM", "fourth quarter of 2025");
    add_task(db, "D", "HN", NULL);
    add_task(db, "E", "HN-BD", "monthly");
    return db;
}

START_TEST(test_overdue_timeliness__open_tasks)
{
    r57_db *db = fixture();
    r57_date due;
    ck_assert_int_eq(timeliness(db, "A", "2025-10-21", 7, &due), R57_TIMELINESS_OVERDUE);
    ck_assert_int_eq(due, D("2025-10-20"));
    ck_assert_int_eq(timeliness(db, "A", "2025-10-20", 7, &due), R57_TIMELINESS_DUE_SOON);
    ck_assert_int_eq(timeliness(db, "A", "2025-10-13", 7, &due), R57_TIMELINESS_DUE_SOON);
    ck_assert_int_eq(timeliness(db, "A", "2025-10-12", 7, &due), R57_TIMELINESS_ON_TRACK);
    ck_assert_int_eq(timeliness(db, "B", "2025-12-01", 0, &due), R57_TIMELINESS_OVERDUE);
    ck_assert_int_eq(due, D("2025-11-30"));
    ck_assert_int_eq(timeliness(db, "D", "2030-01-01", 7, &due), R57_TIMELINESS_NO_DEADLINE);
    ck_assert_int_eq(due, R57_DATE_NONE);
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_timeliness__done_on_time_late_cancelled)
{
    r57_db *db = fixture();
    finish(db, "A", "2025-10-20");
    finish(db, "B", "2025-12-02");
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "C"));
    OK(r57_task_set_status(db, "x", t, R57_STATUS_CANCELLED, R57_DATE_NONE));
    r57_task_free(t);
    ck_assert_int_eq(timeliness(db, "A", "2026-01-01", 7, NULL), R57_TIMELINESS_DONE_ON_TIME);
    ck_assert_int_eq(timeliness(db, "B", "2026-01-01", 7, NULL), R57_TIMELINESS_DONE_LATE);
    ck_assert_int_eq(timeliness(db, "C", "2026-01-01", 7, NULL), R57_TIMELINESS_CANCELLED);
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_timeliness__regular_task_instances)
{
    r57_db *db = fixture();
    r57_date due;
    r57_task *t;
    /* Monthly from the notice's month (October 2025). */
    ck_assert_int_eq(timeliness(db, "E", "2025-10-27", 7, &due), R57_TIMELINESS_DUE_SOON);
    ck_assert_int_eq(due, D("2025-10-31"));
    ck_assert_int_eq(timeliness(db, "E", "2025-11-05", 7, &due), R57_TIMELINESS_OVERDUE);
    ck_assert_int_eq(due, D("2025-10-31"));
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "E"));
    OK(r57_task_instance_done(db, "hn-bd", t, D("2025-10-15"), D("2025-10-30")));
    FAILS(R57_EEXISTS, "task 'E' of '07-TB/CQTTBCD': the instance starting 2025-10-01 is done already",
          r57_task_instance_done(db, "hn-bd", t, D("2025-10-02"), D("2025-10-30")));
    ck_assert_int_eq(timeliness(db, "E", "2025-11-05", 7, &due), R57_TIMELINESS_ON_TRACK);
    ck_assert_int_eq(due, D("2025-11-30"));
    OK(r57_task_instance_done(db, "hn-bd", t, D("2025-11-01"), D("2025-12-03")));
    ck_assert_int_eq(timeliness(db, "E", "2025-11-20", 7, &due), R57_TIMELINESS_DONE_LATE);
    ck_assert_int_eq(timeliness(db, "E", "2025-12-02", 7, &due), R57_TIMELINESS_ON_TRACK);
    ck_assert_int_eq(due, D("2025-12-31"));
    r57_task_free(t);
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "A"));
    FAILS(R57_EINVAL, "task 'A' of '07-TB/CQTTBCD' is not a regular task (deadline 'by 20 October 2025')",
          r57_task_instance_done(db, "x", t, D("2025-10-02"), R57_DATE_NONE));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_timeliness__half_yearly_first_instance_ends_31_december)
{
    r57_db *db = fixture();
    r57_date due;
    add_task(db, "H", "MOJ", "định kỳ 6 tháng");
    /* From the notice's month (October 2025): the half-year July-December. */
    ck_assert_int_eq(timeliness(db, "H", "2025-12-28", 7, &due), R57_TIMELINESS_DUE_SOON);
    ck_assert_int_eq(due, D("2025-12-31"));
    ck_assert_int_eq(timeliness(db, "H", "2026-01-05", 7, &due), R57_TIMELINESS_OVERDUE);
    ck_assert_int_eq(due, D("2025-12-31"));
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_timeliness__half_yearly_done_moves_to_30_june)
{
    r57_db *db = fixture();
    r57_date due;
    r57_task *t;
    add_task(db, "H", "MOJ", "every six months");
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "H"));
    OK(r57_task_instance_done(db, "moj", t, D("2025-09-01"), D("2025-12-20")));
    ck_assert_int_eq(timeliness(db, "H", "2026-01-05", 7, &due), R57_TIMELINESS_ON_TRACK);
    ck_assert_int_eq(due, D("2026-06-30"));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_timeliness__half_yearly_done_late)
{
    r57_db *db = fixture();
    r57_date due;
    r57_task *t;
    add_task(db, "H", "MOJ", "6 tháng một lần");
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "H"));
    OK(r57_task_instance_done(db, "moj", t, D("2025-09-01"), D("2026-01-03")));
    FAILS(R57_EEXISTS, "task 'H' of '07-TB/CQTTBCD': the instance starting 2025-07-01 is done already",
          r57_task_instance_done(db, "moj", t, D("2025-12-31"), D("2026-01-03")));
    ck_assert_int_eq(timeliness(db, "H", "2025-11-01", 7, &due), R57_TIMELINESS_DONE_LATE);
    ck_assert_int_eq(due, D("2025-12-31"));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_list__half_yearly_task_is_listed)
{
    r57_db *db = fixture();
    r57_overdue_iterator *it;
    r57_task *t;
    r57_timeliness_t state;
    r57_date due;
    char got[128] = "";
    add_task(db, "H", "MOJ", "semi-annually");
    OK(r57_overdue_iterator_new(&it, db, D("2026-01-05"), 0, "MOJ", 0));
    while (r57_overdue_next(&t, &state, &due, it) == R57_OK) {
        char line[64], d[16];
        r57_date_format(d, sizeof d, due);
        snprintf(line, sizeof line, "%s:%s:%s ", r57_task_ref(t), r57_timeliness_name(state), d);
        strcat(got, line);
        r57_task_free(t);
    }
    r57_overdue_iterator_free(it);
    ck_assert_str_eq(got, "A:overdue:2025-10-20 H:overdue:2025-12-31 ");
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_list__by_due_date_with_unit_filter)
{
    r57_db *db = fixture();
    r57_overdue_iterator *it;
    r57_task *t;
    r57_timeliness_t state;
    r57_date due;
    char got[256] = "";
    OK(r57_overdue_iterator_new(&it, db, D("2025-11-03"), 30, NULL, 0));
    while (r57_overdue_next(&t, &state, &due, it) == R57_OK) {
        char line[64], d[16];
        r57_date_format(d, sizeof d, due);
        snprintf(line, sizeof line, "%s:%s:%s ", r57_task_ref(t), r57_timeliness_name(state), d);
        strcat(got, line);
        r57_task_free(t);
    }
    r57_overdue_iterator_free(it);
    ck_assert_str_eq(got, "A:overdue:2025-10-20 B:due_soon:2025-11-30 E:overdue:2025-10-31 ");

    got[0] = '\0';
    OK(r57_overdue_iterator_new(&it, db, D("2026-01-05"), 0, "MOIT", 1));
    while (r57_overdue_next(&t, NULL, NULL, it) == R57_OK) {
        strcat(got, r57_task_ref(t));
        r57_task_free(t);
    }
    ck_assert_int_eq(r57_overdue_next(&t, NULL, NULL, it), R57_ITEROVER);
    r57_overdue_iterator_free(it);
    ck_assert_str_eq(got, "BC");

    FAILS(R57_EINVAL, "r57_overdue_iterator_new: due_soon_days -1 is out of range",
          r57_overdue_iterator_new(&it, db, D("2026-01-05"), -1, NULL, 0));
    FAILS(R57_ENOTFOUND, "unknown unit code 'XX'",
          r57_overdue_iterator_new(&it, db, D("2026-01-05"), 0, "XX", 0));
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_list__skips_done_tasks)
{
    r57_db *db = fixture();
    finish(db, "A", "2025-10-25");
    r57_overdue_iterator *it;
    r57_task *t;
    char got[64] = "";
    OK(r57_overdue_iterator_new(&it, db, D("2025-12-15"), 0, "MOJ", 0));
    while (r57_overdue_next(&t, NULL, NULL, it) == R57_OK) {
        strcat(got, r57_task_ref(t));
        r57_task_free(t);
    }
    r57_overdue_iterator_free(it);
    ck_assert_str_eq(got, "");
    r57_close(db);
}
END_TEST

START_TEST(test_overdue_query__uses_the_index)
{
    r57_db *db = fixture();
    char *plan;
    OK(r57__store_explain_overdue(db, &plan));
    /* Both branches search task through the (status, due) index; none scans it. */
    ck_assert_msg(strstr(plan, "SEARCH t USING INDEX task_status_due (status=? AND due<?)") != NULL, "plan: %s", plan);
    ck_assert_msg(strstr(plan, "SEARCH t USING INDEX task_status_due (status=? AND due=?)") != NULL, "plan: %s", plan);
    ck_assert_msg(strstr(plan, "SCAN t") == NULL, "plan: %s", plan);
    r57_free(plan);
    r57_close(db);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("overdue");
    TCase *tc = tcase_create("overdue");
    tcase_add_test(tc, test_overdue_timeliness__open_tasks);
    tcase_add_test(tc, test_overdue_timeliness__done_on_time_late_cancelled);
    tcase_add_test(tc, test_overdue_timeliness__regular_task_instances);
    tcase_add_test(tc, test_overdue_timeliness__half_yearly_first_instance_ends_31_december);
    tcase_add_test(tc, test_overdue_timeliness__half_yearly_done_moves_to_30_june);
    tcase_add_test(tc, test_overdue_timeliness__half_yearly_done_late);
    tcase_add_test(tc, test_overdue_list__half_yearly_task_is_listed);
    tcase_add_test(tc, test_overdue_list__by_due_date_with_unit_filter);
    tcase_add_test(tc, test_overdue_list__skips_done_tasks);
    tcase_add_test(tc, test_overdue_query__uses_the_index);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
