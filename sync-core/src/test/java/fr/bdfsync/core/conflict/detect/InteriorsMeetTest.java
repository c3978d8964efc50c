package fr.bdfsync.core.conflict.detect;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.relateng.RelateNG;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link InteriorsMeet} answers as a prepared {@link RelateNG} evaluating {@code T********} on valid polygons: random
 * star-shaped polygons with and without holes (as the benchmark generator makes them), multipolygons, vertices on a
 * coarse grid so that many pairs touch at vertices or share edges, shapes inside holes, and shapes far apart.
 */
class InteriorsMeetTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void answersAsRelateOnRandomValidPolygons() {
        Random rnd = new Random(20261126);
        int meet = 0, apart = 0, byVertex = 0, byBoundaries = 0;
        for (int round = 0; round < 400; round++) {
            List<Geometry> shapes = new ArrayList<>();
            for (int i = 0; i < 12; i++) shapes.add(shape(rnd));
            for (Geometry a : shapes) {
                InteriorsMeet im = new InteriorsMeet(a);
                RelateNG relate = RelateNG.prepare(a);
                for (Geometry b : shapes) {
                    boolean expected = relate.evaluate(b, "T********");
                    assertEquals(expected, im.test(b), () -> a + " / " + b);
                    if (expected) meet++;
                    else apart++;
                    if (expected && im.byVertex(b)) byVertex++;
                    Boolean answer = im.byApartBoundaries(b);
                    if (answer != null) {
                        assertEquals(expected, answer, () -> "boundaries apart: " + a + " / " + b);
                        byBoundaries++;
                    }
                }
            }
        }
        assertTrue(meet > 1000 && apart > 1000, meet + " meet, " + apart + " apart");
        assertTrue(byVertex > meet / 2, byVertex + " of " + meet + " answered by a vertex inside");
        assertTrue(byBoundaries > apart / 2, byBoundaries + " of " + (meet + apart) + " answered with boundaries apart");
    }

    @Test
    void touchingSharingAndHoles() throws Exception {
        WKTReader r = new WKTReader(GF);
        Geometry square = r.read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Geometry withHole = r.read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))");
        // shares an edge, touches at a corner, lies in the hole, fills the hole exactly, crosses it, is inside
        String[] others = {"POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))", "POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))",
                "POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))", "POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))", "POLYGON ((1 4, 9 4, 9 6, 1 6, 1 4))",
                "POLYGON ((1 1, 1.5 1, 1.5 1.5, 1 1.5, 1 1))", "MULTIPOLYGON (((3 3, 4 3, 4 4, 3 4, 3 3)), ((20 20, 21 20, 21 21, 20 21, 20 20)))",
                "POLYGON ((-5 -5, 15 -5, 15 15, -5 15, -5 -5))"};
        for (Geometry a : List.of(square, withHole)) {
            for (String w : others) {
                Geometry b = r.read(w);
                assertEquals(RelateNG.prepare(a).evaluate(b, "T********"), new InteriorsMeet(a).test(b), a + " / " + w);
                assertEquals(RelateNG.prepare(b).evaluate(a, "T********"), new InteriorsMeet(b).test(a), w + " / " + a);
            }
        }
        assertFalse(new InteriorsMeet(withHole).test(r.read("POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))")));
        // boundaries without a common point answer without the relate: in the hole, inside, around, apart
        Geometry inHole = r.read("POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))"), around = r.read("POLYGON ((-5 -5, 15 -5, 15 15, -5 15, -5 -5))");
        assertEquals(Boolean.FALSE, new InteriorsMeet(withHole).byApartBoundaries(inHole));
        assertEquals(Boolean.FALSE, new InteriorsMeet(inHole).byApartBoundaries(withHole));
        assertEquals(Boolean.TRUE, new InteriorsMeet(square).byApartBoundaries(inHole));
        assertEquals(Boolean.TRUE, new InteriorsMeet(inHole).byApartBoundaries(square));
        assertEquals(Boolean.TRUE, new InteriorsMeet(withHole).byApartBoundaries(around));
        assertEquals(Boolean.FALSE, new InteriorsMeet(square).byApartBoundaries(r.read("POLYGON ((11 -1, 12 -1, 12 11, 11 11, 11 -1))")));
        assertEquals(Boolean.FALSE, new InteriorsMeet(square).byApartBoundaries(r.read("POLYGON ((20 20, 21 20, 21 21, 20 21, 20 20))")));
        // a shared edge or a touching corner: the relate decides
        assertNull(new InteriorsMeet(square).byApartBoundaries(r.read("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))")));
        assertNull(new InteriorsMeet(square).byApartBoundaries(r.read("POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))")));
        assertNull(new InteriorsMeet(withHole).byApartBoundaries(r.read("POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))")));
        assertTrue(new InteriorsMeet(square).test(r.read("POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))")));
        // not polygons: the relate answers
        assertTrue(new InteriorsMeet(square).test(r.read("LINESTRING (1 1, 5 5)")));
        assertFalse(new InteriorsMeet(square).test(r.read("LINESTRING (20 20, 25 25)")));
        assertFalse(new InteriorsMeet(square).byVertex(r.read("LINESTRING (1 1, 5 5)")));
    }

    /** A random shape: a star-shaped polygon, sometimes with a hole, sometimes two of them as a multipolygon. */
    private static Geometry shape(Random rnd) {
        double cx = rnd.nextInt(40), cy = rnd.nextInt(40);
        Polygon p = star(rnd, cx, cy, 4 + rnd.nextInt(10));
        if (rnd.nextInt(5) == 0) {
            Polygon q = star(rnd, cx + 30, cy + 30, 3);
            return p.distance(q) > 0 ? GF.createMultiPolygon(new Polygon[]{p, q}) : p;
        }
        return p;
    }

    private static Polygon star(Random rnd, double cx, double cy, double r) {
        boolean grid = rnd.nextBoolean();
        int n = 4 + rnd.nextInt(12);
        LinearRing shell = ring(rnd, cx, cy, r, 0.6, n, grid);
        if (rnd.nextInt(3) == 0) {
            LinearRing hole = ring(rnd, cx, cy, 0.3 * r, 0.0, 3 + rnd.nextInt(5), false);
            Polygon p = GF.createPolygon(shell, new LinearRing[]{(LinearRing) hole.reverse()});
            if (p.isValid()) return p;
        }
        return GF.createPolygon(shell);
    }

    private static LinearRing ring(Random rnd, double cx, double cy, double r, double wobble, int n, boolean grid) {
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double rr = r * (1 - wobble * rnd.nextDouble() * 0.5);
            double x = cx + rr * Math.cos(a), y = cy + rr * Math.sin(a);
            c[i] = grid ? new Coordinate(Math.round(x), Math.round(y)) : new Coordinate(x, y);
        }
        c[n] = c[0];
        LinearRing ring = GF.createLinearRing(c);
        if (!GF.createPolygon(ring).isValid()) { // rounding to the grid folded it: take it unrounded
            return grid ? ring(rnd, cx, cy, r, wobble, n, false) : GF.createLinearRing(square(cx, cy, r));
        }
        return ring;
    }

    private static Coordinate[] square(double cx, double cy, double r) {
        return new Coordinate[]{new Coordinate(cx - r, cy - r), new Coordinate(cx + r, cy - r), new Coordinate(cx + r, cy + r),
                new Coordinate(cx - r, cy + r), new Coordinate(cx - r, cy - r)};
    }
}
