/* Key political tasks, scorecards and the rating of units
 * (docs/scorecards.md). */
#include "access.h"
#include "store.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- key tasks ------------------------------------------------------------- */

static const char *const key_names[] = { "public_investment", "digital_transformation",
                                         "science_technology" };
#define KEY_COUNT ((int)(sizeof key_names / sizeof key_names[0]))

const char *r57_key_category_name(r57_key_category_t category)
{
    return category >= 0 && category < KEY_COUNT ? key_names[category] : NULL;
}

int r57_key_category_parse(r57_key_category_t *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_key_category_parse: NULL argument");
    for (int i = 0; i < KEY_COUNT; i++)
        if (strcmp(key_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "key task category '%s' is not one of public_investment, "
                      "digital_transformation, science_technology",
                      name);
}

/* {"key":"<category>"}, or {"key":null} for none. */
static void key_json(r57__buf *b, int category)
{
    if (category < 0)
        r57__buf_puts(b, "{\"key\":null}");
    else
        r57__buf_printf(b, "{\"key\":\"%s\"}", key_names[category]);
}

int r57_task_set_key(r57_db *db, const char *actor, const r57_task *task,
                     r57_key_category_t category)
{
    int ret;
    if (!db || !task)
        return r57__error(R57_EINVAL, "r57_task_set_key: %s is NULL", db ? "task" : "db");
    if ((ret = r57__require("r57_task_set_key", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__task_of(db, task, "r57_task_set_key")) < 0)
        return ret;
    if (category != R57_KEY_NONE && !r57_key_category_name(category))
        return r57__error(R57_EINVAL, "task '%s' of '%s': %d is not a key task category",
                          r57_task_ref(task), r57_task_document(task), category);
    if ((ret = r57__store_write_begin(db, "r57_task_set_key")) < 0)
        return ret;
    r57__task_facts f;
    int before = R57_KEY_NONE;
    ret = r57__task_facts_get(db, r57_task_id(task), &f);
    if (ret == R57_OK)
        ret = r57__access_task(db, actor, R57_ROLE_MANAGER, -1, &f, "mark as a key task");
    if (ret == R57_OK)
        ret = r57__store_task_key(db, f.id, &before);
    if (ret == R57_OK)
        ret = r57__store_task_set_key(db, f.id, category);
    if (ret == R57_OK) {
        /* The task's key is as long as its document and reference are:
         * built whole, never cut. */
        r57__buf key = R57__BUF_INIT, o = R57__BUF_INIT, n = R57__BUF_INIT;
        r57__buf_printf(&key, "%s#%s", r57_task_document(task), r57_task_ref(task));
        key_json(&o, before);
        key_json(&n, category);
        ret = key.failed || o.failed || n.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "task", key.ptr, "key", o.ptr, n.ptr);
        r57__buf_free(&key);
        r57__buf_free(&o);
        r57__buf_free(&n);
    }
    r57__task_facts_free(&f);
    return r57__store_write_end(db, ret);
}

int r57_task_key(r57_key_category_t *out, r57_db *db, const r57_task *task)
{
    if (!out || !db || !task)
        return r57__error(R57_EINVAL, "r57_task_key: NULL argument");
    int ret = r57__task_of(db, task, "r57_task_key");
    if (ret == R57_OK)
        ret = r57__store_task_key(db, r57_task_id(task), out);
    return ret == R57_ENOTFOUND ? r57__error(R57_ENOTFOUND, "task '%s' of '%s' no longer exists",
                                             r57_task_ref(task), r57_task_document(task))
                                : ret;
}

/* ---- rating rules ------------------------------------------------------------ */

static const char *const rating_names[] = { "not_done", "done", "well_done", "excellent" };

/* A due date as r57_date_format writes it: "YYYY-MM-DD" and a NUL. */
#define DUE_TEXT_SIZE 11

/* The words of a refused rule change: "change the rating rule '%s'" (24
 * bytes) with one of the names above, which are short and fixed. */
#define RULE_WHAT_SIZE 64

const char *r57_rating_name(r57_rating_t rating)
{
    return rating >= 0 && rating <= R57_RATING_EXCELLENT ? rating_names[rating] : NULL;
}

int r57_rating_rule_get(double *min_share, bool *blocks, r57_db *db, r57_rating_t level)
{
    if (!min_share || !blocks || !db)
        return r57__error(R57_EINVAL, "r57_rating_rule_get: NULL argument");
    if (!r57_rating_name(level))
        return r57__error(R57_EINVAL, "%d is not a rating level", level);
    int b = 0, ret = r57__store_rating_rule(db, level, min_share, &b);
    if (ret == R57_OK)
        *blocks = b;
    return ret;
}

int r57__rating_rule_store(r57_db *db, const char *actor, int level, double min_share, int blocks,
                           const char *action)
{
    double old_share = 0;
    int old_blocks = 0;
    int ret = r57__store_rating_rule(db, level, &old_share, &old_blocks);
    if (ret == R57_OK)
        ret = r57__store_rating_rule_put(db, level, min_share, blocks != 0);
    if (ret < 0)
        return ret;
    r57__buf o = R57__BUF_INIT, n = R57__BUF_INIT;
    r57__buf_printf(&o, "{\"min_on_time\":%.17g,\"key_overdue_blocks\":%s}", old_share,
                    old_blocks ? "true" : "false");
    r57__buf_printf(&n, "{\"min_on_time\":%.17g,\"key_overdue_blocks\":%s}", min_share,
                    blocks ? "true" : "false");
    ret = o.failed || n.failed ? r57__error_nomem()
                               : r57__store_journal(db, actor, "rating_rule", rating_names[level],
                                                    action, o.ptr, n.ptr);
    r57__buf_free(&o);
    r57__buf_free(&n);
    return ret;
}

int r57_rating_rule_set(r57_db *db, const char *actor, r57_rating_t level, double min_share,
                        int blocks)
{
    int ret;
    if (!db)
        return r57__error(R57_EINVAL, "r57_rating_rule_set: db is NULL");
    if ((ret = r57__require("r57_rating_rule_set", "actor", actor)) < 0)
        return ret;
    if (!r57_rating_name(level))
        return r57__error(R57_EINVAL, "%d is not a rating level", level);
    if (!(min_share >= 0 && min_share <= 100))
        return r57__error(R57_EINVAL, "rating rule '%s': share %g is not between 0 and 100",
                          rating_names[level], min_share);
    if ((ret = r57__store_write_begin(db, "r57_rating_rule_set")) < 0)
        return ret;
    char what[RULE_WHAT_SIZE];
    double other = 0;
    int other_blocks = 0;
    snprintf(what, sizeof what, "change the rating rule '%s'", rating_names[level]);
    ret = r57__access(db, actor, R57_ROLE_ADMINISTRATOR, 0, what);
    if (ret == R57_OK && level > 0 &&
        (ret = r57__store_rating_rule(db, level - 1, &other, &other_blocks)) == R57_OK &&
        min_share < other)
        ret = r57__error(R57_EINVAL, "rating rule '%s': share %g is below the %g of '%s'",
                         rating_names[level], min_share, other, rating_names[level - 1]);
    if (ret == R57_OK && level < R57_RATING_EXCELLENT &&
        (ret = r57__store_rating_rule(db, level + 1, &other, &other_blocks)) == R57_OK &&
        min_share > other)
        ret = r57__error(R57_EINVAL, "rating rule '%s': share %g is above the %g of '%s'",
                         rating_names[level], min_share, other, rating_names[level + 1]);
    if (ret == R57_OK)
        ret = r57__rating_rule_store(db, actor, level, min_share, blocks, "update");
    return r57__store_write_end(db, ret);
}

/* ---- scorecards ------------------------------------------------------------ */

typedef struct key_task {
    char *document, *ref;
    int category;
    r57_date due;
} key_task;

struct r57_scorecard {
    char *unit;
    r57_period period;
    r57_date as_of, start, end;
    int64_t due, on_time, late, overdue, pending;
    int64_t met, not_met, no_data;
    key_task *keys;
    size_t nkeys, capkeys;
    int rating;
    char *reason; /* as long as the key task's document and reference make it */
};

void r57_scorecard_free(r57_scorecard *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nkeys; i++) {
        r57__free(s->keys[i].document);
        r57__free(s->keys[i].ref);
    }
    r57__free(s->keys);
    r57__free(s->unit);
    r57__free(s->reason);
    r57__free(s);
}

