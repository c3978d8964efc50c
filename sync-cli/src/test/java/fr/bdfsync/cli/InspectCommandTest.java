package fr.bdfsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    private static final String REDON = "bdtopo-v3-redon-35236/bdtopo_v3_redon_35236.gpkg";

    @Test
    void jsonReportsOgrinfoCountsAndBothThemesOnRedon() throws Exception {
        Path redon = CliRun.realFile(REDON);
        CliRun run = CliRun.of("inspect", redon.toString(), "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        List<String> top = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(top::add);
        assertEquals(List.of("bdfsync.inspect/v1"), top);
        JsonNode source = root.get("bdfsync.inspect/v1").get("sources").get(0);
        assertEquals("GPKG", source.get("format").asText());
        assertEquals("EPSG:2154", source.get("crs").get(0).asText());
        assertEquals(List.of("hydrographie", "vegetation"), texts(source.get("themes")));
        Map<String, JsonNode> layers = new HashMap<>();
        for (JsonNode l : source.get("layers")) layers.put(l.get("name").asText(), l);
        // the counts ogrinfo reports for this file
        assertEquals(861, layers.get("zone_de_vegetation").get("featureCount").asLong());
        assertEquals(748, layers.get("haie").get("featureCount").asLong());
        assertEquals(36, layers.get("surface_hydrographique").get("featureCount").asLong());
        assertEquals(2, layers.get("plan_d_eau").get("featureCount").asLong());
        assertEquals("vegetation", layers.get("zone_de_vegetation").get("match").get("theme").asText());
        assertEquals("vegetation", layers.get("haie").get("match").get("theme").asText());
        assertEquals("hydrographie", layers.get("surface_hydrographique").get("match").get("theme").asText());
        assertEquals("EXACT", layers.get("haie").get("match").get("matchedBy").asText());
        assertTrue(layers.get("commune").get("match").isNull(), "commune is a generic layer");
        assertEquals(748, layers.get("haie").get("geometryTypesFound").get("MultiLineString").asLong());
        assertEquals("ID", layers.get("haie").get("key").get("column").asText());
        assertEquals(0, layers.get("haie").get("key").get("duplicateKeys").asLong());
    }

    @Test
    void textSaysTheSameInLines() {
        Path redon = CliRun.realFile(REDON);
        CliRun run = CliRun.of("inspect", redon.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("themes: hydrographie, vegetation"), run.out());
        assertTrue(run.out().contains("  zone_de_vegetation: 861 features, MultiPolygon (found: MultiPolygon 861)"), run.out());
        assertTrue(run.out().contains("  haie: 748 features"), run.out());
        assertTrue(run.out().contains("vegetation/haie (matched by exact)"), run.out());
        assertTrue(run.out().contains("generic layer (not in the catalogue)"), run.out());
        assertTrue(run.out().contains("key ID (catalogue): no null or duplicate keys"), run.out());
    }

    @Test
    void genericLayersUseTheKeyTheUserNames() throws Exception {
        Path redon = CliRun.realFile(REDON);
        CliRun run = CliRun.of("inspect", redon.toString(), "--format", "json", "--key", "INSEE_COM");
        assertEquals(0, run.code(), run.err());
        JsonNode layers = new ObjectMapper().readTree(run.out()).get("bdfsync.inspect/v1").get("sources").get(0).get("layers");
        for (JsonNode l : layers) {
            if (l.get("name").asText().equals("commune")) {
                assertEquals("INSEE_COM", l.get("key").get("column").asText());
                assertEquals("USER", l.get("key").get("source").asText());
            } else {
                assertEquals("CATALOGUE", l.get("key").get("source").asText());
            }
        }
    }

    @Test
    void badInputsGiveOneLineAndTheirExitCode() {
        CliRun missing = CliRun.of("inspect", "/nonexistent/x.gpkg");
        assertEquals(3, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("/nonexistent/x.gpkg"), missing.err());
        CliRun usage = CliRun.of("inspect", "--format", "xml", "a.gpkg");
        assertEquals(2, usage.code());
        assertEquals(2, CliRun.of("inspect").code());
        assertFalse(missing.err().contains("at fr.bdfsync"), "no stack trace without --verbose");
        CliRun notGpkg = CliRun.of("inspect", CliRun.repoRoot().resolve("testdata/demo/manifest.json").toString());
        assertEquals(4, notGpkg.code(), notGpkg.err());
    }

    @Test
    void demoInspectsTheBundledScenario() {
        Path demo = CliRun.repoRoot().resolve("testdata/demo");
        CliRun run = CliRun.of("demo", "--data", demo.toString(), "--out", tmp.resolve("demo-out").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("ancestor.gpkg  GPKG, EPSG:2154, themes hydrographie + vegetation"), run.out());
        assertTrue(run.out().contains("local.gpkg"), run.out());
        assertTrue(run.out().contains("$ bdfsync sync ") && run.out().contains("conflicts: 58 total"), run.out());
        assertTrue(run.out().contains("6 resolved by decision"), "the review step's decisions are applied by the rerun: " + run.out());
        assertTrue(run.out().contains("$ bdfsync verify ") && run.out().contains("VERIFIED"), run.out());
        assertTrue(run.out().contains("local-only"), "the three-way diff ran: " + run.out());
        CliRun located = CliRun.of("demo", "--out", tmp.resolve("demo-out2").toString());
        assertEquals(0, located.code(), located.err());
        assertEquals(3, CliRun.of("demo", "--data", "/nonexistent").code());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
