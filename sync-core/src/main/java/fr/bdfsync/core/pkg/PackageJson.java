package fr.bdfsync.core.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON mapper of packages: compact, map keys sorted, unknown fields refused, duplicate keys refused,
 * so that the same manifest always gives the same bytes and a manifest is read exactly as written.
 */
public final class PackageJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private PackageJson() {
    }

    /** Compact JSON and a final newline. */
    public static byte[] bytes(Object value) {
        try {
            return (MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a manifest: malformed JSON, an unknown format version or an unknown field is refused. */
    public static Manifest manifest(Path pkg, byte[] bytes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw PackageRefused.of(pkg, "manifest.json is not valid JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) throw PackageRefused.of(pkg, "manifest.json is not a JSON object");
        JsonNode v = tree.get("formatVersion");
        if (v == null || !v.isInt()) throw PackageRefused.of(pkg, "manifest.json has no integer formatVersion");
        if (v.intValue() != Manifest.FORMAT_VERSION) {
            throw PackageRefused.of(pkg, "unknown package format version " + v.intValue() + "; this bdfsync reads version " + Manifest.FORMAT_VERSION);
        }
        Manifest m;
        try {
            m = MAPPER.treeToValue(tree, Manifest.class);
        } catch (IOException e) {
            throw PackageRefused.of(pkg, "manifest.json does not follow format v1: " + firstLine(e));
        }
        for (Object required : new Object[]{m.packageId(), m.kind(), m.created(), m.label(), m.base(), m.keyColumn(), m.counts(), m.entries()}) {
            if (required == null) throw PackageRefused.of(pkg, "manifest.json lacks a required field (packageId, kind, created, label, base, keyColumn, counts, entries)");
        }
        if (!Manifest.KIND_CONTRIBUTION.equals(m.kind()) && !Manifest.KIND_REJECT.equals(m.kind())) {
            throw PackageRefused.of(pkg, "unknown package kind '" + m.kind() + "'");
        }
        return m;
    }

    static String firstLine(Exception e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    static void writeFile(Path file, byte[] bytes) {
        try (AtomicOutput out = AtomicOutput.begin(file)) {
            try {
                Files.write(out.temporary(), bytes);
            } catch (IOException e) {
                throw BdfsyncException.output(file, "cannot write: " + e.getMessage(), e);
            }
            out.commit();
        }
    }
}
