package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;

import java.nio.file.Path;
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
 * of every key the package names and, in the same scan, the fingerprint of that row (the precondition). Two ways:
 * <ul>
 * <li>{@link #start}: on read-only connections to the national file as it is before any change, while the national
 * file is being copied (the copy has the same row ids);</li>
 * <li>{@link #startLocked}: for an in-place apply, by the pure-Java reader on a view of the national file that the
 * caller opened before taking the write lock and closes after releasing it (closing a descriptor drops the
 * process's POSIX locks), under the apply transaction's RESERVED lock and before its first write: the file then
 * holds exactly the state the transaction starts from. A layer the reader cannot read is looked up by SQL on the
 * apply connection itself, on the calling thread, when {@link #get} asks for it.</li>
 * </ul>
 * A layer whose key column is indexed needs no scan ({@link #get} gives null: keys are looked up one by one).
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
     * Starts the lookup of {@code keys.get(layer)} in each layer of {@code schemas} named in {@code keys}, each on its
     * own read-only connection; {@code geometries}: keep each found row's geometry (for a territory check).
     */
    static KeyLookups start(Path national, Map<String, Schema> schemas, String keyColumn, Map<String, Set<String>> keys, boolean geometries,
                            Phases phases) {
        KeyLookups l = new KeyLookups(keys.size(), phases);
        for (Map.Entry<String, Set<String>> e : keys.entrySet()) {
            Schema schema = schemas.get(e.getKey());
            l.futures.put(e.getKey(), l.pool.submit(() -> {
                try (GpkgDataset ds = GpkgDataset.open(national)) {
                    return NationalLayer.lookup(ds.connection(), national, schema, keyColumn, e.getValue(), geometries);
                } catch (SQLException ex) {
                    throw BdfsyncException.invalid(national, e.getKey(), null, "cannot look up keys: " + ex.getMessage(), ex);
                }
            }));
        }
        return l;
    }

    /**
     * Starts the lookups of an in-place apply: {@code c} is the apply connection, inside its write transaction (RESERVED
     * lock held, nothing written yet), {@code file} a view of the same file; table descriptions are read on {@code c}
     * here, the scans run on the pool, the SQL fallbacks later on the caller's thread.
     */
    static KeyLookups startLocked(Connection c, SqliteFile file, Map<String, Schema> schemas, String keyColumn, Map<String, Set<String>> keys,
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
