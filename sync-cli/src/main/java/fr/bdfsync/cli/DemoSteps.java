package fr.bdfsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.merge.SyncDemo;
import fr.bdfsync.core.pkg.Ed25519;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's jobs after inspect. Each runs the very command a user would type (printed with a "$" before it),
 * through the same picocli entry point, and shows its output, so the demo doubles as a tutorial.
 */
final class DemoSteps {
    private DemoSteps() {
    }

    /** Runs a bdfsync command line and prints it, its output (at most {@code maxLines}) and its exit code. */
    static int runCommand(PrintWriter out, int maxLines, String... args) {
        StringWriter buffer = new StringWriter();
        PrintWriter w = new PrintWriter(buffer, true);
        int code = Main.run(args, w, w);
        out.println("   $ bdfsync " + String.join(" ", quoteAll(args)));
        String[] lines = buffer.toString().split("\\R");
        int shown = 0;
        for (String line : lines) {
            if (line.isEmpty() && shown == 0) continue;
            if (shown++ == maxLines) {
                out.println("     ... (" + (lines.length - maxLines) + " more lines)");
                break;
            }
            out.println("     " + line);
        }
        out.println("     (exit code " + code + ")");
        return code;
    }

    private static List<String> quoteAll(String[] args) {
        List<String> q = new ArrayList<>();
        for (String a : args) q.add(a.contains(" ") ? "'" + a + "'" : a);
        return q;
    }

    /** Three-way diff: what changed on each side since the ancestor. */
    static final class DiffStep implements DemoCommand.Step {
        @Override
        public String title() {
            return "diff (three-way, by cleabs, theme tolerances): what changed nationally and locally since they last agreed";
        }

        @Override
        public void run(DemoData demo, Path outDir, DemoCommand options, PrintWriter out) {
            runCommand(out, 40, "diff", demo.national().toString(), demo.local().toString(), "--ancestor", demo.ancestor().toString(),
                    "--unkeyed-by-fid", "--summary");
        }
    }

    /** The sync job: merge, conflicts, contribution changes, new state. */
    static final class SyncStep implements DemoCommand.Step {
        @Override
        public String title() {
            return "sync: three-way merge with the community's label and IGN's authority, conflicts for QA";
        }

        @Override
        public void run(DemoData demo, Path outDir, DemoCommand options, PrintWriter out) {
            Path job = SyncDemo.writeJob(demo.ancestor(), demo.national(), demo.local(), outDir);
            out.println("   job file written: " + job);
            runCommand(out, 60, "sync", job.toString());
        }
    }

    /** The QA report in its three forms. */
    static final class ReportStep implements DemoCommand.Step {
        @Override
        public String title() {
            return "review: the QA report (sync wrote report.html, report.gpkg, report.json), a decision, the rerun";
        }

        @Override
        public void run(DemoData demo, Path outDir, DemoCommand options, PrintWriter out) {
            Path conflicts = outDir.resolve("conflicts.json");
            runCommand(out, 12, "conflicts", conflicts.toString(), "--status", "open", "--severity", "high");
            Path decisions = outDir.resolve("decisions.json");
            runCommand(out, 8, "resolve", conflicts.toString(), "--with", "national", "--type", "edit_delete",
                    "--resolutions", decisions.toString());
            runCommand(out, 12, "sync", outDir.resolve("demo-job.json").toString(), "--resolutions", decisions.toString());
        }
    }

    /** A signed contribution package of the merged local data, verified as the receiving side would. */
    static final class PackageStep implements DemoCommand.Step {
        @Override
        public String title() {
            return "package: the community's contribution, validated against its label, signed, then verified";
        }

        @Override
        public void run(DemoData demo, Path outDir, DemoCommand options, PrintWriter out) {
            Path keyBase = outDir.resolve(SyncDemo.COMMUNITY);
            if (Files.exists(keyBase.resolveSibling(SyncDemo.COMMUNITY + ".key"))) {
                out.println("   key pair kept from a previous run: " + keyBase + ".key (keygen never overwrites a key)");
            } else {
                runCommand(out, 4, "keygen", "--out", keyBase.toString());
            }
            Path registry = writeRegistry(outDir, Ed25519.readKeyPair(keyBase.resolveSibling(SyncDemo.COMMUNITY + ".key"),
                    keyBase.resolveSibling(SyncDemo.COMMUNITY + ".pub")));
            out.println("   label registry written: " + registry);
            Path pkg = outDir.resolve("contribution.zip");
            runCommand(out, 20, "package", "--national", demo.national().toString(), "--local", outDir.resolve("merged.gpkg").toString(),
                    "--registry", registry.toString(), "--community", SyncDemo.COMMUNITY, "--key", keyBase + ".key",
                    "--edition", "demo-national", "--created", options.created, "--output", pkg.toString());
            runCommand(out, 20, "verify", pkg.toString(), "--registry", registry.toString());
        }

        /** A registry naming the demo community with the label of the demo job and the key just made. */
        static Path writeRegistry(Path outDir, KeyPair keys) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("format", "bdfsync-registry/1");
            ArrayNode communities = root.putArray("communities");
            ObjectNode c = communities.addObject();
            c.put("id", SyncDemo.COMMUNITY);
            c.put("name", "Demo DDT (hydrographie and végétation business attributes)");
            c.put("publicKey", Ed25519.publicKeyBase64(keys.getPublic()));
            c.putArray("themes").add("hydrographie").add("vegetation");
            ObjectNode layers = c.putObject("layers");
            SyncDemo.LABEL_ATTRIBUTES.forEach((layer, attrs) -> {
                ArrayNode a = layers.putArray(layer);
                attrs.forEach(a::add);
            });
            Path file = outDir.resolve("registry.json");
            try {
                Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            } catch (IOException e) {
                throw BdfsyncException.output(file, "cannot write the demo registry: " + e.getMessage(), e);
            }
            return file;
        }
    }
}
