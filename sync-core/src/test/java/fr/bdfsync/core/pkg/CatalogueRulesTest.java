package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.theme.ThemeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static fr.bdfsync.core.pkg.PkgFixtures.ALL;
import static fr.bdfsync.core.pkg.PkgFixtures.CREATED;
import static fr.bdfsync.core.pkg.PkgFixtures.HYDRO;
import static fr.bdfsync.core.pkg.PkgFixtures.TERRITORY;
import static fr.bdfsync.core.pkg.PkgFixtures.VEG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The theme catalogue's value lists and mandatory attributes, as package validation. */
class CatalogueRulesTest {
    private static final CatalogueRules RULES = new CatalogueRules(ThemeCatalog.bundled());
    private static final KeyPair KEYS = Ed25519.generate();

    @TempDir
    Path tmp;

    private static PackageChange update(String layer, Map<String, Object> values) {
        return new PackageChange(layer, ChangeOp.UPDATE, "K1", "fp", new TreeSet<>(values.keySet()), values, null, null, null);
    }

    private static PackageChange insert(String layer, Map<String, Object> values) throws Exception {
        GeometryValue g = GeometryValue.of(new WKTReader().read("POLYGON ((200000 6800000, 200010 6800000, 200010 6800010, 200000 6800000))"));
        TreeSet<String> names = new TreeSet<>(values.keySet());
        names.add(Label.GEOMETRY);
        return new PackageChange(layer, ChangeOp.INSERT, "ZONEVEGE9000000000000001", null, names, values, g, g, null);
    }

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void valueOutsideAClosedListIsRefused() {
        Refusal r = RULES.check(update(VEG, values("nature", "Jungle")));
        assertEquals(Refusal.VALUE_LIST, r.reason());
        assertTrue(r.detail().contains("'Jungle' is not in value list 'nature_vegetation'"), r.detail());
        assertNull(RULES.check(update(VEG, values("nature", "Verger"))));
        assertEquals(Refusal.VALUE_LIST, RULES.check(update(HYDRO, values("persistance", "Parfois"))).reason());
        assertNull(RULES.check(update(HYDRO, values("persistance", "Intermittent"))));
    }

    @Test
    void openListsAndUndescribedAttributesAreNotChecked() {
        // methode_d_acquisition_planimetrique has an open list; "hauteur" is not an attribute of zone_de_vegetation
        assertNull(RULES.check(update(VEG, values("methode_d_acquisition_planimetrique", "Drone"))));
        assertNull(RULES.check(update(VEG, values("hauteur", 12.5))));
        assertNull(RULES.check(update("couche_inconnue", values("nature", "n'importe quoi"))));
    }

    @Test
    void mandatoryAttributeMayNotBeEmptied() {
        Refusal r = RULES.check(update(VEG, values("nature", null)));
        assertEquals(Refusal.MANDATORY, r.reason());
        assertTrue(r.detail().contains("'nature'"), r.detail());
        assertNull(RULES.check(update(VEG, values("date_modification", null))));
    }

    @Test
    void insertsAreCheckedDeletesAreNot() throws Exception {
        assertEquals(Refusal.MANDATORY, RULES.check(insert(VEG, values("cleabs", "ZONEVEGE9000000000000001", "nature", null))).reason());
        assertEquals(Refusal.VALUE_LIST, RULES.check(insert(VEG, values("cleabs", "ZONEVEGE9000000000000001", "nature", "Jungle"))).reason());
        assertNull(RULES.check(insert(VEG, values("cleabs", "ZONEVEGE9000000000000001", "nature", "Bois"))));
        // the key attribute is exempt: a local creation may not have its identifier yet
        assertNull(RULES.check(insert(VEG, values("cleabs", null, "nature", "Bois"))));
        assertNull(RULES.check(new PackageChange(VEG, ChangeOp.DELETE, "K1", "fp", null, null, null, null, null)));
    }

    @Test
    void theBuilderDoesNotPackageAChangeOutsideItsValueListAndReportsIt() throws Exception {
        LabelRegistry registry = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, ALL, TERRITORY)));
        Schema s = PkgFixtures.schema(VEG, GeometryType.POLYGON);
        PackageChange bad = new PackageChange(VEG, ChangeOp.UPDATE, "ZONEVEGE0000000000000001", "ab", new TreeSet<>(List.of("nature")),
                values("nature", "Jungle"), null, insert(VEG, values()).location(), null);
        PackageChange good = new PackageChange(VEG, ChangeOp.UPDATE, "ZONEVEGE0000000000000002", "cd", new TreeSet<>(List.of("nature")),
                values("nature", "Bois"), null, insert(VEG, values()).location(), null);
        BuildResult b = PackageBuilder.build(new BuildRequest(registry.communities().get(0).label(), KEYS.getPrivate(), KEYS.getPublic(), CREATED,
                "e", "cleabs", Map.of(VEG, s), Map.of(), List.of(bad, good), List.of(), null, 0, RULES), tmp.resolve("rules.zip"));
        assertEquals(1, b.refused().size());
        assertEquals("ZONEVEGE0000000000000001", b.refused().get(0).key());
        assertTrue(b.refused().get(0).reason().startsWith("value-list: attribute 'nature'"), b.refused().get(0).reason());
        assertEquals(Map.of(Refusal.VALUE_LIST, 1L), b.manifest().validation().refused());
        assertEquals(1, b.manifest().validation().packaged());
        assertEquals(Map.of(VEG, Map.of("insert", 0L, "update", 1L, "delete", 0L)), b.manifest().counts());
    }
}
