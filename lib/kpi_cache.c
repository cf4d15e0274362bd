/*
 * The KPI engine's per-handle evaluation cache (kpi_internal.h): the unit
 * tree and the unit groups, blocks of values, and the indicators compiled
 * with their references resolved.
 *
 * Evaluation reads values through this cache: for each (element, period)
 * it reads every unit's value once and rolls it up for every unit at once,
 * bottom-up, so evaluating every unit of a tree costs one pass over the
 * values rather than one query per unit and sub-unit.  The cache hangs on
 * the handle with its destructor (the store frees it at close) and is
 * rebuilt when the store's data generation moved since it was built: any
 * write through the handle, any commit of another connection.  A table
 * of every unit and period (kpi_table.c) reads an indicator that is an
 * element, or a ratio of two, straight from that cache, and other
 * indicators through the formula engine.
 */
#include "kpi_internal.h"

#include <string.h>

void r57__kpi_compiled_free(compiled *c)
{
    r57_formula_free(c->f);
    r57__free(c->refs);
}

static void entry_free(entry *e)
{
    if (!e)
        return;
    r57__free(e->code);
    r57__kpi_compiled_free(&e->formula);
    r57__kpi_compiled_free(&e->num);
    r57__kpi_compiled_free(&e->den);
    r57__free(e);
}

/* The destructor the handle keeps beside db->kpi. */
static void cache_destroy(void *cache)
{
    struct r57__kpi_cache *k = cache;
    if (!k)
        return;
    for (int i = 0; i < NBUCKETS; i++)
        for (block *b = k->buckets[i], *next; b; b = next) {
            next = b->next;
            r57__free(b);
        }
    for (entry *e = k->entries, *next; e; e = next) {
        next = e->next;
        entry_free(e);
    }
    for (int i = 0; i < MAXDEPTH; i++)
        r57_formula_result_free(k->results[i]);
    for (int i = 0; i < k->nslots; i++)
        r57__free(k->unit_codes ? k->unit_codes[i] : NULL);
    r57__free(k->unit_codes);
    r57__free(k->group_ids);
    r57__free(k->gstart);
    r57__free(k->gmembers);
    r57__free(k->unit_ids);
    r57__free(k->parent);
    r57__free(k->first_child);
    r57__free(k->next_sibling);
    r57__free(k->upward);
    r57__free(k);
}

void r57__kpi_cache_free(r57_db *db)
{
    if (!db)
        return;
    cache_destroy(db->kpi);
    db->kpi = NULL;
}

typedef struct tree_load {
    struct r57__kpi_cache *k;
    int cap;
    int64_t *parent_ids;
} tree_load;

static int add_unit(int64_t id, int64_t parent_id, const char *code, void *payload)
{
    tree_load *t = payload;
    struct r57__kpi_cache *k = t->k;
    if (k->nunits == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        int64_t *ids = r57__realloc(k->unit_ids, (size_t)cap * sizeof *ids);
        if (!ids)
            return r57__error_nomem();
        k->unit_ids = ids;
        char **codes = r57__realloc(k->unit_codes, (size_t)cap * sizeof *codes);
        if (!codes)
            return r57__error_nomem();
        k->unit_codes = codes;
        int64_t *pids = r57__realloc(t->parent_ids, (size_t)cap * sizeof *pids);
        if (!pids)
            return r57__error_nomem();
        t->parent_ids = pids;
        t->cap = cap;
    }
    k->unit_codes[k->nunits] = r57__strdup(code);
    if (!k->unit_codes[k->nunits])
        return r57__error_nomem();
    k->unit_ids[k->nunits] = id;
    t->parent_ids[k->nunits] = parent_id;
    k->nunits++;
    return R57_OK;
}

