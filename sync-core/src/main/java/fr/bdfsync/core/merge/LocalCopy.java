package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The local file copied, in the background from the start of a run, under the temporary name of the merged output
 * (the merged dataset is that copy with the merge applied, {@link SyncOutputs}). The copy is plain disk work (4 GB at
 * 1,000,000 features a layer: ≈ 20 s, mostly in the kernel); started with the run, it overlaps the reads, the merge
 * and the detectors instead of following them. The bytes are those of {@link Files#copy} on the same file, as before.
 * <p>
 * {@link #await} hands the temporary file over (its {@link AtomicOutput}, which deletes it unless committed);
 * {@link #close} without it waits for the copy to end, then deletes it: a run that fails never leaves it behind
 * (a failure in the middle of a run thus returns once the copy is done).
 */
final class LocalCopy implements AutoCloseable {
    private final Path target;
    private final AtomicOutput out;
    private final Thread thread;
    private volatile IOException failure;
    private boolean handedOver;

    private LocalCopy(Path target, AtomicOutput out, Path local) {
        this.target = target;
        this.out = out;
        this.thread = new Thread(() -> {
            try {
                Files.copy(local, out.temporary(), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                failure = e;
            }
        }, "bdfsync-local-copy");
        thread.setDaemon(true);
    }

    /** Starts copying {@code local} beside {@code target} (the merged output, or the local file itself in place). */
    static LocalCopy start(Path local, Path target) {
        LocalCopy c = new LocalCopy(target, AtomicOutput.begin(target), local);
        c.thread.start();
        return c;
    }

    /** Waits for the copy and hands its temporary file over; a failed copy is an output error naming the target. */
    AtomicOutput await() {
        join();
        handedOver = true;
        if (failure != null) {
            out.close();
            throw BdfsyncException.output(target, "cannot copy the local data: " + failure.getMessage(), failure);
        }
        return out;
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Unless handed over: waits for the copy to end and deletes it. */
    @Override
    public void close() {
        if (handedOver) return;
        handedOver = true;
        join();
        out.close();
    }
}
