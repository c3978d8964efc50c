package fr.bdfsync.core.pkg;

import fr.bdfsync.core.Phases;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The key lookups of apply ({@link NationalLayer#lookup}), one per layer on its own thread, each giving the row id
 * of every key the package names and, in the same scan, the fingerprint of that row (the precondition): by the
 * pure-Java reader on one view of the national file that the caller opened before taking its lock and closes after
 * releasing it (closing a descriptor drops the process's POSIX locks), under that lock, so every lookup sees the one
 * state of the file the apply starts from: to a new file, the read snapshot ({@link NationalSnapshot}) under which the
 * file is also copied (the copy has the same row ids); in place, the apply transaction's RESERVED lock before its
 * first write. A layer the reader cannot read is looked up by SQL on the caller's connection, on the calling thread,
 * when {@link #get} asks for it. A layer whose key column is indexed needs no scan ({@link #get} gives null: keys are
 * looked up one by one).
 */
final class KeyLookups implements AutoCloseable {
    private final ExecutorService pool;
    private final Map<String, Future<Map<String, NationalLayer.Found>>> futures = new HashMap<>();
    private final Map<String, Callable<Map<String, NationalLayer.Found>>> sqlFallbacks = new HashMap<>();
    private final Phases phases;

    private KeyLookups(int layers, Phases phases) {
        int threads = Math.max(1, Math.min(layers, Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bdfsync-key-lookup");
            t.setDaemon(true);
            return t;
        });
        this.phases = phases;
    }

    /**
     * Starts the lookups under a lock the caller holds on the national file: {@code c} is a connection to it inside a
     * transaction (a read transaction of a {@link NationalSnapshot}, or the in-place apply's write transaction before
     * its first write), {@code file} a view of the same file opened before the lock and closed after it ends; table
     * descriptions are read on {@code c} here, the scans run on the pool through {@code file}, the SQL fallbacks later
     * on {@code c}, on the thread that calls {@link #get}.
     */
    static KeyLookups start(Connection c, SqliteFile file, Map<String, Schema> schemas, String keyColumn, Map<String, Set<String>> keys,
                                  boolean geometries, Phases phases) throws SQLException {
        KeyLookups l = new KeyLookups(keys.size(), phases);
        for (Map.Entry<String, Set<String>> e : keys.entrySet()) {
            Schema schema = schemas.get(e.getKey());
            Callable<Map<String, NationalLayer.Found>> bySql = () -> NationalLayer.lookupSql(c, schema, keyColumn, e.getValue());
            if (NationalLayer.hasKeyIndex(c, schema, keyColumn)) {
                l.sqlFallbacks.put(e.getKey(), () -> null);
                continue;
            }
            SqliteTable.Description d = SqliteTable.describe(c, file.path(), schema.layer());
            if (d.table() == null || d.table().unsupportedIn(file) != null) {
                l.sqlFallbacks.put(e.getKey(), bySql);
                continue;
            }
            l.futures.put(e.getKey(), l.pool.submit(() -> NativeNationalScan.keys(d.table(), file, schema, keyColumn, e.getValue(), geometries)));
            l.sqlFallbacks.put(e.getKey(), bySql); // used when the scan gives up (returns null)
        }
        return l;
    }

    /** The rows by key of a layer (null when its key column is indexed), waiting for the lookup to end. */
    Map<String, NationalLayer.Found> get(String layer) throws SQLException {
        long t = System.nanoTime();
        try {
            Future<Map<String, NationalLayer.Found>> f = futures.get(layer);
            Map<String, NationalLayer.Found> read = f == null ? null : Futures.get(f, "looking up keys");
            if (read != null || !sqlFallbacks.containsKey(layer)) return read;
            return sqlFallbacks.get(layer).call();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        } finally {
            phases.add("wait for key lookups", t);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
