/* Units, documents and tasks: creation, look-up, status, updates, and
 * that a failed call leaves the stored data exactly as it was. */
#include "helpers.h"

static r57_task_spec spec_iii8(void)
{
    static const char *const coord[] = { "MOIT" };
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "III.8";
    s.title = "Review and re-assess all administrative procedures";
    s.owner_unit = "MOJ";
    s.owner = "Ministry of Justice";
    s.product = "report with a cutting and simplification plan";
    s.authority = "Prime Minister";
    s.accountability = "Minister of Justice";
    s.deadline = "by 15 November 2025";
    s.coordinating_units = coord;
    s.coordinating_units_count = 1;
    s.coordinating = "Government Office; Ministry of Home Affairs";
    return s;
}

static r57_db *fixture(void)
{
    r57_db *db = open_memory();
    add_units(db);
    add_notice(db);
    return db;
}

START_TEST(test_unit_create__and_get)
{
    r57_db *db = fixture();
    r57_unit *u;
    OK(r57_unit_get(&u, db, "HN-BD"));
    ck_assert_str_eq(r57_unit_code(u), "HN-BD");
    ck_assert_str_eq(r57_unit_name(u), "Ba Dinh ward");
    ck_assert_int_eq(r57_unit_kind(u), R57_UNIT_COMMUNE);
    ck_assert_str_eq(r57_unit_parent(u), "HN");
    r57_unit_free(u);
    OK(r57_unit_get(&u, db, "VN"));
    ck_assert_ptr_null(r57_unit_parent(u));
    r57_unit_free(u);
    r57_close(db);
}
END_TEST

START_TEST(test_unit_create__bad_input)
{
    r57_db *db = fixture();
    FAILS(R57_EEXISTS, "unit code 'HN' exists already",
          r57_unit_create(db, "admin", "HN", "Ha Noi again", R57_UNIT_PROVINCE, "VN"));
    FAILS(R57_EINVAL, "unit code 'H N' contains whitespace",
          r57_unit_create(db, "admin", "H N", "x", R57_UNIT_PROVINCE, "VN"));
    FAILS(R57_EINVAL, "unit 'X': kind 12 is not a unit kind",
          r57_unit_create(db, "admin", "X", "x", 12, "VN"));
    FAILS(R57_EINVAL, "r57_unit_create: actor is empty",
          r57_unit_create(db, "", "X", "x", R57_UNIT_OTHER, NULL));
    FAILS(R57_EINVAL, "r57_unit_create: name is NULL",
          r57_unit_create(db, "admin", "X", NULL, R57_UNIT_OTHER, NULL));
    r57_unit *u;
    FAILS(R57_ENOTFOUND, "unknown unit code 'XX'", r57_unit_get(&u, db, "XX"));
    ck_assert_ptr_null(u);
    r57_close(db);
}
END_TEST

START_TEST(test_unit_find_by_name__folds_case_and_blanks)
{
    r57_db *db = fixture();
    r57_unit *u;
    OK(r57_unit_find_by_name(&u, db, "  ministry of   JUSTICE "));
    ck_assert_str_eq(r57_unit_code(u), "MOJ");
    r57_unit_free(u);
    FAILS(R57_ENOTFOUND, "no unit is named 'Ministry of Magic'",
          r57_unit_find_by_name(&u, db, "Ministry of Magic"));
    OK(r57_unit_create(db, "admin", "MOJ2", "Ministry of Justice", R57_UNIT_MINISTRY, NULL));
    FAILS(R57_ECONFLICT, "several units are named 'Ministry of Justice'",
          r57_unit_find_by_name(&u, db, "Ministry of Justice"));
    ck_assert_ptr_null(u);
    r57_close(db);
}
END_TEST

START_TEST(test_unit_iterator__subtree_depth_first)
{
    r57_db *db = fixture();
    r57_unit_iterator *it;
    r57_unit *u;
    char got[256] = "";
    OK(r57_unit_iterator_new(&it, db, "VN"));
    while (r57_unit_next(&u, it) == R57_OK) {
        strcat(got, r57_unit_code(u));
        strcat(got, " ");
        r57_unit_free(u);
    }
    ck_assert_int_eq(r57_unit_next(&u, it), R57_ITEROVER);
    r57_unit_iterator_free(it);
    ck_assert_str_eq(got, "VN HN HN-BD MOIT MOIT-ECOM MOJ ");
    FAILS(R57_ENOTFOUND, "unknown unit code 'ZZ'", r57_unit_iterator_new(&it, db, "ZZ"));
    r57_close(db);
}
END_TEST

