package fr.bdfsync.core.match;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.Polygonal;

import java.util.ArrayList;
import java.util.List;

/**
 * One-sided discrete Hausdorff distance: the largest distance from a vertex of {@code from} to {@code to}.
 * When {@code to} is a polygon, a vertex inside it is at distance 0 (distance to the area, not to its boundary).
 * <p>
 * Written here because JTS 1.20 only exposes the symmetric discrete Hausdorff distance, and because building a
 * facet index per pair cost more than the search itself. The search uses the classic early break: for each vertex,
 * segments are scanned starting from the one nearest the previous vertex (neighbouring vertices have neighbouring
 * nearest segments) and the scan stops as soon as a segment is closer than the maximum found so far, since that
 * vertex can then no longer raise the maximum. When the previous vertex's nearest segment and its three neighbours on
 * each side (along the outline: a densified copy of an outline has several vertices per segment of the other, so the
 * nearest segment may have moved on by more than one) are not close enough, the other segments are read band by band ({@link Bands}) outward from the vertex's row, stopping when
 * the bands read hold every segment that could be nearer than the best found: the distance found is the minimum
 * over all segments, the same value as a scan of every segment. For an area, vertices inside it (distance 0) are
 * told apart first by a crossing count.
 */
public final class DirectedDistance {
    private DirectedDistance() {
    }

    public static double of(Geometry from, Geometry to) {
        return of(from, new Target(to));
    }

    /** {@link #of(Geometry, Geometry)} to a target prepared once for several questions. */
    static double of(Geometry from, Target to) {
        return compute(from, to, to.geometry instanceof Polygonal, null);
    }

    /** {@link #of(Geometry, Target)}, reusing the vertices already located inside (1) or outside (2) the area. */
    static double of(Geometry from, Target to, byte[] located) {
        return compute(from, to, to.geometry instanceof Polygonal, located);
    }

    /** Number of vertices of a geometry in the order the directed distance reads them (closing vertices included). */
    static int vertexCount(Geometry g) {
        int n = 0;
        for (CoordinateSequence seq : sequences(g)) n += seq.size();
        return n;
    }

    /** The same, to the boundary of {@code to} (or to the line itself when {@code to} is not areal). */
    public static double toFacets(Geometry from, Geometry to) {
        return compute(from, new Target(to), false, null);
    }

    /** {@link #toFacets(Geometry, Geometry)} to a target prepared once for several questions. */
    static double toFacets(Geometry from, Target to) {
        return compute(from, to, false, null);
    }

    /**
     * Share of the vertices of {@code from} inside the area of {@code to} or within {@code tolerance} of it (so that
     * an outline shared with the whole but shifted by noise still counts as inside); 0 when {@code to} is not areal.
     */
    public static double insideShare(Geometry from, Geometry to, double tolerance) {
        return insideShare(from, new Target(to), tolerance, 0);
    }

    /**
     * {@link #insideShare(Geometry, Geometry, double)}, except that the count stops as soon as the share can no longer
     * reach {@code atLeast}: the value returned is then some share below {@code atLeast} (a neighbour polygon is
     * told apart after half its vertices, not all).
     */
    static double insideShare(Geometry from, Target to, double tolerance, double atLeast) {
        return insideShare(from, to, tolerance, atLeast, null);
    }

