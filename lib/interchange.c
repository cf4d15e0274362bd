/*
 * JSON and NDJSON export and import (docs/json-format.md), with jansson.
 *
 * Export reads through the storage module's cursors and writes each object
 * with sorted keys; the objects come in a fixed order (units depth first,
 * documents by number, tasks by document and creation, definitions by code
 * with indicators after those they refer to, values by element, period and
 * unit), so the bytes are canonical.  Import checks each object's fields
 * (types, unknown fields) and creates it through the public API, so every
 * rule of the library applies to imported data as to any other.
 */
#include "store.h"

#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DUMP_FLAGS (JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(17))

/* ---- options and reports ---------------------------------------------------- */

int r57_export_options_init(r57_export_options *o, unsigned int version)
{
    if (!o)
        return r57__error(R57_EINVAL, "r57_export_options_init: opts is NULL");
    if (version != R57_EXPORT_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "r57_export_options_init: unknown version %u", version);
    *o = (r57_export_options)R57_EXPORT_OPTIONS_INIT;
    return R57_OK;
}

int r57_import_options_init(r57_import_options *o, unsigned int version)
{
    if (!o)
        return r57__error(R57_EINVAL, "r57_import_options_init: opts is NULL");
    if (version < 1 || version > R57_IMPORT_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "r57_import_options_init: unknown version %u", version);
    /* A caller built against version 1 has the shorter struct. */
    static const r57_import_options defaults = R57_IMPORT_OPTIONS_INIT;
    memcpy(o, &defaults, version == 1 ? offsetof(r57_import_options, strict_units) : sizeof *o);
    o->version = version;
    return R57_OK;
}

int r57__import_options_copy(r57_import_options *dst, const r57_import_options *src,
                             const char *func)
{
    static const r57_import_options defaults = R57_IMPORT_OPTIONS_INIT;
    *dst = defaults;
    if (!src)
        return R57_OK;
    if (src->version < 1 || src->version > R57_IMPORT_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "%s: unknown options version %u", func, src->version);
    memcpy(dst, src, src->version == 1 ? offsetof(r57_import_options, strict_units) : sizeof *dst);
    dst->version = R57_IMPORT_OPTIONS_VERSION;
    return R57_OK;
}

uint64_t r57_import_report_units(const r57_import_report *r) { return r ? r->units : 0; }
uint64_t r57_import_report_documents(const r57_import_report *r) { return r ? r->documents : 0; }
uint64_t r57_import_report_tasks(const r57_import_report *r) { return r ? r->tasks : 0; }
uint64_t r57_import_report_values(const r57_import_report *r) { return r ? r->values : 0; }
uint64_t r57_import_report_other(const r57_import_report *r) { return r ? r->other : 0; }
uint64_t r57_import_report_last_line(const r57_import_report *r) { return r ? r->last_line : 0; }
size_t r57_import_report_created_unit_count(const r57_import_report *r)
{
    return r ? r->ncreated : 0;
}
const char *r57_import_report_created_unit(const r57_import_report *r, size_t i)
{
    return r && i < r->ncreated ? r->created[i] : NULL;
}

void r57_import_report_free(r57_import_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ncreated; i++)
        r57__free(r->created[i]);
    r57__free(r->created);
    r57__free(r);
}

int r57__report_add_unit(r57_import_report *r, const char *code)
{
    char **c = r57__realloc(r->created, (r->ncreated + 1) * sizeof *c);
    if (!c)
        return r57__error_nomem();
    r->created = c;
    if (!(c[r->ncreated] = r57__strdup(code)))
        return r57__error_nomem();
    r->ncreated++;
    r->units++;
    return R57_OK;
}

r57_import_report *r57__report_new(void) { return r57__calloc(1, sizeof(r57_import_report)); }

/* ---- export ------------------------------------------------------------------ */

typedef struct out {
    r57_write_fn write;
    void *payload;
    int ret; /* first failure, kept */
    int ndjson;
    int first;              /* no item written yet in the current array */
    unsigned long failures; /* r57__alloc_failures() when the export began */
} out;

static void emit(out *o, const char *s, size_t n)
{
    if (o->ret == R57_OK) {
        o->ret = r57__callback_rc(o->write(s, n, o->payload),
                                  "export stopped by the write callback");
    }
}

static void emits(out *o, const char *s) { emit(o, s, strlen(s)); }

static int dump_cb(const char *buffer, size_t size, void *data)
{
    emit(data, buffer, size);
    return ((out *)data)->ret == R57_OK ? 0 : -1;
}

/*
 * Writes one object (takes the reference) as an array item or an NDJSON
 * line.  The objects are built without checking each member added: an
 * allocation that failed while building one (jansson then leaves the member
 * out) shows in the allocator's failure count, and the export fails with
 * R57_ENOMEM rather than write an object with a field missing.
 */
