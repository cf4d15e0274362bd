package org.r57;

/** The named object does not exist (R57_ENOTFOUND). */
public class NotFoundException extends R57Exception {
    private static final long serialVersionUID = 1L;

    NotFoundException(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(code, message, line, column, offset, sqliteCode);
    }

    NotFoundException(int code, String message) {
        super(code, message);
    }
}
