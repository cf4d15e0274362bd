/*
 * The "6 clear" lint (docs/six-clear.md).  Pure: it judges a task object as
 * loaded, so callers can lint without touching the database again.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

typedef struct phrase {
    int field; /* an r57_clear_field, or -1 for all */
    char *text;   /* lower-cased (ASCII) */
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

static const char *const field_names[R57_CLEAR_FIELD_COUNT] = {
    "owner", "task", "deadline", "accountability", "product", "authority"
};
static const char *const clarity_names[] = { "clear", "missing", "vague" };

const char *r57_clear_field_name(int f)
{
    return f >= 0 && f < R57_CLEAR_FIELD_COUNT ? field_names[f] : NULL;
}

const char *r57_clarity_name(int c)
{
    return c >= 0 && c <= R57_CLARITY_VAGUE ? clarity_names[c] : NULL;
}

/* Which fields a built-in phrase applies to. */
#define WHO ((1 << R57_CLEAR_OWNER) | (1 << R57_CLEAR_ACCOUNTABILITY) | (1 << R57_CLEAR_AUTHORITY))
#define WHAT ((1 << R57_CLEAR_TASK) | (1 << R57_CLEAR_PRODUCT))
#define OWNER (1 << R57_CLEAR_OWNER)
#define PRODUCT (1 << R57_CLEAR_PRODUCT)

/*
 * The built-in vague phrases, from the wording the documents use when they
 * leave a field open.  "Who" phrases are not applied to the task's title,
 * which may well mention "ministries, sectors and localities" as the
 * subject of the work without leaving the owner open.  Vietnamese phrases
 * are matched byte for byte (with ASCII folding only), so they are listed
 * as the documents write them.
 */
static const struct {
    int fields; /* bit mask of r57_clear_field */
    const char *text, *reason;
} builtin[] = {
    { WHO | PRODUCT, "relevant", "does not say which" },
    { WHO | PRODUCT, "concerned", "does not say which" },
    { WHO | PRODUCT, "related", "does not say which" },
    { WHO, "competent authorities", "names nobody" },
    { WHO, "competent authority", "names nobody" },
    { WHO, "assigned ministries", "does not say which ministries" },
    { WHO, "all levels and sectors", "names no unit" },
    { WHO, "ministries, sectors and localities", "names no unit" },
    { WHO, "agencies and units", "names no unit" },
    { WHO, "major universities", "does not say which universities" },
    { OWNER, "provinces and centrally run cities",
      "names a group of units, not one lead unit: assign it to each" },
    { WHAT, "as required", "does not say what" },
    { WHAT, "as appropriate", "does not say what" },
    { WHAT, "if necessary", "does not say when it applies" },
    { WHAT, "necessary measures", "does not say which measures" },
    { WHO | PRODUCT, "liên quan", "does not say which (liên quan)" },
    { WHO, "có thẩm quyền", "names nobody (có thẩm quyền)" },
    { WHO, "các bộ, ngành, địa phương", "names no unit (các bộ, ngành, địa phương)" },
    { WHO, "các cấp, các ngành", "names no unit (các cấp, các ngành)" },
    { WHO, "cơ quan chức năng", "names no unit (cơ quan chức năng)" },
    { WHAT, "theo quy định", "does not say what (theo quy định)" },
};

static char *fold(const char *s)
{
    char *f = r57__strdup(s);
    if (f)
        for (char *p = f; *p; p++)
            *p = (char)r57__lower((unsigned char)*p);
    return f;
}

int r57_linter_add_vague(r57_linter *l, int field, const char *text, const char *reason)
{
    if (!l)
        return r57__error(R57_EINVAL, "r57_linter_add_vague: linter is NULL");
    if (r57__blank(text))
        return r57__error(R57_EINVAL, "r57_linter_add_vague: phrase is NULL or blank");
    if (field < -1 || field >= R57_CLEAR_FIELD_COUNT)
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
    p->reason = r57__strdup(reason ? reason : "is vague");
    if (!p->text || !p->reason) {
        r57__free(p->text);
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

/* Finds phrase (folded) in text as whole words, ignoring ASCII case. */
static int contains_words(const char *text, const char *ph)
{
    size_t n = strlen(ph), len = strlen(text);
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && r57__lower((unsigned char)text[i + k]) == (unsigned char)ph[k])
            k++;
        if (k < n)
            continue;
        int before = i == 0 || !wordch((unsigned char)r57__lower((unsigned char)text[i - 1]));
        int after = i + n == len || !wordch((unsigned char)r57__lower((unsigned char)text[i + n]));
        if (before && after)
            return 1;
    }
    return 0;
}

/* The built-in phrases first, then the caller's (a linter holds only the
 * caller's; l may be NULL). */
static int find_vague(const r57_linter *l, int field, const char *text, const char **ph,
                      const char **reason)
{
    if (!text)
        return 0;
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        if ((builtin[i].fields & (1 << field)) && contains_words(text, builtin[i].text)) {
            *ph = builtin[i].text;
            *reason = builtin[i].reason;
            return 1;
        }
    for (size_t i = 0; l && i < l->n; i++)
        if ((l->phrases[i].field == -1 || l->phrases[i].field == field) &&
            contains_words(text, l->phrases[i].text)) {
            *ph = l->phrases[i].text;
            *reason = l->phrases[i].reason;
            return 1;
        }
    return 0;
}

