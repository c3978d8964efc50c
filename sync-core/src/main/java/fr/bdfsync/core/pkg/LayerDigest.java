package fr.bdfsync.core.pkg;

import java.util.HexFormat;

/**
 * Order-independent digest of a whole layer: the sum modulo 2^128 of the first 16 bytes of every row
 * fingerprint, and the row count (docs/package-format.md, section 2).
 */
public final class LayerDigest {
    private long high;
    private long low;
    private long count;

    public void add(byte[] rowDigest) {
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) h = (h << 8) | (rowDigest[i] & 0xff);
        for (int i = 8; i < 16; i++) l = (l << 8) | (rowDigest[i] & 0xff);
        long newLow = low + l;
        high += h + (Long.compareUnsigned(newLow, low) < 0 ? 1 : 0);
        low = newLow;
        count++;
    }

    /** Adds the rows of {@code other} (digests of disjoint parts of a layer add up to the layer's). */
    public void add(LayerDigest other) {
        long newLow = low + other.low;
        high += other.high + (Long.compareUnsigned(newLow, low) < 0 ? 1 : 0);
        low = newLow;
        count += other.count;
    }

    public Manifest.BaseLayer toBaseLayer() {
        return new Manifest.BaseLayer(count, hex());
    }

    public long count() {
        return count;
    }

    public String hex() {
        byte[] b = new byte[16];
        long h = high;
        long l = low;
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) h;
            h >>>= 8;
            b[8 + i] = (byte) l;
            l >>>= 8;
        }
        return HexFormat.of().formatHex(b);
    }
}
