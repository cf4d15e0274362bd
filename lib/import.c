/*
 * JSON import (docs/json-format.md; NDJSON files: import_ndjson.c, which
 * uses the checks and importers here).  Every object is checked field by
 * field (type, unknown fields) and created through the public API, so
 * imported data obeys every rule that data entered by hand does.  Errors
 * carry the line and column and the JSON pointer of the bad field; the
 * position of a field that jansson decoded is found by walking the text
 * again (jsonpos.c).
 */
#include "access.h"
#include "import_internal.h"
#include "store.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * JSON pointers.  The import builds its own from a section and an index
 * ("/accountability_rules/" and up to 20 digits), at most one array of an
 * object and its index ("/coordinating_units/" and 20 digits), and a field
 * name of the format or one a message names in brackets, shorter than
 * FIELD_MAX: so they fit in PTR_SIZE bytes (checked here at compile time).
 * A field name from the input has no bound: its pointer is built to its
 * length (fail_unknown).
 */
#define FIELD_MAX 64
#define PTR_SIZE 256
_Static_assert(sizeof "/accountability_rules/" + 20 + sizeof "/coordinating_units/" + 20 +
                       sizeof "/" + FIELD_MAX <=
                   PTR_SIZE,
               "the import's JSON pointers fit in PTR_SIZE");

/* Formats one of the import's own JSON pointers into out (PTR_SIZE
 * bytes).  The bound above makes a longer one impossible; were it not so,
 * the pointer would be the whole document's, never a cut one. */
static const char *ptr_fmt(char *out, const char *fmt, ...) R57__PRINTF(2, 3);

static const char *ptr_fmt(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, PTR_SIZE, fmt, ap);
    va_end(ap);
    if (n < 0 || n >= PTR_SIZE)
        out[0] = '\0';
    return out;
}

/* The text of an int64 id: its longest and a NUL. */
#define ID_TEXT_SIZE sizeof "-9223372036854775808"

/* Records an error at a JSON pointer: "line L, column C: /p: message",
 * after "'file' " when a file is imported.  The message is formatted to
 * its length (the error record marks one past its size as cut). */
int r57__import_fail_at(importer *im, int code, const char *pointer, const char *fmt, ...)
{
    r57__buf msg = R57__BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int ret = r57__buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (ret < 0) {
        r57__buf_free(&msg);
        return ret;
    }
    int line = 0, col = 0;
    long off = -1;
    if (r57__json_locate(im->text, im->len, pointer, &line, &col, &off) < 0) {
        line = 1;
        col = 1;
        off = 0;
    }
    line += (int)im->line_base - 1;
    off += im->offset_base;
    ret = r57__error_at(code, line, col, off, "%s%s%sline %d, column %d: %s: %s",
                        im->path ? "'" : "", im->path ? im->path : "", im->path ? "' " : "", line,
                        col, *pointer ? pointer : "/", msg.ptr);
    r57__buf_free(&msg);
    return ret;
}

/* An unknown field: its pointer holds the name as given, of any length,
 * escaped as RFC 6901 says ('~' as "~0", '/' as "~1"). */
static int fail_unknown(importer *im, const char *pointer, const char *key)
{
    r57__buf p = R57__BUF_INIT;
    r57__buf_puts(&p, pointer);
    r57__buf_put(&p, "/", 1);
    for (const char *k = key; *k; k++)
        r57__buf_put(&p, *k == '~' ? "~0" : *k == '/' ? "~1" : k, *k == '~' || *k == '/' ? 2 : 1);
    int ret = p.failed ? R57_ENOMEM
                       : r57__import_fail_at(im, R57_EINVAL, p.ptr, "unknown field \"%s\"", key);
    r57__buf_free(&p);
    return ret;
}

/* Records a JSON syntax error from jansson at the line and column it gives
 * (jansson says column 0 at the start of a line, e.g. at the end of the
 * text after a newline: that is column 1 here). */
int r57__import_fail_syntax(importer *im, const json_error_t *jerr, int line)
{
    int col = jerr->column < 1 ? 1 : jerr->column;
    return r57__error_at(json_error_code(jerr) == json_error_duplicate_key ? R57_EEXISTS
                                                                           : R57_EPARSE,
                         line, col, im->offset_base + (long)jerr->position,
                         "%s%s%sline %d, column %d: %s", im->path ? "'" : "",
                         im->path ? im->path : "", im->path ? "' " : "", line, col, jerr->text);
}

/* Re-words the last error (from an API call on an object) with its place.
 * Messages ending in "(field)" point at that field of the object. */
static int wrap(importer *im, int code, const char *pointer, json_t *obj)
{
    /* fail_at formats the message before it records anything. */
    const char *msg = r57_error_message(r57_error_last());
    char ptr[PTR_SIZE];
    size_t n = strlen(msg);
    const char *open = n > 2 && msg[n - 1] == ')' ? strrchr(msg, '(') : NULL;
    size_t fl = open ? (size_t)(msg + n - 1 - open - 1) : FIELD_MAX;
    /* Longer text in brackets is no field name of the format. */
    if (fl < FIELD_MAX) {
        char field[FIELD_MAX];
        memcpy(field, open + 1, fl);
        field[fl] = '\0';
        if (json_object_get(obj, field))
            pointer = ptr_fmt(ptr, "%s/%s", pointer, field);
    }
    return r57__import_fail_at(im, code, pointer, "%s", msg);
}

/* ---- field checking -------------------------------------------------------- */

typedef struct field {
    const char *name;
    char type; /* 's' string, 'n' number, 'i' whole number, 'b' boolean, 'a' array,
                     'o' object */
    int required;
} field;

static const field unit_fields[] = { { "code", 's', 1 },   { "name", 's', 1 },  { "kind", 's', 1 },
                                     { "parent", 's', 0 }, { "names", 'a', 0 }, { NULL, 0, 0 } };
