package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * {@code polygon.same}: two polygons of similar area (ratio ≥ {@value ScoringRule#SAME_SIZE_RATIO}). Confidence
 * from the Hausdorff distance between outlines, not from the overlap: a hedge polygon 4 m wide shifted by 3 m
 * overlaps little but is plainly the same object. Overlap ratios, surface distance and centroid distance are
 * recorded as measures. Large zones digitised differently (outlines further apart than the search distance) are still
 * the same when they overlap: confidence = max(closeness of the outlines, intersection over union).
 */
public final class PolygonSameRule implements ScoringRule {
    @Override
    public String name() {
        return "polygon.same";
    }

    @Override
    public int localDimension() {
        return 2;
    }

    @Override
    public int nationalDimension() {
        return 2;
    }

    @Override
    public PairScore score(Geometry local, Geometry national, double s) {
        double ratio = PolygonMeasures.areaRatio(local, national);
        if (ratio < SAME_SIZE_RATIO) return null;
        PolygonMeasures.Overlap o = PolygonMeasures.overlap(local, national);
        double h = PolygonMeasures.hausdorff(local, national);
        if (!(h <= s) && o.overUnion() < 0.5) return null;
        double conf = Math.max(Closeness.of(h, s), o.overUnion());
        return new PairScore(name(), Relation.SAME, conf, 1, Map.of(
                "hausdorff_m", h, "area_ratio", ratio, "overlap_local", o.overA(), "overlap_national", o.overB(),
                "overlap_union", o.overUnion(), "surface_distance", o.surfaceDistance(),
                "centroid_distance_m", PolygonMeasures.centroidDistance(local, national)));
    }
}
