package fr.bdfsync.core.match;

import java.util.ArrayList;
import java.util.List;

/** The catalogue of scoring rules, and the ones that apply to a pair of geometry dimensions. */
public final class ScoringRules {
    private static final List<ScoringRule> ALL = List.of(
            new PointSameRule(), new LineSameRule(), new LinePartRule(), new PolygonSameRule(), new PolygonPartRule(),
            HedgeAxisRule.lineInPolygon(), HedgeAxisRule.polygonAroundLine());

    private ScoringRules() {
    }

    public static List<ScoringRule> all() {
        return ALL;
    }

    /** Rules reading local geometries of dimension {@code local} against national ones of dimension {@code national}. */
    public static List<ScoringRule> forDimensions(int local, int national) {
        List<ScoringRule> out = new ArrayList<>();
        for (ScoringRule r : ALL) if (r.localDimension() == local && r.nationalDimension() == national) out.add(r);
        return out;
    }

    /** Default search distance (m) for a geometry dimension of the national layer: 10 m points, 15 m lines and polygons. */
    public static double defaultSearchDistance(int dimension) {
        return dimension == 0 ? 10 : 15;
    }
}
