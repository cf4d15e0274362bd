package org.r57;

/** The comparison of a target, e.g. ">=" ({@code r57_comparison_t}). */
public enum Comparison {
    GE(capiConstants.R57_CMP_GE),
    GT(capiConstants.R57_CMP_GT),
    EQ(capiConstants.R57_CMP_EQ),
    LE(capiConstants.R57_CMP_LE),
    LT(capiConstants.R57_CMP_LT);

    private final int code;

    Comparison(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_comparison_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Comparison of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Comparison parse(String label) {
        int[] out = new int[1];
        capi.r57_comparison_parse(out, label);
        return of(out[0]);
    }
}
