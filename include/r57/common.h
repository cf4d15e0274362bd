/*
 * libr57 — common definitions: export macro, version, result codes, dates.
 *
 * Every fallible libr57 call returns an int: R57_OK (0) or one of the
 * negative R57_E… codes below.  The details of the last failure on the
 * calling thread are available from r57_error_last() (see r57/error.h).
 */
#ifndef R57_COMMON_H
#define R57_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a public symbol.  Everything else in the library is hidden. */
#if defined(_WIN32) && defined(R57_BUILDING)
#define R57_EXTERN(type) __declspec(dllexport) type
#elif defined(_WIN32)
#define R57_EXTERN(type) __declspec(dllimport) type
#elif defined(__GNUC__)
#define R57_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define R57_EXTERN(type) type
#endif

/* R57_VERSION_MAJOR, _MINOR, _PATCH, _STRING and _NUMBER: generated from
 * meson.build (include/r57/version.h.in). */
#include "r57/version.h"

/**
 * Result codes.  The list is short on purpose; the message from
 * r57_error_last() says what exactly was wrong and with which input.
 * Values never change once published.  docs/errors.md says which calls
 * return each, and what R57_ERROR means.
 */
typedef enum r57_result_t {
    R57_OK = 0,          /**< success */
    R57_ERROR = -1,      /**< an error that fits no other code */
    R57_ENOMEM = -2,     /**< an allocation failed */
    R57_EINVAL = -3,     /**< an argument is NULL, empty or out of range */
    R57_ENOTFOUND = -4,  /**< the named object does not exist */
    R57_EEXISTS = -5,    /**< an object with that key exists already */
    R57_EPERM = -6,      /**< the actor lacks the right to do this */
    R57_ECONFLICT = -7,  /**< the objects involved do not fit together */
    R57_EPARSE = -8,     /**< text could not be parsed (see line/column) */
    R57_EIO = -9,        /**< reading or writing a file or the database failed */
    R57_ENOTDB = -10,    /**< the file is not a libr57 database */
    R57_EVERSION = -11,  /**< written by a newer libr57 (or format) version */
    R57_EREADONLY = -12, /**< the database cannot be written */
    R57_ESTATE = -13,    /**< the change is not allowed in the current state */
    R57_ECYCLE = -14,    /**< definitions refer to each other in a cycle */
    R57_EBUSY = -15,     /**< the database is locked by another connection */
    R57_EUSER = -16,     /**< a callback stopped the call with a positive return */
    R57_ITEROVER = -31   /**< an iteration has no more items (not an error) */
} r57_result_t;

/*
 * The callback rule, the same for every callback of the API (r57_write_fn,
 * r57_progress_fn, r57_formula_resolve_fn): return 0 to go on; any other
 * return stops the call that called it.  That call then returns
 *   - a negative return unchanged (an R57_E… code, typically from a libr57
 *     call the callback made; its error record is kept, else one is
 *     recorded naming the callback and the code), or
 *   - R57_EUSER for a positive return (the message gives the value), so
 *     that `rc < 0` catches every failure.
 * A callback that must hand back more than "stop" keeps it in its payload.
 * See docs/errors.md.
 */

/**
 * The short name of a code, e.g. "R57_ENOMEM"; "R57_EUNKNOWN" if unknown.
 * @param code a result code
 * @return a static string.
 */
R57_EXTERN(const char *) r57_err_name(int code);

/**
 * A sentence describing a code, e.g. "out of memory".  Static string.
 * @param code a result code
 * @return the sentence (static)
 */
R57_EXTERN(const char *) r57_strerror(int code);

/**
 * The version of the library actually linked, as "MAJOR.MINOR.PATCH".
 * @return the version string
 */
R57_EXTERN(const char *) r57_version(void);

/**
 * R57_VERSION_NUMBER of the library actually linked.  Bindings compare it
 * with the header they were built from.
 * @return R57_VERSION_NUMBER of the library linked
 */
R57_EXTERN(int) r57_version_number(void);

/*
 * Dates.  A calendar date is the number of days since 1970-01-01 in the
 * proleptic Gregorian calendar (so 0 is 1970-01-01, 20381 is 2025-10-20).
 * This is the epoch day of Java's LocalDate and
 * Python's date.toordinal() - 719163.  R57_DATE_NONE means "no date".
 */
typedef int32_t r57_date;
#define R57_DATE_NONE INT32_MIN

/**
 * Builds a date from year, month (1-12) and day (1-31).
 * @param out receives the date
 * @param year the year
 * @param month the month (1-12)
 * @param day the day (1-31)
 * @return R57_OK, or R57_EINVAL if the day does not exist.
 */
R57_EXTERN(int) r57_date_from_ymd(r57_date *out, int year, int month, int day);

/**
 * Splits a date into year, month and day; any out pointer may be NULL.
 * @param date the date
 * @param year receives the year; may be NULL
 * @param month receives the month; may be NULL
 * @param day receives the day; may be NULL
 * @return R57_OK, or R57_EINVAL for R57_DATE_NONE.
 */
R57_EXTERN(int) r57_date_to_ymd(r57_date date, int *year, int *month, int *day);

/**
 * Parses an ISO date "YYYY-MM-DD".
 * @param out receives the date
 * @param text "YYYY-MM-DD"
 * @return R57_OK or R57_EPARSE (the message quotes the text; the column
 *         points at the bad character).
 */
R57_EXTERN(int) r57_date_parse(r57_date *out, const char *text);

/* The bytes r57_date_format writes: "YYYY-MM-DD" and a NUL. */
#define R57_DATE_TEXT_SIZE 11

/**
 * Writes "YYYY-MM-DD" (10 characters and a NUL) into buf, which must hold at
 * least R57_DATE_TEXT_SIZE (11) bytes.
 * @param buf receives the text
 * @param size its size in bytes (at least R57_DATE_TEXT_SIZE)
 * @param date the date
 * @return R57_OK, or R57_EINVAL for a NULL buffer, a size under 11,
 *         R57_DATE_NONE or a year outside 0-9999.
 */
R57_EXTERN(int) r57_date_format(char *buf, size_t size, r57_date date);

/**
 * The last day of the given month: e.g. (2024, 2) gives 2024-02-29.
 * @param out receives the date
 * @param year the year
 * @param month the month (1-12)
 * @return R57_OK or R57_EINVAL for a month outside 1-12.
 */
R57_EXTERN(int) r57_date_month_end(r57_date *out, int year, int month);

#ifdef __cplusplus
}
#endif

#endif /* R57_COMMON_H */
