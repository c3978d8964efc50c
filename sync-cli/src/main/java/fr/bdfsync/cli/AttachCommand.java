package fr.bdfsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.match.AttachOptions;
import fr.bdfsync.core.match.AttachResult;
import fr.bdfsync.core.match.AttachSummary;
import fr.bdfsync.core.match.Attacher;
import fr.bdfsync.core.match.AttributeMapping;
import fr.bdfsync.core.match.LinkStatus;
import fr.bdfsync.core.match.LinksWriter;
import fr.bdfsync.core.match.MeasuresJson;
import fr.bdfsync.core.match.Md5FeatureFingerprint;
import fr.bdfsync.core.match.PriorLinks;
import fr.bdfsync.core.match.Thresholds;
import fr.bdfsync.core.state.LinkStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bdfsync attach}: match local features without identifiers to national ones, or record a decision on a link. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Attach local features that carry no national key to the national features they describe.",
                "Writes the links as a GeoPackage (a line from each local feature to its match) and keeps them in the sync state,",
                "where later runs reuse them while both sides are unchanged. With --confirm/--reject, records a user decision."})
final class AttachCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--local", paramLabel = "L", description = "Local GeoPackage (never modified).")
    Path local;

    @Option(names = "--national", paramLabel = "N", description = "National GeoPackage (BD TOPO layers, key cleabs or ID).")
    Path national;

    @Option(names = "--layer", paramLabel = "LAYER", split = ",", description = "Local layer(s); default: the only layer.")
    List<String> layers = new ArrayList<>();

    @Option(names = "--national-layer", paramLabel = "LAYER", split = ",", description = "National layer for each local layer, in order; default: same name, or the only layer.")
    List<String> nationalLayers = new ArrayList<>();

    @Option(names = "--national-key", paramLabel = "COLUMN", description = "National key column (default cleabs, else ID).")
    String nationalKey;

    @Option(names = "--mapping", paramLabel = "FILE", description = "JSON {\"attributes\": {\"local_name\": \"national_name\", ...}}: attributes whose values should agree.")
    Path mapping;

    @Option(names = "--search-distance", paramLabel = "M", description = "Search distance in metres (default 10 for points, 15 for lines and polygons).")
    Double searchDistance;

    @Option(names = "--sure", paramLabel = "C", defaultValue = "0.6", description = "Confidence from which a link is sure (default ${DEFAULT-VALUE}).")
    double sure;

    @Option(names = "--invalid", paramLabel = "repair|skip", defaultValue = "repair", description = "What to do with invalid local polygons (default ${DEFAULT-VALUE}); every case is reported.")
    String invalid;

    @Option(names = "--state", paramLabel = "FILE", description = "Sync state GeoPackage (default <local>.bdfsync-state.gpkg beside the local data).")
    Path state;

    @Option(names = "--output", paramLabel = "LINKS.gpkg", description = "Links GeoPackage to write.")
    Path output;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "JSON summary (bdfsync.attach/v1) to write.")
    Path summary;

    @Option(names = "--confirm", paramLabel = "ID", description = "Confirm a link (its link_id: <local layer>:<local fid>:<national key>); needs --state.")
    String confirm;

    @Option(names = "--reject", paramLabel = "ID", description = "Reject a link; it is never proposed again. Needs --state.")
    String reject;

    @Override
    public Integer call() throws IOException {
        if (confirm != null || reject != null) return decide();
        if (local == null || national == null || output == null) throw BdfsyncException.usage("attach needs --local, --national and --output (or --confirm/--reject with --state)");
        if (!invalid.equals("repair") && !invalid.equals("skip")) throw BdfsyncException.usage("--invalid must be repair or skip, got '" + invalid + "'");
        Thresholds t = new Thresholds(sure, Math.min(Thresholds.DEFAULT.uncertain(), sure), Thresholds.DEFAULT.ambiguityMargin(), Thresholds.DEFAULT.groupCoverage());
        AttachOptions options = new AttachOptions(searchDistance == null ? Double.NaN : searchDistance, t, readMapping(), nationalKey, invalid.equals("repair"));
        Path statePath = state != null ? state : LinkStore.defaultFor(local);
        List<AttachResult> results = new ArrayList<>();
        try (Dataset l = Datasets.open(local); Dataset n = Datasets.open(national); LinkStore store = LinkStore.open(statePath)) {
            List<Map.Entry<String, String>> pairs = pairs(l, n);
            Attacher attacher = new Attacher(options, new Md5FeatureFingerprint());
            List<List<String>> measures = new ArrayList<>();
            long[] wrote = new long[1];
            for (int i = 0; i < pairs.size(); i++) {
                Map.Entry<String, String> p = pairs.get(i);
                AttachResult r = attacher.attach(l, p.getKey(), n, p.getValue(), store.prior(p.getKey(), p.getValue()));
                results.add(r);
                measures.add(MeasuresJson.of(r.links())); // once, for the state and the links GeoPackage
                long saved;
                if (i < pairs.size() - 1) {
                    long saving = System.nanoTime();
                    store.save(r, measures.get(i));
                    saved = System.nanoTime() - saving;
                } else { // the last pair's state is saved while the links GeoPackage is written
                    saved = store.saveAlongside(r, measures.get(i), () -> {
                        long writing = System.nanoTime();
                        LinksWriter.write(output, n.schema(pairs.get(0).getValue()).crs(), results, measures);
                        wrote[0] = System.nanoTime() - writing;
                    });
                }
                if (global.verbose) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "%s -> %s timings: %s; state saved in %.2f s wall%n", r.localLayer(),
                            r.nationalLayer(), r.timings().describe(), saved / 1e9);
                }
            }
            if (global.verbose) spec.commandLine().getErr().printf(Locale.ROOT, "links written in %.2f s wall (alongside the last state save)%n", wrote[0] / 1e9);
        }
        if (summary != null) writeSummary(results);
        var out = spec.commandLine().getOut();
        for (AttachResult r : results) {
            Map<LinkStatus, Integer> c = AttachSummary.featureCounts(r);
            out.printf("%s -> %s: %d sure, %d uncertain, %d unmatched (%d reused, %d matched, %d problems)%n", r.localLayer(), r.nationalLayer(),
                    c.get(LinkStatus.SURE), c.get(LinkStatus.UNCERTAIN), c.get(LinkStatus.UNMATCHED), r.reused(), r.matched(), r.problems().size());
            for (String p : r.problems()) out.println("  " + r.localLayer() + ": " + p);
        }
        out.println("links: " + output + "; state: " + statePath);
        return 0;
    }

    private int decide() {
        if (confirm != null && reject != null) throw BdfsyncException.usage("give --confirm or --reject, not both");
        if (state == null) {
            if (local == null) throw BdfsyncException.usage("--confirm/--reject need --state FILE (or --local to use its default state)");
            state = LinkStore.defaultFor(local);
        }
        if (!Files.exists(state)) throw BdfsyncException.notFound(state, "no sync state here (run attach first)");
        try (LinkStore store = LinkStore.open(state)) {
            store.decide(confirm != null ? confirm : reject, confirm != null ? PriorLinks.Decision.CONFIRMED : PriorLinks.Decision.REJECTED);
        }
        spec.commandLine().getOut().println((confirm != null ? "confirmed " + confirm : "rejected " + reject) + " in " + state);
        return 0;
    }

    private List<Map.Entry<String, String>> pairs(Dataset l, Dataset n) {
        List<String> locals = layers.isEmpty() ? l.layerNames() : layers;
        if (layers.isEmpty() && locals.size() != 1) throw BdfsyncException.usage(local + " has " + locals.size() + " layers " + locals + ": name them with --layer");
        if (!nationalLayers.isEmpty() && nationalLayers.size() != locals.size()) throw BdfsyncException.usage("--national-layer must name one layer per local layer");
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < locals.size(); i++) {
            String nl;
            if (!nationalLayers.isEmpty()) nl = nationalLayers.get(i);
            else if (n.layerNames().contains(locals.get(i))) nl = locals.get(i);
            else if (n.layerNames().size() == 1) nl = n.layerNames().get(0);
            else throw BdfsyncException.usage("no national layer named '" + locals.get(i) + "' in " + national + ": name it with --national-layer");
            l.schema(locals.get(i));
            n.schema(nl);
            pairs.add(Map.entry(locals.get(i), nl));
        }
        return pairs;
    }

    private AttributeMapping readMapping() {
        if (mapping == null) return AttributeMapping.NONE;
        if (!Files.exists(mapping)) throw BdfsyncException.notFound(mapping, "no such mapping file");
        try {
            JsonNode root = new ObjectMapper().readTree(mapping.toFile());
            JsonNode attrs = root == null ? null : root.get("attributes");
            if (attrs == null || !attrs.isObject()) throw BdfsyncException.invalid(mapping, null, null, "expected {\"attributes\": {\"local\": \"national\", ...}}");
            Map<String, String> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) throw BdfsyncException.invalid(mapping, null, null, "attribute '" + e.getKey() + "' must map to a national attribute name");
                m.put(e.getKey(), e.getValue().asText());
            }
            return new AttributeMapping(m);
        } catch (IOException e) {
            throw BdfsyncException.invalid(mapping, null, null, "not valid JSON: " + e.getMessage(), e);
        }
    }

    private void writeSummary(List<AttachResult> results) throws IOException {
        try (AtomicOutput out = AtomicOutput.begin(summary)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.temporary().toFile(), AttachSummary.of(results));
            out.commit();
        }
    }
}
