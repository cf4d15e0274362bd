package org.r57;

/**
 * An error reported by libr57: its {@link #code() code}, the library's
 * message (which names the input that was wrong), and for parsers the
 * line, column and byte offset.
 *
 * <p>Unchecked, like the exceptions of java.time and java.nio.file's
 * {@code UncheckedIOException}: nearly every call can fail (bad input, a
 * full disk), a caller rarely recovers at the call site, and checked
 * exceptions would not pass through streams and lambdas. A portal catches
 * {@code R57Exception} once, where it turns errors into responses. Each
 * code has its subclass:
 *
 * <table>
 * <caption>codes and exception classes</caption>
 * <tr><td>INVAL, CONFLICT, CYCLE</td><td>{@link InvalidInputException}</td></tr>
 * <tr><td>PARSE</td><td>{@link ParseException} (an InvalidInputException)</td></tr>
 * <tr><td>EXISTS</td><td>{@link AlreadyExistsException} (an InvalidInputException)</td></tr>
 * <tr><td>NOTFOUND</td><td>{@link NotFoundException}</td></tr>
 * <tr><td>PERM</td><td>{@link PermissionDeniedException}</td></tr>
 * <tr><td>STATE</td><td>{@link StateException}; {@link ClosedException} for a closed handle</td></tr>
 * <tr><td>IO, NOTDB, VERSION, READONLY, BUSY</td><td>{@link StorageException}</td></tr>
 * <tr><td>ERROR, NOMEM, USER</td><td>R57Exception itself</td></tr>
 * </table>
 */
public class R57Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final int line;
    private final int column;
    private final long offset;
    private final int sqliteCode;

    R57Exception(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(message);
        this.code = code;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.sqliteCode = sqliteCode;
    }

    R57Exception(int code, String message) {
        this(code, message, 0, 0, -1, 0);
    }

    /** The C result code, e.g. -4. */
    public int code() {
        return code;
    }

    /** The code as a constant. */
    public ErrorCode error() {
        return ErrorCode.of(code);
    }

    /** The C name of the code, e.g. "R57_ENOTFOUND". */
    public String errorName() {
        return capi.r57_err_name(code);
    }

    /** For parse errors the 1-based line, else 0. */
    public int line() {
        return line;
    }

    /** For parse errors the 1-based column, else 0. */
    public int column() {
        return column;
    }

    /** For parse errors the 0-based byte offset, else -1. */
    public long offset() {
        return offset;
    }

    /** For errors that came from SQLite, its extended result code, else 0. */
    public int sqliteCode() {
        return sqliteCode;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + getMessage() + " (" + errorName() + ")";
    }

    /** The exception of a code; called by the JNI wrapper (r57_java.i). */
    static R57Exception fromNative(int code, byte[] message, int line, int column, long offset,
                                   int sqliteCode) {
        return create(code, Text.decode(message), line, column, offset, sqliteCode);
    }

    /** The constructor of an exception class. */
    private interface Make {
        R57Exception make(int code, String message, int line, int column, long offset, int sqliteCode);
    }

    static R57Exception create(int code, String message, int line, int column, long offset,
                               int sqliteCode) {
        Make make = switch (ErrorCode.of(code)) {
            case INVAL, CONFLICT, CYCLE -> InvalidInputException::new;
            case PARSE -> ParseException::new;
            case EXISTS -> AlreadyExistsException::new;
            case NOTFOUND -> NotFoundException::new;
            case PERM -> PermissionDeniedException::new;
            case STATE -> StateException::new;
            case IO, NOTDB, VERSION, READONLY, BUSY -> StorageException::new;
            default -> R57Exception::new;
        };
        return make.make(code, message, line, column, offset, sqliteCode);
    }
}
