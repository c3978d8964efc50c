package fr.bdfsync.core.merge;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorityMatrixTest {
    static Geometry wkt(String s) throws Exception {
        return new WKTReader(new GeometryFactory()).read(s);
    }

    @Test
    void defaultsGiveIgnGeometryAndKeyAndTheCommunityItsLabelledAttributesWithinItsTerritory() throws Exception {
        Territory t = Territory.of(wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"), List.of(), "square");
        Label label = new Label("ddt-35", "hydrographie", Map.of("troncon_hydrographique", List.of("persistance")), t);
        AuthorityMatrix m = AuthorityMatrix.defaults(label, "cleabs");
        Geometry inside = wkt("POINT (5 5)");
        Geometry outside = wkt("POINT (50 50)");
        assertEquals(Authority.IGN, m.authorityFor("hydrographie", "troncon_hydrographique", "geometry", inside));
        assertEquals(Authority.IGN, m.authorityFor("hydrographie", "troncon_hydrographique", "cleabs", inside));
        assertEquals(Authority.community("ddt-35"), m.authorityFor("hydrographie", "troncon_hydrographique", "persistance", inside));
        assertEquals(Authority.SHARED, m.authorityFor("hydrographie", "troncon_hydrographique", "persistance", outside), "outside its territory");
        assertEquals(Authority.SHARED, m.authorityFor("hydrographie", "troncon_hydrographique", "nature", inside));
        assertEquals(Authority.SHARED, m.authorityFor("vegetation", "troncon_hydrographique", "persistance", inside), "another theme");
    }

    @Test
    void mostSpecificRuleWinsAndCommunityRulesFallThroughOutsideTheirTerritory(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("authority.json");
        Files.writeString(f, "{\"format\": \"bdfsync.authority/v1\","
                + "\"communities\": {\"ddt-35\": {\"wkt\": \"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))\"}},"
                + "\"rules\": [{\"attribute\": \"*\", \"authority\": \"ign\"},"
                + "{\"layer\": \"haie\", \"authority\": \"shared\"},"
                + "{\"layer\": \"haie\", \"attribute\": \"hauteur\", \"authority\": \"community:ddt-35\"},"
                + "{\"theme\": \"vegetation\", \"layer\": \"haie\", \"attribute\": \"hauteur\", \"authority\": \"community:onf\"}]}");
        AuthorityMatrix m = AuthorityJson.read(f);
        assertEquals(Authority.IGN, m.authorityFor("vegetation", "zone_de_vegetation", "nature", null));
        assertEquals(Authority.SHARED, m.authorityFor("vegetation", "haie", "largeur", null));
        assertEquals(Authority.community("onf"), m.authorityFor("vegetation", "haie", "hauteur", wkt("POINT (5 5)")), "theme+layer+attribute is most specific");
        assertEquals(Authority.community("ddt-35"), m.authorityFor("hydrographie", "haie", "hauteur", wkt("POINT (5 5)")));
        assertEquals(Authority.SHARED, m.authorityFor("hydrographie", "haie", "hauteur", wkt("POINT (50 5)")), "ddt-35 rule skipped outside its territory");
    }

    @Test
    void badMatricesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.json");
        Files.writeString(f, "{\"rules\": [{\"attribute\": \"x\", \"authority\": \"ign\", \"who\": 1}]}");
        BdfsyncException e = assertThrows(BdfsyncException.class, () -> AuthorityJson.read(f));
        assertTrue(e.getMessage().contains("unknown key \"who\"") && e.getMessage().contains("a.json"), e.getMessage());
        Files.writeString(f, "{\"rules\": [{\"attribute\": \"x\", \"authority\": \"the mayor\"}]}");
        e = assertThrows(BdfsyncException.class, () -> AuthorityJson.read(f));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("the mayor"), e.getMessage());
        Files.writeString(f, "{\"communities\": {\"x\": {\"departements\": [\"35\"]}}, \"rules\": []}");
        e = assertThrows(BdfsyncException.class, () -> AuthorityJson.read(f));
        assertTrue(e.getMessage().contains("boundaries"), e.getMessage());
    }
}
