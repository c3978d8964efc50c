package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.feature.GeometryValue;
import org.locationtech.jts.geom.Envelope;
import org.sqlite.Function;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.ToDoubleFunction;

/**
 * The SQL functions the GeoPackage R-tree triggers call ({@code ST_IsEmpty}, {@code ST_MinX}...), registered
 * on a sqlite-jdbc connection so that updates of a national file keep its spatial index right.
 */
public final class GpkgSqlFunctions {
    private GpkgSqlFunctions() {
    }

    /** Registers the functions on a connection that will write rows of a GeoPackage with R-tree triggers. */
    public static void register(Connection c) throws SQLException {
        Function.create(c, "ST_IsEmpty", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                byte[] b = value_blob(0);
                if (b == null) result();
                else result(GpkgGeometry.isEmptyFlag(b) ? 1 : 0);
            }
        });
        bound(c, "ST_MinX", Envelope::getMinX);
        bound(c, "ST_MaxX", Envelope::getMaxX);
        bound(c, "ST_MinY", Envelope::getMinY);
        bound(c, "ST_MaxY", Envelope::getMaxY);
    }

    private static void bound(Connection c, String name, ToDoubleFunction<Envelope> part) throws SQLException {
        Function.create(c, name, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                byte[] b = value_blob(0);
                if (b == null) {
                    result();
                    return;
                }
                Envelope e = GeometryValue.ofGpkgBlob(b).envelope();
                if (e.isNull()) result();
                else result(part.applyAsDouble(e));
            }
        });
    }
}
