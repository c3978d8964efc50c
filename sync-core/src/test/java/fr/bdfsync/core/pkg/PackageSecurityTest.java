package fr.bdfsync.core.pkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static fr.bdfsync.core.pkg.PkgFixtures.ALL;
import static fr.bdfsync.core.pkg.PkgFixtures.CREATED;
import static fr.bdfsync.core.pkg.PkgFixtures.TERRITORY;
import static fr.bdfsync.core.pkg.PkgFixtures.VEG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every hostile package of the issue is refused with a clear message and leaves nothing behind. */
class PackageSecurityTest {
    static final KeyPair KEYS = Ed25519.generate();

    @TempDir
    Path tmp;
    Path good;
    LabelRegistry registry;
    List<Map.Entry<String, byte[]>> goodEntries;

    @BeforeEach
    void buildGoodPackage() throws Exception {
        registry = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, ALL, TERRITORY)));
        Path national = tmp.resolve("national.gpkg");
        Path local = tmp.resolve("local.gpkg");
        Map<String, Map<String, Feature>> nat = PkgFixtures.national(40, 2);
        PkgFixtures.write(national, nat);
        PkgFixtures.write(local, PkgFixtures.edit(nat, 3));
        good = tmp.resolve("good.zip");
        try (GpkgDataset n = GpkgDataset.open(national); GpkgDataset l = GpkgDataset.open(local)) {
            DiffPackageChanges.Collected d = DiffPackageChanges.collect(n, l, "cleabs", null, true, 1);
            PackageBuilder.build(new BuildRequest(registry.communities().get(0).label(), KEYS.getPrivate(), KEYS.getPublic(), CREATED,
                    "e", "cleabs", d.nationalSchemas(), d.baseLayers(), d.changes(), List.of(), null, 0, ChangeRules.NONE), good);
        }
        goodEntries = entries(good);
        PackageVerifier.verify(good, registry, PackageLimits.DEFAULT, false).close();
    }

    static List<Map.Entry<String, byte[]>> entries(Path zip) throws IOException {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntriesInPhysicalOrder())) {
                out.add(new AbstractMap.SimpleEntry<>(e.getName(), z.getInputStream(e).readAllBytes()));
            }
        }
        return out;
    }

    Path zip(String name, List<Map.Entry<String, byte[]>> entries) throws IOException {
        Path p = tmp.resolve(name);
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p)) {
            for (Map.Entry<String, byte[]> e : entries) {
                ZipArchiveEntry ze = new ZipArchiveEntry(e.getKey());
                z.putArchiveEntry(ze);
                z.write(e.getValue());
                z.closeArchiveEntry();
            }
        }
        return p;
    }

    List<Map.Entry<String, byte[]>> with(String name, byte[] bytes) {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>(goodEntries);
        out.add(new AbstractMap.SimpleEntry<>(name, bytes));
        return out;
    }

    List<Map.Entry<String, byte[]>> replacing(String name, byte[] bytes) {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : goodEntries) out.add(new AbstractMap.SimpleEntry<>(e.getKey(), e.getKey().equals(name) ? bytes : e.getValue()));
        return out;
    }

    byte[] entry(String name) {
        return goodEntries.stream().filter(e -> e.getKey().equals(name)).findFirst().orElseThrow().getValue();
    }

    /** Verification fails with exit code 8, the message contains the expected words, and no file is left behind. */
    void refused(Path pkg, String expected) throws IOException {
        refused(pkg, expected, registry, PackageLimits.DEFAULT);
    }

    void refused(Path pkg, String expected, LabelRegistry reg, PackageLimits limits) throws IOException {
        List<Path> before = listing();
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> PackageVerifier.verify(pkg, reg, limits, false).close());
        assertEquals(ExitCode.VERIFICATION, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
        assertTrue(e.getMessage().contains(pkg.getFileName().toString()), "the message names the file");
        assertTrue(!e.getMessage().contains("\n"), "one line");
        assertEquals(before, listing(), "nothing written");
        // apply verifies all but the changes first, then the changes during its own read of them: refused all the same
        Path national = tmp.resolve("national.gpkg");
        BdfsyncException a = assertThrows(BdfsyncException.class, () -> {
            try (VerifiedPackage vp = PackageVerifier.verifyAllButChanges(pkg, reg, limits, false)) {
                PackageApplier.apply(vp, national, tmp.resolve("applied.gpkg"), new ApplyOptions(false, tmp.resolve("applied-reject.zip"), false,
                        null, null, CREATED));
            }
        });
        assertEquals(ExitCode.VERIFICATION, a.exitCode(), a.getMessage());
        assertEquals(e.getMessage(), a.getMessage(), "apply refuses it for the same reason");
        assertEquals(before, listing(), "apply wrote nothing");
    }

    List<Path> listing() throws IOException {
        try (var s = Files.walk(tmp)) {
            return s.sorted().toList();
        }
    }

    @Test
    void zipSlipNamesAreRefused() throws Exception {
        refused(zip("slip.zip", with("../evil.sh", new byte[]{1})), "zip slip");
        refused(zip("slip2.zip", with("qa/../../evil.sh", new byte[]{1})), "zip slip");
        refused(zip("abs.zip", with("/etc/evil", new byte[]{1})), "absolute path");
        refused(zip("bs.zip", with("qa/a\\b", new byte[]{1})), "backslash");
        refused(zip("drive.zip", with("C:evil", new byte[]{1})), "drive letter");
        assertTrue(!Files.exists(tmp.getParent().resolve("evil.sh")));
    }

    @Test
    void unexpectedAndDuplicateEntriesAreRefused() throws Exception {
        refused(zip("extra.zip", with("other.txt", new byte[]{1})), "unexpected entry 'other.txt'");
        refused(zip("dup.zip", with(PackageEntries.MANIFEST, entry(PackageEntries.MANIFEST))), "duplicate entry name 'manifest.json'");
        refused(zip("dupcase.zip", with("MANIFEST.JSON", entry(PackageEntries.MANIFEST))), "duplicate entry name");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        List<Map.Entry<String, byte[]>> many = new ArrayList<>(goodEntries);
        for (int i = 0; i < 20; i++) many.add(new AbstractMap.SimpleEntry<>("qa/f" + i, new byte[0]));
        refused(zip("many.zip", many), "more than the limit of 16");
    }

    @Test
    void zipBombIsRefusedOnDeclaredAndOnActualSize() throws Exception {
        byte[] zeros = new byte[3 * 1024 * 1024];
        PackageLimits small = new PackageLimits(16, PackageLimits.MIB, 1024, PackageLimits.MIB, PackageLimits.MIB, 2 * PackageLimits.MIB);
        Path declared = zip("bomb.zip", replacing(PackageEntries.CHANGES, zeros));
        assertTrue(Files.size(declared) < 100_000, "it is a bomb: small on disk");
        refused(declared, "declares 3145728 bytes, over the limit", registry, small);
        // the same bomb whose headers lie about its size: refused while inflating
        Path lying = tmp.resolve("lying.zip");
        Files.write(lying, patchDeclaredSize(Files.readAllBytes(declared), PackageEntries.CHANGES, 1000));
        Files.delete(declared);
        refused(lying, "inflates to more than 1048576 bytes", registry, small);
    }

    /** Rewrites the uncompressed size of an entry in its local and central headers. */
    static byte[] patchDeclaredSize(byte[] zip, String name, int size) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 + n.length < zip.length; i++) {
            boolean local = zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 3 && zip[i + 3] == 4;
            boolean central = zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2;
            int nameAt = local ? 30 : 46;
            int sizeAt = local ? 22 : 24;
            if ((local || central) && java.util.Arrays.equals(zip, i + nameAt, i + nameAt + n.length, n, 0, n.length)) {
                for (int b = 0; b < 4; b++) zip[i + sizeAt + b] = (byte) (size >>> (8 * b));
            }
        }
        return zip;
    }

    @Test
    void bigManifestIsRefused() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        byte[] m = entry(PackageEntries.MANIFEST);
        System.arraycopy(m, 0, big, 0, m.length);
        refused(zip("bigmanifest.zip", replacing(PackageEntries.MANIFEST, big)), "entry 'manifest.json' declares 2097152 bytes, over the limit of 1048576");
    }

    @Test
    void malformedJsonAndUnknownVersionAreRefused() throws Exception {
        refused(zip("malformed.zip", replacing(PackageEntries.MANIFEST, "{\"formatVersion\":1,".getBytes(StandardCharsets.UTF_8))), "manifest.json is not valid JSON");
        String m = new String(entry(PackageEntries.MANIFEST), StandardCharsets.UTF_8);
        refused(zip("v2.zip", replacing(PackageEntries.MANIFEST, m.replace("\"formatVersion\":1", "\"formatVersion\":2").getBytes(StandardCharsets.UTF_8))),
                "unknown package format version 2; this bdfsync reads version 1");
        refused(zip("dupkey.zip", replacing(PackageEntries.MANIFEST, m.replace("{\"formatVersion\":1,", "{\"formatVersion\":1,\"formatVersion\":1,")
                .getBytes(StandardCharsets.UTF_8))), "not valid JSON");
    }

    @Test
    void alteredManifestFailsTheSignature() throws Exception {
        String m = new String(entry(PackageEntries.MANIFEST), StandardCharsets.UTF_8);
        String altered = m.replace("\"edition\":\"e\"", "\"edition\":\"f\"");
        assertTrue(!altered.equals(m));
        refused(zip("altered.zip", replacing(PackageEntries.MANIFEST, altered.getBytes(StandardCharsets.UTF_8))), "the signature does not verify");
        refused(zip("nosig.zip", goodEntries.stream().filter(e -> !e.getKey().equals(PackageEntries.SIGNATURE)).toList()), "not signed");
    }

    @Test
    void validSignatureByAnUnregisteredKeyIsRefused() throws Exception {
        LabelRegistry other = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", Ed25519.generate(), ALL, TERRITORY)));
        refused(good, "which is not the key registered for community 'c1'", other, PackageLimits.DEFAULT);
        LabelRegistry none = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c2", KEYS, ALL, TERRITORY)));
        refused(good, "community 'c1' is not in the label registry", none, PackageLimits.DEFAULT);
    }

    @Test
    void tamperedChangesFailTheChecksum() throws Exception {
        byte[] changes = entry(PackageEntries.CHANGES).clone();
        changes[changes.length - 10] ^= 1;
        refused(zip("tampered.zip", replacing(PackageEntries.CHANGES, changes)), "does not match its checksum");
    }

    @Test
    void changesOutsideTheLabelAreRefusedAtVerifyAndNotPackagedAtBuild() throws Exception {
        // a package signed by the community whose label claims only "nature" but which carries geometry changes
        Map<String, List<String>> natureOnly = Map.of(VEG, List.of("nature"));
        LabelRegistry narrow = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, natureOnly, TERRITORY)));
        Schema s = PkgFixtures.schema(VEG, GeometryType.POLYGON);
        GeometryValue g = GeometryValue.of(new WKTReader().read("POLYGON ((200000 6800000, 200010 6800000, 200010 6800010, 200000 6800000))"));
        PackageChange geomChange = new PackageChange(VEG, ChangeOp.UPDATE, "ZONEVEGE0000000000000001", "ab", new TreeSet<>(List.of("geometry")),
                Map.of(), g, g, null);
        Path pkg = tmp.resolve("outside.zip");
        PackageWriter.write(pkg, header(narrow.communities().get(0).label()), Map.of(VEG, s), List.of(geomChange), List.of(), null, KEYS.getPrivate(), KEYS.getPublic());
        refused(pkg, "1 change(s) fall outside the label: layer 'zone_de_vegetation' key 'ZONEVEGE0000000000000001': attribute 'geometry'", narrow, PackageLimits.DEFAULT);
        // a change outside the territory
        GeometryValue far = GeometryValue.of(new WKTReader().read("POLYGON ((900000 6100000, 900010 6100000, 900010 6100010, 900000 6100000))"));
        PackageChange farInsert = new PackageChange(VEG, ChangeOp.INSERT, "ZONEVEGE9999999999999999", null, new TreeSet<>(List.of("cleabs", "geometry")),
                Map.of("cleabs", "ZONEVEGE9999999999999999"), far, far, null);
        Path pkg2 = tmp.resolve("far.zip");
        PackageWriter.write(pkg2, header(registry.communities().get(0).label()), Map.of(VEG, s), List.of(farInsert), List.of(), null, KEYS.getPrivate(), KEYS.getPublic());
        refused(pkg2, "outside the territory of community 'c1'");
        // the builder does not package them and says why
        BuildResult b = PackageBuilder.build(new BuildRequest(narrow.communities().get(0).label(), KEYS.getPrivate(), KEYS.getPublic(), CREATED, "e", "cleabs",
                Map.of(VEG, s), Map.of(), List.of(geomChange, farInsert), List.of(), null, 0, ChangeRules.NONE), tmp.resolve("built.zip"));
        assertEquals(2, b.refused().size());
        assertEquals(Map.of(Refusal.OUT_OF_SCOPE, 2L), b.manifest().validation().refused());
        assertEquals(0, b.manifest().validation().packaged());
    }

    @Test
    void invalidGeometryIsNotPackaged() throws Exception {
        Schema s = PkgFixtures.schema(VEG, GeometryType.POLYGON);
        GeometryValue bowtie = GeometryValue.of(new WKTReader().read("POLYGON ((200000 6800000, 200010 6800010, 200010 6800000, 200000 6800010, 200000 6800000))"));
        PackageChange c = new PackageChange(VEG, ChangeOp.INSERT, "ZONEVEGE9000000000000001", null, new TreeSet<>(List.of("cleabs", "geometry")),
                Map.of("cleabs", "ZONEVEGE9000000000000001"), bowtie, bowtie, null);
        BuildResult b = PackageBuilder.build(new BuildRequest(registry.communities().get(0).label(), KEYS.getPrivate(), KEYS.getPublic(), CREATED, "e", "cleabs",
                Map.of(VEG, s), Map.of(), List.of(c), List.of(), null, 0, ChangeRules.NONE), tmp.resolve("bowtie.zip"));
        assertEquals(1, b.refused().size());
        assertTrue(b.refused().get(0).reason().startsWith("invalid-geometry: Self-intersection"), b.refused().get(0).reason());
    }

    static PackageWriter.Header header(Label label) {
        return new PackageWriter.Header(Manifest.KIND_CONTRIBUTION, CREATED, label, new Manifest.Base("e", RowFingerprint.ALGORITHM, Map.of()), "cleabs",
                new Manifest.Validation(1, 1, Map.of()), new Manifest.Qa(0), null);
    }

    @Test
    void hostileSqlIdentifiersFromAPackageAreQuotedAndRejected() throws Exception {
        String hostile = "x; DROP TABLE y; --";
        Path national = nationalWithTableY();
        Schema veg = PkgFixtures.schema(VEG, GeometryType.POLYGON);
        Schema hostileLayer = new Schema(hostile, List.of(new Field("cleabs", FieldType.TEXT), new Field(hostile, FieldType.TEXT)), null, null,
                false, false, null, "fid");
        Schema hostileAttr = veg.withFields(List.of(new Field("cleabs", FieldType.TEXT), new Field(hostile, FieldType.TEXT)));
        PackageChange c1 = new PackageChange(hostile, ChangeOp.INSERT, "k2", null, new TreeSet<>(List.of("cleabs", hostile)),
                Map.of("cleabs", "k2", hostile, "v"), null, null, null);
        PackageChange c2 = new PackageChange(VEG, ChangeOp.UPDATE, "ZONEVEGE0000000000000001", "ff", new TreeSet<>(List.of(hostile)),
                Map.of(hostile, "v"), null, null, null);
        LabelRegistry reg = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS,
                Map.of(hostile, List.of("*"), VEG, List.of("*")), null)));
        Path pkg = tmp.resolve("hostile.zip");
        PackageWriter.write(pkg, header(reg.communities().get(0).label()), Map.of(hostile, hostileLayer, VEG, hostileAttr), List.of(c1, c2), List.of(),
                null, KEYS.getPrivate(), KEYS.getPublic());
        Path out = tmp.resolve("hostile-out.gpkg");
        Path reject = tmp.resolve("hostile-reject.zip");
        ApplyReport r;
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, reg, PackageLimits.DEFAULT, false)) {
            r = PackageApplier.apply(vp, national, out, new ApplyOptions(false, reject, false, KEYS.getPrivate(), KEYS.getPublic(), CREATED));
        }
        assertEquals(Map.of(Refusal.UNKNOWN_LAYER, 1L, Refusal.UNKNOWN_ATTRIBUTE, 1L), r.rejected());
        for (Path p : List.of(national, out)) {
            try (GpkgDataset ds = GpkgDataset.open(p)) {
                assertEquals(1, ds.count("y"), "table y is still there in " + p.getFileName());
            }
        }
        try (VerifiedPackage rp = PackageVerifier.verify(reject, reg, PackageLimits.DEFAULT, false)) {
            assertEquals(Map.of(hostile, Map.of("delete", 0L, "insert", 1L, "update", 0L), VEG, Map.of("delete", 0L, "insert", 0L, "update", 1L)), rp.counts());
        }
    }

    @Test
    void identifiersWithDoubleQuotesAreRefusedBeforeAnySql() throws Exception {
        Path national = nationalWithTableY();
        String hostile = "x\"; DROP TABLE y; --";
        Schema plain = new Schema("placeholder", List.of(new Field("cleabs", FieldType.TEXT), new Field("attr", FieldType.TEXT)), null, null,
                false, false, null, "fid");
        PackageChange c = new PackageChange("placeholder", ChangeOp.INSERT, "k2", null, new TreeSet<>(List.of("cleabs", "attr")),
                Map.of("cleabs", "k2", "attr", "v"), null, null, null);
        LabelRegistry reg = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, Map.of(hostile, List.of("*")), null)));
        Path tmpPkg = tmp.resolve("placeholder.zip");
        Manifest m = PackageWriter.write(tmpPkg, header(reg.communities().get(0).label()), Map.of("placeholder", plain), List.of(c), List.of(), null,
                KEYS.getPrivate(), KEYS.getPublic());
        // rename the table inside changes.gpkg with correct quoting, then re-sign: a well-formed, signed, hostile package
        Path gpkg = tmp.resolve("edit.gpkg");
        Files.write(gpkg, entries(tmpPkg).stream().filter(e -> e.getKey().equals(PackageEntries.CHANGES)).findFirst().orElseThrow().getValue());
        try (java.sql.Connection conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + gpkg); java.sql.Statement st = conn.createStatement()) {
            st.execute("ALTER TABLE placeholder RENAME TO " + fr.bdfsync.core.io.gpkg.Sql.id(hostile));
            st.execute("UPDATE gpkg_contents SET table_name = '" + hostile.replace("'", "''") + "', identifier = 'h' WHERE table_name = 'placeholder'");
        }
        Manifest hostileManifest = new Manifest(1, m.packageId(), m.kind(), m.created(), m.tool(), m.label(), m.signer(), m.base(), m.keyColumn(),
                Map.of(hostile, m.counts().get("placeholder")), List.of(new Manifest.EntryDigest(PackageEntries.CHANGES, Files.size(gpkg),
                PackageWriter.sha256(gpkg))), m.validation(), m.qa(), null);
        byte[] mb = PackageJson.bytes(hostileManifest);
        Path pkg = tmp.resolve("quoted.zip");
        SafeZipWriter.write(pkg, List.of(ZipEntrySource.ofBytes(PackageEntries.MANIFEST, mb), ZipEntrySource.ofBytes(PackageEntries.SIGNATURE,
                (java.util.Base64.getEncoder().encodeToString(Ed25519.sign(KEYS.getPrivate(), mb)) + "\n").getBytes(StandardCharsets.US_ASCII)),
                ZipEntrySource.ofStoredFile(PackageEntries.CHANGES, gpkg)), CREATED);
        Files.delete(gpkg);
        Files.delete(tmpPkg);
        refused(pkg, "contains a double quote", reg, PackageLimits.DEFAULT);
        try (GpkgDataset ds = GpkgDataset.open(national)) {
            assertEquals(1, ds.count("y"));
        }
    }

    Path nationalWithTableY() {
        Path national = tmp.resolve("hostile-national.gpkg");
        Schema y = new Schema("y", List.of(new Field("cleabs", FieldType.TEXT)), null, null, false, false, null, "fid");
        try (GpkgWriter w = GpkgWriter.create(national)) {
            w.addLayer(y).write(new Feature(1, new Object[]{"k"}, null));
            w.addLayer(PkgFixtures.schema(VEG, GeometryType.POLYGON));
            w.commit();
        }
        return national;
    }
}