/* Counts one piece of work due on `due`, done on `done_on` (NONE: open). */
static void count(r57_scorecard *s, r57_date due, r57_date done_on)
{
    if (due < s->start || due > s->end)
        return;
    s->due++;
    if (done_on != R57_DATE_NONE && done_on <= s->as_of)
        ++*(done_on <= due ? &s->on_time : &s->late);
    else
        ++*(due < s->as_of ? &s->overdue : &s->pending);
}

/* Every instance of a regular task due in the period, from the first one
 * (the period of its document's date) on. */
static int count_regular(r57_scorecard *s, r57_db *db, const r57__task_row *row)
{
    r57__instances in;
    r57_date start, due;
    int ret = r57__instances_load(db, row->id, &in);
    r57_date first = in.first == R57_DATE_NONE || in.first < s->start ? s->start : in.first;
    size_t k = 0;
    if (ret == R57_OK)
        ret = r57_deadline_instance(&start, &due, row->deadline_kind, first);
    while (ret == R57_OK && start <= s->end) {
        count(s, due, r57__instances_done(&in, &k, start));
        ret = r57_deadline_instance(&start, &due, row->deadline_kind, due + 1);
    }
    r57__instances_free(&in);
    return ret;
}

static int add_key(r57_scorecard *s, const r57__task_row *row, int category)
{
    if (s->nkeys == s->capkeys) {
        size_t cap = s->capkeys ? s->capkeys * 2 : 4;
        key_task *k = r57__realloc(s->keys, cap * sizeof *k);
        if (!k)
            return r57__error_nomem();
        s->keys = k;
        s->capkeys = cap;
    }
    key_task *k = &s->keys[s->nkeys];
    k->document = r57__strdup(row->document);
    k->ref = r57__strdup(row->ref);
    k->category = category;
    k->due = row->due;
    if (!k->document || !k->ref) {
        r57__free(k->document);
        r57__free(k->ref);
        return r57__error_nomem();
    }
    s->nkeys++;
    return R57_OK;
}

