/* A growable string buffer; once an allocation fails it stays failed, so
 * a sequence of appends needs one check at the end. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

int r57__buf_grow(r57__buf *b, size_t extra)
{
    if (b->failed)
        return R57_ENOMEM;
    if (b->len + extra + 1 <= b->cap)
        return R57_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return r57__error_nomem();
        }
        cap *= 2;
    }
    char *p = r57__realloc(b->ptr, cap);
    if (!p) {
        b->failed = 1;
        return r57__error_nomem();
    }
    b->ptr = p;
    b->cap = cap;
    return R57_OK;
}

int r57__buf_put(r57__buf *b, const char *data, size_t len)
{
    if (r57__buf_grow(b, len) < 0)
        return R57_ENOMEM;
    memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return R57_OK;
}

int r57__buf_puts(r57__buf *b, const char *s) { return r57__buf_put(b, s, strlen(s)); }

int r57__buf_vprintf(r57__buf *b, const char *fmt, va_list ap)
{
    va_list again;
    char small[256];
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(again);
        return r57__error(R57_ERROR, "formatting failed");
    }
    if ((size_t)n < sizeof small) {
        va_end(again);
        return r57__buf_put(b, small, (size_t)n);
    }
    if (r57__buf_grow(b, (size_t)n) < 0) {
        va_end(again);
        return R57_ENOMEM;
    }
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    b->len += (size_t)n;
    return R57_OK;
}

int r57__buf_printf(r57__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = r57__buf_vprintf(b, fmt, ap);
    va_end(ap);
    return ret;
}

int r57__buf_json_string(r57__buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s)
        return r57__buf_put(b, "null", 4);
    r57__buf_put(b, "\"", 1);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        r57__buf_put(b, run, (size_t)((const char *)p - run));
        char esc[6] = { '\\', 0, 0, 0, 0, 0 };
        size_t n = 2;
        switch (*p) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[*p >> 4];
            esc[5] = hex[*p & 15];
            n = 6;
        }
        r57__buf_put(b, esc, n);
        run = (const char *)p + 1;
    }
    r57__buf_puts(b, run);
    return r57__buf_put(b, "\"", 1);
}

char *r57__buf_detach(r57__buf *b)
{
    char *p = b->failed ? NULL : b->ptr;
    if (b->failed)
        r57__free(b->ptr);
    else if (!p)
        p = r57__strdup("");
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
    return p;
}

void r57__buf_free(r57__buf *b)
{
    r57__free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

int r57__read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return r57__error(R57_EIO, "cannot read '%s'", path);
    r57__buf b = R57__BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (r57__buf_put(&b, chunk, n) < 0)
            break;
    int err = ferror(f);
    fclose(f);
    if (b.failed) {
        r57__buf_free(&b);
        return r57__error_nomem();
    }
    if (err) {
        r57__buf_free(&b);
        return r57__error(R57_EIO, "reading '%s' failed", path);
    }
    *len = b.len;
    *text = r57__buf_detach(&b);
    return *text ? R57_OK : r57__error_nomem();
}

int r57__strfmt(char **out, const char *fmt, ...)
{
    r57__buf b = R57__BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int ret = r57__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    *out = ret == R57_OK ? r57__buf_detach(&b) : NULL;
    r57__buf_free(&b);
    return ret < 0 ? ret : *out ? R57_OK : r57__error_nomem();
}
