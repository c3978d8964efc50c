package fr.bdfsync.cli;

import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.inspect.InspectReport;
import fr.bdfsync.core.inspect.Inspector;
import fr.bdfsync.core.inspect.LayerReport;
import fr.bdfsync.core.inspect.SourceReport;
import fr.bdfsync.core.theme.ThemeCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bdfsync demo}: runs the main job on the scenario bundled in {@code testdata/demo} and says what it did in a
 * few lines. Each job is a {@link Step}; later jobs (diff, sync) add theirs to {@link #steps()}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run bdfsync on the bundled demo scenario (testdata/demo) and print what it did.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--data", paramLabel = "DIR", description = "Demo folder (default: testdata/demo beside the jar or above the current directory).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-output",
            description = "Where the demo writes its outputs: job, merged data, conflicts, reports, keys, package (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--created", paramLabel = "ISO-8601", defaultValue = "2026-11-25T12:00:00Z",
            description = "Creation time recorded in the package (fixed by default so the demo is reproducible).")
    String created;

    /** One job of the demo: runs on the demo data and prints a few lines. */
    interface Step {
        String title();

        void run(DemoData demo, Path outDir, DemoCommand options, PrintWriter out);
    }

    /** The demo's jobs, in order. */
    static List<Step> steps() {
        return List.of(new InspectStep(), new DemoSteps.DiffStep(), new DemoSteps.SyncStep(), new DemoSteps.ReportStep(),
                new DemoSteps.PackageStep());
    }

    @Override
    public Integer call() {
        DemoData demo = DemoData.locate(data);
        PrintWriter out = spec.commandLine().getOut();
        out.println("bdfsync demo: scenario in " + demo.dir() + " (ancestor, national and local editions; ground truth in manifest.json)");
        int n = 1;
        for (Step step : steps()) {
            out.println(n++ + ". " + step.title());
            step.run(demo, outDir.toAbsolutePath(), this, out);
        }
        out.println("outputs in " + outDir.toAbsolutePath() + " (open report.html in a browser, report.gpkg in QGIS)");
        out.flush();
        return ExitCode.OK.code();
    }

    /** Inspects the three editions: layers, counts, themes, and what does not fit the catalogue. */
    static final class InspectStep implements Step {
        @Override
        public String title() {
            return "inspect: what each edition holds and how it fits the BD TOPO catalogue";
        }

        @Override
        public void run(DemoData demo, Path outDir, DemoCommand options, PrintWriter out) {
            InspectReport report = new Inspector(ThemeCatalog.bundled())
                    .inspect(List.of(demo.ancestor(), demo.national(), demo.local()), null);
            for (SourceReport s : report.sources()) {
                List<String> layers = new ArrayList<>();
                long outside = 0;
                long nullKeys = 0;
                long duplicates = 0;
                for (LayerReport l : s.layers()) {
                    layers.add(l.name() + " " + l.featureCount());
                    outside += l.valuesOutsideLists().stream().mapToLong(v -> v.count()).sum();
                    nullKeys += l.key().nullKeys();
                    duplicates += l.key().duplicateKeys();
                }
                out.printf("   %-14s %s, %s, themes %s: %s%n", Path.of(s.path()).getFileName(), s.format(), String.join(" ", s.crs()),
                        String.join(" + ", s.themes()), String.join(", ", layers));
                out.printf("   %-14s %d values outside the value lists, %d duplicate keys, %d features without cleabs%s%n", "",
                        outside, duplicates, nullKeys, nullKeys > 0 ? " (local creations, to be attached by matching)" : "");
            }
            out.println("   details: bdfsync inspect " + demo.dir().resolve("*.gpkg") + " [--format json]");
        }
    }
}
