package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/** {@code point.same}: confidence from the distance between the points (m). */
public final class PointSameRule extends NamedRule {
    public PointSameRule() {
        super("point.same", 0, 0);
    }

    @Override
    public PairScore score(Geometry local, Geometry national, double s) {
        double d = local.distance(national);
        if (!(d <= s)) return null;
        return new PairScore(name(), Relation.SAME, Closeness.of(d, s), 1, Map.of("distance_m", d));
    }
}
