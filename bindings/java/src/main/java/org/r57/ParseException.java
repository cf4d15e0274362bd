package org.r57;

/** Text that could not be parsed (R57_EPARSE): {@link #line()}, {@link #column()} and {@link #offset()} say where. */
public class ParseException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    ParseException(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(code, message, line, column, offset, sqliteCode);
    }

    ParseException(int code, String message) {
        super(code, message);
    }
}
