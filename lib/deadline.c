/*
 * Deadlines as people write them (docs/deadlines.md).
 *
 * Hand-written on purpose: the grammar is small and closed, and neither a
 * regex library nor a parser generator would make it clearer, while both
 * would make the error positions and messages harder to get right.
 *
 * How it reads a deadline:
 *   1. normalise(): ASCII and Vietnamese capitals to lower case, runs of
 *      blanks (non-breaking space too) to one space, a trailing full stop
 *      dropped.  A map keeps, for every byte, where it came from, so that
 *      errors point into the text the caller wrote.
 *   2. A regular phrase ("monthly", "hằng tháng") must stand alone.
 *   3. Otherwise up to one word of each lead slot, in this order: a limit
 *      ("by", "before", "trước", …), a scope ("in", "trong", …), an end
 *      ("end of", "cuối", …) and the Vietnamese "ngày" (day).
 *   4. Every form is tried at that point and the one that reads furthest
 *      wins; each form ends with its four-digit year.
 *   5. Then the checks, roughly left to right: the leads fit the form
 *      ("before" needs a day), the year, month, day and quarter exist, and
 *      nothing follows the form.
 * Each failure names the text as written and where the problem starts.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* The normalised text lives in a fixed buffer: no allocation, and nothing
 * this long is a deadline anyway. */
#define MAXLEN 200
/* How much of an over-long text the message quotes. */
#define QUOTE_MAX 40

static const char *const kind_names[] = { "none",  "day",     "month",     "quarter",
                                          "year",  "monthly", "quarterly", "annually" };

const char *r57_deadline_kind_name(int kind)
{
    return kind >= R57_DEADLINE_NONE && kind <= R57_DEADLINE_ANNUALLY ? kind_names[kind] : NULL;
}

int r57_deadline_kind_is_regular(int kind)
{
    return kind >= R57_DEADLINE_MONTHLY && kind <= R57_DEADLINE_ANNUALLY;
}

/* ---- normalising ----------------------------------------------------- */

typedef struct scan {
    const char *orig;         /* the caller's text */
    char s[MAXLEN + 1];       /* normalised, NUL-terminated */
    int map[MAXLEN + 1];      /* s[i] came from orig[map[i]]; map[n] is the end */
    int n;                    /* length of s */
    int blank;                /* the text held nothing but blanks */
} scan;

/* Length of the blank at t: an ASCII blank or U+00A0 (no-break space,
 * which word processors put between a day and its month); 0 if none. */
static int blank_len(const unsigned char *t)
{
    if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' || *t == '\v' || *t == '\f')
        return 1;
    return t[0] == 0xC2 && t[1] == 0xA0 ? 2 : 0;
}

/*
 * Lower-cases a Vietnamese capital letter at t (UTF-8, NFC) into out and
 * returns its length in bytes (the lower-case letter has the same length),
 * or 0 if t does not start with one.  So "QUÝ IV/2025" and "Tháng" compare
 * with the keywords byte for byte.  Only the letters Vietnamese uses: no
 * Unicode tables needed.
 */
static int vn_lower(const unsigned char *t, unsigned char *out)
{
    unsigned cp, lc;
    int len;
    if (t[0] >= 0xC2 && t[0] <= 0xDF && (t[1] & 0xC0) == 0x80) {
        cp = (t[0] & 0x1Fu) << 6 | (t[1] & 0x3Fu);
        len = 2;
    } else if (t[0] == 0xE1 && (t[1] & 0xC0) == 0x80 && (t[2] & 0xC0) == 0x80) {
        cp = 0x1000u | (t[1] & 0x3Fu) << 6 | (t[2] & 0x3Fu);
        len = 3;
    } else {
        return 0;
    }
    if (cp >= 0xC0 && cp <= 0xDD && cp != 0xD7)
        lc = cp + 0x20; /* À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý (Latin-1) */
    else if (cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168 || cp == 0x1A0)
        lc = cp + 1; /* Ă Đ Ĩ Ũ Ơ */
    else if (cp == 0x1AF)
        lc = 0x1B0; /* Ư */
    else if (cp >= 0x1EA0 && cp <= 0x1EF8 && cp % 2 == 0)
        lc = cp + 1; /* Ạ … Ỹ: capitals even, small letters odd */
    else
        return 0;
    if (len == 2) {
        out[0] = (unsigned char)(0xC0 | lc >> 6);
        out[1] = (unsigned char)(0x80 | (lc & 0x3F));
    } else {
        out[0] = 0xE1;
        out[1] = (unsigned char)(0x80 | (lc >> 6 & 0x3F));
        out[2] = (unsigned char)(0x80 | (lc & 0x3F));
    }
    return len;
}

