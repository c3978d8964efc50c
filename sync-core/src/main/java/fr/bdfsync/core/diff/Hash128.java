package fr.bdfsync.core.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 128-bit non-cryptographic hash of a byte range: MurmurHash3 x64-128 (Austin Appleby's public-domain algorithm,
 * written here from its description), seed 0. The native scan keeps it for rows that do not pair up by rowid and
 * declares two rows with the same key unchanged when their record payloads have the same 128-bit hash: for
 * payloads that are not crafted to collide, the chance that one changed row is missed is about 2^-128 (summed over
 * a million pairs, about 3·10^-33). Hash-equal pairs are not re-read.
 */
final class Hash128 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87C37B91114253D5L;
    private static final long C2 = 0x4CF5AD432745937FL;

    private Hash128() {
    }

    /** Hashes {@code b[from, to)} into {@code out[0]} and {@code out[1]}. */
    static void hash(byte[] b, int from, int to, long[] out) {
        long h1 = 0, h2 = 0;
        int i = from;
        for (; i + 16 <= to; i += 16) {
            long k1 = (long) LONGS.get(b, i), k2 = (long) LONGS.get(b, i + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52DCE729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495AB5;
        }
        long k1 = 0, k2 = 0;
        int rest = to - i;
        for (int j = rest - 1; j >= 8; j--) k2 = (k2 << 8) | (b[i + j] & 0xFFL);
        for (int j = Math.min(rest, 8) - 1; j >= 0; j--) k1 = (k1 << 8) | (b[i + j] & 0xFFL);
        if (rest > 8) h2 ^= mixK2(k2);
        if (rest > 0) h1 ^= mixK1(k1);
        long len = to - from;
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = Hash64.mix(h1);
        h2 = Hash64.mix(h2);
        h1 += h2;
        h2 += h1;
        out[0] = h1;
        out[1] = h2;
    }

    private static long mixK1(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long mixK2(long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
    }
}
