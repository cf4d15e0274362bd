package org.r57;

/** The kind of a unit ({@code r57_unit_kind_t}). */
public enum UnitKind {
    NATION(capiConstants.R57_UNIT_NATION),
    MINISTRY(capiConstants.R57_UNIT_MINISTRY),
    PROVINCE(capiConstants.R57_UNIT_PROVINCE),
    DEPARTMENT(capiConstants.R57_UNIT_DEPARTMENT),
    COMMUNE(capiConstants.R57_UNIT_COMMUNE),
    OTHER(capiConstants.R57_UNIT_OTHER),
    /** The Government, the Prime Minister. */
    GOVERNMENT(capiConstants.R57_UNIT_GOVERNMENT),
    /** A government agency (academy, national media). */
    AGENCY(capiConstants.R57_UNIT_AGENCY),
    /** A Party committee, office or steering committee. */
    PARTY_BODY(capiConstants.R57_UNIT_PARTY_BODY),
    /** The National Assembly, courts, procuracy, State Audit. */
    STATE_BODY(capiConstants.R57_UNIT_STATE_BODY),
    /** The Fatherland Front and mass organisations. */
    MASS_ORGANISATION(capiConstants.R57_UNIT_MASS_ORGANISATION),
    UNIVERSITY(capiConstants.R57_UNIT_UNIVERSITY);

    private final int code;

    UnitKind(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_unit_kind_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static UnitKind of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static UnitKind parse(String label) {
        int[] out = new int[1];
        capi.r57_unit_kind_parse(out, label);
        return of(out[0]);
    }
}
