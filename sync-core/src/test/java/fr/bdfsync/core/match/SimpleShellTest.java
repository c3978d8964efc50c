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
                "POLYGON ((0 0, 20 0, 20 20, 0 20, 0 0), (5 5, 15 5, 15 15, 5 15, 5 5))", // hole
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
}
