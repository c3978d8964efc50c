package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.sqlite.Record;
import fr.bdfsync.core.io.sqlite.SqliteFile;
import fr.bdfsync.core.io.sqlite.SqliteTable;
import fr.bdfsync.core.io.sqlite.TableCursor;
import org.locationtech.jts.geom.Envelope;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Every entry of a GeoPackage R-tree, read from the module's shadow table {@code <rtree>_node} with the pure-Java
 * SQLite reader instead of a full scan of the virtual table through JDBC (one JNI call per column and row: most of
 * the cost at 1,000,000 rows). The entries come in the virtual table's own full-scan order, with the same values:
 * <ul>
 * <li>order: SQLite's R-tree module walks a scan without constraints depth-first, the cells of each node in their
 * stored order (its priority queue orders search points by score, then by level; without constraints every score is
 * zero, so a child, one level lower, always comes before the rest of its parent: one point per level is queued at a
 * time, no tie ever arises);</li>
 * <li>values: a node (the blob of {@code data}, by {@code nodeno}; the root is node 1) holds a 2-byte depth (root
 * only), a 2-byte cell count, then its cells: an 8-byte id (a child node, or on the leaves the feature's fid) and the
 * box as four float32 (min x, max x, min y, max y), all big-endian; the virtual table gives each float widened to a
 * double, as here.</li>
 * </ul>
 * {@code RtreeNodesTest} checks both against the virtual table's scan. Used only for an {@code rtree} module table
 * of exactly five columns (id and two dimensions, as the GeoPackage specification makes them) whose node table the
 * reader can read; otherwise {@link #scan} returns false and the caller reads the virtual table by SQL. A node that
 * cannot be one (missing, too short for its cell count, deeper than the root says) is a corrupt file, reported as
 * such (SQLite reports it too).
 */
public final class RtreeNodes {
    /** Bytes of a 2D cell: id and four float32. */
    private static final int CELL = 8 + 4 * 4;
    /** SQLite's R-tree depth limit (RTREE_MAX_DEPTH). */
    private static final int MAX_DEPTH = 40;

    private RtreeNodes() {
    }

    /** The entries of one leaf node, in their order: {@code fids[i]} and its bounds {@code boxes[i]}, for {@code i < count}. */
    @FunctionalInterface
    public interface LeafSink {
        void accept(long[] fids, Envelope[] boxes, int count);
    }

    /** Feeds every entry of {@code rtree} (a table {@link GpkgRtree#find} found in {@code ds}) to {@code sink}; false, having fed nothing, when this reader cannot read it. */
    public static boolean scan(GpkgDataset ds, String rtree, GpkgRtree.BoundsSink sink) {
        return scanLeaves(ds, rtree, (fids, boxes, count) -> {
            for (int i = 0; i < count; i++) sink.accept(fids[i], boxes[i]);
        });
    }

    /**
     * The entries of one leaf node as flat arrays: {@code fids[i]} and its bounds ({@code minX[i]}, {@code maxX[i]},
     * {@code minY[i]}, {@code maxY[i]}: each float32 widened to a double), for {@code i < count}.
     */
    @FunctionalInterface
    public interface LeafBoundsSink {
        void accept(long[] fids, double[] minX, double[] maxX, double[] minY, double[] maxY, int count);
    }

    /** As {@link #scan}, a leaf node at a time (the arrays are reused from leaf to leaf). */
    public static boolean scanLeaves(GpkgDataset ds, String rtree, LeafSink sink) {
        Envelope[][] boxes = {new Envelope[256]};
        return scanLeafBounds(ds, rtree, (fids, minX, maxX, minY, maxY, count) -> {
            if (boxes[0].length < count) boxes[0] = new Envelope[count];
            for (int i = 0; i < count; i++) boxes[0][i] = new Envelope(minX[i], maxX[i], minY[i], maxY[i]);
            sink.accept(fids, boxes[0], count);
        });
    }

    /** As {@link #scanLeaves}, the bounds in flat arrays (no object per entry; the arrays are reused from leaf to leaf). */
    public static boolean scanLeafBounds(GpkgDataset ds, String rtree, LeafBoundsSink sink) {
        if (!twoDimensionRtree(ds, rtree)) return false;
        SqliteTable.Description d = SqliteTable.describe(ds.connection(), ds.path(), rtree + "_node");
        SqliteTable t = d.table();
        if (t == null || t.rowidAlias() < 0 || !t.columns().get(t.rowidAlias()).name().equalsIgnoreCase("nodeno")) return false;
        int data = t.index("data");
        if (data < 0) return false;
        try (SqliteFile file = SqliteFile.open(ds.path())) {
            if (t.unsupportedIn(file) != null) return false;
            Walk w = new Walk(ds, rtree, t, t.cursor(file), data);
            byte[] root = w.node(1);
            if (root == null) return false; // an index without its root: let SQLite say what it makes of it
            int depth = u16(root, 0);
            if (depth > MAX_DEPTH) throw w.corrupt(1, "depth " + depth);
            w.visit(root, 1, depth, sink);
            return true;
        } catch (SqliteTable.Unsupported e) {
            return false; // before any entry: the root's record is the first one read
        }
    }

    /** Whether {@code rtree} is a virtual table of the {@code rtree} module (not {@code rtree_i32}) with five columns. */
    private static boolean twoDimensionRtree(GpkgDataset ds, String rtree) {
        try (PreparedStatement ps = ds.connection().prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, rtree);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) return false;
                String sql = rs.getString(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                int using = sql.indexOf(" using rtree(");
                int close = sql.lastIndexOf(')');
                if (using < 0 || close < using) return false;
                String args = sql.substring(using + " using rtree(".length(), close);
                return args.split(",", -1).length == 5 && !args.contains("+") && !args.contains("\"") && !args.contains("'");
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long i64(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }

    private static double f32(byte[] b, int at) {
        return Float.intBitsToFloat(((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF));
    }

    /** The depth-first walk over the node table. */
    private static final class Walk {
        private final GpkgDataset ds;
        private final String rtree;
        private final SqliteTable table;
        private final TableCursor cursor;
        private final int data;
        private final Record record = new Record();
        /** One leaf's entries, handed to the sink (reused from leaf to leaf). */
        private long[] fids = new long[256];
        private double[] minX = new double[256], maxX = minX.clone(), minY = minX.clone(), maxY = minX.clone();

        Walk(GpkgDataset ds, String rtree, SqliteTable table, TableCursor cursor, int data) {
            this.ds = ds;
            this.rtree = rtree;
            this.table = table;
            this.cursor = cursor;
            this.data = data;
        }

        /** The blob of node {@code nodeno}, null when the table has no such row. */
        byte[] node(long nodeno) {
            if (!cursor.find(nodeno)) return null;
            if (!record.parse(cursor.payload(), cursor.payloadLength())) throw corrupt(nodeno, "a malformed record");
            Object v = table.value(record, data, nodeno);
            if (!(v instanceof byte[])) throw corrupt(nodeno, "no blob");
            byte[] b = (byte[]) v;
            if (b.length < 4 || 4 + (long) u16(b, 2) * CELL > b.length) throw corrupt(nodeno, b.length + " bytes");
            return b;
        }

        /** Visits node {@code b} (number {@code nodeno}) at {@code height} (0: a leaf). */
        void visit(byte[] b, long nodeno, int height, LeafBoundsSink sink) {
            int n = u16(b, 2);
            if (height == 0) {
                if (n > fids.length) {
                    fids = new long[n];
                    minX = new double[n];
                    maxX = new double[n];
                    minY = new double[n];
                    maxY = new double[n];
                }
                for (int i = 0; i < n; i++) {
                    int at = 4 + i * CELL;
                    fids[i] = i64(b, at);
                    minX[i] = f32(b, at + 8);
                    maxX[i] = f32(b, at + 12);
                    minY[i] = f32(b, at + 16);
                    maxY[i] = f32(b, at + 20);
                }
                sink.accept(fids, minX, maxX, minY, maxY, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                long id = i64(b, 4 + i * CELL);
                byte[] child = node(id);
                if (child == null) throw corrupt(id, "missing (a child of node " + nodeno + ")");
                visit(child, id, height - 1, sink);
            }
        }

        BdfsyncException corrupt(long nodeno, String what) {
            return BdfsyncException.invalid(ds.path(), rtree, null, "corrupt R-tree node " + nodeno + ": " + what);
        }
    }
}
