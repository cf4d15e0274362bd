/*
 * The documents' evidence rules and the proof a task needs to be done
 * (evidence_rule.c; not installed).  r57__evidence_proof_check and
 * r57__task_kind_name are declared in store.h.
 */
#ifndef R57_EVIDENCE_RULE_H
#define R57_EVIDENCE_RULE_H

#include "store.h"

/* The kind of period (r57_period_kind_t) a regular task is reported per,
 * by its deadline kind; -1 for a task that is not regular. */
int r57__evidence_period_kind(int deadline_kind);
/* "year", "quarter", "month", "half-year" for a period kind. */
const char *r57__evidence_period_word(int period_kind);

#endif /* R57_EVIDENCE_RULE_H */
