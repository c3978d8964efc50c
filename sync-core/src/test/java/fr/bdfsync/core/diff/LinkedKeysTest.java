package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.testsupport.GpkgBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static fr.bdfsync.core.diff.DiffFixtures.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkedKeysTest {
    @TempDir
    Path tmp;

    private static final String SQ = "POLYGON((0 0,10 0,10 10,0 10,0 0))";
    private static final String SQ2 = "POLYGON((20 0,30 0,30 10,20 10,20 0))";
    private static final String LOCAL = "vegetation_parc";
    private static final String NATIONAL = "zone_de_vegetation";

    private static LinkedKeys.LinkRow link(long fid, String key, String status, String decision) {
        return new LinkedKeys.LinkRow(LOCAL, NATIONAL, fid, key, status, decision);
    }

    /** Local 1 → K1 (same), 2 → K2 (nature changed), 3 unlinked, 4 → K4 rejected, 5 and 6 → K5 (n:1), 7 → K6 uncertain. */
    private static final List<LinkedKeys.LinkRow> LINKS = List.of(
            link(1, "K1", "sure", null), link(2, "K2", "sure", null), link(3, null, "unmatched", null),
            link(4, "K4", "sure", "REJECTED"), link(5, "K5", "sure", null), link(6, "K5", "sure", null),
            link(7, "K6", "uncertain", null));

    @Test
    void keysComeFromOneToOneSureOrConfirmedLinksOnly() {
        LinkedKeys k = LinkedKeys.of(LINKS);
        assertEquals("K1", k.keyFor(NATIONAL, 1));
        assertEquals("fid:3", k.keyFor(NATIONAL, 3), "unlinked: an insert");
        assertEquals("fid:4", k.keyFor(NATIONAL, 4), "a rejected link is not used");
        assertEquals("fid:7", k.keyFor(NATIONAL, 7), "an uncertain link is not used");
        assertNull(k.keyFor(NATIONAL, 5), "n:1: left out");
        assertNull(k.keyFor(NATIONAL, 6));
        assertEquals(List.of(new LinkedKeys.Group("n:1", List.of(5L, 6L), List.of("K5"))), k.groups(NATIONAL));
        assertEquals(2, k.linkedCount(NATIONAL));
        // confirmed by the user in the sync state: the uncertain link counts
        assertEquals("K6", LinkedKeys.of(List.of(link(7, "K6", "uncertain", "CONFIRMED"))).keyFor(NATIONAL, 7));
        // one local row linked to two national keys (1:n), and a tangle (n:m) are groups too
        LinkedKeys oneToMany = LinkedKeys.of(List.of(link(1, "A", "sure", null), link(1, "B", "sure", null),
                link(2, "C", "sure", null), link(3, "C", "sure", null), link(3, "D", "sure", null)));
        assertEquals(List.of(new LinkedKeys.Group("1:n", List.of(1L), List.of("A", "B")),
                new LinkedKeys.Group("n:m", List.of(2L, 3L), List.of("C", "D"))), oneToMany.groups(NATIONAL));
    }

    private Path national() {
        return new GpkgBuilder().layer(NATIONAL, GeometryType.POLYGON, "cleabs:TEXT", "nature:TEXT")
                .row(1, "K1", "Bois", SQ).row(2, "K2", "Bois", SQ2).row(3, "K3", "Haie", SQ).row(4, "K4", "Vigne", SQ)
                .row(5, "K5", "Verger", SQ).row(6, "K6", "Bois", SQ).write(tmp.resolve("national.gpkg"));
    }

    /** The local layer: another name, no cleabs, {@code type} for {@code nature}, fids of its own. */
    private Path local(String nature2) {
        return new GpkgBuilder().layer(LOCAL, GeometryType.POLYGON, "type:TEXT")
                .row(1, "Bois", SQ).row(2, nature2, SQ2).row(3, "Lande", SQ).row(4, "Vigne", SQ)
                .row(5, "Verger", SQ).row(6, "Verger", SQ2).row(7, "Bois", SQ).write(tmp.resolve("local-" + nature2 + ".gpkg"));
    }

    private static final AttributeMapping TYPE_IS_NATURE = new AttributeMapping(Map.of(), Map.of(NATIONAL, Map.of("type", "nature")), Map.of());

    @Test
    void twoWayDiffKeysTheLocalRowsByTheirLinksAndLeavesGroupsOut() {
        Path n = national();
        Path l = local("Forêt fermée de feuillus");
        LinkedKeys keys = LinkedKeys.of(LINKS);
        LayerDiff d;
        try (GpkgDataset dn = GpkgDataset.open(n); GpkgDataset dl = GpkgDataset.open(l);
             DiffEngine e = new DiffEngine(DiffSettings.uniform(LayerDiffSettings.DEFAULTS.withKeyColumn("cleabs")),
                     keys.withLayerAliases(TYPE_IS_NATURE), 2).withLinks(dl, keys)) {
            assertEquals(List.of(NATIONAL), e.layers(List.of(), dn, dl), "the local layer stands for the national one");
            d = e.twoWay(dn, dl, NATIONAL);
        }
        assertEquals("cleabs", d.keyColumn());
        assertEquals(List.of("K2", "K3", "K4", "K6", "fid:3", "fid:4", "fid:7"), d.changes().stream().map(FeatureChange::key).toList());
        assertEquals(List.of(new AttributeChange("nature", "Bois", "Forêt fermée de feuillus")), change(d, "K2").attributes());
        assertEquals(Operation.UPDATE, change(d, "K2").operation());
        assertEquals("K2", change(d, "K2").after().get("cleabs"), "the local row carries its linked key");
        assertEquals(Operation.DELETE, change(d, "K3").operation(), "no local row links to K3");
        assertEquals(Operation.DELETE, change(d, "K4").operation(), "its link was rejected");
        assertEquals(Operation.INSERT, change(d, "fid:4").operation());
        assertEquals(Operation.INSERT, change(d, "fid:3").operation());
        assertEquals(1, d.unchanged(), "K1");
        assertTrue(d.schemaChanges().isEmpty(), "no cleabs column locally is not a schema change: " + d.schemaChanges());
        assertNull(change(d, "K5"), "n:1 group left out on both sides");
    }

    @Test
    void threeWayDiffClassifiesLinkedLocalEdits() {
        Path anc = national();
        Path nat = new GpkgBuilder().layer(NATIONAL, GeometryType.POLYGON, "cleabs:TEXT", "nature:TEXT")
                .row(1, "K1", "Peupleraie", SQ).row(2, "K2", "Bois", SQ2).row(3, "K3", "Haie", SQ).row(4, "K4", "Vigne", SQ)
                .row(5, "K5", "Lande ligneuse", SQ).row(6, "K6", "Bois", SQ).write(tmp.resolve("national-next.gpkg"));
        Path l = local("Vigne");
        LinkedKeys keys = LinkedKeys.of(LINKS);
        ThreeWayLayer t;
        try (GpkgDataset d0 = GpkgDataset.open(anc); GpkgDataset dn = GpkgDataset.open(nat); GpkgDataset dl = GpkgDataset.open(l);
             DiffEngine e = new DiffEngine(DiffSettings.uniform(LayerDiffSettings.DEFAULTS.withKeyColumn("cleabs")),
                     keys.withLayerAliases(TYPE_IS_NATURE), 2).withLinks(dl, keys)) {
            t = e.threeWay(d0, dn, dl, NATIONAL);
        }
        Map<String, ThreeWayClass> byKey = new java.util.TreeMap<>();
        for (ThreeWayFeature f : t.features()) byKey.put(f.key(), f.classification());
        assertEquals(ThreeWayClass.NATIONAL_ONLY, byKey.get("K1"), byKey.toString());
        assertEquals(ThreeWayClass.LOCAL_ONLY, byKey.get("K2"), byKey.toString());
        assertNull(byKey.get("K5"), "the n:1 group is left out, national edit included");
        assertTrue(byKey.containsKey("fid:3"), byKey.toString());
    }
}
