package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a GeoPackage through SQLite, read-only: layers are the {@code features} and {@code attributes}
 * entries of {@code gpkg_contents}. Rows stream in primary-key order; geometry blobs are handed over as
 * bytes ({@link GeometryValue}) and parsed only by whoever needs the shape.
 * <p>
 * NGA geopackage-java writes our outputs ({@link GpkgWriter}); reading goes through plain JDBC because
 * NGA's feature rows parse every geometry eagerly, which the diff cannot afford.
 */
public final class GpkgDataset implements Dataset {
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final Connection connection;
    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    private GpkgDataset(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    /** Bytes of a file SQLite may read through a memory map (capped by SQLite's own compile-time limit). */
    public static final long MMAP_BYTES = 1L << 40;

    /**
     * Lets SQLite read the file through a memory map instead of one read call per page: a full scan of a
     * GeoPackage whose rows overflow their pages measured about ten times faster (docs/pkg.md). Writes still go
     * through ordinary file calls. Like every mapped read, it assumes no other process truncates the file meanwhile.
     */
    public static void mapIntoMemory(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("PRAGMA mmap_size = " + MMAP_BYTES);
        }
    }

    /** Opens a GeoPackage read-only; the file is never modified. */
    public static GpkgDataset open(Path path) {
        checkIsSqlite(path);
        Connection c;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
            config.setSharedCache(false);
            c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
            mapIntoMemory(c);
        } catch (SQLException e) {
            throw BdfsyncException.invalid(path, null, null, "cannot open as SQLite: " + e.getMessage(), e);
        }
        GpkgDataset ds = new GpkgDataset(path, c);
        try {
            ds.loadSchemas();
        } catch (SQLException e) {
            ds.close();
            throw BdfsyncException.invalid(path, null, null, "not a valid GeoPackage (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }

    static void checkIsSqlite(Path path) {
        if (!Files.exists(path)) throw BdfsyncException.notFound(path, "no such file");
        if (!Files.isRegularFile(path)) throw BdfsyncException.invalid(path, null, null, "not a regular file");
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 16);
        } catch (IOException e) {
            throw new BdfsyncException(ExitCode.NOT_FOUND, BdfsyncException.where(path, null, null, "cannot read: " + e.getMessage()), e);
        }
        if (n < 16 || !Arrays.equals(head, SQLITE_MAGIC)) {
            throw BdfsyncException.invalid(path, null, null, "not a GeoPackage: the file does not start with the SQLite header");
        }
    }

