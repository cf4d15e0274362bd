/*
 * Deadlines (deadline.c): the forms of a date, month, quarter, half or
 * year (deadline_forms.c; not installed).
 */
#ifndef R57_DEADLINE_FORMS_H
#define R57_DEADLINE_FORMS_H

#include "deadline_scan.h"

enum { YEAR_OK, YEAR_MISSING, YEAR_DIGITS };

/* What a form read, and where each part starts (for the messages). */
typedef struct form {
    int kind;
    int year, month, day, quarter, half;
    int at_year, at_month, at_day, at_quarter, at_half;
    int year_state; /* YEAR_OK, or a mistake worth its own message */
    int year_len;   /* digits of a YEAR_DIGITS year */
} form;

/* Reads the form that reads furthest from s[start] ("October 20, 2025" is
 * a day, not the month October followed by text) into *best; returns where
 * it ends, or -1 if no form starts there. */
int r57__deadline_form_longest(const scan *sc, int start, form *best);
/* Checks the parts of a form and computes its due date. */
int r57__deadline_form_check(const scan *sc, const form *f, r57_date *due);
/* "6 tháng" or "sáu tháng": six months (a half, or with "định kỳ",
 * "hằng", "một lần" a half-yearly deadline). */
int r57__deadline_six_months(const scan *sc, int *p);

#endif /* R57_DEADLINE_FORMS_H */
