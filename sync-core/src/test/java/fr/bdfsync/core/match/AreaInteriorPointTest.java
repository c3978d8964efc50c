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
import org.locationtech.jts.util.AssertionFailedException;

import java.util.Random;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interior point is JTS's, to the last bit (z and coordinate class included), on random and real polygons. */
class AreaInteriorPointTest {
    private static void assertSameAsJts(Geometry g) {
        Point expected = g.getInteriorPoint();
        Point actual = AreaInteriorPoint.of(g);
        assertEquals(expected.isEmpty(), actual.isEmpty(), g.toText());
        if (expected.isEmpty()) return;
        Coordinate e = expected.getCoordinate();
        Coordinate a = actual.getCoordinate();
        assertEquals(e.getClass(), a.getClass(), g.toText());
        assertEquals(Double.doubleToLongBits(e.getX()), Double.doubleToLongBits(a.getX()), g.toText());
        assertEquals(Double.doubleToLongBits(e.getY()), Double.doubleToLongBits(a.getY()), g.toText());
        assertEquals(Double.doubleToLongBits(e.getZ()), Double.doubleToLongBits(a.getZ()), g.toText());
    }

    /** A star-shaped ring; with {@code grid}, vertices rounded to a 1 m grid, so that many share the scan line's rows. */
    private static Coordinate[] star(Random rnd, double cx, double cy, double r, int n, boolean reversed, boolean grid) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * (reversed ? n - k : k) / n;
            double rr = r * (0.5 + 0.5 * rnd.nextDouble());
            double x = cx + rr * Math.cos(t);
            double y = cy + rr * Math.sin(t);
            cs[k] = grid ? new Coordinate(Math.rint(x), Math.rint(y)) : new Coordinate(x, y);
        }
        cs[n] = cs[0].copy();
        return cs;
    }

    @Test
    void randomPolygonsHolesAndMultipolygonsInBothOrientations() {
        Random rnd = new Random(37);
        for (GeometryFactory gf : new GeometryFactory[]{new GeometryFactory(), LocalFeatures.PACKED}) {
            for (int i = 0; i < 2000; i++) {
                double cx = 300000 + rnd.nextDouble() * 900000;
                double cy = 6000000 + rnd.nextDouble() * 1100000;
                boolean grid = i % 4 == 1;
                int parts = i % 5 == 0 ? 2 + rnd.nextInt(2) : 1;
                Polygon[] ps = new Polygon[parts];
                for (int p = 0; p < parts; p++) {
                    double r = 5 + rnd.nextDouble() * 300;
                    LinearRing shell = gf.createLinearRing(star(rnd, cx + p * 3 * r, cy, r, 3 + rnd.nextInt(200), rnd.nextBoolean(), grid));
                    LinearRing[] holes = new LinearRing[i % 3 == 0 ? 1 + rnd.nextInt(2) : 0];
                    for (int h = 0; h < holes.length; h++) {
                        holes[h] = gf.createLinearRing(star(rnd, cx + p * 3 * r + (h - 0.5) * r * 0.5, cy, r * 0.2, 3 + rnd.nextInt(20), rnd.nextBoolean(), grid));
                    }
                    ps[p] = gf.createPolygon(shell, holes);
                }
                assertSameAsJts(parts == 1 ? ps[0] : gf.createMultiPolygon(ps));
            }
        }
    }

    @Test
    void specialCasesAnswerAsJts() {
        for (String s : new String[]{"POLYGON EMPTY", "MULTIPOLYGON EMPTY", "POINT (1 2)", "LINESTRING (0 0, 2 2)",
                "POLYGON ((0 0, 10 0, 20 0, 0 0))", // zero area: no crossing, the first vertex
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON Z ((0 0 5, 10 0 5, 10 10 5, 0 10 5, 0 0 5))",
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))", // the scan line through the hole
                "POLYGON ((0 0, 10 5, 0 10, 5 5, 0 0))", // a vertex of the shell on the middle row
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", // equal widths: the first part
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 9 5, 9 9, 5 5)))", // the wider second part
                "MULTIPOLYGON (((0 0, 10 0, 20 0, 0 0)), ((5 5, 9 5, 9 9, 5 5)))",
                "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"}) { // self-intersecting
            assertSameAsJts(wkt(s));
        }
        // a NaN coordinate is left to JTS, whose robustness assertion fails here: the same failure
        Geometry nan = new GeometryFactory().createPolygon(new Coordinate[]{new Coordinate(0, 0), new Coordinate(10, Double.NaN),
                new Coordinate(10, 10), new Coordinate(0, 0)});
        assertThrows(AssertionFailedException.class, nan::getInteriorPoint);
        assertThrows(AssertionFailedException.class, () -> AreaInteriorPoint.of(nan));
    }

    @Test
    void realPolygonsGiveJtsInteriorPoints() throws ParseException {
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
