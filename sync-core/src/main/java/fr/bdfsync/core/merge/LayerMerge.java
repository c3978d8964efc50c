package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.Conflict;

import java.util.List;
import java.util.Map;

/**
 * The three-way merge of one layer: the objects where something happened (by key; unkeyed local creations
 * under {@code "fid:<n>"}), the conflicts it found, what each conflict is about (to apply resolutions), and
 * whether it ran two-way (no ancestor).
 */
public record LayerMerge(String layer, LayerAlignment alignment, KeyedLayer ancestor, KeyedLayer national, KeyedLayer local,
                         Map<String, FeatureMerge> merges, List<Conflict> conflicts, Map<String, Pending> pending, boolean twoWay) {
}
