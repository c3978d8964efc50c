package fr.bdfsync.core.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.testsupport.RealData;
import fr.bdfsync.core.theme.ThemeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectorTest {
    @TempDir
    Path tmp;

    private final Inspector inspector = new Inspector(ThemeCatalog.bundled());

    @Test
    void reportsProblemsOfAHandMadeLayer() throws Exception {
        Path file = tmp.resolve("haies.gpkg");
        CrsRef l93 = CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", null);
        Schema s = new Schema("zone_de_vegetation", List.of(new Field("cleabs", FieldType.TEXT), new Field("nature", FieldType.TEXT),
                new Field("date_creation", FieldType.DATETIME), new Field("couleur", FieldType.TEXT)),
                "geom", GeometryType.MULTIPOLYGON, false, false, l93, "fid");
        WKTReader wkt = new WKTReader();
        GeometryValue square = GeometryValue.of(wkt.read("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))"));
        GeometryValue single = GeometryValue.of(wkt.read("POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))"));
        try (GpkgWriter w = GpkgWriter.create(file)) {
            GpkgWriter.LayerWriter lw = w.addLayer(s);
            lw.write(new Feature(1, new Object[]{"ZONEVEGE0000000000000001", "Bois", "2020-01-01T00:00:00Z", "vert"}, square));
            lw.write(new Feature(2, new Object[]{"ZONEVEGE0000000000000001", "Foret", "2020-01-01T00:00:00Z", null}, square));
            lw.write(new Feature(3, new Object[]{null, "Foret", null, null}, single));
            lw.write(new Feature(4, new Object[]{"HAIELINE0000000000000004", "Jungle", "2020-01-01T00:00:00Z", null}, null));
            w.commit();
        }
        SourceReport src = inspector.inspect(List.of(file), null).sources().get(0);
        assertEquals("GPKG", src.format());
        assertEquals(List.of("EPSG:2154"), src.crs());
        assertEquals(List.of("vegetation"), src.themes());
        LayerReport r = src.layer("zone_de_vegetation");
        assertEquals(4, r.featureCount());
        assertEquals("MultiPolygon", r.declaredGeometryType());
        assertEquals(Map.of("MultiPolygon", 2L, "null", 1L, "Polygon", 1L), r.geometryTypesFound());
        assertEquals(new ThemeMatchReport("vegetation", "zone_de_vegetation", "EXACT", "MultiPolygon", true), r.match());
        assertEquals(List.of("couleur"), r.unknownAttributes());
        assertTrue(r.missingAttributes().contains(new MissingAttribute("precision_planimetrique", false)));
        assertFalse(r.missingAttributes().stream().anyMatch(MissingAttribute::mandatory));
        assertEquals(List.of(new ValueIssue("nature", "nature", "nature_vegetation", 3, List.of("Foret", "Jungle"))), r.valuesOutsideLists());
        assertEquals(List.of(new MandatoryNulls("cleabs", "cleabs", 1), new MandatoryNulls("date_creation", "date_creation", 1)),
                r.mandatoryNulls());
        assertEquals(new KeyReport("cleabs", "CATALOGUE", 1, 1, List.of("ZONEVEGE0000000000000001"), "ZONEVEGE", 1), r.key());

        JsonNode json = new ObjectMapper().readTree(inspector.inspect(List.of(file), null).toJson());
        JsonNode layer = json.get(InspectReport.FORMAT).get("sources").get(0).get("layers").get(0);
        assertEquals(3, layer.get("valuesOutsideLists").get(0).get("count").asInt());
        assertEquals(1, layer.get("key").get("duplicateKeys").asInt());
        assertNull(layer.get("generic"), "helper methods are not serialised");
    }

    @Test
    void realRedonMatchesBothThemesWithOgrinfoCounts() {
        InspectReport report = inspector.inspect(List.of(RealData.file(RealData.REDON)), null);
        SourceReport src = report.sources().get(0);
        assertEquals(List.of("hydrographie", "vegetation"), src.themes());
        assertEquals(861, src.layer("zone_de_vegetation").featureCount());
        assertEquals(748, src.layer("haie").featureCount());
        assertEquals(Map.of("MultiLineString", 748L), src.layer("haie").geometryTypesFound());
        assertEquals(Map.of("MultiPolygon Z", 36L), src.layer("surface_hydrographique").geometryTypesFound());
        assertEquals("cleabs", src.layer("haie").aliasedColumns().get("ID"));
        assertEquals("ID", src.layer("haie").key().column());
        for (LayerReport l : src.layers()) {
            if (l.isGeneric()) {
                assertEquals("commune", l.name());
                continue;
            }
            assertEquals(List.of(), l.unknownAttributes(), l.name());
            assertEquals(List.of(), l.valuesOutsideLists(), l.name());
            assertFalse(l.key().hasProblems(), l.name());
        }
    }
}
