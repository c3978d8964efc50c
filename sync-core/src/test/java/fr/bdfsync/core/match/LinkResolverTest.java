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

    /** Locals 1 and 3 copy nationals A and C, both nested in national B: each is also a part of B. */
    private void twoCopiesInsideB() {
        add(1, "A", Relation.SAME, 0.82, 1);
        add(1, "B", Relation.LOCAL_PART_OF_NATIONAL, 0.9, 0.5);
        add(3, "C", Relation.SAME, 0.85, 1);
        add(3, "B", Relation.LOCAL_PART_OF_NATIONAL, 0.9, 0.4);
    }

    /**
     * Nested zones on a dense local layer: national A (small) lies inside B (large); local 1 copies A, local 2 copies
     * B, local 3 is another zone's copy inside B. Local 1 is also 100 % inside B: a part relation that made it
     * ambiguous between its true 1:1 link and an n:1 group of B.
     */
    @Test
    void aCopyOfANestedZoneIsNotAPartOfTheZoneAroundIt() {
        twoCopiesInsideB();
        add(2, "B", Relation.SAME, 0.88, 1);
        add(2, "A", Relation.NATIONAL_PART_OF_LOCAL, 0.95, 0.5);
        add(2, "C", Relation.NATIONAL_PART_OF_LOCAL, 0.95, 0.4);
        List<Link> links = resolver.resolve(List.of(1L, 2L, 3L), cands);
        assertEquals(3, links.size(), links.toString());
        for (Link l : links) {
            assertEquals(LinkStatus.SURE, l.status(), l.toString());
            assertEquals(Cardinality.ONE_TO_ONE, l.cardinality());
        }
        assertEquals(List.of("A", "B", "C"), links.stream().map(Link::nationalKey).toList());
    }

    /** Without B's own copy the same part relations stand: B is then only explained by its parts. */
    @Test
    void partsStayWhenTheNationalHasNoWholeMatchOfItsOwn() {
        twoCopiesInsideB();
        List<Link> links = resolver.resolve(List.of(1L, 3L), cands);
        for (Link l : links) assertEquals(LinkStatus.UNCERTAIN, l.status(), l.toString());
        assertEquals(true, links.stream().anyMatch(l -> l.cardinality() == Cardinality.MANY_TO_ONE && l.nationalKey().equals("B")));
    }

    /** A national zone split locally in a large and a small piece: the small piece has no whole match, it stays a part. */
    @Test
    void aSmallPieceOfASplitZoneStaysAPart() {
        add(1, "A", Relation.SAME, 0.75, 1);
        add(2, "A", Relation.LOCAL_PART_OF_NATIONAL, 0.9, 0.1);
        List<Link> links = resolver.resolve(List.of(1L, 2L), cands);
        Link piece = links.stream().filter(l -> l.localFid() == 2).findFirst().orElseThrow();
        assertEquals("A", piece.nationalKey());
        assertEquals(LinkStatus.UNCERTAIN, piece.status());
    }

    /** A sure link kept from an earlier run explains its national feature whole, as a fresh candidate would. */
    @Test
    void aKeptSureLinkExplainsItsNationalWhole() {
        add(1, "A", Relation.SAME, 0.82, 1);
        add(1, "B", Relation.LOCAL_PART_OF_NATIONAL, 0.9, 0.9);
        Link keptForB = new Link(2, 20, "B", Cardinality.ONE_TO_ONE, 0.9, "test.same", LinkStatus.SURE, "L2", "reused", Map.of());
        List<Link> withKept = resolver.resolve(List.of(1L), cands, List.of(keptForB));
        assertEquals(1, withKept.size(), withKept.toString());
        assertEquals("A", withKept.get(0).nationalKey());
        assertEquals(LinkStatus.SURE, withKept.get(0).status());
        List<Link> without = resolver.resolve(List.of(1L), cands);
        assertEquals(true, without.stream().allMatch(l -> l.status() == LinkStatus.UNCERTAIN), without.toString());
    }
}
