package fr.bdfsync.core.theme;

import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.testsupport.RealData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThemeCatalogTest {
    private final ThemeCatalog catalog = ThemeCatalog.bundled();

    @Test
    void bundledCatalogueHasBothThemesAndTheFullTronconList() {
        assertEquals(List.of("hydrographie", "vegetation"), catalog.themes().stream().map(Theme::name).toList());
        LayerDef troncon = catalog.theme("hydrographie").orElseThrow().layer("troncon_hydrographique").orElseThrow();
        assertEquals(40, troncon.attributes().size());
        assertEquals("cleabs", troncon.attributes().get(0).name());
        assertEquals("cpx_toponyme_d_entite_de_transition", troncon.attributes().get(39).name());
        assertEquals("precision_planimetrique", troncon.toleranceAttribute());
        assertEquals(List.of("zone_de_vegetation", "haie"),
                catalog.theme("vegetation").orElseThrow().layers().stream().map(LayerDef::name).toList());
        assertEquals("EPSG:2975", catalog.theme("vegetation").orElseThrow().crs().crsFor("974"));
        assertEquals("EPSG:2154", catalog.theme("vegetation").orElseThrow().crs().crsFor("35"));
    }

    @Test
    void findsLayersByNameCaseAliasAndPrefix() {
        assertEquals(MatchKind.EXACT, catalog.findLayer("haie").orElseThrow().kind());
        LayerMatch upper = catalog.findLayer("ZONE_DE_VEGETATION").orElseThrow();
        assertEquals(MatchKind.CASE_INSENSITIVE, upper.kind());
        assertEquals("vegetation/zone_de_vegetation", upper.qualifiedName());
        LayerMatch old = catalog.findLayer("zone_vegetation").orElseThrow();
        assertEquals(MatchKind.ALIAS, old.kind());
        assertEquals("zone_de_vegetation", old.layer().name());
        assertEquals("surface_hydrographique", catalog.findLayer("surface_eau").orElseThrow().layer().name());
        LayerMatch prefixed = catalog.findLayer("troncon_hydrographique_corr_geom").orElseThrow();
        assertEquals(MatchKind.NAME_PREFIX, prefixed.kind());
        assertEquals("troncon_hydrographique", prefixed.layer().name());
        assertTrue(catalog.findLayer("commune").isEmpty());
        assertTrue(catalog.findLayer("haies").isEmpty());
    }

    @Test
    void resolvesColumnsExactlyThenIgnoringCaseThenByAlias() {
        LayerDef haie = catalog.findLayer("haie").orElseThrow().layer();
        assertEquals(MatchKind.EXACT, haie.resolve("cleabs").orElseThrow().kind());
        AttributeMatch id = haie.resolve("ID").orElseThrow();
        assertEquals("cleabs", id.attribute().name());
        assertEquals(MatchKind.ALIAS, id.kind());
        assertEquals(MatchKind.CASE_INSENSITIVE, haie.resolve("Largeur").orElseThrow().kind());
        assertEquals("date_modification", haie.resolve("DATE_MAJ").orElseThrow().attribute().name());
        assertEquals("sources", haie.resolve("SOURCES").orElseThrow().attribute().name());
        assertEquals("sources", haie.resolve("source").orElseThrow().attribute().name());
        assertEquals("identifiants_sources", haie.resolve("ID_SOURCE").orElseThrow().attribute().name());
        assertEquals("precision_planimetrique", haie.resolve("PREC_PLANI").orElseThrow().attribute().name());
        assertTrue(haie.resolve("nature").isEmpty());
    }

    @Test
    void recognisesARenamedLayerByItsColumnsAndGeometry() {
        try (GpkgDataset ds = GpkgDataset.open(RealData.file(RealData.REFHYDRO))) {
            Schema renamed = ds.schema("troncon_hydrographique_corr_geom").withLayer("mes_troncons");
            LayerMatch m = catalog.findLayer(renamed).orElseThrow();
            assertEquals(MatchKind.SCHEMA, m.kind());
            assertEquals("troncon_hydrographique", m.layer().name());
            Schema asPoints = new Schema("mes_points", renamed.fields(), "geom", GeometryType.POINT, false, false, null, "fid");
            assertTrue(catalog.findLayer(asPoints).isEmpty(), "lines' columns on points fit no point layer");
            Schema fewColumns = renamed.withFields(renamed.fields().subList(0, 6));
            assertTrue(catalog.findLayer(fewColumns).isEmpty(), "6 of 40 attributes is not enough");
        }
    }

    @Test
    void valueListsAndBooleansAreChecked() {
        LayerDef zone = catalog.findLayer("zone_de_vegetation").orElseThrow().layer();
        AttributeDef nature = zone.attribute("nature").orElseThrow();
        assertTrue(nature.accepts("Forêt fermée de feuillus"));
        assertTrue(nature.accepts(null));
        assertFalse(nature.accepts("Foret fermee de feuillus"));
        LayerDef troncon = catalog.findLayer("troncon_hydrographique").orElseThrow().layer();
        AttributeDef salinite = troncon.attribute("salinite").orElseThrow();
        assertEquals(FieldType.BOOLEAN, salinite.type());
        assertTrue(salinite.accepts("Non"));
        assertTrue(salinite.accepts(true));
        assertTrue(salinite.accepts(1L));
        assertFalse(salinite.accepts("Peut-être"));
        AttributeDef pos = troncon.attribute("position_par_rapport_au_sol").orElseThrow();
        assertTrue(pos.accepts(-1L), "v2 POS_SOL is an integer");
        assertTrue(pos.accepts("0"));
        assertFalse(pos.accepts("7"));
        AttributeDef sens = troncon.attribute("sens_de_l_ecoulement").orElseThrow();
        assertTrue(sens.accepts("Sens inverse"));
        assertFalse(sens.accepts("sens inverse"));
        AttributeDef statut = troncon.attribute("statut").orElseThrow();
        assertFalse(statut.isChecked(), "open lists document values, they do not reject them");
        assertTrue(statut.accepts("Anything"));
    }

    @Test
    void incoherentThemeFilesAreRefused() {
        String unknownList = "{\"format\":\"bdfsync.theme/v1\",\"theme\":\"t\",\"label\":\"T\",\"edition\":\"e\","
                + "\"crs\":{\"default\":\"EPSG:2154\"},\"toleranceAttribute\":null,\"valueLists\":{},\"layers\":[{\"name\":\"l\","
                + "\"aliases\":[],\"cleabsPrefix\":null,\"geometryType\":\"POINT\",\"hasZ\":false,\"toleranceMetres\":1,\"key\":\"k\","
                + "\"attributes\":[{\"name\":\"k\",\"type\":\"TEXT\",\"mandatory\":true,\"values\":\"nope\",\"aliases\":[]}]}]}";
        IOException e = assertThrows(IOException.class, () -> read(unknownList));
        assertTrue(e.getMessage().contains("unknown value list nope"), e.getMessage());
        String clash = unknownList.replace("\"values\":\"nope\",\"aliases\":[]}",
                "\"values\":null,\"aliases\":[\"X\"]},{\"name\":\"x\",\"type\":\"TEXT\",\"mandatory\":false,\"values\":null,\"aliases\":[]}");
        assertTrue(assertThrows(IOException.class, () -> read(clash)).getMessage().contains("two attributes answer to"));
        String badKey = unknownList.replace("\"values\":\"nope\"", "\"values\":null").replace("\"key\":\"k\"", "\"key\":\"cleabs\"");
        assertTrue(assertThrows(IOException.class, () -> read(badKey)).getMessage().contains("key cleabs is not an attribute"));
        assertThrows(IOException.class, () -> read(unknownList.replace("\"label\"", "\"labell\"")));
        String badType = unknownList.replace("\"values\":\"nope\"", "\"values\":null").replace("\"type\":\"TEXT\"", "\"type\":\"STRING\"");
        assertTrue(assertThrows(IOException.class, () -> read(badType)).getMessage().contains("unknown type STRING"));
    }

    private static Theme read(String json) throws IOException {
        return ThemeCatalog.readTheme(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    /** Every column and value of the real BD TOPO v3 Shapefile-delivery layers is known to the catalogue. */
    @Test
    void realRedonLayersBindCompletelyAndTheirValuesAreInTheLists() {
        try (GpkgDataset ds = GpkgDataset.open(RealData.file(RealData.REDON))) {
            for (String layer : List.of("zone_de_vegetation", "haie", "surface_hydrographique", "plan_d_eau")) {
                LayerBinding b = catalog.bind(ds.schema(layer), null);
                assertFalse(b.isGeneric(), layer);
                assertEquals(List.of(), b.unknownColumns(), layer);
                assertEquals(List.of(), b.missingAttributes().stream().map(AttributeDef::name).toList(), layer);
                assertEquals(new KeyColumn("ID", KeyColumn.Source.CATALOGUE), b.key(), layer);
                assertEquals(List.of(), rejectedValues(ds, b), layer);
            }
            LayerBinding haie = catalog.bind(ds.schema("haie"), null);
            try (FeatureCursor c = ds.read("haie")) {
                Feature f = c.next();
                assertEquals(3.0, haie.toleranceOf(f));
                assertTrue(haie.keyOf(f).toString().startsWith("HAIELINE"));
            }
            LayerBinding plan = catalog.bind(ds.schema("plan_d_eau"), null);
            assertEquals(-1, plan.toleranceIndex(), "plan_d_eau has no PREC_PLANI in the delivery");
            LayerBinding commune = catalog.bind(ds.schema("commune"), null);
            assertTrue(commune.isGeneric());
            assertEquals(KeyColumn.Source.PRIMARY_KEY, commune.key().source());
            assertEquals(new KeyColumn("INSEE_COM", KeyColumn.Source.USER), catalog.bind(ds.schema("commune"), "insee_com").key());
            assertEquals(KeyColumn.Source.PRIMARY_KEY, catalog.bind(ds.schema("commune"), "no_such").key().source());
        }
    }

    @Test
    void realTronconLayerHas38OfThe40Columns() {
        try (GpkgDataset ds = GpkgDataset.open(RealData.file(RealData.REFHYDRO))) {
            for (String layer : ds.layerNames()) {
                LayerBinding b = catalog.bind(ds.schema(layer), null);
                assertEquals("hydrographie/troncon_hydrographique", b.match().orElseThrow().qualifiedName());
                assertEquals(List.of(), b.unknownColumns(), layer);
                assertEquals(List.of("methode_d_acquisition_planimetrique", "methode_d_acquisition_altimetrique"),
                        b.missingAttributes().stream().map(AttributeDef::name).toList(), layer);
                assertEquals(new KeyColumn("cleabs", KeyColumn.Source.CATALOGUE), b.key());
                assertEquals(List.of(), rejectedValues(ds, b), layer);
            }
        }
    }

    @Test
    void realOlderEditionsMatchThroughLayerAliases() {
        try (GpkgDataset ds = GpkgDataset.open(RealData.file(RealData.SARTHE_V20))) {
            LayerBinding t = catalog.bind(ds.schema("troncon_cours_eau"), null);
            assertEquals(MatchKind.ALIAS, t.match().orElseThrow().kind());
            assertEquals(List.of("ARTIF", "FRANCHISST", "NOM", "Z_INI", "Z_FIN"), t.unknownColumns());
            assertEquals(new KeyColumn("ID", KeyColumn.Source.CATALOGUE), t.key());
            assertEquals(List.of(), rejectedValues(ds, t), "REGIME holds Permanent/Intermittent like persistance");
            LayerBinding s = catalog.bind(ds.schema("surface_eau"), null);
            assertTrue(rejectedValues(ds, s).contains("nature=Surface d'eau"), "v2 natures are not v3 natures");
        }
    }

    private static List<String> rejectedValues(GpkgDataset ds, LayerBinding b) {
        List<String> out = new ArrayList<>();
        try (FeatureCursor c = ds.read(b.schema().layer())) {
            while (c.hasNext()) {
                Feature f = c.next();
                for (ColumnBinding col : b.columns()) {
                    if (!col.isKnown()) continue;
                    Object v = f.value(col.index());
                    String s = col.match().attribute().name() + "=" + v;
                    if (!col.match().attribute().accepts(v) && !out.contains(s)) out.add(s);
                }
            }
        }
        return out;
    }
}
