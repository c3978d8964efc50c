package fr.bdfsync.core.io;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.crs.AssumedCrsDataset;
import fr.bdfsync.core.io.crs.CrsResolver;
import fr.bdfsync.core.io.geojson.GeoJsonDataset;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.shp.ShapefileDataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens any supported source by its extension (.gpkg, .shp, .geojson, .json), checking that its content is
 * what the extension says, and that every geometry layer has a CRS bdfsync can use: a source that declares
 * none is refused ({@link fr.bdfsync.core.ExitCode#CRS}) unless the caller names one in {@link OpenOptions}.
 */
public final class Datasets {
    private Datasets() {
    }

    /** Opens a dataset read-only with default options. */
    public static Dataset open(Path path) {
        return open(path, OpenOptions.DEFAULT);
    }

    /** Opens a dataset read-only. Unknown formats, missing files, corrupt files and missing CRSs give a {@link BdfsyncException}. */
    public static Dataset open(Path path, OpenOptions options) {
        if (!Files.exists(path)) throw BdfsyncException.notFound(path, "no such file");
        if (!Files.isRegularFile(path)) throw BdfsyncException.invalid(path, null, null, "not a regular file");
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Dataset d;
        if (name.endsWith(".gpkg")) d = GpkgDataset.open(path);
        else if (name.endsWith(".shp")) d = ShapefileDataset.open(path, options);
        else if (name.endsWith(".geojson") || name.endsWith(".json")) d = GeoJsonDataset.open(path);
        else throw BdfsyncException.invalid(path, null, null, "unsupported format (expected .gpkg, .shp, .geojson or .json)");
        try {
            if (options.assumedCrs() != null) d = new AssumedCrsDataset(d, options.assumedCrs());
            checkCrs(d);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Every geometry layer must have a CRS that resolves (throws CRS errors naming file and layer). */
    private static void checkCrs(Dataset d) {
        for (String layer : d.layerNames()) {
            Schema s = d.schema(layer);
            if (s.hasGeometry()) CrsResolver.toProj4j(s.crs(), d.path(), layer);
        }
    }
}
