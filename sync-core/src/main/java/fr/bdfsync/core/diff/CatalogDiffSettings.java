package fr.bdfsync.core.diff;

import fr.bdfsync.core.theme.LayerDef;
import fr.bdfsync.core.theme.ThemeCatalog;

/**
 * Diff settings from the theme catalogue: a layer the catalogue knows (by name or alias) is compared with its
 * theme's tolerance ({@link LayerDef#toleranceMetres()}) and, when the layer carries one, each feature's own
 * {@code precision_planimetrique} where larger; any other layer with {@link LayerDiffSettings#DEFAULTS} (1 mm).
 * The key column is left to the diff's rule (cleabs or its alias, else the primary key).
 */
public final class CatalogDiffSettings implements DiffSettings {
    private final ThemeCatalog catalog;

    public CatalogDiffSettings(ThemeCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public LayerDiffSettings forLayer(String layer) {
        return catalog.findLayer(layer)
                .map(m -> new LayerDiffSettings(null, m.layer().toleranceMetres(), LayerDiffSettings.DEFAULT_Z_TOLERANCE,
                        m.layer().toleranceAttribute() != null))
                .orElse(LayerDiffSettings.DEFAULTS);
    }
}
