package fr.bdfsync.core.diff;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one scan of a layer keeps per row, in primitive arrays (about 40 bytes plus the key's bytes per
 * row, no object per row): the key's bytes, the fid, a hash of the attribute values and a hash of the
 * geometry's WKB. Open addressing on the key hash finds a key in constant time.
 */
final class KeyTable {
    /** Largest capacity taken from a size hint: a wrong hint costs at most about 60 MB. */
    static final int MAX_HINT = 1 << 20;
    private byte[] arena;
    private int arenaLength;
    private int[] keyStart;
    private long[] fids;
    private long[] attrHashes;
    private long[] geomHashes;
    private long[] keyHashes;
    private int size;
    /** Open addressing: (upper 32 bits of the key hash) << 32 | (row index + 1); 0 is empty. Probes touch this array only. */
    private long[] slots;
    private boolean[] marks;

    KeyTable() {
        this(0);
    }

    /**
     * @param expectedRows a hint of the number of rows (e.g. the largest fid), capped at {@link #MAX_HINT}: the arrays
     *                     then grow without repeated copies and rehashes, which at a million rows cost more than the probes
     */
    KeyTable(long expectedRows) {
        int rows = (int) Math.max(1024, Math.min(MAX_HINT, expectedRows + 1));
        arena = new byte[Math.max(1 << 16, rows * 24)];
        keyStart = new int[rows + 1];
        fids = new long[rows];
        attrHashes = new long[rows];
        geomHashes = new long[rows];
        keyHashes = new long[rows];
        slots = new long[(Integer.highestOneBit(rows - 1) << 1) * 2]; // load factor at most 1/2
    }

    int size() {
        return size;
    }

    /** Adds a row; returns -1, or the index of the row already holding this key (a duplicate). */
    int add(byte[] key, long fid, long attrHash, long geomHash) {
        return add(key, 0, key.length, fid, attrHash, geomHash);
    }

    /** Adds a row whose key is {@code buf[from, to)}; returns -1, or the index of the row already holding this key. */
    int add(byte[] buf, int from, int to, long fid, long attrHash, long geomHash) {
        int length = to - from;
        long kh = Hash64.hash(buf, from, to, 7);
        int found = find(buf, from, to, kh);
        if (found >= 0) return found;
        if (size + 1 >= keyStart.length) grow();
        if (arenaLength + length > arena.length) arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + length));
        System.arraycopy(buf, from, arena, arenaLength, length);
        keyStart[size] = arenaLength;
        arenaLength += length;
        keyStart[size + 1] = arenaLength;
        fids[size] = fid;
        attrHashes[size] = attrHash;
        geomHashes[size] = geomHash;
        keyHashes[size] = kh;
        insertSlot(size, kh);
        size++;
        if (size * 2 > slots.length) rehash();
        return -1;
    }

    /** Index of the row with the key of row {@code i} of {@code other}, or -1. */
    int findKeyOf(KeyTable other, int i) {
        return find(other.arena, other.keyStart[i], other.keyStart[i + 1], other.keyHashes[i]);
    }

    private int find(byte[] b, int from, int to, long kh) {
        int mask = slots.length - 1;
        int s = (int) kh & mask;
        long tag = kh & 0xFFFFFFFF00000000L;
        while (true) {
            long v = slots[s];
            if (v == 0) return -1;
            if ((v & 0xFFFFFFFF00000000L) == tag) {
                int idx = (int) v - 1;
                if (keyHashes[idx] == kh && Arrays.equals(arena, keyStart[idx], keyStart[idx + 1], b, from, to)) return idx;
            }
            s = (s + 1) & mask;
        }
    }

    private void insertSlot(int idx, long kh) {
        int mask = slots.length - 1;
        int s = (int) kh & mask;
        while (slots[s] != 0) s = (s + 1) & mask;
        slots[s] = (kh & 0xFFFFFFFF00000000L) | (idx + 1L);
    }

    private void grow() {
        int n = keyStart.length * 2;
        keyStart = Arrays.copyOf(keyStart, n + 1);
        fids = Arrays.copyOf(fids, n);
        attrHashes = Arrays.copyOf(attrHashes, n);
        geomHashes = Arrays.copyOf(geomHashes, n);
        keyHashes = Arrays.copyOf(keyHashes, n);
    }

    private void rehash() {
        slots = new long[slots.length * 2];
        for (int i = 0; i < size; i++) insertSlot(i, keyHashes[i]);
    }

    String key(int i) {
        return new String(arena, keyStart[i], keyStart[i + 1] - keyStart[i], StandardCharsets.UTF_8);
    }

    long fid(int i) {
        return fids[i];
    }

    long attrHash(int i) {
        return attrHashes[i];
    }

    long geomHash(int i) {
        return geomHashes[i];
    }

    void mark(int i) {
        if (marks == null) marks = new boolean[size];
        marks[i] = true;
    }

    void clearMarks() {
        marks = null;
    }

    boolean marked(int i) {
        return marks != null && marks[i];
    }
}
