/*
 * Shared helpers of the libFuzzer targets in fuzz/ (docs/hardening.md).
 * Each target feeds the fuzzer's bytes to one parser and checks what must
 * hold whatever the input: a failure returns a documented code with a
 * consistent error record; a success gives results that agree with each
 * other.  A broken rule calls abort(), which libFuzzer reports as a crash
 * and keeps the input.
 */
#ifndef R57_FUZZ_H
#define R57_FUZZ_H

#include <r57.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops with a message naming the rule that did not hold. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: rule broken: %s (last error %s: %s)\n", __FILE__, __LINE__,    \
                    #cond, r57_err_name(r57_error_code(r57_error_last())),                         \
                    r57_error_message(r57_error_last()));                                          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The input as a NUL-terminated string (cut at the first NUL, as C callers
 * see it); the caller frees it. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    FUZZ_CHECK(s != NULL);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A failed call returned one of the codes allowed and recorded it: the
 * record has the same code, a message, and for R57_EPARSE a position. */
static inline void fuzz_check_failure(int rc, const int *allowed, size_t n)
{
    const r57_error *e = r57_error_last();
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found |= rc == allowed[i];
    FUZZ_CHECK(found);
    FUZZ_CHECK(r57_error_code(e) == rc);
    FUZZ_CHECK(r57_error_message(e)[0] != '\0');
    if (rc == R57_EPARSE)
        FUZZ_CHECK(r57_error_line(e) >= 1 && r57_error_column(e) >= 1);
}

#endif
