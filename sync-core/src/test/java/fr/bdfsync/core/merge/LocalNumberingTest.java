package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delta read fetches the local rows of keys changed nationally only at their ancestor's fid, while the key pass runs
 * ({@code DeltaReader}); the pass decides. A local file numbered like the ancestor and the same file numbered otherwise
 * (rows written in reverse, or shuffled: the ancestor's fid then names another key's row) give the same merge.
 */
class LocalNumberingTest {
    private static final int N = 120;

    @Test
    void aRenumberedLocalFileGivesTheSameMerge(@TempDir Path dir) throws Exception {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < N + 1; i++) order.add(key(i));
        Result same = run(dir.resolve("same"), order);
        List<String> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        List<String> shuffled = new ArrayList<>(order);
        java.util.Collections.shuffle(shuffled, new Random(5));
        for (List<String> o : List.of(reversed, shuffled)) {
            Result other = run(dir.resolve("other" + o.hashCode()), o);
            assertEquals(same.conflicts(), other.conflicts());
            assertEquals(same.summary(), other.summary());
            assertEquals(same.merged(), other.merged());
        }
        assertTrue(same.merged().size() > N / 2, "rows merged");
        assertTrue(same.merged().stream().anyMatch(r -> r.startsWith(key(3) + " National")), "a national-only change taken");
        assertTrue(same.merged().stream().anyMatch(r -> r.startsWith(key(45) + " ") && r.contains("LOCAL")), "a local change kept");
        assertTrue(same.conflicts().size() > 0, "conflicts found");
    }

    private record Result(List<String> conflicts, String summary, List<String> merged) {
    }

    private static String key(int i) {
        return String.format("ZONEVEGE%016d", i);
    }

    /** A job on N squares: national edits (nature) on keys 0-39, local edits (sources) on 30-59, deletions, creations; local rows written in {@code localOrder}. */
    private static Result run(Path dir, List<String> localOrder) throws Exception {
        Files.createDirectories(dir);
        ObjectNode input = ScenarioBuilder.MAPPER.createObjectNode();
        input.put("theme", "vegetation");
        ObjectNode layer = input.putObject("layers").putObject("zone_de_vegetation");
        ObjectNode fields = layer.putObject("fields");
        fields.put("cleabs", "TEXT");
        fields.put("nature", "TEXT");
        fields.put("sources", "TEXT");
        layer.put("geometry", "POLYGON");
        ArrayNode anc = layer.putArray("ancestor"), nat = layer.putArray("national"), loc = layer.putArray("local");
        java.util.Map<String, ArrayNode> localRows = new java.util.HashMap<>();
        for (int i = 0; i < N; i++) {
            double x = 1000 + (i % 12) * 200, y = 1000 + (i / 12) * 200;
            String square = "POLYGON ((" + x + " " + y + ", " + (x + 100) + " " + y + ", " + (x + 100) + " " + (y + 100) + ", " + x + " " + (y + 100) + ", " + x + " " + y + "))";
            String moved = "POLYGON ((" + x + " " + y + ", " + (x + 130) + " " + y + ", " + (x + 130) + " " + (y + 100) + ", " + x + " " + (y + 100) + ", " + x + " " + y + "))";
            row(anc, key(i), "Bois", "BDTOPO", square);
            if (i != 70) row(nat, key(i), i < 40 ? "National" + i : "Bois", "BDTOPO", i >= 80 && i < 90 ? moved : square);
            if (i != 71) localRows.put(key(i), row(null, key(i), i >= 50 && i < 60 ? "Local" + i : "Bois", i >= 30 && i < 60 ? "LOCAL" : "BDTOPO",
                    i >= 85 && i < 95 ? moved.replace("130", "140") : square));
        }
        row(nat, key(N + 5), "Verger", "BDTOPO", "POLYGON ((0 0, 50 0, 50 50, 0 50, 0 0))");
        localRows.put(key(N), row(null, key(N), "Haie", "LOCAL", "POLYGON ((0 500, 50 500, 50 550, 0 550, 0 500))"));
        for (String k : localOrder) if (localRows.containsKey(k)) loc.add(localRows.get(k));
        Path scenario = Files.createDirectories(dir.resolve("scenario"));
        Files.writeString(scenario.resolve("input.json"), input.toString());
        Path job = ScenarioBuilder.build(scenario, dir);
        var r = new SyncRunner(SyncJobJson.read(job), new SyncOptions(false, false, null, SyncRunTest.T0)).run();
        List<String> conflicts = r.conflicts().conflicts().stream().map(c -> c.id() + " " + c.type() + " " + c.status()).toList();
        return new Result(conflicts, r.layers().toString(), merged(dir.resolve("out/merged.gpkg")));
    }

    private static ArrayNode row(ArrayNode into, String key, String nature, String sources, String wkt) {
        ArrayNode a = ScenarioBuilder.MAPPER.createArrayNode();
        a.add(key);
        a.add(ScenarioBuilder.MAPPER.createObjectNode().put("nature", nature).put("sources", sources));
        a.add(wkt);
        if (into != null) into.add(a);
        return a;
    }

    /** Every merged row but its fid, by key. */
    private static List<String> merged(Path gpkg) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT cleabs, nature, sources, hex(geom) FROM zone_de_vegetation ORDER BY cleabs")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) b.append(i > 1 ? " " : "").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }
}
