/*
 * The "6 clear" lint (docs/six-clear.md).  Pure: it judges a task object as
 * loaded, so callers can lint without touching the database again.
 */
#include "internal.h"
#include "r57/resolve.h"

#include <stdio.h>
#include <string.h>

typedef struct phrase {
    int field;   /* an r57_clear_field, or -1 for all */
    char *text;  /* folded (lib/text.c, no diacritics), for matching */
    char *shown; /* as the caller wrote it, for verdicts */
    char *reason;
} phrase;

struct r57_linter {
    phrase *phrases;
    size_t n, cap;
};

struct r57_verdict {
    int clarity[R57_CLEAR_FIELD_COUNT];
    char *reason[R57_CLEAR_FIELD_COUNT];
};

static const char *const field_names[R57_CLEAR_FIELD_COUNT] = { "owner",    "task",
                                                                "deadline", "accountability",
                                                                "product",  "authority" };
static const char *const clarity_names[] = { "clear", "missing", "vague", "implied" };

const char *r57_clear_field_name(r57_clear_field_t f)
{
    return f >= 0 && f < R57_CLEAR_FIELD_COUNT ? field_names[f] : NULL;
}

const char *r57_clarity_name(r57_clarity_t c)
{
    return c >= 0 && c <= R57_CLARITY_IMPLIED ? clarity_names[c] : NULL;
}

/* Which fields a built-in phrase applies to. */
#define WHAT ((1 << R57_CLEAR_TASK) | (1 << R57_CLEAR_PRODUCT))
#define PRODUCT (1 << R57_CLEAR_PRODUCT)

/*
 * The built-in vague phrases of the "what" fields (task and product): the
 * words with which a document leaves the deliverable open.  Who a task
 * names (owner, authority, accountability) is not judged by phrases but
 * by what the text resolves to (resolve.c).  Matched as whole words on
 * the Unicode fold (any case, NFC or NFD, with or without diacritics).
 */
static const struct {
    int fields; /* bit mask of r57_clear_field */
    const char *text, *reason;
} builtin[] = {
    { PRODUCT, "relevant", "does not say which" },
    { PRODUCT, "concerned", "does not say which" },
    { PRODUCT, "related", "does not say which" },
    { WHAT, "as required", "does not say what" },
    { WHAT, "as appropriate", "does not say what" },
    { WHAT, "if necessary", "does not say when it applies" },
    { WHAT, "necessary measures", "does not say which measures" },
    { PRODUCT, "liên quan", "does not say which (liên quan)" },
    { WHAT, "theo quy định", "does not say what (theo quy định)" },
    { WHAT, "khi cần thiết", "does not say when it applies (khi cần thiết)" },
    { WHAT, "phù hợp", "does not say what (phù hợp)" },
};

/* The key phrases are compared by: the Unicode fold without diacritics
 * (lib/text.c), so "Theo quy dinh" finds "theo quy định". */
static char *fold(const char *s)
{
    char *f = NULL;
    return r57__text_key(&f, s, R57__TEXT_BARE) == R57_OK ? f : NULL;
}

int r57_linter_add_vague(r57_linter *l, r57_clear_field_t field, const char *text,
                         const char *reason)
{
    if (!l)
        return r57__error(R57_EINVAL, "r57_linter_add_vague: linter is NULL");
    if (r57__blank(text))
        return r57__error(R57_EINVAL, "r57_linter_add_vague: phrase is NULL or blank");
    if (field < R57_CLEAR_ALL || field >= R57_CLEAR_FIELD_COUNT)
        return r57__error(R57_EINVAL, "r57_linter_add_vague: %d is not a 6-clear field", field);
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        phrase *p = r57__realloc(l->phrases, cap * sizeof *p);
        if (!p)
            return r57__error_nomem();
        l->phrases = p;
        l->cap = cap;
    }
    phrase *p = &l->phrases[l->n];
    p->field = field;
    p->text = fold(text);
    p->shown = r57__strdup(text);
    p->reason = r57__strdup(reason ? reason : "is vague");
    if (!p->text || !p->shown || !p->reason) {
        r57__free(p->text);
        r57__free(p->shown);
        r57__free(p->reason);
        return r57__error_nomem();
    }
    l->n++;
    return R57_OK;
}

