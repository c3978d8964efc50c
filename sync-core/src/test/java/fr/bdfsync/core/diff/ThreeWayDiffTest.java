package fr.bdfsync.core.diff;

import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.testsupport.GpkgBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One hand-built feature per three-way class, ancestor / national / local. */
class ThreeWayDiffTest {
    @TempDir
    Path tmp;

    private static final String L0 = "LINESTRING(0 0,10 0)";
    private static final String L1 = "LINESTRING(0 0,10 5)";
    private static final String L2 = "LINESTRING(0 0,10 9)";

    private static GpkgBuilder hydro() {
        return new GpkgBuilder().layer("troncon_hydrographique", GeometryType.LINESTRING, "cleabs:TEXT", "nature:TEXT", "sens:TEXT");
    }

    @Test
    void everyFeatureAndAttributeIsClassified() {
        Path anc = hydro()
                .row(1, "UNCH", "a", "d", L0)
                .row(2, "NAT", "a", "d", L0)
                .row(3, "LOC", "a", "d", L0)
                .row(4, "CONV", "a", "d", L0)
                .row(5, "DIV", "a", "d", L0)
                .row(6, "DISJ", "a", "d", L0)
                .row(7, "DELEDIT", "a", "d", L0)
                .row(8, "EDITDEL", "a", "d", L0)
                .row(9, "DELDEL", "a", "d", L0)
                .row(10, "GEODIV", "a", "d", L0)
                .write(tmp.resolve("anc.gpkg"));
        Path nat = hydro()
                .row(1, "UNCH", "a", "d", L0)
                .row(2, "NAT", "b", "d", L0)
                .row(3, "LOC", "a", "d", L0)
                .row(4, "CONV", "b", "d", L1)
                .row(5, "DIV", "b", "d", L0)
                .row(6, "DISJ", "b", "d", L0)
                .row(8, "EDITDEL", "b", "d", L0)
                .row(10, "GEODIV", "a", "d", L1)
                .row(11, "INSNAT", "n", "d", L0)
                .row(12, "INSBOTHSAME", "n", "d", L0)
                .row(13, "INSBOTHDIFF", "n", "d", L0)
                .write(tmp.resolve("nat.gpkg"));
        Path loc = hydro()
                .row(21, "UNCH", "a", "d", L0)
                .row(22, "NAT", "a", "d", L0)
                .row(23, "LOC", "a", "e", L0)
                .row(24, "CONV", "b", "d", "LINESTRING(0 0,10 5.0001)")
                .row(25, "DIV", "c", "d", L0)
                .row(26, "DISJ", "a", "e", L0)
                .row(27, "DELEDIT", "a", "e", L0)
                .row(30, "GEODIV", "a", "d", L2)
                .row(31, "INSLOC", "l", "d", L0)
                .row(32, "INSBOTHSAME", "n", "d", L0)
                .row(33, "INSBOTHDIFF", "x", "d", L0)
                .write(tmp.resolve("loc.gpkg"));
        ThreeWayLayer t = DiffFixtures.threeWay(anc, nat, loc, "troncon_hydrographique");
        Map<String, ThreeWayFeature> f = t.features().stream().collect(Collectors.toMap(ThreeWayFeature::key, x -> x));
        assertEquals(ThreeWayClass.NATIONAL_ONLY, f.get("NAT").classification());
        assertEquals(ThreeWayClass.LOCAL_ONLY, f.get("LOC").classification());
        assertEquals(ThreeWayClass.CONVERGENT, f.get("CONV").classification(), "same value, geometries equal within 1 mm");
        assertEquals(ThreeWayClass.CONVERGENT, f.get("CONV").geometry());
        assertEquals(ThreeWayClass.DIVERGENT, f.get("DIV").classification());
        assertEquals(new AttributeVerdict("nature", ThreeWayClass.DIVERGENT, "a", "b", "c"), f.get("DIV").attributes().get(0));
        assertEquals(ThreeWayClass.BOTH_DISJOINT, f.get("DISJ").classification());
        Map<String, ThreeWayClass> disj = f.get("DISJ").attributes().stream().collect(Collectors.toMap(AttributeVerdict::column, AttributeVerdict::classification));
        assertEquals(Map.of("nature", ThreeWayClass.NATIONAL_ONLY, "sens", ThreeWayClass.LOCAL_ONLY), disj);
        assertEquals(ThreeWayClass.DELETE_EDIT, f.get("DELEDIT").classification());
        assertEquals(ThreeWayClass.EDIT_DELETE, f.get("EDITDEL").classification());
        assertEquals(ThreeWayClass.CONVERGENT, f.get("DELDEL").classification());
        assertEquals(ThreeWayClass.DIVERGENT, f.get("GEODIV").classification());
        assertEquals(ThreeWayClass.DIVERGENT, f.get("GEODIV").geometry());
        assertEquals(ThreeWayClass.NATIONAL_ONLY, f.get("INSNAT").classification());
        assertEquals(Operation.INSERT, f.get("INSNAT").national().operation());
        assertEquals(ThreeWayClass.LOCAL_ONLY, f.get("INSLOC").classification());
        assertEquals(ThreeWayClass.CONVERGENT, f.get("INSBOTHSAME").classification());
        assertEquals(ThreeWayClass.DIVERGENT, f.get("INSBOTHDIFF").classification());
        // inserted on both sides with different values: the differing columns, no ancestor value
        assertEquals(java.util.List.of(new AttributeVerdict("nature", ThreeWayClass.DIVERGENT, null, "n", "x")), f.get("INSBOTHDIFF").attributes());
        assertEquals(java.util.List.of(), f.get("INSBOTHSAME").attributes());
        assertEquals(null, f.get("UNCH"));
        assertEquals(1, t.unchanged());
        assertEquals(13, t.features().size());
    }
}
