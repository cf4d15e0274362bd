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

/* The same with the registry of Vietnam's units loaded. */
static r57_db *registry(void)
{
    r57_db *db = open_memory();
    OK(r57_unit_registry_load(NULL, db, "admin", NULL));
    add_notice(db);
    return db;
}

#define CLARITY(v, f, c, why)                                                       \
    do {                                                                           \
        ck_assert_str_eq(r57_clarity_name(r57_verdict_clarity(v, f)), r57_clarity_name(c)); \
        ck_assert_str_eq(r57_verdict_reason(v, f), why);                           \
    } while (0)

START_TEST(test_linter_check__all_clear)
{
    r57_db *db = registry();
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
    OK(r57_linter_check(&v, NULL, t));
    ck_assert(r57_verdict_is_clear(v));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_CLEAR, "owner: unit MOJ");
    CLARITY(v, R57_CLEAR_TASK, R57_CLARITY_CLEAR, "");
    CLARITY(v, R57_CLEAR_DEADLINE, R57_CLARITY_CLEAR, "");
    CLARITY(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_CLEAR,
            "accountability 'Minister of Justice': MOJ (Bộ Tư pháp)");
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_CLEAR, "");
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_CLEAR,
            "authority 'Prime Minister': PM (Thủ tướng Chính phủ)");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_linter_check__all_missing)
{
    r57_db *db = fixture();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "X";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
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

START_TEST(test_linter_check__collective_owners_and_authorities)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "II.2.b.2";
    s.title = "Draft and submit the legal documents assigned by Decision 05-QD/BCDTW";
    s.owner = "assigned ministries";
    s.accountability = "relevant agencies";
    s.product = "legal documents submitted for promulgation";
    s.authority = "competent authorities";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
            "owner 'assigned ministries': names a class of bodies, not one unit ('assigned "
            "ministries'): assign it to each unit of the central level");
    CLARITY(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_VAGUE,
            "accountability 'relevant agencies': names a class of bodies, not one unit "
            "('relevant agencies'): name one lead unit, or assign it to each");
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_VAGUE,
            "authority 'competent authorities': names a class of bodies, not one unit "
            "('competent authorities'): name one lead unit, or assign it to each");
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_CLEAR, "");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* A phrase the tests have never seen: a plural body with a qualifier. */
START_TEST(test_linter_check__class_owner_by_rule)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "R1";
    s.owner = "agencies in charge of the registers";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    ck_assert_int_eq(r57_verdict_clarity(v, R57_CLEAR_OWNER), R57_CLARITY_VAGUE);
    r57_verdict_free(v);
    r57_task_free(t);
    s.ref = "R2";
    s.owner = "Các cơ quan quản lý chuyên ngành";
    t = make(db, &s);
    OK(r57_linter_check(&v, NULL, t));
    ck_assert_int_eq(r57_verdict_clarity(v, R57_CLEAR_OWNER), R57_CLARITY_VAGUE);
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_linter_check__joint_leads_offer_both_readings)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "J1";
    s.owner = "Bộ Tài chính và Ngân hàng Nhà nước";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
            "owner 'Bộ Tài chính và Ngân hàng Nhà nước': names 2 bodies as joint leads (MOF, "
            "SBV): name one lead and make the others coordinating, or, if each acts in its own "
            "area, assign to each");
    ck_assert_ptr_null(r57_task_owner_unit(t));
    r57_verdict_free(v);
    r57_task_free(t);
    s.ref = "J2";
    s.owner = "UBND thành phố Hà Nội, UBND Thành phố Hồ Chí Minh trong phạm vi chức năng, nhiệm vụ";
    t = make(db, &s);
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
            "owner 'UBND thành phố Hà Nội, UBND Thành phố Hồ Chí Minh trong phạm vi chức năng, "
            "nhiệm vụ': names 2 bodies as joint leads (HA-NOI, HO-CHI-MINH): name one lead and "
            "make the others coordinating, or assign to each (each acts within its own area)");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* A registered name with its own comma and "và" is one unit; "chủ trì,
 * phối hợp với" makes a lead and coordinating units. */
START_TEST(test_linter_check__lead_and_coordinating)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "L1";
    s.owner = "Bộ Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Bộ KH&CN và VPCP";
    r57_task *t = make(db, &s);
    ck_assert_str_eq(r57_task_owner_unit(t), "MOCST");
    ck_assert_uint_eq(r57_task_coordinating_units_count(t), 2);
    ck_assert_str_eq(r57_task_coordinating_unit(t, 0), "MOST");
    ck_assert_str_eq(r57_task_coordinating_unit(t, 1), "GO");
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_CLEAR,
            "owner 'Bộ Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Bộ KH&CN và VPCP': "
            "MOCST (Bộ Văn hóa, Thể thao và Du lịch); coordinating: MOST, GO");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* Old names resolve to the successor, and the verdict says so. */
