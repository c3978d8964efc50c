package fr.bdfsync.core.conflict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes conflict sets ({@value ConflictSet#FORMAT}) and resolution files
 * ({@value #RESOLUTIONS_FORMAT}). Geometries are WKT in the set's CRS; values are JSON scalars. The format
 * is documented in {@code docs/conflicts.md}. Reading refuses another format or version, truncated or
 * malformed JSON, with the file name; writing is atomic.
 */
public final class ConflictsJson {
    public static final String RESOLUTIONS_FORMAT = "bdfsync.resolutions/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NF = JsonNodeFactory.instance;

    private ConflictsJson() {
    }

    // ---------------------------------------------------------------- conflict sets

    public static ObjectNode toJson(ConflictSet set) {
        ObjectNode root = NF.objectNode();
        root.put("format", ConflictSet.FORMAT);
        root.put("job", set.job());
        root.put("theme", set.theme());
        root.put("srid", set.srid());
        root.put("created", set.created());
        ObjectNode summary = root.putObject("summary");
        summary.put("total", set.conflicts().size());
        summary.put("open", set.openCount());
        ObjectNode byType = summary.putObject("by_type");
        set.countByType().forEach((t, n) -> byType.put(t.code(), n));
        ArrayNode arr = root.putArray("conflicts");
        WKTWriter wkt = new WKTWriter(3);
        for (Conflict c : set.conflicts()) {
            ObjectNode o = describe(c, arr.addObject());
            if (c.location() != null) o.putArray("location").add(c.location().getX()).add(c.location().getY());
            ArrayNode attrs = o.putArray("attributes");
            for (AttributeValues a : c.attributes()) {
                ObjectNode ao = attrs.addObject();
                ao.put("name", a.name());
                ao.set("ancestor", scalar(a.ancestor()));
                ao.set("national", scalar(a.national()));
                ao.set("local", scalar(a.local()));
            }
            ObjectNode geoms = o.putObject("geometries");
            geoms.set("ancestor", c.ancestorGeometry() == null ? NF.nullNode() : NF.textNode(wkt.write(c.ancestorGeometry())));
            geoms.set("national", c.nationalGeometry() == null ? NF.nullNode() : NF.textNode(wkt.write(c.nationalGeometry())));
            geoms.set("local", c.localGeometry() == null ? NF.nullNode() : NF.textNode(wkt.write(c.localGeometry())));
            if (c.resolution() != null) o.set("resolution", resolution(c.resolution()));
            o.put("content_hash", c.contentHash());
        }
        return root;
    }

    /** Puts what a conflict is (id, type, severity, status, layer, keys, message) into {@code o}; returns it. */
    public static ObjectNode describe(Conflict c, ObjectNode o) {
        o.put("id", c.id());
        o.put("type", c.type().code());
        o.put("severity", c.severity().code());
        o.put("status", c.status().code());
        o.put("layer", c.layer());
        ArrayNode keys = o.putArray("keys");
        c.keys().forEach(keys::add);
        o.put("message", c.message());
        return o;
    }

    public static void write(ConflictSet set, Path target) {
        writeJson(toJson(set), target);
    }

    public static ConflictSet read(Path file) {
        JsonNode root = readRoot(file, ConflictSet.FORMAT);
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), root.path("srid").asInt(0));
        WKTReader wkt = new WKTReader(gf);
        List<Conflict> list = new ArrayList<>();
        JsonNode arr = root.get("conflicts");
        if (arr == null || !arr.isArray()) throw BdfsyncException.invalid(file, null, null, "no \"conflicts\" array");
        int i = 0;
        for (JsonNode o : arr) {
            String where = "conflict #" + i++;
            try {
                String id = required(o, "id", file, where).asText();
                List<String> keys = new ArrayList<>();
                o.path("keys").forEach(k -> keys.add(k.asText()));
                List<AttributeValues> attrs = new ArrayList<>();
                for (JsonNode a : o.path("attributes")) {
                    attrs.add(new AttributeValues(a.path("name").asText(), value(a.get("ancestor")), value(a.get("national")), value(a.get("local"))));
                }
                JsonNode g = o.path("geometries");
                JsonNode loc = o.get("location");
                Coordinate location = loc != null && loc.isArray() && loc.size() >= 2 ? new Coordinate(loc.get(0).asDouble(), loc.get(1).asDouble()) : null;
                list.add(new Conflict(id, ConflictType.fromCode(required(o, "type", file, id).asText()),
                        o.hasNonNull("severity") ? Severity.fromCode(o.get("severity").asText()) : null,
                        required(o, "layer", file, id).asText(), keys, attrs,
                        geometry(wkt, g.get("ancestor"), file, id), geometry(wkt, g.get("national"), file, id), geometry(wkt, g.get("local"), file, id),
                        location, o.hasNonNull("status") ? ConflictStatus.fromCode(o.get("status").asText()) : null,
                        o.hasNonNull("resolution") ? readResolution(o.get("resolution")) : null,
                        o.path("message").asText(null), o.path("content_hash").asText(null)));
            } catch (IllegalArgumentException e) {
                throw BdfsyncException.invalid(file, null, where, e.getMessage(), e);
            }
        }
        return new ConflictSet(root.path("job").asText(null), root.path("theme").asText(null), root.path("srid").asInt(0),
                root.path("created").asText(null), list);
    }

    // ---------------------------------------------------------------- resolution files

    public static ObjectNode decisionsToJson(List<Decision> decisions) {
        ObjectNode root = NF.objectNode();
        root.put("format", RESOLUTIONS_FORMAT);
        ArrayNode arr = root.putArray("resolutions");
        for (Decision d : decisions) {
            ObjectNode o = arr.addObject();
            o.put("id", d.id());
            o.put("with", d.choice().code());
            if (d.values() != null) {
                ObjectNode v = o.putObject("values");
                d.values().forEach((k, val) -> v.set(k, scalar(val)));
            }
            if (d.contentHash() != null) o.put("content_hash", d.contentHash());
            if (d.note() != null) o.put("note", d.note());
        }
        return root;
    }

    public static void writeDecisions(List<Decision> decisions, Path target) {
        writeJson(decisionsToJson(decisions), target);
    }

    public static List<Decision> readDecisions(Path file) {
        JsonNode root = readRoot(file, RESOLUTIONS_FORMAT);
        JsonNode arr = root.get("resolutions");
        if (arr == null || !arr.isArray()) throw BdfsyncException.invalid(file, null, null, "no \"resolutions\" array");
        List<Decision> out = new ArrayList<>();
        int i = 0;
        for (JsonNode o : arr) {
            String where = "resolution #" + i++;
            String id = required(o, "id", file, where).asText();
            Choice choice;
            try {
                choice = Choice.fromCode(required(o, "with", file, id).asText());
            } catch (IllegalArgumentException e) {
                throw BdfsyncException.invalid(file, null, id, "\"with\" must be one of national, local, ancestor, delete, values");
            }
            Map<String, Object> values = null;
            if (o.has("values")) {
                values = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = o.get("values").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    values.put(e.getKey(), value(e.getValue()));
                }
            }
            if (choice == Choice.VALUES && values == null) throw BdfsyncException.invalid(file, null, id, "\"with\": \"values\" needs a \"values\" object");
            out.add(new Decision(id, choice, values, o.path("content_hash").asText(null), o.path("note").asText(null)));
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode resolution(Resolution r) {
        ObjectNode o = NF.objectNode();
        o.put("with", r.choice().code());
        if (r.values() != null) {
            ObjectNode v = o.putObject("values");
            r.values().forEach((k, val) -> v.set(k, scalar(val)));
        }
        if (r.rule() != null) o.put("rule", r.rule());
        return o;
    }

    private static Resolution readResolution(JsonNode o) {
        Map<String, Object> values = null;
        if (o.has("values")) {
            values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = o.get("values").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), value(e.getValue()));
            }
        }
        return new Resolution(Choice.fromCode(o.path("with").asText()), values, o.path("rule").asText(null));
    }

    /** A value as a JSON scalar node (null, integer, real, boolean or text). */
    public static JsonNode scalar(Object v) {
        if (v == null) return NF.nullNode();
        if (v instanceof Long || v instanceof Integer || v instanceof Short) return NF.numberNode(((Number) v).longValue());
        if (v instanceof Number) return NF.numberNode(((Number) v).doubleValue());
        if (v instanceof Boolean) return NF.booleanNode((Boolean) v);
        return NF.textNode(v.toString());
    }

    static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isIntegralNumber()) return n.asLong();
        if (n.isNumber()) return n.asDouble();
        if (n.isBoolean()) return n.asBoolean();
        return n.asText();
    }

    private static Geometry geometry(WKTReader reader, JsonNode n, Path file, String id) {
        if (n == null || n.isNull()) return null;
        try {
            return reader.read(n.asText());
        } catch (ParseException e) {
            throw BdfsyncException.invalid(file, null, id, "geometry does not parse: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode o, String field, Path file, String where) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) throw BdfsyncException.invalid(file, null, where, "missing \"" + field + "\"");
        return n;
    }

    private static JsonNode readRoot(Path file, String expectedFormat) {
        if (!Files.exists(file)) throw BdfsyncException.notFound(file, "no such file");
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw BdfsyncException.invalid(file, null, null, "not valid JSON (truncated or malformed) at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BdfsyncException.notFound(file, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw BdfsyncException.invalid(file, null, null, "not a JSON object");
        String format = root.path("format").asText("");
        if (!expectedFormat.equals(format)) {
            throw BdfsyncException.invalid(file, null, null, "format is '" + (format.isEmpty() ? "(none)" : format)
                    + "', this bdfsync reads '" + expectedFormat + "'");
        }
        return root;
    }

    /** Writes any JSON document atomically (indented), as every bdfsync JSON output is written. */
    public static void writeJson(JsonNode node, Path target) {
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            try {
                MAPPER.writeValue(out.temporary().toFile(), node);
            } catch (IOException e) {
                throw BdfsyncException.output(target, "cannot write: " + e.getMessage(), e);
            }
            out.commit();
        }
    }
}
