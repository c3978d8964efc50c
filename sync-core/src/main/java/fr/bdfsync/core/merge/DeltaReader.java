package fr.bdfsync.core.merge;

import fr.bdfsync.core.diff.AttributeMapping;
import fr.bdfsync.core.diff.DiffEngine;
import fr.bdfsync.core.diff.DiffSettings;
import fr.bdfsync.core.diff.FeatureChange;
import fr.bdfsync.core.diff.LayerDiff;
import fr.bdfsync.core.diff.Operation;
import fr.bdfsync.core.diff.LayerDiffSettings;
import fr.bdfsync.core.diff.Row;
import fr.bdfsync.core.diff.ThreeWayFeature;
import fr.bdfsync.core.diff.ThreeWayLayer;
import fr.bdfsync.core.diff.ThreeWayClass;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The delta path: instead of holding three whole layers, the diff engine's streaming three-way scan (key →
 * hashes, in parallel per file) finds the keys changed on either side, and only those objects are read in
 * full: the ancestor and national versions come from the diff's rows, the local ones are fetched by fid (so
 * local-only attributes come along). Memory is then the diff's key tables plus the changed objects.
 * The restricted layers go through the same {@link LayerMerger}.
 */
final class DeltaReader {
    /**
     * The three restricted layers of one synced layer, with the diff's verdict on the geometry of each
     * changed key ({@code geometry}: {@link ThreeWayClass} by key, so the merge does not compare the same
     * geometries again; keys whose ancestor the sync state overrides are left out).
     */
    record Restricted(KeyedLayer ancestor, KeyedLayer national, KeyedLayer local, long unchanged, Map<String, ThreeWayClass> geometry) {
        Restricted(KeyedLayer ancestor, KeyedLayer national, KeyedLayer local, long unchanged) {
            this(ancestor, national, local, unchanged, Map.of());
        }
    }

    private final SyncJob job;

    DeltaReader(SyncJob job) {
        this.job = job;
    }

    static DiffEngine engine(SyncJob job) {
        double tol = job.tolerances().geometry();
        AttributeMapping mapping = new AttributeMapping(Map.of(), job.mapping(), Map.of());
        return new DiffEngine(DiffSettings.uniform(new LayerDiffSettings(job.key(), tol, tol, false)), mapping, 2);
    }

