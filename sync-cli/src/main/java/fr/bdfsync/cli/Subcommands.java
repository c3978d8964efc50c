package fr.bdfsync.cli;

import java.util.List;

/** The list of subcommands, one line each. */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        return List.of(
                new InspectCommand(),
                new DiffCommand(),
                new ReportCommand(),
                new ConflictsCommand(),
                new ResolveCommand(),
                new KeygenCommand(),
                new PackageCommand(),
                new VerifyCommand(),
                new ApplyCommand(),
                new AttachCommand(),
                new SyncCommand(),
                new DemoCommand()
        );
    }
}
