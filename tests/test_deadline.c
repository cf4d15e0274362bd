/*
 * The deadline parser (include/r57/deadline.h, docs/deadlines.md): every
 * form it accepts with the date it resolves to, every rejection with its
 * exact message and position, leap years, kind names and the instances of
 * regular tasks.  One behaviour per test.
 *
 * A test forgotten in suite() does not compile: START_TEST defines a
 * static pointer that -Wunused-variable (with -Werror) reports.
 */
#include <check.h>
#include <r57.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------- */

/* "YYYY-MM-DD", or "none" for R57_DATE_NONE: failures then show both
 * dates as text. */
static const char *iso(char buf[16], r57_date date)
{
    if (date == R57_DATE_NONE)
        return "none";
    ck_assert_int_eq(r57_date_format(buf, 16, date), R57_OK);
    return buf;
}

static r57_date D(const char *text)
{
    r57_date d;
    ck_assert_int_eq(r57_date_parse(&d, text), R57_OK);
    return d;
}

/* text parses to kind, due on `due` ("none": no due date). */
static void expect_ok(const char *text, r57_deadline_kind_t kind, const char *due)
{
    r57_deadline_kind_t got_kind = R57_DEADLINE_NONE;
    r57_date got_due = 0;
    char buf[16];
    int rc = r57_deadline_parse(&got_kind, &got_due, text);
    ck_assert_msg(rc == R57_OK, "'%s': %s: %s", text ? text : "(null)", r57_err_name(rc),
                  r57_error_message(r57_error_last()));
    ck_assert_str_eq(r57_deadline_kind_name(got_kind), r57_deadline_kind_name(kind));
    ck_assert_str_eq(iso(buf, got_due), due);
}

/* text is refused with R57_EPARSE, exactly this message, on line 1 at
 * this column (offset one less). */
static void expect_error(const char *text, int column, const char *message)
{
    int rc = r57_deadline_parse(NULL, NULL, text);
    const r57_error *e = r57_error_last();
    ck_assert_msg(rc == R57_EPARSE, "'%s': %s, not R57_EPARSE", text, r57_err_name(rc));
    ck_assert_int_eq(r57_error_code(e), R57_EPARSE);
    ck_assert_str_eq(r57_error_message(e), message);
    ck_assert_int_eq(r57_error_line(e), 1);
    ck_assert_int_eq(r57_error_column(e), column);
    ck_assert_int_eq(r57_error_offset(e), column - 1);
}

/* The instance of a regular kind that contains `at`. */
static void expect_instance(int kind, const char *at, const char *start, const char *due)
{
    r57_date got_start = 0, got_due = 0;
    char b1[16], b2[16];
    int rc = r57_deadline_instance(&got_start, &got_due, kind, D(at));
    ck_assert_msg(rc == R57_OK, "%s", r57_error_message(r57_error_last()));
    ck_assert_str_eq(iso(b1, got_start), start);
    ck_assert_str_eq(iso(b2, got_due), due);
}

#define ACCEPTS(name, text, kind, due)                                                       \
    START_TEST(name) { expect_ok(text, kind, due); }                                          \
    END_TEST
#define REJECTS(name, text, column, message)                                                 \
    START_TEST(name) { expect_error(text, column, message); }                                 \
    END_TEST

#define DAY R57_DEADLINE_DAY
#define MONTH R57_DEADLINE_MONTH
#define QUARTER R57_DEADLINE_QUARTER
#define YEAR R57_DEADLINE_YEAR
#define GENERIC(text) "deadline '" text "' is not a date, month, quarter or year"

/* ---- notice 07-TB/CQTTBCD ------------------------------------------------ */

/* Every deadline_text of ../shared/data/notice_07-TB-CQTTBCD_tasks.csv
 * (22 rows, 10 distinct texts), with the date it resolves to written out
 * by hand. */
START_TEST(test_deadline_notice_07__every_deadline_text)
{
    expect_ok("by 31 March 2026", DAY, "2026-03-31");            /* III.5.a */
    expect_ok("", R57_DEADLINE_NONE, "none");                    /* II.2.b.2, App.3.c.3 */
    expect_ok("by 15 November 2025", DAY, "2025-11-15");         /* III.8 */
    expect_ok("by 18 October 2025", DAY, "2025-10-18");          /* IV.3 */
    expect_ok("October 2025", MONTH, "2025-10-31");              /* App.2.c, App.3.d.2, … (7) */
    expect_ok("by 20 October 2025", DAY, "2025-10-20");          /* App.2.d.1, App.2.d.2 */
    expect_ok("November 2025", MONTH, "2025-11-30");             /* App.2.e, App.3.c.4, … (4) */
    expect_ok("fourth quarter of 2025", QUARTER, "2025-12-31");  /* App.3.d.1 */
    expect_ok("December 2025", MONTH, "2025-12-31");             /* App.3.e.1, App.3.h, App.5.a.3 */
    expect_ok("by 30 October 2025", DAY, "2025-10-30");          /* App.4.c */
}
END_TEST

/* ---- days ---------------------------------------------------------------- */

