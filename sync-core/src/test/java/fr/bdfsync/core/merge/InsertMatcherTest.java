package fr.bdfsync.core.merge;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The insert matcher's shortcut before the Hausdorff distance of two created lines or points. */
class InsertMatcherTest {
    private static final GeometryFactory GF = new GeometryFactory();

    /** Whenever the shortcut refuses a pair, the discrete Hausdorff distance is above the match distance. */
    @Test
    void refusesOnlyPairsFartherThanTheDistance() {
        Random rnd = new Random(20261126);
        int refused = 0, matched = 0;
        for (int round = 0; round < 6000; round++) {
            double x0 = 650_000 + rnd.nextDouble() * 1000, y0 = 6_800_000 + rnd.nextDouble() * 1000;
            Geometry a = shape(rnd, x0, y0);
            // b near a: a copy moved a little (often within the distance), or another random shape around the same place
            Geometry b = rnd.nextInt(3) == 0 ? moved(rnd, a, rnd.nextDouble() * 8) : shape(rnd, x0 + rnd.nextGaussian() * 50, y0 + rnd.nextGaussian() * 50);
            double d = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 10;
            double h = DiscreteHausdorffDistance.distance(a, b);
            boolean shortcut = InsertMatcher.fartherThan(a, b, d) || InsertMatcher.fartherThan(b, a, d);
            if (shortcut) {
                refused++;
                assertTrue(h > d, "refused a pair at Hausdorff " + h + " <= " + d + ": " + a + " / " + b);
            }
            if (h <= d) matched++;
        }
        assertTrue(refused > 2000, "the shortcut decides most far pairs: " + refused);
        assertTrue(matched > 300, "some pairs match: " + matched);
    }

    /** A vertex exactly at the distance from the other's bounds is left to the Hausdorff distance; one beyond is refused. */
    @Test
    void boundaryAndUndecidedCases() {
        Geometry line = GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(10, 0)});
        Geometry atD = GF.createLineString(new Coordinate[] {new Coordinate(0, 5), new Coordinate(10, 5)});
        assertFalse(InsertMatcher.fartherThan(atD, line, 5));
        assertTrue(DiscreteHausdorffDistance.distance(atD, line) <= 5);
        Geometry beyond = GF.createLineString(new Coordinate[] {new Coordinate(0, 5.001), new Coordinate(10, 0)});
        assertTrue(InsertMatcher.fartherThan(beyond, line, 5));
        assertTrue(DiscreteHausdorffDistance.distance(beyond, line) > 5);
        Geometry nan = GF.createLineString(new Coordinate[] {new Coordinate(0, Double.NaN), new Coordinate(100, 0)});
        assertFalse(InsertMatcher.fartherThan(nan, line, 5));
        assertFalse(InsertMatcher.fartherThan(line, nan, 5));
        assertFalse(InsertMatcher.fartherThan(GF.createLineString(), line, 5));
        assertFalse(InsertMatcher.fartherThan(line, GF.createPoint(), 5));
        assertTrue(InsertMatcher.fartherThan(GF.createPoint(new Coordinate(0, 6)), line, 5));
    }

    private static Geometry shape(Random rnd, double x, double y) {
        if (rnd.nextInt(6) == 0) {
            Coordinate[] pts = new Coordinate[1 + rnd.nextInt(3)];
            for (int i = 0; i < pts.length; i++) pts[i] = new Coordinate(x + rnd.nextGaussian() * 20, y + rnd.nextGaussian() * 20);
            return pts.length == 1 ? GF.createPoint(pts[0]) : GF.createMultiPointFromCoords(pts);
        }
        Coordinate[] pts = new Coordinate[2 + rnd.nextInt(30)];
        double cx = x, cy = y;
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new Coordinate(cx, cy);
            cx += rnd.nextGaussian() * 15;
            cy += rnd.nextGaussian() * 15;
        }
        return GF.createLineString(pts);
    }

    private static Geometry moved(Random rnd, Geometry g, double by) {
        Geometry c = g.copy();
        c.apply((org.locationtech.jts.geom.CoordinateFilter) p -> {
            p.x += (rnd.nextDouble() * 2 - 1) * by;
            p.y += (rnd.nextDouble() * 2 - 1) * by;
        });
        c.geometryChanged();
        return c;
    }
}
