/* The registry of units: loading it, its names, communes from a sheet,
 * lookups by any name in any normalisation, and what a text names. */
#include "helpers.h"

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static r57_db *registry(void)
{
    r57_db *db = open_memory();
    r57_import_report *rep;
    OK(r57_unit_registry_load(&rep, db, "admin", NULL));
    ck_assert_uint_eq(r57_import_report_units(rep), 87);
    r57_import_report_free(rep);
    return db;
}

/* A text and what it must name (unit NULL: no lead unit). */
typedef struct resolve_case {
    const char *text;
    r57_resolution_kind_t kind;
    const char *unit;
} resolve_case;

static void expect_resolutions(r57_db *db, const resolve_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        r57_resolution *r;
        OK(r57_resolve(&r, db, cases[i].text, R57_RESOLVE_LEAD, R57_DATE_NONE));
        ck_assert_msg(r57_resolution_kind(r) == cases[i].kind, "'%s': %s (%s)", cases[i].text,
                      r57_resolution_kind_name(r57_resolution_kind(r)), r57_resolution_reason(r));
        if (cases[i].unit)
            ck_assert_str_eq(r57_resolution_unit(r), cases[i].unit);
        else
            ck_assert_ptr_null(r57_resolution_unit(r));
        r57_resolution_free(r);
    }
}

START_TEST(test_unit_registry__loads_once_and_again_changes_nothing)
{
    r57_db *db = registry();
    r57_import_report *rep;
    OK(r57_unit_registry_load(&rep, db, "admin", NULL));
    ck_assert_uint_eq(r57_import_report_units(rep), 0);
    ck_assert_uint_eq(r57_import_report_other(rep), 0);
    r57_import_report_free(rep);
    /* The 34 provinces and cities of 1 July 2025. */
    r57_unit_iterator *it;
    r57_unit *u;
    int provinces = 0, ministries = 0;
    OK(r57_unit_iterator_new(&it, db, NULL));
    while (r57_unit_next(&u, it) == R57_OK) {
        provinces += r57_unit_kind(u) == R57_UNIT_PROVINCE;
        ministries += r57_unit_kind(u) == R57_UNIT_MINISTRY;
        r57_unit_free(u);
    }
    r57_unit_iterator_free(it);
    ck_assert_int_eq(provinces, 34);
    ck_assert_int_eq(ministries, 17); /* 14 ministries and 3 ministerial-level agencies */
    r57_close(db);
}
END_TEST

START_TEST(test_unit_registry__names_of_a_merged_ministry)
{
    r57_db *db = registry();
    r57_unit *u;
    OK(r57_unit_get(&u, db, "MOF"));
    ck_assert_str_eq(r57_unit_name(u), "Bộ Tài chính");
    ck_assert_str_eq(r57_unit_name_en(u), "Ministry of Finance");
    int found = 0;
    for (size_t i = 0; i < r57_unit_name_count(u); i++)
        if (strcmp(r57_unit_name_at(u, i), "MPI") == 0) {
            ck_assert_int_eq(r57_unit_name_kind_at(u, i), R57_UNIT_NAME_PREDECESSOR);
            ck_assert_str_eq(r57_unit_name_of_at(u, i), "Bộ Kế hoạch và Đầu tư");
            ck_assert_str_eq(r57_unit_name_since_at(u, i), "2025-03-01");
            found = 1;
        }
    ck_assert(found);
    ck_assert_ptr_null(r57_unit_name_at(u, r57_unit_name_count(u)));
    r57_unit_free(u);
    r57_close(db);
}
END_TEST

