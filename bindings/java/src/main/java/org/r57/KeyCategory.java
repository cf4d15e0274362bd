package org.r57;

/** The category of a key political task ({@code r57_key_category_t}; docs/scorecards.md). Not being key is {@code Optional.empty()}. */
public enum KeyCategory {
    PUBLIC_INVESTMENT(capiConstants.R57_KEY_PUBLIC_INVESTMENT),
    DIGITAL_TRANSFORMATION(capiConstants.R57_KEY_DIGITAL_TRANSFORMATION),
    SCIENCE_TECHNOLOGY(capiConstants.R57_KEY_SCIENCE_TECHNOLOGY);

    private final int code;

    KeyCategory(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_key_category_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static KeyCategory of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static KeyCategory parse(String label) {
        int[] out = new int[1];
        capi.r57_key_category_parse(out, label);
        return of(out[0]);
    }
}
