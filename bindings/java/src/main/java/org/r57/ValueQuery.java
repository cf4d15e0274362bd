package org.r57;

/** Which values {@link Database#values(ValueQuery)} visits. Empty: all. */
public final class ValueQuery {
    String element;
    String unit;
    boolean includeSubunits = true;
    String period;

    public static ValueQuery all() {
        return new ValueQuery();
    }

    public ValueQuery element(String code) {
        element = code;
        return this;
    }

    public ValueQuery unit(String code) {
        unit = code;
        return this;
    }

    public ValueQuery includeSubunits(boolean v) {
        includeSubunits = v;
        return this;
    }

    /** A period or range as text, e.g. "2026" or "2025..2030". */
    public ValueQuery period(String p) {
        period = p;
        return this;
    }
}
