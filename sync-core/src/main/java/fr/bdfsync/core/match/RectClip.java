package fr.bdfsync.core.match;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;

/**
 * Area of a ring inside an axis-aligned rectangle, by Sutherland–Hodgman clipping against the rectangle's four
 * sides in turn (written here: JTS's {@code RectangleIntersection} builds geometries, this only sums an area over
 * flat arrays). The signed area of the clipped vertex sequence is the area of the ring inside the rectangle for any
 * simple ring: where a concave ring leaves and re-enters the window, the clipped sequence runs along the window's side
 * and back, which encloses no area.
 */
final class RectClip {
    private RectClip() {
    }

    /** Absolute area of the simple ring {@code ring} (closed, first vertex repeated) inside {@code r}. */
    static double area(CoordinateSequence ring, Envelope r) {
        int n = ring.size() - 1; // closing vertex dropped
        if (n < 3) return 0;
        double[] x = new double[n];
        double[] y = new double[n];
        boolean inside = true;
        for (int i = 0; i < n; i++) {
            x[i] = ring.getX(i);
            y[i] = ring.getY(i);
            inside &= r.contains(x[i], y[i]);
        }
        if (inside) return Math.abs(signedArea(x, y, n));
        double[][] buf = {x, y, new double[2 * n + 8], new double[2 * n + 8]};
        int m = n;
        for (int side = 0; side < 4 && m > 0; side++) m = clip(buf, m, side, r);
        return m < 3 ? 0 : Math.abs(signedArea(buf[0], buf[1], m));
    }

    /** Clips buf[0..1] (m vertices) against one side into buf[2..3], then swaps; returns the new vertex count. */
    private static int clip(double[][] buf, int m, int side, Envelope r) {
        double[] ix = buf[0];
        double[] iy = buf[1];
        int cap = 2 * m + 8;
        double[] ox = buf[2].length >= cap ? buf[2] : new double[cap];
        double[] oy = buf[3].length >= cap ? buf[3] : new double[cap];
        int k = 0;
        double px = ix[m - 1];
        double py = iy[m - 1];
        boolean pin = in(px, py, side, r);
        for (int i = 0; i < m; i++) {
            double cx = ix[i];
            double cy = iy[i];
            boolean cin = in(cx, cy, side, r);
            if (cin != pin) {
                // crossing point on the side's line
                if (side < 2) {
                    double lx = side == 0 ? r.getMinX() : r.getMaxX();
                    ox[k] = lx;
                    oy[k] = py + (cy - py) * (lx - px) / (cx - px);
                } else {
                    double ly = side == 2 ? r.getMinY() : r.getMaxY();
                    ox[k] = px + (cx - px) * (ly - py) / (cy - py);
                    oy[k] = ly;
                }
                k++;
            }
            if (cin) {
                ox[k] = cx;
                oy[k] = cy;
                k++;
            }
            px = cx;
            py = cy;
            pin = cin;
        }
        buf[2] = ix.length >= cap ? ix : new double[cap];
        buf[3] = iy.length >= cap ? iy : new double[cap];
        buf[0] = ox;
        buf[1] = oy;
        return k;
    }

    private static boolean in(double x, double y, int side, Envelope r) {
        return switch (side) {
            case 0 -> x >= r.getMinX();
            case 1 -> x <= r.getMaxX();
            case 2 -> y >= r.getMinY();
            default -> y <= r.getMaxY();
        };
    }

    /** Shoelace formula over an open vertex sequence, relative to its first vertex (less cancellation). */
    static double signedArea(double[] x, double[] y, int n) {
        double x0 = x[0];
        double y0 = y[0];
        double s = 0;
        for (int i = 1; i < n - 1; i++) s += (x[i] - x0) * (y[i + 1] - y0) - (x[i + 1] - x0) * (y[i] - y0);
        return s / 2;
    }
}
