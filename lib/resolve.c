/*
 * Owner resolution (r57/resolve.h, docs/six-clear.md).
 *
 * A text is cut into word and punctuation tokens, each word keyed by the
 * Unicode fold of lib/text.c (with and without diacritics).  At each word
 * the longest registered unit name and the longest listed word phrase are
 * looked up; the unit wins a tie ("Thủ tướng" is the Prime Minister before
 * it is a post).  The words then split the text into items (on ",", ";",
 * "và", "and", …) and roles (lead, coordinating: "chủ trì", "phối hợp với",
 * "in coordination with"), and each item is judged by what it holds: a
 * unit, a plural or class noun with no proper name (a collective), a
 * class noun with a proper name that is not registered (an unknown body),
 * a post with or without a person's name.  Nothing here is a list of whole
 * phrases from a particular notice: the word lists say what words mean,
 * the rules say how they combine.
 *
 * The registry (every name of every unit) and the words are read once per
 * handle into a snapshot hung on the handle, rebuilt when a unit or name
 * is written (the store bumps a counter) or another connection commits.
 *
 * This file reads and judges a text; the tokens, phrase tables and word
 * lists are in resolve_words.c, the snapshot in resolve_snapshot.c, the
 * resolution object and its JSON in resolution.c (resolve_internal.h).
 */
#include "resolution.h"
#include "resolve_snapshot.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* ---- elements and items ------------------------------------------------- */

enum el_type { E_UNIT, E_WORD, E_UNK, E_SEP };

typedef struct el {
    int type;
    size_t w0, w1;  /* words [w0, w1) */
    unsigned cats;
    int plural;
    int unit;       /* E_UNIT */
    size_t phrase;  /* E_UNIT */
    int exact, minister, ambiguous;
    int cand[4], ncand; /* E_UNIT: the units a name fits (ambiguous: more than one) */
    int paren;      /* inside brackets: a note, unless a lead or coordination mark */
    int upper;      /* E_UNK: a capitalised word */
    char sep;       /* E_SEP: ',', ';', '&', 'a' (a word such as "và") */
} el;

