/*
 * libr57 — interchange: JSON and NDJSON export and import, and CSV import
 * of task sheets.  The format is described in docs/json-format.md, with a
 * JSON Schema in docs/schema/r57.schema.json.
 *
 * Export writes a canonical document: fixed key order, objects in a fixed
 * order, numbers with 17 significant digits, so that export -> import into
 * an empty database -> export gives identical bytes.  The journal is not
 * exported: it is the history of one database, and an import journals what
 * it creates under the importing actor.
 */
#ifndef R57_INTERCHANGE_H
#define R57_INTERCHANGE_H

#include "common.h"
#include "db.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The format version this library writes and reads (the "version" field). */
#define R57_FORMAT_VERSION 2

/* Receives exported bytes; return 0 to go on, non-zero to stop: the
 * export then returns a negative return unchanged and R57_EUSER for a
 * positive one (the callback rule, r57/common.h). */
typedef int (*r57_write_fn)(const char *data, size_t len, void *payload);

/* Reports progress of a long import: items done so far and bytes read.
 * Return 0 to go on, non-zero to stop: the import then returns a negative
 * return unchanged and R57_EUSER for a positive one (the callback rule,
 * r57/common.h) and, for JSON and CSV, stores nothing. */
typedef int (*r57_progress_fn)(uint64_t items, uint64_t bytes, void *payload);

typedef struct r57_export_options {
    unsigned int version; /* R57_EXPORT_OPTIONS_VERSION */
    const char *unit;     /* only this unit's tree: its units, the tasks they
                              lead and their values (plus what those refer to) */
    const char *document; /* only this document's tasks */
    const char *period;   /* only values within this period */
    int ndjson;           /* non-zero: one object per line (NDJSON) */
} r57_export_options;

#define R57_EXPORT_OPTIONS_VERSION 1
#define R57_EXPORT_OPTIONS_INIT                                                                    \
    {                                                                                              \
        R57_EXPORT_OPTIONS_VERSION, NULL, NULL, NULL, 0                                            \
    }

/**
 * Fills opts with the defaults of the given version
 * (R57_EXPORT_OPTIONS_INIT).
 * @param opts the options to fill
 * @param version R57_EXPORT_OPTIONS_VERSION
 * @return R57_OK, or R57_EINVAL (NULL opts, unknown version).
 */
R57_EXTERN(int) r57_export_options_init(r57_export_options *opts, unsigned int version);

/**
 * Exports the database (opts NULL: all of it, as one JSON document) through
 * a write callback.
 * @param db the database
 * @param opts what to export; NULL: all of it, as one JSON document
 * @param write the write callback
 * @param payload passed to the callback
 * @return R57_OK, R57_EINVAL, R57_ENOTFOUND (unknown unit or document of the
 *         filter), R57_EPARSE (period), R57_ENOMEM, or what the callback
 *         rule makes of the callback's non-zero return (a negative one
 *         unchanged, R57_EUSER for a positive one).
 */
R57_EXTERN(int)
r57_export(r57_db *db, const r57_export_options *opts, r57_write_fn write, void *payload);

/**
 * The same into a file (created or truncated); R57_EIO if it cannot be
 * written.
 * @param db the database
 * @param opts what to export; NULL: all of it
 * @param path the file
 * @return R57_OK, or the codes of r57_export; R57_EIO if it cannot be
 *         written.
 */
R57_EXTERN(int) r57_export_file(r57_db *db, const r57_export_options *opts, const char *path);

/**
 * The same into a new string, NUL-terminated, that the caller frees with
 * r57_free().
 * @param out receives the string
 * @param db the database
 * @param opts what to export; NULL: all of it
 * @return R57_OK, or the codes of r57_export.
 */
R57_EXTERN(int) r57_export_string(char **out, r57_db *db, const r57_export_options *opts);

/** What to do with a field the format does not define. */
typedef enum r57_unknown_fields_t {
    R57_UNKNOWN_REFUSE = 0, /**< an error naming the field (the default) */
    R57_UNKNOWN_IGNORE = 1
} r57_unknown_fields_t;

typedef struct r57_import_options {
    unsigned int version; /* R57_IMPORT_OPTIONS_VERSION */
    r57_unknown_fields_t unknown_fields;
    r57_progress_fn progress;
    void *progress_payload;
    uint64_t batch_size;     /* NDJSON: lines per transaction; 0 = 10000 */
    uint64_t start_line;     /* NDJSON: skip lines before this one (resume) */
    int create_units;        /* CSV task sheets: create a unit for a lead that
                                names one body not in the registry (never for
                                a joint or collective text); CSV figures:
                                create units a scope names */
    const char *parent_unit; /* CSV: parent of the units created (NULL: roots) */
    /* Version 2. */
    int strict_units; /* CSV task sheets: refuse a sheet whose lead,
                                coordinating or authority text names a body
                                not in the registry (the error names text,
                                line and column); else such text is kept as
                                written and the lint reports it */
} r57_import_options;

