/*
 * Deadlines as people write them (docs/deadlines.md).
 *
 * Hand-written on purpose: the grammar is small and closed, and neither a
 * regex library nor a parser generator would make it clearer, while both
 * would make the error positions and messages harder to get right.
 *
 * How it reads a deadline:
 *   1. r57__deadline_normalise(): Unicode folding by utf8proc (case, NFC/NFD, no
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
 *
 * Step 1 and the errors are in deadline_scan.c, the forms of step 4 and
 * the checks of step 5 in deadline_forms.c; this file reads the phrases
 * and leads and decides (read_deadline()).
 */
#include "deadline_forms.h"

#include <string.h>

static const char *const kind_names[] = { "none",        "day",     "month",     "quarter",
                                          "year",        "monthly", "quarterly", "annually",
                                          "half",        "ongoing", "event",     "vague",
                                          "half_yearly", "range" };

const char *r57_deadline_kind_name(r57_deadline_kind_t kind)
{
    return kind >= R57_DEADLINE_NONE && kind <= R57_DEADLINE_RANGE ? kind_names[kind] : NULL;
}

/* lib/store.c's overdue query lists the same kinds (5, 6, 7, 12). */
bool r57_deadline_kind_is_regular(r57_deadline_kind_t kind)
{
    return (kind >= R57_DEADLINE_MONTHLY && kind <= R57_DEADLINE_ANNUALLY) ||
           kind == R57_DEADLINE_HALF_YEARLY;
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

static int regular(const scan *sc, int *kind) { return regular_at(sc, 0, kind); }

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
    if (r57__deadline_six_months(sc, &q) || word(sc, &q, "nua nam")) {
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
        "day",      "days",     "week", "weeks", "weekly", "fortnight", "month",    "months",
        "quarter",  "quarters", "year", "years", "half",   "thang",     "january",  "february",
        "march",    "april",    "june", "july",  "august", "september", "october",  "november",
        "december", "jan",      "feb",  "mar",   "apr",    "jun",       "jul",      "aug",
        "sep",      "sept",     "oct",  "nov",   "dec",    "hang tuan", "moi tuan", NULL,
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
    { "hoan thanh", FITS_ANY },
    { "completed", FITS_ANY },
    { "complete", FITS_ANY },
    { "no later than", FITS_ANY },
    { "not later than", FITS_ANY },
    { "by", FITS_ANY },
    { "before", FITS_DAY },
    { "truoc", FITS_DAY },
    { "cham nhat la", FITS_ANY },
    { "cham nhat", FITS_ANY },
    { "den", FITS_ANY },
    { NULL, 0 },
};
static const lead scope_leads[] = {
    { "in", FITS_ANY },         { "within", FITS_ANY }, { "during", FITS_ANY }, { "on", FITS_DAY },
    { "ngay trong", FITS_ANY }, { "trong", FITS_ANY },  { "vao", FITS_ANY },    { NULL, 0 },
};
static const lead end_leads[] = {
    { "the end of", FITS_PERIOD },
    { "end of", FITS_PERIOD },
    { "cuoi", FITS_PERIOD },
    { "het", FITS_PERIOD },
    { NULL, 0 },
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
/* Reads the leads and the form that reads furthest from s[p] into *best;
 * returns where it ends, or -1 if no form starts there. */
static int read_form(const scan *sc, int p, used_lead used[NSLOTS], int *start, form *best)
{
    *start = read_leads(sc, p, used);
    return r57__deadline_form_longest(sc, *start, best);
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
        text = r57__deadline_orig_span(sc, used[i].at, used[i].at + used[i].len, &len);
        if (need == FITS_DAY)
            return r57__deadline_fail(sc, used[i].at,
                                      "'%.*s' needs a month, quarter or year, not a day", len,
                                      text);
        return r57__deadline_fail(sc, used[i].at, "'%.*s' needs a day, not a %s", len, text,
                                  r57_deadline_kind_name(kind));
    }
    return R57_OK;
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
    int n = s[0] == '-'                                                        ? 1
            : (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94)) ? 3
                                                                               : 0;
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
    static const char *const lead2[] = { "giai doan", "thoi ky", "the period", "period",
                                         "tu nam",    "tu",      "cac nam",    "nam",
                                         "the years", NULL };
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
        return r57__deadline_fail(sc, at_a, "year %d is outside 1900-2200", a);
    if (b < 1900 || b > 2200)
        return r57__deadline_fail(sc, at_b, "year %d is outside 1900-2200", b);
    if (b <= a) {
        r57__deadline_fail(sc, at_b, "the range of years ends (%d) before it starts (%d)", b, a);
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
    static const char *const parts[] = {
        "dau nam",      "giua nam",     "nhung thang dau nam", "nhung thang cuoi nam",
        "early",        "mid",          "the middle of",       "the beginning of",
        "beginning of", "the start of", "the first months of", NULL
    };
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
        return r57__deadline_fail(sc, 0, "months %d-%d are not a span of months of one year", m1,
                                  m2);
    if (y < 1900 || y > 2200)
        return r57__deadline_fail(sc, 0, "year %d is outside 1900-2200", y);
    *year = y;
    *last = m2;
    return 1;
}

/* A regular or ongoing phrase.  It stands alone ("monthly provide data"
 * is refused) or before a clause.  Returns 1 when the text is one (*kind
 * set), 0 when it is not, or the error. */
static int read_recurring(const scan *sc, int *kind)
{
    int end = regular(sc, kind);
    if (end >= 0 && end < sc->n) {
        /* "Hằng quý, trước ngày 20 của tháng cuối quý", "monthly, by the
         * 5th": a clause after a comma says when in each period.  The
         * period is what is tracked (each instance is due at its end);
         * the clause is kept in the text as written. */
        int p = end;
        skip_space(sc, &p);
        if (punct(sc, &p, ',') || punct(sc, &p, ';') || punct(sc, &p, ':') || punct(sc, &p, '('))
            return 1;
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
                return 1; /* "Thường xuyên, hằng năm", "continuously from 2025" */
        }
    }
    if (end >= 0)
        return end == sc->n ? 1 : r57__deadline_trailing(sc, 0, end);
    return 0;
}

