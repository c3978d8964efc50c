package fr.bdfsync.core.io;

import fr.bdfsync.core.feature.Schema;

import java.nio.file.Path;
import java.util.List;

/** A dataset that presents another one, changing what its subclass overrides; closing it closes the source. */
public abstract class ForwardingDataset implements Dataset {
    protected final Dataset source;

    protected ForwardingDataset(Dataset source) {
        this.source = source;
    }

    /** The dataset presented. */
    public Dataset source() {
        return source;
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
        return source.schema(layer);
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