START_TEST(test_document_create__and_get)
{
    r57_db *db = fixture();
    r57_document *d;
    OK(r57_document_get(&d, db, "07-TB/CQTTBCD"));
    ck_assert_str_eq(r57_document_number(d), "07-TB/CQTTBCD");
    ck_assert_int_eq(r57_document_kind(d), R57_DOC_NOTICE);
    ck_assert_int_eq(r57_document_issued(d), D("2025-10-15"));
    ck_assert_str_eq(r57_document_issuer(d), "Central Steering Committee");
    r57_document_free(d);
    FAILS(R57_EEXISTS, "document '07-TB/CQTTBCD' exists already",
          r57_document_create(db, "admin", "07-TB/CQTTBCD", R57_DOC_NOTICE, R57_DATE_NONE, NULL, NULL));
    FAILS(R57_ENOTFOUND, "unknown document '99/XX'", r57_document_get(&d, db, "99/XX"));
    r57_close(db);
}
END_TEST

START_TEST(test_task_create__keeps_the_six_fields)
{
    r57_db *db = fixture();
    r57_task_spec s = spec_iii8();
    r57_task *t;
    OK(r57_task_create(&t, db, "secretariat", &s));
    ck_assert_str_eq(r57_task_document(t), "07-TB/CQTTBCD");
    ck_assert_str_eq(r57_task_ref(t), "III.8");
    ck_assert_ptr_null(r57_task_parent_ref(t));
    ck_assert_str_eq(r57_task_owner_unit(t), "MOJ");
    ck_assert_str_eq(r57_task_owner(t), "Ministry of Justice");
    ck_assert_str_eq(r57_task_owner_person(t), "");
    ck_assert_str_eq(r57_task_accountability(t), "Minister of Justice");
    /* The post of one unit's head names that unit. */
    ck_assert_str_eq(r57_task_accountability_unit(t), "MOJ");
    ck_assert_str_eq(r57_task_product(t), "report with a cutting and simplification plan");
    ck_assert_str_eq(r57_task_authority(t), "Prime Minister");
    ck_assert_str_eq(r57_task_deadline_text(t), "by 15 November 2025");
    ck_assert_int_eq(r57_task_deadline_kind(t), R57_DEADLINE_DAY);
    ck_assert_int_eq(r57_task_due(t), D("2025-11-15"));
    ck_assert_int_eq(r57_task_status(t), R57_STATUS_ASSIGNED);
    ck_assert_int_eq(r57_task_done_on(t), R57_DATE_NONE);
    ck_assert_uint_eq(r57_task_coordinating_units_count(t), 1);
    ck_assert_str_eq(r57_task_coordinating_unit(t, 0), "MOIT");
    ck_assert_ptr_null(r57_task_coordinating_unit(t, 1));
    ck_assert_str_eq(r57_task_coordinating(t), "Government Office; Ministry of Home Affairs");
    r57_task_free(t);
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "III.8"));
    ck_assert_str_eq(r57_task_title(t), "Review and re-assess all administrative procedures");
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_task_create__subtask)
{
    r57_db *db = fixture();
    r57_task_spec s = spec_iii8();
    OK(r57_task_create(NULL, db, "secretariat", &s));
    r57_task_spec sub = R57_TASK_SPEC_INIT;
    sub.document = "07-TB/CQTTBCD";
    sub.ref = "III.8.a";
    sub.parent_ref = "III.8";
    r57_task *t;
    OK(r57_task_create(&t, db, "secretariat", &sub));
    ck_assert_str_eq(r57_task_parent_ref(t), "III.8");
    ck_assert_int_eq(r57_task_deadline_kind(t), R57_DEADLINE_NONE);
    ck_assert_int_eq(r57_task_due(t), R57_DATE_NONE);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_task_create__bad_input_names_it)
{
    r57_db *db = fixture();
    r57_task_spec s = spec_iii8();
    OK(r57_task_create(NULL, db, "secretariat", &s));
    FAILS(R57_EEXISTS, "document '07-TB/CQTTBCD' has a task 'III.8' already",
          r57_task_create(NULL, db, "secretariat", &s));

    s.ref = "III.9";
    s.deadline = "next week";
    FAILS(R57_EPARSE, "task 'III.9': deadline 'next week' is not a date, month, quarter or year",
          r57_task_create(NULL, db, "secretariat", &s));
    s.deadline = "October 2025";

    s.owner_unit = "MOX";
    FAILS(R57_ENOTFOUND, "task 'III.9': unknown unit code 'MOX' (owner_unit)",
          r57_task_create(NULL, db, "secretariat", &s));
    s.owner_unit = "MOJ";

    static const char *const bad_coord[] = { "MOIT", "NOPE" };
    s.coordinating_units = bad_coord;
    s.coordinating_units_count = 2;
    FAILS(R57_ENOTFOUND, "task 'III.9': unknown unit code 'NOPE' (coordinating_units)",
          r57_task_create(NULL, db, "secretariat", &s));
    s.coordinating_units_count = 0;

    s.document = "01/XX";
    FAILS(R57_ENOTFOUND, "task 'III.9': unknown document '01/XX'",
          r57_task_create(NULL, db, "secretariat", &s));
    s.document = "07-TB/CQTTBCD";

    s.parent_ref = "IX";
    FAILS(R57_ENOTFOUND, "task 'III.9': unknown parent task 'IX' in document '07-TB/CQTTBCD'",
          r57_task_create(NULL, db, "secretariat", &s));
    OK(r57_document_create(db, "admin", "05-QD/BCDTW", R57_DOC_DECISION, R57_DATE_NONE, NULL, NULL));
    s.parent_ref = "III.8";
    s.parent_document = "05-QD/BCDTW";
    FAILS(R57_EINVAL,
          "task 'III.9' of document '07-TB/CQTTBCD': parent task 'III.8' belongs to document "
          "'05-QD/BCDTW'; a parent must be in the same document",
          r57_task_create(NULL, db, "secretariat", &s));
    s.parent_document = NULL;

    FAILS(R57_EINVAL, "r57_task_create: actor is NULL", r57_task_create(NULL, db, NULL, &s));
    s.ref = "  ";
    FAILS(R57_EINVAL, "r57_task_create: ref is empty", r57_task_create(NULL, db, "x", &s));
    FAILS(R57_EINVAL, "r57_task_create: db or spec is NULL", r57_task_create(NULL, db, "x", NULL));
    s.version = 42;
    FAILS(R57_EINVAL, "r57_task_create: unknown spec version 42", r57_task_create(NULL, db, "x", &s));
    r57_close(db);
}
END_TEST

