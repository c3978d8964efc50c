package fr.bdfsync.core.merge;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;

/**
 * The merge of one object (one key, or one unkeyed local creation): its three versions and the result
 * being built, in the local schema. Only objects where something happened get one; the others are
 * copied from the local data unchanged. Mutable while the merge and the resolutions run, then read by
 * the writers.
 */
public final class FeatureMerge {
    private final String key;
    private final Feature ancestor;
    private final Feature national;
    private final Feature local;
    private final Object[] values;
    private GeometryValue geometry;
    private boolean present;

    FeatureMerge(String key, Feature ancestor, Feature national, Feature local, Object[] values, GeometryValue geometry, boolean present) {
        this.key = key;
        this.ancestor = ancestor;
        this.national = national;
        this.local = local;
        this.values = values;
        this.geometry = geometry;
        this.present = present;
    }

    public String key() {
        return key;
    }

    public Feature ancestor() {
        return ancestor;
    }

    public Feature national() {
        return national;
    }

    public Feature local() {
        return local;
    }

    /** The merged values in the local schema's order (meaningful when {@link #present()}). */
    public Object[] values() {
        return values;
    }

    public GeometryValue geometry() {
        return geometry;
    }

    /** False when the merged dataset does not hold this object (deleted, or a national creation refused). */
    public boolean present() {
        return present;
    }

    void set(int localIndex, Object value) {
        values[localIndex] = value;
    }

    void setGeometry(GeometryValue g) {
        this.geometry = g;
    }

    void setPresent(boolean p) {
        this.present = p;
    }

    /** The merged feature, keeping the local fid when there is one (0: the writer assigns one). */
    public Feature toFeature() {
        return new Feature(local != null ? local.fid() : 0, values, geometry);
    }
}
