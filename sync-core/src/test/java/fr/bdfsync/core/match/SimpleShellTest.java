package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.Random;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validity shortcut never calls valid what JTS calls invalid, and settles most ordinary polygons. */
class SimpleShellTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void invalidOrSpecialPolygonsAreLeftToJts() {
        String[] cases = {
                "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", // bow tie
                "POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))", // touches itself at a vertex
                "POLYGON ((0 0, 10 0, 20 0, 10 0, 10 10, 0 0))", // spike back along an edge
                "POLYGON ((0 0, 10 0, 10 0, 10 10, 0 0))", // repeated vertex (valid, but not settled here)
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5), (6 6, 7 6, 7 7, 6 6))", // nested hole
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (30 5, 35 5, 35 15, 30 5))", // hole outside the shell
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (0 0, 5 2, 2 5, 0 0))", // hole touching the shell (valid)
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 10 5, 5 10, 5 5), (10 5, 15 5, 15 10, 10 5))", // holes touching (valid)
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 25 5, 25 15, 5 5))", // hole crossing the shell
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5), (2 2, 18 2, 18 18, 2 18, 2 2))", // hole around a hole
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", // two parts
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0, 10 0, 10 10, 0 10, 0 0))", // goes round twice
                "POLYGON ((0 0, 10 0, 0 0, 0 0))", // collapsed
        };
        for (String c : cases) assertFalse(SimpleShell.surelyValid(wkt(c)), c);
        String[] settled = {
                "POLYGON ((0 0, 10 0, 10 10, 0 0))",
                "POLYGON ((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))", // three vertices on a line, going on
                "POLYGON ((0 0, 10 4, 10 10, 6 3, 0 1, 0 0))", // envelopes of non-adjacent segments meet, segments apart
                "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)))",
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5))", // hole
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (2 2, 8 2, 8 8, 2 2), (12 12, 18 12, 12 18, 12 12))", // two holes
        };
        for (String c : settled) {
            assertTrue(SimpleShell.surelyValid(wkt(c)), c);
            assertTrue(wkt(c).isValid(), c);
        }
    }

    @Test
    void neverValidWhereJtsSaysInvalidOnRandomRings() {
        Random rnd = new Random(23);
        int settled = 0;
        int invalid = 0;
        for (int i = 0; i < 3000; i++) {
            int n = 3 + rnd.nextInt(i % 3 == 0 ? 6 : 120);
            Coordinate[] cs = new Coordinate[n + 1];
            double r = 5 + rnd.nextDouble() * 200;
            double noise = i % 2 == 0 ? 0.05 : 0.6; // star-shaped rings, some with radii that fold them over
            for (int k = 0; k < n; k++) {
                double t = 2 * Math.PI * (k + (rnd.nextDouble() - 0.5) * noise * 3) / n;
                double rr = r * (1 - noise + noise * rnd.nextDouble());
                // a coarse grid: many repeated, collinear and touching vertices
                double grid = i % 5 == 0 ? 4 : 0.01;
                cs[k] = new Coordinate(Math.rint(rr * Math.cos(t) / grid) * grid, Math.rint(rr * Math.sin(t) / grid) * grid);
            }
            cs[n] = cs[0];
            Geometry g;
            try {
                g = GF.createPolygon(cs);
            } catch (IllegalArgumentException e) {
                continue; // fewer than four points after all
            }
            boolean valid = g.isValid();
            if (SimpleShell.surelyValid(g)) {
                assertTrue(valid, "ring " + i + ": " + g);
                settled++;
            }
            if (!valid) invalid++;
        }
        assertTrue(settled > 1000 && invalid > 200, settled + " settled, " + invalid + " invalid");
    }

    /**
     * Polygons with holes: random star-shaped shells with random holes (inside, outside, crossing or touching the shell,
     * nested in or crossing one another, on a coarse grid for many touching and collinear cases): never valid where
     * JTS says invalid, and most of the valid ones settled.
     */
    @Test
    void neverValidWhereJtsSaysInvalidOnRandomPolygonsWithHoles() {
        Random rnd = new Random(41);
        int settled = 0;
        int invalid = 0;
        int validWithHoles = 0;
        for (int i = 0; i < 4000; i++) {
            double grid = i % 4 == 0 ? 2 : 0.001;
            double r = 50 + rnd.nextDouble() * 100;
            Coordinate[] shell = star(rnd, 0, 0, r, 8 + rnd.nextInt(60), i % 3 == 0 ? 0.5 : 0.1, grid);
            int holes = 1 + rnd.nextInt(i % 7 == 0 ? 40 : 5);
            org.locationtech.jts.geom.LinearRing[] hs = new org.locationtech.jts.geom.LinearRing[holes];
            boolean ok = true;
            for (int h = 0; h < holes && ok; h++) {
                // mostly well inside; some near the rim (crossing or touching it), some outside, some large (nesting others)
                double spread = switch (rnd.nextInt(6)) {
                    case 0 -> r * 1.2;
                    case 1 -> r * 0.9;
                    default -> r * 0.5;
                };
                double a = rnd.nextDouble() * 2 * Math.PI;
                double d = rnd.nextDouble() * spread;
                double hr = rnd.nextInt(8) == 0 ? r * 0.5 : 2 + rnd.nextDouble() * r / 8;
                Coordinate[] ring = star(rnd, d * Math.cos(a), d * Math.sin(a), hr, 3 + rnd.nextInt(20), 0.2, grid);
                try {
                    hs[h] = GF.createLinearRing(ring);
                } catch (IllegalArgumentException e) {
                    ok = false;
                }
            }
            if (!ok) continue;
            Geometry g;
            try {
                g = GF.createPolygon(GF.createLinearRing(shell), hs);
            } catch (IllegalArgumentException e) {
                continue;
            }
            boolean valid = g.isValid();
            if (SimpleShell.surelyValid(g)) {
                assertTrue(valid, "polygon " + i + ": " + g);
                settled++;
            }
            if (SimpleShell.surelyValid(GF.createMultiPolygon(new org.locationtech.jts.geom.Polygon[]{(org.locationtech.jts.geom.Polygon) g}))) {
                assertTrue(valid, "multipolygon " + i + ": " + g);
            }
            if (!valid) invalid++;
            else validWithHoles++;
        }
        assertTrue(settled > 300 && invalid > 1000 && settled > validWithHoles / 2,
                settled + " settled, " + validWithHoles + " valid, " + invalid + " invalid");
    }

    /** A closed star-shaped ring of n vertices around (cx, cy), radii varied by {@code noise}, snapped to {@code grid}. */
    static Coordinate[] star(Random rnd, double cx, double cy, double r, int n, double noise, double grid) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * (k + (rnd.nextDouble() - 0.5) * noise) / n;
            double rr = r * (1 - noise + noise * rnd.nextDouble());
            cs[k] = new Coordinate(Math.rint((cx + rr * Math.cos(t)) / grid) * grid, Math.rint((cy + rr * Math.sin(t)) / grid) * grid);
        }
        cs[n] = cs[0];
        return cs;
    }
}
