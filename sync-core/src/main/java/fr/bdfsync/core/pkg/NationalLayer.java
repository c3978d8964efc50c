package fr.bdfsync.core.pkg;

import fr.bdfsync.core.diff.DiffEngine;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.gpkg.Sql;
import fr.bdfsync.core.io.gpkg.Statements;
import fr.bdfsync.core.io.sqlite.SqliteFile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * One layer of the national file as apply sees it: key lookup (through an index on the key column when the
 * file has one, else one scan that maps the keys the package names to row ids), the current row of a key
 * and its fingerprint (values decoded as {@link GpkgDataset#decode} does, so that fingerprints agree between
 * build and apply), and the keyed UPDATE, DELETE and INSERT statements, every identifier quoted.
 */
final class NationalLayer implements AutoCloseable {
    /** Row id marking a key held by several national rows. */
    static final long AMBIGUOUS = Long.MIN_VALUE;

    /**
     * A national row found by key before any write: its row id ({@link #AMBIGUOUS} for a key several rows hold) and,
     * when the scan computed them, its row fingerprint (hex) and geometry blob (kept only for a territory check).
     */
    record Found(long rowId, String fingerprint, byte[] geometry) {
        static final Found AMBIGUOUS = new Found(NationalLayer.AMBIGUOUS, null, null);
    }

    private final Connection c;
    private final Schema schema;
    private final String table;
    private final String pk;
    private final String keyColumn;
    private final RowFingerprint fingerprint;
    private final PreparedStatement byKey;
    private final PreparedStatement row;
    private final Map<String, Found> keyMap;
    /** Keys already written by this run: their precondition is read again by SQL, not taken from the scan. */
    private final Set<String> touched = new HashSet<>();
    private final Map<String, PreparedStatement> updates = new HashMap<>();
    private final Map<String, PreparedStatement> inserts = new HashMap<>();
    private PreparedStatement delete;
    private SpatialIndex spatialIndex = SpatialIndex.NONE;

    /**
     * A layer on connection {@code c}. With a key column, rows are found by key through {@code keyMap} (from
     * {@link #lookup}), or through the layer's index on the key column when {@code keyMap} is null.
     */
    NationalLayer(Connection c, Schema schema, String keyColumn, Map<String, Found> keyMap) throws SQLException {
        this.c = c;
        this.schema = schema;
        this.table = Sql.id(schema.layer());
        this.pk = schema.primaryKey() != null ? Sql.id(schema.primaryKey()) : "rowid";
        this.keyColumn = keyColumn;
        this.fingerprint = new RowFingerprint(schema);
        this.row = c.prepareStatement(rowColumns(schema) + " FROM " + table + " WHERE " + pk + " = ?");
        if (keyColumn == null) {
            // rows by primary key only (the builder reading base states)
            this.byKey = null;
            this.keyMap = Map.of();
        } else if (keyMap == null) {
            this.byKey = c.prepareStatement("SELECT " + pk + " FROM " + table + " WHERE " + Sql.id(keyColumn) + " = ? LIMIT 2");
            this.keyMap = null;
        } else {
            this.byKey = null;
            this.keyMap = keyMap;
        }
    }

    /**
     * The row ids of the keys a package names ({@link #AMBIGUOUS} for a key several rows hold), found by one scan
     * of the layer (by the pure-Java reader, {@link NativeNationalScan}, else by SQL); or null when the layer has an index whose first column is the key (then looked up one by one).
     * Only reads, on {@code c} and {@code file}, under a read snapshot the caller holds (see {@link NativeNationalScan}).
     */
    static Map<String, Found> lookup(Connection c, SqliteFile file, Schema schema, String keyColumn, Set<String> keys, boolean geometries)
            throws SQLException {
        if (hasKeyIndex(c, schema, keyColumn)) return null;
        Map<String, Found> read = NativeNationalScan.keys(c, file, schema, keyColumn, keys, geometries);
        return read != null ? read : scanKeysSql(c, schema, keyColumn, keys);
    }

    /** {@link #lookup} by SQL only (no fingerprints): null when the key column is indexed, else one scan. */
    static Map<String, Found> lookupSql(Connection c, Schema schema, String keyColumn, Set<String> keys) throws SQLException {
        return hasKeyIndex(c, schema, keyColumn) ? null : scanKeysSql(c, schema, keyColumn, keys);
    }

    Schema schema() {
        return schema;
    }

    /**
     * From now on this object keeps the layer's R-tree right itself, its triggers dropped until {@link #close()}
     * (see {@link SpatialIndex}); only on a writable private copy.
     */
    void maintainSpatialIndex() throws SQLException {
        spatialIndex = SpatialIndex.suspend(c, schema);
    }

    /** True when the layer has an index whose first column is the key (keys are then looked up one by one). */
    static boolean hasKeyIndex(Connection c, Schema schema, String keyColumn) throws SQLException {
        String table = Sql.id(schema.layer());
        List<String> indexes = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_list(" + table + ")")) {
            while (rs.next()) indexes.add(rs.getString("name"));
        }
        for (String index : indexes) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_info(" + Sql.id(index) + ")")) {
                if (rs.next() && keyColumn.equals(rs.getString("name"))) return true;
            }
        }
        return false;
    }

    /**
     * One scan of the layer by SQL (when the pure-Java reader cannot read it), filtered inside SQLite against a
     * temporary table of the wanted keys, so that only
     * the rows the package names come back to Java.
     */
    static Map<String, Found> scanKeysSql(Connection c, Schema schema, String keyColumn, Set<String> keys) throws SQLException {
        String table = Sql.id(schema.layer());
        String pk = schema.primaryKey() != null ? Sql.id(schema.primaryKey()) : "rowid";
        Map<String, Found> map = new HashMap<>(Math.max(16, keys.size() * 2));
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS bdfsync_wanted_keys (k TEXT PRIMARY KEY) WITHOUT ROWID");
            st.execute("DELETE FROM temp.bdfsync_wanted_keys");
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT OR IGNORE INTO temp.bdfsync_wanted_keys VALUES (?)")) {
            for (String k : keys) {
                ins.setString(1, k);
                ins.addBatch();
            }
            ins.executeBatch();
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + pk + ", " + Sql.id(keyColumn) + " FROM " + table + " WHERE "
                     + Sql.id(keyColumn) + " IN temp.bdfsync_wanted_keys")) {
            while (rs.next()) {
                String k = rs.getString(2);
                Found prev = map.put(k, new Found(rs.getLong(1), null, null));
                if (prev != null) map.put(k, Found.AMBIGUOUS);
            }
        }
        return map;
    }

    /** The row id of a key, {@link #AMBIGUOUS}, or null when no row has it. */
    Long rowId(String key) throws SQLException {
        if (keyMap != null) {
            Found f = keyMap.get(key);
            return f == null ? null : f.rowId();
        }
        byKey.setString(1, key);
        try (ResultSet rs = byKey.executeQuery()) {
            if (!rs.next()) return null;
            long id = rs.getLong(1);
            return rs.next() ? AMBIGUOUS : id;
        }
    }

    /** The current state of a row: its fingerprint and its geometry (for the territory check). */
    record Current(String fingerprint, GeometryValue geometry) {
    }

    /**
     * The current state of the row of {@code key} ({@code rowId}): from the key scan when it computed it and this run
     * has not written the key yet, else read by SQL; null when the row is gone.
     */
    Current current(String key, long rowId) throws SQLException {
        Found f = keyMap == null || touched.contains(key) ? null : keyMap.get(key);
        if (f != null && f.fingerprint() != null && f.rowId() == rowId) {
            return new Current(f.fingerprint(), f.geometry() == null ? null : GeometryValue.ofGpkgBlob(f.geometry()));
        }
        return current(rowId);
    }

    Current current(long rowId) throws SQLException {
        row.setLong(1, rowId);
        try (ResultSet rs = row.executeQuery()) {
            if (!rs.next()) return null;
            byte[] blob = geometryBlob(schema, rs);
            return new Current(HexFormat.of().formatHex(digest(schema, fingerprint, rs, blob)), blob == null ? null : GeometryValue.ofGpkgBlob(blob));
        }
    }

    /** "SELECT every attribute, geometry": the columns a row fingerprint is computed from, in this order. */
    private static String rowColumns(Schema schema) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < schema.fields().size(); i++) sql.append(i == 0 ? "" : ", ").append(Sql.id(schema.fields().get(i).name()));
        if (schema.fields().isEmpty()) sql.append("NULL");
        if (schema.hasGeometry()) sql.append(", ").append(Sql.id(schema.geometryColumn()));
        return sql.toString();
    }

    private static byte[] geometryBlob(Schema schema, ResultSet rs) throws SQLException {
        return schema.hasGeometry() ? rs.getBytes(Math.max(1, schema.fields().size()) + 1) : null;
    }

    /** The row fingerprint of the current result row of a {@link #rowColumns} query (values decoded as GpkgDataset does). */
    private static byte[] digest(Schema schema, RowFingerprint fingerprint, ResultSet rs, byte[] blob) throws SQLException {
        List<Field> fields = schema.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) values[i] = GpkgDataset.decode(rs.getObject(i + 1), fields.get(i).type());
        return fingerprint.digest(values, blob, blob == null ? 0 : GpkgGeometry.wkbOffset(blob));
    }

    /** A whole layer read once: its digest, and the fingerprints of the rows asked for, by primary key. */
    record BaseScan(LayerDigest digest, Map<Long, String> fingerprints) {
    }

    /**
     * Reads every row of a layer once (by the pure-Java reader, {@link NativeNationalScan}, else by SQL): the layer digest of all of them and the fingerprint
     * (hex) of the rows whose primary key is in {@code wanted} (the base states of the updates and deletes), so that
     * the builder needs no second read by key. The same decoding and fingerprint code as {@link #current}.
     */
    static BaseScan scan(Connection c, SqliteFile file, Schema schema, Set<Long> wanted) throws SQLException {
        BaseScan read = NativeNationalScan.base(c, file, schema, wanted);
        return read != null ? read : scanSql(c, schema, wanted);
    }

    /** {@link #scan} by SQL: the fallback for layers the pure-Java reader cannot read. */
    static BaseScan scanSql(Connection c, Schema schema, Set<Long> wanted) throws SQLException {
        String pk = schema.primaryKey() != null ? Sql.id(schema.primaryKey()) : "rowid";
        RowFingerprint fingerprint = new RowFingerprint(schema);
        LayerDigest digest = new LayerDigest();
        Map<Long, String> found = new HashMap<>(Math.max(16, wanted.size() * 2));
        HexFormat hex = HexFormat.of();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(rowColumns(schema) + ", " + pk + " FROM " + Sql.id(schema.layer()) + " ORDER BY " + pk)) {
            int pkColumn = Math.max(1, schema.fields().size()) + (schema.hasGeometry() ? 2 : 1);
            while (rs.next()) {
                byte[] d = digest(schema, fingerprint, rs, geometryBlob(schema, rs));
                digest.add(d);
                long id = rs.getLong(pkColumn);
                if (wanted.contains(id)) found.put(id, hex.formatHex(d));
            }
        }
        return new BaseScan(digest, found);
    }

    void delete(String key, long rowId) throws SQLException {
        touched.add(key);
        if (delete == null) delete = c.prepareStatement("DELETE FROM " + table + " WHERE " + pk + " = ?");
        delete.setLong(1, rowId);
        Statements.runOnce(delete);
        spatialIndex.deleted(rowId);
    }

    /** Sets the changed attributes (and geometry) of a row; one prepared statement per set of changed names. */
    void update(String key, long rowId, SortedSet<String> changed, Map<String, Object> values, GeometryValue geometry) throws SQLException {
        touched.add(key);
        String signature = String.join("\u0000", changed);
        PreparedStatement ps = updates.get(signature);
        if (ps == null) {
            StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
            int n = 0;
            for (String name : changed) sql.append(n++ == 0 ? "" : ", ").append(Sql.id(column(name))).append(" = ?");
            sql.append(" WHERE ").append(pk).append(" = ?");
            ps = c.prepareStatement(sql.toString());
            updates.put(signature, ps);
        }
        int i = bindAll(ps, changed, values, geometry);
        ps.setLong(i, rowId);
        Statements.runOnce(ps);
        if (changed.contains(Label.GEOMETRY)) spatialIndex.written(rowId, geometry);
    }

    void insert(String key, SortedSet<String> changed, Map<String, Object> values, GeometryValue geometry) throws SQLException {
        touched.add(key);
        java.util.TreeSet<String> names = new java.util.TreeSet<>(changed);
        names.add(keyColumn);
        Map<String, Object> withKey = new HashMap<>(values);
        // a local creation without an identifier (provisional key fid:N) goes in without one: the national side assigns it
        withKey.put(keyColumn, DiffEngine.isProvisionalKey(key) ? null : key);
        String signature = String.join("\u0000", names);
        PreparedStatement ps = inserts.get(signature);
        if (ps == null) {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
            StringBuilder q = new StringBuilder();
            int n = 0;
            for (String name : names) {
                sql.append(n == 0 ? "" : ", ").append(Sql.id(column(name)));
                q.append(n++ == 0 ? "?" : ", ?");
            }
            ps = c.prepareStatement(sql.append(") VALUES (").append(q).append(')').toString());
            inserts.put(signature, ps);
        }
        bindAll(ps, names, withKey, geometry);
        Statements.runOnce(ps);
        spatialIndex.inserted(geometry);
    }

    private String column(String name) {
        return name.equals(Label.GEOMETRY) ? schema.geometryColumn() : name;
    }

    private static int bindAll(PreparedStatement ps, SortedSet<String> names, Map<String, Object> values, GeometryValue geometry) throws SQLException {
        int i = 1;
        for (String name : names) {
            if (name.equals(Label.GEOMETRY)) {
                if (geometry == null) ps.setNull(i++, Types.BLOB);
                else ps.setBytes(i++, geometry.storedBytes());
            } else {
                Object v = values.get(name);
                if (v == null) ps.setNull(i++, Types.NULL);
                else if (v instanceof Boolean) ps.setInt(i++, ((Boolean) v) ? 1 : 0);
                else ps.setObject(i++, v);
            }
        }
        return i;
    }

    @Override
    public void close() throws SQLException {
        spatialIndex.restore();
        row.close();
        if (byKey != null) byKey.close();
        if (delete != null) delete.close();
        for (PreparedStatement ps : updates.values()) ps.close();
        for (PreparedStatement ps : inserts.values()) ps.close();
    }
}
