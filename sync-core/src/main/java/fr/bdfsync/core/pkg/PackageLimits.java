package fr.bdfsync.core.pkg;

/**
 * Caps applied while reading a package (untrusted input): entry count, and uncompressed sizes counted while
 * inflating. {@link #DEFAULT} are the format v1 values (docs/package-format.md); tests use smaller ones.
 */
public record PackageLimits(int maxEntries, long maxManifestBytes, long maxSignatureBytes, long maxQaBytes,
                            long maxChangesBytes, long maxTotalBytes) {
    public static final long MIB = 1024L * 1024L;
    public static final PackageLimits DEFAULT = new PackageLimits(16, MIB, 1024, 64 * MIB, 8192 * MIB, 8192 * MIB);

    /** The per-entry cap for an entry name of format v1 (0 for names the format does not allow). */
    public long maxBytesFor(String name) {
        switch (name) {
            case PackageEntries.MANIFEST: return maxManifestBytes;
            case PackageEntries.SIGNATURE: return maxSignatureBytes;
            case PackageEntries.CHANGES: return maxChangesBytes;
            case PackageEntries.QA_CONFLICTS: return maxQaBytes;
            default: return 0;
        }
    }
}
