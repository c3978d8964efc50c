package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /**
     * Asserts two geometries have the same shape, vertex for vertex after normalisation (ring orientation and
     * start vertex do not matter), x, y and z within {@code tolerance} (0: exact). Returns the largest xy gap.
     */
    public static double assertSameGeometry(Geometry expected, Geometry actual, double tolerance, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected == null, actual == null, what + ": one geometry is null");
            return 0;
        }
        Geometry a = expected.norm();
        Geometry b = actual.norm();
        assertEquals(a.getNumGeometries(), b.getNumGeometries(), what + ": part count");
        Coordinate[] ca = a.getCoordinates();
        Coordinate[] cb = b.getCoordinates();
        assertEquals(ca.length, cb.length, what + ": vertex count");
        double worst = 0;
        for (int i = 0; i < ca.length; i++) {
            double gap = Math.max(Math.abs(ca[i].x - cb[i].x), Math.abs(ca[i].y - cb[i].y));
            worst = Math.max(worst, gap);
            if (gap > tolerance) fail(what + ": vertex " + i + " " + ca[i] + " vs " + cb[i] + " (gap " + gap + ")");
            double za = ca[i].getZ(), zb = cb[i].getZ();
            if (Double.isNaN(za) != Double.isNaN(zb)) fail(what + ": vertex " + i + " Z " + za + " vs " + zb);
            if (!Double.isNaN(za)) assertTrue(Math.abs(za - zb) <= tolerance, what + ": vertex " + i + " Z " + za + " vs " + zb);
        }
        return worst;
    }
}
