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
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exact agreement with the ground truth of the shared generator at 10,000 features per layer, with fids aligned
 * and renumbered: every inserted, deleted, attribute-updated and geometry-updated cleabs, nothing more.
 */
class ManifestAgreementTest {
    @TempDir
    Path tmp;

    @Test
    void agreesWithTheManifestWithAndWithoutRenumberedFids() throws Exception {
        Path gen = RealData.repoRoot().resolve("../shared/bench/gen_bdtopo_like.py").normalize();
        Assumptions.assumeTrue(Files.exists(gen), "generator absent: " + gen);
        Gdal.Result probe = Gdal.run(List.of("python3", "--version"));
        Assumptions.assumeTrue(probe.exitCode() == 0, "python3 absent");
        Gdal.Result r1 = Gdal.run(List.of("python3", gen.toString(), "-n", "10000", "--seed", "7", "-o", tmp.toString(), "--workers", "1"));
        assertEquals(0, r1.exitCode(), r1.output());
        Gdal.Result r2 = Gdal.run(List.of("python3", gen.toString(), "-n", "10000", "--seed", "7", "-o", tmp.toString(), "--workers", "1",
                "--edited-only", "--renumber-fids", "--edited-name", "renum"));
        assertEquals(0, r2.exitCode(), r2.output());
        check(tmp.resolve("edited.gpkg"), tmp.resolve("edited.manifest.json"));
        check(tmp.resolve("renum.gpkg"), tmp.resolve("renum.manifest.json"));
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
