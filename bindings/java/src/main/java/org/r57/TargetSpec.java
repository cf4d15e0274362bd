package org.r57;

/**
 * A target of an indicator: a comparison and value, for a period (or any),
 * for the scope its source gives (a unit, a unit and its sub-units, a unit
 * group or each of its members; none: every unit), each period of a range
 * or their average.
 */
public final class TargetSpec {
    final String indicator;
    final Comparison comparison;
    final double value;
    String period;
    String unit;
    String group;
    TargetBinds binds;
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

    /** The unit and every unit below it ("the Ministry and its subordinate agencies"). */
    public TargetSpec unitAndSubunits(String code) {
        unit = code;
        binds = TargetBinds.SUBUNITS;
        return this;
    }

    /** A unit group as a whole. */
    public TargetSpec group(String code) {
        group = code;
        binds = TargetBinds.GROUP;
        return this;
    }

    /** Each member of a unit group ("provinces"), not the group. */
    public TargetSpec eachMemberOf(String code) {
        group = code;
        binds = TargetBinds.MEMBERS;
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
