package fr.bdfsync.core.io.sqlite;

/**
 * The serial types of a record header (file format §2.1 "Record Format"): 0 NULL; 1-6 big-endian two's-complement
 * integers of 1, 2, 3, 4, 6 and 8 bytes; 7 an IEEE 754 big-endian double; 8 and 9 the integers 0 and 1 (no bytes);
 * 10 and 11 reserved (invalid in a database file); N &ge; 12 even a blob of (N-12)/2 bytes, N &ge; 13 odd a text of
 * (N-13)/2 bytes in the database's text encoding.
 */
public final class SerialType {
    public static final int NULL = 0, FLOAT = 7, ZERO = 8, ONE = 9;

    private SerialType() {
    }

    /** Bytes of a value of this type in the record body; -1 for the reserved types 10 and 11 or a length beyond 2^31. */
    public static long contentLength(long type) {
        if (type < 0) return -1;
        if (type < 12) {
            return switch ((int) type) {
                case 0, 8, 9 -> 0;
                case 1 -> 1;
                case 2 -> 2;
                case 3 -> 3;
                case 4 -> 4;
                case 5 -> 6;
                case 6, 7 -> 8;
                default -> -1;
            };
        }
        long n = (type - 12) >>> 1;
        return n > Integer.MAX_VALUE ? -1 : n;
    }

    public static boolean isInteger(long type) {
        return type >= 1 && type <= 6 || type == ZERO || type == ONE;
    }

    public static boolean isText(long type) {
        return type >= 13 && (type & 1) == 1;
    }

    public static boolean isBlob(long type) {
        return type >= 12 && (type & 1) == 0;
    }

    /** The integer of an integer type stored at {@code b[at..]}. */
    public static long intValue(byte[] b, int at, long type) {
        if (type == ZERO) return 0;
        if (type == ONE) return 1;
        int n = (int) contentLength(type);
        long v = b[at]; // sign-extended first byte
        for (int i = 1; i < n; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }

    /** The double stored at {@code b[at..at+8)}. */
    public static double floatValue(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return Double.longBitsToDouble(v);
    }
}
