package fr.bdfsync.core.diff;

/**
 * What the first pass of a two-way diff leaves for the second: fids of the rows deleted (side A), inserted (side B),
 * of the pairs (same key) whose stored bytes differ, and the count of pairs found unchanged. When the first pass read
 * a pair's records itself (the pure-Java scan, rows paired by rowid), {@code recordA[k]} and {@code recordB[k]} are
 * copies of them, so the second pass need not read those rows again; null entries (or null arrays) are read by fid.
 * The second pass releases each record as it takes it ({@link #release}).
 */
record Candidates(long[] deleted, int nd, long[] inserted, int ni, long[] pairA, long[] pairB, int np, long unchanged,
                  byte[][] recordA, byte[][] recordB) {
    Candidates(long[] deleted, int nd, long[] inserted, int ni, long[] pairA, long[] pairB, int np, long unchanged) {
        this(deleted, nd, inserted, ni, pairA, pairB, np, unchanged, null, null);
    }

    /** Drops the record of pair {@code k} on one side, once the second pass has taken it. */
    void release(int k, boolean sideB) {
        byte[][] r = sideB ? recordB : recordA;
        if (r != null) r[k] = null;
    }

    /** The record of pair {@code k} on side A (B when {@code sideB}) read by the first pass, or null. */
    byte[] record(int k, boolean sideB) {
        byte[][] r = sideB ? recordB : recordA;
        return r == null ? null : r[k];
    }
}
