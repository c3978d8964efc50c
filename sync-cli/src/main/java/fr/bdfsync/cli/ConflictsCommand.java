package fr.bdfsync.cli;

import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bdfsync conflicts CONFLICTS.json [filters] [--format text|json]}. */
@Command(name = "conflicts", description = "List the conflicts of a sync run, filtered by type, severity, layer, status or key.")
final class ConflictsCommand implements Callable<Integer> {
    enum Format { TEXT, JSON }

    @Spec
    CommandSpec spec;
    @Mixin
    GlobalOptions global;
    @Mixin
    ConflictSelection selection;
    @Mixin
    ConflictsFile conflicts;
    @Option(names = "--format", defaultValue = "text", description = "text or json (a bdfsync.conflicts/v1 document of the selection).")
    Format format;

    @Override
    public Integer call() throws Exception {
        ConflictSet set = conflicts.read();
        List<Conflict> selected = selection.filter().select(set);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.JSON) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ConflictsJson.toJson(set.withConflicts(selected))));
        } else {
            ConflictTable.print(selected, out, Integer.MAX_VALUE);
            long open = selected.stream().filter(Conflict::isOpen).count();
            out.printf("%d of %d conflict(s) selected, %d open%n", selected.size(), set.conflicts().size(), open);
        }
        return 0;
    }
}