    private void loadSchemas() throws SQLException {
        Map<String, String> dataTypes = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, data_type FROM gpkg_contents WHERE data_type IN ('features','attributes') ORDER BY rowid")) {
            while (rs.next()) dataTypes.put(rs.getString(1), rs.getString(2));
        }
        Map<String, String[]> geomCols = new LinkedHashMap<>();
        boolean hasGeometryColumns;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_geometry_columns'")) {
            hasGeometryColumns = rs.next();
        }
        // a GeoPackage holding only attribute tables need not have gpkg_geometry_columns
        if (hasGeometryColumns) try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns")) {
            while (rs.next()) {
                geomCols.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)});
            }
        }
        for (Map.Entry<String, String> e : dataTypes.entrySet()) {
            String table = e.getKey();
            String[] gc = geomCols.get(table);
            if ("features".equals(e.getValue()) && gc == null) {
                throw BdfsyncException.invalid(path, table, null, "listed as features in gpkg_contents but absent from gpkg_geometry_columns");
            }
            schemas.put(table, readSchema(table, gc));
        }
    }

    private Schema readSchema(String table, String[] gc) throws SQLException {
        List<Field> fields = new ArrayList<>();
        String pk = null;
        String geomCol = gc == null ? null : gc[0];
        boolean found = false;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA table_info(" + Sql.id(table) + ")")) {
            while (rs.next()) {
                found = true;
                String name = rs.getString("name");
                String type = rs.getString("type");
                boolean isPk = rs.getInt("pk") > 0;
                if (isPk && pk == null && FieldType.fromSqlType(type) == FieldType.INTEGER) {
                    pk = name;
                    continue;
                }
                if (geomCol != null && name.equalsIgnoreCase(geomCol)) {
                    geomCol = name;
                    continue;
                }
                fields.add(new Field(name, FieldType.fromSqlType(type)));
            }
        }
        if (!found) throw BdfsyncException.invalid(path, table, null, "listed in gpkg_contents but the table does not exist");
        if (gc == null) return new Schema(table, fields, null, null, false, false, null, pk);
        GeometryType type;
        try {
            type = GeometryType.fromName(gc[1]);
        } catch (IllegalArgumentException ex) {
            throw BdfsyncException.invalid(path, table, null, "unknown geometry type '" + gc[1] + "' in gpkg_geometry_columns");
        }
        int srsId = Integer.parseInt(gc[2]);
        return new Schema(table, fields, geomCol, type, "1".equals(gc[3]) || "2".equals(gc[3]),
                "1".equals(gc[4]) || "2".equals(gc[4]), readCrs(table, srsId), pk);
    }

    private CrsRef readCrs(String table, int srsId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
            ps.setInt(1, srsId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw BdfsyncException.crs(path, table, "srs_id " + srsId + " is not in gpkg_spatial_ref_sys");
                return new CrsRef(srsId, rs.getString(2), rs.getInt(3), rs.getString(1), rs.getString(4));
            }
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return "GPKG";
    }

    @Override
    public List<String> layerNames() {
        return List.copyOf(schemas.keySet());
    }

    @Override
    public Schema schema(String layer) {
        Schema s = schemas.get(layer);
        if (s == null) {
            throw new BdfsyncException(ExitCode.NOT_FOUND, BdfsyncException.where(path, layer, null,
                    "no such layer (layers: " + String.join(", ", schemas.keySet()) + ")"));
        }
        return s;
    }

    @Override
    public long count(String layer) {
        schema(layer);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Sql.id(layer))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw BdfsyncException.invalid(path, layer, null, "cannot count rows: " + e.getMessage(), e);
        }
    }

    @Override
    public FeatureCursor read(String layer) {
        Schema s = schema(layer);
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(s.primaryKey() != null ? Sql.id(s.primaryKey()) : "rowid");
        for (Field f : s.fields()) sql.append(", ").append(Sql.id(f.name()));
        if (s.hasGeometry()) sql.append(", ").append(Sql.id(s.geometryColumn()));
        sql.append(" FROM ").append(Sql.id(layer));
        sql.append(" ORDER BY ").append(s.primaryKey() != null ? Sql.id(s.primaryKey()) : "rowid");
        try {
            Statement st = connection.createStatement();
            st.setFetchSize(1000);
            ResultSet rs = st.executeQuery(sql.toString());
            return new Cursor(s, st, rs);
        } catch (SQLException e) {
            throw BdfsyncException.invalid(path, layer, null, "cannot read rows: " + e.getMessage(), e);
        }
    }

    /** Fids looked up per query (SQLite binds at most 999 parameters in older builds). */
    private static final int FIDS_PER_QUERY = 500;

    /** Only the rows of the given fids, by primary key lookups in batches of {@value #FIDS_PER_QUERY}, in fid order. */
    @Override
    public FeatureCursor read(String layer, long[] sortedFids) {
        Schema s = schema(layer);
        String pk = s.primaryKey() != null ? Sql.id(s.primaryKey()) : "rowid";
        StringBuilder select = new StringBuilder("SELECT ").append(pk);
        for (Field f : s.fields()) select.append(", ").append(Sql.id(f.name()));
        if (s.hasGeometry()) select.append(", ").append(Sql.id(s.geometryColumn()));
        select.append(" FROM ").append(Sql.id(layer)).append(" WHERE ").append(pk).append(" IN (");
        return new FeatureCursor() {
            private int from;
            private Cursor current;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (from >= sortedFids.length) return false;
                    int to = Math.min(sortedFids.length, from + FIDS_PER_QUERY);
                    StringBuilder sql = new StringBuilder(select);
                    for (int i = from; i < to; i++) sql.append(i == from ? "?" : ",?");
                    sql.append(") ORDER BY ").append(pk);
                    try {
                        PreparedStatement st = connection.prepareStatement(sql.toString());
                        for (int i = from; i < to; i++) st.setLong(i - from + 1, sortedFids[i]);
                        current = new Cursor(s, st, st.executeQuery());
                    } catch (SQLException e) {
                        throw BdfsyncException.invalid(path, layer, null, "cannot read rows: " + e.getMessage(), e);
                    }
                    from = to;
                }
                return true;
            }

            @Override
            public Feature next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }

            @Override
            public void close() {
                if (current != null) current.close();
                from = sortedFids.length;
            }
        };
    }

    /** The underlying read-only connection, for engines that run their own SQL (keyed lookups). */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
    }

    /**
     * Converts a value as sqlite-jdbc returns it to the Java type of a field type ({@link FieldType}); SQLite
     * lets a text sit in a numeric column: such a value stays text rather than fail or invent a number.
     */
    public static Object decode(Object o, FieldType type) {
        if (o == null) return null;
        switch (type) {
            case INTEGER:
                if (o instanceof Number) return ((Number) o).longValue();
                return parseOr(o, true);
            case REAL:
                if (o instanceof Number) return ((Number) o).doubleValue();
                return parseOr(o, false);
            case BOOLEAN:
                if (o instanceof Number) return ((Number) o).longValue() != 0;
                return Boolean.parseBoolean(o.toString()) || "1".equals(o.toString());
            case BLOB:
                return o instanceof byte[] ? o : o.toString().getBytes(StandardCharsets.UTF_8);
            default:
                return o instanceof byte[] ? new String((byte[]) o, StandardCharsets.UTF_8) : o.toString();
        }
    }

    private static Object parseOr(Object o, boolean integer) {
        String s = o.toString().trim();
        try {
            return integer ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return o.toString();
        }
    }

    private final class Cursor implements FeatureCursor {
        private final Schema schema;
        private final FieldType[] types;
        private final Statement statement;
        private final ResultSet rs;
        private final GeometryValue.Source source;
        private Feature next;
        private boolean done;

        Cursor(Schema schema, Statement statement, ResultSet rs) {
            this.source = new GeometryValue.Source(path, schema.layer());
            this.schema = schema;
            this.statement = statement;
            this.rs = rs;
            this.types = schema.fields().stream().map(Field::type).toArray(FieldType[]::new);
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            if (done) return false;
            try {
                if (!rs.next()) {
                    done = true;
                    close();
                    return false;
                }
                long fid = rs.getLong(1);
                Object[] values = new Object[types.length];
                for (int i = 0; i < types.length; i++) values[i] = readValue(rs, i + 2, types[i], fid, i);
                GeometryValue g = null;
                if (schema.hasGeometry()) {
                    byte[] blob = rs.getBytes(types.length + 2);
                    if (blob != null) {
                        try {
                            g = GeometryValue.ofGpkgBlob(blob, source, fid);
                        } catch (IllegalArgumentException e) {
                            throw BdfsyncException.invalid(path, schema.layer(), "fid " + fid, e.getMessage());
                        }
                    }
                }
                next = new Feature(fid, values, g);
                return true;
            } catch (SQLException e) {
                close();
                throw BdfsyncException.invalid(path, schema.layer(), null, "cannot read rows: " + e.getMessage(), e);
            }
        }

        private Object readValue(ResultSet rs, int col, FieldType type, long fid, int fieldIndex) throws SQLException {
            return decode(rs.getObject(col), type);
        }

        @Override
        public Feature next() {
            if (!hasNext()) throw new NoSuchElementException();
            Feature f = next;
            next = null;
            return f;
        }

        @Override
        public void close() {
            done = true;
            try {
                rs.close();
                statement.close();
            } catch (SQLException ignored) {
                // nothing to recover
            }
        }
    }
}
