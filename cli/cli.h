/*
 * What the files of the r57 command share: exit codes, the parsed options,
 * the helpers that print and fail, and the commands' handlers.
 */
#ifndef R57_CLI_H
#define R57_CLI_H

#include <r57.h>

#include <jansson.h>

#define EXIT_USAGE 1
#define EXIT_REFUSED 2
#define EXIT_IO 3
#define EXIT_TAMPERED 4

/* The options of every command (each command takes some of them). */
typedef struct args {
    const char *db;     /* the database's path */
    const char *format; /* --format, or NULL */
    int json;
    const char *as_of, *unit, *period, *document, *out, *parent, *actor, *anchor, *title, *file,
        *ref, *group;
    int soon, create_units, ignore_unknown, ndjson, include_subunits, include_rejected, list,
        strict;
    long batch, start_line;
} args;

int fail(const char *what);
/* Prints "r57 COMMAND: message" (or "r57: message" without a command) and
 * where to read more; returns EXIT_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int usage_error(const char *command, const char *fmt, ...);
void print_json(json_t *j);
json_t *number_or_null(double v, int has);
/* --as-of as a date (R57_DATE_NONE without it); EXIT_USAGE if it is none. */
int parse_as_of(r57_date *out, const char *command, const args *a);

int cmd_init(r57_db *db, const char *arg, const args *a);
int cmd_load_units(r57_db *db, const char *arg, const args *a);
int cmd_import(r57_db *db, const char *file, const args *a);
int cmd_export(r57_db *db, const char *arg, const args *a);
int cmd_lint(r57_db *db, const char *arg, const args *a);
int cmd_resolve_tasks(r57_db *db, const char *arg, const args *a);
int cmd_assign_each(r57_db *db, const char *arg, const args *a);
int cmd_rule(r57_db *db, const char *rule, const args *a);
int cmd_resolve(r57_db *db, const char *text, const args *a);
int cmd_overdue(r57_db *db, const char *arg, const args *a);
int cmd_kpi(r57_db *db, const char *arg, const args *a);
int cmd_scorecard(r57_db *db, const char *arg, const args *a);
int cmd_verify(r57_db *db, const char *arg, const args *a);
int cmd_report(r57_db *db, const char *arg, const args *a);

#endif /* R57_CLI_H */