START_TEST(test_task_failed_calls__leave_the_file_unchanged)
{
    char path[512];
    r57_db *db;
    temp_path(path, sizeof path, "unchanged.r57");
    OK(r57_open(&db, path, NULL));
    add_units(db);
    add_notice(db);
    r57_task_spec s = spec_iii8();
    r57_task *t;
    OK(r57_task_create(&t, db, "secretariat", &s));
    char *before = dump_file(path);

    /* Each of these fails part-way through its work. */
    ck_assert_int_eq(r57_task_create(NULL, db, "secretariat", &s), R57_EEXISTS);
    static const char *const dup[] = { "MOIT", "MOIT" };
    r57_task_spec s2 = spec_iii8();
    s2.ref = "III.10";
    s2.coordinating_units = dup;
    s2.coordinating_units_count = 2;
    ck_assert_int_eq(r57_task_create(NULL, db, "secretariat", &s2), R57_EINVAL);
    ck_assert_int_eq(r57_task_set_status(db, "moj", t, R57_STATUS_DONE, R57_DATE_NONE), R57_ESTATE);
    ck_assert_int_eq(r57_task_update(db, "moj", t, R57_FIELD_DEADLINE, "next week"), R57_EPARSE);
    ck_assert_int_eq(r57_task_update(db, "moj", t, R57_FIELD_OWNER_UNIT, "NOPE"), R57_ENOTFOUND);
    ck_assert_int_eq(r57_unit_create(db, "admin", "HN", "x", R57_UNIT_PROVINCE, NULL), R57_EEXISTS);
    ck_assert_int_eq(r57_document_create(db, "admin", "07-TB/CQTTBCD", R57_DOC_NOTICE,
                                         R57_DATE_NONE, NULL, NULL), R57_EEXISTS);

    char *after = dump_file(path);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    r57_task_free(t);
    r57_close(db);
    remove(path);
}
END_TEST

