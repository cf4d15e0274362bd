/* Small text helpers shared by the modules (internal.h). */
#include "internal.h"

#include <string.h>
#include <utf8proc.h>

int r57__blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\v' && *s != '\f')
            return 0;
    return 1;
}

int r57__require(const char *func, const char *name, const char *value)
{
    if (value == NULL)
        return r57__error(R57_EINVAL, "%s: %s is NULL", func, name);
    if (r57__blank(value))
        return r57__error(R57_EINVAL, "%s: %s is empty", func, name);
    return R57_OK;
}

long r57__utf8_invalid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t len = c < 0x80                 ? 1
                     : c >= 0xC2 && c <= 0xDF ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
        if (len == 0 || i + len > n)
            return (long)i;
        /* The second byte's range rules out overlong forms, surrogates
         * (ED A0..BF) and code points past U+10FFFF (F4 90..). */
        unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        for (size_t k = 1; k < len; k++) {
            unsigned b = p[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
                return (long)i;
        }
        i += len;
    }
    return -1;
}

/*
 * Unicode: one normalisation for every comparison of names and texts
 * (docs/design.md, "Text").  utf8proc decomposes into a buffer of code
 * points we allocate (so the allocator hook sees it), then composes,
 * case-folds and, for the bare form, drops the combining marks.  đ/Đ have
 * no decomposition (the stroke is part of the letter), so the bare form
 * maps them to d by hand, the one letter of Vietnamese that needs it.
 */

/* Code points of s under options, into a new array (*n of them). */
static int decompose(utf8proc_int32_t **out, utf8proc_ssize_t *n, const char *s, size_t len,
                     utf8proc_option_t opts)
{
    utf8proc_ssize_t need = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                               NULL, 0, opts);
    if (need < 0)
        return r57__error(R57_EINVAL, "text is not valid UTF-8 (%s)", utf8proc_errmsg(need));
    /* reencode writes UTF-8 over the same buffer: up to 4 bytes a point,
     * which fits in the 4 bytes each point takes, plus the NUL. */
    utf8proc_int32_t *buf = r57__malloc(((size_t)need + 1) * sizeof *buf);
    if (!buf)
        return r57__error_nomem();
    utf8proc_ssize_t got = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                              buf, need, opts);
    if (got < 0 || got > need) {
        r57__free(buf);
        return r57__error(R57_EINVAL, "text is not valid UTF-8 (%s)",
                          got < 0 ? utf8proc_errmsg(got) : "length changed");
    }
    *out = buf;
    *n = got;
    return R57_OK;
}

static int is_space_cp(utf8proc_int32_t c)
{
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

int r57__text_key(char **out, const char *s, int flags)
{
    *out = NULL;
    if (!s)
        s = "";
    int o = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_IGNORE;
    o |= (flags & R57__TEXT_BARE) ? UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK : UTF8PROC_COMPOSE;
    if (!(flags & R57__TEXT_KEEP_CASE))
        o |= UTF8PROC_CASEFOLD;
    utf8proc_option_t opts = (utf8proc_option_t)o;
    utf8proc_int32_t *cp = NULL;
    utf8proc_ssize_t n = 0;
    int ret = decompose(&cp, &n, s, strlen(s), opts);
    if (ret < 0)
        return ret;
    /* Blanks: runs become one space, none at either end. */
    utf8proc_ssize_t k = 0;
    int space = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_int32_t c = cp[i];
        if (is_space_cp(c)) {
            space = k > 0;
            continue;
        }
        if (flags & R57__TEXT_BARE) {
            if (c == 0x0111)
                c = 'd';
            else if (c == 0x0110)
                c = (flags & R57__TEXT_KEEP_CASE) ? 'D' : 'd';
        }
        if (space)
            cp[k++] = ' ';
        space = 0;
        cp[k++] = c;
    }
    if (!(flags & R57__TEXT_BARE)) {
        /* The folded points are decomposed again by the fold; compose. */
        utf8proc_ssize_t m = utf8proc_normalize_utf32(cp, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m < 0) {
            r57__free(cp);
            return r57__error(R57_EINVAL, "text cannot be normalised (%s)", utf8proc_errmsg(m));
        }
        k = m;
    }
    utf8proc_ssize_t bytes = utf8proc_reencode(cp, k, UTF8PROC_STABLE);
    if (bytes < 0) {
        r57__free(cp);
        return r57__error(R57_EINVAL, "text cannot be encoded (%s)", utf8proc_errmsg(bytes));
    }
    char *res = r57__strndup((const char *)cp, (size_t)bytes);
    r57__free(cp);
    if (!res)
        return r57__error_nomem();
    *out = res;
    return R57_OK;
}

int r57__text_code(char **out, const char *name)
{
    char *bare;
    int ret = r57__text_key(&bare, name, R57__TEXT_BARE);
    if (ret < 0)
        return ret;
    /* Letters and digits of the ASCII-folded name, upper case, words
     * joined by '-'; anything else that is left (a letter no fold reaches
     * ASCII) also separates words, so a code is always [A-Z0-9-]. */
    char *p = bare, *q = bare;
    int dash = 0;
    for (; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && q > bare)
                *q++ = '-';
            dash = 0;
            *q++ = (char)(ch >= 'a' ? ch - 32 : ch);
        } else {
            dash = 1;
        }
    }
    *q = '\0';
    if (q == bare) {
        r57__free(bare);
        return r57__error(R57_EINVAL,
                          "no unit code can be made of '%s': it has no letter or "
                          "digit that folds to ASCII",
                          name);
    }
    *out = bare;
    return R57_OK;
}

int r57__text_equal(const char *a, const char *b, int flags)
{
    char *ka = NULL, *kb = NULL;
    int eq = -1;
    if (r57__text_key(&ka, a, flags) == R57_OK && r57__text_key(&kb, b, flags) == R57_OK)
        eq = strcmp(ka, kb) == 0;
    r57__free(ka);
    r57__free(kb);
    return eq;
}
