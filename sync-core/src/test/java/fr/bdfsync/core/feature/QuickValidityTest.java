package fr.bdfsync.core.feature;

import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick validity proof never says "valid" for a geometry JTS finds invalid (or cannot parse), and proves the
 * ordinary valid polygons (so that the JTS path is the exception).
 */
class QuickValidityTest {
    private static final GeometryFactory F = new GeometryFactory();

    private static boolean proved(Geometry g) {
        byte[] wkb = IsoWkb.write(g);
        return QuickValidity.provedValid(wkb, 0, wkb.length);
    }

    private static boolean jtsValid(byte[] wkb) {
        try {
            return new IsValidOp(new WKBReader(F).read(wkb)).getValidationError() == null;
        } catch (Exception e) {
            return false; // does not parse: refused as invalid-geometry
        }
    }

    /** A proof must imply JTS validity; returns whether it was proved. */
    private static boolean check(byte[] wkb, String what) {
        return check(wkb, () -> what);
    }

    private static boolean check(byte[] wkb, java.util.function.Supplier<String> what) {
        boolean proved = QuickValidity.provedValid(wkb, 0, wkb.length);
        if (proved) assertTrue(jtsValid(wkb), () -> "proved valid but JTS says invalid: " + what.get());
        return proved;
    }

    private static boolean check(Geometry g) {
        return check(IsoWkb.write(g), g::toText);
    }