static const field unit_name_fields[] = {
    { "kind", 's', 1 }, { "name", 's', 1 }, { "of", 's', 0 }, { "since", 's', 0 }, { NULL, 0, 0 }
};
static const field group_fields[] = { { "code", 's', 1 },
                                      { "name", 's', 1 },
                                      { "names", 'a', 0 },
                                      { "members", 'a', 0 },
                                      { NULL, 0, 0 } };
static const field group_name_fields[] = { { "kind", 's', 1 }, { "name", 's', 1 }, { NULL, 0, 0 } };
static const field document_fields[] = { { "number", 's', 1 }, { "kind", 's', 1 },
                                         { "issued", 's', 0 }, { "issuer", 's', 0 },
                                         { "title", 's', 0 },  { NULL, 0, 0 } };
static const field element_fields[] = { { "code", 's', 1 },
                                        { "name", 's', 1 },
                                        { "measure", 's', 0 },
                                        { "aggregation", 's', 0 },
                                        { NULL, 0, 0 } };
static const field indicator_fields[] = { { "code", 's', 1 },
                                          { "name", 's', 1 },
                                          { "measure", 's', 0 },
                                          { "direction", 's', 0 },
                                          { "rollup", 's', 0 },
                                          { "formula", 's', 0 },
                                          { "numerator", 's', 0 },
                                          { "denominator", 's', 0 },
                                          { "factor", 'n', 0 },
                                          { "baseline", 'n', 0 },
                                          { "baseline_period", 's', 0 },
                                          { "description", 's', 0 },
                                          { NULL, 0, 0 } };
static const field target_fields[] = {
    { "indicator", 's', 1 }, { "unit", 's', 0 },   { "comparison", 's', 1 },
    { "value", 'n', 1 },     { "period", 's', 0 }, { "aggregate", 's', 0 },
    { "scope", 's', 0 },     { "source", 's', 0 }, { "group", 's', 0 },
    { "binds", 's', 0 },     { NULL, 0, 0 }
};
static const field task_fields[] = { { "document", 's', 1 },
                                     { "ref", 's', 1 },
                                     { "parent", 's', 0 },
                                     { "title", 's', 0 },
                                     { "owner_unit", 's', 0 },
                                     { "owner", 's', 0 },
                                     { "owner_person", 's', 0 },
                                     { "accountability_unit", 's', 0 },
                                     { "accountability", 's', 0 },
                                     { "product", 's', 0 },
                                     { "authority_unit", 's', 0 },
                                     { "authority", 's', 0 },
                                     { "deadline", 's', 0 },
                                     { "coordinating", 's', 0 },
                                     { "coordinating_units", 'a', 0 },
                                     { "status", 's', 0 },
                                     { "done_on", 's', 0 },
                                     { "instances", 'a', 0 },
                                     { "key", 's', 0 },
                                     { "resolution", 'o', 0 },
                                     { NULL, 0, 0 } };
static const field instance_fields[] = { { "period_start", 's', 1 },
                                         { "done_on", 's', 1 },
                                         { NULL, 0, 0 } };
static const field value_fields[] = { { "element", 's', 1 }, { "unit", 's', 1 },
                                      { "period", 's', 1 },  { "value", 'n', 1 },
                                      { "source", 's', 0 },  { "reported_by", 's', 0 },
                                      { NULL, 0, 0 } };

static const field actor_fields[] = {
    { "code", 's', 1 }, { "name", 's', 1 }, { "roles", 'a', 0 }, { NULL, 0, 0 }
};
static const field role_fields[] = { { "role", 's', 1 }, { "unit", 's', 0 }, { NULL, 0, 0 } };
static const field evidence_rule_fields[] = {
    { "document", 's', 1 }, { "task_kind", 's', 1 }, { "required", 'b', 1 }, { NULL, 0, 0 }
};
static const field accountability_rule_fields[] = { { "document", 's', 0 },
                                                    { "rule", 's', 1 },
                                                    { NULL, 0, 0 } };
static const field rating_rule_fields[] = {
    { "level", 's', 1 }, { "min_on_time", 'n', 1 }, { "key_overdue_blocks", 'b', 1 }, { NULL, 0, 0 }
};
static const field progress_fields[] = { { "id", 'i', 1 },          { "document", 's', 1 },
                                         { "ref", 's', 1 },         { "percent", 'i', 1 },
                                         { "narrative", 's', 0 },   { "date", 's', 1 },
                                         { "period", 's', 0 },      { "reported_by", 's', 1 },
                                         { "reported_at", 's', 1 }, { NULL, 0, 0 } };
static const field evidence_fields[] = { { "id", 'i', 1 },
                                         { "document", 's', 1 },
                                         { "ref", 's', 1 },
                                         { "progress", 'i', 0 },
                                         { "kind", 's', 1 },
                                         { "title", 's', 1 },
                                         { "uri", 's', 0 },
                                         { "document_number", 's', 0 },
                                         { "document_date", 's', 0 },
                                         { "document_issuer", 's', 0 },
                                         { "size", 'i', 0 },
                                         { "media_type", 's', 0 },
                                         { "sha256", 's', 0 },
                                         { "product", 'b', 1 },
                                         { "status", 's', 1 },
                                         { "submitted_by", 's', 1 },
                                         { "submitted_at", 's', 1 },
                                         { "decided_by", 's', 0 },
                                         { "decided_at", 's', 0 },
                                         { "reason", 's', 0 },
                                         { NULL, 0, 0 } };

static const char *type_name(char t)
{
    return t == 's'   ? "a string"
           : t == 'n' ? "a number"
           : t == 'i' ? "a whole number"
           : t == 'b' ? "true or false"
           : t == 'a' ? "an array"
                      : "an object";
}

/* Checks an object against its fields.  `skip` names one more field that
 * is allowed (NDJSON's "type"). */
