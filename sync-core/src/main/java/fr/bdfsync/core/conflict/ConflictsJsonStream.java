package fr.bdfsync.core.conflict;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.AtomicOutput;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes a conflict set as {@value ConflictSet#FORMAT} documents straight to files, conflict after conflict, without
 * building a JSON tree first: the bytes are those of {@link ConflictsJson#write} (same fields in the same order, same
 * indentation), but at 75,000 conflicts the tree (≈ 170 MB of WKT text plus its nodes) is never held. Several
 * documents that differ only by their {@code summary} (conflicts.json and the report's JSON form) are written in
 * one pass, each geometry formatted once.
 */
public final class ConflictsJsonStream {
    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

    private ConflictsJsonStream() {
    }

    /** One document to write: its path and its {@code summary} object (null: the short summary of conflicts.json). */
    public record Target(Path path, ObjectNode summary) {
    }

    /** Writes {@code set} to each target, atomically (all are committed once all are written). */
    public static void write(ConflictSet set, List<Target> targets) {
        List<AtomicOutput> outs = new ArrayList<>();
        List<JsonGenerator> gens = new ArrayList<>();
        try {
            for (Target t : targets) {
                AtomicOutput out = AtomicOutput.begin(t.path());
                outs.add(out);
                JsonGenerator g = FACTORY.createGenerator(out.temporary().toFile(), JsonEncoding.UTF8);
                g.useDefaultPrettyPrinter();
                gens.add(g);
            }
            for (int i = 0; i < targets.size(); i++) head(gens.get(i), set, targets.get(i).summary());
            List<Conflict> all = set.conflicts();
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<Conflict> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                String[][] texts = texts(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    for (JsonGenerator g : gens) conflict(g, chunk.get(i), texts[i]);
                }
            }
            for (JsonGenerator g : gens) {
                g.writeEndArray();
                g.writeEndObject();
                g.close();
            }
            for (AtomicOutput out : outs) out.commit();
        } catch (IOException e) {
            throw BdfsyncException.output(targets.get(Math.max(0, gens.size() - 1)).path(), "cannot write: " + e.getMessage(), e);
        } finally {
            for (JsonGenerator g : gens) {
                try {
                    g.close();
                } catch (IOException ignored) {
                    // the output is discarded below
                }
            }
            for (AtomicOutput out : outs) out.close();
        }
    }

    /** Conflicts whose geometries are formatted together, ahead of their writing. */
    private static final int CHUNK = 1024;

    /**
     * The WKT of each conflict's ancestor, national and local geometries, formatted on all cores (the formatting was
     * the larger part of this writing: 13 % of a sync run's CPU at 100,000 zones), chunk by chunk so that only a
     * chunk's text is held; the same strings as one formatting after the other, and as JTS's {@code WKTWriter(3)}
     * ({@link WktText}).
     */
    private static String[][] texts(List<Conflict> chunk) {
        String[][] out = new String[chunk.size()][];
        IntStream.range(0, chunk.size()).parallel().forEach(i -> {
            WktText wkt = WKT.get();
            Conflict c = chunk.get(i);
            out[i] = new String[]{text(wkt, c.ancestorGeometry()), text(wkt, c.nationalGeometry()), text(wkt, c.localGeometry())};
        });
        return out;
    }

    /** One writer per thread: {@link WktText} keeps a buffer and a fallback {@code WKTWriter}. */
    private static final ThreadLocal<WktText> WKT = ThreadLocal.withInitial(WktText::new);

    private static String text(WktText wkt, Geometry g) {
        return g == null ? null : wkt.write(g);
    }

    private static void head(JsonGenerator g, ConflictSet set, ObjectNode summary) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", ConflictSet.FORMAT);
        g.writeStringField("job", set.job());
        g.writeStringField("theme", set.theme());
        g.writeNumberField("srid", set.srid());
        g.writeStringField("created", set.created());
        g.writeFieldName("summary");
        if (summary != null) {
            g.writeTree(summary);
        } else {
            g.writeStartObject();
            g.writeNumberField("total", set.conflicts().size());
            g.writeNumberField("open", set.openCount());
            g.writeObjectFieldStart("by_type");
            for (var e : set.countByType().entrySet()) g.writeNumberField(e.getKey().code(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeArrayFieldStart("conflicts");
    }

    /** One conflict, as {@link ConflictsJson#toJson} puts it. */
    private static void conflict(JsonGenerator g, Conflict c, String[] geometries) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("type", c.type().code());
        g.writeStringField("severity", c.severity().code());
        g.writeStringField("status", c.status().code());
        g.writeStringField("layer", c.layer());
        g.writeArrayFieldStart("keys");
        for (String k : c.keys()) g.writeString(k);
        g.writeEndArray();
        g.writeStringField("message", c.message());
        if (c.location() != null) {
            g.writeArrayFieldStart("location");
            g.writeNumber(c.location().getX());
            g.writeNumber(c.location().getY());
            g.writeEndArray();
        }
        g.writeArrayFieldStart("attributes");
        for (AttributeValues a : c.attributes()) {
            g.writeStartObject();
            g.writeStringField("name", a.name());
            g.writeFieldName("ancestor");
            scalar(g, a.ancestor());
            g.writeFieldName("national");
            scalar(g, a.national());
            g.writeFieldName("local");
            scalar(g, a.local());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("geometries");
        g.writeStringField("ancestor", geometries[0]);
        g.writeStringField("national", geometries[1]);
        g.writeStringField("local", geometries[2]);
        g.writeEndObject();
        if (c.resolution() != null) {
            Resolution r = c.resolution();
            g.writeObjectFieldStart("resolution");
            g.writeStringField("with", r.choice().code());
            if (r.values() != null) {
                g.writeObjectFieldStart("values");
                for (var e : r.values().entrySet()) {
                    g.writeFieldName(e.getKey());
                    scalar(g, e.getValue());
                }
                g.writeEndObject();
            }
            if (r.rule() != null) g.writeStringField("rule", r.rule());
            g.writeEndObject();
        }
        g.writeStringField("content_hash", c.contentHash());
        g.writeEndObject();
    }

    /** A value as {@link ConflictsJson#scalar} writes it. */
    private static void scalar(JsonGenerator g, Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof Long || v instanceof Integer || v instanceof Short) g.writeNumber(((Number) v).longValue());
        else if (v instanceof Number) g.writeNumber(((Number) v).doubleValue());
        else if (v instanceof Boolean) g.writeBoolean((Boolean) v);
        else g.writeString(v.toString());
    }
}
