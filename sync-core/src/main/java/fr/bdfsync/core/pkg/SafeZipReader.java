package fr.bdfsync.core.pkg;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a package zip as untrusted input. Opening checks every entry name (no {@code ..}, absolute path,
 * backslash, drive letter or control character; only the names of format v1), duplicates (exact and
 * case-insensitive), the entry count, compression method, encryption and declared sizes. Reading an entry
 * counts the bytes as they are inflated and stops as soon as a limit is passed: sizes in headers are never
 * trusted, and an entry whose actual size differs from its declared one is refused.
 */
public final class SafeZipReader implements AutoCloseable {
    private final Path path;
    private final PackageLimits limits;
    private final ZipFile zip;
    private final Map<String, ZipArchiveEntry> entries;
    private long totalRead;

    private SafeZipReader(Path path, PackageLimits limits, ZipFile zip, Map<String, ZipArchiveEntry> entries) {
        this.path = path;
        this.limits = limits;
        this.zip = zip;
        this.entries = entries;
    }

    public static SafeZipReader open(Path path, PackageLimits limits) {
        if (!Files.isRegularFile(path)) throw fr.bdfsync.core.BdfsyncException.notFound(path, "no such package file");
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(path).setUseUnicodeExtraFields(false).get();
        } catch (IOException | RuntimeException e) {
            throw PackageRefused.of(path, "not a readable zip: " + e.getMessage(), e);
        }
        try {
            return new SafeZipReader(path, limits, zip, checkEntries(path, limits, zip));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static Map<String, ZipArchiveEntry> checkEntries(Path path, PackageLimits limits, ZipFile zip) {
        Map<String, ZipArchiveEntry> byName = new LinkedHashMap<>();
        Set<String> folded = new HashSet<>();
        long declaredTotal = 0;
        List<ZipArchiveEntry> all = Collections.list(zip.getEntriesInPhysicalOrder());
        if (all.size() > limits.maxEntries()) throw PackageRefused.of(path, all.size() + " entries, more than the limit of " + limits.maxEntries());
        for (ZipArchiveEntry e : all) {
            String name = e.getName();
            checkName(path, name);
            if (!folded.add(name.toLowerCase(Locale.ROOT))) throw PackageRefused.of(path, "duplicate entry name '" + ChangesGpkg.printable(name) + "'");
            if (e.isDirectory()) throw PackageRefused.of(path, "entry '" + name + "' is a directory");
            if (!PackageEntries.ORDER.contains(name)) throw PackageRefused.of(path, "unexpected entry '" + ChangesGpkg.printable(name) + "' (format v1 allows "
                    + String.join(", ", PackageEntries.ORDER) + ")");
            if (e.getGeneralPurposeBit().usesEncryption()) throw PackageRefused.of(path, "entry '" + name + "' is encrypted");
            if (e.getMethod() != ZipArchiveEntry.STORED && e.getMethod() != ZipArchiveEntry.DEFLATED) {
                throw PackageRefused.of(path, "entry '" + name + "' uses compression method " + e.getMethod() + " (only STORED and DEFLATED)");
            }
            long declared = e.getSize();
            if (declared > limits.maxBytesFor(name)) {
                throw PackageRefused.of(path, "entry '" + name + "' declares " + declared + " bytes, over the limit of " + limits.maxBytesFor(name));
            }
            if (declared > 0) declaredTotal += declared;
            if (declaredTotal > limits.maxTotalBytes()) throw PackageRefused.of(path, "entries declare more than " + limits.maxTotalBytes() + " bytes in total");
            byName.put(name, e);
        }
        return byName;
    }

    /** Refuses zip-slip and odd names: relative, '/'-separated, no '..', no control characters. */
    static void checkName(Path path, String name) {
        String why = null;
        if (name.isEmpty()) why = "empty name";
        else if (name.length() > 255) why = "name longer than 255 characters";
        else if (name.startsWith("/")) why = "absolute path";
        else if (name.indexOf('\\') >= 0) why = "backslash in name";
        else if (name.length() > 1 && name.charAt(1) == ':') why = "drive letter";
        else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) why = "control character in name";
        else {
            for (String seg : name.split("/", -1)) {
                if (seg.equals("..") || seg.equals(".")) {
                    why = "'" + seg + "' path segment (zip slip)";
                    break;
                }
                if (seg.isEmpty()) {
                    why = "empty path segment";
                    break;
                }
            }
        }
        if (why != null) throw PackageRefused.of(path, "entry '" + ChangesGpkg.printable(name) + "': " + why);
    }


    public Path path() {
        return path;
    }

    /** Entry names in physical order. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** Reads a small entry fully into memory, counting against its limit. */
    public byte[] read(String name) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        copy(name, buf, null);
        return buf.toByteArray();
    }

    /** Extracts an entry to a file (created new), feeding the digest; returns its size. */
    public long extract(String name, Path target, MessageDigest digest) {
        try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            return copy(name, out, digest);
        } catch (IOException e) {
            throw fr.bdfsync.core.BdfsyncException.output(target, "cannot extract '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Digests an entry without keeping it; returns its size. */
    public long digest(String name, MessageDigest digest) {
        return copy(name, OutputStream.nullOutputStream(), digest);
    }

    private long copy(String name, OutputStream out, MessageDigest digest) {
        ZipArchiveEntry e = entries.get(name);
        if (e == null) throw PackageRefused.of(path, "missing entry '" + name + "'");
        long limit = limits.maxBytesFor(name);
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(e)) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                n += r;
                totalRead += r;
                if (n > limit) throw PackageRefused.of(path, "entry '" + name + "' inflates to more than " + limit + " bytes");
                if (totalRead > limits.maxTotalBytes()) throw PackageRefused.of(path, "entries inflate to more than " + limits.maxTotalBytes() + " bytes in total");
                if (digest != null) digest.update(buffer, 0, r);
                out.write(buffer, 0, r);
            }
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof fr.bdfsync.core.BdfsyncException) throw (fr.bdfsync.core.BdfsyncException) ex;
            throw PackageRefused.of(path, "entry '" + name + "' cannot be read: " + ex.getMessage(), ex);
        }
        if (e.getSize() >= 0 && e.getSize() != n) {
            throw PackageRefused.of(path, "entry '" + name + "' declares " + e.getSize() + " bytes but holds " + n);
        }
        return n;
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
