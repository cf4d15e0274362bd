/* Periods: the text forms, every rejection with its exact message and
 * position, the int64 encoding, arithmetic, dates, containment, ranges. */
#include "helpers.h"

#include <r57/period.h>

static int64_t P(const char *text)
{
    int64_t p = R57_PERIOD_NONE;
    OK(r57_period_parse(&p, text));
    return p;
}

/* The canonical text of a period, in a static buffer. */
static const char *T(int64_t p)
{
    static char buf[R57_PERIOD_TEXT_SIZE];
    OK(r57_period_format(buf, sizeof buf, p));
    return buf;
}

/* Asserts that text is refused with this message at this offset. */
static void refused(const char *text, const char *message, long offset)
{
    int64_t p = 12345;
    FAILS(R57_EPARSE, message, r57_period_parse(&p, text));
    ck_assert_int_eq(p, 12345);
    ck_assert_int_eq(r57_error_offset(r57_error_last()), offset);
    ck_assert_int_eq(r57_error_column(r57_error_last()), offset + 1);
    ck_assert_int_eq(r57_error_line(r57_error_last()), 1);
}

/* ---- parse: accepted forms ---- */

START_TEST(test_period_parse__year)
{
    int64_t p = P("2026");
    ck_assert_int_eq(r57_period_kind(p), R57_PERIOD_YEAR);
    ck_assert_str_eq(T(p), "2026");
}
END_TEST

START_TEST(test_period_parse__quarter)
{
    int64_t p = P("2026Q3");
    ck_assert_int_eq(r57_period_kind(p), R57_PERIOD_QUARTER);
    ck_assert_str_eq(T(p), "2026Q3");
}
END_TEST

START_TEST(test_period_parse__lower_case_q)
{
    ck_assert_int_eq(P("2026q3"), P("2026Q3"));
    ck_assert_str_eq(T(P("2026q3")), "2026Q3");
}
END_TEST

START_TEST(test_period_parse__month)
{
    int64_t p = P("2026-01");
    ck_assert_int_eq(r57_period_kind(p), R57_PERIOD_MONTH);
    ck_assert_str_eq(T(p), "2026-01");
}
END_TEST

START_TEST(test_period_parse__year_range)
{
    int64_t p = P("2026..2030");
    ck_assert_int_eq(r57_period_kind(p), R57_PERIOD_RANGE);
    ck_assert_int_eq(r57_period_granularity(p), R57_PERIOD_YEAR);
    ck_assert_int_eq(r57_period_count(p), 5);
    ck_assert_str_eq(T(p), "2026..2030");
}
END_TEST

START_TEST(test_period_parse__quarter_range)
{
    int64_t p = P("2026Q1..2026Q4");
    ck_assert_int_eq(r57_period_granularity(p), R57_PERIOD_QUARTER);
    ck_assert_int_eq(r57_period_count(p), 4);
    ck_assert_str_eq(T(p), "2026Q1..2026Q4");
}
END_TEST

START_TEST(test_period_parse__month_range_across_years)
{
    int64_t p = P("2025-11..2026-02");
    ck_assert_int_eq(r57_period_granularity(p), R57_PERIOD_MONTH);
    ck_assert_int_eq(r57_period_count(p), 4);
    ck_assert_str_eq(T(p), "2025-11..2026-02");
}
END_TEST

START_TEST(test_period_parse__range_of_one)
{
    int64_t p = P("2026..2026");
    ck_assert_int_eq(r57_period_kind(p), R57_PERIOD_RANGE);
    ck_assert_int_eq(r57_period_count(p), 1);
    ck_assert_str_eq(T(p), "2026..2026");
    ck_assert_int_ne(p, P("2026"));
}
END_TEST

START_TEST(test_period_parse__extreme_years)
{
    ck_assert_str_eq(T(P("0001")), "0001");
    ck_assert_str_eq(T(P("9999-12")), "9999-12");
    ck_assert_str_eq(T(P("0001-01..9999-12")), "0001-01..9999-12");
}
END_TEST

/* ---- parse: rejected forms ---- */

START_TEST(test_period_parse__quarter_5)
{
    refused("2026Q5", "period '2026Q5': quarter 5 is not 1-4", 5);
}
END_TEST

START_TEST(test_period_parse__quarter_0)
{
    refused("2026Q0", "period '2026Q0': quarter 0 is not 1-4", 5);
}
END_TEST

