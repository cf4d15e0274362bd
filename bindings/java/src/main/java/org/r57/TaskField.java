package org.r57;

/** The task fields {@link Database#updateTask} can change ({@code r57_task_field_t}). */
public enum TaskField {
    TITLE(capiConstants.R57_FIELD_TITLE),
    OWNER_UNIT(capiConstants.R57_FIELD_OWNER_UNIT),
    OWNER(capiConstants.R57_FIELD_OWNER),
    OWNER_PERSON(capiConstants.R57_FIELD_OWNER_PERSON),
    ACCOUNTABILITY_UNIT(capiConstants.R57_FIELD_ACCOUNTABILITY_UNIT),
    ACCOUNTABILITY(capiConstants.R57_FIELD_ACCOUNTABILITY),
    PRODUCT(capiConstants.R57_FIELD_PRODUCT),
    AUTHORITY_UNIT(capiConstants.R57_FIELD_AUTHORITY_UNIT),
    AUTHORITY(capiConstants.R57_FIELD_AUTHORITY),
    DEADLINE(capiConstants.R57_FIELD_DEADLINE),
    COORDINATING(capiConstants.R57_FIELD_COORDINATING);

    private final int code;

    TaskField(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_task_field_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static TaskField of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static TaskField parse(String label) {
        return Labels.byLabel(values(), label, TaskField::label);
    }
}
