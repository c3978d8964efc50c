package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.bdfsync.core.pkg.PkgFixtures.ALL;
import static fr.bdfsync.core.pkg.PkgFixtures.CREATED;
import static fr.bdfsync.core.pkg.PkgFixtures.HYDRO;
import static fr.bdfsync.core.pkg.PkgFixtures.TERRITORY;
import static fr.bdfsync.core.pkg.PkgFixtures.VEG;
import static fr.bdfsync.core.pkg.PkgFixtures.sqlite3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The national file is read under one snapshot: a package build (the diff of every layer, the base digest and the base
 * fingerprints) and an apply to a new file (the key lookups, the copy, the application) hold SQLite's SHARED lock from
 * the first read to the last, so another process cannot write the national file in between (a writer that could would
 * make the digest, the fingerprints or the copy describe another state than the diff or the lookups). Only another
 * process can tell: within one process SQLite shares its lock state between connections, and closing any descriptor of
 * the file in this process would drop the POSIX locks silently. The base digest taken inside the diff's scan equals the
 * SQL read of the layer.
 */
class ReadSnapshotTest {
    static final KeyPair KEYS = Ed25519.generate();
    /** A write by another process (it needs SQLite's EXCLUSIVE lock to commit), and how to see whether it happened. */
    static final String WRITE = "CREATE TABLE bdfsync_probe (a);";
    static final String WRITTEN = "SELECT count(*) FROM sqlite_master WHERE name = 'bdfsync_probe';";

    @TempDir
    Path tmp;

    Path national;
    Path local;

    void files(int n, long seed) {
        national = tmp.resolve("national.gpkg");
        local = tmp.resolve("local.gpkg");
        PkgFixtures.nationalAndLocal(national, local, n, seed);
    }

    @Test
    void noWriterGetsInBetweenTheDiffAndTheBaseDigest() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "needs the sqlite3 command");
        files(200, 31);
        List<String> seen = new ArrayList<>();
        DiffPackageChanges.Collected d;
        try (GpkgDataset n = GpkgDataset.open(national); GpkgDataset l = GpkgDataset.open(local)) {
            d = DiffPackageChanges.collect(n, l, "cleabs", null, true, 2, () -> {
                seen.add(sqlite3(national, WRITE));
                seen.add(sqlite3(national, "SELECT count(*) FROM " + VEG + ";"));
            });
        }
        assertEquals(2, seen.size());
        assertTrue(seen.get(0).contains("database is locked"), "a writer got in while the build held its snapshot: " + seen);
        assertEquals("200", seen.get(1).trim(), "readers still read: " + seen);
        assertEquals("0", sqlite3(national, WRITTEN).trim(), "the write did not happen");
        assertTrue(sqlite3(national, WRITE).isEmpty(), "the lock is released after the build");
        assertEquals("1", sqlite3(national, WRITTEN).trim(), "the writer got in after the build");
        assertTrue(d.changes().size() > 20);
    }

    @Test
    void baseDigestTakenInTheDiffScanEqualsTheSqlRead() throws SQLException {
        files(2500, 32); // more than 2 x 1024 rows: the diff's scan runs in two partitions on two threads
        DiffPackageChanges.Collected d;
        try (GpkgDataset n = GpkgDataset.open(national); GpkgDataset l = GpkgDataset.open(local)) {
            d = DiffPackageChanges.collect(n, l, "cleabs", null, true, 2);
        }
        assertTrue(d.phaseMillis().containsKey("diff (with the base digest)"), d.phaseMillis().toString());
        assertTrue(d.phaseMillis().keySet().stream().noneMatch(k -> k.startsWith("base digest")), "no second read: " + d.phaseMillis());
        int checked = 0;
        try (NationalSnapshot s = NationalSnapshot.open(national)) {
            for (String layer : List.of(VEG, HYDRO)) {
                Schema schema = s.schemas().get(layer);
                Map<String, Long> fidOf = new HashMap<>();
                Set<Long> all = new HashSet<>();
                try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT fid, cleabs FROM " + layer)) {
                    while (rs.next()) {
                        fidOf.put(rs.getString(2), rs.getLong(1));
                        all.add(rs.getLong(1));
                    }
                }
                NationalLayer.BaseScan sql = NationalLayer.scanSql(s.connection(), schema, all);
                assertEquals(sql.digest().toBaseLayer(), d.baseLayers().get(layer), layer);
                for (PackageChange c : d.changes()) {
                    if (!c.layer().equals(layer) || c.op() == ChangeOp.INSERT) continue;
                    Long fid = fidOf.get(c.key());
                    assertNotNull(fid, c.key());
                    assertEquals(sql.fingerprints().get(fid), c.baseFingerprint(), layer + " " + c.key());
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void noWriterGetsInWhileAnApplyToANewFileReadsTheNationalFile() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "needs the sqlite3 command");
        files(150, 33);
        LabelRegistry registry = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, ALL, TERRITORY)));
        Path pkg = tmp.resolve("p.zip");
        PkgFixtures.buildPackage(national, local, registry, KEYS, pkg);
        List<String> seen = new ArrayList<>();
        PackageApplier.WriteProbe probe = new PackageApplier.WriteProbe() {
            @Override
            public void afterWrite(Connection c, long writes) {
                if (writes == 5) seen.add("during the writes: " + sqlite3(national, WRITE));
            }

            @Override
            public void snapshotHeld(Path file) {
                seen.add("during the key lookups: " + sqlite3(national, WRITE));
            }
        };
        ApplyReport r;
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            r = PackageApplier.apply(vp, national, tmp.resolve("out.gpkg"), new ApplyOptions(false, null, false, null, null, CREATED), probe);
        }
        assertEquals(0, r.rejectedTotal(), r.rejectedSample().toString());
        assertEquals(2, seen.size(), seen.toString());
        for (String s : seen) assertTrue(s.contains("database is locked"), "a writer got in during the apply: " + seen);
        assertEquals("0", sqlite3(national, WRITTEN).trim(), "the write did not happen");
        assertTrue(sqlite3(national, WRITE).isEmpty(), "the lock is released after the apply");
        assertEquals("1", sqlite3(national, WRITTEN).trim(), "the writer got in after the apply");
        assertEquals("0", sqlite3(tmp.resolve("out.gpkg"), WRITTEN).trim(), "the copy is the state the apply read");
    }
}
