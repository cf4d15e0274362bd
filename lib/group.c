/* Unit groups: named sets of units outside the unit tree (r57/group.h). */
#include "access.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

typedef struct gname {
    int kind;
    char *name;
} gname;

struct r57_group {
    char *code, *name;
    gname *names;
    size_t n_names;
    char **members;
    size_t n_members;
};

struct r57_group_iterator {
    r57_db *db;
    char **codes;
    size_t n, next;
};

void r57_group_free(r57_group *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_names; i++)
        r57__free(g->names[i].name);
    for (size_t i = 0; i < g->n_members; i++)
        r57__free(g->members[i]);
    r57__free(g->names);
    r57__free(g->members);
    r57__free(g->code);
    r57__free(g->name);
    r57__free(g);
}

static int check_text(const char *func, const char *code, const char *what, const char *text)
{
    if (r57__blank(text))
        return r57__error(R57_EINVAL, "%s: group '%s': the %s is NULL or blank", func,
                          code ? code : "", what);
    long bad = r57__utf8_invalid(text, strlen(text));
    if (bad >= 0)
        return r57__error(R57_EINVAL,
                          "%s: group '%s': the %s is not UTF-8 text (byte 0x%02x at "
                          "offset %ld)",
                          func, code, what, (unsigned char)text[bad], bad);
    return R57_OK;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct found {
    r57_group *g;
    int64_t id;
} found;

static int group_row(const r57__group_row *row, void *payload)
{
    found *f = payload;
    if (f->g)
        return R57_ECONFLICT; /* a second group of that name */
    r57_group *g = r57__calloc(1, sizeof *g);
    if (!g)
        return r57__error_nomem();
    g->code = r57__strdup(row->code);
    g->name = r57__strdup(row->name);
    f->g = g;
    f->id = row->id;
    return g->code && g->name ? R57_OK : r57__error_nomem();
}

static int add_name(int kind, const char *name, void *payload)
{
    r57_group *g = payload;
    gname *n = r57__realloc(g->names, (g->n_names + 1) * sizeof *n);
    if (!n)
        return r57__error_nomem();
    g->names = n;
    n[g->n_names].kind = kind;
    if (!(n[g->n_names].name = r57__strdup(name)))
        return r57__error_nomem();
    g->n_names++;
    return R57_OK;
}

static int add_member(int64_t unit_id, const char *code, void *payload)
{
    r57_group *g = payload;
    (void)unit_id;
    char **m = r57__realloc(g->members, (g->n_members + 1) * sizeof *m);
    if (!m)
        return r57__error_nomem();
    g->members = m;
    if (!(m[g->n_members] = r57__strdup(code)))
        return r57__error_nomem();
    g->n_members++;
    return R57_OK;
}

/* Hands a found group, with its names and members, to *out. */
static int give(r57_group **out, r57_db *db, found *f, int ret)
{
    if (ret == R57_OK)
        ret = r57__store_group_names(db, f->id, add_name, f->g);
    if (ret == R57_OK)
        ret = r57__store_group_members(db, f->id, add_member, f->g);
    if (ret < 0) {
        r57_group_free(f->g);
        return ret;
    }
    *out = f->g;
    return R57_OK;
}

int r57_group_get(r57_group **out, r57_db *db, const char *code)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_group_get: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_group_get", "code", code)) < 0)
        return ret;
    found f = { NULL, 0 };
    ret = r57__store_group_by_code(db, code, group_row, &f);
    if (ret == R57_ENOTFOUND)
        ret = r57__error(R57_ENOTFOUND, "unknown unit group code '%s'", code);
    return give(out, db, &f, ret);
}

int r57_group_find_by_name(r57_group **out, r57_db *db, const char *name)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_group_find_by_name: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_group_find_by_name", "name", name)) < 0)
        return ret;
    found f = { NULL, 0 };
    ret = r57__store_group_by_name(db, name, 0, group_row, &f);
    if (ret == R57_ENOTFOUND)
        ret = r57__store_group_by_name(db, name, 1, group_row, &f);
    if (ret == R57_ECONFLICT) {
        r57_group_free(f.g);
        return r57__error(R57_ECONFLICT, "several unit groups are named '%s'", name);
    }
    if (ret == R57_ENOTFOUND)
        ret = r57__error(R57_ENOTFOUND, "no unit group is named '%s'", name);
    return give(out, db, &f, ret);
}

