/*
 * Periods as int64 codes (the layout is documented in r57/period.h).
 *
 * Internally a single period is (g, u): its granularity and its index in
 * that granularity counted from year 0 (u = year, year*4 + quarter-1,
 * year*12 + month-1 or year*2 + half-1).  Granularity 3, the half-year,
 * came last: it took the one value of the two granularity bits that was
 * unused, so every code of a year, quarter or month stayed as it was.  A range is the (g, u) of its first member and a
 * member count n.  Everything is integer arithmetic; nothing allocates.
 */
#include "r57/period.h"
#include "internal.h"

#include <stdio.h>
#include <string.h>

enum { G_YEAR = 0, G_QUARTER = 1, G_MONTH = 2, G_HALF = 3 };

#define S_SHIFT 32
#define G_SHIFT 30
#define RANGE_BIT (INT64_C(1) << 29)
#define N_MASK ((INT64_C(1) << 29) - 1)
#define LOW_MASK INT64_C(0xffffffff)

static const int months_per[4] = { 12, 3, 1, 6 };
/* The first and last index of each granularity within years 1-9999. */
static const int64_t u_min[4] = { 1, 4, 12, 2 };
static const int64_t u_max[4] = { 9999, 39999, 119999, 19999 };

typedef struct {
    int g;     /* granularity */
    int64_t u; /* index of the first member */
    int64_t n; /* number of members */
    int range;
} decoded;

static int decode(r57_period p, decoded *d)
{
    if (p <= 0)
        return 0;
    int64_t s = p >> S_SHIFT;
    int g = (int)((p >> G_SHIFT) & 3);
    if (s % months_per[g] != 0)
        return 0;
    d->g = g;
    d->u = s / months_per[g];
    d->range = (p & RANGE_BIT) != 0;
    d->n = (p & N_MASK) + 1;
    if (!d->range && d->n != 1)
        return 0;
    if (d->u < u_min[g] || d->u + d->n - 1 > u_max[g])
        return 0;
    return 1;
}

static r57_period encode(int g, int64_t u, int64_t n, int range)
{
    int64_t s = u * months_per[g];
    return (s << S_SHIFT) | ((int64_t)g << G_SHIFT) | (range ? RANGE_BIT : 0) | (n - 1);
}

static const r57_period_kind_t kind_of_g[4] = { R57_PERIOD_YEAR, R57_PERIOD_QUARTER,
                                                R57_PERIOD_MONTH, R57_PERIOD_HALF };
/* For messages: "not within a single half-year". */
static const char *const g_words[4] = { "year", "quarter", "month", "half-year" };

static int g_of_kind(int kind)
{
    switch (kind) {
    case R57_PERIOD_YEAR: return G_YEAR;
    case R57_PERIOD_QUARTER: return G_QUARTER;
    case R57_PERIOD_MONTH: return G_MONTH;
    case R57_PERIOD_HALF: return G_HALF;
    default: return -1;
    }
}

/* Text of one member (g, u); buf holds at least 8 bytes. */
static int format_one(char *buf, size_t size, int g, int64_t u)
{
    switch (g) {
    case G_YEAR: return snprintf(buf, size, "%04d", (int)u);
    case G_QUARTER: return snprintf(buf, size, "%04dQ%d", (int)(u / 4), (int)(u % 4) + 1);
    case G_HALF: return snprintf(buf, size, "%04dH%d", (int)(u / 2), (int)(u % 2) + 1);
    default: return snprintf(buf, size, "%04d-%02d", (int)(u / 12), (int)(u % 12) + 1);
    }
}

const char *r57_period_kind_name(r57_period_kind_t kind)
{
    switch (kind) {
    case R57_PERIOD_YEAR: return "year";
    case R57_PERIOD_QUARTER: return "quarter";
    case R57_PERIOD_MONTH: return "month";
    case R57_PERIOD_RANGE: return "range";
    case R57_PERIOD_HALF: return "half";
    default: return NULL;
    }
}

