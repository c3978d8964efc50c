package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.GeometryValue;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One change to contribute: layer, operation, the object's key, the fingerprint of the national object as
 * the community saw it (null for inserts), the changed attribute names ({@link Label#GEOMETRY} included
 * when the geometry changed; every attribute for inserts), their new values, and the new geometry.
 * {@code location} is the geometry the territory check looks at (the new one, else the national one); it is
 * not written into the package. {@code reason} is null except in a reject package.
 */
public record PackageChange(String layer, ChangeOp op, String key, String baseFingerprint, SortedSet<String> changed,
                            Map<String, Object> values, GeometryValue geometry, GeometryValue location, String reason) {
    public PackageChange {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(key, "key");
        changed = Collections.unmodifiableSortedSet(changed == null ? new TreeSet<>() : new TreeSet<>(changed));
        values = Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
        if (op != ChangeOp.INSERT && baseFingerprint == null) throw new IllegalArgumentException(op.code() + " of " + key + " without base fingerprint");
    }

    public boolean geometryChanged() {
        return changed.contains(Label.GEOMETRY);
    }

    public PackageChange withReason(String why) {
        return new PackageChange(layer, op, key, baseFingerprint, changed, values, geometry, location, why);
    }

    public PackageChange withLocation(GeometryValue where) {
        return new PackageChange(layer, op, key, baseFingerprint, changed, values, geometry, where, reason);
    }
}
