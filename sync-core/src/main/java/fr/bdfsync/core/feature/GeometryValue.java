package fr.bdfsync.core.feature;

import fr.bdfsync.core.io.gpkg.GpkgGeometry;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.util.Arrays;

/**
 * A geometry as read: the stored bytes (a GeoPackage binary blob, whose WKB starts at {@link #wkbOffset()})
 * parsed into JTS only when asked. Comparing two values compares their WKB bytes first, so unchanged
 * geometries are never parsed. A value may also be built from a JTS geometry (Shapefile, GeoJSON,
 * reprojected data); its bytes are then encoded on demand.
 */
public final class GeometryValue {
    private static final GeometryFactory DEFAULT_FACTORY = new GeometryFactory();

    private byte[] bytes;
    private int wkbOffset;
    private Geometry parsed;

    private GeometryValue(byte[] bytes, int wkbOffset, Geometry parsed) {
        this.bytes = bytes;
        this.wkbOffset = wkbOffset;
        this.parsed = parsed;
    }

    /** Wraps a GeoPackage geometry blob without parsing it. */
    public static GeometryValue ofGpkgBlob(byte[] blob) {
        return new GeometryValue(blob, GpkgGeometry.wkbOffset(blob), null);
    }

    /** Wraps bare WKB. */
    public static GeometryValue ofWkb(byte[] wkb) {
        return new GeometryValue(wkb, 0, null);
    }

    public static GeometryValue of(Geometry geometry) {
        return new GeometryValue(null, 0, geometry);
    }

    /** The geometry, parsed once. */
    public Geometry geometry() {
        if (parsed == null) {
            try {
                WKBReader reader = new WKBReader(DEFAULT_FACTORY);
                parsed = reader.read(wkb());
            } catch (ParseException | RuntimeException e) {
                throw new IllegalArgumentException("geometry does not parse: " + e.getMessage(), e);
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
        return wkbOffset == 0 ? bytes : Arrays.copyOfRange(bytes, wkbOffset, bytes.length);
    }

    /** The stored bytes (GeoPackage blob or WKB) and where the WKB starts in them. */
    public byte[] storedBytes() {
        ensureBytes();
        return bytes;
    }

    public int wkbOffset() {
        ensureBytes();
        return wkbOffset;
    }

    /** Byte equality of the WKB parts, without parsing. */
    public boolean sameWkb(GeometryValue other) {
        ensureBytes();
        other.ensureBytes();
        return Arrays.equals(bytes, wkbOffset, bytes.length, other.bytes, other.wkbOffset, other.bytes.length);
    }

    /** Envelope from the blob header when present, else from the parsed geometry. */
    public Envelope envelope() {
        if (parsed == null && bytes != null && wkbOffset > 0) {
            Envelope e = GpkgGeometry.headerEnvelope(bytes);
            if (e != null) return e;
        }
        return geometry().getEnvelopeInternal();
    }

    private void ensureBytes() {
        if (bytes == null) {
            bytes = IsoWkb.write(parsed);
            wkbOffset = 0;
        }
    }

    @Override
    public String toString() {
        return parsed != null ? parsed.toText() : "GeometryValue[" + (bytes.length - wkbOffset) + " WKB bytes]";
    }
}
