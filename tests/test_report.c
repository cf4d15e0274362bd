/* The public report: what it shows (tasks, verified evidence, indicators
 * with targets, scorecards), what it leaves out (people, unverified and —
 * unless asked — rejected evidence), and its errors. */
#include "helpers.h"

#include <jansson.h>
#include <sys/stat.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_int_eq(fread(s, 1, (size_t)n, f), n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static r57_db *fixture(void)
{
    r57_db *db = open_memory();
    add_units(db);
    add_notice(db);
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = "07-TB/CQTTBCD";
    s.ref = "III.8";
    s.title = "Review <administrative> procedures & publish them";
    s.owner_unit = "MOJ";
    s.product = "report";
    s.deadline = "by 15 November 2025";
    r57_task *t;
    OK(r57_task_create(&t, db, "secretariat", &s));
    r57_evidence_spec e = R57_EVIDENCE_SPEC_INIT;
    int64_t ok_id, bad_id;
    e.kind = R57_EVIDENCE_LINK;
    e.title = "Published list";
    e.uri = "https://moj.gov.vn/list";
    OK(r57_evidence_submit(&ok_id, db, "reporter-anh", t, &e));
    OK(r57_evidence_verify(db, "verifier-binh", ok_id));
    e.title = "Unsigned draft";
    OK(r57_evidence_submit(&bad_id, db, "reporter-anh", t, &e));
    OK(r57_evidence_reject(db, "verifier-binh", bad_id, "not signed"));
    e.title = "Awaiting verification";
    OK(r57_evidence_submit(NULL, db, "reporter-anh", t, &e));
    r57_task_free(t);
    OK(r57_element_create(db, "stats", "procedures_total", "Procedures", NULL, R57_AGG_SUM));
    OK(r57_element_create(db, "stats", "procedures_fully_online", "Online", NULL, R57_AGG_SUM));
    r57_indicator_spec is = R57_INDICATOR_SPEC_INIT;
    is.code = "online_share";
    is.name = "Procedures fully online";
    is.measure = "percent";
    is.numerator = "#{procedures_fully_online}";
    is.denominator = "#{procedures_total}";
    is.factor = 100;
    OK(r57_indicator_create(db, "stats", &is));
    r57_target_spec ts = R57_TARGET_SPEC_INIT;
    ts.indicator = "online_share";
    ts.unit = "MOJ";
    ts.comparison = ">=";
    ts.value = 80;
    ts.period = "2025";
    OK(r57_target_create(db, "stats", &ts));
    OK(r57_value_set(db, "stats", "procedures_total", "MOJ", "2025", 200, NULL));
    OK(r57_value_set(db, "stats", "procedures_fully_online", "MOJ", "2025", 90, NULL));
    return db;
}

static json_t *unit_of(json_t *report, const char *code)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(report, "units"), i, u)
        if (strcmp(json_string_value(json_object_get(u, "code")), code) == 0)
            return u;
    ck_abort_msg("unit %s is not in the report", code);
    return NULL;
}

START_TEST(test_report__shows_results_and_leaves_out_people_and_rejections)
{
    r57_db *db = fixture();
    char dir[512], path[600];
    temp_path(dir, sizeof dir, "report");
    r57_report_options o = R57_REPORT_OPTIONS_INIT;
    o.as_of = D("2025-11-20");
    o.period = "2025";
    OK(r57_report_write(db, &o, dir));

    snprintf(path, sizeof path, "%s/report.json", dir);
    char *text = slurp(path);
    json_error_t err;
    json_t *r = json_loads(text, 0, &err);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(json_string_value(json_object_get(r, "format")), "libr57-public-report");
    json_t *moj = unit_of(r, "MOJ");
    json_t *task = json_array_get(json_object_get(moj, "tasks"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(task, "ref")), "III.8");
    ck_assert_str_eq(json_string_value(json_object_get(task, "timeliness")), "overdue");
    ck_assert_str_eq(json_string_value(json_object_get(task, "due")), "2025-11-15");
    json_t *ev = json_object_get(task, "evidence");
    ck_assert_uint_eq(json_array_size(ev), 1); /* only the verified one */
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(ev, 0), "title")), "Published list");
    json_t *ind = json_array_get(json_object_get(moj, "indicators"), 0);
    ck_assert_double_eq(json_number_value(json_object_get(ind, "value")), 45);
    ck_assert_double_eq(json_number_value(json_object_get(ind, "target")), 80);
    ck_assert_str_eq(json_string_value(json_object_get(ind, "attainment")), "not_met");
    json_t *sc = json_object_get(moj, "scorecard");
    ck_assert_int_eq(json_integer_value(json_object_get(sc, "overdue")), 1);
    /* No people anywhere, neither rejected nor unverified evidence. */
    ck_assert_ptr_null(strstr(text, "reporter-anh"));
    ck_assert_ptr_null(strstr(text, "verifier-binh"));
    ck_assert_ptr_null(strstr(text, "Unsigned draft"));
    ck_assert_ptr_null(strstr(text, "Awaiting verification"));
    json_decref(r);
    free(text);

    /* The unit's page: escaped text, the chart with its target line, the
     * link to the evidence; nothing fetched from elsewhere. */
    snprintf(path, sizeof path, "%s/units/MOJ.html", dir);
    char *page = slurp(path);
    ck_assert_ptr_nonnull(strstr(page, "Review &lt;administrative&gt; procedures &amp; publish them"));
    ck_assert_ptr_nonnull(strstr(page, "class=\"target\""));
    ck_assert_ptr_nonnull(strstr(page, "<a href=\"https://moj.gov.vn/list\">Published list</a>"));
    ck_assert_ptr_null(strstr(page, "<script"));
    ck_assert_ptr_null(strstr(page, "<link"));
    free(page);

    /* Rejected evidence only when asked, with its reason. */
    o.include_rejected = 1;
    OK(r57_report_write(db, &o, dir));
    snprintf(path, sizeof path, "%s/report.json", dir);
    text = slurp(path);
    ck_assert_ptr_nonnull(strstr(text, "Unsigned draft"));
    ck_assert_ptr_nonnull(strstr(text, "not signed"));
    ck_assert_ptr_null(strstr(text, "Awaiting verification"));
    free(text);
    r57_close(db);
}
END_TEST

