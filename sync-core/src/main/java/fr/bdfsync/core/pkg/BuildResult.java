package fr.bdfsync.core.pkg;

import java.nio.file.Path;
import java.util.List;

/** A package built: where, its manifest, and the changes refused by validation (each with its reason). */
public record BuildResult(Path path, Manifest manifest, List<PackageChange> refused) {
}