static int check(importer *im, json_t *obj, const char *pointer, const field *fields,
                 const char *skip)
{
    char ptr[PTR_SIZE];
    if (!json_is_object(obj))
        return r57__import_fail_at(im, R57_EINVAL, pointer, "is not an object");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        const field *f = fields;
        while (f->name && strcmp(f->name, key) != 0)
            f++;
        if (!f->name) {
            if ((skip && strcmp(key, skip) == 0) || im->opts->unknown_fields == R57_UNKNOWN_IGNORE)
                continue;
            return fail_unknown(im, pointer, key);
        }
        if (json_is_null(v) && !f->required)
            continue;
        int ok = f->type == 's'   ? json_is_string(v)
                 : f->type == 'n' ? json_is_number(v)
                 : f->type == 'i' ? json_is_integer(v)
                 : f->type == 'b' ? json_is_boolean(v)
                 : f->type == 'o' ? json_is_object(v)
                                  : json_is_array(v);
        if (!ok)
            return r57__import_fail_at(im, R57_EINVAL, ptr_fmt(ptr, "%s/%s", pointer, f->name),
                                       "\"%s\" must be %s", key, type_name(f->type));
    }
    for (const field *f = fields; f->name; f++)
        if (f->required &&
            (!json_object_get(obj, f->name) || json_is_null(json_object_get(obj, f->name))))
            return r57__import_fail_at(im, R57_EINVAL, pointer,
                                       "the required field \"%s\" is missing", f->name);
    return R57_OK;
}

static const char *s(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The result of parsing the enumeration field `key` (rc, R57_OK when the
 * field is absent), pointing at the field when it failed. */
static int enum_checked(importer *im, const char *pointer, const char *key, int rc)
{
    char ptr[PTR_SIZE];
    if (rc >= 0)
        return R57_OK;
    return r57__import_fail_at(im, R57_EINVAL, ptr_fmt(ptr, "%s/%s", pointer, key), "%s",
                               r57_error_message(r57_error_last()));
}

/* Parses a named enumeration field with its parser (the r57_*_parse of the
 * field's enum type) into *out; a macro, so that each field keeps its type. */
#define ENUM_FIELD(im, obj, pointer, key, parse, out)                                              \
    enum_checked((im), (pointer), (key), s((obj), (key)) ? parse((out), s((obj), (key))) : R57_OK)

static int date_field(importer *im, json_t *obj, const char *pointer, const char *key,
                      r57_date *out)
{
    const char *v = s(obj, key);
    char ptr[PTR_SIZE];
    *out = R57_DATE_NONE;
    if (v && r57_date_parse(out, v) < 0)
        return r57__import_fail_at(im, R57_EINVAL, ptr_fmt(ptr, "%s/%s", pointer, key), "%s",
                                   r57_error_message(r57_error_last()));
    return R57_OK;
}

/* ---- one object of each kind ---------------------------------------------- */

static int import_unit(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret, kind = R57_UNIT_OTHER;
    if ((ret = check(im, o, ptr, unit_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "kind", r57_unit_kind_parse, &kind)) < 0)
        return ret;
    ret = r57_unit_create(im->db, im->actor, s(o, "code"), s(o, "name"), kind, s(o, "parent"));
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    im->report->units++;
    json_t *names = json_object_get(o, "names");
    for (size_t i = 0; i < json_array_size(names); i++) {
        char p[PTR_SIZE];
        json_t *n = json_array_get(names, i);
        int nk;
        ptr_fmt(p, "%s/names/%zu", ptr, i);
        if (!json_is_object(n))
            return r57__import_fail_at(im, R57_EINVAL, p, "a unit name must be an object");
        if ((ret = check(im, n, p, unit_name_fields, skip)) < 0 ||
            (ret = ENUM_FIELD(im, n, p, "kind", r57_unit_name_kind_parse, &nk)) < 0)
            return ret;
        ret = r57_unit_name_add(im->db, im->actor, s(o, "code"), nk, s(n, "name"), s(n, "of"),
                                s(n, "since"));
        if (ret < 0)
            return wrap(im, ret, p, n);
    }
    return R57_OK;
}

static int import_group(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    if ((ret = check(im, o, ptr, group_fields, skip)) < 0)
        return ret;
    const char *code = s(o, "code");
    if ((ret = r57_group_create(im->db, im->actor, code, s(o, "name"))) < 0)
        return wrap(im, ret, ptr, o);
    im->report->other++;
    json_t *names = json_object_get(o, "names"), *members = json_object_get(o, "members");
    for (size_t i = 0; i < json_array_size(names); i++) {
        char p[PTR_SIZE];
        json_t *n = json_array_get(names, i);
        int nk;
        ptr_fmt(p, "%s/names/%zu", ptr, i);
        if (!json_is_object(n))
            return r57__import_fail_at(im, R57_EINVAL, p, "a group name must be an object");
        if ((ret = check(im, n, p, group_name_fields, skip)) < 0 ||
            (ret = ENUM_FIELD(im, n, p, "kind", r57_unit_name_kind_parse, &nk)) < 0)
            return ret;
        if ((ret = r57_group_name_add(im->db, im->actor, code, nk, s(n, "name"))) < 0)
            return wrap(im, ret, p, n);
    }
    for (size_t i = 0; i < json_array_size(members); i++) {
        char p[PTR_SIZE];
        json_t *m = json_array_get(members, i);
        ptr_fmt(p, "%s/members/%zu", ptr, i);
        if (!json_is_string(m))
            return r57__import_fail_at(im, R57_EINVAL, p,
                                       "a member must be a unit code (a string)");
        if ((ret = r57_group_add_member(im->db, im->actor, code, json_string_value(m))) < 0)
            return wrap(im, ret, p, m);
    }
    return R57_OK;
}

static int import_document(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    r57_document_kind_t kind = R57_DOC_OTHER;
    r57_date issued;
    if ((ret = check(im, o, ptr, document_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "kind", r57_document_kind_parse, &kind)) < 0 ||
        (ret = date_field(im, o, ptr, "issued", &issued)) < 0)
        return ret;
    ret = r57_document_create(im->db, im->actor, s(o, "number"), kind, issued, s(o, "issuer"),
                              s(o, "title"));
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    im->report->documents++;
    return R57_OK;
}

static int import_element(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    r57_aggregation_t agg = R57_AGG_SUM;
    if ((ret = check(im, o, ptr, element_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "aggregation", r57_aggregation_parse, &agg)) < 0)
        return ret;
    ret = r57_element_create(im->db, im->actor, s(o, "code"), s(o, "name"), s(o, "measure"), agg);
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    im->report->other++;
    return R57_OK;
}

static int import_indicator(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    r57_indicator_spec sp = R57_INDICATOR_SPEC_INIT;
    if ((ret = check(im, o, ptr, indicator_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "direction", r57_direction_parse, &sp.direction)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "rollup", r57_rollup_parse, &sp.rollup)) < 0)
        return ret;
    sp.code = s(o, "code");
    sp.name = s(o, "name");
    sp.measure = s(o, "measure");
    sp.formula = s(o, "formula");
    sp.numerator = s(o, "numerator");
    sp.denominator = s(o, "denominator");
    sp.description = s(o, "description");
    sp.baseline_period = s(o, "baseline_period");
    if (json_is_number(json_object_get(o, "factor")))
        sp.factor = json_number_value(json_object_get(o, "factor"));
    if (json_is_number(json_object_get(o, "baseline"))) {
        sp.has_baseline = 1;
        sp.baseline = json_number_value(json_object_get(o, "baseline"));
    }
    ret = r57_indicator_create(im->db, im->actor, &sp);
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    im->report->other++;
    return R57_OK;
}

