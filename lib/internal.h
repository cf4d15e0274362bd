/*
 * libr57 internals shared by the modules of lib/.  Not installed.
 * Functions here are r57__<noun>_<verb>; they follow the public error
 * rules (return R57_OK or a negative code and set the thread's error).
 */
#ifndef R57_INTERNAL_H
#define R57_INTERNAL_H

#include "r57.h"

#include <nettle/sha2.h>
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

/* The bytes of an error record's message, its NUL included.  A longer
 * message is cut at a character boundary and ends in "...".  Code that
 * copies a message aside (to record it again after other calls) uses a
 * buffer of this size, so that it cuts nothing the record kept. */
#define R57__MSG_MAX 4096

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

/* ---- callbacks (callback.c) ------------------------------------------- */

/* The callback rule (r57/common.h): R57_OK for a zero return; a negative
 * return unchanged (recording "<what>: it returned <code>" unless the
 * thread's error record already carries that code); R57_EUSER for a
 * positive one ("<what>: it returned <n>").  `what` names the call and the
 * callback, e.g. "export stopped by the write callback". */
int r57__callback_rc(int rc, const char *what);

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
    char *ptr; /* NUL-terminated once anything was added */
    size_t len;
    size_t cap;
    int failed; /* an allocation failed; later appends do nothing */
} r57__buf;

#define R57__BUF_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

int r57__buf_grow(r57__buf *b, size_t extra);
int r57__buf_put(r57__buf *b, const char *data, size_t len);
int r57__buf_puts(r57__buf *b, const char *s);
int r57__buf_printf(r57__buf *b, const char *fmt, ...) R57__PRINTF(2, 3);
/* The same with a va_list (the list is used once). */
int r57__buf_vprintf(r57__buf *b, const char *fmt, va_list ap);
/* A whole file into *text (r57__malloc'd, NUL-terminated) and its length.
 * R57_EIO naming the file, R57_ENOMEM. */
int r57__read_file(const char *path, char **text, size_t *len);
/* Formats into a new string (*out, freed with r57__free; NULL on failure):
 * for text of any length where a fixed buffer would cut it.  R57_ENOMEM. */
int r57__strfmt(char **out, const char *fmt, ...) R57__PRINTF(2, 3);
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
int r57__period_scan(r57_period *out, const char *text, size_t len, size_t *err_off,
                     int *positional, char *msg, size_t msgsz);
/* Moves a period by k members (no thread error; negative if out of range). */
int r57__period_shift(r57_period *out, r57_period p, long k);

/* 1 when a window of the formula is "members" (formula.c): its value for
 * a range of periods is computed over the range, not averaged over it. */
int r57__formula_uses_members(const r57_formula *f);

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

/* ---- SHA-256 (sha256.c, by Nettle) ------------------------------------- */

typedef struct r57__sha256 {
    struct sha256_ctx ctx;
} r57__sha256;

void r57__sha256_init(r57__sha256 *h);
void r57__sha256_update(r57__sha256 *h, const void *data, size_t size);
/* Finishes the hash into 64 lower-case hex digits and a NUL. */
void r57__sha256_hex(r57__sha256 *h, char out[R57_SHA256_HEX_SIZE]);
/* 1 when s is exactly 64 hex digits. */
int r57__is_sha256_hex(const char *s);

/* ---- the journal's hash chain (journal_hash.c) ------------------------- */

/* A journal entry as stored; strings NULL when unset. */
typedef struct r57__journal_row {
    int64_t seq;
    const char *at, *actor, *object, *key, *action, *old_json, *new_json;
    const char *prev_hash, *hash;
} r57__journal_row;
/* The hash of an entry: SHA-256 over the previous entry's hash and the
 * entry's canonical content (docs/journal.md); prev_hash and hash of row
 * are not read. */
void r57__journal_hash(char out[R57_SHA256_HEX_SIZE], const char *prev,
                       const r57__journal_row *row);

/* ---- imports (import.c) ----------------------------------------------- */

/* Imports (import.c): checks that the actor may import (system-wide
 * administrator) and lifts the per-object checks until r57__import_leave,
 * which returns ret. */
int r57__import_enter(r57_db *db, const char *actor, const char *func);
int r57__import_leave(r57_db *db, int ret);

/* ---- text helpers (text.c) ----------------------------------------- */

/* ASCII lower-casing of one byte; other bytes unchanged. */
static inline int r57__lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
/* Non-zero when s is NULL or only blanks. */
int r57__blank(const char *s);
/* Rejects a NULL or blank string argument: returns R57_EINVAL with
 * "<func>: <name> is NULL" / "… is empty", or R57_OK. */
int r57__require(const char *func, const char *name, const char *value);
/* The offset of the first byte of s[0..n) that is not part of well-formed
 * UTF-8 (no overlong forms, surrogates or code points past U+10FFFF: what
 * JSON text may carry), or -1 when all of it is. */
long r57__utf8_invalid(const char *s, size_t n);

/* Unicode keys (utf8proc): NFKC, full case folding, blanks collapsed to one
 * space and trimmed.  R57__TEXT_BARE also drops every diacritic (đ -> d):
 * "Bộ Khoa học" and "bo khoa hoc" have the same bare key.
 * R57__TEXT_KEEP_CASE leaves case alone.  *out is r57__malloc'd.
 * R57_EINVAL for text that is not UTF-8. */
#define R57__TEXT_BARE 1
#define R57__TEXT_KEEP_CASE 2
int r57__text_key(char **out, const char *s, int flags);
/* A unit code from a name: ASCII-folded, upper case, words joined by '-'
 * ("Bộ Tài chính" -> "BO-TAI-CHINH").  R57_EINVAL when nothing is left. */
