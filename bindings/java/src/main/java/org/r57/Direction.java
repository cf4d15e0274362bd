package org.r57;

/** Whether higher or lower values of an indicator are better ({@code r57_direction_t}). */
public enum Direction {
    HIGHER_IS_BETTER(capiConstants.R57_HIGHER_IS_BETTER),
    LOWER_IS_BETTER(capiConstants.R57_LOWER_IS_BETTER);

    private final int code;

    Direction(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_direction_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Direction of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Direction parse(String label) {
        int[] out = new int[1];
        capi.r57_direction_parse(out, label);
        return of(out[0]);
    }
}
