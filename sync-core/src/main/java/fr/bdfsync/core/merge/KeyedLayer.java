package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of one side, keyed: features by key value (in read order), plus the features without a key
 * (local creations not yet attached). A duplicate key is refused (which file, layer, key).
 */
public record KeyedLayer(Path source, Schema schema, int keyIndex, Map<String, Feature> byKey, List<Feature> keyless) {

    public static KeyedLayer read(Dataset ds, String layer, String keyColumn, String keyColumnLocalName, boolean allowKeyless) {
        Schema s = ds.schema(layer);
        int k = s.indexOfIgnoreCase(keyColumnLocalName);
        if (k < 0) {
            throw BdfsyncException.schema(ds.path(), layer, "no key column '" + keyColumnLocalName + "'"
                    + (keyColumnLocalName.equals(keyColumn) ? "" : " (mapped to '" + keyColumn + "')") + "; name it in the job's \"mapping\"");
        }
        Map<String, Feature> byKey = new LinkedHashMap<>();
        List<Feature> keyless = new ArrayList<>();
        try (FeatureCursor c = ds.read(layer)) {
            while (c.hasNext()) {
                Feature f = c.next();
                Object v = f.value(k);
                String key = v == null ? null : v.toString().trim();
                if (key == null || key.isEmpty()) {
                    if (!allowKeyless) throw BdfsyncException.schema(ds.path(), layer, "feature fid " + f.fid() + " has no " + keyColumnLocalName);
                    keyless.add(f);
                } else if (byKey.putIfAbsent(key, f) != null) {
                    throw BdfsyncException.schema(ds.path(), layer, "duplicate " + keyColumnLocalName + " '" + key + "' (fids "
                            + byKey.get(key).fid() + " and " + f.fid() + ")");
                }
            }
        }
        return new KeyedLayer(ds.path(), s, k, Collections.unmodifiableMap(byKey), List.copyOf(keyless));
    }

    public Feature get(String key) {
        return key == null ? null : byKey.get(key);
    }
}
