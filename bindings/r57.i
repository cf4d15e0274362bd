/*
 * The one SWIG interface of libr57, shared by the Python and Java bindings
 * (GDAL's layout): the C API as it is, plus the typemaps that turn its
 * conventions into each language's — result codes into exceptions, `out`
 * parameters into return values, R57_ITEROVER into the end of an iteration.
 * Language-specific parts live in python/r57_python.i and java/r57_java.i.
 *
 * The idiomatic layers on top (bindings/python/r57/__init__.py, the Java
 * classes) add only what their users expect — context managers, iterators,
 * dates, DataFrames — and never domain logic.
 */
%module(package="r57") capi

%include <stdint.i>

%{
#include <r57.h>
#include <stdlib.h>
#include <string.h>
%}

/* Result codes: functions returning int return R57_OK or a negative code,
 * except the accessors listed below, whose int is a value.  (Enums, yes/no
 * answers, counts and periods have types of their own, so they are values
 * by type and need no entry.) */
#define R57_PLAIN_INT(name) %typemap(out) int name = int R57_PLAIN;

#if defined(SWIGPYTHON)
%include "python/r57_python.i"
#elif defined(SWIGJAVA)
%include "java/r57_java.i"
#endif

R57_PLAIN_INT(r57_db_schema_version)
R57_PLAIN_INT(r57_error_code)
R57_PLAIN_INT(r57_error_column)
R57_PLAIN_INT(r57_error_line)
R57_PLAIN_INT(r57_error_sqlite_code)
R57_PLAIN_INT(r57_formula_ref_find)
R57_PLAIN_INT(r57_formula_result_missing_ref)
R57_PLAIN_INT(r57_progress_percent)
R57_PLAIN_INT(r57_schema_version)
R57_PLAIN_INT(r57_version_number)

/* Dates are values (days since 1970-01-01), never result codes. */
%typemap(out) r57_date = int R57_PLAIN;

/* Iterators: R57_ITEROVER ends the iteration (the object comes back NULL). */
%define R57_NEXT(name)
%typemap(out) int name = int R57_NEXT_RC;
%enddef
R57_NEXT(r57_unit_next)
R57_NEXT(r57_group_next)
R57_NEXT(r57_document_next)
R57_NEXT(r57_task_next)
R57_NEXT(r57_overdue_next)
R57_NEXT(r57_value_next)
R57_NEXT(r57_indicator_next)
R57_NEXT(r57_progress_next)
R57_NEXT(r57_evidence_next)
R57_NEXT(r57_journal_next)

/* Objects come back through `TYPE **out`; the binding owns them. */
R57_OUT_HANDLE(r57_db)
R57_OUT_HANDLE(r57_unit)
R57_OUT_HANDLE(r57_unit_iterator)
R57_OUT_HANDLE(r57_group)
R57_OUT_HANDLE(r57_group_iterator)
R57_OUT_HANDLE(r57_document)
R57_OUT_HANDLE(r57_document_iterator)
R57_OUT_HANDLE(r57_task)
R57_OUT_HANDLE(r57_task_iterator)
R57_OUT_HANDLE(r57_overdue_iterator)
R57_OUT_HANDLE(r57_linter)
R57_OUT_HANDLE(r57_verdict)
R57_OUT_HANDLE(r57_formula)
R57_OUT_HANDLE(r57_formula_result)
R57_OUT_HANDLE(r57_value)
R57_OUT_HANDLE(r57_value_iterator)
R57_OUT_HANDLE(r57_indicator)
R57_OUT_HANDLE(r57_indicator_iterator)
R57_OUT_HANDLE(r57_kpi_result)
R57_OUT_HANDLE(r57_kpi_table)
R57_OUT_HANDLE(r57_attainment)
R57_OUT_HANDLE(r57_import_report)
R57_OUT_HANDLE(r57_progress)
R57_OUT_HANDLE(r57_progress_iterator)
R57_OUT_HANDLE(r57_evidence)
R57_OUT_HANDLE(r57_evidence_iterator)
R57_OUT_HANDLE(r57_journal_report)
R57_OUT_HANDLE(r57_journal_iterator)
R57_OUT_HANDLE(r57_journal_entry)
R57_OUT_HANDLE(r57_scorecard)
R57_OUT_HANDLE(r57_resolution)
#if defined(SWIGPYTHON)
/* r57_unit_registry_load names its out parameter `report` (Java's typemaps
 * take any `TYPE **`). */
%apply r57_import_report **out { r57_import_report **report };
#endif

/* Scalars that come back through pointers (r57_period *out is an int64_t
 * *out; an enum's `r57_<name>_t *out`, *kind_out and *timeliness have the
 * `enum SWIGTYPE *` typemaps of each language: an int). */
