package fr.bdfsync.core.pkg;

import fr.bdfsync.core.Phases;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.diff.AttributeChange;
import fr.bdfsync.core.diff.AttributeMapping;
import fr.bdfsync.core.diff.DiffEngine;
import fr.bdfsync.core.diff.DiffSettings;
import fr.bdfsync.core.diff.LayerDiffSettings;
import fr.bdfsync.core.diff.FeatureChange;
import fr.bdfsync.core.diff.LayerDiff;
import fr.bdfsync.core.diff.Operation;
import fr.bdfsync.core.diff.ReadSnapshot;
import fr.bdfsync.core.diff.Row;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the diff engine's two-way change set (national → local) into package changes: new values and
 * geometry from the local state, and for updates and deletes the base fingerprint of the national row,
 * computed with the same code apply uses ({@link NationalLayer}, {@link NativeNationalScan}), so that builder and
 * receiver compute it identically.
 */
public final class DiffPackageChanges {
    private DiffPackageChanges() {
    }

    /** What a package is built from: national schemas and base layers by table, the changes, and the time per phase (ms). */
    public record Collected(Map<String, Schema> nationalSchemas, Map<String, Manifest.BaseLayer> baseLayers, List<PackageChange> changes,
                            Map<String, Long> phaseMillis) {
    }

    /**
     * Runs the two-way diff national → local on the layers present in both (or the requested ones), keyed by
     * {@code keyColumn}, and collects the package changes; {@code baseDigest} adds each base layer's digest, else only
     * its row count is recorded. The whole build reads both files under one read snapshot (see {@link #collect(GpkgDataset,
     * GpkgDataset, String, List, boolean, int, Runnable)}).
     */
    public static Collected collect(GpkgDataset national, GpkgDataset local, String keyColumn, List<String> layers, boolean baseDigest, int threads) {
        return collect(national, local, keyColumn, layers, baseDigest, threads, () -> { });
    }

    /**
     * {@link #collect(GpkgDataset, GpkgDataset, String, List, boolean, int)}, running {@code betweenPhases} (a test hook)
     * after the diffs of all layers and before the base fingerprints are gathered. One {@link ReadSnapshot} is held over
     * both files for the whole build: the diff of every layer, the base digest and fingerprints (computed inside the
     * diff's read of the national rows, {@link BaseDigestObserver}; else by one more read of the layer) and the rows read
     * by fid all see one state of the national file, and a writer waits (or fails with "database is locked") until the
     * build has read everything. Every descriptor of the files is opened under the snapshot and closed after it ends.
     */
    static Collected collect(GpkgDataset national, GpkgDataset local, String keyColumn, List<String> layers, boolean baseDigest, int threads,
                             Runnable betweenPhases) {
        Map<String, Schema> schemas = new TreeMap<>();
        Map<String, Manifest.BaseLayer> base = new TreeMap<>();
        List<PackageChange> changes = new ArrayList<>();
        Phases phases = new Phases();
        DiffSettings settings = DiffSettings.uniform(LayerDiffSettings.DEFAULTS).overriddenBy(keyColumn, null, null, null);
        Map<String, LayerDiff> diffs = new LinkedHashMap<>();
        Map<String, BaseDigestObserver> observers = new HashMap<>();
        try (ReadSnapshot snapshot = ReadSnapshot.hold(List.of(national, local));
             DiffEngine engine = new DiffEngine(settings, AttributeMapping.NONE, threads, DiffEngine.UnkeyedRows.BY_FID)) {
            for (String layer : engine.layers(layers, national, local)) {
                if (!has(national, layer) || !has(local, layer)) continue;
                String table = nationalTable(national, layer);
                Schema schema = national.schema(table);
                schemas.put(table, schema);
                long t = System.nanoTime();
                BaseDigestObserver observer = baseDigest ? BaseDigestObserver.of(
                        NativeNationalScan.table(national.connection(), snapshot.file(national), schema), schema) : null;
                if (observer != null) observers.put(table, observer);
                diffs.put(table, engine.twoWay(national, local, layer, snapshot, observer));
                phases.add(observer != null ? "diff (with the base digest)" : "diff", t);
            }
            betweenPhases.run();
            long t = System.nanoTime();
            if (baseDigest) {
                for (Map.Entry<String, LayerDiff> e : diffs.entrySet()) {
                    Set<Long> wanted = wanted(e.getValue());
                    BaseDigestObserver observer = observers.get(e.getKey());
                    NationalLayer.BaseScan scan = observer == null ? null : observer.result(wanted);
                    if (scan == null) {
                        // the diff's scan did not read the rows for us: one more read of the layer, under the same snapshot
                        scan = NationalLayer.scan(national.connection(), snapshot.file(national), national.schema(e.getKey()), wanted);
                        t = phases.add("base digest and fingerprints (a read of the national layer)", t);
                    }
                    changes.addAll(of(national, e.getValue(), scan.fingerprints()));
                    base.put(e.getKey(), scan.digest().toBaseLayer());
                }
            } else {
                for (Map.Entry<String, LayerDiff> e : diffs.entrySet()) {
                    changes.addAll(of(national, e.getValue()));
                    base.put(e.getKey(), new Manifest.BaseLayer(national.count(e.getKey()), null));
                }
                t = phases.add("base fingerprints", t);
            }
            phases.add("changes", t);
        } catch (SQLException e) {
            throw BdfsyncException.invalid(national.path(), null, null, "cannot read national rows: " + e.getMessage(), e);
        }
        return new Collected(schemas, base, changes, phases.millis());
    }