    /**
     * @param overrides ancestor versions that replace the edition's for some keys (null value: no ancestor), from the sync state
     * @param ancestorOverlay  a Différentiel applied to the ancestor file (from the sync state), or {@link Differential.Overlay#NONE}
     * @param nationalOverlay  the job's Différentiel applied to the national edition, or {@link Differential.Overlay#NONE}
     * @param effect           receives what the national overlay did (objects added, removed, deletions of unknown keys)
     */
    Read read(DiffEngine engine, GpkgDataset a, GpkgDataset n, GpkgDataset l, String layer, String localKeyColumn,
              Map<String, Feature> overrides, Differential.Overlay ancestorOverlay, Differential.Overlay nationalOverlay,
              Differential.Effect effect) {
        ThreeWayLayer t = engine.threeWay(a, n, l, layer);
        Schema as = a.schema(layer), ns = n.schema(layer);
        int cap = t.features().size() * 4 / 3 + 16; // sized once: the maps hold up to every changed key
        Map<String, Feature> anc = new LinkedHashMap<>(cap);
        Map<String, Feature> nat = new LinkedHashMap<>(cap);
        Map<String, Long> localFids = new HashMap<>(cap);
        Map<String, ThreeWayClass> geometry = new HashMap<>(cap);
        Set<String> localUnknownFid = new HashSet<>();
        int[] natToAnc = fieldMap(ns, as);
        Map<String, int[]> an = fieldsByLowerName(as), nn = fieldsByLowerName(ns);
        for (ThreeWayFeature f : t.features()) {
            FeatureChange nc = f.national(), lc = f.local();
            Row ancRow = nc != null ? nc.before() : lc.before();
            Row natRow = nc != null ? nc.after() : ancRow;
            if (ancRow != null) anc.put(f.key(), feature(ancRow, an, as.fields().size()));
            if (natRow != null) nat.put(f.key(), share(feature(natRow, nn, ns.fields().size()), natToAnc, anc.get(f.key())));
            geometry.put(f.key(), f.geometry());
            if (lc != null) {
                if (lc.after() != null) localFids.put(f.key(), lc.after().fid());
            } else if (ancRow != null) {
                localUnknownFid.add(f.key());
            }
        }
        long unchanged = t.unchanged();
        long nationalRows = rows(t.national());
        t = null; // the diff's rows (their values, the local versions' geometries) are garbage from here: the local rows are read below
        // one pass over the local key column, before anything else has an effect: the rows without a key (then the
        // layer is merged in memory: null returned), and the fids of the keys whose local row the diff did not read
        // (changed nationally only, or named by an overlay or the sync state)
        Set<String> wanted = new HashSet<>(localUnknownFid);
        if (!ancestorOverlay.isEmpty() || !nationalOverlay.isEmpty()) {
            for (String k : ancestorOverlay.keys()) if (!localFids.containsKey(k)) wanted.add(k);
            for (String k : nationalOverlay.keys()) if (!localFids.containsKey(k)) wanted.add(k);
        }
        if (overrides != null) for (String k : overrides.keySet()) if (!localFids.containsKey(k)) wanted.add(k);
        // the pass on its own thread while the local rows of the keys the diff did read (changed locally) are fetched,
        // and with them, in the same fid-ordered read, those of the keys changed nationally only at their ancestor's fid:
        // where the local file kept the ancestor's numbering (a local edit mostly does), that is their row, which the
        // pass would otherwise send for afterwards. A row read there is kept only when its key is the one it was read
        // for; the pass still decides every fid (a key it places elsewhere is read there below), so the rows kept are
        // the same, only read earlier
        KeyScan.Pending pass = KeyScan.start(l, layer, localKeyColumn, wanted);
        RowFetch lf = new RowFetch(l, layer);
        Schema ls = l.schema(layer);
        int lk = ls.indexOfIgnoreCase(localKeyColumn);
        Set<Long> changedLocally = new HashSet<>(localFids.values());
        Map<Long, String> guessed = new HashMap<>();
        for (String k : localUnknownFid) {
            Feature af = anc.get(k);
            if (af != null && !changedLocally.contains(af.fid())) guessed.putIfAbsent(af.fid(), k);
        }
        List<Long> first = new ArrayList<>(changedLocally.size() + guessed.size());
        first.addAll(localFids.values());
        first.addAll(guessed.keySet());
        Map<Long, Feature> localRows = new HashMap<>();
        for (Feature f : lf.byFid(first)) {
            String k = guessed.get(f.fid());
            if (k == null || k.equals(keyText(f.value(lk)))) localRows.put(f.fid(), f);
        }
        KeyScan.Result localKeys = pass.join();
        if (localKeys.keyless()) return null;
        applyOverlays(a, layer, as, ns, anc, nat, geometry, localFids, localUnknownFid, ancestorOverlay, nationalOverlay, effect);
        Set<String> extra = new HashSet<>();
        if (overrides != null) {
            for (Map.Entry<String, Feature> o : overrides.entrySet()) {
                geometry.remove(o.getKey());
                if (o.getValue() == null) anc.remove(o.getKey());
                else anc.put(o.getKey(), rename(o.getValue(), ns, as));
                if (!nat.containsKey(o.getKey()) && !nationalOverlay.deletes().contains(o.getKey())) extra.add(o.getKey());
                if (!localFids.containsKey(o.getKey())) localUnknownFid.add(o.getKey());
            }
        }
        if (!extra.isEmpty()) {
            RowFetch nf = new RowFetch(n, layer);
            int k = ns.indexOfIgnoreCase(job.key());
            for (Feature f : nf.byFid(nf.fidsOf(ns.fields().get(k).name(), extra).values())) nat.put(String.valueOf(f.value(k)).trim(), f);
        }
        localFids.putAll(localKeys.fids());
        Map<Long, String> keyOfFid = new HashMap<>();
        localFids.forEach((key, fid) -> keyOfFid.put(fid, key));
        // the other rows now; then all of them in the order one read of every fid would give (RowFetch.inReadOrder)
        List<Long> rest = new ArrayList<>();
        for (Long fid : keyOfFid.keySet()) if (!localRows.containsKey(fid)) rest.add(fid);
        for (Feature f : lf.byFid(rest)) localRows.put(f.fid(), f);
        Map<String, Feature> loc = new LinkedHashMap<>();
        int[] locToAnc = fieldMap(ls, as);
        RowFetch.inReadOrder(keyOfFid.keySet(), fid -> {
            Feature f = localRows.get(fid);
            if (f == null) return;
            String key = keyOfFid.get(fid);
            loc.put(key, share(f, locToAnc, anc.get(key)));
        });
        // the delta path is taken only when no local row lacks a key (the pass above said so): none here
        List<Feature> keyless = List.of();
        int ak = as.indexOfIgnoreCase(job.key()), nk = ns.indexOfIgnoreCase(job.key());
        return new Read(new Restricted(new KeyedLayer(a.path(), as, ak, Collections.unmodifiableMap(anc), List.of()),
                new KeyedLayer(n.path(), ns, nk, Collections.unmodifiableMap(nat), List.of()),
                new KeyedLayer(l.path(), ls, lk, Collections.unmodifiableMap(loc), keyless), unchanged, geometry), localKeys.rows(), nationalRows);
    }

