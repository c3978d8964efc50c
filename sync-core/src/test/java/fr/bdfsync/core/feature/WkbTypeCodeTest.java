package fr.bdfsync.core.feature;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WkbTypeCodeTest {
    @Test
    void readsIsoAndEwkbCodesInBothByteOrders() throws Exception {
        WKTReader wkt = new WKTReader();
        assertEquals("MultiPolygon Z", WkbTypeCode.read(IsoWkb.write(wkt.read("MULTIPOLYGON Z (((0 0 1, 1 0 1, 1 1 1, 0 0 1)))")), 0).label());
        assertEquals("LineString ZM", WkbTypeCode.read(IsoWkb.write(wkt.read("LINESTRING ZM (0 0 1 2, 1 1 1 2)")), 0).label());
        assertEquals("Point", WkbTypeCode.read(IsoWkb.write(wkt.read("POINT (1 2)")), 0).label());
        byte[] ewkbBig = new WKBWriter(3, org.locationtech.jts.io.ByteOrderValues.BIG_ENDIAN).write(wkt.read("LINESTRING Z (0 0 1, 1 1 2)"));
        assertEquals(new WkbTypeCode(GeometryType.LINESTRING, true, false), WkbTypeCode.read(ewkbBig, 0));
        byte[] prefixed = new byte[ewkbBig.length + 3];
        System.arraycopy(ewkbBig, 0, prefixed, 3, ewkbBig.length);
        assertEquals(GeometryType.LINESTRING, WkbTypeCode.read(prefixed, 3).type());
        assertThrows(IllegalArgumentException.class, () -> WkbTypeCode.read(new byte[]{1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> WkbTypeCode.read(new byte[]{7, 1, 0, 0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> WkbTypeCode.read(new byte[]{1, 99, 0, 0, 0}, 0));
    }
}
