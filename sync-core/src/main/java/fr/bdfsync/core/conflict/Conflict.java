package fr.bdfsync.core.conflict;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.util.List;
import java.util.Objects;

/**
 * One conflict, as a reviewer needs it: a stable {@code id} (the same conflict gets the same id on a rerun:
 * see {@link ConflictIds}), its type and severity, the layer and key(s) of the features concerned, the
 * attributes that differ with their ancestor / national / local values, the three geometries (null where a
 * version does not exist or the geometry is not in question), a location (a point to put on the map),
 * its status and resolution (automatic or decided), and a {@code contentHash} of the national and local
 * versions, so a decision taken on one content is not silently applied to another.
 *
 * @param ancestorGeometry the common ancestor's geometry, or null
 * @param nationalGeometry the national side's geometry, or null (e.g. deleted nationally)
 * @param localGeometry    the local side's geometry, or null
 * @param location         a point inside or on the feature(s), in the job's CRS
 * @param message          one line saying what happened, for people
 */
public record Conflict(String id, ConflictType type, Severity severity, String layer, List<String> keys,
                       List<AttributeValues> attributes, Geometry ancestorGeometry, Geometry nationalGeometry,
                       Geometry localGeometry, Coordinate location, ConflictStatus status, Resolution resolution,
                       String message, String contentHash) {

    public Conflict {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(layer, "layer");
        keys = List.copyOf(keys);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        if (severity == null) severity = type.defaultSeverity();
        if (status == null) status = ConflictStatus.OPEN;
    }

    public boolean isOpen() {
        return !status.isResolved();
    }

    public Conflict withStatus(ConflictStatus newStatus, Resolution newResolution) {
        return new Conflict(id, type, severity, layer, keys, attributes, ancestorGeometry, nationalGeometry, localGeometry,
                location, newStatus, newResolution, message, contentHash);
    }

    /** The first key, for display. */
    public String key() {
        return keys.isEmpty() ? "" : keys.get(0);
    }
}
