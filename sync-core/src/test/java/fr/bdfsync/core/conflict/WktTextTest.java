package fr.bdfsync.core.conflict;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXYZM;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.io.WKTWriter;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WktText} writes the text of {@code new WKTWriter(3).write(g)}, byte for byte. */
class WktTextTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final GeometryFactory PACKED = new GeometryFactory(new PrecisionModel(), 2154, PackedCoordinateSequenceFactory.DOUBLE_FACTORY);
    private final WktText fast = new WktText();
    private final WKTWriter jts = new WKTWriter(3);

    @Test
    void numbersAsDecimalFormatWritesThem() {
        Random rnd = new Random(11);
        double[] special = {0.0, -0.0, 1, -1, 0.1 + 0.2, 2e-17, 1e-16, 1.5e-16, 1e-7, 1e20, 2.0E23, 1.0E23, 123456789.123456789,
                653421.1234567891, 6.5e6, 1e-5, 0.001, 9007199254740993.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, 0.05, 1e15 + 0.3, 1e16, 99.99999999999999};
        int fastOnes = 0;
        for (double d : special) fastOnes += check(d);
        for (int i = 0; i < 200_000; i++) {
            double d;
            switch (i % 6) {
                case 0 -> d = rnd.nextInt(2_000_000) - 1_000_000;
                case 1 -> d = Math.round(rnd.nextDouble() * 1e9) / 1e3 + 600_000; // Lambert-93 millimetres
                case 2 -> d = rnd.nextDouble() * 1e6;
                case 3 -> d = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
                case 4 -> d = Double.longBitsToDouble(rnd.nextLong());
                default -> d = Math.round(rnd.nextGaussian() * 1e4) / Math.pow(10, rnd.nextInt(12));
            }
            fastOnes += check(d);
        }
        if (WktText.FAST) assertTrue(fastOnes > 100_000, "most numbers take the plain path: " + fastOnes);
    }

    /** 1 when the plain path answered, 0 when it left the number to DecimalFormat. */
    private int check(double d) {
        Point p = GF.createPoint(new Coordinate(d, 1));
        assertEquals(jts.write(p), fast.write(p), "value " + d + " (" + Double.doubleToRawLongBits(d) + ")");
        return WktText.plainDigits(d, new StringBuilder()) ? 1 : 0;
    }

    @Test
    void geometriesAsWktWriterWritesThem() {
        Random rnd = new Random(5);
        for (int round = 0; round < 3_000; round++) {
            GeometryFactory gf = rnd.nextBoolean() ? GF : PACKED;
            Geometry g = switch (rnd.nextInt(7)) {
                case 0 -> gf.createPoint(coordinate(rnd));
                case 1 -> gf.createLineString(coordinates(rnd, 2 + rnd.nextInt(20)));
                case 2 -> polygon(gf, rnd);
                case 3 -> gf.createMultiPoint(new Point[]{gf.createPoint(coordinate(rnd)), gf.createPoint(coordinate(rnd))});
                case 4 -> gf.createMultiLineString(new LineString[]{gf.createLineString(coordinates(rnd, 3)), gf.createLineString(coordinates(rnd, 5))});
                case 5 -> gf.createMultiPolygon(new Polygon[]{polygon(gf, rnd), polygon(gf, rnd)});
                default -> gf.createGeometryCollection(new Geometry[]{gf.createPoint(coordinate(rnd)), polygon(gf, rnd)});
            };
            assertEquals(jts.write(g), fast.write(g), "round " + round);
        }
    }

    @Test
    void zMeasuresEmptiesAndOtherPrecisionsAsWktWriter() {
        Coordinate[] nanZ = {new Coordinate(0, 0), new Coordinate(1.5, 0), new Coordinate(1, 1), new Coordinate(0, 0)};
        Coordinate[] realZ = {new Coordinate(0, 0, 3), new Coordinate(1.5, 0, 3), new Coordinate(1, 1, 4), new Coordinate(0, 0, 3)};
        Coordinate[] zm = {new CoordinateXYZM(0, 0, 1, 2), new CoordinateXYZM(1, 0, 1, 2)};
        GeometryFactory fixed = new GeometryFactory(new PrecisionModel(1000));
        Geometry[] cases = {
                GF.createPolygon(nanZ), GF.createPolygon(realZ), GF.createLineString(zm), GF.createLineString(realZ),
                GF.createPoint(), GF.createPolygon(), GF.createMultiPolygon(), GF.createLineString(), GF.createLinearRing(nanZ),
                GF.createMultiPolygon(new Polygon[]{GF.createPolygon(nanZ), GF.createPolygon()}),
                GF.createPolygon(GF.createLinearRing(nanZ), new LinearRing[]{GF.createLinearRing(realZ)}),
                fixed.createPoint(new Coordinate(1.23456, 2)), fixed.createLineString(nanZ),
                GF.createPoint(new Coordinate(Double.NaN, Double.POSITIVE_INFINITY)),
        };
        for (Geometry g : cases) assertEquals(jts.write(g), fast.write(g), g.getGeometryType());
        assertFalse(fast.write(GF.createPolygon(realZ)).startsWith("POLYGON (("), "a real Z is written");
    }

    private static Polygon polygon(GeometryFactory gf, Random rnd) {
        double x = coordinate(rnd).x, y = coordinate(rnd).y, r = 1 + rnd.nextDouble() * 100;
        LinearRing shell = gf.createLinearRing(ring(x, y, r, 4 + rnd.nextInt(30), rnd));
        if (rnd.nextBoolean()) return gf.createPolygon(shell);
        return gf.createPolygon(shell, new LinearRing[]{gf.createLinearRing(ring(x, y, r / 3, 4 + rnd.nextInt(8), rnd))});
    }

    private static Coordinate[] ring(double x, double y, double r, int n, Random rnd) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            cs[i] = new Coordinate(x + r * Math.cos(a), y + r * Math.sin(a));
            if (rnd.nextInt(3) == 0) cs[i] = new Coordinate(Math.round(cs[i].x * 100) / 100.0, Math.round(cs[i].y * 100) / 100.0);
        }
        cs[n] = cs[0].copy();
        return cs;
    }

    private static Coordinate[] coordinates(Random rnd, int n) {
        Coordinate[] cs = new Coordinate[n];
        for (int i = 0; i < n; i++) cs[i] = coordinate(rnd);
        return cs;
    }

    private static Coordinate coordinate(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> new Coordinate(600_000 + rnd.nextDouble() * 500_000, 6_200_000 + rnd.nextDouble() * 900_000);
            case 1 -> new Coordinate(rnd.nextInt(1000), -rnd.nextInt(1000));
            default -> new Coordinate((rnd.nextDouble() - 0.5) * 1e-3, rnd.nextGaussian() * 1e12);
        };
    }
}
