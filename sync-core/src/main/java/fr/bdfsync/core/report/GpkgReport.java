package fr.bdfsync.core.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bdfsync.core.conflict.AttributeValues;
import fr.bdfsync.core.conflict.Conflict;
import fr.bdfsync.core.conflict.ConflictSet;
import fr.bdfsync.core.conflict.ConflictsJson;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The GeoPackage form, for QGIS. Layers:
 * <ul>
 *   <li>{@value #POINTS}: one point per conflict (its location) with id, type, severity, status, layer,
 *   key(s), message, the differing attribute names, their ancestor / national / local values (JSON objects)
 *   and a readable {@code differences} line, the suggested or applied resolution and its rule, the content hash;</li>
 *   <li>{@value #POLYGONS}, {@value #LINES}, {@value #VERTICES}: the ancestor, national and local geometry of
 *   each conflicting feature, one row per version ({@code version} column), split by dimension so each layer
 *   has one geometry type (QGIS styles one type per layer); a layer with no row is not created;</li>
 *   <li>{@code layer_styles}: a QML style per layer, as QGIS stores styles in a GeoPackage (default styles, loaded
 *   when the layer is added). GeoPackage does not define this table; it is registered in {@code gpkg_contents}
 *   as an {@code attributes} table, as GDAL does when QGIS saves a style, so GDAL's validator accepts the file.</li>
 * </ul>
 * Geometries are written in 2D in the conflict set's CRS.
 */
public final class GpkgReport {
    public static final String POINTS = "conflict_points";
    public static final String POLYGONS = "conflict_polygons";
    public static final String LINES = "conflict_lines";
    public static final String VERTICES = "conflict_vertices";
    public static final String STYLES = "layer_styles";
    private static final String GEOM = "geom";

    private GpkgReport() {
    }

    private record VersionedGeometry(Conflict conflict, ReportPalette.Version version, Geometry geometry) {
    }

    public static void write(ConflictSet set, Path target) {
        CrsRef crs = set.srid() > 0 ? CrsRef.epsg(set.srid(), "EPSG:" + set.srid(), null) : CrsRef.UNDEFINED_CARTESIAN;
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), Math.max(set.srid(), 0));
        List<VersionedGeometry> polygons = new ArrayList<>(), lines = new ArrayList<>(), vertices = new ArrayList<>();
        for (Conflict c : set.conflicts()) {
            Geometry[] gs = {c.ancestorGeometry(), c.nationalGeometry(), c.localGeometry()};
            for (int i = 0; i < gs.length; i++) {
                if (gs[i] == null || gs[i].isEmpty()) continue;
                ReportPalette.Version v = ReportPalette.Version.values()[i];
                Geometry polys = collect(gs[i], Polygon.class, gf), ls = collect(gs[i], LineString.class, gf), ps = collect(gs[i], Point.class, gf);
                if (polys != null) polygons.add(new VersionedGeometry(c, v, polys));
                if (ls != null) lines.add(new VersionedGeometry(c, v, ls));
                if (ps != null) vertices.add(new VersionedGeometry(c, v, ps));
            }
        }
        List<String[]> styles = new ArrayList<>();
        try (GpkgWriter w = GpkgWriter.create(target)) {
            GpkgWriter.LayerWriter points = w.addLayer(pointsSchema(crs));
            long fid = 0;
            for (Conflict c : set.conflicts()) {
                if (c.location() == null) continue;
                points.write(new Feature(++fid, pointValues(c), GeometryValue.of(gf.createPoint(c.location()))));
            }
            styles.add(new String[]{POINTS, "conflicts by type", QmlStyle.points()});
            writeGeometries(w, POLYGONS, GeometryType.MULTIPOLYGON, crs, polygons, styles, QmlStyle.Kind.FILL);
            writeGeometries(w, LINES, GeometryType.MULTILINESTRING, crs, lines, styles, QmlStyle.Kind.LINE);
            writeGeometries(w, VERTICES, GeometryType.MULTIPOINT, crs, vertices, styles, QmlStyle.Kind.MARKER);
            GpkgWriter.LayerWriter sw = w.addLayer(stylesSchema());
            long sid = 0;
            String time = set.created() != null ? set.created() : "1970-01-01T00:00:00Z";
            for (String[] s : styles) {
                sw.write(new Feature(++sid, new Object[]{"", "", s[0], GEOM, s[1], s[2], "", true,
                        "bdfsync conflict report: " + s[1], "bdfsync", null, time}, null));
            }
            w.commit();
        }
    }

    private static void writeGeometries(GpkgWriter w, String name, GeometryType type, CrsRef crs, List<VersionedGeometry> rows,
                                        List<String[]> styles, QmlStyle.Kind kind) {
        if (rows.isEmpty()) return;
        GpkgWriter.LayerWriter lw = w.addLayer(new Schema(name, List.of(text("conflict_id"), text("version"), text("type"),
                text("severity"), text("status"), text("layer"), text("key")), GEOM, type, false, false, crs, "fid"));
        long fid = 0;
        for (VersionedGeometry r : rows) {
            Conflict c = r.conflict();
            lw.write(new Feature(++fid, new Object[]{c.id(), r.version().code(), c.type().code(), c.severity().code(),
                    c.status().code(), c.layer(), String.join(",", c.keys())}, GeometryValue.of(r.geometry())));
        }
        styles.add(new String[]{name, "versions: ancestor, national, local", QmlStyle.geometries(kind)});
    }

    private static Schema pointsSchema(CrsRef crs) {
        return new Schema(POINTS, List.of(text("conflict_id"), text("type"), text("severity"), text("status"), text("layer"),
                text("key"), text("keys"), text("message"), text("attributes"), text("ancestor_values"), text("national_values"),
                text("local_values"), text("differences"), text("resolution"), text("resolution_rule"), text("content_hash")),
                GEOM, GeometryType.POINT, false, false, crs, "fid");
    }

    private static Object[] pointValues(Conflict c) {
        List<AttributeValues> attrs = c.attributes();
        return new Object[]{c.id(), c.type().code(), c.severity().code(), c.status().code(), c.layer(), c.key(),
                String.join(",", c.keys()), c.message(),
                attrs.stream().map(AttributeValues::name).collect(Collectors.joining(",")),
                values(attrs, AttributeValues::ancestor), values(attrs, AttributeValues::national), values(attrs, AttributeValues::local),
                attrs.stream().map(a -> a.name() + ": " + show(a.ancestor()) + " -> national " + show(a.national()) + " / local " + show(a.local()))
                        .collect(Collectors.joining("; ")),
                c.resolution() == null ? null : c.resolution().choice().code(),
                c.resolution() == null ? null : c.resolution().rule(), c.contentHash()};
    }

    private static String values(List<AttributeValues> attrs, Function<AttributeValues, Object> version) {
        if (attrs.isEmpty()) return null;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (AttributeValues a : attrs) o.set(a.name(), ConflictsJson.scalar(version.apply(a)));
        return o.toString();
    }

    private static String show(Object v) {
        return v == null ? "null" : "'" + v + "'";
    }

    private static Schema stylesSchema() {
        return new Schema(STYLES, List.of(text("f_table_catalog"), text("f_table_schema"), text("f_table_name"),
                text("f_geometry_column"), text("styleName"), text("styleQML"), text("styleSLD"), new Field("useAsDefault", FieldType.BOOLEAN),
                text("description"), text("owner"), text("ui"), new Field("update_time", FieldType.DATETIME)),
                null, null, false, false, null, "id");
    }

    private static Field text(String name) {
        return new Field(name, FieldType.TEXT);
    }

    /** The parts of {@code g} of one kind as a multi-geometry, or null when it has none. */
    private static Geometry collect(Geometry g, Class<? extends Geometry> kind, GeometryFactory gf) {
        List<Geometry> parts = new ArrayList<>();
        flatten(g, kind, parts);
        if (parts.isEmpty()) return null;
        if (kind == Polygon.class) return gf.createMultiPolygon(parts.toArray(new Polygon[0]));
        if (kind == LineString.class) return gf.createMultiLineString(parts.toArray(new LineString[0]));
        return gf.createMultiPoint(parts.toArray(new Point[0]));
    }

    private static void flatten(Geometry g, Class<? extends Geometry> kind, List<Geometry> out) {
        if (g instanceof MultiPolygon || g instanceof MultiLineString || g instanceof MultiPoint || g.getClass() == org.locationtech.jts.geom.GeometryCollection.class) {
            for (int i = 0; i < g.getNumGeometries(); i++) flatten(g.getGeometryN(i), kind, out);
        } else if (kind.isInstance(g) && !g.isEmpty()) {
            out.add(g);
        }
    }
}
