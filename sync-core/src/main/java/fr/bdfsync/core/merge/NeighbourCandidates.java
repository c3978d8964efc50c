package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.gpkg.GpkgRtree;
import fr.bdfsync.core.io.gpkg.RtreeNodes;
import fr.bdfsync.core.io.gpkg.Sql;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The local rows whose bounds meet one of some envelopes (widened by a distance), other than the rows already loaded:
 * found by one scan of the layer's R-tree index when it has one (else of its geometry headers,
 * {@code substr(geom, 1, 40)}), kept packed: fids in a {@code long[]}, bounds in a {@code double[]} (minX, minY, maxX,
 * maxY per row), in scan order. At 1,000,000 tronçons the former {@code List<Long>} + {@code Map<Long, Envelope>}
 * weighed about 100 bytes a candidate; this form weighs 40. A row without readable bounds (no header envelope) is
 * a candidate with NaN bounds: {@link #hasBounds} is false for it.
 */
final class NeighbourCandidates {
    private long[] fids = new long[1024];
    private double[] bounds = new double[4 * 1024];
    private int size;

    private NeighbourCandidates() {
    }

    /** Candidates of {@code ls}'s layer in {@code local}: bounds meeting one of {@code around} widened by {@code distance}, fid not in {@code loaded}. */
    static NeighbourCandidates scan(GpkgDataset local, Schema ls, Collection<Envelope> around, double distance, java.util.function.LongPredicate loaded) {
        NeighbourCandidates out = new NeighbourCandidates();
        if (around.isEmpty() || !ls.hasGeometry()) return out;
        STRtree tree = new STRtree();
        boolean nanWindow = false;
        for (Envelope e : around) {
            Envelope w = new Envelope(e);
            w.expandBy(distance);
            tree.insert(w, w);
            nanWindow |= hasNaN(w);
        }
        String rtree = GpkgRtree.find(local.connection(), ls);
        try {
            if (rtree != null) {
                // the node pages read in place, in the virtual table's order (RtreeNodes), a leaf at a time: the windows
                // meeting the leaf's own bounds (the union of its entries', computed here) are found once, and each entry
                // is tested against those only; the same entries pass as by a query of the whole tree per entry. Through
                // the virtual table, an entry at a time, when that reader cannot read the index. (A window with a NaN bound
                // may lie outside its tree node's bounds: then every entry queries the whole tree, as before.)
                GpkgRtree.BoundsSink each = (fid, b) -> {
                    if (!loaded.test(fid) && !tree.query(b).isEmpty()) out.add(fid, b);
                };
                boolean read = nanWindow ? RtreeNodes.scan(local, rtree, each)
                        : RtreeNodes.scanLeaves(local, rtree, (fids, boxes, count) -> out.addLeaf(fids, boxes, count, loaded, tree));
                if (!read) GpkgRtree.scan(local.connection(), rtree, each);
                return out;
            }
            String pk = ls.primaryKey() != null ? ls.primaryKey() : "rowid";
            String sql = "SELECT " + Sql.id(pk) + ", substr(" + Sql.id(ls.geometryColumn()) + ", 1, 40) FROM " + Sql.id(ls.layer());
            try (Statement st = local.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    byte[] head = rs.getBytes(2);
                    long fid = rs.getLong(1);
                    if (head == null || loaded.test(fid)) continue;
                    Envelope e = GpkgGeometry.headerEnvelope(head);
                    if (e == null || !tree.query(e).isEmpty()) out.add(fid, e);
                }
            }
            return out;
        } catch (SQLException e) {
            throw BdfsyncException.invalid(local.path(), ls.layer(), null, "cannot read geometry bounds: " + e.getMessage(), e);
        }
    }

    /**
     * The entries of one R-tree leaf whose fid is not {@code loaded} and whose bounds meet an envelope of {@code windows},
     * in their order. A window meeting an entry's bounds meets the leaf's union of them: the windows are queried once
     * with that union, then each entry is tested against those ({@code Envelope.intersects}, as the tree's query does).
     * An entry with a NaN bound (that union does not hold it: comparisons with NaN are false) queries the whole tree.
     */
    private void addLeaf(long[] fids, Envelope[] boxes, int count, java.util.function.LongPredicate loaded, STRtree windows) {
        Envelope union = new Envelope();
        boolean nan = false;
        for (int i = 0; i < count; i++) {
            if (hasNaN(boxes[i])) nan = true;
            else union.expandToInclude(boxes[i]);
        }
        @SuppressWarnings("unchecked")
        List<Envelope> near = union.isNull() ? List.of() : (List<Envelope>) windows.query(union);
        for (int i = 0; i < count; i++) {
            Envelope b = boxes[i];
            if (loaded.test(fids[i])) continue;
            boolean meets = false;
            if (nan && hasNaN(b)) {
                meets = !windows.query(b).isEmpty();
            } else {
                for (int j = 0; j < near.size() && !meets; j++) meets = near.get(j).intersects(b);
            }
            if (meets) add(fids[i], b);
        }
    }

    private static boolean hasNaN(Envelope b) {
        return Double.isNaN(b.getMinX()) || Double.isNaN(b.getMaxX()) || Double.isNaN(b.getMinY()) || Double.isNaN(b.getMaxY());
    }

    private void add(long fid, Envelope b) {
        if (size == fids.length) {
            fids = Arrays.copyOf(fids, size * 2);
            bounds = Arrays.copyOf(bounds, size * 8);
        }
        fids[size] = fid;
        int o = 4 * size;
        if (b == null || b.isNull()) {
            Arrays.fill(bounds, o, o + 4, Double.NaN);
        } else {
            bounds[o] = b.getMinX();
            bounds[o + 1] = b.getMinY();
            bounds[o + 2] = b.getMaxX();
            bounds[o + 3] = b.getMaxY();
        }
        size++;
    }

    int size() {
        return size;
    }

    long fid(int i) {
        return fids[i];
    }

    boolean hasBounds(int i) {
        return !Double.isNaN(bounds[4 * i]);
    }

    /** The bounds of candidate {@code i} (a new envelope), or null when it has none. */
    Envelope bounds(int i) {
        int o = 4 * i;
        return hasBounds(i) ? new Envelope(bounds[o], bounds[o + 2], bounds[o + 1], bounds[o + 3]) : null;
    }

    /** Whether candidate {@code i}'s bounds meet {@code e} (false when it has none). */
    boolean meets(int i, Envelope e) {
        int o = 4 * i;
        return hasBounds(i) && bounds[o] <= e.getMaxX() && bounds[o + 2] >= e.getMinX() && bounds[o + 1] <= e.getMaxY() && bounds[o + 3] >= e.getMinY();
    }

    /** Every candidate's fid, in scan order. */
    long[] fids() {
        return Arrays.copyOf(fids, size);
    }
}