int r57_linter_new(r57_linter **out)
{
    if (!out)
        return r57__error(R57_EINVAL, "r57_linter_new: out is NULL");
    *out = NULL;
    r57_linter *l = r57__calloc(1, sizeof *l);
    if (!l)
        return r57__error_nomem();
    *out = l;
    return R57_OK;
}

void r57_linter_free(r57_linter *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        r57__free(l->phrases[i].text);
        r57__free(l->phrases[i].shown);
        r57__free(l->phrases[i].reason);
    }
    r57__free(l->phrases);
    r57__free(l);
}

/* A word character: ASCII letters and digits, and every byte of a UTF-8
 * sequence (so "sớm" is not found inside "sớmhơn"). */
static int wordch(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Finds phrase (folded) in text (folded) as whole words. */
static int contains_words(const char *text, const char *ph)
{
    size_t n = strlen(ph), len = strlen(text);
    for (size_t i = 0; i + n <= len; i++) {
        if (memcmp(text + i, ph, n) != 0)
            continue;
        int before = i == 0 || !wordch((unsigned char)text[i - 1]);
        int after = i + n == len || !wordch((unsigned char)text[i + n]);
        if (before && after)
            return 1;
    }
    return 0;
}

/* The built-in phrases first, then the caller's (a linter holds only the
 * caller's; l may be NULL).  -1 when out of memory. */
static int find_vague(const r57_linter *l, int field, const char *text, const char **ph,
                      const char **reason)
{
    if (!text)
        return 0;
    char *t = fold(text);
    if (!t)
        return -1;
    int found = 0;
    for (size_t i = 0; !found && i < sizeof builtin / sizeof builtin[0]; i++) {
        if (!(builtin[i].fields & (1 << field)))
            continue;
        char *p = fold(builtin[i].text);
        if (!p) {
            r57__free(t);
            return -1;
        }
        if (contains_words(t, p)) {
            *ph = builtin[i].text;
            *reason = builtin[i].reason;
            found = 1;
        }
        r57__free(p);
    }
    for (size_t i = 0; !found && l && i < l->n; i++)
        if ((l->phrases[i].field == R57_CLEAR_ALL || l->phrases[i].field == field) &&
            contains_words(t, l->phrases[i].text)) {
            *ph = l->phrases[i].shown;
            *reason = l->phrases[i].reason;
            found = 1;
        }
    r57__free(t);
    return found;
}

static int set(r57_verdict *v, int field, int clarity, const char *fmt, ...) R57__PRINTF(4, 5);

static int set(r57_verdict *v, int field, int clarity, const char *fmt, ...)
{
    r57__buf b = R57__BUF_INIT;
    v->clarity[field] = clarity;
    /* Reasons quote texts whole (a rule, an owner), however long. */
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        r57__buf_vprintf(&b, fmt, ap);
        va_end(ap);
    }
    if (b.failed) {
        r57__buf_free(&b);
        return r57__error_nomem();
    }
    v->reason[field] = b.ptr ? r57__buf_detach(&b) : r57__strdup("");
    return v->reason[field] ? R57_OK : r57__error_nomem();
}

/* Judges a "what" text: missing, vague by phrase, or clear. */
static int judge_text(r57_verdict *v, const r57_linter *l, int field, const char *text,
                      const char *missing_reason)
{
    if (r57__blank(text))
        return set(v, field, R57_CLARITY_MISSING, "%s", missing_reason);
    const char *ph = "", *why = "";
    int found = find_vague(l, field, text, &ph, &why);
    if (found < 0)
        return r57__error_nomem();
    if (found)
        return set(v, field, R57_CLARITY_VAGUE, "%s '%s' is vague: '%s' %s", field_names[field],
                   text, ph, why);
    return set(v, field, R57_CLARITY_CLEAR, NULL);
}

/* The stored resolution of a field, or NULL (none stored: a task of an
 * older libr57, or a text given with its code). */
