package org.r57;

/** The change is not allowed in the current state (R57_ESTATE), e.g. done to assigned. */
public class StateException extends R57Exception {
    private static final long serialVersionUID = 1L;

    StateException(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(code, message, line, column, offset, sqliteCode);
    }

    StateException(int code, String message) {
        super(code, message);
    }
}
