/*
 * libFuzzer target: deadlines as people write them (r57_deadline_parse).
 * Rules: a failure is R57_EPARSE with a column inside the text (or just
 * after it); a dated kind has a due date in the years the grammar allows;
 * "none" and the regular kinds have none, and a regular kind has an
 * instance for any date.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int parse_errors[] = { R57_EPARSE };
    char *text = fuzz_text(data, size);
    r57_deadline_kind_t kind = (r57_deadline_kind_t)-1;
    r57_date due = 0;
    int rc = r57_deadline_parse(&kind, &due, text);
    if (rc < 0) {
        fuzz_check_failure(rc, parse_errors, 1);
        FUZZ_CHECK((size_t)r57_error_column(r57_error_last()) <= strlen(text) + 1);
        FUZZ_CHECK(r57_error_offset(r57_error_last()) == r57_error_column(r57_error_last()) - 1);
    } else {
        FUZZ_CHECK(r57_deadline_kind_name(kind) != NULL);
        if ((kind >= R57_DEADLINE_DAY && kind <= R57_DEADLINE_YEAR) || kind == R57_DEADLINE_HALF ||
            kind == R57_DEADLINE_RANGE) {
            int y;
            FUZZ_CHECK(r57_date_to_ymd(due, &y, NULL, NULL) == R57_OK);
            FUZZ_CHECK(y >= 1900 && y <= 2200);
        } else {
            FUZZ_CHECK(due == R57_DATE_NONE);
        }
        if (r57_deadline_kind_is_regular(kind)) {
            r57_date start, instance_due, at;
            FUZZ_CHECK(r57_date_from_ymd(&at, 2026, 2, 28) == R57_OK);
            FUZZ_CHECK(r57_deadline_instance(&start, &instance_due, kind, at) == R57_OK);
            FUZZ_CHECK(start <= at && at <= instance_due);
        }
    }
    free(text);
    return 0;
}
