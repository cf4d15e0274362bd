/*
 * The labelled "6 clear" corpus (tests/six_clear/corpus.tsv, README.md
 * beside it): every owner, authority, accountability, deadline and
 * coordinating text goes through r57_task_create and r57_linter_check (the
 * coordinating ones through r57_resolve) as written, in NFD, and, for the
 * Vietnamese ones, without diacritics.  Prints precision and recall of
 * "vague" per field and the failures; fails when either is below 0.95 for
 * a field, when a clear text names another unit than labelled, or when a
 * Vietnamese text and its English pair get different verdicts.
 *
 * usage: test_six_clear [CORPUS]   (default: the source tree's)
 */
#include <r57.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#ifndef R57_SOURCE_DIR
#define R57_SOURCE_DIR "."
#endif

enum { F_OWNER, F_AUTHORITY, F_ACCOUNTABILITY, F_DEADLINE, F_COORDINATING, F_COUNT };
static const char *const fields[F_COUNT] = { "owner", "authority", "accountability",
                                             "deadline", "coordinating" };

typedef struct stats {
    int tp, fp, fn, tn, other_bad, total;
} stats;

static r57_db *db;
static int seq;
static int failures_shown;

static void die(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, r57_error_message(r57_error_last()));
    exit(2);
}

/* The text without diacritics (đ -> d), as utf8proc strips marks. */
static char *bare(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) < 0)
        return NULL;
    /* đ (c4 91) and Đ (c4 90) have no decomposition. */
    char *p = (char *)out, *q = p;
    while (*p) {
        if ((unsigned char)p[0] == 0xc4 && ((unsigned char)p[1] == 0x91 || (unsigned char)p[1] == 0x90)) {
            *q++ = (unsigned char)p[1] == 0x91 ? 'd' : 'D';
            p += 2;
        } else {
            *q++ = *p++;
        }
    }
    *q = '\0';
    return (char *)out;
}

static int blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return !*s;
}

static char *nfd(const char *s) { return (char *)utf8proc_NFD((const utf8proc_uint8_t *)s); }

/* Lints one text in its field; *units receives what it named ("MPS>MOJ,GO",
 * "MOF+SBV", "MOST"), *reason the verdict's reason. */
