/*
 * Deadlines as people write them (docs/deadlines.md).
 *
 * The text is first normalised (ASCII lower case, blanks collapsed, a
 * trailing full stop dropped) with a map back to the original offsets, so
 * errors point into what the caller wrote.  Then leading words that only
 * say "by" ("by", "before", "no later than", "trước ngày", …) are skipped
 * and the rest must be exactly one of the forms below.  A hand-written
 * recogniser: the grammar is small and closed, and a regex or parser
 * generator would add a dependency without making it clearer.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define MAXLEN 200

typedef struct scan {
    const char *orig;   /* the caller's text */
    char s[MAXLEN + 1]; /* normalised */
    int map[MAXLEN + 1];/* s[i] came from orig[map[i]] */
    int n;
} scan;

static const char *const kind_names[] = { "none",  "day",     "month",     "quarter",
                                          "year",  "monthly", "quarterly", "annually" };

const char *r57_deadline_kind_name(int kind)
{
    return kind >= 0 && kind <= R57_DEADLINE_ANNUALLY ? kind_names[kind] : NULL;
}

int r57_deadline_kind_is_regular(int kind)
{
    return kind >= R57_DEADLINE_MONTHLY && kind <= R57_DEADLINE_ANNUALLY;
}

static const char *const month_names[] = { "january", "february", "march",     "april",
                                           "may",     "june",     "july",      "august",
                                           "september", "october", "november", "december" };
static const char *const month_titles[] = { "January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December" };

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Word characters: ASCII letters and every byte of a UTF-8 sequence. */
static int is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || c >= 0x80;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int normalise(scan *sc, const char *text)
{
    int n = 0, space = 0;
    sc->orig = text;
    for (int i = 0; text[i]; i++) {
        if (is_blank(text[i])) {
            space = n > 0;
            continue;
        }
        if (n + 2 > MAXLEN)
            return -1;
        if (space) {
            sc->map[n] = i - 1;
            sc->s[n++] = ' ';
            space = 0;
        }
        sc->map[n] = i;
        sc->s[n++] = (char)r57__lower((unsigned char)text[i]);
    }
    if (n > 0 && sc->s[n - 1] == '.')
        n--;
    sc->s[n] = '\0';
    sc->map[n] = (int)strlen(text);
    sc->n = n;
    return 0;
}

/* Error helpers: the position is where, in the caller's text, the problem
 * starts. */
static int fail_at(const scan *sc, int pos, const char *detail)
{
    int off = sc->map[pos];
    if (!detail)
        return r57__error_at(R57_EPARSE, 1, off + 1, off,
                             "deadline '%s' is not a date, month, quarter or year", sc->orig);
    return r57__error_at(R57_EPARSE, 1, off + 1, off, "deadline '%s': %s", sc->orig, detail);
}

/* If s at *p starts with the word(s) w followed by a word boundary, moves
 * *p past them (and one blank) and returns 1. */
static int word(const scan *sc, int *p, const char *w)
{
    size_t len = strlen(w);
    if (strncmp(sc->s + *p, w, len) != 0)
        return 0;
    unsigned char next = (unsigned char)sc->s[*p + (int)len];
    if (is_letter(next) || is_digit((char)next))
        return 0;
    *p += (int)len;
    if (sc->s[*p] == ' ')
        (*p)++;
    return 1;
}

/* Reads 1 to max digits; returns their count (0: none). */
static int number(const scan *sc, int *p, int max, int *val)
{
    int k = 0, v = 0;
    while (k < max && is_digit(sc->s[*p + k])) {
        v = v * 10 + (sc->s[*p + k] - '0');
        k++;
    }
    if (k == 0 || is_digit(sc->s[*p + k]))
        return 0;
    *val = v;
    *p += k;
    return k;
}

static int punct(const scan *sc, int *p, char c)
{
    if (sc->s[*p] != c)
        return 0;
    (*p)++;
    if (sc->s[*p] == ' ')
        (*p)++;
    return 1;
}

static int at_end(const scan *sc, int p)
{
    return p >= sc->n;
}

/* A month name (full or its first three letters, "sept" too). */
static int month_word(const scan *sc, int *p, int *month)
{
    for (int m = 0; m < 12; m++) {
        char abbr[5];
        memcpy(abbr, month_names[m], 3);
        abbr[3] = '\0';
        if (word(sc, p, month_names[m]) || word(sc, p, abbr) ||
            (m == 8 && word(sc, p, "sept"))) {
            if (sc->s[*p] == '.')
                (*p)++;
            if (sc->s[*p] == ' ')
                (*p)++;
            *month = m + 1;
            return 1;
        }
    }
    return 0;
}

