package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.detect.LayerState;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.FeatureCursor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The materialised merge of every layer, as the detectors and the writers read it. */
final class MergedView {
    private final Map<String, LayerMerge> merges;
    private final SyncRunner.Sources src;
    private final GpkgDataset national;
    private final GpkgDataset local;
    private final GpkgDataset ancestor;
    private final SyncJob job;

    MergedView(Map<String, LayerMerge> merges, SyncRunner.Sources src, SyncJob job) {
        this.merges = merges;
        this.src = src;
        this.national = src.national();
        this.local = src.local();
        this.ancestor = src.ancestor();
        this.job = job;
    }

    boolean has(String layer) {
        return merges.containsKey(layer);
    }

    /** The merged features of a layer by key, in output order: local order, then national creations. */
    static Map<String, Feature> merged(LayerMerge m) {
        Map<String, Feature> out = new LinkedHashMap<>();
        for (Map.Entry<String, Feature> e : m.local().byKey().entrySet()) {
            FeatureMerge fm = m.merges().get(e.getKey());
            if (fm == null) out.put(e.getKey(), e.getValue());
            else if (fm.present()) out.put(e.getKey(), fm.toFeature());
        }
        for (Feature f : m.local().keyless()) {
            FeatureMerge fm = m.merges().get("fid:" + f.fid());
            if (fm == null || fm.present()) out.put("fid:" + f.fid(), fm == null ? f : fm.toFeature());
        }
        for (FeatureMerge fm : m.merges().values()) {
            if (fm.local() == null && fm.present()) out.put(fm.key(), fm.toFeature());
        }
        return out;
    }

    LayerState state(String layer) {
        LayerMerge m = merges.get(layer);
        Map<String, Integer> idx = new HashMap<>();
        LayerAlignment al = m.alignment();
        for (int i = 0; i < al.size(); i++) idx.put(al.names().get(i), al.local()[i]);
        idx.put(job.key(), al.localKey());
        Map<String, Feature> anc = m.ancestor() == null ? null : m.ancestor().byKey();
        Map<String, Integer> ancIdx = m.ancestor() == null ? null : m.ancestor().schema().fieldIndex();
        return new LayerState(layer, merged(m), idx, anc, ancIdx, new HashSet<>(m.merges().keySet()));
    }

    /** Keys of a layer after the merge: the merged layer when synced, else the national layer, else null. */
    Set<String> keysNow(String layer) {
        LayerMerge lm = merges.get(layer);
        if (lm != null && lm.ancestor() != null) {
            // delta path: the merged layer holds only what changed; start from every local key
            Set<String> keys = ContextFetch.keys(local, layer, lm.local().schema().fields().get(lm.alignment().localKey()).name());
            for (FeatureMerge fm : lm.merges().values()) {
                if (fm.present()) keys.add(fm.key());
                else keys.remove(fm.key());
            }
            return keys;
        }
        if (lm != null) return merged(lm).keySet();
        if (!national.layerNames().contains(layer)) return null;
        Set<String> keys = new HashSet<>();
        int k = national.schema(layer).indexOfIgnoreCase(job.key());
        if (k < 0) return null;
        try (FeatureCursor c = national.read(layer)) {
            while (c.hasNext()) {
                Object v = c.next().value(k);
                if (v != null) keys.add(v.toString());
            }
        }
        Differential.Overlay o = src.nationalOverlay(layer, job.key());
        keys.removeAll(o.deletes());
        keys.addAll(o.upserts().keySet());
        return keys;
    }

    /** Keys of a synced layer in the ancestor, or null when unknown. */
    Set<String> keysBefore(String layer) {
        LayerMerge m = merges.get(layer);
        if (m == null || m.ancestor() == null || ancestor == null) return null;
        Set<String> keys = ContextFetch.keys(ancestor, layer, job.key());
        keys.removeAll(src.ancestorOverlay(layer, job.key()).deletes());
        keys.addAll(m.ancestor().byKey().keySet());
        return keys;
    }
}
