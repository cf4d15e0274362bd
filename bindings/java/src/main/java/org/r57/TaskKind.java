package org.r57;

/**
 * The kinds of task a document's evidence rule distinguishes
 * ({@code r57_task_kind_t}): one-off (a dated deadline, or none) and
 * regular (monthly, quarterly, annual).
 */
public enum TaskKind {
    ONE_OFF(capiConstants.R57_TASK_KIND_ONE_OFF),
    REGULAR(capiConstants.R57_TASK_KIND_REGULAR);

    private final int code;

    TaskKind(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
