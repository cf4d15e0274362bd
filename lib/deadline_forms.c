/*
 * Deadlines: the forms of a date, month, quarter, half or year, in English
 * and Vietnamese (deadline_forms.h, docs/deadlines.md).  Each form ends
 * with its four-digit year.
 */
#include "deadline_forms.h"

/* ---- the forms --------------------------------------------------------- */

/*
 * Every form ends with its year: exactly four digits.  Two mistakes are
 * common enough to name rather than answer "not a date": no year at all
 * ("by 20 October") and a short year ("20/10/25").  Returns 0 when what
 * follows is neither a year nor one of those mistakes.
 */
static int year_slot(const scan *sc, int *p, form *f)
{
    int k = 0, y = 0;
    f->at_year = *p;
    while (is_digit(sc->s[*p + k])) {
        if (k < 4)
            y = y * 10 + (sc->s[*p + k] - '0');
        k++;
    }
    if (k == 4)
        f->year = y;
    else if (k > 0) {
        f->year_state = YEAR_DIGITS;
        f->year_len = k;
    } else if (at_end(sc, *p))
        f->year_state = YEAR_MISSING;
    else
        return 0;
    *p += k;
    return 1;
}

static const char *const month_names[] = { "january",   "february", "march",    "april",
                                           "may",       "june",     "july",     "august",
                                           "september", "october",  "november", "december" };
static const char *const month_titles[] = { "January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December" };

/* An English month: its name, its first three letters, or "sept"; an
 * abbreviation may end with a full stop ("Oct."). */
static int month_word(const scan *sc, int *p, int *month)
{
    for (int m = 0; m < 12; m++) {
        char abbr[4];
        memcpy(abbr, month_names[m], 3);
        abbr[3] = '\0';
        if (word(sc, p, month_names[m])) {
            *month = m + 1;
            return 1;
        }
        if (word(sc, p, abbr) || (m == 8 && word(sc, p, "sept"))) {
            punct(sc, p, '.');
            *month = m + 1;
            return 1;
        }
    }
    return 0;
}

/* "st", "nd", "rd" or "th" right after a day number ("20th"). */
static void day_suffix(const scan *sc, int *p)
{
    static const char *const sfx[] = { "st", "nd", "rd", "th" };
    for (int i = 0; i < 4; i++)
        if (word(sc, p, sfx[i]))
            return;
}

/* Numeric forms: 2025-10-20, 2025-10, 2026, 2026q1, 2026-q1, 2026h1 (year first);
 * 20/10/2025, 20-10-2025, 20.10.2025 (day first, one separator throughout)
 * and 10/2025. */
static int numeric(const scan *sc, int p, form *f)
{
    int q = p, a, b, c;
    int na = number(sc, &q, 4, &a);
    if (na == 4) {
        /* Year first: read as much as is there; what follows a shorter
         * form is reported as trailing text. */
        int end = q, r = q;
        f->kind = R57_DEADLINE_YEAR;
        f->year = a;
        f->at_year = p;
        if (sc->s[r] == '-')
            r++;
        if ((sc->s[r] == 'q' || sc->s[r] == 'h') && is_digit(sc->s[r + 1])) {
            int half = sc->s[r++] == 'h';
            if (number(sc, &r, 2, &c)) {
                f->kind = half ? R57_DEADLINE_HALF : R57_DEADLINE_QUARTER;
                *(half ? &f->half : &f->quarter) = c;
                *(half ? &f->at_half : &f->at_quarter) = end + (sc->s[end] == '-') + 1;
                return r;
            }
            return end;
        }
        r = q + 1;
        if (sc->s[q] == '-' && number(sc, &r, 2, &b)) {
            f->kind = R57_DEADLINE_MONTH;
            f->month = b;
            f->at_month = q + 1;
            end = r;
            q = r + 1;
            if (sc->s[r] == '-' && number(sc, &q, 2, &c)) {
                f->kind = R57_DEADLINE_DAY;
                f->day = c;
                f->at_day = r + 1;
                end = q;
            }
        }
        return end;
    }
    if (na == 0 || na > 2)
        return -1;
    char sep = sc->s[q];
    if (sep != '/' && sep != '-' && sep != '.')
        return -1;
    int at_b = ++q;
    int nb = number(sc, &q, 4, &b);
    if (nb == 4 && sep == '/') { /* 10/2025 */
        f->kind = R57_DEADLINE_MONTH;
        f->month = a;
        f->at_month = p;
        f->year = b;
        f->at_year = at_b;
        return q;
    }
    if (nb == 0 || nb > 2 || sc->s[q] != sep)
        return -1;
    q++;
    f->kind = R57_DEADLINE_DAY;
    f->day = a;
    f->at_day = p;
    f->month = b;
    f->at_month = at_b;
    return year_slot(sc, &q, f) ? q : -1;
}

/* "20 October 2025", "the 20th of Oct. 2025", "October 20, 2025",
 * "October 2025", "October, 2025", "October of 2025". */
