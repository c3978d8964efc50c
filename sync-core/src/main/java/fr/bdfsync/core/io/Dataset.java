package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Feature;
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

    /**
     * Streams the features of a layer whose fid is in {@code sortedFids} (ascending), in fid order: a reader that can
     * look rows up by key (GeoPackage) reads only those; the default filters {@link #read(String)}.
     */
    default FeatureCursor read(String layer, long[] sortedFids) {
        FeatureCursor all = read(layer);
        return new FeatureCursor() {
            private Feature next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    Feature f = all.next();
                    if (java.util.Arrays.binarySearch(sortedFids, f.fid()) >= 0) next = f;
                }
                return next != null;
            }

            @Override
            public Feature next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                Feature f = next;
                next = null;
                return f;
            }

            @Override
            public void close() {
                all.close();
            }
        };
    }

    @Override
    void close();
}
