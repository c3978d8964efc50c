package fr.bdfsync.core.conflict;

import fr.bdfsync.core.feature.IsoWkb;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conflicts spilled and restored write exactly as before (WKT, ISO WKB, SRID); what cannot come back identical stays. */
class ConflictSpillTest {
    @Test
    void restoredConflictsWriteAsTheOriginals() throws Exception {
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), 2154);
        WKTReader r = new WKTReader(gf);
        WKTWriter w = new WKTWriter(2);
        List<Conflict> originals = new ArrayList<>();
        // the generator's shapes (fixed precision: not spilled) read again in floating precision, as the sync's are
        for (Conflict c : ConflictSetGenerator.generate(5, 200).conflicts()) {
            Geometry[] g = {c.ancestorGeometry(), c.nationalGeometry(), c.localGeometry()};
            for (int k = 0; k < 3; k++) if (g[k] != null) g[k] = r.read(w.write(g[k]));
            originals.add(new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), c.attributes(), g[0], g[1], g[2], c.location(),
                    c.status(), c.resolution(), c.message(), c.contentHash()));
        }
        // kept in memory: a Z line, an empty polygon, a geometry with an empty part; spilled: a multipolygon with a hole
        List<String> shapes = List.of("LINESTRING Z (0 0 1, 10 0 2)", "POLYGON EMPTY", "GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING (0 0, 1 1))",
                "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2)), ((20 20, 30 20, 30 30, 20 20)))");
        for (int i = 0; i < shapes.size(); i++) {
            Geometry g = r.read(shapes.get(i));
            g.setSRID(2154);
            originals.add(new Conflict("hand-" + i, ConflictType.OVERLAP, null, "zone_de_vegetation", List.of("Z" + i), List.of(), null, null, g,
                    null, ConflictStatus.OPEN, null, "m", "h"));
        }
        try (ConflictSpill spill = ConflictSpill.create()) {
            List<Conflict> spilled = new ArrayList<>();
            for (Conflict c : originals) spilled.add(spill.spilled(c));
            assertTrue(spill.size() > 150, "most generated conflicts have 2D geometries to spill: " + spill.size());
            int n = originals.size();
            assertSame(originals.get(n - 4).localGeometry(), spilled.get(n - 4).localGeometry(), "a Z line stays");
            assertSame(originals.get(n - 3).localGeometry(), spilled.get(n - 3).localGeometry(), "an empty polygon stays");
            assertSame(originals.get(n - 2).localGeometry(), spilled.get(n - 2).localGeometry(), "a geometry with an empty part stays");
            assertNull(spilled.get(n - 1).localGeometry(), "a 2D multipolygon is spilled");
            // restored in another order, as after sorting
            List<Conflict> back = new ArrayList<>(spilled);
            java.util.Collections.reverse(back);
            back.replaceAll(spill::restored);
            java.util.Collections.reverse(back);
            WKTWriter wkt = new WKTWriter(3);
            for (int i = 0; i < n; i++) {
                Conflict a = originals.get(i), b = back.get(i);
                assertEquals(a.id(), b.id());
                Geometry[] ga = {a.ancestorGeometry(), a.nationalGeometry(), a.localGeometry()};
                Geometry[] gb = {b.ancestorGeometry(), b.nationalGeometry(), b.localGeometry()};
                for (int k = 0; k < 3; k++) {
                    if (ga[k] == null) {
                        assertNull(gb[k]);
                        continue;
                    }
                    assertEquals(wkt.write(ga[k]), wkt.write(gb[k]), a.id());
                    assertEquals(ga[k].getSRID(), gb[k].getSRID(), a.id());
                    assertArrayEquals(IsoWkb.write(ga[k], false, false), IsoWkb.write(gb[k], false, false), a.id());
                    assertEquals(ga[k].getGeometryType(), gb[k].getGeometryType());
                }
                assertEquals(Arrays.asList(a.keys(), a.message(), a.contentHash(), a.location()), Arrays.asList(b.keys(), b.message(), b.contentHash(), b.location()));
            }
        }
    }

    /** What the overlap detector reports, an overlay of two zones parsed from their stored 2D WKB, is spilled. */
    @Test
    void anOverlayOfParsedZonesIsSpilled() throws Exception {
        WKTReader r = new WKTReader();
        Geometry a = fr.bdfsync.core.feature.GeometryValue.ofWkb(IsoWkb.write(r.read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"), false, false)).parseTransient();
        Geometry b = fr.bdfsync.core.feature.GeometryValue.ofWkb(IsoWkb.write(r.read("POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))"), false, false)).parseTransient();
        assertTrue(ConflictSpill.spillable(a.intersection(b)));
        assertTrue(ConflictSpill.spillable(a));
    }
}
