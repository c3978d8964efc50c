package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;

import java.nio.file.Path;
import java.util.List;

/**
 * Presents any dataset in a target CRS: each geometry layer's schema carries the target CRS, and each
 * feature's geometry is reprojected as the cursor hands it over (one feature at a time, nothing held).
 * Layers already in the target CRS, and attribute-only layers, pass through untouched (their geometry bytes
 * are not even parsed). Closing this dataset closes the wrapped one.
 */
public final class ReprojectingDataset implements Dataset {
    private final Dataset source;
    private final CrsRef target;

    public ReprojectingDataset(Dataset source, CrsRef target) {
        this.source = source;
        this.target = target;
    }

    public Dataset source() {
        return source;
    }

    public CrsRef target() {
        return target;
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
        return s.hasGeometry() ? s.withCrs(target) : s;
    }

    @Override
    public long count(String layer) {
        return source.count(layer);
    }

    @Override
    public FeatureCursor read(String layer) {
        Schema s = source.schema(layer);
        FeatureCursor cursor = source.read(layer);
        if (!s.hasGeometry()) return cursor;
        Reprojector r = Reprojector.between(s.crs(), target, source.path(), layer);
        if (r.isIdentity()) return cursor;
        return new FeatureCursor() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Feature next() {
                Feature f = cursor.next();
                GeometryValue g = f.geometry();
                return g == null ? f : f.withGeometry(GeometryValue.of(r.reproject(g.geometry())));
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public void close() {
        source.close();
    }
}
