package fr.bdfsync.core.match;

/**
 * Options of one attach run.
 *
 * @param searchDistance  metres; NaN for the default of the national layer's geometry type
 *                        ({@link ScoringRules#defaultSearchDistance(int)})
 * @param nationalKey     the national key column; null to take {@code cleabs}, else {@code ID} (Shapefile deliveries)
 * @param repairInvalid   repair invalid local geometries (JTS GeometryFixer) instead of skipping them
 */
public record AttachOptions(double searchDistance, Thresholds thresholds, AttributeMapping mapping, String nationalKey,
                            boolean repairInvalid) {
    public static AttachOptions defaults() {
        return new AttachOptions(Double.NaN, Thresholds.DEFAULT, AttributeMapping.NONE, null, true);
    }

    public AttachOptions withSearchDistance(double d) {
        return new AttachOptions(d, thresholds, mapping, nationalKey, repairInvalid);
    }

    public AttachOptions withMapping(AttributeMapping m) {
        return new AttachOptions(searchDistance, thresholds, m, nationalKey, repairInvalid);
    }
}
