/*
 * The result of a resolution (r57/resolve.h): its kind, the units it
 * names with how and in which role, the reason; and its JSON, stored with
 * a task.
 */
#include "resolution.h"

#include <jansson.h>
#include <string.h>

const char *r57_resolution_kind_name(r57_resolution_kind_t kind)
{
    static const char *const names[] = { "none",       "unit",    "person",  "joint",
                                         "collective", "unknown", "several", "vague" };
    return (int)kind >= 0 && kind <= R57_RESOLUTION_VAGUE ? names[kind] : NULL;
}

const char *r57_match_how_name(r57_match_how_t how)
{
    static const char *const names[] = { "name", "en", "alias", "predecessor", "code" };
    return (int)how >= 0 && how <= R57_MATCH_CODE ? names[how] : NULL;
}

const char *r57_match_role_name(r57_match_role_t role)
{
    static const char *const names[] = { "lead", "coordinating" };
    return (int)role >= 0 && role <= R57_MATCH_COORDINATING ? names[role] : NULL;
}

void r57_resolution_free(r57_resolution *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nm; i++) {
        r57__free(r->m[i].unit);
        r57__free(r->m[i].text);
        r57__free(r->m[i].note);
    }
    r57__free(r->m);
    r57__free(r->text);
    r57__free(r->unit);
    r57__free(r->person);
    r57__free(r->group);
    r57__free(r->reason);
    r57__free(r);
}

/* ---- accessors ------------------------------------------------------------ */

r57_resolution_kind_t r57_resolution_kind(const r57_resolution *r)
{
    return r ? (r57_resolution_kind_t)r->kind : R57_RESOLUTION_NONE;
}
const char *r57_resolution_text(const r57_resolution *r) { return r ? r->text : NULL; }
const char *r57_resolution_unit(const r57_resolution *r) { return r ? r->unit : NULL; }
const char *r57_resolution_person(const r57_resolution *r) { return r ? r->person : NULL; }
bool r57_resolution_each(const r57_resolution *r) { return r ? r->each : 0; }
uint64_t r57_resolution_assigned(const r57_resolution *r) { return r ? r->assigned : 0; }
const char *r57_resolution_group(const r57_resolution *r) { return r ? r->group : NULL; }
const char *r57_resolution_reason(const r57_resolution *r) { return r ? r->reason : NULL; }
size_t r57_resolution_match_count(const r57_resolution *r) { return r ? r->nm : 0; }

const char *r57_resolution_match_unit(const r57_resolution *r, size_t i)
{
    return r && i < r->nm ? r->m[i].unit : NULL;
}

const char *r57_resolution_match_text(const r57_resolution *r, size_t i)
{
    return r && i < r->nm ? r->m[i].text : NULL;
}

r57_match_role_t r57_resolution_match_role(const r57_resolution *r, size_t i)
{
    return r && i < r->nm ? (r57_match_role_t)r->m[i].role : R57_MATCH_LEAD;
}

r57_match_how_t r57_resolution_match_how(const r57_resolution *r, size_t i)
{
    return r && i < r->nm ? (r57_match_how_t)r->m[i].how : R57_MATCH_NAME;
}

const char *r57_resolution_match_note(const r57_resolution *r, size_t i)
{
    return r && i < r->nm ? r->m[i].note : NULL;
}

/* ---- stored with a task (JSON) --------------------------------------------- */

char *r57__json_dump(const struct json_t *o)
{
    /* Into memory of our allocator (json_dumps would hand back jansson's). */
    size_t n = json_dumpb(o, NULL, 0, JSON_COMPACT);
    char *b = n ? r57__malloc(n + 1) : NULL;
    if (!b)
        return NULL;
    if (json_dumpb(o, b, n, JSON_COMPACT) != n) {
        r57__free(b);
        return NULL;
    }
    b[n] = '\0';
    return b;
}

static const char *const kind_names[] = { "none",       "unit",    "person",  "joint",
                                          "collective", "unknown", "several", "vague" };

