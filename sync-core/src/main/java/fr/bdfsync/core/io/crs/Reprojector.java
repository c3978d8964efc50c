package fr.bdfsync.core.io.crs;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.CrsRef;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.Proj4jException;

import java.nio.file.Path;

/**
 * Reprojects JTS geometries from one CRS to another through proj4j ({@link PreciseTransform}), in place on a copy, x and y only:
 * Z (and M) ordinates are kept as they are. Axis order is always x = easting or longitude, y = northing or
 * latitude, as GeoPackage, Shapefile and GeoJSON store them. Not thread-safe (one scratch coordinate).
 */
public final class Reprojector {
    private final CrsRef source;
    private final CrsRef target;
    private final PreciseTransform transform;
    private final Path file;
    private final String layer;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    private Reprojector(CrsRef source, CrsRef target, PreciseTransform transform, Path file, String layer) {
        this.source = source;
        this.target = target;
        this.transform = transform;
        this.file = file;
        this.layer = layer;
    }

    /** A reprojector between two CRSs; {@code file} and {@code layer} name the source in errors. */
    public static Reprojector between(CrsRef source, CrsRef target, Path file, String layer) {
        if (CrsResolver.same(source, target, file, layer)) return new Reprojector(source, target, null, file, layer);
        PreciseTransform t = new PreciseTransform(CrsResolver.toProj4j(source, file, layer), CrsResolver.toProj4j(target, file, layer));
        return new Reprojector(source, target, t, file, layer);
    }

    public CrsRef source() {
        return source;
    }

    public CrsRef target() {
        return target;
    }

    /** True when source and target are the same CRS: geometries pass through untouched. */
    public boolean isIdentity() {
        return transform == null;
    }

    /** The geometry in the target CRS (the same object when {@link #isIdentity()}; else a reprojected copy). */
    public Geometry reproject(Geometry g) {
        if (transform == null || g == null) return g;
        Geometry copy = g.copy();
        copy.apply(new Filter());
        copy.geometryChanged();
        return copy;
    }

    /** Reprojects one x, y pair; returns {x, y}. */
    public double[] reproject(double x, double y) {
        if (transform == null) return new double[]{x, y};
        transformXy(x, y);
        return new double[]{out.x, out.y};
    }

    private void transformXy(double x, double y) {
        in.x = x;
        in.y = y;
        in.z = Double.NaN;
        try {
            transform.transform(in, out);
        } catch (Proj4jException | ArithmeticException e) {
            throw BdfsyncException.crs(file, layer, "cannot reproject (" + x + ", " + y + ") from " + source.label()
                    + " to " + target.label() + ": " + e.getMessage());
        }
        if (!Double.isFinite(out.x) || !Double.isFinite(out.y)) {
            throw BdfsyncException.crs(file, layer, "cannot reproject (" + x + ", " + y + ") from " + source.label()
                    + " to " + target.label() + ": outside the projection's domain");
        }
    }

    private final class Filter implements CoordinateSequenceFilter {
        @Override
        public void filter(CoordinateSequence seq, int i) {
            transformXy(seq.getX(i), seq.getY(i));
            seq.setOrdinate(i, CoordinateSequence.X, out.x);
            seq.setOrdinate(i, CoordinateSequence.Y, out.y);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
