package fr.bdfsync.core.pkg;

import com.fasterxml.jackson.core.type.TypeReference;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code changes.gpkg} entry (docs/package-format.md, section 3): one table per layer holding the
 * operation, key, base fingerprint, changed attribute names, reason, new values and new geometry of each
 * change, plus the {@code bdfsync_lineage} table.
 */
public final class ChangesGpkg {
    public static final String OP = "bdfsync_op";
    public static final String KEY = "bdfsync_key";
    public static final String BASE_FP = "bdfsync_base_fp";
    public static final String CHANGED = "bdfsync_changed";
    public static final String REASON = "bdfsync_reason";
    public static final String LINEAGE_TABLE = "bdfsync_lineage";
    static final List<String> CHANGE_COLUMNS = List.of(OP, KEY, BASE_FP, CHANGED, REASON);
    private static final int N = CHANGE_COLUMNS.size();
    private static final com.fasterxml.jackson.databind.ObjectReader STRINGS = PackageJson.MAPPER.readerFor(new TypeReference<List<String>>() {
    });

    private ChangesGpkg() {
    }

    /**
     * Writes the changes (already in package order: by layer name, then key, then operation; taken one by one, so they
     * may still be produced while the first are written) of the layers whose national schemas are given, with fixed
     * {@code last_change} for reproducibility. A layer's table is created at its first change.
     */
    public static void write(Path target, Map<String, Schema> nationalSchemas, Iterator<PackageChange> changes,
                             List<Lineage> lineage, Instant created) {
        // a scratch file, copied into the package zip then deleted: no fsync at its commits
        try (GpkgWriter w = GpkgWriter.create(target).withoutFsync()) {
            long fid = 1;
            // the changed-attribute lists repeat (a few combinations for thousands of changes): each is written to JSON once
            Map<java.util.Set<String>, String> changedJson = new java.util.HashMap<>();
            Set<String> written = new java.util.HashSet<>();
            String layer = null;
            GpkgWriter.LayerWriter lw = null;
            Schema national = null;
            Map<String, Integer> index = null;
            while (changes.hasNext()) {
                PackageChange c = changes.next();
                if (!c.layer().equals(layer)) {
                    if (layer != null && c.layer().compareTo(layer) < 0 || !written.add(c.layer())) {
                        throw new IllegalArgumentException("changes not in package order at layer " + c.layer());
                    }
                    layer = c.layer();
                    national = nationalSchemas.get(layer);
                    if (national == null) throw new IllegalArgumentException("no schema for layer " + layer);
                    lw = w.addLayer(changeSchema(national));
                    index = national.fieldIndex();
                }
                Object[] row = new Object[N + national.fields().size()];
                row[0] = c.op().code();
                row[1] = c.key();
                row[2] = c.baseFingerprint();
                row[3] = changedJson.computeIfAbsent(c.changed(), k -> new String(PackageJson.bytes(new ArrayList<>(k))).trim());
                row[4] = c.reason();
                for (Map.Entry<String, Object> v : c.values().entrySet()) {
                    Integer i = index.get(v.getKey());
                    if (i == null) throw new IllegalArgumentException("layer " + c.layer() + " has no attribute " + v.getKey());
                    row[N + i] = v.getValue();
                }
                lw.write(new Feature(fid++, row, c.geometryChanged() ? c.geometry() : null));
            }
            GpkgWriter.LayerWriter lin = w.addLayer(new Schema(LINEAGE_TABLE, List.of(new Field("layer", FieldType.TEXT),
                    new Field("relation", FieldType.TEXT), new Field("from_keys", FieldType.TEXT), new Field("to_keys", FieldType.TEXT)),
                    null, null, false, false, null, "fid"));
            long lfid = 1;
            for (Lineage l : lineage) {
                lin.write(new Feature(lfid++, new Object[]{l.layer(), l.relation(), json(l.fromKeys()), json(l.toKeys())}, null));
            }
            w.commit();
        }
        fixLastChange(target, created);
    }

