package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Différentiel: the objects created, modified or deleted since the edition it applies to, read as an
 * overlay by key on that edition (docs/sync.md, "National source: edition + Différentiel").
 * <p>
 * Layout read, per layer {@code L} of the edition (a layer absent from the Différentiel has no change):
 * <ul>
 * <li>table {@code L}: created and modified objects with the edition's full schema (same attribute names
 *     and types, same CRS); a created or modified object replaces or adds the edition's object of that key;</li>
 * <li>deletions, by any of: a table {@code L_suppressions} holding the key column (one deleted key per row);
 *     a column {@code date_suppression} (non-empty: deleted) or {@code gcms_detruit} (true: deleted) on
 *     {@code L}; a column {@code operation} on {@code L} ({@code creation}/{@code modification}/{@code suppression},
 *     or {@code insert}/{@code update}/{@code delete}).</li>
 * </ul>
 * The overlay holds the changed objects only (memory grows with the changes, never with the edition).
 */
public final class Differential implements AutoCloseable {
    /** Columns that mark a row's operation; allowed on top of the edition's schema. */
    static final String OPERATION = "operation";
    static final String DELETION_DATE = "date_suppression";
    static final String DESTROYED = "gcms_detruit";
    static final String DELETIONS_SUFFIX = "_suppressions";

    /** One layer's overlay: created/modified objects by key (edition schema), deleted keys. */
    public record Overlay(Path source, Map<String, Feature> upserts, Set<String> deletes) {
        public static final Overlay NONE = new Overlay(null, Map.of(), Set.of());

        public boolean isEmpty() {
            return upserts.isEmpty() && deletes.isEmpty();
        }

        /** Every key the overlay changes. */
        public Set<String> keys() {
            Set<String> k = new HashSet<>(upserts.keySet());
            k.addAll(deletes);
            return k;
        }
    }

    /** What national overlays did to the edition, for the summary: objects added and removed, deletions of unknown keys. */
    public static final class Effect {
        private final Map<String, long[]> counts = new LinkedHashMap<>();
        private final Map<String, List<String>> unknownDeletes = new LinkedHashMap<>();

        /** Applies one layer's overlay to the edition's versions of its keys ({@code byKey}: key → object, edited in place). */
        <F> void apply(String layer, Overlay overlay, Map<String, F> byKey, java.util.function.Function<Feature, F> convert) {
            long[] c = counts.computeIfAbsent(layer, l -> new long[2]);
            for (String k : overlay.deletes()) {
                if (byKey.remove(k) != null) c[1]++;
                else unknownDeletes.computeIfAbsent(layer, l -> new ArrayList<>()).add(k);
            }
            for (Map.Entry<String, Feature> e : overlay.upserts().entrySet()) {
                if (byKey.put(e.getKey(), convert.apply(e.getValue())) == null) c[0]++;
            }
        }

        void apply(String layer, Overlay overlay, Map<String, Feature> byKey) {
            apply(layer, overlay, byKey, f -> f);
        }

        /** Objects the overlay added to (positive) or removed from the layer, net. */
        public long netChange(String layer) {
            long[] c = counts.get(layer);
            return c == null ? 0 : c[0] - c[1];
        }

        /** One line per layer with deletions of keys the edition does not hold (empty when none). */
        public List<String> notes() {
            List<String> out = new ArrayList<>();
            unknownDeletes.forEach((layer, keys) -> {
                List<String> sorted = new ArrayList<>(keys);
                sorted.sort(null);
                out.add("Différentiel: " + layer + ": " + keys.size() + " deletion(s) of objects the edition does not hold (ignored): "
                        + String.join(", ", sorted.subList(0, Math.min(10, sorted.size()))) + (sorted.size() > 10 ? ", ..." : ""));
            });
            return out;
        }
    }

