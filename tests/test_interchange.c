/* Interchange: JSON and NDJSON export and import, CSV task sheets. */
#include "helpers.h"

#include <stdarg.h>

#ifndef R57_SOURCE_DIR
#error "R57_SOURCE_DIR must name the source tree"
#endif
#ifndef R57_SHARED_DATA
#error "R57_SHARED_DATA must name the folder of the shared data"
#endif
#define NOTICE shared_file("notice_07-TB-CQTTBCD_tasks.csv")
#define CATALOGUE R57_SOURCE_DIR "/data/catalogue.json"

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* A database with the notice's tasks (some done, one regular), the
 * catalogue and values: every kind of object the format carries. */
static r57_db *full_fixture(void)
{
    r57_db *db = open_memory();
    add_units(db);
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.create_units = 1;
    o.parent_unit = "VN";
    r57_import_report *rep;
    OK(r57_import_csv_tasks(&rep, db, "secretariat", &o, NOTICE));
    r57_import_report_free(rep);
    OK(r57_catalogue_load(db, "statistics", CATALOGUE));
    /* Accountability rules, of the database and of the notice. */
    OK(r57_accountability_rule_set(db, "secretariat", NULL, "the head of the lead unit answers"));
    OK(r57_accountability_rule_set(db, "secretariat", "07-TB/CQTTBCD",
                                   "Thủ trưởng đơn vị chủ trì chịu trách nhiệm"));
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "III.8"));
    OK(r57_task_set_status(db, "moj", t, R57_STATUS_IN_PROGRESS, D("2025-10-20")));
    OK(r57_task_update(db, "moj", t, R57_FIELD_ACCOUNTABILITY, "Minister of Justice \"quoted\"\n"));
    r57_task_free(t);
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "X.1";
    s.deadline = "hằng tháng";
    s.owner_unit = "HN";
    OK(r57_task_create(&t, db, "secretariat", &s));
    OK(r57_document_set_evidence_rule(db, "secretariat", "07-TB/CQTTBCD", R57_TASK_KIND_REGULAR, 0));
    OK(r57_task_instance_done(db, "hn", t, D("2025-10-15"), D("2025-10-31")));
    r57_task_free(t);
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026-01", 100, "portal"));
    OK(r57_value_set(db, "hn", "procedures_total", "HN-BD", "2026-02", 0.1, NULL));
    OK(r57_value_set(db, "gso", "capital_share", "VN", "2025", 0.4, "assumed"));
    /* A unit group with names and members, a figure reported for it and
     * targets binding it, its members and a unit with its sub-units. */
    OK(r57_group_create(db, "admin", "local", "Cấp địa phương"));
    OK(r57_group_name_add(db, "admin", "local", R57_UNIT_NAME_ENGLISH, "Local level"));
    OK(r57_group_name_add(db, "admin", "local", R57_UNIT_NAME_ALIAS, "các địa phương"));
    OK(r57_group_add_member(db, "admin", "local", "HN"));
    OK(r57_value_set(db, "gso", "procedures_total", "local", "2025", 1200, "conference"));
    r57_target_spec ts = R57_TARGET_SPEC_INIT;
    ts.indicator = "cross_boundary_procedures_share";
    ts.binds = R57_TARGET_BINDS_MEMBERS;
    ts.unit = "local";
    ts.comparison = ">=";
    ts.value = 100;
    ts.period = "2027";
    OK(r57_target_create(db, "admin", &ts));
    ts.binds = R57_TARGET_BINDS_GROUP;
    OK(r57_target_create(db, "admin", &ts));
    ts.binds = R57_TARGET_BINDS_SUBUNITS;
    ts.unit = "MOIT";
    OK(r57_target_create(db, "admin", &ts));
    /* Progress, evidence of every status (a file with its hash), a key task,
     * a changed rating rule, and people with roles. */
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "III.8"));
    OK(r57_task_set_key(db, "pm-office", t, R57_KEY_DIGITAL_TRANSFORMATION));
    int64_t p, e1, e2;
    OK(r57_progress_report(&p, db, "moj", t, 60, "draft plan sent for comments", D("2025-11-01"), NULL));
    r57_evidence_spec ev = R57_EVIDENCE_SPEC_INIT;
    ev.kind = R57_EVIDENCE_FILE;
    ev.title = "Draft plan";
    ev.data = "draft";
    ev.size = 5;
    ev.media_type = "application/pdf";
    ev.uri = "https://moj.gov.vn/draft.pdf";
    ev.progress = p;
    ev.product = 0;
    OK(r57_evidence_submit(&e1, db, "moj", t, &ev));
    OK(r57_evidence_verify(db, "pm-office", e1));
    r57_evidence_spec d = R57_EVIDENCE_SPEC_INIT;
    d.title = "Decision 1/QD-BTP";
    d.document_number = "1/QD-BTP";
    d.document_date = D("2025-11-10");
    d.document_issuer = "Ministry of Justice";
    OK(r57_evidence_submit(&e2, db, "moj", t, &d));
    OK(r57_evidence_reject(db, "pm-office", e2, "not signed"));
    OK(r57_evidence_submit(NULL, db, "moj", t, &d));
    r57_task_free(t);
    OK(r57_rating_rule_set(db, "admin", R57_RATING_DONE, 55, 1));
    OK(r57_actor_create(db, "admin", "moj", "Justice reporter"));
    OK(r57_actor_grant(db, "admin", "moj", R57_ROLE_REPORTER, "MOJ"));
    OK(r57_actor_grant(db, "admin", "moj", R57_ROLE_REPORTER, "HN"));
    OK(r57_actor_create(db, "admin", "pm-office", "Prime Minister's office"));
    OK(r57_actor_grant(db, "admin", "pm-office", R57_ROLE_VERIFIER, NULL));
    OK(r57_actor_create(db, "admin", "nobody", "Registered, no roles"));
    return db;
}

