package fr.bdfsync.core.merge;

import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Values#valid} answers as JTS's {@code IsValidOp}, whether the stored bytes are proved valid without parsing or
 * left to JTS: GeoPackage blobs and plain WKB, valid shapes and each kind of invalid one a merge can meet.
 */
class ValuesValidTest {
    @Test
    void answersAsIsValidOp() throws Exception {
        WKTReader r = new WKTReader();
        String[] shapes = {
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))",
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))",
                "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))",                  // bow-tie
                "POLYGON ((0 0, 10 0, 5 5, 10 10, 0 10, 5 5, 0 0))",        // ring touching itself
                "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 12, 8 8, 2 2))", // hole crossing the shell
                "POLYGON ((0 0, 10 0, 10 10, 20 10, 10 10, 0 10, 0 0))",    // spike
                "POLYGON ((0 0, 10 0, 10 0, 10 10, 0 10, 0 0))",            // repeated point: valid
                "POLYGON ((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))",             // three in line: valid
                "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((5 5, 15 5, 15 15, 5 15, 5 5)))", // overlapping parts
                "LINESTRING (0 0, 1 1, 0 1, 1 0)",
                "LINESTRING (1 1, 1 1)",
                "POLYGON Z ((0 0 1, 10 0 2, 10 10 3, 0 10 4, 0 0 1))"};
        for (String w : shapes) {
            Geometry g = r.read(w);
            boolean expected = new IsValidOp(g).isValid();
            assertEquals(expected, Values.valid(GeometryValue.ofGpkgBlob(GpkgGeometry.encode(g, 2154))), w + " (blob)");
            assertEquals(expected, Values.valid(GeometryValue.ofWkb(fr.bdfsync.core.feature.IsoWkb.write(g))), w + " (wkb)");
            assertEquals(expected, Values.valid(GeometryValue.of(g)), w + " (parsed)");
        }
    }
}