static void item(out *o, const char *type, json_t *obj)
{
    if (o->ndjson && obj)
        json_object_set_new(obj, "type", json_string(type));
    if ((!obj || r57__alloc_failures() != o->failures) && o->ret == R57_OK)
        o->ret = r57__error_nomem();
    if (o->ret == R57_OK) {
        if (!o->ndjson)
            emits(o, o->first ? "\n" : ",\n");
        if (json_dump_callback(obj, dump_cb, o, DUMP_FLAGS) < 0 && o->ret == R57_OK)
            o->ret = r57__error_nomem();
        if (o->ndjson)
            emits(o, "\n");
    }
    o->first = 0;
    json_decref(obj);
}

static void section(out *o, const char *name, int first_section)
{
    if (o->ndjson)
        return;
    emits(o, first_section ? "\n\"" : "],\n\"");
    emits(o, name);
    emits(o, "\":[");
    o->first = 1;
}

/*
 * Adds a string member unless NULL or empty (canonical: absent = unset).
 * Text that is not UTF-8 (only the C API can store it) cannot be written as
 * JSON: the export fails naming the object and the field rather than leave
 * the field out.
 */
static void put_str(out *o, json_t *obj, const char *key, const char *v)
{
    if (!v || !*v)
        return;
    long bad = r57__utf8_invalid(v, strlen(v));
    if (bad >= 0) {
        const char *id = json_string_value(json_object_get(obj, "code"));
        if (!id)
            id = json_string_value(json_object_get(obj, "ref"));
        if (!id)
            id = json_string_value(json_object_get(obj, "number"));
        if (o->ret == R57_OK)
            o->ret = r57__error(R57_EINVAL,
                                "export: '%s': \"%s\" is not UTF-8 text (byte 0x%02x at offset "
                                "%ld), which JSON cannot carry",
                                id ? id : "?", key, (unsigned char)v[bad], bad);
        return;
    }
    json_object_set_new(obj, key, json_string(v));
}

static void put_date(json_t *obj, const char *key, r57_date d)
{
    char buf[R57_DATE_TEXT_SIZE];
    if (d != R57_DATE_NONE && r57_date_format(buf, sizeof buf, d) == R57_OK)
        json_object_set_new(obj, key, json_string(buf));
}

static void put_period(json_t *obj, const char *key, int64_t p)
{
    char buf[R57_PERIOD_TEXT_SIZE];
    if (p && r57_period_format(buf, sizeof buf, p) == R57_OK)
        json_object_set_new(obj, key, json_string(buf));
}

/* A sorted set of strings (unit codes, document numbers) for filters. */
typedef struct strset {
    char **v;
    size_t n, cap;
    int sorted;
} strset;

static int set_add(strset *s, const char *str)
{
    if (!str || !*str)
        return R57_OK;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        char **v = r57__realloc(s->v, cap * sizeof *v);
        if (!v)
            return r57__error_nomem();
        s->v = v;
        s->cap = cap;
    }
    if (!(s->v[s->n] = r57__strdup(str)))
        return r57__error_nomem();
    s->n++;
    s->sorted = 0;
    return R57_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int set_has(strset *s, const char *str)
{
    if (!str || s->n == 0)
        return 0;
    if (!s->sorted) {
        qsort(s->v, s->n, sizeof *s->v, cmp_str);
        s->sorted = 1;
    }
    return s->n && bsearch(&str, s->v, s->n, sizeof *s->v, cmp_str) != NULL;
}

/* A task's key in a set: its document's number and its ref, whole, the
 * number's length first so that no '#' in either makes two tasks one. */
static int task_key(char **key, const char *document, const char *ref)
{
    return r57__strfmt(key, "%zu:%s#%s", strlen(document), document, ref);
}

static int set_add_task(strset *s, const char *document, const char *ref)
{
    char *key;
    int ret = task_key(&key, document, ref);
    if (ret == R57_OK)
        ret = set_add(s, key);
    r57__free(key);
    return ret;
}

static void set_free(strset *s)
{
    for (size_t i = 0; i < s->n; i++)
        r57__free(s->v[i]);
    r57__free(s->v);
}

typedef struct filter {
    int active;              /* a unit or document filter is set */
    strset units, documents; /* what the exported tasks and values need */
    strset tasks_out;        /* "document#ref" of the exported tasks (when active) */
    r57_period period;
    r57__task_filter tasks;
} filter;

