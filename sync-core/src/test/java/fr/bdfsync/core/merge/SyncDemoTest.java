package fr.bdfsync.core.merge;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.conflict.ConflictType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the demo sync on testdata/demo when present (the demo data is another helper's; skipped when absent). */
class SyncDemoTest {
    @Test
    void demoRuns(@TempDir Path dir) {
        Path demo = Path.of(System.getProperty("bdfsync.demo", "../testdata/demo"));
        Assumptions.assumeTrue(Files.exists(demo.resolve("national.gpkg")), "no demo data in " + demo);
        SyncDemo.Outcome o = SyncDemo.run(demo.resolve("ancestor.gpkg"), demo.resolve("national.gpkg"), demo.resolve("local.gpkg"), dir, Instant.EPOCH);
        System.out.println(o.summary());
        assertTrue(o.result().conflicts().conflicts().size() > 0);
        assertTrue(Files.exists(dir.resolve("merged.gpkg")));
    }

    /** The demo shows every kind of conflict a sync can produce (stale_base belongs to package apply, not to sync). */
    @Test
    void demoConflictsCoverEveryKindASyncProduces(@TempDir Path dir) throws Exception {
        Path demo = Path.of(System.getProperty("bdfsync.demo", "../testdata/demo"));
        Assumptions.assumeTrue(Files.exists(demo.resolve("national.gpkg")), "no demo data in " + demo);
        SyncDemo.run(demo.resolve("ancestor.gpkg"), demo.resolve("national.gpkg"), demo.resolve("local.gpkg"), dir, Instant.EPOCH);
        Set<ConflictType> found = EnumSet.noneOf(ConflictType.class);
        for (JsonNode c : new ObjectMapper().readTree(dir.resolve("conflicts.json").toFile()).get("conflicts")) {
            found.add(ConflictType.fromCode(c.get("type").asText()));
        }
        Set<ConflictType> expected = EnumSet.allOf(ConflictType.class);
        expected.remove(ConflictType.STALE_BASE);
        assertEquals(expected, found);
    }
}