static int english_date(const scan *sc, int p, form *f)
{
    int q = p, d, m;
    word(sc, &q, "the");
    int at_day = q;
    if (number(sc, &q, 2, &d)) {
        day_suffix(sc, &q);
        skip_space(sc, &q);
        word(sc, &q, "of");
        f->at_month = q;
        if (!month_word(sc, &q, &m))
            return -1;
        punct(sc, &q, ',');
        f->kind = R57_DEADLINE_DAY;
        f->day = d;
        f->at_day = at_day;
        f->month = m;
        return year_slot(sc, &q, f) ? q : -1;
    }
    q = p;
    if (!month_word(sc, &q, &m))
        return -1;
    f->month = m;
    f->at_month = p;
    int r = q;
    if (number(sc, &r, 2, &d)) {
        f->kind = R57_DEADLINE_DAY;
        f->day = d;
        f->at_day = q;
        day_suffix(sc, &r);
        if (!punct(sc, &r, ','))
            skip_space(sc, &r);
        return year_slot(sc, &r, f) ? r : -1;
    }
    punct(sc, &q, ',');
    word(sc, &q, "of");
    f->kind = R57_DEADLINE_MONTH;
    return year_slot(sc, &q, f) ? q : -1;
}

static int roman(const scan *sc, int *p, int *val);

/* "Q1 2026", "Q1/2026", "[the] first quarter [of] 2026", "1st quarter of
 * 2026", "quarter 1 [of] 2026", "Quarter IV of 2025". */
static int english_quarter(const scan *sc, int p, form *f)
{
    static const char *const ordinals[][2] = {
        { "first", "1st" }, { "second", "2nd" }, { "third", "3rd" }, { "fourth", "4th" }
    };
    int q = p, n = 0;
    if (sc->s[q] == 'q' && is_digit(sc->s[q + 1])) {
        f->at_quarter = ++q;
        if (!number(sc, &q, 2, &n))
            return -1;
        if (!punct(sc, &q, '/'))
            skip_space(sc, &q);
    } else {
        word(sc, &q, "the");
        f->at_quarter = q;
        for (int i = 0; i < 4 && !n; i++)
            if (word(sc, &q, ordinals[i][0]) || word(sc, &q, ordinals[i][1]))
                n = i + 1;
        if (n) {
            if (!word(sc, &q, "quarter"))
                return -1;
        } else if (word(sc, &q, "quarter")) {
            /* "Quarter 4 of 2025", "Quarter IV of 2025", "Quarter 4, 2025":
             * the official translations' form. */
            f->at_quarter = q;
            if (!number(sc, &q, 2, &n) && !roman(sc, &q, &n))
                return -1;
            skip_space(sc, &q);
            punct(sc, &q, ',');
        } else {
            return -1;
        }
        word(sc, &q, "of");
    }
    f->kind = R57_DEADLINE_QUARTER;
    f->quarter = n;
    return year_slot(sc, &q, f) ? q : -1;
}

/* A quarter in Roman numerals, as Vietnamese documents write it.  "v" is
 * read so that "quý V" gets "quarter 5 is not 1-4". */
static int roman(const scan *sc, int *p, int *val)
{
    static const char *const numerals[] = { "i", "ii", "iii", "iv", "v" };
    for (int i = 0; i < 5; i++)
        if (word(sc, p, numerals[i])) {
            *val = i + 1;
            return 1;
        }
    return 0;
}

/* Vietnamese: "tháng 10/2025", "tháng 10 năm 2025", "quý I/2026",
 * "quý 1 năm 2026", "năm 2026", "20 tháng 10 năm 2025" (after "ngày").
 * The text is bare here (r57__deadline_normalise()): "thang" is "tháng" and "Tháng". */
static int vietnamese(const scan *sc, int p, form *f)
{
    int q = p, v;
    if (number(sc, &q, 2, &v)) { /* 20 tháng 10 năm 2025 */
        skip_space(sc, &q);
        if (!word(sc, &q, "thang"))
            return -1;
        f->kind = R57_DEADLINE_DAY;
        f->day = v;
        f->at_day = p;
        f->at_month = q;
        if (!number(sc, &q, 2, &f->month))
            return -1;
    } else if (word(sc, &q, "thang")) {
        f->kind = R57_DEADLINE_MONTH;
        f->at_month = q;
        if (!number(sc, &q, 2, &f->month))
            return -1;
    } else if (word(sc, &q, "quy")) {
        f->kind = R57_DEADLINE_QUARTER;
        f->at_quarter = q;
        if (!number(sc, &q, 2, &f->quarter) && !roman(sc, &q, &f->quarter))
            return -1;
    } else if (word(sc, &q, "nam")) {
        f->kind = R57_DEADLINE_YEAR;
        return year_slot(sc, &q, f) ? q : -1;
    } else {
        return -1;
    }
    /* The year after the month or quarter: "/2025" or "năm 2025". */
    int r = q;
    skip_space(sc, &r);
    if (punct(sc, &r, '/') || word(sc, &r, "nam"))
        return year_slot(sc, &r, f) ? r : -1;
    if (at_end(sc, r)) {
        f->at_year = r;
        f->year_state = YEAR_MISSING;
        return r;
    }
    return -1;
}

