package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.ForwardingDataset;

/**
 * Presents a dataset whose geometry layers declare no CRS, or one bdfsync cannot identify, with the CRS the
 * user named for it (coordinates are not touched: the user says what they already are). Layers whose CRS is
 * known keep it.
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
        return s.hasGeometry() && !resolvable(s) ? s.withCrs(assumed) : s;
    }

    private boolean resolvable(Schema s) {
        if (s.crs() == null || s.crs().isUndefined()) return false;
        try {
            CrsResolver.toProj4j(s.crs(), source.path(), s.layer());
            return true;
        } catch (BdfsyncException e) {
            if (e.exitCode() == ExitCode.CRS) return false;
            throw e;
        }
    }
}
