/*
 * Calendar dates as days since 1970-01-01 (proleptic Gregorian), using
 * Howard Hinnant's days_from_civil / civil_from_days algorithms, which are
 * exact for every year an int can hold.
 */
#include "internal.h"

#include <stdio.h>
#include <sys/time.h>
#include <time.h>

r57_date r57__date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2u) / 5u + (unsigned)d - 1u;
    const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return (r57_date)(era * 146097 + (int)doe - 719468);
}

void r57__date_to_ymd(r57_date date, int *yy, int *mm, int *dd)
{
    const int z = date + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    const int y = (int)yoe + era * 400;
    const unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
    const unsigned mp = (5u * doy + 2u) / 153u;
    const unsigned d = doy - (153u * mp + 2u) / 5u + 1u;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (yy)
        *yy = y + (m <= 2);
    if (mm)
        *mm = (int)m;
    if (dd)
        *dd = (int)d;
}

int r57__days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int r57_date_from_ymd(r57_date *out, int year, int month, int day)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_date_from_ymd: out is NULL");
    /* Keep within a range where the arithmetic cannot overflow. */
    if (year < -999999 || year > 999999 || month < 1 || month > 12 || day < 1 ||
        day > r57__days_in_month(year, month))
        return r57__error(R57_EINVAL, "date %04d-%02d-%02d does not exist", year, month, day);
    *out = r57__date_from_ymd(year, month, day);
    return R57_OK;
}

int r57_date_to_ymd(r57_date date, int *year, int *month, int *day)
{
    if (date == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_date_to_ymd: no date");
    r57__date_to_ymd(date, year, month, day);
    return R57_OK;
}

int r57_date_month_end(r57_date *out, int year, int month)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_date_month_end: out is NULL");
    if (month < 1 || month > 12)
        return r57__error(R57_EINVAL, "month %d is not between 1 and 12", month);
    *out = r57__date_from_ymd(year, month, r57__days_in_month(year, month));
    return R57_OK;
}

/* The value of n decimal digits (already checked to be digits). */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int r57_date_parse(r57_date *out, const char *text)
{
    int y, m, d;
    if (!out)
        return r57__error(R57_EINVAL, "r57_date_parse: out is NULL");
    if (!text)
        return r57__error(R57_EINVAL, "r57_date_parse: text is NULL");
    /* Exactly YYYY-MM-DD: check positions before reading past the end. */
    for (int i = 0; i < 10; i++) {
        if (text[i] == '\0' ||
            ((i == 4 || i == 7) ? text[i] != '-' : (text[i] < '0' || text[i] > '9')))
            return r57__error_at(R57_EPARSE, 1, i + 1, i,
                                 "date '%s': at offset %d: expected YYYY-MM-DD", text, i);
    }
    if (text[10] != '\0')
        return r57__error_at(R57_EPARSE, 1, 11, 10,
                             "date '%s': at offset 10: unexpected text after the date", text);
    y = digits(text, 4);
    m = digits(text + 5, 2);
    d = digits(text + 8, 2);
    if (m < 1 || m > 12)
        return r57__error_at(R57_EPARSE, 1, 6, 5, "date '%s': month %d is not 1-12", text, m);
    if (d < 1 || d > r57__days_in_month(y, m))
        return r57__error_at(R57_EPARSE, 1, 9, 8, "date '%s': day %d does not exist in %04d-%02d",
                             text, d, y, m);
    *out = r57__date_from_ymd(y, m, d);
    return R57_OK;
}

int r57_date_format(char *buf, size_t size, r57_date date)
{
    int y, m, d;
    if (!buf || size < 11)
        return r57__error(R57_EINVAL, "r57_date_format: buffer NULL or under 11 bytes");
    if (date == R57_DATE_NONE)
        return r57__error(R57_EINVAL, "r57_date_format: no date");
    r57__date_to_ymd(date, &y, &m, &d);
    if (y < 0 || y > 9999)
        return r57__error(R57_EINVAL, "r57_date_format: year %d has not four digits", y);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    return R57_OK;
}

r57_date r57__date_today(void) { return (r57_date)(time(NULL) / 86400); }

void r57__timestamp_now(char buf[64])
{
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    snprintf(buf, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(tv.tv_usec / 1000));
}
