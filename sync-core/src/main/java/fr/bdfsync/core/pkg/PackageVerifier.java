package fr.bdfsync.core.pkg;

import fr.bdfsync.core.Phases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies an untrusted package: zip safety, manifest JSON and format version, Ed25519 signature, that the
 * signing key is the one registered for the community, that the claimed label lies within the registered
 * one, every entry's size and sha256, the counts, every change's scope against the registered label (layer,
 * attributes, new geometry in the territory) and the lineage. Any failure is a VERIFICATION error and the
 * scratch folder is removed.
 */
public final class PackageVerifier {
    static final String CHANGES_CHECK = "changes: counts match the manifest; every change within the label's layers, attributes and territory";

    private PackageVerifier() {
    }

    public static VerifiedPackage verify(Path pkg, LabelRegistry registry, PackageLimits limits, boolean allowUnsigned) {
        return verify(pkg, registry, limits, allowUnsigned, true);
    }

    /**
     * Everything {@link #verify} checks except the changes themselves (scope, duplicates, lineage, counts), which
     * {@link PackageApplier} then checks during its own read of them ({@link ChangeAudit}), refusing the package
     * before anything is written: apply reads the changes once instead of twice.
     */
    public static VerifiedPackage verifyAllButChanges(Path pkg, LabelRegistry registry, PackageLimits limits, boolean allowUnsigned) {
        return verify(pkg, registry, limits, allowUnsigned, false);
    }

    private static VerifiedPackage verify(Path pkg, LabelRegistry registry, PackageLimits limits, boolean allowUnsigned, boolean audit) {
        Path scratch = PackageWriter.scratchDir(pkg.toAbsolutePath().getParent().resolve(".x"));
        try {
            return verifyInto(pkg, registry, limits, allowUnsigned, scratch, audit);
        } catch (RuntimeException e) {
            PackageWriter.deleteTree(scratch);
            throw e;
        }
    }

    private static VerifiedPackage verifyInto(Path pkg, LabelRegistry registry, PackageLimits limits, boolean allowUnsigned, Path scratch,
                                              boolean audit) {
        List<String> checks = new ArrayList<>();
        Phases phases = new Phases();
        long t = System.nanoTime();
        try (SafeZipReader zip = SafeZipReader.open(pkg, limits)) {
            checks.add("zip: " + zip.names().size() + " entries, names and sizes within limits");
            byte[] manifestBytes = zip.read(PackageEntries.MANIFEST);
            Manifest m = PackageJson.manifest(pkg, manifestBytes);
            checks.add("manifest: format version " + m.formatVersion() + ", " + m.kind());
            LabelRegistry.Community community = registry.community(m.label().communityId())
                    .orElseThrow(() -> PackageRefused.of(pkg, "community '" + m.label().communityId() + "' is not in the label registry"));
            t = phases.add("zip directory and manifest", t);
            boolean signed = checkSignature(pkg, zip, m, manifestBytes, community, allowUnsigned, checks);
            t = phases.add("signature", t);
            Label registered = community.label();
            if (!registered.contains(m.label())) {
                throw PackageRefused.of(pkg, "the package claims a label wider than the one registered for community '" + community.id() + "'");
            }
            checks.add("label: within the registered label of '" + community.id() + "'");
            Path changes = checkEntries(pkg, zip, m, scratch);
            checks.add("checksums: " + m.entries().size() + " entries match their sha256");
            t = phases.add("extraction and sha256", t);
            if (!audit) return new VerifiedPackage(pkg, m, registered, signed, checks, m.counts(), changes, scratch, false, phases.millis());
            Map<String, Map<String, Long>> counts = checkChanges(pkg, changes, m, registered);
            phases.add("changes scan (scope, counts, lineage)", t);
            checks.add(CHANGES_CHECK);
            return new VerifiedPackage(pkg, m, registered, signed, checks, counts, changes, scratch, true, phases.millis());
        }
    }

