/* The deadline parser: every form it accepts, every rejection with its
 * exact message and position, and regular-task instances. */
#include "helpers.h"

typedef struct {
    const char *text;
    int kind;
    const char *due; /* NULL: no due date */
} accepted;

static void check_accepted(const accepted *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int kind = -1;
        r57_date due = 0;
        int rc = r57_deadline_parse(&kind, &due, cases[i].text);
        ck_assert_msg(rc == R57_OK, "'%s': %s", cases[i].text, r57_error_message(r57_error_last()));
        ck_assert_msg(kind == cases[i].kind, "'%s': kind %s, want %s", cases[i].text,
                      r57_deadline_kind_name(kind), r57_deadline_kind_name(cases[i].kind));
        if (cases[i].due)
            ck_assert_msg(due == D(cases[i].due), "'%s': wrong due date", cases[i].text);
        else
            ck_assert_msg(due == R57_DATE_NONE, "'%s': unexpected due date", cases[i].text);
    }
}

/* Every deadline_text of ../shared/data/notice_07-TB-CQTTBCD_tasks.csv,
 * with the date it must resolve to, written out by hand. */
START_TEST(test_deadline_parse__notice_07_texts)
{
    static const accepted cases[] = {
        { "by 31 March 2026", R57_DEADLINE_DAY, "2026-03-31" },        /* III.5.a */
        { "", R57_DEADLINE_NONE, NULL },                                /* II.2.b.2, App.3.c.3 */
        { "by 15 November 2025", R57_DEADLINE_DAY, "2025-11-15" },     /* III.8 */
        { "by 18 October 2025", R57_DEADLINE_DAY, "2025-10-18" },      /* IV.3 */
        { "October 2025", R57_DEADLINE_MONTH, "2025-10-31" },          /* App.2.c and 7 more */
        { "by 20 October 2025", R57_DEADLINE_DAY, "2025-10-20" },      /* App.2.d.1, App.2.d.2 */
        { "November 2025", R57_DEADLINE_MONTH, "2025-11-30" },         /* App.2.e, App.3.c.4, … */
        { "fourth quarter of 2025", R57_DEADLINE_QUARTER, "2025-12-31" }, /* App.3.d.1 */
        { "December 2025", R57_DEADLINE_MONTH, "2025-12-31" },         /* App.3.e.1, App.3.h, App.5.a.3 */
        { "by 30 October 2025", R57_DEADLINE_DAY, "2025-10-30" },      /* App.4.c */
    };
    check_accepted(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(test_deadline_parse__days)
{
    static const accepted cases[] = {
        { "20 October 2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "October 20, 2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "before 20 October 2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "no later than 20 Oct 2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "by 1 Sept 2026", R57_DEADLINE_DAY, "2026-09-01" },
        { "2025-10-20", R57_DEADLINE_DAY, "2025-10-20" },
        { "20/10/2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "20-10-2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "20.10.2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "5/1/2026", R57_DEADLINE_DAY, "2026-01-05" },
        { "trước ngày 20/10/2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "ngày 20/10/2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "chậm nhất ngày 20/10/2025", R57_DEADLINE_DAY, "2025-10-20" },
        { "29/02/2024", R57_DEADLINE_DAY, "2024-02-29" },
        { "  By 20  OCTOBER 2025. ", R57_DEADLINE_DAY, "2025-10-20" },
    };
    check_accepted(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(test_deadline_parse__months_quarters_years)
{
    static const accepted cases[] = {
        { "in October 2025", R57_DEADLINE_MONTH, "2025-10-31" },
        { "by the end of October 2025", R57_DEADLINE_MONTH, "2025-10-31" },
        { "February 2024", R57_DEADLINE_MONTH, "2024-02-29" },
        { "2025-10", R57_DEADLINE_MONTH, "2025-10-31" },
        { "10/2025", R57_DEADLINE_MONTH, "2025-10-31" },
        { "tháng 10/2025", R57_DEADLINE_MONTH, "2025-10-31" },
        { "tháng 10 năm 2025", R57_DEADLINE_MONTH, "2025-10-31" },
        { "trong tháng 10/2025", R57_DEADLINE_MONTH, "2025-10-31" },
        { "Q1 2026", R57_DEADLINE_QUARTER, "2026-03-31" },
        { "Q1/2026", R57_DEADLINE_QUARTER, "2026-03-31" },
        { "2026Q2", R57_DEADLINE_QUARTER, "2026-06-30" },
        { "2026-Q3", R57_DEADLINE_QUARTER, "2026-09-30" },
        { "first quarter of 2026", R57_DEADLINE_QUARTER, "2026-03-31" },
        { "in the fourth quarter of 2025", R57_DEADLINE_QUARTER, "2025-12-31" },
        { "by Q4 2025", R57_DEADLINE_QUARTER, "2025-12-31" },
        { "quý I/2026", R57_DEADLINE_QUARTER, "2026-03-31" },
        { "quý 2/2026", R57_DEADLINE_QUARTER, "2026-06-30" },
        { "quý IV năm 2025", R57_DEADLINE_QUARTER, "2025-12-31" },
        { "trong quý III/2025", R57_DEADLINE_QUARTER, "2025-09-30" },
        { "in 2026", R57_DEADLINE_YEAR, "2026-12-31" },
        { "2026", R57_DEADLINE_YEAR, "2026-12-31" },
        { "by the end of 2026", R57_DEADLINE_YEAR, "2026-12-31" },
        { "năm 2026", R57_DEADLINE_YEAR, "2026-12-31" },
        { "trong năm 2026", R57_DEADLINE_YEAR, "2026-12-31" },
    };
    check_accepted(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(test_deadline_parse__regular_and_none)
{
    static const accepted cases[] = {
        { "monthly", R57_DEADLINE_MONTHLY, NULL },
        { "every month", R57_DEADLINE_MONTHLY, NULL },
        { "hằng tháng", R57_DEADLINE_MONTHLY, NULL },
        { "Hàng tháng", R57_DEADLINE_MONTHLY, NULL },
        { "quarterly", R57_DEADLINE_QUARTERLY, NULL },
        { "hằng quý", R57_DEADLINE_QUARTERLY, NULL },
        { "annually", R57_DEADLINE_ANNUALLY, NULL },
        { "yearly", R57_DEADLINE_ANNUALLY, NULL },
        { "hằng năm", R57_DEADLINE_ANNUALLY, NULL },
        { "", R57_DEADLINE_NONE, NULL },
        { " \t ", R57_DEADLINE_NONE, NULL },
    };
    check_accepted(cases, sizeof cases / sizeof cases[0]);
    int kind = -1;
    r57_date due = 0;
    OK(r57_deadline_parse(&kind, &due, NULL));
    ck_assert_int_eq(kind, R57_DEADLINE_NONE);
    ck_assert_int_eq(due, R57_DATE_NONE);
    OK(r57_deadline_parse(NULL, NULL, "Q1 2026"));
}
END_TEST

typedef struct {
    const char *text, *message;
    int column;
} rejected;

START_TEST(test_deadline_parse__rejections_name_the_text)
{
    static const rejected cases[] = {
        { "soonish", "deadline 'soonish' is not a date, month, quarter or year", 1 },
        { "as soon as possible", "deadline 'as soon as possible' is not a date, month, quarter or year", 1 },
        { "by", "deadline 'by' is not a date, month, quarter or year", 1 },
        { "by next week", "deadline 'by next week' is not a date, month, quarter or year", 4 },
        { "31 November 2025", "deadline '31 November 2025': day 31 does not exist in November 2025", 1 },
        { "29/02/2025", "deadline '29/02/2025': day 29 does not exist in February 2025", 1 },
        { "by 2025-02-30", "deadline 'by 2025-02-30': day 30 does not exist in February 2025", 12 },
        { "2025-13", "deadline '2025-13': month 13 is not 1-12", 6 },
        { "Q5 2026", "deadline 'Q5 2026': quarter 5 is not 1-4", 1 },
        { "2026Q0", "deadline '2026Q0': quarter 0 is not 1-4", 6 },
        { "quý V/2026", "deadline 'quý V/2026': quarter 5 is not 1-4", 6 },
        { "in 1800", "deadline 'in 1800': year 1800 is outside 1900-2200", 4 },
        { "October 20 2025 or later", "deadline 'October 20 2025 or later' is not a date, month, quarter or year", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = r57_deadline_parse(NULL, NULL, cases[i].text);
        ck_assert_msg(rc == R57_EPARSE, "'%s' was accepted", cases[i].text);
        ck_assert_str_eq(r57_error_message(r57_error_last()), cases[i].message);
        ck_assert_int_eq(r57_error_line(r57_error_last()), 1);
        ck_assert_msg(r57_error_column(r57_error_last()) == cases[i].column, "'%s': column %d",
                      cases[i].text, r57_error_column(r57_error_last()));
        ck_assert_int_eq(r57_error_offset(r57_error_last()), cases[i].column - 1);
    }
}
END_TEST

START_TEST(test_deadline_parse__too_long)
{
    char text[300];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    ck_assert_int_eq(r57_deadline_parse(NULL, NULL, text), R57_EPARSE);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "deadline 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is longer than 200 bytes");
}
END_TEST

START_TEST(test_deadline_instance__periods)
{
    r57_date start, due;
    OK(r57_deadline_instance(&start, &due, R57_DEADLINE_MONTHLY, D("2024-02-10")));
    ck_assert_int_eq(start, D("2024-02-01"));
    ck_assert_int_eq(due, D("2024-02-29"));
    OK(r57_deadline_instance(&start, &due, R57_DEADLINE_QUARTERLY, D("2025-11-03")));
    ck_assert_int_eq(start, D("2025-10-01"));
    ck_assert_int_eq(due, D("2025-12-31"));
    OK(r57_deadline_instance(&start, &due, R57_DEADLINE_ANNUALLY, D("2026-06-30")));
    ck_assert_int_eq(start, D("2026-01-01"));
    ck_assert_int_eq(due, D("2026-12-31"));
    FAILS(R57_EINVAL, "r57_deadline_instance: kind 2 is not a regular deadline",
          r57_deadline_instance(&start, &due, R57_DEADLINE_MONTH, D("2026-06-30")));
    FAILS(R57_EINVAL, "r57_deadline_instance: no date",
          r57_deadline_instance(&start, &due, R57_DEADLINE_MONTHLY, R57_DATE_NONE));
}
END_TEST

START_TEST(test_deadline_kind__names)
{
    const char *names[] = { "none", "day", "month", "quarter", "year", "monthly", "quarterly", "annually" };
    for (int k = 0; k <= R57_DEADLINE_ANNUALLY; k++) {
        ck_assert_str_eq(r57_deadline_kind_name(k), names[k]);
        ck_assert_int_eq(r57_deadline_kind_is_regular(k), k >= R57_DEADLINE_MONTHLY);
    }
    ck_assert_ptr_null(r57_deadline_kind_name(8));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("deadline");
    TCase *tc = tcase_create("deadline");
    tcase_add_test(tc, test_deadline_parse__notice_07_texts);
    tcase_add_test(tc, test_deadline_parse__days);
    tcase_add_test(tc, test_deadline_parse__months_quarters_years);
    tcase_add_test(tc, test_deadline_parse__regular_and_none);
    tcase_add_test(tc, test_deadline_parse__rejections_name_the_text);
    tcase_add_test(tc, test_deadline_parse__too_long);
    tcase_add_test(tc, test_deadline_instance__periods);
    tcase_add_test(tc, test_deadline_kind__names);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
