package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.io.gpkg.KnownCrs;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds a scenario's GeoPackages (ancestor, national, local, in EPSG:2154) from its {@code input.json}
 * (features as [key, {attributes}, WKT]) and a job file naming them, deterministically, into a directory.
 * A layer without an "ancestor" list gives no ancestor file (a two-way run).
 */
final class ScenarioBuilder {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final CrsRef L93 = CrsRef.epsg(2154, "RGF93 v1 / Lambert-93", KnownCrs.wkt(2154));

    private ScenarioBuilder() {
    }

    /** Writes ancestor.gpkg (when any layer has one), national.gpkg, local.gpkg and job.json into {@code dir}; returns the job path. */
    static Path build(Path scenario, Path dir) throws Exception {
        JsonNode input = MAPPER.readTree(scenario.resolve("input.json").toFile());
        boolean hasAncestor = false;
        for (JsonNode layer : input.get("layers")) hasAncestor |= layer.has("ancestor");
        for (String side : hasAncestor ? List.of("ancestor", "national", "local") : List.of("national", "local")) {
            write(input.get("layers"), side, dir.resolve(side + ".gpkg"));
        }
        ObjectNode job = MAPPER.createObjectNode();
        job.put("format", SyncJobJson.FORMAT);
        job.put("name", scenario.getFileName().toString());
        job.put("theme", input.get("theme").asText());
        job.put("national", "national.gpkg");
        job.put("local", "local.gpkg");
        if (hasAncestor) job.put("ancestor", "ancestor.gpkg");
        if (input.hasNonNull("label")) {
            ObjectNode label = input.get("label").deepCopy();
            label.put("theme", input.get("theme").asText());
            job.set("label", label);
        }
        ObjectNode out = job.putObject("outputs");
        out.put("merged", "out/merged.gpkg");
        out.put("conflicts", "out/conflicts.json");
        out.put("changes", "out/changes.gpkg");
        Path jobFile = dir.resolve("job.json");
        Files.writeString(jobFile, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(job));
        return jobFile;
    }

    static void write(JsonNode layers, String side, Path target) throws Exception {
        WKTReader wkt = new WKTReader(new GeometryFactory());
        try (GpkgWriter w = GpkgWriter.create(target)) {
            Iterator<Map.Entry<String, JsonNode>> it = layers.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode def = e.getValue();
                if (!def.has(side)) continue;
                List<Field> fields = new ArrayList<>();
                def.get("fields").fields().forEachRemaining(f -> fields.add(new Field(f.getKey(), FieldType.valueOf(f.getValue().asText()))));
                Schema s = new Schema(e.getKey(), fields, "geom", GeometryType.valueOf(def.get("geometry").asText()), false, false, L93, "fid");
                GpkgWriter.LayerWriter lw = w.addLayer(s);
                long fid = 0;
                for (JsonNode row : def.get(side)) {
                    Object[] values = new Object[fields.size()];
                    values[0] = row.get(0).asText();
                    for (int i = 1; i < fields.size(); i++) {
                        JsonNode v = row.get(1).get(fields.get(i).name());
                        if (v == null || v.isNull()) continue;
                        values[i] = fields.get(i).type() == FieldType.REAL ? (Object) v.asDouble()
                                : fields.get(i).type() == FieldType.INTEGER ? (Object) v.asLong() : v.asText();
                    }
                    lw.write(new Feature(++fid, values, GeometryValue.of(wkt.read(row.get(2).asText()))));
                }
            }
            w.commit();
        }
    }
}
