/*
 * What the JSON importer (import.c) shares with the NDJSON importer
 * (import_ndjson.c): the state of one import, its errors that point into
 * the text, the transaction and the report, and the importer of each type
 * of object.
 */
#ifndef R57_IMPORT_INTERNAL_H
#define R57_IMPORT_INTERNAL_H

#include "internal.h"

#include <jansson.h>

typedef struct importer {
    r57_db *db;
    const char *actor;
    const r57_import_options *opts;
    r57_import_report *report;
    const char *path; /* the file imported, named in messages (NULL: text) */
    const char *text; /* the JSON text errors point into */
    size_t len;
    uint64_t line_base; /* NDJSON: file line of `text` (else 1) */
    long offset_base;   /* NDJSON: file offset of `text` (else 0) */
    uint64_t items, bytes;
    /* Progress reports of this import: their ids in the file and here, so
     * that evidence can name the report it supports. */
    int64_t *progress_from, *progress_to;
    size_t nprogress, capprogress;
} importer;

/* Records `code` with the message, the line and column of `pointer` (a
 * JSON pointer into im->text) and returns it. */
int r57__import_fail_at(importer *im, int code, const char *pointer, const char *fmt, ...)
    R57__PRINTF(4, 5);
/* A JSON syntax error from jansson, at `line` of the file (NDJSON) or of
 * the text. */
int r57__import_fail_syntax(importer *im, const json_error_t *jerr, int line);
/* r57_db_begin, refusing a transaction the caller left open (the import
 * runs in its own); func names the public call. */
int r57__import_begin(r57_db *db, const char *func);
/* Checks the arguments and options of a public import call and readies im
 * and its report. */
int r57__import_setup(importer *im, r57_import_report **report, r57_db *db, const char *actor,
                      const r57_import_options *opts, const char *func);
/* Hands the report to the caller (or frees it) and returns ret. */
int r57__import_finish(importer *im, r57_import_report **report, int ret);
/* Counts an item (force: only reports, at the end) and calls the progress
 * callback every 1000 items. */
int r57__import_progress(importer *im, int force);

/* Imports one object of a type at JSON pointer `ptr`; `skip` is a field
 * the object may carry besides its own ("type" in NDJSON). */
typedef int (*r57__import_fn)(importer *im, json_t *o, const char *ptr, const char *skip);
/* The importer of objects of `type` ("unit", "task", …); NULL if none. */
r57__import_fn r57__import_kind(const char *type);

#endif /* R57_IMPORT_INTERNAL_H */
