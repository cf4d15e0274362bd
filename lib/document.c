/* Issuing documents: notices, decisions, plans, resolutions, directives. */
#include "access.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

struct r57_document {
    char *number, *issuer, *title;
    int kind;
    r57_date issued;
};

struct r57_document_iterator {
    r57__cursor *cursor;
};

static const char *const kind_names[] = { "notice",     "decision",  "plan",
                                          "resolution", "directive", "other" };
#define KIND_COUNT ((int)(sizeof kind_names / sizeof kind_names[0]))

const char *r57_document_kind_name(r57_document_kind_t kind)
{
    return kind >= 0 && kind < KIND_COUNT ? kind_names[kind] : NULL;
}

int r57_document_kind_parse(r57_document_kind_t *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_document_kind_parse: NULL argument");
    for (int i = 0; i < KIND_COUNT; i++)
        if (strcmp(kind_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "document kind '%s' is not one of notice, decision, plan, "
                      "resolution, directive, other",
                      name);
}

int r57_document_create(r57_db *db, const char *actor, const char *number, r57_document_kind_t kind,
                        r57_date issued, const char *issuer, const char *title)
{
    int ret;
    int64_t existing;
    char date[R57_DATE_TEXT_SIZE] = "";
    if (!db)
        return r57__error(R57_EINVAL, "r57_document_create: db is NULL");
    if ((ret = r57__require("r57_document_create", "actor", actor)) < 0 ||
        (ret = r57__require("r57_document_create", "number", number)) < 0)
        return ret;
    if (!r57_document_kind_name(kind))
        return r57__error(R57_EINVAL, "document '%s': kind %d is not a document kind", number,
                          kind);
    if (issued != R57_DATE_NONE && r57_date_format(date, sizeof date, issued) < 0)
        return r57__error(R57_EINVAL, "document '%s': issue date out of range", number);

    if ((ret = r57__store_write_begin(db, "r57_document_create")) < 0)
        return ret;
    ret = r57__store_doc_id(db, number, &existing);
    if (ret == R57_OK)
        ret = r57__error(R57_EEXISTS, "document '%s' exists already", number);
    else if (ret == R57_ENOTFOUND) {
        ret = r57__access_fmt(db, actor, R57_ROLE_MANAGER, -1, "record document '%s'", number);
    }
    if (ret == R57_OK)
        ret = r57__store_doc_insert(db, number, kind, issued, issuer, title);
    if (ret == R57_OK) {
        r57__buf j = R57__BUF_INIT;
        r57__buf_puts(&j, "{\"number\":");
        r57__buf_json_string(&j, number);
        r57__buf_printf(&j, ",\"kind\":\"%s\",\"issued\":", kind_names[kind]);
        r57__buf_json_string(&j, *date ? date : NULL);
        r57__buf_puts(&j, ",\"issuer\":");
        r57__buf_json_string(&j, issuer);
        r57__buf_puts(&j, ",\"title\":");
        r57__buf_json_string(&j, title);
        r57__buf_puts(&j, "}");
        ret = j.failed ? R57_ENOMEM
                       : r57__store_journal(db, actor, "document", number, "create", NULL, j.ptr);
        r57__buf_free(&j);
    }
    return r57__store_write_end(db, ret);
}

static int doc_from_row(const r57__doc_row *row, void *payload)
{
    r57_document **out = payload;
    r57_document *d = r57__calloc(1, sizeof *d);
    if (!d)
        return r57__error_nomem();
    d->number = r57__strdup(row->number);
    d->issuer = r57__strdup(row->issuer ? row->issuer : "");
    d->title = r57__strdup(row->title ? row->title : "");
    d->kind = row->kind;
    d->issued = row->issued;
    if (!d->number || !d->issuer || !d->title) {
        r57_document_free(d);
        return r57__error_nomem();
    }
    *out = d;
    return R57_OK;
}

int r57_document_get(r57_document **out, r57_db *db, const char *number)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_document_get: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_document_get", "number", number)) < 0)
        return ret;
    ret = r57__store_doc_by_number(db, number, doc_from_row, out);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "unknown document '%s'", number);
    return ret;
}

const char *r57_document_number(const r57_document *d) { return d ? d->number : NULL; }
r57_document_kind_t r57_document_kind(const r57_document *d)
{
    return d ? d->kind : R57_DOC_INVALID;
}
r57_date r57_document_issued(const r57_document *d) { return d ? d->issued : R57_DATE_NONE; }
const char *r57_document_issuer(const r57_document *d) { return d ? d->issuer : NULL; }
const char *r57_document_title(const r57_document *d) { return d ? d->title : NULL; }

void r57_document_free(r57_document *d)
{
    if (!d)
        return;
    r57__free(d->number);
    r57__free(d->issuer);
    r57__free(d->title);
    r57__free(d);
}

int r57_document_iterator_new(r57_document_iterator **out, r57_db *db)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_document_iterator_new: out or db is NULL");
    *out = NULL;
    r57_document_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    if ((ret = r57__store_doc_cursor(&it->cursor, db)) < 0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

int r57_document_next(r57_document **out, r57_document_iterator *it)
{
    r57__doc_row row;
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_document_next: out or it is NULL");
    *out = NULL;
    int ret = r57__store_doc_cursor_next(it->cursor, &row);
    return ret < 0 ? ret : doc_from_row(&row, out);
}

void r57_document_iterator_free(r57_document_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

/* ---- the accountability rule ------------------------------------------ */

int r57_accountability_rule_set(r57_db *db, const char *actor, const char *document,
                                const char *rule)
{
    static const char func[] = "r57_accountability_rule_set";
    int ret;
    int64_t doc_id = 0;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0)
        return ret;
    if (rule && r57__blank(rule))
        rule = NULL;
    if (rule && r57__utf8_invalid(rule, strlen(rule)) >= 0)
        return r57__error(R57_EINVAL, "%s: the rule is not UTF-8 text", func);
    if ((ret = r57__store_write_begin(db, func)) < 0)
        return ret;
    if (document) {
        ret = r57__store_doc_id(db, document, &doc_id);
        if (ret == R57_ENOTFOUND)
            ret = r57__error(R57_ENOTFOUND, "%s: unknown document '%s'", func, document);
    }
    if (ret == R57_OK)
        ret = r57__access(db, actor, document ? R57_ROLE_MANAGER : R57_ROLE_ADMINISTRATOR,
                          document ? -1 : 0, "set the accountability rule");
    if (ret == R57_OK)
        ret = document ? r57__store_document_set_rule(db, doc_id, rule)
                       : r57__store_setting_put(db, "accountability_rule", rule);
    if (ret == R57_OK) {
        r57__buf j = R57__BUF_INIT;
        r57__buf_puts(&j, "{\"accountability_rule\":");
        r57__buf_json_string(&j, rule);
        r57__buf_puts(&j, "}");
        ret = j.failed ? r57__error_nomem()
                       : r57__store_journal(db, actor, document ? "document" : "database",
                                            document ? document : "", "rule", NULL, j.ptr);
        r57__buf_free(&j);
    }
    return r57__store_write_end(db, ret);
}
