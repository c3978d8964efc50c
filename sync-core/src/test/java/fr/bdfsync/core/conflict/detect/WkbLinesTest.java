package fr.bdfsync.core.conflict.detect;

import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.IsoWkb;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.WKBWriter;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The byte-level line reader answers as JTS does, on random lines and multilines, 2D and 3D, both byte orders. */
class WkbLinesTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void endsAndDistancesAgreeWithJts() {
        Random rnd = new Random(20261125);
        for (int round = 0; round < 300; round++) {
            int parts = 1 + rnd.nextInt(3);
            LineString[] ls = new LineString[parts];
            boolean z = rnd.nextBoolean();
            for (int p = 0; p < parts; p++) {
                int n = 2 + rnd.nextInt(8);
                Coordinate[] cs = new Coordinate[n];
                for (int i = 0; i < n; i++) cs[i] = z ? new Coordinate(rnd.nextInt(100), rnd.nextInt(100), rnd.nextInt(10)) : new Coordinate(rnd.nextInt(100), rnd.nextInt(100));
                if (rnd.nextInt(5) == 0) cs[n - 1] = cs[0].copy(); // a closed part has no ends
                ls[p] = GF.createLineString(cs);
            }
            Geometry g = parts == 1 && rnd.nextBoolean() ? ls[0] : GF.createMultiLineString(ls);
            int order = rnd.nextBoolean() ? 1 : 2; // ByteOrderValues: 1 big endian, 2 little endian
            byte[] wkb = rnd.nextBoolean() ? IsoWkb.write(g, z, false) : new WKBWriter(z ? 3 : 2, order).write(g); // ISO or extended WKB
            GeometryValue v = GeometryValue.ofWkb(wkb);
            assertEquals(WkbLines.jtsEnds(g), WkbLines.ends(v), g.toText());
            for (int k = 0; k < 20; k++) {
                Coordinate c = new Coordinate(rnd.nextDouble() * 100, rnd.nextDouble() * 100);
                double d = rnd.nextDouble() * 10;
                assertEquals(g.isWithinDistance(GF.createPoint(c), d), WkbLines.withinDistance(v, c, d), g.toText() + " " + c + " " + d);
            }
        }
    }

    /**
     * The runs of a line answer every distance question as the whole-line scan does: long random walks (many runs),
     * one-point and multi parts, 2D, 3D, both byte orders, points at and near the distance (snapped to the segments'
     * own distance, where rounding decides).
     */
    @Test
    void runsAnswerAsTheWholeLine() {
        Random rnd = new Random(20261126);
        int checked = 0, within = 0;
        for (int round = 0; round < 400; round++) {
            int parts = 1 + rnd.nextInt(3);
            LineString[] ls = new LineString[parts];
            boolean z = rnd.nextBoolean();
            double ox = 600000 + rnd.nextInt(100000), oy = 6500000 + rnd.nextInt(100000);
            for (int p = 0; p < parts; p++) {
                int n = rnd.nextInt(6) == 0 ? 2 : 2 + rnd.nextInt(60);
                Coordinate[] cs = new Coordinate[n];
                double x = ox + rnd.nextDouble() * 50, y = oy + rnd.nextDouble() * 50;
                for (int i = 0; i < n; i++) {
                    x += rnd.nextGaussian() * 5;
                    y += rnd.nextGaussian() * 5;
                    cs[i] = z ? new Coordinate(x, y, rnd.nextInt(10)) : new Coordinate(x, y);
                }
                ls[p] = GF.createLineString(cs);
            }
            Geometry g = parts == 1 && rnd.nextBoolean() ? ls[0] : GF.createMultiLineString(ls);
            int order = rnd.nextBoolean() ? 1 : 2;
            byte[] wkb = rnd.nextBoolean() ? IsoWkb.write(g, z, false) : new WKBWriter(z ? 3 : 2, order).write(g);
            GeometryValue v = GeometryValue.ofWkb(wkb);
            WkbLines.Runs runs = WkbLines.Runs.of(v);
            if (runs == null) throw new AssertionError("no runs for " + g.toText());
            Coordinate[] all = g.getCoordinates();
            for (int k = 0; k < 60; k++) {
                Coordinate c;
                double d = rnd.nextDouble() * 3;
                if (k % 3 == 0) {
                    Coordinate a = all[rnd.nextInt(all.length)];
                    c = new Coordinate(a.x + rnd.nextGaussian() * 3, a.y + rnd.nextGaussian() * 3);
                    d = g.distance(GF.createPoint(c)); // on the boundary
                } else {
                    c = new Coordinate(ox + rnd.nextDouble() * 400 - 100, oy + rnd.nextDouble() * 400 - 100);
                }
                boolean expected = WkbLines.withinDistance(v, c, d);
                assertEquals(expected, runs.withinDistance(c, d), g.toText() + " " + c + " " + d);
                checked++;
                if (expected) within++;
            }
        }
        // both answers were exercised
        if (within < 400 || checked - within < 400) throw new AssertionError(within + " within of " + checked);
    }

    /** A parsed value, a polygon and a multiline with an empty part have no runs (the callers fall back to the whole-line scan). */
    @Test
    void noRunsWhereTheBytesCannotBeReadSo() {
        LineString line = GF.createLineString(new Coordinate[]{new Coordinate(0, 0), new Coordinate(1, 1)});
        assertEquals(null, WkbLines.Runs.of(GeometryValue.of(line)));
        Geometry square = GF.createPolygon(new Coordinate[]{new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(1, 1), new Coordinate(0, 0)});
        assertEquals(null, WkbLines.Runs.of(GeometryValue.ofWkb(IsoWkb.write(square))));
        Geometry withEmpty = GF.createMultiLineString(new LineString[]{line, GF.createLineString()});
        assertEquals(null, WkbLines.Runs.of(GeometryValue.ofWkb(new WKBWriter(2, 2).write(withEmpty))));
    }
}
