package fr.bdfsync.core.pkg;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgSqlFunctions;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static fr.bdfsync.core.pkg.PkgFixtures.ALL;
import static fr.bdfsync.core.pkg.PkgFixtures.CREATED;
import static fr.bdfsync.core.pkg.PkgFixtures.HYDRO;
import static fr.bdfsync.core.pkg.PkgFixtures.TERRITORY;
import static fr.bdfsync.core.pkg.PkgFixtures.VEG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apply keeps a national file's GeoPackage R-tree right without its triggers (dropped during the application,
 * created again after): every row's envelope is in the R-tree, nothing else is, the triggers are the national
 * ones, and GDAL's validator accepts the output.
 */
class SpatialIndexTest {
    private static final KeyPair KEYS = Ed25519.generate();

    @TempDir
    Path tmp;

    @Test
    void applyKeepsTheRtreeRightAndRestoresItsTriggers() throws Exception {
        Path national = tmp.resolve("national.gpkg");
        Path local = tmp.resolve("local.gpkg");
        Map<String, Map<String, Feature>> nat = PkgFixtures.national(400, 5);
        PkgFixtures.write(national, nat);
        PkgFixtures.write(local, PkgFixtures.edit(nat, 6));
        for (String layer : List.of(VEG, HYDRO)) addRtree(national, layer);
        Map<String, String> triggersBefore = triggers(national);
        assertEquals(12, triggersBefore.size());

        Path out = tmp.resolve("out.gpkg");
        ApplyReport r = packageAndApply(national, local, out);
        assertTrue(r.applied().get(VEG).get("insert") > 0 && r.applied().get(VEG).get("delete") > 0 && r.applied().get(VEG).get("update") > 0,
                r.applied().toString());
        for (String layer : List.of(VEG, HYDRO)) {
            assertRtreeMatchesRows(out, layer);
            assertRtreeIsTheTriggersOne(out, layer);
        }
        assertEquals(triggersBefore, triggers(out));
        Gdal.Result v = Gdal.validateGpkg(out);
        assertEquals(0, v.exitCode(), v.output());
    }

    /**
     * Geometry updates that keep the stored box (reversed lines, shifts below the float step of 0.5 m at these northings) leave the R-tree
     * entry as it is; the others replace it: the R-tree holds exactly what the triggers would have written for every
     * row of the output (compared value for value with an R-tree filled by the triggers' functions from the rows).
     */
    @Test
    void geometryEditsThatKeepTheBoxLeaveTheEntryAndTheIndexIsExact() throws Exception {
        Path national = tmp.resolve("national.gpkg");
        Path local = tmp.resolve("local.gpkg");
        Map<String, Map<String, Feature>> nat = PkgFixtures.national(300, 11);
        PkgFixtures.write(national, nat);
        Map<String, Map<String, Feature>> edited = new java.util.TreeMap<>();
        for (Map.Entry<String, Map<String, Feature>> e : nat.entrySet()) {
            Map<String, Feature> rows = new java.util.TreeMap<>();
            int i = 0;
            for (Feature f : e.getValue().values()) {
                org.locationtech.jts.geom.Geometry g = f.geometry().geometry().copy();
                switch (i++ % 4) {
                    case 0 -> g = g.reverse();
                    case 1 -> g.apply((org.locationtech.jts.geom.CoordinateFilter) c -> c.y += 0.01);
                    case 2 -> g.apply((org.locationtech.jts.geom.CoordinateFilter) c -> c.y += 5);
                    default -> {
                    }
                }
                g.geometryChanged();
                rows.put((String) f.values()[0], new Feature(f.fid(), f.values(), GeometryValue.of(g)));
            }
            edited.put(e.getKey(), rows);
        }
        PkgFixtures.write(local, edited);
        for (String layer : List.of(VEG, HYDRO)) addRtree(national, layer);
        Map<Long, double[]> before = rtree(national, HYDRO);

        Path out = tmp.resolve("out.gpkg");
        ApplyReport r = packageAndApply(national, local, out);
        assertTrue(r.applied().get(HYDRO).get("update") >= 200, r.applied().toString());
        Map<Long, double[]> after = rtree(out, HYDRO);
        int kept = 0;
        int moved = 0;
        for (Map.Entry<Long, double[]> e : after.entrySet()) {
            if (java.util.Arrays.equals(e.getValue(), before.get(e.getKey()))) kept++;
            else moved++;
        }
        assertTrue(kept >= 140 && moved >= 60, "kept " + kept + ", moved " + moved);
        for (String layer : List.of(VEG, HYDRO)) assertRtreeIsTheTriggersOne(out, layer);
        Gdal.Result v = Gdal.validateGpkg(out);
        assertEquals(0, v.exitCode(), v.output());
    }

