package org.r57;

/**
 * A {@link Database}, or a cursor of one, was used after it was closed. No
 * native call is made: using a closed handle throws instead of crashing.
 */
public class ClosedException extends StateException {
    private static final long serialVersionUID = 1L;

    ClosedException(String what) {
        super(ErrorCode.STATE.code(), what + " is closed");
    }
}
