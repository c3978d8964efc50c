package fr.bdfsync.core.report;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import fr.bdfsync.core.testsupport.Gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpkgReportTest {
    @TempDir
    Path tmp;

    @Test
    void writesPointsGeometriesByVersionAndDefaultStylesThatGdalAccepts() throws Exception {
        ConflictSet set = ConflictSetGenerator.generate(7, 60);
        Path out = tmp.resolve("report.gpkg");
        GpkgReport.write(set, out);
        long geometries = set.conflicts().stream().mapToLong(c -> (c.ancestorGeometry() != null ? 1 : 0)
                + (c.nationalGeometry() != null ? 1 : 0) + (c.localGeometry() != null ? 1 : 0)).sum();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out); Statement st = db.createStatement()) {
            assertEquals(60, count(st, "SELECT count(*) FROM conflict_points"));
            assertEquals(geometries, count(st, "SELECT (SELECT count(*) FROM conflict_polygons) + (SELECT count(*) FROM conflict_lines)"));
            assertEquals(0, count(st, "SELECT count(*) FROM conflict_lines WHERE version NOT IN ('ancestor','national','local')"));
            Conflict attr = set.conflicts().stream().filter(c -> c.type().code().equals("edit_edit_attribute")).findFirst().orElseThrow();
            try (ResultSet rs = st.executeQuery("SELECT type, attributes, ancestor_values, national_values, local_values, differences, content_hash"
                    + " FROM conflict_points WHERE conflict_id = '" + attr.id() + "'")) {
                assertTrue(rs.next());
                assertEquals("edit_edit_attribute", rs.getString(1));
                assertEquals("nature", rs.getString(2));
                assertEquals("{\"nature\":\"" + attr.attributes().get(0).ancestor() + "\"}", rs.getString(3));
                assertEquals("{\"nature\":\"" + attr.attributes().get(0).local() + "\"}", rs.getString(5));
                assertTrue(rs.getString(6).startsWith("nature: '"), rs.getString(6));
                assertEquals(attr.contentHash(), rs.getString(7));
            }
            assertEquals(3, count(st, "SELECT count(*) FROM layer_styles WHERE useAsDefault = 1 AND f_geometry_column = 'geom'"));
            assertEquals(1, count(st, "SELECT count(*) FROM gpkg_contents WHERE table_name = 'layer_styles' AND data_type = 'attributes'"));
            try (ResultSet rs = st.executeQuery("SELECT styleQML FROM layer_styles WHERE f_table_name = 'conflict_points'")) {
                assertTrue(rs.next());
                String qml = rs.getString(1);
                assertTrue(qml.contains("attr=\"type\"") && qml.contains("value=\"overlap\"")
                        && qml.contains(ReportPalette.qgisColour(ReportPalette.colour(fr.bdfsync.core.conflict.ConflictType.OVERLAP))), qml);
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT f_table_name, styleQML FROM layer_styles")) {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            while (rs.next()) {
                org.w3c.dom.Document qml = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(rs.getString(2))));
                int categories = qml.getElementsByTagName("category").getLength();
                int symbols = qml.getElementsByTagName("symbol").getLength();
                int expected = rs.getString(1).equals("conflict_points") ? fr.bdfsync.core.conflict.ConflictType.values().length : 3;
                assertEquals(expected, categories, rs.getString(1));
                assertEquals(expected, symbols, rs.getString(1));
            }
        }
        Gdal.Result v = Gdal.validateGpkg(out);
        assertEquals(0, v.exitCode(), v.output());
        Gdal.Result info = Gdal.ogrinfo(out);
        assertEquals(0, info.exitCode(), info.output());
        for (String layer : new String[]{"conflict_points", "conflict_polygons", "conflict_lines"}) {
            assertTrue(info.output().contains("Layer name: " + layer), info.output());
        }
        assertTrue(info.output().contains("Feature Count: 60"), info.output());
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