/* Fills sc from text.  Returns -1, or the offset in text where the
 * normalised form grew past MAXLEN. */
static long normalise(scan *sc, const char *text)
{
    const unsigned char *t = (const unsigned char *)text;
    int n = 0, space_at = -1;
    sc->orig = text;
    for (int i = 0; t[i];) {
        unsigned char low[3];
        int len = blank_len(t + i);
        if (len) {
            /* Blanks before the first word are dropped, a run inside
             * becomes one space, and trailing ones are never emitted. */
            if (n > 0 && space_at < 0)
                space_at = i;
            i += len;
            continue;
        }
        if (!(len = vn_lower(t + i, low))) {
            low[0] = (unsigned char)r57__lower(t[i]);
            len = 1;
        }
        if (n + (space_at >= 0) + len > MAXLEN)
            return i;
        if (space_at >= 0) {
            sc->map[n] = space_at;
            sc->s[n++] = ' ';
            space_at = -1;
        }
        for (int k = 0; k < len; k++) {
            sc->map[n] = i + k;
            sc->s[n++] = (char)low[k];
        }
        i += len;
    }
    sc->blank = n == 0;
    /* A full stop ends the sentence the deadline was cut from. */
    if (n > 0 && sc->s[n - 1] == '.')
        n--;
    if (n > 0 && sc->s[n - 1] == ' ')
        n--;
    sc->s[n] = '\0';
    sc->map[n] = n > 0 ? sc->map[n - 1] + 1 : 0;
    sc->n = n;
    return -1;
}

/* ---- tokens ------------------------------------------------------------
 * Positions are indexes into sc->s.  A reader that matches moves *p past
 * what it read and returns non-zero; one that does not leaves *p alone. */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Letters for word boundaries: ASCII letters and any byte of UTF-8. */
static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
}

static int at_end(const scan *sc, int p) { return p >= sc->n; }

static void skip_space(const scan *sc, int *p)
{
    if (sc->s[*p] == ' ')
        (*p)++;
}

/* The word or phrase w (lower case, single spaces) ending at a word
 * boundary, and the space after it. */
static int word(const scan *sc, int *p, const char *w)
{
    size_t len = strlen(w);
    if (strncmp(sc->s + *p, w, len) != 0)
        return 0;
    char next = sc->s[*p + (int)len];
    if (is_letter(next) || is_digit(next))
        return 0;
    *p += (int)len;
    skip_space(sc, p);
    return 1;
}

/* The character c and the space after it. */
static int punct(const scan *sc, int *p, char c)
{
    if (sc->s[*p] != c)
        return 0;
    (*p)++;
    skip_space(sc, p);
    return 1;
}

/* A run of 1 to max digits that another digit does not follow (so "2025"
 * is never read as the day "20").  Returns the number of digits. */
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

/* ---- the forms --------------------------------------------------------- */

enum { YEAR_OK, YEAR_MISSING, YEAR_DIGITS };

/* What a form read, and where each part starts (for the messages). */
typedef struct form {
    int kind;
    int year, month, day, quarter;
    int at_year, at_month, at_day, at_quarter;
    int year_state;  /* YEAR_OK, or a mistake worth its own message */
    int year_len;    /* digits of a YEAR_DIGITS year */
} form;

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

static const char *const month_names[] = { "january", "february", "march",     "april",
                                           "may",     "june",     "july",      "august",
                                           "september", "october", "november", "december" };
static const char *const month_titles[] = { "January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December" };

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

/* Numeric forms: 2025-10-20, 2025-10, 2026, 2026q1, 2026-q1 (year first);
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
        if (sc->s[r] == 'q' && is_digit(sc->s[r + 1])) {
            r++;
            f->at_quarter = r;
            if (number(sc, &r, 2, &c)) {
                f->kind = R57_DEADLINE_QUARTER;
                f->quarter = c;
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

/* "Q1 2026", "Q1/2026", "[the] first quarter [of] 2026", "1st quarter of
 * 2026", "quarter 1 [of] 2026". */
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
            f->at_quarter = q;
            if (!number(sc, &q, 2, &n))
                return -1;
            skip_space(sc, &q);
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
 * "quý 1 năm 2026", "năm 2026", "20 tháng 10 năm 2025" (after "ngày"). */
