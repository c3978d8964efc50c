package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DirectedDistance.Bands#of} (twelfth round: counts then a backward fill, no copy of the starts, one-band
 * segments without the loop over bands) lists the same segments in the same order as the build it replaced,
 * {@link #reference} below, with the same x-ranges; and the directed distance, whose previous-vertex probe no longer
 * divides, still returns the minimum over every segment, bit for bit.
 */
class BandsTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void bandsListTheSegmentsOfTheReferenceBuild() {
        Random rnd = new Random(12);
        int multiBand = 0;
        for (int i = 0; i < 3000; i++) {
            Geometry g = sample(rnd, i);
            DirectedDistance.Segments s = DirectedDistance.Segments.of(g);
            DirectedDistance.Bands b = DirectedDistance.Bands.of(s);
            Ref r = reference(s);
            String what = "geometry " + i + " " + g.getGeometryType() + " of " + g.getNumPoints() + " points";
            assertEquals(r.count, b.count, what);
            assertEquals(r.minY, b.minY, 0, what);
            assertEquals(r.maxY, b.maxY, 0, what);
            assertEquals(r.scale, b.scale, 0, what);
            assertArrayEquals(r.start, b.start, what);
            assertArrayEquals(r.items, b.items, what);
            for (int k = 0; k < r.count; k++) {
                assertTrue(r.minX[k] == b.minX[k] && r.maxX[k] == b.maxX[k], what + " band " + k);
            }
            if (b.items.length > s.size) multiBand++;
        }
        assertTrue(multiBand > 1000, multiBand + " geometries with a segment in several bands");
    }

    /**
     * A single ring or line in packed XY coordinates lends its own array to the segments (no copy): the same vertices,
     * bounds and segment count as the copy built from the same geometry in plain coordinates, and the ring untouched.
     */
    @Test
    void aPackedRingGivesTheSegmentsOfItsCopy() {
        Random rnd = new Random(1213);
        int shared = 0;
        for (int i = 0; i < 3000; i++) {
            Geometry packed = sample(rnd, i);
            Geometry plain = GF.createGeometry(packed);
            double[] before = packed.getCoordinates().length == 0 ? new double[0] : flat(packed);
            DirectedDistance.Segments p = DirectedDistance.Segments.of(packed);
            DirectedDistance.Segments c = DirectedDistance.Segments.of(plain);
            String what = "geometry " + i + " " + packed.getGeometryType();
            assertEquals(c.size, p.size, what);
            assertEquals(c.minY, p.minY, 0, what);
            assertEquals(c.maxY, p.maxY, 0, what);
            int used = 2 * Math.min(c.size + 1, c.xy.length / 2);
            assertArrayEquals(Arrays.copyOf(c.xy, used), Arrays.copyOf(p.xy, used), what);
            DirectedDistance.Bands bp = DirectedDistance.Bands.of(p);
            DirectedDistance.Bands bc = DirectedDistance.Bands.of(c);
            assertArrayEquals(bc.start, bp.start, what);
            assertArrayEquals(bc.items, bp.items, what);
            assertArrayEquals(before, flat(packed), what + ": the ring was written to");
            if (p.xy.length == used) shared++;
        }
        assertTrue(shared > 1000, shared + " geometries whose ring array was shared");
    }

    private static double[] flat(Geometry g) {
        Coordinate[] cs = g.getCoordinates();
        double[] out = new double[2 * cs.length];
        for (int k = 0; k < cs.length; k++) {
            out[2 * k] = cs[k].x;
            out[2 * k + 1] = cs[k].y;
        }
        return out;
    }

    @Test
    void directedDistanceIsTheMinimumOverEverySegment() {
        Random rnd = new Random(1212);
        for (int i = 0; i < 1500; i++) {
            Geometry a = sample(rnd, i);
            Geometry b = i % 3 == 0 ? sample(rnd, i + 1) : moved(rnd, a);
            if (a.isEmpty() || b.isEmpty()) continue;
            DirectedDistance.Target tb = new DirectedDistance.Target(b);
            assertEquals(bruteForce(a, tb.segments()), DirectedDistance.toFacets(a, tb), 0, "pair " + i);
            DirectedDistance.Target ta = new DirectedDistance.Target(a);
            assertEquals(Math.max(bruteForce(a, tb.segments()), bruteForce(b, ta.segments())),
                    DirectedDistance.symmetricToFacets(a, tb, b, ta), 0, "pair " + i);
        }
    }

    private static double bruteForce(Geometry from, DirectedDistance.Segments to) {
        double max = 0;
        for (Coordinate c : from.getCoordinates()) {
            double best = Double.POSITIVE_INFINITY;
            for (int s = 0; s < to.size; s++) {
                double d = to.distanceSq(s, c.x, c.y);
                if (d < best) best = d;
            }
            max = Math.max(max, Math.sqrt(best));
        }
        return max;
    }

    /** Polygons with and without holes, multipolygons, lines, points, and degenerate rings (flat, repeated, collinear). */
    private static Geometry sample(Random rnd, int i) {
        switch (i % 8) {
            case 0, 1, 2:
                return packed(PolygonSamples.random(rnd, GF, i, i % 4 == 1, i % 6 == 0));
            case 3: {
                Geometry a = PolygonSamples.random(rnd, GF, i, false, false);
                Geometry b = PolygonSamples.random(rnd, GF, i + 7, true, false);
                double dx = a.getEnvelopeInternal().getWidth() * (0.5 + rnd.nextDouble());
                Geometry moved = org.locationtech.jts.geom.util.AffineTransformation.translationInstance(dx, rnd.nextDouble() * 10).transform(b);
                List<Polygon> ps = new ArrayList<>();
                for (Geometry g : new Geometry[]{a, moved}) {
                    for (int k = 0; k < g.getNumGeometries(); k++) ps.add((Polygon) g.getGeometryN(k));
                }
                return packed(GF.createMultiPolygon(ps.toArray(new Polygon[0])));
            }
            case 4: { // collinear vertices and horizontal edges on a grid
                int n = 4 + rnd.nextInt(40);
                List<Coordinate> cs = new ArrayList<>();
                for (int k = 0; k < n; k++) cs.add(new Coordinate(k, rnd.nextInt(3)));
                for (int k = n - 1; k >= 0; k--) cs.add(new Coordinate(k, 5 + rnd.nextInt(3)));
                cs.add(cs.get(0));
                return packed(GF.createPolygon(cs.toArray(new Coordinate[0])));
            }
            case 5: { // a flat ring (every y equal) or a ring with repeated vertices
                int n = 3 + rnd.nextInt(30);
                Coordinate[] cs = new Coordinate[n + 1];
                boolean flat = rnd.nextBoolean();
                for (int k = 0; k < n; k++) {
                    cs[k] = flat ? new Coordinate(rnd.nextInt(20), 3) : new Coordinate(rnd.nextInt(6), rnd.nextInt(6));
                }
                cs[n] = cs[0];
                return packed(GF.createLineString(cs));
            }
            case 6: { // a line of long segments crossing many bands
                int n = 2 + rnd.nextInt(60);
                Coordinate[] cs = new Coordinate[n];
                for (int k = 0; k < n; k++) cs[k] = new Coordinate(rnd.nextDouble() * 1000, rnd.nextDouble() * 1000);
                return packed(GF.createLineString(cs));
            }
            default:
                return rnd.nextInt(4) == 0 ? GF.createPoint(new Coordinate(rnd.nextDouble(), rnd.nextDouble()))
                        : packed(GF.createMultiPoint(new Coordinate[]{new Coordinate(1, 2), new Coordinate(rnd.nextDouble() * 50, rnd.nextDouble() * 50)}));
        }
    }

    private static Geometry moved(Random rnd, Geometry g) {
        Geometry c = g.copy();
        c.apply((org.locationtech.jts.geom.CoordinateSequenceFilter) new org.locationtech.jts.geom.CoordinateSequenceFilter() {
            public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int k) {
                seq.setOrdinate(k, 0, seq.getX(k) + rnd.nextGaussian() * 0.5);
                seq.setOrdinate(k, 1, seq.getY(k) + rnd.nextGaussian() * 0.5);
            }

            public boolean isDone() {
                return false;
            }

            public boolean isGeometryChanged() {
                return true;
            }
        });
        return c;
    }

    /** Packed XY coordinates, as the attach's parser gives them (written to WKB and read back by {@link PackedWkb}). */
    private static Geometry packed(Geometry g) {
        try {
            return PackedWkb.read(new org.locationtech.jts.io.WKBWriter(2).write(g), LocalFeatures.PACKED);
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private record Ref(double minY, double maxY, double scale, int count, int[] start, int[] items, double[] minX, double[] maxX) {
    }

    /** The build of main before the twelfth round, copied as it was (with a copy of the starts to fill from), at the new band count. */
    private static Ref reference(DirectedDistance.Segments s) {
        double lo = s.minY;
        double hi = s.maxY;
        int count = Math.max(1, Math.min(256, s.size / 4)); // the band count of the twelfth round (was s.size / 8)
        double scale = hi > lo ? count / (hi - lo) : 0;
        int vertices = Math.min(s.size + 1, s.xy.length / 2);
        int[] band = new int[vertices];
        for (int i = 0; i < vertices; i++) {
            int b = (int) ((s.xy[2 * i + 1] - lo) * scale);
            band[i] = Double.isNaN(s.xy[2 * i + 1]) ? -1 : b < 0 ? 0 : Math.min(count - 1, b);
        }
        int[] start = new int[count + 1];
        for (int i = 0; i < s.size; i++) {
            int b0 = band[i];
            int b1 = band[i + 1];
            if (b0 < 0 || b1 < 0) continue;
            int to = Math.max(b0, b1);
            for (int b = Math.min(b0, b1); b <= to; b++) start[b + 1]++;
        }
        for (int b = 0; b < count; b++) start[b + 1] += start[b];
        int[] items = new int[start[count]];
        int[] fill = Arrays.copyOf(start, count);
        double[] minX = new double[count];
        double[] maxX = new double[count];
        Arrays.fill(minX, Double.POSITIVE_INFINITY);
        Arrays.fill(maxX, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < s.size; i++) {
            int b0 = band[i];
            int b1 = band[i + 1];
            if (b0 < 0 || b1 < 0) continue;
            double x0 = Math.min(s.xy[2 * i], s.xy[2 * i + 2]);
            double x1 = Math.max(s.xy[2 * i], s.xy[2 * i + 2]);
            if (Double.isNaN(x0) || Double.isNaN(x1)) {
                x0 = Double.NEGATIVE_INFINITY;
                x1 = Double.POSITIVE_INFINITY;
            }
            int to = Math.max(b0, b1);
            for (int b = Math.min(b0, b1); b <= to; b++) {
                items[fill[b]++] = i;
                if (x0 < minX[b]) minX[b] = x0;
                if (x1 > maxX[b]) maxX[b] = x1;
            }
        }
        return new Ref(lo, hi, scale, count, start, items, minX, maxX);
    }
}