ACCEPTS(test_deadline_day__by_day_month_year, "by 20 October 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__day_month_year, "20 October 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__month_day_comma_year, "October 20, 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__month_day_year, "October 20 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__before, "before 20 October 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__no_later_than, "no later than 20 October 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__on, "on 20 October 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__abbreviated_month, "20 Oct 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__abbreviation_with_full_stop, "20 Oct. 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__sept, "1 Sept 2026", DAY, "2026-09-01")
ACCEPTS(test_deadline_day__ordinal_suffix, "20th October 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__ordinal_suffix_of, "the 1st of May 2026", DAY, "2026-05-01")
ACCEPTS(test_deadline_day__month_first_ordinal, "October 22nd, 2025", DAY, "2025-10-22")
ACCEPTS(test_deadline_day__iso, "2025-10-20", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__slashes, "20/10/2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__dashes, "20-10-2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__dots, "20.10.2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__single_digits_are_day_then_month, "5/1/2026", DAY, "2026-01-05")
ACCEPTS(test_deadline_day__vn_truoc_ngay, "trước ngày 20/10/2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__vn_ngay, "ngày 20/10/2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__vn_cham_nhat_ngay, "chậm nhất ngày 20/10/2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__vn_cham_nhat_la_ngay, "chậm nhất là ngày 20/10/2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__vn_vao_ngay, "vào ngày 20/10/2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__vn_in_words, "ngày 20 tháng 10 năm 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__vn_without_diacritics, "truoc ngay 20/10/2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_day__vn_capitals, "TRƯỚC NGÀY 20/10/2025", DAY, "2025-10-20")

/* ---- months: the last day ------------------------------------------------ */

ACCEPTS(test_deadline_month__name_year, "October 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__thirty_days, "November 2025", MONTH, "2025-11-30")
ACCEPTS(test_deadline_month__abbreviated, "Sep 2026", MONTH, "2026-09-30")
ACCEPTS(test_deadline_month__name_comma_year, "October, 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__name_of_year, "October of 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__in, "in October 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__by, "by October 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__by_the_end_of, "by the end of October 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__iso, "2025-10", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__slash, "10/2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__vn_thang_slash, "tháng 10/2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__vn_thang_nam, "tháng 10 năm 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__vn_trong_thang, "trong tháng 10/2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__vn_cuoi_thang, "cuối tháng 6/2026", MONTH, "2026-06-30")
ACCEPTS(test_deadline_month__vn_without_diacritics, "thang 10 nam 2025", MONTH, "2025-10-31")
ACCEPTS(test_deadline_month__vn_capitals, "THÁNG 10/2025", MONTH, "2025-10-31")

/* ---- quarters: the last day ---------------------------------------------- */

ACCEPTS(test_deadline_quarter__q_space_year, "Q1 2026", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_quarter__q_slash_year, "Q1/2026", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_quarter__year_q, "2026Q1", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_quarter__year_dash_q, "2026-Q1", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_quarter__second_ends_in_june, "Q2 2026", QUARTER, "2026-06-30")
ACCEPTS(test_deadline_quarter__third_ends_in_september, "2026-Q3", QUARTER, "2026-09-30")
ACCEPTS(test_deadline_quarter__first_quarter_of, "first quarter of 2026", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_quarter__the_fourth_quarter_of, "the fourth quarter of 2025", QUARTER,
        "2025-12-31")
ACCEPTS(test_deadline_quarter__in_the_fourth_quarter_of, "in the fourth quarter of 2025", QUARTER,
        "2025-12-31")
ACCEPTS(test_deadline_quarter__ordinal_in_digits, "2nd quarter 2026", QUARTER, "2026-06-30")
ACCEPTS(test_deadline_quarter__quarter_n_of, "quarter 3 of 2026", QUARTER, "2026-09-30")
ACCEPTS(test_deadline_quarter__by_q, "by Q4 2025", QUARTER, "2025-12-31")
ACCEPTS(test_deadline_quarter__by_end_of_q, "by end of Q4 2025", QUARTER, "2025-12-31")
ACCEPTS(test_deadline_quarter__vn_roman_slash, "quý I/2026", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_quarter__vn_digit_slash, "quý 1/2026", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_quarter__vn_roman_nam, "quý IV năm 2025", QUARTER, "2025-12-31")
ACCEPTS(test_deadline_quarter__vn_roman_three, "quý III/2025", QUARTER, "2025-09-30")
ACCEPTS(test_deadline_quarter__vn_trong_quy, "trong quý IV/2025", QUARTER, "2025-12-31")
ACCEPTS(test_deadline_quarter__vn_without_diacritics, "quy II nam 2026", QUARTER, "2026-06-30")
ACCEPTS(test_deadline_quarter__vn_capitals, "QUÝ IV/2025", QUARTER, "2025-12-31")

/* ---- years: 31 December -------------------------------------------------- */

ACCEPTS(test_deadline_year__in, "in 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__bare, "2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__by, "by 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__by_the_end_of, "by the end of 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__end_of, "end of 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__before_the_end_of, "before the end of 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__vn_nam, "năm 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__vn_trong_nam, "trong năm 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__vn_vao_cuoi_nam, "vào cuối năm 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__vn_den_het_nam, "đến hết năm 2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_year__first_accepted, "1900", YEAR, "1900-12-31")
ACCEPTS(test_deadline_year__last_accepted, "2200", YEAR, "2200-12-31")

/* ---- regular: no due date ------------------------------------------------ */

ACCEPTS(test_deadline_regular__monthly, "monthly", R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__every_month, "every month", R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__quarterly, "quarterly", R57_DEADLINE_QUARTERLY, "none")
ACCEPTS(test_deadline_regular__every_quarter, "every quarter", R57_DEADLINE_QUARTERLY, "none")
ACCEPTS(test_deadline_regular__annually, "annually", R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__yearly, "yearly", R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__every_year, "every year", R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__vn_hang_thang, "hằng tháng", R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__vn_hang_thang_grave, "hàng tháng", R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__vn_hang_quy, "hằng quý", R57_DEADLINE_QUARTERLY, "none")
ACCEPTS(test_deadline_regular__vn_hang_quy_grave, "hàng quý", R57_DEADLINE_QUARTERLY, "none")
ACCEPTS(test_deadline_regular__vn_hang_nam, "hằng năm", R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__vn_hang_nam_grave, "hàng năm", R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__vn_without_diacritics, "hang thang", R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__vn_capitals, "HẰNG NĂM", R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__capital_first_letter, "Hàng tháng", R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__full_stop, "Monthly.", R57_DEADLINE_MONTHLY, "none")

/* ---- none ------------------------------------------------------------------ */

ACCEPTS(test_deadline_none__null, NULL, R57_DEADLINE_NONE, "none")
ACCEPTS(test_deadline_none__empty, "", R57_DEADLINE_NONE, "none")
ACCEPTS(test_deadline_none__blanks, " \t\n ", R57_DEADLINE_NONE, "none")
ACCEPTS(test_deadline_none__no_break_space, "\xc2\xa0", R57_DEADLINE_NONE, "none")

/* ---- how text is read ------------------------------------------------------ */

ACCEPTS(test_deadline_text__ascii_case_ignored, "BY 20 october 2025", DAY, "2025-10-20")
ACCEPTS(test_deadline_text__surrounding_blanks_ignored, "  \tOctober 2025 \n", MONTH, "2025-10-31")
ACCEPTS(test_deadline_text__inner_blanks_are_one, "by   the\tend  of  2026", YEAR, "2026-12-31")
ACCEPTS(test_deadline_text__trailing_full_stop_ignored, "by 20 October 2025.", DAY, "2025-10-20")
ACCEPTS(test_deadline_text__blank_before_full_stop_ignored, "Q1 2026 .", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_text__no_break_space_is_blank, "20\xc2\xa0October\xc2\xa0" "2025", DAY,
        "2025-10-20")

START_TEST(test_deadline_parse__out_pointers_may_be_null)
{
    ck_assert_int_eq(r57_deadline_parse(NULL, NULL, "Q1 2026"), R57_OK);
}
END_TEST

START_TEST(test_deadline_parse__failure_leaves_outputs_unchanged)
{
    r57_deadline_kind_t kind = (r57_deadline_kind_t)42;
    r57_date due = 4242;
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "next week"), R57_EPARSE);
    ck_assert_int_eq(kind, 42);
    ck_assert_int_eq(due, 4242);
}
END_TEST

/* ---- rejections: nothing recognised -------------------------------------- */

REJECTS(test_deadline_reject__unrecognised_after_lead, "by next week", 4, GENERIC("by next week"))
REJECTS(test_deadline_reject__lead_repeated, "by by 2026", 4, GENERIC("by by 2026"))
REJECTS(test_deadline_reject__full_stop_alone, ".", 1, GENERIC("."))
REJECTS(test_deadline_reject__roman_six, "quý VI/2026", 1, GENERIC("quý VI/2026"))
REJECTS(test_deadline_reject__position_counts_original_bytes, "  by   next week", 8,
        GENERIC("  by   next week"))

/* ---- rejections: a part that does not exist -------------------------------- */

REJECTS(test_deadline_reject__31_november, "31 November 2025", 1,
        "deadline '31 November 2025': day 31 does not exist in November 2025")
REJECTS(test_deadline_reject__day_zero, "by the 0th of October 2025", 8,
        "deadline 'by the 0th of October 2025': day 0 does not exist in October 2025")
REJECTS(test_deadline_reject__day_points_at_the_day, "by 2025-02-30", 12,
        "deadline 'by 2025-02-30': day 30 does not exist in February 2025")
REJECTS(test_deadline_reject__month_13_iso, "2025-13", 6, "deadline '2025-13': month 13 is not 1-12")
REJECTS(test_deadline_reject__month_13_slash, "13/2025", 1, "deadline '13/2025': month 13 is not 1-12")
REJECTS(test_deadline_reject__month_zero_in_day, "20/00/2025", 4,
        "deadline '20/00/2025': month 0 is not 1-12")
REJECTS(test_deadline_reject__vn_month_13, "tháng 13/2025", 8,
        "deadline 'tháng 13/2025': month 13 is not 1-12")
REJECTS(test_deadline_reject__quarter_5, "Q5 2026", 2, "deadline 'Q5 2026': quarter 5 is not 1-4")
REJECTS(test_deadline_reject__quarter_0, "2026Q0", 6, "deadline '2026Q0': quarter 0 is not 1-4")
REJECTS(test_deadline_reject__quarter_12, "Q12 2026", 2, "deadline 'Q12 2026': quarter 12 is not 1-4")
REJECTS(test_deadline_reject__vn_quarter_v, "quý V/2026", 6,
        "deadline 'quý V/2026': quarter 5 is not 1-4")
REJECTS(test_deadline_reject__year_before_1900, "in 1899", 4,
        "deadline 'in 1899': year 1899 is outside 1900-2200")
REJECTS(test_deadline_reject__year_after_2200, "2201", 1,
        "deadline '2201': year 2201 is outside 1900-2200")
REJECTS(test_deadline_reject__year_range_in_day, "20/10/1800", 7,
        "deadline '20/10/1800': year 1800 is outside 1900-2200")

/* ---- rejections: a year missing or short ------------------------------------ */

REJECTS(test_deadline_reject__day_without_year, "by 20 October", 14,
        "deadline 'by 20 October': the year is missing")
REJECTS(test_deadline_reject__quarter_without_year, "Q1", 3, "deadline 'Q1': the year is missing")
REJECTS(test_deadline_reject__vn_month_without_year, "tháng 10", 10,
        "deadline 'tháng 10': the year is missing")
REJECTS(test_deadline_reject__two_digit_year, "20/10/25", 7,
        "deadline '20/10/25': year 25 is not written with four digits")
REJECTS(test_deadline_reject__five_digit_year, "20 October 20255", 12,
        "deadline '20 October 20255': year 20255 is not written with four digits")

/* ---- rejections: a lead that does not fit the form --------------------------- */

/* A lead that does not fit the time ("before" a month could be its first
 * day or its last): kept as vague, not refused, no due date guessed. */
ACCEPTS(test_deadline_reject__before_a_month, "before October 2025", R57_DEADLINE_VAGUE, "none")
/* A lead that does not fit the time ("before" a month could be its first
 * day or its last): kept as vague, not refused, no due date guessed. */
ACCEPTS(test_deadline_reject__vn_truoc_a_month, "trước tháng 10/2025", R57_DEADLINE_VAGUE, "none")
/* A lead that does not fit the time ("before" a month could be its first
 * day or its last): kept as vague, not refused, no due date guessed. */
ACCEPTS(test_deadline_reject__before_a_year_quotes_as_written, "BEFORE  2026", R57_DEADLINE_VAGUE, "none")
/* A lead that does not fit the time ("before" a month could be its first
 * day or its last): kept as vague, not refused, no due date guessed. */
ACCEPTS(test_deadline_reject__end_of_a_day, "end of 20 October 2025", R57_DEADLINE_VAGUE, "none")
/* A lead that does not fit the time ("before" a month could be its first
 * day or its last): kept as vague, not refused, no due date guessed. */
ACCEPTS(test_deadline_reject__vn_ngay_a_year, "ngày 2026", R57_DEADLINE_VAGUE, "none")
/* A lead that does not fit the time ("before" a month could be its first
 * day or its last): kept as vague, not refused, no due date guessed. */
ACCEPTS(test_deadline_reject__on_a_quarter, "on Q1 2026", R57_DEADLINE_VAGUE, "none")

/* ---- rejections: text after the deadline ------------------------------------- */

REJECTS(test_deadline_reject__text_after_a_day, "October 20, 2025 or later", 18,
        "deadline 'October 20, 2025 or later': unexpected 'or later' after 'October 20, 2025'")
REJECTS(test_deadline_reject__text_after_a_year, "2026 Q1", 6,
        "deadline '2026 Q1': unexpected 'Q1' after '2026'")
REJECTS(test_deadline_reject__regular_with_more_text, "monthly provide data", 9,
        "deadline 'monthly provide data': unexpected 'provide data' after 'monthly'")

/* ---- rejections: length ---------------------------------------------------- */

START_TEST(test_deadline_reject__too_long)
{
    char text[202];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    expect_error(text, 201,
                 "deadline 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is longer than 200 bytes");
}
END_TEST

/* 200 bytes folded is the limit: a text of exactly 200 is read (these
 * words name no time: vague), 201 is refused (test_deadline_reject__too_long). */
START_TEST(test_deadline_parse__at_the_length_limit)
{
    char text[201];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    expect_ok(text, R57_DEADLINE_VAGUE, "none");
}
END_TEST

/* Blanks fold to one, so the text as written may be far longer than the
 * limit; the message quotes it and its parts whole (the part quoted here
 * is 711 bytes; the message's detail was cut at 599 bytes before). */
START_TEST(test_deadline_reject__quotes_long_texts_whole)
{
    char text[800], rest[800], message[2000];
    snprintf(rest, sizeof rest, "provide%700sdata", "");
    snprintf(text, sizeof text, "2025 %s", rest);
    snprintf(message, sizeof message, "deadline '%s': unexpected '%s' after '2025'", text, rest);
    expect_error(text, 6, message);
}
END_TEST

START_TEST(test_deadline_reject__too_long_quote_cuts_between_characters)
{
    /* "a" and 120 × "ý" (2 bytes each): byte 40 is the middle of a "ý",
     * so the quote keeps 39 bytes and stays valid UTF-8. */
    char text[242] = "a";
    for (int i = 0; i < 120; i++)
        memcpy(text + 1 + 2 * i, "\xc3\xbd", 2);
    text[241] = '\0';
    ck_assert_int_eq(r57_deadline_parse(NULL, NULL, text), R57_EPARSE);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "deadline 'a\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd"
                     "\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd"
                     "\xc3\xbd\xc3\xbd\xc3\xbd\xc3\xbd...' is longer than 200 bytes");
}
END_TEST

START_TEST(test_deadline_reject__long_runs_of_blanks_do_not_count)
{
    char text[600];
    memset(text, ' ', sizeof text);
    memcpy(text + 200, "Q1", 2);
    memcpy(text + 400, "2026", 4);
    text[sizeof text - 1] = '\0';
    expect_ok(text, QUARTER, "2026-03-31");
}
END_TEST

/* ---- leap years -------------------------------------------------------------- */

ACCEPTS(test_deadline_leap__29_february_2024, "29/02/2024", DAY, "2024-02-29")
ACCEPTS(test_deadline_leap__29_february_2000, "29 February 2000", DAY, "2000-02-29")
ACCEPTS(test_deadline_leap__february_2024_ends_on_29th, "February 2024", MONTH, "2024-02-29")
ACCEPTS(test_deadline_leap__february_2025_ends_on_28th, "tháng 2/2025", MONTH, "2025-02-28")
REJECTS(test_deadline_leap__29_february_2025, "29/02/2025", 1,
        "deadline '29/02/2025': day 29 does not exist in February 2025")
REJECTS(test_deadline_leap__29_february_2100, "2100-02-29", 9,
        "deadline '2100-02-29': day 29 does not exist in February 2100")

/* ---- half-years ------------------------------------------------------------ */

#define HALF R57_DEADLINE_HALF
#define ONGOING R57_DEADLINE_ONGOING
#define EVENT R57_DEADLINE_EVENT
#define VAGUE R57_DEADLINE_VAGUE
/* "quý" with its acute accent as a combining mark (NFD), and the like. */
#define NFD_QUY "quy\xcc\x81"
#define NFD_THANG "tha\xcc\x81ng"
#define NFD_DAU "\xc4\x91\xc3\xa2\xcc\x80u"             /* đ + â + U+0300 */
#define NFD_NAM "na\xcc\x86m"
#define NFD_HANG "ha\xcc\x86\xcc\x80ng"                 /* a + breve + grave */

ACCEPTS(test_deadline_half__h1, "H1 2026", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__h2_slash, "H2/2026", HALF, "2026-12-31")
ACCEPTS(test_deadline_half__year_first, "2026H1", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__year_dash_half, "2026-H2", HALF, "2026-12-31")
ACCEPTS(test_deadline_half__first_half_of, "first half of 2026", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__second_half_of, "second half of 2026", HALF, "2026-12-31")
ACCEPTS(test_deadline_half__the_2nd_half, "by the end of the 2nd half of 2026", HALF,
        "2026-12-31")
ACCEPTS(test_deadline_half__capitals, "FIRST HALF OF 2026", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__vn_6_thang_dau_nam, "6 tháng đầu năm 2026", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__vn_6_thang_cuoi_nam, "6 tháng cuối năm 2026", HALF, "2026-12-31")
ACCEPTS(test_deadline_half__vn_sau_thang_dau_nam, "sáu tháng đầu năm 2026", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__vn_nua_dau_nam, "nửa đầu năm 2026", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__vn_nua_cuoi_nam, "nửa cuối năm 2026", HALF, "2026-12-31")
ACCEPTS(test_deadline_half__vn_trong, "trong 6 tháng đầu năm 2026", HALF, "2026-06-30")
ACCEPTS(test_deadline_half__vn_without_diacritics, "6 thang cuoi nam 2026", HALF, "2026-12-31")
ACCEPTS(test_deadline_half__vn_nfd, "6 " NFD_THANG " " NFD_DAU " " NFD_NAM " 2026", HALF,
        "2026-06-30")
ACCEPTS(test_deadline_half__vn_capitals, "6 THÁNG CUỐI NĂM 2026", HALF, "2026-12-31")
REJECTS(test_deadline_half__h3, "H3 2026", 2, "deadline 'H3 2026': half 3 is not 1-2")
REJECTS(test_deadline_half__h0_year_first, "2026-H0", 7, "deadline '2026-H0': half 0 is not 1-2")
REJECTS(test_deadline_half__without_year, "first half", 11,
        "deadline 'first half': the year is missing")
REJECTS(test_deadline_half__vn_without_year, "6 tháng đầu năm", 21,
        "deadline '6 tháng đầu năm': the year is missing")
/* A lead that does not fit the time ("before" a month could be its first
 * day or its last): kept as vague, not refused, no due date guessed. */
ACCEPTS(test_deadline_half__before, "before H1 2026", R57_DEADLINE_VAGUE, "none")
REJECTS(test_deadline_half__vn_nine_months_is_not_a_half, "9 tháng đầu năm 2026", 1,
        GENERIC("9 tháng đầu năm 2026"))

/* ---- half-yearly: regular, every half-year ----------------------------------- */

#define HALF_YEARLY R57_DEADLINE_HALF_YEARLY
#define NFD_DINH_KY "\xc4\x91i\xcc\xa3nh ky\xcc\x80"          /* i + dot below; y + grave */
#define NFD_MOT_LAN "mo\xcc\xa3\xcc\x82t la\xcc\x82\xcc\x80n" /* o + dot below + circumflex */

ACCEPTS(test_deadline_half_yearly__semi_annually, "semi-annually", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__semiannually, "semiannually", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__half_yearly, "half-yearly", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__capitals, "Half-Yearly", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__every_six_months, "every six months", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__every_6_months, "every 6 months", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__twice_a_year, "twice a year", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__biannually, "biannually", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__on_a_half_yearly_basis, "on a half-yearly basis", HALF_YEARLY,
        "none")
ACCEPTS(test_deadline_half_yearly__full_stop, "Semi-annually.", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_dinh_ky_6_thang, "định kỳ 6 tháng", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_hang_6_thang, "hằng 6 tháng", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_hang_6_thang_grave, "hàng 6 tháng", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_moi_6_thang, "mỗi 6 tháng", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_6_thang_mot_lan, "6 tháng một lần", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_sau_thang_mot_lan, "sáu tháng một lần", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_6_thang_slash_lan, "6 tháng/lần", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_dinh_ky_6_thang_mot_lan, "định kỳ 6 tháng một lần",
        HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_dinh_ky_hang_6_thang, "định kỳ hằng 6 tháng", HALF_YEARLY,
        "none")
ACCEPTS(test_deadline_half_yearly__vn_moi_nua_nam, "mỗi nửa năm", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_without_diacritics, "dinh ky 6 thang", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_capitals, "ĐỊNH KỲ 6 THÁNG", HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_nfd_dinh_ky, NFD_DINH_KY " 6 " NFD_THANG, HALF_YEARLY, "none")
ACCEPTS(test_deadline_half_yearly__vn_nfd_mot_lan, "6 " NFD_THANG " " NFD_MOT_LAN, HALF_YEARLY,
        "none")
/* "6 tháng" alone is a length of time, not a recurrence. */
REJECTS(test_deadline_half_yearly__vn_6_thang_alone_is_not_regular, "6 tháng", 1,
        GENERIC("6 tháng"))
/* As for "báo cáo định kỳ hằng tháng": the work goes in the task. */
REJECTS(test_deadline_half_yearly__vn_bao_cao_6_thang_is_not_a_deadline, "báo cáo 6 tháng", 1,
        GENERIC("báo cáo 6 tháng"))
REJECTS(test_deadline_half_yearly__trailing_words, "semi-annually report", 15,
        "deadline 'semi-annually report': unexpected 'report' after 'semi-annually'")
REJECTS(test_deadline_half_yearly__vn_trailing_words, "6 tháng một lần báo cáo", 22,
        "deadline '6 tháng một lần báo cáo': unexpected 'báo cáo' after '6 tháng một lần'")

/* ---- regular phrases with a prefix ------------------------------------------ */

ACCEPTS(test_deadline_regular__vn_dinh_ky_hang_quy, "định kỳ hằng quý", R57_DEADLINE_QUARTERLY,
        "none")
ACCEPTS(test_deadline_regular__vn_dinh_ky_hang_thang, "định kỳ hàng tháng",
        R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__vn_dinh_ky_without_diacritics, "dinh ky hang nam",
        R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__vn_moi_thang, "mỗi tháng", R57_DEADLINE_MONTHLY, "none")
ACCEPTS(test_deadline_regular__vn_nfd_hang_quy, NFD_HANG " " NFD_QUY, R57_DEADLINE_QUARTERLY,
        "none")
ACCEPTS(test_deadline_regular__vn_hang_quy_bare, "hang quy", R57_DEADLINE_QUARTERLY, "none")
ACCEPTS(test_deadline_regular__each_year, "each year", R57_DEADLINE_ANNUALLY, "none")
ACCEPTS(test_deadline_regular__each_quarter, "Each quarter", R57_DEADLINE_QUARTERLY, "none")
ACCEPTS(test_deadline_regular__on_a_monthly_basis, "on a monthly basis", R57_DEADLINE_MONTHLY,
        "none")
ACCEPTS(test_deadline_regular__once_a_year, "once a year", R57_DEADLINE_ANNUALLY, "none")
REJECTS(test_deadline_regular__monthly_report_is_not_a_deadline, "monthly report", 9,
        "deadline 'monthly report': unexpected 'report' after 'monthly'")
REJECTS(test_deadline_regular__vn_bao_cao_dinh_ky_is_not_a_deadline,
        "báo cáo định kỳ hằng tháng", 1, GENERIC("báo cáo định kỳ hằng tháng"))

/* ---- ongoing work --------------------------------------------------------- */

ACCEPTS(test_deadline_ongoing__vn_thuong_xuyen, "thường xuyên", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__vn_lien_tuc, "liên tục", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__vn_both, "Thường xuyên, liên tục", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__vn_without_diacritics, "thuong xuyen", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__vn_nfd, "thu\xcc\x9b\xcc\x80o\xcc\x9bng xuye\xcc\x82n", ONGOING,
        "none")
ACCEPTS(test_deadline_ongoing__vn_hang_ngay, "hằng ngày", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__ongoing, "ongoing", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__continuously, "Continuously", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__continuous, "continuous", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__regularly_is_not_monthly, "regularly", ONGOING, "none")
ACCEPTS(test_deadline_ongoing__daily, "daily", ONGOING, "none")
REJECTS(test_deadline_ongoing__with_more_text, "thường xuyên cập nhật", 18,
        "deadline 'thường xuyên cập nhật': unexpected 'cập nhật' after 'thường xuyên'")

/* ---- deadlines tied to an event ----------------------------------------------- */

ACCEPTS(test_deadline_event__vn_cung_voi, "cùng với dự án luật", EVENT, "none")
ACCEPTS(test_deadline_event__vn_dong_thoi_voi, "đồng thời với việc trình Đề án", EVENT, "none")
ACCEPTS(test_deadline_event__vn_sau_khi, "sau khi Nghị định được ban hành", EVENT, "none")
ACCEPTS(test_deadline_event__vn_without_diacritics, "cung voi du an luat", EVENT, "none")
ACCEPTS(test_deadline_event__vn_nfd, "cu\xcc\x80ng vo\xcc\x9b\xcc\x81i du\xcc\x9b\xcc\xa3 a\xcc\x81n luật",
        EVENT, "none")
ACCEPTS(test_deadline_event__together_with, "together with the draft law", EVENT, "none")
ACCEPTS(test_deadline_event__at_the_same_time_as, "At the same time as the report", EVENT,
        "none")
ACCEPTS(test_deadline_event__when_takes_effect, "when the law takes effect", EVENT, "none")
ACCEPTS(test_deadline_event__after_issued, "after the Decree is issued", EVENT, "none")
ACCEPTS(test_deadline_event__may_name_a_decree_number, "after Decree 15/2025/ND-CP is issued",
        EVENT, "none")
REJECTS(test_deadline_event__after_a_date_is_not_an_event, "after 20 October 2025", 1,
        GENERIC("after 20 October 2025"))
REJECTS(test_deadline_event__after_a_month_is_not_an_event, "after October 2025", 1,
        GENERIC("after October 2025"))

/* ---- vague words and the boundary with errors ------------------------------------ */

ACCEPTS(test_deadline_vague__vn_ngay, "ngay", VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_ngay_lap_tuc, "ngay lập tức", VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_som, "sớm", VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_khan_truong, "Khẩn trương", VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_khan_truong_nfd, "Kha\xcc\x82\xcc\x89n tru\xcc\x9bo\xcc\x9bng",
        VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_kip_thoi, "kịp thời", VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_khi_co_yeu_cau, "khi có yêu cầu", VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_khi_co_yeu_cau_bare, "KHI CO YEU CAU", VAGUE, "none")
ACCEPTS(test_deadline_vague__as_soon_as_possible, "as soon as possible", VAGUE, "none")
ACCEPTS(test_deadline_vague__soon, "soon", VAGUE, "none")
ACCEPTS(test_deadline_vague__immediately, "Immediately", VAGUE, "none")
ACCEPTS(test_deadline_vague__promptly, "promptly", VAGUE, "none")
ACCEPTS(test_deadline_vague__urgently, "urgently.", VAGUE, "none")
ACCEPTS(test_deadline_vague__when_required, "when required", VAGUE, "none")
ACCEPTS(test_deadline_vague__when_required_by_whom, "when required by the Ministry", VAGUE,
        "none")
ACCEPTS(test_deadline_vague__in_time, "in time", VAGUE, "none")
ACCEPTS(test_deadline_vague__words_naming_no_time, "soonish", VAGUE, "none")
ACCEPTS(test_deadline_vague__as_appropriate, "as appropriate", VAGUE, "none")
ACCEPTS(test_deadline_vague__lead_alone, "by", VAGUE, "none")
ACCEPTS(test_deadline_vague__vn_quy_dinh_is_not_a_quarter, "theo quy định", VAGUE, "none")
ACCEPTS(test_deadline_vague__may_is_not_a_month, "as the Ministry may decide", VAGUE, "none")
REJECTS(test_deadline_vague__a_digit_is_an_error, "soon 2026", 1, GENERIC("soon 2026"))
REJECTS(test_deadline_vague__week_is_an_error, "by next week", 4, GENERIC("by next week"))
REJECTS(test_deadline_vague__weekly_is_an_error, "weekly", 1, GENERIC("weekly"))
REJECTS(test_deadline_vague__vn_tuan_is_an_error, "hằng tuần", 1, GENERIC("hằng tuần"))
/* Column 6: after the lead "ngày", as "by next week" points after "by". */
REJECTS(test_deadline_vague__vn_ngay_with_diacritics_is_an_error, "ngày", 6, GENERIC("ngày"))
REJECTS(test_deadline_vague__month_name_is_an_error, "early October", 1,
        GENERIC("early October"))
REJECTS(test_deadline_vague__no_word_is_an_error, "-", 1, GENERIC("-"))
REJECTS(test_deadline_vague__impossible_day_still_fails, "31/02/2026", 1,
        "deadline '31/02/2026': day 31 does not exist in February 2026")
REJECTS(test_deadline_vague__impossible_iso_day_still_fails, "2026-02-30", 9,
        "deadline '2026-02-30': day 30 does not exist in February 2026")
REJECTS(test_deadline_vague__vn_month_13_still_fails, "tháng 13/2026", 8,
        "deadline 'tháng 13/2026': month 13 is not 1-12")
REJECTS(test_deadline_vague__unknown_month_still_fails, "by 31 Febtober 2026", 4,
        GENERIC("by 31 Febtober 2026"))

/* ---- NFD, case and diacritics for the forms that were there ------------------------- */

ACCEPTS(test_deadline_text__nfd_quy, NFD_QUY " IV/2025", QUARTER, "2025-12-31")
ACCEPTS(test_deadline_text__quy_without_diacritics, "Quy IV/2025", QUARTER, "2025-12-31")
ACCEPTS(test_deadline_text__truoc_ngay_without_diacritics, "truoc ngay 15/11/2025", DAY,
        "2025-11-15")
ACCEPTS(test_deadline_text__nfd_truoc_ngay,
        "tru\xcc\x9bo\xcc\x9b\xcc\x81" "c nga\xcc\x80y 15/11/2025", DAY, "2025-11-15")
ACCEPTS(test_deadline_text__nfd_capitals, "QU" "Y\xcc\x81 I/2026", QUARTER, "2026-03-31")
ACCEPTS(test_deadline_text__marks_in_any_order, "tru\xcc\x81\xcc\x9bo\xcc\x9b" "c ngày 1/2/2026",
        DAY, "2026-02-01")
ACCEPTS(test_deadline_text__fullwidth_digits, "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96",
        YEAR, "2026-12-31")
REJECTS(test_deadline_text__nfd_error_column_counts_original_bytes, NFD_QUY " V/2026", 7,
        "deadline '" NFD_QUY " V/2026': quarter 5 is not 1-4")
REJECTS(test_deadline_text__nfd_trailing_quotes_original, NFD_QUY " I/2026 " NFD_HANG, 14,
        "deadline '" NFD_QUY " I/2026 " NFD_HANG "': unexpected '" NFD_HANG "' after '" NFD_QUY
        " I/2026'")


/* ---- kinds --------------------------------------------------------------------- */

START_TEST(test_deadline_kind__names)
{
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_NONE), "none");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_DAY), "day");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_MONTH), "month");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_QUARTER), "quarter");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_YEAR), "year");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_MONTHLY), "monthly");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_QUARTERLY), "quarterly");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_ANNUALLY), "annually");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_HALF), "half");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_ONGOING), "ongoing");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_EVENT), "event");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_VAGUE), "vague");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_HALF_YEARLY), "half_yearly");
    ck_assert_str_eq(r57_deadline_kind_name(R57_DEADLINE_RANGE), "range");
}
END_TEST

