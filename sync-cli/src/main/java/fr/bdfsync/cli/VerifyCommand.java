package fr.bdfsync.cli;

import fr.bdfsync.core.pkg.Manifest;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bdfsync verify PACKAGE --registry FILE}: signature, checksums, format version and scope. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a contribution or reject package: zip safety and limits, format version, Ed25519 signature by the key",
                "registered for its community, checksums, counts, and every change within the registered label.",
                "Exit code 0 when it verifies, 8 when it is refused (with the reason on one line)."})
final class VerifyCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    GlobalOptions global;
    @Spec
    CommandSpec spec;

    @Mixin
    PackageInput input;
    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format;

    @Override
    public Integer call() {
        try (VerifiedPackage vp = input.verify()) {
            print(spec.commandLine().getOut(), vp, format);
        }
        return 0;
    }

    static Map<String, Object> summary(VerifiedPackage vp) {
        Manifest m = vp.manifest();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("package", vp.path().toString());
        s.put("verified", true);
        s.put("packageId", m.packageId());
        s.put("kind", m.kind());
        s.put("community", m.label().communityId());
        s.put("communityName", m.label().communityName());
        s.put("signed", vp.signed());
        s.put("keyId", m.signer() == null ? null : m.signer().keyId());
        s.put("created", m.created());
        s.put("tool", m.tool());
        s.put("baseEdition", m.base().edition());
        s.put("keyColumn", m.keyColumn());
        s.put("counts", vp.counts());
        s.put("validation", m.validation());
        s.put("openConflicts", m.qa() == null ? 0 : m.qa().openConflicts());
        s.put("rejectOf", m.rejectOf());
        s.put("checks", vp.checks());
        return s;
    }

    static void print(PrintWriter out, VerifiedPackage vp, Format format) {
        if (format == Format.json) {
            out.print(new String(PackageJson.bytes(summary(vp)), StandardCharsets.UTF_8));
            return;
        }
        Manifest m = vp.manifest();
        out.println("package " + m.packageId() + " (" + m.kind() + (m.rejectOf() != null ? " of " + m.rejectOf() : "") + "): VERIFIED");
        out.println("  community   " + m.label().communityId() + " (" + m.label().communityName() + ")");
        out.println("  signed      " + (vp.signed() ? "yes, key " + m.signer().keyId() : "no"));
        out.println("  created     " + m.created() + " by " + m.tool());
        out.println("  base        edition " + m.base().edition() + ", key column " + m.keyColumn() + ", " + m.base().fingerprintAlgorithm());
        vp.counts().forEach((layer, c) -> out.println("  " + layer + ": " + c.get("insert") + " insert, " + c.get("update") + " update, "
                + c.get("delete") + " delete"));
        if (m.validation() != null && !m.validation().refused().isEmpty()) out.println("  not packaged by the sender: " + m.validation().refused());
        if (m.qa() != null && m.qa().openConflicts() > 0) out.println("  open conflicts: " + m.qa().openConflicts());
        for (String c : vp.checks()) out.println("  ok: " + c);
        out.println("  time: " + PhaseText.of(vp.phaseMillis()));
    }
}
