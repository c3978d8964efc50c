package fr.bdfsync.core.feature;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ISO WKB as written: little-endian header and codes, every coordinate back as it was, any size of geometry. */
class IsoWkbTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void headerCodesAndCoordinates() throws Exception {
        byte[] b = IsoWkb.write(new WKTReader().read("LINESTRING Z (1 2 3, 4 5 6)"));
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, buf.get(0));
        assertEquals(1002, buf.getInt(1));
        assertEquals(2, buf.getInt(5));
        assertEquals(1.0, buf.getDouble(9));
        assertEquals(6.0, buf.getDouble(9 + 5 * 8));
        assertEquals(9 + 6 * 8, b.length);
    }

    @Test
    void randomGeometriesComeBackExactly() throws Exception {
        Random rnd = new Random(11);
        WKBReader reader = new WKBReader();
        for (int round = 0; round < 200; round++) {
            Polygon[] ps = new Polygon[1 + rnd.nextInt(4)];
            for (int p = 0; p < ps.length; p++) {
                double x = rnd.nextDouble() * 1e6, y = rnd.nextDouble() * 1e6;
                int n = 3 + rnd.nextInt(300);
                Coordinate[] cs = new Coordinate[n + 1];
                for (int i = 0; i < n; i++) {
                    double a = 2 * Math.PI * i / n;
                    cs[i] = new Coordinate(x + Math.cos(a) * 100, y + Math.sin(a) * 100);
                }
                cs[n] = cs[0].copy();
                ps[p] = GF.createPolygon(cs);
            }
            // a collection of collections: more parts than the size estimate counts
            Geometry g = rnd.nextBoolean() ? GF.createMultiPolygon(ps)
                    : GF.createGeometryCollection(new Geometry[]{GF.createMultiPolygon(ps), GF.createGeometryCollection(new Geometry[]{ps[0], GF.createPoint()})});
            byte[] b = IsoWkb.write(g);
            assertTrue(g.equalsExact(reader.read(b)), g.getGeometryType());
        }
    }
}
