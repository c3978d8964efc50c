package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.io.gpkg.KnownCrs;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrsResolverTest {
    private static final int[] NATIONAL = {2154, 5490, 2972, 2975, 4471, 4326, 3942, 3943, 3944, 3945, 3946, 3947, 3948, 3949, 3950};

    @Test
    void everyNationalCrsHasGdalsWktAndIsIdentifiedFromIt() {
        for (int code : NATIONAL) {
            String wkt = KnownCrs.wkt(code);
            assertNotNull(wkt, "EPSG:" + code);
            assertTrue(wkt.endsWith("AUTHORITY[\"EPSG\",\"" + code + "\"]]"), wkt);
            assertEquals(code, CrsResolver.identify(wkt));
            // the same definition without its AUTHORITY nodes: identified by name, then by parameters
            String bare = wkt.replaceAll(",AUTHORITY\\[\"EPSG\",\"\\d+\"\\]", "");
            assertEquals(code, CrsResolver.identify(bare), bare);
            String renamed = bare.replaceFirst("^(PROJCS|GEOGCS)\\[\"[^\"]*\"", "$1[\"unnamed\"");
            assertEquals(code, CrsResolver.identify(renamed), renamed);
        }
    }

    @Test
    void esriPrjNamesAreIdentified() {
        assertEquals(2154, CrsIdentifier.byName("RGF93_Lambert_93"));
        assertEquals(2154, CrsIdentifier.byName("RGF_1993_Lambert_93"));
        assertEquals(2154, CrsIdentifier.byName("RGF93 v1 / Lambert-93"));
        assertEquals(3948, CrsIdentifier.byName("RGF_1993_CC48"));
        assertEquals(2975, CrsIdentifier.byName("RGR_1992_UTM_40S"));
        assertEquals(4326, CrsIdentifier.byName("GCS_WGS_1984"));
        assertEquals(-1, CrsIdentifier.byName("NTF_Paris_Lambert_II"));
    }

    @Test
    void gdalEsriPrjOfEveryNationalCrsIsIdentified() {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/gdalsrsinfo")), "gdalsrsinfo absent");
        for (int code : NATIONAL) {
            Gdal.Result r = Gdal.run(List.of("/usr/bin/gdalsrsinfo", "--single-line", "-o", "wkt_esri", "EPSG:" + code));
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(code, CrsResolver.fromPrj(r.output().trim(), Path.of("x.prj"), "x").code(), r.output());
        }
    }

    @Test
    void userAndGeoJsonSpellingsParse() {
        Path p = Path.of("f.geojson");
        assertEquals(2154, CrsResolver.parse("EPSG:2154", p).code());
        assertEquals(2154, CrsResolver.parse("2154", p).code());
        assertEquals(2154, CrsResolver.parse("urn:ogc:def:crs:EPSG::2154", p).code());
        assertEquals(5490, CrsResolver.parse("http://www.opengis.net/def/crs/EPSG/0/5490", p).code());
        assertEquals(4326, CrsResolver.parse("urn:ogc:def:crs:OGC:1.3:CRS84", p).code());
        assertEquals(27572, CrsResolver.parse("EPSG:27572", p).code()); // outside the catalogue: proj4j's EPSG table
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> CrsResolver.parse("EPSG:999999", p));
        assertEquals(ExitCode.CRS, e.exitCode());
        assertTrue(e.getMessage().contains("f.geojson") && e.getMessage().contains("999999"), e.getMessage());
        BdfsyncException none = assertThrows(BdfsyncException.class,
                () -> CrsResolver.toProj4j(CrsRef.UNDEFINED_CARTESIAN, Path.of("a.shp"), "a"));
        assertEquals(ExitCode.CRS, none.exitCode());
        assertTrue(none.getMessage().contains("a.shp"), none.getMessage());
    }

    @Test
    void reprojectionAgreesWithGdalAndKeepsZ() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/gdaltransform")), "gdaltransform absent");
        // a point of each national CRS, in its own area
        double[][] cases = {{2154, 352000, 6789000}, {5490, 700000, 1600000}, {2972, 350000, 500000},
                {2975, 340000, 7660000}, {4471, 520000, 8580000}, {3948, 1350000, 7220000}};
        for (double[] c : cases) {
            int code = (int) c[0];
            Reprojector r = Reprojector.between(CrsResolver.epsg(code), CrsResolver.epsg(4326), Path.of("t"), "t");
            double[] ll = r.reproject(c[1], c[2]);
            Gdal.Result g = Gdal.run(List.of("/bin/sh", "-c", "echo '" + c[1] + " " + c[2] + "' | /usr/bin/gdaltransform -output_xy -s_srs EPSG:"
                    + code + " -t_srs OGC:CRS84"));
            String[] xy = g.output().trim().split("\\s+");
            assertEquals(Double.parseDouble(xy[0]), ll[0], 1e-9, "lon EPSG:" + code);
            assertEquals(Double.parseDouble(xy[1]), ll[1], 1e-9, "lat EPSG:" + code);
        }
        Geometry line = new WKTReader().read("LINESTRING Z (352000 6789000 12.5, 352100 6789100 13.25)");
        Geometry out = Reprojector.between(CrsResolver.epsg(2154), CrsResolver.epsg(4326), Path.of("t"), "t").reproject(line);
        assertEquals(12.5, out.getCoordinates()[0].getZ());
        assertEquals(13.25, out.getCoordinates()[1].getZ());
        assertEquals(352000, line.getCoordinates()[0].x, "the input is not modified");
    }

    /** Lambert-93 → WGS84 → Lambert-93 on seeded random points: the round trip drift, which the I/O round trips rely on. */
    @Test
    void roundTripThroughWgs84DriftsByDoubleRoundingOnly() {
        Random rnd = new Random(20240521L);
        Reprojector to = Reprojector.between(CrsResolver.epsg(2154), CrsResolver.epsg(4326), Path.of("t"), "t");
        Reprojector back = Reprojector.between(CrsResolver.epsg(4326), CrsResolver.epsg(2154), Path.of("t"), "t");
        double worst = 0;
        for (int i = 0; i < 20000; i++) {
            double x = 100000 + rnd.nextDouble() * 1100000, y = 6050000 + rnd.nextDouble() * 1050000;
            double[] ll = to.reproject(x, y);
            double[] xy = back.reproject(ll[0], ll[1]);
            worst = Math.max(worst, Math.max(Math.abs(xy[0] - x), Math.abs(xy[1] - y)));
        }
        System.out.println("Lambert-93 -> WGS84 -> Lambert-93 worst drift: " + worst + " m");
        // a Lambert-93 northing (~7e6 m) is quantised at 0.93 nm by the double itself: a few ulps is the floor
        assertTrue(worst < 1e-8, "drift " + worst);
    }
}
