/*
 * The owner resolver's words (r57/resolve.h, docs/six-clear.md): text cut
 * into tokens, each word keyed by the Unicode fold of lib/text.c (with and
 * without diacritics); the phrase tables (names of units, listed words)
 * sorted by their first bare word; the word lists (data/words.tsv and the
 * handle's own files); and the lookup of the longest phrase at a word.
 */
#include "resolve_words.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char *const cat_names[C__COUNT] = { "class", "many",    "each",     "area",  "qual",
                                                 "level", "exec",    "locality", "lead",  "coord",
                                                 "and",   "role",    "deputy",   "roles", "person",
                                                 "stop",  "central", "local",    "verb",  "link" };

/* ---- tokens ------------------------------------------------------------ */

void r57__toks_free(toks *t)
{
    for (size_t i = 0; i < t->n; i++) {
        r57__free(t->v[i].key);
        r57__free(t->v[i].bare);
    }
    r57__free(t->v);
    memset(t, 0, sizeof *t);
}

static int toks_push(toks *t, tok k)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        tok *v = r57__realloc(t->v, cap * sizeof *v);
        if (!v)
            return r57__error_nomem();
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = k;
    return R57_OK;
}

static int is_word_cp(utf8proc_int32_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return 1;
    default: return 0;
    }
}

static int is_apostrophe(utf8proc_int32_t c) { return c == '\'' || c == 0x2019; }

/* One word s[a..b): its keys and what its letters look like. */
static int word_tok(toks *t, const char *s, size_t a, size_t b)
{
    tok k;
    memset(&k, 0, sizeof k);
    k.start = a;
    k.end = b;
    char *w = r57__strndup(s + a, b - a);
    if (!w)
        return r57__error_nomem();
    /* One apostrophe for "People's" and "People’s". */
    r57__buf nb = R57__BUF_INIT;
    int first = 1, letters = 0, upper = 0;
    for (size_t i = 0; w[i];) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)w + i, -1, &c);
        if (len <= 0)
            break;
        if (is_apostrophe(c)) {
            r57__buf_put(&nb, "'", 1);
        } else {
            r57__buf_put(&nb, w + i, (size_t)len);
            utf8proc_category_t cat = utf8proc_category(c);
            int is_letter = cat <= UTF8PROC_CATEGORY_LO && cat >= UTF8PROC_CATEGORY_LU;
            if (is_letter) {
                letters++;
                if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
                    upper++;
                    if (first)
                        k.upper_first = 1;
                }
                first = 0;
            }
        }
        i += (size_t)len;
    }
    r57__free(w);
    if (nb.failed) {
        r57__buf_free(&nb);
        return r57__error_nomem();
    }
    k.all_upper = letters > 0 && upper == letters;
    int ret = r57__text_key(&k.key, nb.ptr ? nb.ptr : "", 0);
    if (ret == R57_OK)
        ret = r57__text_key(&k.bare, nb.ptr ? nb.ptr : "", R57__TEXT_BARE);
    r57__buf_free(&nb);
    if (ret == R57_OK) {
        k.marks = strcmp(k.key, k.bare) != 0;
        ret = toks_push(t, k);
    }
    if (ret < 0) {
        r57__free(k.key);
        r57__free(k.bare);
    }
    return ret;
}

static int letterish(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Cuts s into words and the punctuation that separates bodies; other
 * characters (blanks, '.', '-', quotes) only end words. */
int r57__tokenize(toks *t, const char *s)
{
    size_t i = 0, n = strlen(s), word = (size_t)-1;
    int ret = R57_OK;
    while (i < n && ret == R57_OK) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                (utf8proc_ssize_t)(n - i), &c);
        if (len <= 0)
            return r57__error(R57_EINVAL, "text is not UTF-8 (at byte %zu)", i);
        int w = is_word_cp(c);
        if (!w && is_apostrophe(c) && word != (size_t)-1 && i + (size_t)len < n) {
            utf8proc_int32_t d;
            if (utf8proc_iterate((const utf8proc_uint8_t *)s + i + len, -1, &d) > 0 &&
                is_word_cp(d))
                w = 1; /* inside a word: People's */
        }
        if (w) {
            if (word == (size_t)-1)
                word = i;
        } else {
            if (word != (size_t)-1) {
                ret = word_tok(t, s, word, i);
                word = (size_t)-1;
            }
            char p = c == ',' || c == 0x3001 ? ','
                     : c == ';'              ? ';'
                     : c == '/'              ? '/'
                     : c == '&'              ? '&'
                     : c == '+'              ? '+'
                     : c == '('              ? '('
                     : c == ')'              ? ')'
                     : c == ':'              ? ':'
                                             : 0;
            /* "KH&CN", "TT&TT": an '&' between letters, with no blank,
             * is inside an abbreviation, not between two bodies. */
            if (p == '&' && i > 0 && i + 1 < n && letterish((unsigned char)s[i - 1]) &&
                letterish((unsigned char)s[i + 1]))
                p = 0;
            /* A free-standing '&' is the word "and": a name may hold it
             * ("Ministry of Science & Technology"); else it joins bodies. */
            if (p == '&' && ret == R57_OK) {
                ret = word_tok(t, s, i, i + (size_t)len);
                p = 0;
            }
            if (p && ret == R57_OK) {
                tok k;
                memset(&k, 0, sizeof k);
                k.start = i;
                k.end = i + (size_t)len;
                k.punct = p;
                ret = toks_push(t, k);
            }
        }
        i += (size_t)len;
    }
    if (ret == R57_OK && word != (size_t)-1)
        ret = word_tok(t, s, word, n);
    return ret;
}

