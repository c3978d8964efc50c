package fr.bdfsync.core.match;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.shape.fractal.HilbertCode;

import java.util.Arrays;

/**
 * A static packed R-tree over boxes held in flat arrays (no object per entry): the national index of the attach.
 * Entries are numbered 0..n-1 by the caller (their positions); the tree stores them in a spatial order, cut into
 * leaves, with the boxes of each level above computed from the level below, {@link #FANOUT} nodes to a parent.
 * Two ways to give the spatial order:
 * <ul>
 * <li>{@link #fromLeaves}: the leaves of an existing R-tree in its depth-first order (the GeoPackage R-tree's own leaf
 *     nodes, which SQLite's R*-tree split already made compact): no sort at all;</li>
 * <li>{@link #byHilbert}: entries sorted along a Hilbert curve over the centres of their boxes (one primitive sort),
 *     cut into leaves of {@link #FANOUT}, as JTS's {@code HPRtree} does with objects.</li>
 * </ul>
 * A query returns every entry whose box intersects the query box (closed boxes, as {@link Envelope#intersects}), in
 * ascending position: the answer is a set, which does not depend on the way the tree was built (tested against a
 * scan of every box).
 */
final class PackedBoxTree {
    static final int FANOUT = 16;

    private final int size;
    /** Entry boxes in tree order (slot k holds entry {@code entry[k]}). */
    private final double[] minX, minY, maxX, maxY;
    private final int[] entry;
    /**
     * Levels above the entries, lowest first: level 0 has one node per leaf. {@code start[l][i]} is the first child (an
     * entry slot at level 0, a node of level l - 1 above) of node i, {@code start[l][count]} the end.
     */
    private final int[][] start;
    private final double[][] nMinX, nMinY, nMaxX, nMaxY;

    private PackedBoxTree(double[] minX, double[] minY, double[] maxX, double[] maxY, int[] entry, int[] leafStart, int leaves) {
        this.size = entry.length;
        this.minX = minX;
        this.minY = minY;
        this.maxX = maxX;
        this.maxY = maxY;
        this.entry = entry;
        int levels = 1;
        for (int c = leaves; c > 1; c = (c + FANOUT - 1) / FANOUT) levels++;
        start = new int[levels][];
        nMinX = new double[levels][];
        nMinY = new double[levels][];
        nMaxX = new double[levels][];
        nMaxY = new double[levels][];
        start[0] = Arrays.copyOf(leafStart, leaves + 1);
        bounds(0, leaves, minX, minY, maxX, maxY);
        int count = leaves;
        for (int l = 1; l < levels; l++) {
            int parents = (count + FANOUT - 1) / FANOUT;
            int[] s = new int[parents + 1];
            for (int i = 0; i <= parents; i++) s[i] = Math.min(count, i * FANOUT);
            start[l] = s;
            bounds(l, parents, nMinX[l - 1], nMinY[l - 1], nMaxX[l - 1], nMaxY[l - 1]);
            count = parents;
        }
    }

    /** The boxes of the {@code count} nodes of level {@code l}, from their children's boxes. */
    private void bounds(int l, int count, double[] cMinX, double[] cMinY, double[] cMaxX, double[] cMaxY) {
        double[] a = new double[count], b = new double[count], c = new double[count], d = new double[count];
        int[] s = start[l];
        for (int i = 0; i < count; i++) {
            double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
            for (int k = s[i]; k < s[i + 1]; k++) {
                x0 = Math.min(x0, cMinX[k]);
                y0 = Math.min(y0, cMinY[k]);
                x1 = Math.max(x1, cMaxX[k]);
                y1 = Math.max(y1, cMaxY[k]);
            }
            a[i] = x0;
            b[i] = y0;
            c[i] = x1;
            d[i] = y1;
        }
        nMinX[l] = a;
        nMinY[l] = b;
        nMaxX[l] = c;
        nMaxY[l] = d;
    }

