package fr.bdfsync.core.feature;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes ISO 13249-3 WKB (Z as code+1000, M as +2000, ZM as +3000), little-endian, as the GeoPackage
 * spec requires. Written here because JTS's {@code WKBWriter} emits the EWKB flag convention
 * (0x80000000 for Z) and NGA's writer needs its own geometry model: a conversion per feature would cost
 * more than these few lines.
 */
public final class IsoWkb {
    private IsoWkb() {
    }

    /** Encodes with the Z and M ordinates the geometry carries. */
    public static byte[] write(Geometry g) {
        boolean z = hasZ(g);
        boolean m = hasM(g);
        Out out = new Out(estimate(g, z, m));
        write(g, z, m, out);
        return out.toByteArray();
    }

    /** Encodes with the Z and M flags given (missing ordinates written as NaN / 0). */
    public static byte[] write(Geometry g, boolean z, boolean m) {
        Out out = new Out(estimate(g, z, m));
        write(g, z, m, out);
        return out.toByteArray();
    }

    public static boolean hasZ(Geometry g) {
        if (g.isEmpty()) return false;
        CoordinateSequence seq = firstSequence(g);
        if (seq != null && !seq.hasZ()) return false;
        double z = g.getCoordinate().getZ();
        return !Double.isNaN(z);
    }

    public static boolean hasM(Geometry g) {
        if (g.isEmpty()) return false;
        CoordinateSequence seq = firstSequence(g);
        return seq != null && seq.hasM() && !Double.isNaN(seq.getM(0));
    }

    private static CoordinateSequence firstSequence(Geometry g) {
        if (g instanceof Point) return ((Point) g).getCoordinateSequence();
        if (g instanceof LineString) return ((LineString) g).getCoordinateSequence();
        if (g instanceof Polygon) return ((Polygon) g).getExteriorRing().getCoordinateSequence();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part != g && !part.isEmpty()) return firstSequence(part);
        }
        return null;
    }

    private static int estimate(Geometry g, boolean z, boolean m) {
        int dims = 2 + (z ? 1 : 0) + (m ? 1 : 0);
        return 9 + g.getNumPoints() * dims * 8 + g.getNumGeometries() * 16 + 32;
    }

    private static int code(Geometry g) {
        if (g instanceof Point) return 1;
        if (g instanceof LineString) return 2;
        if (g instanceof Polygon) return 3;
        if (g instanceof MultiPoint) return 4;
        if (g instanceof MultiLineString) return 5;
        if (g instanceof MultiPolygon) return 6;
        if (g instanceof GeometryCollection) return 7;
        throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
    }

    private static void write(Geometry g, boolean z, boolean m, Out out) {
        out.writeByte(1);
        out.writeInt(code(g) + (z ? 1000 : 0) + (m ? 2000 : 0));
        if (g instanceof Point) {
            Point p = (Point) g;
            if (p.isEmpty()) {
                out.writeDouble(Double.NaN);
                out.writeDouble(Double.NaN);
                if (z) out.writeDouble(Double.NaN);
                if (m) out.writeDouble(Double.NaN);
            } else {
                writeCoordinate(p.getCoordinateSequence(), 0, z, m, out);
            }
        } else if (g instanceof LineString) {
            writeSequence(((LineString) g).getCoordinateSequence(), z, m, out);
        } else if (g instanceof Polygon) {
            Polygon p = (Polygon) g;
            if (p.isEmpty()) {
                out.writeInt(0);
                return;
            }
            out.writeInt(1 + p.getNumInteriorRing());
            writeSequence(p.getExteriorRing().getCoordinateSequence(), z, m, out);
            for (int i = 0; i < p.getNumInteriorRing(); i++) writeSequence(p.getInteriorRingN(i).getCoordinateSequence(), z, m, out);
        } else {
            out.writeInt(g.getNumGeometries());
            for (int i = 0; i < g.getNumGeometries(); i++) write(g.getGeometryN(i), z, m, out);
        }
    }

    private static void writeSequence(CoordinateSequence seq, boolean z, boolean m, Out out) {
        out.writeInt(seq.size());
        for (int i = 0; i < seq.size(); i++) writeCoordinate(seq, i, z, m, out);
    }

    private static void writeCoordinate(CoordinateSequence seq, int i, boolean z, boolean m, Out out) {
        out.writeDouble(seq.getX(i));
        out.writeDouble(seq.getY(i));
        if (z) out.writeDouble(seq.hasZ() ? seq.getZ(i) : Double.NaN);
        if (m) out.writeDouble(seq.hasM() ? seq.getM(i) : 0.0);
    }

    /**
     * A little-endian byte buffer: plain array writes, grown by doubling (a {@code ByteArrayOutputStream} took a lock
     * and checked its capacity for every byte: 4 % of a sync run's CPU went there).
     */
    private static final class Out {
        private static final java.lang.invoke.VarHandle INT =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final java.lang.invoke.VarHandle LONG =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private byte[] buf;
        private int count;

        Out(int size) {
            buf = new byte[Math.max(size, 16)];
        }

        private void room(int n) {
            if (count + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
        }

        void writeByte(int b) {
            room(1);
            buf[count++] = (byte) b;
        }

        void writeInt(int v) {
            room(4);
            INT.set(buf, count, v);
            count += 4;
        }

        void writeDouble(double d) {
            room(8);
            LONG.set(buf, count, Double.doubleToRawLongBits(d));
            count += 8;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }
}
