package fr.bdfsync.cli;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code bdfsync} command. Subcommands parse arguments, call sync-core and print; this class maps
 * every {@link BdfsyncException} to its exit code ({@link ExitCode} is the one table) and prints one line,
 * with the stack trace only under {@code --verbose}.
 */
@Command(name = "bdfsync", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Synchronise local business geodata with the BD France national base.",
        subcommands = {CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:differences or open conflicts found",
                "2:usage error",
                "3:input not found",
                "4:invalid input (corrupt file, wrong format, bad geometry or value)",
                "5:coordinate reference system error",
                "6:schema or key error (missing key column, duplicate or null keys)",
                "7:output error (nothing left under the final name)",
                "8:package verification failed",
                "70:internal error"})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Startup.prepareInBackground();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit code; used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(Subcommands.forArguments(args));
        cl.setOut(out);
        cl.setErr(err);
        boolean verbose = false;
        for (String a : args) if (a.equals("--verbose") || a.equals("-v")) verbose = true;
        final boolean showTrace = verbose;
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BdfsyncException) {
                BdfsyncException be = (BdfsyncException) ex;
                commandLine.getErr().println("bdfsync: error: " + be.getMessage());
                if (showTrace) be.printStackTrace(commandLine.getErr());
                commandLine.getErr().flush();
                return be.exitCode().code();
            }
            commandLine.getErr().println("bdfsync: internal error: " + ex);
            if (showTrace) ex.printStackTrace(commandLine.getErr());
            else commandLine.getErr().println("(run again with --verbose for the stack trace)");
            commandLine.getErr().flush();
            return ExitCode.INTERNAL.code();
        });
        cl.setParameterExceptionHandler((ex, strings) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("bdfsync: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCode.USAGE.code();
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command line with these subcommands (all of them for usage help: {@link Subcommands#forArguments}). */
    private static CommandLine commandLine(List<Object> subcommands) {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : subcommands) cl.addSubcommand(sub);
        // after adding the subcommands: picocli applies this setting only to the commands already added
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Prints the tool version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"bdfsync " + (v == null ? "dev" : v)};
        }
    }
}
