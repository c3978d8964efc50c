package fr.bdfsync.core.report;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * SVG path data for a geometry, in the report's local frame: x = X − originX, y = originY − Y (metres,
 * y pointing down as SVG wants), rounded to 0.1 m (finer than any BD TOPO {@code precision_planimetrique}),
 * consecutive vertices that round to the same point dropped; each ring or line starts absolute ({@code M x y})
 * and goes on relative ({@code l dx dy ...}, computed on the rounded values so nothing drifts), which keeps
 * 10,000 conflicts' geometries about a third smaller. Points become zero-length segments
 * ({@code "M x yh0"}) drawn as dots by round line caps. Computed once in Java so the browser only assigns
 * strings.
 */
public final class SvgPath {
    private final double originX, originY;

    public SvgPath(double originX, double originY) {
        this.originX = originX;
        this.originY = originY;
    }

    /** The local x of a map X, rounded to 0.1 m. */
    public double x(double x) {
        return Math.round((x - originX) * 10) / 10.0;
    }

    public double y(double y) {
        return Math.round((originY - y) * 10) / 10.0;
    }

    /** A local-frame envelope as [x, y, width, height]. */
    public double[] box(Envelope e) {
        return new double[]{x(e.getMinX()), y(e.getMaxY()), Math.round(e.getWidth() * 10) / 10.0, Math.round(e.getHeight() * 10) / 10.0};
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
            number(sb, x(c.x)).append(' ');
            number(sb, y(c.y)).append("h0");
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
            long x = Math.round((seq.getX(i) - originX) * 10), y = Math.round((originY - seq.getY(i)) * 10);
            if (written == 0) {
                sb.append('M');
                tenths(sb, x).append(' ');
                tenths(sb, y);
            } else {
                if (x == px && y == py) continue;
                sb.append(written == 1 ? 'l' : ' ');
                tenths(sb, x - px).append(' ');
                tenths(sb, y - py);
            }
            written++;
            px = x;
            py = y;
        }
        if (written > 0 && closed) sb.append('Z');
    }

    /** 12.0 as "12", 12.5 as "12.5", -0.0 as "0". */
    static StringBuilder number(StringBuilder sb, double v) {
        return tenths(sb, Math.round(v * 10));
    }

    /** A count of decimetres as metres: 125 as "12.5", 120 as "12". */
    static StringBuilder tenths(StringBuilder sb, long tenths) {
        if (tenths < 0) {
            sb.append('-');
            tenths = -tenths;
        }
        sb.append(tenths / 10);
        if (tenths % 10 != 0) sb.append('.').append(tenths % 10);
        return sb;
    }
}
