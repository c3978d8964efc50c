package fr.bdfsync.core.match;

import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The national index read from the GeoPackage R-tree finds what the one read from every row finds. */
class NationalIndexTest {
    @TempDir
    Path dir;

    private Path national(String name) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            double x = 700000 + (i % 6) * 40;
            double y = 6600000 + (i / 6) * 40;
            rows.add(new Object[]{i, "ZONEVEGE" + String.format("%016d", i), "Bois",
                    "POLYGON ((" + x + " " + y + ", " + (x + 25) + " " + y + ", " + (x + 25) + " " + (y + 25) + ", " + x + " " + (y + 25) + ", " + x + " " + y + "))"});
        }
        return Fixtures.layer(dir.resolve(name), "zone_de_vegetation", GeometryType.POLYGON, true, rows.toArray(new Object[0][]));
    }

    /** The R-tree of the GeoPackage extension, as GDAL writes it (32-bit float envelopes), without the last {@code missing} rows. */
    private static void addRtree(Path file, int missing) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE VIRTUAL TABLE rtree_zone_de_vegetation_geom USING rtree(id, minx, maxx, miny, maxy)");
            st.execute("INSERT INTO rtree_zone_de_vegetation_geom SELECT fid, 700000 + ((fid % 6) * 40), 700000 + ((fid % 6) * 40) + 25,"
                    + " 6600000 + ((fid / 6) * 40), 6600000 + ((fid / 6) * 40) + 25 FROM zone_de_vegetation WHERE fid <= 30 - " + missing);
            // registered as the extension requires (an R-tree that is not registered is not trusted)
            st.execute("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,"
                    + " definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))");
            st.execute("INSERT INTO gpkg_extensions VALUES ('zone_de_vegetation', 'geom', 'gpkg_rtree_index',"
                    + " 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");
        }
    }

    private static Set<Long> found(NationalIndex idx, Envelope e) {
        Set<Long> out = new TreeSet<>();
        for (int p : idx.query(e)) out.add(idx.fids[p]);
        return out;
    }

    @Test
    void theRtreeNodePagesGiveTheIndexTheVirtualTableGives() throws Exception {
        Path indexed = national("pages.gpkg");
        addRtree(indexed, 0);
        try (GpkgDataset i = GpkgDataset.open(indexed)) {
            fr.bdfsync.core.feature.Schema schema = i.schema("zone_de_vegetation");
            int k = NationalIndex.keyIndex(i, schema, null);
            NationalIndex pages = NationalIndex.fromRtree(i, schema, k, true);
            NationalIndex sql = NationalIndex.fromRtree(i, schema, k, false);
            assertEquals(sql.size, pages.size);
            assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(sql.fids, sql.size)),
                    java.util.Arrays.toString(java.util.Arrays.copyOf(pages.fids, pages.size)));
            assertEquals(sql.extent, pages.extent);
            for (int q = 0; q < 60; q++) {
                Envelope e = new Envelope(699990 + q * 5, 699990 + q * 5 + 20 + q, 6599990 + q * 4, 6599990 + q * 4 + 10 + q);
                assertArrayEquals(sql.query(e), pages.query(e), "the same positions in the same order for " + e);
            }
        }
    }

    @Test
    void theRtreeGivesTheSameCandidatesWithoutReadingRowsAndAStaleOneIsNotTrusted() throws Exception {
        Path plain = national("plain.gpkg");
        Path indexed = national("indexed.gpkg");
        addRtree(indexed, 0);
        Path stale = national("stale.gpkg");
        addRtree(stale, 1);
        try (GpkgDataset p = GpkgDataset.open(plain); GpkgDataset i = GpkgDataset.open(indexed); GpkgDataset s = GpkgDataset.open(stale)) {
            NationalIndex byRows = NationalIndex.build(p, "zone_de_vegetation", null, Set.of(), new Md5FeatureFingerprint());
            NationalIndex byRtree = NationalIndex.build(i, "zone_de_vegetation", null, Set.of(), new Md5FeatureFingerprint());
            assertFalse(byRows.fromRtree);
            assertTrue(byRtree.fromRtree);
            assertNull(byRtree.keys, "keys are read later, with the candidates");
            assertEquals(byRows.size, byRtree.size);
            for (int k = 0; k < 40; k++) {
                Envelope q = new Envelope(700000 + k * 7, 700000 + k * 7 + 30, 6600000 + k * 5, 6600000 + k * 5 + 15);
                assertEquals(found(byRows, q), found(byRtree, q), "query " + q);
            }
            assertEquals(byRows.positionOfFid(17), byRtree.positionOfFid(17));
            assertTrue(byRtree.positionOfFid(99) < 0);
            assertFalse(NationalIndex.build(s, "zone_de_vegetation", null, Set.of(), new Md5FeatureFingerprint()).fromRtree,
                    "an R-tree missing the last row is not used");
            assertFalse(NationalIndex.build(i, "zone_de_vegetation", null, Set.of("ZONEVEGE0000000000000003"), new Md5FeatureFingerprint()).fromRtree,
                    "stored links need keys and fingerprints: every row is read");
        }
    }

    @Test
    void attachGivesTheSameLinksThroughTheRtree() throws Exception {
        Path plain = national("plain.gpkg");
        Path indexed = national("indexed.gpkg");
        addRtree(indexed, 0);
        // local copies of three zones, shifted 1 m, one merged pair, one far away
        Path local = Fixtures.layer(dir.resolve("local.gpkg"), "bois", GeometryType.POLYGON, false,
                new Object[]{1, null, "Bois", "POLYGON ((700041 6600001, 700066 6600001, 700066 6600026, 700041 6600026, 700041 6600001))"},
                new Object[]{2, null, "Bois", "POLYGON ((700081 6600041, 700106 6600041, 700106 6600066, 700081 6600066, 700081 6600041))"},
                new Object[]{3, null, "Bois", "POLYGON ((710000 6610000, 710020 6610000, 710020 6610020, 710000 6610020, 710000 6610000))"});
        AttachResult a = AttacherTest.attach(local, plain, AttachOptions.defaults(), PriorLinks.NONE);
        AttachResult b = AttacherTest.attach(local, indexed, AttachOptions.defaults(), PriorLinks.NONE);
        assertEquals(a.links(), b.links());
        assertEquals(a.nationalFingerprints(), b.nationalFingerprints());
        assertEquals(List.of("ZONEVEGE0000000000000001"), AttacherTest.keys(AttacherTest.byLocal(b).get(1L)));
    }
}