START_TEST(test_interchange_csv__notice_07_creates_documents_tasks_units)
{
    r57_db *db = open_memory();
    OK(r57_unit_create(db, "admin", "VN", "Viet Nam", R57_UNIT_NATION, NULL));
    OK(r57_unit_create(db, "admin", "MOJ", "Ministry of Justice", R57_UNIT_MINISTRY, "VN"));
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.create_units = 1;
    o.parent_unit = "VN";
    r57_import_report *rep;
    OK(r57_import_csv_tasks(&rep, db, "secretariat", &o, NOTICE));
    ck_assert_uint_eq(r57_import_report_documents(rep), 1);
    ck_assert_uint_eq(r57_import_report_tasks(rep), 23);
    /* Named bodies became units; vague phrases ("major universities",
     * "all levels and sectors") stayed text. */
    char names[1024] = "";
    for (size_t i = 0; i < r57_import_report_created_unit_count(rep); i++) {
        strcat(names, r57_import_report_created_unit(rep, i));
        strcat(names, " ");
    }
    ck_assert_str_eq(names, "GOVERNMENT-PARTY-COMMITTEE GOVERNMENT-OFFICE MINISTRY-OF-HOME-AFFAIRS "
                            "MINISTRY-OF-SCIENCE-AND-TECHNOLOGY MINISTRY-OF-PUBLIC-SECURITY "
                            "MINISTRY-OF-FOREIGN-AFFAIRS CENTRAL-PARTY-OFFICE "
                            "MINISTRY-OF-FINANCE ");
    r57_import_report_free(rep);
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "III.8"));
    ck_assert_str_eq(r57_task_owner_unit(t), "MOJ");
    ck_assert_uint_eq(r57_task_coordinating_units_count(t), 2);
    ck_assert_str_eq(r57_task_coordinating_unit(t, 0), "GOVERNMENT-OFFICE");
    ck_assert_int_eq(r57_task_due(t), D("2025-11-15"));
    r57_task_free(t);
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "IV.3"));
    ck_assert_ptr_null(r57_task_owner_unit(t)); /* "all levels and sectors" */
    ck_assert_str_eq(r57_task_owner(t), "all levels and sectors");
    r57_task_free(t);
    r57_document *d;
    OK(r57_document_get(&d, db, "07-TB/CQTTBCD"));
    ck_assert_int_eq(r57_document_kind(d), R57_DOC_NOTICE);
    ck_assert_int_eq(r57_document_issued(d), D("2025-10-15"));
    r57_document_free(d);
    r57_close(db);
}
END_TEST

START_TEST(test_interchange_csv__refuses_unknown_units_and_bad_rows)
{
    char path[512], msg[1024];
    r57_db *db = open_memory();
    OK(r57_unit_create(db, "admin", "VN", "Viet Nam", R57_UNIT_NATION, NULL));
    /* Strict: a lead that names a body not in the registry refuses the sheet. */
    r57_import_options strict = R57_IMPORT_OPTIONS_INIT;
    strict.strict_units = 1;
    ck_assert_int_eq(r57_import_csv_tasks(NULL, db, "secretariat", &strict, NOTICE), R57_ENOTFOUND);
    snprintf(msg, sizeof msg, "'%s' line 2, column 153: lead 'Government Party Committee': "
             "'Government Party Committee' is not in the registry: register it or correct the "
             "name", NOTICE);
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    ck_assert_int_eq(r57_error_line(r57_error_last()), 2);

    temp_path(path, sizeof path, "bad.csv");
    write_text(path, "ref,document,deadline_text\nA,01-KH/X,next week\n");
    ck_assert_int_eq(r57_import_csv_tasks(NULL, db, "secretariat", NULL, path), R57_EPARSE);
    snprintf(msg, sizeof msg, "'%s' line 2, column 11: task 'A': deadline 'next week' is not a date, "
             "month, quarter or year", path);
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    ck_assert_int_eq(r57_error_column(r57_error_last()), 11);
    /* Nothing of the sheet stayed. */
    r57_document *d;
    ck_assert_int_eq(r57_document_get(&d, db, "01-KH/X"), R57_ENOTFOUND);

    write_text(path, "ref,document,colour\nA,01-KH/X,red\n");
    snprintf(msg, sizeof msg, "'%s' line 1, column 14: unknown column 'colour'", path);
    FAILS(R57_EINVAL, msg, r57_import_csv_tasks(NULL, db, "secretariat", NULL, path));
    write_text(path, "ref,document\nA,\"01-KH/X\n");
    snprintf(msg, sizeof msg, "'%s' line 2, column 3: a quoted field is not closed", path);
    FAILS(R57_EPARSE, msg, r57_import_csv_tasks(NULL, db, "secretariat", NULL, path));
    write_text(path, "ref,document\nA,01-KH/X,extra\n");
    snprintf(msg, sizeof msg, "'%s' line 2: 3 columns where the header has 2", path);
    FAILS(R57_EPARSE, msg, r57_import_csv_tasks(NULL, db, "secretariat", NULL, path));
    remove(path);
    r57_close(db);
}
END_TEST

START_TEST(test_interchange_json__round_trip_is_byte_identical)
{
    r57_db *db = full_fixture();
    char *first, *second;
    OK(r57_export_string(&first, db, NULL));
    r57_close(db);
    r57_db *empty = open_memory();
    r57_import_report *rep;
    OK(r57_import_json(&rep, empty, "importer", NULL, first, strlen(first)));
    ck_assert_uint_eq(r57_import_report_tasks(rep), 24);
    ck_assert_uint_eq(r57_import_report_values(rep), 4);
    r57_import_report_free(rep);
    OK(r57_export_string(&second, empty, NULL));
    ck_assert_str_eq(first, second);
    ck_assert_ptr_nonnull(strstr(first, "\"groups\":[\n{\"code\":\"local\",\"members\":[\"HN\"],"
                                        "\"name\":\"Cấp địa phương\",\"names\":[{\"kind\":\"en\","
                                        "\"name\":\"Local level\"},{\"kind\":\"alias\",\"name\":"
                                        "\"các địa phương\"}]}"));
    ck_assert_ptr_nonnull(strstr(first, "\"binds\":\"members\",\"comparison\":\">=\","
                                        "\"group\":\"local\""));
    r57_group *g;
    OK(r57_group_get(&g, empty, "local"));
    ck_assert_uint_eq(r57_group_member_count(g), 1);
    r57_group_free(g);
    double lv;
    OK(r57_value_get(&lv, empty, "procedures_total", "local", "2025"));
    ck_assert_double_eq(lv, 1200);
    /* Spot checks of what came through. */
    r57_task *t;
    OK(r57_task_get(&t, empty, "07-TB/CQTTBCD", "III.8"));
    ck_assert_int_eq(r57_task_status(t), R57_STATUS_IN_PROGRESS);
    ck_assert_str_eq(r57_task_accountability(t), "Minister of Justice \"quoted\"\n");
    ck_assert_str_eq(r57_task_accountability_rule(t), "Thủ trưởng đơn vị chủ trì chịu trách nhiệm");
    r57_task_free(t);
    double v;
    OK(r57_value_get(&v, empty, "procedures_total", "HN-BD", "2026-02"));
    ck_assert_double_eq(v, 0.1);
    /* Evidence as recorded: who submitted and decided, the hash, the report
     * it supports; people and their roles; the journal chained anew. */
    r57_evidence *e;
    OK(r57_evidence_get(&e, empty, 1));
    ck_assert_str_eq(r57_evidence_submitted_by(e), "moj");
    ck_assert_str_eq(r57_evidence_decided_by(e), "pm-office");
    ck_assert_int_eq(r57_evidence_status(e), R57_EVIDENCE_VERIFIED);
    ck_assert_int_eq(r57_evidence_progress(e), 1);
    ck_assert_int_eq(r57_evidence_size(e), 5);
    char h[R57_SHA256_HEX_SIZE];
    OK(r57_sha256(h, "draft", 5));
    ck_assert_str_eq(r57_evidence_sha256(e), h);
    r57_evidence_free(e);
    OK(r57_evidence_get(&e, empty, 2));
    ck_assert_str_eq(r57_evidence_reason(e), "not signed");
    r57_evidence_free(e);
    bool has = false;
    r57_key_category_t key = R57_KEY_NONE;
    OK(r57_actor_has_role(&has, empty, "moj", R57_ROLE_REPORTER, "HN-BD"));
    ck_assert_int_eq(has, 1);
    OK(r57_task_get(&t, empty, "07-TB/CQTTBCD", "III.8"));
    OK(r57_task_key(&key, empty, t));
    ck_assert_int_eq(key, R57_KEY_DIGITAL_TRANSFORMATION);
    r57_task_free(t);
    double min;
    bool blocks;
    OK(r57_rating_rule_get(&min, &blocks, empty, R57_RATING_DONE));
    ck_assert(min == 55 && blocks == 1);
    r57_journal_report *jr;
    OK(r57_journal_verify(&jr, empty, NULL));
    ck_assert_int_eq(r57_journal_report_problem(jr), R57_JOURNAL_INTACT);
    r57_journal_report_free(jr);
    r57_free(first);
    r57_free(second);
    r57_close(empty);
}
END_TEST