#define R57_IMPORT_OPTIONS_VERSION 2
#define R57_IMPORT_OPTIONS_INIT                                                                    \
    {                                                                                              \
        R57_IMPORT_OPTIONS_VERSION, R57_UNKNOWN_REFUSE, NULL, NULL, 0, 1, 0, NULL, 0               \
    }

/**
 * Fills opts with the defaults of the given version
 * (R57_IMPORT_OPTIONS_INIT).
 * @param opts the options to fill
 * @param version R57_IMPORT_OPTIONS_VERSION (or 1)
 * @return R57_OK, or R57_EINVAL (NULL opts, unknown version).
 */
R57_EXTERN(int) r57_import_options_init(r57_import_options *opts, unsigned int version);

/* What an import created. */
typedef struct r57_import_report r57_import_report;

/**
 * What an import created: units, documents, tasks and values.
 * @param r the report
 * @return the count; 0 if r is NULL
 */
R57_EXTERN(uint64_t) r57_import_report_units(const r57_import_report *r);
/** The documents created. @param r the report @return the count; 0 if r is NULL */
R57_EXTERN(uint64_t) r57_import_report_documents(const r57_import_report *r);
/** The tasks created. @param r the report @return the count; 0 if r is NULL */
R57_EXTERN(uint64_t) r57_import_report_tasks(const r57_import_report *r);
/** The values stored. @param r the report @return the count; 0 if r is NULL */
R57_EXTERN(uint64_t) r57_import_report_values(const r57_import_report *r);
/**
 * Everything else: elements, indicators, targets.
 * @param r the report
 * @return the count; 0 if r is NULL
 */
R57_EXTERN(uint64_t) r57_import_report_other(const r57_import_report *r);
/**
 * NDJSON: the last line committed (the resume point is this + 1).
 * @param r the report
 * @return the line number
 */
R57_EXTERN(uint64_t) r57_import_report_last_line(const r57_import_report *r);
/**
 * CSV: the codes of the units created, one per index.
 * @param r the report
 * @return the number of codes; 0 if r is NULL
 */
R57_EXTERN(size_t) r57_import_report_created_unit_count(const r57_import_report *r);
/**
 * @param r the report
 * @param i the index, below r57_import_report_created_unit_count
 * @return the i-th code (borrowed), NULL past the end
 */
R57_EXTERN(const char *) r57_import_report_created_unit(const r57_import_report *r, size_t i);
/**
 * Frees a report.
 * @param r the report (may be NULL)
 */
R57_EXTERN(void) r57_import_report_free(r57_import_report *r);

/**
 * Loads a registry of units in one transaction: a CSV sheet with the columns
 * code,kind,parent,name_vi,name_en,aliases,predecessors, predecessors_since
 * (aliases split on ';'; predecessors split on ';' between merged units and
 * on '|' between the names of one; the first name of each is its primary
 * name).  path NULL loads the registry built into the library
 * (data/units_vn.csv), then the unit groups built in with it
 * (data/unit_groups.csv: code,name_vi,name_en,aliases,members, members unit
 * codes or "kind:<unit kind>" split on ';'; r57/group.h), in the same
 * transaction.  A unit or group already in the database is brought to the
 * sheet's name, kind and parent and gets the names it (and members) lacks;
 * nothing else is removed, so loading again changes nothing. Parents must
 * come before their children (or exist).  report may be NULL; it counts the
 * units created (r57_import_report_units) and the other changes
 * (r57_import_report_other).  Errors name the file, line and column; the
 * database is unchanged after a failure.
 * @param report receives the report; may be NULL
 * @param db the database
 * @param actor who loads it (journaled)
 * @param path the CSV sheet; NULL: the registry built into the library
 * @return R57_OK, R57_EINVAL, R57_EPARSE, R57_ENOTFOUND (unknown parent),
 *         R57_EIO, R57_EPERM, R57_ENOMEM.
 */
R57_EXTERN(int)
r57_unit_registry_load(r57_import_report **report, r57_db *db, const char *actor, const char *path);