static const char *judge(int field, const char *text, const char *rule, char *units,
                         size_t usize, char *reason, size_t rsize)
{
    static const char *const clar[] = { "clear", "missing", "vague", "implied" };
    units[0] = reason[0] = '\0';
    if (field == F_COORDINATING) {
        r57_resolution *r;
        if (r57_resolve(&r, db, text, R57_RESOLVE_LIST, R57_DATE_NONE) < 0)
            die("r57_resolve");
        for (size_t i = 0; i < r57_resolution_match_count(r); i++)
            snprintf(units + strlen(units), usize - strlen(units), "%s%s", i ? "," : "",
                     r57_resolution_match_unit(r, i));
        snprintf(reason, rsize, "%s", r57_resolution_reason(r));
        const char *c = blank(text) ? "missing"
                        : r57_resolution_kind(r) == R57_RESOLUTION_UNIT ? "clear" : "vague";
        r57_resolution_free(r);
        return c;
    }
    char doc[32], ref[32];
    snprintf(doc, sizeof doc, "D-%d", ++seq);
    snprintf(ref, sizeof ref, "T-%d", seq);
    r57_date issued;
    r57_date_from_ymd(&issued, 2025, 10, 15);
    if (r57_document_create(db, "corpus", doc, R57_DOC_NOTICE, issued, NULL, NULL) < 0)
        die("r57_document_create");
    if (rule && r57_accountability_rule_set(db, "corpus", doc, rule) < 0)
        die("r57_accountability_rule_set");
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = doc;
    s.ref = ref;
    s.title = "Do the work";
    s.product = "a report";
    if (field == F_OWNER)
        s.owner = text;
    else if (field == F_AUTHORITY)
        s.authority = text;
    else if (field == F_ACCOUNTABILITY) {
        s.accountability = text;
        s.owner = "Bộ Tư pháp";
    } else
        s.deadline = text;
    r57_task *t;
    if (r57_task_create(&t, db, "corpus", &s) < 0) {
        snprintf(reason, rsize, "refused: %s", r57_error_message(r57_error_last()));
        return "error";
    }
    r57_verdict *v;
    if (r57_linter_check(&v, NULL, t) < 0)
        die("r57_linter_check");
    int lf = field == F_OWNER ? R57_CLEAR_OWNER : field == F_AUTHORITY ? R57_CLEAR_AUTHORITY
             : field == F_ACCOUNTABILITY ? R57_CLEAR_ACCOUNTABILITY : R57_CLEAR_DEADLINE;
    int c = r57_verdict_clarity(v, lf);
    snprintf(reason, rsize, "%s", r57_verdict_reason(v, lf));
    r57_task_field_t tf = field == F_OWNER ? R57_FIELD_OWNER : field == F_AUTHORITY
                          ? R57_FIELD_AUTHORITY : R57_FIELD_ACCOUNTABILITY;
    r57_resolution *r = NULL;
    if (field != F_DEADLINE && r57_task_resolution(&r, t, tf) == R57_OK) {
        r57_resolution_kind_t k = r57_resolution_kind(r);
        if (k == R57_RESOLUTION_UNIT && r57_resolution_unit(r)) {
            snprintf(units, usize, "%s", r57_resolution_unit(r));
            int first = 1;
            for (size_t i = 0; i < r57_resolution_match_count(r); i++)
                if (r57_resolution_match_role(r, i) == R57_MATCH_COORDINATING) {
                    snprintf(units + strlen(units), usize - strlen(units), "%s%s",
                             first ? ">" : ",", r57_resolution_match_unit(r, i));
                    first = 0;
                }
        } else if (k == R57_RESOLUTION_JOINT) {
            for (size_t i = 0; i < r57_resolution_match_count(r); i++)
                if (r57_resolution_match_role(r, i) == R57_MATCH_LEAD)
                    snprintf(units + strlen(units), usize - strlen(units), "%s%s",
                             *units ? "+" : "", r57_resolution_match_unit(r, i));
        }
    }
    r57_resolution_free(r);
    r57_verdict_free(v);
    r57_task_free(t);
    return c >= 0 && c <= 3 ? clar[c] : "?";
}

/* Trims a trailing newline / CR. */
static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

