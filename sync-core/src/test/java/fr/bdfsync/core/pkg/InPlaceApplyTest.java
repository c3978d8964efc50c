package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static fr.bdfsync.core.pkg.PkgFixtures.ALL;
import static fr.bdfsync.core.pkg.PkgFixtures.CREATED;
import static fr.bdfsync.core.pkg.PkgFixtures.HYDRO;
import static fr.bdfsync.core.pkg.PkgFixtures.TERRITORY;
import static fr.bdfsync.core.pkg.PkgFixtures.VEG;
import static fr.bdfsync.core.pkg.PkgFixtures.sqlite3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-place apply: one SQLite transaction with a rollback journal on the national file. It gives the same file
 * content as an apply to a new file; a failure after some writes, or a kill of the process while pages are already
 * written to the file, leaves the file as it was and valid; no journal and no WAL are left behind; a WAL-mode file is
 * refused; no other writer gets in while it runs; the optional backup is the file as it was.
 */
class InPlaceApplyTest {
    static final KeyPair KEYS = Ed25519.generate();

    @TempDir
    Path tmp;

    LabelRegistry registry;
    Path national;
    Path pkg;

    /** A national file with R-trees (as GDAL makes them), and a package of the changes of an edit of it. */
    void setUp(int n, long seed) throws SQLException {
        national = tmp.resolve("national.gpkg");
        Path local = tmp.resolve("local.gpkg");
        Map<String, Map<String, Feature>> nat = PkgFixtures.national(n, seed);
        PkgFixtures.write(national, nat);
        PkgFixtures.write(local, PkgFixtures.edit(nat, seed + 1));
        for (String layer : List.of(VEG, HYDRO)) SpatialIndexTest.addRtree(national, layer);
        registry = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, ALL, TERRITORY)));
        pkg = tmp.resolve("p.zip");
        PkgFixtures.buildPackage(national, local, registry, KEYS, pkg);
    }

    ApplyReport apply(Path target, Path output, ApplyOptions o, PackageApplier.WriteProbe probe) {
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            return PackageApplier.apply(vp, target, output, o, probe);
        }
    }

    static ApplyOptions inPlace(Path backup) {
        return new ApplyOptions(false, null, true, null, null, CREATED, backup);
    }

    @Test
    void inPlaceGivesTheSameFileContentAsAnApplyToANewFile() throws Exception {
        setUp(300, 21);
        // a stale object too, so that both ways also reject the same change
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + national); Statement st = c.createStatement()) {
            fr.bdfsync.core.io.gpkg.GpkgSqlFunctions.register(c); // the R-tree triggers call ST_IsEmpty...
            st.executeUpdate("UPDATE " + VEG + " SET hauteur = 99.5 WHERE fid = (SELECT min(fid) FROM " + VEG + ")");
        }
        Path copy = tmp.resolve("copy.gpkg");
        Files.copy(national, copy);
        Path out = tmp.resolve("out.gpkg");
        ApplyReport toNew = apply(national, out, new ApplyOptions(false, null, false, null, null, CREATED), PackageApplier.WriteProbe.NONE);
        ApplyReport here = apply(copy, null, inPlace(null), PackageApplier.WriteProbe.NONE);
        assertTrue(here.appliedTotal() > 50, "the edits gave changes");
        assertEquals(toNew.applied(), here.applied());
        assertEquals(toNew.rejected(), here.rejected());
        assertNull(here.backup());
        assertEquals(dump(out), dump(copy), "same tables, same rows, same R-trees, same triggers");
        assertNoJournalAndRollbackMode(copy);
        for (String layer : List.of(VEG, HYDRO)) SpatialIndexTest.assertRtreeMatchesRows(copy, layer);
        assertIntact(copy);
        Gdal.Result v = Gdal.validateGpkg(copy);
        assertEquals(0, v.exitCode(), v.output());
    }

    @Test
    void aFailureAfterSomeWritesLeavesTheFileAsItWas() throws Exception {
        setUp(200, 22);
        byte[] before = Files.readAllBytes(national);
        String dumpBefore = dump(national);
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> apply(national, null, inPlace(tmp.resolve("backup.gpkg")), (c, writes) -> {
            if (writes == 40) throw new SQLException("forced failure after 40 writes");
        }));
        assertTrue(e.getMessage().contains("forced failure after 40 writes"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(national), "the national file is byte for byte as it was");
        assertEquals(dumpBefore, dump(national));
        assertNoJournalAndRollbackMode(national);
        assertFalse(Files.exists(tmp.resolve("backup.gpkg")), "no backup of a file that did not change");
        assertIntact(national);
    }

    @Test
    void aKillWhilePagesAreAlreadyWrittenLeavesTheFileAsItWas() throws Exception {
        setUp(400, 23);
        String dumpBefore = dump(national);
        byte[] before = Files.readAllBytes(national);
        Path registryFile = tmp.resolve("registry.json");
        Files.write(registryFile, PackageJson.bytes(registry));
        // a child JVM applies in place with a tiny page cache (so that changed pages spill into the file before the
        // commit), stops after 150 writes, says so, and waits to be killed
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InPlaceKillChild.class.getName(), pkg.toString(), registryFile.toString(), national.toString(), "150"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String line;
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null && !line.equals(InPlaceKillChild.READY)) seen.append(line).append('\n');
            assertEquals(InPlaceKillChild.READY, line, "the child reached the writes: " + seen);
            Path journal = Path.of(national + "-journal");
            assertTrue(Files.size(journal) > 0, "a hot journal exists");
            assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(national)), "changed pages are already in the file");
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        // the next opening plays the hot journal back
        assertIntact(national);
        assertEquals(dumpBefore, dump(national), "the file is as it was");
        assertArrayEquals(before, Files.readAllBytes(national), "byte for byte");
        assertNoJournalAndRollbackMode(national);
        Gdal.Result v = Gdal.validateGpkg(national);
        assertEquals(0, v.exitCode(), v.output());
        // and the apply can then be run to the end
        ApplyReport r = apply(national, null, inPlace(null), PackageApplier.WriteProbe.NONE);
        assertEquals(0, r.rejectedTotal(), r.rejectedSample().toString());
        assertNotEquals(dumpBefore, dump(national));
    }

    @Test
    void noOtherWriterGetsInWhileItRuns() throws Exception {
        setUp(100, 24);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "needs the sqlite3 command");
        List<String> seen = new ArrayList<>();
        apply(national, null, inPlace(null), (c, writes) -> {
            if (writes != 5) return;
            // another process: within one process SQLite shares its lock state between connections, so only another
            // process sees whether the POSIX locks on the file are really held (closing any descriptor of the file in
            // this process would have dropped them)
            seen.add(sqlite3(national, "BEGIN IMMEDIATE; ROLLBACK;"));
            // a reader still reads the file as it was committed
            seen.add(sqlite3(national, "SELECT count(*) FROM " + VEG + ";"));
        });
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).contains("database is locked"), seen.toString());
        assertEquals("100", seen.get(1).trim(), seen.toString());
    }

    @Test
    void theBackupIsTheFileAsItWasAndAWalFileIsRefused() throws Exception {
        setUp(120, 25);
        byte[] before = Files.readAllBytes(national);
        Path backup = tmp.resolve("national.before.gpkg");
        ApplyReport r = apply(national, null, inPlace(backup), PackageApplier.WriteProbe.NONE);
        assertEquals(backup.toString(), r.backup());
        assertArrayEquals(before, Files.readAllBytes(backup));
        assertThrows(BdfsyncException.class, () -> apply(national, null, inPlace(backup), PackageApplier.WriteProbe.NONE), "an existing backup is not overwritten");

        Path wal = tmp.resolve("wal.gpkg");
        Files.copy(backup, wal, StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + wal); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
        }
        byte[] walBefore = Files.readAllBytes(wal);
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> apply(wal, null, inPlace(null), PackageApplier.WriteProbe.NONE));
        assertTrue(e.getMessage().contains("WAL mode"), e.getMessage());
        assertArrayEquals(walBefore, Files.readAllBytes(wal));
    }

    /** Every table of the file (sqlite_master included: triggers, indexes), row by row in rowid order, as text. */
    static String dump(Path file) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            dumpQuery(st, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", out);
            for (String t : tables) {
                boolean rtreeShadow = t.matches("rtree_.*_(node|parent|rowid)");
                if (rtreeShadow) continue; // the R-tree's own pages: compared through the virtual table
                out.append("== ").append(t).append('\n');
                boolean virtual = t.startsWith("rtree_");
                dumpQuery(st, "SELECT * FROM \"" + t.replace("\"", "\"\"") + "\"" + (virtual ? " ORDER BY id" : " ORDER BY rowid"), out);
            }
        }
        return out.toString();
    }

    private static void dumpQuery(Statement st, String sql, StringBuilder out) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    out.append(v instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) v) : String.valueOf(v)).append('|');
                }
                out.append('\n');
            }
        }
    }

    static void assertNoJournalAndRollbackMode(Path file) throws Exception {
        for (String suffix : List.of("-journal", "-wal", "-shm")) assertFalse(Files.exists(Path.of(file + suffix)), suffix + " left behind");
        byte[] header = new byte[20];
        try (var in = Files.newInputStream(file)) {
            assertEquals(20, in.read(header));
        }
        assertEquals(1, header[18], "file format write version 1 (rollback journal, not WAL)");
        assertEquals(1, header[19]);
    }

    static void assertIntact(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
    }
}