/* Roman numerals I-IV (and V, which resolve() rejects as a quarter). */
static int roman(const scan *sc, int *p, int *val)
{
    static const char *const r[] = { "iv", "iii", "ii", "i", "v" };
    static const int v[] = { 4, 3, 2, 1, 5 };
    for (int i = 0; i < 5; i++)
        if (word(sc, p, r[i])) {
            *val = v[i];
            return 1;
        }
    return 0;
}

typedef struct result {
    int kind;
    int year, month, day, quarter;
    int pos_year, pos_month, pos_day, pos_quarter; /* where each came from */
} result;

static int year_ok(const scan *sc, const result *r)
{
    if (r->year < 1900 || r->year > 2200) {
        char detail[64];
        snprintf(detail, sizeof detail, "year %d is outside 1900-2200", r->year);
        return fail_at(sc, r->pos_year, detail);
    }
    return R57_OK;
}

/* Checks the parts and computes the due date. */
static int resolve(const scan *sc, const result *r, r57_date *due)
{
    char detail[96];
    int ret = year_ok(sc, r);
    if (ret < 0)
        return ret;
    switch (r->kind) {
    case R57_DEADLINE_DAY:
    case R57_DEADLINE_MONTH:
        if (r->month < 1 || r->month > 12) {
            snprintf(detail, sizeof detail, "month %d is not 1-12", r->month);
            return fail_at(sc, r->pos_month, detail);
        }
        if (r->kind == R57_DEADLINE_MONTH) {
            *due = r57__date_from_ymd(r->year, r->month, r57__days_in_month(r->year, r->month));
            return R57_OK;
        }
        if (r->day < 1 || r->day > r57__days_in_month(r->year, r->month)) {
            snprintf(detail, sizeof detail, "day %d does not exist in %s %d", r->day,
                     month_titles[r->month - 1], r->year);
            return fail_at(sc, r->pos_day, detail);
        }
        *due = r57__date_from_ymd(r->year, r->month, r->day);
        return R57_OK;
    case R57_DEADLINE_QUARTER:
        if (r->quarter < 1 || r->quarter > 4) {
            snprintf(detail, sizeof detail, "quarter %d is not 1-4", r->quarter);
            return fail_at(sc, r->pos_quarter, detail);
        }
        *due = r57__date_from_ymd(r->year, r->quarter * 3, r57__days_in_month(r->year, r->quarter * 3));
        return R57_OK;
    default: /* year */
        *due = r57__date_from_ymd(r->year, 12, 31);
        return R57_OK;
    }
}

/* ---- the forms ------------------------------------------------------ */

/* Numeric forms: 2025-10-20, 2025-10, 20/10/2025, 20-10-2025, 20.10.2025,
 * 10/2025, 2026, 2026q1, 2026-q1. */
static int numeric(const scan *sc, int p, result *r)
{
    int a, b, c, q = p;
    int na = number(sc, &q, 4, &a);
    if (!na)
        return 0;
    if (na == 4) {
        r->year = a;
        r->pos_year = p;
        if (at_end(sc, q)) {
            r->kind = R57_DEADLINE_YEAR;
            return 1;
        }
        int q2 = q;
        if ((sc->s[q2] == 'q' || (sc->s[q2] == '-' && sc->s[q2 + 1] == 'q'))) {
            q2 += sc->s[q2] == '-' ? 2 : 1;
            r->pos_quarter = q2;
            if (number(sc, &q2, 1, &c) && at_end(sc, q2)) {
                r->kind = R57_DEADLINE_QUARTER;
                r->quarter = c;
                return 1;
            }
            return 0;
        }
        if (sc->s[q] != '-')
            return 0;
        q++;
        r->pos_month = q;
        if (!number(sc, &q, 2, &b))
            return 0;
        r->month = b;
        if (at_end(sc, q)) {
            r->kind = R57_DEADLINE_MONTH;
            return 1;
        }
        if (sc->s[q] != '-')
            return 0;
        q++;
        r->pos_day = q;
        if (!number(sc, &q, 2, &c) || !at_end(sc, q))
            return 0;
        r->day = c;
        r->kind = R57_DEADLINE_DAY;
        return 1;
    }
    if (na > 2)
        return 0;
    char sep = sc->s[q];
    if (sep != '/' && sep != '-' && sep != '.')
        return 0;
    q++;
    int pos_b = q;
    int nb = number(sc, &q, 4, &b);
    if (nb == 4 && at_end(sc, q) && sep == '/') { /* 10/2025 */
        r->month = a;
        r->pos_month = p;
        r->year = b;
        r->pos_year = pos_b;
        r->kind = R57_DEADLINE_MONTH;
        return 1;
    }
    if (!nb || nb > 2 || sc->s[q] != sep)
        return 0;
    q++;
    r->pos_year = q;
    if (number(sc, &q, 4, &c) != 4 || !at_end(sc, q))
        return 0;
    r->day = a;
    r->pos_day = p;
    r->month = b;
    r->pos_month = pos_b;
    r->year = c;
    r->kind = R57_DEADLINE_DAY;
    return 1;
}