    private static String json(List<String> keys) {
        return new String(PackageJson.bytes(keys), java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    /**
     * Why a layer or column name cannot be used, or null. Every identifier is quoted with {@code Sql.id}
     * anyway; names with a double quote or a control character are refused outright because GeoPackage
     * libraries (NGA's table creation among them) do not all escape them.
     */
    static String badIdentifier(String name) {
        if (name == null || name.isEmpty()) return "empty name";
        if (name.length() > 255) return "name longer than 255 characters";
        if (name.indexOf('"') >= 0) return "name '" + printable(name) + "' contains a double quote";
        if (name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) return "name '" + printable(name) + "' contains a control character";
        return null;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(120).forEach(ch -> {
            if (ch < 0x20 || ch == 0x7f) sb.append(String.format("\\x%02x", ch));
            else sb.appendCodePoint(ch);
        });
        return sb.toString();
    }

    /** The schema of a layer's change table: the bookkeeping columns, then the national attributes. */
    static Schema changeSchema(Schema national) {
        List<Field> fields = new ArrayList<>();
        for (String c : CHANGE_COLUMNS) fields.add(new Field(c, FieldType.TEXT));
        String bad = badIdentifier(national.layer());
        for (Field f : national.fields()) if (bad == null) bad = badIdentifier(f.name());
        if (bad != null) throw BdfsyncException.schema(null, national.layer(), "cannot package: " + bad);
        for (Field f : national.fields()) {
            if (f.name().toLowerCase(java.util.Locale.ROOT).startsWith("bdfsync_")) {
                throw BdfsyncException.schema(null, national.layer(), "attribute '" + f.name() + "' uses the reserved prefix bdfsync_");
            }
            fields.add(f);
        }
        return new Schema(national.layer(), fields, national.geometryColumn(), national.geometryType(), national.hasZ(),
                national.hasM(), national.crs(), "fid");
    }

    private static void fixLastChange(Path file, Instant created) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             java.sql.Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("UPDATE gpkg_contents SET last_change = ?")) {
            // the rows replaced held the wall-clock time of the writing: zero the freed bytes, or they stay in the page
            st.execute("PRAGMA secure_delete = ON");
            st.execute("PRAGMA synchronous = OFF"); // a scratch file (see write)
            ps.setString(1, created.toString());
            ps.executeUpdate();
            // present even when every layer is an attributes table, so that every reader finds it
            st.execute("CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
                    + "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
                    + "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), "
                    + "CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
                    + "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))");
        } catch (SQLException e) {
            throw BdfsyncException.output(file, "cannot set last_change: " + e.getMessage(), e);
        }
    }

    /** Opens a changes file read as untrusted: bookkeeping columns, operations and changed names are checked. */
    public static Reader open(Path pkg, Path file) {
        return refusing(pkg, file, () -> new Reader(pkg, GpkgDataset.open(file)));
    }

