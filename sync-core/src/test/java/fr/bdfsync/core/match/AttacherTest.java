package fr.bdfsync.core.match;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttacherTest {
    @TempDir
    Path dir;

    static AttachResult attach(Path local, Path national, AttachOptions o, PriorLinks prior) {
        try (Dataset l = Datasets.open(local); Dataset n = Datasets.open(national)) {
            return new Attacher(o, new Md5FeatureFingerprint()).attach(l, l.layerNames().get(0), n, n.layerNames().get(0), prior);
        }
    }

    static Map<Long, List<Link>> byLocal(AttachResult r) {
        return r.links().stream().collect(Collectors.groupingBy(Link::localFid));
    }

    @Test
    void linesOneToOneOneToManyManyToOneAndUnmatched() {
        Path national = Fixtures.layer(dir.resolve("n.gpkg"), "troncon_hydrographique", GeometryType.LINESTRING, true,
                new Object[]{1, "TRON_EAU0000000000000001", "Ecoulement naturel", "LINESTRING (1000 1000, 1100 1000)"},
                new Object[]{2, "TRON_EAU0000000000000002", "Ecoulement naturel", "LINESTRING (1000 1100, 1100 1100)"},
                new Object[]{3, "TRON_EAU0000000000000003", "Ecoulement naturel", "LINESTRING (1100 1100, 1200 1100)"},
                new Object[]{4, "TRON_EAU0000000000000004", "Ecoulement naturel", "LINESTRING (1000 1300, 1200 1300)"});
        Path local = Fixtures.layer(dir.resolve("l.gpkg"), "cours", GeometryType.LINESTRING, false,
                new Object[]{10, null, "x", "LINESTRING (1000 1002, 1050 1001, 1100 1002)"},           // same as 1
                new Object[]{11, null, "x", "LINESTRING (1000 1101, 1200 1101)"},                      // covers 2 and 3
                new Object[]{12, null, "x", "LINESTRING (1000 1301, 1100 1301)"},                      // half of 4
                new Object[]{13, null, "x", "LINESTRING (1100 1302, 1200 1302)"},                      // other half of 4
                new Object[]{14, null, "x", "LINESTRING (5000 5000, 5100 5000)"});                     // local only
        AttachResult r = attach(local, national, AttachOptions.defaults(), PriorLinks.NONE);
        Map<Long, List<Link>> m = byLocal(r);
        assertEquals(List.of("TRON_EAU0000000000000001"), keys(m.get(10L)));
        assertEquals(Cardinality.ONE_TO_ONE, m.get(10L).get(0).cardinality());
        assertEquals(LinkStatus.SURE, m.get(10L).get(0).status());
        assertEquals("line.same", m.get(10L).get(0).rule());
        assertEquals(List.of("TRON_EAU0000000000000002", "TRON_EAU0000000000000003"), keys(m.get(11L)));
        assertTrue(m.get(11L).stream().allMatch(l -> l.cardinality() == Cardinality.ONE_TO_MANY && l.status() == LinkStatus.SURE));
        assertEquals(List.of("TRON_EAU0000000000000004"), keys(m.get(12L)));
        assertEquals(Cardinality.MANY_TO_ONE, m.get(12L).get(0).cardinality());
        assertEquals(Cardinality.MANY_TO_ONE, m.get(13L).get(0).cardinality());
        assertEquals(LinkStatus.SURE, m.get(13L).get(0).status());
        assertEquals(LinkStatus.UNMATCHED, m.get(14L).get(0).status());
        assertEquals("TRON_EAU0000000000000001", r.index().keyFor(10).orElseThrow());
    }

    @Test
    void twoLocalPolygonsFormingOneNationalZoneAndAnAmbiguousPair() {
        Path national = Fixtures.layer(dir.resolve("n.gpkg"), "zone_de_vegetation", GeometryType.POLYGON, true,
                new Object[]{1, "ZONEVEGE0000000000000001", "Bois", "POLYGON ((0 0, 200 0, 200 100, 0 100, 0 0))"},
                new Object[]{2, "ZONEVEGE0000000000000002", "Bois", "POLYGON ((1000 0, 1050 0, 1050 50, 1000 50, 1000 0))"},
                new Object[]{3, "ZONEVEGE0000000000000003", "Bois", "POLYGON ((1001 1, 1051 1, 1051 51, 1001 51, 1001 1))"});
        Path local = Fixtures.layer(dir.resolve("l.gpkg"), "bois", GeometryType.POLYGON, false,
                new Object[]{1, null, "bois", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"},
                new Object[]{2, null, "bois", "POLYGON ((100 0, 200 0, 200 100, 100 100, 100 0))"},
                new Object[]{3, null, "bois", "POLYGON ((1000.5 0.5, 1050.5 0.5, 1050.5 50.5, 1000.5 50.5, 1000.5 0.5))"});
        Map<Long, List<Link>> m = byLocal(attach(local, national, AttachOptions.defaults(), PriorLinks.NONE));
        for (long fid : new long[]{1, 2}) {
            assertEquals(Cardinality.MANY_TO_ONE, m.get(fid).get(0).cardinality());
            assertEquals(LinkStatus.SURE, m.get(fid).get(0).status());
            assertEquals("ZONEVEGE0000000000000001", m.get(fid).get(0).nationalKey());
        }
        assertEquals(2, m.get(3L).size(), "two equally good candidates: both listed");
        assertTrue(m.get(3L).stream().allMatch(l -> l.status() == LinkStatus.UNCERTAIN && l.reason().equals("ambiguous")));
    }

    @Test
    void mappedAttributesBreakATieAndHedgeLinesMatchHedgePolygons() {
        Path national = Fixtures.layer(dir.resolve("n.gpkg"), "zone_de_vegetation", GeometryType.POLYGON, true,
                new Object[]{1, "ZONEVEGE0000000000000001", "Haie", "POLYGON ((0 0, 100 0, 100 4, 0 4, 0 0))"},
                new Object[]{2, "ZONEVEGE0000000000000002", "Bois", "POLYGON ((0 -300, 100 -300, 100 -200, 0 -200, 0 -300))"});
        Path local = Fixtures.layer(dir.resolve("l.gpkg"), "haies", GeometryType.LINESTRING, false,
                new Object[]{7, null, "haie", "LINESTRING (1 2.5, 50 1.5, 99 2)"});
        AttachOptions o = AttachOptions.defaults().withMapping(new AttributeMapping(Map.of("type", "nature")));
        Link l = attach(local, national, o, PriorLinks.NONE).links().get(0);
        assertEquals("hedge.line-in-polygon", l.rule());
        assertEquals("ZONEVEGE0000000000000001", l.nationalKey());
        assertEquals(LinkStatus.SURE, l.status());
        assertEquals(1.0, l.measures().get("attribute_similarity"));
    }

    @Test
    void degreesDeclaredAsLambert93AreCaughtBeforeMatching() {
        Path national = Fixtures.layer(dir.resolve("n.gpkg"), "haie", GeometryType.LINESTRING, true,
                new Object[]{1, "HAIELINE0000000000000001", "Haie", "LINESTRING (318000 6740000, 318100 6740000)"});
        Path local = Fixtures.layer(dir.resolve("l.gpkg"), "haies", GeometryType.LINESTRING, false,
                new Object[]{1, null, "haie", "LINESTRING (-2.08 47.65, -2.07 47.65)"});
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> attach(local, national, AttachOptions.defaults(), PriorLinks.NONE));
        assertEquals(ExitCode.CRS, e.exitCode());
        assertTrue(e.getMessage().contains("degrees"), e.getMessage());
        Path far = Fixtures.layer(dir.resolve("far.gpkg"), "haies", GeometryType.LINESTRING, false,
                new Object[]{1, null, "haie", "LINESTRING (900000 6100000, 900100 6100000)"});
        BdfsyncException e2 = assertThrows(BdfsyncException.class, () -> attach(far, national, AttachOptions.defaults(), PriorLinks.NONE));
        assertTrue(e2.getMessage().contains("outside the national extent"), e2.getMessage());
    }

    @Test
    void invalidLocalPolygonsAreReportedAndRepairedOrSkipped() {
        Path national = Fixtures.layer(dir.resolve("n.gpkg"), "zone_de_vegetation", GeometryType.POLYGON, true,
                new Object[]{1, "ZONEVEGE0000000000000001", "Bois", "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"});
        Path local = Fixtures.layer(dir.resolve("l.gpkg"), "bois", GeometryType.POLYGON, false,
                new Object[]{1, null, "bois", "POLYGON ((0 0, 100 100, 100 0, 0 100, 0 0))"}, // bow tie
                new Object[]{2, null, "bois", "POLYGON EMPTY"});
        AttachResult repaired = attach(local, national, AttachOptions.defaults(), PriorLinks.NONE);
        assertTrue(repaired.problems().contains("fid 1: invalid polygon, repaired"), repaired.problems().toString());
        assertTrue(repaired.problems().contains("fid 2: empty geometry, skipped"), repaired.problems().toString());
        AttachOptions skip = new AttachOptions(Double.NaN, Thresholds.DEFAULT, AttributeMapping.NONE, null, false);
        AttachResult skipped = attach(local, national, skip, PriorLinks.NONE);
        assertTrue(skipped.links().isEmpty());
        assertTrue(skipped.problems().get(0).endsWith("skipped"));
    }

    /**
     * Local geometries read again by fid for each scoring batch give the links, measures, points and problems that
     * holding them parsed gives: 3,000 random local polygons (copies of national ones, exact or moved with their
     * vertices jittered, small and large free ones, a repaired bow tie, an empty one) against 2,500 national star-shaped
     * rings that do not overlap: more candidates than one batch of 2,048, so that local features are read again in
     * several batches.
     */
    @Test
    void localsReadAgainByFidGiveTheLinksOfLocalsHeldParsed() {
        java.util.Random rnd = new java.util.Random(12);
        List<Object[]> nat = new java.util.ArrayList<>();
        for (int i = 1; i <= 2500; i++) {
            double x = 700000 + (i % 50) * 60 + rnd.nextDouble() * 10;
            double y = 6600000 + (i / 50) * 60 + rnd.nextDouble() * 10;
            nat.add(new Object[]{i, String.format("ZONEVEGE%016d", i), "Bois", ring(x, y, 12 + rnd.nextDouble() * 13, 8 + rnd.nextInt(40), rnd)});
        }
        List<Object[]> loc = new java.util.ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            double x = 700000 + rnd.nextDouble() * 3000;
            double y = 6600000 + rnd.nextDouble() * 3000;
            String wkt = switch (i % 5) {
                case 0 -> ring(x, y, 5 + rnd.nextDouble() * 40, 5 + rnd.nextInt(60), rnd);
                case 1 -> ring(x, y, 2 + rnd.nextDouble() * 8, 4 + rnd.nextInt(10), rnd);
                case 2 -> (String) nat.get(rnd.nextInt(nat.size()))[3]; // an exact copy
                default -> jitter((String) nat.get(rnd.nextInt(nat.size()))[3], rnd);
            };
            loc.add(new Object[]{i, null, "bois", wkt});
        }
        loc.add(new Object[]{3001, null, "bois", "POLYGON ((700100 6600100, 700150 6600150, 700150 6600100, 700100 6600150, 700100 6600100))"});
        loc.add(new Object[]{3002, null, "bois", "POLYGON EMPTY"});
        Path national = Fixtures.layer(dir.resolve("n.gpkg"), "zone_de_vegetation", GeometryType.POLYGON, true, nat.toArray(new Object[0][]));
        Path local = Fixtures.layer(dir.resolve("l.gpkg"), "bois", GeometryType.POLYGON, false, loc.toArray(new Object[0][]));
        AttachResult reread;
        AttachResult held;
        try (Dataset l = Datasets.open(local); Dataset n = Datasets.open(national)) {
            reread = new Attacher(AttachOptions.defaults(), new Md5FeatureFingerprint(), true).attach(l, "bois", n, "zone_de_vegetation", PriorLinks.NONE);
            held = new Attacher(AttachOptions.defaults(), new Md5FeatureFingerprint(), false).attach(l, "bois", n, "zone_de_vegetation", PriorLinks.NONE);
        }
        assertEquals(held.links(), reread.links());
        assertEquals(held.localPoints(), reread.localPoints());
        assertEquals(held.nationalPoints(), reread.nationalPoints());
        assertEquals(held.localFingerprints(), reread.localFingerprints());
        assertEquals(held.problems(), reread.problems());
        assertTrue(reread.problems().contains("fid 3001: invalid polygon, repaired"), reread.problems().toString());
        long sure = reread.links().stream().filter(k -> k.status() == LinkStatus.SURE).count();
        assertTrue(sure > 600, "copies of national polygons are linked (several copies of one national polygon contest it): " + sure);
    }

    /** A closed ring of {@code n} vertices around (x, y), radius r jittered by up to a third. */
    private static String ring(double x, double y, double r, int n, java.util.Random rnd) {
        StringBuilder sb = new StringBuilder("POLYGON ((");
        String first = null;
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            double rr = r * (1 - rnd.nextDouble() / 3);
            String v = (x + rr * Math.cos(a)) + " " + (y + rr * Math.sin(a));
            if (first == null) first = v;
            sb.append(v).append(", ");
        }
        return sb.append(first).append("))").toString();
    }

    /** The polygon moved by up to 2 m, each vertex jittered by up to 0.5 m (the closing vertex as the first). */
    private static String jitter(String wkt, java.util.Random rnd) {
        String[] pts = wkt.substring("POLYGON ((".length(), wkt.length() - 2).split(", ");
        double dx = rnd.nextDouble() * 4 - 2;
        double dy = rnd.nextDouble() * 4 - 2;
        StringBuilder sb = new StringBuilder("POLYGON ((");
        String first = null;
        for (int k = 0; k < pts.length - 1; k++) {
            String[] xy = pts[k].split(" ");
            String v = (Double.parseDouble(xy[0]) + dx + rnd.nextDouble() - 0.5) + " " + (Double.parseDouble(xy[1]) + dy + rnd.nextDouble() - 0.5);
            if (first == null) first = v;
            sb.append(v).append(", ");
        }
        return sb.append(first).append("))").toString();
    }

    static List<String> keys(List<Link> ls) {
        return ls.stream().map(Link::nationalKey).sorted().collect(Collectors.toList());
    }
}
