/*
 * libr57 — key political tasks, scorecards and the rating of units
 * (docs/scorecards.md).
 *
 * A scorecard counts, for a unit (alone or with its sub-units) and a
 * period, as of a date: the tasks that fell due in the period, those done
 * on time, done late, overdue and still pending, the share on time, the
 * key tasks left unfinished past their deadline, and the KPI targets met.
 * From these it rates the unit under the rating rules, which are data
 * (defaults below) and say which task blocks a better rating.
 */
#ifndef R57_SCORECARD_H
#define R57_SCORECARD_H

#include "common.h"
#include "db.h"
#include "period.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- rating rules ---------------------------------------------------------- */

/** The rating of a unit's scorecard, from not done to excellent. */
typedef enum r57_rating_t {
    R57_RATING_NONE = -1,     /**< nothing fell due: no rating */
    R57_RATING_NOT_DONE = 0,  /**< not completed */
    R57_RATING_DONE = 1,      /**< completed */
    R57_RATING_WELL_DONE = 2, /**< completed well */
    R57_RATING_EXCELLENT = 3  /**< completed excellently */
} r57_rating_t;

/**
 * The name of a rating.
 * @param rating a rating
 * @return "not_done", "done", "well_done", "excellent"; NULL otherwise
 *         (R57_RATING_NONE too).  Static.
 */
R57_EXTERN(const char *) r57_rating_name(r57_rating_t rating);

/**
 * Sets a level's rule.  Defaults: excellent 90 and blocked, well_done 70
 * and blocked, done 50, not_done 0 (a level's rule may not ask less than
 * the level below it).  Journaled.  Needs: administrator system-wide.
 * @param db the database
 * @param actor who sets it
 * @param level the rating the rule is for
 * @param min_on_time_share the least share of tasks on time (0–100) it needs
 * @param key_overdue_blocks 1: an unfinished key task past its deadline
 *        rules it out; 0: it does not
 * @return R57_OK, or R57_EINVAL (level or share out of range, or out of
 *         order with the neighbouring levels), R57_EPERM.
 */
R57_EXTERN(int)
r57_rating_rule_set(r57_db *db, const char *actor, r57_rating_t level, double min_on_time_share,
                    int key_overdue_blocks);

/**
 * A level's rule.
 * @param min_on_time_share receives the least share of tasks on time
 * @param key_overdue_blocks receives whether an unfinished key task past
 *        its deadline rules the level out
 * @param db the database
 * @param level the rating
 * @return R57_OK, or R57_EINVAL (NULL argument, level out of range).
 */
R57_EXTERN(int)
r57_rating_rule_get(double *min_on_time_share, bool *key_overdue_blocks, r57_db *db,
                    r57_rating_t level);

/* ---- scorecards ------------------------------------------------------------ */

typedef struct r57_scorecard r57_scorecard;

/**
 * The scorecard of `unit` (with its sub-units if include_subunits) for a
 * period ("2025", "2025Q4", "2025-11", or a range), as of a date
 * (R57_DATE_NONE: the last day of the period).  Tasks count by their owner
 * unit; a dated task counts if its due date falls in the period, a regular
 * task once per instance due in the period; cancelled tasks do not count.
 * The caller owns *out.
 * @param out receives the scorecard
 * @param db the database
 * @param unit the unit's code
 * @param include_subunits non-zero: with its sub-units
 * @param period "2025", "2025Q4", "2025-11", or a range
 * @param as_of the date; R57_DATE_NONE: the last day of the period
 * @return R57_OK, or R57_EINVAL, R57_EPARSE (period), R57_ENOTFOUND (unit).
 */
R57_EXTERN(int)
r57_scorecard_get(r57_scorecard **out, r57_db *db, const char *unit, int include_subunits,
                  const char *period, r57_date as_of);

