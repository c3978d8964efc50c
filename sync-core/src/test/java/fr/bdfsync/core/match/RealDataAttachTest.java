package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real BD TOPO layers of Redon with their identifiers stripped and geometries shifted by 0.5-3 m (seeded) and
 * every other one densified at 2 m, attached back: the truth is known by construction. The full benchmark with
 * splits, merges, deletions and local-only features is {@code testdata/gen_local_version.py} +
 * {@code bench/attach_quality.py} (docs/attach.md); this test guards the simple case in the build.
 */
class RealDataAttachTest {
    @TempDir
    Path dir;

    @Test
    void hedgeLinesComeBackToTheirCleabs() {
        check("haie", 0.99, 0.98);
    }

    @Test
    void vegetationZonesComeBackToTheirCleabs() {
        check("zone_de_vegetation", 0.99, 0.98);
    }

    private void check(String layer, double minPrecision, double minRecall) {
        Path national = RealData.file(RealData.REDON);
        Path local = dir.resolve("local.gpkg");
        Map<Long, String> truth = perturb(national, layer, local, 42);
        AttachResult r;
        try (Dataset l = Datasets.open(local); Dataset n = Datasets.open(national)) {
            r = new Attacher(AttachOptions.defaults(), new Md5FeatureFingerprint()).attach(l, "local", n, layer, PriorLinks.NONE);
        }
        int sure = 0;
        int correct = 0;
        int uncertainFeatures = 0;
        java.util.Set<Long> seenUncertain = new java.util.HashSet<>();
        for (Link link : r.links()) {
            if (link.status() == LinkStatus.SURE) {
                sure++;
                if (link.nationalKey().equals(truth.get(link.localFid()))) correct++;
            } else if (link.status() == LinkStatus.UNCERTAIN && seenUncertain.add(link.localFid())) uncertainFeatures++;
        }
        double precision = (double) correct / sure;
        double recall = (double) correct / truth.size();
        double uncertain = (double) uncertainFeatures / truth.size();
        String figures = layer + ": precision " + precision + ", recall " + recall + ", uncertain " + uncertain;
        assertTrue(precision >= minPrecision, figures);
        assertTrue(recall >= minRecall, figures);
        assertTrue(uncertain <= 0.05, figures);
    }

    /** Copies a layer without its identifier, shifted by 0.5-3 m in a random direction, every other feature densified. */
    static Map<Long, String> perturb(Path national, String layer, Path out, long seed) {
        Random rnd = new Random(seed);
        Map<Long, String> truth = new HashMap<>();
        try (Dataset n = Datasets.open(national); GpkgWriter w = GpkgWriter.create(out)) {
            Schema ns = n.schema(layer);
            int id = ns.indexOfIgnoreCase("ID");
            int nature = ns.indexOfIgnoreCase("NATURE");
            Schema ls = new Schema("local", List.of(new Field("type", FieldType.TEXT)), "geom", ns.geometryType(), false, false, ns.crs(), "fid");
            GpkgWriter.LayerWriter lw = w.addLayer(ls);
            try (FeatureCursor c = n.read(layer)) {
                while (c.hasNext()) {
                    Feature f = c.next();
                    double d = 0.5 + 2.5 * rnd.nextDouble();
                    double a = 2 * Math.PI * rnd.nextDouble();
                    Geometry g = AffineTransformation.translationInstance(d * Math.cos(a), d * Math.sin(a)).transform(f.geometry().geometry());
                    if (f.fid() % 2 == 0) g = Densifier.densify(g, 2);
                    lw.write(new Feature(f.fid(), new Object[]{nature < 0 ? null : f.value(nature)}, GeometryValue.of(g)));
                    truth.put(f.fid(), (String) f.value(id));
                }
            }
            w.commit();
        }
        return truth;
    }
}
