/*
 * Deadlines (deadline.c): the text as the grammar reads it, folded, with
 * the map back to the caller's bytes; the token readers; the errors that
 * point into the text (deadline_scan.c; not installed).
 */
#ifndef R57_DEADLINE_SCAN_H
#define R57_DEADLINE_SCAN_H

#include "internal.h"

#include <string.h>

/* The normalised text lives in fixed buffers: no allocation, and nothing
 * this long is a deadline anyway.  MAXLEN bounds the text as folded with
 * its diacritics kept (what a reader would count); the bare form is at
 * most BARE_FACTOR times longer (a Hangul syllable, 3 bytes, decomposes
 * into three 3-byte jamo), so its buffer never decides the limit. */
#define MAXLEN 200
#define BARE_FACTOR 3
/* How much of an over-long text the message quotes. */
#define QUOTE_MAX 40

/* ---- normalising ----------------------------------------------------- */

typedef struct scan {
    const char *orig;                  /* the caller's text */
    char s[BARE_FACTOR * MAXLEN + 1];  /* bare: folded, no diacritics */
    int map[BARE_FACTOR * MAXLEN + 1]; /* s[i] came from orig[map[i]..end[i]) */
    int end[BARE_FACTOR * MAXLEN + 1]; /* map[n] is where the text ends */
    int n;                             /* length of s */
    char key[MAXLEN + 1];              /* folded, NFC, diacritics kept */
    int nkey;
    int blank; /* the text held nothing but blanks */
} scan;

/* Fills sc from text.  Returns -1, or the offset in text where the
 * normalised form grew past MAXLEN. */
long r57__deadline_normalise(scan *sc, const char *text);

/* ---- tokens ------------------------------------------------------------
 * Positions are indexes into sc->s.  A reader that matches moves *p past
 * what it read and returns non-zero; one that does not leaves *p alone. */

static inline int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Letters for word boundaries: ASCII letters and any byte of UTF-8. */
static inline int is_letter(char c) { return (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80; }

static inline int at_end(const scan *sc, int p) { return p >= sc->n; }

static inline void skip_space(const scan *sc, int *p)
{
    if (sc->s[*p] == ' ')
        (*p)++;
}

/* The word or phrase w (lower case, single spaces) ending at a word
 * boundary, and the space after it. */
static inline int word(const scan *sc, int *p, const char *w)
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
static inline int punct(const scan *sc, int *p, char c)
{
    if (sc->s[*p] != c)
        return 0;
    (*p)++;
    skip_space(sc, p);
    return 1;
}

/* A run of 1 to max digits that another digit does not follow (so "2025"
 * is never read as the day "20").  Returns the number of digits. */
static inline int number(const scan *sc, int *p, int max, int *val)
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

/* ---- errors ---------------------------------------------------------- */

/* The original text behind s[from..to): pointer and length, for %.*s. */
const char *r57__deadline_orig_span(const scan *sc, int from, int to, int *len);
/* A parse error at s[pos] reading "deadline '<text>': <detail>". */
int r57__deadline_fail(const scan *sc, int pos, const char *fmt, ...) R57__PRINTF(3, 4);
/* Nothing recognised at s[pos]. */
int r57__deadline_not_a_deadline(const scan *sc, int pos);
/* A whole form was read from s[from] to s[end], but more text follows. */
int r57__deadline_trailing(const scan *sc, int from, int end);

#endif /* R57_DEADLINE_SCAN_H */