const char *r57_group_code(const r57_group *g) { return g ? g->code : NULL; }
const char *r57_group_name(const r57_group *g) { return g ? g->name : NULL; }

const char *r57_group_name_en(const r57_group *g)
{
    for (size_t i = 0; g && i < g->n_names; i++)
        if (g->names[i].kind == R57_UNIT_NAME_ENGLISH)
            return g->names[i].name;
    return NULL;
}

size_t r57_group_name_count(const r57_group *g) { return g ? g->n_names : 0; }
const char *r57_group_name_at(const r57_group *g, size_t i)
{
    return g && i < g->n_names ? g->names[i].name : NULL;
}
r57_unit_name_kind_t r57_group_name_kind_at(const r57_group *g, size_t i)
{
    return g && i < g->n_names ? g->names[i].kind : R57_UNIT_NAME_INVALID;
}
size_t r57_group_member_count(const r57_group *g) { return g ? g->n_members : 0; }
const char *r57_group_member_at(const r57_group *g, size_t i)
{
    return g && i < g->n_members ? g->members[i] : NULL;
}

bool r57_group_has_member(const r57_group *g, const char *unit)
{
    for (size_t i = 0; g && unit && i < g->n_members; i++)
        if (strcmp(g->members[i], unit) == 0)
            return 1;
    return 0;
}

static int push_code(const r57__group_row *row, void *payload)
{
    r57_group_iterator *it = payload;
    char **c = r57__realloc(it->codes, (it->n + 1) * sizeof *c);
    if (!c)
        return r57__error_nomem();
    it->codes = c;
    if (!(c[it->n] = r57__strdup(row->code)))
        return r57__error_nomem();
    it->n++;
    return R57_OK;
}

void r57_group_iterator_free(r57_group_iterator *it)
{
    if (!it)
        return;
    for (size_t i = 0; i < it->n; i++)
        r57__free(it->codes[i]);
    r57__free(it->codes);
    r57__free(it);
}

int r57_group_iterator_new(r57_group_iterator **out, r57_db *db)
{
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_group_iterator_new: out or db is NULL");
    *out = NULL;
    r57_group_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    it->db = db;
    /* The codes now (groups are few); each group is read when reached. */
    int ret = r57__store_group_all(db, push_code, it);
    if (ret < 0) {
        r57_group_iterator_free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

int r57_group_next(r57_group **out, r57_group_iterator *it)
{
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_group_next: out or it is NULL");
    *out = NULL;
    if (it->next >= it->n)
        return R57_ITEROVER;
    return r57_group_get(out, it->db, it->codes[it->next++]);
}

/* ---- writing -------------------------------------------------------------- */

static int journal(r57_db *db, const char *actor, const char *code, const char *action,
                   const char *key, const char *value, const char *key2, const char *value2)
{
    r57__buf j = R57__BUF_INIT;
    r57__buf_printf(&j, "{\"%s\":", key);
    r57__buf_json_string(&j, value);
    if (key2) {
        r57__buf_printf(&j, ",\"%s\":", key2);
        r57__buf_json_string(&j, value2);
    }
    r57__buf_puts(&j, "}");
    int ret = j.failed ? r57__error_nomem()
                       : r57__store_journal(db, actor, "group", code, action, NULL, j.ptr);
    r57__buf_free(&j);
    return ret;
}

/* Creates a group inside the caller's write (checked already). */
static int create(r57_db *db, const char *actor, const char *code, const char *name, int64_t *id)
{
    int64_t other;
    int ret = r57__store_group_id(db, code, &other);
    if (ret == R57_OK)
        return r57__error(R57_EEXISTS, "unit group code '%s' exists already", code);
    if (ret != R57_ENOTFOUND)
        return ret;
    ret = r57__store_unit_id(db, code, &other);
    if (ret == R57_OK)
        return r57__error(R57_EEXISTS, "unit group code '%s' is a unit's code", code);
    if (ret != R57_ENOTFOUND)
        return ret;
    ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, 0, "create unit group '%s'", code);
    int added;
    if (ret < 0 || (ret = r57__store_group_insert(db, code, name, id)) < 0 ||
        (ret = r57__store_group_name_add(db, *id, R57_UNIT_NAME_PRIMARY, name, &added)) < 0)
        return ret;
    return journal(db, actor, code, "create", "name", name, NULL, NULL);
}

static int check_code(const char *func, const char *code)
{
    int ret = r57__require(func, "code", code);
    if (ret == R57_OK && strpbrk(code, " \t\r\n\v\f"))
        ret = r57__error(R57_EINVAL, "%s: unit group code '%s' contains whitespace", func, code);
    return ret;
}

int r57_group_create(r57_db *db, const char *actor, const char *code, const char *name)
{
    static const char func[] = "r57_group_create";
    int ret;
    int64_t id;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0 || (ret = check_code(func, code)) < 0 ||
        (ret = check_text(func, code, "name", name)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, func)) < 0)
        return ret;
    ret = create(db, actor, code, name, &id);
    return r57__store_write_end(db, ret);
}

