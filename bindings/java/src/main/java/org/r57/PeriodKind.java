package org.r57;

/** The kind of a reporting period ({@code r57_period_kind_t}). */
public enum PeriodKind {
    YEAR(capiConstants.R57_PERIOD_YEAR),
    QUARTER(capiConstants.R57_PERIOD_QUARTER),
    MONTH(capiConstants.R57_PERIOD_MONTH),
    RANGE(capiConstants.R57_PERIOD_RANGE),
    HALF(capiConstants.R57_PERIOD_HALF);

    private final int code;

    PeriodKind(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_period_kind_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static PeriodKind of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static PeriodKind parse(String label) {
        return Labels.byLabel(values(), label, PeriodKind::label);
    }
}
