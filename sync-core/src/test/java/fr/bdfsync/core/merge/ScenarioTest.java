package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryEquality;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs every scenario of {@code testdata/scenarios/<theme>/<case>/} and checks its {@code expected.json}. */
class ScenarioTest {
    static final Path ROOT = Path.of("..", "testdata", "scenarios");

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> Files.exists(p.resolve("input.json"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(Path scenario, @TempDir Path dir) throws Exception {
        assertTrue(Files.size(scenario.resolve("README.md")) > 10, "each scenario describes itself");
        JsonNode expected = ScenarioBuilder.MAPPER.readTree(scenario.resolve("expected.json").toFile());
        SyncJob job = SyncJobJson.read(ScenarioBuilder.build(scenario, dir));
        SyncResult r = new SyncRunner(job, new SyncOptions(false, false, null, Instant.parse("2026-01-01T00:00:00Z"))).run();

        List<String> got = new ArrayList<>();
        for (Conflict c : r.conflicts().conflicts()) got.add(c.type().code() + "/" + c.status().code());
        List<String> want = new ArrayList<>();
        for (JsonNode c : expected.get("conflicts")) want.add(c.get("type").asText() + "/" + c.get("status").asText());
        got.sort(null);
        want.sort(null);
        assertEquals(want, got, "conflicts");
        for (JsonNode c : expected.get("conflicts")) {
            if (!c.has("rule")) continue;
            assertTrue(r.conflicts().conflicts().stream().anyMatch(x -> x.type().code().equals(c.get("type").asText())
                    && x.resolution() != null && c.get("rule").asText().equals(x.resolution().rule())), "rule " + c.get("rule"));
        }
        assertEquals(expected.path("two_way").asBoolean(false), r.twoWay(), "two-way");
        if (expected.has("changes")) {
            assertEquals(expected.get("changes").asInt(), r.layers().stream().mapToInt(SyncResult.LayerSummary::contributed).sum(), "changes");
        }
        ConflictSet written = ConflictsJson.read(job.conflicts());
        assertEquals(r.conflicts().conflicts().size(), written.conflicts().size());

        Map<String, Map<String, Feature>> merged = new HashMap<>();
        Map<String, Map<String, Integer>> index = new HashMap<>();
        try (Dataset ds = Datasets.open(job.merged())) {
            for (String layer : ds.layerNames()) {
                Map<String, Feature> m = new HashMap<>();
                int k = ds.schema(layer).indexOf("cleabs");
                try (FeatureCursor c = ds.read(layer)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        m.put(String.valueOf(f.value(k)), f);
                    }
                }
                merged.put(layer, m);
                index.put(layer, ds.schema(layer).fieldIndex());
            }
        }
        expected.path("merged").fields().forEachRemaining(l -> l.getValue().fields().forEachRemaining(k -> {
            Feature f = merged.get(l.getKey()).get(k.getKey());
            assertNotNull(f, "merged " + k.getKey());
            k.getValue().fields().forEachRemaining(a ->
                    assertEquals(a.getValue().asText(), String.valueOf(f.value(index.get(l.getKey()).get(a.getKey()))), k.getKey() + "." + a.getKey()));
        }));
        expected.path("merged_geometry").fields().forEachRemaining(l -> l.getValue().fields().forEachRemaining(k -> {
            try {
                Feature f = merged.get(l.getKey()).get(k.getKey());
                assertTrue(new GeometryEquality(0, 0).same(new WKTReader(new GeometryFactory()).read(k.getValue().asText()), f.geometry().geometry()),
                        "geometry of " + k.getKey() + ": " + f.geometry().geometry());
            } catch (org.locationtech.jts.io.ParseException e) {
                throw new AssertionError(e);
            }
        }));
        expected.path("present").fields().forEachRemaining(l -> l.getValue().forEach(k ->
                assertTrue(merged.get(l.getKey()).containsKey(k.asText()), "present " + k.asText())));
        expected.path("absent").fields().forEachRemaining(l -> l.getValue().forEach(k ->
                assertFalse(merged.get(l.getKey()).containsKey(k.asText()), "absent " + k.asText())));
    }
}
