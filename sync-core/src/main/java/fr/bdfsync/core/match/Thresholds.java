package fr.bdfsync.core.match;

/**
 * Decision thresholds. A link is sure at confidence ≥ {@code sure} unless contested; uncertain at ≥
 * {@code uncertain}; two options closer than {@code ambiguityMargin} are ambiguous (both uncertain); parts cover
 * their whole when their coverages add up to at least {@code groupCoverage}.
 */
public record Thresholds(double sure, double uncertain, double ambiguityMargin, double groupCoverage) {
    public static final Thresholds DEFAULT = new Thresholds(0.6, 0.25, 0.15, 0.8);

    public Thresholds {
        if (!(0 <= uncertain && uncertain <= sure && sure <= 1)) throw new IllegalArgumentException("need 0 <= uncertain <= sure <= 1");
    }
}
