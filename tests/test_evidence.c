/* Actors and roles, progress, evidence and its verification, the rule that
 * done needs verified evidence, and the journal's hash chain — including
 * tampering with the file behind the library's back. */
#include "helpers.h"

/* ---- SHA-256 against published test vectors (FIPS 180-2, NIST CAVP) ---- */

START_TEST(test_sha256__published_vectors)
{
    char h[R57_SHA256_HEX_SIZE];
    OK(r57_sha256(h, "", 0));
    ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    OK(r57_sha256(h, "abc", 3));
    ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    OK(r57_sha256(h, two, strlen(two)));
    ck_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    memset(million, 'a', 1000000);
    OK(r57_sha256(h, million, 1000000));
    ck_assert_str_eq(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    /* The same bytes from a file, read in pieces. */
    char path[512];
    int64_t size = 0;
    temp_path(path, sizeof path, "million-a");
    FILE *f = fopen(path, "wb");
    fwrite(million, 1, 1000000, f);
    fclose(f);
    OK(r57_sha256_file(h, &size, path));
    ck_assert_str_eq(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    ck_assert_int_eq(size, 1000000);
    remove(path);
    free(million);

    ck_assert_int_eq(r57_sha256_file(h, &size, "/nonexistent/r57/minutes.pdf"), R57_EIO);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "cannot open file '/nonexistent/r57/minutes.pdf': No such file or directory");
    FAILS(R57_EINVAL, "r57_sha256: data is NULL", r57_sha256(h, NULL, 3));
}
END_TEST

/* ---- a small realistic tree with people in it ------------------------- */

/*
 * VN > MOIT > MOIT-ECOM; VN > MOJ; VN > HN > HN-BD.  Task T1 of notice 07
 * is owned by HN-BD with MOJ holding authority; T2 is owned by MOIT-ECOM.
 * People: admin (system-wide administrator), hn-admin (administrator of
 * HN), mgr-hn (manager of HN), rep-bd (reporter of HN-BD), rep-hn
 * (reporter of HN), ver-moj (verifier of MOJ), ver-hn (verifier of HN),
 * ver-bd (verifier of HN-BD: the owner's own unit, not above it), both
 * (reporter and verifier of HN), audit (auditor), rep-moit (reporter of
 * MOIT).
 */
static r57_db *people(const char *path)
{
    r57_db *db;
    OK(r57_open(&db, path, NULL));
    bool setup = false;
    OK(r57_db_setup_mode(&setup, db));
    ck_assert_int_eq(setup, 1);
    add_units(db);
    add_notice(db);
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "T1";
    s.owner_unit = "HN-BD";
    s.authority_unit = "MOJ";
    s.product = "ward procedures published online";
    s.deadline = "by 31 December 2025";
    OK(r57_task_create(NULL, db, "setup", &s));
    s.ref = "T2";
    s.owner_unit = "MOIT-ECOM";
    s.authority_unit = NULL;
    OK(r57_task_create(NULL, db, "setup", &s));
    s.ref = "T3";
    s.owner_unit = "HN-BD";
    s.deadline = "monthly";
    OK(r57_task_create(NULL, db, "setup", &s));

    static const struct { const char *code; int role; const char *unit; } grants[] = {
        { "admin", R57_ROLE_ADMINISTRATOR, NULL }, { "hn-admin", R57_ROLE_ADMINISTRATOR, "HN" },
        { "mgr-hn", R57_ROLE_MANAGER, "HN" },       { "rep-bd", R57_ROLE_REPORTER, "HN-BD" },
        { "rep-hn", R57_ROLE_REPORTER, "HN" },      { "ver-moj", R57_ROLE_VERIFIER, "MOJ" },
        { "ver-hn", R57_ROLE_VERIFIER, "HN" },      { "ver-bd", R57_ROLE_VERIFIER, "HN-BD" },
        { "both", R57_ROLE_REPORTER, "HN" },        { "both", R57_ROLE_VERIFIER, "HN" },
        { "audit", R57_ROLE_AUDITOR, NULL },        { "rep-moit", R57_ROLE_REPORTER, "MOIT" },
    };
    /* The first grant (admin's) ends setup mode; admin grants the rest. */
    for (size_t i = 0; i < sizeof grants / sizeof grants[0]; i++) {
        const char *by = i == 0 ? "setup" : "admin";
        if (i == 0 || strcmp(grants[i].code, grants[i - 1].code) != 0)
            OK(r57_actor_create(db, by, grants[i].code, grants[i].code));
        OK(r57_actor_grant(db, by, grants[i].code, grants[i].role, grants[i].unit));
    }
    OK(r57_db_setup_mode(&setup, db));
    ck_assert_int_eq(setup, 0);
    return db;
}

static r57_task *task(r57_db *db, const char *ref)
{
    r57_task *t;
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", ref));
    return t;
}

static r57_evidence_spec link_spec(const char *title)
{
    r57_evidence_spec e = R57_EVIDENCE_SPEC_INIT;
    e.kind = R57_EVIDENCE_LINK;
    e.title = title;
    e.uri = "https://dichvucong.hanoi.gov.vn/ba-dinh";
    return e;
}

START_TEST(test_actors__setup_mode_ends_with_the_first_administrator)
{
    r57_db *db = open_memory();
    OK(r57_unit_create(db, "anyone", "VN", "Viet Nam", R57_UNIT_NATION, NULL));
    OK(r57_actor_create(db, "anyone", "ana", "Ana"));
    OK(r57_actor_grant(db, "anyone", "ana", R57_ROLE_REPORTER, "VN"));
    OK(r57_unit_create(db, "still-anyone", "HN", "Ha Noi", R57_UNIT_PROVINCE, "VN"));
    OK(r57_actor_create(db, "anyone", "root", "Root"));
    OK(r57_actor_grant(db, "anyone", "root", R57_ROLE_ADMINISTRATOR, NULL));
    FAILS(R57_EPERM, "actor 'anyone' may not create unit 'MOJ': 'anyone' is not a registered actor",
          r57_unit_create(db, "anyone", "MOJ", "Ministry of Justice", R57_UNIT_MINISTRY, "VN"));
    FAILS(R57_EPERM, "actor 'ana' may not create unit 'MOJ': that needs the administrator role in "
                     "unit 'VN' or above",
          r57_unit_create(db, "ana", "MOJ", "Ministry of Justice", R57_UNIT_MINISTRY, "VN"));
    OK(r57_unit_create(db, "root", "MOJ", "Ministry of Justice", R57_UNIT_MINISTRY, "VN"));
    FAILS(R57_ESTATE, "actor 'root' holds the last administrator role; grant another before "
                      "taking it back",
          r57_actor_revoke(db, "root", "root", R57_ROLE_ADMINISTRATOR, NULL));
    FAILS(R57_EEXISTS, "actor 'ana' holds the reporter role in unit 'VN' already",
          r57_actor_grant(db, "root", "ana", R57_ROLE_REPORTER, "VN"));
    FAILS(R57_EEXISTS, "actor 'ana' exists already", r57_actor_create(db, "root", "ana", "Ana"));
    FAILS(R57_ENOTFOUND, "unknown actor 'bob'",
          r57_actor_grant(db, "root", "bob", R57_ROLE_REPORTER, "VN"));
    FAILS(R57_ENOTFOUND, "actor 'ana': unknown unit code 'XX'",
          r57_actor_grant(db, "root", "ana", R57_ROLE_REPORTER, "XX"));
    FAILS(R57_EINVAL, "actor code 'a b' contains whitespace", r57_actor_create(db, "root", "a b", "A B"));
    bool has = false;
    OK(r57_actor_has_role(&has, db, "ana", R57_ROLE_REPORTER, "HN"));
    ck_assert_int_eq(has, 1); /* granted in VN, above HN */
    OK(r57_actor_revoke(db, "root", "ana", R57_ROLE_REPORTER, "VN"));
    OK(r57_actor_has_role(&has, db, "ana", R57_ROLE_REPORTER, "HN"));
    ck_assert_int_eq(has, 0);
    FAILS(R57_ENOTFOUND, "actor 'ana' does not hold the reporter role in unit 'VN'",
          r57_actor_revoke(db, "root", "ana", R57_ROLE_REPORTER, "VN"));
    r57_close(db);
}
END_TEST

/* One test per rule of docs/access.md: allowed, then refused. */
START_TEST(test_access__administrators_manage_units_and_actors_in_their_tree)
{
    r57_db *db = people(":memory:");
    OK(r57_unit_create(db, "hn-admin", "HN-HK", "Hoan Kiem ward", R57_UNIT_COMMUNE, "HN"));
    FAILS(R57_EPERM, "actor 'hn-admin' may not create unit 'MOJ-X': that needs the administrator "
                     "role in unit 'MOJ' or above",
          r57_unit_create(db, "hn-admin", "MOJ-X", "Department X", R57_UNIT_DEPARTMENT, "MOJ"));
    FAILS(R57_EPERM, "actor 'hn-admin' may not create unit 'ROOT2': that needs the administrator "
                     "role system-wide",
          r57_unit_create(db, "hn-admin", "ROOT2", "Another root", R57_UNIT_OTHER, NULL));
    OK(r57_actor_create(db, "hn-admin", "new", "Newcomer"));
    OK(r57_actor_grant(db, "hn-admin", "new", R57_ROLE_REPORTER, "HN-HK"));
    FAILS(R57_EPERM, "actor 'hn-admin' may not give actor 'new' the reporter role: that needs "
                     "the administrator role in unit 'MOJ' or above",
          r57_actor_grant(db, "hn-admin", "new", R57_ROLE_REPORTER, "MOJ"));
    FAILS(R57_EPERM, "actor 'mgr-hn' may not register actor 'x': that needs the administrator "
                     "role in any unit",
          r57_actor_create(db, "mgr-hn", "x", "X"));
    FAILS(R57_EPERM, "actor 'hn-admin' may not create data element 'e1': that needs the "
                     "administrator role system-wide",
          r57_element_create(db, "hn-admin", "e1", "E1", NULL, R57_AGG_SUM));
    OK(r57_element_create(db, "admin", "e1", "E1", NULL, R57_AGG_SUM));
    r57_close(db);
}
END_TEST

/* Names and texts longer than the buffers messages were once built in
 * (a task's name 299 bytes, a right 299-399, a product 120, a hash 80)
 * are quoted whole, never cut, and never inside a character: the ref is
 * 200 × "Ư" (2 bytes each), so the old 299-byte name ended mid-character. */
START_TEST(test_messages__quote_long_names_whole)
{
    r57_db *db = people(":memory:");
    char ref[401] = "", product[601] = "", sha[101], msg[4096];
    for (int i = 0; i < 200; i++)
        strcat(ref, "\xc6\xaf");
    for (int i = 0; i < 200; i++)
        strcat(product, "\xe1\xbb\xa9"); /* "ứ", 3 bytes */
    memset(sha, 'g', 100);
    sha[100] = '\0';
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = ref;
    s.owner_unit = "MOJ";
    s.product = product;
    snprintf(msg, sizeof msg, "actor 'mgr-hn' may not assign task '%s' of '07-TB/CQTTBCD': that "
             "needs the manager role in unit 'MOJ' or above", ref);
    FAILS(R57_EPERM, msg, r57_task_create(NULL, db, "mgr-hn", &s));
    s.owner_unit = "HN-BD";
    r57_task *t;
    OK(r57_task_create(&t, db, "mgr-hn", &s));
    snprintf(msg, sizeof msg, "actor 'rep-moit' may not change the status of task '%s' of "
             "'07-TB/CQTTBCD': that needs the reporter or manager role in unit 'HN-BD' or above",
             ref);
    FAILS(R57_EPERM, msg,
          r57_task_set_status(db, "rep-moit", t, R57_STATUS_IN_PROGRESS, R57_DATE_NONE));
    snprintf(msg, sizeof msg, "actor 'mgr-hn' may not hand task '%s' of '07-TB/CQTTBCD' to unit "
             "'MOJ': that needs the manager role in unit 'MOJ' or above", ref);
    FAILS(R57_EPERM, msg, r57_task_update(db, "mgr-hn", t, R57_FIELD_OWNER_UNIT, "MOJ"));
    OK(r57_task_set_status(db, "rep-bd", t, R57_STATUS_IN_PROGRESS, R57_DATE_NONE));
    OK(r57_task_set_status(db, "rep-bd", t, R57_STATUS_SUBMITTED, R57_DATE_NONE));
    snprintf(msg, sizeof msg, "task '%s' of '07-TB/CQTTBCD' cannot be done: it has no verified "
             "evidence of its product ('%s'); submit evidence and have it verified (or the "
             "document must relax the rule for one-off tasks)", ref, product);
    FAILS(R57_ESTATE, msg, r57_task_set_status(db, "mgr-hn", t, R57_STATUS_DONE, R57_DATE_NONE));
    r57_evidence_spec e = R57_EVIDENCE_SPEC_INIT;
    e.kind = R57_EVIDENCE_FILE;
    e.title = "the list";
    e.sha256 = sha;
    snprintf(msg, sizeof msg, "file evidence for task '%s' of '07-TB/CQTTBCD': sha256 '%s' is "
             "not a SHA-256 (64 hex digits)", ref, sha);
    int64_t id;
    FAILS(R57_EINVAL, msg, r57_evidence_submit(&id, db, "rep-bd", t, &e));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_access__managers_assign_change_and_cancel_in_their_tree)
{
    r57_db *db = people(":memory:");
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "T9";
    s.owner_unit = "HN-BD";
    OK(r57_task_create(NULL, db, "mgr-hn", &s));
    s.ref = "T10";
    s.owner_unit = "MOJ";
    FAILS(R57_EPERM, "actor 'mgr-hn' may not assign task 'T10' of '07-TB/CQTTBCD': that needs "
                     "the manager role in unit 'MOJ' or above",
          r57_task_create(NULL, db, "mgr-hn", &s));
    r57_task *t = task(db, "T9");
    OK(r57_task_update(db, "mgr-hn", t, R57_FIELD_PRODUCT, "a decision"));
    FAILS(R57_EPERM, "actor 'rep-bd' may not change task 'T9' of '07-TB/CQTTBCD': that needs the "
                     "manager role in unit 'HN-BD' or above",
          r57_task_update(db, "rep-bd", t, R57_FIELD_PRODUCT, "nothing"));
    FAILS(R57_EPERM, "actor 'mgr-hn' may not hand task 'T9' of '07-TB/CQTTBCD' to unit 'MOJ': "
                     "that needs the manager role in unit 'MOJ' or above",
          r57_task_update(db, "mgr-hn", t, R57_FIELD_OWNER_UNIT, "MOJ"));
    FAILS(R57_EPERM, "actor 'rep-bd' may not cancel task 'T9' of '07-TB/CQTTBCD': that needs the "
                     "manager role in unit 'HN-BD' or above",
          r57_task_set_status(db, "rep-bd", t, R57_STATUS_CANCELLED, R57_DATE_NONE));
    OK(r57_task_set_status(db, "mgr-hn", t, R57_STATUS_CANCELLED, R57_DATE_NONE));
    FAILS(R57_EPERM, "actor 'rep-bd' may not record document 'D2': that needs the manager role "
                     "in any unit",
          r57_document_create(db, "rep-bd", "D2", R57_DOC_PLAN, R57_DATE_NONE, NULL, NULL));
    OK(r57_document_create(db, "mgr-hn", "D2", R57_DOC_PLAN, R57_DATE_NONE, NULL, NULL));
    r57_task_free(t);
    r57_close(db);
}
END_TEST

START_TEST(test_access__reporters_report_and_submit_for_their_units)
{
    r57_db *db = people(":memory:");
    r57_task *t1 = task(db, "T1"), *t2 = task(db, "T2");
    int64_t id;
    OK(r57_progress_report(&id, db, "rep-bd", t1, 40, "half the procedures", D("2025-11-01"), NULL));
    OK(r57_progress_report(&id, db, "rep-hn", t1, 50, NULL, D("2025-11-02"), NULL));
    FAILS(R57_EPERM, "actor 'rep-moit' may not report progress on task 'T1' of '07-TB/CQTTBCD': "
                     "that needs the reporter role in unit 'HN-BD' or above",
          r57_progress_report(&id, db, "rep-moit", t1, 40, NULL, R57_DATE_NONE, NULL));
    r57_evidence_spec e = link_spec("Ward portal");
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    FAILS(R57_EPERM, "actor 'rep-bd' may not submit evidence for task 'T2' of '07-TB/CQTTBCD': "
                     "that needs the reporter role in unit 'MOIT-ECOM' or above",
          r57_evidence_submit(&id, db, "rep-bd", t2, &e));
    FAILS(R57_EPERM, "actor 'audit' may not submit evidence for task 'T1' of '07-TB/CQTTBCD': "
                     "that needs the reporter role in unit 'HN-BD' or above",
          r57_evidence_submit(&id, db, "audit", t1, &e));
    OK(r57_element_create(db, "admin", "procedures_total", "Procedures", NULL, R57_AGG_SUM));
    OK(r57_value_set(db, "rep-bd", "procedures_total", "HN-BD", "2025", 120, NULL));
    FAILS(R57_EPERM, "actor 'rep-bd' may not report 'procedures_total' for unit 'HN': that needs "
                     "the reporter role in unit 'HN' or above",
          r57_value_set(db, "rep-bd", "procedures_total", "HN", "2025", 120, NULL));
    r57_task_free(t1);
    r57_task_free(t2);
    r57_close(db);
}
END_TEST

START_TEST(test_access__verifiers_hold_authority_or_stand_above_the_owner)
{
    r57_db *db = people(":memory:");
    r57_task *t1 = task(db, "T1"), *t2 = task(db, "T2");
    int64_t a, b, c, d;
    r57_evidence_spec e = link_spec("Ward portal");
    OK(r57_evidence_submit(&a, db, "rep-bd", t1, &e));
    OK(r57_evidence_submit(&b, db, "rep-bd", t1, &e));
    OK(r57_evidence_submit(&c, db, "both", t1, &e));
    OK(r57_evidence_submit(&d, db, "rep-moit", t2, &e));
    OK(r57_evidence_verify(db, "ver-moj", a)); /* the task's authority */
    OK(r57_evidence_reject(db, "ver-hn", b, "the link shows last year's list")); /* above owner */
    FAILS(R57_EPERM, "actor 'ver-bd' may not verify evidence 3 of task 'T1' of '07-TB/CQTTBCD': "
                     "that needs the verifier role in unit 'MOJ' (its authority) or above, or "
                     "above unit 'HN-BD' (its owner)",
          r57_evidence_verify(db, "ver-bd", c));
    FAILS(R57_EPERM, "actor 'both' may not verify evidence 3 of task 'T1' of '07-TB/CQTTBCD': "
                     "they submitted it themselves",
          r57_evidence_verify(db, "both", c));
    FAILS(R57_EPERM, "actor 'both' may not reject evidence 3 of task 'T1' of '07-TB/CQTTBCD': "
                     "they submitted it themselves",
          r57_evidence_reject(db, "both", c, "no"));
    FAILS(R57_EPERM, "actor 'ver-moj' may not verify evidence 4 of task 'T2' of '07-TB/CQTTBCD': "
                     "that needs the verifier role above unit 'MOIT-ECOM' (its owner)",
          r57_evidence_verify(db, "ver-moj", d));
    FAILS(R57_ESTATE, "evidence 1 of task 'T1' of '07-TB/CQTTBCD' was verified already by 'ver-moj'",
          r57_evidence_reject(db, "ver-hn", a, "changed my mind"));
    FAILS(R57_EINVAL, "rejecting evidence 3: a reason is required", r57_evidence_reject(db, "ver-hn", c, " "));
    FAILS(R57_ENOTFOUND, "no evidence 99", r57_evidence_verify(db, "ver-hn", 99));

    r57_evidence *ev;
    OK(r57_evidence_get(&ev, db, b));
    ck_assert_int_eq(r57_evidence_status(ev), R57_EVIDENCE_REJECTED);
    ck_assert_str_eq(r57_evidence_decided_by(ev), "ver-hn");
    ck_assert_str_eq(r57_evidence_reason(ev), "the link shows last year's list");
    ck_assert_str_eq(r57_evidence_submitted_by(ev), "rep-bd");
    ck_assert_ptr_nonnull(r57_evidence_decided_at(ev));
    r57_evidence_free(ev);
    r57_task_free(t1);
    r57_task_free(t2);
    r57_close(db);
}
END_TEST

START_TEST(test_access__refused_calls_change_nothing_journal_included)
{
    char path[512];
    temp_path(path, sizeof path, "refused.r57");
    remove(path);
    r57_db *db = people(path);
    r57_task *t1 = task(db, "T1");
    int64_t id;
    r57_evidence_spec e = link_spec("Ward portal");
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    char *before = dump_file(path);
    ck_assert_int_eq(r57_evidence_verify(db, "rep-bd", id), R57_EPERM);
    ck_assert_int_eq(r57_evidence_submit(NULL, db, "audit", t1, &e), R57_EPERM);
    ck_assert_int_eq(r57_progress_report(NULL, db, "ver-hn", t1, 10, NULL, R57_DATE_NONE, NULL), R57_EPERM);
    ck_assert_int_eq(r57_task_set_status(db, "audit", t1, R57_STATUS_IN_PROGRESS, R57_DATE_NONE), R57_EPERM);
    ck_assert_int_eq(r57_actor_grant(db, "rep-bd", "rep-bd", R57_ROLE_VERIFIER, "HN"), R57_EPERM);
    /* Inside a caller's transaction too. */
    OK(r57_db_begin(db));
    ck_assert_int_eq(r57_evidence_verify(db, "both", id), R57_OK);
    ck_assert_int_eq(r57_evidence_verify(db, "ver-hn", id), R57_ESTATE);
    OK(r57_db_rollback(db));
    char *after = dump_file(path);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    r57_task_free(t1);
    r57_close(db);
    remove(path);
}
END_TEST

/* ---- evidence records and bad input ------------------------------------- */

START_TEST(test_evidence__kinds_files_and_bad_input)
{
    r57_db *db = people(":memory:");
    r57_task *t1 = task(db, "T1");
    int64_t id;
    char path[512];
    temp_path(path, sizeof path, "minutes.txt");
    FILE *f = fopen(path, "wb");
    fputs("abc", f);
    fclose(f);

    r57_evidence_spec e = R57_EVIDENCE_SPEC_INIT;
    e.kind = R57_EVIDENCE_FILE;
    e.title = "Signed minutes";
    e.path = path;
    e.media_type = "text/plain";
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    r57_evidence *ev;
    OK(r57_evidence_get(&ev, db, id));
    ck_assert_str_eq(r57_evidence_sha256(ev), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ck_assert_int_eq(r57_evidence_size(ev), 3);
    ck_assert_str_eq(r57_evidence_uri(ev), path);
    ck_assert_str_eq(r57_evidence_kind_name(r57_evidence_kind(ev)), "file");
    ck_assert_str_eq(r57_evidence_document(ev), "07-TB/CQTTBCD");
    ck_assert_str_eq(r57_evidence_ref(ev), "T1");
    ck_assert_int_eq(r57_evidence_status(ev), R57_EVIDENCE_SUBMITTED);
    ck_assert_ptr_null(r57_evidence_decided_by(ev));
    r57_evidence_free(ev);

    bool matches = false;
    OK(r57_evidence_recheck(&matches, db, id, NULL));
    ck_assert_int_eq(matches, 1);
    f = fopen(path, "wb");
    fputs("abd", f);
    fclose(f);
    OK(r57_evidence_recheck(&matches, db, id, NULL));
    ck_assert_int_eq(matches, 0);
    ck_assert_ptr_nonnull(strstr(r57_error_message(r57_error_last()), "no longer matches"));
    remove(path);
    ck_assert_int_eq(r57_evidence_recheck(&matches, db, id, NULL), R57_EIO);

    /* Bytes from memory, and a hash computed elsewhere. */
    e.path = NULL;
    e.data = "abc";
    e.size = 3;
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    e.data = NULL;
    e.sha256 = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    OK(r57_evidence_get(&ev, db, id));
    ck_assert_str_eq(r57_evidence_sha256(ev), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    r57_evidence_free(ev);

    e.sha256 = "ba7816bf";
    FAILS(R57_EINVAL, "file evidence for task 'T1' of '07-TB/CQTTBCD': sha256 'ba7816bf' is not "
                      "a SHA-256 (64 hex digits)",
          r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    e.sha256 = "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    ck_assert_int_eq(r57_evidence_submit(&id, db, "rep-bd", t1, &e), R57_EINVAL);
    e.sha256 = NULL;
    e.path = "/nonexistent/r57/scan.pdf";
    FAILS(R57_EIO, "cannot open file '/nonexistent/r57/scan.pdf': No such file or directory",
          r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    e.path = NULL;
    FAILS(R57_EINVAL, "file evidence for task 'T1' of '07-TB/CQTTBCD': give exactly one of path, "
                      "data or sha256 (0 given)",
          r57_evidence_submit(&id, db, "rep-bd", t1, &e));

    r57_evidence_spec d = R57_EVIDENCE_SPEC_INIT;
    d.title = "Decision on the ward's procedures";
    d.document_number = "12/QD-UBND";
    d.document_issuer = "Ba Dinh People's Committee";
    FAILS(R57_EINVAL, "document evidence for task 'T1' of '07-TB/CQTTBCD': the document's date is missing",
          r57_evidence_submit(&id, db, "rep-bd", t1, &d));
    d.document_date = D("2025-11-20");
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &d));
    d.kind = R57_EVIDENCE_MINUTES;
    FAILS(R57_EINVAL, "minutes evidence for task 'T1' of '07-TB/CQTTBCD': document number, date "
                      "and issuer belong to document evidence",
          r57_evidence_submit(&id, db, "rep-bd", t1, &d));
    r57_evidence_spec l = link_spec(NULL);
    FAILS(R57_EINVAL, "evidence for task 'T1' of '07-TB/CQTTBCD': the title is missing",
          r57_evidence_submit(&id, db, "rep-bd", t1, &l));
    l.title = "x";
    l.uri = NULL;
    l.kind = R57_EVIDENCE_DATASET;
    FAILS(R57_EINVAL, "dataset evidence for task 'T1' of '07-TB/CQTTBCD': the uri is missing",
          r57_evidence_submit(&id, db, "rep-bd", t1, &l));
    l.uri = "https://data.gov.vn/x";
    l.progress = 999;
    FAILS(R57_ENOTFOUND, "no progress report 999", r57_evidence_submit(&id, db, "rep-bd", t1, &l));

    /* Evidence for a task that does not exist cannot even be asked for. */
    r57_task *none = NULL;
    FAILS(R57_ENOTFOUND, "document '07-TB/CQTTBCD' has no task 'T404'",
          r57_task_get(&none, db, "07-TB/CQTTBCD", "T404"));

    /* The task's evidence, in order. */
    r57_evidence_iterator *it;
    int n = 0;
    OK(r57_evidence_iterator_new(&it, db, t1));
    while (r57_evidence_next(&ev, it) == R57_OK) {
        n++;
        r57_evidence_free(ev);
    }
    r57_evidence_iterator_free(it);
    ck_assert_int_eq(n, 4);
    r57_task_free(t1);
    r57_close(db);
}
END_TEST

/* ---- brought to a result ----------------------------------------------- */

START_TEST(test_done__needs_verified_evidence_of_the_product)
{
    r57_db *db = people(":memory:");
    r57_task *t1 = task(db, "T1");
    int64_t id, not_product;
    OK(r57_task_set_status(db, "rep-bd", t1, R57_STATUS_IN_PROGRESS, D("2025-11-01")));
    OK(r57_task_set_status(db, "rep-bd", t1, R57_STATUS_SUBMITTED, D("2025-11-20")));
    const char *msg = "task 'T1' of '07-TB/CQTTBCD' cannot be done: it has no verified evidence "
                      "of its product ('ward procedures published online'); submit evidence and "
                      "have it verified (or the document must relax the rule for one-off tasks)";
    FAILS(R57_ESTATE, msg, r57_task_set_status(db, "mgr-hn", t1, R57_STATUS_DONE, D("2025-11-21")));
    r57_evidence_spec e = link_spec("Ward portal");
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    e.product = 0;
    OK(r57_evidence_submit(&not_product, db, "rep-bd", t1, &e));
    OK(r57_evidence_verify(db, "ver-hn", not_product));
    /* Submitted only, or verified but not of the product: still not done. */
    FAILS(R57_ESTATE, msg, r57_task_set_status(db, "mgr-hn", t1, R57_STATUS_DONE, D("2025-11-21")));
    OK(r57_evidence_reject(db, "ver-moj", id, "the page is empty"));
    FAILS(R57_ESTATE, msg, r57_task_set_status(db, "mgr-hn", t1, R57_STATUS_DONE, D("2025-11-21")));
    e.product = 1;
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    OK(r57_evidence_verify(db, "ver-moj", id));
    OK(r57_task_set_status(db, "mgr-hn", t1, R57_STATUS_DONE, D("2025-11-21")));
    ck_assert_int_eq(r57_task_status(t1), R57_STATUS_DONE);
    FAILS(R57_ESTATE, "task 'T1' of '07-TB/CQTTBCD' is done: no more evidence can be submitted",
          r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    r57_task_free(t1);
    r57_close(db);
}
END_TEST

START_TEST(test_done__a_document_may_relax_the_rule_per_kind_of_task)
{
    r57_db *db = people(":memory:");
    bool required = false;
    OK(r57_document_evidence_rule(&required, db, "07-TB/CQTTBCD", R57_TASK_KIND_ONE_OFF));
    ck_assert_int_eq(required, 1);
    FAILS(R57_EPERM, "actor 'rep-bd' may not set the evidence rule of document '07-TB/CQTTBCD': "
                     "that needs the manager role in any unit",
          r57_document_set_evidence_rule(db, "rep-bd", "07-TB/CQTTBCD", R57_TASK_KIND_ONE_OFF, 0));
    FAILS(R57_ENOTFOUND, "unknown document '99/TB'",
          r57_document_set_evidence_rule(db, "mgr-hn", "99/TB", R57_TASK_KIND_ONE_OFF, 0));
    FAILS(R57_EINVAL, "document '07-TB/CQTTBCD': 5 is not a task kind (one-off 0, regular 1)",
          r57_document_set_evidence_rule(db, "mgr-hn", "07-TB/CQTTBCD", 5, 0));
    OK(r57_document_set_evidence_rule(db, "mgr-hn", "07-TB/CQTTBCD", R57_TASK_KIND_ONE_OFF, 0));
    OK(r57_document_evidence_rule(&required, db, "07-TB/CQTTBCD", R57_TASK_KIND_ONE_OFF));
    ck_assert_int_eq(required, 0);
    OK(r57_document_evidence_rule(&required, db, "07-TB/CQTTBCD", R57_TASK_KIND_REGULAR));
    ck_assert_int_eq(required, 1);
    r57_task *t1 = task(db, "T1");
    OK(r57_task_set_status(db, "rep-bd", t1, R57_STATUS_IN_PROGRESS, D("2025-11-01")));
    OK(r57_task_set_status(db, "rep-bd", t1, R57_STATUS_SUBMITTED, D("2025-11-20")));
    OK(r57_task_set_status(db, "mgr-hn", t1, R57_STATUS_DONE, D("2025-11-21")));
    /* The setting is on the record. */
    r57_journal_iterator *it;
    r57_journal_entry *e;
    OK(r57_journal_iterator_new(&it, db, "document", "07-TB/CQTTBCD"));
    OK(r57_journal_next(&e, it));
    ck_assert_str_eq(r57_journal_entry_action(e), "create");
    r57_journal_entry_free(e);
    OK(r57_journal_next(&e, it));
    ck_assert_str_eq(r57_journal_entry_action(e), "evidence_rule");
    ck_assert_str_eq(r57_journal_entry_actor(e), "mgr-hn");
    ck_assert_str_eq(r57_journal_entry_old(e), "{\"one_off_evidence_required\":true}");
    ck_assert_str_eq(r57_journal_entry_new(e), "{\"one_off_evidence_required\":false}");
    r57_journal_entry_free(e);
    ck_assert_int_eq(r57_journal_next(&e, it), R57_ITEROVER);
    r57_journal_iterator_free(it);
    r57_task_free(t1);
    r57_close(db);
}
END_TEST

START_TEST(test_done__regular_instances_need_evidence_for_their_period)
{
    r57_db *db = people(":memory:");
    r57_task *t3 = task(db, "T3");
    int64_t p, id;
    FAILS(R57_EINVAL, "progress on task 'T3' of '07-TB/CQTTBCD': the task is regular; say which "
                      "month is reported",
          r57_progress_report(&p, db, "rep-bd", t3, 100, NULL, D("2025-11-02"), NULL));
    FAILS(R57_EINVAL, "progress on task 'T3' of '07-TB/CQTTBCD': period '2025Q4' is not a month "
                      "(the task is monthly)",
          r57_progress_report(&p, db, "rep-bd", t3, 100, NULL, D("2025-11-02"), "2025Q4"));
    FAILS(R57_EINVAL, "progress on task 'T3' of '07-TB/CQTTBCD': percent 101 is not between 0 and 100",
          r57_progress_report(&p, db, "rep-bd", t3, 101, NULL, D("2025-11-02"), "2025-10"));
    OK(r57_progress_report(&p, db, "rep-bd", t3, 100, "October report", D("2025-11-02"), "2025-10"));
    r57_evidence_spec e = link_spec("October report");
    e.progress = p;
    OK(r57_evidence_submit(&id, db, "rep-bd", t3, &e));
    OK(r57_evidence_verify(db, "ver-hn", id));
    OK(r57_task_instance_done(db, "rep-bd", t3, D("2025-10-15"), D("2025-11-02")));
    FAILS(R57_ESTATE, "task 'T3' of '07-TB/CQTTBCD' cannot be marked done for 2025-11: no "
                      "verified evidence of its product ('ward procedures published online') "
                      "supports a progress report of that month; submit evidence with the report "
                      "and have it verified",
          r57_task_instance_done(db, "rep-bd", t3, D("2025-11-15"), D("2025-12-02")));

    r57_progress *pr;
    OK(r57_progress_get(&pr, db, p));
    ck_assert_int_eq(r57_progress_percent(pr), 100);
    ck_assert_str_eq(r57_progress_narrative(pr), "October report");
    ck_assert_str_eq(r57_progress_reported_by(pr), "rep-bd");
    ck_assert_int_eq(r57_progress_date(pr), D("2025-11-02"));
    int64_t oct;
    OK(r57_period_parse(&oct, "2025-10"));
    ck_assert_int_eq(r57_progress_period(pr), oct);
    r57_progress_free(pr);

    r57_task *t1 = task(db, "T1");
    FAILS(R57_EINVAL, "progress on task 'T1' of '07-TB/CQTTBCD': period '2025-10' given, but the "
                      "task is not regular",
          r57_progress_report(&p, db, "rep-bd", t1, 10, NULL, R57_DATE_NONE, "2025-10"));
    e.progress = p; /* a report of T3 */
    FAILS(R57_EINVAL, "evidence for task 'T1' of '07-TB/CQTTBCD': progress report 1 is of task "
                      "'T3' of '07-TB/CQTTBCD'",
          r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    r57_task_free(t1);
    r57_task_free(t3);
    r57_close(db);
}
END_TEST

START_TEST(test_done__half_yearly_progress_names_a_half_year)
{
    r57_db *db = people(":memory:");
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "T4";
    s.owner_unit = "HN-BD";
    s.product = "ward procedures published online";
    s.deadline = "định kỳ 6 tháng";
    OK(r57_task_create(NULL, db, "mgr-hn", &s));
    r57_task *t4 = task(db, "T4");
    int64_t p;
    FAILS(R57_EINVAL, "progress on task 'T4' of '07-TB/CQTTBCD': the task is regular; say which "
                      "half-year is reported",
          r57_progress_report(&p, db, "rep-bd", t4, 100, NULL, D("2025-11-02"), NULL));
    FAILS(R57_EINVAL, "progress on task 'T4' of '07-TB/CQTTBCD': period '2025Q4' is not a "
                      "half-year (the task is half_yearly)",
          r57_progress_report(&p, db, "rep-bd", t4, 100, NULL, D("2025-11-02"), "2025Q4"));
    OK(r57_progress_report(&p, db, "rep-bd", t4, 100, NULL, D("2026-01-02"), "2025H2"));
    r57_progress *pr;
    OK(r57_progress_get(&pr, db, p));
    int64_t h2;
    OK(r57_period_from_half(&h2, 2025, 2));
    ck_assert_int_eq(r57_progress_period(pr), h2);
    r57_progress_free(pr);
    r57_task_free(t4);
    r57_close(db);
}
END_TEST

START_TEST(test_done__half_yearly_instance_needs_evidence_for_its_half_year)
{
    r57_db *db = people(":memory:");
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "T4";
    s.owner_unit = "HN-BD";
    s.product = "ward procedures published online";
    s.deadline = "semi-annually";
    OK(r57_task_create(NULL, db, "mgr-hn", &s));
    r57_task *t4 = task(db, "T4");
    int64_t p, id;
    OK(r57_progress_report(&p, db, "rep-bd", t4, 100, NULL, D("2026-01-02"), "2025H2"));
    r57_evidence_spec e = link_spec("Second half of 2025");
    e.progress = p;
    OK(r57_evidence_submit(&id, db, "rep-bd", t4, &e));
    OK(r57_evidence_verify(db, "ver-hn", id));
    OK(r57_task_instance_done(db, "rep-bd", t4, D("2025-08-15"), D("2026-01-02")));
    FAILS(R57_ESTATE, "task 'T4' of '07-TB/CQTTBCD' cannot be marked done for 2026H1: no "
                      "verified evidence of its product ('ward procedures published online') "
                      "supports a progress report of that half-year; submit evidence with the "
                      "report and have it verified",
          r57_task_instance_done(db, "rep-bd", t4, D("2026-03-01"), D("2026-07-02")));
    r57_task_free(t4);
    r57_close(db);
}
END_TEST

/* ---- the journal's chain ----------------------------------------------- */

static void sql(const char *path, const char *statements)
{
    sqlite3 *sq;
    char *err = NULL;
    ck_assert_int_eq(sqlite3_open(path, &sq), SQLITE_OK);
    int rc = sqlite3_exec(sq, statements, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", statements, err ? err : "");
    sqlite3_close(sq);
}

/* A file with a dozen journal entries; returns the head of its chain. */
static void journal_file(const char *path, char head[R57_SHA256_HEX_SIZE])
{
    remove(path);
    r57_db *db = people(path);
    r57_journal_report *r;
    OK(r57_journal_verify(&r, db, NULL));
    ck_assert_int_eq(r57_journal_report_problem(r), R57_JOURNAL_INTACT);
    ck_assert_int_ge(r57_journal_report_entries(r), 12);
    ck_assert_str_eq(r57_journal_report_message(r), "the journal is intact");
    snprintf(head, R57_SHA256_HEX_SIZE, "%s", r57_journal_report_head(r));
    ck_assert_uint_eq(strlen(head), 64);
    r57_journal_report_free(r);
    r57_close(db);
}

static r57_journal_report *verify(const char *path, const char *anchor)
{
    r57_db *db;
    r57_journal_report *r;
    OK(r57_open(&db, path, NULL));
    OK(r57_journal_verify(&r, db, anchor));
    r57_close(db);
    return r;
}

static void expect(const char *path, const char *anchor, int problem, int64_t seq, const char *msg)
{
    r57_journal_report *r = verify(path, anchor);
    ck_assert_str_eq(r57_journal_problem_name(r57_journal_report_problem(r)),
                     r57_journal_problem_name(problem));
    ck_assert_int_eq(r57_journal_report_seq(r), seq);
    ck_assert_str_eq(r57_journal_report_message(r), msg);
    r57_journal_report_free(r);
}

START_TEST(test_journal__edited_entry)
{
    char path[512], head[R57_SHA256_HEX_SIZE];
    temp_path(path, sizeof path, "journal-edit.r57");
    journal_file(path, head);
    sql(path, "UPDATE journal SET actor = 'someone-else' WHERE seq = 5");
    expect(path, NULL, R57_JOURNAL_EDITED, 5,
           "journal entry 5 was edited: its content no longer matches its hash");
    remove(path);
}
END_TEST

START_TEST(test_journal__deleted_entry)
{
    char path[512], head[R57_SHA256_HEX_SIZE];
    temp_path(path, sizeof path, "journal-delete.r57");
    journal_file(path, head);
    sql(path, "DELETE FROM journal WHERE seq = 5");
    expect(path, NULL, R57_JOURNAL_DELETED, 6,
           "the journal entry before entry 6 was deleted: entry 6 is chained to an entry that is gone");
    remove(path);
}
END_TEST

START_TEST(test_journal__inserted_entry)
{
    char path[512], head[R57_SHA256_HEX_SIZE];
    temp_path(path, sizeof path, "journal-insert.r57");
    journal_file(path, head);
    /* Make room after entry 4 and put a plausible entry there, chained to
     * entry 4 with a hash of the forger's own making. */
    sql(path, "UPDATE journal SET seq = -seq WHERE seq >= 5;"
              "UPDATE journal SET seq = 1 - seq WHERE seq < 0;"
              "INSERT INTO journal (seq, at, actor, object, object_key, action, old, new, prev_hash, hash)"
              " SELECT 5, at, 'forger', 'task', '07-TB/CQTTBCD#T1', 'status', NULL, '{\"status\":\"done\"}',"
              " hash, hex(randomblob(32)) FROM journal WHERE seq = 4");
    expect(path, NULL, R57_JOURNAL_INSERTED, 5,
           "journal entry 5 was not written by libr57: the entry after it is chained to entry 4, "
           "before it (an entry was inserted)");
    remove(path);
}
END_TEST

START_TEST(test_journal__reordered_entries)
{
    char path[512], head[R57_SHA256_HEX_SIZE];
    temp_path(path, sizeof path, "journal-reorder.r57");
    journal_file(path, head);
    sql(path, "UPDATE journal SET seq = -1 WHERE seq = 5;"
              "UPDATE journal SET seq = 5 WHERE seq = 6;"
              "UPDATE journal SET seq = 6 WHERE seq = -1");
    expect(path, NULL, R57_JOURNAL_REORDERED, 5,
           "journal entry 5 is out of order: it was chained to entry 6, which is elsewhere now");
    remove(path);
}
END_TEST

START_TEST(test_journal__anchor_catches_a_rewritten_tail)
{
    char path[512], head[R57_SHA256_HEX_SIZE];
    temp_path(path, sizeof path, "journal-anchor.r57");
    journal_file(path, head);
    r57_journal_report *r = verify(path, head);
    ck_assert_int_eq(r57_journal_report_problem(r), R57_JOURNAL_INTACT);
    r57_journal_report_free(r);
    /* Dropping the last entry leaves a sound chain; only the anchor knows. */
    sql(path, "DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)");
    r = verify(path, NULL);
    ck_assert_int_eq(r57_journal_report_problem(r), R57_JOURNAL_INTACT);
    r57_journal_report_free(r);
    r = verify(path, head);
    ck_assert_int_eq(r57_journal_report_problem(r), R57_JOURNAL_UNANCHORED);
    ck_assert_ptr_nonnull(strstr(r57_journal_report_message(r), head));
    r57_journal_report_free(r);
    r57_db *db;
    OK(r57_open(&db, path, NULL));
    FAILS(R57_EINVAL, "anchor 'abc' is not a SHA-256 (64 hex digits)",
          r57_journal_verify(&r, db, "abc"));
    /* A long wrong anchor is quoted whole (it was cut at 80 bytes). */
    char longer[101], want[160];
    memset(longer, 'a', 100);
    longer[100] = '\0';
    snprintf(want, sizeof want, "anchor '%s' is not a SHA-256 (64 hex digits)", longer);
    FAILS(R57_EINVAL, want, r57_journal_verify(&r, db, longer));
    r57_close(db);
    remove(path);
}
END_TEST

START_TEST(test_journal__records_every_kind_of_change)
{
    r57_db *db = people(":memory:");
    r57_task *t1 = task(db, "T1");
    int64_t p, id;
    OK(r57_progress_report(&p, db, "rep-bd", t1, 30, NULL, D("2025-11-01"), NULL));
    r57_evidence_spec e = link_spec("Ward portal");
    OK(r57_evidence_submit(&id, db, "rep-bd", t1, &e));
    OK(r57_evidence_verify(db, "ver-hn", id));
    r57_journal_iterator *it;
    r57_journal_entry *j;
    char seen[2048] = "";
    OK(r57_journal_iterator_new(&it, db, NULL, NULL));
    while (r57_journal_next(&j, it) == R57_OK) {
        char one[128];
        snprintf(one, sizeof one, "%s.%s ", r57_journal_entry_object(j), r57_journal_entry_action(j));
        if (!strstr(seen, one))
            strncat(seen, one, sizeof seen - strlen(seen) - 1);
        ck_assert_uint_eq(strlen(r57_journal_entry_hash(j)), 64);
        r57_journal_entry_free(j);
    }
    r57_journal_iterator_free(it);
    ck_assert_str_eq(seen, "unit.create document.create task.create actor.create actor.grant "
                           "progress.create evidence.submit evidence.verify ");
    r57_task_free(t1);
    r57_close(db);
}
END_TEST

/* Inside a transaction the handle remembers the journal's head and the
 * setup mode; a rollback, a refused call or a new administrator must not
 * leave it remembering wrong. */
START_TEST(test_journal__chain_holds_across_transactions_and_rollbacks)
{
    char path[512];
    temp_path(path, sizeof path, "journal-txn.r57");
    remove(path);
    r57_db *db;
    OK(r57_open(&db, path, NULL));
    OK(r57_db_begin(db));
    OK(r57_unit_create(db, "a", "VN", "Viet Nam", R57_UNIT_NATION, NULL));
    OK(r57_unit_create(db, "a", "HN", "Ha Noi", R57_UNIT_PROVINCE, "VN"));
    OK(r57_db_rollback(db));
    OK(r57_db_begin(db));
    OK(r57_unit_create(db, "a", "VN", "Viet Nam", R57_UNIT_NATION, NULL));
    ck_assert_int_eq(r57_unit_create(db, "a", "VN", "again", R57_UNIT_NATION, NULL), R57_EEXISTS);
    OK(r57_actor_create(db, "a", "root", "Root"));
    OK(r57_actor_grant(db, "a", "root", R57_ROLE_ADMINISTRATOR, NULL));
    /* Setup mode ended inside the transaction: "a" is refused at once. */
    ck_assert_int_eq(r57_unit_create(db, "a", "HN", "Ha Noi", R57_UNIT_PROVINCE, "VN"), R57_EPERM);
    OK(r57_unit_create(db, "root", "HN", "Ha Noi", R57_UNIT_PROVINCE, "VN"));
    OK(r57_db_commit(db));
    OK(r57_unit_create(db, "root", "HN-BD", "Ba Dinh", R57_UNIT_COMMUNE, "HN"));
    r57_journal_report *r;
    OK(r57_journal_verify(&r, db, NULL));
    ck_assert_str_eq(r57_journal_report_message(r), "the journal is intact");
    ck_assert_int_eq(r57_journal_report_entries(r), 5);
    r57_journal_report_free(r);
    r57_close(db);
    remove(path);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("evidence");
    TCase *tc = tcase_create("evidence");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sha256__published_vectors);
    tcase_add_test(tc, test_messages__quote_long_names_whole);
    tcase_add_test(tc, test_actors__setup_mode_ends_with_the_first_administrator);
    tcase_add_test(tc, test_access__administrators_manage_units_and_actors_in_their_tree);
    tcase_add_test(tc, test_access__managers_assign_change_and_cancel_in_their_tree);
    tcase_add_test(tc, test_access__reporters_report_and_submit_for_their_units);
    tcase_add_test(tc, test_access__verifiers_hold_authority_or_stand_above_the_owner);
    tcase_add_test(tc, test_access__refused_calls_change_nothing_journal_included);
    tcase_add_test(tc, test_evidence__kinds_files_and_bad_input);
    tcase_add_test(tc, test_done__needs_verified_evidence_of_the_product);
    tcase_add_test(tc, test_done__a_document_may_relax_the_rule_per_kind_of_task);
    tcase_add_test(tc, test_done__regular_instances_need_evidence_for_their_period);
    tcase_add_test(tc, test_done__half_yearly_progress_names_a_half_year);
    tcase_add_test(tc, test_done__half_yearly_instance_needs_evidence_for_its_half_year);
    tcase_add_test(tc, test_journal__edited_entry);
    tcase_add_test(tc, test_journal__deleted_entry);
    tcase_add_test(tc, test_journal__inserted_entry);
    tcase_add_test(tc, test_journal__reordered_entries);
    tcase_add_test(tc, test_journal__anchor_catches_a_rewritten_tail);
    tcase_add_test(tc, test_journal__records_every_kind_of_change);
    tcase_add_test(tc, test_journal__chain_holds_across_transactions_and_rollbacks);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
