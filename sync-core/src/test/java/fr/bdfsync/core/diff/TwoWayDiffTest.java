package fr.bdfsync.core.diff;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.testsupport.GpkgBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static fr.bdfsync.core.diff.DiffFixtures.change;
import static fr.bdfsync.core.diff.DiffFixtures.twoWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoWayDiffTest {
    @TempDir
    Path tmp;

    private static final String SQ = "POLYGON((0 0,10 0,10 10,0 10,0 0))";

    private GpkgBuilder vege() {
        return new GpkgBuilder().layer("zone_de_vegetation", GeometryType.POLYGON, "cleabs:TEXT", "nature:TEXT", "precision_planimetrique:REAL");
    }

    @Test
    void insertsDeletesAndUpdatesByKeyWhateverTheFids() {
        Path a = vege().row(1, "K1", "Bois", 5.0, SQ).row(2, "K2", "Haie", 5.0, SQ).row(3, "K3", "Vigne", 5.0, SQ).write(tmp.resolve("a.gpkg"));
        Path b = vege().row(7, "K4", "Bois", 5.0, SQ).row(8, "K3", "Verger", 5.0, SQ)
                .row(9, "K1", "Bois", 5.0, "POLYGON((0 0,12 0,12 10,0 10,0 0))").write(tmp.resolve("b.gpkg"));
        LayerDiff d = twoWay(a, b, "zone_de_vegetation");
        assertEquals("cleabs", d.keyColumn());
        assertEquals(List.of("K1", "K2", "K3", "K4"), d.changes().stream().map(FeatureChange::key).toList());
        assertEquals(Operation.DELETE, change(d, "K2").operation());
        assertEquals(Operation.INSERT, change(d, "K4").operation());
        FeatureChange k3 = change(d, "K3");
        assertEquals(List.of(new AttributeChange("nature", "Vigne", "Verger")), k3.attributes());
        assertFalse(k3.geometryChanged());
        FeatureChange k1 = change(d, "K1");
        assertTrue(k1.attributes().isEmpty());
        assertEquals(20, k1.geometry().areaDelta(), 1e-9);
        assertEquals(2, k1.geometry().hausdorff(), 1e-9);
        assertEquals(9, k1.after().fid());
    }

    @Test
    void normalisedOrBelowToleranceGeometriesAreAbsorbedAndCounted() {
        Path a = vege().row(1, "K1", "Bois", 5.0, SQ).row(2, "K2", "Bois", 5.0, SQ).row(3, "K3", "Bois", 5.0, SQ).write(tmp.resolve("a.gpkg"));
        Path b = vege().row(1, "K1", "Bois", 5.0, "MULTIPOLYGON(((10 10,10 0,0 0,0 10,10 10)))")
                .row(2, "K2", "Bois", 5.0, "POLYGON((0 0,10.0004 0,10 10,0 10,0 0))")
                .row(3, "K3", "Bois", 5.0, "POLYGON((0 0,10.5 0,10 10,0 10,0 0))").write(tmp.resolve("b.gpkg"));
        LayerDiff d = twoWay(a, b, "zone_de_vegetation");
        assertEquals(List.of("K3"), d.changes().stream().map(FeatureChange::key).toList());
        assertEquals(2, d.absorbedByTolerance());
        assertEquals(2, d.unchanged());
        LayerDiff lenient = twoWay(a, b, "zone_de_vegetation", DiffSettings.uniform(LayerDiffSettings.DEFAULTS.withXyTolerance(1.0)), AttributeMapping.NONE);
        assertTrue(lenient.changes().isEmpty());
        assertEquals(3, lenient.absorbedByTolerance());
        LayerDiff precision = twoWay(a, b, "zone_de_vegetation",
                DiffSettings.uniform(new LayerDiffSettings(null, 0.001, 0.01, true)), AttributeMapping.NONE);
        assertTrue(precision.changes().isEmpty(), "a 0.5 m move is within precision_planimetrique 5 m");
    }

    @Test
    void attributeOnlyTableWithIntegerKey() {
        Path a = new GpkgBuilder().table("t", "code:INTEGER", "label:TEXT").row(1, 10L, "a").row(2, 20L, "b").row(3, 100L, "c").write(tmp.resolve("a.gpkg"));
        Path b = new GpkgBuilder().table("t", "code:INTEGER", "label:TEXT").row(5, 20L, "B").row(6, 100L, "c").row(7, 9L, "n").write(tmp.resolve("b.gpkg"));
        LayerDiff d = twoWay(a, b, "t", DiffSettings.uniform(LayerDiffSettings.DEFAULTS.withKeyColumn("code")), AttributeMapping.NONE);
        assertEquals(List.of("9", "10", "20"), d.changes().stream().map(FeatureChange::key).toList(), "integer keys sort numerically");
        assertEquals(Operation.INSERT, change(d, "9").operation());
        assertEquals(Operation.DELETE, change(d, "10").operation());
        assertEquals(List.of(new AttributeChange("label", "b", "B")), change(d, "20").attributes());
        assertNull(d.crs());
    }

    @Test
    void withoutCleabsThePrimaryKeyIsTheKey() {
        Path a = new GpkgBuilder().table("t", "label:TEXT").row(1, "a").row(2, "b").write(tmp.resolve("a.gpkg"));
        Path b = new GpkgBuilder().table("t", "label:TEXT").row(1, "a").row(2, "c").write(tmp.resolve("b.gpkg"));
        LayerDiff d = twoWay(a, b, "t");
        assertEquals("fid", d.keyColumn());
        assertEquals(List.of("2"), d.changes().stream().map(FeatureChange::key).toList());
    }

    @Test
    void shapefileAliasIdIsTheCleabs() {
        Path a = new GpkgBuilder().layer("haie", GeometryType.LINESTRING, "ID:TEXT", "NATURE:TEXT").row(1, "H1", "Haie", "LINESTRING(0 0,1 1)").write(tmp.resolve("a.gpkg"));
        Path b = new GpkgBuilder().layer("haie", GeometryType.LINESTRING, "cleabs:TEXT", "nature:TEXT").row(1, "H1", "Haie basse", "LINESTRING(0 0,1 1)").write(tmp.resolve("b.gpkg"));
        LayerDiff d = twoWay(a, b, "haie");
        assertEquals("cleabs", d.keyColumn());
        assertEquals(List.of(new AttributeChange("nature", "Haie", "Haie basse")), change(d, "H1").attributes());
    }

    @Test
    void duplicateAndNullKeysAreSchemaErrorsListingThem() {
        Path a = vege().row(1, "K1", "Bois", 5.0, SQ).row(2, "K1", "Haie", 5.0, SQ).row(3, null, "Haie", 5.0, SQ).write(tmp.resolve("a.gpkg"));
        Path b = vege().row(1, "K1", "Bois", 5.0, SQ).write(tmp.resolve("b.gpkg"));
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> twoWay(a, b, "zone_de_vegetation"));
        assertEquals(ExitCode.SCHEMA, e.exitCode());
        assertTrue(e.getMessage().contains("duplicate keys K1 (fids 1, 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("1 null or empty keys (fids [3])"), e.getMessage());
        assertTrue(e.getMessage().contains("a.gpkg"), e.getMessage());
    }

    @Test
    void missingKeyColumnIsASchemaError() {
        Path a = vege().row(1, "K1", "Bois", 5.0, SQ).write(tmp.resolve("a.gpkg"));
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> twoWay(a, a, "zone_de_vegetation",
                DiffSettings.uniform(LayerDiffSettings.DEFAULTS.withKeyColumn("nope")), AttributeMapping.NONE));
        assertEquals(ExitCode.SCHEMA, e.exitCode());
        assertTrue(e.getMessage().contains("key column 'nope' not found"), e.getMessage());
    }

    @Test
    void differentCrsIsACrsError() {
        Path a = vege().row(1, "K1", "Bois", 5.0, SQ).write(tmp.resolve("a.gpkg"));
        Path b = new GpkgBuilder().layer("zone_de_vegetation", GeometryType.POLYGON, false, 4326, "cleabs:TEXT", "nature:TEXT")
                .row(1, "K1", "Bois", SQ).write(tmp.resolve("b.gpkg"));
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> twoWay(a, b, "zone_de_vegetation"));
        assertEquals(ExitCode.CRS, e.exitCode());
    }

    @Test
    void schemaChangesAreReportedAndCommonColumnsStillCompared() {
        Path a = new GpkgBuilder().layer("l", GeometryType.POLYGON, "cleabs:TEXT", "nature:TEXT", "old:TEXT", "h:INTEGER")
                .row(1, "K1", "Bois", "x", 3L, SQ).row(2, "K2", "Bois", "y", 4L, SQ).write(tmp.resolve("a.gpkg"));
        Path b = new GpkgBuilder().layer("l", GeometryType.MULTIPOLYGON, "cleabs:TEXT", "nature:TEXT", "new:TEXT", "h:TEXT")
                .row(1, "K1", "Bois", "z", "3", SQ).row(2, "K2", "Haie", "z", "4", SQ).write(tmp.resolve("b.gpkg"));
        LayerDiff d = twoWay(a, b, "l");
        assertEquals(Map.of(SchemaChange.Kind.COLUMN_ADDED, "new", SchemaChange.Kind.COLUMN_REMOVED, "old", SchemaChange.Kind.COLUMN_RETYPED, "h"),
                d.schemaChanges().stream().filter(s -> s.column() != null).collect(java.util.stream.Collectors.toMap(SchemaChange::kind, SchemaChange::column)));
        assertTrue(d.schemaChanges().contains(new SchemaChange(SchemaChange.Kind.GEOMETRY_TYPE_CHANGED, null, "POLYGON", "MULTIPOLYGON")));
        assertEquals(List.of("K2"), d.changes().stream().map(FeatureChange::key).toList());
        assertEquals("nature", change(d, "K2").attributes().get(0).column());
    }

    @Test
    void mappingRenamesColumnsAndLayers() {
        Path a = new GpkgBuilder().layer("zone_vegetation", GeometryType.POLYGON, "id:TEXT", "prec_plani:REAL", "nature:TEXT")
                .row(1, "K1", 5.0, "Bois", SQ).write(tmp.resolve("a.gpkg"));
        Path b = vege().row(1, "K1", "Bois", 2.5, SQ).write(tmp.resolve("b.gpkg"));
        AttributeMapping m = new AttributeMapping(Map.of("id", "cleabs", "prec_plani", "precision_planimetrique"), Map.of(),
                Map.of("zone_de_vegetation", List.of("zone_vegetation")));
        LayerDiff d = twoWay(a, b, "zone_de_vegetation", DiffSettings.uniform(LayerDiffSettings.DEFAULTS), m);
        assertTrue(d.schemaChanges().isEmpty(), d.schemaChanges().toString());
        assertEquals(List.of(new AttributeChange("precision_planimetrique", 5.0, 2.5)), change(d, "K1").attributes());
    }
}
