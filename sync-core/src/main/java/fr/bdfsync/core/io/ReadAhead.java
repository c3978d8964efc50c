package fr.bdfsync.core.io;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Batches read one ahead on a thread of their own: while the caller works on batch {@code i} (on every core), batch
 * {@code i + 1} is read. The batches are read one at a time, in order, by one thread (a reader used by one thread at a
 * time stays so), and given in order; at most two are held at once (the one given and the one being read). A failure
 * of a read is thrown, as it was thrown, by the {@link #next} that would have given that batch; {@link #close} stops
 * the reader (a read under way is waited for, so nothing reads the input once closed).
 */
public final class ReadAhead<T> implements AutoCloseable {
    private final IntFunction<T> read;
    private final int count;
    private final ExecutorService thread;
    private Future<T> pending;
    private int next;

    /**
     * @param count how many batches
     * @param read  reads batch {@code i} (called on the read-ahead thread, for {@code i} = 0, 1, ... in order)
     * @param name  the thread's name
     */
    public ReadAhead(int count, IntFunction<T> read, String name) {
        this.read = read;
        this.count = count;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        if (count > 0) pending = thread.submit(() -> read.apply(0));
    }

    /** Batches read one ahead from a list of inputs. */
    public static <I, T> ReadAhead<T> of(List<I> inputs, java.util.function.Function<I, T> read, String name) {
        return new ReadAhead<>(inputs.size(), i -> read.apply(inputs.get(i)), name);
    }

    public boolean hasNext() {
        return next < count;
    }

    /** The next batch (waits for its read); the read of the one after it starts at once. */
    public T next() {
        if (next >= count) throw new NoSuchElementException();
        T out;
        try {
            out = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading ahead", e);
        } catch (ExecutionException e) {
            pending = null;
            next = count;
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error er) throw er;
            throw new IllegalStateException(cause);
        }
        int after = ++next;
        pending = after < count ? thread.submit(() -> read.apply(after)) : null;
        return out;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            // a read under way ends before the caller goes on (and, say, closes what it reads)
            while (!thread.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                // keep waiting: the reads are bounded
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
