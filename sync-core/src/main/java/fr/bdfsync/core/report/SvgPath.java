package fr.bdfsync.core.report;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * SVG path data for a geometry, in the report's local frame: x = X − originX, y = originY − Y (CRS units,
 * y pointing down as SVG wants), rounded to 0.1 m for projected CRSs (finer than any BD TOPO
 * {@code precision_planimetrique}; see {@link #digitsFor} for degrees),
 * consecutive vertices that round to the same point dropped; each ring or line starts absolute ({@code M x y})
 * and goes on relative ({@code l dx dy ...}, computed on the rounded values so nothing drifts), which keeps
 * 10,000 conflicts' geometries about a third smaller. Points become zero-length segments
 * ({@code "M x yh0"}) drawn as dots by round line caps. Computed once in Java so the browser only assigns
 * strings.
 */
public final class SvgPath {
    private final double originX, originY;
    private final int digits;
    private final double factor;

    /** Decimetres: for projected CRSs in metres. */
    public SvgPath(double originX, double originY) {
        this(originX, originY, 1);
    }

    /** Coordinates kept to {@code digits} decimals of the CRS unit. */
    public SvgPath(double originX, double originY, int digits) {
        this.originX = originX;
        this.originY = originY;
        this.digits = digits;
        this.factor = Math.pow(10, digits);
    }

    /**
     * The decimals that keep about 1/10,000 of an extent's span, at least 1: 0.1 m for any extent of
     * metres larger than 1 km, 6 decimals (about 0.1 m) for a few hundredths of a degree in EPSG:4326.
     */
    public static int digitsFor(Envelope extent) {
        double span = Math.max(extent.getWidth(), extent.getHeight());
        if (!(span > 0)) return 1;
        return (int) Math.max(1, Math.min(9, 4 - Math.floor(Math.log10(span))));
    }

    /** The local x of a map X, rounded. */
    public double x(double x) {
        return Math.round((x - originX) * factor) / factor;
    }

    public double y(double y) {
        return Math.round((originY - y) * factor) / factor;
    }

    /** A local-frame envelope as [x, y, width, height]. */
    public double[] box(Envelope e) {
        return new double[]{x(e.getMinX()), y(e.getMaxY()), Math.round(e.getWidth() * factor) / factor, Math.round(e.getHeight() * factor) / factor};
    }

    public String path(Geometry g) {
        StringBuilder sb = new StringBuilder();
        append(g, sb);
        return sb.toString();
    }

    private void append(Geometry g, StringBuilder sb) {
        if (g == null || g.isEmpty()) return;
        if (g instanceof Point) {
            Coordinate c = g.getCoordinate();
            sb.append('M');
            scaled(sb, Math.round((c.x - originX) * factor)).append(' ');
            scaled(sb, Math.round((originY - c.y) * factor)).append("h0");
        } else if (g instanceof LineString) {
            sequence(((LineString) g).getCoordinateSequence(), false, sb);
        } else if (g instanceof Polygon) {
            Polygon p = (Polygon) g;
            sequence(p.getExteriorRing().getCoordinateSequence(), true, sb);
            for (int i = 0; i < p.getNumInteriorRing(); i++) sequence(p.getInteriorRingN(i).getCoordinateSequence(), true, sb);
        } else {
            for (int i = 0; i < g.getNumGeometries(); i++) append(g.getGeometryN(i), sb);
        }
    }

    private void sequence(CoordinateSequence seq, boolean closed, StringBuilder sb) {
        int n = closed ? seq.size() - 1 : seq.size();
        long px = 0, py = 0;
        int written = 0;
        for (int i = 0; i < n; i++) {
            long x = Math.round((seq.getX(i) - originX) * factor), y = Math.round((originY - seq.getY(i)) * factor);
            if (written == 0) {
                sb.append('M');
                scaled(sb, x).append(' ');
                scaled(sb, y);
            } else {
                if (x == px && y == py) continue;
                sb.append(written == 1 ? 'l' : ' ');
                scaled(sb, x - px).append(' ');
                scaled(sb, y - py);
            }
            written++;
            px = x;
            py = y;
        }
        if (written > 0 && closed) sb.append('Z');
    }

    /** A count of 10^-digits units in decimal: with 1 digit, 125 as "12.5", 120 as "12", -3 as "-0.3". */
    private StringBuilder scaled(StringBuilder sb, long n) {
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        long unit = (long) factor;
        sb.append(n / unit);
        long frac = n % unit;
        if (frac != 0) {
            String f = Long.toString(unit + frac).substring(1); // zero-padded to digits
            int end = f.length();
            while (f.charAt(end - 1) == '0') end--;
            sb.append('.').append(f, 0, end);
        }
        return sb;
    }
}
