package org.r57;

/** The database or a file could not be used: R57_EIO, R57_ENOTDB (not a libr57 file), R57_EVERSION (written by a newer version), R57_EREADONLY, R57_EBUSY (locked by another connection). */
public class StorageException extends R57Exception {
    private static final long serialVersionUID = 1L;

    StorageException(int code, String message, int line, int column, long offset, int sqliteCode) {
        super(code, message, line, column, offset, sqliteCode);
    }

    StorageException(int code, String message) {
        super(code, message);
    }
}