/* ---- phrases: names of units and listed words ------------------------ */

void r57__phrase_free(phrase *p)
{
    for (size_t i = 0; i < p->n; i++) {
        r57__free(p->key[i]);
        r57__free(p->bare[i]);
    }
    r57__free(p->key);
    r57__free(p->bare);
    r57__free(p->name);
    r57__free(p->of);
    r57__free(p->since);
}

void r57__phrase_table_free(table *t)
{
    for (size_t i = 0; i < t->n; i++)
        r57__phrase_free(&t->v[i]);
    r57__free(t->v);
    r57__free(t->by_bare);
    memset(t, 0, sizeof *t);
}

/* Adds a phrase made of text's words (punctuation dropped).  *added is 0
 * when the text has no word. */
int r57__phrase_table_add(table *t, const char *text, phrase proto, int *added)
{
    toks tk = { NULL, 0, 0 };
    int ret = r57__tokenize(&tk, text);
    *added = 0;
    size_t words = 0;
    for (size_t i = 0; ret == R57_OK && i < tk.n; i++)
        words += tk.v[i].key != NULL;
    if (ret < 0 || words == 0) {
        r57__toks_free(&tk);
        return ret;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        phrase *v = r57__realloc(t->v, cap * sizeof *v);
        if (!v) {
            r57__toks_free(&tk);
            return r57__error_nomem();
        }
        t->v = v;
        t->cap = cap;
    }
    phrase p = proto;
    p.key = r57__calloc(words, sizeof *p.key);
    p.bare = r57__calloc(words, sizeof *p.bare);
    p.n = 0;
    if (!p.key || !p.bare) {
        r57__free(p.key);
        r57__free(p.bare);
        r57__toks_free(&tk);
        return r57__error_nomem();
    }
    int caps = words == 1;
    /* A name's leading article ("the Government") is not part of it: the
     * text's "the" is a word of its own, and "the Government Office" must
     * still find the Government Office. */
    size_t skip = 0;
    for (size_t i = 0; proto.unit >= 0 && i < tk.n && words - skip > 1; i++) {
        if (!tk.v[i].key)
            continue;
        if (strcmp(tk.v[i].key, "the") != 0)
            break;
        r57__free(tk.v[i].key);
        r57__free(tk.v[i].bare);
        tk.v[i].key = tk.v[i].bare = NULL;
        skip++;
    }
    for (size_t i = 0; i < tk.n; i++) {
        if (!tk.v[i].key)
            continue;
        p.key[p.n] = tk.v[i].key;
        p.bare[p.n] = tk.v[i].bare;
        tk.v[i].key = tk.v[i].bare = NULL;
        caps = caps && tk.v[i].all_upper && !tk.v[i].marks && strlen(p.key[p.n]) <= 6;
        p.n++;
    }
    /* A one-word code ("POLITBURO", "MOST") is an identifier: only text in
     * capitals names it, however long, so "President" is no code. */
    p.caps = proto.unit >= 0 &&
             (caps || (proto.how == R57_MATCH_CODE && words == 1 && p.n == 1 && tk.n >= 1));
    r57__toks_free(&tk);
    t->v[t->n++] = p;
    *added = 1;
    return R57_OK;
}

/* Sorts the phrases by their first bare word (a merge sort of our own:
 * qsort takes no payload, and a static to pass the table would be shared
 * state). */
