/*
 * libFuzzer target: NDJSON import (r57_import_ndjson_file, batches of 2
 * lines so that commits and the resume rule are reached).
 * Rules: a failure returns a documented code with its place and a report
 * whose last committed line is before the line that failed, and when no
 * batch was committed nothing was; a success reports the last line of the
 * input.
 */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".ndjson");
    r57_db *db = fuzz_db_shared();
    int64_t version = fuzz_data_version();
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.batch_size = 2;
    r57_import_report *rep = NULL;
    int rc = r57_import_ndjson_file(&rep, db, "fuzz", &o, path);
    FUZZ_CHECK(rep != NULL);
    uint64_t lines = 0, committed = r57_import_report_last_line(rep);
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    if (size && data[size - 1] != '\n')
        lines++;
    if (rc < 0) {
        fuzz_check_failure(rc, FUZZ_IMPORT_ERRORS);
        FUZZ_CHECK(committed < (uint64_t)r57_error_line(r57_error_last()));
        if (committed == 0)
            fuzz_check_unchanged(db, version);
    } else {
        FUZZ_CHECK(committed == lines);
    }
    if (rc == R57_OK || committed > 0)
        fuzz_db_reset();
    r57_import_report_free(rep);
    return 0;
}
