package fr.bdfsync.core.merge;

import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import org.locationtech.jts.geom.Envelope;
import org.sqlite.Function;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.ToDoubleFunction;

/**
 * The SQL functions a GeoPackage's R-tree maintenance triggers call ({@code ST_IsEmpty}, {@code ST_MinX},
 * {@code ST_MaxX}, {@code ST_MinY}, {@code ST_MaxY}: GeoPackage spec, extension gpkg_rtree_index), registered
 * on a connection that edits a GeoPackage written by GDAL or another tool, so its spatial index stays right.
 * They read the envelope from the blob header, parsing the geometry only when the header has none.
 */
final class SpatialFunctions {
    private SpatialFunctions() {
    }

    static void register(Connection c) throws SQLException {
        Function.create(c, "ST_IsEmpty", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                byte[] b = value_blob(0);
                result(b == null || GpkgGeometry.isEmptyFlag(b) ? 1 : 0);
            }
        });
        coordinate(c, "ST_MinX", Envelope::getMinX);
        coordinate(c, "ST_MaxX", Envelope::getMaxX);
        coordinate(c, "ST_MinY", Envelope::getMinY);
        coordinate(c, "ST_MaxY", Envelope::getMaxY);
    }

    private static void coordinate(Connection c, String name, ToDoubleFunction<Envelope> f) throws SQLException {
        Function.create(c, name, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                byte[] b = value_blob(0);
                if (b == null) {
                    result();
                    return;
                }
                Envelope e = GpkgGeometry.headerEnvelope(b);
                if (e == null) e = GeometryValue.ofGpkgBlob(b).geometry().getEnvelopeInternal();
                if (e.isNull()) result();
                else result(f.applyAsDouble(e));
            }
        });
    }
}