START_TEST(test_interchange_ndjson__round_trip_and_resume)
{
    char path[512];
    r57_db *db = full_fixture();
    char *json;
    OK(r57_export_string(&json, db, NULL));
    temp_path(path, sizeof path, "all.ndjson");
    r57_export_options eo = R57_EXPORT_OPTIONS_INIT;
    eo.ndjson = 1;
    OK(r57_export_file(db, &eo, path));
    r57_close(db);
    r57_db *empty = open_memory();
    r57_import_options io = R57_IMPORT_OPTIONS_INIT;
    io.batch_size = 7;
    r57_import_report *rep;
    OK(r57_import_ndjson_file(&rep, empty, "importer", &io, path));
    uint64_t lines = r57_import_report_last_line(rep);
    ck_assert_uint_gt(lines, 90);
    r57_import_report_free(rep);
    char *again;
    OK(r57_export_string(&again, empty, NULL));
    ck_assert_str_eq(json, again);
    r57_free(again);
    r57_close(empty);
    r57_free(json);
    remove(path);
}
END_TEST

START_TEST(test_interchange_ndjson__failure_keeps_committed_batches)
{
    char path[512], msg[1024];
    temp_path(path, sizeof path, "broken.ndjson");
    write_text(path,
               "{\"format\":\"libr57-ndjson\",\"version\":1}\n"
               "{\"type\":\"unit\",\"code\":\"VN\",\"name\":\"Viet Nam\",\"kind\":\"nation\"}\n"
               "{\"type\":\"unit\",\"code\":\"HN\",\"name\":\"Ha Noi\",\"kind\":\"province\",\"parent\":\"VN\"}\n"
               "{\"type\":\"unit\",\"code\":\"HP\",\"name\":\"Hai Phong\",\"kind\":\"province\",\"parent\":\"VX\"}\n"
               "{\"type\":\"unit\",\"code\":\"DN\",\"name\":\"Da Nang\",\"kind\":\"province\",\"parent\":\"VN\"}\n");
    r57_db *db = open_memory();
    r57_import_options io = R57_IMPORT_OPTIONS_INIT;
    io.batch_size = 2;
    r57_import_report *rep = NULL;
    ck_assert_int_eq(r57_import_ndjson_file(&rep, db, "importer", &io, path), R57_ENOTFOUND);
    snprintf(msg, sizeof msg, "'%s' line 4, column 1: /: unit 'HP': unknown parent unit code 'VX'",
             path);
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    ck_assert_uint_eq(r57_import_report_last_line(rep), 3);
    r57_import_report_free(rep);
    r57_unit *u;
    OK(r57_unit_get(&u, db, "HN"));
    r57_unit_free(u);
    /* Fix the line and resume after the last committed one. */
    write_text(path,
               "{\"format\":\"libr57-ndjson\",\"version\":1}\n"
               "{\"type\":\"unit\",\"code\":\"VN\",\"name\":\"Viet Nam\",\"kind\":\"nation\"}\n"
               "{\"type\":\"unit\",\"code\":\"HN\",\"name\":\"Ha Noi\",\"kind\":\"province\",\"parent\":\"VN\"}\n"
               "{\"type\":\"unit\",\"code\":\"HP\",\"name\":\"Hai Phong\",\"kind\":\"province\",\"parent\":\"VN\"}\n"
               "{\"type\":\"unit\",\"code\":\"DN\",\"name\":\"Da Nang\",\"kind\":\"province\",\"parent\":\"VN\"}\n");
    io.start_line = 4;
    OK(r57_import_ndjson_file(&rep, db, "importer", &io, path));
    ck_assert_uint_eq(r57_import_report_units(rep), 2);
    ck_assert_uint_eq(r57_import_report_last_line(rep), 5);
    r57_import_report_free(rep);
    OK(r57_unit_get(&u, db, "DN"));
    r57_unit_free(u);
    remove(path);
    r57_close(db);
}
END_TEST

typedef struct {
    const char *json, *message;
    int code, line, column;
} bad_json;

