package org.r57;

/** Bad input: an invalid argument (R57_EINVAL), objects that do not fit together (R57_ECONFLICT), definitions in a cycle (R57_ECYCLE); the subclasses {@link ParseException} and {@link AlreadyExistsException} narrow it. */
public class InvalidInputException extends R57Exception {
    private static final long serialVersionUID = 1L;

    InvalidInputException(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(code, message, line, column, offset, sqliteCode);
    }

    InvalidInputException(int code, String message) {
        super(code, message);
    }
}
