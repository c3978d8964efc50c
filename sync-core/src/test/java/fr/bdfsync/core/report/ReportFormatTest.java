package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.AttributeValues;
import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Resolution;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Test
    void conflictsAndTheJsonFormStreamedAreTheTreeWritersBytes() throws Exception {
        ConflictSet generated = ConflictSetGenerator.generate(11, 60);
        List<Conflict> list = new ArrayList<>(generated.conflicts());
        // every scalar kind, explicit values, no location, no message, no geometry
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("nature", "Forêt fermée \"mixte\" <b>");
        values.put("hauteur", 12L);
        values.put("largeur", 2.5);
        values.put("fictif", Boolean.TRUE);
        values.put("sources", null);
        list.add(new Conflict("c-hand", ConflictType.EDIT_EDIT_ATTRIBUTE, null, "haie", List.of("HAIELINE0000000000000001"),
                List.of(new AttributeValues("hauteur", 3L, 4.25, null), new AttributeValues("fictif", false, true, "oui")),
                null, null, null, null, ConflictStatus.RESOLVED_BY_DECISION, new Resolution(Choice.VALUES, values, null), null, "h"));
        ConflictSet set = generated.withConflicts(list);
        Path dir = tmp.resolve("streamed");
        List<Path> paths = ReportFormat.writeWithConflicts(set, dir.resolve("conflicts.json"), dir, "report");
        assertEquals(List.of("conflicts.json", "report.json", "report.gpkg", "report.html"), paths.stream().map(p -> p.getFileName().toString()).toList());
        Path treeConflicts = tmp.resolve("tree-conflicts.json"), treeReport = tmp.resolve("tree-report.json");
        ConflictsJson.write(set, treeConflicts);
        JsonReport.write(set, treeReport);
        assertEquals(Files.readString(treeConflicts), Files.readString(paths.get(0)));
        assertEquals(Files.readString(treeReport), Files.readString(paths.get(1)));
        try (var s = Files.list(dir)) {
            assertEquals(4, s.count(), "no temporary file left behind");
        }
    }
}
