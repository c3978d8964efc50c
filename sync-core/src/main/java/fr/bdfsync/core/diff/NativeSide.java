package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.TableCursor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One side of a layer prepared for the pure-Java scan ({@link PairedScan}): the file, the table's root page, the
 * record column of the key (or -1 when the key is the rowid), the record column of each compared column (by mapped
 * name) and of the geometry (-1 without), and the table's layout, one entry per record column
 * (mapped name, declared type, default value, primary-key flag). Two sides whose layouts are equal store the same
 * values with the same record bytes, so their payloads can be compared byte for byte.
 *
 * <p>{@link #open} returns a reason instead when the file or table is outside what the reader supports: WAL mode,
 * UTF-16 text, a WITHOUT ROWID table, hidden or generated columns, an integer primary key that is not the rowid.
 */
record NativeSide(LayerSource source, SqliteFile file, long rootPage, int keyIndex, List<String> layout, Map<String, Integer> columnIndex,
                  int geometryIndex) {

    /** The outcome of {@link #open}: a side, or why the table must be read by SQL. */
    record Opening(NativeSide side, String unsupported) {
    }

    static Opening open(LayerSource src, ReadSnapshot snapshot) {
        Path path = src.dataset().path();
        String table = src.layer();
        try {
            Path wal = Path.of(path.toAbsolutePath() + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) return no("a non-empty -wal file");
            long root;
            try (PreparedStatement ps = src.dataset().connection().prepareStatement(
                    "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return no("no table in sqlite_master");
                    root = rs.getLong(1);
                }
            }
            if (root < 1) return no("no root page (virtual table?)");
            List<String> layout = new ArrayList<>();
            int keyIndex = -2;
            int aliases = 0;
            String pkType = null;
            Map<String, String> mapped = new HashMap<>();
            Map<String, Integer> columnIndex = new HashMap<>();
            int geometryIndex = -1;
            for (Map.Entry<String, Field> e : src.columns().entrySet()) mapped.put(e.getValue().name().toLowerCase(Locale.ROOT), e.getKey());
            String geom = src.schema().hasGeometry() ? src.schema().geometryColumn().toLowerCase(Locale.ROOT) : null;
            String keySource = src.keySourceColumn().toLowerCase(Locale.ROOT);
            String pk = src.schema().primaryKey() == null ? null : src.schema().primaryKey().toLowerCase(Locale.ROOT);
            try (Statement st = src.dataset().connection().createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA table_xinfo(" + fr.bdfsync.core.io.gpkg.Sql.id(table) + ")")) {
                int cid = 0;
                while (rs.next()) {
                    if (rs.getInt("hidden") != 0) return no("hidden or generated columns");
                    String name = rs.getString("name").toLowerCase(Locale.ROOT);
                    String type = String.valueOf(rs.getString("type")).toUpperCase(Locale.ROOT).trim();
                    int pkFlag = rs.getInt("pk");
                    if (pkFlag > 0) {
                        aliases++;
                        pkType = type;
                    }
                    String role = name.equals(pk) ? "<pk>" : name.equals(geom) ? "<geometry>" : mapped.getOrDefault(name, name);
                    if (name.equals(keySource)) keyIndex = name.equals(pk) ? -1 : cid;
                    if (name.equals(geom)) geometryIndex = cid;
                    else if (mapped.containsKey(name)) columnIndex.put(mapped.get(name), cid);
                    layout.add(role + "|" + type + "|" + pkFlag + "|" + rs.getString("dflt_value"));
                    cid++;
                }
            }
            if (pk != null && (aliases != 1 || !"INTEGER".equals(pkType))) return no("a primary key that is not the rowid");
            if (keyIndex == -2) return no("key column not found in the table");
            if (columnIndex.size() != src.columns().size() || src.schema().hasGeometry() && geometryIndex < 0) return no("columns not found in the table");
            SqliteFile file = snapshot.file(src.dataset());
            if (file.walMode()) return no("WAL mode");
            if (file.encoding() != SqliteFile.TextEncoding.UTF8) return no(file.encoding() + " text");
            TableCursor c = file.table(root, table);
            int type = c.rootPageType();
            if (type != TableCursor.LEAF_TABLE && type != TableCursor.INTERIOR_TABLE) return no("a WITHOUT ROWID table");
            return new Opening(new NativeSide(src, file, root, keyIndex, List.copyOf(layout), Map.copyOf(columnIndex), geometryIndex), null);
        } catch (SQLException | java.io.IOException e) {
            return no("cannot inspect the table (" + e.getMessage() + ")");
        }
    }

    private static Opening no(String why) {
        return new Opening(null, why);
    }

    TableCursor cursor() {
        return file.table(rootPage, source.layer());
    }
}
