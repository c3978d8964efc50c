package fr.bdfsync.core.merge;

import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.io.gpkg.GpkgRtree;
import fr.bdfsync.core.io.gpkg.RtreeNodes;

import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RtreeNodes} against the R-tree virtual table's own full scan: the same entries (fid and bounds, as doubles)
 * in the same order, on GDAL-made GeoPackages (bulk-built trees of one node and of three levels) and on trees
 * reshaped by SQLite itself (random deletes and inserts through the virtual table: splits, reinsertions, condensed
 * nodes); and no pure-Java read of an R-tree of another shape.
 */
class RtreeNodesTest {
    @TempDir
    Path dir;

    private Path gdalFile(String name, int n, long seed) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/ogr2ogr")), "gdal-bin not installed");
        StringBuilder csv = new StringBuilder("id,WKT\n");
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            double x = 600000 + rnd.nextDouble() * 50000, y = 6500000 + rnd.nextDouble() * 50000;
            double w = rnd.nextDouble() * (rnd.nextInt(10) == 0 ? 3000 : 60), h = rnd.nextDouble() * 60;
            csv.append(i).append(",\"LINESTRING (").append(x).append(' ').append(y).append(", ").append(x + w).append(' ').append(y + h).append(")\"\n");
        }
        Path in = dir.resolve(name + ".csv");
        Files.writeString(in, csv);
        Path out = dir.resolve(name + ".gpkg");
        Gdal.Result r = Gdal.run(List.of("/usr/bin/ogr2ogr", "-f", "GPKG", out.toString(), in.toString(), "-nln", "lines", "-a_srs", "EPSG:2154",
                "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-nlt", "LINESTRING"));
        assertEquals(0, r.exitCode(), r.output());
        return out;
    }

    private record Entry(long fid, double minX, double maxX, double minY, double maxY) {
    }

    private static List<Entry> bySql(GpkgDataset ds, String rtree) throws Exception {
        List<Entry> out = new ArrayList<>();
        GpkgRtree.scan(ds.connection(), rtree, (fid, b) -> out.add(new Entry(fid, b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY())));
        return out;
    }

    private static List<Entry> byNodes(GpkgDataset ds, String rtree) {
        List<Entry> out = new ArrayList<>();
        assertTrue(RtreeNodes.scan(ds, rtree, (fid, b) -> out.add(new Entry(fid, b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY()))));
        return out;
    }

    private void assertSameScan(Path file, int expectedAtLeast) throws Exception {
        try (GpkgDataset ds = GpkgDataset.open(file)) {
            List<Entry> sql = bySql(ds, "rtree_lines_geom");
            assertTrue(sql.size() >= expectedAtLeast, "entries: " + sql.size());
            assertEquals(sql, byNodes(ds, "rtree_lines_geom"));
        }
    }

    @Test
    void oneNodeTree() throws Exception {
        assertSameScan(gdalFile("small", 40, 1), 40);
    }

    @Test
    void bulkBuiltTreeOfSeveralLevels() throws Exception {
        Path f = gdalFile("bulk", 40_000, 2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT substr(data, 1, 2) FROM rtree_lines_geom_node WHERE nodeno = 1");
            assertTrue(rs.next());
            byte[] depth = rs.getBytes(1);
            assertTrue(((depth[0] & 0xFF) << 8 | (depth[1] & 0xFF)) >= 2, "a tree of three levels at least");
        }
        assertSameScan(f, 40_000);
    }

    @Test
    void treeReshapedBySqlite() throws Exception {
        Path f = gdalFile("reshaped", 20_000, 3);
        Random rnd = new Random(11);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM rtree_lines_geom WHERE id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT OR REPLACE INTO rtree_lines_geom VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 12_000; i++) {
                    if (rnd.nextInt(3) == 0) {
                        del.setLong(1, 1 + rnd.nextInt(20_000));
                        del.executeUpdate();
                    } else {
                        double x = 600000 + rnd.nextDouble() * 50000, y = 6500000 + rnd.nextDouble() * 50000;
                        ins.setLong(1, 1 + rnd.nextInt(40_000));
                        ins.setDouble(2, x);
                        ins.setDouble(3, x + rnd.nextDouble() * 100);
                        ins.setDouble(4, y);
                        ins.setDouble(5, y + rnd.nextDouble() * 100);
                        ins.executeUpdate();
                    }
                }
            }
            c.commit();
        }
        assertSameScan(f, 10_000);
    }

    /**
     * The neighbour candidates found a leaf at a time (windows queried once per leaf, with the union of its entries) are
     * those of a query of the windows' tree per entry of the virtual table's scan, in the same order: random windows
     * of many sizes, some entries already loaded.
     */
    @Test
    void candidatesAsByOneQueryPerEntry() throws Exception {
        Path f = gdalFile("candidates", 30_000, 5);
        Random rnd = new Random(9);
        try (GpkgDataset ds = GpkgDataset.open(f)) {
            for (int round = 0; round < 4; round++) {
                List<org.locationtech.jts.geom.Envelope> windows = new ArrayList<>();
                int n = 300 + rnd.nextInt(3000);
                for (int i = 0; i < n; i++) {
                    double x = 600000 + rnd.nextDouble() * 50000, y = 6500000 + rnd.nextDouble() * 50000, s = rnd.nextDouble() * (rnd.nextInt(20) == 0 ? 5000 : 80);
                    windows.add(new org.locationtech.jts.geom.Envelope(x, x + s, y, y + rnd.nextDouble() * 80));
                }
                java.util.Set<Long> loaded = new java.util.HashSet<>();
                for (int i = 0; i < 2000; i++) loaded.add((long) 1 + rnd.nextInt(30_000));
                double distance = round * 3.5;
                org.locationtech.jts.index.strtree.STRtree tree = new org.locationtech.jts.index.strtree.STRtree();
                for (org.locationtech.jts.geom.Envelope e : windows) {
                    org.locationtech.jts.geom.Envelope w = new org.locationtech.jts.geom.Envelope(e);
                    w.expandBy(distance);
                    tree.insert(w, w);
                }
                List<Entry> expected = new ArrayList<>();
                for (Entry e : bySql(ds, "rtree_lines_geom")) {
                    org.locationtech.jts.geom.Envelope b = new org.locationtech.jts.geom.Envelope(e.minX(), e.maxX(), e.minY(), e.maxY());
                    if (!loaded.contains(e.fid()) && !tree.query(b).isEmpty()) expected.add(e);
                }
                NeighbourCandidates c = NeighbourCandidates.scan(ds, ds.schema("lines"), windows, distance, ContextFetch.sortedFids(loaded.stream().mapToLong(Long::longValue).toArray()));
                List<Entry> got = new ArrayList<>();
                for (int i = 0; i < c.size(); i++) {
                    org.locationtech.jts.geom.Envelope b = c.bounds(i);
                    got.add(new Entry(c.fid(i), b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY()));
                }
                assertTrue(expected.size() > 50 && expected.size() < 29_000, "a selective round: " + expected.size());
                assertEquals(expected, got);
            }
        }
    }

    @Test
    void otherShapesAreLeftToSql() throws Exception {
        Path f = gdalFile("shapes", 100, 4);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement st = c.createStatement()) {
            st.execute("CREATE VIRTUAL TABLE rtree_three USING rtree(id, minx, maxx, miny, maxy, minz, maxz)");
            st.execute("INSERT INTO rtree_three VALUES (1, 0, 1, 0, 1, 0, 1)");
            st.execute("CREATE VIRTUAL TABLE rtree_ints USING rtree_i32(id, minx, maxx, miny, maxy)");
            st.execute("INSERT INTO rtree_ints VALUES (1, 0, 1, 0, 1)");
        }
        try (GpkgDataset ds = GpkgDataset.open(f)) {
            assertFalse(RtreeNodes.scan(ds, "rtree_three", (fid, b) -> { }));
            assertFalse(RtreeNodes.scan(ds, "rtree_ints", (fid, b) -> { }));
            assertFalse(RtreeNodes.scan(ds, "no_such_rtree", (fid, b) -> { }));
        }
    }
}
