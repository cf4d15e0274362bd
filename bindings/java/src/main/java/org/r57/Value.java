package org.r57;

/** A stored value of a data element for a unit and period (a copy). */
public record Value(String element, String unit, String period, double value, String source,
                    String reportedBy) {
    static Value read(long v) {
        return new Value(capi.r57_value_element(v), capi.r57_value_unit(v), Period.text(capi.r57_value_period(v)),
                capi.r57_value_number(v), capi.r57_value_source(v), capi.r57_value_reported_by(v));
    }
}
