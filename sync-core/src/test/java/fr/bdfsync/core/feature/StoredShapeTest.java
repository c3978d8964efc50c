package fr.bdfsync.core.feature;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GeometryEquality#compare(GeometryValue, GeometryValue)} (the in-order check on stored coordinates) must give
 * exactly {@link GeometryEquality#compare(Geometry, Geometry)} on the JTS geometries: every field of the comparison,
 * bit for bit, for every geometry type, 2D and Z, either byte order, and for encodings it leaves to JTS.
 */
class StoredShapeTest {
    private static final GeometryFactory F = new GeometryFactory();

    @Test
    void storedComparisonIsTheJtsComparisonBitForBit() {
        Random r = new Random(20261126L);
        int inOrder = 0, changed = 0, read = 0;
        for (int t = 0; t < 6000; t++) {
            boolean z = r.nextInt(3) == 0;
            Geometry a = randomGeometry(r, t % 7, z);
            Geometry b = moved(r, a);
            double tol = new double[]{0.0015, 0.05, 1.25}[r.nextInt(3)];
            GeometryEquality eq = new GeometryEquality(tol, r.nextBoolean() ? 0.01 : 0.5);
            byte[] wa = encode(r, a, z), wb = encode(r, b, z);
            GeometryEquality.Comparison expected = eq.compare(a, b);
            GeometryEquality.Comparison actual = eq.compare(GeometryValue.ofWkb(wa), GeometryValue.ofWkb(wb));
            assertEquals(expected, actual, a + " / " + b + " at " + tol);
            if (GeometryValue.ofWkb(wa).storedShape() != null) read++;
            if (expected.same()) inOrder++;
            else changed++;
        }
        assertTrue(inOrder > 1000 && changed > 1000 && read > 3000, inOrder + " same, " + changed + " changed, " + read + " read from storage");
    }

    @Test
    void encodingsLeftToJtsAreNotRead() throws Exception {
        Geometry square = new WKTReader().read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        assertNotNull(GeometryValue.ofWkb(IsoWkb.write(square)).storedShape());
        // EWKB Z flag (JTS's writer), an empty polygon, an unclosed ring, a one-point line, NaN coordinates, truncated
        Geometry squareZ = new WKTReader().read("POLYGON Z ((0 0 1, 10 0 1, 10 10 1, 0 10 1, 0 0 1))");
        assertNull(GeometryValue.ofWkb(new WKBWriter(3).write(squareZ)).storedShape());
        assertNotNull(GeometryValue.ofWkb(IsoWkb.write(squareZ)).storedShape());
        assertNull(GeometryValue.ofWkb(IsoWkb.write(F.createPolygon())).storedShape());
        byte[] unclosed = IsoWkb.write(square);
        java.nio.ByteBuffer.wrap(unclosed).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(unclosed.length - 16, 0.5);
        assertNull(GeometryValue.ofWkb(unclosed).storedShape());
        byte[] line = IsoWkb.write(F.createLineString(new Coordinate[]{new Coordinate(0, 0), new Coordinate(1, 1)}));
        java.nio.ByteBuffer.wrap(line).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(5, 1);
        assertNull(GeometryValue.ofWkb(java.util.Arrays.copyOf(line, line.length - 16)).storedShape());
        assertNull(GeometryValue.ofWkb(IsoWkb.write(F.createPoint(new Coordinate(Double.NaN, 1)))).storedShape());
        assertNull(GeometryValue.ofWkb(java.util.Arrays.copyOf(IsoWkb.write(square), 30)).storedShape());
        // a count far beyond the bytes is refused before anything is allocated for it
        byte[] multi = IsoWkb.write(F.createMultiPolygon(new Polygon[]{(Polygon) square}));
        java.nio.ByteBuffer.wrap(multi).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(5, Integer.MAX_VALUE);
        assertNull(GeometryValue.ofWkb(multi).storedShape());
        // and such values still compare, through JTS
        GeometryEquality eq = new GeometryEquality(0.01, 0.01);
        assertFalse(eq.compare(GeometryValue.ofWkb(new WKBWriter(3).write(squareZ)), GeometryValue.ofWkb(IsoWkb.write(square))).same());
    }

    @Test
    void areaAndLengthAreJtsBitForBit() {
        Random r = new Random(99);
        for (int t = 0; t < 2000; t++) {
            Geometry g = randomGeometry(r, t % 7, r.nextBoolean());
            StoredShape s = GeometryValue.ofWkb(IsoWkb.write(g)).storedShape();
            assertNotNull(s, g.toText());
            assertEquals(Double.doubleToLongBits(g.getArea()), Double.doubleToLongBits(s.area()), g.toText());
            assertEquals(Double.doubleToLongBits(g.getLength()), Double.doubleToLongBits(s.length()), g.toText());
        }
    }

    /** ISO WKB little-endian, or JTS's big-endian WKB for 2D shapes (the type codes are the same in 2D). */
    private static byte[] encode(Random r, Geometry g, boolean z) {
        if (!z && r.nextBoolean()) return new WKBWriter(2, ByteOrderValues.BIG_ENDIAN).write(g);
        return IsoWkb.write(g);
    }

    /** A copy of g with 0-3 vertices moved (rings kept closed), sometimes beyond the tolerances, sometimes in Z only. */
    private static Geometry moved(Random r, Geometry g) {
        Geometry b = g.copy();
        Coordinate[] c = b.getCoordinates();
        int moves = r.nextInt(4);
        double scale = new double[]{0.001, 0.04, 1.0, 3.0}[r.nextInt(4)];
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (int k = 0; k < moves; k++) picked.add(r.nextInt(c.length));
        double[][] delta = new double[c.length][];
        for (int i : picked) delta[i] = new double[]{r.nextGaussian() * scale, r.nextGaussian() * scale, r.nextInt(4) == 0 ? r.nextGaussian() : 0};
        int[] k = {0};
        b.apply(new org.locationtech.jts.geom.CoordinateSequenceFilter() {
            int ringStart;
            double firstX, firstY;

            @Override
            public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
                int at = k[0]++;
                if (i == 0) {
                    ringStart = at;
                    firstX = seq.getX(0); // before it moves
                    firstY = seq.getY(0);
                }
                boolean closing = i == seq.size() - 1 && seq.size() >= 4 && firstX == seq.getX(i) && firstY == seq.getY(i);
                double[] d = closing ? delta[ringStart] : delta[at];
                if (d == null) return;
                seq.setOrdinate(i, 0, seq.getX(i) + d[0]);
                seq.setOrdinate(i, 1, seq.getY(i) + d[1]);
                if (seq.getDimension() > 2 && !Double.isNaN(seq.getZ(i))) seq.setOrdinate(i, 2, seq.getZ(i) + d[2]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return b;
    }

    private static Geometry randomGeometry(Random r, int kind, boolean z) {
        double x0 = 600000 + r.nextDouble() * 1000, y0 = 6500000 + r.nextDouble() * 1000;
        switch (kind) {
            case 0:
                return F.createPoint(c(x0, y0, z, r));
            case 1:
                return F.createLineString(line(r, x0, y0, z));
            case 2:
                return F.createPolygon(ring(r, x0, y0, 5 + r.nextDouble() * 40, z));
            case 3:
                return F.createPolygon(F.createLinearRing(ring(r, x0, y0, 20 + r.nextDouble() * 40, z)),
                        new LinearRing[]{F.createLinearRing(ring(r, x0, y0, 2 + r.nextDouble() * 3, z))});
            case 4:
                return F.createMultiPoint(new Point[]{F.createPoint(c(x0, y0, z, r)), F.createPoint(c(x0 + 5, y0 - 3, z, r))});
            case 5:
                return F.createMultiLineString(new LineString[]{F.createLineString(line(r, x0, y0, z)), F.createLineString(line(r, x0 + 100, y0, z))});
            default:
                return F.createMultiPolygon(new Polygon[]{
                        F.createPolygon(F.createLinearRing(ring(r, x0, y0, 20 + r.nextDouble() * 40, z)),
                                new LinearRing[]{F.createLinearRing(ring(r, x0, y0, 2 + r.nextDouble() * 3, z))}),
                        F.createPolygon(ring(r, x0 + 200, y0, 5 + r.nextDouble() * 20, z))});
        }
    }

    private static Coordinate c(double x, double y, boolean z, Random r) {
        double rx = Math.round(x * 100) / 100.0, ry = Math.round(y * 100) / 100.0;
        return z ? new Coordinate(rx, ry, Math.round(r.nextDouble() * 5000) / 100.0) : new Coordinate(rx, ry);
    }

    private static Coordinate[] line(Random r, double x0, double y0, boolean z) {
        int n = 2 + r.nextInt(30);
        Coordinate[] c = new Coordinate[n];
        for (int i = 0; i < n; i++) c[i] = c(x0 + i * 3 + r.nextDouble(), y0 + r.nextGaussian() * 4, z, r);
        return c;
    }

    private static Coordinate[] ring(Random r, double x0, double y0, double rad, boolean z) {
        int n = 4 + r.nextInt(40);
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n, rr = rad * (0.8 + 0.2 * r.nextDouble());
            c[i] = c(x0 + rr * Math.cos(a), y0 + rr * Math.sin(a), z, r);
        }
        c[n] = c[0].copy();
        return c;
    }
}
