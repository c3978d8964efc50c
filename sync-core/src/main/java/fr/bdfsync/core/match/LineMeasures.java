package fr.bdfsync.core.match;

import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.linemerge.LineMerger;

import java.util.Collection;

/**
 * Measures between two lines, all in the units of the CRS (metres in Lambert-93) except ratios.
 * Hausdorff distances are the discrete ones (from every vertex of one line to the other line's segments).
 */
public final class LineMeasures {
    private LineMeasures() {
    }

    /** Symmetric Hausdorff distance (m). */
    public static double hausdorff(Geometry a, Geometry b) {
        return Math.max(DirectedDistance.of(a, b), DirectedDistance.of(b, a));
    }

    /**
     * False when {@link #partialHausdorff} of {@code part} to {@code whole} is surely above {@code limit}: a vertex of
     * {@code part} lies farther than {@code limit} from the envelope of {@code whole}, hence from {@code whole}. Reads
     * only the two envelopes (kept by JTS in the geometries), so candidate pairs of long tronçons whose envelopes meet
     * within the search distance are dismissed before their vertices are read. The margin (1e-9 relative and absolute)
     * keeps it a strict pre-test: a pair it dismisses has a distance above {@code limit} whatever the rounding.
     */
    public static boolean mayBeWithin(Geometry part, Geometry whole, double limit) {
        org.locationtech.jts.geom.Envelope p = part.getEnvelopeInternal();
        org.locationtech.jts.geom.Envelope w = whole.getEnvelopeInternal();
        if (p.isNull() || w.isNull()) return true;
        double m = limit + Math.abs(limit) * 1e-9 + 1e-9;
        return p.getMinX() >= w.getMinX() - m && p.getMaxX() <= w.getMaxX() + m
                && p.getMinY() >= w.getMinY() - m && p.getMaxY() <= w.getMaxY() + m;
    }

    /** One-sided (partial) Hausdorff distance (m): how far the vertices of {@code part} are from {@code whole}. */
    public static double partialHausdorff(Geometry part, Geometry whole) {
        return DirectedDistance.of(part, whole);
    }

    /**
     * Discrete Fréchet distance (m) of the two lines after densifying both to {@code step} metres (the discrete
     * Fréchet distance is only meaningful when vertices are spaced alike) and orienting {@code b} like {@code a}.
     */
    public static double frechet(Geometry a, Geometry b, double step) {
        return frechet(a, b, step, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #frechet(Geometry, Geometry, double)}, faster when the distance is at most {@code cap}
     * ({@link DiscreteFrechet}: the same value either way).
     */
    public static double frechet(Geometry a, Geometry b, double step, double cap) {
        return frechet(a, b, step, cap, direction(a, b));
    }

    /** As {@link #frechet(Geometry, Geometry, double, double)}, given {@code direction(a, b)} already measured. */
    static double frechet(Geometry a, Geometry b, double step, double cap, int direction) {
        LineString la = asLine(a);
        LineString lb = asLine(b);
        if (la == null || lb == null) return Double.NaN;
        if (direction < 0) lb = lb.reverse();
        Geometry da = Densifier.densify(la, step);
        Geometry db = Densifier.densify(lb, step);
        return DiscreteFrechet.distance(da.getCoordinates(), db.getCoordinates(), cap);
    }

    /** min(length)/max(length), in [0,1]. */
    public static double lengthRatio(Geometry a, Geometry b) {
        return lengthRatio(a.getLength(), b.getLength());
    }

    /** min/max of two lengths, in [0,1] (1 when both are 0). */
    static double lengthRatio(double la, double lb) {
        if (la == 0 && lb == 0) return 1;
        return Math.min(la, lb) / Math.max(la, lb);
    }

    /**
     * Direction agreement: +1 when {@code a} runs the same way as {@code b} (its start projects before its end
     * on {@code b}), -1 when it runs the other way, 0 when undecidable (closed or point-like lines).
     */
    public static int direction(Geometry a, Geometry b) {
        LineString la = asLine(a);
        LineString lb = asLine(b);
        if (la == null || lb == null || la.isClosed()) return 0;
        LengthIndexedLine idx = new LengthIndexedLine(lb);
        double s = idx.project(la.getStartPoint().getCoordinate());
        double e = idx.project(la.getEndPoint().getCoordinate());
        if (Math.abs(e - s) < 1e-9) return 0;
        return e > s ? 1 : -1;
    }

    /** The single line of a LineString or of a MultiLineString whose parts merge into one; else null. */
    static LineString asLine(Geometry g) {
        if (g instanceof LineString) return (LineString) g;
        if (g.getNumGeometries() == 1 && g.getGeometryN(0) instanceof LineString) return (LineString) g.getGeometryN(0);
        LineMerger m = new LineMerger();
        m.add(g);
        @SuppressWarnings("unchecked")
        Collection<LineString> merged = m.getMergedLineStrings();
        if (merged.size() == 1) return merged.iterator().next();
        // disjoint parts: chain them in stored order (good enough for direction and Fréchet on noisy data)
        int n = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) n += g.getGeometryN(i).getNumPoints();
        if (n < 2) return null;
        Coordinate[] cs = new Coordinate[n];
        int k = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) for (Coordinate c : g.getGeometryN(i).getCoordinates()) cs[k++] = c;
        return g.getFactory().createLineString(cs);
    }
}
