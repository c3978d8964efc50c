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
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.io.gpkg.KnownCrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: attach a local layer without cleabs, then diff it against the national layer through the links. */
class DiffLinksCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** rows: {key-or-nature..., wkt}; national rows carry cleabs and nature, local rows only type. */
    private static Path gpkg(Path file, String layer, boolean national, String[]... rows) throws Exception {
        List<Field> fields = national ? List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT))
                : List.of(new Field("type", FieldType.TEXT));
        Schema s = new Schema(layer, fields, "geom", GeometryType.LINESTRING, false, false,
                CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", KnownCrs.wkt(2154)), "fid");
        try (GpkgWriter w = GpkgWriter.create(file)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            long fid = 1;
            for (String[] r : rows) {
                Object[] values = national ? new Object[]{r[0], r[1]} : new Object[]{r[0]};
                lw.write(new Feature(fid++, values, GeometryValue.of(new WKTReader().read(r[r.length - 1]))));
            }
            w.commit();
        }
        return file;
    }

    private static Map<String, String> ops(String json) throws Exception {
        JsonNode layer = new ObjectMapper().readTree(json).get("layers").get(0);
        Map<String, String> out = new TreeMap<>();
        for (JsonNode c : layer.get("changes")) out.put(c.get("key").asText(), c.get("op").asText());
        return out;
    }

    @Test
    void attachThenDiffThroughTheLinksThenAgainAfterARejection() throws Exception {
        Path national = gpkg(dir.resolve("national.gpkg"), "haie", true,
                new String[]{"HAIELINE0000000000000001", "Haie", "LINESTRING (318000 6740000, 318100 6740000)"},
                new String[]{"HAIELINE0000000000000002", "Haie", "LINESTRING (318000 6740100, 318100 6740100)"},
                new String[]{"HAIELINE0000000000000003", "Haie", "LINESTRING (318000 6740200, 318100 6740200)"});
        // local: hedge 1 redrawn 1 m off, hedge 2 with another nature, hedge 3 missing, a hedge of its own far away
        Path local = gpkg(dir.resolve("parc.gpkg"), "haies_parc", false,
                new String[]{"Haie", "LINESTRING (318000 6740001, 318100 6740001)"},
                new String[]{"Alignement d'arbres", "LINESTRING (318000 6740101, 318100 6740101)"},
                new String[]{"Haie", "LINESTRING (319000 6741000, 319100 6741000)"});
        Path mapping = dir.resolve("mapping.json");
        Files.writeString(mapping, "{\"format\": \"bdfsync.mapping/v1\", \"layers\": {\"haie\": {\"columns\": {\"type\": \"nature\"}}}}");
        Path links = dir.resolve("links.gpkg");
        Path state = dir.resolve("parc.bdfsync-state.gpkg");
        CliRun attach = run("attach", "--local", local.toString(), "--national", national.toString(), "--national-layer", "haie",
                "--state", state.toString(), "--output", links.toString());
        assertEquals(0, attach.code(), attach.err());

        CliRun diff = run("diff", national.toString(), local.toString(), "--links", links.toString(), "--mapping", mapping.toString(),
                "--tolerance", "1.5", "--format", "json");
        assertEquals(0, diff.code(), diff.err());
        assertEquals(Map.of("HAIELINE0000000000000002", "update", "HAIELINE0000000000000003", "delete", "fid:3", "insert"),
                ops(diff.out()), diff.out());
        assertTrue(diff.out().contains("Alignement d'arbres"), "nature compared through the mapping");
        assertTrue(diff.err().contains("haie <- haies_parc: 2 local rows keyed by their links; 0 groups"), diff.err());

        // the user rejects the link of hedge 2: through the sync state, it is now a local insert and a national delete
        assertEquals(0, run("attach", "--reject", "haies_parc:2:HAIELINE0000000000000002", "--state", state.toString()).code());
        CliRun again = run("diff", national.toString(), local.toString(), "--links", state.toString(), "--mapping", mapping.toString(),
                "--tolerance", "1.5", "--format", "json");
        assertEquals(0, again.code(), again.err());
        assertEquals(Map.of("HAIELINE0000000000000002", "delete", "HAIELINE0000000000000003", "delete", "fid:2", "insert",
                "fid:3", "insert"), ops(again.out()), again.out());

        CliRun missing = run("diff", national.toString(), local.toString(), "--links", dir.resolve("none.gpkg").toString());
        assertEquals(3, missing.code(), missing.err());
        CliRun notLinks = run("diff", national.toString(), local.toString(), "--links", national.toString());
        assertEquals(4, notLinks.code(), notLinks.err());
        assertTrue(notLinks.err().contains("holds no link table"), notLinks.err());
    }
}