static int import_target(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret, agg = R57_TARGET_EACH;
    if ((ret = check(im, o, ptr, target_fields, skip)) < 0)
        return ret;
    const char *a = s(o, "aggregate");
    if (a && strcmp(a, "average") == 0)
        agg = R57_TARGET_AVERAGE;
    else if (a && strcmp(a, "each") != 0) {
        char p[PTR_SIZE];
        ptr_fmt(p, "%s/aggregate", ptr);
        return r57__import_fail_at(im, R57_EINVAL, p, "aggregate '%s' is not each or average", a);
    }
    r57_target_spec t = R57_TARGET_SPEC_INIT;
    t.binds = s(o, "group") ? R57_TARGET_BINDS_GROUP : R57_TARGET_BINDS_UNIT;
    if ((ret = ENUM_FIELD(im, o, ptr, "binds", r57_target_binds_parse, &t.binds)) < 0)
        return ret;
    if (s(o, "group") && s(o, "unit")) {
        char p[PTR_SIZE];
        ptr_fmt(p, "%s/group", ptr);
        return r57__import_fail_at(im, R57_EINVAL, p,
                                   "a target has a \"unit\" or a \"group\", not both");
    }
    t.indicator = s(o, "indicator");
    t.unit = s(o, "group") ? s(o, "group") : s(o, "unit");
    t.comparison = s(o, "comparison");
    t.value = json_number_value(json_object_get(o, "value"));
    t.period = s(o, "period");
    t.aggregate = agg;
    t.scope = s(o, "scope");
    t.source = s(o, "source");
    /* As the catalogue: a unit or group not (yet) in the database is kept
     * as its code and binds once it exists. */
    ret = r57__target_create(im->db, im->actor, &t, 0);
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    im->report->other++;
    return R57_OK;
}

