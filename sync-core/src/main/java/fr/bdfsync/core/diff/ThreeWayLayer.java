package fr.bdfsync.core.diff;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The three-way result of one layer: the two change sets from the ancestor (national, local) and the
 * classification of every feature changed on at least one side, sorted by key; {@code unchanged} counts the
 * rest (present in all three with no change).
 */
public record ThreeWayLayer(String layer, LayerDiff national, LayerDiff local, List<ThreeWayFeature> features, long unchanged) {
    public ThreeWayLayer {
        features = List.copyOf(features);
    }

    public Map<ThreeWayClass, Long> counts() {
        Map<ThreeWayClass, Long> m = new EnumMap<>(ThreeWayClass.class);
        for (ThreeWayFeature f : features) m.merge(f.classification(), 1L, Long::sum);
        return m;
    }

    public boolean isEmpty() {
        return features.isEmpty() && national.schemaChanges().isEmpty() && local.schemaChanges().isEmpty();
    }
}
