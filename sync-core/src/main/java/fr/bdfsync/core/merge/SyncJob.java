package fr.bdfsync.core.merge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sync job as read from its JSON file (see {@link SyncJobJson} and {@code docs/sync.md}).
 *
 * @param national  the national edition (GeoPackage)
 * @param ancestor  an explicit ancestor edition, or null to use the sync state embedded in the local file
 * @param local     the local business dataset
 * @param layers    the layers to synchronise (empty: every layer present on both sides)
 * @param mapping   per layer, local attribute name → national attribute name (absent names map to themselves)
 * @param authority the authority matrix (the defaults derived from the label when the job names none)
 * @param merged    where to write the merged local dataset (a new file)
 * @param conflicts where to write {@code conflicts.json}
 * @param changes   where to write the GeoPackage of changes to contribute
 * @param lineage   where to write the lineage of split, merged and replaced objects ({@code bdfsync.lineage/v1})
 */
public record SyncJob(Path file, String name, String theme, String key, Path national, Path differential, Path ancestor, Path local,
                      List<String> layers, Map<String, Map<String, String>> mapping, Label label, AuthorityMatrix authority,
                      Tolerances tolerances, Path merged, Path conflicts, Path changes, Path lineage) {
    public SyncJob {
        Objects.requireNonNull(national, "national");
        Objects.requireNonNull(local, "local");
        layers = List.copyOf(layers);
        mapping = Map.copyOf(mapping);
    }

    /** National attribute name of a local attribute of a layer. */
    public String nationalName(String layer, String localName) {
        Map<String, String> m = mapping.get(layer);
        return m == null ? localName : m.getOrDefault(localName, localName);
    }

    public boolean hasMapping(String layer) {
        return mapping.containsKey(layer);
    }
}
