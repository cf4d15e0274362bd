/*
 * libr57 — the formula language of indicators.
 *
 * A formula is text such as
 *     100 * #{procedures_fully_online} / #{procedures_total}
 *     100 * (#{ecommerce_revenue} - #{ecommerce_revenue}[-1]) / #{ecommerce_revenue}[-1]
 *     avg(I{tfp_contribution_share}, 2026..2030)
 * (the language is described in docs/formulas.md).  It is compiled once
 * into an r57_formula — a flat instruction array, no text is re-read — and
 * then evaluated for any number of periods.  The formula knows nothing of
 * storage: while evaluating, it asks the caller for the value of each
 * reference through a callback (r57_formula_resolve_fn).
 *
 * Threads: a compiled formula is immutable, so one formula may be
 * evaluated by several threads at once, each into its own result object.
 */
#ifndef R57_FORMULA_H
#define R57_FORMULA_H

#include "common.h"
#include "period.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_formula r57_formula;
typedef struct r57_formula_result r57_formula_result;

/** What a reference names: #{code} a data element, I{code} an indicator. */
typedef enum r57_formula_ref_kind_t {
    R57_REF_INVALID = -1, /**< r57_formula_ref_kind of an index past the end */
    R57_REF_ELEMENT = 1,
    R57_REF_INDICATOR = 2
} r57_formula_ref_kind_t;

/** Why an evaluation has no value (r57_formula_result_novalue). */
typedef enum r57_novalue_t {
    R57_NOVALUE_NONE = 0,    /**< there is a value */
    R57_NOVALUE_MISSING = 1, /**< a reference has no value for a period */
    R57_NOVALUE_DIVZERO = 2, /**< a division (or 0 ^ negative) by zero */
    R57_NOVALUE_DOMAIN = 3,  /**< ln of a non-positive number, overflow, no real result */
    R57_NOVALUE_PERIOD = 4   /**< an offset or window left years 1-9999 */
} r57_novalue_t;

/*
 * Supplies the value of reference `ref` (0 .. r57_formula_ref_count-1; its
 * code is `name`, borrowed, and its kind `kind`) for `period` — the
 * evaluation period moved by the reference's offset, or a member of an
 * aggregation window.  Set *has_value to true and *out to a finite number,
 * or *has_value to false when there is no value (the formula then says
 * which reference was missing for which period).  Return 0; any other return
 * stops the evaluation: r57_formula_eval returns a negative return
 * unchanged and R57_EUSER for a positive one (the callback rule,
 * r57/common.h).
 *
 * During one evaluation the same (ref, period) may be asked once only
 * (outside windows each reference-and-offset is resolved at most once), so
 * the callback must give the same answer each time it is asked.  It may
 * evaluate other formulas (e.g. the indicators behind I{…}), each into a
 * result object of its own, but never into the one being filled.
 */
typedef int (*r57_formula_resolve_fn)(double *out, bool *has_value, size_t ref, const char *name,
                                      r57_formula_ref_kind_t kind, r57_period period,
                                      void *payload);

/**
 * Compiles a formula.  The text is copied.  On success *out is a new
 * formula, freed with r57_formula_free.
 * @param out receives the formula
 * @param text the formula text
 * @return R57_OK; R57_EINVAL for a NULL out or text; R57_ENOMEM; or
 * R57_EPARSE with the formula quoted, the position of the problem (line,
 * column, byte offset) and what was wrong, e.g.
 *   "formula 'a + * b': at offset 4: expected a value"
 *   "formula 'foo(1)': at offset 0: unknown function 'foo'"
 * Syntax errors are reported before the first unknown name, wrong number
 * of arguments or misplaced window.  docs/formulas.md lists every message.
 */
R57_EXTERN(int) r57_formula_compile(r57_formula **out, const char *text);

/**
 * Frees a formula; NULL is allowed.  Results that were filled from it must
 * not be asked for their reason afterwards.
 * @param formula the formula (NULL is allowed)
 */
R57_EXTERN(void) r57_formula_free(r57_formula *formula);

/**
 * The text the formula was compiled from.  Borrowed from the formula.
 * @param formula the formula
 * @return the text
 */
R57_EXTERN(const char *) r57_formula_text(const r57_formula *formula);

/**
 * The references of the formula, each distinct (kind, code) once, numbered
 * 0 .. count-1 in order of first appearance.  The resolver receives these
 * numbers, so a caller can map each to its storage key once per formula.
 * A storage layer checks with them that every code exists and that
 * indicators do not refer to each other in a cycle (an indicator that
 * refers to itself, even at another period, is such a cycle).
 * @param formula the formula
 * @return the number of references (0 for NULL).
 */
R57_EXTERN(size_t) r57_formula_ref_count(const r57_formula *formula);