int r57__resolution_to_json(struct json_t **out, const r57_resolution *r)
{
    json_t *o = json_object(), *ms = json_array();
    int bad = !o || !ms;
    bad |= json_object_set_new(o, "kind", json_string(kind_names[r->kind])) < 0;
    bad |= json_object_set_new(o, "text", json_string(r->text)) < 0;
    if (r->unit)
        bad |= json_object_set_new(o, "unit", json_string(r->unit)) < 0;
    if (r->person)
        bad |= json_object_set_new(o, "person", json_string(r->person)) < 0;
    if (r->group)
        bad |= json_object_set_new(o, "group", json_string(r->group)) < 0;
    if (r->each)
        bad |= json_object_set_new(o, "each", json_true()) < 0;
    if (r->assigned)
        bad |= json_object_set_new(o, "assigned", json_integer((json_int_t)r->assigned)) < 0;
    bad |= json_object_set_new(o, "reason", json_string(r->reason ? r->reason : "")) < 0;
    for (size_t i = 0; !bad && i < r->nm; i++) {
        json_t *m = json_pack("{s:s,s:s,s:s,s:s,s:s}", "unit", r->m[i].unit, "text", r->m[i].text,
                              "role", r57_match_role_name((r57_match_role_t)r->m[i].role), "how",
                              r57_match_how_name((r57_match_how_t)r->m[i].how), "note",
                              r->m[i].note);
        bad |= !m || json_array_append_new(ms, m) < 0;
    }
    if (!bad && r->nm)
        bad |= json_object_set(o, "matches", ms) < 0;
    json_decref(ms);
    if (bad) {
        json_decref(o);
        return r57__error_nomem();
    }
    *out = o;
    return R57_OK;
}

static char *jdup(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? r57__strdup(s) : NULL;
}

int r57__resolution_from_json(r57_resolution **out, const struct json_t *o)
{
    r57_resolution *r = r57__calloc(1, sizeof *r);
    if (!r)
        return r57__error_nomem();
    const char *k = json_string_value(json_object_get(o, "kind"));
    for (int i = 0; k && i <= R57_RESOLUTION_VAGUE; i++)
        if (strcmp(k, kind_names[i]) == 0)
            r->kind = i;
    r->text = jdup(o, "text");
    r->unit = jdup(o, "unit");
    r->person = jdup(o, "person");
    r->group = jdup(o, "group");
    r->reason = jdup(o, "reason");
    r->each = json_is_true(json_object_get(o, "each"));
    json_int_t assigned = json_integer_value(json_object_get(o, "assigned"));
    r->assigned = assigned > 0 ? (uint64_t)assigned : 0;
    int bad = !r->text || !r->reason || (json_object_get(o, "unit") && !r->unit) ||
              (json_object_get(o, "person") && !r->person) ||
              (json_object_get(o, "group") && !r->group);
    const json_t *ms = json_object_get(o, "matches");
    size_t n = json_array_size(ms);
    if (!bad && n) {
        r->m = r57__calloc(n, sizeof *r->m);
        bad = !r->m;
    }
    for (size_t i = 0; !bad && i < n; i++) {
        const json_t *m = json_array_get(ms, i);
        struct rmatch *x = &r->m[r->nm++];
        x->unit = jdup(m, "unit");
        x->text = jdup(m, "text");
        x->note = jdup(m, "note");
        const char *role = json_string_value(json_object_get(m, "role"));
        x->role = role && strcmp(role, "coordinating") == 0 ? R57_MATCH_COORDINATING
                                                            : R57_MATCH_LEAD;
        const char *how = json_string_value(json_object_get(m, "how"));
        for (int h = 0; how && h <= R57_MATCH_CODE; h++)
            if (strcmp(how, r57_match_how_name((r57_match_how_t)h)) == 0)
                x->how = h;
        bad = !x->unit || !x->text || !x->note;
    }
    if (bad) {
        r57_resolution_free(r);
        return r57__error_nomem();
    }
    *out = r;
    return R57_OK;
}

/* A deep copy (through the same JSON the task stores). */
int r57__resolution_copy(r57_resolution **out, const r57_resolution *r)
{
    json_t *o = NULL;
    int ret = r57__resolution_to_json(&o, r);
    if (ret == R57_OK)
        ret = r57__resolution_from_json(out, o);
    json_decref(o);
    return ret;
}
