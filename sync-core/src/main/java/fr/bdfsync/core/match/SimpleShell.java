package fr.bdfsync.core.match;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * A cheap sufficient condition for a valid polygon, tried before JTS's {@code isValid} (which nodes every ring: a
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
final class SimpleShell {
    /** Above this many holes the polygon is left to JTS (each hole is located against every other one). */
    private static final int MAX_HOLES = 32;
    /**
     * Chain pairs looked at and segment pairs compared, per segment (plus a floor), above which the polygon is left to
     * JTS (the work would grow quadratic on odd shapes: long chains running close together).
     */
    private static final int WORK_PER_SEGMENT = 64;
    private static final int WORK_FLOOR = 4096;
    /** Chains of at most this many segments are swept whole, longer ones cut to the box first (binary searches). */
    private static final int SHORT = 8;

    private SimpleShell() {
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
        int[] first = sc.first(rings + 1); // first vertex of ring r; first[rings] = total
        int v = 0;
        for (int r = 0; r < rings; r++) {
            CoordinateSequence seq = ring(p, r);
            first[r] = v;
            int n = seq.size() - 1; // segments of the ring
            for (int i = 0; i <= n; i++, v++) {
                x[v] = seq.getX(i);
                y[v] = seq.getY(i);
                if (!Double.isFinite(x[v]) || !Double.isFinite(y[v])) return false;
            }
            int s0 = first[r];
            int e = s0 + n; // the closing vertex
            if (x[s0] != x[e] || y[s0] != y[e]) return false;
        }
        first[rings] = total;
        // monotone chains: runs of consecutive segments of a ring that never go back in x nor in y (each one's dx of one
        // sign or zero, each one's dy too). Two segments of one chain that are not consecutive have disjoint envelopes
        // (exact comparisons: the later one lies wholly at or beyond the end of the earlier one in x and in y, and
        // touching in both would repeat a vertex), so only segments of two chains whose envelopes meet are compared
        int segments = total - rings;
        int[] cf = sc.chainFirst; // first vertex of chain c (segments cf[c] to cl[c] - 1)
        int[] cl = sc.chainLast;
        int[] cr = sc.chainRing;
        int chains = 0;
        for (int r = 0; r < rings; r++) {
            // one pass over the ring's segments: their ways in x and in y (signs), no repeated vertex, no turning back
            // at a vertex (collinear and not going on: the ways compared first, then JTS's orientation test, as a ring
            // going on in x, or in y where x stays, needs none; on a densified ring most triples are collinear and cost
            // JTS its exact arithmetic), and the chains
            int s0 = first[r];
            int e = first[r + 1] - 1; // the closing vertex
            int fx = way(x[s0], x[s0 + 1]); // the first segment's ways
            int fy = way(y[s0], y[s0 + 1]);
            if (fx == 0 && fy == 0) return false; // a repeated vertex
            int px = fx; // the previous segment's ways
            int py = fy;
            int c0 = s0;
            int ux = fx; // the chain's ways so far (0: not known yet)
            int uy = fy;
            for (int i = s0 + 1; i < e; i++) { // segment i, after segment i - 1 at vertex i
                int sx = way(x[i], x[i + 1]);
                int sy = way(y[i], y[i + 1]);
                if (sx == 0 && sy == 0) return false;
                if ((px != 0 ? px != sx : py != sy) && orientation(x, y, i - 1, i, i + 1) == Orientation.COLLINEAR) return false;
                if (sx * ux < 0 || sy * uy < 0) { // goes back: a new chain from vertex i
                    cf[chains] = c0;
                    cl[chains] = i;
                    cr[chains++] = r;
                    c0 = i;
                    ux = sx;
                    uy = sy;
                } else {
                    if (ux == 0) ux = sx;
                    if (uy == 0) uy = sy;
                }
                px = sx;
                py = sy;
            }
            // at the closing vertex: the last segment, then the first one
            if ((px != 0 ? px != fx : py != fy) && orientation(x, y, e - 1, e, s0 + 1) == Orientation.COLLINEAR) return false;
            cf[chains] = c0;
            cl[chains] = e;
            cr[chains++] = r;
        }
        // a chain's envelope is that of its two ends; chains sorted into bands of their minimum y (a counting sort: as
        // many bands as chains), their envelopes laid out in that order
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < chains; c++) {
            double ya = y[cf[c]];
            double yb = y[cl[c]];
            minY = Math.min(minY, Math.min(ya, yb));
            maxY = Math.max(maxY, Math.max(ya, yb));
        }
        double scale = maxY > minY ? chains / (maxY - minY) : 0;
        int[] start = sc.start(chains + 1);
        int[] bandOf = sc.bandOf;
        for (int c = 0; c < chains; c++) {
            int q = band(Math.min(y[cf[c]], y[cl[c]]), minY, scale, chains);
            bandOf[c] = q;
            start[q + 1]++;
        }
        for (int q = 0; q < chains; q++) start[q + 1] += start[q];
        double[] sx0 = sc.cx0;
        double[] sx1 = sc.cx1;
        double[] sy0 = sc.cy0;
        double[] sy1 = sc.cy1;
        int[] band = sc.band;
        int[] id = sc.order;
        for (int c = 0; c < chains; c++) {
            int q = bandOf[c];
            int u = start[q]++;
            int a = cf[c];
            int b = cl[c];
            sx0[u] = Math.min(x[a], x[b]);
            sx1[u] = Math.max(x[a], x[b]);
            sy0[u] = Math.min(y[a], y[b]);
            sy1[u] = Math.max(y[a], y[b]);
            band[u] = q;
            id[u] = c;
        }
        // chains that follow each other in a ring (c and next[c], sharing a vertex): when only their segments at that
        // vertex meet where their envelopes meet (a monotone chain goes away from its ends in x and in y: past one
        // segment outside that box, the next ones are outside too), the one pair there is consecutive, not compared
        int[] next = sc.next;
        boolean[] linked = sc.linked;
        for (int r = 0, c = 0; r < rings; r++) {
            int c0 = c;
            while (c < chains && cr[c] == r) c++;
            for (int a = c0; a < c; a++) {
                int b = a + 1 < c ? a + 1 : c0;
                next[a] = b;
                int a0 = cf[a];
                int a1 = cl[a];
                int b0 = cf[b];
                int b1 = cl[b];
                double bx0 = Math.max(Math.min(x[a0], x[a1]), Math.min(x[b0], x[b1]));
                double bx1 = Math.min(Math.max(x[a0], x[a1]), Math.max(x[b0], x[b1]));
                double by0 = Math.max(Math.min(y[a0], y[a1]), Math.min(y[b0], y[b1]));
                double by1 = Math.min(Math.max(y[a0], y[a1]), Math.max(y[b0], y[b1]));
                linked[a] = (a1 - 2 < a0 || outside(x, y, a1 - 2, bx0, bx1, by0, by1)) && (b1 - b0 < 2 || outside(x, y, b0 + 1, bx0, bx1, by0, by1));
            }
        }
        // each chain is compared with the later ones (in band order) whose y-extent meets its own: those start in a
        // band at most that of its top
        long budget = WORK_PER_SEGMENT * (long) segments + WORK_FLOOR;
        for (int u = 0; u < chains; u++) {
            double top = sy1[u];
            double left = sx0[u];
            double right = sx1[u];
            int last = band(top, minY, scale, chains);
            int w = u + 1;
            for (; w < chains && band[w] <= last; w++) {
                if (sy0[w] > top || right < sx0[w] || sx1[w] < left) continue; // chain envelopes apart
                int a = id[u];
                int b = id[w];
                if ((next[a] == b && linked[a]) || (next[b] == a && linked[b])) continue;
                budget = compare(x, y, first, cf[a], cl[a], cr[a], cf[b], cl[b], cr[b],
                        Math.max(left, sx0[w]), Math.min(right, sx1[w]), Math.max(sy0[u], sy0[w]), Math.min(top, sy1[w]), budget);
                if (budget < 0) return false; // two segments may meet (or too many pairs): let JTS decide
            }
            budget -= w - u;
            if (budget < 0) return false; // too many: left to JTS
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

    /**
     * Compares the segments of chain A (vertices a0 to a1, ring ra) with those of chain B (b0 to b1, ring rb), where
     * the two chains' envelopes meet in the box [bx0, bx1] x [by0, by1]: every pair whose envelopes meet and that are
     * not consecutive in a ring must be {@link #apart}. The chains are swept together along the box's longer side
     * (both are monotone in x and in y: along it the segments' extents come in order, so only the pairs that overlap
     * there are looked at), long chains cut first to the segments that meet the box. Returns the budget left after
     * one unit per pair looked at, or -1 when a pair may meet or the budget runs out.
     */
    private static long compare(double[] x, double[] y, int[] first, int a0, int a1, int ra, int b0, int b1, int rb,
                                double bx0, double bx1, double by0, double by1, long budget) {
        boolean alongX = bx1 - bx0 >= by1 - by0;
        double[] v = alongX ? x : y; // swept
        double[] o = alongX ? y : x;
        int iFrom = a0;
        int iTo = a1 - 1;
        int jFrom = b0;
        int jTo = b1 - 1;
        // the segments of each chain that meet the box: a run (a monotone chain goes away from the box once it has left
        // it), walked from the shared vertex for chains that follow each other, else found by binary searches
        boolean bAfterA = a1 == b0 || (ra == rb && a1 == first[ra + 1] - 1 && b0 == first[ra]);
        boolean aAfterB = b1 == a0 || (ra == rb && b1 == first[rb + 1] - 1 && a0 == first[rb]);
        if (bAfterA != aAfterB) {
            if (bAfterA) {
                iFrom = iTo;
                while (iFrom > a0 && !outside(x, y, iFrom - 1, bx0, bx1, by0, by1)) iFrom--;
                jTo = jFrom;
                while (jTo < b1 - 1 && !outside(x, y, jTo + 1, bx0, bx1, by0, by1)) jTo++;
            } else {
                jFrom = jTo;
                while (jFrom > b0 && !outside(x, y, jFrom - 1, bx0, bx1, by0, by1)) jFrom--;
                iTo = iFrom;
                while (iTo < a1 - 1 && !outside(x, y, iTo + 1, bx0, bx1, by0, by1)) iTo++;
            }
        } else {
            if (a1 - a0 > SHORT) {
                long rx = run(x, a0, a1, bx0, bx1);
                long ry = run(y, a0, a1, by0, by1);
                iFrom = Math.max((int) (rx >>> 32), (int) (ry >>> 32));
                iTo = Math.min((int) rx, (int) ry);
            }
            if (b1 - b0 > SHORT) {
                long rx = run(x, b0, b1, bx0, bx1);
                long ry = run(y, b0, b1, by0, by1);
                jFrom = Math.max((int) (rx >>> 32), (int) (ry >>> 32));
                jTo = Math.min((int) rx, (int) ry);
            }
        }
        int na = iTo - iFrom + 1;
        int nb = jTo - jFrom + 1;
        if (na <= 0 || nb <= 0) return budget;
        // segment number k of a chain in the order of rising v (both ends of their extents then never decrease)
        boolean upA = v[a1] >= v[a0];
        boolean upB = v[b1] >= v[b0];
        int passed = 0; // B's segments (in that order) that end before the current segment of A starts: before the next ones too
        for (int ka = 0; ka < na; ka++) {
            int i = upA ? iFrom + ka : iTo - ka;
            double ilo = Math.min(v[i], v[i + 1]);
            double ihi = Math.max(v[i], v[i + 1]);
            double iolo = Math.min(o[i], o[i + 1]);
            double iohi = Math.max(o[i], o[i + 1]);
            while (passed < nb) {
                int j = upB ? jFrom + passed : jTo - passed;
                if (Math.max(v[j], v[j + 1]) >= ilo) break;
                passed++;
            }
            for (int kb = passed; kb < nb; kb++) {
                int j = upB ? jFrom + kb : jTo - kb;
                if (Math.min(v[j], v[j + 1]) > ihi) break; // this one and the next ones start after segment i ends
                if (--budget < 0) return -1;
                if (!(iohi >= Math.min(o[j], o[j + 1]) && Math.max(o[j], o[j + 1]) >= iolo)) continue; // envelopes apart
                if (ra == rb) {
                    // consecutive in one ring (checked above); the closing vertex of a ring starts no segment, so
                    // segments of different rings are never numbered hi == lo + 1
                    int lo = Math.min(i, j);
                    int hi = Math.max(i, j);
                    if (hi == lo + 1 || (lo == first[ra] && hi == first[ra + 1] - 2)) continue;
                }
                if (!apart(x, y, i, j)) return -1;
            }
        }
        return budget;
    }

    /** Segment k's envelope misses the box. */
    private static boolean outside(double[] x, double[] y, int k, double bx0, double bx1, double by0, double by1) {
        return Math.max(x[k], x[k + 1]) < bx0 || Math.min(x[k], x[k + 1]) > bx1 || Math.max(y[k], y[k + 1]) < by0 || Math.min(y[k], y[k + 1]) > by1;
    }

    /**
     * The segments of a monotone chain (vertices s to e, segment k from vertex k to k + 1) whose extent in {@code v}
     * meets [lo, hi]: a run, as {@code from << 32 | to} (to below from when none).
     */
    private static long run(double[] v, int s, int e, double lo, double hi) {
        int from;
        int to;
        if (v[e] >= v[s]) { // never decreasing: segment k meets when v[k] <= hi and v[k + 1] >= lo
            from = Math.max(s, firstAtLeast(v, s, e, lo) - 1);
            to = Math.min(e - 1, firstAbove(v, s, e, hi) - 1);
        } else { // never increasing: when v[k + 1] <= hi and v[k] >= lo
            from = Math.max(s, firstAtMost(v, s, e, hi) - 1);
            to = Math.min(e - 1, firstBelow(v, s, e, lo) - 1);
        }
        return (long) from << 32 | (to & 0xffffffffL);
    }

    /** First k in [s, e] with v[k] >= t (v never decreasing there), e + 1 when none. */
    private static int firstAtLeast(double[] v, int s, int e, double t) {
        int lo = s;
        int hi = e + 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (v[m] >= t) hi = m;
            else lo = m + 1;
        }
        return lo;
    }