START_TEST(test_deadline_kind__unknown_has_no_name)
{
    ck_assert_ptr_null(r57_deadline_kind_name(-1));
    ck_assert_ptr_null(r57_deadline_kind_name(14));
}
END_TEST

START_TEST(test_deadline_kind__regular_kinds)
{
    ck_assert_int_ne(r57_deadline_kind_is_regular(R57_DEADLINE_MONTHLY), 0);
    ck_assert_int_ne(r57_deadline_kind_is_regular(R57_DEADLINE_QUARTERLY), 0);
    ck_assert_int_ne(r57_deadline_kind_is_regular(R57_DEADLINE_ANNUALLY), 0);
    ck_assert_int_ne(r57_deadline_kind_is_regular(R57_DEADLINE_HALF_YEARLY), 0);
}
END_TEST

START_TEST(test_deadline_kind__other_kinds_are_not_regular)
{
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_NONE), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_DAY), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_MONTH), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_QUARTER), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_YEAR), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_HALF), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_ONGOING), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_EVENT), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(R57_DEADLINE_VAGUE), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(13), 0);
    ck_assert_int_eq(r57_deadline_kind_is_regular(-1), 0);
}
END_TEST

/* ---- instances of regular tasks ------------------------------------------------- */

START_TEST(test_deadline_instance__monthly_is_the_month)
{
    expect_instance(R57_DEADLINE_MONTHLY, "2025-11-03", "2025-11-01", "2025-11-30");
}
END_TEST