START_TEST(test_task_status__allowed_path_to_done)
{
    r57_db *db = fixture();
    r57_task_spec s = spec_iii8();
    r57_task *t;
    OK(r57_task_create(&t, db, "secretariat", &s));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, D("2025-10-20")));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_SUBMITTED, D("2025-11-10")));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, D("2025-11-11")));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_SUBMITTED, D("2025-11-12")));
    /* Done needs verified evidence of the product (test_evidence.c). */
    r57_evidence_spec ev = R57_EVIDENCE_SPEC_INIT;
    int64_t id;
    ev.title = "Decision approving the plan";
    ev.document_number = "1234/QD-BTP";
    ev.document_date = D("2025-11-12");
    ev.document_issuer = "Ministry of Justice";
    OK(r57_evidence_submit(&id, db, "moj", t, &ev));
    OK(r57_evidence_verify(db, "pm-office", id));
    OK(r57_task_set_status(db, "pm-office", t, R57_STATUS_DONE, D("2025-11-14")));
    ck_assert_int_eq(r57_task_status(t), R57_STATUS_DONE);
    ck_assert_int_eq(r57_task_done_on(t), D("2025-11-14"));
    FAILS(R57_ESTATE, "task 'III.8' of '07-TB/CQTTBCD': status cannot change from done to assigned",
          r57_task_set_status(db, "moj", t, R57_STATUS_ASSIGNED, R57_DATE_NONE));
    FAILS(R57_ESTATE, "task 'III.8' of '07-TB/CQTTBCD' is done; its product cannot change",
          r57_task_update(db, "moj", t, R57_FIELD_PRODUCT, "x"));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_task_status__refused_transitions)
{
    r57_db *db = fixture();
    r57_task_spec s = spec_iii8();
    r57_task *t;
    OK(r57_task_create(&t, db, "secretariat", &s));
    FAILS(R57_ESTATE, "task 'III.8' of '07-TB/CQTTBCD': status cannot change from assigned to done",
          r57_task_set_status(db, "moj", t, R57_STATUS_DONE, R57_DATE_NONE));
    FAILS(R57_ESTATE, "task 'III.8' of '07-TB/CQTTBCD': status cannot change from assigned to submitted",
          r57_task_set_status(db, "moj", t, R57_STATUS_SUBMITTED, R57_DATE_NONE));
    FAILS(R57_EINVAL, "task 'III.8': 7 is not a task status",
          r57_task_set_status(db, "moj", t, 7, R57_DATE_NONE));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_CANCELLED, R57_DATE_NONE));
    FAILS(R57_ESTATE, "task 'III.8' of '07-TB/CQTTBCD': status cannot change from cancelled to in_progress",
          r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, R57_DATE_NONE));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_task_update__changes_and_journals)
{
    char path[512];
    r57_db *db;
    temp_path(path, sizeof path, "journal.r57");
    OK(r57_open(&db, path, NULL));
    add_units(db);
    add_notice(db);
    r57_task_spec s = spec_iii8();
    r57_task *t;
    OK(r57_task_create(&t, db, "secretariat", &s));
    OK(r57_task_update(db, "editor", t, R57_FIELD_DEADLINE, "Q1 2026"));
    ck_assert_int_eq(r57_task_deadline_kind(t), R57_DEADLINE_QUARTER);
    ck_assert_int_eq(r57_task_due(t), D("2026-03-31"));
    /* The text resolved to MOJ; a code given by the caller outranks it. */
    ck_assert_str_eq(r57_task_accountability_unit(t), "MOJ");
    OK(r57_task_update(db, "editor", t, R57_FIELD_ACCOUNTABILITY_UNIT, "HN"));
    ck_assert_str_eq(r57_task_accountability_unit(t), "HN");
    OK(r57_task_update(db, "editor", t, R57_FIELD_OWNER_PERSON, ""));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, D("2025-10-20")));
    r57_task_free(t);
    r57_close(db);

    /* The journal holds who changed what, with old and new values. */
    sqlite3 *sq;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(path, &sq), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(sq,
        "SELECT actor, object, object_key, action, coalesce(old, '-'), new FROM journal "
        "WHERE object = 'task' ORDER BY seq", -1, &st, NULL), SQLITE_OK);
    const char *want[][6] = {
        { "editor", "task", "07-TB/CQTTBCD#III.8", "update", "{\"deadline\":\"by 15 November 2025\"}", "{\"deadline\":\"Q1 2026\"}" },
        { "editor", "task", "07-TB/CQTTBCD#III.8", "update", "{\"accountability_unit\":\"MOJ\"}", "{\"accountability_unit\":\"HN\"}" },
        { "editor", "task", "07-TB/CQTTBCD#III.8", "update", "{\"owner_person\":\"\"}", "{\"owner_person\":null}" },
        { "moj", "task", "07-TB/CQTTBCD#III.8", "status", "{\"status\":\"assigned\"}", "{\"status\":\"in_progress\"}" },
    };
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW); /* the create: every field given */
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 3), "create");
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "secretariat");
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 2), "07-TB/CQTTBCD#III.8");
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 5),
                     "{\"title\":\"Review and re-assess all administrative procedures\","
                     "\"owner_unit\":\"MOJ\",\"owner\":\"Ministry of Justice\","
                     "\"accountability_unit\":\"MOJ\",\"accountability\":\"Minister of Justice\","
                     "\"product\":\"report with a cutting and simplification plan\","
                     "\"authority\":\"Prime Minister\",\"deadline\":\"by 15 November 2025\","
                     "\"due\":\"2025-11-15\","
                     "\"coordinating\":\"Government Office; Ministry of Home Affairs\","
                     "\"coordinating_units\":[\"MOIT\"],\"status\":\"assigned\"}");
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        for (int c = 0; c < 6; c++)
            ck_assert_str_eq((const char *)sqlite3_column_text(st, c), want[i][c]);
    }
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(sq);
    remove(path);
}
END_TEST

