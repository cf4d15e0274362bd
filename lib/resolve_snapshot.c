/*
 * The owner resolver's snapshot (r57/resolve.h): the registry (every name
 * of every unit, with the variants a name is also written as) and the
 * words, read once per handle and hung on it, rebuilt when a unit or name
 * is written (the store bumps a counter) or another connection commits.
 */
#include "resolve_snapshot.h"

#include <string.h>

/* add_variant: the table grew; call again with fresh pointers. */
#define R57_EAGAIN_VARIANT 1

void r57__resolver_entry_clear(centry *e)
{
    r57__free(e->text);
    r57_resolution_free(e->r);
    r57__free(e->json);
    memset(e, 0, sizeof *e);
}

static void resolver_clear(resolver *r)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        r57__resolver_entry_clear(&r->cache[i]);
    for (size_t i = 0; i < r->nunits; i++) {
        r57__free(r->units[i].code);
        r57__free(r->units[i].name);
        r57__free(r->units[i].parent);
    }
    r57__free(r->units);
    r->units = NULL;
    r->nunits = 0;
    r57__phrase_table_free(&r->names);
}

static void resolver_free(void *p)
{
    resolver *r = p;
    if (!r)
        return;
    resolver_clear(r);
    r57__phrase_table_free(&r->words);
    for (size_t i = 0; i < r->nextra; i++)
        r57__free(r->extra_paths[i]);
    r57__free(r->extra_paths);
    r57__free(r);
}

/* ---- the snapshot ------------------------------------------------------- */

/* data/words.tsv, built into the library (lib/meson.build). */
extern const char r57__words_tsv[];
extern const size_t r57__words_tsv_len;

/* The built-in words (unless replaced) and the handle's word files. */
static int words_load_all(resolver *r)
{
    int ret = R57_OK;
    if (!r->words_replaced)
        ret = r57__words_parse(&r->words, r57__words_tsv, r57__words_tsv_len, "data/words.tsv");
    for (size_t i = 0; ret == R57_OK && i < r->nextra; i++) {
        char *text = NULL;
        size_t len = 0;
        ret = r57__read_file(r->extra_paths[i], &text, &len);
        if (ret == R57_OK)
            ret = r57__words_parse(&r->words, text, len, r->extra_paths[i]);
        r57__free(text);
    }
    return ret;
}

static int add_unit(resolver *r, const char *code, const char *name, int kind, const char *parent)
{
    if (r->nunits && strcmp(r->units[r->nunits - 1].code, code) == 0)
        return R57_OK;
    runit *u = r57__realloc(r->units, (r->nunits + 1) * sizeof *u);
    if (!u)
        return r57__error_nomem();
    r->units = u;
    u = &r->units[r->nunits];
    u->code = r57__strdup(code);
    u->name = r57__strdup(name);
    u->parent = parent ? r57__strdup(parent) : NULL;
    u->kind = kind;
    r->nunits++;
    if (!u->code || !u->name || (parent && !u->parent))
        return r57__error_nomem();
    /* The code is a name too ("MOST", "HA-NOI"). */
    phrase proto;
    memset(&proto, 0, sizeof proto);
    proto.unit = (int)r->nunits - 1;
    proto.how = R57_MATCH_CODE;
    int added;
    return r57__phrase_table_add(&r->names, code, proto, &added);
}

/* Adds phrase p's words with words [at, at + len) replaced by q's. */
static int add_variant(table *t, const phrase *p, size_t at, size_t len, const phrase *q)
{
    size_t n = p->n - len + q->n;
    if (t->n == t->cap) {
        size_t cap = t->cap * 2;
        phrase *v = r57__realloc(t->v, cap * sizeof *v);
        if (!v)
            return r57__error_nomem();
        t->v = v;
        t->cap = cap;
        return R57_EAGAIN_VARIANT; /* p moved with the table */
    }
    phrase v;
    memset(&v, 0, sizeof v);
    v.unit = p->unit;
    v.how = p->how;
    v.key = r57__calloc(n, sizeof *v.key);
    v.bare = r57__calloc(n, sizeof *v.bare);
    v.name = p->name ? r57__strdup(p->name) : NULL;
    v.of = p->of ? r57__strdup(p->of) : NULL;
    v.since = p->since ? r57__strdup(p->since) : NULL;
    int bad = !v.key || !v.bare || (p->name && !v.name) || (p->of && !v.of) ||
              (p->since && !v.since);
    for (size_t i = 0, k = 0; !bad && i < p->n; i++) {
        if (i == at) {
            for (size_t j = 0; !bad && j < q->n; j++, k++) {
                v.key[k] = r57__strdup(q->key[j]);
                v.bare[k] = r57__strdup(q->bare[j]);
                bad = !v.key[k] || !v.bare[k];
                v.n = k + 1;
            }
            i += len - 1;
            continue;
        }
        v.key[k] = r57__strdup(p->key[i]);
        v.bare[k] = r57__strdup(p->bare[i]);
        bad = !v.key[k] || !v.bare[k];
        v.n = ++k;
    }
    if (bad) {
        r57__phrase_free(&v);
        return r57__error_nomem();
    }
    t->v[t->n++] = v;
    return R57_OK;
}

