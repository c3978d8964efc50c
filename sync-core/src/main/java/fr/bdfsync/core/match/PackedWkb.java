package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * WKB of a plain two-dimensional polygon or multipolygon read straight into packed coordinate sequences: each ring's
 * doubles copied from the bytes into the sequence's flat array, instead of JTS's {@code WKBReader}, which reads one
 * ordinate at a time through its stream and sets it through the sequence's interface (a tenth of the attach samples
 * went there, local and national geometries together). Only the plain case is read here: both byte orders, type 3
 * (polygon) or 6 (multipolygon of type-3 parts) without Z, M or SRID flags, at least one ring per polygon, every ring
 * of at least four vertices whose first and last are equal (then JTS's reader returns the ring's sequence as read, and
 * its floating precision model leaves every coordinate as it is), every count within the bytes. Anything else
 * (points, lines, empty parts, unclosed rings, Z or M, truncated bytes) goes to JTS's reader, so the geometry is the one
 * {@code new WKBReader(factory).read(wkb)} gives, coordinate for coordinate (tested on generated and real layers).
 */
final class PackedWkb {
    private static final VarHandle LE_DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private PackedWkb() {
    }

    /** The geometry of {@code wkb} in {@code factory} (whose sequences must be packed doubles), as JTS reads it. */
    static Geometry read(byte[] wkb, GeometryFactory factory) throws ParseException {
        return read(wkb, 0, factory);
    }

    /**
     * The geometry of a stored value ({@link GeometryValue#storedBytes()} from {@link GeometryValue#wkbOffset()} on),
     * read in place: {@link GeometryValue#wkb()} would copy the WKB out of a GeoPackage blob first.
     */
    static Geometry read(GeometryValue value, GeometryFactory factory) throws ParseException {
        return read(value.storedBytes(), value.wkbOffset(), factory);
    }

    /** The geometry of the WKB that fills {@code bytes} from {@code from} to its end. */
    static Geometry read(byte[] bytes, int from, GeometryFactory factory) throws ParseException {
        Geometry g = bytes.length - from >= 9 ? new Cursor(bytes, from, factory).plain() : null;
        if (g != null) return g;
        return new WKBReader(factory).read(from == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    }

    /** A reading position in the bytes; every method answers null (read by JTS instead) outside the plain case. */
    private static final class Cursor {
        private final byte[] b;
        private final GeometryFactory factory;
        private int at;
        private boolean little;

        Cursor(byte[] b, int from, GeometryFactory factory) {
            this.b = b;
            this.at = from;
            this.factory = factory;
        }

        Geometry plain() {
            int type = header();
            if (type == 3) {
                Polygon p = polygon();
                return at == b.length ? p : null;
            }
            if (type != 6) return null;
            if (at + 4 > b.length) return null;
            int parts = readInt();
            if (parts <= 0 || parts > (b.length - at) / 9) return null;
            Polygon[] polygons = new Polygon[parts];
            for (int i = 0; i < parts; i++) {
                if (header() != 3) return null;
                polygons[i] = polygon();
                if (polygons[i] == null) return null;
            }
            return at == b.length ? factory.createMultiPolygon(polygons) : null;
        }

        /** Byte order and type of the geometry at the position; -1 when the bytes end or the order is unknown. */
        private int header() {
            if (at + 5 > b.length) return -1;
            byte order = b[at];
            if (order != 0 && order != 1) return -1;
            little = order == 1;
            at++;
            return readInt();
        }

        private Polygon polygon() {
            if (at + 4 > b.length) return null;
            int rings = readInt();
            if (rings <= 0 || rings > (b.length - at) / 4) return null;
            LinearRing shell = ring();
            if (shell == null) return null;
            LinearRing[] holes = rings > 1 ? new LinearRing[rings - 1] : null;
            for (int i = 0; i < rings - 1; i++) {
                holes[i] = ring();
                if (holes[i] == null) return null;
            }
            return factory.createPolygon(shell, holes);
        }

        private LinearRing ring() {
            if (at + 4 > b.length) return null;
            int n = readInt();
            if (n < 4 || n > (b.length - at) / 16) return null;
            double[] xy = new double[2 * n];
            VarHandle d = little ? LE_DOUBLE : BE_DOUBLE;
            for (int i = 0; i < xy.length; i++, at += 8) xy[i] = (double) d.get(b, at);
            if (!(xy[0] == xy[xy.length - 2] && xy[1] == xy[xy.length - 1])) {
                return null; // not closed as JTS's ring test compares (NaN ends included): JTS's reader decides
            }
            return factory.createLinearRing(new PackedCoordinateSequence.Double(xy, 2, 0));
        }

        private int readInt() {
            int v = (int) (little ? LE_INT : BE_INT).get(b, at);
            at += 4;
            return v;
        }
    }
}
