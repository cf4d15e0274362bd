package org.r57;

/**
 * How clear one of the six fields is ({@code r57_clarity_t}). {@link #IMPLIED}
 * (not written, supplied by a rule in force, e.g. the accountability rule)
 * counts as clear in {@link Verdict#isClear()}.
 */
public enum Clarity {
    CLEAR(capiConstants.R57_CLARITY_CLEAR),
    MISSING(capiConstants.R57_CLARITY_MISSING),
    VAGUE(capiConstants.R57_CLARITY_VAGUE),
    IMPLIED(capiConstants.R57_CLARITY_IMPLIED);

    private final int code;

    Clarity(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_clarity_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Clarity of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Clarity parse(String label) {
        return Labels.byLabel(values(), label, Clarity::label);
    }
}
