package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;

/**
 * How to apply: {@code dryRun} writes nothing; {@code rejectPath} receives the reject package (none when
 * null); {@code inPlace} updates the national file itself, in one SQLite transaction (all or nothing), and
 * {@code backup} (optional, in-place only) receives a copy of the national file as it was just before, taken
 * under the transaction's lock; the optional key pair signs the reject package; {@code created} is the reject
 * package's creation time.
 */
public record ApplyOptions(boolean dryRun, Path rejectPath, boolean inPlace, PrivateKey signKey, PublicKey signPublicKey,
                           Instant created, Path backup) {
    /** Without a backup. */
    public ApplyOptions(boolean dryRun, Path rejectPath, boolean inPlace, PrivateKey signKey, PublicKey signPublicKey, Instant created) {
        this(dryRun, rejectPath, inPlace, signKey, signPublicKey, created, null);
    }
}
