/*
 * notice07 — load the tasks of notice 07-TB/CQTTBCD from its CSV sheet into
 * a libr57 database and print, for each task, its resolved deadline, its
 * "6 clear" verdict and whether it is overdue as of a date.
 *
 *   notice07 TASKS.csv DB AS-OF
 *   notice07 ../shared/data/notice_07-TB-CQTTBCD_tasks.csv notice07.r57 2025-11-20
 *
 * The database is created afresh on each run.  Exit status 0 on success,
 * 1 on bad arguments or input, 2 when the library reports an error.
 */
#include <r57.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bodies the notice names, registered as units under the nation. */
static const struct {
    const char *code, *name;
    int kind;
} bodies[] = {
    { "VN", "Viet Nam", R57_UNIT_NATION },
    { "GPC", "Government Party Committee", R57_UNIT_OTHER },
    { "GOV", "Government", R57_UNIT_OTHER },
    { "PM", "Prime Minister", R57_UNIT_OTHER },
    { "GO", "Government Office", R57_UNIT_MINISTRY },
    { "CPO", "Central Party Office", R57_UNIT_OTHER },
    { "SC", "Steering Committee", R57_UNIT_OTHER },
    { "MOJ", "Ministry of Justice", R57_UNIT_MINISTRY },
    { "MOST", "Ministry of Science and Technology", R57_UNIT_MINISTRY },
    { "MPS", "Ministry of Public Security", R57_UNIT_MINISTRY },
    { "MOF", "Ministry of Finance", R57_UNIT_MINISTRY },
    { "MOHA", "Ministry of Home Affairs", R57_UNIT_MINISTRY },
    { "MOFA", "Ministry of Foreign Affairs", R57_UNIT_MINISTRY },
    { "MOET", "Ministry of Education and Training", R57_UNIT_MINISTRY },
};

static int fail(const char *what)
{
    const r57_error *e = r57_error_last();
    fprintf(stderr, "notice07: %s: %s (%s)\n", what, r57_error_message(e),
            r57_err_name(r57_error_code(e)));
    return 2;
}

/* Reads one CSV record (RFC 4180: quoted fields, doubled quotes) into
 * fields[]; returns the number of fields, 0 at the end of the file. */
static int read_record(FILE *f, char *buf, size_t size, char **fields, int max)
{
    int c, n = 0, quoted = 0;
    size_t len = 0;
    fields[0] = buf;
    while ((c = fgetc(f)) != EOF) {
        if (quoted) {
            if (c == '"') {
                int d = fgetc(f);
                if (d == '"') {
                    if (len + 1 < size)
                        buf[len++] = '"';
                    continue;
                }
                quoted = 0;
                if (d == EOF)
                    break;
                c = d;
            } else {
                if (len + 1 < size)
                    buf[len++] = (char)c;
                continue;
            }
        }
        if (c == '"' && (len == 0 || buf[len - 1] == '\0')) {
            quoted = 1;
        } else if (c == ',') {
            if (len + 1 < size)
                buf[len++] = '\0';
            if (n + 1 < max)
                fields[++n] = buf + len;
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            if (len + 1 < size)
                buf[len++] = (char)c;
        }
    }
    if (c == EOF && len == 0 && n == 0)
        return 0;
    buf[len] = '\0';
    return n + 1;
}

