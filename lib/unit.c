/* Units: the tree of nation, ministries, provinces, departments, communes. */
#include "access.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

typedef struct uname {
    int kind;
    char *name, *of, *since;
} uname;

struct r57_unit {
    char *code, *name, *parent;
    int kind;
    uname *names;
    size_t n_names;
};

struct r57_unit_iterator {
    r57__cursor *cursor;
    r57_db *db;
};

static const char *const kind_names[] = {
    "nation",     "ministry", "province",   "department", "commune",           "other",
    "government", "agency",   "party_body", "state_body", "mass_organisation", "university"
};
#define KIND_COUNT ((int)(sizeof kind_names / sizeof kind_names[0]))

/* Kind names of the registry (data/units_vn.csv) that are kinds above. */
static const struct {
    const char *name;
    int kind;
} kind_aliases[] = {
    { "ministerial_agency", R57_UNIT_MINISTRY },
    { "government_agency", R57_UNIT_AGENCY },
    { "city", R57_UNIT_PROVINCE },
    { "ward", R57_UNIT_COMMUNE },
    { "special_zone", R57_UNIT_COMMUNE },
    { "mass_organization", R57_UNIT_MASS_ORGANISATION },
};

static const char *const name_kind_names[] = { "name", "en", "alias", "predecessor" };

const char *r57_unit_kind_name(r57_unit_kind_t kind)
{
    return kind >= 0 && kind < KIND_COUNT ? kind_names[kind] : NULL;
}