/* "20 october 2025", "october 20, 2025", "october 2025". */
static int english_date(const scan *sc, int p, result *r)
{
    int q = p, d, m, y;
    if (number(sc, &q, 2, &d)) {
        if (sc->s[q] == ' ')
            q++;
        int pm = q;
        if (!month_word(sc, &q, &m))
            return 0;
        punct(sc, &q, ',');
        r->pos_year = q;
        if (number(sc, &q, 4, &y) != 4 || !at_end(sc, q))
            return 0;
        r->day = d;
        r->pos_day = p;
        r->month = m;
        r->pos_month = pm;
        r->year = y;
        r->kind = R57_DEADLINE_DAY;
        return 1;
    }
    if (!month_word(sc, &q, &m))
        return 0;
    r->month = m;
    r->pos_month = p;
    int pd = q;
    if (number(sc, &q, 2, &d) && punct(sc, &q, ',')) {
        r->pos_year = q;
        if (number(sc, &q, 4, &y) != 4 || !at_end(sc, q))
            return 0;
        r->day = d;
        r->pos_day = pd;
        r->year = y;
        r->kind = R57_DEADLINE_DAY;
        return 1;
    }
    q = pd;
    word(sc, &q, "of");
    r->pos_year = q;
    if (number(sc, &q, 4, &y) != 4 || !at_end(sc, q))
        return 0;
    r->year = y;
    r->kind = R57_DEADLINE_MONTH;
    return 1;
}

/* "q1 2026", "q1/2026", "first quarter of 2026", "quarter 1 of 2026". */
static int english_quarter(const scan *sc, int p, result *r)
{
    static const char *const ordinals[][2] = { { "first", "1st" }, { "second", "2nd" },
                                               { "third", "3rd" }, { "fourth", "4th" } };
    int q = p, n = 0, y;
    r->pos_quarter = p;
    if (sc->s[q] == 'q' && is_digit(sc->s[q + 1])) {
        q++;
        if (!number(sc, &q, 1, &n))
            return 0;
        if (!punct(sc, &q, '/') && sc->s[q] == ' ')
            q++;
    } else {
        for (int i = 0; i < 4 && !n; i++)
            if (word(sc, &q, ordinals[i][0]) || word(sc, &q, ordinals[i][1]))
                n = i + 1;
        if (n) {
            if (!word(sc, &q, "quarter"))
                return 0;
        } else if (word(sc, &q, "quarter")) {
            r->pos_quarter = q;
            if (!number(sc, &q, 1, &n))
                return 0;
            if (sc->s[q] == ' ')
                q++;
        } else {
            return 0;
        }
        word(sc, &q, "of");
    }
    r->pos_year = q;
    if (number(sc, &q, 4, &y) != 4 || !at_end(sc, q))
        return 0;
    r->quarter = n;
    r->year = y;
    r->kind = R57_DEADLINE_QUARTER;
    return 1;
}

/* "/2026" or " năm 2026" after a Vietnamese month or quarter. */
static int vn_year(const scan *sc, int *p, result *r)
{
    int y;
    if (!punct(sc, p, '/') && !word(sc, p, "năm") && !word(sc, p, "nam"))
        return 0;
    r->pos_year = *p;
    if (number(sc, p, 4, &y) != 4)
        return 0;
    r->year = y;
    return at_end(sc, *p);
}

/* "ngày 20/10/2025" (the date itself is numeric), "tháng 10/2025",
 * "tháng 10 năm 2025", "quý i/2026", "quý 1 năm 2026", "năm 2026". */