int r57__phrase_table_index(table *t)
{
    r57__free(t->by_bare);
    t->by_bare = t->n ? r57__malloc(t->n * sizeof *t->by_bare) : NULL;
    if (t->n && !t->by_bare)
        return r57__error_nomem();
    /* Merge sort by first bare word, stable. */
    size_t *tmp = t->n ? r57__malloc(t->n * sizeof *tmp) : NULL;
    if (t->n && !tmp)
        return r57__error_nomem();
    for (size_t i = 0; i < t->n; i++)
        t->by_bare[i] = i;
    for (size_t w = 1; w < t->n; w *= 2) {
        for (size_t lo = 0; lo < t->n; lo += 2 * w) {
            size_t mid = lo + w < t->n ? lo + w : t->n, hi = lo + 2 * w < t->n ? lo + 2 * w : t->n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = strcmp(t->v[t->by_bare[a]].bare[0], t->v[t->by_bare[b]].bare[0]) <= 0
                               ? t->by_bare[a++]
                               : t->by_bare[b++];
            while (a < mid)
                tmp[k++] = t->by_bare[a++];
            while (b < hi)
                tmp[k++] = t->by_bare[b++];
        }
        memcpy(t->by_bare, tmp, t->n * sizeof *tmp);
    }
    r57__free(tmp);
    return R57_OK;
}

/* The first index in by_bare whose first bare word is w (or t->n). */
/* A first word to look up: the first n bytes of base, then suffix ("ies"
 * read as "y": base "agencies", n 5, suffix "y").  Compared in place, so
 * a word of any length has its stems. */
typedef struct first_word {
    const char *base;
    size_t n;
    const char *suffix;
} first_word;

/* strcmp(s, the word w stands for). */
static int first_cmp(const char *s, const first_word *w)
{
    int c = strncmp(s, w->base, w->n);
    return c ? c : strcmp(s + w->n, w->suffix);
}

