package fr.bdfsync.core.match;

import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
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
 * vertex can then no longer raise the maximum. The point-in-polygon test only runs for vertices that would.
 */
public final class DirectedDistance {
    private DirectedDistance() {
    }

    public static double of(Geometry from, Geometry to) {
        return compute(from, to, to instanceof Polygonal);
    }

    /** The same, to the boundary of {@code to} (or to the line itself when {@code to} is not areal). */
    public static double toFacets(Geometry from, Geometry to) {
        return compute(from, to, false);
    }

    /**
     * Share of the vertices of {@code from} inside the area of {@code to} or within {@code tolerance} of it (so that
     * an outline shared with the whole but shifted by noise still counts as inside); 0 when {@code to} is not areal.
     */
    public static double insideShare(Geometry from, Geometry to, double tolerance) {
        if (!(to instanceof Polygonal) || from.isEmpty()) return 0;
        List<CoordinateSequence> rings = rings(to);
        Segments segs = Segments.of(to);
        double tol2 = tolerance * tolerance;
        Envelope env = new Envelope(to.getEnvelopeInternal());
        env.expandBy(tolerance);
        int n = 0;
        int in = 0;
        Coordinate c = new Coordinate();
        for (CoordinateSequence seq : sequences(from)) {
            // a closed ring repeats its first vertex: count it once
            int size = seq.size() > 1 && seq.getX(0) == seq.getX(seq.size() - 1) && seq.getY(0) == seq.getY(seq.size() - 1) ? seq.size() - 1 : seq.size();
            for (int i = 0; i < size; i++) {
                c.x = seq.getX(i);
                c.y = seq.getY(i);
                n++;
                if (env.contains(c) && (insideArea(c, rings, to) || segs.within(c.x, c.y, tol2))) in++;
            }
        }
        return n == 0 ? 0 : (double) in / n;
    }

    private static double compute(Geometry from, Geometry to, boolean area) {
        if (from.isEmpty() || to.isEmpty()) return Double.NaN;
        Segments segs = Segments.of(to);
        List<CoordinateSequence> rings = area ? rings(to) : null;
        double max = 0;
        int hint = 0;
        Coordinate c = new Coordinate();
        for (CoordinateSequence seq : sequences(from)) {
            for (int i = 0; i < seq.size(); i++) {
                double x = seq.getX(i);
                double y = seq.getY(i);
                int n = segs.size;
                double best = Double.POSITIVE_INFINITY;
                int bestAt = hint;
                boolean broke = false;
                for (int k = 0; k < n; k++) {
                    int s = (hint + (k % 2 == 0 ? k / 2 : n - 1 - k / 2)) % n; // outward from the hint
                    double d = segs.distanceSq(s, x, y);
                    if (d < best) {
                        best = d;
                        bestAt = s;
                        if (best <= max * max) {
                            broke = true;
                            break;
                        }
                    }
                }
                hint = bestAt;
                if (broke) continue;
                double dist = Math.sqrt(best);
                if (dist > max) {
                    c.x = x;
                    c.y = y;
                    if (rings != null && insideArea(c, rings, to)) continue;
                    max = dist;
                }
            }
        }
        return max;
    }

    private static boolean insideArea(Coordinate c, List<CoordinateSequence> rings, Geometry to) {
        // even-odd over every ring of every polygon: inside a shell and not inside one of its holes
        int crossings = 0;
        for (CoordinateSequence r : rings) {
            int loc = RayCrossingCounter.locatePointInRing(c, r);
            if (loc == Location.BOUNDARY) return true;
            if (loc == Location.INTERIOR) crossings++;
        }
        return crossings % 2 == 1;
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

    private static List<CoordinateSequence> rings(Geometry g) {
        List<CoordinateSequence> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon) out.addAll(sequences(g.getGeometryN(i)));
        }
        return out;
    }

    /** The segments of a geometry as flat coordinate arrays (a lone point is a zero-length segment). */
    private static final class Segments {
        double[] x0;
        double[] y0;
        double[] x1;
        double[] y1;
        int size;

        static Segments of(Geometry g) {
            Segments s = new Segments();
            int cap = Math.max(1, g.getNumPoints());
            s.x0 = new double[cap];
            s.y0 = new double[cap];
            s.x1 = new double[cap];
            s.y1 = new double[cap];
            for (CoordinateSequence seq : sequences(g)) {
                if (seq.size() == 1) s.add(seq.getX(0), seq.getY(0), seq.getX(0), seq.getY(0));
                for (int i = 0; i + 1 < seq.size(); i++) s.add(seq.getX(i), seq.getY(i), seq.getX(i + 1), seq.getY(i + 1));
            }
            return s;
        }

        private void add(double ax, double ay, double bx, double by) {
            if (size == x0.length) {
                x0 = java.util.Arrays.copyOf(x0, size * 2);
                y0 = java.util.Arrays.copyOf(y0, size * 2);
                x1 = java.util.Arrays.copyOf(x1, size * 2);
                y1 = java.util.Arrays.copyOf(y1, size * 2);
            }
            x0[size] = ax;
            y0[size] = ay;
            x1[size] = bx;
            y1[size] = by;
            size++;
        }

        boolean within(double px, double py, double d2) {
            for (int i = 0; i < size; i++) if (distanceSq(i, px, py) <= d2) return true;
            return false;
        }

        double distanceSq(int i, double px, double py) {
            double ax = x0[i];
            double ay = y0[i];
            double dx = x1[i] - ax;
            double dy = y1[i] - ay;
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
