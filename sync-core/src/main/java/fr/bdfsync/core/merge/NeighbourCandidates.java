package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.gpkg.GpkgRtree;
import fr.bdfsync.core.io.gpkg.Sql;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

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
    static NeighbourCandidates scan(GpkgDataset local, Schema ls, Collection<Envelope> around, double distance, Set<Long> loaded) {
        NeighbourCandidates out = new NeighbourCandidates();
        if (around.isEmpty() || !ls.hasGeometry()) return out;
        STRtree tree = new STRtree();
        for (Envelope e : around) {
            Envelope w = new Envelope(e);
            w.expandBy(distance);
            tree.insert(w, w);
        }
        String rtree = GpkgRtree.find(local.connection(), ls);
        try {
            if (rtree != null) {
                GpkgRtree.BoundsSink sink = (fid, b) -> {
                    if (!loaded.contains(fid) && !tree.query(b).isEmpty()) out.add(fid, b);
                };
                // the node pages read in place, in the virtual table's order; through the virtual table when that reader cannot
                if (!RtreeNodes.scan(local, rtree, sink)) GpkgRtree.scan(local.connection(), rtree, sink);
                return out;
            }
            String pk = ls.primaryKey() != null ? ls.primaryKey() : "rowid";
            String sql = "SELECT " + Sql.id(pk) + ", substr(" + Sql.id(ls.geometryColumn()) + ", 1, 40) FROM " + Sql.id(ls.layer());
            try (Statement st = local.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    byte[] head = rs.getBytes(2);
                    long fid = rs.getLong(1);
                    if (head == null || loaded.contains(fid)) continue;
                    Envelope e = GpkgGeometry.headerEnvelope(head);
                    if (e == null || !tree.query(e).isEmpty()) out.add(fid, e);
                }
            }
            return out;
        } catch (SQLException e) {
            throw BdfsyncException.invalid(local.path(), ls.layer(), null, "cannot read geometry bounds: " + e.getMessage(), e);
        }
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
