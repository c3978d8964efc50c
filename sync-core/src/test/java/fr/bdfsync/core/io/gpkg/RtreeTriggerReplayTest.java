package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.feature.IsoWkb;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same random writes on two copies of a GDAL-made GeoPackage (R-tree and feature-count triggers), one with its
 * triggers running on {@link GpkgSqlFunctions}, one with {@link RtreeTriggerReplay}: the R-tree tables (node pages
 * included), the feature counts and {@code sqlite_master} (triggers in their order) come out identical.
 */
class RtreeTriggerReplayTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @TempDir
    Path dir;

    private Path gdalFile(int n) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/ogr2ogr")), "gdal-bin not installed");
        StringBuilder csv = new StringBuilder("id,WKT\n");
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) csv.append(i).append(",\"").append(line(rnd).toText()).append("\"\n");
        Path in = dir.resolve("lines.csv");
        Files.writeString(in, csv);
        Path out = dir.resolve("gdal.gpkg");
        Gdal.Result r = Gdal.run(List.of("/usr/bin/ogr2ogr", "-f", "GPKG", out.toString(), in.toString(), "-nln", "lines", "-a_srs", "EPSG:2154",
                "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-nlt", "LINESTRING"));
        assertEquals(0, r.exitCode(), r.output());
        return out;
    }

    private static LineString line(Random rnd) {
        double x = 600000 + rnd.nextDouble() * 1000, y = 6500000 + rnd.nextDouble() * 1000;
        Coordinate[] cs = new Coordinate[2 + rnd.nextInt(5)];
        for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(x + rnd.nextDouble() * 50, y + rnd.nextDouble() * 50);
        return GF.createLineString(cs);
    }

    private static byte[] blob(Random rnd) {
        int k = rnd.nextInt(20);
        if (k == 0) return null;
        if (k == 1) return GpkgGeometry.encode(IsoWkb.write(GF.createLineString()), GF.createLineString(), 2154); // empty
        LineString l = line(rnd);
        return GpkgGeometry.encode(IsoWkb.write(l), l, 2154);
    }

    /** Random inserts, geometry and attribute updates, deletes, the same on both files (same seed). */
    private static void write(Connection c, RtreeTriggerReplay replay) throws SQLException {
        RtreeTriggerReplay.Layer rt = replay == null ? null : replay.layer("lines");
        Random rnd = new Random(42);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO lines (id, geom) VALUES (?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE lines SET id = ?, geom = ? WHERE fid = ?");
             PreparedStatement del = c.prepareStatement("DELETE FROM lines WHERE fid = ?");
             PreparedStatement old = c.prepareStatement("SELECT geom FROM lines WHERE fid = ?")) {
            for (int i = 0; i < 3000; i++) {
                int op = rnd.nextInt(10);
                long fid = 1 + rnd.nextInt(600);
                byte[] b = blob(rnd);
                if (op == 0) {
                    ins.setLong(1, 10000 + i);
                    ins.setBytes(2, b);
                    Statements.runOnce(ins);
                    if (rt != null) rt.inserted(b);
                    continue;
                }
                boolean exists, had;
                old.setLong(1, fid);
                try (ResultSet rs = old.executeQuery()) {
                    exists = rs.next();
                    had = exists && rs.getBytes(1) != null;
                }
                if (!exists) continue; // the writer reports rows it wrote (a trigger fires on a row only)
                if (op == 1) {
                    del.setLong(1, fid);
                    Statements.runOnce(del);
                    if (rt != null) rt.deleted(fid, had);
                } else {
                    upd.setLong(1, i);
                    upd.setBytes(2, b);
                    upd.setLong(3, fid);
                    Statements.runOnce(upd);
                    if (rt != null) rt.updated(fid, b);
                }
            }
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    sb.append(v instanceof byte[] ? Arrays.toString((byte[]) v) : String.valueOf(v)).append('|');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static List<String> state(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        out.addAll(rows(c, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql NOT NULL ORDER BY rowid"));
        out.addAll(rows(c, "SELECT * FROM rtree_lines_geom_node ORDER BY nodeno"));
        out.addAll(rows(c, "SELECT * FROM rtree_lines_geom_rowid ORDER BY rowid"));
        out.addAll(rows(c, "SELECT * FROM rtree_lines_geom_parent ORDER BY nodeno"));
        out.addAll(rows(c, "SELECT * FROM gpkg_ogr_contents"));
        out.addAll(rows(c, "SELECT * FROM lines ORDER BY fid"));
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Test
    void sameFileAsTheTriggers() throws Exception {
        Path gdal = gdalFile(600);
        Path a = dir.resolve("a.gpkg"), b = dir.resolve("b.gpkg");
        Files.copy(gdal, a, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(gdal, b, StandardCopyOption.REPLACE_EXISTING);
        List<String> before;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a)) {
            before = rows(c, "SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid");
            GpkgSqlFunctions.register(c);
            c.setAutoCommit(false);
            write(c, null);
            c.commit();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + b)) {
            c.setAutoCommit(false);
            RtreeTriggerReplay replay = RtreeTriggerReplay.suspend(c);
            assertNotNull(replay, "GDAL's triggers are taken over");
            // no R-tree trigger left while writing, the feature-count ones still there
            List<String> during = rows(c, "SELECT name FROM sqlite_master WHERE type = 'trigger'");
            assertTrue(during.stream().noneMatch(n -> n.startsWith("rtree_")), during.toString());
            assertTrue(during.stream().anyMatch(n -> n.contains("feature_count")), during.toString());
            write(c, replay);
            replay.restore();
            c.commit();
            assertEquals(before, rows(c, "SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid"));
            assertEquals(List.of("ok|"), rows(c, "PRAGMA integrity_check"));
            assertEquals(List.of("ok|"), rows(c, "SELECT rtreecheck('rtree_lines_geom')"));
        }
        try (Connection ca = DriverManager.getConnection("jdbc:sqlite:" + a); Connection cb = DriverManager.getConnection("jdbc:sqlite:" + b)) {
            List<String> sa = state(ca), sb = state(cb);
            assertTrue(sa.size() > 600, "rows compared: " + sa.size());
            for (int i = 0; i < Math.min(sa.size(), sb.size()); i++) {
                if (!sa.get(i).equals(sb.get(i))) {
                    throw new AssertionError("row " + i + " differs:\n" + abbreviate(sa.get(i)) + "\n" + abbreviate(sb.get(i)));
                }
            }
            assertEquals(sa.size(), sb.size());
        }
    }

    @Test
    void triggersOtherThanTheSpecificationsStay() throws Exception {
        Path gdal = gdalFile(5);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gdal); Statement st = c.createStatement()) {
            // one of the six rewritten (writes another table too): nothing is taken over, nothing dropped
            st.execute("CREATE TABLE log (id INTEGER)");
            st.execute("DROP TRIGGER rtree_lines_geom_delete");
            st.execute("CREATE TRIGGER rtree_lines_geom_delete AFTER DELETE ON lines WHEN old.geom NOT NULL BEGIN "
                    + "DELETE FROM rtree_lines_geom WHERE id = OLD.fid; INSERT INTO log VALUES (OLD.fid); END");
            List<String> before = rows(c, "SELECT name, sql FROM sqlite_master ORDER BY rowid");
            assertNull(RtreeTriggerReplay.suspend(c));
            assertEquals(before, rows(c, "SELECT name, sql FROM sqlite_master ORDER BY rowid"));
            // an index after the triggers: taking them over would move them in sqlite_master
            st.execute("DROP TRIGGER rtree_lines_geom_delete");
            st.execute("CREATE TRIGGER rtree_lines_geom_delete AFTER DELETE ON lines WHEN old.geom NOT NULL BEGIN "
                    + "DELETE FROM rtree_lines_geom WHERE id = OLD.fid; END");
            st.execute("CREATE INDEX lines_id ON lines (id)");
            before = rows(c, "SELECT name, sql FROM sqlite_master ORDER BY rowid");
            assertNull(RtreeTriggerReplay.suspend(c));
            assertEquals(before, rows(c, "SELECT name, sql FROM sqlite_master ORDER BY rowid"));
        }
    }

    @Test
    void specificationTextMatchesWhateverTheSpacingCaseAndQuotes() {
        String gdal = "CREATE TRIGGER \"rtree_t_geom_insert\" AFTER INSERT ON \"t\" WHEN (new.\"geom\" NOT NULL AND NOT ST_IsEmpty(NEW.\"geom\"))\n"
                + "BEGIN\n  INSERT OR REPLACE INTO \"rtree_t_geom\" VALUES (NEW.\"fid\", ST_MinX(NEW.\"geom\"), ST_MaxX(NEW.\"geom\"), "
                + "ST_MinY(NEW.\"geom\"), ST_MaxY(NEW.\"geom\"));\nEND";
        String spec = "CREATE TRIGGER rtree_t_geom_insert AFTER INSERT ON t\n  WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))\nBEGIN\n"
                + "  INSERT OR REPLACE INTO rtree_t_geom VALUES (\n    NEW.fid,\n    ST_MinX(NEW.geom), ST_MaxX(NEW.geom),\n"
                + "    ST_MinY(NEW.geom), ST_MaxY(NEW.geom)\n  );\nEND";
        String expected = RtreeTriggerReplay.normal(RtreeTriggerReplay.expected("insert", "t", "geom", "fid"));
        assertEquals(expected, RtreeTriggerReplay.normal(gdal));
        assertEquals(expected, RtreeTriggerReplay.normal(spec));
        // another column is another trigger
        assertTrue(!expected.equals(RtreeTriggerReplay.normal(spec.replace("NEW.fid", "NEW.id"))));
    }
}
