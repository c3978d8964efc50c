package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
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

    private static Coordinate[] star(Random rnd, double cx, double cy, double r, int n, boolean reversed) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * (reversed ? n - k : k) / n;
            double rr = r * (0.5 + 0.5 * rnd.nextDouble());
            cs[k] = new Coordinate(cx + rr * Math.cos(t), cy + rr * Math.sin(t));
        }
        cs[n] = cs[0].copy();
        return cs;
    }

    @Test
    void randomPolygonsHolesAndMultipolygonsInBothOrientations() {
        Random rnd = new Random(31);
        for (GeometryFactory gf : new GeometryFactory[]{new GeometryFactory(), LocalFeatures.PACKED}) {
            for (int i = 0; i < 1000; i++) {
                double cx = 300000 + rnd.nextDouble() * 900000;
                double cy = 6000000 + rnd.nextDouble() * 1100000;
                int parts = i % 5 == 0 ? 2 + rnd.nextInt(2) : 1;
                Polygon[] ps = new Polygon[parts];
                for (int p = 0; p < parts; p++) {
                    double r = 5 + rnd.nextDouble() * 300;
                    LinearRing shell = gf.createLinearRing(star(rnd, cx + p * 3 * r, cy, r, 3 + rnd.nextInt(200), rnd.nextBoolean()));
                    LinearRing[] holes = new LinearRing[i % 3 == 0 ? 1 : 0];
                    if (holes.length == 1) holes[0] = gf.createLinearRing(star(rnd, cx + p * 3 * r, cy, r * 0.2, 3 + rnd.nextInt(20), rnd.nextBoolean()));
                    ps[p] = gf.createPolygon(shell, holes);
                }
                assertSameAsJts(parts == 1 ? ps[0] : gf.createMultiPolygon(ps));
            }
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
        int n = 0;
        try (Dataset d = Datasets.open(RealData.file(RealData.REDON))) {
            for (String layer : new String[]{"zone_de_vegetation", "surface_hydrographique", "plan_d_eau", "commune"}) {
                try (FeatureCursor c = d.read(layer)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        if (f.geometry() == null) continue;
                        assertSameAsJts(PackedWkb.read(f.geometry().wkb(), LocalFeatures.PACKED));
                        n++;
                    }
                }
            }
        }
        assertTrue(n > 500, n + " polygons");
    }
}
