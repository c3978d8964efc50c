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
 * First pass over the national layer: a {@link PackedBoxTree} (a static R-tree in flat arrays, no object per feature)
 * of envelopes holding each feature's position, and the fid of every feature. Two ways to fill it:
 * <ul>
 * <li>from the GeoPackage's own spatial index (the {@code rtree_<table>_<geometry>} table that the GeoPackage R-tree
 *     extension keeps in step with the table by triggers): its node pages read by {@link RtreeNodes} (the virtual
 *     table's entries in its own scan order, without a JNI call per value; a virtual-table scan by SQL where that
 *     reader cannot), no feature row read at all; the tree keeps that R-tree's own leaves (no sort).
 *     Its envelopes are stored as 32-bit floats rounded outwards (up to about 0.5 m larger in Lambert-93): a query may
 *     return a few more candidates, never fewer, and every rule rejects a pair whose envelopes lie further apart than
 *     the search distance. Keys are then unknown here: they are read with the candidates' rows. Taken only when no
 *     stored link nor decision names national keys (a first run), and when the index's largest id equals the table's
 *     largest fid (a GeoPackage written without the triggers is not trusted);</li>
 * <li>else from every row: envelopes from the blob headers (no geometry parsed), keys, and the fingerprints of the
 *     features that earlier links refer to; the tree's leaves along a Hilbert curve.</li>
 * </ul>
 * Memory: one envelope (four doubles in flat arrays) and one fid per national feature (and one key on the second way).
 */
final class NationalIndex {
    PackedBoxTree tree;
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
    /** Envelopes in the order added (then by position on the second way), until the tree is built. */
    private double[] minX = new double[1024], minY = new double[1024], maxX = new double[1024], maxY = new double[1024];
    /** First entry of each R-tree leaf, in the order added (the first way). */
    private int[] leafStart = new int[64];
    private int leaves;

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
                idx.add(f.fid(), key.toString(), e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
                if (fingerprintKeys.contains(key.toString())) idx.fingerprints.put(key.toString(), fp.of(f));
            }
        }
        int[] order = idx.sortByFid();
        if (order != null) idx.permute(order);
        idx.tree = PackedBoxTree.byHilbert(idx.minX, idx.minY, idx.maxX, idx.maxY, idx.size);
        idx.dropBounds();
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
            // the node pages read by the pure-Java reader (same entries, same order, no JNI call per value), each of its
            // leaves a leaf of the tree; else by SQL (the entries in the same order, leaves of FANOUT entries)
            boolean byPages = nodePages && RtreeNodes.scanLeafBounds(ds, rtree, (fids, x0, x1, y0, y1, count) -> {
                idx.startLeaf();
                for (int i = 0; i < count; i++) idx.add(fids[i], null, x0[i], x1[i], y0[i], y1[i]);
            });
            if (!byPages) {
                GpkgRtree.scan(c, rtree, (fid, b) -> {
                    if (idx.size % PackedBoxTree.FANOUT == 0) idx.startLeaf();
                    idx.add(fid, null, b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY());
                });
            }
            idx.buildFromLeaves();
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

    private void startLeaf() {
        if (leaves > 0 && leafStart[leaves - 1] == size) return; // the previous leaf was empty
        if (leaves + 1 >= leafStart.length) leafStart = Arrays.copyOf(leafStart, leafStart.length * 2);
        leafStart[leaves++] = size;
    }

    private void add(long fid, String key, double x0, double x1, double y0, double y1) {
        if (size == fids.length) {
            int n = size * 2;
            fids = Arrays.copyOf(fids, n);
            minX = Arrays.copyOf(minX, n);
            minY = Arrays.copyOf(minY, n);
            maxX = Arrays.copyOf(maxX, n);
            maxY = Arrays.copyOf(maxY, n);
            if (keys != null) keys = Arrays.copyOf(keys, n);
        }
        fids[size] = fid;
        minX[size] = x0;
        minY[size] = y0;
        maxX[size] = x1;
        maxY[size] = y1;
        if (keys != null) keys[size] = key;
        extent.expandToInclude(x0, y0);
        extent.expandToInclude(x1, y1);
        size++;
    }

    /**
     * The R-tree's leaves as the tree's leaves: the boxes stay in the order read, each holding the position its fid
     * takes once the fids are sorted.
     */
    private void buildFromLeaves() {
        int[] order = sortByFid();
        int[] entry = new int[size];
        if (order == null) {
            for (int i = 0; i < size; i++) entry[i] = i;
        } else {
            for (int p = 0; p < size; p++) entry[order[p]] = p;
        }
        if (leaves > 0 && leafStart[leaves - 1] == size) leaves--; // a last leaf left empty
        if (size == 0 || leaves == 0) {
            tree = PackedBoxTree.byHilbert(minX, minY, maxX, maxY, size);
        } else {
            leafStart[leaves] = size;
            tree = PackedBoxTree.fromLeaves(Arrays.copyOf(minX, size), Arrays.copyOf(minY, size), Arrays.copyOf(maxX, size),
                    Arrays.copyOf(maxY, size), entry, leafStart, leaves);
        }
        dropBounds();
    }

    private void dropBounds() {
        minX = minY = maxX = maxY = null;
        leafStart = null;
    }

    /**
     * Orders the fids (and keys) ascending, so that positions are found by binary search; returns the order applied
     * (position p was entry {@code order[p]} as added), or null when the fids were in order already.
     */
    private int[] sortByFid() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) sorted = fids[i - 1] < fids[i];
        int[] order = sorted ? null : sortedOrder();
        if (order != null) {
            long[] nf = new long[size];
            String[] nk = keys == null ? null : new String[size];
            for (int i = 0; i < size; i++) {
                nf[i] = fids[order[i]];
                if (nk != null) nk[i] = keys[order[i]];
            }
            fids = nf;
            keys = nk;
        }
        if (keys != null) for (int i = 0; i < size; i++) positionOfKey.put(keys[i], i);
        return order;
    }

    /** The envelopes by position, after {@link #sortByFid} returned {@code order}. */
    private void permute(int[] order) {
        double[] a = new double[size], b = new double[size], c = new double[size], d = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = minX[order[i]];
            b[i] = minY[order[i]];
            c[i] = maxX[order[i]];
            d[i] = maxY[order[i]];
        }
        minX = a;
        minY = b;
        maxX = c;
        maxY = d;
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

    /** Positions of the features whose envelopes intersect {@code e}, ascending. */
    int[] query(Envelope e) {
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
