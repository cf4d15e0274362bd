package org.r57;

/**
 * An indicator's definition (a copy): either a {@code formula}, or a
 * {@code numerator} / {@code denominator} times {@code factor}.
 */
public record Indicator(String code, String name, String measure, Direction direction, String formula,
                        String numerator, String denominator, double factor, Rollup rollup,
                        String description) {
    static Indicator read(long i) {
        return new Indicator(capi.r57_indicator_code(i), capi.r57_indicator_name(i), capi.r57_indicator_measure(i),
                Direction.of(capi.r57_indicator_direction(i)), capi.r57_indicator_formula(i),
                capi.r57_indicator_numerator(i), capi.r57_indicator_denominator(i), capi.r57_indicator_factor(i),
                Rollup.of(capi.r57_indicator_rollup(i)), capi.r57_indicator_description(i));
    }
}
