package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;

import java.util.Random;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The area centroid is JTS's, to the last bit, on random and real polygons, packed or not. */
class AreaCentroidTest {
    private static void assertSameAsJts(Geometry g) {
        Point expected = g.getCentroid();
        Point actual = AreaCentroid.of(g);
        assertEquals(expected.isEmpty(), actual.isEmpty(), g.toText());
        if (expected.isEmpty()) return;
        assertEquals(Double.doubleToLongBits(expected.getX()), Double.doubleToLongBits(actual.getX()), g.toText());
        assertEquals(Double.doubleToLongBits(expected.getY()), Double.doubleToLongBits(actual.getY()), g.toText());
    }

    @Test
    void randomPolygonsHolesAndMultipolygonsInBothOrientations() {
        Random rnd = new Random(31);
        for (GeometryFactory gf : new GeometryFactory[]{new GeometryFactory(), LocalFeatures.PACKED}) {
            for (int i = 0; i < 1000; i++) assertSameAsJts(PolygonSamples.random(rnd, gf, i, false, false));
        }
    }

    @Test
    void ringOrientationIsJtsOnRandomRingsWithRepeatsFlatTopsAndTurnBacks() {
        Random rnd = new Random(41);
        GeometryFactory gf = LocalFeatures.PACKED;
        for (int i = 0; i < 5000; i++) {
            int n = 3 + rnd.nextInt(i % 7 == 0 ? 6 : 60);
            Coordinate[] cs = new Coordinate[n + 1];
            for (int k = 0; k < n; k++) {
                // small integer grids: many equal y (flat tops), repeated vertices and collinear triples
                double x = i % 2 == 0 ? rnd.nextInt(5) : rnd.nextDouble() * 100;
                double y = i % 3 == 0 ? rnd.nextInt(3) : rnd.nextDouble() * 100;
                cs[k] = new Coordinate(x, y);
                if (k > 0 && rnd.nextInt(6) == 0) cs[k] = cs[k - 1].copy();
            }
            if (i % 50 == 0) cs[rnd.nextInt(n)].y = Double.NaN; // JTS's comparisons with NaN, kept as they are
            cs[n] = cs[0].copy();
            org.locationtech.jts.geom.CoordinateSequence seq = gf.getCoordinateSequenceFactory().create(cs);
            assertEquals(org.locationtech.jts.algorithm.Orientation.isCCW(seq), AreaCentroid.isCCW(seq), java.util.Arrays.toString(cs));
        }
    }

    @Test
    void specialCasesAreLeftToJts() {
        for (String s : new String[]{"POLYGON EMPTY", "MULTIPOLYGON EMPTY", "POINT (1 2)", "LINESTRING (0 0, 2 2)",
                "POLYGON ((0 0, 10 0, 20 0, 0 0))", // zero area: JTS's line centroid
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"}) {
            assertSameAsJts(wkt(s));
        }
    }

    @Test
    void realPolygonsGiveJtsCentroids() throws ParseException {
        int n = PolygonSamples.redon(AreaCentroidTest::assertSameAsJts);
        assertTrue(n > 500, n + " polygons");
    }
}