    /** A whole layer read in memory with an overlay applied ({@code effect} may be null: not reported). */
    static KeyedLayer overlaid(KeyedLayer layer, Overlay overlay, Effect effect) {
        if (overlay.isEmpty()) return layer;
        Map<String, Feature> m = new LinkedHashMap<>(layer.byKey());
        (effect == null ? new Effect() : effect).apply(layer.schema().layer(), overlay, m);
        return new KeyedLayer(layer.source(), layer.schema(), layer.keyIndex(), java.util.Collections.unmodifiableMap(m), layer.keyless());
    }

    private final GpkgDataset ds;

    private Differential(GpkgDataset ds) {
        this.ds = ds;
    }

    public static Differential open(Path file) {
        return new Differential(GpkgDataset.open(file));
    }

    public Path path() {
        return ds.path();
    }

    /**
     * The overlay of one layer, checked against the edition's schema of that layer.
     *
     * @param keyColumn the key's name in the edition schema
     */
    public Overlay layer(String layer, Schema edition, String keyColumn) {
        boolean hasChanges = ds.layerNames().contains(layer);
        String deletionsTable = layer + DELETIONS_SUFFIX;
        boolean hasDeletions = ds.layerNames().contains(deletionsTable);
        if (!hasChanges && !hasDeletions) return Overlay.NONE;
        Map<String, Feature> upserts = new LinkedHashMap<>();
        Set<String> deletes = new HashSet<>();
        if (hasChanges) readChanges(layer, edition, keyColumn, upserts, deletes);
        if (hasDeletions) readDeletions(deletionsTable, keyColumn, deletes);
        for (String k : deletes) {
            if (upserts.containsKey(k)) {
                throw BdfsyncException.invalid(ds.path(), layer, keyColumn + " " + k, "both created/modified and deleted in the Différentiel");
            }
        }
        return new Overlay(ds.path(), upserts, deletes);
    }

    private void readChanges(String layer, Schema edition, String keyColumn, Map<String, Feature> upserts, Set<String> deletes) {
        Schema s = ds.schema(layer);
        checkSchema(layer, s, edition);
        int key = s.indexOfIgnoreCase(keyColumn);
        int op = s.indexOfIgnoreCase(OPERATION), date = s.indexOfIgnoreCase(DELETION_DATE), destroyed = s.indexOfIgnoreCase(DESTROYED);
        // marker columns that belong to the edition's schema are data, not markers
        if (edition.indexOfIgnoreCase(OPERATION) >= 0) op = -1;
        if (edition.indexOfIgnoreCase(DELETION_DATE) >= 0) date = -1;
        if (edition.indexOfIgnoreCase(DESTROYED) >= 0) destroyed = -1;
        int[] toEdition = new int[edition.fields().size()];
        for (int i = 0; i < toEdition.length; i++) toEdition[i] = s.indexOfIgnoreCase(edition.fields().get(i).name());
        try (FeatureCursor c = ds.read(layer)) {
            while (c.hasNext()) {
                Feature f = c.next();
                Object kv = f.value(key);
                String k = kv == null ? null : kv.toString().trim();
                if (k == null || k.isEmpty()) throw BdfsyncException.invalid(ds.path(), layer, "fid " + f.fid(), "no " + keyColumn);
                if (deleted(f, op, date, destroyed, layer, k)) {
                    deletes.add(k);
                    continue;
                }
                Object[] v = new Object[toEdition.length];
                for (int i = 0; i < v.length; i++) v[i] = f.value(toEdition[i]);
                if (upserts.put(k, new Feature(f.fid(), v, f.geometry())) != null) {
                    throw BdfsyncException.invalid(ds.path(), layer, keyColumn + " " + k, "listed twice in the Différentiel");
                }
            }
        }
    }

