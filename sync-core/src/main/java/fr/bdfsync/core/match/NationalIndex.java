package fr.bdfsync.core.match;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First pass over the national layer: a JTS {@link STRtree} of envelopes (read from the GeoPackage blob headers,
 * so no geometry is parsed) holding the feature's position; the key and fid of every feature; the fingerprints of
 * the features earlier links refer to. Memory: one envelope, one fid and one key per national feature.
 */
final class NationalIndex {
    final STRtree tree = new STRtree();
    final Envelope extent = new Envelope();
    final Map<String, String> fingerprints = new HashMap<>();
    final Map<String, Integer> positionOfKey = new HashMap<>();
    long[] fids = new long[1024];
    String[] keys = new String[1024];
    int size;
    final int keyIndex;

    private NationalIndex(int keyIndex) {
        this.keyIndex = keyIndex;
    }

    static NationalIndex build(Dataset national, String layer, String keyColumn, Set<String> fingerprintKeys, FeatureFingerprint fp) {
        Schema schema = national.schema(layer);
        int k = keyIndex(national, schema, keyColumn);
        NationalIndex idx = new NationalIndex(k);
        try (FeatureCursor c = national.read(layer)) {
            while (c.hasNext()) {
                Feature f = c.next();
                if (f.geometry() == null) continue;
                Object key = f.value(k);
                if (key == null) throw BdfsyncException.schema(national.path(), layer, "feature fid " + f.fid() + " has a null key in '" + schema.fields().get(k).name() + "'");
                Envelope e;
                try {
                    e = f.geometry().envelope();
                } catch (IllegalArgumentException ex) {
                    throw BdfsyncException.invalid(national.path(), layer, "fid " + f.fid(), ex.getMessage(), ex);
                }
                if (e.isNull()) continue;
                idx.add(f.fid(), key.toString(), e);
                if (fingerprintKeys.contains(key.toString())) idx.fingerprints.put(key.toString(), fp.of(f));
            }
        }
        idx.tree.build();
        return idx;
    }

    private void add(long fid, String key, Envelope e) {
        if (size == fids.length) {
            fids = java.util.Arrays.copyOf(fids, size * 2);
            keys = java.util.Arrays.copyOf(keys, size * 2);
        }
        fids[size] = fid;
        keys[size] = key;
        positionOfKey.put(key, size);
        tree.insert(e, size);
        extent.expandToInclude(e);
        size++;
    }

    @SuppressWarnings("unchecked")
    List<Integer> query(Envelope e) {
        return tree.query(e);
    }

    boolean hasKey(String key) {
        return positionOfKey.containsKey(key);
    }

    static int keyIndex(Dataset ds, Schema schema, String keyColumn) {
        if (keyColumn != null) {
            int i = schema.indexOfIgnoreCase(keyColumn);
            if (i < 0) throw BdfsyncException.schema(ds.path(), schema.layer(), "no key column '" + keyColumn + "'");
            return i;
        }
        for (String name : List.of("cleabs", "ID")) {
            int i = schema.indexOfIgnoreCase(name);
            if (i >= 0) return i;
        }
        throw BdfsyncException.schema(ds.path(), schema.layer(), "no key column (looked for 'cleabs' and 'ID'; name one with --national-key)");
    }
}