START_TEST(test_task_iterator__unit_subtree_and_status)
{
    r57_db *db = fixture();
    const char *refs[] = { "1", "2", "3" };
    const char *owners[] = { "MOIT", "MOIT-ECOM", "MOJ" };
    for (int i = 0; i < 3; i++) {
        r57_task_spec s = R57_TASK_SPEC_INIT;
        s.document = "07-TB/CQTTBCD";
        s.ref = refs[i];
        s.owner_unit = owners[i];
        OK(r57_task_create(NULL, db, "x", &s));
    }
    r57_task_query q = R57_TASK_QUERY_INIT;
    q.unit = "MOIT";
    r57_task_iterator *it;
    r57_task *t;
    char got[64] = "";
    OK(r57_task_iterator_new(&it, db, &q));
    while (r57_task_next(&t, it) == R57_OK) {
        strcat(got, r57_task_ref(t));
        r57_task_free(t);
    }
    r57_task_iterator_free(it);
    ck_assert_str_eq(got, "1");

    q.include_subunits = 1;
    got[0] = '\0';
    OK(r57_task_iterator_new(&it, db, &q));
    while (r57_task_next(&t, it) == R57_OK) {
        strcat(got, r57_task_ref(t));
        r57_task_free(t);
    }
    r57_task_iterator_free(it);
    ck_assert_str_eq(got, "12");

    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "2"));
    OK(r57_task_set_status(db, "x", t, R57_STATUS_IN_PROGRESS, R57_DATE_NONE));
    r57_task_free(t);
    r57_task_query q2 = R57_TASK_QUERY_INIT;
    q2.status_mask = 1u << R57_STATUS_IN_PROGRESS;
    q2.document = "07-TB/CQTTBCD";
    got[0] = '\0';
    OK(r57_task_iterator_new(&it, db, &q2));
    while (r57_task_next(&t, it) == R57_OK) {
        strcat(got, r57_task_ref(t));
        r57_task_free(t);
    }
    r57_task_iterator_free(it);
    ck_assert_str_eq(got, "2");

    q.unit = "NOPE";
    FAILS(R57_ENOTFOUND, "unknown unit code 'NOPE'", r57_task_iterator_new(&it, db, &q));
    r57_close(db);
}
END_TEST

