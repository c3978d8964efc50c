package fr.bdfsync.core.feature;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;

/**
 * A quick proof, read straight from ISO WKB, that a geometry is valid in JTS's sense ({@code IsValidOp}), for the
 * common cases. A line string or multi line string: finite coordinates, two distinct points in each line. A polygon
 * or multipolygon: rings that are closed, have at least 4 points, no repeated consecutive point and no three
 * consecutive points in line; no two segments of the geometry that meet, other than consecutive
 * segments of a ring at their shared vertex; each hole inside its shell and outside the other holes of its polygon;
 * no shell inside another polygon's area. Such a geometry is valid (simple rings that never touch: each polygon's
 * interior is connected and no two interiors overlap), and JTS parses it (closed rings of 4 points or more).
 * <p>
 * The answer is {@code true} only when proved; {@code false} means "not proved" (any other geometry type, any touch,
 * any collinear triple, an odd encoding...), and the caller then parses the geometry and runs {@code IsValidOp}, which
 * gives the verdict and the message. The predicates are exact: segment crossings are decided by the signs of JTS's
 * robust orientation index ({@link CGAlgorithmsDD#orientationIndex}, double-double arithmetic when the double result
 * is not certain), hole positions by JTS's {@link RayCrossingCounter}. Crossings are searched with a sweep over the
 * segments sorted by their smallest x (a polygon of n segments: n log n plus the pairs whose x ranges overlap), where
 * {@code IsValidOp} builds monotone chains and an R-tree for every polygon: for the polygons of 20 to 200 vertices of
 * the benchmark this is several times cheaper, parsing included (docs/pkg.md, round 8).
 */
public final class QuickValidity {
    // lines: few checks, but their parse was most of their cost; polygons: the noding below replaces JTS's
    private static final int LINE_STRING = 2;
    private static final int POLYGON = 3;
    private static final int MULTI_LINE_STRING = 5;
    private static final int MULTI_POLYGON = 6;
    /** More rings than this: left to JTS (ring positions are tested pair by pair here). */
    private static final int MAX_RINGS = 32;

    private QuickValidity() {
    }

    /** True when the ISO WKB in {@code wkb[from, to)} is a line, polygon or multipolygon proved valid as described above. */
    public static boolean provedValid(byte[] wkb, int from, int to) {
        if (to - from < 9 || (wkb[from] != 0 && wkb[from] != 1)) return false;
        long type = readInt(wkb, from + 1, wkb[from] == 1) & 0xFFFFFFFFL;
        if (type % 1000 == LINE_STRING) return lineLength(wkb, from, to, type) == to - from;
        if (type % 1000 == MULTI_LINE_STRING) return linesProvedValid(wkb, from, to, type);
        Rings r = Rings.read(wkb, from, to);
        if (r == null) return false;
        for (int i = 0; i < r.count; i++) if (!ringShapeOk(r, i)) return false;
        if (!noCrossings(r)) return false;
        return holesPlaced(r);
    }

    /**
     * The length in bytes of the line string at {@code b[from..]} when it is proved valid for JTS (finite coordinates,
     * two distinct points: a line of one point does not parse; an empty one is valid but left to JTS), else -1.
     */
    private static long lineLength(byte[] b, int from, int to, long requiredType) {
        if (to - from < 9 || (b[from] != 0 && b[from] != 1)) return -1;
        boolean little = b[from] == 1;
        long type = readInt(b, from + 1, little) & 0xFFFFFFFFL;
        if (type != requiredType || type >= 4000) return -1;
        int dims = Rings.dimensions(type);
        long n = readInt(b, from + 5, little) & 0xFFFFFFFFL;
        if (n < 2 || n * dims * 8L > to - from - 9L) return -1;
        double x0 = Double.longBitsToDouble(readLong(b, from + 9, little)), y0 = Double.longBitsToDouble(readLong(b, from + 17, little));
        boolean distinct = false;
        for (int i = 0, at = from + 9; i < n; i++, at += dims * 8) {
            double x = Double.longBitsToDouble(readLong(b, at, little)), y = Double.longBitsToDouble(readLong(b, at + 8, little));
            if (!Double.isFinite(x) || !Double.isFinite(y)) return -1;
            if (x != x0 || y != y0) distinct = true;
        }
        return distinct ? 9 + n * dims * 8L : -1;
    }

    /** A multi line string whose every line is proved valid (JTS checks each line of a collection alone). */
    private static boolean linesProvedValid(byte[] b, int from, int to, long type) {
        if (type >= 4000) return false;
        long n = readInt(b, from + 5, b[from] == 1) & 0xFFFFFFFFL;
        if (n == 0) return false;
        long lineType = type - MULTI_LINE_STRING + LINE_STRING;
        int at = from + 9;
        for (long i = 0; i < n; i++) {
            long length = lineLength(b, at, to, lineType);
            if (length < 0) return false;
            at += (int) length;
        }
        return at == to;
    }