/**
 * Imports a JSON document (text of len bytes) in one transaction: all of it
 * or nothing.  report may be NULL; else the caller owns *report. Errors name
 * the place: R57_EPARSE for malformed JSON, R57_EINVAL for a wrong type, a
 * missing or unknown field, R57_ENOTFOUND for a reference to a unit,
 * document or task that does not exist, R57_EEXISTS for a duplicate key,
 * R57_EVERSION for a newer format version — each with the line, column and
 * the JSON pointer of the bad field in the message (e.g.
 * "/tasks/17/deadline").  The database is unchanged after a failure.
 * @param report receives the report; may be NULL (else the caller owns
 *        *report)
 * @param db the database
 * @param actor who imports (journaled)
 * @param opts import options; NULL for the defaults
 * @param text the JSON document
 * @param len its length in bytes
 * @return R57_OK, or R57_EPARSE, R57_EINVAL, R57_ENOTFOUND, R57_EEXISTS,
 *         R57_EVERSION (above).
 */
R57_EXTERN(int)
r57_import_json(r57_import_report **report, r57_db *db, const char *actor,
                const r57_import_options *opts, const char *text, size_t len);

/**
 * The same from a file (R57_EIO if it cannot be read).
 * @param report receives the report; may be NULL (else the caller owns
 *        *report)
 * @param db the database
 * @param actor who imports (journaled)
 * @param opts import options; NULL for the defaults
 * @param path the file
 * @return R57_OK, or the codes of r57_import_json; R57_EIO if it cannot be
 *         read.
 */
R57_EXTERN(int)
r57_import_json_file(r57_import_report **report, r57_db *db, const char *actor,
                     const r57_import_options *opts, const char *path);

/**
 * Imports NDJSON — a header line {"format":"libr57-ndjson","version":1} then
 * one object per line, each with a "type" — streaming with memory that does
 * not grow with the file, committing every batch_size lines.  On a failure
 * the batch in progress is rolled back, the batches before it stay, and
 * r57_import_report_last_line() tells the last line committed: fix the line
 * named in the message and import again with start_line set to last_line + 1
 * (the resume rule, docs/json-format.md).
 * @param report receives the report; may be NULL (else the caller owns
 *        *report)
 * @param db the database
 * @param actor who imports (journaled)
 * @param opts import options; NULL for the defaults
 * @param path the file
 * @return R57_OK, or a negative error code (the message names the line).
 */
R57_EXTERN(int)
r57_import_ndjson_file(r57_import_report **report, r57_db *db, const char *actor,
                       const r57_import_options *opts, const char *path);

/**
 * Imports a task sheet in CSV, in the shape of shared/data's notice sheet: a
 * header with the columns ref, document, issued, title, lead, coordinating,
 * product, deadline_text, authority (any order; others refused or ignored
 * per unknown_fields).  Creates each document once and its tasks; leads,
 * authorities and ';'-separated coordinating units are looked up by code or
 * name, and units not found are created by name (create_units) or refused —
 * except vague phrases (docs/six-clear.md), which stay as text for the lint
 * to report.  One transaction. Errors give the row and column (line and
 * column of the file).
 * @param report receives the report; may be NULL (else the caller owns
 *        *report)
 * @param db the database
 * @param actor who imports (journaled)
 * @param opts import options; NULL for the defaults
 * @param path the CSV file
 * @return R57_OK, or a negative error code (the message gives the row and
 *         column).
 */
R57_EXTERN(int)
r57_import_csv_tasks(r57_import_report **report, r57_db *db, const char *actor,
                     const r57_import_options *opts, const char *path);

/**
 * Imports a sheet of reported figures in CSV, in the shape of shared/data's
 * reported_2025.csv: a header with
 *   indicator or element   what is reported: a data element's code, or an
 *                          indicator whose formula is one data element
 *                          ("#{x}": the value is x's); a computed indicator
 *                          is refused (report its elements);
 *   scope or unit_code     for whom: a unit code, a unit name, or a unit
 *                          kind when exactly one unit is of it ("nation");
 *                          names not found are created (create_units, under
 *                          parent_unit) or refused;
 *   period, value          a period (r57/period.h) and a number;
 *   source                 optional; measure or unit: the figure's measure,
 *                          informational (values are kept in the element's).
 * Each row is r57_value_set (a value for the same key replaces the old
 * one, journaled).  One transaction; errors give the line and column.
 * @param report receives the report; may be NULL (else the caller owns
 *        *report)
 * @param db the database
 * @param actor who imports (journaled)
 * @param opts import options; NULL for the defaults
 * @param path the CSV file
 * @return R57_OK, or a negative error code (the message gives the line and
 *         column).
 */
R57_EXTERN(int)
r57_import_csv_values(r57_import_report **report, r57_db *db, const char *actor,
                      const r57_import_options *opts, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* R57_INTERCHANGE_H */
