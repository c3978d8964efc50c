package fr.bdfsync.cli;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.io.gpkg.GpkgDataset;
import fr.bdfsync.core.pkg.BuildRequest;
import fr.bdfsync.core.pkg.BuildResult;
import fr.bdfsync.core.pkg.CatalogueRules;
import fr.bdfsync.core.pkg.ChangeRules;
import fr.bdfsync.core.pkg.Ed25519;
import fr.bdfsync.core.pkg.EspacecoExport;
import fr.bdfsync.core.pkg.Label;
import fr.bdfsync.core.pkg.LabelRegistry;
import fr.bdfsync.core.pkg.PackageBuilder;
import fr.bdfsync.core.pkg.PackageChange;
import fr.bdfsync.core.pkg.ScopeCheck;
import fr.bdfsync.core.pkg.ChangeValidator;
import fr.bdfsync.core.pkg.Refusal;
import fr.bdfsync.core.pkg.DiffPackageChanges;
import fr.bdfsync.core.theme.ThemeCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bdfsync package}: a signed contribution package (or an Espace collaboratif export) of local changes. */
@Command(name = "package", mixinStandardHelpOptions = true,
        description = {"Build a signed contribution package from the changes between a local dataset and the national one.",
                "Changes are validated first (geometry validity, the community's label: layers, attributes, territory, and",
                "the theme catalogue's value lists and mandatory attributes);",
                "those that fail are reported and not packaged (exit code 1). The same inputs and --created give a",
                "byte-identical package. --format espaceco writes Espace collaboratif transactions (JSON) instead."})
