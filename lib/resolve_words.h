/*
 * The owner resolver's words (resolve_words.c; not installed): the
 * categories of listed words, tokens, phrase tables and their lookup.
 */
#ifndef R57_RESOLVE_WORDS_H
#define R57_RESOLVE_WORDS_H

#include "internal.h"

/* ---- word categories ------------------------------------------------ */

enum cat {
    C_CLASS,
    C_MANY,
    C_EACH,
    C_AREA,
    C_QUAL,
    C_LEVEL,
    C_EXEC,
    C_LOCALITY,
    C_LEAD,
    C_COORD,
    C_AND,
    C_ROLE,
    C_DEPUTY,
    C_ROLES,
    C_PERSON,
    C_STOP,
    C_CENTRAL,
    C_LOCAL,
    C_VERB,
    C_LINK,
    C__COUNT
};

#define BIT(c) (1u << (c))

enum { LANG_VI = 1, LANG_EN = 2 };

/* ---- tokens ------------------------------------------------------------ */

typedef struct tok {
    size_t start, end; /* bytes of the original text */
    char *key, *bare;  /* NULL for punctuation */
    char punct;        /* ',', ';', '/', '&', '+', '(', ')', or 0 */
    unsigned char upper_first, all_upper, marks;
} tok;

typedef struct toks {
    tok *v;
    size_t n, cap;
} toks;

/* ---- phrases: names of units and listed words ------------------------ */

typedef struct phrase {
    char **key, **bare;
    size_t n;
    unsigned cats; /* words: BIT(category) */
    int lang;      /* words: LANG_VI / LANG_EN */
    int unit;      /* names: index into units, else -1 */
    int how;       /* names: r57_match_how_t */
    int caps;      /* a one-word abbreviation in capitals ("MOST", "BTC"):
                         only text in capitals matches it, so "most" and
                         "một" do not */
    int headless;  /* a ministry's name without "Bộ"/"Ministry of"
                         ("Tài chính"): only after "các bộ:" */
    char *name, *of, *since;
} phrase;

typedef struct table {
    phrase *v;
    size_t n, cap;
    size_t *by_bare; /* indices sorted by first word's bare key */
} table;

/* ---- matching ---------------------------------------------------------- */

typedef struct wtok {
    const tok *t;
    size_t ti;   /* index in toks */
    int barrier; /* a ':' or ';' stands before it: no name runs across */
} wtok;

typedef struct hit {
    size_t len;    /* words */
    int exact;     /* every word matched with its diacritics */
    int plural;    /* words: the last word was a plural */
    int minister;  /* names: "Minister of X" read as "Ministry of X" */
    unsigned cats; /* words: categories */
    int lang;      /* words: languages */
    size_t phrase; /* names: the phrase (first of the best) */
    int units[4];  /* names: distinct units of the best hits */
    int nunits;
} hit;

void r57__toks_free(toks *t);
/* Cuts s into words and the punctuation that separates bodies. */
int r57__tokenize(toks *t, const char *s);
void r57__phrase_free(phrase *p);
void r57__phrase_table_free(table *t);
/* Adds a phrase made of text's words (punctuation dropped).  *added is 0
 * when the text has no word. */
int r57__phrase_table_add(table *t, const char *text, phrase proto, int *added);
/* Sorts the phrases by their first bare word (by_bare). */
int r57__phrase_table_index(table *t);
/* Reads a word list (category<TAB>lang<TAB>phrase; path names it in
 * messages) into words. */
int r57__words_parse(table *words, const char *text, size_t len, const char *path);
/* The longest phrase of t at word i: names (names 1) or listed words. */
void r57__phrase_lookup(hit *h, const table *t, const wtok *w, size_t nw, size_t i, int langs,
                        int names, int headless_ok);

#endif /* R57_RESOLVE_WORDS_H */
