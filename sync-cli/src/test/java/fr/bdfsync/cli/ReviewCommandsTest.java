package fr.bdfsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.conflict.Decision;
import fr.bdfsync.core.conflict.Decisions;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bdfsync report}, {@code conflicts} and {@code resolve} as a reviewer who scripts would run them. */
class ReviewCommandsTest {
    @TempDir
    Path tmp;
    Path conflicts;
    ConflictSet set;
    String out, err;

    @BeforeEach
    void writeConflicts() {
        set = ConflictSetGenerator.generate(11, 48);
        conflicts = tmp.resolve("conflicts.json");
        ConflictsJson.write(set, conflicts);
    }

    private int run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void reportWritesEachForm() throws Exception {
        Path html = tmp.resolve("r.html"), gpkg = tmp.resolve("r.gpkg"), json = tmp.resolve("r.json");
        assertEquals(0, run("report", conflicts.toString(), "--format", "html", "--output", html.toString()), err);
        assertTrue(out.contains("html report of 48 conflict(s)"), out);
        assertEquals(0, run("report", conflicts.toString(), "--format", "gpkg", "-o", gpkg.toString()), err);
        assertEquals(0, run("report", conflicts.toString(), "--format", "json", "-o", json.toString()), err);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("<script type=\"application/json\" id=\"bdfsync-data\">{"), "data embedded");
        String withoutSvgNamespace = page.replace("http://www.w3.org/2000/svg", "");
        assertFalse(withoutSvgNamespace.contains("http://") || withoutSvgNamespace.contains("https://"), "no network address in the page");
        assertTrue(page.contains("default-src 'none'"), "a CSP forbids network access");
        assertArrayEquals("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(Files.readAllBytes(gpkg), 16));
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(48, j.path("summary").path("total").asInt());
        assertEquals(4, j.path("summary").path("by_type").path("overlap").asInt());
        assertEquals(4, j.path("summary").path("extent").size());
        assertEquals(set.conflicts().size(), ConflictsJson.read(json).conflicts().size(), "the JSON form is still a conflicts file");
    }

    @Test
    void conflictsListsFilteredAsTextOrJson() throws Exception {
        assertEquals(0, run("conflicts", conflicts.toString(), "--type", "overlap,scope", "--severity", "medium"));
        assertTrue(out.contains("4 of 48 conflict(s) selected"), out);
        assertEquals(4, out.lines().filter(l -> l.contains(" overlap ")).count(), out);
        assertEquals(0, run("conflicts", conflicts.toString(), "--layer", "haie", "--format", "json"));
        JsonNode j = new ObjectMapper().readTree(out);
        assertEquals("bdfsync.conflicts/v1", j.path("format").asText());
        assertEquals(set.conflicts().stream().filter(c -> c.layer().equals("haie")).count(), j.path("conflicts").size());
        assertEquals(0, run("conflicts", conflicts.toString(), "--status", "resolved_by_authority"));
        long auto = set.conflicts().stream().filter(c -> c.status() == ConflictStatus.RESOLVED_BY_AUTHORITY).count();
        assertTrue(out.contains(auto + " of 48 conflict(s) selected, 0 open"), out);
        assertEquals(2, run("conflicts", conflicts.toString(), "--type", "nonsense"));
    }

