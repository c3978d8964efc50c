package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * {@code polygon.same}: two polygons of similar area (ratio ≥ {@value ScoringRule#SAME_SIZE_RATIO}). Confidence
 * from the Hausdorff distance between outlines, not from the overlap: a hedge polygon 4 m wide shifted by 3 m
 * overlaps little but is plainly the same object. Overlap ratios, surface distance and centroid distance are
 * recorded as measures. Large zones digitised differently (outlines further apart than the search distance) are still
 * the same when they overlap: confidence = max(closeness of the outlines, intersection over union). The overlay is
 * the costly part, so overlap ratios are computed (and recorded) only when the outlines alone give less than
 * {@value #OVERLAP_BELOW} and an upper bound of the intersection over union from areas and envelopes
 * ({@link PolygonMeasures#overUnionUpperBound}) shows that the overlay could change the answer. A pair whose outlines
 * are further apart than the search distance is dropped without overlay when a tighter bound (each polygon clipped
 * to the other's envelope, {@link PolygonMeasures#overUnionClippedBound}) keeps the intersection over union below
 * 0.5: the overlay would have dropped it too.
 */
public final class PolygonSameRule extends NamedRule {
    public PolygonSameRule() {
        super("polygon.same", 2, 2);
    }

    /** The overlay is computed only when the outline closeness alone is below this. */
    static final double OVERLAP_BELOW = 0.8;

    @Override
    public PairScore score(Geometry local, Geometry national, double s) {
        return score(Shape.of(local), Shape.of(national), s);
    }

    /**
     * Cheapest tests first, each an exact shortcut: the area ratio; then, before any vertex is read, the Hausdorff
     * lower bound of the two envelopes ({@link PolygonMeasures#hausdorffLowerBound}) beyond the search distance together
     * with an intersection over union bounded below 0.5 settles the pair as not the same (the full computation would
     * return null on those two facts).
     */
    @Override
    public PairScore score(Shape local, Shape national, double s) {
        double ratio = PolygonMeasures.areaRatio(local, national);
        if (ratio < SAME_SIZE_RATIO) return null;
        double bound = -1; // computed at most once
        double clipped = -1; // likewise
        if (PolygonMeasures.hausdorffLowerBound(local.envelope(), national.envelope()) > s) {
            bound = PolygonMeasures.overUnionUpperBound(local, national);
            if (bound < 0.5) return null;
            // a neighbour of similar size whose envelope overlaps: the tighter bound often settles it before any
            // Hausdorff scan (a null answer either way, so no recorded value changes)
            clipped = PolygonMeasures.overUnionClippedBound(local, national);
            if (clipped < 0.5) return null;
        }
        double h = PolygonMeasures.hausdorff(local, national);
        double close = Closeness.of(h, s);
        Map<String, Double> m = new java.util.HashMap<>(Map.of("hausdorff_m", h, "area_ratio", ratio,
                "centroid_distance_m", PolygonMeasures.centroidDistance(local, national)));
        double conf = close;
        if (close < OVERLAP_BELOW) {
            // outlines far apart: the overlay (costly) may still show the same zone digitised differently, unless
            // areas and envelopes already prove that it cannot change the answer
            if (bound < 0) bound = PolygonMeasures.overUnionUpperBound(local, national);
            if (!(h <= s) && bound < 0.5) return null;
            if (bound <= close) return new PairScore(name(), Relation.SAME, close, 1, m);
            if (!(h <= s)) {
                if (clipped < 0) clipped = PolygonMeasures.overUnionClippedBound(local, national);
                if (clipped < 0.5) return null;
            }
            PolygonMeasures.Overlap o = PolygonMeasures.overlap(local, national);
            if (!(h <= s) && o.overUnion() < 0.5) return null;
            conf = Math.max(close, o.overUnion());
            m.put("overlap_local", o.overA());
            m.put("overlap_national", o.overB());
            m.put("overlap_union", o.overUnion());
            m.put("surface_distance", o.surfaceDistance());
        }
        return new PairScore(name(), Relation.SAME, conf, 1, m);
    }
}
