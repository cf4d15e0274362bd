/*
 * libr57 — the "6 clear" lint.
 *
 * Judges each of the six fields of a task as clear, missing or vague, with
 * the reason.  The rules are in docs/six-clear.md; in short:
 *   owner          clear when a registered lead unit is named; missing when
 *                  nothing is; vague when the text names no unit or is a
 *                  vague phrase ("relevant agencies", "all levels and
 *                  sectors", …);
 *   task           missing when empty; vague when a vague phrase;
 *   deadline       clear when it resolves to a date or a regular period;
 *                  missing when there is none;
 *   accountability clear when a unit or a person is named and is not a
 *                  vague phrase; missing when nothing is;
 *   product        clear unless empty (missing) or a vague phrase;
 *   authority      clear unless empty (missing) or a vague phrase
 *                  ("competent authorities").
 * The built-in vague phrases (English and Vietnamese) can be extended per
 * linter.  Matching ignores ASCII case and requires whole words.
 */
#ifndef R57_LINT_H
#define R57_LINT_H

#include "common.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum r57_clear_field_t {
    R57_CLEAR_OWNER = 0,
    R57_CLEAR_TASK = 1,
    R57_CLEAR_DEADLINE = 2,
    R57_CLEAR_ACCOUNTABILITY = 3,
    R57_CLEAR_PRODUCT = 4,
    R57_CLEAR_AUTHORITY = 5
} r57_clear_field_t;

#define R57_CLEAR_FIELD_COUNT 6

/* "owner", "task", "deadline", "accountability", "product", "authority";
 * NULL for an unknown field.  Static string. */
R57_EXTERN(const char *) r57_clear_field_name(int field);

typedef enum r57_clarity_t {
    R57_CLARITY_CLEAR = 0,
    R57_CLARITY_MISSING = 1,
    R57_CLARITY_VAGUE = 2
} r57_clarity_t;

/* "clear", "missing", "vague"; NULL for an unknown value. Static string. */
R57_EXTERN(const char *) r57_clarity_name(int clarity);

typedef struct r57_linter r57_linter;
typedef struct r57_verdict r57_verdict;

/* A linter with the built-in vague phrases.  The caller owns *out.
 * Returns R57_OK, R57_EINVAL or R57_ENOMEM. */
R57_EXTERN(int) r57_linter_new(r57_linter **out);

/*
 * Adds a vague phrase for one field (an r57_clear_field) or, with field
 * -1, for all of them.  phrase is matched as whole words ignoring ASCII
 * case; reason (may be NULL) is quoted in verdicts.  Both are copied.
 * Returns R57_OK, R57_EINVAL (NULL or blank phrase, unknown field),
 * R57_ENOMEM.
 */
R57_EXTERN(int) r57_linter_add_vague(r57_linter *linter, int field, const char *phrase,
                                     const char *reason);

R57_EXTERN(void) r57_linter_free(r57_linter *linter);

/*
 * Lints one task.  linter may be NULL for the built-in rules.  The caller
 * owns *out (r57_verdict_free).
 * Returns R57_OK, R57_EINVAL or R57_ENOMEM.
 */
R57_EXTERN(int) r57_lint_task(r57_verdict **out, const r57_linter *linter,
                              const r57_task *task);

/* Non-zero when all six fields are clear. */
R57_EXTERN(int) r57_verdict_is_clear(const r57_verdict *verdict);

/* The clarity of one field; -1 for an unknown field. */
R57_EXTERN(int) r57_verdict_clarity(const r57_verdict *verdict, int field);

/* Why a field is missing or vague (e.g. "owner 'relevant agencies' is a
 * vague phrase: names no unit"); "" when clear.  Borrowed from the
 * verdict; NULL for an unknown field. */
R57_EXTERN(const char *) r57_verdict_reason(const r57_verdict *verdict, int field);

R57_EXTERN(void) r57_verdict_free(r57_verdict *verdict);

#ifdef __cplusplus
}
#endif

#endif /* R57_LINT_H */
