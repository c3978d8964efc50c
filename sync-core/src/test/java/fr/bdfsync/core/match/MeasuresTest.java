package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasuresTest {
    private static final Geometry LINE = wkt("LINESTRING (0 0, 100 0)");

    @Test
    void theEnvelopeBoundOfIntersectionOverUnionIsNeverBelowTheOverlay() {
        java.util.Random rnd = new java.util.Random(11);
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        int tight = 0;
        for (int i = 0; i < 300; i++) {
            Geometry a = blob(gf, rnd, 0, 0);
            Geometry b = blob(gf, rnd, rnd.nextDouble() * 60 - 30, rnd.nextDouble() * 60 - 30);
            double actual = PolygonMeasures.overlap(a, b).overUnion();
            double bound = PolygonMeasures.overUnionUpperBound(a, b);
            assertTrue(bound >= actual - 1e-12, "pair " + i + ": bound " + bound + " < IoU " + actual);
            if (bound < 0.5) tight++;
        }
        assertTrue(tight > 30, "the bound rules out some overlays: " + tight);
        Geometry sq = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        assertEquals(1, PolygonMeasures.overUnionUpperBound(sq, sq), 1e-12);
        assertEquals(0, PolygonMeasures.overUnionUpperBound(sq, wkt("POLYGON ((20 0, 30 0, 30 10, 20 10, 20 0))")), 1e-12);
    }

    /** The envelope pre-test of the line rules never dismisses a pair within the limit, and dismisses many that are not. */
    @Test
    void theEnvelopePreTestNeverDismissesAPairWithinTheLimit() {
        java.util.Random rnd = new java.util.Random(23);
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        int dismissed = 0;
        for (int i = 0; i < 3000; i++) {
            Geometry a = walk(gf, rnd, 0, 0);
            Geometry b = rnd.nextBoolean() ? walk(gf, rnd, rnd.nextDouble() * 40 - 20, rnd.nextDouble() * 40 - 20)
                    : shifted(gf, a, rnd.nextGaussian() * 8, rnd.nextGaussian() * 8);
            double limit = rnd.nextInt(5) == 0 ? LineMeasures.partialHausdorff(a, b) : 1 + rnd.nextDouble() * 20;
            boolean may = LineMeasures.mayBeWithin(a, b, limit);
            if (LineMeasures.partialHausdorff(a, b) <= limit) assertTrue(may, "pair " + i + " dismissed within " + limit);
            if (!may) dismissed++;
        }
        assertTrue(dismissed > 500, "the pre-test dismisses pairs: " + dismissed);
    }

    /** A wandering line of 2-60 vertices from about (x, y). */
    private static Geometry walk(org.locationtech.jts.geom.GeometryFactory gf, java.util.Random rnd, double x, double y) {
        int n = 2 + rnd.nextInt(59);
        org.locationtech.jts.geom.Coordinate[] cs = new org.locationtech.jts.geom.Coordinate[n];
        double h = rnd.nextDouble() * 2 * Math.PI;
        for (int k = 0; k < n; k++) {
            cs[k] = new org.locationtech.jts.geom.Coordinate(x, y);
            h += rnd.nextGaussian() * 0.4;
            x += 3 * Math.cos(h);
            y += 3 * Math.sin(h);
        }
        return gf.createLineString(cs);
    }

    private static Geometry shifted(org.locationtech.jts.geom.GeometryFactory gf, Geometry g, double dx, double dy) {
        org.locationtech.jts.geom.Coordinate[] cs = g.getCoordinates();
        for (org.locationtech.jts.geom.Coordinate c : cs) c.setX(c.x + dx);
        for (org.locationtech.jts.geom.Coordinate c : cs) c.setY(c.y + dy);
        return gf.createLineString(cs);
    }

    /** A star-shaped polygon of 12-40 vertices, radius 5-25 m, around (cx, cy). */
    private static Geometry blob(org.locationtech.jts.geom.GeometryFactory gf, java.util.Random rnd, double cx, double cy) {
        int n = 12 + rnd.nextInt(29);
        org.locationtech.jts.geom.Coordinate[] cs = new org.locationtech.jts.geom.Coordinate[n + 1];
        double r = 5 + rnd.nextDouble() * 20;
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            double rr = r * (0.6 + 0.4 * rnd.nextDouble());
            cs[k] = new org.locationtech.jts.geom.Coordinate(cx + rr * Math.cos(t), cy + rr * Math.sin(t));
        }
        cs[n] = cs[0];
        return gf.createPolygon(cs);
    }

    @Test
    void hausdorffOfAParallelLineIsItsOffset() {
        assertEquals(3, LineMeasures.hausdorff(LINE, wkt("LINESTRING (0 3, 100 3)")), 1e-9);
    }

    @Test
    void frechetIsBlindToVertexDensityButNotToBacktracking() {
        Geometry dense = wkt("LINESTRING (0 1, 25 1, 50 1, 75 1, 100 1)");
        double f = LineMeasures.frechet(LINE, dense, 2);
        assertTrue(f >= 1 && f <= Math.hypot(1, 1) + 1e-9, "within the discretisation error: " + f);
        // goes to 100, back to 50, on to 100: Hausdorff 0, Fréchet large
        Geometry zigzag = wkt("LINESTRING (0 0, 100 0, 50 0, 100 0)");
        assertEquals(0, LineMeasures.hausdorff(LINE, zigzag), 1e-9);
        assertTrue(LineMeasures.frechet(LINE, zigzag, 2) >= 24, "Fréchet sees the backtrack");
    }

    @Test
    void frechetIgnoresDirection() {
        assertEquals(2, LineMeasures.frechet(LINE, wkt("LINESTRING (100 2, 0 2)"), 5), 1e-9);
    }

    @Test
    void partialHausdorffOfAPieceIsSmallButNotTheReverse() {
        Geometry half = wkt("LINESTRING (10 1, 50 1)");
        assertEquals(1, LineMeasures.partialHausdorff(half, LINE), 1e-9);
        assertEquals(Math.hypot(50, 1), LineMeasures.partialHausdorff(LINE, half), 1e-9);
    }

    @Test
    void lengthRatioAndDirection() {
        assertEquals(0.5, LineMeasures.lengthRatio(LINE, wkt("LINESTRING (0 0, 50 0)")), 1e-9);
        assertEquals(1, LineMeasures.direction(wkt("LINESTRING (10 1, 90 1)"), LINE));
        assertEquals(-1, LineMeasures.direction(wkt("LINESTRING (90 1, 10 1)"), LINE));
    }

    @Test
    void polygonOverlapRatios() {
        Geometry a = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Geometry b = wkt("POLYGON ((5 0, 15 0, 15 10, 5 10, 5 0))");
        PolygonMeasures.Overlap o = PolygonMeasures.overlap(a, b);
        assertEquals(50, o.intersectionArea(), 1e-9);
        assertEquals(0.5, o.overA(), 1e-9);
        assertEquals(0.5, o.overB(), 1e-9);
        assertEquals(50.0 / 150, o.overUnion(), 1e-9);
        assertEquals(1 - 50.0 / 150, o.surfaceDistance(), 1e-9);
        assertEquals(5, PolygonMeasures.centroidDistance(a, b), 1e-9);
        assertEquals(5, PolygonMeasures.hausdorff(a, b), 1e-9);
    }

    @Test
    void widthAndAxisOfAThinStrip() {
        Geometry strip = wkt("POLYGON ((0 0, 100 0, 100 4, 0 4, 0 0))");
        assertEquals(2 * 400.0 / 208, PolygonMeasures.meanWidth(strip), 1e-9);
        assertEquals(104 - 2 * 400.0 / 208, PolygonMeasures.axisLength(strip), 1e-9);
    }

    @Test
    void directedDistanceToAnAreaIsZeroInside() {
        Geometry square = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        assertEquals(0, DirectedDistance.of(wkt("LINESTRING (2 2, 8 8)"), square), 1e-9);
        assertEquals(3, DirectedDistance.of(wkt("LINESTRING (2 2, 13 5)"), square), 1e-9);
    }

    @Test
    void attributesFoldAccentsCaseAndSpacing() {
        assertEquals("foret fermee de feuillus", AttributeSimilarity.fold("  Forêt  Fermée de_feuillus"));
        assertEquals(1, AttributeSimilarity.of("Ruisseau de l'Oust", "ruisseau de l oust"));
        assertEquals(1 - 1.0 / 7, AttributeSimilarity.of("Vilane", "Vilaine"), 1e-9);
        assertEquals(0, AttributeSimilarity.of(3, 4));
        assertTrue(Double.isNaN(AttributeSimilarity.of(null, "x")));
        assertTrue(AttributeSimilarity.of("Bois", "Haie") < 0.5);
    }
}
