package fr.bdfsync.core.feature;

/**
 * The geometry type of a WKB, read from its first five bytes without parsing the geometry: byte order, then the
 * type code, in either convention (ISO: +1000 Z, +2000 M, +3000 ZM; EWKB: 0x80000000 Z, 0x40000000 M flags).
 */
public record WkbTypeCode(GeometryType type, boolean z, boolean m) {

    /** Reads the type of the WKB starting at {@code offset}; an IllegalArgumentException when the bytes are no WKB. */
    public static WkbTypeCode read(byte[] bytes, int offset) {
        if (bytes.length < offset + 5) throw new IllegalArgumentException("WKB shorter than its header");
        int order = bytes[offset];
        if (order != 0 && order != 1) throw new IllegalArgumentException("invalid WKB byte order " + order);
        int b1 = bytes[offset + 1] & 0xff, b2 = bytes[offset + 2] & 0xff, b3 = bytes[offset + 3] & 0xff, b4 = bytes[offset + 4] & 0xff;
        int code = order == 1 ? (b1 | b2 << 8 | b3 << 16 | b4 << 24) : (b4 | b3 << 8 | b2 << 16 | b1 << 24);
        boolean z = (code & 0x80000000) != 0;
        boolean m = (code & 0x40000000) != 0;
        code &= 0x0fffffff;
        int dims = code / 1000;
        if (dims == 1 || dims == 3) z = true;
        if (dims == 2 || dims == 3) m = true;
        if (dims > 3) throw new IllegalArgumentException("unknown WKB geometry type code " + code);
        return new WkbTypeCode(GeometryType.fromWkbCode(code), z, m);
    }

    /** Reads the type of a stored geometry without parsing it. */
    public static WkbTypeCode of(GeometryValue g) {
        return read(g.storedBytes(), g.wkbOffset());
    }

    /** "MultiPolygon Z", "Point", "LineString ZM". */
    public String label() {
        return type.jtsName() + (z || m ? " " + (z ? "Z" : "") + (m ? "M" : "") : "");
    }
}
