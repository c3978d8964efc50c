package fr.bdfsync.core.pkg;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Parses a territory polygon given as WKT or as a GeoJSON geometry object. */
final class TerritoryShape {
    private TerritoryShape() {
    }

    static Geometry parse(String text) {
        String t = text.trim();
        try {
            Geometry g = t.startsWith("{") ? new GeoJsonReader(new GeometryFactory()).read(t) : new WKTReader().read(t);
            if (g.getDimension() != 2) throw new IllegalArgumentException("territory is not a polygon: " + g.getGeometryType());
            if (!g.isValid()) throw new IllegalArgumentException("territory polygon is not valid");
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException("territory polygon does not parse: " + e.getMessage(), e);
        }
    }

    static PreparedGeometry prepare(String text) {
        return PreparedGeometryFactory.prepare(parse(text));
    }
}