START_TEST(test_period_parse__month_13)
{
    refused("2026-13", "period '2026-13': month 13 is not 1-12", 5);
}
END_TEST

START_TEST(test_period_parse__month_00)
{
    refused("2026-00", "period '2026-00': month 0 is not 1-12", 5);
}
END_TEST

START_TEST(test_period_parse__one_digit_month)
{
    refused("2026-1", "period '2026-1': at offset 5: expected a two-digit month", 5);
}
END_TEST

START_TEST(test_period_parse__quarter_without_number)
{
    refused("2026Q", "period '2026Q': at offset 5: expected a quarter number 1-4", 5);
}
END_TEST

START_TEST(test_period_parse__year_0)
{
    refused("0000", "period '0000': year 0 is not 1-9999", 0);
}
END_TEST

START_TEST(test_period_parse__two_digit_year)
{
    refused("26", "period '26': at offset 2: expected a four-digit year", 2);
}
END_TEST

START_TEST(test_period_parse__words)
{
    refused("soon", "period 'soon': at offset 0: expected a four-digit year", 0);
}
END_TEST

START_TEST(test_period_parse__empty)
{
    refused("", "period '': at offset 0: expected a four-digit year", 0);
}
END_TEST

START_TEST(test_period_parse__leading_blank)
{
    refused(" 2026", "period ' 2026': at offset 0: expected a four-digit year", 0);
}
END_TEST

START_TEST(test_period_parse__five_digit_year)
{
    refused("20261", "period '20261': at offset 4: expected 'Q', 'H', '-', '..' or the end", 4);
}
END_TEST

START_TEST(test_period_parse__text_after_quarter)
{
    refused("2026Q1x", "period '2026Q1x': at offset 6: expected '..' or the end", 6);
}
END_TEST

START_TEST(test_period_parse__range_without_end)
{
    refused("2026..", "period '2026..': at offset 6: expected a four-digit year", 6);
}
END_TEST

START_TEST(test_period_parse__range_of_mixed_kinds)
{
    refused("2026..2026Q4",
            "period '2026..2026Q4': the range goes from a year to a quarter; both ends must be alike", 6);
}
END_TEST

START_TEST(test_period_parse__range_backwards)
{
    refused("2030..2026", "period '2030..2026': the range ends before it starts", 6);
}
END_TEST

START_TEST(test_period_parse__range_of_three_parts)
{
    refused("2026..2027..2028", "period '2026..2027..2028': at offset 10: expected the end", 10);
}
END_TEST

START_TEST(test_period_parse__error_in_range_end)
{
    refused("2026-01..2026-13", "period '2026-01..2026-13': month 13 is not 1-12", 14);
}
END_TEST

START_TEST(test_period_parse__null_arguments)
{
    int64_t p;
    FAILS(R57_EINVAL, "r57_period_parse: text is NULL", r57_period_parse(&p, NULL));
    FAILS(R57_EINVAL, "r57_period_parse: out is NULL", r57_period_parse(NULL, "2026"));
}
END_TEST

/* ---- the encoding ---- */

/* The integers are stored data: they must never change. */
START_TEST(test_period_encoding__stable_values)
{
    ck_assert_int_eq(P("2026"), INT64_C(104419244900352));
    ck_assert_int_eq(P("2026Q1"), INT64_C(104420318642176));
    ck_assert_int_eq(P("2026-01"), INT64_C(104421392384000));
    ck_assert_int_eq(P("2026..2030"), INT64_C(104419781771268));
    ck_assert_int_eq(P("2026Q1..2026Q4"), INT64_C(104420855513091));
    ck_assert_int_eq(P("2026-01..2026-06"), INT64_C(104421929254917));
    ck_assert_int_eq(P("0001"), INT64_C(51539607552));
}
END_TEST

START_TEST(test_period_encoding__sorts_by_start_then_coarser_first)
{
    static const char *const sorted[] = { "2025-12", "2026", "2026..2026", "2026..2030", "2026Q1",
                                          "2026Q1..2026Q2", "2026-01", "2026-02", "2026-03",
                                          "2026Q2", "2026-04", "2027" };
    for (size_t i = 1; i < sizeof sorted / sizeof sorted[0]; i++)
        ck_assert_msg(P(sorted[i - 1]) < P(sorted[i]), "'%s' should sort before '%s'", sorted[i - 1],
                      sorted[i]);
}
END_TEST