START_TEST(test_deadline_instance__monthly_leap_february)
{
    expect_instance(R57_DEADLINE_MONTHLY, "2024-02-10", "2024-02-01", "2024-02-29");
}
END_TEST

START_TEST(test_deadline_instance__monthly_on_its_last_day)
{
    expect_instance(R57_DEADLINE_MONTHLY, "2025-12-31", "2025-12-01", "2025-12-31");
}
END_TEST

START_TEST(test_deadline_instance__quarterly_is_the_quarter)
{
    expect_instance(R57_DEADLINE_QUARTERLY, "2025-11-03", "2025-10-01", "2025-12-31");
}
END_TEST

START_TEST(test_deadline_instance__quarterly_on_its_first_day)
{
    expect_instance(R57_DEADLINE_QUARTERLY, "2026-04-01", "2026-04-01", "2026-06-30");
}
END_TEST

START_TEST(test_deadline_instance__quarterly_on_its_last_day)
{
    expect_instance(R57_DEADLINE_QUARTERLY, "2026-03-31", "2026-01-01", "2026-03-31");
}
END_TEST

START_TEST(test_deadline_instance__half_yearly_first_half)
{
    expect_instance(R57_DEADLINE_HALF_YEARLY, "2026-03-15", "2026-01-01", "2026-06-30");
}
END_TEST