static int count_tasks(r57_scorecard *s, r57_db *db, int64_t unit_id, int include_subunits)
{
    r57__task_filter f;
    r57__cursor *c;
    r57__task_row row;
    memset(&f, 0, sizeof f);
    f.unit_id = unit_id;
    f.include_subunits = include_subunits;
    int ret = r57__store_task_cursor(&c, db, &f);
    if (ret < 0)
        return ret;
    while ((ret = r57__store_task_cursor_next(c, &row)) == R57_OK) {
        if (row.status == R57_STATUS_CANCELLED)
            continue;
        int done_by_as_of = row.status == R57_STATUS_DONE && row.done_on != R57_DATE_NONE &&
                            row.done_on <= s->as_of;
        if (r57_deadline_kind_is_regular(row.deadline_kind))
            ret = count_regular(s, db, &row);
        else if (row.due != R57_DATE_NONE)
            count(s, row.due, row.status == R57_STATUS_DONE ? row.done_on : R57_DATE_NONE);
        if (ret == R57_OK && !done_by_as_of && row.due != R57_DATE_NONE && row.due < s->as_of &&
            row.key_category != R57_KEY_NONE)
            ret = add_key(s, &row, row.key_category);
        if (ret < 0)
            break;
    }
    r57__cursor_free(c);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int count_targets(r57_scorecard *s, r57_db *db, const char *unit, const char *period)
{
    r57_indicator_iterator *it;
    r57_indicator *ind;
    int ret = r57_indicator_iterator_new(&it, db);
    if (ret < 0)
        return ret;
    while ((ret = r57_indicator_next(&ind, it)) == R57_OK) {
        r57_attainment *a = NULL;
        ret = r57_attainment_get(&a, db, r57_indicator_code(ind), unit, period);
        if (ret == R57_OK) {
            switch (r57_attainment_status(a)) {
            case R57_ATTAINMENT_MET: s->met++; break;
            case R57_ATTAINMENT_NOT_MET: s->not_met++; break;
            case R57_ATTAINMENT_NO_DATA: s->no_data++; break;
            default: break;
            }
        }
        r57_attainment_free(a);
        r57_indicator_free(ind);
        if (ret < 0)
            break;
    }
    r57_indicator_iterator_free(it);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* The rating under the rules, and why in words into `why`. */
static int rate_why(r57_scorecard *s, r57_db *db, r57__buf *why)
{
    double share = r57_scorecard_on_time_share(s);
    if (isnan(share)) {
        s->rating = R57_RATING_NONE;
        if (s->pending > 0) {
            /* Due in the period, but not yet: nothing to judge so far. */
            char as_of[DUE_TEXT_SIZE];
            r57_date_format(as_of, sizeof as_of, s->as_of);
            r57__buf_printf(why,
                            "%lld piece%s of work due in the period, none due by %s: no rating "
                            "yet",
                            (long long)s->pending, s->pending == 1 ? "" : "s", as_of);
        } else {
            r57__buf_puts(why, "nothing is due in the period: no rating");
        }
        return R57_OK;
    }
    int blocked = 0; /* the words of the first blocked level are in why */
    for (int level = R57_RATING_EXCELLENT; level >= R57_RATING_NOT_DONE; level--) {
        double min = 0;
        int blocks = 0;
        int ret = r57__store_rating_rule(db, level, &min, &blocks);
        if (ret < 0)
            return ret;
        if (share + 1e-9 < min)
            continue;
        if (blocks && s->nkeys > 0) {
            if (!blocked) {
                char due[DUE_TEXT_SIZE];
                r57_date_format(due, sizeof due, s->keys[0].due);
                r57__buf_printf(why,
                                "key task '%s' of '%s' (%s), due %s, is unfinished: it rules out "
                                "'%s'",
                                s->keys[0].ref, s->keys[0].document, key_names[s->keys[0].category],
                                due, rating_names[level]);
                blocked = 1;
            }
            continue;
        }
        s->rating = level;
        if (blocked)
            r57__buf_printf(why, "; on time %.1f%% gives '%s'", share, rating_names[level]);
        else if (level == R57_RATING_EXCELLENT)
            r57__buf_printf(why, "on time %.1f%% (at least %g%% for '%s')", share, min,
                            rating_names[level]);
        else {
            double next = 0;
            int next_blocks = 0;
            if ((ret = r57__store_rating_rule(db, level + 1, &next, &next_blocks)) < 0)
                return ret;
            r57__buf_printf(why, "on time %.1f%% (at least %g%% for '%s'; '%s' needs %g%%)", share,
                            min, rating_names[level], rating_names[level + 1], next);
        }
        return R57_OK;
    }
    s->rating = R57_RATING_NOT_DONE;
    r57__buf_printf(why, "on time %.1f%%", share);
    return R57_OK;
}

static int rate(r57_scorecard *s, r57_db *db)
{
    r57__buf why = R57__BUF_INIT;
    int ret = rate_why(s, db, &why);
    if (ret == R57_OK && !(s->reason = r57__buf_detach(&why)))
        ret = r57__error_nomem();
    r57__buf_free(&why);
    return ret;
}

int r57_scorecard_get(r57_scorecard **out, r57_db *db, const char *unit, int include_subunits,
                      const char *period, r57_date as_of)
{
    int ret;
    int64_t unit_id, p;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_scorecard_get: %s is NULL", out ? "db" : "out");
    *out = NULL;
    if ((ret = r57__require("r57_scorecard_get", "unit", unit)) < 0 ||
        (ret = r57__require("r57_scorecard_get", "period", period)) < 0 ||
        (ret = r57_period_parse(&p, period)) < 0)
        return ret;
    ret = r57__store_unit_id(db, unit, &unit_id);
    if (ret == R57_ENOTFOUND)
        return r57__error(R57_ENOTFOUND, "scorecard: unknown unit code '%s'", unit);
    if (ret < 0)
        return ret;
    r57_scorecard *s = r57__calloc(1, sizeof *s);
    if (!s)
        return r57__error_nomem();
    s->period = p;
    s->unit = r57__strdup(unit);
    ret = s->unit ? R57_OK : r57__error_nomem();
    if (ret == R57_OK && (ret = r57_period_start(&s->start, p)) == R57_OK)
        ret = r57_period_end(&s->end, p);
    s->as_of = as_of == R57_DATE_NONE ? s->end : as_of;
    if (ret == R57_OK)
        ret = count_tasks(s, db, unit_id, include_subunits);
    if (ret == R57_OK)
        ret = count_targets(s, db, unit, period);
    if (ret == R57_OK)
        ret = rate(s, db);
    if (ret < 0) {
        r57_scorecard_free(s);
        return ret;
    }
    *out = s;
    return R57_OK;
}

const char *r57_scorecard_unit(const r57_scorecard *s) { return s ? s->unit : NULL; }
r57_period r57_scorecard_period(const r57_scorecard *s) { return s ? s->period : R57_PERIOD_NONE; }
r57_date r57_scorecard_as_of(const r57_scorecard *s) { return s ? s->as_of : R57_DATE_NONE; }
int64_t r57_scorecard_due(const r57_scorecard *s) { return s ? s->due : 0; }
int64_t r57_scorecard_on_time(const r57_scorecard *s) { return s ? s->on_time : 0; }
int64_t r57_scorecard_late(const r57_scorecard *s) { return s ? s->late : 0; }
int64_t r57_scorecard_overdue(const r57_scorecard *s) { return s ? s->overdue : 0; }
int64_t r57_scorecard_pending(const r57_scorecard *s) { return s ? s->pending : 0; }

double r57_scorecard_on_time_share(const r57_scorecard *s)
{
    int64_t judged = s ? s->on_time + s->late + s->overdue : 0;
    return judged ? 100.0 * (double)s->on_time / (double)judged : NAN;
}

size_t r57_scorecard_key_unfinished(const r57_scorecard *s) { return s ? s->nkeys : 0; }
const char *r57_scorecard_key_document(const r57_scorecard *s, size_t i)
{
    return s && i < s->nkeys ? s->keys[i].document : NULL;
}
const char *r57_scorecard_key_ref(const r57_scorecard *s, size_t i)
{
    return s && i < s->nkeys ? s->keys[i].ref : NULL;
}
r57_key_category_t r57_scorecard_key_category(const r57_scorecard *s, size_t i)
{
    return s && i < s->nkeys ? s->keys[i].category : R57_KEY_NONE;
}
r57_date r57_scorecard_key_due(const r57_scorecard *s, size_t i)
{
    return s && i < s->nkeys ? s->keys[i].due : R57_DATE_NONE;
}
int64_t r57_scorecard_targets_met(const r57_scorecard *s) { return s ? s->met : 0; }
int64_t r57_scorecard_targets_not_met(const r57_scorecard *s) { return s ? s->not_met : 0; }
int64_t r57_scorecard_targets_no_data(const r57_scorecard *s) { return s ? s->no_data : 0; }
r57_rating_t r57_scorecard_rating(const r57_scorecard *s)
{
    return s ? s->rating : R57_RATING_NONE;
}
const char *r57_scorecard_reason(const r57_scorecard *s) { return s ? s->reason : NULL; }