static r57_resolution *stored(const r57_task *t, r57_task_field_t f, int *err)
{
    r57_resolution *r = NULL;
    *err = 0;
    if (r57_task_resolution(&r, t, f) < 0 && r57_error_code(r57_error_last()) != R57_ENOTFOUND)
        *err = r57_error_code(r57_error_last());
    return r;
}

/*
 * Judges a "who" field from what its text resolved to.  A field is clear
 * when it names one registered unit (or, but for the owner, a person with
 * a post); vague otherwise, with the resolver's reason.  peer is the
 * owner's resolution, for an authority that is "the executive of each"
 * of a group the owner names.
 */
static int judge_who(r57_verdict *v, int field, const char *text, const char *code,
                     const r57_resolution *r, const r57_resolution *peer, const char *missing)
{
    const char *name = field_names[field];
    if (r) {
        r57_resolution_kind_t k = r57_resolution_kind(r);
        const char *why = r57_resolution_reason(r);
        /* A person named with a post is a clear owner too (the domain's
         * "responsible unit or person"): "Phó Thủ tướng Nguyễn Chí Dũng". */
        if (field == R57_CLEAR_OWNER && r57_resolution_assigned(r))
            return set(v, field, R57_CLARITY_CLEAR,
                       "%s '%s': assigned to each of %llu units, one sub-task each", name, text,
                       (unsigned long long)r57_resolution_assigned(r));
        if (k == R57_RESOLUTION_UNIT || k == R57_RESOLUTION_PERSON)
            return set(v, field, R57_CLARITY_CLEAR, "%s '%s': %s", name, text, why);
        if (k == R57_RESOLUTION_COLLECTIVE && field == R57_CLEAR_AUTHORITY && peer &&
            r57_resolution_kind(peer) == R57_RESOLUTION_COLLECTIVE && r57_resolution_group(r) &&
            r57_resolution_group(peer) &&
            strcmp(r57_resolution_group(r), r57_resolution_group(peer)) == 0)
            return set(v, field, R57_CLARITY_CLEAR,
                       "%s '%s': each owner unit's own (the task goes to each unit of the %s "
                       "level)",
                       name, text, r57_resolution_group(r));
        if (k != R57_RESOLUTION_NONE)
            return set(v, field, R57_CLARITY_VAGUE, "%s '%s': %s", name, text, why);
    }
    if (code)
        return set(v, field, R57_CLARITY_CLEAR, "%s: unit %s", name, code);
    if (r57__blank(text))
        return set(v, field, R57_CLARITY_MISSING, "%s", missing);
    return set(v, field, R57_CLARITY_VAGUE, "%s '%s' names no registered unit", name, text);
}