int r57_unit_kind_parse(r57_unit_kind_t *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_unit_kind_parse: NULL argument");
    for (int i = 0; i < KIND_COUNT; i++)
        if (strcmp(kind_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    for (size_t i = 0; i < sizeof kind_aliases / sizeof kind_aliases[0]; i++)
        if (strcmp(kind_aliases[i].name, name) == 0) {
            *out = kind_aliases[i].kind;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "unit kind '%s' is not one of nation, ministry, province, "
                      "department, commune, other, government, agency, party_body, "
                      "state_body, mass_organisation, university",
                      name);
}

const char *r57_unit_name_kind_name(r57_unit_name_kind_t kind)
{
    return kind >= 0 && kind <= R57_UNIT_NAME_PREDECESSOR ? name_kind_names[kind] : NULL;
}

int r57_unit_name_kind_parse(r57_unit_name_kind_t *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_unit_name_kind_parse: NULL argument");
    for (int i = 0; i <= R57_UNIT_NAME_PREDECESSOR; i++)
        if (strcmp(name_kind_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "unit name kind '%s' is not one of name, en, alias, "
                      "predecessor",
                      name);
}

static int has_blank(const char *s) { return strpbrk(s, " \t\r\n\v\f") != NULL; }

int r57_unit_create(r57_db *db, const char *actor, const char *code, const char *name,
                    r57_unit_kind_t kind, const char *parent)
{
    int ret;
    int64_t parent_id = 0;
    if (!db)
        return r57__error(R57_EINVAL, "r57_unit_create: db is NULL");
    if ((ret = r57__require("r57_unit_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_unit_create", "code", code)) < 0 ||
        (ret = r57__require("r57_unit_create", "name", name)) < 0)
        return ret;
    if (has_blank(code))
        return r57__error(R57_EINVAL, "unit code '%s' contains whitespace", code);
    long bad = r57__utf8_invalid(name, strlen(name));
    if (bad >= 0)
        return r57__error(R57_EINVAL,
                          "unit '%s': name is not UTF-8 text (byte 0x%02x at offset "
                          "%ld)",
                          code, (unsigned char)name[bad], bad);
    if (!r57_unit_kind_name(kind))
        return r57__error(R57_EINVAL, "unit '%s': kind %d is not a unit kind", code, kind);

    if ((ret = r57__store_write_begin(db, "r57_unit_create")) < 0)
        return ret;
    int64_t existing;
    ret = r57__store_unit_id(db, code, &existing);
    if (ret == R57_OK)
        ret = r57__error(R57_EEXISTS, "unit code '%s' exists already", code);
    else if (ret == R57_ENOTFOUND)
        ret = R57_OK;
    if (ret == R57_OK) { /* unit and group codes share one space */
        ret = r57__store_group_id(db, code, &existing);
        if (ret == R57_OK)
            ret = r57__error(R57_EEXISTS, "unit code '%s' is a unit group's code", code);
        else if (ret == R57_ENOTFOUND)
            ret = R57_OK;
    }
    if (ret == R57_OK && parent && *parent) {
        ret = r57__store_unit_id(db, parent, &parent_id);
        if (ret == R57_ENOTFOUND)
            ret = r57__error(R57_ENOTFOUND, "unit '%s': unknown parent unit code '%s'", code,
                             parent);
    }
    if (ret == R57_OK) {
        ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, parent_id, "create unit '%s'",
                              code);
    }
    if (ret == R57_OK)
        ret = r57__store_unit_insert(db, code, name, kind, parent_id);
    if (ret == R57_OK) {
        r57__buf j = R57__BUF_INIT;
        r57__buf_puts(&j, "{\"code\":");
        r57__buf_json_string(&j, code);
        r57__buf_puts(&j, ",\"name\":");
        r57__buf_json_string(&j, name);
        r57__buf_printf(&j, ",\"kind\":\"%s\",\"parent\":", kind_names[kind]);
        r57__buf_json_string(&j, parent && *parent ? parent : NULL);
        r57__buf_puts(&j, "}");
        ret = j.failed ? R57_ENOMEM
                       : r57__store_journal(db, actor, "unit", code, "create", NULL, j.ptr);
        r57__buf_free(&j);
    }
    return r57__store_write_end(db, ret);
}

static int add_name(const r57__unit_name_row *row, void *payload)
{
    r57_unit *u = payload;
    uname *n = r57__realloc(u->names, (u->n_names + 1) * sizeof *n);
    if (!n)
        return r57__error_nomem();
    u->names = n;
    n = &u->names[u->n_names];
    n->kind = row->kind;
    n->name = r57__strdup(row->name);
    n->of = row->of ? r57__strdup(row->of) : NULL;
    n->since = row->since ? r57__strdup(row->since) : NULL;
    u->n_names++;
    if (!n->name || (row->of && !n->of) || (row->since && !n->since))
        return r57__error_nomem();
    return R57_OK;
}

/* The unit's names, after the row that made it. */
static int load_names(r57_db *db, r57_unit *u, int64_t id)
{
    int ret = r57__store_unit_names(db, id, add_name, u);
    if (ret < 0) {
        r57_unit_free(u);
        return ret;
    }
    return R57_OK;
}

typedef struct found {
    r57_unit *unit;
    int64_t id;
} found;

static int unit_from_row(const r57__unit_row *row, void *payload)
{
    found *f = payload;
    r57_unit *u;
    if (f->unit) /* a second match: the name is ambiguous */
        return R57_ECONFLICT;
    u = r57__calloc(1, sizeof *u);
    if (!u)
        return r57__error_nomem();
    u->code = r57__strdup(row->code);
    u->name = r57__strdup(row->name);
    u->parent = r57__strdup(row->parent_code);
    u->kind = row->kind;
    if (!u->code || !u->name || (row->parent_code && !u->parent)) {
        r57_unit_free(u);
        return r57__error_nomem();
    }
    f->unit = u;
    f->id = row->id;
    return R57_OK;
}

/* Hands a found unit, with its names, to *out. */
static int give(r57_unit **out, r57_db *db, found *f, int ret)
{
    if (ret < 0) {
        r57_unit_free(f->unit);
        return ret;
    }
    if ((ret = load_names(db, f->unit, f->id)) < 0)
        return ret;
    *out = f->unit;
    return R57_OK;
}

int r57_unit_get(r57_unit **out, r57_db *db, const char *code)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_unit_get: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_unit_get", "code", code)) < 0)
        return ret;
    found f = { NULL, 0 };
    ret = r57__store_unit_by_code(db, code, unit_from_row, &f);
    if (ret == R57_ENOTFOUND)
        ret = r57__error(R57_ENOTFOUND, "unknown unit code '%s'", code);
    return give(out, db, &f, ret);
}

int r57_unit_find_by_name(r57_unit **out, r57_db *db, const char *name)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_unit_find_by_name: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_unit_find_by_name", "name", name)) < 0)
        return ret;
    /* Any of its names, diacritics and case as written first, then
     * without diacritics ("Bo Tai chinh"). */
    found f = { NULL, 0 };
    ret = r57__store_unit_by_name(db, name, unit_from_row, &f);
    if (ret == R57_ENOTFOUND)
        ret = r57__store_unit_by_bare(db, name, unit_from_row, &f);
    if (ret == R57_ECONFLICT) {
        r57_unit_free(f.unit);
        return r57__error(R57_ECONFLICT, "several units are named '%s'", name);
    }
    if (ret == R57_ENOTFOUND)
        ret = r57__error(R57_ENOTFOUND, "no unit is named '%s'", name);
    return give(out, db, &f, ret);
}