%apply int *OUTPUT { int *year, int *month, int *day };
%apply int *OUTPUT { r57_date *out, r57_date *due_out, r57_date *start_out, r57_date *due };
%apply long long *OUTPUT { int64_t *out, int64_t *id };
%apply double *OUTPUT { double *out, double *min_on_time_share };
/* Yes/no answers: a Python bool, a Java boolean[1]. */
%apply bool *OUTPUT { bool *out, bool *matches, bool *key_overdue_blocks };
/* Counts (never near 2^63): a Python int, a Java long. */
%apply long long *OUTPUT { uint64_t *changed, uint64_t *created };
/* (char *bytes, size_t bytes_size): bytes to hash, typemapped per language
 * (Python bytes, Java byte[]). */

/* The spec and option structs, the allocator hook and callbacks stay in C:
 * the helpers below take plain arguments, so both languages share them. */
%ignore r57_task_spec;
%ignore r57_task_spec_init;
%ignore r57_task_create;
%ignore r57_task_query;
%ignore r57_task_query_init;
%ignore r57_task_iterator_new;
%ignore r57_indicator_spec;
%ignore r57_indicator_spec_init;
%ignore r57_indicator_create;
%ignore r57_value_query;
%ignore r57_value_query_init;
%ignore r57_value_iterator_new;
%ignore r57_open_options;
%ignore r57_open_options_init;
%ignore r57_open;
%ignore r57_export_options;
%ignore r57_export_options_init;
%ignore r57_export;
%ignore r57_export_file;
%ignore r57_export_string;
%ignore r57_import_options;
%ignore r57_import_options_init;
%ignore r57_import_json;
%ignore r57_import_json_file;
%ignore r57_import_ndjson_file;
%ignore r57_import_csv_tasks;
%ignore r57_import_csv_values;
%ignore r57_report_options;
%ignore r57_report_options_init;
%ignore r57_report_write;
%ignore r57_allocator;
%ignore r57_allocator_set;
%ignore r57_free;
%ignore r57_formula_eval;
%ignore r57_formula_resolve_fn;
%ignore r57_write_fn;
%ignore r57_progress_fn;
%ignore r57_error;
%ignore r57_error_last;
%ignore r57_date_format;
%ignore r57_period_format;
%ignore r57_sha256;
%ignore r57_sha256_file;
%ignore r57_evidence_spec;
%ignore r57_evidence_spec_init;
%ignore r57_evidence_submit;
%ignore r57_target_spec;
%ignore r57_target_spec_init;
%ignore r57_target_create;
/* A C-only helper of the shim below. */
%ignore r57b_split;

