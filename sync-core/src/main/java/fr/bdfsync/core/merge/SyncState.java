package fr.bdfsync.core.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;

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
 * The merge's sync state, embedded in the merged GeoPackage (so it travels with the data it describes and
 * is replaced atomically with it): for each layer and key, the ancestor, the national version the local
 * data last agreed with: its fingerprint, its compared attribute values (JSON, by national name) and its
 * geometry blob. Tables (separate from the attach helper's link tables):
 * <pre>
 * bdfsync_merge_ancestor(layer TEXT, key TEXT, fingerprint TEXT, attributes TEXT, geom BLOB, PRIMARY KEY(layer, key))
 * bdfsync_merge_meta(name TEXT PRIMARY KEY, value TEXT)
 * </pre>
 * Keys whose conflicts stay open keep their previous ancestor, so the conflict (and its id) is found again.
 */
public final class SyncState {
    public static final String ANCESTOR_TABLE = "bdfsync_merge_ancestor";
    public static final String META_TABLE = "bdfsync_merge_meta";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SyncState() {
    }

    /** True when the local GeoPackage holds a merge state. */
    public static boolean present(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, ANCESTOR_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** The ancestor of one layer, as features of the national schema (empty when the state holds none of its keys). */
    public static KeyedLayer read(Path file, Connection c, String layer, Schema nationalSchema, String keyColumn) {
        Map<String, Feature> byKey = new LinkedHashMap<>();
        Map<String, Integer> index = nationalSchema.fieldIndex();
        int keyIndex = nationalSchema.indexOfIgnoreCase(keyColumn);
        try (PreparedStatement ps = c.prepareStatement("SELECT key, attributes, geom FROM " + ANCESTOR_TABLE + " WHERE layer = ? ORDER BY rowid")) {
            ps.setString(1, layer);
            try (ResultSet rs = ps.executeQuery()) {
                long n = 0;
                while (rs.next()) {
                    String key = rs.getString(1);
                    Map<String, Object> values = MAPPER.readValue(rs.getString(2), new TypeReference<LinkedHashMap<String, Object>>() { });
                    Object[] row = new Object[nationalSchema.fields().size()];
                    values.forEach((name, v) -> {
                        Integer i = index.get(name);
                        if (i != null) row[i] = v instanceof Integer ? Long.valueOf((Integer) v) : v;
                    });
                    if (keyIndex >= 0) row[keyIndex] = key;
                    byte[] blob = rs.getBytes(3);
                    byKey.put(key, new Feature(++n, row, blob == null ? null : GeometryValue.ofGpkgBlob(blob)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw BdfsyncException.invalid(file, layer, null, "the sync state (" + ANCESTOR_TABLE + ") cannot be read: " + e.getMessage(), e);
        }
        return new KeyedLayer(file, nationalSchema, keyIndex, byKey, List.of());
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

    /** One ancestor row to write. */
    public record Entry(String layer, String key, String fingerprint, Map<String, Object> attributes, GeometryValue geometry, int srsId) {
    }

    /** Creates the state tables in a GeoPackage being written and fills them, in one transaction. */
    public static void write(Path file, Connection c, List<Entry> entries, Map<String, String> meta) {
        try (Statement st = c.createStatement()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            st.executeUpdate("CREATE TABLE " + ANCESTOR_TABLE + " (layer TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT, attributes TEXT NOT NULL, geom BLOB, PRIMARY KEY (layer, key))");
            st.executeUpdate("CREATE TABLE " + META_TABLE + " (name TEXT PRIMARY KEY, value TEXT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ANCESTOR_TABLE + " VALUES (?, ?, ?, ?, ?)")) {
                for (Entry e : entries) {
                    ps.setString(1, e.layer());
                    ps.setString(2, e.key());
                    ps.setString(3, e.fingerprint());
                    ps.setString(4, MAPPER.writeValueAsString(e.attributes()));
                    ps.setBytes(5, e.geometry() == null ? null : blob(e.geometry(), e.srsId()));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + META_TABLE + " VALUES (?, ?)")) {
                for (Map.Entry<String, String> m : meta.entrySet()) {
                    ps.setString(1, m.getKey());
                    ps.setString(2, m.getValue());
                    ps.executeUpdate();
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