    /**
     * As {@link #insideShare(Geometry, Target, double, double)}, also noting in {@code located} (one byte per vertex of
     * {@code from}, in the order of {@link #of(Geometry, Target, byte[])}) each vertex found inside the area (1) or
     * outside it (2), so that the directed distance that follows does not locate them again.
     */
    static double insideShare(Geometry from, Target to, double tolerance, double atLeast, byte[] located) {
        if (!(to.geometry instanceof Polygonal) || from.isEmpty()) return 0;
        Envelope env = new Envelope(to.geometry.getEnvelopeInternal());
        env.expandBy(tolerance);
        List<CoordinateSequence> seqs = sequences(from);
        byte[] mark = located != null ? located : new byte[vertexCount(from)];
        // First pass: the vertices that are outside for sure, without locating any: those outside the whole's envelope
        // grown by the tolerance, and those beyond the x-range of every band within the tolerance of their row
        // (Target.surelyFar): both are outside the area and further than the tolerance from its outline, so the
        // second pass would count them outside too. Every other vertex is marked 0, to be located.
        int total = 0;
        for (CoordinateSequence seq : seqs) total += distinctSize(seq);
        int allowedOut = (int) Math.floor(total * (1 - atLeast) + 1e-9); // more vertices outside: below atLeast
        int stopAt = atLeast > 0 ? allowedOut : Integer.MAX_VALUE; // more far vertices than this: the share is below atLeast
        int far = 0;
        int base = 0;
        for (CoordinateSequence seq : seqs) {
            int size = distinctSize(seq);
            for (int i = 0; i < size; i++) {
                double x = seq.getX(i);
                double y = seq.getY(i);
                boolean out = !env.contains(x, y) || to.surelyFar(x, y, tolerance);
                mark[base + i] = out ? (byte) 2 : 0;
                if (out && ++far > stopAt) return 0; // some share below atLeast, as the contract allows
            }
            base += seq.size();
        }
        // Counting is order-free: the share is (vertices found near) / total whatever the order in which they are
        // found, and the count may stop as soon as the vertices known outside (the far ones first, then those located
        // outside and beyond the tolerance) exceed allowedOut, since the share can then no longer reach atLeast. So the
        // far vertices are counted before any other is located (and the first pass stops as soon as they are too many
        // on their own): the count stops after locating only as many of the
        // others as it takes to find the few outside ones still missing (a neighbour beside the whole), not after
        // every vertex that precedes them along the ring.
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

    /** A closed ring repeats its first vertex: count it once. */
    private static int distinctSize(CoordinateSequence seq) {
        return seq.size() > 1 && seq.getX(0) == seq.getX(seq.size() - 1) && seq.getY(0) == seq.getY(seq.size() - 1) ? seq.size() - 1 : seq.size();
    }

    /**
     * The symmetric distance between outlines, max({@code toFacets(a, tb)}, {@code toFacets(b, ta)}), with the second
     * direction started from the first one's value instead of 0: the search of a vertex stops as soon as a segment
     * lies within the running maximum (that vertex cannot raise it), and a vertex that does raise it is searched to
     * its exact nearest segment whatever the starting value, so the second pass returns max(first, second) itself,
     * bit for bit, after fewer segment reads (most vertices of a matching outline lie within the first direction's
     * distance). NaN when either is empty, as the max of the two directions would be.
     */
    static double symmetricToFacets(Geometry a, Target tb, Geometry b, Target ta) {
        double first = compute(a, tb, false, null, 0);
        if (Double.isNaN(first)) return first;
        return compute(b, ta, false, null, first);
    }

    private static double compute(Geometry from, Target to, boolean area, byte[] located) {
        return compute(from, to, area, located, 0);
    }

    private static double compute(Geometry from, Target to, boolean area, byte[] located, double startMax) {
        if (from.isEmpty() || to.geometry.isEmpty()) return Double.NaN;
        Segments segs = to.segments();
        Nearest near = new Nearest();
        double max = startMax;
        int hint = 0;
        Coordinate c = new Coordinate();
        int base = 0;
        for (CoordinateSequence seq : sequences(from)) {
            int at = base;
            base += seq.size();
            for (int i = 0; i < seq.size(); i++) {
                double x = seq.getX(i);
                double y = seq.getY(i);
                if (area) {
                    byte known = located == null ? 0 : located[at + i];
                    c.x = x;
                    c.y = y;
                    if (known == 1 || (known == 0 && to.inside(c))) continue; // at distance 0 from the area: cannot raise the maximum
                }
                int n = segs.size;
                near.reset(hint, max * max);
                boolean broke = false;
                for (int k = 0; k < 7 && k < n && !broke; k++) { // the previous vertex's nearest segment and three neighbours each side
                    int s = hint + ((k & 1) == 1 ? (k + 1) >> 1 : n - (k >> 1)); // (hint + step) % n: hint < n
                    if (s >= n) s -= n;
                    broke = near.offer(s, segs.distanceSq(s, x, y));
                }
                if (!broke) {
                    // the other segments band by band outward from the vertex's row, until one is within the maximum
                    // (the vertex cannot raise it) or the bands read cover every segment nearer than the best found
                    Bands bands = to.bands(segs);
                    double margin = 1e-9 * (Math.abs(y) + Math.abs(bands.minY) + (bands.maxY - bands.minY));
                    int lo = bands.bandOf(y);
                    int hi = lo;
                    int band = lo;
                    while (true) {
                        for (int j = bands.start[band]; j < bands.start[band + 1] && !broke; j++) {
                            int s = bands.items[j];
                            broke = near.offer(s, segs.distanceSq(s, x, y));
                        }
                        if (broke) break;
                        double below = lo == 0 ? Double.POSITIVE_INFINITY : y - bands.lowerEdge(lo);
                        double above = hi == bands.count - 1 ? Double.POSITIVE_INFINITY : bands.lowerEdge(hi + 1) - y;
                        double reach = Math.min(below, above) - margin; // every segment not read lies further than this
                        if (reach > 0 && near.best <= reach * reach) break;
                        if (lo == 0 && hi == bands.count - 1) break;
                        band = lo > 0 && (hi == bands.count - 1 || below <= above) ? --lo : ++hi;
                    }
                }
                hint = near.at;
                if (broke) continue;
                max = Math.max(max, Math.sqrt(near.best));
            }
        }
        return max;
    }

    /** The nearest segment found so far for one vertex, and the distance at which the search may stop. */
    private static final class Nearest {
        double best;
        int at;
        double limit;

        void reset(int hint, double limit) {
            this.best = Double.POSITIVE_INFINITY;
            this.at = hint;
            this.limit = limit;
        }

        /** Takes segment s at squared distance d if nearer; true when the search can stop (within the limit). */
        boolean offer(int s, double d) {
            if (!(d < best)) return false;
            best = d;
            at = s;
            return best <= limit;
        }
    }

    /**
     * A geometry prepared for several distance or inside questions: its segments as flat arrays, built on first use.
     */
    static final class Target {
        static final int EXTERIOR = 0;
        static final int INTERIOR = 1;
        static final int BOUNDARY = 2;
        private final Geometry geometry;
        private volatile Segments segments;
        private volatile Bands bands;

        Bands bands(Segments s) {
            Bands b = bands;
            if (b == null) bands = b = Bands.of(s);
            return b;
        }

        Target(Geometry geometry) {
            this.geometry = geometry;
        }

        Geometry geometry() {
            return geometry;
        }

        Segments segments() {
            Segments s = segments;
            if (s == null) segments = s = Segments.of(geometry);
            return s;
        }

        /**
         * Index of a segment within {@code tolerance} of the point, or -1: the same answer (found or not) as
         * {@link Segments#within}, reading only the bands that the rows {@code py ± tolerance} meet. A segment within the
         * tolerance has a point whose y lies in that range and inside the segments' y-range, and is listed in that
         * point's band, which lies between the bands of the range's ends (band lookup is monotonic in y); the range is
         * widened by a margin far above rounding. The segment found for the previous vertex ({@code hint}) is tried first.
         */
        int within(double px, double py, double tolerance, int hint) {
            Segments s = segments();
            double d2 = tolerance * tolerance;
            if (hint >= 0 && hint < s.size && s.distanceSq(hint, px, py) <= d2) return hint;
            Bands bands = bands(s);
            double margin = 1e-9 * (Math.abs(py) + tolerance); // many ulps: rounding in distanceSq cannot reach past it
            double lo = Math.max(py - tolerance - margin, bands.minY);
            double hi = Math.min(py + tolerance + margin, bands.maxY);
            if (!(lo <= hi)) return -1; // every segment lies further than the tolerance above or below the point
            int last = bands.bandOf(hi);
            for (int b = bands.bandOf(lo); b <= last; b++) {
                for (int j = bands.start[b]; j < bands.start[b + 1]; j++) {
                    int i = bands.items[j];
                    if (s.distanceSq(i, px, py) <= d2) return i;
                }
            }
            return -1;
        }

        /**
         * True when the point is surely outside the area and further than {@code tolerance} from every segment, from
         * the bands' x-ranges alone: then {@link #locate} answers {@link #EXTERIOR} and {@link #within} -1. The bands
         * read are those {@link #within} reads (the rows {@code py ± tolerance}, widened by the same margin): a segment
         * within the tolerance has its nearest point in one of them, at an x within the tolerance of {@code px} and
         * within that band's x-range. Beyond the x-range of the point's own band, {@link #locate} finds no crossing to
         * the right of the point, or every straddling segment to its right, an even number (each ring is closed and
         * crosses the row up as often as down): outside either way.
         */
        boolean surelyFar(double px, double py, double tolerance) {
            Bands bands = bands(segments());
            double margin = 1e-9 * (Math.abs(px) + Math.abs(py) + tolerance);
            double lo = Math.max(py - tolerance - margin, bands.minY);
            double hi = Math.min(py + tolerance + margin, bands.maxY);
            if (!(lo <= hi)) return true;
            double reach = tolerance + margin;
            int last = bands.bandOf(hi);
            for (int b = bands.bandOf(lo); b <= last; b++) {
                if (px >= bands.minX[b] - reach && px <= bands.maxX[b] + reach) return false;
            }
            return true;
        }

        /**
         * Point in area, even-odd over every ring of every polygon (inside a shell and not inside one of its holes;
         * on a ring counts as inside): the crossing count of JTS's {@code RayCrossingCounter}, rule for rule, over the
         * flat segments, which is what a JTS {@code IndexedPointInAreaLocator} computes, without its interval index.
         * That index costs several objects per segment to build (measured: a fifth of the scoring time and most of the
         * garbage) and pays back only after many questions, while a pair asks at most one per vertex and usually stops
         * after half of them. The robust orientation test runs only for a segment that straddles the point's row with
         * the point between its ends' x: a straddling segment wholly to the right of the point crosses the ray, one
         * wholly to its left does not.
         */
        boolean inside(Coordinate c) {
            return locate(c) != EXTERIOR;
        }

        /**
         * {@link #inside} telling the boundary apart: {@link #EXTERIOR}, {@link #INTERIOR} or {@link #BOUNDARY} (on a
         * ring: a vertex, or on a segment by the robust orientation test), as JTS's {@code RayCrossingCounter} locates.
         */
        int locate(Coordinate c) {
            Segments s = segments();
            Bands bands = bands(s);
            double px = c.x;
            double py = c.y;
            if (!(py >= bands.minY && py <= bands.maxY)) return EXTERIOR; // no segment reaches the point's row
            int band = bands.bandOf(py);
            int crossings = 0;
            for (int j = bands.start[band]; j < bands.start[band + 1]; j++) {
                int i = bands.items[j];
                double x0 = s.xy[2 * i];
                double y0 = s.xy[2 * i + 1];
                double x1 = s.xy[2 * i + 2];
                double y1 = s.xy[2 * i + 3];
                if (x0 < px && x1 < px) continue; // wholly to the left of the point
                if (px == x1 && py == y1) return BOUNDARY; // on a vertex
                if (y0 == py && y1 == py) { // horizontal: on it or not counted
                    if (px >= Math.min(x0, x1) && px <= Math.max(x0, x1)) return BOUNDARY;
                    continue;
                }
                if ((y0 > py && y1 <= py) || (y1 > py && y0 <= py)) { // straddles: lower end included, upper excluded
                    if (x0 > px && x1 > px) {
                        crossings++;
                        continue;
                    }
                    // JTS's Orientation.index on coordinates is this call on their x and y
                    int orient = CGAlgorithmsDD.orientationIndex(x0, y0, x1, y1, px, py);
                    if (orient == Orientation.COLLINEAR) return BOUNDARY;
                    if (y1 < y0) orient = -orient;
                    if (orient == Orientation.LEFT) crossings++;
                }
            }
            return (crossings & 1) == 1 ? INTERIOR : EXTERIOR;
        }
    }

    /**
     * {@link CGAlgorithmsDD#orientationIndex(double, double, double, double, double, double)}, the same answer for
     * every input: its floating-point filter copied step for step (checked against JTS 1.20's bytecode: the same
     * determinant, the same error bound {@code DP_SAFE_EPSILON = 1e-15}, NaN giving 0), small enough to be inlined
     * where it is called in a loop; only a case the filter leaves undecided calls JTS, whose double-double arithmetic
     * settles it (after running the filter again, with the same outcome).
     */
    static int orientationIndex(double p1x, double p1y, double p2x, double p2y, double qx, double qy) {
        double detleft = (p1x - qx) * (p2y - qy);
        double detright = (p1y - qy) * (p2x - qx);
        double det = detleft - detright;
        double detsum;
        if (detleft > 0.0) {
            if (detright <= 0.0) return signum(det);
            detsum = detleft + detright;
        } else if (detleft < 0.0) {
            if (detright >= 0.0) return signum(det);
            detsum = -detleft - detright;
        } else {
            return signum(det);
        }
        double errbound = 1e-15 * detsum;
        if (det >= errbound || -det >= errbound) return signum(det);
        return CGAlgorithmsDD.orientationIndex(p1x, p1y, p2x, p2y, qx, qy);
    }

    /** JTS's {@code CGAlgorithmsDD.signum}: 0 for NaN. */
    private static int signum(double x) {
        return x > 0 ? 1 : x < 0 ? -1 : 0;
    }

    private static List<CoordinateSequence> sequences(Geometry g) {
        List<CoordinateSequence> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry p = g.getGeometryN(i);
            if (p instanceof Polygon) {
                Polygon poly = (Polygon) p;
                out.add(poly.getExteriorRing().getCoordinateSequence());
                for (int h = 0; h < poly.getNumInteriorRing(); h++) out.add(poly.getInteriorRingN(h).getCoordinateSequence());
            } else if (p instanceof LineString) {
                out.add(((LineString) p).getCoordinateSequence());
            } else if (!p.isEmpty()) {
                out.add(p.getFactory().getCoordinateSequenceFactory().create(p.getCoordinates()));
            }
        }
        return out;
    }