START_TEST(test_task_names__round_trip)
{
    r57_task_status_t v;
    for (int s = 0; s <= R57_STATUS_CANCELLED; s++) {
        OK(r57_task_status_parse(&v, r57_task_status_name(s)));
        ck_assert_int_eq(v, s);
    }
    ck_assert_ptr_null(r57_task_status_name(5));
    FAILS(R57_EINVAL, "task status 'finished' is not one of assigned, in_progress, submitted, done, cancelled",
          r57_task_status_parse(&v, "finished"));
    ck_assert_str_eq(r57_task_field_name(R57_FIELD_AUTHORITY_UNIT), "authority_unit");
    r57_unit_kind_t uk;
    OK(r57_unit_kind_parse(&uk, "commune"));
    ck_assert_int_eq(uk, R57_UNIT_COMMUNE);
    r57_document_kind_t dk;
    OK(r57_document_kind_parse(&dk, "resolution"));
    ck_assert_int_eq(dk, R57_DOC_RESOLUTION);
}
END_TEST

/* An accessor that has no answer gives its enum's negative member, which
 * has no name (docs/design.md, "API"); no error is recorded. */
START_TEST(test_enum_accessors__no_answer_is_the_invalid_member)
{
    r57_error_clear();
    ck_assert_int_eq(r57_task_status(NULL), R57_STATUS_INVALID);
    ck_assert_int_eq(r57_task_deadline_kind(NULL), R57_DEADLINE_INVALID);
    ck_assert_int_eq(r57_document_kind(NULL), R57_DOC_INVALID);
    ck_assert_int_eq(r57_unit_kind(NULL), R57_UNIT_INVALID);
    ck_assert_int_eq(r57_unit_name_kind_at(NULL, 0), R57_UNIT_NAME_INVALID);
    ck_assert_int_eq(r57_group_name_kind_at(NULL, 0), R57_UNIT_NAME_INVALID);
    ck_assert_int_eq(r57_evidence_kind(NULL), R57_EVIDENCE_KIND_INVALID);
    ck_assert_int_eq(r57_evidence_status(NULL), R57_EVIDENCE_STATUS_INVALID);
    ck_assert_int_eq(r57_indicator_direction(NULL), R57_DIRECTION_INVALID);
    ck_assert_int_eq(r57_indicator_rollup(NULL), R57_ROLLUP_INVALID);
    ck_assert_int_eq(r57_attainment_status(NULL), R57_ATTAINMENT_INVALID);
    ck_assert_int_eq(r57_attainment_comparison(NULL), R57_CMP_NONE);
    ck_assert_int_eq(r57_period_kind(R57_PERIOD_NONE), R57_PERIOD_INVALID);
    ck_assert_int_eq(r57_formula_ref_kind(NULL, 0), R57_REF_INVALID);
    ck_assert_int_eq(r57_verdict_clarity(NULL, R57_CLEAR_OWNER), R57_CLARITY_INVALID);
    ck_assert_int_eq(r57_journal_report_problem(NULL), R57_JOURNAL_INVALID);
    ck_assert_int_eq(r57_scorecard_rating(NULL), R57_RATING_NONE);
    ck_assert_int_eq(r57_scorecard_key_category(NULL, 0), R57_KEY_NONE);
    ck_assert_ptr_null(r57_task_status_name(R57_STATUS_INVALID));
    ck_assert_ptr_null(r57_deadline_kind_name(R57_DEADLINE_INVALID));
    ck_assert_ptr_null(r57_document_kind_name(R57_DOC_INVALID));
    ck_assert_ptr_null(r57_unit_kind_name(R57_UNIT_INVALID));
    ck_assert_ptr_null(r57_unit_name_kind_name(R57_UNIT_NAME_INVALID));
    ck_assert_ptr_null(r57_evidence_kind_name(R57_EVIDENCE_KIND_INVALID));
    ck_assert_ptr_null(r57_evidence_status_name(R57_EVIDENCE_STATUS_INVALID));
    ck_assert_ptr_null(r57_direction_name(R57_DIRECTION_INVALID));
    ck_assert_ptr_null(r57_rollup_name(R57_ROLLUP_INVALID));
    ck_assert_ptr_null(r57_attainment_status_name(R57_ATTAINMENT_INVALID));
    ck_assert_ptr_null(r57_comparison_name(R57_CMP_NONE));
    ck_assert_ptr_null(r57_period_kind_name(R57_PERIOD_INVALID));
    ck_assert_ptr_null(r57_clarity_name(R57_CLARITY_INVALID));
    ck_assert_ptr_null(r57_clear_field_name(R57_CLEAR_ALL));
    ck_assert_ptr_null(r57_journal_problem_name(R57_JOURNAL_INVALID));
    ck_assert_ptr_null(r57_rating_name(R57_RATING_NONE));
    ck_assert_ptr_null(r57_key_category_name(R57_KEY_NONE));
    ck_assert_str_eq(r57_task_kind_name(R57_TASK_KIND_ONE_OFF), "one_off");
    ck_assert_str_eq(r57_task_kind_name(R57_TASK_KIND_REGULAR), "regular");
    ck_assert_ptr_null(r57_task_kind_name((r57_task_kind_t)2));
    ck_assert_int_eq(r57_error_code(r57_error_last()), R57_OK);
}
END_TEST

