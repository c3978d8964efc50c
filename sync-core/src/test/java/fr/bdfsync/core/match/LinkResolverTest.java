package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkResolverTest {
    private final LinkResolver resolver = new LinkResolver(Thresholds.DEFAULT);
    private final Map<Long, List<Candidate>> cands = new HashMap<>();

    private void add(long local, String key, Relation r, double conf, double coverage) {
        cands.computeIfAbsent(local, k -> new java.util.ArrayList<>())
                .add(new Candidate(local, key.hashCode(), key, new PairScore("test." + r, r, conf, coverage, Map.of())));
    }

    @Test
    void clearBestIsSureOneToOne() {
        add(1, "A", Relation.SAME, 0.9, 1);
        add(1, "B", Relation.SAME, 0.4, 1);
        List<Link> links = resolver.resolve(List.of(1L), cands);
        assertEquals(1, links.size());
        assertEquals("A", links.get(0).nationalKey());
        assertEquals(LinkStatus.SURE, links.get(0).status());
        assertEquals(Cardinality.ONE_TO_ONE, links.get(0).cardinality());
    }

    @Test
    void twoEquallyGoodCandidatesAreBothUncertain() {
        add(1, "A", Relation.SAME, 0.85, 1);
        add(1, "B", Relation.SAME, 0.8, 1);
        List<Link> links = resolver.resolve(List.of(1L), cands);
        assertEquals(2, links.size());
        for (Link l : links) {
            assertEquals(LinkStatus.UNCERTAIN, l.status());
            assertEquals("ambiguous", l.reason());
        }
    }

    @Test
    void lowConfidenceIsUncertainAndNothingIsUnmatched() {
        add(1, "A", Relation.SAME, 0.4, 1);
        add(2, "B", Relation.SAME, 0.1, 1);
        List<Link> links = resolver.resolve(List.of(1L, 2L, 3L), cands);
        assertEquals(LinkStatus.UNCERTAIN, links.get(0).status());
        assertEquals(LinkStatus.UNMATCHED, links.get(1).status());
        assertEquals(LinkStatus.UNMATCHED, links.get(2).status());
    }

    @Test
    void localCoveringTwoNationalsIsOneToMany() {
        add(1, "A", Relation.NATIONAL_PART_OF_LOCAL, 0.9, 0.55);
        add(1, "B", Relation.NATIONAL_PART_OF_LOCAL, 0.85, 0.45);
        List<Link> links = resolver.resolve(List.of(1L), cands);
        assertEquals(2, links.size());
        for (Link l : links) {
            assertEquals(Cardinality.ONE_TO_MANY, l.cardinality());
            assertEquals(LinkStatus.SURE, l.status());
            assertEquals("L1", l.group());
        }
    }

    @Test
    void twoLocalsFormingOneNationalAreManyToOne() {
        add(1, "A", Relation.LOCAL_PART_OF_NATIONAL, 0.9, 0.5);
        add(2, "A", Relation.LOCAL_PART_OF_NATIONAL, 0.9, 0.48);
        List<Link> links = resolver.resolve(List.of(1L, 2L), cands);
        assertEquals(2, links.size());
        for (Link l : links) {
            assertEquals(Cardinality.MANY_TO_ONE, l.cardinality());
            assertEquals(LinkStatus.SURE, l.status());
            assertEquals("NA", l.group());
        }
    }

    @Test
    void aLonePartialLocalIsUncertainWhenItCoversLittle() {
        add(1, "A", Relation.LOCAL_PART_OF_NATIONAL, 0.9, 0.3);
        Link l = resolver.resolve(List.of(1L), cands).get(0);
        assertEquals(Cardinality.ONE_TO_ONE, l.cardinality());
        assertEquals(LinkStatus.UNCERTAIN, l.status());
        assertEquals("partial coverage", l.reason());
    }

    @Test
    void aNationalClaimedByTwoLocalsIsContested() {
        add(1, "A", Relation.SAME, 0.9, 1);
        add(2, "A", Relation.SAME, 0.9, 1);
        for (Link l : resolver.resolve(List.of(1L, 2L), cands)) {
            assertEquals(LinkStatus.UNCERTAIN, l.status());
            assertEquals("contested", l.reason());
        }
    }

    @Test
    void linkIndexGivesTheKeyOfSureLinksOnly() {
        add(1, "A", Relation.SAME, 0.9, 1);
        add(2, "B", Relation.SAME, 0.4, 1);
        add(3, "C", Relation.NATIONAL_PART_OF_LOCAL, 0.9, 0.5);
        add(3, "D", Relation.NATIONAL_PART_OF_LOCAL, 0.9, 0.5);
        LinkIndex idx = LinkIndex.of(resolver.resolve(List.of(1L, 2L, 3L), cands));
        assertEquals("A", idx.keyFor(1).orElseThrow());
        assertEquals(true, idx.keyFor(2).isEmpty());
        assertEquals(true, idx.keyFor(3).isEmpty());
        assertEquals(List.of("C", "D"), idx.keysFor(3));
    }
}
