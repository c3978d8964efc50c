package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import fr.bdfsync.core.io.gpkg.GpkgRtree;
import fr.bdfsync.core.io.gpkg.RtreeTriggerReplay;
import fr.bdfsync.core.io.gpkg.Sql;
import fr.bdfsync.core.io.gpkg.Statements;
import org.locationtech.jts.geom.Envelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a layer's GeoPackage R-tree ({@code rtree_<table>_<geom>}) right while apply writes the layer, without
 * its six triggers: they call {@code ST_IsEmpty} and {@code ST_MinX}... back in Java once per bound and per
 * row (one JNI callback and a copy of the blob each). The triggers are dropped at the start, the R-tree rows
 * of the written rows are set here (envelope from the blob header, else from the parsed geometry; the R-tree
 * module rounds them outward to 32-bit floats as the triggers' values are), and the triggers are created again
 * from their own SQL by {@link #restore()}, in the same transaction. The file is a private temporary copy: if
 * anything fails it is deleted, so the triggers are never missing from an output.
 * <p>
 * Only a layer with the R-tree table and all six triggers of the GeoPackage spec, each with the specification's text
 * for the layer, its geometry column and its primary key (checked by {@link RtreeTriggerReplay#isSpecTrigger}, which
 * accepts GDAL's and NGA's spelling), is handled so; any other layer keeps its triggers ({@link #NONE}), which then run
 * on {@code GpkgSqlFunctions}. This class and {@link RtreeTriggerReplay} stay two: the replay rewrites every entry as
 * the triggers would, so that the R-tree's pages come out identical to the triggers' (the sync's outputs), while apply
 * leaves an entry that already holds the new box alone (fewer pages written, same index rows).
 */
final class SpatialIndex {
    static final SpatialIndex NONE = new SpatialIndex();

    private final Connection c;
    private final Map<String, String> triggers;
    private final PreparedStatement put;
    private final PreparedStatement remove;
    private final PreparedStatement lastRowId;
    private final PreparedStatement box;

    private SpatialIndex() {
        this.c = null;
        this.triggers = Map.of();
        this.put = null;
        this.remove = null;
        this.lastRowId = null;
        this.box = null;
    }

    private SpatialIndex(Connection c, String rtree, Map<String, String> triggers) throws SQLException {
        this.c = c;
        this.triggers = triggers;
        this.put = c.prepareStatement("INSERT OR REPLACE INTO " + Sql.id(rtree) + " VALUES (?, ?, ?, ?, ?)");
        this.remove = c.prepareStatement("DELETE FROM " + Sql.id(rtree) + " WHERE id = ?");
        this.lastRowId = c.prepareStatement("SELECT last_insert_rowid()");
        this.box = c.prepareStatement("SELECT minx, maxx, miny, maxy FROM " + Sql.id(rtree) + " WHERE id = ?");
    }

    /** Drops the R-tree triggers of a layer and returns the index that replaces them, or {@link #NONE}. */
    static SpatialIndex suspend(Connection c, Schema schema) throws SQLException {
        if (!schema.hasGeometry()) return NONE;
        String rtree = GpkgRtree.name(schema);
        String pk = schema.primaryKey();
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, sql FROM sqlite_master WHERE type = ? AND name = ?")) {
            ps.setString(1, "table");
            ps.setString(2, rtree);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return NONE;
            }
            for (String t : RtreeTriggerReplay.kinds()) {
                ps.setString(1, "trigger");
                ps.setString(2, rtree + "_" + t);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return NONE;
                    String sql = rs.getString(2);
                    // exactly the specification's trigger (as GDAL, NGA and the spec write it): what set() reproduces
                    if (pk == null || !RtreeTriggerReplay.isSpecTrigger(sql, t, schema.layer(), schema.geometryColumn(), pk)) return NONE;
                    found.put(rs.getString(1), sql);
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : found.keySet()) st.execute("DROP TRIGGER " + Sql.id(name));
        }
        return new SpatialIndex(c, rtree, found);
    }

    /** A row was deleted. */
    void deleted(long rowId) throws SQLException {
        if (c == null) return;
        remove.setLong(1, rowId);
        Statements.runOnce(remove);
    }

    /**
     * The geometry of a row was set (update of the geometry). When the R-tree already holds, for this row, exactly the
     * box the trigger would write (the new envelope rounded outward to 32-bit floats as the R-tree module rounds it),
     * nothing is written: the trigger's {@code INSERT OR REPLACE} would delete the entry and insert the same values
     * again, rewriting R-tree nodes for no change of the index's content (a geometry edit that keeps its bounding box:
     * a moved inner vertex, a reversed line).
     */
    void written(long rowId, GeometryValue geometry) throws SQLException {
        if (c == null) return;
        Envelope e = envelope(geometry);
        if (e == null) {
            remove.setLong(1, rowId);
            Statements.runOnce(remove);
            return;
        }
        if (holds(rowId, e)) return;
        put(rowId, e);
    }

    private void put(long rowId, Envelope e) throws SQLException {
        put.setLong(1, rowId);
        put.setDouble(2, e.getMinX());
        put.setDouble(3, e.getMaxX());
        put.setDouble(4, e.getMinY());
        put.setDouble(5, e.getMaxY());
        Statements.runOnce(put);
    }

    /** True when the R-tree entry of {@code rowId} is exactly the box the R-tree module would store for {@code e}. */
    private boolean holds(long rowId, Envelope e) throws SQLException {
        box.setLong(1, rowId);
        try (ResultSet rs = box.executeQuery()) {
            return rs.next() && rs.getDouble(1) == RtreeRounding.down(e.getMinX()) && rs.getDouble(2) == RtreeRounding.up(e.getMaxX())
                    && rs.getDouble(3) == RtreeRounding.down(e.getMinY()) && rs.getDouble(4) == RtreeRounding.up(e.getMaxY());
        }
    }

    /** A row was just inserted with this geometry (its row id is the connection's last one). */
    void inserted(GeometryValue geometry) throws SQLException {
        if (c == null) return;
        Envelope e = envelope(geometry);
        if (e == null) return;
        long rowId;
        try (ResultSet rs = lastRowId.executeQuery()) {
            rs.next();
            rowId = rs.getLong(1);
        }
        put(rowId, e);
    }

    /** Null for a null or empty geometry (the triggers index neither). */
    private static Envelope envelope(GeometryValue g) {
        if (g == null) return null;
        byte[] blob = g.storedBytes();
        if (g.wkbOffset() > 0 && GpkgGeometry.isEmptyFlag(blob)) return null;
        Envelope e = g.envelope();
        return e.isNull() ? null : e;
    }

    /** Creates the triggers again, exactly as they were. */
    void restore() throws SQLException {
        if (c == null) return;
        put.close();
        remove.close();
        lastRowId.close();
        box.close();
        try (Statement st = c.createStatement()) {
            for (String sql : new ArrayList<>(triggers.values())) st.execute(sql);
        }
    }
}