START_TEST(test_deadline_instance__half_yearly_second_half)
{
    expect_instance(R57_DEADLINE_HALF_YEARLY, "2026-11-03", "2026-07-01", "2026-12-31");
}
END_TEST

START_TEST(test_deadline_instance__half_yearly_on_its_edges)
{
    expect_instance(R57_DEADLINE_HALF_YEARLY, "2026-06-30", "2026-01-01", "2026-06-30");
    expect_instance(R57_DEADLINE_HALF_YEARLY, "2026-07-01", "2026-07-01", "2026-12-31");
}
END_TEST

START_TEST(test_deadline_instance__annually_is_the_calendar_year)
{
    expect_instance(R57_DEADLINE_ANNUALLY, "2026-06-30", "2026-01-01", "2026-12-31");
}
END_TEST

START_TEST(test_deadline_instance__out_pointers_may_be_null)
{
    r57_date due = 0;
    char buf[16];
    ck_assert_int_eq(r57_deadline_instance(NULL, NULL, R57_DEADLINE_MONTHLY, D("2026-01-15")),
                     R57_OK);
    ck_assert_int_eq(r57_deadline_instance(NULL, &due, R57_DEADLINE_MONTHLY, D("2026-01-15")),
                     R57_OK);
    ck_assert_str_eq(iso(buf, due), "2026-01-31");
}
END_TEST

START_TEST(test_deadline_instance__rejects_a_kind_that_is_not_regular)
{
    ck_assert_int_eq(r57_deadline_instance(NULL, NULL, R57_DEADLINE_MONTH, D("2026-06-30")),
                     R57_EINVAL);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "r57_deadline_instance: kind 2 is not a regular deadline");
}
END_TEST

START_TEST(test_deadline_instance__rejects_the_kind_none)
{
    ck_assert_int_eq(r57_deadline_instance(NULL, NULL, R57_DEADLINE_NONE, D("2026-06-30")),
                     R57_EINVAL);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "r57_deadline_instance: kind 0 is not a regular deadline");
}
END_TEST

START_TEST(test_deadline_instance__rejects_an_unknown_kind)
{
    ck_assert_int_eq(r57_deadline_instance(NULL, NULL, 99, D("2026-06-30")), R57_EINVAL);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "r57_deadline_instance: kind 99 is not a regular deadline");
}
END_TEST

START_TEST(test_deadline_instance__rejects_no_date)
{
    ck_assert_int_eq(r57_deadline_instance(NULL, NULL, R57_DEADLINE_MONTHLY, R57_DATE_NONE),
                     R57_EINVAL);
    ck_assert_str_eq(r57_error_message(r57_error_last()), "r57_deadline_instance: no date");
}
END_TEST

START_TEST(test_deadline_instance__failure_leaves_outputs_unchanged)
{
    r57_date start = 7, due = 8;
    ck_assert_int_eq(r57_deadline_instance(&start, &due, R57_DEADLINE_DAY, D("2026-06-30")),
                     R57_EINVAL);
    ck_assert_int_eq(start, 7);
    ck_assert_int_eq(due, 8);
}
END_TEST

/* ---- the suite ------------------------------------------------------------------ */


/* A regular phrase with a clause after a comma: the period is tracked. */
START_TEST(test_deadline_regular__with_a_clause_after_a_comma)
{
    r57_deadline_kind_t kind;
    r57_date due;
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "Hằng quý, trước ngày 20 của tháng cuối quý"), R57_OK);
    ck_assert_int_eq(kind, R57_DEADLINE_QUARTERLY);
    ck_assert_int_eq(due, R57_DATE_NONE);
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "monthly, by the 5th"), R57_OK);
    ck_assert_int_eq(kind, R57_DEADLINE_MONTHLY);
    /* Without the comma, more words are still refused. */
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "monthly report"), R57_EPARSE);
}
END_TEST

/* A range of years is due at the end of its last year. */
START_TEST(test_deadline_range__years)
{
    static const char *const texts[] = { "Giai đoạn 2026-2030", "giai đoạn 2026 – 2030",
                                         "2026–2030", "năm 2026 - 2030", "từ năm 2026 đến năm 2030",
                                         "from 2026 to 2030", "in the period 2026-2030",
                                         "Giai doan 2026-2030" };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        r57_deadline_kind_t kind;
        r57_date due;
        ck_assert_msg(r57_deadline_parse(&kind, &due, texts[i]) == R57_OK, "%s: %s", texts[i],
                      r57_error_message(r57_error_last()));
        ck_assert_int_eq(kind, R57_DEADLINE_RANGE);
        ck_assert_int_eq(due, D("2030-12-31"));
    }
    r57_deadline_kind_t kind;
    ck_assert_int_eq(r57_deadline_parse(&kind, NULL, "giai đoạn 2030-2026"), R57_EPARSE);
    ck_assert_str_eq(r57_error_message(r57_error_last()),
                     "deadline 'giai đoạn 2030-2026': the range of years ends (2026) before it "
                     "starts (2030)");
}
END_TEST