    /**
     * The tree over boxes given in tree order: slot k holds entry {@code entry[k]} with the box
     * ({@code minX[k]}, {@code minY[k]}, {@code maxX[k]}, {@code maxY[k]}); leaf i holds slots
     * {@code leafStart[i]} to {@code leafStart[i + 1]} (exclusive), for {@code i < leaves}; the arrays are kept, not copied.
     */
    static PackedBoxTree fromLeaves(double[] minX, double[] minY, double[] maxX, double[] maxY, int[] entry, int[] leafStart, int leaves) {
        if (leaves == 0 || leafStart[0] != 0 || leafStart[leaves] != entry.length) {
            throw new IllegalArgumentException("leaves must cover the " + entry.length + " slots");
        }
        for (int i = 0; i < leaves; i++) {
            if (leafStart[i + 1] <= leafStart[i]) throw new IllegalArgumentException("empty or reversed leaf " + i);
        }
        return new PackedBoxTree(minX, minY, maxX, maxY, entry, leafStart, leaves);
    }

    /**
     * The tree over boxes indexed by position (entry i has box ({@code minX[i]}, ...)), ordered along a Hilbert curve
     * over their centres (on a 65,536 × 65,536 grid over their extent; ties by position), leaves of {@link #FANOUT}.
     */
    static PackedBoxTree byHilbert(double[] minX, double[] minY, double[] maxX, double[] maxY, int n) {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x0 = Math.min(x0, minX[i]);
            y0 = Math.min(y0, minY[i]);
            x1 = Math.max(x1, maxX[i]);
            y1 = Math.max(y1, maxY[i]);
        }
        double w = x1 > x0 ? x1 - x0 : 1;
        double h = y1 > y0 ? y1 - y0 : 1;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            int x = (int) Math.min(65535, Math.max(0, ((minX[i] + maxX[i]) / 2 - x0) / w * 65535));
            int y = (int) Math.min(65535, Math.max(0, ((minY[i] + maxY[i]) / 2 - y0) / h * 65535));
            keyed[i] = Integer.toUnsignedLong(HilbertCode.encode(16, x, y)) << 31 | i;
        }
        Arrays.sort(keyed);
        double[] a = new double[n], b = new double[n], c = new double[n], d = new double[n];
        int[] entry = new int[n];
        for (int k = 0; k < n; k++) {
            int i = (int) (keyed[k] & 0x7FFFFFFFL);
            entry[k] = i;
            a[k] = minX[i];
            b[k] = minY[i];
            c[k] = maxX[i];
            d[k] = maxY[i];
        }
        int leaves = Math.max(1, (n + FANOUT - 1) / FANOUT);
        int[] leafStart = new int[leaves + 1];
        for (int i = 0; i <= leaves; i++) leafStart[i] = Math.min(n, i * FANOUT);
        return new PackedBoxTree(a, b, c, d, entry, leafStart, leaves);
    }

    int size() {
        return size;
    }

    /** Positions of the entries whose boxes intersect {@code e} (closed), ascending; empty for a null envelope. */
    int[] query(Envelope e) {
        if (e.isNull() || size == 0) return new int[0];
        double qx0 = e.getMinX(), qy0 = e.getMinY(), qx1 = e.getMaxX(), qy1 = e.getMaxY();
        int[] out = new int[16];
        int n = 0;
        int top = start.length - 1;
        // an explicit stack of (level, node); its depth is bounded by FANOUT per level
        int[] stackLevel = new int[FANOUT * start.length + 1];
        int[] stackNode = new int[stackLevel.length];
        int sp = 0;
        for (int i = 0; i < start[top].length - 1; i++) {
            stackLevel[sp] = top;
            stackNode[sp++] = i;
        }
        while (sp > 0) {
            int l = stackLevel[--sp];
            int i = stackNode[sp];
            if (nMinX[l][i] > qx1 || nMaxX[l][i] < qx0 || nMinY[l][i] > qy1 || nMaxY[l][i] < qy0) continue;
            int from = start[l][i], to = start[l][i + 1];
            if (l > 0) {
                for (int k = from; k < to; k++) {
                    stackLevel[sp] = l - 1;
                    stackNode[sp++] = k;
                }
                continue;
            }
            for (int k = from; k < to; k++) {
                if (minX[k] > qx1 || maxX[k] < qx0 || minY[k] > qy1 || maxY[k] < qy0) continue;
                if (n == out.length) out = Arrays.copyOf(out, n * 2);
                out[n++] = entry[k];
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }
}
