package org.r57;

/**
 * A new indicator ({@code r57_indicator_spec}): a {@link #formula} or a
 * {@link #ratio}, with direction and roll-up (docs/kpi.md).
 */
public final class IndicatorSpec {
    final String code;
    final String name;
    String measure;
    Direction direction = Direction.HIGHER_IS_BETTER;
    String formula;
    String numerator;
    String denominator;
    double factor;
    Rollup rollup = Rollup.BOTH;
    String description;

    private IndicatorSpec(String code, String name) {
        this.code = code;
        this.name = name;
    }

    public static IndicatorSpec of(String code, String name) {
        return new IndicatorSpec(code, name);
    }

    public IndicatorSpec formula(String v) {
        formula = v;
        return this;
    }

    /** numerator / denominator × factor (0: the library's default). */
    public IndicatorSpec ratio(String numeratorElement, String denominatorElement, double factor) {
        numerator = numeratorElement;
        denominator = denominatorElement;
        this.factor = factor;
        return this;
    }

    public IndicatorSpec measure(String v) {
        measure = v;
        return this;
    }

    public IndicatorSpec direction(Direction v) {
        direction = v;
        return this;
    }

    public IndicatorSpec rollup(Rollup v) {
        rollup = v;
        return this;
    }

    public IndicatorSpec description(String v) {
        description = v;
        return this;
    }
}
