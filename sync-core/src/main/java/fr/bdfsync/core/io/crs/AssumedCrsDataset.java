package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.ForwardingDataset;

/**
 * Presents a dataset whose geometry layers declare no CRS with the CRS the user named for it
 * (coordinates are not touched: the user says what they already are). Layers that declare a CRS keep it.
 */
public final class AssumedCrsDataset extends ForwardingDataset {
    private final CrsRef assumed;

    public AssumedCrsDataset(Dataset source, CrsRef assumed) {
        super(source);
        this.assumed = assumed;
    }

    @Override
    public Schema schema(String layer) {
        Schema s = source.schema(layer);
        return s.hasGeometry() && (s.crs() == null || s.crs().isUndefined()) ? s.withCrs(assumed) : s;
    }
}
