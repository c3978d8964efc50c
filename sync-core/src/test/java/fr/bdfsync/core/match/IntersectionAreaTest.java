package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

import java.util.Random;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IntersectionArea} against JTS's overlay ({@code a.intersection(b).getArea()}) on seeded random pairs. The
 * stated tolerance: |area - overlay area| ≤ 1e-12 × the larger of the two polygons' areas (the two sum the same
 * pieces in a different order; measured at most 1.3e-15 on 5,517 pairs, half of them identical to the last bit).
 */
class IntersectionAreaTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final double TOLERANCE = 1e-12;

    /** A star-shaped ring around (cx, cy), n vertices, radius r·[0.5, 1], vertices on a grid of the given step. */
    private static Coordinate[] star(Random rnd, double cx, double cy, double r, int n, double grid) {
        Coordinate[] cs = new Coordinate[n + 1];
        double turn = rnd.nextDouble();
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * (k + turn) / n;
            double rr = r * (0.5 + 0.5 * rnd.nextDouble());
            cs[k] = new Coordinate(snap(cx + rr * Math.cos(t), grid), snap(cy + rr * Math.sin(t), grid));
        }
        cs[n] = cs[0];
        return cs;
    }

    private static double snap(double v, double grid) {
        return grid > 0 ? Math.rint(v / grid) * grid : v;
    }

    /** A polygon (with a hole in a third of the cases), or a multipolygon of two (a fifth), or null when invalid. */
    private static Geometry polygonal(Random rnd, double cx, double cy, double grid) {
        double r = 5 + rnd.nextDouble() * 20;
        Geometry g;
        if (rnd.nextInt(5) == 0) {
            Polygon p1 = GF.createPolygon(star(rnd, cx, cy, r, 4 + rnd.nextInt(40), grid));
            Polygon p2 = GF.createPolygon(star(rnd, cx + 2.2 * r, cy + rnd.nextDouble() * r, r, 4 + rnd.nextInt(40), grid));
            g = GF.createMultiPolygon(new Polygon[]{p1, p2});
        } else if (rnd.nextInt(3) == 0) {
            LinearRing shell = GF.createLinearRing(star(rnd, cx, cy, r, 6 + rnd.nextInt(60), grid));
            LinearRing hole = GF.createLinearRing(star(rnd, cx, cy, r * 0.45, 3 + rnd.nextInt(12), grid));
            g = GF.createPolygon(shell, new LinearRing[]{rnd.nextBoolean() ? hole : hole.reverse()});
        } else {
            g = GF.createPolygon(star(rnd, cx, cy, r, 3 + rnd.nextInt(100), grid));
        }
        if (rnd.nextBoolean()) g = g.reverse(); // either orientation of every ring
        return g.isValid() ? g : null;
    }

    /** A partner of a: another random shape nearby, a's copy moved along the grid, scaled, or rebuilt. */
    private static Geometry partner(Random rnd, Geometry a, double grid) {
        Coordinate c = a.getEnvelopeInternal().centre();
        double step = grid > 0 ? grid : 0.37;
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> polygonal(rnd, snap(c.x + rnd.nextGaussian() * 8, grid), snap(c.y + rnd.nextGaussian() * 8, grid), grid);
            // shared edges (same and opposite directions), vertices on edges, touching copies
            case 2 -> AffineTransformation.translationInstance(step * (rnd.nextInt(9) - 4), step * (rnd.nextInt(9) - 4)).transform(a);
            case 3 -> a.copy();
            case 4 -> rnd.nextBoolean() ? a.reverse() : a.getEnvelope();
            // half of a's vertices kept, the others pushed out or in: many shared edges and vertices
            default -> {
                Geometry b = a.copy();
                b.apply((org.locationtech.jts.geom.CoordinateSequenceFilter) new org.locationtech.jts.geom.CoordinateSequenceFilter() {
                    @Override
                    public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
                        if (i % 2 == 1 && i < seq.size() - 1) {
                            seq.setOrdinate(i, 0, snap(seq.getX(i) + (rnd.nextInt(5) - 2) * step, grid));
                        }
                    }

                    @Override
                    public boolean isDone() {
                        return false;
                    }

                    @Override
                    public boolean isGeometryChanged() {
                        return true;
                    }
                });
                b.geometryChanged();
                yield b.isValid() ? b : null;
            }
        };
    }

    @Test
    void agreesWithTheOverlayOnRandomPairsIncludingSharedEdgesVerticesOnEdgesHolesAndMultipolygons() {
        Random rnd = new Random(42);
        int compared = 0;
        int overlapping = 0;
        int fellBack = 0;
        int exact = 0;
        for (int i = 0; i < 3000; i++) {
            double grid = switch (i % 3) {
                case 0 -> 1;   // coarse grid: coincident vertices, collinear edges, touching
                case 1 -> 0.5;
                default -> 0;  // general position
            };
            Geometry a = polygonal(rnd, 0, 0, grid);
            if (a == null) continue;
            Geometry b = partner(rnd, a, grid);
            if (b == null) continue;
            double expected = a.intersection(b).getArea();
            double got = IntersectionArea.of(a, b);
            if (Double.isNaN(got)) {
                fellBack++;
                continue;
            }
            double tol = TOLERANCE * Math.max(a.getArea(), b.getArea());
            assertEquals(expected, got, tol, () -> "pair " + a + " / " + b);
            assertEquals(expected, IntersectionArea.of(b, a), tol, () -> "swapped pair " + a + " / " + b);
            compared++;
            if (expected == got) exact++;
            if (expected > 0) overlapping++;
        }
        assertTrue(compared > 2500 && overlapping > 2400, compared + " compared, " + overlapping + " overlapping");
        // the same pieces summed in another order: about half the answers are bit for bit the overlay's
        assertTrue(exact > compared / 3, exact + " of " + compared + " identical to the last bit");
        assertTrue(fellBack <= compared / 1000, fellBack + " fell back to the overlay out of " + (compared + fellBack));
    }

    @Test
    void handBuiltCases() {
        Geometry square = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        // the same square, clockwise, and with a shared edge seen from the other side (touching: 0)
        assertEquals(100, IntersectionArea.of(square, square.reverse()), 0);
        assertEquals(0, IntersectionArea.of(square, wkt("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))")), 0);
        // corner touching, disjoint
        assertEquals(0, IntersectionArea.of(square, wkt("POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))")), 0);
        assertEquals(0, IntersectionArea.of(square, wkt("POLYGON ((30 30, 40 30, 40 40, 30 30))")), 0);
        // half overlap along shared edges (same direction), a vertex on an edge
        assertEquals(50, IntersectionArea.of(square, wkt("POLYGON ((0 0, 10 0, 10 5, 0 5, 0 0))")), 0);
        assertEquals(50, IntersectionArea.of(square, wkt("POLYGON ((5 0, 10 5, 5 10, 0 5, 5 0))")), 1e-12);
        // a hole: the square minus a 4x4 hole, against a band through the hole
        Geometry holed = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3))");
        assertEquals(10 * 4 - 4 * 4, IntersectionArea.of(holed, wkt("POLYGON ((-5 3, 15 3, 15 7, -5 7, -5 3))")), 1e-12);
        // a polygon inside the other's hole, exactly filling it: 0
        assertEquals(0, IntersectionArea.of(holed, wkt("POLYGON ((3 3, 7 3, 7 7, 3 7, 3 3))")), 0);
        // one polygon wholly inside the other (no edge meets)
        assertEquals(4, IntersectionArea.of(square, wkt("POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))")), 1e-12);
        // a multipolygon crossing both parts
        Geometry two = wkt("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0)), ((6 0, 10 0, 10 4, 6 4, 6 0)))");
        assertEquals(2 * 4 * 2, IntersectionArea.of(two, wkt("POLYGON ((-1 1, 11 1, 11 3, -1 3, -1 1))")), 1e-12);
    }

    @Test
    void notPolygonalAnswersNaNAndTheShapeMeasureFallsBackToTheOverlayForInvalidInput() {
        assertTrue(Double.isNaN(IntersectionArea.of(wkt("LINESTRING (0 0, 10 10)"), wkt("POLYGON ((0 0, 10 0, 10 10, 0 0))"))));
        // a bow tie is invalid: the shape is not valid, so the overlap comes from the overlay's fallback (buffer(0))
        Geometry bowtie = wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
        Geometry square = wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        Shape s = Shape.of(bowtie);
        assertFalse(s.valid());
        assertEquals(PolygonMeasures.overlap(bowtie, square), PolygonMeasures.overlap(s, Shape.of(square)));
        // a valid pair goes through the area-only method and agrees with the overlay
        Geometry other = wkt("POLYGON ((5 -5, 15 -5, 15 5, 5 5, 5 -5))");
        PolygonMeasures.Overlap viaShapes = PolygonMeasures.overlap(Shape.of(square), Shape.of(other));
        PolygonMeasures.Overlap viaOverlay = PolygonMeasures.overlap(square, other);
        assertEquals(viaOverlay.intersectionArea(), viaShapes.intersectionArea(), 1e-12);
        assertEquals(viaOverlay.overUnion(), viaShapes.overUnion(), 1e-12);
    }

    @Test
    void locateTellsTheBoundaryApartAsTheJtsLocatorDoes() {
        Random rnd = new Random(9);
        int boundary = 0;
        for (int i = 0; i < 300; i++) {
            Geometry g = polygonal(rnd, 0, 0, 1);
            if (g == null) continue;
            DirectedDistance.Target t = new DirectedDistance.Target(g);
            IndexedPointInAreaLocator jts = new IndexedPointInAreaLocator(g);
            Coordinate[] vs = g.getCoordinates();
            for (int k = 0; k < 150; k++) {
                Coordinate c = k < 30 ? vs[k % vs.length]
                        : k < 60 ? new Coordinate((vs[k % vs.length].x + vs[(k + 1) % vs.length].x) / 2, (vs[k % vs.length].y + vs[(k + 1) % vs.length].y) / 2)
                        : new Coordinate(Math.rint(rnd.nextDouble() * 120 - 60) / 2, Math.rint(rnd.nextDouble() * 120 - 60) / 2);
                int expected = switch (jts.locate(c)) {
                    case Location.INTERIOR -> DirectedDistance.Target.INTERIOR;
                    case Location.BOUNDARY -> DirectedDistance.Target.BOUNDARY;
                    default -> DirectedDistance.Target.EXTERIOR;
                };
                assertEquals(expected, t.locate(c), "geometry " + i + " point " + c);
                if (expected == DirectedDistance.Target.BOUNDARY) boundary++;
            }
        }
        assertTrue(boundary > 3000, boundary + " boundary points");
    }

    /**
     * The band shortcut of the part rule: a point it calls far is outside (JTS's locator) and further than the tolerance
     * from the outline (JTS's distance), and so answers EXTERIOR and -1 to {@code locate} and {@code within}; and it
     * calls far a good share of the points of the envelope, or it would save nothing.
     */
    @Test
    void surelyFarPointsAreOutsideAndBeyondTheTolerance() {
        Random rnd = new Random(13);
        int far = 0;
        int inEnvelope = 0;
        for (int i = 0; i < 300; i++) {
            Geometry g = polygonal(rnd, 0, 0, i % 2 == 0 ? 1 : 0);
            if (g == null) continue;
            DirectedDistance.Target t = new DirectedDistance.Target(g);
            IndexedPointInAreaLocator jts = new IndexedPointInAreaLocator(g);
            Geometry outline = g.getBoundary();
            org.locationtech.jts.geom.Envelope env = g.getEnvelopeInternal();
            Coordinate[] vs = g.getCoordinates();
            for (int k = 0; k < 200; k++) {
                double tol = k % 3 == 0 ? 0 : k % 3 == 1 ? 0.5 : 5;
                Coordinate c = k < 20 ? vs[k % vs.length]
                        : new Coordinate(env.getMinX() - 6 + rnd.nextDouble() * (env.getWidth() + 12),
                        env.getMinY() - 6 + rnd.nextDouble() * (env.getHeight() + 12));
                if (k % 7 == 0) c = new Coordinate(Math.rint(c.x), Math.rint(c.y));
                boolean surelyFar = t.surelyFar(c.x, c.y, tol);
                if (env.contains(c)) inEnvelope++;
                if (!surelyFar) continue;
                if (env.contains(c)) far++;
                assertEquals(Location.EXTERIOR, jts.locate(c), "geometry " + i + " point " + c);
                assertEquals(DirectedDistance.Target.EXTERIOR, t.locate(c), "geometry " + i + " point " + c);
                assertEquals(-1, t.within(c.x, c.y, tol, -1), "geometry " + i + " point " + c);
                assertTrue(outline.distance(GF.createPoint(c)) > tol, "geometry " + i + " point " + c + " tolerance " + tol);
            }
        }
        assertTrue(far > inEnvelope / 20, far + " of " + inEnvelope + " points of the envelopes called far");
    }
}
