package fr.bdfsync.core.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Strict reading of the job and authority files: unknown keys and missing ones are named with the file. */
final class JsonInput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonInput() {
    }

    static JsonNode readObject(Path file, String expectedFormat) {
        if (!Files.isRegularFile(file)) throw BdfsyncException.notFound(file, "no such file");
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw BdfsyncException.invalid(file, null, null, "not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BdfsyncException.notFound(file, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw BdfsyncException.invalid(file, null, null, "not a JSON object");
        String format = root.path("format").asText("");
        if (!format.isEmpty() && !format.equals(expectedFormat)) {
            throw BdfsyncException.invalid(file, null, null, "format is '" + format + "', this bdfsync reads '" + expectedFormat + "'");
        }
        return root;
    }

    /** Refuses keys outside {@code allowed}, naming the first unknown key, where it is, and the file. */
    static void onlyKeys(Path file, JsonNode node, String where, Set<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw BdfsyncException.invalid(file, null, null, "unknown key \"" + k + "\"" + (where.isEmpty() ? "" : " in " + where)
                        + " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    static JsonNode required(Path file, JsonNode node, String key, String where) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            throw BdfsyncException.invalid(file, null, null, "missing key \"" + key + "\"" + (where.isEmpty() ? "" : " in " + where));
        }
        return n;
    }

    static String text(Path file, JsonNode node, String key, String where) {
        JsonNode n = required(file, node, key, where);
        if (!n.isTextual() || n.asText().isBlank()) throw BdfsyncException.invalid(file, null, null, "\"" + key + "\"" + (where.isEmpty() ? "" : " in " + where) + " must be a non-empty string");
        return n.asText();
    }

    static List<String> strings(Path file, JsonNode n, String where) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) throw BdfsyncException.invalid(file, null, null, where + " must be a list of strings");
        for (JsonNode e : n) out.add(e.asText());
        return out;
    }

    /** Resolves a path named in a file relative to that file's directory. */
    static Path resolve(Path file, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) return p.normalize();
        Path dir = file.toAbsolutePath().getParent();
        return (dir == null ? p : dir.resolve(p)).normalize();
    }
}
