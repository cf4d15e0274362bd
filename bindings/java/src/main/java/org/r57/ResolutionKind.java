package org.r57;

/** What a who-text names ({@code r57_resolution_kind_t}; r57/resolve.h). */
public enum ResolutionKind {
    /** No text. */
    NONE(capiConstants.R57_RESOLUTION_NONE),
    /** One registered unit leads. */
    UNIT(capiConstants.R57_RESOLUTION_UNIT),
    /** A named person, no unit. */
    PERSON(capiConstants.R57_RESOLUTION_PERSON),
    /** Two or more bodies lead jointly. */
    JOINT(capiConstants.R57_RESOLUTION_JOINT),
    /** A class or group of bodies. */
    COLLECTIVE(capiConstants.R57_RESOLUTION_COLLECTIVE),
    /** A named body not in the registry. */
    UNKNOWN(capiConstants.R57_RESOLUTION_UNKNOWN),
    /** A post several people hold, unnamed. */
    SEVERAL(capiConstants.R57_RESOLUTION_SEVERAL),
    /** Names no body. */
    VAGUE(capiConstants.R57_RESOLUTION_VAGUE);

    private final int code;

    ResolutionKind(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_resolution_kind_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static ResolutionKind of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static ResolutionKind parse(String label) {
        return Labels.byLabel(values(), label, ResolutionKind::label);
    }
}
