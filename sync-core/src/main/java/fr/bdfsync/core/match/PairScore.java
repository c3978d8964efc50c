package fr.bdfsync.core.match;

import java.util.Map;

/**
 * The verdict of one scoring rule on one (local, national) pair.
 *
 * @param rule       the rule's name, e.g. {@code line.same}
 * @param relation   what the rule says of the pair
 * @param confidence in [0,1]
 * @param coverage   for part relations, the share of the whole covered by the part (length or area ratio, in [0,1]);
 *                   1 for {@link Relation#SAME}
 * @param measures   the measures the rule computed (metres, ratios in [0,1], direction in {-1,0,1})
 */
public record PairScore(String rule, Relation relation, double confidence, double coverage, Map<String, Double> measures) {
    public PairScore {
        measures = Map.copyOf(measures);
    }

    public PairScore withConfidence(double c) {
        return new PairScore(rule, relation, c, coverage, measures);
    }
}