    /**
     * The segments grouped by horizontal bands of equal height (about four segments a band): a segment is listed in
     * every band its y-range meets, so the segments that reach a given row are all in that row's band, and a crossing
     * count reads one band instead of every segment. Band membership and lookup use the same monotonic function of y,
     * so no segment reaching the row is missed to rounding.
     */
    static final class Bands {
        final double minY;
        final double maxY;
        final double scale;
        final int count;
        final int[] start;
        final int[] items;
        /** Lowest and highest x of the segments listed in each band (+inf and -inf for an empty band). */
        final double[] minX;
        final double[] maxX;

        private Bands(double minY, double maxY, int count, int[] start, int[] items, double[] minX, double[] maxX) {
            this.minY = minY;
            this.maxY = maxY;
            this.count = count;
            this.scale = maxY > minY ? count / (maxY - minY) : 0;
            this.start = start;
            this.items = items;
            this.minX = minX;
            this.maxX = maxX;
        }

        int bandOf(double y) {
            int b = (int) ((y - minY) * scale);
            return b < 0 ? 0 : Math.min(count - 1, b);
        }

        /**
         * The lowest y of a band (up to rounding: a y within a few ulps of it may fall in the band below; callers keep
         * a margin).
         */
        double lowerEdge(int band) {
            return minY + band / scale;
        }

