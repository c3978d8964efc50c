package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * {@code line.part}: one line lies along a longer one (length ratio below {@value ScoringRule#PART_SIZE_RATIO}).
 * Confidence from the partial (one-sided) Hausdorff distance of the shorter line to the longer; coverage is the
 * length ratio. Gives {@link Relation#LOCAL_PART_OF_NATIONAL} when the local line is the shorter (a local line
 * covering part of a national tronçon, or one piece of a national tronçon split locally), else
 * {@link Relation#NATIONAL_PART_OF_LOCAL} (a local line covering several national tronçons).
 */
public final class LinePartRule extends NamedRule {
    public LinePartRule() {
        super("line.part", 1, 1);
    }

    @Override
    public PairScore score(Geometry local, Geometry national, double s) {
        return score(Shape.of(local), Shape.of(national), s);
    }

    /** Lengths kept by the shapes, the envelope pre-test, then the partial Hausdorff distance to prepared segments. */
    @Override
    public PairScore score(Shape local, Shape national, double s) {
        double ratio = LineMeasures.lengthRatio(local.length(), national.length());
        if (ratio >= PART_SIZE_RATIO) return null;
        boolean localShorter = local.length() < national.length();
        Shape part = localShorter ? local : national;
        Shape whole = localShorter ? national : local;
        if (!LineMeasures.mayBeWithin(part.geometry(), whole.geometry(), s)) return null;
        double d = DirectedDistance.of(part.geometry(), whole.target());
        if (!(d <= s)) return null;
        int dir = LineMeasures.direction(local.geometry(), national.geometry());
        return new PairScore(name(), localShorter ? Relation.LOCAL_PART_OF_NATIONAL : Relation.NATIONAL_PART_OF_LOCAL,
                Closeness.of(d, s), ratio,
                Map.of("partial_hausdorff_m", d, "length_ratio", ratio, "direction", (double) dir));
    }
}
