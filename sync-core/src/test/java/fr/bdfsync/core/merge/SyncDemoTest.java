package fr.bdfsync.core.merge;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
}
