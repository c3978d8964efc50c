package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure-Java reads of a national layer (base digest + fingerprints, apply's key scan) give exactly what the SQL
 * path gives, and return null (SQL fallback) on what the reader does not support.
 */
class NativeNationalScanTest {
    @TempDir
    Path dir;

    /** A fixture national file of {@code n} rows per layer, then changed by {@code statements}. */
    private Path national(int n, long seed, String... statements) throws SQLException {
        Path file = dir.resolve("national-" + seed + ".gpkg");
        PkgFixtures.write(file, PkgFixtures.national(n, seed));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String sql : statements) st.executeUpdate(sql);
        }
        return file;
    }

    private static Set<Long> everyThirdFid(int n) {
        Set<Long> wanted = new HashSet<>();
        for (long i = 1; i <= n; i += 3) wanted.add(i);
        wanted.add(n + 1000L); // absent
        return wanted;
    }

    private static Set<String> keys(String prefix, int n) {
        Set<String> keys = new TreeSet<>();
        for (int i = 1; i <= n + 5; i += 2) keys.add(String.format("%s%016d", prefix, i));
        keys.add("absent");
        return keys;
    }

    private static Map<String, Long> rowIds(Map<String, NationalLayer.Found> found) {
        Map<String, Long> ids = new java.util.HashMap<>();
        found.forEach((k, f) -> ids.put(k, f.rowId()));
        return ids;
    }

    private static void assertSameBase(NationalLayer.BaseScan expected, NationalLayer.BaseScan actual) {
        assertNotNull(actual, "the pure-Java reader should have read the layer");
        assertEquals(expected.digest().hex(), actual.digest().hex());
        assertEquals(expected.digest().count(), actual.digest().count());
        assertEquals(expected.fingerprints(), actual.fingerprints());
    }

    @Test
    void baseDigestAndFingerprintsEqualTheSqlPath() throws SQLException {
        int n = 400;
        Path file = national(n, 11);
        try (NationalSnapshot ds = NationalSnapshot.open(file)) {
            for (String layer : List.of(PkgFixtures.VEG, PkgFixtures.HYDRO)) {
                Schema schema = ds.schemas().get(layer);
                Set<Long> wanted = everyThirdFid(n);
                NationalLayer.BaseScan sql = NationalLayer.scanSql(ds.connection(), schema, wanted);
                assertEquals(n, sql.digest().count());
                assertEquals((n + 2) / 3, sql.fingerprints().size());
                assertSameBase(sql, NativeNationalScan.base(ds.connection(), ds.view(), schema, wanted));
                assertSameBase(sql, NationalLayer.scan(ds.connection(), ds.view(), schema, wanted));
            }
        }
    }

    @Test
    void integralRealsNullsAndTextNumbersDigestAsBySql() throws SQLException {
        int n = 60;
        // integral reals (stored as integers by SQLite), NULLs, a NULL geometry, a number stored in a TEXT column
        Path file = national(n, 12,
                "UPDATE " + PkgFixtures.VEG + " SET hauteur = 12.0 WHERE fid % 2 = 0",
                "UPDATE " + PkgFixtures.VEG + " SET nature = NULL, hauteur = NULL WHERE fid % 5 = 0",
                "UPDATE " + PkgFixtures.VEG + " SET geom = NULL WHERE fid = 7",
                "UPDATE " + PkgFixtures.VEG + " SET nature = 42 WHERE fid = 9",
                "UPDATE " + PkgFixtures.VEG + " SET nature = 'Forêt \u00e9t\u00e9 \u6c34' WHERE fid = 11");
        try (NationalSnapshot ds = NationalSnapshot.open(file)) {
            Schema schema = ds.schemas().get(PkgFixtures.VEG);
            Set<Long> wanted = everyThirdFid(n);
            wanted.addAll(List.of(7L, 9L, 10L, 11L, 12L));
            assertSameBase(NationalLayer.scanSql(ds.connection(), schema, wanted), NativeNationalScan.base(ds.connection(), ds.view(), schema, wanted));
        }
    }

    @Test
    void keyScanEqualsTheSqlPathIncludingDuplicateKeys() throws SQLException {
        int n = 300;
        Path file = national(n, 13,
                "UPDATE " + PkgFixtures.VEG + " SET cleabs = 'ZONEVEGE0000000000000001' WHERE fid = 3",
                "UPDATE " + PkgFixtures.VEG + " SET cleabs = NULL WHERE fid = 5");
        try (NationalSnapshot ds = NationalSnapshot.open(file)) {
            for (String layer : List.of(PkgFixtures.VEG, PkgFixtures.HYDRO)) {
                Schema schema = ds.schemas().get(layer);
                Set<String> keys = keys(layer.equals(PkgFixtures.VEG) ? "ZONEVEGE" : "TRON_EAU", n);
                Map<String, Long> sql = rowIds(NationalLayer.scanKeysSql(ds.connection(), schema, "cleabs", keys));
                Map<String, NationalLayer.Found> found = NativeNationalScan.keys(ds.connection(), ds.view(), schema, "cleabs", keys, true);
                assertNotNull(found);
                Map<String, Long> read = rowIds(found);
                assertEquals(sql, read);
                assertEquals(sql, rowIds(NationalLayer.lookup(ds.connection(), ds.view(), schema, "cleabs", keys, false)));
                if (layer.equals(PkgFixtures.VEG)) assertEquals(NationalLayer.AMBIGUOUS, read.get("ZONEVEGE0000000000000001"));
                assertNull(read.get("absent"));
                // the preconditions taken in the same scan equal the SQL read of each row by primary key
                try (NationalLayer byPk = new NationalLayer(ds.connection(), schema, null, null)) {
                    for (Map.Entry<String, NationalLayer.Found> e : found.entrySet()) {
                        if (e.getValue().rowId() == NationalLayer.AMBIGUOUS) continue;
                        NationalLayer.Current current = byPk.current(e.getValue().rowId());
                        assertEquals(current.fingerprint(), e.getValue().fingerprint(), e.getKey());
                        assertArrayEquals(current.geometry() == null ? null : current.geometry().storedBytes(), e.getValue().geometry(), e.getKey());
                    }
                }
                assertTrue(found.values().stream().filter(f -> f.rowId() != NationalLayer.AMBIGUOUS).count() > n / 3);
            }
        }
    }

    @Test
    void walModeFallsBackToSql() throws SQLException {
        int n = 50;
        Path file = national(n, 14);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
            assertEquals("wal", rs.getString(1));
        }
        try (NationalSnapshot ds = NationalSnapshot.open(file)) {
            Schema schema = ds.schemas().get(PkgFixtures.VEG);
            Set<Long> wanted = everyThirdFid(n);
            assertNull(NativeNationalScan.base(ds.connection(), ds.view(), schema, wanted));
            assertNull(NativeNationalScan.keys(ds.connection(), ds.view(), schema, "cleabs", keys("ZONEVEGE", n), false));
            NationalLayer.BaseScan sql = NationalLayer.scanSql(ds.connection(), schema, wanted);
            NationalLayer.BaseScan viaFallback = NationalLayer.scan(ds.connection(), ds.view(), schema, wanted);
            assertEquals(sql.digest().hex(), viaFallback.digest().hex());
            assertEquals(sql.fingerprints(), viaFallback.fingerprints());
            assertEquals(rowIds(NationalLayer.scanKeysSql(ds.connection(), schema, "cleabs", keys("ZONEVEGE", n))),
                    rowIds(NationalLayer.lookup(ds.connection(), ds.view(), schema, "cleabs", keys("ZONEVEGE", n), false)));
        }
    }

    @Test
    void columnAddedWithADefaultAndCollatedKeyFallBackToSql() throws SQLException {
        int n = 40;
        // old records lack the new column: SQL gives its default, which the reader does not evaluate
        Path file = national(n, 15,
                "ALTER TABLE " + PkgFixtures.VEG + " ADD COLUMN source TEXT DEFAULT 'IGN'",
                "ALTER TABLE " + PkgFixtures.HYDRO + " ADD COLUMN code TEXT COLLATE NOCASE");
        try (NationalSnapshot ds = NationalSnapshot.open(file)) {
            Schema veg = ds.schemas().get(PkgFixtures.VEG);
            assertTrue(veg.fields().stream().anyMatch(f -> f.name().equals("source")));
            Set<Long> wanted = everyThirdFid(n);
            assertNull(NativeNationalScan.base(ds.connection(), ds.view(), veg, wanted));
            NationalLayer.BaseScan sql = NationalLayer.scanSql(ds.connection(), veg, wanted);
            assertEquals(sql.digest().hex(), NationalLayer.scan(ds.connection(), ds.view(), veg, wanted).digest().hex());
            Schema hydro = ds.schemas().get(PkgFixtures.HYDRO);
            assertNull(NativeNationalScan.keys(ds.connection(), ds.view(), hydro, "cleabs", keys("TRON_EAU", n), false));
            assertEquals(rowIds(NationalLayer.scanKeysSql(ds.connection(), hydro, "cleabs", keys("TRON_EAU", n))),
                    rowIds(NationalLayer.lookup(ds.connection(), ds.view(), hydro, "cleabs", keys("TRON_EAU", n), false)));
        }
    }

    @Test
    void wellFormedUtf8IsExactlyWhatRoundTripsThroughAString() {
        java.util.Random r = new java.util.Random(7);
        int wellFormed = 0;
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[1 + r.nextInt(5)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(256));
            boolean roundTrips = java.util.Arrays.equals(b, new String(b, java.nio.charset.StandardCharsets.UTF_8).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(roundTrips, NativeNationalScan.wellFormedUtf8(b, 0, b.length), () -> java.util.HexFormat.of().formatHex(b));
            if (roundTrips) wellFormed++;
        }
        assertTrue(wellFormed > 1000);
        byte[] framed = "x\u00e9\u6c34\ud83c\udf32y".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(NativeNationalScan.wellFormedUtf8(framed, 1, framed.length - 2));
        assertTrue(!NativeNationalScan.wellFormedUtf8(framed, 1, 1)); // a cut sequence
    }
}