/* ---- parsing --------------------------------------------------------- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

typedef struct {
    const char *text;
    size_t len;
    size_t pos;
    size_t err_off;
    int positional; /* the message is "expected …" and needs "at offset N: " */
    char *msg;
    size_t msgsz;
} scanner;

static int fail(scanner *sc, size_t off, int positional, const char *fmt, ...) R57__PRINTF(4, 5);

static int fail(scanner *sc, size_t off, int positional, const char *fmt, ...)
{
    va_list ap;
    sc->err_off = off;
    sc->positional = positional;
    va_start(ap, fmt);
    vsnprintf(sc->msg, sc->msgsz, fmt, ap);
    va_end(ap);
    return R57_EPARSE;
}

static char peek(const scanner *sc, size_t ahead)
{
    return sc->pos + ahead < sc->len ? sc->text[sc->pos + ahead] : '\0';
}

/* One year, quarter, month or half-year starting at sc->pos. */
static int scan_one(scanner *sc, int *g, int64_t *u)
{
    size_t start = sc->pos;
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (!is_digit(peek(sc, 0)))
            return fail(sc, sc->pos, 1, "expected a four-digit year");
        year = year * 10 + (peek(sc, 0) - '0');
        sc->pos++;
    }
    if (year == 0)
        return fail(sc, start, 0, "year 0 is not 1-9999");
    char c = peek(sc, 0);
    if (c == 'Q' || c == 'q') {
        sc->pos++;
        if (!is_digit(peek(sc, 0)))
            return fail(sc, sc->pos, 1, "expected a quarter number 1-4");
        int q = peek(sc, 0) - '0';
        if (q < 1 || q > 4)
            return fail(sc, sc->pos, 0, "quarter %d is not 1-4", q);
        sc->pos++;
        *g = G_QUARTER;
        *u = (int64_t)year * 4 + q - 1;
    } else if (c == 'H' || c == 'h') {
        sc->pos++;
        if (!is_digit(peek(sc, 0)))
            return fail(sc, sc->pos, 1, "expected a half-year number 1-2");
        int h = peek(sc, 0) - '0';
        if (h < 1 || h > 2)
            return fail(sc, sc->pos, 0, "half-year %d is not 1-2", h);
        sc->pos++;
        *g = G_HALF;
        *u = (int64_t)year * 2 + h - 1;
    } else if (c == '-') {
        sc->pos++;
        /* "2026-H1" and "2026-Q1" are how deadlines may be written; a
         * period has one spelling (it is a key in files and reports), so
         * the message gives it rather than "expected a two-digit month". */
        char x = peek(sc, 0);
        if (x == 'H' || x == 'h')
            return fail(sc, start + 4, 0, "a half-year is written %.4sH1 or %.4sH2, without '-'",
                        sc->text + start, sc->text + start);
        if (x == 'Q' || x == 'q')
            return fail(sc, start + 4, 0, "a quarter is written %.4sQ1 to %.4sQ4, without '-'",
                        sc->text + start, sc->text + start);
        if (!is_digit(peek(sc, 0)) || !is_digit(peek(sc, 1)))
            return fail(sc, sc->pos, 1, "expected a two-digit month");
        int m = (peek(sc, 0) - '0') * 10 + (peek(sc, 1) - '0');
        if (m < 1 || m > 12)
            return fail(sc, sc->pos, 0, "month %d is not 1-12", m);
        sc->pos += 2;
        *g = G_MONTH;
        *u = (int64_t)year * 12 + m - 1;
    } else {
        *g = G_YEAR;
        *u = year;
    }
    return R57_OK;
}

