package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * {@code line.same}: two lines of similar length (ratio ≥ {@value ScoringRule#SAME_SIZE_RATIO}); confidence from
 * the discrete Fréchet distance (densified at a tenth of the search distance), so a line that follows the other
 * back and forth does not pass on Hausdorff alone. Direction is measured, not required: a reversed local line is
 * still the same tronçon (its {@code direction} = -1 tells the diff that {@code sens_de_l_ecoulement} may differ).
 */
public final class LineSameRule extends NamedRule {
    public LineSameRule() {
        super("line.same", 1, 1);
    }

    @Override
    public PairScore score(Geometry local, Geometry national, double s) {
        return score(Shape.of(local), Shape.of(national), s);
    }

    /**
     * Cheapest tests first, each an exact shortcut: the length ratio (lengths kept by the shapes), then the envelopes
     * (a vertex farther than {@code s} from the other line's envelope puts the Hausdorff distance above {@code s}),
     * then the Hausdorff distance to each line's prepared segments, and only then the Fréchet distance.
     */
    @Override
    public PairScore score(Shape local, Shape national, double s) {
        double ratio = LineMeasures.lengthRatio(local.length(), national.length());
        if (ratio < SAME_SIZE_RATIO) return null;
        Geometry l = local.geometry();
        Geometry n = national.geometry();
        if (!LineMeasures.mayBeWithin(l, n, s) || !LineMeasures.mayBeWithin(n, l, s)) return null;
        double h = Math.max(DirectedDistance.of(l, national.target()), DirectedDistance.of(n, local.target()));
        if (!(h <= s)) return null;
        int dir = LineMeasures.direction(l, n);
        double f = LineMeasures.frechet(l, n, Math.max(0.5, s / 10), s, dir);
        return new PairScore(name(), Relation.SAME, Closeness.of(f, s), 1,
                Map.of("hausdorff_m", h, "frechet_m", f, "length_ratio", ratio, "direction", (double) dir));
    }
}