typedef struct item {
    size_t e0, e1;      /* elements */
    int role;           /* R57_MATCH_LEAD / _COORDINATING */
    int lead_mark, coord_mark; /* 1 prefix, 2 postfix */
    unsigned cats;
    int plural, units, unk_upper, unk_lower;
    int ambiguous;
    int unit1;          /* the first unit */
    int merged;         /* continued into the item before */
    int header;         /* "các Bộ:" before a list of ministries */
    int foreign;        /* a unit of one province named with another province */
    int name_after_post;/* a capitalised unknown word after a post or person word */
    int class_beside;   /* a class word that is not a locality's, beside a unit */
    int class_first;    /* a class word before the post ("Ban Bí thư") */
    int ambig;          /* a name that fits several units, not settled */
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

static void ctx_free(ctx *c)
{
    r57__toks_free(&c->tk);
    r57__free(c->w);
    r57__free(c->e);
    r57__free(c->it);
    r57__buf_free(&c->why);
}

/* The language(s) of the text: Vietnamese when a word has diacritics or
 * is a Vietnamese listed word and no English one, and so on; both when
 * it cannot be told. */
static int text_langs(const ctx *c)
{
    int vi = 0, en = 0;
    for (size_t i = 0; i < c->nw; i++) {
        if (c->w[i].t->marks)
            vi += 2;
        hit h;
        r57__phrase_lookup(&h, &c->rv->words, c->w, c->nw, i, LANG_VI, 0, 0);
        vi += h.len > 0;
        r57__phrase_lookup(&h, &c->rv->words, c->w, c->nw, i, LANG_EN, 0, 0);
        en += h.len > 0;
    }
    if (vi > en)
        return LANG_VI;
    if (en > vi)
        return LANG_EN;
    return LANG_VI | LANG_EN;
}

static int push_el(ctx *c, el e)
{
    el *v = r57__realloc(c->e, (c->ne + 1) * sizeof *v);
    if (!v)
        return r57__error_nomem();
    c->e = v;
    c->e[c->ne++] = e;
    return R57_OK;
}

/* Words and punctuation into elements: units, listed words, unknown
 * words, separators. */
static int elements(ctx *c)
{
    int ret = R57_OK;
    c->w = r57__calloc(c->tk.n ? c->tk.n : 1, sizeof *c->w);
    if (!c->w)
        return r57__error_nomem();
    int barrier = 0;
    for (size_t i = 0; i < c->tk.n; i++) {
        if (c->tk.v[i].key) {
            c->w[c->nw++] = (wtok){ &c->tk.v[i], i, barrier };
            barrier = 0;
        } else if (c->tk.v[i].punct == ':' || c->tk.v[i].punct == ';') {
            barrier = 1;
        }
    }
    int langs = c->langs = text_langs(c);
    int listing = 0, paren = 0;
    size_t i = 0, ti = 0;
    while (i < c->nw && ret == R57_OK) {
        /* Punctuation between the previous word and this one. */
        for (; ti < c->w[i].ti && ret == R57_OK; ti++) {
            char p = c->tk.v[ti].punct;
            if (p == '(')
                paren++;
            else if (p == ')' && paren > 0)
                paren--;
            if (p == ',' || p == ';' || p == '/' || p == '&' || p == '+' || p == ':') {
                el s;
                memset(&s, 0, sizeof s);
                s.type = E_SEP;
                s.sep = p == '/' || p == '+' ? '&' : p;
                s.w0 = s.w1 = i;
                /* "các Bộ: Tài chính, Công an": after a class word and a
                 * colon, ministries may be named without "Bộ". */
                if (p == ':' && c->ne && c->e[c->ne - 1].type == E_WORD &&
                    (c->e[c->ne - 1].cats & BIT(C_CLASS)) &&
                    (strcmp(c->w[c->e[c->ne - 1].w0].t->bare, "bo") == 0 ||
                     strncmp(c->w[c->e[c->ne - 1].w0].t->key, "ministr", 7) == 0))
                    listing = 1;
                if (p == ';')
                    listing = 0;
                ret = push_el(c, s);
            }
        }
        ti = c->w[i].ti + 1;
        if (ret < 0)
            break;
        hit hn, hw;
        r57__phrase_lookup(&hn, &c->rv->names, c->w, c->nw, i, langs, 1, listing);
        r57__phrase_lookup(&hw, &c->rv->words, c->w, c->nw, i, langs, 0, 0);
        /* A verb of assignment starts what the text hands the task to:
         * "Giao Bộ Nội vụ …"; "Thủ tướng Chính phủ giao Bộ Khoa học và
         * Công nghệ …" (whoever assigns is not the owner). */
        if ((hw.cats & BIT(C_VERB)) && hw.len >= hn.len) {
            c->ne = 0;
            listing = 0;
            hw.cats = (hw.cats & ~BIT(C_VERB)) | BIT(C_STOP);
        } else {
            hw.cats &= ~BIT(C_VERB);
            if (!hw.cats)
                hw.len = 0;
        }
        el e;
        memset(&e, 0, sizeof e);
        e.w0 = i;
        e.upper = c->w[i].t->upper_first;
        e.paren = paren > 0;
        if (hn.len && hn.len >= hw.len) {
            e.type = E_UNIT;
            e.w1 = i + hn.len;
            e.unit = c->rv->names.v[hn.phrase].unit;
            e.phrase = hn.phrase;
            e.exact = hn.exact;
            e.minister = hn.minister;
            e.ambiguous = hn.nunits > 1;
            e.ncand = hn.nunits;
            for (int u = 0; u < hn.nunits; u++)
                e.cand[u] = hn.units[u];
            if (hn.minister)
                e.cats = BIT(C_ROLE);
        } else if (hw.len) {
            e.w1 = i + hw.len;
            e.cats = hw.cats;
            e.plural = hw.plural;
            if (hw.cats & BIT(C_AND)) {
                e.type = E_SEP;
                e.sep = 'a';
            } else {
                e.type = E_WORD;
            }
        } else if (strcmp(c->w[i].t->key, "&") == 0) {
            e.type = E_SEP;
            e.sep = '&';
            e.w1 = i + 1;
        } else {
            e.type = E_UNK;
            e.w1 = i + 1;
        }
        /* "the Ministries of Finance and Justice": a plural class word and
         * "of" head a list of names given without it; the head is no
         * class of its own then. */
        if (e.type == E_WORD && (e.cats & BIT(C_STOP)) && strcmp(c->w[i].t->key, "of") == 0 &&
            c->ne && c->e[c->ne - 1].type == E_WORD && c->e[c->ne - 1].plural &&
            (c->e[c->ne - 1].cats & BIT(C_CLASS)) && !(c->e[c->ne - 1].cats & BIT(C_QUAL))) {
            r57__phrase_lookup(&hn, &c->rv->names, c->w, c->nw, i + 1 < c->nw ? i + 1 : i, langs, 1, 1);
            if (i + 1 < c->nw && hn.len && c->rv->names.v[hn.phrase].headless) {
                listing = 1;
                c->e[c->ne - 1].cats = BIT(C_STOP);
                c->e[c->ne - 1].plural = 0;
            }
        }
        ret = push_el(c, e);
        i = e.w1;
        if (i < c->nw)
            ti = c->w[i - 1].ti + 1;
    }
    return ret;
}

static int push_item(ctx *c, item it)
{
    item *v = r57__realloc(c->it, (c->nit + 1) * sizeof *v);
    if (!v)
        return r57__error_nomem();
    c->it = v;
    c->it[c->nit++] = it;
    return R57_OK;
}

static void item_tally(ctx *c, item *it)
{
    it->cats = 0;
    it->plural = it->units = it->unk_upper = it->unk_lower = it->ambiguous = 0;
    it->name_after_post = it->class_beside = it->class_first = 0;
    it->unit1 = -1;
    int post = 0, unit_seen = 0, cls = 0;
    for (size_t k = it->e0; k < it->e1; k++) {
        const el *e = &c->e[k];
        if (e->paren)
            continue; /* a note in brackets: "Sở Tài chính (cơ quan thường trực)" */
        /* A post is written before its body ("Bộ trưởng Bộ Công an"); after
         * it the word is a verb ("Chính phủ lãnh đạo, chỉ đạo"). */
        if (e->type == E_WORD && unit_seen &&
            (e->cats & (BIT(C_ROLE) | BIT(C_ROLES) | BIT(C_DEPUTY))) && !(e->cats & BIT(C_CLASS)))
            continue;
        if (e->type == E_WORD && (e->cats & BIT(C_CLASS)) &&
            !(e->cats & (BIT(C_EXEC) | BIT(C_LOCALITY) | BIT(C_ROLE)))) {
            cls = 1;
            /* "Bộ trưởng Bộ Ngoại thương": the capitals after the class
             * word name the body, not the post's holder. */
            post = 0;
        }
        if (e->type == E_WORD && (e->cats & (BIT(C_ROLE) | BIT(C_ROLES) | BIT(C_DEPUTY) |
                                             BIT(C_PERSON)))) {
            if (cls && !post)
                it->class_first = 1;
            post = 1;
        }
        if (e->type == E_UNK && e->upper && post)
            it->name_after_post = 1;
        if (e->type == E_UNIT) {
            unit_seen = 1;
            if (cls)
                it->class_beside = 1;
            int seen = 0;
            for (size_t j = it->e0; j < k; j++)
                seen |= c->e[j].type == E_UNIT && c->e[j].unit == e->unit;
            if (!seen)
                it->units++;
            if (it->unit1 < 0)
                it->unit1 = e->unit;
            it->ambiguous |= e->ambiguous;
            it->cats |= e->cats;
        } else if (e->type == E_WORD) {
            it->cats |= e->cats;
            if (e->plural && (e->cats & (BIT(C_CLASS) | BIT(C_EXEC) | BIT(C_LOCALITY) |
                                         BIT(C_ROLES) | BIT(C_LEVEL))))
                it->plural = 1;
        } else if (e->type == E_UNK) {
            if (e->upper)
                it->unk_upper++;
            else
                it->unk_lower++;
        }
    }
}

/* Whether words follow element k before a ';' or the end (commas and
 * "and" skipped). */
static int body_follows(const ctx *c, size_t k)
{
    for (; k < c->ne; k++) {
        if (c->e[k].type == E_SEP) {
            if (c->e[k].sep == ';')
                return 0;
            continue;
        }
        return 1;
    }
    return 0;
}

/* Elements into items between separators; markers of lead and
 * coordination also end an item and mark the one they belong to. */
static int items(ctx *c)
{
    int ret = R57_OK;
    item cur;
    memset(&cur, 0, sizeof cur);
    char sep = 0;
    size_t k = 0;
    for (; k <= c->ne && ret == R57_OK; k++) {
        int end = k == c->ne || c->e[k].type == E_SEP;
        int marker = !end && c->e[k].type == E_WORD &&
                     (c->e[k].cats & (BIT(C_LEAD) | BIT(C_COORD))) &&
                     !(c->e[k].cats & (BIT(C_CLASS) | BIT(C_ROLE)));
        if (marker) {
            int is_coord = (c->e[k].cats & BIT(C_COORD)) != 0;
            int has_before = k > cur.e0 && cur.e1 > cur.e0;
            /* What follows in the same item decides prefix or postfix. */
            int has_after = k + 1 < c->ne && c->e[k + 1].type != E_SEP &&
                            !(c->e[k + 1].type == E_WORD &&
                              (c->e[k + 1].cats & (BIT(C_LEAD) | BIT(C_COORD))));
            if (has_before) {
                cur.e1 = k;
                if (!has_after) {
                    if (is_coord)
                        cur.coord_mark = 2;
                    else
                        cur.lead_mark = 2;
                }
                cur.sep_before = sep;
                item_tally(c, &cur);
                ret = push_item(c, cur);
                sep = 0;
                memset(&cur, 0, sizeof cur);
                if (has_after) {
                    if (is_coord)
                        cur.coord_mark = 1;
                    else
                        cur.lead_mark = 1;
                }
            } else if (c->nit && !has_after && c->it[c->nit - 1].e1 > 0 &&
                       !body_follows(c, k + 1)) {
                /* "Y, phối hợp" after a separator, with nothing after it:
                 * it marks the item before.  ("…, and coordinate with, the
                 * Ministry of Finance" marks what follows.) */
                if (is_coord)
                    c->it[c->nit - 1].coord_mark = 2;
                else
                    c->it[c->nit - 1].lead_mark = 2;
            } else {
                if (is_coord)
                    cur.coord_mark = 1;
                else
                    cur.lead_mark = 1;
            }
            cur.e0 = k + 1;
            cur.e1 = k + 1;
            continue;
        }
        if (end) {
            if (cur.e1 > cur.e0) {
                cur.sep_before = sep;
                item_tally(c, &cur);
                cur.header = k < c->ne && c->e[k].sep == ':' && !cur.units &&
                             !(cur.cats & ~(BIT(C_MANY) | BIT(C_CLASS) | BIT(C_STOP) |
                                            BIT(C_EXEC) | BIT(C_LOCALITY) | BIT(C_CENTRAL) |
                                            BIT(C_LOCAL)));
                ret = push_item(c, cur);
                sep = 0;
                memset(&cur, 0, sizeof cur);
            }
            /* ';' outranks ',' and "và" in a run of separators. */
            if (k < c->ne && sep != ';')
                sep = c->e[k].sep;
            cur.e0 = cur.e1 = k + 1;
            continue;
        }
        cur.e1 = k + 1;
    }
    /* A name that is not registered may hold "và", "and" or commas of its
     * own ("Sở Khoa học và Công nghệ", "Department of Science and
     * Technology"): capitalised unknown words alone after such a body
     * continue it. */
    for (size_t i = 1; i < c->nit; i++) {
        item *a = &c->it[i - 1], *b = &c->it[i];
        item *base = a;
        for (size_t j = i - 1; base->merged && j > 0; j--)
            base = &c->it[j - 1];
        /* b continues a name when it starts with a capitalised word that
         * is neither a unit nor a listed word. */
        const el *first = &c->e[b->e0];
        while (first < c->e + b->e1 && first->type == E_SEP)
            first++;
        if (b->sep_before == ';' || first >= c->e + b->e1 || first->type != E_UNK ||
            !first->upper ||
            (b->cats & ~(BIT(C_STOP) | BIT(C_LOCALITY) | BIT(C_EXEC) | BIT(C_LEVEL) |
                        BIT(C_CENTRAL) | BIT(C_LOCAL))) ||
            b->lead_mark || b->coord_mark)
            continue;
        if (base->units == 0 && base->unk_upper && (base->cats & BIT(C_CLASS)) &&
            !(base->cats & (BIT(C_MANY) | BIT(C_EACH))) && !base->plural) {
            b->merged = 1;
            base->e1 = b->e1;
            item_tally(c, base);
        }
    }
    return ret;
}

/* ---- judging ------------------------------------------------------------ */

static int unit_index(const resolver *rv, const char *code)
{
    for (size_t i = 0; code && i < rv->nunits; i++)
        if (strcmp(rv->units[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* A name several units bear ("Sở Tài chính" of two provinces) is settled
 * by the locality the item names after it ("Sở Tài chính tỉnh Nghệ An");
 * a unit of one province named with another is no registered unit; what
 * stays unsettled is said, never guessed. */
static void settle(ctx *c)
{
    const resolver *rv = c->rv;
    for (size_t i = 0; i < c->nit; i++) {
        item *it = &c->it[i];
        for (size_t a = it->e0; a < it->e1; a++) {
            el *e = &c->e[a];
            if (e->type != E_UNIT || e->paren)
                continue;
            int loc = -1;
            for (size_t b = a + 1; b < it->e1 && loc < 0; b++)
                if (c->e[b].type == E_UNIT && !c->e[b].paren &&
                    rv->units[c->e[b].unit].kind == R57_UNIT_PROVINCE)
                    loc = c->e[b].unit;
            if (loc >= 0 && rv->units[e->unit].kind != R57_UNIT_PROVINCE) {
                const char *lc = rv->units[loc].code;
                int pick = -1;
                for (int k = 0; k < e->ncand; k++)
                    if (rv->units[e->cand[k]].parent &&
                        strcmp(rv->units[e->cand[k]].parent, lc) == 0)
                        pick = e->cand[k];
                if (pick >= 0) {
                    e->unit = pick;
                    e->ambiguous = 0;
                } else {
                    int par = unit_index(rv, rv->units[e->unit].parent);
                    if (par >= 0 && rv->units[par].kind == R57_UNIT_PROVINCE && par != loc)
                        it->foreign = 1;
                }
            }
            if (e->ambiguous && !it->foreign)
                it->ambig = 1;
        }
    }
}

enum ikind { I_SKIP, I_UNIT, I_COLLECTIVE, I_UNKNOWN, I_PERSON, I_SEVERAL, I_VAGUE, I_AMBIG,
             I_NAMELESS };

static int item_kind(const ctx *c, const item *it)
{
    if (it->header)
        return I_SKIP;
    if (it->foreign)
        return I_UNKNOWN;
    if (it->ambig)
        return I_AMBIG;
    unsigned k = it->cats;
    int classy = (k & (BIT(C_CLASS) | BIT(C_EXEC) | BIT(C_LOCALITY) | BIT(C_ROLES) |
                       BIT(C_LEVEL))) != 0;
    if (it->units == 0 && !it->unk_upper && !it->unk_lower &&
        !(k & ~(BIT(C_STOP) | BIT(C_AREA) | BIT(C_EACH))))
        return I_SKIP;
    /* A plural, a quantity or a level of bodies names no one body —
     * unless it is the executive or locality word of named units ("the
     * People's Committees of Hai Phong and Da Nang"). */
    if (it->units) {
        /* The executive or locality word of named units may be plural
         * ("the People's Committees of Hai Phong and Da Nang"); another
         * plural class beside a unit is a class ("Government agencies"). */
        int plural_other = it->plural && (k & (BIT(C_CLASS) | BIT(C_ROLES)));
        if (it->plural && (k & (BIT(C_EXEC) | BIT(C_LOCALITY))) && !(k & BIT(C_ROLES)))
            plural_other = 0;
        /* "các tỉnh Lào Cai, Lạng Sơn": a plural marker before the
         * locality word of named units lists them; before another class
         * ("các đơn vị thuộc Bộ Công an") it makes a class. */
        int named_list = (k & (BIT(C_EXEC) | BIT(C_LOCALITY))) &&
                         !(k & (BIT(C_ROLES) | BIT(C_QUAL)));
        if (named_list && (k & BIT(C_CLASS))) {
            /* tỉnh, thành phố are class and locality words at once: only a
             * class word that is not also a locality word counts. */
            for (size_t e = it->e0; e < it->e1; e++)
                if (c->e[e].type == E_WORD && (c->e[e].cats & BIT(C_CLASS)) &&
                    !(c->e[e].cats & (BIT(C_EXEC) | BIT(C_LOCALITY))))
                    named_list = 0;
        }
        if (plural_other || (k & BIT(C_EACH)) || ((k & BIT(C_MANY)) && !named_list))
            return I_COLLECTIVE;
        /* A class word right before a unit names a body of it ("Thành ủy
         * Hà Nội", "Đảng ủy UBND tỉnh Quảng Ninh", "Bí thư Tỉnh ủy Quảng
         * Ninh"); put under it ("đơn vị thuộc Bộ Công an") a class of its
         * bodies. */
        if (it->class_beside)
            return (k & BIT(C_LINK)) ? I_COLLECTIVE : I_UNKNOWN;
        if ((k & BIT(C_DEPUTY)) || (k & BIT(C_ROLES)))
            return it->name_after_post ? I_PERSON : I_SEVERAL;
        if ((k & BIT(C_PERSON)) || ((k & BIT(C_ROLE)) && it->unk_upper))
            return I_UNIT; /* a person with the post of that unit */
        /* "Thủ tướng Chính phủ Phạm Minh Chính": the holder of a post the
         * registry has as a unit, named. */
        if (it->unk_upper && c->rv->units[it->unit1].kind == R57_UNIT_GOVERNMENT)
            return I_UNIT;
        /* A body of the unit that the registry does not hold: "Văn phòng
         * Bộ Công an", "Sở Tài chính tỉnh X". */
        if (it->unk_upper)
            return I_UNKNOWN;
        /* A class word put under the unit ("đơn vị thuộc Bộ Công an",
         * "agencies under MOF") is a class of its bodies; one right beside
         * it ("Thành ủy Hà Nội", "Văn phòng Bộ Công an") one body. */
        if ((k & BIT(C_CLASS)) && !(k & (BIT(C_EXEC) | BIT(C_LOCALITY) | BIT(C_ROLE))))
            return (k & BIT(C_LINK)) ? I_COLLECTIVE : I_UNKNOWN;
        return I_UNIT;
    }
    /* "each within its area", "trong phạm vi chức năng, nhiệm vụ": how
     * the bodies named elsewhere act, not a body. */
    if (!classy && !it->unk_upper && (k & (BIT(C_EACH) | BIT(C_AREA))) &&
        !(k & (BIT(C_ROLE) | BIT(C_DEPUTY) | BIT(C_PERSON) | BIT(C_MANY))))
        return I_SKIP;
    if (k & (BIT(C_MANY) | BIT(C_EACH)) && (classy || it->unk_lower))
        return I_COLLECTIVE;
    if (it->plural)
        return I_COLLECTIVE;
    /* "UBND tỉnh", "HĐND thành phố", "Chủ tịch UBND tỉnh": the executive
     * of a locality that the text does not name. */
    if ((k & BIT(C_EXEC)) && !(k & (BIT(C_LEVEL) | BIT(C_QUAL))) && !it->unk_upper &&
        !it->unk_lower)
        return I_NAMELESS;
    /* A post with a person's name after it is that person; a body named
     * with a post word ("Ban Bí thư", "Văn phòng Chủ tịch nước") is a
     * body; a post alone is a post. */
    if (k & (BIT(C_DEPUTY) | BIT(C_ROLES) | BIT(C_PERSON) | BIT(C_ROLE))) {
        if (it->name_after_post && !it->class_first)
            return I_PERSON;
        if (it->class_first || (it->unk_upper && !it->name_after_post))
            return I_UNKNOWN;
        return I_SEVERAL;
    }
    /* A body's proper name, capitalised as names are: in English every
     * word ("Government Party Committee", "Steering Committee"), in
     * Vietnamese the first syllable of every part ("Ban Tổ chức Trung
     * ương", where each part is a listed word).  Singular, with no
     * quantity or qualifier; a level word only inside a Vietnamese name. */
    if (!(k & (BIT(C_MANY) | BIT(C_EACH) | BIT(C_QUAL) | BIT(C_ROLE) | BIT(C_PERSON))) &&
        !(c->langs == LANG_EN && (k & BIT(C_LEVEL))) && (classy || it->unk_upper)) {
        int words = 0, parts = 0, caps = 1, part_caps = 1;
        for (size_t e = it->e0; e < it->e1; e++) {
            const el *x = &c->e[e];
            if (x->type == E_SEP || (x->type == E_WORD && (x->cats & BIT(C_STOP))))
                continue;
            words += (int)(x->w1 - x->w0);
            parts++;
            part_caps &= c->w[x->w0].t->upper_first;
            for (size_t w = x->w0; w < x->w1; w++)
                caps &= c->w[w].t->upper_first;
        }
        if ((caps && words >= 2) || (c->langs == LANG_VI && part_caps && parts >= 3))
            return I_UNKNOWN;
    }
    /* A class word with a capitalised name is one body, even with a level
     * word in its name ("Ban Tuyên giáo Trung ương"). */
    if (it->unk_upper && !(k & BIT(C_QUAL)))
        return I_UNKNOWN;
    if (k & BIT(C_LEVEL))
        return I_COLLECTIVE;
    if (classy || (k & BIT(C_QUAL)))
        return I_COLLECTIVE;
    return I_VAGUE;
}

/* The words of elements [e0, e1) as written. */
static void put_span(ctx *c, r57__buf *b, size_t e0, size_t e1)
{
    while (e0 < e1 && c->e[e0].type == E_SEP)
        e0++;
    while (e1 > e0 && c->e[e1 - 1].type == E_SEP)
        e1--;
    if (e0 >= e1 || c->e[e0].w0 >= c->nw)
        return;
    size_t w1 = c->e[e1 - 1].w1;
    if (w1 == 0 || w1 > c->nw)
        return;
    size_t a = c->w[c->e[e0].w0].t->start, z = c->w[w1 - 1].t->end;
    r57__buf_put(b, c->text + a, z - a);
}

static char *span_dup(ctx *c, size_t e0, size_t e1)
{
    r57__buf b = R57__BUF_INIT;
    put_span(c, &b, e0, e1);
    if (!b.ptr && !b.failed)
        return r57__strdup("");
    return b.failed ? (r57__buf_free(&b), NULL) : r57__buf_detach(&b);
}

static int add_match(r57_resolution *r, ctx *c, const el *e, int role)
{
    const runit *u = &c->rv->units[e->unit];
    const phrase *p = &c->rv->names.v[e->phrase];
    for (size_t i = 0; i < r->nm; i++)
        if (strcmp(r->m[i].unit, u->code) == 0 && r->m[i].role == role)
            return R57_OK;
    struct rmatch *m = r57__realloc(r->m, (r->nm + 1) * sizeof *m);
    if (!m)
        return r57__error_nomem();
    r->m = m;
    m = &r->m[r->nm];
    memset(m, 0, sizeof *m);
    r->nm++;
    m->role = role;
    m->how = p->how;
    m->unit = r57__strdup(u->code);
    m->text = span_dup(c, (size_t)(e - c->e), (size_t)(e - c->e) + 1);
    r57__buf note = R57__BUF_INIT;
    if (p->how == R57_MATCH_PREDECESSOR) {
        r57__buf_printf(&note, "'%s' was merged into %s (%s)", p->of ? p->of : p->name, u->name,
                        u->code);
        if (p->since) {
            r57_date since;
            r57__buf_printf(&note, " on %s", p->since);
            if (c->on != R57_DATE_NONE && r57_date_parse(&since, p->since) == R57_OK &&
                c->on < since)
                r57__buf_puts(&note, ", after this document was issued");
        }
    }
    if (e->ambiguous)
        r57__buf_printf(&note, "%sthe name fits more than one unit; %s was taken",
                        note.len ? "; " : "", u->code);
    if (!e->exact)
        r57__buf_printf(&note, "%swritten without diacritics", note.len ? "; " : "");
    m->note = note.ptr ? r57__buf_detach(&note) : r57__strdup("");
    r57__buf_free(&note);
    if (!m->unit || !m->text || !m->note)
        return r57__error_nomem();
    return R57_OK;
}

/* Lists the codes of the units of kind-k items for the reason. */
static void list_units(ctx *c, r57__buf *b, const int *kinds, int want, int role_lead)
{
    int n = 0;
    for (size_t i = 0; i < c->nit; i++) {
        if (c->it[i].merged || kinds[i] != want || (role_lead && c->it[i].role != R57_MATCH_LEAD))
            continue;
        r57__buf_puts(b, n++ ? ", " : "");
        if (c->it[i].units && want != I_UNKNOWN && want != I_COLLECTIVE) {
            const char *last = NULL;
            for (size_t k = c->it[i].e0; k < c->it[i].e1; k++)
                if (c->e[k].type == E_UNIT && (!last || strcmp(last, c->rv->units[c->e[k].unit].code))) {
                    if (last)
                        r57__buf_puts(b, ", ");
                    last = c->rv->units[c->e[k].unit].code;
                    r57__buf_puts(b, last);
                }
        } else {
            r57__buf_puts(b, "'");
            put_span(c, b, c->it[i].e0, c->it[i].e1);
            r57__buf_puts(b, "'");
        }
    }
}

/* What judge() counts of the items of a text. */
typedef struct tally {
    int *kinds;      /* the ikind of each item */
    int *lead_units; /* the units the lead items name, each once */
    int nlead;
    int n_unit, n_coll, n_unk, n_person, n_several, n_vague, n_ambig, n_nameless;
    int ambig_item, nameless_item, person_item, several_item; /* the last of each, or -1 */
    unsigned level;  /* BIT(C_CENTRAL), BIT(C_LOCAL): the levels of the collectives */
} tally;

/* Each item's role, lead or coordinating, from the marks of lead and
 * coordination ("chủ trì", "phối hợp với") and the clauses (';'). */
static void assign_roles(ctx *c, r57_resolve_mode_t mode)
{
    int explicit_lead = 0;
    for (size_t i = 0; i < c->nit; i++)
        explicit_lead |= c->it[i].lead_mark != 0;
    int state = mode == R57_RESOLVE_LIST ? R57_MATCH_COORDINATING : R57_MATCH_LEAD;
    size_t clause = 0;
    for (size_t i = 0; i < c->nit; i++) {
        item *it = &c->it[i];
        if (it->sep_before == ';' && mode == R57_RESOLVE_LEAD) {
            state = R57_MATCH_LEAD;
            clause = i;
        }
        if (it->coord_mark == 1)
            state = R57_MATCH_COORDINATING;
        if (it->lead_mark == 1)
            state = R57_MATCH_LEAD;
        it->role = state;
        if (mode == R57_RESOLVE_LIST)
            continue;
        if (it->coord_mark == 2) {
            it->role = R57_MATCH_COORDINATING;
            for (size_t j = clause; j < i; j++)
                if (!c->it[j].lead_mark && !c->it[j].coord_mark)
                    c->it[j].role = R57_MATCH_COORDINATING;
            clause = i + 1;
        }
        if (it->lead_mark) {
            it->role = R57_MATCH_LEAD;
            for (size_t j = clause; j < i; j++)
                if (!c->it[j].coord_mark)
                    c->it[j].role = R57_MATCH_LEAD;
            if (it->lead_mark == 2) {
                clause = i + 1;
                state = R57_MATCH_COORDINATING; /* what follows "X chủ trì," coordinates */
            }
        } else if (explicit_lead && !it->coord_mark && state == R57_MATCH_LEAD && i > 0 &&
                   c->it[i - 1].lead_mark == 2) {
            it->role = R57_MATCH_COORDINATING;
        }
    }
    /* Merged pieces take the role of the body they continue. */
    for (size_t i = 1; i < c->nit; i++)
        if (c->it[i].merged)
            c->it[i].role = c->it[i - 1].role;
}

/* The units of a lead item of unit, person or several kind, each once. */
static void add_lead_units(const ctx *c, const item *it, tally *t)
{
    /* A deputy's or a member's unit is not what the text hands the
     * task to ("Phó Thủ tướng …" is not the Prime Minister). */
    if (!it->units || (it->cats & (BIT(C_DEPUTY) | BIT(C_ROLES))))
        return;
    int before = 0;
    for (size_t k = it->e0; k < it->e1; k++) {
        if (c->e[k].type != E_UNIT || c->e[k].paren)
            continue;
        /* A locality right after a unit, in the same item, says
         * which one ("VNU Hanoi"), not a second lead. */
        if (before++ && c->rv->units[c->e[k].unit].kind == R57_UNIT_PROVINCE)
            continue;
        int seen = 0;
        for (int j = 0; j < t->nlead; j++)
            seen |= t->lead_units[j] == c->e[k].unit;
        if (!seen) /* at most one per element */
            t->lead_units[t->nlead++] = c->e[k].unit;
    }
}

/* Judges each item (item_kind), records the units it names as matches,
 * and counts the lead items by kind. */
static int count_items(r57_resolution *r, ctx *c, tally *t)
{
    int ret = R57_OK;
    for (size_t i = 0; i < c->nit; i++) {
        item *it = &c->it[i];
        if (it->cats & (BIT(C_EACH) | BIT(C_AREA)))
            r->each = 1;
        if (it->merged)
            continue;
        int kind = t->kinds[i] = item_kind(c, it);
        /* A deputy's unit is not named as the one the text hands the task
         * to ("Phó Thủ tướng" is not the Prime Minister). */
        for (size_t k = it->e0; k < it->e1 && ret == R57_OK; k++)
            if (c->e[k].type == E_UNIT && kind != I_COLLECTIVE && kind != I_AMBIG &&
                kind != I_UNKNOWN && !c->e[k].paren && !(it->cats & BIT(C_DEPUTY)))
                ret = add_match(r, c, &c->e[k], it->role);
        if (it->role != R57_MATCH_LEAD)
            continue;
        switch (kind) {
        case I_UNIT:
        case I_PERSON:
        case I_SEVERAL:
            add_lead_units(c, it, t);
            if (kind == I_UNIT)
                t->n_unit++;
            else if (kind == I_PERSON) {
                t->n_person++;
                t->person_item = (int)i;
            } else {
                t->n_several++;
                t->several_item = (int)i;
            }
            break;
        case I_COLLECTIVE:
            t->n_coll++;
            t->level |= it->cats & (BIT(C_CENTRAL) | BIT(C_LOCAL));
            break;
        case I_UNKNOWN: t->n_unk++; break;
        case I_VAGUE: t->n_vague++; break;
        case I_AMBIG: t->n_ambig++; t->ambig_item = (int)i; break;
        case I_NAMELESS: t->n_nameless++; t->nameless_item = (int)i; break;
        default: break;
        }
    }
    return ret;
}

/* The level every collective names, when they name one ("central",
 * "local"). */
static int set_group(r57_resolution *r, unsigned level)
{
    if (level == BIT(C_CENTRAL))
        r->group = r57__strdup("central");
    else if (level == BIT(C_LOCAL))
        r->group = r57__strdup("local");
    if ((level == BIT(C_CENTRAL) || level == BIT(C_LOCAL)) && !r->group)
        return r57__error_nomem();
    return R57_OK;
}

/* R57_RESOLVE_LIST: a list of units, or why it is not one. */
static void judge_list(r57_resolution *r, ctx *c, const tally *t)
{
    r57__buf *why = &c->why;
    int coll = 0, unk = 0, any = 0;
    for (size_t i = 0; i < c->nit; i++) {
        if (c->it[i].merged || t->kinds[i] == I_SKIP)
            continue;
        any = 1;
        coll |= t->kinds[i] == I_COLLECTIVE || t->kinds[i] == I_VAGUE;
        unk |= t->kinds[i] == I_UNKNOWN || t->kinds[i] == I_AMBIG || t->kinds[i] == I_NAMELESS;
    }
    if (!any) {
        r->kind = R57_RESOLUTION_VAGUE;
        r57__buf_puts(why, "names no unit");
    } else if (coll) {
        r->kind = R57_RESOLUTION_COLLECTIVE;
        r57__buf_puts(why, "names a class of bodies, not particular units: ");
        list_units(c, why, t->kinds, I_COLLECTIVE, 0);
    } else if (unk) {
        r->kind = R57_RESOLUTION_UNKNOWN;
        r57__buf_puts(why, "not in the registry: ");
        list_units(c, why, t->kinds, I_UNKNOWN, 0);
        r57__buf_puts(why, "; register it or correct the name");
    } else {
        r->kind = R57_RESOLUTION_UNIT;
        r57__buf_printf(why, "%zu unit%s", r->nm, r->nm == 1 ? "" : "s");
    }
}

/* "'<the words of item i>'" into the reason. */
static void quote_item(ctx *c, size_t i)
{
    r57__buf_puts(&c->why, "'");
    put_span(c, &c->why, c->it[i].e0, c->it[i].e1);
    r57__buf_puts(&c->why, "'");
}

/* The words of item i as the resolution's person (NULL when it fails). */
static void set_person(r57_resolution *r, ctx *c, size_t i)
{
    r57__buf person = R57__BUF_INIT;
    put_span(c, &person, c->it[i].e0, c->it[i].e1);
    r->person = person.ptr ? r57__buf_detach(&person) : NULL;
    r57__buf_free(&person);
}

/* A name several registered units bear, not settled by the text. */
static void judge_ambiguous(r57_resolution *r, ctx *c, const tally *t)
{
    r57__buf *why = &c->why;
    const item *it = &c->it[t->ambig_item];
    r->kind = R57_RESOLUTION_VAGUE;
    const el *e = NULL;
    for (size_t k = it->e0; k < it->e1 && !e; k++)
        if (c->e[k].type == E_UNIT && c->e[k].ambiguous)
            e = &c->e[k];
    r57__buf_puts(why, "'");
    put_span(c, why, it->e0, it->e1);
    r57__buf_puts(why, "' fits more than one registered unit (");
    for (int k = 0; e && k < e->ncand; k++)
        r57__buf_printf(why, "%s%s", k ? ", " : "", c->rv->units[e->cand[k]].code);
    r57__buf_puts(why, "): write which (e.g. with its province)");
}

/* A class of bodies ("các bộ, ngành"), perhaps beside named units. */
static void judge_collective(r57_resolution *r, ctx *c, const tally *t)
{
    r57__buf *why = &c->why;
    r->kind = R57_RESOLUTION_COLLECTIVE;
    r57__buf_puts(why, "names a class of bodies, not one unit (");
    list_units(c, why, t->kinds, I_COLLECTIVE, 1);
    r57__buf_puts(why, ")");
    if (t->nlead + t->n_unk)
        r57__buf_puts(why, " beside named units");
    if (r->group)
        r57__buf_printf(why, ": assign it to each unit of the %s level", r->group);
    else if (r->each)
        r57__buf_puts(why, ": assign it to each, or name one lead");
    else
        r57__buf_puts(why, ": name one lead unit, or assign it to each");
}

/* Two or more bodies named as leads. */
static void judge_joint(r57_resolution *r, ctx *c, const tally *t)
{
    r57__buf *why = &c->why;
    r->kind = R57_RESOLUTION_JOINT;
    r57__buf_printf(why, "names %d bodies as joint leads (", t->nlead + t->n_unk);
    for (int j = 0; j < t->nlead; j++)
        r57__buf_printf(why, "%s%s", j ? ", " : "", c->rv->units[t->lead_units[j]].code);
    if (t->n_unk) {
        r57__buf_puts(why, t->nlead ? ", " : "");
        list_units(c, why, t->kinds, I_UNKNOWN, 1);
        r57__buf_puts(why, ", not in the registry");
    }
    r57__buf_puts(why, "): name one lead and make the others coordinating");
    if (r->each)
        r57__buf_puts(why, ", or assign to each (each acts within its own area)");
    else
        r57__buf_puts(why, ", or, if each acts in its own area, assign to each");
}

/* One lead unit: the unit, its notes, and the coordinating units and
 * bodies. */
static int judge_one_lead(r57_resolution *r, ctx *c, const tally *t)
{
    r57__buf *why = &c->why;
    r->kind = R57_RESOLUTION_UNIT;
    r->unit = r57__strdup(c->rv->units[t->lead_units[0]].code);
    if (!r->unit)
        return r57__error_nomem();
    const runit *u = &c->rv->units[t->lead_units[0]];
    r57__buf_printf(why, "%s (%s)", u->code, u->name);
    for (size_t i = 0; i < r->nm; i++)
        if (r->m[i].role == R57_MATCH_LEAD && strcmp(r->m[i].unit, u->code) == 0 &&
            *r->m[i].note)
            r57__buf_printf(why, ": %s", r->m[i].note);
    int first = 1;
    for (size_t i = 0; i < r->nm; i++)
        if (r->m[i].role == R57_MATCH_COORDINATING) {
            r57__buf_printf(why, "%s%s", first ? "; coordinating: " : ", ", r->m[i].unit);
            first = 0;
        }
    for (size_t i = 0; i < c->nit; i++)
        if (!c->it[i].merged && c->it[i].role == R57_MATCH_COORDINATING &&
            t->kinds[i] != I_UNIT && t->kinds[i] != I_SKIP) {
            r57__buf_printf(why, "%s", first ? "; coordinating: " : ", ");
            quote_item(c, i);
            first = 0;
        }
    if (t->n_person || (c->nit && t->person_item >= 0))
        set_person(r, c, (size_t)t->person_item);
    return R57_OK;
}

/* No lead named: only coordinating units, or words that name no unit. */
static void judge_vague(r57_resolution *r, ctx *c, const tally *t)
{
    r57__buf *why = &c->why;
    r->kind = R57_RESOLUTION_VAGUE;
    r57__buf words = R57__BUF_INIT;
    put_span(c, &words, 0, c->ne);
    if (r->nm) {
        r57__buf_puts(why, "names only coordinating units (");
        for (size_t i = 0; i < r->nm; i++)
            r57__buf_printf(why, "%s%s", i ? ", " : "", r->m[i].unit);
        r57__buf_puts(why, "), no lead: name the lead unit");
    } else if (t->n_vague || !words.len || words.failed)
        r57__buf_puts(why, "names no unit");
    else
        r57__buf_printf(why, "names no unit (only words such as '%.*s')", (int)words.len,
                        words.ptr);
    r57__buf_free(&words);
}

/* R57_RESOLVE_LEAD: the one lead unit, or why there is none. */
static int judge_lead(r57_resolution *r, ctx *c, const tally *t)
{
    r57__buf *why = &c->why;
    if (t->n_ambig) {
        judge_ambiguous(r, c, t);
    } else if (t->n_nameless && !t->nlead) {
        r->kind = R57_RESOLUTION_VAGUE;
        quote_item(c, (size_t)t->nameless_item);
        r57__buf_puts(why, " names the People's Committee or Council of no particular province "
                           "or city: write which");
    } else if (t->n_coll) {
        judge_collective(r, c, t);
    } else if (t->nlead + t->n_unk >= 2) {
        judge_joint(r, c, t);
    } else if (t->nlead == 1 && t->n_several && !t->n_unit && !t->n_person) {
        r->kind = R57_RESOLUTION_SEVERAL;
        quote_item(c, (size_t)t->several_item);
        r57__buf_printf(why, " is a post several people of %s hold, and no one is named",
                        c->rv->units[t->lead_units[0]].code);
        r->unit = r57__strdup(c->rv->units[t->lead_units[0]].code);
        if (!r->unit)
            return r57__error_nomem();
    } else if (t->nlead == 1) {
        return judge_one_lead(r, c, t);
    } else if (t->n_unk == 1) {
        r->kind = R57_RESOLUTION_UNKNOWN;
        list_units(c, why, t->kinds, I_UNKNOWN, 1);
        r57__buf_puts(why, " is not in the registry: register it or correct the name");
    } else if (t->n_person) {
        r->kind = R57_RESOLUTION_PERSON;
        set_person(r, c, (size_t)t->person_item);
        r57__buf_printf(why, "names a person ('%s') but no unit", r->person ? r->person : "");
    } else if (t->n_several) {
        r->kind = R57_RESOLUTION_SEVERAL;
        quote_item(c, (size_t)t->several_item);
        r57__buf_puts(why, (c->it[t->several_item].cats & (BIT(C_DEPUTY) | BIT(C_ROLES)))
                               ? " is a post that several people hold, and no one is named"
                               : " names a post, not a body the registry holds, and no "
                                 "person");
    } else {
        judge_vague(r, c, t);
    }
    return R57_OK;
}

/* The resolution of the text from its items: the kind, the unit, the
 * matches and the reason. */
static int judge(r57_resolution *r, ctx *c, r57_resolve_mode_t mode)
{
    tally t;
    memset(&t, 0, sizeof t);
    t.ambig_item = t.nameless_item = t.person_item = t.several_item = -1;
    t.kinds = r57__calloc(c->nit ? c->nit : 1, sizeof *t.kinds);
    if (!t.kinds)
        return r57__error_nomem();
    assign_roles(c, mode);
    t.lead_units = r57__calloc(c->ne ? c->ne : 1, sizeof *t.lead_units);
    if (!t.lead_units) {
        r57__free(t.kinds);
        return r57__error_nomem();
    }
    int ret = count_items(r, c, &t);
    if (ret == R57_OK)
        ret = set_group(r, t.level);
    if (ret == R57_OK && mode == R57_RESOLVE_LIST)
        judge_list(r, c, &t);
    else if (ret == R57_OK)
        ret = judge_lead(r, c, &t);
    r57__free(t.kinds);
    r57__free(t.lead_units);
    if (ret < 0)
        return ret;
    if (c->why.failed)
        return r57__error_nomem();
    r->reason = c->why.ptr ? r57__buf_detach(&c->why) : r57__strdup("");
    return r->reason ? R57_OK : r57__error_nomem();
}

/* A new resolution of text against the snapshot. */
static int resolve_new(r57_resolution **out, const resolver *rv, const char *text,
                       r57_resolve_mode_t mode, r57_date on)
{
    r57_resolution *r = r57__calloc(1, sizeof *r);
    if (!r)
        return r57__error_nomem();
    if (!(r->text = r57__strdup(text))) {
        r57__free(r);
        return r57__error_nomem();
    }
    if (r57__blank(text)) {
        r->kind = R57_RESOLUTION_NONE;
        if (!(r->reason = r57__strdup(""))) {
            r57_resolution_free(r);
            return r57__error_nomem();
        }
        *out = r;
        return R57_OK;
    }
    ctx c;
    memset(&c, 0, sizeof c);
    c.text = text;
    c.on = on;
    c.rv = rv;
    int ret = r57__tokenize(&c.tk, text);
    if (ret == R57_OK)
        ret = elements(&c);
    if (ret == R57_OK)
        ret = items(&c);
    if (ret == R57_OK)
        settle(&c);
    if (ret == R57_OK)
        ret = judge(r, &c, mode);
    ctx_free(&c);
    if (ret < 0) {
        r57_resolution_free(r);
        return ret;
    }
    *out = r;
    return R57_OK;
}

static int check_args(const char *func, r57_db *db, const char *text, r57_resolve_mode_t mode)
{
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if (mode != R57_RESOLVE_LEAD && mode != R57_RESOLVE_LIST)
        return r57__error(R57_EINVAL, "%s: %d is not a resolve mode", func, (int)mode);
    long bad = r57__utf8_invalid(text, strlen(text));
    if (bad >= 0)
        return r57__error(R57_EINVAL, "%s: the text is not UTF-8 (byte 0x%02x at offset %ld)",
                          func, (unsigned char)text[bad], bad);
    return R57_OK;
}

int r57__resolve_borrow(const r57_resolution **out, const char **json, r57_db *db,
                        const char *text, r57_resolve_mode_t mode, r57_date on)
{
    resolver *rv = NULL;
    int ret;
    if (!text)
        text = "";
    if ((ret = check_args("r57_resolve", db, text, mode)) < 0 ||
        (ret = r57__resolver_get(&rv, db)) < 0)
        return ret;
    uint64_t h = 1469598103934665603u ^ (uint64_t)mode ^ ((uint64_t)(uint32_t)on << 8);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    centry *e = &rv->cache[h % CACHE_SLOTS];
    if (!(e->text && e->mode == (int)mode && e->on == on && strcmp(e->text, text) == 0)) {
        centry fresh;
        memset(&fresh, 0, sizeof fresh);
        fresh.mode = (int)mode;
        fresh.on = on;
        json_t *o = NULL;
        ret = resolve_new(&fresh.r, rv, text, mode, on);
        if (ret == R57_OK)
            ret = r57__resolution_to_json(&o, fresh.r);
        if (ret == R57_OK && !(fresh.json = r57__json_dump(o)))
            ret = r57__error_nomem();
        json_decref(o);
        if (ret == R57_OK && !(fresh.text = r57__strdup(text)))
            ret = r57__error_nomem();
        if (ret < 0) {
            r57__resolver_entry_clear(&fresh);
            return ret;
        }
        r57__resolver_entry_clear(e);
        *e = fresh;
    }
    *out = e->r;
    if (json)
        *json = e->json;
    return R57_OK;
}

int r57_resolve(r57_resolution **out, r57_db *db, const char *text, r57_resolve_mode_t mode,
                r57_date on)
{
    const r57_resolution *r;
    if (!out)
        return r57__error(R57_EINVAL, "r57_resolve: out is NULL");
    *out = NULL;
    int ret = r57__resolve_borrow(&r, NULL, db, text, mode, on);
    return ret < 0 ? ret : r57__resolution_copy(out, r);
}
