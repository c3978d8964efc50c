package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packed WKB reader gives JTS's geometry, coordinate for coordinate, or leaves the bytes to JTS. */
class PackedWkbTest {
    private static final org.locationtech.jts.geom.GeometryFactory PACKED = LocalFeatures.PACKED;

    /** Same classes, structure, sequence dimensions and coordinate bits as JTS's reader. */
    private static void assertSameAsJts(byte[] wkb) throws ParseException {
        Geometry expected = new WKBReader(PACKED).read(wkb);
        Geometry actual = PackedWkb.read(wkb, PACKED);
        assertSame(expected, actual);
        // the same bytes behind a header (as in a GeoPackage blob), read in place from their offset
        byte[] behind = new byte[wkb.length + 40];
        java.util.Arrays.fill(behind, 0, 40, (byte) 0x47);
        System.arraycopy(wkb, 0, behind, 40, wkb.length);
        assertSame(expected, PackedWkb.read(behind, 40, PACKED));
    }

    private static void assertSame(Geometry expected, Geometry actual) {
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getSRID(), actual.getSRID());
        assertEquals(expected.getNumGeometries(), actual.getNumGeometries());
        for (int i = 0; i < expected.getNumGeometries(); i++) {
            Geometry e = expected.getGeometryN(i);
            Geometry a = actual.getGeometryN(i);
            assertEquals(e.getClass(), a.getClass());
            if (e instanceof Polygon ep) {
                Polygon ap = (Polygon) a;
                assertEquals(ep.getNumInteriorRing(), ap.getNumInteriorRing());
                assertSameRing(ep.getExteriorRing(), ap.getExteriorRing());
                for (int h = 0; h < ep.getNumInteriorRing(); h++) assertSameRing(ep.getInteriorRingN(h), ap.getInteriorRingN(h));
            } else {
                assertTrue(e.equalsExact(a), e + " vs " + a);
            }
        }
    }

    private static void assertSameRing(LinearRing e, LinearRing a) {
        CoordinateSequence es = e.getCoordinateSequence();
        CoordinateSequence as = a.getCoordinateSequence();
        assertEquals(es.getClass(), as.getClass());
        assertEquals(es.getDimension(), as.getDimension());
        assertEquals(es.getMeasures(), as.getMeasures());
        assertEquals(es.size(), as.size());
        for (int i = 0; i < es.size(); i++) {
            for (int d = 0; d < es.getDimension(); d++) {
                assertEquals(Double.doubleToRawLongBits(es.getOrdinate(i, d)), Double.doubleToRawLongBits(as.getOrdinate(i, d)));
            }
        }
    }

    @Test
    void randomPolygonsAndMultipolygonsInBothByteOrders() throws ParseException {
        Random rnd = new Random(5);
        WKBWriter little = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
        WKBWriter big = new WKBWriter(2, ByteOrderValues.BIG_ENDIAN);
        for (int i = 0; i < 500; i++) {
            int parts = i % 4 == 0 ? 1 + rnd.nextInt(3) : 1;
            Polygon[] ps = new Polygon[parts];
            for (int p = 0; p < parts; p++) {
                double cx = 650000 + rnd.nextDouble() * 1000 + p * 3000;
                double cy = 6800000 + rnd.nextDouble() * 1000;
                LinearRing shell = ring(rnd, cx, cy, 50 + rnd.nextDouble() * 100, 3 + rnd.nextInt(150));
                LinearRing[] holes = new LinearRing[i % 3 == 0 ? 1 + rnd.nextInt(2) : 0];
                for (int h = 0; h < holes.length; h++) holes[h] = ring(rnd, cx + h * 15, cy, 5, 3 + rnd.nextInt(10));
                ps[p] = PACKED.createPolygon(shell, holes);
            }
            Geometry g = parts == 1 && i % 2 == 0 ? ps[0] : PACKED.createMultiPolygon(ps);
            byte[] le = little.write(g);
            byte[] be = big.write(g);
            assertSameAsJts(le);
            assertSameAsJts(be);
        }
    }

    private static LinearRing ring(Random rnd, double cx, double cy, double r, int n) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            double rr = r * (0.7 + 0.3 * rnd.nextDouble());
            cs[k] = new Coordinate(cx + rr * Math.cos(t), cy + rr * Math.sin(t));
        }
        cs[n] = cs[0].copy();
        return PACKED.createLinearRing(cs);
    }

    @Test
    void otherShapesAndOddBytesAreReadByJts() throws ParseException {
        WKBWriter w2 = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
        for (String s : new String[]{"POINT (1 2)", "LINESTRING (0 0, 1 1)", "POLYGON EMPTY", "MULTIPOLYGON EMPTY",
                "MULTILINESTRING ((0 0, 1 1))", "GEOMETRYCOLLECTION (POINT (1 1))"}) {
            assertSameAsJts(w2.write(wkt(s)));
        }
        // Z: JTS keeps three ordinates
        assertSameAsJts(new WKBWriter(3, ByteOrderValues.LITTLE_ENDIAN).write(wkt("POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))")));
        // a ring not closed as written: JTS closes it (not strict)
        assertSameAsJts(polygon(new double[]{0, 0, 10, 0, 10, 10, 0, 10}));
        // a ring of three points: JTS pads it
        assertSameAsJts(polygon(new double[]{0, 0, 10, 0, 0, 0}));
        // NaN at both ends: not a ring to JTS's comparison, which then fails as JTS fails
        byte[] nan = polygon(new double[]{Double.NaN, 0, 10, 0, 10, 10, Double.NaN, 0});
        assertThrows(IllegalArgumentException.class, () -> new WKBReader(PACKED).read(nan));
        assertThrows(IllegalArgumentException.class, () -> PackedWkb.read(nan, PACKED));
        // trailing bytes after a polygon
        byte[] p = w2.write(wkt("POLYGON ((0 0, 10 0, 10 10, 0 0))"));
        byte[] longer = java.util.Arrays.copyOf(p, p.length + 3);
        assertSameAsJts(longer);
        // truncated, or counts beyond the bytes: the same failure as JTS's
        byte[] cut = java.util.Arrays.copyOf(p, p.length - 5);
        assertThrows(ParseException.class, () -> new WKBReader(PACKED).read(cut));
        assertThrows(ParseException.class, () -> PackedWkb.read(cut, PACKED));
        byte[] huge = p.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(9, Integer.MAX_VALUE); // ring count
        assertThrows(ParseException.class, () -> PackedWkb.read(huge, PACKED));
    }

    private static byte[] polygon(double[] xy) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + 4 + 8 * xy.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).putInt(3).putInt(1).putInt(xy.length / 2);
        for (double v : xy) b.putDouble(v);
        return b.array();
    }

    @Test
    void realLayersReadAsJtsReadsThem() throws ParseException {
        int read = 0;
        try (Dataset d = Datasets.open(RealData.file(RealData.REDON))) {
            for (String layer : new String[]{"zone_de_vegetation", "surface_hydrographique", "plan_d_eau", "commune", "haie"}) {
                try (FeatureCursor c = d.read(layer)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        if (f.geometry() == null) continue;
                        byte[] wkb = f.geometry().wkb();
                        assertSameAsJts(wkb);
                        assertSame(new WKBReader(PACKED).read(wkb), PackedWkb.read(f.geometry(), PACKED)); // the blob in place
                        read++;
                    }
                }
            }
        }
        assertTrue(read > 1000, read + " geometries");
    }
}
