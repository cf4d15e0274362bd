package org.r57;

/** The status of a task ({@code r57_task_status_t}); the allowed transitions are the library's. */
public enum TaskStatus {
    ASSIGNED(capiConstants.R57_STATUS_ASSIGNED),
    IN_PROGRESS(capiConstants.R57_STATUS_IN_PROGRESS),
    SUBMITTED(capiConstants.R57_STATUS_SUBMITTED),
    DONE(capiConstants.R57_STATUS_DONE),
    CANCELLED(capiConstants.R57_STATUS_CANCELLED);

    private final int code;

    TaskStatus(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_task_status_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static TaskStatus of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static TaskStatus parse(String label) {
        int[] out = new int[1];
        capi.r57_task_status_parse(out, label);
        return of(out[0]);
    }
}