/* Any name, NFC or NFD, any case, with or without diacritics. */
START_TEST(test_unit_find_by_name__any_name_and_normalisation)
{
    r57_db *db = registry();
    static const char *const texts[] = {
        "Bộ Tài chính", "BỘ TÀI CHÍNH", "B\xe1\xbb\x99 Ta\xcc\x80i chi\xcc\x81nh", "Bo Tai chinh",
        "Ministry of Finance", "Bộ Kế hoạch và Đầu tư", "Bo Ke hoach va Dau tu", "  bộ   tài chính ",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        r57_unit *u;
        OK(r57_unit_find_by_name(&u, db, texts[i]));
        ck_assert_str_eq(r57_unit_code(u), "MOF");
        r57_unit_free(u);
    }
    r57_unit *u;
    FAILS(R57_ENOTFOUND, "no unit is named 'Bộ Ngoại thương'",
          r57_unit_find_by_name(&u, db, "Bộ Ngoại thương"));
    r57_close(db);
}
END_TEST

/* A province loads its communes from a sheet with the same columns. */
START_TEST(test_unit_registry__communes_from_a_sheet)
{
    char path[512];
    r57_db *db = registry();
    temp_path(path, sizeof path, "communes.csv");
    write_text(path, "code,kind,parent,name_vi,name_en,aliases,predecessors,predecessors_since\n"
                     "HN-BA-DINH,ward,HA-NOI,Phường Ba Đình,Ba Dinh ward,P. Ba Đình,"
                     "Phường Quán Thánh|Quan Thanh;Phường Trúc Bạch,2025-07-01\n");
    r57_import_report *rep;
    OK(r57_unit_registry_load(&rep, db, "admin", path));
    ck_assert_uint_eq(r57_import_report_units(rep), 1);
    r57_import_report_free(rep);
    r57_unit *u;
    OK(r57_unit_find_by_name(&u, db, "Phuong Quan Thanh"));
    ck_assert_str_eq(r57_unit_code(u), "HN-BA-DINH");
    ck_assert_int_eq(r57_unit_kind(u), R57_UNIT_COMMUNE);
    ck_assert_str_eq(r57_unit_parent(u), "HA-NOI");
    r57_unit_free(u);
    /* Again: nothing changes. */
    OK(r57_unit_registry_load(&rep, db, "admin", path));
    ck_assert_uint_eq(r57_import_report_units(rep) + r57_import_report_other(rep), 0);
    r57_import_report_free(rep);
    remove(path);
    r57_close(db);
}
END_TEST

/* A sheet that renames a unit keeps its old name as an alias. */
START_TEST(test_unit_registry__a_renamed_unit_keeps_its_old_name)
{
    char path[512];
    r57_db *db = registry();
    temp_path(path, sizeof path, "rename.csv");
    write_text(path, "code,kind,parent,name_vi\nMOF,ministry,VN,Bộ Tài chính mới\n");
    OK(r57_unit_registry_load(NULL, db, "admin", path));
    r57_unit *u;
    OK(r57_unit_find_by_name(&u, db, "Bộ Tài chính"));
    ck_assert_str_eq(r57_unit_code(u), "MOF");
    ck_assert_str_eq(r57_unit_name(u), "Bộ Tài chính mới");
    r57_unit_free(u);
    remove(path);
    r57_close(db);
}
END_TEST

START_TEST(test_unit_registry__bad_sheets_say_where)
{
    char path[512], msg[1024];
    r57_db *db = registry();
    temp_path(path, sizeof path, "bad-units.csv");
    write_text(path, "code,kind,parent,name_vi\nX1,planet,VN,Sao Hỏa\n");
    snprintf(msg, sizeof msg, "'%s' line 2, column 4: unit kind 'planet' is not one of nation, "
             "ministry, province, department, commune, other, government, agency, party_body, "
             "state_body, mass_organisation, university", path);
    FAILS(R57_EINVAL, msg, r57_unit_registry_load(NULL, db, "admin", path));
    write_text(path, "code,kind,parent,name_vi\nX1,commune,NOWHERE,Xã Một\n");
    ck_assert_int_eq(r57_unit_registry_load(NULL, db, "admin", path), R57_ENOTFOUND);
    ck_assert_int_eq(r57_error_line(r57_error_last()), 2);
    ck_assert_int_eq(r57_error_column(r57_error_last()), 12);
    write_text(path, "code,kind,parent,name_vi,predecessors\nX1,commune,HA-NOI,Xã Một,Xã Hai\n");
    ck_assert_int_eq(r57_unit_registry_load(NULL, db, "admin", path), R57_EINVAL);
    ck_assert_ptr_nonnull(strstr(r57_error_message(r57_error_last()),
                                 "predecessors are given without the date of the merger"));
    /* A code twice in one sheet is refused, naming both lines. */
    write_text(path, "code,kind,parent,name_vi\nX1,commune,HA-NOI,Xã Một\nX1,commune,HA-NOI,Xã Hai\n");
    snprintf(msg, sizeof msg, "'%s' line 3, column 1: unit code 'X1' is on line 2 already", path);
    FAILS(R57_EEXISTS, msg, r57_unit_registry_load(NULL, db, "admin", path));
    /* Nothing of a refused sheet stays. */
    r57_unit *u;
    ck_assert_int_eq(r57_unit_get(&u, db, "X1"), R57_ENOTFOUND);
    remove(path);
    r57_close(db);
}
END_TEST

