package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
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

    @Test
    void randomPolygonsHolesAndMultipolygonsInBothOrientations() {
        Random rnd = new Random(37);
        for (GeometryFactory gf : new GeometryFactory[]{new GeometryFactory(), LocalFeatures.PACKED}) {
            for (int i = 0; i < 2000; i++) assertSameAsJts(PolygonSamples.random(rnd, gf, i, i % 4 == 1, true));
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
        int n = PolygonSamples.redon(AreaInteriorPointTest::assertSameAsJts);
        assertTrue(n > 500, n + " polygons");
    }
}
