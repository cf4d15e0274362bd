/*
 * Finding where a JSON pointer points in a JSON text, for error messages.
 * jansson tells where a syntax error is but not where a decoded value came
 * from; when an imported field is wrong, this walks the text again to the
 * field and returns its line and column.  It expects valid JSON (jansson
 * has accepted it) and gives up quietly otherwise.
 */
#include "internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct scan {
    const char *s;
    size_t len, i;
    int line, col;
} scan;

static void adv(scan *p)
{
    if (p->i < p->len) {
        if (p->s[p->i] == '\n') {
            p->line++;
            p->col = 1;
        } else if (((unsigned char)p->s[p->i] & 0xC0) != 0x80) {
            p->col++; /* count characters, not UTF-8 continuation bytes */
        }
        p->i++;
    }
}

static void ws(scan *p)
{
    while (p->i < p->len && strchr(" \t\r\n", p->s[p->i]))
        adv(p);
}

static int skip_string(scan *p)
{
    if (p->i >= p->len || p->s[p->i] != '"')
        return -1;
    adv(p);
    while (p->i < p->len && p->s[p->i] != '"') {
        if (p->s[p->i] == '\\')
            adv(p);
        adv(p);
    }
    if (p->i >= p->len)
        return -1;
    adv(p);
    return 0;
}

static int skip_value(scan *p)
{
    ws(p);
    if (p->i >= p->len)
        return -1;
    char c = p->s[p->i];
    if (c == '"')
        return skip_string(p);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        adv(p);
        ws(p);
        if (p->i < p->len && p->s[p->i] == close) {
            adv(p);
            return 0;
        }
        for (;;) {
            if (c == '{') {
                ws(p);
                if (skip_string(p) < 0)
                    return -1;
                ws(p);
                if (p->i >= p->len || p->s[p->i] != ':')
                    return -1;
                adv(p);
            }
            if (skip_value(p) < 0)
                return -1;
            ws(p);
            if (p->i >= p->len)
                return -1;
            if (p->s[p->i] == ',') {
                adv(p);
                continue;
            }
            if (p->s[p->i] == close) {
                adv(p);
                return 0;
            }
            return -1;
        }
    }
    while (p->i < p->len && !strchr(",]} \t\r\n", p->s[p->i]))
        adv(p);
    return 0;
}

/* Compares the JSON string at the scanner, as written, with the pointer
 * token tok[0..n), decoding its "~0" and "~1" as it goes (a token has any
 * length); moves past the string. */
static int key_is(scan *p, const char *tok, size_t n)
{
    size_t k = p->i + 1;
    if (skip_string(p) < 0)
        return 0;
    size_t end = p->i - 1, t = 0;
    while (k < end && t < n) {
        char want = tok[t++];
        if (want == '~' && t < n && (tok[t] == '0' || tok[t] == '1'))
            want = tok[t++] == '0' ? '~' : '/';
        if (p->s[k++] != want)
            return 0;
    }
    return k == end && t == n;
}

int r57__json_locate(const char *text, size_t len, const char *pointer, int *line, int *col,
                     long *offset)
{
    scan p = { text, len, 0, 1, 1 };
    ws(&p);
    while (pointer && *pointer == '/') {
        /* The token, escaped as in the pointer, up to the next '/'. */
        const char *tok = ++pointer;
        size_t n = strcspn(tok, "/");
        pointer += n;
        ws(&p);
        if (p.i >= p.len)
            return -1;
        if (p.s[p.i] == '[') {
            long index = strtol(tok, NULL, 10);
            adv(&p);
            for (long k = 0; k < index; k++) {
                if (skip_value(&p) < 0)
                    return -1;
                ws(&p);
                if (p.i >= p.len || p.s[p.i] != ',')
                    return -1;
                adv(&p);
            }
            ws(&p);
        } else if (p.s[p.i] == '{') {
            adv(&p);
            int found = 0;
            while (!found) {
                ws(&p);
                if (p.i >= p.len || p.s[p.i] == '}')
                    return -1;
                found = key_is(&p, tok, n);
                ws(&p);
                if (p.i >= p.len || p.s[p.i] != ':')
                    return -1;
                adv(&p);
                ws(&p);
                if (!found) {
                    if (skip_value(&p) < 0)
                        return -1;
                    ws(&p);
                    if (p.i < p.len && p.s[p.i] == ',')
                        adv(&p);
                }
            }
        } else {
            return -1;
        }
    }
    *line = p.line;
    *col = p.col;
    *offset = (long)p.i;
    return 0;
}

int r57__json_parse(json_t **out, const char *text, size_t len, const char *path,
                    json_error_t *jerr)
{
    unsigned long failures = r57__alloc_failures();
    json_t *root = text ? json_loadb(text, len, JSON_REJECT_DUPLICATES, jerr)
                        : json_load_file(path, JSON_REJECT_DUPLICATES, jerr);
    *out = NULL;
    if (r57__alloc_failures() != failures ||
        (!root && json_error_code(jerr) == json_error_out_of_memory)) {
        json_decref(root);
        return r57__error_nomem();
    }
    *out = root;
    return root ? R57_OK : R57_EPARSE;
}
