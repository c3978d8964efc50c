package fr.bdfsync.core.match;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import java.util.Arrays;

/**
 * The area of the intersection of two valid polygonal geometries without building it: the boundary of A ∩ B is made
 * of the pieces of A's edges inside B, the pieces of B's edges inside A, and the pieces of edges the two share with
 * their interiors on the same side (counted once, from A); its area is the sum of the shoelace terms of those pieces,
 * each ring oriented with its interior on the left (shells counter-clockwise, holes clockwise). This is the
 * edge-based idea of Martin Davis's {@code OverlayArea} (JTS lab, not in JTS 1.20 core), written here with the
 * pieces' midpoints located instead of per-vertex vector terms, so that shared edges and vertices on edges need no
 * special formula.
 *
 * <p>Edges are split at their intersections with the other geometry's edges (JTS's {@link RobustLineIntersector},
 * the one the overlay nodes with, so the split points are the overlay's vertices), found through the other side's
 * horizontal bands. Along an edge that meets no edge of the other side, the location does not change, so it is
 * carried from edge to edge (located once at the first such edge after a ring start or an edge that meets the other side); the pieces of edges that meet the other side are each located (JTS's crossing
 * rules, {@link DirectedDistance.Target#locate}). No noding graph, no validation of the noding, no output geometry:
 * that is what the overlay spends its time on.
 *
 * <p>Only for valid polygons (the caller checks validity and uses the overlay otherwise). The method answers NaN,
 * and the caller falls back to the overlay, when it cannot vouch for its sum: a piece located on the other's boundary
 * without a collinear edge under it (rounding), a ring too short to orient, or a sum outside [0, min(|A|, |B|)]
 * beyond rounding.
 */
final class IntersectionArea {
    private IntersectionArea() {
    }

    /** {@link #of(Geometry, DirectedDistance.Target, Geometry, DirectedDistance.Target)} with fresh targets. */
    static double of(Geometry a, Geometry b) {
        return of(a, new DirectedDistance.Target(a), b, new DirectedDistance.Target(b));
    }

    /**
     * Area of a ∩ b (square CRS units), or NaN when this method cannot vouch for it (see the class comment). Both
     * must be valid Polygons or MultiPolygons; {@code ta} and {@code tb} their prepared segments.
     */
    static double of(Geometry a, DirectedDistance.Target ta, Geometry b, DirectedDistance.Target tb) {
        if (!polygonal(a) || !polygonal(b)) return Double.NaN;
        if (a.isEmpty() || b.isEmpty() || !a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) return 0;
        DirectedDistance.Segments sa = ta.segments();
        DirectedDistance.Segments sb = tb.segments();
        double[] signA = signs(a, sa);
        double[] signB = signs(b, sb);
        if (signA == null || signB == null) return Double.NaN;
        Crossings ca = new Crossings(sa.size);
        Crossings cb = new Crossings(sb.size);
        intersect(sa, signA, sb, signB, tb.bands(sb), ca, cb);
        org.locationtech.jts.geom.Envelope common = a.getEnvelopeInternal().intersection(b.getEnvelopeInternal());
        double ox = common.centre().x;
        double oy = common.centre().y;
        double twice = sum(sa, signA, ca, tb, true, ox, oy);
        if (Double.isNaN(twice)) return Double.NaN;
        double fromB = sum(sb, signB, cb, ta, false, ox, oy);
        if (Double.isNaN(fromB)) return Double.NaN;
        double area = (twice + fromB) / 2;
        double max = Math.min(a.getArea(), b.getArea());
        double slack = 1e-9 * Math.max(a.getArea(), b.getArea());
        if (!(area >= -slack && area <= max + slack)) return Double.NaN;
        return Math.max(0, Math.min(max, area));
    }

    private static boolean polygonal(Geometry g) {
        return g instanceof Polygon || g instanceof MultiPolygon;
    }