static int lint(r57_verdict *v, const r57_linter *l, const r57_task *t)
{
    int ret, err;
    const char *owner = r57_task_owner(t), *person = r57_task_owner_person(t);
    r57_resolution *ro = stored(t, R57_FIELD_OWNER, &err);
    if (err)
        return err;

    /* owner */
    if (r57__blank(owner) && !r57_task_owner_unit(t) && !r57__blank(person))
        ret = set(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
                  "owner names a person ('%s') but no lead unit", person);
    else
        ret = judge_who(v, R57_CLEAR_OWNER, owner, r57_task_owner_unit(t), ro, NULL,
                        "no lead unit is named");

    if (ret == R57_OK)
        ret = judge_text(v, l, R57_CLEAR_TASK, r57_task_title(t),
                         "the task does not say what is to be done");

    /* deadline: the parser already refused anything unreadable. */
    if (ret == R57_OK) {
        int kind = r57_task_deadline_kind(t);
        if (kind == R57_DEADLINE_NONE)
            ret = set(v, R57_CLEAR_DEADLINE, R57_CLARITY_MISSING, "no deadline");
        else if (kind == R57_DEADLINE_VAGUE)
            ret = set(v, R57_CLEAR_DEADLINE, R57_CLARITY_VAGUE,
                      "deadline '%s' names no day, month, quarter, half-year, year or period "
                      "that can be tracked: give one",
                      r57_task_deadline_text(t));
        else if (kind == R57_DEADLINE_ONGOING)
            ret = set(v, R57_CLEAR_DEADLINE, R57_CLARITY_CLEAR,
                      "deadline '%s': ongoing work, never overdue", r57_task_deadline_text(t));
        else if (kind == R57_DEADLINE_EVENT)
            ret = set(v, R57_CLEAR_DEADLINE, R57_CLARITY_CLEAR,
                      "deadline '%s': tied to an event; not overdue until a date is set for it",
                      r57_task_deadline_text(t));
        else
            ret = set(v, R57_CLEAR_DEADLINE, R57_CLARITY_CLEAR, NULL);
    }

    /* accountability: written, else implied by the rule in force. */
    if (ret == R57_OK) {
        const char *acc = r57_task_accountability(t), *rule = r57_task_accountability_rule(t);
        r57_resolution *ra = stored(t, R57_FIELD_ACCOUNTABILITY, &err);
        if (err)
            ret = err;
        else if (r57__blank(acc) && !r57_task_accountability_unit(t) && rule) {
            const char *lead = r57_task_owner_unit(t);
            if (lead)
                ret = set(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_IMPLIED,
                          "not written; implied by the rule '%s': the head of %s answers", rule,
                          lead);
            else if (r57_resolution_kind(ro) == R57_RESOLUTION_PERSON)
                ret = set(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_IMPLIED,
                          "not written; implied by the rule '%s': %s answers", rule,
                          r57_resolution_person(ro) ? r57_resolution_person(ro) : owner);
            else if (r57_resolution_assigned(ro))
                ret = set(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_IMPLIED,
                          "not written; implied by the rule '%s': in each sub-task, the head "
                          "of its unit answers",
                          rule);
            else
                ret = set(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_IMPLIED,
                          "not written; implied by the rule '%s' (once the lead unit is clear)",
                          rule);
        } else {
            ret = judge_who(v, R57_CLEAR_ACCOUNTABILITY, acc, r57_task_accountability_unit(t), ra,
                            NULL, "nobody is named to answer for the task");
        }
        r57_resolution_free(ra);
    }

    if (ret == R57_OK)
        ret = judge_text(v, l, R57_CLEAR_PRODUCT, r57_task_product(t),
                         "no product (deliverable) is named");

    if (ret == R57_OK) {
        r57_resolution *rx = stored(t, R57_FIELD_AUTHORITY, &err);
        ret = err ? err
                  : judge_who(v, R57_CLEAR_AUTHORITY, r57_task_authority(t),
                              r57_task_authority_unit(t), rx, ro,
                              "nobody is named to decide or approve");
        r57_resolution_free(rx);
    }
    r57_resolution_free(ro);
    return ret;
}

int r57_linter_check(r57_verdict **out, const r57_linter *linter, const r57_task *task)
{
    int ret;
    if (!out || !task)
        return r57__error(R57_EINVAL, "r57_linter_check: out or task is NULL");
    *out = NULL;
    r57_verdict *v = r57__calloc(1, sizeof *v);
    if (!v)
        return r57__error_nomem();
    ret = lint(v, linter, task);
    if (ret < 0) {
        r57_verdict_free(v);
        return ret;
    }
    *out = v;
    return R57_OK;
}

bool r57_verdict_is_clear(const r57_verdict *v)
{
    if (!v)
        return 0;
    for (int i = 0; i < R57_CLEAR_FIELD_COUNT; i++)
        if (v->clarity[i] != R57_CLARITY_CLEAR && v->clarity[i] != R57_CLARITY_IMPLIED)
            return 0;
    return 1;
}

r57_clarity_t r57_verdict_clarity(const r57_verdict *v, r57_clear_field_t f)
{
    return v && f >= 0 && f < R57_CLEAR_FIELD_COUNT ? v->clarity[f] : R57_CLARITY_INVALID;
}

const char *r57_verdict_reason(const r57_verdict *v, r57_clear_field_t f)
{
    return v && f >= 0 && f < R57_CLEAR_FIELD_COUNT ? v->reason[f] : NULL;
}

void r57_verdict_free(r57_verdict *v)
{
    if (!v)
        return;
    for (int i = 0; i < R57_CLEAR_FIELD_COUNT; i++)
        r57__free(v->reason[i]);
    r57__free(v);
}