    /** The national fids whose base fingerprint the changes need (updates and deletes). */
    private static Set<Long> wanted(LayerDiff diff) {
        Set<Long> wanted = new HashSet<>();
        for (FeatureChange c : diff.changes()) if (c.operation() != Operation.INSERT) wanted.add(c.before().fid());
        return wanted;
    }

    private static boolean has(GpkgDataset ds, String layer) {
        return ds.layerNames().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(layer.toLowerCase(Locale.ROOT)));
    }

    /** The national table a (lower-cased) diff layer name designates. */
    public static String nationalTable(GpkgDataset national, String layer) {
        for (String t : national.layerNames()) if (t.toLowerCase(Locale.ROOT).equals(layer.toLowerCase(Locale.ROOT))) return t;
        throw BdfsyncException.notFound(national.path(), "no layer '" + layer + "'");
    }

    /** The package changes of a layer diff, reading the base state of each update and delete by its fid. */
    public static List<PackageChange> of(GpkgDataset national, LayerDiff diff) {
        return of(national, diff, null);
    }

    /**
     * The package changes of a layer diff; base fingerprints are taken from {@code fingerprints} (by national fid)
     * when given, else read by fid. The location of an update or delete is then the diff's national geometry.
     */
    private static List<PackageChange> of(GpkgDataset national, LayerDiff diff, Map<Long, String> fingerprints) {
        String table = nationalTable(national, diff.layer());
        Schema schema = national.schema(table);
        List<PackageChange> out = new ArrayList<>(diff.changes().size());
        try (NationalLayer rows = new NationalLayer(national.connection(), schema, null, null)) {
            for (FeatureChange c : diff.changes()) {
                NationalLayer.Current base = null;
                if (c.operation() != Operation.INSERT) {
                    String fp = fingerprints == null ? null : fingerprints.get(c.before().fid());
                    base = fp != null ? new NationalLayer.Current(fp, c.before().geometry()) : rows.current(c.before().fid());
                    if (base == null) throw BdfsyncException.invalid(null, table, c.key(), "national row fid " + c.before().fid() + " vanished while packaging");
                }
                out.add(change(table, schema, base, c));
            }
        } catch (SQLException e) {
            throw BdfsyncException.invalid(national.path(), table, null, "cannot read national rows: " + e.getMessage(), e);
        }
        return out;
    }

    private static PackageChange change(String table, Schema schema, NationalLayer.Current base, FeatureChange c) {
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
