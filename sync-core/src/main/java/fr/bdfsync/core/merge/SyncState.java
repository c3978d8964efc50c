package fr.bdfsync.core.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.gpkg.Statements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge's sync state, embedded in the merged GeoPackage (so it travels with the data it describes and is
 * replaced atomically with it). The ancestor of the next run is the national edition this run merged,
 * referenced by path, size and modification time in {@code bdfsync_merge_meta}, with per-key overrides in
 * {@code bdfsync_merge_ancestor} for what stayed in open conflict (an object's previous version, or its
 * absence). The state is thus small (proportional to the open conflicts) and the edition file is the
 * archive; a state whose edition is gone or changed is refused with a message saying so. Tables (separate
 * from the attach helper's link tables):
 * <pre>
 * bdfsync_merge_ancestor(layer TEXT, key TEXT, present INTEGER, attributes TEXT, geom BLOB, PRIMARY KEY(layer, key))
 * bdfsync_merge_meta(name TEXT PRIMARY KEY, value TEXT)
 * </pre>
 */
public final class SyncState {
    public static final String ANCESTOR_TABLE = "bdfsync_merge_ancestor";
    public static final String META_TABLE = "bdfsync_merge_meta";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SyncState() {
    }

    /** True when the GeoPackage holds a merge state. */
    public static boolean present(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, META_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** The meta entries that reference an edition file: path, size and modification time. */
    public static Map<String, String> reference(Path edition) {
        return reference(edition, "ancestor");
    }

    /**
     * The meta entries of the national source this run merged: the edition, and the Différentiel applied
     * to it when there is one ({@code ancestor_differential*}); the next run's ancestor is the two together.
     */
    public static Map<String, String> reference(Path edition, Path differential) {
        Map<String, String> m = reference(edition, "ancestor");
        if (differential != null) m.putAll(reference(differential, "ancestor_differential"));
        return m;
    }

    private static Map<String, String> reference(Path file, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            m.put(prefix + (prefix.equals("ancestor") ? "_edition" : ""), file.toAbsolutePath().normalize().toString());
            m.put(prefix + "_size", Long.toString(Files.size(file)));
            m.put(prefix + "_mtime", Long.toString(Files.getLastModifiedTime(file).toMillis()));
        } catch (IOException e) {
            throw BdfsyncException.notFound(file, "cannot read: " + e.getMessage());
        }
        return m;
    }

    /** The Différentiel the state's ancestor edition was merged with, checked unchanged since; null when none. */
    public static Path ancestorDifferential(Path stateFile, Connection c) {
        String path = meta(c, "ancestor_differential");
        if (path == null) return null;
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw BdfsyncException.notFound(stateFile, "the sync state's ancestor Différentiel " + p + " is missing; restore it or name an \"ancestor\" in the job");
        }
        Map<String, String> now = reference(p, "ancestor_differential");
        if (!now.get("ancestor_differential_size").equals(meta(c, "ancestor_differential_size"))
                || !now.get("ancestor_differential_mtime").equals(meta(c, "ancestor_differential_mtime"))) {
            throw new BdfsyncException(ExitCode.INVALID_INPUT, BdfsyncException.where(stateFile, null, null,
                    "the sync state's ancestor Différentiel " + p + " changed since the last run (size or date); name the right \"ancestor\" in the job"));
        }
        return p;
    }

    /** The edition the state refers to, checked unchanged since; a missing or changed file is refused. */
    public static Path ancestorEdition(Path stateFile, Connection c) {
        String path = meta(c, "ancestor_edition");
        if (path == null) throw BdfsyncException.invalid(stateFile, META_TABLE, null, "the sync state names no ancestor edition");
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw BdfsyncException.notFound(stateFile, "the sync state's ancestor edition " + p + " is missing; restore it or name an \"ancestor\" in the job");
        }
        Map<String, String> now = reference(p);
        if (!now.get("ancestor_size").equals(meta(c, "ancestor_size")) || !now.get("ancestor_mtime").equals(meta(c, "ancestor_mtime"))) {
            throw new BdfsyncException(ExitCode.INVALID_INPUT, BdfsyncException.where(stateFile, null, null,
                    "the sync state's ancestor edition " + p + " changed since the last run (size or date); name the right \"ancestor\" in the job"));
        }
        return p;
    }

    /** The overrides of one layer: key → previous ancestor version (national schema), or null when the key had none. */
    public static Map<String, Feature> overrides(Path file, Connection c, String layer, Schema nationalSchema, String keyColumn) {
        Map<String, Feature> out = new LinkedHashMap<>();
        Map<String, Integer> index = nationalSchema.fieldIndex();
        int keyIndex = nationalSchema.indexOfIgnoreCase(keyColumn);
        try (PreparedStatement ps = c.prepareStatement("SELECT key, present, attributes, geom FROM " + ANCESTOR_TABLE + " WHERE layer = ? ORDER BY rowid")) {
            ps.setString(1, layer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    if (rs.getInt(2) == 0) {
                        out.put(key, null);
                        continue;
                    }
                    Map<String, Object> values = MAPPER.readValue(rs.getString(3), new TypeReference<LinkedHashMap<String, Object>>() { });
                    Object[] row = new Object[nationalSchema.fields().size()];
                    values.forEach((name, v) -> {
                        Integer i = index.get(name);
                        if (i != null) row[i] = v instanceof Integer ? Long.valueOf((Integer) v) : v;
                    });
                    if (keyIndex >= 0) row[keyIndex] = key;
                    byte[] blob = rs.getBytes(4);
                    out.put(key, new Feature(0, row, blob == null ? null : GeometryValue.ofGpkgBlob(blob)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw BdfsyncException.invalid(file, layer, null, "the sync state (" + ANCESTOR_TABLE + ") cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    public static String meta(Connection c, String name) {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM " + META_TABLE + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** One override row: the ancestor version of a key, or its absence ({@link #absent}). */
    public record Entry(String layer, String key, Map<String, Object> attributes, GeometryValue geometry, int srsId) {
        public static Entry absent(String layer, String key) {
            return new Entry(layer, key, null, null, 0);
        }
    }

    /** Replaces the state tables of a GeoPackage being written, in one transaction. */
    public static void write(Path file, Connection c, List<Entry> entries, Map<String, String> meta) {
        try (Statement st = c.createStatement()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            st.executeUpdate("DROP TABLE IF EXISTS " + ANCESTOR_TABLE);
            st.executeUpdate("DROP TABLE IF EXISTS " + META_TABLE);
            st.executeUpdate("CREATE TABLE " + ANCESTOR_TABLE + " (layer TEXT NOT NULL, key TEXT NOT NULL, present INTEGER NOT NULL, attributes TEXT, geom BLOB, PRIMARY KEY (layer, key))");
            st.executeUpdate("CREATE TABLE " + META_TABLE + " (name TEXT PRIMARY KEY, value TEXT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ANCESTOR_TABLE + " VALUES (?, ?, ?, ?, ?)")) {
                for (Entry e : entries) {
                    ps.setString(1, e.layer());
                    ps.setString(2, e.key());
                    ps.setInt(3, e.attributes() == null ? 0 : 1);
                    ps.setString(4, e.attributes() == null ? null : MAPPER.writeValueAsString(e.attributes()));
                    ps.setBytes(5, e.geometry() == null ? null : blob(e.geometry(), e.srsId()));
                    Statements.runOnce(ps);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + META_TABLE + " VALUES (?, ?)")) {
                for (Map.Entry<String, String> m : meta.entrySet()) {
                    ps.setString(1, m.getKey());
                    ps.setString(2, m.getValue());
                    Statements.runOnce(ps);
                }
            }
            c.commit();
            c.setAutoCommit(auto);
        } catch (SQLException | JsonProcessingException e) {
            throw BdfsyncException.output(file, "cannot write the sync state: " + e.getMessage(), e);
        }
    }

    private static byte[] blob(GeometryValue g, int srsId) {
        if (g.wkbOffset() > 0) return g.storedBytes();
        return GpkgGeometry.encode(g.geometry(), srsId);
    }

    /** The values of a national-schema feature by attribute name (for {@link Entry#attributes()}). */
    public static Map<String, Object> attributes(Feature f, Schema schema, List<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n : names) {
            int i = schema.indexOfIgnoreCase(n);
            Object v = i < 0 ? null : f.value(i);
            m.put(n, v instanceof byte[] ? null : v);
        }
        return m;
    }

    static List<String> names(Schema s) {
        List<String> out = new ArrayList<>();
        s.fields().forEach(f -> out.add(f.name()));
        return out;
    }
}