        /**
         * Built in two passes over the segments, each vertex's band computed once: the band lookup is monotonic in y,
         * so the bands of a segment's lower and upper y are the lower and upper of its two ends' bands. The first pass
         * counts each band's segments, the second lists them from the last segment back, each band's list filled from
         * its end (so that every band lists its segments in ascending order), and widens each band's x-range. A
         * segment within one band, the common case, skips the loop over bands.
         */
        static Bands of(Segments s) {
            double lo = s.minY;
            double hi = s.maxY;
            int n = s.size;
            int count = Math.max(1, Math.min(256, n / 4)); // four segments a band: measured against 2, 3, 8 and 12
            double scale = hi > lo ? count / (hi - lo) : 0; // as the constructor computes it, for bandOf
            int last = count - 1;
            double[] xy = s.xy;
            int vertices = Math.min(n + 1, xy.length / 2);
            int[] band = new int[vertices];
            for (int i = 0; i < vertices; i++) {
                double y = xy[2 * i + 1];
                int b = (int) ((y - lo) * scale); // bandOf(y)
                b = b < 0 ? 0 : Math.min(last, b);
                band[i] = Double.isNaN(y) ? -1 : b;
            }
            int[] end = new int[count + 1]; // counts, then the end of each band's list, then its start
            for (int i = 0; i < n; i++) {
                int b0 = band[i];
                int b1 = band[i + 1];
                if ((b0 | b1) < 0) continue; // a separator between parts
                if (b0 == b1) {
                    end[b0]++;
                } else {
                    int to = Math.max(b0, b1);
                    for (int b = Math.min(b0, b1); b <= to; b++) end[b]++;
                }
            }
            for (int b = 1; b < count; b++) end[b] += end[b - 1];
            int total = end[last];
            int[] items = new int[total];
            double[] minX = new double[count];
            double[] maxX = new double[count];
            java.util.Arrays.fill(minX, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(maxX, Double.NEGATIVE_INFINITY);
            for (int i = n - 1; i >= 0; i--) {
                int b0 = band[i];
                int b1 = band[i + 1];
                if ((b0 | b1) < 0) continue;
                double x0 = Math.min(xy[2 * i], xy[2 * i + 2]);
                double x1 = Math.max(xy[2 * i], xy[2 * i + 2]);
                if (Double.isNaN(x0)) { // no x-range to trust: the band reaches everywhere (Math.min and max keep a NaN)
                    x0 = Double.NEGATIVE_INFINITY;
                    x1 = Double.POSITIVE_INFINITY;
                }
                if (b0 == b1) {
                    items[--end[b0]] = i;
                    if (x0 < minX[b0]) minX[b0] = x0;
                    if (x1 > maxX[b0]) maxX[b0] = x1;
                } else {
                    int to = Math.max(b0, b1);
                    for (int b = Math.min(b0, b1); b <= to; b++) {
                        items[--end[b]] = i;
                        if (x0 < minX[b]) minX[b] = x0;
                        if (x1 > maxX[b]) maxX[b] = x1;
                    }
                }
            }
            end[count] = total;
            return new Bands(lo, hi, count, end, items, minX, maxX);
        }
    }