START_TEST(test_resolve__kinds_of_text)
{
    r57_db *db = registry();
    static const resolve_case cases[] = {
        { "Bộ KH&CN", R57_RESOLUTION_UNIT, "MOST" },
        { "Ministry of Information and Communications", R57_RESOLUTION_UNIT, "MOST" },
        { "Ủy ban nhân dân tỉnh Quảng Ninh", R57_RESOLUTION_UNIT, "QUANG-NINH" },
        { "Da Nang People's Committee", R57_RESOLUTION_UNIT, "DA-NANG" },
        { "Bộ trưởng Bộ Công an", R57_RESOLUTION_UNIT, "MPS" },
        { "Bộ Tài chính, Bộ Tư pháp", R57_RESOLUTION_JOINT, NULL },
        { "the People's Committees of Hai Phong and Da Nang", R57_RESOLUTION_JOINT, NULL },
        { "các sở, ban, ngành", R57_RESOLUTION_COLLECTIVE, NULL },
        { "ministries and sectors", R57_RESOLUTION_COLLECTIVE, NULL },
        { "local level", R57_RESOLUTION_COLLECTIVE, NULL },
        { "Bộ Ngoại thương", R57_RESOLUTION_UNKNOWN, NULL },
        { "Phó Thủ tướng", R57_RESOLUTION_SEVERAL, NULL },
        { "Phó Thủ tướng Nguyễn Chí Dũng", R57_RESOLUTION_PERSON, NULL },
        /* Regressions: each of these was read wrong once. */
        { "Ban Tổ chức Trung ương", R57_RESOLUTION_UNIT, "COC" },
        { "Ban Tổ chức Trung ương Đảng", R57_RESOLUTION_UNIT, "COC" },
        { "Sở KH&CN các tỉnh, thành phố", R57_RESOLUTION_COLLECTIVE, NULL },
        { "VNU Hanoi", R57_RESOLUTION_UNIT, "VNU-HN" },
        { "Đại học Quốc gia TP.HCM", R57_RESOLUTION_UNIT, "VNU-HCM" },
        { "The Ministry of Justice presides over and coordinates with the Government Office",
          R57_RESOLUTION_UNIT, "MOJ" },
        { "Giao Văn phòng Chính phủ chủ trì", R57_RESOLUTION_UNIT, "GO" },
        { "Sở Khoa học và Công nghệ", R57_RESOLUTION_UNKNOWN, NULL },
        { "Most ministries", R57_RESOLUTION_COLLECTIVE, NULL },
        { "Ban Tuyên giáo và Dân vận Trung ương", R57_RESOLUTION_UNIT, "CPMC" },
        { "So Giao duc va Dao tao tinh Nghe An", R57_RESOLUTION_UNKNOWN, NULL },
        { "Thành ủy Hà Nội", R57_RESOLUTION_UNKNOWN, NULL },
        { "Các đơn vị thuộc Bộ Công an", R57_RESOLUTION_COLLECTIVE, NULL },
        { "Giao Bộ Nội vụ chủ trì", R57_RESOLUTION_UNIT, "MOHA" },
        /* Lists that give the head word once. */
        { "Các Bộ: Tài chính, Công an, Khoa học và Công nghệ", R57_RESOLUTION_JOINT, NULL },
        { "the Ministries of Finance and Justice", R57_RESOLUTION_JOINT, NULL },
        { "Tài chính", R57_RESOLUTION_UNKNOWN, NULL },
        { "ministries of the region", R57_RESOLUTION_COLLECTIVE, NULL },
        { "The Ministry of Science and Technology shall assume the prime responsibility for, "
          "and coordinate with, the Ministry of Finance", R57_RESOLUTION_UNIT, "MOST" },
        { "The State Bank of Viet Nam", R57_RESOLUTION_UNIT, "SBV" },
        { "Bộ Tư pháp, phối hợp", R57_RESOLUTION_VAGUE, NULL },
        /* A third review's national notice. */
        { "Chính phủ chỉ đạo", R57_RESOLUTION_UNIT, "GOV" },
        { "Đảng ủy Chính phủ lãnh đạo, chỉ đạo", R57_RESOLUTION_UNIT, "GPC" },
        { "Văn phòng Chủ tịch nước", R57_RESOLUTION_UNIT, "OOP" },
        { "President of Vietnam National University, Hanoi", R57_RESOLUTION_UNIT, "VNU-HN" },
        { "Ban Bí thư", R57_RESOLUTION_UNIT, "SECRETARIAT" },
        { "Ban Bí thư Trung ương", R57_RESOLUTION_UNIT, "SECRETARIAT" },
        { "Thủ tướng Chính phủ Phạm Minh Chính", R57_RESOLUTION_UNIT, "PM" },
        { "Bí thư Tỉnh ủy Quảng Ninh", R57_RESOLUTION_UNKNOWN, NULL },
        { "Đảng ủy UBND tỉnh Quảng Ninh", R57_RESOLUTION_UNKNOWN, NULL },
        { "Bộ trưởng Bộ Ngoại thương", R57_RESOLUTION_UNKNOWN, NULL },
        { "Tổng Bí thư", R57_RESOLUTION_SEVERAL, NULL },
        { "", R57_RESOLUTION_NONE, NULL },
    };
    expect_resolutions(db, cases, sizeof cases / sizeof cases[0]);
    r57_resolution *r;
    FAILS(R57_EINVAL, "r57_resolve: the text is not UTF-8 (byte 0xff at offset 4)",
          r57_resolve(&r, db, "Bộ\xff", R57_RESOLVE_LEAD, R57_DATE_NONE));
    r57_close(db);
}
END_TEST

