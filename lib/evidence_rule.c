/* The documents' evidence rules, and the rule that a task is done only
 * when brought to a result: the proof a task (or an instance of a regular
 * task) needs before it is marked done (docs/evidence.md).  Below tasks:
 * tasks ask it when their status changes; it knows only what the store
 * holds. */
#include "evidence_rule.h"

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

const char *r57__evidence_period_word(int period_kind)
{
    return period_words[period_kind];
}

int r57__evidence_proof_check(r57_db *db, const r57__task_facts *f, r57_date instance,
                              const char *product)
{
    int kind = r57_deadline_kind_is_regular(f->deadline_kind) ? R57_TASK_KIND_REGULAR
                                                               : R57_TASK_KIND_ONE_OFF;
    int required = 1;
    int64_t period = R57_PERIOD_NONE, count = 0;
    if (db->access_bypass > 0)
        return R57_OK; /* an import restores states decided elsewhere */
    int ret = r57__store_evidence_rule(db, f->document_id, kind, &required);
    if (ret < 0 || !required)
        return ret;
    if (instance != R57_DATE_NONE &&
        (ret = r57_period_of_date(&period, instance, r57__evidence_period_kind(f->deadline_kind))) < 0)
        return ret;
    if ((ret = r57__store_evidence_proof(db, f->id, period, &count)) < 0 || count > 0)
        return ret;
    char what[200] = "its product";
    if (product && *product)
        snprintf(what, sizeof what, "its product ('%.120s')", product);
    if (period != R57_PERIOD_NONE) {
        char p[R57_PERIOD_TEXT_SIZE];
        r57_period_format(p, sizeof p, period);
        return r57__error(R57_ESTATE,
                          "%s cannot be marked done for %s: no verified evidence of %s supports "
                          "a progress report of that %s; submit evidence with the report and "
                          "have it verified",
                          f->name, p, what, r57__evidence_period_word(r57_period_kind(period)));
    }
    return r57__error(R57_ESTATE,
                      "%s cannot be done: it has no verified evidence of %s; submit evidence "
                      "and have it verified (or the document must relax the rule for %s tasks)",
                      f->name, what, kind == R57_TASK_KIND_REGULAR ? "regular" : "one-off");
}

/* ---- the documents' evidence rules ------------------------------------- */

const char *r57__task_kind_name(int kind)
{
    return kind == R57_TASK_KIND_REGULAR ? "regular" : "one_off";
}

static int rule_args(const char *func, const char *number, int task_kind)
{
    int ret = r57__require(func, "number", number);
    if (ret == R57_OK && task_kind != R57_TASK_KIND_ONE_OFF && task_kind != R57_TASK_KIND_REGULAR)
        ret = r57__error(R57_EINVAL, "document '%s': %d is not a task kind (one-off 0, "
                                     "regular 1)", number, task_kind);
    return ret;
}

static int document_id(r57_db *db, const char *number, int64_t *id)
{
    int ret = r57__store_doc_id(db, number, id);
    return ret == R57_ENOTFOUND ? r57__error(R57_ENOTFOUND, "unknown document '%s'", number) : ret;
}

int r57_document_set_evidence_rule(r57_db *db, const char *actor, const char *number,
                                   int task_kind, int required)
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
    char what[300];
    snprintf(what, sizeof what, "set the evidence rule of document '%s'", number);
    ret = document_id(db, number, &doc);
    if (ret == R57_OK)
        ret = r57__access(db, actor, R57_ROLE_MANAGER, -1, what);
    if (ret == R57_OK)
        ret = r57__store_evidence_rule(db, doc, task_kind, &before);
    if (ret == R57_OK)
        ret = r57__store_evidence_rule_put(db, doc, task_kind, required != 0);
    if (ret == R57_OK) {
        const char *k = r57__task_kind_name(task_kind);
        char o[96], n[96];
        snprintf(o, sizeof o, "{\"%s_evidence_required\":%s}", k, before ? "true" : "false");
        snprintf(n, sizeof n, "{\"%s_evidence_required\":%s}", k, required ? "true" : "false");
        ret = r57__store_journal(db, actor, "document", number, "evidence_rule", o, n);
    }
    return r57__store_write_end(db, ret);
}

int r57_document_evidence_rule(int *out, r57_db *db, const char *number, int task_kind)
{
    int ret;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_document_evidence_rule: %s is NULL", out ? "db" : "out");
    if ((ret = rule_args("r57_document_evidence_rule", number, task_kind)) < 0)
        return ret;
    int64_t doc = 0;
    if ((ret = document_id(db, number, &doc)) < 0)
        return ret;
    return r57__store_evidence_rule(db, doc, task_kind, out);
}
