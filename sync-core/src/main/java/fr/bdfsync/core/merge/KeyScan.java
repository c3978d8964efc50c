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

    /**
     * A pass begun by {@link #start}: on a thread of its own when the pure-Java reader can read the table (it then uses
     * no JDBC connection, so the caller may go on reading the same file meanwhile), else run by {@link #join}.
     */
    static final class Pending {
        private final GpkgDataset ds;
        private final String layer, keyColumn;
        private final Set<String> wanted;
        private final java.util.concurrent.FutureTask<Result> task;

        private Pending(GpkgDataset ds, String layer, String keyColumn, Set<String> wanted, java.util.concurrent.FutureTask<Result> task) {
            this.ds = ds;
            this.layer = layer;
            this.keyColumn = keyColumn;
            this.wanted = wanted;
            this.task = task;
        }

        /** The pass's result (what {@link #scan} gives); its failure is thrown here. */
        Result join() {
            if (task == null) return scan(ds, layer, keyColumn, wanted);
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SqliteTable.Unsupported) return scan(ds, layer, keyColumn, wanted); // by SQL, as scan would
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error r) throw r;
                throw new IllegalStateException(e.getCause());
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }

    /** Begins {@link #scan}: the table is described here, by the caller's connection; the pass itself runs on a thread of its own when it can. */
    static Pending start(GpkgDataset ds, String layer, String keyColumn, Set<String> wanted) {
        SqliteTable.Description d = SqliteTable.describe(ds.connection(), ds.path(), layer);
        int k = d.table() == null || !rowidIsPrimaryKey(d.table(), ds.schema(layer)) ? -1 : d.table().index(keyColumn);
        if (k < 0) return new Pending(ds, layer, keyColumn, wanted, null);
        SqliteFile file = SqliteFile.open(ds.path());
        if (d.table().unsupportedIn(file) != null) {
            file.close();
            return new Pending(ds, layer, keyColumn, wanted, null);
        }
        java.util.concurrent.FutureTask<Result> task = new java.util.concurrent.FutureTask<>(() -> {
            try (file) {
                return scan(ds, layer, d.table(), file, k, wanted);
            }
        });
        Thread t = new Thread(task, "bdfsync-key-pass");
        t.setDaemon(true);
        t.start();
        return new Pending(ds, layer, keyColumn, wanted, task);
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