    /** Runs a read of an untrusted changes file, turning any error into a package refusal naming changes.gpkg. */
    static <T> T refusing(Path pkg, Path file, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BdfsyncException e) {
            if (e.exitCode() == fr.bdfsync.core.ExitCode.VERIFICATION) throw e;
            String msg = e.getMessage().replace(file.toString(), PackageEntries.CHANGES);
            throw PackageRefused.of(pkg, msg, e);
        } catch (RuntimeException e) {
            throw PackageRefused.of(pkg, PackageEntries.CHANGES + ": " + e.getMessage(), e);
        }
    }

    /** Reads the change tables of a package. */
    public static final class Reader implements AutoCloseable {
        private final Path pkg;
        private final GpkgDataset dataset;
        private final Map<String, Schema> nationalSchemas = new LinkedHashMap<>();
        private static final int NAMES_CACHE = 4096;
        private final Map<String, List<String>> changedCache = new HashMap<>();

        private Reader(Path pkg, GpkgDataset dataset) {
            this.pkg = pkg;
            this.dataset = dataset;
            try {
                for (String layer : dataset.layerNames()) {
                    if (layer.equals(LINEAGE_TABLE)) continue;
                    Schema s = dataset.schema(layer);
                    String bad = badIdentifier(layer);
                    for (Field f : s.fields()) if (bad == null) bad = badIdentifier(f.name());
                    if (bad == null && s.geometryColumn() != null) bad = badIdentifier(s.geometryColumn());
                    if (bad != null) throw PackageRefused.of(pkg, "changes.gpkg layer '" + printable(layer) + "': " + bad);
                    for (int i = 0; i < N; i++) {
                        if (s.fields().size() <= i || !s.fields().get(i).name().equals(CHANGE_COLUMNS.get(i))) {
                            throw PackageRefused.of(pkg, "changes.gpkg layer '" + layer + "' lacks column " + CHANGE_COLUMNS.get(i) + " in position " + (i + 1));
                        }
                    }
                    nationalSchemas.put(layer, s.withFields(s.fields().subList(N, s.fields().size())));
                }
                if (!dataset.layerNames().contains(LINEAGE_TABLE)) throw PackageRefused.of(pkg, "changes.gpkg has no " + LINEAGE_TABLE + " table");
            } catch (RuntimeException e) {
                dataset.close();
                throw e;
            }
        }

        /** Packaged layers (lineage excluded), with the national attribute columns they carry. */
        public Map<String, Schema> layers() {
            return nationalSchemas;
        }

        /** The keys of a layer's changes (bdfsync_key only: no row is decoded). */
        public Set<String> keys(String layer) {
            Set<String> keys = new java.util.HashSet<>();
            try (java.sql.Statement st = dataset.connection().createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT " + fr.bdfsync.core.io.gpkg.Sql.id(KEY) + " FROM " + fr.bdfsync.core.io.gpkg.Sql.id(layer))) {
                while (rs.next()) {
                    String k = rs.getString(1);
                    if (k != null) keys.add(k);
                }
            } catch (SQLException e) {
                throw PackageRefused.of(pkg, "changes.gpkg layer '" + printable(layer) + "': cannot read keys: " + e.getMessage());
            }
            return keys;
        }

        public long count(String layer) {
            return dataset.count(layer);
        }

        /** Streams the changes of a layer in package order; a malformed row is refused. */
        public Iterator<PackageChange> changes(String layer) {
            Schema s = nationalSchemas.get(layer);
            FeatureCursor cursor = dataset.read(layer);
            Set<String> allowed = new TreeSet<>();
            for (Field f : s.fields()) allowed.add(f.name());
            if (s.hasGeometry()) allowed.add(Label.GEOMETRY);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public PackageChange next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    return toChange(layer, s, allowed, cursor.next());
                }
            };
        }

        private PackageChange toChange(String layer, Schema s, Set<String> allowed, Feature f) {
            Object[] v = f.values();
            ChangeOp op = ChangeOp.parse(str(v[0]));
            String where = "changes.gpkg layer '" + layer + "' change " + f.fid() + ": ";
            if (op == null) throw PackageRefused.of(pkg, where + "unknown operation '" + v[0] + "'");
            String key = str(v[1]);
            if (key == null || key.isEmpty()) throw PackageRefused.of(pkg, where + "no key");
            String base = str(v[2]);
            if (op != ChangeOp.INSERT && base == null) throw PackageRefused.of(pkg, where + op.code() + " without base fingerprint");
            List<String> changed = v[3] == null ? List.of() : changedNames(v[3].toString(), where);
            Map<String, Object> values = new HashMap<>();
            for (String name : changed) {
                if (name == null || !allowed.contains(name)) throw PackageRefused.of(pkg, where + "changed attribute '" + name + "' is not a column of the layer");
                if (name.equals(Label.GEOMETRY)) continue;
                values.put(name, v[N + s.indexOf(name)]);
            }
            return new PackageChange(layer, op, key, base, new TreeSet<>(changed), values,
                    changed.contains(Label.GEOMETRY) ? f.geometry() : null, null, str(v[4]));
        }

        /**
         * The parsed {@code bdfsync_changed} array; the few distinct arrays of a package (one per set of changed
         * attributes) are parsed once each (at most {@value #NAMES_CACHE} kept).
         */
        private List<String> changedNames(String json, String where) {
            List<String> names = changedCache.get(json);
            if (names != null) return names;
            try {
                names = List.copyOf(STRINGS.<List<String>>readValue(json));
            } catch (IOException | NullPointerException e) {
                throw PackageRefused.of(pkg, where + CHANGED + " is not a JSON array of names");
            }
            if (changedCache.size() < NAMES_CACHE) changedCache.put(json, names);
            return names;
        }

        private static String str(Object o) {
            return o == null ? null : o.toString();
        }

        public List<Lineage> lineage() {
            List<Lineage> out = new ArrayList<>();
            try (FeatureCursor c = dataset.read(LINEAGE_TABLE)) {
                Schema s = dataset.schema(LINEAGE_TABLE);
                int layer = s.indexOf("layer");
                int rel = s.indexOf("relation");
                int from = s.indexOf("from_keys");
                int to = s.indexOf("to_keys");
                if (layer < 0 || rel < 0 || from < 0 || to < 0) throw PackageRefused.of(pkg, LINEAGE_TABLE + " lacks a column (layer, relation, from_keys, to_keys)");
                while (c.hasNext()) {
                    Object[] v = c.next().values();
                    try {
                        out.add(new Lineage(str(v[layer]), str(v[rel]), STRINGS.readValue(str(v[from])),
                                STRINGS.readValue(str(v[to]))));
                    } catch (IOException | RuntimeException e) {
                        throw PackageRefused.of(pkg, LINEAGE_TABLE + ": malformed row: " + PackageJson.firstLine(e));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() {
            dataset.close();
        }
    }
}