/* A deadline's message quotes the text whole, however long the text as
 * written (blanks fold to one, so the limit of 200 bytes is far off):
 * the task's copy of it was cut at 1,023 bytes before. */
START_TEST(test_task_create__quotes_a_long_deadline_whole)
{
    r57_db *db = fixture();
    r57_task_spec s = spec_iii8();
    char deadline[800], rest[800], msg[2200];
    snprintf(rest, sizeof rest, "provide%700sdata", "");
    snprintf(deadline, sizeof deadline, "2025 %s", rest);
    s.deadline = deadline;
    snprintf(msg, sizeof msg, "task 'III.8': deadline '%s': unexpected '%s' after '2025'",
             deadline, rest);
    ck_assert_uint_gt(strlen(msg), 1023);
    FAILS(R57_EPARSE, msg, r57_task_create(NULL, db, "secretariat", &s));
    r57_close(db);
}
END_TEST

/* A task read from database A, passed to a call on database B, is refused:
 * its row id means another task there.  Nothing of B changes. */
START_TEST(test_task_handle__an_object_of_another_handle_is_refused)
{
    r57_db *a = fixture(), *b = fixture();
    r57_task_spec s = spec_iii8();
    r57_task *ta, *tb;
    OK(r57_task_create(&ta, a, "secretariat", &s));
    s.ref = "OTHER";
    OK(r57_task_create(&tb, b, "secretariat", &s));
    ck_assert_int_eq(r57_task_id(ta), r57_task_id(tb)); /* the same row id */
    FAILS(R57_EINVAL, "r57_task_set_status: task 'III.8' of '07-TB/CQTTBCD' was read through "
          "another database handle; read it from this one (r57_task_get)",
          r57_task_set_status(b, "moj", ta, R57_STATUS_IN_PROGRESS, R57_DATE_NONE));
    ck_assert_int_eq(r57_task_update(b, "moj", ta, R57_FIELD_TITLE, "x"), R57_EINVAL);
    r57_timeliness_t state;
    ck_assert_int_eq(r57_task_timeliness(&state, NULL, b, ta, D("2025-11-20"), 7), R57_EINVAL);
    ck_assert_int_eq(r57_task_set_key(b, "pm", ta, R57_KEY_DIGITAL_TRANSFORMATION), R57_EINVAL);
    int64_t id;
    ck_assert_int_eq(r57_progress_report(&id, b, "moj", ta, 50, "half", R57_DATE_NONE, NULL),
                     R57_EINVAL);
    r57_evidence_spec ev = R57_EVIDENCE_SPEC_INIT;
    ev.kind = R57_EVIDENCE_LINK;
    ev.title = "x";
    ev.uri = "https://example.gov.vn";
    ck_assert_int_eq(r57_evidence_submit(&id, b, "moj", ta, &ev), R57_EINVAL);
    uint64_t n;
    ck_assert_int_eq(r57_task_assign_each(b, "moj", ta, "local", &n), R57_EINVAL);
    /* B's task is as it was; A's own handle still works. */
    r57_task *again;
    OK(r57_task_get(&again, b, "07-TB/CQTTBCD", "OTHER"));
    ck_assert_int_eq(r57_task_status(again), R57_STATUS_ASSIGNED);
    ck_assert_str_eq(r57_task_title(again), r57_task_title(tb));
    r57_task_free(again);
    OK(r57_task_set_status(a, "moj", ta, R57_STATUS_IN_PROGRESS, R57_DATE_NONE));
    r57_task_free(ta);
    r57_task_free(tb);
    r57_close(a);
    r57_close(b);
}
END_TEST

