package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bdfsync.core.BdfsyncException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a job file ({@value #FORMAT}). Every key is checked: an unknown key, a missing source or a source
 * file that does not exist is refused with a message naming the key and the file. Relative paths are
 * relative to the job file's directory. The format is documented in {@code docs/sync.md}.
 */
public final class SyncJobJson {
    public static final String FORMAT = "bdfsync.job/v1";
    private static final Set<String> TOP = Set.of("format", "name", "theme", "key", "layers", "national", "ancestor", "local",
            "mapping", "label", "authority", "tolerances", "outputs");

    private SyncJobJson() {
    }

    public static SyncJob read(Path file) {
        JsonNode root = JsonInput.readObject(file, FORMAT);
        JsonInput.onlyKeys(file, root, "the job", TOP);
        String theme = JsonInput.text(file, root, "theme", "the job");
        String key = root.path("key").asText("cleabs");
        String name = root.path("name").asText(baseName(file));

        JsonNode nat = JsonInput.required(file, root, "national", "the job");
        Path national = nationalSource(file, nat);
        Path differential = nat.isObject() && nat.hasNonNull("differential") ? existing(file, nat.get("differential").asText(), "national.differential") : null;
        Path local = existing(file, JsonInput.text(file, root, "local", "the job"), "local");
        Path ancestor = root.hasNonNull("ancestor") ? existing(file, root.get("ancestor").asText(), "ancestor") : null;
        List<String> layers = JsonInput.strings(file, root.get("layers"), "\"layers\"");

        Map<String, Map<String, String>> mapping = new LinkedHashMap<>();
        JsonNode m = root.get("mapping");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) throw BdfsyncException.invalid(file, null, null, "\"mapping\" must be {layer: {local_name: national_name}}");
            Iterator<Map.Entry<String, JsonNode>> it = m.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isObject()) throw BdfsyncException.invalid(file, null, null, "mapping." + e.getKey() + " must be {local_name: national_name}");
                Map<String, String> names = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(f -> names.put(f.getKey(), f.getValue().asText()));
                mapping.put(e.getKey(), names);
            }
        }

        Label label = root.hasNonNull("label") ? label(file, root.get("label"), theme) : null;
        AuthorityMatrix matrix;
        JsonNode a = root.get("authority");
        if (a == null || a.isNull()) matrix = AuthorityMatrix.defaults(label, key);
        else if (a.isTextual()) matrix = AuthorityJson.read(existing(file, a.asText(), "authority"));
        else if (a.isObject()) matrix = AuthorityJson.read(file, a);
        else throw BdfsyncException.invalid(file, null, null, "\"authority\" must be a file name or an inline matrix");
        if (label != null) matrix = matrix.withTerritory(label.community(), label.territory());

        Tolerances tol = tolerances(file, root.get("tolerances"));

        JsonNode out = JsonInput.required(file, root, "outputs", "the job");
        JsonInput.onlyKeys(file, out, "outputs", Set.of("merged", "conflicts", "changes", "lineage"));
        Path merged = JsonInput.resolve(file, JsonInput.text(file, out, "merged", "outputs"));
        Path conflicts = JsonInput.resolve(file, out.path("conflicts").asText("conflicts.json"));
        Path changes = JsonInput.resolve(file, out.path("changes").asText("changes.gpkg"));
        Path lineage = JsonInput.resolve(file, out.path("lineage").asText("lineage.json"));
        for (Path p : List.of(merged, conflicts, changes, lineage)) {
            if (p.equals(local.toAbsolutePath().normalize()) || p.equals(national.toAbsolutePath().normalize())
                    || differential != null && p.equals(differential.toAbsolutePath().normalize())) {
                throw BdfsyncException.invalid(file, null, null, "output " + p + " would overwrite an input (use --in-place to replace the local data)");
            }
        }
        return new SyncJob(file, name, theme, key, national, differential, ancestor, local, layers, mapping, label, matrix, tol, merged, conflicts, changes, lineage);
    }

    private static Path nationalSource(Path file, JsonNode n) {
        if (n.isTextual()) return existing(file, n.asText(), "national");
        if (!n.isObject()) throw BdfsyncException.invalid(file, null, null, "\"national\" must be a file name or {\"edition\": ...}");
        JsonInput.onlyKeys(file, n, "national", Set.of("edition", "differential"));
        if (n.hasNonNull("differential") && !n.hasNonNull("edition")) {
            throw BdfsyncException.invalid(file, null, null, "national.differential needs the \"edition\" it applies to");
        }
        return existing(file, JsonInput.text(file, n, "edition", "national"), "national.edition");
    }

    private static Label label(Path file, JsonNode n, String theme) {
        JsonInput.onlyKeys(file, n, "label", Set.of("community", "theme", "attributes", "territory"));
        String community = JsonInput.text(file, n, "community", "label");
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) throw BdfsyncException.invalid(file, null, null, "label.attributes must be {layer: [attribute, ...]}");
            a.fields().forEachRemaining(e -> attrs.put(e.getKey(), JsonInput.strings(file, e.getValue(), "label.attributes." + e.getKey())));
        }
        return new Label(community, n.path("theme").asText(theme), attrs, TerritoryJson.read(file, n.get("territory"), "label.territory"));
    }

    private static Tolerances tolerances(Path file, JsonNode n) {
        if (n == null || n.isNull()) return Tolerances.DEFAULT;
        JsonInput.onlyKeys(file, n, "tolerances", Set.of("geometry", "match_distance", "match_overlap", "snap"));
        Tolerances d = Tolerances.DEFAULT;
        try {
            return new Tolerances(n.path("geometry").asDouble(d.geometry()), n.path("match_distance").asDouble(d.matchDistance()),
                    n.path("match_overlap").asDouble(d.matchOverlap()), n.path("snap").asDouble(d.snap()));
        } catch (IllegalArgumentException e) {
            throw BdfsyncException.invalid(file, null, null, "tolerances: " + e.getMessage());
        }
    }

    private static Path existing(Path file, String name, String key) {
        Path p = JsonInput.resolve(file, name);
        if (!java.nio.file.Files.isRegularFile(p)) throw BdfsyncException.notFound(file, "\"" + key + "\" names " + p + ", which does not exist");
        return p;
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

}
