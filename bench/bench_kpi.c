/*
 * Benchmark: every indicator of the Resolution 57 catalogue for every unit
 * and month of a synthetic country — the nation VN, 34 provinces, 99
 * communes each (3,401 units) over 2026-01..2030-12 (60 months) — with
 * roll-up from communes to provinces to the nation; then the same numbers
 * computed by pandas from the same data (bench/kpi_pandas.py), checked
 * against libr57's, and both times with their ratio.
 *
 *   bench_kpi DIR PYTHON SCRIPT CATALOGUE [PROVINCES [COMMUNES]]
 *
 * With R57_BENCH_KPI_KEEP=1 in the environment the database and the CSV
 * files are kept in DIR, and a later run with the same setting reuses
 * them instead of loading the values again (for profiling the evaluation;
 * PROVINCES and COMMUNES must then be those of the run that made them).
 *
 * The data: communes report every summed element of the catalogue each
 * month; the nation reports the capital share (inherited below) and the
 * other inherited parameters, some provinces their own HDI and reported
 * shares, and a few provinces their own GDP or e-commerce figures (their
 * own data takes precedence over their communes' sum).  Values are
 * deterministic pseudo-random numbers of plausible size; the summed ones
 * are whole numbers, so that sums are exact in any order and both sides
 * must agree to the last bit.  Some values are left out on purpose
 * (a commune that did not report, the capital share of one month, the
 * month before the first), some denominators are zero (communes without
 * projects or Steering Committee tasks), and some communes' output does
 * not grow in a month (division by zero in the TFP share), so that every
 * "no value" path is taken.
 *
 * Written to DIR: kpi_units.csv (unit,parent,kind), kpi_input.csv
 * (element,unit,period,value: every stored value), kpi_results.csv
 * (indicator,unit,period,value; value empty when there is none).
 *
 * It prints figures and fails only when the numbers disagree; it asserts
 * nothing about time.
 */
#include <r57.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MONTHS 60
#define FIRST_YEAR 2026
#define RANGE "2026-01..2030-12"
#define PATH_SIZE 1024

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Processor time of the process: steadier than elapsed time when other
 * work shares the machine (both sides print both). */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_kpi: %s: %s\n", what, r57_error_message(r57_error_last()));
    exit(1);
}

/* ---- deterministic pseudo-random numbers -------------------------------- */

