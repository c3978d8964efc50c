package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.testsupport.Gdal;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpkgRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void realRedonRoundTripKeepsEveryFeatureValueAndGeometryBytes() throws Exception {
        Path src = RealData.file(RealData.REDON);
        Path out = tmp.resolve("copy.gpkg");
        copy(src, out);
        try (GpkgDataset a = GpkgDataset.open(src); GpkgDataset b = GpkgDataset.open(out)) {
            assertEquals(a.layerNames(), b.layerNames());
            assertEquals(861, b.count("zone_de_vegetation"));
            assertEquals(748, b.count("haie"));
            for (String layer : a.layerNames()) {
                assertEquals(a.schema(layer).fields(), b.schema(layer).fields(), layer);
                assertEquals(a.schema(layer).geometryType(), b.schema(layer).geometryType());
                assertEquals(2154, b.schema(layer).crs().srsId());
                List<Feature> fa = all(a, layer), fb = all(b, layer);
                assertEquals(fa.size(), fb.size());
                for (int i = 0; i < fa.size(); i++) {
                    assertEquals(fa.get(i).fid(), fb.get(i).fid());
                    assertArrayEquals(fa.get(i).values(), fb.get(i).values(), layer + " fid " + fa.get(i).fid());
                    assertTrue(fa.get(i).geometry().sameWkb(fb.get(i).geometry()), layer + " fid " + fa.get(i).fid());
                }
            }
        }
        Gdal.Result v = Gdal.validateGpkg(out);
        assertEquals(0, v.exitCode(), v.output());
        Gdal.Result info = Gdal.ogrinfo(out);
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains("Feature Count: 861"), info.output());
    }

    @Test
    void readingChosenFidsGivesTheSameFeaturesAsFilteringTheWholeLayer() {
        try (GpkgDataset d = GpkgDataset.open(RealData.file(RealData.REDON))) {
            List<Feature> every = all(d, "zone_de_vegetation");
            // every other feature (more than one batch of keyed lookups), plus a fid that does not exist
            long[] fids = java.util.stream.LongStream.concat(
                    java.util.stream.IntStream.range(0, every.size()).filter(i -> i % 2 == 0).mapToLong(i -> every.get(i).fid()),
                    java.util.stream.LongStream.of(10_000_000L)).sorted().toArray();
            List<Feature> keyed = new ArrayList<>();
            try (FeatureCursor c = d.read("zone_de_vegetation", fids)) {
                c.forEachRemaining(keyed::add);
            }
            List<Feature> filtered = new ArrayList<>();
            try (FeatureCursor c = ((fr.bdfsync.core.io.Dataset) d).read("zone_de_vegetation")) {
                c.forEachRemaining(f -> {
                    if (java.util.Arrays.binarySearch(fids, f.fid()) >= 0) filtered.add(f);
                });
            }
            assertEquals(431, keyed.size());
            assertEquals(filtered.size(), keyed.size());
            for (int i = 0; i < keyed.size(); i++) {
                assertEquals(filtered.get(i).fid(), keyed.get(i).fid());
                assertArrayEquals(filtered.get(i).values(), keyed.get(i).values());
                assertTrue(filtered.get(i).geometry().sameWkb(keyed.get(i).geometry()));
            }
        }
    }

    @Test
    void writesZMSinglePartAndAttributeOnlyTablesThatGdalAccepts() throws Exception {
        Path out = tmp.resolve("zm.gpkg");
        CrsRef l93 = CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", null);
        Schema lines = new Schema("lignes", List.of(new Field("code", FieldType.TEXT), new Field("n", FieldType.INTEGER),
                new Field("ok", FieldType.BOOLEAN), new Field("x", FieldType.REAL)), "geom", GeometryType.LINESTRING, true, true, l93, "id");
        Schema table = new Schema("journal", List.of(new Field("message", FieldType.TEXT)), null, null, false, false, null, null);
        WKTReader wkt = new WKTReader();
        try (GpkgWriter w = GpkgWriter.create(out)) {
            GpkgWriter.LayerWriter lw = w.addLayer(lines);
            lw.write(new Feature(7, new Object[]{"é\"à", 3L, true, 1.5},
                    GeometryValue.of(wkt.read("LINESTRING ZM (700000 6600000 10 1, 700010 6600010 12 2)"))));
            lw.write(new Feature(9, new Object[]{null, null, null, null}, null));
            GpkgWriter.LayerWriter tw = w.addLayer(table);
            tw.write(new Feature(1, new Object[]{"Forêt fermée de feuillus"}, null));
            w.commit();
        }
        try (GpkgDataset d = GpkgDataset.open(out)) {
            Schema s = d.schema("lignes");
            assertTrue(s.hasZ());
            assertTrue(s.hasM());
            assertEquals("id", s.primaryKey());
            List<Feature> fs = all(d, "lignes");
            assertEquals(7, fs.get(0).fid());
            assertEquals("é\"à", fs.get(0).value(0));
            assertEquals(true, fs.get(0).value(2));
            assertEquals(12.0, fs.get(0).geometry().geometry().getCoordinates()[1].getZ());
            assertEquals(2.0, fs.get(0).geometry().geometry().getCoordinates()[1].getM());
            assertEquals(null, fs.get(1).geometry());
            assertFalse(d.schema("journal").hasGeometry());
            assertEquals("Forêt fermée de feuillus", all(d, "journal").get(0).value(0));
        }
        Gdal.Result v = Gdal.validateGpkg(out);
        assertEquals(0, v.exitCode(), v.output());
    }

    @Test
    void anInterruptedWriteLeavesNothingUnderTheFinalName() {
        Path out = tmp.resolve("never.gpkg");
        try (GpkgWriter w = GpkgWriter.create(out)) {
            w.addLayer(new Schema("t", List.of(new Field("a", FieldType.TEXT)), null, null, false, false, null, null));
            // no commit: as if the run were interrupted
        }
        assertFalse(Files.exists(out));
        assertEquals(0, tmp.toFile().list().length, "temporary files are cleaned up");
    }

    @Test
    void badInputsGiveClearErrors() throws Exception {
        BdfsyncException missing = assertThrows(BdfsyncException.class, () -> GpkgDataset.open(tmp.resolve("nope.gpkg")));
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertTrue(missing.getMessage().contains("nope.gpkg"));

        Path text = tmp.resolve("fake.gpkg");
        Files.writeString(text, "this is not a geopackage at all");
        BdfsyncException fake = assertThrows(BdfsyncException.class, () -> GpkgDataset.open(text));
        assertEquals(ExitCode.INVALID_INPUT, fake.exitCode());
        assertTrue(fake.getMessage().contains("fake.gpkg") && fake.getMessage().contains("SQLite header"), fake.getMessage());

        Path corrupt = tmp.resolve("corrupt.gpkg");
        byte[] real = Files.readAllBytes(RealData.file(RealData.REDON));
        byte[] cut = java.util.Arrays.copyOf(real, 4096);
        for (int i = 100; i < cut.length; i++) cut[i] = (byte) 0x5A;
        Files.write(corrupt, cut);
        BdfsyncException bad = assertThrows(BdfsyncException.class, () -> GpkgDataset.open(corrupt));
        assertEquals(ExitCode.INVALID_INPUT, bad.exitCode());
        assertTrue(bad.getMessage().contains("corrupt.gpkg"), bad.getMessage());
    }

    @Test
    void hostileNamesAreRefusedBeforeAnySqlIsBuilt() {
        Path out = tmp.resolve("hostile.gpkg");
        for (String name : List.of("x\"; DROP TABLE gpkg_contents; --", "a\u0000b", "")) {
            try (GpkgWriter w = GpkgWriter.create(out)) {
                BdfsyncException e = assertThrows(BdfsyncException.class, () -> w.addLayer(
                        new Schema(name, List.of(new Field("a", FieldType.TEXT)), null, null, false, false, null, null)));
                assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
                BdfsyncException c = assertThrows(BdfsyncException.class, () -> w.addLayer(
                        new Schema("ok", List.of(new Field(name, FieldType.TEXT)), null, null, false, false, null, null)));
                assertEquals(ExitCode.INVALID_INPUT, c.exitCode());
            }
        }
        assertFalse(Files.exists(out));
    }

    static List<Feature> all(GpkgDataset d, String layer) {
        List<Feature> list = new ArrayList<>();
        try (FeatureCursor c = d.read(layer)) {
            c.forEachRemaining(list::add);
        }
        return list;
    }

    static void copy(GpkgDataset src, Path out) {
        try (GpkgWriter w = GpkgWriter.create(out)) {
            for (String layer : src.layerNames()) {
                GpkgWriter.LayerWriter lw = w.addLayer(src.schema(layer));
                try (FeatureCursor c = src.read(layer)) {
                    c.forEachRemaining(lw::write);
                }
            }
            w.commit();
        }
    }

    static void copy(Path src, Path out) {
        try (GpkgDataset d = GpkgDataset.open(src)) {
            copy(d, out);
        }
    }
}
