/*
 * libFuzzer target: the formula language (r57_formula_compile, then
 * r57_formula_eval for a year, a quarter and a month with a resolver that
 * answers every reference, the reason sentence, the reference listing).
 * Rules: compiling fails only with R57_EPARSE or R57_EINVAL and a
 * position; a compiled formula evaluates with R57_OK, and a value is
 * finite, a missing value has a cause and a reason.
 */
#include "fuzz.h"

#include <math.h>

/* Values that depend on the reference and the period, some missing and
 * some zero, so divisions by zero and missing values are reached. */
static int resolve(double *out, bool *has_value, size_t ref, const char *name,
                   r57_formula_ref_kind_t kind, r57_period period, void *payload)
{
    (void)payload;
    FUZZ_CHECK(name != NULL && (kind == R57_REF_ELEMENT || kind == R57_REF_INDICATOR));
    FUZZ_CHECK(r57_period_kind(period) > 0);
    uint64_t h = (uint64_t)period * 31u + (uint64_t)ref * 7u;
    *has_value = h % 5 != 0;
    *out = (double)(h % 11) - 3.0;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int compile_errors[] = { R57_EPARSE, R57_EINVAL };
    static const char *const periods[] = { "2026", "2026Q2", "2026-07" };
    char *text = fuzz_text(data, size);
    r57_formula *f = NULL;
    int rc = r57_formula_compile(&f, text);
    if (rc < 0) {
        fuzz_check_failure(rc, compile_errors, 2);
        FUZZ_CHECK(f == NULL);
        free(text);
        return 0;
    }
    FUZZ_CHECK(strcmp(r57_formula_text(f), text) == 0);
    int n = r57_formula_ref_count(f);
    for (int i = 0; i < n; i++) {
        const char *name = r57_formula_ref_name(f, i);
        int kind = r57_formula_ref_kind(f, i);
        FUZZ_CHECK(name != NULL);
        FUZZ_CHECK(r57_formula_ref_find(f, kind, name) == i);
    }
    r57_formula_result *r;
    FUZZ_CHECK(r57_formula_result_new(&r) == R57_OK);
    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++) {
        int64_t period;
        FUZZ_CHECK(r57_period_parse(&period, periods[p]) == R57_OK);
        FUZZ_CHECK(r57_formula_eval(r, f, period, resolve, NULL) == R57_OK);
        if (r57_formula_result_has_value(r)) {
            FUZZ_CHECK(isfinite(r57_formula_result_value(r)));
            FUZZ_CHECK(r57_formula_result_reason(r)[0] == '\0');
        } else {
            FUZZ_CHECK(r57_formula_result_novalue(r) != R57_NOVALUE_NONE);
            FUZZ_CHECK(r57_formula_result_reason(r)[0] != '\0');
        }
    }
    r57_formula_result_free(r);
    r57_formula_free(f);
    free(text);
    return 0;
}