/* Words a name may be written with in either form: "UBND" for "Ủy ban nhân
 * dân", "TP" for "Thành phố", "&" for "và"/"and".  Orthography, not
 * verdicts: a name is known in both spellings. */
static const char *const spellings[][2] = {
    { "UBND", "Ủy ban nhân dân" },
    { "UBND", "Uỷ ban nhân dân" },
    { "HĐND", "Hội đồng nhân dân" },
    { "TP", "Thành phố" },
    { "&", "và" },
    { "&", "and" },
};

static int spelling_variants(resolver *r)
{
    table forms;
    memset(&forms, 0, sizeof forms);
    size_t npairs = sizeof spellings / sizeof spellings[0];
    int ret = R57_OK;
    /* forms.v[2k] and [2k + 1]: the two spellings of pair k, as words. */
    for (size_t k = 0; k < npairs && ret == R57_OK; k++)
        for (int side = 0; side < 2 && ret == R57_OK; side++) {
            phrase proto;
            memset(&proto, 0, sizeof proto);
            proto.unit = -1;
            int added;
            ret = r57__phrase_table_add(&forms, spellings[k][side], proto, &added);
        }
    size_t n = r->names.n;
    for (size_t i = 0; i < n && ret == R57_OK; i++) {
        for (size_t k = 0; k < npairs && ret == R57_OK; k++) {
            for (int side = 0; side < 2 && ret == R57_OK; side++) {
                const phrase *from = &forms.v[2 * k + side], *to = &forms.v[2 * k + 1 - side];
                const phrase *p = &r->names.v[i];
                if (p->how == R57_MATCH_CODE)
                    continue;
                for (size_t at = 0; at + from->n <= p->n; at++) {
                    size_t m = 0;
                    while (m < from->n && strcmp(p->key[at + m], from->key[m]) == 0)
                        m++;
                    if (m < from->n)
                        continue;
                    while ((ret = add_variant(&r->names, &r->names.v[i], at, from->n, to)) ==
                           R57_EAGAIN_VARIANT)
                        ;
                    break;
                }
            }
        }
    }
    r57__phrase_table_free(&forms);
    return ret;
}

/* Each ministry's name without its head word, for lists that give the
 * head once: "các Bộ: Tài chính, Công an, Khoa học và Công nghệ",
 * "the Ministries of Finance and Justice". */
static int headless_variants(resolver *r)
{
    size_t n = r->names.n;
    for (size_t i = 0; i < n; i++) {
        const phrase *p = &r->names.v[i];
        size_t skip = 0;
        if (p->how == R57_MATCH_CODE || r->units[p->unit].kind != R57_UNIT_MINISTRY)
            continue;
        if (p->n >= 2 && strcmp(p->bare[0], "bo") == 0)
            skip = 1;
        else if (p->n >= 3 && strcmp(p->key[0], "ministry") == 0 && strcmp(p->key[1], "of") == 0)
            skip = 2;
        if (!skip)
            continue;
        int ret;
        /* The variant: p's words after the head, as a replacement of all
         * of p (at 0, len p->n) by its own tail. */
        phrase tail;
        memset(&tail, 0, sizeof tail);
        tail.key = p->key + skip;
        tail.bare = p->bare + skip;
        tail.n = p->n - skip;
        while ((ret = add_variant(&r->names, &r->names.v[i], 0, r->names.v[i].n, &tail)) ==
               R57_EAGAIN_VARIANT) {
            p = &r->names.v[i];
            tail.key = p->key + skip;
            tail.bare = p->bare + skip;
        }
        if (ret < 0)
            return ret;
        r->names.v[r->names.n - 1].headless = 1;
    }
    return R57_OK;
}

/*
 * A name that holds a locality's or the nation's name ("Đại học Quốc gia
 * Thành phố Hồ Chí Minh", "State Bank of Vietnam") is also written with its
 * other names ("… TP.HCM", "… of Viet Nam"): such variants are added.
 */
static int locality_variants(resolver *r)
{
    size_t n = r->names.n;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            /* Indices, not pointers: the table may grow under us. */
            const phrase *p = &r->names.v[i], *q = &r->names.v[j];
            if (q->unit == p->unit || q->how == R57_MATCH_CODE || q->how == R57_MATCH_PREDECESSOR ||
                (r->units[q->unit].kind != R57_UNIT_PROVINCE &&
                 r->units[q->unit].kind != R57_UNIT_NATION) ||
                q->n >= p->n)
                continue;
            for (size_t at = 0; at + q->n <= p->n; at++) {
                size_t k = 0;
                while (k < q->n && strcmp(p->key[at + k], q->key[k]) == 0)
                    k++;
                if (k < q->n)
                    continue;
                /* Every other name of that locality in its place.  The
                 * table may move as it grows: read it by index only. */
                int qunit = q->unit;
                size_t qn = q->n;
                for (size_t m = 0; m < n; m++) {
                    if (m == j || r->names.v[m].unit != qunit ||
                        r->names.v[m].how == R57_MATCH_CODE ||
                        r->names.v[m].how == R57_MATCH_PREDECESSOR)
                        continue;
                    int ret;
                    while ((ret = add_variant(&r->names, &r->names.v[i], at, qn, &r->names.v[m])) ==
                           R57_EAGAIN_VARIANT)
                        ;
                    if (ret < 0)
                        return ret;
                }
                break;
            }
        }
    }
    return R57_OK;
}

