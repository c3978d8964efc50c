package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Line ends and point-to-line distances read straight from the stored WKB of a (multi)line, without
 * building a JTS geometry: the network detector asks these questions of many unchanged neighbours, and a
 * parse per question would dominate. ISO WKB (1002, 2002, 3002 dimensions) and extended WKB (Z/M/SRID flags)
 * are read; anything else (or an already parsed value) goes through JTS, with the same answers.
 */
final class WkbLines {
    private static final int LINESTRING = 2;
    private static final int MULTILINESTRING = 5;

    private WkbLines() {
    }

    /** Start and end points of each open line part (in order: start0, end0, start1, end1...), with Z when the line has one. */
    static List<Coordinate> ends(GeometryValue g) {
        List<Coordinate> out = new ArrayList<>();
        if (g == null) return out;
        Reader r = g.isParsed() ? null : Reader.of(g);
        if (r == null) return jtsEnds(g.parseTransient());
        r.lines((buf, pos, n, dim) -> {
            if (n == 0) return false;
            double x0 = buf.getDouble(pos), y0 = buf.getDouble(pos + 8);
            int last = pos + (n - 1) * dim * 8;
            double x1 = buf.getDouble(last), y1 = buf.getDouble(last + 8);
            if (x0 != x1 || y0 != y1) {
                // with their Z, as JTS gives them (an end becomes a conflict's point, hashed with its Z)
                out.add(r.z ? new Coordinate(x0, y0, buf.getDouble(pos + 16)) : new Coordinate(x0, y0));
                out.add(r.z ? new Coordinate(x1, y1, buf.getDouble(last + 16)) : new Coordinate(x1, y1));
            }
            return false;
        });
        return out;
    }

    /** Whether the (multi)line comes within {@code d} of {@code c}. */
    static boolean withinDistance(GeometryValue g, Coordinate c, double d) {
        if (g == null) return false;
        Reader r = g.isParsed() ? null : Reader.of(g);
        if (r == null) {
            Geometry geom = g.parseTransient();
            return geom != null && geom.isWithinDistance(geom.getFactory().createPoint(c), d);
        }
        double d2 = d * d;
        return r.lines((buf, pos, n, dim) -> pointsWithin(buf, pos, n, dim, c, d2));
    }

    /**
     * Whether {@code n} points from byte {@code pos} (one point, or a line's consecutive segments) come within
     * {@code sqrt(d2)} of {@code c}.
     */
    private static boolean pointsWithin(ByteBuffer buf, int pos, int n, int dim, Coordinate c, double d2) {
        double px = buf.getDouble(pos), py = buf.getDouble(pos + 8);
        if (n == 1) return sq(px - c.x) + sq(py - c.y) <= d2;
        for (int i = 1; i < n; i++) {
            int p = pos + i * dim * 8;
            double qx = buf.getDouble(p), qy = buf.getDouble(p + 8);
            if (segmentDistanceSq(c.x, c.y, px, py, qx, qy) <= d2) return true;
            px = qx;
            py = qy;
        }
        return false;
    }

    /** Points of a part per run of {@link Runs} (a run's last point is the next run's first). */
    private static final int RUN = 16;

    /**
     * A (multi)line's points in runs of {@link #RUN} consecutive points, each run with the bounds of its points, for
     * many distance questions on one line: {@link #withinDistance(Coordinate, double)} reads only the runs whose
     * bounds, widened by the distance (and a margin far above rounding), hold the point; any other run's segments
     * are all farther than the distance. The segments read are measured by the same code as
     * {@link WkbLines#withinDistance(GeometryValue, Coordinate, double)}, so the answers are the same (tested on random
     * lines), for a fraction of the reads on long lines. About 21 bytes per run (float bounds rounded outwards, a run of up to
     * 16 points), built for one line's several questions and dropped after (kept for every seed line of the network
     * search, they no longer fit the 1M job's heap).
     */
    static final class Runs {
        private final ByteBuffer buf;
        private final int dim;
        /** Per run: byte position of its first point, its point count (1: a part of one point). */
        private final int[] pos;
        private final byte[] points;
        /** Per run: min x, max x, min y, max y, as floats rounded outwards (half the memory; they only decide what is read). */
        private final float[] bounds;

