package org.r57;

/** The kind of a unit ({@code r57_unit_kind_t}). */
public enum UnitKind {
    NATION(capiConstants.R57_UNIT_NATION),
    MINISTRY(capiConstants.R57_UNIT_MINISTRY),
    PROVINCE(capiConstants.R57_UNIT_PROVINCE),
    DEPARTMENT(capiConstants.R57_UNIT_DEPARTMENT),
    COMMUNE(capiConstants.R57_UNIT_COMMUNE),
    OTHER(capiConstants.R57_UNIT_OTHER);

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
