/*
 * Deadlines: normalising the text and pointing into it (deadline_scan.h,
 * docs/deadlines.md).
 */
#include "deadline_scan.h"

#include <stdarg.h>
#include <utf8proc.h>

/* One character and its combining marks, decomposed.  A composed
 * character's canonical decomposition is at most 4 code points, so a
 * character that decomposes into more than 4 * (MAXLEN + 1) of them is
 * more than MAXLEN code points composed: too long in any case. */
#define SEG_MAX ((utf8proc_ssize_t)4 * (MAXLEN + 1))

/* ---- normalising ----------------------------------------------------- */

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
long r57__deadline_normalise(scan *sc, const char *text)
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

/* ---- errors ---------------------------------------------------------- */

/* The original text behind s[from..to): pointer and length, for %.*s. */
const char *r57__deadline_orig_span(const scan *sc, int from, int to, int *len)
{
    *len = to > from ? sc->end[to - 1] - sc->map[from] : 0;
    return sc->orig + sc->map[from];
}

/* A parse error at s[pos] reading "deadline '<text>': <detail>". */
int r57__deadline_fail(const scan *sc, int pos, const char *fmt, ...)
{
    /* The detail quotes the text (whole); it is built first because the
     * message is "deadline '<text>': <detail>". */
    r57__buf detail = R57__BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    r57__buf_vprintf(&detail, fmt, ap);
    va_end(ap);
    if (detail.failed)
        return r57__error_nomem();
    int off = sc->map[pos];
    int ret = r57__error_at(R57_EPARSE, 1, off + 1, off, "deadline '%s': %s", sc->orig,
                            detail.ptr ? detail.ptr : "");
    r57__buf_free(&detail);
    return ret;
}

/* Nothing recognised at s[pos]. */
int r57__deadline_not_a_deadline(const scan *sc, int pos)
{
    int off = sc->map[pos];
    return r57__error_at(R57_EPARSE, 1, off + 1, off,
                         "deadline '%s' is not a date, month, quarter or year", sc->orig);
}

/* A whole form was read from s[from] to s[end], but more text follows. */
int r57__deadline_trailing(const scan *sc, int from, int end)
{
    int rec_end = end, rest = end, n1, n2;
    if (rec_end > from && sc->s[rec_end - 1] == ' ')
        rec_end--;
    skip_space(sc, &rest);
    const char *rec = r57__deadline_orig_span(sc, from, rec_end, &n1);
    const char *more = r57__deadline_orig_span(sc, rest, sc->n, &n2);
    return r57__deadline_fail(sc, rest, "unexpected '%.*s' after '%.*s'", n2, more, n1, rec);
}
