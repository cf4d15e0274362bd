/* The documents' evidence rules, and the rule that a task is done only
 * when brought to a result: the proof a task (or an instance of a regular
 * task) needs before it is marked done (docs/evidence.md).  Below tasks:
 * tasks ask it when their status changes; it knows only what the store
 * holds. */
#include "evidence_rule.h"
#include "access.h"

#include <stdio.h>
#include <string.h>

/* ---- the proof a task needs ---------------------------------------------- */

/* The kind of period a regular task is reported per. */
int r57__evidence_period_kind(int deadline_kind)
{
    switch (deadline_kind) {
    case R57_DEADLINE_MONTHLY: return R57_PERIOD_MONTH;
    case R57_DEADLINE_QUARTERLY: return R57_PERIOD_QUARTER;
    case R57_DEADLINE_ANNUALLY: return R57_PERIOD_YEAR;
    case R57_DEADLINE_HALF_YEARLY: return R57_PERIOD_HALF;
    default: return -1;
    }
}

/* By r57_period_kind_t; a range is never a task's period. */
static const char *const period_words[] = { "", "year", "quarter", "month", "range", "half-year" };

const char *r57__evidence_period_word(int period_kind) { return period_words[period_kind]; }

int r57__evidence_proof_check(r57_db *db, const r57__task_facts *f, r57_date instance,
                              const char *product)
{
    int kind = r57_deadline_kind_is_regular(f->deadline_kind) ? R57_TASK_KIND_REGULAR
                                                              : R57_TASK_KIND_ONE_OFF;
    int required = 1;
    r57_period period = R57_PERIOD_NONE;
    int64_t count = 0;
    if (db->access_bypass > 0)
        return R57_OK; /* an import restores states decided elsewhere */
    int ret = r57__store_evidence_rule(db, f->document_id, kind, &required);
    if (ret < 0 || !required)
        return ret;
    if (instance != R57_DATE_NONE &&
        (ret = r57_period_of_date(&period, instance, r57__evidence_period_kind(f->deadline_kind))) <
            0)
        return ret;
    if ((ret = r57__store_evidence_proof(db, f->id, period, &count)) < 0 || count > 0)
        return ret;
    /* The product is quoted whole: the error record keeps the message
     * whole up to its own size, cut only between characters. */
    int named = product && *product;
    const char *open = named ? " ('" : "", *text = named ? product : "", *close = named ? "')" : "";
    if (period != R57_PERIOD_NONE) {
        char p[R57_PERIOD_TEXT_SIZE];
        r57_period_format(p, sizeof p, period);
        return r57__error(R57_ESTATE,
                          "%s cannot be marked done for %s: no verified evidence of its "
                          "product%s%s%s supports a progress report of that %s; submit evidence "
                          "with the report and have it verified",
                          f->name, p, open, text, close,
                          r57__evidence_period_word(r57_period_kind(period)));
    }
    return r57__error(R57_ESTATE,
                      "%s cannot be done: it has no verified evidence of its product%s%s%s; "
                      "submit evidence and have it verified (or the document must relax the "
                      "rule for %s tasks)",
                      f->name, open, text, close,
                      kind == R57_TASK_KIND_REGULAR ? "regular" : "one-off");
}

/* ---- the documents' evidence rules ------------------------------------- */

/* A rule as the journal records it, "{\"one_off_evidence_required\":false}". */
#define RULE_JSON_SIZE 64

const char *r57__task_kind_name(int kind)
{
    return kind == R57_TASK_KIND_REGULAR ? "regular" : "one_off";
}

const char *r57_task_kind_name(r57_task_kind_t kind)
{
    return kind == R57_TASK_KIND_ONE_OFF || kind == R57_TASK_KIND_REGULAR
               ? r57__task_kind_name(kind)
               : NULL;
}

static int rule_args(const char *func, const char *number, int task_kind)
{
    int ret = r57__require(func, "number", number);
    if (ret == R57_OK && task_kind != R57_TASK_KIND_ONE_OFF && task_kind != R57_TASK_KIND_REGULAR)
        ret = r57__error(R57_EINVAL,
                         "document '%s': %d is not a task kind (one-off 0, "
                         "regular 1)",
                         number, task_kind);
    return ret;
}

static int document_id(r57_db *db, const char *number, int64_t *id)
{
    int ret = r57__store_doc_id(db, number, id);
    return ret == R57_ENOTFOUND ? r57__error(R57_ENOTFOUND, "unknown document '%s'", number) : ret;
}

int r57_document_set_evidence_rule(r57_db *db, const char *actor, const char *number,
                                   r57_task_kind_t task_kind, int required)
{
    int ret;
    if (!db)
        return r57__error(R57_EINVAL, "r57_document_set_evidence_rule: db is NULL");
    if ((ret = r57__require("r57_document_set_evidence_rule", "actor", actor)) < 0 ||
        (ret = rule_args("r57_document_set_evidence_rule", number, task_kind)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, "r57_document_set_evidence_rule")) < 0)
        return ret;
    int64_t doc = 0;
    int before = 1;
    r57__buf what = R57__BUF_INIT;
    r57__buf_printf(&what, "set the evidence rule of document '%s'", number);
    ret = document_id(db, number, &doc);
    if (ret == R57_OK)
        ret = what.failed ? r57__error_nomem()
                          : r57__access(db, actor, R57_ROLE_MANAGER, -1, what.ptr);
    r57__buf_free(&what);
    if (ret == R57_OK)
        ret = r57__store_evidence_rule(db, doc, task_kind, &before);
    if (ret == R57_OK)
        ret = r57__store_evidence_rule_put(db, doc, task_kind, required != 0);
    if (ret == R57_OK) {
        /* Fixed words only: "{\"one_off_evidence_required\":false}" is the
         * longest. */
        const char *k = r57__task_kind_name(task_kind);
        char o[RULE_JSON_SIZE], n[RULE_JSON_SIZE];
        snprintf(o, sizeof o, "{\"%s_evidence_required\":%s}", k, before ? "true" : "false");
        snprintf(n, sizeof n, "{\"%s_evidence_required\":%s}", k, required ? "true" : "false");
        ret = r57__store_journal(db, actor, "document", number, "evidence_rule", o, n);
    }
    return r57__store_write_end(db, ret);
}

int r57_document_evidence_rule(bool *out, r57_db *db, const char *number, r57_task_kind_t task_kind)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_document_evidence_rule: %s is NULL", out ? "db" : "out");
    if ((ret = rule_args("r57_document_evidence_rule", number, task_kind)) < 0)
        return ret;
    int64_t doc = 0;
    if ((ret = document_id(db, number, &doc)) < 0)
        return ret;
    int required = 0;
    if ((ret = r57__store_evidence_rule(db, doc, task_kind, &required)) == R57_OK)
        *out = required;
    return ret;
}
