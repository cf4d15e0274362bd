package org.r57;

import java.util.OptionalDouble;

/**
 * The value of an indicator for a unit and period, or none with the
 * library's reason (a missing value, a division by zero…). Numerator and
 * denominator are given for ratio indicators evaluated one by one.
 */
public record KpiValue(String indicator, String unit, String period, OptionalDouble value,
                       OptionalDouble numerator, OptionalDouble denominator, String reason) {
    static OptionalDouble opt(double x) {
        return Double.isNaN(x) ? OptionalDouble.empty() : OptionalDouble.of(x);
    }
}
