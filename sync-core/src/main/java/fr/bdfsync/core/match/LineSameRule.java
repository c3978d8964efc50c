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
        double ratio = LineMeasures.lengthRatio(local, national);
        if (ratio < SAME_SIZE_RATIO) return null;
        double h = LineMeasures.hausdorff(local, national);
        if (!(h <= s)) return null;
        double f = LineMeasures.frechet(local, national, Math.max(0.5, s / 10));
        int dir = LineMeasures.direction(local, national);
        return new PairScore(name(), Relation.SAME, Closeness.of(f, s), 1,
                Map.of("hausdorff_m", h, "frechet_m", f, "length_ratio", ratio, "direction", (double) dir));
    }
}