    /** The segments of a geometry as one flat coordinate array (a lone point is a zero-length segment). */
    static final class Segments {
        /**
         * The vertices of every part, in order, x and y of vertex i at 2i and 2i + 1, with a NaN vertex between
         * parts: segment i joins vertices i and i + 1. A segment touching a separator compares false with everything
         * (NaN), so every scan skips it without a test; a lone point is a zero-length segment. For a geometry of one
         * ring in the parsers' packed XY coordinates (most polygons), this is the ring's own coordinate array, shared,
         * not copied (never written to); otherwise a copy built in one pass. The array may hold more vertices than
         * {@code size + 1}.
         */
        double[] xy;
        int size;

        /** Lowest and highest y of the vertices (infinite when there is none), for the bands. */
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;

        static Segments of(Geometry g) {
            List<CoordinateSequence> seqs = sequences(g);
            Segments s = new Segments();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            if (seqs.size() == 1 && seqs.get(0) instanceof PackedCoordinateSequence.Double packed
                    && packed.getDimension() == 2 && packed.size() >= 2) {
                // one ring or line in packed XY: its raw array is already this layout
                double[] raw = packed.getRawCoordinates();
                int size = packed.size();
                for (int r = 1; r < 2 * size; r += 2) {
                    double yy = raw[r];
                    if (yy < lo) lo = yy;
                    if (yy > hi) hi = yy;
                }
                s.xy = raw;
                s.size = size - 1;
                s.minY = lo;
                s.maxY = hi;
                return s;
            }
            int n = 0;
            for (CoordinateSequence seq : seqs) n += (seq.size() == 1 ? 2 : seq.size()) + 1;
            double[] xy = new double[2 * Math.max(1, n)];
            int k = 0; // vertices written
            for (CoordinateSequence seq : seqs) {
                int size = seq.size();
                if (size == 0) continue;
                if (k > 0) {
                    xy[2 * k] = Double.NaN;
                    xy[2 * k++ + 1] = Double.NaN;
                }
                if (seq instanceof PackedCoordinateSequence.Double packed) {
                    // the parsers' packed coordinates: read the flat array (x, y at each vertex's stride) directly
                    double[] raw = packed.getRawCoordinates();
                    int dim = packed.getDimension();
                    for (int i = 0, r = 0; i < size; i++, r += dim) {
                        double yy = raw[r + 1];
                        xy[2 * k] = raw[r];
                        xy[2 * k++ + 1] = yy;
                        if (yy < lo) lo = yy;
                        if (yy > hi) hi = yy;
                    }
                } else {
                    for (int i = 0; i < size; i++) {
                        double yy = seq.getY(i);
                        xy[2 * k] = seq.getX(i);
                        xy[2 * k++ + 1] = yy;
                        if (yy < lo) lo = yy;
                        if (yy > hi) hi = yy;
                    }
                }
                if (size == 1) {
                    xy[2 * k] = seq.getX(0);
                    xy[2 * k++ + 1] = seq.getY(0);
                }
            }
            s.xy = xy;
            s.size = Math.max(0, k - 1);
            s.minY = lo;
            s.maxY = hi;
            return s;
        }

        /**
         * Index of a segment within {@code sqrt(d2)} of the point, or -1. The scan starts at {@code hint} (the segment
         * found for the previous vertex: neighbouring vertices lie near neighbouring segments) and goes outward.
         */
        int within(double px, double py, double d2, int hint) {
            int n = size;
            if (n == 0) return -1;
            int h = hint < 0 || hint >= n ? 0 : hint;
            for (int k = 0; k < n; k++) {
                int s = (h + (k % 2 == 0 ? k / 2 : n - 1 - k / 2)) % n;
                if (distanceSq(s, px, py) <= d2) return s;
            }
            return -1;
        }

        double distanceSq(int i, double px, double py) {
            double ax = xy[2 * i];
            double ay = xy[2 * i + 1];
            double dx = xy[2 * i + 2] - ax;
            double dy = xy[2 * i + 3] - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
            if (t < 0) t = 0;
            else if (t > 1) t = 1;
            double qx = ax + t * dx - px;
            double qy = ay + t * dy - py;
            return qx * qx + qy * qy;
        }
    }
}