static json_t *task_json(out *o, const r57__task_row *r)
{
    json_t *t = json_object();
    if (!t)
        return NULL;
    put_str(o, t, "document", r->document);
    put_str(o, t, "ref", r->ref);
    put_str(o, t, "parent", r->parent_ref);
    put_str(o, t, "title", r->title);
    put_str(o, t, "owner_unit", r->owner_unit);
    put_str(o, t, "owner", r->owner);
    put_str(o, t, "owner_person", r->owner_person);
    put_str(o, t, "accountability_unit", r->accountability_unit);
    put_str(o, t, "accountability", r->accountability);
    put_str(o, t, "product", r->product);
    put_str(o, t, "authority_unit", r->authority_unit);
    put_str(o, t, "authority", r->authority);
    put_str(o, t, "deadline", r->deadline);
    put_str(o, t, "coordinating", r->coordinating);
    json_object_set_new(t, "status", json_string(r57_task_status_name(r->status)));
    put_date(t, "done_on", r->done_on);
    if (r->key_category != R57_KEY_NONE)
        json_object_set_new(t, "key", json_string(r57_key_category_name(r->key_category)));
    if (r->resolution) {
        /* Written by json_dumpb; only memory can make it unreadable, and
         * an export that silently dropped it would not round-trip. */
        json_t *res = json_loads(r->resolution, 0, NULL);
        if (!res || json_object_set_new(t, "resolution", res) < 0) {
            json_decref(t);
            return NULL;
        }
    }
    return t;
}

static int add_coord_json(const char *code, void *payload)
{
    return json_array_append_new(payload, json_string(code)) == 0 ? R57_OK : r57__error_nomem();
}

typedef struct inst_ctx {
    json_t *arr;
} inst_ctx;

static int add_instance_json(r57_date start, r57_date done_on, void *payload)
{
    json_t *o = json_object();
    if (!o)
        return r57__error_nomem();
    put_date(o, "period_start", start);
    put_date(o, "done_on", done_on);
    return json_array_append_new(((inst_ctx *)payload)->arr, o) == 0 ? R57_OK : r57__error_nomem();
}

static int add_coord_code(const char *code, void *payload) { return set_add(payload, code); }

