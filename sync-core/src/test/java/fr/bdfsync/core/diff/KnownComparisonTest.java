package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.feature.GeometryValue;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The geometry verdict taken from a known change of the same key (a three-way diff's convergent edits) is the one computed. */
class KnownComparisonTest {
    private static Row row(long fid, String nature, String wkt) throws Exception {
        TreeMap<String, Object> a = new TreeMap<>();
        a.put("nature", nature);
        return new Row(fid, a, GeometryValue.of(new WKTReader().read(wkt)));
    }

    @Test
    void sameBytesSameToleranceGiveTheComputedOutcome() throws Exception {
        Random r = new Random(11);
        for (int t = 0; t < 300; t++) {
            double dx = r.nextDouble() * 3, dy = r.nextDouble() * 3;
            String before = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))";
            String after = "POLYGON ((0 0, " + (10 + dx) + " " + dy + ", 10 10, 0 10, 0 0))";
            double tol = 0.5 + r.nextDouble() * 2;
            GeometryEquality eq = new GeometryEquality(tol, 0.01);
            Changes.Tolerance tolerance = (b, a) -> eq;
            // the national change: its before/after share the local's geometry bytes, its attributes differ
            FeatureChange national = Changes.compare("k", row(1, "a", before), row(1, "b", after), tolerance).change();
            Row lb = row(7, "a", before), la = row(9, "c", after);
            Changes.Outcome computed = Changes.compare("k", lb, la, tolerance);
            Changes.Outcome reused = Changes.compare("k", lb, la, tolerance, Map.of("k", national));
            assertEquals(computed, reused);
        }
    }

    @Test
    void anotherToleranceOrOtherBytesAreComputedAgain() throws Exception {
        String before = "LINESTRING (0 0, 10 0, 20 0)", after = "LINESTRING (0 0, 10 2, 20 0)";
        // the tolerance follows each row's precision (as --follow-precision does): one function, per-row values
        Changes.Tolerance follow = (b, a) -> new GeometryEquality(Math.max(precision(b), precision(a)), 0.01);
        FeatureChange national = Changes.compare("k", row(1, "0.5", before), row(1, "0.5", after), follow).change();
        assertNotEquals(null, national.geometry());
        // the local rows are 5 m precise: the same edit is absorbed there, the national (0.5 m) verdict must not be taken
        Changes.Outcome o = Changes.compare("k", row(2, "5", before), row(2, "5", after), follow, Map.of("k", national));
        assertNull(o.change());
        assertEquals(true, o.absorbed());
        // other bytes after: computed, not taken
        Changes.Outcome other = Changes.compare("k", row(2, "0.5", before), row(2, "0.5", "LINESTRING (0 0, 10 3, 20 0)"), follow,
                Map.of("k", national));
        assertEquals(3.0, other.change().geometry().hausdorff(), 1e-12);
    }

    private static double precision(Row r) {
        return Double.parseDouble((String) r.get("nature"));
    }
}
