package fr.bdfsync.core.diff;

import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.nio.file.Path;

/** Runs the engine on small files with default settings (tolerance 1 mm) unless given. */
final class DiffFixtures {
    private DiffFixtures() {
    }

    static LayerDiff twoWay(Path a, Path b, String layer) {
        return twoWay(a, b, layer, DiffSettings.uniform(LayerDiffSettings.DEFAULTS), AttributeMapping.NONE);
    }

    static LayerDiff twoWay(Path a, Path b, String layer, DiffSettings settings, AttributeMapping mapping) {
        try (GpkgDataset da = GpkgDataset.open(a); GpkgDataset db = GpkgDataset.open(b); DiffEngine e = new DiffEngine(settings, mapping, 2)) {
            return e.twoWay(da, db, layer);
        }
    }

    static ThreeWayLayer threeWay(Path anc, Path nat, Path loc, String layer) {
        try (GpkgDataset d0 = GpkgDataset.open(anc); GpkgDataset dn = GpkgDataset.open(nat); GpkgDataset dl = GpkgDataset.open(loc);
             DiffEngine e = new DiffEngine(DiffSettings.uniform(LayerDiffSettings.DEFAULTS), AttributeMapping.NONE, 2)) {
            return e.threeWay(d0, dn, dl, layer);
        }
    }

    static FeatureChange change(LayerDiff d, String key) {
        return d.changes().stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
    }
}