static int import_task(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    r57_task_status_t status = R57_STATUS_ASSIGNED;
    r57_date done_on;
    char p[PTR_SIZE];
    if ((ret = check(im, o, ptr, task_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "status", r57_task_status_parse, &status)) < 0 ||
        (ret = date_field(im, o, ptr, "done_on", &done_on)) < 0)
        return ret;
    /* The deadline first, so its error points at the field. */
    if (s(o, "deadline") && r57_deadline_parse(NULL, NULL, s(o, "deadline")) < 0) {
        ptr_fmt(p, "%s/deadline", ptr);
        return r57__import_fail_at(im, R57_EPARSE, p, "task '%s': %s", s(o, "ref"),
                                   r57_error_message(r57_error_last()));
    }
    json_t *cu = json_object_get(o, "coordinating_units");
    size_t n = json_array_size(cu);
    const char **codes = n ? r57__calloc(n, sizeof *codes) : NULL;
    if (n && !codes)
        return r57__error_nomem();
    for (size_t i = 0; i < n; i++) {
        codes[i] = json_string_value(json_array_get(cu, i));
        if (!codes[i]) {
            ptr_fmt(p, "%s/coordinating_units/%zu", ptr, i);
            r57__free(codes);
            return r57__import_fail_at(im, R57_EINVAL, p,
                                       "a coordinating unit must be a string (a unit code)");
        }
    }
    r57_task_spec sp = R57_TASK_SPEC_INIT;
    sp.document = s(o, "document");
    sp.ref = s(o, "ref");
    sp.parent_ref = s(o, "parent");
    sp.title = s(o, "title");
    sp.owner_unit = s(o, "owner_unit");
    sp.owner = s(o, "owner");
    sp.owner_person = s(o, "owner_person");
    sp.accountability_unit = s(o, "accountability_unit");
    sp.accountability = s(o, "accountability");
    sp.product = s(o, "product");
    sp.authority_unit = s(o, "authority_unit");
    sp.authority = s(o, "authority");
    sp.deadline = s(o, "deadline");
    sp.coordinating = s(o, "coordinating");
    sp.coordinating_units = codes;
    sp.coordinating_units_count = n;
    /* The task object is needed only to restore instances. */
    json_t *inst = json_object_get(o, "instances");
    r57_task *t = NULL;
    r57_key_category_t key_category = R57_KEY_NONE;
    if ((ret = ENUM_FIELD(im, o, ptr, "key", r57_key_category_parse, &key_category)) < 0) {
        r57__free(codes);
        return ret;
    }
    /* What the texts resolved to is restored as exported, not resolved
     * again: the registry at import time may differ (and the units of the
     * file are imported first), and export -> import -> export must give
     * the same bytes. */
    char *resolution = NULL;
    json_t *res = json_object_get(o, "resolution");
    if (json_is_object(res) && !(resolution = r57__json_dump(res)))
        ret = r57__error_nomem();
    else
        ret = r57__task_restore(json_array_size(inst) || key_category != R57_KEY_NONE ? &t : NULL,
                                im->db, im->actor, &sp, resolution);
    r57__free(resolution);
    r57__free(codes);
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    if (key_category != R57_KEY_NONE &&
        (ret = r57_task_set_key(im->db, im->actor, t, key_category)) < 0) {
        r57_task_free(t);
        return wrap(im, ret, ptr, o);
    }
    /* The state the exported task was in is restored as it was: an export
     * is a record of decisions already taken, not a new request. */
    if (status != R57_STATUS_ASSIGNED) {
        int64_t id = 0, doc_id = 0;
        ret = r57__store_doc_id(im->db, sp.document, &doc_id);
        if (ret == R57_OK)
            ret = r57__store_task_id(im->db, doc_id, sp.ref, &id, NULL);
        if (ret == R57_OK)
            ret = r57__store_task_set_status(im->db, id, status,
                                             status == R57_STATUS_DONE ? done_on : R57_DATE_NONE);
        char *key = NULL, *nw = NULL;
        if (ret == R57_OK && (ret = r57__strfmt(&key, "%s#%s", sp.document, sp.ref)) == R57_OK &&
            (ret = r57__strfmt(&nw, "{\"status\":\"%s\"}", r57_task_status_name(status))) == R57_OK)
            ret = r57__store_journal(im->db, im->actor, "task", key, "import_status",
                                     "{\"status\":\"assigned\"}", nw);
        r57__free(key);
        r57__free(nw);
    }
    for (size_t i = 0; ret == R57_OK && i < json_array_size(inst); i++) {
        json_t *io = json_array_get(inst, i);
        r57_date start, on;
        ptr_fmt(p, "%s/instances/%zu", ptr, i);
        if ((ret = check(im, io, p, instance_fields, NULL)) == R57_OK &&
            (ret = date_field(im, io, p, "period_start", &start)) == R57_OK &&
            (ret = date_field(im, io, p, "done_on", &on)) == R57_OK) {
            ret = r57_task_instance_done(im->db, im->actor, t, start, on);
            if (ret < 0)
                ret = wrap(im, ret, p, io);
        }
    }
    r57_task_free(t);
    if (ret == R57_OK)
        im->report->tasks++;
    return ret;
}

static int import_value(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    if ((ret = check(im, o, ptr, value_fields, skip)) < 0)
        return ret;
    ret = r57__value_set_as(im->db, im->actor, s(o, "reported_by"), s(o, "element"), s(o, "unit"),
                            s(o, "period"), json_number_value(json_object_get(o, "value")),
                            s(o, "source"));
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    im->report->values++;
    return R57_OK;
}

static int import_actor(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    char p[PTR_SIZE];
    if ((ret = check(im, o, ptr, actor_fields, skip)) < 0)
        return ret;
    json_t *roles = json_object_get(o, "roles");
    for (size_t i = 0; i < json_array_size(roles); i++) {
        ptr_fmt(p, "%s/roles/%zu", ptr, i);
        r57_role_t role;
        if ((ret = check(im, json_array_get(roles, i), p, role_fields, NULL)) < 0 ||
            (ret = ENUM_FIELD(im, json_array_get(roles, i), p, "role", r57_role_parse, &role)) < 0)
            return ret;
    }
    if ((ret = r57_actor_create(im->db, im->actor, s(o, "code"), s(o, "name"))) < 0)
        return wrap(im, ret, ptr, o);
    for (size_t i = 0; i < json_array_size(roles); i++) {
        json_t *r = json_array_get(roles, i);
        r57_role_t role = R57_ROLE_REPORTER;
        r57_role_parse(&role, s(r, "role"));
        if ((ret = r57_actor_grant(im->db, im->actor, s(o, "code"), role, s(r, "unit"))) < 0) {
            ptr_fmt(p, "%s/roles/%zu", ptr, i);
            return wrap(im, ret, p, r);
        }
    }
    im->report->other++;
    return R57_OK;
}

static int task_kind_parse(int *out, const char *name)
{
    for (int kind = R57_TASK_KIND_ONE_OFF; kind <= R57_TASK_KIND_REGULAR; kind++)
        if (strcmp(r57__task_kind_name(kind), name) == 0) {
            *out = kind;
            return R57_OK;
        }
    return r57__error(R57_EINVAL, "task kind '%s' is not one_off or regular", name);
}

static int import_evidence_rule(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret, kind = 0;
    if ((ret = check(im, o, ptr, evidence_rule_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "task_kind", task_kind_parse, &kind)) < 0)
        return ret;
    ret = r57_document_set_evidence_rule(im->db, im->actor, s(o, "document"), kind,
                                         json_is_true(json_object_get(o, "required")));
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    im->report->other++;
    return R57_OK;
}

static int rating_parse(int *out, const char *name)
{
    for (int level = R57_RATING_NOT_DONE; level <= R57_RATING_EXCELLENT; level++)
        if (strcmp(r57_rating_name(level), name) == 0) {
            *out = level;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "rating level '%s' is not excellent, well_done, done or "
                      "not_done",
                      name);
}

/* Rating rules are restored as recorded (each share checked for its range;
 * the order of the levels is the exporting database's). */
