package org.r57;

/**
 * A target of an indicator: a comparison and value, for a period (or any),
 * for one unit (or all), each period of a range or their average.
 */
public final class TargetSpec {
    final String indicator;
    final Comparison comparison;
    final double value;
    String period;
    String unit;
    boolean average;
    String scope;
    String source;

    private TargetSpec(String indicator, Comparison comparison, double value) {
        this.indicator = indicator;
        this.comparison = comparison;
        this.value = value;
    }

    public static TargetSpec of(String indicator, Comparison comparison, double value) {
        return new TargetSpec(indicator, comparison, value);
    }

    public TargetSpec period(String p) {
        period = p;
        return this;
    }

    public TargetSpec unit(String code) {
        unit = code;
        return this;
    }

    /** Judge the average over the range instead of each period. */
    public TargetSpec average(boolean v) {
        average = v;
        return this;
    }

    public TargetSpec scope(String v) {
        scope = v;
        return this;
    }

    public TargetSpec source(String v) {
        source = v;
        return this;
    }
}
