package fr.bdfsync.core.match;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * The band version of {@link SimpleShell} as it was before monotone chains (kept for tests: the chain version must
 * accept every polygon this one accepts). A cheap sufficient condition for a valid polygon, tried before JTS's {@code isValid} (which nodes every ring: a
 * sixth of the attach time went there). It answers true only for a polygon (or a multipolygon of one polygon) with at
 * most {@link #MAX_HOLES} holes whose rings are each closed, have no two equal consecutive vertices and never turn back
 * on themselves at a vertex (three consecutive vertices on a line, as decided by JTS's robust orientation test, must go
 * on in the same direction), and where no two non-adjacent segments, of one ring or of two, may meet: their envelopes
 * are disjoint, or the ends of one lie strictly on one side of the other's line (the robust orientation test with which
 * JTS's line intersector, used by its validity check, rules a pair out). Each ring is then simple and no two rings
 * touch, so each hole lies wholly inside or outside the shell and every other hole, as its first vertex does: that
 * vertex must be inside the shell and outside every other hole (JTS's {@link RayCrossingCounter}, exact). Such a
 * polygon has simple rings, holes inside its shell, none nested, a connected interior: what JTS's validity rules ask.
 * Any other polygon (several parts, a ring failing a test) gets false and goes to JTS: the answer is never "valid"
 * where JTS would say invalid, so the shortcut changes no result.
 */
final class SimpleShellBands {
    /** Above this many holes the polygon is left to JTS (each hole is located against every other one). */
    private static final int MAX_HOLES = 32;
    /** Above this many segments in one band the pairwise envelope test is left to JTS (it would grow quadratic). */
    private static final int MAX_BAND = 64;

    private SimpleShellBands() {
    }

    static boolean surelyValid(Geometry g) {
        Polygon p;
        if (g instanceof Polygon q) p = q;
        else if (g instanceof MultiPolygon m && m.getNumGeometries() == 1) p = (Polygon) m.getGeometryN(0);
        else return false;
        if (p.isEmpty()) return false;
        int holes = p.getNumInteriorRing();
        if (holes > MAX_HOLES) return false;
        int rings = holes + 1;
        int total = 0; // vertices of every ring, each ring's closing vertex included
        for (int r = 0; r < rings; r++) {
            int size = ring(p, r).size();
            if (size < 4) return false;
            total += size;
        }
        Scratch sc = Scratch.of(total - 1);
        double[] x = sc.x;
        double[] y = sc.y;
        int[] ringOf = sc.ringOf;
        int[] first = sc.first(rings + 1); // first vertex of ring r; first[rings] = total
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int v = 0;
        for (int r = 0; r < rings; r++) {
            CoordinateSequence seq = ring(p, r);
            first[r] = v;
            int n = seq.size() - 1; // segments of the ring
            for (int i = 0; i <= n; i++, v++) {
                x[v] = seq.getX(i);
                y[v] = seq.getY(i);
                ringOf[v] = r;
                if (!Double.isFinite(x[v]) || !Double.isFinite(y[v])) return false;
                minY = Math.min(minY, y[v]);
                maxY = Math.max(maxY, y[v]);
            }
            int s0 = first[r];
            int e = s0 + n; // the closing vertex
            if (x[s0] != x[e] || y[s0] != y[e]) return false;
            for (int i = s0; i < e; i++) if (x[i] == x[i + 1] && y[i] == y[i + 1]) return false;
            for (int i = s0; i < e; i++) { // segment i and the next one share vertex i + 1
                int k = i + 2 <= e ? i + 2 : s0 + 1;
                // turns back: collinear and not going on. The comparisons first: a ring going on in x (or y) at its vertex
                // needs no orientation test (on a densified ring, most triples are collinear and cost JTS its exact arithmetic)
                if (!onward(x, y, i, i + 1, k) && orientation(x, y, i, i + 1, k) == Orientation.COLLINEAR) return false;
            }
        }
        first[rings] = total;
        // segment i runs from vertex i to vertex i + 1; a ring's closing vertex starts none. Each envelope once.
        double[] x0 = sc.x0;
        double[] x1 = sc.x1;
        double[] y0 = sc.y0;
        double[] y1 = sc.y1;
        for (int i = 0; i < total - 1; i++) {
            x0[i] = Math.min(x[i], x[i + 1]);
            x1[i] = Math.max(x[i], x[i + 1]);
            y0[i] = Math.min(y[i], y[i + 1]);
            y1[i] = Math.max(y[i], y[i + 1]);
        }
        // segments grouped by horizontal bands: two segments whose y-ranges meet share the band of a common y
        int segments = total - rings;
        int count = Math.max(1, Math.min(4096, segments / 4));
        double scale = maxY > minY ? count / (maxY - minY) : 0;
        int[] start = sc.start(count + 1);
        for (int r = 0; r < rings; r++) {
            for (int i = first[r]; i < first[r + 1] - 1; i++) {
                int from = band(y0[i], minY, scale, count);
                int to = band(y1[i], minY, scale, count);
                for (int q = from; q <= to; q++) start[q + 1]++;
            }
        }
        for (int q = 0; q < count; q++) {
            if (start[q + 1] > MAX_BAND) return false;
            start[q + 1] += start[q];
        }
        int[] items = sc.items(start[count]);
        int[] fill = sc.fill(count);
        System.arraycopy(start, 0, fill, 0, count);
        for (int r = 0; r < rings; r++) {
            for (int i = first[r]; i < first[r + 1] - 1; i++) {
                int from = band(y0[i], minY, scale, count);
                int to = band(y1[i], minY, scale, count);
                for (int q = from; q <= to; q++) items[fill[q]++] = i;
            }
        }
        for (int q = 0; q < count; q++) {
            for (int u = start[q]; u < start[q + 1]; u++) {
                int i = items[u];
                for (int w = u + 1; w < start[q + 1]; w++) {
                    int j = items[w];
                    if (!(x1[i] >= x0[j] && x1[j] >= x0[i] && y1[i] >= y0[j] && y1[j] >= y0[i])) continue; // envelopes apart
                    int lo = Math.min(i, j);
                    int hi = Math.max(i, j);
                    int r = ringOf[lo];
                    // adjacent in one ring (checked above); the closing vertex of a ring starts no segment, so
                    // segments of different rings are never numbered hi == lo + 1
                    if (ringOf[hi] == r && (hi == lo + 1 || (lo == first[r] && hi == first[r + 1] - 2))) continue;
                    if (!apart(x, y, i, j)) {
                        return false; // the segments may meet: let JTS decide
                    }
                }
            }
        }
        // no two rings meet: each hole lies wholly inside or wholly outside the shell and every other hole, as its first
        // vertex does (JTS's RayCrossingCounter, exact: the location JTS's checkHolesInShell and checkHolesNotNested use)
        for (int h = 1; h < rings; h++) {
            if (locate(x, y, first, 0, x[first[h]], y[first[h]]) != Location.INTERIOR) return false; // a hole outside
            for (int o = 1; o < rings; o++) {
                if (o != h && locate(x, y, first, o, x[first[h]], y[first[h]]) != Location.EXTERIOR) return false; // nested
            }
        }
        return true;
    }

    /** Rings of a polygon: 0 the shell, r > 0 hole r - 1. */
    private static CoordinateSequence ring(Polygon p, int r) {
        return (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinateSequence();
    }

    /**
     * Location of (px, py) against ring r (vertices {@code first[r]} to {@code first[r + 1] - 1}, closed): JTS's
     * {@link RayCrossingCounter} fed the ring's segments, as its {@code locatePointInRing} does.
     */
    private static int locate(double[] x, double[] y, int[] first, int r, double px, double py) {
        RayCrossingCounter rcc = new RayCrossingCounter(new Coordinate(px, py));
        Coordinate a = new Coordinate();
        Coordinate b = new Coordinate();
        for (int i = first[r]; i < first[r + 1] - 1; i++) {
            a.x = x[i];
            a.y = y[i];
            b.x = x[i + 1];
            b.y = y[i + 1];
            rcc.countSegment(a, b);
            if (rcc.isOnSegment()) return rcc.getLocation();
        }
        return rcc.getLocation();
    }

    /**
     * Vertex k beyond vertex j as seen from vertex i (comparisons only, no coordinate arithmetic): for collinear
     * vertices, the ring goes on in the same direction.
     */
    private static boolean onward(double[] x, double[] y, int i, int j, int k) {
        if (x[i] != x[j]) return (x[i] < x[j] && x[j] < x[k]) || (x[i] > x[j] && x[j] > x[k]);
        return (y[i] < y[j] && y[j] < y[k]) || (y[i] > y[j] && y[j] > y[k]);
    }

    /**
     * True when segments i and j are disjoint by the two tests that open JTS's {@code RobustLineIntersector}: both ends
     * of one strictly on the same side of the other's line (robust orientation).
     */
    private static boolean apart(double[] x, double[] y, int i, int j) {
        return oneSide(x, y, i, j) || oneSide(x, y, j, i);
    }

    /** Both ends of segment {@code of} strictly on the same side of the line of segment {@code line}. */
    private static boolean oneSide(double[] x, double[] y, int line, int of) {
        int first = orientation(x, y, line, line + 1, of);
        return first != 0 && first == orientation(x, y, line, line + 1, of + 1);
    }

    /**
     * JTS's robust orientation of vertices i, j, k: {@code Orientation.index} on coordinates is this same call
     * ({@code CGAlgorithmsDD.orientationIndex} on their x and y), without filling coordinate objects.
     */
    private static int orientation(double[] x, double[] y, int i, int j, int k) {
        return CGAlgorithmsDD.orientationIndex(x[i], y[i], x[j], y[j], x[k], y[k]);
    }

    /**
     * Working arrays kept per thread between calls (every local polygon is checked once, on the parsing threads): the
     * vertices, the segments' envelopes and the bands of one ring. Allocating them per call was a tenth of the bytes the
     * attach allocates; the contents of one call never reach the next (every slot read is written first, the band
     * counts are cleared). Rings above {@link #KEPT} vertices get arrays of their own, not kept.
     */
    private static final class Scratch {
        private static final int KEPT = 1 << 16;
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);
        double[] x = new double[0];
        double[] y = x;
        double[] x0 = x;
        double[] x1 = x;
        double[] y0 = x;
        double[] y1 = x;
        int[] ringOf = new int[0];
        private int[] start = ringOf;
        private int[] items = start;
        private int[] fill = start;
        private int[] first = start;

        /** Arrays for a ring of {@code n} segments. */
        static Scratch of(int n) {
            Scratch sc = n <= KEPT ? PER_THREAD.get() : new Scratch();
            if (sc.x.length < n + 1) {
                int size = Math.max(n + 1, Math.min(KEPT + 1, 2 * sc.x.length));
                sc.x = new double[size];
                sc.y = new double[size];
                sc.x0 = new double[size];
                sc.x1 = new double[size];
                sc.y0 = new double[size];
                sc.y1 = new double[size];
                sc.ringOf = new int[size];
            }
            return sc;
        }

        /** Band counts, cleared. */
        int[] start(int size) {
            if (start.length < size) start = new int[Math.max(size, 2 * start.length)];
            java.util.Arrays.fill(start, 0, size, 0);
            return start;
        }

        int[] items(int size) {
            if (items.length < size) items = new int[Math.max(size, 2 * items.length)];
            return items;
        }

        int[] first(int size) {
            if (first.length < size) first = new int[Math.max(size, 2 * first.length)];
            return first;
        }

        int[] fill(int size) {
            if (fill.length < size) fill = new int[Math.max(size, 2 * fill.length)];
            return fill;
        }
    }

    private static int band(double y, double minY, double scale, int count) {
        int b = (int) ((y - minY) * scale);
        return b < 0 ? 0 : Math.min(count - 1, b);
    }
}
