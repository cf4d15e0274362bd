/*
 * libFuzzer target: reporting periods (r57_period_parse).
 * Rules: a failure is R57_EPARSE with a position; a period formats to text
 * that parses back to the same integer, every member is inside it, and
 * moving it by an offset and back returns it.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int parse_errors[] = { R57_EPARSE };
    char *text = fuzz_text(data, size);
    int64_t p = 0, again = 0, member, moved, back;
    int rc = r57_period_parse(&p, text);
    if (rc < 0) {
        fuzz_check_failure(rc, parse_errors, 1);
        free(text);
        return 0;
    }
    char buf[R57_PERIOD_TEXT_SIZE];
    FUZZ_CHECK(r57_period_format(buf, sizeof buf, p) == R57_OK);
    FUZZ_CHECK(r57_period_parse(&again, buf) == R57_OK && again == p);
    size_t n = r57_period_count(p);
    FUZZ_CHECK(n >= 1);
    FUZZ_CHECK(r57_period_member(&member, p, 0) == R57_OK && r57_period_contains(p, member));
    FUZZ_CHECK(r57_period_member(&member, p, n - 1) == R57_OK && r57_period_contains(p, member));
    FUZZ_CHECK(r57_period_member(&member, p, n) == R57_EINVAL);
    r57_date start, end;
    FUZZ_CHECK(r57_period_start(&start, p) == R57_OK && r57_period_end(&end, p) == R57_OK);
    FUZZ_CHECK(start <= end);
    if (r57_period_offset(&moved, p, 3) == R57_OK) {
        FUZZ_CHECK(r57_period_offset(&back, moved, -3) == R57_OK && back == p);
        FUZZ_CHECK(moved > p);
    }
    free(text);
    return 0;
}