typedef struct pairv {
    char pair[32], clarity[16];
    int field;
} pairv;

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : R57_SOURCE_DIR "/tests/six_clear/corpus.tsv";
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    if (r57_open(&db, ":memory:", NULL) < 0)
        die("r57_open");
    if (r57_unit_registry_load(NULL, db, "corpus", NULL) < 0)
        die("r57_unit_registry_load");
    stats st[F_COUNT];
    memset(st, 0, sizeof st);
    pairv *pairs = NULL;
    size_t npairs = 0;
    int pair_bad = 0, rows = 0;
    char line[4096];
    int header = 0;
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        if (!*line || line[0] == '#')
            continue;
        if (!header) {
            header = 1;
            continue;
        }
        char *col[9] = { 0 };
        char *p = line;
        for (int i = 0; i < 9; i++) {
            col[i] = p;
            char *tab = p ? strchr(p, '\t') : NULL;
            if (tab) {
                *tab = '\0';
                p = tab + 1;
            } else {
                p = NULL;
            }
        }
        const char *id = col[0], *fname = col[1], *lang = col[2], *text = col[3],
                   *want = col[4], *units = col[5] ? col[5] : "", *pair = col[7] ? col[7] : "",
                   *rule = col[8] ? col[8] : "";
        if (!id || !fname || !lang || !text || !want) {
            fprintf(stderr, "%s: malformed line: %s\n", path, line);
            return 2;
        }
        int field = -1;
        for (int i = 0; i < F_COUNT; i++)
            if (strcmp(fname, fields[i]) == 0)
                field = i;
        if (field < 0) {
            fprintf(stderr, "%s: %s: unknown field '%s'\n", path, id, fname);
            return 2;
        }
        const char *use_rule = field == F_ACCOUNTABILITY && strcmp(rule, "none") != 0
                                   ? "the head of the lead unit answers"
                                   : NULL;
        rows++;
        char *variants[3] = { strdup(text), nfd(text),
                              strcmp(lang, "vi") == 0 ? bare(text) : NULL };
        static const char *const vname[3] = { "NFC", "NFD", "no diacritics" };
        const char *first = NULL;
        char first_clar[16] = "";
        for (int v = 0; v < 3; v++) {
            if (!variants[v])
                continue;
            char got_units[256], reason[1024];
            const char *got = judge(field, variants[v], use_rule, got_units, sizeof got_units,
                                    reason, sizeof reason);
            if (!first) {
                first = got;
                snprintf(first_clar, sizeof first_clar, "%s", got);
            }
            stats *s = &st[field];
            s->total++;
            int want_v = strcmp(want, "vague") == 0, got_v = strcmp(got, "vague") == 0;
            s->tp += want_v && got_v;
            s->fp += !want_v && got_v;
            s->fn += want_v && !got_v;
            s->tn += !want_v && !got_v;
            int bad = strcmp(want, got) != 0;
            /* A clear or joint text must name the labelled units. */
            int units_bad = !bad && *units && strcmp(units, got_units) != 0;
            if (!want_v && !got_v && strcmp(want, got) != 0)
                s->other_bad++;
            if (units_bad)
                s->other_bad++;
            if ((bad || units_bad) && failures_shown < 400) {
                failures_shown++;
                printf("FAIL %-12s %-14s %-13s want %-7s got %-7s units want '%s' got '%s'\n"
                       "     text: %s\n     why:  %s\n",
                       id, fname, vname[v], want, got, units, got_units, variants[v], reason);
            }
        }
        for (int v = 0; v < 3; v++)
            free(variants[v]);
        if (*pair) {
            size_t k = 0;
            while (k < npairs && !(strcmp(pairs[k].pair, pair) == 0 && pairs[k].field == field))
                k++;
            if (k < npairs) {
                if (strcmp(pairs[k].clarity, first_clar) != 0) {
                    pair_bad++;
                    printf("PAIR %s (%s): one language gives %s, the other %s\n", pair, fname,
                           pairs[k].clarity, first_clar);
                }
            } else {
                pairs = realloc(pairs, (npairs + 1) * sizeof *pairs);
                snprintf(pairs[npairs].pair, sizeof pairs[npairs].pair, "%s", pair);
                snprintf(pairs[npairs].clarity, sizeof pairs[npairs].clarity, "%s", first_clar);
                pairs[npairs].field = field;
                npairs++;
            }
        }
    }
    fclose(f);
    free(pairs);
    int failed = pair_bad > 0 || rows < 150;
    printf("\n%d texts, %zu pairs (%d disagree)\n", rows, npairs, pair_bad);
    printf("%-15s %6s %6s %9s %7s %14s\n", "field", "cases", "vague", "precision", "recall",
           "other wrong");
    for (int i = 0; i < F_COUNT; i++) {
        stats *s = &st[i];
        double prec = s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1.0;
        double rec = s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1.0;
        printf("%-15s %6d %6d %9.3f %7.3f %14d\n", fields[i], s->total, s->tp + s->fn, prec, rec,
               s->other_bad);
        if (prec < 0.95 || rec < 0.95 || s->other_bad)
            failed = 1;
    }
    r57_close(db);
    printf("%s\n", failed ? "FAILED (precision and recall must be >= 0.95, and every clear "
                            "text must name its unit)"
                          : "ok");
    return failed;
}
