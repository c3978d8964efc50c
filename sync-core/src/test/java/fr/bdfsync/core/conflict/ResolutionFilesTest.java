package fr.bdfsync.core.conflict;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolutionFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aDecisionSurvivesARerunWhileTheConflictIsTheSameAndIsFlaggedWhenItChanged() {
        ConflictSet run1 = ConflictSetGenerator.generate(21, 24);
        Path res = tmp.resolve("res.json");
        List<String> ids = run1.conflicts().stream().limit(3).map(Conflict::id).collect(Collectors.toList());
        ResolutionFiles.decide(run1, tmp.resolve("c.json"), ids, Choice.LOCAL, res);

        // a rerun gives the same ids and hashes: the decisions apply
        ConflictSet run2 = ConflictSetGenerator.generate(21, 24);
        assertEquals(run1.conflicts().stream().map(Conflict::id).collect(Collectors.toList()),
                run2.conflicts().stream().map(Conflict::id).collect(Collectors.toList()));
        Decisions.Outcome same = Decisions.apply(run2, ConflictsJson.readDecisions(res));
        assertEquals(3, same.applied());

        // the same conflict with other content (a new local value): same id, flagged, not applied
        List<Conflict> changed = new ArrayList<>(run2.conflicts());
        Conflict c = changed.get(0);
        List<AttributeValues> attrs = List.of(new AttributeValues("nature", "Bois", "Forêt ouverte", "Vigne"));
        changed.set(0, new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), attrs, c.ancestorGeometry(), c.nationalGeometry(),
                c.localGeometry(), c.location(), c.status(), c.resolution(), c.message(), ConflictIds.contentHash(attrs, c.nationalGeometry(), c.localGeometry())));
        Decisions.Outcome after = Decisions.apply(run2.withConflicts(changed), ConflictsJson.readDecisions(res));
        assertEquals(2, after.applied());
        assertEquals(1, after.outdated());
        assertEquals(ConflictStatus.DECISION_OUTDATED, after.conflicts().conflicts().get(0).status());
    }

    @Test
    void refusesUnknownIdsAndForeignFilesWithoutWriting() throws Exception {
        ConflictSet set = ConflictSetGenerator.generate(22, 12);
        Path res = tmp.resolve("res.json");
        BdfsyncException e = assertThrows(BdfsyncException.class,
                () -> ResolutionFiles.decide(set, tmp.resolve("c.json"), List.of("Cnope"), Choice.LOCAL, res));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertFalse(Files.exists(res));
        ConflictsJson.writeDecisions(List.of(new Decision("Cother", Choice.NATIONAL, null, null, null)), res);
        String before = Files.readString(res);
        e = assertThrows(BdfsyncException.class,
                () -> ResolutionFiles.decide(set, tmp.resolve("c.json"), List.of(set.conflicts().get(0).id()), Choice.LOCAL, res));
        assertTrue(e.getMessage().contains("Cother") && e.getMessage().contains("another run"), e.getMessage());
        assertEquals(before, Files.readString(res));
    }
}
