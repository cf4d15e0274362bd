/*
 * Micro-benchmark: evaluations per second of a compiled formula with an
 * in-memory resolver — the catalogue's TFP contribution share (simple
 * growth, 7 distinct references and offsets) and a 5-year moving average,
 * for 3,400 units x 60 years of synthetic data.  It measures the formula
 * engine, not storage: the resolver is an array lookup.
 * Prints the figures; it asserts nothing about time.
 *
 *   bench_formula [ROUNDS]     (default 20 rounds over all units and years)
 */
#include <r57.h>
#include <r57/formula.h>
#include <r57/period.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define UNITS 3400
#define YEARS 60
#define FIRST_YEAR 2001

static const char *const elements[] = { "output", "capital", "labour", "capital_share" };
#define NELEMENTS 4

typedef struct {
    double *column[NELEMENTS]; /* [unit * YEARS + year - FIRST_YEAR] */
    int map[16];               /* formula reference -> column */
    int unit;
    long calls;
} store;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_formula: %s: %s\n", what, r57_error_message(r57_error_last()));
    exit(1);
}

/* Year periods are decoded with the documented layout (r57/period.h):
 * bits 32 and up hold year * 12 + month - 1 of the first month. */
static int resolve(double *out, bool *has_value, size_t ref, const char *name,
                   r57_formula_ref_kind_t kind, r57_period period, void *payload)
{
    store *s = payload;
    int year = (int)((period >> 32) / 12);
    (void)name;
    (void)kind;
    s->calls++;
    if (year < FIRST_YEAR || year >= FIRST_YEAR + YEARS) {
        *has_value = 0;
        return 0;
    }
    *out = s->column[s->map[ref]][s->unit * YEARS + year - FIRST_YEAR];
    *has_value = 1;
    return 0;
}

static void map_refs(store *s, const r57_formula *f)
{
    for (size_t r = 0; r < r57_formula_ref_count(f); r++) {
        s->map[r] = -1;
        for (int e = 0; e < NELEMENTS; e++)
            if (strcmp(r57_formula_ref_name(f, r), elements[e]) == 0)
                s->map[r] = e;
        if (s->map[r] < 0) {
            fprintf(stderr, "bench_formula: unknown reference %s\n", r57_formula_ref_name(f, r));
            exit(1);
        }
    }
}

static void run(const char *label, const char *text, store *s, int rounds)
{
    r57_formula *f;
    r57_formula_result *r;
    int64_t periods[YEARS];
    if (r57_formula_compile(&f, text) < 0)
        die("compile");
    if (r57_formula_result_new(&r) < 0)
        die("result");
    map_refs(s, f);
    for (int y = 0; y < YEARS; y++)
        if (r57_period_from_year(&periods[y], FIRST_YEAR + y) < 0)
            die("period");
    long evals = 0, with_value = 0;
    double sum = 0;
    s->calls = 0;
    double t0 = now();
    for (int round = 0; round < rounds; round++)
        for (s->unit = 0; s->unit < UNITS; s->unit++)
            for (int y = 0; y < YEARS; y++) {
                if (r57_formula_eval(r, f, periods[y], resolve, s) < 0)
                    die("eval");
                evals++;
                if (r57_formula_result_has_value(r)) {
                    with_value++;
                    sum += r57_formula_result_value(r);
                }
            }
    double secs = now() - t0;
    printf("%-22s %9ld evaluations in %.3f s: %11.0f evaluations/s, %5.1f ns each, "
           "%.2f resolver calls each (%ld with a value, checksum %.6g)\n",
           label, evals, secs, evals / secs, secs / evals * 1e9, (double)s->calls / evals,
           with_value, sum);
    r57_formula_result_free(r);
    r57_formula_free(f);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    store s;
    memset(&s, 0, sizeof s);
    srand(57);
    for (int e = 0; e < NELEMENTS; e++) {
        s.column[e] = malloc(sizeof(double) * UNITS * YEARS);
        if (!s.column[e])
            return 1;
    }
    for (int u = 0; u < UNITS; u++) {
        double y = 1000 + rand() % 1000, k = 2000 + rand() % 2000, l = 50 + rand() % 50;
        for (int t = 0; t < YEARS; t++) {
            int i = u * YEARS + t;
            s.column[0][i] = y *= 1.04 + (rand() % 600) / 10000.0;
            s.column[1][i] = k *= 1.03 + (rand() % 800) / 10000.0;
            s.column[2][i] = l *= 1.00 + (rand() % 300) / 10000.0;
            s.column[3][i] = 0.35 + (rand() % 100) / 1000.0;
        }
    }
    printf("bench_formula: %d units x %d years, %d rounds\n", UNITS, YEARS, rounds);
    run("tfp share (simple)",
        "let gY = (#{output} - #{output}[-1]) / #{output}[-1];\n"
        "let gK = (#{capital} - #{capital}[-1]) / #{capital}[-1];\n"
        "let gL = (#{labour} - #{labour}[-1]) / #{labour}[-1];\n"
        "let a = #{capital_share};\n"
        "100 * (gY - a * gK - (1 - a) * gL) / gY",
        &s, rounds);
    run("output 5-year average", "avg(#{output}, [-4..0])", &s, rounds);
    for (int e = 0; e < NELEMENTS; e++)
        free(s.column[e]);
    return 0;
}
