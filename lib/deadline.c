/*
 * Deadlines as people write them (docs/deadlines.md).
 *
 * Hand-written on purpose: the grammar is small and closed, and neither a
 * regex library nor a parser generator would make it clearer, while both
 * would make the error positions and messages harder to get right.
 *
 * How it reads a deadline:
 *   1. normalise(): Unicode folding by utf8proc (case, NFC/NFD, no
 *      diacritics, đ -> d), runs of blanks to one space, a trailing full
 *      stop dropped.  A map keeps, for every byte, the character it came
 *      from, so that errors point into the text the caller wrote.
 *   2. Phrases that are not dates, tried first: regular ("monthly",
 *      "định kỳ hằng tháng", "6 tháng một lần") and ongoing ("thường
 *      xuyên") must stand alone; a vague phrase that would read
 *      as an event ("when required"); an event ("after the Decree …").
 *   3. Otherwise up to one word of each lead slot, in this order: a limit
 *      ("by", "before", "trước", …), a scope ("in", "trong", …), an end
 *      ("end of", "cuối", …) and the Vietnamese "ngày" (day).
 *   4. Every form is tried at that point and the one that reads furthest
 *      wins; each form ends with its four-digit year.
 *   5. Then the checks, roughly left to right: the leads fit the form
 *      ("before" needs a day), the year, month, day, quarter and half
 *      exist, and nothing follows the form.
 *   6. No form at all: a text that names a time (a digit, a calendar word,
 *      names_a_time()) is refused; words that name none are vague.
 * Each failure names the text as written and where the problem starts.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* The normalised text lives in fixed buffers: no allocation, and nothing
 * this long is a deadline anyway.  MAXLEN bounds the text as folded with
 * its diacritics kept (what a reader would count); the bare form is at
 * most BARE_FACTOR times longer (a Hangul syllable, 3 bytes, decomposes
 * into three 3-byte jamo), so its buffer never decides the limit. */
#define MAXLEN 200
#define BARE_FACTOR 3
/* One character and its combining marks, decomposed.  A composed
 * character's canonical decomposition is at most 4 code points, so a
 * character that decomposes into more than 4 * (MAXLEN + 1) of them is
 * more than MAXLEN code points composed: too long in any case. */
#define SEG_MAX (4 * (MAXLEN + 1))
/* How much of an over-long text the message quotes. */
#define QUOTE_MAX 40

static const char *const kind_names[] = { "none",    "day",     "month",     "quarter",
                                          "year",    "monthly", "quarterly", "annually",
                                          "half",    "ongoing", "event",     "vague",
                                          "half_yearly", "range" };

const char *r57_deadline_kind_name(int kind)
{
    return kind >= R57_DEADLINE_NONE && kind <= R57_DEADLINE_RANGE ? kind_names[kind] : NULL;
}

/* lib/store.c's overdue query lists the same kinds (5, 6, 7, 12). */
int r57_deadline_kind_is_regular(int kind)
{
    return (kind >= R57_DEADLINE_MONTHLY && kind <= R57_DEADLINE_ANNUALLY) ||
           kind == R57_DEADLINE_HALF_YEARLY;
}

/* ---- normalising ----------------------------------------------------- */

typedef struct scan {
    const char *orig;                     /* the caller's text */
    char s[BARE_FACTOR * MAXLEN + 1];     /* bare: folded, no diacritics */
    int map[BARE_FACTOR * MAXLEN + 1];    /* s[i] came from orig[map[i]..end[i]) */
    int end[BARE_FACTOR * MAXLEN + 1];    /* map[n] is where the text ends */
    int n;                                /* length of s */
    char key[MAXLEN + 1];                 /* folded, NFC, diacritics kept */
    int nkey;
    int blank;                            /* the text held nothing but blanks */
} scan;

/* Blanks: ASCII white space and the Unicode spaces (the no-break space
 * U+00A0 that word processors put between a day and its month). */
static int is_blank_cp(utf8proc_int32_t c)
{
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static int is_mark_cp(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
           cat == UTF8PROC_CATEGORY_ME;
}

/* The code point at t[i], or -1 with *len 1 for a byte that is not
 * UTF-8 (kept as it is: the text is only ever compared, and the message
 * quotes the caller's bytes anyway). */
static utf8proc_int32_t next_cp(const unsigned char *t, int i, int *len)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t l = utf8proc_iterate(t + i, -1, &c);
    if (l <= 0) {
        *len = 1;
        return -1;
    }
    *len = (int)l;
    return c;
}

/* Appends cp's UTF-8 to buf (capacity cap) at *n; 0 if it does not fit. */
static int put_cp(char *buf, int cap, int *n, utf8proc_int32_t cp)
{
    utf8proc_uint8_t u[4];
    utf8proc_ssize_t l = utf8proc_encode_char(cp, u);
    if (*n + l > cap)
        return 0;
    memcpy(buf + *n, u, (size_t)l);
    *n += (int)l;
    return 1;
}