int r57__period_scan(r57_period *out, const char *text, size_t len, size_t *err_off,
                     int *positional, char *msg, size_t msgsz)
{
    static const char *const noun[4] = { "a year", "a quarter", "a month", "a half-year" };
    scanner sc = { text, len, 0, 0, 0, msg, msgsz };
    int g1, g2;
    int64_t u1, u2;
    int rc = scan_one(&sc, &g1, &u1);
    if (rc == R57_OK) {
        if (sc.pos == len) {
            *out = encode(g1, u1, 1, 0);
            return R57_OK;
        }
        if (peek(&sc, 0) != '.' || peek(&sc, 1) != '.') {
            rc = fail(&sc, sc.pos, 1,
                      g1 == G_YEAR ? "expected 'Q', 'H', '-', '..' or the end"
                                   : "expected '..' or the end");
        } else {
            sc.pos += 2;
            size_t second = sc.pos;
            rc = scan_one(&sc, &g2, &u2);
            if (rc == R57_OK && sc.pos != len)
                rc = fail(&sc, sc.pos, 1, "expected the end");
            else if (rc == R57_OK && g2 != g1)
                rc = fail(&sc, second, 0, "the range goes from %s to %s; both ends must be alike",
                          noun[g1], noun[g2]);
            else if (rc == R57_OK && u2 < u1)
                rc = fail(&sc, second, 0, "the range ends before it starts");
            if (rc == R57_OK) {
                *out = encode(g1, u1, u2 - u1 + 1, 1);
                return R57_OK;
            }
        }
    }
    *err_off = sc.err_off;
    *positional = sc.positional;
    return rc;
}

int r57_period_parse(r57_period *out, const char *text)
{
    char msg[128];
    size_t off = 0;
    int positional = 0;
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_parse: out is NULL");
    if (!text)
        return r57__error(R57_EINVAL, "r57_period_parse: text is NULL");
    int rc = r57__period_scan(out, text, strlen(text), &off, &positional, msg, sizeof msg);
    if (rc == R57_OK)
        return R57_OK;
    if (positional)
        return r57__error_at(rc, 1, (int)off + 1, (long)off, "period '%s': at offset %ld: %s", text,
                             (long)off, msg);
    return r57__error_at(rc, 1, (int)off + 1, (long)off, "period '%s': %s", text, msg);
}

int r57_period_format(char *buf, size_t size, r57_period period)
{
    decoded d;
    if (!buf)
        return r57__error(R57_EINVAL, "r57_period_format: buf is NULL");
    if (size > 0)
        buf[0] = '\0';
    if (!decode(period, &d))
        return r57__error(R57_EINVAL, "r57_period_format: %lld is not a period", (long long)period);
    char text[R57_PERIOD_TEXT_SIZE];
    int n = format_one(text, sizeof text, d.g, d.u);
    if (d.range) {
        text[n] = text[n + 1] = '.';
        n += 2;
        n += format_one(text + n, sizeof text - (size_t)n, d.g, d.u + d.n - 1);
    }
    if ((size_t)n >= size)
        return r57__error(R57_EINVAL,
                          "r57_period_format: a buffer of %zu bytes is too small for '%s'", size,
                          text);
    memcpy(buf, text, (size_t)n + 1);
    return R57_OK;
}

/* ---- inspection -------------------------------------------------------- */

r57_period_kind_t r57_period_kind(r57_period period)
{
    decoded d;
    if (!decode(period, &d))
        return R57_PERIOD_INVALID;
    return d.range ? R57_PERIOD_RANGE : kind_of_g[d.g];
}

r57_period_kind_t r57_period_granularity(r57_period period)
{
    decoded d;
    if (!decode(period, &d))
        return R57_PERIOD_INVALID;
    return kind_of_g[d.g];
}

size_t r57_period_count(r57_period period)
{
    decoded d;
    if (!decode(period, &d))
        return 0;
    return (size_t)d.n;
}

static int not_a_period(const char *func, r57_period period)
{
    return r57__error(R57_EINVAL, "%s: %lld is not a period", func, (long long)period);
}

int r57_period_member(r57_period *out, r57_period period, size_t index)
{
    decoded d;
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_member: out is NULL");
    if (!decode(period, &d))
        return not_a_period("r57_period_member", period);
    if (index >= (size_t)d.n) {
        char text[R57_PERIOD_TEXT_SIZE];
        r57_period_format(text, sizeof text, period);
        return r57__error(R57_EINVAL,
                          "r57_period_member: period '%s' has no member %zu (it has %d)", text,
                          index, (int)d.n);
    }
    *out = encode(d.g, d.u + (int64_t)index, 1, 0);
    return R57_OK;
}

