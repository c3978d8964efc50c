package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.util.List;

/** A package built: where, its manifest, the changes refused by validation (each with its reason), and the time per phase (ms). */
public record BuildResult(Path path, Manifest manifest, List<PackageChange> refused, java.util.Map<String, Long> phaseMillis) {
}