/* "Trước ngày 15/12 hằng năm", "Before December 15, annually", "Hằng năm
 * (trước ngày 15/12)": a regular phrase with a day and no year is that
 * regular deadline; the day is kept in the text.  Returns whether it is
 * one (*kind set). */
static int regular_after_day(const scan *sc, int *kind)
{
    if (has_year(sc))
        return 0;
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
            return 1;
        }
    }
    return 0;
}

/* "Từ năm 2026", "From 2026", "Continuously from 2025", "kể từ năm
 * 2026": work that starts and goes on. */
static int from_year_on(const scan *sc)
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
            word(sc, &q, "tro di"))
            return 1;
    }
    return 0;
}

/* A range of years, a year said loosely, or months of one year.  Returns
 * 1 when the text is one (*kind, *due set), 0 when not, or the error. */
static int read_span(const scan *sc, int *kind, r57_date *due)
{
    int y1 = 0, y2 = 0, r = year_range(sc, &y1, &y2);
    if (r < 0)
        return r;
    if (r) {
        *kind = R57_DEADLINE_RANGE;
        *due = r57__date_from_ymd(y2, 12, 31);
        return 1;
    }
    if (loose_year(sc)) {
        *kind = R57_DEADLINE_VAGUE;
        return 1;
    }
    if ((r = month_span(sc, &y1, &y2)) < 0)
        return r;
    if (r) {
        *kind = R57_DEADLINE_MONTH;
        *due = r57__date_from_ymd(y1, y2, r57__days_in_month(y1, y2));
        return 1;
    }
    return 0;
}

/* The kind of a form read and checked, unless its leads do not fit it:
 * "Trước tháng 6/2026", "before Q2 2026" is a possible time, but "before"
 * a month could mean its first day or its last; the task is kept with a
 * vague deadline (the lint asks for the day), not refused, and no due
 * date is guessed. */
static int take_form(const scan *sc, const used_lead used[NSLOTS], const form *best, int *kind,
                     r57_date *due)
{
    if (check_leads(sc, used, best->kind) < 0) {
        *kind = R57_DEADLINE_VAGUE;
        *due = R57_DATE_NONE;
        return R57_OK;
    }
    *kind = best->kind;
    return R57_OK;
}

/* A date, month, quarter, half or year after its leads (read_form()), or
 * words that name no time (vague). */
static int read_dated(const scan *sc, int *kind, r57_date *due)
{
    used_lead used[NSLOTS];
    form best;
    int ret, start;
    int end = read_form(sc, 0, used, &start, &best);
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
            if ((ret = r57__deadline_form_check(sc, &best, due)) < 0)
                return ret;
            return take_form(sc, used, &best, kind, due);
        }
    }
    if (end < 0) {
        /* No form: an error if the text names a time, or has no word at
         * all ("-", "."); vague if it is words that name no time. */
        int words = 0;
        for (int i = 0; i < sc->n && !words; i++)
            words = is_letter(sc->s[i]);
        if (!words || names_a_time(sc))
            return r57__deadline_not_a_deadline(sc, start);
        *kind = R57_DEADLINE_VAGUE;
        return R57_OK;
    }
    if ((ret = r57__deadline_form_check(sc, &best, due)) < 0)
        return ret;
    if (end < sc->n)
        return r57__deadline_trailing(sc, start, end);
    return take_form(sc, used, &best, kind, due);
}

/* Reads a text that is not blank. */
static int read_deadline(const scan *sc, int *kind, r57_date *due)
{
    int ret, k;
    if ((ret = read_recurring(sc, kind)) != 0)
        return ret < 0 ? ret : R57_OK;
    if (regular_after_day(sc, kind))
        return R57_OK;
    if (from_year_on(sc)) {
        *kind = R57_DEADLINE_ONGOING;
        return R57_OK;
    }
    /* "when required …" before the event "when …". */
    if (phrase_at(sc, 0, vague_phrases, &k) >= 0 && !names_a_time(sc)) {
        *kind = R57_DEADLINE_VAGUE;
        return R57_OK;
    }
    int end = phrase_at(sc, 0, event_phrases, &k);
    if (end >= 0 && is_event(sc, end)) {
        *kind = R57_DEADLINE_EVENT;
        return R57_OK;
    }
    if ((ret = read_span(sc, kind, due)) != 0)
        return ret < 0 ? ret : R57_OK;
    return read_dated(sc, kind, due);
}

int r57_deadline_parse(r57_deadline_kind_t *kind_out, r57_date *due_out, const char *text)
{
    int kind = R57_DEADLINE_NONE;
    r57_date due = R57_DATE_NONE;
    if (text) {
        scan sc;
        long cut = r57__deadline_normalise(&sc, text);
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

int r57_deadline_instance(r57_date *start_out, r57_date *due_out, r57_deadline_kind_t kind,
                          r57_date at)
{
    int y, m, first, last;
    if (!r57_deadline_kind_is_regular(kind))
        return r57__error(R57_EINVAL, "r57_deadline_instance: kind %d is not a regular deadline",
                          kind);
    if (at == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_deadline_instance: no date");
    r57__date_to_ymd(at, &y, &m, NULL);
    switch (kind) {
    case R57_DEADLINE_MONTHLY: first = last = m; break;
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