static int vietnamese(const scan *sc, int p, form *f)
{
    int q = p, v;
    if (number(sc, &q, 2, &v)) { /* 20 tháng 10 năm 2025 */
        skip_space(sc, &q);
        if (!word(sc, &q, "tháng") && !word(sc, &q, "thang"))
            return -1;
        f->kind = R57_DEADLINE_DAY;
        f->day = v;
        f->at_day = p;
        f->at_month = q;
        if (!number(sc, &q, 2, &f->month))
            return -1;
    } else if (word(sc, &q, "tháng") || word(sc, &q, "thang")) {
        f->kind = R57_DEADLINE_MONTH;
        f->at_month = q;
        if (!number(sc, &q, 2, &f->month))
            return -1;
    } else if (word(sc, &q, "quý") || word(sc, &q, "quy")) {
        f->kind = R57_DEADLINE_QUARTER;
        f->at_quarter = q;
        if (!number(sc, &q, 2, &f->quarter) && !roman(sc, &q, &f->quarter))
            return -1;
    } else if (word(sc, &q, "năm") || word(sc, &q, "nam")) {
        f->kind = R57_DEADLINE_YEAR;
        return year_slot(sc, &q, f) ? q : -1;
    } else {
        return -1;
    }
    /* The year after the month or quarter: "/2025" or "năm 2025". */
    int r = q;
    skip_space(sc, &r);
    if (punct(sc, &r, '/') || word(sc, &r, "năm") || word(sc, &r, "nam"))
        return year_slot(sc, &r, f) ? r : -1;
    if (at_end(sc, r)) {
        f->at_year = r;
        f->year_state = YEAR_MISSING;
        return r;
    }
    return -1;
}

/* Regular (recurring) deadlines: the phrase alone, nothing else.  Returns
 * where the phrase ends, or -1. */
static int regular(const scan *sc, int *kind)
{
    static const struct {
        const char *text;
        int kind;
    } english[] = {
        { "monthly", R57_DEADLINE_MONTHLY },     { "every month", R57_DEADLINE_MONTHLY },
        { "quarterly", R57_DEADLINE_QUARTERLY }, { "every quarter", R57_DEADLINE_QUARTERLY },
        { "annually", R57_DEADLINE_ANNUALLY },   { "yearly", R57_DEADLINE_ANNUALLY },
        { "every year", R57_DEADLINE_ANNUALLY },
    }, periods[] = {
        /* after "hằng", "hàng" or "hang" (every) */
        { "tháng", R57_DEADLINE_MONTHLY },   { "thang", R57_DEADLINE_MONTHLY },
        { "quý", R57_DEADLINE_QUARTERLY },   { "quy", R57_DEADLINE_QUARTERLY },
        { "năm", R57_DEADLINE_ANNUALLY },    { "nam", R57_DEADLINE_ANNUALLY },
    };
    int p = 0;
    for (size_t i = 0; i < sizeof english / sizeof english[0]; i++)
        if (word(sc, &p, english[i].text)) {
            *kind = english[i].kind;
            return p;
        }
    if (word(sc, &p, "hằng") || word(sc, &p, "hàng") || word(sc, &p, "hang"))
        for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++)
            if (word(sc, &p, periods[i].text)) {
                *kind = periods[i].kind;
                return p;
            }
    return -1;
}

/* ---- leads --------------------------------------------------------------
 * Words before the form that say "by" or "in".  Most fit any form; some
 * fit only a day or only a period: "before October 2025" could mean 30
 * September as well as 31 October, and "end of 20 October" means nothing,
 * so those are refused rather than guessed. */

enum { FITS_DAY = 1, FITS_PERIOD = 2, FITS_ANY = 3 };

typedef struct lead {
    const char *text;
    int fits;
} lead;

static const lead limit_leads[] = {
    { "no later than", FITS_ANY }, { "not later than", FITS_ANY }, { "by", FITS_ANY },
    { "before", FITS_DAY },        { "trước", FITS_DAY },          { "truoc", FITS_DAY },
    { "chậm nhất là", FITS_ANY },  { "chậm nhất", FITS_ANY },      { "cham nhat la", FITS_ANY },
    { "cham nhat", FITS_ANY },     { "đến", FITS_ANY },            { "den", FITS_ANY },
    { NULL, 0 },
};
static const lead scope_leads[] = {
    { "in", FITS_ANY },    { "within", FITS_ANY }, { "during", FITS_ANY }, { "on", FITS_DAY },
    { "trong", FITS_ANY }, { "vào", FITS_ANY },    { "vao", FITS_ANY },    { NULL, 0 },
};
static const lead end_leads[] = {
    { "the end of", FITS_PERIOD }, { "end of", FITS_PERIOD }, { "cuối", FITS_PERIOD },
    { "cuoi", FITS_PERIOD },       { "hết", FITS_PERIOD },    { "het", FITS_PERIOD },
    { NULL, 0 },
};
static const lead day_leads[] = { { "ngày", FITS_DAY }, { "ngay", FITS_DAY }, { NULL, 0 } };