START_TEST(test_interchange_json__bad_input_names_the_place)
{
    static const bad_json cases[] = {
        { "{\"format\":\"libr57\",\"version\":1,\n\"units\":[\n{\"code\":\"VN\",\"name\":\"Viet Nam\",\"kind\":\"nation\"}\n,\n{\"code\":\"HN\" \"name\":1}]}",
          "line 5, column 19: '}' expected near '\"name\"'", R57_EPARSE, 5, 19 },
        { "{\"format\":\"libr57\",\"version\":1,\n\"units\":[{\"code\":\"VN\",\"name\":7,\"kind\":\"nation\"}]}",
          "line 2, column 30: /units/0/name: \"name\" must be a string", R57_EINVAL, 2, 30 },
        { "{\"format\":\"libr57\",\"version\":1,\n\"units\":[{\"code\":\"VN\",\"name\":\"V\",\"kind\":\"nation\",\"colour\":\"red\"}]}",
          "line 2, column 59: /units/0/colour: unknown field \"colour\"", R57_EINVAL, 2, 59 },
        { "{\"format\":\"libr57\",\"version\":3,\"units\":[]}",
          "line 1, column 30: /version: format version 3 is not one this libr57 reads (1 to 2)", R57_EVERSION, 1, 30 },
        { "{\"format\":\"libr57\",\"version\":1,\"units\":[{\"code\":\"VN\",\"name\":\"V\",\"kind\":\"nation\",\"name\":\"W\"}]}",
          "line 1, column 86: duplicate object key near '\"name\"'", R57_EEXISTS, 1, 86 },
        { "{\"format\":\"libr57\",\"version\":1,\n\"units\":[{\"code\":\"HN\",\"name\":\"Ha Noi\",\"kind\":\"province\",\"parent\":\"VN\"}]}",
          "line 2, column 10: /units/0: unit 'HN': unknown parent unit code 'VN'", R57_ENOTFOUND, 2, 10 },
        { "{\"format\":\"libr57\",\"version\":1,\n\"documents\":[{\"number\":\"D1\",\"kind\":\"notice\"}],\n"
          "\"tasks\":[{\"document\":\"D1\",\"ref\":\"A\"},\n{\"document\":\"D1\",\"ref\":\"B\",\"deadline\":\"next week\"}]}",
          "line 4, column 39: /tasks/1/deadline: task 'B': deadline 'next week' is not a date, month, quarter or year",
          R57_EPARSE, 4, 39 },
        { "{\"format\":\"libr57\",\"version\":1,\n\"documents\":[{\"number\":\"D1\",\"kind\":\"notice\"}],\n"
          "\"tasks\":[{\"document\":\"D1\",\"ref\":\"A\",\"owner_unit\":\"MOX\"}]}",
          "line 3, column 50: /tasks/0/owner_unit: task 'A': unknown unit code 'MOX' (owner_unit)",
          R57_ENOTFOUND, 3, 50 },
        { "{\"format\":\"libr57\",\"version\":1,\n\"documents\":[{\"number\":\"D1\",\"kind\":\"notice\"},\n"
          "{\"number\":\"D1\",\"kind\":\"plan\"}]}",
          "line 3, column 1: /documents/1: document 'D1' exists already", R57_EEXISTS, 3, 1 },
        /* Format version 2: evidence, people, rules. */
        { "{\"format\":\"libr57\",\"version\":2,\n\"units\":[{\"code\":\"VN\",\"name\":\"V\",\"kind\":\"nation\"}],\n"
          "\"documents\":[{\"number\":\"D1\",\"kind\":\"notice\"}],\n\"tasks\":[{\"document\":\"D1\",\"ref\":\"A\"}],\n"
          "\"evidence\":[{\"id\":1,\"document\":\"D1\",\"ref\":\"A\",\"kind\":\"file\",\"title\":\"t\",\"sha256\":\"abc\","
          "\"product\":true,\"status\":\"submitted\",\"submitted_by\":\"x\",\"submitted_at\":\"2025-11-01T00:00:00Z\"}]}",
          "line 5, column 82: /evidence/0/sha256: sha256 'abc' is not a SHA-256 (64 hex digits)", R57_EINVAL, 5, 82 },
        { "{\"format\":\"libr57\",\"version\":2,\n\"documents\":[{\"number\":\"D1\",\"kind\":\"notice\"}],\n"
          "\"evidence\":[{\"id\":1,\"document\":\"D1\",\"ref\":\"Z\",\"kind\":\"link\",\"title\":\"t\",\"product\":true,"
          "\"status\":\"submitted\",\"submitted_by\":\"x\",\"submitted_at\":\"2025-11-01T00:00:00Z\"}]}",
          "line 3, column 13: /evidence/0: document 'D1' has no task 'Z'", R57_ENOTFOUND, 3, 13 },
        { "{\"format\":\"libr57\",\"version\":2,\n\"documents\":[{\"number\":\"D1\",\"kind\":\"notice\"}],\n"
          "\"tasks\":[{\"document\":\"D1\",\"ref\":\"A\"}],\n\"evidence\":[{\"id\":1,\"document\":\"D1\",\"ref\":\"A\","
          "\"progress\":9,\"kind\":\"link\",\"title\":\"t\",\"product\":true,\"status\":\"rejected\",\"decided_by\":\"y\","
          "\"reason\":\"no\",\"submitted_by\":\"x\",\"submitted_at\":\"2025-11-01T00:00:00Z\"}]}",
          "line 4, column 58: /evidence/0/progress: progress report 9 is not in this import", R57_ENOTFOUND, 4, 58 },
        { "{\"format\":\"libr57\",\"version\":2,\n\"actors\":[{\"code\":\"a\",\"name\":\"A\",\"roles\":[{\"role\":\"king\"}]}]}",
          "line 2, column 51: /actors/0/roles/0/role: role 'king' is not one of reporter, verifier, manager, "
          "administrator, auditor", R57_EINVAL, 2, 51 },
        { "{\"format\":\"libr57\",\"version\":2,\n\"rating_rules\":[{\"level\":\"done\",\"min_on_time\":120,"
          "\"key_overdue_blocks\":false}]}",
          "line 2, column 47: /rating_rules/0/min_on_time: share 120 is not between 0 and 100", R57_EINVAL, 2, 47 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r57_db *db = open_memory();
        int rc = r57_import_json(NULL, db, "importer", NULL, cases[i].json, strlen(cases[i].json));
        ck_assert_msg(rc == cases[i].code, "case %zu: %s: %s", i, r57_err_name(rc),
                      r57_error_message(r57_error_last()));
        ck_assert_str_eq(r57_error_message(r57_error_last()), cases[i].message);
        ck_assert_int_eq(r57_error_line(r57_error_last()), cases[i].line);
        ck_assert_int_eq(r57_error_column(r57_error_last()), cases[i].column);
        /* All or nothing: not even the first document stayed. */
        r57_document *d;
        ck_assert_int_eq(r57_document_get(&d, db, "D1"), R57_ENOTFOUND);
        r57_close(db);
    }
}
END_TEST

START_TEST(test_interchange_json__unknown_fields_can_be_ignored)
{
    const char *json = "{\"format\":\"libr57\",\"version\":1,\"comment\":\"x\","
                       "\"units\":[{\"code\":\"VN\",\"name\":\"V\",\"kind\":\"nation\",\"colour\":\"red\"}]}";
    r57_db *db = open_memory();
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.unknown_fields = R57_UNKNOWN_IGNORE;
    OK(r57_import_json(NULL, db, "importer", &o, json, strlen(json)));
    r57_unit *u;
    OK(r57_unit_get(&u, db, "VN"));
    r57_unit_free(u);
    r57_close(db);
}
END_TEST

static int count_progress(uint64_t items, uint64_t bytes, void *payload)
{
    uint64_t *last = payload;
    ck_assert_uint_ge(items, last[0]);
    last[0] = items;
    last[1] = bytes;
    return 0;
}

static int stop_progress(uint64_t items, uint64_t bytes, void *payload)
{
    (void)items;
    (void)bytes;
    (void)payload;
    return 42;
}

START_TEST(test_interchange_json__progress_and_stop)
{
    r57_db *db = full_fixture();
    char *json;
    OK(r57_export_string(&json, db, NULL));
    r57_close(db);
    uint64_t seen[2] = { 0, 0 };
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.progress = count_progress;
    o.progress_payload = seen;
    db = open_memory();
    OK(r57_import_json(NULL, db, "importer", &o, json, strlen(json)));
    ck_assert_uint_gt(seen[0], 100);
    ck_assert_uint_eq(seen[1], strlen(json));
    r57_close(db);
    o.progress = stop_progress;
    db = open_memory();
    /* 1,000 items in, the callback stops it; nothing stays. */
    ck_assert_int_ne(r57_import_json(NULL, db, "importer", &o, json, strlen(json)), R57_OK);
    r57_unit *u;
    ck_assert_int_eq(r57_unit_get(&u, db, "VN"), R57_ENOTFOUND);
    r57_close(db);
    r57_free(json);
}
END_TEST

START_TEST(test_interchange_export__filters)
{
    r57_db *db = full_fixture();
    r57_export_options o = R57_EXPORT_OPTIONS_INIT;
    o.unit = "HN";
    char *json;
    OK(r57_export_string(&json, db, &o));
    /* Ha Noi's tree, its parent for the import, its task and values. */
    ck_assert_ptr_nonnull(strstr(json, "\"code\":\"HN-BD\""));
    ck_assert_ptr_nonnull(strstr(json, "\"code\":\"VN\""));
    ck_assert_ptr_null(strstr(json, "\"code\":\"MOJ\""));
    ck_assert_ptr_nonnull(strstr(json, "\"ref\":\"X.1\""));
    ck_assert_ptr_null(strstr(json, "\"ref\":\"III.8\""));
    ck_assert_ptr_nonnull(strstr(json, "\"period\":\"2026-01\""));
    ck_assert_ptr_null(strstr(json, "\"element\":\"capital_share\""));
    /* It imports on its own into an empty database. */
    r57_db *empty = open_memory();
    OK(r57_import_json(NULL, empty, "importer", NULL, json, strlen(json)));
    r57_close(empty);
    r57_free(json);
    o.unit = "NOPE";
    FAILS(R57_ENOTFOUND, "export: unknown unit code 'NOPE'", r57_export_string(&json, db, &o));
    r57_close(db);
}
END_TEST

/* Only the C API can store text that is not UTF-8; JSON cannot carry it,
 * and the export used to leave such a field out without a word. */
START_TEST(test_interchange_export__text_not_utf8_is_refused_not_dropped)
{
    r57_db *db = open_memory();
    /* A unit's name is keyed by its Unicode fold, so it is refused at once. */
    FAILS(R57_EINVAL, "unit 'VN': name is not UTF-8 text (byte 0xf3 at offset 2)",
          r57_unit_create(db, "admin", "VN", "Vi\xf3t Nam", R57_UNIT_NATION, NULL));
    OK(r57_document_create(db, "admin", "07-TB", R57_DOC_NOTICE, R57_DATE_NONE, NULL,
                           "Th\xf4ng b\xe1o"));
    char *json = NULL;
    FAILS(R57_EINVAL,
          "export: '07-TB': \"title\" is not UTF-8 text (byte 0xf4 at offset 2), which JSON "
          "cannot carry",
          r57_export_string(&json, db, NULL));
    ck_assert_ptr_null(json);
    r57_close(db);
}
END_TEST

START_TEST(test_interchange_examples__documented_examples_import)
{
    r57_db *db = open_memory();
    r57_import_report *rep;
    OK(r57_import_json_file(&rep, db, "importer", NULL, R57_SOURCE_DIR "/docs/examples/notice-07-excerpt.json"));
    ck_assert_uint_eq(r57_import_report_tasks(rep), 1);
    r57_import_report_free(rep);
    r57_attainment *a;
    OK(r57_attainment_get(&a, db, "full_online_procedures_share", "MOJ", "2026"));
    ck_assert_int_eq(r57_attainment_status(a), R57_ATTAINMENT_MET);
    ck_assert_double_eq_tol(r57_attainment_value(a), 80, 1e-12);
    r57_attainment_free(a);
    r57_close(db);
    db = open_memory();
    OK(r57_import_ndjson_file(&rep, db, "importer", NULL, R57_SOURCE_DIR "/docs/examples/small.ndjson"));
    ck_assert_uint_eq(r57_import_report_units(rep), 2);
    ck_assert_uint_eq(r57_import_report_tasks(rep), 1);
    r57_import_report_free(rep);
    r57_task *t;
    OK(r57_task_get(&t, db, "01-KH/HN", "1"));
    ck_assert_int_eq(r57_task_due(t), D("2026-03-31"));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* A callback that returns `rc` every time and counts its calls (the
 * callback rule, r57/common.h). */
typedef struct stopper {
    int rc;
    int calls;
    r57_db *db; /* set: fail in a libr57 call instead */
} stopper;

static int stopper_rc(stopper *st)
{
    st->calls++;
    if (st->db) {
        r57_unit *u;
        return r57_unit_get(&u, st->db, "NO-SUCH-UNIT");
    }
    return st->rc;
}

static int stop_writing(const char *data, size_t len, void *payload)
{
    (void)data;
    (void)len;
    return stopper_rc(payload);
}

static int stop_importing(uint64_t items, uint64_t bytes, void *payload)
{
    (void)items;
    (void)bytes;
    return stopper_rc(payload);
}

START_TEST(test_interchange_export__callback_zero_goes_on)
{
    r57_db *db = full_fixture();
    stopper st = { 0, 0, NULL };
    OK(r57_export(db, NULL, stop_writing, &st));
    ck_assert_int_gt(st.calls, 100);
    r57_close(db);
}
END_TEST

START_TEST(test_interchange_export__callback_negative_passes_through)
{
    r57_db *db = full_fixture();
    stopper st = { R57_ECONFLICT, 0, NULL };
    FAILS(R57_ECONFLICT, "export stopped by the write callback: it returned -7 (R57_ECONFLICT)",
          r57_export(db, NULL, stop_writing, &st));
    ck_assert_int_eq(st.calls, 1);
    /* A callback that failed in a libr57 call: its record is kept. */
    stopper inner = { 0, 0, db };
    FAILS(R57_ENOTFOUND, "unknown unit code 'NO-SUCH-UNIT'",
          r57_export(db, NULL, stop_writing, &inner));
    ck_assert_int_eq(inner.calls, 1);
    r57_close(db);
}
END_TEST

START_TEST(test_interchange_export__callback_positive_is_euser)
{
    r57_db *db = full_fixture();
    stopper st = { 5, 0, NULL };
    FAILS(R57_EUSER, "export stopped by the write callback: it returned 5",
          r57_export(db, NULL, stop_writing, &st));
    ck_assert_int_eq(st.calls, 1);
    ck_assert_int_lt(R57_EUSER, 0);
    ck_assert_str_eq(r57_err_name(R57_EUSER), "R57_EUSER");
    ck_assert_str_eq(r57_strerror(R57_EUSER), "stopped by a callback");
    r57_close(db);
}
END_TEST

/* The outcome of an import whose progress callback returned st->rc:
 * R57_OK for 0 (the callback called at least min_calls times); else
 * stopped at the first call with the rc passed through (negative) or
 * R57_EUSER (positive), and the message saying so. */
static void assert_progress_outcome(int rc, const stopper *st, int min_calls)
{
    char msg[128];
    if (st->rc == 0) {
        OK(rc);
        ck_assert_int_ge(st->calls, min_calls);
        return;
    }
    ck_assert_str_eq(r57_err_name(rc), r57_err_name(st->rc < 0 ? st->rc : R57_EUSER));
    if (st->rc < 0)
        snprintf(msg, sizeof msg, "import stopped by the progress callback: it returned %d (%s)",
                 st->rc, r57_err_name(st->rc));
    else
        snprintf(msg, sizeof msg, "import stopped by the progress callback: it returned %d", st->rc);
    ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    ck_assert_int_eq(st->calls, 1);
}

/* The progress callback of the JSON and CSV imports, by the same rule:
 * zero goes on, a negative return passes through, a positive one is
 * R57_EUSER; a stopped import stores nothing. */
START_TEST(test_interchange_import__progress_callback_rule)
{
    char path[512];
    temp_path(path, sizeof path, "progress.csv");
    write_text(path, "ref,document\nA,01-KH/X\nB,01-KH/X\n");
    r57_db *db = full_fixture();
    char *json;
    OK(r57_export_string(&json, db, NULL));
    r57_close(db);
    const int rcs[] = { 0, R57_EIO, 42 };
    for (int i = 0; i < 3; i++) {
        stopper st = { rcs[i], 0, NULL };
        r57_import_options o = R57_IMPORT_OPTIONS_INIT;
        o.progress = stop_importing;
        o.progress_payload = &st;
        db = open_memory();
        r57_unit *u;
        assert_progress_outcome(r57_import_json(NULL, db, "importer", &o, json, strlen(json)),
                                &st, 1);
        ck_assert_int_eq(r57_unit_get(&u, db, "VN"), rcs[i] ? R57_ENOTFOUND : R57_OK);
        r57_unit_free(rcs[i] ? NULL : u);
        st.calls = 0;
        r57_document *d;
        assert_progress_outcome(r57_import_csv_tasks(NULL, db, "importer", &o, path), &st, 2);
        ck_assert_int_eq(r57_document_get(&d, db, "01-KH/X"), rcs[i] ? R57_ENOTFOUND : R57_OK);
        r57_document_free(rcs[i] ? NULL : d);
        r57_close(db);
    }
    r57_free(json);
    remove(path);
}
END_TEST

/* A text of n bytes: `stem` then `fill` (codes of any length). */
static char *long_code(const char *stem, char fill, size_t n)
{
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    size_t k = strlen(stem);
    memcpy(s, stem, k);
    memset(s + k, fill, n - k);
    s[n] = '\0';
    return s;
}

/* A sheet has any number of columns: the file's columns past the 63 that
 * were a limit (64 and past) are read, ignored when unknown. */
START_TEST(test_interchange_csv__any_number_of_columns)
{
    char path[512];
    r57_db *db = open_memory();
    add_units(db);
    temp_path(path, sizeof path, "wide.csv");
    const int widths[] = { 63, 64, 100 };
    for (int k = 0; k < 3; k++) {
        int width = widths[k];
        /* width - 3 unknown columns, then ref, document, lead. */
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        for (int i = 0; i < width - 3; i++)
            fprintf(f, "x%d,", i);
        fprintf(f, "ref,document,lead\n");
        for (int i = 0; i < width - 3; i++)
            fprintf(f, "%d,", i);
        fprintf(f, "W%d,01-KH/W,MOJ\n", width);
        fclose(f);
        r57_import_options o = R57_IMPORT_OPTIONS_INIT;
        o.unknown_fields = R57_UNKNOWN_IGNORE;
        OK(r57_import_csv_tasks(NULL, db, "admin", &o, path));
        char ref[16];
        snprintf(ref, sizeof ref, "W%d", width);
        r57_task *t;
        OK(r57_task_get(&t, db, "01-KH/W", ref));
        ck_assert_str_eq(r57_task_owner_unit(t), "MOJ");
        r57_task_free(t);
    }
    remove(path);
    r57_close(db);
}
END_TEST

/* Codes are never cut: a sheet of figures names an element, a unit, an
 * indicator's element and a unit by name at 127 bytes (what fitted), 128
 * and 300 — each stored under its whole code.  (A formula refers to codes
 * of up to 255 bytes: the indicator is left out at 300.) */
START_TEST(test_interchange_csv__figures_keep_long_codes_whole)
{
    char path[512];
    const size_t lengths[] = { 127, 128, 300 };
    r57_db *db = open_memory();
    temp_path(path, sizeof path, "long.csv");
    for (int i = 0; i < 3; i++) {
        char *element = long_code("el", '_', lengths[i]), *unit = long_code("UN", 'U', lengths[i]);
        char *indicator = long_code("ind", '_', lengths[i]);
        char *named = long_code("Bộ Qx", 'x', lengths[i]);
        char formula[400];
        snprintf(formula, sizeof formula, "#{%s}", element);
        OK(r57_element_create(db, "admin", element, "Element", "count", R57_AGG_SUM));
        OK(r57_unit_create(db, "admin", unit, "Unit", R57_UNIT_MINISTRY, NULL));
        r57_indicator_spec sp = R57_INDICATOR_SPEC_INIT;
        sp.code = indicator;
        sp.name = "Indicator";
        sp.formula = formula;
        int by_indicator = lengths[i] <= 255;
        if (by_indicator)
            OK(r57_indicator_create(db, "admin", &sp));
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "element,unit_code,period,value\n%s,%s,2025,7\n", element, unit);
        fclose(f);
        OK(r57_import_csv_values(NULL, db, "admin", NULL, path));
        f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "%s,scope,period,value\n%s,%s,2026,8\n", by_indicator ? "indicator" : "element",
                by_indicator ? indicator : element, named);
        fclose(f);
        r57_import_options o = R57_IMPORT_OPTIONS_INIT;
        o.create_units = 1;
        r57_import_report *rep;
        OK(r57_import_csv_values(&rep, db, "admin", &o, path));
        /* The unit made of the name: its whole code, ASCII-folded. */
        char *made = long_code("BO-QX", 'X', lengths[i] - 2); /* "ộ" is 3 bytes, " " none */
        ck_assert_uint_eq(r57_import_report_created_unit_count(rep), 1);
        ck_assert_str_eq(r57_import_report_created_unit(rep, 0), made);
        r57_import_report_free(rep);
        double v;
        OK(r57_value_get(&v, db, element, unit, "2025"));
        ck_assert_double_eq(v, 7);
        OK(r57_value_get(&v, db, element, made, "2026"));
        ck_assert_double_eq(v, 8);
        free(element);
        free(unit);
        free(indicator);
        free(named);
        free(made);
    }
    remove(path);
    r57_close(db);
}
END_TEST