/* Months of one year are due at the end of the last; a part of a year is
 * vague; a clause in brackets or after a comma follows the time. */
START_TEST(test_deadline_spans_loose_years_and_clauses)
{
    r57_deadline_kind_t kind;
    r57_date due;
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "tháng 10-11/2025"), R57_OK);
    ck_assert_int_eq(kind, R57_DEADLINE_MONTH);
    ck_assert_int_eq(due, D("2025-11-30"));
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "tháng 11-10/2025"), R57_EPARSE);
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "đầu năm 2026"), R57_OK);
    ck_assert_int_eq(kind, R57_DEADLINE_VAGUE);
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "mid-2026"), R57_OK);
    ck_assert_int_eq(kind, R57_DEADLINE_VAGUE);
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "trước ngày 20/10/2025 (Báo cáo Thủ tướng)"),
                     R57_OK);
    ck_assert_int_eq(kind, R57_DEADLINE_DAY);
    ck_assert_int_eq(due, D("2025-10-20"));
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "Quý IV/2025, báo cáo kết quả"), R57_OK);
    ck_assert_int_eq(kind, R57_DEADLINE_QUARTER);
    /* An impossible date is still refused, with or without a clause. */
    ck_assert_int_eq(r57_deadline_parse(&kind, &due, "31/02/2026 (báo cáo)"), R57_EPARSE);
}
END_TEST

/* Forms of official translations and provincial plans (a second review's
 * sheets): each was refused once. */
