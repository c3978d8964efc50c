package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static fr.bdfsync.core.pkg.PkgFixtures.ALL;
import static fr.bdfsync.core.pkg.PkgFixtures.CREATED;
import static fr.bdfsync.core.pkg.PkgFixtures.TERRITORY;
import static fr.bdfsync.core.pkg.PkgFixtures.VEG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageRoundTripTest {
    @TempDir
    Path tmp;

    static final KeyPair KEYS = Ed25519.generate();

    Path national;
    Path local;
    LabelRegistry registry;

    void setUp(int n, long seed) {
        national = tmp.resolve("national.gpkg");
        local = tmp.resolve("local.gpkg");
        PkgFixtures.nationalAndLocal(national, local, n, seed);
        registry = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, ALL, TERRITORY)));
    }

    BuildResult build(Path target) {
        try (GpkgDataset n = GpkgDataset.open(national); GpkgDataset l = GpkgDataset.open(local)) {
            DiffPackageChanges.Collected d = DiffPackageChanges.collect(n, l, "cleabs", null, true, 1);
            BuildRequest req = new BuildRequest(registry.communities().get(0).label(), KEYS.getPrivate(), KEYS.getPublic(), CREATED,
                    "test-edition", "cleabs", d.nationalSchemas(), d.baseLayers(), d.changes(), List.of(), null, 0, ChangeRules.NONE);
            return PackageBuilder.build(req, target);
        }
    }

    @Test
    void applyOfPackageOfDiffGivesTheLocalStateForSeveralSeeds() {
        for (long seed : new long[]{1, 7, 42}) {
            setUp(300, seed);
            Path pkg = tmp.resolve("p" + seed + ".zip");
            BuildResult b = build(pkg);
            assertTrue(b.refused().isEmpty(), "nothing refused: " + b.refused());
            assertTrue(b.manifest().validation().packaged() > 50, "the edits gave changes");
            Path out = tmp.resolve("out" + seed + ".gpkg");
            try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
                ApplyReport r = PackageApplier.apply(vp, national, out, new ApplyOptions(false, tmp.resolve("rej" + seed + ".zip"), false, null, null, CREATED));
                assertEquals(0, r.rejectedTotal(), r.rejectedSample().toString());
                assertEquals(b.manifest().validation().packaged(), r.appliedTotal());
            }
            assertSameContent(PkgFixtures.read(local), PkgFixtures.read(out));
            assertFalse(Files.exists(tmp.resolve("rej" + seed + ".zip")), "no reject package when everything applied");
        }
    }

    @Test
    void aLocalCreationWithoutCleabsIsPackagedAsAnInsertAndAppliedWithoutInventingAnIdentifier() throws Exception {
        setUp(50, 3);
        Map<String, Map<String, Feature>> loc = PkgFixtures.read(local);
        Feature created = new Feature(100_000, new Object[]{null, "Verger", 2.5, "2026-11-20T00:00:00Z"},
                GeometryValue.of(new org.locationtech.jts.io.WKTReader().read("POLYGON ((200000 6800000, 200050 6800000, 200050 6800050, 200000 6800050, 200000 6800000))")));
        loc.get(PkgFixtures.VEG).put("(new)", created);
        Files.delete(local);
        PkgFixtures.write(local, loc);
        Path pkg = tmp.resolve("new.zip");
        BuildResult b = build(pkg);
        assertTrue(b.refused().isEmpty(), "nothing refused: " + b.refused());
        Path out = tmp.resolve("new-out.gpkg");
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            ApplyReport r = PackageApplier.apply(vp, national, out, new ApplyOptions(false, tmp.resolve("new-rej.zip"), false, null, null, CREATED));
            assertEquals(0, r.rejectedTotal(), r.rejectedSample().toString());
        }
        try (GpkgDataset d = GpkgDataset.open(out);
             java.sql.Statement st = d.connection().createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*), max(nature) FROM zone_de_vegetation WHERE cleabs IS NULL")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the creation is in, without an identifier");
            assertEquals("Verger", rs.getString(2));
        }
        try (GpkgDataset d = GpkgDataset.open(out);
             java.sql.Statement st = d.connection().createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM zone_de_vegetation WHERE cleabs LIKE 'fid:%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "a provisional key is never written as a cleabs");
        }
    }

    static void assertSameContent(Map<String, Map<String, Feature>> expected, Map<String, Map<String, Feature>> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String layer : expected.keySet()) {
            Map<String, Feature> e = expected.get(layer);
            Map<String, Feature> a = actual.get(layer);
            assertEquals(e.keySet(), a.keySet(), layer + ": same keys");
            for (String k : e.keySet()) {
                Feature fe = e.get(k);
                Feature fa = a.get(k);
                for (int i = 0; i < fe.values().length; i++) {
                    assertTrue(fr.bdfsync.core.diff.Row.valueEquals(fe.values()[i], fa.values()[i]), layer + " " + k + " attribute " + i + ": "
                            + fe.values()[i] + " vs " + fa.values()[i]);
                }
                assertArrayEquals(fe.geometry().wkb(), fa.geometry().wkb(), layer + " " + k + " geometry");
            }
        }
    }

    @Test
    void staleObjectGoesToTheRejectPackageAndTheRestApplies() throws Exception {
        setUp(200, 3);
        Path pkg = tmp.resolve("p.zip");
        BuildResult b = build(pkg);
        // the national object of one packaged update changes after the package was built
        String staleKey;
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false);
             ChangesGpkg.Reader r = ChangesGpkg.open(pkg, vp.changesFile())) {
            PackageChange upd = null;
            for (var it = r.changes(VEG); it.hasNext(); ) {
                PackageChange c = it.next();
                if (c.op() == ChangeOp.UPDATE) {
                    upd = c;
                    break;
                }
            }
            assertNotNull(upd);
            staleKey = upd.key();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + national);
             PreparedStatement ps = c.prepareStatement("UPDATE zone_de_vegetation SET date_modification = '2027-01-01T00:00:00Z' WHERE cleabs = ?")) {
            ps.setString(1, staleKey);
            assertEquals(1, ps.executeUpdate());
        }
        byte[] nationalBefore = Files.readAllBytes(national);
        Path out = tmp.resolve("out.gpkg");
        Path reject = tmp.resolve("reject.zip");
        KeyPair receiver = Ed25519.generate();
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            ApplyReport r = PackageApplier.apply(vp, national, out, new ApplyOptions(false, reject, false, receiver.getPrivate(), receiver.getPublic(), CREATED));
            assertEquals(Map.of(Refusal.STALE_BASE, 1L), r.rejected());
            assertEquals(b.manifest().validation().packaged() - 1, r.appliedTotal());
        }
        assertArrayEquals(nationalBefore, Files.readAllBytes(national), "the national file is untouched");
        Map<String, Map<String, Feature>> result = PkgFixtures.read(out);
        assertEquals("2027-01-01T00:00:00Z", result.get(VEG).get(staleKey).values()[3], "the stale object keeps the national state");
        // the reject package is a package: verifiable, kind reject, one change with its reason
        LabelRegistry withReceiver = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", receiver, ALL, TERRITORY)));
        try (VerifiedPackage rp = PackageVerifier.verify(reject, withReceiver, PackageLimits.DEFAULT, false);
             ChangesGpkg.Reader r = ChangesGpkg.open(reject, rp.changesFile())) {
            assertEquals(Manifest.KIND_REJECT, rp.manifest().kind());
            assertEquals(b.manifest().packageId(), rp.manifest().rejectOf());
            PackageChange c = r.changes(VEG).next();
            assertEquals(staleKey, c.key());
            assertTrue(c.reason().startsWith(Refusal.STALE_BASE), c.reason());
            assertFalse(c.changed().isEmpty(), "the rejected change keeps what it changed");
            assertEquals(c.geometryChanged(), c.geometry() != null, "and its new geometry when it had one");
        }
    }

    @Test
    void dryRunWritesNothingAndReportsTheSame() throws Exception {
        setUp(100, 5);
        Path pkg = tmp.resolve("p.zip");
        BuildResult b = build(pkg);
        List<Path> before;
        try (var s = Files.list(tmp)) {
            before = s.sorted().toList();
        }
        byte[] nationalBefore = Files.readAllBytes(national);
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            ApplyReport r = PackageApplier.apply(vp, national, tmp.resolve("out.gpkg"),
                    new ApplyOptions(true, tmp.resolve("rej.zip"), false, null, null, CREATED));
            assertTrue(r.dryRun());
            assertEquals(b.manifest().validation().packaged(), r.appliedTotal());
        }
        List<Path> after;
        try (var s = Files.list(tmp)) {
            after = s.sorted().toList();
        }
        assertEquals(before, after, "no file created or removed");
        assertArrayEquals(nationalBefore, Files.readAllBytes(national));
    }

    @Test
    void sameInputsAndCreationTimeGiveAByteIdenticalPackage() throws Exception {
        setUp(150, 11);
        Path a = tmp.resolve("a.zip");
        Path b = tmp.resolve("b.zip");
        build(a);
        Thread.sleep(1100); // a different wall clock must not matter
        build(b);
        assertTrue(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "byte-identical packages");
        // and no trace of the wall clock anywhere in the bytes (a build an hour or a day later is identical too):
        // the timestamps the GeoPackage writer first put in gpkg_contents must not linger in freed page space
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "T";
        if (!CREATED.toString().startsWith(today)) {
            try (VerifiedPackage vp = PackageVerifier.verify(a, registry, PackageLimits.DEFAULT, false)) {
                String raw = new String(Files.readAllBytes(vp.changesFile()), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(raw.contains(today), "changes.gpkg holds the build's date " + today);
            }
        }
    }

    @Test
    void inPlaceChangesTheNationalFileAndKeepsABackupWhenAsked() throws Exception {
        setUp(80, 9);
        Path pkg = tmp.resolve("p.zip");
        build(pkg);
        byte[] before = Files.readAllBytes(national);
        ApplyReport r;
        Path backup = tmp.resolve("national.before.gpkg");
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            r = PackageApplier.apply(vp, national, null, new ApplyOptions(false, null, true, null, null, CREATED, backup));
        }
        assertEquals(backup.toString(), r.backup());
        assertArrayEquals(before, Files.readAllBytes(backup), "backup holds the national file as it was");
        assertSameContent(PkgFixtures.read(local), PkgFixtures.read(national));
    }
}
