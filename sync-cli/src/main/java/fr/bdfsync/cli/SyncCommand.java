package fr.bdfsync.cli;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.merge.SyncJob;
import fr.bdfsync.core.merge.SyncJobJson;
import fr.bdfsync.core.merge.SyncOptions;
import fr.bdfsync.core.merge.SyncResult;
import fr.bdfsync.core.merge.SyncRunner;
import fr.bdfsync.core.merge.SyncSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code bdfsync sync JOB.json}: runs a sync job (three-way merge, conflicts, contribution, new state). */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Run a sync job: merge the national edition into the local data (three-way, with the sync state),",
                "write the merged dataset to a new file, conflicts.json, the changes to contribute and the new state.",
                "Exit code 1 when open conflicts remain."})
public final class SyncCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job file (bdfsync.job/v1 JSON).")
    Path job;

    @Option(names = "--dry-run", description = "Show what would happen; write nothing.")
    boolean dryRun;

    @Option(names = "--in-place", description = "Replace the local file (atomically, after copying it to LOCAL.bak).")
    boolean inPlace;

    @Option(names = "--resolutions", paramLabel = "FILE", description = "A resolution file (bdfsync.resolutions/v1) to apply.")
    Path resolutions;

    @Option(names = "--timings", description = "Also print the time spent per phase (for benchmarks).")
    boolean timings;

    @Override
    public Integer call() {
        if (dryRun && inPlace) throw BdfsyncException.usage("--dry-run and --in-place contradict each other");
        SyncJob j = SyncJobJson.read(job);
        SyncResult r = new SyncRunner(j, new SyncOptions(dryRun, inPlace, resolutions, Instant.now())).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(SyncSummary.text(j, r));
        if (timings) out.println("phases: " + PhaseText.of(r.phaseMillis()));
        out.flush();
        return r.hasOpenConflicts() ? ExitCode.DIFFERENCES.code() : ExitCode.OK.code();
    }
}