%inline %{
/* The version of libr57 this binding was built against (the header's);
 * the binding compares it with r57_version_number() at load. */
int r57b_header_version(void) { return R57_VERSION_NUMBER; }
bool r57b_check_version(void) { return r57_version_number() == R57_VERSION_NUMBER; }

/* The calling thread's last error, field by field. */
int r57b_error_code(void) { return r57_error_code(r57_error_last()); }
const char *r57b_error_message(void) { return r57_error_message(r57_error_last()); }
int r57b_error_line(void) { return r57_error_line(r57_error_last()); }
int r57b_error_column(void) { return r57_error_column(r57_error_last()); }

int r57b_open(r57_db **out, const char *path, int readonly, int must_exist)
{
    r57_open_options o = R57_OPEN_OPTIONS_INIT;
    o.flags = (readonly ? R57_OPEN_READONLY : 0u) | (must_exist ? R57_OPEN_NOCREATE : 0u);
    return r57_open(out, path, &o);
}

/* Splits newline-separated codes (how both languages pass lists here) into
 * *parts, *count of them: as many as the text has.  The array and a copy of
 * the text are one block, freed with free(*parts).  R57_ENOMEM when it
 * cannot be had (then the call fails rather than go on without the codes;
 * the shim cannot record a message). */
static int r57b_split(const char ***parts, size_t *count, const char *text)
{
    size_t n = 1, len = strlen(text), k = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    char **block = malloc(n * sizeof *block + len + 1);
    if (!block)
        return R57_ENOMEM;
    char *p = memcpy(block + n, text, len + 1);
    while (p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (*p)
            block[k++] = p;
        p = nl ? nl + 1 : NULL;
    }
    *parts = (const char **)block;
    *count = k;
    return R57_OK;
}

int r57b_task_create(r57_task **out, r57_db *db, const char *actor, const char *document,
                     const char *ref, const char *parent_ref, const char *title,
                     const char *owner_unit, const char *owner, const char *owner_person,
                     const char *accountability_unit, const char *accountability,
                     const char *product, const char *authority_unit, const char *authority,
                     const char *deadline, const char *coordinating,
                     const char *coordinating_units)
{
    r57_task_spec s = R57_TASK_SPEC_INIT;
    const char **codes = NULL;
    size_t ncodes = 0;
    if (coordinating_units && r57b_split(&codes, &ncodes, coordinating_units) < 0)
        return R57_ENOMEM;
    s.document = document;
    s.ref = ref;
    s.parent_ref = parent_ref;
    s.title = title;
    s.owner_unit = owner_unit;
    s.owner = owner;
    s.owner_person = owner_person;
    s.accountability_unit = accountability_unit;
    s.accountability = accountability;
    s.product = product;
    s.authority_unit = authority_unit;
    s.authority = authority;
    s.deadline = deadline;
    s.coordinating = coordinating;
    s.coordinating_units = codes;
    s.coordinating_units_count = ncodes;
    int rc = r57_task_create(out, db, actor, &s);
    free(codes);
    return rc;
}

int r57b_task_iterator_new(r57_task_iterator **out, r57_db *db, const char *document,
                           const char *unit, int include_subunits, unsigned int status_mask)
{
    r57_task_query q = R57_TASK_QUERY_INIT;
    q.document = document;
    q.unit = unit;
    q.include_subunits = include_subunits;
    q.status_mask = status_mask;
    return r57_task_iterator_new(out, db, &q);
}

int r57b_indicator_create(r57_db *db, const char *actor, const char *code, const char *name,
                          const char *measure, r57_direction_t direction, const char *formula,
                          const char *numerator, const char *denominator, double factor,
                          r57_rollup_t rollup, const char *description)
{
    r57_indicator_spec s = R57_INDICATOR_SPEC_INIT;
    s.code = code;
    s.name = name;
    s.measure = measure;
    s.direction = direction;
    s.formula = formula;
    s.numerator = numerator;
    s.denominator = denominator;
    s.factor = factor;
    s.rollup = rollup;
    s.description = description;
    return r57_indicator_create(db, actor, &s);
}

int r57b_value_iterator_new(r57_value_iterator **out, r57_db *db, const char *element,
                            const char *unit, int include_subunits, const char *period)
{
    r57_value_query q = R57_VALUE_QUERY_INIT;
    q.element = element;
    q.unit = unit;
    q.include_subunits = include_subunits;
    q.period = period;
    return r57_value_iterator_new(out, db, &q);
}

static r57_import_options r57b_import_options(int ignore_unknown, int create_units,
                                              int strict_units, const char *parent_unit,
                                              long long batch_size, long long start_line)
{
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.unknown_fields = ignore_unknown ? R57_UNKNOWN_IGNORE : R57_UNKNOWN_REFUSE;
    o.create_units = create_units;
    o.strict_units = strict_units;
    o.parent_unit = parent_unit;
    o.batch_size = batch_size > 0 ? (uint64_t)batch_size : 0;
    o.start_line = start_line > 0 ? (uint64_t)start_line : 1;
    return o;
}

/* kind: 0 JSON document (text), 1 JSON file, 2 NDJSON file, 3 CSV task
 * sheet, 4 CSV sheet of reported figures.  (The registry of units has its
 * own call, r57_unit_registry_load.) */
int r57b_import(r57_import_report **out, r57_db *db, const char *actor, int kind,
                const char *text_or_path, int ignore_unknown, int create_units,
                int strict_units, const char *parent_unit, long long batch_size,
                long long start_line)
{
    r57_import_options o = r57b_import_options(ignore_unknown, create_units, strict_units,
                                                parent_unit, batch_size, start_line);
    switch (kind) {
    case 0: return r57_import_json(out, db, actor, &o, text_or_path,
                                   text_or_path ? strlen(text_or_path) : 0);
    case 1: return r57_import_json_file(out, db, actor, &o, text_or_path);
    case 2: return r57_import_ndjson_file(out, db, actor, &o, text_or_path);
    case 3: return r57_import_csv_tasks(out, db, actor, &o, text_or_path);
    default: return r57_import_csv_values(out, db, actor, &o, text_or_path);
    }
}

int r57b_export(char **out, r57_db *db, const char *unit, const char *document,
                const char *period, int ndjson, const char *path)
{
    r57_export_options o = R57_EXPORT_OPTIONS_INIT;
    o.unit = unit;
    o.document = document;
    o.period = period;
    o.ndjson = ndjson;
    if (path) {
        *out = NULL;
        return r57_export_file(db, &o, path);
    }
    return r57_export_string(out, db, &o);
}

/* The public report with plain arguments (as_of R57_DATE_NONE: today). */
int r57b_report_write(r57_db *db, const char *dir, int as_of, const char *period,
                      const char *title, int due_soon_days, int include_rejected)
{
    r57_report_options o = R57_REPORT_OPTIONS_INIT;
    o.as_of = as_of;
    o.period = period;
    o.title = title;
    o.due_soon_days = due_soon_days;
    o.include_rejected = include_rejected;
    return r57_report_write(db, &o, dir);
}

/* SHA-256 of bytes, and of a file, as hex text. */
int r57b_sha256(char **out, char *bytes, size_t bytes_size)
{
    char hex[R57_SHA256_HEX_SIZE];
    int rc = r57_sha256(hex, bytes_size ? bytes : "", bytes_size);
    *out = rc == R57_OK ? strdup(hex) : NULL;
    return rc;
}

int r57b_sha256_file(char **out, const char *path)
{
    char hex[R57_SHA256_HEX_SIZE];
    int rc = r57_sha256_file(hex, NULL, path);
    *out = rc == R57_OK ? strdup(hex) : NULL;
    return rc;
}

/* r57_evidence_submit with plain arguments: has_bytes says whether the
 * file's bytes are given (bytes may be empty), size < 0 means unknown. */
int r57b_evidence_submit(int64_t *id, r57_db *db, const char *actor, const r57_task *task,
                         int kind, const char *title, const char *uri,
                         const char *document_number, int document_date,
                         const char *document_issuer, const char *path, int has_bytes,
                         char *bytes, size_t bytes_size, const char *sha256,
                         long long size, const char *media_type, long long progress,
                         int product)
{
    r57_evidence_spec s = R57_EVIDENCE_SPEC_INIT;
    s.kind = kind;
    s.title = title;
    s.uri = uri;
    s.document_number = document_number;
    s.document_date = document_date;
    s.document_issuer = document_issuer;
    s.path = path;
    s.data = has_bytes ? (bytes_size ? bytes : "") : NULL;
    s.size = has_bytes ? (int64_t)bytes_size : (int64_t)size;
    s.sha256 = sha256;
    s.media_type = media_type;
    s.progress = progress;
    s.product = product;
    return r57_evidence_submit(id, db, actor, task, &s);
}

/* r57_target_create with the spec's fields as arguments. */
int r57b_target_create(r57_db *db, const char *actor, const char *indicator,
                       r57_target_binds_t binds, const char *unit, const char *comparison,
                       double value, const char *period, r57_target_aggregate_t aggregate,
                       const char *scope, const char *source)
{
    r57_target_spec s = R57_TARGET_SPEC_INIT;
    s.indicator = indicator;
    s.binds = binds;
    s.unit = unit;
    s.comparison = comparison;
    s.value = value;
    s.period = period;
    s.aggregate = aggregate;
    s.scope = scope;
    s.source = source;
    return r57_target_create(db, actor, &s);
}

/* "YYYY-MM-DD"-free helpers: periods as text. */
int r57b_period_text(char **out, r57_period period)
{
    char buf[R57_PERIOD_TEXT_SIZE];
    int rc = r57_period_format(buf, sizeof buf, period);
    *out = rc == R57_OK ? strdup(buf) : NULL;
    return rc;
}
%}