/* "6 tháng" or "sáu tháng": six months. */
int r57__deadline_six_months(const scan *sc, int *p)
{
    int q = *p, six;
    if (number(sc, &q, 1, &six) && six == 6) {
        skip_space(sc, &q);
        if (word(sc, &q, "thang")) {
            *p = q;
            return 1;
        }
        return 0;
    }
    return word(sc, p, "sau thang");
}

/* Half-years: "H1 2026", "H2/2026", "[the] first half [of] 2026", "2nd half
 * of 2026"; in Vietnamese "6 tháng đầu năm 2026" (the first six months),
 * "sáu tháng cuối năm 2026", "nửa đầu năm 2026".  ("2026H1" is numeric().)
 * Only six months make a half: "9 tháng đầu năm" is not read. */
static int half_year(const scan *sc, int p, form *f)
{
    int q = p, n = 0;
    if (sc->s[q] == 'h' && is_digit(sc->s[q + 1])) {
        f->at_half = ++q;
        if (!number(sc, &q, 2, &n))
            return -1;
        if (!punct(sc, &q, '/'))
            skip_space(sc, &q);
    } else if (r57__deadline_six_months(sc, &q) || word(sc, &q, "nua")) {
        /* "đầu" (first) or "cuối" (last) half of "năm" (the year). */
        f->at_half = q;
        if (word(sc, &q, "dau"))
            n = 1;
        else if (word(sc, &q, "cuoi"))
            n = 2;
        else
            return -1;
        if (!word(sc, &q, "nam"))
            return -1;
    } else {
        q = p;
        word(sc, &q, "the");
        f->at_half = q;
        if (word(sc, &q, "first") || word(sc, &q, "1st"))
            n = 1;
        else if (word(sc, &q, "second") || word(sc, &q, "2nd"))
            n = 2;
        else
            return -1;
        if (!word(sc, &q, "half"))
            return -1;
        word(sc, &q, "of");
    }
    f->kind = R57_DEADLINE_HALF;
    f->half = n;
    return year_slot(sc, &q, f) ? q : -1;
}

/* The forms, each tried at the same place. */
static int (*const forms[])(const scan *, int, form *) = {
    numeric, vietnamese, english_quarter, english_date, half_year,
};
#define NFORMS (sizeof forms / sizeof forms[0])

int r57__deadline_form_longest(const scan *sc, int start, form *best)
{
    int best_end = -1;
    memset(best, 0, sizeof *best);
    for (size_t i = 0; i < NFORMS; i++) {
        form f;
        memset(&f, 0, sizeof f);
        int end = forms[i](sc, start, &f);
        if (end > best_end) {
            *best = f;
            best_end = end;
        }
    }
    return best_end;
}

/* Checks the parts of a form and computes its due date. */
int r57__deadline_form_check(const scan *sc, const form *f, r57_date *due)
{
    int len;
    const char *text;
    switch (f->year_state) {
    case YEAR_MISSING: return r57__deadline_fail(sc, f->at_year, "the year is missing");
    case YEAR_DIGITS:
        text = r57__deadline_orig_span(sc, f->at_year, f->at_year + f->year_len, &len);
        return r57__deadline_fail(sc, f->at_year, "year %.*s is not written with four digits", len,
                                  text);
    }
    if (f->year < 1900 || f->year > 2200)
        return r57__deadline_fail(sc, f->at_year, "year %d is outside 1900-2200", f->year);
    switch (f->kind) {
    case R57_DEADLINE_DAY:
    case R57_DEADLINE_MONTH:
        if (f->month < 1 || f->month > 12)
            return r57__deadline_fail(sc, f->at_month, "month %d is not 1-12", f->month);
        if (f->kind == R57_DEADLINE_MONTH) {
            *due = r57__date_from_ymd(f->year, f->month, r57__days_in_month(f->year, f->month));
            return R57_OK;
        }
        if (f->day < 1 || f->day > r57__days_in_month(f->year, f->month))
            return r57__deadline_fail(sc, f->at_day, "day %d does not exist in %s %d", f->day,
                                      month_titles[f->month - 1], f->year);
        *due = r57__date_from_ymd(f->year, f->month, f->day);
        return R57_OK;
    case R57_DEADLINE_HALF:
        if (f->half < 1 || f->half > 2)
            return r57__deadline_fail(sc, f->at_half, "half %d is not 1-2", f->half);
        *due = r57__date_from_ymd(f->year, f->half * 6, f->half == 1 ? 30 : 31);
        return R57_OK;
    case R57_DEADLINE_QUARTER:
        if (f->quarter < 1 || f->quarter > 4)
            return r57__deadline_fail(sc, f->at_quarter, "quarter %d is not 1-4", f->quarter);
        *due = r57__date_from_ymd(f->year, f->quarter * 3,
                                  r57__days_in_month(f->year, f->quarter * 3));
        return R57_OK;
    default: /* a year */ *due = r57__date_from_ymd(f->year, 12, 31); return R57_OK;
    }
}
