package fr.bdfsync.core.state;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.match.AttachOptions;
import fr.bdfsync.core.match.AttachResult;
import fr.bdfsync.core.match.Attacher;
import fr.bdfsync.core.match.Link;
import fr.bdfsync.core.match.LinkStatus;
import fr.bdfsync.core.match.Md5FeatureFingerprint;
import fr.bdfsync.core.match.PriorLinks;
import fr.bdfsync.core.match.StateFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkStoreTest {
    @TempDir
    Path dir;

    private static final String A = "HAIELINE0000000000000001";
    private static final String B = "HAIELINE0000000000000002";

    private AttachResult run(Path local, Path national, Path state) {
        try (LinkStore store = LinkStore.open(state); Dataset l = Datasets.open(local); Dataset n = Datasets.open(national)) {
            AttachResult r = new Attacher(AttachOptions.defaults(), new Md5FeatureFingerprint())
                    .attach(l, "haies", n, "haie", store.prior("haies", "haie"));
            store.save(r);
            return r;
        }
    }

    private Path national() {
        return StateFixtures.lines(dir.resolve("n.gpkg"), "haie", true,
                new Object[]{1, A, "LINESTRING (0 0, 100 0)"},
                new Object[]{2, B, "LINESTRING (0 8, 100 8)"});
    }

    @Test
    void rerunReusesChangedFeatureIsRematched() throws Exception {
        Path national = national();
        Path local = StateFixtures.lines(dir.resolve("l.gpkg"), "haies", false,
                new Object[]{1, null, "LINESTRING (0 1, 100 1)"},
                new Object[]{2, null, "LINESTRING (0 300, 100 300)"});
        Path state = LinkStore.defaultFor(local);
        byte[] before = Files.readAllBytes(local);
        AttachResult first = run(local, national, state);
        assertEquals(0, first.reused());
        assertEquals(2, first.matched());
        assertEquals(A, first.index().keyFor(1).orElseThrow());
        assertTrue(Files.exists(state));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(local)), "the local input is never written");

        AttachResult second = run(local, national, state);
        assertEquals(1, second.reused());
        assertEquals(1, second.matched(), "the unmatched feature is looked at again");
        assertEquals(A, second.index().keyFor(1).orElseThrow());
        assertEquals("reused", second.links().get(0).reason());
        try (LinkStore store = LinkStore.open(state)) {
            assertEquals(A, store.index("haies", "haie").keyFor(1).orElseThrow(), "the diff reads the key from the state");
            assertTrue(store.index("haies", "haie").keyFor(2).isEmpty());
        }

        // feature 1 moves onto hedge B: its fingerprint changes, it alone is matched again
        Path moved = StateFixtures.lines(dir.resolve("l2.gpkg"), "haies", false,
                new Object[]{1, null, "LINESTRING (0 7.5, 100 7.5)"},
                new Object[]{2, null, "LINESTRING (0 300, 100 300)"});
        Files.move(moved, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AttachResult third = run(local, national, state);
        assertEquals(0, third.reused());
        assertEquals(2, third.matched());
        assertEquals(B, third.index().keyFor(1).orElseThrow());
    }

    @Test
    void nationalChangeInvalidatesTheLink() {
        Path national = national();
        Path local = StateFixtures.lines(dir.resolve("l.gpkg"), "haies", false, new Object[]{1, null, "LINESTRING (0 1, 100 1)"});
        Path state = dir.resolve("state.gpkg");
        run(local, national, state);
        Path national2 = StateFixtures.lines(dir.resolve("n.gpkg"), "haie", true,
                new Object[]{1, A, "LINESTRING (0 0, 50 0.5, 100 0)"},
                new Object[]{2, B, "LINESTRING (0 8, 100 8)"});
        AttachResult r = run(local, national2, state);
        assertEquals(0, r.reused());
        assertEquals(A, r.index().keyFor(1).orElseThrow());
    }

    @Test
    void userDecisionsSurviveLaterRuns() {
        Path national = national();
        // halfway between A (y=0) and B (y=8): ambiguous
        Path local = StateFixtures.lines(dir.resolve("l.gpkg"), "haies", false, new Object[]{1, null, "LINESTRING (0 4, 100 4)"});
        Path state = dir.resolve("state.gpkg");
        AttachResult first = run(local, national, state);
        assertTrue(first.links().stream().allMatch(l -> l.status() == LinkStatus.UNCERTAIN));
        try (LinkStore s = LinkStore.open(state)) {
            s.decide("haies:1:" + B, PriorLinks.Decision.CONFIRMED);
            BdfsyncException e = assertThrows(BdfsyncException.class, () -> s.decide("haies:1:NOPE", PriorLinks.Decision.REJECTED));
            assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        }
        for (int i = 0; i < 2; i++) {
            AttachResult r = run(local, national, state);
            assertEquals(1, r.links().size());
            Link l = r.links().get(0);
            assertEquals(B, l.nationalKey());
            assertEquals(LinkStatus.SURE, l.status());
            assertEquals("user.confirmed", l.rule());
        }
        // rejecting A instead: A never comes back, B alone is left
        Path state2 = dir.resolve("state2.gpkg");
        run(local, national, state2);
        try (LinkStore s = LinkStore.open(state2)) {
            s.decide("haies:1:" + A, PriorLinks.Decision.REJECTED);
        }
        for (int i = 0; i < 2; i++) {
            List<Link> ls = run(local, national, state2).links();
            assertFalse(ls.stream().anyMatch(l -> A.equals(l.nationalKey())), ls.toString());
            assertEquals(B, ls.get(0).nationalKey());
        }
    }
}
