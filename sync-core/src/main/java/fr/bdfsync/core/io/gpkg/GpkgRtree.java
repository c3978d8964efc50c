package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.feature.Schema;
import org.locationtech.jts.geom.Envelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A layer's GeoPackage R-tree spatial index (extension {@code gpkg_rtree_index}, table {@code rtree_<table>_<column>}):
 * its name, whether the file has it, and a scan of its bounds (five numbers a row, no geometry read; the bounds are
 * float32 values rounded outwards, so a box query on them returns every feature it should, and maybe a few more).
 */
public final class GpkgRtree {
    private GpkgRtree() {
    }

    /** One row of the index: the feature's fid and its bounds. */
    @FunctionalInterface
    public interface BoundsSink {
        void accept(long fid, Envelope bounds);
    }

    /** The R-tree table name the GeoPackage specification gives a layer's geometry column. */
    public static String name(Schema s) {
        return "rtree_" + s.layer() + "_" + s.geometryColumn();
    }

    /** The layer's R-tree table when registered in {@code gpkg_extensions} and present, else null. */
    public static String find(Connection c, Schema s) {
        if (!s.hasGeometry()) return null;
        String name = name(s);
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM gpkg_extensions e JOIN sqlite_master m ON m.name = ? "
                + "WHERE lower(e.table_name) = lower(?) AND lower(e.column_name) = lower(?) AND e.extension_name = 'gpkg_rtree_index'")) {
            ps.setString(1, name);
            ps.setString(2, s.layer());
            ps.setString(3, s.geometryColumn());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0 ? name : null;
            }
        } catch (SQLException e) {
            return null; // no gpkg_extensions table: no registered index
        }
    }

    /** Every row of the R-tree table {@code rtree} (from {@link #find}), in the table's order. */
    public static void scan(Connection c, String rtree, BoundsSink sink) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setFetchSize(8192);
            try (ResultSet rs = st.executeQuery("SELECT id, minx, maxx, miny, maxy FROM " + Sql.id(rtree))) {
                while (rs.next()) sink.accept(rs.getLong(1), new Envelope(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
            }
        }
    }
}
