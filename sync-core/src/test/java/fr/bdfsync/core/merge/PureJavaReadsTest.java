package fr.bdfsync.core.merge;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync's reads through the pure-Java SQLite reader give what SQL gives (on the demo's GeoPackages). */
class PureJavaReadsTest {
    private static final Path DEMO = Path.of(System.getProperty("bdfsync.demo", "../testdata/demo"));

    @Test
    void rowsByFidAsSql() {
        Assumptions.assumeTrue(Files.exists(DEMO.resolve("local.gpkg")), "no demo data in " + DEMO);
        for (String file : List.of("ancestor.gpkg", "national.gpkg", "local.gpkg")) {
            try (GpkgDataset ds = GpkgDataset.open(DEMO.resolve(file))) {
                for (String layer : ds.layerNames()) {
                    RowFetch rf = new RowFetch(ds, layer);
                    List<Long> fids = new ArrayList<>();
                    Random rnd = new Random(layer.hashCode());
                    for (int i = 0; i < 1200; i++) fids.add((long) rnd.nextInt((int) ds.count(layer) + 20)); // some absent, some repeated
                    List<Feature> a = rf.byFid(fids), b = rf.sqlByFid(fids);
                    // only some values decoded: the same rows, in the same order, those values alone
                    boolean[] some = new boolean[ds.schema(layer).fields().size()];
                    for (int i = 0; i < some.length; i += 2) some[i] = true;
                    List<Feature> p = rf.byFid(fids, some);
                    assertEquals(b.size(), a.size(), file + " " + layer);
                    assertEquals(b.size(), p.size(), file + " " + layer);
                    for (int i = 0; i < a.size(); i++) {
                        assertEquals(b.get(i).fid(), a.get(i).fid(), file + " " + layer + " row " + i);
                        assertEquals(Arrays.deepToString(b.get(i).values()), Arrays.deepToString(a.get(i).values()), file + " " + layer + " fid " + a.get(i).fid());
                        assertArrayEquals(b.get(i).geometry() == null ? null : b.get(i).geometry().storedBytes(),
                                a.get(i).geometry() == null ? null : a.get(i).geometry().storedBytes());
                        assertEquals(b.get(i).fid(), p.get(i).fid());
                        for (int k = 0; k < some.length; k++) {
                            assertEquals(Arrays.deepToString(new Object[] {some[k] ? b.get(i).value(k) : null}), Arrays.deepToString(new Object[] {p.get(i).value(k)}));
                        }
                        assertArrayEquals(b.get(i).geometry() == null ? null : b.get(i).geometry().storedBytes(),
                                p.get(i).geometry() == null ? null : p.get(i).geometry().storedBytes());
                        // a fid repeated in another batch is a row of its own (the merge may change a row's values in place)
                        for (int j = 0; j < i; j++) assertTrue(a.get(j) != a.get(i));
                    }
                }
            }
        }
    }

    /**
     * SQLite keeps 'NaN' or 'Infinity' as text in a REAL column (not a numeric literal to it), which Java parses as a
     * number: the rows read for a merge (by the pure-Java reader or by SQL) must give the same objects as a layer read
     * ({@link GpkgDataset#read}), else the same stored value read on two sides of a sync would compare unequal.
     */
    @Test
    void textInANumericColumnDecodedAsALayerReadDecodesIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(DEMO.resolve("local.gpkg")), "no demo data in " + DEMO);
        Path copy = dir.resolve("local.gpkg");
        Files.copy(DEMO.resolve("local.gpkg"), copy);
        String layer = "troncon_hydrographique";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + layer + " SET precision_planimetrique = 'NaN' WHERE fid = 1");
            st.executeUpdate("UPDATE " + layer + " SET precision_planimetrique = 'Infinity' WHERE fid = 2");
            st.executeUpdate("UPDATE " + layer + " SET precision_planimetrique = 'n/a' WHERE fid = 3");
            try (java.sql.ResultSet rs = st.executeQuery("SELECT typeof(precision_planimetrique) FROM " + layer + " WHERE fid = 1")) {
                assertEquals("text", rs.getString(1), "SQLite keeps 'NaN' as text: the case under test");
            }
        }
        try (GpkgDataset ds = GpkgDataset.open(copy)) {
            int col = ds.schema(layer).indexOfIgnoreCase("precision_planimetrique");
            java.util.Map<Long, Object> read = new java.util.HashMap<>();
            try (fr.bdfsync.core.io.FeatureCursor cur = ds.read(layer)) {
                while (cur.hasNext()) {
                    Feature f = cur.next();
                    read.put(f.fid(), f.value(col));
                }
            }
            assertEquals(Double.NaN, read.get(1L));
            assertEquals(Double.POSITIVE_INFINITY, read.get(2L));
            assertEquals("n/a", read.get(3L));
            RowFetch rf = new RowFetch(ds, layer);
            List<Long> fids = List.of(1L, 2L, 3L, 4L);
            for (List<Feature> rows : List.of(rf.byFid(fids), rf.sqlByFid(fids))) {
                assertEquals(4, rows.size());
                for (Feature f : rows) assertEquals(read.get(f.fid()), f.value(col), "fid " + f.fid());
            }
        }
    }

    @Test
    void keyScanAsSql() {
        Assumptions.assumeTrue(Files.exists(DEMO.resolve("local.gpkg")), "no demo data in " + DEMO);
        try (GpkgDataset ds = GpkgDataset.open(DEMO.resolve("local.gpkg"))) {
            int checked = 0;
            for (String layer : ds.layerNames()) {
                if (ds.schema(layer).indexOfIgnoreCase("cleabs") < 0) continue;
                RowFetch rf = new RowFetch(ds, layer);
                Set<String> wanted = new HashSet<>();
                for (Feature f : rf.sqlByFid(List.of(1L, 2L, 3L, 5L, 8L))) wanted.add(String.valueOf(f.value(ds.schema(layer).indexOfIgnoreCase("cleabs"))).trim());
                wanted.add("NO-SUCH-KEY");
                KeyScan.Result r = KeyScan.scan(ds, layer, "cleabs", wanted);
                assertEquals(ds.count(layer), r.rows(), layer);
                assertEquals(ds.count(layer), KeyScan.count(ds, layer), layer);
                assertEquals(!rf.withoutKey("cleabs").isEmpty(), r.keyless(), layer);
                assertEquals(rf.fidsOf("cleabs", wanted), r.fids(), layer);
                checked++;
            }
            assertTrue(checked > 0);
        }
    }
}
