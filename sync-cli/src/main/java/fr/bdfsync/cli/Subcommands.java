package fr.bdfsync.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The subcommands, one line each, by name. A command line that names its subcommand first builds only that one:
 * picocli reads every registered command's annotations when it is added (about half a second of a cold JVM for
 * all of them), which every run would otherwise pay before doing anything. The names here must be those of the
 * {@code @Command} annotations ({@code SubcommandsTest}).
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("inspect", InspectCommand::new);
        BY_NAME.put("diff", DiffCommand::new);
        BY_NAME.put("report", ReportCommand::new);
        BY_NAME.put("conflicts", ConflictsCommand::new);
        BY_NAME.put("resolve", ResolveCommand::new);
        BY_NAME.put("keygen", KeygenCommand::new);
        BY_NAME.put("package", PackageCommand::new);
        BY_NAME.put("verify", VerifyCommand::new);
        BY_NAME.put("apply", ApplyCommand::new);
        BY_NAME.put("attach", AttachCommand::new);
        BY_NAME.put("sync", SyncCommand::new);
        BY_NAME.put("demo", DemoCommand::new);
    }

    private Subcommands() {
    }

    /** Every subcommand, in the order of the usage help. */
    static List<Object> all() {
        return BY_NAME.values().stream().map(Supplier::get).toList();
    }

    /** The subcommands a command line needs: the one it names first, or all (help, version, a mistyped name). */
    static List<Object> forArguments(String[] args) {
        Supplier<Object> named = args.length > 0 ? BY_NAME.get(args[0]) : null;
        return named == null ? all() : List.of(named.get());
    }

    static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