/* Coordinating units grow: a cell listing n bodies (16, 17, 40), some
 * registered and some created by name, makes n coordinating units. */
START_TEST(test_interchange_csv__coordinating_units_of_any_number)
{
    char path[512], name[64];
    const int counts[] = { 16, 17, 40 };
    r57_db *db = open_memory();
    add_units(db);
    temp_path(path, sizeof path, "coordinating.csv");
    for (int k = 0; k < 3; k++) {
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "ref,document,lead,coordinating\nC%d,01-KH/C,MOJ,\"", counts[k]);
        for (int i = 0; i < counts[k]; i++) {
            snprintf(name, sizeof name, "Ministry of Q%c%c%c", 'a' + k, 'a' + i / 26, 'a' + i % 26);
            if (i % 2 == 0 && r57_unit_create(db, "admin", name + 12, name, R57_UNIT_MINISTRY, NULL) != R57_OK)
                ck_abort_msg("%s", r57_error_message(r57_error_last()));
            fprintf(f, "%s%s", i ? "; " : "", name);
        }
        fprintf(f, "\"\n");
        fclose(f);
        r57_import_options o = R57_IMPORT_OPTIONS_INIT;
        o.create_units = 1;
        OK(r57_import_csv_tasks(NULL, db, "admin", &o, path));
        char ref[16];
        snprintf(ref, sizeof ref, "C%d", counts[k]);
        r57_task *t;
        OK(r57_task_get(&t, db, "01-KH/C", ref));
        ck_assert_uint_eq(r57_task_coordinating_units_count(t), (size_t)counts[k]);
        /* The last two of the list: one registered, one created (its code
         * made of its name). */
        for (int i = counts[k] - 2; i < counts[k]; i++) {
            snprintf(name, sizeof name, i % 2 ? "MINISTRY-OF-Q%c%c%c" : "Q%c%c%c",
                     (i % 2 ? 'A' : 'a') + k, (i % 2 ? 'A' : 'a') + i / 26,
                     (i % 2 ? 'A' : 'a') + i % 26);
            ck_assert_str_eq(r57_task_coordinating_unit(t, (size_t)i), name);
        }
        r57_task_free(t);
    }
    remove(path);
    r57_close(db);
}
END_TEST