/*
 * Fills sc from text.  Returns -1, or the offset in text where the
 * normalised form grew past MAXLEN.
 *
 * The text is read one character at a time, a character being a code
 * point with the combining marks that follow it, so that each byte of the
 * normalised forms knows the character of the caller's text it came from
 * (errors point there).  Each character is folded by utf8proc, the
 * library every other comparison of text uses (lib/text.c): compatibility
 * forms, case folding, canonical order.  Two forms are kept:
 *   - bare (s): decomposed, marks dropped, đ -> d.  The grammar reads
 *     only this, so NFC, NFD, any case and text typed without diacritics
 *     read alike ("QUÝ", "quy\u0301", "Quy").
 *   - key: the same character composed again (NFC) with its marks, for
 *     the few words whose marks decide what they mean ("ngày" is "day",
 *     "ngay" is "at once"; see calendar_word()).
 */
static long normalise(scan *sc, const char *text)
{
    const unsigned char *t = (const unsigned char *)text;
    const int bare_cap = BARE_FACTOR * MAXLEN;
    int n = 0, nkey = 0, space_at = -1, space_len = 0;
    utf8proc_int32_t seg[SEG_MAX];
    sc->orig = text;
    for (int i = 0; t[i];) {
        int len, from = i;
        utf8proc_int32_t c = next_cp(t, i, &len);
        if (c >= 0 && is_blank_cp(c)) {
            /* Blanks before the first word are dropped, a run inside
             * becomes one space, and trailing ones are never emitted. */
            if (n > 0 && space_at < 0) {
                space_at = i;
                space_len = len;
            }
            i += len;
            continue;
        }
        i += len;
        utf8proc_ssize_t k = 0;
        if (c >= 0) {
            /* The character and its marks: one decomposition, so marks
             * typed in any order come out in canonical order. */
            int mlen;
            utf8proc_int32_t m;
            while (t[i] && (m = next_cp(t, i, &mlen)) >= 0 && is_mark_cp(m))
                i += mlen;
            k = utf8proc_decompose(t + from, i - from, seg, SEG_MAX,
                                   (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                       UTF8PROC_IGNORE | UTF8PROC_CASEFOLD |
                                                       UTF8PROC_DECOMPOSE));
            if (k > SEG_MAX)
                return from;
            if (k < 0) /* cannot happen for valid UTF-8; read it as a byte */
                c = -1;
        }
        if (k == 0 && c >= 0)
            continue; /* ignorable (soft hyphen, zero-width joiner) */
        int n0 = n, ok = 1;
        if (space_at >= 0) {
            if (n + 1 > bare_cap || nkey + 1 > MAXLEN)
                return from;
            sc->map[n] = space_at;
            sc->end[n] = space_at + space_len;
            sc->s[n++] = ' ';
            sc->key[nkey++] = ' ';
            space_at = -1;
            n0 = n;
        }
        if (c < 0) {
            ok = n < bare_cap && nkey < MAXLEN;
            if (ok) {
                sc->s[n++] = (char)t[from];
                sc->key[nkey++] = (char)t[from];
            }
        } else {
            for (utf8proc_ssize_t j = 0; j < k && ok; j++)
                if (!is_mark_cp(seg[j]))
                    ok = put_cp(sc->s, bare_cap, &n, seg[j] == 0x111 ? 'd' : seg[j]);
            k = utf8proc_normalize_utf32(seg, k,
                                         (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
            for (utf8proc_ssize_t j = 0; j < k && ok; j++)
                ok = put_cp(sc->key, MAXLEN, &nkey, seg[j]);
        }
        if (!ok)
            return from;
        for (int j = n0; j < n; j++) {
            sc->map[j] = from;
            sc->end[j] = i;
        }
    }
    sc->blank = n == 0;
    /* A full stop ends the sentence the deadline was cut from. */
    if (n > 0 && sc->s[n - 1] == '.')
        n--;
    if (n > 0 && sc->s[n - 1] == ' ')
        n--;
    if (nkey > 0 && sc->key[nkey - 1] == '.')
        nkey--;
    if (nkey > 0 && sc->key[nkey - 1] == ' ')
        nkey--;
    sc->s[n] = '\0';
    sc->key[nkey] = '\0';
    sc->map[n] = n > 0 ? sc->end[n - 1] : 0;
    sc->end[n] = sc->map[n];
    sc->n = n;
    sc->nkey = nkey;
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
    int year, month, day, quarter, half;
    int at_year, at_month, at_day, at_quarter, at_half;
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
 * The text is bare here (normalise()): "thang" is "tháng" and "Tháng". */
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
static int six_months(const scan *sc, int *p)
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
    } else if (six_months(sc, &q) || word(sc, &q, "nua")) {
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

/* ---- phrases that are not a date ----------------------------------------
 * All read on the bare text, so "thường xuyên", "THUONG XUYEN" and its NFD
 * form are one phrase. */

typedef struct phrase {
    const char *text;
    int kind;
} phrase;

/* The phrase of list that the text starts with, its kind in *kind; returns
 * where it ends, or -1.  Longer phrases come first in the lists. */
static int phrase_at(const scan *sc, int p, const phrase *list, int *kind)
{
    for (; list->text; list++) {
        int q = p;
        if (word(sc, &q, list->text)) {
            *kind = list->kind;
            return q;
        }
    }
    return -1;
}

/* Regular (recurring) deadlines: the phrase alone, nothing else.  Returns
 * where the phrase ends, or -1.  A phrase that names what is done as well
 * ("monthly report", "báo cáo định kỳ hằng tháng") is not one: the task
 * goes in the task, the period in the deadline. */
static int regular_at(const scan *sc, int start, int *kind);

static int regular(const scan *sc, int *kind)
{
    return regular_at(sc, 0, kind);
}

/* The same, read from s[start]. */
static int regular_at(const scan *sc, int start, int *kind)
{
    static const phrase english[] = {
        { "monthly", R57_DEADLINE_MONTHLY },
        { "every month", R57_DEADLINE_MONTHLY },
        { "each month", R57_DEADLINE_MONTHLY },
        { "once a month", R57_DEADLINE_MONTHLY },
        { "on a monthly basis", R57_DEADLINE_MONTHLY },
        { "quarterly", R57_DEADLINE_QUARTERLY },
        { "every quarter", R57_DEADLINE_QUARTERLY },
        { "each quarter", R57_DEADLINE_QUARTERLY },
        { "once a quarter", R57_DEADLINE_QUARTERLY },
        { "on a quarterly basis", R57_DEADLINE_QUARTERLY },
        { "annually", R57_DEADLINE_ANNUALLY },
        { "yearly", R57_DEADLINE_ANNUALLY },
        { "every year", R57_DEADLINE_ANNUALLY },
        { "each year", R57_DEADLINE_ANNUALLY },
        { "once a year", R57_DEADLINE_ANNUALLY },
        { "on an annual basis", R57_DEADLINE_ANNUALLY },
        { "on a yearly basis", R57_DEADLINE_ANNUALLY },
        { "semi-annually", R57_DEADLINE_HALF_YEARLY },
        { "semiannually", R57_DEADLINE_HALF_YEARLY },
        { "semi-annual", R57_DEADLINE_HALF_YEARLY },
        { "semiannual", R57_DEADLINE_HALF_YEARLY },
        { "half-yearly", R57_DEADLINE_HALF_YEARLY },
        { "half yearly", R57_DEADLINE_HALF_YEARLY },
        { "biannually", R57_DEADLINE_HALF_YEARLY },
        { "six-monthly", R57_DEADLINE_HALF_YEARLY },
        { "6-monthly", R57_DEADLINE_HALF_YEARLY },
        { "once every six months", R57_DEADLINE_HALF_YEARLY },
        { "once every 6 months", R57_DEADLINE_HALF_YEARLY },
        { "every six months", R57_DEADLINE_HALF_YEARLY },
        { "every 6 months", R57_DEADLINE_HALF_YEARLY },
        { "every half-year", R57_DEADLINE_HALF_YEARLY },
        { "every half year", R57_DEADLINE_HALF_YEARLY },
        { "each half-year", R57_DEADLINE_HALF_YEARLY },
        { "each half year", R57_DEADLINE_HALF_YEARLY },
        { "twice a year", R57_DEADLINE_HALF_YEARLY },
        { "twice yearly", R57_DEADLINE_HALF_YEARLY },
        { "twice per year", R57_DEADLINE_HALF_YEARLY },
        { "on a half-yearly basis", R57_DEADLINE_HALF_YEARLY },
        { "on a semi-annual basis", R57_DEADLINE_HALF_YEARLY },
        { "on a six-monthly basis", R57_DEADLINE_HALF_YEARLY },
        { NULL, 0 },
    }, periods[] = {
        /* after "hằng"/"hàng"/"mỗi" (every), optionally "định kỳ" before */
        { "thang", R57_DEADLINE_MONTHLY },
        { "quy", R57_DEADLINE_QUARTERLY },
        { "nam", R57_DEADLINE_ANNUALLY },
        { NULL, 0 },
    };
    int p = phrase_at(sc, start, english, kind);
    if (p >= 0)
        return p;
    p = start;
    int dinh_ky = word(sc, &p, "dinh ky"); /* periodically */
    int every = word(sc, &p, "hang") || word(sc, &p, "moi");
    /* Every six months: "6 tháng" or "nửa năm" (half a year), with a word
     * that makes it recur before it ("định kỳ", "hằng", "mỗi") or "một
     * lần" / "/lần" (once) after it.  "6 tháng" alone is a length of time
     * ("within 6 months"), not a recurrence, and is left to the forms. */
    int q = p;
    if (six_months(sc, &q) || word(sc, &q, "nua nam")) {
        int r = q, once = word(sc, &r, "mot lan") || (punct(sc, &r, '/') && word(sc, &r, "lan"));
        if (once || dinh_ky || every) {
            *kind = R57_DEADLINE_HALF_YEARLY;
            return once ? r : q;
        }
        return -1;
    }
    if (every)
        return phrase_at(sc, p, periods, kind);
    return -1;
}

/* Work that never ends, so is never due: "thường xuyên", "liên tục",
 * "ongoing", "regularly" (which says how often is unsaid, not monthly).
 * Daily work is read as ongoing too: a day is no period libr57 tracks, and
 * a task done every day is judged by its progress, not by 365 instances. */
static const phrase ongoing_phrases[] = {
    { "thuong xuyen, lien tuc", R57_DEADLINE_ONGOING },
    { "thuong xuyen va lien tuc", R57_DEADLINE_ONGOING },
    { "thuong xuyen lien tuc", R57_DEADLINE_ONGOING },
    { "lien tuc, thuong xuyen", R57_DEADLINE_ONGOING },
    { "thuong xuyen", R57_DEADLINE_ONGOING },
    { "lien tuc", R57_DEADLINE_ONGOING },
    { "hang ngay", R57_DEADLINE_ONGOING },
    { "moi ngay", R57_DEADLINE_ONGOING },
    { "on an ongoing basis", R57_DEADLINE_ONGOING },
    { "on a continuous basis", R57_DEADLINE_ONGOING },
    { "on a regular basis", R57_DEADLINE_ONGOING },
    { "on a daily basis", R57_DEADLINE_ONGOING },
    { "ongoing", R57_DEADLINE_ONGOING },
    { "continuously", R57_DEADLINE_ONGOING },
    { "continuous", R57_DEADLINE_ONGOING },
    { "continually", R57_DEADLINE_ONGOING },
    { "constantly", R57_DEADLINE_ONGOING },
    { "regularly", R57_DEADLINE_ONGOING },
    { "daily", R57_DEADLINE_ONGOING },
    { "every day", R57_DEADLINE_ONGOING },
    { "each day", R57_DEADLINE_ONGOING },
    { NULL, 0 },
};

/* Vague phrases that would otherwise start an event ("when …", "khi …"):
 * "when required" names no event, only that someone will ask. */
static const phrase vague_phrases[] = {
    { "when required", R57_DEADLINE_VAGUE },
    { "when requested", R57_DEADLINE_VAGUE },
    { "when needed", R57_DEADLINE_VAGUE },
    { "when necessary", R57_DEADLINE_VAGUE },
    { "once required", R57_DEADLINE_VAGUE },
    { "upon request", R57_DEADLINE_VAGUE },
    { "on request", R57_DEADLINE_VAGUE },
    { "as soon as possible", R57_DEADLINE_VAGUE },
    { "as soon as practicable", R57_DEADLINE_VAGUE },
    { "khi co yeu cau", R57_DEADLINE_VAGUE },
    { "khi duoc yeu cau", R57_DEADLINE_VAGUE },
    { "khi can thiet", R57_DEADLINE_VAGUE },
    { "khi can", R57_DEADLINE_VAGUE },
    { NULL, 0 },
};

/* Words that tie the deadline to an event; the event follows. */
static const phrase event_phrases[] = {
    { "together with", R57_DEADLINE_EVENT },
    { "along with", R57_DEADLINE_EVENT },
    { "at the same time as", R57_DEADLINE_EVENT },
    { "at the same time with", R57_DEADLINE_EVENT },
    { "simultaneously with", R57_DEADLINE_EVENT },
    { "in conjunction with", R57_DEADLINE_EVENT },
    { "immediately after", R57_DEADLINE_EVENT },
    { "right after", R57_DEADLINE_EVENT },
    { "promptly after", R57_DEADLINE_EVENT },
    { "at the time of", R57_DEADLINE_EVENT },
    { "as soon as", R57_DEADLINE_EVENT },
    { "when", R57_DEADLINE_EVENT },
    { "once", R57_DEADLINE_EVENT },
    { "upon", R57_DEADLINE_EVENT },
    { "after", R57_DEADLINE_EVENT },
    { "following", R57_DEADLINE_EVENT },
    { "cung luc voi", R57_DEADLINE_EVENT },
    { "cung thoi diem", R57_DEADLINE_EVENT },
    { "tai ky hop", R57_DEADLINE_EVENT },
    { "ky hop", R57_DEADLINE_EVENT },
    { "trinh quoc hoi tai ky hop", R57_DEADLINE_EVENT },
    { "at the session", R57_DEADLINE_EVENT },
    { "dong thoi diem", R57_DEADLINE_EVENT },
    { "ngay khi", R57_DEADLINE_EVENT },
    { "cung voi", R57_DEADLINE_EVENT },
    { "dong thoi voi", R57_DEADLINE_EVENT },
    { "dong thoi", R57_DEADLINE_EVENT },
    { "ngay sau khi", R57_DEADLINE_EVENT },
    { "sau khi", R57_DEADLINE_EVENT },
    { "khi", R57_DEADLINE_EVENT },
    { NULL, 0 },
};

/*
 * Whether the text names a time the grammar should have read: a digit, or
 * a calendar word (day, week, month, quarter, year, half, a month's name,
 * "tháng", …).  Such a text that no form reads is an error; a text of
 * other words only ("soon", "khẩn trương", "as appropriate") names no time
 * at all and is vague.
 *
 * "ngày", "tuần", "quý" and "năm" count only with their diacritics (in the
 * NFC key): without them they are everyday words ("ngay" at once, "quy
 * định" rules, "Việt Nam").  "May" is left out: "as the ministry may
 * decide" names no month, and "by May" is read (and refused) as a month.
 */
static int names_a_time(const scan *sc)
{
    static const char *const bare_words[] = {
        "day", "days", "week", "weeks", "weekly", "fortnight", "month", "months",
        "quarter", "quarters", "year", "years", "half", "thang",
        "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "hang tuan", "moi tuan",
        NULL,
    };
    static const char *const marked_words[] = { "ngày", "tuần", "quý", "năm", NULL };
    for (int i = 0; i < sc->n; i++)
        if (is_digit(sc->s[i]))
            return 1;
    for (int i = 0; i < sc->n; i++) {
        int p = i;
        if (i > 0 && is_letter(sc->s[i - 1]))
            continue; /* not the start of a word */
        for (const char *const *w = bare_words; *w; w++)
            if (word(sc, &p, *w))
                return 1;
    }
    for (int i = 0; i < sc->nkey; i++) {
        unsigned char prev = i > 0 ? (unsigned char)sc->key[i - 1] : ' ';
        if ((prev >= 'a' && prev <= 'z') || prev >= 0x80)
            continue;
        for (const char *const *w = marked_words; *w; w++) {
            size_t len = strlen(*w);
            if (strncmp(sc->key + i, *w, len) != 0)
                continue; /* and only now is key[i + len] inside the text */
            unsigned char next = (unsigned char)sc->key[i + len];
            if (!((next >= 'a' && next <= 'z') || next >= 0x80))
                return 1;
        }
    }
    return 0;
}

/* ---- leads --------------------------------------------------------------
 * Words before the form that say "by" or "in".  Most fit any form; some
 * fit only a day or only a period: "before October 2025" could mean 30
 * September as well as 31 October, and "end of 20 October" means nothing,
 * so those are not guessed: the deadline is kept as vague (read_deadline).
 * Bare: "trước" is "truoc". */

enum { FITS_DAY = 1, FITS_PERIOD = 2, FITS_ANY = 3 };

typedef struct lead {
    const char *text;
    int fits;
} lead;

static const lead limit_leads[] = {
    /* "Hoàn thành trong năm 2026", "Completed by June 2026". */
    { "hoan thanh", FITS_ANY },    { "completed", FITS_ANY },      { "complete", FITS_ANY },
    { "no later than", FITS_ANY }, { "not later than", FITS_ANY }, { "by", FITS_ANY },
    { "before", FITS_DAY },        { "truoc", FITS_DAY },          { "cham nhat la", FITS_ANY },
    { "cham nhat", FITS_ANY },     { "den", FITS_ANY },            { NULL, 0 },
};
static const lead scope_leads[] = {
    { "in", FITS_ANY },    { "within", FITS_ANY }, { "during", FITS_ANY }, { "on", FITS_DAY },
    { "ngay trong", FITS_ANY }, { "trong", FITS_ANY }, { "vao", FITS_ANY },    { NULL, 0 },
};
static const lead end_leads[] = {
    { "the end of", FITS_PERIOD }, { "end of", FITS_PERIOD }, { "cuoi", FITS_PERIOD },
    { "het", FITS_PERIOD },        { NULL, 0 },
};
static const lead day_leads[] = { { "ngay", FITS_DAY }, { NULL, 0 } };

/* The slots in reading order; check_leads() knows the end slot is [2]. */
static const lead *const lead_slots[] = { limit_leads, scope_leads, end_leads, day_leads };
#define NSLOTS (sizeof lead_slots / sizeof lead_slots[0])

typedef struct used_lead {
    const lead *lead; /* NULL: the slot is empty */
    int at, len;      /* where in sc->s */
} used_lead;

/* Reads at most one lead of each slot, in order, from s[p]; returns where
 * the form starts. */
static int read_leads(const scan *sc, int p, used_lead used[NSLOTS])
{
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

/* The forms, each tried at the same place. */
static int (*const forms[])(const scan *, int, form *) = {
    numeric, vietnamese, english_quarter, english_date, half_year,
};
#define NFORMS (sizeof forms / sizeof forms[0])

/* Reads the leads and the form that reads furthest from s[p] ("October
 * 20, 2025" is a day, not the month October followed by text) into *best;
 * returns where it ends, or -1 if no form starts there. */
static int read_form(const scan *sc, int p, used_lead used[NSLOTS], int *start, form *best)
{
    int best_end = -1;
    memset(best, 0, sizeof *best);
    *start = read_leads(sc, p, used);
    for (size_t i = 0; i < NFORMS; i++) {
        form f;
        memset(&f, 0, sizeof f);
        int end = forms[i](sc, *start, &f);
        if (end > best_end) {
            *best = f;
            best_end = end;
        }
    }
    return best_end;
}

/* ---- errors ---------------------------------------------------------- */

/* The original text behind s[from..to): pointer and length, for %.*s. */
static const char *orig_span(const scan *sc, int from, int to, int *len)
{
    *len = to > from ? sc->end[to - 1] - sc->map[from] : 0;
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
    case R57_DEADLINE_HALF:
        if (f->half < 1 || f->half > 2)
            return fail(sc, f->at_half, "half %d is not 1-2", f->half);
        *due = r57__date_from_ymd(f->year, f->half * 6, f->half == 1 ? 30 : 31);
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

/* Whether s[p..] is an event: words that are not a date ("after the
 * Decree is issued", not "after 20 October 2025" or "after the end of
 * 2026", which name a time that is not a deadline and are refused). */
static int is_event(const scan *sc, int p)
{
    used_lead used[NSLOTS];
    form f;
    int start;
    if (at_end(sc, p) || is_digit(sc->s[p]))
        return 0;
    return read_form(sc, p, used, &start, &f) < 0;
}

/* Whether the text holds a four-digit run (a year). */
static int has_year(const scan *sc)
{
    for (int i = 0; i + 3 < sc->n; i++)
        if (is_digit(sc->s[i]) && is_digit(sc->s[i + 1]) && is_digit(sc->s[i + 2]) &&
            is_digit(sc->s[i + 3]) && (i == 0 || !is_digit(sc->s[i - 1])) &&
            !is_digit(sc->s[i + 4]))
            return 1;
    return 0;
}

/* A dash between years: '-', '–' or '—' (the folded text keeps the
 * latter two as UTF-8). */
static int dash(const scan *sc, int *p)
{
    const unsigned char *s = (const unsigned char *)sc->s + *p;
    int n = s[0] == '-' ? 1 : (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94)) ? 3 : 0;
    if (!n)
        return 0;
    *p += n;
    skip_space(sc, p);
    return 1;
}

/* A range of years, alone: "giai đoạn 2026-2030", "năm 2025 - 2026",
 * "2026–2030", "from 2026 to 2030", "in the period 2026-2030".  Returns 1
 * with the years, 0 when the text is not one, R57_EPARSE for a range that
 * ends before it starts. */
static int year_range(const scan *sc, int *from, int *to)
{
    int p = 0, a, b, at_a, at_b;
    word(sc, &p, "trong");
    /* Optional leading words, each read at most once. */
    static const char *const lead1[] = { "during", "in the period", "in", "from", "for", NULL };
    static const char *const lead2[] = { "giai doan", "thoi ky", "the period", "period", "tu nam",
                                         "tu", "cac nam", "nam", "the years", NULL };
    for (int i = 0; lead1[i] && !word(sc, &p, lead1[i]); i++)
        ;
    for (int i = 0; lead2[i] && !word(sc, &p, lead2[i]); i++)
        ;
    word(sc, &p, "the");
    at_a = p;
    if (number(sc, &p, 4, &a) != 4)
        return 0;
    skip_space(sc, &p);
    if (!(dash(sc, &p) || word(sc, &p, "den nam") || word(sc, &p, "den") || word(sc, &p, "to") ||
          word(sc, &p, "until") || word(sc, &p, "through")))
        return 0;
    word(sc, &p, "nam");
    at_b = p;
    if (number(sc, &p, 4, &b) != 4)
        return 0;
    skip_space(sc, &p);
    word(sc, &p, "period"); /* "in the 2026-2030 period" */
    if (!at_end(sc, p))
        return 0;
    if (a < 1900 || a > 2200)
        return fail(sc, at_a, "year %d is outside 1900-2200", a);
    if (b < 1900 || b > 2200)
        return fail(sc, at_b, "year %d is outside 1900-2200", b);
    if (b <= a) {
        fail(sc, at_b, "the range of years ends (%d) before it starts (%d)", b, a);
        return R57_EPARSE;
    }
    *from = a;
    *to = b;
    return 1;
}

/* A part of a year that names no day: "đầu năm 2026", "giữa năm 2026",
 * "early 2026", "mid-2026", "the beginning of 2026".  A real year, said
 * loosely: vague (the lint asks for a date), not an error. */
static int loose_year(const scan *sc)
{
    static const char *const parts[] = { "dau nam", "giua nam", "nhung thang dau nam",
                                         "nhung thang cuoi nam", "early", "mid", "the middle of",
                                         "the beginning of", "beginning of", "the start of",
                                         "the first months of", NULL };
    int p = 0, y;
    static const char *const lead_words[] = { "trong", "vao", "in", "by", NULL };
    for (int i = 0; lead_words[i] && !word(sc, &p, lead_words[i]); i++)
        ;
    for (int i = 0; parts[i]; i++) {
        int q = p;
        if (word(sc, &q, parts[i]) || (strcmp(parts[i], "mid") == 0 && word(sc, &q, "mid-"))) {
            if (sc->s[q] == '-')
                q++;
            if (number(sc, &q, 4, &y) == 4 && at_end(sc, q))
                return 1;
        }
    }
    return 0;
}

/* Months of one year: "tháng 10-11/2025", "tháng 10 - 11 năm 2025",
 * "October-November 2025" is not read.  Due at the end of the last. */
static int month_span(const scan *sc, int *year, int *last)
{
    int p = 0, m1, m2, y;
    word(sc, &p, "trong");
    if (!word(sc, &p, "thang") || !number(sc, &p, 2, &m1))
        return 0;
    skip_space(sc, &p);
    if (!dash(sc, &p) || !number(sc, &p, 2, &m2))
        return 0;
    skip_space(sc, &p);
    if (!(punct(sc, &p, '/') || word(sc, &p, "nam")) || number(sc, &p, 4, &y) != 4 ||
        !at_end(sc, p))
        return 0;
    if (m1 < 1 || m2 > 12 || m2 <= m1)
        return fail(sc, 0, "months %d-%d are not a span of months of one year", m1, m2);
    if (y < 1900 || y > 2200)
        return fail(sc, 0, "year %d is outside 1900-2200", y);
    *year = y;
    *last = m2;
    return 1;
}

/* Reads a text that is not blank. */
static int read_deadline(const scan *sc, int *kind, r57_date *due)
{
    used_lead used[NSLOTS];
    form best;
    int ret, start, end, k;

    /* A regular or ongoing phrase stands alone ("monthly provide data"
     * is refused). */
    end = regular(sc, kind);
    if (end >= 0 && end < sc->n) {
        /* "Hằng quý, trước ngày 20 của tháng cuối quý", "monthly, by the
         * 5th": a clause after a comma says when in each period.  The
         * period is what is tracked (each instance is due at its end);
         * the clause is kept in the text as written. */
        int p = end;
        skip_space(sc, &p);
        if (punct(sc, &p, ',') || punct(sc, &p, ';') || punct(sc, &p, ':') ||
            punct(sc, &p, '('))
            return R57_OK;
    }
    if (end < 0) {
        end = phrase_at(sc, 0, ongoing_phrases, kind);
        int p = end;
        if (end >= 0 && end < sc->n) {
            skip_space(sc, &p);
            int q = p;
            if (punct(sc, &p, ',') || punct(sc, &p, ';') || punct(sc, &p, '(') ||
                word(sc, &p, "va") || word(sc, &p, "and") || word(sc, &q, "from") ||
                word(sc, &q, "tu"))
                return R57_OK; /* "Thường xuyên, hằng năm", "continuously from 2025" */
        }
    }
    if (end >= 0)
        return end == sc->n ? R57_OK : trailing(sc, 0, end);
    /* "Trước ngày 15/12 hằng năm", "Before December 15, annually",
     * "Hằng năm (trước ngày 15/12)": a regular phrase with a day and no
     * year is that regular deadline; the day is kept in the text. */
    if (!has_year(sc)) {
        /* Only after a day ("15/12", "15th"): "báo cáo định kỳ hằng tháng"
         * names the work, not a time, and stays refused. */
        int digit = 0;
        for (int p = 1; p < sc->n; p++) {
            digit |= is_digit(sc->s[p - 1]);
            if (!digit || (sc->s[p - 1] != ' ' && sc->s[p - 1] != ',' && sc->s[p - 1] != '('))
                continue;
            int k2, e2 = regular_at(sc, p, &k2);
            if (e2 >= 0) {
                *kind = k2;
                return R57_OK;
            }
        }
    }
    /* "Từ năm 2026", "From 2026", "Continuously from 2025", "kể từ năm
     * 2026": work that starts and goes on. */
    {
        int p = 0, y;
        if (!word(sc, &p, "thuong xuyen") && !word(sc, &p, "continuously"))
            word(sc, &p, "lien tuc");
        if ((word(sc, &p, "ke tu nam") || word(sc, &p, "ke tu") || word(sc, &p, "tu nam") ||
             word(sc, &p, "from") || word(sc, &p, "starting from") || word(sc, &p, "starting in")) &&
            number(sc, &p, 4, &y) == 4) {
            skip_space(sc, &p);
            int q = p;
            if (at_end(sc, p) || word(sc, &q, "onwards") || word(sc, &q, "onward") ||
                word(sc, &q, "tro di")) {
                *kind = R57_DEADLINE_ONGOING;
                return R57_OK;
            }
        }
    }
    /* "when required …" before the event "when …". */
    if (phrase_at(sc, 0, vague_phrases, &k) >= 0 && !names_a_time(sc)) {
        *kind = R57_DEADLINE_VAGUE;
        return R57_OK;
    }
    end = phrase_at(sc, 0, event_phrases, &k);
    if (end >= 0 && is_event(sc, end)) {
        *kind = R57_DEADLINE_EVENT;
        return R57_OK;
    }

    int y1 = 0, y2 = 0, r = year_range(sc, &y1, &y2);
    if (r < 0)
        return r;
    if (r) {
        *kind = R57_DEADLINE_RANGE;
        *due = r57__date_from_ymd(y2, 12, 31);
        return R57_OK;
    }
    if (loose_year(sc)) {
        *kind = R57_DEADLINE_VAGUE;
        return R57_OK;
    }
    if ((r = month_span(sc, &y1, &y2)) < 0)
        return r;
    if (r) {
        *kind = R57_DEADLINE_MONTH;
        *due = r57__date_from_ymd(y1, y2, r57__days_in_month(y1, y2));
        return R57_OK;
    }
    end = read_form(sc, 0, used, &start, &best);
    if (end >= 0 && end < sc->n) {
        /* "trước ngày 20/10/2025 (Báo cáo Thủ tướng)", "Quý IV/2025, báo
         * cáo kết quả": a clause after the time, in brackets or after a
         * comma, says what is due then.  The time is what is tracked. */
        int p = end;
        skip_space(sc, &p);
        /* "… và hằng năm", "… and the following years", "… và các năm
         * tiếp theo": the first time named is the first due. */
        int q = p;
        if (sc->s[p] == '(' || sc->s[p] == ',' || sc->s[p] == ';' || word(sc, &q, "va") ||
            word(sc, &q, "and")) {
            if ((ret = resolve(sc, &best, due)) < 0)
                return ret;
            if (check_leads(sc, used, best.kind) < 0) {
                *kind = R57_DEADLINE_VAGUE;
                *due = R57_DATE_NONE;
                return R57_OK;
            }
            *kind = best.kind;
            return R57_OK;
        }
    }
    if (end < 0) {
        /* No form: an error if the text names a time, or has no word at
         * all ("-", "."); vague if it is words that name no time. */
        int words = 0;
        for (int i = 0; i < sc->n && !words; i++)
            words = is_letter(sc->s[i]);
        if (!words || names_a_time(sc))
            return not_a_deadline(sc, start);
        *kind = R57_DEADLINE_VAGUE;
        return R57_OK;
    }
    if ((ret = resolve(sc, &best, due)) < 0)
        return ret;
    if (end < sc->n)
        return trailing(sc, start, end);
    /* "Trước tháng 6/2026", "before Q2 2026": a possible time, but
     * "before" a month could mean its first day or its last; the task is
     * kept with a vague deadline (the lint asks for the day), not refused,
     * and no due date is guessed. */
    if (check_leads(sc, used, best.kind) < 0) {
        *kind = R57_DEADLINE_VAGUE;
        *due = R57_DATE_NONE;
        return R57_OK;
    }
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
            int ret = read_deadline(&sc, &kind, &due);
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
    case R57_DEADLINE_HALF_YEARLY:
        first = m <= 6 ? 1 : 7;
        last = first + 5;
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