int r57__lint_is_vague(int field, const char *text)
{
    const char *ph, *why;
    return find_vague(NULL, field, text, &ph, &why);
}

static int set(r57_verdict *v, int field, int clarity, const char *fmt, ...) R57__PRINTF(4, 5);

static int set(r57_verdict *v, int field, int clarity, const char *fmt, ...)
{
    r57__buf b = R57__BUF_INIT;
    v->clarity[field] = clarity;
    if (fmt) {
        va_list ap;
        char small[512];
        va_start(ap, fmt);
        vsnprintf(small, sizeof small, fmt, ap);
        va_end(ap);
        r57__buf_puts(&b, small);
    }
    v->reason[field] = r57__buf_detach(&b);
    return v->reason[field] ? R57_OK : r57__error_nomem();
}

/* Judges a "who" or "what" text: missing, vague by phrase, or clear. */
static int judge_text(r57_verdict *v, const r57_linter *l, int field, const char *text,
                      const char *missing_reason)
{
    if (r57__blank(text))
        return set(v, field, R57_CLARITY_MISSING, "%s", missing_reason);
    const char *ph, *why;
    if (find_vague(l, field, text, &ph, &why))
        return set(v, field, R57_CLARITY_VAGUE, "%s '%s' is vague: '%s' %s", field_names[field],
                   text, ph, why);
    return set(v, field, R57_CLARITY_CLEAR, NULL);
}

static int lint(r57_verdict *v, const r57_linter *l, const r57_task *t)
{
    int ret;
    const char *owner = r57_task_owner(t), *person = r57_task_owner_person(t);
    const char *unit = r57_task_owner_unit(t);

    /* owner: a registered lead unit is what makes it clear. */
    if (unit)
        ret = set(v, R57_CLEAR_OWNER, R57_CLARITY_CLEAR, NULL);
    else if (r57__blank(owner) && r57__blank(person))
        ret = set(v, R57_CLEAR_OWNER, R57_CLARITY_MISSING, "no lead unit is named");
    else if (r57__blank(owner))
        ret = set(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
                  "owner names a person ('%s') but no lead unit", person);
    else if (find_vague(l, R57_CLEAR_OWNER, owner, &(const char *){ NULL },
                        &(const char *){ NULL }))
        ret = judge_text(v, l, R57_CLEAR_OWNER, owner, NULL);
    else
        ret = set(v, R57_CLEAR_OWNER, R57_CLARITY_VAGUE,
                  "owner '%s' names no registered unit", owner);
    if (ret < 0)
        return ret;

    if ((ret = judge_text(v, l, R57_CLEAR_TASK, r57_task_title(t),
                          "the task does not say what is to be done")) < 0)
        return ret;

    /* deadline: the parser already refused anything unreadable. */
    int kind = r57_task_deadline_kind(t);
    if (kind == R57_DEADLINE_NONE)
        ret = set(v, R57_CLEAR_DEADLINE, R57_CLARITY_MISSING, "no deadline");
    else
        ret = set(v, R57_CLEAR_DEADLINE, R57_CLARITY_CLEAR, NULL);
    if (ret < 0)
        return ret;

    /* accountability: a unit code, or a named unit or person. */
    if (r57_task_accountability_unit(t))
        ret = set(v, R57_CLEAR_ACCOUNTABILITY, R57_CLARITY_CLEAR, NULL);
    else
        ret = judge_text(v, l, R57_CLEAR_ACCOUNTABILITY, r57_task_accountability(t),
                         "nobody is named to answer for the task");
    if (ret < 0)
        return ret;

    if ((ret = judge_text(v, l, R57_CLEAR_PRODUCT, r57_task_product(t),
                          "no product (deliverable) is named")) < 0)
        return ret;

    if (r57_task_authority_unit(t))
        return set(v, R57_CLEAR_AUTHORITY, R57_CLARITY_CLEAR, NULL);
    return judge_text(v, l, R57_CLEAR_AUTHORITY, r57_task_authority(t),
                      "nobody is named to decide or approve");
}

int r57_lint_task(r57_verdict **out, const r57_linter *linter, const r57_task *task)
{
    int ret;
    if (!out || !task)
        return r57__error(R57_EINVAL, "r57_lint_task: out or task is NULL");
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

int r57_verdict_is_clear(const r57_verdict *v)
{
    if (!v)
        return 0;
    for (int i = 0; i < R57_CLEAR_FIELD_COUNT; i++)
        if (v->clarity[i] != R57_CLARITY_CLEAR)
            return 0;
    return 1;
}

int r57_verdict_clarity(const r57_verdict *v, int f)
{
    return v && f >= 0 && f < R57_CLEAR_FIELD_COUNT ? v->clarity[f] : -1;
}

const char *r57_verdict_reason(const r57_verdict *v, int f)
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
