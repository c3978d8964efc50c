package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The changes to contribute, from a local dataset and the national one it was made against, keyed by a
 * column: a plain two-way comparison (attributes compared by value over the attributes both sides have,
 * geometries by their WKB bytes). It stands in until the diff engine's change model ({@code core.diff})
 * is merged, and gives each change its base fingerprint and location, and each layer its digest.
 * Memory: one 32-byte digest per national key, plus the changed rows.
 */
public final class TwoWayChanges {
    private TwoWayChanges() {
    }

    public record Result(Map<String, Schema> nationalSchemas, Map<String, LayerDigest> digests, List<PackageChange> changes) {
    }

    public static Result compute(Dataset national, Dataset local, String keyColumn, Set<String> onlyLayers) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        Map<String, LayerDigest> digests = new TreeMap<>();
        List<PackageChange> changes = new ArrayList<>();
        for (String layer : national.layerNames()) {
            if (onlyLayers != null && !onlyLayers.contains(layer)) continue;
            if (!local.layerNames().contains(layer)) continue;
            Schema n = national.schema(layer);
            Schema l = local.schema(layer);
            if (n.indexOf(keyColumn) < 0) throw BdfsyncException.schema(national.path(), layer, "no key column '" + keyColumn + "'");
            if (l.indexOf(keyColumn) < 0) throw BdfsyncException.schema(local.path(), layer, "no key column '" + keyColumn + "'");
            schemas.put(layer, n);
            LayerDigest digest = new LayerDigest();
            digests.put(layer, digest);
            layer(national, local, n, l, keyColumn, digest, changes);
        }
        return new Result(schemas, digests, changes);
    }

    private static void layer(Dataset national, Dataset local, Schema n, Schema l, String keyColumn, LayerDigest digest,
                              List<PackageChange> out) {
        List<String> common = new ArrayList<>();
        for (Field f : n.fields()) if (l.indexOf(f.name()) >= 0) common.add(f.name());
        int[] nIdx = common.stream().mapToInt(n::indexOf).toArray();
        int[] lIdx = common.stream().mapToInt(l::indexOf).toArray();
        int nKey = n.indexOf(keyColumn);
        int lKey = l.indexOf(keyColumn);
        boolean sameFields = common.size() == n.fields().size();
        Schema commonSchema = n.withFields(common.stream().map(c -> n.fields().get(n.indexOf(c))).toList());
        RowFingerprint full = new RowFingerprint(n);
        RowFingerprint compared = sameFields ? full : new RowFingerprint(commonSchema);
        // pass 1: national digests per key
        Map<String, ByteBuffer> nationalDigest = new HashMap<>();
        try (FeatureCursor c = national.read(n.layer())) {
            while (c.hasNext()) {
                Feature f = c.next();
                byte[] wkb = wkb(f.geometry());
                int off = offset(f.geometry());
                byte[] d = full.digest(f.values(), wkb, off);
                digest.add(d);
                byte[] cmp = sameFields ? d : compared.digest(pick(f.values(), nIdx), wkb, off);
                Object k = f.values()[nKey];
                if (k != null && nationalDigest.put(k.toString(), ByteBuffer.wrap(cmp)) != null) {
                    throw BdfsyncException.schema(national.path(), n.layer(), "duplicate key '" + k + "'");
                }
            }
        }
        // pass 2: local rows that differ, and inserts
        Map<String, Feature> changedLocal = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<PackageChange> inserts = new ArrayList<>();
        try (FeatureCursor c = local.read(l.layer())) {
            while (c.hasNext()) {
                Feature f = c.next();
                Object k = f.values()[lKey];
                if (k == null) throw BdfsyncException.schema(local.path(), l.layer(), "feature fid " + f.fid() + " has no key");
                String key = k.toString();
                if (!seen.add(key)) throw BdfsyncException.schema(local.path(), l.layer(), "duplicate key '" + key + "'");
                Object[] values = pick(f.values(), lIdx);
                ByteBuffer nd = nationalDigest.get(key);
                if (nd == null) {
                    Map<String, Object> v = new HashMap<>();
                    TreeSet<String> names = new TreeSet<>(common);
                    for (int i = 0; i < common.size(); i++) v.put(common.get(i), values[i]);
                    if (n.hasGeometry()) names.add(Label.GEOMETRY);
                    inserts.add(new PackageChange(n.layer(), ChangeOp.INSERT, key, null, names, v, f.geometry(), f.geometry(), null));
                    continue;
                }
                byte[] ld = compared.digest(values, wkb(f.geometry()), offset(f.geometry()));
                if (!ByteBuffer.wrap(ld).equals(nd)) changedLocal.put(key, f);
            }
        }
        Set<String> deleted = new HashSet<>(nationalDigest.keySet());
        deleted.removeAll(seen);
        nationalDigest.clear();
        // pass 3: national rows of updated and deleted keys
        if (!changedLocal.isEmpty() || !deleted.isEmpty()) {
            try (FeatureCursor c = national.read(n.layer())) {
                while (c.hasNext()) {
                    Feature f = c.next();
                    Object k = f.values()[nKey];
                    if (k == null) continue;
                    String key = k.toString();
                    Feature lf = changedLocal.get(key);
                    if (lf == null && !deleted.contains(key)) continue;
                    String base = full.hex(f.values(), wkb(f.geometry()), offset(f.geometry()));
                    if (lf == null) {
                        out.add(new PackageChange(n.layer(), ChangeOp.DELETE, key, base, null, null, null, f.geometry(), null));
                    } else {
                        out.add(update(n, key, base, f, lf, common, nIdx, lIdx));
                    }
                }
            }
        }
        out.addAll(inserts);
    }

    private static PackageChange update(Schema n, String key, String base, Feature nf, Feature lf, List<String> common, int[] nIdx, int[] lIdx) {
        TreeSet<String> changed = new TreeSet<>();
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < common.size(); i++) {
            Object a = nf.values()[nIdx[i]];
            Object b = lf.values()[lIdx[i]];
            if (!sameValue(a, b)) {
                changed.add(common.get(i));
                values.put(common.get(i), b);
            }
        }
        boolean geomChanged = n.hasGeometry() && !sameGeometry(nf.geometry(), lf.geometry());
        if (geomChanged) changed.add(Label.GEOMETRY);
        return new PackageChange(n.layer(), ChangeOp.UPDATE, key, base, changed, values, geomChanged ? lf.geometry() : null,
                geomChanged ? lf.geometry() : nf.geometry(), null);
    }

    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if (a instanceof Number && b instanceof Number) return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        if (a instanceof byte[] && b instanceof byte[]) return Arrays.equals((byte[]) a, (byte[]) b);
        return a.equals(b) || a.toString().equals(b.toString());
    }

    private static boolean sameGeometry(GeometryValue a, GeometryValue b) {
        if (a == null || b == null) return a == b;
        return a.sameWkb(b);
    }

    private static Object[] pick(Object[] values, int[] idx) {
        Object[] out = new Object[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = values[idx[i]];
        return out;
    }

    private static byte[] wkb(GeometryValue g) {
        return g == null ? null : g.storedBytes();
    }

    private static int offset(GeometryValue g) {
        return g == null ? 0 : g.wkbOffset();
    }
}
