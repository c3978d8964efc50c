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
     * within each side (the caller checked their hashes). Output fids follow the parts' order (ascending fids when the
     * parts are consecutive rowid ranges); pairs follow A's order.
     *
     * <p>Two steps. (1) Both sides are partitioned by the top bits of the key hash and each bucket of A is matched with
     * the same bucket of B on the 64-bit key hash alone: {@code partner[a]} = B's row. (2) A's rows are walked in
     * order and each partner's key bytes are checked equal, so only B's side is read at random; a pair whose payload
     * hashes are equal is unchanged. Each step runs in parallel (sides, bucket ranges, ranges of A's rows).
     */
    static Joined join(List<LoneRows> aParts, List<LoneRows> bParts, ExecutorService pool, int threads) {
        int total = 0;
        for (LoneRows p : aParts) total += p.size;
        // the parts are emptied as they are flattened
        int n = pool == null || total < 65536 ? 1 : Math.max(1, threads);
        List<Flat> sides = run(pool, n, List.of(() -> concat(aParts), () -> concat(bParts)));
        Flat a = sides.get(0), b = sides.get(1);
        int bits = bucketBits(Math.max(a.size(), b.size()));
        List<Partition> parted = run(pool, n, List.of(() -> Partition.of(a, bits), () -> Partition.of(b, bits)));
        Partition pa = parted.get(0), pb = parted.get(1);
        int[] partner = new int[a.size()];
        int buckets = 1 << bits;
        List<Callable<Void>> match = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int from = (int) ((long) buckets * t / n), to = (int) ((long) buckets * (t + 1) / n);
            match.add(() -> {
                matchBuckets(pa, pb, from, to, partner);
                return null;
            });
        }
        run(pool, n, match);
        boolean[] matchedB = new boolean[b.size()];
        List<Callable<Joined>> verify = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int from = (int) ((long) a.size() * t / n), to = (int) ((long) a.size() * (t + 1) / n);
            verify.add(() -> verify(a, b, from, to, partner, matchedB));
        }
        List<Joined> ranges = run(pool, n, verify);
        LongList deleted = new LongList(), pairA = new LongList(), pairB = new LongList();
        long unchanged = 0;
        for (Joined r : ranges) {
            deleted.addAll(r.deleted());
            pairA.addAll(r.pairA());
            pairB.addAll(r.pairB());
            unchanged += r.unchanged();
        }
        LongList inserted = new LongList();
        for (int j = 0; j < b.size(); j++) if (!matchedB[j]) inserted.add(b.fids()[j]);
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

    /**
     * Step (2) for A's rows [from, to): a row whose partner's key bytes are equal is matched (unchanged, or a pair when
     * the payload hashes differ), any other is deleted. {@code partner} holds B's row + 1 (0: none). The result's
     * inserted list is unused.
     */
    private static Joined verify(Flat a, Flat b, int from, int to, int[] partner, boolean[] matchedB) {
        LongList deleted = new LongList(), pairA = new LongList(), pairB = new LongList();
        long unchanged = 0;
        for (int i = from; i < to; i++) {
            int j = partner[i] - 1;
            if (j < 0 || !Arrays.equals(a.arena(), a.keyStart()[i], a.keyStart()[i + 1], b.arena(), b.keyStart()[j], b.keyStart()[j + 1])) {
                deleted.add(a.fids()[i]);
                continue;
            }
            matchedB[j] = true; // keys are unique on each side: no other row of A has this partner
            if (a.hashLo()[i] == b.hashLo()[j] && a.hashHi()[i] == b.hashHi()[j]) {
                unchanged++;
            } else {
                pairA.add(a.fids()[i]);
                pairB.add(b.fids()[j]);
            }
        }
        return new Joined(deleted, null, pairA, pairB, unchanged);
    }

    /** Step (1) for buckets [from, to): A's row → B's row + 1 with the same key hash. */
    private static void matchBuckets(Partition pa, Partition pb, int from, int to, int[] partner) {
        for (int k = from; k < to; k++) {
            int fromB = pb.start[k], toB = pb.start[k + 1];
            if (fromB == toB) continue;
            for (int i = pa.start[k], toA = pa.start[k + 1]; i < toA; i++) {
                long kh = pa.hash[i];
                for (int j = fromB; j < toB; j++) {
                    if (pb.hash[j] == kh) {
                        partner[pa.row[i]] = pb.row[j] + 1;
                        break;
                    }
                }
            }
        }
    }

    /** About four rows a bucket, at most 2^20 buckets. */
    private static int bucketBits(int n) {
        return Math.max(1, Math.min(20, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1L)) - 2));
    }

    /** The parts' rows one after the other, in flat arrays (one copy); the parts are emptied. */
    private static Flat concat(List<LoneRows> parts) {
        int n = 0, bytes = 0;
        for (LoneRows p : parts) {
            n += p.size;
            bytes += p.arenaBytes;
        }
        Flat f = new Flat(new byte[bytes], new int[n + 1], new long[n], new long[n], new long[n], new long[n]);
        int row = 0, at = 0;
        for (LoneRows p : parts) {
            for (int blk = 0; blk * BLOCK < p.size; blk++) {
                int m = Math.min(BLOCK, p.size - blk * BLOCK);
                System.arraycopy(p.keyHashes.get(blk), 0, f.keyHashes, row, m);
                System.arraycopy(p.fids.get(blk), 0, f.fids, row, m);
                System.arraycopy(p.hashLo.get(blk), 0, f.hashLo, row, m);
                System.arraycopy(p.hashHi.get(blk), 0, f.hashHi, row, m);
                int[] kb = p.keyBlock.get(blk), kf = p.keyFrom.get(blk), kl = p.keyLength.get(blk);
                for (int i = 0; i < m; i++, row++) {
                    f.keyStart[row] = at;
                    System.arraycopy(p.arenas.get(kb[i]), kf[i], f.arena, at, kl[i]);
                    at += kl[i];
                }
                // copied: let the block go (the flat copy and the blocks are never all held at once)
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
        f.keyStart[n] = at;
        return f;
    }

    /** One side's rows in flat arrays, for the join. */
    private record Flat(byte[] arena, int[] keyStart, long[] keyHashes, long[] fids, long[] hashLo, long[] hashHi) {
        int size() {
            return fids.length;
        }
    }

    /** A side's key hashes partitioned by their top bits (a counting sort on one digit): bucket k is [start[k], start[k+1]). */
    private record Partition(int[] start, long[] hash, int[] row) {
        static Partition of(Flat t, int bits) {
            int buckets = 1 << bits, shift = 64 - bits;
            int[] start = new int[buckets + 1];
            for (int i = 0; i < t.size(); i++) start[(int) (t.keyHashes()[i] >>> shift) + 1]++;
            for (int k = 0; k < buckets; k++) start[k + 1] += start[k];
            int[] at = Arrays.copyOf(start, buckets);
            long[] hash = new long[t.size()];
            int[] row = new int[t.size()];
            for (int i = 0; i < t.size(); i++) {
                long kh = t.keyHashes()[i];
                int slot = at[(int) (kh >>> shift)]++;
                hash[slot] = kh;
                row[slot] = i;
            }
            return new Partition(start, hash, row);
        }
    }
}