/* The code of the registered unit with this name, or NULL. */
static const char *unit_code(r57_db *db, const char *name, char *buf, size_t size)
{
    r57_unit *u;
    if (!name || !*name || r57_unit_find_by_name(&u, db, name) != R57_OK)
        return NULL;
    snprintf(buf, size, "%s", r57_unit_code(u));
    r57_unit_free(u);
    return buf;
}

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static int load(r57_db *db, FILE *f)
{
    char buf[8192], *fld[16];
    int created_doc = 0;
    if (read_record(f, buf, sizeof buf, fld, 16) != 9) {
        fprintf(stderr, "notice07: the header must have 9 columns: ref,document,issued,title,"
                        "lead,coordinating,product,deadline_text,authority\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
        if (r57_unit_create(db, "notice07", bodies[i].code, bodies[i].name, bodies[i].kind,
                            i ? "VN" : NULL) < 0)
            return fail("registering units");
    int n, line = 1;
    while ((n = read_record(f, buf, sizeof buf, fld, 16)) > 0) {
        line++;
        if (n != 9) {
            fprintf(stderr, "notice07: line %d has %d columns, not 9\n", line, n);
            return 1;
        }
        if (!created_doc) {
            r57_date issued;
            if (r57_date_parse(&issued, fld[2]) < 0)
                return fail("reading the issue date");
            if (r57_document_create(db, "notice07", fld[1], R57_DOC_NOTICE, issued,
                                    "Central Steering Committee", "Notice 07") < 0)
                return fail("recording the notice");
            created_doc = 1;
        }
        char owner[64], authority[64];
        const char *coords[16];
        char coordbuf[1024];
        size_t ncoord = 0;
        /* Coordinating units: those of the ';'-separated names we know. */
        snprintf(coordbuf, sizeof coordbuf, "%s", fld[5]);
        for (char *tok = strtok(coordbuf, ";"); tok && ncoord < 16; tok = strtok(NULL, ";")) {
            r57_unit *u;
            if (r57_unit_find_by_name(&u, db, trim(tok)) == R57_OK) {
                static char codes[16][64];
                snprintf(codes[ncoord], sizeof codes[ncoord], "%s", r57_unit_code(u));
                coords[ncoord] = codes[ncoord];
                ncoord++;
                r57_unit_free(u);
            }
        }
        r57_task_spec s = R57_TASK_SPEC_INIT;
        s.document = fld[1];
        s.ref = fld[0];
        s.title = fld[3];
        s.owner = fld[4];
        s.owner_unit = unit_code(db, fld[4], owner, sizeof owner);
        s.coordinating = *fld[5] ? fld[5] : NULL;
        s.coordinating_units = coords;
        s.coordinating_units_count = ncoord;
        s.product = fld[6];
        s.deadline = fld[7];
        s.authority = fld[8];
        s.authority_unit = unit_code(db, fld[8], authority, sizeof authority);
        if (r57_task_create(NULL, db, "notice07", &s) < 0)
            return fail("creating a task");
    }
    return 0;
}

static int report(r57_db *db, r57_date as_of)
{
    r57_task_iterator *it;
    r57_task *t;
    int ret, overdue = 0, clear = 0, total = 0;
    if (r57_task_iterator_new(&it, db, NULL) < 0)
        return fail("listing tasks");
    while ((ret = r57_task_next(&t, it)) == R57_OK) {
        r57_verdict *v;
        r57_timeliness_t state;
        r57_date due;
        char duebuf[16] = "-";
        if (r57_linter_check(&v, NULL, t) < 0 ||
            r57_task_timeliness(&state, &due, db, t, as_of, 7) < 0) {
            r57_task_free(t);
            r57_task_iterator_free(it);
            return fail("judging a task");
        }
        if (due != R57_DATE_NONE)
            r57_date_format(duebuf, sizeof duebuf, due);
        total++;
        overdue += state == R57_TIMELINESS_OVERDUE;
        clear += r57_verdict_is_clear(v);
        printf("%-12s %-24s -> %-10s %-8s %-12s %s\n", r57_task_ref(t),
               *r57_task_deadline_text(t) ? r57_task_deadline_text(t) : "(none)", duebuf,
               r57_deadline_kind_name(r57_task_deadline_kind(t)), r57_timeliness_name(state),
               r57_verdict_is_clear(v) ? "6 clear" : "NOT 6 clear:");
        for (int fi = 0; fi < R57_CLEAR_FIELD_COUNT; fi++)
            if (r57_verdict_clarity(v, fi) != R57_CLARITY_CLEAR)
                printf("%13s %-14s %-7s %s\n", "", r57_clear_field_name(fi),
                       r57_clarity_name(r57_verdict_clarity(v, fi)), r57_verdict_reason(v, fi));
        r57_verdict_free(v);
        r57_task_free(t);
    }
    r57_task_iterator_free(it);
    if (ret != R57_ITEROVER)
        return fail("listing tasks");
    printf("\n%d tasks: %d fully 6-clear, %d overdue\n", total, clear, overdue);
    return 0;
}

int main(int argc, char **argv)
{
    r57_db *db;
    r57_date as_of;
    if (argc != 4) {
        fprintf(stderr, "usage: notice07 TASKS.csv DB AS-OF(YYYY-MM-DD)\n");
        return 1;
    }
    if (r57_date_parse(&as_of, argv[3]) < 0) {
        fprintf(stderr, "notice07: as-of date: %s\n", r57_error_message(r57_error_last()));
        return 1;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "notice07: cannot read '%s'\n", argv[1]);
        return 1;
    }
    remove(argv[2]);
    if (r57_open(&db, argv[2], NULL) < 0) {
        fclose(f);
        return fail("opening the database");
    }
    int ret = r57_db_begin(db) < 0 ? fail("starting") : load(db, f);
    fclose(f);
    if (ret == 0 && r57_db_commit(db) < 0)
        ret = fail("committing");
    if (ret == 0) {
        char d[16];
        r57_date_format(d, sizeof d, as_of);
        printf("Notice 07-TB/CQTTBCD as of %s (due soon: within 7 days)\n\n", d);
        ret = report(db, as_of);
    }
    r57_close(db);
    return ret;
}
