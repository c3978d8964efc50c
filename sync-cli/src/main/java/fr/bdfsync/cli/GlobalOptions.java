package fr.bdfsync.cli;

import picocli.CommandLine.Option;

/** Options every subcommand accepts (mix in with {@code @Mixin}). */
public final class GlobalOptions {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces with errors.")
    boolean verbose;
}
