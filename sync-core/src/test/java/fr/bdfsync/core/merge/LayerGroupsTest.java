package fr.bdfsync.core.merge;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The layer groups a sync runs one after the other, and the sharing of equal values between versions. */
class LayerGroupsTest {
    private static final String Z = SpatialChecks.ZONES, H = SpatialChecks.HEDGES, T = SpatialChecks.TRONCONS, R = SpatialChecks.RIVERS;

    @Test
    void independentLayersRunAlone() {
        assertEquals(List.of(List.of(Z), List.of(T)), SyncRunner.groups(List.of(Z, T)));
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), SyncRunner.groups(List.of("a", "b", "c")));
    }

    @Test
    void partnersRunTogether() {
        assertEquals(List.of(List.of(Z, H), List.of(T, R)), SyncRunner.groups(List.of(Z, H, T, R)));
        assertEquals(List.of(List.of(R, "x", T), List.of(H), List.of("y")), SyncRunner.groups(List.of(R, "x", T, H, "y")));
    }

    @Test
    void interleavedPartnersKeepTheJobsOrder() {
        // zones wait for hedges, tronçons for cours d'eau: the group closes only once both are in
        assertEquals(List.of(List.of(Z, T, H, R)), SyncRunner.groups(List.of(Z, T, H, R)));
        assertEquals(List.of(List.of(Z, T, R, H)), SyncRunner.groups(List.of(Z, T, R, H)));
    }

    @Test
    void everyLayerOnceInOrder() {
        java.util.Random rnd = new java.util.Random(11);
        List<String> pool = List.of(Z, H, T, R, "a", "b", "c");
        for (int run = 0; run < 200; run++) {
            List<String> layers = new ArrayList<>(pool);
            java.util.Collections.shuffle(layers, rnd);
            layers = layers.subList(0, 1 + rnd.nextInt(layers.size()));
            List<String> flat = new ArrayList<>();
            for (List<String> g : SyncRunner.groups(layers)) {
                flat.addAll(g);
                for (String l : g) {
                    String partner = l.equals(Z) ? H : l.equals(H) ? Z : l.equals(T) ? R : l.equals(R) ? T : null;
                    if (partner != null && layers.contains(partner)) assertEquals(true, g.contains(partner), layers.toString());
                }
            }
            assertEquals(layers, flat);
        }
    }

    @Test
    void equalValuesAreSharedWithTheAncestor() {
        Schema anc = new Schema("l", List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT),
                new Field("n", FieldType.INTEGER), new Field("b", FieldType.BLOB)), null, null, false, false, null, "fid");
        Schema loc = new Schema("l", List.of(new Field("N", FieldType.INTEGER), new Field("nature", FieldType.TEXT),
                new Field("own", FieldType.TEXT), new Field("cleabs", FieldType.TEXT), new Field("b", FieldType.BLOB)), null, null, false, false, null, "fid");
        byte[] wkb = {1, 2, 3};
        Feature a = new Feature(1, new Object[]{"K1", "Bois", 3L, new byte[]{9}}, GeometryValue.ofWkb(wkb));
        Feature l = new Feature(7, new Object[]{3.0, "Bois" + "", "mine", new String("K1"), new byte[]{9}}, GeometryValue.ofWkb(wkb.clone()));
        Object nature = l.value(1);
        Feature s = DeltaReader.share(l, DeltaReader.fieldMap(loc, anc), a);
        assertArrayEquals(new int[]{2, 1, -1, 0, 3}, DeltaReader.fieldMap(loc, anc));
        assertSame(a.value(0), s.value(3));
        assertSame(a.value(3), s.value(4));
        assertSame(a.geometry(), s.geometry());
        assertEquals(3.0, s.value(0)); // a Double is not replaced by the ancestor's Long, however equal by value
        assertEquals("mine", s.value(2));
        assertEquals(7, s.fid());
        assertEquals(a.value(1), nature);
        Feature other = new Feature(7, new Object[]{3L, "Lande", null, "K1", new byte[]{8}}, null);
        Feature t = DeltaReader.share(other, DeltaReader.fieldMap(loc, anc), a);
        assertNotSame(a.value(1), t.value(1));
        assertEquals("Lande", t.value(1));
        assertArrayEquals(new byte[]{8}, (byte[]) t.value(4));
        assertEquals(3L, t.value(0));
    }
}
