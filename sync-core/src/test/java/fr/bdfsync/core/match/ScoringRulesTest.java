package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import static fr.bdfsync.core.match.G.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ScoringRulesTest {
    private static final double S = 15;
    private static final Geometry LINE = wkt("LINESTRING (0 0, 100 0)");
    private static final Geometry STRIP = wkt("POLYGON ((0 -2, 100 -2, 100 2, 0 2, 0 -2))");

    @Test
    void lineSameScoresFromFrechet() {
        PairScore p = new LineSameRule().score(wkt("LINESTRING (0 3, 50 3, 100 3)"), LINE, S);
        assertNotNull(p);
        assertEquals(Relation.SAME, p.relation());
        assertEquals(1 - 3 / S, p.confidence(), 0.75 / S, "Fréchet densified at S/10");
        assertEquals(1.0, p.measures().get("direction"));
        assertEquals(-1.0, new LineSameRule().score(wkt("LINESTRING (100 3, 0 3)"), LINE, S).measures().get("direction"));
    }

    @Test
    void lineSameRefusesAPieceAndAFarLine() {
        assertNull(new LineSameRule().score(wkt("LINESTRING (0 0, 50 0)"), LINE, S));
        assertNull(new LineSameRule().score(wkt("LINESTRING (0 30, 100 30)"), LINE, S));
    }

    @Test
    void linePartBothWays() {
        PairScore localPart = new LinePartRule().score(wkt("LINESTRING (0 1, 40 1)"), LINE, S);
        assertEquals(Relation.LOCAL_PART_OF_NATIONAL, localPart.relation());
        assertEquals(0.4, localPart.coverage(), 1e-9);
        assertEquals(1 - 1 / S, localPart.confidence(), 1e-9);
        PairScore nationalPart = new LinePartRule().score(wkt("LINESTRING (0 1, 250 1)"), LINE, S);
        assertEquals(Relation.NATIONAL_PART_OF_LOCAL, nationalPart.relation());
        assertNull(new LinePartRule().score(wkt("LINESTRING (0 1, 95 1)"), LINE, S), "similar lengths are for line.same");
    }

    @Test
    void polygonSameForgivesAShiftedThinStrip() {
        Geometry shifted = wkt("POLYGON ((0 1, 100 1, 100 5, 0 5, 0 1))");
        PairScore p = new PolygonSameRule().score(shifted, STRIP, S);
        assertEquals(1 - 3 / S, p.confidence(), 1e-9);
        assertEquals(null, p.measures().get("overlap_union"), "close outlines: no overlay needed");
        // 5 m along: the overlay runs and is recorded
        PairScore q = new PolygonSameRule().score(wkt("POLYGON ((5 -2, 105 -2, 105 2, 5 2, 5 -2))"), STRIP, S);
        assertEquals(380.0 / 420, q.measures().get("overlap_union"), 1e-9);
        assertEquals(380.0 / 420, q.confidence(), 1e-9);
    }

    @Test
    void polygonSameAcceptsALargeZoneDrawnDifferentlyByItsOverlap() {
        Geometry zone = wkt("POLYGON ((0 0, 1000 0, 1000 1000, 0 1000, 0 0))");
        Geometry other = wkt("POLYGON ((0 0, 500 -40, 1000 0, 1000 1000, 0 1000, 0 0))");
        PairScore p = new PolygonSameRule().score(other, zone, S);
        assertEquals(40, p.measures().get("hausdorff_m"), 1e-9);
        assertEquals(1000.0 * 1000 / (1000 * 1000 + 20000), p.confidence(), 1e-9);
    }

    @Test
    void polygonPartOfALargerZone() {
        Geometry zone = wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
        PairScore p = new PolygonPartRule().score(wkt("POLYGON ((0 0, 50 0, 50 100, 0 100, 0 0))"), zone, S);
        assertEquals(Relation.LOCAL_PART_OF_NATIONAL, p.relation());
        assertEquals(0.5, p.coverage(), 1e-9);
        assertEquals(1, p.confidence(), 1e-9);
        assertNull(new PolygonPartRule().score(wkt("POLYGON ((90 0, 140 0, 140 100, 90 100, 90 0))"), zone, S), "mostly outside");
    }

    @Test
    void pointSame() {
        assertEquals(0.5, new PointSameRule().score(wkt("POINT (0 0)"), wkt("POINT (3 4)"), 10).confidence(), 1e-9);
        assertNull(new PointSameRule().score(wkt("POINT (0 0)"), wkt("POINT (30 40)"), 10));
    }

    @Test
    void hedgeLineAlongTheAxisOfAThinPolygonAndTheReverse() {
        Geometry axis = wkt("LINESTRING (1 0.5, 99 0.5)");
        PairScore p = HedgeAxisRule.lineInPolygon().score(axis, STRIP, S);
        assertNotNull(p);
        assertEquals("hedge.line-in-polygon", p.rule());
        assertEquals(Relation.SAME, p.relation());
        assertEquals(1, p.confidence(), 0.1);
        PairScore q = HedgeAxisRule.polygonAroundLine().score(STRIP, axis, S);
        assertEquals("hedge.polygon-around-line", q.rule());
        assertEquals(p.confidence(), q.confidence(), 1e-9);
        // a line covering a third of the strip is not this hedge
        assertNull(HedgeAxisRule.lineInPolygon().score(wkt("LINESTRING (0 0, 30 0)"), STRIP, S));
        // a wide block is not a hedge
        assertNull(HedgeAxisRule.lineInPolygon().score(wkt("LINESTRING (0 50, 100 50)"), wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"), S));
    }

    @Test
    void rulesPerDimension() {
        assertEquals(2, ScoringRules.forDimensions(1, 1).size());
        assertEquals("hedge.line-in-polygon", ScoringRules.forDimensions(1, 2).get(0).name());
        assertEquals(0, ScoringRules.forDimensions(0, 2).size());
    }
}
