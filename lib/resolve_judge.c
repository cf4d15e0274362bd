/*
 * The owner resolver's judgement (r57/resolve.h, docs/six-clear.md): each
 * item of a text judged by what it holds (item_kind), the roles, and the
 * resolution with its reason.  resolve.c reads the text into items.
 */
#include "resolve_judge.h"

#include <string.h>

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
void r57__resolve_settle(ctx *c)
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

enum ikind {
    I_SKIP,
    I_UNIT,
    I_COLLECTIVE,
    I_UNKNOWN,
    I_PERSON,
    I_SEVERAL,
    I_VAGUE,
    I_AMBIG,
    I_NAMELESS
};

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
                if (c->e[k].type == E_UNIT &&
                    (!last || strcmp(last, c->rv->units[c->e[k].unit].code) != 0)) {
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
    unsigned level; /* BIT(C_CENTRAL), BIT(C_LOCAL): the levels of the collectives */
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
        case I_AMBIG:
            t->n_ambig++;
            t->ambig_item = (int)i;
            break;
        case I_NAMELESS:
            t->n_nameless++;
            t->nameless_item = (int)i;
            break;
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
        if (r->m[i].role == R57_MATCH_LEAD && strcmp(r->m[i].unit, u->code) == 0 && *r->m[i].note)
            r57__buf_printf(why, ": %s", r->m[i].note);
    int first = 1;
    for (size_t i = 0; i < r->nm; i++)
        if (r->m[i].role == R57_MATCH_COORDINATING) {
            r57__buf_printf(why, "%s%s", first ? "; coordinating: " : ", ", r->m[i].unit);
            first = 0;
        }
    for (size_t i = 0; i < c->nit; i++)
        if (!c->it[i].merged && c->it[i].role == R57_MATCH_COORDINATING && t->kinds[i] != I_UNIT &&
            t->kinds[i] != I_SKIP) {
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
int r57__resolve_judge(r57_resolution *r, ctx *c, r57_resolve_mode_t mode)
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
