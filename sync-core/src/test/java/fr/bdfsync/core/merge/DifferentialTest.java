package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A national source given as an edition plus a Différentiel gives the same sync as the full new edition:
 * property test over seeded random editions (creations, modifications, deletions nationally; edits,
 * deletions and creations locally, with and without keys), each of the three ways of marking deletions.
 * Plus bad input: a Différentiel whose schema differs is refused; a deletion of an unknown key is reported.
 */
class DifferentialTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final String LAYER = "zone_de_vegetation";
    private static final Schema SCHEMA = new Schema(LAYER, List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT),
            new Field("hauteur", FieldType.REAL)), "geom", GeometryType.MULTIPOLYGON, false, false, ScenarioBuilder.L93, "fid");
    private static final String[] NATURES = {"Bois", "Haie", "Verger", "Vigne", "Lande ligneuse"};

    /** How the Différentiel marks deletions. */
    private enum Marking { SUPPRESSIONS_TABLE, OPERATION_COLUMN, DELETION_DATE }

    @Test
    void editionPlusDifferentialSyncsLikeTheFullEdition(@TempDir Path dir) throws Exception {
        int conflicts = 0, taken = 0;
        for (int seed = 1; seed <= 9; seed++) {
            Random rnd = new Random(seed);
            Marking marking = Marking.values()[seed % 3];
            boolean keylessLocal = seed % 4 == 0; // a local creation without a key: the in-memory path
            Path d = Files.createDirectories(dir.resolve("s" + seed));
            Map<String, Object[]> base = new TreeMap<>();
            for (int i = 0; i < 40; i++) base.put(key(i), new Object[]{key(i), NATURES[rnd.nextInt(NATURES.length)], (double) rnd.nextInt(30), square(i % 8, i / 8, 0)});
            // the new edition, and the Différentiel that leads to it from the base
            Map<String, Object[]> edition = new TreeMap<>();
            Map<String, Object[]> upserts = new TreeMap<>();
            List<String> deletes = new ArrayList<>();
            for (Map.Entry<String, Object[]> e : base.entrySet()) {
                int r = rnd.nextInt(10);
                Object[] v = e.getValue().clone();
                if (r == 0) {
                    deletes.add(e.getKey());
                    continue;
                }
                if (r == 1) v[1] = NATURES[rnd.nextInt(NATURES.length)];
                if (r == 2) v[3] = moved((Polygon) v[3], rnd);
                if (r == 3) v[2] = (double) rnd.nextInt(30);
                edition.put(e.getKey(), v);
                if (r >= 1 && r <= 3) upserts.put(e.getKey(), v);
            }
            for (int i = 40; i < 44; i++) {
                Object[] v = {key(i), NATURES[rnd.nextInt(NATURES.length)], 1.0, square(i % 8, i / 8 + 1, 0)};
                edition.put(key(i), v);
                upserts.put(key(i), v);
            }
            // the local data: its own edits of the base
            Map<String, Object[]> local = new TreeMap<>();
            for (Map.Entry<String, Object[]> e : base.entrySet()) {
                int r = rnd.nextInt(10);
                Object[] v = e.getValue().clone();
                if (r == 0) continue;
                if (r == 1) v[1] = NATURES[rnd.nextInt(NATURES.length)];
                if (r == 2) v[3] = moved((Polygon) v[3], rnd);
                local.put(e.getKey(), v);
            }
            local.put(key(90), new Object[]{key(90), "Bois", 3.0, square(9, 9, 0)});
            if (keylessLocal) local.put("~", new Object[]{null, "Vigne", 2.0, square(10, 10, 0)});

            write(d.resolve("base.gpkg"), base, null);
            write(d.resolve("edition.gpkg"), edition, null);
            write(d.resolve("local.gpkg"), local, null);
            writeDifferential(d.resolve("differential.gpkg"), upserts, deletes, marking);

            SyncResult full = run(d, "full", "edition.gpkg", null);
            SyncResult overlaid = run(d, "diff", "base.gpkg", "differential.gpkg");
            String what = "seed " + seed + " (" + marking + (keylessLocal ? ", keyless local" : "") + ")";
            assertEquals(describe(full), describe(overlaid), what + ": conflicts");
            assertEquals(full.layers(), overlaid.layers(), what + ": summaries (counts, changes taken, contributions)");
            assertEquals(content(d.resolve("full/merged.gpkg")), content(d.resolve("diff/merged.gpkg")), what + ": merged data");
            assertEquals(content(d.resolve("full/changes.gpkg")), content(d.resolve("diff/changes.gpkg")), what + ": changes to contribute");
            assertTrue(overlaid.notes().isEmpty(), what + ": " + overlaid.notes());
            conflicts += full.conflicts().conflicts().size();
            taken += full.layers().get(0).nationalTaken();
        }
        assertTrue(conflicts > 9 && taken > 9, "the generated cases exercise conflicts (" + conflicts + ") and national changes (" + taken + ")");
    }

    @Test
    void aDifferentialWithAnotherSchemaIsRefusedNamingTheAttributes(@TempDir Path dir) throws Exception {
        Map<String, Object[]> base = Map.of(key(0), new Object[]{key(0), "Bois", 1.0, square(0, 0, 0)});
        write(dir.resolve("base.gpkg"), base, null);
        write(dir.resolve("local.gpkg"), base, null);
        Schema other = new Schema(LAYER, List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT),
                new Field("largeur", FieldType.REAL)), "geom", GeometryType.MULTIPOLYGON, false, false, ScenarioBuilder.L93, "fid");
        write(dir.resolve("differential.gpkg"), base, other);
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> run(dir, "out", "base.gpkg", "differential.gpkg"));
        assertEquals(ExitCode.SCHEMA, e.exitCode());
        assertTrue(e.getMessage().contains("differential.gpkg") && e.getMessage().contains("missing: hauteur")
                && e.getMessage().contains("not in the edition: largeur"), e.getMessage());
    }

    @Test
    void aDeletionOfAnUnknownKeyIsReportedAndIgnored(@TempDir Path dir) throws Exception {
        Map<String, Object[]> base = new TreeMap<>(Map.of(key(0), new Object[]{key(0), "Bois", 1.0, square(0, 0, 0)},
                key(1), new Object[]{key(1), "Haie", 2.0, square(1, 0, 0)}));
        write(dir.resolve("base.gpkg"), base, null);
        write(dir.resolve("local.gpkg"), base, null);
        writeDifferential(dir.resolve("differential.gpkg"), Map.of(), List.of(key(1), "ZONEVEGE9999999999999999"), Marking.SUPPRESSIONS_TABLE);
        SyncResult r = run(dir, "out", "base.gpkg", "differential.gpkg");
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).contains("ZONEVEGE9999999999999999") && r.notes().get(0).contains(LAYER), r.notes().get(0));
        assertEquals(1, r.layers().get(0).nationalFeatures(), "the known deletion is applied");
        assertEquals(List.of(LAYER + "/" + key(0)), List.copyOf(content(dir.resolve("out/merged.gpkg")).keySet()));
    }

    /**
     * The merged file's state records the edition and its Différentiel; a rerun on the merged data with no
     * ancestor in the job is three-way from that state (edition + Différentiel as the ancestor) and finds
     * nothing new nationally, the open conflicts again with the same ids.
     */
    @Test
    void theStateRemembersTheDifferential(@TempDir Path dir) throws Exception {
        Random rnd = new Random(42);
        Map<String, Object[]> base = new TreeMap<>();
        for (int i = 0; i < 20; i++) base.put(key(i), new Object[]{key(i), "Bois", 1.0, square(i % 5, i / 5, 0)});
        Map<String, Object[]> local = new TreeMap<>();
        base.forEach((k, v) -> local.put(k, v.clone()));
        local.get(key(3))[1] = "Verger";                 // edited on both sides differently: an open conflict
        local.get(key(4))[3] = moved((Polygon) base.get(key(4))[3], rnd);
        Map<String, Object[]> upserts = new TreeMap<>();
        Object[] n3 = base.get(key(3)).clone();
        n3[1] = "Vigne";
        upserts.put(key(3), n3);
        Object[] n5 = base.get(key(5)).clone();
        n5[2] = 7.0;
        upserts.put(key(5), n5);
        upserts.put(key(30), new Object[]{key(30), "Haie", 2.0, square(6, 6, 0)});
        write(dir.resolve("base.gpkg"), base, null);
        write(dir.resolve("local.gpkg"), local, null);
        writeDifferential(dir.resolve("differential.gpkg"), upserts, List.of(key(7)), Marking.OPERATION_COLUMN);
        SyncResult first = run(dir, "out", "base.gpkg", "differential.gpkg");
        assertEquals(1, first.conflicts().openCount(), describe(first).toString());
        assertEquals(3, first.layers().get(0).nationalTaken(), "key 5 updated, key 30 created, key 7 deleted: " + first.layers());

        ObjectNode job = (ObjectNode) ScenarioBuilder.MAPPER.readTree(dir.resolve("job-out.json").toFile());
        job.remove("ancestor");
        job.put("local", "out/merged.gpkg");
        ((ObjectNode) job.get("outputs")).put("merged", "out2/merged.gpkg");
        ((ObjectNode) job.get("outputs")).put("conflicts", "out2/conflicts.json");
        ((ObjectNode) job.get("outputs")).put("changes", "out2/changes.gpkg");
        ((ObjectNode) job.get("outputs")).put("lineage", "out2/lineage.json");
        Path again = dir.resolve("job-again.json");
        Files.writeString(again, job.toString());
        SyncResult second = new SyncRunner(SyncJobJson.read(again), new SyncOptions(false, false, null, SyncRunTest.T0)).run();
        assertTrue(!second.twoWay(), "three-way from the state");
        assertEquals(0, second.layers().get(0).nationalTaken(), "the edition and its Différentiel are already merged: " + second.layers());
        assertEquals(describe(first).stream().filter(d -> d.contains("OPEN")).toList(), describe(second).stream().filter(d -> d.contains("OPEN")).toList());
    }

    // ------------------------------------------------------------------ helpers

    private static SyncResult run(Path dir, String out, String edition, String differential) throws Exception {
        ObjectNode job = ScenarioBuilder.MAPPER.createObjectNode();
        job.put("format", SyncJobJson.FORMAT);
        job.put("name", "differential-" + out);
        job.put("theme", "vegetation");
        ObjectNode national = job.putObject("national");
        national.put("edition", edition);
        if (differential != null) national.put("differential", differential);
        job.put("ancestor", "base.gpkg");
        job.put("local", "local.gpkg");
        ObjectNode o = job.putObject("outputs");
        o.put("merged", out + "/merged.gpkg");
        o.put("conflicts", out + "/conflicts.json");
        o.put("changes", out + "/changes.gpkg");
        o.put("lineage", out + "/lineage.json");
        Path f = dir.resolve("job-" + out + ".json");
        Files.writeString(f, job.toString());
        return new SyncRunner(SyncJobJson.read(f), new SyncOptions(false, false, null, SyncRunTest.T0)).run();
    }

    private static List<String> describe(SyncResult r) {
        List<String> out = new ArrayList<>();
        for (Conflict c : r.conflicts().conflicts()) out.add(c.id() + " " + c.type() + " " + c.status() + " " + c.keys() + " " + c.contentHash());
        return out;
    }

    /** Every table of a GeoPackage layer by key (or fid when keyless): attribute values and geometry bytes, fids ignored. */
    private static Map<String, String> content(Path gpkg) {
        Map<String, String> out = new TreeMap<>();
        try (GpkgDataset ds = GpkgDataset.open(gpkg)) {
            for (String layer : ds.layerNames()) {
                if (layer.startsWith("bdfsync_")) continue;
                Schema s = ds.schema(layer);
                int k = Math.max(0, s.indexOfIgnoreCase("cleabs"));
                int n = 0;
                try (FeatureCursor c = ds.read(layer)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        List<String> v = new ArrayList<>();
                        for (int i = 0; i < s.fields().size(); i++) v.add(s.fields().get(i).name() + "=" + f.value(i));
                        if (f.geometry() != null) v.add(HexFormat.of().formatHex(f.geometry().wkb()));
                        String key = f.value(k) == null ? "keyless" + (n++) : String.valueOf(f.value(k));
                        out.put(layer + "/" + key + (s.indexOfIgnoreCase("chg_operation") >= 0 ? "/" + f.value(s.indexOfIgnoreCase("chg_operation")) : ""),
                                String.join("|", v));
                    }
                }
            }
        }
        return out;
    }

    private static String key(int i) {
        return String.format("ZONEVEGE%016d", i);
    }

    private static Polygon square(int col, int row, double shift) {
        double x = 700000 + col * 100 + shift, y = 6600000 + row * 100;
        return GF.createPolygon(new Coordinate[]{new Coordinate(x, y), new Coordinate(x + 80, y), new Coordinate(x + 80, y + 80),
                new Coordinate(x, y + 80), new Coordinate(x, y)});
    }

    private static Polygon moved(Polygon p, Random rnd) {
        Coordinate[] cs = p.getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        double dx = 1 + rnd.nextInt(5);
        for (int i = 0; i < cs.length; i++) out[i] = new Coordinate(cs[i].x + (i == 2 ? dx : 0), cs[i].y);
        return GF.createPolygon(out);
    }

    private static void write(Path target, Map<String, Object[]> rows, Schema schema) {
        Schema s = schema == null ? SCHEMA : schema;
        try (GpkgWriter w = GpkgWriter.create(target)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            long fid = 0;
            for (Object[] v : rows.values()) {
                lw.write(new Feature(++fid, new Object[]{v[0], v[1], v[2]}, GeometryValue.of(GF.createMultiPolygon(new Polygon[]{(Polygon) v[3]}))));
            }
            w.commit();
        }
    }

    private static void writeDifferential(Path target, Map<String, Object[]> upserts, List<String> deletes, Marking marking) {
        List<Field> fields = new ArrayList<>(SCHEMA.fields());
        if (marking == Marking.OPERATION_COLUMN) fields.add(new Field("operation", FieldType.TEXT));
        if (marking == Marking.DELETION_DATE) fields.add(new Field("date_suppression", FieldType.DATETIME));
        Schema s = SCHEMA.withFields(fields);
        try (GpkgWriter w = GpkgWriter.create(target)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            long fid = 0;
            for (Object[] v : upserts.values()) {
                Object[] row = new Object[fields.size()];
                System.arraycopy(new Object[]{v[0], v[1], v[2]}, 0, row, 0, 3);
                if (marking == Marking.OPERATION_COLUMN) row[3] = "modification";
                lw.write(new Feature(++fid, row, GeometryValue.of(GF.createMultiPolygon(new Polygon[]{(Polygon) v[3]}))));
            }
            if (marking == Marking.SUPPRESSIONS_TABLE) {
                GpkgWriter.LayerWriter sup = w.addLayer(new Schema(LAYER + "_suppressions", List.of(new Field("cleabs", FieldType.TEXT)),
                        null, null, false, false, null, "fid"));
                long sf = 0;
                for (String k : deletes) sup.write(new Feature(++sf, new Object[]{k}, null));
            } else {
                for (String k : deletes) {
                    Object[] row = new Object[fields.size()];
                    row[0] = k;
                    row[3] = marking == Marking.OPERATION_COLUMN ? "suppression" : "2026-03-01T00:00:00Z";
                    lw.write(new Feature(++fid, row, GeometryValue.of(square(0, 0, 0))));
                }
            }
            w.commit();
        }
    }
}
