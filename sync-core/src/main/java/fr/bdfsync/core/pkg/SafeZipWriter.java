package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a package zip reproducibly: entries in the order given, every timestamp the creation time
 * (DOS time, UTC), no extra fields, comments or permissions; STORED entries with sizes and CRC known before
 * writing, so no data descriptor either. The zip appears under the target name only once complete.
 */
public final class SafeZipWriter {
    private SafeZipWriter() {
    }

    public static void write(Path target, List<ZipEntrySource> entries, Instant created) {
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            writeTo(out.temporary(), entries, created);
            out.commit();
        }
    }

    private static void writeTo(Path file, List<ZipEntrySource> entries, Instant created) {
        long dosTime = dosTime(created);
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setEncoding("UTF-8");
            zip.setUseLanguageEncodingFlag(true);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setLevel(Deflater.BEST_COMPRESSION);
            byte[] buffer = new byte[1 << 16];
            for (ZipEntrySource e : entries) {
                ZipArchiveEntry ze = new ZipArchiveEntry(e.name());
                ze.setTime(dosTime);
                if (e.deflate()) {
                    ze.setMethod(ZipArchiveEntry.DEFLATED);
                } else {
                    ze.setMethod(ZipArchiveEntry.STORED);
                    long[] sizeCrc = e.bytes() != null ? sizeCrc(e.bytes()) : e.size() >= 0 ? new long[]{e.size(), e.crc()} : sizeCrc(e.file(), buffer);
                    ze.setSize(sizeCrc[0]);
                    ze.setCrc(sizeCrc[1]);
                }
                zip.putArchiveEntry(ze);
                if (e.bytes() != null) {
                    zip.write(e.bytes());
                } else {
                    try (InputStream in = Files.newInputStream(e.file())) {
                        int n;
                        while ((n = in.read(buffer)) > 0) zip.write(buffer, 0, n);
                    }
                }
                zip.closeArchiveEntry();
            }
            zip.finish();
        } catch (IOException e) {
            throw BdfsyncException.output(file, "cannot write package zip: " + e.getMessage(), e);
        }
    }

    /** The creation time as a local date-time in UTC, which is what DOS time fields hold (2-second steps). */
    private static long dosTime(Instant created) {
        LocalDateTime utc = LocalDateTime.ofInstant(created, ZoneOffset.UTC);
        return utc.atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    private static long[] sizeCrc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return new long[]{bytes.length, crc.getValue()};
    }

    private static long[] sizeCrc(Path file, byte[] buffer) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        return new long[]{size, crc.getValue()};
    }
}
