package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.Severity;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportSummaryTest {
    @Test
    void countsEveryDimensionAndCoversEveryGeometry() {
        ConflictSet set = ConflictSetGenerator.generate(1, 100);
        ReportSummary s = ReportSummary.of(set);
        assertEquals(100, s.total());
        assertEquals(set.openCount(), s.open());
        assertEquals(100 - set.openCount(), s.resolved());
        assertEquals(ConflictType.values().length, s.byType().size());
        // 100 in rotation over 12 types: the first 4 get 9, the others 8
        assertEquals(9, s.byType().get(ConflictType.EDIT_EDIT_ATTRIBUTE));
        assertEquals(8, s.byType().get(ConflictType.OVERLAP));
        assertEquals(100, s.bySeverity().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(100, s.byLayer().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(set.conflicts().stream().filter(c -> c.severity() == Severity.LOW).count(), (long) s.bySeverity().get(Severity.LOW));
        assertEquals(s.open(), s.byStatus().get(ConflictStatus.OPEN));
        assertEquals(0, s.byStatus().get(ConflictStatus.DECISION_OUTDATED));
        Envelope e = s.extent();
        for (Conflict c : set.conflicts()) {
            assertTrue(e.contains(c.location()));
            if (c.localGeometry() != null) assertTrue(e.contains(c.localGeometry().getEnvelopeInternal()));
        }
        assertTrue(e.getMinX() > 300_000 && e.getMaxX() < 350_000 && e.getMinY() > 6_700_000, "around Redon in Lambert-93: " + e);
    }

    @Test
    void anEmptySetHasNoExtent() {
        ReportSummary s = ReportSummary.of(new ConflictSet("j", "t", 2154, null, java.util.List.of()));
        assertEquals(0, s.total());
        assertNull(s.extent());
    }
}
