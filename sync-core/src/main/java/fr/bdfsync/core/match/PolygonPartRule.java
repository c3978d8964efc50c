package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * {@code polygon.part}: the smaller polygon lies inside the larger (area ratio below
 * {@value ScoringRule#PART_SIZE_RATIO}). Confidence from the one-sided distance of the smaller outline to the larger
 * area (0 for vertices inside), or from the share of the part inside the whole (share of its vertices inside or within a third of the search distance, a cheap stand-in for the
 * area overlap, which needs an overlay) when larger (2 × (share - 0.5), for
 * outlines digitised further apart than the search distance); coverage is the part's area over the whole's area. Two local polygons forming one
 * national zone give two {@link Relation#LOCAL_PART_OF_NATIONAL} scores; a local polygon merging national zones
 * gives {@link Relation#NATIONAL_PART_OF_LOCAL}.
 */
public final class PolygonPartRule extends NamedRule {
    public PolygonPartRule() {
        super("polygon.part", 2, 2);
    }

    /**
     * Cheap necessary condition from envelopes: the part's area inside the whole is at most the area of the two
     * envelopes' intersection, so if that is below half the part's area (or below 80 % when the part's envelope
     * reaches further than the search distance out of the whole's), the rule cannot apply.
     */
    static boolean couldBeInside(Geometry part, Geometry whole, double s) {
        return couldBeInside(Shape.of(part), Shape.of(whole), s);
    }

    private static boolean couldBeInside(Shape part, Shape whole, double s) {
        Envelope pe = part.envelope();
        Envelope we = whole.envelope();
        double common = pe.intersection(we).getArea();
        Envelope grown = new Envelope(we);
        grown.expandBy(s);
        return common >= (grown.covers(pe) ? 0.5 : 0.8) * part.area();
    }

    @Override
    public PairScore score(Geometry local, Geometry national, double s) {
        return score(Shape.of(local), Shape.of(national), s);
    }

    @Override
    public PairScore score(Shape local, Shape national, double s) {
        double ratio = PolygonMeasures.areaRatio(local, national);
        if (ratio >= PART_SIZE_RATIO) return null;
        boolean localSmaller = local.area() < national.area();
        Shape part = localSmaller ? local : national;
        Shape whole = localSmaller ? national : local;
        if (!couldBeInside(part, whole, s)) return null;
        DirectedDistance.Target target = whole.target();
        byte[] located = new byte[DirectedDistance.vertexCount(part.geometry())];
        double inside = DirectedDistance.insideShare(part.geometry(), target, s / 3, 0.5, located);
        if (inside < 0.5) return null; // mostly outside: a neighbour, not a part
        double d = DirectedDistance.of(part.geometry(), target, located);
        if (!(d <= s) && inside < 0.8) return null;
        double conf = Math.max(Closeness.of(d, s), 2 * (inside - 0.5));
        return new PairScore(name(), localSmaller ? Relation.LOCAL_PART_OF_NATIONAL : Relation.NATIONAL_PART_OF_LOCAL,
                conf, ratio,
                Map.of("partial_hausdorff_m", d, "area_ratio", ratio, "part_inside", inside));
    }
}
