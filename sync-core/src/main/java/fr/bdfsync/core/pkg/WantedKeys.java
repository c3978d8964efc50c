package fr.bdfsync.core.pkg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The keys a package names, matched against a key column's stored bytes without decoding them: the key scan reads a
 * million rows for a few thousand keys, and making a String of each row's key to look it up cost more than the rest of
 * the row's parsing. Exact for ASCII bytes (a String decoded from ASCII bytes equals a key exactly when the key's UTF-8
 * bytes are those bytes); bytes with any non-ASCII byte are left to the caller's decoding (a malformed sequence decodes
 * to replacement characters, so only the decoded String can tell).
 */
final class WantedKeys {
    private final byte[][] table;
    private final int mask;

    WantedKeys(Set<String> keys) {
        int size = Integer.highestOneBit(Math.max(4, keys.size() * 2 - 1)) << 1;
        table = new byte[size][];
        mask = size - 1;
        for (String k : keys) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            int i = hash(b, 0, b.length) & mask;
            while (table[i] != null && !Arrays.equals(table[i], b)) i = (i + 1) & mask;
            table[i] = b;
        }
    }

    /** False only when {@code buf[at, at + len)} is ASCII and is no key's bytes; true otherwise (decode and look up). */
    boolean mayHold(byte[] buf, int at, int len) {
        int h = 1;
        for (int i = at; i < at + len; i++) {
            byte x = buf[i];
            if (x < 0) return true; // non-ASCII: decided on the decoded String
            h = 31 * h + x;
        }
        for (int i = mix(h) & mask; table[i] != null; i = (i + 1) & mask) {
            if (Arrays.equals(table[i], 0, table[i].length, buf, at, at + len)) return true;
        }
        return false;
    }

    private static int hash(byte[] b, int at, int len) {
        int h = 1;
        for (int i = at; i < at + len; i++) h = 31 * h + b[i];
        return mix(h);
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}
