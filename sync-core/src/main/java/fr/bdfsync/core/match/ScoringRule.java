package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

/**
 * One named way of scoring a (local, national) pair. A rule applies to given geometry dimensions and answers
 * null when the pair is not of its kind (e.g. sizes too different for {@link Relation#SAME}).
 */
public interface ScoringRule {
    /** Pairs whose sizes (length or area) have a ratio at least this are candidates for SAME, below it for parts. */
    double SAME_SIZE_RATIO = 0.8;
    /**
     * Pairs whose size ratio is below this are candidates for part relations. Between the two ratios both apply:
     * a national zone that is 85 % of a local one may be the same zone or one of two merged locally; the resolver
     * decides from the other candidates.
     */
    double PART_SIZE_RATIO = 0.95;

    String name();

    /** Dimension of local geometries this rule reads (0 points, 1 lines, 2 polygons). */
    int localDimension();

    /** Dimension of national geometries this rule reads. */
    int nationalDimension();

    /** The score, or null when the rule does not apply to this pair. Distances are compared to {@code searchDistance}. */
    PairScore score(Geometry local, Geometry national, double searchDistance);

    /**
     * The same from prepared shapes (area, envelope, segments and point locator computed once per feature instead of
     * once per pair); rules that use them override this. Must answer exactly as {@link #score(Geometry, Geometry, double)}.
     */
    default PairScore score(Shape local, Shape national, double searchDistance) {
        return score(local.geometry(), national.geometry(), searchDistance);
    }
}
