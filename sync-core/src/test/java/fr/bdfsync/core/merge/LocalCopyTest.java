package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background copy of the local file: the same bytes handed over, nothing left behind when not used or failed. */
class LocalCopyTest {
    @TempDir
    Path dir;

    @Test
    void handsOverTheSameBytesUnderATemporaryName() throws Exception {
        byte[] data = new byte[3_000_000];
        new Random(5).nextBytes(data);
        Path local = Files.write(dir.resolve("local.gpkg"), data);
        Path target = dir.resolve("out").resolve("merged.gpkg");
        try (LocalCopy copy = LocalCopy.start(local, target)) {
            AtomicOutput out = copy.await();
            assertArrayEquals(data, Files.readAllBytes(out.temporary()));
            assertFalse(Files.exists(target), "nothing under the final name before the commit");
            out.commit();
        }
        assertArrayEquals(data, Files.readAllBytes(target));
        assertEquals(1, files(target.getParent()), "only the committed file");
    }

    @Test
    void closedWithoutAwaitLeavesNothing() throws Exception {
        Path local = Files.write(dir.resolve("local.gpkg"), new byte[2_000_000]);
        Path out = Files.createDirectories(dir.resolve("out"));
        LocalCopy.start(local, out.resolve("merged.gpkg")).close();
        assertEquals(0, files(out));
    }

    @Test
    void aFailedCopyIsAnOutputErrorNamingTheTarget() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path target = out.resolve("merged.gpkg");
        try (LocalCopy copy = LocalCopy.start(dir.resolve("missing.gpkg"), target)) {
            BdfsyncException e = assertThrows(BdfsyncException.class, copy::await);
            assertTrue(e.getMessage().contains("merged.gpkg") && e.getMessage().contains("cannot copy the local data"), e.getMessage());
        }
        assertEquals(0, files(out));
    }

    private static long files(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
