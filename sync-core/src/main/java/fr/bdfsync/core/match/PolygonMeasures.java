package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

/**
 * Measures between two polygonal geometries: areas in square units of the CRS (m² in Lambert-93),
 * distances in metres, ratios in [0,1].
 */
public final class PolygonMeasures {
    private PolygonMeasures() {
    }

    /** Overlap ratios of a pair. */
    public record Overlap(double intersectionArea, double overA, double overB, double overUnion) {
        /** Surface distance (Vauglin): 1 - intersection/union, in [0,1]. */
        public double surfaceDistance() {
            return 1 - overUnion;
        }
    }

    public static Overlap overlap(Geometry a, Geometry b) {
        double aa = a.getArea();
        double ab = b.getArea();
        double inter;
        try {
            inter = a.getEnvelopeInternal().intersects(b.getEnvelopeInternal()) ? a.intersection(b).getArea() : 0;
        } catch (RuntimeException e) {
            // topology exception on a noisy pair: fall back to snapped copies
            inter = a.buffer(0).intersection(b.buffer(0)).getArea();
        }
        double union = aa + ab - inter;
        return new Overlap(inter, aa > 0 ? inter / aa : 0, ab > 0 ? inter / ab : 0, union > 0 ? inter / union : 0);
    }

    /**
     * An upper bound of the intersection over union, from areas and envelopes only (no overlay): the intersection
     * is at most the smaller area and at most the area of the two envelopes' intersection.
     */
    public static double overUnionUpperBound(Geometry a, Geometry b) {
        double aa = a.getArea();
        double ab = b.getArea();
        double inter = Math.min(Math.min(aa, ab), a.getEnvelopeInternal().intersection(b.getEnvelopeInternal()).getArea());
        double union = aa + ab - inter;
        return union > 0 ? inter / union : 0;
    }

    /** Distance between centroids (m). */
    public static double centroidDistance(Geometry a, Geometry b) {
        return a.getCentroid().distance(b.getCentroid());
    }

    /** Symmetric discrete Hausdorff distance between the two outlines (m). */
    public static double hausdorff(Geometry a, Geometry b) {
        return Math.max(DirectedDistance.toFacets(a, b), DirectedDistance.toFacets(b, a));
    }

    /** min(area)/max(area), in [0,1]. */
    public static double areaRatio(Geometry a, Geometry b) {
        double x = a.getArea();
        double y = b.getArea();
        if (x == 0 && y == 0) return 1;
        return Math.min(x, y) / Math.max(x, y);
    }

    /** Mean width of a polygon, 2·area/perimeter (m): about the width of a thin strip such as a hedge. */
    public static double meanWidth(Geometry polygon) {
        double p = polygon.getLength();
        return p > 0 ? 2 * polygon.getArea() / p : 0;
    }

    /** Length of the axis of a thin polygon, estimated as perimeter/2 - width (m). */
    public static double axisLength(Geometry polygon) {
        return Math.max(0, polygon.getLength() / 2 - meanWidth(polygon));
    }
}
