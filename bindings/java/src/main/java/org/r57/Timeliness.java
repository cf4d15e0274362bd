package org.r57;

/** Where a task stands against its deadline ({@code r57_timeliness_t}). */
public enum Timeliness {
    NO_DEADLINE(capiConstants.R57_TIMELINESS_NO_DEADLINE),
    ON_TRACK(capiConstants.R57_TIMELINESS_ON_TRACK),
    DUE_SOON(capiConstants.R57_TIMELINESS_DUE_SOON),
    OVERDUE(capiConstants.R57_TIMELINESS_OVERDUE),
    DONE_ON_TIME(capiConstants.R57_TIMELINESS_DONE_ON_TIME),
    DONE_LATE(capiConstants.R57_TIMELINESS_DONE_LATE),
    CANCELLED(capiConstants.R57_TIMELINESS_CANCELLED);

    private final int code;

    Timeliness(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_timeliness_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Timeliness of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Timeliness parse(String label) {
        return Labels.byLabel(values(), label, Timeliness::label);
    }
}
