package fr.bdfsync.cli;

import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.inspect.InspectReport;
import fr.bdfsync.core.inspect.Inspector;
import fr.bdfsync.core.theme.ThemeCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bdfsync inspect PATH... [--format text|json] [--key COLUMN]}: what each source holds and how it fits the catalogue. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Describe each source: format, CRS, layers, feature counts, geometry types (declared and found),",
                "the theme and layer each layer matches, unknown and missing attributes, values outside the value lists,",
                "and the key column with its null and duplicate keys."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "GeoPackage (or other supported) files to inspect.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text (default) or json (versioned \"" + InspectReport.FORMAT + "\").")
    OutputFormat format;

    @Option(names = "--key", paramLabel = "COLUMN",
            description = "Key column for layers the catalogue does not describe (default: their primary key).")
    String key;

    @Override
    public Integer call() {
        InspectReport report = new Inspector(ThemeCatalog.bundled()).inspect(paths, key);
        if (format == OutputFormat.JSON) spec.commandLine().getOut().print(report.toJson());
        else spec.commandLine().getOut().print(InspectText.render(report));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
