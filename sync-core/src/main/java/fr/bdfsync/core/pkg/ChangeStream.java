package fr.bdfsync.core.pkg;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The changes of a package, layer after layer in package order, read and decoded from {@code changes.gpkg} by a
 * thread of their own while apply checks and writes the previous ones (reading and decoding are about a sixth of an
 * apply's time at 1M features; the writes leave the other core free). They are handed over in batches of
 * {@value #BATCH} (one hand-over per change cost a thread wake-up each), through a queue of {@value #CAPACITY}
 * batches that bounds the memory. A read that fails (a malformed change) is thrown on the applying thread when it
 * reaches that point of the stream, as a read on that thread would have been. {@link #close} stops the reader and
 * waits for it, so the changes file may be closed right after.
 */
final class ChangeStream implements AutoCloseable {
    static final int BATCH = 256;
    static final int CAPACITY = 8;
    private static final Object END_OF_LAYER = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread reader;
    private volatile boolean closed;

    /** Starts reading the changes of {@code layers}, in that order. */
    ChangeStream(ChangesGpkg.Reader changes, List<String> layers) {
        reader = new Thread(() -> read(changes, layers), "bdfsync-change-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(ChangesGpkg.Reader changes, List<String> layers) {
        try {
            for (String layer : layers) {
                Iterator<PackageChange> it = changes.changes(layer);
                List<PackageChange> batch = new ArrayList<>(BATCH);
                while (!closed && it.hasNext()) {
                    batch.add(it.next());
                    if (batch.size() == BATCH) {
                        queue.put(batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (closed) return;
                if (!batch.isEmpty()) queue.put(batch);
                queue.put(END_OF_LAYER);
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException | Error e) {
            try {
                queue.put(e);
            } catch (InterruptedException ignored) {
                // closed
            }
        }
    }

    /** The next layer's changes (the layers come in the order given to the constructor). */
    Iterator<PackageChange> layer() {
        return new Iterator<>() {
            private List<PackageChange> batch = List.of();
            private int at;
            private boolean ended;

            @Override
            @SuppressWarnings("unchecked")
            public boolean hasNext() {
                while (!ended && at == batch.size()) {
                    Object o = take();
                    if (o == END_OF_LAYER) {
                        ended = true;
                    } else {
                        batch = (List<PackageChange>) o;
                        at = 0;
                    }
                }
                return !ended;
            }

            @Override
            public PackageChange next() {
                if (!hasNext()) throw new NoSuchElementException();
                return batch.get(at++);
            }
        };
    }

    private Object take() {
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the changes", e);
        }
        if (o instanceof RuntimeException) throw (RuntimeException) o;
        if (o instanceof Error) throw (Error) o;
        return o;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