/* A list of coordinating units: every body named, in order. */
START_TEST(test_resolve__coordinating_list)
{
    r57_db *db = registry();
    r57_resolution *r;
    OK(r57_resolve(&r, db, "Bộ Văn hóa, Thể thao và Du lịch; VPCP và Bộ Nội vụ", R57_RESOLVE_LIST,
                   R57_DATE_NONE));
    ck_assert_int_eq(r57_resolution_kind(r), R57_RESOLUTION_UNIT);
    ck_assert_uint_eq(r57_resolution_match_count(r), 3);
    ck_assert_str_eq(r57_resolution_match_unit(r, 0), "MOCST");
    ck_assert_str_eq(r57_resolution_match_unit(r, 1), "GO");
    ck_assert_str_eq(r57_resolution_match_text(r, 1), "VPCP");
    ck_assert_int_eq(r57_resolution_match_how(r, 1), R57_MATCH_ALIAS);
    ck_assert_str_eq(r57_resolution_match_unit(r, 2), "MOHA");
    ck_assert_int_eq(r57_resolution_match_role(r, 2), R57_MATCH_COORDINATING);
    r57_resolution_free(r);
    r57_close(db);
}
END_TEST

/* Tasks made before the registry was loaded are resolved again on demand. */
START_TEST(test_resolve__tasks_again_after_the_registry)
{
    r57_db *db = open_memory();
    add_notice(db);
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "T1";
    s.owner = "Bộ Tư pháp chủ trì, phối hợp với Văn phòng Chính phủ";
    r57_task *t;
    OK(r57_task_create(&t, db, "admin", &s));
    ck_assert_ptr_null(r57_task_owner_unit(t));
    r57_task_free(t);
    OK(r57_unit_registry_load(NULL, db, "admin", NULL));
    uint64_t changed = 0;
    OK(r57_tasks_resolve(db, "admin", NULL, &changed));
    ck_assert_uint_eq(changed, 1);
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "T1"));
    ck_assert_str_eq(r57_task_owner_unit(t), "MOJ");
    ck_assert_uint_eq(r57_task_coordinating_units_count(t), 1);
    ck_assert_str_eq(r57_task_coordinating_unit(t, 0), "GO");
    r57_task_free(t);
    OK(r57_tasks_resolve(db, "admin", NULL, &changed));
    ck_assert_uint_eq(changed, 0);
    r57_close(db);
}
END_TEST

