package fr.bdfsync.core.diff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.Fingerprint;
import fr.bdfsync.core.feature.GeometryValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.Map;

/**
 * Versioned JSON ({@value #FORMAT}): layers sorted by name, changes by key, no timestamps, so two runs on the
 * same inputs are byte-identical. Geometries are lower-case hex ISO WKB; each state carries its fingerprint.
 */
public final class DiffJsonWriter {
    public static final String FORMAT = "bdfsync.diff/v1";
    private final JsonGenerator g;

    public DiffJsonWriter(Writer out) {
        try {
            this.g = new JsonFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void begin(String a, String b, String ancestor) {
        io(() -> {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("mode", ancestor == null ? "two-way" : "three-way");
            if (ancestor == null) {
                g.writeStringField("a", a);
                g.writeStringField("b", b);
                g.writeNullField("ancestor");
            } else {
                g.writeStringField("ancestor", ancestor);
                g.writeStringField("national", a);
                g.writeStringField("local", b);
            }
            g.writeArrayFieldStart("layers");
        });
    }

    public void layer(LayerDiff d) {
        io(() -> {
            g.writeStartObject();
            layerBody(d);
            g.writeEndObject();
        });
    }

    private void layerBody(LayerDiff d) throws IOException {
        g.writeStringField("layer", d.layer());
        g.writeStringField("key", d.keyColumn());
        g.writeNumberField("tolerance", d.xyTolerance());
        g.writeObjectFieldStart("counts");
        g.writeNumberField("inserted", d.count(Operation.INSERT));
        g.writeNumberField("deleted", d.count(Operation.DELETE));
        g.writeNumberField("updated", d.count(Operation.UPDATE));
        g.writeNumberField("attribute_updates", d.attributeUpdates());
        g.writeNumberField("geometry_updates", d.geometryUpdates());
        g.writeNumberField("unchanged", d.unchanged());
        g.writeNumberField("absorbed_by_tolerance", d.absorbedByTolerance());
        g.writeEndObject();
        g.writeArrayFieldStart("schema_changes");
        for (SchemaChange s : d.schemaChanges()) {
            g.writeStartObject();
            g.writeStringField("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("column", s.column());
            g.writeStringField("old", s.oldValue());
            g.writeStringField("new", s.newValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("changes");
        for (FeatureChange c : d.changes()) change(c);
        g.writeEndArray();
    }

    private void change(FeatureChange c) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", c.key());
        g.writeStringField("op", c.operation().name().toLowerCase(java.util.Locale.ROOT));
        if (c.operation() == Operation.UPDATE) {
            g.writeObjectFieldStart("attributes");
            for (AttributeChange a : c.attributes()) {
                g.writeObjectFieldStart(a.column());
                g.writeFieldName("old");
                value(a.oldValue());
                g.writeFieldName("new");
                value(a.newValue());
                g.writeEndObject();
            }
            g.writeEndObject();
            if (c.geometryChanged()) {
                GeometryChange gc = c.geometry();
                g.writeObjectFieldStart("geometry");
                number("hausdorff", gc.hausdorff());
                number("max_dz", gc.maxDz());
                number("area_delta", gc.areaDelta());
                number("length_delta", gc.lengthDelta());
                geometry("old", c.before().geometry());
                geometry("new", c.after().geometry());
                g.writeEndObject();
            }
        }
        if (c.before() != null) state("before", c.before(), c.operation() == Operation.DELETE);
        if (c.after() != null) state("after", c.after(), c.operation() == Operation.INSERT);
        g.writeEndObject();
    }

    private void state(String name, Row r, boolean full) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("fid", r.fid());
        g.writeStringField("fingerprint", fingerprint(r));
        if (full) {
            g.writeObjectFieldStart("values");
            for (Map.Entry<String, Object> e : r.attributes().entrySet()) {
                g.writeFieldName(e.getKey());
                value(e.getValue());
            }
            g.writeEndObject();
            geometry("geometry", r.geometry());
        }
        g.writeEndObject();
    }

    static String fingerprint(Row r) {
        return Fingerprint.of(r.attributes(), r.geometry() == null ? null : r.geometry().geometry());
    }

    private void geometry(String field, GeometryValue v) throws IOException {
        if (v == null) g.writeNullField(field);
        else g.writeStringField(field, HexFormat.of().formatHex(v.wkb()));
    }

    private void number(String field, double v) throws IOException {
        if (Double.isNaN(v)) g.writeNullField(field);
        else g.writeNumberField(field, v);
    }

    private void value(Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof Long || v instanceof Integer) g.writeNumber(((Number) v).longValue());
        else if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isFinite(d)) g.writeNumber(d);
            else g.writeString(Double.toString(d));
        } else if (v instanceof Boolean) g.writeBoolean((Boolean) v);
        else if (v instanceof byte[]) g.writeString(HexFormat.of().formatHex((byte[]) v));
        else g.writeString(v.toString());
    }

    public void layer(ThreeWayLayer t) {
        io(() -> {
            g.writeStartObject();
            g.writeStringField("layer", t.layer());
            g.writeStringField("key", t.national().keyColumn());
            g.writeNumberField("tolerance", t.national().xyTolerance());
            g.writeNumberField("unchanged", t.unchanged());
            g.writeObjectFieldStart("counts");
            for (Map.Entry<ThreeWayClass, Long> e : t.counts().entrySet()) g.writeNumberField(e.getKey().label(), e.getValue());
            g.writeEndObject();
            g.writeObjectFieldStart("national");
            layerBody(t.national());
            g.writeEndObject();
            g.writeObjectFieldStart("local");
            layerBody(t.local());
            g.writeEndObject();
            g.writeArrayFieldStart("features");
            for (ThreeWayFeature f : t.features()) {
                g.writeStartObject();
                g.writeStringField("key", f.key());
                g.writeStringField("class", f.classification().label());
                g.writeStringField("national", f.national() == null ? "unchanged" : f.national().operation().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("local", f.local() == null ? "unchanged" : f.local().operation().name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("geometry", f.geometry().label());
                g.writeArrayFieldStart("attributes");
                for (AttributeVerdict v : f.attributes()) {
                    g.writeStartObject();
                    g.writeStringField("column", v.column());
                    g.writeStringField("class", v.classification().label());
                    g.writeFieldName("ancestor");
                    value(v.ancestor());
                    g.writeFieldName("national");
                    value(v.national());
                    g.writeFieldName("local");
                    value(v.local());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public void end() {
        io(() -> {
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new BdfsyncException(ExitCode.OUTPUT, "cannot write JSON: " + e.getMessage(), e);
        }
    }
}
