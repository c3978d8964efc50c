package fr.bdfsync.core.conflict.detect;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.relateng.RelateNG;

/**
 * Whether the interior of one areal shape meets the interiors of others ({@code T********}), with a cheap exact
 * positive test before the relate: when a vertex of the other shape lies in this shape's interior (JTS's
 * {@link SimplePointInAreaLocator}: robust ray crossing over the rings, no index; a few vertices tried), the interiors meet, since a boundary point
 * of a polygon with an interior has interior points of it arbitrarily close; only otherwise is the prepared
 * {@link RelateNG} evaluated. On the benchmark data most pairs tested do overlap (a moved zone is a small edit of a
 * zone that already met its neighbours), and a vertex inside answers most of them at a fraction of a relate's cost.
 * <p>
 * For valid polygons the answer is RelateNG's (RelateNG computes the same exact predicate); the relate is prepared on
 * first need, per shape, and the object is used by one thread. A relate that fails (invalid
 * input) answers false, as before: invalid shapes are the merge's to report, not the overlap detector's.
 */
final class InteriorsMeet {
    private static final String PATTERN = "T********";
    private final Geometry shape;
    private final Envelope bounds;
    private final boolean polygonal;
    /** Vertices of the other shape tried a polygon: each costs a pass over this shape's rings (no index to build). */
    private static final int PROBES = 8;
    private RelateNG relate;
    private Segments segments;
    private final Coordinate probe = new Coordinate();

    InteriorsMeet(Geometry shape) {
        this.shape = shape;
        this.bounds = shape.getEnvelopeInternal();
        this.polygonal = isPolygonal(shape);
    }

    /** Whether this shape's interior meets {@code other}'s (false when the relate fails on invalid input). */
    boolean test(Geometry other) {
        if (byVertex(other)) return true;
        Boolean apart = byApartBoundaries(other);
        if (apart != null) return apart;
        if (relate == null) relate = RelateNG.prepare(shape);
        try {
            return relate.evaluate(other, PATTERN);
        } catch (RuntimeException e) {
            return false; // invalid input is reported by the merge, not here
        }
    }

    /** Whether the cheap test alone answers: both polygonal, and a vertex of {@code other} in this shape's interior. */
    boolean byVertex(Geometry other) {
        return polygonal && isPolygonal(other) && vertexInside(other);
    }

    /**
     * The answer when both shapes are polygonal and their boundaries have no point in common, else null. Then each
     * ring of one shape lies wholly in the other's interior or wholly in its exterior (a ring is connected and does not
     * meet the other's boundary), so the interiors meet exactly when the first shell vertex of a polygon of one shape
     * lies in the other's interior: a shell inside the other's interior brings the interior next to it; when every
     * shell of each shape is outside the other, each polygon is disjoint from the other's polygons or lies in their
     * holes (or around them, their shells being outside it). Contact is decided with JTS's exact orientation
     * predicate on every pair of segments whose bounds meet inside the common bounds of the two shapes; any contact
     * (a crossing, a touch, a shared vertex or edge) leaves the question to the relate.
     */
    Boolean byApartBoundaries(Geometry other) {
        if (!polygonal || !isPolygonal(other)) return null;
        Envelope common = bounds.intersection(other.getEnvelopeInternal());
        if (common.isNull()) return false;
        if (segments == null) segments = new Segments(shape, null);
        Segments theirs = new Segments(other, common);
        if (theirs.n == 0) return shellVertexInterior(other, shape) || shellVertexInterior(shape, other);
        Segments mine = segments.within(common);
        if (mine.touches(theirs)) return null;
        return shellVertexInterior(other, shape) || shellVertexInterior(shape, other);
    }

    /** Whether the first shell vertex of one of {@code of}'s polygons lies in {@code in}'s interior. */
    private boolean shellVertexInterior(Geometry of, Geometry in) {
        for (int p = 0; p < of.getNumGeometries(); p++) {
            Polygon poly = (Polygon) of.getGeometryN(p);
            if (poly.isEmpty()) continue;
            CoordinateSequence s = poly.getExteriorRing().getCoordinateSequence();
            probe.x = s.getX(0);
            probe.y = s.getY(0);
            if (SimplePointInAreaLocator.locate(probe, in) == Location.INTERIOR) return true;
        }
        return false;
    }

    /** Ring segments as flat (x0, y0, x1, y1) quadruples, in ring order (this shape's kept for its other tests). */
    private static final class Segments {
        private final double[] xy;
        private final int n;

        private Segments(double[] xy, int n) {
            this.xy = xy;
            this.n = n;
        }

        /** The segments of {@code polygonal}'s rings whose bounds meet {@code e} (null: all of them). */
        Segments(Geometry polygonal, Envelope e) {
            int count = 0;
            for (int p = 0; p < polygonal.getNumGeometries(); p++) {
                Polygon poly = (Polygon) polygonal.getGeometryN(p);
                if (poly.isEmpty()) continue;
                count += Math.max(0, poly.getExteriorRing().getNumPoints() - 1);
                for (int h = 0; h < poly.getNumInteriorRing(); h++) count += Math.max(0, poly.getInteriorRingN(h).getNumPoints() - 1);
            }
            double[] out = new double[4 * count];
            int k = 0;
            for (int p = 0; p < polygonal.getNumGeometries(); p++) {
                Polygon poly = (Polygon) polygonal.getGeometryN(p);
                if (poly.isEmpty()) continue;
                k = add(poly.getExteriorRing().getCoordinateSequence(), e, out, k);
                for (int h = 0; h < poly.getNumInteriorRing(); h++) k = add(poly.getInteriorRingN(h).getCoordinateSequence(), e, out, k);
            }
            this.xy = out;
            this.n = k / 4;
        }

