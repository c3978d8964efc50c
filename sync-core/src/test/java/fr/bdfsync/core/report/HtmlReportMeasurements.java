package fr.bdfsync.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.testsupport.Chromium;
import fr.bdfsync.core.testsupport.ConflictSetGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Re-runnable measurements and the screenshot, not tests: each runs only when its system property is set.
 * <pre>
 * mvn -q -pl sync-core test -Dtest=HtmlReportMeasurements -Dbdfsync.report.bench=10000
 * mvn -q -pl sync-core test -Dtest=HtmlReportMeasurements -Dbdfsync.report.screenshot=$PWD/docs/report-screenshot.png
 * </pre>
 * The benchmark prints: HTML size and Java write time, time from navigation to the page's first render,
 * then the median of 7 runs of each filter, the key search, a sort, a zoom and a selection, each timed in the
 * page from the event to two animation frames later (the frame that shows it painted).
 */
class HtmlReportMeasurements {
    @TempDir
    Path tmp;

    @Test
    void tenThousandConflictsOpenAndFilter() throws Exception {
        String n = System.getProperty("bdfsync.report.bench");
        Assumptions.assumeTrue(n != null, "set -Dbdfsync.report.bench=COUNT to measure");
        int count = Integer.parseInt(n);
        ConflictSet set = ConflictSetGenerator.generate(2026, count);
        Path html = tmp.resolve("report.html");
        double[] writeMs = new double[3], cpuMs = new double[3];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < writeMs.length; i++) {
            long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
            HtmlReport.write(set, html);
            writeMs[i] = (System.nanoTime() - t0) / 1e6;
            cpuMs[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "conflicts: %d, HTML: %.1f MiB, written by Java in %.0f ms (first, cold JVM; CPU %.0f ms),"
                        + " then %.0f ms (CPU %.0f) and %.0f ms (CPU %.0f)%n",
                count, Files.size(html) / 1048576.0, writeMs[0], cpuMs[0], writeMs[1], cpuMs[1], writeMs[2], cpuMs[2]));
        out.append(String.format(Locale.ROOT, "machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        try (Chromium browser = Chromium.launch(1400, 900)) {
            for (int run = 0; run < 3; run++) {
                browser.navigate(html.toUri());
                browser.waitUntil("window.bdfsyncReport", Duration.ofSeconds(120));
                JsonNode t = browser.eval("(() => { const n = performance.getEntriesByType('navigation')[0];"
                        + " return [n.domContentLoadedEventEnd, n.loadEventEnd, window.bdfsyncReport.firstRenderMs]; })()");
                out.append(String.format(Locale.ROOT, "open run %d: script done (first render) at %.0f ms after navigation start,"
                                + " of which the script %.0f ms (parse JSON, summary, list, map); load event %.0f ms%n",
                        run + 1, t.get(0).asDouble(), t.get(2).asDouble(), t.get(1).asDouble()));
            }
            String layer = set.conflicts().get(0).layer();
            String key = set.conflicts().get(count / 2).key().substring(0, 12);
            String[][] actions = {
                    {"filter type=overlap", select("f-type", ConflictType.OVERLAP.code())},
                    {"filter severity=high", select("f-severity", "high")},
                    {"filter layer=" + layer, select("f-layer", layer)},
                    {"filter status=open", select("f-status", "open")},
                    {"search key '" + key + "'", "(() => { const i = document.getElementById('f-key'); i.value = '" + key + "';"
                            + " i.dispatchEvent(new Event('change')); })()"},
                    {"sort by key", select("sort", "key")},
                    {"zoom in (button)", "document.getElementById('zoom-in').click()"},
                    {"select first row", "document.querySelector('#list .row').click()"},
            };
            String reset = "(() => { for (const id of ['f-type','f-severity','f-layer','f-status','f-decision']) document.getElementById(id).value = '';"
                    + " document.getElementById('sort').value = 'severity'; document.getElementById('f-key').value = '';"
                    + " document.getElementById('f-type').dispatchEvent(new Event('change')); })()";
            String frames = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(0))))";
            for (String[] a : actions) {
                double[] script = new double[7], painted = new double[7];
                for (int i = 0; i < script.length; i++) {
                    browser.eval(reset);
                    browser.eval(frames); // the reset painted before the clock starts
                    JsonNode t = browser.eval("new Promise(done => { const t0 = performance.now(); " + a[1] + ";"
                            + " const t1 = performance.now(); requestAnimationFrame(() => requestAnimationFrame(() => done([t1 - t0, performance.now() - t0])));"
                            + " })");
                    script[i] = t.get(0).asDouble();
                    painted[i] = t.get(1).asDouble();
                }
                Arrays.sort(script);
                Arrays.sort(painted);
                out.append(String.format(Locale.ROOT, "%-30s script median %6.1f ms; to painted frame median %6.1f ms (max %.1f); %s shown%n",
                        a[0], script[3], painted[3], painted[6],
                        browser.eval("document.getElementById('shown').getAttribute('data-shown')").asText()));
            }
        }
        System.out.print(out);
        Files.writeString(Path.of("target", "report-bench-" + count + ".txt"), out);
    }

    private static String select(String id, String value) {
        return "(() => { const s = document.getElementById('" + id + "'); s.value = '" + value + "'; s.dispatchEvent(new Event('change')); })()";
    }

    @Test
    void screenshot() throws Exception {
        String target = System.getProperty("bdfsync.report.screenshot");
        Assumptions.assumeTrue(target != null, "set -Dbdfsync.report.screenshot=FILE.png to render the screenshot");
        // the report of the bundled demo's sync job (README's picture), as `./bdfsync demo` writes it
        Path demo = fr.bdfsync.core.testsupport.RealData.repoRoot().resolve("testdata/demo");
        ConflictSet set = fr.bdfsync.core.merge.SyncDemo.run(demo.resolve("ancestor.gpkg"), demo.resolve("national.gpkg"),
                demo.resolve("local.gpkg"), tmp.resolve("demo"), java.time.Instant.parse("2026-11-25T12:00:00Z")).result().conflicts();
        Conflict shown = set.conflicts().stream().filter(c -> c.type() == ConflictType.INSERT_INSERT && c.isOpen()).findFirst().orElseThrow();
        Path html = tmp.resolve("report.html");
        HtmlReport.write(set, html);
        try (Chromium browser = Chromium.launch(1500, 1000)) {
            browser.navigate(html.toUri());
            browser.waitUntil("window.bdfsyncReport", Duration.ofSeconds(30));
            browser.eval("(() => { const i = document.getElementById('f-key'); i.value = '" + shown.key() + "'; i.dispatchEvent(new Event('input')); })()");
            browser.waitUntil("document.querySelectorAll('#list .row').length === 1", Duration.ofSeconds(5));
            browser.clickSelector("#list .row");
            browser.clickSelector("#detail button[data-choice=local]");
            browser.clickSelector("#zoom-to");
            for (int i = 0; i < 2; i++) browser.clickSelector("#zoom-out");
            browser.eval("(() => { const i = document.getElementById('f-key'); i.value = ''; i.dispatchEvent(new Event('input')); })()");
            browser.waitUntil("document.querySelectorAll('#list .row').length > 1", Duration.ofSeconds(5));
            Thread.sleep(300);
            Files.write(Path.of(target), browser.screenshot());
        }
    }
}