const char *r57_unit_code(const r57_unit *u) { return u ? u->code : NULL; }
const char *r57_unit_name(const r57_unit *u) { return u ? u->name : NULL; }
r57_unit_kind_t r57_unit_kind(const r57_unit *u) { return u ? u->kind : R57_UNIT_INVALID; }
const char *r57_unit_parent(const r57_unit *u) { return u ? u->parent : NULL; }

const char *r57_unit_name_en(const r57_unit *u)
{
    for (size_t i = 0; u && i < u->n_names; i++)
        if (u->names[i].kind == R57_UNIT_NAME_ENGLISH)
            return u->names[i].name;
    return NULL;
}

size_t r57_unit_name_count(const r57_unit *u) { return u ? u->n_names : 0; }

const char *r57_unit_name_at(const r57_unit *u, size_t i)
{
    return u && i < u->n_names ? u->names[i].name : NULL;
}

r57_unit_name_kind_t r57_unit_name_kind_at(const r57_unit *u, size_t i)
{
    return u && i < u->n_names ? u->names[i].kind : R57_UNIT_NAME_INVALID;
}

const char *r57_unit_name_of_at(const r57_unit *u, size_t i)
{
    return u && i < u->n_names ? u->names[i].of : NULL;
}

const char *r57_unit_name_since_at(const r57_unit *u, size_t i)
{
    return u && i < u->n_names ? u->names[i].since : NULL;
}

void r57_unit_free(r57_unit *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->n_names; i++) {
        r57__free(u->names[i].name);
        r57__free(u->names[i].of);
        r57__free(u->names[i].since);
    }
    r57__free(u->names);
    r57__free(u->code);
    r57__free(u->name);
    r57__free(u->parent);
    r57__free(u);
}

int r57_unit_iterator_new(r57_unit_iterator **out, r57_db *db, const char *root)
{
    int64_t root_id = 0;
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_unit_iterator_new: out or db is NULL");
    *out = NULL;
    if (root && *root) {
        ret = r57__store_unit_id(db, root, &root_id);
        if (ret == R57_ENOTFOUND)
            return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", root);
        if (ret < 0)
            return ret;
    }
    r57_unit_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    if ((ret = r57__store_unit_cursor(&it->cursor, db, root_id)) < 0) {
        r57__free(it);
        return ret;
    }
    it->db = db;
    *out = it;
    return R57_OK;
}

int r57_unit_next(r57_unit **out, r57_unit_iterator *it)
{
    r57__unit_row row;
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_unit_next: out or it is NULL");
    *out = NULL;
    int ret = r57__store_unit_cursor_next(it->cursor, &row);
    if (ret < 0)
        return ret;
    found f = { NULL, 0 };
    return give(out, it->db, &f, unit_from_row(&row, &f));
}

