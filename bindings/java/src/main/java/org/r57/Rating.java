package org.r57;

/** The rating of a unit's scorecard, from not done to excellent ({@code r57_rating_t}). No rating (nothing fell due) is {@code Optional.empty()}. */
public enum Rating {
    NOT_DONE(capiConstants.R57_RATING_NOT_DONE),
    DONE(capiConstants.R57_RATING_DONE),
    WELL_DONE(capiConstants.R57_RATING_WELL_DONE),
    EXCELLENT(capiConstants.R57_RATING_EXCELLENT);

    private final int code;

    Rating(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_rating_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Rating of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Rating parse(String label) {
        return Labels.byLabel(values(), label, Rating::label);
    }
}
