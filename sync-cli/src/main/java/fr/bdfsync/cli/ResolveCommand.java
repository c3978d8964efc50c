package fr.bdfsync.cli;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.conflict.Choice;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictFilter;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ResolutionFiles;
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
import java.util.stream.Collectors;

/** {@code bdfsync resolve CONFLICTS.json --with CHOICE (--id ID... | filters | --all) --resolutions FILE}. */
@Command(name = "resolve", description = "Record decisions (with each conflict's content hash) in a resolution file that"
        + " bdfsync sync --resolutions applies; shows what remains open.")
final class ResolveCommand implements Callable<Integer> {
    enum With { NATIONAL, LOCAL, ANCESTOR, DELETE }

    @Spec
    CommandSpec spec;
    @Mixin
    GlobalOptions global;
    @Mixin
    ConflictSelection selection;
    @Mixin
    ConflictsFile conflicts;
    @Option(names = "--with", required = true, description = "national, local, ancestor or delete.")
    With with;
    @Option(names = "--id", split = ",", paramLabel = "ID", description = "Conflict id(s) to decide.")
    List<String> ids = new ArrayList<>();
    @Option(names = "--all", description = "Decide every conflict the filters select (required when no filter and no --id).")
    boolean all;
    @Option(names = "--resolutions", required = true, paramLabel = "FILE",
            description = "The resolution file to add to (created if missing, replaced atomically).")
    Path resolutions;

    @Override
    public Integer call() {
        ConflictFilter filter = selection.filter();
        if (!ids.isEmpty() && (!filter.isAny() || all)) throw BdfsyncException.usage("give either --id or filters, not both");
        if (ids.isEmpty() && filter.isAny() && !all) throw BdfsyncException.usage("give --id, filters (--type, --layer...) or --all");
        ConflictSet set = conflicts.read();
        List<String> chosen = !ids.isEmpty() ? ids : filter.select(set).stream().map(Conflict::id).collect(Collectors.toList());
        ResolutionFiles.Update u = ResolutionFiles.decide(set, conflicts.path, chosen, Choice.valueOf(with.name()), resolutions);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d decision(s) recorded in %s (%d new, %d replaced; %d in the file)%n", chosen.size(), resolutions,
                u.added(), u.replaced(), u.decisions().size());
        List<Conflict> open = u.outcome().conflicts().conflicts().stream().filter(Conflict::isOpen).collect(Collectors.toList());
        out.printf("%d of %d conflict(s) remain open%s%n", open.size(), set.conflicts().size(), open.isEmpty() ? "" : ":");
        ConflictTable.print(open, out, 50);
        return 0;
    }
}
