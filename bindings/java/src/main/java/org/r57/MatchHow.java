package org.r57;

/** How a resolved text found a unit ({@code r57_match_how_t}): by a kind of name, or by its code. */
public enum MatchHow {
    NAME(capiConstants.R57_MATCH_NAME),
    ENGLISH(capiConstants.R57_MATCH_ENGLISH),
    ALIAS(capiConstants.R57_MATCH_ALIAS),
    /** The name of a unit merged into it. */
    PREDECESSOR(capiConstants.R57_MATCH_PREDECESSOR),
    CODE(capiConstants.R57_MATCH_CODE);

    private final int code;

    MatchHow(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_match_how_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static MatchHow of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static MatchHow parse(String label) {
        return Labels.byLabel(values(), label, MatchHow::label);
    }
}
