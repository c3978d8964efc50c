package fr.bdfsync.core.io;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.crs.CrsResolver;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;

import static fr.bdfsync.core.io.IoAssertions.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {
    @TempDir
    Path tmp;

    @Test
    void dispatchesOnTheExtension() {
        try (Dataset g = Datasets.open(Fixtures.file("src/arbres.geojson"));
             Dataset s = Datasets.open(Fixtures.file("shp/zones_utf8.shp"))) {
            assertEquals("GeoJSON", g.format());
            assertEquals("ESRI Shapefile", s.format());
        }
    }

    @Test
    void aMissingFileIsNotFound() {
        for (String name : List.of("absent.gpkg", "absent.shp", "absent.geojson")) {
            BdfsyncException e = assertThrows(BdfsyncException.class, () -> Datasets.open(tmp.resolve(name)));
            assertEquals(ExitCode.NOT_FOUND, e.exitCode());
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotWhatItsExtensionSaysIsInvalid() throws Exception {
        Path text = tmp.resolve("notes.gpkg");
        Files.writeString(text, "just some notes, not a GeoPackage");
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> Datasets.open(text));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("notes.gpkg") && e.getMessage().contains("SQLite header"), e.getMessage());

        Path csv = tmp.resolve("data.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        BdfsyncException u = assertThrows(BdfsyncException.class, () -> Datasets.open(csv));
        assertEquals(ExitCode.INVALID_INPUT, u.exitCode());
        assertTrue(u.getMessage().contains("data.csv") && u.getMessage().contains("unsupported format"), u.getMessage());
    }

    @Test
    void aGeoPackageBlobThatDoesNotParseNamesFileLayerAndFid() throws Exception {
        Path gpkg = tmp.resolve("haies.gpkg");
        writeTwoLines(gpkg, CrsResolver.epsg(2154));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg);
             PreparedStatement ps = c.prepareStatement("UPDATE haie SET geom = ? WHERE fid = 8")) {
            // a valid GeoPackage header (no envelope, srs 2154) followed by truncated WKB
            ps.setBytes(1, new byte[]{'G', 'P', 0, 1, 0x6A, 0x08, 0, 0, 1, 2, 0, 0, 0, 5, 0, 0, 0, 0, 0});
            ps.executeUpdate();
        }
        try (Dataset d = Datasets.open(gpkg)) {
            List<Feature> fs = all(d, "haie"); // streaming does not parse: bytes stay bytes
            assertEquals(2, fs.size());
            fs.get(0).geometry().geometry();
            BdfsyncException e = assertThrows(BdfsyncException.class, () -> fs.get(1).geometry().geometry());
            assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
            assertTrue(e.getMessage().contains("haies.gpkg") && e.getMessage().contains("layer 'haie'")
                    && e.getMessage().contains("fid 8") && e.getMessage().contains("geometry does not parse"), e.getMessage());
            // where it is parsed by a writer (a reprojection), the same error surfaces
            Path out = tmp.resolve("out.gpkg");
            try (Dataset wgs = new fr.bdfsync.core.io.crs.ReprojectingDataset(Datasets.open(gpkg), CrsResolver.epsg(4326));
                 GpkgWriter w = GpkgWriter.create(out)) {
                GpkgWriter.LayerWriter lw = w.addLayer(wgs.schema("haie"));
                BdfsyncException e2 = assertThrows(BdfsyncException.class, () -> all(wgs, "haie").forEach(lw::write));
                assertTrue(e2.getMessage().contains("fid 8"), e2.getMessage());
            }
            assertFalse(Files.exists(out), "nothing left under the output name");
        }
    }

    @Test
    void aGeoPackageLayerWithoutCrsIsRefusedUnlessOneIsNamed() {
        Path gpkg = tmp.resolve("nocrs.gpkg");
        writeTwoLines(gpkg, CrsRef.UNDEFINED_CARTESIAN);
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> Datasets.open(gpkg));
        assertEquals(ExitCode.CRS, e.exitCode());
        assertTrue(e.getMessage().contains("nocrs.gpkg") && e.getMessage().contains("layer 'haie'"), e.getMessage());
        try (Dataset d = Datasets.open(gpkg, OpenOptions.DEFAULT.withAssumedCrs(CrsResolver.parse("EPSG:2154", null)))) {
            assertEquals(2154, d.schema("haie").crs().code());
        }
    }

    @Test
    void aGeoPackageWithAnUnknownCrsIsRefused() throws Exception {
        Path gpkg = tmp.resolve("custom.gpkg");
        writeTwoLines(gpkg, new CrsRef(900913, "ACME", 77, "ACME local grid",
                "LOCAL_CS[\"ACME local grid\",UNIT[\"metre\",1]]"));
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> Datasets.open(gpkg));
        assertEquals(ExitCode.CRS, e.exitCode());
        assertTrue(e.getMessage().contains("custom.gpkg") && e.getMessage().contains("unknown CRS"), e.getMessage());
        try (Dataset d = Datasets.open(gpkg, OpenOptions.DEFAULT.withAssumedCrs(CrsResolver.epsg(3948)))) {
            assertEquals(3948, d.schema("haie").crs().code());
        }
    }

    private static void writeTwoLines(Path gpkg, CrsRef crs) {
        Schema s = new Schema("haie", List.of(new Field("nature", FieldType.TEXT)), "geom", GeometryType.LINESTRING, false, false, crs, "fid");
        try (GpkgWriter w = GpkgWriter.create(gpkg)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            WKTReader r = new WKTReader();
            lw.write(new Feature(7, new Object[]{"Haie"}, GeometryValue.of(r.read("LINESTRING (330000 6740000, 330010 6740010)"))));
            lw.write(new Feature(8, new Object[]{"Haie"}, GeometryValue.of(r.read("LINESTRING (330020 6740000, 330030 6740010)"))));
            w.commit();
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