START_TEST(test_report__bad_input)
{
    r57_db *db = fixture();
    char file[512];
    temp_path(file, sizeof file, "report-is-a-file");
    FILE *f = fopen(file, "w");
    fclose(f);
    r57_report_options o = R57_REPORT_OPTIONS_INIT;
    ck_assert_int_eq(r57_report_write(db, &o, file), R57_EIO);
    ck_assert_ptr_nonnull(strstr(r57_error_message(r57_error_last()), "is not a directory"));
    o.period = "2025Q9";
    ck_assert_int_eq(r57_report_write(db, &o, "/tmp/r57-never"), R57_EPARSE);
    o.period = NULL;
    o.due_soon_days = -1;
    FAILS(R57_EINVAL, "report: due_soon_days -1 is negative", r57_report_write(db, &o, "/tmp/r57-never"));
    FAILS(R57_EINVAL, "r57_report_write: dir is NULL", r57_report_write(db, NULL, NULL));
    remove(file);
    r57_close(db);
}
END_TEST

/* Nothing is cut: a unit's long name is the whole title of its page (it was
 * cut at 399 bytes), and a path past what the system opens is refused (it
 * was cut at 4,095 bytes, and the page written under a cut name). */
START_TEST(test_report__long_names_and_paths_whole)
{
    char dir[4200], name[600], path[4300];
    r57_db *db = open_memory();
    size_t n = 0;
    while (n < 500) { /* 250 x "Đ" */
        name[n++] = (char)0xC4;
        name[n++] = (char)0x90;
    }
    name[n] = '\0';
    OK(r57_unit_create(db, "admin", "LONG", name, R57_UNIT_MINISTRY, NULL));
    r57_report_options o = R57_REPORT_OPTIONS_INIT;
    o.as_of = D("2025-11-20");
    o.title = "Report";
    temp_path(dir, sizeof dir, "report-long");
    OK(r57_report_write(db, &o, dir));
    snprintf(path, sizeof path, "%s/units/LONG.html", dir);
    char *page = slurp(path), *want = malloc(1024);
    snprintf(want, 1024, "<title>%s — Report</title>", name);
    ck_assert_ptr_nonnull(strstr(page, want));
    free(page);
    free(want);
    /* Directories nested to 4,085 bytes: "units" fits, "units/LONG.html"
     * is past 4,095. */
    size_t len = strlen(dir), base = len;
    while (len < 4085) {
        size_t part = 4085 - len > 201 ? 200 : 4085 - len - 1;
        dir[len++] = '/';
        memset(dir + len, 'd', part);
        len += part;
        dir[len] = '\0';
        ck_assert_int_eq(mkdir(dir, 0700), 0);
    }
    ck_assert_uint_eq(strlen(dir), 4085);
    ck_assert_int_eq(r57_report_write(db, &o, dir), R57_EIO);
    /* The message is longer than the record: its first 4,092 bytes and
     * "...". */
    char full[4400];
    snprintf(full, sizeof full, "report: cannot write '%s/units/LONG.html': File name too long",
             dir);
    memcpy(full + 4092, "...", 4);
    ck_assert_int_eq(strcmp(r57_error_message(r57_error_last()), full), 0);
    /* No page under a cut name. */
    snprintf(path, sizeof path, "%s/units/LONG", dir);
    path[4095] = '\0';
    ck_assert_int_ne(access(path, F_OK), 0);
    dir[base] = '\0';
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(path), 0);
    r57_close(db);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, test_report__shows_results_and_leaves_out_people_and_rejections);
    tcase_add_test(tc, test_report__bad_input);
    tcase_add_test(tc, test_report__long_names_and_paths_whole);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