START_TEST(test_resolve__assign_each_of_a_level)
{
    r57_db *db = registry();
    add_notice(db);
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "E1";
    s.owner = "UBND các tỉnh, thành phố trực thuộc Trung ương";
    s.deadline = "Quý IV/2025";
    r57_task *t;
    OK(r57_task_create(&t, db, "admin", &s));
    uint64_t n = 0;
    OK(r57_task_assign_each(db, "admin", t, NULL, &n));
    ck_assert_uint_eq(n, 34);
    r57_task *child;
    OK(r57_task_get(&child, db, "07-TB/CQTTBCD", "E1/QUANG-NINH"));
    ck_assert_str_eq(r57_task_owner_unit(child), "QUANG-NINH");
    ck_assert_str_eq(r57_task_parent_ref(child), "E1");
    ck_assert_int_eq(r57_task_due(child), D("2025-12-31"));
    r57_task_free(child);
    /* Each sub-task counts in its own unit's scorecard. */
    r57_scorecard *sc;
    OK(r57_scorecard_get(&sc, db, "QUANG-NINH", 1, "2025Q4", D("2025-11-20")));
    ck_assert_int_eq(r57_scorecard_due(sc), 1);
    ck_assert_int_eq(r57_scorecard_pending(sc), 1);
    r57_scorecard_free(sc);
    FAILS(R57_EEXISTS, "r57_task_assign_each: task 'E1' of '07-TB/CQTTBCD' was assigned to each "
          "already (it has a sub-task 'E1/AN-GIANG')",
          r57_task_assign_each(db, "admin", t, NULL, &n));
    /* A task with one lead unit does not go to each. */
    r57_task_spec one = R57_TASK_SPEC_INIT;
    one.document = "07-TB/CQTTBCD";
    one.ref = "E2";
    one.owner = "Bộ Khoa học và Công nghệ";
    r57_task *single;
    OK(r57_task_create(&single, db, "admin", &one));
    FAILS(R57_EINVAL, "r57_task_assign_each: task 'E2' of '07-TB/CQTTBCD' has one lead unit "
          "(MOST); only a task whose owner is joint or a group goes to each",
          r57_task_assign_each(db, "admin", single, "local", &n));
    r57_task_free(single);
    r57_task_free(t);
    OK(r57_task_get(&t, db, "07-TB/CQTTBCD", "E1"));
    r57_verdict *v;
    OK(r57_linter_check(&v, NULL, t));
    ck_assert_int_eq(r57_verdict_clarity(v, R57_CLEAR_OWNER), R57_CLARITY_CLEAR);
    r57_verdict_free(v);
    r57_task_free(t);
    r57_close(db);
}
END_TEST

