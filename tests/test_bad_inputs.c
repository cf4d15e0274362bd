/*
 * The bad-input corpus (tests/bad_inputs/README.md): every malformed input
 * under tests/bad_inputs/<kind>/ must fail with exactly the code, position
 * and message written in the .error file beside it, and an import that
 * fails must leave the database as it was (compared by a full export).
 * A case that differs is reported with what the library gave, in the
 * .error format, so a new case is written by running the test once.
 */
#include "helpers.h"

#include <dirent.h>
#include <errno.h>

#define CORPUS R57_SOURCE_DIR "/tests/bad_inputs"

/* Reads a whole file; NULL if it cannot be read. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* The outcome of a call, in the .error file's format. */
static void describe(char *out, size_t size, int rc)
{
    const r57_error *e = r57_error_last();
    char where[96];
    if (r57_error_line(e) > 0)
        snprintf(where, sizeof where, "line %d, column %d, offset %ld", r57_error_line(e),
                 r57_error_column(e), r57_error_offset(e));
    else
        snprintf(where, sizeof where, "none");
    snprintf(out, size, "code: %s\nposition: %s\nmessage: %s\n", r57_err_name(rc), where,
             rc < 0 ? r57_error_message(e) : "(the input was accepted)");
}

/* The text parsers take one line: the file without its final newline. */
static char *one_line(const char *name)
{
    size_t n;
    char *text = read_all(name, &n);
    ck_assert_msg(text != NULL, "cannot read %s", name);
    if (n && text[n - 1] == '\n')
        text[n - 1] = '\0';
    return text;
}

static int run_formula(r57_db *db, const char *name)
{
    (void)db;
    char *text = one_line(name);
    r57_formula *f = NULL;
    int rc = r57_formula_compile(&f, text);
    r57_formula_free(f);
    free(text);
    return rc;
}

static int run_deadline(r57_db *db, const char *name)
{
    (void)db;
    char *text = one_line(name);
    int rc = r57_deadline_parse(NULL, NULL, text);
    free(text);
    return rc;
}

static int run_period(r57_db *db, const char *name)
{
    (void)db;
    char *text = one_line(name);
    int64_t p;
    int rc = r57_period_parse(&p, text);
    free(text);
    return rc;
}

static int run_json(r57_db *db, const char *name)
{
    return r57_import_json_file(NULL, db, "corpus", NULL, name);
}

static int run_ndjson(r57_db *db, const char *name)
{
    r57_import_report *report = NULL;
    int rc = r57_import_ndjson_file(&report, db, "corpus", NULL, name);
    r57_import_report_free(report);
    return rc;
}

/* Task sheets are read strictly: a body not in the registry is bad input. */
static int run_csv(r57_db *db, const char *name)
{
    r57_import_options o = R57_IMPORT_OPTIONS_INIT;
    o.strict_units = 1;
    return r57_import_csv_tasks(NULL, db, "corpus", &o, name);
}

typedef int (*run_fn)(r57_db *db, const char *name);

/* Whether a name ends in the suffix (and is longer than it). */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/*
 * Runs every case of one kind: the files of the folder that end in ext,
 * each on a fresh database holding the fixture units and the notice.
 * Returns the number of cases; fails the test listing every case that
 * differs from its .error file.
 */
static int run_corpus(const char *kind, const char *ext, run_fn run)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/%s", CORPUS, kind);
    /* Cases are run by their bare names, so the messages that quote the
     * file name are the same wherever the tree is. */
    ck_assert_msg(chdir(dir) == 0, "cannot enter %s: %s", dir, strerror(errno));
    struct dirent **entries;
    int n = scandir(".", &entries, NULL, by_name), cases = 0, failed = 0;
    ck_assert_int_ge(n, 0);
    for (int i = 0; i < n; i++) {
        const char *name = entries[i]->d_name;
        if (!ends_with(name, ext))
            continue;
        cases++;
        char errpath[512], actual[2048];
        snprintf(errpath, sizeof errpath, "%.*s.error", (int)(strlen(name) - strlen(ext)), name);
        char *expected = read_all(errpath, NULL);

        r57_db *db = open_memory();
        add_units(db);
        add_notice(db);
        char *before = NULL, *after = NULL;
        OK(r57_export_string(&before, db, NULL));
        int rc = run(db, name);
        describe(actual, sizeof actual, rc);
        OK(r57_export_string(&after, db, NULL));

        const char *problem = NULL;
        if (!expected)
            problem = "has no .error file";
        else if (strcmp(expected, actual) != 0)
            problem = "gave another error";
        else if (strcmp(ext, ".ndjson") != 0 && strcmp(before, after) != 0)
            problem = "changed the database"; /* NDJSON keeps committed batches */
        if (problem) {
            failed++;
            printf("%s/%s %s; the library gave:\n%s\n", kind, name, problem, actual);
        }
        r57_free(before);
        r57_free(after);
        r57_close(db);
        free(expected);
    }
    for (int i = 0; i < n; i++)
        free(entries[i]);
    free(entries);
    fflush(stdout);
    ck_assert_msg(failed == 0, "%d of %d %s cases failed (listed above)", failed, cases, kind);
    return cases;
}

/* Each kind of input: its folder, the ending of its input files, how it is
 * run, and how many cases it has at least (so a lost folder fails). */
static const struct {
    const char *kind, *ext;
    run_fn run;
    int min_cases;
} kinds[] = {
    { "formula", ".txt", run_formula, 40 }, { "deadline", ".txt", run_deadline, 15 },
    { "period", ".txt", run_period, 10 },   { "json", ".json", run_json, 25 },
    { "ndjson", ".ndjson", run_ndjson, 12 }, { "csv", ".csv", run_csv, 12 },
};

START_TEST(test_bad_inputs_corpus__each_kind)
{
    ck_assert_int_ge(run_corpus(kinds[_i].kind, kinds[_i].ext, kinds[_i].run), kinds[_i].min_cases);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("bad_inputs");
    TCase *tc = tcase_create("corpus");
    tcase_add_loop_test(tc, test_bad_inputs_corpus__each_kind, 0,
                        (int)(sizeof kinds / sizeof kinds[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return run_suite(suite()); }