    /** First k in [s, e] with v[k] > t (v never decreasing there), e + 1 when none. */
    private static int firstAbove(double[] v, int s, int e, double t) {
        int lo = s;
        int hi = e + 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (v[m] > t) hi = m;
            else lo = m + 1;
        }
        return lo;
    }

    /** First k in [s, e] with v[k] <= t (v never increasing there), e + 1 when none. */
    private static int firstAtMost(double[] v, int s, int e, double t) {
        int lo = s;
        int hi = e + 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (v[m] <= t) hi = m;
            else lo = m + 1;
        }
        return lo;
    }

    /** First k in [s, e] with v[k] < t (v never increasing there), e + 1 when none. */
    private static int firstBelow(double[] v, int s, int e, double t) {
        int lo = s;
        int hi = e + 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (v[m] < t) hi = m;
            else lo = m + 1;
        }
        return lo;
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

    /** The way from a to b: 1 up, -1 down, 0 for equal (comparisons only). */
    private static int way(double a, double b) {
        return (b > a ? 1 : 0) - (b < a ? 1 : 0);
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
    static int orientation(double[] x, double[] y, int i, int j, int k) {
        return DirectedDistance.orientationIndex(x[i], y[i], x[j], y[j], x[k], y[k]); // JTS's filter inlined, JTS when undecided
    }

    /**
     * Working arrays kept per thread between calls (every local polygon is checked once, on the parsing threads): the
     * vertices of a polygon's rings, its chains (ends, ring, envelopes in band order, bands). Allocating them per call was a tenth of the bytes the
     * attach allocates; the contents of one call never reach the next (every slot read is written first, the band
     * counts are cleared). Rings above {@link #KEPT} vertices get arrays of their own, not kept.
     */
    private static final class Scratch {
        private static final int KEPT = 1 << 16;
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);
        double[] x = new double[0];
        double[] y = x;
        double[] cx0 = x;
        double[] cx1 = x;
        double[] cy0 = x;
        double[] cy1 = x;
        int[] chainFirst = new int[0];
        int[] chainLast = chainFirst;
        int[] chainRing = chainFirst;
        int[] order = chainFirst;
        int[] next = chainFirst;
        boolean[] linked = new boolean[0];
        int[] band = chainFirst;
        int[] bandOf = chainFirst;
        private int[] start = chainFirst;
        private int[] first = chainFirst;

        /** Arrays for rings of {@code n} vertices in all (n - 1 chains at most: a ring has one vertex more than segments). */
        static Scratch of(int n) {
            Scratch sc = n <= KEPT ? PER_THREAD.get() : new Scratch();
            if (sc.x.length < n + 1) {
                int size = Math.max(n + 1, Math.min(KEPT + 1, 2 * sc.x.length));
                sc.x = new double[size];
                sc.y = new double[size];
                sc.cx0 = new double[size];
                sc.cx1 = new double[size];
                sc.cy0 = new double[size];
                sc.cy1 = new double[size];
                sc.chainFirst = new int[size];
                sc.chainLast = new int[size];
                sc.chainRing = new int[size];
                sc.order = new int[size];
                sc.band = new int[size];
                sc.next = new int[size];
                sc.linked = new boolean[size];
                sc.bandOf = new int[size];
            }
            return sc;
        }

        /** Band counts, cleared. */
        int[] start(int size) {
            if (start.length < size) start = new int[Math.max(size, 2 * start.length)];
            java.util.Arrays.fill(start, 0, size, 0);
            return start;
        }

        int[] first(int size) {
            if (first.length < size) first = new int[Math.max(size, 2 * first.length)];
            return first;
        }
    }

    private static int band(double y, double minY, double scale, int count) {
        int b = (int) ((y - minY) * scale);
        return b < 0 ? 0 : Math.min(count - 1, b);
    }
}
