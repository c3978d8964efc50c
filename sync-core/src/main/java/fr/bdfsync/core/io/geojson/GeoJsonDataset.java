package fr.bdfsync.core.io.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AbstractFeatureCursor;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.SingleLayer;
import fr.bdfsync.core.io.crs.CrsResolver;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GeoJSON FeatureCollection (or single Feature), one layer, streamed twice with Jackson: once at open to
 * learn the schema (property names in order of appearance, their types inferred over every feature, the
 * geometry type, Z, the feature count), then once per {@link #read}, one feature tree at a time.
 * <p>
 * CRS (RFC 7946): coordinates are WGS84 longitude, latitude, so the layer's CRS is EPSG:4326, unless a legacy
 * (2008 spec) "crs" member names another. The fid of a feature is its integer "id" when every feature has one;
 * otherwise its 1-based position, and non-integer ids are kept in an "id" attribute.
 */
public final class GeoJsonDataset implements Dataset {
    private final Path path;
    private final Schema schema;
    private final SingleLayer layer;
    private final long count;
    private final boolean integerIds;
    private final int idField;

    private GeoJsonDataset(Path path, Schema schema, long count, boolean integerIds, int idField) {
        this.path = path;
        this.schema = schema;
        this.layer = new SingleLayer(path, schema);
        this.count = count;
        this.integerIds = integerIds;
        this.idField = idField;
    }

    public static GeoJsonDataset open(Path path) {
        if (!Files.isRegularFile(path)) throw BdfsyncException.notFound(path, "no such file");
        Map<String, PropertyTypes> props = new LinkedHashMap<>();
        List<String> geometryTypes = new ArrayList<>();
        boolean hasZ = false;
        boolean allIntegerIds = true;
        boolean anyId = false;
        long n = 0;
        Map<String, JsonNode> members;
        try (FeatureStream s = FeatureStream.open(path)) {
            JsonNode f;
            while ((f = s.next()) != null) {
                n++;
                JsonNode id = f.get("id");
                if (id != null && !id.isNull()) anyId = true;
                if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) allIntegerIds = false;
                JsonNode p = f.get("properties");
                if (p != null && p.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> it = p.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        props.computeIfAbsent(e.getKey(), k -> new PropertyTypes()).add(e.getValue());
                    }
                }
                JsonNode g = f.get("geometry");
                if (g != null && g.isObject()) {
                    String t = g.path("type").asText("");
                    if (!geometryTypes.contains(t)) geometryTypes.add(t);
                    JsonNode c = g.get("coordinates");
                    if (!hasZ && c != null && GeoJsonGeometry.hasZ(c)) hasZ = true;
                }
            }
            members = s.members();
        }
        String layer = members.containsKey("name") && members.get("name").isTextual() ? members.get("name").asText() : SingleLayer.baseName(path);
        List<Field> fields = new ArrayList<>();
        int idField = -1;
        boolean integerIds = allIntegerIds && n > 0;
        if (!integerIds && anyId && !props.containsKey("id")) {
            idField = 0;
            fields.add(new Field("id", FieldType.TEXT));
        }
        for (Map.Entry<String, PropertyTypes> e : props.entrySet()) fields.add(new Field(e.getKey(), e.getValue().type()));
        GeometryType type = geometryType(geometryTypes);
        CrsRef crs = crs(members.get("crs"), path);
        Schema schema = new Schema(layer, fields, "geometry", type, hasZ, false, crs, null);
        return new GeoJsonDataset(path, schema, n, integerIds, idField);
    }

    /** EPSG:4326 (RFC 7946), or what a legacy "crs" member names. */
    private static CrsRef crs(JsonNode crs, Path path) {
        if (crs == null || crs.isNull()) return CrsResolver.epsg(CrsResolver.WGS84);
        JsonNode props = crs.path("properties");
        String type = crs.path("type").asText("");
        if (type.equalsIgnoreCase("name") && props.path("name").isTextual()) return CrsResolver.parse(props.path("name").asText(), path);
        if (type.equalsIgnoreCase("EPSG") && props.has("code")) return CrsResolver.parse(props.path("code").asText(), path);
        throw BdfsyncException.crs(path, null, "unsupported \"crs\" member " + crs + " (RFC 7946 files carry none: they are WGS84)");
    }

    /** One type when all agree; the Multi type when singles and Multis of one kind mix; else GEOMETRY. */
    static GeometryType geometryType(List<String> names) {
        GeometryType result = null;
        for (String name : names) {
            GeometryType t;
            try {
                t = GeometryType.fromName(name);
            } catch (IllegalArgumentException e) {
                return GeometryType.GEOMETRY; // reported when the feature is read
            }
            if (result == null) result = t;
            else if (result != t) {
                if (result.singular() == t.singular() && result.singular() != GeometryType.GEOMETRYCOLLECTION) {
                    result = result.isMulti() ? result : t;
                } else {
                    return GeometryType.GEOMETRY;
                }
            }
        }
        return result == null ? GeometryType.GEOMETRY : result;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return "GeoJSON";
    }

    @Override
    public List<String> layerNames() {
        return List.of(schema.layer());
    }

    @Override
    public Schema schema(String name) {
        return layer.require(name);
    }

    @Override
    public long count(String name) {
        layer.require(name);
        return count;
    }

    @Override
    public FeatureCursor read(String name) {
        layer.require(name);
        return new Cursor(FeatureStream.open(path));
    }

    @Override
    public void close() {
        // every cursor owns its own parser
    }

    private final class Cursor extends AbstractFeatureCursor {
        private final FeatureStream stream;
        private final List<Field> fields = schema.fields();

        Cursor(FeatureStream stream) {
            this.stream = stream;
        }

        @Override
        protected Feature fetch() {
            JsonNode f = stream.next();
            return f == null ? null : feature(f, stream.index());
        }

        private Feature feature(JsonNode f, long position) {
            JsonNode id = f.get("id");
            long fid = integerIds ? id.longValue() : position;
            String where = "#" + position + (id != null && !id.isNull() ? " (id " + id + ")" : "");
            Object[] values = new Object[fields.size()];
            JsonNode props = f.path("properties");
            for (int i = 0; i < values.length; i++) {
                if (i == idField) values[i] = id == null || id.isNull() ? null : id.asText();
                else values[i] = PropertyTypes.value(props.get(fields.get(i).name()), fields.get(i).type());
            }
            Geometry g;
            try {
                g = GeoJsonGeometry.parse(f.get("geometry"));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw BdfsyncException.invalid(path, schema.layer(), where, "geometry does not parse: " + e.getMessage());
            }
            return new Feature(fid, values, g == null ? null : GeometryValue.of(promote(g)));
        }

        /** A single geometry in a layer whose type is Multi becomes a Multi of one part. */
        private Geometry promote(Geometry g) {
            GeometryType t = schema.geometryType();
            if (!t.isMulti() || g.getGeometryType().startsWith("Multi")) return g;
            if (t == GeometryType.MULTIPOLYGON && g instanceof Polygon) return g.getFactory().createMultiPolygon(new Polygon[]{(Polygon) g});
            if (t == GeometryType.MULTILINESTRING && g instanceof LineString) return g.getFactory().createMultiLineString(new LineString[]{(LineString) g});
            if (t == GeometryType.MULTIPOINT && g instanceof Point) return g.getFactory().createMultiPoint(new Point[]{(Point) g});
            return g;
        }

        @Override
        protected void release() {
            stream.close();
        }
    }
}
