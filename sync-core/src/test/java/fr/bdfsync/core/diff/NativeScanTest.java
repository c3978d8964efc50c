package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.testsupport.GpkgBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure-Java scan ({@link PairedScan}) gives exactly the SQL scan's change sets, with aligned and renumbered fids,
 * and falls back to the SQL scan where it must (WAL mode, different layouts, duplicate or missing keys).
 */
class NativeScanTest {
    @TempDir
    Path tmp;

    private static final String[] COLS = {"cleabs:TEXT", "nature:TEXT", "importance:INTEGER", "largeur:REAL"};
    private static final String[] NATURES = {"Bois", "Haie", "Verger", "Vigne", "Lande"};

    /** A closed ring of {@code vertices} points around (x, y), radii jittered. */
    private static String polygon(Random rnd, double x, double y, int vertices) {
        StringBuilder sb = new StringBuilder("POLYGON((");
        String first = null;
        for (int i = 0; i < vertices; i++) {
            double a = 2 * Math.PI * i / vertices, r = 10 + rnd.nextDouble();
            String pt = (x + r * Math.cos(a)) + " " + (y + r * Math.sin(a));
            if (first == null) first = pt;
            sb.append(pt).append(',');
        }
        return sb.append(first).append("))").toString();
    }

    /**
     * Base and edited layers of n rows: attribute and geometry edits, deletes, inserts, null geometries and null
     * integers, 2000-vertex polygons (overflow pages); with {@code renumber}, the edited rows get shuffled fids.
     */
    private Path[] pair(int n, long seed, boolean renumber) {
        Random rnd = new Random(seed);
        GpkgBuilder a = new GpkgBuilder().layer("zone_de_vegetation", GeometryType.POLYGON, COLS);
        List<Object[]> rowsB = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String key = "ZONE" + String.format("%08d", i);
            int vertices = i % 97 == 0 ? 2000 : 4 + rnd.nextInt(40);
            String wkt = i % 101 == 0 ? null : polygon(rnd, i * 30.0, 0, vertices);
            String nature = NATURES[rnd.nextInt(NATURES.length)];
            Long importance = rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(6);
            double largeur = rnd.nextInt(100) / 4.0;
            a.row(i, key, nature, importance, largeur, wkt);
            int fate = rnd.nextInt(100);
            if (fate < 3) continue; // deleted
            if (fate < 6) nature = nature + " (modifié)";
            else if (fate < 9 && wkt != null) wkt = polygon(rnd, i * 30.0 + 0.5, 0, vertices);
            else if (fate < 10) largeur = largeur + 1;
            rowsB.add(new Object[]{(long) i, key, nature, importance, largeur, wkt});
            if (fate >= 97) rowsB.add(new Object[]{n + (long) i, "NEW" + i, "Bois", 1L, 1.0, polygon(rnd, -i * 30.0, 50, 6)});
        }
        if (renumber) {
            Collections.shuffle(rowsB, rnd);
            for (int i = 0; i < rowsB.size(); i++) rowsB.get(i)[0] = i + 1L;
        }
        rowsB.sort((x, y) -> Long.compare((Long) x[0], (Long) y[0]));
        GpkgBuilder b = new GpkgBuilder().layer("zone_de_vegetation", GeometryType.POLYGON, COLS);
        for (Object[] r : rowsB) b.row((Long) r[0], Arrays.copyOfRange(r, 1, r.length));
        return new Path[]{a.write(tmp.resolve("a" + seed + renumber + ".gpkg")), b.write(tmp.resolve("b" + seed + renumber + ".gpkg"))};
    }

    private static LayerDiff run(Path a, Path b, boolean nativeReader, DiffEngine.UnkeyedRows unkeyed, String[] scan) {
        try (GpkgDataset da = GpkgDataset.open(a); GpkgDataset db = GpkgDataset.open(b);
             DiffEngine e = new DiffEngine(DiffSettings.uniform(LayerDiffSettings.DEFAULTS), AttributeMapping.NONE, 2, unkeyed).nativeReader(nativeReader)) {
            LayerDiff d = e.twoWay(da, db, "zone_de_vegetation");
            scan[0] = e.lastScan();
            return d;
        }
    }

    private static void assertSameDiff(LayerDiff sql, LayerDiff nat) {
        assertTrue(sql.sameChanges(nat), "same changes");
        assertEquals(sql.unchanged(), nat.unchanged(), "unchanged");
        assertEquals(sql.absorbedByTolerance(), nat.absorbedByTolerance(), "absorbed");
        for (int i = 0; i < sql.changes().size(); i++) {
            assertEquals(sql.changes().get(i).before() == null ? -1 : sql.changes().get(i).before().fid(),
                    nat.changes().get(i).before() == null ? -1 : nat.changes().get(i).before().fid(), "fids of " + sql.changes().get(i).key());
        }
    }

    @Test
    void nativeScanEqualsTheSqlScanWithAlignedAndRenumberedFids() {
        for (boolean renumber : new boolean[]{false, true}) {
            for (long seed = 1; seed <= 2; seed++) {
                Path[] p = pair(6000, seed, renumber);
                String[] scan = new String[1];
                LayerDiff nat = run(p[0], p[1], true, DiffEngine.UnkeyedRows.REFUSE, scan);
                assertEquals("native", scan[0]);
                LayerDiff sql = run(p[0], p[1], false, DiffEngine.UnkeyedRows.REFUSE, scan);
                assertTrue(scan[0].startsWith("sql"), scan[0]);
                assertTrue(nat.changes().size() > 500, "the fixture has changes: " + nat.changes().size());
                assertSameDiff(sql, nat);
                LayerDiff self = run(p[0], p[0], true, DiffEngine.UnkeyedRows.REFUSE, scan);
                assertTrue(self.isEmpty() && self.unchanged() == 6000, "a file against itself");
            }
        }
    }

    /** The engine scans by SQL for the given reason, with the same result as with the reader turned off. */
    private static void assertFallsBack(Path[] p, String reason) {
        String[] scan = new String[1];
        LayerDiff fallback = run(p[0], p[1], true, DiffEngine.UnkeyedRows.REFUSE, scan);
        assertTrue(scan[0].startsWith("sql") && scan[0].contains(reason), scan[0]);
        assertSameDiff(run(p[0], p[1], false, DiffEngine.UnkeyedRows.REFUSE, scan), fallback);
    }

    @Test
    void walModeFallsBackToTheSqlScan() throws Exception {
        Path[] p = pair(500, 3, false);
        exec(p[1], "PRAGMA journal_mode = WAL");
        assertFallsBack(p, "WAL");
    }

    @Test
    void differentLayoutsFallBackToTheSqlScan() throws Exception {
        Path[] p = pair(500, 4, false);
        exec(p[1], "ALTER TABLE zone_de_vegetation ADD COLUMN commentaire TEXT");
        assertFallsBack(p, "table layouts differ");
    }

    @Test
    void duplicateAndMissingKeysAreReportedByTheSqlScan() throws Exception {
        Path[] p = pair(500, 5, false);
        exec(p[1], "UPDATE zone_de_vegetation SET cleabs = 'ZONE00000010' WHERE cleabs = 'ZONE00000400'");
        BdfsyncException dup = assertThrows(BdfsyncException.class, () -> run(p[0], p[1], true, DiffEngine.UnkeyedRows.REFUSE, new String[1]));
        assertEquals(ExitCode.SCHEMA, dup.exitCode());
        assertTrue(dup.getMessage().contains("duplicate keys ZONE00000010"), dup.getMessage());

        Path[] q = pair(500, 6, false);
        exec(q[1], "UPDATE zone_de_vegetation SET cleabs = '' WHERE fid IN (7, 8)");
        BdfsyncException nul = assertThrows(BdfsyncException.class, () -> run(q[0], q[1], true, DiffEngine.UnkeyedRows.REFUSE, new String[1]));
        assertTrue(nul.getMessage().contains("2 null or empty keys (fids [7, 8])"), nul.getMessage());
        // identified by fid instead: the native scan keeps them, as the SQL scan does
        String[] scan = new String[1];
        LayerDiff byFid = run(q[0], q[1], true, DiffEngine.UnkeyedRows.BY_FID, scan);
        assertEquals("native", scan[0]);
        assertSameDiff(run(q[0], q[1], false, DiffEngine.UnkeyedRows.BY_FID, scan), byFid);
        assertTrue(byFid.changes().stream().anyMatch(c -> c.key().equals("fid:7") && c.operation() == Operation.INSERT));
    }

    @Test
    void aWriterWaitsWhileTheLayerIsRead() throws Exception {
        Path[] p = pair(50, 7, false);
        try (GpkgDataset da = GpkgDataset.open(p[0]); ReadSnapshot s = ReadSnapshot.hold(List.of(da))) {
            SQLException busy = assertThrows(SQLException.class, () -> exec(p[0], "DELETE FROM zone_de_vegetation"));
            assertTrue(busy.getMessage().contains("locked") || busy.getMessage().contains("BUSY"), busy.getMessage());
        }
        exec(p[0], "DELETE FROM zone_de_vegetation WHERE fid = 1");
    }

    private static void exec(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            GpkgSqlFunctions.register(c);
            st.execute("PRAGMA busy_timeout = 0");
            st.execute(sql);
        }
    }
}
