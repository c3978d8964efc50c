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

    public static Geometry geometry(GeometryValue g) {
        return g == null ? null : g.geometry();
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