START_TEST(test_period_encoding__non_periods)
{
    ck_assert_int_eq(r57_period_kind(R57_PERIOD_NONE), R57_PERIOD_INVALID);
    ck_assert_int_eq(r57_period_kind(-1), R57_PERIOD_INVALID);
    ck_assert_int_eq(r57_period_kind(P("2026") | 1), R57_PERIOD_INVALID);          /* count on a single */
    ck_assert_int_eq(r57_period_kind(P("2026") + (INT64_C(1) << 32)), R57_PERIOD_INVALID); /* Feb as a year */
    /* Granularity 3 is the half-year: a month that does not start one is no period. */
    ck_assert_int_eq(r57_period_kind(P("2026-02") | (INT64_C(3) << 30)), R57_PERIOD_INVALID);
    ck_assert_int_eq(r57_period_granularity(0), R57_PERIOD_INVALID);
    ck_assert_uint_eq(r57_period_count(0), 0);
}
END_TEST

START_TEST(test_period_kind_name__each_kind)
{
    ck_assert_str_eq(r57_period_kind_name(R57_PERIOD_YEAR), "year");
    ck_assert_str_eq(r57_period_kind_name(R57_PERIOD_QUARTER), "quarter");
    ck_assert_str_eq(r57_period_kind_name(R57_PERIOD_MONTH), "month");
    ck_assert_str_eq(r57_period_kind_name(R57_PERIOD_RANGE), "range");
    ck_assert_str_eq(r57_period_kind_name(R57_PERIOD_HALF), "half");
    ck_assert_ptr_null(r57_period_kind_name(0));
}
END_TEST

/* ---- format ---- */

START_TEST(test_period_format__longest_text_fits)
{
    char buf[17];
    OK(r57_period_format(buf, sizeof buf, P("9999-01..9999-12")));
    ck_assert_str_eq(buf, "9999-01..9999-12");
}
END_TEST

START_TEST(test_period_format__buffer_too_small)
{
    char buf[6] = "xxxxx";
    FAILS(R57_EINVAL, "r57_period_format: a buffer of 6 bytes is too small for '2026Q1'",
          r57_period_format(buf, sizeof buf, P("2026Q1")));
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_period_format__not_a_period)
{
    char buf[R57_PERIOD_TEXT_SIZE];
    FAILS(R57_EINVAL, "r57_period_format: 0 is not a period", r57_period_format(buf, sizeof buf, 0));
}
END_TEST

/* ---- construction ---- */

START_TEST(test_period_from__year_quarter_month)
{
    int64_t p;
    OK(r57_period_from_year(&p, 2026));
    ck_assert_int_eq(p, P("2026"));
    OK(r57_period_from_quarter(&p, 2026, 4));
    ck_assert_int_eq(p, P("2026Q4"));
    OK(r57_period_from_month(&p, 2026, 12));
    ck_assert_int_eq(p, P("2026-12"));
}
END_TEST

START_TEST(test_period_from__out_of_range_parts)
{
    int64_t p;
    FAILS(R57_EINVAL, "r57_period_from_year: year 10000 is not 1-9999", r57_period_from_year(&p, 10000));
    FAILS(R57_EINVAL, "r57_period_from_quarter: quarter 5 is not 1-4",
          r57_period_from_quarter(&p, 2026, 5));
    FAILS(R57_EINVAL, "r57_period_from_month: month 0 is not 1-12", r57_period_from_month(&p, 2026, 0));
}
END_TEST

START_TEST(test_period_from__range)
{
    int64_t p;
    OK(r57_period_from_range(&p, P("2026Q2"), P("2027Q1")));
    ck_assert_int_eq(p, P("2026Q2..2027Q1"));
}
END_TEST

START_TEST(test_period_from__range_refusals)
{
    int64_t p;
    FAILS(R57_EINVAL, "r57_period_from_range: '2026' and '2026-05' are not of the same kind",
          r57_period_from_range(&p, P("2026"), P("2026-05")));
    FAILS(R57_EINVAL, "r57_period_from_range: '2025' is before '2026'",
          r57_period_from_range(&p, P("2026"), P("2025")));
    FAILS(R57_EINVAL,
          "r57_period_from_range: first (104419781771268) is not a year, half-year, quarter or month",
          r57_period_from_range(&p, P("2026..2030"), P("2031")));
}
END_TEST