/* The index of a unit id (ids are sorted), or -1. */
int r57__kpi_unit_index(const struct r57__kpi_cache *k, int64_t id)
{
    int lo = 0, hi = k->nunits - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (k->unit_ids[mid] == id)
            return mid;
        if (k->unit_ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* k->upward: the units breadth first from the top-level ones, reversed, so
 * that each comes after all of its sub-units.  The unit tree has no cycles
 * (a parent exists before its sub-units); should a damaged file have one,
 * its units come first and read as having no value from below. */
static void upward_order(struct r57__kpi_cache *k)
{
    int n = k->nunits, done = 0;
    int *q = k->upward;
    for (int i = 0; i < n; i++)
        if (k->parent[i] < 0)
            q[done++] = i;
    for (int head = 0; head < done; head++)
        for (int c = k->first_child[q[head]]; c >= 0; c = k->next_sibling[c])
            q[done++] = c;
    for (int i = 0; i < n && done < n; i++) { /* not reached from the top */
        int a = i, steps = 0;
        while (a >= 0 && steps++ <= n)
            a = k->parent[a];
        if (a >= 0)
            q[done++] = i;
    }
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        int x = q[i];
        q[i] = q[j];
        q[j] = x;
    }
}

typedef struct group_load {
    struct r57__kpi_cache *k;
    int cap;
} group_load;

static int add_group(const r57__group_row *row, void *payload)
{
    group_load *g = payload;
    struct r57__kpi_cache *k = g->k;
    int n = k->nslots - k->nunits;
    if (k->nslots == g->cap) {
        int cap = g->cap * 2 + 8;
        char **codes = r57__realloc(k->unit_codes, (size_t)cap * sizeof *codes);
        if (!codes)
            return r57__error_nomem();
        k->unit_codes = codes;
        int64_t *ids = r57__realloc(k->group_ids, (size_t)(cap - k->nunits) * sizeof *ids);
        if (!ids)
            return r57__error_nomem();
        k->group_ids = ids;
        g->cap = cap;
    }
    if (!(k->unit_codes[k->nslots] = r57__strdup(row->code)))
        return r57__error_nomem();
    k->group_ids[n] = row->id;
    k->nslots++;
    return R57_OK;
}

/* The slot of a group id, or -1. */
int r57__kpi_group_slot(const struct r57__kpi_cache *k, int64_t gid)
{
    for (int i = k->nunits; i < k->nslots; i++)
        if (k->group_ids[i - k->nunits] == gid)
            return i;
    return -1;
}

/* Members are read twice: counted per group, then placed at their
 * group's offset (fill: the next free place of each group). */
typedef struct member_load {
    struct r57__kpi_cache *k;
    int *fill; /* NULL while counting */
} member_load;

static int member_row(int64_t gid, int64_t uid, void *payload)
{
    member_load *m = payload;
    struct r57__kpi_cache *k = m->k;
    int g = r57__kpi_group_slot(k, gid), u = r57__kpi_unit_index(k, uid);
    if (g < 0 || u < 0)
        return R57_OK;
    if (m->fill)
        k->gmembers[m->fill[g - k->nunits]++] = u;
    else
        k->gstart[g - k->nunits + 1]++;
    return R57_OK;
}

/* The groups after the units, with their members. */
static int load_groups(r57_db *db, struct r57__kpi_cache *k)
{
    group_load g = { k, k->nunits };
    int ret = r57__store_group_all(db, add_group, &g);
    int ng = k->nslots - k->nunits;
    if (ret < 0 || ng == 0)
        return ret;
    if (!(k->gstart = r57__calloc((size_t)ng + 1, sizeof *k->gstart)))
        return r57__error_nomem();
    member_load m = { k, NULL };
    if ((ret = r57__store_group_members_all(db, member_row, &m)) < 0)
        return ret;
    for (int i = 0; i < ng; i++)
        k->gstart[i + 1] += k->gstart[i];
    k->gmembers = r57__malloc((size_t)(k->gstart[ng] ? k->gstart[ng] : 1) * sizeof(int));
    m.fill = r57__malloc((size_t)ng * sizeof *m.fill);
    if (!k->gmembers || !m.fill) {
        r57__free(m.fill);
        return r57__error_nomem();
    }
    memcpy(m.fill, k->gstart, (size_t)ng * sizeof *m.fill);
    ret = r57__store_group_members_all(db, member_row, &m);
    r57__free(m.fill);
    return ret;
}

/* The nearest unit above (or at) every member of each group: the parent a
 * group inherits from. */
static void group_parents(struct r57__kpi_cache *k)
{
    for (int g = k->nunits; g < k->nslots; g++) {
        int gi = g - k->nunits, anc = -1;
        for (int j = k->gstart[gi]; j < k->gstart[gi + 1]; j++) {
            int u = k->gmembers[j];
            if (anc < 0) {
                anc = k->parent[u];
                continue;
            }
            /* climb from anc until it is an ancestor of u */
            for (;;) {
                int a = u;
                while (a >= 0 && a != anc)
                    a = k->parent[a];
                if (a == anc || anc < 0)
                    break;
                anc = k->parent[anc];
            }
        }
        k->parent[g] = anc;
    }
}

int r57__kpi_cache_get(r57_db *db, struct r57__kpi_cache **out)
{
    uint64_t generation;
    int ret = r57__store_data_generation(db, &generation);
    if (ret < 0)
        return ret;
    struct r57__kpi_cache *k = db->kpi;
    if (k && k->generation == generation) {
        *out = k;
        return R57_OK;
    }
    r57__kpi_cache_free(db);
    if (!(k = r57__calloc(1, sizeof *k)))
        return r57__error_nomem();
    k->generation = generation;
    db->kpi = k;
    db->kpi_free = cache_destroy;
    tree_load t = { k, 0, NULL };
    ret = r57__store_unit_tree(db, add_unit, &t);
    k->nslots = k->nunits;
    if (ret == R57_OK)
        ret = load_groups(db, k);
    if (ret == R57_OK) {
        size_t n = (size_t)(k->nslots ? k->nslots : 1);
        k->parent = r57__malloc(n * sizeof *k->parent);
        k->first_child = r57__malloc(n * sizeof *k->first_child);
        k->next_sibling = r57__malloc(n * sizeof *k->next_sibling);
        k->upward = r57__malloc(n * sizeof *k->upward);
        if (!k->parent || !k->first_child || !k->next_sibling || !k->upward)
            ret = r57__error_nomem();
    }
    if (ret == R57_OK) {
        for (int i = 0; i < k->nslots; i++) {
            k->first_child[i] = k->next_sibling[i] = -1;
            k->parent[i] = -1;
        }
        /* Children are linked in reverse id order; sums do not depend on it. */
        for (int i = 0; i < k->nunits; i++) {
            k->parent[i] = t.parent_ids[i] ? r57__kpi_unit_index(k, t.parent_ids[i]) : -1;
            if (k->parent[i] >= 0) {
                k->next_sibling[i] = k->first_child[k->parent[i]];
                k->first_child[k->parent[i]] = i;
            }
        }
        upward_order(k);
        group_parents(k);
    }
    r57__free(t.parent_ids);
    if (ret < 0) {
        r57__kpi_cache_free(db);
        return ret;
    }
    *out = k;
    return R57_OK;
}

typedef struct fill_ctx {
    struct r57__kpi_cache *k;
    block *b;
    int next; /* the unit index after the last one filled */
} fill_ctx;

static int fill_value(int64_t uid, double value, void *payload)
{
    fill_ctx *c = payload;
    /* Values come in order of unit id, as k->unit_ids is sorted: the unit
     * is most often the one after the last, else it is searched for. */
    int i = c->next;
    if (i >= c->k->nunits || c->k->unit_ids[i] != uid)
        i = r57__kpi_unit_index(c->k, uid);
    if (i >= 0) {
        c->b->cells[i].value = value;
        c->b->flags[i] = CELL_OWN | CELL_VALUE;
        c->next = i + 1;
    }
    return R57_OK;
}

static int fill_group_value(int64_t gid, double value, void *payload)
{
    fill_ctx *c = payload;
    int g = r57__kpi_group_slot(c->k, gid);
    if (g >= 0) {
        c->b->cells[g].value = value;
        c->b->flags[g] = CELL_OWN | CELL_VALUE;
    }
    return R57_OK;
}

/* The sum (or mean) of a group's members' values; 0 when it has no
 * members or one of them has no value (*missing: who lacked it). */
static int group_sum(const struct r57__kpi_cache *k, const block *b, int g, double *v, int *missing)
{
    int gi = g - k->nunits, n = 0;
    double sum = 0;
    for (int j = k->gstart[gi]; j < k->gstart[gi + 1]; j++) {
        int u = k->gmembers[j];
        if (!(b->flags[u] & CELL_VALUE)) {
            *missing = r57__kpi_lacking(b, u);
            return 0;
        }
        sum += b->cells[u].value;
        n++;
    }
    if (!n) {
        *missing = g;
        return 0;
    }
    *v = b->aggregation == R57_AGG_MEAN ? sum / n : sum;
    return 1;
}

/* The roll-up of a block for every unit, sub-units before the units above
 * them: a unit's own value, else the sum (or mean) of its direct
 * sub-units' values in the order they are linked; none when it has no
 * sub-units or one of them has none, and then its cell names the first
 * unit down there without a value. */
static void roll_up(const struct r57__kpi_cache *k, block *b)
{
    for (int i = 0; i < k->nunits; i++) {
        int u = k->upward[i];
        if (b->flags[u] & CELL_OWN)
            continue;
        double sum = 0;
        int n = 0, miss = u;
        for (int c = k->first_child[u]; c >= 0; c = k->next_sibling[c]) {
            if (!(b->flags[c] & CELL_VALUE)) {
                miss = r57__kpi_lacking(b, c);
                n = 0;
                break;
            }
            sum += b->cells[c].value;
            n++;
        }
        if (n) {
            b->cells[u].value = b->aggregation == R57_AGG_MEAN ? sum / n : sum;
            b->flags[u] = CELL_DONE | CELL_VALUE;
        } else {
            b->cells[u].missing = miss;
            b->flags[u] = CELL_DONE;
        }
    }
    /* Then each group without a figure of its own, over its members. */
    for (int g = k->nunits; g < k->nslots; g++) {
        if (b->flags[g] & CELL_OWN)
            continue;
        double v;
        int miss = g;
        if (group_sum(k, b, g, &v, &miss)) {
            b->cells[g].value = v;
            b->flags[g] = CELL_DONE | CELL_VALUE;
        } else {
            b->cells[g].missing = miss;
            b->flags[g] = CELL_DONE;
        }
    }
}

int r57__kpi_block_get(r57_db *db, struct r57__kpi_cache *k, int64_t eid, int aggregation,
                       r57_period period, block **out)
{
    uint64_t h = ((uint64_t)eid * 0x9E3779B97F4A7C15ull) ^
                 ((uint64_t)period * 0xC2B2AE3D27D4EB4Full);
    size_t slot = (size_t)((h >> 20) % NBUCKETS);
    for (block *b = k->buckets[slot]; b; b = b->next)
        if (b->element_id == eid && b->period == period) {
            *out = b;
            return R57_OK;
        }
    size_t n = (size_t)(k->nslots ? k->nslots : 1);
    /* One allocation: the block, its cells, its flags. */
    if (n > (SIZE_MAX - sizeof(block)) / (sizeof(cell) + 1))
        return r57__error_nomem();
    block *b = r57__malloc(sizeof *b + n * (sizeof(cell) + 1));
    if (!b)
        return r57__error_nomem();
    memset(b, 0, sizeof *b);
    b->element_id = eid;
    b->period = period;
    b->aggregation = aggregation;
    b->cells = (cell *)(void *)(b + 1);
    b->flags = (unsigned char *)(b->cells + n);
    memset(b->flags, 0, n);
    fill_ctx c = { k, b, 0 };
    int ret = r57__store_values_of(db, eid, period, fill_value, &c);
    if (ret == R57_OK && k->nslots > k->nunits)
        ret = r57__store_group_values_of(db, eid, period, fill_group_value, &c);
    if (ret < 0) {
        r57__free(b);
        return ret;
    }
    if (aggregation != R57_AGG_INHERIT)
        roll_up(k, b);
    b->next = k->buckets[slot];
    k->buckets[slot] = b;
    *out = b;
    return R57_OK;
}

/* From the sub-units only: sum (or mean) of each direct sub-unit's value
 * (its own, else from its sub-units). */
int r57__kpi_from_subunits(const struct r57__kpi_cache *k, const block *b, int u, double *v,
                           int *missing)
{
    double sum = 0;
    int n = 0;
    if (u >= k->nunits)
        return group_sum(k, b, u, v, missing);
    if (k->first_child[u] < 0) {
        *missing = u;
        return 0;
    }
    for (int c = k->first_child[u]; c >= 0; c = k->next_sibling[c]) {
        if (!(b->flags[c] & CELL_VALUE)) {
            *missing = r57__kpi_lacking(b, c);
            return 0;
        }
        sum += b->cells[c].value;
        n++;
    }
    *v = b->aggregation == R57_AGG_MEAN ? sum / n : sum;
    return 1;
}

static int resolve_refs(compiled *c, r57_db *db, struct r57__kpi_cache *k, const char *code,
                        int depth)
{
    int n = r57_formula_ref_count(c->f);
    c->nrefs = n;
    c->refs = r57__calloc((size_t)(n ? n : 1), sizeof *c->refs);
    if (!c->refs)
        return r57__error_nomem();
    for (int i = 0; i < n; i++) {
        const char *name = r57_formula_ref_name(c->f, i);
        c->refs[i].kind = r57_formula_ref_kind(c->f, i);
        int ret;
        if (c->refs[i].kind == R57_REF_ELEMENT) {
            ret = r57__store_element_find(db, name, &c->refs[i].element_id,
                                          &c->refs[i].aggregation);
            if (ret == R57_ENOTFOUND)
                return r57__error(R57_ENOTFOUND, "indicator '%s': unknown data element '%s'", code,
                                  name);
        } else {
            if (strcmp(name, code) == 0)
                return r57__error(R57_ECYCLE, "indicator '%s' refers to itself", code);
            if (depth >= MAXDEPTH)
                return r57__error(R57_ECYCLE,
                                  "indicator '%s': indicators refer to each other more than %d "
                                  "deep (a cycle?)",
                                  code, MAXDEPTH);
            ret = r57__kpi_entry_get(db, k, name, &c->refs[i].indicator, depth + 1);
            if (ret == R57_ENOTFOUND)
                return r57__error(R57_ENOTFOUND, "indicator '%s': unknown indicator '%s'", code,
                                  name);
        }
        if (ret < 0)
            return ret;
    }
    return R57_OK;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* 1 when the formula's text is its one element reference and blanks
 * (docs/formulas.md: blanks are space, tab, CR, LF; no offset). */
static int is_bare(const compiled *c)
{
    if (c->nrefs != 1 || c->refs[0].kind != R57_REF_ELEMENT)
        return 0;
    const char *name = r57_formula_ref_name(c->f, 0);
    const char *p = skip_blanks(r57_formula_text(c->f));
    size_t n = strlen(name);
    if (strncmp(p, "#{", 2) != 0 || strncmp(p + 2, name, n) != 0 || p[2 + n] != '}')
        return 0;
    return *skip_blanks(p + 3 + n) == '\0';
}

int r57__kpi_compile(compiled *c, r57_db *db, struct r57__kpi_cache *k, const char *code,
                     const char *what, const char *text, int depth)
{
    memset(c, 0, sizeof *c);
    int ret = r57_formula_compile(&c->f, text);
    if (ret < 0) {
        /* The formula's message whole: r57__error_at formats aside before
         * it overwrites the message it is given (error.c). */
        const r57_error *e = r57_error_last();
        return r57__error_at(ret, r57_error_line(e), r57_error_column(e), r57_error_offset(e),
                             "indicator '%s': %s: %s", code, what, r57_error_message(e));
    }
    ret = resolve_refs(c, db, k, code, depth);
    if (ret == R57_OK)
        c->bare = is_bare(c);
    return ret;
}

/* Copies of an indicator row's fields, taken while the row is current. */
typedef struct entry_load {
    int64_t id;
    int rollup;
    double factor;
    char *code, *formula, *numerator, *denominator;
    int failed;
} entry_load;

char *r57__kpi_dup_or_fail(const char *s, int *failed)
{
    char *d = r57__strdup(s);
    if (s && !d)
        *failed = 1;
    return d;
}

static int copy_row(const r57__indicator_row *row, void *payload)
{
    entry_load *l = payload;
    l->id = row->id;
    l->rollup = row->rollup;
    l->factor = row->factor;
    l->code = r57__kpi_dup_or_fail(row->code, &l->failed);
    l->formula = r57__kpi_dup_or_fail(row->formula, &l->failed);
    l->numerator = r57__kpi_dup_or_fail(row->numerator, &l->failed);
    l->denominator = r57__kpi_dup_or_fail(row->denominator, &l->failed);
    return l->failed ? r57__error_nomem() : R57_OK;
}

static void entry_load_free(entry_load *l)
{
    r57__free(l->code);
    r57__free(l->formula);
    r57__free(l->numerator);
    r57__free(l->denominator);
}

/* The compiled indicator with that code, compiling it (and the indicators
 * it refers to) on first use. */
int r57__kpi_entry_get(r57_db *db, struct r57__kpi_cache *k, const char *code, entry **out,
                       int depth)
{
    for (entry *e = k->entries; e; e = e->next)
        if (strcmp(e->code, code) == 0) {
            *out = e;
            return R57_OK;
        }
    entry_load l;
    memset(&l, 0, sizeof l);
    int ret = r57__store_indicator_by_code(db, code, copy_row, &l);
    entry *e = ret == R57_OK ? r57__calloc(1, sizeof *e) : NULL;
    if (ret == R57_OK && !e)
        ret = r57__error_nomem();
    if (ret == R57_OK) {
        e->code = l.code;
        l.code = NULL;
        e->id = l.id;
        e->rollup = l.rollup;
        e->factor = l.factor;
        e->is_ratio = l.formula == NULL;
        if (l.formula)
            ret = r57__kpi_compile(&e->formula, db, k, e->code, "formula", l.formula, depth);
        else
            ret = r57__kpi_compile(&e->num, db, k, e->code, "numerator", l.numerator, depth);
        if (ret == R57_OK && !l.formula)
            ret = r57__kpi_compile(&e->den, db, k, e->code, "denominator", l.denominator, depth);
    }
    entry_load_free(&l);
    if (ret < 0) {
        entry_free(e);
        return ret;
    }
    e->next = k->entries;
    k->entries = e;
    *out = e;
    return R57_OK;
}
