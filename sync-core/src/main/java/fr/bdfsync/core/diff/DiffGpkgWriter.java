package fr.bdfsync.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.ExitCode;
import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The diff as a GeoPackage that opens in QGIS: per source layer, a layer of the same name holding one row
 * per change (key, operation, changed attribute names, old → new values as JSON, geometry measures) with the
 * new geometry (the old one for deletes), and a layer {@code <layer>_old_geometry} with the old geometry of
 * deleted features and of features whose geometry changed. Three-way layers carry the class instead.
 */
public final class DiffGpkgWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GpkgWriter writer;

    private DiffGpkgWriter(GpkgWriter writer) {
        this.writer = writer;
    }

    public static DiffGpkgWriter create(Path target) {
        return new DiffGpkgWriter(GpkgWriter.create(target));
    }

    private static final List<Field> TWO_WAY_FIELDS = List.of(new Field("key", FieldType.TEXT), new Field("operation", FieldType.TEXT),
            new Field("changed_attributes", FieldType.TEXT), new Field("changes", FieldType.TEXT), new Field("hausdorff", FieldType.REAL),
            new Field("area_delta", FieldType.REAL), new Field("length_delta", FieldType.REAL), new Field("fingerprint", FieldType.TEXT));

    public void layer(LayerDiff d) {
        boolean geom = d.crs() != null;
        boolean z = hasZ(d.changes().stream().map(c -> c.after() != null ? c.after().geometry() : c.before().geometry()).toList());
        GpkgWriter.LayerWriter main = writer.addLayer(schema(d.layer(), TWO_WAY_FIELDS, geom, z, d.crs()));
        long fid = 1;
        for (FeatureChange c : d.changes()) {
            Row state = c.after() != null ? c.after() : c.before();
            String names = String.join(",", c.attributes().stream().map(AttributeChange::column).toList());
            Map<String, Object> ch = new LinkedHashMap<>();
            for (AttributeChange a : c.attributes()) ch.put(a.column(), List.of(jsonable(a.oldValue()), jsonable(a.newValue())));
            GeometryChange g = c.geometry();
            Object[] values = {c.key(), c.operation().name().toLowerCase(Locale.ROOT), names.isEmpty() ? null : names,
                    ch.isEmpty() ? null : json(ch), g == null || Double.isNaN(g.hausdorff()) ? null : g.hausdorff(),
                    g == null ? null : g.areaDelta(), g == null ? null : g.lengthDelta(), DiffJsonWriter.fingerprint(state)};
            main.write(new Feature(fid++, values, geom ? state.geometry() : null));
        }
        if (!geom) return;
        GpkgWriter.LayerWriter old = writer.addLayer(schema(d.layer() + "_old_geometry",
                List.of(new Field("key", FieldType.TEXT), new Field("operation", FieldType.TEXT)), true, z, d.crs()));
        fid = 1;
        for (FeatureChange c : d.changes()) {
            if (c.operation() == Operation.DELETE || (c.operation() == Operation.UPDATE && c.geometryChanged())) {
                old.write(new Feature(fid++, new Object[]{c.key(), c.operation().name().toLowerCase(Locale.ROOT)}, c.before().geometry()));
            }
        }
    }

    public void layer(ThreeWayLayer t) {
        CrsRef crs = t.local().crs() != null ? t.local().crs() : t.national().crs();
        List<Field> fields = List.of(new Field("key", FieldType.TEXT), new Field("class", FieldType.TEXT), new Field("national", FieldType.TEXT),
                new Field("local", FieldType.TEXT), new Field("geometry_class", FieldType.TEXT), new Field("attributes", FieldType.TEXT));
        boolean z = hasZ(t.features().stream().map(DiffGpkgWriter::shownGeometry).toList());
        GpkgWriter.LayerWriter w = writer.addLayer(schema(t.layer(), fields, crs != null, z, crs));
        long fid = 1;
        for (ThreeWayFeature f : t.features()) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (AttributeVerdict v : f.attributes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("class", v.classification().label());
                m.put("ancestor", jsonable(v.ancestor()));
                m.put("national", jsonable(v.national()));
                m.put("local", jsonable(v.local()));
                attrs.put(v.column(), m);
            }
            Object[] values = {f.key(), f.classification().label(), op(f.national()), op(f.local()), f.geometry().label(), attrs.isEmpty() ? null : json(attrs)};
            w.write(new Feature(fid++, values, crs == null ? null : shownGeometry(f)));
        }
    }

    /** Local new state, else national new state, else the ancestor's. */
    private static GeometryValue shownGeometry(ThreeWayFeature f) {
        for (FeatureChange c : new FeatureChange[]{f.local(), f.national()}) {
            if (c != null && c.after() != null && c.after().geometry() != null) return c.after().geometry();
        }
        FeatureChange c = f.national() != null ? f.national() : f.local();
        return c.before() == null ? null : c.before().geometry();
    }

    private static String op(FeatureChange c) {
        return c == null ? "unchanged" : c.operation().name().toLowerCase(Locale.ROOT);
    }

    private static boolean hasZ(List<GeometryValue> geoms) {
        for (GeometryValue g : geoms) {
            if (g == null) continue;
            byte[] b = g.storedBytes();
            int o = g.wkbOffset();
            if (b.length < o + 5) continue;
            int code = b[o] == 1 ? (b[o + 1] & 0xFF) | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF) << 16 | (b[o + 4] & 0xFF) << 24
                    : (b[o + 4] & 0xFF) | (b[o + 3] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 1] & 0xFF) << 24;
            return (code / 1000) % 2 == 1 || (code & 0x80000000) != 0;
        }
        return false;
    }

    private static Schema schema(String layer, List<Field> fields, boolean geom, boolean z, CrsRef crs) {
        return new Schema(layer, fields, geom ? "geom" : null, geom ? GeometryType.GEOMETRY : null, geom && z, false, geom ? crs : null, "fid");
    }

    private static Object jsonable(Object v) {
        return v instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) v) : v;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new BdfsyncException(ExitCode.INTERNAL, "cannot encode JSON: " + e.getMessage(), e);
        }
    }

    public void commit() {
        writer.commit();
    }

    @Override
    public void close() {
        writer.close();
    }
}
