/*
 * libr57 — reporting periods.
 *
 * Indicator values are reported per period.  A period is one of
 *   a year      "2026"
 *   a half-year "2026H1", "2026H2"  (H1 = January-June, H2 = July-December)
 *   a quarter   "2026Q1"            (Q1 = January-March, …, Q4)
 *   a month     "2026-01"
 *   a range     "2026..2030", "2026H1..2027H2", "2026Q1..2026Q4",
 *               "2026-01..2026-06":
 *               consecutive periods of one kind (its granularity), both
 *               ends of the same kind, the first not after the last.
 * Years run from 0001 to 9999 and are always written with four digits.
 *
 * A period is passed around as an r57_period (an int64_t), never as a
 * struct, so that it can be stored in a database column, used as a hash
 * key, compared with `<` and handed to Python and Java as a plain integer.  The encoding is
 * stable (it is part of the ABI and of stored data):
 *
 *   bits 32-48  s = year * 12 + month - 1 of the first month covered
 *   bits 30-31  granularity: 0 year, 1 quarter, 2 month, 3 half-year
 *   bit  29     1 for a range
 *   bits 0-28   for a range, the number of members minus one; else 0
 *
 * So sorting the integers sorts periods by the month they start in, then
 * by granularity in the order above (2026 < 2026..2030 < 2026Q1 < 2026-01
 * < 2026H1 < 2026-02 < 2026-03 < 2026Q2 < 2026-04 < … < 2026-07 < 2026H2),
 * then shorter ranges first.  Within one kind the order is chronological.
 * The half-year came last and took the one granularity value left, so the
 * codes of years, quarters and months (and every stored one) are those of
 * earlier versions; the price is that a half-year sorts after the month it
 * starts with rather than before its first quarter.  0 (R57_PERIOD_NONE)
 * is never a period.
 *
 * All functions here are pure: they allocate nothing, touch no handle and
 * may be called from any thread.
 */
#ifndef R57_PERIOD_H
#define R57_PERIOD_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A period, encoded as above.  A typedef of int64_t (never a struct), so
 * it stays a plain integer for databases, hash keys and the bindings.
 */
typedef int64_t r57_period;

/* "No period": not a valid encoding, convenient as an initial value. */
#define R57_PERIOD_NONE 0

/* A buffer of this many bytes holds the text of any period
 * ("9999-12..9999-12" and its NUL need 17). */
#define R57_PERIOD_TEXT_SIZE 24

/** The kind of a period (r57_period_kind) and of its members (r57_period_granularity). */
typedef enum r57_period_kind_t {
    R57_PERIOD_INVALID = -1, /**< not a period (what r57_period_kind says of one) */
    R57_PERIOD_YEAR = 1,
    R57_PERIOD_QUARTER = 2,
    R57_PERIOD_MONTH = 3,
    R57_PERIOD_RANGE = 4,
    R57_PERIOD_HALF = 5 /**< a half-year, "2026H1"; added after the others */
} r57_period_kind_t;

/**
 * The name of a kind of period.
 * @param kind a kind of period
 * @return "year", "quarter", "month", "range", "half"; NULL for any other
 *         value.  Static.
 */
R57_EXTERN(const char *) r57_period_kind_name(r57_period_kind_t kind);

/**
 * Parses a period written as above (a lower-case "q" or "h" is accepted
 * too; no blanks anywhere).  A half-year or quarter has one spelling:
 * "2026-H1" and "2026-Q1", which deadlines accept, are refused here.
 * @param out receives the period
 * @param text the text to read
 * @return R57_OK, R57_EINVAL when out or text is NULL, or R57_EPARSE with
 * the text quoted and the position (line 1, column = offset + 1) of the
 * problem, e.g.
 *   "period '2026Q5': quarter 5 is not 1-4"              (offset 5)
 *   "period '2026-13': month 13 is not 1-12"             (offset 5)
 *   "period '2026H3': half-year 3 is not 1-2"             (offset 5)
 *   "period '2026-H1': a half-year is written 2026H1 or 2026H2, without '-'"
 *                                                         (offset 4)
 *   "period '2030..2026': the range ends before it starts" (offset 6)
 *   "period 'soon': at offset 0: expected a four-digit year"
 * docs/formulas.md lists every message.
 */