void r57_unit_iterator_free(r57_unit_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

/* ---- names and the registry ------------------------------------------ */

static int check_name(const char *func, const char *code, const char *name)
{
    if (r57__blank(name))
        return r57__error(R57_EINVAL, "%s: unit '%s': a name is NULL or blank", func, code);
    long bad = r57__utf8_invalid(name, strlen(name));
    if (bad >= 0)
        return r57__error(R57_EINVAL,
                          "%s: unit '%s': name is not UTF-8 text (byte 0x%02x at "
                          "offset %ld)",
                          func, code, (unsigned char)name[bad], bad);
    return R57_OK;
}

static int journal_name(r57_db *db, const char *actor, const char *code, int kind, const char *name,
                        const char *of, const char *since)
{
    r57__buf j = R57__BUF_INIT;
    r57__buf_printf(&j, "{\"kind\":\"%s\",\"name\":", name_kind_names[kind]);
    r57__buf_json_string(&j, name);
    r57__buf_puts(&j, ",\"of\":");
    r57__buf_json_string(&j, of);
    r57__buf_puts(&j, ",\"since\":");
    r57__buf_json_string(&j, since);
    r57__buf_puts(&j, "}");
    int ret = j.failed ? r57__error_nomem()
                       : r57__store_journal(db, actor, "unit", code, "name", NULL, j.ptr);
    r57__buf_free(&j);
    return ret;
}

/* Adds one name inside the caller's write; *added says whether it was new. */
static int name_add(r57_db *db, const char *actor, int64_t id, const char *code, int kind,
                    const char *name, const char *of, const char *since, int *added)
{
    int ret = r57__store_unit_name_add(db, id, kind, name, of, since, added);
    if (ret == R57_OK && *added)
        ret = journal_name(db, actor, code, kind, name, of, since);
    return ret;
}

static int check_since(const char *func, const char *code, const char *since)
{
    r57_date d;
    if (since && *since && r57_date_parse(&d, since) < 0)
        return r57__error(R57_EINVAL, "%s: unit '%s': since '%s' is not a date (YYYY-MM-DD)", func,
                          code, since);
    return R57_OK;
}

int r57_unit_name_add(r57_db *db, const char *actor, const char *code, r57_unit_name_kind_t kind,
                      const char *name, const char *of, const char *since)
{
    static const char func[] = "r57_unit_name_add";
    int ret, added = 0;
    int64_t id;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0 ||
        (ret = r57__require(func, "code", code)) < 0 || (ret = check_name(func, code, name)) < 0 ||
        (ret = check_since(func, code, since)) < 0)
        return ret;
    if (kind < R57_UNIT_NAME_ENGLISH || kind > R57_UNIT_NAME_PREDECESSOR)
        return r57__error(R57_EINVAL,
                          "%s: unit '%s': kind %d is not en, alias or predecessor "
                          "(the primary name is the unit's name)",
                          func, code, kind);
    if (kind != R57_UNIT_NAME_PREDECESSOR && ((of && *of) || (since && *since)))
        return r57__error(R57_EINVAL,
                          "%s: unit '%s': only a predecessor's name has 'of' and "
                          "'since'",
                          func, code);
    if ((ret = r57__store_write_begin(db, func)) < 0)
        return ret;
    ret = r57__store_unit_id(db, code, &id);
    if (ret == R57_ENOTFOUND)
        ret = r57__error(R57_ENOTFOUND, "%s: unknown unit code '%s'", func, code);
    if (ret == R57_OK) {
        ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, id, "name unit '%s'", code);
    }
    if (ret == R57_OK)
        ret = name_add(db, actor, id, code, kind, name, of && *of ? of : NULL,
                       since && *since ? since : NULL, &added);
    return r57__store_write_end(db, ret);
}

