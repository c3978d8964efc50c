package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.diff.AttributeChange;
import fr.bdfsync.core.diff.AttributeMapping;
import fr.bdfsync.core.diff.DiffEngine;
import fr.bdfsync.core.diff.DiffSettings;
import fr.bdfsync.core.diff.LayerDiffSettings;
import fr.bdfsync.core.diff.FeatureChange;
import fr.bdfsync.core.diff.LayerDiff;
import fr.bdfsync.core.diff.Operation;
import fr.bdfsync.core.diff.Row;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the diff engine's two-way change set (national → local) into package changes: new values and
 * geometry from the local state, and for updates and deletes the base fingerprint of the national row,
 * read by its fid from the national file with the same code apply uses ({@link NationalLayer}), so that
 * builder and receiver compute it identically.
 */
public final class DiffPackageChanges {
    private DiffPackageChanges() {
    }

    /** What a package is built from: national schemas and base layers by table, and the changes. */
    public record Collected(Map<String, Schema> nationalSchemas, Map<String, Manifest.BaseLayer> baseLayers, List<PackageChange> changes) {
    }

    /**
     * Runs the two-way diff national → local on the layers present in both (or the requested ones), keyed by
     * {@code keyColumn}, and collects the package changes; {@code baseDigest} adds each base layer's digest
     * (one more full read of the national layer), else only its row count is recorded.
     */
    public static Collected collect(GpkgDataset national, GpkgDataset local, String keyColumn, List<String> layers, boolean baseDigest, int threads) {
        Map<String, Schema> schemas = new java.util.TreeMap<>();
        Map<String, Manifest.BaseLayer> base = new java.util.TreeMap<>();
        List<PackageChange> changes = new ArrayList<>();
        DiffSettings settings = DiffSettings.uniform(LayerDiffSettings.DEFAULTS).overriddenBy(keyColumn, null, null, null);
        try (DiffEngine engine = new DiffEngine(settings, AttributeMapping.NONE, threads, DiffEngine.UnkeyedRows.BY_FID)) {
            for (String layer : engine.layers(layers, national, local)) {
                if (!has(national, layer) || !has(local, layer)) continue;
                String table = nationalTable(national, layer);
                schemas.put(table, national.schema(table));
                changes.addAll(of(national, engine.twoWay(national, local, layer)));
                base.put(table, baseDigest ? LayerDigest.of(national, table).toBaseLayer() : new Manifest.BaseLayer(national.count(table), null));
            }
        }
        return new Collected(schemas, base, changes);
    }

    private static boolean has(GpkgDataset ds, String layer) {
        return ds.layerNames().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(layer.toLowerCase(Locale.ROOT)));
    }

    /** The national table a (lower-cased) diff layer name designates. */
    public static String nationalTable(GpkgDataset national, String layer) {
        for (String t : national.layerNames()) if (t.toLowerCase(Locale.ROOT).equals(layer.toLowerCase(Locale.ROOT))) return t;
        throw BdfsyncException.notFound(national.path(), "no layer '" + layer + "'");
    }

    public static List<PackageChange> of(GpkgDataset national, LayerDiff diff) {
        String table = nationalTable(national, diff.layer());
        Schema schema = national.schema(table);
        List<PackageChange> out = new ArrayList<>(diff.changes().size());
        try (NationalLayer rows = new NationalLayer(national.connection(), schema, null, null)) {
            for (FeatureChange c : diff.changes()) out.add(change(table, schema, rows, c));
        } catch (SQLException e) {
            throw BdfsyncException.invalid(national.path(), table, null, "cannot read national rows: " + e.getMessage(), e);
        }
        return out;
    }

    private static PackageChange change(String table, Schema schema, NationalLayer rows, FeatureChange c) throws SQLException {
        if (c.operation() == Operation.INSERT) {
            Row after = c.after();
            TreeSet<String> names = new TreeSet<>();
            Map<String, Object> values = new HashMap<>();
            for (Map.Entry<String, Object> e : after.attributes().entrySet()) {
                String name = column(schema, e.getKey());
                if (name == null) continue;
                names.add(name);
                values.put(name, e.getValue());
            }
            if (schema.hasGeometry()) names.add(Label.GEOMETRY);
            return new PackageChange(table, ChangeOp.INSERT, c.key(), null, names, values, after.geometry(), after.geometry(), null);
        }
        NationalLayer.Current base = rows.current(c.before().fid());
        if (base == null) throw BdfsyncException.invalid(null, table, c.key(), "national row fid " + c.before().fid() + " vanished while packaging");
        if (c.operation() == Operation.DELETE) {
            return new PackageChange(table, ChangeOp.DELETE, c.key(), base.fingerprint(), null, null, null, base.geometry(), null);
        }
        TreeSet<String> names = new TreeSet<>();
        Map<String, Object> values = new HashMap<>();
        for (AttributeChange a : c.attributes()) {
            String name = column(schema, a.column());
            if (name == null) continue;
            names.add(name);
            values.put(name, a.newValue());
        }
        if (c.geometryChanged()) names.add(Label.GEOMETRY);
        return new PackageChange(table, ChangeOp.UPDATE, c.key(), base.fingerprint(), names, values,
                c.geometryChanged() ? c.after().geometry() : null, c.geometryChanged() ? c.after().geometry() : base.geometry(), null);
    }

    /** The national column a diff column name designates, or null when the national layer has none. */
    private static String column(Schema schema, String name) {
        int i = schema.indexOfIgnoreCase(name);
        return i < 0 ? null : schema.fields().get(i).name();
    }
}
