package fr.bdfsync.core.pkg;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * The manifest of a package (docs/package-format.md, section 2). Maps are sorted by key when written;
 * the field order here is the order in the file.
 */
@JsonPropertyOrder({"formatVersion", "packageId", "kind", "created", "tool", "label", "signer", "base", "keyColumn",
        "counts", "entries", "validation", "qa", "rejectOf"})
public record Manifest(int formatVersion, String packageId, String kind, String created, String tool, Label label,
                       Signer signer, Base base, String keyColumn, Map<String, Map<String, Long>> counts,
                       List<EntryDigest> entries, Validation validation, Qa qa, String rejectOf) {
    public static final int FORMAT_VERSION = 1;
    public static final String KIND_CONTRIBUTION = "contribution";
    public static final String KIND_REJECT = "reject";

    public Manifest withSigner(Signer s) {
        return new Manifest(formatVersion, packageId, kind, created, tool, label, s, base, keyColumn, counts, entries, validation, qa, rejectOf);
    }

    /** Who signed: the key id (first 16 bytes of the SHA-256 of the public key, hex) and the public key (base64 SPKI). */
    @JsonPropertyOrder({"keyId", "publicKey"})
    public record Signer(String keyId, String publicKey) {
    }

    /** The national base the changes were made against. */
    @JsonPropertyOrder({"edition", "fingerprintAlgorithm", "layers"})
    public record Base(String edition, String fingerprintAlgorithm, Map<String, BaseLayer> layers) {
    }

    @JsonPropertyOrder({"features", "fingerprint"})
    public record BaseLayer(long features, String fingerprint) {
    }

    @JsonPropertyOrder({"name", "size", "sha256"})
    public record EntryDigest(String name, long size, String sha256) {
    }

    /** What validation before writing found: changes checked, packaged, and refused by reason. */
    @JsonPropertyOrder({"checked", "packaged", "refused"})
    public record Validation(long checked, long packaged, Map<String, Long> refused) {
    }

    @JsonPropertyOrder({"openConflicts"})
    public record Qa(long openConflicts) {
    }
}
