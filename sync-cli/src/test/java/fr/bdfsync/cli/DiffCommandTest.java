package fr.bdfsync.cli;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.io.gpkg.KnownCrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffCommandTest {
    @TempDir
    Path tmp;

    private Path write(String name, Object[][] rows) throws Exception {
        Schema s = new Schema("haie", List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT)), "geom",
                GeometryType.LINESTRING, false, false, CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", KnownCrs.wkt(2154)), "fid");
        Path p = tmp.resolve(name);
        try (GpkgWriter w = GpkgWriter.create(p)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            long fid = 1;
            for (Object[] r : rows) lw.write(new Feature(fid++, new Object[]{r[0], r[1]}, GeometryValue.of(new WKTReader().read((String) r[2]))));
            w.commit();
        }
        return p;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void textJsonGpkgAndExitCode() throws Exception {
        Path a = write("a.gpkg", new Object[][]{{"H1", "Haie", "LINESTRING(0 0,10 0)"}, {"H2", "Haie", "LINESTRING(0 5,10 5)"}, {"H3", "Haie", "LINESTRING(0 9,10 9)"}, {"H5", null, "LINESTRING(0 3,10 3)"}});
        Path b = write("b.gpkg", new Object[][]{{"H2", "Haie basse", "LINESTRING(0 5,10 5)"}, {"H1", "Haie", "LINESTRING(0 0,10 0.5)"}, {"H4", "Haie", "LINESTRING(0 7,10 7)"}, {"H5", "Haie", "LINESTRING(0 3,10 3)"}});
        Run text = run("diff", a.toString(), b.toString(), "--tolerance", "0.001");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("two-way diff (no ancestor)"), text.out());
        assertTrue(text.out().contains("haie (key cleabs, tolerance 0.001): 1 inserted, 1 deleted, 3 updated (2 attributes, 1 geometry)"), text.out());
        assertTrue(text.out().contains("~ H2: nature 'Haie' -> 'Haie basse'"), text.out());
        assertTrue(text.out().contains("- H3") && text.out().contains("+ H4"), text.out());

        // by default the theme catalogue's tolerance applies: haie 1.5 m absorbs H1's 0.5 m move, and says so
        Run catalogue = run("diff", a.toString(), b.toString());
        assertTrue(catalogue.out().contains("haie (key cleabs, tolerance 1.5): 1 inserted, 1 deleted, 2 updated (2 attributes, 0 geometry)"), catalogue.out());
        assertTrue(catalogue.out().contains("1 geometry differences absorbed by tolerance"), catalogue.out());
        assertEquals(1, run("diff", a.toString(), b.toString(), "--exit-code").code());
        assertEquals(0, run("diff", a.toString(), a.toString(), "--exit-code").code());

        Path j1 = tmp.resolve("d1.json"), j2 = tmp.resolve("d2.json");
        assertEquals(0, run("diff", a.toString(), b.toString(), "--format", "json", "--output", j1.toString()).code());
        assertEquals(0, run("diff", a.toString(), b.toString(), "--format", "json", "--output", j2.toString()).code());
        assertArrayEquals(Files.readAllBytes(j1), Files.readAllBytes(j2), "two runs are byte-identical");
        String json = Files.readString(j1);
        assertTrue(json.contains("\"format\" : \"bdfsync.diff/v1\"") && json.contains("\"mode\" : \"two-way\""), json);

        Path g = tmp.resolve("changes.gpkg");
        Run gr = run("diff", a.toString(), b.toString(), "--format", "gpkg", "--output", g.toString(), "--tolerance", "0.001");
        assertEquals(0, gr.code(), gr.err());
        try (GpkgDataset ds = GpkgDataset.open(g)) {
            assertEquals(List.of("haie", "haie_old_geometry"), ds.layerNames());
            assertEquals(5, ds.count("haie"));
            assertEquals(2, ds.count("haie_old_geometry"));
        }

        Run three = run("diff", a.toString(), b.toString(), "--ancestor", a.toString());
        assertEquals(0, three.code(), three.err());
        assertTrue(three.out().startsWith("three-way diff: ancestor"), three.out());
        assertTrue(three.out().contains("local-only"), three.out());
    }

    @Test
    void badInputGivesClearErrors() throws Exception {
        Path a = write("a.gpkg", new Object[][]{{"H1", "Haie", "LINESTRING(0 0,10 0)"}});
        assertEquals(2, run("diff", a.toString(), a.toString(), "--format", "gpkg").code());
        Run missing = run("diff", a.toString(), tmp.resolve("nope.gpkg").toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().contains("nope.gpkg"), missing.err());
        Run key = run("diff", a.toString(), a.toString(), "--key", "code");
        assertEquals(6, key.code());
        assertTrue(key.err().contains("key column 'code' not found"), key.err());
    }
}
