package fr.bdfsync.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictStatus;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.conflict.Decision;
import fr.bdfsync.core.conflict.Decisions;
import fr.bdfsync.core.merge.SyncDemo;
import fr.bdfsync.core.merge.SyncJob;
import fr.bdfsync.core.merge.SyncJobJson;
import fr.bdfsync.core.merge.SyncOptions;
import fr.bdfsync.core.merge.SyncResult;
import fr.bdfsync.core.merge.SyncRunner;
import fr.bdfsync.core.testsupport.Chromium;
import fr.bdfsync.core.testsupport.RealData;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report as a reviewer uses it, in headless Chromium: counts shown, a click on the map selects a
 * conflict, a filter, a bulk decision and a single one, the export downloaded as a resolution file that
 * {@link Decisions#apply} accepts on the same conflict set. Skipped when Chromium is not installed.
 */
class HtmlReportBrowserTest {
    private static final String TOPONYM = "<script>window.__pwned=1</script><!--<img src=x onerror=\"window.__pwned=2\">";

    @TempDir
    Path tmp;

    @Test
    void reviewerSelectsFiltersDecidesAndExportsAResolutionFileThatApplies() throws Exception {
        ConflictSet set = ConflictSetGenerator.withToponym(ConflictSetGenerator.generate(42, 120), TOPONYM);
        Path html = tmp.resolve("report.html");
        HtmlReport.write(set, html);
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));
        Conflict target = isolated(set, ConflictType.EDIT_EDIT_GEOMETRY);
        long sameType = set.conflicts().stream().filter(c -> c.type() == target.type()).count();

        try (Chromium browser = Chromium.launch(1400, 900)) {
            browser.allowDownloads(downloads);
            browser.navigate(html.toUri());
            browser.waitUntil("window.bdfsyncReport", Duration.ofSeconds(30));
            assertTrue(browser.events().stream().noneMatch(e -> e.path("method").asText().equals("Runtime.exceptionThrown")),
                    () -> browser.events().toString());

            // the counts shown
            ReportSummary s = ReportSummary.of(set);
            assertEquals(String.valueOf(s.total()), text(browser, "[data-count=total]"));
            assertEquals(String.valueOf(s.open()), text(browser, "[data-count=open]"));
            for (ConflictType t : ConflictType.values()) {
                assertEquals(String.valueOf(s.byType().get(t)), text(browser, "[data-count='type:" + t.code() + "']"), t.code());
            }
            assertEquals(String.valueOf(s.byLayer().get("troncon_hydrographique")), text(browser, "[data-count='layer:troncon_hydrographique']"));
            assertEquals("120 of 120 conflicts shown", text(browser, "#shown"));

            // a click on the map selects the conflict drawn there, and shows its three geometries
            JsonNode at = browser.eval("(() => { const d = JSON.parse(document.getElementById('bdfsync-data').textContent);"
                    + " const c = d.conflicts.find(c => c.id === '" + target.id() + "'); const m = document.getElementById('map').getScreenCTM();"
                    + " return [m.a * c.x + m.e, m.d * c.y + m.f]; })()");
            browser.click(at.get(0).asDouble(), at.get(1).asDouble());
            assertEquals(target.id(), browser.eval("document.querySelector('#detail dl.props dd').textContent").asText());
            assertEquals(3, browser.eval("document.querySelectorAll('#mini path[data-version]').length").asInt());
            assertEquals(3, browser.eval("document.querySelectorAll('#overlay path[data-version]').length").asInt());

            // a filter on the type, then a bulk decision on the filtered set, then a single decision
            browser.eval("(() => { const s = document.getElementById('f-type'); s.value = '" + target.type().code() + "';"
                    + " s.dispatchEvent(new Event('change')); })()");
            assertEquals(sameType + " of 120 conflicts shown", text(browser, "#shown"));
            assertEquals(sameType, browser.eval("document.querySelectorAll('#list .row').length").asLong());
            browser.eval("document.getElementById('bulk-choice').value = 'national'");
            browser.clickSelector("#bulk-apply");
            browser.clickSelector("#detail button[data-choice=local]");
            assertEquals("true", browser.eval("document.querySelector('#detail button[data-choice=local]').getAttribute('aria-pressed')").asText());
            assertEquals(String.valueOf(sameType), text(browser, "[data-count=decided]"));

            // the export: a Blob download of a bdfsync.resolutions/v1 file
            browser.clickSelector("#export");
            Path file = downloads.resolve("resolutions.json");
            for (int i = 0; i < 100 && !(Files.exists(file) && Files.size(file) > 0); i++) Thread.sleep(100);
            assertTrue(Files.exists(file), "no download in " + downloads);

            List<Decision> decisions = ConflictsJson.readDecisions(file);
            assertEquals(sameType, decisions.size());
            Decisions.Outcome outcome = Decisions.apply(set, decisions);
            assertEquals(List.of(), outcome.unknownIds());
            assertEquals(sameType, outcome.applied());
            Map<String, Conflict> after = outcome.conflicts().conflicts().stream().collect(Collectors.toMap(Conflict::id, c -> c));
            assertEquals(ConflictStatus.RESOLVED_BY_DECISION, after.get(target.id()).status());
            assertEquals(Choice.LOCAL, after.get(target.id()).resolution().choice());
            for (Conflict c : set.conflicts()) {
                if (c.type() == target.type() && !c.id().equals(target.id())) {
                    assertEquals(Choice.NATIONAL, after.get(c.id()).resolution().choice(), c.id());
                } else if (c.type() != target.type()) {
                    assertEquals(c.status(), after.get(c.id()).status(), c.id());
                }
            }

            // the map zooms with the wheel around the cursor and pans with a drag (a drag selects nothing)
            String viewBox = "document.getElementById('map').getAttribute('viewBox').split(' ').map(Number)";
            JsonNode box = browser.eval("(() => { const r = document.getElementById('map').getBoundingClientRect();"
                    + " return [r.left + r.width / 2, r.top + r.height / 2]; })()");
            double cx = box.get(0).asDouble(), cy = box.get(1).asDouble();
            JsonNode before = browser.eval(viewBox);
            browser.wheel(cx, cy, -500);
            JsonNode zoomed = browser.eval(viewBox);
            assertTrue(zoomed.get(2).asDouble() < before.get(2).asDouble() * 0.6, before + " -> " + zoomed);
            browser.drag(cx, cy, cx + 120, cy + 40);
            JsonNode panned = browser.eval(viewBox);
            assertTrue(panned.get(0).asDouble() < zoomed.get(0).asDouble(), "dragging right moves the view west: " + zoomed + " -> " + panned);
            assertEquals(zoomed.get(2).asDouble(), panned.get(2).asDouble(), 1e-6, "a pan keeps the scale");
            assertEquals(target.id(), browser.eval("document.querySelector('#detail dl.props dd').textContent").asText());
        }
    }

    /**
     * The reviewer's loop end to end: a sync job on the bundled demo writes report.html; in the browser the
     * reviewer filters the edit/delete conflicts, decides "national" for all of them and exports the decisions;
     * the sync job rerun with that file resolves exactly those conflicts, by decision.
     */
    @Test
    void decisionsExportedFromTheSyncReportAreAppliedByTheNextSync() throws Exception {
        Path demo = RealData.repoRoot().resolve("testdata/demo");
        Assumptions.assumeTrue(Files.exists(demo.resolve("ancestor.gpkg")), "demo data absent");
        Path work = tmp.resolve("sync");
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        SyncDemo.Outcome first = SyncDemo.run(demo.resolve("ancestor.gpkg"), demo.resolve("national.gpkg"), demo.resolve("local.gpkg"), work, now);
        long editDelete = first.result().conflicts().conflicts().stream().filter(c -> c.type() == ConflictType.EDIT_DELETE && c.isOpen()).count();
        assertTrue(editDelete > 0, "the demo has open edit/delete conflicts");
        Path html = work.resolve("report.html");
        assertTrue(Files.exists(html), "sync writes the HTML report beside conflicts.json");
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));

        try (Chromium browser = Chromium.launch(1400, 900)) {
            browser.allowDownloads(downloads);
            browser.navigate(html.toUri());
            browser.waitUntil("window.bdfsyncReport", Duration.ofSeconds(30));
            browser.eval("(() => { const s = document.getElementById('f-type'); s.value = 'edit_delete';"
                    + " s.dispatchEvent(new Event('change')); })()");
            browser.eval("(() => { const s = document.getElementById('f-status'); s.value = 'open';"
                    + " s.dispatchEvent(new Event('change')); })()");
            assertEquals(editDelete, browser.eval("document.querySelectorAll('#list .row').length").asLong());
            browser.eval("document.getElementById('bulk-choice').value = 'national'");
            browser.clickSelector("#bulk-apply");
            browser.clickSelector("#export");
            Path file = downloads.resolve("resolutions.json");
            for (int i = 0; i < 100 && !(Files.exists(file) && Files.size(file) > 0); i++) Thread.sleep(100);
            assertTrue(Files.exists(file), "no download in " + downloads);

            SyncJob job = SyncJobJson.read(work.resolve("demo-job.json"));
            SyncResult rerun = new SyncRunner(job, new SyncOptions(false, false, file, now)).run();
            assertEquals(List.of(), rerun.unknownDecisionIds());
            assertEquals(editDelete, rerun.decisionsApplied());
            long resolved = rerun.conflicts().conflicts().stream()
                    .filter(c -> c.type() == ConflictType.EDIT_DELETE && c.status() == ConflictStatus.RESOLVED_BY_DECISION
                            && c.resolution().choice() == Choice.NATIONAL).count();
            assertEquals(editDelete, resolved);
            assertEquals(0, rerun.conflicts().conflicts().stream().filter(c -> c.type() == ConflictType.EDIT_DELETE && c.isOpen()).count());
        }
    }

    @Test
    void aScriptInAToponymShowsAsText() throws Exception {
        ConflictSet set = ConflictSetGenerator.withToponym(ConflictSetGenerator.generate(5, 40), TOPONYM);
        Conflict tainted = set.conflicts().stream().filter(c -> c.message().contains(TOPONYM)).findFirst().orElseThrow();
        Path html = tmp.resolve("report.html");
        HtmlReport.write(set, html);
        try (Chromium browser = Chromium.launch(1400, 900)) {
            browser.navigate(html.toUri());
            browser.waitUntil("window.bdfsyncReport", Duration.ofSeconds(30));
            browser.eval("(() => { const i = document.getElementById('f-key'); i.value = '" + tainted.key() + "';"
                    + " i.dispatchEvent(new Event('input')); })()");
            browser.waitUntil("document.querySelectorAll('#list .row').length === 1", Duration.ofSeconds(5));
            browser.clickSelector("#list .row");
            String table = browser.eval("document.querySelector('#detail table.attrs').textContent").asText();
            assertTrue(table.contains(TOPONYM), table);
            assertTrue(browser.eval("document.querySelector('#detail .msg').textContent").asText().endsWith(TOPONYM));
            assertEquals(0, browser.eval("document.querySelectorAll('#detail script, #detail img, body > script').length - 2").asInt());
            assertTrue(browser.eval("typeof window.__pwned === 'undefined'").asBoolean());
        }
    }

    @Test
    void aSetInDegreesDrawsAndSelectsAsWell() throws Exception {
        // the generated set moved to EPSG:4326 by an affine map (about 1e-5 degree per metre): same shapes, in degrees
        org.locationtech.jts.geom.util.AffineTransformation toDegrees = new org.locationtech.jts.geom.util.AffineTransformation(
                1.4e-5, 0, -2.1 - 320_000 * 1.4e-5, 0, 0.9e-5, 47.6 - 6_740_000 * 0.9e-5);
        ConflictSet metres = ConflictSetGenerator.generate(13, 60);
        List<Conflict> moved = new java.util.ArrayList<>();
        for (Conflict c : metres.conflicts()) {
            org.locationtech.jts.geom.Coordinate loc = new org.locationtech.jts.geom.Coordinate();
            toDegrees.transform(c.location(), loc);
            moved.add(new Conflict(c.id(), c.type(), c.severity(), c.layer(), c.keys(), c.attributes(),
                    c.ancestorGeometry() == null ? null : toDegrees.transform(c.ancestorGeometry()),
                    c.nationalGeometry() == null ? null : toDegrees.transform(c.nationalGeometry()),
                    c.localGeometry() == null ? null : toDegrees.transform(c.localGeometry()), loc, c.status(), c.resolution(), c.message(), c.contentHash()));
        }
        ConflictSet set = new ConflictSet(metres.job(), metres.theme(), 4326, metres.created(), moved);
        Conflict target = isolated(set, null, 100 * 1.4e-5);
        Path html = tmp.resolve("degrees.html");
        HtmlReport.write(set, html);
        try (Chromium browser = Chromium.launch(1400, 900)) {
            browser.navigate(html.toUri());
            browser.waitUntil("window.bdfsyncReport", Duration.ofSeconds(30));
            JsonNode at = browser.eval("(() => { const d = JSON.parse(document.getElementById('bdfsync-data').textContent);"
                    + " const c = d.conflicts.find(c => c.id === '" + target.id() + "'); const m = document.getElementById('map').getScreenCTM();"
                    + " return [m.a * c.x + m.e, m.d * c.y + m.f]; })()");
            browser.click(at.get(0).asDouble(), at.get(1).asDouble());
            assertEquals(target.id(), browser.eval("document.querySelector('#detail dl.props dd').textContent").asText());
            assertTrue(text(browser, "#scale-label").endsWith("°"), text(browser, "#scale-label"));
            // the local geometry's path has the detail of the metre version (not collapsed by rounding)
            String d = browser.eval("document.querySelector('#mini path[data-version=local]').getAttribute('d')").asText();
            org.locationtech.jts.geom.Geometry local = target.localGeometry();
            int vertices = local.getNumPoints() - (local.getDimension() == 2 ? local.getNumGeometries() : 0); // rings close implicitly
            assertEquals(vertices * 2, d.replaceAll("[MlZ]", " ").trim().split("\\s+").length, d);
            browser.clickSelector("#zoom-to");
            double w = browser.eval("document.getElementById('map').getAttribute('viewBox').split(' ').map(Number)[2]").asDouble();
            assertTrue(w < 0.02, "zoomed to the conflict: " + w + " degrees wide");
        }
    }

    private static String text(Chromium b, String css) throws Exception {
        JsonNode n = b.eval("(() => { const e = document.querySelector(\"" + css.replace("\"", "\\\"") + "\"); return e ? e.textContent : null; })()");
        assertFalse(n.isNull(), "no element " + css);
        return n.asText();
    }

    /** An open conflict of a type whose location has no other conflict within a distance, so a click is unambiguous. */
    private static Conflict isolated(ConflictSet set, ConflictType type) {
        return isolated(set, type, 150);
    }

    private static Conflict isolated(ConflictSet set, ConflictType type, double distance) {
        for (Conflict c : set.conflicts()) {
            if (type != null && c.type() != type || !c.isOpen()) continue;
            boolean alone = set.conflicts().stream().noneMatch(o -> o != c && o.location().distance(c.location()) < distance);
            if (alone) return c;
        }
        throw new IllegalStateException("no isolated " + type);
    }
}