R57_EXTERN(int) r57_period_parse(r57_period *out, const char *text);

/**
 * Writes the canonical text of a period ("2026", "2026H1", "2026Q1",
 * "2026-01", "2026..2030"), NUL-terminated.
 * @param buf receives the text; R57_PERIOD_TEXT_SIZE bytes always suffice
 * @param size the size of buf in bytes
 * @param period the period
 * @return R57_OK, or R57_EINVAL for a NULL buffer, an invalid period or a
 *         buffer too small for the text (then buf holds "").
 */
R57_EXTERN(int) r57_period_format(char *buf, size_t size, r57_period period);

/**
 * The kind of a period; also the cheap validity check (no error is
 * recorded).
 * @param period any integer
 * @return its kind, or R57_PERIOD_INVALID if the integer is not a period.
 */
R57_EXTERN(r57_period_kind_t) r57_period_kind(r57_period period);

/**
 * The kind of the members: for a year, half-year, quarter or month the
 * kind itself; for a range the kind of its ends.  No error is recorded.
 * @param period any integer
 * @return that kind, or R57_PERIOD_INVALID if the integer is not a period.
 */
R57_EXTERN(r57_period_kind_t) r57_period_granularity(r57_period period);

/**
 * Builds a year (1-9999), a half-year (1-2), a quarter (1-4) or a month
 * (1-12) of a year.
 * @param out receives the period
 * @param year the year, 1-9999 (and the half 1-2, the quarter 1-4 or the
 *        month 1-12 of it)
 * @return R57_OK, or R57_EINVAL for a NULL out or a value out of range
 *         (the message names it).
 */
R57_EXTERN(int) r57_period_from_year(r57_period *out, int year);
/**
 * @param out receives the period
 * @param year the year, 1-9999
 * @param half the half-year, 1-2
 * @return R57_OK, or R57_EINVAL (as r57_period_from_year).
 */
R57_EXTERN(int) r57_period_from_half(r57_period *out, int year, int half);
/**
 * @param out receives the period
 * @param year the year, 1-9999
 * @param quarter the quarter, 1-4
 * @return R57_OK, or R57_EINVAL (as r57_period_from_year).
 */
R57_EXTERN(int) r57_period_from_quarter(r57_period *out, int year, int quarter);
/**
 * @param out receives the period
 * @param year the year, 1-9999
 * @param month the month, 1-12
 * @return R57_OK, or R57_EINVAL (as r57_period_from_year).
 */
R57_EXTERN(int) r57_period_from_month(r57_period *out, int year, int month);

/**
 * The range from first to last.
 * @param out receives the range
 * @param first the first member: a year, a half-year, a quarter or a month
 * @param last the last member, of the same kind, first <= last
 * @return R57_OK, or R57_EINVAL for a NULL out, an invalid or range
 *         period, ends of different kinds, or last before first.
 */
R57_EXTERN(int) r57_period_from_range(r57_period *out, r57_period first, r57_period last);

/**
 * The year, half-year, quarter or month that contains a date.
 * @param out receives the period
 * @param date the date
 * @param kind R57_PERIOD_YEAR, _HALF, _QUARTER or _MONTH
 * @return R57_OK, or R57_EINVAL for a NULL out, R57_DATE_NONE, a date
 *         outside years 1-9999, or a kind that is R57_PERIOD_RANGE or
 *         unknown.
 */
R57_EXTERN(int) r57_period_of_date(r57_period *out, r57_date date, r57_period_kind_t kind);

