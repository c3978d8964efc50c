package fr.bdfsync.core.feature;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.distance.DistanceToPoint;
import org.locationtech.jts.algorithm.distance.PointPairDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-order fast path of {@link GeometryEquality#compare} (no normalisation when every vertex is within the
 * tolerance of the vertex at the same position), the squared-distance filters, and the allocation-free point
 * distance, which must give JTS's {@code DistanceToPoint} bit for bit.
 */
class GeometryEqualityFastPathTest {
    private static final GeometryFactory F = new GeometryFactory();
    private final GeometryEquality eq = new GeometryEquality(0.01, 0.05);

    private static Geometry g(String wkt) throws Exception {
        return new WKTReader().read(wkt);
    }

    @Test
    void movesBelowTheToleranceInOrderAreTheSameAndMeasured() throws Exception {
        Geometry a = g("POLYGON((0 0,10 0,10 10,0 10,0 0))");
        Geometry b = g("POLYGON((0 0,10.006 0,10 10,0 10,0 0))");
        GeometryEquality.Comparison c = eq.compare(a, b);
        assertTrue(c.same());
        assertFalse(c.identical());
        assertTrue(c.hausdorff() > 0 && c.hausdorff() <= 0.006 + 1e-12, "hausdorff " + c.hausdorff());
        assertEquals(b.getArea() - a.getArea(), c.areaDelta(), 0);
    }

    @Test
    void oneVertexAboveTheToleranceLeavesTheFastPathAndIsAChange() throws Exception {
        Geometry a = g("LINESTRING(0 0,10 0,20 0)");
        assertFalse(eq.same(a, g("LINESTRING(0 0,10 0.02,20 0)")));
        assertTrue(eq.same(a, g("LINESTRING(0 0.009,10 0.009,20 -0.009)")));
        // the move is above the tolerance but along the straight edge: still the same shape (full comparison)
        assertTrue(eq.same(a, g("LINESTRING(0 0,12 0,20 0)")));
    }

    @Test
    void aMoveExactlyAtTheToleranceIsAbsorbedAndJustAboveIsNot() throws Exception {
        GeometryEquality e = new GeometryEquality(0.5, 0);
        Geometry a = g("LINESTRING(0 0,3 4,10 0)");
        assertTrue(e.same(a, g("LINESTRING(0 0,3.3 4.4,10 0)")) == (Math.hypot(0.3, 0.4) <= 0.5));
        assertTrue(e.same(a, g("LINESTRING(0 0,3 4.5,10 0)")));
        assertFalse(e.same(a, g("LINESTRING(0 0,3 4.5000001,10 0)")));
    }

    @Test
    void otherStartVertexOrientationRepeatsAndMultiStillGoThroughNormalisation() throws Exception {
        Geometry a = g("POLYGON((0 0,10 0,10 10,0 10,0 0))");
        assertTrue(eq.same(a, g("POLYGON((10 10,0 10,0 0,10 0,10 10))")));
        assertTrue(eq.same(a, g("POLYGON((0 0,0 10,10 10,10 0,0 0))")));
        assertTrue(eq.same(a, g("POLYGON((0 0,10 0,10 0,10 10,0 10,0 0))")));
        assertTrue(eq.same(a, g("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)))")));
        assertTrue(eq.same(a, g("MULTIPOLYGON(((10 10.004,0 10,0 0,10 0,10 10.004)))")));
        assertFalse(eq.same(a, g("MULTIPOLYGON(((10 10.5,0 10,0 0,10 0,10 10.5)))")));
    }

    @Test
    void reversedLineIsNeverTakenForTheSameByTheFastPath() throws Exception {
        assertFalse(eq.same(g("LINESTRING(0 0,10 0)"), g("LINESTRING(10 0,0 0)")));
        assertTrue(eq.same(g("LINESTRING(0 0,0.005 0)"), g("LINESTRING(0.005 0,0 0)")));
    }