START_TEST(test_period_of_date__each_granularity)
{
    int64_t p;
    OK(r57_period_of_date(&p, D("2026-08-15"), R57_PERIOD_YEAR));
    ck_assert_str_eq(T(p), "2026");
    OK(r57_period_of_date(&p, D("2026-08-15"), R57_PERIOD_QUARTER));
    ck_assert_str_eq(T(p), "2026Q3");
    OK(r57_period_of_date(&p, D("2026-08-15"), R57_PERIOD_MONTH));
    ck_assert_str_eq(T(p), "2026-08");
    FAILS(R57_EINVAL, "r57_period_of_date: kind 4 is not year, half, quarter or month",
          r57_period_of_date(&p, D("2026-08-15"), R57_PERIOD_RANGE));
}
END_TEST

/* ---- arithmetic ---- */

START_TEST(test_period_prev__year)
{
    int64_t p;
    OK(r57_period_prev(&p, P("2026")));
    ck_assert_str_eq(T(p), "2025");
}
END_TEST

START_TEST(test_period_prev__quarter_wraps_to_last_year)
{
    int64_t p;
    OK(r57_period_prev(&p, P("2026Q1")));
    ck_assert_str_eq(T(p), "2025Q4");
}
END_TEST

START_TEST(test_period_prev__month_wraps_to_last_year)
{
    int64_t p;
    OK(r57_period_prev(&p, P("2026-01")));
    ck_assert_str_eq(T(p), "2025-12");
}
END_TEST

START_TEST(test_period_offset__forward_months)
{
    int64_t p;
    OK(r57_period_offset(&p, P("2026-01"), 13));
    ck_assert_str_eq(T(p), "2027-02");
}
END_TEST

START_TEST(test_period_offset__range_moves_whole)
{
    int64_t p;
    OK(r57_period_offset(&p, P("2026..2030"), -1));
    ck_assert_str_eq(T(p), "2025..2029");
    OK(r57_period_offset(&p, P("2026Q3..2026Q4"), 2));
    ck_assert_str_eq(T(p), "2027Q1..2027Q2");
}
END_TEST

START_TEST(test_period_offset__zero_is_identity)
{
    int64_t p;
    OK(r57_period_offset(&p, P("2026Q2"), 0));
    ck_assert_int_eq(p, P("2026Q2"));
}
END_TEST

START_TEST(test_period_offset__outside_years)
{
    int64_t p = 7;
    FAILS(R57_EINVAL, "r57_period_offset: '0001' shifted by -1 is outside years 1-9999",
          r57_period_prev(&p, P("0001")));
    FAILS(R57_EINVAL, "r57_period_offset: '9998..9999' shifted by 1 is outside years 1-9999",
          r57_period_offset(&p, P("9998..9999"), 1));
    ck_assert_int_eq(p, 7);
}
END_TEST

START_TEST(test_period_offset__not_a_period)
{
    int64_t p;
    FAILS(R57_EINVAL, "r57_period_offset: 0 is not a period", r57_period_offset(&p, 0, 1));
}
END_TEST

/* ---- dates ---- */

START_TEST(test_period_dates__year)
{
    r57_date d;
    OK(r57_period_start(&d, P("2026")));
    ck_assert_int_eq(d, D("2026-01-01"));
    OK(r57_period_end(&d, P("2026")));
    ck_assert_int_eq(d, D("2026-12-31"));
}
END_TEST

START_TEST(test_period_dates__quarter)
{
    r57_date d;
    OK(r57_period_start(&d, P("2026Q2")));
    ck_assert_int_eq(d, D("2026-04-01"));
    OK(r57_period_end(&d, P("2026Q2")));
    ck_assert_int_eq(d, D("2026-06-30"));
}
END_TEST

START_TEST(test_period_dates__leap_february)
{
    r57_date d;
    OK(r57_period_end(&d, P("2028-02")));
    ck_assert_int_eq(d, D("2028-02-29"));
    OK(r57_period_end(&d, P("2026-02")));
    ck_assert_int_eq(d, D("2026-02-28"));
}
END_TEST