/* Collects the units and documents the filtered tasks and values need. */
static int collect(r57_db *db, filter *f)
{
    r57__cursor *c;
    r57__task_row row;
    int ret = r57__store_task_cursor(&c, db, &f->tasks);
    while (ret == R57_OK && (ret = r57__store_task_cursor_next(c, &row)) == R57_OK) {
        if ((ret = set_add(&f->documents, row.document)) == R57_OK &&
            (ret = set_add(&f->units, row.owner_unit)) == R57_OK &&
            (ret = set_add(&f->units, row.accountability_unit)) == R57_OK)
            ret = set_add(&f->units, row.authority_unit);
        if (ret == R57_OK)
            ret = r57__store_task_coords(db, row.id, add_coord_code, &f->units);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* A unit's other names, as {"kind","name"[,"of"][,"since"]}. */
static int add_name_json(const r57__unit_name_row *n, void *payload)
{
    if (n->kind == R57_UNIT_NAME_PRIMARY)
        return R57_OK;
    json_t *j = json_pack("{s:s,s:s}", "kind", r57_unit_name_kind_name(n->kind), "name", n->name);
    if (!j)
        return r57__error_nomem();
    if (n->of)
        json_object_set_new(j, "of", json_string(n->of));
    if (n->since)
        json_object_set_new(j, "since", json_string(n->since));
    return json_array_append_new(payload, j) == 0 ? R57_OK : r57__error_nomem();
}

static int export_units(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    r57__unit_row row;
    int ret;
    if (f->active) {
        /* Parents of included units are included too: import needs them. */
        strset add = { 0 };
        int grew = 1;
        while (grew && (ret = R57_OK) == R57_OK) {
            grew = 0;
            if ((ret = r57__store_unit_cursor_tree(&c, db)) < 0)
                return ret;
            while ((ret = r57__store_unit_cursor_next(c, &row)) == R57_OK)
                if (set_has(&f->units, row.code) && row.parent_code &&
                    !set_has(&f->units, row.parent_code) && !set_has(&add, row.parent_code))
                    if ((ret = set_add(&add, row.parent_code)) < 0)
                        break;
            r57__cursor_free(c);
            if (ret != R57_ITEROVER) {
                set_free(&add);
                return ret;
            }
            for (size_t i = 0; i < add.n; i++)
                if ((ret = set_add(&f->units, add.v[i])) < 0) {
                    set_free(&add);
                    return ret;
                }
            grew = add.n > 0;
            set_free(&add);
            memset(&add, 0, sizeof add);
        }
    }
    section(o, "units", 1);
    if ((ret = r57__store_unit_cursor_tree(&c, db)) < 0)
        return ret;
    while ((ret = r57__store_unit_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        if (f->active && !set_has(&f->units, row.code))
            continue;
        json_t *u = json_object();
        if (u) {
            put_str(o, u, "code", row.code);
            put_str(o, u, "name", row.name);
            json_object_set_new(u, "kind", json_string(r57_unit_kind_name(row.kind)));
            put_str(o, u, "parent", row.parent_code);
            json_t *names = json_array();
            if (!names || (ret = r57__store_unit_names(db, row.id, add_name_json, names)) < 0) {
                json_decref(names);
                json_decref(u);
                r57__cursor_free(c);
                return names ? ret : r57__error_nomem();
            }
            if (json_array_size(names))
                json_object_set_new(u, "names", names);
            else
                json_decref(names);
        }
        item(o, "unit", u);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

typedef struct group_json {
    out *o;
    json_t *arr;
    filter *f;
} group_json;

static int add_group_name_json(int kind, const char *name, void *payload)
{
    group_json *g = payload;
    if (kind == R57_UNIT_NAME_PRIMARY)
        return R57_OK; /* it is the group's "name" */
    json_t *j = json_object();
    if (!j)
        return r57__error_nomem();
    json_object_set_new(j, "kind", json_string(r57_unit_name_kind_name(kind)));
    put_str(g->o, j, "name", name);
    return json_array_append_new(g->arr, j) == 0 ? R57_OK : r57__error_nomem();
}

static int add_member_json(int64_t unit_id, const char *code, void *payload)
{
    group_json *g = payload;
    (void)unit_id;
    if (g->f->active && !set_has(&g->f->units, code))
        return R57_OK;
    return json_array_append_new(g->arr, json_string(code)) == 0 ? R57_OK : r57__error_nomem();
}

typedef struct group_list {
    size_t n;
    int64_t *ids;
    char **codes, **names;
} group_list;

static int list_group(const r57__group_row *row, void *payload)
{
    group_list *l = payload;
    int64_t *ids = r57__realloc(l->ids, (l->n + 1) * sizeof *ids);
    char **codes = ids ? r57__realloc(l->codes, (l->n + 1) * sizeof *codes) : NULL;
    char **names = codes ? r57__realloc(l->names, (l->n + 1) * sizeof *names) : NULL;
    if (ids)
        l->ids = ids;
    if (codes)
        l->codes = codes;
    if (names)
        l->names = names;
    if (!names)
        return r57__error_nomem();
    l->ids[l->n] = row->id;
    l->codes[l->n] = r57__strdup(row->code);
    l->names[l->n] = r57__strdup(row->name);
    l->n++;
    return l->codes[l->n - 1] && l->names[l->n - 1] ? R57_OK : r57__error_nomem();
}

/* Unit groups by code, with their names and members (with a filter, the
 * members among the exported units). */
static int export_groups(r57_db *db, out *o, filter *f)
{
    group_list l = { 0, NULL, NULL, NULL };
    int ret = r57__store_group_all(db, list_group, &l);
    section(o, "groups", 0);
    for (size_t i = 0; ret == R57_OK && i < l.n && o->ret == R57_OK; i++) {
        json_t *g = json_object(), *names = json_array(), *members = json_array();
        if (!g || !names || !members) {
            json_decref(g);
            json_decref(names);
            json_decref(members);
            ret = r57__error_nomem();
            break;
        }
        put_str(o, g, "code", l.codes[i]);
        put_str(o, g, "name", l.names[i]);
        group_json gn = { o, names, f }, gm = { o, members, f };
        if ((ret = r57__store_group_names(db, l.ids[i], add_group_name_json, &gn)) == R57_OK)
            ret = r57__store_group_members(db, l.ids[i], add_member_json, &gm);
        if (json_array_size(names))
            json_object_set(g, "names", names);
        json_object_set(g, "members", members);
        json_decref(names);
        json_decref(members);
        if (ret < 0) {
            json_decref(g);
            break;
        }
        item(o, "group", g);
    }
    for (size_t i = 0; i < l.n; i++) {
        r57__free(l.codes[i]);
        r57__free(l.names[i]);
    }
    r57__free(l.ids);
    r57__free(l.codes);
    r57__free(l.names);
    return ret;
}

static int export_documents(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    r57__doc_row row;
    int ret;
    section(o, "documents", 0);
    if ((ret = r57__store_doc_cursor(&c, db)) < 0)
        return ret;
    while ((ret = r57__store_doc_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        if (f->active && !set_has(&f->documents, row.number))
            continue;
        json_t *d = json_object();
        if (d) {
            put_str(o, d, "number", row.number);
            json_object_set_new(d, "kind", json_string(r57_document_kind_name(row.kind)));
            put_date(d, "issued", row.issued);
            put_str(o, d, "issuer", row.issuer);
            put_str(o, d, "title", row.title);
        }
        item(o, "document", d);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int export_elements(r57_db *db, out *o)
{
    r57__cursor *c;
    r57__element_row row;
    int ret;
    section(o, "elements", 0);
    if ((ret = r57__store_element_cursor(&c, db)) < 0)
        return ret;
    while ((ret = r57__store_element_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        json_t *e = json_object();
        if (e) {
            put_str(o, e, "code", row.code);
            put_str(o, e, "name", row.name);
            put_str(o, e, "measure", row.measure);
            json_object_set_new(e, "aggregation",
                                json_string(r57_aggregation_name(row.aggregation)));
        }
        item(o, "element", e);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* Does formula text refer to indicator `code` (I{code})? */
static int refers_to(const char *text, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = text ? strstr(text, "I{") : NULL; p; p = strstr(p + 2, "I{"))
        if (strncmp(p + 2, code, n) == 0 && p[2 + n] == '}')
            return 1;
    return 0;
}

static int export_indicators(r57_db *db, out *o)
{
    r57__cursor *c;
    r57__indicator_row row;
    json_t *all = json_array();
    int ret = all ? r57__store_indicator_cursor(&c, db) : r57__error_nomem();
    if (ret < 0) {
        json_decref(all);
        return ret;
    }
    while ((ret = r57__store_indicator_cursor_next(c, &row)) == R57_OK) {
        json_t *i = json_object();
        if (!i) {
            ret = r57__error_nomem();
            break;
        }
        put_str(o, i, "code", row.code);
        put_str(o, i, "name", row.name);
        put_str(o, i, "measure", row.measure);
        json_object_set_new(i, "direction", json_string(r57_direction_name(row.direction)));
        json_object_set_new(i, "rollup", json_string(r57_rollup_name(row.rollup)));
        put_str(o, i, "formula", row.formula);
        put_str(o, i, "numerator", row.numerator);
        put_str(o, i, "denominator", row.denominator);
        if (row.numerator)
            json_object_set_new(i, "factor", json_real(row.factor));
        if (row.has_baseline)
            json_object_set_new(i, "baseline", json_real(row.baseline));
        put_period(i, "baseline_period", row.baseline_period);
        put_str(o, i, "description", row.description);
        json_array_append_new(all, i);
    }
    r57__cursor_free(c);
    section(o, "indicators", 0);
    /* By code, each after the indicators it refers to. */
    size_t n = json_array_size(all), written = 0;
    unsigned char *done = r57__calloc(n ? n : 1, 1);
    if (!done && ret == R57_ITEROVER)
        ret = r57__error_nomem();
    while (ret == R57_ITEROVER && written < n) {
        size_t before = written;
        for (size_t k = 0; k < n; k++) {
            if (done[k])
                continue;
            json_t *ind = json_array_get(all, k);
            int ready = 1;
            for (size_t j = 0; j < n && ready; j++) {
                const char *code = json_string_value(
                    json_object_get(json_array_get(all, j), "code"));
                if (!done[j] && j != k &&
                    (refers_to(json_string_value(json_object_get(ind, "formula")), code) ||
                     refers_to(json_string_value(json_object_get(ind, "numerator")), code) ||
                     refers_to(json_string_value(json_object_get(ind, "denominator")), code)))
                    ready = 0;
            }
            if (ready) {
                item(o, "indicator", json_incref(ind));
                done[k] = 1;
                written++;
                break; /* restart by code */
            }
        }
        if (written == before)
            break; /* a cycle cannot be stored; write nothing more */
    }
    r57__free(done);
    json_decref(all);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int export_targets(r57_db *db, out *o)
{
    r57__cursor *c;
    r57__target_export_row row;
    int ret;
    section(o, "targets", 0);
    if ((ret = r57__store_target_cursor(&c, db)) < 0)
        return ret;
    while ((ret = r57__store_target_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        json_t *t = json_object();
        if (t) {
            put_str(o, t, "indicator", row.indicator);
            put_str(o, t, row.binds >= R57_TARGET_BINDS_GROUP ? "group" : "unit", row.unit);
            if (row.binds != R57_TARGET_BINDS_UNIT && row.binds != R57_TARGET_BINDS_GROUP)
                json_object_set_new(t, "binds", json_string(r57_target_binds_name(row.binds)));
            json_object_set_new(t, "comparison", json_string(r57_comparison_name(row.comparison)));
            json_object_set_new(t, "value", json_real(row.value));
            put_period(t, "period", row.period);
            json_object_set_new(t, "aggregate",
                                json_string(row.aggregate == R57_TARGET_AVERAGE ? "average"
                                                                                : "each"));
            put_str(o, t, "scope", row.scope);
            put_str(o, t, "source", row.source);
        }
        item(o, "target", t);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int export_tasks(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    r57__task_row row;
    int ret;
    section(o, "tasks", 0);
    if ((ret = r57__store_task_cursor(&c, db, &f->tasks)) < 0)
        return ret;
    while ((ret = r57__store_task_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        json_t *t = task_json(o, &row);
        json_t *coords = json_array();
        inst_ctx ic = { json_array() };
        if (!t || !coords || !ic.arr) {
            json_decref(t);
            json_decref(coords);
            json_decref(ic.arr);
            ret = r57__error_nomem();
            break;
        }
        if ((ret = r57__store_task_coords(db, row.id, add_coord_json, coords)) == R57_OK &&
            r57_deadline_kind_is_regular(row.deadline_kind))
            ret = r57__store_task_instances(db, row.id, add_instance_json, &ic);
        if (json_array_size(coords))
            json_object_set(t, "coordinating_units", coords);
        if (json_array_size(ic.arr))
            json_object_set(t, "instances", ic.arr);
        json_decref(coords);
        json_decref(ic.arr);
        if (ret == R57_OK && f->active)
            ret = set_add_task(&f->tasks_out, row.document, row.ref);
        if (ret < 0) {
            json_decref(t);
            break;
        }
        item(o, "task", t);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* Writes the values a cursor reads (within the filter's period), and
 * frees the cursor.  Returns the cursor's last code (R57_ITEROVER at the
 * end). */
static int emit_values(out *o, r57__cursor *c, filter *f)
{
    r57__value_row row;
    int ret;
    while ((ret = r57__store_value_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        if (f->period && !r57_period_contains(f->period, row.period))
            continue;
        json_t *v = json_object();
        if (v) {
            put_str(o, v, "element", row.element);
            put_str(o, v, "unit", row.unit);
            put_period(v, "period", row.period);
            json_object_set_new(v, "value", json_real(row.value));
            put_str(o, v, "source", row.source);
            put_str(o, v, "reported_by", row.reported_by);
        }
        item(o, "value", v);
    }
    r57__cursor_free(c);
    return ret;
}

static int export_values(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    int ret;
    section(o, "values", 0);
    if ((ret = r57__store_value_cursor(&c, db, 0, f->tasks.unit_id, f->tasks.unit_id != 0)) < 0)
        return ret;
    ret = emit_values(o, c, f);
    if (ret != R57_ITEROVER)
        return ret;
    /* Then the figures reported for unit groups (none with a unit filter:
     * a group's figure is no unit's). */
    if (f->tasks.unit_id)
        return R57_OK;
    if ((ret = r57__store_group_value_cursor(&c, db)) < 0)
        return ret;
    ret = emit_values(o, c, f);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* With a filter, an actor is exported with its roles in the exported units
 * (and its system-wide ones) if it holds at least one of the former: a role
 * in a unit left out could not be imported. */
static int export_actors(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    const char *code, *name, *unit;
    int role, ret;
    section(o, "actors", 0);
    if ((ret = r57__store_actor_cursor(&c, db)) < 0)
        return ret;
    json_t *a = NULL;
    int keep = 1;
    while ((ret = r57__store_actor_cursor_next(c, &code, &name, &role, &unit)) == R57_OK &&
           o->ret == R57_OK) {
        if (a && strcmp(json_string_value(json_object_get(a, "code")), code) != 0) {
            if (keep)
                item(o, "actor", a);
            else
                json_decref(a);
            a = NULL;
        }
        if (!a) {
            keep = !f->active;
            a = json_object();
            if (!a) {
                ret = r57__error_nomem();
                break;
            }
            put_str(o, a, "code", code);
            put_str(o, a, "name", name);
            json_object_set_new(a, "roles", json_array());
        }
        if (role >= 0 && !(f->active && unit && !set_has(&f->units, unit))) {
            json_t *r = json_object();
            if (r) {
                json_object_set_new(r, "role", json_string(r57_role_name(role)));
                put_str(o, r, "unit", unit);
            }
            if (!r || json_array_append_new(json_object_get(a, "roles"), r) != 0) {
                ret = r57__error_nomem();
                break;
            }
            if (f->active && unit && set_has(&f->units, unit))
                keep = 1;
        }
    }
    if (a && keep && ret == R57_ITEROVER)
        item(o, "actor", a);
    else
        json_decref(a);
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int export_evidence_rules(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    const char *document;
    int kind, required, ret;
    section(o, "evidence_rules", 0);
    if ((ret = r57__store_evidence_rule_cursor(&c, db)) < 0)
        return ret;
    while ((ret = r57__store_evidence_rule_cursor_next(c, &document, &kind, &required)) == R57_OK &&
           o->ret == R57_OK) {
        if (f->active && !set_has(&f->documents, document))
            continue;
        json_t *r = json_object();
        if (r) {
            put_str(o, r, "document", document);
            json_object_set_new(r, "task_kind", json_string(r57__task_kind_name(kind)));
            json_object_set_new(r, "required", json_boolean(required));
        }
        item(o, "evidence_rule", r);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int export_rating_rules(r57_db *db, out *o)
{
    section(o, "rating_rules", 0);
    for (int level = R57_RATING_EXCELLENT; level >= R57_RATING_NOT_DONE && o->ret == R57_OK;
         level--) {
        double min = 0;
        int blocks = 0, ret = r57__store_rating_rule(db, level, &min, &blocks);
        if (ret < 0)
            return ret;
        json_t *r = json_object();
        if (r) {
            json_object_set_new(r, "level", json_string(r57_rating_name(level)));
            json_object_set_new(r, "min_on_time", json_real(min));
            json_object_set_new(r, "key_overdue_blocks", json_boolean(blocks));
        }
        item(o, "rating_rule", r);
    }
    return R57_OK;
}

static int export_accountability_rules(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    const char *document, *rule;
    int ret;
    section(o, "accountability_rules", 0);
    if ((ret = r57__store_rule_cursor(&c, db)) < 0)
        return ret;
    while ((ret = r57__store_rule_cursor_next(c, &document, &rule)) == R57_OK && o->ret == R57_OK) {
        if (document && f->active && !set_has(&f->documents, document))
            continue;
        json_t *r = json_object();
        if (r) {
            put_str(o, r, "document", document);
            put_str(o, r, "rule", rule);
        }
        item(o, "accountability_rule", r);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* 1 when the task was exported (or no filter is set), 0 when not; < 0 on
 * failure. */
static int task_exported(filter *f, const char *document, const char *ref)
{
    char *key;
    if (!f->active)
        return 1;
    int ret = task_key(&key, document, ref);
    if (ret == R57_OK)
        ret = set_has(&f->tasks_out, key);
    r57__free(key);
    return ret;
}

static int export_progress(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    r57__progress_row row;
    int ret;
    section(o, "progress", 0);
    if ((ret = r57__store_progress_cursor(&c, db, 0)) < 0)
        return ret;
    while ((ret = r57__store_progress_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        int keep = task_exported(f, row.document, row.ref);
        if (keep < 0) {
            ret = keep;
            break;
        }
        if (!keep)
            continue;
        json_t *p = json_object();
        if (p) {
            json_object_set_new(p, "id", json_integer((json_int_t)row.id));
            put_str(o, p, "document", row.document);
            put_str(o, p, "ref", row.ref);
            json_object_set_new(p, "percent", json_integer(row.percent));
            put_str(o, p, "narrative", row.narrative);
            put_date(p, "date", row.reported_on);
            if (row.period != R57_PERIOD_NONE)
                put_period(p, "period", row.period);
            put_str(o, p, "reported_by", row.reported_by);
            put_str(o, p, "reported_at", row.reported_at);
        }
        item(o, "progress", p);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int export_evidence(r57_db *db, out *o, filter *f)
{
    r57__cursor *c;
    r57__evidence_row row;
    int ret;
    section(o, "evidence", 0);
    if ((ret = r57__store_evidence_cursor(&c, db, 0)) < 0)
        return ret;
    while ((ret = r57__store_evidence_cursor_next(c, &row)) == R57_OK && o->ret == R57_OK) {
        int keep = task_exported(f, row.document, row.ref);
        if (keep < 0) {
            ret = keep;
            break;
        }
        if (!keep)
            continue;
        json_t *e = json_object();
        if (e) {
            json_object_set_new(e, "id", json_integer((json_int_t)row.id));
            put_str(o, e, "document", row.document);
            put_str(o, e, "ref", row.ref);
            if (row.progress_id)
                json_object_set_new(e, "progress", json_integer((json_int_t)row.progress_id));
            json_object_set_new(e, "kind", json_string(r57_evidence_kind_name(row.kind)));
            put_str(o, e, "title", row.title);
            put_str(o, e, "uri", row.uri);
            put_str(o, e, "document_number", row.document_number);
            put_date(e, "document_date", row.document_date);
            put_str(o, e, "document_issuer", row.document_issuer);
            if (row.size >= 0)
                json_object_set_new(e, "size", json_integer((json_int_t)row.size));
            put_str(o, e, "media_type", row.media_type);
            put_str(o, e, "sha256", row.sha256);
            json_object_set_new(e, "product", json_boolean(row.product));
            json_object_set_new(e, "status", json_string(r57_evidence_status_name(row.status)));
            put_str(o, e, "submitted_by", row.submitted_by);
            put_str(o, e, "submitted_at", row.submitted_at);
            put_str(o, e, "decided_by", row.decided_by);
            put_str(o, e, "decided_at", row.decided_at);
            put_str(o, e, "reason", row.reason);
        }
        item(o, "evidence", e);
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

int r57_export(r57_db *db, const r57_export_options *opts, r57_write_fn write, void *payload)
{
    r57_export_options defaults = R57_EXPORT_OPTIONS_INIT;
    filter f;
    int ret = R57_OK;
    if (!db || !write)
        return r57__error(R57_EINVAL, "r57_export: db or write is NULL");
    if (!opts)
        opts = &defaults;
    if (opts->version != R57_EXPORT_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "r57_export: unknown options version %u", opts->version);
    memset(&f, 0, sizeof f);
    if (opts->unit && *opts->unit) {
        ret = r57__store_unit_id(db, opts->unit, &f.tasks.unit_id);
        if (ret == R57_ENOTFOUND)
            return r57__error(R57_ENOTFOUND, "export: unknown unit code '%s'", opts->unit);
        f.tasks.include_subunits = 1;
        f.active = 1;
    }
    if (ret == R57_OK && opts->document && *opts->document) {
        ret = r57__store_doc_id(db, opts->document, &f.tasks.document_id);
        if (ret == R57_ENOTFOUND)
            return r57__error(R57_ENOTFOUND, "export: unknown document '%s'", opts->document);
        f.active = 1;
        if (ret == R57_OK)
            ret = set_add(&f.documents, opts->document);
    }
    if (ret == R57_OK && opts->period && *opts->period)
        ret = r57_period_parse(&f.period, opts->period);
    if (ret < 0)
        return ret;
    if (f.active) {
        if (opts->unit && *opts->unit) {
            /* The tree's own units, and what its values need. */
            r57__cursor *c;
            r57__unit_row row;
            if ((ret = r57__store_unit_cursor(&c, db, f.tasks.unit_id)) == R57_OK) {
                while ((ret = r57__store_unit_cursor_next(c, &row)) == R57_OK)
                    if ((ret = set_add(&f.units, row.code)) < 0)
                        break;
                r57__cursor_free(c);
                if (ret == R57_ITEROVER)
                    ret = R57_OK;
            }
        }
        if (ret == R57_OK)
            ret = collect(db, &f);
    }
    out o = { write, payload, R57_OK, opts->ndjson, 1, r57__alloc_failures() };
    /* Sized by the longest header, with the longest int. */
    char header[sizeof "{\"format\":\"libr57-ndjson\",\"version\":-2147483648}\n"];
    snprintf(header, sizeof header,
             opts->ndjson ? "{\"format\":\"libr57-ndjson\",\"version\":%d}\n"
                          : "{\"format\":\"libr57\",\"version\":%d,",
             R57_FORMAT_VERSION);
    if (ret == R57_OK) {
        emits(&o, header);
        if ((ret = export_units(db, &o, &f)) == R57_OK &&
            (ret = export_groups(db, &o, &f)) == R57_OK &&
            (ret = export_documents(db, &o, &f)) == R57_OK &&
            (ret = export_elements(db, &o)) == R57_OK &&
            (ret = export_indicators(db, &o)) == R57_OK &&
            (ret = export_targets(db, &o)) == R57_OK &&
            (ret = export_tasks(db, &o, &f)) == R57_OK &&
            (ret = export_values(db, &o, &f)) == R57_OK &&
            (ret = export_actors(db, &o, &f)) == R57_OK &&
            (ret = export_evidence_rules(db, &o, &f)) == R57_OK &&
            (ret = export_rating_rules(db, &o)) == R57_OK &&
            (ret = export_accountability_rules(db, &o, &f)) == R57_OK &&
            (ret = export_progress(db, &o, &f)) == R57_OK)
            ret = export_evidence(db, &o, &f);
        if (!o.ndjson)
            emits(&o, "]}\n");
    }
    set_free(&f.units);
    set_free(&f.documents);
    set_free(&f.tasks_out);
    if (ret == R57_OK)
        ret = o.ret;
    return ret;
}

typedef struct file_out {
    FILE *f;
    const char *path;
} file_out;

static int write_file(const char *data, size_t len, void *payload)
{
    file_out *fo = payload;
    if (fwrite(data, 1, len, fo->f) == len)
        return 0;
    return r57__error(R57_EIO, "export: writing '%s' failed", fo->path);
}

int r57_export_file(r57_db *db, const r57_export_options *opts, const char *path)
{
    int ret;
    if ((ret = r57__require("r57_export_file", "path", path)) < 0)
        return ret;
    file_out fo = { fopen(path, "wb"), path };
    if (!fo.f)
        return r57__error(R57_EIO, "export: cannot write '%s'", path);
    ret = r57_export(db, opts, write_file, &fo);
    if (fclose(fo.f) != 0 && ret == R57_OK)
        ret = r57__error(R57_EIO, "export: writing '%s' failed", path);
    return ret;
}

static int write_buf(const char *data, size_t len, void *payload)
{
    return r57__buf_put(payload, data, len) == R57_OK ? 0 : R57_ENOMEM;
}

int r57_export_string(char **out_str, r57_db *db, const r57_export_options *opts)
{
    r57__buf b = R57__BUF_INIT;
    if (!out_str)
        return r57__error(R57_EINVAL, "r57_export_string: out is NULL");
    *out_str = NULL;
    int ret = r57_export(db, opts, write_buf, &b);
    if (ret == R57_ENOMEM && r57_error_code(r57_error_last()) != R57_ENOMEM)
        r57__error_nomem();
    if (ret < 0) {
        r57__buf_free(&b);
        return ret;
    }
    *out_str = r57__buf_detach(&b);
    return *out_str ? R57_OK : r57__error_nomem();
}
