package fr.bdfsync.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"bdfsync-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void valuesCannotBreakOutOfTheDataElement() throws Exception {
        String evil = "</script><script>alert(1)</script><!-- & \u2028 </SCRIPT >";
        ConflictSet set = ConflictSetGenerator.withToponym(ConflictSetGenerator.generate(3, 24), evil);
        Path html = tmp.resolve("r.html");
        HtmlReport.write(set, html);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        Matcher m = DATA.matcher(page);
        assertTrue(m.find());
        String json = m.group(1);
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), "no raw < > & in the data");
        assertEquals(2, page.split("<script", -1).length - 1, "only the template's two script elements");
        // the data reads back to the same value
        JsonNode data = new ObjectMapper().readTree(json);
        boolean found = false;
        for (JsonNode c : data.path("conflicts")) {
            for (JsonNode a : c.path("attributes")) if (a.get(3).asText().equals(evil)) found = true;
        }
        assertTrue(found, "the toponym survives the escaping");
    }

    @Test
    void dataCarriesSummaryPathsInTheLocalFrameAndIsDeterministic() throws Exception {
        ConflictSet set = ConflictSetGenerator.generate(9, 36);
        ReportSummary s = ReportSummary.of(set);
        JsonNode data = HtmlReport.data(set, s);
        assertEquals(36, data.path("conflicts").size());
        assertEquals(36, data.path("summary").path("total").asInt());
        assertEquals(ConflictType.values().length, data.path("types").size());
        assertEquals(s.extent().getMinX(), data.path("origin").get(0).asDouble());
        double w = data.path("extent").get(2).asDouble(), h = data.path("extent").get(3).asDouble();
        for (int i = 0; i < set.conflicts().size(); i++) {
            Conflict c = set.conflicts().get(i);
            JsonNode o = data.path("conflicts").get(i);
            assertEquals(c.id(), o.path("id").asText());
            double x = o.path("x").asDouble(), y = o.path("y").asDouble();
            assertTrue(x >= 0 && x <= w + 0.1 && y >= 0 && y <= h + 0.1, "location inside the extent: " + x + "," + y);
            assertEquals(c.localGeometry() == null, o.path("paths").path("local").isNull());
            if (c.nationalGeometry() != null) assertTrue(o.path("paths").path("national").path("d").asText().startsWith("M"));
        }
        Path a = tmp.resolve("a.html"), b = tmp.resolve("b.html");
        HtmlReport.write(set, a);
        HtmlReport.write(ConflictSetGenerator.generate(9, 36), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void anEmptySetStillGivesAWorkingPage() throws Exception {
        ConflictSet empty = new ConflictSet("j", "t", 2154, "2026-01-01T00:00:00Z", java.util.List.of());
        Path html = tmp.resolve("e.html");
        HtmlReport.write(empty, html);
        Matcher m = DATA.matcher(Files.readString(html));
        assertTrue(m.find());
        assertEquals(0, new ObjectMapper().readTree(m.group(1)).path("summary").path("total").asInt());
    }
}