/* The caller's words: a file added to (or replacing) the built-in ones. */
START_TEST(test_resolve__words_from_a_file)
{
    char path[512], msg[1024];
    r57_db *db = registry();
    r57_resolution *r;
    OK(r57_resolve(&r, db, "các tổ công tác", R57_RESOLVE_LEAD, R57_DATE_NONE));
    ck_assert_int_eq(r57_resolution_kind(r), R57_RESOLUTION_COLLECTIVE); /* "các" + words */
    r57_resolution_free(r);
    OK(r57_resolve(&r, db, "tổ công tác", R57_RESOLVE_LEAD, R57_DATE_NONE));
    ck_assert_int_eq(r57_resolution_kind(r), R57_RESOLUTION_VAGUE);
    r57_resolution_free(r);
    temp_path(path, sizeof path, "words.tsv");
    write_text(path, "# a working group is a kind of body\nclass\tvi\ttổ công tác\n");
    OK(r57_resolver_words_load(db, path, 0));
    OK(r57_resolve(&r, db, "tổ công tác", R57_RESOLVE_LEAD, R57_DATE_NONE));
    ck_assert_int_eq(r57_resolution_kind(r), R57_RESOLUTION_COLLECTIVE);
    r57_resolution_free(r);
    write_text(path, "class\tvi\tabc\textra\n");
    snprintf(msg, sizeof msg, "'%s' line 1, column 13: a fourth field; a line is "
             "category<TAB>lang<TAB>phrase", path);
    FAILS(R57_EPARSE, msg, r57_resolver_words_load(db, path, 0));
    write_text(path, "class\tfr\tministère\n");
    snprintf(msg, sizeof msg, "'%s' line 1, column 7: language 'fr' is not vi or en", path);
    FAILS(R57_EPARSE, msg, r57_resolver_words_load(db, path, 0));
    remove(path);
    r57_close(db);
}
END_TEST

/* A plural class word is read however long it is (its stems were once
 * built in 64 bytes: a plural of 64 bytes or more was not read). */
START_TEST(test_resolve__long_plural_words)
{
    char path[512], singular[80], text[100];
    r57_db *db = registry();
    temp_path(path, sizeof path, "long-words.tsv");
    for (size_t len = 62; len <= 64; len++) {
        memset(singular, 'z', len);
        singular[len] = '\0';
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "class\ten\t%s\n", singular);
        fclose(f);
        OK(r57_resolver_words_load(db, path, 0));
        snprintf(text, sizeof text, "the %ss", singular); /* a plural of len + 1 bytes */
        r57_resolution *r;
        OK(r57_resolve(&r, db, text, R57_RESOLVE_LEAD, R57_DATE_NONE));
        ck_assert_msg(r57_resolution_kind(r) == R57_RESOLUTION_COLLECTIVE, "%zu: %s (%s)",
                      len + 1, r57_resolution_kind_name(r57_resolution_kind(r)),
                      r57_resolution_reason(r));
        r57_resolution_free(r);
    }
    remove(path);
    r57_close(db);
}
END_TEST

/* --create-units makes an ASCII, upper-case code of a Vietnamese name, and
 * only for one unregistered body: never for a joint or collective text. */
START_TEST(test_unit_codes__made_from_vietnamese_names)
{
    char path[512];
    r57_db *db = registry();
    temp_path(path, sizeof path, "vn-sheet.csv");
    write_text(path, "ref,document,issued,title,lead\n"
                     "1,01/KH-X,2025-11-01,Một,Bộ Ngoại thương\n"
                     "2,01/KH-X,2025-11-01,Hai,Bộ Tài chính và Bộ Ngoại giao\n"
                     "3,01/KH-X,2025-11-01,Ba,\"các sở, ban, ngành\"\n");
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.create_units = 1;
    r57_import_report *rep;
    OK(r57_import_csv_tasks(&rep, db, "admin", &o, path));
    ck_assert_uint_eq(r57_import_report_created_unit_count(rep), 1);
    ck_assert_str_eq(r57_import_report_created_unit(rep, 0), "BO-NGOAI-THUONG");
    r57_import_report_free(rep);
    r57_task *t;
    OK(r57_task_get(&t, db, "01/KH-X", "1"));
    ck_assert_str_eq(r57_task_owner_unit(t), "BO-NGOAI-THUONG");
    r57_task_free(t);
    OK(r57_task_get(&t, db, "01/KH-X", "2"));
    ck_assert_ptr_null(r57_task_owner_unit(t));
    r57_task_free(t);
    remove(path);
    r57_close(db);
}
END_TEST

