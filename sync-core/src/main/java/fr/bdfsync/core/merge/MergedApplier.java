package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.IsoWkb;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.gpkg.RtreeTriggerReplay;
import fr.bdfsync.core.io.gpkg.Sql;
import fr.bdfsync.core.io.gpkg.Statements;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * Applies a layer's merge to a copy of the local GeoPackage: updates the rows whose merged values or geometry
 * differ from the local ones (by primary key), deletes the objects the merge removed, inserts the national
 * creations it took, and widens the layer's extent in {@code gpkg_contents}. Everything else in the file
 * (other layers, unchanged rows, indexes, metadata) is the local file's, byte for byte. The GeoPackage's
 * R-tree triggers run through {@link fr.bdfsync.core.io.gpkg.GpkgSqlFunctions}, or are done from Java in the same order
 * ({@link RtreeTriggerReplay}) when the file's triggers allow it.
 */
final class MergedApplier {
    private final Path file;
    private final Connection c;
    private final RtreeTriggerReplay rtree;

    /** @param rtree the R-tree triggers of the file done from Java ({@link RtreeTriggerReplay}), or null: the triggers run */
    MergedApplier(Path file, Connection c, RtreeTriggerReplay rtree) {
        this.file = file;
        this.c = c;
        this.rtree = rtree;
    }

    int apply(LayerMerge m) {
        Schema s = m.local().schema();
        String pk = s.primaryKey() != null ? s.primaryKey() : "rowid";
        String t = Sql.id(s.layer());
        List<Field> fields = s.fields();
        StringBuilder set = new StringBuilder();
        StringBuilder cols = new StringBuilder();
        StringBuilder qs = new StringBuilder();
        for (Field f : fields) {
            set.append(set.length() == 0 ? "" : ", ").append(Sql.id(f.name())).append(" = ?");
            cols.append(cols.length() == 0 ? "" : ", ").append(Sql.id(f.name()));
            qs.append(qs.length() == 0 ? "?" : ", ?");
        }
        if (s.hasGeometry()) {
            set.append(", ").append(Sql.id(s.geometryColumn())).append(" = ?");
            cols.append(", ").append(Sql.id(s.geometryColumn()));
            qs.append(", ?");
        }
        int srs = s.crs() == null ? -1 : s.crs().srsId();
        Envelope extent = new Envelope();
        int written = 0;
        RtreeTriggerReplay.Layer rt = rtree == null || !s.hasGeometry() ? null : rtree.layer(s.layer());
        try (PreparedStatement upd = c.prepareStatement("UPDATE " + t + " SET " + set + " WHERE " + Sql.id(pk) + " = ?");
             PreparedStatement del = c.prepareStatement("DELETE FROM " + t + " WHERE " + Sql.id(pk) + " = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO " + t + " (" + cols + ") VALUES (" + qs + ")")) {
            for (FeatureMerge fm : m.merges().values()) {
                Feature l = fm.local();
                if (l != null && !fm.present()) {
                    del.setLong(1, l.fid());
                    Statements.runOnce(del);
                    if (rt != null) rt.deleted(l.fid(), l.geometry() != null);
                    written++;
                } else if (fm.present() && (l == null || changed(fm, l))) {
                    PreparedStatement ps = l == null ? ins : upd;
                    byte[] blob = s.hasGeometry() && fm.geometry() != null ? blob(fm.geometry(), s, srs) : null;
                    int i = bind(ps, s, fm, blob, extent);
                    if (l != null) ps.setLong(i, l.fid());
                    Statements.runOnce(ps);
                    if (rt != null && l == null) rt.inserted(blob);
                    else if (rt != null) rt.updated(l.fid(), blob);
                    written++;
                }
            }
            if (!extent.isNull()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), "
                        + "min_y = min(coalesce(min_y, ?), ?), max_x = max(coalesce(max_x, ?), ?), max_y = max(coalesce(max_y, ?), ?) "
                        + "WHERE lower(table_name) = ?")) {
                    double[] v = {extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()};
                    for (int i = 0; i < 4; i++) {
                        ps.setDouble(2 * i + 1, v[i]);
                        ps.setDouble(2 * i + 2, v[i]);
                    }
                    ps.setString(9, s.layer().toLowerCase(Locale.ROOT));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw BdfsyncException.output(file, "layer '" + s.layer() + "': cannot apply the merge: " + e.getMessage(), e);
        }
        return written;
    }

    private static boolean changed(FeatureMerge fm, Feature l) {
        for (int i = 0; i < fm.values().length; i++) if (!Values.same(fm.values()[i], l.value(i))) return true;
        GeometryValue a = fm.geometry(), b = l.geometry();
        if (a == b) return false;
        return a == null || b == null || !a.sameWkb(b);
    }

    /** Binds the merged values and geometry; returns the next parameter index. */
    private static int bind(PreparedStatement ps, Schema s, FeatureMerge fm, byte[] blob, Envelope extent) throws SQLException {
        int i = 1;
        for (Object v : fm.values()) {
            if (v == null) ps.setNull(i, Types.NULL);
            else if (v instanceof Boolean) ps.setInt(i, ((Boolean) v) ? 1 : 0);
            else if (v instanceof byte[]) ps.setBytes(i, (byte[]) v);
            else if (v instanceof Long || v instanceof Integer) ps.setLong(i, ((Number) v).longValue());
            else if (v instanceof Number) ps.setDouble(i, ((Number) v).doubleValue());
            else ps.setString(i, v.toString());
            i++;
        }
        if (s.hasGeometry()) {
            GeometryValue g = fm.geometry();
            if (g == null) {
                ps.setNull(i++, Types.BLOB);
            } else {
                ps.setBytes(i++, blob);
                extent.expandToInclude(g.envelope());
            }
        }
        return i;
    }

    private static byte[] blob(GeometryValue g, Schema s, int srs) {
        if (g.wkbOffset() > 0 && !g.isParsed() && GpkgGeometry.srsId(g.storedBytes()) == srs) return g.storedBytes();
        Geometry geom = g.geometry();
        return GpkgGeometry.encode(IsoWkb.write(geom, s.hasZ(), s.hasM()), geom, srs);
    }
}
