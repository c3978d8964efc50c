package fr.bdfsync.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;

import java.nio.file.Path;

/**
 * The JSON form: the conflicts file itself ({@value ConflictSet#FORMAT}, readable by
 * {@link ConflictsJson#read}) with the full summary (by type, severity, layer, status, extent) in place
 * of the short one.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static ObjectNode toJson(ConflictSet set, ReportSummary summary) {
        ObjectNode root = ConflictsJson.toJson(set);
        root.set("summary", summaryJson(root, summary));
        return root;
    }

    public static void write(ConflictSet set, Path target) {
        ConflictsJson.writeJson(toJson(set, ReportSummary.of(set)), target);
    }

    /**
     * Writes the report from the set's {@code bdfsync.conflicts/v1} tree already built (its geometries already
     * formatted as WKT, the costly part on many conflicts); the tree's summary is replaced by the report's.
     */
    public static void write(ConflictSet set, ObjectNode conflictsTree, Path target) {
        conflictsTree.set("summary", summaryJson(conflictsTree, ReportSummary.of(set)));
        ConflictsJson.writeJson(conflictsTree, target);
    }

    /** The summary as the JSON and HTML forms carry it. */
    static ObjectNode summaryJson(ObjectNode factory, ReportSummary s) {
        ObjectNode o = factory.objectNode();
        o.put("total", s.total());
        o.put("open", s.open());
        ObjectNode t = o.putObject("by_type");
        s.byType().forEach((k, v) -> t.put(k.code(), v));
        ObjectNode sev = o.putObject("by_severity");
        s.bySeverity().forEach((k, v) -> sev.put(k.code(), v));
        ObjectNode l = o.putObject("by_layer");
        s.byLayer().forEach(l::put);
        ObjectNode st = o.putObject("by_status");
        s.byStatus().forEach((k, v) -> st.put(k.code(), v));
        if (s.extent() != null) {
            o.putArray("extent").add(s.extent().getMinX()).add(s.extent().getMinY()).add(s.extent().getMaxX()).add(s.extent().getMaxY());
        }
        return o;
    }
}