    @Test
    void zToleranceAppliesOnTheFastPath() throws Exception {
        Geometry a = g("LINESTRING Z(0 0 100,10 0 100)");
        assertTrue(eq.same(a, g("LINESTRING Z(0 0 100.04,10 0.005 100)")));
        GeometryEquality.Comparison c = eq.compare(a, g("LINESTRING Z(0 0 100.06,10 0.005 100)"));
        assertFalse(c.same());
        assertEquals(0.06, c.maxDz(), 1e-9);
        assertFalse(eq.same(a, g("LINESTRING(0 0,10 0)")));
    }

    @Test
    void identicalVerticesAreIdentical() throws Exception {
        GeometryEquality.Comparison c = eq.compare(g("LINESTRING(0 0,10 0)"), g("LINESTRING(0 0,10 0)"));
        assertTrue(c.same() && c.identical());
        assertEquals(0, c.hausdorff());
    }

    @Test
    void pointDistanceIsJtsDistanceToPointBitForBit() {
        Random r = new Random(20261126L);
        for (int t = 0; t < 6000; t++) {
            Geometry g = randomGeometry(r, t % 4);
            for (int k = 0; k < 5; k++) {
                Coordinate p = k == 0 ? g.getCoordinates()[r.nextInt(g.getNumPoints())].copy()
                        : k == 1 ? new Coordinate(g.getCoordinates()[0].x + r.nextGaussian() * 1e-6, g.getCoordinates()[0].y)
                        : new Coordinate(700000 + r.nextDouble() * 200, 6400000 + r.nextDouble() * 200);
                PointPairDistance ppd = new PointPairDistance();
                DistanceToPoint.computeDistance(g, p, ppd);
                assertEquals(Double.doubleToLongBits(ppd.getDistance()), Double.doubleToLongBits(GeometryEquality.pointDistance(g, p)),
                        () -> g + " " + p);
                // bounded by a vertex of g near p (the vertex p was moved from, as the comparison passes it): the same bits
                Coordinate[] cs = g.getCoordinates();
                Coordinate near = k == 0 ? p : cs[r.nextInt(cs.length)];
                Coordinate moved = k == 1 ? p : new Coordinate(near.x + r.nextGaussian() * Math.pow(10, -r.nextInt(7)), near.y + r.nextGaussian() * 1e-3);
                PointPairDistance ppd2 = new PointPairDistance();
                DistanceToPoint.computeDistance(g, moved, ppd2);
                assertEquals(Double.doubleToLongBits(ppd2.getDistance()), Double.doubleToLongBits(GeometryEquality.pointDistance(g, moved, near)),
                        () -> g + " " + moved + " near " + near);
            }
        }
    }

    /**
     * Vertices slid along their edges or moved a little off them (the branch that checks the edges with the densified
     * Hausdorff distance): the verdict is JTS's {@code DiscreteHausdorffDistance.distance(a, b, 0.25) <= tolerance} on
     * the normalised shapes, and a change reports exactly that distance.
     */
    @Test
    void slidVerticesAgreeWithTheDensifiedHausdorffDistance() {
        // lines and polygons without holes (kinds 0, 1)
        checkSlidVertices(new Random(5150), new int[]{0, 1}, 3000, 500, 500, 100);
    }

    @Test
    void slidVerticesOnHolesAndMultiPartsAgreeWithTheDensifiedHausdorffDistance() {
        // a polygon with a hole, a MultiLineString, a MultiPolygon with a hole in one part (kinds 2, 3, 4): the
        // moved vertices may lie on any ring or part, so the segments checked cross no component boundary
        checkSlidVertices(new Random(77), new int[]{2, 3, 4}, 3000, 500, 500, 100);
    }