/* Keys made of a document number and a ref are whole, however long: the
 * journal of an imported status (cut at 299 bytes) and the export filter's
 * set of tasks (cut at 599, so that a task of another document with the
 * same first 599 bytes passed the filter). */
START_TEST(test_interchange_json__task_keys_whole)
{
    char *a = long_code("A", 'x', 700), *b = long_code("A", 'x', 701);
    size_t n = 2 * strlen(a) + 512;
    char *json = malloc(n), *key = malloc(n);
    ck_assert(json && key);
    snprintf(json, n, "{\"format\":\"libr57\",\"version\":1,\"documents\":[{\"number\":\"%s\","
             "\"kind\":\"plan\"}],\"tasks\":[{\"document\":\"%s\",\"ref\":\"R1\",\"status\":"
             "\"done\",\"done_on\":\"2025-11-01\"}]}", a, a);
    r57_db *db = open_memory();
    add_units(db);
    OK(r57_import_json(NULL, db, "importer", NULL, json, strlen(json)));
    snprintf(key, n, "%s#R1", a);
    r57_journal_iterator *it;
    r57_journal_entry *e;
    OK(r57_journal_iterator_new(&it, db, "task", key));
    OK(r57_journal_next(&e, it));
    ck_assert_str_eq(r57_journal_entry_key(e), key);
    ck_assert_str_eq(r57_journal_entry_action(e), "create");
    r57_journal_entry_free(e);
    OK(r57_journal_next(&e, it));
    ck_assert_str_eq(r57_journal_entry_action(e), "import_status");
    r57_journal_entry_free(e);
    r57_journal_iterator_free(it);
    /* Two documents alike in their first 700 bytes, a report on each. */
    OK(r57_document_create(db, "admin", b, R57_DOC_PLAN, R57_DATE_NONE, NULL, NULL));
    const char *docs[] = { a, b };
    for (int i = 0; i < 2; i++) {
        r57_task_spec s = R57_TASK_SPEC_INIT;
        s.document = docs[i];
        s.ref = i ? "R1" : "R2";
        s.owner_unit = "MOJ";
        r57_task *t;
        OK(r57_task_create(&t, db, "admin", &s));
        OK(r57_progress_report(NULL, db, "admin", t, 10 + i, NULL, D("2025-11-02"), NULL));
        r57_task_free(t);
    }
    r57_export_options o = R57_EXPORT_OPTIONS_INIT;
    o.document = a;
    char *out;
    OK(r57_export_string(&out, db, &o));
    ck_assert_ptr_nonnull(strstr(out, "\"percent\":10"));
    ck_assert_ptr_null(strstr(out, "\"percent\":11"));
    r57_free(out);
    r57_close(db);
    free(a);
    free(b);
    free(json);
    free(key);
}
END_TEST

