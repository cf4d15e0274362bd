/* The "6 clear" lint. */
#include "helpers.h"

static r57_task *make(r57_db *db, r57_task_spec *s)
{
    r57_task *t;
    s->document = "07-TB/CQTTBCD";
    OK(r57_task_create(&t, db, "secretariat", s));
    return t;
}

static r57_db *fixture(void)
{
    r57_db *db = open_memory();
    add_units(db);
    add_notice(db);
    return db;
}

#define CLARITY(v, f, c, why)                                                       \
    do {                                                                           \
        ck_assert_str_eq(r57_clarity_name(r57_verdict_clarity(v, f)), r57_clarity_name(c)); \
        ck_assert_str_eq(r57_verdict_reason(v, f), why);                           \
    } while (0)

START_TEST(test_lint_task__all_clear)
{
    r57_db *db = fixture();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "III.8";
    s.title = "Review all administrative procedures";
    s.owner_unit = "MOJ";
    s.accountability = "Minister of Justice";
    s.product = "report with a cutting plan";
    s.authority = "Prime Minister";
    s.deadline = "by 15 November 2025";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_lint_task(&v, NULL, t));
    ck_assert(r57_verdict_is_clear(v));
    for (int f = 0; f < R57_CLEAR_FIELD_COUNT; f++)
        CLARITY(v, f, R57_CLARITY_CLEAR, "");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_lint_task__all_missing)
{
    r57_db *db = fixture();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "X";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_lint_task(&v, NULL, t));
    ck_assert(!r57_verdict_is_clear(v));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_MISSING, "no lead unit is named");
    CLARITY(v, R57_CLEAR_TASK, R57_CLARITY_MISSING, "the task does not say what is to be done");
    CLARITY(v, R57_CLEAR_DEADLINE, R57_CLARITY_MISSING, "no deadline");
    CLARITY(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_MISSING, "nobody is named to answer for the task");
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_MISSING, "no product (deliverable) is named");
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_MISSING, "nobody is named to decide or approve");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_lint_task__vague_phrases_from_notice_07)
{
    r57_db *db = fixture();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "II.2.b.2";
    s.title = "Draft and submit the legal documents assigned by Decision 05-QD/BCDTW";
    s.owner = "assigned ministries";
    s.accountability = "relevant agencies";
    s.product = "legal documents submitted for promulgation";
    s.authority = "competent authorities";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_lint_task(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
            "owner 'assigned ministries' is vague: 'assigned ministries' does not say which ministries");
    CLARITY(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_VAGUE,
            "accountability 'relevant agencies' is vague: 'relevant' does not say which");
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_VAGUE,
            "authority 'competent authorities' is vague: 'competent authorities' names nobody");
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_CLEAR, "");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_lint_task__owner_text_without_unit)
{
    r57_db *db = fixture();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "Y";
    s.owner = "Ministry of Culture";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_lint_task(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE, "owner 'Ministry of Culture' names no registered unit");
    r57_verdict_free(v);
    r57_task_free(t);
    s.ref = "Z";
    s.owner = NULL;
    s.owner_person = "Nguyen Van A";
    t = make(db, &s);
    OK(r57_lint_task(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE, "owner names a person ('Nguyen Van A') but no lead unit");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_lint_task__vietnamese_and_whole_words)
{
    r57_db *db = fixture();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "V";
    s.authority = "cấp có thẩm quyền";
    s.product = "irrelevant-sounding but named report"; /* "relevant" inside a word */
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_lint_task(&v, NULL, t));
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_VAGUE,
            "authority 'cấp có thẩm quyền' is vague: 'có thẩm quyền' names nobody (có thẩm quyền)");
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_CLEAR, "");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_lint_linter__caller_phrases)
{
    r57_db *db = fixture();
    r57_linter *l;
    OK(r57_linter_new(&l));
    OK(r57_linter_add_vague(l, R57_CLEAR_PRODUCT, "Progress Report", "says nothing of the result"));
    OK(r57_linter_add_vague(l, -1, "the usual people", NULL));
    FAILS(R57_EINVAL, "r57_linter_add_vague: phrase is NULL or blank", r57_linter_add_vague(l, 1, " ", NULL));
    FAILS(R57_EINVAL, "r57_linter_add_vague: 6 is not a 6-clear field", r57_linter_add_vague(l, 6, "x", NULL));
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "P";
    s.product = "a progress report";
    s.authority = "the usual people";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_lint_task(&v, l, t));
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_VAGUE,
            "product 'a progress report' is vague: 'progress report' says nothing of the result");
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_VAGUE,
            "authority 'the usual people' is vague: 'the usual people' is vague");
    r57_verdict_free(v);
    /* Without the caller's phrases the same task is clear on both. */
    OK(r57_lint_task(&v, NULL, t));
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_CLEAR, "");
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_CLEAR, "");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_linter_free(l);
    r57_close(db);
}
END_TEST

START_TEST(test_lint_names__fields_and_clarity)
{
    const char *names[] = { "owner", "task", "deadline", "accountability", "product", "authority" };
    for (int f = 0; f < R57_CLEAR_FIELD_COUNT; f++)
        ck_assert_str_eq(r57_clear_field_name(f), names[f]);
    ck_assert_ptr_null(r57_clear_field_name(6));
    ck_assert_str_eq(r57_clarity_name(R57_CLARITY_VAGUE), "vague");
    ck_assert_int_eq(r57_verdict_clarity(NULL, 0), -1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("lint");
    TCase *tc = tcase_create("lint");
    tcase_add_test(tc, test_lint_task__all_clear);
    tcase_add_test(tc, test_lint_task__all_missing);
    tcase_add_test(tc, test_lint_task__vague_phrases_from_notice_07);
    tcase_add_test(tc, test_lint_task__owner_text_without_unit);
    tcase_add_test(tc, test_lint_task__vietnamese_and_whole_words);
    tcase_add_test(tc, test_lint_linter__caller_phrases);
    tcase_add_test(tc, test_lint_names__fields_and_clarity);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
