package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Seeded BD TOPO-like national and local GeoPackages for package tests. */
final class PkgFixtures {
    static final String VEG = "zone_de_vegetation";
    static final String HYDRO = "troncon_hydrographique";
    static final CrsRef L93 = CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", null);
    static final Instant CREATED = Instant.parse("2026-11-25T12:00:00Z");
    static final String[] NATURES = {"Bois", "Forêt fermée de feuillus", "Haie", "Lande ligneuse", "Verger"};
    private static final GeometryFactory GF = new GeometryFactory();

    private PkgFixtures() {
    }

    static Schema schema(String layer, GeometryType type) {
        return new Schema(layer, List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT),
                new Field("hauteur", FieldType.REAL), new Field("date_modification", FieldType.DATETIME)),
                "geom", type, false, false, L93, "fid");
    }

    /** Rows per layer keyed by cleabs: values [cleabs, nature, hauteur, date] and geometry. */
    static Map<String, Map<String, Feature>> national(int n, long seed) {
        Random r = new Random(seed);
        Map<String, Map<String, Feature>> layers = new TreeMap<>();
        for (String layer : List.of(VEG, HYDRO)) {
            Map<String, Feature> rows = new TreeMap<>();
            String prefix = layer.equals(VEG) ? "ZONEVEGE" : "TRON_EAU";
            for (int i = 1; i <= n; i++) {
                String key = String.format("%s%016d", prefix, i);
                rows.put(key, new Feature(i, new Object[]{key, NATURES[r.nextInt(NATURES.length)], Math.round(r.nextDouble() * 300) / 10.0,
                        "2024-01-0" + (1 + r.nextInt(9)) + "T00:00:00Z"}, GeometryValue.of(geometry(layer, r))));
            }
            layers.put(layer, rows);
        }
        return layers;
    }

    static Geometry geometry(String layer, Random r) {
        double x = 200_000 + r.nextDouble() * 50_000;
        double y = 6_800_000 + r.nextDouble() * 50_000;
        if (layer.equals(VEG)) {
            double s = 10 + r.nextDouble() * 100;
            return GF.createPolygon(new Coordinate[]{new Coordinate(x, y), new Coordinate(x + s, y), new Coordinate(x + s, y + s),
                    new Coordinate(x, y + s), new Coordinate(x, y)});
        }
        Coordinate[] cs = new Coordinate[2 + r.nextInt(5)];
        for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(x + i * 25, y + r.nextDouble() * 20);
        return GF.createLineString(cs);
    }

    /** A local copy with seeded edits: attribute edits, geometry moves, deletes and inserts (about 5% each). */
    static Map<String, Map<String, Feature>> edit(Map<String, Map<String, Feature>> national, long seed) {
        Random r = new Random(seed);
        Map<String, Map<String, Feature>> out = new TreeMap<>();
        for (Map.Entry<String, Map<String, Feature>> e : national.entrySet()) {
            Map<String, Feature> rows = new TreeMap<>();
            long fid = e.getValue().size() + 1;
            for (Feature f : e.getValue().values()) {
                double p = r.nextDouble();
                if (p < 0.05) continue; // delete
                Object[] v = f.values().clone();
                GeometryValue g = f.geometry();
                if (p < 0.10) {
                    v[1] = NATURES[r.nextInt(NATURES.length)] + " modifié";
                    v[3] = "2026-11-01T00:00:00Z";
                } else if (p < 0.15) {
                    Geometry moved = g.geometry().copy();
                    moved.apply((org.locationtech.jts.geom.CoordinateFilter) c -> c.x += 0.5);
                    moved.geometryChanged();
                    g = GeometryValue.of(moved);
                } else if (p < 0.17) {
                    v[2] = null;
                }
                rows.put((String) v[0], new Feature(f.fid(), v, g));
            }
            String prefix = e.getKey().equals(VEG) ? "ZONEVEGE" : "TRON_EAU";
            int inserts = Math.max(1, e.getValue().size() / 20);
            for (int i = 0; i < inserts; i++) {
                String key = String.format("%s9%015d", prefix, i);
                rows.put(key, new Feature(fid++, new Object[]{key, NATURES[r.nextInt(NATURES.length)], 12.5, "2026-11-02T00:00:00Z"},
                        GeometryValue.of(geometry(e.getKey(), r))));
            }
            out.put(e.getKey(), rows);
        }
        return out;
    }

    static void write(Path file, Map<String, Map<String, Feature>> layers) {
        try (GpkgWriter w = GpkgWriter.create(file)) {
            for (Map.Entry<String, Map<String, Feature>> e : layers.entrySet()) {
                GpkgWriter.LayerWriter lw = w.addLayer(schema(e.getKey(), e.getKey().equals(VEG) ? GeometryType.POLYGON : GeometryType.LINESTRING));
                List<Feature> rows = new ArrayList<>(e.getValue().values());
                rows.sort(java.util.Comparator.comparingLong(Feature::fid));
                for (Feature f : rows) lw.write(f);
            }
            w.commit();
        }
    }

    /** Reads every layer of a file keyed by cleabs. */
    static Map<String, Map<String, Feature>> read(Path file) {
        Map<String, Map<String, Feature>> out = new TreeMap<>();
        try (GpkgDataset ds = GpkgDataset.open(file)) {
            for (String layer : ds.layerNames()) {
                Map<String, Feature> rows = new TreeMap<>();
                int k = ds.schema(layer).indexOf("cleabs");
                try (FeatureCursor c = ds.read(layer)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        rows.put((String) f.values()[k], f);
                    }
                }
                out.put(layer, rows);
            }
        }
        return out;
    }

    static LabelRegistry.Community community(String id, KeyPair kp, Map<String, List<String>> layers, String polygon) {
        return new LabelRegistry.Community(id, "Community " + id, Ed25519.publicKeyBase64(kp.getPublic()), List.of("vegetation", "hydrographie"),
                layers, new Label.Territory(List.of("29"), polygon, 2154));
    }

    static final String TERRITORY = "POLYGON ((100000 6700000, 400000 6700000, 400000 6950000, 100000 6950000, 100000 6700000))";
    static final Map<String, List<String>> ALL = Map.of(VEG, List.of("*"), HYDRO, List.of("*"));

    /** Writes a national file of {@code n} rows per layer and an edit of it (seed {@code seed + 1}) as the local file. */
    static void nationalAndLocal(Path national, Path local, int n, long seed) {
        Map<String, Map<String, Feature>> nat = national(n, seed);
        write(national, nat);
        write(local, edit(nat, seed + 1));
    }

    /** Builds the signed package of the changes national → local for the registry's first community (no theme rules). */
    static void buildPackage(Path national, Path local, LabelRegistry registry, KeyPair keys, Path pkg) {
        try (GpkgDataset n = GpkgDataset.open(national); GpkgDataset l = GpkgDataset.open(local)) {
            DiffPackageChanges.Collected d = DiffPackageChanges.collect(n, l, "cleabs", null, true, 1);
            PackageBuilder.build(new BuildRequest(registry.communities().get(0).label(), keys.getPrivate(), keys.getPublic(), CREATED,
                    "e", "cleabs", d.nationalSchemas(), d.baseLayers(), d.changes(), List.of(), null, 0, ChangeRules.NONE), pkg);
        }
    }

    /**
     * Runs {@code sql} on {@code file} with the sqlite3 command, in another process, without waiting for locks
     * ({@code .timeout 0}); its output, errors included ("database is locked").
     */
    static String sqlite3(Path file, String sql) {
        try {
            Process p = new ProcessBuilder("/usr/bin/sqlite3", "-cmd", ".timeout 0", file.toString(), sql).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) throw new IllegalStateException("sqlite3 did not end");
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