        private Runs(ByteBuffer buf, int dim, int[] pos, byte[] points, float[] bounds) {
            this.buf = buf;
            this.dim = dim;
            this.pos = pos;
            this.points = points;
            this.bounds = bounds;
        }

        /** The runs of a (multi)line read from its stored bytes, or null (parsed value, other type, empty or malformed part). */
        static Runs of(GeometryValue g) {
            if (g == null || g.isParsed()) return null;
            Reader r = Reader.of(g);
            if (r == null) return null;
            int[] parts = r.partCount();
            if (parts == null) return null;
            List<int[]> runs = new ArrayList<>();
            int[] dims = {0};
            ByteBuffer[] bufs = {null};
            boolean[] bad = {false};
            int[] walked = {0};
            r.lines((b, p, n, d) -> {
                walked[0]++;
                if (n == 0) {
                    bad[0] = true;
                    return true;
                }
                dims[0] = d;
                bufs[0] = b;
                if (n == 1) {
                    runs.add(new int[]{p, 1});
                    return false;
                }
                for (int first = 0; first < n - 1; first += RUN - 1) {
                    int last = Math.min(n - 1, first + RUN - 1);
                    runs.add(new int[]{p + first * d * 8, last - first + 1});
                }
                return false;
            });
            if (bad[0] || walked[0] != parts[0]) return null;
            int k = runs.size();
            int[] pos = new int[k];
            byte[] points = new byte[k];
            float[] bounds = new float[4 * k];
            for (int i = 0; i < k; i++) {
                pos[i] = runs.get(i)[0];
                points[i] = (byte) runs.get(i)[1];
                double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < points[i]; j++) {
                    int q = pos[i] + j * dims[0] * 8;
                    double x = bufs[0].getDouble(q), y = bufs[0].getDouble(q + 8);
                    minX = Math.min(minX, x); // a NaN stays: the run is then always read
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
                bounds[4 * i] = Math.nextDown((float) minX);
                bounds[4 * i + 1] = Math.nextUp((float) maxX);
                bounds[4 * i + 2] = Math.nextDown((float) minY);
                bounds[4 * i + 3] = Math.nextUp((float) maxY);
            }
            return new Runs(bufs[0], dims[0], pos, points, bounds);
        }

        /** Whether the line comes within {@code d} of {@code c}: as {@link WkbLines#withinDistance(GeometryValue, Coordinate, double)}. */
        boolean withinDistance(Coordinate c, double d) {
            double d2 = d * d;
            // far above the rounding of the distance computation, so that no run holding a segment within d is skipped
            double m = d + 1e-9 * (1 + Math.abs(c.x) + Math.abs(c.y));
            for (int i = 0; i < pos.length; i++) {
                int b = 4 * i;
                // written so that a NaN bound or coordinate reads the run
                if (c.x < bounds[b] - m || c.x > bounds[b + 1] + m || c.y < bounds[b + 2] - m || c.y > bounds[b + 3] + m) continue;
                if (pointsWithin(buf, pos[i], points[i], dim, c, d2)) return true;
            }
            return false;
        }
    }

    /** Whether the envelope of some segment of the (multi)line meets {@code e} (true when the bytes cannot be read so). */
    static boolean segmentBoundsMeet(GeometryValue g, Envelope e) {
        if (g == null) return false;
        Reader r = g.isParsed() ? null : Reader.of(g);
        if (r == null) return g.envelope().intersects(e);
        return r.lines((buf, pos, n, dim) -> {
            double px = buf.getDouble(pos), py = buf.getDouble(pos + 8);
            if (n == 1) return e.intersects(px, py);
            for (int i = 1; i < n; i++) {
                int p = pos + i * dim * 8;
                double qx = buf.getDouble(p), qy = buf.getDouble(p + 8);
                if (Math.min(px, qx) <= e.getMaxX() && Math.max(px, qx) >= e.getMinX()
                        && Math.min(py, qy) <= e.getMaxY() && Math.max(py, qy) >= e.getMinY()) return true;
                px = qx;
                py = qy;
            }
            return false;
        });
    }

