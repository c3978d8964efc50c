package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;

/**
 * How to apply: {@code dryRun} writes nothing; {@code rejectPath} receives the reject package (none when
 * null); {@code inPlace} replaces the national file atomically after keeping a backup beside it; the
 * optional key pair signs the reject package; {@code created} is the reject package's creation time.
 */
public record ApplyOptions(boolean dryRun, Path rejectPath, boolean inPlace, PrivateKey signKey, PublicKey signPublicKey,
                           Instant created) {
}
