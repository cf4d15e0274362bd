/*
 * libr57 — the public report: "publish the progress, publish who is
 * responsible, publish the results" (docs/report.md).
 *
 * A self-contained static site — index.html, one page per unit under
 * units/, and the same content as report.json — that a citizen can read
 * offline: per unit, the tasks it is responsible for with their deadlines
 * and progress, the overdue ones, the evidence that was verified, each
 * indicator with its value, target and attainment drawn as an SVG chart
 * with the target line, and its scorecard.  No scripts, fonts or anything
 * from the network; no actor names or contact details; rejected and
 * unverified evidence left out unless asked for.
 */
#ifndef R57_REPORT_H
#define R57_REPORT_H

#include "common.h"
#include "db.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What goes into a report.  Fill with R57_REPORT_OPTIONS_INIT. */
typedef struct r57_report_options {
    unsigned int version; /* R57_REPORT_OPTIONS_VERSION */
    r57_date as_of;       /* overdue and scorecards as of (R57_DATE_NONE: today) */
    const char *period;   /* indicators and scorecards (NULL: the as-of year) */
    const char *title;    /* the site's title (NULL: a default) */
    int due_soon_days;    /* "due soon" window (default 7) */
    int include_rejected; /* 1: also show rejected evidence, with the reason */
} r57_report_options;

#define R57_REPORT_OPTIONS_VERSION 1
#define R57_REPORT_OPTIONS_INIT                                                                    \
    {                                                                                              \
        R57_REPORT_OPTIONS_VERSION, R57_DATE_NONE, NULL, NULL, 7, 0                                \
    }

/**
 * Initialises options as R57_REPORT_OPTIONS_INIT does (for bindings).
 * @param opts the options to fill
 * @param version R57_REPORT_OPTIONS_VERSION
 * @return R57_OK, or R57_EINVAL (NULL opts, unknown version).
 */
R57_EXTERN(int) r57_report_options_init(r57_report_options *opts, unsigned int version);

/**
 * Writes the report into directory dir (created if missing; files of an
 * earlier report are replaced): dir/index.html, dir/units/CODE.html for each
 * unit, dir/report.json.
 * @param db the database
 * @param opts what goes into the report; NULL for the defaults
 * @param dir the directory
 * @return R57_OK, or R57_EINVAL, R57_EPARSE (period), R57_EIO (a file or the
 *         directory cannot be written: the message names it), R57_ENOMEM.
 */
R57_EXTERN(int) r57_report_write(r57_db *db, const r57_report_options *opts, const char *dir);

#ifdef __cplusplus
}
#endif

#endif /* R57_REPORT_H */
