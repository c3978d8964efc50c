package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;
import fr.bdfsync.core.io.sqlite.TableCursor;

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
 * <p>{@link #open} describes the table with {@link SqliteTable} and returns a reason instead when the file or table is outside what the reader supports: WAL mode,
 * UTF-16 text, a WITHOUT ROWID table, hidden or generated columns, an integer primary key that is not the rowid.
 */
record NativeSide(LayerSource source, SqliteFile file, long rootPage, int keyIndex, List<String> layout, Map<String, Integer> columnIndex,
                  int geometryIndex) {

    /** The outcome of {@link #open}: a side, or why the table must be read by SQL. */
    record Opening(NativeSide side, String unsupported) {
    }

    static Opening open(LayerSource src, ReadSnapshot snapshot) {
        SqliteTable.Description d = SqliteTable.describe(src.dataset().connection(), src.dataset().path(), src.layer());
        if (d.table() == null) return no(d.unsupported());
        SqliteTable t = d.table();
        Map<String, String> mapped = new HashMap<>();
        for (Map.Entry<String, Field> e : src.columns().entrySet()) mapped.put(e.getValue().name().toLowerCase(Locale.ROOT), e.getKey());
        String geom = src.schema().hasGeometry() ? src.schema().geometryColumn().toLowerCase(Locale.ROOT) : null;
        String keySource = src.keySourceColumn().toLowerCase(Locale.ROOT);
        String pk = src.schema().primaryKey() == null ? null : src.schema().primaryKey().toLowerCase(Locale.ROOT);
        if (pk != null && (t.rowidAlias() < 0 || !t.columns().get(t.rowidAlias()).name().equalsIgnoreCase(pk))) {
            return no("a primary key that is not the rowid");
        }
        List<String> layout = new ArrayList<>();
        Map<String, Integer> columnIndex = new HashMap<>();
        int keyIndex = -2, geometryIndex = -1;
        for (int cid = 0; cid < t.columns().size(); cid++) {
            SqliteTable.Column col = t.columns().get(cid);
            String name = col.name().toLowerCase(Locale.ROOT);
            String role = name.equals(pk) ? "<pk>" : name.equals(geom) ? "<geometry>" : mapped.getOrDefault(name, name);
            if (name.equals(keySource)) keyIndex = name.equals(pk) ? -1 : cid;
            if (name.equals(geom)) geometryIndex = cid;
            else if (mapped.containsKey(name)) columnIndex.put(mapped.get(name), cid);
            layout.add(role + "|" + col.declaredType() + "|" + (cid == t.rowidAlias() ? 1 : 0) + "|" + col.defaultValue());
        }
        if (keyIndex == -2) return no("key column not found in the table");
        if (columnIndex.size() != src.columns().size() || src.schema().hasGeometry() && geometryIndex < 0) return no("columns not found in the table");
        SqliteFile file = snapshot.file(src.dataset());
        String unsupported = t.unsupportedIn(file);
        if (unsupported != null) return no(unsupported);
        return new Opening(new NativeSide(src, file, t.rootPage(), keyIndex, List.copyOf(layout), Map.copyOf(columnIndex), geometryIndex), null);
    }

    private static Opening no(String why) {
        return new Opening(null, why);
    }

    TableCursor cursor() {
        return file.table(rootPage, source.layer());
    }
}
