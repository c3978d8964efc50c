package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DirectedDistance#insideShare(Geometry, DirectedDistance.Target, double, double, byte[])} counts the vertices
 * known outside first and locates the others afterwards (eighth round); {@link #slowPath} below is the count it replaced
 * (two pre-counts, then every vertex in ring order), kept here as the reference. Both must agree on every random pair:
 * the same share when it reaches the threshold (and the same vertices marked inside and outside, which the directed
 * distance reuses), a share below it in both otherwise.
 */
class InsideShareTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void countingFarVerticesFirstAnswersAsTheRingOrderCount() {
        Random rnd = new Random(8);
        int reached = 0;
        int below = 0;
        int stoppedEarly = 0;
        for (int i = 0; i < 1500; i++) {
            Geometry whole = PolygonSamples.random(rnd, GF, i, i % 4 == 1, i % 6 == 0);
            Geometry part = part(rnd, whole, i);
            if (!whole.isValid() || part.isEmpty()) continue;
            for (double tol : new double[]{0, 0.5, 5}) {
                for (double atLeast : new double[]{0, 0.5, 0.8}) {
                    DirectedDistance.Target t = new DirectedDistance.Target(whole);
                    byte[] fast = new byte[DirectedDistance.vertexCount(part)];
                    byte[] slow = new byte[fast.length];
                    double f = DirectedDistance.insideShare(part, t, tol, atLeast, fast);
                    double s = slowPath(part, t, tol, atLeast, slow);
                    String what = "pair " + i + " tolerance " + tol + " at least " + atLeast + ": " + f + " vs " + s;
                    if (s >= atLeast) {
                        reached++;
                        assertEquals(s, f, 0, what); // bit for bit
                        assertArrayEquals(slow, fast, what);
                    } else {
                        below++;
                        assertTrue(f < atLeast, what);
                        if (atLeast == 0) assertEquals(s, f, 0, what);
                    }
                    if (atLeast > 0) {
                        double full = slowPath(part, t, tol, 0, new byte[fast.length]);
                        assertEquals(full >= atLeast, f >= atLeast, what + " (full count " + full + ")");
                        if (full < atLeast && f > 0) stoppedEarly++;
                    }
                }
            }
        }
        assertTrue(reached > 1500 && below > 1500 && stoppedEarly > 200, reached + " reached, " + below + " below, " + stoppedEarly + " stopped early");
    }

    /**
     * The symmetric outline distance started from the first direction's value ({@link DirectedDistance#symmetricToFacets})
     * equals the max of the two directions computed apart, bit for bit, on the same random pairs.
     */
    @Test
    void symmetricDistanceSeededWithTheFirstDirectionIsTheMaxOfBoth() {
        Random rnd = new Random(88);
        int raisedBySecond = 0;
        for (int i = 0; i < 1500; i++) {
            Geometry a = PolygonSamples.random(rnd, GF, i, i % 4 == 1, i % 6 == 0);
            Geometry b = part(rnd, a, i);
            DirectedDistance.Target ta = new DirectedDistance.Target(a);
            DirectedDistance.Target tb = new DirectedDistance.Target(b);
            double ab = DirectedDistance.toFacets(a, tb);
            double ba = DirectedDistance.toFacets(b, ta);
            if (ba > ab) raisedBySecond++;
            assertEquals(Math.max(ab, ba), DirectedDistance.symmetricToFacets(a, tb, b, ta), 0, "pair " + i);
            assertEquals(Math.max(ab, ba), PolygonMeasures.hausdorff(Shape.of(a), Shape.of(b)), 0, "pair " + i);
        }
        assertTrue(raisedBySecond > 50, raisedBySecond + " pairs where the second direction is the larger");
    }

    /**
     * The fourteenth round's first pass stops as soon as the far vertices alone exceed what the threshold allows;
     * {@link #fullFirstPath} is the count before it (every vertex tested first, then the same test). Both return the
     * same value bit for bit on every random pair (0 when the far vertices are too many, in both), and the same marks
     * whenever the value reaches the threshold (the only case where the part rule reads them).
     */
    @Test
    void firstPassStoppingEarlyReturnsTheSameShare() {
        Random rnd = new Random(14);
        int stopped = 0;
        int reached = 0;
        for (int i = 0; i < 2000; i++) {
            Geometry whole = PolygonSamples.random(rnd, GF, i, i % 4 == 1, i % 6 == 0);
            Geometry part = part(rnd, whole, i);
            if (part.isEmpty()) continue;
            for (double tol : new double[]{0, 0.5, 5}) {
                for (double atLeast : new double[]{0, 0.5, 0.8}) {
                    DirectedDistance.Target t = new DirectedDistance.Target(whole);
                    byte[] fast = new byte[DirectedDistance.vertexCount(part)];
                    byte[] old = new byte[fast.length];
                    int[] far = new int[1];
                    double f = DirectedDistance.insideShare(part, t, tol, atLeast, fast);
                    double o = fullFirstPath(part, t, tol, atLeast, old, far);
                    String what = "pair " + i + " tolerance " + tol + " at least " + atLeast + ": " + f + " vs " + o;
                    assertEquals(Double.doubleToRawLongBits(o), Double.doubleToRawLongBits(f), what);
                    if (o >= atLeast) {
                        reached++;
                        assertArrayEquals(old, fast, what);
                    }
                    if (atLeast > 0 && far[0] > Math.floor(fast.length * (1 - atLeast))) stopped++;
                }
            }
        }
        assertTrue(stopped > 300 && reached > 1500, stopped + " stopped by the first pass, " + reached + " reached");
    }

    /** {@code insideShare} as it was before the fourteenth round (main at 1368dfe), line for line. */
    private static double fullFirstPath(Geometry from, DirectedDistance.Target to, double tolerance, double atLeast, byte[] mark, int[] farOut) {
        if (!(to.geometry() instanceof org.locationtech.jts.geom.Polygonal) || from.isEmpty()) return 0;
        Envelope env = new Envelope(to.geometry().getEnvelopeInternal());
        env.expandBy(tolerance);
        List<CoordinateSequence> seqs = sequences(from);
        int total = 0;
        int far = 0;
        int base = 0;
        for (CoordinateSequence seq : seqs) {
            int size = distinctSize(seq);
            for (int i = 0; i < size; i++) {
                double x = seq.getX(i);
                double y = seq.getY(i);
                boolean out = !env.contains(x, y) || to.surelyFar(x, y, tolerance);
                mark[base + i] = out ? (byte) 2 : 0;
                if (out) far++;
            }
            total += size;
            base += seq.size();
        }
        farOut[0] = far;
        int allowedOut = (int) Math.floor(total * (1 - atLeast) + 1e-9);
        if (atLeast > 0 && far > allowedOut) return 0;
        int in = 0;
        int out = far;
        int hint = 0;
        base = 0;
        Coordinate c = new Coordinate();
        for (CoordinateSequence seq : seqs) {
            int size = distinctSize(seq);
            int at = base;
            base += seq.size();
            for (int i = 0; i < size; i++) {
                if (mark[at + i] != 0) continue;
                c.x = seq.getX(i);
                c.y = seq.getY(i);
                boolean inside = to.inside(c);
                mark[at + i] = inside ? (byte) 1 : (byte) 2;
                boolean near = inside;
                if (!inside) {
                    int found = to.within(c.x, c.y, tolerance, hint);
                    if (found >= 0) {
                        hint = found;
                        near = true;
                    }
                }
                if (near) in++;
                else if (atLeast > 0 && ++out > allowedOut) return (double) in / total;
            }
        }
        return total == 0 ? 0 : (double) in / total;
    }

    /** A polygon near the whole: its copy moved by noise-sized steps, a neighbour beside it, or a smaller shape inside or across its outline. */
    private static Geometry part(Random rnd, Geometry whole, int i) {
        Envelope e = whole.getEnvelopeInternal();
        Coordinate c = e.centre();
        double r = Math.max(e.getWidth(), e.getHeight()) / 2;
        return switch (i % 4) {
            case 0 -> AffineTransformation.translationInstance(rnd.nextGaussian() * 3, rnd.nextGaussian() * 3).transform(whole);
            case 1 -> GF.createPolygon(PolygonSamples.star(rnd, c.x + (rnd.nextDouble() - 0.5) * 3 * r, c.y + (rnd.nextDouble() - 0.5) * 3 * r,
                    r * (0.2 + rnd.nextDouble()), 3 + rnd.nextInt(150), rnd.nextBoolean(), false));
            case 2 -> GF.createPolygon(PolygonSamples.star(rnd, c.x + (rnd.nextDouble() - 0.5) * r, c.y + (rnd.nextDouble() - 0.5) * r,
                    r * (0.1 + 0.5 * rnd.nextDouble()), 3 + rnd.nextInt(300), rnd.nextBoolean(), i % 8 == 2));
            default -> {
                // beside the whole: its copy moved by about its own width, so that only a side lies near its outline
                double dx = (rnd.nextBoolean() ? 1 : -1) * e.getWidth() * (0.6 + 0.6 * rnd.nextDouble());
                yield AffineTransformation.translationInstance(dx, rnd.nextGaussian() * 5).transform(whole);
            }
        };
    }

    /** The count before the eighth round, line for line: envelope and band pre-counts, then every vertex in ring order. */
    private static double slowPath(Geometry from, DirectedDistance.Target to, double tolerance, double atLeast, byte[] located) {
        if (!(to.geometry() instanceof org.locationtech.jts.geom.Polygonal) || from.isEmpty()) return 0;
        Envelope env = new Envelope(to.geometry().getEnvelopeInternal());
        env.expandBy(tolerance);
        List<CoordinateSequence> seqs = sequences(from);
        int total = 0;
        for (CoordinateSequence seq : seqs) total += distinctSize(seq);
        int allowedOut = (int) Math.floor(total * (1 - atLeast) + 1e-9);
        if (atLeast > 0) {
            int inEnvelope = 0;
            for (CoordinateSequence seq : seqs) {
                int size = distinctSize(seq);
                for (int i = 0; i < size; i++) if (env.contains(seq.getX(i), seq.getY(i))) inEnvelope++;
            }
            if (total - inEnvelope > allowedOut) return 0;
            int near = 0;
            for (CoordinateSequence seq : seqs) {
                int size = distinctSize(seq);
                for (int i = 0; i < size; i++) if (!to.surelyFar(seq.getX(i), seq.getY(i), tolerance)) near++;
            }
            if (total - near > allowedOut) return 0;
        }
        int n = 0;
        int in = 0;
        int hint = 0;
        int base = 0;
        Coordinate c = new Coordinate();
        for (CoordinateSequence seq : seqs) {
            int size = distinctSize(seq);
            int at = base;
            base += seq.size();
            for (int i = 0; i < size; i++) {
                c.x = seq.getX(i);
                c.y = seq.getY(i);
                n++;
                boolean near = false;
                if (env.contains(c) && !to.surelyFar(c.x, c.y, tolerance)) {
                    boolean inside = to.inside(c);
                    if (located != null) located[at + i] = inside ? (byte) 1 : (byte) 2;
                    if (inside) near = true;
                    else {
                        int found = to.within(c.x, c.y, tolerance, hint);
                        if (found >= 0) {
                            hint = found;
                            near = true;
                        }
                    }
                } else if (located != null) {
                    located[at + i] = 2;
                }
                if (near) in++;
                else if (atLeast > 0 && n - in > allowedOut) return (double) in / total;
            }
        }
        return n == 0 ? 0 : (double) in / n;
    }

    private static int distinctSize(CoordinateSequence seq) {
        return seq.size() > 1 && seq.getX(0) == seq.getX(seq.size() - 1) && seq.getY(0) == seq.getY(seq.size() - 1) ? seq.size() - 1 : seq.size();
    }

    private static List<CoordinateSequence> sequences(Geometry g) {
        List<CoordinateSequence> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            out.add(p.getExteriorRing().getCoordinateSequence());
            for (int h = 0; h < p.getNumInteriorRing(); h++) out.add(p.getInteriorRingN(h).getCoordinateSequence());
        }
        return out;
    }
}
