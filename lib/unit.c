/* Units: the tree of nation, ministries, provinces, departments, communes. */
#include "store.h"

#include <stdio.h>
#include <string.h>

struct r57_unit {
    char *code, *name, *parent;
    int kind;
};

struct r57_unit_iterator {
    r57__cursor *cursor;
};

static const char *const kind_names[] = { "nation", "ministry", "province",
                                          "department", "commune", "other" };
#define KIND_COUNT ((int)(sizeof kind_names / sizeof kind_names[0]))

const char *r57_unit_kind_name(int kind)
{
    return kind >= 0 && kind < KIND_COUNT ? kind_names[kind] : NULL;
}

int r57_unit_kind_parse(int *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_unit_kind_parse: NULL argument");
    for (int i = 0; i < KIND_COUNT; i++)
        if (strcmp(kind_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL, "unit kind '%s' is not one of nation, ministry, province, "
                                  "department, commune, other", name);
}

static int has_blank(const char *s)
{
    return strpbrk(s, " \t\r\n\v\f") != NULL;
}

int r57_unit_create(r57_db *db, const char *actor, const char *code, const char *name,
                    int kind, const char *parent)
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
        return r57__error(R57_EINVAL, "unit '%s': name is not UTF-8 text (byte 0x%02x at offset "
                                      "%ld)", code, (unsigned char)name[bad], bad);
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
    if (ret == R57_OK && parent && *parent) {
        ret = r57__store_unit_id(db, parent, &parent_id);
        if (ret == R57_ENOTFOUND)
            ret = r57__error(R57_ENOTFOUND, "unit '%s': unknown parent unit code '%s'", code,
                             parent);
    }
    if (ret == R57_OK) {
        char what[300];
        snprintf(what, sizeof what, "create unit '%s'", code);
        ret = r57__access(db, actor, R57_ROLE_ADMINISTRATOR, parent_id, what);
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

static int unit_from_row(const r57__unit_row *row, void *payload)
{
    r57_unit **out = payload, *u;
    if (*out)  /* a second match: the name is ambiguous */
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
    *out = u;
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
    ret = r57__store_unit_by_code(db, code, unit_from_row, out);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", code);
    return ret;
}

int r57_unit_find_by_name(r57_unit **out, r57_db *db, const char *name)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_unit_find_by_name: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_unit_find_by_name", "name", name)) < 0)
        return ret;
    ret = r57__store_unit_by_name(db, name, unit_from_row, out);
    if (ret == R57_ECONFLICT) {
        r57_unit_free(*out);
        *out = NULL;
        return r57__error(R57_ECONFLICT, "several units are named '%s'", name);
    }
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "no unit is named '%s'", name);
    return ret;
}

const char *r57_unit_code(const r57_unit *u) { return u ? u->code : NULL; }
const char *r57_unit_name(const r57_unit *u) { return u ? u->name : NULL; }
int r57_unit_kind(const r57_unit *u) { return u ? u->kind : -1; }
const char *r57_unit_parent(const r57_unit *u) { return u ? u->parent : NULL; }

void r57_unit_free(r57_unit *u)
{
    if (!u)
        return;
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
    return unit_from_row(&row, out);
}

void r57_unit_iterator_free(r57_unit_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}
