package fr.bdfsync.core.feature;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link GeometryEquality}'s first test read from the stored WKB of both sides, without parsing: the same geometry
 * type, dimension and vertex counts, and every vertex within the tolerances of the vertex at the same position. A pair
 * that passes is the same shape, exactly as {@link GeometryEquality#compare} finds it on the parsed geometries (its
 * {@code sameInOrder} path: same structure, every vertex pair within {@code withinXy} and the Z tolerance), and a
 * comparison found the same reports no measure: nothing else is needed from the parse. Anything this check does not
 * prove goes to the full comparison: other types (points, collections), M ordinates, EWKB flags, empty parts, rings
 * that are not closed or shorter than four points (the parser closes or pads them), lines of one point, and any pair
 * with a vertex outside the tolerances.
 */
final class StoredOrderCheck {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_BE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    private static final int LINE = 2, POLYGON = 3, MULTI_LINE = 5, MULTI_POLYGON = 6;

    private StoredOrderCheck() {
    }

    /** True when WKB {@code a[af, at)} and {@code b[bf, bt)} are proven the same shape in stored order; false: not proven. */
    static boolean sameInStoredOrder(GeometryEquality eq, byte[] a, int af, int at, byte[] b, int bf, int bt) {
        Cursor ca = new Cursor(a, af, at), cb = new Cursor(b, bf, bt);
        return geometry(eq, ca, cb, 0) && ca.pos == at && cb.pos == bt;
    }

    /** One geometry of each side, {@code part} the type a Multi's part must have (0: any of the four). */
    private static boolean geometry(GeometryEquality eq, Cursor a, Cursor b, int part) {
        int ta = a.header(), tb = b.header();
        if (ta < 0 || ta != tb) return false;
        int base = ta % 1000;
        boolean z = ta >= 1000;
        if (part != 0 && base != part) return false;
        switch (base) {
            case LINE:
                return points(eq, a, b, z, 2, false);
            case POLYGON: {
                int rings = a.count(), rb = b.count();
                if (rings <= 0 || rings != rb) return false;
                for (int r = 0; r < rings; r++) if (!points(eq, a, b, z, 4, true)) return false;
                return true;
            }
            case MULTI_LINE:
            case MULTI_POLYGON: {
                if (part != 0) return false;
                int parts = a.count(), pb = b.count();
                if (parts <= 0 || parts != pb) return false;
                for (int p = 0; p < parts; p++) if (!geometry(eq, a, b, base == MULTI_LINE ? LINE : POLYGON)) return false;
                return true;
            }
            default:
                return false;
        }
    }

    /** A point sequence of each side: the same count, at least {@code min}, closed when {@code ring}, every vertex pair within the tolerances. */
    private static boolean points(GeometryEquality eq, Cursor a, Cursor b, boolean z, int min, boolean ring) {
        int n = a.count();
        if (n < min || n != b.count()) return false;
        int stride = z ? 24 : 16;
        if (!a.has((long) n * stride) || !b.has((long) n * stride)) return false;
        int pa = a.pos, pb = b.pos;
        if (ring && !(closed(a, pa, n, stride) && closed(b, pb, n, stride))) return false;
        double zt = eq.zTolerance();
        for (int i = 0; i < n; i++, pa += stride, pb += stride) {
            double dx = a.d(pa) - b.d(pb), dy = a.d(pa + 8) - b.d(pb + 8);
            if ((dx != 0 || dy != 0) && !eq.withinXy(dx, dy)) return false;
            if (z && !(GeometryEquality.dz(a.d(pa + 16), b.d(pb + 16)) <= zt)) return false;
        }
        a.pos = pa;
        b.pos = pb;
        return true;
    }

    /** As the parser's ring check: first and last points equal in x and y. */
    private static boolean closed(Cursor c, int at, int n, int stride) {
        int last = at + (n - 1) * stride;
        return c.d(at) == c.d(last) && c.d(at + 8) == c.d(last + 8);
    }

    /** A read position in one side's WKB, with the byte order of the geometry being read. */
    private static final class Cursor {
        final byte[] buf;
        final int end;
        int pos;
        boolean little;

        Cursor(byte[] buf, int from, int to) {
            this.buf = buf;
            this.pos = from;
            this.end = to;
        }

        boolean has(long bytes) {
            return pos + bytes <= end;
        }

        /** Reads a byte order and an ISO type code; the code of a plain XY or XYZ type, else -1. */
        int header() {
            if (!has(5)) return -1;
            byte order = buf[pos];
            if (order != 0 && order != 1) return -1;
            little = order == 1;
            pos++;
            int t = count();
            return t >= 1 && t <= 7 || t >= 1001 && t <= 1007 ? t : -1;
        }

        /** A uint32 (a count, a type) as an int; -1 past the end or beyond an int's range. */
        int count() {
            if (!has(4)) return -1;
            int v = (int) (little ? INT_LE.get(buf, pos) : INT_BE.get(buf, pos));
            pos += 4;
            return v;
        }

        double d(int at) {
            return (double) (little ? DOUBLE_LE.get(buf, at) : DOUBLE_BE.get(buf, at));
        }
    }
}
