/*
 * libr57 — the last error of the calling thread.
 *
 * When a call fails it returns a negative code and records, for the calling
 * thread only, the code, a message naming the input and what is wrong with
 * it, and for parsers the position (line and column from 1, byte offset
 * from 0).  The record stays until the next failing call on the same thread
 * or r57_error_clear().  It works without any handle, so a failed r57_open()
 * can be explained too.
 *
 * docs/errors.md lists every code (r57_result_t in r57/common.h), what it
 * means and which calls return it, the callback rule, and the limits.
 */
#ifndef R57_ERROR_H
#define R57_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_error r57_error;

/**
 * The last error of the calling thread.  Never NULL: before any failure it
 * is an error with code R57_OK and the message "no error".  Borrowed: valid
 * until the next libr57 call on this thread.
 * @return the error record (borrowed)
 */
R57_EXTERN(const r57_error *) r57_error_last(void);

/**
 * The code (an r57_result) of an error record.
 * @param err the error record
 * @return the code
 */
R57_EXTERN(int) r57_error_code(const r57_error *err);

/**
 * The message of an error record, e.g. "task 'III.8': deadline 'next week'
 * is not a date, month, quarter or year". Borrowed from the record; never
 * NULL.
 * @param err the error record
 * @return the message
 */
R57_EXTERN(const char *) r57_error_message(const r57_error *err);

/**
 * For parse errors, the 1-based line and column and the 0-based byte offset
 * of the problem; 0, 0 and -1 when there is no position.
 * @param err the error record
 * @return the line or column (0 when there is no position), or the offset
 *         (-1 when there is none)
 */
R57_EXTERN(int) r57_error_line(const r57_error *err);
/** The 1-based column. @param err the error record @return the column; 0 when there is no position */
R57_EXTERN(int) r57_error_column(const r57_error *err);
/** The 0-based byte offset. @param err the error record @return the offset; -1 when there is none */
R57_EXTERN(long) r57_error_offset(const r57_error *err);

/**
 * For errors that came from SQLite, SQLite's extended result code; else 0.
 * @param err the error record
 * @return SQLite's extended result code; else 0
 */
R57_EXTERN(int) r57_error_sqlite_code(const r57_error *err);

/**
 * Resets the calling thread's error record to "no error".
 */
R57_EXTERN(void) r57_error_clear(void);

#ifdef __cplusplus
}
#endif

#endif /* R57_ERROR_H */