/**
 * The period n steps away, a step being one member: 2026 offset by -1 is
 * 2025, 2026H1 by -1 is 2025H2, 2026Q1 by -1 is 2025Q4, 2026-01 by +13 is
 * 2027-02, and a range moves as a whole by n of its members (2026..2030
 * by -1 is 2025..2029).  r57_period_prev is offset -1.
 * @param out receives the period
 * @param period the period to move
 * @param n the number of steps (negative: back)
 * @return R57_OK, or R57_EINVAL for a NULL out, an invalid period, or a
 *         result outside years 1-9999.
 */
R57_EXTERN(int) r57_period_offset(r57_period *out, r57_period period, int n);
/**
 * The period before: r57_period_offset by -1.
 * @param out receives the period
 * @param period the period
 * @return as r57_period_offset.
 */
R57_EXTERN(int) r57_period_prev(r57_period *out, r57_period period);

/**
 * The first (r57_period_start) and the last (r57_period_end) day of a
 * period; for a range, of the whole range.
 * @param out receives the date
 * @param period the period
 * @return R57_OK, or R57_EINVAL for a NULL out or an invalid period.
 */
R57_EXTERN(int) r57_period_start(r57_date *out, r57_period period);
/**
 * The last day of a period; for a range, of the whole range.
 * @param out receives the date
 * @param period the period
 * @return R57_OK, or R57_EINVAL for a NULL out or an invalid period.
 */
R57_EXTERN(int) r57_period_end(r57_date *out, r57_period period);

/**
 * The year (r57_period_year_of), half-year (r57_period_half_of) or
 * quarter (r57_period_quarter_of) that contains the whole period: 2026-02
 * is in 2026Q1, 2026H1 and 2026; 2026Q1..2026Q2 is in 2026H1 and 2026.
 * @param out receives the containing period
 * @param period the period
 * @return R57_OK, or R57_EINVAL for a NULL out, an invalid period or one
 *         that is not within a single year, half-year or quarter (a year
 *         is not within a half-year; a half-year is not within a quarter;
 *         2026Q2..2026Q3 is not within a half-year).
 */
R57_EXTERN(int) r57_period_year_of(r57_period *out, r57_period period);
/**
 * The half-year that contains the whole period.
 * @param out receives the containing period
 * @param period the period
 * @return R57_OK, or R57_EINVAL (as r57_period_year_of).
 */
R57_EXTERN(int) r57_period_half_of(r57_period *out, r57_period period);
/**
 * The quarter that contains the whole period.
 * @param out receives the containing period
 * @param period the period
 * @return R57_OK, or R57_EINVAL (as r57_period_year_of).
 */
R57_EXTERN(int) r57_period_quarter_of(r57_period *out, r57_period period);

/**
 * Whether every day of inner lies within outer: a period contains itself;
 * 2026 contains 2026H2, 2026Q2, 2026-05 and 2026Q1..2026Q3; 2026H1
 * contains 2026Q2 and 2026-06 but not 2026Q3; 2026..2030 contains 2028-07.
 * @param outer the containing period
 * @param inner the contained period
 * @return true if it does; false if not, or if either is not a period.
 */
R57_EXTERN(bool) r57_period_contains(r57_period outer, r57_period inner);

/**
 * The number of members: 1 for a year, half-year, quarter or month, the
 * number of periods of a range (2026..2030 has 5).  No error is recorded.
 * @param period any integer
 * @return that number, or 0 if the integer is not a period.
 */
R57_EXTERN(size_t) r57_period_count(r57_period period);

/**
 * The member with the given 0-based index: of 2026..2030, index 2 is 2028;
 * of a single period, index 0 is the period itself.
 * @param out receives the member
 * @param period the period
 * @param index 0 .. r57_period_count(period) - 1
 * @return R57_OK, or R57_EINVAL for a NULL out, an invalid period or an
 *         index outside 0 .. count-1.
 */
R57_EXTERN(int) r57_period_member(r57_period *out, r57_period period, size_t index);

#ifdef __cplusplus
}
#endif

#endif /* R57_PERIOD_H */