    @Test
    void handPickedCases() throws Exception {
        WKTReader r = new WKTReader(F);
        assertTrue(check(r.read("POLYGON ((0 0, 10 0, 0 10, 0 0))")), "triangle");
        assertTrue(check(r.read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2), (6 6, 6 8, 8 8, 8 6, 6 6))")), "two holes");
        assertTrue(check(r.read("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((20 0, 30 0, 30 10, 20 10, 20 0)))")), "two parts");
        assertTrue(check(r.read("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2)), ((3 3, 7 3, 7 7, 3 7, 3 3)))")),
                "island in a hole");
        assertTrue(check(r.read("POLYGON Z ((0 0 1, 10 0 2, 10 10 3, 0 10 4, 0 0 1))")), "Z");
        assertTrue(check(r.read("POLYGON M ((0 0 1, 10 0 2, 10 10 3, 0 10 4, 0 0 1))")), "M");
        assertTrue(check(r.read("POLYGON ZM ((0 0 1 5, 10 0 2 5, 10 10 3 5, 0 10 4 5, 0 0 1 5))")), "ZM");
        assertTrue(check(r.read("LINESTRING (0 0, 1 1)")), "line");
        assertTrue(check(r.read("LINESTRING Z (0 0 1, 0 0 2, 1 1 3)")), "line Z with a repeated point");
        assertTrue(check(r.read("MULTILINESTRING ((0 0, 1 1), (5 5, 5 6, 5 5))")), "multi line");
        assertFalse(check(r.read("LINESTRING (1 1, 1 1)")), "one distinct point: invalid");
        assertFalse(check(r.read("MULTILINESTRING ((0 0, 1 1), (2 2, 2 2))")), "a line of one distinct point: invalid");
        assertFalse(check(r.read("MULTILINESTRING ((0 0, 1 1), EMPTY)")), "an empty line: valid, not proved");
        byte[] line = IsoWkb.write(r.read("LINESTRING (0 0, 1 1)"));
        assertFalse(check(java.util.Arrays.copyOf(line, line.length + 1), "trailing byte"));
        // invalid: never proved
        String[] invalid = {
                "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", // bow-tie
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 5, 15 5, 15 6, 5 6, 5 5))", // hole crosses the shell
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 20 22, 22 22, 22 20, 20 20))", // hole outside
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 1 9, 9 9, 9 1, 1 1), (2 2, 2 3, 3 3, 3 2, 2 2))", // nested holes
                "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 4 2, 4 4, 2 4, 2 2)))", // nested shells
                "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((5 5, 15 5, 15 15, 5 15, 5 5)))", // overlapping parts
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 2 1, 1 2, 0 0))", // hole touching the shell: valid, not proved
                "POLYGON ((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))", // collinear vertex: valid, not proved
                "POLYGON ((0 0, 10 0, 10 0, 10 10, 0 10, 0 0))", // repeated point: valid, not proved
                "POLYGON ((0 0, 10 0, 5 0, 5 5, 0 0))", // spike back along a segment
                "POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))", // self-touching at a vertex
                "POLYGON EMPTY", "POINT (1 2)", "LINESTRING EMPTY",
        };
        for (String wkt : invalid) assertFalse(check(r.read(wkt)), wkt);
        // encodings JTS parses differently or refuses
        byte[] ok = IsoWkb.write(r.read("POLYGON ((0 0, 10 0, 0 10, 0 0))"));
        byte[] big = new WKBWriter(2, ByteOrderValues.BIG_ENDIAN).write(r.read("POLYGON ((0 0, 10 0, 0 10, 0 0))"));
        assertTrue(check(big, "big-endian"));
        byte[] truncated = java.util.Arrays.copyOf(ok, ok.length - 1);
        assertFalse(check(truncated, "truncated"));
        byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 3);
        assertFalse(check(trailing, "trailing bytes"));
        byte[] nan = ok.clone();
        java.nio.ByteBuffer.wrap(nan).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(13, Double.NaN);
        assertFalse(check(nan, "NaN"));
        byte[] open = ok.clone();
        java.nio.ByteBuffer.wrap(open).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(13 + 3 * 16, 0.5); // last x
        assertFalse(check(open, "ring not closed"));
        assertFalse(QuickValidity.provedValid(ok, 0, 5), "too short");
    }

    @Test
    void randomPolygonsAreNeverProvedWhenJtsFindsThemInvalid() {
        Random rnd = new Random(8);
        int valid = 0, provedValid = 0, invalid = 0;
        for (int i = 0; i < 10_000; i++) {
            Geometry g = randomShape(rnd);
            // mutate some: swap two vertices, push one onto another, duplicate one, move a hole
            if (rnd.nextInt(3) == 0) g = mutate(g, rnd);
            byte[] wkb = IsoWkb.write(g);
            boolean jts = jtsValid(wkb);
            Geometry shape = g;
            boolean proved = check(wkb, shape::toText);
            if (jts) {
                valid++;
                if (proved) provedValid++;
            } else {
                invalid++;
            }
        }
        assertTrue(invalid > 1_000, "the mutations make invalid shapes: " + invalid);
        // the unmutated shapes are valid and nearly all proved; the JTS path stays for the rest
        assertTrue(provedValid > 0.8 * valid, provedValid + " of " + valid + " valid shapes proved");
    }

    @Test
    void realGeometriesProvedValidAreValid() throws Exception {
        int proved = 0, total = 0;
        for (String file : List.of(RealData.REDON, RealData.OLEMPS_V3, RealData.SARTHE_V20))
        try (GpkgDataset ds = GpkgDataset.open(RealData.file(file))) {
            for (String layer : ds.layerNames()) {
                String type = String.valueOf(ds.schema(layer).geometryType());
                if (!type.toUpperCase().contains("POLYGON") && !type.toUpperCase().contains("LINE")) continue;
                try (FeatureCursor c = ds.read(layer)) {
                    while (c.hasNext()) {
                        Feature f = c.next();
                        if (f.geometry() == null) continue;
                        byte[] wkb = f.geometry().wkb();
                        total++;
                        long fid = f.fid();
                        if (check(wkb, () -> file + " " + layer + " fid " + fid)) proved++;
                    }
                }
            }
        }
        assertTrue(total > 1000, "real polygons read: " + total);
        assertTrue(proved > 0.7 * total, proved + " of " + total + " real polygons proved");
    }

    private static Geometry randomShape(Random rnd) {
        int parts = rnd.nextInt(5) == 0 ? 2 + rnd.nextInt(2) : 1;
        List<Polygon> polys = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            double cx = rnd.nextInt(3) * 300 + rnd.nextDouble() * 100, cy = rnd.nextDouble() * 100, radius = 20 + rnd.nextDouble() * 100;
            LinearRing shell = star(rnd, cx, cy, radius, 20 + rnd.nextInt(180));
            List<LinearRing> holes = new ArrayList<>();
            int h = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0;
            for (int k = 0; k < h; k++) {
                double a = k * 2 * Math.PI / Math.max(1, h);
                holes.add(star(rnd, cx + Math.cos(a) * radius * 0.45, cy + Math.sin(a) * radius * 0.45, radius * 0.15, 8 + rnd.nextInt(30)));
            }
            polys.add(F.createPolygon(shell, holes.toArray(new LinearRing[0])));
        }
        return parts == 1 ? polys.get(0) : F.createMultiPolygon(polys.toArray(new Polygon[0]));
    }

    /** A star-shaped ring around (cx, cy): simple, radius between 0.6 and 1 times {@code radius}. */
    private static LinearRing star(Random rnd, double cx, double cy, double radius, int n) {
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * (i + rnd.nextDouble() * 0.6) / n, rr = radius * (0.6 + 0.4 * rnd.nextDouble());
            c[i] = new Coordinate(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
        }
        c[n] = c[0].copy();
        return F.createLinearRing(c);
    }

    private static Geometry mutate(Geometry g, Random rnd) {
        Geometry copy = g.copy();
        Coordinate[] all = copy.getCoordinates();
        copy.apply((org.locationtech.jts.geom.CoordinateSequenceFilter) new org.locationtech.jts.geom.CoordinateSequenceFilter() {
            final int kind = rnd.nextInt(5);
            final int target = rnd.nextInt(all.length);
            int seen;

            @Override
            public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
                int index = seen++;
                if (index != target || i == 0 || i == seq.size() - 1) return;
                switch (kind) {
                    case 0 -> { // onto another vertex of the geometry (touch or spike)
                        Coordinate o = all[rnd.nextInt(all.length)];
                        seq.setOrdinate(i, 0, o.x);
                        seq.setOrdinate(i, 1, o.y);
                    }
                    case 1 -> { // far across the shape (crossings)
                        seq.setOrdinate(i, 0, seq.getX(i) + (rnd.nextDouble() - 0.5) * 400);
                        seq.setOrdinate(i, 1, seq.getY(i) + (rnd.nextDouble() - 0.5) * 400);
                    }
                    case 2 -> { // onto the previous vertex (repeated point)
                        seq.setOrdinate(i, 0, seq.getX(i - 1));
                        seq.setOrdinate(i, 1, seq.getY(i - 1));
                    }
                    case 3 -> { // onto the midpoint of the neighbours (collinear), or just off it
                        double e = rnd.nextBoolean() ? 0 : 1e-12;
                        seq.setOrdinate(i, 0, (seq.getX(i - 1) + seq.getX(i + 1)) / 2 + e);
                        seq.setOrdinate(i, 1, (seq.getY(i - 1) + seq.getY(i + 1)) / 2);
                    }
                    default -> { // onto a point of another ring's segment (touch)
                        Coordinate a = all[rnd.nextInt(all.length - 1)];
                        Coordinate b = all[Math.min(all.length - 1, java.util.Arrays.asList(all).indexOf(a) + 1)];
                        seq.setOrdinate(i, 0, (a.x + b.x) / 2);
                        seq.setOrdinate(i, 1, (a.y + b.y) / 2);
                    }
                }
            }

            @Override
            public boolean isDone() {
                return seen > target;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }

    @Test
    void orderOfSegmentsIsByValue() {
        Random rnd = new Random(2);
        for (int n = 0; n < 200; n++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = rnd.nextInt(20) - 10 + rnd.nextDouble();
            int[] order = QuickValidity.byValue(v);
            assertEquals(n, java.util.Arrays.stream(order).distinct().count());
            for (int i = 1; i < n; i++) assertTrue(v[order[i - 1]] <= v[order[i]]);
        }
    }
}