        private static int add(CoordinateSequence s, Envelope e, double[] out, int k) {
            for (int i = 0; i + 1 < s.size(); i++) {
                double x0 = s.getX(i), y0 = s.getY(i), x1 = s.getX(i + 1), y1 = s.getY(i + 1);
                if (e != null && outside(x0, y0, x1, y1, e)) continue;
                out[k++] = x0;
                out[k++] = y0;
                out[k++] = x1;
                out[k++] = y1;
            }
            return k;
        }

        /** Whether the segment's bounds miss {@code e} (false with NaN: such a segment is kept, to be judged as contact). */
        private static boolean outside(double x0, double y0, double x1, double y1, Envelope e) {
            return Math.max(x0, x1) < e.getMinX() || Math.min(x0, x1) > e.getMaxX()
                    || Math.max(y0, y1) < e.getMinY() || Math.min(y0, y1) > e.getMaxY();
        }

        /** The segments whose bounds meet {@code e} (closed bounds; NaN ordinates are kept, to be judged as contact). */
        Segments within(Envelope e) {
            double[] out = new double[xy.length];
            int k = 0;
            for (int i = 0; i < n; i++) {
                int o = 4 * i;
                if (outside(xy[o], xy[o + 1], xy[o + 2], xy[o + 3], e)) continue;
                System.arraycopy(xy, o, out, k, 4);
                k += 4;
            }
            return new Segments(out, k / 4);
        }

        /**
         * Whether a segment of this set has a point in common with one of {@code other}'s: bounds that meet, and neither
         * segment wholly on one side of the other's line (JTS's exact orientation index, as its line intersector
         * decides); collinear segments whose bounds meet overlap. Anything not a number counts as contact.
         */
        boolean touches(Segments other) {
            for (int i = 0; i < n; i++) {
                int o = 4 * i;
                double px0 = xy[o], py0 = xy[o + 1], px1 = xy[o + 2], py1 = xy[o + 3];
                for (int j = 0; j < other.n; j++) {
                    int q = 4 * j;
                    double qx0 = other.xy[q], qy0 = other.xy[q + 1], qx1 = other.xy[q + 2], qy1 = other.xy[q + 3];
                    if (Math.max(px0, px1) < Math.min(qx0, qx1) || Math.min(px0, px1) > Math.max(qx0, qx1)
                            || Math.max(py0, py1) < Math.min(qy0, qy1) || Math.min(py0, py1) > Math.max(qy0, qy1)) continue;
                    int pq0 = CGAlgorithmsDD.orientationIndex(px0, py0, px1, py1, qx0, qy0);
                    int pq1 = CGAlgorithmsDD.orientationIndex(px0, py0, px1, py1, qx1, qy1);
                    if (pq0 * pq1 > 0) continue;
                    int qp0 = CGAlgorithmsDD.orientationIndex(qx0, qy0, qx1, qy1, px0, py0);
                    int qp1 = CGAlgorithmsDD.orientationIndex(qx0, qy0, qx1, qy1, px1, py1);
                    if (qp0 * qp1 > 0) continue;
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isPolygonal(Geometry g) {
        return (g instanceof Polygon || g instanceof MultiPolygon) && !g.isEmpty();
    }

    /**
     * Whether one of a few vertices of {@code other} lies in this shape's interior (not on its boundary): of each
     * polygon's shell, the vertices strictly inside this shape's bounds (a vertex on them cannot be interior; NaN is
     * not inside), about {@link #PROBES} of them spread along the shell.
     */
    private boolean vertexInside(Geometry other) {
        if (!bounds.intersects(other.getEnvelopeInternal())) return false;
        for (int p = 0; p < other.getNumGeometries(); p++) {
            Polygon poly = (Polygon) other.getGeometryN(p);
            if (poly.isEmpty()) continue;
            CoordinateSequence s = poly.getExteriorRing().getCoordinateSequence();
            int n = s.size() - 1; // the closing point repeats the first
            int within = 0;
            for (int i = 0; i < n; i++) if (withinBounds(s, i)) within++;
            int step = Math.max(1, within / PROBES), seen = 0;
            for (int i = 0; i < n; i++) {
                if (!withinBounds(s, i) || seen++ % step != 0) continue;
                probe.x = s.getX(i);
                probe.y = s.getY(i);
                if (SimplePointInAreaLocator.locate(probe, shape) == Location.INTERIOR) return true;
            }
        }
        return false;
    }

    private boolean withinBounds(CoordinateSequence s, int i) {
        double x = s.getX(i), y = s.getY(i);
        return x > bounds.getMinX() && x < bounds.getMaxX() && y > bounds.getMinY() && y < bounds.getMaxY();
    }
}
