package fr.bdfsync.core.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renames applied to every input before comparing: column names (for all layers, or for one layer) and layer
 * aliases (a layer of another name standing for a target layer). Names match case-insensitively; a column
 * without a rename is compared under its own name in lower case. File format ({@code bdfsync.mapping/v1}):
 * <pre>{"format": "bdfsync.mapping/v1",
 *  "columns": {"ID": "cleabs", "PREC_PLANI": "precision_planimetrique"},
 *  "layers": {"zone_de_vegetation": {"aliases": ["zone_vegetation"], "columns": {"NATURE": "nature"}}}}</pre>
 */
public record AttributeMapping(Map<String, String> columns, Map<String, Map<String, String>> layerColumns,
                               Map<String, List<String>> layerAliases) {
    public static final String FORMAT = "bdfsync.mapping/v1";
    public static final AttributeMapping NONE = new AttributeMapping(Map.of(), Map.of(), Map.of());

    public AttributeMapping {
        columns = lowerKeys(columns);
        Map<String, Map<String, String>> lc = new HashMap<>();
        layerColumns.forEach((k, v) -> lc.put(k.toLowerCase(Locale.ROOT), lowerKeys(v)));
        layerColumns = Map.copyOf(lc);
        Map<String, List<String>> la = new HashMap<>();
        layerAliases.forEach((k, v) -> la.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        layerAliases = Map.copyOf(la);
    }

    private static Map<String, String> lowerKeys(Map<String, String> m) {
        Map<String, String> r = new HashMap<>();
        m.forEach((k, v) -> r.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
        return Map.copyOf(r);
    }

    /** The name a source column is compared under in a (target) layer. */
    public String column(String layer, String sourceColumn) {
        String c = sourceColumn.toLowerCase(Locale.ROOT);
        Map<String, String> perLayer = layerColumns.get(layer.toLowerCase(Locale.ROOT));
        if (perLayer != null && perLayer.containsKey(c)) return perLayer.get(c);
        return columns.getOrDefault(c, c);
    }

    /** The target layer a source layer stands for (itself when no alias names it). */
    public String targetLayer(String sourceLayer) {
        String s = sourceLayer.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> e : layerAliases.entrySet()) {
            for (String alias : e.getValue()) if (alias.equalsIgnoreCase(s)) return e.getKey();
        }
        return s;
    }

    public static AttributeMapping read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw BdfsyncException.invalid(file, null, null, "cannot read mapping: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw BdfsyncException.invalid(file, null, null, "mapping is not a JSON object");
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw BdfsyncException.invalid(file, null, null, "mapping \"format\" must be \"" + FORMAT + "\"");
        }
        Map<String, String> columns = stringMap(file, root.get("columns"), "columns");
        Map<String, Map<String, String>> layerColumns = new HashMap<>();
        Map<String, List<String>> aliases = new HashMap<>();
        JsonNode layers = root.get("layers");
        if (layers != null) {
            if (!layers.isObject()) throw BdfsyncException.invalid(file, null, null, "mapping \"layers\" must be an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                layerColumns.put(e.getKey(), stringMap(file, e.getValue().get("columns"), "layers." + e.getKey() + ".columns"));
                List<String> al = new ArrayList<>();
                JsonNode a = e.getValue().get("aliases");
                if (a != null) {
                    if (!a.isArray()) throw BdfsyncException.invalid(file, null, null, "layers." + e.getKey() + ".aliases must be an array");
                    a.forEach(n -> al.add(n.asText()));
                }
                aliases.put(e.getKey(), al);
            }
        }
        return new AttributeMapping(columns, layerColumns, aliases);
    }

    private static Map<String, String> stringMap(Path file, JsonNode node, String where) {
        Map<String, String> m = new HashMap<>();
        if (node == null) return m;
        if (!node.isObject()) throw BdfsyncException.invalid(file, null, null, "mapping \"" + where + "\" must be an object of names");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) throw BdfsyncException.invalid(file, null, null, "mapping \"" + where + "." + e.getKey() + "\" must be a name");
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }
}
