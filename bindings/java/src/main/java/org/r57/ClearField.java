package org.r57;

/** The six fields of the "6 clear" rule ({@code r57_clear_field_t}). */
public enum ClearField {
    OWNER(capiConstants.R57_CLEAR_OWNER),
    TASK(capiConstants.R57_CLEAR_TASK),
    DEADLINE(capiConstants.R57_CLEAR_DEADLINE),
    ACCOUNTABILITY(capiConstants.R57_CLEAR_ACCOUNTABILITY),
    PRODUCT(capiConstants.R57_CLEAR_PRODUCT),
    AUTHORITY(capiConstants.R57_CLEAR_AUTHORITY);

    private final int code;

    ClearField(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_clear_field_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static ClearField of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static ClearField parse(String label) {
        return Labels.byLabel(values(), label, ClearField::label);
    }
}
