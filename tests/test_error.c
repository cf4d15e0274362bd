/* Result codes, the thread-local last error, dates, the allocator hook. */
#include "helpers.h"

#include <pthread.h>

START_TEST(test_error_names__every_code)
{
    ck_assert_str_eq(r57_err_name(R57_ENOMEM), "R57_ENOMEM");
    ck_assert_str_eq(r57_err_name(R57_ITEROVER), "R57_ITEROVER");
    ck_assert_str_eq(r57_err_name(-99), "R57_EUNKNOWN");
    ck_assert_str_eq(r57_strerror(R57_ENOTDB), "not a libr57 database");
    ck_assert_str_eq(r57_strerror(-99), "unknown error code");
    for (int c = 0; c >= -15; c--)
        ck_assert_str_ne(r57_err_name(c), "R57_EUNKNOWN");
}
END_TEST

START_TEST(test_error_last__default_and_clear)
{
    r57_error_clear();
    const r57_error *e = r57_error_last();
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(r57_error_code(e), R57_OK);
    ck_assert_str_eq(r57_error_message(e), "no error");
    ck_assert_int_eq(r57_error_offset(e), -1);
    r57_date d;
    ck_assert_int_eq(r57_date_parse(&d, "2025-1x-01"), R57_EPARSE);
    ck_assert_int_eq(r57_error_code(e), R57_EPARSE);
    ck_assert_int_eq(r57_error_column(e), 7);
    ck_assert_int_eq(r57_error_offset(e), 6);
    ck_assert_str_eq(r57_error_message(e), "date '2025-1x-01': at offset 6: expected YYYY-MM-DD");
    r57_error_clear();
    ck_assert_int_eq(r57_error_code(e), R57_OK);
}
END_TEST

static void *fail_in_thread(void *arg)
{
    (void)arg;
    r57_db *db;
    r57_open(&db, "", NULL);
    return NULL;
}

START_TEST(test_error_last__is_per_thread)
{
    pthread_t th;
    r57_error_clear();
    ck_assert_int_eq(pthread_create(&th, NULL, fail_in_thread, NULL), 0);
    pthread_join(th, NULL);
    ck_assert_int_eq(r57_error_code(r57_error_last()), R57_OK);
}
END_TEST

START_TEST(test_error_date__round_trip_and_limits)
{
    r57_date d;
    int y, m, dd;
    char buf[16];
    OK(r57_date_from_ymd(&d, 1970, 1, 1));
    ck_assert_int_eq(d, 0);
    OK(r57_date_from_ymd(&d, 2025, 10, 20));
    ck_assert_int_eq(d, 20381);
    OK(r57_date_to_ymd(d, &y, &m, &dd));
    ck_assert_int_eq(y * 10000 + m * 100 + dd, 20251020);
    OK(r57_date_format(buf, sizeof buf, d));
    ck_assert_str_eq(buf, "2025-10-20");
    FAILS(R57_EINVAL, "date 2025-02-29 does not exist", r57_date_from_ymd(&d, 2025, 2, 29));
    OK(r57_date_from_ymd(&d, 2024, 2, 29));
    OK(r57_date_month_end(&d, 2024, 2));
    ck_assert_int_eq(d, D("2024-02-29"));
    OK(r57_date_month_end(&d, 1900, 2));
    ck_assert_int_eq(d, D("1900-02-28"));
    FAILS(R57_EPARSE, "date '2025-02-30': day 30 does not exist in 2025-02", r57_date_parse(&d, "2025-02-30"));
    FAILS(R57_EPARSE, "date '2025-13-01': month 13 is not 1-12", r57_date_parse(&d, "2025-13-01"));
    FAILS(R57_EPARSE, "date '2025-10-201': at offset 10: unexpected text after the date", r57_date_parse(&d, "2025-10-201"));
    FAILS(R57_EINVAL, "r57_date_format: buffer NULL or under 11 bytes", r57_date_format(buf, 10, 0));
    FAILS(R57_EINVAL, "r57_date_format: no date", r57_date_format(buf, sizeof buf, R57_DATE_NONE));
}
END_TEST

START_TEST(test_error_version__matches_header)
{
    ck_assert_str_eq(r57_version(), R57_VERSION);
    ck_assert_int_eq(r57_version_number(), R57_VERSION_NUMBER);
}
END_TEST

/* A counting allocator: proves every allocation of a whole workflow,
 * SQLite's included, goes through the hook and is given back. */
static long live, total;
static void *count_malloc(size_t n, void *p) { (void)p; live++; total++; return malloc(n); }
static void *count_realloc(void *ptr, size_t n, void *p)
{
    (void)p;
    if (!ptr) { live++; total++; }
    return realloc(ptr, n);
}
static void count_free(void *ptr, void *p) { (void)p; if (ptr) live--; free(ptr); }

START_TEST(test_error_allocator__routes_everything)
{
    r57_allocator a = { R57_ALLOCATOR_VERSION, count_malloc, count_realloc, count_free, NULL };
    OK(r57_allocator_set(&a));
    r57_db *db = open_memory();
    add_units(db);
    add_notice(db);
    r57_close(db);
    ck_assert_int_gt(total, 100);
    /* SQLite keeps a little for itself until it is shut down. */
    sqlite3_shutdown();
    ck_assert_int_eq(live, 0);
    OK(r57_allocator_set(NULL));
    a.version = 2;
    FAILS(R57_EINVAL, "r57_allocator_set: unknown allocator version 2", r57_allocator_set(&a));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("error");
    tcase_add_test(tc, test_error_names__every_code);
    tcase_add_test(tc, test_error_last__default_and_clear);
    tcase_add_test(tc, test_error_last__is_per_thread);
    tcase_add_test(tc, test_error_date__round_trip_and_limits);
    tcase_add_test(tc, test_error_version__matches_header);
    tcase_add_test(tc, test_error_allocator__routes_everything);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