/**
 * @param formula the formula
 * @param ref a reference's number, 0 .. r57_formula_ref_count - 1
 * @return its code, without #{ } or I{ }, borrowed from the formula; NULL
 *         for a bad index.
 */
R57_EXTERN(const char *) r57_formula_ref_name(const r57_formula *formula, size_t ref);

/**
 * @param formula the formula
 * @param ref a reference's number, 0 .. r57_formula_ref_count - 1
 * @return R57_REF_ELEMENT or R57_REF_INDICATOR; R57_REF_INVALID for a bad
 *         index.
 */
R57_EXTERN(r57_formula_ref_kind_t) r57_formula_ref_kind(const r57_formula *formula, size_t ref);

/**
 * @param formula the formula
 * @param kind the kind of reference
 * @param name its code
 * @return the number of the reference of that kind and code, or
 *         R57_ENOTFOUND (no error recorded).
 */
R57_EXTERN(int)
r57_formula_ref_find(const r57_formula *formula, r57_formula_ref_kind_t kind, const char *name);

/**
 * A result object: the outcome of an evaluation and the scratch space the
 * evaluation needs.  Create one per thread (or per nesting level of
 * formulas) and reuse it: after it has grown to the largest formula it is
 * used with, evaluations allocate nothing. r57_formula_result_new returns
 * R57_OK, R57_EINVAL for a NULL out, or R57_ENOMEM; free with
 * r57_formula_result_free (NULL allowed).
 * @param out receives the result object (r57_formula_result_new)
 * @return r57_formula_result_new: R57_OK, R57_EINVAL for a NULL out, or
 *         R57_ENOMEM.
 */
R57_EXTERN(int) r57_formula_result_new(r57_formula_result **out);
/** Frees a result object. @param result the result object (NULL allowed) */
R57_EXTERN(void) r57_formula_result_free(r57_formula_result *result);

/**
 * Evaluates a formula for a period (see r57/period.h) into `out`, which
 * keeps the value, or "no value" and why.  `resolve` may be NULL when the
 * formula has no references.  A missing value is not an error: the call
 * returns R57_OK and the result says there is no value.
 * @param out the result object to fill
 * @param formula the formula
 * @param period the period
 * @param resolve supplies the values of references; may be NULL when the
 *        formula has none
 * @param payload passed to resolve
 * @return R57_OK; R57_EINVAL for a NULL out or formula, a period that is not
 *         a period, a NULL resolve with references to resolve, or a resolver
 *         that gave a non-finite number; R57_ENOMEM when the result object
 *         could not grow; or what the callback rule makes of the resolver's
 *         non-zero return (a negative one unchanged, R57_EUSER for a
 *         positive one).  After a failure the result has no value.
 */
R57_EXTERN(int)
r57_formula_eval(r57_formula_result *out, const r57_formula *formula, r57_period period,
                 r57_formula_resolve_fn resolve, void *payload);

/**
 * @param result the result
 * @return true if the last evaluation gave a value; false if not, and for NULL.
 */
R57_EXTERN(bool) r57_formula_result_has_value(const r57_formula_result *result);

/**
 * The value; NaN when there is none — test has_value, never the number.
 * @param result the result
 * @return the value, or NaN
 */
R57_EXTERN(double) r57_formula_result_value(const r57_formula_result *result);

/**
 * @param result the result
 * @return why there is no value: R57_NOVALUE_NONE when there is a value
 *         (and after a failed evaluation, which has no value and no cause).
 */
R57_EXTERN(r57_novalue_t) r57_formula_result_novalue(const r57_formula_result *result);

/**
 * Why there is no value, as a sentence, e.g.
 *   "no value: #{procedures_total} has no value for 2026"
 *   "no value: division by zero in '#{a} / #{b}'"
 * "" when there is a value.  Built when asked (so a loop that does not ask
 * pays nothing), from the formula, which must still exist.  Borrowed from
 * the result: valid until its next evaluation or its free.  Never NULL.
 * @param result the result
 * @return the sentence; "" when there is a value
 */
R57_EXTERN(const char *) r57_formula_result_reason(r57_formula_result *result);

/**
 * For R57_NOVALUE_MISSING, the number of the reference that had no value and
 * the period it had none for; otherwise -1 and R57_PERIOD_NONE (0).
 * @param result the result
 * @return the reference's number or the period; -1 or R57_PERIOD_NONE
 *         otherwise
 */
R57_EXTERN(int) r57_formula_result_missing_ref(const r57_formula_result *result);
/**
 * @param result the result
 * @return the period the missing reference had no value for; R57_PERIOD_NONE
 *         otherwise
 */
R57_EXTERN(r57_period) r57_formula_result_missing_period(const r57_formula_result *result);

#ifdef __cplusplus
}
#endif

#endif /* R57_FORMULA_H */