int r57__text_code(char **out, const char *name);
/* 1 when a and b have the same key under flags, 0 when not, -1 on error. */
int r57__text_equal(const char *a, const char *b, int flags);

/* ---- the unit registry (unit.c) ------------------------------------- */

typedef struct r57__unit_name_spec {
    int kind; /* r57_unit_name_kind_t */
    const char *name, *of, *since;
} r57__unit_name_spec;

typedef struct r57__unit_spec {
    const char *code, *name, *parent;
    int kind;
    const r57__unit_name_spec *names;
    size_t n_names;
} r57__unit_spec;

/* Creates the unit or brings a known one to the spec (name, kind, parent),
 * adding the names it lacks; inside the caller's write.  *created is 1 for
 * a new unit; *changes counts the changes to a known one and the names
 * added (0 on a reload of the same data). */
int r57__unit_register(r57_db *db, const char *actor, const r57__unit_spec *spec, int *created,
                       size_t *changes);

/* R57_EINVAL unless the task was read through this handle (task.c): a
 * task's row id means nothing in another database. */
int r57__task_of(r57_db *db, const r57_task *task, const char *func);

/* Import options of any version as the current one (interchange.c). */
int r57__import_options_copy(r57_import_options *dst, const r57_import_options *src,
                             const char *func);

/* ---- resolutions stored with tasks (resolve.c) ------------------------- */
struct json_t;
int r57__resolution_to_json(struct json_t **out, const r57_resolution *r);
int r57__resolution_from_json(r57_resolution **out, const struct json_t *o);
/* r57_task_create, but with the texts' resolution given (JSON text, as
 * exported) instead of resolved now; NULL resolves as r57_task_create. */
int r57__task_restore(r57_task **out, r57_db *db, const char *actor, const r57_task_spec *s,
                      const char *resolution);
/* r57_resolve without a copy: *out and *json (the resolution as stored
 * with a task; json may be NULL) are borrowed from the handle's cache and
 * stay valid until the next resolution on the handle. */
int r57__resolve_borrow(const r57_resolution **out, const char **json, r57_db *db, const char *text,
                        r57_resolve_mode_t mode, r57_date on);
/* Compact JSON text of o in r57__malloc'd memory; NULL when out of memory. */
char *r57__json_dump(const struct json_t *o);

/* data/units_vn.csv, built into the library (lib/embed.py). */
extern const char r57__units_vn_csv[];
extern const size_t r57__units_vn_csv_len;
/* data/unit_groups.csv, likewise. */
extern const char r57__unit_groups_csv[];
extern const size_t r57__unit_groups_csv_len;

/* r57_target_create; with must_exist 0 a unit or group code not (yet)
 * in the database is kept and binds once it exists (the catalogue). */
int r57__target_create(r57_db *db, const char *actor, const r57_target_spec *spec, int must_exist);

/* ---- unit groups (group.c) ------------------------------------------ */

typedef struct r57__group_spec {
    const char *code, *name;
    const r57__unit_name_spec *names; /* English names and aliases */
    size_t n_names;
    const char *const *members; /* unit codes, or "kind:<unit kind>" */
    size_t n_members;
} r57__group_spec;

/* Creates the group or brings a known one to the spec (its name), adding
 * the names and members it lacks; inside the caller's write.  *created,
 * *changes as r57__unit_register's.  A member that names no unit is
 * R57_ENOTFOUND. */
int r57__group_register(r57_db *db, const char *actor, const r57__group_spec *spec, int *created,
                        size_t *changes);

/* ---- tasks, evidence, scorecards (task.c, evidence.c, scorecard.c) ------ */

/* The done instances of a regular task, by start (task.c), and the date its
 * instances start from (its document's date; R57_DATE_NONE if unset). */
typedef struct r57__instances {
    r57_date *start, *done;
    size_t n, cap;
    r57_date first;
} r57__instances;
int r57__instances_load(r57_db *db, int64_t task_id, r57__instances *in);
/* The done date of the instance starting at `start`, or R57_DATE_NONE; *k
 * (from 0) moves forward, so ask in increasing order of start. */
r57_date r57__instances_done(const r57__instances *in, size_t *k, r57_date start);
void r57__instances_free(r57__instances *in);

/* "one_off" or "regular" (evidence_rule.c): the words of the format and journal. */
const char *r57__task_kind_name(int kind);
/* Stores a rating level's rule and journals the old and new rule under
 * `action` (scorecard.c; the caller checked rights and ranges). */
int r57__rating_rule_store(r57_db *db, const char *actor, int level, double min_share, int blocks,
                           const char *action);

/* What the access and evidence rules need to know of a task (task.c). */
typedef struct r57__task_facts {
    int64_t id, document_id, owner_unit_id, authority_unit_id;
    int deadline_kind, status;
    char *name; /* "task 'III.8' of '07-TB/CQTTBCD'", for messages, whole */
} r57__task_facts;
/* Fills *f; free it with r57__task_facts_free whatever this returns. */
int r57__task_facts_get(r57_db *db, int64_t task_id, r57__task_facts *f);
void r57__task_facts_free(r57__task_facts *f);
/* R57_OK if the task may be done (instance R57_DATE_NONE) or its instance
 * containing that date marked done, under its document's evidence rule;
 * else R57_ESTATE naming the task and what is missing. */
int r57__evidence_proof_check(r57_db *db, const r57__task_facts *f, r57_date instance,
                              const char *product);

/* ---- the KPI engine (kpi.c) -------------------------------------------- */

/* r57_value_set with the reporter given apart from the acting actor (an
 * import keeps who reported each value). */
int r57__value_set_as(r57_db *db, const char *actor, const char *reported_by, const char *element,
                      const char *unit, const char *period, double value, const char *source);

#endif /* R57_INTERNAL_H */