    /**
     * What {@link #read} gives: the restricted layers, the local file's row count (from its key pass) and the national
     * file's ({@link #rows(LayerDiff)}).
     */
    record Read(Restricted restricted, long localRows, long nationalRows) {
    }

    /**
     * The rows of a change set's second file: every row of it is unchanged from the first file's (counted in
     * {@code unchanged}, those equal within the tolerance included), changed, or inserted; only deletions name no row
     * of it. Exact because the diff refuses rows without a key and repeated keys (the file's rows are its keys).
     */
    static long rows(LayerDiff d) {
        long n = d.unchanged();
        for (FeatureChange c : d.changes()) if (c.operation() != Operation.DELETE) n++;
        return n;
    }

    /**
     * The Différentiels, as overlays by key: the diff compared the ancestor file, the edition and the local
     * file; a key an overlay changes gets its effective ancestor (file + ancestor overlay) and national
     * (edition + national overlay) versions here, and its local version fetched, and the diff's geometry
     * verdict on it is dropped. A key the diff did not report is the same in the three files: its edition
     * version is the ancestor file's, fetched by key (one scan of the key column, then by fid).
     */
    private void applyOverlays(GpkgDataset a, String layer, Schema as, Schema ns, Map<String, Feature> anc, Map<String, Feature> nat,
                               Map<String, ThreeWayClass> geometry, Map<String, Long> localFids, Set<String> localUnknownFid,
                               Differential.Overlay ancestorOverlay, Differential.Overlay nationalOverlay, Differential.Effect effect) {
        if (ancestorOverlay.isEmpty() && nationalOverlay.isEmpty()) return;
        Set<String> keys = new HashSet<>(ancestorOverlay.keys());
        keys.addAll(nationalOverlay.keys());
        Set<String> unreported = new HashSet<>();
        for (String k : keys) if (!geometry.containsKey(k)) unreported.add(k);
        if (!unreported.isEmpty()) {
            RowFetch af = new RowFetch(a, layer);
            int k = as.indexOfIgnoreCase(job.key());
            for (Feature f : af.byFid(af.fidsOf(as.fields().get(k).name(), unreported).values())) {
                String key = String.valueOf(f.value(k)).trim();
                anc.put(key, f);
                nat.put(key, rename(f, as, ns));
            }
        }
        ancestorOverlay.deletes().forEach(anc::remove);
        anc.putAll(ancestorOverlay.upserts());
        effect.apply(layer, nationalOverlay, nat);
        for (String k : keys) {
            geometry.remove(k);
            if (!localFids.containsKey(k)) localUnknownFid.add(k);
        }
    }

    /**
     * {@code f} holding the ancestor's geometry value when its stored bytes are the same: most changed objects
     * moved on one side at most, and their other versions then share one copy of the bytes instead of three.
     */
    private static Feature shareGeometry(Feature f, Feature ancestor) {
        if (ancestor == null || f.geometry() == null || ancestor.geometry() == null || f.geometry() == ancestor.geometry()) return f;
        return f.geometry().sameWkb(ancestor.geometry()) ? new Feature(f.fid(), f.values(), ancestor.geometry()) : f;
    }

