package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The interior point of a polygon or multipolygon as JTS 1.20's {@code Geometry.getInteriorPoint()} computes it
 * ({@code InteriorPointArea}), step for step: per polygon, a scan line half-way between the two vertex ordinates that
 * enclose the middle of the polygon's y-extent, the crossings of every ring with it (the same counting rules and the
 * same intersection formula), sorted, and the middle of the widest section; across parts, the first polygon with the
 * widest section. Read from the coordinate sequences in place: JTS makes a coordinate object per vertex and per
 * segment end and boxes every crossing (the links' representative points were a twentieth of the attach samples).
 * Anything else (empty geometries or parts, other types, a non-finite coordinate, an odd number of crossings, which
 * JTS reports as an assertion failure) is left to JTS. Tested bit for bit against JTS ({@code AreaInteriorPointTest}).
 */
final class AreaInteriorPoint {
    private AreaInteriorPoint() {
    }

    static Point of(Geometry g) {
        if (g.isEmpty() || !(g instanceof Polygon || g instanceof MultiPolygon)) return g.getInteriorPoint();
        Coordinate best = null;
        double maxWidth = -1;
        Crossings crossings = new Crossings();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            if (p.isEmpty()) return g.getInteriorPoint();
            for (int h = 0; h < p.getNumInteriorRing(); h++) if (p.getInteriorRingN(h).isEmpty()) return g.getInteriorPoint();
            double scanY = scanLineY(p);
            if (Double.isNaN(scanY)) return g.getInteriorPoint();
            crossings.n = 0;
            for (int r = -1; r < p.getNumInteriorRing(); r++) {
                crossings.scan((r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinateSequence(), scanY);
            }
            int n = crossings.n;
            if (n % 2 != 0) return g.getInteriorPoint(); // JTS fails its robustness assertion: let it say so
            Coordinate point = new Coordinate(p.getCoordinate()); // JTS's default, for a polygon without crossings
            double width = 0.0;
            double[] xs = crossings.x;
            java.util.Arrays.sort(xs, 0, n); // the order of Double.compare, as JTS sorts
            for (int k = 0; k < n; k += 2) {
                double x1 = xs[k];
                double x2 = xs[k + 1];
                double w = x2 - x1;
                if (w > width) {
                    width = w;
                    point = new Coordinate((x1 + x2) / 2.0, scanY);
                }
            }
            if (width > maxWidth) {
                maxWidth = width;
                best = point;
            }
        }
        g.getPrecisionModel().makePrecise(best);
        return g.getFactory().createPoint(best);
    }

    /**
     * JTS's scan line: starting from the envelope's y-extent, the nearest vertex ordinates at or below its middle and
     * above it, over every ring; the middle of those two. NaN when a coordinate is not finite.
     */
    private static double scanLineY(Polygon p) {
        double hiY = p.getEnvelopeInternal().getMaxY();
        double loY = p.getEnvelopeInternal().getMinY();
        double centreY = (loY + hiY) / 2.0;
        for (int r = -1; r < p.getNumInteriorRing(); r++) {
            CoordinateSequence seq = (r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getCoordinateSequence();
            for (int i = 0; i < seq.size(); i++) {
                double y = seq.getY(i);
                if (!Double.isFinite(y) || !Double.isFinite(seq.getX(i))) return Double.NaN;
                if (y <= centreY) {
                    if (y > loY) loY = y;
                } else if (y < hiY) {
                    hiY = y;
                }
            }
        }
        return (hiY + loY) / 2.0;
    }

    /** The x of the counted crossings of the rings of one polygon with its scan line. */
    private static final class Crossings {
        double[] x = new double[16];
        int n;

        /**
         * Adds the ring's crossings. JTS skips a ring whose y-extent misses the line; no segment of such a ring is counted
         * either (a counted segment has an end at or below the line and one at or above it), so the extent is not
         * computed here.
         */
        void scan(CoordinateSequence ring, double scanY) {
            int size = ring.size();
            double x0 = ring.getX(0);
            double y0 = ring.getY(0);
            for (int i = 1; i < size; i++) {
                double x1 = ring.getX(i);
                double y1 = ring.getY(i);
                if (counted(y0, y1, scanY)) {
                    if (n == x.length) x = java.util.Arrays.copyOf(x, n * 2);
                    x[n++] = intersection(x0, y0, x1, y1, scanY);
                }
                x0 = x1;
                y0 = y1;
            }
        }
    }

    /** JTS's tests: the segment reaches the line, is not horizontal, and a vertex on the line is counted once. */
    private static boolean counted(double y0, double y1, double scanY) {
        if (y0 > scanY && y1 > scanY) return false;
        if (y0 < scanY && y1 < scanY) return false;
        if (y0 == y1) return false;
        if (y0 == scanY && y1 < scanY) return false;
        return !(y1 == scanY && y0 < scanY);
    }

    /** JTS's intersection of the segment with the line, operation for operation (double arithmetic). */
    private static double intersection(double x0, double y0, double x1, double y1, double scanY) {
        if (x0 == x1) return x0;
        double segDX = x1 - x0;
        double segDY = y1 - y0;
        double m = segDY / segDX;
        return x0 + ((scanY - y0) / m);
    }
}
