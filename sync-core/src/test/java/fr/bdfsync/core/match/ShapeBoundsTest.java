package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;

import java.util.Random;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact shortcuts of the speed work: each must agree with what it replaces. */
class ShapeBoundsTest {
    private static final GeometryFactory GF = new GeometryFactory();

    /** A star-shaped polygon of 8-60 vertices, radius 5-25 m, around (cx, cy), vertices on a 0.5 m grid. */
    private static Geometry blob(Random rnd, double cx, double cy) {
        int n = 8 + rnd.nextInt(53);
        Coordinate[] cs = new Coordinate[n + 1];
        double r = 5 + rnd.nextDouble() * 20;
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            double rr = r * (0.5 + 0.5 * rnd.nextDouble());
            cs[k] = new Coordinate(Math.rint(2 * (cx + rr * Math.cos(t))) / 2, Math.rint(2 * (cy + rr * Math.sin(t))) / 2);
        }
        cs[n] = cs[0];
        return GF.createPolygon(cs);
    }

    @Test
    void crossingCountAgreesWithTheJtsLocatorIncludingVerticesEdgesAndHoles() {
        Random rnd = new Random(5);
        Geometry withHole = wkt("MULTIPOLYGON (((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5)), ((30 0, 40 0, 35 10, 30 0)))");
        int inside = 0;
        int outside = 0;
        for (int i = 0; i < 200; i++) {
            Geometry g = i == 0 ? withHole : blob(rnd, 0, 0);
            DirectedDistance.Target t = new DirectedDistance.Target(g);
            IndexedPointInAreaLocator jts = new IndexedPointInAreaLocator(g);
            for (int k = 0; k < 200; k++) {
                // on the 0.5 m grid: many points fall on vertices, on horizontal edges and on the rows of vertices
                Coordinate c = k < 20 ? g.getCoordinates()[k % g.getNumPoints()]
                        : new Coordinate(Math.rint(rnd.nextDouble() * 100 - 30) / 2, Math.rint(rnd.nextDouble() * 100 - 30) / 2);
                boolean expected = jts.locate(c) != Location.EXTERIOR;
                assertEquals(expected, t.inside(c), "geometry " + i + " point " + c);
                if (expected) inside++;
                else outside++;
            }
        }
        assertTrue(inside > 1000 && outside > 1000, inside + " inside, " + outside + " outside");
    }

    @Test
    void bandLimitedWithinFindsASegmentExactlyWhenTheFullScanDoes() {
        Random rnd = new Random(11);
        Geometry withHole = wkt("MULTIPOLYGON (((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5)), ((30 0, 40 0, 35 10, 30 0)))");
        int near = 0;
        int far = 0;
        for (int i = 0; i < 200; i++) {
            Geometry g = i == 0 ? withHole : blob(rnd, 0, 0);
            DirectedDistance.Target t = new DirectedDistance.Target(g);
            for (int k = 0; k < 200; k++) {
                // on the 0.5 m grid, tolerances of 0.5-5 m: many points lie exactly at the tolerance from a segment
                double px = Math.rint(rnd.nextDouble() * 120 - 40) / 2;
                double py = Math.rint(rnd.nextDouble() * 120 - 40) / 2;
                double tol = (1 + rnd.nextInt(10)) / 2.0;
                boolean expected = t.segments().within(px, py, tol * tol, 0) >= 0;
                int hint = rnd.nextInt(g.getNumPoints() + 2) - 1;
                assertEquals(expected, t.within(px, py, tol, hint) >= 0, "geometry " + i + " point " + px + " " + py + " tolerance " + tol);
                if (expected) near++;
                else far++;
            }
        }
        assertTrue(near > 1000 && far > 1000, near + " near, " + far + " far");
    }

    @Test
    void directedDistancesEqualTheMinimumOverEverySegmentBitForBit() {
        Random rnd = new Random(17);
        Geometry withHole = wkt("MULTIPOLYGON (((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5)), ((30 0, 40 0, 35 10, 30 0)))");
        for (int i = 0; i < 400; i++) {
            Geometry a = i == 0 ? withHole : blob(rnd, 0, 0);
            Geometry b = switch (i % 4) {
                case 0 -> withHole;
                case 1 -> a.buffer(rnd.nextDouble() * 3);
                case 2 -> blob(rnd, rnd.nextDouble() * 60 - 30, rnd.nextDouble() * 60 - 30);
                default -> wkt("LINESTRING (-20 -3, -4 1, 0 0, 7 12, 7.5 30)");
            };
            for (Geometry[] pair : new Geometry[][]{{a, b}, {b, a}}) {
                DirectedDistance.Target t = new DirectedDistance.Target(pair[1]);
                assertEquals(bruteForce(pair[0], pair[1], false), DirectedDistance.toFacets(pair[0], t), 0.0, "to facets, pair " + i);
                if (pair[1] instanceof org.locationtech.jts.geom.Polygonal) {
                    assertEquals(bruteForce(pair[0], pair[1], true), DirectedDistance.of(pair[0], t), 0.0, "to area, pair " + i);
                }
            }
        }
    }

    /** Largest over the vertices of {@code from} (inside the area: 0) of the smallest distance to every segment of {@code to}. */
    private static double bruteForce(Geometry from, Geometry to, boolean area) {
        DirectedDistance.Target t = new DirectedDistance.Target(to);
        DirectedDistance.Segments segs = t.segments();
        double max = 0;
        for (Coordinate c : from.getCoordinates()) {
            if (area && t.inside(c)) continue;
            double best = Double.POSITIVE_INFINITY;
            for (int s = 0; s < segs.size; s++) {
                double d = segs.distanceSq(s, c.x, c.y); // NaN for the gap between two parts: never the smallest
                if (d < best) best = d;
            }
            max = Math.max(max, Math.sqrt(best));
        }
        return max;
    }

    @Test
    void nonFiniteCoordinatesAreFoundWithoutCopyingThem() {
        assertTrue(LocalFeatures.finite(wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")));
        Coordinate[] ring = {new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(1, Double.NaN), new Coordinate(0, 0)};
        assertTrue(!LocalFeatures.finite(GF.createLineString(ring)));
        assertTrue(!LocalFeatures.finite(GF.createPoint(new Coordinate(Double.POSITIVE_INFINITY, 0))));
    }

    @Test
    void areaWithinARectangleEqualsTheJtsIntersectionArea() {
        Random rnd = new Random(21);
        Geometry withHole = wkt("MULTIPOLYGON (((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5)), ((30 0, 40 0, 35 10, 30 0)))");
        int partial = 0;
        for (int i = 0; i < 400; i++) {
            Geometry g = i % 50 == 0 ? withHole : blob(rnd, 0, 0);
            // rectangles on the 0.5 m grid: sides often pass through vertices and along horizontal or vertical edges
            double x0 = Math.rint(rnd.nextDouble() * 80 - 40) / 2;
            double y0 = Math.rint(rnd.nextDouble() * 80 - 40) / 2;
            org.locationtech.jts.geom.Envelope r = new org.locationtech.jts.geom.Envelope(x0, x0 + rnd.nextInt(60) / 2.0, y0, y0 + rnd.nextInt(60) / 2.0);
            double expected = g.intersection(GF.toGeometry(r)).getArea();
            double got = PolygonMeasures.areaWithin(g, r);
            assertEquals(expected, got, 1e-9 * Math.max(1, g.getArea()), "geometry " + i + " rectangle " + r);
            if (expected > 0 && expected < g.getArea()) partial++;
        }
        assertTrue(partial > 100, partial + " rectangles cutting their polygon");
        assertEquals(0, PolygonMeasures.areaWithin(withHole, new org.locationtech.jts.geom.Envelope(6, 14, 6, 14)), 1e-12);
    }

    @Test
    void theClippedBoundOfIntersectionOverUnionIsNeverBelowTheOverlayAndNeverAboveTheEnvelopeBound() {
        Random rnd = new Random(23);
        int tighter = 0;
        for (int i = 0; i < 600; i++) {
            Geometry a = blob(rnd, 0, 0);
            Geometry b = switch (i % 3) {
                case 0 -> a.buffer(rnd.nextDouble() * 3);
                case 1 -> blob(rnd, rnd.nextDouble() * 40 - 20, rnd.nextDouble() * 40 - 20);
                default -> a.getFactory().createPolygon(shifted(a, rnd.nextDouble() * 6 - 3, rnd.nextDouble() * 6 - 3));
            };
            Shape sa = Shape.of(a);
            Shape sb = Shape.of(b);
            double iou = PolygonMeasures.overlap(a, b).overUnion();
            double clipped = PolygonMeasures.overUnionClippedBound(sa, sb);
            double coarse = PolygonMeasures.overUnionUpperBound(sa, sb);
            // (at most the smaller area over the larger, which the overlay can exceed by a rounding error)
            assertTrue(clipped >= iou - 1e-12, "pair " + i + ": bound " + clipped + " below the overlay's " + iou);
            assertTrue(clipped <= coarse + 1e-9, "pair " + i);
            if (clipped < coarse - 0.05) tighter++;
        }
        assertTrue(tighter > 100, tighter + " pairs where the clipped bound is tighter");
        // identical polygons: the bound is 1 (the overlay's value), never more
        Geometry sq = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        assertEquals(1.0, PolygonMeasures.overUnionClippedBound(Shape.of(sq), Shape.of(sq)), 1e-12);
        assertEquals(0.0, PolygonMeasures.overUnionClippedBound(Shape.of(sq), Shape.of(wkt("POLYGON ((20 0, 30 0, 30 10, 20 0))"))), 0.0);
    }

    private static Coordinate[] shifted(Geometry g, double dx, double dy) {
        Coordinate[] cs = g.getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        for (int i = 0; i < cs.length; i++) out[i] = new Coordinate(cs[i].x + dx, cs[i].y + dy);
        return out;
    }

    @Test
    void theEnvelopeBoundOfHausdorffIsNeverAboveTheDistance() {
        Random rnd = new Random(9);
        for (int i = 0; i < 300; i++) {
            Geometry a = blob(rnd, 0, 0);
            Geometry b = blob(rnd, rnd.nextDouble() * 60 - 30, rnd.nextDouble() * 60 - 30);
            double bound = PolygonMeasures.hausdorffLowerBound(a.getEnvelopeInternal(), b.getEnvelopeInternal());
            assertTrue(bound <= PolygonMeasures.hausdorff(a, b) + 1e-9, "pair " + i);
        }
        assertEquals(7, PolygonMeasures.hausdorffLowerBound(wkt("POINT (0 0)").getEnvelopeInternal(),
                wkt("LINESTRING (3 0, 3 7)").getEnvelopeInternal()), 1e-12);
    }

    @Test
    void polygonRulesAnswerTheSameFromShapesAsFromGeometries() {
        Random rnd = new Random(13);
        PolygonSameRule same = new PolygonSameRule();
        PolygonPartRule part = new PolygonPartRule();
        int scored = 0;
        for (int i = 0; i < 300; i++) {
            Geometry a = blob(rnd, 0, 0);
            Geometry b = i % 3 == 0 ? a.buffer(rnd.nextDouble() * 3) : blob(rnd, rnd.nextDouble() * 30 - 15, rnd.nextDouble() * 30 - 15);
            for (ScoringRule r : new ScoringRule[]{same, part}) {
                PairScore viaShapes = r.score(Shape.held(a), Shape.of(b), 15);
                PairScore direct = reference(r, a, b);
                if (direct == null) {
                    assertNull(viaShapes, r.name() + " pair " + i);
                    continue;
                }
                scored++;
                assertEquals(direct.confidence(), viaShapes.confidence(), 1e-12, r.name() + " pair " + i);
                assertEquals(direct.relation(), viaShapes.relation());
            }
        }
        assertTrue(scored > 100, scored + " pairs scored");
    }

    /** The rules as they were before the shortcuts: every measure computed, no envelope bound. */
    private static PairScore reference(ScoringRule r, Geometry local, Geometry national) {
        double s = 15;
        if (r instanceof PolygonSameRule) {
            double ratio = PolygonMeasures.areaRatio(local, national);
            if (ratio < ScoringRule.SAME_SIZE_RATIO) return null;
            double h = PolygonMeasures.hausdorff(local, national);
            double close = Closeness.of(h, s);
            double conf = close;
            if (close < PolygonSameRule.OVERLAP_BELOW) {
                double bound = PolygonMeasures.overUnionUpperBound(local, national);
                if (!(h <= s) && bound < 0.5) return null;
                if (bound > close) {
                    double iou = PolygonMeasures.overlap(local, national).overUnion();
                    if (!(h <= s) && iou < 0.5) return null;
                    conf = Math.max(close, iou);
                }
            }
            return new PairScore(r.name(), Relation.SAME, conf, 1, java.util.Map.of());
        }
        return r.score(local, national, s);
    }
}
