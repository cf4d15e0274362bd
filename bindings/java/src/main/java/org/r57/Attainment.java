package org.r57;

import java.util.Optional;
import java.util.OptionalDouble;

/** Whether an indicator meets its target for a unit and period, and by how much. */
public record Attainment(String indicator, String unit, String period, AttainmentStatus status,
                         OptionalDouble value, OptionalDouble target, Optional<Comparison> comparison,
                         OptionalDouble gap, String reason) {
    static Attainment read(String indicator, String unit, String period, long a) {
        int cmp = capi.r57_attainment_comparison(a);
        return new Attainment(indicator, unit, period, AttainmentStatus.of(capi.r57_attainment_status(a)),
                KpiValue.opt(capi.r57_attainment_value(a)), KpiValue.opt(capi.r57_attainment_target(a)),
                cmp >= 0 ? Optional.of(Comparison.of(cmp)) : Optional.empty(),
                KpiValue.opt(capi.r57_attainment_gap(a)), capi.r57_attainment_reason(a));
    }
}
