package fr.bdfsync.cli;

import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The conflicts file every review command starts from (mix in with {@code @Mixin}). */
final class ConflictsFile {
    @Parameters(index = "0", paramLabel = "CONFLICTS.json", description = "A bdfsync.conflicts/v1 file (written by bdfsync sync).")
    Path path;

    ConflictSet read() {
        return ConflictsJson.read(path);
    }
}
