package fr.bdfsync.core.io.gpkg;

import org.locationtech.jts.geom.Envelope;
import fr.bdfsync.core.feature.GeometryValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Does, from Java, exactly what a GeoPackage's R-tree triggers would do while a writer inserts, updates and deletes
 * rows of a file, in the same order, without the triggers: they call {@code ST_IsEmpty}, {@code ST_MinX}... back in
 * Java ({@link GpkgSqlFunctions}), one JNI callback and one copy of the blob per call, six calls per written row.
 * <p>
 * Used only when it changes nothing in the result: the R-tree triggers taken over are a geometry column's six
 * triggers with the specification's text (whitespace, letter case and the quoting of plain names aside), all six of
 * each such column, and no index or view comes after the first of them in {@code sqlite_master}; otherwise
 * {@link #suspend} returns null and the triggers stay. Every trigger from the first taken over onwards is dropped, the
 * others among them (GDAL's feature-count triggers) created again at once, so they keep firing; {@link #restore()}
 * drops those and creates every dropped trigger again from its own SQL, in the former order, so they take the same
 * places in {@code sqlite_master} (the order of {@code .dump}).
 * The R-tree operations are those of the triggers, statement for statement (an update of the geometry column
 * replaces the entry even when the box is the same, as the trigger's {@code INSERT OR REPLACE} does), with the
 * envelope taken from the written blob by the same code as {@code ST_MinX}..., so the R-tree tables, node pages
 * included, come out as the triggers would have left them. The caller must not change a row's primary key and must
 * report every write of the layer's rows.
 */
public final class RtreeTriggerReplay {
    private static final List<String> KINDS = List.of("insert", "update1", "update2", "update3", "update4", "delete");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Connection c;
    private final List<String> dropped;
    private final List<String> recreated;
    private final Map<String, Layer> layers;

    private RtreeTriggerReplay(Connection c, List<String> dropped, List<String> recreated, Map<String, Layer> layers) {
        this.c = c;
        this.dropped = dropped;
        this.recreated = recreated;
        this.layers = layers;
    }

    /** The R-tree of one layer, written as its triggers would. */
    public static final class Layer {
        private final PreparedStatement put;
        private final PreparedStatement remove;
        private final PreparedStatement lastRowId;

        private Layer(Connection c, String rtree) throws SQLException {
            put = c.prepareStatement("INSERT OR REPLACE INTO " + Sql.id(rtree) + " VALUES (?, ?, ?, ?, ?)");
            remove = c.prepareStatement("DELETE FROM " + Sql.id(rtree) + " WHERE id = ?");
            lastRowId = c.prepareStatement("SELECT last_insert_rowid()");
        }

        /** A row was just inserted with this blob (trigger {@code insert}); its fid is the connection's last row id. */
        public void inserted(byte[] blob) throws SQLException {
            if (blob == null || GpkgGeometry.isEmptyFlag(blob)) return;
            long fid;
            try (ResultSet rs = lastRowId.executeQuery()) {
                rs.next();
                fid = rs.getLong(1);
            }
            put(fid, blob);
        }

        /** The geometry column of row {@code fid} was set to this blob, the fid unchanged (triggers {@code update1}, {@code update2}). */
        public void updated(long fid, byte[] blob) throws SQLException {
            if (blob == null || GpkgGeometry.isEmptyFlag(blob)) {
                remove.setLong(1, fid);
                Statements.runOnce(remove);
            } else {
                put(fid, blob);
            }
        }

        /** Row {@code fid} was deleted; {@code hadGeometry}: its geometry was not null (trigger {@code delete}). */
        public void deleted(long fid, boolean hadGeometry) throws SQLException {
            if (!hadGeometry) return;
            remove.setLong(1, fid);
            Statements.runOnce(remove);
        }

        private void put(long fid, byte[] blob) throws SQLException {
            // as ST_MinX... (GpkgSqlFunctions.Bounds): the envelope of the blob, null values for a null envelope
            Envelope e = GeometryValue.ofGpkgBlob(blob).envelope();
            put.setLong(1, fid);
            if (e.isNull()) {
                for (int i = 2; i <= 5; i++) put.setNull(i, Types.DOUBLE);
            } else {
                put.setDouble(2, e.getMinX());
                put.setDouble(3, e.getMaxX());
                put.setDouble(4, e.getMinY());
                put.setDouble(5, e.getMaxY());
            }
            Statements.runOnce(put);
        }

        private void close() throws SQLException {
            put.close();
            remove.close();
            lastRowId.close();
        }
    }

    /**
     * Drops the R-tree triggers of every feature table of the file and returns the replay that stands for them, or
     * null (nothing dropped) when the file's triggers are not all in the form and order this class reproduces.
     */
    public static RtreeTriggerReplay suspend(Connection c) throws SQLException {
        Map<String, String[]> columns = columns(c);
        List<String[]> triggers = new ArrayList<>(); // name, table, sql, rowid; in sqlite_master order
        long lastOther = -1; // the last index or view with SQL (an automatic index has none and is not dumped)
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, tbl_name, sql, rowid, type FROM sqlite_master WHERE type IN ('trigger', 'index', 'view') AND sql NOT NULL ORDER BY rowid")) {
            while (rs.next()) {
                if (rs.getString(5).equals("trigger")) triggers.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                else lastOther = rs.getLong(4);
            }
        }
        Map<String, Integer> found = new HashMap<>();
        Map<String, String> rtrees = new LinkedHashMap<>();
        boolean[] replayed = new boolean[triggers.size()];
        int first = -1;
        for (int i = 0; i < triggers.size(); i++) {
            String[] t = triggers.get(i);
            String[] cols = columns.get(t[1]);
            String kind = cols == null ? null : kind(t[0], "rtree_" + t[1] + "_" + cols[0]);
            if (kind == null || !isSpecTrigger(t[2], kind, t[1], cols[0], cols[1])) continue;
            replayed[i] = true;
            if (first < 0) first = i;
            found.merge(t[1], 1, Integer::sum);
            rtrees.put(t[1], "rtree_" + t[1] + "_" + cols[0]);
        }
        if (first < 0) return null;
        for (int n : found.values()) if (n != KINDS.size()) return null; // a table with only some of them
        // dropping and creating triggers again moves them after any index or view: only when none comes after
        if (lastOther > Long.parseLong(triggers.get(first)[3])) return null;
        List<String> sql = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (int i = first; i < triggers.size(); i++) {
                st.execute("DROP TRIGGER " + Sql.id(triggers.get(i)[0]));
                sql.add(triggers.get(i)[2]);
            }
            // the other triggers from there on (GDAL's feature counts...) must keep firing: created again at once
            for (int i = first; i < triggers.size(); i++) {
                if (replayed[i]) continue;
                st.execute(triggers.get(i)[2]);
                others.add(triggers.get(i)[0]);
            }
        }
        Map<String, Layer> layers = new HashMap<>();
        for (Map.Entry<String, String> e : rtrees.entrySet()) layers.put(e.getKey(), new Layer(c, e.getValue()));
        return new RtreeTriggerReplay(c, sql, others, layers);
    }

    /** The replay of a table's triggers, or null when the table had none (its writes touch no R-tree). */
    public Layer layer(String table) {
        return layers.get(table);
    }

    /** Creates the dropped triggers again from their own SQL, in their former order (the others among them too). */
    public void restore() throws SQLException {
        for (Layer l : layers.values()) l.close();
        try (Statement st = c.createStatement()) {
            for (String name : recreated) st.execute("DROP TRIGGER " + Sql.id(name));
            for (String s : dropped) st.execute(s);
        }
    }

    /** Table name to (geometry column, integer primary key) for the file's feature tables; empty without {@code gpkg_geometry_columns}. */
    private static Map<String, String[]> columns(Connection c) throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_geometry_columns'")) {
            if (!rs.next()) return out;
        }
        Map<String, String> geometry = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT table_name, column_name FROM gpkg_geometry_columns")) {
            while (rs.next()) geometry.put(rs.getString(1), rs.getString(2));
        }
        for (Map.Entry<String, String> e : geometry.entrySet()) {
            String pk = null;
            int pks = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + Sql.id(e.getKey()) + ")")) {
                while (rs.next()) {
                    if (rs.getInt("pk") > 0) {
                        pks++;
                        pk = rs.getString("name");
                        if (!"INTEGER".equalsIgnoreCase(rs.getString("type"))) pks++; // not the rowid
                    }
                }
            }
            if (pks == 1) out.put(e.getKey(), new String[]{e.getValue(), pk});
        }
        return out;
    }

    /** The six kinds of R-tree trigger of the specification, as their names end: insert, update1 to update4, delete. */
    public static List<String> kinds() {
        return KINDS;
    }

    /**
     * True when {@code sql} is the specification's R-tree trigger {@code kind} ({@link #kinds()}) of {@code table}, its
     * geometry column and its integer primary key, whitespace, letter case and the quoting of plain names aside (as
     * GDAL, NGA and the specification write it): the triggers {@link #suspend} takes over, and those whose effect a
     * writer may reproduce from Java.
     */
    public static boolean isSpecTrigger(String sql, String kind, String table, String geom, String pk) {
        return sql != null && KINDS.contains(kind) && normal(sql).equals(normal(expected(kind, table, geom, pk)));
    }

    private static String kind(String trigger, String rtree) {
        for (String k : KINDS) if (trigger.equals(rtree + "_" + k)) return k;
        return null;
    }

    /** The specification's trigger text (as GDAL writes it) for a table, its geometry column and its primary key. */
    static String expected(String kind, String table, String geom, String pk) {
        String t = Sql.id(table), g = Sql.id(geom), i = Sql.id(pk), r = Sql.id("rtree_" + table + "_" + geom);
        String name = Sql.id("rtree_" + table + "_" + geom + "_" + kind);
        String put = "INSERT OR REPLACE INTO " + r + " VALUES (NEW." + i + ", ST_MinX(NEW." + g + "), ST_MaxX(NEW." + g + "), ST_MinY(NEW." + g
                + "), ST_MaxY(NEW." + g + "));";
        String notEmpty = "(NEW." + g + " NOTNULL AND NOT ST_IsEmpty(NEW." + g + "))";
        String empty = "(NEW." + g + " ISNULL OR ST_IsEmpty(NEW." + g + "))";
        switch (kind) {
            case "insert":
                return "CREATE TRIGGER " + name + " AFTER INSERT ON " + t + " WHEN (new." + g + " NOT NULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN " + put + " END";
            case "update1":
                return "CREATE TRIGGER " + name + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i + " AND " + notEmpty + " BEGIN " + put + " END";
            case "update2":
                return "CREATE TRIGGER " + name + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i + " AND " + empty
                        + " BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; END";
            case "update3":
                return "CREATE TRIGGER " + name + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND " + notEmpty
                        + " BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; " + put + " END";
            case "update4":
                return "CREATE TRIGGER " + name + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND " + empty
                        + " BEGIN DELETE FROM " + r + " WHERE id IN (OLD." + i + ", NEW." + i + "); END";
            default:
                return "CREATE TRIGGER " + name + " AFTER DELETE ON " + t + " WHEN old." + g + " NOT NULL BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; END";
        }
    }

    /**
     * Whitespace, letter case and the double quotes around names aside (a quoted plain name means the same
     * unquoted; other names keep their quotes), with one space between tokens and none inside parentheses.
     */
    static String normal(String sql) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '"') {
                int end = i + 1;
                StringBuilder name = new StringBuilder();
                while (end < sql.length()) {
                    if (sql.charAt(end) == '"') {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == '"') {
                            name.append('"');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    name.append(sql.charAt(end++));
                }
                String n = name.toString();
                out.append(PLAIN.matcher(n).matches() ? n.toLowerCase(Locale.ROOT) : sql.substring(i, Math.min(end + 1, sql.length())));
                i = end + 1;
            } else if (Character.isWhitespace(ch)) {
                out.append(' ');
                while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
            } else {
                out.append(Character.toLowerCase(ch));
                i++;
            }
        }
        return out.toString().replaceAll(" ?([(),;=]) ?", "$1").trim();
    }
}