/* The slots in reading order; check_leads() knows the end slot is [2]. */
static const lead *const lead_slots[] = { limit_leads, scope_leads, end_leads, day_leads };
#define NSLOTS (sizeof lead_slots / sizeof lead_slots[0])

typedef struct used_lead {
    const lead *lead; /* NULL: the slot is empty */
    int at, len;      /* where in sc->s */
} used_lead;

/* Reads at most one lead of each slot, in order; returns where the form
 * starts. */
static int read_leads(const scan *sc, used_lead used[NSLOTS])
{
    int p = 0;
    for (size_t i = 0; i < NSLOTS; i++) {
        used[i].lead = NULL;
        for (const lead *l = lead_slots[i]; l->text; l++) {
            int at = p;
            if (word(sc, &p, l->text)) {
                used[i] = (used_lead){ l, at, (int)strlen(l->text) };
                break;
            }
        }
    }
    return p;
}

/* ---- errors ---------------------------------------------------------- */

/* The original text behind s[from..to): pointer and length, for %.*s. */
static const char *orig_span(const scan *sc, int from, int to, int *len)
{
    *len = to > from ? sc->map[to - 1] + 1 - sc->map[from] : 0;
    return sc->orig + sc->map[from];
}

/* A parse error at s[pos] reading "deadline '<text>': <detail>". */
static int fail(const scan *sc, int pos, const char *fmt, ...) R57__PRINTF(3, 4);
static int fail(const scan *sc, int pos, const char *fmt, ...)
{
    char detail[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    int off = sc->map[pos];
    return r57__error_at(R57_EPARSE, 1, off + 1, off, "deadline '%s': %s", sc->orig, detail);
}

/* Nothing recognised at s[pos]. */
static int not_a_deadline(const scan *sc, int pos)
{
    int off = sc->map[pos];
    return r57__error_at(R57_EPARSE, 1, off + 1, off,
                         "deadline '%s' is not a date, month, quarter or year", sc->orig);
}

/* A whole form was read from s[from] to s[end], but more text follows. */
static int trailing(const scan *sc, int from, int end)
{
    int rec_end = end, rest = end, n1, n2;
    if (rec_end > from && sc->s[rec_end - 1] == ' ')
        rec_end--;
    skip_space(sc, &rest);
    const char *rec = orig_span(sc, from, rec_end, &n1);
    const char *more = orig_span(sc, rest, sc->n, &n2);
    return fail(sc, rest, "unexpected '%.*s' after '%.*s'", n2, more, n1, rec);
}

/* ---- checking and resolving ------------------------------------------- */

static int check_leads(const scan *sc, const used_lead used[NSLOTS], int kind)
{
    int need = kind == R57_DEADLINE_DAY ? FITS_DAY : FITS_PERIOD;
    for (size_t i = 0; i < NSLOTS; i++) {
        int len;
        const char *text;
        if (!used[i].lead || (used[i].lead->fits & need))
            continue;
        /* "before the end of 2026": the end of a period is a moment, and
         * "before" a moment is as clear as "before" a day. */
        if (used[i].lead->fits == FITS_DAY && i == 0 && used[2].lead)
            continue;
        text = orig_span(sc, used[i].at, used[i].at + used[i].len, &len);
        if (need == FITS_DAY)
            return fail(sc, used[i].at, "'%.*s' needs a month, quarter or year, not a day", len,
                        text);
        return fail(sc, used[i].at, "'%.*s' needs a day, not a %s", len, text,
                    r57_deadline_kind_name(kind));
    }
    return R57_OK;
}

/* Checks the parts of a form and computes its due date. */
static int resolve(const scan *sc, const form *f, r57_date *due)
{
    int len;
    const char *text;
    switch (f->year_state) {
    case YEAR_MISSING:
        return fail(sc, f->at_year, "the year is missing");
    case YEAR_DIGITS:
        text = orig_span(sc, f->at_year, f->at_year + f->year_len, &len);
        return fail(sc, f->at_year, "year %.*s is not written with four digits", len, text);
    }
    if (f->year < 1900 || f->year > 2200)
        return fail(sc, f->at_year, "year %d is outside 1900-2200", f->year);
    switch (f->kind) {
    case R57_DEADLINE_DAY:
    case R57_DEADLINE_MONTH:
        if (f->month < 1 || f->month > 12)
            return fail(sc, f->at_month, "month %d is not 1-12", f->month);
        if (f->kind == R57_DEADLINE_MONTH) {
            *due = r57__date_from_ymd(f->year, f->month, r57__days_in_month(f->year, f->month));
            return R57_OK;
        }
        if (f->day < 1 || f->day > r57__days_in_month(f->year, f->month))
            return fail(sc, f->at_day, "day %d does not exist in %s %d", f->day,
                        month_titles[f->month - 1], f->year);
        *due = r57__date_from_ymd(f->year, f->month, f->day);
        return R57_OK;
    case R57_DEADLINE_QUARTER:
        if (f->quarter < 1 || f->quarter > 4)
            return fail(sc, f->at_quarter, "quarter %d is not 1-4", f->quarter);
        *due = r57__date_from_ymd(f->year, f->quarter * 3,
                                  r57__days_in_month(f->year, f->quarter * 3));
        return R57_OK;
    default: /* a year */
        *due = r57__date_from_ymd(f->year, 12, 31);
        return R57_OK;
    }
}

/* Reads a text that is not blank. */
static int read_deadline(const scan *sc, int *kind, r57_date *due)
{
    static int (*const forms[])(const scan *, int, form *) = {
        numeric, vietnamese, english_quarter, english_date,
    };
    used_lead used[NSLOTS];
    form best;
    int ret, start, best_end = -1;

    int end = regular(sc, kind);
    if (end >= 0)
        return end == sc->n ? R57_OK : trailing(sc, 0, end);

    memset(&best, 0, sizeof best);
    start = read_leads(sc, used);
    /* The form that reads furthest wins ("October 20, 2025" is a day, not
     * the month October followed by text). */
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        form f;
        memset(&f, 0, sizeof f);
        end = forms[i](sc, start, &f);
        if (end > best_end) {
            best = f;
            best_end = end;
        }
    }
    if (best_end < 0)
        return not_a_deadline(sc, start);
    if ((ret = check_leads(sc, used, best.kind)) < 0 || (ret = resolve(sc, &best, due)) < 0)
        return ret;
    if (best_end < sc->n)
        return trailing(sc, start, best_end);
    *kind = best.kind;
    return R57_OK;
}

