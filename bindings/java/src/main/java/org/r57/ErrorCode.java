package org.r57;

/**
 * The result codes of libr57 ({@code r57_result_t}, docs/errors.md), each
 * thrown as the exception class named in {@link R57Exception}.
 */
public enum ErrorCode {
    /** An error that fits no other code. */
    ERROR(capiConstants.R57_ERROR),
    /** An allocation failed. */
    NOMEM(capiConstants.R57_ENOMEM),
    /** An argument is NULL, empty or out of range. */
    INVAL(capiConstants.R57_EINVAL),
    /** The named object does not exist. */
    NOTFOUND(capiConstants.R57_ENOTFOUND),
    /** An object with that key exists already. */
    EXISTS(capiConstants.R57_EEXISTS),
    /** The actor lacks the right to do this. */
    PERM(capiConstants.R57_EPERM),
    /** The objects involved do not fit together. */
    CONFLICT(capiConstants.R57_ECONFLICT),
    /** Text could not be parsed (see line and column). */
    PARSE(capiConstants.R57_EPARSE),
    /** Reading or writing a file or the database failed. */
    IO(capiConstants.R57_EIO),
    /** The file is not a libr57 database. */
    NOTDB(capiConstants.R57_ENOTDB),
    /** Written by a newer libr57 (or format) version. */
    VERSION(capiConstants.R57_EVERSION),
    /** The database cannot be written. */
    READONLY(capiConstants.R57_EREADONLY),
    /** The change is not allowed in the current state. */
    STATE(capiConstants.R57_ESTATE),
    /** Definitions refer to each other in a cycle. */
    CYCLE(capiConstants.R57_ECYCLE),
    /** The database is locked by another connection. */
    BUSY(capiConstants.R57_EBUSY),
    /** A callback stopped the call with a positive return (the callback rule, docs/errors.md). */
    USER(capiConstants.R57_EUSER);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The C value, e.g. -4 for NOTFOUND. */
    public int code() {
        return code;
    }

    /** The C name, e.g. "R57_ENOTFOUND" ({@code r57_err_name}). */
    public String cName() {
        return capi.r57_err_name(code);
    }

    /** A sentence describing the code ({@code r57_strerror}). */
    public String description() {
        return capi.r57_strerror(code);
    }

    /** The constant of a C code; ERROR for a code this version does not know. */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return ERROR;
    }
}
