package org.r57;

/** An object with that key exists already (R57_EEXISTS). */
public class AlreadyExistsException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    AlreadyExistsException(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(code, message, line, column, offset, sqliteCode);
    }

    AlreadyExistsException(int code, String message) {
        super(code, message);
    }
}
