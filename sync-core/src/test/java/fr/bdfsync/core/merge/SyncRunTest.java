package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.conflict.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncRunTest {
    static final Path SCENARIOS = Path.of("..", "testdata", "scenarios");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + " " + (Files.isRegularFile(p) ? p.toFile().length() + " " + p.toFile().lastModified() : "d")).sorted().toList();
        }
    }

    @Test
    void dryRunWritesNothing(@TempDir Path dir) throws Exception {
        SyncJob job = SyncJobJson.read(ScenarioBuilder.build(SCENARIOS.resolve("vegetation/edit_edit_attribute_shared"), dir));
        List<String> before = listing(dir);
        SyncResult r = new SyncRunner(job, new SyncOptions(true, false, null, T0)).run();
        assertEquals(before, listing(dir));
        assertTrue(r.written().isEmpty());
        assertEquals(1, r.conflicts().openCount(), "a dry run still finds the conflicts");
    }

    @Test
    void resolutionsApplyOnRerunAndUnknownIdsAreReported(@TempDir Path dir) throws Exception {
        SyncJob job = SyncJobJson.read(ScenarioBuilder.build(SCENARIOS.resolve("vegetation/edit_edit_attribute_shared"), dir));
        SyncResult first = new SyncRunner(job, new SyncOptions(false, false, null, T0)).run();
        Conflict c = first.conflicts().conflicts().get(0);
        SyncResult again = new SyncRunner(job, new SyncOptions(false, false, null, T0)).run();
        assertEquals(c.id(), again.conflicts().conflicts().get(0).id(), "stable id on rerun");
        Path res = dir.resolve("resolutions.json");
        ConflictsJson.writeDecisions(List.of(new Decision(c.id(), Choice.NATIONAL, null, c.contentHash(), null),
                new Decision("C0000000000000000", Choice.LOCAL, null, null, null)), res);
        SyncResult resolved = new SyncRunner(job, new SyncOptions(false, false, res, T0)).run();
        assertEquals(ConflictStatus.RESOLVED_BY_DECISION, resolved.conflicts().conflicts().get(0).status());
        assertEquals(List.of("C0000000000000000"), resolved.unknownDecisionIds());
        assertFalse(resolved.hasOpenConflicts());
        try (var ds = fr.bdfsync.core.io.Datasets.open(job.merged()); var cur = ds.read("zone_de_vegetation")) {
            assertEquals("Vigne", cur.next().value(ds.schema("zone_de_vegetation").indexOf("nature")), "national value taken by decision");
        }
    }

    @Test
    void theStateEmbeddedInTheMergedFileMakesTheNextRunThreeWay(@TempDir Path dir) throws Exception {
        Path jobFile = ScenarioBuilder.build(SCENARIOS.resolve("vegetation/two_way_first_run"), dir);
        SyncJob job = SyncJobJson.read(jobFile);
        SyncResult first = new SyncRunner(job, new SyncOptions(false, false, null, T0)).run();
        assertTrue(first.twoWay());
        // adopt the merged file as the local data, with the same national edition: three-way, nothing new
        ObjectNode j = (ObjectNode) ScenarioBuilder.MAPPER.readTree(jobFile.toFile());
        j.put("local", "out/merged.gpkg");
        ((ObjectNode) j.get("outputs")).put("merged", "out2/merged.gpkg");
        ((ObjectNode) j.get("outputs")).put("conflicts", "out2/conflicts.json");
        ((ObjectNode) j.get("outputs")).put("changes", "out2/changes.gpkg");
        Files.writeString(jobFile, j.toString());
        SyncResult second = new SyncRunner(SyncJobJson.read(jobFile), new SyncOptions(false, false, null, T0)).run();
        assertFalse(second.twoWay());
        // the open nature conflict kept no ancestor: it is found again with the same id
        Conflict open = first.conflicts().conflicts().stream().filter(Conflict::isOpen).findFirst().orElseThrow();
        assertTrue(second.conflicts().conflicts().stream().anyMatch(c -> c.id().equals(open.id()) && c.isOpen()));
        assertEquals(1, second.conflicts().conflicts().size(), "the sources difference was settled and recorded in the state");
    }

    /**
     * The detectors' neighbours come from the local layer's R-tree when it has one (GDAL writes it by default),
     * else from the geometry headers: both find the same conflicts.
     */
    @Test
    void neighboursFromTheRtreeIndexGiveTheSameConflicts(@TempDir Path dir) throws Exception {
        for (String scenario : List.of("vegetation/overlap", "hydrographie/disconnected", "vegetation/double_counted")) {
            Path plain = Files.createDirectories(dir.resolve(scenario.replace('/', '_') + "_plain"));
            SyncJob job = SyncJobJson.read(ScenarioBuilder.build(SCENARIOS.resolve(scenario), plain));
            List<String> expected = new SyncRunner(job, new SyncOptions(true, false, null, T0)).run().conflicts().conflicts().stream()
                    .map(c -> c.id() + " " + c.type()).toList();
            Path indexed = Files.createDirectories(dir.resolve(scenario.replace('/', '_') + "_rtree"));
            Path jobFile = ScenarioBuilder.build(SCENARIOS.resolve(scenario), indexed);
            Path withIndex = indexed.resolve("local-rtree.gpkg");
            var r = fr.bdfsync.core.testsupport.Gdal.run(List.of("ogr2ogr", "-f", "GPKG", withIndex.toString(), indexed.resolve("local.gpkg").toString()));
            org.junit.jupiter.api.Assumptions.assumeTrue(r.exitCode() == 0, "ogr2ogr unavailable: " + r.output());
            ObjectNode j = (ObjectNode) ScenarioBuilder.MAPPER.readTree(jobFile.toFile());
            j.put("local", "local-rtree.gpkg");
            Files.writeString(jobFile, j.toString());
            try (var ds = fr.bdfsync.core.io.gpkg.GpkgDataset.open(withIndex); var st = ds.connection().createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")) {
                assertTrue(rs.next() && rs.getInt(1) > 0, "GDAL wrote an R-tree");
            }
            List<String> found = new SyncRunner(SyncJobJson.read(jobFile), new SyncOptions(true, false, null, T0)).run().conflicts().conflicts().stream()
                    .map(c -> c.id() + " " + c.type()).toList();
            assertEquals(expected, found, scenario);
            assertFalse(expected.isEmpty(), scenario);
        }
    }

    @Test
    void aFailureInALaterLayerGroupLeavesNoOutput(@TempDir Path dir) throws Exception {
        // the zones are merged and written to the (temporary) outputs first; a second, independent layer then fails
        // (a duplicate key on the local side): nothing is left in the output folder, the inputs are untouched
        Path jobFile = ScenarioBuilder.build(SCENARIOS.resolve("vegetation/edit_edit_attribute_shared"), dir);
        var input = (ObjectNode) ScenarioBuilder.MAPPER.readTree(SCENARIOS.resolve("vegetation/edit_edit_attribute_shared/input.json").toFile());
        ObjectNode layers = (ObjectNode) input.get("layers");
        ObjectNode other = layers.get("zone_de_vegetation").deepCopy();
        var local = (com.fasterxml.jackson.databind.node.ArrayNode) other.get("local");
        local.add(local.get(0).deepCopy());
        layers.set("zz_other", other);
        for (String side : List.of("ancestor", "national", "local")) {
            Files.delete(dir.resolve(side + ".gpkg"));
            ScenarioBuilder.write(layers, side, dir.resolve(side + ".gpkg"));
        }
        SyncJob job = SyncJobJson.read(jobFile);
        assertEquals(List.of(List.of("zone_de_vegetation"), List.of("zz_other")),
                SyncRunner.groups(List.of("zone_de_vegetation", "zz_other")), "two groups, the failing one last");
        List<String> before = listing(dir);
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> new SyncRunner(job, new SyncOptions(false, false, null, T0)).run());
        assertTrue(e.getMessage().contains("zz_other"), e.getMessage());
        List<String> after = listing(dir).stream().filter(l -> !l.equals("out d")).toList();
        assertEquals(before, after, "no output and no temporary file left");
    }

    @Test
    void inPlaceKeepsABackup(@TempDir Path dir) throws Exception {
        SyncJob job = SyncJobJson.read(ScenarioBuilder.build(SCENARIOS.resolve("vegetation/one_side_national"), dir));
        byte[] original = Files.readAllBytes(job.local());
        SyncResult r = new SyncRunner(job, new SyncOptions(false, true, null, T0)).run();
        assertTrue(Files.exists(r.backup()));
        assertTrue(java.util.Arrays.equals(original, Files.readAllBytes(r.backup())));
        assertFalse(java.util.Arrays.equals(original, Files.readAllBytes(job.local())));
        assertFalse(Files.exists(job.merged()), "in place: no separate merged file");
    }

    @Test
    void badJobsAreNamed(@TempDir Path dir) throws Exception {
        Path jobFile = ScenarioBuilder.build(SCENARIOS.resolve("vegetation/one_side_national"), dir);
        ObjectNode j = (ObjectNode) ScenarioBuilder.MAPPER.readTree(jobFile.toFile());
        j.put("nationl", "x.gpkg");
        Files.writeString(jobFile, j.toString());
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> SyncJobJson.read(jobFile));
        assertTrue(e.getMessage().contains("unknown key \"nationl\"") && e.getMessage().contains("job.json"), e.getMessage());
        j.remove("nationl");
        j.put("national", "missing.gpkg");
        Files.writeString(jobFile, j.toString());
        e = assertThrows(BdfsyncException.class, () -> SyncJobJson.read(jobFile));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("\"national\"") && e.getMessage().contains("missing.gpkg"), e.getMessage());
        j.remove("national");
        Files.writeString(jobFile, j.toString());
        e = assertThrows(BdfsyncException.class, () -> SyncJobJson.read(jobFile));
        assertTrue(e.getMessage().contains("missing key \"national\""), e.getMessage());
    }

    @Test
    void incompatibleSchemasNameTheAttributes(@TempDir Path dir) throws Exception {
        Path jobFile = ScenarioBuilder.build(SCENARIOS.resolve("vegetation/one_side_national"), dir);
        // rebuild the local side with 'nature' as an INTEGER column
        var input = (ObjectNode) ScenarioBuilder.MAPPER.readTree(SCENARIOS.resolve("vegetation/one_side_national/input.json").toFile());
        ObjectNode layer = (ObjectNode) input.get("layers").get("zone_de_vegetation");
        ((ObjectNode) layer.get("fields")).put("nature", "INTEGER");
        layer.remove("national");
        layer.remove("ancestor");
        Files.delete(dir.resolve("local.gpkg"));
        ScenarioBuilder.write(input.get("layers"), "local", dir.resolve("local.gpkg"));
        SyncJob job = SyncJobJson.read(jobFile);
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> new SyncRunner(job, new SyncOptions(true, false, null, T0)).run());
        assertEquals(ExitCode.SCHEMA, e.exitCode());
        assertTrue(e.getMessage().contains("nature (INTEGER locally, TEXT nationally)"), e.getMessage());
    }

    @Test
    void conflictTypesCoveredByScenarios() throws Exception {
        // every merge-time and post-merge conflict type has a scenario (stale_base belongs to package apply)
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.walk(SCENARIOS)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("expected.json")).toList()) all.append(Files.readString(p));
        }
        for (ConflictType t : ConflictType.values()) {
            if (t == ConflictType.STALE_BASE) continue;
            assertTrue(all.toString().contains("\"" + t.code() + "\""), "no scenario for " + t.code());
        }
    }
}
