/*
 * The owner resolver's working state of one text (resolve.c reads a text
 * into elements and items; resolve_judge.c judges them; not installed).
 */
#ifndef R57_RESOLVE_JUDGE_H
#define R57_RESOLVE_JUDGE_H

#include "resolution.h"
#include "resolve_snapshot.h"

/* ---- elements and items ------------------------------------------------- */

enum el_type { E_UNIT, E_WORD, E_UNK, E_SEP };

typedef struct el {
    int type;
    size_t w0, w1; /* words [w0, w1) */
    unsigned cats;
    int plural;
    int unit;      /* E_UNIT */
    size_t phrase; /* E_UNIT */
    int exact, minister, ambiguous;
    int cand[4], ncand; /* E_UNIT: the units a name fits (ambiguous: more than one) */
    int paren;          /* inside brackets: a note, unless a lead or coordination mark */
    int upper;          /* E_UNK: a capitalised word */
    char sep;           /* E_SEP: ',', ';', '&', 'a' (a word such as "và") */
} el;

typedef struct item {
    size_t e0, e1;             /* elements */
    int role;                  /* R57_MATCH_LEAD / _COORDINATING */
    int lead_mark, coord_mark; /* 1 prefix, 2 postfix */
    unsigned cats;
    int plural, units, unk_upper, unk_lower;
    int ambiguous;
    int unit1;           /* the first unit */
    int merged;          /* continued into the item before */
    int header;          /* "các Bộ:" before a list of ministries */
    int foreign;         /* a unit of one province named with another province */
    int name_after_post; /* a capitalised unknown word after a post or person word */
    int class_beside;    /* a class word that is not a locality's, beside a unit */
    int class_first;     /* a class word before the post ("Ban Bí thư") */
    int ambig;           /* a name that fits several units, not settled */
    char sep_before;
} item;

/* The working state of one resolution. */
typedef struct ctx {
    const resolver *rv;
    const char *text;
    toks tk;
    wtok *w;
    size_t nw;
    el *e;
    size_t ne;
    item *it;
    size_t nit;
    r57_date on;
    int langs; /* LANG_VI, LANG_EN or both */
    r57__buf why;
} ctx;

/* A name several units bear, settled by the locality the item names
 * after it; what stays unsettled is marked. */
void r57__resolve_settle(ctx *c);
/* The resolution of the text from its items: the kind, the unit, the
 * matches and the reason. */
int r57__resolve_judge(r57_resolution *r, ctx *c, r57_resolve_mode_t mode);

#endif /* R57_RESOLVE_JUDGE_H */
