/* r57 init, load-units, import and export. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ---- import / export ----------------------------------------------------------- */

/* A progress bar on a terminal, for long loads. */
static int show_progress(uint64_t items, uint64_t bytes, void *payload)
{
    long total = *(long *)payload;
    if (total > 0)
        fprintf(stderr, "\r  %llu items, %3.0f%%", (unsigned long long)items,
                100.0 * (double)bytes / (double)total);
    else
        fprintf(stderr, "\r  %llu items", (unsigned long long)items);
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

typedef enum { FORMAT_JSON, FORMAT_NDJSON, FORMAT_CSV } import_format;

/* What `r57 import` reads: --format, else FILE's extension; a file named
 * otherwise needs --format (no guess from the content: a CSV or NDJSON
 * file read as JSON would fail with a confusing message). */
static int format_of(import_format *out, const char *file, const char *given)
{
    static const struct {
        const char *name, *extension;
        import_format format;
    } formats[] = {
        { "json", ".json", FORMAT_JSON },
        { "ndjson", ".ndjson", FORMAT_NDJSON },
        { "csv", ".csv", FORMAT_CSV },
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (given ? strcmp(given, formats[i].name) == 0 : ends_with(file, formats[i].extension)) {
            *out = formats[i].format;
            return 0;
        }
    if (given)
        return usage_error("import", "--format is json, ndjson or csv, not '%s'", given);
    return usage_error("import",
                       "cannot tell the format of '%s' from its name (.json, .ndjson or .csv): "
                       "give --format json, ndjson or csv",
                       file);
}

static int is_catalogue(const char *path)
{
    char head[512] = "";
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, sizeof head - 1, f);
    head[n] = '\0';
    fclose(f);
    return strstr(head, "\"libr57-catalogue\"") != NULL;
}

/* A CSV sheet of reported figures has a "value" column; a task sheet not. */
static int is_values_sheet(const char *path)
{
    char head[1024] = "";
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    if (!fgets(head, sizeof head, f))
        head[0] = '\0';
    fclose(f);
    head[strcspn(head, "\r\n")] = '\0';
    for (char *save = NULL, *tok = strtok_r(head, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save))
        if (strcmp(tok, "value") == 0)
            return 1;
    return 0;
}

int cmd_import(r57_db *db, const char *file, const args *a)
{
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    r57_import_report *rep = NULL;
    long total = 0;
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "r57: import: cannot read '%s'\n", file);
        return EXIT_IO;
    }
    fseek(f, 0, SEEK_END);
    total = ftell(f);
    fclose(f);
    o.unknown_fields = a->ignore_unknown ? R57_UNKNOWN_IGNORE : R57_UNKNOWN_REFUSE;
    import_format format = FORMAT_JSON;
    if (format_of(&format, file, a->format))
        return EXIT_USAGE;
    if (a->create_units && a->strict)
        return usage_error("import", "--create-units and --strict exclude each other");
    o.create_units = a->create_units;
    o.strict_units = a->strict;
    o.parent_unit = a->parent;
    o.batch_size = (uint64_t)a->batch;
    o.start_line = (uint64_t)(a->start_line ? a->start_line : 1);
    if (isatty(STDERR_FILENO)) {
        o.progress = show_progress;
        o.progress_payload = &total;
    }
    int rc;
    if (format == FORMAT_CSV && is_values_sheet(file))
        rc = r57_import_csv_values(&rep, db, a->actor, &o, file);
    else if (format == FORMAT_CSV)
        rc = r57_import_csv_tasks(&rep, db, a->actor, &o, file);
    else if (format == FORMAT_NDJSON)
        rc = r57_import_ndjson_file(&rep, db, a->actor, &o, file);
    else if (is_catalogue(file))
        rc = r57_catalogue_load(db, a->actor, file);
    else
        rc = r57_import_json_file(&rep, db, a->actor, &o, file);
    if (o.progress)
        fputc('\n', stderr);
    if (rc < 0) {
        if (rep && format == FORMAT_NDJSON)
            fprintf(stderr,
                    "r57: lines up to %llu are committed; fix the line and resume with "
                    "--start-line %llu\n",
                    (unsigned long long)r57_import_report_last_line(rep),
                    (unsigned long long)r57_import_report_last_line(rep) + 1);
        r57_import_report_free(rep);
        return fail("import");
    }
    if (a->json) {
        json_t *j = json_pack("{s:s}", "file", file);
        if (rep) {
            json_object_set_new(j, "units", json_integer((json_int_t)r57_import_report_units(rep)));
            json_object_set_new(j, "documents",
                                json_integer((json_int_t)r57_import_report_documents(rep)));
            json_object_set_new(j, "tasks", json_integer((json_int_t)r57_import_report_tasks(rep)));
            json_object_set_new(j, "values",
                                json_integer((json_int_t)r57_import_report_values(rep)));
            json_object_set_new(j, "other", json_integer((json_int_t)r57_import_report_other(rep)));
            json_t *created = json_array();
            for (size_t i = 0; i < r57_import_report_created_unit_count(rep); i++)
                json_array_append_new(created, json_string(r57_import_report_created_unit(rep, i)));
            json_object_set_new(j, "units_created", created);
        } else {
            json_object_set_new(j, "catalogue", json_true());
        }
        print_json(j);
    } else if (rep) {
        printf("imported %s: %llu units, %llu documents, %llu tasks, %llu values, %llu other\n",
               file, (unsigned long long)r57_import_report_units(rep),
               (unsigned long long)r57_import_report_documents(rep),
               (unsigned long long)r57_import_report_tasks(rep),
               (unsigned long long)r57_import_report_values(rep),
               (unsigned long long)r57_import_report_other(rep));
        for (size_t i = 0; i < r57_import_report_created_unit_count(rep); i++)
            printf("  unit created: %s\n", r57_import_report_created_unit(rep, i));
    } else {
        printf("loaded catalogue %s\n", file);
    }
    r57_import_report_free(rep);
    return 0;
}