    private boolean deleted(Feature f, int op, int date, int destroyed, String layer, String key) {
        if (destroyed >= 0 && truthy(f.value(destroyed))) return true;
        if (date >= 0 && f.value(date) != null && !f.value(date).toString().isBlank()) return true;
        if (op < 0) return false;
        Object o = f.value(op);
        String v = o == null ? "" : o.toString().trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "suppression", "delete", "deleted", "destruction", "d", "s":
                return true;
            case "creation", "création", "modification", "insert", "update", "c", "m", "i", "u":
                return false;
            default:
                throw BdfsyncException.invalid(ds.path(), layer, "key " + key, "unknown operation '" + o
                        + "' (expected creation, modification or suppression; insert, update or delete)");
        }
    }

    private static boolean truthy(Object o) {
        if (o == null) return false;
        if (o instanceof Boolean) return (Boolean) o;
        if (o instanceof Number) return ((Number) o).longValue() != 0;
        String s = o.toString().trim();
        return s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("t");
    }

    private void readDeletions(String table, String keyColumn, Set<String> deletes) {
        Schema s = ds.schema(table);
        int key = s.indexOfIgnoreCase(keyColumn);
        if (key < 0) throw BdfsyncException.schema(ds.path(), table, "no key column '" + keyColumn + "' in the table of deleted objects");
        try (FeatureCursor c = ds.read(table)) {
            while (c.hasNext()) {
                Object v = c.next().value(key);
                if (v != null && !v.toString().isBlank()) deletes.add(v.toString().trim());
            }
        }
    }

    /** Same attributes (names, compatible types) and CRS as the edition; marker columns may be added. */
    private void checkSchema(String layer, Schema s, Schema edition) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Field f : edition.fields()) {
            int i = s.indexOfIgnoreCase(f.name());
            if (i < 0) missing.add(f.name());
            else if (!compatible(f.type(), s.fields().get(i).type())) {
                types.add(f.name() + " (" + s.fields().get(i).type() + " here, " + f.type() + " in the edition)");
            }
        }
        for (Field f : s.fields()) {
            String n = f.name().toLowerCase(Locale.ROOT);
            if (edition.indexOfIgnoreCase(f.name()) < 0 && !n.equals(OPERATION) && !n.equals(DELETION_DATE) && !n.equals(DESTROYED)) extra.add(f.name());
        }
        if (!missing.isEmpty() || !extra.isEmpty() || !types.isEmpty()) {
            StringBuilder sb = new StringBuilder("schema differs from the edition's");
            if (!missing.isEmpty()) sb.append("; missing: ").append(String.join(", ", missing));
            if (!extra.isEmpty()) sb.append("; not in the edition: ").append(String.join(", ", extra));
            if (!types.isEmpty()) sb.append("; other types: ").append(String.join(", ", types));
            throw BdfsyncException.schema(ds.path(), layer, sb.toString());
        }
        if (edition.hasGeometry() != s.hasGeometry()) {
            throw BdfsyncException.schema(ds.path(), layer, edition.hasGeometry() ? "no geometry, the edition's layer has one" : "a geometry, the edition's layer has none");
        }
        if (edition.crs() != null && s.crs() != null && edition.crs().srsId() != s.crs().srsId()
                && !(edition.crs().isEpsg() && s.crs().isEpsg() && edition.crs().code() == s.crs().code())) {
            throw BdfsyncException.crs(ds.path(), layer, "CRS " + s.crs().label() + " differs from the edition's " + edition.crs().label());
        }
    }

    private static boolean compatible(FieldType a, FieldType b) {
        if (a == b) return true;
        boolean an = a == FieldType.INTEGER || a == FieldType.REAL || a == FieldType.BOOLEAN;
        boolean bn = b == FieldType.INTEGER || b == FieldType.REAL || b == FieldType.BOOLEAN;
        boolean at = a == FieldType.TEXT || a == FieldType.DATE || a == FieldType.DATETIME;
        boolean bt = b == FieldType.TEXT || b == FieldType.DATE || b == FieldType.DATETIME;
        return an && bn || at && bt;
    }

    @Override
    public void close() {
        ds.close();
    }
}
