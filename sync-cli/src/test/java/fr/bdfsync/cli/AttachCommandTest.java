package fr.bdfsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttachCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private static Path gpkg(Path file, String layer, boolean keyed, String... wkts) throws Exception {
        CrsRef l93 = CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", null);
        List<Field> fields = List.of(new Field(keyed ? "cleabs" : "nom", FieldType.TEXT));
        try (GpkgWriter w = GpkgWriter.create(file)) {
            GpkgWriter.LayerWriter lw = w.addLayer(new Schema(layer, fields, "geom", GeometryType.LINESTRING, false, false, l93, "fid"));
            for (int i = 0; i < wkts.length; i++) {
                lw.write(new Feature(i + 1, new Object[]{keyed ? "HAIELINE000000000000000" + (i + 1) : "h" + i},
                        GeometryValue.of(new WKTReader().read(wkts[i]))));
            }
            w.commit();
        }
        return file;
    }

    @Test
    void attachWritesLinksSummaryAndStateThenRecordsDecisions() throws Exception {
        Path national = gpkg(dir.resolve("national.gpkg"), "haie", true,
                "LINESTRING (318000 6740000, 318100 6740000)", "LINESTRING (318000 6740008, 318100 6740008)");
        Path local = gpkg(dir.resolve("local.gpkg"), "haies", false,
                "LINESTRING (318000 6740001, 318100 6740001)", "LINESTRING (318000 6740004, 318100 6740004)",
                "LINESTRING (319000 6741000, 319100 6741000)");
        Path links = dir.resolve("links.gpkg");
        Path summary = dir.resolve("summary.json");
        int code = run("attach", "--local", local.toString(), "--national", national.toString(), "--national-layer", "haie",
                "--output", links.toString(), "--summary", summary.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("haies -> haie: 1 sure, 1 uncertain, 1 unmatched"), out.toString());
        assertTrue(Files.exists(dir.resolve("local.bdfsync-state.gpkg")), "default state beside the local data");
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertEquals("bdfsync.attach/v1", s.get("format").asText());
        JsonNode layer = s.get("layers").get(0);
        assertEquals(1, layer.get("features_by_status").get("sure").asInt());
        assertEquals(3, layer.get("links_by_cardinality").get("1:1").asInt());
        try (Dataset d = Datasets.open(links)) {
            assertEquals(List.of("attach_links", "attach_unmatched"), d.layerNames());
            assertEquals(3, d.count("attach_links"));
            assertEquals(1, d.count("attach_unmatched"));
            try (FeatureCursor c = d.read("attach_links")) {
                Feature f = c.next();
                assertEquals("haies:1:HAIELINE0000000000000001", f.value(0));
                assertEquals(2, f.geometry().geometry().getNumPoints(), "a line from the local feature to its match");
            }
        }
        // the ambiguous feature 2: the user confirms hedge 2; the next run keeps it, sure
        assertEquals(0, run("attach", "--confirm", "haies:2:HAIELINE0000000000000002", "--state", dir.resolve("local.bdfsync-state.gpkg").toString()), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("attach", "--local", local.toString(), "--national", national.toString(), "--national-layer", "haie",
                "--output", links.toString()), err.toString());
        assertTrue(out.toString().contains("2 sure, 0 uncertain, 1 unmatched (1 reused, 1 matched"), out.toString());
    }

    @Test
    void usageAndInputErrorsHaveTheirExitCodes() throws Exception {
        assertEquals(2, run("attach", "--local", "x.gpkg"));
        assertEquals(3, run("attach", "--local", dir.resolve("none.gpkg").toString(), "--national", dir.resolve("n.gpkg").toString(),
                "--output", dir.resolve("o.gpkg").toString()));
        Path national = gpkg(dir.resolve("national.gpkg"), "haie", true, "LINESTRING (318000 6740000, 318100 6740000)");
        Path local = gpkg(dir.resolve("local.gpkg"), "haies", false, "LINESTRING (318000 6740001, 318100 6740001)");
        Path mapping = dir.resolve("m.json");
        Files.writeString(mapping, "{\"attributes\": {\"nom\": \"nature\"}}");
        assertEquals(6, run("attach", "--local", local.toString(), "--national", national.toString(), "--mapping", mapping.toString(),
                "--output", dir.resolve("o.gpkg").toString()));
        assertTrue(err.toString().contains("mapped attribute 'nature' does not exist"), err.toString());
        assertFalse(Files.exists(dir.resolve("o.gpkg")));
        assertEquals(3, run("attach", "--reject", "haies:1:X", "--state", dir.resolve("nostate.gpkg").toString()));
    }
}
