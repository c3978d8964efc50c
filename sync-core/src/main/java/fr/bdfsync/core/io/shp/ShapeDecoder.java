package fr.bdfsync.core.io.shp;

import fr.bdfsync.core.BdfsyncException;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequences;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Decodes the content of one .shp record into a JTS geometry: points, multipoints, polylines (always a
 * MultiLineString) and polygons (always a MultiPolygon, rings assembled by {@link RingAssembler}), with Z and
 * measures. Measures below -1e38 are the format's "no data" and become NaN.
 */
final class ShapeDecoder {
    static final GeometryFactory FACTORY = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);
    private static final double NO_DATA = -1e38;

    private final Path path;
    private final String layer;
    private boolean withM;

    ShapeDecoder(Path path, String layer) {
        this.path = path;
        this.layer = layer;
    }

    /** Whether decoded geometries carry an M ordinate (the layer's choice, made on its first record). */
    void setWithM(boolean withM) {
        this.withM = withM;
    }

    boolean hasMeasures(ByteBuffer b, ShapeType type) {
        if (b.getInt(0) == 0) return false;
        if (type.measuresOnly()) return true;
        if (!type.m) return false;
        if (type.geometryType == fr.bdfsync.core.feature.GeometryType.POINT) return b.limit() >= 36; // type, x, y, z, m
        int n = numPoints(b, type);
        int end = pointsEnd(b, type, n) + 16 + 8 * n; // after Z range and values
        return b.limit() >= end + 16 + 8 * n;
    }

    Geometry decode(ByteBuffer b, ShapeType type, long record) {
        try {
            int code = b.getInt(0);
            if (code == 0) return null;
            if (code != type.code) {
                throw BdfsyncException.invalid(path, layer, "record " + record, "shape type " + code + " in a file of type " + type.code);
            }
            switch (type) {
                case POINT: case POINT_Z: case POINT_M:
                    return point(b, type);
                case MULTIPOINT: case MULTIPOINT_Z: case MULTIPOINT_M: {
                    CoordinateSequence seq = sequence(b, type, 0, numPoints(b, type));
                    Point[] pts = new Point[seq.size()];
                    for (int i = 0; i < pts.length; i++) pts[i] = FACTORY.createPoint(subSequence(seq, i, i + 1));
                    return FACTORY.createMultiPoint(pts);
                }
                case POLYLINE: case POLYLINE_Z: case POLYLINE_M:
                    return lines(b, type, record);
                case POLYGON: case POLYGON_Z: case POLYGON_M:
                    return RingAssembler.assemble(rings(b, type, record), FACTORY);
                default:
                    throw BdfsyncException.invalid(path, layer, "record " + record, "unsupported shape type " + code);
            }
        } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
            throw BdfsyncException.invalid(path, layer, "record " + record, "geometry does not parse: record content shorter than its point count says");
        } catch (IllegalArgumentException e) {
            throw BdfsyncException.invalid(path, layer, "record " + record, "geometry does not parse: " + e.getMessage());
        }
    }

    private Point point(ByteBuffer b, ShapeType type) {
        int dim = 2 + (type.z ? 1 : 0) + (withM ? 1 : 0);
        double[] c = new double[dim];
        c[0] = b.getDouble(4);
        c[1] = b.getDouble(12);
        int k = 2;
        if (type.z) c[k++] = b.getDouble(20);
        if (withM) {
            int mAt = type.z ? 28 : 20;
            c[k] = b.limit() >= mAt + 8 ? measure(b.getDouble(mAt)) : Double.NaN;
        }
        return FACTORY.createPoint(new PackedCoordinateSequence.Double(c, dim, withM ? 1 : 0));
    }

    private static int numPoints(ByteBuffer b, ShapeType type) {
        switch (type.geometryType) {
            case MULTIPOINT: return b.getInt(36);
            case POINT: return 1;
            default: return b.getInt(40);
        }
    }

    private static int numParts(ByteBuffer b) {
        return b.getInt(36);
    }

    /** Offset where the xy points of a multipoint, polyline or polygon start. */
    private static int pointsStart(ByteBuffer b, ShapeType type) {
        return type.geometryType == fr.bdfsync.core.feature.GeometryType.MULTIPOINT ? 40 : 44 + 4 * numParts(b);
    }

    private static int pointsEnd(ByteBuffer b, ShapeType type, int n) {
        return pointsStart(b, type) + 16 * n;
    }

    /** Points [from, to) of the record as one coordinate sequence with the layer's dimensions. */
    private CoordinateSequence sequence(ByteBuffer b, ShapeType type, int from, int to) {
        int n = numPoints(b, type);
        if (n < 0 || from < 0 || to > n || from > to) throw new IllegalArgumentException("bad point index range");
        int xy = pointsStart(b, type);
        int zAt = xy + 16 * n + 16;
        int mAt = type.z ? zAt + 8 * n + 16 : xy + 16 * n + 16;
        boolean mPresent = withM && b.limit() >= mAt + 8 * n;
        int dim = 2 + (type.z ? 1 : 0) + (withM ? 1 : 0);
        int count = to - from;
        double[] c = new double[count * dim];
        for (int i = 0; i < count; i++) {
            int p = from + i;
            int o = i * dim;
            c[o] = b.getDouble(xy + 16 * p);
            c[o + 1] = b.getDouble(xy + 16 * p + 8);
            int k = 2;
            if (type.z) c[o + k++] = b.getDouble(zAt + 8 * p);
            if (withM) c[o + k] = mPresent ? measure(b.getDouble(mAt + 8 * p)) : Double.NaN;
        }
        return new PackedCoordinateSequence.Double(c, dim, withM ? 1 : 0);
    }

    private static CoordinateSequence subSequence(CoordinateSequence seq, int from, int to) {
        int dim = seq.getDimension();
        double[] c = new double[(to - from) * dim];
        for (int i = from; i < to; i++) for (int d = 0; d < dim; d++) c[(i - from) * dim + d] = seq.getOrdinate(i, d);
        return new PackedCoordinateSequence.Double(c, dim, seq.getMeasures());
    }

    private int[] partStarts(ByteBuffer b, long record) {
        int parts = numParts(b);
        int n = b.getInt(40);
        if (parts < 0 || n < 0 || parts > n) {
            throw BdfsyncException.invalid(path, layer, "record " + record, "geometry does not parse: " + parts + " parts for " + n + " points");
        }
        int[] starts = new int[parts + 1];
        for (int i = 0; i < parts; i++) {
            starts[i] = b.getInt(44 + 4 * i);
            if (starts[i] < 0 || starts[i] > n || (i > 0 && starts[i] < starts[i - 1])) {
                throw BdfsyncException.invalid(path, layer, "record " + record, "geometry does not parse: part " + i + " starts at point " + starts[i]);
            }
        }
        starts[parts] = n;
        return starts;
    }

    private Geometry lines(ByteBuffer b, ShapeType type, long record) {
        int[] starts = partStarts(b, record);
        LineString[] lines = new LineString[starts.length - 1];
        for (int i = 0; i < lines.length; i++) {
            if (starts[i + 1] - starts[i] < 2) {
                throw BdfsyncException.invalid(path, layer, "record " + record, "geometry does not parse: line part " + i + " has fewer than 2 points");
            }
            lines[i] = FACTORY.createLineString(sequence(b, type, starts[i], starts[i + 1]));
        }
        return FACTORY.createMultiLineString(lines);
    }

    /**
     * The rings of a polygon record. Like JTS's WKBReader (which reads GeoPackage blobs), an unclosed ring is
     * closed and a ring of fewer than 4 points is padded by repeating its last point, so that the same shape
     * reads the same from every format; validity is for the caller to judge.
     */
    private LinearRing[] rings(ByteBuffer b, ShapeType type, long record) {
        int[] starts = partStarts(b, record);
        LinearRing[] rings = new LinearRing[starts.length - 1];
        for (int i = 0; i < rings.length; i++) {
            CoordinateSequence seq = sequence(b, type, starts[i], starts[i + 1]);
            if (seq.size() == 0) {
                throw BdfsyncException.invalid(path, layer, "record " + record, "geometry does not parse: ring " + i + " has no points");
            }
            rings[i] = FACTORY.createLinearRing(CoordinateSequences.ensureValidRing(FACTORY.getCoordinateSequenceFactory(), seq));
        }
        return rings;
    }

    private static double measure(double m) {
        return m < NO_DATA ? Double.NaN : m;
    }
}
