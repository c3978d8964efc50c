package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Geometry;

import java.util.Map;
import java.util.Set;

/**
 * One layer as the detectors see it after a merge: the merged objects and the ancestor's (by key, each
 * with an index of attributes by national name), and the keys the merge touched (created, deleted, or
 * whose geometry or attributes changed). Detectors look at touched objects and their neighbours only, so
 * an unchanged dataset costs an index build and nothing more. {@code ancestor} is null on a two-way run.
 */
public record LayerState(String layer, Map<String, Feature> merged, Map<String, Integer> mergedIndex,
                         Map<String, Feature> ancestor, Map<String, Integer> ancestorIndex, Set<String> touched) {

    public Object mergedValue(Feature f, String attribute) {
        Integer i = mergedIndex.get(attribute);
        return i == null ? null : f.value(i);
    }

    public Object ancestorValue(Feature f, String attribute) {
        Integer i = ancestorIndex == null ? null : ancestorIndex.get(attribute);
        return i == null ? null : f.value(i);
    }

    static Geometry geometry(Feature f) {
        GeometryValue g = f == null ? null : f.geometry();
        return g == null ? null : g.geometry();
    }

    /**
     * A neighbour's geometry, parsed without keeping the parse (the cached one when already parsed): the
     * detectors look at many unchanged neighbours, and caching each parsed shape would make memory grow
     * with the neighbourhood instead of the changes.
     */
    static Geometry transientGeometry(Feature f) {
        GeometryValue g = f == null ? null : f.geometry();
        return g == null ? null : g.parseTransient();
    }

    /**
     * Whether the merged geometry of {@code key} may differ from the ancestor's: new, or stored bytes that
     * differ (a byte comparison, no parsing). True on a two-way run. An object whose geometry did not move
     * cannot start or stop meeting another object that did not move either.
     */
    public boolean geometryMoved(String key) {
        Feature now = merged.get(key);
        if (now == null || now.geometry() == null) return false;
        if (ancestor == null) return true;
        Feature before = ancestor.get(key);
        return before == null || before.geometry() == null || !now.geometry().sameWkb(before.geometry());
    }
}