int r57__unit_register(r57_db *db, const char *actor, const r57__unit_spec *s, int *created,
                       size_t *changes)
{
    static const char func[] = "r57_unit_registry_load";
    int ret;
    int64_t id, parent_id = 0;
    *created = 0;
    *changes = 0;
    if ((ret = check_name(func, s->code, s->name)) < 0)
        return ret;
    for (size_t i = 0; i < s->n_names; i++)
        if ((ret = check_name(func, s->code, s->names[i].name)) < 0 ||
            (ret = check_since(func, s->code, s->names[i].since)) < 0)
            return ret;
    ret = r57__store_unit_id(db, s->code, &id);
    if (ret == R57_ENOTFOUND) {
        if ((ret = r57_unit_create(db, actor, s->code, s->name, s->kind, s->parent)) < 0 ||
            (ret = r57__store_unit_id(db, s->code, &id)) < 0)
            return ret;
        *created = 1;
    } else if (ret == R57_OK) {
        /* Known: the registry's name, kind and parent win. */
        found f = { NULL, 0 };
        if ((ret = r57__store_unit_by_code(db, s->code, unit_from_row, &f)) < 0)
            return ret;
        if (s->parent && *s->parent && (ret = r57__store_unit_id(db, s->parent, &parent_id)) < 0) {
            r57_unit_free(f.unit);
            return ret == R57_ENOTFOUND
                       ? r57__error(R57_ENOTFOUND, "unit '%s': unknown parent unit code '%s'",
                                    s->code, s->parent)
                       : ret;
        }
        const char *old_parent = f.unit->parent ? f.unit->parent : "";
        const char *new_parent = s->parent ? s->parent : "";
        if (strcmp(f.unit->name, s->name) != 0 || f.unit->kind != s->kind ||
            strcmp(old_parent, new_parent) != 0) {
            ret = r57__access_fmt(db, actor, R57_ROLE_ADMINISTRATOR, id, "change unit '%s'",
                                  s->code);
            /* The old name stays a name of the unit (an alias): documents
             * written with it still name it. */
            if (ret == R57_OK && strcmp(f.unit->name, s->name) != 0) {
                int kept;
                ret = r57__store_unit_name_delete(db, id, R57_UNIT_NAME_PRIMARY, f.unit->name);
                if (ret == R57_OK)
                    ret = r57__store_unit_name_add(db, id, R57_UNIT_NAME_ALIAS, f.unit->name, NULL,
                                                   NULL, &kept);
            }
            if (ret == R57_OK)
                ret = r57__store_unit_update(db, id, s->name, s->kind, parent_id);
            int added;
            if (ret == R57_OK)
                ret = r57__store_unit_name_add(db, id, R57_UNIT_NAME_PRIMARY, s->name, NULL, NULL,
                                               &added);
            if (ret == R57_OK) {
                r57__buf o = R57__BUF_INIT, n = R57__BUF_INIT;
                r57__buf_puts(&o, "{\"name\":");
                r57__buf_json_string(&o, f.unit->name);
                r57__buf_printf(&o, ",\"kind\":\"%s\",\"parent\":", kind_names[f.unit->kind]);
                r57__buf_json_string(&o, f.unit->parent);
                r57__buf_puts(&o, "}");
                r57__buf_puts(&n, "{\"name\":");
                r57__buf_json_string(&n, s->name);
                r57__buf_printf(&n, ",\"kind\":\"%s\",\"parent\":", kind_names[s->kind]);
                r57__buf_json_string(&n, *new_parent ? new_parent : NULL);
                r57__buf_puts(&n, "}");
                ret = o.failed || n.failed
                          ? r57__error_nomem()
                          : r57__store_journal(db, actor, "unit", s->code, "update", o.ptr, n.ptr);
                r57__buf_free(&o);
                r57__buf_free(&n);
                (*changes)++;
            }
        }
        r57_unit_free(f.unit);
        if (ret < 0)
            return ret;
    } else {
        return ret;
    }
    for (size_t i = 0; i < s->n_names; i++) {
        const r57__unit_name_spec *n = &s->names[i];
        int added = 0;
        if ((ret = name_add(db, actor, id, s->code, n->kind, n->name, n->of, n->since, &added)) < 0)
            return ret;
        *changes += (size_t)added;
    }
    return R57_OK;
}
