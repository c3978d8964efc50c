package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.io.crs.CrsResolver;
import fr.bdfsync.core.io.crs.ReprojectingDataset;
import fr.bdfsync.core.io.geojson.GeoJsonWriter;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Re-runnable read/write benchmark, not a test (skipped unless asked for):
 * <pre>
 * mvn -B -q test -pl sync-core -Dtest=IoBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbdfsync.bench.gpkg=/work/bench-data/n100000/base.gpkg -Dbdfsync.bench.layer=zone_de_vegetation
 * </pre>
 * Converts the layer with ogr2ogr to Shapefile and GeoJSON in a scratch folder (outside the timing), then times
 * bdfsync streaming every feature of each (geometries parsed), the reprojection to WGS84, and the GeoJSON writer.
 */
@EnabledIfSystemProperty(named = "bdfsync.bench.gpkg", matches = ".+")
class IoBenchmark {

    @Test
    void readAndWrite() throws Exception {
        Path gpkg = Path.of(System.getProperty("bdfsync.bench.gpkg"));
        String layer = System.getProperty("bdfsync.bench.layer", "zone_de_vegetation");
        Path dir = Files.createTempDirectory("bdfsync-io-bench");
        Path shp = dir.resolve(layer + ".shp");
        Path json = dir.resolve(layer + ".geojson");
        Gdal.run(List.of("/usr/bin/ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", shp.toString(), gpkg.toString(), layer));
        Gdal.run(List.of("/usr/bin/ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=YES", "-lco", "COORDINATE_PRECISION=15",
                json.toString(), gpkg.toString(), layer));
        long n;
        try (Dataset d = Datasets.open(gpkg)) {
            n = d.count(layer);
        }
        System.out.printf("%s %s: %d features; shp %d MB, geojson %d MB%n", gpkg.getFileName(), layer, n,
                (Files.size(shp) + Files.size(dir.resolve(layer + ".dbf"))) >> 20, Files.size(json) >> 20);
        for (int run = 1; run <= 2; run++) {
            time("gpkg read+parse", () -> readAll(Datasets.open(gpkg), layer), n);
            time("shp  read+parse", () -> readAll(Datasets.open(shp), layer), n);
            time("json read+parse", () -> readAll(Datasets.open(json), layer), n);
            time("gpkg -> WGS84 reprojected", () -> readAll(new ReprojectingDataset(Datasets.open(gpkg), CrsResolver.epsg(4326)), layer), n);
            Path out = dir.resolve("out.geojson");
            time("gpkg -> GeoJSON file", () -> {
                try (Dataset d = Datasets.open(gpkg)) {
                    return GeoJsonWriter.write(d, layer, out);
                }
            }, n);
        }
        for (Path p : Files.list(dir).toList()) Files.delete(p);
        Files.delete(dir);
    }

    private interface Job {
        long run() throws Exception;
    }

    private static long readAll(Dataset d, String layer) {
        long count = 0;
        long points = 0;
        try (d; FeatureCursor c = d.read(layer)) {
            while (c.hasNext()) {
                Feature f = c.next();
                if (f.geometry() != null) points += f.geometry().geometry().getNumPoints();
                count++;
            }
        }
        return points > 0 ? count : count;
    }

    private static void time(String what, Job job, long expected) throws Exception {
        long t0 = System.nanoTime();
        long n = job.run();
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(expected, n, what);
        System.out.printf("  %-28s %8.2f s  %9.0f features/s%n", what, s, n / s);
    }
}
