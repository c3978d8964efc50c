package fr.bdfsync.core.io.gpkg;

import fr.bdfsync.core.feature.IsoWkb;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The GeoPackage binary geometry header (spec clause 2.1.3): magic "GP", version, flags (byte order,
 * envelope kind, empty, extended), srs_id, optional envelope, then ISO WKB.
 */
public final class GpkgGeometry {
    private GpkgGeometry() {
    }

    /** Number of envelope doubles for each envelope indicator 0..4. */
    private static final int[] ENVELOPE_DOUBLES = {0, 4, 6, 6, 8};

    /** Offset of the WKB in a blob; 0 when the blob does not start with the "GP" magic (bare WKB). */
    public static int wkbOffset(byte[] blob) {
        return wkbOffset(blob, 0, blob.length);
    }

    /** As {@link #wkbOffset(byte[])} for the blob {@code buf[from, to)}: the offset from {@code from}. */
    public static int wkbOffset(byte[] buf, int from, int to) {
        if (to - from < 8 || buf[from] != 'G' || buf[from + 1] != 'P') return 0;
        int flags = buf[from + 3];
        int indicator = (flags >> 1) & 0x7;
        if (indicator > 4) throw new IllegalArgumentException("invalid GeoPackage envelope indicator " + indicator);
        int offset = 8 + 8 * ENVELOPE_DOUBLES[indicator];
        if (offset > to - from) throw new IllegalArgumentException("GeoPackage geometry blob shorter than its header");
        return offset;
    }

    public static boolean isEmptyFlag(byte[] blob) {
        return blob.length >= 8 && blob[0] == 'G' && blob[1] == 'P' && (blob[3] & 0x10) != 0;
    }

    public static int srsId(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob, 4, 4).order((blob[3] & 1) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        return b.getInt();
    }

    /** The xy envelope stored in the header, or null when the header has none. */
    public static Envelope headerEnvelope(byte[] blob) {
        return headerEnvelope(blob, 0, blob.length);
    }

    /** As {@link #headerEnvelope(byte[])} for the blob {@code buf[from, to)}. */
    public static Envelope headerEnvelope(byte[] buf, int from, int to) {
        if (to - from < 8 || buf[from] != 'G' || buf[from + 1] != 'P') return null;
        int indicator = (buf[from + 3] >> 1) & 0x7;
        if (indicator == 0 || indicator > 4 || to - from < 40) return null;
        ByteBuffer b = ByteBuffer.wrap(buf).order((buf[from + 3] & 1) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        double minX = b.getDouble(from + 8), maxX = b.getDouble(from + 16), minY = b.getDouble(from + 24), maxY = b.getDouble(from + 32);
        return new Envelope(minX, maxX, minY, maxY);
    }

    /** Encodes a geometry as a GeoPackage blob, little-endian, with an xy envelope (none for points and empties). */
    public static byte[] encode(Geometry g, int srsId) {
        return encode(IsoWkb.write(g), g, srsId);
    }

    /** Wraps ISO WKB already encoded for the geometry {@code g} in a GeoPackage header. */
    public static byte[] encode(byte[] wkb, Geometry g, int srsId) {
        boolean empty = g.isEmpty();
        boolean withEnvelope = !empty && !(g.getDimension() == 0 && g.getNumPoints() == 1);
        int header = 8 + (withEnvelope ? 32 : 0);
        ByteBuffer b = ByteBuffer.allocate(header + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0);
        int flags = 1 /* little endian */ | (withEnvelope ? (1 << 1) : 0) | (empty ? 0x10 : 0);
        b.put((byte) flags);
        b.putInt(srsId);
        if (withEnvelope) {
            Envelope e = g.getEnvelopeInternal();
            b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        }
        b.put(wkb);
        return b.array();
    }
}