START_TEST(test_period_dates__range)
{
    r57_date d;
    OK(r57_period_start(&d, P("2026..2030")));
    ck_assert_int_eq(d, D("2026-01-01"));
    OK(r57_period_end(&d, P("2026..2030")));
    ck_assert_int_eq(d, D("2030-12-31"));
}
END_TEST

/* ---- enclosing periods ---- */

START_TEST(test_period_quarter_of__month)
{
    int64_t p;
    OK(r57_period_quarter_of(&p, P("2026-05")));
    ck_assert_str_eq(T(p), "2026Q2");
    OK(r57_period_quarter_of(&p, P("2026-12")));
    ck_assert_str_eq(T(p), "2026Q4");
}
END_TEST

START_TEST(test_period_year_of__month_quarter_and_range)
{
    int64_t p;
    OK(r57_period_year_of(&p, P("2026-05")));
    ck_assert_str_eq(T(p), "2026");
    OK(r57_period_year_of(&p, P("2026Q4")));
    ck_assert_str_eq(T(p), "2026");
    OK(r57_period_year_of(&p, P("2026Q1..2026Q2")));
    ck_assert_str_eq(T(p), "2026");
}
END_TEST

START_TEST(test_period_year_of__not_within_one)
{
    int64_t p;
    FAILS(R57_EINVAL, "r57_period_year_of: period '2026..2027' is not within a single year",
          r57_period_year_of(&p, P("2026..2027")));
    FAILS(R57_EINVAL, "r57_period_quarter_of: period '2026' is not within a single quarter",
          r57_period_quarter_of(&p, P("2026")));
}
END_TEST

START_TEST(test_period_contains__cases)
{
    ck_assert_int_eq(r57_period_contains(P("2026"), P("2026Q2")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026"), P("2026-05")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026"), P("2026")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026"), P("2026Q1..2026Q3")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026..2030"), P("2028-07")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026Q2"), P("2026")), 0);
    ck_assert_int_eq(r57_period_contains(P("2026"), P("2025-12..2026-01")), 0);
    ck_assert_int_eq(r57_period_contains(P("2026"), 0), 0);
}
END_TEST

/* ---- members ---- */

START_TEST(test_period_member__of_range)
{
    int64_t p;
    OK(r57_period_member(&p, P("2025-11..2026-02"), 2));
    ck_assert_str_eq(T(p), "2026-01");
    OK(r57_period_member(&p, P("2026..2030"), 4));
    ck_assert_str_eq(T(p), "2030");
}
END_TEST

START_TEST(test_period_member__of_single_period)
{
    int64_t p;
    ck_assert_int_eq(r57_period_count(P("2026Q3")), 1);
    OK(r57_period_member(&p, P("2026Q3"), 0));
    ck_assert_int_eq(p, P("2026Q3"));
}
END_TEST

START_TEST(test_period_member__index_outside)
{
    int64_t p;
    FAILS(R57_EINVAL, "r57_period_member: period '2026..2030' has no member 5 (it has 5)",
          r57_period_member(&p, P("2026..2030"), 5));
    /* The index is a size_t: what was -1 is now the largest index. */
    char msg[96];
    snprintf(msg, sizeof msg, "r57_period_member: period '2026..2030' has no member %zu (it has 5)",
             (size_t)SIZE_MAX);
    FAILS(R57_EINVAL, msg, r57_period_member(&p, P("2026..2030"), SIZE_MAX));
}
END_TEST

/* ---- half-years ---- */

START_TEST(test_period_half__parse_h1)
{
    int64_t p = P("2026H1");
    ck_assert_int_eq(r57_period_kind(p), R57_PERIOD_HALF);
    ck_assert_int_eq(r57_period_granularity(p), R57_PERIOD_HALF);
    ck_assert_str_eq(T(p), "2026H1");
}
END_TEST

START_TEST(test_period_half__parse_h2)
{
    ck_assert_str_eq(T(P("2026H2")), "2026H2");
}
END_TEST

START_TEST(test_period_half__lower_case_h)
{
    ck_assert_int_eq(P("2026h2"), P("2026H2"));
    ck_assert_str_eq(T(P("2026h2")), "2026H2");
}
END_TEST

START_TEST(test_period_half__h3_is_refused)
{
    refused("2026H3", "period '2026H3': half-year 3 is not 1-2", 5);
}
END_TEST

