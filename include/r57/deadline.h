/*
 * libr57 — deadlines as people write them.
 *
 * A deadline keeps the text as written and resolves it to a due date:
 *   a day      "by 20 October 2025", "2025-10-20", "20/10/2025",
 *              "trước ngày 20/10/2025"                      -> that day
 *   a month    "October 2025", "2025-10", "tháng 10/2025"   -> its last day
 *   a quarter  "Q1 2026", "first quarter of 2026", "quý I/2026"
 *                                                           -> its last day
 *   a year     "in 2026", "năm 2026"                        -> 31 December
 *   a half     "H1 2026", "second half of 2026", "6 tháng đầu năm 2026",
 *              "nửa cuối năm 2026"                         -> its last day
 *   regular    "monthly", "every quarter", "annually", "định kỳ hằng tháng",
 *              "semi-annually", "every six months", "định kỳ 6 tháng",
 *              "6 tháng một lần", …
 *              -> no single due date; each period (month, quarter,
 *                 half-year, year) is an instance due on the period's last
 *                 day (r57_deadline_instance)
 *   ongoing    "ongoing", "regularly", "thường xuyên", "liên tục", "hằng ngày"
 *   range      "giai đoạn 2026-2030", "2026–2030", "from 2026 to 2030"
 *                                                           -> 31 December of the last
 *   event      "together with the draft law", "after the Decree is issued",
 *              "cùng với dự án luật", "sau khi Nghị định được ban hành"
 *   vague      "as soon as possible", "ngay", "khẩn trương", "when required",
 *              and any text of words that name no time ("soonish")
 *   none       NULL, "" or only blanks
 * Ongoing, event, vague and none have no due date and are never overdue.
 * Text is compared after Unicode folding: NFC or NFD, any case, with or
 * without Vietnamese diacritics.  A text that names a time (a digit, or a
 * word such as "month", "quarter", "tháng", "quý", a month's name) but
 * cannot be read, or names an impossible one, is refused.
 * The full grammar is in docs/deadlines.md.
 */
#ifndef R57_DEADLINE_H
#define R57_DEADLINE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The kind of a deadline as written.  MONTHLY, QUARTERLY, HALF_YEARLY and
 * ANNUALLY are regular; ONGOING, EVENT and VAGUE, like NONE, have no due date.
 */
typedef enum r57_deadline_kind_t {
    R57_DEADLINE_INVALID = -1, /**< what r57_task_deadline_kind says of NULL */
    R57_DEADLINE_NONE = 0,
    R57_DEADLINE_DAY = 1,
    R57_DEADLINE_MONTH = 2,
    R57_DEADLINE_QUARTER = 3,
    R57_DEADLINE_YEAR = 4,
    R57_DEADLINE_MONTHLY = 5,      /**< regular: every month */
    R57_DEADLINE_QUARTERLY = 6,    /**< regular: every quarter */
    R57_DEADLINE_ANNUALLY = 7,     /**< regular: every year */
    R57_DEADLINE_HALF = 8,         /**< a half-year: due 30 June or 31 December */
    R57_DEADLINE_ONGOING = 9,      /**< continuous work: never due */
    R57_DEADLINE_EVENT = 10,       /**< due with an event the text names: no date */
    R57_DEADLINE_VAGUE = 11,       /**< words that name no time: no date */
    R57_DEADLINE_HALF_YEARLY = 12, /**< regular: every half-year (Jan-Jun, Jul-Dec) */
    R57_DEADLINE_RANGE = 13        /**< a range of years ("giai đoạn 2026-2030"):
                                   due 31 December of the last */
} r57_deadline_kind_t;

/**
 * The name of a kind of deadline.
 * @param kind a kind
 * @return "none", "day", "month", "quarter", "year", "monthly",
 *         "quarterly", "annually", "half", "ongoing", "event", "vague",
 *         "half_yearly", "range"; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_deadline_kind_name(r57_deadline_kind_t kind);

/**
 * Whether a kind is regular (recurring).
 * @param kind a kind
 * @return true for monthly, quarterly, annually and half_yearly (which is
 *         not next to the others: kinds are only ever appended).
 */
R57_EXTERN(bool) r57_deadline_kind_is_regular(r57_deadline_kind_t kind);

/**
 * Parses a deadline.
 * @param kind_out receives its kind; may be NULL
 * @param due_out receives the due date (R57_DATE_NONE for "none", the
 *        regular kinds, "ongoing", "event" and "vague"); may be NULL
 * @param text the deadline as written
 * @return R57_OK, or R57_EPARSE with a message quoting the text (e.g.
 *         "deadline 'by next week' is not a date, month, quarter or year")
 *         and the column/offset where reading stopped.
 */
R57_EXTERN(int)
r57_deadline_parse(r57_deadline_kind_t *kind_out, r57_date *due_out, const char *text);

/**
 * For a regular kind, the instance (period) that contains a date: the
 * month, the quarter, the calendar year, or for half_yearly 1 January-30
 * June or 1 July-31 December.
 * @param start_out receives its first day; may be NULL
 * @param due_out receives its due date (the period's last day); may be NULL
 * @param kind a regular kind
 * @param at the date
 * @return R57_OK, or R57_EINVAL for a kind that is not regular or
 *         R57_DATE_NONE.
 */
R57_EXTERN(int)
r57_deadline_instance(r57_date *start_out, r57_date *due_out, r57_deadline_kind_t kind,
                      r57_date at);

#ifdef __cplusplus
}
#endif

#endif /* R57_DEADLINE_H */
