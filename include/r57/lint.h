/*
 * libr57 — the "6 clear" lint.
 *
 * Judges each of the six fields of a task as clear, missing, vague or
 * implied, with the reason.  The rules are in docs/six-clear.md; in short:
 *   owner          clear when its text resolves to exactly one registered
 *                  unit (r57/resolve.h: by name, abbreviation or old name;
 *                  "X chủ trì, phối hợp với Y" leads with X) or a unit
 *                  code is given; missing when nothing is; vague for joint
 *                  leads ("A và B"), a class or group of bodies ("các bộ,
 *                  ngành", "ministries and sectors"), a body not in the
 *                  registry, a person without a unit;
 *   task           missing when empty; vague when a vague phrase;
 *   deadline       clear when it resolves to a date, a period, a regular
 *                  period; missing when there is none;
 *   accountability as the owner, a person with a post also clear; when
 *                  not written, implied under an accountability rule
 *                  (r57_accountability_rule_set), else missing;
 *   product        clear unless empty (missing) or a vague phrase;
 *   authority      as accountability, without the rule; a post several
 *                  people hold, with no name ("Phó Thủ tướng"), is vague.
 * The reason of a clear "who" field says what the text resolved to and
 * how ("merged into … on 2025-03-01").  The built-in vague phrases of task
 * and product can be extended per linter.
 */
#ifndef R57_LINT_H
#define R57_LINT_H

#include "common.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The six fields of the "6 clear" rule. */
typedef enum r57_clear_field_t {
    R57_CLEAR_ALL = -1, /**< every field, where a call takes "all" (r57_linter_add_vague) */
    R57_CLEAR_OWNER = 0,
    R57_CLEAR_TASK = 1,
    R57_CLEAR_DEADLINE = 2,
    R57_CLEAR_ACCOUNTABILITY = 3,
    R57_CLEAR_PRODUCT = 4,
    R57_CLEAR_AUTHORITY = 5
} r57_clear_field_t;

#define R57_CLEAR_FIELD_COUNT 6

/**
 * The name of a field.
 * @param field a field
 * @return "owner", "task", "deadline", "accountability", "product",
 *         "authority"; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_clear_field_name(r57_clear_field_t field);

/**
 * How clear one of the six fields is.  R57_CLARITY_IMPLIED counts as clear
 * in r57_verdict_is_clear.
 */
typedef enum r57_clarity_t {
    R57_CLARITY_INVALID = -1, /**< what r57_verdict_clarity says of an unknown field */
    R57_CLARITY_CLEAR = 0,
    R57_CLARITY_MISSING = 1,
    R57_CLARITY_VAGUE = 2,
    R57_CLARITY_IMPLIED = 3 /**< not written, supplied by a rule in force
                               (accountability: "the head of the lead unit
                               answers"); counts as clear */
} r57_clarity_t;

/**
 * The name of a clarity.
 * @param clarity a clarity
 * @return "clear", "missing", "vague", "implied"; NULL for any other value.
 *         Static.
 */
R57_EXTERN(const char *) r57_clarity_name(r57_clarity_t clarity);

typedef struct r57_linter r57_linter;
typedef struct r57_verdict r57_verdict;

/**
 * A linter with the built-in vague phrases.  The caller owns *out.
 * @param out receives the linter
 * @return R57_OK, R57_EINVAL or R57_ENOMEM.
 */
R57_EXTERN(int) r57_linter_new(r57_linter **out);

/**
 * Adds a vague phrase.  Phrases are read in the task and product fields;
 * the "who" fields are judged by what they resolve to (extend those words
 * with r57_resolver_words_load).
 * @param linter the linter
 * @param field the field it is vague in, or R57_CLEAR_ALL for all of them
 * @param phrase matched as whole words, any case, with or without
 *        diacritics; copied
 * @param reason quoted in verdicts (may be NULL); copied
 * @return R57_OK, R57_EINVAL (NULL or blank phrase, unknown field),
 *         R57_ENOMEM.
 */
R57_EXTERN(int)
r57_linter_add_vague(r57_linter *linter, r57_clear_field_t field, const char *phrase,
                     const char *reason);

/**
 * Frees a linter.
 * @param linter the linter (may be NULL)
 */
R57_EXTERN(void) r57_linter_free(r57_linter *linter);

/**
 * Checks one task's six fields (lints it).  linter may be NULL for the
 * built-in rules.  The caller owns *out (r57_verdict_free).  Called
 * r57_lint_task in libr57 0.1.
 * @param out receives the verdict
 * @param linter the linter; NULL for the built-in rules
 * @param task the task
 * @return R57_OK, R57_EINVAL or R57_ENOMEM.
 */
R57_EXTERN(int) r57_linter_check(r57_verdict **out, const r57_linter *linter, const r57_task *task);

/**
 * @param verdict the verdict
 * @return true when all six fields are clear (implied counts as clear).
 */
R57_EXTERN(bool) r57_verdict_is_clear(const r57_verdict *verdict);

/**
 * @param verdict the verdict
 * @param field a field
 * @return the clarity of the field; R57_CLARITY_INVALID for an unknown
 *         field (or a NULL verdict).
 */
R57_EXTERN(r57_clarity_t) r57_verdict_clarity(const r57_verdict *verdict, r57_clear_field_t field);

/**
 * Why a field is missing, vague or implied (e.g. "owner 'các bộ, ngành':
 * names a class of bodies, not one unit …"); for a clear "who" field what
 * its text resolved to, else "".  Borrowed from the verdict; NULL for an
 * unknown field.
 * @param verdict the verdict
 * @param field a field
 * @return the reason; "" for a clear field (or what a "who" field resolved
 *         to); NULL for an unknown field
 */
R57_EXTERN(const char *) r57_verdict_reason(const r57_verdict *verdict, r57_clear_field_t field);

/**
 * Frees a verdict.
 * @param verdict the verdict (may be NULL)
 */
R57_EXTERN(void) r57_verdict_free(r57_verdict *verdict);

#ifdef __cplusplus
}
#endif

#endif /* R57_LINT_H */
