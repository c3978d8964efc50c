package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry to write into a package zip: its name and either its bytes or a file holding them; for a stored file, its
 * size and CRC-32 when the caller has already read it ({@code size} -1: unknown, the zip writer reads the file for them).
 */
public record ZipEntrySource(String name, byte[] bytes, Path file, boolean deflate, long size, long crc) {
    public ZipEntrySource {
        Objects.requireNonNull(name, "name");
        if ((bytes == null) == (file == null)) throw new IllegalArgumentException("exactly one of bytes and file");
    }

    public static ZipEntrySource ofBytes(String name, byte[] bytes) {
        return new ZipEntrySource(name, bytes, null, true, -1, -1);
    }

    public static ZipEntrySource ofStoredFile(String name, Path file) {
        return new ZipEntrySource(name, null, file, false, -1, -1);
    }

    /** A stored file whose size and CRC-32 are known (the file must not change before the zip is written). */
    public static ZipEntrySource ofStoredFile(String name, Path file, long size, long crc) {
        return new ZipEntrySource(name, null, file, false, size, crc);
    }
}