static int import_rating_rule(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret, level = 0;
    char p[PTR_SIZE];
    if ((ret = check(im, o, ptr, rating_rule_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "level", rating_parse, &level)) < 0)
        return ret;
    double min = json_number_value(json_object_get(o, "min_on_time"));
    int blocks = json_is_true(json_object_get(o, "key_overdue_blocks"));
    if (!(min >= 0 && min <= 100)) {
        ptr_fmt(p, "%s/min_on_time", ptr);
        return r57__import_fail_at(im, R57_EINVAL, p, "share %g is not between 0 and 100", min);
    }
    if ((ret = r57__rating_rule_store(im->db, im->actor, level, min, blocks, "import")) < 0)
        return ret;
    im->report->other++;
    return R57_OK;
}

static int import_accountability_rule(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    if ((ret = check(im, o, ptr, accountability_rule_fields, skip)) < 0)
        return ret;
    if ((ret = r57_accountability_rule_set(im->db, im->actor, s(o, "document"), s(o, "rule"))) < 0)
        return wrap(im, ret, ptr, o);
    im->report->other++;
    return R57_OK;
}

/* The id of the task an object names by "document" and "ref". */
static int task_of(importer *im, json_t *o, const char *ptr, int64_t *task_id)
{
    r57_task *t;
    int ret = r57_task_get(&t, im->db, s(o, "document"), s(o, "ref"));
    if (ret < 0)
        return wrap(im, ret, ptr, o);
    *task_id = r57_task_id(t);
    r57_task_free(t);
    return R57_OK;
}

/* A progress report, or evidence, is restored as recorded — who reported
 * or decided, and when — not as a new report by the importing actor. */
static int import_progress(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret;
    char p[PTR_SIZE];
    int64_t task_id;
    r57_date date;
    r57_period period = R57_PERIOD_NONE;
    int64_t id = 0;
    if ((ret = check(im, o, ptr, progress_fields, skip)) < 0 ||
        (ret = date_field(im, o, ptr, "date", &date)) < 0 ||
        (ret = task_of(im, o, ptr, &task_id)) < 0)
        return ret;
    json_int_t percent = json_integer_value(json_object_get(o, "percent"));
    if (percent < 0 || percent > 100) {
        ptr_fmt(p, "%s/percent", ptr);
        return r57__import_fail_at(im, R57_EINVAL, p, "percent %lld is not between 0 and 100",
                                   (long long)percent);
    }
    if (s(o, "period") && r57_period_parse(&period, s(o, "period")) < 0) {
        ptr_fmt(p, "%s/period", ptr);
        return r57__import_fail_at(im, R57_EPARSE, p, "%s", r57_error_message(r57_error_last()));
    }
    r57__progress_row row = { 0,
                              task_id,
                              period,
                              NULL,
                              NULL,
                              s(o, "narrative"),
                              s(o, "reported_by"),
                              s(o, "reported_at"),
                              (int)percent,
                              date };
    if ((ret = r57__store_progress_insert(im->db, &row, &id)) < 0)
        return ret;
    if (im->nprogress == im->capprogress) {
        size_t cap = im->capprogress ? im->capprogress * 2 : 64;
        int64_t *a = r57__realloc(im->progress_from, cap * sizeof *a);
        if (!a)
            return r57__error_nomem();
        im->progress_from = a;
        int64_t *b = r57__realloc(im->progress_to, cap * sizeof *b);
        if (!b)
            return r57__error_nomem();
        im->progress_to = b;
        im->capprogress = cap;
    }
    im->progress_from[im->nprogress] = (int64_t)json_integer_value(json_object_get(o, "id"));
    im->progress_to[im->nprogress++] = id;
    char key[ID_TEXT_SIZE];
    snprintf(key, sizeof key, "%lld", (long long)id);
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    if (!text)
        return r57__error_nomem();
    ret = r57__store_journal(im->db, im->actor, "progress", key, "import", NULL, text);
    free(text);
    if (ret == R57_OK)
        im->report->other++;
    return ret;
}

static int evidence_status_parse(int *out, const char *name)
{
    for (int st = R57_EVIDENCE_SUBMITTED; st <= R57_EVIDENCE_REJECTED; st++)
        if (strcmp(r57_evidence_status_name(st), name) == 0) {
            *out = st;
            return R57_OK;
        }
    return r57__error(R57_EINVAL, "evidence status '%s' is not submitted, verified or rejected",
                      name);
}

static int import_evidence(importer *im, json_t *o, const char *ptr, const char *skip)
{
    int ret, status = 0;
    r57_evidence_kind_t kind = R57_EVIDENCE_DOCUMENT;
    char p[PTR_SIZE];
    int64_t task_id;
    r57__evidence_row row;
    memset(&row, 0, sizeof row);
    if ((ret = check(im, o, ptr, evidence_fields, skip)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "kind", r57_evidence_kind_parse, &kind)) < 0 ||
        (ret = ENUM_FIELD(im, o, ptr, "status", evidence_status_parse, &status)) < 0 ||
        (ret = date_field(im, o, ptr, "document_date", &row.document_date)) < 0 ||
        (ret = task_of(im, o, ptr, &task_id)) < 0)
        return ret;
    const char *sha = s(o, "sha256");
    if (sha && !r57__is_sha256_hex(sha)) {
        ptr_fmt(p, "%s/sha256", ptr);
        return r57__import_fail_at(im, R57_EINVAL, p,
                                   "sha256 '%s' is not a SHA-256 (64 hex digits)", sha);
    }
    if (status != R57_EVIDENCE_SUBMITTED && !s(o, "decided_by")) {
        return r57__import_fail_at(im, R57_EINVAL, ptr, "%s evidence needs \"decided_by\"",
                                   r57_evidence_status_name(status));
    }
    if (status == R57_EVIDENCE_REJECTED && !s(o, "reason"))
        return r57__import_fail_at(im, R57_EINVAL, ptr, "rejected evidence needs a \"reason\"");
    json_t *pj = json_object_get(o, "progress");
    if (json_is_integer(pj)) {
        int64_t from = (int64_t)json_integer_value(pj);
        size_t i = 0;
        while (i < im->nprogress && im->progress_from[i] != from)
            i++;
        if (i == im->nprogress) {
            ptr_fmt(p, "%s/progress", ptr);
            return r57__import_fail_at(im, R57_ENOTFOUND, p,
                                       "progress report %lld is not in this import",
                                       (long long)from);
        }
        row.progress_id = im->progress_to[i];
    }
    json_t *size = json_object_get(o, "size");
    row.task_id = task_id;
    row.kind = kind;
    row.title = s(o, "title");
    row.uri = s(o, "uri");
    row.document_number = s(o, "document_number");
    row.document_issuer = s(o, "document_issuer");
    row.size = json_is_integer(size) ? (int64_t)json_integer_value(size) : -1;
    row.media_type = s(o, "media_type");
    row.sha256 = sha;
    row.product = json_is_true(json_object_get(o, "product"));
    row.status = status;
    row.submitted_by = s(o, "submitted_by");
    row.submitted_at = s(o, "submitted_at");
    row.decided_by = s(o, "decided_by");
    row.decided_at = s(o, "decided_at");
    row.reason = s(o, "reason");
    int64_t id = 0;
    if ((ret = r57__store_evidence_insert(im->db, &row, &id)) < 0)
        return ret;
    char key[ID_TEXT_SIZE];
    snprintf(key, sizeof key, "%lld", (long long)id);
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    if (!text)
        return r57__error_nomem();
    ret = r57__store_journal(im->db, im->actor, "evidence", key, "import", NULL, text);
    free(text);
    if (ret == R57_OK)
        im->report->other++;
    return ret;
}

