package fr.bdfsync.core.io.sqlite;

/**
 * SQLite's variable-length integers (file format §1.6 "Varint"): 1 to 9 bytes, big-endian; each of the first
 * eight bytes gives its low 7 bits and continues while its high bit is set, the ninth gives all 8 bits.
 * The readers return the value; the index just past it is kept by the caller through {@link #end} of a
 * {@code Varint} instance, so that decoding a row allocates nothing.
 */
public final class Varint {
    /** Index just past the last varint read by this instance. */
    public int end;

    /** Reads a varint at {@code buf[at..]} that must end before {@code limit}; -1 in {@link #end} when it does not. */
    public long read(byte[] buf, int at, int limit) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            if (at + i >= limit) {
                end = -1;
                return 0;
            }
            int b = buf[at + i];
            v = (v << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                end = at + i + 1;
                return v;
            }
        }
        if (at + 8 >= limit) {
            end = -1;
            return 0;
        }
        end = at + 9;
        return (v << 8) | (buf[at + 8] & 0xFF);
    }

    /** The number of bytes {@link #write} takes for {@code v}. */
    public static int length(long v) {
        if ((v & 0xff00000000000000L) != 0) return 9;
        int n = 1;
        while ((v >>>= 7) != 0) n++;
        return n;
    }

    /** Writes {@code v} at {@code buf[at..]}; returns the index just past it. */
    public static int write(long v, byte[] buf, int at) {
        int n = length(v);
        if (n == 9) {
            buf[at + 8] = (byte) v;
            v >>>= 8;
            for (int i = 7; i >= 0; i--) {
                buf[at + i] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            return at + 9;
        }
        for (int i = n - 1; i >= 0; i--) {
            buf[at + i] = (byte) ((v & 0x7F) | (i == n - 1 ? 0 : 0x80));
            v >>>= 7;
        }
        return at + n;
    }
}
