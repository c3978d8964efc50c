package fr.bdfsync.core.feature;

import fr.bdfsync.core.BdfsyncException;
import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A geometry as read: the stored bytes (a GeoPackage binary blob, whose WKB starts at {@link #wkbOffset()})
 * parsed into JTS only when asked. Comparing two values compares their WKB bytes first, so unchanged
 * geometries are never parsed. A value may also be built from a JTS geometry (Shapefile, GeoJSON,
 * reprojected data); its bytes are then encoded on demand.
 */
public final class GeometryValue {
    private static final GeometryFactory DEFAULT_FACTORY = new GeometryFactory();

    /** Where stored bytes come from (one instance per cursor), so that a parse error can name file and layer. */
    public record Source(Path file, String layer) {
    }

    private byte[] bytes;
    /** The stored blob is {@code bytes[start, end)}: a whole array, or a slice of a record the value shares. */
    private int start, end;
    /** Where the WKB starts in {@code bytes} (absolute). */
    private int wkbAt;
    private Geometry parsed;
    private final Source source;
    private final long fid;

    private GeometryValue(byte[] bytes, int wkbOffset, Geometry parsed) {
        this(bytes, wkbOffset, parsed, null, 0);
    }

    private GeometryValue(byte[] bytes, int wkbOffset, Geometry parsed, Source source, long fid) {
        this(bytes, 0, bytes == null ? 0 : bytes.length, wkbOffset, parsed, source, fid);
    }

    private GeometryValue(byte[] bytes, int start, int end, int wkbOffset, Geometry parsed, Source source, long fid) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.wkbAt = start + wkbOffset;
        this.parsed = parsed;
        this.source = source;
        this.fid = fid;
    }

    /** Wraps a GeoPackage geometry blob without parsing it. */
    public static GeometryValue ofGpkgBlob(byte[] blob) {
        return new GeometryValue(blob, GpkgGeometry.wkbOffset(blob), null);
    }

    /** Wraps a GeoPackage geometry blob without parsing it; a parse error later names the source and fid. */
    public static GeometryValue ofGpkgBlob(byte[] blob, Source source, long fid) {
        return new GeometryValue(blob, GpkgGeometry.wkbOffset(blob), null, source, fid);
    }

    /**
     * Wraps the GeoPackage geometry blob {@code buf[from, to)} without copying it: the value shares {@code buf}, which
     * must never change afterwards (a row's record read once, whose other bytes hold its attributes).
     */
    public static GeometryValue ofGpkgBlobSlice(byte[] buf, int from, int to) {
        if (from < 0 || to < from || to > buf.length) throw new IllegalArgumentException("blob slice outside its buffer");
        return new GeometryValue(buf, from, to, GpkgGeometry.wkbOffset(buf, from, to), null, null, 0);
    }

    /** Wraps bare WKB. */
    public static GeometryValue ofWkb(byte[] wkb) {
        return new GeometryValue(wkb, 0, null);
    }

    public static GeometryValue of(Geometry geometry) {
        return new GeometryValue(null, 0, geometry);
    }

    /**
     * The geometry, parsed once. Bytes that do not parse give an INVALID_INPUT {@link BdfsyncException}
     * naming the file, layer and fid when the reader gave them ({@link #ofGpkgBlob(byte[], Source, long)}).
     */
    public Geometry geometry() {
        if (parsed == null) {
            try {
                WKBReader reader = new WKBReader(DEFAULT_FACTORY);
                parsed = reader.read(wkb());
            } catch (ParseException | RuntimeException e) {
                String what = "geometry does not parse: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                throw source == null ? BdfsyncException.invalid(null, null, null, what, e)
                        : BdfsyncException.invalid(source.file(), source.layer(), "fid " + fid, what, e);
            }
        }
        return parsed;
    }

    /**
     * The geometry, parsed anew and not kept (the cached one when already parsed): for comparisons over many
     * features, where caching every parsed shape would make memory grow with the data.
     */
    public Geometry parseTransient() {
        if (parsed != null) return parsed;
        try {
            return new WKBReader(DEFAULT_FACTORY).read(wkb());
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("geometry does not parse: " + e.getMessage(), e);
        }
    }

    public boolean isParsed() {
        return parsed != null;
    }

    /** ISO WKB of this geometry (a copy when it comes from a GeoPackage blob). */
    public byte[] wkb() {
        ensureBytes();
        return wkbAt == 0 && end == bytes.length ? bytes : Arrays.copyOfRange(bytes, wkbAt, end);
    }

    /** The stored bytes (GeoPackage blob or WKB; a copy when the value is a slice of a record) and where the WKB starts in them. */
    public byte[] storedBytes() {
        ensureBytes();
        return start == 0 && end == bytes.length ? bytes : Arrays.copyOfRange(bytes, start, end);
    }

    /**
     * The array holding the WKB, shared and not copied (never to be written: it may be a record's buffer): the WKB is
     * {@code sharedArray()[wkbStart(), wkbEnd())}. For hot loops that read many geometries once each.
     */
    public byte[] sharedArray() {
        ensureBytes();
        return bytes;
    }

    /** Where the WKB starts in {@link #sharedArray()}. */
    public int wkbStart() {
        ensureBytes();
        return wkbAt;
    }

    /** Where the WKB ends (exclusive) in {@link #sharedArray()}. */
    public int wkbEnd() {
        ensureBytes();
        return end;
    }

    public int wkbOffset() {
        ensureBytes();
        return wkbAt - start;
    }

    /** Length of the WKB part of the stored bytes. */
    public int wkbLength() {
        ensureBytes();
        return end - wkbAt;
    }

    /** Byte equality of the WKB parts, without parsing. */
    public boolean sameWkb(GeometryValue other) {
        ensureBytes();
        other.ensureBytes();
        return Arrays.equals(bytes, wkbAt, end, other.bytes, other.wkbAt, other.end);
    }

    /**
     * True when this geometry and {@code other} are proven the same shape under {@code eq} from their stored WKB alone,
     * vertex by vertex in stored order (no parse; {@code StoredOrderCheck}); false when not proven: then
     * {@link GeometryEquality#compare} of the parsed geometries decides. Values built from a JTS geometry are not
     * encoded for this (false).
     */
    public boolean sameInStoredOrder(GeometryValue other, GeometryEquality eq) {
        if (bytes == null || other.bytes == null) return false;
        return StoredOrderCheck.sameInStoredOrder(eq, bytes, wkbAt, end, other.bytes, other.wkbAt, other.end);
    }

    /** Envelope from the blob header when present, else from the parsed geometry. */
    public Envelope envelope() {
        if (parsed == null && bytes != null && wkbAt > start) {
            Envelope e = GpkgGeometry.headerEnvelope(bytes, start, end);
            if (e != null) return e;
        }
        return geometry().getEnvelopeInternal();
    }

    private void ensureBytes() {
        if (bytes == null) {
            bytes = IsoWkb.write(parsed);
            start = 0;
            end = bytes.length;
            wkbAt = 0;
        }
    }

    @Override
    public String toString() {
        return parsed != null ? parsed.toText() : "GeometryValue[" + (end - wkbAt) + " WKB bytes]";
    }
}
