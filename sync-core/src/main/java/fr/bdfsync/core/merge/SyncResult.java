package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.ConflictSet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a sync run did: per layer counts, the conflicts, the decisions that matched no conflict, whether
 * it ran two-way (no ancestor), the files written (none on a dry run), and the lineage of objects an edition
 * split, merged or replaced, and the time spent per phase (milliseconds, for benchmarks).
 */
public record SyncResult(List<LayerSummary> layers, ConflictSet conflicts, List<String> unknownDecisionIds, int decisionsApplied,
                         int decisionsOutdated, boolean twoWay, boolean dryRun, List<Path> written, Path backup,
                         List<Lineage> lineage, List<String> notes, Map<String, Long> phaseMillis) {

    /**
     * @param nationalTaken objects where a national change (update, creation or deletion) was taken into the local data
     * @param contributed   changes written to the contribution GeoPackage
     */
    public record LayerSummary(String layer, long localFeatures, long nationalFeatures, int nationalTaken, int contributed, int conflicts) {
    }

    public SyncResult {
        layers = List.copyOf(layers);
        unknownDecisionIds = List.copyOf(unknownDecisionIds);
        written = List.copyOf(written);
        lineage = List.copyOf(lineage);
        notes = List.copyOf(notes);
        phaseMillis = phaseMillis == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phaseMillis));
    }

    public boolean hasOpenConflicts() {
        return conflicts.openCount() > 0;
    }
}