    @Test
    void resolveByIdThenByFilterAddsDecisionsWithContentHashesAndShowsWhatRemains() {
        Path res = tmp.resolve("resolutions.json");
        Conflict first = set.conflicts().get(0);
        assertEquals(0, run("resolve", conflicts.toString(), "--with", "local", "--id", first.id(), "--resolutions", res.toString()), err);
        assertTrue(out.contains("1 decision(s) recorded"), out);
        assertEquals(0, run("resolve", conflicts.toString(), "--with", "national", "--type", "overlap", "--resolutions", res.toString()), err);
        List<Decision> ds = ConflictsJson.readDecisions(res);
        assertEquals(5, ds.size());
        assertEquals(first.contentHash(), ds.get(0).contentHash());
        Decisions.Outcome o = Decisions.apply(set, ds);
        assertEquals(5, o.applied());
        long open = o.conflicts().conflicts().stream().filter(Conflict::isOpen).count();
        assertTrue(out.contains(open + " of 48 conflict(s) remain open:"), out);
        assertFalse(out.contains(" overlap "), "decided conflicts are no longer listed as open:\n" + out);
        // deciding again replaces, never duplicates
        assertEquals(0, run("resolve", conflicts.toString(), "--with", "delete", "--id", first.id(), "--resolutions", res.toString()), err);
        assertTrue(out.contains("0 new, 1 replaced; 5 in the file"), out);
        assertEquals(Choice.DELETE, ConflictsJson.readDecisions(res).get(0).choice());
        // the report shows them
        Path json = tmp.resolve("decided.json");
        assertEquals(0, run("report", conflicts.toString(), "--resolutions", res.toString(), "--format", "json", "-o", json.toString()), err);
        ConflictSet shown = ConflictsJson.read(json);
        assertEquals(5, shown.conflicts().stream().filter(c -> c.status() == ConflictStatus.RESOLVED_BY_DECISION).count());
        assertTrue(out.contains(open + " open"), out);
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingWritten() throws Exception {
        Path res = tmp.resolve("resolutions.json");
        Path report = tmp.resolve("r.html");
        // a conflicts file of another version
        Path v2 = tmp.resolve("v2.json");
        Files.writeString(v2, Files.readString(conflicts).replace("bdfsync.conflicts/v1", "bdfsync.conflicts/v2"));
        assertEquals(4, run("report", v2.toString(), "--output", report.toString()));
        assertTrue(err.contains("v2.json: format is 'bdfsync.conflicts/v2', this bdfsync reads 'bdfsync.conflicts/v1'"), err);
        assertFalse(Files.exists(report));
        // a truncated file
        Path cut = tmp.resolve("cut.json");
        byte[] all = Files.readAllBytes(conflicts);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertEquals(4, run("resolve", cut.toString(), "--with", "local", "--all", "--resolutions", res.toString()));
        assertTrue(err.contains("cut.json: not valid JSON (truncated or malformed)"), err);
        assertFalse(Files.exists(res));
        // a resolution file naming ids that are not in this run
        Files.writeString(res, "{\"format\": \"bdfsync.resolutions/v1\", \"resolutions\": [{\"id\": \"C0000000000000000\", \"with\": \"local\"}]}");
        byte[] before = Files.readAllBytes(res);
        assertEquals(4, run("resolve", conflicts.toString(), "--with", "local", "--id", set.conflicts().get(1).id(), "--resolutions", res.toString()));
        assertTrue(err.contains("resolutions.json: names 1 conflict id(s) that are not in") && err.contains("C0000000000000000"), err);
        assertArrayEquals(before, Files.readAllBytes(res));
        assertEquals(4, run("report", conflicts.toString(), "--resolutions", res.toString(), "--output", report.toString()));
        assertTrue(err.contains("is it from another run?"), err);
        assertFalse(Files.exists(report));
        // an unknown id on the command line
        Files.delete(res);
        assertEquals(4, run("resolve", conflicts.toString(), "--with", "local", "--id", "Cdeadbeef", "--resolutions", res.toString()));
        assertTrue(err.contains("no conflict with id Cdeadbeef"), err);
        assertFalse(Files.exists(res));
        // nothing selected, or both ways of selecting
        assertEquals(2, run("resolve", conflicts.toString(), "--with", "local", "--resolutions", res.toString()));
        assertEquals(2, run("resolve", conflicts.toString(), "--with", "local", "--id", "x", "--type", "scope", "--resolutions", res.toString()));
        assertEquals(2, run("resolve", conflicts.toString(), "--with", "values", "--all", "--resolutions", res.toString()));
        assertFalse(Files.exists(res));
        assertEquals(3, run("conflicts", tmp.resolve("missing.json").toString()));
        assertTrue(set.conflicts().stream().anyMatch(c -> c.type() == ConflictType.OVERLAP));
    }
}
