package fr.bdfsync.core.merge;

import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.feature.QuickValidity;

import org.locationtech.jts.operation.valid.IsValidOp;

import java.util.Arrays;

/**
 * Equality of attribute values and geometries as the merge needs it. Numbers compare by value whatever
 * their Java type (a Long 3 equals a Double 3.0), booleans equal 0/1, blobs compare by bytes. Geometries
 * compare by WKB bytes first (no parsing); when the bytes differ, the diff engine's tolerance-aware
 * {@link GeometryEquality} decides (start vertex, orientation, repeated vertices, single/multi wrapper and
 * moves within the tolerance are no change; a reversed line is).
 */
public final class Values {
    private Values() {
    }

    public static boolean same(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof Boolean || b instanceof Boolean) return asBoolean(a) == asBoolean(b);
        if (a instanceof Number && b instanceof Number) {
            if ((a instanceof Long || a instanceof Integer) && (b instanceof Long || b instanceof Integer)) {
                return ((Number) a).longValue() == ((Number) b).longValue();
            }
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()) == 0;
        }
        if (a instanceof byte[] && b instanceof byte[]) return Arrays.equals((byte[]) a, (byte[]) b);
        return a.toString().equals(b.toString());
    }

    private static int asBoolean(Object o) {
        if (o instanceof Boolean) return ((Boolean) o) ? 1 : 0;
        if (o instanceof Number) return ((Number) o).doubleValue() != 0 ? 1 : 0;
        String s = o.toString().trim();
        return s.equalsIgnoreCase("true") || s.equals("1") ? 1 : s.equalsIgnoreCase("false") || s.equals("0") ? 0 : -1;
    }

    public static boolean sameGeometry(GeometryValue a, GeometryValue b, double tolerance) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a.sameWkb(b)) return true;
        return new GeometryEquality(tolerance, tolerance).same(a.parseTransient(), b.parseTransient());
    }

    /**
     * Whether a geometry is valid (JTS {@link IsValidOp}), parsed without keeping the parse: a merge checks many
     * geometries once each, and a kept parse weighs about three times the stored bytes. The common line or polygon is
     * proved valid from its stored bytes first ({@link QuickValidity}: exact predicates, a sweep over the segments,
     * several times cheaper than parsing and {@code IsValidOp}); what it does not prove is parsed and judged by JTS.
     */
    public static boolean valid(GeometryValue g) {
        if (!g.isParsed()) {
            if (QuickValidity.provedValid(g.sharedArray(), g.wkbStart(), g.wkbEnd())) return true;
        }
        return new IsValidOp(g.parseTransient()).isValid();
    }
}
