package fr.bdfsync.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.testsupport.Gdal;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact agreement with the ground truth of the shared generator at 10,000 features per layer, with fids aligned
 * and renumbered: every inserted, deleted, attribute-updated and geometry-updated cleabs, nothing more; and the
 * three-way class of every feature changed by two independent edits of one base.
 */
class ManifestAgreementTest {
    @TempDir
    Path tmp;

    @Test
    void agreesWithTheManifestWithAndWithoutRenumberedFids() throws Exception {
        generate("--seed", "7");
        generate("--seed", "7", "--edited-only", "--renumber-fids", "--edited-name", "renum");
        check(tmp.resolve("edited.gpkg"), tmp.resolve("edited.manifest.json"));
        check(tmp.resolve("renum.gpkg"), tmp.resolve("renum.manifest.json"));
    }

    /**
     * Three-way, national and local being two independent edits of one base (seeds 7 and 12, fids aligned with the
     * base; under seed 12 both sides delete a same feature and draw a same insert cleabs in each layer): every
     * feature's class follows from the two manifests. Where both seeds picked the same feature: deleted on both
     * is convergent, deleted on one side and updated on the other delete-edit or edit-delete, attributes on one side and
     * the geometry on the other both-disjoint, the same category on both divergent (each attribute edit sets its own
     * random date_modification, each geometry edit makes its own moves, an insert whose random cleabs both seeds drew is
     * two different features).
     */
    @Test
    void threeWayClassesFollowFromTwoIndependentEditsOfOneBase() throws Exception {
        generate("--seed", "7");
        generate("--seed", "12", "--edited-only", "--edited-name", "local");
        JsonNode nat = new ObjectMapper().readTree(tmp.resolve("edited.manifest.json").toFile()).get("layers");
        JsonNode loc = new ObjectMapper().readTree(tmp.resolve("local.manifest.json").toFile()).get("layers");
        for (String layer : List.of("zone_de_vegetation", "troncon_hydrographique")) {
            Map<String, String> n = categories(nat.get(layer)), l = categories(loc.get(layer));
            TreeMap<String, ThreeWayClass> want = new TreeMap<>();
            TreeSet<String> keys = new TreeSet<>(n.keySet());
            keys.addAll(l.keySet());
            for (String k : keys) want.put(k, expected(n.get(k), l.get(k)));
            ThreeWayLayer t = DiffFixtures.threeWay(tmp.resolve("base.gpkg"), tmp.resolve("edited.gpkg"), tmp.resolve("local.gpkg"), layer);
            TreeMap<String, ThreeWayClass> got = new TreeMap<>();
            for (ThreeWayFeature f : t.features()) got.put(f.key(), f.classification());
            assertEquals(want, got, layer);
            for (ThreeWayClass c : List.of(ThreeWayClass.BOTH_DISJOINT, ThreeWayClass.DIVERGENT, ThreeWayClass.DELETE_EDIT,
                    ThreeWayClass.EDIT_DELETE, ThreeWayClass.CONVERGENT)) {
                assertTrue(want.containsValue(c), layer + ": the seeds give no " + c.label() + " feature");
            }
            long touched = keys.stream().filter(k -> !"inserted".equals(n.get(k)) && !"inserted".equals(l.get(k))).count();
            assertEquals(10000 - touched, t.unchanged(), layer);
        }
    }

    /** The class of a feature edited in category {@code n} nationally and {@code l} locally (null: not edited there). */
    private static ThreeWayClass expected(String n, String l) {
        if (l == null) return ThreeWayClass.NATIONAL_ONLY;
        if (n == null) return ThreeWayClass.LOCAL_ONLY;
        if (n.equals("deleted")) return l.equals("deleted") ? ThreeWayClass.CONVERGENT : ThreeWayClass.DELETE_EDIT;
        if (l.equals("deleted")) return ThreeWayClass.EDIT_DELETE;
        return n.equals(l) ? ThreeWayClass.DIVERGENT : ThreeWayClass.BOTH_DISJOINT;
    }

    /** cleabs -> its category in a manifest's layer. */
    private static Map<String, String> categories(JsonNode layer) {
        Map<String, String> out = new HashMap<>();
        for (String c : List.of("attribute_updated", "geometry_updated", "deleted", "inserted")) {
            for (String k : set(layer.get(c))) assertNull(out.put(k, c), "two categories for " + k);
        }
        return out;
    }

    /** Runs the shared generator at 10,000 features per layer into {@code tmp} (skips the test without it or python3). */
    private void generate(String... args) throws Exception {
        Path gen = RealData.repoRoot().resolve("../shared/bench/gen_bdtopo_like.py").normalize();
        Assumptions.assumeTrue(Files.exists(gen), "generator absent: " + gen);
        Assumptions.assumeTrue(Gdal.run(List.of("python3", "--version")).exitCode() == 0, "python3 absent");
        List<String> cmd = new ArrayList<>(List.of("python3", gen.toString(), "-n", "10000", "-o", tmp.toString(), "--workers", "1"));
        cmd.addAll(List.of(args));
        Gdal.Result r = Gdal.run(cmd);
        assertEquals(0, r.exitCode(), r.output());
    }

    private void check(Path edited, Path manifest) throws Exception {
        JsonNode layers = new ObjectMapper().readTree(manifest.toFile()).get("layers");
        for (String layer : List.of("zone_de_vegetation", "troncon_hydrographique")) {
            LayerDiff d = DiffFixtures.twoWay(tmp.resolve("base.gpkg"), edited, layer);
            JsonNode m = layers.get(layer);
            TreeSet<String> ins = new TreeSet<>(), del = new TreeSet<>(), attr = new TreeSet<>(), geom = new TreeSet<>();
            for (FeatureChange c : d.changes()) {
                switch (c.operation()) {
                    case INSERT: ins.add(c.key()); break;
                    case DELETE: del.add(c.key()); break;
                    default:
                        if (!c.attributes().isEmpty()) attr.add(c.key());
                        if (c.geometryChanged()) geom.add(c.key());
                }
            }
            assertEquals(set(m.get("inserted")), ins, layer + " inserted " + edited);
            assertEquals(set(m.get("deleted")), del, layer + " deleted " + edited);
            assertEquals(set(m.get("attribute_updated")), attr, layer + " attribute_updated " + edited);
            assertEquals(set(m.get("geometry_updated")), geom, layer + " geometry_updated " + edited);
            assertEquals(0, d.absorbedByTolerance(), "the generator moves vertices by 0.01 m at least: above the 1 mm tolerance");
            assertEquals(10000 - del.size() - attr.size() - geom.size(), d.unchanged());
        }
    }

    private static TreeSet<String> set(JsonNode array) {
        TreeSet<String> s = new TreeSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }
}
