package fr.bdfsync.cli;

import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ResolutionFiles;
import fr.bdfsync.core.report.ReportFormat;
import fr.bdfsync.core.report.ReportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bdfsync report CONFLICTS.json --format html|gpkg|json --output F}. */
@Command(name = "report", description = "Write the conflict report of a sync run: html (one offline page with a map),"
        + " gpkg (layers and QGIS styles) or json (the conflicts with a full summary).")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    GlobalOptions global;
    @Mixin
    ConflictsFile conflicts;
    @Option(names = "--format", defaultValue = "html", description = "html, gpkg or json (default: ${DEFAULT-VALUE}).")
    ReportFormat format;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The report to write (replaced atomically).")
    Path output;
    @Option(names = "--resolutions", paramLabel = "FILE",
            description = "Show the decisions of this resolution file in the report (decided, or outdated when the conflict changed since).")
    Path resolutions;

    @Override
    public Integer call() {
        ConflictSet set = conflicts.read();
        if (resolutions != null) set = ResolutionFiles.apply(set, conflicts.path, resolutions).conflicts();
        format.write(set, output);
        ReportSummary s = ReportSummary.of(set);
        spec.commandLine().getOut().printf("%s report of %d conflict(s), %d open, written to %s%n",
                format.name().toLowerCase(java.util.Locale.ROOT), s.total(), s.open(), output);
        return 0;
    }
}
