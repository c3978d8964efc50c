package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AbstractFeatureCursor;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.ForwardingDataset;

/**
 * Presents any dataset in a target CRS: each geometry layer's schema carries the target CRS, and each
 * feature's geometry is reprojected as the cursor hands it over (one feature at a time, nothing held).
 * Layers already in the target CRS, and attribute-only layers, pass through untouched (their geometry bytes
 * are not even parsed). Closing this dataset closes the wrapped one.
 */
public final class ReprojectingDataset extends ForwardingDataset {
    private final CrsRef target;

    public ReprojectingDataset(Dataset source, CrsRef target) {
        super(source);
        this.target = target;
    }

    public CrsRef target() {
        return target;
    }

    @Override
    public Schema schema(String layer) {
        Schema s = source.schema(layer);
        return s.hasGeometry() ? s.withCrs(target) : s;
    }

    @Override
    public FeatureCursor read(String layer) {
        Schema s = source.schema(layer);
        if (!s.hasGeometry()) return source.read(layer);
        Reprojector r = Reprojector.between(s.crs(), target, source.path(), layer);
        FeatureCursor cursor = source.read(layer);
        if (r.isIdentity()) return cursor;
        return new AbstractFeatureCursor() {
            @Override
            protected Feature fetch() {
                if (!cursor.hasNext()) return null;
                Feature f = cursor.next();
                GeometryValue g = f.geometry();
                return g == null ? f : f.withGeometry(GeometryValue.of(r.reproject(g.geometry())));
            }

            @Override
            protected void release() {
                cursor.close();
            }
        };
    }
}