    /**
     * Per segment, +1 when its ring runs with the interior on its left (shell counter-clockwise, hole clockwise) and
     * -1 otherwise; rings in the order of {@link DirectedDistance.Segments#of}. Null when a ring cannot be oriented.
     */
    private static double[] signs(Geometry g, DirectedDistance.Segments s) {
        double[] sign = new double[Math.max(1, s.size)];
        int base = 0; // index of the ring's first vertex in the segments' arrays (a NaN separates rings)
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            for (int r = -1; r < p.getNumInteriorRing(); r++) {
                CoordinateSequence seq = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinateSequence();
                if (seq.size() == 0) continue;
                if (seq.size() < 4) return null;
                boolean ccw;
                try {
                    ccw = Orientation.isCCW(seq);
                } catch (RuntimeException e) {
                    return null;
                }
                double v = (ccw == (r < 0)) ? 1 : -1;
                for (int j = 0; j < seq.size() - 1 && base + j < sign.length; j++) sign[base + j] = v;
                base += seq.size() + 1;
            }
        }
        return sign;
    }

    /**
     * Every intersection of a segment of A with a segment of B, recorded on both (point and position along each), and
     * every collinear overlap with whether the two interiors lie on the same side.
     */
    private static void intersect(DirectedDistance.Segments sa, double[] signA, DirectedDistance.Segments sb, double[] signB,
                                  DirectedDistance.Bands bands, Crossings ca, Crossings cb) {
        RobustLineIntersector li = new RobustLineIntersector();
        Coordinate p0 = new Coordinate();
        Coordinate p1 = new Coordinate();
        Coordinate q0 = new Coordinate();
        Coordinate q1 = new Coordinate();
        int[] seen = new int[Math.max(1, sb.size)];
        for (int i = 0; i < sa.size; i++) {
            double ax0 = sa.xy[2 * i], ay0 = sa.xy[2 * i + 1], ax1 = sa.xy[2 * i + 2], ay1 = sa.xy[2 * i + 3];
            if (Double.isNaN(ay0) || Double.isNaN(ay1)) continue;
            double yLo = Math.min(ay0, ay1);
            double yHi = Math.max(ay0, ay1);
            if (yHi < bands.minY || yLo > bands.maxY) continue;
            double xLo = Math.min(ax0, ax1);
            double xHi = Math.max(ax0, ax1);
            int last = bands.bandOf(yHi);
            for (int band = bands.bandOf(yLo); band <= last; band++) {
                for (int m = bands.start[band]; m < bands.start[band + 1]; m++) {
                    int j = bands.items[m];
                    if (seen[j] == i + 1) continue;
                    seen[j] = i + 1;
                    double bx0 = sb.xy[2 * j], by0 = sb.xy[2 * j + 1], bx1 = sb.xy[2 * j + 2], by1 = sb.xy[2 * j + 3];
                    if (Math.max(bx0, bx1) < xLo || Math.min(bx0, bx1) > xHi
                            || Math.max(by0, by1) < yLo || Math.min(by0, by1) > yHi) continue;
                    // RobustLineIntersector's own first tests, with the same orientation answers (JTS's filter inlined):
                    // both ends of one segment strictly on the same side of the other's line, no intersection. Most
                    // pairs whose boxes overlap stop here, without the intersector's calls and coordinate copies.
                    int pq0 = DirectedDistance.orientationIndex(ax0, ay0, ax1, ay1, bx0, by0);
                    int pq1 = DirectedDistance.orientationIndex(ax0, ay0, ax1, ay1, bx1, by1);
                    if ((pq0 > 0 && pq1 > 0) || (pq0 < 0 && pq1 < 0)) continue;
                    int qp0 = DirectedDistance.orientationIndex(bx0, by0, bx1, by1, ax0, ay0);
                    int qp1 = DirectedDistance.orientationIndex(bx0, by0, bx1, by1, ax1, ay1);
                    if ((qp0 > 0 && qp1 > 0) || (qp0 < 0 && qp1 < 0)) continue;
                    p0.x = ax0;
                    p0.y = ay0;
                    p1.x = ax1;
                    p1.y = ay1;
                    q0.x = bx0;
                    q0.y = by0;
                    q1.x = bx1;
                    q1.y = by1;
                    li.computeIntersection(p0, p1, q0, q1);
                    if (!li.hasIntersection()) continue;
                    int n = li.getIntersectionNum();
                    for (int k = 0; k < n; k++) {
                        Coordinate c = li.getIntersection(k);
                        ca.add(i, position(sa, i, c.x, c.y), c.x, c.y);
                        cb.add(j, position(sb, j, c.x, c.y), c.x, c.y);
                    }
                    if (n == 2) {
                        double dot = ((ax1 - ax0) * (bx1 - bx0) + (ay1 - ay0) * (by1 - by0)) * signA[i] * signB[j];
                        Coordinate c0 = li.getIntersection(0);
                        Coordinate c1 = li.getIntersection(1);
                        ca.overlap(i, position(sa, i, c0.x, c0.y), position(sa, i, c1.x, c1.y), dot > 0);
                        cb.overlap(j, position(sb, j, c0.x, c0.y), position(sb, j, c1.x, c1.y), dot > 0);
                    }
                }
            }
        }
    }

    /** Position of a point along segment i, 0 at its start and 1 at its end (projection, clamped). */
    private static double position(DirectedDistance.Segments s, int i, double px, double py) {
        double dx = s.xy[2 * i + 2] - s.xy[2 * i];
        double dy = s.xy[2 * i + 3] - s.xy[2 * i + 1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - s.xy[2 * i]) * dx + (py - s.xy[2 * i + 1]) * dy) / len2;
        return t < 0 ? 0 : Math.min(1, t);
    }

    /**
     * Twice the sum of the shoelace terms (about the origin ox, oy) of the pieces of this side's edges that bound the
     * intersection: inside the other side, or on its boundary along a collinear edge with the interiors on the same
     * side when {@code countShared}. NaN when a piece lies on the other's boundary without a recorded overlap.
     */
    private static double sum(DirectedDistance.Segments s, double[] sign, Crossings c, DirectedDistance.Target other,
                              boolean countShared, double ox, double oy) {
        int[] order = c.sortedByEdge(s.size);
        int[] first = c.first;
        Coordinate mid = new Coordinate();
        double twice = 0;
        int carried = -1; // location of the previous piece, -1 when unknown
        for (int i = 0; i < s.size; i++) {
            double x0 = s.xy[2 * i], y0 = s.xy[2 * i + 1], x1 = s.xy[2 * i + 2], y1 = s.xy[2 * i + 3];
            if (Double.isNaN(y0) || Double.isNaN(y1)) {
                carried = -1;
                continue;
            }
            int from = first[i];
            int to = first[i + 1];
            if (from == to) { // the edge meets no edge of the other side: one location along all of it
                if (carried < 0) {
                    mid.x = (x0 + x1) / 2;
                    mid.y = (y0 + y1) / 2;
                    carried = other.locate(mid);
                    if (carried == DirectedDistance.Target.BOUNDARY) return Double.NaN; // cannot be: rounding
                }
                if (carried == DirectedDistance.Target.INTERIOR) twice += sign[i] * cross(x0 - ox, y0 - oy, x1 - ox, y1 - oy);
                continue;
            }
            double px = x0;
            double py = y0;
            double pt = 0;
            for (int k = from; k <= to; k++) {
                double qx, qy, qt;
                if (k < to) {
                    int e = order[k];
                    qx = c.x[e];
                    qy = c.y[e];
                    qt = c.t[e];
                } else {
                    qx = x1;
                    qy = y1;
                    qt = 1;
                }
                if (qx == px && qy == py) continue;
                // a piece along an edge of the other side is known from the collinear overlap recorded for it: its
                // midpoint, rounded, may fall off that edge and would be located on either side
                int shared = c.sharedAt(i, (pt + qt) / 2);
                if (shared >= 0) {
                    if (countShared && shared == 1) twice += sign[i] * cross(px - ox, py - oy, qx - ox, qy - oy);
                } else {
                    mid.x = (px + qx) / 2;
                    mid.y = (py + qy) / 2;
                    int where = other.locate(mid);
                    if (where == DirectedDistance.Target.BOUNDARY) return Double.NaN; // on the other's outline, no overlap recorded
                    if (where == DirectedDistance.Target.INTERIOR) twice += sign[i] * cross(px - ox, py - oy, qx - ox, qy - oy);
                }
                px = qx;
                py = qy;
                pt = qt;
            }
            carried = -1; // the last piece may be a sliver between close points: locate the next edge afresh
        }
        return twice;
    }

    private static double cross(double ax, double ay, double bx, double by) {
        return ax * by - ay * bx;
    }

    /** The intersection points on one side's segments, and its collinear overlaps. */
    private static final class Crossings {
        int n;
        int[] edge = new int[16];
        double[] t = new double[16];
        double[] x = new double[16];
        double[] y = new double[16];
        /** After {@link #sortedByEdge}: the points of segment i are order[first[i] .. first[i + 1]). */
        int[] first;
        int overlaps;
        int[] overlapEdge = new int[4];
        double[] overlapFrom = new double[4];
        double[] overlapTo = new double[4];
        boolean[] overlapSame = new boolean[4];

        Crossings(int segments) {
            first = new int[segments + 1];
        }

        void add(int e, double at, double px, double py) {
            if (n == edge.length) {
                edge = Arrays.copyOf(edge, 2 * n);
                t = Arrays.copyOf(t, 2 * n);
                x = Arrays.copyOf(x, 2 * n);
                y = Arrays.copyOf(y, 2 * n);
            }
            edge[n] = e;
            t[n] = at;
            x[n] = px;
            y[n] = py;
            n++;
        }

        void overlap(int e, double t0, double t1, boolean same) {
            if (overlaps == overlapEdge.length) {
                overlapEdge = Arrays.copyOf(overlapEdge, 2 * overlaps);
                overlapFrom = Arrays.copyOf(overlapFrom, 2 * overlaps);
                overlapTo = Arrays.copyOf(overlapTo, 2 * overlaps);
                overlapSame = Arrays.copyOf(overlapSame, 2 * overlaps);
            }
            overlapEdge[overlaps] = e;
            overlapFrom[overlaps] = Math.min(t0, t1);
            overlapTo[overlaps] = Math.max(t0, t1);
            overlapSame[overlaps] = same;
            overlaps++;
        }

        /** 1 when a collinear overlap of segment e with interiors on the same side covers position at, 0 when one with
         * opposite interiors does, -1 when none does. */
        int sharedAt(int e, double at) {
            for (int k = 0; k < overlaps; k++) {
                if (overlapEdge[k] == e && at >= overlapFrom[k] && at <= overlapTo[k]) return overlapSame[k] ? 1 : 0;
            }
            return -1;
        }

        /** Point indices grouped by segment (counting sort), each group ordered by position along the segment. */
        int[] sortedByEdge(int segments) {
            for (int k = 0; k < n; k++) first[edge[k] + 1]++;
            for (int i = 0; i < segments; i++) first[i + 1] += first[i];
            int[] order = new int[n];
            int[] fill = Arrays.copyOf(first, segments);
            for (int k = 0; k < n; k++) order[fill[edge[k]]++] = k;
            for (int i = 0; i < segments; i++) {
                for (int a = first[i] + 1; a < first[i + 1]; a++) { // insertion sort: a few points per segment
                    int v = order[a];
                    int b = a - 1;
                    while (b >= first[i] && t[order[b]] > t[v]) {
                        order[b + 1] = order[b];
                        b--;
                    }
                    order[b + 1] = v;
                }
            }
            return order;
        }
    }
}