static uint64_t mix(uint64_t x)
{
    /* splitmix64's finaliser */
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* A number in [0, 1) fixed by (salt, a, b, c). */
static double uniform(uint64_t salt, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = mix(mix(mix(mix(salt) ^ a) ^ b) ^ c);
    return (double)(h >> 11) / 9007199254740992.0;
}

/* ---- what each summed element looks like in a commune, per month -------- */

typedef struct spec {
    const char *code;
    double lo, hi;             /* a commune's level in the first month */
    double trend;              /* growth per month */
    double noise;              /* relative noise per month */
    double zero;               /* chance of a zero month */
    const char *part_of;       /* a part of this element (a numerator) … */
    double share_lo, share_hi; /* … of this share */
} spec;

static const spec specs[] = {
    { "output", 50, 3000, 0.005, 0.01, 0, NULL, 0, 0 },
    { "capital", 150, 9000, 0.004, 0.003, 0, NULL, 0, 0 },
    { "labour", 1000, 40000, 0.001, 0.002, 0, NULL, 0, 0 },
    { "ecommerce_revenue", 0, 40, 0.02, 0.1, 0.01, NULL, 0, 0 },
    { "procedures_total", 150, 600, 0, 0.02, 0.002, NULL, 0, 0 },
    { "procedures_fully_online", 0, 0, 0, 0, 0, "procedures_total", 0.2, 0.9 },
    { "information_pieces_total", 500, 5000, 0.002, 0.05, 0, NULL, 0, 0 },
    { "information_pieces_once", 0, 0, 0, 0, 0, "information_pieces_total", 0.3, 0.95 },
    { "provincial_procedures_total", 50, 300, 0, 0.02, 0, NULL, 0, 0 },
    { "procedures_boundary_free", 0, 0, 0, 0, 0, "provincial_procedures_total", 0.5, 1.0 },
    { "dossiers_non_secret", 200, 3000, 0.001, 0.1, 0, NULL, 0, 0 },
    { "dossiers_electronic", 0, 0, 0, 0, 0, "dossiers_non_secret", 0.4, 1.0 },
    { "strategic_products_commercialised", 0, 3, 0.005, 0.5, 0.6, NULL, 0, 0 },
    { "steering_tasks_total", 0, 20, 0, 0.2, 0.05, NULL, 0, 0 },
    { "steering_tasks_tracked", 0, 0, 0, 0, 0, "steering_tasks_total", 0.5, 1.0 },
    { "gdp", 80, 4000, 0.006, 0.01, 0, NULL, 0, 0 },
    { "digital_economy_value", 0, 0, 0, 0, 0, "gdp", 0.1, 0.3 },
    { "rnd_spending", 0, 0, 0, 0, 0, "gdp", 0.002, 0.01 },
    { "rdi_staff", 0, 60, 0.003, 0.05, 0.02, NULL, 0, 0 },
    { "population", 3000, 80000, 0.0008, 0.001, 0, NULL, 0, 0 },
    { "science_budget", 1, 50, 0.004, 0.1, 0, NULL, 0, 0 },
    { "strategic_tech_research_budget", 0, 0, 0, 0, 0, "science_budget", 0.05, 0.3 },
    { "project_funding", 0, 20, 0.01, 0.3, 0.3, NULL, 0, 0 },
    { "project_business_funding", 0, 0, 0, 0, 0, "project_funding", 0.2, 0.7 },
    { "tasks_due", 0, 40, 0, 0.3, 0.02, NULL, 0, 0 },
    { "tasks_done_on_time", 0, 0, 0, 0, 0, "tasks_due", 0.6, 1.0 },
    { "technology_enterprises", 0, 50, 0.005, 0.05, 0, NULL, 0, 0 },
    { "technology_enterprises_operating", 0, 0, 0, 0, 0, "technology_enterprises", 0.7, 1.0 },
    { "st_enterprise_certificates", 0, 5, 0.004, 0.2, 0.3, NULL, 0, 0 },
};
#define NSPECS (sizeof specs / sizeof specs[0])

static int spec_index(const char *code)
{
    for (size_t i = 0; i < NSPECS; i++)
        if (strcmp(specs[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* The value of summed element e in commune c (a global number) in month t
 * (0 = 2026-01), a whole number >= 0, before any is left out. */
static double level(int e, int c, int t)
{
    const spec *s = &specs[e];
    if (s->part_of) {
        double whole = level(spec_index(s->part_of), c, t);
        double share = s->share_lo + (s->share_hi - s->share_lo) *
                                         uniform(3, (uint64_t)e, (uint64_t)c, (uint64_t)t);
        return round(whole * share);
    }
    /* Output that does not grow this month: the previous month's figure. */
    if (strcmp(s->code, "output") == 0 && t > 0 && uniform(4, 0, (uint64_t)c, (uint64_t)t) < 0.002)
        t--;
    if (s->zero > 0 && uniform(5, (uint64_t)e, (uint64_t)c, (uint64_t)t) < s->zero)
        return 0;
    double base = s->lo + (s->hi - s->lo) * uniform(1, (uint64_t)e, (uint64_t)c, 0);
    double noise = 1 + s->noise * (2 * uniform(2, (uint64_t)e, (uint64_t)c, (uint64_t)t) - 1);
    return round(base * pow(1 + s->trend, t) * noise);
}

/* A commune that did not report element e in month t: about 50 of the
 * 5.9 million figures. */
static int left_out(int e, int c, int t)
{
    return uniform(6, (uint64_t)e, (uint64_t)c, (uint64_t)t) < 1.0 / 120000;
}

/* ---- output files ----------------------------------------------------------- */

static FILE *open_out(const char *dir, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

static void month_text(char *buf, int t)
{
    snprintf(buf, 8, "%04d-%02d", FIRST_YEAR + t / 12, t % 12 + 1);
}

/* Stores a value and writes it to the input CSV. */
static long nvalues;
static void put(r57_db *db, FILE *csv, const char *element, const char *unit, const char *period,
                double v)
{
    if (r57_value_set(db, "bench", element, unit, period, v, NULL) < 0)
        die("value");
    fprintf(csv, "%s,%s,%s,%.17g\n", element, unit, period, v);
    nvalues++;
}

/* ---- the agreement of the table with r57_kpi_eval, row by row ---------------- */

static long compare_with_kpi_eval(r57_db *db, const char *indicator, double *table_s,
                                  double *eval_s, long *rows)
{
    r57_kpi_table *t;
    double t0 = now();
    if (r57_kpi_table_eval(&t, db, indicator, NULL, RANGE) < 0)
        die("table");
    *table_s = now() - t0;
    size_t n = r57_kpi_table_count(t);
    r57_kpi_result **r = malloc(n * sizeof *r);
    char(*periods)[R57_PERIOD_TEXT_SIZE] = malloc(n * sizeof *periods);
    if (!r || !periods)
        exit(1);
    for (size_t i = 0; i < n; i++)
        r57_period_format(periods[i], sizeof periods[i], r57_kpi_table_period(t, i));
    t0 = now();
    for (size_t i = 0; i < n; i++)
        if (r57_kpi_eval(&r[i], db, indicator, r57_kpi_table_unit(t, i), periods[i]) < 0)
            die("eval");
    *eval_s = now() - t0;
    long bad = 0;
    for (size_t i = 0; i < n; i++) {
        int same = r57_kpi_result_has_value(r[i]) == r57_kpi_table_has_value(t, i) &&
                   strcmp(r57_kpi_result_reason(r[i]), r57_kpi_table_reason(t, i)) == 0 &&
                   (!r57_kpi_table_has_value(t, i) ||
                    r57_kpi_result_value(r[i]) == r57_kpi_table_value(t, i));
        if (!same && bad++ < 5)
            fprintf(stderr, "bench_kpi: %s at %s in %s: table %.17g '%s', kpi_eval %.17g '%s'\n",
                    indicator, r57_kpi_table_unit(t, i), periods[i], r57_kpi_table_value(t, i),
                    r57_kpi_table_reason(t, i), r57_kpi_result_value(r[i]),
                    r57_kpi_result_reason(r[i]));
        r57_kpi_result_free(r[i]);
    }
    *rows = (long)n;
    free(r);
    free(periods);
    r57_kpi_table_free(t);
    return bad;
}

/* Makes the database and the input CSV files: the catalogue, the units and
 * every value through r57_value_set. */
static void make_data(const char *dir, const char *db_path, const char *catalogue, int provinces,
                      int communes, char *units_path, char *input_path, double *units_s,
                      double *load_s, long *left)
{
    char unit[32], parent[32], period[8];
    r57_db *db;
    if (r57_open(&db, db_path, NULL) < 0)
        die("open");
    if (r57_catalogue_load(db, "bench", catalogue) < 0)
        die("catalogue");

    /* Units. */
    FILE *units = open_out(dir, "kpi_units.csv", units_path, PATH_SIZE);
    fprintf(units, "unit,parent,kind\n");
    double t0 = now();
    if (r57_db_begin(db) < 0 ||
        r57_unit_create(db, "bench", "VN", "Viet Nam", R57_UNIT_NATION, NULL) < 0)
        die("unit");
    fprintf(units, "VN,,nation\n");
    for (int p = 0; p < provinces; p++) {
        snprintf(parent, sizeof parent, "P%02d", p + 1);
        if (r57_unit_create(db, "bench", parent, parent, R57_UNIT_PROVINCE, "VN") < 0)
            die("unit");
        fprintf(units, "%s,VN,province\n", parent);
        for (int c = 0; c < communes; c++) {
            snprintf(unit, sizeof unit, "%s-C%02d", parent, c + 1);
            if (r57_unit_create(db, "bench", unit, unit, R57_UNIT_COMMUNE, parent) < 0)
                die("unit");
            fprintf(units, "%s,%s,commune\n", unit, parent);
        }
    }
    if (r57_db_commit(db) < 0)
        die("commit");
    *units_s = now() - t0;
    fclose(units);

    /* Values, through r57_value_set in one transaction. */
    FILE *input = open_out(dir, "kpi_input.csv", input_path, PATH_SIZE);
    fprintf(input, "element,unit,period,value\n");
    t0 = now();
    if (r57_db_begin(db) < 0)
        die("begin");
    for (int t = 0; t < MONTHS; t++) {
        month_text(period, t);
        int year = FIRST_YEAR + t / 12;
        /* The nation's parameters; alpha is missing in 2028-06. */
        if (t != 29)
            put(db, input, "capital_share", "VN", period, 0.375 + (year - FIRST_YEAR) / 64.0);
        put(db, input, "hdi", "VN", period, 0.75 + (year - FIRST_YEAR) / 256.0);
        put(db, input, "online_public_services_share_reported", "VN", period, 60 + t / 3);
        put(db, input, "full_online_public_services_share_reported", "VN", period, 40 + t / 2);
        put(db, input, "global_innovation_index_rank", "VN", period, 44 - (year - FIRST_YEAR));
        put(db, input, "stidt_budget_share_reported", "VN", period,
            2.5 + (year - FIRST_YEAR) / 4.0);
        /* The Prime Minister's strategic technology lists (national). */
        put(db, input, "strategic_technology_groups", "VN", period, 11 + (year - FIRST_YEAR) / 2);
        put(db, input, "strategic_technology_products", "VN", period, 35 + (year - FIRST_YEAR));
        for (int p = 0; p < provinces; p++) {
            snprintf(parent, sizeof parent, "P%02d", p + 1);
            if (p % 3 == 0)
                put(db, input, "hdi", parent, period, 0.6875 + p / 512.0);
            if (p % 4 == 1)
                put(db, input, "full_online_public_services_share_reported", parent, period,
                    30 + (p + t) % 50);
            /* Provinces that report their own totals (they take precedence). */
            if (p == 4 || p == 16) {
                put(db, input, "gdp", parent, period, 150000 + 1000 * p + 900 * t);
                put(db, input, "digital_economy_value", parent, period, 30000 + 100 * p + 300 * t);
            }
            if (p == 22 && year == 2027)
                put(db, input, "ecommerce_revenue", parent, period, 2000 + 10 * t);
            for (int c = 0; c < communes; c++) {
                int g = p * communes + c; /* a commune's number */
                snprintf(unit, sizeof unit, "%s-C%02d", parent, c + 1);
                for (int e = 0; e < (int)NSPECS; e++) {
                    double v = level(e, g, t);
                    /* No project funding anywhere in P07 in 2029-03. */
                    if (p == 6 && t == 38 && strncmp(specs[e].code, "project_", 8) == 0)
                        v = 0;
                    if (left_out(e, g, t)) {
                        (*left)++;
                        continue;
                    }
                    put(db, input, specs[e].code, unit, period, v);
                }
            }
        }
    }
    if (r57_db_commit(db) < 0)
        die("commit");
    *load_s = now() - t0;
    fclose(input);
    r57_close(db);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: bench_kpi DIR PYTHON SCRIPT CATALOGUE [PROVINCES [COMMUNES]]\n");
        return 2;
    }
    const char *dir = argv[1], *python = argv[2], *script = argv[3], *catalogue = argv[4];
    int provinces = argc > 5 ? atoi(argv[5]) : 34, communes = argc > 6 ? atoi(argv[6]) : 99;
    char db_path[PATH_SIZE], units_path[PATH_SIZE], input_path[PATH_SIZE], results_path[PATH_SIZE];
    snprintf(db_path, sizeof db_path, "%s/bench-kpi.r57", dir);
    char wal[1100];
    snprintf(wal, sizeof wal, "%s-wal", db_path);
    const char *keep_env = getenv("R57_BENCH_KPI_KEEP");
    int keep = keep_env && strcmp(keep_env, "1") == 0;
    snprintf(units_path, sizeof units_path, "%s/kpi_units.csv", dir);
    snprintf(input_path, sizeof input_path, "%s/kpi_input.csv", dir);
    FILE *old = keep ? fopen(db_path, "rb") : NULL;
    int reuse = old != NULL;
    if (old)
        fclose(old);
    int nunits = 1 + provinces * (1 + communes);
    double units_s = 0, load_s = 0, t0;
    long left = 0;
    r57_db *db;
    if (!reuse) {
        remove(db_path);
        remove(wal);
        make_data(dir, db_path, catalogue, provinces, communes, units_path, input_path, &units_s,
                  &load_s, &left);
    }
    /* Every indicator for every unit and month, on a fresh handle: the
     * values are read from the file once, as a new process would. */
    if (r57_open(&db, db_path, NULL) < 0)
        die("reopen");
    FILE *results = open_out(dir, "kpi_results.csv", results_path, sizeof results_path);
    fprintf(results, "indicator,unit,period,value\n");
    r57_indicator_iterator *it;
    r57_indicator *ind;
    char codes[64][64];
    int nind = 0;
    if (r57_indicator_iterator_new(&it, db) < 0)
        die("indicators");
    while (r57_indicator_next(&ind, it) == R57_OK) {
        if (nind < 64)
            snprintf(codes[nind++], sizeof codes[0], "%s", r57_indicator_code(ind));
        r57_indicator_free(ind);
    }
    r57_indicator_iterator_free(it);
    double eval_s = 0, warm_s = 0, eval_cpu = 0, warm_cpu = 0, c0;
    long rows = 0, with_value = 0;
    for (int i = 0; i < nind; i++) {
        r57_kpi_table *t;
        t0 = now();
        c0 = cpu_now();
        if (r57_kpi_table_eval(&t, db, codes[i], NULL, RANGE) < 0)
            die("table");
        eval_cpu += cpu_now() - c0;
        eval_s += now() - t0;
        for (size_t r = 0; r < r57_kpi_table_count(t); r++) {
            char p[R57_PERIOD_TEXT_SIZE];
            r57_period_format(p, sizeof p, r57_kpi_table_period(t, r));
            if (r57_kpi_table_has_value(t, r)) {
                fprintf(results, "%s,%s,%s,%.17g\n", codes[i], r57_kpi_table_unit(t, r), p,
                        r57_kpi_table_value(t, r));
                with_value++;
            } else {
                fprintf(results, "%s,%s,%s,\n", codes[i], r57_kpi_table_unit(t, r), p);
            }
            rows++;
        }
        r57_kpi_table_free(t);
    }
    fclose(results);
    /* Again, with every value and roll-up already in the handle's cache. */
    for (int i = 0; i < nind; i++) {
        r57_kpi_table *t;
        t0 = now();
        c0 = cpu_now();
        if (r57_kpi_table_eval(&t, db, codes[i], NULL, RANGE) < 0)
            die("table");
        warm_cpu += cpu_now() - c0;
        warm_s += now() - t0;
        r57_kpi_table_free(t);
    }
    /* The table against r57_kpi_eval, row by row, for two indicators (a
     * formula with previous-month values and a ratio), cache warm. */
    double tab1, ev1, tab2, ev2;
    long rows1, rows2;
    long bad = compare_with_kpi_eval(db, "tfp_contribution_share", &tab1, &ev1, &rows1) +
               compare_with_kpi_eval(db, "full_online_procedures_share", &tab2, &ev2, &rows2);
    r57_close(db);

    printf("bench_kpi: %d units (1 nation, %d provinces, %d communes) x %d months (%s)\n", nunits,
           provinces, provinces * communes, MONTHS, RANGE);
    if (reuse)
        printf("load: the database and input of an earlier run reused (%s)\n", db_path);
    else
        printf("load: %d units in %.3f s; %ld values through r57_value_set in %.2f s "
               "(%.0f values/s; %ld left out on purpose)\n",
               nunits, units_s, nvalues, load_s, nvalues / load_s, left);
    printf("libr57 eval: %d indicators x %d units x %d months = %ld rows (%ld with a value) "
           "in %.3f s (%.0f rows/s; cpu %.3f s), cold cache: reading the values from the file "
           "included\n",
           nind, nunits, MONTHS, rows, with_value, eval_s, rows / eval_s, eval_cpu);
    printf("libr57 eval again, cache warm: %.3f s (%.0f rows/s; cpu %.3f s)\n", warm_s,
           rows / warm_s, warm_cpu);
    printf("table vs r57_kpi_eval row by row (warm cache, same rows): tfp_contribution_share "
           "%.1f vs %.1f ns/row (x%.1f), full_online_procedures_share %.1f vs %.1f ns/row (x%.1f); "
           "%ld rows differ\n",
           tab1 / rows1 * 1e9, ev1 / rows1 * 1e9, ev1 / tab1, tab2 / rows2 * 1e9, ev2 / rows2 * 1e9,
           ev2 / tab2, bad);
    fflush(stdout);
    if (!keep) {
        remove(db_path);
        remove(wal);
    }

    /* pandas on the same input. */
    char cmd[8192], line[1024];
    snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s' '%s' '%s'", python, script, catalogue,
             units_path, input_path, results_path);
    FILE *py = popen(cmd, "r");
    if (!py) {
        perror("popen");
        return 1;
    }
    double pandas_s = -1, pandas_cpu = -1;
    while (fgets(line, sizeof line, py)) {
        fputs(line, stdout);
        sscanf(line, "pandas compute: %lf", &pandas_s);
        sscanf(line, "pandas compute cpu: %lf", &pandas_cpu);
    }
    int status = pclose(py);
    if (status != 0 || pandas_s < 0) {
        fprintf(stderr, "bench_kpi: the pandas script failed or disagreed (status %d)\n", status);
        return 1;
    }
    printf("ratio pandas compute / libr57 eval (cold): %.2f (target >= 5); cpu %.2f\n",
           pandas_s / eval_s, pandas_cpu / eval_cpu);
    printf("ratio pandas compute / libr57 eval (warm): %.2f; cpu %.2f\n", pandas_s / warm_s,
           pandas_cpu / warm_cpu);
    return bad ? 1 : 0;
}
