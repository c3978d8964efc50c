package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.testsupport.GpkgBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows read with the pure-Java reader keep their values as record bytes ({@link RecordValues}): they must read exactly
 * as the rows the SQL path decodes (same names in the same order, same Java types and values, the geometry sharing the
 * record), behave as a read-only SortedMap, and give the same attribute changes.
 */
class RecordValuesTest {
    @TempDir
    Path tmp;

    private static final String[] COLS = {"cleabs:TEXT", "nature:TEXT", "importance:INTEGER", "largeur:REAL", "actif:BOOLEAN",
            "donnees:BLOB", "date_creation:DATETIME", "toponyme:TEXT"};

    private Path[] pair(long seed) {
        Random r = new Random(seed);
        GpkgBuilder a = new GpkgBuilder().layer("zone_de_vegetation", GeometryType.POLYGON, COLS);
        GpkgBuilder b = new GpkgBuilder().layer("zone_de_vegetation", GeometryType.POLYGON, COLS);
        for (int i = 1; i <= 400; i++) {
            Object[] v = row(r, i);
            a.row(i, v);
            Object[] w = v.clone();
            int column = r.nextInt(COLS.length + 1);
            if (column == COLS.length) w[column] = i % 7 == 0 ? null : "POLYGON((0 0, 0 " + (i + 2) + ", 1 1, 0 0))";
            else if (column > 0) w[column] = row(r, i)[column];
            b.row(i, w);
        }
        return new Path[]{a.write(tmp.resolve("a" + seed + ".gpkg")), b.write(tmp.resolve("b" + seed + ".gpkg"))};
    }

    private static Object[] row(Random r, int i) {
        return new Object[]{"ZONE" + i, r.nextInt(4) == 0 ? null : "Bois é" + r.nextInt(3), r.nextInt(5) == 0 ? null : (long) r.nextInt(3) - 1,
                r.nextInt(3) == 0 ? (double) r.nextInt(4) : r.nextDouble() * 1e6, r.nextBoolean(),
                r.nextInt(3) == 0 ? null : new byte[]{(byte) r.nextInt(3), 7}, "2024-0" + (1 + r.nextInt(9)) + "-01T00:00:00Z",
                r.nextInt(2) == 0 ? "" : "Ruisseau de l'Étang " + r.nextInt(2),
                "POLYGON((0 0, 0 " + (i + 1) + ", 1 1, 0 0))"};
    }

    private static LayerDiff run(Path a, Path b, boolean nativeReader) {
        try (GpkgDataset da = GpkgDataset.open(a); GpkgDataset db = GpkgDataset.open(b);
             DiffEngine e = new DiffEngine(DiffSettings.uniform(LayerDiffSettings.DEFAULTS), AttributeMapping.NONE, 2, DiffEngine.UnkeyedRows.REFUSE)
                     .nativeReader(nativeReader)) {
            LayerDiff d = e.twoWay(da, db, "zone_de_vegetation");
            assertEquals(nativeReader, "native".equals(e.lastScan()), e.lastScan());
            return d;
        }
    }

    @Test
    void recordRowsReadAsTheSqlRowsAndGiveTheSameChanges() {
        for (long seed = 1; seed <= 3; seed++) {
            Path[] p = pair(seed);
            LayerDiff nat = run(p[0], p[1], true), sql = run(p[0], p[1], false);
            assertTrue(nat.changes().size() > 200, "the fixture has changes: " + nat.changes().size());
            assertTrue(sql.sameChanges(nat));
            for (int i = 0; i < nat.changes().size(); i++) {
                FeatureChange n = nat.changes().get(i), s = sql.changes().get(i);
                assertEquals(s.attributes().size(), n.attributes().size(), n.key());
                for (int k = 0; k < n.attributes().size(); k++) {
                    AttributeChange x = s.attributes().get(k), y = n.attributes().get(k);
                    assertEquals(x.column(), y.column());
                    assertSameValue(x.oldValue(), y.oldValue());
                    assertSameValue(x.newValue(), y.newValue());
                }
                assertSameRow(s.before(), n.before());
                assertSameRow(s.after(), n.after());
            }
        }
    }

