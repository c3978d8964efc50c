package fr.bdfsync.core.io;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.Schema;

import java.nio.file.Path;

/** The one layer of a single-layer source (a Shapefile, a GeoJSON file): looked up by name, or NOT_FOUND. */
public record SingleLayer(Path file, Schema schema) {

    /** The schema when {@code layer} is this layer's name; else a NOT_FOUND error naming the file and the layer it has. */
    public Schema require(String layer) {
        if (!schema.layer().equals(layer)) {
            throw new BdfsyncException(ExitCode.NOT_FOUND, BdfsyncException.where(file, layer, null, "no such layer (layer: " + schema.layer() + ")"));
        }
        return schema;
    }

    /** The base name of a file, without its extension: the layer name of a single-layer source. */
    public static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
