package fr.bdfsync.core.diff;

/** Per-layer comparison settings: the theme catalogue implements this; {@link #uniform} serves the command line. */
@FunctionalInterface
public interface DiffSettings {
    /** Settings for a layer, by its (mapped) name. */
    LayerDiffSettings forLayer(String layer);

    static DiffSettings uniform(LayerDiffSettings settings) {
        return layer -> settings;
    }

    /** These settings with the key column and/or tolerances the user gave overriding them (nulls leave them). */
    default DiffSettings overriddenBy(String keyColumn, Double xyTolerance, Double zTolerance, Boolean followPrecision) {
        DiffSettings base = this;
        return layer -> {
            LayerDiffSettings s = base.forLayer(layer);
            return new LayerDiffSettings(keyColumn != null ? keyColumn : s.keyColumn(),
                    xyTolerance != null ? xyTolerance : s.xyTolerance(),
                    zTolerance != null ? zTolerance : s.zTolerance(),
                    followPrecision != null ? followPrecision : s.followPrecision());
        };
    }
}
