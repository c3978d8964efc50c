package fr.bdfsync.core.conflict;

import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConflictFilterTest {
    @Test
    void combinesDimensionsWithAndAndValuesWithOr() {
        ConflictSet set = ConflictSetGenerator.generate(4, 120);
        assertEquals(120, ConflictFilter.ANY.select(set).size());
        ConflictFilter f = new ConflictFilter(Set.of(ConflictType.OVERLAP, ConflictType.SCOPE), Set.of(Severity.HIGH), Set.of(), Set.of(), null);
        assertEquals(10, f.select(set).size()); // scope is high, overlap medium
        assertTrue(f.select(set).stream().allMatch(c -> c.type() == ConflictType.SCOPE));
        Conflict one = set.conflicts().get(17);
        ConflictFilter byKey = new ConflictFilter(null, null, Set.of(one.layer()), null, one.key().substring(8).toLowerCase());
        assertEquals(java.util.List.of(one), byKey.select(set));
    }
}
