package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;

import java.nio.file.Path;
import java.util.List;

/**
 * Presents a dataset whose geometry layers declare no CRS with the CRS the user named for it
 * (coordinates are not touched: the user says what they already are). Layers that declare a CRS keep it.
 */
public final class AssumedCrsDataset implements Dataset {
    private final Dataset source;
    private final CrsRef assumed;

    public AssumedCrsDataset(Dataset source, CrsRef assumed) {
        this.source = source;
        this.assumed = assumed;
    }

    @Override
    public Path path() {
        return source.path();
    }

    @Override
    public String format() {
        return source.format();
    }

    @Override
    public List<String> layerNames() {
        return source.layerNames();
    }

    @Override
    public Schema schema(String layer) {
        Schema s = source.schema(layer);
        return s.hasGeometry() && (s.crs() == null || s.crs().isUndefined()) ? s.withCrs(assumed) : s;
    }

    @Override
    public long count(String layer) {
        return source.count(layer);
    }

    @Override
    public FeatureCursor read(String layer) {
        return source.read(layer);
    }

    @Override
    public void close() {
        source.close();
    }
}