/* The months covered, as s indexes (year*12 + month-1), first and last. */
static void month_span(const decoded *d, int64_t *first, int64_t *last)
{
    *first = d->u * months_per[d->g];
    *last = (d->u + d->n) * months_per[d->g] - 1;
}

int r57_period_start(r57_date *out, r57_period period)
{
    decoded d;
    int64_t first, last;
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_start: out is NULL");
    if (!decode(period, &d))
        return not_a_period("r57_period_start", period);
    month_span(&d, &first, &last);
    *out = r57__date_from_ymd((int)(first / 12), (int)(first % 12) + 1, 1);
    return R57_OK;
}

int r57_period_end(r57_date *out, r57_period period)
{
    decoded d;
    int64_t first, last;
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_end: out is NULL");
    if (!decode(period, &d))
        return not_a_period("r57_period_end", period);
    month_span(&d, &first, &last);
    int y = (int)(last / 12), m = (int)(last % 12) + 1;
    *out = r57__date_from_ymd(y, m, r57__days_in_month(y, m));
    return R57_OK;
}

bool r57_period_contains(r57_period outer, r57_period inner)
{
    decoded o, i;
    int64_t of, ol, inf, inl;
    if (!decode(outer, &o) || !decode(inner, &i))
        return false;
    month_span(&o, &of, &ol);
    month_span(&i, &inf, &inl);
    return of <= inf && inl <= ol;
}

/* The period of granularity g containing all of period, if there is one. */
static int enclosing(r57_period *out, r57_period period, int g, const char *func)
{
    decoded d;
    int64_t first, last;
    if (!out)
        return r57__error(R57_EINVAL, "%s: out is NULL", func);
    if (!decode(period, &d))
        return not_a_period(func, period);
    month_span(&d, &first, &last);
    if (first / months_per[g] != last / months_per[g]) {
        char text[R57_PERIOD_TEXT_SIZE];
        r57_period_format(text, sizeof text, period);
        return r57__error(R57_EINVAL, "%s: period '%s' is not within a single %s", func, text,
                          g_words[g]);
    }
    *out = encode(g, first / months_per[g], 1, 0);
    return R57_OK;
}

int r57_period_year_of(r57_period *out, r57_period period)
{
    return enclosing(out, period, G_YEAR, "r57_period_year_of");
}

int r57_period_quarter_of(r57_period *out, r57_period period)
{
    return enclosing(out, period, G_QUARTER, "r57_period_quarter_of");
}

int r57_period_half_of(r57_period *out, r57_period period)
{
    return enclosing(out, period, G_HALF, "r57_period_half_of");
}

/* ---- construction -------------------------------------------------------- */

int r57_period_from_year(r57_period *out, int year)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_from_year: out is NULL");
    if (year < 1 || year > 9999)
        return r57__error(R57_EINVAL, "r57_period_from_year: year %d is not 1-9999", year);
    *out = encode(G_YEAR, year, 1, 0);
    return R57_OK;
}

int r57_period_from_quarter(r57_period *out, int year, int quarter)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_from_quarter: out is NULL");
    if (year < 1 || year > 9999)
        return r57__error(R57_EINVAL, "r57_period_from_quarter: year %d is not 1-9999", year);
    if (quarter < 1 || quarter > 4)
        return r57__error(R57_EINVAL, "r57_period_from_quarter: quarter %d is not 1-4", quarter);
    *out = encode(G_QUARTER, (int64_t)year * 4 + quarter - 1, 1, 0);
    return R57_OK;
}

int r57_period_from_month(r57_period *out, int year, int month)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_from_month: out is NULL");
    if (year < 1 || year > 9999)
        return r57__error(R57_EINVAL, "r57_period_from_month: year %d is not 1-9999", year);
    if (month < 1 || month > 12)
        return r57__error(R57_EINVAL, "r57_period_from_month: month %d is not 1-12", month);
    *out = encode(G_MONTH, (int64_t)year * 12 + month - 1, 1, 0);
    return R57_OK;
}