/* Generated from meson.build, in the build tree (swig -I BUILD/include). */
%include "r57/version.h"
%include "r57/common.h"
%include "r57/error.h"
%include "r57/db.h"
%include "r57/unit.h"
%include "r57/group.h"
%include "r57/deadline.h"
%include "r57/task.h"
%include "r57/document.h"
%include "r57/lint.h"
%include "r57/resolve.h"
%include "r57/period.h"
%include "r57/formula.h"
%include "r57/kpi.h"
%include "r57/interchange.h"
%include "r57/actor.h"
%include "r57/evidence.h"
%include "r57/journal.h"
%include "r57/scorecard.h"
%include "r57/report.h"

#if defined(SWIGPYTHON)
/* Placed last so that it runs after SWIG's proxy functions are defined:
 * each is a one-line Python function around the C wrapper in _capi
 * (def f(x): return _capi.f(x)), which doubles what a call costs.  capi's
 * names are pointed at the C wrappers themselves; the arguments are the
 * same (positional), and so are the results and exceptions.
 * bench/python_bench.py measures the call. */
%pythoncode %{
def _r57_direct_calls(names):
    for name in list(names):
        target = getattr(_capi, name, None)
        if (name.startswith(("r57_", "r57b_")) and callable(target)
                and type(target).__name__ == "builtin_function_or_method"):
            names[name] = target


_r57_direct_calls(globals())
del _r57_direct_calls
%}
#endif