static int snapshot(resolver *r, r57_db *db)
{
    r57__cursor *c = NULL;
    r57__registry_row row;
    int ret = r57__store_registry_cursor(&c, db);
    while (ret == R57_OK && (ret = r57__store_registry_next(c, &row)) == R57_OK) {
        if ((ret = add_unit(r, row.code, row.unit_name, row.unit_kind, row.parent)) < 0)
            break;
        phrase proto;
        memset(&proto, 0, sizeof proto);
        proto.unit = (int)r->nunits - 1;
        proto.how = row.name_kind == R57_UNIT_NAME_PREDECESSOR ? R57_MATCH_PREDECESSOR
                    : row.name_kind == R57_UNIT_NAME_ENGLISH   ? R57_MATCH_ENGLISH
                    : row.name_kind == R57_UNIT_NAME_ALIAS     ? R57_MATCH_ALIAS
                                                               : R57_MATCH_NAME;
        proto.name = r57__strdup(row.name);
        proto.of = row.of ? r57__strdup(row.of) : NULL;
        proto.since = row.since ? r57__strdup(row.since) : NULL;
        int added = 0;
        if (!proto.name || (row.of && !proto.of) || (row.since && !proto.since))
            ret = r57__error_nomem();
        else
            ret = r57__phrase_table_add(&r->names, row.name, proto, &added);
        if (!added) {
            r57__free(proto.name);
            r57__free(proto.of);
            r57__free(proto.since);
        }
    }
    r57__cursor_free(c);
    if (ret == R57_ITEROVER)
        ret = R57_OK;
    if (ret == R57_OK)
        ret = locality_variants(r);
    if (ret == R57_OK)
        ret = headless_variants(r);
    if (ret == R57_OK)
        ret = spelling_variants(r);
    if (ret == R57_OK)
        ret = r57__phrase_table_index(&r->names);
    if (ret == R57_OK && !r->words_ready) {
        ret = words_load_all(r);
        if (ret == R57_OK)
            ret = r57__phrase_table_index(&r->words);
        if (ret < 0)
            r57__phrase_table_free(&r->words);
        r->words_ready = ret == R57_OK;
    }
    return ret;
}

/* The handle's snapshot, rebuilt when the registry changed. */
int r57__resolver_get(resolver **out, r57_db *db)
{
    uint64_t gen;
    int ret = r57__store_units_generation(db, &gen);
    if (ret < 0)
        return ret;
    resolver *r = db->resolver;
    if (r && r->gen == gen && r->names.by_bare) {
        *out = r;
        return R57_OK;
    }
    if (!r) {
        if (!(r = r57__calloc(1, sizeof *r)))
            return r57__error_nomem();
        db->resolver = r;
        db->resolver_free = resolver_free;
    }
    resolver_clear(r);
    if ((ret = snapshot(r, db)) < 0) {
        resolver_clear(r);
        return ret;
    }
    r->gen = gen;
    *out = r;
    return R57_OK;
}

int r57_resolver_words_load(r57_db *db, const char *path, int replace)
{
    if (!db || !path)
        return r57__error(R57_EINVAL, "r57_resolver_words_load: db or path is NULL");
    /* Check the file now, so a bad one is refused here, not at the next
     * resolution. */
    table probe;
    memset(&probe, 0, sizeof probe);
    char *text = NULL;
    size_t len = 0;
    int ret = r57__read_file(path, &text, &len);
    if (ret == R57_OK)
        ret = r57__words_parse(&probe, text, len, path);
    r57__free(text);
    r57__phrase_table_free(&probe);
    if (ret < 0)
        return ret;
    resolver *r = db->resolver;
    if (!r) {
        if (!(r = r57__calloc(1, sizeof *r)))
            return r57__error_nomem();
        db->resolver = r;
        db->resolver_free = resolver_free;
    }
    char *copy = r57__strdup(path);
    char **paths = copy ? r57__realloc(r->extra_paths, (r->nextra + 1) * sizeof *paths) : NULL;
    if (!paths) {
        r57__free(copy);
        return r57__error_nomem();
    }
    r->extra_paths = paths;
    if (replace) {
        for (size_t i = 0; i < r->nextra; i++)
            r57__free(r->extra_paths[i]);
        r->nextra = 0;
        r->words_replaced = 1;
    }
    r->extra_paths[r->nextra++] = copy;
    r->gen = (uint64_t)-1; /* rebuild at the next resolution */
    r57__phrase_table_free(&r->words);
    r->words_ready = 0;
    r57__free(r->names.by_bare);
    r->names.by_bare = NULL;
    return R57_OK;
}