static const struct {
    const char *section, *type;
    r57__import_fn fn;
} kinds[] = {
    { "units", "unit", import_unit },
    { "groups", "group", import_group },
    { "documents", "document", import_document },
    { "elements", "element", import_element },
    { "indicators", "indicator", import_indicator },
    { "targets", "target", import_target },
    { "tasks", "task", import_task },
    { "values", "value", import_value },
    { "actors", "actor", import_actor },
    { "evidence_rules", "evidence_rule", import_evidence_rule },
    { "rating_rules", "rating_rule", import_rating_rule },
    { "accountability_rules", "accountability_rule", import_accountability_rule },
    { "progress", "progress", import_progress },
    { "evidence", "evidence", import_evidence },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

r57__import_fn r57__import_kind(const char *type)
{
    for (size_t k = 0; type && k < NKINDS; k++)
        if (strcmp(kinds[k].type, type) == 0)
            return kinds[k].fn;
    return NULL;
}

/* Counts an item (force: only reports, at the end) and calls the
 * progress callback every 1000 items. */
int r57__import_progress(importer *im, int force)
{
    if (!force)
        im->items++;
    if (im->opts->progress && (force || im->items % 1000 == 0)) {
        int rc = im->opts->progress(im->items, im->bytes, im->opts->progress_payload);
        return r57__callback_rc(rc, "import stopped by the progress callback");
    }
    return R57_OK;
}

/* Does indicator a's text refer to I{code}? */
static int refers(json_t *a, const char *code)
{
    const char *keys[] = { "formula", "numerator", "denominator" };
    size_t n = code ? strlen(code) : 0;
    for (int k = 0; k < 3 && code; k++) {
        const char *t = s(a, keys[k]);
        for (const char *p = t ? strstr(t, "I{") : NULL; p; p = strstr(p + 2, "I{"))
            if (strncmp(p + 2, code, n) == 0 && p[2 + n] == '}')
                return 1;
    }
    return 0;
}

/* Indicators of a document may come in any order: each is created after
 * those it refers to. */
static int import_indicators(importer *im, json_t *list)
{
    size_t n = json_array_size(list), done_count = 0;
    unsigned char *done = r57__calloc(n ? n : 1, 1);
    int ret = done ? R57_OK : r57__error_nomem();
    char ptr[PTR_SIZE];
    while (ret == R57_OK && done_count < n) {
        size_t before = done_count;
        for (size_t i = 0; i < n && ret == R57_OK; i++) {
            if (done[i])
                continue;
            int ready = 1;
            for (size_t j = 0; j < n && ready; j++)
                if (j != i && !done[j] &&
                    refers(json_array_get(list, i), s(json_array_get(list, j), "code")))
                    ready = 0;
            if (!ready)
                continue;
            ptr_fmt(ptr, "/indicators/%zu", i);
            ret = import_indicator(im, json_array_get(list, i), ptr, NULL);
            if (ret == R57_OK)
                ret = r57__import_progress(im, 0);
            done[i] = 1;
            done_count++;
        }
        if (ret == R57_OK && done_count == before) {
            for (size_t i = 0; i < n; i++)
                if (!done[i]) {
                    ptr_fmt(ptr, "/indicators/%zu", i);
                    ret = r57__import_fail_at(im, R57_ECYCLE, ptr,
                                              "indicator '%s' and others refer to each other in a "
                                              "cycle",
                                              s(json_array_get(list, i), "code"));
                    break;
                }
        }
    }
    r57__free(done);
    return ret;
}

static int import_document_root(importer *im, json_t *root)
{
    int ret;
    if (!json_is_object(root))
        return r57__import_fail_at(im, R57_EINVAL, "", "the document is not a JSON object");
    const char *fmt = s(root, "format");
    json_t *ver = json_object_get(root, "version");
    if (!fmt || strcmp(fmt, "libr57") != 0)
        return r57__import_fail_at(im, R57_EINVAL, fmt ? "/format" : "",
                                   "\"format\" must be \"libr57\"");
    if (!json_is_integer(ver))
        return r57__import_fail_at(im, R57_EINVAL, ver ? "/version" : "",
                                   "\"version\" must be an integer");
    if (json_integer_value(ver) > R57_FORMAT_VERSION || json_integer_value(ver) < 1)
        return r57__import_fail_at(im, R57_EVERSION, "/version",
                                   "format version %lld is not one this libr57 reads (1 to %d)",
                                   (long long)json_integer_value(ver), R57_FORMAT_VERSION);
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        size_t k = 0;
        while (k < NKINDS && strcmp(kinds[k].section, key) != 0)
            k++;
        char ptr[PTR_SIZE];
        if (k == NKINDS && strcmp(key, "format") != 0 && strcmp(key, "version") != 0 &&
            im->opts->unknown_fields != R57_UNKNOWN_IGNORE)
            return fail_unknown(im, "", key);
        if (k < NKINDS && !json_is_array(v))
            return r57__import_fail_at(im, R57_EINVAL, ptr_fmt(ptr, "/%s", kinds[k].section),
                                       "\"%s\" must be an array", key);
    }
    for (size_t k = 0; k < NKINDS; k++) {
        json_t *list = json_object_get(root, kinds[k].section);
        if (kinds[k].fn == import_indicator) {
            if ((ret = import_indicators(im, list)) < 0)
                return ret;
            continue;
        }
        size_t i;
        json_t *o;
        json_array_foreach(list, i, o)
        {
            char ptr[PTR_SIZE];
            ptr_fmt(ptr, "/%s/%zu", kinds[k].section, i);
            if ((ret = kinds[k].fn(im, o, ptr, NULL)) < 0 ||
                (ret = r57__import_progress(im, 0)) < 0)
                return ret;
        }
    }
    return r57__import_progress(im, 1);
}