/* The group's id, with the access check, inside the caller's write. */
static int group_for_change(r57_db *db, const char *actor, const char *func, const char *code,
                            int64_t *id)
{
    int ret = r57__store_group_id(db, code, id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "%s: unknown unit group code '%s'", func, code);
    if (ret < 0)
        return ret;
    ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, 0, "change unit group '%s'", code);
    return ret;
}

static int name_add(r57_db *db, const char *actor, int64_t id, const char *code, int kind,
                    const char *name, int *added)
{
    int ret = r57__store_group_name_add(db, id, kind, name, added);
    if (ret == R57_OK && *added)
        ret = journal(db, actor, code, "name", "kind", r57_unit_name_kind_name(kind), "name", name);
    return ret;
}

int r57_group_name_add(r57_db *db, const char *actor, const char *code, r57_unit_name_kind_t kind,
                       const char *name)
{
    static const char func[] = "r57_group_name_add";
    int ret, added;
    int64_t id;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0 || (ret = check_code(func, code)) < 0 ||
        (ret = check_text(func, code, "name", name)) < 0)
        return ret;
    if (kind != R57_UNIT_NAME_ENGLISH && kind != R57_UNIT_NAME_ALIAS)
        return r57__error(R57_EINVAL, "%s: group '%s': kind %d is not en or alias", func, code,
                          kind);
    if ((ret = r57__store_write_begin(db, func)) < 0)
        return ret;
    ret = group_for_change(db, actor, func, code, &id);
    if (ret == R57_OK)
        ret = name_add(db, actor, id, code, kind, name, &added);
    return r57__store_write_end(db, ret);
}

static int member_add(r57_db *db, const char *actor, int64_t id, const char *code, int64_t unit_id,
                      const char *unit, int *added)
{
    int ret = r57__store_group_member_add(db, id, unit_id, added);
    if (ret == R57_OK && *added)
        ret = journal(db, actor, code, "member", "unit", unit, NULL, NULL);
    return ret;
}

int r57_group_add_member(r57_db *db, const char *actor, const char *code, const char *unit)
{
    static const char func[] = "r57_group_add_member";
    int ret, added;
    int64_t id, unit_id;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0 || (ret = check_code(func, code)) < 0 ||
        (ret = r57__require(func, "unit", unit)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, func)) < 0)
        return ret;
    ret = group_for_change(db, actor, func, code, &id);
    if (ret == R57_OK) {
        ret = r57__store_unit_id(db, unit, &unit_id);
        if (ret == R57_ENOTFOUND)
            ret = r57__error(R57_ENOTFOUND, "%s: group '%s': unknown unit code '%s'", func, code,
                             unit);
    }
    if (ret == R57_OK)
        ret = member_add(db, actor, id, code, unit_id, unit, &added);
    return r57__store_write_end(db, ret);
}

