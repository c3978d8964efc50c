package fr.bdfsync.core.feature;

import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.Length;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A stored geometry's coordinates read straight from its WKB into packed sequences (one {@code double[]} per line,
 * ring or point), without building a JTS geometry: what {@link GeometryEquality#compare(GeometryValue, GeometryValue)}
 * needs to decide the common case of a diff (the same layout on both sides, a few vertices moved within the
 * tolerance) without {@code WKBReader} allocating a {@code Coordinate} per vertex.
 * <p>
 * Only the encodings whose JTS reading is exactly these coordinates are accepted: ISO WKB (either byte order) of
 * points, lines, polygons and their Multi forms, 2D or Z, with no empty part, no NaN x or y, lines of two points or
 * more and rings closed with four points or more (JTS repairs other rings and lines when it reads them). Anything else
 * ({@code read} gives null) goes through JTS.
 */
final class StoredShape {
    static final int POINT = 1, LINE = 2, POLYGON = 3, MULTI_POINT = 4, MULTI_LINE = 5, MULTI_POLYGON = 6;
    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** The geometry type (1-6, as in WKB) and whether it carries Z. */
    final int type;
    final boolean z;
    /** Every point, line and ring, in WKB order (that of {@code Geometry.getCoordinates()}). */
    final PackedCoordinateSequence.Double[] parts;
    /** Their raw coordinates (x, y[, z] per vertex). */
    final double[][] coords;
    /** For polygonal types, the number of rings of each polygon, in order; else null. */
    final int[] rings;
    /** The largest absolute ordinate of the envelope JTS gives the geometry (a polygon's is its shell's). */
    final double magnitude;

    private StoredShape(int type, boolean z, double[][] coords, int[] rings, double magnitude) {
        this.type = type;
        this.z = z;
        this.coords = coords;
        this.rings = rings;
        this.magnitude = magnitude;
        int dim = z ? 3 : 2;
        this.parts = new PackedCoordinateSequence.Double[coords.length];
        for (int i = 0; i < coords.length; i++) parts[i] = new PackedCoordinateSequence.Double(coords[i], dim, 0);
    }

    /** The value's stored coordinates, or null when it is already parsed or its encoding is left to JTS. */
    static StoredShape of(GeometryValue v) {
        return v.isParsed() ? null : v.storedShape();
    }

    /** Reads the WKB {@code buf[from, to)}; null when its encoding is not one this class accepts. */
    static StoredShape read(byte[] buf, int from, int to) {
        try {
            Reader r = new Reader(buf, from, to);
            return r.shape();
        } catch (IndexOutOfBoundsException e) {
            return null; // truncated: JTS reports it
        }
    }

    int dimension() {
        return z ? 3 : 2;
    }

    /** The same type, Z-ness, number of parts, rings and vertices in each: vertex i of one matches vertex i of the other. */
    boolean sameLayout(StoredShape o) {
        if (type != o.type || z != o.z || coords.length != o.coords.length) return false;
        if (rings != null && !java.util.Arrays.equals(rings, o.rings)) return false;
        for (int i = 0; i < coords.length; i++) if (coords[i].length != o.coords[i].length) return false;
        return true;
    }

    /** Whether the parts are points (else lines or rings). */
    boolean points() {
        return type == POINT || type == MULTI_POINT;
    }

    /** {@code Geometry.getArea()} of the JTS geometry, bit for bit (the same ring formula, summed in the same order). */
    double area() {
        if (rings == null) return 0.0;
        double sum = 0.0;
        for (int p = 0, k = 0; p < rings.length; p++) {
            double area = 0.0;
            area += Area.ofRing(parts[k++]);
            for (int h = 1; h < rings[p]; h++) area -= Area.ofRing(parts[k++]);
            if (type == POLYGON) return area;
            sum += area;
        }
        return sum;
    }

    /** {@code Geometry.getLength()} of the JTS geometry, bit for bit. */
    double length() {
        switch (type) {
            case LINE:
                return Length.ofLine(parts[0]);
            case MULTI_LINE: {
                double sum = 0.0;
                for (PackedCoordinateSequence.Double s : parts) sum += Length.ofLine(s);
                return sum;
            }
            case POLYGON:
            case MULTI_POLYGON: {
                double sum = 0.0;
                for (int p = 0, k = 0; p < rings.length; p++) {
                    double len = 0.0;
                    for (int h = 0; h < rings[p]; h++) len += Length.ofLine(parts[k++]);
                    if (type == POLYGON) return len;
                    sum += len;
                }
                return sum;
            }
            default:
                return 0.0;
        }
    }

    /** A cursor over one WKB value; every unsupported encoding makes {@link #shape()} give null. */
    private static final class Reader {
        private final byte[] b;
        private final int end;
        private int at;
        private boolean little;
        private final java.util.ArrayList<double[]> parts = new java.util.ArrayList<>();
        private int[] rings;
        private int polygons;
        private double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;

        Reader(byte[] b, int from, int to) {
            this.b = b;
            this.at = from;
            this.end = to;
        }

        StoredShape shape() {
            int[] header = header();
            if (header == null) return null;
            int type = header[0];
            boolean z = header[1] == 1;
            int dim = z ? 3 : 2;
            boolean ok;
            switch (type) {
                case POINT:
                    ok = point(dim, true);
                    break;
                case LINE:
                    ok = line(dim, false, true);
                    break;
                case POLYGON:
                    rings = new int[1];
                    ok = polygon(dim);
                    break;
                case MULTI_POINT:
                case MULTI_LINE:
                case MULTI_POLYGON: {
                    int n = count();
                    if (n <= 0 || n > (end - at) / 9) return null; // a part takes 9 bytes at least
                    if (type == MULTI_POLYGON) rings = new int[n];
                    ok = true;
                    for (int i = 0; i < n && ok; i++) {
                        int[] h = header();
                        if (h == null || h[0] != type - 3 || h[1] != header[1]) return null;
                        ok = type == MULTI_POINT ? point(dim, true) : type == MULTI_LINE ? line(dim, false, true) : polygon(dim);
                    }
                    break;
                }
                default:
                    return null;
            }
            if (!ok || at != end) return null;
            double mag = Math.max(Math.max(Math.abs(minX), Math.abs(maxX)), Math.max(Math.abs(minY), Math.abs(maxY)));
            return new StoredShape(type, z, parts.toArray(new double[0][]), rings, mag);
        }

        /** {type 1-7, 1 when Z}, or null for EWKB flags, M, or an unknown type; sets the byte order. */
        private int[] header() {
            byte order = b[at++];
            if (order != 0 && order != 1) return null;
            little = order == 1;
            int code = count();
            if (code >= 1 && code <= 6) return new int[]{code, 0};
            if (code >= 1001 && code <= 1006) return new int[]{code - 1000, 1};
            return null;
        }

        private int count() {
            int v = (int) (little ? LE_INT.get(b, at) : BE_INT.get(b, at));
            at += 4;
            return v;
        }

        private double ordinate() {
            double v = (double) (little ? LE.get(b, at) : BE.get(b, at));
            at += 8;
            return v;
        }

        private boolean point(int dim, boolean inEnvelope) {
            double[] c = new double[dim];
            for (int k = 0; k < dim; k++) c[k] = ordinate();
            if (Double.isNaN(c[0]) || Double.isNaN(c[1])) return false; // JTS reads NaN NaN as an empty point
            if (inEnvelope) widen(c);
            parts.add(c);
            return true;
        }

        private boolean line(int dim, boolean ring, boolean inEnvelope) {
            int n = count();
            if (n < (ring ? 4 : 2) || (long) n * dim * 8 > end - at) return false;
            double[] c = new double[n * dim];
            for (int i = 0; i < c.length; i++) c[i] = ordinate();
            for (int i = 0; i < n; i++) if (Double.isNaN(c[i * dim]) || Double.isNaN(c[i * dim + 1])) return false;
            if (ring && (c[0] != c[(n - 1) * dim] || c[1] != c[(n - 1) * dim + 1])) return false; // JTS would close it
            if (inEnvelope) widen(c, dim);
            parts.add(c);
            return true;
        }

        private boolean polygon(int dim) {
            int n = count();
            if (n <= 0 || n > (end - at) / 4) return false; // a ring takes 4 bytes at least
            rings[polygons++] = n;
            for (int r = 0; r < n; r++) if (!line(dim, true, r == 0)) return false; // the envelope is the shell's
            return true;
        }

        private void widen(double[] c) {
            minX = Math.min(minX, c[0]);
            maxX = Math.max(maxX, c[0]);
            minY = Math.min(minY, c[1]);
            maxY = Math.max(maxY, c[1]);
        }

        private void widen(double[] c, int dim) {
            for (int i = 0; i < c.length; i += dim) {
                minX = Math.min(minX, c[i]);
                maxX = Math.max(maxX, c[i]);
                minY = Math.min(minY, c[i + 1]);
                maxY = Math.max(maxY, c[i + 1]);
            }
        }
    }
}