START_TEST(test_linter_check__old_names_resolve_to_successor)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "M1";
    s.owner = "UBND tỉnh Hà Giang";
    r57_task *t = make(db, &s);
    ck_assert_str_eq(r57_task_owner_unit(t), "TUYEN-QUANG");
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_CLEAR,
            "owner 'UBND tỉnh Hà Giang': TUYEN-QUANG (Tỉnh Tuyên Quang): 'Hà Giang' was merged "
            "into Tỉnh Tuyên Quang (TUYEN-QUANG) on 2025-07-01");
    r57_verdict_free(v);
    r57_task_free(t);
    /* A document issued before the merger keeps its meaning, said so. */
    OK(r57_document_create(db, "admin", "12/2025/KH", R57_DOC_PLAN, D("2025-05-02"), NULL, NULL));
    s.document = "12/2025/KH";
    s.owner = "Bộ Kế hoạch và Đầu tư";
    OK(r57_task_create(&t, db, "secretariat", &s));
    ck_assert_str_eq(r57_task_owner_unit(t), "MOF");
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_CLEAR,
            "owner 'Bộ Kế hoạch và Đầu tư': MOF (Bộ Tài chính): 'Bộ Kế hoạch và Đầu tư' was "
            "merged into Bộ Tài chính (MOF) on 2025-03-01");
    r57_verdict_free(v);
    r57_task_free(t);
    s.ref = "M2";
    s.owner = "Tỉnh Bắc Kạn";
    OK(r57_task_create(&t, db, "secretariat", &s));
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_CLEAR,
            "owner 'Tỉnh Bắc Kạn': THAI-NGUYEN (Tỉnh Thái Nguyên): 'Bắc Kạn' was merged into "
            "Tỉnh Thái Nguyên (THAI-NGUYEN) on 2025-07-01, after this document was issued");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* NFD and text without diacritics read as NFC. */
START_TEST(test_linter_check__nfd_and_without_diacritics)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "N1";
    s.owner = "B\xe1\xbb\x99 Ta\xcc\x80i chi\xcc\x81nh"; /* Bộ Tài chính, NFD */
    r57_task *t = make(db, &s);
    ck_assert_str_eq(r57_task_owner_unit(t), "MOF");
    r57_task_free(t);
    s.ref = "N2";
    s.owner = "Bo Khoa hoc va Cong nghe";
    t = make(db, &s);
    ck_assert_str_eq(r57_task_owner_unit(t), "MOST");
    r57_task_free(t);
    /* "một" (one) is not the old abbreviation MOT of the Ministry of Transport. */
    s.ref = "N3";
    s.owner = "một số bộ";
    t = make(db, &s);
    ck_assert_ptr_null(r57_task_owner_unit(t));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_linter_check__accountability_implied_by_rule)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "A1";
    s.owner = "Bộ Tư pháp";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_MISSING,
            "nobody is named to answer for the task");
    r57_verdict_free(v);
    r57_task_free(t);
    OK(r57_accountability_rule_set(db, "admin", NULL, "the head of the lead unit answers"));
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "A1"));
    ck_assert_str_eq(r57_task_accountability_rule(t), "the head of the lead unit answers");
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_IMPLIED,
            "not written; implied by the rule 'the head of the lead unit answers': the head of "
            "MOJ answers");
    r57_verdict_free(v);
    r57_task_free(t);
    /* A document's rule outranks the database's; removing it restores that. */
    OK(r57_accountability_rule_set(db, "admin", "07-TB/CQTTBCD", "the Minister answers"));
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "A1"));
    ck_assert_str_eq(r57_task_accountability_rule(t), "the Minister answers");
    r57_task_free(t);
    OK(r57_accountability_rule_set(db, "admin", "07-TB/CQTTBCD", NULL));
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "A1"));
    ck_assert_str_eq(r57_task_accountability_rule(t), "the head of the lead unit answers");
    r57_task_free(t);
    FAILS(R57_ENOTFOUND, "r57_accountability_rule_set: unknown document 'nope'",
          r57_accountability_rule_set(db, "admin", "nope", "x"));
    r57_close(db);
}
END_TEST

START_TEST(test_linter_check__owner_text_without_unit)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "Y";
    s.owner = "Ministry of Magic";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
            "owner 'Ministry of Magic': 'Ministry of Magic' is not in the registry: register it "
            "or correct the name");
    r57_verdict_free(v);
    r57_task_free(t);
    s.ref = "Z";
    s.owner = NULL;
    s.owner_person = "Nguyen Van A";
    t = make(db, &s);
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE, "owner names a person ('Nguyen Van A') but no lead unit");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_linter_check__vietnamese_and_whole_words)
{
    r57_db *db = registry();
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "V";
    s.authority = "cấp có thẩm quyền";
    s.product = "irrelevant-sounding but named report"; /* "relevant" inside a word */
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_AUTHORITY, R57_CLARITY_VAGUE,
            "authority 'cấp có thẩm quyền': names a class of bodies, not one unit ('cấp có thẩm "
            "quyền'): name one lead unit, or assign it to each");
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_CLEAR, "");
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* Notice 07 with the registry, no units created: every verdict as the
 * shared table says (tests/data/notice07-verdicts.txt, which the CLI,
 * Python and Java tests read too). */