    private static boolean checkSignature(Path pkg, SafeZipReader zip, Manifest m, byte[] manifestBytes,
                                          LabelRegistry.Community community, boolean allowUnsigned, List<String> checks) {
        if (!zip.has(PackageEntries.SIGNATURE)) {
            if (Manifest.KIND_REJECT.equals(m.kind()) && allowUnsigned && m.signer() == null) {
                checks.add("signature: none (unsigned reject package, allowed)");
                return false;
            }
            throw PackageRefused.of(pkg, "the package is not signed (no manifest.sig)");
        }
        if (m.signer() == null || m.signer().publicKey() == null) throw PackageRefused.of(pkg, "manifest.json names no signer");
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(new String(zip.read(PackageEntries.SIGNATURE), StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            throw PackageRefused.of(pkg, "manifest.sig is not base64");
        }
        PublicKey signerKey;
        try {
            signerKey = Ed25519.publicKey(m.signer().publicKey());
        } catch (IllegalArgumentException e) {
            throw PackageRefused.of(pkg, "signer public key: " + e.getMessage());
        }
        if (!Ed25519.verify(signerKey, manifestBytes, sig)) {
            throw PackageRefused.of(pkg, "the signature does not verify: manifest.json was altered or signed with another key");
        }
        PublicKey registeredKey = Ed25519.publicKey(community.publicKey());
        if (!java.util.Arrays.equals(registeredKey.getEncoded(), signerKey.getEncoded())) {
            throw PackageRefused.of(pkg, "signed by key " + Ed25519.keyId(signerKey) + ", which is not the key registered for community '"
                    + community.id() + "' (" + Ed25519.keyId(registeredKey) + ")");
        }
        checks.add("signature: Ed25519, key " + Ed25519.keyId(signerKey) + " registered for '" + community.id() + "'");
        return true;
    }

    private static Path checkEntries(Path pkg, SafeZipReader zip, Manifest m, Path scratch) {
        Set<String> listed = new HashSet<>();
        Path changes = null;
        for (Manifest.EntryDigest e : m.entries()) {
            if (e == null || e.name() == null || !listed.add(e.name())) throw PackageRefused.of(pkg, "manifest entries list is malformed or repeats a name");
            if (e.name().equals(PackageEntries.MANIFEST) || e.name().equals(PackageEntries.SIGNATURE) || !PackageEntries.ORDER.contains(e.name())) {
                throw PackageRefused.of(pkg, "manifest lists entry '" + e.name() + "', which format v1 does not allow there");
            }
            if (!zip.has(e.name())) throw PackageRefused.of(pkg, "entry '" + e.name() + "' listed in the manifest is missing");
            MessageDigest md = PackageWriter.sha();
            long size;
            if (e.name().equals(PackageEntries.CHANGES)) {
                changes = scratch.resolve(PackageEntries.CHANGES);
                size = zip.extract(e.name(), changes, md);
            } else {
                size = zip.digest(e.name(), md);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (size != e.size() || !actual.equals(e.sha256())) {
                throw PackageRefused.of(pkg, "entry '" + e.name() + "' does not match its checksum in the manifest (sha256 " + actual + ", " + size + " bytes)");
            }
        }
        for (String name : zip.names()) {
            if (!name.equals(PackageEntries.MANIFEST) && !name.equals(PackageEntries.SIGNATURE) && !listed.contains(name)) {
                throw PackageRefused.of(pkg, "entry '" + name + "' is not listed in the manifest");
            }
        }
        if (changes == null) throw PackageRefused.of(pkg, "the manifest does not list changes.gpkg");
        return changes;
    }

    private static Map<String, Map<String, Long>> checkChanges(Path pkg, Path changes, Manifest m, Label registered) {
        return ChangesGpkg.refusing(pkg, changes, () -> scanChanges(pkg, changes, m, registered));
    }

    /**
     * Reads every change of the package, the layers at once (one reader, one audit and one scope check per layer, on
     * up to as many threads as cores), then the lineage. The audits are joined in layer order and the first failure in
     * package order is thrown: the same verdict and message as one read of the layers one after the other.
     */
    private static Map<String, Map<String, Long>> scanChanges(Path pkg, Path changes, Manifest m, Label registered) {
        try (ChangesGpkg.Reader r = ChangesGpkg.open(pkg, changes)) {
            List<String> layers = new ArrayList<>(r.layers().keySet());
            int threads = Math.max(1, Math.min(layers.size(), Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread t = new Thread(runnable, "verify-changes");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<ChangeAudit>> audits = new ArrayList<>();
                for (String layer : layers) audits.add(pool.submit(() -> auditLayer(pkg, changes, layer, registered)));
                ChangeAudit all = new ChangeAudit(pkg, null);
                for (Future<ChangeAudit> f : audits) all.absorb(Futures.get(f, "reading the changes"));
                return all.finish(r.lineage(), m);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static ChangeAudit auditLayer(Path pkg, Path changes, String layer, Label registered) {
        ChangeAudit audit = new ChangeAudit(pkg, new ScopeCheck(registered));
        try (ChangesGpkg.Reader r = ChangesGpkg.open(pkg, changes)) {
            for (Iterator<PackageChange> it = r.changes(layer); it.hasNext(); ) audit.add(it.next());
        }
        return audit;
    }
}
