/*
 * libr57 internals shared by the modules of lib/.  Not installed.
 * Functions here are r57__<noun>_<verb>; they follow the public error
 * rules (return R57_OK or a negative code and set the thread's error).
 */
#ifndef R57_INTERNAL_H
#define R57_INTERNAL_H

#include "r57.h"

#include <stdarg.h>
#include <stdbool.h>

#if defined(__GNUC__)
#define R57__PRINTF(f, a) __attribute__((format(printf, f, a)))
#define R57__UNUSED __attribute__((unused))
#else
#define R57__PRINTF(f, a)
#define R57__UNUSED
#endif

/* ---- errors (error.c) ---------------------------------------------- */

/* Records an error for this thread and returns code, so callers can write
 * `return r57__error(R57_EINVAL, "…", …);`. */
int r57__error(int code, const char *fmt, ...) R57__PRINTF(2, 3);
/* The same with a parse position (line and column from 1, offset from 0). */
int r57__error_at(int code, int line, int column, long offset, const char *fmt, ...)
    R57__PRINTF(5, 6);
/* Records an error carrying SQLite's extended code. */
int r57__error_sqlite(int code, int sqlite_code, const char *fmt, ...) R57__PRINTF(3, 4);
/* Shorthand for R57_ENOMEM with a standard message. */
int r57__error_nomem(void);
/* Rejects a NULL or empty string argument: returns R57_EINVAL with
 * "<func>: <name> is NULL" / "… is empty", or R57_OK. */
int r57__require(const char *func, const char *name, const char *value);

/* ---- memory (alloc.c) ---------------------------------------------- */

void *r57__malloc(size_t size);
void *r57__calloc(size_t n, size_t size);
void *r57__realloc(void *ptr, size_t size);
void r57__free(void *ptr);
/* How many allocations through the hook have failed on this thread (see
 * r57__json_parse). */
unsigned long r57__alloc_failures(void);
/* Copies a string (NULL gives NULL); NULL also on failure, so check
 * `src && !copy`. */
char *r57__strdup(const char *src);
char *r57__strndup(const char *src, size_t n);

/* ---- growable buffer (buf.c) --------------------------------------- */

typedef struct r57__buf {
    char *ptr;    /* NUL-terminated once anything was added */
    size_t len;
    size_t cap;
    int failed;   /* an allocation failed; later appends do nothing */
} r57__buf;

#define R57__BUF_INIT { NULL, 0, 0, 0 }

int r57__buf_grow(r57__buf *b, size_t extra);
int r57__buf_put(r57__buf *b, const char *data, size_t len);
int r57__buf_puts(r57__buf *b, const char *s);
int r57__buf_printf(r57__buf *b, const char *fmt, ...) R57__PRINTF(2, 3);
/* Appends s as a JSON string literal, quotes included (NULL: null). */
int r57__buf_json_string(r57__buf *b, const char *s);
/* Hands the string to the caller (who frees it with r57__free); the
 * buffer is reset.  NULL if anything failed. */
char *r57__buf_detach(r57__buf *b);
void r57__buf_free(r57__buf *b);

/* ---- dates (date.c) ------------------------------------------------- */

r57_date r57__date_from_ymd(int y, int m, int d); /* no validation */
void r57__date_to_ymd(r57_date date, int *y, int *m, int *d);
int r57__days_in_month(int y, int m);
/* Today's date in UTC. */
r57_date r57__date_today(void);
/* The current time as "YYYY-MM-DDTHH:MM:SS.mmmZ" into a 32-byte buffer. */
void r57__timestamp_now(char buf[64]);

/* ---- periods (period.c), shared with formula.c ---------------------- */

/* Scans a period from text[0..len) without recording a thread error: on
 * failure returns a negative code with the message in msg and the offset
 * in *err_off (*positional says whether the offset is meaningful). */
int r57__period_scan(int64_t *out, const char *text, size_t len, size_t *err_off, int *positional,
                     char *msg, size_t msgsz);
/* Moves a period by k members (no thread error; negative if out of range). */
int r57__period_shift(int64_t *out, int64_t p, long k);

/* ---- transactions (db.c) ---------------------------------------------- */

/* Rolls back the open transaction (r57_db_begin) and keeps the thread's
 * error as it was, so the caller reports what failed, not the rollback. */
void r57__db_rollback_keep_error(r57_db *db);

/* ---- import reports (interchange.c) ----------------------------------- */

struct r57_import_report {
    uint64_t units, documents, tasks, values, other, last_line;
    char **created; /* codes of the units a CSV import created */
    size_t ncreated;
};

r57_import_report *r57__report_new(void);
/* Records a unit the import created (and counts it). */
int r57__report_add_unit(r57_import_report *r, const char *code);

/* ---- JSON positions (jsonpos.c) --------------------------------------- */

/* Where the value a JSON pointer ("/tasks/17/deadline") names starts in a
 * valid JSON text: 1-based line and column, 0-based byte offset.  Returns 0,
 * or -1 when the pointer leads nowhere. */
int r57__json_locate(const char *text, size_t len, const char *pointer, int *line, int *col,
                     long *offset);

struct json_t;
struct json_error_t;

/*
 * Parses a JSON text of len bytes, or the file at path when text is NULL,
 * with jansson (duplicate keys refused).  Returns R57_OK with *out (a new
 * reference); R57_EPARSE with *jerr filled and no error recorded (jansson's
 * code says which: syntax, duplicate key, file not opened); or R57_ENOMEM,
 * recorded, when an allocation failed during the parse.  jansson is not
 * trusted on the last point: when growing its token buffer fails its lexer
 * drops the byte and goes on, and it reports other failed allocations as
 * syntax errors, so any failure the allocator hook counted (r57_allocator_set
 * routes jansson through it) makes the parse R57_ENOMEM.
 */
int r57__json_parse(struct json_t **out, const char *text, size_t len, const char *path,
                    struct json_error_t *jerr);


/* ---- vague phrases (lint.c) -------------------------------------------- */

/* 1 when text holds one of the built-in vague phrases for a 6-clear field. */
int r57__lint_is_vague(int field, const char *text);

/* ---- text helpers (text.c) ----------------------------------------- */

/* ASCII lower-casing of one byte; other bytes unchanged. */
static inline int r57__lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
/* Non-zero when s is NULL or only blanks. */
int r57__blank(const char *s);

#endif /* R57_INTERNAL_H */
