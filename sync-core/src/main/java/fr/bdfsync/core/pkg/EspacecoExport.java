package fr.bdfsync.core.pkg;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import org.locationtech.jts.io.WKTWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Espace collaboratif export: the changes as transactions {@code {comment, actions: [{table, state, data}]}},
 * one per layer, in a JSON array. Inserts carry every attribute and the geometry (WKT under the layer's
 * geometry column name); updates the key and the changed attributes only; deletes the key only. IGN's
 * {@code gcms_fingerprint} (an MD5 computed by their server) is not produced: bdfsync's base fingerprints are
 * another algorithm.
 */
public final class EspacecoExport {
    private EspacecoExport() {
    }

    @JsonPropertyOrder({"comment", "actions"})
    public record Transaction(String comment, List<Action> actions) {
    }

    @JsonPropertyOrder({"table", "state", "data"})
    public record Action(String table, String state, Map<String, Object> data) {
    }

    public static List<Transaction> transactions(List<PackageChange> changes, Map<String, Schema> schemas, String keyColumn, String comment) {
        Map<String, List<Action>> byLayer = new TreeMap<>();
        List<PackageChange> sorted = new ArrayList<>(changes);
        sorted.sort(PackageWriter.ORDER);
        WKTWriter wkt = new WKTWriter(3);
        for (PackageChange c : sorted) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(keyColumn, c.key());
            if (c.op() != ChangeOp.DELETE) {
                for (Map.Entry<String, Object> v : c.values().entrySet()) data.put(v.getKey(), v.getValue());
                if (c.geometryChanged()) data.put(schemas.get(c.layer()).geometryColumn(), wkt(wkt, c.geometry()));
            }
            String state = c.op() == ChangeOp.INSERT ? "Insert" : c.op() == ChangeOp.UPDATE ? "Update" : "Delete";
            byLayer.computeIfAbsent(c.layer(), k -> new ArrayList<>()).add(new Action(c.layer(), state, data));
        }
        List<Transaction> out = new ArrayList<>();
        for (Map.Entry<String, List<Action>> e : byLayer.entrySet()) out.add(new Transaction(comment + " (" + e.getKey() + ")", e.getValue()));
        return out;
    }

    public static void write(Path target, List<Transaction> transactions) {
        PackageJson.writeFile(target, PackageJson.bytes(transactions));
    }

    private static String wkt(WKTWriter w, GeometryValue g) {
        return g == null ? null : w.write(g.geometry());
    }
}
