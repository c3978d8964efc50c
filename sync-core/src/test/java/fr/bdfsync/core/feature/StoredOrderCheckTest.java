package fr.bdfsync.core.feature;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredOrderCheckTest {
    /** A geometry as nested lists: type (2 line, 3 polygon, 5, 6), parts or rings, points {x, y[, z]}. */
    private record G(int type, boolean z, List<Object> parts) {
    }

    private static final GeometryEquality EQ = new GeometryEquality(1.25, 0.01);

    @Test
    void aPairItProvesIsTheSameForTheFullComparisonAndWithinToleranceMovesAreProven() {
        int proven = 0, sameByCompare = 0, pairs = 0;
        for (int seed = 0; seed < 4000; seed++) {
            Random rnd = new Random(seed);
            G a = random(rnd);
            int kind = rnd.nextInt(6);
            G b = perturb(a, rnd, kind);
            boolean little = rnd.nextBoolean(), littleB = rnd.nextInt(4) == 0 ? !little : little;
            byte[] wa = wkb(a, little), wb = wkb(b, littleB);
            boolean fast = StoredOrderCheck.sameInStoredOrder(EQ, wa, 0, wa.length, wb, 0, wb.length);
            boolean same = EQ.compare(parse(wa), parse(wb)).same();
            pairs++;
            if (same) sameByCompare++;
            if (fast) {
                proven++;
                assertTrue(same, "seed " + seed + ": proven the same in stored order, but the full comparison differs");
            }
            if (kind == 0) assertTrue(fast, "seed " + seed + ": every vertex moved less than half the tolerance, not proven");
        }
        assertTrue(proven > pairs / 8, "the check proves too few pairs: " + proven + " of " + pairs);
        assertTrue(sameByCompare >= proven);
    }

    @Test
    void whatItCannotReadIsNotProven() {
        // a ring of three points, an unclosed ring, a line of one point: the parser pads or closes them
        G tri = new G(3, false, List.of(List.of(new double[]{0, 0}, new double[]{1, 0}, new double[]{0, 0})));
        G open = new G(3, false, List.of(List.of(new double[]{0, 0}, new double[]{1, 0}, new double[]{1, 1}, new double[]{0, 1})));
        G dot = new G(2, false, List.of(new double[]{0, 0}));
        for (G g : List.of(tri, open, dot)) {
            byte[] w = wkb(g, true);
            assertFalse(StoredOrderCheck.sameInStoredOrder(EQ, w, 0, w.length, w, 0, w.length));
        }
        G line = new G(2, false, List.of(new double[]{0, 0}, new double[]{10, 0}));
        byte[] w = wkb(line, true);
        assertTrue(StoredOrderCheck.sameInStoredOrder(EQ, w, 0, w.length, w, 0, w.length));
        // truncated, trailing bytes, an EWKB Z flag, a bad byte order, a point: not proven, no exception
        for (int cut = 0; cut < w.length; cut++) assertFalse(StoredOrderCheck.sameInStoredOrder(EQ, w, 0, cut, w, 0, cut), "cut " + cut);
        byte[] longer = java.util.Arrays.copyOf(w, w.length + 1);
        assertFalse(StoredOrderCheck.sameInStoredOrder(EQ, longer, 0, longer.length, longer, 0, longer.length));
        byte[] ewkb = w.clone();
        ewkb[4] |= (byte) 0x80;
        assertFalse(StoredOrderCheck.sameInStoredOrder(EQ, ewkb, 0, ewkb.length, ewkb, 0, ewkb.length));
        byte[] order = w.clone();
        order[0] = 7;
        assertFalse(StoredOrderCheck.sameInStoredOrder(EQ, order, 0, order.length, order, 0, order.length));
        byte[] point = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putInt(1).putDouble(1).putDouble(2).array();
        assertFalse(StoredOrderCheck.sameInStoredOrder(EQ, point, 0, point.length, point, 0, point.length));
        // a slice of a larger buffer
        byte[] framed = new byte[w.length + 7];
        System.arraycopy(w, 0, framed, 3, w.length);
        assertTrue(StoredOrderCheck.sameInStoredOrder(EQ, framed, 3, 3 + w.length, w, 0, w.length));
        // NaN coordinates are never within the tolerance
        G nan = new G(2, false, List.of(new double[]{Double.NaN, 0}, new double[]{10, 0}));
        byte[] wn = wkb(nan, true);
        assertFalse(StoredOrderCheck.sameInStoredOrder(EQ, wn, 0, wn.length, wn, 0, wn.length));
    }

    private static Geometry parse(byte[] w) {
        try {
            return new WKBReader().read(w);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static G random(Random rnd) {
        int type = new int[]{2, 3, 5, 6}[rnd.nextInt(4)];
        boolean z = rnd.nextInt(3) == 0;
        double ox = 600_000 + rnd.nextInt(100_000), oy = 6_700_000 + rnd.nextInt(100_000);
        return new G(type, z, body(type, z, rnd, ox, oy));
    }

    private static List<Object> body(int type, boolean z, Random rnd, double ox, double oy) {
        List<Object> out = new ArrayList<>();
        if (type == 2) {
            int n = 2 + rnd.nextInt(30);
            for (int i = 0; i < n; i++) out.add(point(ox + i * 7 + rnd.nextDouble(), oy + rnd.nextDouble() * 20, z, rnd));
        } else if (type == 3) {
            int rings = 1 + (rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0);
            for (int r = 0; r < rings; r++) {
                double radius = r == 0 ? 100 : 10, cx = ox + (r == 0 ? 0 : 40 * r - 60), cy = oy;
                int n = 4 + rnd.nextInt(40);
                List<Object> ring = new ArrayList<>();
                for (int i = 0; i < n - 1; i++) {
                    double t = 2 * Math.PI * i / (n - 1) * (r == 0 ? -1 : 1);
                    ring.add(point(cx + radius * Math.cos(t), cy + radius * Math.sin(t), z, rnd));
                }
                ring.add(((double[]) ring.get(0)).clone());
                out.add(ring);
            }
        } else {
            int parts = 1 + rnd.nextInt(3);
            for (int p = 0; p < parts; p++) out.add(new G(type - 3, z, body(type - 3, z, rnd, ox + p * 500, oy)));
        }
        return out;
    }

    private static double[] point(double x, double y, boolean z, Random rnd) {
        return z ? new double[]{x, y, 100 + rnd.nextInt(50)} : new double[]{x, y};
    }

    /** kind 0: every vertex moved < tol/2; 1: one vertex moved 0.5-3 tol; 2: one z moved; 3: a vertex dropped; 4: same; 5: one vertex exactly at the tolerance. */
    private static G perturb(G g, Random rnd, int kind) {
        List<double[]> pts = new ArrayList<>();
        G copy = copy(g, pts);
        if (kind == 0) {
            for (double[] p : pts) {
                double a = rnd.nextDouble() * 2 * Math.PI, d = rnd.nextDouble() * 0.6;
                p[0] += d * Math.cos(a);
                p[1] += d * Math.sin(a);
            }
            closeRings(copy);
        } else if (kind == 1 || kind == 2 || kind == 5) {
            double[] p = pts.get(rnd.nextInt(pts.size()));
            if (kind == 1) p[0] += 1.25 * (0.5 + rnd.nextDouble() * 2.5);
            else if (kind == 5) p[1] += 1.25;
            else if (p.length == 3) p[2] += rnd.nextBoolean() ? 0.005 : 0.5;
            closeRings(copy);
        } else if (kind == 3) {
            return new G(2, g.z, List.of(pts.get(0).clone(), pts.get(pts.size() - 1).clone(), pts.get(pts.size() / 2).clone()));
        }
        return copy;
    }

    /** A deep copy, every point also listed in {@code pts}. */
    @SuppressWarnings("unchecked")
    private static G copy(G g, List<double[]> pts) {
        List<Object> parts = new ArrayList<>();
        for (Object o : g.parts) {
            if (o instanceof G) parts.add(copy((G) o, pts));
            else if (o instanceof double[]) {
                double[] p = ((double[]) o).clone();
                pts.add(p);
                parts.add(p);
            } else {
                List<Object> ring = new ArrayList<>();
                for (Object q : (List<Object>) o) {
                    double[] p = ((double[]) q).clone();
                    pts.add(p);
                    ring.add(p);
                }
                parts.add(ring);
            }
        }
        return new G(g.type, g.z, parts);
    }

    /** Moves each ring's last point onto its first (rings stay closed after a perturbation). */
    @SuppressWarnings("unchecked")
    private static void closeRings(G g) {
        for (Object o : g.parts) {
            if (o instanceof G) closeRings((G) o);
            else if (o instanceof List) {
                List<Object> ring = (List<Object>) o;
                double[] first = (double[]) ring.get(0), last = (double[]) ring.get(ring.size() - 1);
                System.arraycopy(first, 0, last, 0, first.length);
            }
        }
    }

    /** ISO WKB in either byte order. */
    private static byte[] wkb(G g, boolean little) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(g, little, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void write(G g, boolean little, ByteArrayOutputStream out) {
        out.write(little ? 1 : 0);
        writeInt(g.type + (g.z ? 1000 : 0), little, out);
        writeInt(g.parts.size(), little, out);
        for (Object o : g.parts) {
            if (o instanceof G) write((G) o, little, out);
            else if (o instanceof double[]) writePoint((double[]) o, little, out);
            else {
                List<Object> ring = (List<Object>) o;
                writeInt(ring.size(), little, out);
                for (Object p : ring) writePoint((double[]) p, little, out);
            }
        }
    }

    private static void writePoint(double[] p, boolean little, ByteArrayOutputStream out) {
        ByteBuffer b = ByteBuffer.allocate(8 * p.length).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        for (double v : p) b.putDouble(v);
        out.writeBytes(b.array());
    }

    private static void writeInt(int v, boolean little, ByteArrayOutputStream out) {
        out.writeBytes(ByteBuffer.allocate(4).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).putInt(v).array());
    }
}