START_TEST(test_period_half__h0_is_refused)
{
    refused("2026H0", "period '2026H0': half-year 0 is not 1-2", 5);
}
END_TEST

START_TEST(test_period_half__without_number)
{
    refused("2026H", "period '2026H': at offset 5: expected a half-year number 1-2", 5);
}
END_TEST

START_TEST(test_period_half__dash_is_refused_with_the_spelling)
{
    refused("2026-H1", "period '2026-H1': a half-year is written 2026H1 or 2026H2, without '-'", 4);
}
END_TEST

START_TEST(test_period_half__dash_quarter_is_refused_with_the_spelling)
{
    refused("2026-Q3", "period '2026-Q3': a quarter is written 2026Q1 to 2026Q4, without '-'", 4);
}
END_TEST

START_TEST(test_period_half__range)
{
    int64_t p = P("2026H2..2028H1");
    ck_assert_int_eq(r57_period_kind(p), R57_PERIOD_RANGE);
    ck_assert_int_eq(r57_period_granularity(p), R57_PERIOD_HALF);
    ck_assert_int_eq(r57_period_count(p), 4);
    ck_assert_str_eq(T(p), "2026H2..2028H1");
}
END_TEST

START_TEST(test_period_half__range_of_mixed_kinds)
{
    refused("2026H1..2026Q4",
            "period '2026H1..2026Q4': the range goes from a half-year to a quarter; both ends must "
            "be alike", 8);
}
END_TEST

START_TEST(test_period_half__extreme_years)
{
    ck_assert_str_eq(T(P("0001H1")), "0001H1");
    ck_assert_str_eq(T(P("9999H2")), "9999H2");
    ck_assert_str_eq(T(P("0001H1..9999H2")), "0001H1..9999H2");
}
END_TEST

/* The codes of half-years, like every other, are stored data. */
START_TEST(test_period_half__stable_values)
{
    ck_assert_int_eq(P("2026H1"), INT64_C(104422466125824));
    ck_assert_int_eq(P("2026H2"), INT64_C(104448235929600));
    ck_assert_int_eq(P("2026H1..2026H2"), INT64_C(104423002996737));
}
END_TEST

START_TEST(test_period_half__sorts_after_the_month_it_starts_with)
{
    static const char *const sorted[] = { "2025H2", "2026", "2026Q1", "2026-01", "2026H1",
                                          "2026H1..2026H2", "2026-02", "2026Q3", "2026-07",
                                          "2026H2", "2026-08", "2027H1" };
    for (size_t i = 1; i < sizeof sorted / sizeof sorted[0]; i++)
        ck_assert_msg(P(sorted[i - 1]) < P(sorted[i]), "'%s' should sort before '%s'", sorted[i - 1],
                      sorted[i]);
}
END_TEST

START_TEST(test_period_half__dates_of_h1)
{
    r57_date d;
    OK(r57_period_start(&d, P("2026H1")));
    ck_assert_int_eq(d, D("2026-01-01"));
    OK(r57_period_end(&d, P("2026H1")));
    ck_assert_int_eq(d, D("2026-06-30"));
}
END_TEST

START_TEST(test_period_half__dates_of_h2)
{
    r57_date d;
    OK(r57_period_start(&d, P("2026H2")));
    ck_assert_int_eq(d, D("2026-07-01"));
    OK(r57_period_end(&d, P("2026H2")));
    ck_assert_int_eq(d, D("2026-12-31"));
}
END_TEST

START_TEST(test_period_half__from_half)
{
    int64_t p;
    OK(r57_period_from_half(&p, 2026, 2));
    ck_assert_int_eq(p, P("2026H2"));
}
END_TEST

START_TEST(test_period_half__from_half_refusals)
{
    int64_t p = 7;
    FAILS(R57_EINVAL, "r57_period_from_half: half 3 is not 1-2", r57_period_from_half(&p, 2026, 3));
    FAILS(R57_EINVAL, "r57_period_from_half: year 0 is not 1-9999", r57_period_from_half(&p, 0, 1));
    FAILS(R57_EINVAL, "r57_period_from_half: out is NULL", r57_period_from_half(NULL, 2026, 1));
    ck_assert_int_eq(p, 7);
}
END_TEST