int r57__import_begin(r57_db *db, const char *func)
{
    int ret = r57_db_begin(db);
    if (ret == R57_ESTATE)
        return r57__error(R57_ESTATE, "%s: a transaction is open; the import runs in its own",
                          func);
    return ret;
}

int r57__import_setup(importer *im, r57_import_report **report, r57_db *db, const char *actor,
                      const r57_import_options *opts, const char *func)
{
    static const r57_import_options defaults = R57_IMPORT_OPTIONS_INIT;
    int ret;
    if (report)
        *report = NULL;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0)
        return ret;
    /* Version 1 callers have the shorter struct; nothing here reads past it. */
    if (opts && (opts->version < 1 || opts->version > R57_IMPORT_OPTIONS_VERSION))
        return r57__error(R57_EINVAL, "%s: unknown options version %u", func, opts->version);
    memset(im, 0, sizeof *im);
    im->db = db;
    im->actor = actor;
    im->opts = opts ? opts : &defaults;
    im->line_base = 1;
    im->report = r57__report_new();
    return im->report ? R57_OK : r57__error_nomem();
}

int r57__import_finish(importer *im, r57_import_report **report, int ret)
{
    r57__free(im->progress_from);
    r57__free(im->progress_to);
    im->progress_from = im->progress_to = NULL;
    if (ret == R57_OK && report)
        *report = im->report;
    else
        r57_import_report_free(im->report);
    return ret;
}

/*
 * Imports are administration: the actor must be a system-wide
 * administrator (outside setup mode).  What an import creates is a record
 * of decisions already taken elsewhere, so inside it the per-object checks
 * (who may assign, report, mark done) and the evidence rule are not
 * applied again; the journal names the importing actor for every object.
 */
int r57__import_enter(r57_db *db, const char *actor, const char *func)
{
    int ret;
    char *what;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0)
        return ret;
    if ((ret = r57__strfmt(&what, "import (%s)", func)) == R57_OK)
        ret = r57__access(db, actor, R57_ROLE_ADMINISTRATOR, 0, what);
    r57__free(what);
    if (ret < 0)
        return ret;
    db->access_bypass++;
    return R57_OK;
}

int r57__import_leave(r57_db *db, int ret)
{
    db->access_bypass--;
    return ret;
}

/* Imports a JSON text that came from the file `path` (NULL: from the
 * caller's memory). */
static int import_json_text(r57_import_report **report, r57_db *db, const char *actor,
                            const r57_import_options *opts, const char *text, size_t len,
                            const char *path)
{
    importer im;
    json_error_t jerr;
    int ret = r57__import_setup(&im, report, db, actor, opts, "r57_import_json");
    if (ret < 0)
        return ret;
    if (!text) {
        r57_import_report_free(im.report);
        return r57__error(R57_EINVAL, "r57_import_json: text is NULL");
    }
    im.path = path;
    im.text = text;
    im.len = len;
    im.bytes = len;
    json_t *root;
    if ((ret = r57__json_parse(&root, text, len, NULL, &jerr)) < 0) {
        r57_import_report_free(im.report);
        return ret == R57_EPARSE ? r57__import_fail_syntax(&im, &jerr, jerr.line) : ret;
    }
    if ((ret = r57__import_begin(db, "r57_import_json")) == R57_OK) {
        ret = import_document_root(&im, root);
        if (ret == R57_OK)
            ret = r57_db_commit(db);
        if (ret < 0)
            r57__db_rollback_keep_error(db);
    }
    json_decref(root);
    return r57__import_finish(&im, report, ret);
}

int r57_import_json(r57_import_report **report, r57_db *db, const char *actor,
                    const r57_import_options *opts, const char *text, size_t len)
{
    int ret;
    if (report)
        *report = NULL;
    if ((ret = r57__import_enter(db, actor, "r57_import_json")) < 0)
        return ret;
    return r57__import_leave(db, import_json_text(report, db, actor, opts, text, len, NULL));
}

int r57_import_json_file(r57_import_report **report, r57_db *db, const char *actor,
                         const r57_import_options *opts, const char *path)
{
    char *text;
    size_t len;
    int ret;
    if (report)
        *report = NULL;
    if ((ret = r57__require("r57_import_json_file", "path", path)) < 0 ||
        (ret = r57__import_enter(db, actor, "r57_import_json_file")) < 0)
        return ret;
    if ((ret = r57__read_file(path, &text, &len)) < 0)
        return r57__import_leave(db, ret);
    ret = r57__import_leave(db, import_json_text(report, db, actor, opts, text, len, path));
    r57__free(text);
    return ret;
}