final class PackageCommand implements Callable<Integer> {
    enum Format { bdfsync, espaceco }

    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Option(names = "--national", required = true, paramLabel = "GPKG", description = "The national dataset the local data was made against.")
    Path national;
    @Option(names = "--local", required = true, paramLabel = "GPKG", description = "The local dataset holding the changes.")
    Path local;
    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "Label registry (JSON).")
    Path registry;
    @Option(names = "--community", required = true, paramLabel = "ID", description = "Community id in the registry: its label is the package's.")
    String community;
    @Option(names = "--key", paramLabel = "FILE.key", description = "Private key (PEM); the public key is read from the .pub beside it.")
    Path key;
    @Option(names = "--public-key", paramLabel = "FILE.pub", description = "Public key (PEM), when not beside the private key.")
    Path publicKey;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The package (.zip) or, with --format espaceco, the JSON file.")
    Path output;
    @Option(names = "--key-column", defaultValue = "cleabs", paramLabel = "NAME", description = "Key column (default: ${DEFAULT-VALUE}).")
    String keyColumn;
    @Option(names = "--edition", defaultValue = "unknown", paramLabel = "TEXT", description = "Name of the national edition (recorded in the manifest).")
    String edition;
    @Option(names = "--created", paramLabel = "ISO-8601", description = "Creation time (e.g. 2026-11-25T12:00:00Z); default now.")
    String created;
    @Option(names = "--layers", split = ",", paramLabel = "LAYER", description = "Only these layers (default: every layer of both datasets).")
    List<String> layers;
    @Option(names = "--base-digest", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Record a digest of every national layer packaged (one more read of each; default on).")
    boolean baseDigest;
    @Option(names = "--theme-rules", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Check value lists and mandatory attributes of the bundled theme catalogue (default on).")
    boolean themeRules;
    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Diff threads (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--qa", paramLabel = "FILE", description = "Open conflicts (JSON array) to include as qa/conflicts.json.")
    Path qa;
    @Option(names = "--format", defaultValue = "bdfsync", paramLabel = "FORMAT", description = "bdfsync (signed zip) or espaceco (transaction JSON).")
    Format format;
    @Option(names = "--comment", defaultValue = "bdfsync contribution", paramLabel = "TEXT", description = "Transaction comment (espaceco).")
    String comment;

    @Override
    public Integer call() {
        LabelRegistry reg = LabelRegistry.read(registry);
        Label label = reg.community(community).orElseThrow(() -> BdfsyncException.usage("community '" + community + "' is not in " + registry)).label();
        Instant when = parseCreated();
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        DiffPackageChanges.Collected changes;
        try (GpkgDataset n = GpkgDataset.open(national); GpkgDataset l = GpkgDataset.open(local)) {
            changes = DiffPackageChanges.collect(n, l, keyColumn, layers, baseDigest && format == Format.bdfsync, threads);
        }
        if (format == Format.espaceco) return espaceco(label, changes, out);
        if (key == null) throw BdfsyncException.usage("--key is required to sign a package");
        var keys = Ed25519.readKeyPair(key, publicKey);
        byte[] qaBytes = readQa();
        BuildRequest req = new BuildRequest(label, keys.getPrivate(), keys.getPublic(), when, edition, keyColumn,
                changes.nationalSchemas(), changes.baseLayers(), changes.changes(), List.of(), qaBytes, qaBytes == null ? 0 : countQa(qaBytes), rules());
        long t1 = System.nanoTime();
        BuildResult r = PackageBuilder.build(req, output);
        long t2 = System.nanoTime();
        out.println("package " + r.manifest().packageId() + " written to " + output);
        out.println("  community " + label.communityId() + ", created " + r.manifest().created() + ", base edition " + edition);
        r.manifest().counts().forEach((layer, c) -> out.println("  " + layer + ": " + c));
        printRefused(out, r.refused());
        out.println("  time: changes (diff national -> local" + (baseDigest ? ", base digests" : "") + ") " + (t1 - t0) / 1_000_000 + " ms, validation and package " + (t2 - t1) / 1_000_000 + " ms");
        out.println("  phases: " + PhaseText.of(changes.phaseMillis()) + ", " + PhaseText.of(r.phaseMillis()));
        return r.refused().isEmpty() ? 0 : ExitCode.DIFFERENCES.code();
    }

    private int espaceco(Label label, DiffPackageChanges.Collected changes, PrintWriter out) {
        ChangeValidator validator = new ChangeValidator(new ScopeCheck(label), rules());
        List<PackageChange> accepted = new ArrayList<>();
        List<PackageChange> refused = new ArrayList<>();
        for (PackageChange c : changes.changes()) {
            Refusal why = validator.check(c);
            if (why == null) accepted.add(c);
            else refused.add(c.withReason(why.toString()));
        }
        var tx = EspacecoExport.transactions(accepted, changes.nationalSchemas(), keyColumn, comment);
        EspacecoExport.write(output, tx);
        out.println(tx.size() + " transaction(s), " + accepted.size() + " action(s) written to " + output);
        printRefused(out, refused);
        return refused.isEmpty() ? 0 : ExitCode.DIFFERENCES.code();
    }

    private ChangeRules rules() {
        return themeRules ? new CatalogueRules(ThemeCatalog.bundled()) : ChangeRules.NONE;
    }

    private static void printRefused(PrintWriter out, List<PackageChange> refused) {
        if (refused.isEmpty()) return;
        out.println(refused.size() + " change(s) not packaged:");
        refused.stream().limit(50).forEach(c -> out.println("  " + c.layer() + " " + c.op().code() + " " + c.key() + ": " + c.reason()));
        if (refused.size() > 50) out.println("  ... and " + (refused.size() - 50) + " more");
    }

    private Instant parseCreated() {
        if (created == null) return Instant.now();
        try {
            return Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw BdfsyncException.usage("--created: not an ISO-8601 instant such as 2026-11-25T12:00:00Z: " + created);
        }
    }

    private byte[] readQa() {
        if (qa == null) return null;
        try {
            return Files.readAllBytes(qa);
        } catch (IOException e) {
            throw BdfsyncException.notFound(qa, "cannot read: " + e.getMessage());
        }
    }

    private long countQa(byte[] bytes) {
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
            if (node == null || !node.isArray()) throw BdfsyncException.invalid(qa, null, null, "not a JSON array of conflicts");
            return node.size();
        } catch (IOException e) {
            throw BdfsyncException.invalid(qa, null, null, "not valid JSON: " + e.getMessage());
        }
    }
}