/* The message of an import that names an unknown field `key` (the value on
 * a line of its own, so that the position does not move with the key). */
static const char *unknown_field_message(r57_db *db, const char *key)
{
    size_t n = strlen(key) + 256;
    char *json = malloc(n);
    ck_assert_ptr_nonnull(json);
    snprintf(json, n, "{\"format\":\"libr57\",\"version\":1,\"units\":[{\"code\":\"X\",\"kind\":"
             "\"ministry\",\"name\":\"N\",\n\"%s\":\n1}]}", key);
    ck_assert_int_eq(r57_import_json(NULL, db, "importer", NULL, json, strlen(json)), R57_EINVAL);
    free(json);
    ck_assert_int_eq(r57_error_line(r57_error_last()), 3);
    return r57_error_message(r57_error_last());
}

/* 1 when s is whole UTF-8 characters (no sequence cut short at the end). */
static int whole_characters(const char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return n == 0;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return n - (i - 1) == want;
}

/* A key of 'k's (and a '~' first when the parity asks: "~0" in the
 * pointer) that makes the message of unknown_field_message `len` bytes
 * long, c being its length without the key. */
static void key_for_length(char *key, size_t c, size_t len)
{
    size_t k = (len - c) / 2;
    memset(key, 'k', k);
    key[k] = '\0';
    if (c + 2 * k != len)
        key[0] = '~';
}

