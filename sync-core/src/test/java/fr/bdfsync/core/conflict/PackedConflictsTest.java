package fr.bdfsync.core.conflict;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packed conflict geometries write exactly as the originals (WKT with Z, WKB), keep SRID, and the rest of the conflict. */
class PackedConflictsTest {
    private static final List<String> SHAPES = List.of(
            "POINT (1 2)",
            "LINESTRING Z (0 0 1, 10 0 2, 10 10 3)",
            "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2)), ((20 20, 30 20, 30 30, 20 20)))",
            "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
            "POLYGON EMPTY",
            "GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING Z (0 0 0, 1 1 1))",
            "MULTILINESTRING ((0.1 0.2, 3.3333333333333335 4.000000000000001))");

    @Test
    void writesTheSameAsTheOriginal() throws Exception {
        PackedConflicts p = new PackedConflicts();
        WKTWriter wkt = new WKTWriter(3);
        for (String s : SHAPES) {
            Geometry g = new WKTReader(new GeometryFactory(new PrecisionModel(), 2154)).read(s);
            g.setSRID(2154);
            Geometry q = p.pack(g);
            assertTrue(s.contains("EMPTY") == !(q.getFactory().getCoordinateSequenceFactory() instanceof PackedCoordinateSequenceFactory), s);
            assertEquals(wkt.write(g), wkt.write(q), s);
            for (int dim : new int[]{2, 3}) {
                assertTrue(Arrays.equals(new WKBWriter(dim).write(g), new WKBWriter(dim).write(q)), s + " WKB " + dim);
            }
            assertEquals(2154, q.getSRID());
            assertTrue(g.equalsExact(q), s);
        }
    }

    @Test
    void overlayResultsKeepTheirCoordinates() throws Exception {
        // an overlay makes XYZ Coordinates (Z NaN): packed, the WKT still has no Z, and the area is the same
        WKTReader r = new WKTReader();
        Geometry a = r.read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"), b = r.read("POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))");
        Geometry i = a.intersection(b);
        Geometry q = new PackedConflicts().pack(i);
        assertEquals(new WKTWriter(3).write(i), new WKTWriter(3).write(q));
        assertEquals(i.getArea(), q.getArea());
        assertEquals(i.getCoordinates().length, q.getCoordinates().length);
        assertTrue(Double.isNaN(q.getCoordinate().getZ()));
    }

    @Test
    void conflictKeepsEverythingElse() throws Exception {
        Geometry g = new WKTReader().read("LINESTRING (0 0, 1 1)");
        Conflict c = new Conflict("id1", ConflictType.EDIT_EDIT_GEOMETRY, null, "l", List.of("k"), List.of(), g, null, g,
                new Coordinate(0.5, 0.5), ConflictStatus.OPEN, null, "m", "h");
        PackedConflicts p = new PackedConflicts();
        Conflict q = p.packed(c);
        assertEquals(List.of(c.id(), c.type(), c.severity(), c.layer(), c.keys(), c.location(), c.status(), c.message(), c.contentHash()),
                List.of(q.id(), q.type(), q.severity(), q.layer(), q.keys(), q.location(), q.status(), q.message(), q.contentHash()));
        assertEquals(null, q.nationalGeometry());
        assertTrue(g.equalsExact(q.ancestorGeometry()) && g.equalsExact(q.localGeometry()));
        assertSame(q, p.packed(q)); // already packed: unchanged
        Conflict none = new Conflict("id2", ConflictType.SCOPE, null, "l", List.of("k"), List.of(), null, null, null, null, null, null, "m", "h");
        assertSame(none, p.packed(none));
    }
}
