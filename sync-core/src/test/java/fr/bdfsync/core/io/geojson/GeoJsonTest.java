package fr.bdfsync.core.io.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.crs.CrsResolver;
import fr.bdfsync.core.io.crs.ReprojectingDataset;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.testsupport.Fixtures;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static fr.bdfsync.core.io.IoAssertions.all;
import static fr.bdfsync.core.io.IoAssertions.assertSameFeatures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoJsonTest {
    @TempDir
    Path tmp;

    @Test
    void readsRfc7946AsWgs84AndInfersTypesAcrossFeatures() {
        try (Dataset d = Datasets.open(Fixtures.file("src/arbres.geojson"))) {
            Schema s = d.schema("arbres");
            assertEquals(4326, s.crs().code());
            assertEquals(List.of(FieldType.TEXT, FieldType.BOOLEAN, FieldType.REAL, FieldType.DATE),
                    s.fields().stream().map(f -> f.type()).toList());
            assertEquals(GeometryType.MULTIPOINT, s.geometryType(), "Point and MultiPoint mix into MultiPoint");
            assertEquals(3, d.count("arbres"));
            List<Feature> fs = all(d, "arbres");
            assertArrayEquals(new Object[]{"Châtaignier", true, 3.2, "1901-04-01"}, fs.get(0).values());
            assertArrayEquals(new Object[]{"Érable", null, null, "2010-12-24"}, fs.get(2).values());
            assertEquals("MultiPoint", fs.get(0).geometry().geometry().getGeometryType());
            assertEquals(new Coordinate(-2.0843125, 47.6512339), fs.get(0).geometry().geometry().getCoordinate());
            assertEquals(3, fs.get(2).fid());
        }
        try (Dataset d = Datasets.open(Fixtures.file("src/zones.geojson"))) {
            assertEquals(2154, d.schema("zones").crs().code(), "a legacy crs member is honoured");
            assertEquals(List.of(FieldType.TEXT, FieldType.TEXT, FieldType.REAL, FieldType.INTEGER, FieldType.DATE, FieldType.TEXT),
                    d.schema("zones").fields().stream().map(f -> f.type()).toList());
            assertNull(all(d, "zones").get(3).geometry());
        }
    }

    /** GeoJSON (WGS84) → GPKG → GeoJSON: no reprojection anywhere, so everything comes back exactly. */
    @Test
    void wgs84RoundTripIsExact() throws Exception {
        Path gpkg = tmp.resolve("arbres.gpkg");
        Path back = tmp.resolve("arbres.geojson");
        try (Dataset src = Datasets.open(Fixtures.file("src/arbres.geojson"))) {
            toGpkg(src, "arbres", gpkg);
        }
        try (GpkgDataset g = GpkgDataset.open(gpkg)) {
            assertEquals(4326, g.schema("arbres").crs().srsId());
            assertEquals(3, GeoJsonWriter.write(g, "arbres", back));
        }
        try (Dataset a = Datasets.open(Fixtures.file("src/arbres.geojson")); Dataset b = Datasets.open(back)) {
            assertEquals(a.schema("arbres").fields(), b.schema("arbres").fields());
            assertSameFeatures(all(a, "arbres"), all(b, "arbres"), 0, "arbres");
        }
        Gdal.Result v = Gdal.validateGpkg(gpkg);
        assertEquals(0, v.exitCode(), v.output());
    }

    /** GeoJSON (legacy Lambert-93) → GPKG (Lambert-93) → RFC 7946 GeoJSON (WGS84) → back to Lambert-93. */
    @Test
    void lambert93RoundTripThroughWgs84StaysWithinANanometre() throws Exception {
        Path gpkg = tmp.resolve("zones.gpkg");
        Path out = tmp.resolve("zones.geojson");
        try (Dataset src = Datasets.open(Fixtures.file("src/zones.geojson"))) {
            toGpkg(src, "zones", gpkg);
        }
        try (GpkgDataset g = GpkgDataset.open(gpkg)) {
            GeoJsonWriter.write(g, "zones", out);
        }
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertFalse(json.has("crs"), "RFC 7946 output carries no crs member");
        JsonNode f0 = json.get("features").get(0);
        assertTrue(f0.get("properties").get("hauteur").isDouble());
        assertTrue(f0.get("properties").get("nb_arbres").isIntegralNumber());
        assertTrue(json.get("features").get(2).get("properties").get("hauteur").isNull());
        assertTrue(json.get("features").get(3).get("geometry").isNull());
        double lon = f0.get("geometry").get("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertEquals("MultiPolygon", f0.get("geometry").get("type").asText());
        assertTrue(lon > -3 && lon < -1, "longitude first, in degrees: " + lon);
        assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains("Près de l'étang, côté église"), "UTF-8, accents as they are");
        try (Dataset written = Datasets.open(out)) {
            all(written, "zones").stream().filter(f -> f.geometry() != null).forEach(f -> {
                org.locationtech.jts.geom.Polygon p = (org.locationtech.jts.geom.Polygon) f.geometry().geometry().getGeometryN(0);
                assertTrue(Orientation.isCCW(p.getExteriorRing().getCoordinateSequence()), "right-hand rule: exterior CCW");
                for (int h = 0; h < p.getNumInteriorRing(); h++) assertFalse(Orientation.isCCW(p.getInteriorRingN(h).getCoordinateSequence()));
            });
        }
        double worst = 0;
        try (Dataset a = Datasets.open(Fixtures.file("src/zones.geojson"));
             Dataset b = new ReprojectingDataset(Datasets.open(out), CrsResolver.epsg(2154))) {
            assertEquals(2154, b.schema("zones").crs().code());
            worst = assertSameFeatures(all(a, "zones"), all(b, "zones"), 1e-9, "zones");
        }
        System.out.println("GeoJSON Lambert-93 -> WGS84 -> Lambert-93 worst gap: " + worst + " m");
    }

    @Test
    void stringIdsBecomeAnAttribute() throws Exception {
        Path p = tmp.resolve("ids.geojson");
        Files.writeString(p, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"TRON_EAU01\",\"properties\":{\"n\":1},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},{\"type\":\"Feature\",\"id\":\"TRON_EAU02\",\"properties\":{\"n\":2.5},"
                + "\"geometry\":null}]}");
        try (Dataset d = Datasets.open(p)) {
            Schema s = d.schema("ids");
            assertEquals("id", s.fields().get(0).name());
            assertEquals(FieldType.REAL, s.fields().get(1).type());
            List<Feature> fs = all(d, "ids");
            assertEquals(1, fs.get(0).fid());
            assertArrayEquals(new Object[]{"TRON_EAU02", 2.5}, fs.get(1).values());
        }
    }

    @Test
    void badGeoJsonFailsClearly() throws Exception {
        Path notJson = tmp.resolve("notjson.geojson");
        Files.writeString(notJson, "<html>this is not JSON</html>");
        BdfsyncException e1 = assertThrows(BdfsyncException.class, () -> Datasets.open(notJson));
        assertEquals(ExitCode.INVALID_INPUT, e1.exitCode());
        assertTrue(e1.getMessage().contains("notjson.geojson") && e1.getMessage().contains("not valid JSON"), e1.getMessage());

        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{}");
        BdfsyncException e2 = assertThrows(BdfsyncException.class, () -> Datasets.open(broken));
        assertEquals(ExitCode.INVALID_INPUT, e2.exitCode());
        assertTrue(e2.getMessage().contains("broken.json"), e2.getMessage());

        Path topo = tmp.resolve("topo.json");
        Files.writeString(topo, "{\"type\":\"Topology\",\"objects\":{}}");
        BdfsyncException e3 = assertThrows(BdfsyncException.class, () -> Datasets.open(topo));
        assertTrue(e3.getMessage().contains("not a GeoJSON FeatureCollection"), e3.getMessage());

        Path badGeom = tmp.resolve("badgeom.geojson");
        Files.writeString(badGeom, "{\"type\":\"FeatureCollection\",\"name\":\"haies\",\"features\":["
                + "{\"type\":\"Feature\",\"id\":1,\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}},"
                + "{\"type\":\"Feature\",\"id\":2,\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,\"x\"],[3,4]]}}]}");
        try (Dataset d = Datasets.open(badGeom)) {
            BdfsyncException e4 = assertThrows(BdfsyncException.class, () -> all(d, "haies"));
            assertEquals(ExitCode.INVALID_INPUT, e4.exitCode());
            assertTrue(e4.getMessage().contains("badgeom.geojson") && e4.getMessage().contains("layer 'haies'")
                    && e4.getMessage().contains("#2") && e4.getMessage().contains("geometry does not parse"), e4.getMessage());
        }

        Path unknownCrs = tmp.resolve("crs.geojson");
        Files.writeString(unknownCrs, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::999999\"}},\"features\":[]}");
        BdfsyncException e5 = assertThrows(BdfsyncException.class, () -> Datasets.open(unknownCrs));
        assertEquals(ExitCode.CRS, e5.exitCode());
        assertTrue(e5.getMessage().contains("crs.geojson") && e5.getMessage().contains("999999"), e5.getMessage());
    }

    static void toGpkg(Dataset src, String layer, Path gpkg) {
        try (GpkgWriter w = GpkgWriter.create(gpkg)) {
            GpkgWriter.LayerWriter lw = w.addLayer(src.schema(layer));
            all(src, layer).forEach(lw::write);
            w.commit();
        }
    }
}
