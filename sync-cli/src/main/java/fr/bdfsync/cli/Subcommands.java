package fr.bdfsync.cli;

import java.util.List;

/** The list of subcommands, one line each. */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        return List.of(
                new DiffCommand(),
                new SyncCommand()
        );
    }
}
