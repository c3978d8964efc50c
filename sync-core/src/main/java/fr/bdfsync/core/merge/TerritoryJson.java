package fr.bdfsync.core.merge;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.Datasets;
import fr.bdfsync.core.io.FeatureCursor;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a territory: {@code {"wkt": "MULTIPOLYGON (...)"}} in the job's CRS, or
 * {@code {"departements": ["35", "22"], "boundaries": "departements.gpkg", "layer": "departement", "code": "insee_dep"}}
 * (the union of those départements' polygons from a boundaries GeoPackage such as IGN's ADMIN EXPRESS,
 * in the job's CRS). A list of départements without boundaries is refused: the codes alone cannot place a feature.
 */
final class TerritoryJson {
    private TerritoryJson() {
    }

    static Territory read(Path file, JsonNode n, String where) {
        if (n == null || n.isNull()) return Territory.EVERYWHERE;
        JsonInput.onlyKeys(file, n, where, Set.of("wkt", "departements", "boundaries", "layer", "code"));
        if (n.has("wkt")) {
            try {
                Geometry g = new WKTReader(new GeometryFactory()).read(n.get("wkt").asText());
                if (!g.isValid()) throw BdfsyncException.invalid(file, null, null, where + ": the territory polygon is not valid");
                if (g.getDimension() != 2) throw BdfsyncException.invalid(file, null, null, where + ": the territory must be a polygon or multipolygon");
                return Territory.of(g, List.of(), "polygon");
            } catch (ParseException e) {
                throw BdfsyncException.invalid(file, null, null, where + ": \"wkt\" does not parse: " + e.getMessage());
            }
        }
        List<String> deps = JsonInput.strings(file, n.get("departements"), where + ".departements");
        if (deps.isEmpty()) throw BdfsyncException.invalid(file, null, null, where + ": give \"wkt\" or \"departements\"");
        if (!n.hasNonNull("boundaries")) {
            throw BdfsyncException.invalid(file, null, null, where + ": \"departements\" needs \"boundaries\" (a GeoPackage of département polygons)");
        }
        Path boundaries = JsonInput.resolve(file, n.get("boundaries").asText());
        String layer = n.path("layer").asText("departement");
        String codeColumn = n.path("code").asText("insee_dep");
        return Territory.of(union(boundaries, layer, codeColumn, deps), deps, "départements " + String.join(",", deps));
    }

    private static Geometry union(Path boundaries, String layer, String codeColumn, List<String> deps) {
        Set<String> wanted = new HashSet<>(deps);
        List<Geometry> parts = new ArrayList<>();
        Set<String> found = new HashSet<>();
        try (Dataset ds = Datasets.open(boundaries)) {
            Schema s = ds.schema(layer);
            int code = s.indexOfIgnoreCase(codeColumn);
            if (code < 0) throw BdfsyncException.schema(boundaries, layer, "no column '" + codeColumn + "'");
            try (FeatureCursor c = ds.read(layer)) {
                while (c.hasNext()) {
                    Feature f = c.next();
                    Object v = f.value(code);
                    if (v != null && wanted.contains(v.toString()) && f.geometry() != null) {
                        parts.add(f.geometry().geometry());
                        found.add(v.toString());
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>(deps);
        missing.removeAll(found);
        if (!missing.isEmpty()) throw BdfsyncException.invalid(boundaries, layer, null, "no boundary for département(s) " + String.join(", ", missing));
        return UnaryUnionOp.union(parts);
    }
}
