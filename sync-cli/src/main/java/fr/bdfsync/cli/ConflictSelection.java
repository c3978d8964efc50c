package fr.bdfsync.cli;

import fr.bdfsync.core.conflict.ConflictFilter;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Severity;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The filter options shared by {@code conflicts} and {@code resolve} (mix in with {@code @Mixin}). */
final class ConflictSelection {
    @Option(names = "--type", split = ",", paramLabel = "TYPE", description = "Conflict type(s), e.g. edit_edit_attribute,overlap.")
    List<ConflictType> types = new ArrayList<>();
    @Option(names = "--severity", split = ",", paramLabel = "SEVERITY", description = "high, medium, low.")
    List<Severity> severities = new ArrayList<>();
    @Option(names = "--layer", split = ",", paramLabel = "LAYER", description = "Layer name(s).")
    List<String> layers = new ArrayList<>();
    @Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "open, resolved_by_authority, resolved_by_decision, decision_outdated.")
    List<ConflictStatus> statuses = new ArrayList<>();
    @Option(names = "--key", paramLabel = "TEXT", description = "Keys containing TEXT (case-insensitive).")
    String key;

    ConflictFilter filter() {
        return new ConflictFilter(new HashSet<>(types), new HashSet<>(severities), new HashSet<>(layers), new HashSet<>(statuses), key);
    }
}