START_TEST(test_lint_notice_07__verdicts_with_the_registry)
{
    r57_db *db = open_memory();
    OK(r57_unit_registry_load(NULL, db, "admin", NULL));
    r57_import_report *rep;
    OK(r57_import_csv_tasks(&rep, db, "secretariat", NULL,
                            shared_file("notice_07-TB-CQTTBCD_tasks.csv")));
    ck_assert_uint_eq(r57_import_report_tasks(rep), 23);
    ck_assert_uint_eq(r57_import_report_units(rep), 0);
    r57_import_report_free(rep);
    FILE *f = fopen(R57_SOURCE_DIR "/tests/data/notice07-verdicts.txt", "r");
    ck_assert_ptr_nonnull(f);
    char line[512];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char ref[64], want[R57_CLEAR_FIELD_COUNT][16];
        ck_assert_int_eq(sscanf(line, "%63s %15s %15s %15s %15s %15s %15s", ref, want[0], want[1],
                                want[2], want[3], want[4], want[5]), 7);
        r57_task *t;
        OK(r57_task_get(&t, db, "07-TB/CQTTBCD", ref));
        r57_verdict *v;
        OK(r57_linter_check(&v, NULL, t));
        for (int i = 0; i < R57_CLEAR_FIELD_COUNT; i++)
            ck_assert_msg(strcmp(r57_clarity_name(r57_verdict_clarity(v, i)), want[i]) == 0,
                          "%s %s: %s, want %s (%s)", ref, r57_clear_field_name(i),
                          r57_clarity_name(r57_verdict_clarity(v, i)), want[i],
                          r57_verdict_reason(v, i));
        r57_verdict_free(v);
        r57_task_free(t);
        rows++;
    }
    fclose(f);
    ck_assert_int_eq(rows, 23);
    r57_close(db);
}
END_TEST

START_TEST(test_lint_linter__caller_phrases)
{
    r57_db *db = fixture();
    r57_linter *l;
    OK(r57_linter_new(&l));
    OK(r57_linter_add_vague(l, R57_CLEAR_PRODUCT, "Progress Report", "says nothing of the result"));
    OK(r57_linter_add_vague(l, R57_CLEAR_ALL, "the usual work", NULL));
    FAILS(R57_EINVAL, "r57_linter_add_vague: phrase is NULL or blank", r57_linter_add_vague(l, 1, " ", NULL));
    FAILS(R57_EINVAL, "r57_linter_add_vague: 6 is not a 6-clear field", r57_linter_add_vague(l, 6, "x", NULL));
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.ref = "P";
    s.product = "a progress report";
    s.title = "Do the usual work";
    r57_task *t = make(db, &s);
    r57_verdict *v;
    OK(r57_linter_check(&v, l, t));
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_VAGUE,
            "product 'a progress report' is vague: 'Progress Report' says nothing of the result");
    CLARITY(v, R57_CLEAR_TASK, R57_CLARITY_VAGUE,
            "task 'Do the usual work' is vague: 'the usual work' is vague");
    r57_verdict_free(v);
    /* Without the caller's phrases the same task is clear on both. */
    OK(r57_linter_check(&v, NULL, t));
    CLARITY(v, R57_CLEAR_PRODUCT, R57_CLARITY_CLEAR, "");
    CLARITY(v, R57_CLEAR_TASK, R57_CLARITY_CLEAR, "");
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
    ck_assert_int_eq(r57_verdict_clarity(NULL, 0), R57_CLARITY_INVALID);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("lint");
    TCase *tc = tcase_create("lint");
    /* The cases that read the shared data (-Dshared_data, ../shared/data by
     * default) carry a tag, so that a tree without it runs the others
     * (CK_EXCLUDE_TAGS, tests/meson.build). */
    TCase *shared = tcase_create("shared_data");
    tcase_set_tags(shared, "shared-data");
    tcase_add_test(tc, test_linter_check__all_clear);
    tcase_add_test(tc, test_linter_check__all_missing);
    tcase_add_test(tc, test_linter_check__collective_owners_and_authorities);
    tcase_add_test(tc, test_linter_check__class_owner_by_rule);
    tcase_add_test(tc, test_linter_check__joint_leads_offer_both_readings);
    tcase_add_test(tc, test_linter_check__lead_and_coordinating);
    tcase_add_test(tc, test_linter_check__old_names_resolve_to_successor);
    tcase_add_test(tc, test_linter_check__nfd_and_without_diacritics);
    tcase_add_test(tc, test_linter_check__accountability_implied_by_rule);
    tcase_add_test(tc, test_linter_check__owner_text_without_unit);
    tcase_add_test(tc, test_linter_check__vietnamese_and_whole_words);
    tcase_add_test(shared, test_lint_notice_07__verdicts_with_the_registry);
    tcase_add_test(tc, test_lint_linter__caller_phrases);
    tcase_add_test(tc, test_lint_names__fields_and_clarity);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, shared);
    return s;
}

int main(void) { return run_suite(suite()); }
