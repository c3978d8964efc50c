package fr.bdfsync.core.report;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SvgPathTest {
    private final SvgPath svg = new SvgPath(1000, 2000);
    private final WKTReader wkt = new WKTReader();

    @Test
    void flipsYRoundsToDecimetresAndDropsRepeatedVertices() throws Exception {
        assertEquals("M0 0l10.5 -20 0 20", svg.path(wkt.read("LINESTRING (1000 2000, 1010.52 2020, 1010.54 2020.01, 1010.5 2000)")));
        assertEquals("M1 1h0", svg.path(wkt.read("POINT (1001 1999)")));
    }

    @Test
    void polygonsCloseEachRingAndMultiGeometriesConcatenate() throws Exception {
        assertEquals("M0 0l10 0 0 10ZM2 2l1 0 0 1Z",
                svg.path(wkt.read("POLYGON ((1000 2000, 1010 2000, 1010 1990, 1000 2000), (1002 1998, 1003 1998, 1003 1997, 1002 1998))")));
        assertEquals("M0 0l1 1M5 5l1 1", svg.path(wkt.read("MULTILINESTRING ((1000 2000, 1001 1999), (1005 1995, 1006 1994))")));
        assertEquals("M-0.5 0h0", svg.path(wkt.read("MULTIPOINT ((999.5 2000))")));
    }

    @Test
    void relativeStepsAddUpToTheRoundedAbsolutePositions() {
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        java.util.Random r = new java.util.Random(3);
        org.locationtech.jts.geom.Coordinate[] cs = new org.locationtech.jts.geom.Coordinate[500];
        for (int i = 0; i < cs.length; i++) cs[i] = new org.locationtech.jts.geom.Coordinate(1000 + i * 0.37 + r.nextDouble(), 2000 - r.nextDouble() * 50);
        String d = svg.path(gf.createLineString(cs));
        String[] parts = d.substring(1).replace("l", " ").trim().split(" ");
        double x = 0, y = 0;
        for (int i = 0; i < parts.length; i += 2) {
            x += Double.parseDouble(parts[i]);
            y += Double.parseDouble(parts[i + 1]);
        }
        org.locationtech.jts.geom.Coordinate last = cs[cs.length - 1];
        assertEquals(svg.x(last.x), Math.round(x * 10) / 10.0, 1e-9);
        assertEquals(svg.y(last.y), Math.round(y * 10) / 10.0, 1e-9);
    }

    @Test
    void degreesKeepEnoughDecimals() throws Exception {
        org.locationtech.jts.geom.Envelope wgs84 = new org.locationtech.jts.geom.Envelope(-2.1, -2.05, 47.64, 47.67);
        assertEquals(6, SvgPath.digitsFor(wgs84));
        assertEquals(1, SvgPath.digitsFor(new org.locationtech.jts.geom.Envelope(320000, 325000, 6740000, 6746000)));
        SvgPath deg = new SvgPath(-2.1, 47.67, 6);
        assertEquals("M0.012345 0.020001l0.000005 -0.01", deg.path(wkt.read("LINESTRING (-2.087655 47.649999, -2.08765 47.659999)")));
    }
}