/* Replacing the built-in words leaves only the caller's. */
START_TEST(test_resolve__words_replaced)
{
    char path[512];
    r57_db *db = registry();
    r57_resolution *r;
    OK(r57_resolve(&r, db, "các bộ, ngành", R57_RESOLVE_LEAD, R57_DATE_NONE));
    ck_assert_int_eq(r57_resolution_kind(r), R57_RESOLUTION_COLLECTIVE);
    r57_resolution_free(r);
    temp_path(path, sizeof path, "only.tsv");
    write_text(path, "and\tvi\tvà\n");
    OK(r57_resolver_words_load(db, path, 1));
    OK(r57_resolve(&r, db, "các bộ, ngành", R57_RESOLVE_LEAD, R57_DATE_NONE));
    ck_assert_int_ne(r57_resolution_kind(r), R57_RESOLUTION_COLLECTIVE);
    r57_resolution_free(r);
    /* Units are still found by their names. */
    OK(r57_resolve(&r, db, "Bộ Tài chính và Bộ Tư pháp", R57_RESOLVE_LEAD, R57_DATE_NONE));
    ck_assert_int_eq(r57_resolution_kind(r), R57_RESOLUTION_JOINT);
    r57_resolution_free(r);
    remove(path);
    r57_close(db);
}
END_TEST

/* Departments a province registers: a name two provinces share is settled
 * by the province the text names, and said to be ambiguous otherwise; the
 * executive of an unnamed locality is vague, not a class; spellings. */
START_TEST(test_resolve__departments_of_provinces)
{
    char path[512];
    r57_db *db = registry();
    temp_path(path, sizeof path, "departments.csv");
    write_text(path, "code,kind,parent,name_vi\nDN-TC,department,DA-NANG,Sở Tài chính\n"
                     "DN-VP,department,DA-NANG,Văn phòng UBND thành phố\n"
                     "NA-TC,department,NGHE-AN,Sở Tài chính\n");
    OK(r57_unit_registry_load(NULL, db, "admin", path));
    static const resolve_case cases[] = {
        { "Sở Tài chính", R57_RESOLUTION_VAGUE, NULL },
        { "Sở Tài chính tỉnh Nghệ An", R57_RESOLUTION_UNIT, "NA-TC" },
        { "Sở Tài chính thành phố Hà Nội", R57_RESOLUTION_UNKNOWN, NULL },
        { "Văn phòng Ủy ban nhân dân thành phố", R57_RESOLUTION_UNIT, "DN-VP" },
        { "UBND tỉnh", R57_RESOLUTION_VAGUE, NULL },
        { "Chủ tịch UBND tỉnh", R57_RESOLUTION_VAGUE, NULL },
        { "UBND cấp tỉnh", R57_RESOLUTION_COLLECTIVE, NULL },
        { "Ministry of Science & Technology", R57_RESOLUTION_UNIT, "MOST" },
        { "Bộ Tài chính & Bộ Tư pháp", R57_RESOLUTION_JOINT, NULL },
        { "The State Bank", R57_RESOLUTION_UNIT, "SBV" },
        { "Bộ Công an (Cục A05)", R57_RESOLUTION_UNIT, "MPS" },
        { "Thủ tướng Chính phủ giao Bộ Khoa học và Công nghệ", R57_RESOLUTION_UNIT, "MOST" },
        { "Các Sở: Tài chính, Nội vụ", R57_RESOLUTION_JOINT, NULL },
    };
    expect_resolutions(db, cases, sizeof cases / sizeof cases[0]);
    remove(path);
    r57_close(db);
}
END_TEST

/* Codes have no length limit: a refusal names a long code whole, never cut
 * (it was cut at 300 bytes, inside a character). */
