package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Envelope;
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
     * {@link #overlap(Geometry, Geometry)} from prepared shapes: the intersection area by {@link IntersectionArea}
     * (edges split and summed, no overlay) when both shapes are valid, by the overlay otherwise or when that method
     * cannot vouch for its sum. The two agree up to rounding (relative 1e-9 of the larger area in
     * {@code IntersectionAreaTest}), not bit for bit.
     */
    static Overlap overlap(Shape a, Shape b) {
        double inter = a.valid() && b.valid()
                ? IntersectionArea.of(a.geometry(), a.target(), b.geometry(), b.target()) : Double.NaN;
        if (Double.isNaN(inter)) return overlap(a.geometry(), b.geometry());
        double aa = a.area();
        double ab = b.area();
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

    /** {@link #overUnionUpperBound(Geometry, Geometry)} from prepared shapes (areas and envelopes computed once). */
    static double overUnionUpperBound(Shape a, Shape b) {
        double aa = a.area();
        double ab = b.area();
        double inter = Math.min(Math.min(aa, ab), a.envelope().intersection(b.envelope()).getArea());
        double union = aa + ab - inter;
        return union > 0 ? inter / union : 0;
    }

    /**
     * The area of {@code polygonal} inside the rectangle {@code r}: each ring clipped to the rectangle
     * (Sutherland–Hodgman, exact for a convex window: the clipped ring may run back along the window's sides, which
     * adds no area), shells counted positive and holes negative. Areas in square CRS units; rounding only.
     */
    static double areaWithin(Geometry polygonal, Envelope r) {
        double sum = 0;
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Geometry g = polygonal.getGeometryN(i);
            if (!(g instanceof org.locationtech.jts.geom.Polygon p) || p.isEmpty()) continue;
            sum += RectClip.area(p.getExteriorRing().getCoordinateSequence(), r);
            for (int h = 0; h < p.getNumInteriorRing(); h++) sum -= RectClip.area(p.getInteriorRingN(h).getCoordinateSequence(), r);
        }
        return Math.max(0, sum);
    }

    /**
     * An upper bound of the intersection over union tighter than {@link #overUnionUpperBound(Shape, Shape)}: the
     * intersection lies inside each polygon and inside the other's envelope, so it is at most the area of each polygon
     * clipped to the other's envelope ({@link #areaWithin}). Raised by a relative 1e-9 against rounding in the
     * clipping, so that it stays an upper bound of the value the overlay computes.
     */
    static double overUnionClippedBound(Shape a, Shape b) {
        double aa = a.area();
        double ab = b.area();
        if (!a.envelope().intersects(b.envelope())) return 0;
        double inter = Math.min(areaWithin(a.geometry(), b.envelope()), areaWithin(b.geometry(), a.envelope()));
        inter = Math.min(Math.min(aa, ab), inter * (1 + 1e-9) + 1e-9);
        double union = aa + ab - inter;
        return union > 0 ? inter / union : 0;
    }

    /**
     * A lower bound of the symmetric Hausdorff distance between two outlines, from their envelopes only: the vertex
     * of one outline that reaches furthest in some direction (its envelope's side) is at least as far from the other
     * outline as that side is from the other envelope's side, since the other outline lies inside its envelope. So
     * the distance is at least the largest difference between corresponding sides (minx, maxx, miny, maxy).
     */
    public static double hausdorffLowerBound(Envelope a, Envelope b) {
        return Math.max(Math.max(Math.abs(a.getMinX() - b.getMinX()), Math.abs(a.getMaxX() - b.getMaxX())),
                Math.max(Math.abs(a.getMinY() - b.getMinY()), Math.abs(a.getMaxY() - b.getMaxY())));
    }

    /** {@link #hausdorff(Geometry, Geometry)} between prepared shapes (each side's segments built once). */
    static double hausdorff(Shape a, Shape b) {
        return DirectedDistance.symmetricToFacets(a.geometry(), b.target(), b.geometry(), a.target());
    }

    /** {@link #areaRatio(Geometry, Geometry)} from prepared shapes. */
    static double areaRatio(Shape a, Shape b) {
        double x = a.area();
        double y = b.area();
        if (x == 0 && y == 0) return 1;
        return Math.min(x, y) / Math.max(x, y);
    }

    /** Distance between centroids (m). */
    public static double centroidDistance(Geometry a, Geometry b) {
        return a.getCentroid().distance(b.getCentroid());
    }

    /** {@link #centroidDistance(Geometry, Geometry)} from prepared shapes (each centroid computed once). */
    static double centroidDistance(Shape a, Shape b) {
        return a.centroid().distance(b.centroid());
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
