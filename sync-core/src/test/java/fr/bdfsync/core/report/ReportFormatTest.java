package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFormatTest {
    @TempDir
    Path tmp;

    @Test
    void writeAllWritesTheThreeFormsBesideEachOther() throws Exception {
        ConflictSet set = ConflictSetGenerator.generate(8, 30);
        List<Path> paths = ReportFormat.writeAll(set, tmp.resolve("out"), "conflicts-report");
        assertEquals(List.of("conflicts-report.json", "conflicts-report.gpkg", "conflicts-report.html"),
                paths.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(30, ConflictsJson.read(paths.get(0)).conflicts().size());
        assertTrue(Files.size(paths.get(1)) > 0 && Files.readString(paths.get(2)).startsWith("<!DOCTYPE html>"));
        try (var s = Files.list(tmp.resolve("out"))) {
            assertEquals(3, s.count(), "no temporary file left behind");
        }
    }
}