    /** Packages the changes national → local, applies them to {@code out}; every change applies. */
    private ApplyReport packageAndApply(Path national, Path local, Path out) {
        LabelRegistry registry = new LabelRegistry(LabelRegistry.FORMAT, List.of(PkgFixtures.community("c1", KEYS, ALL, TERRITORY)));
        Path pkg = tmp.resolve("p.zip");
        PkgFixtures.buildPackage(national, local, registry, KEYS, pkg);
        try (VerifiedPackage vp = PackageVerifier.verify(pkg, registry, PackageLimits.DEFAULT, false)) {
            ApplyReport r = PackageApplier.apply(vp, national, out, new ApplyOptions(false, null, false, null, null, CREATED));
            assertEquals(0, r.rejectedTotal());
            return r;
        }
    }

    private static Map<Long, double[]> rtree(Path file, String layer) throws SQLException {
        Map<Long, double[]> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, minx, maxx, miny, maxy FROM \"rtree_" + layer + "_geom\"")) {
            while (rs.next()) out.put(rs.getLong(1), new double[]{rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)});
        }
        return out;
    }

    /** The layer's R-tree equals, value for value, an R-tree filled from the rows by the triggers' own functions. */
    /**
     * Only the specification's six triggers are taken over: a layer whose insert trigger does something more (here, it
     * also logs the row) keeps all its triggers, which then run as they are; the other layer is still taken over.
     */
    @Test
    void aTriggerThatIsNotTheSpecificationsKeepsTheLayersTriggers() throws Exception {
        Path national = tmp.resolve("national.gpkg");
        PkgFixtures.write(national, PkgFixtures.national(50, 7));
        for (String layer : List.of(VEG, HYDRO)) addRtree(national, layer);
        String name = "rtree_" + VEG + "_geom_insert";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + national); Statement st = c.createStatement()) {
            String sql;
            try (ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE name = '" + name + "'")) {
                sql = rs.getString(1);
            }
            st.execute("CREATE TABLE inserted_log (fid INTEGER)");
            st.execute("DROP TRIGGER \"" + name + "\"");
            st.execute(sql.replace(" END", " INSERT INTO inserted_log VALUES (NEW.\"fid\"); END"));
        }
        Map<String, String> before = triggers(national);
        try (GpkgDataset ds = GpkgDataset.open(national);
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + national)) {
            c.setAutoCommit(false);
            assertTrue(SpatialIndex.suspend(c, ds.schema(VEG)) == SpatialIndex.NONE, "a trigger with more than the specification's text");
            SpatialIndex hydro = SpatialIndex.suspend(c, ds.schema(HYDRO));
            assertTrue(hydro != SpatialIndex.NONE, "the specification's triggers (GDAL's text) are taken over");
            Map<String, String> during = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) {
                while (rs.next()) during.put(rs.getString(1), rs.getString(2));
            }
            assertEquals(6, during.size(), "the six triggers of the other layer are dropped, the changed layer keeps its six");
            assertTrue(during.keySet().stream().allMatch(n -> n.startsWith("rtree_" + VEG + "_")), during.keySet().toString());
            hydro.restore();
            c.commit();
        }
        assertEquals(before, triggers(national));
    }

    static void assertRtreeIsTheTriggersOne(Path file, String layer) throws SQLException {
        Map<Long, double[]> expected = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            GpkgSqlFunctions.register(c);
            st.execute("CREATE VIRTUAL TABLE temp.expected USING rtree(id, minx, maxx, miny, maxy)");
            st.execute("INSERT INTO temp.expected SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) FROM \"" + layer
                    + "\" WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)");
            try (ResultSet rs = st.executeQuery("SELECT id, minx, maxx, miny, maxy FROM temp.expected")) {
                while (rs.next()) expected.put(rs.getLong(1), new double[]{rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)});
            }
        }
        Map<Long, double[]> actual = rtree(file, layer);
        assertEquals(expected.keySet(), actual.keySet(), layer + ": R-tree ids");
        for (Map.Entry<Long, double[]> e : expected.entrySet()) {
            assertTrue(java.util.Arrays.equals(e.getValue(), actual.get(e.getKey())), layer + " fid " + e.getKey() + ": R-tree "
                    + java.util.Arrays.toString(actual.get(e.getKey())) + ", triggers " + java.util.Arrays.toString(e.getValue()));
        }
    }

    /** The GeoPackage R-tree extension of a layer, as GDAL creates it (table, six triggers, extension row, content). */
    static void addRtree(Path file, String layer) throws SQLException {
        String t = "\"" + layer + "\"";
        String r = "\"rtree_" + layer + "_geom\"";
        String trig = "rtree_" + layer + "_geom_";
        String put = "INSERT OR REPLACE INTO " + r + " VALUES (NEW.\"fid\", ST_MinX(NEW.\"geom\"), ST_MaxX(NEW.\"geom\"), ST_MinY(NEW.\"geom\"), ST_MaxY(NEW.\"geom\"));";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            GpkgSqlFunctions.register(c);
            st.execute("CREATE VIRTUAL TABLE " + r + " USING rtree(id, minx, maxx, miny, maxy)");
            st.execute("INSERT INTO " + r + " SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) FROM " + t
                    + " WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)");
            st.execute("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
                    + "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))");
            st.execute("INSERT INTO gpkg_extensions VALUES ('" + layer + "', 'geom', 'gpkg_rtree_index', "
                    + "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");
            st.execute("CREATE TRIGGER \"" + trig + "insert\" AFTER INSERT ON " + t + " WHEN (new.\"geom\" NOT NULL AND NOT ST_IsEmpty(NEW.\"geom\"))"
                    + " BEGIN " + put + " END");
            st.execute("CREATE TRIGGER \"" + trig + "update1\" AFTER UPDATE OF \"geom\" ON " + t + " WHEN OLD.\"fid\" = NEW.\"fid\" AND"
                    + " (NEW.\"geom\" NOTNULL AND NOT ST_IsEmpty(NEW.\"geom\")) BEGIN " + put + " END");
            st.execute("CREATE TRIGGER \"" + trig + "update2\" AFTER UPDATE OF \"geom\" ON " + t + " WHEN OLD.\"fid\" = NEW.\"fid\" AND"
                    + " (NEW.\"geom\" ISNULL OR ST_IsEmpty(NEW.\"geom\")) BEGIN DELETE FROM " + r + " WHERE id = OLD.\"fid\"; END");
            st.execute("CREATE TRIGGER \"" + trig + "update3\" AFTER UPDATE ON " + t + " WHEN OLD.\"fid\" != NEW.\"fid\" AND"
                    + " (NEW.\"geom\" NOTNULL AND NOT ST_IsEmpty(NEW.\"geom\")) BEGIN DELETE FROM " + r + " WHERE id = OLD.\"fid\"; " + put + " END");
            st.execute("CREATE TRIGGER \"" + trig + "update4\" AFTER UPDATE ON " + t + " WHEN OLD.\"fid\" != NEW.\"fid\" AND"
                    + " (NEW.\"geom\" ISNULL OR ST_IsEmpty(NEW.\"geom\")) BEGIN DELETE FROM " + r + " WHERE id IN (OLD.\"fid\", NEW.\"fid\"); END");
            st.execute("CREATE TRIGGER \"" + trig + "delete\" AFTER DELETE ON " + t + " WHEN old.\"geom\" NOT NULL"
                    + " BEGIN DELETE FROM " + r + " WHERE id = OLD.\"fid\"; END");
        }
    }

    static Map<String, String> triggers(Path file) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
    }

    /** Each row with a geometry has one R-tree entry, its envelope rounded outward to float precision,, and no other entry exists. */
    static void assertRtreeMatchesRows(Path file, String layer) throws SQLException {
        Map<Long, double[]> rtree = rtree(file, layer);
        int rows = 0;
        try (GpkgDataset ds = GpkgDataset.open(file); FeatureCursor cur = ds.read(layer)) {
            while (cur.hasNext()) {
                Feature f = cur.next();
                GeometryValue g = f.geometry();
                if (g == null) continue;
                rows++;
                Envelope e = g.envelope();
                double[] b = rtree.get(f.fid());
                assertNotNull(b, layer + " fid " + f.fid() + " is not in the R-tree");
                // R-tree coordinates are 32-bit floats rounded outward (a step is 0.5 m at Lambert-93 northings of 6.8e6)
                assertTrue(b[0] <= e.getMinX() && b[1] >= e.getMaxX() && b[2] <= e.getMinY() && b[3] >= e.getMaxY()
                        && e.getMinX() - b[0] < 2 && b[1] - e.getMaxX() < 2 && e.getMinY() - b[2] < 2 && b[3] - e.getMaxY() < 2, layer + " fid " + f.fid() + ": R-tree box " + java.util.Arrays.toString(b) + " is not its envelope " + e);
            }
        }
        assertEquals(rows, rtree.size(), layer + ": R-tree entries of rows that no longer exist");
    }
}
