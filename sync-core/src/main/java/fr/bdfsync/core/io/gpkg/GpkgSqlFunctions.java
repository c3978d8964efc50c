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
        Bounds bounds = new Bounds();
        Function.create(c, "ST_IsEmpty", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                byte[] b = value_blob(0);
                if (b == null) result();
                else result(GpkgGeometry.isEmptyFlag(b) ? 1 : 0);
            }
        });
        bound(c, "ST_MinX", Envelope::getMinX, bounds);
        bound(c, "ST_MaxX", Envelope::getMaxX, bounds);
        bound(c, "ST_MinY", Envelope::getMinY, bounds);
        bound(c, "ST_MaxY", Envelope::getMaxY, bounds);
    }

    /**
     * The envelope of the last blob asked about: a trigger calls ST_MinX, ST_MaxX, ST_MinY and ST_MaxY in turn
     * on the same geometry, which is then parsed once instead of four times (the blob is compared byte for
     * byte, so a different geometry is never given a stale envelope). One per connection, used by its thread.
     */
    static final class Bounds {
        private byte[] last;
        private Envelope envelope;

        Envelope of(byte[] blob) {
            if (last == null || !java.util.Arrays.equals(last, blob)) {
                envelope = GeometryValue.ofGpkgBlob(blob).envelope();
                last = blob;
            }
            return envelope;
        }
    }

    private static void bound(Connection c, String name, ToDoubleFunction<Envelope> part, Bounds bounds) throws SQLException {
        Function.create(c, name, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                byte[] b = value_blob(0);
                if (b == null) {
                    result();
                    return;
                }
                Envelope e = bounds.of(b);
                if (e.isNull()) result();
                else result(part.applyAsDouble(e));
            }
        });
    }
}
