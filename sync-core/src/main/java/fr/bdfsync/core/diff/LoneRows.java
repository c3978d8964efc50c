package fr.bdfsync.core.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * The rows of one side that the pure-Java scan could not pair up by rowid (inserted, deleted or renumbered), kept
 * for the join by key at the end of the scan: per row its key's bytes, the key's 64-bit hash, the fid and the
 * 128-bit hash of its record payload, in primitive arrays filled in scan order (about 60 bytes a row with a
 * 24-byte key, no object per row).
 *
 * <p>Appending does no lookup: the keys of a side are checked for repeats once, over all of the side's rows, by
 * {@link LongRepeats}, before {@link #join} runs. The join partitions both sides by the top bits of the key hash
 * (a counting sort on one digit, as {@link LongRepeats} does) and matches each small bucket of A with the same
 * bucket of B, then checks the key bytes of the pairs in A's order: only B's rows are then read at random. A hash
 * table of a million rows probed at random (the previous design, still {@link KeyTable} on the SQL path) spent most
 * of its time waiting for memory: a quarter of a renumbered diff's CPU time at 1M rows per layer.
 */
final class LoneRows {
    /** Rows per block: appending never copies what was appended before (growing flat arrays of a million rows did). */
    private static final int BLOCK = 1 << 14;
    private static final int ARENA_BLOCK = 1 << 18;
    private final List<long[]> keyHashes = new ArrayList<>(), fids = new ArrayList<>(), hashLo = new ArrayList<>(), hashHi = new ArrayList<>();
    /** Per row: the index of its key's arena block, and its offset and length there. */
    private final List<int[]> keyBlock = new ArrayList<>(), keyFrom = new ArrayList<>(), keyLength = new ArrayList<>();
    private final List<byte[]> arenas = new ArrayList<>();
    /** The blocks being filled. */
    private long[] curKeyHashes, curFids, curLo, curHi;
    private int[] curKeyBlock, curKeyFrom, curKeyLength;
    private byte[] arena;
    private int arenaUsed;
    private int arenaBytes;
    private int size;

    int size() {
        return size;
    }

    /** Appends a row whose key is {@code key[from, to)}, with {@code keyHash} = {@link Hash64#hash}{@code (key, from, to, 7)}. */
    void add(byte[] key, int from, int to, long keyHash, long fid, long payloadLo, long payloadHi) {
        int length = to - from;
        int at = size % BLOCK;
        if (at == 0) {
            keyHashes.add(curKeyHashes = new long[BLOCK]);
            fids.add(curFids = new long[BLOCK]);
            hashLo.add(curLo = new long[BLOCK]);
            hashHi.add(curHi = new long[BLOCK]);
            keyBlock.add(curKeyBlock = new int[BLOCK]);
            keyFrom.add(curKeyFrom = new int[BLOCK]);
            keyLength.add(curKeyLength = new int[BLOCK]);
        }
        if (arena == null || arenaUsed + length > arena.length) {
            arena = new byte[Math.max(ARENA_BLOCK, length)];
            arenas.add(arena);
            arenaUsed = 0;
        }
        System.arraycopy(key, from, arena, arenaUsed, length);
        curKeyBlock[at] = arenas.size() - 1;
        curKeyFrom[at] = arenaUsed;
        curKeyLength[at] = length;
        arenaUsed += length;
        arenaBytes += length;
        curKeyHashes[at] = keyHash;
        curFids[at] = fid;
        curLo[at] = payloadLo;
        curHi[at] = payloadHi;
        size++;
    }

    /** Empties the table (as new). */
    private void clear() {
        for (List<?> l : List.of(keyHashes, fids, hashLo, hashHi, keyBlock, keyFrom, keyLength, arenas)) l.clear();
        arena = null;
        arenaBytes = 0;
        size = 0;
    }

    /** What {@link #join} finds: fids of A's rows without a partner, of B's, the pairs whose payload hashes differ, and the count of equal pairs. */
    record Joined(LongList deleted, LongList inserted, LongList pairA, LongList pairB, long unchanged) {
    }

    /** Joins on one thread (tests). */
    static Joined join(List<LoneRows> a, List<LoneRows> b) {
        return join(a, b, null, 1);
    }

    /**
     * Joins the rows of side A (in any number of parts, in scan order) with those of side B by key. Keys must be unique
     * within each side (the caller checked their hashes). Output fids are sorted: deleted and inserted ascending, pairs
     * by A's fid.
     *
     * <p>A radix join. (1) Each side's rows are scattered by the top bits of their key hash into partitions of about
     * {@link #PARTITION_ROWS} rows, each one contiguous (key hash, fid, payload hash and key bytes side by side): one
     * sequential read of the rows, writes to one position per partition. (2) Each partition of A is joined with the same
     * partition of B through a small open-addressing table of B's key hashes; a row whose partner has the same key bytes
     * is matched, unchanged when the payload hashes agree. A partition of both sides fits in the processor's cache, so
     * no step waits for memory at random (the previous join matched rows through arrays of the whole side: a partner
     * array written at random, then B's keys and hashes read at random, 650 ns a row at 1M rows). The partitions are
     * shared among the threads.
     */
    static Joined join(List<LoneRows> aParts, List<LoneRows> bParts, ExecutorService pool, int threads) {
        int totalA = 0, totalB = 0;
        for (LoneRows p : aParts) totalA += p.size;
        for (LoneRows p : bParts) totalB += p.size;
        int n = pool == null || totalA + totalB < 65536 ? 1 : Math.max(1, threads);
        int bits = partitionBits(Math.max(totalA, totalB));
        // the parts are emptied as they are scattered
        List<Partitioned> sides = run(pool, n, List.of(() -> Partitioned.of(aParts, bits), () -> Partitioned.of(bParts, bits)));
        Partitioned a = sides.get(0), b = sides.get(1);
        int partitions = 1 << bits;
        List<Callable<Joined>> tasks = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int from = (int) ((long) partitions * t / n), to = (int) ((long) partitions * (t + 1) / n);
            tasks.add(() -> joinPartitions(a, b, from, to));
        }
        LongList deleted = new LongList(), inserted = new LongList(), pairA = new LongList(), pairB = new LongList();
        long unchanged = 0;
        for (Joined r : run(pool, n, tasks)) {
            deleted.addAll(r.deleted());
            inserted.addAll(r.inserted());
            pairA.addAll(r.pairA());
            pairB.addAll(r.pairB());
            unchanged += r.unchanged();
        }
        Arrays.sort(deleted.array(), 0, deleted.size());
        Arrays.sort(inserted.array(), 0, inserted.size());
        LongPairs.sortByFirst(pairA.array(), pairB.array(), pairA.size());
        return new Joined(deleted, inserted, pairA, pairB, unchanged);
    }

    /** The tasks on the pool when {@code n > 1}, else one after the other here. */
    private static <T> List<T> run(ExecutorService pool, int n, List<Callable<T>> tasks) {
        if (n > 1) return Parallel.runAll(pool, tasks);
        List<T> out = new ArrayList<>();
        try {
            for (Callable<T> t : tasks) out.add(t.call());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Rows per partition aimed at: a partition of both sides, with its table, stays within a few hundred kilobytes. */
    static final int PARTITION_ROWS = 2048;

    /** Partitions of about {@link #PARTITION_ROWS} rows, at most 2^16. */
    private static int partitionBits(int n) {
        int bits = 0;
        while (bits < 16 && ((long) PARTITION_ROWS << bits) < n) bits++;
        return bits;
    }

    /**
     * Step (2) for partitions [from, to): A's rows in A's order within each partition, B's unmatched rows after.
     * The table and the flags are reused from partition to partition.
     */
    private static Joined joinPartitions(Partitioned a, Partitioned b, int from, int to) {
        LongList deleted = new LongList(), inserted = new LongList(), pairA = new LongList(), pairB = new LongList();
        long unchanged = 0;
        int[] table = new int[16];
        boolean[] matched = new boolean[16];
        for (int p = from; p < to; p++) {
            int fa = a.start[p], ta = a.start[p + 1], fb = b.start[p], tb = b.start[p + 1];
            int nb = tb - fb;
            int size = Integer.highestOneBit(Math.max(1, nb) * 2) * 2;
            if (table.length < size) table = new int[size];
            else Arrays.fill(table, 0, size, 0);
            if (matched.length < nb) matched = new boolean[nb];
            else Arrays.fill(matched, 0, nb, false);
            int mask = size - 1;
            // the top bits chose the partition: the slot comes from the low bits
            for (int j = fb; j < tb; j++) {
                int slot = (int) b.hash[j] & mask;
                while (table[slot] != 0) slot = (slot + 1) & mask;
                table[slot] = j - fb + 1;
            }
            for (int i = fa; i < ta; i++) {
                long kh = a.hash[i];
                int j = -1;
                for (int slot = (int) kh & mask; table[slot] != 0; slot = (slot + 1) & mask) {
                    int c = fb + table[slot] - 1;
                    if (b.hash[c] == kh) {
                        j = c; // key hashes are unique within a side: the only candidate
                        break;
                    }
                }
                if (j < 0 || !Arrays.equals(a.keys, a.keyStart[i], a.keyStart[i] + a.keyLength[i], b.keys, b.keyStart[j], b.keyStart[j] + b.keyLength[j])) {
                    deleted.add(a.fid[i]);
                    continue;
                }
                matched[j - fb] = true;
                if (a.lo[i] == b.lo[j] && a.hi[i] == b.hi[j]) {
                    unchanged++;
                } else {
                    pairA.add(a.fid[i]);
                    pairB.add(b.fid[j]);
                }
            }
            for (int j = fb; j < tb; j++) if (!matched[j - fb]) inserted.add(b.fid[j]);
        }
        return new Joined(deleted, inserted, pairA, pairB, unchanged);
    }

    /**
     * One side's rows scattered by the top {@code bits} of their key hash: partition k is rows [start[k], start[k+1]),
     * in the parts' order within it; its key bytes lie together in {@code keys}.
     */
    private static final class Partitioned {
        final int[] start;
        final long[] hash, fid, lo, hi;
        final int[] keyStart, keyLength;
        final byte[] keys;

        private Partitioned(int partitions, int rows, long keyBytes) {
            if (keyBytes > Integer.MAX_VALUE - 16) throw new IllegalStateException("keys of more than 2 GB on one side");
            start = new int[partitions + 1];
            hash = new long[rows];
            fid = new long[rows];
            lo = new long[rows];
            hi = new long[rows];
            keyStart = new int[rows];
            keyLength = new int[rows];
            keys = new byte[(int) keyBytes];
        }

        static Partitioned of(List<LoneRows> parts, int bits) {
            int partitions = 1 << bits, rows = 0;
            long keyBytes = 0;
            int[] count = new int[partitions];
            long[] bytes = new long[partitions];
            for (LoneRows p : parts) {
                rows += p.size;
                keyBytes += p.arenaBytes;
                for (int blk = 0; blk * BLOCK < p.size; blk++) {
                    int m = Math.min(BLOCK, p.size - blk * BLOCK);
                    long[] kh = p.keyHashes.get(blk);
                    int[] kl = p.keyLength.get(blk);
                    for (int i = 0; i < m; i++) {
                        int k = partition(kh[i], bits);
                        count[k]++;
                        bytes[k] += kl[i];
                    }
                }
            }
            Partitioned t = new Partitioned(partitions, rows, keyBytes);
            int[] at = new int[partitions];
            int[] keyAt = new int[partitions];
            for (int k = 0, r = 0, kb = 0; k < partitions; k++) {
                t.start[k] = r;
                at[k] = r;
                keyAt[k] = kb;
                r += count[k];
                kb += (int) bytes[k];
            }
            t.start[partitions] = rows;
            for (LoneRows p : parts) {
                for (int blk = 0; blk * BLOCK < p.size; blk++) {
                    int m = Math.min(BLOCK, p.size - blk * BLOCK);
                    long[] kh = p.keyHashes.get(blk), f = p.fids.get(blk), l = p.hashLo.get(blk), h = p.hashHi.get(blk);
                    int[] kbk = p.keyBlock.get(blk), kf = p.keyFrom.get(blk), kl = p.keyLength.get(blk);
                    for (int i = 0; i < m; i++) {
                        int k = partition(kh[i], bits);
                        int row = at[k]++;
                        t.hash[row] = kh[i];
                        t.fid[row] = f[i];
                        t.lo[row] = l[i];
                        t.hi[row] = h[i];
                        t.keyStart[row] = keyAt[k];
                        t.keyLength[row] = kl[i];
                        System.arraycopy(p.arenas.get(kbk[i]), kf[i], t.keys, keyAt[k], kl[i]);
                        keyAt[k] += kl[i];
                    }
                    // scattered: let the block go (the partitioned copy and the blocks are never all held at once)
                    p.keyHashes.set(blk, null);
                    p.fids.set(blk, null);
                    p.hashLo.set(blk, null);
                    p.hashHi.set(blk, null);
                    p.keyBlock.set(blk, null);
                    p.keyFrom.set(blk, null);
                    p.keyLength.set(blk, null);
                }
                p.clear();
            }
            return t;
        }

        private static int partition(long keyHash, int bits) {
            return bits == 0 ? 0 : (int) (keyHash >>> (64 - bits));
        }
    }
}