    /** Closed, 4 points or more, finite, no repeated consecutive point, no consecutive triple in line (wrap included). */
    private static boolean ringShapeOk(Rings r, int ring) {
        int s = r.start[ring], n = r.start[ring + 1] - s;
        double[] x = r.x, y = r.y;
        if (n < 4) return false;
        if (x[s] != x[s + n - 1] || y[s] != y[s + n - 1]) return false;
        for (int i = s; i < s + n; i++) if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) return false;
        for (int i = s; i < s + n - 1; i++) if (x[i] == x[i + 1] && y[i] == y[i + 1]) return false;
        // the n - 1 distinct vertices, each with its two neighbours along the ring
        int m = n - 1;
        for (int k = 0; k < m; k++) {
            int a = s + (k + m - 1) % m, b = s + k, c = s + (k + 1) % m;
            if (CGAlgorithmsDD.orientationIndex(x[a], y[a], x[b], y[b], x[c], y[c]) == 0) return false;
        }
        return true;
    }

    /**
     * No two segments of the polygon meet, except consecutive segments of one ring at their shared vertex (which, with
     * no triple in line, meet only there). Any other contact, proper or not, is "not proved".
     */
    private static boolean noCrossings(Rings r) {
        int total = 0;
        for (int i = 0; i < r.count; i++) total += r.start[i + 1] - r.start[i] - 1;
        // segment k runs from point seg[k] to seg[k] + 1, of ring ringOf[k]
        int[] seg = new int[total];
        int[] ringOf = new int[total];
        int k = 0;
        for (int i = 0; i < r.count; i++) {
            for (int p = r.start[i]; p < r.start[i + 1] - 1; p++) {
                seg[k] = p;
                ringOf[k++] = i;
            }
        }
        double[] x = r.x, y = r.y;
        double[] minX = new double[total];
        for (int i = 0; i < total; i++) minX[i] = Math.min(x[seg[i]], x[seg[i] + 1]);
        int[] order = byValue(minX);
        for (int oi = 0; oi < total; oi++) {
            int i = order[oi];
            int p = seg[i];
            double ax = x[p], ay = y[p], bx = x[p + 1], by = y[p + 1];
            double maxX = Math.max(ax, bx), loY = Math.min(ay, by), hiY = Math.max(ay, by);
            for (int oj = oi + 1; oj < total; oj++) {
                int j = order[oj];
                if (minX[j] > maxX) break;
                int q = seg[j];
                double cx = x[q], cy = y[q], dx = x[q + 1], dy = y[q + 1];
                if (Math.max(cy, dy) < loY || Math.min(cy, dy) > hiY) continue;
                if (ringOf[i] == ringOf[j] && consecutive(r, ringOf[i], p, q)) continue;
                if (mayMeet(ax, ay, bx, by, cx, cy, dx, dy)) return false;
            }
        }
        return true;
    }

    /** Indexes 0..n-1 ordered by {@code v} (finite values): a merge sort of ints, no boxing. */
    static int[] byValue(double[] v) {
        int n = v.length;
        int[] a = new int[n], b = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n), i = lo, j = mid, k = lo;
                while (i < mid && j < hi) b[k++] = v[a[j]] < v[a[i]] ? a[j++] : a[i++];
                while (i < mid) b[k++] = a[i++];
                while (j < hi) b[k++] = a[j++];
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /** Segments starting at points p and q of one ring follow each other (the last and the first do too). */
    private static boolean consecutive(Rings r, int ring, int p, int q) {
        if (Math.abs(p - q) == 1) return true;
        int first = r.start[ring], last = r.start[ring + 1] - 2;
        return (p == first && q == last) || (q == first && p == last);
    }

    /** Whether segments ab and cd may share a point: false only when one lies strictly on one side of the other's line. */
    private static boolean mayMeet(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy) {
        int o1 = CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, cx, cy);
        int o2 = CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, dx, dy);
        if (o1 != 0 && o1 == o2) return false;
        int o3 = CGAlgorithmsDD.orientationIndex(cx, cy, dx, dy, ax, ay);
        int o4 = CGAlgorithmsDD.orientationIndex(cx, cy, dx, dy, bx, by);
        return o3 == 0 || o3 != o4;
    }

    /**
     * With rings that do not meet, each ring is wholly inside or outside any other: one vertex tells. Each hole must be
     * inside its shell and outside the other holes of its polygon; no polygon's shell may lie inside another polygon's
     * area (inside its shell and in none of its holes), or their interiors would overlap.
     */
    private static boolean holesPlaced(Rings r) {
        if (r.count == 1) return true;
        Coordinate[][] rings = new Coordinate[r.count][];
        for (int i = 0; i < r.count; i++) rings[i] = r.coordinates(i);
        for (int h = 0; h < r.count; h++) {
            Coordinate v = rings[h][0];
            int shell = r.shellOf[h];
            if (shell != h) {
                if (RayCrossingCounter.locatePointInRing(v, rings[shell]) != Location.INTERIOR) return false;
                for (int o = shell + 1; o < r.count && r.shellOf[o] == shell; o++) {
                    if (o != h && RayCrossingCounter.locatePointInRing(v, rings[o]) != Location.EXTERIOR) return false;
                }
            } else {
                for (int other = 0; other < r.count; other++) {
                    if (r.shellOf[other] != other || other == h) continue;
                    if (RayCrossingCounter.locatePointInRing(v, rings[other]) == Location.EXTERIOR) continue;
                    boolean inAHole = false;
                    for (int o = other + 1; o < r.count && r.shellOf[o] == other; o++) {
                        if (RayCrossingCounter.locatePointInRing(v, rings[o]) == Location.INTERIOR) inAHole = true;
                    }
                    if (!inAHole) return false;
                }
            }
        }
        return true;
    }

    /** The rings of one ISO WKB polygon or multipolygon as x and y arrays; null for anything else or any inconsistency. */
    private static final class Rings {
        int count;
        int[] start;
        /** The index of the shell of each ring's polygon (a shell: its own index); the holes follow their shell. */
        int[] shellOf;
        double[] x;
        double[] y;

        Coordinate[] coordinates(int ring) {
            Coordinate[] c = new Coordinate[start[ring + 1] - start[ring]];
            for (int i = 0; i < c.length; i++) c[i] = new Coordinate(x[start[ring] + i], y[start[ring] + i]);
            return c;
        }

        static Rings read(byte[] b, int from, int to) {
            if (to - from < 9 || (b[from] != 0 && b[from] != 1)) return null;
            boolean little = b[from] == 1;
            long type = readInt(b, from + 1, little) & 0xFFFFFFFFL;
            if (type >= 4000) return null;
            int dims = dimensions(type);
            int polygons;
            int at;
            if (type % 1000 == POLYGON) {
                polygons = 1;
                at = from;
            } else if (type % 1000 == MULTI_POLYGON) {
                long n = readInt(b, from + 5, little) & 0xFFFFFFFFL;
                if (n == 0 || n > MAX_RINGS) return null;
                polygons = (int) n;
                at = from + 9;
            } else {
                return null;
            }
            // first pass: ring sizes, checked against the bytes available
            int[] sizes = new int[MAX_RINGS];
            int[] shells = new int[MAX_RINGS];
            int[] offsets = new int[MAX_RINGS];
            int count = 0;
                boolean[] order = new boolean[MAX_RINGS];
            for (int p = 0; p < polygons; p++) {
                if (at + 9 > to || (b[at] != 0 && b[at] != 1)) return null;
                boolean le = b[at] == 1;
                long pt = readInt(b, at + 1, le) & 0xFFFFFFFFL;
                if (pt % 1000 != POLYGON || pt >= 4000 || dimensions(pt) != dims) return null;
                long rings = readInt(b, at + 5, le) & 0xFFFFFFFFL;
                if (rings == 0 || rings > MAX_RINGS - count) return null;
                at += 9;
                int shell = count;
                for (int i = 0; i < rings; i++) {
                    if (at + 4 > to) return null;
                    long n = readInt(b, at, le) & 0xFFFFFFFFL;
                    long bytes = n * dims * 8L;
                    if (bytes > to - at - 4) return null;
                    sizes[count] = (int) n;
                    shells[count] = shell;
                    offsets[count] = at + 4;
                    order[count] = le;
                    count++;
                    at += 4 + (int) bytes;
                }
            }
            if (at != to) return null;
            Rings r = new Rings();
            r.count = count;
            r.start = new int[count + 1];
            r.shellOf = java.util.Arrays.copyOf(shells, count);
            int points = 0;
            for (int i = 0; i < count; i++) {
                r.start[i] = points;
                points += sizes[i];
            }
            r.start[count] = points;
            r.x = new double[points];
            r.y = new double[points];
            int p = 0;
            for (int i = 0; i < count; i++) {
                int o = offsets[i];
                boolean le = order[i];
                for (int j = 0; j < sizes[i]; j++, p++, o += dims * 8) {
                    r.x[p] = Double.longBitsToDouble(readLong(b, o, le));
                    r.y[p] = Double.longBitsToDouble(readLong(b, o + 8, le));
                }
            }
            return r;
        }

        /** Ordinates per point of an ISO type code: 2, plus Z (1000s and 3000s), plus M (2000s and 3000s). */
        private static int dimensions(long type) {
            long t = type / 1000;
            return 2 + (t == 1 || t == 3 ? 1 : 0) + (t >= 2 ? 1 : 0);
        }
    }

    private static int readInt(byte[] b, int at, boolean little) {
        int v = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
        return little ? Integer.reverseBytes(v) : v;
    }

    private static long readLong(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (b[at + i] & 0xFF);
        return little ? Long.reverseBytes(v) : v;
    }
}
