package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.CrsRef;

import java.nio.charset.Charset;

/**
 * How to open a source, when the file alone does not say enough.
 *
 * @param assumedCrs the CRS of a source that declares none (a Shapefile without .prj, a GeoPackage layer with
 *                   an undefined srs) or one bdfsync cannot identify; null refuses such sources. A source whose
 *                   CRS is known keeps it.
 * @param encoding   the character encoding of a Shapefile's .dbf, overriding its .cpg and language driver
 *                   (bytes are then decoded leniently); null reads the declared one, strictly.
 */
public record OpenOptions(CrsRef assumedCrs, Charset encoding) {
    public static final OpenOptions DEFAULT = new OpenOptions(null, null);

    public OpenOptions withAssumedCrs(CrsRef crs) {
        return new OpenOptions(crs, encoding);
    }

    public OpenOptions withEncoding(Charset cs) {
        return new OpenOptions(assumedCrs, cs);
    }
}
