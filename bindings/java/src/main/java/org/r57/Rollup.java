package org.r57;

/** Whose values an indicator of a unit uses ({@code r57_rollup_t}). */
public enum Rollup {
    OWN(capiConstants.R57_ROLLUP_OWN),
    SUBUNITS(capiConstants.R57_ROLLUP_SUBUNITS),
    BOTH(capiConstants.R57_ROLLUP_BOTH);

    private final int code;

    Rollup(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_rollup_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Rollup of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Rollup parse(String label) {
        int[] out = new int[1];
        capi.r57_rollup_parse(out, label);
        return of(out[0]);
    }
}
