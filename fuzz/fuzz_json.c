/*
 * libFuzzer target: JSON import (r57_import_json) into a database holding
 * the seed inputs' units and notice.
 * Rules: a failure returns a documented code, has its place, commits
 * nothing and leaves no transaction open; a success exports a document
 * that imports into an empty database and exports to the same bytes (the
 * canonical round trip of docs/json-format.md).
 */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    r57_db *db = fuzz_db_shared();
    int64_t version = fuzz_data_version();
    r57_import_report *rep = NULL;
    int rc = r57_import_json(&rep, db, "fuzz", NULL, (const char *)data, size);
    if (rc < 0) {
        fuzz_check_failure(rc, FUZZ_IMPORT_ERRORS);
        FUZZ_CHECK(rep == NULL);
        fuzz_check_unchanged(db, version);
        return 0;
    }
    char *after = fuzz_export(db);
    r57_db *copy;
    FUZZ_CHECK(r57_open(&copy, ":memory:", NULL) == R57_OK);
    FUZZ_CHECK(r57_import_json(NULL, copy, "fuzz", NULL, after, strlen(after)) == R57_OK);
    char *again = fuzz_export(copy);
    FUZZ_CHECK(strcmp(after, again) == 0);
    r57_free(again);
    r57_close(copy);
    r57_free(after);
    r57_import_report_free(rep);
    fuzz_db_reset();
    return 0;
}
