package org.r57;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A native iterator of a {@link Database} (tasks, values…) as a
 * single-pass {@link Iterator} and {@link Iterable} that yields copies.
 * Close it when abandoned early (try-with-resources); it closes itself at
 * the end and when its database closes, after which using it throws
 * {@link ClosedException}. It keeps its database alive: the garbage
 * collector cannot free a database under a live cursor. A cursor dropped
 * unclosed is freed by a {@link Cleaner} (a safety net, not the plan).
 *
 * @param <T> the record type yielded
 */
public final class Cursor<T> implements Iterator<T>, Iterable<T>, AutoCloseable {
    /** Reads the next item of a native iterator; null at the end. */
    interface Fetch<T> {
        T next(long iterator);
    }

    private final Database db; // strong: the parent outlives the child
    private final Child child;
    private final Cleaner.Cleanable cleanable;
    private final Fetch<T> fetch;
    private T next;
    private boolean done;

    /** The native part, registered with the database so its close frees it first. */
    static final class Child implements Runnable {
        private final Database.State owner;
        private final LongConsumer free;
        private long ptr;

        Child(Database.State owner, long ptr, LongConsumer free) {
            this.owner = owner;
            this.ptr = ptr;
            this.free = free;
        }

        /** Frees the iterator; the caller holds the owner's lock. */
        void release() {
            if (ptr != 0) {
                free.accept(ptr);
                ptr = 0;
            }
        }

        @Override
        public void run() {
            synchronized (owner) {
                release();
                owner.children.remove(this);
            }
        }
    }

    /** Called with the database's lock held, right after the iterator was made. */
    Cursor(Database db, Database.State owner, long iterator, LongConsumer free, Fetch<T> fetch) {
        this.db = db;
        this.child = new Child(owner, iterator, free);
        this.fetch = fetch;
        owner.children.add(child);
        this.cleanable = Database.CLEANER.register(this, child);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        synchronized (child.owner) {
            child.owner.handle(); // throws ClosedException once the database is closed
            if (child.ptr == 0) {
                throw new ClosedException("the cursor");
            }
            T item = fetch.next(child.ptr);
            if (item == null) {
                done = true;
                close();
                return false;
            }
            next = item;
            return true;
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T item = next;
        next = null;
        return item;
    }

    /** This cursor itself: it can be iterated once. */
    @Override
    public Iterator<T> iterator() {
        return this;
    }

    /** The remaining items as a sequential stream; closing the stream closes the cursor. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** The remaining items in a list; the cursor is closed afterwards. */
    public List<T> toList() {
        try {
            List<T> out = new ArrayList<>();
            while (hasNext()) {
                out.add(next());
            }
            return out;
        } finally {
            close();
        }
    }

    /** The database this cursor reads. */
    public Database database() {
        return db;
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
