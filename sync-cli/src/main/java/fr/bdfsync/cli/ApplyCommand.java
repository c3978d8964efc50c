package fr.bdfsync.cli;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.pkg.ApplyOptions;
import fr.bdfsync.core.pkg.ApplyReport;
import fr.bdfsync.core.pkg.Ed25519;
import fr.bdfsync.core.pkg.PackageApplier;
import fr.bdfsync.core.pkg.PackageJson;
import fr.bdfsync.core.pkg.VerifiedPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code bdfsync apply PACKAGE --to NATIONAL --output NEW}: verify, then apply what still fits. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Verify a package, then apply each change whose precondition holds (update/delete: the national object's",
                "fingerprint equals the package's base fingerprint; insert: no object has the key) to a copy of NATIONAL.",
                "The others go to the reject package (--reject) with their reason. NATIONAL is never modified unless --in-place:",
                "then it is changed inside one SQLite transaction with a rollback journal (all or nothing, even if killed;",
                "--backup FILE also keeps a copy of it as it was). Exit code 0 when everything applied, 1 when",
                "some changes were rejected, 8 when the package does not verify."})
final class ApplyCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Mixin
    PackageInput input;
    @Option(names = "--to", required = true, paramLabel = "NATIONAL", description = "The national GeoPackage.")
    Path national;
    @Option(names = {"-o", "--output"}, paramLabel = "NEW", description = "The updated national GeoPackage (a new file).")
    Path output;
    @Option(names = "--in-place", description = "Change NATIONAL itself, in one transaction (all or nothing).")
    boolean inPlace;
    @Option(names = "--backup", paramLabel = "FILE", description = "With --in-place: first copy NATIONAL, as it is under the write lock, to FILE (a new file).")
    Path backup;
    @Option(names = "--dry-run", description = "Check every precondition and report; write nothing.")
    boolean dryRun;
    @Option(names = "--reject", paramLabel = "FILE", description = "Where to write the reject package (only when some changes are rejected).")
    Path reject;
    @Option(names = "--sign-key", paramLabel = "FILE.key", description = "Sign the reject package with this key (.pub beside it); unsigned otherwise.")
    Path signKey;
    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "Report format: text (default) or json.")
    Format format;

    private long verifyMillis;
    private java.util.Map<String, Long> verifyPhases = java.util.Map.of();

    @Override
    public Integer call() {
        int targets = (output != null ? 1 : 0) + (inPlace ? 1 : 0);
        if (!dryRun && targets != 1) throw BdfsyncException.usage("give exactly one of --output NEW and --in-place (or --dry-run)");
        if (dryRun && inPlace) throw BdfsyncException.usage("--dry-run and --in-place contradict each other");
        if (backup != null && !inPlace) throw BdfsyncException.usage("--backup goes with --in-place");
        var keys = signKey == null ? null : Ed25519.readKeyPair(signKey, null);
        ApplyReport r;
        long t0 = System.nanoTime();
        // the changes themselves are verified during apply's one read of them (nothing is written if they fail)
        try (VerifiedPackage vp = input.verifyAllButChanges()) {
            verifyMillis = (System.nanoTime() - t0) / 1_000_000;
            verifyPhases = vp.phaseMillis();
            r = PackageApplier.apply(vp, national, output, new ApplyOptions(dryRun, reject, inPlace, keys == null ? null : keys.getPrivate(),
                    keys == null ? null : keys.getPublic(), Instant.now(), backup));
        }
        print(spec.commandLine().getOut(), r);
        return r.rejectedTotal() == 0 ? 0 : ExitCode.DIFFERENCES.code();
    }

    private void print(PrintWriter out, ApplyReport r) {
        if (format == Format.json) {
            out.print(new String(PackageJson.bytes(r), StandardCharsets.UTF_8));
            return;
        }
        out.println((r.dryRun() ? "dry run (nothing written): " : "") + "package " + r.packageId() + ": " + r.appliedTotal() + " change(s) "
                + (r.dryRun() ? "would apply" : "applied") + ", " + r.rejectedTotal() + " rejected");
        r.applied().forEach((layer, c) -> out.println("  " + layer + ": " + c));
        if (!r.rejected().isEmpty()) out.println("  rejected by reason: " + r.rejected());
        r.rejectedSample().forEach(s -> out.println("    " + s));
        if (r.output() != null) out.println("  output: " + r.output());
        if (r.backup() != null) out.println("  backup of the national file: " + r.backup());
        if (r.rejectPackage() != null) out.println("  reject package: " + r.rejectPackage());
        if (!r.dryRun()) {
            out.println("  time: verification " + verifyMillis + " ms (" + PhaseText.of(verifyPhases) + "), "
                    + (inPlace ? "in place, " : "copy of the national file " + r.copyMillis() + " ms, ")
                    + "application " + r.applyMillis() + " ms");
        }
        if (!r.phaseMillis().isEmpty()) out.println("  application phases: " + PhaseText.of(r.phaseMillis()));
    }
}
