/* The formula language: every operator and function, precedence, offsets
 * and windows, "no value" with its reason, every compile error with its
 * message and position, the catalogue's formulas against hand computations,
 * and allocation failure. */
#include "helpers.h"

#include <math.h>
#include <r57/formula.h>
#include <r57/period.h>

/* ---- an in-memory resolver ---- */

typedef struct {
    int kind;
    const char *name;
    const char *period;
    double value;
} datum;

#define E R57_REF_ELEMENT
#define IND R57_REF_INDICATOR

static const datum data[] = {
    { E, "x", "2024", 5 }, { E, "x", "2025", 8 }, { E, "x", "2026", 10 },
    { E, "y", "2026", 4 },
    { E, "zero", "2026", 0 },
    { E, "neg", "2026", -8 },
    { E, "a", "2024", 1 }, { E, "a", "2025", 2 }, { E, "a", "2026", 3 },
    { E, "b", "2024", 2 }, { E, "b", "2025", 4 }, { E, "b", "2026", 4 },
    { E, "gap", "2024", 1 }, { E, "gap", "2026", 3 },
    { E, "q", "2025Q4", 3 }, { E, "q", "2026Q1", 6 },
    { E, "m", "2025-12", 1 }, { E, "m", "2026-01", 2 }, { E, "m", "2026-02", 3 },
    { E, "h", "2025H2", 4 }, { E, "h", "2026H1", 7 },
    { E, "whole", "2026..2030", 7 },
    { IND, "share", "2026", 52 }, { IND, "share", "2027", 55 }, { IND, "share", "2028", 58 },
    { IND, "share", "2029", 61 }, { IND, "share", "2030", 64 },
    /* Same code as an element, different value: kinds are kept apart. */
    { E, "share", "2026", -1 },
    /* The catalogue checks. */
    { E, "output", "2018", 1000 }, { E, "output", "2019", 1070.2 },
    { E, "capital", "2018", 2000 }, { E, "capital", "2019", 2144.1539 },
    { E, "labour", "2018", 50 }, { E, "labour", "2019", 50.75 },
    { E, "capital_share", "2019", 0.4 },
    { E, "ecommerce_revenue", "2023", 20.5 }, { E, "ecommerce_revenue", "2024", 25 },
    { E, "procedures_total", "2025", 2000 }, { E, "procedures_fully_online", "2025", 900 },
    { IND, "tfp_contribution_share", "2026", 52 }, { IND, "tfp_contribution_share", "2027", 55 },
    { IND, "tfp_contribution_share", "2028", 58 }, { IND, "tfp_contribution_share", "2029", 61 },
    { IND, "tfp_contribution_share", "2030", 64 },
};

typedef struct {
    int calls;
    int last_ref;
    int last_kind;
    char last_name[64];
    char last_period[R57_PERIOD_TEXT_SIZE];
    int fail_with; /* non-zero: return this */
    int non_finite;
} table;