/* ---- the registry of units ------------------------------------------------------ */

int cmd_load_units(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_import_report *rep = NULL;
    if (r57_unit_registry_load(&rep, db, a->actor, a->file) < 0)
        return fail("load-units");
    const char *from = a->file ? a->file : "the built-in registry (data/units_vn.csv)";
    unsigned long long created = r57_import_report_units(rep),
                       changed = r57_import_report_other(rep);
    if (a->json) {
        json_t *list = json_array();
        for (size_t i = 0; i < r57_import_report_created_unit_count(rep); i++)
            json_array_append_new(list, json_string(r57_import_report_created_unit(rep, i)));
        print_json(json_pack("{s:s,s:I,s:I,s:o}", "from", from, "units_created",
                             (json_int_t)created, "changes", (json_int_t)changed, "created", list));
    } else if (created == 0 && changed == 0) {
        printf("loaded %s: every unit and name was there already\n", from);
    } else {
        printf("loaded %s: %llu units created, %llu names or units changed\n", from, created,
               changed);
    }
    r57_import_report_free(rep);
    return 0;
}

static int write_stdout(const char *data, size_t len, void *payload)
{
    (void)payload;
    return fwrite(data, 1, len, stdout) == len ? 0 : R57_EIO;
}

int cmd_export(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    r57_export_options o = R57_EXPORT_OPTIONS_INIT;
    o.unit = a->unit;
    o.document = a->document;
    o.period = a->period;
    o.ndjson = a->ndjson;
    if (a->format && strcmp(a->format, "ndjson") == 0)
        o.ndjson = 1;
    else if (a->format && strcmp(a->format, "json") != 0)
        return usage_error("export", "--format is json or ndjson, not '%s'", a->format);
    else if (a->format && a->ndjson)
        return usage_error("export", "--format json and --ndjson exclude each other");
    int rc = a->out ? r57_export_file(db, &o, a->out) : r57_export(db, &o, write_stdout, NULL);
    return rc < 0 ? fail("export") : 0;
}

int cmd_init(r57_db *db, const char *arg, const args *a)
{
    (void)arg;
    printf("database %s (schema %d)\n", a->db, r57_db_schema_version(db));
    return 0;
}
