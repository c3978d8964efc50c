package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;
import fr.bdfsync.core.io.sqlite.TableCursor;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One pass over a layer's key column: its row count, whether a row lacks a key (null or blank), and the fid of
 * each wanted key. Read with the pure-Java SQLite reader ({@code io.sqlite}: no JNI call per row, no memory map);
 * by SQL when that reader cannot read the table (WAL mode, UTF-16 text...). In a GeoPackage the key column usually
 * follows the geometry, so reaching it reads every row in full: a key-column scan costs a read of the table.
 */
final class KeyScan {
    /** @param fids fid of each wanted key present (keys trimmed) */
    record Result(long rows, boolean keyless, Map<String, Long> fids) {
    }

    private KeyScan() {
    }

    static Result scan(GpkgDataset ds, String layer, String keyColumn, Set<String> wanted) {
        SqliteTable.Description d = SqliteTable.describe(ds.connection(), ds.path(), layer);
        int k = d.table() == null || !rowidIsPrimaryKey(d.table(), ds.schema(layer)) ? -1 : d.table().index(keyColumn);
        if (k >= 0) {
            try (SqliteFile file = SqliteFile.open(ds.path())) {
                if (d.table().unsupportedIn(file) == null) return scan(ds, layer, d.table(), file, k, wanted);
            } catch (SqliteTable.Unsupported e) {
                // a record the reader does not decode: SQL below
            }
        }
        RowFetch rows = new RowFetch(ds, layer);
        Schema s = ds.schema(layer);
        String key = s.fields().get(s.indexOfIgnoreCase(keyColumn)).name();
        return new Result(ds.count(layer), !rows.withoutKey(key).isEmpty(), rows.fidsOf(key, wanted));
    }

    /** The number of rows of a layer (one pass of the pure-Java reader, else SQL's count). */
    static long count(GpkgDataset ds, String layer) {
        SqliteTable.Description d = SqliteTable.describe(ds.connection(), ds.path(), layer);
        if (d.table() != null) {
            try (SqliteFile file = SqliteFile.open(ds.path())) {
                if (d.table().unsupportedIn(file) == null) {
                    TableCursor c = d.table().cursor(file);
                    long n = 0;
                    while (c.next()) n++;
                    return n;
                }
            }
        }
        return ds.count(layer);
    }

    /** Whether fids (the layer's primary key, as the other reads use them) are the table's rowids. */
    private static boolean rowidIsPrimaryKey(SqliteTable t, Schema s) {
        return s.primaryKey() == null || t.rowidAlias() >= 0 && t.columns().get(t.rowidAlias()).name().equalsIgnoreCase(s.primaryKey());
    }

    private static Result scan(GpkgDataset ds, String layer, SqliteTable t, SqliteFile file, int k, Set<String> wanted) {
        TableCursor c = t.cursor(file);
        Record r = new Record();
        long n = 0;
        boolean keyless = false;
        Map<String, Long> fids = new HashMap<>();
        while (c.next()) {
            n++;
            if (!r.parse(c.payload(), c.payloadLength())) {
                throw BdfsyncException.invalid(ds.path(), layer, "fid " + c.rowid(), "corrupt record on database page " + c.page());
            }
            Object v = t.value(r, k, c.rowid());
            String key = v == null ? null : (v instanceof byte[] ? new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8) : v.toString()).trim();
            if (key == null || key.isEmpty()) keyless = true;
            else if (!wanted.isEmpty() && wanted.contains(key)) fids.put(key, c.rowid());
        }
        return new Result(n, keyless, fids);
    }
}
