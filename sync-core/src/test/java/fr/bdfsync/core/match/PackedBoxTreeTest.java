package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Both ways of building the packed tree answer every query with exactly the boxes a scan of all of them finds. */
class PackedBoxTreeTest {
    /** Every position whose box intersects {@code q} (closed boxes, as {@link Envelope#intersects}), ascending. */
    private static int[] scan(double[] x0, double[] y0, double[] x1, double[] y1, int n, Envelope q) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) if (q.intersects(new Envelope(x0[i], x1[i], y0[i], y1[i]))) out.add(i);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void queriesFindExactlyWhatAScanFinds() {
        for (int seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            int n = seed <= 3 ? seed - 1 : r.nextInt(seed * 60);
            double[] x0 = new double[n], y0 = new double[n], x1 = new double[n], y1 = new double[n];
            for (int i = 0; i < n; i++) {
                // clustered boxes, some degenerate (points, segments), some sharing edges on a grid
                double cx = r.nextInt(4) * 1000 + r.nextGaussian() * 200;
                double cy = r.nextInt(4) * 1000 + r.nextGaussian() * 200;
                if (r.nextInt(5) == 0) {
                    cx = Math.rint(cx / 10) * 10;
                    cy = Math.rint(cy / 10) * 10;
                }
                double w = r.nextInt(6) == 0 ? 0 : r.nextDouble() * 50;
                double h = r.nextInt(6) == 0 ? 0 : r.nextDouble() * 50;
                x0[i] = cx;
                y0[i] = cy;
                x1[i] = cx + (r.nextInt(5) == 0 ? 10 : w);
                y1[i] = cy + (r.nextInt(5) == 0 ? 10 : h);
            }
            // leaves of random sizes over a random order, as an R-tree's leaves come (in no spatial order)
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[] a = new double[n], b = new double[n], c = new double[n], d = new double[n];
            for (int k = 0; k < n; k++) {
                a[k] = x0[perm[k]];
                b[k] = y0[perm[k]];
                c[k] = x1[perm[k]];
                d[k] = y1[perm[k]];
            }
            int[] starts = new int[n + 1];
            int leaves = 0;
            for (int k = 0; k < n; k += 1 + r.nextInt(seed % 5 == 0 ? 200 : 40)) starts[leaves++] = k;
            starts[leaves] = n;
            PackedBoxTree byHilbert = PackedBoxTree.byHilbert(x0, y0, x1, y1, n);
            PackedBoxTree fromLeaves = n == 0 ? byHilbert : PackedBoxTree.fromLeaves(a, b, c, d, perm, starts, leaves);
            assertEquals(n, byHilbert.size());
            for (int q = 0; q < 300; q++) {
                double qx = r.nextInt(4) * 1000 + r.nextGaussian() * 300;
                double qy = r.nextInt(4) * 1000 + r.nextGaussian() * 300;
                if (q % 7 == 0 && n > 0) { // a query touching a box's corner exactly
                    int i = r.nextInt(n);
                    qx = x1[i] + 0.0;
                    qy = y1[i];
                }
                Envelope e = new Envelope(qx, qx + (q % 3 == 0 ? 0 : r.nextDouble() * 400), qy, qy + (q % 5 == 0 ? 0 : r.nextDouble() * 400));
                int[] expected = scan(x0, y0, x1, y1, n, e);
                assertArrayEquals(expected, byHilbert.query(e), "Hilbert, seed " + seed + ", query " + e);
                assertArrayEquals(expected, fromLeaves.query(e), "leaves, seed " + seed + ", query " + e);
            }
            assertEquals(0, byHilbert.query(new Envelope()).length, "a null envelope finds nothing");
        }
    }

    @Test
    void leavesMustCoverEverySlot() {
        double[] z = new double[3];
        assertThrows(IllegalArgumentException.class, () -> PackedBoxTree.fromLeaves(z, z, z, z, new int[]{0, 1, 2}, new int[]{0, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> PackedBoxTree.fromLeaves(z, z, z, z, new int[]{0, 1, 2}, new int[]{0, 0, 3}, 2));
    }
}