    @Test
    void aBowtieHoleOnTheSameVerticesIsAChangeInAPolygonAndInAMultiPolygonsSecondPart() throws Exception {
        // every moved vertex of the hole lies on the other hole (they share their four vertices): only the edges
        // differ, so only the densified distance on the moved vertices' segments sees it (here on a hole, then on a
        // hole of a Multi's second part)
        String square = "(4 4, 4 6, 6 6, 6 4, 4 4)", bowtie = "(4 4, 6 6, 4 6, 6 4, 4 4)";
        String[][] pairs = {
                {"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), " + square + ")", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), " + bowtie + ")"},
                {"MULTIPOLYGON (((20 0, 30 0, 30 5, 20 5, 20 0)), ((0 0, 10 0, 10 10, 0 10, 0 0), " + square + "))",
                        "MULTIPOLYGON (((20 0, 30 0, 30 5, 20 5, 20 0)), ((0 0, 10 0, 10 10, 0 10, 0 0), " + bowtie + "))"}};
        for (String[] p : pairs) {
            Geometry a = g(p[0]), b = g(p[1]);
            double hd = org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(
                    GeometryEquality.normalise(a), GeometryEquality.normalise(b), 0.25);
            GeometryEquality.Comparison cmp = new GeometryEquality(0.05, 0.001).compare(a, b);
            assertFalse(cmp.same(), p[1]);
            assertTrue(hd > 0.4, "JTS densified distance " + hd);
            assertEquals(Double.doubleToLongBits(hd), Double.doubleToLongBits(cmp.hausdorff()), p[1]);
        }
    }

    /**
     * Slides 1-3 vertices along their edge (sometimes a little off it) and checks the verdict against JTS's
     * {@code DiscreteHausdorffDistance.distance(a, b, 0.25) <= tolerance} on the normalised shapes; a change reports
     * exactly that distance, or JTS's distance over the vertices when vertices moved beyond the tolerance.
     */
    private static void checkSlidVertices(Random r, int[] kinds, int cases, int minSame, int minChanged, int minDensified) {
        int same = 0, changed = 0, densified = 0;
        for (int t = 0; t < cases; t++) {
            Geometry a = randomGeometry(r, kinds[t % kinds.length]);
            Coordinate[] c = a.getCoordinates();
            Coordinate[] m = new Coordinate[c.length];
            for (int i = 0; i < c.length; i++) m[i] = c[i].copy();
            java.util.List<int[]> comps = components(a); // {start, end, 1 when a ring}
            for (int k = 0, moves = 1 + r.nextInt(3); k < moves; k++) {
                int[] comp = comps.get(r.nextInt(comps.size()));
                boolean ring = comp[2] == 1;
                int len = comp[1] - comp[0], n = ring ? len - 1 : len;
                if (!ring && n < 3) continue;
                int i = ring ? r.nextInt(n) : 1 + r.nextInt(n - 2); // a line's ends stay in place
                Coordinate next = c[comp[0] + (i + 1) % n], at = c[comp[0] + i];
                double f = r.nextDouble() * 0.3, off = r.nextInt(3) == 0 ? r.nextGaussian() * 0.002 : 0;
                Coordinate to = m[comp[0] + i];
                to.x = at.x + f * (next.x - at.x) + off;
                to.y = at.y + f * (next.y - at.y) - off;
                if (ring && i == 0) m[comp[1] - 1] = to.copy();
            }
            Geometry b = withCoordinates(a, m);
            if (!b.isValid() || !a.isValid()) continue;
            for (double tol : new double[]{0.0015, 0.05, 1.25}) {
                GeometryEquality e = new GeometryEquality(tol, 0.001);
                GeometryEquality.Comparison cmp = e.compare(a, b);
                double hd = org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(
                        GeometryEquality.normalise(a), GeometryEquality.normalise(b), 0.25);
                if (hd > tol && cmp.same()) throw new AssertionError("same at " + tol + " with densified Hausdorff " + hd + ": " + a + " / " + b);
                if (!cmp.same() && cmp.hausdorff() <= tol) {
                    // not the same for another reason (line ends, vertices moved beyond the tolerance): nothing to check here
                    continue;
                }
                if (cmp.same()) same++;
                else {
                    changed++;
                    // the measure of a change: JTS's densified distance, or (vertices moved beyond the tolerance, found
                    // without looking at the edges) JTS's distance over the vertices; bit for bit either way
                    double hv = org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(
                            GeometryEquality.normalise(a), GeometryEquality.normalise(b));
                    long bits = Double.doubleToLongBits(cmp.hausdorff());
                    if (bits != Double.doubleToLongBits(hd) && bits != Double.doubleToLongBits(hv)) {
                        throw new AssertionError("a change measured " + cmp.hausdorff() + ", JTS " + hd + " densified, " + hv
                                + " over the vertices, at " + tol + ": " + a + " / " + b);
                    }
                    if (bits == Double.doubleToLongBits(hd)) densified++;
                }
            }
        }
        assertTrue(same > minSame && changed > minChanged && densified > minDensified,
                same + " same, " + changed + " changed, " + densified + " measured densified");
    }

    /** The linear components of g in {@code getCoordinates()} order: {start, end (exclusive), 1 for a ring}. */
    private static java.util.List<int[]> components(Geometry g) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int[] at = {0};
        g.apply((org.locationtech.jts.geom.GeometryComponentFilter) part -> {
            if (part instanceof org.locationtech.jts.geom.LineString) {
                int n = part.getNumPoints();
                out.add(new int[]{at[0], at[0] + n, part instanceof LinearRing ? 1 : 0});
                at[0] += n;
            }
        });
        return out;
    }

    /** A copy of g (lines and rings only) with the same structure and the coordinates {@code m} in {@code getCoordinates()} order. */
    private static Geometry withCoordinates(Geometry g, Coordinate[] m) {
        Geometry b = g.copy();
        int[] k = {0};
        b.apply((org.locationtech.jts.geom.GeometryComponentFilter) part -> {
            if (!(part instanceof org.locationtech.jts.geom.LineString)) return;
            org.locationtech.jts.geom.CoordinateSequence seq = ((org.locationtech.jts.geom.LineString) part).getCoordinateSequence();
            for (int i = 0; i < seq.size(); i++, k[0]++) {
                seq.setOrdinate(i, 0, m[k[0]].x);
                seq.setOrdinate(i, 1, m[k[0]].y);
            }
        });
        b.geometryChanged();
        return b;
    }

    private static Geometry randomGeometry(Random r, int kind) {
        int n = 3 + r.nextInt(60);
        double x0 = 700000 + r.nextDouble() * 100, y0 = 6400000 + r.nextDouble() * 100;
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n, rad = 5 + r.nextDouble() * 50;
            c[i] = new Coordinate(x0 + rad * Math.cos(a), y0 + rad * Math.sin(a));
            if (i > 0 && r.nextInt(10) == 0) c[i] = c[i - 1].copy(); // a repeated vertex: zero-length segment
        }
        c[n] = c[0].copy();
        switch (kind) {
            case 0:
                return F.createLineString(java.util.Arrays.copyOf(c, n));
            case 1:
                return F.createPolygon(c);
            case 2: {
                LinearRing hole = F.createLinearRing(new Coordinate[]{new Coordinate(x0 - 1, y0 - 1), new Coordinate(x0 + 1, y0 - 1),
                        new Coordinate(x0 + 1, y0 + 1), new Coordinate(x0 - 1, y0 + 1), new Coordinate(x0 - 1, y0 - 1)});
                return F.createPolygon(F.createLinearRing(c), new LinearRing[]{hole});
            }
            case 4: {
                LinearRing hole = F.createLinearRing(new Coordinate[]{new Coordinate(x0 - 1, y0 - 1), new Coordinate(x0 + 1, y0 - 1),
                        new Coordinate(x0 + 1, y0 + 1), new Coordinate(x0 - 1, y0 + 1), new Coordinate(x0 - 1, y0 - 1)});
                Polygon far = F.createPolygon(new Coordinate[]{new Coordinate(x0 + 200, y0), new Coordinate(x0 + 230, y0),
                        new Coordinate(x0 + 230, y0 + 20), new Coordinate(x0 + 200, y0 + 20), new Coordinate(x0 + 200, y0)});
                return F.createMultiPolygon(new Polygon[]{F.createPolygon(F.createLinearRing(c), new LinearRing[]{hole}), far});
            }
            default:
                return F.createMultiLineString(new org.locationtech.jts.geom.LineString[]{
                        F.createLineString(java.util.Arrays.copyOf(c, n)), F.createLineString(new Coordinate[]{new Coordinate(x0, y0), new Coordinate(x0 + 3, y0 + 4)})});
        }
    }
}