int r57_period_from_half(r57_period *out, int year, int half)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_from_half: out is NULL");
    if (year < 1 || year > 9999)
        return r57__error(R57_EINVAL, "r57_period_from_half: year %d is not 1-9999", year);
    if (half < 1 || half > 2)
        return r57__error(R57_EINVAL, "r57_period_from_half: half %d is not 1-2", half);
    *out = encode(G_HALF, (int64_t)year * 2 + half - 1, 1, 0);
    return R57_OK;
}

int r57_period_from_range(r57_period *out, r57_period first, r57_period last)
{
    decoded a, b;
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_from_range: out is NULL");
    if (!decode(first, &a) || a.range)
        return r57__error(R57_EINVAL,
                          "r57_period_from_range: first (%lld) is not a year, half-year, quarter "
                          "or month",
                          (long long)first);
    if (!decode(last, &b) || b.range)
        return r57__error(R57_EINVAL,
                          "r57_period_from_range: last (%lld) is not a year, half-year, quarter or "
                          "month",
                          (long long)last);
    char t1[R57_PERIOD_TEXT_SIZE], t2[R57_PERIOD_TEXT_SIZE];
    r57_period_format(t1, sizeof t1, first);
    r57_period_format(t2, sizeof t2, last);
    if (a.g != b.g)
        return r57__error(R57_EINVAL,
                          "r57_period_from_range: '%s' and '%s' are not of the same kind", t1, t2);
    if (b.u < a.u)
        return r57__error(R57_EINVAL, "r57_period_from_range: '%s' is before '%s'", t2, t1);
    *out = encode(a.g, a.u, b.u - a.u + 1, 1);
    return R57_OK;
}

int r57_period_of_date(r57_period *out, r57_date date, r57_period_kind_t kind)
{
    int y, m, d;
    int g = g_of_kind(kind);
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_of_date: out is NULL");
    if (g < 0)
        return r57__error(R57_EINVAL,
                          "r57_period_of_date: kind %d is not year, half, quarter or month", kind);
    if (date == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_period_of_date: no date");
    r57__date_to_ymd(date, &y, &m, &d);
    if (y < 1 || y > 9999)
        return r57__error(R57_EINVAL, "r57_period_of_date: year %d is not 1-9999", y);
    int64_t s = (int64_t)y * 12 + m - 1;
    *out = encode(g, s / months_per[g], 1, 0);
    return R57_OK;
}

/* ---- arithmetic ------------------------------------------------------------ */

/* Shifts a valid period by k members without decoding it fully: this runs
 * for every reference of every formula evaluation. */
int r57__period_shift(r57_period *out, r57_period p, long k)
{
    int g = (int)((p >> G_SHIFT) & 3);
    int64_t mp = months_per[g];
    int64_t s = (p >> S_SHIFT) + (int64_t)k * mp;
    int64_t n = (p & N_MASK) + 1;
    if (s < 12 || s + n * mp - 1 > 119999)
        return -1;
    *out = (s << S_SHIFT) | (p & LOW_MASK);
    return 0;
}

int r57_period_offset(r57_period *out, r57_period period, int n)
{
    decoded d;
    if (!out)
        return r57__error(R57_EINVAL, "r57_period_offset: out is NULL");
    if (!decode(period, &d))
        return not_a_period("r57_period_offset", period);
    if (r57__period_shift(out, period, n) < 0) {
        char text[R57_PERIOD_TEXT_SIZE];
        r57_period_format(text, sizeof text, period);
        return r57__error(R57_EINVAL,
                          "r57_period_offset: '%s' shifted by %d is outside years 1-9999", text, n);
    }
    return R57_OK;
}

int r57_period_prev(r57_period *out, r57_period period)
{
    return r57_period_offset(out, period, -1);
}
