package fr.bdfsync.core.diff;

/**
 * Sees every row of the first side (A) of a two-way diff as the pure-Java scan ({@link PairedScan}) reads it, so that a
 * caller can compute something over all of A's rows within the diff's own read (the contribution package's base
 * digest: {@code pkg.BaseDigestObserver}) instead of reading the file again.
 */
public interface RowObserver {
    /** A sink for one partition of the scan: called before the partitions run; each sink is then used by one thread. */
    Partition partition();

    /**
     * Called once, after a scan all of whose partitions completed: every row of A went to exactly one sink. Never called
     * when the pure-Java scan was not used or gave up ({@link ScanFallback}): the sinks are then incomplete.
     */
    void completed();

    /** The rows of A in one partition, in rowid order. */
    interface Partition {
        /**
         * A row of A: its rowid and its record payload ({@code payload[0, length)}, valid during the call only);
         * {@code identicalInB}: B's row with the same rowid has the same key and byte-identical payload (the diff finds
         * it unchanged).
         */
        void row(long rowid, byte[] payload, int length, boolean identicalInB);
    }
}
