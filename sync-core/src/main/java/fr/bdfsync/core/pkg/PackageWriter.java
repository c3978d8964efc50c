package fr.bdfsync.core.pkg;

import fr.bdfsync.core.Phases;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Writes a package (contribution or reject) from changes already validated: changes.gpkg in a scratch
 * folder, its digest, the manifest, the signature, then the zip, in the fixed order of format v1.
 */
final class PackageWriter {
    static final Comparator<PackageChange> ORDER = Comparator.comparing(PackageChange::layer)
            .thenComparing(PackageChange::key).thenComparing(PackageChange::op);

    private PackageWriter() {
    }

    /** The manifest fields a caller decides; entries, counts, id and signer are computed here. */
    record Header(String kind, Instant created, Label label, Manifest.Base base, String keyColumn,
                  Manifest.Validation validation, Manifest.Qa qa, String rejectOf) {
    }

    static Manifest write(Path target, Header h, Map<String, Schema> schemas, List<PackageChange> changes,
                          List<Lineage> lineage, byte[] qaConflicts, PrivateKey privateKey, PublicKey publicKey) {
        return write(target, h, schemas, changes, lineage, qaConflicts, privateKey, publicKey, new Phases());
    }

    /** As above, adding the time of each phase (sort, changes.gpkg, sha256, signature, zip) to {@code phases}. */
    static Manifest write(Path target, Header h, Map<String, Schema> schemas, List<PackageChange> changes,
                          List<Lineage> lineage, byte[] qaConflicts, PrivateKey privateKey, PublicKey publicKey, Phases phases) {
        long t = System.nanoTime();
        List<PackageChange> sorted = new ArrayList<>(changes);
        sorted.sort(ORDER);
        phases.add("sort", t);
        return write(target, h.created(), () -> h, schemas, sorted.iterator(), "changes.gpkg", lineage, qaConflicts, privateKey, publicKey, phases);
    }

    /**
     * Writes a package from changes already in package order ({@link #ORDER}), taken one by one while changes.gpkg is
     * written (they may still be produced meanwhile); the header is asked for once they have all been taken (it may
     * depend on them), and its creation time must be {@code created}. {@code changesPhase} names the phase of the writing.
     */
    static Manifest write(Path target, Instant createdAt, Supplier<Header> header, Map<String, Schema> schemas, Iterator<PackageChange> sortedChanges,
                          String changesPhase, List<Lineage> lineage, byte[] qaConflicts, PrivateKey privateKey, PublicKey publicKey, Phases phases) {
        long t = System.nanoTime();
        Instant created = createdAt.truncatedTo(ChronoUnit.SECONDS);
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        Iterator<PackageChange> counted = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return sortedChanges.hasNext();
            }

            @Override
            public PackageChange next() {
                PackageChange c = sortedChanges.next();
                count(counts, c);
                return c;
            }
        };
        Path scratch = scratchDir(target);
        try {
            Path gpkg = scratch.resolve(PackageEntries.CHANGES);
            ChangesGpkg.write(gpkg, schemas, counted, lineage, created);
            Header h = header.get();
            if (!h.created().truncatedTo(ChronoUnit.SECONDS).equals(created)) throw new IllegalArgumentException("header created at another time");
            t = phases.add(changesPhase, t);
            List<Manifest.EntryDigest> entries = new ArrayList<>();
            // one read of the file gives its sha256 for the manifest and its size and CRC-32 for the zip's stored entry
            CRC32 crc = new CRC32();
            MessageDigest md = sha();
            long size = digest(gpkg, md, crc);
            entries.add(new Manifest.EntryDigest(PackageEntries.CHANGES, size, HexFormat.of().formatHex(md.digest())));
            t = phases.add("sha256", t);
            if (qaConflicts != null) entries.add(new Manifest.EntryDigest(PackageEntries.QA_CONFLICTS, qaConflicts.length, sha256(qaConflicts)));
            String packageId = "pkg-" + HexFormat.of().formatHex(sha256Bytes((h.label().communityId() + "\n" + created + "\n"
                    + entries.get(0).sha256() + "\n" + h.kind()).getBytes(StandardCharsets.UTF_8)), 0, 16);
            Manifest.Signer signer = publicKey == null ? null : new Manifest.Signer(Ed25519.keyId(publicKey), Ed25519.publicKeyBase64(publicKey));
            Manifest m = new Manifest(Manifest.FORMAT_VERSION, packageId, h.kind(), created.toString(), Tool.version(), h.label(),
                    signer, h.base(), h.keyColumn(), counts, entries, h.validation(), h.qa(), h.rejectOf());
            byte[] manifestBytes = PackageJson.bytes(m);
            List<ZipEntrySource> zip = new ArrayList<>();
            zip.add(ZipEntrySource.ofBytes(PackageEntries.MANIFEST, manifestBytes));
            if (privateKey != null) {
                byte[] sig = Ed25519.sign(privateKey, manifestBytes);
                zip.add(ZipEntrySource.ofBytes(PackageEntries.SIGNATURE, (Base64.getEncoder().encodeToString(sig) + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
            t = phases.add("manifest and signature", t);
            zip.add(ZipEntrySource.ofStoredFile(PackageEntries.CHANGES, gpkg, size, crc.getValue()));
            if (qaConflicts != null) zip.add(ZipEntrySource.ofBytes(PackageEntries.QA_CONFLICTS, qaConflicts));
            SafeZipWriter.write(target, zip, created);
            phases.add("zip", t);
            return m;
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot build package: " + e.getMessage(), e);
        } finally {
            deleteTree(scratch);
        }
    }

    /** Adds one change to per-layer, per-operation counts (every operation present, zero when none). */
    static void count(Map<String, Map<String, Long>> counts, PackageChange c) {
        Map<String, Long> m = counts.computeIfAbsent(c.layer(), k -> {
            Map<String, Long> z = new TreeMap<>();
            for (ChangeOp op : ChangeOp.values()) z.put(op.code(), 0L);
            return z;
        });
        m.merge(c.op().code(), 1L, Long::sum);
    }

    static Path scratchDir(Path target) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, ".bdfsync-pkg-");
        } catch (IOException e) {
            throw BdfsyncException.output(target, "cannot create a scratch folder: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: scratch files only
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = sha();
        digest(file, md, new CRC32());
        return HexFormat.of().formatHex(md.digest());
    }

    /** Feeds the file to the digest and the CRC; returns its size. */
    static long digest(Path file, MessageDigest md, CRC32 crc) throws IOException {
        byte[] buf = new byte[1 << 16];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                crc.update(buf, 0, n);
                size += n;
            }
        }
        return size;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Bytes(bytes));
    }

    static byte[] sha256Bytes(byte[] bytes) {
        return sha().digest(bytes);
    }

    static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
