package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The key lookups of apply ({@link NationalLayer#lookup}), one per layer, started on their own threads and
 * read-only connections to the national file as it is before any change, so that they run while the national
 * file is being copied (the copy has the same row ids). A layer whose key column is indexed needs none.
 */
final class KeyLookups implements AutoCloseable {
    private final ExecutorService pool;
    private final Map<String, Future<Map<String, Long>>> futures = new HashMap<>();
    private final Phases phases;

    private KeyLookups(ExecutorService pool, Phases phases) {
        this.pool = pool;
        this.phases = phases;
    }

    /** Starts the lookup of {@code keys.get(layer)} in each layer of {@code schemas} named in {@code keys}. */
    static KeyLookups start(Path national, Map<String, Schema> schemas, String keyColumn, Map<String, Set<String>> keys, Phases phases) {
        int threads = Math.max(1, Math.min(keys.size(), Runtime.getRuntime().availableProcessors()));
        KeyLookups l = new KeyLookups(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bdfsync-key-lookup");
            t.setDaemon(true);
            return t;
        }), phases);
        for (Map.Entry<String, Set<String>> e : keys.entrySet()) {
            Schema schema = schemas.get(e.getKey());
            l.futures.put(e.getKey(), l.pool.submit(() -> {
                try (GpkgDataset ds = GpkgDataset.open(national)) {
                    return NationalLayer.lookup(ds.connection(), national, schema, keyColumn, e.getValue());
                } catch (SQLException ex) {
                    throw BdfsyncException.invalid(national, e.getKey(), null, "cannot look up keys: " + ex.getMessage(), ex);
                }
            }));
        }
        return l;
    }

    /** The row ids by key of a layer (null when its key column is indexed), waiting for the lookup to end. */
    Map<String, Long> get(String layer) {
        long t = System.nanoTime();
        try {
            return Futures.get(futures.get(layer), "looking up keys");
        } finally {
            phases.add("wait for key lookups", t);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
