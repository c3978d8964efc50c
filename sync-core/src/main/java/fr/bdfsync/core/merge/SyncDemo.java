package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sync step of {@code bdfsync demo}: writes a job for the bundled demo editions (ancestor, national,
 * local) into a work directory, with a label (community {@value #COMMUNITY}, labelled for the flow
 * direction, persistance and name of tronçons, the nature of vegetation zones and the size of hedges),
 * runs it, and returns the result with its printed summary. Outputs go to the work directory only.
 */
public final class SyncDemo {
    public static final String COMMUNITY = "demo-ddt";

    /** The attributes the demo community is labelled for, per layer (its label, also used in its registry entry). */
    public static final Map<String, List<String>> LABEL_ATTRIBUTES = Map.of(
            "troncon_hydrographique", List.of("sens_de_l_ecoulement", "persistance", "cpx_toponyme_de_cours_d_eau"),
            "zone_de_vegetation", List.of("nature"),
            "haie", List.of("hauteur", "largeur"));

    public record Outcome(SyncJob job, SyncResult result, String summary) {
    }

    private SyncDemo() {
    }

    public static Path writeJob(Path ancestor, Path national, Path local, Path workDir) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode job = mapper.createObjectNode();
        job.put("format", SyncJobJson.FORMAT);
        job.put("name", "demo");
        job.put("theme", "hydrographie+vegetation");
        job.put("ancestor", ancestor.toAbsolutePath().toString());
        job.put("national", national.toAbsolutePath().toString());
        job.put("local", local.toAbsolutePath().toString());
        ObjectNode label = job.putObject("label");
        label.put("community", COMMUNITY);
        ObjectNode attrs = label.putObject("attributes");
        for (String layer : List.of("troncon_hydrographique", "zone_de_vegetation", "haie")) {
            LABEL_ATTRIBUTES.get(layer).forEach(attrs.putArray(layer)::add);
        }
        ObjectNode out = job.putObject("outputs");
        out.put("merged", "merged.gpkg");
        out.put("conflicts", "conflicts.json");
        out.put("changes", "changes.gpkg");
        out.put("lineage", "lineage.json");
        Path file = workDir.resolve("demo-job.json");
        try {
            Files.createDirectories(workDir);
            Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(job));
        } catch (IOException e) {
            throw BdfsyncException.output(file, "cannot write the demo job: " + e.getMessage(), e);
        }
        return file;
    }

    public static Outcome run(Path ancestor, Path national, Path local, Path workDir, Instant now) {
        SyncJob job = SyncJobJson.read(writeJob(ancestor, national, local, workDir));
        SyncResult r = new SyncRunner(job, new SyncOptions(false, false, null, now)).run();
        return new Outcome(job, r, SyncSummary.text(job, r));
    }
}
