package fr.bdfsync.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.conflict.AttributeValues;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictType;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.io.AtomicOutput;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML form: one self-contained file (inline CSS and JavaScript, a Content-Security-Policy that forbids
 * any network access, no tiles) that works offline when e-mailed. The page is the template
 * {@code report.html}; the data goes in a {@code <script type="application/json">} element as JSON in which
 * {@code <}, {@code >} and {@code &} are written as {@code \u003c}-style escapes, so no value (a toponym
 * holding {@code </script>} or {@code <!--}) can end the element. The page renders every value with
 * {@code textContent} and DOM calls, never as markup. SVG path data for every geometry is computed here,
 * in a local frame (see {@link SvgPath}), so the browser draws 10,000 conflicts without parsing WKT.
 */
public final class HtmlReport {
    static final String TEMPLATE = "report.html";
    static final String DATA_MARKER = "@@BDFSYNC_DATA@@";
    private static final JsonNodeFactory NF = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Geographic CRSs met in French data (WGS 84, ETRS89, RGF93 geographic, ED50): the map's unit is the degree. */
    private static final java.util.Set<Integer> GEOGRAPHIC = java.util.Set.of(4326, 4258, 4171, 4230);

    private HtmlReport() {
    }

    public static void write(ConflictSet set, Path target) {
        String template = template();
        int at = template.indexOf(DATA_MARKER);
        ObjectNode data = data(set, ReportSummary.of(set));
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            try (Writer w = Files.newBufferedWriter(out.temporary(), StandardCharsets.UTF_8)) {
                w.write(template, 0, at);
                writeEscapedJson(data, w);
                w.write(template, at + DATA_MARKER.length(), template.length() - at - DATA_MARKER.length());
            } catch (IOException e) {
                throw BdfsyncException.output(target, "cannot write: " + e.getMessage(), e);
            }
            out.commit();
        }
    }

    /** What the page reads: header, summary, types with colours, the conflicts with path data. */
    static ObjectNode data(ConflictSet set, ReportSummary summary) {
        Envelope ext = summary.extent() != null ? summary.extent() : new Envelope(0, 100, 0, 100);
        int digits = SvgPath.digitsFor(ext);
        SvgPath svg = new SvgPath(ext.getMinX(), ext.getMaxY(), digits);
        double minSpan = Math.pow(10, -digits) * 10;
        ObjectNode root = NF.objectNode();
        root.put("format", "bdfsync.report-data/v1");
        root.put("job", set.job());
        root.put("theme", set.theme());
        root.put("srid", set.srid());
        root.put("created", set.created());
        root.putArray("origin").add(ext.getMinX()).add(ext.getMaxY());
        double[] box = svg.box(ext);
        root.putArray("extent").add(box[0]).add(box[1]).add(Math.max(box[2], minSpan)).add(Math.max(box[3], minSpan));
        root.put("unit", GEOGRAPHIC.contains(set.srid()) ? "°" : "m");
        root.set("summary", JsonReport.summaryJson(root, summary));
        ArrayNode types = root.putArray("types");
        for (ConflictType t : ConflictType.values()) {
            types.addObject().put("code", t.code()).put("label", ReportPalette.label(t)).put("colour", ReportPalette.colour(t))
                    .put("meaning", t.meaning());
        }
        ArrayNode arr = root.putArray("conflicts");
        for (Conflict c : set.conflicts()) {
            ObjectNode o = ConflictsJson.describe(c, arr.addObject());
            if (c.location() != null) {
                o.put("x", svg.x(c.location().x));
                o.put("y", svg.y(c.location().y));
            } else {
                o.putNull("x");
                o.putNull("y");
            }
            ArrayNode attrs = o.putArray("attributes");
            for (AttributeValues a : c.attributes()) {
                attrs.addArray().add(a.name()).add(ConflictsJson.scalar(a.ancestor())).add(ConflictsJson.scalar(a.national())).add(ConflictsJson.scalar(a.local()));
            }
            if (c.resolution() != null) {
                o.putObject("resolution").put("with", c.resolution().choice().code()).put("rule", c.resolution().rule());
            } else {
                o.putNull("resolution");
            }
            o.put("content_hash", c.contentHash());
            ObjectNode paths = o.putObject("paths");
            Envelope env = new Envelope();
            Geometry[] versions = {c.ancestorGeometry(), c.nationalGeometry(), c.localGeometry()};
            for (int i = 0; i < versions.length; i++) {
                Geometry g = versions[i];
                String name = ReportPalette.Version.values()[i].code();
                if (g == null || g.isEmpty()) {
                    paths.putNull(name);
                    continue;
                }
                paths.putObject(name).put("d", svg.path(g)).put("dim", g.getDimension());
                env.expandToInclude(g.getEnvelopeInternal());
            }
            if (env.isNull() && c.location() != null) env.expandToInclude(c.location());
            if (env.isNull()) {
                o.putNull("bbox");
            } else {
                double[] b = svg.box(env);
                o.putArray("bbox").add(b[0]).add(b[1]).add(Math.max(b[2], minSpan)).add(Math.max(b[3], minSpan));
            }
        }
        return root;
    }

    /** JSON safe inside a script element: '<', '>', '&', U+2028 and U+2029 as \\uXXXX escapes. */
    static void writeEscapedJson(ObjectNode data, Writer w) throws IOException {
        JsonGenerator gen = MAPPER.getFactory().createGenerator(w);
        gen.setCharacterEscapes(new ScriptSafeEscapes());
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        MAPPER.writeTree(gen, data);
        gen.flush();
    }

    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        ScriptSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            return null;
        }
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException("report template missing from the jar: " + TEMPLATE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the report template", e);
        }
    }
}
