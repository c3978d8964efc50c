package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.crs.CrsResolver;
import fr.bdfsync.core.io.crs.ReprojectingDataset;
import fr.bdfsync.core.io.geojson.GeoJsonWriter;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.testsupport.Gdal;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static fr.bdfsync.core.io.IoAssertions.all;
import static fr.bdfsync.core.io.IoAssertions.assertSameGeometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real extracts of {@code ../shared/testdata/real}, converted at test time by GDAL's ogr2ogr to Shapefile
 * and GeoJSON (RFC 7946, WGS84), read back by bdfsync and compared with reading the GeoPackage directly:
 * SHP → GPKG exactly (no reprojection), GeoJSON → GPKG (Lambert-93) → GeoJSON within 1e-8 m.
 * Skipped when ogr2ogr or the real data are absent.
 */
class RealDataRoundTripTest {
    private static final Path OGR2OGR = Path.of("/usr/bin/ogr2ogr");
    /** Reprojected vertices: GDAL's PROJ one way, proj4j the other, 15 decimals of a degree in between. */
    private static final double REPROJECTED_TOLERANCE_M = 1e-8;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {RealData.REDON, RealData.OLEMPS_V3, RealData.OLEMPS_V22, RealData.REFHYDRO, RealData.OSM_REDON, RealData.SARTHE_V20})
    void shapefileOfEveryRealLayerReadsLikeTheGeoPackageAndRoundTripsToGpkg(String file) throws Exception {
        Path gpkg = RealData.file(file);
        Assumptions.assumeTrue(Files.isExecutable(OGR2OGR), "ogr2ogr absent");
        try (GpkgDataset source = GpkgDataset.open(gpkg)) {
            for (String encoding : List.of("UTF-8", "ISO-8859-1")) {
                boolean latin1 = !encoding.equals("UTF-8");
                Path dir = Files.createDirectories(tmp.resolve(encoding));
                List<Dataset> shapefiles = new ArrayList<>();
                try {
                    for (String layer : source.layerNames()) {
                        Path shp = dir.resolve(layer + ".shp");
                        ogr2ogr(List.of("-f", "ESRI Shapefile", "-lco", "ENCODING=" + encoding, shp.toString(), gpkg.toString(), layer));
                        Dataset read = Datasets.open(shp);
                        shapefiles.add(read);
                        compare(source, layer, read, layer, 0, latin1);
                    }
                    // SHP → GPKG: every layer into one GeoPackage, compared again and validated by GDAL
                    Path back = dir.resolve("from-shp.gpkg");
                    try (GpkgWriter w = GpkgWriter.create(back)) {
                        for (Dataset d : shapefiles) copyLayer(d, d.layerNames().get(0), d.schema(d.layerNames().get(0)), w);
                        w.commit();
                    }
                    try (GpkgDataset written = GpkgDataset.open(back)) {
                        for (String layer : source.layerNames()) compare(source, layer, written, layer, 0, latin1);
                    }
                    Gdal.Result v = Gdal.validateGpkg(back);
                    assertEquals(0, v.exitCode(), file + " " + encoding + ": " + v.output());
                } finally {
                    shapefiles.forEach(Dataset::close);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {RealData.REDON, RealData.OLEMPS_V3, RealData.REFHYDRO, RealData.OSM_REDON})
    void geoJsonOfEveryRealLayerRoundTripsThroughGpkg(String file) {
        Path gpkg = RealData.file(file);
        Assumptions.assumeTrue(Files.isExecutable(OGR2OGR), "ogr2ogr absent");
        Path mid = tmp.resolve("from-geojson.gpkg");
        try (GpkgDataset source = GpkgDataset.open(gpkg)) {
            // GeoJSON made by GDAL (WGS84) → GPKG in Lambert-93, every layer
            try (GpkgWriter w = GpkgWriter.create(mid)) {
                for (String layer : source.layerNames()) {
                    Path json = tmp.resolve(layer + ".geojson");
                    ogr2ogr(List.of("-f", "GeoJSON", "-lco", "RFC7946=YES", "-lco", "COORDINATE_PRECISION=15", json.toString(), gpkg.toString(), layer));
                    try (Dataset l93 = new ReprojectingDataset(Datasets.open(json), CrsResolver.epsg(2154))) {
                        assertEquals(4326, ((ReprojectingDataset) l93).source().schema(layer).crs().code());
                        copyLayer(l93, layer, l93.schema(layer), w);
                    }
                }
                w.commit();
            }
            Gdal.Result v = Gdal.validateGpkg(mid);
            assertEquals(0, v.exitCode(), file + ": " + v.output());
            try (GpkgDataset written = GpkgDataset.open(mid)) {
                for (String layer : source.layerNames()) {
                    compare(source, layer, written, layer, REPROJECTED_TOLERANCE_M, false);
                    // → GeoJSON again (bdfsync's writer), read back, compared with the original
                    Path out = tmp.resolve(layer + ".out.geojson");
                    GeoJsonWriter.write(written, layer, out);
                    try (Dataset again = new ReprojectingDataset(Datasets.open(out), CrsResolver.epsg(2154))) {
                        compare(source, layer, again, layer, REPROJECTED_TOLERANCE_M, false);
                    }
                    Gdal.Result info = Gdal.run(List.of("/usr/bin/ogrinfo", "-ro", "-so", "-al", out.toString()));
                    assertTrue(info.output().contains("Feature Count: " + source.count(layer)), info.output());
                }
            }
        }
    }

    private static void copyLayer(Dataset d, String layer, Schema schema, GpkgWriter w) {
        GpkgWriter.LayerWriter lw = w.addLayer(schema);
        try (FeatureCursor c = d.read(layer)) {
            c.forEachRemaining(lw::write);
        }
    }

    private static void ogr2ogr(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(OGR2OGR.toString());
        cmd.addAll(args);
        Gdal.Result r = Gdal.run(cmd);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + "\n" + r.output());
    }

    /**
     * Every feature of the GeoPackage layer, in order, against the converted one: attributes by position (a
     * Shapefile truncates names), values after the conversions GDAL makes (booleans as 0/1, empty strings as
     * null, date-times as text), geometries vertex for vertex.
     */
    static void compare(GpkgDataset expected, String layer, Dataset actual, String actualLayer, double tolerance, boolean latin1) {
        Schema es = expected.schema(layer);
        Schema as = actual.schema(actualLayer);
        assertEquals(es.fields().size(), as.fields().size(), layer + " field count");
        List<Feature> fe = all(expected, layer);
        List<Feature> fa = all(actual, actualLayer);
        assertEquals(fe.size(), fa.size(), layer + " feature count");
        for (int i = 0; i < fe.size(); i++) {
            String where = expected.path().getFileName() + " " + layer + " fid " + fe.get(i).fid();
            for (int k = 0; k < es.fields().size(); k++) {
                Field f = es.fields().get(k);
                Object a = normalise(fe.get(i).value(k), f.type(), latin1);
                Object b = normalise(fa.get(i).value(k), f.type(), false);
                if (f.type() == FieldType.DATETIME && as.fields().get(k).type() == FieldType.DATE && a != null) {
                    a = a.toString().substring(0, 10); // GDAL writes date-times to a Shapefile as D fields: the time is lost
                }
                if (a instanceof Double && b instanceof Double) {
                    double x = (Double) a, y = (Double) b;
                    if (Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x))) fail(where + " " + f.name() + ": " + x + " vs " + y);
                } else if (!java.util.Objects.equals(a, b)) {
                    fail(where + " " + f.name() + ": '" + a + "' vs '" + b + "'");
                }
            }
            assertSameGeometry(fe.get(i).geometry() == null ? null : fe.get(i).geometry().geometry(),
                    fa.get(i).geometry() == null ? null : fa.get(i).geometry().geometry(), tolerance, where);
        }
    }

    private static Object normalise(Object v, FieldType type, boolean latin1) {
        if (v instanceof Boolean) return ((Boolean) v) ? 1.0 : 0.0;
        if (v instanceof Number) return ((Number) v).doubleValue();
        if (v instanceof String) {
            String s = (String) v;
            if (s.isEmpty()) return null;
            if (type == FieldType.DATETIME) s = s.replace('/', '-').replace(' ', 'T').replaceAll("(\\.000)?Z?$", "");
            if (latin1) s = new String(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.ISO_8859_1);
            return s;
        }
        return v;
    }
}