START_TEST(test_deadline_review__forms_of_real_plans)
{
    static const struct {
        const char *text;
        r57_deadline_kind_t kind;
        const char *due;
    } cases[] = {
        { "Quarter IV of 2025", R57_DEADLINE_QUARTER, "2025-12-31" },
        { "Quarter 4, 2025", R57_DEADLINE_QUARTER, "2025-12-31" },
        { "In 2026 and the following years", R57_DEADLINE_YEAR, "2026-12-31" },
        { "Năm 2026 và các năm tiếp theo", R57_DEADLINE_YEAR, "2026-12-31" },
        { "Quý IV/2025 và hằng năm", R57_DEADLINE_QUARTER, "2025-12-31" },
        { "Before December 15, annually", R57_DEADLINE_ANNUALLY, NULL },
        { "Trước ngày 15/12 hằng năm", R57_DEADLINE_ANNUALLY, NULL },
        { "Hằng năm (trước ngày 15/12)", R57_DEADLINE_ANNUALLY, NULL },
        { "Thường xuyên, hằng năm", R57_DEADLINE_ONGOING, NULL },
        { "Từ năm 2026", R57_DEADLINE_ONGOING, NULL },
        { "Continuously from 2025", R57_DEADLINE_ONGOING, NULL },
        { "In the 2026-2030 period", R57_DEADLINE_RANGE, "2030-12-31" },
        { "Hoàn thành trong năm 2026", R57_DEADLINE_YEAR, "2026-12-31" },
        { "Cùng thời điểm trình dự án Luật", R57_DEADLINE_EVENT, NULL },
        { "Right after the Decree is promulgated", R57_DEADLINE_EVENT, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r57_deadline_kind_t kind;
        r57_date due;
        ck_assert_msg(r57_deadline_parse(&kind, &due, cases[i].text) == R57_OK, "%s: %s",
                      cases[i].text, r57_error_message(r57_error_last()));
        ck_assert_msg(kind == cases[i].kind, "%s: kind %s", cases[i].text,
                      r57_deadline_kind_name(kind));
        if (cases[i].due)
            ck_assert_int_eq(due, D(cases[i].due));
        else
            ck_assert_int_eq(due, R57_DATE_NONE);
    }
    /* The work named with a period is still no deadline. */
    r57_deadline_kind_t kind;
    ck_assert_int_eq(r57_deadline_parse(&kind, NULL, "báo cáo định kỳ hằng tháng"), R57_EPARSE);
}
END_TEST

static Suite *deadline_suite(void)
{
    Suite *s = suite_create("deadline");
    TCase *tc;

    tc = tcase_create("notice_07");
    tcase_add_test(tc, test_deadline_regular__with_a_clause_after_a_comma);
    tcase_add_test(tc, test_deadline_range__years);
    tcase_add_test(tc, test_deadline_review__forms_of_real_plans);
    tcase_add_test(tc, test_deadline_spans_loose_years_and_clauses);
    tcase_add_test(tc, test_deadline_notice_07__every_deadline_text);
    suite_add_tcase(s, tc);

    tc = tcase_create("accepted");
    tcase_add_test(tc, test_deadline_day__by_day_month_year);
    tcase_add_test(tc, test_deadline_day__day_month_year);
    tcase_add_test(tc, test_deadline_day__month_day_comma_year);
    tcase_add_test(tc, test_deadline_day__month_day_year);
    tcase_add_test(tc, test_deadline_day__before);
    tcase_add_test(tc, test_deadline_day__no_later_than);
    tcase_add_test(tc, test_deadline_day__on);
    tcase_add_test(tc, test_deadline_day__abbreviated_month);
    tcase_add_test(tc, test_deadline_day__abbreviation_with_full_stop);
    tcase_add_test(tc, test_deadline_day__sept);
    tcase_add_test(tc, test_deadline_day__ordinal_suffix);
    tcase_add_test(tc, test_deadline_day__ordinal_suffix_of);
    tcase_add_test(tc, test_deadline_day__month_first_ordinal);
    tcase_add_test(tc, test_deadline_day__iso);
    tcase_add_test(tc, test_deadline_day__slashes);
    tcase_add_test(tc, test_deadline_day__dashes);
    tcase_add_test(tc, test_deadline_day__dots);
    tcase_add_test(tc, test_deadline_day__single_digits_are_day_then_month);
    tcase_add_test(tc, test_deadline_day__vn_truoc_ngay);
    tcase_add_test(tc, test_deadline_day__vn_ngay);
    tcase_add_test(tc, test_deadline_day__vn_cham_nhat_ngay);
    tcase_add_test(tc, test_deadline_day__vn_cham_nhat_la_ngay);
    tcase_add_test(tc, test_deadline_day__vn_vao_ngay);
    tcase_add_test(tc, test_deadline_day__vn_in_words);
    tcase_add_test(tc, test_deadline_day__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_day__vn_capitals);
    tcase_add_test(tc, test_deadline_month__name_year);
    tcase_add_test(tc, test_deadline_month__thirty_days);
    tcase_add_test(tc, test_deadline_month__abbreviated);
    tcase_add_test(tc, test_deadline_month__name_comma_year);
    tcase_add_test(tc, test_deadline_month__name_of_year);
    tcase_add_test(tc, test_deadline_month__in);
    tcase_add_test(tc, test_deadline_month__by);
    tcase_add_test(tc, test_deadline_month__by_the_end_of);
    tcase_add_test(tc, test_deadline_month__iso);
    tcase_add_test(tc, test_deadline_month__slash);
    tcase_add_test(tc, test_deadline_month__vn_thang_slash);
    tcase_add_test(tc, test_deadline_month__vn_thang_nam);
    tcase_add_test(tc, test_deadline_month__vn_trong_thang);
    tcase_add_test(tc, test_deadline_month__vn_cuoi_thang);
    tcase_add_test(tc, test_deadline_month__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_month__vn_capitals);
    tcase_add_test(tc, test_deadline_quarter__q_space_year);
    tcase_add_test(tc, test_deadline_quarter__q_slash_year);
    tcase_add_test(tc, test_deadline_quarter__year_q);
    tcase_add_test(tc, test_deadline_quarter__year_dash_q);
    tcase_add_test(tc, test_deadline_quarter__second_ends_in_june);
    tcase_add_test(tc, test_deadline_quarter__third_ends_in_september);
    tcase_add_test(tc, test_deadline_quarter__first_quarter_of);
    tcase_add_test(tc, test_deadline_quarter__the_fourth_quarter_of);
    tcase_add_test(tc, test_deadline_quarter__in_the_fourth_quarter_of);
    tcase_add_test(tc, test_deadline_quarter__ordinal_in_digits);
    tcase_add_test(tc, test_deadline_quarter__quarter_n_of);
    tcase_add_test(tc, test_deadline_quarter__by_q);
    tcase_add_test(tc, test_deadline_quarter__by_end_of_q);
    tcase_add_test(tc, test_deadline_quarter__vn_roman_slash);
    tcase_add_test(tc, test_deadline_quarter__vn_digit_slash);
    tcase_add_test(tc, test_deadline_quarter__vn_roman_nam);
    tcase_add_test(tc, test_deadline_quarter__vn_roman_three);
    tcase_add_test(tc, test_deadline_quarter__vn_trong_quy);
    tcase_add_test(tc, test_deadline_quarter__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_quarter__vn_capitals);
    tcase_add_test(tc, test_deadline_year__in);
    tcase_add_test(tc, test_deadline_year__bare);
    tcase_add_test(tc, test_deadline_year__by);
    tcase_add_test(tc, test_deadline_year__by_the_end_of);
    tcase_add_test(tc, test_deadline_year__end_of);
    tcase_add_test(tc, test_deadline_year__before_the_end_of);
    tcase_add_test(tc, test_deadline_year__vn_nam);
    tcase_add_test(tc, test_deadline_year__vn_trong_nam);
    tcase_add_test(tc, test_deadline_year__vn_vao_cuoi_nam);
    tcase_add_test(tc, test_deadline_year__vn_den_het_nam);
    tcase_add_test(tc, test_deadline_year__first_accepted);
    tcase_add_test(tc, test_deadline_year__last_accepted);
    tcase_add_test(tc, test_deadline_regular__monthly);
    tcase_add_test(tc, test_deadline_regular__every_month);
    tcase_add_test(tc, test_deadline_regular__quarterly);
    tcase_add_test(tc, test_deadline_regular__every_quarter);
    tcase_add_test(tc, test_deadline_regular__annually);
    tcase_add_test(tc, test_deadline_regular__yearly);
    tcase_add_test(tc, test_deadline_regular__every_year);
    tcase_add_test(tc, test_deadline_regular__vn_hang_thang);
    tcase_add_test(tc, test_deadline_regular__vn_hang_thang_grave);
    tcase_add_test(tc, test_deadline_regular__vn_hang_quy);
    tcase_add_test(tc, test_deadline_regular__vn_hang_quy_grave);
    tcase_add_test(tc, test_deadline_regular__vn_hang_nam);
    tcase_add_test(tc, test_deadline_regular__vn_hang_nam_grave);
    tcase_add_test(tc, test_deadline_regular__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_regular__vn_capitals);
    tcase_add_test(tc, test_deadline_regular__capital_first_letter);
    tcase_add_test(tc, test_deadline_regular__full_stop);
    tcase_add_test(tc, test_deadline_none__null);
    tcase_add_test(tc, test_deadline_none__empty);
    tcase_add_test(tc, test_deadline_none__blanks);
    tcase_add_test(tc, test_deadline_none__no_break_space);
    tcase_add_test(tc, test_deadline_text__ascii_case_ignored);
    tcase_add_test(tc, test_deadline_text__surrounding_blanks_ignored);
    tcase_add_test(tc, test_deadline_text__inner_blanks_are_one);
    tcase_add_test(tc, test_deadline_text__trailing_full_stop_ignored);
    tcase_add_test(tc, test_deadline_text__blank_before_full_stop_ignored);
    tcase_add_test(tc, test_deadline_text__no_break_space_is_blank);
    tcase_add_test(tc, test_deadline_parse__out_pointers_may_be_null);
    tcase_add_test(tc, test_deadline_parse__failure_leaves_outputs_unchanged);
    tcase_add_test(tc, test_deadline_leap__29_february_2024);
    tcase_add_test(tc, test_deadline_leap__29_february_2000);
    tcase_add_test(tc, test_deadline_leap__february_2024_ends_on_29th);
    tcase_add_test(tc, test_deadline_leap__february_2025_ends_on_28th);
    suite_add_tcase(s, tc);

    tc = tcase_create("rejected");
    tcase_add_test(tc, test_deadline_reject__unrecognised_after_lead);
    tcase_add_test(tc, test_deadline_reject__lead_repeated);
    tcase_add_test(tc, test_deadline_reject__full_stop_alone);
    tcase_add_test(tc, test_deadline_reject__roman_six);
    tcase_add_test(tc, test_deadline_reject__position_counts_original_bytes);
    tcase_add_test(tc, test_deadline_reject__31_november);
    tcase_add_test(tc, test_deadline_reject__day_zero);
    tcase_add_test(tc, test_deadline_reject__day_points_at_the_day);
    tcase_add_test(tc, test_deadline_reject__month_13_iso);
    tcase_add_test(tc, test_deadline_reject__month_13_slash);
    tcase_add_test(tc, test_deadline_reject__month_zero_in_day);
    tcase_add_test(tc, test_deadline_reject__vn_month_13);
    tcase_add_test(tc, test_deadline_reject__quarter_5);
    tcase_add_test(tc, test_deadline_reject__quarter_0);
    tcase_add_test(tc, test_deadline_reject__quarter_12);
    tcase_add_test(tc, test_deadline_reject__vn_quarter_v);
    tcase_add_test(tc, test_deadline_reject__year_before_1900);
    tcase_add_test(tc, test_deadline_reject__year_after_2200);
    tcase_add_test(tc, test_deadline_reject__year_range_in_day);
    tcase_add_test(tc, test_deadline_reject__day_without_year);
    tcase_add_test(tc, test_deadline_reject__quarter_without_year);
    tcase_add_test(tc, test_deadline_reject__vn_month_without_year);
    tcase_add_test(tc, test_deadline_reject__two_digit_year);
    tcase_add_test(tc, test_deadline_reject__five_digit_year);
    tcase_add_test(tc, test_deadline_reject__before_a_month);
    tcase_add_test(tc, test_deadline_reject__vn_truoc_a_month);
    tcase_add_test(tc, test_deadline_reject__before_a_year_quotes_as_written);
    tcase_add_test(tc, test_deadline_reject__end_of_a_day);
    tcase_add_test(tc, test_deadline_reject__vn_ngay_a_year);
    tcase_add_test(tc, test_deadline_reject__on_a_quarter);
    tcase_add_test(tc, test_deadline_reject__text_after_a_day);
    tcase_add_test(tc, test_deadline_reject__text_after_a_year);
    tcase_add_test(tc, test_deadline_reject__regular_with_more_text);
    tcase_add_test(tc, test_deadline_reject__too_long);
    tcase_add_test(tc, test_deadline_reject__too_long_quote_cuts_between_characters);
    tcase_add_test(tc, test_deadline_parse__at_the_length_limit);
    tcase_add_test(tc, test_deadline_reject__quotes_long_texts_whole);
    tcase_add_test(tc, test_deadline_reject__long_runs_of_blanks_do_not_count);
    tcase_add_test(tc, test_deadline_leap__29_february_2025);
    tcase_add_test(tc, test_deadline_leap__29_february_2100);
    suite_add_tcase(s, tc);

    tc = tcase_create("issue_14_kinds");
    tcase_add_test(tc, test_deadline_half__h1);
    tcase_add_test(tc, test_deadline_half__h2_slash);
    tcase_add_test(tc, test_deadline_half__year_first);
    tcase_add_test(tc, test_deadline_half__year_dash_half);
    tcase_add_test(tc, test_deadline_half__first_half_of);
    tcase_add_test(tc, test_deadline_half__second_half_of);
    tcase_add_test(tc, test_deadline_half__the_2nd_half);
    tcase_add_test(tc, test_deadline_half__capitals);
    tcase_add_test(tc, test_deadline_half__vn_6_thang_dau_nam);
    tcase_add_test(tc, test_deadline_half__vn_6_thang_cuoi_nam);
    tcase_add_test(tc, test_deadline_half__vn_sau_thang_dau_nam);
    tcase_add_test(tc, test_deadline_half__vn_nua_dau_nam);
    tcase_add_test(tc, test_deadline_half__vn_nua_cuoi_nam);
    tcase_add_test(tc, test_deadline_half__vn_trong);
    tcase_add_test(tc, test_deadline_half__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_half__vn_nfd);
    tcase_add_test(tc, test_deadline_half__vn_capitals);
    tcase_add_test(tc, test_deadline_half__h3);
    tcase_add_test(tc, test_deadline_half__h0_year_first);
    tcase_add_test(tc, test_deadline_half__without_year);
    tcase_add_test(tc, test_deadline_half__vn_without_year);
    tcase_add_test(tc, test_deadline_half__before);
    tcase_add_test(tc, test_deadline_half__vn_nine_months_is_not_a_half);
    tcase_add_test(tc, test_deadline_half_yearly__semi_annually);
    tcase_add_test(tc, test_deadline_half_yearly__semiannually);
    tcase_add_test(tc, test_deadline_half_yearly__half_yearly);
    tcase_add_test(tc, test_deadline_half_yearly__capitals);
    tcase_add_test(tc, test_deadline_half_yearly__every_six_months);
    tcase_add_test(tc, test_deadline_half_yearly__every_6_months);
    tcase_add_test(tc, test_deadline_half_yearly__twice_a_year);
    tcase_add_test(tc, test_deadline_half_yearly__biannually);
    tcase_add_test(tc, test_deadline_half_yearly__on_a_half_yearly_basis);
    tcase_add_test(tc, test_deadline_half_yearly__full_stop);
    tcase_add_test(tc, test_deadline_half_yearly__vn_dinh_ky_6_thang);
    tcase_add_test(tc, test_deadline_half_yearly__vn_hang_6_thang);
    tcase_add_test(tc, test_deadline_half_yearly__vn_hang_6_thang_grave);
    tcase_add_test(tc, test_deadline_half_yearly__vn_moi_6_thang);
    tcase_add_test(tc, test_deadline_half_yearly__vn_6_thang_mot_lan);
    tcase_add_test(tc, test_deadline_half_yearly__vn_sau_thang_mot_lan);
    tcase_add_test(tc, test_deadline_half_yearly__vn_6_thang_slash_lan);
    tcase_add_test(tc, test_deadline_half_yearly__vn_dinh_ky_6_thang_mot_lan);
    tcase_add_test(tc, test_deadline_half_yearly__vn_dinh_ky_hang_6_thang);
    tcase_add_test(tc, test_deadline_half_yearly__vn_moi_nua_nam);
    tcase_add_test(tc, test_deadline_half_yearly__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_half_yearly__vn_capitals);
    tcase_add_test(tc, test_deadline_half_yearly__vn_nfd_dinh_ky);
    tcase_add_test(tc, test_deadline_half_yearly__vn_nfd_mot_lan);
    tcase_add_test(tc, test_deadline_half_yearly__vn_6_thang_alone_is_not_regular);
    tcase_add_test(tc, test_deadline_half_yearly__vn_bao_cao_6_thang_is_not_a_deadline);
    tcase_add_test(tc, test_deadline_half_yearly__trailing_words);
    tcase_add_test(tc, test_deadline_half_yearly__vn_trailing_words);
    tcase_add_test(tc, test_deadline_regular__vn_dinh_ky_hang_quy);
    tcase_add_test(tc, test_deadline_regular__vn_dinh_ky_hang_thang);
    tcase_add_test(tc, test_deadline_regular__vn_dinh_ky_without_diacritics);
    tcase_add_test(tc, test_deadline_regular__vn_moi_thang);
    tcase_add_test(tc, test_deadline_regular__vn_nfd_hang_quy);
    tcase_add_test(tc, test_deadline_regular__vn_hang_quy_bare);
    tcase_add_test(tc, test_deadline_regular__each_year);
    tcase_add_test(tc, test_deadline_regular__each_quarter);
    tcase_add_test(tc, test_deadline_regular__on_a_monthly_basis);
    tcase_add_test(tc, test_deadline_regular__once_a_year);
    tcase_add_test(tc, test_deadline_regular__monthly_report_is_not_a_deadline);
    tcase_add_test(tc, test_deadline_regular__vn_bao_cao_dinh_ky_is_not_a_deadline);
    tcase_add_test(tc, test_deadline_ongoing__vn_thuong_xuyen);
    tcase_add_test(tc, test_deadline_ongoing__vn_lien_tuc);
    tcase_add_test(tc, test_deadline_ongoing__vn_both);
    tcase_add_test(tc, test_deadline_ongoing__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_ongoing__vn_nfd);
    tcase_add_test(tc, test_deadline_ongoing__vn_hang_ngay);
    tcase_add_test(tc, test_deadline_ongoing__ongoing);
    tcase_add_test(tc, test_deadline_ongoing__continuously);
    tcase_add_test(tc, test_deadline_ongoing__continuous);
    tcase_add_test(tc, test_deadline_ongoing__regularly_is_not_monthly);
    tcase_add_test(tc, test_deadline_ongoing__daily);
    tcase_add_test(tc, test_deadline_ongoing__with_more_text);
    tcase_add_test(tc, test_deadline_event__vn_cung_voi);
    tcase_add_test(tc, test_deadline_event__vn_dong_thoi_voi);
    tcase_add_test(tc, test_deadline_event__vn_sau_khi);
    tcase_add_test(tc, test_deadline_event__vn_without_diacritics);
    tcase_add_test(tc, test_deadline_event__vn_nfd);
    tcase_add_test(tc, test_deadline_event__together_with);
    tcase_add_test(tc, test_deadline_event__at_the_same_time_as);
    tcase_add_test(tc, test_deadline_event__when_takes_effect);
    tcase_add_test(tc, test_deadline_event__after_issued);
    tcase_add_test(tc, test_deadline_event__may_name_a_decree_number);
    tcase_add_test(tc, test_deadline_event__after_a_date_is_not_an_event);
    tcase_add_test(tc, test_deadline_event__after_a_month_is_not_an_event);
    tcase_add_test(tc, test_deadline_vague__vn_ngay);
    tcase_add_test(tc, test_deadline_vague__vn_ngay_lap_tuc);
    tcase_add_test(tc, test_deadline_vague__vn_som);
    tcase_add_test(tc, test_deadline_vague__vn_khan_truong);
    tcase_add_test(tc, test_deadline_vague__vn_khan_truong_nfd);
    tcase_add_test(tc, test_deadline_vague__vn_kip_thoi);
    tcase_add_test(tc, test_deadline_vague__vn_khi_co_yeu_cau);
    tcase_add_test(tc, test_deadline_vague__vn_khi_co_yeu_cau_bare);
    tcase_add_test(tc, test_deadline_vague__as_soon_as_possible);
    tcase_add_test(tc, test_deadline_vague__soon);
    tcase_add_test(tc, test_deadline_vague__immediately);
    tcase_add_test(tc, test_deadline_vague__promptly);
    tcase_add_test(tc, test_deadline_vague__urgently);
    tcase_add_test(tc, test_deadline_vague__when_required);
    tcase_add_test(tc, test_deadline_vague__when_required_by_whom);
    tcase_add_test(tc, test_deadline_vague__in_time);
    tcase_add_test(tc, test_deadline_vague__words_naming_no_time);
    tcase_add_test(tc, test_deadline_vague__as_appropriate);
    tcase_add_test(tc, test_deadline_vague__lead_alone);
    tcase_add_test(tc, test_deadline_vague__vn_quy_dinh_is_not_a_quarter);
    tcase_add_test(tc, test_deadline_vague__may_is_not_a_month);
    tcase_add_test(tc, test_deadline_vague__a_digit_is_an_error);
    tcase_add_test(tc, test_deadline_vague__week_is_an_error);
    tcase_add_test(tc, test_deadline_vague__weekly_is_an_error);
    tcase_add_test(tc, test_deadline_vague__vn_tuan_is_an_error);
    tcase_add_test(tc, test_deadline_vague__vn_ngay_with_diacritics_is_an_error);
    tcase_add_test(tc, test_deadline_vague__month_name_is_an_error);
    tcase_add_test(tc, test_deadline_vague__no_word_is_an_error);
    tcase_add_test(tc, test_deadline_vague__impossible_day_still_fails);
    tcase_add_test(tc, test_deadline_vague__impossible_iso_day_still_fails);
    tcase_add_test(tc, test_deadline_vague__vn_month_13_still_fails);
    tcase_add_test(tc, test_deadline_vague__unknown_month_still_fails);
    tcase_add_test(tc, test_deadline_text__nfd_quy);
    tcase_add_test(tc, test_deadline_text__quy_without_diacritics);
    tcase_add_test(tc, test_deadline_text__truoc_ngay_without_diacritics);
    tcase_add_test(tc, test_deadline_text__nfd_truoc_ngay);
    tcase_add_test(tc, test_deadline_text__nfd_capitals);
    tcase_add_test(tc, test_deadline_text__marks_in_any_order);
    tcase_add_test(tc, test_deadline_text__fullwidth_digits);
    tcase_add_test(tc, test_deadline_text__nfd_error_column_counts_original_bytes);
    tcase_add_test(tc, test_deadline_text__nfd_trailing_quotes_original);
    suite_add_tcase(s, tc);

    tc = tcase_create("kinds");
    tcase_add_test(tc, test_deadline_kind__names);
    tcase_add_test(tc, test_deadline_kind__unknown_has_no_name);
    tcase_add_test(tc, test_deadline_kind__regular_kinds);
    tcase_add_test(tc, test_deadline_kind__other_kinds_are_not_regular);
    suite_add_tcase(s, tc);

    tc = tcase_create("instances");
    tcase_add_test(tc, test_deadline_instance__monthly_is_the_month);
    tcase_add_test(tc, test_deadline_instance__monthly_leap_february);
    tcase_add_test(tc, test_deadline_instance__monthly_on_its_last_day);
    tcase_add_test(tc, test_deadline_instance__quarterly_is_the_quarter);
    tcase_add_test(tc, test_deadline_instance__quarterly_on_its_first_day);
    tcase_add_test(tc, test_deadline_instance__quarterly_on_its_last_day);
    tcase_add_test(tc, test_deadline_instance__half_yearly_first_half);
    tcase_add_test(tc, test_deadline_instance__half_yearly_second_half);
    tcase_add_test(tc, test_deadline_instance__half_yearly_on_its_edges);
    tcase_add_test(tc, test_deadline_instance__annually_is_the_calendar_year);
    tcase_add_test(tc, test_deadline_instance__out_pointers_may_be_null);
    tcase_add_test(tc, test_deadline_instance__rejects_a_kind_that_is_not_regular);
    tcase_add_test(tc, test_deadline_instance__rejects_the_kind_none);
    tcase_add_test(tc, test_deadline_instance__rejects_an_unknown_kind);
    tcase_add_test(tc, test_deadline_instance__rejects_no_date);
    tcase_add_test(tc, test_deadline_instance__failure_leaves_outputs_unchanged);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(deadline_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
