package fr.bdfsync.core.merge;

import java.nio.file.Path;
import java.time.Instant;

/**
 * How to run a job: {@code dryRun} computes everything and writes nothing; {@code inPlace} replaces the
 * local file (atomically, after a backup copy beside it); {@code resolutions} is a resolution file to apply
 * (or null); {@code now} stamps the outputs.
 */
public record SyncOptions(boolean dryRun, boolean inPlace, Path resolutions, Instant now) {
    public static SyncOptions defaults() {
        return new SyncOptions(false, false, null, Instant.now());
    }
}
