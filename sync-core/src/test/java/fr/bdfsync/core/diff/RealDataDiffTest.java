package fr.bdfsync.core.diff;

import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BD TOPO v2.2 (older schema, unclipped extract) → v3 (Shapefile names, clipped to the commune) of Olemps, with
 * the committed mapping. Expected from the extracts' provenance notes: every v3 vegetation id exists in v2.2,
 * same nature, 605 geometries identical and 60 clipped at the commune boundary; 1660 v2.2 zones outside the
 * commune are gone; hydro: 19 common ids (18 same geometry, 1 changed), 9 new.
 */
class RealDataDiffTest {
    @Test
    void olempsV22ToV3WithMapping() {
        Path v22 = RealData.file(RealData.OLEMPS_V22), v3 = RealData.file(RealData.OLEMPS_V3);
        AttributeMapping m = AttributeMapping.read(RealData.repoRoot().resolve("testdata/mappings/bdtopo-v22-to-v3.json"));
        DiffSettings s = DiffSettings.uniform(LayerDiffSettings.DEFAULTS);

        LayerDiff vege = DiffFixtures.twoWay(v22, v3, "zone_de_vegetation", s, m);
        assertEquals("cleabs", vege.keyColumn());
        assertEquals(0, vege.count(Operation.INSERT));
        assertEquals(1660, vege.count(Operation.DELETE));
        assertEquals(665, vege.count(Operation.UPDATE));
        assertEquals(60, vege.geometryUpdates());
        assertEquals(605, vege.absorbedByTolerance(), "same shapes, other encoding");
        assertTrue(vege.changes().stream().flatMap(c -> c.attributes().stream()).noneMatch(a -> a.column().equals("nature")), "same nature");
        assertTrue(vege.changes().stream().filter(c -> c.operation() == Operation.UPDATE)
                .allMatch(c -> c.attributes().stream().anyMatch(a -> a.column().equals("precision_planimetrique"))));
        assertTrue(vege.schemaChanges().stream().anyMatch(sc -> sc.kind() == SchemaChange.Kind.COLUMN_ADDED && sc.column().equals("sources")));

        LayerDiff hydro = DiffFixtures.twoWay(v22, v3, "surface_hydrographique", s, m);
        assertEquals(9, hydro.count(Operation.INSERT));
        assertEquals(19, hydro.count(Operation.UPDATE));
        assertEquals(1, hydro.geometryUpdates());
        assertEquals(18, hydro.absorbedByTolerance());
        assertTrue(hydro.schemaChanges().contains(new SchemaChange(SchemaChange.Kind.COLUMN_REMOVED, "altitude_moyenne", "REAL", null)));
    }
}