    /**
     * {@code f} sharing the ancestor's objects where they are equal: its geometry ({@link #shareGeometry}) and each
     * attribute value equal to the ancestor's (same class, {@code equals}; blobs by bytes), set in {@code f}'s own
     * value array, which nothing else holds yet. Most changed objects changed one or two attributes on one side: the
     * other versions then hold the ancestor's strings instead of copies of them.
     * @param toAncestor for each of {@code f}'s fields, the index of the same name in the ancestor's schema, or -1
     */
    static Feature share(Feature f, int[] toAncestor, Feature ancestor) {
        if (ancestor == null) return f;
        Object[] v = f.values();
        for (int i = 0; i < v.length; i++) {
            int j = toAncestor[i];
            if (j < 0 || v[i] == null) continue;
            Object a = ancestor.value(j);
            if (a == null || a == v[i] || a.getClass() != v[i].getClass()) continue;
            if (a instanceof byte[] ? java.util.Arrays.equals((byte[]) a, (byte[]) v[i]) : a.equals(v[i])) v[i] = a;
        }
        return shareGeometry(f, ancestor);
    }

    /** For each field of {@code from}, the index of the field of the same name (ignoring case) in {@code to}, or -1. */
    static int[] fieldMap(Schema from, Schema to) {
        int[] m = new int[from.fields().size()];
        for (int i = 0; i < m.length; i++) m[i] = to.indexOfIgnoreCase(from.fields().get(i).name());
        return m;
    }

    /** A whole ancestor layer with the sync state's overrides applied. */
    static KeyedLayer withOverrides(KeyedLayer anc, Map<String, Feature> overrides, Schema nationalSchema) {
        if (overrides == null || overrides.isEmpty()) return anc;
        Map<String, Feature> m = new LinkedHashMap<>(anc.byKey());
        overrides.forEach((k, f) -> {
            if (f == null) m.remove(k);
            else m.put(k, rename(f, nationalSchema, anc.schema()));
        });
        return new KeyedLayer(anc.source(), anc.schema(), anc.keyIndex(), Collections.unmodifiableMap(m), anc.keyless());
    }

    /** A feature of one schema in another, by attribute name. */
    private static Feature rename(Feature f, Schema from, Schema to) {
        Object[] v = new Object[to.fields().size()];
        for (int i = 0; i < from.fields().size(); i++) {
            int j = to.indexOfIgnoreCase(from.fields().get(i).name());
            if (j >= 0) v[j] = f.value(i);
        }
        return new Feature(f.fid(), v, f.geometry());
    }

    /**
     * A row of the diff as a feature of a schema whose fields are found by their lower-cased names (the diff's names) in
     * {@code fields} ({@link #fieldsByLowerName}). The row's values are decoded in one pass over its record (its entries,
     * in the diff's column order) rather than one look-up per field, each walking the record's header from its start:
     * the same decoder gives the same values.
     */
    private static Feature feature(Row r, Map<String, int[]> fields, int size) {
        Object[] v = new Object[size];
        for (Map.Entry<String, Object> e : r.attributes().entrySet()) {
            int[] at = fields.get(e.getKey());
            if (at == null) continue;
            Object value = e.getValue();
            for (int i : at) v[i] = value;
        }
        return new Feature(r.fid(), v, r.geometry());
    }

    /** A key value as the key pass reads it ({@link KeyScan}): its text, trimmed; null for a null value. */
    private static String keyText(Object v) {
        return v == null ? null : (v instanceof byte[] ? new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8) : v.toString()).trim();
    }

    /** The indexes of {@code s}'s fields by lower-cased name, for {@link #feature}. */
    static Map<String, int[]> fieldsByLowerName(Schema s) {
        Map<String, int[]> m = new HashMap<>();
        for (int i = 0; i < s.fields().size(); i++) {
            String name = s.fields().get(i).name().toLowerCase(Locale.ROOT);
            int[] at = m.get(name);
            if (at == null) at = new int[0];
            at = java.util.Arrays.copyOf(at, at.length + 1);
            at[at.length - 1] = i;
            m.put(name, at);
        }
        return m;
    }
}
