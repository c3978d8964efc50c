package fr.bdfsync.core.io.geojson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.feature.Feature;
import fr.bdfsync.core.feature.Field;
import fr.bdfsync.core.feature.GeometryValue;
import fr.bdfsync.core.feature.Schema;
import fr.bdfsync.core.io.AtomicOutput;
import fr.bdfsync.core.io.Dataset;
import fr.bdfsync.core.io.FeatureCursor;
import fr.bdfsync.core.io.crs.CrsResolver;
import fr.bdfsync.core.io.crs.Reprojector;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * Writes one layer as an RFC 7946 GeoJSON FeatureCollection, UTF-8, through {@link AtomicOutput}: geometries
 * reprojected to WGS84 longitude/latitude (the CRS must be known), exterior rings counter-clockwise and holes
 * clockwise (the right-hand rule), Z kept (M has no place in GeoJSON and is dropped), doubles written with all
 * their digits, attributes typed: INTEGER and REAL as JSON numbers, BOOLEAN as true/false, nulls as null,
 * dates and text as strings, BLOBs as base64 strings. The feature's fid is written as its "id".
 */
public final class GeoJsonWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private GeoJsonWriter() {
    }

    /** Writes a layer of a dataset; returns the number of features written. */
    public static long write(Dataset source, String layer, Path target) {
        try (FeatureCursor c = source.read(layer)) {
            return write(source.schema(layer), c, target, source.path());
        }
    }

    /** Writes features of the given schema; {@code sourceFile} only names the source in CRS errors. */
    public static long write(Schema schema, Iterator<Feature> features, Path target, Path sourceFile) {
        Reprojector toWgs84 = schema.hasGeometry()
                ? Reprojector.between(schema.crs(), CrsResolver.epsg(CrsResolver.WGS84), sourceFile, schema.layer())
                : null;
        try (AtomicOutput out = AtomicOutput.begin(target)) {
            long n;
            try (OutputStream os = Files.newOutputStream(out.temporary());
                 JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
                n = writeCollection(g, schema, features, toWgs84);
            } catch (IOException e) {
                throw BdfsyncException.output(target, "cannot write GeoJSON: " + e.getMessage(), e);
            }
            out.commit();
            return n;
        }
    }

    private static long writeCollection(JsonGenerator g, Schema schema, Iterator<Feature> features, Reprojector toWgs84) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeStringField("name", schema.layer());
        g.writeArrayFieldStart("features");
        List<Field> fields = schema.fields();
        long n = 0;
        while (features.hasNext()) {
            Feature f = features.next();
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeNumberField("id", f.fid());
            g.writeObjectFieldStart("properties");
            for (int i = 0; i < fields.size(); i++) {
                g.writeFieldName(fields.get(i).name());
                writeValue(g, fields.get(i), f.values()[i]);
            }
            g.writeEndObject();
            g.writeFieldName("geometry");
            GeometryValue gv = f.geometry();
            if (gv == null || toWgs84 == null) g.writeNull();
            else writeGeometry(g, toWgs84.reproject(gv.geometry()), schema.hasZ());
            g.writeEndObject();
            n++;
        }
        g.writeEndArray();
        g.writeEndObject();
        return n;
    }

    private static void writeValue(JsonGenerator g, Field field, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (field.type()) {
            case INTEGER:
                if (v instanceof Number) g.writeNumber(((Number) v).longValue());
                else g.writeString(v.toString());
                return;
            case REAL:
                if (v instanceof Number) {
                    double d = ((Number) v).doubleValue();
                    if (Double.isFinite(d)) g.writeNumber(d);
                    else g.writeNull();
                } else {
                    g.writeString(v.toString());
                }
                return;
            case BOOLEAN:
                if (v instanceof Boolean) g.writeBoolean((Boolean) v);
                else g.writeString(v.toString());
                return;
            case BLOB:
                g.writeString(v instanceof byte[] ? Base64.getEncoder().encodeToString((byte[]) v) : v.toString());
                return;
            default:
                g.writeString(v.toString());
        }
    }

    static void writeGeometry(JsonGenerator g, Geometry geom, boolean z) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", geom.getGeometryType());
        if (geom instanceof GeometryCollection && !(geom instanceof MultiPoint || geom instanceof MultiLineString || geom instanceof MultiPolygon)) {
            g.writeArrayFieldStart("geometries");
            for (int i = 0; i < geom.getNumGeometries(); i++) writeGeometry(g, geom.getGeometryN(i), z);
            g.writeEndArray();
            g.writeEndObject();
            return;
        }
        g.writeFieldName("coordinates");
        if (geom instanceof Point) {
            Point p = (Point) geom;
            if (p.isEmpty()) {
                g.writeStartArray();
                g.writeEndArray();
            } else {
                writePosition(g, p.getCoordinateSequence(), 0, z);
            }
        } else if (geom instanceof LineString) {
            writeSequence(g, ((LineString) geom).getCoordinateSequence(), z, false, false);
        } else if (geom instanceof Polygon) {
            writePolygon(g, (Polygon) geom, z);
        } else {
            g.writeStartArray();
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                Geometry part = geom.getGeometryN(i);
                if (part instanceof Point) writePosition(g, ((Point) part).getCoordinateSequence(), 0, z);
                else if (part instanceof LineString) writeSequence(g, ((LineString) part).getCoordinateSequence(), z, false, false);
                else writePolygon(g, (Polygon) part, z);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writePolygon(JsonGenerator g, Polygon p, boolean z) throws IOException {
        g.writeStartArray();
        if (!p.isEmpty()) {
            writeSequence(g, p.getExteriorRing().getCoordinateSequence(), z, true, true);
            for (int i = 0; i < p.getNumInteriorRing(); i++) writeSequence(g, p.getInteriorRingN(i).getCoordinateSequence(), z, true, false);
        }
        g.writeEndArray();
    }

    /** Writes a sequence; rings are reversed when needed so exteriors run counter-clockwise and holes clockwise. */
    private static void writeSequence(JsonGenerator g, CoordinateSequence seq, boolean z, boolean ring, boolean exterior) throws IOException {
        boolean reverse = ring && seq.size() >= 4 && Orientation.isCCW(seq) != exterior;
        g.writeStartArray();
        int n = seq.size();
        for (int i = 0; i < n; i++) writePosition(g, seq, reverse ? n - 1 - i : i, z);
        g.writeEndArray();
    }

    private static void writePosition(JsonGenerator g, CoordinateSequence seq, int i, boolean z) throws IOException {
        g.writeStartArray();
        g.writeNumber(seq.getX(i));
        g.writeNumber(seq.getY(i));
        if (z && seq.hasZ()) {
            double zv = seq.getZ(i);
            if (!Double.isNaN(zv)) g.writeNumber(zv);
        }
        g.writeEndArray();
    }
}
