package fr.bdfsync.core.conflict;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConflictsJsonTest {
    @TempDir
    Path tmp;

    static Conflict attributeConflict(String national, String local) throws Exception {
        List<AttributeValues> attrs = List.of(new AttributeValues("nature", "Haie", national, local));
        var g = new WKTReader().read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        return new Conflict(ConflictIds.id(ConflictType.EDIT_EDIT_ATTRIBUTE, "zone_de_vegetation", List.of("ZONEVEGE0000000000000001"), "nature"),
                ConflictType.EDIT_EDIT_ATTRIBUTE, null, "zone_de_vegetation", List.of("ZONEVEGE0000000000000001"), attrs, g, g, g,
                new Coordinate(5, 5), null, null, "nature changed on both sides",
                ConflictIds.contentHash(attrs, g, g));
    }

    @Test
    void idsDependOnWhatTheConflictIsAboutNotOnValuesOrKeyOrder() throws Exception {
        assertEquals(attributeConflict("Bois", "Verger").id(), attributeConflict("Vigne", "Lande ligneuse").id());
        assertEquals(ConflictIds.id(ConflictType.INSERT_INSERT, "haie", List.of("a", "b"), null),
                ConflictIds.id(ConflictType.INSERT_INSERT, "haie", List.of("b", "a"), null));
        assertNotEquals(ConflictIds.id(ConflictType.EDIT_EDIT_ATTRIBUTE, "haie", List.of("a"), "nature"),
                ConflictIds.id(ConflictType.EDIT_EDIT_ATTRIBUTE, "haie", List.of("a"), "hauteur"));
        assertNotEquals(attributeConflict("Bois", "Verger").contentHash(), attributeConflict("Bois", "Vigne").contentHash());
        assertEquals(ConflictIds.contentHash(List.of(new AttributeValues("h", null, 3L, 4L)), null, null),
                ConflictIds.contentHash(List.of(new AttributeValues("h", null, 3.0, 4.0)), null, null));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Conflict c = attributeConflict("Bois", "<script>alert(1)</script>");
        ConflictSet set = new ConflictSet("demo", "vegetation", 2154, "2026-11-25T00:00:00Z", List.of(c));
        Path f = tmp.resolve("conflicts.json");
        ConflictsJson.write(set, f);
        ConflictSet back = ConflictsJson.read(f);
        assertEquals(1, back.conflicts().size());
        Conflict b = back.conflicts().get(0);
        assertEquals(c.id(), b.id());
        assertEquals(c.attributes(), b.attributes());
        assertTrue(c.nationalGeometry().equalsExact(b.nationalGeometry()));
        assertEquals(c.contentHash(), b.contentHash());
        assertEquals(ConflictStatus.OPEN, b.status());
        assertEquals(Severity.MEDIUM, b.severity());
    }

    @Test
    void decisionsResolveFlagOutdatedAndReportUnknownIds() throws Exception {
        Conflict c = attributeConflict("Bois", "Verger");
        Conflict changed = attributeConflict("Bois", "Vigne");
        ConflictSet set = new ConflictSet("j", "vegetation", 2154, null, List.of(c));
        List<Decision> ds = List.of(new Decision(c.id(), Choice.LOCAL, null, c.contentHash(), null),
                new Decision("Cdeadbeefdeadbeef", Choice.NATIONAL, null, null, null));
        Path f = tmp.resolve("res.json");
        ConflictsJson.writeDecisions(ds, f);
        List<Decision> back = ConflictsJson.readDecisions(f);
        assertEquals(ds, back);

        Decisions.Outcome ok = Decisions.apply(set, back);
        assertEquals(ConflictStatus.RESOLVED_BY_DECISION, ok.conflicts().conflicts().get(0).status());
        assertEquals(Choice.LOCAL, ok.conflicts().conflicts().get(0).resolution().choice());
        assertEquals(List.of("Cdeadbeefdeadbeef"), ok.unknownIds());

        Decisions.Outcome stale = Decisions.apply(set.withConflicts(List.of(changed)), back);
        assertEquals(ConflictStatus.DECISION_OUTDATED, stale.conflicts().conflicts().get(0).status());
        assertEquals(1, stale.outdated());
    }

    @Test
    void badFilesAreRefusedWithTheirName() throws Exception {
        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"format\": \"bdfsync.conflicts/v2\", \"conflicts\": []}");
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> ConflictsJson.read(other));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("other.json") && e.getMessage().contains("v2"), e.getMessage());

        Path truncated = tmp.resolve("trunc.json");
        Files.writeString(truncated, "{\"format\": \"bdfsync.conflicts/v1\", \"conflicts\": [ {\"id\": ");
        BdfsyncException t = assertThrows(BdfsyncException.class, () -> ConflictsJson.read(truncated));
        assertTrue(t.getMessage().contains("trunc.json") && t.getMessage().contains("not valid JSON"), t.getMessage());

        Path badChoice = tmp.resolve("res.json");
        Files.writeString(badChoice, "{\"format\": \"bdfsync.resolutions/v1\", \"resolutions\": [{\"id\": \"C1\", \"with\": \"theirs\"}]}");
        BdfsyncException b = assertThrows(BdfsyncException.class, () -> ConflictsJson.readDecisions(badChoice));
        assertTrue(b.getMessage().contains("C1") && b.getMessage().contains("national, local"), b.getMessage());
    }
}
