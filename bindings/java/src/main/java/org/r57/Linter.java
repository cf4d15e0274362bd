package org.r57;

import java.lang.ref.Cleaner;

/**
 * A 6-clear linter with vague phrases of its own besides the built-in ones
 * (docs/six-clear.md). A native handle: close it (try-with-resources); a
 * closed linter throws {@link ClosedException}. Safe to share between
 * threads (calls are serialised).
 */
public final class Linter implements AutoCloseable {
    private final Handle handle;
    private final Cleaner.Cleanable cleanable;

    private static final class Handle implements Runnable {
        private long ptr;

        @Override
        public synchronized void run() {
            if (ptr != 0) {
                capi.r57_linter_free(ptr);
                ptr = 0;
            }
        }
    }

    public Linter() {
        long[] out = new long[1];
        capi.r57_linter_new(out);
        handle = new Handle();
        handle.ptr = out[0];
        cleanable = Database.CLEANER.register(this, handle);
    }

    /**
     * Treats {@code phrase} as vague in {@code field}, with the reason given.
     *
     * @throws InvalidInputException for an empty phrase
     */
    public Linter addVague(ClearField field, String phrase, String reason) {
        synchronized (handle) {
            capi.r57_linter_add_vague(ptr(), field.code(), phrase, reason);
        }
        return this;
    }

    /** The native pointer; the caller holds the lock. */
    long ptr() {
        if (handle.ptr == 0) {
            throw new ClosedException("the linter");
        }
        return handle.ptr;
    }

    Object lock() {
        return handle;
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
