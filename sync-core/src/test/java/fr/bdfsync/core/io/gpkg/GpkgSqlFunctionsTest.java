package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.feature.IsoWkb;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GpkgSqlFunctionsTest {
    /** A GeoPackage blob without header envelope (as many producers write), so the WKB must be read. */
    private static byte[] blob(String wkt) throws Exception {
        byte[] wkb = IsoWkb.write(new WKTReader().read(wkt));
        return ByteBuffer.allocate(8 + wkb.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 1).putInt(2154).put(wkb).array();
    }

    @Test
    void boundsFollowEachBlobAndReuseTheLastOne() throws Exception {
        GpkgSqlFunctions.Bounds bounds = new GpkgSqlFunctions.Bounds();
        byte[] a = blob("LINESTRING (1 2, 3 4)");
        byte[] b = blob("LINESTRING (10 20, 30 40)");
        assertEquals(new Envelope(1, 3, 2, 4), bounds.of(a));
        assertEquals(new Envelope(1, 3, 2, 4), bounds.of(a.clone()));
        assertEquals(new Envelope(10, 30, 20, 40), bounds.of(b));
        // same length, different coordinates: never the cached envelope
        byte[] c = blob("LINESTRING (10 20, 30 41)");
        assertEquals(b.length, c.length);
        assertEquals(new Envelope(10, 30, 20, 41), bounds.of(c));
        assertEquals(new Envelope(1, 3, 2, 4), bounds.of(a));
    }
}
