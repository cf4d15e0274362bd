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
 * This file reads a text into elements and items; resolve_judge.c judges
 * them; the tokens, phrase tables and word lists are in resolve_words.c,
 * the snapshot in resolve_snapshot.c, the resolution object and its JSON
 * in resolution.c (each with its private header).
 */
#include "resolve_judge.h"

#include <jansson.h>
#include <string.h>

/* ---- elements and items ------------------------------------------------- */

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
            r57__phrase_lookup(&hn, &c->rv->names, c->w, c->nw, i + 1 < c->nw ? i + 1 : i, langs, 1,
                               1);
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
        if (e->type == E_WORD &&
            (e->cats & (BIT(C_ROLE) | BIT(C_ROLES) | BIT(C_DEPUTY) | BIT(C_PERSON)))) {
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
                             !(cur.cats & ~(BIT(C_MANY) | BIT(C_CLASS) | BIT(C_STOP) | BIT(C_EXEC) |
                                            BIT(C_LOCALITY) | BIT(C_CENTRAL) | BIT(C_LOCAL)));
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
        r57__resolve_settle(&c);
    if (ret == R57_OK)
        ret = r57__resolve_judge(r, &c, mode);
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
        return r57__error(R57_EINVAL, "%s: the text is not UTF-8 (byte 0x%02x at offset %ld)", func,
                          (unsigned char)text[bad], bad);
    return R57_OK;
}

int r57__resolve_borrow(const r57_resolution **out, const char **json, r57_db *db, const char *text,
                        r57_resolve_mode_t mode, r57_date on)
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
