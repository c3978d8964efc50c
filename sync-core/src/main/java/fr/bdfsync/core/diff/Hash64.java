package fr.bdfsync.core.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit non-cryptographic hash of byte ranges (two multiply-xorshift lanes over little-endian
 * 8-byte words, murmur3's finaliser). Used only to skip rows whose stored bytes are equal: a collision
 * (probability about 2^-64 per compared row) would hide a change, every other outcome is checked on values.
 */
final class Hash64 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B97F4A7C15L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

    private Hash64() {
    }

    static long hash(byte[] b, int from, int to, long seed) {
        long h1 = seed ^ P1, h2 = seed ^ P2;
        int i = from;
        for (; i + 16 <= to; i += 16) {
            long v1 = (long) LONGS.get(b, i), v2 = (long) LONGS.get(b, i + 8);
            h1 = Long.rotateLeft(h1 ^ (v1 * P2), 31) * P1;
            h2 = Long.rotateLeft(h2 ^ (v2 * P1), 29) * P2;
        }
        long tail = 0;
        int shift = 0;
        for (; i < to; i++, shift += 8) {
            if (shift == 64) {
                h1 = Long.rotateLeft(h1 ^ (tail * P2), 31) * P1;
                tail = 0;
                shift = 0;
            }
            tail |= (b[i] & 0xFFL) << shift;
        }
        h2 = Long.rotateLeft(h2 ^ (tail * P1), 29) * P2;
        long h = h1 ^ Long.rotateLeft(h2, 17) ^ (to - from);
        return mix(h);
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
