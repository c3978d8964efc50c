package fr.bdfsync.core.conflict;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Conflicts whose geometries hold their coordinates packed in one {@code double[]} per sequence
 * ({@link PackedCoordinateSequence}) instead of one object per coordinate: a sync keeps every conflict until
 * {@code conflicts.json} and the reports are written, and a parsed or overlaid geometry's {@code Coordinate}
 * objects weigh two to three times the packed doubles. Same coordinates, same dimension (a Z stays a Z, NaN
 * included), same SRID: the written outputs are unchanged. Geometries of a precision model other than floating,
 * and geometries with an empty part, are left as they are.
 */
public final class PackedConflicts {
    private final Map<Integer, GeometryFactory> factories = new HashMap<>();

    /** {@code c} with packed copies of its geometries (the same conflict when it has none to pack). */
    public Conflict packed(Conflict c) {
        Geometry a = pack(c.ancestorGeometry()), n = pack(c.nationalGeometry()), l = pack(c.localGeometry());
        if (a == c.ancestorGeometry() && n == c.nationalGeometry() && l == c.localGeometry()) return c;
        return new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), c.attributes(), a, n, l, c.location(),
                c.status(), c.resolution(), c.message(), c.contentHash());
    }

    Geometry pack(Geometry g) {
        if (g == null || g.getPrecisionModel().getType() != PrecisionModel.FLOATING || g.getUserData() != null) return g;
        if (g.getFactory().getCoordinateSequenceFactory() instanceof PackedCoordinateSequenceFactory || hasEmpty(g)) return g;
        GeometryFactory f = factories.computeIfAbsent(g.getSRID(),
                srid -> new GeometryFactory(new PrecisionModel(), srid, PackedCoordinateSequenceFactory.DOUBLE_FACTORY));
        return f.createGeometry(g);
    }

    /** An empty part's sequence may not keep its dimension when copied (its WKB could change): such geometries stay as they are. */
    private static boolean hasEmpty(Geometry g) {
        if (g.isEmpty()) return true;
        for (int i = 0; g.getNumGeometries() > 1 && i < g.getNumGeometries(); i++) if (hasEmpty(g.getGeometryN(i))) return true;
        return false;
    }
}