static size_t table_lower(const table *t, const first_word *w)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (first_cmp(t->v[t->by_bare[mid]].bare[0], w) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- loading the words ------------------------------------------------ */

int r57__words_parse(table *words, const char *text, size_t len, const char *path)
{
    size_t line = 0, i = 0;
    int ret = R57_OK;
    while (i < len && ret == R57_OK) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        line++;
        char *ln = r57__strndup(text + i, e - i);
        if (!ln)
            return r57__error_nomem();
        size_t l = strlen(ln);
        if (l && ln[l - 1] == '\r')
            ln[--l] = '\0';
        if (l && ln[0] != '#' && !r57__blank(ln)) {
            char *t1 = strchr(ln, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
            int c = -1, lang = 0;
            if (t1 && t2) {
                *t1 = *t2 = '\0';
                for (int k = 0; k < C__COUNT; k++)
                    if (strcmp(ln, cat_names[k]) == 0)
                        c = k;
                lang = strcmp(t1 + 1, "vi") == 0   ? LANG_VI
                       : strcmp(t1 + 1, "en") == 0 ? LANG_EN
                                                   : 0;
            }
            if (!t1 || !t2)
                ret = r57__error_at(R57_EPARSE, (int)line, 1, (long)i,
                                    "'%s' line %zu: expected category<TAB>lang<TAB>phrase", path,
                                    line);
            else if (c < 0)
                ret = r57__error_at(R57_EPARSE, (int)line, 1, (long)i,
                                    "'%s' line %zu, column 1: unknown category '%s'", path, line,
                                    ln);
            else if (!lang)
                ret = r57__error_at(R57_EPARSE, (int)line, (int)(t1 - ln) + 2, (long)i,
                                    "'%s' line %zu, column %d: language '%s' is not vi or en", path,
                                    line, (int)(t1 - ln) + 2, t1 + 1);
            else if (strchr(t2 + 1, '\t'))
                ret = r57__error_at(R57_EPARSE, (int)line, (int)(strchr(t2 + 1, '\t') - ln) + 1,
                                    (long)i,
                                    "'%s' line %zu, column %d: a fourth field; a line "
                                    "is category<TAB>lang<TAB>phrase",
                                    path, line, (int)(strchr(t2 + 1, '\t') - ln) + 1);
            else if (r57__utf8_invalid(t2 + 1, strlen(t2 + 1)) >= 0)
                ret = r57__error_at(R57_EPARSE, (int)line, (int)(t2 - ln) + 2, (long)i,
                                    "'%s' line %zu, column %d: the phrase is not UTF-8 text", path,
                                    line, (int)(t2 - ln) + 2);
            else {
                /* The same phrase in several categories is one phrase with
                 * several bits: merged after the table is built. */
                phrase proto;
                memset(&proto, 0, sizeof proto);
                proto.cats = BIT(c);
                proto.lang = lang;
                proto.unit = -1;
                int added;
                ret = r57__phrase_table_add(words, t2 + 1, proto, &added);
                if (ret == R57_OK && !added)
                    ret = r57__error_at(R57_EPARSE, (int)line, (int)(t2 - ln) + 2, (long)i,
                                        "'%s' line %zu, column %d: the phrase has no word", path,
                                        line, (int)(t2 - ln) + 2);
                else if (ret < 0 && r57_error_code(r57_error_last()) == R57_EINVAL)
                    ret = r57__error_at(R57_EPARSE, (int)line, (int)(t2 - ln) + 2, (long)i,
                                        "'%s' line %zu, column %d: %s", path, line,
                                        (int)(t2 - ln) + 2, r57_error_message(r57_error_last()));
            }
        }
        r57__free(ln);
        i = e + 1;
    }
    return ret;
}

/* ---- matching ------------------------------------------------------------ */

/* English plurals of the last word of a listed phrase. */
static int plural_of(const char *w, const char *base)
{
    size_t n = strlen(base), m = strlen(w);
    if (m == n + 1 && strncmp(w, base, n) == 0 && w[n] == 's')
        return 1;
    if (m == n + 2 && strncmp(w, base, n) == 0 && strcmp(w + n, "es") == 0)
        return 1;
    if (n > 1 && base[n - 1] == 'y' && m == n + 2 && strncmp(w, base, n - 1) == 0 &&
        strcmp(w + n - 1, "ies") == 0)
        return 1;
    return 0;
}

/* Does phrase p match the words w[i..]?  *exact says whether diacritics
 * were all there. */
static int phrase_at(const phrase *p, const wtok *w, size_t nw, size_t i, int langs, int names,
                     int *exact, int *plural, int *minister)
{
    if (i + p->n > nw)
        return 0;
    if (!names && !(p->lang & langs))
        return 0;
    *exact = 1;
    *plural = 0;
    *minister = 0;
    for (size_t k = 0; k < p->n; k++) {
        const tok *t = w[i + k].t;
        if ((p->caps && !t->all_upper) || (k > 0 && w[i + k].barrier))
            return 0;
        if (strcmp(t->key, p->key[k]) == 0)
            continue;
        if (!t->marks && strcmp(t->bare, p->bare[k]) == 0) {
            *exact = 0;
            continue;
        }
        if (!names && k == p->n - 1 && p->lang == LANG_EN && plural_of(t->key, p->key[k])) {
            *plural = 1;
            continue;
        }
        if (names && k == 0 && strcmp(p->key[k], "ministry") == 0 &&
            strcmp(t->key, "minister") == 0) {
            *minister = 1;
            continue;
        }
        return 0;
    }
    return 1;
}

void r57__phrase_lookup(hit *h, const table *t, const wtok *w, size_t nw, size_t i, int langs,
                        int names, int headless_ok)
{
    memset(h, 0, sizeof *h);
    if (!t->n)
        return;
    /* Candidates share the first word's bare key, or (names) are "Ministry
     * …" for "Minister …", or (words) the plural's stem. */
    const char *b = w[i].t->bare;
    size_t m = strlen(b), nf = 1;
    first_word firsts[4] = { { b, m, "" } };
    if (names && strcmp(w[i].t->key, "minister") == 0)
        firsts[nf++] = (first_word){ "ministry", 8, "" };
    /* An English plural's singular: -s, -es, -ies -> -y. */
    if (!names && m > 1 && b[m - 1] == 's') {
        firsts[nf++] = (first_word){ b, m - 1, "" };
        if (m > 2 && b[m - 2] == 'e')
            firsts[nf++] = (first_word){ b, m - 2, "" };
        if (m > 3 && strcmp(b + m - 3, "ies") == 0)
            firsts[nf++] = (first_word){ b, m - 3, "y" };
    }
    for (size_t f = 0; f < nf; f++) {
        for (size_t k = table_lower(t, &firsts[f]);
             k < t->n && first_cmp(t->v[t->by_bare[k]].bare[0], &firsts[f]) == 0; k++) {
            const phrase *p = &t->v[t->by_bare[k]];
            int exact, plural, minister;
            if ((p->headless && !headless_ok) ||
                !phrase_at(p, w, nw, i, langs, names, &exact, &plural, &minister))
                continue;
            int better = p->n > h->len || (p->n == h->len && exact > h->exact);
            if (better) {
                h->len = p->n;
                h->exact = exact;
                h->plural = plural;
                h->minister = minister;
                h->cats = 0;
                h->lang = 0;
                h->nunits = 0;
                h->phrase = t->by_bare[k];
            }
            if (p->n == h->len && exact == h->exact) {
                if (names) {
                    int seen = 0;
                    for (int u = 0; u < h->nunits; u++)
                        seen |= h->units[u] == p->unit;
                    if (!seen && h->nunits < 4)
                        h->units[h->nunits++] = p->unit;
                    /* The unit's own name beats another's old name. */
                    if (p->how != R57_MATCH_PREDECESSOR &&
                        t->v[h->phrase].how == R57_MATCH_PREDECESSOR &&
                        t->v[h->phrase].unit == p->unit)
                        h->phrase = t->by_bare[k];
                } else {
                    h->cats |= p->cats;
                    h->lang |= p->lang;
                    h->plural |= plural;
                }
            }
        }
    }
}
