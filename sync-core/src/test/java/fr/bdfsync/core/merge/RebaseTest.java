package fr.bdfsync.core.merge;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rebase of a local overlay (a local-only attribute on every zone, a labelled attribute edited on the even
 * rows, one geometry correction) from a generated edition onto the next one, which splits some zones,
 * merges pairs of others, changes the nature of some and leaves the rest alone.
 */
class RebaseTest {
    static final int N = 10; // N x N squares of 100 m
    static final GeometryFactory GF = new GeometryFactory();

    static String key(int i) {
        return String.format("ZONEVEGE%016d", i);
    }

    static String rect(double x0, double y0, double x1, double y1) {
        return "POLYGON ((" + x0 + " " + y0 + ", " + x1 + " " + y0 + ", " + x1 + " " + y1 + ", " + x0 + " " + y1 + ", " + x0 + " " + y0 + "))";
    }

    static double x(int i) {
        return 700000 + (i % N) * 100;
    }

    static double y(int i) {
        return 6700000 + (i / N) * 100;
    }

    record Row(String key, String nature, String sources, String gestionnaire, String wkt) {
    }

    static void write(Path file, List<Row> rows, boolean local) throws Exception {
        List<Field> fields = new ArrayList<>(List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT), new Field("sources", FieldType.TEXT)));
        if (local) fields.add(new Field("gestionnaire", FieldType.TEXT));
        WKTReader wkt = new WKTReader(GF);
        try (GpkgWriter w = GpkgWriter.create(file)) {
            GpkgWriter.LayerWriter lw = w.addLayer(new Schema("zone_de_vegetation", fields, "geom", GeometryType.POLYGON, false, false, ScenarioBuilder.L93, "fid"));
            long fid = 0;
            for (Row r : rows) {
                Object[] v = local ? new Object[]{r.key(), r.nature(), r.sources(), r.gestionnaire()} : new Object[]{r.key(), r.nature(), r.sources()};
                lw.write(new Feature(++fid, v, GeometryValue.of(wkt.read(r.wkt()))));
            }
            w.commit();
        }
    }

    @Test
    void overlayIsCarriedOntoSplitsMergesAndChangedObjects(@TempDir Path dir) throws Exception {
        List<Row> ed1 = new ArrayList<>();
        List<Row> local = new ArrayList<>();
        List<Row> ed2 = new ArrayList<>();
        for (int i = 0; i < N * N; i++) {
            String sq = rect(x(i), y(i), x(i) + 100, y(i) + 100);
            ed1.add(new Row(key(i), "Bois", "BDTOPO", null, sq));
            boolean evenRow = (i / N) % 2 == 0;
            String localWkt = i == 21 ? rect(x(i), y(i), x(i) + 100, y(i) + 90) : sq; // a local geometry correction
            local.add(new Row(key(i), "Bois", evenRow ? "DDT35" : "BDTOPO", "ONF-row" + (i / N), localWkt));
            int col = i % N;
            if (col == 1) { // split in two halves under new keys
                ed2.add(new Row(key(i + 1000), "Bois", "BDTOPO", null, rect(x(i), y(i), x(i) + 50, y(i) + 100)));
                ed2.add(new Row(key(i + 2000), "Bois", "BDTOPO", null, rect(x(i) + 50, y(i), x(i) + 100, y(i) + 100)));
            } else if (col == 5) { // merged with its right neighbour under a new key
                ed2.add(new Row(key(i + 3000), "Bois", "BDTOPO", null, rect(x(i), y(i), x(i) + 200, y(i) + 100)));
            } else if (col == 6) {
                continue;
            } else if (col == 8) {
                ed2.add(new Row(key(i), "Vigne", "BDTOPO", null, sq));
            } else {
                ed2.add(new Row(key(i), "Bois", "BDTOPO", null, sq));
            }
        }
        write(dir.resolve("ed1.gpkg"), ed1, false);
        write(dir.resolve("ed2.gpkg"), ed2, false);
        write(dir.resolve("local.gpkg"), local, true);
        Files.writeString(dir.resolve("job.json"), "{\"format\": \"bdfsync.job/v1\", \"theme\": \"vegetation\", \"ancestor\": \"ed1.gpkg\","
                + "\"national\": \"ed2.gpkg\", \"local\": \"local.gpkg\","
                + "\"label\": {\"community\": \"ddt-35\", \"attributes\": {\"zone_de_vegetation\": [\"sources\", \"gestionnaire\"]}},"
                + "\"outputs\": {\"merged\": \"merged.gpkg\"}}");
        SyncJob job = SyncJobJson.read(dir.resolve("job.json"));
        SyncResult r = new SyncRunner(job, new SyncOptions(false, false, null, Instant.EPOCH)).run();

        Map<String, Lineage> byOld = new HashMap<>();
        for (Lineage l : r.lineage()) l.oldKeys().forEach(k -> byOld.put(k, l));
        assertEquals(N + N, r.lineage().size(), "one split and one merge per row");
        Map<String, Object[]> merged = read(job.merged());
        for (int row = 0; row < N; row++) {
            int i = row * N;
            boolean evenRow = row % 2 == 0;
            String sources = evenRow ? "DDT35" : "BDTOPO";
            // unchanged: overlay kept
            assertEquals(sources, merged.get(key(i))[2]);
            assertEquals("ONF-row" + row, merged.get(key(i))[3]);
            // changed nationally: overlay re-applied, national change taken
            assertEquals("Vigne", merged.get(key(i + 8))[1]);
            assertEquals(sources, merged.get(key(i + 8))[2]);
            assertEquals("ONF-row" + row, merged.get(key(i + 8))[3]);
            // split
            Lineage split = byOld.get(key(i + 1));
            assertEquals(Lineage.Kind.SPLIT, split.kind());
            assertEquals(List.of(key(i + 1001), key(i + 2001)), split.newKeys().stream().sorted().toList());
            if (i + 1 == 21) {
                assertFalse(split.carried(), "a geometry correction cannot be carried over");
                assertTrue(merged.containsKey(key(21)), "the corrected object stays while its delete/edit conflict is open");
                assertTrue(r.conflicts().conflicts().stream().anyMatch(c -> c.type() == ConflictType.DELETE_EDIT && c.key().equals(key(21)) && c.isOpen()));
            } else {
                assertTrue(split.carried(), split.toString());
                assertFalse(merged.containsKey(key(i + 1)));
                for (String piece : split.newKeys()) {
                    assertEquals(sources, merged.get(piece)[2], piece);
                    assertEquals("ONF-row" + row, merged.get(piece)[3], piece);
                }
            }
            // merge: both old zones carry the same overlay (same row)
            Lineage m = byOld.get(key(i + 5));
            assertEquals(Lineage.Kind.MERGE, m.kind());
            assertEquals(List.of(key(i + 5), key(i + 6)), m.oldKeys().stream().sorted().toList());
            assertTrue(m.carried());
            assertEquals("ONF-row" + row, merged.get(key(i + 3005))[3]);
            assertEquals(sources, merged.get(key(i + 3005))[2]);
            assertFalse(merged.containsKey(key(i + 5)));
        }
        for (Conflict c : r.conflicts().conflicts()) {
            if (c.isOpen()) assertEquals(key(21), c.key(), "only the geometry correction stays open: " + c.message());
        }
        assertTrue(Files.exists(job.lineage()));
        assertNull(merged.get(key(1)));
    }

    /**
     * Lines: a tronçon split in two under new keys, one replaced by the same line under a new key, one deleted while a
     * new line far from it has bounds that meet its own (a candidate that must not be taken as a piece), and one
     * deleted while a new line only grazes it.
     */
    @Test
    void linesSplitReplacedAndFarCandidates(@TempDir Path dir) throws Exception {
        String[] ed1 = new String[8];
        for (int i = 0; i < ed1.length; i++) ed1[i] = "LINESTRING (700000 " + (6700000 + 100 * i) + ", 700100 " + (6700000 + 100 * i + 40) + ")";
        List<String[]> ed2 = new ArrayList<>();
        for (int i = 0; i < ed1.length; i++) {
            double y = 6700000 + 100 * i;
            if (i == 1) { // split at its middle
                ed2.add(new String[]{tronconKey(1001), "LINESTRING (700000 " + y + ", 700050 " + (y + 20) + ")"});
                ed2.add(new String[]{tronconKey(2001), "LINESTRING (700050 " + (y + 20) + ", 700100 " + (y + 40) + ")"});
            } else if (i == 3) { // the same line under a new key
                ed2.add(new String[]{tronconKey(3003), ed1[i]});
            } else if (i == 5) { // deleted; a new line 32 m and more away, whose bounds meet the old line's
                ed2.add(new String[]{tronconKey(4005), "LINESTRING (700000 " + (y + 40) + ", 700020 " + (y + 60) + ")"});
            } else if (i == 6) { // deleted; a new line crossing it (one point in common: not lying on it)
                ed2.add(new String[]{tronconKey(5006), "LINESTRING (700050 " + (y - 30) + ", 700050 " + (y + 70) + ")"});
            } else {
                ed2.add(new String[]{tronconKey(i), ed1[i]});
            }
        }
        List<String[]> before = new ArrayList<>();
        for (int i = 0; i < ed1.length; i++) before.add(new String[]{tronconKey(i), ed1[i]});
        writeLines(dir.resolve("ed1.gpkg"), before);
        writeLines(dir.resolve("ed2.gpkg"), ed2);
        writeLines(dir.resolve("local.gpkg"), before);
        Files.writeString(dir.resolve("job.json"), "{\"format\": \"bdfsync.job/v1\", \"theme\": \"hydrographie\", \"ancestor\": \"ed1.gpkg\","
                + "\"national\": \"ed2.gpkg\", \"local\": \"local.gpkg\", \"outputs\": {\"merged\": \"merged.gpkg\"}}");
        SyncJob job = SyncJobJson.read(dir.resolve("job.json"));
        SyncResult r = new SyncRunner(job, new SyncOptions(false, false, null, Instant.EPOCH)).run();
        Map<String, Lineage> byOld = new HashMap<>();
        for (Lineage l : r.lineage()) l.oldKeys().forEach(k -> byOld.put(k, l));
        assertEquals(Lineage.Kind.SPLIT, byOld.get(tronconKey(1)).kind());
        assertEquals(List.of(tronconKey(1001), tronconKey(2001)), byOld.get(tronconKey(1)).newKeys().stream().sorted().toList());
        assertEquals(Lineage.Kind.REPLACE, byOld.get(tronconKey(3)).kind());
        assertEquals(List.of(tronconKey(3003)), byOld.get(tronconKey(3)).newKeys());
        assertNull(byOld.get(tronconKey(5)), "a far line is no piece, whatever its bounds");
        assertNull(byOld.get(tronconKey(6)), "a crossing line does not lie on the old one");
        assertEquals(2, r.lineage().size(), r.lineage().toString());
    }

    static String tronconKey(int i) {
        return String.format("TRONCHYD%016d", i);
    }

    static void writeLines(Path file, List<String[]> rows) throws Exception {
        List<Field> fields = List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT));
        WKTReader wkt = new WKTReader(GF);
        try (GpkgWriter w = GpkgWriter.create(file)) {
            GpkgWriter.LayerWriter lw = w.addLayer(new Schema("troncon_hydrographique", fields, "geom", GeometryType.LINESTRING, false, false, ScenarioBuilder.L93, "fid"));
            long fid = 0;
            for (String[] r : rows) lw.write(new Feature(++fid, new Object[]{r[0], "Ecoulement naturel"}, GeometryValue.of(wkt.read(r[1]))));
            w.commit();
        }
    }

    static Map<String, Object[]> read(Path file) {
        Map<String, Object[]> out = new HashMap<>();
        try (Dataset ds = Datasets.open(file); FeatureCursor c = ds.read("zone_de_vegetation")) {
            while (c.hasNext()) {
                Feature f = c.next();
                out.put((String) f.value(0), f.values());
            }
        }
        return out;
    }
}
