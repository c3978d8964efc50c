package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Comparisons shared by the I/O tests: whole layers, geometries with Z, within a tolerance or exactly. */
public final class IoAssertions {
    private IoAssertions() {
    }

    public static List<Feature> all(Dataset d, String layer) {
        List<Feature> list = new ArrayList<>();
        try (FeatureCursor c = d.read(layer)) {
            c.forEachRemaining(list::add);
        }
        return list;
    }

    /** Asserts two layers hold the same features in the same order: fid, values, geometry (see below). Returns the largest xy gap. */
    public static double assertSameFeatures(List<Feature> expected, List<Feature> actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.size(), what + ": feature count");
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            Feature a = expected.get(i), b = actual.get(i);
            String at = what + " fid " + a.fid();
            assertEquals(a.fid(), b.fid(), at);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.values(), b.values(), at);
            worst = Math.max(worst, assertSameGeometry(a.geometry() == null ? null : a.geometry().geometry(),
                    b.geometry() == null ? null : b.geometry().geometry(), tolerance, at));
        }
        return worst;
    }

    /**
     * Asserts two geometries have the same shape vertex for vertex, x, y and z within {@code tolerance}
     * (0: exact). Ring orientation and start vertex do not matter (formats differ there: Shapefile rings run
     * clockwise, RFC 7946 counter-clockwise). Returns the largest xy gap.
     */
    public static double assertSameGeometry(Geometry expected, Geometry actual, double tolerance, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected == null, actual == null, what + ": one geometry is null");
            return 0;
        }
        Geometry a = expected.norm();
        Geometry b = actual.norm();
        assertEquals(a.getNumGeometries(), b.getNumGeometries(), what + ": part count");
        assertEquals(a.getNumPoints(), b.getNumPoints(), what + ": vertex count");
        double worst = 0;
        for (int i = 0; i < a.getNumGeometries(); i++) {
            Geometry pa = a.getGeometryN(i), pb = b.getGeometryN(i);
            assertEquals(pa.getGeometryType(), pb.getGeometryType(), what + ": part " + i);
            if (pa instanceof Polygon) {
                Polygon qa = (Polygon) pa, qb = (Polygon) pb;
                assertEquals(qa.getNumInteriorRing(), qb.getNumInteriorRing(), what + ": part " + i + " holes");
                worst = Math.max(worst, ringGap(qa.getExteriorRing().getCoordinates(), qb.getExteriorRing().getCoordinates(), tolerance, what));
                for (int h = 0; h < qa.getNumInteriorRing(); h++) {
                    worst = Math.max(worst, ringGap(qa.getInteriorRingN(h).getCoordinates(), qb.getInteriorRingN(h).getCoordinates(), tolerance, what));
                }
            } else {
                worst = Math.max(worst, sequenceGap(pa.getCoordinates(), pb.getCoordinates(), tolerance, what));
            }
        }
        return worst;
    }

    /** Closed rings compared as cycles (closing vertex aside): any start vertex, either direction. */
    private static double ringGap(Coordinate[] a, Coordinate[] b, double tol, String what) {
        assertEquals(a.length, b.length, what + ": ring size");
        int n = a.length - 1;
        for (boolean reverse : new boolean[]{false, true}) {
            for (int start = 0; start < n; start++) {
                double worst = 0;
                for (int i = 0; i < n && worst <= tol; i++) {
                    worst = Math.max(worst, gap(a[i], b[Math.floorMod(reverse ? start - i : start + i, n)], tol));
                }
                if (worst <= tol) return worst;
            }
        }
        return sequenceGap(a, b, tol, what);
    }

    /** Largest gap between a[i] and b[i]; fails at the first one beyond tol. */
    private static double sequenceGap(Coordinate[] a, Coordinate[] b, double tol, String what) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double g = gap(a[i], b[i], tol);
            if (g > tol) fail(what + ": vertex " + i + " " + a[i] + " vs " + b[i] + " (gap " + g + ")");
            worst = Math.max(worst, g);
        }
        return worst;
    }

    /** The xy gap of two vertices, or infinity when their Z differ beyond tol. */
    private static double gap(Coordinate ca, Coordinate cb, double tol) {
        double za = ca.getZ(), zb = cb.getZ();
        if (Double.isNaN(za) != Double.isNaN(zb) || (!Double.isNaN(za) && Math.abs(za - zb) > tol)) return Double.POSITIVE_INFINITY;
        return Math.max(Math.abs(ca.x - cb.x), Math.abs(ca.y - cb.y));
    }
}
