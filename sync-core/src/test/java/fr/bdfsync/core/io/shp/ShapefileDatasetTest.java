package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.OpenOptions;
import fr.bdfsync.core.io.crs.CrsResolver;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.testsupport.Fixtures;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static fr.bdfsync.core.io.IoAssertions.all;
import static fr.bdfsync.core.io.IoAssertions.assertSameFeatures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapefileDatasetTest {
    @TempDir
    Path tmp;

    /** The same zones, written by ogr2ogr in every encoding and declaration the reader must handle. */
    @ParameterizedTest
    @ValueSource(strings = {"zones_utf8", "zones_latin1", "zones_cp1252", "zones_nocpg_latin1", "zones_nocpg_utf8",
            "zones_ldid87", "zones_esri_prj"})
    void everyEncodingVariantReadsLikeTheHandWrittenSource(String name) {
        try (Dataset shp = Datasets.open(Fixtures.file("shp/" + name + ".shp"));
             Dataset src = Datasets.open(Fixtures.file("src/zones.geojson"))) {
            Schema s = shp.schema(name);
            assertEquals(List.of("cleabs", "nature", "hauteur", "nb_arbres", "date_app", "commentair"),
                    s.fields().stream().map(f -> f.name()).toList(), "10-character names kept as stored");
            assertEquals(List.of(FieldType.TEXT, FieldType.TEXT, FieldType.REAL, FieldType.INTEGER, FieldType.DATE, FieldType.TEXT),
                    s.fields().stream().map(f -> f.type()).toList());
            assertEquals(GeometryType.MULTIPOLYGON, s.geometryType());
            assertEquals(2154, s.crs().code());
            assertEquals(4, shp.count(name));
            List<Feature> b = all(shp, name);
            assertSameFeatures(all(src, "zones"), b, 0, name); // fids 1..4: the GeoJSON ids are the record numbers
            assertEquals("Près de l'étang, côté église", b.get(0).value(5));
            assertNull(b.get(3).geometry(), "null shape");
        }
    }

    @Test
    void polygonRingsBecomePolygonsWithTheirHoles() {
        try (Dataset shp = Datasets.open(Fixtures.file("shp/zones_utf8.shp"))) {
            List<Feature> fs = all(shp, "zones_utf8");
            MultiPolygon first = (MultiPolygon) fs.get(0).geometry().geometry();
            assertEquals(1, first.getNumGeometries());
            assertEquals(1, ((org.locationtech.jts.geom.Polygon) first.getGeometryN(0)).getNumInteriorRing());
            MultiPolygon second = (MultiPolygon) fs.get(1).geometry().geometry();
            assertEquals(2, second.getNumGeometries());
            int holes = 0;
            for (int i = 0; i < 2; i++) holes += ((org.locationtech.jts.geom.Polygon) second.getGeometryN(i)).getNumInteriorRing();
            assertEquals(2, holes, "both holes go to the square, none to the triangle");
            assertTrue(second.isValid());
            assertEquals(100 * 100 - 20 * 20, first.getArea(), 1e-9);
        }
    }

    @Test
    void everyDbaseTypeDeletedRecordsNullShapesAndTheLanguageDriver() {
        try (Dataset d = Datasets.open(Fixtures.file("shp/types.shp"))) {
            Schema s = d.schema("types");
            assertEquals(List.of(FieldType.TEXT, FieldType.INTEGER, FieldType.REAL, FieldType.REAL, FieldType.BOOLEAN, FieldType.DATE),
                    s.fields().stream().map(f -> f.type()).toList());
            assertEquals(GeometryType.POINT, s.geometryType());
            assertEquals(4, d.count("types"), "the deleted record is not counted");
            List<Feature> fs = all(d, "types");
            assertEquals(List.of(1L, 2L, 4L, 5L), fs.stream().map(Feature::fid).toList(), "record 3 is deleted");
            assertArrayEquals(new Object[]{"Forêt domaniale", 42L, 1234.5, 0.25, true, "2019-03-14"}, fs.get(0).values());
            assertArrayEquals(new Object[]{"Œuvre", -7L, 0.125, 1.0, false, "2000-12-31"}, fs.get(1).values(),
                    "language driver 0x57 is Windows-1252, which has Œ");
            assertArrayEquals(new Object[]{null, null, null, null, null, null}, fs.get(2).values(), "blanks, '*' and '?' are null");
            assertNull(fs.get(2).geometry());
            assertArrayEquals(new Object[]{"Cœur de l'étang", 123456L, -98765.432, 3.1416, true, null}, fs.get(3).values());
            assertEquals(new Coordinate(330010.5, 6740010.25), fs.get(1).geometry().geometry().getCoordinate());
        }
    }

    @Test
    void linesWithZAndMeasures() {
        try (Dataset shp = Datasets.open(Fixtures.file("shp/troncons.shp"));
             Dataset src = Datasets.open(Fixtures.file("src/troncons.geojson"))) {
            Schema s = shp.schema("troncons");
            assertEquals(GeometryType.MULTILINESTRING, s.geometryType());
            assertTrue(s.hasZ());
            List<Feature> b = all(shp, "troncons");
            assertSameFeatures(all(src, "troncons"), b, 0, "troncons");
            assertEquals("Ruisseau de l'Œil-de-Bœuf", b.get(0).value(1));
            assertEquals(11.75, b.get(0).geometry().geometry().getCoordinates()[1].getZ());
        }
        try (Dataset shp = Datasets.open(Fixtures.file("shp/mesures.shp"))) {
            Schema s = shp.schema("mesures");
            assertTrue(s.hasZ() && s.hasM(), "PolyLineZ with measures");
            Geometry g = all(shp, "mesures").get(0).geometry().geometry();
            assertEquals(11.0, g.getCoordinates()[1].getZ());
            assertEquals(22.36, g.getCoordinates()[1].getM());
        }
        try (Dataset shp = Datasets.open(Fixtures.file("shp/reperes.shp"))) {
            Schema s = shp.schema("reperes");
            assertEquals(GeometryType.POINT, s.geometryType());
            assertTrue(s.hasM() && !s.hasZ(), "PointM");
            assertEquals(500.0, all(shp, "reperes").get(1).geometry().geometry().getCoordinate().getM());
        }
        try (Dataset shp = Datasets.open(Fixtures.file("shp/sondes.shp"))) {
            Schema s = shp.schema("sondes");
            assertTrue(s.hasZ() && s.hasM(), "PointZ with measures");
            Coordinate c = all(shp, "sondes").get(1).geometry().geometry().getCoordinate();
            assertEquals(4.25, c.getZ());
            assertEquals(7.5, c.getM());
        }
        try (Dataset shp = Datasets.open(Fixtures.file("shp/arbres_multi.shp"))) {
            assertEquals(GeometryType.MULTIPOINT, shp.schema("arbres_multi").geometryType());
            assertEquals(4326, shp.schema("arbres_multi").crs().code());
            assertEquals(2, all(shp, "arbres_multi").get(2).geometry().geometry().getNumGeometries());
        }
    }

    @Test
    void shpToGpkgRoundTripKeepsEverythingAndGdalValidatesIt() throws Exception {
        for (String name : List.of("zones_latin1", "troncons", "mesures", "sondes", "types", "arbres_multi")) {
            Path out = tmp.resolve(name + ".gpkg");
            try (Dataset shp = Datasets.open(Fixtures.file("shp/" + name + ".shp"))) {
                try (GpkgWriter w = GpkgWriter.create(out)) {
                    GpkgWriter.LayerWriter lw = w.addLayer(shp.schema(name));
                    all(shp, name).forEach(lw::write);
                    w.commit();
                }
                try (GpkgDataset g = GpkgDataset.open(out)) {
                    assertEquals(shp.schema(name).fields(), g.schema(name).fields());
                    assertEquals(shp.schema(name).hasZ(), g.schema(name).hasZ());
                    assertEquals(shp.schema(name).hasM(), g.schema(name).hasM());
                    List<Feature> a = all(shp, name), b = all(g, name);
                    assertEquals(a.size(), b.size());
                    for (int i = 0; i < a.size(); i++) {
                        assertEquals(a.get(i).fid(), b.get(i).fid());
                        assertArrayEquals(a.get(i).values(), b.get(i).values(), name + " " + i);
                        if (a.get(i).geometry() == null) {
                            assertNull(b.get(i).geometry());
                        } else {
                            Geometry ga = a.get(i).geometry().geometry(), gb = b.get(i).geometry().geometry();
                            assertTrue(ga.equalsExact(gb), name + " " + i + ": " + ga + " vs " + gb);
                            assertArrayEquals(a.get(i).geometry().wkb(), b.get(i).geometry().wkb(), "Z and M too");
                        }
                    }
                }
            }
            Gdal.Result v = Gdal.validateGpkg(out);
            assertEquals(0, v.exitCode(), name + ": " + v.output());
        }
    }

    @Test
    void aDbfWhoseDeclaredEncodingIsWrongFailsClearlyUnlessForced() {
        Path shp = Fixtures.file("shp/zones_wrong_cpg.shp");
        try (Dataset d = Datasets.open(shp)) {
            BdfsyncException e = assertThrows(BdfsyncException.class, () -> all(d, "zones_wrong_cpg"));
            assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
            String m = e.getMessage();
            assertTrue(m.contains("zones_wrong_cpg.dbf") && m.contains("layer 'zones_wrong_cpg'") && m.contains("record 1")
                    && m.contains("field 'nature'") && m.contains("UTF-8"), m);
        }
        try (Dataset d = Datasets.open(shp, OpenOptions.DEFAULT.withEncoding(Charset.forName("ISO-8859-1")))) {
            assertEquals("Forêt fermée de feuillus", all(d, "zones_wrong_cpg").get(0).value(1));
        }
    }

    @Test
    void aShapefileWithoutPrjIsRefusedUnlessTheCrsIsNamed() {
        Path shp = Fixtures.file("shp/zones_noprj.shp");
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> Datasets.open(shp));
        assertEquals(ExitCode.CRS, e.exitCode());
        assertTrue(e.getMessage().contains("zones_noprj.shp") && e.getMessage().contains("no CRS"), e.getMessage());
        try (Dataset d = Datasets.open(shp, OpenOptions.DEFAULT.withAssumedCrs(CrsResolver.epsg(2154)))) {
            assertEquals(2154, d.schema("zones_noprj").crs().code());
            assertEquals(4, all(d, "zones_noprj").size());
        }
    }

    @Test
    void anUnknownCrsIsRefused() {
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> Datasets.open(Fixtures.file("shp/zones_unknown_crs.shp")));
        assertEquals(ExitCode.CRS, e.exitCode());
        assertTrue(e.getMessage().contains("zones_unknown_crs.prj") && e.getMessage().contains("unknown CRS"), e.getMessage());
        // the user may say what the coordinates are
        try (Dataset d = Datasets.open(Fixtures.file("shp/zones_unknown_crs.shp"), OpenOptions.DEFAULT.withAssumedCrs(CrsResolver.epsg(2154)))) {
            assertEquals(2154, d.schema("zones_unknown_crs").crs().code());
        }
        // but a known CRS is never overridden
        try (Dataset d = Datasets.open(Fixtures.file("shp/arbres.shp"), OpenOptions.DEFAULT.withAssumedCrs(CrsResolver.epsg(2154)))) {
            assertEquals(4326, d.schema("arbres").crs().code());
        }
    }

    @Test
    void filesThatAreNotShapefilesFailClearly() throws Exception {
        BdfsyncException missing = assertThrows(BdfsyncException.class, () -> Datasets.open(tmp.resolve("absent.shp")));
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertTrue(missing.getMessage().contains("absent.shp"));

        Path text = copyZones("text");
        Files.writeString(text, "id;name\n1;not a shapefile at all, just text with a .shp name, long enough for a header...........");
        BdfsyncException notShp = assertThrows(BdfsyncException.class, () -> Datasets.open(text));
        assertEquals(ExitCode.INVALID_INPUT, notShp.exitCode());
        assertTrue(notShp.getMessage().contains("text.shp") && notShp.getMessage().contains("9994"), notShp.getMessage());

        Path cut = copyZones("cut");
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 40));
        BdfsyncException truncated = assertThrows(BdfsyncException.class, () -> Datasets.open(cut));
        assertEquals(ExitCode.INVALID_INPUT, truncated.exitCode());
        assertTrue(truncated.getMessage().contains("cut.shp") && truncated.getMessage().contains("truncated"), truncated.getMessage());

        Path nodbf = copyZones("nodbf");
        Files.delete(tmp.resolve("nodbf.dbf"));
        BdfsyncException noDbf = assertThrows(BdfsyncException.class, () -> Datasets.open(nodbf));
        assertEquals(ExitCode.NOT_FOUND, noDbf.exitCode());
        assertTrue(noDbf.getMessage().contains(".dbf"), noDbf.getMessage());

        Path badRing = copyZones("badring");
        byte[] b = Files.readAllBytes(badRing);
        // record 1: header 8 bytes at 100, then type(4) box(32) numParts(4) numPoints(4): claim 9999 points
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(100 + 8 + 40, 9999);
        Files.write(badRing, b);
        try (Dataset d = Datasets.open(badRing)) {
            BdfsyncException bad = assertThrows(BdfsyncException.class, () -> all(d, "badring"));
            assertEquals(ExitCode.INVALID_INPUT, bad.exitCode());
            assertTrue(bad.getMessage().contains("badring.shp") && bad.getMessage().contains("record 1")
                    && bad.getMessage().contains("geometry does not parse"), bad.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    private Path copyZones(String name) throws Exception {
        for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
            Files.copy(Fixtures.file("shp/zones_utf8." + ext), tmp.resolve(name + "." + ext));
        }
        return tmp.resolve(name + ".shp");
    }
}
