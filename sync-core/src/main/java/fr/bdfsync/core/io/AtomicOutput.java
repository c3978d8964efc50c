package fr.bdfsync.core.io;

import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an output under a temporary name beside its target and renames it into place only once
 * complete, so an interrupted run never leaves a half-written file under the final name. Use:
 * <pre>
 * try (AtomicOutput out = AtomicOutput.begin(target)) {
 *     write(out.temporary());
 *     out.commit();
 * }
 * </pre>
 * Closing without {@link #commit()} deletes the temporary file and leaves any previous target untouched.
 *
 * <p>{@link #commit()} is durable as well as atomic: the temporary file's content is forced to the device before the
 * rename, and the directory after it, so that a crash of the machine (not only of the run) leaves either the previous
 * target or the complete new one, never a renamed file whose blocks were not yet written (docs/decisions.md).
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private boolean committed;

    private AtomicOutput(Path target, Path temporary) {
        this.target = target;
        this.temporary = temporary;
    }

    public static AtomicOutput begin(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            String name = abs.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 ? name.substring(dot) : "";
            // the temporary keeps the extension: some writers (NGA for .gpkg) check it
            Path tmp = Files.createTempFile(dir, "." + (dot > 0 ? name.substring(0, dot) : name) + ".", ".part" + ext);
            Files.delete(tmp); // writers such as SQLite want to create the file themselves
            return new AtomicOutput(abs, tmp);
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot create a temporary file beside the output: " + e.getMessage(), e);
        }
    }

    public Path target() {
        return target;
    }

    public Path temporary() {
        return temporary;
    }

    /**
     * Forces the temporary file to the device, renames it onto the target (atomically where the file system allows),
     * then forces the directory so that the rename itself is durable.
     */
    public void commit() {
        try {
            force(temporary, false);
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot write the finished output to the device: " + e.getMessage(), e);
        }
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot move the finished output into place: " + e.getMessage(), e);
        }
        if (target.getParent() != null) {
            try {
                force(target.getParent(), true);
            } catch (IOException e) {
                // some platforms cannot open a directory as a channel (Windows): the rename is in place, only not forced
            }
        }
    }

    /** fsync: the file's content (or a directory's entries) written to the device. */
    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel c = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + "-journal"));
                Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + "-wal"));
                Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + "-shm"));
            } catch (IOException ignored) {
                // best effort: the final name was never touched
            }
        }
    }
}