static int resolve(double *out, bool *has_value, size_t ref, const char *name,
                   r57_formula_ref_kind_t kind, r57_period period, void *payload)
{
    table *t = payload;
    char when[R57_PERIOD_TEXT_SIZE];
    ck_assert_int_eq(r57_period_format(when, sizeof when, period), R57_OK);
    if (t) {
        t->calls++;
        t->last_ref = ref;
        t->last_kind = kind;
        snprintf(t->last_name, sizeof t->last_name, "%s", name);
        snprintf(t->last_period, sizeof t->last_period, "%s", when);
        if (t->fail_with)
            return t->fail_with;
        if (t->non_finite) {
            *out = INFINITY;
            *has_value = 1;
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
        if (data[i].kind == kind && strcmp(data[i].name, name) == 0 && strcmp(data[i].period, when) == 0) {
            *out = data[i].value;
            *has_value = 1;
            return 0;
        }
    *has_value = 0;
    return 0;
}

static int64_t P(const char *text)
{
    int64_t p;
    OK(r57_period_parse(&p, text));
    return p;
}

static r57_formula *compile(const char *text)
{
    r57_formula *f = NULL;
    OK(r57_formula_compile(&f, text));
    return f;
}

/* Evaluates text at period into a new result (the caller frees it). */
static r57_formula_result *run(const char *text, const char *period, table *t)
{
    r57_formula *f = compile(text);
    r57_formula_result *r = NULL;
    OK(r57_formula_result_new(&r));
    OK(r57_formula_eval(r, f, P(period), resolve, t));
    /* The reason is built now, while the formula exists. */
    (void)r57_formula_result_reason(r);
    r57_formula_free(f);
    return r;
}

static double value_at(const char *text, const char *period)
{
    r57_formula_result *r = run(text, period, NULL);
    ck_assert_msg(r57_formula_result_has_value(r), "'%s' at %s: %s", text, period,
                  r57_formula_result_reason(r));
    double v = r57_formula_result_value(r);
    r57_formula_result_free(r);
    return v;
}

static double value(const char *text) { return value_at(text, "2026"); }

/* The reason for no value, in a static buffer. */
static const char *reason_at(const char *text, const char *period)
{
    static char buf[512];
    r57_formula_result *r = run(text, period, NULL);
    ck_assert_msg(!r57_formula_result_has_value(r), "'%s' at %s has value %.17g", text, period,
                  r57_formula_result_value(r));
    snprintf(buf, sizeof buf, "%s", r57_formula_result_reason(r));
    r57_formula_result_free(r);
    return buf;
}

static const char *reason(const char *text) { return reason_at(text, "2026"); }

/* Asserts that text does not compile, with this message and position. */
static void refused(const char *text, const char *message, long offset)
{
    r57_formula *f = (r57_formula *)&f;
    FAILS(R57_EPARSE, message, r57_formula_compile(&f, text));
    ck_assert_ptr_null(f);
    ck_assert_int_eq(r57_error_offset(r57_error_last()), offset);
    ck_assert_int_eq(r57_error_column(r57_error_last()), offset + 1);
    ck_assert_int_eq(r57_error_line(r57_error_last()), 1);
}

#define EQ(text, expected) ck_assert_double_eq(value(text), (expected))

/* ---- numbers and arithmetic ---- */

START_TEST(test_formula_number__forms)
{
    EQ("12", 12);
    EQ("3.5", 3.5);
    EQ(".5", 0.5);
    EQ("1e3", 1000);
    EQ("2.5E-1", 0.25);
    EQ("1e+2", 100);
}
END_TEST

START_TEST(test_formula_arith__add) { EQ("1 + 2", 3); }
END_TEST
START_TEST(test_formula_arith__subtract) { EQ("1 - 2", -1); }
END_TEST
START_TEST(test_formula_arith__multiply) { EQ("6 * 7", 42); }
END_TEST
START_TEST(test_formula_arith__divide) { EQ("7 / 2", 3.5); }
END_TEST
START_TEST(test_formula_arith__power) { EQ("2 ^ 10", 1024); }
END_TEST
START_TEST(test_formula_arith__fractional_power) { EQ("9 ^ 0.5", 3); }
END_TEST
START_TEST(test_formula_arith__unary_minus) { EQ("-3 + 1", -2); }
END_TEST
START_TEST(test_formula_arith__unary_plus) { EQ("+3", 3); }
END_TEST
START_TEST(test_formula_arith__double_negation) { EQ("--3", 3); }
END_TEST
START_TEST(test_formula_arith__blanks_and_newlines_ignored) { EQ(" \t1\n+\r\n2 ", 3); }
END_TEST

/* ---- precedence and associativity ---- */

START_TEST(test_formula_precedence__multiplication_before_addition) { EQ("1 + 2 * 3", 7); }
END_TEST
START_TEST(test_formula_precedence__parentheses) { EQ("(1 + 2) * 3", 9); }
END_TEST
START_TEST(test_formula_precedence__subtraction_left_associative) { EQ("10 - 4 - 3", 3); }
END_TEST
START_TEST(test_formula_precedence__division_left_associative) { EQ("8 / 4 / 2", 1); }
END_TEST
START_TEST(test_formula_precedence__power_right_associative) { EQ("2 ^ 3 ^ 2", 512); }
END_TEST
START_TEST(test_formula_precedence__power_above_unary_minus) { EQ("-2 ^ 2", -4); }
END_TEST
START_TEST(test_formula_precedence__negative_exponent) { EQ("2 ^ -1", 0.5); }
END_TEST
START_TEST(test_formula_precedence__power_above_multiplication) { EQ("2 * 3 ^ 2", 18); }
END_TEST
START_TEST(test_formula_precedence__unary_minus_above_multiplication) { EQ("2 * -3", -6); }
END_TEST
START_TEST(test_formula_precedence__comparison_below_arithmetic) { EQ("1 + 1 = 2", 1); }
END_TEST
START_TEST(test_formula_precedence__not_below_comparison) { EQ("not 1 = 2", 1); }
END_TEST
START_TEST(test_formula_precedence__not_above_and) { EQ("not 0 and 0", 0); }
END_TEST
START_TEST(test_formula_precedence__and_above_or) { EQ("1 or 0 and 0", 1); }
END_TEST

/* ---- comparisons ---- */

START_TEST(test_formula_compare__less)
{
    EQ("1 < 2", 1);
    EQ("2 < 2", 0);
}
END_TEST

START_TEST(test_formula_compare__less_or_equal)
{
    EQ("2 <= 2", 1);
    EQ("3 <= 2", 0);
}
END_TEST

START_TEST(test_formula_compare__greater)
{
    EQ("3 > 2", 1);
    EQ("2 > 2", 0);
}
END_TEST

START_TEST(test_formula_compare__greater_or_equal)
{
    EQ("2 >= 2", 1);
    EQ("1 >= 2", 0);
}
END_TEST

START_TEST(test_formula_compare__equal_both_spellings)
{
    EQ("2 = 2", 1);
    EQ("2 == 2", 1);
    EQ("2 = 3", 0);
}
END_TEST

START_TEST(test_formula_compare__not_equal)
{
    EQ("2 != 3", 1);
    EQ("2 != 2", 0);
}
END_TEST

START_TEST(test_formula_compare__exact_not_tolerant) { EQ("0.1 + 0.2 = 0.3", 0); }
END_TEST

/* ---- logic ---- */

START_TEST(test_formula_logic__and)
{
    EQ("1 and 1", 1);
    EQ("1 and 0", 0);
    EQ("0 and 1", 0);
}
END_TEST

START_TEST(test_formula_logic__or)
{
    EQ("0 or 1", 1);
    EQ("0 or 0", 0);
    EQ("1 or 0", 1);
}
END_TEST

START_TEST(test_formula_logic__not)
{
    EQ("not 0", 1);
    EQ("not 5", 0);
}
END_TEST

START_TEST(test_formula_logic__non_zero_is_true) { EQ("2 and -3", 1); }
END_TEST

/* ---- functions ---- */

START_TEST(test_formula_if__true_branch) { EQ("if(1 < 2, 10, 20)", 10); }
END_TEST
START_TEST(test_formula_if__false_branch) { EQ("if(1 > 2, 10, 20)", 20); }
END_TEST

START_TEST(test_formula_if__other_branch_not_resolved)
{
    table t = { 0 };
    r57_formula_result *r = run("if(#{y} > 0, #{x}, #{missing})", "2026", &t);
    ck_assert_double_eq(r57_formula_result_value(r), 10);
    ck_assert_int_eq(t.calls, 2);
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_if__other_branch_without_value_is_fine)
{
    EQ("if(#{zero} = 0, 0, #{x} / #{zero})", 0);
}
END_TEST

START_TEST(test_formula_is_null__missing_and_present)
{
    EQ("is_null(#{missing})", 1);
    EQ("is_null(#{x})", 0);
    EQ("is_null(1 / 0)", 1);
}
END_TEST

START_TEST(test_formula_coalesce__first_with_value)
{
    EQ("coalesce(#{missing}, #{y}, #{x})", 4);
    EQ("coalesce(#{x}, #{missing})", 10);
    EQ("coalesce(7)", 7);
}
END_TEST

START_TEST(test_formula_coalesce__none_has_value_gives_reason_of_last)
{
    ck_assert_str_eq(reason("coalesce(#{missing}, #{y}[-1])"), "no value: #{y} has no value for 2025");
}
END_TEST

START_TEST(test_formula_coalesce__many_arguments)
{
    char text[2048] = "coalesce(";
    for (int i = 0; i < 100; i++)
        strcat(text, "#{missing}, ");
    strcat(text, "#{y})");
    EQ(text, 4);
}
END_TEST

START_TEST(test_formula_min__of_arguments)
{
    EQ("min(3, 1, 2)", 1);
    EQ("min(5)", 5);
}
END_TEST

START_TEST(test_formula_max__of_arguments) { EQ("max(3, #{x}, 2)", 10); }
END_TEST

START_TEST(test_formula_abs__negative_and_positive)
{
    EQ("abs(#{neg})", 8);
    EQ("abs(2.5)", 2.5);
}
END_TEST

START_TEST(test_formula_ln__of_e) { ck_assert_double_eq_tol(value("ln(exp(2))"), 2, 1e-15); }
END_TEST

START_TEST(test_formula_ln__value) { EQ("ln(1)", 0); }
END_TEST

START_TEST(test_formula_exp__value) { ck_assert_double_eq(value("exp(1)"), exp(1)); }
END_TEST

/* ---- references and offsets ---- */

START_TEST(test_formula_ref__element_value) { EQ("#{x}", 10); }
END_TEST

START_TEST(test_formula_ref__indicator_value_and_kind)
{
    table t = { 0 };
    r57_formula_result *r = run("I{share}", "2026", &t);
    ck_assert_double_eq(r57_formula_result_value(r), 52);
    ck_assert_int_eq(t.last_kind, R57_REF_INDICATOR);
    ck_assert_str_eq(t.last_name, "share");
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_ref__element_and_indicator_are_distinct) { EQ("#{share} + I{share}", 51); }
END_TEST

START_TEST(test_formula_ref__code_characters)
{
    r57_formula *f = compile("#{a.b-c/d:1} + I{X_2}");
    ck_assert_str_eq(r57_formula_ref_name(f, 0), "a.b-c/d:1");
    ck_assert_str_eq(r57_formula_ref_name(f, 1), "X_2");
    r57_formula_free(f);
}
END_TEST

START_TEST(test_formula_offset__previous_year)
{
    table t = { 0 };
    r57_formula_result *r = run("#{x}[-1]", "2026", &t);
    ck_assert_double_eq(r57_formula_result_value(r), 8);
    ck_assert_str_eq(t.last_period, "2025");
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_offset__two_back_with_blanks) { EQ("#{x} [ -2 ]", 5); }
END_TEST

START_TEST(test_formula_offset__forward) { ck_assert_double_eq(value_at("#{x}[+1]", "2025"), 10); }
END_TEST

START_TEST(test_formula_offset__zero) { EQ("#{x}[0]", 10); }
END_TEST

START_TEST(test_formula_offset__previous_quarter_across_year)
{
    ck_assert_double_eq(value_at("#{q} - #{q}[-1]", "2026Q1"), 3);
}
END_TEST

START_TEST(test_formula_offset__previous_month_across_year)
{
    ck_assert_double_eq(value_at("#{m}[-1]", "2026-01"), 1);
}
END_TEST

START_TEST(test_formula_offset__previous_half_year_across_year)
{
    ck_assert_double_eq(value_at("#{h} - #{h}[-1]", "2026H1"), 3);
}
END_TEST

START_TEST(test_formula_offset__range_period_passed_to_resolver)
{
    ck_assert_double_eq(value_at("#{whole}", "2026..2030"), 7);
    ck_assert_str_eq(reason_at("#{whole}[-1]", "2026..2030"),
                     "no value: #{whole} has no value for 2025..2029");
}
END_TEST

/* ---- the reference listing ---- */

START_TEST(test_formula_refs__listed_once_in_order_of_appearance)
{
    r57_formula *f = compile("#{b} + I{a} + #{a} + #{b}[-1] + I{a}");
    ck_assert_int_eq(r57_formula_ref_count(f), 3);
    ck_assert_str_eq(r57_formula_ref_name(f, 0), "b");
    ck_assert_int_eq(r57_formula_ref_kind(f, 0), R57_REF_ELEMENT);
    ck_assert_str_eq(r57_formula_ref_name(f, 1), "a");
    ck_assert_int_eq(r57_formula_ref_kind(f, 1), R57_REF_INDICATOR);
    ck_assert_str_eq(r57_formula_ref_name(f, 2), "a");
    ck_assert_int_eq(r57_formula_ref_kind(f, 2), R57_REF_ELEMENT);
    ck_assert_ptr_null(r57_formula_ref_name(f, 3));
    ck_assert_int_eq(r57_formula_ref_kind(f, 3), R57_REF_INVALID);
    ck_assert_int_eq(r57_formula_ref_kind(f, SIZE_MAX), R57_REF_INVALID);
    r57_formula_free(f);
}
END_TEST

START_TEST(test_formula_refs__find)
{
    r57_formula *f = compile("#{b} + I{a}");
    ck_assert_int_eq(r57_formula_ref_find(f, R57_REF_INDICATOR, "a"), 1);
    ck_assert_int_eq(r57_formula_ref_find(f, R57_REF_ELEMENT, "a"), R57_ENOTFOUND);
    ck_assert_int_eq(r57_formula_ref_find(NULL, R57_REF_ELEMENT, "b"), R57_ENOTFOUND);
    r57_formula_free(f);
}
END_TEST

START_TEST(test_formula_refs__none_in_constant_formula)
{
    r57_formula *f = compile("1 + 2");
    ck_assert_int_eq(r57_formula_ref_count(f), 0);
    ck_assert_str_eq(r57_formula_text(f), "1 + 2");
    r57_formula_free(f);
}
END_TEST

START_TEST(test_formula_refs__resolver_gets_ref_number)
{
    table t = { 0 };
    r57_formula_result *r = run("#{y} * 0 + #{x}", "2026", &t);
    ck_assert_int_eq(t.last_ref, 1);
    ck_assert_str_eq(t.last_name, "x");
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_refs__same_ref_and_offset_resolved_once)
{
    table t = { 0 };
    r57_formula_result *r = run("(#{x} - #{x}[-1]) / #{x}[-1] + #{x}", "2026", &t);
    ck_assert_double_eq(r57_formula_result_value(r), 10.25);
    ck_assert_int_eq(t.calls, 2);
    r57_formula_result_free(r);
}
END_TEST

/* ---- the resolver contract ---- */

/* The callback rule (r57/common.h): a positive return stops the
 * evaluation as R57_EUSER (it was returned unchanged, so 'rc < 0' missed
 * it); a negative one is returned unchanged. */
START_TEST(test_formula_eval__resolver_error_stops_and_is_returned)
{
    const int fails[] = { 42, R57_ECONFLICT };
    for (int i = 0; i < 2; i++) {
        table t = { 0 };
        t.fail_with = fails[i];
        r57_formula *f = compile("#{x} + #{y}");
        r57_formula_result *r;
        OK(r57_formula_result_new(&r));
        FAILS(i ? R57_ECONFLICT : R57_EUSER,
              i ? "r57_formula_eval stopped by the resolver: it returned -7 (R57_ECONFLICT)"
                : "r57_formula_eval stopped by the resolver: it returned 42",
              r57_formula_eval(r, f, P("2026"), resolve, &t));
        ck_assert_int_eq(t.calls, 1);
        ck_assert_int_eq(r57_formula_result_has_value(r), 0);
        ck_assert_str_eq(r57_formula_result_reason(r), "no value: the evaluation failed");
        r57_formula_result_free(r);
        r57_formula_free(f);
    }
}
END_TEST

START_TEST(test_formula_eval__resolver_non_finite_value_refused)
{
    table t = { 0 };
    t.non_finite = 1;
    r57_formula *f = compile("#{x}[-1]");
    r57_formula_result *r;
    OK(r57_formula_result_new(&r));
    FAILS(R57_EINVAL,
          "r57_formula_eval: the resolver gave #{x} a value for 2025 that is not a finite number",
          r57_formula_eval(r, f, P("2026"), resolve, &t));
    r57_formula_result_free(r);
    r57_formula_free(f);
}
END_TEST

START_TEST(test_formula_eval__bad_arguments)
{
    r57_formula *f = compile("#{x}");
    r57_formula *c = compile("1");
    r57_formula_result *r;
    OK(r57_formula_result_new(&r));
    FAILS(R57_EINVAL, "r57_formula_eval: 0 is not a period", r57_formula_eval(r, f, 0, resolve, NULL));
    FAILS(R57_EINVAL, "r57_formula_eval: resolve is NULL and '#{x}' has references",
          r57_formula_eval(r, f, P("2026"), NULL, NULL));
    FAILS(R57_EINVAL, "r57_formula_eval: formula is NULL", r57_formula_eval(r, NULL, P("2026"), resolve, NULL));
    FAILS(R57_EINVAL, "r57_formula_eval: out is NULL", r57_formula_eval(NULL, f, P("2026"), resolve, NULL));
    OK(r57_formula_eval(r, c, P("2026"), NULL, NULL));
    ck_assert_double_eq(r57_formula_result_value(r), 1);
    r57_formula_result_free(r);
    r57_formula_free(f);
    r57_formula_free(c);
}
END_TEST

START_TEST(test_formula_eval__result_reused_across_formulas)
{
    r57_formula *small = compile("#{x}");
    r57_formula *big = compile("max(1, 2, 3, 4, 5, 6, 7, 8, 9, #{y}, sum(#{x}, [-2..0]))");
    r57_formula_result *r;
    OK(r57_formula_result_new(&r));
    OK(r57_formula_eval(r, small, P("2026"), resolve, NULL));
    ck_assert_double_eq(r57_formula_result_value(r), 10);
    OK(r57_formula_eval(r, big, P("2026"), resolve, NULL));
    ck_assert_double_eq(r57_formula_result_value(r), 23);
    OK(r57_formula_eval(r, small, P("2025"), resolve, NULL));
    ck_assert_double_eq(r57_formula_result_value(r), 8);
    r57_formula_result_free(r);
    r57_formula_free(small);
    r57_formula_free(big);
}
END_TEST

START_TEST(test_formula_eval__same_result_new_period_not_cached)
{
    r57_formula *f = compile("#{x}");
    r57_formula_result *r;
    OK(r57_formula_result_new(&r));
    OK(r57_formula_eval(r, f, P("2026"), resolve, NULL));
    OK(r57_formula_eval(r, f, P("2024"), resolve, NULL));
    ck_assert_double_eq(r57_formula_result_value(r), 5);
    r57_formula_result_free(r);
    r57_formula_free(f);
}
END_TEST

START_TEST(test_formula_result__before_any_evaluation_and_null)
{
    r57_formula_result *r;
    OK(r57_formula_result_new(&r));
    ck_assert_int_eq(r57_formula_result_has_value(r), 0);
    ck_assert(isnan(r57_formula_result_value(r)));
    ck_assert_str_eq(r57_formula_result_reason(r), "no value: the evaluation failed");
    r57_formula_result_free(r);
    ck_assert_int_eq(r57_formula_result_has_value(NULL), 0);
    ck_assert_str_eq(r57_formula_result_reason(NULL), "");
    r57_formula_result_free(NULL);
    r57_formula_free(NULL);
    FAILS(R57_EINVAL, "r57_formula_result_new: out is NULL", r57_formula_result_new(NULL));
}
END_TEST

START_TEST(test_formula_result__with_value_has_empty_reason)
{
    r57_formula_result *r = run("#{x}", "2026", NULL);
    ck_assert_str_eq(r57_formula_result_reason(r), "");
    ck_assert_int_eq(r57_formula_result_novalue(r), R57_NOVALUE_NONE);
    ck_assert_int_eq(r57_formula_result_missing_ref(r), -1);
    ck_assert_int_eq(r57_formula_result_missing_period(r), R57_PERIOD_NONE);
    r57_formula_result_free(r);
}
END_TEST

/* ---- aggregation over windows ---- */

START_TEST(test_formula_window__sum_of_years) { EQ("sum(#{x}, 2024..2026)", 23); }
END_TEST

START_TEST(test_formula_window__avg_of_years)
{
    ck_assert_double_eq(value("avg(#{x}, 2024..2026)"), 23.0 / 3);
}
END_TEST

START_TEST(test_formula_window__min_and_max_of_years)
{
    EQ("min(#{x}, 2024..2026)", 5);
    EQ("max(#{x}, 2024..2026)", 10);
}
END_TEST

START_TEST(test_formula_window__count_with_values)
{
    EQ("count(#{gap}, 2024..2026)", 2);
    EQ("count(#{missing}, 2024..2026)", 0);
}
END_TEST

START_TEST(test_formula_window__absolute_ignores_evaluation_period)
{
    ck_assert_double_eq(value_at("sum(#{x}, 2024..2026)", "2030Q2"), 23);
}
END_TEST

START_TEST(test_formula_window__relative_to_evaluation_period)
{
    table t = { 0 };
    r57_formula_result *r = run("sum(#{x}, [-2..0])", "2026", &t);
    ck_assert_double_eq(r57_formula_result_value(r), 23);
    ck_assert_int_eq(t.calls, 3);
    ck_assert_str_eq(t.last_period, "2026");
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_window__relative_in_quarters)
{
    ck_assert_double_eq(value_at("sum(#{q}, [-1..0])", "2026Q1"), 9);
}
END_TEST

START_TEST(test_formula_window__quarter_range) { EQ("sum(#{q}, 2025Q4..2026Q1)", 9); }
END_TEST

START_TEST(test_formula_window__half_year_range) { EQ("sum(#{h}, 2025H2..2026H1)", 11); }
END_TEST

START_TEST(test_formula_window__relative_in_half_years)
{
    ck_assert_double_eq(value_at("avg(#{h}, [-1..0])", "2026H1"), 5.5);
}
END_TEST

START_TEST(test_formula_window__month_range) { EQ("avg(#{m}, 2025-12..2026-02)", 2); }
END_TEST

/* A ratio averaged over periods is the average of the yearly ratios:
 * 1/2, 2/4, 3/4. */
START_TEST(test_formula_window__of_an_expression)
{
    ck_assert_double_eq(value("avg(#{a} / #{b}, 2024..2026)"), (0.5 + 0.5 + 0.75) / 3);
}
END_TEST

START_TEST(test_formula_window__offset_inside_window)
{
    /* (x2025 - x2024) + (x2026 - x2025) */
    EQ("sum(#{x} - #{x}[-1], 2025..2026)", 5);
}
END_TEST

START_TEST(test_formula_window__nested_windows)
{
    /* avg over 2025, 2026 of sum over [-1..0]: ((5 + 8) + (8 + 10)) / 2 */
    EQ("avg(sum(#{x}, [-1..0]), 2025..2026)", 15.5);
}
END_TEST

START_TEST(test_formula_window__let_name_evaluated_per_member)
{
    EQ("let g = #{x} - #{x}[-1]; sum(g, 2025..2026)", 5);
}
END_TEST

START_TEST(test_formula_window__missing_member_gives_no_value)
{
    ck_assert_str_eq(reason("avg(#{gap}, 2024..2026)"), "no value: #{gap} has no value for 2025");
    ck_assert_str_eq(reason("sum(#{x}, [-3..0])"), "no value: #{x} has no value for 2023");
}
END_TEST

START_TEST(test_formula_window__member_outside_years)
{
    ck_assert_str_eq(reason_at("sum(#{x}, [-1..0])", "0001"),
                     "no value: 0001 shifted by -1 is outside years 1-9999 in 'sum(#{x}, [-1..0])'");
    ck_assert_double_eq(value_at("count(#{x}, [-1..0])", "0001"), 0);
}
END_TEST

START_TEST(test_formula_window__average_over_2026_2030)
{
    EQ("avg(I{share}, 2026..2030)", 58);
    EQ("avg(I{share}, 2026..2030) > 58", 0);
}
END_TEST

/* ---- no value and its reason ---- */

START_TEST(test_formula_novalue__missing_element)
{
    r57_formula_result *r = run("100 * #{procedures_fully_online} / #{procedures_total}", "2026", NULL);
    ck_assert_int_eq(r57_formula_result_has_value(r), 0);
    ck_assert_int_eq(r57_formula_result_novalue(r), R57_NOVALUE_MISSING);
    ck_assert_str_eq(r57_formula_result_reason(r),
                     "no value: #{procedures_fully_online} has no value for 2026");
    ck_assert_int_eq(r57_formula_result_missing_ref(r), 0);
    ck_assert_int_eq(r57_formula_result_missing_period(r), P("2026"));
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_novalue__missing_previous_period)
{
    ck_assert_str_eq(reason("#{y} - #{y}[-1]"), "no value: #{y} has no value for 2025");
}
END_TEST

START_TEST(test_formula_novalue__missing_indicator)
{
    ck_assert_str_eq(reason("I{share}[-1]"), "no value: I{share} has no value for 2025");
}
END_TEST

START_TEST(test_formula_novalue__value_is_nan)
{
    r57_formula_result *r = run("#{missing}", "2026", NULL);
    ck_assert(isnan(r57_formula_result_value(r)));
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_novalue__division_by_zero)
{
    r57_formula_result *r = run("#{x} / #{zero}", "2026", NULL);
    ck_assert_int_eq(r57_formula_result_novalue(r), R57_NOVALUE_DIVZERO);
    ck_assert_str_eq(r57_formula_result_reason(r), "no value: division by zero in '#{x} / #{zero}'");
    ck_assert_int_eq(r57_formula_result_missing_ref(r), -1);
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_novalue__division_by_zero_quotes_the_division_only)
{
    ck_assert_str_eq(reason("1 + (#{x} - 2) / (#{y} - 4) * 3"),
                     "no value: division by zero in '(#{x} - 2) / (#{y} - 4)'");
}
END_TEST

START_TEST(test_formula_novalue__zero_to_negative_power)
{
    ck_assert_str_eq(reason("#{zero} ^ -1"), "no value: division by zero in '#{zero} ^ -1'");
}
END_TEST

START_TEST(test_formula_novalue__ln_of_zero_or_negative)
{
    r57_formula_result *r = run("ln(#{neg})", "2026", NULL);
    ck_assert_int_eq(r57_formula_result_novalue(r), R57_NOVALUE_DOMAIN);
    ck_assert_str_eq(r57_formula_result_reason(r),
                     "no value: ln of a number that is not positive in 'ln(#{neg})'");
    r57_formula_result_free(r);
    ck_assert_str_eq(reason("ln(0)"), "no value: ln of a number that is not positive in 'ln(0)'");
}
END_TEST

START_TEST(test_formula_novalue__overflow)
{
    ck_assert_str_eq(reason("exp(1000)"), "no value: the result is too large in 'exp(1000)'");
    ck_assert_str_eq(reason("1e300 * 1e300"), "no value: the result is too large in '1e300 * 1e300'");
    ck_assert_str_eq(reason("sum(1e308, 2025..2026)"),
                     "no value: the result is too large in 'sum(1e308, 2025..2026)'");
}
END_TEST

START_TEST(test_formula_novalue__no_real_result)
{
    ck_assert_str_eq(reason("#{neg} ^ 0.5"), "no value: no real result in '#{neg} ^ 0.5'");
}
END_TEST

START_TEST(test_formula_novalue__offset_outside_years)
{
    r57_formula_result *r = run("#{x}[-2026]", "2026", NULL);
    ck_assert_int_eq(r57_formula_result_novalue(r), R57_NOVALUE_PERIOD);
    ck_assert_str_eq(r57_formula_result_reason(r),
                     "no value: 2026 shifted by -2026 is outside years 1-9999 in '#{x}[-2026]'");
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_novalue__propagates_through_operators_and_functions)
{
    static const char *const texts[] = { "-#{missing}", "#{missing} + 1", "2 * #{missing}",
                                         "#{missing} ^ 2", "abs(#{missing})", "ln(#{missing})",
                                         "exp(#{missing})", "min(1, #{missing})", "max(#{missing}, 1)",
                                         "not #{missing}", "#{missing} < 1", "1 = #{missing}",
                                         "if(1, #{missing}, 2)" };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        ck_assert_msg(strcmp(reason(texts[i]), "no value: #{missing} has no value for 2026") == 0,
                      "'%s': %s", texts[i], reason(texts[i]));
}
END_TEST

START_TEST(test_formula_novalue__first_cause_is_reported)
{
    ck_assert_str_eq(reason("#{missing} + 1 / 0"), "no value: #{missing} has no value for 2026");
    ck_assert_str_eq(reason("1 / 0 + #{missing}"), "no value: division by zero in '1 / 0'");
}
END_TEST

START_TEST(test_formula_novalue__condition_without_value)
{
    ck_assert_str_eq(reason("if(#{missing} > 0, 1, 2)"), "no value: #{missing} has no value for 2026");
}
END_TEST

START_TEST(test_formula_novalue__false_and_decides)
{
    EQ("0 and #{missing}", 0);
    EQ("#{missing} and 0", 0);
    ck_assert_str_eq(reason("1 and #{missing}"), "no value: #{missing} has no value for 2026");
}
END_TEST

START_TEST(test_formula_novalue__true_or_decides)
{
    EQ("1 or #{missing}", 1);
    EQ("#{missing} or 1", 1);
    ck_assert_str_eq(reason("0 or #{missing}"), "no value: #{missing} has no value for 2026");
}
END_TEST

START_TEST(test_formula_novalue__short_circuit_skips_resolver)
{
    table t = { 0 };
    r57_formula_result *r = run("#{zero} and #{x}", "2026", &t);
    ck_assert_double_eq(r57_formula_result_value(r), 0);
    ck_assert_int_eq(t.calls, 1);
    r57_formula_result_free(r);
}
END_TEST

START_TEST(test_formula_novalue__division_guarded_by_if)
{
    EQ("if(#{zero} = 0, -1, #{x} / #{zero})", -1);
    EQ("coalesce(#{x} / #{zero}, 0)", 0);
}
END_TEST

/* ---- let ---- */

START_TEST(test_formula_let__name_stands_for_its_expression)
{
    EQ("let d = #{x} - #{x}[-1]; d * d", 4);
}
END_TEST

START_TEST(test_formula_let__later_names_use_earlier_ones)
{
    EQ("let a = 2;\nlet b = a * 3;\na + b", 8);
}
END_TEST

START_TEST(test_formula_let__reason_quotes_the_definition)
{
    ck_assert_str_eq(reason("let g = (#{x} - #{zero}) / #{zero}; 100 * g"),
                     "no value: division by zero in '(#{x} - #{zero}) / #{zero}'");
}
END_TEST

START_TEST(test_formula_let__refs_listed)
{
    r57_formula *f = compile("let g = #{y} / #{x}; 100 * g");
    ck_assert_int_eq(r57_formula_ref_count(f), 2);
    ck_assert_str_eq(r57_formula_ref_name(f, 0), "y");
    r57_formula_free(f);
}
END_TEST

START_TEST(test_formula_let__already_defined)
{
    refused("let a = 1; let a = 2; a", "formula 'let a = 1; let a = 2; a': at offset 15: name 'a' is already defined", 15);
}
END_TEST

START_TEST(test_formula_let__not_used)
{
    refused("let a = 1; 2", "formula 'let a = 1; 2': at offset 4: name 'a' is defined but not used", 4);
}
END_TEST

START_TEST(test_formula_let__reserved_word)
{
    refused("let min = 1; min", "formula 'let min = 1; min': at offset 4: 'min' is a reserved word and cannot be defined", 4);
    refused("let and = 1; 2", "formula 'let and = 1; 2': at offset 4: 'and' is a reserved word and cannot be defined", 4);
}
END_TEST

START_TEST(test_formula_let__cannot_refer_to_itself)
{
    refused("let a = a + 1; a",
            "formula 'let a = a + 1; a': at offset 8: unknown name 'a'; write #{a} for a data element or I{a} for an indicator",
            8);
}
END_TEST

START_TEST(test_formula_let__missing_semicolon)
{
    refused("let a = 1 a", "formula 'let a = 1 a': at offset 10: expected ';' after the definition of 'a'", 10);
}
END_TEST

START_TEST(test_formula_let__missing_equals)
{
    refused("let a == 1; a", "formula 'let a == 1; a': at offset 6: expected '=' after 'let a'", 6);
}
END_TEST

START_TEST(test_formula_let__missing_name)
{
    refused("let 1 = 1; 2", "formula 'let 1 = 1; 2': at offset 4: expected a name after 'let'", 4);
}
END_TEST

START_TEST(test_formula_let__only_definitions)
{
    refused("let a = 1;", "formula 'let a = 1;': at offset 10: expected a value", 10);
}
END_TEST

/* ---- syntax errors ---- */

START_TEST(test_formula_syntax__operator_where_value_expected)
{
    refused("a + * b", "formula 'a + * b': at offset 4: expected a value", 4);
}
END_TEST

START_TEST(test_formula_syntax__empty)
{
    refused("", "formula '': at offset 0: expected a value", 0);
    refused("   ", "formula '   ': at offset 3: expected a value", 3);
}
END_TEST

START_TEST(test_formula_syntax__trailing_operator)
{
    refused("1 +", "formula '1 +': at offset 3: expected a value", 3);
}
END_TEST

START_TEST(test_formula_syntax__two_values_in_a_row)
{
    refused("1 2", "formula '1 2': at offset 2: expected an operator or the end of the formula", 2);
}
END_TEST

START_TEST(test_formula_syntax__unmatched_close_paren)
{
    refused("(1))", "formula '(1))': at offset 3: ')' without a matching '('", 3);
}
END_TEST

START_TEST(test_formula_syntax__unclosed_paren)
{
    refused("2 * (1 + 2", "formula '2 * (1 + 2': at offset 4: '(' is not closed", 4);
}
END_TEST

START_TEST(test_formula_syntax__paren_closed_by_something_else)
{
    refused("(1 2)", "formula '(1 2)': at offset 3: expected an operator or ')'", 3);
}
END_TEST

START_TEST(test_formula_syntax__unclosed_call)
{
    refused("abs(1", "formula 'abs(1': at offset 3: '(' is not closed", 3);
}
END_TEST

START_TEST(test_formula_syntax__arguments_without_comma)
{
    refused("min(1 2)", "formula 'min(1 2)': at offset 6: expected ',' or ')'", 6);
}
END_TEST

START_TEST(test_formula_syntax__missing_argument)
{
    refused("min(1, )", "formula 'min(1, )': at offset 7: expected a value", 7);
}
END_TEST

START_TEST(test_formula_syntax__unclosed_element_brace)
{
    refused("1 + #{output", "formula '1 + #{output': at offset 4: '#{' is not closed", 4);
}
END_TEST

START_TEST(test_formula_syntax__unclosed_indicator_brace)
{
    refused("I{share + 1", "formula 'I{share + 1': at offset 0: 'I{' is not closed", 0);
}
END_TEST

START_TEST(test_formula_syntax__empty_reference)
{
    refused("#{}", "formula '#{}': at offset 2: expected a code between the braces, e.g. #{procedures_total}", 2);
}
END_TEST

START_TEST(test_formula_syntax__blank_in_reference)
{
    refused("#{gross output}", "formula '#{gross output}': at offset 7: a reference code cannot contain ' '", 7);
}
END_TEST

START_TEST(test_formula_syntax__reference_code_too_long)
{
    char text[300] = "#{";
    memset(text + 2, 'a', 256);
    strcpy(text + 258, "}");
    r57_formula *f;
    ck_assert_int_eq(r57_formula_compile(&f, text), R57_EPARSE);
    ck_assert_int_eq(r57_error_offset(r57_error_last()), 2);
    ck_assert_ptr_nonnull(strstr(r57_error_message(r57_error_last()),
                                 "': at offset 2: a reference code is longer than 255 bytes"));
}
END_TEST

START_TEST(test_formula_syntax__hash_without_brace)
{
    refused("#x", "formula '#x': at offset 0: '#' must start a reference like #{code}", 0);
}
END_TEST

START_TEST(test_formula_syntax__unexpected_character)
{
    refused("1 $ 2", "formula '1 $ 2': at offset 2: unexpected character '$'", 2);
    refused("1 ! 2", "formula '1 ! 2': at offset 2: unexpected character '!'", 2);
}
END_TEST

START_TEST(test_formula_syntax__non_ascii_byte)
{
    refused("1 \xc3\x97 2", "formula '1 \xc3\x97 2': at offset 2: unexpected byte 0xc3", 2);
}
END_TEST

START_TEST(test_formula_syntax__chained_comparison)
{
    refused("1 < 2 < 3", "formula '1 < 2 < 3': at offset 6: comparisons cannot be chained; join them with 'and'", 6);
}
END_TEST

START_TEST(test_formula_syntax__keyword_as_value)
{
    refused("1 + and", "formula '1 + and': at offset 4: expected a value", 4);
}
END_TEST

START_TEST(test_formula_syntax__number_too_large)
{
    refused("1e999", "formula '1e999': at offset 0: number '1e999' is too large", 0);
}
END_TEST

START_TEST(test_formula_syntax__offset_after_non_reference)
{
    refused("(#{x})[-1]", "formula '(#{x})[-1]': at offset 6: a period offset like [-1] can only follow a reference", 6);
}
END_TEST

START_TEST(test_formula_syntax__two_offsets)
{
    refused("#{x}[-1][-1]", "formula '#{x}[-1][-1]': at offset 8: a reference takes a single period offset", 8);
}
END_TEST

START_TEST(test_formula_syntax__window_as_offset)
{
    refused("avg(#{x}[-4..0])",
            "formula 'avg(#{x}[-4..0])': at offset 8: a reference takes a single period offset like [-1]; "
            "a window [a..b] is the last argument of an aggregation, e.g. sum(#{x}, [-4..0])",
            8);
}
END_TEST

START_TEST(test_formula_syntax__offset_not_a_number)
{
    refused("#{x}[last]", "formula '#{x}[last]': at offset 5: expected a whole number of periods, e.g. -1", 5);
}
END_TEST

START_TEST(test_formula_syntax__offset_too_far)
{
    refused("#{x}[-10000]", "formula '#{x}[-10000]': at offset 5: the offset -10000 is outside -9999..9999", 5);
}
END_TEST

START_TEST(test_formula_syntax__offset_not_closed)
{
    refused("#{x}[-1", "formula '#{x}[-1': at offset 4: '[' is not closed", 4);
    refused("#{x}[-1 + 2", "formula '#{x}[-1 + 2': at offset 8: expected ']'", 8);
}
END_TEST

START_TEST(test_formula_syntax__window_backwards)
{
    refused("sum(#{x}, [0..-4])", "formula 'sum(#{x}, [0..-4])': at offset 14: the window [0..-4] ends before it starts", 14);
}
END_TEST

START_TEST(test_formula_syntax__window_without_dots)
{
    refused("sum(#{x}, [-4 0])", "formula 'sum(#{x}, [-4 0])': at offset 14: expected '..' in a period window like [-4..0]", 14);
}
END_TEST

START_TEST(test_formula_syntax__bad_period_in_window)
{
    refused("avg(#{x}, 2026Q1..2026Q5)", "formula 'avg(#{x}, 2026Q1..2026Q5)': at offset 23: quarter 5 is not 1-4", 23);
    refused("avg(#{x}, 2030..2026)", "formula 'avg(#{x}, 2030..2026)': at offset 16: the range ends before it starts", 16);
    refused("avg(#{x}, 2026..2027Q1)",
            "formula 'avg(#{x}, 2026..2027Q1)': at offset 16: the range goes from a year to a quarter; both ends must be alike",
            16);
}
END_TEST

START_TEST(test_formula_syntax__nested_too_deeply)
{
    char text[512] = "";
    for (int i = 0; i < 101; i++)
        strcat(text, "(");
    strcat(text, "1");
    for (int i = 0; i < 101; i++)
        strcat(text, ")");
    r57_formula *f;
    ck_assert_int_eq(r57_formula_compile(&f, text), R57_EPARSE);
    ck_assert_int_eq(r57_error_offset(r57_error_last()), 100);
    ck_assert_ptr_nonnull(strstr(r57_error_message(r57_error_last()),
                                 "': at offset 100: the formula is nested too deeply"));
    /* 100 levels are fine. */
    text[0] = ' ';
    text[strlen(text) - 1] = '\0';
    r57_formula_free(compile(text));
}
END_TEST

START_TEST(test_formula_syntax__too_many_operators_in_a_chain)
{
    char *text = malloc(4096);
    strcpy(text, "1");
    for (int i = 1; i < 1000; i++)
        strcat(text, "+1");
    ck_assert_double_eq(value(text), 1000);
    strcat(text, "+1");
    r57_formula *f;
    ck_assert_int_eq(r57_formula_compile(&f, text), R57_EPARSE);
    ck_assert_int_eq(r57_error_offset(r57_error_last()), 0);
    /* The formula is quoted in part: 200 bytes and "...". */
    char expected[512];
    snprintf(expected, sizeof expected, "formula '%.200s...': at offset 0: the formula is nested too deeply", text);
    ck_assert_str_eq(r57_error_message(r57_error_last()), expected);
    free(text);
}
END_TEST

START_TEST(test_formula_syntax__names_expand_too_large)
{
    char text[1024] = "let a0 = #{x} + #{x};\n";
    for (int i = 1; i <= 16; i++)
        sprintf(text + strlen(text), "let a%d = a%d + a%d;\n", i, i - 1, i - 1);
    strcat(text, "a16");
    r57_formula *f;
    ck_assert_int_eq(r57_formula_compile(&f, text), R57_EPARSE);
    ck_assert_ptr_nonnull(strstr(r57_error_message(r57_error_last()),
                                 ": the formula is too large (more than 65536 steps with names expanded)"));
}
END_TEST

START_TEST(test_formula_syntax__position_on_later_line)
{
    r57_formula *f;
    FAILS(R57_EPARSE, "formula 'let a = 1;\nlet b = ;\na + b': at offset 19: expected a value",
          r57_formula_compile(&f, "let a = 1;\nlet b = ;\na + b"));
    ck_assert_int_eq(r57_error_line(r57_error_last()), 2);
    ck_assert_int_eq(r57_error_column(r57_error_last()), 9);
    ck_assert_int_eq(r57_error_offset(r57_error_last()), 19);
}
END_TEST

START_TEST(test_formula_syntax__null_and_overlong_text)
{
    r57_formula *f;
    FAILS(R57_EINVAL, "r57_formula_compile: text is NULL", r57_formula_compile(&f, NULL));
    FAILS(R57_EINVAL, "r57_formula_compile: out is NULL", r57_formula_compile(NULL, "1"));
    char *big = malloc(70000);
    memset(big, ' ', 69999);
    big[69999] = '\0';
    FAILS(R57_EINVAL, "r57_formula_compile: the formula is longer than 65536 bytes", r57_formula_compile(&f, big));
    free(big);
}
END_TEST

/* ---- semantic errors (reported after the syntax is known good) ---- */

START_TEST(test_formula_semantic__unknown_function)
{
    refused("2 * foo(1)", "formula '2 * foo(1)': at offset 4: unknown function 'foo'", 4);
}
END_TEST

START_TEST(test_formula_semantic__unknown_name)
{
    refused("output / 2",
            "formula 'output / 2': at offset 0: unknown name 'output'; write #{output} for a data element or I{output} for an indicator",
            0);
}
END_TEST

START_TEST(test_formula_semantic__function_without_call)
{
    refused("abs + 1", "formula 'abs + 1': at offset 0: 'abs' is a function: write abs(...)", 0);
}
END_TEST

START_TEST(test_formula_semantic__if_arity)
{
    refused("if(1, 2)", "formula 'if(1, 2)': at offset 0: if() takes 3 arguments, got 2", 0);
}
END_TEST

START_TEST(test_formula_semantic__one_argument_functions_arity)
{
    refused("abs(1, 2)", "formula 'abs(1, 2)': at offset 0: abs() takes 1 argument, got 2", 0);
    refused("ln()", "formula 'ln()': at offset 0: ln() takes 1 argument, got 0", 0);
    refused("exp(1, 2)", "formula 'exp(1, 2)': at offset 0: exp() takes 1 argument, got 2", 0);
    refused("is_null()", "formula 'is_null()': at offset 0: is_null() takes 1 argument, got 0", 0);
}
END_TEST

START_TEST(test_formula_semantic__variadic_needs_one)
{
    refused("coalesce()", "formula 'coalesce()': at offset 0: coalesce() takes at least 1 argument, got 0", 0);
    refused("max()", "formula 'max()': at offset 0: max() takes at least 1 argument, got 0", 0);
}
END_TEST

START_TEST(test_formula_semantic__aggregation_without_window)
{
    refused("sum(#{x})",
            "formula 'sum(#{x})': at offset 0: sum() takes an expression and a period window, e.g. sum(#{x}, 2026..2030)", 0);
    refused("avg(#{x}, #{y})",
            "formula 'avg(#{x}, #{y})': at offset 0: avg() takes an expression and a period window, e.g. avg(#{x}, 2026..2030)", 0);
}
END_TEST

START_TEST(test_formula_semantic__window_with_extra_argument)
{
    refused("min(#{x}, 1, 2026..2030)",
            "formula 'min(#{x}, 1, 2026..2030)': at offset 0: min() with a period window takes 2 arguments, got 3", 0);
}
END_TEST

START_TEST(test_formula_semantic__window_out_of_place)
{
    refused("1 + 2026..2030",
            "formula '1 + 2026..2030': at offset 4: a period window can only be the last argument of sum(), avg(), count(), min() or max()", 4);
    refused("max([-1..0], 1)",
            "formula 'max([-1..0], 1)': at offset 4: a period window can only be the last argument of sum(), avg(), count(), min() or max()", 4);
    refused("abs(2026..2030)",
            "formula 'abs(2026..2030)': at offset 4: a period window can only be the last argument of sum(), avg(), count(), min() or max()", 4);
}
END_TEST

START_TEST(test_formula_semantic__syntax_error_reported_first)
{
    refused("foo(1) + * 2", "formula 'foo(1) + * 2': at offset 9: expected a value", 9);
}
END_TEST

START_TEST(test_formula_semantic__earliest_reported_first)
{
    refused("abs(bar) + foo(1)",
            "formula 'abs(bar) + foo(1)': at offset 4: unknown name 'bar'; write #{bar} for a data element or I{bar} for an indicator",
            4);
}
END_TEST

/* The window "members": the members of the period evaluated for; one
 * period alone is its own member. */
START_TEST(test_formula_window__members_of_the_current_period)
{
    ck_assert_double_eq_tol(value_at("avg(I{tfp_contribution_share}, members)", "2026..2030"), 58,
                            1e-12);
    ck_assert_double_eq(value_at("sum(I{tfp_contribution_share}, members)", "2026..2027"), 107);
    ck_assert_double_eq(value_at("avg(I{tfp_contribution_share}, members)", "2027"), 55);
    ck_assert_double_eq(value_at("count(I{tfp_contribution_share}, members)", "2029..2031"), 2);
    ck_assert_str_eq(reason_at("avg(I{tfp_contribution_share}, members)", "2029..2031"),
                     "no value: I{tfp_contribution_share} has no value for 2031");
    /* A definition may take the name. */
    ck_assert_double_eq(value_at("let members = 2; members * 3", "2026"), 6);
    /* A window, not a value. */
    r57_formula *f;
    ck_assert_int_eq(r57_formula_compile(&f, "members + 1"), R57_EPARSE);
}
END_TEST

/* ---- the catalogue's formulas against hand computations ---- */

static const char tfp_simple[] =
    "let gY = (#{output} - #{output}[-1]) / #{output}[-1];\n"
    "let gK = (#{capital} - #{capital}[-1]) / #{capital}[-1];\n"
    "let gL = (#{labour} - #{labour}[-1]) / #{labour}[-1];\n"
    "let a = #{capital_share};\n"
    "100 * (gY - a * gK - (1 - a) * gL) / gY";

/*
 * GSO: GDP growth 7.02% in 2019 with a TFP contribution of 46.11%.  With
 * alpha = 0.4 and labour growing 1.5%, capital must grow by g_K where
 * 0.4 g_K + 0.6 * 1.5 = 7.02 - 0.4611 * 7.02, i.e. g_K = 7.207695%:
 * output 1000 -> 1070.2, capital 2000 -> 2144.1539, labour 50 -> 50.75.
 */
START_TEST(test_formula_catalogue__tfp_share_simple_growth)
{
    double v = value_at(tfp_simple, "2019");
    char two[32];
    snprintf(two, sizeof two, "%.2f", v);
    ck_assert_str_eq(two, "46.11");
    ck_assert_double_eq_tol(v, 46.11, 1e-9);
}
END_TEST

START_TEST(test_formula_catalogue__tfp_share_log_growth)
{
    static const char text[] =
        "let gY = ln(#{output} / #{output}[-1]);\n"
        "let gK = ln(#{capital} / #{capital}[-1]);\n"
        "let gL = ln(#{labour} / #{labour}[-1]);\n"
        "let a = #{capital_share};\n"
        "100 * (gY - a * gK - (1 - a) * gL) / gY";
    double gy = log(1070.2 / 1000), gk = log(2144.1539 / 2000), gl = log(50.75 / 50);
    double hand = 100 * (gy - 0.4 * gk - 0.6 * gl) / gy;
    ck_assert_double_eq_tol(value_at(text, "2019"), hand, 1e-12);
    ck_assert_double_eq_tol(hand, 45.80, 0.005);
}
END_TEST

START_TEST(test_formula_catalogue__tfp_share_without_previous_year)
{
    ck_assert_str_eq(reason_at(tfp_simple, "2018"), "no value: #{output} has no value for 2017");
}
END_TEST

START_TEST(test_formula_catalogue__tfp_share_with_zero_growth)
{
    /* 2019 against 2019: gY = 0, so the share is undefined.  The division
     * is (100 * (…)) / gY: '*' and '/' are left-associative. */
    static const char text[] =
        "let gY = (#{output} - #{output}[0]) / #{output}[0];\n"
        "100 * (gY - 0.4 * 0.01) / gY";
    ck_assert_str_eq(reason_at(text, "2019"),
                     "no value: division by zero in '100 * (gY - 0.4 * 0.01) / gY'");
}
END_TEST

/* Revenue 20.5 -> 25 (billion USD): (25 - 20.5) / 20.5 * 100. */
START_TEST(test_formula_catalogue__ecommerce_growth)
{
    double v = value_at("100 * (#{ecommerce_revenue} - #{ecommerce_revenue}[-1]) / #{ecommerce_revenue}[-1]",
                        "2024");
    ck_assert_double_eq_tol(v, 21.951219512195124, 1e-12);
    ck_assert_double_eq_tol(v, 4.5 / 20.5 * 100, 1e-12);
}
END_TEST

START_TEST(test_formula_catalogue__fully_online_share)
{
    ck_assert_double_eq(value_at("100 * #{procedures_fully_online} / #{procedures_total}", "2025"), 45);
}
END_TEST

START_TEST(test_formula_catalogue__tfp_average_over_2026_2030)
{
    EQ("avg(I{tfp_contribution_share}, 2026..2030)", 58);
}
END_TEST

/* ---- allocation ---- */

static long alloc_count, fail_at;

static void *t_malloc(size_t n, void *p)
{
    (void)p;
    return ++alloc_count == fail_at ? NULL : malloc(n);
}

static void *t_realloc(void *ptr, size_t n, void *p)
{
    (void)p;
    return ++alloc_count == fail_at ? NULL : realloc(ptr, n);
}

static void t_free(void *ptr, void *p)
{
    (void)p;
    free(ptr);
}

static void install_counting_allocator(void)
{
    r57_allocator a = { R57_ALLOCATOR_VERSION, t_malloc, t_realloc, t_free, NULL };
    OK(r57_allocator_set(&a));
}

/* Fails the 1st, 2nd, … allocation of compile-and-evaluate until it runs
 * through; each failure must be R57_ENOMEM and leak nothing (checked by
 * LeakSanitizer in the sanitizer build). */
START_TEST(test_formula_alloc__each_failure_reported)
{
    install_counting_allocator();
    int done = 0;
    for (fail_at = 1; !done && fail_at < 1000; fail_at++) {
        alloc_count = 0;
        r57_formula *f = NULL;
        r57_formula_result *r = NULL;
        int rc = r57_formula_compile(&f, tfp_simple);
        if (rc != R57_OK)
            ck_assert_ptr_null(f);
        if (rc == R57_OK && (rc = r57_formula_result_new(&r)) != R57_OK)
            ck_assert_ptr_null(r);
        if (rc == R57_OK)
            rc = r57_formula_eval(r, f, P("2019"), resolve, NULL);
        if (rc == R57_OK) {
            const char *why = r57_formula_result_reason(r);
            ck_assert_str_eq(why, "");
            ck_assert_double_eq_tol(r57_formula_result_value(r), 46.11, 1e-9);
            done = alloc_count < fail_at;
        } else {
            ck_assert_msg(rc == R57_ENOMEM, "allocation %ld: %s", fail_at, r57_err_name(rc));
            ck_assert_str_eq(r57_error_message(r57_error_last()), "out of memory");
        }
        r57_formula_result_free(r);
        r57_formula_free(f);
    }
    ck_assert(done);
    OK(r57_allocator_set(NULL));
}
END_TEST

START_TEST(test_formula_alloc__reason_without_memory)
{
    r57_formula *f = compile("#{missing}");
    r57_formula_result *r;
    OK(r57_formula_result_new(&r));
    OK(r57_formula_eval(r, f, P("2026"), resolve, NULL));
    install_counting_allocator();
    alloc_count = 0;
    fail_at = 1;
    ck_assert_str_eq(r57_formula_result_reason(r), "no value (the reason could not be built: out of memory)");
    fail_at = 0;
    ck_assert_str_eq(r57_formula_result_reason(r), "no value: #{missing} has no value for 2026");
    OK(r57_allocator_set(NULL));
    r57_formula_result_free(r);
    r57_formula_free(f);
}
END_TEST

/* The hot path: once the result has grown, evaluating allocates nothing. */
START_TEST(test_formula_alloc__evaluation_does_not_allocate)
{
    install_counting_allocator();
    fail_at = 0;
    r57_formula *f = compile(tfp_simple);
    r57_formula_result *r;
    OK(r57_formula_result_new(&r));
    OK(r57_formula_eval(r, f, P("2019"), resolve, NULL));
    alloc_count = 0;
    for (int i = 0; i < 1000; i++)
        OK(r57_formula_eval(r, f, P(i % 2 ? "2019" : "2018"), resolve, NULL));
    ck_assert_int_eq(alloc_count, 0);
    r57_formula_result_free(r);
    r57_formula_free(f);
    OK(r57_allocator_set(NULL));
}
END_TEST

/* What is wrong is said whole: an unknown function's name of 400 bytes was
 * cut at 319 bytes of the message (char what[320]); the formula itself is
 * quoted in part on purpose, ending in "...". */
START_TEST(test_formula_error__long_unknown_function_named_whole)
{
    char text[512], want[512];
    memset(text, 'q', 400);
    memcpy(text + 400, "(1)", 4);
    r57_formula *f = NULL;
    ck_assert_int_eq(r57_formula_compile(&f, text), R57_EPARSE);
    ck_assert_ptr_null(f);
    snprintf(want, sizeof want, "unknown function '%.400s'", text);
    const char *msg = r57_error_message(r57_error_last());
    size_t n = strlen(msg), w = strlen(want);
    ck_assert_uint_ge(n, w);
    ck_assert_str_eq(msg + n - w, want);
}
END_TEST

static Suite *formula_suite(void)
{
    Suite *s = suite_create("formula");
    TCase *tc = tcase_create("formula");
    tcase_add_test(tc, test_formula_number__forms);
    tcase_add_test(tc, test_formula_error__long_unknown_function_named_whole);
    tcase_add_test(tc, test_formula_arith__add);
    tcase_add_test(tc, test_formula_arith__subtract);
    tcase_add_test(tc, test_formula_arith__multiply);
    tcase_add_test(tc, test_formula_arith__divide);
    tcase_add_test(tc, test_formula_arith__power);
    tcase_add_test(tc, test_formula_arith__fractional_power);
    tcase_add_test(tc, test_formula_arith__unary_minus);
    tcase_add_test(tc, test_formula_arith__unary_plus);
    tcase_add_test(tc, test_formula_arith__double_negation);
    tcase_add_test(tc, test_formula_arith__blanks_and_newlines_ignored);
    tcase_add_test(tc, test_formula_precedence__multiplication_before_addition);
    tcase_add_test(tc, test_formula_precedence__parentheses);
    tcase_add_test(tc, test_formula_precedence__subtraction_left_associative);
    tcase_add_test(tc, test_formula_precedence__division_left_associative);
    tcase_add_test(tc, test_formula_precedence__power_right_associative);
    tcase_add_test(tc, test_formula_precedence__power_above_unary_minus);
    tcase_add_test(tc, test_formula_precedence__negative_exponent);
    tcase_add_test(tc, test_formula_precedence__power_above_multiplication);
    tcase_add_test(tc, test_formula_precedence__unary_minus_above_multiplication);
    tcase_add_test(tc, test_formula_precedence__comparison_below_arithmetic);
    tcase_add_test(tc, test_formula_precedence__not_below_comparison);
    tcase_add_test(tc, test_formula_precedence__not_above_and);
    tcase_add_test(tc, test_formula_precedence__and_above_or);
    tcase_add_test(tc, test_formula_compare__less);
    tcase_add_test(tc, test_formula_compare__less_or_equal);
    tcase_add_test(tc, test_formula_compare__greater);
    tcase_add_test(tc, test_formula_compare__greater_or_equal);
    tcase_add_test(tc, test_formula_compare__equal_both_spellings);
    tcase_add_test(tc, test_formula_compare__not_equal);
    tcase_add_test(tc, test_formula_compare__exact_not_tolerant);
    tcase_add_test(tc, test_formula_logic__and);
    tcase_add_test(tc, test_formula_logic__or);
    tcase_add_test(tc, test_formula_logic__not);
    tcase_add_test(tc, test_formula_logic__non_zero_is_true);
    tcase_add_test(tc, test_formula_if__true_branch);
    tcase_add_test(tc, test_formula_if__false_branch);
    tcase_add_test(tc, test_formula_if__other_branch_not_resolved);
    tcase_add_test(tc, test_formula_if__other_branch_without_value_is_fine);
    tcase_add_test(tc, test_formula_is_null__missing_and_present);
    tcase_add_test(tc, test_formula_coalesce__first_with_value);
    tcase_add_test(tc, test_formula_coalesce__none_has_value_gives_reason_of_last);
    tcase_add_test(tc, test_formula_coalesce__many_arguments);
    tcase_add_test(tc, test_formula_min__of_arguments);
    tcase_add_test(tc, test_formula_max__of_arguments);
    tcase_add_test(tc, test_formula_abs__negative_and_positive);
    tcase_add_test(tc, test_formula_ln__of_e);
    tcase_add_test(tc, test_formula_ln__value);
    tcase_add_test(tc, test_formula_exp__value);
    tcase_add_test(tc, test_formula_ref__element_value);
    tcase_add_test(tc, test_formula_ref__indicator_value_and_kind);
    tcase_add_test(tc, test_formula_ref__element_and_indicator_are_distinct);
    tcase_add_test(tc, test_formula_ref__code_characters);
    tcase_add_test(tc, test_formula_offset__previous_year);
    tcase_add_test(tc, test_formula_offset__two_back_with_blanks);
    tcase_add_test(tc, test_formula_offset__forward);
    tcase_add_test(tc, test_formula_offset__zero);
    tcase_add_test(tc, test_formula_offset__previous_quarter_across_year);
    tcase_add_test(tc, test_formula_offset__previous_month_across_year);
    tcase_add_test(tc, test_formula_offset__previous_half_year_across_year);
    tcase_add_test(tc, test_formula_offset__range_period_passed_to_resolver);
    tcase_add_test(tc, test_formula_refs__listed_once_in_order_of_appearance);
    tcase_add_test(tc, test_formula_refs__find);
    tcase_add_test(tc, test_formula_refs__none_in_constant_formula);
    tcase_add_test(tc, test_formula_refs__resolver_gets_ref_number);
    tcase_add_test(tc, test_formula_refs__same_ref_and_offset_resolved_once);
    tcase_add_test(tc, test_formula_eval__resolver_error_stops_and_is_returned);
    tcase_add_test(tc, test_formula_eval__resolver_non_finite_value_refused);
    tcase_add_test(tc, test_formula_eval__bad_arguments);
    tcase_add_test(tc, test_formula_eval__result_reused_across_formulas);
    tcase_add_test(tc, test_formula_eval__same_result_new_period_not_cached);
    tcase_add_test(tc, test_formula_result__before_any_evaluation_and_null);
    tcase_add_test(tc, test_formula_result__with_value_has_empty_reason);
    tcase_add_test(tc, test_formula_window__sum_of_years);
    tcase_add_test(tc, test_formula_window__avg_of_years);
    tcase_add_test(tc, test_formula_window__min_and_max_of_years);
    tcase_add_test(tc, test_formula_window__count_with_values);
    tcase_add_test(tc, test_formula_window__absolute_ignores_evaluation_period);
    tcase_add_test(tc, test_formula_window__relative_to_evaluation_period);
    tcase_add_test(tc, test_formula_window__relative_in_quarters);
    tcase_add_test(tc, test_formula_window__quarter_range);
    tcase_add_test(tc, test_formula_window__half_year_range);
    tcase_add_test(tc, test_formula_window__relative_in_half_years);
    tcase_add_test(tc, test_formula_window__month_range);
    tcase_add_test(tc, test_formula_window__of_an_expression);
    tcase_add_test(tc, test_formula_window__offset_inside_window);
    tcase_add_test(tc, test_formula_window__nested_windows);
    tcase_add_test(tc, test_formula_window__let_name_evaluated_per_member);
    tcase_add_test(tc, test_formula_window__missing_member_gives_no_value);
    tcase_add_test(tc, test_formula_window__member_outside_years);
    tcase_add_test(tc, test_formula_window__average_over_2026_2030);
    tcase_add_test(tc, test_formula_novalue__missing_element);
    tcase_add_test(tc, test_formula_novalue__missing_previous_period);
    tcase_add_test(tc, test_formula_novalue__missing_indicator);
    tcase_add_test(tc, test_formula_novalue__value_is_nan);
    tcase_add_test(tc, test_formula_novalue__division_by_zero);
    tcase_add_test(tc, test_formula_novalue__division_by_zero_quotes_the_division_only);
    tcase_add_test(tc, test_formula_novalue__zero_to_negative_power);
    tcase_add_test(tc, test_formula_novalue__ln_of_zero_or_negative);
    tcase_add_test(tc, test_formula_novalue__overflow);
    tcase_add_test(tc, test_formula_novalue__no_real_result);
    tcase_add_test(tc, test_formula_novalue__offset_outside_years);
    tcase_add_test(tc, test_formula_novalue__propagates_through_operators_and_functions);
    tcase_add_test(tc, test_formula_novalue__first_cause_is_reported);
    tcase_add_test(tc, test_formula_novalue__condition_without_value);
    tcase_add_test(tc, test_formula_novalue__false_and_decides);
    tcase_add_test(tc, test_formula_novalue__true_or_decides);
    tcase_add_test(tc, test_formula_novalue__short_circuit_skips_resolver);
    tcase_add_test(tc, test_formula_novalue__division_guarded_by_if);
    tcase_add_test(tc, test_formula_let__name_stands_for_its_expression);
    tcase_add_test(tc, test_formula_let__later_names_use_earlier_ones);
    tcase_add_test(tc, test_formula_let__reason_quotes_the_definition);
    tcase_add_test(tc, test_formula_let__refs_listed);
    tcase_add_test(tc, test_formula_let__already_defined);
    tcase_add_test(tc, test_formula_let__not_used);
    tcase_add_test(tc, test_formula_let__reserved_word);
    tcase_add_test(tc, test_formula_let__cannot_refer_to_itself);
    tcase_add_test(tc, test_formula_let__missing_semicolon);
    tcase_add_test(tc, test_formula_let__missing_equals);
    tcase_add_test(tc, test_formula_let__missing_name);
    tcase_add_test(tc, test_formula_let__only_definitions);
    tcase_add_test(tc, test_formula_syntax__operator_where_value_expected);
    tcase_add_test(tc, test_formula_syntax__empty);
    tcase_add_test(tc, test_formula_syntax__trailing_operator);
    tcase_add_test(tc, test_formula_syntax__two_values_in_a_row);
    tcase_add_test(tc, test_formula_syntax__unmatched_close_paren);
    tcase_add_test(tc, test_formula_syntax__unclosed_paren);
    tcase_add_test(tc, test_formula_syntax__paren_closed_by_something_else);
    tcase_add_test(tc, test_formula_syntax__unclosed_call);
    tcase_add_test(tc, test_formula_syntax__arguments_without_comma);
    tcase_add_test(tc, test_formula_syntax__missing_argument);
    tcase_add_test(tc, test_formula_syntax__unclosed_element_brace);
    tcase_add_test(tc, test_formula_syntax__unclosed_indicator_brace);
    tcase_add_test(tc, test_formula_syntax__empty_reference);
    tcase_add_test(tc, test_formula_syntax__blank_in_reference);
    tcase_add_test(tc, test_formula_syntax__reference_code_too_long);
    tcase_add_test(tc, test_formula_syntax__hash_without_brace);
    tcase_add_test(tc, test_formula_syntax__unexpected_character);
    tcase_add_test(tc, test_formula_syntax__non_ascii_byte);
    tcase_add_test(tc, test_formula_syntax__chained_comparison);
    tcase_add_test(tc, test_formula_syntax__keyword_as_value);
    tcase_add_test(tc, test_formula_syntax__number_too_large);
    tcase_add_test(tc, test_formula_syntax__offset_after_non_reference);
    tcase_add_test(tc, test_formula_syntax__two_offsets);
    tcase_add_test(tc, test_formula_syntax__window_as_offset);
    tcase_add_test(tc, test_formula_syntax__offset_not_a_number);
    tcase_add_test(tc, test_formula_syntax__offset_too_far);
    tcase_add_test(tc, test_formula_syntax__offset_not_closed);
    tcase_add_test(tc, test_formula_syntax__window_backwards);
    tcase_add_test(tc, test_formula_syntax__window_without_dots);
    tcase_add_test(tc, test_formula_syntax__bad_period_in_window);
    tcase_add_test(tc, test_formula_syntax__nested_too_deeply);
    tcase_add_test(tc, test_formula_syntax__too_many_operators_in_a_chain);
    tcase_add_test(tc, test_formula_syntax__names_expand_too_large);
    tcase_add_test(tc, test_formula_syntax__position_on_later_line);
    tcase_add_test(tc, test_formula_syntax__null_and_overlong_text);
    tcase_add_test(tc, test_formula_semantic__unknown_function);
    tcase_add_test(tc, test_formula_semantic__unknown_name);
    tcase_add_test(tc, test_formula_semantic__function_without_call);
    tcase_add_test(tc, test_formula_semantic__if_arity);
    tcase_add_test(tc, test_formula_semantic__one_argument_functions_arity);
    tcase_add_test(tc, test_formula_semantic__variadic_needs_one);
    tcase_add_test(tc, test_formula_semantic__aggregation_without_window);
    tcase_add_test(tc, test_formula_semantic__window_with_extra_argument);
    tcase_add_test(tc, test_formula_semantic__window_out_of_place);
    tcase_add_test(tc, test_formula_semantic__syntax_error_reported_first);
    tcase_add_test(tc, test_formula_semantic__earliest_reported_first);
    tcase_add_test(tc, test_formula_window__members_of_the_current_period);
    tcase_add_test(tc, test_formula_catalogue__tfp_share_simple_growth);
    tcase_add_test(tc, test_formula_catalogue__tfp_share_log_growth);
    tcase_add_test(tc, test_formula_catalogue__tfp_share_without_previous_year);
    tcase_add_test(tc, test_formula_catalogue__tfp_share_with_zero_growth);
    tcase_add_test(tc, test_formula_catalogue__ecommerce_growth);
    tcase_add_test(tc, test_formula_catalogue__fully_online_share);
    tcase_add_test(tc, test_formula_catalogue__tfp_average_over_2026_2030);
    tcase_add_test(tc, test_formula_alloc__each_failure_reported);
    tcase_add_test(tc, test_formula_alloc__reason_without_memory);
    tcase_add_test(tc, test_formula_alloc__evaluation_does_not_allocate);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(formula_suite());
}
