package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.AttributeValues;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictIds;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Resolution;
import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.util.List;

/** Builds {@link Conflict}s with their stable id, content hash and location. */
public final class ConflictBuilder {
    private ConflictBuilder() {
    }

    public static Conflict build(ConflictType type, String layer, List<String> keys, String subject, List<AttributeValues> attributes,
                                 Geometry ancestor, Geometry national, Geometry local, String message) {
        String id = ConflictIds.id(type, layer, keys, subject);
        String hash = ConflictIds.contentHash(attributes == null ? List.of() : attributes, national, local);
        return new Conflict(id, type, null, layer, keys, attributes, ancestor, national, local,
                location(local, national, ancestor), ConflictStatus.OPEN, null, message, hash);
    }

    /** The conflict resolved automatically by a rule. */
    public static Conflict resolved(Conflict c, Resolution r) {
        return c.withStatus(ConflictStatus.RESOLVED_BY_AUTHORITY, r);
    }

    /**
     * A conflict's geometry: parsed without being kept on {@code g} (a conflict keeps its own, packed at the end of
     * its layer group; a parse cached on the feature's value stayed alive with the changed objects for the whole
     * group: ≈ 100 MB of coordinates for the zones at 1M). Bytes that do not parse fail as {@link GeometryValue#geometry}.
     */
    public static Geometry geometry(GeometryValue g) {
        if (g == null) return null;
        try {
            return g.parseTransient();
        } catch (IllegalArgumentException e) {
            return g.geometry(); // the reader's own error, naming file, layer and fid
        }
    }

    /** A point on the first non-empty geometry: an interior point for areas, a point on the line for lines. */
    public static Coordinate location(Geometry... candidates) {
        for (Geometry g : candidates) {
            if (g != null && !g.isEmpty()) {
                try {
                    return g.getInteriorPoint().getCoordinate();
                } catch (RuntimeException e) {
                    return g.getCoordinate();
                }
            }
        }
        return null;
    }
}
