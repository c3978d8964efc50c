package fr.bdfsync.core.conflict.detect;

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
    private final Coordinate probe = new Coordinate();

    InteriorsMeet(Geometry shape) {
        this.shape = shape;
        this.bounds = shape.getEnvelopeInternal();
        this.polygonal = isPolygonal(shape);
    }

    /** Whether this shape's interior meets {@code other}'s (false when the relate fails on invalid input). */
    boolean test(Geometry other) {
        if (byVertex(other)) return true;
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
