package org.r57;

/** Whether a target is met ({@code r57_attainment_status_t}). */
public enum AttainmentStatus {
    MET(capiConstants.R57_ATTAINMENT_MET),
    NOT_MET(capiConstants.R57_ATTAINMENT_NOT_MET),
    NO_DATA(capiConstants.R57_ATTAINMENT_NO_DATA),
    NO_TARGET(capiConstants.R57_ATTAINMENT_NO_TARGET);

    private final int code;

    AttainmentStatus(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_attainment_status_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static AttainmentStatus of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static AttainmentStatus parse(String label) {
        return Labels.byLabel(values(), label, AttainmentStatus::label);
    }
}