/** The unit's code (borrowed). @param s the scorecard @return the code; NULL if s is NULL */
R57_EXTERN(const char *) r57_scorecard_unit(const r57_scorecard *s);
/** The period. @param s the scorecard @return the period; R57_PERIOD_NONE if s is NULL */
R57_EXTERN(r57_period) r57_scorecard_period(const r57_scorecard *s);
/** The as-of date. @param s the scorecard @return the date; R57_DATE_NONE if s is NULL */
R57_EXTERN(r57_date) r57_scorecard_as_of(const r57_scorecard *s);
/** Tasks that fell due in the period. @param s the scorecard @return the count */
R57_EXTERN(int64_t) r57_scorecard_due(const r57_scorecard *s);
/** Tasks done by the due date. @param s the scorecard @return the count */
R57_EXTERN(int64_t) r57_scorecard_on_time(const r57_scorecard *s);
/** Tasks done after it. @param s the scorecard @return the count */
R57_EXTERN(int64_t) r57_scorecard_late(const r57_scorecard *s);
/** Tasks open past it. @param s the scorecard @return the count */
R57_EXTERN(int64_t) r57_scorecard_overdue(const r57_scorecard *s);
/** Tasks open, not yet due. @param s the scorecard @return the count */
R57_EXTERN(int64_t) r57_scorecard_pending(const r57_scorecard *s);
/**
 * @param s the scorecard
 * @return 100 * on_time / (on_time + late + overdue); NaN when that is 0.
 */
R57_EXTERN(double) r57_scorecard_on_time_share(const r57_scorecard *s);
/**
 * Key tasks of the unit (any period) unfinished past their deadline.
 * @param s the scorecard
 * @return their number
 */
R57_EXTERN(size_t) r57_scorecard_key_unfinished(const r57_scorecard *s);
/**
 * The i-th of them: document, ref, category, due date (borrowed).
 * @param s the scorecard
 * @param i the index, below r57_scorecard_key_unfinished
 * @return the field; NULL (R57_KEY_NONE, R57_DATE_NONE) when i is out of
 *         range
 */
R57_EXTERN(const char *) r57_scorecard_key_document(const r57_scorecard *s, size_t i);
/** The i-th key task's ref (borrowed). @param s the scorecard @param i the index @return the ref; NULL when i is out of range */
R57_EXTERN(const char *) r57_scorecard_key_ref(const r57_scorecard *s, size_t i);
/**
 * The i-th key task's category.
 * @param s the scorecard @param i the index
 * @return the category; R57_KEY_NONE when i is out of range
 */
R57_EXTERN(r57_key_category_t) r57_scorecard_key_category(const r57_scorecard *s, size_t i);
/**
 * The i-th key task's due date.
 * @param s the scorecard @param i the index
 * @return the date; R57_DATE_NONE when i is out of range
 */
R57_EXTERN(r57_date) r57_scorecard_key_due(const r57_scorecard *s, size_t i);
/**
 * KPI targets of the unit for the period: met, not met, without data.
 * @param s the scorecard
 * @return the number of targets met, not met, or without data
 */
R57_EXTERN(int64_t) r57_scorecard_targets_met(const r57_scorecard *s);
/** KPI targets not met. @param s the scorecard @return the count */
R57_EXTERN(int64_t) r57_scorecard_targets_not_met(const r57_scorecard *s);
/** KPI targets without data. @param s the scorecard @return the count */
R57_EXTERN(int64_t) r57_scorecard_targets_no_data(const r57_scorecard *s);
/**
 * The rating (R57_RATING_NONE when nothing fell due) and why, in words
 * (which task blocks a better one, or which share it reached).
 * @param s the scorecard
 * @return the rating or the reason (borrowed)
 */
R57_EXTERN(r57_rating_t) r57_scorecard_rating(const r57_scorecard *s);
/** Why the rating, in words (borrowed). @param s the scorecard @return the reason; NULL if s is NULL */
R57_EXTERN(const char *) r57_scorecard_reason(const r57_scorecard *s);
/**
 * Frees a scorecard.
 * @param s the scorecard (may be NULL)
 */
R57_EXTERN(void) r57_scorecard_free(r57_scorecard *s);

#ifdef __cplusplus
}
#endif

#endif /* R57_SCORECARD_H */
