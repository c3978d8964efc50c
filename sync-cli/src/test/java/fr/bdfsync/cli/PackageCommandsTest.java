package fr.bdfsync.cli;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keygen, package, verify and apply end to end through the command line, with exit codes and outputs. */
class PackageCommandsTest {
    @TempDir
    Path tmp;
    String out;
    String err;

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    void write(Path file, int edits) {
        Schema s = new Schema("haie", List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT)), "geom",
                GeometryType.LINESTRING, false, false, CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", null), "fid");
        GeometryFactory gf = new GeometryFactory();
        try (GpkgWriter w = GpkgWriter.create(file)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            for (int i = 1; i <= 20; i++) {
                String nature = i <= edits ? "Haie arbustive" : "Haie";
                lw.write(new Feature(i, new Object[]{String.format("HAIELINE%016d", i), nature},
                        GeometryValue.of(gf.createLineString(new Coordinate[]{new Coordinate(200000 + i, 6800000), new Coordinate(200100 + i, 6800050)}))));
            }
            w.commit();
        }
    }

    @Test
    void keygenPackageVerifyApplyThroughTheCommandLine() throws Exception {
        Path national = tmp.resolve("national.gpkg");
        Path local = tmp.resolve("local.gpkg");
        write(national, 0);
        write(local, 3);
        assertEquals(0, run("keygen", "--out", tmp.resolve("k").toString()), err);
        String pub = out.lines().filter(l -> l.startsWith("registry publicKey: ")).findFirst().orElseThrow().substring(20);
        Path registry = tmp.resolve("registry.json");
        Files.writeString(registry, "{\"format\":\"bdfsync-registry/1\",\"communities\":[{\"id\":\"c\",\"name\":\"C\",\"publicKey\":\"" + pub
                + "\",\"themes\":[\"vegetation\"],\"layers\":{\"haie\":[\"nature\"]},\"territory\":null}]}");
        Path pkg = tmp.resolve("p.zip");
        assertEquals(0, run("package", "--national", national.toString(), "--local", local.toString(), "--registry", registry.toString(),
                "--community", "c", "--key", tmp.resolve("k.key").toString(), "--created", "2026-11-25T12:00:00Z", "-o", pkg.toString()), err);
        assertTrue(out.contains("haie: {delete=0, insert=0, update=3}"), out);
        assertEquals(0, run("verify", pkg.toString(), "--registry", registry.toString(), "--format", "json"), err);
        assertTrue(out.contains("\"verified\":true") && out.contains("\"community\":\"c\""), out);
        assertEquals(0, run("apply", pkg.toString(), "--to", national.toString(), "--registry", registry.toString(), "--dry-run"), err);
        assertTrue(out.contains("3 change(s) would apply, 0 rejected"), out);
        Path applied = tmp.resolve("applied.gpkg");
        assertEquals(0, run("apply", pkg.toString(), "--to", national.toString(), "--registry", registry.toString(), "-o", applied.toString()), err);
        assertTrue(Files.exists(applied));
        // applying again to the result: every update is now stale and goes to the reject package, exit code 1
        Path reject = tmp.resolve("reject.zip");
        assertEquals(1, run("apply", pkg.toString(), "--to", applied.toString(), "--registry", registry.toString(), "-o",
                tmp.resolve("again.gpkg").toString(), "--reject", reject.toString()), err);
        assertTrue(out.contains("rejected by reason: {stale-base=3}"), out);
        assertEquals(0, run("verify", reject.toString(), "--registry", registry.toString(), "--allow-unsigned"), err);
        assertTrue(out.contains("(reject of pkg-"), out);
        // espaceco export: updates carry the key and the changed attribute only
        Path json = tmp.resolve("tx.json");
        assertEquals(0, run("package", "--national", national.toString(), "--local", local.toString(), "--registry", registry.toString(),
                "--community", "c", "--format", "espaceco", "-o", json.toString()), err);
        String tx = Files.readString(json);
        assertTrue(tx.contains("{\"table\":\"haie\",\"state\":\"Update\",\"data\":{\"cleabs\":\"HAIELINE0000000000000001\",\"nature\":\"Haie arbustive\"}}"), tx);
        // a tampered package: exit code 8, one line, nothing written
        byte[] bytes = Files.readAllBytes(pkg);
        bytes[bytes.length / 2] ^= 1;
        Path bad = tmp.resolve("bad.zip");
        Files.write(bad, bytes);
        Path never = tmp.resolve("never.gpkg");
        assertEquals(8, run("apply", bad.toString(), "--to", national.toString(), "--registry", registry.toString(), "-o", never.toString()));
        assertTrue(err.startsWith("bdfsync: error: " + bad), err);
        assertFalse(Files.exists(never));
        // in place, with a backup: the national file itself changes, the backup is the file as it was
        byte[] before = Files.readAllBytes(national);
        Path backup = tmp.resolve("national.before.gpkg");
        assertEquals(2, run("apply", pkg.toString(), "--to", national.toString(), "--registry", registry.toString(), "-o", never.toString(),
                "--backup", backup.toString()), "--backup without --in-place is a usage error");
        assertEquals(0, run("apply", pkg.toString(), "--to", national.toString(), "--registry", registry.toString(), "--in-place",
                "--backup", backup.toString()), err);
        assertTrue(out.contains("3 change(s) applied") && out.contains("backup of the national file: " + backup) && out.contains("in place"), out);
        assertArrayEquals(before, Files.readAllBytes(backup));
        assertArrayEquals(Files.readAllBytes(applied), Files.readAllBytes(national), "same bytes as the apply to a new file");
        assertFalse(Files.exists(Path.of(national + "-journal")));
    }
}