    static List<Coordinate> jtsEnds(Geometry g) {
        List<Coordinate> out = new ArrayList<>();
        if (g == null) return out;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof LineString && !part.isEmpty() && !((LineString) part).isClosed()) {
                out.add(((LineString) part).getCoordinateN(0));
                out.add(((LineString) part).getCoordinateN(((LineString) part).getNumPoints() - 1));
            }
        }
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double segmentDistanceSq(double x, double y, double ax, double ay, double bx, double by) {
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
        t = Math.max(0, Math.min(1, t));
        return sq(x - (ax + t * dx)) + sq(y - (ay + t * dy));
    }

    /** Called for each line part: its first coordinate's byte position, point count and dimension; true stops. */
    private interface PartVisitor {
        boolean visit(ByteBuffer buf, int pos, int points, int dim);
    }

    /** A cursor over the line parts of one WKB value. */
    private static final class Reader {
        /** The stored bytes are {@code bytes[..end)} (the value may share a record's buffer: nothing past {@code end} is read). */
        private final byte[] bytes;
        private final int start;
        private final int end;
        /** Whether coordinates carry a Z (third value). */
        final boolean z;

        private Reader(byte[] bytes, int start, int end, boolean z) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.z = z;
        }

        /** Reads the value's WKB in place (no copy of the stored bytes: this runs on every candidate line). */
        static Reader of(GeometryValue g) {
            byte[] b = g.sharedArray();
            if (b == null) return null;
            int off = g.wkbStart(), end = g.wkbEnd();
            if (off < 0 || end < off + 9) return null;
            Header h = header(b, off, end);
            if (h == null || (h.type != LINESTRING && h.type != MULTILINESTRING)) return null;
            return new Reader(b, off, end, h.z);
        }

        /** The number of parts the header declares (1 for a line), or null when it cannot be read. */
        int[] partCount() {
            try {
                Header h = header(bytes, start, end);
                if (h == null) return null;
                return new int[]{h.type == LINESTRING ? 1 : h.buffer.getInt(h.body)};
            } catch (IndexOutOfBoundsException e) {
                return null;
            }
        }

        /** Visits every part; true when a visit stopped the walk. Malformed bytes end the walk (false). */
        boolean lines(PartVisitor v) {
            try {
                Header h = header(bytes, start, end);
                if (h.type == LINESTRING) return line(h, v);
                ByteBuffer buf = h.buffer;
                int count = buf.getInt(h.body);
                int pos = h.body + 4;
                for (int i = 0; i < count; i++) {
                    Header part = header(bytes, pos, end);
                    if (part == null || part.type != LINESTRING) return false;
                    if (line(part, v)) return true;
                    pos = part.body + 4 + part.buffer.getInt(part.body) * part.dim * 8;
                }
                return false;
            } catch (IndexOutOfBoundsException e) {
                return false;
            }
        }

        private boolean line(Header h, PartVisitor v) {
            int n = h.buffer.getInt(h.body);
            if (h.body + 4 + (long) n * h.dim * 8 > end) return false;
            return v.visit(h.buffer, h.body + 4, n, h.dim);
        }
    }

    /** Byte order, base type, coordinate dimension and where the body starts. */
    private record Header(ByteBuffer buffer, int type, int dim, int body, boolean z) {
    }

    /** The header at {@code b[off..]}, reads bounded by {@code end} (past it: IndexOutOfBoundsException, as past an array). */
    private static Header header(byte[] b, int off, int end) {
        if (off + 5 > end) return null;
        ByteBuffer buf = ByteBuffer.wrap(b, 0, end).order(b[off] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int raw = buf.getInt(off + 1);
        int body = off + 5;
        boolean z = (raw & 0x80000000) != 0, m = (raw & 0x40000000) != 0;
        if ((raw & 0x20000000) != 0) body += 4; // EWKB SRID
        int t = raw & 0x0FFFFFFF;
        int iso = t / 1000;
        t = t % 1000;
        if (iso == 1 || iso == 3) z = true;
        if (iso == 2 || iso == 3) m = true;
        return new Header(buf, t, 2 + (z ? 1 : 0) + (m ? 1 : 0), body, z);
    }
}
