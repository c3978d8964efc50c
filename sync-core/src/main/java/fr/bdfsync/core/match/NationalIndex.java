package fr.bdfsync.core.match;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import org.locationtech.jts.geom.Envelope;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgRtree;
import fr.bdfsync.core.io.gpkg.RtreeNodes;
import fr.bdfsync.core.io.gpkg.Sql;
import org.locationtech.jts.index.hprtree.HPRtree;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First pass over the national layer: a JTS {@link HPRtree} (packed Hilbert R-tree: built in one sort, queried from flat
 * arrays) of envelopes holding each feature's position, and the fid of every feature. Two ways to fill it:
 * <ul>
 * <li>from the GeoPackage's own spatial index (the {@code rtree_<table>_<geometry>} table that the GeoPackage R-tree
 *     extension keeps in step with the table by triggers): its node pages read by {@link RtreeNodes} (the virtual
 *     table's entries in its own scan order, without a JNI call per value; a virtual-table scan by SQL where that
 *     reader cannot), no feature row read at all.
 *     Its envelopes are stored as 32-bit floats rounded outwards (up to about 0.5 m larger in Lambert-93): a query may
 *     return a few more candidates, never fewer, and every rule rejects a pair whose envelopes lie further apart than
 *     the search distance. Keys are then unknown here: they are read with the candidates' rows. Taken only when no
 *     stored link nor decision names national keys (a first run), and when the index's largest id equals the table's
 *     largest fid (a GeoPackage written without the triggers is not trusted);</li>
 * <li>else from every row: envelopes from the blob headers (no geometry parsed), keys, and the fingerprints of the
 *     features that earlier links refer to.</li>
 * </ul>
 * Memory: one envelope and one fid per national feature (and one key on the second way).
 */
final class NationalIndex {
    final HPRtree tree = new HPRtree();
    final Envelope extent = new Envelope();
    final Map<String, String> fingerprints = new HashMap<>();
    final Map<String, Integer> positionOfKey = new HashMap<>();
    /** Fids in ascending order; a feature's position is its index here. */
    long[] fids = new long[1024];
    /** Keys by position; null on the first way (read later with the candidates). */
    String[] keys;
    int size;
    final int keyIndex;
    /** True when the envelopes came from the GeoPackage R-tree. */
    final boolean fromRtree;

    private NationalIndex(int keyIndex, boolean fromRtree) {
        this.keyIndex = keyIndex;
        this.fromRtree = fromRtree;
        if (!fromRtree) keys = new String[1024];
    }

    static NationalIndex build(Dataset national, String layer, String keyColumn, Set<String> fingerprintKeys, FeatureFingerprint fp) {
        Schema schema = national.schema(layer);
        int k = keyIndex(national, schema, keyColumn);
        if (fingerprintKeys.isEmpty() && national instanceof GpkgDataset) {
            NationalIndex idx = fromRtree((GpkgDataset) national, schema, k, true);
            if (idx != null) return idx;
        }
        NationalIndex idx = new NationalIndex(k, false);
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
        idx.sortByFid();
        idx.tree.build();
        return idx;
    }

    /**
     * The index read from the GeoPackage R-tree, or null when the layer has none or it does not look complete; its
     * node pages read by {@link RtreeNodes} when {@code nodePages} (and that reader can), else the virtual table by SQL
     * (the tests compare the two).
     */
    static NationalIndex fromRtree(GpkgDataset ds, Schema schema, int keyIndex, boolean nodePages) {
        if (schema.primaryKey() == null) return null;
        Connection c = ds.connection();
        String rtree = GpkgRtree.find(c, schema);
        if (rtree == null) return null;
        try {
            long tableMax = largest(c, "SELECT max(" + Sql.id(schema.primaryKey()) + ") FROM " + Sql.id(schema.layer()));
            long indexMax = tableExists(c, rtree + "_rowid")
                    ? largest(c, "SELECT max(rowid) FROM " + Sql.id(rtree + "_rowid"))
                    : largest(c, "SELECT max(id) FROM " + Sql.id(rtree));
            if (tableMax != indexMax) return null;
            NationalIndex idx = new NationalIndex(keyIndex, true);
            // the node pages read by the pure-Java reader (same entries, same order, no JNI call per value), else by SQL
            if (!nodePages || !RtreeNodes.scan(ds, rtree, (fid, bounds) -> idx.add(fid, null, bounds))) {
                GpkgRtree.scan(c, rtree, (fid, bounds) -> idx.add(fid, null, bounds));
            }
            idx.sortByFid();
            idx.tree.build();
            return idx;
        } catch (SQLException e) {
            return null; // an unreadable index: read the rows instead
        }
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long largest(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private Envelope[] envelopes = new Envelope[1024];

    private void add(long fid, String key, Envelope e) {
        if (size == fids.length) {
            fids = Arrays.copyOf(fids, size * 2);
            envelopes = Arrays.copyOf(envelopes, size * 2);
            if (keys != null) keys = Arrays.copyOf(keys, size * 2);
        }
        fids[size] = fid;
        envelopes[size] = e;
        if (keys != null) keys[size] = key;
        extent.expandToInclude(e);
        size++;
    }

    /** Orders the features by fid (positions are then found by binary search) and fills the tree. */
    private void sortByFid() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) sorted = fids[i - 1] < fids[i];
        if (!sorted) {
            int[] order = sortedOrder();
            long[] nf = new long[size];
            Envelope[] ne = new Envelope[size];
            String[] nk = keys == null ? null : new String[size];
            for (int i = 0; i < size; i++) {
                nf[i] = fids[order[i]];
                ne[i] = envelopes[order[i]];
                if (nk != null) nk[i] = keys[order[i]];
            }
            fids = nf;
            envelopes = ne;
            keys = nk;
        }
        for (int i = 0; i < size; i++) {
            tree.insert(envelopes[i], i);
            if (keys != null) positionOfKey.put(keys[i], i);
        }
        envelopes = null;
    }

    /** Positions in ascending fid order (fids and positions packed in one long when they fit: a primitive sort). */
    private int[] sortedOrder() {
        long max = 0;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, fids[i]);
            min = Math.min(min, fids[i]);
        }
        int[] order = new int[size];
        if (min >= 0 && max < (1L << 39) && size < (1 << 24)) {
            long[] packed = new long[size];
            for (int i = 0; i < size; i++) packed[i] = fids[i] << 24 | i;
            Arrays.sort(packed);
            for (int i = 0; i < size; i++) order[i] = (int) (packed[i] & 0xFFFFFF);
            return order;
        }
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) boxed[i] = i;
        final long[] f = fids;
        Arrays.sort(boxed, (a, b) -> Long.compare(f[a], f[b]));
        for (int i = 0; i < size; i++) order[i] = boxed[i];
        return order;
    }

    /** Position of a fid, or a negative number when the layer has no (indexed) feature of that fid. */
    int positionOfFid(long fid) {
        return Arrays.binarySearch(fids, 0, size, fid);
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
