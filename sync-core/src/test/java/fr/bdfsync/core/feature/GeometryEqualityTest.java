package fr.bdfsync.core.feature;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeometryEqualityTest {
    private final GeometryEquality eq = new GeometryEquality(0.01, 0.05);

    private static Geometry g(String wkt) throws Exception {
        return new WKTReader().read(wkt);
    }

    @Test
    void aBowtieOnTheSameVerticesIsNotTheSameSquare() throws Exception {
        Geometry square = g("POLYGON ((1000 1000, 1100 1000, 1100 1100, 1000 1100, 1000 1000))");
        Geometry bowtie = g("POLYGON ((1000 1000, 1100 1100, 1100 1000, 1000 1100, 1000 1000))");
        assertFalse(eq.same(square, bowtie));
        assertFalse(eq.same(bowtie, square));
        assertTrue(eq.compare(square, bowtie).hausdorff() > 40);
    }

    @Test
    void ringStartingAtAnotherVertexIsTheSameShape() throws Exception {
        assertTrue(eq.same(g("POLYGON((0 0,10 0,10 10,0 10,0 0))"), g("POLYGON((10 10,0 10,0 0,10 0,10 10))")));
    }

    @Test
    void otherRingOrientationIsTheSameShape() throws Exception {
        assertTrue(eq.same(g("POLYGON((0 0,10 0,10 10,0 10,0 0))"), g("POLYGON((0 0,0 10,10 10,10 0,0 0))")));
        assertTrue(eq.same(g("POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,3 2,3 3,2 2))"), g("POLYGON((0 0,0 10,10 10,10 0,0 0),(3 3,3 2,2 2,3 3))")));
    }

    @Test
    void repeatedConsecutiveVerticesAreNotAChange() throws Exception {
        assertTrue(eq.same(g("LINESTRING(0 0,5 5,5 5,5 5,10 0)"), g("LINESTRING(0 0,5 5,10 0)")));
        assertTrue(eq.same(g("POLYGON((0 0,10 0,10 0,10 10,0 10,0 0))"), g("POLYGON((0 0,10 0,10 10,0 10,0 0))")));
    }

    @Test
    void singleGeometryEqualsOnePartMulti() throws Exception {
        assertTrue(eq.same(g("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)))"), g("POLYGON((0 0,10 0,10 10,0 10,0 0))")));
        assertTrue(eq.same(g("MULTILINESTRING((0 0,1 1))"), g("LINESTRING(0 0,1 1)")));
        assertFalse(eq.same(g("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))"), g("POLYGON((0 0,1 0,1 1,0 0))")));
    }

    @Test
    void partsOfAMultiInAnotherOrderAreTheSameShape() throws Exception {
        assertTrue(eq.same(g("MULTILINESTRING((0 0,1 1),(5 5,6 6))"), g("MULTILINESTRING((5 5,6 6),(0 0,1 1))")));
    }

    @Test
    void vertexMovesBelowTheToleranceAreAbsorbedAndAboveAreChanges() throws Exception {
        GeometryEquality.Comparison small = eq.compare(g("LINESTRING(0 0,5 5,10 0)"), g("LINESTRING(0 0,5.006 5.006,10 0)"));
        assertTrue(small.same());
        assertFalse(small.identical());
        GeometryEquality.Comparison big = eq.compare(g("LINESTRING(0 0,5 5,10 0)"), g("LINESTRING(0 0,5 5.5,10 0)"));
        assertFalse(big.same());
        // the moved apex is 0.5 from the old line (its nearest point is the old apex)
        assertEquals(0.5, big.hausdorff(), 1e-9);
        assertTrue(big.areaDelta() == 0 && big.lengthDelta() > 0);
    }

    @Test
    void aVertexAddedNearAStraightEdgeIsNotAChange() throws Exception {
        assertTrue(eq.same(g("LINESTRING(0 0,10 0)"), g("LINESTRING(0 0,5 0.004,10 0)")));
        assertFalse(eq.same(g("LINESTRING(0 0,10 0)"), g("LINESTRING(0 0,5 1,10 0)")));
    }

    @Test
    void reversedLineIsAChangeFlowDirectionMatters() throws Exception {
        assertFalse(eq.same(g("LINESTRING(0 0,5 5,10 0)"), g("LINESTRING(10 0,5 5,0 0)")));
    }

    @Test
    void zHasItsOwnTolerance() throws Exception {
        assertTrue(eq.same(g("LINESTRING Z(0 0 100,10 0 100)"), g("LINESTRING Z(0 0 100.04,10 0 100)")));
        GeometryEquality.Comparison c = eq.compare(g("LINESTRING Z(0 0 100,10 0 100)"), g("LINESTRING Z(0 0 100.2,10 0 100)"));
        assertFalse(c.same());
        assertEquals(0.2, c.maxDz(), 1e-9);
        assertFalse(eq.same(g("LINESTRING Z(0 0 100,10 0 100)"), g("LINESTRING(0 0,10 0)")), "losing Z is a change");
    }

    @Test
    void polygonAreaDeltaAndHausdorffAreMeasured() throws Exception {
        GeometryEquality.Comparison c = eq.compare(g("POLYGON((0 0,10 0,10 10,0 10,0 0))"), g("POLYGON((0 0,12 0,12 10,0 10,0 0))"));
        assertFalse(c.same());
        assertEquals(20, c.areaDelta(), 1e-9);
        assertEquals(2, c.hausdorff(), 1e-9);
    }

    @Test
    void zeroToleranceStillNormalises() throws Exception {
        GeometryEquality exact = new GeometryEquality(0, 0);
        assertTrue(exact.same(g("POLYGON((0 0,10 0,10 10,0 10,0 0))"), g("MULTIPOLYGON(((10 10,10 0,0 0,0 10,10 10)))")));
        assertFalse(exact.same(g("POINT(0 0)"), g("POINT(0 0.0000001)")));
    }

    @Test
    void fingerprintIgnoresNormalisationButNotValues() throws Exception {
        TreeMap<String, Object> attrs = new TreeMap<>(Map.of("cleabs", "K1", "n", 3L));
        String f1 = Fingerprint.of(attrs, g("POLYGON((0 0,10 0,10 10,0 10,0 0))"));
        assertEquals(64, f1.length());
        assertEquals(f1, Fingerprint.of(attrs, g("MULTIPOLYGON(((10 10,10 0,0 0,0 10,10 10)))")));
        TreeMap<String, Object> real = new TreeMap<>(Map.of("cleabs", "K1", "n", 3.0));
        assertEquals(f1, Fingerprint.of(real, g("POLYGON((0 0,10 0,10 10,0 10,0 0))")), "3 and 3.0 are the same value");
        TreeMap<String, Object> other = new TreeMap<>(Map.of("cleabs", "K1", "n", 4L));
        assertNotEquals(f1, Fingerprint.of(other, g("POLYGON((0 0,10 0,10 10,0 10,0 0))")));
        // the documented algorithm, recomputed independently (no geometry)
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("bdfsync.fingerprint/v1\ncleabs=TK1\nn=I3\nG".getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(md.digest()), Fingerprint.of(attrs, null));
    }
}
