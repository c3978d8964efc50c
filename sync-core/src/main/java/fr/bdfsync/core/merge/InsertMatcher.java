package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.GeometryType;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds insert/insert conflicts: a national creation and a local creation that describe the same real
 * object. Candidates come from an STRtree of the national creations' envelopes (widened by the match
 * distance); areas match when their shared area covers at least {@code match_overlap} of the larger one,
 * lines and points when their Hausdorff distance is within {@code match_distance}. Each local creation
 * matches at most one national creation (the best). Both stay in the merged data until a decision.
 * <p>
 * This is simple geometric matching; the attach issue's matcher (branch {@code attach}) scores candidates
 * with attributes too and could replace it.
 */
final class InsertMatcher {
    private final SyncJob job;
    private final String layer;

    InsertMatcher(SyncJob job, String layer, GeometryType type) {
        this.job = job;
        this.layer = layer;
    }

    void match(LayerMerger merger) {
        List<FeatureMerge> nationalCreations = new ArrayList<>();
        List<FeatureMerge> localCreations = new ArrayList<>();
        for (FeatureMerge fm : merger.merges().values()) {
            if (fm.ancestor() != null || fm.geometry() == null || !fm.present()) continue;
            if (fm.national() != null && fm.local() == null) nationalCreations.add(fm);
            else if (fm.national() == null && fm.local() != null) localCreations.add(fm);
        }
        if (nationalCreations.isEmpty() || localCreations.isEmpty()) return;
        double d = job.tolerances().matchDistance();
        STRtree tree = new STRtree();
        for (FeatureMerge n : nationalCreations) tree.insert(n.geometry().envelope(), n);
        for (FeatureMerge l : localCreations) {
            Geometry lg = ConflictBuilder.geometry(l.geometry());
            Envelope e = new Envelope(lg.getEnvelopeInternal());
            e.expandBy(d);
            FeatureMerge best = null;
            double bestScore = -1;
            for (Object o : tree.query(e)) {
                FeatureMerge n = (FeatureMerge) o;
                double score = score(ConflictBuilder.geometry(n.geometry()), lg);
                if (score > bestScore) {
                    bestScore = score;
                    best = n;
                }
            }
            if (best != null && bestScore >= 0) {
                Geometry ng = ConflictBuilder.geometry(best.geometry());
                merger.add(ConflictBuilder.build(ConflictType.INSERT_INSERT, layer, List.of(best.key(), l.key()), "", List.of(),
                                null, ng, lg, "created on both sides: national " + best.key() + " and local " + l.key() + " match ("
                                        + describe(ng, lg) + ")"),
                        new Pending(l, Pending.WHOLE, best));
            }
        }
    }

    /** A score ≥ 0 when the two creations match (higher is better), negative otherwise. */
    double score(Geometry n, Geometry l) {
        if (n.getDimension() != l.getDimension()) return -1;
        if (n.getDimension() == 2) {
            double larger = Math.max(n.getArea(), l.getArea());
            if (larger <= 0) return -1;
            double ratio = overlap(n, l) / larger;
            return ratio >= job.tolerances().matchOverlap() ? ratio : -1;
        }
        double d = job.tolerances().matchDistance();
        if (fartherThan(n, l, d) || fartherThan(l, n, d)) return -1;
        double h = DiscreteHausdorffDistance.distance(n, l);
        return h <= d ? 1.0 / (1.0 + h) : -1;
    }

    /**
     * Whether a vertex of {@code a} lies provably farther than {@code d} from every point of {@code b}: outside
     * {@code b}'s bounds widened by {@code d} and a margin far above the rounding of JTS's point-to-segment distance
     * (the closest point computed on a segment lies within the segment's bounds up to a few ulps of the coordinates;
     * {@code hypot} is within one ulp). The discrete Hausdorff distance is at least that vertex's computed distance to
     * {@code b}, so it is then above {@code d} too: the pair cannot match, and the O(n·m) distance is not computed.
     * False (decided by the distance) for empty shapes and when a coordinate of either is not a finite number.
     */
    static boolean fartherThan(Geometry a, Geometry b, double d) {
        if (a.isEmpty() || b.isEmpty() || !(d >= 0) || Double.isInfinite(d)) return false;
        Envelope eb = b.getEnvelopeInternal();
        double scale = Math.max(Math.max(Math.abs(eb.getMinX()), Math.abs(eb.getMaxX())), Math.max(Math.abs(eb.getMinY()), Math.abs(eb.getMaxY())));
        if (!Double.isFinite(scale) || !finite(b)) return false;
        double r = d + 1e-9 * (1 + scale + d);
        double minX = eb.getMinX() - r, maxX = eb.getMaxX() + r, minY = eb.getMinY() - r, maxY = eb.getMaxY() + r;
        boolean outside = false;
        for (org.locationtech.jts.geom.Coordinate c : a.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) return false;
            outside |= c.x < minX || c.x > maxX || c.y < minY || c.y > maxY;
        }
        return outside;
    }

    private static boolean finite(Geometry g) {
        for (org.locationtech.jts.geom.Coordinate c : g.getCoordinates()) if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) return false;
        return true;
    }

    private static double overlap(Geometry a, Geometry b) {
        try {
            return a.intersection(b).getArea();
        } catch (RuntimeException e) {
            return 0; // a topology failure on invalid input: no match rather than a crash
        }
    }

    private String describe(Geometry n, Geometry l) {
        if (n.getDimension() == 2) {
            return String.format(java.util.Locale.ROOT, "%.0f%% of the larger area shared", 100 * overlap(n, l) / Math.max(n.getArea(), l.getArea()));
        }
        return String.format(java.util.Locale.ROOT, "Hausdorff %.2f m", DiscreteHausdorffDistance.distance(n, l));
    }
}