START_TEST(test_unit_codes__a_refusal_names_a_long_code_whole)
{
    char code[512], msg[1024];
    size_t n = 0;
    while (n < 400) { /* 200 x "Đ", two bytes each */
        code[n++] = (char)0xC4;
        code[n++] = (char)0x90;
    }
    code[n] = '\0';
    r57_db *db = open_memory();
    OK(r57_unit_create(db, "admin", code, "Long", R57_UNIT_OTHER, NULL));
    OK(r57_group_create(db, "admin", code + 2, "Long group"));
    OK(r57_actor_create(db, "admin", "root", "Root"));
    OK(r57_actor_grant(db, "admin", "root", R57_ROLE_ADMINISTRATOR, NULL));
    const char *const what[] = { "create unit", "name unit", "create unit group",
                                 "change unit group", "record document" };
    for (int i = 0; i < 5; i++) {
        int rc = i == 0   ? r57_unit_create(db, "nobody", code + 4, "x", R57_UNIT_OTHER, NULL)
                 : i == 1 ? r57_unit_name_add(db, "nobody", code, R57_UNIT_NAME_ALIAS, "y", NULL, NULL)
                 : i == 2 ? r57_group_create(db, "nobody", code + 6, "z")
                 : i == 3 ? r57_group_name_add(db, "nobody", code + 2, R57_UNIT_NAME_ALIAS, "w")
                          : r57_document_create(db, "nobody", code, R57_DOC_OTHER, R57_DATE_NONE,
                                                NULL, NULL);
        const char *named = i == 0 ? code + 4 : i == 2 ? code + 6 : i == 3 ? code + 2 : code;
        snprintf(msg, sizeof msg, "actor 'nobody' may not %s '%s': 'nobody' is not a registered "
                 "actor", what[i], named);
        ck_assert_str_eq(r57_err_name(rc), "R57_EPERM");
        ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    }
    /* Actors and roles (actor.c cut these at 300 bytes too). */
    OK(r57_actor_create(db, "root", code, "Long actor"));
    const char *const act[] = { "register actor '%s'", "give actor '%s' the reporter role",
                                "take the reporter role from actor '%s'" };
    for (int i = 0; i < 3; i++) {
        int rc = i == 0   ? r57_actor_create(db, "nobody", code + 2, "x")
                 : i == 1 ? r57_actor_grant(db, "nobody", code, R57_ROLE_REPORTER, NULL)
                          : r57_actor_revoke(db, "nobody", code, R57_ROLE_REPORTER, NULL);
        char words[600];
        snprintf(words, sizeof words, act[i], i == 0 ? code + 2 : code);
        snprintf(msg, sizeof msg, "actor 'nobody' may not %s: 'nobody' is not a registered actor",
                 words);
        ck_assert_str_eq(r57_err_name(rc), "R57_EPERM");
        ck_assert_str_eq(r57_error_message(r57_error_last()), msg);
    }
    r57_close(db);
}
END_TEST

static Suite *unit_suite(void)
{
    Suite *s = suite_create("unit");
    TCase *tc = tcase_create("registry");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_unit_registry__loads_once_and_again_changes_nothing);
    tcase_add_test(tc, test_unit_registry__names_of_a_merged_ministry);
    tcase_add_test(tc, test_unit_find_by_name__any_name_and_normalisation);
    tcase_add_test(tc, test_unit_registry__communes_from_a_sheet);
    tcase_add_test(tc, test_unit_registry__bad_sheets_say_where);
    tcase_add_test(tc, test_unit_registry__a_renamed_unit_keeps_its_old_name);
    tcase_add_test(tc, test_resolve__kinds_of_text);
    tcase_add_test(tc, test_resolve__coordinating_list);
    tcase_add_test(tc, test_resolve__tasks_again_after_the_registry);
    tcase_add_test(tc, test_resolve__assign_each_of_a_level);
    tcase_add_test(tc, test_resolve__words_from_a_file);
    tcase_add_test(tc, test_resolve__long_plural_words);
    tcase_add_test(tc, test_unit_codes__made_from_vietnamese_names);
    tcase_add_test(tc, test_resolve__words_replaced);
    tcase_add_test(tc, test_resolve__departments_of_provinces);
    tcase_add_test(tc, test_unit_codes__a_refusal_names_a_long_code_whole);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(unit_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
