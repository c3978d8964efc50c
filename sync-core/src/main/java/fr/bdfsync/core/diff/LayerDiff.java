package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.CrsRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The two-way change set of one layer, A → B: schema changes, then feature changes sorted by key
 * ({@link KeyOrder}). {@code unchanged} counts features present on both sides with no change;
 * {@code absorbedByTolerance} counts features whose geometry bytes differ but whose shapes are equal within
 * the tolerance (normalisation or moves below it). {@code crs} is the layer's CRS (null without geometry). Diffs of disjoint partitions concatenate.
 */
public record LayerDiff(String layer, String keyColumn, double xyTolerance, CrsRef crs, List<SchemaChange> schemaChanges,
                        List<FeatureChange> changes, long unchanged, long absorbedByTolerance) {
    public LayerDiff {
        schemaChanges = List.copyOf(schemaChanges);
        changes = List.copyOf(changes);
    }

    public long count(Operation op) {
        return changes.stream().filter(c -> c.operation() == op).count();
    }

    public long geometryUpdates() {
        return changes.stream().filter(c -> c.operation() == Operation.UPDATE && c.geometryChanged()).count();
    }

    public long attributeUpdates() {
        return changes.stream().filter(c -> c.operation() == Operation.UPDATE && !c.attributes().isEmpty()).count();
    }

    public boolean isEmpty() {
        return changes.isEmpty() && schemaChanges.isEmpty();
    }

    /** The change set B → A. */
    public LayerDiff inverse() {
        List<FeatureChange> inv = new ArrayList<>(changes.size());
        for (FeatureChange c : changes) inv.add(c.inverse());
        return new LayerDiff(layer, keyColumn, xyTolerance, crs, schemaChanges.stream().map(SchemaChange::inverse).toList(),
                inv, unchanged, absorbedByTolerance);
    }

    /** Same schema changes and feature changes (by {@link FeatureChange#sameAs}); counts of unchanged ignored. */
    public boolean sameChanges(LayerDiff o) {
        if (!layer.equals(o.layer) || !schemaChanges.equals(o.schemaChanges) || changes.size() != o.changes.size()) return false;
        for (int i = 0; i < changes.size(); i++) if (!changes.get(i).sameAs(o.changes.get(i))) return false;
        return true;
    }
}
