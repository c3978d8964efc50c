package fr.bdfsync.core.io;

import fr.bdfsync.core.BdfsyncException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void commitReplacesTheTargetAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old");
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            assertEquals(dir, out.temporary().getParent(), "the temporary lies beside the target (same file system)");
            assertTrue(out.temporary().getFileName().toString().endsWith(".json"), "the temporary keeps the extension");
            Files.writeString(out.temporary(), "new");
            assertEquals("old", Files.readString(target), "the target is untouched until the commit");
            out.commit();
        }
        assertEquals("new", Files.readString(target));
        assertEquals(1, count(dir), "only the target is left");
    }

    @Test
    void closingWithoutCommitKeepsThePreviousTargetAndDeletesTheTemporary() throws IOException {
        Path target = dir.resolve("out.gpkg");
        Files.write(target, "previous".getBytes(StandardCharsets.UTF_8));
        Path tmp;
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            tmp = out.temporary();
            Files.writeString(tmp, "half written");
            Files.writeString(tmp.resolveSibling(tmp.getFileName() + "-journal"), "journal");
        }
        assertFalse(Files.exists(tmp));
        assertEquals("previous", Files.readString(target));
        assertEquals(1, count(dir));
    }

    @Test
    void aCommitWithNothingWrittenFailsNamingTheTarget() {
        Path target = dir.resolve("never.json");
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            BdfsyncException e = assertThrows(BdfsyncException.class, out::commit);
            assertTrue(e.getMessage().contains("never.json"), e.getMessage());
        }
        assertFalse(Files.exists(target));
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
