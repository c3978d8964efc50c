package fr.bdfsync.core.testsupport;

import fr.bdfsync.core.feature.CrsRef;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.FieldType;
import fr.bdfsync.core.feature.GeometryType;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.gpkg.GpkgWriter;
import fr.bdfsync.core.io.gpkg.KnownCrs;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small GeoPackages from WKT written in test code: {@code new GpkgBuilder().layer("l", POLYGON, "cleabs:TEXT", "nature:TEXT")
 * .row(1, "K1", "Bois", "POLYGON((0 0,1 0,1 1,0 0))").write(path)}. The last value of a row is the WKT
 * (or null) for layers with a geometry; layers made with {@link #table} have none. CRS EPSG:2154 unless set.
 */
public final class GpkgBuilder {
    private final List<LayerSpec> layers = new ArrayList<>();

    private static final class LayerSpec {
        Schema schema;
        final List<Feature> rows = new ArrayList<>();
    }

    public GpkgBuilder layer(String name, GeometryType type, String... columns) {
        return layer(name, type, false, 2154, columns);
    }

    public GpkgBuilder layer(String name, GeometryType type, boolean z, int epsg, String... columns) {
        LayerSpec l = new LayerSpec();
        CrsRef crs = CrsRef.epsg(epsg, "EPSG:" + epsg, KnownCrs.wkt(epsg));
        l.schema = new Schema(name, fields(columns), "geom", type, z, false, crs, "fid");
        layers.add(l);
        return this;
    }

    /** An attribute-only table. */
    public GpkgBuilder table(String name, String... columns) {
        LayerSpec l = new LayerSpec();
        l.schema = new Schema(name, fields(columns), null, null, false, false, null, "fid");
        layers.add(l);
        return this;
    }

    private static List<Field> fields(String... columns) {
        List<Field> fields = new ArrayList<>();
        for (String c : columns) {
            String[] p = c.split(":");
            fields.add(new Field(p[0], p.length > 1 ? FieldType.valueOf(p[1]) : FieldType.TEXT));
        }
        return fields;
    }

    /** A row of the last layer: fid, then the attribute values, then the WKT when the layer has a geometry. */
    public GpkgBuilder row(long fid, Object... values) {
        LayerSpec l = layers.get(layers.size() - 1);
        int n = l.schema.fields().size();
        GeometryValue g = null;
        if (l.schema.hasGeometry()) {
            Object wkt = values[n];
            if (wkt != null) {
                try {
                    g = GeometryValue.of(new WKTReader().read((String) wkt));
                } catch (ParseException e) {
                    throw new IllegalArgumentException(e);
                }
            }
        }
        l.rows.add(new Feature(fid, Arrays.copyOf(values, n), g));
        return this;
    }

    public Path write(Path target) {
        try (GpkgWriter w = GpkgWriter.create(target)) {
            for (LayerSpec l : layers) {
                GpkgWriter.LayerWriter lw = w.addLayer(l.schema);
                for (Feature f : l.rows) lw.write(f);
            }
            w.commit();
        }
        return target;
    }
}
