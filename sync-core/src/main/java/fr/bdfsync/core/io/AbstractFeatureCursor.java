package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Feature;

import java.util.NoSuchElementException;

/**
 * The hasNext/next bookkeeping of a cursor over a source read one record at a time: subclasses only
 * {@link #fetch()} the next feature (null at the end) and {@link #release()} their resources, which happens
 * once, at the end of the stream, on an error, or on {@link #close()}.
 */
public abstract class AbstractFeatureCursor implements FeatureCursor {
    private Feature next;
    private boolean done;

    /** The next feature, or null when there is none. */
    protected abstract Feature fetch();

    /** Closes the streams the cursor holds. */
    protected abstract void release();

    @Override
    public final boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        try {
            next = fetch();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (next == null) close();
        return next != null;
    }

    @Override
    public final Feature next() {
        if (!hasNext()) throw new NoSuchElementException();
        Feature f = next;
        next = null;
        return f;
    }

    @Override
    public final void close() {
        if (!done) {
            done = true;
            release();
        }
    }
}
