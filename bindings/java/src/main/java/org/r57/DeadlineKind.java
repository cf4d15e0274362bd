package org.r57;

/**
 * The kind of a deadline as written ({@code r57_deadline_kind_t}).  MONTHLY, QUARTERLY,
 * HALF_YEARLY and ANNUALLY are regular; ONGOING, EVENT and VAGUE, like NONE, have no due date.
 */
public enum DeadlineKind {
    NONE(capiConstants.R57_DEADLINE_NONE),
    DAY(capiConstants.R57_DEADLINE_DAY),
    MONTH(capiConstants.R57_DEADLINE_MONTH),
    QUARTER(capiConstants.R57_DEADLINE_QUARTER),
    YEAR(capiConstants.R57_DEADLINE_YEAR),
    MONTHLY(capiConstants.R57_DEADLINE_MONTHLY),
    QUARTERLY(capiConstants.R57_DEADLINE_QUARTERLY),
    ANNUALLY(capiConstants.R57_DEADLINE_ANNUALLY),
    HALF(capiConstants.R57_DEADLINE_HALF),
    ONGOING(capiConstants.R57_DEADLINE_ONGOING),
    EVENT(capiConstants.R57_DEADLINE_EVENT),
    VAGUE(capiConstants.R57_DEADLINE_VAGUE),
    HALF_YEARLY(capiConstants.R57_DEADLINE_HALF_YEARLY),
    RANGE(capiConstants.R57_DEADLINE_RANGE);

    private final int code;

    DeadlineKind(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_deadline_kind_name(code);
    }

    /** Whether the deadline recurs (monthly, quarterly, half-yearly, annually). */
    public boolean isRegular() {
        return capi.r57_deadline_kind_is_regular(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static DeadlineKind of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static DeadlineKind parse(String label) {
        return Labels.byLabel(values(), label, DeadlineKind::label);
    }
}
