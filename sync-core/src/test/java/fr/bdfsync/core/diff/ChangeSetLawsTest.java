package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.testsupport.GpkgBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Laws of change sets over generated data (fixed seeds): diff(A,A) is empty; inverse(diff(A,B)) = diff(B,A);
 * apply(diff(A,B), A) = B (geometries within the tolerance); compose(diff(A,B), diff(B,C)) = diff(A,C).
 */
class ChangeSetLawsTest {
    @TempDir
    Path tmp;

    private static final String LAYER = "zone_de_vegetation";
    private static final String[] NATURES = {"Bois", "Haie", "Vigne", "Verger", null};
    private static final GeometryEquality EQ = new GeometryEquality(LayerDiffSettings.DEFAULT_XY_TOLERANCE, LayerDiffSettings.DEFAULT_Z_TOLERANCE);

    /** One generated state: key → (nature, height, polygon WKT), written with shuffled fids. */
    private record State(TreeMap<String, Object[]> rows) {
        Path write(Path file, Random rnd) {
            GpkgBuilder b = new GpkgBuilder().layer(LAYER, GeometryType.POLYGON, "cleabs:TEXT", "nature:TEXT", "hauteur:REAL");
            List<String> keys = new ArrayList<>(rows.keySet());
            java.util.Collections.shuffle(keys, rnd);
            long fid = 1 + rnd.nextInt(50);
            for (String k : keys) {
                Object[] v = rows.get(k);
                b.row(fid++, k, v[0], v[1], v[2]);
            }
            return b.write(file);
        }
    }

    private static String polygon(Random rnd, double x, double y, int n, int start, boolean ccw) {
        double[][] pts = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double r = 10 + (i % 3);
            pts[i] = new double[]{x + r * Math.cos(a), y + r * Math.sin(a)};
        }
        StringBuilder sb = new StringBuilder("POLYGON((");
        for (int i = 0; i <= n; i++) {
            int k = ccw ? (start + i) % n : ((start - i) % n + n) % n;
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f %.3f", pts[k][0], pts[k][1]));
        }
        return sb.append("))").toString();
    }

    private static State base(Random rnd, int n) {
        TreeMap<String, Object[]> rows = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            rows.put(String.format("ZONEVEGE%016d", i), new Object[]{NATURES[rnd.nextInt(NATURES.length)], rnd.nextInt(3) == 0 ? null : (double) rnd.nextInt(30),
                    polygon(rnd, i * 100.0, 0, 6 + rnd.nextInt(6), 0, true)});
        }
        return new State(rows);
    }

    /** Edits a state: deletes, inserts, attribute edits, real geometry moves, and re-encodings absorbed by the tolerance. */
    private static State edit(State s, Random rnd, int next) {
        TreeMap<String, Object[]> rows = new TreeMap<>();
        for (Map.Entry<String, Object[]> e : s.rows().entrySet()) {
            Object[] v = e.getValue().clone();
            int r = rnd.nextInt(10);
            if (r == 0) continue;
            if (r == 1) v[0] = NATURES[rnd.nextInt(NATURES.length)];
            if (r == 2) v[1] = rnd.nextBoolean() ? null : rnd.nextDouble() * 30;
            if (r == 3 || r == 4) {
                int i = Integer.parseInt(e.getKey().substring(8));
                v[2] = r == 3 ? polygon(rnd, i * 100.0 + 1 + rnd.nextInt(5), 0, 7, 0, true)
                        : polygon(rnd, i * 100.0, 0, 6 + i % 6, rnd.nextInt(5), false); // same shape, other start and orientation
            }
            rows.put(e.getKey(), v);
        }
        for (int k = 0; k < 3; k++) {
            int i = next + k;
            rows.put(String.format("ZONEVEGE%016d", i), new Object[]{"Bois", 1.0, polygon(rnd, i * 100.0, 0, 5, 0, true)});
        }
        return new State(rows);
    }

    private static TreeMap<String, Row> rows(Path file) {
        TreeMap<String, Row> out = new TreeMap<>(KeyOrder.INSTANCE);
        try (GpkgDataset ds = GpkgDataset.open(file); FeatureCursor c = ds.read(LAYER)) {
            Schema s = ds.schema(LAYER);
            while (c.hasNext()) {
                Feature f = c.next();
                TreeMap<String, Object> values = new TreeMap<>();
                for (int i = 0; i < s.fields().size(); i++) values.put(s.fields().get(i).name().toLowerCase(Locale.ROOT), f.value(i));
                out.put((String) values.get("cleabs"), new Row(f.fid(), values, f.geometry()));
            }
        }
        return out;
    }

    private static void assertSameWithinTolerance(TreeMap<String, Row> expected, TreeMap<String, Row> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            Row e = expected.get(k), a = actual.get(k);
            assertTrue(Changes.attributeChanges(e, a).isEmpty(), k);
            assertTrue(e.geometry().sameWkb(a.geometry()) || EQ.same(e.geometry().geometry(), a.geometry().geometry()), k);
        }
    }

    @Test
    void lawsHoldOnGeneratedData() {
        Changes.Tolerance tol = (b, a) -> EQ;
        for (long seed : new long[]{1, 2, 3, 42, 2154}) {
            Random rnd = new Random(seed);
            State sa = base(rnd, 40 + rnd.nextInt(40));
            State sb = edit(sa, rnd, 1000);
            State sc = edit(sb, rnd, 2000);
            Path a = sa.write(tmp.resolve(seed + "a.gpkg"), rnd), b = sb.write(tmp.resolve(seed + "b.gpkg"), rnd), c = sc.write(tmp.resolve(seed + "c.gpkg"), rnd);

            LayerDiff aa = DiffFixtures.twoWay(a, a, LAYER);
            assertTrue(aa.isEmpty(), "diff(A,A) is empty, seed " + seed);

            LayerDiff ab = DiffFixtures.twoWay(a, b, LAYER), ba = DiffFixtures.twoWay(b, a, LAYER);
            assertTrue(ab.changes().size() > 10, "the generator made changes, seed " + seed);
            assertTrue(ab.absorbedByTolerance() > 0, "some re-encodings were absorbed, seed " + seed);
            assertTrue(ab.inverse().sameChanges(ba), "inverse(diff(A,B)) == diff(B,A), seed " + seed);

            assertSameWithinTolerance(rows(b), Changes.apply(ab, rows(a)));
            assertSameWithinTolerance(rows(a), Changes.apply(ba, rows(b)));

            LayerDiff bc = DiffFixtures.twoWay(b, c, LAYER), ac = DiffFixtures.twoWay(a, c, LAYER);
            // states equal within the tolerance: a feature edited A→B and re-encoded B→C keeps B's bytes in the composition
            assertTrue(Changes.compose(ab, bc, tol).sameChanges(ac, EQ), "compose(diff(A,B), diff(B,C)) == diff(A,C), seed " + seed);
            assertTrue(Changes.compose(ab, ba, tol).changes().isEmpty(), "diff(A,B) then its inverse is nothing, seed " + seed);
        }
    }
}