/* ---- the registry ----------------------------------------------------------- */

typedef struct kind_members {
    r57_db *db;
    const char *actor, *code;
    int64_t id;
    int kind;
    size_t *changes;
} kind_members;

int r57__group_register(r57_db *db, const char *actor, const r57__group_spec *s, int *created,
                        size_t *changes)
{
    static const char func[] = "r57_unit_registry_load";
    int ret, added;
    int64_t id;
    *created = 0;
    *changes = 0;
    if ((ret = check_code(func, s->code)) < 0 ||
        (ret = check_text(func, s->code, "name", s->name)) < 0)
        return ret;
    for (size_t i = 0; i < s->n_names; i++)
        if ((ret = check_text(func, s->code, "name", s->names[i].name)) < 0)
            return ret;
    ret = r57__store_group_id(db, s->code, &id);
    if (ret == R57_ENOTFOUND) {
        if ((ret = create(db, actor, s->code, s->name, &id)) < 0)
            return ret;
        *created = 1;
    } else if (ret == R57_OK) {
        found f = { NULL, 0 };
        if ((ret = r57__store_group_by_code(db, s->code, group_row, &f)) < 0) {
            r57_group_free(f.g);
            return ret;
        }
        if (strcmp(f.g->name, s->name) != 0) {
            /* The registry's name wins; the old one stays a name of it. */
            ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, 0, "change unit group '%s'",
                                  s->code);
            if (ret == R57_OK && (ret = r57__store_group_update(db, id, s->name)) == R57_OK &&
                (ret = r57__store_group_name_add(db, id, R57_UNIT_NAME_PRIMARY, s->name, &added)) ==
                    R57_OK)
                ret = journal(db, actor, s->code, "update", "name", s->name, NULL, NULL);
            (*changes)++;
        }
        r57_group_free(f.g);
        if (ret < 0)
            return ret;
    } else {
        return ret;
    }
    for (size_t i = 0; i < s->n_names; i++) {
        if ((ret = name_add(db, actor, id, s->code, s->names[i].kind, s->names[i].name, &added)) <
            0)
            return ret;
        *changes += (size_t)added;
    }
    for (size_t i = 0; i < s->n_members; i++) {
        const char *m = s->members[i];
        if (strncmp(m, "kind:", 5) == 0) {
            int kind;
            if ((ret = r57_unit_kind_parse(&kind, m + 5)) < 0)
                return r57__error(R57_EINVAL, "%s: group '%s': member '%s': %s", func, s->code, m,
                                  r57_error_message(r57_error_last()));
            r57_unit_iterator *it;
            r57_unit *u;
            if ((ret = r57_unit_iterator_new(&it, db, NULL)) < 0)
                return ret;
            while ((ret = r57_unit_next(&u, it)) == R57_OK) {
                int64_t uid;
                if (r57_unit_kind(u) == kind &&
                    ((ret = r57__store_unit_id(db, r57_unit_code(u), &uid)) < 0 ||
                     (ret = member_add(db, actor, id, s->code, uid, r57_unit_code(u), &added)) <
                         0)) {
                    r57_unit_free(u);
                    break;
                }
                if (r57_unit_kind(u) == kind)
                    *changes += (size_t)added;
                r57_unit_free(u);
            }
            r57_unit_iterator_free(it);
            if (ret != R57_ITEROVER)
                return ret;
            continue;
        }
        int64_t uid;
        ret = r57__store_unit_id(db, m, &uid);
        if (ret == R57_ENOTFOUND)
            return r57__error(R57_ENOTFOUND, "%s: group '%s': unknown unit code '%s'", func,
                              s->code, m);
        if (ret < 0 || (ret = member_add(db, actor, id, s->code, uid, m, &added)) < 0)
            return ret;
        *changes += (size_t)added;
    }
    return R57_OK;
}