START_TEST(test_period_half__of_date)
{
    int64_t p;
    OK(r57_period_of_date(&p, D("2026-06-30"), R57_PERIOD_HALF));
    ck_assert_str_eq(T(p), "2026H1");
    OK(r57_period_of_date(&p, D("2026-07-01"), R57_PERIOD_HALF));
    ck_assert_str_eq(T(p), "2026H2");
}
END_TEST

START_TEST(test_period_half__prev_wraps_to_last_year)
{
    int64_t p;
    OK(r57_period_prev(&p, P("2026H1")));
    ck_assert_str_eq(T(p), "2025H2");
    OK(r57_period_offset(&p, P("2026H1"), 3));
    ck_assert_str_eq(T(p), "2027H2");
}
END_TEST

START_TEST(test_period_half__offset_outside_years)
{
    int64_t p = 7;
    FAILS(R57_EINVAL, "r57_period_offset: '0001H1' shifted by -1 is outside years 1-9999",
          r57_period_prev(&p, P("0001H1")));
    ck_assert_int_eq(p, 7);
}
END_TEST

START_TEST(test_period_half__contains)
{
    ck_assert_int_eq(r57_period_contains(P("2026"), P("2026H2")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026H1"), P("2026Q2")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026H1"), P("2026-06")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026H1"), P("2026Q1..2026Q2")), 1);
    ck_assert_int_eq(r57_period_contains(P("2026H1"), P("2026Q3")), 0);
    ck_assert_int_eq(r57_period_contains(P("2026H1"), P("2026")), 0);
    ck_assert_int_eq(r57_period_contains(P("2026H2"), P("2026Q2..2026Q3")), 0);
}
END_TEST

START_TEST(test_period_half__half_of)
{
    int64_t p;
    OK(r57_period_half_of(&p, P("2026-06")));
    ck_assert_str_eq(T(p), "2026H1");
    OK(r57_period_half_of(&p, P("2026Q3")));
    ck_assert_str_eq(T(p), "2026H2");
    OK(r57_period_half_of(&p, P("2026H2")));
    ck_assert_str_eq(T(p), "2026H2");
}
END_TEST

START_TEST(test_period_half__half_of_not_within_one)
{
    int64_t p;
    FAILS(R57_EINVAL, "r57_period_half_of: period '2026Q2..2026Q3' is not within a single half-year",
          r57_period_half_of(&p, P("2026Q2..2026Q3")));
    FAILS(R57_EINVAL, "r57_period_quarter_of: period '2026H1' is not within a single quarter",
          r57_period_quarter_of(&p, P("2026H1")));
}
END_TEST

START_TEST(test_period_half__year_of)
{
    int64_t p;
    OK(r57_period_year_of(&p, P("2026H2")));
    ck_assert_str_eq(T(p), "2026");
}
END_TEST

START_TEST(test_period_half__member_of_range)
{
    int64_t p;
    OK(r57_period_member(&p, P("2026H1..2027H2"), 2));
    ck_assert_str_eq(T(p), "2027H1");
}
END_TEST

static Suite *period_suite(void)
{
    Suite *s = suite_create("period");
    TCase *tc = tcase_create("period");
    tcase_add_test(tc, test_period_parse__year);
    tcase_add_test(tc, test_period_parse__quarter);
    tcase_add_test(tc, test_period_parse__lower_case_q);
    tcase_add_test(tc, test_period_parse__month);
    tcase_add_test(tc, test_period_parse__year_range);
    tcase_add_test(tc, test_period_parse__quarter_range);
    tcase_add_test(tc, test_period_parse__month_range_across_years);
    tcase_add_test(tc, test_period_parse__range_of_one);
    tcase_add_test(tc, test_period_parse__extreme_years);
    tcase_add_test(tc, test_period_parse__quarter_5);
    tcase_add_test(tc, test_period_parse__quarter_0);
    tcase_add_test(tc, test_period_parse__month_13);
    tcase_add_test(tc, test_period_parse__month_00);
    tcase_add_test(tc, test_period_parse__one_digit_month);
    tcase_add_test(tc, test_period_parse__quarter_without_number);
    tcase_add_test(tc, test_period_parse__year_0);
    tcase_add_test(tc, test_period_parse__two_digit_year);
    tcase_add_test(tc, test_period_parse__words);
    tcase_add_test(tc, test_period_parse__empty);
    tcase_add_test(tc, test_period_parse__leading_blank);
    tcase_add_test(tc, test_period_parse__five_digit_year);
    tcase_add_test(tc, test_period_parse__text_after_quarter);
    tcase_add_test(tc, test_period_parse__range_without_end);
    tcase_add_test(tc, test_period_parse__range_of_mixed_kinds);
    tcase_add_test(tc, test_period_parse__range_backwards);
    tcase_add_test(tc, test_period_parse__range_of_three_parts);
    tcase_add_test(tc, test_period_parse__error_in_range_end);
    tcase_add_test(tc, test_period_parse__null_arguments);
    tcase_add_test(tc, test_period_encoding__stable_values);
    tcase_add_test(tc, test_period_encoding__sorts_by_start_then_coarser_first);
    tcase_add_test(tc, test_period_encoding__non_periods);
    tcase_add_test(tc, test_period_kind_name__each_kind);
    tcase_add_test(tc, test_period_format__longest_text_fits);
    tcase_add_test(tc, test_period_format__buffer_too_small);
    tcase_add_test(tc, test_period_format__not_a_period);
    tcase_add_test(tc, test_period_from__year_quarter_month);
    tcase_add_test(tc, test_period_from__out_of_range_parts);
    tcase_add_test(tc, test_period_from__range);
    tcase_add_test(tc, test_period_from__range_refusals);
    tcase_add_test(tc, test_period_of_date__each_granularity);
    tcase_add_test(tc, test_period_prev__year);
    tcase_add_test(tc, test_period_prev__quarter_wraps_to_last_year);
    tcase_add_test(tc, test_period_prev__month_wraps_to_last_year);
    tcase_add_test(tc, test_period_offset__forward_months);
    tcase_add_test(tc, test_period_offset__range_moves_whole);
    tcase_add_test(tc, test_period_offset__zero_is_identity);
    tcase_add_test(tc, test_period_offset__outside_years);
    tcase_add_test(tc, test_period_offset__not_a_period);
    tcase_add_test(tc, test_period_dates__year);
    tcase_add_test(tc, test_period_dates__quarter);
    tcase_add_test(tc, test_period_dates__leap_february);
    tcase_add_test(tc, test_period_dates__range);
    tcase_add_test(tc, test_period_quarter_of__month);
    tcase_add_test(tc, test_period_year_of__month_quarter_and_range);
    tcase_add_test(tc, test_period_year_of__not_within_one);
    tcase_add_test(tc, test_period_contains__cases);
    tcase_add_test(tc, test_period_member__of_range);
    tcase_add_test(tc, test_period_member__of_single_period);
    tcase_add_test(tc, test_period_member__index_outside);
    tcase_add_test(tc, test_period_half__parse_h1);
    tcase_add_test(tc, test_period_half__parse_h2);
    tcase_add_test(tc, test_period_half__lower_case_h);
    tcase_add_test(tc, test_period_half__h3_is_refused);
    tcase_add_test(tc, test_period_half__h0_is_refused);
    tcase_add_test(tc, test_period_half__without_number);
    tcase_add_test(tc, test_period_half__dash_is_refused_with_the_spelling);
    tcase_add_test(tc, test_period_half__dash_quarter_is_refused_with_the_spelling);
    tcase_add_test(tc, test_period_half__range);
    tcase_add_test(tc, test_period_half__range_of_mixed_kinds);
    tcase_add_test(tc, test_period_half__extreme_years);
    tcase_add_test(tc, test_period_half__stable_values);
    tcase_add_test(tc, test_period_half__sorts_after_the_month_it_starts_with);
    tcase_add_test(tc, test_period_half__dates_of_h1);
    tcase_add_test(tc, test_period_half__dates_of_h2);
    tcase_add_test(tc, test_period_half__from_half);
    tcase_add_test(tc, test_period_half__from_half_refusals);
    tcase_add_test(tc, test_period_half__of_date);
    tcase_add_test(tc, test_period_half__prev_wraps_to_last_year);
    tcase_add_test(tc, test_period_half__offset_outside_years);
    tcase_add_test(tc, test_period_half__contains);
    tcase_add_test(tc, test_period_half__half_of);
    tcase_add_test(tc, test_period_half__half_of_not_within_one);
    tcase_add_test(tc, test_period_half__year_of);
    tcase_add_test(tc, test_period_half__member_of_range);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(period_suite());
}
