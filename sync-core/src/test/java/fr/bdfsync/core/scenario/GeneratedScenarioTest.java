package fr.bdfsync.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.inspect.InspectReport;
import fr.bdfsync.core.inspect.Inspector;
import fr.bdfsync.core.inspect.LayerReport;
import fr.bdfsync.core.inspect.SourceReport;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.testsupport.Gdal;
import fr.bdfsync.core.testsupport.RealData;
import fr.bdfsync.core.theme.ThemeCatalog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team's generator (testdata/generator/gen_scenario.py): deterministic, and its manifest is the truth. */
class GeneratedScenarioTest {
    private static final List<String> FILES = List.of("ancestor.gpkg", "national.gpkg", "local.gpkg", "manifest.json");
    private static final List<String> LAYERS = List.of("troncon_hydrographique", "zone_de_vegetation", "haie");

    @TempDir
    Path tmp;

    @Test
    void sameSeedAndSizeGiveByteIdenticalFiles() throws Exception {
        Path a = generate(11, 60, tmp.resolve("a"));
        Path b = generate(11, 60, tmp.resolve("b"));
        Path c = generate(12, 60, tmp.resolve("c"));
        for (String f : FILES) assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("national.gpkg")), Files.readAllBytes(c.resolve("national.gpkg"))));
    }

    @Test
    void manifestListsExactlyTheChangesInTheFiles() throws Exception {
        Path dir = generate(5, 120, tmp.resolve("s"));
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        for (String side : List.of("national", "local")) {
            for (String layer : LAYERS) {
                Map<String, Row> ancestor = rows(dir.resolve("ancestor.gpkg"), layer);
                Map<String, Row> edition = rows(dir.resolve(side + ".gpkg"), layer);
                assertEquals(120, ancestor.size());
                Set<String> expected = new TreeSet<>();
                for (JsonNode c : manifest.get("changes").get(side)) {
                    if (!c.get("layer").asText().equals(layer)) continue;
                    String key = c.get("cleabs").isNull() ? "fid:" + c.get("fid").asLong() : c.get("cleabs").asText();
                    String what = c.get("op").asText();
                    if (what.equals("update")) {
                        List<String> attrs = new ArrayList<>();
                        c.get("attributes").forEach(n -> attrs.add(n.asText()));
                        what += new TreeSet<>(attrs) + (c.get("geometry").asBoolean() ? "+geometry" : "");
                    }
                    expected.add(key + " " + what);
                }
                assertEquals(expected, actualChanges(ancestor, edition), side + " " + layer);
                assertEquals(manifest.get("features").get(side).get(layer).asInt(), edition.size());
            }
        }
        assertTrue(manifest.get("conflicts").size() >= 5 * LAYERS.size(), "every conflict kind on every layer");
    }

    @Test
    void generatedDataFitsTheCatalogueAndTheDomainRules() throws Exception {
        Path dir = generate(3, 100, tmp.resolve("r"));
        InspectReport report = new Inspector(ThemeCatalog.bundled())
                .inspect(List.of(dir.resolve("ancestor.gpkg"), dir.resolve("national.gpkg"), dir.resolve("local.gpkg")), null);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        for (SourceReport s : report.sources()) {
            assertEquals(List.of("hydrographie", "vegetation"), s.themes());
            for (LayerReport l : s.layers()) {
                assertEquals(List.of(), l.unknownAttributes(), l.name());
                assertEquals(List.of(), l.valuesOutsideLists(), l.name());
                assertEquals(0, l.key().duplicateKeys(), l.name());
                assertEquals(0, l.key().otherPrefix(), l.name());
                long localInserts = 0;
                for (JsonNode c : manifest.get("changes").get("local")) {
                    if (c.get("layer").asText().equals(l.name()) && c.get("op").asText().equals("insert")) localInserts++;
                }
                assertEquals(s.path().endsWith("local.gpkg") ? localInserts : 0, l.key().nullKeys(), s.path() + " " + l.name());
            }
            assertTrue(s.layer("troncon_hydrographique").geometryTypesFound().containsKey("MultiLineString Z"));
        }
        for (String f : List.of("ancestor.gpkg", "national.gpkg", "local.gpkg")) {
            assertNoOverlap(dir.resolve(f));
        }
        assertConnected(dir.resolve("ancestor.gpkg"));
    }

    /** The committed demo is what the generator makes from the seed and size its manifest records. */
    @Test
    void bundledDemoIsReproducible() throws Exception {
        Path demo = RealData.repoRoot().resolve("testdata/demo");
        JsonNode manifest = new ObjectMapper().readTree(demo.resolve("manifest.json").toFile());
        Path again = generate(manifest.get("seed").asInt(), manifest.get("size").asInt(), tmp.resolve("demo"));
        assertEquals(Files.readString(demo.resolve("manifest.json")), Files.readString(again.resolve("manifest.json")));
        for (String f : List.of("ancestor.gpkg", "national.gpkg", "local.gpkg")) {
            for (String layer : LAYERS) assertEquals(rows(demo.resolve(f), layer), rows(again.resolve(f), layer), f + " " + layer);
            assertEquals(rows(demo.resolve(f), "cours_d_eau"), rows(again.resolve(f), "cours_d_eau"), f + " cours_d_eau");
        }
        long bytes = 0;
        for (String f : FILES) bytes += Files.size(demo.resolve(f));
        assertTrue(bytes < 1_100_000, "demo small enough to commit: " + bytes);
    }

    @Test
    void demoFilesAreGeoPackagesGdalAccepts() throws Exception {
        Path demo = RealData.repoRoot().resolve("testdata/demo");
        JsonNode manifest = new ObjectMapper().readTree(demo.resolve("manifest.json").toFile());
        for (String edition : List.of("ancestor", "national", "local")) {
            Path file = demo.resolve(edition + ".gpkg");
            Gdal.Result valid = Gdal.validateGpkg(file);
            assertEquals(0, valid.exitCode(), valid.output());
            Gdal.Result info = Gdal.ogrinfo(file);
            assertEquals(0, info.exitCode(), info.output());
            assertFalse(info.output().contains("Warning"), info.output());
            for (String layer : LAYERS) {
                assertTrue(info.output().contains("Layer name: " + layer + "\n"), info.output());
                int count = manifest.get("features").get(edition).get(layer).asInt();
                assertTrue(info.output().contains("Layer name: " + layer + "\n") && info.output().contains("Feature Count: " + count),
                        edition + " " + layer + " " + count);
            }
        }
    }

    private static void assertNoOverlap(Path file) {
        List<Geometry> polygons = new ArrayList<>();
        try (GpkgDataset ds = GpkgDataset.open(file); FeatureCursor c = ds.read("zone_de_vegetation")) {
            while (c.hasNext()) polygons.add(c.next().geometry().geometry());
        }
        STRtree tree = new STRtree();
        for (Geometry g : polygons) tree.insert(g.getEnvelopeInternal(), g);
        for (Geometry g : polygons) {
            for (Object o : tree.query(g.getEnvelopeInternal())) {
                Geometry other = (Geometry) o;
                if (other != g) assertEquals(0.0, g.intersection(other).getArea(), 1e-9, file + ": vegetation polygons overlap");
            }
        }
    }

    /** Every tronçon flows into an outlet or into the upstream end of another tronçon. */
    private static void assertConnected(Path file) {
        Set<Coordinate> starts = new HashSet<>();
        List<Coordinate> ends = new ArrayList<>();
        try (GpkgDataset ds = GpkgDataset.open(file); FeatureCursor c = ds.read("troncon_hydrographique")) {
            while (c.hasNext()) {
                Coordinate[] cs = c.next().geometry().geometry().getCoordinates();
                starts.add(new Coordinate(cs[0].x, cs[0].y));
                ends.add(new Coordinate(cs[cs.length - 1].x, cs[cs.length - 1].y));
            }
        }
        long notJoined = ends.stream().filter(e -> !starts.contains(e)).distinct().count();
        assertTrue(notJoined <= 2, "only the outlets end nowhere, found " + notJoined);
    }

    private record Row(Map<String, Object> values, byte[] wkb) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && values.equals(r.values) && Arrays.equals(wkb, r.wkb);
        }

        @Override
        public int hashCode() {
            return Objects.hash(values, Arrays.hashCode(wkb));
        }
    }

    /** Rows by cleabs ("fid:N" when null), with their attribute values by name. */
    private static Map<String, Row> rows(Path file, String layer) {
        Map<String, Row> out = new HashMap<>();
        try (GpkgDataset ds = GpkgDataset.open(file); FeatureCursor c = ds.read(layer)) {
            Schema s = ds.schema(layer);
            int key = s.indexOf("cleabs");
            while (c.hasNext()) {
                Feature f = c.next();
                Object k = f.value(key);
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < s.fields().size(); i++) values.put(s.fields().get(i).name(), f.value(i));
                out.put(k == null ? "fid:" + f.fid() : k.toString(), new Row(values, f.geometry().wkb()));
            }
        }
        return out;
    }

    private static Set<String> actualChanges(Map<String, Row> ancestor, Map<String, Row> edition) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, Row> e : ancestor.entrySet()) {
            Row after = edition.get(e.getKey());
            if (after == null) {
                out.add(e.getKey() + " delete");
                continue;
            }
            if (after.equals(e.getValue())) continue;
            Set<String> changed = new TreeSet<>();
            for (String name : after.values().keySet()) {
                if (!Objects.equals(after.values().get(name), e.getValue().values().get(name))) changed.add(name);
            }
            out.add(e.getKey() + " update" + changed + (Arrays.equals(after.wkb(), e.getValue().wkb()) ? "" : "+geometry"));
        }
        for (String k : edition.keySet()) if (!ancestor.containsKey(k)) out.add(k + " insert");
        return out;
    }

    static Path generate(int seed, int size, Path out) throws IOException, InterruptedException {
        Path script = RealData.repoRoot().resolve("testdata/generator/gen_scenario.py");
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString(), "--seed", Integer.toString(seed), "--size", Integer.toString(size),
                    "--out", out.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available: " + e.getMessage());
            throw e;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "generator timed out");
        assertEquals(0, p.exitValue(), log);
        return out;
    }
}
