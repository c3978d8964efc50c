package fr.bdfsync.core.feature;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryComponentFilter;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tolerance-aware geometry equality. Two geometries are the same shape when, after {@link #normalise}
 * (repeated consecutive vertices dropped, a one-part Multi unwrapped, polygon shells clockwise and holes
 * counter-clockwise, each ring starting at its lowest vertex, parts and holes in a canonical order),
 * either every vertex of one lies within {@code xyTolerance} (planar distance) and {@code zTolerance}
 * (|dz|) of the matching vertex of the other, or every moved vertex lies within {@code xyTolerance} of the
 * other shape (a vertex slid along a straight edge), or, when vertex lists do not correspond, the discrete
 * Hausdorff distance (densified to quarter segments) is within {@code xyTolerance}. Line direction is kept:
 * a reversed tronçon is a real change (flow direction), so line ends must match within the tolerance.
 * The Hausdorff measure of same-structure geometries is computed from the moved vertices only (unmoved
 * vertices lie on both shapes): a few point-to-geometry distances instead of all pairs.
 */
public final class GeometryEquality {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final double xyTolerance;
    private final double zTolerance;

    public GeometryEquality(double xyTolerance, double zTolerance) {
        if (!(xyTolerance >= 0) || !(zTolerance >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
        this.xyTolerance = xyTolerance;
        this.zTolerance = zTolerance;
    }

    public double xyTolerance() {
        return xyTolerance;
    }

    public double zTolerance() {
        return zTolerance;
    }

    public GeometryEquality withXyTolerance(double xy) {
        return xy == xyTolerance ? this : new GeometryEquality(xy, zTolerance);
    }

    /**
     * The comparison of two geometries: {@code same} when equal within the tolerances; the measures say how
     * far apart they are (discrete Hausdorff distance, max |dz|, area and length of b minus a). When {@code same},
     * {@code hausdorff} may be only the largest distance near the moved vertices (the rest of the two shapes
     * coincide): a measure is reported for changes, never for geometries found the same.
     */
    public record Comparison(boolean same, boolean identical, double hausdorff, double maxDz, double areaDelta, double lengthDelta) {
    }

    public Comparison compare(Geometry a, Geometry b) {
        if (a == null || b == null) {
            boolean same = a == b;
            return new Comparison(same, same, same ? 0 : Double.NaN, 0, delta(a, b, true), delta(a, b, false));
        }
        Comparison inOrder = sameInOrder(a, b);
        if (inOrder != null) return inOrder;
        Geometry na = normalise(a), nb = normalise(b);
        double areaDelta = nb.getArea() - na.getArea();
        double lengthDelta = nb.getLength() - na.getLength();
        if (na.isEmpty() || nb.isEmpty()) {
            boolean same = na.isEmpty() && nb.isEmpty();
            return new Comparison(same, same && a.equalsExact(b), same ? 0 : Double.NaN, 0, areaDelta, lengthDelta);
        }
        boolean identical = a.equalsExact(b);
        if (na.getDimension() != nb.getDimension()) {
            return new Comparison(false, false, DiscreteHausdorffDistance.distance(na, nb), 0, areaDelta, lengthDelta);
        }
        Coordinate[] ca = na.getCoordinates(), cb = nb.getCoordinates();
        if (sameStructure(na, nb)) return compareCorresponding(na, nb, ca, cb, identical, areaDelta, lengthDelta);
        double hd = DiscreteHausdorffDistance.distance(na, nb, 0.25);
        double maxDz = zOutside(ca, cb);
        return new Comparison(hd <= xyTolerance && maxDz <= zTolerance && sameLineEnds(na, nb), false, hd, maxDz, areaDelta, lengthDelta);
    }

    /**
     * {@link #compare} of two normalised shapes whose vertex lists correspond ({@code ca[i]} and {@code cb[i]}): kept
     * out of {@code compare} so that the compiler inlines both (one large method lost the inlining of its small calls).
     */
    private Comparison compareCorresponding(Geometry na, Geometry nb, Coordinate[] ca, Coordinate[] cb, boolean identical,
                                            double areaDelta, double lengthDelta) {
        double maxDz = 0;
        List<Integer> moved = new ArrayList<>();
        boolean withinXy = true;
        for (int i = 0; i < ca.length; i++) {
            double dx = ca[i].x - cb[i].x, dy = ca[i].y - cb[i].y;
            if (dx != 0 || dy != 0) {
                moved.add(i);
                if (withinXy && !withinXy(dx, dy)) withinXy = false;
            }
            maxDz = Math.max(maxDz, dz(ca[i], cb[i]));
        }
        // discrete Hausdorff: unmoved vertices lie on both shapes, only moved ones can be away from the other shape
        double h = 0;
        for (int i : moved) {
            h = Math.max(h, pointDistance(nb, ca[i], cb[i]));
            h = Math.max(h, pointDistance(na, cb[i], ca[i]));
        }
        if (withinXy && maxDz <= zTolerance) return new Comparison(true, identical, h, maxDz, areaDelta, lengthDelta);
        if (maxDz > zTolerance) return new Comparison(false, false, h, maxDz, areaDelta, lengthDelta);
        // vertices moved further than the tolerance: a moved vertex off the other shape is a change
        if (h > xyTolerance || !sameLineEnds(na, nb)) return new Comparison(false, false, h, maxDz, areaDelta, lengthDelta);
        // every moved vertex lies on the other shape (a vertex slid along a straight edge?): the edges must lie
        // on it too, which only the densified distance tells (a square and a bowtie share their four vertices)
        double near = nearMovedVertices(na, nb, ca, cb, moved, h);
        if (near <= xyTolerance) return new Comparison(true, false, near, maxDz, areaDelta, lengthDelta);
        // beyond the tolerance, the densified points of the unmoved segments (a few ulps from the other shape) cannot
        // be the farthest: near is the whole densified distance, the value JTS gives
        if (near > xyTolerance) return new Comparison(false, false, near, maxDz, areaDelta, lengthDelta);
        double hd = DiscreteHausdorffDistance.distance(na, nb, 0.25);
        return new Comparison(hd <= xyTolerance, false, hd, maxDz, areaDelta, lengthDelta);
    }

    /**
     * JTS's densified discrete Hausdorff distance ({@code DiscreteHausdorffDistance.distance(a, b, 0.25)}) restricted
     * to the segments that touch a moved vertex, for lines, polygons (holes included) and their Multi forms whose
     * vertex lists correspond ({@code ca[i]} and {@code cb[i]}, moved where listed in {@code moved}; the same
     * structure, so the same component boundaries); {@code h} (the moved vertices' own distances) is included. Every
     * other segment is the same segment on both sides, so its densified points lie on the other shape up to a few ulps
     * of the coordinates: when the tolerance is far above that rounding, the whole distance is within the tolerance
     * exactly when this one is, at the cost of a few point distances instead of 4·n·m; and when it is beyond the
     * tolerance, it is the whole distance (the largest of the distances, the rest being a few ulps). The same point
     * formula and point distance as JTS (bit for bit). NaN when it does not apply.
     */
    private double nearMovedVertices(Geometry na, Geometry nb, Coordinate[] ca, Coordinate[] cb, List<Integer> moved, double h) {
        int[] ends = componentEnds(na);
        if (ends == null || ca.length != cb.length || ends[ends.length - 1] != ca.length) return Double.NaN;
        Envelope e = new Envelope(na.getEnvelopeInternal());
        e.expandToInclude(nb.getEnvelopeInternal());
        double mag = Math.max(Math.max(Math.abs(e.getMinX()), Math.abs(e.getMaxX())), Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())));
        if (!(xyTolerance > 1024 * Math.ulp(mag))) return Double.NaN; // rounding on the unmoved segments could matter
        boolean[] isMoved = new boolean[ca.length];
        for (int i : moved) isMoved[i] = true;
        double d = h;
        for (int c = 0, start = 0; c < ends.length; start = ends[c++]) {
            for (int k = start + 1; k < ends[c]; k++) {
                if (!isMoved[k - 1] && !isMoved[k]) continue;
                d = Math.max(d, densifiedDistance(ca[k - 1], ca[k], nb, cb[k - 1], cb[k]));
                d = Math.max(d, densifiedDistance(cb[k - 1], cb[k], na, ca[k - 1], ca[k]));
            }
        }
        return d;
    }

    /**
     * The end (exclusive) of each linear component (line, ring) in {@link Geometry#getCoordinates()} order: shell then
     * holes for a polygon, parts in order for a Multi (JTS visits components in that order). Null for points and
     * collections (no segments to restrict).
     */
    private static int[] componentEnds(Geometry g) {
        if (!(g instanceof LineString || g instanceof Polygon || g instanceof MultiLineString || g instanceof MultiPolygon)) return null;
        List<Integer> ends = new ArrayList<>();
        g.apply((GeometryComponentFilter) part -> {
            if (part instanceof LineString) ends.add((ends.isEmpty() ? 0 : ends.get(ends.size() - 1)) + part.getNumPoints());
        });
        return ends.isEmpty() ? null : ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The largest distance to {@code g} of the four points JTS puts on segment p0-p1 (fraction 0.25, from p0);
     * q0 and q1 are the matching vertices of {@code g}, which bound each point's distance from the start.
     */
    private static double densifiedDistance(Coordinate p0, Coordinate p1, Geometry g, Coordinate q0, Coordinate q1) {
        double delx = (p1.x - p0.x) / 4, dely = (p1.y - p0.y) / 4, d = 0;
        for (int i = 0; i < 4; i++) {
            double x = p0.x + i * delx, y = p0.y + i * dely;
            d = Math.max(d, pointDistance(g, new Coordinate(x, y), i < 2 ? q0 : q1));
        }
        return d;
    }

    /** Convenience: {@link #compare}.same(). */
    public boolean same(Geometry a, Geometry b) {
        return compare(a, b).same();
    }

    private static double delta(Geometry a, Geometry b, boolean area) {
        double va = a == null ? 0 : (area ? a.getArea() : a.getLength());
        double vb = b == null ? 0 : (area ? b.getArea() : b.getLength());
        return vb - va;
    }

    /**
     * A fast path taken before normalising: the same geometry type and vertex counts, and every vertex within the
     * tolerances of the vertex at the same position (same start vertex, orientation and part order). Such a pair is
     * the same shape (the edges between corresponding vertices stay within the tolerance too); its measures are
     * taken on the stored vertex order. Null when the pair needs the full comparison.
     */
    private Comparison sameInOrder(Geometry a, Geometry b) {
        if (a.isEmpty() || b.isEmpty() || !sameStructure(a, b)) return null;
        Coordinate[] ca = a.getCoordinates(), cb = b.getCoordinates();
        double maxDz = 0;
        boolean moved = false;
        for (int i = 0; i < ca.length; i++) {
            double dx = ca[i].x - cb[i].x, dy = ca[i].y - cb[i].y;
            if (dx != 0 || dy != 0) {
                if (!withinXy(dx, dy)) return null;
                moved = true;
            }
            maxDz = Math.max(maxDz, dz(ca[i], cb[i]));
            if (maxDz > zTolerance) return null;
        }
        double h = 0;
        if (moved) {
            for (int i = 0; i < ca.length; i++) {
                if (ca[i].x == cb[i].x && ca[i].y == cb[i].y) continue;
                h = Math.max(h, pointDistance(b, ca[i], cb[i]));
                h = Math.max(h, pointDistance(a, cb[i], ca[i]));
            }
        }
        boolean identical = !moved && a.equalsExact(b);
        return new Comparison(true, identical, h, maxDz, b.getArea() - a.getArea(), b.getLength() - a.getLength());
    }

    /** Relative margin of the squared-distance filters, far above the rounding of {@code dx*dx+dy*dy} and of {@link Math#hypot}. */
    private static final double MARGIN = 1e-9;
    /** Squared distances below this may have lost precision to underflow: always decided by {@link Math#hypot}. */
    private static final double TINY = 1e-290;

    /**
     * {@code Math.hypot(dx, dy) <= xyTolerance}, decided on squared values when they are clearly apart; the
     * {@code hypot} is computed only near the tolerance, so the verdict is exactly that of the distance.
     */
    boolean withinXy(double dx, double dy) {
        double d2 = dx * dx + dy * dy, t2 = xyTolerance * xyTolerance;
        if (d2 > TINY && t2 > TINY) {
            if (d2 < t2 * (1 - MARGIN)) return true;
            if (d2 > t2 * (1 + MARGIN)) return false;
        }
        return Math.hypot(dx, dy) <= xyTolerance;
    }

    /**
     * The distance from a point to a geometry's vertices and edges, bit for bit JTS's {@code DistanceToPoint} (the
     * same closest points, the same {@code hypot}, the minimum of them), without allocating a point per segment and
     * with {@code hypot} computed only for the candidates whose squared distance is within {@link #MARGIN} of the
     * smallest (the only ones whose {@code hypot} can be the smallest). A segment whose bounding box is farther
     * than the smallest squared distance so far is skipped without computing its closest point.
     */
    static double pointDistance(Geometry g, Coordinate c) {
        return pointDistance(g, c, null);
    }

    /**
     * {@link #pointDistance(Geometry, Coordinate)}, the same bits, faster when {@code near} is a vertex of {@code g} near
     * {@code c} (the vertex {@code c} was moved from): the distance to it bounds the answer from above, so the segments
     * whose bounding box lies farther are skipped from the first one on, instead of only once a near segment is met.
     */
    static double pointDistance(Geometry g, Coordinate c, Coordinate near) {
        Envelope e = g.getEnvelopeInternal();
        double mag = Math.max(Math.max(Math.abs(e.getMinX()), Math.abs(e.getMaxX())), Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())));
        MinDistance m = new MinDistance(c.x, c.y, 8 * Math.ulp(Math.max(mag, Math.max(Math.abs(c.x), Math.abs(c.y)))));
        if (near != null) m.bound(near.x - c.x, near.y - c.y);
        m.add(g);
        double d = m.result();
        // NaN (NaN coordinates, or a bound no candidate met): the plain scan decides, as JTS would
        return Double.isNaN(d) && near != null ? pointDistance(g, c, null) : d;
    }

    /** The running minimum of {@link #pointDistance}: candidate offsets near the smallest squared distance. */
    private static final class MinDistance {
        private final double px, py, slack;
        private double minD2 = Double.POSITIVE_INFINITY;
        private double[] cand = new double[16]; // dx, dy pairs, in the order JTS meets them
        private int nc;
        private boolean seen, firstIsNaN, zero;

        MinDistance(double px, double py, double slack) {
            this.px = px;
            this.py = py;
            this.slack = slack;
        }

        /**
         * Starts from an upper bound of the smallest squared distance: the offset to a vertex of the geometry, widened far
         * beyond the rounding of any closest point, so a segment is skipped only when it is also left out by the true
         * minimum. Candidates are still collected as JTS meets them (the first-NaN rule is unchanged), and the answer
         * is the smallest {@code hypot} of a superset of the candidates kept without the bound: the same value.
         */
        void bound(double dx, double dy) {
            double d = Math.sqrt(dx * dx + dy * dy) + 4 * slack; // a closest point is off by a few ulps at most
            if (d < Double.POSITIVE_INFINITY) minD2 = d * d * (1 + 1e-6) + TINY; // NaN or infinite: no bound
        }

        double result() {
            if (!seen || firstIsNaN) return Double.NaN; // as PointPairDistance: a NaN first distance is never replaced
            if (zero) return 0.0; // the point is a vertex or on an edge: hypot(0, 0) is 0
            double limit = limit(), best = Double.NaN;
            for (int i = 0; i < nc; i += 2) {
                double dx = cand[i], dy = cand[i + 1];
                if (dx * dx + dy * dy > limit) continue;
                double d = Math.hypot(dx, dy);
                if (Double.isNaN(best) || d < best) best = d;
            }
            return best;
        }

        private double limit() {
            return minD2 * (1 + MARGIN) + TINY;
        }

        void add(Geometry g) {
            if (g instanceof LineString) {
                line(((LineString) g).getCoordinateSequence());
            } else if (g instanceof Polygon) {
                Polygon p = (Polygon) g;
                line(p.getExteriorRing().getCoordinateSequence());
                for (int i = 0; i < p.getNumInteriorRing() && !zero; i++) line(p.getInteriorRingN(i).getCoordinateSequence());
            } else if (g instanceof GeometryCollection) {
                for (int i = 0; i < g.getNumGeometries() && !zero; i++) add(g.getGeometryN(i));
            } else {
                Coordinate c = g.getCoordinate();
                candidate(c.x - px, c.y - py);
            }
        }

        /** LineSegment.closestPoint of each segment, as JTS computes it. */
        private void line(CoordinateSequence seq) {
            int n = seq.size();
            if (n == 0) return;
            double x1 = seq.getX(0), y1 = seq.getY(0);
            for (int i = 0; i + 1 < n && !zero; i++) {
                double x0 = x1, y0 = y1;
                x1 = seq.getX(i + 1);
                y1 = seq.getY(i + 1);
                if (seen && !firstIsNaN) {
                    // squared distance to the segment's box (widened by the rounding of a closest point): a lower bound
                    double gx = Math.max(0, Math.max(Math.min(x0, x1) - px, px - Math.max(x0, x1)) - slack);
                    double gy = Math.max(0, Math.max(Math.min(y0, y1) - py, py - Math.max(y0, y1)) - slack);
                    if (gx * gx + gy * gy > limit()) continue;
                }
                double r;
                if (px == x0 && py == y0) r = 0.0;
                else if (px == x1 && py == y1) r = 1.0;
                else {
                    double dx = x1 - x0, dy = y1 - y0, len = dx * dx + dy * dy;
                    r = len <= 0.0 ? Double.NaN : ((px - x0) * dx + (py - y0) * dy) / len;
                }
                if (r > 0 && r < 1) {
                    candidate(x0 + r * (x1 - x0) - px, y0 + r * (y1 - y0) - py);
                } else {
                    // the nearer end point: the smaller of the two distances
                    candidate(x0 - px, y0 - py);
                    candidate(x1 - px, y1 - py);
                }
            }
        }

        private void candidate(double dx, double dy) {
            double d2 = dx * dx + dy * dy;
            if (!seen) firstIsNaN = Double.isNaN(d2);
            seen = true;
            if (firstIsNaN) return;
            if (dx == 0 && dy == 0) zero = true; // nothing is nearer: the scan can stop
            if (!(d2 <= limit())) return; // clearly farther than the best so far (or NaN, never a minimum)
            if (d2 < minD2) {
                minD2 = d2;
                compact();
            }
            if (nc == cand.length) cand = Arrays.copyOf(cand, nc * 2);
            cand[nc++] = dx;
            cand[nc++] = dy;
        }

        /** Drops the kept candidates that the new smallest squared distance rules out. */
        private void compact() {
            double limit = limit();
            int w = 0;
            for (int i = 0; i < nc; i += 2) {
                double dx = cand[i], dy = cand[i + 1];
                if (dx * dx + dy * dy <= limit) {
                    cand[w++] = dx;
                    cand[w++] = dy;
                }
            }
            nc = w;
        }
    }

    private static double dz(Coordinate a, Coordinate b) {
        return dz(a.getZ(), b.getZ());
    }

    /** |za - zb|; 0 when neither has Z (NaN), infinite when only one has. */
    static double dz(double za, double zb) {
        if (Double.isNaN(za) && Double.isNaN(zb)) return 0;
        if (Double.isNaN(za) || Double.isNaN(zb)) return Double.POSITIVE_INFINITY;
        return Math.abs(za - zb);
    }

    /** When vertex lists differ, compare Z of each vertex of one with the nearest vertex of the other. */
    private static double zOutside(Coordinate[] ca, Coordinate[] cb) {
        boolean za = ca.length > 0 && !Double.isNaN(ca[0].getZ()), zb = cb.length > 0 && !Double.isNaN(cb[0].getZ());
        if (za != zb) return Double.POSITIVE_INFINITY;
        if (!za) return 0;
        double max = 0;
        for (Coordinate c : ca) {
            double best = Double.POSITIVE_INFINITY, bestZ = 0;
            for (Coordinate d : cb) {
                double dd = c.distance(d);
                if (dd < best) {
                    best = dd;
                    bestZ = Math.abs(c.getZ() - d.getZ());
                }
            }
            max = Math.max(max, bestZ);
        }
        return max;
    }

    /** Lines keep their direction: Hausdorff ignores it, so their ends must match within the tolerance. */
    private boolean sameLineEnds(Geometry a, Geometry b) {
        if (a.getDimension() != 1) return true;
        if (a.getNumGeometries() != b.getNumGeometries()) return true;
        for (int i = 0; i < a.getNumGeometries(); i++) {
            LineString la = (LineString) a.getGeometryN(i), lb = (LineString) b.getGeometryN(i);
            if (la.getStartPoint().getCoordinate().distance(lb.getStartPoint().getCoordinate()) > xyTolerance
                    || la.getEndPoint().getCoordinate().distance(lb.getEndPoint().getCoordinate()) > xyTolerance) return false;
        }
        return true;
    }

    private static boolean sameStructure(Geometry a, Geometry b) {
        if (!a.getGeometryType().equals(b.getGeometryType())) return false;
        if (a.getNumGeometries() != b.getNumGeometries()) return false;
        if (a instanceof GeometryCollection) {
            for (int i = 0; i < a.getNumGeometries(); i++) if (!sameStructure(a.getGeometryN(i), b.getGeometryN(i))) return false;
            return true;
        }
        if (a instanceof Polygon) {
            Polygon pa = (Polygon) a, pb = (Polygon) b;
            if (pa.getNumInteriorRing() != pb.getNumInteriorRing()) return false;
            if (pa.getExteriorRing().getNumPoints() != pb.getExteriorRing().getNumPoints()) return false;
            for (int i = 0; i < pa.getNumInteriorRing(); i++) {
                if (pa.getInteriorRingN(i).getNumPoints() != pb.getInteriorRingN(i).getNumPoints()) return false;
            }
            return true;
        }
        return a.getNumPoints() == b.getNumPoints();
    }

    /**
     * The canonical form compared and fingerprinted: repeated consecutive vertices removed; a Multi of one
     * part unwrapped; polygon shells clockwise, holes counter-clockwise, every ring starting at its lowest
     * (x, then y) vertex; holes and the parts of a Multi sorted. Line direction is kept.
     */
    public static Geometry normalise(Geometry g) {
        if (g == null || g.isEmpty()) return g;
        if (g instanceof Point) return g;
        if (g instanceof LineString) return FACTORY.createLineString(dedupe(g.getCoordinates()));
        if (g instanceof Polygon) return normalisePolygon((Polygon) g);
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry p = g.getGeometryN(i);
            if (!p.isEmpty()) parts.add(normalise(p));
        }
        if (parts.size() == 1 && !(g.getClass() == GeometryCollection.class)) return parts.get(0);
        parts.sort(Geometry::compareTo);
        if (g instanceof MultiPolygon) return FACTORY.createMultiPolygon(parts.toArray(new Polygon[0]));
        if (g instanceof MultiLineString) return FACTORY.createMultiLineString(parts.toArray(new LineString[0]));
        if (g instanceof MultiPoint) return FACTORY.createMultiPoint(parts.toArray(new Point[0]));
        return FACTORY.createGeometryCollection(parts.toArray(new Geometry[0]));
    }

    private static Polygon normalisePolygon(Polygon p) {
        LinearRing shell = ring(p.getExteriorRing().getCoordinates(), true);
        List<LinearRing> holes = new ArrayList<>();
        for (int i = 0; i < p.getNumInteriorRing(); i++) holes.add(ring(p.getInteriorRingN(i).getCoordinates(), false));
        holes.sort(Geometry::compareTo);
        return FACTORY.createPolygon(shell, holes.toArray(new LinearRing[0]));
    }

    private static LinearRing ring(Coordinate[] coords, boolean clockwise) {
        Coordinate[] c = dedupe(coords);
        if (c.length < 4) return FACTORY.createLinearRing(closed(c));
        Coordinate[] open = Arrays.copyOf(c, c.length - 1);
        int min = 0;
        for (int i = 1; i < open.length; i++) if (open[i].compareTo(open[min]) < 0) min = i;
        Coordinate[] rotated = new Coordinate[open.length + 1];
        // the vertices are shared with the input (as dedupe does), only the closing one is a copy
        System.arraycopy(open, min, rotated, 0, open.length - min);
        System.arraycopy(open, 0, rotated, open.length - min, min);
        rotated[open.length] = rotated[0].copy();
        boolean ccw = Orientation.isCCW(rotated);
        if (ccw == clockwise) {
            CoordinateArrays.reverse(rotated);
            // reversing keeps the lowest vertex first and last
        }
        return FACTORY.createLinearRing(rotated);
    }

    private static Coordinate[] closed(Coordinate[] c) {
        if (c.length == 0 || c[0].equals2D(c[c.length - 1])) return c;
        Coordinate[] r = Arrays.copyOf(c, c.length + 1);
        r[c.length] = c[0];
        return r;
    }

    /** Drops consecutive vertices equal in x, y and z. */
    private static Coordinate[] dedupe(Coordinate[] coords) {
        boolean repeats = false;
        for (int i = 1; i < coords.length && !repeats; i++) repeats = coords[i - 1].equals3D(coords[i]);
        if (!repeats) return coords.clone();
        CoordinateList list = new CoordinateList();
        Coordinate prev = null;
        for (Coordinate c : coords) {
            if (prev != null && prev.equals3D(c)) continue;
            list.add(c, true);
            prev = c;
        }
        return list.toCoordinateArray();
    }
}
