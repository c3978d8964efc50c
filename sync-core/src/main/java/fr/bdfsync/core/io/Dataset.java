package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Schema;

import java.nio.file.Path;
import java.util.List;

/**
 * A readable source of layers: a GeoPackage, a Shapefile, a GeoJSON file. Features are streamed
 * ({@link #read(String)}); nothing forces a layer into memory.
 */
public interface Dataset extends AutoCloseable {

    Path path();

    /** A short format name: "GPKG", "ESRI Shapefile", "GeoJSON". */
    String format();

    /** Names of the layers, in the source's order. */
    List<String> layerNames();

    /** The schema of a layer; a {@link fr.bdfsync.core.BdfsyncException} with NOT_FOUND if there is none of that name. */
    Schema schema(String layer);

    /** Number of features of a layer. */
    long count(String layer);

    /** Streams the features of a layer, in a stable order (primary key order where there is one). */
    FeatureCursor read(String layer);

    @Override
    void close();
}
