package org.r57;

/** How a data element's values roll up to parent units ({@code r57_aggregation_t}). */
public enum Aggregation {
    SUM(capiConstants.R57_AGG_SUM),
    MEAN(capiConstants.R57_AGG_MEAN),
    INHERIT(capiConstants.R57_AGG_INHERIT);

    private final int code;

    Aggregation(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_aggregation_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Aggregation of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Aggregation parse(String label) {
        int[] out = new int[1];
        capi.r57_aggregation_parse(out, label);
        return of(out[0]);
    }
}