    private static void assertSameRow(Row sql, Row nat) {
        assertInstanceOf(RecordValues.class, nat.attributes(), "the native row keeps its record");
        assertEquals(new ArrayList<>(sql.attributes().keySet()), new ArrayList<>(nat.attributes().keySet()));
        Iterator<Map.Entry<String, Object>> it = nat.attributes().entrySet().iterator();
        for (Map.Entry<String, Object> e : sql.attributes().entrySet()) {
            Map.Entry<String, Object> f = it.next();
            assertEquals(e.getKey(), f.getKey());
            assertSameValue(e.getValue(), f.getValue());
            assertSameValue(e.getValue(), nat.get(e.getKey()));
        }
        assertFalse(it.hasNext());
        assertTrue(sql.sameContent(nat) && nat.sameContent(sql));
        if (sql.geometry() != null) {
            assertArrayEquals(sql.geometry().storedBytes(), nat.geometry().storedBytes());
            assertEquals(sql.geometry().wkbOffset(), nat.geometry().wkbOffset());
            assertEquals(sql.geometry().envelope(), nat.geometry().envelope());
            assertTrue(sql.geometry().sameWkb(nat.geometry()));
            assertEquals(sql.geometry().geometry(), nat.geometry().geometry());
        } else {
            assertNull(nat.geometry());
        }
    }

    private static void assertSameValue(Object a, Object b) {
        if (a == null || b == null) {
            assertEquals(a, b);
            return;
        }
        assertEquals(a.getClass(), b.getClass());
        if (a instanceof byte[]) assertArrayEquals((byte[]) a, (byte[]) b);
        else assertEquals(a, b);
    }

    @Test
    void withoutGeometryKeepsEveryValueAndDropsTheShapeBytes() {
        Path[] p = pair(11);
        int checked = 0;
        for (FeatureChange c : run(p[0], p[1], true).changes()) {
            for (Row row : new Row[]{c.before(), c.after()}) {
                if (row == null || row.geometry() == null || !(row.attributes() instanceof RecordValues)) continue;
                RecordValues full = (RecordValues) row.attributes(), slim = full.withoutGeometry();
                assertEquals(new ArrayList<>(full.keySet()), new ArrayList<>(slim.keySet()));
                for (String k : full.keySet()) assertSameValue(full.get(k), slim.get(k));
                Iterator<Map.Entry<String, Object>> it = slim.entrySet().iterator();
                for (Map.Entry<String, Object> e : full.entrySet()) assertSameValue(e.getValue(), it.next().getValue());
                assertTrue(RecordValues.differingColumns(full, slim).isEmpty(), "no stored value differs");
                assertEquals(slim, slim.withoutGeometry());
                checked++;
            }
        }
        assertTrue(checked > 100, "rows checked: " + checked);
    }

    @Test
    void aRecordRowIsAReadOnlySortedMap() {
        Path[] p = pair(9);
        Row row = run(p[0], p[1], true).changes().get(0).before();
        SortedMap<String, Object> m = row.attributes();
        List<String> names = new ArrayList<>(m.keySet());
        assertEquals(names.stream().sorted().toList(), names, "name order");
        assertEquals(names.get(0), m.firstKey());
        assertEquals(names.get(names.size() - 1), m.lastKey());
        assertTrue(m.containsKey("nature"));
        assertFalse(m.containsKey("absent"));
        assertNull(m.get("absent"));
        assertNull(m.get(42));
        assertEquals(new java.util.TreeMap<>(m).headMap("nature").keySet(), m.headMap("nature").keySet());
        assertEquals(new java.util.TreeMap<>(m).tailMap("nature").keySet(), m.tailMap("nature").keySet());
        assertThrows(UnsupportedOperationException.class, () -> m.put("nature", "x"));
        assertThrows(UnsupportedOperationException.class, () -> m.remove("nature"));
        assertThrows(UnsupportedOperationException.class, () -> m.keySet().remove("nature"));
        assertThrows(UnsupportedOperationException.class, m::clear);
    }
}
