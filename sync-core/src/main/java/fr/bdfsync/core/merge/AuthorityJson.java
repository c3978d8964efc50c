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
 * Reads an authority matrix ({@value #FORMAT}, documented in {@code docs/sync.md}):
 * <pre>
 * {"format": "bdfsync.authority/v1",
 *  "communities": {"ddt-35": {"wkt": "POLYGON ((...))"}},
 *  "rules": [{"theme": "hydrographie", "layer": "troncon_hydrographique", "attribute": "persistance", "authority": "community:ddt-35"},
 *            {"attribute": "geometry", "authority": "ign"}]}
 * </pre>
 */
public final class AuthorityJson {
    public static final String FORMAT = "bdfsync.authority/v1";

    private AuthorityJson() {
    }

    public static AuthorityMatrix read(Path file) {
        return read(file, JsonInput.readObject(file, FORMAT));
    }

    static AuthorityMatrix read(Path file, JsonNode root) {
        JsonInput.onlyKeys(file, root, "the authority matrix", Set.of("format", "communities", "rules"));
        Map<String, Territory> territories = new LinkedHashMap<>();
        JsonNode comms = root.get("communities");
        if (comms != null && !comms.isNull()) {
            if (!comms.isObject()) throw BdfsyncException.invalid(file, null, null, "\"communities\" must be an object {id: territory}");
            Iterator<Map.Entry<String, JsonNode>> it = comms.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                territories.put(e.getKey(), TerritoryJson.read(file, e.getValue(), "communities." + e.getKey()));
            }
        }
        JsonNode rulesNode = JsonInput.required(file, root, "rules", "the authority matrix");
        if (!rulesNode.isArray()) throw BdfsyncException.invalid(file, null, null, "\"rules\" must be a list");
        List<AuthorityRule> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode r : rulesNode) {
            String where = "rules[" + i++ + "]";
            JsonInput.onlyKeys(file, r, where, Set.of("theme", "layer", "attribute", "authority"));
            Authority a;
            try {
                a = Authority.parse(JsonInput.text(file, r, "authority", where));
            } catch (IllegalArgumentException e) {
                throw BdfsyncException.invalid(file, null, null, where + ": " + e.getMessage());
            }
            rules.add(new AuthorityRule(r.path("theme").asText(null), r.path("layer").asText(null), r.path("attribute").asText(null), a));
        }
        return new AuthorityMatrix(rules, territories);
    }
}
