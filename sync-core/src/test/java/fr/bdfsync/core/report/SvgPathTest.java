package fr.bdfsync.core.report;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SvgPathTest {
    private final SvgPath svg = new SvgPath(1000, 2000);
    private final WKTReader wkt = new WKTReader();

    @Test
    void flipsYRoundsToDecimetresAndDropsRepeatedVertices() throws Exception {
        assertEquals("M0 0 10.5 -20 10.5 0", svg.path(wkt.read("LINESTRING (1000 2000, 1010.52 2020, 1010.54 2020.01, 1010.5 2000)")));
        assertEquals("M1 1h0", svg.path(wkt.read("POINT (1001 1999)")));
    }

    @Test
    void polygonsCloseEachRingAndMultiGeometriesConcatenate() throws Exception {
        assertEquals("M0 0 10 0 10 10ZM2 2 3 2 3 3Z",
                svg.path(wkt.read("POLYGON ((1000 2000, 1010 2000, 1010 1990, 1000 2000), (1002 1998, 1003 1998, 1003 1997, 1002 1998))")));
        assertEquals("M0 0 1 1M5 5 6 6", svg.path(wkt.read("MULTILINESTRING ((1000 2000, 1001 1999), (1005 1995, 1006 1994))")));
        assertEquals("M-0.5 0h0", svg.path(wkt.read("MULTIPOINT ((999.5 2000))")));
    }
}
