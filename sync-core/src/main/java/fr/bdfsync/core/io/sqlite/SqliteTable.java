package fr.bdfsync.core.io.sqlite;

import fr.bdfsync.core.io.gpkg.Sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rowid table described for the pure-Java reader: its root page, its columns in record order (name, declared
 * type, default value) and the column that aliases the rowid (-1 without), read from the JDBC connection that holds
 * the read transaction. {@link #describe} returns a reason instead when the reader cannot give the values SQL gives:
 * a non-empty -wal file or WAL mode, UTF-16 text, a WITHOUT ROWID or virtual table, hidden or generated columns.
 * {@link #value} then returns a column's value as sqlite-jdbc's {@code getObject} does (rowid alias substituted,
 * REAL affinity applied to integers stored for real values, a column missing from an old record taking its default).
 */
public record SqliteTable(String name, long rootPage, List<Column> columns, int rowidAlias, String createSql) {

    /** A column: its name, declared type (upper case, trimmed) and default value as the schema spells it (null without). */
    public record Column(String name, String declaredType, String defaultValue) {
        /** Column affinity (file format "Determination Of Column Affinity"), as one of INTEGER, TEXT, BLOB, REAL, NUMERIC. */
        public String affinity() {
            String t = declaredType;
            if (t.contains("INT")) return "INTEGER";
            if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) return "TEXT";
            if (t.isEmpty() || t.contains("BLOB")) return "BLOB";
            if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) return "REAL";
            return "NUMERIC";
        }
    }

    /** The outcome of {@link #describe}: a table, or why it must be read by SQL. */
    public record Description(SqliteTable table, String unsupported) {
    }

    /** A value the reader cannot reproduce exactly as SQL gives it (the caller falls back to SQL). */
    public static final class Unsupported extends RuntimeException {
        public Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** Describes {@code table} of the file {@code path} through {@code c} (a connection to that file). */
    public static Description describe(Connection c, Path path, String table) {
        try {
            Path wal = Path.of(path.toAbsolutePath() + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) return no("a non-empty -wal file");
            long root;
            String sql;
            try (PreparedStatement ps = c.prepareStatement("SELECT rootpage, sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return no("no table in sqlite_master");
                    root = rs.getLong(1);
                    sql = rs.getString(2);
                }
            }
            if (root < 1) return no("no root page (virtual table?)");
            List<Column> columns = new ArrayList<>();
            int pkColumns = 0;
            int pkIndex = -1;
            String pkType = null;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_xinfo(" + Sql.id(table) + ")")) {
                while (rs.next()) {
                    if (rs.getInt("hidden") != 0) return no("hidden or generated columns");
                    String type = String.valueOf(rs.getString("type")).toUpperCase(Locale.ROOT).trim();
                    if (rs.getInt("pk") > 0) {
                        pkColumns++;
                        pkIndex = columns.size();
                        pkType = type;
                    }
                    columns.add(new Column(rs.getString("name"), type, rs.getString("dflt_value")));
                }
            }
            int alias = pkColumns == 1 && "INTEGER".equals(pkType) ? pkIndex : -1;
            return new Description(new SqliteTable(table, root, List.copyOf(columns), alias, sql == null ? "" : sql), null);
        } catch (SQLException | IOException e) {
            return no("cannot inspect the table (" + e.getMessage() + ")");
        }
    }

    /** Null when {@code file} can be read for this table, else why not (WAL mode, UTF-16 text, WITHOUT ROWID). */
    public String unsupportedIn(SqliteFile file) {
        if (file.walMode()) return "WAL mode";
        if (file.encoding() != SqliteFile.TextEncoding.UTF8) return file.encoding() + " text";
        int type = file.table(rootPage, name).rootPageType();
        if (type != TableCursor.LEAF_TABLE && type != TableCursor.INTERIOR_TABLE) return "a WITHOUT ROWID table";
        return null;
    }

    private static Description no(String why) {
        return new Description(null, why);
    }

    /** The record index of the column named {@code column} (case-insensitive), -1 when there is none. */
    public int index(String column) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equalsIgnoreCase(column)) return i;
        return -1;
    }

    /**
     * The value of column {@code i} of the current row ({@code r} parsed from its payload) as sqlite-jdbc's
     * {@code getObject} gives it: null, Long, Double, String or byte[]. Throws {@link Unsupported} for a column an
     * old record lacks whose default is not NULL (the default expression is not evaluated here).
     */
    public Object value(Record r, int i, long rowid) {
        if (i == rowidAlias) return rowid;
        if (i >= r.columnCount()) {
            String d = columns.get(i).defaultValue();
            if (d != null && !d.equalsIgnoreCase("NULL")) throw new Unsupported("column " + columns.get(i).name() + " missing from a record, default " + d);
            return null;
        }
        Object v = r.value(i, StandardCharsets.UTF_8);
        if (v instanceof Long && SerialType.isInteger(r.serialType(i)) && "REAL".equals(columns.get(i).affinity())) {
            return ((Long) v).doubleValue(); // SQLite stores integral reals as integers and converts them back on read
        }
        return v;
    }

    /** A cursor over this table in {@code file}. */
    public TableCursor cursor(SqliteFile file) {
        return file.table(rootPage, name);
    }
}