static int vietnamese(const scan *sc, int p, result *r)
{
    int q = p, v;
    if (word(sc, &q, "tháng") || word(sc, &q, "thang")) {
        r->pos_month = q;
        if (!number(sc, &q, 2, &v))
            return 0;
        if (sc->s[q] == ' ' && sc->s[q + 1] != '/')
            q++;
        r->month = v;
        r->kind = R57_DEADLINE_MONTH;
        return vn_year(sc, &q, r);
    }
    if (word(sc, &q, "quý") || word(sc, &q, "quy")) {
        r->pos_quarter = q;
        if (!number(sc, &q, 1, &v) && !roman(sc, &q, &v))
            return 0;
        if (sc->s[q] == ' ' && sc->s[q + 1] != '/')
            q++;
        r->quarter = v;
        r->kind = R57_DEADLINE_QUARTER;
        return vn_year(sc, &q, r);
    }
    if (word(sc, &q, "năm") || word(sc, &q, "nam")) {
        r->pos_year = q;
        if (number(sc, &q, 4, &v) != 4 || !at_end(sc, q))
            return 0;
        r->year = v;
        r->kind = R57_DEADLINE_YEAR;
        return 1;
    }
    return 0;
}

static int regular(const scan *sc, int p, int *kind)
{
    static const struct {
        const char *text;
        int kind;
    } forms[] = {
        { "monthly", R57_DEADLINE_MONTHLY },     { "every month", R57_DEADLINE_MONTHLY },
        { "hằng tháng", R57_DEADLINE_MONTHLY },  { "hàng tháng", R57_DEADLINE_MONTHLY },
        { "hang thang", R57_DEADLINE_MONTHLY },  { "quarterly", R57_DEADLINE_QUARTERLY },
        { "every quarter", R57_DEADLINE_QUARTERLY }, { "hằng quý", R57_DEADLINE_QUARTERLY },
        { "hàng quý", R57_DEADLINE_QUARTERLY },  { "hang quy", R57_DEADLINE_QUARTERLY },
        { "annually", R57_DEADLINE_ANNUALLY },   { "yearly", R57_DEADLINE_ANNUALLY },
        { "every year", R57_DEADLINE_ANNUALLY }, { "hằng năm", R57_DEADLINE_ANNUALLY },
        { "hàng năm", R57_DEADLINE_ANNUALLY },   { "hang nam", R57_DEADLINE_ANNUALLY },
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(sc->s + p, forms[i].text) == 0) {
            *kind = forms[i].kind;
            return 1;
        }
    return 0;
}

/* Words before the deadline that only say "by" or "in". */
static int skip_lead(const scan *sc, int p)
{
    static const char *const lead[] = {
        "by the end of", "by end of", "the end of", "end of", "no later than",
        "not later than", "by", "before", "in the", "in", "within", "during", "the",
        "chậm nhất là", "chậm nhất", "trước ngày", "trước", "đến ngày", "đến", "trong",
        "vào", "ngày", "ngay",
    };
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
            if (word(sc, &p, lead[i])) {
                again = 1;
                break;
            }
    }
    return p;
}

int r57_deadline_parse(int *kind_out, r57_date *due_out, const char *text)
{
    scan sc;
    result r;
    int kind = R57_DEADLINE_NONE;
    r57_date due = R57_DATE_NONE;

    if (text && normalise(&sc, text) < 0)
        return r57__error_at(R57_EPARSE, 1, MAXLEN + 1, MAXLEN,
                             "deadline '%.40s...' is longer than %d bytes", text, MAXLEN);
    if (text && sc.n > 0) {
        memset(&r, 0, sizeof r);
        if (regular(&sc, 0, &kind)) {
            /* a regular task: no single due date */
        } else {
            int p = skip_lead(&sc, 0);
            if (at_end(&sc, p))
                return fail_at(&sc, 0, NULL);
            if (!numeric(&sc, p, &r) && !vietnamese(&sc, p, &r) &&
                !english_quarter(&sc, p, &r) && !english_date(&sc, p, &r))
                return fail_at(&sc, p, NULL);
            int ret = resolve(&sc, &r, &due);
            if (ret < 0)
                return ret;
            kind = r.kind;
        }
    }
    if (kind_out)
        *kind_out = kind;
    if (due_out)
        *due_out = due;
    return R57_OK;
}

int r57_deadline_instance(r57_date *start_out, r57_date *due_out, int kind, r57_date at)
{
    int y, m, d, first, last;
    if (!r57_deadline_kind_is_regular(kind))
        return r57__error(R57_EINVAL, "r57_deadline_instance: kind %d is not a regular deadline",
                          kind);
    if (at == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_deadline_instance: no date");
    r57__date_to_ymd(at, &y, &m, &d);
    switch (kind) {
    case R57_DEADLINE_MONTHLY: first = last = m; break;
    case R57_DEADLINE_QUARTERLY: first = (m - 1) / 3 * 3 + 1; last = first + 2; break;
    default: first = 1; last = 12; break;
    }
    if (start_out)
        *start_out = r57__date_from_ymd(y, first, 1);
    if (due_out)
        *due_out = r57__date_from_ymd(y, last, r57__days_in_month(y, last));
    return R57_OK;
}
