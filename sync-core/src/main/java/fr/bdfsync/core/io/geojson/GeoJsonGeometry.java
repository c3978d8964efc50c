package fr.bdfsync.core.io.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequences;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

/**
 * Reads an RFC 7946 geometry object (already parsed into a Jackson tree, one feature at a time) into JTS,
 * with Z when its positions have a third value. Written here rather than with jts-io-common's GeoJsonReader,
 * which needs the geometry re-serialised to a string and drops the distinction of 2D and 3D positions.
 */
final class GeoJsonGeometry {
    static final GeometryFactory FACTORY = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    private GeoJsonGeometry() {
    }

    /** The geometry of a "geometry" member, or null for JSON null; {@link IllegalArgumentException} when malformed. */
    static Geometry parse(JsonNode g) {
        if (g == null || g.isNull()) return null;
        if (!g.isObject()) throw new IllegalArgumentException("\"geometry\" is not an object");
        String type = g.path("type").asText("");
        if (type.equals("GeometryCollection")) {
            JsonNode parts = g.get("geometries");
            if (parts == null || !parts.isArray()) throw new IllegalArgumentException("GeometryCollection without a \"geometries\" array");
            Geometry[] gs = new Geometry[parts.size()];
            for (int i = 0; i < gs.length; i++) {
                gs[i] = parse(parts.get(i));
                if (gs[i] == null) throw new IllegalArgumentException("null member in a GeometryCollection");
            }
            return FACTORY.createGeometryCollection(gs);
        }
        JsonNode c = g.get("coordinates");
        if (c == null || !c.isArray()) throw new IllegalArgumentException(type.isEmpty() ? "geometry without a \"type\"" : type + " without a \"coordinates\" array");
        boolean z = hasZ(c);
        switch (type) {
            case "Point":
                return c.size() == 0 ? FACTORY.createPoint() : FACTORY.createPoint(sequence(wrap(c), z));
            case "MultiPoint": {
                Point[] pts = new Point[c.size()];
                for (int i = 0; i < pts.length; i++) pts[i] = FACTORY.createPoint(sequence(wrap(c.get(i)), z));
                return FACTORY.createMultiPoint(pts);
            }
            case "LineString":
                return FACTORY.createLineString(sequence(c, z));
            case "MultiLineString": {
                LineString[] ls = new LineString[c.size()];
                for (int i = 0; i < ls.length; i++) ls[i] = FACTORY.createLineString(sequence(array(c.get(i)), z));
                return FACTORY.createMultiLineString(ls);
            }
            case "Polygon":
                return polygon(c, z);
            case "MultiPolygon": {
                Polygon[] ps = new Polygon[c.size()];
                for (int i = 0; i < ps.length; i++) ps[i] = polygon(array(c.get(i)), z);
                return FACTORY.createMultiPolygon(ps);
            }
            default:
                throw new IllegalArgumentException("unknown geometry type '" + type + "'");
        }
    }

    /** True when the first position found under these coordinates has a third value. */
    static boolean hasZ(JsonNode c) {
        JsonNode n = c;
        while (n != null && n.isArray() && n.size() > 0 && n.get(0).isArray()) n = n.get(0);
        return n != null && n.isArray() && n.size() >= 3;
    }

    private static Polygon polygon(JsonNode rings, boolean z) {
        if (rings.size() == 0) return FACTORY.createPolygon();
        LinearRing shell = ring(rings.get(0), z);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) holes[i - 1] = ring(rings.get(i), z);
        return FACTORY.createPolygon(shell, holes);
    }

    /** A ring, closed and padded to 4 points when short, as JTS's WKBReader reads GeoPackage rings. */
    private static LinearRing ring(JsonNode positions, boolean z) {
        CoordinateSequence seq = sequence(array(positions), z);
        if (seq.size() == 0) throw new IllegalArgumentException("a polygon ring has no positions");
        return FACTORY.createLinearRing(CoordinateSequences.ensureValidRing(FACTORY.getCoordinateSequenceFactory(), seq));
    }

    private static JsonNode wrap(JsonNode position) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(array(position));
    }

    private static JsonNode array(JsonNode n) {
        if (n == null || !n.isArray()) throw new IllegalArgumentException("coordinates nested wrongly: expected an array, found " + n);
        return n;
    }

    private static CoordinateSequence sequence(JsonNode positions, boolean z) {
        int dim = z ? 3 : 2;
        double[] c = new double[positions.size() * dim];
        for (int i = 0; i < positions.size(); i++) {
            JsonNode p = array(positions.get(i));
            if (p.size() < 2) throw new IllegalArgumentException("a position has fewer than 2 numbers");
            for (int d = 0; d < dim; d++) {
                JsonNode v = p.get(d);
                if (v == null) {
                    c[i * dim + d] = Double.NaN;
                } else if (v.isNumber()) {
                    c[i * dim + d] = v.doubleValue();
                } else {
                    throw new IllegalArgumentException("a coordinate is not a number: " + v);
                }
            }
        }
        return new PackedCoordinateSequence.Double(c, dim, 0);
    }
}
