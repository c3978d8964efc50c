package fr.bdfsync.cli;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.io.gpkg.KnownCrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncCommandTest {
    static void gpkg(Path file, String nature) throws Exception {
        Schema s = new Schema("zone_de_vegetation", List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT)), "geom",
                GeometryType.POLYGON, false, false, CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", KnownCrs.wkt(2154)), "fid");
        try (GpkgWriter w = GpkgWriter.create(file)) {
            w.addLayer(s).write(new Feature(1, new Object[]{"ZONEVEGE0000000000000001", nature},
                    GeometryValue.of(new WKTReader(new GeometryFactory()).read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"))));
            w.commit();
        }
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }

    static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified()).sorted().toList();
        }
    }

    @Test
    void syncWritesOutputsAndExitsOneOnOpenConflicts(@TempDir Path dir) throws Exception {
        gpkg(dir.resolve("ancestor.gpkg"), "Bois");
        gpkg(dir.resolve("national.gpkg"), "Vigne");
        gpkg(dir.resolve("local.gpkg"), "Verger");
        Files.writeString(dir.resolve("job.json"), "{\"format\": \"bdfsync.job/v1\", \"theme\": \"vegetation\", \"ancestor\": \"ancestor.gpkg\","
                + "\"national\": \"national.gpkg\", \"local\": \"local.gpkg\", \"outputs\": {\"merged\": \"out/merged.gpkg\"}}");
        List<String> before = listing(dir);
        String[] dry = run("sync", dir.resolve("job.json").toString(), "--dry-run");
        assertEquals("1", dry[0], dry[2]);
        assertTrue(dry[1].contains("dry run") && dry[1].contains("edit_edit_attribute"), dry[1]);
        assertEquals(before, listing(dir), "--dry-run writes nothing");

        String[] r = run("sync", dir.resolve("job.json").toString());
        assertEquals("1", r[0], r[2]);
        assertTrue(Files.exists(dir.resolve("out/merged.gpkg")));
        assertTrue(Files.exists(dir.resolve("conflicts.json")));
        assertTrue(Files.exists(dir.resolve("changes.gpkg")));
        String conflicts = Files.readString(dir.resolve("conflicts.json"));
        String id = conflicts.replaceAll("(?s).*\"id\" : \"(C[0-9a-f]{16})\".*", "$1");
        Files.writeString(dir.resolve("res.json"), "{\"format\": \"bdfsync.resolutions/v1\", \"resolutions\": [{\"id\": \"" + id + "\", \"with\": \"local\"}]}");
        String[] resolved = run("sync", dir.resolve("job.json").toString(), "--resolutions", dir.resolve("res.json").toString());
        assertEquals("0", resolved[0], resolved[1] + resolved[2]);
    }

    @Test
    void badJobIsAOneLineErrorNamingTheKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("job.json"), "{\"theme\": \"vegetation\", \"national\": \"n.gpkg\", \"locale\": \"l.gpkg\"}");
        String[] r = run("sync", dir.resolve("job.json").toString());
        assertEquals("4", r[0]);
        assertTrue(r[2].contains("unknown key \"locale\"") && r[2].contains("job.json"), r[2]);
        String[] both = run("sync", dir.resolve("job.json").toString(), "--dry-run", "--in-place");
        assertEquals("2", both[0], both[2]);
    }
}
