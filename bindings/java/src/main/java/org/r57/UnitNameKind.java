package org.r57;

/** The kinds of name a unit is known by ({@code r57_unit_name_kind_t}): "name", "en", "alias", "predecessor". */
public enum UnitNameKind {
    /** The unit's own name ({@link Unit#name()}). */
    NAME(capiConstants.R57_UNIT_NAME_PRIMARY),
    /** Its English name. */
    ENGLISH(capiConstants.R57_UNIT_NAME_ENGLISH),
    /** An alias or abbreviation. */
    ALIAS(capiConstants.R57_UNIT_NAME_ALIAS),
    /** A name of a unit merged into it. */
    PREDECESSOR(capiConstants.R57_UNIT_NAME_PREDECESSOR);

    private final int code;

    UnitNameKind(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_unit_name_kind_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static UnitNameKind of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static UnitNameKind parse(String label) {
        int[] out = new int[1];
        capi.r57_unit_name_kind_parse(out, label);
        return of(out[0]);
    }
}