/* The calls not tried above, each with the message that names the task:
 * a regular task's instance, the progress and evidence iterators and the
 * key-task flag.  B's journal does not grow. */
START_TEST(test_task_handle__every_call_names_the_task_of_another_handle)
{
    r57_db *a = fixture(), *b = fixture();
    r57_task_spec s = spec_iii8();
    s.deadline = "monthly";
    r57_task *ta, *tb;
    OK(r57_task_create(&ta, a, "secretariat", &s));
    s.ref = "OTHER";
    OK(r57_task_create(&tb, b, "secretariat", &s));
    ck_assert_int_eq(r57_task_id(ta), r57_task_id(tb));
    size_t before = journal_length(b);
    const char *tail = ": task 'III.8' of '07-TB/CQTTBCD' was read through another database "
                       "handle; read it from this one (r57_task_get)";
    char msg[256];
    snprintf(msg, sizeof msg, "r57_task_instance_done%s", tail);
    FAILS(R57_EINVAL, msg,
          r57_task_instance_done(b, "moj", ta, D("2025-11-01"), D("2025-11-20")));
    r57_progress_iterator *pit = NULL;
    snprintf(msg, sizeof msg, "r57_progress_iterator_new%s", tail);
    FAILS(R57_EINVAL, msg, r57_progress_iterator_new(&pit, b, ta));
    ck_assert_ptr_null(pit);
    r57_evidence_iterator *eit = NULL;
    snprintf(msg, sizeof msg, "r57_evidence_iterator_new%s", tail);
    FAILS(R57_EINVAL, msg, r57_evidence_iterator_new(&eit, b, ta));
    ck_assert_ptr_null(eit);
    int key;
    snprintf(msg, sizeof msg, "r57_task_key%s", tail);
    FAILS(R57_EINVAL, msg, r57_task_key(&key, b, ta));
    snprintf(msg, sizeof msg, "r57_task_assign_each%s", tail);
    uint64_t n;
    FAILS(R57_EINVAL, msg, r57_task_assign_each(b, "moj", ta, "local", &n));
    ck_assert_uint_eq(journal_length(b), before);
    /* A's own handle takes the task. */
    OK(r57_progress_iterator_new(&pit, a, ta));
    r57_progress_iterator_free(pit);
    OK(r57_task_key(&key, a, ta));
    r57_task_free(ta);
    r57_task_free(tb);
    r57_close(a);
    r57_close(b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("task");
    TCase *tc = tcase_create("task");
    tcase_add_test(tc, test_task_handle__an_object_of_another_handle_is_refused);
    tcase_add_test(tc, test_task_handle__every_call_names_the_task_of_another_handle);
    tcase_add_test(tc, test_task_create__quotes_a_long_deadline_whole);
    tcase_add_test(tc, test_unit_create__and_get);
    tcase_add_test(tc, test_unit_create__bad_input);
    tcase_add_test(tc, test_unit_find_by_name__folds_case_and_blanks);
    tcase_add_test(tc, test_unit_iterator__subtree_depth_first);
    tcase_add_test(tc, test_document_create__and_get);
    tcase_add_test(tc, test_task_create__keeps_the_six_fields);
    tcase_add_test(tc, test_task_create__subtask);
    tcase_add_test(tc, test_task_create__bad_input_names_it);
    tcase_add_test(tc, test_task_failed_calls__leave_the_file_unchanged);
    tcase_add_test(tc, test_task_status__allowed_path_to_done);
    tcase_add_test(tc, test_task_status__refused_transitions);
    tcase_add_test(tc, test_task_update__changes_and_journals);
    tcase_add_test(tc, test_task_iterator__unit_subtree_and_status);
    tcase_add_test(tc, test_task_names__round_trip);
    tcase_add_test(tc, test_enum_accessors__no_answer_is_the_invalid_member);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
