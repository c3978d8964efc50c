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
}