int r57_deadline_parse(int *kind_out, r57_date *due_out, const char *text)
{
    int kind = R57_DEADLINE_NONE;
    r57_date due = R57_DATE_NONE;
    if (text) {
        scan sc;
        long cut = normalise(&sc, text);
        if (cut >= 0) {
            /* Quote the start only, cut at a character boundary so the
             * message stays valid UTF-8 for the bindings. */
            int q = QUOTE_MAX;
            while (q > 0 && ((unsigned char)text[q] & 0xC0) == 0x80)
                q--;
            return r57__error_at(R57_EPARSE, 1, (int)cut + 1, cut,
                                 "deadline '%.*s...' is longer than %d bytes", q, text, MAXLEN);
        }
        if (!sc.blank) {
            int ret = sc.n == 0 ? not_a_deadline(&sc, 0) : read_deadline(&sc, &kind, &due);
            if (ret < 0)
                return ret;
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
    int y, m, first, last;
    if (!r57_deadline_kind_is_regular(kind))
        return r57__error(R57_EINVAL, "r57_deadline_instance: kind %d is not a regular deadline",
                          kind);
    if (at == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_deadline_instance: no date");
    r57__date_to_ymd(at, &y, &m, NULL);
    switch (kind) {
    case R57_DEADLINE_MONTHLY:
        first = last = m;
        break;
    case R57_DEADLINE_QUARTERLY:
        first = (m - 1) / 3 * 3 + 1;
        last = first + 2;
        break;
    default: /* annually: the calendar year */
        first = 1;
        last = 12;
        break;
    }
    if (start_out)
        *start_out = r57__date_from_ymd(y, first, 1);
    if (due_out)
        *due_out = r57__date_from_ymd(y, last, r57__days_in_month(y, last));
    return R57_OK;
}
