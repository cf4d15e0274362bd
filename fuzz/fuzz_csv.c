/*
 * libFuzzer target: CSV task sheets (r57_import_csv_tasks, creating the
 * units a sheet names so that rows get past the look-ups).
 * Rules: a failure returns a documented code with its place, commits
 * nothing and leaves no transaction open; a success created as many tasks
 * as the report says, and they export.
 */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".csv");
    r57_db *db = fuzz_db_shared();
    int64_t version = fuzz_data_version();
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.create_units = 1;
    r57_import_report *rep = NULL;
    int rc = r57_import_csv_tasks(&rep, db, "fuzz", &o, path);
    if (rc < 0) {
        fuzz_check_failure(rc, FUZZ_IMPORT_ERRORS);
        FUZZ_CHECK(rep == NULL);
        fuzz_check_unchanged(db, version);
        return 0;
    }
    /* One NDJSON line per task (text inside strings is escaped, so the
     * pair below is only ever a real member). */
    r57_export_options eo = R57_EXPORT_OPTIONS_INIT;
    char *lines = NULL;
    eo.ndjson = 1;
    FUZZ_CHECK(r57_export_string(&lines, db, &eo) == R57_OK);
    uint64_t tasks = 0;
    for (const char *p = lines; (p = strstr(p, "\"type\":\"task\"")) != NULL; p++)
        tasks++;
    FUZZ_CHECK(tasks == r57_import_report_tasks(rep));
    r57_free(lines);
    r57_import_report_free(rep);
    fuzz_db_reset();
    return 0;
}