/* Messages are formatted to their length (they were cut at 900 bytes, and
 * their pointers at 300).  The error record keeps 4095 bytes: a message of
 * 4095 is whole, one of 4096 ends in "..." — and is never cut inside a
 * character. */
START_TEST(test_interchange_json__long_messages_whole_up_to_the_record)
{
    r57_db *db = open_memory();
    char key[8192];
    /* The message is c + 2 * (key length): the key is quoted twice. */
    memset(key, 'k', 10);
    key[10] = '\0';
    size_t c = strlen(unknown_field_message(db, key)) - 20;
    key_for_length(key, c, 4095);
    const char *msg = unknown_field_message(db, key);
    ck_assert_uint_eq(strlen(msg), 4095);
    ck_assert_str_eq(msg + 4094, "\"");
    ck_assert_int_eq(strncmp(msg + 4094 - strlen(key), key, strlen(key)), 0);
    /* One byte more: cut, marked. */
    key_for_length(key, c, 4096);
    msg = unknown_field_message(db, key);
    ck_assert_uint_eq(strlen(msg), 4095);
    ck_assert_str_eq(msg + 4092, "...");
    /* Two-byte characters across the cut, at either parity. */
    for (int shift = 0; shift < 2; shift++) {
        size_t n = 0;
        for (; n < (size_t)shift; n++)
            key[n] = 'k';
        while (n < 3000) {
            key[n++] = (char)0xC4;
            key[n++] = (char)0x90;
        }
        key[n] = '\0';
        msg = unknown_field_message(db, key);
        ck_assert_uint_le(strlen(msg), 4095);
        ck_assert_uint_ge(strlen(msg), 4094);
        ck_assert_str_eq(msg + strlen(msg) - 3, "...");
        char head[4096];
        memcpy(head, msg, strlen(msg) - 3);
        head[strlen(msg) - 3] = '\0';
        ck_assert_msg(whole_characters(head), "cut inside a character (shift %d)", shift);
    }
    r57_close(db);
}
END_TEST

/* A growing text for JSON built in a test. */
typedef struct text_buf {
    char *text;
    size_t len;
} text_buf;

static void jappend(text_buf *b, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    b->text = realloc(b->text, b->len + (size_t)n + 1);
    ck_assert_ptr_nonnull(b->text);
    vsnprintf(b->text + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    b->len += (size_t)n;
}

/* Through the JSON door, coordinating units of any number (16 was the
 * size of the import's array on the stack; 17 and past went to the heap):
 * each task keeps all of them, and an export carries them back. */
START_TEST(test_interchange_json__coordinating_units_of_any_number)
{
    const int counts[] = { 16, 17, 300 };
    text_buf j = { NULL, 0 };
    jappend(&j, "{\"format\":\"libr57\",\"version\":1,\"units\":[");
    for (int i = 0; i < 300; i++)
        jappend(&j, "%s{\"code\":\"U%03d\",\"kind\":\"ministry\",\"name\":\"Unit %d\"}", i ? "," : "",
                i, i);
    jappend(&j, "],\"documents\":[{\"number\":\"01-KH/J\",\"kind\":\"plan\"}],\"tasks\":[");
    for (int k = 0; k < 3; k++) {
        jappend(&j, "%s{\"document\":\"01-KH/J\",\"ref\":\"J%d\",\"coordinating_units\":[",
                k ? "," : "", counts[k]);
        for (int i = 0; i < counts[k]; i++)
            jappend(&j, "%s\"U%03d\"", i ? "," : "", i);
        jappend(&j, "]}");
    }
    jappend(&j, "]}");
    r57_db *db = open_memory();
    OK(r57_import_json(NULL, db, "importer", NULL, j.text, strlen(j.text)));
    char *json;
    OK(r57_export_string(&json, db, NULL));
    r57_close(db);
    db = open_memory();
    OK(r57_import_json(NULL, db, "importer", NULL, json, strlen(json)));
    for (int k = 0; k < 3; k++) {
        char ref[16], code[8];
        snprintf(ref, sizeof ref, "J%d", counts[k]);
        r57_task *t;
        OK(r57_task_get(&t, db, "01-KH/J", ref));
        ck_assert_uint_eq(r57_task_coordinating_units_count(t), (size_t)counts[k]);
        snprintf(code, sizeof code, "U%03d", counts[k] - 1);
        ck_assert_str_eq(r57_task_coordinating_unit(t, (size_t)counts[k] - 1), code);
        r57_task_free(t);
    }
    r57_free(json);
    free(j.text);
    r57_close(db);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("interchange");
    TCase *tc = tcase_create("interchange");
    tcase_set_timeout(tc, 60);
    /* The cases that read the shared data (-Dshared_data, ../shared/data by
     * default) carry a tag, so that a tree without it runs the others
     * (CK_EXCLUDE_TAGS, tests/meson.build). */
    TCase *shared = tcase_create("shared_data");
    tcase_set_tags(shared, "shared-data");
    tcase_set_timeout(shared, 60);
    tcase_add_test(shared, test_interchange_csv__notice_07_creates_documents_tasks_units);
    tcase_add_test(shared, test_interchange_csv__refuses_unknown_units_and_bad_rows);
    tcase_add_test(shared, test_interchange_json__round_trip_is_byte_identical);
    tcase_add_test(shared, test_interchange_ndjson__round_trip_and_resume);
    tcase_add_test(tc, test_interchange_ndjson__failure_keeps_committed_batches);
    tcase_add_test(tc, test_interchange_json__bad_input_names_the_place);
    tcase_add_test(tc, test_interchange_json__unknown_fields_can_be_ignored);
    tcase_add_test(shared, test_interchange_json__progress_and_stop);
    tcase_add_test(shared, test_interchange_export__filters);
    tcase_add_test(tc, test_interchange_export__text_not_utf8_is_refused_not_dropped);
    tcase_add_test(tc, test_interchange_examples__documented_examples_import);
    tcase_add_test(shared, test_interchange_export__callback_zero_goes_on);
    tcase_add_test(shared, test_interchange_export__callback_negative_passes_through);
    tcase_add_test(shared, test_interchange_export__callback_positive_is_euser);
    tcase_add_test(shared, test_interchange_import__progress_callback_rule);
    tcase_add_test(tc, test_interchange_csv__any_number_of_columns);
    tcase_add_test(tc, test_interchange_csv__figures_keep_long_codes_whole);
    tcase_add_test(tc, test_interchange_csv__coordinating_units_of_any_number);
    tcase_add_test(tc, test_interchange_json__task_keys_whole);
    tcase_add_test(tc, test_interchange_json__coordinating_units_of_any_number);
    tcase_add_test(tc, test_interchange_json__long_messages_whole_up_to_the_record);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, shared);
    return s;
}

int main(void) { return run_suite(suite()); }
