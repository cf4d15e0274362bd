package org.r57;

/** The actor lacks the right to do this (R57_EPERM). */
public class PermissionDeniedException extends R57Exception {
    private static final long serialVersionUID = 1L;

    PermissionDeniedException(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(code, message, line, column, offset, sqliteCode);
    }

    PermissionDeniedException(int code, String message) {
        super(code, message);
    }
}
