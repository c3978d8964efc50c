package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.BdfsyncException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening a component file of a Shapefile: a buffered stream whose header is parsed, closed again if that fails. */
final class Streams {
    private Streams() {
    }

    /** Parses the header of a freshly opened stream into the reader that will own it. */
    interface HeaderParser<T> {
        T parse(InputStream in) throws IOException;
    }

    static <T> T open(Path path, String layer, HeaderParser<T> parser) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            return parser.parse(in);
        } catch (IOException e) {
            closeQuietly(in);
            throw BdfsyncException.invalid(path, layer, null, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only, or already failing
        }
    }
}
