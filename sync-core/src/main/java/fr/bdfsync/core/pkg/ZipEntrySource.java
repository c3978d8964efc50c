package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.util.Objects;

/** One entry to write into a package zip: its name and either its bytes or a file holding them. */
public record ZipEntrySource(String name, byte[] bytes, Path file, boolean deflate) {
    public ZipEntrySource {
        Objects.requireNonNull(name, "name");
        if ((bytes == null) == (file == null)) throw new IllegalArgumentException("exactly one of bytes and file");
    }

    public static ZipEntrySource ofBytes(String name, byte[] bytes) {
        return new ZipEntrySource(name, bytes, null, true);
    }

    public static ZipEntrySource ofStoredFile(String name, Path file) {
        return new ZipEntrySource(name, null, file, false);
    }
}
