package fr.bdfsync.core.io;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.gpkg.GpkgDataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens any supported source by its extension, checking its content matches. */
public final class Datasets {
    private Datasets() {
    }

    /** Opens a dataset read-only. Unknown formats, missing files and corrupt files give a {@link BdfsyncException}. */
    public static Dataset open(Path path) {
        if (!Files.exists(path)) throw BdfsyncException.notFound(path, "no such file");
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gpkg")) return GpkgDataset.open(path);
        throw BdfsyncException.invalid(path, null, null, "unsupported format (expected .gpkg)");
    }
}
