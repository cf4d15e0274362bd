/* r57.h compiles alone under strict C11 and links against nothing.  As C++
 * it also shows that the signatures carry their types (docs/design.md,
 * "API"): in C++ an enum is a type of its own, so these would fail on a
 * plain int (decltype evaluates nothing, so nothing is linked). */
#include <r57.h>

#include <type_traits>

#define R57_TYPE_IS(expr, type) static_assert(std::is_same<decltype(expr), type>::value, #expr)

R57_TYPE_IS(r57_task_status(nullptr), r57_task_status_t);
R57_TYPE_IS(&r57_task_status_parse, int (*)(r57_task_status_t *, const char *));
R57_TYPE_IS(&r57_task_set_status,
            int (*)(r57_db *, const char *, r57_task *, r57_task_status_t, r57_date));
R57_TYPE_IS(&r57_task_timeliness, int (*)(r57_timeliness_t *, r57_date *, r57_db *,
                                          const r57_task *, r57_date, int));
R57_TYPE_IS(r57_unit_kind(nullptr), r57_unit_kind_t);
R57_TYPE_IS(r57_deadline_kind_is_regular(R57_DEADLINE_MONTHLY), bool);
R57_TYPE_IS(r57_verdict_clarity(nullptr, R57_CLEAR_OWNER), r57_clarity_t);
R57_TYPE_IS(r57_attainment_comparison(nullptr), r57_comparison_t);
R57_TYPE_IS(r57_scorecard_rating(nullptr), r57_rating_t);
R57_TYPE_IS(&r57_actor_has_role,
            int (*)(bool *, r57_db *, const char *, r57_role_t, const char *));
R57_TYPE_IS(r57_period_kind(R57_PERIOD_NONE), r57_period_kind_t);
R57_TYPE_IS(r57_period_count(R57_PERIOD_NONE), size_t);
R57_TYPE_IS(r57_period_contains(R57_PERIOD_NONE, R57_PERIOD_NONE), bool);
R57_TYPE_IS(r57_value_period(nullptr), r57_period);
R57_TYPE_IS(r57_formula_ref_count(nullptr), size_t);
R57_TYPE_IS(&r57_formula_eval, int (*)(r57_formula_result *, const r57_formula *, r57_period,
                                       r57_formula_resolve_fn, void *));

int main(void)
{
    return R57_OK + (R57_VERSION_NUMBER > 0 ? 0 : 1);
}
